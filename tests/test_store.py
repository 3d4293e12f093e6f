"""The provenance store: real SQLite files, append-only history, refusal of foreign files."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from verifier.errors import DatabaseError
from verifier.models import Citation, Document, Extraction, Fetch, Quote, Verdict
from verifier.schema import SCHEMA_VERSION
from verifier.status import LinkStatus, QuoteStatus
from verifier.store import Store
from verifier.storekeys import fetch_key_live

NOW = datetime(2026, 11, 21, 4, 12, tzinfo=UTC)


def _extraction(sha: str = "a" * 64, text: str = "“Words,” he said.") -> Extraction:
    doc = Document(source="/corpus/a.txt", name="a.txt", format="txt", sha256=sha, text=text,
                   title="A", date=date(2009, 12, 15), date_source="text")
    cites = [Citation(kind="footnote", offset=20, line=3, url="http://example.test/x.",
                      normalized_url="http://example.test/x", marker="1", context="1 http://…")]
    quotes = [Quote(text="Words", offset=1, line=1, speaker="Ali Khamenei", citations=[0])]
    return Extraction(doc, cites, quotes, terms=["resistance"])


def _run(store: Store) -> int:
    return store.start_run(inputs=["seeds"], settings={}, pid=1, host="h", version="t",
                           started_at=NOW)


def test_creates_schema_in_wal_mode(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "v.db")
    assert store.schema_version() == SCHEMA_VERSION
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    store.close()


def test_extraction_round_trip_and_one_version_per_hash(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "v.db")
    run = _run(store)
    doc_id = store.save_extraction(run, _extraction())
    again = store.save_extraction(run, _extraction())  # same content: nothing new
    assert again == doc_id
    assert store.db.execute("select count(*) from quotes").fetchone()[0] == 1
    extraction, quote_ids = store.load_extraction(doc_id)
    assert extraction.document.date == date(2009, 12, 15)
    assert extraction.quotes[0].speaker == "Ali Khamenei"
    assert extraction.quotes[0].citations == [0]
    assert extraction.citations[0].url == "http://example.test/x."
    assert extraction.terms == ["resistance"]
    assert len(quote_ids) == 1


def test_history_is_append_only_across_runs(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "v.db")
    for status in (QuoteStatus.VERIFIED, QuoteStatus.NOT_FOUND):
        run = _run(store)
        doc_id = store.save_extraction(run, _extraction())
        qid = store.quote_ids(doc_id, "a" * 64)[0]
        fetch = Fetch(url="http://example.test/x", link_status=LinkStatus.OK, reason="200 OK",
                      fetched_at=NOW, http_status=200, sha256=hashlib.sha256(b"x").hexdigest())
        fid = store.save_fetch(run, fetch)
        v = Verdict(url="http://example.test/x", status=status, score=1.0, against="live",
                    sha256=fetch.sha256, checked_at=NOW)
        store.save_checks(run, qid, [v], v, {fetch_key_live(v.url or ""): fid}, {})
        store.finish_run(run, status="completed", counts={}, changes={}, exit_status=0,
                         warnings=[])
    rows = list(store.rows("select run_id, status, fetch_id from checks order by run_id"))
    assert [(r["run_id"], r["status"]) for r in rows] == [(1, "verified"), (2, "not_found")]
    assert all(r["fetch_id"] for r in rows)


def test_refuses_a_file_that_is_not_sqlite_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        Store.open(path)
    assert path.read_bytes() == before
    assert not Path(str(path) + "-wal").exists()


def test_refuses_another_programs_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("create table photos (id integer primary key, name text)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="another program"):
        Store.open(path)
    assert path.read_bytes() == before


def test_refuses_a_newer_schema_untouched(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("update meta set value='99' where key='schema_version'")
    conn.commit()
    conn.execute("pragma journal_mode=delete")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer verifier"):
        Store.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("ending", ["stopped", "killed"])
def test_a_run_stopped_before_reading_every_document_keeps_the_rest_of_the_corpus(
        tmp_path: Path, ending: str) -> None:
    """Its state (export, report) covers the documents it did not reach, as the last
    completed run left them, but none it found removed."""
    store = Store.open(tmp_path / "v.db")
    first = _run(store)
    a = store.save_extraction(first, _extraction())
    b_doc = replace(_extraction("b" * 64).document, source="/corpus/b.txt", name="b.txt")
    b = store.save_extraction(first, replace(_extraction("b" * 64), document=b_doc))
    c_doc = replace(_extraction("c" * 64).document, source="/corpus/c.txt", name="c.txt")
    c = store.save_extraction(first, replace(_extraction("c" * 64), document=c_doc))
    store.finish_run(first, status="completed", counts={}, changes={}, exit_status=0, warnings=[])
    second = _run(store)
    store.save_extraction(second, _extraction("d" * 64))  # a.txt edited: its new version read
    store.mark_removed(second, [c])
    if ending == "stopped":
        store.finish_run(second, status="interrupted", counts={}, changes={}, exit_status=130,
                         warnings=[])
    else:
        assert store.close_abandoned_runs() == [second]
    rows = {(r["document_id"], r["sha256"]) for r in store.rows(
        "select document_id, sha256 from run_documents where run_id = ?", [second])}
    assert rows == {(a, "d" * 64), (b, "b" * 64)}
    store.close()


def test_runs_killed_since_the_last_completed_one(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "v.db")
    runs = [_run(store) for _ in range(5)]
    for run, status in zip(runs, ["interrupted", "completed", "interrupted", "failed", "running"],
                           strict=True):
        store.finish_run(run, status=status, counts={}, changes={}, exit_status=0, warnings=[])
    assert store.runs_killed_since_completed() == runs[2:4]
