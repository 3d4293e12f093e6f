"""What a reviewer working through a report needs (the rules the second report held-out set,
test_report_holdout2.py, asked for), each shown on the report tests' two-run database: what
changed since the previous run, when a failing link last worked, which of several cited URLs
decided a verdict, what to do with a quote verifier cannot check, named tables, the index's
counts, and (in the browser) state kept in the address, sorting, folded search, printing past
a filter and a phone's width."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from browser_support import Watched, needs_chromium
from reportfixture import SCHOOLS, SLOW, ReportFixture
from test_report import item, parse, quote_id, text

from verifier.report import _other_changes
from verifier.status import QuoteStatus


def run2(fx: ReportFixture, written: Path) -> Any:
    return parse(written / f"run-{fx.run2}.html")


def test_changed_verdicts_are_counted_offered_as_a_filter_and_listed_before_and_after(
        fx: ReportFixture, written: Path) -> None:
    page = run2(fx, written)
    assert "2 quotes changed verdict since run 1." in text(page.xpath("//header")[0])
    option = page.xpath("//select[@id='filter-status']/option[@value='changed']")
    assert [text(o) for o in option] == [f"Changed since run {fx.run1} (2)"]
    changed = {li.get("id") for li in page.xpath("//li[@data-changed='1']")}
    assert changed == {f"q-{quote_id(fx, 'Water is life')}",
                       f"q-{quote_id(fx, 'Prices will fall next spring')}"}
    entry = [li for li in page.xpath("//section[@id='changes']//li")
             if "Water is life" in text(li)]
    assert len(entry) == 1 and text(entry[0]).startswith("Verified → Not found")
    first = parse(written / f"run-{fx.run1}.html")  # nothing to compare with: no such filter
    assert first.xpath("//option[@value='changed']") == []


def test_a_changed_verdict_neither_failing_nor_recovered_is_listed_once() -> None:
    def quote(key: str, before: QuoteStatus, now: QuoteStatus) -> Any:
        return SimpleNamespace(key=key, before=before, status=now, changed=before != now)

    held = quote("held", QuoteStatus.VERIFIED, QuoteStatus.SOURCE_UNAVAILABLE)
    failing = quote("failing", QuoteStatus.VERIFIED, QuoteStatus.PARTIAL)
    same = quote("same", QuoteStatus.VERIFIED, QuoteStatus.VERIFIED)
    doc = SimpleNamespace(quotes=[held, failing, same])
    data = SimpleNamespace(documents=[doc], changes=SimpleNamespace(
        newly_failing_quotes=[SimpleNamespace(key="failing")], recovered_quotes=[]))
    assert _other_changes(data) == [(doc, held)]  # type: ignore[arg-type]


def test_a_failing_link_says_when_it_last_worked(fx: ReportFixture, written: Path) -> None:
    page = run2(fx, written)
    cited = [li for li in page.xpath("//li[@data-kind='citation']")
             if li.xpath(f"./p[1]/a[@href='{SCHOOLS}']")]
    assert cited and "; last worked 2026-11-20 04:01 UTC;" in text(cited[0])


def test_each_cited_url_shows_its_verdict_and_which_one_decided(fx: ReportFixture,
                                                               written: Path) -> None:
    li = item(run2(fx, written), f"q-{quote_id(fx, 'Water is life')}")
    sources = li.xpath(".//ul[@class='sources']/li")
    assert [text(s) for s in sources] == [
        "https://news.example.test/river (citation) Not found",
        f"{SLOW} (citation) Not found decided the verdict"]
    single = item(run2(fx, written), f"q-{quote_id(fx, 'The river has never been this low')}")
    assert "decided" not in text(single)  # one URL: nothing to tell apart


@pytest.mark.parametrize(("quote", "advice"), [
    ("Nobody saw it coming", "What to do: ask the writer where it comes from"),
    ("Everything is under control", "What to do: it is cited by name only (Kayhan 2010-01-05): "
                                    "find that piece in the outlet's own archive"),
    ("The economy grew by five percent", "What to do: have someone who reads both languages "
                                         "compare the quote with the source"),
], ids=["unsourced", "named source", "other language"])
def test_quotes_verifier_cannot_check_say_what_to_do(fx: ReportFixture, written: Path,
                                                     quote: str, advice: str) -> None:
    li = item(run2(fx, written), f"q-{quote_id(fx, quote)}")
    assert text(li.xpath(".//p[@class='advice']")[0]).startswith(advice)


def test_tables_are_named_and_scroll_on_their_own(fx: ReportFixture, written: Path) -> None:
    for page in (run2(fx, written), parse(written / "index.html")):
        for table in page.xpath("//table"):
            assert text(table.xpath("./caption")[0])
            region = table.getparent()
            assert region.get("class") == "table-scroll" and region.get("tabindex") == "0"


def test_index_counts_each_runs_quotes_and_links(fx: ReportFixture, written: Path) -> None:
    page = parse(written / "index.html")
    heads = [text(th) for th in page.xpath("//thead//th")]
    row = [r for r in page.xpath("//tbody/tr") if r.xpath(f".//a[@href='run-{fx.run2}.html']")][0]
    cells = dict(zip(heads, [text(td) for td in row.xpath("./td")], strict=True))
    assert (cells["Quotes"], cells["Failing quotes"]) == ("11", "4")
    assert (cells["Links"], cells["Failing links"]) == ("10", "4")
    assert page.xpath("//footer")


# -- in the browser ---------------------------------------------------------------------------


def shown(page: Any) -> list[str]:
    return page.eval_on_selector_all("li[data-kind='quote']",
                                     "els => els.filter(e => e.checkVisibility()).map(e => e.id)")


@needs_chromium
def test_filter_search_and_sort_live_in_the_address(fx: ReportFixture, written: Path,
                                                   watched: Watched) -> None:
    page = watched.open(written / f"run-{fx.run2}.html")
    page.select_option("#filter-status", "failing")
    page.select_option("#filter-sort", "verdict")
    assert page.url.endswith("#show=failing&sort=verdict")
    order = shown(page)
    page.reload()
    assert page.input_value("#filter-status") == "failing" and shown(page) == order
    statuses = page.eval_on_selector_all(
        f"#d-{fx.docs['report.md']} li[data-kind='quote']", "els => els.map(e => e.dataset.failing)")
    assert statuses == sorted(statuses, reverse=True)  # needing attention first
    base = written.resolve().as_uri() + f"/run-{fx.run2}.html"
    page.goto(f"{base}#q-{quote_id(fx, 'Water is life')}")  # a place, not a state
    assert page.input_value("#filter-status") == "failing"
    hidden = f"q-{quote_id(fx, 'The river has never been this low')}"
    page.goto(f"{base}#{hidden}")  # a place the filter hides: the filter gives way
    assert page.input_value("#filter-status") == "" and hidden in shown(page)
    page.goto(f"{base}#q=kayhan")
    assert page.input_value("#filter-status") == "" and len(shown(page)) == 1
    watched.assert_quiet()


@needs_chromium
@pytest.mark.parametrize(("typed", "quote"), [
    ("zoe brandt", "Prices will fall next spring"), ("o'neill", "The report was buried")],
    ids=["accent", "apostrophe"])
def test_search_folds_accents_and_apostrophes(fx: ReportFixture, written: Path,
                                              watched: Watched, typed: str, quote: str) -> None:
    page = watched.open(written / f"run-{fx.run2}.html")
    page.fill("#filter-search", typed)
    assert shown(page) == [f"q-{quote_id(fx, quote)}"]


@needs_chromium
def test_print_shows_what_a_filter_hides_unless_asked_not_to(fx: ReportFixture, written: Path,
                                                            watched: Watched) -> None:
    page = watched.open(written / f"run-{fx.run2}.html")
    page.select_option("#filter-status", "quote:verified")
    on_screen = shown(page)
    page.emulate_media(media="print")
    assert len(shown(page)) == page.locator("li[data-kind='quote']").count() > len(on_screen)
    page.emulate_media(media="screen")
    page.check("#print-shown")
    page.emulate_media(media="print")
    assert shown(page) == on_screen


@needs_chromium
def test_a_phone_width_scrolls_only_down(fx: ReportFixture, written: Path, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        for name in (f"run-{fx.run2}.html", "index.html"):
            page.goto((written / name).resolve().as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, name
    finally:
        context.close()
