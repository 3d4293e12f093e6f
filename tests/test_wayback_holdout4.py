"""A fourth held-out set of real Wayback Machine behaviours, beyond the first three sets'.

Written before any code change; each expected outcome is what a careful archivist wants,
decided before running. The fake gained one real behaviour (trouble answered by the SPN2
status endpoint between polls: a 502, its maintenance page, a 429); other answers are served
verbatim by the fixture web, in the shapes the real endpoints use (SPN2's documented
status_ext codes, the Wayback's redirects and Memento headers).

First run (before any code change, on commit 628378d plus this file and the fake's status
trouble, commit abbbf01): 18 of 35 passed; the 17 others were marked xfail(strict=True)
with the reason they failed, and each mark came off with the general fix that made its test
pass (35 of 35 now): CDX answers are kept per page (a simplified SURT) so another spelling
asks nothing again, Memento-Datetime names the capture a replay served, a replay landing on
another page is no copy, a copy served from after the citation gives way to a readable one
before it, the newest is skipped only as a twin of a copy in hand, a replay's Retry-After is
honoured, 429s while the breaker is open are one trip, SPN2's documented system errors and
502/503/504 from Save Page Now leave a save pending, trouble between status polls keeps the
job followed, and an anonymous save naming an old capture is pending, not a success.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import CliResult
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply
from wayback_support import (
    CITED,
    HOME,
    KEYS,
    MAINTENANCE,
    PAGE,
    FakeClock,
    ScriptedArchive,
    archivist_for,
    client_for,
    fweb,
    memento_date,
    page,
    plain,
    row,
    stamp,
    timestamps,
    write_wayback_config,
)

from verifier.models import SaveJob
from verifier.net.pacer import LOOKUP, IAPacer
from verifier.store import Store

__all__ = ["fweb"]  # the shared fixture, used by the tests below
pytestmark = pytest.mark.usefixtures("archive_hygiene")  # see conftest



# -- choosing the capture ------------------------------------------------------------------------
def test_a_capture_at_midnight_after_the_cited_day_is_after_it(wayback: FakeWayback,
                                                               clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210101000000", page("months before"))
    wayback.capture(PAGE, "20210602000000", page("midnight after"))
    wayback.capture(PAGE, "20230101000000", page("now"))
    info = archivist_for(wayback, clock).info(PAGE, CITED)
    assert info.closest is not None and info.closest.timestamp == "20210101000000"


def test_a_revisit_listed_with_status_200_is_a_capture_of_its_own_time(
        fweb: FixtureWeb, clock: FakeClock) -> None:
    """A revisit record listed with status 200 says the page answered the same bytes (same
    digest) at that time: it is the capture nearest before the citation, replayed with the
    payload it refers to."""
    archive = ScriptedArchive(fweb, plain(
        row("20210101000000", digest="D" * 32),
        row("20210520000000", mimetype="warc/revisit", digest="D" * 32),
        row("20230101000000", digest="E" * 32)), {
        "20210101000000": Reply(body=page("the words")),
        "20210520000000": Reply(body=page("the words")),
        "20230101000000": Reply(body=page("now"))})
    archivist = archive.archivist(clock)
    info = archivist.info(PAGE, CITED)
    assert info.closest is not None and info.closest.timestamp == "20210520000000"
    assert timestamps(archivist.copies(PAGE, CITED)) == ["20210520000000", "20230101000000"]


def test_one_page_cited_as_http_and_as_https_www_is_looked_up_once(wayback: FakeWayback,
                                                                   clock: FakeClock) -> None:
    """The CDX matches on the SURT (no scheme, no www.): asking again about another spelling
    of the same page spends the Archive's rate limit on the same answer."""
    wayback.capture(PAGE, "20210315000000", page("the words"))
    wayback.capture(PAGE, "20230101000000", page("now"))
    archivist = archivist_for(wayback, clock)
    first = archivist.info(PAGE, CITED)
    asked = wayback.count("cdx")
    other = "https://www.news.example.com/2021/story.html"
    second = archivist.info(other, CITED)
    assert wayback.count("cdx") == asked
    assert second.url == other
    assert (second.closest, second.newest) == (first.closest, first.newest)


