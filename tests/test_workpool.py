"""The work pool: extraction, page text and live checks in worker processes give the same
verdicts and provenance as in-process work; workers stop with the run, however it ends."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import psutil
import pytest
from conftest import subprocess_env
from fixtureweb import FixtureWeb, Reply

from verifier import pagetext
from verifier.config import load_settings
from verifier.pagetext import detect_language
from verifier.pipeline import run
from verifier.workpool import HANDED_PER_PROCESS, Completions, WorkPool, auto_processes

SENTENCES = [
    "The harbour will reopen next spring after the repairs are finished",
    "We have secured funding for two new ferries this year",
    "Parking fees in the old town will not change before the summer",
    "The library budget doubles next year and the new wing opens in May",
    "Street lighting on the river path is to be replaced by the autumn",
    "Nobody expected the council to approve the plan so quickly",
]


def _corpus(root: Path, web: FixtureWeb) -> Path:
    docs = root / "docs"
    docs.mkdir()
    lines = []
    for i, sentence in enumerate(SENTENCES):
        web.page(f"/story/{i}", f"<html lang='en'><head><title>Story {i}</title></head><body>"
                                f"<p>At the meeting, the mayor said: {sentence}.</p></body></html>")
        quoted = sentence if i % 3 == 0 else sentence.replace("the", "a", 1) if i % 3 == 1 \
            else "Nothing of the sort was ever said at any meeting this year"
        lines.append(f"Mayor Ann Lee said “{quoted}” according to "
                     f"[the Gazette]({web.url(f'/story/{i}')}).\n")
    web.page("/gone", "<title>Not Found</title>gone", status=404)
    lines.append(f"Mayor Ann Lee said “the bridge is safe” according to [the Post]({web.url('/gone')}).\n")
    # A 200 whose text (not its title) says the story is not there: a soft 404, judged by
    # whichever process reads the page's text.
    web.page("/story/moved", "<html><head><title>The Gazette</title></head><body><nav>Home | "
                             "News</nav><h1>Sorry, the page you requested could not be found."
                             "</h1><p>Try the search box.</p></body></html>")
    lines.append(f"Mayor Ann Lee said “the ferry timetable stays the same all winter” according to "
                 f"[the Gazette]({web.url('/story/moved')}).\n")
    for d in range(2):
        (docs / f"review{d}.md").write_text("\n".join(lines[d::2]), encoding="utf-8")
    return docs


def _provenance(db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    try:
        checks = conn.execute(
            "select q.text, c.url, c.status, c.score, c.evidence, c.highlight_start, "
            "c.highlight_end, c.against, c.note, c.best, c.live_had_quote, c.sha256 "
            "from checks c join quotes q on q.id = c.quote_id order by q.text, c.url").fetchall()
        fetches = conn.execute(
            "select url, link_status, reason, http_status, content_type, sha256, size, language, "
            "title from fetches order by url").fetchall()
    finally:
        conn.close()
    return checks, fetches


def test_worker_processes_give_the_same_verdicts_and_rows(workspace: Path, web: FixtureWeb) -> None:
    docs = _corpus(workspace, web)
    results = []
    for processes in (0, 2):  # 0: a run this small works in-process
        base = workspace / f"p{processes}"
        base.mkdir()  # a database's directory must exist (a typo starts no new history)
        settings = load_settings(overrides={
            "db": str(base / "verifier.db"), "archive_dir": str(base / "archive"),
            "report_dir": str(base / "reports"), "no_wayback": True, "allow_private_hosts": True,
            "retries": 0, "work_processes": processes})
        run([str(docs)], settings)
        results.append(_provenance(base / "verifier.db"))
    in_process, in_workers = results
    assert in_process == in_workers
    statuses = {row[2] for row in in_process[0]}
    assert {"verified", "partial", "not_found"} <= statuses  # matching really ran
    moved = next(row for row in in_workers[1] if row[0].endswith("/story/moved"))
    assert moved[1:3] == ("soft_404", "the page says 'Sorry, the page you requested could not be "
                                      "found.'")
    assert moved[5] is not None  # its bytes are kept as evidence all the same
    ferry = next(row for row in in_workers[0] if row[0].startswith("the ferry"))
    assert ferry[2] == "source_unavailable"
    assert ferry[8] == ("No readable copy: the live page is soft_404: the page says 'Sorry, the "
                        "page you requested could not be found.', and the Wayback Machine was not "
                        "asked (--no-wayback).")


def test_auto_processes_leave_small_runs_in_process_and_fetching_a_core() -> None:
    assert auto_processes(0, documents=2, pages=10, cpus=8) == 0
    assert auto_processes(0, documents=100, cpus=2) == 2  # nothing else runs while extracting
    assert auto_processes(0, pages=2000, cpus=2) == 1  # the fetching process keeps a core
    assert auto_processes(0, pages=5000, cpus=16) == 4
    assert auto_processes(3, documents=1, pages=1, cpus=2) == 3


def _double(x: int) -> int:
    return 2 * x


def _die_in_worker(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(1)
    return "done here"


def _where(parent: int, x: int) -> tuple[int, int]:
    if os.getpid() != parent:
        time.sleep(0.2)  # a busy worker
    return os.getpid(), x


def _language_of(text: str) -> tuple[int, str | None]:
    return os.getpid(), detect_language(text)


def test_jobs_waiting_for_a_busy_worker_are_done_by_the_thread_with_time() -> None:
    pool = WorkPool(1)
    try:
        futures = [pool.submit(_where, os.getpid(), i) for i in range(12)]
        done_here = 0
        while pool.work_one_here():
            done_here += 1
        results = [f.result(timeout=60) for f in futures]
        assert [x for _pid, x in results] == list(range(12))  # each job done once
        # The worker was handed only what keeps it busy; this thread did the rest at once.
        assert done_here == 12 - HANDED_PER_PROCESS
        assert sum(pid == os.getpid() for pid, _x in results) == done_here == pool.done_here
    finally:
        pool.close()


def test_jobs_needing_the_language_model_are_left_to_the_workers(monkeypatch) -> None:
    monkeypatch.setattr(pagetext, "_model_loaded", False)  # as in a run's own process
    texts = ["The council approved the budget for the new library after a long debate.",
             "Le conseil a approuvé mardi le budget de la nouvelle bibliothèque municipale.",
             "ok"]  # too short to tell: no model needed
    pool = WorkPool(1)
    try:
        futures = [pool.submit(_language_of, text) for text in texts * 4]
        while pool.work_one_here():
            pass
        results = [f.result(timeout=60) for f in futures]
    finally:
        pool.close()
    assert [language for _pid, language in results] == ["en", "fr", None] * 4
    assert all(pid != os.getpid() for pid, language in results if language)
    assert any(pid == os.getpid() for pid, language in results if language is None)
    assert pagetext._model_loaded is False  # never loaded into this process


def test_completions_run_handlers_that_add_more_work() -> None:
    pool = WorkPool(0)
    work = Completions()
    seen: list[int] = []

    def handle(fut: Future[int]) -> None:
        seen.append(fut.result())
        if fut.result() < 16:
            work.add(pool.submit(_double, fut.result()), handle)

    work.add(pool.submit(_double, 1), handle)
    work.drain(lambda: None)
    assert seen == [2, 4, 8, 16] and work.pending == 0


def test_a_dead_worker_costs_speed_not_work() -> None:
    pool = WorkPool(1)
    try:
        assert pool.submit(_double, 21).result(timeout=60) == 42
        assert pool.submit(_die_in_worker, os.getpid()).result(timeout=60) == "done here"
        assert pool.submit(_double, 2).result(timeout=60) == 4  # in this process from now on
    finally:
        pool.close()


def _slow_run(root: Path, web: FixtureWeb) -> list[str]:
    docs = root / "docs"
    docs.mkdir()
    lines = []
    for i in range(40):
        web.route(f"/s{i}", lambda _r, i=i: Reply(200, f"<p>Speaker {i} said the crossing {i} "
                                                       "will reopen soon.</p>", delay=0.3))
        lines.append(f"Official Person{i} said “the crossing {i} will reopen soon” according "
                     f"to [the Gazette]({web.url(f'/s{i}')}).\n")
    (docs / "doc.md").write_text("\n".join(lines), encoding="utf-8")
    (root / "verifier.toml").write_text("allow_private_hosts = true\nno_wayback = true\n"
                                        "concurrency = 2\nretries = 0\nwork_processes = 1\n")
    return [sys.executable, "-m", "verifier", "run", str(docs)]


def _workers_of(proc: subprocess.Popen[bytes], timeout: float = 30.0) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = psutil.Process(proc.pid).children(recursive=True)
        workers = [c for c in children if "multiprocessing" in " ".join(c.cmdline())]
        if workers:
            return workers
        time.sleep(0.1)
    pytest.fail("the run started no worker process")


@pytest.mark.parametrize("how", ["sigkill", "ctrl-c"])
def test_workers_end_with_the_run(workspace: Path, web: FixtureWeb, how: str) -> None:
    cmd = _slow_run(workspace, web)
    proc = subprocess.Popen(cmd, cwd=workspace, env=subprocess_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        workers = _workers_of(proc)
        if how == "sigkill":
            proc.kill()
        else:  # Ctrl-C reaches the whole foreground process group
            os.killpg(proc.pid, signal.SIGINT)
        code = proc.wait(timeout=30)
        assert code == (-signal.SIGKILL if how == "sigkill" else 130)
        _gone, alive = psutil.wait_procs(workers, timeout=10)
        assert alive == []
    finally:
        if proc.poll() is None:
            proc.kill()
