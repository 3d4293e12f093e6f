"""Held-out set for the HTML report, first round: the page a reviewer opens in a browser, built
by a real run from hostile and awkward inputs served by the fixture web and the fake Wayback.

Two documents with hostile names (one with attribute-breaking quotes and markup, one with a
right-to-left override U+202E) quote four pages: a page whose title and text carry `<script>`,
`</textarea>`, an inline script of its own, a tracking pixel and a U+202E; a Persian page; a
page gone (404) whose quote is in a Wayback capture; a page whose address carries a U+202E and
one whose query carries `"><svg onload=…>`. The documents also cite `javascript:` and `data:`
URLs. A second database holds a long run (3,000 quotes, bench.report_size's filler). Each
expectation below is what a reviewer or a security-minded maintainer requires of the page,
written before the report was rendered from these runs; each is its own test so the score is
countable. Everything is checked in headless Chromium (Debian's, never a downloaded one)
opened from disk, with its dialogs, console, uncaught errors and requests recorded.

First run: 19 of 32. Seven of the misses were my own mistakes, corrected before any code was
changed (26 of 32 then):
- the helper finding a quote's item matched any text in it, so a quote whose page also held the
  next quote's words matched two items (4 cases): it now matches the quote's own text;
- `javascript:` and `data:` links were expected shown as plain text, but by design
  (verifier/citations.py) links in markup to javascript:, data: and the like are not
  citations, so they never reach the report (2 cases): now they must never be a link, and
  clicking any text of them does nothing;
- the address with `"><svg onload=…>` was written in a Markdown footnote, where an address
  rightly ends at the quote mark (1 case): it is now a single-quoted href of an HTML document,
  where the quote mark is part of the address (harbour.html, added with this correction);
- the bidi case wanted each override isolated in an element holding exactly its text node, and
  the Persian passage's computed `direction` to be rtl; a passage copied from a page keeps the
  page's own override and may mix an English menu line with Persian lines, so no right report
  satisfies either: an override's isolating element must hold nothing but data of the run, and
  the Persian line of a passage must be drawn right to left (its period at its left end).
The six real misses, each fixed by a general rule (tests/test_report.py shows each):
- an address with a right-to-left override (…/audit-U+202Efdp.exe) was shown raw, reversing
  itself and the "(citation)" after it (2 cases): an address shows its invisible characters
  (format characters: bidi overrides and isolates, zero-width ones; controls) percent-encoded,
  as a browser's address bar does, and a label other than the address is in a <bdi>;
- a passage whose page starts with an English menu took the direction of its first line, so
  its Persian line ran left to right with its period on the wrong side, in the report and in
  the evidence copy (2 cases): quotes, passages, word diffs and evidence copies take their
  direction line by line (`unicode-bidi: plaintext`);
- a verdict made against a Wayback capture named the capture's day but not its time nor when
  verifier fetched it (1 case): it says "captured <time>, fetched <time>, sha256 …";
- the evidence copy of a Wayback capture said it was fetched from the Wayback Machine but not
  which capture (1 case): it names the capture's time.
32 of 32 after those fixes. One bound was loosened after the fixes, and why: the long report's
load was first bounded at 20 s; on this shared two-core machine (load average 12 to 15) the
same page took 8 to 22 s before and after the fixes alike, so the bound is 60 s, which catches
a hang, not a slow neighbour.
"""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from browser_support import Watched, needs_chromium, quote_item
from e2e_support import Corpus, first_run, served_corpus
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb

from verifier.store import Store

pytestmark = needs_chromium

T0 = datetime(2025, 5, 1, 2, 30, tzinfo=UTC)
RLO = "\u202e"
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

HOSTILE_TITLE = f"<script>alert('title')</script> \"Budget\" </textarea> {RLO}gnp.exe"
HOSTILE_PASSAGE = ("Moderators found that readers typed <script>window.__pwned=1</script> "
                   "into the comment box every week.")
TEXTAREA_PASSAGE = "The form accepted </textarea><img src=x onerror=alert(8)> without complaint."
PERSIAN_SENTENCE = "آب مایه زندگی است و باید از آن محافظت کرد"
ARCHIVE_SENTENCE = "The reservoir will be full by the end of the decade"
RTL_PAGE_TEXT = "The audit of the port authority found missing invoices for three years."
QUERY_PAGE_TEXT = "Inspectors counted nine hundred containers left on the quay."

