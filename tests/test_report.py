"""The HTML report: content, escaping, highlight and diff, evidence copies, regeneration."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from reportfixture import (
    BLOG,
    BLOG_MOVED,
    DOC_IMG_TITLE,
    EVIL_SPEAKER,
    GONE,
    IMG_TITLE,
    JS_URL,
    PARTIAL_QUOTE,
    PAYWALL,
    PERSIAN_EVIDENCE,
    PERSIAN_QUOTE,
    RIVER_EVIDENCE,
    RIVER_QUOTE,
    SCHOOLS,
    SCRIPT_QUOTE,
    SLOW,
    SPEECH,
    ReportFixture,
)

import verifier.report
from verifier.errors import ReportError
from verifier.history import run_counts
from verifier.report import (
    link_badge,
    quote_badge,
    safe_href,
    url_link,
    visible_url,
    where,
    write_report,
)
from verifier.reporting.data import replacement_rows, split_highlight
from verifier.reporting.evidence import readable_copy
from verifier.reporting.links import closest_snapshot
from verifier.store import Store


def parse(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def text(el: lxml_html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def facts(el: lxml_html.HtmlElement) -> dict[str, str]:
    """The label -> value pairs of the definition lists inside an element."""
    return {text(dt): text(dt.getnext()) for dt in el.xpath(".//dt")}


def quote_id(fx: ReportFixture, quote: str) -> int:
    return next(fx.store.rows("select id from quotes where text=?", [quote]))["id"]


def item(page: lxml_html.HtmlElement, anchor: str) -> lxml_html.HtmlElement:
    found = page.xpath(f"//*[@id='{anchor}']")
    assert len(found) == 1, anchor
    return found[0]


def citation_anchor(page: lxml_html.HtmlElement, url: str) -> lxml_html.HtmlElement:
    for li in page.xpath("//li[@data-kind='citation']"):
        if any(a.get("href") == url for a in li.xpath("./p[1]/a")):
            return li
    raise AssertionError(f"no citation of {url}")


# -- files and self-containment ----------------------------------------------------------------

def test_writes_run_page_index_and_evidence(fx: ReportFixture, tmp_path: Path) -> None:
    path = write_report(fx.store, fx.run2, tmp_path / "reports", archive_dir=fx.archive_dir)
    assert path == tmp_path / "reports" / f"run-{fx.run2}.html"
    assert (tmp_path / "reports" / "index.html").is_file()
    for label in ("river", "evil", "speech"):
        assert (tmp_path / "reports" / "evidence" / f"{fx.shas[label]}.html").is_file()


def test_page_is_self_contained(fx: ReportFixture, written: Path) -> None:
    page = parse(written / f"run-{fx.run2}.html")
    assert not page.xpath("//link | //iframe | //object | //embed | //img | //*[@src]")
    scripts = page.xpath("//script")
    assert len(scripts) == 1 and scripts[0].get("src") is None
    assert "url(" not in page.xpath("//style")[0].text
    for a in page.xpath("//a[@href]"):
        href = a.get("href")
        if href.startswith("#"):
            assert page.xpath(f"//*[@id='{href[1:]}']"), f"dangling anchor {href}"
        elif href.startswith(("http://", "https://")):
            continue  # cited sources and archive copies, opened only when clicked
        else:
            assert (written / href).is_file(), f"link to a missing local file {href}"


def test_content_security_policy_allows_only_the_shipped_style_and_script(
        fx: ReportFixture, written: Path) -> None:
    page = parse(written / f"run-{fx.run2}.html")
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe" not in csp

    def digest(code: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"

    raw = (written / f"run-{fx.run2}.html").read_text(encoding="utf-8")
    style = re.search(r"<style>(.*?)</style>", raw, re.S)
    script = re.search(r"<script>(.*?)</script>", raw, re.S)
    assert style and script
    assert directives["style-src"] == digest(style.group(1))
    assert directives["script-src"] == digest(script.group(1))
    # the meta element must precede everything it governs
    assert raw.index("Content-Security-Policy") < raw.index("<style>")


# -- untrusted text --------------------------------------------------------------------------

def test_hostile_strings_are_text_never_markup(fx: ReportFixture, written: Path) -> None:
    raw = (written / f"run-{fx.run2}.html").read_text(encoding="utf-8")
    for hostile in ("<script>alert(1)", "<img src=x", "<b onmouseover"):
        assert hostile not in raw
    page = parse(written / f"run-{fx.run2}.html")
    whole = text(page)
    for shown in (SCRIPT_QUOTE, IMG_TITLE, DOC_IMG_TITLE, EVIL_SPEAKER):
        assert " ".join(shown.split()) in whole
    assert not page.xpath("//img | //b")
    handlers = [(el.tag, name) for el in page.iter() if isinstance(el.tag, str)
                for name in el.attrib if name.lower().startswith("on")]
    assert handlers == []
    # javascript: URLs are shown, never linked
    assert JS_URL in whole
    assert not [h for h in page.xpath("//a/@href") if h.lower().startswith("javascript")]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.test/a?b=c", "https://example.test/a?b=c"),
    ("HTTP://EXAMPLE.TEST/", "HTTP://EXAMPLE.TEST/"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("java\nscript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("file:///etc/passwd", None),
    ("//evil.test/x", None),
    ("", None),
    (None, None),
])
def test_only_web_addresses_become_links(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


def test_addresses_show_their_invisible_characters_encoded() -> None:
    """A right-to-left override in an address would reverse it and the words after it."""
    spoof = "https://e.test/report-\u202efdp.exe?a=\u200b"
    encoded = "https://e.test/report-%E2%80%AEfdp.exe?a=%E2%80%8B"
    assert url_link(spoof) == (f'<a href="{encoded}" rel="noopener noreferrer">{encoded}</a>')
    assert visible_url("https://fa.example.test/خبر") == "https://fa.example.test/خبر"
    assert visible_url("javascript:\u202ealert(1)") == "javascript:%E2%80%AEalert(1)"


def test_passages_take_their_direction_line_by_line() -> None:
    """A passage whose first line is an English menu and whose next is Persian: each line's
    own first letter decides its direction, not the passage's."""
    css = (Path(verifier.report.__file__).parent / "templates" / "report.css").read_text()
    rule = re.search(r"([^{}]*)\{\s*unicode-bidi:\s*plaintext;\s*\}", css)
    assert rule and {".quote-text", "blockquote.evidence", ".diff", ".pre"} <= {
        s.strip() for s in rule.group(1).split("*/")[-1].split(",")}


