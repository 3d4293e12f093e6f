"""The report in a real browser: Debian's Chromium, headless, driven by Playwright, opened from
disk (file://) the way reviewers open it. Skipped when /usr/bin/chromium is not installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import Watched, needs_chromium
from reportfixture import (
    DOC_IMG_TITLE,
    EVIL_SPEAKER,
    IMG_TITLE,
    PARTIAL_QUOTE,
    SCRIPT_QUOTE,
    ReportFixture,
)

from verifier.history import run_counts

OUTPUT = Path(__file__).resolve().parent.parent / "test-output"

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def reports(written: Path) -> Path:
    OUTPUT.mkdir(exist_ok=True)  # screenshots for review land here (git-ignored)
    return written


def visible_ids(page: Any, kind: str) -> list[str]:
    return page.eval_on_selector_all(
        f"[data-kind='{kind}']", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")


def quote_id(fx: ReportFixture, quote: str) -> str:
    row = next(fx.store.rows("select id from quotes where text=?", [quote]))
    return f"q-{row['id']}"


def test_counts_shown_equal_the_database(fx: ReportFixture, reports: Path,
                                         watched: Watched) -> None:
    page = watched.open(reports / f"run-{fx.run2}.html")
    expected = run_counts(fx.store, fx.run2)
    for kind in ("quotes", "links"):
        shown = page.eval_on_selector_all(
            f"svg[data-chart='{kind}'] [data-count]",
            "els => Object.fromEntries(els.map(e => [e.dataset.status, Number(e.textContent)]))")
        assert shown == expected[kind]
    assert len(visible_ids(page, "quote")) == sum(expected["quotes"].values())
    assert page.text_content("#filter-count") == (
        "Showing 11 of 11 quotes and 12 of 12 citations in 2 of 2 documents.")
    page.screenshot(path=str(OUTPUT / "report-top.png"))
    page.screenshot(path=str(OUTPUT / "report-full.png"), full_page=True)
    watched.assert_quiet()


def test_status_filter_shows_only_that_status(fx: ReportFixture, reports: Path,
                                              watched: Watched) -> None:
    page = watched.open(reports / f"run-{fx.run2}.html")
    assert page.is_visible("#filters")  # the script ran: the CSP let it
    page.select_option("#filter-status", "quote:partial")
    assert visible_ids(page, "quote") == [quote_id(fx, PARTIAL_QUOTE)]
    assert visible_ids(page, "citation") == []
    assert not page.is_visible(f"#d-{fx.docs['budget.html']}")
    assert page.text_content("#filter-count") == (
        "Showing 1 of 11 quotes and 0 of 12 citations in 1 of 2 documents.")

    page.select_option("#filter-status", "citation:dead")
    dead = page.eval_on_selector_all(
        "[data-kind='citation']",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.status)")
    assert dead == ["dead", "dead"]
    assert visible_ids(page, "quote") == []

    page.select_option("#filter-status", "failing")
    statuses = page.eval_on_selector_all(
        "[data-filter-item]",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.status)")
    assert statuses and set(statuses) <= {"partial", "not_found", "source_unavailable", "dead",
                                          "soft_404", "blocked", "error", "invalid"}
    page.screenshot(path=str(OUTPUT / "report-failing.png"), full_page=False)

    page.select_option("#filter-status", "")
    assert len(visible_ids(page, "quote")) == 11
    watched.assert_quiet()


def test_search_box_narrows_to_matching_items(fx: ReportFixture, reports: Path,
                                              watched: Watched) -> None:
    page = watched.open(reports / f"run-{fx.run2}.html")
    page.fill("#filter-search", "ECONOMIST")
    assert visible_ids(page, "quote") == [quote_id(fx, "Prices will fall next spring")]
    page.fill("#filter-search", "farmer slow.example")  # every word must match
    assert visible_ids(page, "quote") == [quote_id(fx, "Water is life")]
    page.fill("#filter-search", "budget notes")  # a document's title shows all its items
    assert len(visible_ids(page, "quote")) == 4
    assert not page.is_visible(f"#d-{fx.docs['report.md']}")
    page.select_option("#filter-status", "quote:unsourced")  # filters combine
    assert visible_ids(page, "quote") == [quote_id(fx, "Nobody saw it coming")]
    page.select_option("#filter-status", "")
    page.fill("#filter-search", "no such words anywhere")
    assert visible_ids(page, "quote") == [] and visible_ids(page, "citation") == []
    assert page.text_content("#filter-count").startswith("Showing 0 of 11 quotes")
    page.fill("#filter-search", "")
    assert len(visible_ids(page, "citation")) == 12
    watched.assert_quiet()


def test_hostile_strings_show_as_text_and_nothing_runs(fx: ReportFixture, reports: Path,
                                                       watched: Watched) -> None:
    page = watched.open(reports / f"run-{fx.run2}.html")
    body = page.inner_text("body")
    for shown in (SCRIPT_QUOTE, IMG_TITLE, DOC_IMG_TITLE, EVIL_SPEAKER):
        assert shown in body
    assert page.eval_on_selector_all("img", "els => els.length") == 0
    assert page.eval_on_selector_all("script", "els => els.length") == 1
    page.hover(f"#{quote_id(fx, SCRIPT_QUOTE)} .attribution")
    # the page's own copy of the hostile page: its text, none of its scripts
    evidence = reports / "evidence" / f"{fx.shas['evil']}.html"
    page = watched.open(evidence)
    assert "Comments: <script>alert(1)</script> was typed." in page.inner_text("body")
    assert page.eval_on_selector_all("script, img", "els => els.length") == 0
    watched.open(reports / "index.html")
    watched.assert_quiet()


def test_keyboard_reaches_the_filters(fx: ReportFixture, reports: Path, watched: Watched) -> None:
    page = watched.open(reports / f"run-{fx.run2}.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.focus("#filter-status")
    page.keyboard.press("ArrowDown")  # "Everything" -> "Needs attention"
    assert page.input_value("#filter-status") == "failing"
    assert len(visible_ids(page, "quote")) < 11
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-search"
    page.keyboard.type("ministry")
    assert visible_ids(page, "quote") == [quote_id(fx, PARTIAL_QUOTE)]
    watched.assert_quiet()


CONTRAST = """
els => els.map(el => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const v = c.map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 :
                                           Math.pow((x + 0.055) / 1.055, 2.4); });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  let bg = null;
  for (let n = el; n; n = n.parentElement) {
    const b = getComputedStyle(n).backgroundColor;
    if (b && !b.startsWith('rgba(0, 0, 0, 0)') && b !== 'transparent') { bg = b; break; }
  }
  const a = lum(rgb(getComputedStyle(el).color)), b = lum(rgb(bg || 'rgb(255,255,255)'));
  return [el.className || el.tagName, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
})
"""


def test_text_has_readable_contrast(fx: ReportFixture, reports: Path, watched: Watched) -> None:
    page = watched.open(reports / f"run-{fx.run2}.html")
    ratios = page.eval_on_selector_all(
        ".badge, .muted, .meta, a, mark, del, ins, dt, th, .explanation, .note", CONTRAST)
    assert ratios
    low = [(name, round(r, 2)) for name, r in ratios if r < 4.5]
    assert low == []


def test_print_layout_hides_the_controls(fx: ReportFixture, reports: Path,
                                         watched: Watched) -> None:
    page = watched.open(reports / f"run-{fx.run2}.html")
    page.emulate_media(media="print")
    assert not page.is_visible("#filters")
    assert page.is_visible(f"#d-{fx.docs['report.md']}")
    page.pdf(path=str(OUTPUT / "report.pdf"))
    watched.assert_quiet()


def test_complete_and_readable_without_javascript(fx: ReportFixture, reports: Path,
                                                  browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((reports / f"run-{fx.run2}.html").resolve().as_uri())
        assert not page.is_visible("#filters")  # no controls that cannot work
        assert len(visible_ids(page, "quote")) == 11
        assert len(visible_ids(page, "citation")) == 12
        assert page.is_visible(f"#{quote_id(fx, PARTIAL_QUOTE)} del")
        # the stylesheet still applies: badges are coloured, not plain text
        background = page.eval_on_selector(".badge.q-verified",
                                           "e => getComputedStyle(e).backgroundColor")
        assert background == "rgb(220, 252, 231)"
    finally:
        context.close()


def test_printing_opens_the_collapsed_details(fx: ReportFixture, reports: Path,
                                              watched: Watched) -> None:
    page = watched.open(reports / f"run-{fx.run2}.html")
    closed = page.eval_on_selector_all("details:not([open])", "els => els.length")
    assert closed > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.eval_on_selector_all("details:not([open])", "els => els.length") == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.eval_on_selector_all("details:not([open])", "els => els.length") == closed
    watched.assert_quiet()
