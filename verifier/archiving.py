"""The archiving stage: which Wayback capture is the evidence for a citation, its raw copy,
and Save Page Now for live sources, run alongside verification and never blocking it (the
saving half lives in saving.py).

The capture nearest *before* the date a document cited a page is what the author saw; the
newest shows what is there now. Everything is asked lazily, once per URL per run, and any
trouble with the Internet Archive becomes an `error` or `queued` note, never an exception.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from .config import Settings
from .errors import ArchiveError, ArchiveRateLimited, ArchiveTimeout, ArchiveUnavailable
from .models import ArchiveInfo, Fetch, Snapshot
from .net.linkstatus import REDIRECTS as _REDIRECT_STATUSES
from .net.wayback import WaybackClient
from .net.waybackurls import cited_memento, index_key, on_the_archive, wayback_timestamp
from .replays import judge_replay
from .saving import BackgroundSaves
from .status import LinkStatus

FetchRaw = Callable[[str], Fetch]

MAX_FALLBACKS = 2  # further captures tried when a chosen one cannot be replayed
MAX_EARLIER = 2  # earlier versions of a page read when no copy in hand holds a quote
OVERLOAD_PAUSE = 5.0  # seconds before a lookup the Archive was too busy to answer is asked again


OWN_ADDRESS = ("an Internet Archive address: the Wayback Machine holds no captures of its own "
               "pages and is not asked")


class Archivist(BackgroundSaves):
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
        self._start_saves()

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

    def copies_moved_to(self, moved: str, cited: date | None, found: list[tuple[Snapshot, Fetch]]
                        ) -> list[tuple[Snapshot, Fetch]]:
        """The copies of the address a page moved to (where its redirect ends) nearest the
        cited date, leaving out those in hand: a page edited after it moved was captured there
        before the edit, maybe never under the address the author cited."""
        in_hand = {s.timestamp for s, _ in found}
        return [c for c in self.copies(moved, cited) if c[0].timestamp not in in_hand]

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
