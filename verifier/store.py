"""The SQLite provenance store: every run, document, citation, quote, fetch, snapshot and check.

History is append-only: a run adds rows and never rewrites an earlier run's. Each unit of
work (one document's extraction, one fetch, one quote's checks) is committed in its own
transaction, so a run killed at any moment leaves a consistent database. The schema and its
migrations live in schema.py and nowhere else.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from .errors import DatabaseError
from .models import (
    ArchiveInfo,
    Citation,
    Document,
    EvidenceRef,
    Extraction,
    Fetch,
    Quote,
    SaveJob,
    Snapshot,
    Verdict,
)
from .schema import APP_ID, MIGRATIONS, SCHEMA_VERSION, refuse_foreign
from .storekeys import (
    fetch_key_live,
    fetch_key_snapshot,
    kept_source,
    parse_iso,
    quote_keys,
    utc_iso,
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


class Store:
    """A verifier database. Open with `Store.open(path)`; every write is its own transaction."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path
        self.home = path.resolve().parent  # documents inside it are kept relative to it
        self._statements: dict[tuple[str, str, tuple[str, ...]], str] = {}

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """Open (and create or migrate) a database; refuse, untouched, anything not ours."""
        path = Path(path)
        exists = path.exists() and path.stat().st_size > 0
        if not exists and not create:
            raise DatabaseError(f"no database at {path}")
        if exists:
            refuse_foreign(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseError(f"cannot open database {path}: {exc}") from None
        db = sqlite_utils.Database(conn)
        store = cls(db, path)
        try:
            store._prepare()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise DatabaseError(f"cannot use database {path}: {exc}") from None
        return store

    def _prepare(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{self.path} was written by a newer verifier (schema {version}, this one "
                f"understands up to {SCHEMA_VERSION}); upgrade verifier")
        self.db.conn.execute("PRAGMA journal_mode=WAL")
        self.db.conn.execute("PRAGMA synchronous=NORMAL")
        self.db.conn.execute("PRAGMA foreign_keys=ON")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.db.atomic():
                MIGRATIONS[target](self.db)
                self.db.table("meta").upsert({"key": "app", "value": APP_ID}, pk="key")
                self.db.table("meta").upsert({"key": "schema_version", "value": str(target)}, pk="key")

    def schema_version(self) -> int:
        if "meta" not in self.db.table_names():
            return 0
        row = self.db.execute("select value from meta where key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        self.db.close()

    # Writes in the hot path are plain SQL statements, built once per table and column set:
    # sqlite_utils' insert/upsert/update inspect the table and open a savepoint on every call,
    # which cost several times the write itself. Callers hold the transaction (db.atomic()).
    def _insert(self, name: str, record: dict[str, Any]) -> int:
        sql = self._statement("insert", name, tuple(record))
        rowid = self.db.conn.execute(sql, list(record.values())).lastrowid
        return int(rowid or 0)

    def _upsert(self, name: str, record: dict[str, Any], pk: tuple[str, ...]) -> None:
        """Insert the row, or update the given columns of the row with the same key."""
        self.db.conn.execute(self._statement("upsert", name, tuple(record), pk),
                             list(record.values()))

    def _update(self, name: str, row_id: int, fields: dict[str, Any]) -> None:
        self.db.conn.execute(self._statement("update", name, tuple(fields)),
                             [*fields.values(), row_id])

    def _get(self, name: str, row_id: int) -> dict[str, Any]:
        cursor = self.db.conn.execute(f"select * from [{name}] where id = ?", [row_id])
        row = cursor.fetchone()
        if row is None:
            raise DatabaseError(f"no row {row_id} in {name}")
        return {d[0]: value for d, value in zip(cursor.description, row, strict=True)}

    def _statement(self, kind: str, name: str, columns: tuple[str, ...],
                   pk: tuple[str, ...] = ()) -> str:
        key = (kind, name, columns + pk)
        sql = self._statements.get(key)
        if sql is None:
            names = ", ".join(f"[{c}]" for c in columns)
            marks = ", ".join("?" for _ in columns)
            if kind == "update":
                sets = ", ".join(f"[{c}] = ?" for c in columns)
                sql = f"update [{name}] set {sets} where id = ?"
            elif kind == "upsert":
                changes = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in pk)
                target = ", ".join(f"[{c}]" for c in pk)
                sql = (f"insert into [{name}] ({names}) values ({marks}) on conflict ({target}) "
                       + (f"do update set {changes}" if changes else "do nothing"))
            else:
                sql = f"insert into [{name}] ({names}) values ({marks})"
            self._statements[key] = sql
        return sql

    # -- runs -----------------------------------------------------------------------------
    def start_run(self, *, inputs: Sequence[str], settings: dict[str, Any], pid: int,
                  host: str, version: str, started_at: datetime | None = None) -> int:
        with self.db.atomic():
            return self._insert("runs", {
                "started_at": utc_iso(started_at), "status": "running", "pid": pid, "host": host,
                "version": version, "inputs": _dumps(list(inputs)), "settings": _dumps(settings),
            })

    def finish_run(self, run_id: int, *, status: str, counts: dict[str, Any],
                   changes: dict[str, Any], exit_status: int, warnings: Sequence[str],
                   finished_at: datetime | None = None) -> None:
        finished = finished_at or datetime.now(UTC)
        started = parse_iso(self._get("runs", run_id)["started_at"])
        duration = (finished - started).total_seconds() if started else None
        with self.db.atomic():
            self._update("runs", run_id, {
                "finished_at": utc_iso(finished), "status": status, "counts": _dumps(counts),
                "changes": _dumps(changes), "exit_status": exit_status, "duration": duration,
                "warnings": _dumps(list(warnings)),
            })
            if status == "interrupted":
                self._carry_over_documents(run_id)

    def close_abandoned_runs(self) -> list[int]:
        """Mark runs left 'running' as interrupted. Call only while holding the run lock:
        then no other process can be running them."""
        abandoned = [r["id"] for r in self.db.query("select id from runs where status='running'")]
        with self.db.atomic():
            for run_id in abandoned:
                self._update("runs", run_id, {"status": "interrupted"})
                self._carry_over_documents(run_id)
        return abandoned

    def _carry_over_documents(self, run_id: int) -> None:
        """The documents of a run stopped before it read them all: those it read, and the
        rest as the last completed run before it left them (unless this run found them
        removed). The state as of the run (its export, report, counts) then covers the whole
        corpus, with the verdicts it did record."""
        previous = self.previous_run(run_id)
        if previous is None:
            return
        self.db.execute(
            """insert or ignore into run_documents (run_id, document_id, sha256)
               select ?, rd.document_id, rd.sha256 from run_documents rd
               join documents d on d.id = rd.document_id
               where rd.run_id = ? and (d.removed_run is null or d.removed_run != ?)""",
            [run_id, previous, run_id])

    def previous_run(self, run_id: int) -> int | None:
        """The last completed run before this one: what a run is compared with."""
        row = self.db.execute("select max(id) from runs where id < ? and status = 'completed'",
                              [run_id]).fetchone()
        return row[0] if row and row[0] is not None else None

    # -- documents --------------------------------------------------------------------------
    def document_row(self, source: str) -> dict[str, Any] | None:
        """The document with this source (an absolute path or a URL), its source as given."""
        row = self._document_row(source)
        return {**row, "source": self.local_source(row["source"])} if row else None

    def _document_row(self, source: str) -> dict[str, Any] | None:
        """The row as kept; a file inside the database's directory may be kept by its
        absolute path still (recorded while the database was elsewhere)."""
        kept = kept_source(source, self.home)
        for key in dict.fromkeys((kept, source)):
            rows = list(self.db.query("select * from documents where source = ?", [key]))
            if rows:
                return rows[0]
        return None

    def local_source(self, kept: str) -> str:
        """A kept source as the documents stage names it: an absolute path, or a URL."""
        if kept.startswith(("http://", "https://")) or Path(kept).is_absolute():
            return kept
        return str(self.home / kept)

    def present_documents(self) -> list[tuple[int, str]]:
        """(id, source as given) of every document not marked removed."""
        return [(r["id"], self.local_source(r["source"])) for r in
                self.db.query("select id, source from documents where removed_run is null")]

    def has_extraction(self, document_id: int, sha256: str) -> bool:
        return self.db.execute(
            "select 1 from document_versions where document_id=? and sha256=? limit 1",
            [document_id, sha256]).fetchone() is not None

    def save_extraction(self, run_id: int, extraction: Extraction) -> int:
        """Record a (new version of a) document and everything extracted from it."""
        doc = extraction.document
        with self.db.atomic():
            row = self._document_row(doc.source)
            source = row["source"] if row else kept_source(doc.source, self.home)
            fields = {
                "source": source, "name": doc.name, "format": doc.format,
                "sha256": doc.sha256, "title": doc.title, "date": _date(doc.date),
                "date_source": doc.date_source, "terms": _dumps(extraction.terms),
                "last_run": run_id, "removed_run": None,
            }
            if row is None:
                document_id = self._insert("documents", {**fields, "first_run": run_id})
            else:
                document_id = row["id"]
                self._update("documents", document_id, fields)
            if self.has_extraction(document_id, doc.sha256):
                self._see(run_id, document_id, doc.sha256)
                return document_id
            self._insert("document_versions",
                         {"document_id": document_id, "sha256": doc.sha256, "run_id": run_id})
            citation_ids = []
            for idx, c in enumerate(extraction.citations):
                citation_ids.append(self._insert("citations", {
                    "document_id": document_id, "doc_sha": doc.sha256, "idx": idx,
                    "kind": c.kind, "url": c.url, "normalized_url": c.normalized_url,
                    "marker": c.marker, "outlet": c.outlet, "cited_date": _date(c.cited_date),
                    "line": c.line, "page": c.page, "offset": c.offset, "context": c.context,
                }))
            keys = quote_keys(source, (q.text for q in extraction.quotes))
            for idx, (q, key) in enumerate(zip(extraction.quotes, keys, strict=True)):
                quote_id = self._insert("quotes", {
                    "document_id": document_id, "doc_sha": doc.sha256, "idx": idx,
                    "key": key, "text": q.text,
                    "speaker": q.speaker, "line": q.line, "page": q.page, "offset": q.offset,
                    "context": q.context,
                })
                for ci in sorted(set(q.citations)):
                    if 0 <= ci < len(citation_ids):
                        self._insert("quote_citations",
                                     {"quote_id": quote_id, "citation_id": citation_ids[ci]})
            self._see(run_id, document_id, doc.sha256)
        return document_id

    def mark_seen(self, run_id: int, document_id: int, sha256: str) -> None:
        with self.db.atomic():
            self._see(run_id, document_id, sha256)

    def _see(self, run_id: int, document_id: int, sha256: str) -> None:
        self._update("documents", document_id, {"last_run": run_id, "removed_run": None})
        self._upsert("run_documents",
                     {"run_id": run_id, "document_id": document_id, "sha256": sha256},
                     pk=("run_id", "document_id"))

    def mark_removed(self, run_id: int, document_ids: Sequence[int]) -> None:
        with self.db.atomic():
            for document_id in document_ids:
                self._update("documents", document_id, {"removed_run": run_id})

    def load_extraction(self, document_id: int) -> tuple[Extraction, list[int]]:
        """Rebuild a stored document's extraction (text not kept) and its quote ids."""
        row = self._get("documents", document_id)
        doc = Document(source=self.local_source(row["source"]), name=row["name"],
                       format=row["format"],
                       sha256=row["sha256"], text="", title=row["title"] or "",
                       date=date.fromisoformat(row["date"]) if row["date"] else None,
                       date_source=row["date_source"] or "")
        citations: list[Citation] = []
        citation_index: dict[int, int] = {}
        for c in self.db.query("select * from citations where document_id=? and doc_sha=? "
                               "order by idx", [document_id, row["sha256"]]):
            citation_index[c["id"]] = len(citations)
            citations.append(Citation(
                kind=c["kind"], offset=c["offset"], line=c["line"], page=c["page"],
                context=c["context"] or "", url=c["url"], normalized_url=c["normalized_url"],
                marker=c["marker"], outlet=c["outlet"],
                cited_date=date.fromisoformat(c["cited_date"]) if c["cited_date"] else None))
        quotes, quote_ids = [], []
        links: dict[int, list[int]] = {}
        for quote_id, citation_id in self.db.execute(
                "select qc.quote_id, qc.citation_id from quote_citations qc join quotes q "
                "on q.id = qc.quote_id where q.document_id=? and q.doc_sha=?",
                [document_id, row["sha256"]]):
            links.setdefault(quote_id, []).append(citation_id)
        for q in self.db.query("select * from quotes where document_id=? and doc_sha=? "
                               "order by idx", [document_id, row["sha256"]]):
            linked = [citation_index[c] for c in links.get(q["id"], []) if c in citation_index]
            quotes.append(Quote(text=q["text"], offset=q["offset"], line=q["line"],
                                page=q["page"], speaker=q["speaker"], context=q["context"] or "",
                                citations=sorted(linked)))
            quote_ids.append(q["id"])
        terms = json.loads(row["terms"] or "[]")
        return Extraction(doc, citations, quotes, terms), quote_ids

    def quote_ids(self, document_id: int, sha256: str) -> list[int]:
        return [r[0] for r in self.db.execute(
            "select id from quotes where document_id=? and doc_sha=? order by idx",
            [document_id, sha256])]

    # -- fetches and link checks ------------------------------------------------------------------
    def save_fetch(self, run_id: int, fetch: Fetch, *, kind: str = "live",
                   snapshot_id: int | None = None,
                   link_state: dict[str, Any] | None = None) -> int:
        """Record one fetch. A live fetch is also this run's check of the link, stored in the
        same transaction as the link's new incremental state."""
        with self.db.atomic():
            fetch_id = self._insert_fetch(run_id, fetch, kind, snapshot_id)
            if kind == "live":
                confirmed = bool(link_state and link_state.get("confirmed"))
                self._upsert("link_checks", {
                    "run_id": run_id, "url": fetch.url, "fetch_id": fetch_id,
                    "link_status": str(fetch.link_status), "reason": fetch.reason,
                    "checked_at": utc_iso(fetch.fetched_at), "confirmed": int(confirmed),
                }, pk=("run_id", "url"))
            if link_state is not None:
                self._upsert("link_state", {**link_state, "fetch_id": fetch_id}, pk=("url",))
        return fetch_id

    def _insert_fetch(self, run_id: int, fetch: Fetch, kind: str, snapshot_id: int | None) -> int:
        ev = fetch.evidence
        return self._insert("fetches", {
            "run_id": run_id, "url": fetch.url, "kind": kind,
            "fetched_at": utc_iso(fetch.fetched_at), "link_status": str(fetch.link_status),
            "reason": fetch.reason, "http_status": fetch.http_status, "final_url": fetch.final_url,
            "redirects": _dumps([{"url": h.url, "status": h.status, "location": h.location}
                                 for h in fetch.redirects]),
            "attempts": _dumps([{"at": utc_iso(a.at), "outcome": a.outcome, "elapsed": a.elapsed,
                                 "waited": a.waited} for a in fetch.attempts]),
            "content_type": fetch.content_type, "headers": _dumps(fetch.headers),
            "sha256": fetch.sha256, "size": fetch.size, "truncated": int(fetch.truncated),
            "not_modified": int(fetch.not_modified),
            "warc_path": ev.warc_path if ev else None, "warc_offset": ev.offset if ev else None,
            "warc_length": ev.length if ev else None,
            "language": fetch.page.language if fetch.page else None,
            "title": fetch.page.title if fetch.page else None, "snapshot_id": snapshot_id,
        })

    def fetch_row(self, fetch_id: int) -> dict[str, Any]:
        return self._get("fetches", fetch_id)

    def runs_killed_since_completed(self) -> list[int]:
        """The runs stopped (killed, interrupted, failed) after the last completed one."""
        return [r[0] for r in self.db.execute(
            "select id from runs where status in ('interrupted', 'failed') and id > "
            "coalesce((select max(id) from runs where status = 'completed'), 0) order by id")]

    def known_evidence(self) -> dict[str, EvidenceRef]:
        """The first WARC record of every payload kept so far, by sha256: a run writes a
        payload seen before as a revisit of it, never a second copy."""
        known: dict[str, EvidenceRef] = {}
        for path, offset, length, sha in self.db.execute(
                "select warc_path, warc_offset, warc_length, sha256 from fetches "
                "where warc_path is not null and sha256 is not null order by id"):
            known.setdefault(sha, EvidenceRef(path, offset, length, sha))
        return known

    # -- the Wayback Machine --------------------------------------------------------------------
    def save_snapshot(self, snapshot: Snapshot, run_id: int) -> int:
        with self.db.atomic():
            row = self.db.execute("select id from snapshots where url=? and timestamp=?",
                                  [snapshot.url, snapshot.timestamp]).fetchone()
            if row:
                return int(row[0])
            return self._insert("snapshots", {
                "url": snapshot.url, "timestamp": snapshot.timestamp,
                "archive_url": snapshot.archive_url, "status_code": snapshot.status_code,
                "digest": snapshot.digest, "mimetype": snapshot.mimetype,
                "first_seen_run": run_id,
            })

    def save_archive_info(self, run_id: int, url: str, info: ArchiveInfo) -> None:
        closest = self.save_snapshot(info.closest, run_id) if info.closest else None
        newest = self.save_snapshot(info.newest, run_id) if info.newest else None
        with self.db.atomic():
            self.db.table("archive_lookups").upsert({
                "run_id": run_id, "url": url, "closest_id": closest, "newest_id": newest,
                "error": info.error, "queued": int(info.queued), "looked_up_at": utc_iso(),
            }, pk=("run_id", "url"))
            if info.queued:
                self.db.table("wayback_queue").upsert({"url": url, "queued_run": run_id,
                                                 "reason": info.error or "budget"}, pk="url")
            else:
                self.db.execute("delete from wayback_queue where url=?", [url])

    def queued_urls(self) -> list[str]:
        return [r[0] for r in self.db.execute("select url from wayback_queue order by queued_run")]

    def save_job(self, run_id: int, job: SaveJob) -> None:
        """Insert or update a Save Page Now job: one pending save per URL at a time."""
        record = {
            "url": job.url, "job_id": job.job_id, "method": job.method, "status": job.status,
            "submitted_at": utc_iso(job.submitted_at) if job.submitted_at else None,
            "updated_at": utc_iso(), "archive_url": job.archive_url, "timestamp": job.timestamp,
            "error": job.error, "run_id": run_id, "attempts": job.attempts,
        }
        with self.db.atomic():
            row = self.db.execute(
                "select id from saves where (job_id is not null and job_id=?) "
                "or (url=? and status='pending') order by id desc limit 1",
                [job.job_id, job.url]).fetchone()
            if row:
                self.db.table("saves").update(row[0], record)
            else:
                self.db.table("saves").insert(record)

    def pending_saves(self) -> list[SaveJob]:
        """Saves an earlier run left unfinished, oldest first."""
        return [SaveJob(url=r["url"], job_id=r["job_id"], submitted_at=parse_iso(r["submitted_at"]),
                        status=r["status"], archive_url=r["archive_url"], timestamp=r["timestamp"],
                        error=r["error"], method=r["method"] or "", attempts=r["attempts"] or 0)
                for r in self.db.query("select * from saves where status='pending' order by id")]

    # -- checks -------------------------------------------------------------------------------------
    def save_checks(self, run_id: int, quote_id: int, verdicts: Sequence[Verdict],
                    best: Verdict, fetch_ids: dict[str, int],
                    snapshot_ids: dict[tuple[str, str], int],
                    quote_state: dict[str, Any] | None = None) -> None:
        """Record a quote's verdict per cited URL (the best one flagged), and the quote's new
        incremental state when given, in one transaction."""
        with self.db.atomic():
            if quote_state is not None:
                self._upsert("quote_state", quote_state, pk=("key",))
            self.db.execute("delete from checks where run_id=? and quote_id=?", [run_id, quote_id])
            for v in verdicts:
                snapshot_id = None
                if v.snapshot:
                    snapshot_id = snapshot_ids.get((v.snapshot.url, v.snapshot.timestamp))
                    if snapshot_id is None:
                        snapshot_id = self.save_snapshot(v.snapshot, run_id)
                self._insert("checks", {
                    "run_id": run_id, "quote_id": quote_id, "url": v.url or "",
                    "status": str(v.status), "score": round(v.score, 4), "evidence": v.evidence,
                    "highlight_start": v.highlight[0] if v.highlight else None,
                    "highlight_end": v.highlight[1] if v.highlight else None,
                    "evidence_offset": v.evidence_offset,
                    "diff": _dumps([asdict(d) for d in v.diff]) if v.diff else None,
                    "against": v.against,
                    "fetch_id": fetch_ids.get(_fetch_key(v)),
                    "snapshot_id": snapshot_id, "sha256": v.sha256,
                    "live_had_quote": None if v.live_had_quote is None else int(v.live_had_quote),
                    "note": v.note, "checked_at": utc_iso(v.checked_at),
                    "best": int(v is best),
                })

    # -- incremental state ----------------------------------------------------------------------------
    def link_state(self, url: str) -> dict[str, Any] | None:
        rows = list(self.db.query("select * from link_state where url=?", [url]))
        return rows[0] if rows else None

    def link_states(self, urls: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The stored state of each of these links that has one, in a few queries."""
        return self._rows_by("link_state", "url", urls)

    def quote_states(self, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        return self._rows_by("quote_state", "key", keys)

    def _rows_by(self, table: str, column: str, values: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(values))
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.query(f"select * from [{table}] where [{column}] in ({marks})", chunk):
                found[row[column]] = row
        return found

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        return self.db.query(sql, list(params))


def _fetch_key(v: Verdict) -> str:
    """The key the checking stage filed the fetch this verdict was made against under."""
    if v.against == "snapshot" and v.snapshot:
        return fetch_key_snapshot(v.snapshot)
    return fetch_key_live(v.url or "")
