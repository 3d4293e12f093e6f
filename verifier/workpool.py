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
import functools
import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, InvalidStateError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from .errors import InputError, VerifierError
from .evidence import Exchange
from .models import Document, EvidenceRef, Extraction, Fetch, PageText, Snapshot, Verdict
from .status import LinkStatus, QuoteStatus

AUTO_MIN_DOCUMENTS = 8  # with processes=0, a run starts its pool for this many documents...
AUTO_MIN_PAGES = 64  # ...or this many pages to read
MAX_AUTO_PROCESSES = 4
HANDED_PER_PROCESS = 2  # jobs handed to each worker at a time; the rest wait in the run's process

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
    judge_text: bool = False  # a fresh fetch: judge whether its text reads as an error page


@dataclass
class PageChecked:
    """The page read (its text only when wanted back) and the live verdict of each quote."""

    page: PageText | None
    verdicts: dict[str, Verdict]
    problem: str | None = None  # the stored copy could not be read
    evidence: EvidenceRef | None = None  # where `record` was written
    record_problem: str | None = None  # why it could not be
    # what the text says of the link, left by the fetcher to this reader: a wall (blocked) or
    # an error page (soft 404), and why
    text_verdict: tuple[LinkStatus, str] | None = None


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
    from .pagetext import LanguageModelElsewhere

    try:
        return fn(arg)
    except (InputError, LanguageModelElsewhere):
        raise
    except Exception as exc:
        raise ExtractionFailed(f"{type(exc).__name__}: {exc}", traceback.format_exc()) from None


def _no_copies() -> list[tuple[Snapshot, Fetch]]:
    return []