def test_badges_links_and_locations_escape_what_they_are_given() -> None:
    assert url_link('https://e.test/?q="><script>', "a <b>label</b>") == (
        '<a href="https://e.test/?q=&#34;&gt;&lt;script&gt;" rel="noopener noreferrer">'
        "<bdi>a &lt;b&gt;label&lt;/b&gt;</bdi></a>")
    assert url_link("javascript:alert(1)") == '<span class="url">javascript:alert(1)</span>'
    assert quote_badge("partial") == '<span class="badge q-partial">Partial match</span>'
    assert quote_badge(None) == '<span class="badge q-unchecked">Not checked</span>'
    assert link_badge("soft_404") == '<span class="badge l-soft_404">Soft 404</span>'
    assert (where(12, 3), where(None, 3), where(12, None), where(None, None)) == \
        ("line 12, PDF page 3", "PDF page 3", "line 12", "")


# -- counts, changes, documents ------------------------------------------------------------------

@pytest.mark.parametrize("run", ["run1", "run2"])
def test_counts_shown_equal_the_database(fx: ReportFixture, written: Path, run: str) -> None:
    run_id = getattr(fx, run)
    page = parse(written / f"run-{run_id}.html")
    expected = run_counts(fx.store, run_id)
    for kind in ("quotes", "links"):
        shown = {t.get("data-status"): int(t.get("data-count"))
                 for t in page.xpath(f"//svg[@data-chart='{kind}']//*[@data-count]")}
        assert shown == expected[kind]
    quote_items = Counter(li.get("data-status") for li in page.xpath("//li[@data-kind='quote']"))
    assert quote_items == +Counter(expected["quotes"])
    urls: dict[str, str] = {}
    for li in page.xpath("//li[@data-kind='citation']"):
        if li.get("data-status") in expected["links"]:
            urls[li.xpath("./p[1]/a/@href")[0].rstrip(".")] = li.get("data-status")
    assert Counter(urls.values()) == +Counter(expected["links"])


