"""The checking stage of a run: fetch what is due, read each page and judge the quotes that
cite it, consult the Wayback Machine where a verdict needs it.

Fetching runs on threads, reading pages and live matching in the work pool (processes), and
every finished unit of work (a link's check, a quote's verdicts) is committed to the store
at once, from the run's thread only, by the handlers `Completions.drain` runs there. Fetching
is held back while the work pool is behind, so the bodies waiting in memory stay bounded.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .config import Settings
from .errors import ArchiveError, StorageError
from .evidence import Exchange
from .models import (
    ArchiveInfo,
    EvidenceRef,
    Extraction,
    Fetch,
    SaveJob,
    Snapshot,
    Verdict,
    names_a_capture,
)
from .pagerecords import PageRecords
from .recheck import (
    cited_elsewhere,
    is_due,
    needs_fresh_copy,
    next_link_state,
    next_quote_state,
)
from .status import LinkStatus, QuoteStatus
from .store import Store
from .storekeys import fetch_key_live, fetch_key_snapshot, parse_iso
from .workpool import Completions, PageCheck, PageChecked, WorkPool, auto_processes, check_page

if TYPE_CHECKING:
    from .archiving import Archivist, CitedCapture
    from .evidence import EvidenceStore
    from .fetching import Fetcher
    from .keptcaptures import KeptCaptures

log = logging.getLogger(__name__)

# Later dates a URL is cited at whose nearest captures are read while a quote waits: each is a
# lookup and a read paced by the Internet Archive, and a page cited on 500 dates is not read 500
# times (the dates read are spread over the span, the latest always among them).
LATER_DATES_READ = 3
T = TypeVar("T")
PAGES_WAITING_PER_WORKER = 4  # fetched pages (bodies in memory) queued for reading, per thread
Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class Stages:
    """The network stages of a run, built once by the run and shared with this stage."""

    fetcher: Fetcher
    evidence: EvidenceStore
    archivist: Archivist
    fetch_pool: ThreadPoolExecutor
    archive_pool: ThreadPoolExecutor
    kept: KeptCaptures | None = None  # captures earlier runs kept: all a run without the Wayback has


@dataclass
class _QuoteTask:
    """One quote being checked against its cited URLs."""

    quote_id: int
    key: str
    text: str
    urls: list[str]
    named_source: str | None
    fresh_copy: bool = False  # failing last time: only a fresh copy of its pages can help
    done: bool = False  # its verdicts are recorded (and dropped from memory)
    # first verdict per URL: live, or for a cited Wayback capture, that capture's (final)
    live: dict[str, Verdict] = field(default_factory=dict)
    final: dict[str, Verdict] = field(default_factory=dict)
    waiting_archive: set[str] = field(default_factory=set)


class Checking:
    """The checking stage of one run; its handlers run on the thread that calls `run`."""

    def __init__(self, store: Store, settings: Settings, run_id: int,
                 stages: Callable[[], Stages], *, now: Callable[[], datetime], progress: Progress,
                 interrupt_point: Callable[[], None], warnings: list[str]) -> None:
        self.store, self.settings, self.run_id = store, settings, run_id
        self._network = stages  # built on first use: a run with nothing due builds nothing
        self.now, self.progress, self._interrupt_point = now, progress, interrupt_point
        self.warnings = warnings  # the run's list: warnings found here are appended to it
        self.wayback_enabled = not settings.no_wayback
        self.fetch_ids: dict[str, int] = {}
        self.kept_results: dict[str, list[tuple[Snapshot, Fetch]]] = {}  # see _kept_copies
        self.snapshot_ids: dict[tuple[str, str], int] = {}
        self.live: dict[str, Fetch] = {}
        self.url_dates: dict[str, date | None] = {}  # the earliest date a URL is cited at
        self.other_dates: dict[str, set[date]] = defaultdict(set)  # ...and the later ones
        self.tasks_by_url: dict[str, list[_QuoteTask]] = defaultdict(list)
        self.requests_made = 0
        self.sources_done = self.sources_total = 0
        self.archive_requested: set[str] = set()
        self.cited_captures: set[str] = set()  # cited Wayback addresses: read as that capture
        self.archive_results: dict[str, tuple[ArchiveInfo, list[tuple[Snapshot, Fetch]]]] = {}
        self.work = Completions()
        self.pool: WorkPool | None = None
        self.reading: set[str] = set()  # URLs whose page is being read in the work pool
        self.to_fetch: deque[str] = deque()  # due URLs not yet handed to the fetching threads
        self.unconditional: set[str] = set()  # fetched again without validators (see _on_fetched)
        self.fetching = 0  # handed to them and not yet handled here
        self.live_verdicts: dict[str, dict[str, Verdict]] = {}  # url -> quote text -> verdict
        self.waiting_record: dict[str, tuple[Fetch, dict[str, Any] | None]] = {}
        self.link_states: dict[str, dict[str, Any]] = {}  # as stored; kept current by this run
        self.quote_states: dict[str, dict[str, Any]] = {}

    @cached_property
    def stages(self) -> Stages:
        """The network stages, built the first time something is fetched or recorded."""
        return self._network()

    @cached_property
    def records(self) -> PageRecords:
        return PageRecords(self.stages.evidence)

    def close(self, *, cancel: bool) -> None:
        """Stop the work pool: after its queued work, or at once."""
        if self.pool is not None:
            self.pool.close(cancel=cancel)

    def _use_pool(self, *, pages: int = 0) -> WorkPool:
        """The pool reading pages, started in processes once the run proves big enough."""
        if self.pool is not None and (self.pool.processes or not pages):
            return self.pool  # asked per page: no sizing to redo
        wanted = auto_processes(self.settings.work_processes, pages=pages)
        if self.pool is None or (self.pool.processes == 0 and wanted > 0):
            self.pool = WorkPool(wanted)
        return self.pool

    def run(self, extractions: list[tuple[int, Extraction, list[int]]]) -> None:
        """Fetch what is due, judge the quotes that depend on it, consult the archive as needed."""
        now = self.now()
        keys = self._quote_keys([qid for _, _, ids in extractions for qid in ids])
        self.quote_states = self.store.quote_states(list(keys.values()))
        tasks: list[_QuoteTask] = []
        cited: dict[str, None] = {}
        for _doc_id, extraction, quote_ids in extractions:
            doc_date = extraction.document.date
            for c in extraction.citations:
                url = c.normalized_url or c.url
                if not url:
                    continue
                cited.setdefault(url, None)
                if names_a_capture(url):  # read as that capture: never looked up itself
                    self.cited_captures.add(url)
                    self.archive_requested.add(url)
                when = c.cited_date or doc_date
                if when:
                    self.other_dates[url].add(when)
                if when and (self.url_dates.get(url) is None or when < self.url_dates[url]):  # type: ignore[operator]
                    self.url_dates[url] = when
                else:
                    self.url_dates.setdefault(url, when)
            for quote, quote_id in zip(extraction.quotes, quote_ids, strict=True):
                key = keys[quote_id]
                linked = [extraction.citations[i] for i in quote.citations
                          if 0 <= i < len(extraction.citations)]
                urls = list(dict.fromkeys(u for c in linked if (u := c.normalized_url or c.url)))
                state = self.quote_states.get(key)
                if not is_due(state, now, self.settings) and not cited_elsewhere(state, urls):
                    continue
                named = next((c.outlet for c in linked if c.kind == "named_source" and c.outlet),
                             None)
                tasks.append(_QuoteTask(quote_id, key, quote.text, urls, named,
                                        needs_fresh_copy(state)))

        self.link_states = self.store.link_states(
            list(cited) + [u for t in tasks for u in t.urls if u not in cited])
        due_urls = [u for u in cited if is_due(self.link_states.get(u), now, self.settings)]
        due_set = set(due_urls)
        for url in (u for t in tasks if t.fresh_copy for u in t.urls):
            if url not in due_set:
                due_set.add(url)
                due_urls.append(url)
        reused: list[tuple[str, Fetch, dict[str, Any]]] = []
        for task in tasks:
            for url in task.urls:
                self.tasks_by_url[url].append(task)
                if url in due_set or url in self.live or url in self.reading:
                    continue
                if url in self.cited_captures:  # its verdict needs the capture read again
                    due_set.add(url)
                    due_urls.append(url)
                    continue
                stored = self._stored_copy(url)  # a quote to check, its page not at hand
                if stored is None:
                    due_set.add(url)
                    due_urls.append(url)
                elif stored[0].link_status.readable:
                    self.reading.add(url)
                    reused.append((url, *stored))
                else:
                    self.live[url] = stored[0]

        self._use_pool(pages=len(due_urls) + len(reused))
        if self.wayback_enabled:  # lookups an earlier run had to leave go first
            for url in self.store.queued_urls():
                if url in cited:
                    self._want_archive(url)
        for url, fetch, row in reused:
            self._read_page(url, fetch, _evidence_ref(row), reused=True)
        for task in tasks:
            if not task.urls:
                self._finalize(task)
            else:
                self._advance(task)
        self.sources_total = len(due_urls)
        self.progress("sources", 0, self.sources_total)
        self.to_fetch.extend(_interleave_hosts(due_urls))
        self._fetch_more()
        self.work.drain(self._interrupt_point, meanwhile=self._read_a_page_here)

    def _read_a_page_here(self) -> bool:
        """Between handlers, read a page waiting for the work pool in this thread: the
        fetching threads leave part of this process's core unused, while the pool sets the
        pace of the run."""
        return self.pool is not None and self.pool.work_one_here()

    def _fetch_live(self, url: str) -> None:
        """Fetch this URL as soon as the flow of work allows (it goes before those queued)."""
        self.to_fetch.appendleft(url)
        self._fetch_more()

    def _confirmed_copy(self, previous: dict[str, Any] | None) -> dict[str, Any] | None:
        """The fetch row of the copy a 304 confirms, when its WARC record is still in the
        archive directory; None when there is no such copy to read."""
        if not previous or not previous.get("fetch_id"):
            return None
        row = self.store.fetch_row(previous["fetch_id"])
        if not row.get("warc_path") or \
                not (Path(self.settings.archive_dir) / row["warc_path"]).is_file():
            return None
        return row

    def _fetch_unconditionally(self, url: str) -> None:
        """Fetch the URL again without validators: a 304 stands only for a copy still kept."""
        self.unconditional.add(url)
        self._fetch_live(url)

    def _fetch_more(self) -> None:
        """Keep the fetching threads busy, but hold back while the work pool is behind: each
        fetched page waits there with its body in memory."""
        workers = max(1, self.settings.concurrency)
        while self.to_fetch and self.fetching < 2 * workers \
                and len(self.reading) < PAGES_WAITING_PER_WORKER * workers:
            url = self.to_fetch.popleft()
            if url in self.cited_captures:
                self._read_cited_capture(url)
                continue
            state = self.link_states.get(url)
            etag = modified = None
            if state and not self.settings.full and url not in self.unconditional:
                etag, modified = state.get("etag"), state.get("last_modified")
            fut = self.stages.fetch_pool.submit(self.stages.fetcher.fetch_unrecorded, url,
                                                etag=etag, last_modified=modified)
            self.fetching += 1
            self.work.add(fut, functools.partial(self._on_fetched, url))

    def _on_fetched(self, url: str, fut: Future[tuple[Fetch, Exchange | None]]) -> None:
        self.fetching -= 1
        exchange: Exchange | None = None
        try:
            fetch, exchange = fut.result()
        except StorageError:  # the disk, not this link: the run stops
            raise
        except Exception as exc:  # a bug in fetching must cost one link, not the run
            log.exception("fetching %s", url)
            fetch = Fetch(url=url, link_status=LinkStatus.ERROR,
                          reason=f"internal error: {type(exc).__name__}: {exc}",
                          fetched_at=self.now())
        self.requests_made += len(fetch.attempts)
        previous = self.link_states.get(url)
        stored: EvidenceRef | None = None
        row: dict[str, Any] | None = None
        if fetch.not_modified:
            row = self._confirmed_copy(previous)
            if row is None and url not in self.unconditional:
                self._fetch_unconditionally(url)  # the copy the 304 confirms is gone
                return
            fetch.body = None  # the 304 confirms the previous copy: that is the page
            if row is not None:  # provenance: this check stands on the bytes it confirmed
                stored = _evidence_ref(row)
                fetch.sha256, fetch.evidence = row["sha256"], stored
                fetch.size, fetch.content_type = row["size"] or 0, row["content_type"]
        if fetch.link_status.readable and (fetch.body is not None or stored is not None):
            self.reading.add(url)
            self._read_page(url, fetch, stored, previous=previous,
                            record=self.records.claim(url, exchange) if exchange else None)
        else:
            if exchange is not None:
                fetch.evidence = self.stages.evidence.record(exchange)
            fetch.body = None
            self._record_live(url, fetch, previous)
        self._fetch_more()

    def _read_cited_capture(self, url: str) -> None:
        """A cited Wayback address is read as the capture it names, on the archive's threads
        and through its pacer; no CDX lookup or save is ever made for the address itself."""
        fut = self.stages.archive_pool.submit(self._cited_capture, url)
        self.fetching += 1
        self.work.add(fut, functools.partial(self._on_cited_capture, url))

    def _cited_capture(self, url: str) -> CitedCapture:
        capture = self.stages.archivist.cited_capture(url)
        _read_copies(capture.copies)
        return capture

    def _on_cited_capture(self, url: str, fut: Future[CitedCapture]) -> None:
        self.fetching -= 1
        try:
            capture = fut.result()
        except StorageError:  # the disk, not this link: the run stops
            raise
        except Exception as exc:  # a bug in reading it must cost one link, not the run
            log.exception("reading the cited capture %s", url)
            error = f"internal error: {type(exc).__name__}: {exc}"
            from .archiving import CitedCapture

            capture = CitedCapture(Fetch(url=url, link_status=LinkStatus.ERROR, reason=error,
                                         fetched_at=self.now()), ArchiveInfo(url, error=error))
        self.requests_made += len(capture.link.attempts)
        self._save_archived(url, capture.info, capture.copies)
        self._record_live(url, capture.link, self.link_states.get(url))
        self._fetch_more()

    def _read_page(self, url: str, fetch: Fetch, stored: EvidenceRef | None, *,
                   previous: dict[str, Any] | None = None, reused: bool = False,
                   record: Exchange | None = None) -> None:
        """Page text and the live verdicts of the quotes citing it, in the work pool, which
        also writes the page's WARC record and readable copy when its payload is new."""
        job = PageCheck(replace(fetch), [t.text for t in self.tasks_by_url.get(url, [])],
                        self.settings.partial_threshold, self.now(), stored,
                        self.settings.archive_dir, keep_text=self.wayback_enabled,
                        record=record, record_label=self.stages.evidence.label,
                        copy_dir=str(Path(self.settings.report_dir) / "evidence"),
                        judge_text=stored is None)
        fut = self._use_pool().submit(check_page, job)
        fetch.body = None  # the job has it; the WARC record keeps it
        self.work.add(fut, functools.partial(self._on_page_read, url, fetch, previous, reused))

    def _on_page_read(self, url: str, fetch: Fetch, previous: dict[str, Any] | None,
                      reused: bool, fut: Future[PageChecked]) -> None:
        checked = fut.result()
        self.reading.discard(url)
        self._fetch_more()
        fetch.page = checked.page
        if checked.text_verdict:  # the fetcher left judging the page's text to the reader
            fetch.link_status, fetch.reason = checked.text_verdict
        if checked.problem:
            self.warnings.append(f"evidence copy of {url} unreadable: {checked.problem}")
            if reused:  # the earlier copy is gone: fetch the page after all
                self.sources_total += 1
                self._fetch_live(url)
                return
            if fetch.not_modified and url not in self.unconditional:
                self._fetch_unconditionally(url)  # the copy a 304 confirmed is unreadable
                return
        self.live_verdicts[url] = checked.verdicts
        if reused:
            self._live_copy_known(url, fetch)
            return
        if checked.record_problem:
            log.warning("writing the record of %s in the work pool: %s", url, checked.record_problem)
        for waiting, ref in self.records.settle(url, checked.evidence, current=fetch.evidence):
            waiting_fetch, waiting_previous = self.waiting_record.pop(waiting, (fetch, previous))
            waiting_fetch.evidence = ref
            self._record_live(waiting, waiting_fetch, waiting_previous)
        if self.records.pending(url):
            self.waiting_record[url] = (fetch, previous)

    def _record_live(self, url: str, fetch: Fetch, previous: dict[str, Any] | None) -> None:
        """Store this run's check of a link, then move on the quotes that cite it."""
        state = next_link_state(url, previous, fetch, self.now(), self.settings)
        fetch_id = self.store.save_fetch(self.run_id, fetch, kind="live", link_state=state)
        self.link_states.pop(url, None)  # read only before the link is checked
        self.fetch_ids[fetch_key_live(url)] = fetch_id
        fetch.headers, fetch.attempts, fetch.redirects = {}, [], []  # recorded; no verdict reads them
        self.sources_done += 1
        self.progress("sources", self.sources_done, self.sources_total)
        if self.wayback_enabled and url not in self.cited_captures:
            if fetch.link_status.failing:
                self._want_archive(url)
            elif fetch.link_status.readable and \
                    self.stages.archivist.save_later(url, live=fetch.link_status):
                # kept as pending at once: a run killed before the save is made leaves it to
                # the next run, which resumes pending saves (this link may not be due then)
                self.store.save_job(self.run_id, SaveJob(url=url))
        self._live_copy_known(url, fetch)

    def _live_copy_known(self, url: str, fetch: Fetch) -> None:
        """The link's live copy for this run (fetched now, or kept from an earlier run) is
        known: judge the quotes citing it."""
        self.live[url] = fetch
        self._release_page(url, fetch)
        for task in self.tasks_by_url.get(url, []):
            self._advance(task)
        self._forget(url)

    def _forget(self, url: str) -> None:
        """Drop the live verdicts on a page once every quote citing it is recorded: a big run
        keeps only what a verdict still to come can need."""
        if all(task.done for task in self.tasks_by_url.get(url, [])):
            self.live_verdicts.pop(url, None)
            self.kept_results.pop(url, None)

    def _release_page(self, url: str, fetch: Fetch) -> None:
        """Drop the page text once no verdict can need it again: only a quote not verified live
        is judged again, with the live page, when the archive answers."""
        verdicts = self.live_verdicts.get(url, {})
        if not self.wayback_enabled or all(v.status == QuoteStatus.VERIFIED
                                           for v in verdicts.values()):
            fetch.page = None

    def _stored_copy(self, url: str) -> tuple[Fetch, dict[str, Any]] | None:
        """The link's last recorded check, to use instead of fetching again inside its re-check
        interval; None when there is no usable copy."""
        state = self.link_states.get(url)
        if not state or not state.get("fetch_id"):
            return None
        row = self.store.fetch_row(state["fetch_id"])
        fetch = Fetch(url=url, link_status=LinkStatus(row["link_status"]), reason=row["reason"] or "",
                      fetched_at=parse_iso(row["fetched_at"]) or self.now(),
                      http_status=row["http_status"], final_url=row["final_url"],
                      content_type=row["content_type"], sha256=row["sha256"], size=row["size"] or 0)
        if fetch.link_status.readable and not row.get("warc_path"):
            return None
        self.fetch_ids[fetch_key_live(url)] = state["fetch_id"]
        return fetch, row

    def _advance(self, task: _QuoteTask) -> None:
        """Judge a quote on live copies once all its URLs are fetched; ask the archive if needed."""
        from .matching import judge

        if task.done or task.final or any(u not in self.live for u in task.urls):
            return
        if task.live:
            return  # already judged live; waiting on the archive
        for url in task.urls:
            if url in self.cited_captures:
                task.live[url] = self._cited_capture_verdict(task, url)
                continue
            verdict = self.live_verdicts.get(url, {}).get(task.text)
            if verdict is None:  # no page was read (a failing link): nothing to match
                kept = [] if self.wayback_enabled else self._kept_copies(url)
                verdict = judge(task.text, self.live[url], functools.partial(list, kept),
                                partial_threshold=self.settings.partial_threshold, now=self.now(),
                                archive_asked=self.wayback_enabled)
            task.live[url] = verdict
        if any(v.status == QuoteStatus.VERIFIED for v in task.live.values()) \
                or not self.wayback_enabled:
            task.final = dict(task.live)
            self._finalize(task)
            return
        waiting = [u for u in task.urls if u not in self.cited_captures]
        if not waiting:  # every URL a cited capture, judged already: nothing to wait for
            self._maybe_final(task)
            return
        task.waiting_archive.update(waiting)
        for url in waiting:
            if url in self.archive_results:
                self._judge_archived(task, url)
            else:
                self._want_archive(url)

    def _cited_capture_verdict(self, task: _QuoteTask, url: str) -> Verdict:
        """The verdict against a cited Wayback capture, read already (see _on_cited_capture)."""
        from .matching import judge_cited_snapshot

        info, copies = self.archive_results[url]
        verdict = judge_cited_snapshot(task.text, copies[0] if copies else None, info.error,
                                       partial_threshold=self.settings.partial_threshold,
                                       now=self.now())
        return replace(verdict, url=url)

    def _want_archive(self, url: str) -> None:
        if url in self.archive_requested:
            return
        self.archive_requested.add(url)
        live = self.live.get(url)
        moved = live.final_url if live is not None and live.link_status == LinkStatus.REDIRECTED \
            else None
        fut = self.stages.archive_pool.submit(self._archive_lookup, url, moved)
        self.work.add(fut, functools.partial(self._on_archived, url))

    def _archive_lookup(self, url: str, moved: str | None = None
                        ) -> tuple[Any, list[tuple[Snapshot, Fetch]]]:
        """What the archive holds of a URL: its lookup and the copies to judge quotes on (those
        nearest each date the URL is cited at, the later dates' only while a quote waits), then
        while none holds a quote waiting, those of the address the page `moved` to, and
        earlier versions of the page."""
        cited = self.url_dates.get(url)
        info = self.stages.archivist.info(url, cited)
        tasks = self.tasks_by_url.get(url, [])
        copies = self.stages.archivist.copies(url, cited) if tasks else []
        _read_copies(copies)
        waiting = [t.text for t in tasks if not t.done]
        for later in spread(sorted(self.other_dates.get(url, set()) - {cited}), LATER_DATES_READ):
            if not copies or all(_held(text, copies) for text in waiting):
                break
            copies += self._more_copies(url, later, copies)
        if moved and not all(_held(text, copies) for text in waiting):
            at_new_address = self.stages.archivist.copies_moved_to(moved, cited, copies)
            _read_copies(at_new_address)
            copies += at_new_address
        if copies and not all(_held(text, copies) for text in waiting):
            earlier = self.stages.archivist.earlier_copies(url, copies)
            _read_copies(earlier)
            copies += earlier
        return info, copies

    def _more_copies(self, url: str, cited: date, found: list[tuple[Snapshot, Fetch]]
                     ) -> list[tuple[Snapshot, Fetch]]:
        """The copies nearest another date the URL is cited at (another document quoted the
        page as it was then), read, leaving out those in hand."""
        in_hand = {s.timestamp for s, _ in found}
        more = [c for c in self.stages.archivist.copies(url, cited) if c[0].timestamp not in in_hand]
        _read_copies(more)
        return more

    def _on_archived(self, url: str, fut: Future[Any]) -> None:
        try:
            info, copies = fut.result()
        except StorageError:  # the disk, not this link: the run stops
            raise
        except Exception as exc:
            log.exception("archive lookup for %s", url)
            info, copies = ArchiveInfo(url=url, error=f"{type(exc).__name__}: {exc}"), []
        self._save_archived(url, info, copies)
        for task in self.tasks_by_url.get(url, []):
            if url in task.waiting_archive:
                self._judge_archived(task, url)

    def _save_archived(self, url: str, info: ArchiveInfo,
                       copies: list[tuple[Snapshot, Fetch]]) -> None:
        """Record what the archive answered for a URL and keep it for the run's verdicts."""
        self.store.save_archive_info(self.run_id, url, info)
        self._save_copies(copies)
        self.archive_results[url] = (info, copies)

    def _kept_copies(self, url: str) -> list[tuple[Snapshot, Fetch]]:
        """Without the Wayback Machine, the captures of a URL earlier runs kept, read and
        recorded as this run's copies (once per URL)."""
        if url not in self.kept_results:
            kept = self.stages.kept
            copies = kept.copies(url) if kept is not None else []
            _read_copies(copies)
            self._save_copies(copies)
            self.kept_results[url] = copies
        return self.kept_results[url]

    def _save_copies(self, copies: list[tuple[Snapshot, Fetch]]) -> None:
        for snapshot, fetch in copies:
            sid = self.store.save_snapshot(snapshot, self.run_id)
            self.snapshot_ids[(snapshot.url, snapshot.timestamp)] = sid
            fid = self.store.save_fetch(self.run_id, fetch, kind="snapshot", snapshot_id=sid)
            self.fetch_ids[fetch_key_snapshot(snapshot)] = fid
            fetch.body = None

    def _judge_archived(self, task: _QuoteTask, url: str) -> None:
        """The verdict on one cited URL once the archive has answered for it."""
        from .matching import judge

        info, copies = self.archive_results[url]

        def archived() -> list[tuple[Snapshot, Fetch]]:
            if not copies and info.queued:
                raise ArchiveError(f"queued for the next run: {info.error or 'budget spent'}")
            if not copies and info.error:
                raise ArchiveError(info.error)
            return copies

        task.final[url] = judge(task.text, self.live.get(url), archived,
                                partial_threshold=self.settings.partial_threshold, now=self.now())
        task.waiting_archive.discard(url)
        self._maybe_final(task)

    def _maybe_final(self, task: _QuoteTask) -> None:
        if task.waiting_archive:
            return
        for url in task.urls:
            task.final.setdefault(url, task.live[url])
        self._finalize(task)

    def _finalize(self, task: _QuoteTask) -> None:
        from .matching import best_verdict, unsourced_verdict

        if task.urls:
            verdicts = [task.final[u] for u in task.urls]
            best = best_verdict(verdicts)
        else:
            best = unsourced_verdict(task.named_source)
            best.checked_at = best.checked_at or self.now()
            verdicts = [best]
        state = next_quote_state(task.key, self.quote_states.get(task.key), best.status,
                                 self.now(), self.settings, task.urls)
        self.store.save_checks(self.run_id, task.quote_id, verdicts, best, self.fetch_ids,
                               self.snapshot_ids, quote_state=state)
        self.quote_states.pop(task.key, None)  # read only before the quote is recorded
        task.done = True
        task.live, task.final = {}, {}
        for url in task.urls:
            self._forget(url)

    def _quote_keys(self, quote_ids: list[int]) -> dict[int, str]:
        keys: dict[int, str] = {}
        for chunk in range(0, len(quote_ids), 500):
            ids = quote_ids[chunk:chunk + 500]
            marks = ",".join("?" * len(ids))
            for r in self.store.rows(f"select id, key from quotes where id in ({marks})", ids):
                keys[r["id"]] = r["key"]
        return keys


