"""What a run leaves the next about the Internet Archive, written as it happens where a killed
run would lose it: each Save Page Now job the moment it changes (a job id lost with a killed
run means a second submission, spending one of the page's few daily captures), and a pause the
Archive asked for (a 429's Retry-After outlives the run: ignoring it gets the address blocked
for an hour, doubling on repeats).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .errors import VerifierError
from .models import SaveJob
from .net.pacer import IAPacer
from .store import Store, parse_iso, utc_iso

PAUSE_KEY = "archive_paused_until"  # in `meta`: {"until": ISO time, "reason": why}


class SaveJournal:
    """Records save jobs from the background save worker's thread, on a database connection of
    its own (the run's connection belongs to the run's thread). Recording is best effort: the
    run records every job at its end as well."""

    def __init__(self, path: Path, run_id: int) -> None:
        self._path = path
        self._run_id = run_id
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._closed = False
        self.written: dict[str, SaveJob] = {}  # url -> the job as last recorded

    def __call__(self, job: SaveJob) -> None:
        with self._lock:
            if self._closed or self.written.get(job.url) == job:
                return
            try:
                if self._store is None:
                    self._store = Store.open(self._path, create=False)
                self._store.save_job(self._run_id, job)
            except (VerifierError, sqlite3.Error):
                return  # the run's end records it
            self.written[job.url] = job

    def close(self) -> None:
        """No more recording (the run records what is left itself)."""
        with self._lock:
            self._closed = True
            if self._store is not None:
                self._store.close()
                self._store = None


def restore_pause(store: Store, pacer: IAPacer, now: datetime) -> None:
    """Hold every Internet Archive call until the pause an earlier run was asked for ends."""
    now = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    row = store.db.execute("select value from meta where key=?", [PAUSE_KEY]).fetchone()
    try:
        saved = json.loads(row[0]) if row else {}
        until = parse_iso(saved["until"]) if isinstance(saved, dict) and saved else None
    except (ValueError, KeyError, TypeError):
        return
    if until is not None and until > now:
        pacer.pause_all((until - now).total_seconds(), str(saved.get("reason") or "a pause"))


def remember_pause(store: Store, pacer: IAPacer, now: datetime) -> None:
    """Keep what is left of a wait the Archive asked for (a Retry-After) for the next run, or
    forget an old one."""
    left, reason = pacer.asked_pause()
    with store.db.atomic():
        if left <= 0:
            store.db.execute("delete from meta where key=?", [PAUSE_KEY])
            return
        value = json.dumps({"until": utc_iso(now + timedelta(seconds=left)), "reason": reason})
        store.db.execute("insert or replace into meta (key, value) values (?, ?)",
                         [PAUSE_KEY, value])
