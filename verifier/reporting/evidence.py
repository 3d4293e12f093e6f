"""Readable copies of fetched pages for the report, read back from the WARC evidence store.

A reviewer cannot open a WARC record in a browser, and must never get the raw page (its scripts
would run from the report's directory). So the report shows the page's text, extracted from the
exact bytes kept in the WARC file, after checking those bytes still have the recorded digest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..evidence import EvidenceError, read_record
from ..models import EvidenceRef, timestamp_datetime
from ..pagetext import page_text
from ..store import Store

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class ReadableCopy:
    sha256: str
    fetch: dict[str, Any]  # the first fetch row whose WARC record holds these bytes
    size: int
    text: str | None  # None: content without readable text (an image, an archive...)
    language: str | None
    captured_at: datetime | None = None  # a Wayback copy's capture time: which capture it is


def readable_copy(store: Store, archive_dir: Path, sha256: str) -> ReadableCopy | None:
    """The text of the content with this digest, from the first WARC record that still holds
    exactly these bytes; None when no record does (moved, pruned or altered evidence)."""
    if not _SHA256.match(sha256 or ""):
        return None
    for fetch in store.rows("select * from fetches where sha256=? and warc_path is not null "
                            "order by id", [sha256]):
        found = read_payload(archive_dir, fetch["warc_path"], fetch["warc_offset"],
                             fetch["warc_length"], sha256)
        if found is None:
            continue
        payload, content_type = found
        page = page_text(payload, content_type or fetch["content_type"])
        return ReadableCopy(sha256=sha256, fetch=dict(fetch), size=len(payload),
                            text=page.text if page else None,
                            language=page.language if page else None,
                            captured_at=_captured_at(store, fetch["snapshot_id"]))
    return None


def read_payload(archive_dir: Path, warc_path: str, offset: int | None, length: int | None,
                 sha256: str) -> tuple[bytes, str | None] | None:
    """(payload, content type) of the evidence record, only if it still has the digest and
    lies inside the archive directory."""
    root = archive_dir.resolve()
    if not (root / warc_path).resolve().is_relative_to(root) or offset is None or offset < 0 \
            or not length:
        return None
    try:
        stored = read_record(root, EvidenceRef(warc_path, offset, length, sha256))
    except EvidenceError:
        return None
    return stored.body, stored.header("Content-Type")


def _captured_at(store: Store, snapshot_id: int | None) -> datetime | None:
    """When the Wayback capture a copy was read from was made (None for a live copy)."""
    if snapshot_id is None:
        return None
    for row in store.rows("select timestamp from snapshots where id=?", [snapshot_id]):
        try:
            return timestamp_datetime(row["timestamp"]).replace(tzinfo=UTC)
        except ValueError:
            return None
    return None
