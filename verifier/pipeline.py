"""`run()`: documents in, provenance and a report out. The Python API the CLI wraps.

Stages run in one direction: documents -> citations/quotes -> fetching -> matching, with the
Wayback Machine consulted only where a verdict needs it, and every finished unit of work
committed to the store at once, so a run killed at any moment resumes where it stopped.
Network work runs on worker threads; the store is written from the calling thread only.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from . import __version__
from .config import Settings, load_settings
from .errors import ArchiveError, InputError, ReportError, VerifierError
from .evidence import Exchange
from .history import Changes, changes_since_previous, run_counts
from .lock import RunLock
from .models import ArchiveInfo, EvidenceRef, Extraction, Fetch, Snapshot, Verdict
from .pagerecords import PageRecords
from .recheck import is_due, needs_fresh_copy, next_link_state, next_quote_state
from .status import ExitStatus, LinkStatus, QuoteStatus
from .store import Store, fetch_key_live, fetch_key_snapshot, parse_iso
from .workpool import (
    Completions,
    ExtractionFailed,
    PageCheck,
    PageChecked,
    WorkPool,
    auto_processes,
    check_page,
    extract,
    extract_file,
)

log = logging.getLogger(__name__)

DEFAULT_INPUTS = ("seeds",)
PAGES_WAITING_PER_WORKER = 4  # fetched pages (bodies in memory) queued for reading, per thread
Progress = Callable[[str, int, int], None]  # (stage, done, total)


class Interrupted(VerifierError):
    """The run was stopped (Ctrl-C, SIGTERM); everything finished so far is recorded."""

    exit_status = ExitStatus.INTERRUPTED


@dataclass
class RunResult:
    """What a run did, for the CLI's summary and for Python callers."""

    run_id: int
    exit_status: ExitStatus
    counts: dict[str, dict[str, int]]
    changes: Changes
    db_path: Path
    report_path: Path | None
    warnings: list[str]
    duration: float
    first_run: bool
    requests_made: int = 0


@dataclass
class _QuoteTask:
    """One quote being checked against its cited URLs."""

    quote_id: int
    key: str
    text: str
    urls: list[str]
    named_source: str | None
    fresh_copy: bool = False  # failing last time: only a fresh copy of its pages can help
    live: dict[str, Verdict] = field(default_factory=dict)  # first verdict per URL, live only
    final: dict[str, Verdict] = field(default_factory=dict)
    waiting_archive: set[str] = field(default_factory=set)


def run(inputs: Sequence[str] = (), settings: Settings | None = None, *,
        progress: Progress | None = None, stop: threading.Event | None = None,
        session_factory: Callable[[], Any] | None = None,
        now: Callable[[], datetime] | None = None) -> RunResult:
    """Verify the citations and quotes of `inputs` (paths or URLs; default `seeds/`).

    Raises InputError/DatabaseError (nothing recorded), LockedError (another run is going),
    Interrupted (the run is recorded as interrupted).
    """
    from .documents import collect_inputs

    settings = settings or load_settings()
    args = list(inputs) or list(DEFAULT_INPUTS)
    sources, warnings = collect_inputs(args)
    if not sources:
        warnings.append(f"no documents found in {', '.join(args)}")
    store = Store.open(settings.db)
    try:
        with RunLock(settings.db):
            return _Run(store, settings, args, sources, warnings, progress=progress,
                        stop=stop or threading.Event(), session_factory=session_factory,
                        now=now or (lambda: datetime.now(UTC))).execute()
    finally:
        store.close()


