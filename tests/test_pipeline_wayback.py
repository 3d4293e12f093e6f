"""The run's use of the Wayback Machine: only where a verdict needs it, the capture nearest the
citation date, a 429 that opens the breaker without stopping the run, queued work first next
time, and no call at all with no_wayback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import CliResult
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb
from wayback_support import write_wayback_config

from verifier.archiving import MAX_EARLIER
from verifier.checking import LATER_DATES_READ

SAID = "the new ferry terminal will open to passengers in the first week of March"
PAGE = f"<html lang='en'><body><p>The harbour master said {SAID}.</p></body></html>"
CHANGED = ("<html lang='en'><body><p>The harbour master said the terminal opening has been "
           "postponed indefinitely.</p></body></html>")


def _doc(root: Path, web: FixtureWeb, path: str = "/terminal") -> Path:
    doc = root / "note.txt"
    doc.write_text(f"Ferry news, June 3, 2021\n\nHarbour master Tom Field said that “{SAID}.”1\n\n"
                   f"1 {web.url(path)}\n", encoding="utf-8")
    return doc


def _quote(run_cli: Callable[..., CliResult]) -> dict[str, object]:
    data = json.loads(run_cli("export", "--format", "json").out)
    return data["quotes"][0]


def test_no_archive_call_when_the_link_is_ok_and_the_quote_verified_live(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/terminal", PAGE)
    doc = _doc(workspace, web)
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    assert run_cli("run", str(doc)).code == 0
    assert _quote(run_cli)["status"] == "verified"
    assert wayback.requests == []


def test_changed_page_is_checked_against_the_capture_nearest_before_the_citation(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/terminal", CHANGED)
    url = web.url("/terminal")
    wayback.capture(url, "20210520000000", PAGE)  # before the document's date: the evidence
    wayback.capture(url, "20240101000000", CHANGED)  # the newest: what is there now
    doc = _doc(workspace, web)
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    run_cli("run", str(doc))
    quote = _quote(run_cli)
    assert quote["status"] == "verified_archive"
    assert quote["checked_against"] == "snapshot"
    assert str(quote["snapshot_url"]).startswith("https://web.archive.org/web/20210520000000/")
    snapshot_paths = [r.path for r in wayback.requests if r.kind == "snapshot"]
    assert snapshot_paths[0].startswith("/web/20210520000000id_/")


def test_a_page_edited_before_the_citation_is_checked_in_its_earlier_version(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    """The capture nearest before the citation already shows the edit: the author read the
    page earlier, so the version captured before it is read too."""
    web.page("/terminal", CHANGED)
    url = web.url("/terminal")
    wayback.capture(url, "20210301000000", PAGE)  # what the author read
    wayback.capture(url, "20210601000000", CHANGED)  # edited two days before the document
    wayback.capture(url, "20240101000000", CHANGED)
    doc = _doc(workspace, web)
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    run_cli("run", str(doc))
    quote = _quote(run_cli)
    assert quote["status"] == "verified_archive"
    assert str(quote["snapshot_url"]).startswith("https://web.archive.org/web/20210301000000/")


def test_no_earlier_version_is_read_when_a_copy_holds_the_quote(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/terminal", CHANGED)
    url = web.url("/terminal")
    wayback.capture(url, "20190101000000", CHANGED.replace("postponed", "delayed"))
    wayback.capture(url, "20210520000000", PAGE)
    wayback.capture(url, "20240101000000", CHANGED)
    doc = _doc(workspace, web)
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    run_cli("run", str(doc))
    assert _quote(run_cli)["status"] == "verified_archive"
    assert not [r for r in wayback.requests if "/web/20190101000000" in r.path]


def test_a_429_opens_the_breaker_the_run_completes_and_the_next_run_asks_first(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/gone", "<title>Not Found</title>", status=404)
    wayback.capture(web.url("/gone"), "20210520000000", PAGE)
    doc = _doc(workspace, web, "/gone")
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    wayback.rate_limited = 1000
    wayback.retry_after = ""  # naming no wait (one that outlives the run holds the next: holdout10)
    first = run_cli("run", str(doc))
    assert first.code == 1  # completed: a dead link and an unavailable source
    quote = _quote(run_cli)
    assert quote["status"] == "source_unavailable"
    assert "queued for the next run" in str(quote["note"])
    assert len(wayback.requests) == 1  # the breaker stopped every later call at once

    wayback.rate_limited = 0
    wayback.requests.clear()
    run_cli("run", str(doc))
    assert wayback.requests[0].kind == "cdx"
    assert _quote(run_cli)["status"] == "verified_archive"


def test_no_wayback_makes_no_call(workspace: Path, web: FixtureWeb, wayback: FakeWayback,
                                  run_cli: Callable[..., CliResult]) -> None:
    web.page("/gone", "<title>Not Found</title>", status=404)
    doc = _doc(workspace, web, "/gone")
    write_wayback_config(workspace, wayback)
    result = run_cli("run", "--no-wayback", str(doc))
    assert result.code == 1
    assert wayback.requests == []
    assert _quote(run_cli)["status"] == "source_unavailable"


def test_live_source_without_a_recent_capture_is_saved(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    import sqlite3

    web.page("/terminal", PAGE)
    doc = _doc(workspace, web)
    write_wayback_config(workspace, wayback, 'save = "missing"\n')
    assert run_cli("run", str(doc)).code == 0
    assert wayback.count("save") == 1
    rows = sqlite3.connect(workspace / "verifier.db").execute(
        "select url, status, archive_url from saves").fetchall()
    assert rows and rows[0][1] == "success"
    assert rows[0][2].startswith("https://web.archive.org/web/")


def test_pacer_rate_is_respected_over_a_run(workspace: Path, web: FixtureWeb,
                                            wayback: FakeWayback,
                                            run_cli: Callable[..., CliResult]) -> None:
    lines = []
    for i in range(6):
        web.page(f"/gone{i}", "<title>Not Found</title>", status=404)
        lines.append(f"See the notice.{i + 1}\n\n{i + 1} {web.url(f'/gone{i}')}\n")
    doc = workspace / "many.txt"
    doc.write_text("\n".join(lines))
    (workspace / "verifier.toml").write_text(
        f'wayback_url = "{wayback.base}"\nallow_private_hosts = true\nretries = 0\n'
        'save = "never"\nwayback_lookups_per_minute = 300\n')  # one call per 0.2 s
    assert run_cli("run", str(doc)).code == 1
    times = sorted(r.at for r in wayback.requests)
    assert len(times) >= 6
    # The pacer spaces its grants 0.2 s apart; a request reaches the server a little after its
    # grant (thread scheduling on a busy machine), so each span is allowed 0.1 s of that delay
    # once, never accumulated: n requests always span at least (n - 1) * 0.2 - 0.1 s.
    spans = [(j - i, times[j] - times[i]) for i in range(len(times)) for j in range(i + 1, len(times))]
    assert all(span >= 0.2 * calls - 0.1 for calls, span in spans), spans


def test_a_page_cited_again_later_is_also_read_as_it_was_at_the_later_date(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    """A second document cites the changed page years later, quoting its new words: the
    capture nearest before that document's date is read too (the live page has changed again)."""
    web.page("/terminal", "<html><body><p>Timetables</p></body></html>")
    url = web.url("/terminal")
    wayback.capture(url, "20210520000000", PAGE)
    wayback.capture(url, "20230520000000", CHANGED)
    wayback.capture(url, "20240101000000", "<html><body><p>Timetables</p></body></html>")
    _doc(workspace, web).rename(workspace / "first.txt")
    (workspace / "later.txt").write_text(
        "Ferry news, June 3, 2023\n\nHarbour master Tom Field said that “the terminal opening "
        f"has been postponed indefinitely.”1\n\n1 {url}\n", encoding="utf-8")
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    run_cli("run", str(workspace / "first.txt"), str(workspace / "later.txt"))
    quotes = json.loads(run_cli("export", "--format", "json").out)["quotes"]
    assert {q["status"] for q in quotes} == {"verified_archive"}
    assert {str(q["snapshot_url"])[:41] for q in quotes} == {
        "https://web.archive.org/web/2021052000000", "https://web.archive.org/web/2023052000000"}


def test_a_page_cited_on_many_dates_is_read_at_a_few_of_them(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    """Twelve documents cite the page on twelve dates, quoting words no copy holds: the
    captures nearest a few of those dates are read, not one lookup and read per date."""
    web.page("/terminal", "<html><body><p>Timetables</p></body></html>")
    url = web.url("/terminal")
    for year in range(2012, 2024):
        wayback.capture(url, f"{year}0520000000", f"<html><body><p>Edition {year}.</p></body></html>")
    for month in range(1, 13):
        (workspace / f"note{month}.txt").write_text(
            f"Ferry news, June 3, {2011 + month}\n\nHarbour master Tom Field said that “the "
            f"terminal will never reopen to ferries again.”1\n\n1 {url}\n", encoding="utf-8")
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    run_cli("run", str(workspace))
    snapshots = {r.path for r in wayback.requests if r.kind == "snapshot"}
    assert 2 <= len(snapshots) <= 2 + LATER_DATES_READ + MAX_EARLIER, sorted(snapshots)
    # the later dates read are spread over the span (2013 to 2023), not its first or last few
    years = sorted({int(p.split("/")[2][:4]) for p in snapshots})
    assert any(2015 < year < 2021 for year in years), years
