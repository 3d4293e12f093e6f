"""CPU-bound stages in worker processes, so fetching keeps its own core.

The fetching threads share one interpreter lock. Extracting documents, reading a page's text
(lxml) and matching quotes against it are pure CPU work on data the run already holds, so
they run in a pool of processes and the run's thread only records their results. A small
run does the same work in its own process: starting processes would cost more than it saves.

Workers ignore Ctrl-C (the run stops them) and exit when the run's process dies, so a killed
run never leaves them behind.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from .errors import InputError, VerifierError
from .evidence import Exchange
from .models import Document, EvidenceRef, Extraction, Fetch, PageText, Snapshot, Verdict
from .status import QuoteStatus

AUTO_MIN_DOCUMENTS = 8  # with processes=0, a run starts its pool for this many documents...
AUTO_MIN_PAGES = 64  # ...or this many pages to read
MAX_AUTO_PROCESSES = 4

T = TypeVar("T")


class ExtractionFailed(VerifierError):
    """Extraction of a document raised an unexpected error (a bug): the document is skipped."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail  # the worker's traceback, for the log

    def __reduce__(self) -> tuple[Any, ...]:
        return (ExtractionFailed, (str(self), self.detail))


@dataclass
class PageCheck:
    """A live copy to read and the quotes to check against it.

    `fetch.body` holds the bytes, or `stored` names the WARC record holding them (a copy
    reused from an earlier run, or the one a 304 answer confirmed)."""

    fetch: Fetch
    quotes: list[str]
    partial_threshold: float
    now: datetime
    stored: EvidenceRef | None = None
    archive_dir: str = ""
    keep_text: bool = False  # the page text is wanted back when a quote is not verified
    record: Exchange | None = None  # a new payload: write its WARC response record here
    record_label: str = ""  # the run's WARC file label; this process adds its own part
    copy_dir: str = ""  # write the readable copy there too (the report's evidence/ folder)


@dataclass
class PageChecked:
    """The page read (its text only when wanted back) and the live verdict of each quote."""

    page: PageText | None
    verdicts: dict[str, Verdict]
    problem: str | None = None  # the stored copy could not be read
    evidence: EvidenceRef | None = None  # where `record` was written
    record_problem: str | None = None  # why it could not be


def extract_file(path: str) -> Extraction:
    """Load a document file and extract its citations and quotes (large text and Markdown
    files are streamed in bounded memory)."""
    from .extraction import extract_path

    return _guarded(extract_path, Path(path))


def extract(document: Document) -> Extraction:
    """The citations and quotes of a loaded document (an article fetched from its URL)."""
    from .extraction import extract_document

    return _guarded(extract_document, document)


def _guarded(fn: Callable[[Any], Extraction], arg: Any) -> Extraction:
    """Input errors pass as they are; anything else keeps its traceback for the log."""
    try:
        return fn(arg)
    except InputError:
        raise
    except Exception as exc:
        raise ExtractionFailed(f"{type(exc).__name__}: {exc}", traceback.format_exc()) from None


def _no_copies() -> list[tuple[Snapshot, Fetch]]:
    return []


def check_page(job: PageCheck) -> PageChecked:
    """Read the page's text and judge each quote against this live copy alone."""
    from .evidence import read_record
    from .matching import judge
    from .pagetext import page_text

    fetch, problem = job.fetch, None
    evidence, record_problem = _write_record(job) if job.record is not None else (None, None)
    if job.stored is not None:
        try:
            fetch.body = read_record(Path(job.archive_dir), job.stored).body
        except Exception as exc:  # a damaged or missing record costs this copy, not the run
            problem = str(exc)
    if fetch.link_status.readable and fetch.body is not None:
        fetch.page = page_text(fetch.body, fetch.content_type)
        if evidence is not None and job.copy_dir:
            _write_copy(Path(job.copy_dir), fetch, evidence)
    fetch.body = None
    verdicts = {} if problem else {
        quote: judge(quote, fetch, _no_copies, partial_threshold=job.partial_threshold,
                     now=job.now)
        for quote in dict.fromkeys(job.quotes)}
    page = fetch.page
    if page is not None and not (job.keep_text and any(v.status is not QuoteStatus.VERIFIED
                                                       for v in verdicts.values())):
        page = replace(page, text="")  # sending the text back would cost more than reading it
    return PageChecked(page, verdicts, problem, evidence, record_problem)


