"""Save Page Now for live sources: the save policy, each step of a save, and the background
worker that runs them alongside verification without ever blocking it.

"Submitted" is not "archived": a save succeeds only once the CDX index lists its capture.
Unfinished jobs are returned to the run, which keeps them for the next run to resume.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from .config import Settings
from .errors import ArchiveError, ArchiveRateLimited, ArchiveUnavailable, SavesPaused
from .models import ArchiveInfo, SaveJob, Snapshot, timestamp_datetime
from .net.pacer import LOOKUP, SAVE
from .net.wayback import CAPTURED_ELSEWHERE, WaybackClient
from .net.waybackurls import index_key, on_the_archive, parse_memento
from .status import LinkStatus

POLL_FIRST = 5.0  # seconds before the first status poll of a background save; doubles
POLL_MAX = 30.0
WATCH_SECONDS = 120.0  # how long a run follows one save before leaving it for the next run
RESUBMIT_AFTER = timedelta(hours=1)  # a save still unconfirmed after this is submitted again
# ...unless Save Page Now named the capture it made: the CDX index can lag a capture by hours,
# and saving again would spend one of the page's few daily captures on nothing
INDEX_LAG = timedelta(days=1)
MAX_ATTEMPTS = 3  # submissions of one save before it is given up as an error
STEP = 0.25  # longest uninterrupted wait of the background worker, so it stops promptly
# Save Page Now refusals that mean "captured recently": success once CDX lists the capture
_RECENT_CAPTURE = ("same snapshot", "too-many-daily-captures")
# Save Page Now errors that often hide a save that was made, or pass: CDX tells later
# (Save Page Now 2's documented status_ext codes for trouble of its own systems or of today's
# quota: no browser free, overloaded, a job or capture location lost, bandwidth spent, ...)
_TRANSIENT = ("blocked-client-ip", "timeout", "time-limit", "gateway", "unavailable", "internal-server-error",
              "proxy-error", "celery", "session-limit", "may still have been saved", "http 52",
              "no-browsers-available", "overloaded", "too-many-requests", "redis-error",
              "job-failed", "capture-location-error", "cannot-fetch", "protocol-error",
              "bandwidth", "http 502", "http 503", "http 504")
# Save Page Now 2's refusals of our client, not of a page, and how long every save waits after
# one: the account's captures running at once ("wait a minute"), our address on a block list
# (every save this run would meet it)
_CLIENT_REFUSALS = {"user-session-limit": 60.0, "blocked-client-ip": float("inf")}


class BackgroundSaves:
    """The saving half of the Archivist (a mixin: it shares the Archivist's client, settings,
    clock and per-run answers). `_start_saves()` sets up its queue."""

    client: WaybackClient
    _settings: Settings
    _clock: Callable[[], float]
    _asked_once: Callable[[Hashable, Callable[[], Any]], Any]  # the Archivist's per-run answers

    def _start_saves(self) -> None:
        self._jobs: dict[str, SaveJob] = {}
        self._saved_pages: set[str] = set()  # index_key of every job's url: one save a page
        self._due: dict[str, tuple[float, int]] = {}  # url -> (clock when due, order queued)
        self._watch: dict[str, tuple[float, float]] = {}  # url -> (first step, next pause)
        self._order = 0
        self._lock = threading.Condition()
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self._busy = False
        self._changed: dict[str, SaveJob] = {}  # url -> job the worker changed, not yet taken

    # -- saving: policy and single steps -----------------------------------------------------
    def want_save(self, url: str, info: ArchiveInfo | None,
                  live: LinkStatus | None = None) -> bool:
        """The save policy (`save`, `save_window_days`) for a live source.

        With save=missing and no info (the link needed no lookup), the save itself checks
        the window: Save Page Now 2's if_not_archived_within, or a CDX check before an
        anonymous save. An info whose lookup failed or was queued says nothing: no save.
        The Internet Archive's own addresses are never saved.
        """
        if self._settings.no_wayback or self._settings.save == "never" or on_the_archive(url):
            return False
        if live is not None and not live.readable:
            return False
        if self._settings.save == "always" or info is None:
            return True
        if info.error or info.queued:
            return False
        return info.newest is None or not self._recent(info.newest)

    def submit_save(self, url: str) -> SaveJob:
        """Submit one save now: Save Page Now 2 with keys, else (or once it refused the keys)
        the anonymous save.

        With save=missing, a capture within the window makes the job succeed at once with
        that capture. Raises ArchiveRateLimited/ArchiveError when nothing was submitted.
        """
        missing_only = self._settings.save == "missing"
        if self.client.has_keys:
            within = f"{self._settings.save_window_days}d" if missing_only else None
            job = self._settle_refusal(self.client.save_spn2(url, if_not_archived_within=within))
            if self.client.has_keys:
                return job
            # the keys were refused: the page is saved anonymously all the same
        if missing_only:
            newest = self._asked_once(("recent", url), lambda: self._newest_capture(url, revisits=True))
            if newest is not None and self._recent(newest):
                return self._succeed(SaveJob(url=url, submitted_at=self.client.now(),
                                             method="anonymous"), newest)
        return self._settle_old_capture(self._settle_refusal(self.client.save_anonymous(url)))

    def poll(self, job: SaveJob) -> SaveJob:
        """One step for a pending job, this run's or an earlier one's: submit it if it was
        only queued, ask Save Page Now 2 how it went, confirm via CDX, or submit it again
        once it has stayed unconfirmed too long.

        Raises ArchiveRateLimited/ArchiveError when the Archive could not be asked.
        """
        if job.status != "pending":
            return job
        if job.submitted_at is None:
            return self._resubmit(job)
        if job.job_id and (job.method != "spn2" or self.client.has_keys):
            job = self._spn2_step(job)  # an anonymous save's job is asked about without keys
        elif job.timestamp:
            job = self._confirm(job)
        elif _refused_as_captured(job):
            recent = self._recent_capture(job.url)
            if recent is not None:
                return self._succeed(job, recent)
        # a save the service reported with its capture's time, or refused because the page
        # was captured recently (today), waits for the index to catch up: saving again spends
        # one of the page's few daily captures, or is refused the same
        lagging = bool(job.timestamp) or _refused_as_captured(job)
        unconfirmed = INDEX_LAG if lagging else RESUBMIT_AFTER
        if job.status != "pending" or job.submitted_at is None or \
                aware_time(self.client.now()) - aware_time(job.submitted_at) < unconfirmed:
            return job
        found = self._captured_since(job)  # an uncertain save may have been made after all
        if found is not None:
            return self._succeed(job, found)
        if job.attempts >= MAX_ATTEMPTS:
            return replace(job, status="error", error=f"not saved after {job.attempts} "
                           f"attempts ({job.error or 'no capture appeared'})")
        return self._resubmit(job)

    def _resubmit(self, job: SaveJob) -> SaveJob:
        done = self.submit_save(job.url)
        return replace(done, attempts=job.attempts + done.attempts)

    def _spn2_step(self, job: SaveJob) -> SaveJob:
        asked = self._settle_refusal(self.client.save_status(job))
        if asked.status == "success" and asked.job_id:
            return self._confirm(asked)
        if asked.status == "error" and not (asked.error or "").startswith(CAPTURED_ELSEWHERE):
            found = self._captured_since(asked)  # an error can hide a save that was made
            return self._succeed(asked, found) if found else asked
        return asked

    def _settle_refusal(self, job: SaveJob) -> SaveJob:
        """Errors that are not failures: the page was captured recently (success with that
        capture), or the Archive was overloaded (pending: CDX tells later). A refusal of our
        client holds every save back (_CLIENT_REFUSALS)."""
        if job.status != "error":
            return job
        for code, pause in _CLIENT_REFUSALS.items():
            if code in (job.error or ""):
                self.client.pacer.hold_saves(pause, job.error or code)
        if _refused_as_captured(job):
            recent = self._recent_capture(job.url)
            if recent is not None:
                return self._succeed(job, recent)
            # the capture exists but the CDX index lags it (minutes to hours): CDX tells later
            return replace(job, status="pending",
                           error=f"{job.error}; the recent capture is not in the CDX index yet")
        if any(marker in (job.error or "").lower() for marker in _TRANSIENT):
            return replace(job, status="pending")
        return job

    def _recent_capture(self, url: str) -> Snapshot | None:
        """The newest capture (a revisit too) within the recent-capture window, at least a day."""
        newest = self._newest_capture(url, revisits=True)
        window = timedelta(days=max(1, self._settings.save_window_days))
        return newest if newest is not None and self._recent(newest, window) else None

    def _settle_old_capture(self, job: SaveJob) -> SaveJob:
        """Save Page Now answering with a capture older than the recent-capture window (the
        latest one it had, when it did not save) did not save the page now: pending, and
        never a success resting on that old capture; CDX tells later whether it saved."""
        if job.status != "success" or not job.timestamp or job.submitted_at is None:
            return job
        window = timedelta(days=max(1, self._settings.save_window_days))
        named = timestamp_datetime(job.timestamp).replace(tzinfo=UTC)
        if aware_time(job.submitted_at) - named <= window:
            return job
        return replace(job, status="pending", timestamp=None, archive_url=None,
                       error=f"Save Page Now named a capture of {named:%Y-%m-%d}, older than "
                             "this save; it may still have been saved")

    def _confirm(self, job: SaveJob) -> SaveJob:
        """"Submitted" is not "archived": the CDX index says a capture exists, or (while the
        index lags) its replay at the very time Save Page Now named."""
        memento = parse_memento(job.archive_url or "")
        original = memento[1] if memento else job.url
        found = self.client.captured(original, job.timestamp or "")
        if found is None and job.timestamp:
            found = self.client.replayed(original, job.timestamp)
        if found is not None:
            return self._succeed(job, found)
        return replace(job, status="pending", error="saved; not yet in the CDX index")

    def _captured_since(self, job: SaveJob) -> Snapshot | None:
        since = aware_time(job.submitted_at or self.client.now()) - timedelta(minutes=1)
        found = self.client.captures(job.url, from_ts=since, limit=1, all_statuses=True)
        return found[0] if found else None

    @staticmethod
    def _succeed(job: SaveJob, capture: Snapshot) -> SaveJob:
        return replace(job, status="success", error=None, timestamp=capture.timestamp,
                       archive_url=capture.archive_url)

    def _newest_capture(self, url: str, *, revisits: bool = False,
                        redirects: bool = False) -> Snapshot | None:
        """The newest status-200 capture; with `revisits`, a revisit record too: saving an
        unchanged page records a revisit, which is a capture of that day all the same (never
        evidence, though); with `redirects`, a capture of a redirect too."""
        found = self.client.captures(url, limit=-1, revisits=revisits, redirects=redirects)
        return found[-1] if found else None

    def _recent(self, snapshot: Snapshot, window: timedelta | None = None) -> bool:
        window = window or timedelta(days=self._settings.save_window_days)
        return aware_time(self.client.now()) - snapshot.captured_at.replace(tzinfo=UTC) < window

    # -- saving in the background ------------------------------------------------------------
    def save_later(self, url: str, info: ArchiveInfo | None = None,
                   live: LinkStatus | None = None) -> bool:
        """Queue a background save if the policy wants one; True when queued. A page already
        being saved under another spelling (http/https, www., escapes) is not saved again: a
        second save spends one of the page's few daily captures on the same page."""
        with self._lock:
            if url in self._jobs or index_key(url) in self._saved_pages or self._stop.is_set():
                return False
        if not self.want_save(url, info, live):
            return False
        self._enqueue(SaveJob(url=url), first=False)
        return True

    def resume_saves(self, jobs: Iterable[SaveJob]) -> None:
        """Jobs left pending by an earlier run: confirmed or retried before any new save."""
        if self._settings.no_wayback:
            return
        for job in jobs:
            if job.status == "pending":
                self._enqueue(job, first=True)

    def close(self, wait: float = 0.0, stop: threading.Event | None = None,
              meanwhile: Callable[[], None] | None = None) -> list[SaveJob]:
        """Stop background saving (after up to `wait` real seconds for it to finish, cut
        short when `stop` is set: a run asked to stop does not wait on the Archive; calling
        `meanwhile` between short waits) and return every job; those not finished stay
        "pending" for the next run."""
        deadline = time.monotonic() + wait
        while True:
            with self._lock:
                left = deadline - time.monotonic()
                if not (self._due or self._busy) or left <= 0 or \
                        (stop is not None and stop.is_set()):
                    self._stop.set()
                    self._lock.notify_all()
                    return list(self._jobs.values())
                self._lock.wait(min(left, STEP))
            if meanwhile is not None:
                meanwhile()

    def _enqueue(self, job: SaveJob, *, first: bool) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            self._order += 1
            self._jobs[job.url] = job
            self._saved_pages.add(index_key(job.url))
            self._due[job.url] = (float("-inf") if first else self._clock(), self._order)
            self._watch.pop(job.url, None)
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="verifier-saves",
                                                daemon=True)
                self._worker.start()
            self._lock.notify_all()

    def _work(self) -> None:
        """The background worker: steps the job due first, one at a time, until stopped."""
        while True:
            with self._lock:
                while not self._due and not self._stop.is_set():
                    self._lock.wait()
                if self._stop.is_set():
                    return
                url, (due, _) = min(self._due.items(), key=lambda item: item[1])
                early = due - self._clock()
                if early <= 0:
                    del self._due[url]
                    self._busy = True
            if early > 0:
                self.client.sleep(min(early, STEP))
                continue
            try:
                if not self._step(url):
                    with self._lock:  # breaker or budget: the rest waits for the next run
                        self._due.clear()
            finally:
                with self._lock:
                    self._busy = False
                    self._lock.notify_all()

    def _step(self, url: str) -> bool:
        """Advance one job; False when no Internet Archive call can be made this run."""
        with self._lock:
            job = self._jobs[url]
            watch = self._watch.setdefault(url, (self._clock(), POLL_FIRST))
        kind = SAVE if job.submitted_at is None else LOOKUP
        if not self._wait(self.client.pacer.wait_time(kind)):
            return True
        try:
            job = self.poll(job)
        except SavesPaused as exc:  # this save waits (the next run); lookups and polls go on
            self._update(replace(job, error=str(exc)))
            return True
        except ArchiveRateLimited as exc:
            self._update(replace(job, error=str(exc)))
            return False
        except ArchiveUnavailable as exc:  # not answered this time: a followed job is asked again
            job = replace(job, error=str(exc))
        except ArchiveError as exc:
            self._update(replace(job, error=str(exc)))
            return True
        self._update(job)
        started, pause = watch
        followable = job.status == "pending" and bool(job.job_id)
        if followable and self._clock() - started < WATCH_SECONDS:
            with self._lock:
                if not self._stop.is_set():
                    self._order += 1
                    self._due[url] = (self._clock() + pause, self._order)
                    self._watch[url] = (started, min(pause * 2, POLL_MAX))
        return True

    def _update(self, job: SaveJob) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            self._jobs[job.url] = job
            self._changed[job.url] = job

    def changed_saves(self) -> list[SaveJob]:
        """The jobs the worker changed since last asked: the run records them at once (a run
        killed with a save submitted then leaves its job id to follow, not to submit again)."""
        with self._lock:
            changed, self._changed = list(self._changed.values()), {}
        return changed

    def _wait(self, seconds: float) -> bool:
        """Wait (through the client's sleep) in short steps; False once stopping."""
        while seconds > 0 and not self._stop.is_set():
            step = min(seconds, STEP)
            self.client.sleep(step)
            seconds -= step
        return not self._stop.is_set()


def _refused_as_captured(job: SaveJob) -> bool:
    """Whether Save Page Now refused the save because the page was captured recently."""
    message = (job.error or "").lower()
    return any(marker in message for marker in _RECENT_CAPTURE)


def aware_time(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