# -- raw copies ------------------------------------------------------------------------------------
def test_a_replay_dated_otherwise_by_its_memento_datetime_is_recorded_at_that_time(
        fweb: FixtureWeb, clock: FakeClock) -> None:
    """Memento-Datetime is the Wayback's word on which capture it served, redirect or not."""
    archive = ScriptedArchive(fweb, plain(row("20210316000000")), {
        "20210316000000": Reply(body=page("the words"),
                                headers={"Memento-Datetime": memento_date("20210315000000")})})
    [(snapshot, fetch)] = archive.archivist(clock).copies(PAGE, CITED)
    assert fetch.body == page("the words").encode()
    assert snapshot.timestamp == "20210315000000"
    assert snapshot.archive_url == f"https://web.archive.org/web/20210315000000/{PAGE}"


def test_a_replay_redirected_to_another_page_is_no_copy_of_the_cited_one(
        fweb: FixtureWeb, clock: FakeClock) -> None:
    """A replay landing on the capture of another page (the site's front page) holds nothing
    the cited page said: the next capture is tried instead."""
    archive = ScriptedArchive(fweb, plain(row("20210101000000"), row("20210315000000")), {
        "20210101000000": Reply(body=page("the words, earlier")),
        "20210315000000": Reply(302, b"", content_type=None, headers={
            "Location": f"https://web.archive.org/web/20210315000000id_/{HOME}"}),
        f"20210315000000/{HOME}": Reply(body=page("Front page: today's headlines"))})
    archivist = archive.archivist(clock)
    copies = archivist.copies(PAGE, CITED)
    assert timestamps(copies) == ["20210101000000"]
    assert all(s.url == PAGE for s, _ in copies)
    assert "20210315000000" in (archivist.info(PAGE, CITED).error or "")


