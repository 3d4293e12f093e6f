"""Extraction accuracy against hand-annotated expectations, and speed, on two corpora:

- seeds: the user's five documents (seeds/, expectations in tests/seeds_expected);
- corpus: documents written for evaluation in the formats users publish in, annotated by
  reading before extraction was run on them (tests/extraction_corpus, expectations in
  tests/extraction_corpus/expected; its PDFs are built from text by bench/corpus_pdf.py
  when the benchmark runs);
- holdout: documents written after the rules were tuned on the corpus, to measure how they
  generalise (tests/extraction_corpus/holdout);
- holdout2: a second held-out set in styles the others lack (tests/extraction_corpus/holdout2);
- holdout3: a third (a real PDF brief with endnotes, a WordPress post, a Markdown newsletter,
  an interview transcript, British single quotation marks; tests/extraction_corpus/holdout3);
- holdout4: a fourth (an HTML article with <q cite> and an update stamp, a Markdown brief with
  reference links, an e-mail newsletter, a live summary naming speakers by role;
  tests/extraction_corpus/holdout4);
- holdout5: a fifth (a Wikipedia-style article, a Substack-style newsletter, a two-column PDF
  paste, a press release with a briefing transcript, a Markdown feature with a table;
  tests/extraction_corpus/holdout5);
- holdout6: a sixth (an APA working paper, a fact-check, a PDF report with Roman-numeral endnotes,
  local news with an embedded tweet, a Q&A with German quotation marks and guillemets;
  tests/extraction_corpus/holdout6);
- holdout7: a seventh (a briefing transcript quoting third parties, a magazine feature with an
  epigraph and first names, a legal submission with Ibid./Id./supra notes, an op-ed whose quotations
  are link texts; tests/extraction_corpus/holdout7);
- holdout8: an eighth (a sports report, a science news piece quoting a paper, a court report,
  business news with an earnings call; tests/extraction_corpus/holdout8);
- holdout9: a ninth (a wire story in HTML, a PDF-pasted NGO briefing, a Markdown newsletter with
  reference links, a select committee transcript, a translated Persian press digest;
  tests/extraction_corpus/holdout9);
- holdout10: a tenth (a legislative policy memo with bracketed numeric references, a podcast
  page with show notes and a timestamped transcript, a Markdown explainer with reference-style
  links and a nested e-mail reply, a think-tank PDF with Chicago-style shortened notes, a
  Mailchimp-style HTML newsletter; tests/extraction_corpus/holdout10);
- holdout11: an eleventh (a plain-text wire roundup with datelines, a select committee report in
  Markdown, a magazine long read with a drop cap, pull quotes and <aside> notes, an academic
  preprint in HTML with author-year citations, an amicus brief quoting statutes;
  tests/extraction_corpus/holdout11);
- holdout12: a twelfth (a Hansard debate in Markdown with speaker headings, a fact-check with a
  Sources list of outlets and dates, an NGO briefing from Word to PDF to text with end-of-document
  endnotes and 'op. cit.', a news story attributing quotations across paragraph breaks, a morning
  press review of the papers; tests/extraction_corpus/holdout12);
- holdout13: a thirteenth, on how quotations are written (British single marks among apostrophes,
  „…” „…“ «…», em-dash dialogue, unmarked block quotes, split and one-word quotations,
  honorifics and name particles, terms in marks; tests/extraction_corpus/holdout13);
- holdout14: a fourteenth, of kinds and languages the others lack (German, Spanish and French
  news, wikitext with <ref> templates, notes restarting per chapter, a live blog's colon
  headlines, a social-media roundup, an MLA essay, a pledge tracker table, a Chicago author-date
  paper, an obituary; tests/extraction_corpus/holdout14);
- holdout15: a fifteenth (a Google Docs export, a paper with written DOIs, an oral history,
  archived and shortened links, a press release, Portuguese, Italian and Russian news, a court
  opinion, a plain-text live blog; tests/extraction_corpus/holdout15);
- holdout16: a sixteenth (a lynx text dump, popover and sidenote notes, a Dutch fact-check, a UN
  verbatim record, Telegram posts and an X thread quoted, nested quotations, a Court of Appeal
  judgment, Pandoc inline notes, Markdown reference forms, a Word consultation response;
  tests/extraction_corpus/holdout16).

    python -m bench.extraction           # precision / recall per measure and corpus, timing
    python -m bench.extraction -v        # ... and every difference
    python -m bench.extraction --check   # exit 1 when a gated figure is below its floor

Quotes match on their words (case, spacing and punctuation ignored); speakers and outlets
match ignoring case, a leading article and curly/straight apostrophes; a listed alternative
spelling also matches. Quotes marked optional count neither way. `dates` counts documents
whose date is the annotated one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.extraction_corpora import (  # noqa: F401  (re-exported for the tests)
    CORPORA,
    EXPECTED,
    FLOOR,
    GATED,
    MEASURES,
    ROOT,
    SEEDS,
    Corpus,
)
from verifier.citations import extract_citations, normalize_url
from verifier.documents import load_document
from verifier.models import Citation, Document, Quote
from verifier.quotes import extract_quotes


@dataclass
class Tally:
    """Counts for one measure: found-and-expected, found, expected."""

    hit: int = 0
    found: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, found: Iterable[object], expected: Iterable[object], label: str) -> None:
        got, want = Counter(found), Counter(expected)
        self.hit += sum((got & want).values())
        self.found += sum(got.values())
        self.expected += sum(want.values())
        for item in (want - got):
            self.misses.append(f"{label}: missed {item}")
        for item in (got - want):
            self.misses.append(f"{label}: extra {item}")

    @property
    def precision(self) -> float:
        return self.hit / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hit / self.expected if self.expected else 1.0


def words(text: str) -> str:
    """A quote's words only, for matching."""
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))


