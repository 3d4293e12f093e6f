"""The database's verdicts as JSON (a stable contract) or CSV, as of a run."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .errors import DatabaseError, InputError
from .reporting.data import replacement_rows
from .store import Store

CITATION_FIELDS = ["document", "url", "normalized_url", "kind", "line", "page", "link_status",
                   "reason", "http_status", "final_url", "archive_url", "newest_archive_url",
                   "checked_at"]
QUOTE_FIELDS = ["document", "text", "speaker", "source_url", "status", "score", "evidence",
                "line", "page", "checked_against", "sha256", "snapshot_url", "named_source",
                "note", "checked_at"]
REPLACEMENT_FIELDS = ["document", "document_path", "line", "page", "url", "link_status", "reason",
                      "http_status", "confirmed", "replacement_url", "replacement_timestamp",
                      "replacement_note"]


def chosen_run(store: Store, run_id: int | None) -> int:
    """The run asked for (it must exist), or the latest finished one."""
    if run_id is None:
        return latest_run(store)
    if store.db.execute("select 1 from runs where id = ?", [run_id]).fetchone() is None:
        raise InputError(f"no run {run_id} in {store.path}")
    return run_id


def latest_run(store: Store) -> int:
    row = store.db.execute(
        "select max(id) from runs where status in ('completed', 'interrupted')").fetchone()
    if not row or row[0] is None:
        raise DatabaseError(f"no finished run recorded in {store.path}")
    return int(row[0])


def citation_rows(store: Store, run_id: int) -> list[dict[str, Any]]:
    """Every URL citation of the run's documents with its latest link check and archive copy."""
    sql = """
        select d.name as document, c.url, coalesce(c.normalized_url, c.url) as normalized_url,
               c.kind, c.line, c.page, lc.link_status, lc.reason, f.http_status, f.final_url,
               lc.checked_at,
               (select s.archive_url from archive_lookups al join snapshots s on s.id = al.closest_id
                 where al.url = coalesce(c.normalized_url, c.url) and al.run_id <= :run
                 order by al.run_id desc limit 1) as archive_url,
               (select s.archive_url from archive_lookups al join snapshots s on s.id = al.newest_id
                 where al.url = coalesce(c.normalized_url, c.url) and al.run_id <= :run
                 order by al.run_id desc limit 1) as newest_archive_url
        from run_documents rd
        join documents d on d.id = rd.document_id
        join citations c on c.document_id = rd.document_id and c.doc_sha = rd.sha256
        left join link_checks lc on lc.url = coalesce(c.normalized_url, c.url) and lc.run_id = (
            select max(run_id) from link_checks l2
            where l2.url = coalesce(c.normalized_url, c.url) and l2.run_id <= :run)
        left join fetches f on f.id = lc.fetch_id
        where rd.run_id = :run and c.url is not null
        order by d.name, c.offset
    """
    rows = [dict(r) for r in store.db.query(sql, {"run": run_id})]
    for r in rows:
        r["archive_url"] = r["archive_url"] or r["newest_archive_url"]
    return rows


def quote_rows(store: Store, run_id: int) -> list[dict[str, Any]]:
    """Every quote of the run's documents with its best verdict as of the run."""
    sql = """
        select d.name as document, q.text, q.speaker, q.line, q.page, c.url as source_url,
               c.status, c.score, c.evidence, c.against as checked_against, c.sha256,
               s.archive_url as snapshot_url, c.note, c.checked_at,
               (select group_concat(ci.outlet, '; ') from quote_citations qc
                  join citations ci on ci.id = qc.citation_id
                  where qc.quote_id = q.id and ci.kind = 'named_source') as named_source
        from run_documents rd
        join documents d on d.id = rd.document_id
        join quotes q on q.document_id = rd.document_id and q.doc_sha = rd.sha256
        left join checks c on c.id = (
            select c2.id from checks c2 join quotes q2 on q2.id = c2.quote_id
            where q2.key = q.key and c2.best = 1 and c2.run_id <= :run
            order by c2.run_id desc limit 1)
        left join snapshots s on s.id = c.snapshot_id
        where rd.run_id = :run
        order by d.name, q.offset
    """
    rows = [dict(r) for r in store.db.query(sql, {"run": run_id})]
    for r in rows:
        r["source_url"] = r["source_url"] or None
    return rows


def export_json(store: Store, run_id: int | None = None) -> str:
    run_id = chosen_run(store, run_id)
    data = {"run": run_id, "citations": citation_rows(store, run_id),
            "quotes": quote_rows(store, run_id)}
    return json.dumps(data, ensure_ascii=False, indent=2)


def export_csv(store: Store, table: str, run_id: int | None = None) -> str:
    run_id = chosen_run(store, run_id)
    rows, fields = {
        "citations": (citation_rows, CITATION_FIELDS),
        "quotes": (quote_rows, QUOTE_FIELDS),
        "replacements": (replacement_rows, REPLACEMENT_FIELDS),
    }[table]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(store, run_id))
    return out.getvalue()
