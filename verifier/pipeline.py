"""`run()`: documents in, provenance and a report out. The Python API the CLI wraps.

Stages run in one direction: documents -> citations/quotes -> fetching -> matching, with the
Wayback Machine consulted only where a verdict needs it, and every finished unit of work
committed to the store at once, so a run killed at any moment resumes where it stopped.
Network work runs on worker threads; the store is written from the calling thread only.
The checking stage (fetching, page reading, matching, the archive) is checking.py.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import __version__
from .archivestate import remember_pause, restore_pause
from .checking import Checking, Progress, Stages
from .config import Settings, load_settings
from .errors import InputError, ReportError, StorageError, VerifierError
from .history import Changes, counts_and_changes, new_warnings
from .lock import RunLock, lock_path
from .models import Extraction, Fetch, SaveJob
from .status import ExitStatus, LinkStatus, QuoteStatus
from .store import Store
from .workpool import (
    ExtractionFailed,
    WorkPool,
    auto_processes,
    extract,
    extract_file,
)

log = logging.getLogger(__name__)

DEFAULT_INPUTS = ("seeds",)


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


def run(inputs: Sequence[str] = (), settings: Settings | None = None, *,
        progress: Progress | None = None, stop: threading.Event | None = None,
        session_factory: Callable[[], Any] | None = None,
        now: Callable[[], datetime] | None = None) -> RunResult:
    """Verify the citations and quotes of `inputs` (paths or URLs; default `seeds/`).

    Raises InputError/DatabaseError (nothing recorded), LockedError (another run is going),
    Interrupted (the run is recorded as interrupted).
    """
    from .inputs import collect_inputs

    settings = settings or load_settings()
    args = list(inputs) or list(DEFAULT_INPUTS)
    db = str(settings.db)
    outputs: tuple[str | Path, ...] = (
        settings.report_dir, settings.archive_dir, db, f"{db}-wal", f"{db}-shm", f"{db}-journal",
        lock_path(db), *([settings.log_file] if settings.log_file else []))
    sources, warnings = collect_inputs(args, outputs=outputs)
    if not sources:
        warnings.append(f"no documents found in {', '.join(args)}")
    with RunLock(settings.db):  # first: opening may migrate the schema under a running run
        store = Store.open(settings.db)
        try:
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
        self.requests_made = 0  # by documents given as URLs; the checking stage counts its own
        self.checking: Checking | None = None
        self.unreadable: set[str] = set()  # sources that could not be read (see _keep_unreadable)
        self.stages: Stages | None = None  # see _network
        self.saves_recorded = False  # see _finish_saves
        self.saves_written: dict[str, SaveJob] = {}  # url -> the save job as last recorded

    # -- the whole run ----------------------------------------------------------------------
    def execute(self) -> RunResult:
        store, settings = self.store, self.settings
        store.close_abandoned_runs()
        first_run = store.db.execute("select count(*) from runs where status='completed'"
                                     ).fetchone()[0] == 0
        started = self.now()
        self.run_id = store.start_run(
            inputs=self.args, settings=asdict(settings), pid=os.getpid(),
            host=socket.gethostname(), version=__version__, started_at=started)
        log.info("run %s started on %d inputs", self.run_id, len(self.sources))
        try:
            self._resume_saves()
            extractions = self._load_documents()
            log.info("documents: %d loaded in %.2f s", len(extractions), self._since(started))
            checking, cpu = self.now(), _process_cpu()
            self.checking = Checking(self.store, settings, self.run_id, self._network, now=self.now,
                                     progress=self.progress, interrupt_point=self._interrupt_point,
                                     warnings=self.warnings)
            self.checking.run(extractions)
            log.info("sources: %d fetched, %d checked in %.2f s (CPU of this process %.2f s); "
                     "%d jobs of the work pool done in this process", self.checking.sources_done,
                     len(self.checking.live), self._since(checking), _process_cpu() - cpu,
                     self.checking.pool.done_here if self.checking.pool else 0)
            self._finish_saves(wait=min(self.settings.wayback_budget, 30.0))
            self._interrupt_point()  # stopped while waiting on the saves
        except (KeyboardInterrupt, Interrupted):
            self._finish_saves(wait=0.0)
            self._shutdown(cancel=True)
            self._finish("interrupted", ExitStatus.INTERRUPTED)
            raise Interrupted(f"run {self.run_id} interrupted; finished work is recorded") from None
        except StorageError as exc:  # a full disk: the next run does what is left, as after a kill
            self._finish_saves(wait=0.0)
            self._shutdown(cancel=True)
            self._finish("interrupted", ExitStatus.STORAGE)
            raise StorageError(f"run {self.run_id} stopped: {exc}; finished work is "
                               "recorded") from None
        except BaseException:
            self._finish_saves(wait=0.0)
            self._shutdown(cancel=True)
            self._finish("failed", ExitStatus.INTERNAL)
            raise
        self._shutdown(cancel=False)
        counts, changes = counts_and_changes(store, self.run_id)
        changes.new_warnings = new_warnings(store, changes.previous_run, self.warnings)
        if changes.previous_run is None:
            failing = any(QuoteStatus(s).failing and n for s, n in counts["quotes"].items()) or \
                any(LinkStatus(s).failing and n for s, n in counts["links"].items())
        else:
            failing = changes.newly_failing
        exit_status = ExitStatus.NEWLY_FAILING if failing else ExitStatus.OK
        reporting = self.now()
        try:
            with store.db.atomic():
                # completed together with its report: a run killed while writing it stays
                # unfinished (interrupted, for the next run), whose findings are told again
                self._finish("completed", exit_status, counts, changes)
                report_path = self._write_report((counts, changes))
                if report_path is None:  # its warning is news too, and kept with the run's
                    changes.new_warnings = new_warnings(store, changes.previous_run,
                                                        self.warnings)
                    self._finish("completed", exit_status, counts, changes)
        except KeyboardInterrupt:  # stopped at once while writing the report: rolled back
            self._finish("interrupted", ExitStatus.INTERRUPTED)
            raise Interrupted(f"run {self.run_id} interrupted while writing its report; "
                              "finished work is recorded") from None
        except Exception:
            self._finish("failed", ExitStatus.INTERNAL)
            raise
        log.info("report: written in %.2f s", self._since(reporting))
        log.info("run %s completed (exit status %d)", self.run_id, int(exit_status))
        finished = self.now()
        requests_made = self.requests_made + (self.checking.requests_made if self.checking else 0)
        return RunResult(self.run_id, exit_status, counts, changes, Path(settings.db),
                         report_path, self.warnings, (finished - started).total_seconds(),
                         first_run, requests_made)

    def _finish(self, status: str, exit_status: ExitStatus,
                counts: dict[str, Any] | None = None, changes: Changes | None = None) -> None:
        """Record how the run ended (a completed run is logged once its report is written)."""
        if status != "completed":
            log.warning("run %s %s (exit status %d)", self.run_id, status, int(exit_status))
        self.store.finish_run(self.run_id, status=status, counts=counts or {},
                              changes=changes.as_dict() if changes else {},
                              exit_status=int(exit_status), warnings=self.warnings,
                              finished_at=self.now())

    def _write_report(self, counted: tuple[dict[str, dict[str, int]], Changes] | None = None
                      ) -> Path | None:
        from .report import write_report

        try:
            return write_report(self.store, self.run_id, Path(self.settings.report_dir),
                                archive_dir=Path(self.settings.archive_dir), counted=counted)
        except ReportError as exc:
            self.warnings.append(str(exc))
            return None

    def _since(self, moment: datetime) -> float:
        return (self.now() - moment).total_seconds()

    def _interrupt_point(self) -> None:
        self._record_changed_saves()
        if self.stop.is_set():
            raise Interrupted("stopped")

    # -- wiring ----------------------------------------------------------------------------------
    def _network(self) -> Stages:
        """The run's network stages, built on first use: a nightly run with nothing due opens
        no session, no thread pool and no WARC file, and imports none of their libraries."""
        if self.stages is not None:
            return self.stages
        from .archiving import Archivist
        from .evidence import EvidenceStore, unrecorded_payloads
        from .fetching import Fetcher
        from .keptcaptures import KeptCaptures
        from .net.wayback import WaybackClient

        settings = self.settings
        known = self.store.known_evidence()
        for sha256, ref in unrecorded_payloads(Path(settings.archive_dir), [
                f"run{r}" for r in self.store.runs_killed_since_completed()]).items():
            known.setdefault(sha256, ref)
        evidence = EvidenceStore(Path(settings.archive_dir), run_label=f"run{self.run_id}",
                                 known=known.get)
        fetcher = Fetcher(settings, evidence=evidence, now=self.now,
                          session_factory=self.session_factory)
        client = WaybackClient(settings)
        kept = KeptCaptures.load(self.store, known, Path(settings.archive_dir))

        def fetch_snapshot(raw_url: str) -> Fetch:
            return fetcher.fetch(raw_url, trusted=True, before_attempt=client.pace_lookup,
                                 rewrite_location=client.replay_location)

        archivist = Archivist(client, fetch_snapshot, settings, kept=kept.copy)
        restore_pause(self.store, client.pacer, self.now())
        self.stages = Stages(
            fetcher, evidence, archivist,
            fetch_pool=ThreadPoolExecutor(max(1, settings.concurrency), thread_name_prefix="fetch"),
            archive_pool=ThreadPoolExecutor(2, thread_name_prefix="wayback"), kept=kept)
        return self.stages

    def _resume_saves(self) -> None:
        """Saves an earlier run left unfinished go first (they alone build the network stages
        of a run that has nothing else to do)."""
        if self.settings.no_wayback or self.settings.save == "never":
            return
        pending = self.store.pending_saves()
        if pending:
            self._network().archivist.resume_saves(pending)

    def _shutdown(self, *, cancel: bool) -> None:
        stages = self.stages
        if stages is not None:
            for pool in (stages.fetch_pool, stages.archive_pool):
                pool.shutdown(wait=not cancel, cancel_futures=cancel)
        if self.checking is not None:
            self.checking.close(cancel=cancel)
        if stages is None:
            return
        for name, stage in (("fetcher", stages.fetcher), ("evidence", stages.evidence)):
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
        self._mark_removed({e[1].document.source for e in loaded} | self.unreadable)
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
                if isinstance(begun, Future):  # this thread helps the pool while it waits
                    begun = pool.result(begun)
                entry = self._finish_document(begun)
            except InputError as exc:
                self.warnings.append(str(exc))
                self._keep_unreadable(source)
                continue
            except ExtractionFailed as exc:
                log.error("extracting %s: %s", source, exc.detail)
                self.warnings.append(f"{source}: extraction failed ({exc})")
                self._keep_unreadable(source)
                continue
            except Exception as exc:  # one bad document must not stop the others
                log.exception("extracting %s", source)
                self.warnings.append(f"{source}: extraction failed ({type(exc).__name__}: {exc})")
                self._keep_unreadable(source)
                continue
            loaded.append(entry)
        return loaded

    def _keep_unreadable(self, source: str) -> None:
        """A document that could not be read this run (junk after a bad sync, its site down)
        is still there: it is not marked removed, and the version last read stays in the
        run with its verdicts, so its quotes are neither dropped tonight nor news tomorrow."""
        self.unreadable.add(source)
        row = self.store.document_row(source)
        if row and self.store.has_extraction(row["id"], row["sha256"]):
            self.store.mark_seen(self.run_id, row["id"], row["sha256"])

    def _start_document(self, source: str, pool: WorkPool) -> Any:
        """The stored extraction of an unchanged document, or the extraction under way."""
        from .documents import document_from_html, file_sha256
        from .net.downloads import download_address

        if source.startswith(("http://", "https://")):
            # a shared document's link opens a viewer; its file is downloaded from elsewhere
            fetch = self._network().fetcher.fetch(download_address(source) or source)
            self.requests_made += len(fetch.attempts)
            if not fetch.link_status.readable or fetch.body is None:
                raise InputError(f"{source}: could not fetch the article ({fetch.reason})")
            document = document_from_html(fetch.body, source, content_type=fetch.content_type,
                                          fetched_at=fetch.fetched_at, read_at=fetch.final_url)
            return self._stored_extraction(document.source, document.sha256) or extract(document)
        path = Path(source)
        stored = self._stored_extraction(str(path.resolve()), file_sha256(path))
        return stored or pool.submit(extract_file, str(path))

    def _finish_document(self, begun: Extraction | tuple[int, Extraction, list[int]]
                         ) -> tuple[int, Extraction, list[int]]:
        if isinstance(begun, tuple):
            return begun
        extraction = begun
        document = extraction.document
        self.warnings.extend(document.warnings)  # what reading it showed (no text, no notes)
        # a version extracted before (a document reverted to it) is recorded again as the
        # current one, with its own title and date, and keeps its citations and quotes
        document_id = self.store.save_extraction(self.run_id, extraction)
        return document_id, extraction, self.store.quote_ids(document_id, document.sha256)

    def _stored_extraction(self, source: str, sha256: str
                           ) -> tuple[int, Extraction, list[int]] | None:
        """The stored extraction when this is the document's current version; an earlier
        version is extracted again (its title and date are kept with the current one only)."""
        row = self.store.document_row(source)
        if not row or row["sha256"] != sha256 or not self.store.has_extraction(row["id"], sha256):
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
        for document_id, src in self.store.present_documents():
            if src in present or src.startswith(("http://", "https://")):
                continue
            if (src in files or any(src.startswith(root + os.sep) for root in roots)) \
                    and _gone(src):
                gone.append(document_id)
        if gone:
            self.store.mark_removed(self.run_id, gone)

    # -- saving to the Wayback Machine ---------------------------------------------------------------
    def _finish_saves(self, wait: float) -> None:
        """Stop background saves (after up to `wait` seconds) and record every job; unfinished
        ones stay pending and are resumed first by the next run."""
        if self.stages is None or self.saves_recorded:
            return
        self.saves_recorded = True
        jobs = self.stages.archivist.close(wait=wait, stop=self.stop,
                                           meanwhile=self._record_changed_saves)
        self._record_saves(jobs)
        remember_pause(self.store, self.stages.archivist.client.pacer, self.now())

    def _record_changed_saves(self) -> None:
        """Record the save jobs the background worker changed, as soon as the run's thread
        passes here: a run killed with a save submitted leaves its job id to the next run."""
        if self.stages is not None:
            self._record_saves(self.stages.archivist.changed_saves())

    def _record_saves(self, jobs: list[SaveJob]) -> None:
        for job in jobs:
            if self.saves_written.get(job.url) != job:
                self.store.save_job(self.run_id, job)
                self.saves_written[job.url] = job


def _gone(path: str) -> bool:
    """Whether a document's file is really not there any more: one in a directory that
    cannot be read tonight (permissions, a dead mount) is out of reach, not removed."""
    try:
        os.stat(path)
    except OSError as exc:
        return isinstance(exc, (FileNotFoundError, NotADirectoryError))
    return False


def _process_cpu() -> float:
    """CPU seconds this process has used (all its threads; not its worker processes)."""
    times = os.times()
    return times.user + times.system
