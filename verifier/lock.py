"""One run per database at a time.

An exclusive `flock` on `<db>.lock`: the kernel drops it when the holder dies, however it
dies, so a stale lock from a killed run is taken over by simply locking again. The file
names the holder (pid, host, start time) for the message a second run prints. The lock file
sits beside the database's real file, so runs naming it through a symlink share one lock. The
database file itself is flocked too, so a lock file deleted under a run ('cleaning a stale
lock') still keeps a second run out; SQLite's own locks are fcntl locks, which flock leaves be.
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
        self.path = lock_path(db_path)
        self.database = Path(os.path.realpath(db_path))
        self._fd: int | None = None
        self._database_fd: int | None = None

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
        try:
            self._database_fd = _lock_database(self.database)
        except LockedError:
            os.close(fd)
            raise
        holder_info = {"pid": os.getpid(), "host": socket.gethostname(),
                       "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder_info).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Call once the database is closed: closing a descriptor of the database file drops
        the fcntl locks this process holds on it, SQLite's included."""
        if self._database_fd is not None:
            os.close(self._database_fd)  # which drops its flock
            self._database_fd = None
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
    try:
        fd = os.open(lock_path(db_path), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the shared lock, if taken
    return False


def lock_path(db_path: str | Path) -> Path:
    """`<db>.lock` beside the database's real file: the same database named by another path
    (a symlink to it, or into its directory) has the same lock."""
    return Path(os.path.realpath(db_path) + ".lock")


def _lock_database(database: Path) -> int | None:
    """The database file flocked, as a second lock (None for a database not created yet)."""
    try:
        fd = os.open(database, os.O_RDONLY)
    except OSError:
        return None
    if _lock_soon(fd):
        return fd
    holder = _flock_holder(fd)
    os.close(fd)
    raise LockedError(f"another verifier run holds {database.name} ({holder}; its lock file "
                      "was deleted)")


def _flock_holder(fd: int) -> str:
    """The process holding a flock on fd's file, from Linux's /proc/locks."""
    st = os.fstat(fd)
    file_id = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            for line in locks:
                fields = line.split()
                if len(fields) > 5 and fields[1] == "FLOCK" and fields[5] == file_id:
                    return f"pid {fields[4]} on this host"
    except OSError:
        pass
    return "holder unknown"


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
