"""The process-wide Internet Archive pacer: even spacing, separate paces for lookups and
saves, a breaker that refuses (not waits) while open, and a run budget. Injected clock."""

from __future__ import annotations

import threading

import pytest
from wayback_support import FakeClock

from verifier.config import Settings
from verifier.errors import ArchiveBudgetSpent, ArchiveRateLimited
from verifier.net.pacer import LOOKUP, SAVE, IAPacer


def make(clock: FakeClock, *, sleep: object = None, lookups: float = 24, saves: float = 4,
         budget: float = 10_000, breaker: float = 300) -> IAPacer:
    return IAPacer(lookups_per_minute=lookups, saves_per_minute=saves, budget=budget,
                   breaker_seconds=breaker, clock=clock,
                   sleep=sleep or clock.sleep)  # type: ignore[arg-type]


def test_lookups_are_spaced_evenly_and_never_exceed_the_rate() -> None:
    clock = FakeClock()
    pacer = make(clock, lookups=24)
    started = []
    for _ in range(60):
        pacer.acquire(LOOKUP)
        started.append(clock())
    gaps = [b - a for a, b in zip(started, started[1:], strict=False)]
    assert min(gaps) == pytest.approx(2.5)
    for first in started:  # every 60-second window of the injected clock
        assert sum(1 for t in started if first <= t < first + 60) <= 24


def test_saves_have_their_own_slower_pace() -> None:
    clock = FakeClock()
    pacer = make(clock, lookups=24, saves=4)
    pacer.acquire(SAVE)
    pacer.acquire(LOOKUP)  # not held back by the save
    assert clock.sleeps == []
    pacer.acquire(SAVE)
    assert clock.sleeps == [pytest.approx(15.0)]


def test_a_429_opens_the_breaker_and_calls_are_refused_without_waiting() -> None:
    clock = FakeClock()
    pacer = make(clock, breaker=300)
    pacer.acquire(LOOKUP)
    pacer.record_rate_limited(retry_after=60)
    with pytest.raises(ArchiveRateLimited, match="429"):
        pacer.acquire(LOOKUP)
    with pytest.raises(ArchiveRateLimited):
        pacer.acquire(SAVE)
    assert clock.sleeps == []
    assert "429" in (pacer.blocked() or "")
    clock.advance(301)
    pacer.acquire(LOOKUP)
    assert pacer.blocked() is None


def test_a_longer_retry_after_wins_and_repeated_trips_pause_longer() -> None:
    clock = FakeClock()
    pacer = make(clock, breaker=100)
    pacer.record_rate_limited(retry_after=250)
    clock.advance(200)
    assert pacer.blocked()
    clock.advance(51)
    assert pacer.blocked() is None
    pacer.record_rate_limited()  # again, with no success between: twice the pause
    clock.advance(150)
    assert pacer.blocked()
    clock.advance(51)
    assert pacer.blocked() is None
    pacer.record_success()
    pacer.record_rate_limited()  # a success resets the doubling
    clock.advance(101)
    assert pacer.blocked() is None


def test_repeated_connection_failures_open_the_breaker_a_success_resets_the_count() -> None:
    clock = FakeClock()
    pacer = make(clock, breaker=60)
    pacer.record_failure()
    pacer.record_failure()
    pacer.record_success()
    pacer.record_failure()
    pacer.record_failure()
    assert pacer.blocked() is None
    pacer.record_failure()
    with pytest.raises(ArchiveRateLimited, match="3 connection failures in a row"):
        pacer.acquire(LOOKUP)


def test_a_call_waiting_for_its_slot_is_refused_if_the_breaker_opened_meanwhile() -> None:
    clock = FakeClock()
    pacer: IAPacer

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        pacer.record_rate_limited()  # another thread met a 429 while this one waited

    pacer = make(clock, sleep=sleep)
    pacer.acquire(LOOKUP)
    with pytest.raises(ArchiveRateLimited):
        pacer.acquire(LOOKUP)


def test_the_budget_refuses_slots_after_it_and_runs_from_the_first_call() -> None:
    clock = FakeClock()
    pacer = make(clock, lookups=6, budget=25)  # one lookup every 10 s
    clock.advance(5000)  # time before the first Internet Archive call does not count
    pacer.acquire(LOOKUP)
    pacer.acquire(LOOKUP)
    pacer.acquire(LOOKUP)  # starts at +20 s, inside the budget
    sleeps_before = list(clock.sleeps)
    with pytest.raises(ArchiveBudgetSpent, match="25 s"):
        pacer.acquire(LOOKUP)  # would start at +30 s
    assert clock.sleeps == sleeps_before  # refused at once, not after waiting
    assert isinstance(ArchiveBudgetSpent("x"), ArchiveRateLimited)
    clock.advance(10)
    assert "budget" in (pacer.blocked() or "")


def test_a_zero_budget_makes_no_call_at_all() -> None:
    pacer = make(FakeClock(), budget=0)
    with pytest.raises(ArchiveBudgetSpent):
        pacer.acquire(LOOKUP)


def test_threads_get_distinct_evenly_spaced_slots() -> None:
    clock = FakeClock()
    waits: list[float] = []
    lock = threading.Lock()

    def sleep(seconds: float) -> None:  # time stands still: each wait is the slot offset
        with lock:
            waits.append(seconds)

    pacer = make(clock, sleep=sleep, lookups=24)
    threads = [threading.Thread(target=pacer.acquire, args=(LOOKUP,)) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == [pytest.approx(2.5 * k) for k in range(1, 12)]


def test_from_settings_uses_the_declared_settings() -> None:
    clock = FakeClock()
    settings = Settings(wayback_lookups_per_minute=30, wayback_saves_per_minute=2,
                        wayback_budget=100, wayback_breaker_seconds=10)
    pacer = IAPacer.from_settings(settings, clock=clock, sleep=clock.sleep)
    pacer.acquire(LOOKUP)
    pacer.acquire(LOOKUP)
    pacer.acquire(SAVE)
    pacer.acquire(SAVE)
    assert clock.sleeps == [pytest.approx(2.0), pytest.approx(30.0)]
    pacer.record_rate_limited()
    clock.advance(11)
    assert pacer.blocked() is None


def test_an_unavailable_answer_naming_its_wait_pauses_that_long_or_the_floor() -> None:
    clock = FakeClock()
    pacer = make(clock, breaker=300)
    pacer.record_unavailable(503, 900)
    clock.advance(899)
    assert pacer.blocked() and "503" in (pacer.blocked() or "")
    clock.advance(2)
    assert pacer.blocked() is None
    pacer.record_unavailable(503, 5)  # shorter than the breaker's own pause: the floor
    clock.advance(299)
    assert pacer.blocked()
