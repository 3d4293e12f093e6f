"""One run per database: a second run is refused and told who holds the lock; a dead
holder's lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verifier.errors import LockedError
from verifier.lock import RunLock
from verifier.status import ExitStatus

HOLD = """
import sys, time
from verifier.lock import RunLock
lock = RunLock(sys.argv[1]); lock.acquire()
print("locked", flush=True)
time.sleep(60)
"""


def _holder(db: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_holder_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    proc = _holder(db)
    try:
        with pytest.raises(LockedError) as err:
            RunLock(db).acquire()
        assert f"pid {proc.pid}" in str(err.value)
        assert "started" in str(err.value)
        assert err.value.exit_status == ExitStatus.LOCKED
    finally:
        proc.kill()
        proc.wait()


def test_lock_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    proc = _holder(db)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    lock = RunLock(db)
    lock.acquire()  # no error: the kernel dropped the dead holder's lock
    assert str(os.getpid()) in lock.path.read_text()
    lock.release()


def test_release_lets_the_next_run_in(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    with RunLock(db):
        pass
    started = time.monotonic()
    with RunLock(db):
        assert time.monotonic() - started < 5


def test_a_run_refused_by_the_lock_leaves_the_database_unmigrated(tmp_path: Path) -> None:
    """A newer verifier started while an older one runs must not upgrade the schema under it."""
    import sqlite3

    from verifier import load_settings, run
    from verifier.store import Store

    db = tmp_path / "v.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update meta set value = '2' where key = 'schema_version'")
    conn.close()
    (tmp_path / "doc.txt").write_text("Nothing cited.\n")
    proc = _holder(db)
    try:
        with pytest.raises(LockedError):
            run([str(tmp_path / "doc.txt")], load_settings(env={}, overrides={
                "db": str(db), "archive_dir": str(tmp_path / "a"),
                "report_dir": str(tmp_path / "r")}))
    finally:
        proc.kill()
        proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("select value from meta where key = 'schema_version'").fetchone() == ("2",)
    conn.close()


def test_run_going_tells_a_live_holder_from_a_dead_one(tmp_path: Path) -> None:
    """`verifier status` asks whether a run left 'running' still holds the lock."""
    from verifier.lock import run_going

    db = tmp_path / "v.db"
    assert not run_going(db)  # no lock file yet
    proc = _holder(db)
    try:
        assert run_going(db)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert not run_going(db)
    lock = RunLock(db)
    lock.acquire()  # the probe let go of its shared lock
    lock.release()


def test_status_shows_a_run_whose_process_died_as_interrupted(tmp_path: Path) -> None:
    from verifier.history import recent_runs
    from verifier.store import Store

    store = Store.open(tmp_path / "v.db")
    try:
        store.start_run(inputs=[], settings={}, pid=1, host="h", version="0")
        assert [r["status"] for r in recent_runs(store)] == ["interrupted"]
        with RunLock(store.path):
            assert [r["status"] for r in recent_runs(store)] == ["running"]
    finally:
        store.close()


def test_database_directory_missing_or_unwritable_is_one_clear_error(tmp_path: Path) -> None:
    from verifier.errors import DatabaseError

    with pytest.raises(DatabaseError, match="no directory .*typo"):
        RunLock(tmp_path / "typo" / "v.db").acquire()
    assert not (tmp_path / "typo").exists()
    (tmp_path / "v.db.lock").mkdir()  # the lock file cannot be made (root writes anywhere)
    with pytest.raises(DatabaseError, match="cannot create the lock file .*v.db.lock"):
        RunLock(tmp_path / "v.db").acquire()
