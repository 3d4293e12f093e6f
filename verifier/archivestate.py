"""A pause the Internet Archive asked for, kept for the next run: a 429's Retry-After outlives
the run that met it, and ignoring it gets the address blocked for an hour, doubling on repeats.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from .net.pacer import IAPacer
from .store import Store
from .storekeys import parse_iso, utc_iso

PAUSE_KEY = "archive_paused_until"  # in `meta`: {"until": ISO time, "reason": why}


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