def name_key(name: str | None) -> str:
    if not name:
        return ""
    name = name.replace("’", "'").strip().lower()
    name = re.sub(r"^(?:all\s+)?(?:the|a|an)\s+", "", name)
    return " ".join(name.split())


def url_key(url: str) -> str:
    return normalize_url(url) or url


def extract(path: Path) -> tuple[Document, list[Citation], list[Quote], list[str]]:
    doc = load_document(path)
    citations = extract_citations(doc)
    quotes, terms = extract_quotes(doc, citations)
    return doc, citations, quotes, terms


def document_path(corpus: Corpus, expected: dict, build_dir: Path) -> Path:
    """Where the annotated document is; documents built from a source are built first."""
    if expected.get("build"):
        from bench.corpus_pdf import build_pdf

        out = build_dir / expected["document"]
        if not out.exists():
            build_pdf(corpus.documents / expected["build"], out)
        return out
    return corpus.documents / expected["document"]


def score_document(expected: dict, citations: list[Citation], quotes: list[Quote],
                   terms: list[str], tallies: dict[str, Tally],
                   doc: Document | None = None) -> list[str]:
    """Add one document's figures to `tallies`; returns readable differences."""
    label = expected["document"]
    link_urls = {c.url for c in citations if c.kind in ("link", "footnote") and c.url}
    tallies["urls"].add(sorted(link_urls), expected["urls"], label)
    tallies["footnotes"].add(
        [(c.marker, c.url) for c in citations if c.kind == "footnote"],
        [(f["marker"], f["url"]) for f in expected["footnotes"]], label)

    outlet_alias: dict[str, str] = {}
    for source in expected["named_sources"]:
        for alt in source.get("alternatives", []):
            outlet_alias[name_key(alt)] = name_key(source["outlet"])

    def outlet(name: str | None) -> str:
        key = name_key(name)
        return outlet_alias.get(key, key)
    tallies["named_sources"].add(
        [(outlet(c.outlet), c.cited_date.isoformat() if c.cited_date else None)
         for c in citations if c.kind == "named_source"],
        [(name_key(s["outlet"]), s["date"]) for s in expected["named_sources"]], label)

    optional = {words(q["text"]) for q in expected.get("optional_quotes", [])}
    wanted = {words(q["text"]): q for q in expected["quotes"]}
    got = [q for q in quotes if words(q.text) not in optional]
    tallies["quotes"].add([words(q.text) for q in got], list(wanted), label)

    def speaker(q: Quote) -> tuple[str, str]:
        key = words(q.text)
        spoken = name_key(q.speaker)
        want = wanted.get(key)
        if want:
            accepted = {name_key(want["speaker"])} | {
                name_key(a) for a in want.get("speaker_alternatives", [])}
            if spoken in accepted:
                spoken = name_key(want["speaker"])
        return key, spoken
    tallies["speakers"].add([speaker(q) for q in got if q.speaker],
                            [(k, name_key(q["speaker"])) for k, q in wanted.items()], label)

    def cited(c: Citation) -> str:
        if c.kind == "named_source":
            return "named:" + outlet(c.outlet)
        return url_key(c.url or "")

    def expected_cited(item: str) -> str:
        if item.startswith("named:"):
            return "named:" + outlet(item[len("named:"):])
        return url_key(item)
    tallies["quote_links"].add(
        [(words(q.text), cited(citations[n])) for q in got for n in q.citations],
        [(k, expected_cited(c)) for k, q in wanted.items() for c in q["citations"]], label)

    if doc is not None and "date" in expected:
        found_date = str(doc.date) if doc.date else None
        tallies["dates"].add([found_date], [expected["date"]], label)

    wrongly = [t for t in expected.get("not_quotes", [])
               if any(words(q.text) == words(t) for q in quotes)]
    return [f"{label}: extracted a non-quote as a quote: {t!r}" for t in wrongly]