def test_what_changed_since_the_previous_run(fx: ReportFixture, written: Path) -> None:
    page = parse(written / f"run-{fx.run2}.html")
    section = item(page, "changes")
    headings = [text(h) for h in section.xpath(".//h3")]
    assert headings == ["Newly failing (2)", "Recovered (2)", "Newly archived (2)",
                        "Failing, not yet confirmed (1)"]
    lists = {text(h).split(" (")[0]: text(h.getnext()) for h in section.xpath(".//h3")
             if h.getnext() is not None and h.getnext().tag == "ul"}
    assert "Water is life" in lists["Newly failing"] and SPEECH in lists["Newly failing"]
    assert "Prices will fall next spring" in lists["Recovered"] and SLOW in lists["Recovered"]
    assert GONE in lists["Newly archived"] and SCHOOLS in lists["Newly archived"]
    quiet = section.xpath(".//div[@class='quiet']")[0]
    assert SCHOOLS in text(quiet) and "not yet confirmed" in text(quiet)
    newly = section.xpath(".//h3[starts-with(., 'Newly failing')]/following-sibling::ul[1]//a")
    assert newly[0].get("href") == f"#q-{quote_id(fx, 'Water is life')}"


def test_first_run_has_nothing_to_compare_with(fx: ReportFixture, written: Path) -> None:
    page = parse(written / f"run-{fx.run1}.html")
    assert "no earlier completed run" in text(item(page, "changes"))
    assert "no earlier completed run" in text(item(page, "run"))


def test_run_header(fx: ReportFixture, written: Path) -> None:
    run = item(parse(written / f"run-{fx.run2}.html"), "run")
    shown = facts(run)
    assert shown["Started"] == "2026-11-21 04:12 UTC"
    assert shown["Duration"] == "3 min 25 s"
    assert shown["Outcome"] == "completed, exit status 1"
    assert shown["Compared with"] == "run 1 (its report)"
    assert shown["Inputs"] == str(fx.store.path.parent / "docs")
    assert shown["Partial-match threshold"] == "0.8"
    assert shown["Retries"] == "3"
    assert shown["Wayback Machine"] == "the Internet Archive (web.archive.org)"
    assert "User-Agent" not in shown and "user_agent" not in shown  # only settings that matter
    assert "1 warning from the run" in text(run)


def test_provenance_score_per_document(fx: ReportFixture, written: Path) -> None:
    page = parse(written / f"run-{fx.run2}.html")
    report_md = text(item(page, f"d-{fx.docs['report.md']}").xpath(".//p[@class='score']")[0])
    assert "43%, 3 of 7 quotes verified live or in an archive" in report_md
    budget = item(page, f"d-{fx.docs['budget.html']}")
    assert "25%, 1 of 4 quotes" in text(budget.xpath(".//p[@class='score']")[0])
    assert text(budget.xpath(".//h3")[0]) == DOC_IMG_TITLE


# -- highlight and diff ------------------------------------------------------------------------

def test_verified_quote_highlights_exactly_the_matched_text(fx: ReportFixture,
                                                            written: Path) -> None:
    page = parse(written / f"run-{fx.run2}.html")
    for quote, evidence in ((RIVER_QUOTE, RIVER_EVIDENCE), (PERSIAN_QUOTE, PERSIAN_EVIDENCE)):
        li = item(page, f"q-{quote_id(fx, quote)}")
        assert li.get("data-status") == "verified"
        passage = li.xpath(".//blockquote[@class='evidence']")[0]
        marks = passage.xpath("./mark")
        assert [m.text_content() for m in marks] == [quote]
        assert passage.text_content() == evidence


