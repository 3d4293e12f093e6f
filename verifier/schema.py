"""The database schema, and every migration from one version to the next, in one place.

A database records its schema version in `meta`; opening it runs the migrations it lacks.
Add a migration for every change, never edit an old one: a database of any earlier
version must reach the current one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from .errors import DatabaseError
from .storekeys import kept_source, quote_keys

SCHEMA_VERSION = 3
APP_ID = "verifier"


def _migrate_to_1(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("runs").create({
        "id": int, "started_at": str, "finished_at": str, "status": str, "pid": int,
        "host": str, "version": str, "inputs": str, "settings": str, "counts": str,
        "changes": str, "exit_status": int, "duration": float, "warnings": str,
    }, pk="id", not_null={"started_at", "status"})
    db.table("documents").create({
        "id": int, "source": str, "name": str, "format": str, "sha256": str, "title": str,
        "date": str, "date_source": str, "terms": str, "first_run": int, "last_run": int,
        "removed_run": int,
    }, pk="id", not_null={"source"})
    db.table("documents").create_index(["source"], unique=True)
    db.table("document_versions").create({"document_id": int, "sha256": str, "run_id": int},
                                   pk=("document_id", "sha256"))
    db.table("run_documents").create({"run_id": int, "document_id": int, "sha256": str},
                               pk=("run_id", "document_id"))
    db.table("citations").create({
        "id": int, "document_id": int, "doc_sha": str, "idx": int, "kind": str, "url": str,
        "normalized_url": str, "marker": str, "outlet": str, "cited_date": str, "line": int,
        "page": int, "offset": int, "context": str,
    }, pk="id", foreign_keys=[("document_id", "documents", "id")])
    db.table("citations").create_index(["document_id", "doc_sha", "idx"], unique=True)
    db.table("citations").create_index(["normalized_url"])
    db.table("quotes").create({
        "id": int, "document_id": int, "doc_sha": str, "idx": int, "key": str, "text": str,
        "speaker": str, "line": int, "page": int, "offset": int, "context": str,
    }, pk="id", foreign_keys=[("document_id", "documents", "id")])
    db.table("quotes").create_index(["document_id", "doc_sha", "idx"], unique=True)
    db.table("quotes").create_index(["key"])
    db.table("quote_citations").create({"quote_id": int, "citation_id": int},
                                 pk=("quote_id", "citation_id"),
                                 foreign_keys=[("quote_id", "quotes", "id"),
                                               ("citation_id", "citations", "id")])
    db.table("fetches").create({
        "id": int, "run_id": int, "url": str, "kind": str, "fetched_at": str,
        "link_status": str, "reason": str, "http_status": int, "final_url": str,
        "redirects": str, "attempts": str, "content_type": str, "headers": str,
        "sha256": str, "size": int, "truncated": int, "not_modified": int,
        "warc_path": str, "warc_offset": int, "warc_length": int, "language": str,
        "title": str, "snapshot_id": int,
    }, pk="id", foreign_keys=[("run_id", "runs", "id")])
    db.table("fetches").create_index(["url", "run_id"])
    db.table("fetches").create_index(["sha256"])
    db.table("link_checks").create({
        "run_id": int, "url": str, "fetch_id": int, "link_status": str, "reason": str,
        "checked_at": str, "confirmed": int,
    }, pk=("run_id", "url"))
    db.table("link_checks").create_index(["url", "run_id"])
    db.table("snapshots").create({
        "id": int, "url": str, "timestamp": str, "archive_url": str, "status_code": int,
        "digest": str, "mimetype": str, "first_seen_run": int,
    }, pk="id")
    db.table("snapshots").create_index(["url", "timestamp"], unique=True)
    db.table("archive_lookups").create({
        "run_id": int, "url": str, "closest_id": int, "newest_id": int, "error": str,
        "queued": int, "looked_up_at": str,
    }, pk=("run_id", "url"))
    db.table("archive_lookups").create_index(["url", "run_id"])
    db.table("checks").create({
        "id": int, "run_id": int, "quote_id": int, "url": str, "status": str, "score": float,
        "evidence": str, "highlight_start": int, "highlight_end": int, "evidence_offset": int,
        "diff": str, "against": str, "fetch_id": int, "snapshot_id": int, "sha256": str,
        "live_had_quote": int, "note": str, "checked_at": str, "best": int,
    }, pk="id", foreign_keys=[("run_id", "runs", "id"), ("quote_id", "quotes", "id")])
    db.table("checks").create_index(["run_id", "quote_id", "url"], unique=True)
    db.table("checks").create_index(["quote_id", "run_id"])
    db.table("saves").create({
        "id": int, "url": str, "job_id": str, "method": str, "status": str,
        "submitted_at": str, "updated_at": str, "archive_url": str, "timestamp": str,
        "error": str, "run_id": int, "attempts": int,
    }, pk="id")
    db.table("saves").create_index(["url"])
    db.table("wayback_queue").create({"url": str, "cited_date": str, "queued_run": int,
                                "reason": str}, pk="url")
    db.table("link_state").create({
        "url": str, "status": str, "last_checked": str, "next_check": str,
        "stable_checks": int, "failing_since": str, "failed_checks": int, "etag": str,
        "last_modified": str, "fetch_id": int, "confirmed": int,
    }, pk="url")
    db.table("quote_state").create({
        "key": str, "status": str, "last_checked": str, "next_check": str,
        "stable_checks": int,
    }, pk="key")


def _migrate_to_2(db: sqlite_utils.Database) -> None:
    """quote_state.urls: the cited URLs (a sorted JSON list) a quote's verdict was made
    against, so a quote whose document now cites other pages is checked again at once.
    Filled from each quote's latest checks."""
    db.execute("alter table quote_state add column urls text")
    latest: dict[str, set[str]] = {}
    for key, url in db.execute(
            """select q.key, c.url from checks c join quotes q on q.id = c.quote_id
               where c.run_id = (select max(c2.run_id) from checks c2 join quotes q2
                                 on q2.id = c2.quote_id where q2.key = q.key)"""):
        latest.setdefault(key, set()).update([url] if url else [])
    for key, found in latest.items():
        db.execute("update quote_state set urls = ? where key = ?",
                   [json.dumps(sorted(found)), key])