TXT_NAME = 'notes"><svg onload=alert(7)> & \'memo\'.txt'
MD_NAME = f"brief {RLO}cod.exe.md"
HTML_NAME = "harbour.html"
DATA_URL = "data:text/html;base64," + base64.b64encode(
    b"<script>alert(11)</script>").decode()
JS_URL = "javascript:alert(10)"


def story(title: str, body: str, lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><header><nav>Home</nav></header>"
            f"<article><h1>{title}</h1>{body}</article><footer>© Outlet</footer></body></html>")


def serve(web: FixtureWeb, wayback: FakeWayback) -> dict[str, str]:
    """The four sources; returns the host bases and the hostile addresses."""
    h = {f"h{i}": web.base(i) for i in range(2, 6)}
    pixel = h["h2"] + "/pixel.gif"
    web.page("/comments", story(
        "&lt;script&gt;alert('title')&lt;/script&gt; \"Budget\" &lt;/textarea&gt; "
        f"{RLO}gnp.exe",
        "<p>Moderators found that readers typed &lt;script&gt;window.__pwned=1&lt;/script&gt; "
        "into the comment box every week.</p>"
        "<p>The form accepted &lt;/textarea&gt;&lt;img src=x onerror=alert(8)&gt; without "
        "complaint.</p>"
        "<script>window.__pwned = 3; alert(14)</script>"
        f'<img src="{pixel}" alt="">'
        '<a href="javascript:alert(15)">More</a>'), host=2)
    web.page("/pixel.gif", b"GIF89a", content_type="image/gif", host=2)
    web.page("/khabar", story("خبر آب", f"<p>وزیر گفت: {PERSIAN_SENTENCE}.</p>", lang="fa"),
             host=3)
    gone = h["h4"] + "/dam-plan"
    web.page("/dam-plan", "Not found", status=404, content_type="text/plain", host=4)
    wayback.capture(gone, "20250121090000", story(
        "Dam plan", f"<p>The minister said: {ARCHIVE_SENTENCE}, and we will see to it.</p>"))
    web.page("/audit-%E2%80%AEfdp.exe", story("Port audit", f"<p>{RTL_PAGE_TEXT}</p>"), host=5)
    web.page("/quay", story("Quay", f"<p>{QUERY_PAGE_TEXT}</p>"), host=5)
    h["rlo_url"] = h["h5"] + f"/audit-{RLO}fdp.exe"
    h["query_url"] = h["h5"] + '/quay?id=1&q="><svg onload=alert(13)>'
    h["js"], h["data"] = JS_URL, DATA_URL
    return h


TXT_DOC = """Comment moderation, a memo

The moderator, Dana Reyes, said that "readers typed <script>window.__pwned=1</script> into the \
comment box every week" ({h2}/comments).

The developer, Sam Ortiz, said that "the form accepted </textarea><img src=x onerror=alert(8)> \
without complaint" ({h2}/comments).

The auditor, Lena Park, said that "the audit of the port authority found missing invoices" \
({rlo_url}).
"""

MD_DOC = """---
title: "Water brief <script>window.__pwned=4</script> \\"draft\\""
date: 2025-04-20
---

# Water brief

The minister, Ali Rezaei, said that "{persian}" in the debate[^fa].

The planning office said that "{archive}" last year[^dam].

See also [the appendix]({js}) and [the raw data]({data}).

## Notes

[^fa]: Persian news, 19 April 2025, {h3}/khabar
[^dam]: Planning office, 10 January 2025, {h4}/dam-plan
"""