def test_partial_quote_shows_word_level_diff(fx: ReportFixture, written: Path) -> None:
    li = item(parse(written / f"run-{fx.run2}.html"), f"q-{quote_id(fx, PARTIAL_QUOTE)}")
    assert li.get("data-status") == "partial"
    diff = li.xpath(".//p[@class='diff']")[0]
    assert [d.text_content() for d in diff.xpath(".//del")] == ["ten"]
    assert [i.text_content() for i in diff.xpath(".//ins")] == ["eight"]
    quote_side = [el.text_content() for el in diff if el.tag in ("span", "del")
                  and "visually-hidden" not in (el.get("class") or "")]
    source_side = [el.text_content() for el in diff if el.tag in ("span", "ins")
                   and "visually-hidden" not in (el.get("class") or "")]
    assert " ".join(quote_side) == PARTIAL_QUOTE
    assert " ".join(source_side) == "We will build eight new schools this year"
    assert li.xpath(".//mark")[0].text_content() == "We will build eight new schools this year"


@pytest.mark.parametrize(("start", "end", "expected"), [
    (4, 9, ("abc ", "defgh", " ij")),
    (0, 12, ("", "abc defgh ij", "")),
    (None, 3, ("abc defgh ij", "", "")),
    (5, 5, ("abc defgh ij", "", "")),
    (9, 4, ("abc defgh ij", "", "")),
    (-1, 3, ("abc defgh ij", "", "")),
    (4, 99, ("abc defgh ij", "", "")),
])
def test_split_highlight(start: int | None, end: int | None,
                         expected: tuple[str, str, str]) -> None:
    assert split_highlight("abc defgh ij", start, end) == expected


# -- which copy was checked ----------------------------------------------------------------------

def test_quote_names_the_copy_it_was_checked_against(fx: ReportFixture, written: Path) -> None:
    page = parse(written / f"run-{fx.run2}.html")
    live = item(page, f"q-{quote_id(fx, RIVER_QUOTE)}")
    checked = text(live.xpath(".//dt[.='Checked against']/following-sibling::dd[1]")[0])
    assert checked.startswith("live copy fetched 2026-11-21 04:13 UTC, sha256 " + fx.shas["river"])
    assert live.xpath(".//a[.='readable local copy']/@href") == [f"evidence/{fx.shas['river']}.html"]

    archived = item(page, f"q-{quote_id(fx, 'Peace is within reach')}")
    assert archived.get("data-status") == "verified_archive"
    link = archived.xpath(".//dt[.='Checked against']/following-sibling::dd[1]/a")[0]
    stored = next(fx.store.rows("select archive_url from snapshots where url=? and timestamp=?",
                                [SPEECH, "20091215103000"]))["archive_url"]
    assert (link.text_content(), link.get("href")) == ("Wayback snapshot of 2009-12-15", stored)
    checked = text(archived.xpath(".//dt[.='Checked against']/following-sibling::dd[1]")[0])
    assert checked.startswith("Wayback snapshot of 2009-12-15, captured 2009-12-15 10:30 UTC, "
                              "fetched 2026-11-21 04:13 UTC, sha256 " + fx.shas["speech"])


def test_evidence_copy_of_a_capture_says_which_capture(fx: ReportFixture, written: Path) -> None:
    copy = facts(parse(written / "evidence" / f"{fx.shas['speech']}.html"))
    assert copy["Fetched"].endswith("from the Wayback Machine")
    assert copy["Wayback capture"] == "made 2009-12-15 10:30 UTC"
    assert "Wayback capture" not in facts(parse(written / "evidence" / f"{fx.shas['river']}.html"))