def _migrate_to_3(db: sqlite_utils.Database) -> None:
    """documents.source of a file inside the database's directory is kept relative to it
    (storekeys.kept_source), and its quotes' keys, which name their document, follow."""
    from itertools import groupby

    files = [row[2] for row in db.execute("pragma database_list") if row[1] == "main"]
    if not files or not files[0]:
        return
    home = Path(files[0]).resolve().parent
    keys: dict[str, str] = {}
    for document_id, source in db.execute("select id, source from documents").fetchall():
        kept = kept_source(source, home)
        if kept == source:
            continue
        db.execute("update documents set source = ? where id = ?", [kept, document_id])
        rows = db.execute("select id, doc_sha, text, key from quotes where document_id = ? "
                          "order by doc_sha, idx", [document_id]).fetchall()
        for _sha, grouped in groupby(rows, key=lambda r: r[1]):  # one version at a time
            version = list(grouped)
            renamed = quote_keys(kept, [text for _, _, text, _ in version])
            for (quote_id, _, _, key), new_key in zip(version, renamed, strict=True):
                keys[key] = new_key
                db.execute("update quotes set key = ? where id = ?", [new_key, quote_id])
    for old, new in keys.items():
        db.execute("update quote_state set key = ? where key = ?", [new, old])


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _migrate_to_1, 2: _migrate_to_2, 3: _migrate_to_3}


def refuse_foreign(path: Path) -> None:
    """Refuse files that are not SQLite or not ours, without writing to them."""
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseError(f"{path} is not a SQLite database; refusing to touch it")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
            app = None
            if "meta" in tables:
                row = conn.execute("select value from meta where key='app'").fetchone()
                app = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is not a usable SQLite database ({exc}); refusing to touch it") from None
    if tables and app != APP_ID:
        raise DatabaseError(f"{path} is a SQLite database of another program; refusing to touch it")