@dataclass
class Result:
    """One corpus's figures."""

    corpus: Corpus
    tallies: dict[str, Tally]
    problems: list[str]
    documents: int
    cold: float  # seconds, first extraction of every document
    warm: float  # seconds, median of five further runs

    def failing(self) -> list[str]:
        below = [m for m, floor in self.corpus.floors.items()
                 if min(self.tallies[m].precision, self.tallies[m].recall) < floor]
        return below + (["problems"] if self.problems else [])


def specs(corpus: Corpus) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(corpus.expected.glob("*.json"))]


def run_corpus(corpus: Corpus, build_dir: Path) -> Result:
    """Extract and score every annotated document of one corpus."""
    tallies = {m: Tally() for m in MEASURES}
    problems: list[str] = []
    expectations = specs(corpus)
    paths = [document_path(corpus, e, build_dir) for e in expectations]
    started = time.perf_counter()
    results = [extract(path) for path in paths]
    cold = time.perf_counter() - started
    for expected, (doc, citations, quotes, terms) in zip(expectations, results, strict=True):
        problems += score_document(expected, citations, quotes, terms, tallies, doc)
    warm_runs = []
    for _ in range(5):
        started = time.perf_counter()
        for path in paths:
            extract(path)
        warm_runs.append(time.perf_counter() - started)
    warm = sorted(warm_runs)[len(warm_runs) // 2]
    return Result(corpus, tallies, problems, len(paths), cold, warm)


def run_all() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="verifier-corpus-") as tmp:
        return [run_corpus(corpus, Path(tmp)) for corpus in CORPORA]


def report(result: Result, verbose: bool) -> list[str]:
    """Print one corpus's table; returns the measures below their floor."""
    c = result.corpus
    print(f"\n{c.name}: {result.documents} documents in {c.documents.relative_to(ROOT)}")
    print(f"{'measure':<15}{'precision':>10}{'recall':>8}{'found':>7}{'expected':>9}  floor")
    for name in MEASURES:
        t = result.tallies[name]
        floor = c.floors.get(name)
        gate = f"  {floor:.2f}" if floor is not None else "  (not gated)"
        print(f"{name:<15}{t.precision:>10.3f}{t.recall:>8.3f}{t.found:>7}{t.expected:>9}{gate}")
    print(f"time: {result.cold * 1000:.0f} ms for {result.documents} documents (first run); "
          f"{result.warm * 1000:.0f} ms warm (median of 5)")
    failing = result.failing()
    if verbose or failing:
        for line in result.problems + [m for name in MEASURES
                                       for m in result.tallies[name].misses]:
            print("  " + line)
    return failing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a gated figure is below its corpus's floor")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every difference")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run_all()
    failing = []
    for result in results:
        failing += [f"{result.corpus.name}:{m}" for m in report(result, args.verbose)]
    print(f"\ntotal {time.perf_counter() - started:.1f} s (imports, PDF builds and warm runs "
          "included)")
    if args.check and failing:
        print(f"FAIL: below the floor: {', '.join(failing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