HTML_DOC = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour sources</title></head><body><article><h1>Harbour sources</h1>
<p>A harbour official said that “inspectors counted nine hundred containers” on Monday
(<a href='{query_url}'>Harbour news</a>).</p>
<p>See also <a href="{js}">the appendix</a> and <a href="{data}">the raw data</a>.</p>
</article></body></html>
"""


def documents(h: dict[str, str]) -> dict[str, str | bytes]:
    return {TXT_NAME: TXT_DOC.format(**h), HTML_NAME: HTML_DOC.format(**h),
            MD_NAME: MD_DOC.format(persian=PERSIAN_SENTENCE, archive=ARCHIVE_SENTENCE, **h)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """One real run over the hostile documents; the servers stay up while the report is read
    (so a request the page made to them would be seen)."""
    root = tmp_path_factory.mktemp("report-holdout")
    with served_corpus(root, serve, documents) as c:
        first_run(c, [str(c.docs)], lambda: T0)
        yield c


@pytest.fixture(scope="module")
def report(corpus: Corpus) -> Path:
    found = sorted((corpus.root / "reports").glob("run-*.html"))
    assert len(found) == 1
    return found[0]


@pytest.fixture(scope="module")
def store(corpus: Corpus) -> Iterator[Store]:
    s = Store.open(corpus.root / "verifier.db", create=False)
    yield s
    s.close()


def evidence_pages(report: Path) -> list[Path]:
    return sorted((report.parent / "evidence").glob("*.html"))


def pwned(page: Any) -> list[str]:
    return page.evaluate("Object.keys(window).filter(k => k.includes('pwned'))")


# -- nothing runs ------------------------------------------------------------------------------


def test_report_runs_nothing_from_the_data(report: Path, watched: Watched) -> None:
    page = watched.open(report)
    page.mouse.move(300, 300)
    for item in page.locator("li[data-filter-item]").all():
        item.hover()  # an onmouseover that got through would fire now
    assert watched.dialogs == []
    assert pwned(page) == []
    assert watched.errors == []
    assert [m for m in watched.console if m.startswith(("error", "warning"))] == []


def test_only_the_shipped_script_and_no_event_handlers(report: Path, watched: Watched) -> None:
    page = watched.open(report)
    assert page.eval_on_selector_all("script", "els => els.filter(e => !e.src).length") == 1
    assert page.eval_on_selector_all("script[src], img, svg[onload], iframe, object, embed, "
                                     "textarea, meta[http-equiv=refresh]", "els => els.length") == 0
    handlers = page.evaluate("""[...document.querySelectorAll('*')].flatMap(
        e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))""")
    assert handlers == []


def test_evidence_copies_and_index_run_nothing(report: Path, watched: Watched) -> None:
    pages = evidence_pages(report)
    assert pages
    for path in [*pages, report.parent / "index.html"]:
        page = watched.open(path)
        assert page.eval_on_selector_all("script, img, iframe", "els => els.length") == 0
        assert pwned(page) == []
    watched.assert_quiet()


def strict_csp(page: Any) -> dict[str, str]:
    csp = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert csp, "no Content-Security-Policy"
    return dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())


def test_report_has_a_strict_content_security_policy(report: Path, watched: Watched) -> None:
    page = watched.open(report)
    directives = strict_csp(page)
    assert directives["default-src"] == "'none'"
    assert re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", directives["script-src"])
    assert "unsafe" not in " ".join(directives.values())
    assert directives.get("base-uri") == "'none'" and directives.get("form-action") == "'none'"


def test_evidence_copies_forbid_every_script(report: Path, watched: Watched) -> None:
    for path in evidence_pages(report):
        directives = strict_csp(watched.open(path))
        assert directives["default-src"] == "'none'"
        assert directives.get("script-src", "'none'") == "'none'"


# -- links -------------------------------------------------------------------------------------


def all_hrefs(page: Any) -> list[str]:
    return page.eval_on_selector_all("a[href], area[href]", "els => els.map(e => e.href)")


def test_no_link_is_javascript_or_data(report: Path, watched: Watched) -> None:
    for path in [report, *evidence_pages(report)]:
        hrefs = all_hrefs(watched.open(path))
        assert hrefs
        assert [h for h in hrefs if not h.startswith(("http://", "https://", "file://"))] == []


@pytest.mark.parametrize("url", [JS_URL, DATA_URL], ids=["javascript", "data"])
def test_unsafe_cited_url_never_a_link(report: Path, watched: Watched, url: str) -> None:
    page = watched.open(report)
    assert page.evaluate("(u) => [...document.querySelectorAll('a')].filter("
                         "a => a.textContent.includes(u) || a.href === u).length", url) == 0
    for shown in page.locator("main").get_by_text(url).all():
        shown.click()
    assert page.url == report.resolve().as_uri() and watched.dialogs == []


def test_attribute_breaking_url_links_to_itself(corpus: Corpus, report: Path,
                                                watched: Watched) -> None:
    page = watched.open(report)
    wanted = corpus.hosts["query_url"]
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    found = [unquote(h) for h in hrefs if h.startswith(corpus.hosts["h5"] + "/quay")]
    assert found and set(found) == {wanted}  # as written, or percent-encoded
    assert page.eval_on_selector_all("svg", "els => els.filter(e => !e.closest('figure'))"
                                            ".length") == 0


# -- text shows as text ------------------------------------------------------------------------


@pytest.mark.parametrize("shown", [
    HOSTILE_TITLE, "<script>window.__pwned=1</script>", "</textarea><img src=x onerror=alert(8)>",
    TXT_NAME, MD_NAME], ids=["page title", "script in quote", "textarea in quote",
                             "document name", "bidi document name"])
def test_hostile_strings_show_as_text(report: Path, watched: Watched, shown: str) -> None:
    page = watched.open(report)
    assert shown in page.inner_text("body")


def test_every_stored_quote_text_shows(report: Path, store: Store, watched: Watched) -> None:
    page = watched.open(report)
    body = " ".join(page.inner_text("main").split())
    texts = [r["text"] for r in store.rows("select text from quotes")]
    assert len(texts) >= 6
    assert [t for t in texts if " ".join(t.split()) not in body] == []


def test_hostile_passage_shown_as_text_in_the_report(report: Path, watched: Watched) -> None:
    page = watched.open(report)
    item = quote_item(page, "readers typed")
    assert "window.__pwned=1</script> into the comment box" in item.locator(
        "blockquote.evidence").inner_text()


# -- self-contained ----------------------------------------------------------------------------


def test_reading_the_report_requests_nothing_but_its_own_files(
        corpus: Corpus, report: Path, watched: Watched) -> None:
    before = len(corpus.web.requests), len(corpus.wayback.requests)
    page = watched.open(report)
    page.emulate_media(media="print")
    page.emulate_media(media="screen")
    for link in page.locator("a[href^='evidence/']").all():
        link.click()
        page.wait_for_load_state("load")
        page.go_back()
    allowed = {report.resolve().as_uri()} | {p.resolve().as_uri() for p in evidence_pages(report)}
    assert watched.requests and set(watched.requests) <= allowed
    assert (len(corpus.web.requests), len(corpus.wayback.requests)) == before


# -- right to left and bidi --------------------------------------------------------------------


# A Persian line ends on its left: the period after the highlighted words is drawn left of them.
PERIOD_LEFT_OF_MARK = """m => {
  const r = document.createRange(), dot = m.nextSibling;
  r.setStart(dot, 0); r.setEnd(dot, 1);
  return r.getBoundingClientRect().right <= m.getBoundingClientRect().left + 1;
}"""


def test_persian_quote_and_passage_run_right_to_left(report: Path, watched: Watched) -> None:
    page = watched.open(report)
    item = quote_item(page, PERSIAN_SENTENCE[:12])
    direction = "e => getComputedStyle(e).direction"
    assert item.locator("blockquote.quote-text").evaluate(direction) == "rtl"
    assert item.locator("blockquote.evidence mark").evaluate(PERIOD_LEFT_OF_MARK)
    assert item.locator(".explanation").first.evaluate(direction) == "ltr"
    assert item.locator(".attribution").evaluate(direction) == "ltr"
    assert item.locator(".attribution").inner_text().startswith("— Ali Rezaei")


# The Persian line starts at the right edge of the text and its period is drawn at its left.
PERSIAN_LINE_FROM_THE_RIGHT = """(pre, words) => {
  const walk = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
  const node = walk.nextNode(), at = node.data.indexOf(words), end = at + words.length;
  const range = (a, b) => { const r = document.createRange(); r.setStart(node, a);
                            r.setEnd(node, b); return r.getBoundingClientRect(); };
  const box = pre.getBoundingClientRect(), pad = parseFloat(getComputedStyle(pre).paddingRight);
  const line = range(node.data.lastIndexOf("\\n", at) + 1, end + 1);
  return Math.abs(line.right - (box.right - pad)) < 2
    && Math.abs(range(end, end + 1).left - line.left) < 1;
}"""


def test_persian_evidence_copy_runs_right_to_left(report: Path, watched: Watched) -> None:
    page = watched.open(report)
    quote_item(page, PERSIAN_SENTENCE[:12]).locator("a[href^='evidence/']").first.click()
    page.wait_for_load_state("load")
    text = page.locator(".pre")
    assert PERSIAN_SENTENCE in text.inner_text()
    assert text.evaluate(PERSIAN_LINE_FROM_THE_RIGHT, PERSIAN_SENTENCE)
    assert text.get_attribute("lang") == "fa"
    assert page.locator("h1").evaluate("e => getComputedStyle(e).direction") == "ltr"


ISOLATION = """
() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!/[\\u202a-\\u202e\\u2066-\\u2069]/.test(n.data)) continue;
    let el = n.parentElement, isolated = null;
    for (; el && el !== document.body; el = el.parentElement) {
      if (['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(el).unicodeBidi)) {
        isolated = el; break;
      }
    }
    out.push([n.data, isolated ? isolated.textContent.trim() : null]);
  }
  return out;
}
"""


def data_values(store: Store) -> list[str]:
    """Every string of the run that came from a document or a fetched page."""
    rows = store.rows("""select text as v from quotes union all select evidence from checks
        union all select title from fetches union all select name from documents
        union all select source from documents union all select title from documents
        union all select url from citations union all select context from citations""")
    sources = [store.local_source(r["source"]) for r in store.rows("select source from documents")]
    return [" ".join(v.split()) for v in [*(r["v"] for r in rows), *sources] if v]


def test_bidi_overrides_are_isolated_from_the_english_around_them(
        report: Path, store: Store, watched: Watched) -> None:
    """An override may reorder its own value (a passage keeps the page's text as it was), never
    the report's words after it: its isolating element holds nothing but data."""
    page = watched.open(report)
    found = page.evaluate(ISOLATION)
    assert found
    values = data_values(store)
    leaking = [(text, iso) for text, iso in found
               if iso is None or not any(" ".join(iso.split()) in v for v in values)]
    assert leaking == []


def test_urls_show_bidi_controls_visibly(corpus: Corpus, report: Path, watched: Watched) -> None:
    page = watched.open(report)
    shown = page.eval_on_selector_all("a[href^='http'], .url", "els => els.map(e => e.textContent)")
    assert [s for s in shown if BIDI_CONTROLS.search(s)] == []
    assert any("audit-%E2%80%AEfdp.exe" in s for s in shown)


# -- which copy each verdict rests on; the evidence copy --------------------------------------

LIVE = re.compile(r"live copy fetched \d{4}-\d\d-\d\d \d\d:\d\d UTC, sha256 [0-9a-f]{64}")


@pytest.mark.parametrize("words", ["readers typed", "form accepted", PERSIAN_SENTENCE[:12],
                                   "nine hundred containers"])
def test_live_verdict_names_its_copy(report: Path, watched: Watched, words: str) -> None:
    page = watched.open(report)
    checked = quote_item(page, words).locator("dt:text-is('Checked against') + dd").inner_text()
    assert LIVE.search(" ".join(checked.split())), checked


def test_archive_verdict_names_the_snapshot_its_digest_and_times(
        report: Path, watched: Watched) -> None:
    page = watched.open(report)
    item = quote_item(page, "reservoir will be full")
    assert item.get_attribute("data-status") == "verified_archive"
    checked = " ".join(item.locator("dt:text-is('Checked against') + dd").inner_text().split())
    assert "Wayback snapshot" in checked and "2025-01-21 09:00 UTC" in checked
    assert re.search(r"fetched \d{4}-\d\d-\d\d \d\d:\d\d UTC", checked), checked
    assert re.search(r"sha256 [0-9a-f]{64}", checked), checked


def test_evidence_copy_opened_from_a_verdict_shows_stored_text_and_provenance(
        corpus: Corpus, report: Path, watched: Watched) -> None:
    page = watched.open(report)
    item = quote_item(page, "readers typed")
    checked = " ".join(item.locator("dt:text-is('Checked against') + dd").inner_text().split())
    digest = re.search(r"sha256 ([0-9a-f]{64})", checked)
    assert digest
    item.locator("a[href^='evidence/']").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/evidence/{digest.group(1)}.html")
    text = page.locator(".pre").inner_text()
    assert HOSTILE_PASSAGE in text and TEXTAREA_PASSAGE in text
    assert "window.__pwned = 3" not in text  # the page's own script is not its text
    facts = " ".join(page.locator("dl.facts").inner_text().split())
    assert corpus.hosts["h2"] + "/comments" in facts
    assert re.search(r"Fetched \d{4}-\d\d-\d\d \d\d:\d\d UTC", facts)
    assert digest.group(1) in facts
    watched.assert_quiet()


def test_archived_evidence_copy_says_it_came_from_the_wayback(
        report: Path, watched: Watched) -> None:
    page = watched.open(report)
    quote_item(page, "reservoir will be full").locator("a[href^='evidence/']").click()
    page.wait_for_load_state("load")
    assert ARCHIVE_SENTENCE in page.locator(".pre").inner_text()
    facts = " ".join(page.locator("dl.facts").inner_text().split())
    assert "from the Wayback Machine" in facts
    assert "2025-01-21" in facts  # which capture


# -- keyboard ----------------------------------------------------------------------------------


def tab_until(page: Any, wanted: str, limit: int) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(wanted):
            return True
    return False


def test_keyboard_reaches_filters_and_cited_links(corpus: Corpus, report: Path,
                                                  watched: Watched) -> None:
    page = watched.open(report)
    assert tab_until(page, "document.activeElement.id === 'filter-status'", 80)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-search"
    link = f"document.activeElement.href === {corpus.hosts['h2'] + '/comments'!r}"
    assert tab_until(page, link, 40)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


# -- a long run --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run of 150 documents of 20 quotes each (3,000 quotes, 1,500 citations)."""
    from bench.report_size import fill
    from verifier.report import write_report

    root = tmp_path_factory.mktemp("long-report")
    s = Store.open(root / "v.db")
    try:
        run_id = fill(s, documents=150, quotes=20, citations=10, runs=1)
        return write_report(s, run_id, root / "reports")
    finally:
        s.close()


def test_long_report_loads_without_error(long_report: Path, watched: Watched) -> None:
    t0 = time.perf_counter()
    page = watched.open(long_report)
    assert time.perf_counter() - t0 < 60  # a hang, not a slow shared machine
    assert page.locator("li[data-kind='quote']").count() == 3000
    assert page.text_content("#filter-count").startswith("Showing 3000 of 3000 quotes")
    watched.assert_quiet()


def test_long_report_filters_quickly(long_report: Path, watched: Watched) -> None:
    page = watched.open(long_report)
    took = page.evaluate("""() => {
        const s = document.getElementById('filter-status');
        s.value = 'citation:dead';
        const t = performance.now();
        s.dispatchEvent(new Event('change'));
        document.body.offsetHeight;  // the layout the reviewer waits for
        return performance.now() - t; }""")
    assert took < 1500
    shown = page.text_content("#filter-count")
    dead = re.match(r"Showing 0 of 3000 quotes and (\d+) of 1500 citations", shown or "")
    assert dead and 0 < int(dead.group(1)) < 1500
    page.fill("#filter-search", "doc0149.md")
    assert page.text_content("#filter-count").startswith("Showing 0 of 3000 quotes")
    page.select_option("#filter-status", "")
    assert page.text_content("#filter-count").startswith("Showing 20 of 3000 quotes")
    watched.assert_quiet()


def test_long_report_keyboard_reaches_filters_quickly(long_report: Path,
                                                      watched: Watched) -> None:
    page = watched.open(long_report)
    assert tab_until(page, "document.activeElement.getAttribute('href') === '#documents'", 15)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-status"
