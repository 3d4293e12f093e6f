"""The archiving stage against the fake Wayback Machine: choosing the capture that is the
evidence, raw copies, lazy per-run answers, the save policy, background saves (confirmed,
resumed, retried), and trouble that becomes a note instead of an exception."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply
from wayback_support import (
    KEYS,
    PAGE,
    FakeClock,
    ScriptedArchive,
    fweb,
    page,
    plain,
    raw_fetcher,
    row,
)

from verifier.archiving import OVERLOAD_PAUSE, Archivist, FetchRaw
from verifier.config import Settings
from verifier.models import ArchiveInfo, Fetch, SaveJob, Snapshot
from verifier.net.wayback import WaybackClient
from verifier.net.waybackapi import MAX_CDX_PAGES
from verifier.status import LinkStatus

OTHER = "http://blog.example.net/post"
__all__ = ["fweb"]  # the shared fixture, used below

pytestmark = pytest.mark.usefixtures("archive_hygiene")  # see conftest


def make(wayback: FakeWayback, clock: FakeClock, *, keys: tuple[str, str] | None = None,
         now: datetime | None = None, fetch_raw: FetchRaw | None = None,
         replay: Callable[[Fetch], Fetch] | None = None, **settings: object) -> Archivist:
    """An Archivist on the fake Wayback; `fetch_raw` stands in for its raw fetches, or
    `replay` changes what each real one returned (an answer of the Wayback's seen another way)."""
    config = Settings(wayback_url=wayback.base, **settings)  # type: ignore[arg-type]
    moment = now or datetime.now(UTC)
    client = WaybackClient(config, clock=clock, sleep=clock.sleep, keys=keys,
                           now=lambda: moment)
    raw = fetch_raw or raw_fetcher(client)
    return Archivist(client, (lambda url: replay(raw(url))) if replay else raw, config, clock=clock)


def changed_page(wayback: FakeWayback) -> None:
    """A page quoted in mid-2021 that changed afterwards; 404 and 301 captures between."""
    wayback.capture(PAGE, "20190301000000", page("an early version"))
    wayback.capture(PAGE, "20210315000000", page("the minister said the words"))
    wayback.capture(PAGE, "20210420000000", page("moved"), statuscode=301)
    wayback.capture(PAGE, "20210530000000", page("not found"), statuscode=404)
    wayback.capture(PAGE, "20230101000000", page("the words are gone"))


# -- choosing the capture --------------------------------------------------------------------
def test_the_capture_nearest_before_the_citation_not_the_newest(wayback: FakeWayback,
                                                                 clock: FakeClock) -> None:
    changed_page(wayback)
    info = make(wayback, clock).info(PAGE, date(2021, 6, 1))
    assert info.closest is not None and info.closest.timestamp == "20210315000000"
    assert info.newest is not None and info.newest.timestamp == "20230101000000"
    assert info.error is None and not info.queued


def test_a_capture_on_the_citation_day_counts_as_before(wayback: FakeWayback,
                                                        clock: FakeClock) -> None:
    changed_page(wayback)
    wayback.capture(PAGE, "20210601235900", page("that day"))
    info = make(wayback, clock).info(PAGE, date(2021, 6, 1))
    assert info.closest is not None and info.closest.timestamp == "20210601235900"


def test_a_server_ignoring_to_with_a_negative_limit_is_caught(wayback: FakeWayback,
                                                              clock: FakeClock) -> None:
    changed_page(wayback)
    archivist = make(wayback, clock)
    real = archivist.client.captures

    def fast_latest(url: str, **query: object) -> list[Snapshot]:
        if query.get("limit") == -1:  # the last capture, whatever `to` said
            query.pop("to_ts", None)
        return real(url, **query)  # type: ignore[arg-type]

    archivist.client.captures = fast_latest  # type: ignore[method-assign]
    info = archivist.info(PAGE, date(2021, 6, 1))
    assert info.closest is not None and info.closest.timestamp == "20210315000000"


def test_without_a_capture_before_the_nearest_after(wayback: FakeWayback,
                                                    clock: FakeClock) -> None:
    wayback.capture(PAGE, "20200101000000", page("404"), statuscode=404)
    wayback.capture(PAGE, "20210701000000", page("after"))
    wayback.capture(PAGE, "20220101000000", page("later"))
    info = make(wayback, clock).info(PAGE, date(2021, 6, 1))
    assert info.closest is not None and info.closest.timestamp == "20210701000000"
    assert info.newest is not None and info.newest.timestamp == "20220101000000"


def test_without_a_date_the_newest_and_without_captures_nothing(wayback: FakeWayback,
                                                                clock: FakeClock) -> None:
    changed_page(wayback)
    archivist = make(wayback, clock)
    info = archivist.info(PAGE, None)
    assert info.closest == info.newest and info.newest is not None
    assert info.newest.timestamp == "20230101000000"
    empty = archivist.info(OTHER, date(2021, 6, 1))
    assert empty == ArchiveInfo(OTHER)
    assert wayback.count("cdx") == 2  # one question each


def test_nothing_is_asked_until_needed_and_each_answer_once(wayback: FakeWayback,
                                                            clock: FakeClock) -> None:
    changed_page(wayback)
    archivist = make(wayback, clock)
    assert wayback.requests == []  # an ok link whose quotes verified live costs nothing
    threads = [threading.Thread(target=archivist.info, args=(PAGE, date(2021, 6, 1)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    asked = wayback.count("cdx")
    assert asked == 2  # newest, then closest before
    archivist.info(PAGE, date(2021, 6, 1))
    archivist.copies(PAGE, date(2021, 6, 1))
    archivist.copies(PAGE, date(2021, 6, 1))
    assert wayback.count("cdx") == asked
    assert wayback.count("snapshot") == 2
    archivist.info(PAGE, date(2022, 1, 1))  # another citation date: the newest is reused
    assert wayback.count("cdx") == asked + 1


def test_lookups_keep_the_pace_counted_on_the_fakes_log(wayback: FakeWayback,
                                                        clock: FakeClock) -> None:
    urls = [f"http://site{n}.example.com/" for n in range(20)]
    for url in urls:
        wayback.capture(url, "20200101000000", page(url))
    config = Settings(wayback_url=wayback.base, wayback_lookups_per_minute=24,
                      wayback_budget=10_000)
    client = WaybackClient(config, clock=clock, sleep=clock.sleep)
    slots: list[float] = []  # injected time at which each paced call went out
    acquire = client.pacer.acquire

    def recorded(kind: str) -> None:
        acquire(kind)
        slots.append(clock())

    client.pacer.acquire = recorded  # type: ignore[method-assign]
    archivist = Archivist(client, raw_fetcher(client), config, clock=clock)
    for url in urls:
        archivist.copies(url, None)
    assert wayback.count("cdx") == 20 and wayback.count("snapshot") == 20
    assert len(slots) == len(wayback.requests) == 40  # every request on the log was paced
    for first in slots:  # no 60-second window of the injected clock holds more than 24
        assert sum(1 for t in slots if first <= t < first + 60) <= 24
    assert slots[-1] - slots[0] == pytest.approx(39 * 2.5)


# -- raw copies ---------------------------------------------------------------------------------
def test_copies_are_raw_closest_first_then_newest(wayback: FakeWayback,
                                                  clock: FakeClock) -> None:
    changed_page(wayback)
    copies = make(wayback, clock).copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20210315000000", "20230101000000"]
    snapshot, fetch = copies[0]
    assert fetch.body == page("the minister said the words").encode()  # no toolbar
    assert fetch.url == f"{wayback.base}/web/20210315000000id_/{PAGE}"  # fetched on the base
    assert snapshot.archive_url == f"https://web.archive.org/web/20210315000000/{PAGE}"
    assert all("id_/" in r.path for r in wayback.requests if r.kind == "snapshot")


def test_the_newest_copy_is_skipped_when_its_content_is_the_same(wayback: FakeWayback,
                                                                 clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210315000000", page("unchanged"))
    wayback.capture(PAGE, "20230101000000", page("unchanged"))
    copies = make(wayback, clock).copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20210315000000"]
    assert wayback.count("snapshot") == 1


def test_earlier_versions_newest_first_unlike_the_copies_in_hand_and_few(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """Captures older than every copy in hand, newest first, skipping content already in hand
    or already taken, at most MAX_EARLIER of them; one listing of the captures for it all."""
    wayback.capture(PAGE, "20180101000000", page("the oldest version"))
    wayback.capture(PAGE, "20190101000000", page("the first edit"))
    wayback.capture(PAGE, "20200101000000", page("the words as quoted"))
    wayback.capture(PAGE, "20200601000000", page("the words as quoted"))  # the same again
    wayback.capture(PAGE, "20210315000000", page("the words are gone"))
    wayback.capture(PAGE, "20230101000000", page("the words are gone"))
    archivist = make(wayback, clock)
    copies = archivist.copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20210315000000"]  # the newest: same content
    cdx = wayback.count("cdx")
    earlier = archivist.earlier_copies(PAGE, copies)
    assert [s.timestamp for s, _ in earlier] == ["20200601000000", "20190101000000"]
    assert earlier[0][1].body == page("the words as quoted").encode()
    assert wayback.count("cdx") == cdx + 1
    assert archivist.earlier_copies(PAGE, []) == []  # nothing in hand: nothing to go back from


def test_a_copy_served_from_a_nearby_capture_names_that_capture(wayback: FakeWayback,
                                                                clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210315000000", page("x"))
    elsewhere = f"https://web.archive.org/web/20210316101010id_/{PAGE}"  # another capture served
    served = {"Memento-Datetime": "Tue, 16 Mar 2021 10:10:10 GMT"}  # as its replay names it

    def moved(fetch: Fetch) -> Fetch:
        return replace(fetch, final_url=elsewhere, headers={**fetch.headers, **served})

    copies = make(wayback, clock, replay=moved).copies(PAGE, None)
    assert copies[0][0].timestamp == "20210316101010"
    assert copies[0][0].archive_url == f"https://web.archive.org/web/20210316101010/{PAGE}"


def test_an_unreadable_copy_is_left_out_and_noted(wayback: FakeWayback,
                                                  clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210315000000", page("x"))

    def broken(url: str) -> Fetch:
        return Fetch(url=url, link_status=LinkStatus.ERROR, reason="HTTP 503",
                     fetched_at=datetime.now(UTC), http_status=503)

    archivist = make(wayback, clock, fetch_raw=broken)
    assert archivist.copies(PAGE, None) == []
    assert "HTTP 503" in (archivist.info(PAGE, None).error or "")


def test_fallbacks_are_few_and_asked_once(wayback: FakeWayback, clock: FakeClock) -> None:
    """Every replay failing: the closest and MAX_FALLBACKS more are tried, with one extra
    CDX question for the list of captures; the failure is noted."""
    for month in range(1, 8):
        ts = f"2021{month:02d}01000000"
        wayback.capture(PAGE, ts, page(ts))
        wayback.replay_errors[ts] = 503
    archivist = make(wayback, clock)
    assert archivist.copies(PAGE, date(2021, 6, 15)) == []
    # closest (06-01) and two older; newest (07-01), whose two older ones were tried already
    assert wayback.count("snapshot") == 3 + 1
    assert wayback.count("cdx") == 2 + 1  # newest, closest before, and the list once
    assert "could not be read" in (archivist.info(PAGE, date(2021, 6, 15)).error or "")


def test_a_200_without_memento_datetime_is_not_a_capture(wayback: FakeWayback,
                                                         clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210315000000", page("x"))
    own_page = {"Content-Type": "text/html"}  # the Wayback's own page: no Memento-Datetime
    archivist = make(wayback, clock, replay=lambda f: replace(f, headers=own_page))
    assert archivist.copies(PAGE, None) == []
    assert "page of its own" in (archivist.info(PAGE, None).error or "")


def test_a_copy_stopped_by_the_breaker_is_queued(wayback: FakeWayback,
                                                 clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210315000000", page("x"))

    def rate_limited(url: str) -> Fetch:  # the Fetcher met a 429 on the snapshot
        return Fetch(url=url, link_status=LinkStatus.ERROR, reason="HTTP 429",
                     fetched_at=datetime.now(UTC), http_status=429)

    archivist = make(wayback, clock, fetch_raw=rate_limited)
    assert archivist.copies(PAGE, None) == []
    info = archivist.info(PAGE, None)
    assert info.queued and "429" in (info.error or "")
    assert archivist.client.blocked()  # every later call pauses too


# -- trouble is a note, never an exception -----------------------------------------------------------
def test_a_429_opens_the_breaker_and_later_lookups_are_queued_without_calls(
        wayback: FakeWayback, clock: FakeClock) -> None:
    changed_page(wayback)
    wayback.capture(OTHER, "20200101000000", page("other"))
    archivist = make(wayback, clock, wayback_breaker_seconds=60, wayback_budget=10_000)
    wayback.rate_limited = 1
    first = archivist.info(PAGE, date(2021, 6, 1))
    assert first.queued and "429" in (first.error or "")
    asked = len(wayback.requests)
    second = archivist.info(OTHER, None)
    assert second.queued and archivist.copies(OTHER, None) == []
    assert len(wayback.requests) == asked  # the breaker held them back
    clock.advance(61)
    third = archivist.info("http://third.example.org/", None)
    assert not third.queued and third.error is None
    assert len(wayback.requests) == asked + 1


def test_what_does_not_fit_the_budget_is_queued(wayback: FakeWayback,
                                                clock: FakeClock) -> None:
    for n in range(4):
        wayback.capture(f"http://site{n}.example.com/", "20200101000000", page(str(n)))
    archivist = make(wayback, clock, wayback_budget=5, wayback_lookups_per_minute=24)
    infos = [archivist.info(f"http://site{n}.example.com/", None) for n in range(4)]
    assert [i.queued for i in infos] == [False, False, True, True]  # at 0 s, 2.5 s; then 5 s
    assert "budget" in (infos[2].error or "")
    assert wayback.count("cdx") == 2


@pytest.mark.parametrize(("status", "queued"), [(503, True), (502, True), (500, False),
                                                (403, False)])
def test_only_an_overloaded_archive_queues_the_lookup(wayback: FakeWayback, clock: FakeClock,
                                                      status: int, queued: bool) -> None:
    """502/503/504 (and timeouts) did not answer: queued. Other statuses are answers."""
    wayback.fail_with = status
    info = make(wayback, clock).info(PAGE, date(2021, 6, 1))
    assert info.queued is queued and info.error and str(status) in info.error


def test_an_unreachable_archive_is_an_error_note(clock: FakeClock) -> None:
    gone = FakeWayback()
    gone.close()
    archivist = make(gone, clock)
    info = archivist.info(PAGE, date(2021, 6, 1))
    assert info.error and "unreachable" in info.error and not info.queued
    assert archivist.copies(PAGE, date(2021, 6, 1)) == []


def test_no_wayback_asks_nothing(wayback: FakeWayback, clock: FakeClock) -> None:
    changed_page(wayback)
    archivist = make(wayback, clock, no_wayback=True)
    assert "no_wayback" in (archivist.info(PAGE, None).error or "")
    assert archivist.copies(PAGE, None) == []
    assert not archivist.want_save(PAGE, None)
    assert not archivist.save_later(PAGE)
    archivist.resume_saves([SaveJob(url=PAGE)])
    assert archivist.close() == []
    assert wayback.requests == []


# -- the save policy -----------------------------------------------------------------------------
def snap(days_old: float, now: datetime) -> Snapshot:
    ts = (now - timedelta(days=days_old)).strftime("%Y%m%d%H%M%S")
    return Snapshot(url=PAGE, timestamp=ts, archive_url="")


def test_save_policy(wayback: FakeWayback, clock: FakeClock) -> None:
    now = datetime(2024, 5, 1, tzinfo=UTC)
    old, recent = ArchiveInfo(PAGE, newest=snap(90, now)), ArchiveInfo(PAGE, newest=snap(3, now))
    missing = make(wayback, clock, now=now, save="missing", save_window_days=30)
    assert missing.want_save(PAGE, old) and missing.want_save(PAGE, ArchiveInfo(PAGE))
    assert not missing.want_save(PAGE, recent)
    assert missing.want_save(PAGE, None)  # not looked up: the save checks the window itself
    assert not missing.want_save(PAGE, ArchiveInfo(PAGE, error="unreachable"))
    assert not missing.want_save(PAGE, ArchiveInfo(PAGE, queued=True))
    assert not missing.want_save(PAGE, old, LinkStatus.DEAD)
    assert missing.want_save(PAGE, old, LinkStatus.REDIRECTED)
    always = make(wayback, clock, now=now, save="always")
    assert always.want_save(PAGE, recent)
    never = make(wayback, clock, now=now, save="never")
    assert not never.want_save(PAGE, old) and not never.save_later(PAGE)
    assert wayback.requests == []


# -- saves -----------------------------------------------------------------------------------------
def test_a_save_with_keys_is_submitted_polled_and_confirmed_in_the_background(
        wayback: FakeWayback, clock: FakeClock) -> None:
    archivist = make(wayback, clock, keys=KEYS, save="always")
    assert archivist.save_later(PAGE)
    assert not archivist.save_later(PAGE)  # once per URL
    [job] = archivist.close(wait=10)
    assert job.status == "success" and job.method == "spn2" and job.job_id
    assert job.archive_url == f"https://web.archive.org/web/{job.timestamp}/{PAGE}"
    assert wayback.count("save2") == 1 and wayback.count("status") == 2
    confirm = [r for r in wayback.requests if r.kind == "cdx"][-1]
    assert job.timestamp in confirm.path  # "submitted" became "archived" via CDX
    assert "if_not_archived_within" not in wayback.requests[0].body.decode()


def test_a_save_without_keys_is_anonymous(wayback: FakeWayback, clock: FakeClock) -> None:
    archivist = make(wayback, clock, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "success" and job.method == "anonymous" and job.timestamp
    assert wayback.count("save") == 1 and wayback.count("save2") == 0


def test_missing_policy_with_keys_lets_spn2_check_the_window(wayback: FakeWayback,
                                                             clock: FakeClock) -> None:
    archivist = make(wayback, clock, keys=KEYS, save="missing", save_window_days=30)
    archivist.save_later(PAGE)
    archivist.close(wait=10)
    post = next(r for r in wayback.requests if r.kind == "save2")
    assert "if_not_archived_within=30d" in post.body.decode()
    assert wayback.count("cdx") == 1  # only the confirmation: no lookup before the save


def test_missing_policy_without_keys_skips_a_recently_captured_page(
        wayback: FakeWayback, clock: FakeClock) -> None:
    now = datetime.now(UTC)
    wayback.capture(PAGE, (now - timedelta(days=2)).strftime("%Y%m%d%H%M%S"), page("fresh"))
    archivist = make(wayback, clock, now=now, save="missing", save_window_days=30)
    job = archivist.submit_save(PAGE)
    assert job.status == "success" and wayback.count("save") == 0
    assert job.archive_url and job.archive_url.startswith("https://web.archive.org/web/")


def test_saves_never_block_and_unfinished_ones_are_resumed_next_run(
        wayback: FakeWayback, clock: FakeClock) -> None:
    changed_page(wayback)
    wayback.pending_polls = 10_000  # Save Page Now 2 keeps saying "pending"
    run1 = make(wayback, clock, keys=KEYS, save="always")
    run1.save_later(OTHER)
    info = run1.info(PAGE, date(2021, 6, 1))  # verification goes on meanwhile
    assert info.closest is not None
    [pending] = run1.close(wait=10)
    assert pending.status == "pending" and pending.job_id and pending.submitted_at
    polls = wayback.count("status")
    assert 1 <= polls <= 8  # followed for a while with growing pauses, then left
    wayback.pending_polls = 0
    run2 = make(wayback, clock, keys=KEYS, save="always")
    run2.resume_saves([pending])
    [done] = run2.close(wait=10)
    assert done.status == "success" and done.job_id == pending.job_id
    assert wayback.count("save2") == 1  # confirmed, not submitted again


def test_earlier_jobs_go_first_and_queued_ones_are_submitted(wayback: FakeWayback,
                                                             clock: FakeClock) -> None:
    archivist = make(wayback, clock, save="always")
    archivist.save_later("http://new.example.com/")
    archivist.resume_saves([SaveJob(url="http://queued.example.com/"),
                            SaveJob(url="http://done.example.com/", status="success")])
    jobs = {j.url: j for j in archivist.close(wait=10)}
    assert set(jobs) == {"http://new.example.com/", "http://queued.example.com/"}
    assert all(j.status == "success" and j.attempts == 1 for j in jobs.values())
    saves = [r.path for r in wayback.requests if r.kind == "save"]
    assert len(saves) == 2


def test_poll_confirms_an_old_uncertain_save_found_in_cdx(wayback: FakeWayback,
                                                          clock: FakeClock) -> None:
    now = datetime.now(UTC)
    submitted = now - timedelta(hours=3)
    wayback.capture(PAGE, (submitted + timedelta(minutes=2)).strftime("%Y%m%d%H%M%S"), "x")
    archivist = make(wayback, clock, now=now, save="always")
    job = SaveJob(url=PAGE, submitted_at=submitted, method="anonymous", attempts=1,
                  error="Save Page Now answered HTTP 523")
    done = archivist.poll(job)
    assert done.status == "success" and done.error is None
    assert wayback.count("save") == 0


def test_poll_retries_an_old_save_that_never_appeared(wayback: FakeWayback,
                                                      clock: FakeClock) -> None:
    now = datetime.now(UTC)
    archivist = make(wayback, clock, now=now, save="always")
    job = SaveJob(url=PAGE, submitted_at=now - timedelta(hours=3), method="anonymous",
                  attempts=1)
    retried = archivist.poll(job)
    assert retried.status == "success" and retried.attempts == 2
    assert wayback.count("save") == 1
    young = replace(job, submitted_at=now - timedelta(minutes=5))
    assert archivist.poll(young) == young  # too early to call it lost
    spent = replace(job, url=OTHER, attempts=3)  # PAGE has a capture now: OTHER has none
    given_up = archivist.poll(spent)
    assert given_up.status == "error" and "3 attempts" in (given_up.error or "")


def test_poll_asks_spn2_and_treats_a_recent_capture_refusal_as_saved(
        wayback: FakeWayback, clock: FakeClock) -> None:
    now = datetime.now(UTC)
    wayback.capture(PAGE, (now - timedelta(hours=2)).strftime("%Y%m%d%H%M%S"), "x")
    archivist = make(wayback, clock, keys=KEYS, now=now)
    refused = SaveJob(url=PAGE, submitted_at=now, method="spn2", status="error",
                      error="Save Page Now 2: error:too-many-daily-captures: daily limit")
    settled = archivist._settle_refusal(refused)
    assert settled.status == "success" and settled.timestamp
    overloaded = replace(refused, error="Save Page Now 2: error:gateway-timeout")
    assert archivist._settle_refusal(overloaded).status == "pending"
    unindexed = replace(refused, url=OTHER)  # no capture of OTHER in the index yet
    assert archivist._settle_refusal(unindexed).status == "pending"
    final = replace(refused, error="Save Page Now 2: error:blocked-url")
    assert archivist._settle_refusal(final).status == "error"


def test_a_rate_limited_save_stops_saving_for_the_run(wayback: FakeWayback,
                                                      clock: FakeClock) -> None:
    archivist = make(wayback, clock, save="always")
    wayback.rate_limited = 1
    archivist.save_later(PAGE)
    archivist.save_later(OTHER)
    jobs = archivist.close(wait=10)
    assert [j.status for j in jobs] == ["pending", "pending"]
    assert jobs[0].submitted_at is None and "429" in (jobs[0].error or "")
    assert len(wayback.requests) == 1  # the second save was not even tried


def test_saves_beyond_the_budget_stay_queued(wayback: FakeWayback, clock: FakeClock) -> None:
    archivist = make(wayback, clock, save="always", wayback_budget=20,
                     wayback_saves_per_minute=4)
    for n in range(3):
        archivist.save_later(f"http://site{n}.example.com/")
    jobs = archivist.close(wait=10)
    assert [j.status for j in jobs] == ["success", "success", "pending"]  # 0 s, 15 s, (30 s)
    assert jobs[2].submitted_at is None and "budget" in (jobs[2].error or "")
    assert wayback.count("save") == 2


def test_a_copy_reading_as_an_error_page_is_no_copy(wayback: FakeWayback,
                                                    clock: FakeClock) -> None:
    """Judged by the Archivist whatever fetched the copy: a 200 capture of a "Page not found"
    page gives way to the capture before it, and the reason is noted."""
    wayback.capture(PAGE, "20210101000000", page("the words"))
    wayback.capture(PAGE, "20210315000000", "<html><head><title>404 - Page not found</title>"
                    "</head><body><h1>Page not found</h1></body></html>")
    archivist = make(wayback, clock)
    copies = archivist.copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20210101000000"]
    assert "archived error page" in (archivist.info(PAGE, date(2021, 6, 1)).error or "")


@pytest.mark.parametrize("status_ext", ["error:no-browsers-available", "error:overloaded",
                                        "error:too-many-requests", "error:redis-error"])
def test_spn2_trouble_of_its_own_leaves_a_save_pending(wayback: FakeWayback, clock: FakeClock,
                                                       status_ext: str) -> None:
    archivist = make(wayback, clock, keys=KEYS)
    job = SaveJob(url=PAGE, status="error", method="spn2", job_id="spn2-1",
                  error=f"Save Page Now 2: {status_ext}: try again later")
    assert archivist._settle_refusal(job).status == "pending"


# -- held-out set 3's rules -----------------------------------------------------------------------
def test_a_copy_is_recorded_under_the_address_the_wayback_served(wayback: FakeWayback,
                                                                 clock: FakeClock) -> None:
    served = "https://www.news.example.com/2021/story.html"
    wayback.capture(served, "20210101000000", page("served"))
    wayback.capture(PAGE, "20210102000000", page("asked"))
    wayback.unplayable.add("20210102000000")
    [(snapshot, _)] = make(wayback, clock).copies(PAGE, date(2021, 6, 1))
    assert (snapshot.timestamp, snapshot.url) == ("20210101000000", served)
    assert snapshot.archive_url.endswith(f"/20210101000000/{served}")


def test_an_empty_replay_gives_way_to_the_next_capture(wayback: FakeWayback,
                                                       clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210101000000", page("the words"))
    wayback.capture(PAGE, "20210301000000", b"  \n")
    archivist = make(wayback, clock)
    assert [s.timestamp for s, _ in archivist.copies(PAGE, date(2021, 6, 1))] == \
        ["20210101000000"]
    assert "empty" in (archivist.info(PAGE, date(2021, 6, 1)).error or "")


def test_a_recent_revisit_is_a_recent_capture_for_save_missing(wayback: FakeWayback,
                                                               clock: FakeClock) -> None:
    now = datetime.now(UTC)
    wayback.capture(PAGE, "20200101000000", page("x"))
    recent = (now - timedelta(days=2)).strftime("%Y%m%d%H%M%S")
    wayback.capture(PAGE, recent, page("x"), statuscode="-", mimetype="warc/revisit")
    job = make(wayback, clock, now=now, save="missing").submit_save(PAGE)
    assert job.status == "success" and job.timestamp == recent
    assert wayback.count("save") == 0


def test_a_daily_limit_refusal_settles_on_a_revisit_made_today(wayback: FakeWayback,
                                                               clock: FakeClock) -> None:
    now = datetime.now(UTC)
    today = (now - timedelta(hours=1)).strftime("%Y%m%d%H%M%S")
    wayback.capture(PAGE, today, page("x"), statuscode="-", mimetype="warc/revisit")
    archivist = make(wayback, clock, keys=KEYS, now=now, save="always")
    refused = SaveJob(url=PAGE, submitted_at=now, status="error", method="spn2",
                      error="Save Page Now 2: error:too-many-daily-captures")
    assert archivist._settle_refusal(refused).timestamp == today


# -- branch links6 -------------------------------------------------------------------------------
CHALLENGE = ("<html><head><title>Just a moment...</title></head><body><p>Checking if the site connection "
             "is secure</p></body></html>")
MAINTENANCE = "<html><head><title>Example</title></head><body><h1>We’ll be back soon!</h1></body></html>"


@pytest.mark.parametrize("body", [CHALLENGE, MAINTENANCE], ids=["challenge", "maintenance"])
def test_a_capture_of_what_the_crawler_met_instead_of_the_page_is_no_copy(wayback: FakeWayback,
                                                                         clock: FakeClock, body: str) -> None:
    wayback.capture(PAGE, "20210101000000", page("the minister said the words"))
    wayback.capture(PAGE, "20210520000000", body)
    archivist = make(wayback, clock)
    assert [s.timestamp for s, _ in archivist.copies(PAGE, date(2021, 6, 1))] == ["20210101000000"]
    assert "no copy of the page" in (archivist.info(PAGE, date(2021, 6, 1)).error or "")


def test_a_capture_of_an_article_under_a_cookie_banner_is_a_copy(wayback: FakeWayback,
                                                                 clock: FakeClock) -> None:
    article = ("<html><head><title>Minister speaks | Example</title></head><body><p>We use cookies.</p>"
               "<button>Accept all</button>" + "<p>The minister said the words, and a great deal more "
               "about the budget, the harbour and the new ferry terminal that opens in March.</p>" * 3 +
               "</body></html>")
    wayback.capture(PAGE, "20210520000000", article)
    assert [s.timestamp for s, _ in make(wayback, clock).copies(PAGE, date(2021, 6, 1))] == ["20210520000000"]


MOVED = "http://news.example.com/2021/06/the-story.html"


def _moved(web: FixtureWeb, target: str) -> ScriptedArchive:
    """PAGE captured only as a 301 to `target`, whose capture the replay leads to."""
    def cdx(q: dict[str, str]) -> Reply:
        wanted = q["filter"].removeprefix("statuscode:").split("|") if "filter" in q else None
        rows = [row("20210315000000", status="301"), row("20210315000002", url=target)]
        kept = [r for r in rows if r.split(" ")[2] == q["url"] and (wanted is None or r.split(" ")[4] in wanted)]
        return Reply(body="".join(f"{r}\n" for r in kept), content_type="text/plain")
    return ScriptedArchive(web, cdx, {
        f"20210315000000/{PAGE}": Reply(302, b"", content_type=None, headers={
            "Location": f"https://web.archive.org/web/20210315000002id_/{target}"}),
        f"20210315000002/{target}": Reply(body=page("the minister said the words"))})


def test_captures_of_a_redirect_only_lead_to_the_moved_page_not_to_the_home_page(web: FixtureWeb,
                                                                                 clock: FakeClock) -> None:
    archivist = _moved(web, MOVED).archivist(clock)
    assert [(s.url, s.timestamp) for s, _ in archivist.copies(PAGE, date(2021, 6, 1))] == \
        [(MOVED, "20210315000002")]
    other = FixtureWeb()
    try:
        home = _moved(other, "http://news.example.com/").archivist(FakeClock())
        assert home.copies(PAGE, date(2021, 6, 1)) == []
    finally:
        other.close()


def test_a_page_never_captured_costs_one_question(wayback: FakeWayback, clock: FakeClock) -> None:
    make(wayback, clock).info(OTHER, date(2021, 6, 1))
    assert wayback.count("cdx") == 1


def test_a_save_named_with_its_capture_waits_a_day_for_the_index_before_saving_again(
        wayback: FakeWayback, clock: FakeClock) -> None:
    now = datetime.now(UTC)
    ts = (now - timedelta(hours=2)).strftime("%Y%m%d%H%M%S")
    left = SaveJob(url=PAGE, submitted_at=now - timedelta(hours=2), status="pending", timestamp=ts,
                   archive_url=f"https://web.archive.org/web/{ts}/{PAGE}", method="anonymous", attempts=1,
                   error="saved; not yet in the CDX index")
    assert make(wayback, clock, now=now).poll(left).status == "pending"
    assert wayback.count("save") == 0
    later = now + timedelta(hours=23)
    assert make(wayback, clock, now=later).poll(left).status == "success"  # submitted again
    assert wayback.count("save") == 1


JOB = "spn2-0a1b2c3d4e"


def test_an_anonymous_saves_job_is_followed_without_keys(web: FixtureWeb, clock: FakeClock) -> None:
    ts = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    web.page(f"/save/status/{JOB}", f'{{"status": "success", "job_id": "{JOB}", "timestamp": "{ts}"}}',
             content_type="application/json")
    archivist = ScriptedArchive(web, plain(row(ts))).archivist(clock, save="always")
    job = SaveJob(url=PAGE, submitted_at=datetime.now(UTC), status="pending", job_id=JOB, method="anonymous",
                  attempts=1)
    done = archivist.poll(job)
    assert done.status == "success" and done.timestamp == ts



@pytest.mark.parametrize("url", ["https://web.archive.org/web/2021*/http://news.example.com/a",
                                 "https://archive.org/details/an-item"])
def test_the_archives_own_addresses_are_neither_looked_up_nor_saved(
        wayback: FakeWayback, clock: FakeClock, url: str) -> None:
    """The Wayback holds no captures of its own pages: asking, or saving one, spends the
    rate limit on nothing."""
    archivist = make(wayback, clock, keys=KEYS, save="always")
    info = archivist.info(url, date(2021, 6, 1))
    assert info.closest is None and not info.queued and "Internet Archive address" in str(info.error)
    assert not archivist.want_save(url, None, LinkStatus.OK)
    assert wayback.requests == []


def test_a_save_whose_keys_are_refused_is_made_anonymously(wayback: FakeWayback,
                                                          clock: FakeClock) -> None:
    archivist = make(wayback, clock, keys=("revoked", "keys"), save="always")
    job = archivist.submit_save(PAGE)
    assert (job.method, job.status) == ("anonymous", "success")
    assert (wayback.count("save2"), wayback.count("save")) == (1, 1)


def test_a_capture_holding_only_a_meta_refresh_to_another_page_is_no_copy(
        wayback: FakeWayback, clock: FakeClock) -> None:
    refresh = ("<html><head><meta http-equiv='refresh' content='0; url=/2021/moved.html'>"
               "</head><body></body></html>")
    wayback.capture(PAGE, "20210101000000", page("the words"))
    wayback.capture(PAGE, "20210520000000", refresh)
    archivist = make(wayback, clock)
    [(snapshot, _)] = archivist.copies(PAGE, date(2021, 6, 1))
    assert snapshot.timestamp == "20210101000000"
    assert "only sends the browser on" in str(archivist.info(PAGE, date(2021, 6, 1)).error)


def test_a_capture_beyond_the_cut_list_of_captures_falls_back_to_its_neighbour(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """The list of captures is cut at MAX_CDX_PAGES resume-key pages: the neighbours of a
    capture past its end are asked about directly, not taken from where the list stopped."""
    wayback.cdx_page_size = 2
    stamps = [f"2020{m:02d}{d:02d}000000" for m in range(1, 4) for d in range(1, 17)]
    for ts in stamps:
        wayback.capture(PAGE, ts, page(ts))
    wayback.replay_errors[stamps[-1]] = 404
    [(snapshot, _)] = make(wayback, clock).copies(PAGE, None)
    assert len(stamps) > 2 * MAX_CDX_PAGES and snapshot.timestamp == stamps[-2]


@pytest.mark.parametrize(("first", "asked"), [
    (Reply(503, "Service Unavailable", content_type="text/plain"), 2),
    (Reply(body=row("20210315000000")[:30], content_type="text/plain"), 2),  # cut short
    (Reply(503, "busy", content_type="text/plain", headers={"Retry-After": "900"}), 1),
    (Reply(404, "no", content_type="text/plain"), 1),
])
def test_a_lookup_the_archive_was_too_busy_for_is_asked_once_more_after_a_pause(
        fweb: FixtureWeb, clock: FakeClock, first: Reply, asked: int) -> None:
    """Once more, and only for a busy moment: not after an answer, nor while the breaker is
    open (a Retry-After)."""
    answers = [first, Reply(body=row("20210315000000") + "\n", content_type="text/plain")]
    ScriptedArchive(fweb, lambda _q: answers.pop(0) if len(answers) > 1 else answers[0])
    client = WaybackClient(Settings(wayback_url=fweb.base(), wayback_budget=100_000),
                           clock=clock, sleep=clock.sleep)
    archivist = Archivist(client, raw_fetcher(client), client.settings, clock=clock)
    archivist.info(PAGE, date(2021, 6, 1))
    assert sum(1 for r in fweb.requests if r.path.startswith("/cdx/")) == asked
    assert sum(clock.sleeps) == (OVERLOAD_PAUSE if asked == 2 else 0)  # waited in short steps


def test_a_save_refused_as_captured_today_waits_for_that_capture_not_a_new_submission(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """The captures the refusal speaks of were made before the submission: the CDX is asked
    for them, and nothing is submitted again within the index's lag."""
    now = datetime.now(UTC)
    refused = SaveJob(url=PAGE, submitted_at=now - timedelta(hours=3), method="spn2", attempts=1,
                      error="Save Page Now 2: error:too-many-daily-captures: captured 10 times "
                            "today; the recent capture is not in the CDX index yet")
    archivist = make(wayback, clock, keys=KEYS, now=now, save="always")
    assert archivist.poll(refused).status == "pending" and wayback.count("save2") == 0
    wayback.capture(PAGE, (now - timedelta(hours=4)).strftime("%Y%m%d%H%M%S"), page("x"))
    job = archivist.poll(refused)
    assert job.status == "success" and wayback.count("save2") == 0


def test_the_waybacks_notice_of_a_redirect_at_crawl_time_is_no_copy(wayback: FakeWayback,
                                                                    clock: FakeClock) -> None:
    notice = ("<html><head><title></title></head><body><p class='code'>Loading...</p>"
              "<p class='code shift red'>Got an HTTP 301 response at crawl time</p>"
              "<p class='code'>Redirecting to...</p><p class='code shift target'>"
              "http://news.example.com/</p></body></html>")
    wayback.capture(PAGE, "20210101000000", page("the words"))
    wayback.capture(PAGE, "20210520000000", notice)
    archivist = make(wayback, clock)
    assert [s.timestamp for s, _ in archivist.copies(PAGE, date(2021, 6, 1))] == ["20210101000000"]
    assert "HTTP 301 at crawl time" in str(archivist.info(PAGE, date(2021, 6, 1)).error)


def test_an_article_quoting_the_notice_is_a_copy(wayback: FakeWayback, clock: FakeClock) -> None:
    said = "the archive showed “Got an HTTP 302 response at crawl time” for the old page"
    wayback.capture(PAGE, "20210520000000", page(said))
    copies = make(wayback, clock).copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20210520000000"]