def spread(items: list[T], count: int) -> list[T]:
    """`count` items spread evenly over a sorted list, its last one included; all when fewer."""
    if len(items) <= count:
        return items
    step = (len(items) - 1) / (count - 1) if count > 1 else 0
    return [items[round(len(items) - 1 - k * step)] for k in reversed(range(count))]


def _read_copies(copies: list[tuple[Snapshot, Fetch]]) -> None:
    """The page text of each readable Wayback copy, read on the archive's thread."""
    from .pagetext import page_text

    for _snapshot, fetch in copies:
        if fetch.link_status.readable and fetch.body is not None:
            fetch.page = page_text(fetch.body, fetch.content_type)


def _held(quote: str, copies: list[tuple[Snapshot, Fetch]]) -> bool:
    """Whether a copy holds the quote word for word; the verdict itself is judged later."""
    from .matching import holds_word_for_word

    return any(fetch.page is not None and holds_word_for_word(quote, fetch.page)
               for _snapshot, fetch in copies)


def _evidence_ref(row: dict[str, Any]) -> EvidenceRef:
    return EvidenceRef(row["warc_path"], row["warc_offset"], row["warc_length"], row["sha256"])


def _interleave_hosts(urls: Iterable[str]) -> list[str]:
    """Order URLs round-robin across hosts so per-host limits never idle the workers."""
    from urllib.parse import urlsplit

    by_host: dict[str, deque[str]] = defaultdict(deque)
    for url in urls:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        by_host[host].append(url)
    ordered = []
    queues = list(by_host.values())
    while queues:
        for q in queues:
            ordered.append(q.popleft())
        queues = [q for q in queues if q]
    return ordered
