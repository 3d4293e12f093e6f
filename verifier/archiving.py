"""The archiving stage: which Wayback capture is the evidence for a citation, its raw copy,
and Save Page Now for live sources, run alongside verification and never blocking it.

The capture nearest *before* the date a document cited a page is what the author saw; the
newest shows what is there now. Everything is asked lazily, once per URL per run, and any
trouble with the Internet Archive becomes an `error` or `queued` note, never an exception.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .config import Settings
from .errors import ArchiveError, ArchiveRateLimited, ArchiveTimeout, ArchiveUnavailable
from .models import ArchiveInfo, Fetch, SaveJob, Snapshot, timestamp_datetime
from .net.linkstatus import REDIRECTS as _REDIRECT_STATUSES
from .net.pacer import LOOKUP, SAVE
from .net.wayback import (
    WaybackClient,
    cited_memento,
    index_key,
    on_the_archive,
    parse_memento,
    wayback_timestamp,
)
from .replays import judge_replay
from .status import LinkStatus

FetchRaw = Callable[[str], Fetch]

POLL_FIRST = 5.0  # seconds before the first status poll of a background save; doubles
POLL_MAX = 30.0
WATCH_SECONDS = 120.0  # how long a run follows one save before leaving it for the next run
RESUBMIT_AFTER = timedelta(hours=1)  # a save still unconfirmed after this is submitted again
# ...unless Save Page Now named the capture it made: the CDX index can lag a capture by hours,
# and saving again would spend one of the page's few daily captures on nothing
INDEX_LAG = timedelta(days=1)
MAX_ATTEMPTS = 3  # submissions of one save before it is given up as an error
MAX_FALLBACKS = 2  # further captures tried when a chosen one cannot be replayed
MAX_EARLIER = 2  # earlier versions of a page read when no copy in hand holds a quote
OVERLOAD_PAUSE = 5.0  # seconds before a lookup the Archive was too busy to answer is asked again
STEP = 0.25  # longest uninterrupted wait of the background worker, so it stops promptly
# Save Page Now refusals that mean "captured recently": success once CDX lists the capture
_RECENT_CAPTURE = ("same snapshot", "too-many-daily-captures")
# Save Page Now errors that often hide a save that was made, or pass: CDX tells later
# (Save Page Now 2's documented status_ext codes for trouble of its own systems or of today's
# quota: no browser free, overloaded, a job or capture location lost, bandwidth spent, ...)
_TRANSIENT = ("timeout", "time-limit", "gateway", "unavailable", "internal-server-error",
              "proxy-error", "celery", "session-limit", "may still have been saved", "http 52",
              "no-browsers-available", "overloaded", "too-many-requests", "redis-error",
              "job-failed", "capture-location-error", "cannot-fetch", "protocol-error",
              "bandwidth", "http 502", "http 503", "http 504")


OWN_ADDRESS = ("an Internet Archive address: the Wayback Machine holds no captures of its own "
               "pages and is not asked")


class Archivist:
    """Asks the Wayback Machine about cited URLs and saves live ones in the background.

    Thread-safe. Nothing is asked until info()/copies() is called; each answer is kept for
    the run. Background saves start with save_later()/resume_saves(); close() stops them and
    returns every job, unfinished ones still "pending" for the next run to resume.
    """

    def __init__(self, client: WaybackClient, fetch_raw: FetchRaw, settings: Settings, *,
                 clock: Callable[[], float] = time.monotonic,
                 kept: Callable[[Snapshot], Fetch | None] | None = None) -> None:
        self.client = client
        self._fetch_raw = fetch_raw
        self._kept = kept  # a capture's raw copy kept by an earlier run (keptcaptures.py)
        self._settings = settings
        self._clock = clock
        self._memo = _Memo()
        self._dates_asked: dict[str, set[date]] = {}  # page (index_key) -> citation dates asked
        self._dates_lock = threading.Lock()
        self._jobs: dict[str, SaveJob] = {}
        self._saved_pages: set[str] = set()  # index_key of every job's url: one save a page
        self._due: dict[str, tuple[float, int]] = {}  # url -> (clock when due, order queued)
        self._watch: dict[str, tuple[float, float]] = {}  # url -> (first step, next pause)
        self._order = 0
        self._lock = threading.Condition()
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self._busy = False

    # -- lookups -------------------------------------------------------------------
    def info(self, url: str, cited: date | None) -> ArchiveInfo:
        """The capture nearest before `cited` (else the nearest after) and the newest.

        Without a date, the newest capture is the closest. Trouble leaves `error` set, and
        `queued` when the breaker or the run's budget held the lookup back.
        """
        if self._settings.no_wayback:
            return ArchiveInfo(url, error="Wayback Machine not consulted (no_wayback)")
        if on_the_archive(url):
            return ArchiveInfo(url, error=OWN_ADDRESS)
        if isinstance(cited, datetime):
            cited = cited.date()
        return self._memo.get(("info", url, cited), lambda: self._lookup(url, cited))

    def copies(self, url: str, cited: date | None) -> list[tuple[Snapshot, Fetch]]:
        """Raw (`id_`) copies to match quotes against: the closest capture first, then the
        newest unless its content is in hand already. A capture whose replay fails (404,
        5xx, the Wayback's own page, another page's capture) gives way to the next one in the
        same order of preference (up to MAX_FALLBACKS more); a replay served from another
        capture counts as that capture, once. What could not be read is noted in the info's
        error."""
        if isinstance(cited, datetime):
            cited = cited.date()
        info = self.info(url, cited)
        found: list[tuple[Snapshot, Fetch]] = []
        for target in _targets(info):
            if target is info.newest and any(_same_content(s, target) for s, _ in found):
                continue  # the newest holds what a copy in hand holds
            try:
                copy = self._readable_copy(url, cited, target, info, found)
            except _Queued:
                return found  # no Internet Archive call can be made now
            if copy is not None and not any(s.timestamp == copy[0].timestamp for s, _ in found):
                found.append(copy)
        return found

    def earlier_copies(self, url: str, found: list[tuple[Snapshot, Fetch]]
                       ) -> list[tuple[Snapshot, Fetch]]:
        """Versions of the page captured before every copy in hand, newest first: up to
        MAX_EARLIER whose content differs from the copies in hand and from each other. The
        author read the page some time before citing it, maybe before an edit that the
        capture closest to the citation already shows. Trouble reading one skips it; a
        breaker or budget stop ends the search."""
        if not found:
            return []
        oldest = min(s.timestamp for s, _ in found)
        try:
            listed = self._all_captures(url)
        except ArchiveError:
            return []
        seen = [s for s, _ in found]
        earlier: list[tuple[Snapshot, Fetch]] = []
        for candidate in reversed([s for s in listed if s.timestamp < oldest]):
            if len(earlier) == MAX_EARLIER:
                break
            if any(_same_content(s, candidate) for s in seen):
                continue
            copy = self._copy(candidate)
            if isinstance(copy, str):
                if copy.startswith("queued: "):
                    break
                continue
            if any(_same_content(s, copy[0]) for s in seen):
                continue  # the Wayback served a copy in hand instead
            seen += [candidate, copy[0]]
            earlier.append(copy)
        return earlier

    def cited_capture(self, url: str) -> CitedCapture:
        """A cited Wayback address read as the one capture it names (see cited_memento): its
        raw copy, through the same paced path as every snapshot, and the address's own check.
        No CDX lookup and no save: the citation names its capture already."""
        named = cited_memento(url)
        if named is None:
            raise ValueError(f"not a Wayback capture address: {url}")
        timestamp, original = named
        timestamp = timestamp or wayback_timestamp(self.client.now())  # undated: the newest
        asked = Snapshot(url=original, timestamp=timestamp,
                         archive_url=self.client.archive_url(timestamp, original))
        fetch: Fetch | None = None
        outcome: tuple[Snapshot, Fetch] | str = \
            "not fetched: Wayback Machine calls are off (--no-wayback)"
        if not self._settings.no_wayback:
            fetch, outcome = self._read_capture(asked, kept=False)  # does it replay now?
        if isinstance(outcome, tuple):
            return CitedCapture(self._cited_link(url, fetch, outcome),
                                ArchiveInfo(url, closest=outcome[0], newest=outcome[0]), outcome)
        return CitedCapture(self._cited_link(url, fetch, outcome), ArchiveInfo(url, error=outcome))

    def _cited_link(self, url: str, fetch: Fetch | None,
                    outcome: tuple[Snapshot, Fetch] | str) -> Fetch:
        """The cited capture address's own check: ok when the capture replays, the raw
        fetch's status when the Wayback refused it (404: not archived, dead), soft_404 when it
        answered with something else than the capture, skipped when nothing was sent."""
        if fetch is None:
            why = str(outcome).removeprefix("queued: ")
            return Fetch(url=url, link_status=LinkStatus.SKIPPED, fetched_at=self.client.now(),
                         reason=f"Wayback Machine snapshot {why}")
        if isinstance(outcome, tuple):
            status = LinkStatus.OK
            reason = f"the Wayback Machine replays its capture of {outcome[0].captured_at:%Y-%m-%d}"
        else:
            status = LinkStatus.SOFT_404 if fetch.link_status.readable else fetch.link_status
            reason = outcome.removeprefix("queued: ")
        return replace(fetch, url=url, link_status=status, reason=reason, body=None, page=None,
                       final_url=fetch.final_url and self.client.canonical(fetch.final_url))

    def _readable_copy(self, url: str, cited: date | None, target: Snapshot, info: ArchiveInfo,
                       found: list[tuple[Snapshot, Fetch]]) -> tuple[Snapshot, Fetch] | None:
        """The first readable copy of the target or its fallbacks; None when none can be read
        (or the target is in hand already). For a target on or before the citation, a replay
        the Wayback served from after it is kept aside while a capture before may be read.
        Raises _Queued when the breaker or the budget stops the calls."""
        newest = target is info.newest
        wants_before = cited is not None and not newest and target.captured_at.date() <= cited
        aside: tuple[Snapshot, Fetch] | None = None
        for candidate in self._candidates(url, cited, target, newest=newest):
            if any(s.timestamp == candidate.timestamp for s, _ in found):
                if candidate is target:
                    return None
                continue
            copy = self._copy(candidate)
            if isinstance(copy, str):
                _note_unread(info, copy)
                continue
            if wants_before and cited is not None and copy[0].captured_at.date() > cited:
                aside = aside or copy
                continue
            return copy
        return aside

    def _candidates(self, url: str, cited: date | None, target: Snapshot, *,
                    newest: bool) -> Iterator[Snapshot]:
        """The target, then (asked only if needed) the captures that come next in preference:
        older ones for the newest or a capture before the citation, then later ones."""
        yield target
        try:
            listed = self._all_captures(url)
            if not any(s.timestamp == target.timestamp for s in listed):
                listed = self._asked_once(("neighbours", index_key(url), target.timestamp),
                                          lambda: self._neighbours(url, target))  # list cut short
        except ArchiveError:
            return
        others = [s for s in listed if s.timestamp != target.timestamp]
        older = [s for s in reversed(others) if s.timestamp < target.timestamp]
        later = [s for s in others if s.timestamp > target.timestamp]
        before_citation = cited is None or target.captured_at.date() <= cited
        order = older if newest else (older + later if before_citation else later)
        yield from order[:MAX_FALLBACKS]

    def _neighbours(self, url: str, target: Snapshot) -> list[Snapshot]:
        """The MAX_FALLBACKS captures on each side of target, asked about directly: for a page
        captured so often that the list of its captures (cut at MAX_CDX_PAGES pages) does not
        reach the target, the list's end is not where its neighbours are."""
        moment = target.captured_at
        before = self.client.captures(url, to_ts=moment - timedelta(seconds=1),
                                      limit=-MAX_FALLBACKS)
        after = self.client.captures(url, from_ts=moment + timedelta(seconds=1),
                                     limit=MAX_FALLBACKS)
        return [s for s in before if s.timestamp < target.timestamp] + \
            [s for s in after if s.timestamp > target.timestamp]

    def _all_captures(self, url: str) -> list[Snapshot]:
        """Every status-200 capture of url, oldest first; asked once per run (for every
        spelling of the page), when a chosen capture could not be replayed."""
        return list(self._asked_once(("all", index_key(url)), lambda: self.client.captures(url)))

    def _lookup(self, url: str, cited: date | None) -> ArchiveInfo:
        """The lookup behind info(); its CDX answers are kept per page (index_key), so
        another spelling of the same page (http/https, www.) asks nothing again."""
        info = ArchiveInfo(url)
        try:
            newest = self._newest(url)
            if newest is not None and newest.status_code != 200:
                # the newest capture is a redirect: was the page ever captured itself, or only
                # moved (then a replay of its redirects leads on, see replays._moved_page)?
                newest = self._asked_once(("newest 200", index_key(url)), lambda: self._newest_capture(url))
                if newest is None:
                    moved = self._asked_once(("moved", index_key(url)), lambda: [
                        s for s in self.client.captures(url, all_statuses=True)
                        if s.status_code in _REDIRECT_STATUSES])
                    info.closest, info.newest = _nearest_in(moved, cited), moved[-1] if moved else None
                    return info
            info.newest = info.closest = newest
            if cited is not None and newest is not None and newest.captured_at.date() > cited:
                info.closest = self._nearest(url, cited) or newest
        except (ArchiveRateLimited, ArchiveUnavailable) as exc:
            info.queued, info.error = True, str(exc)  # not answered: the next run asks first
        except ArchiveError as exc:
            info.error = str(exc)
        return info

    def _nearest(self, url: str, cited: date) -> Snapshot | None:
        """The last capture up to the end of the cited day, else the first after it. The first
        date a page is asked about costs a question or two; at any other date too, the list of
        all its captures (asked once) answers: a CDX question per date would spend the
        Archive's rate limit on what one list says."""
        key = index_key(url)
        with self._dates_lock:
            dates = self._dates_asked.setdefault(key, set())
            dates.add(cited)
            first = dates == {cited}
        if first:
            found: Snapshot | None = self._asked_once(("nearest", key, cited),
                                                      lambda: self._nearest_to(url, cited))
            return found
        return _nearest_in(self._all_captures(url), cited)

    def _nearest_to(self, url: str, cited: date) -> Snapshot | None:
        """The last capture up to the end of the cited day, else the first of all captures
        (that list answers the page's other dates too)."""
        before = self._last_before(url, cited)
        if before:
            return before[-1]
        listed = self._all_captures(url)
        return listed[0] if listed else None

    def _last_before(self, url: str, cited: date) -> list[Snapshot]:
        """Captures up to the end of the cited day, the last one only when the server's
        fast "last N" honours `to` (checked, since limit=-1 implies fastLatest)."""
        found = self.client.captures(url, to_ts=cited, limit=-1)
        kept = [s for s in found if s.captured_at.date() <= cited]
        if found and not kept:
            kept = [s for s in self.client.captures(url, to_ts=cited)
                    if s.captured_at.date() <= cited]
        return kept

    def _newest(self, url: str) -> Snapshot | None:
        """The newest capture of the page itself or of a redirect from it: one question."""
        newest: Snapshot | None = self._asked_once(("newest", index_key(url)),
                                                   lambda: self._newest_capture(url, redirects=True))
        return newest

    def _asked_once(self, key: Hashable, ask: Callable[[], Any]) -> Any:
        """ask() once per run; an ArchiveError is kept as the answer too, raised to every caller."""
        def answer() -> Any:
            try:
                return self._again_if_overloaded(ask)
            except ArchiveError as exc:
                return exc

        value = self._memo.get(key, answer)
        if isinstance(value, ArchiveError):
            raise value
        return value

    def _again_if_overloaded(self, ask: Callable[[], Any]) -> Any:
        """ask(), and once more after OVERLOAD_PAUSE when the Archive was too busy to answer
        (a 502/503/504, its own maintenance page, an answer cut short): a busy moment of the
        service passes, and the lookup is answered this run instead of waiting for the next.
        Not after a timeout (a hung service would cost the run twice), nor when the breaker
        has opened, the budget is spent (the pacer refuses the second call) or the run is
        stopping (the pause is waited in short steps)."""
        try:
            return ask()
        except ArchiveTimeout:
            raise
        except ArchiveUnavailable:
            if self.client.blocked() or not self._wait(OVERLOAD_PAUSE):
                raise
        return ask()

    def _copy(self, snapshot: Snapshot) -> tuple[Snapshot, Fetch] | str:
        """A raw copy, or why there is none ("queued: ..." when it waits for the next run);
        read once per run."""
        return self._memo.get(("copy", snapshot.url, snapshot.timestamp),
                              lambda: self._read_capture(snapshot)[1])

    def _read_capture(self, snapshot: Snapshot, *, kept: bool = True
                      ) -> tuple[Fetch | None, tuple[Snapshot, Fetch] | str]:
        """The raw fetch of a capture (None when nothing was sent) and what came of it: the
        copy as served, or why there is none ("queued: ..." when it waits for the next run).
        A capture whose copy an earlier run kept is read from there: a capture never changes."""
        copy = self._kept(snapshot) if kept and self._kept is not None else None
        if copy is not None:
            return None, (snapshot, copy)
        blocked = self.client.blocked()
        if blocked:
            return None, f"queued: {blocked}"
        try:
            fetch = self._fetch_raw(self.client.raw_url(snapshot))
        except ArchiveRateLimited as exc:
            return None, f"queued: {exc}"
        except ArchiveError as exc:
            return None, f"snapshot {snapshot.timestamp} not fetched: {exc}"
        return fetch, judge_replay(self.client, snapshot, fetch)

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
                _aware(self.client.now()) - _aware(job.submitted_at) < unconfirmed:
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
        if asked.status == "error":
            found = self._captured_since(asked)  # an error can hide a save that was made
            return self._succeed(asked, found) if found else asked
        return asked

    def _settle_refusal(self, job: SaveJob) -> SaveJob:
        """Errors that are not failures: the page was captured recently (success with that
        capture), or the Archive was overloaded (pending: CDX tells later)."""
        if job.status != "error":
            return job
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
        if _aware(job.submitted_at) - named <= window:
            return job
        return replace(job, status="pending", timestamp=None, archive_url=None,
                       error=f"Save Page Now named a capture of {named:%Y-%m-%d}, older than "
                             "this save; it may still have been saved")

    def _confirm(self, job: SaveJob) -> SaveJob:
        """"Submitted" is not "archived": only the CDX index says a capture exists."""
        memento = parse_memento(job.archive_url or "")
        original = memento[1] if memento else job.url
        found = self.client.captured(original, job.timestamp or "")
        if found is not None:
            return self._succeed(job, found)
        return replace(job, status="pending", error="saved; not yet in the CDX index")

    def _captured_since(self, job: SaveJob) -> Snapshot | None:
        since = _aware(job.submitted_at or self.client.now()) - timedelta(minutes=1)
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
        return _aware(self.client.now()) - snapshot.captured_at.replace(tzinfo=UTC) < window

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

    def close(self, wait: float = 0.0, stop: threading.Event | None = None) -> list[SaveJob]:
        """Stop background saving (after up to `wait` real seconds for it to finish, cut
        short when `stop` is set: a run asked to stop does not wait on the Archive) and
        return every job; those not finished stay "pending" for the next run."""
        deadline = time.monotonic() + wait
        with self._lock:
            while self._due or self._busy:
                left = deadline - time.monotonic()
                if left <= 0 or (stop is not None and stop.is_set()):
                    break
                self._lock.wait(min(left, STEP))
            self._stop.set()
            self._lock.notify_all()
            return list(self._jobs.values())

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
            if not self._stop.is_set():
                self._jobs[job.url] = job

    def _wait(self, seconds: float) -> bool:
        """Wait (through the client's sleep) in short steps; False once stopping."""
        while seconds > 0 and not self._stop.is_set():
            step = min(seconds, STEP)
            self.client.sleep(step)
            seconds -= step
        return not self._stop.is_set()


