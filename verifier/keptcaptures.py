"""Wayback captures a run already fetched and kept in the evidence archive.

A capture never changes: the raw copy kept the first time it was read is that capture, so a
later run reads it from the archive instead of asking the Wayback Machine for it again, and a
run that makes no Internet Archive call at all (--no-wayback) still has it as evidence.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .evidence import EvidenceError, read_record
from .models import EvidenceRef, Fetch, Snapshot
from .status import LinkStatus
from .store import Store
from .storekeys import parse_iso

log = logging.getLogger(__name__)


class KeptCaptures:
    """The kept raw copies of captures by (original URL, timestamp), and for each cited URL
    the captures its last archive lookup named (closest and newest)."""

    def __init__(self, rows: dict[tuple[str, str], dict[str, Any]],
                 looked_up: dict[str, list[Snapshot]], first_records: Mapping[str, EvidenceRef],
                 archive_dir: Path) -> None:
        self._rows, self._looked_up = rows, looked_up
        self._first_records, self._archive_dir = first_records, archive_dir

    @classmethod
    def load(cls, store: Store, first_records: Mapping[str, EvidenceRef],
             archive_dir: Path) -> KeptCaptures:
        """What the database knows, read once at the start of the run's network work."""
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        readable = [str(LinkStatus.OK), str(LinkStatus.REDIRECTED)]
        for row in store.db.query(
                "select s.url as snapshot_url, s.timestamp, s.status_code, s.digest, s.mimetype, "
                "f.url, f.link_status, f.reason, f.fetched_at, f.http_status, f.final_url, "
                "f.content_type, f.sha256, f.size "  # what a copy is rebuilt from, no more
                "from fetches f join snapshots s on s.id = f.snapshot_id "
                "where f.kind = 'snapshot' and f.sha256 is not null and f.link_status in (?, ?) "
                "order by f.id", readable):
            rows[(row["snapshot_url"], row["timestamp"])] = row
        looked_up: dict[str, list[Snapshot]] = {}
        for url, *found in store.db.execute(
                "select al.url, c.url, c.timestamp, c.archive_url, n.url, n.timestamp, "
                "n.archive_url from archive_lookups al "
                "left join snapshots c on c.id = al.closest_id "
                "left join snapshots n on n.id = al.newest_id "
                "where al.run_id = (select max(a2.run_id) from archive_lookups a2 "
                "where a2.url = al.url and (a2.closest_id is not null "
                "or a2.newest_id is not null))"):
            looked_up[url] = [Snapshot(u, ts, archive) for u, ts, archive in
                              (found[:3], found[3:]) if u and ts and archive]
        return cls(rows, looked_up, first_records, archive_dir)

    def copy(self, snapshot: Snapshot) -> Fetch | None:
        """The kept raw copy of this capture, read from the archive; None when none was kept
        or its record cannot be read (then the capture is fetched as usual)."""
        row = self._rows.get((snapshot.url, snapshot.timestamp))
        ref = self._first_records.get(row["sha256"]) if row else None
        if row is None or ref is None:
            return None
        try:
            body = read_record(self._archive_dir, ref).body
        except (EvidenceError, OSError) as exc:
            log.info("kept copy of %s unreadable: %s", snapshot.archive_url, exc)
            return None
        fetched_at = parse_iso(row["fetched_at"])
        assert fetched_at is not None
        return Fetch(url=row["url"], link_status=LinkStatus(row["link_status"]),
                     reason=row["reason"] or "", fetched_at=fetched_at,
                     http_status=row["http_status"], final_url=row["final_url"],
                     content_type=row["content_type"], sha256=row["sha256"],
                     size=row["size"] or 0, evidence=ref, not_modified=True, body=body)

    def copies(self, url: str) -> list[tuple[Snapshot, Fetch]]:
        """The kept copies of the captures the URL's last archive lookup named (closest
        first): the archived evidence of a run that may not ask the Wayback Machine."""
        found: list[tuple[Snapshot, Fetch]] = []
        for snapshot in self._looked_up.get(url, []):
            kept = self._rows.get((snapshot.url, snapshot.timestamp))
            fetch = self.copy(snapshot)  # None when nothing was kept
            if kept and fetch and all(s.timestamp != snapshot.timestamp for s, _ in found):
                found.append((Snapshot(snapshot.url, snapshot.timestamp, snapshot.archive_url,
                                       kept["status_code"], kept["digest"], kept["mimetype"]),
                              fetch))
        return found