def check_page(job: PageCheck) -> PageChecked:
    """Read the page's text and judge each quote against this live copy alone."""
    from .evidence import read_record
    from .matching import judge
    from .net.linkstatus import markup_verdict, text_verdict
    from .pagetext import page_text

    # Reading and judging come first, writing last: until then the job can be given up and
    # done again elsewhere (see WorkPool.work_one_here) without writing anything twice.
    fetch, problem, said, page = job.fetch, None, None, None
    body = fetch.body
    if job.stored is not None:
        try:
            body = read_record(Path(job.archive_dir), job.stored).body
        except Exception as exc:  # a damaged or missing record costs this copy, not the run
            problem = str(exc)
    if fetch.link_status.readable and body is not None:
        page = page_text(body, fetch.content_type)
        said = (text_verdict(page) or markup_verdict(body, fetch.content_type, fetch.url,
                                                     fetch.final_url or fetch.url)) \
            if job.judge_text and page else None
    read = replace(fetch, body=None, page=None if said else page)
    verdicts = {} if problem or said else {
        quote: judge(quote, read, _no_copies, partial_threshold=job.partial_threshold,
                     now=job.now)
        for quote in dict.fromkeys(job.quotes)}
    evidence, record_problem = _write_record(job) if job.record is not None else (None, None)
    if evidence is not None and job.copy_dir and read.page is not None:
        _write_copy(Path(job.copy_dir), read, evidence)
    kept = read.page
    if kept is not None and not (job.keep_text and any(v.status is not QuoteStatus.VERIFIED
                                                       for v in verdicts.values())):
        kept = replace(kept, text="")  # sending the text back would cost more than reading it
    return PageChecked(kept, verdicts, problem, evidence, record_problem, said)


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
    from .storekeys import utc_iso

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
    needs while pages are read. Each page worker costs about 150 MB (70 MB of it the language
    model), an extraction worker about 40 MB."""
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

    Only a few jobs per worker are handed to the workers at a time; the rest wait here, and
    the run's thread takes the oldest of them when it has nothing else to do
    (`work_one_here`). The fetching process then lends the core it is not using: with one
    worker on a two-core machine, that worker alone would set the pace of the whole run.

    Should the workers fail to start or die (a script calling verifier.run() without the
    `if __name__ == "__main__":` guard that process start-up needs, memory exhausted), the
    work is done in this process instead: slower, never lost."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False
        self._lock = threading.Lock()
        self._waiting: deque[_Job] = deque()  # submitted, not yet handed to a worker
        self._handed = 0  # handed to the workers and not finished
        self.done_here = 0  # jobs taken by work_one_here and finished in this process
        self._cancelled = False  # closed with cancel: the workers' jobs are not wanted

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self.processes <= 0 or self._broken:
            return _run_here(fn, *args)
        job = _Job(fn, args, Future())
        with self._lock:
            self._waiting.append(job)
        self._hand_out()
        return job.result

    def work_one_here(self) -> bool:
        """Do the oldest job no worker has taken yet, in this thread; False when none waits.

        Without the language model: a job that turns out to need it goes back to the workers,
        which hold it, rather than loading 70 MB more into this process."""
        from .pagetext import LanguageModelElsewhere, without_language_model

        with self._lock:
            job = next((j for j in self._waiting if not j.needs_worker), None)
            if job is None:
                return False
            self._waiting.remove(job)
        if job.result.cancelled():
            return True
        with without_language_model():
            outcome = _run_here(job.fn, *job.args)
        if isinstance(outcome.exception(), LanguageModelElsewhere):
            job.needs_worker = True
            with self._lock:
                self._waiting.appendleft(job)
            self._hand_out()
        elif job.result.set_running_or_notify_cancel():
            _copy(outcome, job.result)
            self.done_here += 1
        return True

    def result(self, future: Future[T]) -> T:
        """The future's result; until it is ready, this thread does waiting jobs."""
        while not future.done() and self.work_one_here():
            pass
        return future.result()

    def close(self, *, cancel: bool = False) -> None:
        """Stop the workers: after their queued work, or at once (queued work dropped)."""
        with self._lock:
            waiting, self._waiting = list(self._waiting), deque()
        for job in waiting:
            if cancel:
                job.result.cancel()
            elif job.result.set_running_or_notify_cancel():
                _copy(_run_here(job.fn, *job.args), job.result)
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if cancel:  # the workers' jobs are not wanted: end them rather than let them run on
            self._cancelled = True
            for process in list(getattr(executor, "_processes", {}).values()):
                process.terminate()
        executor.shutdown(wait=True, cancel_futures=cancel)

    def _hand_out(self) -> None:
        """Keep each worker a job ahead, no more: what waits here can still be done here."""
        while True:
            with self._lock:
                if not self._waiting or self._handed >= HANDED_PER_PROCESS * self.processes:
                    return
                job = self._waiting.popleft()
                self._handed += 1
            if not job.result.set_running_or_notify_cancel():
                with self._lock:
                    self._handed -= 1
                continue
            self._send(job)

    def _send(self, job: _Job) -> None:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_started)
        try:
            if self._broken:
                raise BrokenProcessPool("an earlier worker died")
            remote = self._executor.submit(job.fn, *job.args)
        except (BrokenProcessPool, RuntimeError):  # broken, or shut down while handing out
            self._broken = True
            with self._lock:
                self._handed -= 1
            _copy(_run_here(job.fn, *job.args), job.result)
            return
        remote.add_done_callback(functools.partial(self._relay, job))

    def _relay(self, job: _Job, done: Future[Any]) -> None:
        """A worker finished a job (on the executor's thread): pass its result on, hand out
        the next one."""
        with self._lock:
            self._handed -= 1
        try:
            outcome: Future[Any] = Future()
            outcome.set_result(done.result())
        except BrokenProcessPool:
            if self._cancelled:  # its worker was ended by close(cancel=True)
                outcome = Future()
                outcome.set_exception(CancelledError())
            else:
                self._broken = True
                outcome = _run_here(job.fn, *job.args)
        except BaseException as exc:  # the work's own error, or cancelled at shutdown
            outcome = Future()
            outcome.set_exception(exc)
        with contextlib.suppress(InvalidStateError):  # cancelled by close(cancel=True)
            _copy(outcome, job.result)
        if not self._broken and not self._cancelled:
            self._hand_out()


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    result: Future[Any]
    needs_worker: bool = False  # tried here, and it needs what only the workers hold


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

    def drain(self, checkpoint: Callable[[], None], poll: float = 0.25,
              meanwhile: Callable[[], bool] | None = None) -> None:
        """Run handlers as their futures finish (handlers may add more) until none is left;
        `checkpoint` runs at least every `poll` seconds (it may raise to stop). When nothing
        has finished, `meanwhile` may do some work (it returns whether it did)."""
        while self.pending:
            checkpoint()
            try:
                future, handler = self._done.get_nowait()
            except queue.Empty:
                if meanwhile is not None and meanwhile():
                    continue
                try:
                    future, handler = self._done.get(timeout=poll)
                except queue.Empty:
                    continue
            self.pending -= 1
            handler(future)
