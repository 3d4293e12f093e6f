"""One run per database at a time.

An exclusive `flock` on `<db>.lock`: the kernel drops it when the holder dies, however it
dies, so a stale lock from a killed run is taken over by simply locking again. The file
names the holder (pid, host, start time) for the message a second run prints.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from .errors import DatabaseError, LockedError

PROBE_TRIES, PROBE_WAIT = 5, 0.05  # a status probe holds a shared lock for far less than this


class RunLock:
    """Context manager holding the database's run lock."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(str(db_path) + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        folder = self.path.parent
        if not folder.is_dir():  # a typo in --db must not start a new history elsewhere
            raise DatabaseError(f"no directory {folder} for the database (create it first)")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DatabaseError(f"cannot create the lock file {self.path}: "
                                f"{exc.strerror or exc}") from None
        if not _lock_soon(fd):
            holder = _describe(fd)
            os.close(fd)
            raise LockedError(f"another verifier run holds {self.path.name} ({holder})")
        holder_info = {"pid": os.getpid(), "host": socket.gethostname(),
                       "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder_info).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def run_going(db_path: str | Path) -> bool:
    """Whether a run holds the database's lock now (a run left 'running' in the database
    while nobody holds it was killed). The probe holds a shared lock for an instant; a run
    starting at that instant waits for it (see _lock_soon)."""
    path = Path(str(db_path) + ".lock")
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the shared lock, if taken
    return False


def _lock_soon(fd: int) -> bool:
    """Take the exclusive lock, allowing a moment for a probe (run_going) to let go of it."""
    for attempt in range(PROBE_TRIES):
        if attempt:
            time.sleep(PROBE_WAIT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pass
    return False


def _describe(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "holder unknown"
    return f"pid {info.get('pid')} on {info.get('host')}, started {info.get('started')}"
