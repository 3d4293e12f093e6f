"""Readable copies of fetched pages for the report, read back from the WARC evidence store.

A reviewer cannot open a WARC record in a browser, and must never get the raw page (its scripts
would run from the report's directory). So the report shows the page's text, extracted from the
exact bytes kept in the WARC file, after checking those bytes still have the recorded digest.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .pagetext import page_text
from .store import Store

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class ReadableCopy:
    sha256: str
    fetch: dict[str, Any]  # the first fetch row whose WARC record holds these bytes
    size: int
    text: str | None  # None: content without readable text (an image, an archive...)
    language: str | None


def readable_copy(store: Store, archive_dir: Path, sha256: str) -> ReadableCopy | None:
    """The text of the content with this digest, from the first WARC record that still holds
    exactly these bytes; None when no record does (moved, pruned or altered evidence)."""
    if not _SHA256.match(sha256 or ""):
        return None
    for fetch in store.rows("select * from fetches where sha256=? and warc_path is not null "
                            "order by id", [sha256]):
        found = read_payload(archive_dir, fetch["warc_path"], fetch["warc_offset"], sha256)
        if found is None:
            continue
        payload, content_type = found
        page = page_text(payload, content_type or fetch["content_type"])
        return ReadableCopy(sha256=sha256, fetch=dict(fetch), size=len(payload),
                            text=page.text if page else None,
                            language=page.language if page else None)
    return None


def read_payload(archive_dir: Path, warc_path: str, offset: int | None,
                 sha256: str) -> tuple[bytes, str | None] | None:
    """(payload, content type) of the WARC record at `offset` when its payload has the digest.

    The payload is tried as warcio decodes it (chunking and content-encoding removed) and as
    stored, since the evidence store records the body after transfer decoding.
    """
    root = archive_dir.resolve()
    path = (root / warc_path).resolve()
    if not path.is_relative_to(root) or offset is None or offset < 0:
        return None
    for decoded in (True, False):
        try:
            with open(path, "rb") as fh:
                fh.seek(offset)
                record = next(iter(ArchiveIterator(fh)), None)
                if record is None or record.rec_type not in ("response", "resource"):
                    return None
                headers = record.http_headers if record.rec_type == "response" else None
                content_type = (headers or record.rec_headers).get_header("Content-Type")
                stream = record.content_stream() if decoded else record.raw_stream
                payload = stream.read()
        except (OSError, ArchiveLoadFailed, ValueError, EOFError):
            return None
        except Exception:  # warcio surfaces decompression failures as assorted errors
            continue
        if hashlib.sha256(payload).hexdigest() == sha256:
            return payload, content_type
    return None
