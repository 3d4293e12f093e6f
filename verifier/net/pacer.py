"""One pace for every Internet Archive call a process makes, with a circuit breaker and a
run budget.

The Archive's limits are unpublished and move (about 60 lookups a minute averaged over five
minutes, a few saves a minute); ignoring a 429 gets the address blocked for an hour, doubling
on repeats. So calls are spaced evenly, a 429 or repeated connection failures pause *every*
call for a while, and a run refuses what would start after its time budget instead of
stalling: the caller queues that work for the next run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ..config import Settings
from ..errors import ArchiveBudgetSpent, ArchiveRateLimited, SavesPaused

LOOKUP = "lookup"  # CDX, availability, save status, raw snapshots
SAVE = "save"  # Save Page Now requests

FAILURES_TO_TRIP = 3  # consecutive connection failures (or timeouts) that open the breaker
MAX_PAUSE_DOUBLINGS = 3  # a breaker that trips again at once pauses up to 8x as long


class IAPacer:
    """Spaces Internet Archive calls, pauses them all after trouble, and enforces the budget.

    Thread-safe: one instance is shared by every thread of a run (lookups in the pipeline's
    workers, saves in the background).
    """

    def __init__(self, *, lookups_per_minute: float, saves_per_minute: float, budget: float,
                 breaker_seconds: float, failures_to_trip: int = FAILURES_TO_TRIP,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._interval = {LOOKUP: 60.0 / lookups_per_minute, SAVE: 60.0 / saves_per_minute}
        self._budget = budget
        self._breaker_seconds = breaker_seconds
        self._failures_to_trip = failures_to_trip
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = {LOOKUP: float("-inf"), SAVE: float("-inf")}
        self._started: float | None = None  # the budget runs from the first call
        self._open_until = float("-inf")
        self._open_reason = ""
        self._failures = 0
        self._trips = 0
        self._asked_until = float("-inf")  # the end of the wait a Retry-After asked for
        self._asked_for = ""
        self._saves_held_until = float("-inf")  # Save Page Now refused our client until then
        self._saves_held_for = ""

    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Callable[[], float] = time.monotonic,
                      sleep: Callable[[float], None] = time.sleep) -> IAPacer:
        return cls(lookups_per_minute=settings.wayback_lookups_per_minute,
                   saves_per_minute=settings.wayback_saves_per_minute,
                   budget=settings.wayback_budget,
                   breaker_seconds=settings.wayback_breaker_seconds,
                   clock=clock, sleep=sleep)

    # -- asking --------------------------------------------------------------
    def acquire(self, kind: str) -> None:
        """Wait for the next free slot of this kind (LOOKUP or SAVE).

        Raises ArchiveRateLimited while the breaker is open (without waiting for it to close)
        and ArchiveBudgetSpent when the slot would start after the run's budget.
        """
        with self._lock:
            now = self._clock()
            self._refuse_if_open(now)
            if kind == SAVE and now < self._saves_held_until:
                raise SavesPaused(f"Save Page Now paused: {self._saves_held_for}")
            if self._started is None:
                self._started = now
            slot = max(now, self._next[kind])
            if slot - self._started >= self._budget:
                raise ArchiveBudgetSpent(
                    f"Internet Archive time budget of {self._budget:g} s for this run is spent; "
                    "queued for the next run")
            self._next[kind] = slot + self._interval[kind]
        if slot > now:
            self._sleep(slot - now)
            with self._lock:
                self._refuse_if_open(self._clock())  # tripped while this call waited

    def wait_time(self, kind: str) -> float:
        """Seconds until a slot of this kind is free (nothing reserved)."""
        with self._lock:
            return max(0.0, self._next[kind] - self._clock())

    def blocked(self) -> str | None:
        """Why calls are refused right now (breaker open, budget spent), or None."""
        with self._lock:
            now = self._clock()
            if now < self._open_until:
                return self._open_message(now)
            if self._started is not None and now - self._started >= self._budget:
                return f"Internet Archive time budget of {self._budget:g} s for this run is spent"
            return None

    def asked_pause(self) -> tuple[float, str]:
        """Seconds left of the wait the Archive itself asked for (a Retry-After), and why; our
        own breaker's pause beyond it is this run's caution, not the Archive's word."""
        with self._lock:
            return max(0.0, self._asked_until - self._clock()), self._asked_for

    def pause_all(self, seconds: float, reason: str) -> None:
        """Open the breaker for `seconds`, what is left of a wait the Archive asked an earlier
        run for (`reason`): no call before then, and no doubling of the next trip for it."""
        with self._lock:
            until = self._clock() + seconds
            self._note_asked(seconds, reason)
            if until > self._open_until:
                self._open_until, self._open_reason = until, f"{reason} in an earlier run"

    # -- telling ---------------------------------------------------------------
    def record_success(self) -> None:
        """The Archive answered (any answer but 429 or an overload 5xx)."""
        with self._lock:
            self._failures = 0
            self._trips = 0

    def record_rate_limited(self, retry_after: float | None = None) -> None:
        """The Archive answered 429: pause every call, longer if it keeps happening."""
        with self._lock:
            self._note_asked(retry_after, "a 429 Too Many Requests")
            self._trip(max(self._breaker_seconds, retry_after or 0.0), "a 429 Too Many Requests")

    def record_unavailable(self, status: int, retry_after: float) -> None:
        """The Archive answered 502/503/504 and said when to come back (Retry-After): no call
        goes before then, as after a 429."""
        with self._lock:
            reason = f"an HTTP {status} asking to wait {retry_after:.0f} s"
            self._note_asked(retry_after, reason)
            self._trip(max(self._breaker_seconds, retry_after), reason)

    def hold_saves(self, seconds: float, reason: str) -> None:
        """Save Page Now refused our client, not a page (the account's session limit, our
        address blocked): no save is sent for `seconds` (inf: this run), lookups go on."""
        with self._lock:
            self._saves_held_until = max(self._saves_held_until, self._clock() + seconds)
            self._saves_held_for = reason

    def record_failure(self, what: str = "connection failures") -> None:
        """A call could not connect, timed out, or met an overloaded server."""
        with self._lock:
            self._failures += 1
            if self._failures >= self._failures_to_trip:
                self._trip(self._breaker_seconds, f"{self._failures} {what} in a row")

    # -- inside ------------------------------------------------------------------
    def _note_asked(self, retry_after: float | None, reason: str) -> None:
        until = self._clock() + (retry_after or 0.0)
        if retry_after and until > self._asked_until:
            self._asked_until, self._asked_for = until, reason

    def _trip(self, pause: float, reason: str) -> None:
        now = self._clock()
        self._failures = 0
        if now < self._open_until:
            # a call sent before the breaker opened came back with the same trouble: one
            # incident, not a repeat (only a longer Retry-After lengthens the pause)
            self._open_until = max(self._open_until, now + pause)
            return
        pause *= 2 ** min(self._trips, MAX_PAUSE_DOUBLINGS)
        self._trips += 1
        self._open_until = now + pause  # closed until now: nothing longer to keep
        self._open_reason = reason

    def _refuse_if_open(self, now: float) -> None:
        if now < self._open_until:
            raise ArchiveRateLimited(self._open_message(now))

    def _open_message(self, now: float) -> str:
        return (f"Internet Archive calls paused after {self._open_reason} "
                f"({self._open_until - now:.0f} s left)")