def test_evidence_copy_is_the_pages_text_and_nothing_that_runs(fx: ReportFixture,
                                                              written: Path) -> None:
    path = written / "evidence" / f"{fx.shas['evil']}.html"
    raw = path.read_text(encoding="utf-8")
    page = parse(path)
    assert not page.xpath("//script | //img | //*[@src]")
    assert "page script" not in raw and "page img" not in raw
    assert "script-src 'none'" in page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    body = text(page.xpath("//div[@class='pre']")[0])
    assert "Comments: <script>alert(1)</script> was typed." in body
    assert fx.shas["evil"] in text(page)
    assert IMG_TITLE in text(page)


def test_tampered_evidence_is_not_offered(fx: ReportFixture, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(fx.archive_dir, archive)
    assert readable_copy(fx.store, archive, fx.shas["river"]) is not None
    warc = next(archive.rglob("*.warc.gz"))
    warc.write_bytes(b"\0" * warc.stat().st_size)
    assert readable_copy(fx.store, archive, fx.shas["river"]) is None
    write_report(fx.store, fx.run2, tmp_path / "reports", archive_dir=archive)
    li = item(parse(tmp_path / "reports" / f"run-{fx.run2}.html"),
              f"q-{quote_id(fx, RIVER_QUOTE)}")
    assert "no local evidence copy available" in text(li)
    assert not (tmp_path / "reports" / "evidence" / f"{fx.shas['river']}.html").exists()


def test_evidence_paths_cannot_leave_the_archive(fx: ReportFixture, tmp_path: Path) -> None:
    assert readable_copy(fx.store, tmp_path, "../" * 3) is None
    from verifier.reporting.evidence import read_payload

    assert read_payload(tmp_path, "../../etc/passwd", 0, 100, fx.shas["river"]) is None


# -- citations and replacements --------------------------------------------------------------------

def test_citation_details(fx: ReportFixture, written: Path) -> None:
    run1 = parse(written / f"run-{fx.run1}.html")
    slow = citation_anchor(run1, SLOW)
    assert "Error" in text(slow) and "Reason: timed out 3 times" in text(slow)
    assert facts(slow)["Checked"] == "2026-11-20 04:01 UTC, 3 attempts"
    assert len(slow.xpath(".//details//ol/li")) == 3
    run2 = parse(written / f"run-{fx.run2}.html")
    assert facts(citation_anchor(run2, BLOG))["Redirected to"] == f"{BLOG_MOVED} after 1 redirect"
    schools = facts(citation_anchor(run2, SCHOOLS))
    assert schools["Cited at"] == "line 40, PDF page 2 (footnote 2)"
    assert schools["HTTP status"] == "404"
    assert schools["Failing"].endswith("not yet confirmed")
    speech = facts(citation_anchor(run2, SPEECH))
    assert speech["HTTP status"] == "410"
    assert speech["Failing"] == "2 checks in a row, since 2026-11-20 04:01 UTC; confirmed"
    assert speech["Cited at"] == "line 7, citation dated 2009-12-20"
    assert speech["Archive"].startswith("Wayback snapshot of 2009-12-15 (closest on or before "
                                        "the cited date 2009-12-20)")
    assert speech["Archive"].endswith("Wayback snapshot of 2020-03-01 (newest)")
    assert facts(citation_anchor(run2, "https://evil.example.test/"))["Page title"] == IMG_TITLE


def test_replacement_rows_pick_the_capture_nearest_the_citation(fx: ReportFixture) -> None:
    rows = {r["url"].rstrip("."): r for r in replacement_rows(fx.store, fx.run2)}
    assert set(rows) == {SCHOOLS, SPEECH, PAYWALL, GONE}
    assert rows[SPEECH]["replacement_timestamp"] == "20091215103000"  # not the newer 2020 one
    assert rows[SPEECH]["replacement_url"] == f"https://web.archive.org/web/20091215103000/{SPEECH}"
    assert rows[SPEECH]["confirmed"] is True and rows[SPEECH]["http_status"] == 410
    assert rows[GONE]["replacement_timestamp"] == "20261121041500"
    assert rows[GONE]["replacement_note"] == "closest after the document's date 2026-11-01"
    assert rows[SCHOOLS]["link_status"] == "dead" and rows[SCHOOLS]["page"] == 2
    assert rows[PAYWALL]["link_status"] == "blocked"
    assert {r["document"] for r in rows.values()} == {"report.md"}
    run1 = {r["url"].rstrip("."): r for r in replacement_rows(fx.store, fx.run1)}
    assert run1[GONE]["replacement_url"] is None  # nothing archived yet in run 1
    assert run1[GONE]["replacement_note"] == "no capture known"


def test_replacement_table_in_the_report(fx: ReportFixture, written: Path) -> None:
    rows = item(parse(written / f"run-{fx.run2}.html"), "replace").xpath(".//tbody/tr")
    assert len(rows) == len(replacement_rows(fx.store, fx.run2)) == 4
    speech = next(r for r in rows if SPEECH in text(r))
    assert speech.xpath(".//a[.='Wayback snapshot of 2009-12-15']")


def test_closest_snapshot_prefers_the_last_capture_before_the_date() -> None:
    from datetime import date

    from verifier.reporting.links import SnapshotView

    snaps = [SnapshotView("20090101000000", "a"), SnapshotView("20091215235959", "b"),
             SnapshotView("20100101000000", "c"), SnapshotView("20091214000000", "x", 404)]
    assert closest_snapshot(snaps, date(2009, 12, 15))[0].archive_url == "b"
    assert closest_snapshot(snaps, date(2008, 1, 1))[0].archive_url == "a"
    assert closest_snapshot(snaps, None) == (None, "")


# -- without JavaScript; regeneration; the index; errors -------------------------------------------

def test_complete_without_javascript(fx: ReportFixture, written: Path) -> None:
    page = parse(written / f"run-{fx.run2}.html")
    assert page.xpath("//form[@id='filters']")[0].get("hidden") is not None
    assert not page.xpath("//*[@data-filter-item][@hidden] | //*[@data-filter-doc][@hidden]")
    assert len(page.xpath("//li[@data-kind='quote']")) == sum(run_counts(fx.store, fx.run2)["quotes"].values())
    assert not [el for el in page.iter() if isinstance(el.tag, str) and el.get("style")]


def test_index_lists_every_run_and_points_at_the_latest(fx: ReportFixture, written: Path) -> None:
    page = parse(written / "index.html")
    latest = page.xpath("//header//a")[0]
    assert latest.get("href") == f"run-{fx.run2}.html"
    rows = page.xpath("//tbody/tr")
    assert [r.xpath("./td[1]/a/@href")[0] for r in rows] == [f"run-{fx.run2}.html",
                                                             f"run-{fx.run1}.html"]
    run2 = [text(td) for td in rows[0].xpath("./td")]
    counts = run_counts(fx.store, fx.run2)
    assert run2[5] == str(counts["quotes"]["partial"] + counts["quotes"]["not_found"]
                          + counts["quotes"]["source_unavailable"])
    assert "2 newly failing, 2 recovered, 2 newly archived" in run2[8]


def test_unwritable_report_directory_is_a_one_line_error(fx: ReportFixture,
                                                         tmp_path: Path) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("a file where the directory should be")
    with pytest.raises(ReportError) as err:
        write_report(fx.store, fx.run2, blocker, archive_dir=fx.archive_dir)
    assert "\n" not in str(err.value) and str(blocker) in str(err.value)
    with pytest.raises(ReportError):
        write_report(fx.store, fx.run2, blocker / "nested", archive_dir=fx.archive_dir)


def test_unknown_run_is_a_one_line_error(fx: ReportFixture, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no run 99"):
        write_report(fx.store, 99, tmp_path)


def test_without_archive_dir_digests_are_shown_without_copies(fx: ReportFixture,
                                                               tmp_path: Path) -> None:
    path = write_report(fx.store, fx.run2, tmp_path)
    assert not (tmp_path / "evidence").exists()
    li = item(parse(path), f"q-{quote_id(fx, RIVER_QUOTE)}")
    assert fx.shas["river"] in text(li) and "no local evidence copy available" in text(li)


def test_verifier_report_command_regenerates_the_same_report(
        fx: ReportFixture, written: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        run_cli: Any) -> None:
    """`verifier report` rebuilds, from the database alone, exactly what the runs wrote."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERIFIER_ARCHIVE_DIR", str(fx.archive_dir))
    out = tmp_path / "from-cli"
    for run in ("1", "2"):
        result = run_cli("report", "--db", str(fx.store.path), "--report-dir", str(out),
                         "--run", run)
        assert result.code == 0, result.err
        assert result.out.strip() == f"report: {out / f'run-{run}.html'}"
    cli_files = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    run_files = {p.relative_to(written): p.read_bytes() for p in written.rglob("*") if p.is_file()}
    assert cli_files == run_files


def test_interrupted_run_shows_unchecked_quotes(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from verifier.models import Citation, Document, Extraction, Quote, Verdict
    from verifier.status import QuoteStatus

    store = Store.open(tmp_path / "v.db")
    run = store.start_run(inputs=["doc.txt"], settings={}, pid=1, host="h", version="0",
                          started_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC))
    doc = Document(source=str(tmp_path / "doc.txt"), name="doc.txt", format="txt",
                   sha256="c" * 64, text="")
    cite = Citation("link", 0, 1, url="https://a.test/", normalized_url="https://a.test/")
    doc_id = store.save_extraction(run, Extraction(doc, [cite], [
        Quote("first words", 5, 1, citations=[0]), Quote("second words", 9, 2, citations=[0])]))
    first = store.quote_ids(doc_id, doc.sha256)[0]
    verdict = Verdict(url=None, status=QuoteStatus.UNSOURCED, checked_at=datetime.now(UTC))
    store.save_checks(run, first, [verdict], verdict, {}, {})
    page = parse(write_report(store, run, tmp_path / "reports"))
    assert facts(item(page, "run"))["Finished"] == "not finished (running)"
    bars = {t.get("data-status"): t.get("data-count")
            for t in page.xpath("//svg[@data-chart='quotes']//*[@data-count]")}
    assert bars["unsourced"] == "1" and bars["unchecked"] == "1"
    second = page.xpath("//li[@data-kind='quote']")[1]
    assert second.get("data-status") == "unchecked" and "Not checked" in text(second)
    assert "2 quotes" in text(page.xpath("//header//p[@class='meta']")[1])
    assert page.xpath("//option[@value='quote:unchecked']")
    empty = store.start_run(inputs=[], settings={}, pid=1, host="h", version="0")
    page = parse(write_report(store, empty, tmp_path / "reports"))
    assert "This run covered no documents." in text(page)
    store.close()


def test_other_cited_sources_are_listed_with_their_verdicts(fx: ReportFixture,
                                                            written: Path) -> None:
    li = item(parse(written / f"run-{fx.run2}.html"), f"q-{quote_id(fx, 'Water is life')}")
    assert li.get("data-status") == "not_found"
    others = li.xpath(".//details")[0]
    assert text(others.xpath("./summary")[0]) == "Also checked against 1 other cited source"
    best = li.xpath(".//dt[.='Checked against']/following-sibling::dd[1]")[0]
    assert fx.shas["slow"] and fx.shas["slow"] in text(best)  # best: the verdict against SLOW
    assert "https://news.example.test/river: Not found" in text(others)
    assert fx.shas["river"] in text(others)
    assert [text(a) for a in li.xpath(".//dt[.='Cited source']/following-sibling::dd[1]//a")] == [
        "https://news.example.test/river", "(citation)", SLOW, "(citation)"]


def test_not_found_quote_shows_the_closest_passage_without_a_highlight(
        fx: ReportFixture, written: Path) -> None:
    """A passage that does not match is context, not evidence: nothing in it is marked."""
    page = parse(written / f"run-{fx.run2}.html")
    li = item(page, f"q-{quote_id(fx, SCRIPT_QUOTE)}")
    assert li.get("data-status") == "not_found"
    assert li.xpath(".//mark") == []
    caption = li.xpath(".//figure[@class='passage']/figcaption")[0].text_content()
    assert caption.startswith("Closest passage")