@dataclass
class CitedCapture:
    """A citation of one Wayback capture, read: the cited address's own check, what the
    Wayback holds for it (that capture as closest and newest, or why there is none), and
    the copy to judge quotes against."""

    link: Fetch
    info: ArchiveInfo
    copy: tuple[Snapshot, Fetch] | None = None

    @property
    def copies(self) -> list[tuple[Snapshot, Fetch]]:
        """The copy as a list of Wayback copies, like any URL's: empty when there is none."""
        return [self.copy] if self.copy is not None else []


class _Queued(Exception):
    """No Internet Archive call can be made now (breaker or budget): stop asking."""


def _note_unread(info: ArchiveInfo, why: str) -> None:
    """Note why a copy was not read on the info; raise _Queued when it waits for the next run."""
    queued = why.startswith("queued: ")
    info.queued = info.queued or queued
    info.error = info.error or why.removeprefix("queued: ")
    if queued:
        raise _Queued


def _refused_as_captured(job: SaveJob) -> bool:
    """Whether Save Page Now refused the save because the page was captured recently."""
    message = (job.error or "").lower()
    return any(marker in message for marker in _RECENT_CAPTURE)


def _nearest_in(captures: list[Snapshot], cited: date | None) -> Snapshot | None:
    """Of captures oldest first: the last one up to the end of the cited day, else the first
    after it; the newest without a date."""
    if not captures:
        return None
    if cited is None:
        return captures[-1]
    before = [s for s in captures if s.captured_at.date() <= cited]
    return before[-1] if before else captures[0]


def _targets(info: ArchiveInfo) -> list[Snapshot]:
    """The closest capture, then the newest unless it is that very capture."""
    targets = [s for s in (info.closest, info.newest) if s is not None]
    if len(targets) == 2 and targets[0].timestamp == targets[1].timestamp:
        targets.pop()
    return targets


class _Memo:
    """Per-run answers: computed once per key, however many threads ask at once."""

    def __init__(self) -> None:
        self._values: dict[Hashable, Any] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._values:
                return self._values[key]
            key_lock = self._locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            value = compute()
            with self._lock:
                self._values[key] = value
            return value


def _same_content(a: Snapshot, b: Snapshot) -> bool:
    if a.timestamp == b.timestamp:
        return True
    return bool(a.digest and a.digest == b.digest)


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
