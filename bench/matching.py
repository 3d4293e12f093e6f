"""Figures for page-text extraction and quote matching (printed, never a timed test).

    python -m bench.matching [--pages 2000] [--large-pages 40] [--rounds 5] [--seed 7]

Builds realistic news pages (~40 KB of HTML: head with scripts and styles, navigation,
an article of ~1,300 words with inline markup, related links, footer), then measures on one
core: page-text extraction (pages/s), quote checks (quotes/s, one quote per page, half of them
verbatim, a quarter with one word changed, a quarter absent), and the cost of a check at
40, 120 and 400 KB pages, to show matching grows no faster than the page (and the reading
of quotation interruptions on a page of thousands of pull-quote lines). Beside the
page-text rate, lxml's own parse of the same pages (the tree built, nothing read from it)
is timed too: no reader built on lxml can go faster than that on the machine at hand.

Rates are per second of this process's CPU time (time.process_time), so that other work on a
shared machine does not count against them; each is the median of --rounds runs, with the
best run and the wall-clock median beside it.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable

from lxml import etree

from verifier.match.passages import prepare
from verifier.matching import match_quote
from verifier.models import PageText
from verifier.pagetext import page_text
from verifier.status import QuoteStatus

FUNCTION_WORDS = ["the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "with", "as", "by", "at", "from", "said", "he", "it", "his", "but", "are", "have", "has", "be", "not", "this", "which", "who", "they", "were", "their", "will", "an", "would", "been", "had", "also", "more", "after", "its", "we", "our", "could", "than", "into", "over", "about", "when", "there", "new", "two", "one", "first", "last", "year", "years", "people"]
CONTENT_TYPE = "text/html; charset=utf-8"
LINEAR_TOLERANCE = 1.5


class NewsWriter:
    """Deterministic news-like prose: function words plus a Zipf-distributed vocabulary."""

    def __init__(self, seed: int, vocabulary: int = 8000) -> None:
        self.rng = random.Random(seed)
        syllables = ["ba", "ker", "lo", "min", "sta", "tor", "vel", "ra", "pen", "dis", "cor",
                     "al", "ment", "ist", "gan", "shi", "mar", "ton", "el", "ri", "po", "lan"]
        words: set[str] = set()
        while len(words) < vocabulary:
            words.add("".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 4))))
        self.words = sorted(words)
        weights = [1.0 / (rank + 10) for rank in range(len(self.words))]
        total, running = sum(weights), 0.0
        self.cumulative = []
        for w in weights:
            running += w / total
            self.cumulative.append(running)

    def sentence(self) -> str:
        n = self.rng.randint(9, 32)
        content = self.rng.choices(self.words, cum_weights=self.cumulative, k=n)
        words = [c if self.rng.random() < 0.55 else self.rng.choice(FUNCTION_WORDS) for c in content]
        if self.rng.random() < 0.2:
            words.insert(self.rng.randrange(len(words)), str(self.rng.randint(2, 2024)))
        words[0] = words[0].capitalize()
        return " ".join(words) + self.rng.choice([".", ".", ".", "?", ","]).replace(",", ".")

    def paragraph(self) -> list[str]:
        return [self.sentence() for _ in range(self.rng.randint(2, 5))]


def _inline_markup(rng: random.Random, sentence: str) -> str:
    words = sentence.split(" ")
    for _ in range(2):
        i = rng.randrange(len(words))
        tag = rng.choice(["em", "strong", "a", "span"])
        attrs = f' href="/topic/{i}" class="inline-link"' if tag == "a" else ""
        words[i] = f"<{tag}{attrs}>{words[i]}</{tag}>"
    return " ".join(words)


def news_page(writer: NewsWriter, article_bytes: int) -> tuple[bytes, list[str]]:
    """One page of HTML and the plain sentences of its article."""
    rng = writer.rng
    nav = "".join(f'<li class="nav__item"><a class="nav__link" href="/section/{i}">'
                  f'{writer.sentence().split()[0]}</a></li>' for i in range(40))
    head = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{writer.sentence()[:70]}</title>"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            + "".join(f'<meta property="og:tag{i}" content="{writer.sentence()}">' for i in range(6))
            + '<script type="application/ld+json">{"@context": "https://schema.org", '
            f'"@type": "NewsArticle", "headline": "{writer.sentence()}", "description": '
            f'"{writer.sentence()} {writer.sentence()}"}}</script>'
            "<style>" + "".join(f".c{i}{{margin:{i}px;padding:0 {i % 7}px;color:#3{i % 10}3}}"
                                for i in range(120)) + "</style>"
            "<script>" + "".join(f"window.cfg{i}={{id:{i},slot:'ad-{i}',lazy:true}};"
                                 for i in range(80)) + "</script>"
            '<script id="__STATE__" type="application/json">{"stories": ['
            + ",".join(f'{{"id": {i}, "title": "{writer.sentence()}", "url": "/story/{i}"}}'
                       for i in range(60)) + "]}</script></head>")
    body = [f'<body class="article-page"><a class="skip" href="#main">Skip to content</a>'
            f'<header class="site-header"><div class="logo">The Daily Record</div><nav>'
            f'<ul class="nav">{nav}</ul></nav></header>'
            '<div class="cookie-banner" style="display:none">We use cookies.</div>'
            f'<main id="main"><article class="story"><h1 class="headline">{writer.sentence()}</h1>'
            '<div class="byline">By <a href="/staff/1">Staff Reporter</a> <time '
            'datetime="2024-03-26">26 March 2024</time></div><figure><img src="/img/1.jpg" '
            f'alt="photo"><figcaption>{writer.sentence()}</figcaption></figure>']
    sentences: list[str] = []
    size = 0
    while size < article_bytes:
        paragraph = writer.paragraph()
        sentences.extend(paragraph)
        html = "<p>" + " ".join(_inline_markup(rng, s) for s in paragraph) + "</p>\n"
        if rng.random() < 0.08:
            html += ('<div class="ad-slot" data-slot="mid"><!-- ad --><span class="ad-label">'
                     "Advertisement</span></div>")
        body.append(html)
        size += len(html)
    related = "".join(f'<li><a href="/story/{i}"><img src="/t/{i}.jpg" alt="">'
                      f"<span>{writer.sentence()[:80]}</span></a></li>" for i in range(10))
    footer = "".join(f'<a class="footer-link" href="/f/{i}">Link {i}</a> ' for i in range(30))
    body.append(f'</article><aside class="related"><h2>More stories</h2><ul>{related}</ul>'
                f'</aside></main><footer class="site-footer">{footer}<p>&copy; 2024 The Daily '
                'Record</p></footer><script src="/static/app.js"></script></body></html>')
    return (head + "".join(body)).encode(), sentences


def quote_for(writer: NewsWriter, sentences: list[str], kind: str) -> str:
    """A quote the page has verbatim, has with one word changed, or does not have."""
    rng = writer.rng
    sentence = rng.choice([s for s in sentences if len(s.split()) >= 10] or sentences)
    if kind == "absent":
        return "“" + writer.sentence() + "”"
    words = sentence.split()
    if kind == "changed":
        i = rng.randrange(1, len(words) - 1)
        words[i] = rng.choice(writer.words)
    return "“" + " ".join(words) + "”"


def build(count: int, article_bytes: int, seed: int) -> list[tuple[bytes, str, str]]:
    writer = NewsWriter(seed)
    kinds = ["verbatim", "verbatim", "changed", "absent"]
    cases = []
    for i in range(count):
        page, sentences = news_page(writer, article_bytes)
        kind = kinds[i % len(kinds)]
        cases.append((page, quote_for(writer, sentences, kind), kind))
    return cases


def timed(work: Callable[[], object]) -> float:
    """CPU seconds the work took in this process."""
    gc.collect()
    start = time.process_time()
    work()
    return time.process_time() - start


def rates(count: int, work: Callable[[], object], rounds: int) -> str:
    """'median N/s (best N/s; wall-clock median N/s)' over several runs of the work."""
    cpu, wall = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        cpu.append(count / timed(work))
        wall.append(count / (time.perf_counter() - start))
    return (f"median {statistics.median(cpu):,.0f}/s of CPU time (best {max(cpu):,.0f}/s; "
            f"wall-clock median {statistics.median(wall):,.0f}/s; {rounds} runs)")


def check_all(quotes: list[str], pages: list[PageText]) -> list[QuoteStatus]:
    return [match_quote(q, p).status for q, p in zip(quotes, pages, strict=True)]


def check_fresh(quotes: list[str], pages: list[PageText]) -> None:
    """Check each quote against its page, preparing every page anew (no cache hits)."""
    for quote, page in zip(quotes, pages, strict=True):
        match_quote(quote, PageText(text=page.text + " "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages (and quotes) at 40 KB")
    parser.add_argument("--large-pages", type=int, default=40, help="pages at 120 and 400 KB")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each timing")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    print(f"building {args.pages} pages of ~40 KB, {args.large_pages} of ~120 KB and of ~400 KB ...")
    small = build(args.pages, 9_000, args.seed)
    medium = build(args.large_pages, 90_000, args.seed + 1)
    large = build(args.large_pages, 370_000, args.seed + 2)
    page_text(small[0][0], CONTENT_TYPE)  # warm up: parsers, stylesheet, caches
    match_quote("warm up the matcher please", PageText(text="warm up the matcher please"))

    gc.freeze()  # the corpus is the benchmark's, not the work's: keep it out of collections
    kb = sum(len(p) for p, _q, _k in small) / len(small) / 1024
    bodies = [p for p, _q, _k in small]
    # Like the pipeline, keep each page's text only as long as it is needed.
    extraction = rates(len(bodies), lambda: all(page_text(b, CONTENT_TYPE) for b in bodies),
                       args.rounds)
    texts = [t for t in (page_text(b, CONTENT_TYPE) for b in bodies) if t is not None]
    text_kb = sum(len(t.text) for t in texts) / len(texts) / 1024
    print(f"\npage-text extraction on one core: {extraction.replace('/s', ' pages/s', 1)}\n"
          f"  ({len(small)} pages of {kb:.1f} KB HTML, {text_kb:.1f} KB of text each)")
    parser = etree.HTMLParser(encoding="utf-8")
    parse_only = rates(len(bodies), lambda: all(
        etree.fromstring(b, parser) is not None for b in bodies), args.rounds)
    print(f"  lxml's parse of the same pages alone, building the tree and nothing else: "
          f"{parse_only.replace('/s', ' pages/s', 1)}\n"
          "  (the ceiling of any reader built on lxml on this machine)")

    quotes = [q for _p, q, _k in small]
    statuses = check_all(quotes, texts)
    checks = rates(len(quotes), lambda: check_fresh(quotes, texts), args.rounds)
    print(f"quote checks on one core: {checks.replace('/s', ' checks/s', 1)}\n"
          f"  ({len(quotes)} quotes, each against its own page, page preparation included)")
    expected = {"verbatim": QuoteStatus.VERIFIED, "changed": QuoteStatus.PARTIAL,
                "absent": QuoteStatus.NOT_FOUND}
    right = sum(s is expected[k] for s, (_p, _q, k) in zip(statuses, small, strict=True))
    print(f"  verdicts as built: {right}/{len(small)} "
          "(verbatim -> verified, one word changed -> partial, absent -> not_found)")
    seconds = 0.0
    for quote, text in zip(quotes[:400], texts[:400], strict=False):
        prepare(text)  # the page's words, as the first quote on a page leaves them
        seconds += timed(lambda quote=quote, text=text: match_quote(quote, text))
    print(f"  a further quote on an already prepared page: {min(400, len(quotes)) / seconds:,.0f}"
          " checks/s")

    print("\nmatching cost by page length (one check per page, its preparation included; "
          "best of 3 runs):")
    rows = []
    for label, cases in (("40 KB", small[: args.large_pages]), ("120 KB", medium),
                         ("400 KB", large)):
        pages_ok = [p for p in (page_text(b, CONTENT_TYPE) for b, _q, _k in cases) if p]
        words = sum(len(p.text.split()) for p in pages_ok) / len(pages_ok)
        case_quotes = [q for _p, q, _k in cases]
        per_check = min(timed(lambda q=case_quotes, p=pages_ok: check_fresh(q, p))
                        for _ in range(3)) / len(cases)
        rows.append((per_check, words))
        html_kb = sum(len(b) for b, _q, _k in cases) / len(cases) / 1024
        print(f"  {label:>6} pages ({html_kb:4.0f} KB HTML, {words:6,.0f} words of text): "
              f"{per_check * 1000:6.2f} ms per check, {per_check / words * 1e6:5.2f} us per word")
    (t1, w1), (t2, w2) = rows[0], rows[-1]
    verdict = "linear" if t2 / w2 <= LINEAR_TOLERANCE * t1 / w1 else "WORSE THAN LINEAR"
    print(f"  {w2 / w1:.0f}x the words cost {t2 / t1:.0f}x the time per check: {verdict} "
          f"(per-word cost within {LINEAR_TOLERANCE}x; memory caches make big pages a little "
          "dearer per word)")
    _pull_quote_lines()
    return 0


def _pull_quote_lines() -> None:
    """A page of thousands of quotations alone on their lines (a magazine sets a pull-quote
    so, and each is looked for elsewhere on the page): the search must stay near each line."""
    from verifier.match.interruptions import interruption_spans

    def page(lines: int) -> str:
        return "\n".join(f"He said “the harbour plan will be late,\n“a quiet line {i} that no one "
                         "repeats here”\nand we know it” in May." for i in range(lines))

    times = []
    for lines in (4_000, 8_000):
        text = page(lines)
        times.append(min(timed(lambda t=text: interruption_spans(t)) for _ in range(3)))
    print(f"\npull-quote lines (quotation interruptions read on a page): 4,000 lines "
          f"{times[0]:.2f} s, 8,000 lines {times[1]:.2f} s, ratio {times[1] / times[0]:.1f} "
          "(about 2 when linear)")


if __name__ == "__main__":
    sys.exit(main())