def test_a_replay_before_the_citation_landing_after_it_gives_way_to_one_before(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """The Wayback redirects an unplayable capture to the nearest playable one, which can lie
    after the citation: a capture before it, if one can be read, is the evidence."""
    wayback.capture(PAGE, "20210101000000", page("the words, earlier"))
    wayback.capture(PAGE, "20210520000000", page("listed, not playable"))
    wayback.capture(PAGE, "20210610000000", page("the day after"))
    wayback.capture(PAGE, "20230101000000", page("now"))
    wayback.unplayable.add("20210520000000")  # served as 20210610, the nearest playable
    copies = archivist_for(wayback, clock).copies(PAGE, CITED)
    assert timestamps(copies) == ["20210101000000", "20230101000000"]


def test_the_newest_with_the_content_of_an_unreadable_closest_is_still_fetched(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """The newest is skipped only as a copy of content already in hand: when the closest
    capture cannot be replayed, its twin (same digest) is the newest copy all the same."""
    wayback.capture(PAGE, "20200101000000", page("the older words"))
    wayback.capture(PAGE, "20210315000000", page("the words"))
    wayback.capture(PAGE, "20230101000000", page("the words"))
    wayback.replay_errors["20210315000000"] = 503
    copies = archivist_for(wayback, clock).copies(PAGE, CITED)
    assert timestamps(copies) == ["20200101000000", "20230101000000"]


def test_a_429_on_a_replay_pauses_as_long_as_its_retry_after(fweb: FixtureWeb,
                                                             clock: FakeClock) -> None:
    archive = ScriptedArchive(fweb, plain(row("20210315000000")), {
        "20210315000000": Reply(429, "Too Many Requests", content_type="text/plain",
                                headers={"Retry-After": "3600"})})
    archivist = archive.archivist(clock, wayback_budget=100_000)
    assert archivist.copies(PAGE, CITED) == []
    assert archivist.info(PAGE, CITED).queued
    clock.advance(1000)
    assert archivist.client.blocked()  # the breaker's 300 s floor is not the Archive's word
    clock.advance(2700)
    assert archivist.client.blocked() is None


# -- the pacer ---------------------------------------------------------------------------------------
def _pacer(clock: FakeClock, lookups_per_minute: float = 60) -> IAPacer:
    return IAPacer(lookups_per_minute=lookups_per_minute, saves_per_minute=6, budget=100_000,
                   breaker_seconds=300, clock=clock, sleep=clock.sleep)


def test_429s_of_calls_in_flight_together_are_one_trip(clock: FakeClock) -> None:
    """Two calls sent before the breaker opened both come back 429: one incident, not a
    repeat that doubles the pause."""
    pacer = _pacer(clock)
    pacer.acquire(LOOKUP)
    pacer.acquire(LOOKUP)
    pacer.record_rate_limited()
    pacer.record_rate_limited()
    clock.advance(301)
    assert pacer.blocked() is None


def test_after_the_breaker_closes_calls_resume_at_the_pace_not_in_a_burst(
        clock: FakeClock) -> None:
    pacer = _pacer(clock, lookups_per_minute=6)  # one lookup every 10 s
    pacer.acquire(LOOKUP)
    pacer.record_rate_limited()
    clock.advance(301)
    pacer.acquire(LOOKUP)
    pacer.acquire(LOOKUP)
    assert clock.sleeps == [pytest.approx(10.0)]


# -- Save Page Now 2 ---------------------------------------------------------------------------------
@pytest.mark.parametrize("status_ext", [
    "error:job-failed", "error:capture-location-error", "error:cannot-fetch",
    "error:protocol-error", "error:max-daily-bandwidth",
])
def test_spn2_system_errors_leave_the_save_pending(wayback: FakeWayback, clock: FakeClock,
                                                   status_ext: str) -> None:
    """SPN2's documented errors of its own systems (or of today's quota): retried later."""
    wayback.job_outcome = {"status": "error", "status_ext": status_ext,
                           "message": "Capture failed due to system error."}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "pending"


@pytest.mark.parametrize("status_ext", [
    "error:too-many-redirects", "error:filesize-limit", "error:unauthorized",
])
def test_spn2_errors_about_the_target_are_final(wayback: FakeWayback, clock: FakeClock,
                                                status_ext: str) -> None:
    wayback.job_outcome = {"status": "error", "status_ext": status_ext, "message": "No."}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "error" and status_ext in (job.error or "")


@pytest.mark.parametrize("trouble", [(502, "Bad Gateway"), (200, MAINTENANCE)],
                         ids=["502", "maintenance-page"])
def test_trouble_between_status_polls_does_not_stop_following_the_job(
        wayback: FakeWayback, clock: FakeClock, trouble: tuple[int, str]) -> None:
    wayback.pending_polls = 1
    wayback.status_trouble = [trouble]
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "success" and wayback.count("status") >= 3
    assert wayback.count("save2") == 1


def test_a_429_on_a_status_poll_leaves_the_job_to_the_next_run(wayback: FakeWayback,
                                                               clock: FakeClock) -> None:
    wayback.pending_polls = 0
    wayback.status_trouble = [(429, "Too Many Requests")]
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "pending" and job.job_id
    assert archivist.client.blocked()
    later = archivist_for(wayback, FakeClock(), keys=KEYS, save="always")
    later.resume_saves([job])
    [done] = later.close(wait=10)
    assert done.status == "success" and done.job_id == job.job_id
    assert wayback.count("save2") == 1  # polled again, never submitted twice


def test_an_html_page_answering_the_spn2_submission_leaves_the_save_queued(
        fweb: FixtureWeb, clock: FakeClock) -> None:
    fweb.page("/save", MAINTENANCE)
    archivist = ScriptedArchive(fweb, plain()).archivist(clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "pending" and job.submitted_at is None


def test_spn2_success_not_yet_indexed_is_confirmed_by_the_next_run(wayback: FakeWayback,
                                                                  clock: FakeClock) -> None:
    ts = stamp(datetime.now(UTC) - timedelta(minutes=1))
    wayback.pending_polls = 0
    wayback.job_outcome = {"status": "success", "timestamp": ts, "original_url": PAGE}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "pending" and job.job_id and job.timestamp == ts
    wayback.capture(PAGE, ts, page("saved"))  # the index caught up
    later = archivist_for(wayback, FakeClock(), keys=KEYS, save="always")
    later.resume_saves([job])
    [done] = later.close(wait=10)
    assert done.status == "success" and done.timestamp == ts
    assert wayback.count("save2") == 1


def test_spn2_delayed_capture_message_is_a_job_not_an_error(fweb: FixtureWeb,
                                                            clock: FakeClock) -> None:
    """"Your capture will begin in 45s." (many captures of one host at once) comes with a job."""
    fweb.page("/save", json.dumps({"url": PAGE, "job_id": "spn2-9f8e7d",
                                   "message": "Your capture will begin in 45s."}),
              content_type="application/json")
    job = client_for(fweb.base(), clock, keys=KEYS).save_spn2(PAGE)
    assert job.status == "pending" and job.job_id == "spn2-9f8e7d" and job.error is None


# -- saves in general --------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["anonymous", "spn2"])
def test_a_save_answered_503_is_pending_not_an_error(wayback: FakeWayback, fweb: FixtureWeb,
                                                     clock: FakeClock, method: str) -> None:
    """An overloaded Save Page Now says nothing about the page: the save is tried again."""
    if method == "anonymous":
        wayback.save_status = 503
        archivist = archivist_for(wayback, clock, save="always")
    else:
        fweb.page("/save", "Service Unavailable", status=503, content_type="text/plain")
        archivist = ScriptedArchive(fweb, plain()).archivist(clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "pending" and "503" in (job.error or "")


def test_an_anonymous_save_answered_429_is_queued_and_pauses_everything(
        wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.rate_limited = 1
    archivist = archivist_for(wayback, clock, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "pending" and job.submitted_at is None
    assert archivist.client.blocked()


def test_an_anonymous_save_naming_a_capture_years_old_is_not_this_save(
        fweb: FixtureWeb, clock: FakeClock) -> None:
    """Save Page Now answering with the page's old capture (a redirect to the latest one it
    has) did not save it now: pending, never a success resting on the old capture."""
    fweb.page("/save/" + PAGE, "", status=302, content_type=None, headers={
        "Location": f"https://web.archive.org/web/20190101000000/{PAGE}"})
    archivist = ScriptedArchive(fweb, plain(row("20190101000000"))).archivist(
        clock, save="always", now=datetime(2024, 5, 1, tzinfo=UTC))
    job = archivist.submit_save(PAGE)
    assert job.status == "pending"
    assert job.timestamp is None and job.archive_url is None


def test_save_missing_saves_a_page_whose_recent_captures_are_errors(wayback: FakeWayback,
                                                                    clock: FakeClock) -> None:
    now = datetime.now(UTC)
    wayback.capture(PAGE, "20200101000000", page("x"))
    wayback.capture(PAGE, stamp(now - timedelta(days=1)), "", statuscode=302)
    wayback.capture(PAGE, stamp(now - timedelta(hours=2)), page("down"), statuscode=503)
    archivist = archivist_for(wayback, clock, now=now, save="missing")
    assert archivist.want_save(PAGE, archivist.info(PAGE, None))
    job = archivist.submit_save(PAGE)
    assert job.status == "success" and wayback.count("save") == 1


def test_a_resumed_anonymous_save_is_confirmed_without_saving_again(wayback: FakeWayback,
                                                                    clock: FakeClock) -> None:
    now = datetime.now(UTC)
    ts = stamp(now - timedelta(hours=2))
    wayback.capture(PAGE, ts, page("saved"))
    left = SaveJob(url=PAGE, submitted_at=now - timedelta(hours=2), status="pending",
                   timestamp=ts, archive_url=f"https://web.archive.org/web/{ts}/{PAGE}",
                   error="saved; not yet in the CDX index", method="anonymous", attempts=1)
    archivist = archivist_for(wayback, clock, now=now, save="always")
    archivist.resume_saves([left])
    [job] = archivist.close(wait=10)
    assert job.status == "success" and job.timestamp == ts
    assert wayback.count("save") == 0


# -- whole runs --------------------------------------------------------------------------------------
SAID = "the new ferry terminal will open to passengers in the first week of March"
QUOTED = f"<html lang='en'><body><p>The harbour master said {SAID}.</p></body></html>"


def _doc(root: Path, *urls: str) -> Path:
    lines = ["Ferry news, June 3, 2021\n"]
    lines += [f"Harbour master Tom Field said that “{SAID}.”{i + 1}\n" for i in range(len(urls))]
    lines += [f"{i + 1} {url}\n" for i, url in enumerate(urls)]
    doc = root / "note.txt"
    doc.write_text("\n".join(lines), encoding="utf-8")
    return doc


def _quotes(run_cli: Callable[..., CliResult]) -> list[dict[str, object]]:
    quotes: list[dict[str, object]] = json.loads(run_cli("export", "--format", "json").out)["quotes"]
    return quotes


def test_run_no_wayback_leaves_earlier_pending_saves_and_queued_lookups_untouched(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/gone", "<title>Not Found</title>", status=404)
    web.page("/live", QUOTED)
    gone, live = web.url("/gone"), web.url("/live")
    wayback.capture(gone, "20210520000000", QUOTED)
    doc = _doc(workspace, gone, live)
    write_wayback_config(workspace, wayback, 'save = "always"\n')
    wayback.rate_limited = 1000
    wayback.retry_after = ""  # naming no wait (one that outlives the run holds the next: holdout10)
    run_cli("run", str(doc))  # every call answered 429: both left for the next run
    db = sqlite3.connect(workspace / "verifier.db")
    assert {r[0] for r in db.execute("select url from wayback_queue")} == {gone}
    assert db.execute("select url, status from saves").fetchall() == [(live, "pending")]

    wayback.rate_limited = 0
    wayback.requests.clear()
    run_cli("run", "--no-wayback", "--full", str(doc))
    assert wayback.requests == []
    assert {r[0] for r in db.execute("select url from wayback_queue")} == {gone}
    assert db.execute("select url, status from saves").fetchall() == [(live, "pending")]

    run_cli("run", str(doc))
    assert {q["status"] for q in _quotes(run_cli)} == {"verified", "verified_archive"}
    assert db.execute("select count(*) from wayback_queue").fetchone()[0] == 0
    assert db.execute("select status from saves").fetchall() == [("success",)]


def test_run_resumes_an_spn2_save_left_pending_without_submitting_it_again(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch,
        clock: FakeClock) -> None:
    web.page("/live", QUOTED)
    live = web.url("/live")
    doc = _doc(workspace, live)
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    assert run_cli("run", str(doc)).code == 0
    wayback.pending_polls = 0
    left = client_for(wayback.base, clock, keys=KEYS).save_spn2(live)  # an earlier run's job
    store = Store.open(workspace / "verifier.db")
    store.save_job(1, left)
    store.close()
    wayback.requests.clear()
    monkeypatch.setenv("IA_ACCESS_KEY", KEYS[0])
    monkeypatch.setenv("IA_SECRET_KEY", KEYS[1])
    write_wayback_config(workspace, wayback, 'save = "always"\n')
    assert run_cli("run", str(doc)).code == 0
    assert wayback.count("save2") == 0 and wayback.count("status") >= 1
    rows = sqlite3.connect(workspace / "verifier.db").execute(
        "select job_id, status, archive_url from saves").fetchall()
    assert len(rows) == 1 and rows[0][:2] == (left.job_id, "success")
    assert str(rows[0][2]).startswith("https://web.archive.org/web/")


def test_run_the_budget_spent_midway_queues_the_rest_and_the_next_run_verifies_it(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    urls = []
    for i in range(3):
        web.page(f"/gone{i}", "<title>Not Found</title>", status=404)
        urls.append(web.url(f"/gone{i}"))
        wayback.capture(urls[-1], "20210520000000", QUOTED)
    doc = _doc(workspace, *urls)
    config = (f'wayback_url = "{wayback.base}"\nallow_private_hosts = true\nretries = 0\n'
              'save = "never"\n')
    (workspace / "verifier.toml").write_text(
        config + "wayback_lookups_per_minute = 6\nwayback_budget = 1\n")  # room for one call
    run_cli("run", str(doc))
    assert len(wayback.requests) == 1
    quotes = _quotes(run_cli)
    assert [q["status"] for q in quotes] == ["source_unavailable"] * 3
    assert all("queued for the next run" in str(q["note"]) for q in quotes)
    db = sqlite3.connect(workspace / "verifier.db")
    assert {r[0] for r in db.execute("select url from wayback_queue")} == set(urls)

    (workspace / "verifier.toml").write_text(config + "wayback_lookups_per_minute = 6000\n")
    run_cli("run", str(doc))
    assert [q["status"] for q in _quotes(run_cli)] == ["verified_archive"] * 3
    assert db.execute("select count(*) from wayback_queue").fetchone()[0] == 0


def test_run_wayback_url_on_the_command_line_rewrites_every_archive_address(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    """The replay redirect names https://web.archive.org; followed on the base URL, and the
    verdict names the public address of the capture served."""
    web.page("/gone", "<title>Not Found</title>", status=404)
    url = web.url("/gone")
    wayback.capture(url, "20210515000000", QUOTED)
    wayback.capture(url, "20210520000000", QUOTED.replace("said", "told reporters"))
    wayback.unplayable.add("20210520000000")
    (workspace / "verifier.toml").write_text(
        'allow_private_hosts = true\nretries = 0\nsave = "never"\n'
        "wayback_lookups_per_minute = 6000\n")
    run_cli("run", "--wayback-url", wayback.base, str(_doc(workspace, url)))
    [quote] = _quotes(run_cli)
    assert quote["status"] == "verified_archive"
    assert str(quote["snapshot_url"]).startswith("https://web.archive.org/web/20210515000000/")
    assert wayback.count("snapshot") == 2  # the listed capture, then the one it redirected to


def test_run_a_cited_url_with_a_query_and_a_fragment_finds_its_capture(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/gone", "<title>Not Found</title>", status=404)
    wayback.capture(web.url("/gone?id=7"), "20210520000000", QUOTED)
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    run_cli("run", str(_doc(workspace, web.url("/gone?id=7#comments"))))
    [quote] = _quotes(run_cli)
    assert quote["status"] == "verified_archive"
    assert str(quote["snapshot_url"]).endswith("/gone?id=7")
    assert all("#" not in r.path and "%23" not in r.path for r in wayback.requests)
