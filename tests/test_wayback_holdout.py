"""Held-out edge cases of the real Wayback Machine, beyond the happy path.

Written before any code change; each expected outcome is what a careful archivist wants,
decided before running. The fake is extended only where the real service behaves so
(see the comments in tests/fakewayback.py); other answers are served verbatim by the
fixture web, in the shapes the real endpoints use.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import CliResult
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb
from wayback_support import (
    DIGEST,
    HEADER,
    KEYS,
    PAGE,
    FakeClock,
    archivist_for,
    client_for,
    page,
    raw_fetcher,
    stamp,
    write_wayback_config,
)

from verifier.archiving import Archivist
from verifier.models import SaveJob, Snapshot
from verifier.net.pacer import FAILURES_TO_TRIP
from verifier.net.waybackurls import parse_memento

# First run (before any code change): 17 of 33 passed; the 16 others were marked
# xfail(strict=True) and each mark came off with the fix that made its test pass.

pytestmark = pytest.mark.usefixtures("archive_hygiene")  # see conftest


# -- CDX answers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("answer", [
    [HEADER],  # output=json with no capture: the header row alone
    [],  # ...or nothing at all
])
def test_cdx_json_without_captures_is_no_captures(clock: FakeClock, answer: list[object]) -> None:
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", json.dumps(answer), content_type="application/json")
        assert client_for(web.base(), clock).captures(PAGE) == []
    finally:
        web.close()


def test_cdx_json_rows_are_read_like_plain_rows(clock: FakeClock) -> None:
    rows = [HEADER, ["com,example,news)/2021/story.html", "20210315000000", PAGE, "text/html",
                     "200", DIGEST, "1234"]]
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", json.dumps(rows), content_type="application/json")
        [found] = client_for(web.base(), clock).captures(PAGE)
        assert found.timestamp == "20210315000000" and found.url == PAGE
        assert found.status_code == 200 and found.digest == DIGEST
    finally:
        web.close()


def test_a_malformed_cdx_row_is_skipped_not_fatal(clock: FakeClock) -> None:
    """Real indexes hold rows with an impossible timestamp (month 00, seen in 2000 crawls)
    and originals with a raw space; one such row must not lose the URL's other captures."""
    text = "\n".join([
        f"com,example,news)/2021/story.html 20000008241731 {PAGE} text/html 200 {DIGEST} 10",
        f"com,example,news)/2021/story.html 20210315000000 {PAGE} text/html 200 {DIGEST} 10",
        f"com,example,news)/2021/story.html 20220101000000 {PAGE}?a b text/html 200 {DIGEST} 10",
        f"com,example,news)/2021/story.html 20230101000000 {PAGE} text/html 200 {DIGEST} 10",
    ]) + "\n"
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", text, content_type="text/plain")
        found = client_for(web.base(), clock).captures(PAGE)
        # the month-00 row is skipped; the raw space stays inside its original address
        assert [(s.timestamp, s.url) for s in found] == [
            ("20210315000000", PAGE), ("20220101000000", f"{PAGE}?a b"),
            ("20230101000000", PAGE)]
    finally:
        web.close()


def test_revisit_and_dash_status_rows(wayback: FakeWayback, clock: FakeClock) -> None:
    """Revisit records are listed with mimetype warc/revisit and statuscode "-": never
    evidence of a 200 page by themselves, but they are captures (a save may be one)."""
    wayback.capture(PAGE, "20210101000000", page("original"))
    wayback.capture(PAGE, "20210201000000", page("original"), statuscode="-",
                    mimetype="warc/revisit")
    client = client_for(wayback.base, clock)
    assert [s.timestamp for s in client.captures(PAGE)] == ["20210101000000"]
    everything = client.captures(PAGE, all_statuses=True)
    assert [s.status_code for s in everything] == [200, None]
    assert everything[1].mimetype == "warc/revisit"
    assert client.captured(PAGE, "20210201000000") is not None


@pytest.mark.parametrize("answer", [
    {"url": PAGE, "archived_snapshots": {}},
    {},
    {"url": PAGE, "archived_snapshots": {"closest": {"available": False, "status": "200"}}},
])
def test_availability_without_a_snapshot_is_none(clock: FakeClock,
                                                 answer: dict[str, object]) -> None:
    web = FixtureWeb()
    try:
        web.page("/wayback/available", json.dumps(answer), content_type="application/json")
        assert client_for(web.base(), clock).available(PAGE, "20210601") is None
    finally:
        web.close()