class _Run:
    def __init__(self, store: Store, settings: Settings, args: list[str], sources: list[str],
                 warnings: list[str], *, progress: Progress | None, stop: threading.Event,
                 session_factory: Callable[[], Any] | None, now: Callable[[], datetime]) -> None:
        self.store, self.settings, self.args, self.sources = store, settings, args, sources
        self.warnings = list(warnings)
        self.progress = progress or (lambda stage, done, total: None)
        self.stop, self.now, self.session_factory = stop, now, session_factory
        self.run_id = 0
        self.fetch_ids: dict[str, int] = {}
        self.snapshot_ids: dict[tuple[str, str], int] = {}
        self.live: dict[str, Fetch] = {}
        self.url_dates: dict[str, date | None] = {}
        self.tasks_by_url: dict[str, list[_QuoteTask]] = defaultdict(list)
        self.requests_made = 0
        self.sources_done = self.sources_total = 0
        self.archive_requested: set[str] = set()
        self.archive_results: dict[str, tuple[ArchiveInfo, list[tuple[Snapshot, Fetch]]]] = {}
        self.work = Completions()
        self.pool: WorkPool | None = None
        self.reading: set[str] = set()  # URLs whose page is being read in the work pool
        self.to_fetch: deque[str] = deque()  # due URLs not yet handed to the fetching threads
        self.fetching = 0  # handed to them and not yet handled here
        self.live_verdicts: dict[str, dict[str, Verdict]] = {}  # url -> quote text -> verdict
        self.waiting_record: dict[str, tuple[Fetch, dict[str, Any] | None]] = {}
        self.link_states: dict[str, dict[str, Any]] = {}  # as stored; kept current by this run
        self.quote_states: dict[str, dict[str, Any]] = {}

    # -- the whole run ----------------------------------------------------------------------
    def execute(self) -> RunResult:
        store, settings = self.store, self.settings
        store.close_abandoned_runs()
        first_run = store.db.execute("select count(*) from runs where status='completed'"
                                     ).fetchone()[0] == 0
        started = self.now()
        self.run_id = store.start_run(
            inputs=self.args, settings=_recorded_settings(settings), pid=os.getpid(),
            host=socket.gethostname(), version=__version__, started_at=started)
        log.info("run %s started on %d inputs", self.run_id, len(self.sources))
        try:
            self._build_stages()
            extractions = self._load_documents()
            log.info("documents: %d loaded in %.2f s", len(extractions), self._since(started))
            checking, cpu = self.now(), _process_cpu()
            self._check(extractions)
            log.info("sources: %d fetched, %d checked in %.2f s (CPU of this process %.2f s)",
                     self.sources_done, len(self.live), self._since(checking),
                     _process_cpu() - cpu)
            self._finish_saves(wait=min(self.settings.wayback_budget, 30.0))
        except (KeyboardInterrupt, Interrupted):
            self._finish_saves(wait=0.0)
            self._shutdown(cancel=True)
            self._finish("interrupted", ExitStatus.INTERRUPTED)
            raise Interrupted(f"run {self.run_id} interrupted; finished work is recorded") from None
        except BaseException:
            self._finish_saves(wait=0.0)
            self._shutdown(cancel=True)
            self._finish("failed", ExitStatus.INTERNAL)
            raise
        self._shutdown(cancel=False)
        counts = run_counts(store, self.run_id)
        changes = changes_since_previous(store, self.run_id)
        if changes.previous_run is None:
            failing = any(QuoteStatus(s).failing and n for s, n in counts["quotes"].items()) or \
                any(LinkStatus(s).failing and n for s, n in counts["links"].items())
        else:
            failing = changes.newly_failing
        exit_status = ExitStatus.NEWLY_FAILING if failing else ExitStatus.OK
        self._finish("completed", exit_status, counts, changes)
        reporting = self.now()
        report_path = self._write_report()
        log.info("report: written in %.2f s", self._since(reporting))
        finished = self.now()
        return RunResult(self.run_id, exit_status, counts, changes, Path(settings.db),
                         report_path, self.warnings, (finished - started).total_seconds(),
                         first_run, self.requests_made)

    def _finish(self, status: str, exit_status: ExitStatus,
                counts: dict[str, Any] | None = None, changes: Changes | None = None) -> None:
        self.store.finish_run(self.run_id, status=status, counts=counts or {},
                              changes=changes.as_dict() if changes else {},
                              exit_status=int(exit_status), warnings=self.warnings,
                              finished_at=self.now())

    def _write_report(self) -> Path | None:
        from .report import write_report

        try:
            return write_report(self.store, self.run_id, Path(self.settings.report_dir),
                                archive_dir=Path(self.settings.archive_dir))
        except ReportError as exc:
            self.warnings.append(str(exc))
            return None

    def _since(self, moment: datetime) -> float:
        return (self.now() - moment).total_seconds()

    def _interrupt_point(self) -> None:
        if self.stop.is_set():
            raise Interrupted("stopped")

    # -- wiring ----------------------------------------------------------------------------------
    def _build_stages(self) -> None:
        from .archiving import Archivist
        from .evidence import EvidenceStore
        from .fetching import Fetcher
        from .net.wayback import WaybackClient

        settings = self.settings
        known = {r["sha256"]: r for r in self.store.rows(
            "select sha256, warc_path, warc_offset, warc_length from fetches "
            "where warc_path is not null group by sha256")}
        from .models import EvidenceRef

        def known_ref(sha: str) -> EvidenceRef | None:
            r = known.get(sha)
            return EvidenceRef(r["warc_path"], r["warc_offset"], r["warc_length"], sha) if r else None

        self.evidence = EvidenceStore(Path(settings.archive_dir), run_label=f"run{self.run_id}",
                                      known=known_ref)
        self.fetcher = Fetcher(settings, evidence=self.evidence, now=self.now,
                               session_factory=self.session_factory)
        self.records = PageRecords(self.evidence)
        self.wayback_enabled = not settings.no_wayback
        self.client = WaybackClient(settings)
        self.archivist = Archivist(self.client, self._fetch_snapshot, settings)
        workers = max(1, settings.concurrency)
        self.fetch_pool = ThreadPoolExecutor(workers, thread_name_prefix="fetch")
        self.archive_pool = ThreadPoolExecutor(2, thread_name_prefix="wayback")
        if self.wayback_enabled and settings.save != "never":
            self.archivist.resume_saves(self.store.pending_saves())

    def _fetch_snapshot(self, raw_url: str) -> Fetch:
        return self.fetcher.fetch(raw_url, trusted=True, before_attempt=self.client.pace_lookup,
                                  rewrite_location=self.client.rewrite)

    def _use_pool(self, *, pages: int = 0) -> WorkPool:
        """The pool reading pages, started in processes once the run proves big enough."""
        wanted = auto_processes(self.settings.work_processes, pages=pages)
        if self.pool is None or (self.pool.processes == 0 and wanted > 0):
            self.pool = WorkPool(wanted)
        return self.pool

    def _shutdown(self, *, cancel: bool) -> None:
        for name in ("fetch_pool", "archive_pool"):
            pool = getattr(self, name, None)
            if pool is not None:
                pool.shutdown(wait=not cancel, cancel_futures=cancel)
        if self.pool is not None:
            self.pool.close(cancel=cancel)
        for name in ("fetcher", "evidence"):
            stage = getattr(self, name, None)
            if stage is not None and hasattr(stage, "close"):
                try:
                    stage.close()
                except Exception:  # closing must never hide the run's own outcome
                    log.exception("closing %s", name)

    # -- documents ---------------------------------------------------------------------------------
    def _load_documents(self) -> list[tuple[int, Extraction, list[int]]]:
        """Extract changed documents (in the work pool), reuse unchanged ones, mark vanished ones
        removed. Results are recorded in the order of the inputs."""
        total = len(self.sources)
        pool = WorkPool(auto_processes(self.settings.work_processes, documents=total))
        try:
            loaded = self._extract_documents(pool)
        except BaseException:
            pool.close(cancel=True)
            raise
        pool.close()
        self.progress("documents", total, total)
        self._mark_removed({e[1].document.source for e in loaded})
        return loaded

    def _extract_documents(self, pool: WorkPool) -> list[tuple[int, Extraction, list[int]]]:
        total = len(self.sources)
        started: list[tuple[str, Any]] = []
        for source in self.sources:
            self._interrupt_point()
            try:
                started.append((source, self._start_document(source, pool)))
            except Exception as exc:  # reported below, in the order of the inputs
                started.append((source, exc))
        loaded = []
        for i, (source, begun) in enumerate(started):
            self._interrupt_point()
            self.progress("documents", i, total)
            try:
                if isinstance(begun, BaseException):
                    raise begun
                entry = self._finish_document(begun)
            except InputError as exc:
                self.warnings.append(str(exc))
                continue
            except ExtractionFailed as exc:
                log.error("extracting %s: %s", source, exc.detail)
                self.warnings.append(f"{source}: extraction failed ({exc})")
                continue
            except Exception as exc:  # one bad document must not stop the others
                log.exception("extracting %s", source)
                self.warnings.append(f"{source}: extraction failed ({type(exc).__name__}: {exc})")
                continue
            loaded.append(entry)
        return loaded

    def _start_document(self, source: str, pool: WorkPool) -> Any:
        """The stored extraction of an unchanged document, or the extraction under way."""
        from .documents import document_from_html, file_sha256

        if source.startswith(("http://", "https://")):
            fetch = self.fetcher.fetch(source)
            self.requests_made += len(fetch.attempts)
            if not fetch.link_status.readable or fetch.body is None:
                raise InputError(f"{source}: could not fetch the article ({fetch.reason})")
            document = document_from_html(fetch.body, source, content_type=fetch.content_type,
                                          fetched_at=fetch.fetched_at)
            return self._stored_extraction(document.source, document.sha256) or extract(document)
        path = Path(source)
        sha = file_sha256(path)
        row = self.store.document_row(str(path.resolve()))
        if row and row["sha256"] == sha:
            stored = self._stored_extraction(row["source"], sha)
            if stored:
                return stored
        return pool.submit(extract_file, str(path))

    def _finish_document(self, begun: Any) -> tuple[int, Extraction, list[int]]:
        if isinstance(begun, tuple):
            return begun
        extraction: Extraction = begun.result() if isinstance(begun, Future) else begun
        document = extraction.document
        stored = self._stored_extraction(document.source, document.sha256)
        if stored:
            return stored
        document_id = self.store.save_extraction(self.run_id, extraction)
        return document_id, extraction, self.store.quote_ids(document_id, document.sha256)

    def _stored_extraction(self, source: str, sha256: str
                           ) -> tuple[int, Extraction, list[int]] | None:
        row = self.store.document_row(source)
        if not row or not self.store.has_extraction(row["id"], sha256):
            return None
        self.store.mark_seen(self.run_id, row["id"], sha256)
        extraction, quote_ids = self.store.load_extraction(row["id"])
        return row["id"], extraction, quote_ids

    def _mark_removed(self, present: set[str]) -> None:
        roots = [str(Path(a).resolve()) for a in self.args
                 if not a.startswith(("http://", "https://")) and Path(a).exists()
                 and Path(a).is_dir()]
        files = {str(Path(a).resolve()) for a in self.args
                 if not a.startswith(("http://", "https://"))}
        gone = []
        for r in self.store.rows("select id, source from documents where removed_run is null"):
            src = r["source"]
            if src in present or src.startswith(("http://", "https://")):
                continue
            if src in files or any(src.startswith(root + os.sep) for root in roots):
                gone.append(r["id"])
        if gone:
            self.store.mark_removed(self.run_id, gone)

    # -- checking ------------------------------------------------------------------------------------
    def _check(self, extractions: list[tuple[int, Extraction, list[int]]]) -> None:
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
                when = c.cited_date or doc_date
                if when and (self.url_dates.get(url) is None or when < self.url_dates[url]):  # type: ignore[operator]
                    self.url_dates[url] = when
                else:
                    self.url_dates.setdefault(url, when)
            for quote, quote_id in zip(extraction.quotes, quote_ids, strict=True):
                key = keys[quote_id]
                if not is_due(self.quote_states.get(key), now, self.settings):
                    continue
                linked = [extraction.citations[i] for i in quote.citations
                          if 0 <= i < len(extraction.citations)]
                urls = list(dict.fromkeys(u for c in linked if (u := c.normalized_url or c.url)))
                named = next((c.outlet for c in linked if c.kind == "named_source" and c.outlet),
                             None)
                tasks.append(_QuoteTask(quote_id, key, quote.text, urls, named,
                                        needs_fresh_copy(self.quote_states.get(key))))

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
            self._read_page(url, fetch, _evidence_ref(row), row, reused=True)
        for task in tasks:
            if not task.urls:
                self._finalize(task)
            else:
                self._advance(task)
        self.sources_total = len(due_urls)
        self.progress("sources", 0, self.sources_total)
        self.to_fetch.extend(_interleave_hosts(due_urls))
        self._fetch_more()
        self.work.drain(self._interrupt_point)

    def _fetch_live(self, url: str) -> None:
        """Fetch this URL as soon as the flow of work allows (it goes before those queued)."""
        self.to_fetch.appendleft(url)
        self._fetch_more()

    def _fetch_more(self) -> None:
        """Keep the fetching threads busy, but hold back while the work pool is behind: each
        fetched page waits there with its body in memory."""
        workers = max(1, self.settings.concurrency)
        while self.to_fetch and self.fetching < 2 * workers \
                and len(self.reading) < PAGES_WAITING_PER_WORKER * workers:
            url = self.to_fetch.popleft()
            state = self.link_states.get(url)
            etag = state.get("etag") if state and not self.settings.full else None
            modified = state.get("last_modified") if state and not self.settings.full else None
            fut = self.fetch_pool.submit(self.fetcher.fetch_unrecorded, url, etag=etag,
                                         last_modified=modified)
            self.fetching += 1
            self.work.add(fut, functools.partial(self._on_fetched, url))

    def _on_fetched(self, url: str, fut: Future[tuple[Fetch, Exchange | None]]) -> None:
        self.fetching -= 1
        exchange: Exchange | None = None
        try:
            fetch, exchange = fut.result()
        except Exception as exc:  # a bug in fetching must cost one link, not the run
            log.exception("fetching %s", url)
            fetch = Fetch(url=url, link_status=LinkStatus.ERROR,
                          reason=f"internal error: {type(exc).__name__}: {exc}",
                          fetched_at=self.now())
        self.requests_made += len(fetch.attempts)
        previous = self.link_states.get(url)
        stored: EvidenceRef | None = None
        row: dict[str, Any] | None = None
        if fetch.not_modified and previous and previous.get("fetch_id"):
            fetch.body = None  # the 304 confirms the previous copy: that is the page
            row = self.store.fetch_row(previous["fetch_id"])
            stored = _evidence_ref(row) if row.get("warc_path") else None
            # provenance: this run's check stands on the bytes the 304 confirmed
            fetch.sha256, fetch.evidence = row["sha256"], stored
            fetch.size, fetch.content_type = row["size"] or 0, row["content_type"]
        if fetch.link_status.readable and (fetch.body is not None or stored is not None):
            self.reading.add(url)
            self._read_page(url, fetch, stored, row, previous=previous,
                            record=self.records.claim(url, exchange) if exchange else None)
        else:
            if exchange is not None:
                fetch.evidence = self.evidence.record(exchange)
            fetch.body = None
            self._record_live(url, fetch, previous)
        self._fetch_more()

    def _read_page(self, url: str, fetch: Fetch, stored: EvidenceRef | None,
                   row: dict[str, Any] | None, *, previous: dict[str, Any] | None = None,
                   reused: bool = False, record: Exchange | None = None) -> None:
        """Page text and the live verdicts of the quotes citing it, in the work pool, which
        also writes the page's WARC record and readable copy when its payload is new."""
        job = PageCheck(replace(fetch), [t.text for t in self.tasks_by_url.get(url, [])],
                        self.settings.partial_threshold, self.now(), stored,
                        row["content_type"] if row else None, self.settings.archive_dir,
                        keep_text=self.wayback_enabled, record=record,
                        record_label=self.evidence.label,
                        copy_dir=str(Path(self.settings.report_dir) / "evidence"))
        fut = self._use_pool().submit(check_page, job)
        fetch.body = None  # the job has it; the WARC record keeps it
        self.work.add(fut, functools.partial(self._on_page_read, url, fetch, previous, reused))

    def _on_page_read(self, url: str, fetch: Fetch, previous: dict[str, Any] | None,
                      reused: bool, fut: Future[PageChecked]) -> None:
        checked = fut.result()
        self.reading.discard(url)
        self._fetch_more()
        fetch.page, fetch.content_type = checked.page, checked.content_type
        if checked.problem:
            self.warnings.append(f"evidence copy of {url} unreadable: {checked.problem}")
            if reused:  # the earlier copy is gone: fetch the page after all
                self.sources_total += 1
                self._fetch_live(url)
                return
        self.live_verdicts[url] = checked.verdicts
        if reused:
            self.live[url] = fetch
            self._release_page(url, fetch)
            for task in self.tasks_by_url.get(url, []):
                self._advance(task)
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
        self.link_states[url] = {**state, "fetch_id": fetch_id}
        self.fetch_ids[fetch_key_live(url)] = fetch_id
        self.live[url] = fetch
        self._release_page(url, fetch)
        self.sources_done += 1
        self.progress("sources", self.sources_done, self.sources_total)

        if self.wayback_enabled:
            if fetch.link_status.failing:
                self._want_archive(url)
            elif fetch.link_status.readable:
                self.archivist.save_later(url, live=fetch.link_status)
        for task in self.tasks_by_url.get(url, []):
            self._advance(task)

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

        if task.final or any(u not in self.live for u in task.urls):
            return
        if task.live:
            return  # already judged live; waiting on the archive
        for url in task.urls:
            verdict = self.live_verdicts.get(url, {}).get(task.text)
            if verdict is None:  # no page was read (a failing link): nothing to match
                verdict = judge(task.text, self.live[url], lambda: [],
                                partial_threshold=self.settings.partial_threshold, now=self.now())
            task.live[url] = verdict
        if any(v.status == QuoteStatus.VERIFIED for v in task.live.values()) \
                or not self.wayback_enabled:
            task.final = dict(task.live)
            self._finalize(task)
            return
        task.waiting_archive.update(task.urls)
        for url in task.urls:
            if url in self.archive_results:
                self._judge_archived(task, url)
            else:
                self._want_archive(url)

    def _want_archive(self, url: str) -> None:
        if url in self.archive_requested:
            return
        self.archive_requested.add(url)
        fut = self.archive_pool.submit(self._archive_lookup, url)
        self.work.add(fut, functools.partial(self._on_archived, url))

    def _archive_lookup(self, url: str) -> tuple[Any, list[tuple[Snapshot, Fetch]]]:
        from .pagetext import page_text

        cited = self.url_dates.get(url)
        info = self.archivist.info(url, cited)
        copies = self.archivist.copies(url, cited) if self.tasks_by_url.get(url) else []
        for _snapshot, fetch in copies:
            if fetch.link_status.readable and fetch.body is not None:
                fetch.page = page_text(fetch.body, fetch.content_type)
        return info, copies

    def _on_archived(self, url: str, fut: Future[Any]) -> None:
        try:
            info, copies = fut.result()
        except Exception as exc:
            log.exception("archive lookup for %s", url)
            info, copies = ArchiveInfo(url=url, error=f"{type(exc).__name__}: {exc}"), []
        self.store.save_archive_info(self.run_id, url, info)
        for snapshot, fetch in copies:
            sid = self.store.save_snapshot(snapshot, self.run_id)
            self.snapshot_ids[(snapshot.url, snapshot.timestamp)] = sid
            fid = self.store.save_fetch(self.run_id, fetch, kind="snapshot", snapshot_id=sid)
            self.fetch_ids[fetch_key_snapshot(snapshot)] = fid
            fetch.body = None
        self.archive_results[url] = (info, copies)
        for task in self.tasks_by_url.get(url, []):
            if url in task.waiting_archive:
                self._judge_archived(task, url)

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
                                 self.now(), self.settings)
        self.store.save_checks(self.run_id, task.quote_id, verdicts, best, self.fetch_ids,
                               self.snapshot_ids, quote_state=state)
        self.quote_states[task.key] = state
        task.final = {v.url or "": v for v in verdicts}

    # -- saving to the Wayback Machine ---------------------------------------------------------------
    def _finish_saves(self, wait: float) -> None:
        """Stop background saves (after up to `wait` seconds) and record every job; unfinished
        ones stay pending and are resumed first by the next run."""
        if not hasattr(self, "archivist"):
            return
        for job in self.archivist.close(wait=wait):
            self.store.save_job(self.run_id, job)

    # -- helpers -----------------------------------------------------------------------------------------
    def _quote_keys(self, quote_ids: list[int]) -> dict[int, str]:
        keys: dict[int, str] = {}
        for chunk in range(0, len(quote_ids), 500):
            ids = quote_ids[chunk:chunk + 500]
            marks = ",".join("?" * len(ids))
            for r in self.store.rows(f"select id, key from quotes where id in ({marks})", ids):
                keys[r["id"]] = r["key"]
        return keys


def _process_cpu() -> float:
    """CPU seconds this process has used (all its threads; not its worker processes)."""
    times = os.times()
    return times.user + times.system


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


def _recorded_settings(settings: Settings) -> dict[str, Any]:
    return {k: v for k, v in asdict(settings).items()}