def _write_record(job: PageCheck) -> tuple[EvidenceRef | None, str | None]:
    """Write the page's response record to this process's own WARC file (opened for this
    record only, so nothing stays open in a worker and no two processes share a file)."""
    from .evidence import EvidenceStore

    assert job.record is not None
    try:
        with EvidenceStore(Path(job.archive_dir),
                           run_label=f"{job.record_label}-p{os.getpid()}") as store:
            return store.record_response(job.record), None
    except (OSError, VerifierError) as exc:
        return None, f"{type(exc).__name__}: {exc}"


def _write_copy(folder: Path, fetch: Fetch, ref: EvidenceRef) -> None:
    """The report's readable copy of a page just recorded, from the text read here: the
    report then only links to it (and writes any copy missing later from the record)."""
    from .report import write_evidence_copy
    from .reporting.evidence import ReadableCopy
    from .store import utc_iso

    page = fetch.page
    row = {"url": fetch.url, "final_url": fetch.final_url, "kind": "live",
           "fetched_at": utc_iso(fetch.fetched_at), "http_status": fetch.http_status,
           "content_type": fetch.content_type, "title": page.title if page else None,
           "truncated": int(fetch.truncated), "warc_path": ref.warc_path,
           "warc_offset": ref.offset}
    copy = ReadableCopy(ref.sha256, row, fetch.size, page.text if page else None,
                        page.language if page else None)
    with contextlib.suppress(VerifierError):  # an unwritable report directory: the report says so
        write_evidence_copy(folder.parent, copy)


def auto_processes(setting: int, *, documents: int = 0, pages: int = 0,
                   cpus: int | None = None) -> int:
    """Worker processes for a stage of a run (0: work in this process).

    The setting when given; else nothing for a small run, one per core while documents are
    extracted (nothing else runs then), and one per core but the one the fetching process
    needs while pages are read. Each page worker costs about 130 MB (70 MB of it the language
    model), an extraction worker about 55 MB."""
    if setting > 0:
        return setting
    cores = cpus or os.cpu_count() or 1
    if pages >= AUTO_MIN_PAGES:
        return max(1, min(cores - 1, MAX_AUTO_PROCESSES))
    if documents >= AUTO_MIN_DOCUMENTS:
        return max(1, min(cores, MAX_AUTO_PROCESSES))
    return 0


class WorkPool:
    """Runs work in `processes` worker processes (started on first use), or in this process
    when `processes` is 0; either way the caller gets a Future.

    Should the workers fail to start or die (a script calling verifier.run() without the
    `if __name__ == "__main__":` guard that process start-up needs, memory exhausted), the
    work is done in this process instead: slower, never lost."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self.processes <= 0 or self._broken:
            return _run_here(fn, *args)
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_started)
        try:
            remote = self._executor.submit(fn, *args)
        except BrokenProcessPool:
            self._broken = True
            return _run_here(fn, *args)
        result: Future[T] = Future()

        def relay(done: Future[T]) -> None:
            try:
                result.set_result(done.result())
            except BrokenProcessPool:
                self._broken = True
                _copy(_run_here(fn, *args), result)
            except BaseException as exc:  # the work's own error, or cancelled at shutdown
                result.set_exception(exc)

        remote.add_done_callback(relay)
        return result

    def close(self, *, cancel: bool = False) -> None:
        """Stop the workers: after their queued work, or at once (queued work dropped)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=not cancel, cancel_futures=cancel)


def _run_here(fn: Callable[..., T], *args: Any) -> Future[T]:
    future: Future[T] = Future()
    try:
        future.set_result(fn(*args))
    except Exception as exc:
        future.set_exception(exc)
    return future


def _copy(source: Future[T], target: Future[T]) -> None:
    error = source.exception()
    if error is not None:
        target.set_exception(error)
    else:
        target.set_result(source.result())


def _worker_started() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent.sentinel,), daemon=True).start()


def _exit_with_parent(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(0)


class Completions:
    """Finished futures, each handed to its handler on the thread that drains them.

    Waiting on one queue costs the same however many futures are pending (waiting on all of
    them at once grows with their number)."""

    def __init__(self) -> None:
        self._done: queue.SimpleQueue[tuple[Future[Any], Callable[[Future[Any]], None]]] = \
            queue.SimpleQueue()
        self.pending = 0

    def add(self, future: Future[T], handler: Callable[[Future[T]], None]) -> None:
        self.pending += 1
        future.add_done_callback(lambda done: self._done.put((done, handler)))

    def drain(self, checkpoint: Callable[[], None], poll: float = 0.25) -> None:
        """Run handlers as their futures finish (handlers may add more) until none is left;
        `checkpoint` runs at least every `poll` seconds (it may raise to stop)."""
        while self.pending:
            checkpoint()
            try:
                future, handler = self._done.get(timeout=poll)
            except queue.Empty:
                continue
            self.pending -= 1
            handler(future)