def test_short_timestamps_are_read_as_the_wayback_pads_them() -> None:
    """Wayback addresses with fewer than 14 digits are real (the Wayback completes them);
    a capture time read from one pads month and day with 01, never 00."""
    assert parse_memento("https://web.archive.org/web/201203151200/http://a.example/") == \
        ("201203151200", "http://a.example/")
    short = Snapshot(url="http://a.example/", timestamp="2012", archive_url="")
    assert short.captured_at == datetime(2012, 1, 1)
    assert Snapshot(url="x", timestamp="201203151200", archive_url="").captured_at == \
        datetime(2012, 3, 15, 12, 0)


# -- choosing the capture --------------------------------------------------------------------------
def test_a_citation_before_the_first_capture_takes_the_first_after(wayback: FakeWayback,
                                                                   clock: FakeClock) -> None:
    for ts in ("20210701000000", "20220101000000", "20230101000000"):
        wayback.capture(PAGE, ts, page(ts))
    info = archivist_for(wayback, clock).info(PAGE, date(2021, 1, 1))
    assert info.closest is not None and info.closest.timestamp == "20210701000000"
    assert info.newest is not None and info.newest.timestamp == "20230101000000"


def test_between_captures_the_one_before_wins_even_if_one_after_is_nearer(
        wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210101000000", page("months before"))
    wayback.capture(PAGE, "20210602000000", page("the day after"))
    wayback.capture(PAGE, "20230101000000", page("now"))
    info = archivist_for(wayback, clock).info(PAGE, date(2021, 6, 1))
    assert info.closest is not None and info.closest.timestamp == "20210101000000"


def test_redirect_404_and_revisit_captures_are_never_the_evidence(wayback: FakeWayback,
                                                                  clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210101000000", page("quoted"))
    wayback.capture(PAGE, "20210401000000", "", statuscode=302)
    wayback.capture(PAGE, "20210501000000", page("gone"), statuscode=404)
    wayback.capture(PAGE, "20210520000000", page("quoted"), statuscode="-",
                    mimetype="warc/revisit")
    wayback.capture(PAGE, "20230101000000", page("now"))
    archivist = archivist_for(wayback, clock)
    info = archivist.info(PAGE, date(2021, 6, 1))
    assert info.closest is not None and info.closest.timestamp == "20210101000000"
    assert [s.timestamp for s, _ in archivist.copies(PAGE, date(2021, 6, 1))] == \
        ["20210101000000", "20230101000000"]


def test_duplicate_timestamps_are_one_capture(wayback: FakeWayback, clock: FakeClock) -> None:
    """The index can hold two records with one key and timestamp; one copy is fetched."""
    wayback.capture(PAGE, "20210315000000", page("the words"))
    wayback.capture(PAGE, "20210315000000", page("the words"))
    archivist = archivist_for(wayback, clock)
    copies = archivist.copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20210315000000"]
    assert wayback.count("snapshot") == 1


def test_captures_under_a_www_variant_are_used_by_their_recorded_address(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """The CDX matches on SURT (no www., no scheme, no default port): what it returns was
    recorded under another spelling, and the raw copy must be asked under that one."""
    cited = "https://example.org/news/item?id=7"
    recorded = "http://www.example.org:80/news/item?id=7"
    wayback.capture(recorded, "20210315000000", page("the words"))
    archivist = archivist_for(wayback, clock)
    info = archivist.info(cited, date(2021, 6, 1))
    assert info.closest is not None and info.closest.url == recorded
    [(snapshot, fetch)] = archivist.copies(cited, date(2021, 6, 1))
    assert fetch.body == page("the words").encode()
    assert snapshot.archive_url == f"https://web.archive.org/web/20210315000000/{recorded}"


# -- raw copies ---------------------------------------------------------------------------------------
def test_a_copy_redirected_to_another_timestamp_is_recorded_as_served(
        wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210315000000", page("listed, not playable"))
    wayback.capture(PAGE, "20210316000000", page("the words"))
    wayback.capture(PAGE, "20230101000000", page("now"))
    wayback.unplayable.add("20210316000000")  # listed; the replay moves to 20210315
    archivist = archivist_for(wayback, clock)
    copies = archivist.copies(PAGE, date(2021, 6, 1))
    first, fetch = copies[0]
    assert first.timestamp == "20210315000000"
    assert first.archive_url == f"https://web.archive.org/web/20210315000000/{PAGE}"
    assert fetch.body == page("listed, not playable").encode()


def test_two_captures_served_as_one_are_one_copy(wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210315000000", page("old"))
    wayback.capture(PAGE, "20230101000000", page("new"))
    wayback.unplayable.add("20210315000000")  # its replay moves to the newest capture
    copies = archivist_for(wayback, clock).copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20230101000000"]


@pytest.mark.parametrize("status", [404, 503, 200])
def test_an_unreadable_closest_capture_falls_back_to_the_next_before(
        wayback: FakeWayback, clock: FakeClock, status: int) -> None:
    """A capture whose replay fails (404, 5xx, or the Wayback's own error page without a
    Memento-Datetime) is not the evidence: the next capture before the citation is."""
    wayback.capture(PAGE, "20210101000000", page("the words, earlier"))
    wayback.capture(PAGE, "20210315000000", page("the words"))
    wayback.capture(PAGE, "20230101000000", page("now"))
    wayback.replay_errors["20210315000000"] = status
    archivist = archivist_for(wayback, clock)
    copies = archivist.copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20210101000000", "20230101000000"]
    assert all(b"cannot be displayed" not in (f.body or b"") for _, f in copies)


def test_an_unreadable_newest_capture_falls_back_to_the_one_before_it(
        wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.capture(PAGE, "20220101000000", page("recent"))
    wayback.capture(PAGE, "20230101000000", page("now"))
    wayback.replay_errors["20230101000000"] = 503
    copies = archivist_for(wayback, clock).copies(PAGE, None)
    assert [s.timestamp for s, _ in copies] == ["20220101000000"]


# -- the archive unavailable --------------------------------------------------------------------------
def test_a_cdx_timeout_is_unavailable_and_queued_not_no_capture(clock: FakeClock) -> None:
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", "", delay=5)
        client = client_for(web.base(), clock, wayback_timeout=0.3)
        archivist = Archivist(client, raw_fetcher(client), client.settings, clock=clock)
        info = archivist.info(PAGE, date(2021, 6, 1))
        assert info.closest is None and info.newest is None
        assert info.error and "0.3 s" in info.error
        assert info.queued  # not answered: the next run asks first
    finally:
        web.close()


@pytest.mark.parametrize("status", [502, 503, 504])
def test_an_overloaded_cdx_is_unavailable_and_queued(wayback: FakeWayback, clock: FakeClock,
                                                     status: int) -> None:
    wayback.fail_with = status
    info = archivist_for(wayback, clock).info(PAGE, date(2021, 6, 1))
    assert info.closest is None and info.error and str(status) in info.error
    assert info.queued


# -- Save Page Now 2 ------------------------------------------------------------------------------------
def test_spn2_same_snapshot_answer_uses_the_recent_capture(wayback: FakeWayback,
                                                           clock: FakeClock) -> None:
    now = datetime.now(UTC)
    wayback.capture(PAGE, stamp(now - timedelta(hours=4, minutes=45)), page("x"))
    wayback.save2_answer = {"job_id": None, "message": "The same snapshot had been made 4 "
                            "hours, 45 minutes ago. You can make new capture of this URL after "
                            "168 hours."}
    archivist = archivist_for(wayback, clock, keys=KEYS, now=now, save="always")
    job = archivist.submit_save(PAGE)
    assert job.status == "success" and job.error is None
    assert job.timestamp == stamp(now - timedelta(hours=4, minutes=45))


def test_spn2_same_snapshot_not_yet_indexed_is_pending(wayback: FakeWayback,
                                                       clock: FakeClock) -> None:
    """The CDX index lags the capture by minutes to hours: not an error, CDX tells later."""
    wayback.save2_answer = {"job_id": None, "message": "The same snapshot had been made 18 "
                            "minutes ago. You can make new capture of this URL after 1 hour."}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    job = archivist.submit_save(PAGE)
    assert job.status == "pending"


def test_spn2_too_many_daily_captures_with_a_capture_today(wayback: FakeWayback,
                                                           clock: FakeClock) -> None:
    now = datetime.now(UTC)
    wayback.capture(PAGE, stamp(now - timedelta(hours=3)), page("x"))
    wayback.job_outcome = {"status": "error", "status_ext": "error:too-many-daily-captures",
                           "message": "This URL has been already captured 10 times today."}
    wayback.pending_polls = 1
    archivist = archivist_for(wayback, clock, keys=KEYS, now=now, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "success" and job.timestamp == stamp(now - timedelta(hours=3))


def test_spn2_too_many_daily_captures_not_yet_indexed_is_pending(wayback: FakeWayback,
                                                                 clock: FakeClock) -> None:
    wayback.job_outcome = {"status": "error", "status_ext": "error:too-many-daily-captures",
                           "message": "This URL has been already captured 10 times today."}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "pending" and job.job_id


def test_spn2_final_errors_stay_errors(wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.job_outcome = {"status": "error", "status_ext": "error:blocked-url",
                           "message": "This URL is in the Save Page Now service block list."}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "error" and "blocked-url" in (job.error or "")


def test_spn2_pending_then_success_is_confirmed(wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.pending_polls = 2
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "success" and wayback.count("status") == 3
    assert archivist.client.captured(PAGE, job.timestamp or "") is not None


def test_a_resumed_job_with_status_error_is_not_resubmitted_blindly(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """An earlier run's job whose status turns out to be error:too-many-daily-captures is
    settled like a fresh one (capture found: success), without a second submission."""
    now = datetime.now(UTC)
    wayback.capture(PAGE, stamp(now - timedelta(hours=1)), page("x"))
    wayback.job_outcome = {"status": "error", "status_ext": "error:too-many-daily-captures"}
    wayback.pending_polls = 0
    archivist = archivist_for(wayback, clock, keys=KEYS, now=now, save="always")
    submitted = archivist.client.save_spn2(PAGE)
    wayback.requests.clear()
    done = archivist.poll(SaveJob(**{**submitted.__dict__, "submitted_at": now}))
    assert done.status == "success"
    assert wayback.count("save2") == 0


# -- the whole run ------------------------------------------------------------------------------------------
SAID = "the new ferry terminal will open to passengers in the first week of March"


def test_an_overloaded_cdx_leaves_the_run_complete_and_everything_queued(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    lines = ["Ferry news, June 3, 2021\n"]
    for i in range(6):
        web.page(f"/gone{i}", "<title>Not Found</title>", status=404)
        lines.append(f"Harbour master Tom Field said that “{SAID}.”{i + 1}\n")
    lines += [f"{i + 1} {web.url(f'/gone{i}')}\n" for i in range(6)]
    doc = workspace / "note.txt"
    doc.write_text("\n".join(lines), encoding="utf-8")
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    wayback.capture(web.url("/gone0"), "20210520000000", f"<p>He said {SAID}.</p>")
    wayback.fail_with = 503
    result = run_cli("run", str(doc))
    assert result.code == 1
    data = json.loads(run_cli("export", "--format", "json").out)
    assert data["quotes"] and all(q["status"] == "source_unavailable" for q in data["quotes"])
    for quote in data["quotes"]:
        assert "no snapshot" not in str(quote["note"])
    # The breaker opened after FAILURES_TO_TRIP overloaded answers; the run's second archive
    # thread may have had one more call in flight by then, never more.
    assert wayback.count("cdx") <= FAILURES_TO_TRIP + 1
    db = sqlite3.connect(workspace / "verifier.db")
    queued = {r[0] for r in db.execute("select url from wayback_queue")}
    assert queued == {web.url(f"/gone{i}") for i in range(6)}
    lookups = db.execute("select error from archive_lookups").fetchall()
    assert lookups and all(error for (error,) in lookups)  # never recorded as 'no capture'


def test_saves_beyond_the_save_budget_are_kept_for_the_next_run(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    lines = ["Ferry news, June 3, 2021\n"]
    for i in range(3):
        web.page(f"/live{i}", f"<html><body><p>He said {SAID}.</p></body></html>")
        lines.append(f"Harbour master Tom Field said that “{SAID}.”{i + 1}\n")
    lines += [f"{i + 1} {web.url(f'/live{i}')}\n" for i in range(3)]
    doc = workspace / "note.txt"
    doc.write_text("\n".join(lines), encoding="utf-8")
    (workspace / "verifier.toml").write_text(
        f'wayback_url = "{wayback.base}"\nallow_private_hosts = true\nretries = 0\n'
        'save = "always"\nwayback_saves_per_minute = 4\nwayback_budget = 1\n')
    assert run_cli("run", str(doc)).code == 0
    db = sqlite3.connect(workspace / "verifier.db")
    rows = db.execute("select url, status, submitted_at from saves").fetchall()
    assert len(rows) == 3
    assert sum(1 for _, status, _ in rows if status == "success") == 1
    queued = [(url, at) for url, status, at in rows if status == "pending"]
    assert len(queued) == 2 and all(at is None for _, at in queued)
