"""Focused tests of the general rules the tenth held-out Wayback set
(tests/test_wayback_holdout10.py) called for; each fails without its rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply
from wayback_support import (
    KEYS,
    PAGE,
    FakeClock,
    archivist_for,
    client_for,
    fweb,
    hygiene_except_whole_runs,
    memento_date,
    row,
)

from verifier.archivestate import remember_pause, restore_pause
from verifier.errors import SavesPaused
from verifier.models import SaveJob
from verifier.net.pacer import LOOKUP, SAVE, IAPacer
from verifier.net.wayback import EMPTY_PAYLOAD_DIGEST
from verifier.net.waybackurls import index_key, lookup_address
from verifier.status import LinkStatus
from verifier.store import Store

__all__ = ["fweb", "hygiene_except_whole_runs"]  # shared fixtures, used below

NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


# -- a capture of an empty payload is no capture of the page ---------------------------------------
def test_captures_leave_out_empty_pages_even_from_a_server_ignoring_the_filter(
        fweb: FixtureWeb, clock: FakeClock) -> None:
    """The digest of no bytes names an empty answer: asked to be left out, and left out when
    the server lists it anyway; a limited question that met it is asked again whole. An empty
    redirect is a capture of the redirect all the same."""
    rows = "\n".join([row("20210101000000", digest="B" * 32),
                      row("20210301000000", status="301", digest=EMPTY_PAYLOAD_DIGEST),
                      row("20210520000000", digest=EMPTY_PAYLOAD_DIGEST)]) + "\n"
    fweb.route("/cdx/search/cdx", lambda _r: Reply(body=rows, content_type="text/plain"))
    client = client_for(fweb.base(), clock)
    assert [s.timestamp for s in client.captures(PAGE)] == ["20210101000000"]
    assert [s.timestamp for s in client.captures(PAGE, limit=-1)] == ["20210101000000"]
    assert [s.timestamp for s in client.captures(PAGE, redirects=True)] == \
        ["20210101000000", "20210301000000"]
    asked = parse_qs(urlsplit(fweb.requests[0].path).query)
    assert f"!digest:{EMPTY_PAYLOAD_DIGEST}" in asked["filter"]


# -- a replay's redirect is followed to the raw copy ---------------------------------------------------
def test_a_replay_redirect_is_followed_to_the_raw_copy_whatever_flag_it_names(
        wayback: FakeWayback, clock: FakeClock) -> None:
    client = client_for(wayback.base, clock)
    raw = f"{wayback.base}/web/20210521000000id_/{PAGE}"
    assert client.replay_location(f"https://web.archive.org/web/20210521000000/{PAGE}") == raw
    assert client.replay_location(f"http://web.archive.org/web/20210521000000im_/{PAGE}") == raw
    assert client.replay_location(f"/web/20210521000000id_/{PAGE}") == raw
    assert client.replay_location(f"https://web.archive.org/web/{PAGE}") == \
        f"{wayback.base}/web/{PAGE}"  # no timestamp: the Wayback picks one, nothing to flag
    assert client.replay_location("http://news.example.com/elsewhere") == \
        "http://news.example.com/elsewhere"


# -- a hashbang address names the page its route names ---------------------------------------------------
@pytest.mark.parametrize(("cited", "page"), [
    ("http://news.example.com/#!/2021/story.html", "http://news.example.com/2021/story.html"),
    ("https://twitter.com/#!/harbour/status/123", "https://twitter.com/harbour/status/123"),
    ("http://lifehacker.com/#!5753510/ferry", "http://lifehacker.com/5753510/ferry"),
    ("https://www.facebook.com/#!/profile.php?id=7", "https://www.facebook.com/profile.php?id=7"),
    ("http://news.example.com/2021/story.html#top", "http://news.example.com/2021/story.html"),
])
def test_a_hashbang_address_is_looked_up_as_the_page_its_route_names(cited: str, page: str) -> None:
    assert lookup_address(cited) == page
    assert index_key(cited) == index_key(page)


# -- Save Page Now refusing our client holds saves back, not lookups -------------------------------------
def test_a_hold_on_saves_refuses_saves_only_and_ends() -> None:
    clock = FakeClock()
    pacer = IAPacer(lookups_per_minute=60, saves_per_minute=60, budget=3600, breaker_seconds=300,
                    clock=clock, sleep=clock.sleep)
    pacer.hold_saves(60, "the account's session limit")
    with pytest.raises(SavesPaused):
        pacer.acquire(SAVE)
    pacer.acquire(LOOKUP)
    assert pacer.blocked() is None
    clock.advance(61)
    pacer.acquire(SAVE)


@pytest.mark.parametrize("code", ["error:user-session-limit", "error:blocked-client-ip"])
def test_spn2_refusing_our_client_holds_the_next_save(wayback: FakeWayback, clock: FakeClock,
                                                       code: str) -> None:
    wayback.save2_answer = {"status": "error", "status_ext": code, "message": "refused"}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    assert archivist.submit_save(PAGE).status == "pending"
    clock.advance(30)
    with pytest.raises(SavesPaused):
        archivist.submit_save("http://news.example.com/2021/other.html")
    assert wayback.count("save2") == 1


# -- a save confirmed by its replay while the index lags ----------------------------------------------------
@pytest.mark.parametrize(("reply", "confirmed"), [
    (Reply(body="<p>saved</p>", headers={"Memento-Datetime": memento_date("20261122055900")}), True),
    (Reply(body="<p>saved</p>", headers={"Memento-Datetime": memento_date("20200101000000")}), False),
    (Reply(body="<title>Wayback Machine</title>Hrm."), False),  # the Wayback's own page
    (Reply(302, "", headers={"Location": f"/web/20200101000000id_/{PAGE}"}), False),
], ids=["at-the-time", "another-time", "no-memento", "redirected"])
def test_a_save_is_confirmed_by_a_raw_replay_at_the_named_time_only(
        fweb: FixtureWeb, clock: FakeClock, reply: Reply, confirmed: bool) -> None:
    fweb.route(f"/web/20261122055900id_/{PAGE}", lambda _r: reply)
    found = client_for(fweb.base(), clock).replayed(PAGE, "20261122055900")
    assert (found is not None) == confirmed
    if found is not None:
        assert found.archive_url == f"https://web.archive.org/web/20261122055900/{PAGE}"


# -- save jobs handed to the run as they change ----------------------------------------------------------
def test_the_save_worker_hands_over_each_job_as_it_changes(wayback: FakeWayback,
                                                           clock: FakeClock) -> None:
    """The run records what the worker changed while it waits (close's `meanwhile`), not
    only at its end: a submitted job's id is in hand before the job is done."""
    wayback.pending_polls = 10**6  # the job is still running when the run stops watching it
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    handed: list[SaveJob] = []
    assert archivist.save_later(PAGE, live=LinkStatus.OK)
    archivist.close(wait=10, meanwhile=lambda: handed.extend(archivist.changed_saves()))
    assert handed and all(job.job_id and job.status == "pending" for job in handed)
    assert archivist.changed_saves() == []  # each change handed over once


# -- a wait the Archive asked for outlives the run -----------------------------------------------------------
def _pacer() -> tuple[IAPacer, FakeClock]:
    clock = FakeClock()
    return IAPacer(lookups_per_minute=60, saves_per_minute=4, budget=3600, breaker_seconds=300,
                   clock=clock, sleep=clock.sleep), clock


def test_a_wait_the_archive_asked_for_holds_the_next_run_until_it_ends(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "verifier.db")
    first, _ = _pacer()
    first.record_rate_limited(3600)
    remember_pause(store, first, NOW)
    soon, _ = _pacer()
    restore_pause(store, soon, NOW + timedelta(minutes=5))
    assert "429" in (soon.blocked() or "")
    remember_pause(store, soon, NOW + timedelta(minutes=5))  # still on: kept
    later, _ = _pacer()
    restore_pause(store, later, NOW + timedelta(minutes=61))
    assert later.blocked() is None


def test_our_own_breaker_pause_is_not_carried_to_the_next_run(tmp_path: Path) -> None:
    """Connection failures open the breaker for this run's sake; the Archive asked nothing."""
    store = Store.open(tmp_path / "verifier.db")
    first, _ = _pacer()
    for _ in range(3):
        first.record_failure()
    assert first.blocked() is not None
    remember_pause(store, first, NOW)
    following, _ = _pacer()
    restore_pause(store, following, NOW + timedelta(seconds=1))
    assert following.blocked() is None


def test_a_citations_hashbang_route_is_kept_as_part_of_its_address() -> None:
    """Two tweets cited as `twitter.com/#!/...` are two resources, not one front page; any
    other fragment is a place in one page."""
    from verifier.text.urls import normalize_url

    one = normalize_url("https://Twitter.com/#!/harbour/status/1")
    two = normalize_url("https://twitter.com/#!/harbour/status/2")
    assert one == "https://twitter.com/#!/harbour/status/1" and one != two
    assert normalize_url("http://news.example.com/2021/story.html#comments") == \
        "http://news.example.com/2021/story.html"
    assert normalize_url("http://news.example.com/#!") == "http://news.example.com/"
