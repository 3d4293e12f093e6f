"""Held-out nightly scenarios: one corpus run night after night on an injected clock, the way
cron runs it, with the web and the Wayback Machine changing between nights. Every expectation
was written down before the code ran on it, as a nightly user with their own corpus would
expect it.

First run: 17 of 28. Three expectations were the test's own mistakes, corrected: the
fetcher's not-found probe (one random path per host) counted as a page fetched (2 scenarios),
and a first --quiet run expected to list its failing quotes, which by design prints the counts
only. The other eight misses, each fixed by a general change with its own test:
- a document reverted to a version extracted before: the run checked the quotes of the
  version extracted last;
- `status --url` counted every failed check the link ever had, not those of its current spell;
- a lowered (or raised) re-check interval waited for the next check computed under the old one
  (2 scenarios);
- a quote held back while its link failed unconfirmed was never reported, not even once the
  link was confirmed dead;
- a quote whose note now cites another page kept its verdict about the old one until its
  interval passed;
- stopped as it started, a night's run left an empty export (its documents were those it read);
- a working directory copied elsewhere with its database: every document was new there,
  checked and its failing quotes reported again.
28 of 28 after those fixes; no expectation was changed."""

from __future__ import annotations

import contextlib
import functools
import json
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import CliResult, subprocess_env
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply, Request

import verifier
import verifier.pipeline as pipeline
from verifier.config import load_settings
from verifier.status import ExitStatus

T0 = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
PROBE = re.compile(r"/[0-9a-f]{24}")
ORIGINAL_RUN = pipeline.run

SAID = {
    "harbour": "the harbour will reopen next spring after the repairs are finished",
    "bridge": "the old bridge across the river will be closed to heavy lorries from March",
    "school": "every primary school in the district will get a new library by next year",
    "clinic": "the rural clinic will stay open on weekends throughout the coming winter",
    "ferry": "the night ferry to the islands will run twice a week during the summer",
}
SPEAKER = {"harbour": "Minister Jane Roe", "bridge": "Mayor Tom Field",
           "school": "Councillor Ann Lee", "clinic": "Doctor Sam Hart",
           "ferry": "Captain Ola Berg"}
UNRELATED = ("<html lang='en'><body><p>Weather today: light rain in the morning, clearing "
             "by the afternoon, with a fresh wind from the west.</p></body></html>")


def at(day: float) -> datetime:
    return T0 + timedelta(days=day)


def page(*keys: str, changed: dict[str, str] | None = None) -> str:
    """A news page saying the given sentences (with words swapped per `changed`)."""
    paragraphs = []
    for key in keys:
        text = SAID[key]
        for old, new in (changed or {}).items():
            text = text.replace(old, new)
        paragraphs.append(f"<p>The official said {text}.</p>")
    return ("<html lang='en'><head><title>Local news</title></head><body><h1>Local news</h1>"
            + "".join(paragraphs) + "</body></html>")


def write_doc(path: Path, entries: list[tuple[str, str]]) -> str:
    """A plain-text document quoting SAID[key] with a numbered note citing url, per entry."""
    lines = [f"{SPEAKER[key]} said that “{SAID[key]}.”{i}\n"
             for i, (key, _) in enumerate(entries, 1)]
    notes = [f"{i} {url}\n" for i, (_, url) in enumerate(entries, 1)]
    text = "\n".join(lines + notes)
    path.write_text(text, encoding="utf-8")
    return text


class Nights:
    """A corpus under root/docs, its database and evidence under root, runs on given days."""

    def __init__(self, root: Path, web: FixtureWeb, wayback: FakeWayback, **settings: Any) -> None:
        self.root, self.web, self.wayback = root, web, wayback
        self.docs = root / "docs"
        self.docs.mkdir(parents=True, exist_ok=True)
        self.extra = {"save": "never", **settings}
        self.last_requests: list[Request] = []

    def overrides(self, **extra: Any) -> dict[str, Any]:
        return {"db": str(self.root / "v.db"), "archive_dir": str(self.root / "archive"),
                "report_dir": str(self.root / "reports"), "allow_private_hosts": True,
                "wayback_url": self.wayback.base, "wayback_lookups_per_minute": 6000.0,
                "wayback_saves_per_minute": 6000.0, "retries": 0, **self.extra, **extra}

    def settings(self, **extra: Any) -> verifier.Settings:
        return load_settings(env={}, cwd=self.root, overrides=self.overrides(**extra))

    def run(self, day: float, **extra: Any) -> verifier.RunResult:
        before = len(self.web.requests)
        try:
            return verifier.run([str(self.docs)], self.settings(**extra), now=lambda: at(day))
        finally:
            self.last_requests = self.web.requests[before:]

    def paths(self) -> list[str]:
        """The pages requested during the last run, leaving out the fetcher's not-found probes
        (a random path asked once per host and run)."""
        return [r.path for r in self.last_requests if not PROBE.fullmatch(r.path)]

    def fetched(self, path: str) -> int:
        """Requests for path during the last run."""
        return sum(1 for r in self.last_requests if r.path == path)

    def write_config(self) -> None:
        """verifier.toml in root with the same settings, for the CLI run from root."""
        lines = []
        for name, value in self.overrides().items():
            if isinstance(value, bool):
                lines.append(f"{name} = {'true' if value else 'false'}")
            elif isinstance(value, int | float):
                lines.append(f"{name} = {value}")
            else:
                lines.append(f"{name} = {json.dumps(value)}")
        (self.root / "verifier.toml").write_text("\n".join(lines) + "\n")

    @contextlib.contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.root / "v.db")
        conn.row_factory = sqlite3.Row
        try:
            yield conn
        finally:
            conn.close()

    def export(self) -> dict[str, Any]:
        store = verifier.Store.open(self.root / "v.db", create=False)
        try:
            data: dict[str, Any] = json.loads(verifier.export_json(store))
            return data
        finally:
            store.close()

    def quote(self, key: str) -> dict[str, Any]:
        rows = [q for q in self.export()["quotes"] if SAID[key] in q["text"]]
        assert len(rows) == 1, rows
        return rows[0]


def cli_at(monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., CliResult], day: float,
           *args: str) -> CliResult:
    """The `verifier` command as cron runs it, on the given night."""
    monkeypatch.setattr(pipeline, "run", functools.partial(ORIGINAL_RUN, now=lambda: at(day)))
    return run_cli(*args)


NATURAL_KEYS = {
    "documents": "source", "document_versions": "document_id, sha256",
    "run_documents": "run_id, document_id", "citations": "document_id, doc_sha, idx",
    "quotes": "document_id, doc_sha, idx", "quote_citations": "quote_id, citation_id",
    "link_checks": "run_id, url", "snapshots": "url, timestamp",
    "archive_lookups": "run_id, url", "checks": "run_id, quote_id, url",
    "link_state": "url", "quote_state": "key",
}


def assert_no_duplicates(conn: sqlite3.Connection) -> None:
    for table, columns in NATURAL_KEYS.items():
        found = conn.execute(f"select {columns}, count(*) as n from {table} group by {columns} "
                             "having n > 1").fetchall()
        assert found == [], (table, [tuple(r) for r in found])
    assert conn.execute("select run_id, url from fetches where kind = 'live' "
                        "group by run_id, url having count(*) > 1").fetchall() == []
    assert conn.execute("select document_id, doc_sha, key from quotes "
                        "group by document_id, doc_sha, key having count(*) > 1").fetchall() == []
    assert conn.execute("select url from saves where status = 'pending' "
                        "group by url having count(*) > 1").fetchall() == []
    assert conn.execute("select run_id, quote_id from checks where best = 1 "
                        "group by run_id, quote_id having count(*) > 1").fetchall() == []


def best_checks(conn: sqlite3.Connection, key: str) -> list[sqlite3.Row]:
    """Every best verdict on the quote saying SAID[key], oldest first."""
    return conn.execute(
        "select c.run_id, c.status, c.sha256, c.fetch_id from checks c join quotes q "
        "on q.id = c.quote_id where c.best = 1 and q.text like ? order by c.run_id",
        [f"%{SAID[key]}%"]).fetchall()


def urls(links: list[Any]) -> list[str]:
    return [link.url for link in links]


NOT_FOUND = "<title>Not Found</title><p>No such page.</p>"


def switchable_link(web: FixtureWeb, nights: Nights, error_page: str = NOT_FOUND
                    ) -> tuple[str, dict[str, int]]:
    """/harbour cited from a.txt: the page while state["status"] is 200, else error_page
    with that status."""
    state = {"status": 200}

    def serve(_r: Request) -> Reply:
        if state["status"] == 200:
            return Reply(200, page("harbour"))
        return Reply(state["status"], error_page)

    url = web.route("/harbour", serve)
    write_doc(nights.docs / "a.txt", [("harbour", url)])
    return url, state


def harbour_and_bridge(workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> Nights:
    """a.txt quoting harbour (verified) and bridge (partial: its page says "all lorries"),
    with the verifier.toml the CLI reads."""
    web.page("/harbour", page("harbour"))
    web.page("/bridge", page("bridge", changed={"heavy lorries": "all lorries"}))
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour")),
                                      ("bridge", web.url("/bridge"))])
    return nights


def save_left_pending(workspace: Path, web: FixtureWeb, wayback: FakeWayback,
                      monkeypatch: pytest.MonkeyPatch) -> tuple[str, Nights]:
    """Night 0 with /harbour saved through Save Page Now, whose job never finishes that
    night: the save is left pending."""
    monkeypatch.setenv("IA_ACCESS_KEY", "access")
    monkeypatch.setenv("IA_SECRET_KEY", "secret")
    url = web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback, save="missing", wayback_budget=2.0)
    write_doc(nights.docs / "a.txt", [("harbour", url)])
    wayback.pending_polls = 10**6
    nights.run(0)
    return url, nights


def read_evidence(root: Path, row: sqlite3.Row) -> bytes:
    """The body kept in the WARC record a fetches row points at, under root/archive."""
    from verifier.evidence import read_record
    from verifier.models import EvidenceRef

    ref = EvidenceRef(row["warc_path"], row["warc_offset"], row["warc_length"], row["sha256"])
    return read_record(root / "archive", ref).body


# -- a page edited, seen at its next check -------------------------------------------------------

def test_page_edited_on_night_3_turns_the_quote_partial_at_its_next_check(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    state = {"body": page("harbour")}
    web.route("/harbour", lambda _r: Reply(200, state["body"]))
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    assert nights.run(0).exit_status == ExitStatus.OK
    assert nights.run(1).exit_status == ExitStatus.OK  # due after 1 day; stable: next in 2
    state["body"] = page("harbour", changed={"next spring": "next summer"})
    night3 = cli_at(monkeypatch, run_cli, 2, "run", "--quiet", str(nights.docs))
    assert (night3.code, night3.out) == (0, "")  # not due until day 3: nothing seen yet
    night4 = cli_at(monkeypatch, run_cli, 3, "run", "--quiet", str(nights.docs))
    assert night4.code == 1
    assert "Newly failing quotes (1):" in night4.out
    assert "partial: “the harbour will reopen" in night4.out
    shown = run_cli("status", "--db", str(workspace / "v.db"))
    assert "changed: newly failing quotes 1" in shown.out
    with nights.db() as conn:
        history = best_checks(conn, "harbour")
        assert [(r["run_id"], r["status"]) for r in history] == \
            [(1, "verified"), (2, "verified"), (4, "partial")]
        first_fetch = conn.execute("select * from fetches where run_id = 1 and url like "
                                   "'%/harbour'").fetchone()
        assert history[0]["sha256"] == first_fetch["sha256"] == history[1]["sha256"]
        assert history[2]["sha256"] != history[0]["sha256"]
    kept = read_evidence(workspace, first_fetch)
    assert SAID["harbour"].encode() in kept  # night 1's evidence is still there


# -- failing links: confirmed only after repeated failures over days ------------------------------

def test_link_failing_nights_2_to_4_then_recovering_is_never_confirmed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    nights = Nights(workspace, web, wayback)
    url, state = switchable_link(web, nights)
    nights.run(0)
    state["status"] = 404
    failing = [nights.run(day) for day in (1, 2, 3)]
    assert urls(failing[0].changes.failing_unconfirmed_links) == [url]
    assert all(r.changes.newly_failing_links == [] for r in failing)
    assert all(r.changes.newly_failing_quotes == [] for r in failing)  # the link speaks first
    assert all(r.exit_status == ExitStatus.OK for r in failing)
    state["status"] = 200
    recovered = nights.run(4)
    assert urls(recovered.changes.recovered_links) == [url]
    assert recovered.changes.loud and recovered.exit_status == ExitStatus.OK
    with nights.db() as conn:
        assert conn.execute("select max(confirmed) from link_checks").fetchone()[0] == 0
        state_row = conn.execute("select * from link_state").fetchone()
        assert (state_row["status"], state_row["failed_checks"], state_row["confirmed"]) == \
            ("ok", 0, 0)


def test_three_failures_within_two_days_are_not_confirmed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    nights = Nights(workspace, web, wayback)
    url, state = switchable_link(web, nights)
    nights.run(0)
    state["status"] = 404
    results = [nights.run(day) for day in (1.0, 1.5, 2.0, 2.9)]
    assert all(r.changes.newly_failing_links == [] for r in results)
    assert all(r.exit_status == ExitStatus.OK for r in results)
    with nights.db() as conn:
        row = conn.execute("select * from link_state where url = ?", [url]).fetchone()
        assert (row["failed_checks"], row["confirmed"]) == (4, 0)


def test_three_failures_over_three_days_are_confirmed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    nights = Nights(workspace, web, wayback)
    url, state = switchable_link(web, nights)
    nights.run(0)
    state["status"] = 404
    first, second, third = (nights.run(day) for day in (1, 2.5, 4))
    assert first.changes.newly_failing_links == [] and second.changes.newly_failing_links == []
    assert urls(third.changes.newly_failing_links) == [url]
    assert third.exit_status == ExitStatus.NEWLY_FAILING
    with nights.db() as conn:
        assert conn.execute("select confirmed from link_state").fetchone()[0] == 1
    after = nights.run(5)
    assert after.changes.newly_failing_links == [] and after.exit_status == ExitStatus.OK


def test_quote_held_back_behind_an_unconfirmed_link_is_reported_when_the_link_is_confirmed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """Its source went down on night 2 and stayed down: no copy anywhere. Held back while the
    link was only failing, the quote is news the night the link is confirmed dead."""
    nights = Nights(workspace, web, wayback)
    _url, state = switchable_link(web, nights)
    nights.run(0)
    state["status"] = 404
    held = [nights.run(day) for day in (1, 2.5)]
    assert all(r.changes.newly_failing_quotes == [] for r in held)
    confirmed = nights.run(4)
    assert [q.status for q in confirmed.changes.newly_failing_quotes] == ["source_unavailable"]
    assert nights.run(5).changes.newly_failing_quotes == []


def test_status_counts_the_failed_checks_of_the_current_failing_spell(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    nights = Nights(workspace, web, wayback)
    url, state = switchable_link(web, nights)
    nights.run(0)
    for day, status in ((1, 404), (2, 404), (3, 200), (4, 404), (5, 404)):
        state["status"] = status
        nights.run(day)
    shown = run_cli("status", "--db", str(workspace / "v.db"), "--url", url)
    assert shown.code == 0
    assert "6 checks" in shown.out
    assert "failing since 2026-11-06T03:00:00Z (2 failed checks; not yet confirmed)" in shown.out


# -- documents changing between nights -------------------------------------------------------------

def test_document_edited_to_add_one_quote(workspace: Path, web: FixtureWeb,
                                           wayback: FakeWayback) -> None:
    for key in ("harbour", "bridge", "school"):
        web.page(f"/{key}", page(key))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    write_doc(nights.docs / "b.txt", [("bridge", web.url("/bridge"))])
    first = nights.run(0)
    with nights.db() as conn:
        harbour_key = conn.execute("select key from quotes where text like ?",
                                   [f"%{SAID['harbour']}%"]).fetchone()[0]
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour")),
                                      ("school", web.url("/school"))])
    second = nights.run(0.5)
    assert nights.paths() == ["/school"]
    assert second.counts["quotes"]["verified"] == 3 and first.counts["quotes"]["verified"] == 2
    with nights.db() as conn:
        versions = dict(conn.execute("select d.name, count(*) from document_versions v join "
                                     "documents d on d.id = v.document_id group by d.name"))
        assert versions == {"a.txt": 2, "b.txt": 1}  # only the edited document re-extracted
        assert conn.execute("select count(*) from documents").fetchone()[0] == 2
        keys = {r[0] for r in conn.execute("select key from quotes where text like ?",
                                           [f"%{SAID['harbour']}%"])}
        assert keys == {harbour_key}  # the same quote in both versions
        assert [(r["run_id"], r["status"]) for r in best_checks(conn, "harbour")] == \
            [(1, "verified")]  # not checked again: its history goes on
        assert [r["run_id"] for r in best_checks(conn, "school")] == [2]
        assert_no_duplicates(conn)
    texts = [q["text"] for q in nights.export()["quotes"]]
    assert len(texts) == 3 and len(set(texts)) == 3


def test_document_removed_then_restored(workspace: Path, web: FixtureWeb,
                                        wayback: FakeWayback) -> None:
    for key in ("harbour", "bridge"):
        web.page(f"/{key}", page(key))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    b_text = write_doc(nights.docs / "b.txt", [("bridge", web.url("/bridge"))])
    first = nights.run(0)
    (nights.docs / "b.txt").unlink()
    removed = nights.run(1.2)
    assert sum(removed.counts["quotes"].values()) == 1
    assert nights.fetched("/bridge") == 0 and nights.fetched("/harbour") == 1
    with nights.db() as conn:
        b_row = conn.execute("select * from documents where name = 'b.txt'").fetchone()
        assert b_row["removed_run"] == removed.run_id
        assert len(best_checks(conn, "bridge")) == 1  # its history stays
    (nights.docs / "b.txt").write_text(b_text, encoding="utf-8")
    restored = nights.run(1.4)
    assert restored.counts == first.counts
    assert not restored.changes.loud
    with nights.db() as conn:
        b_row = conn.execute("select * from documents where name = 'b.txt'").fetchone()
        assert b_row["removed_run"] is None
        assert conn.execute("select count(*) from document_versions where document_id = ?",
                            [b_row["id"]]).fetchone()[0] == 1
        assert conn.execute("select count(*) from documents").fetchone()[0] == 2
        assert_no_duplicates(conn)
    assert nights.quote("bridge")["status"] == "verified"


def test_same_url_cited_by_a_new_document_is_judged_on_the_stored_copy(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    web.page("/news", page("harbour", "clinic"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/news"))])
    nights.run(0)
    write_doc(nights.docs / "c.txt", [("clinic", web.url("/news"))])
    second = nights.run(0.5)
    assert nights.fetched("/news") == 0  # inside its interval: the kept copy is the page
    assert second.counts["quotes"]["verified"] == 2
    with nights.db() as conn:
        first_fetch = conn.execute("select id, sha256 from fetches where url like '%/news'"
                                   ).fetchone()
        assert conn.execute("select count(*) from fetches").fetchone()[0] == 1
        [clinic] = best_checks(conn, "clinic")
        assert (clinic["run_id"], clinic["status"]) == (second.run_id, "verified")
        assert (clinic["fetch_id"], clinic["sha256"]) == (first_fetch["id"], first_fetch["sha256"])


def test_quote_cited_to_another_url_is_checked_again_at_once(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """The author swapped the quote's note for another page inside the re-check interval:
    the verdict must be about the page the document now cites."""
    web.page("/harbour", page("harbour"))
    web.page("/weather", UNRELATED)
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/weather"))])
    second = nights.run(0.5)
    assert nights.fetched("/weather") == 1
    quote = nights.quote("harbour")
    assert quote["source_url"] == web.url("/weather")
    assert quote["status"] == "not_found"
    assert [q.status for q in second.changes.newly_failing_quotes] == ["not_found"]


def test_document_reverted_to_an_earlier_version(workspace: Path, web: FixtureWeb,
                                                 wayback: FakeWayback) -> None:
    """v1, then v2 (another quote, failing: checked every night), then v1 again: the run
    checks v1's quotes, not the last version extracted."""
    web.page("/harbour", page("harbour"))
    web.page("/bridge", page("bridge", changed={"heavy lorries": "all lorries"}))
    nights = Nights(workspace, web, wayback)
    v1 = write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    write_doc(nights.docs / "a.txt", [("bridge", web.url("/bridge"))])
    second = nights.run(0.3)
    assert second.counts["quotes"]["partial"] == 1
    (nights.docs / "a.txt").write_text(v1, encoding="utf-8")
    third = nights.run(0.6)
    assert nights.fetched("/bridge") == 0
    assert sum(third.counts["quotes"].values()) == 1 and third.counts["quotes"]["verified"] == 1
    import hashlib

    with nights.db() as conn:
        assert conn.execute("select sha256 from documents").fetchone()[0] == \
            hashlib.sha256(v1.encode()).hexdigest()
        assert [r["run_id"] for r in best_checks(conn, "bridge")] == [2]
        assert_no_duplicates(conn)
    assert [q["text"] for q in nights.export()["quotes"]] == [nights.quote("harbour")["text"]]


# -- conditional requests ----------------------------------------------------------------------------

def test_304_with_etag_on_later_nights_reuses_the_first_copy(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    def serve(request: Request) -> Reply:
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(304, b"", content_type=None)  # no validator repeated: still valid
        return Reply(200, page("harbour"), headers={"ETag": '"v1"'})

    web.route("/harbour", serve)
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    for day in (0, 1.1, 3.2):
        assert nights.run(day).exit_status == ExitStatus.OK
        assert nights.fetched("/harbour") == 1
    conditional = [r.headers.get("If-None-Match") for r in web.requests if r.path == "/harbour"]
    assert conditional == [None, '"v1"', '"v1"']
    with nights.db() as conn:
        rows = conn.execute("select http_status, not_modified, sha256, warc_path from fetches "
                            "order by id").fetchall()
        assert [(r["http_status"], r["not_modified"]) for r in rows] == [(200, 0), (304, 1), (304, 1)]
        assert len({r["sha256"] for r in rows}) == 1 and all(r["warc_path"] for r in rows)
        assert [(r["status"], r["sha256"]) for r in best_checks(conn, "harbour")] == \
            [("verified", rows[0]["sha256"])] * 3
    assert nights.quote("harbour")["status"] == "verified"


def test_304_with_last_modified(workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    stamp = "Wed, 21 Oct 2026 07:28:00 GMT"

    def serve(request: Request) -> Reply:
        if request.headers.get("If-Modified-Since") == stamp:
            return Reply(304, b"", headers={"Last-Modified": stamp}, content_type=None)
        return Reply(200, page("harbour"), headers={"Last-Modified": stamp})

    web.route("/harbour", serve)
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    nights.run(1.1)
    last = [r for r in web.requests if r.path == "/harbour"][-1]
    assert last.headers.get("If-Modified-Since") == stamp
    with nights.db() as conn:
        rows = conn.execute("select http_status, not_modified, sha256 from fetches order by id"
                            ).fetchall()
        assert [(r["http_status"], r["not_modified"]) for r in rows] == [(200, 0), (304, 1)]
        assert [r["sha256"] for r in best_checks(conn, "harbour")] == [rows[0]["sha256"]] * 2


def test_server_that_stops_sending_validators_gets_plain_requests(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    sends = {"etag": True}

    def serve(request: Request) -> Reply:
        if sends["etag"]:
            if request.headers.get("If-None-Match") == '"v1"':
                return Reply(304, b"", headers={"ETag": '"v1"'}, content_type=None)
            return Reply(200, page("harbour"), headers={"ETag": '"v1"'})
        return Reply(200, page("harbour"))  # a new server: no validators, no 304

    web.route("/harbour", serve)
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    sends["etag"] = False
    nights.run(1.1)
    nights.run(3.2)
    sent = [r.headers.get("If-None-Match") for r in web.requests if r.path == "/harbour"]
    assert sent == [None, '"v1"', None]
    with nights.db() as conn:
        assert conn.execute("select etag from link_state").fetchone()[0] is None
        assert [r["status"] for r in best_checks(conn, "harbour")] == ["verified"] * 3


def test_full_on_night_2_checks_everything_again_without_validators(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    for key in ("harbour", "bridge"):
        web.page(f"/{key}", page(key), headers={"ETag": f'"{key}"'})
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour")),
                                      ("bridge", web.url("/bridge"))])
    nights.run(0)
    second = nights.run(0.2, full=True)
    assert sorted(nights.paths()) == ["/bridge", "/harbour"]
    assert all("If-None-Match" not in r.headers for r in nights.last_requests)
    with nights.db() as conn:
        assert conn.execute("select count(*) from checks where run_id = ? and best = 1",
                            [second.run_id]).fetchone()[0] == 2
    nights.run(0.4)  # and --full changes nothing for the next night
    assert nights.last_requests == []


# -- the Wayback Machine across nights ---------------------------------------------------------------

def test_wayback_down_on_night_1_back_on_night_2(workspace: Path, web: FixtureWeb,
                                                 wayback: FakeWayback) -> None:
    gone = web.page("/gone", "<title>Not Found</title><p>No such page.</p>", status=404)
    wayback.capture(gone, "20260301000000", page("harbour"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", gone)])
    wayback.fail_with = 503
    first = nights.run(0)
    assert first.counts["quotes"]["source_unavailable"] == 1
    with nights.db() as conn:
        assert [r[0] for r in conn.execute("select url from wayback_queue")] == [gone]
    wayback.fail_with = None
    wayback.requests.clear()
    second = nights.run(1)
    assert wayback.requests and wayback.requests[0].kind == "cdx"
    assert nights.quote("harbour")["status"] == "verified_archive"
    assert [q.status for q in second.changes.recovered_quotes] == ["verified_archive"]
    with nights.db() as conn:
        assert conn.execute("select count(*) from wayback_queue").fetchone()[0] == 0


def test_wayback_work_over_the_budget_is_done_the_next_night(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    entries = []
    for key in ("harbour", "bridge", "school"):
        url = web.page(f"/{key}", "<title>Not Found</title><p>No such page.</p>", status=404)
        wayback.capture(url, "20260301000000", page(key))
        entries.append((key, url))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", entries)
    first = nights.run(0, wayback_lookups_per_minute=60.0, wayback_budget=0.5)
    assert first.counts["quotes"]["source_unavailable"] >= 2
    with nights.db() as conn:
        assert conn.execute("select count(*) from wayback_queue").fetchone()[0] >= 2
    second = nights.run(1)
    assert second.counts["quotes"]["verified_archive"] == 3
    with nights.db() as conn:
        assert conn.execute("select count(*) from wayback_queue").fetchone()[0] == 0


def test_save_left_pending_on_night_1_is_confirmed_on_night_2(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        monkeypatch: pytest.MonkeyPatch) -> None:
    url, nights = save_left_pending(workspace, web, wayback, monkeypatch)
    with nights.db() as conn:
        rows = conn.execute("select url, status, job_id from saves").fetchall()
        assert [(r["url"], r["status"]) for r in rows] == [(url, "pending")] and rows[0]["job_id"]
    wayback.pending_polls = 0
    second = nights.run(0.5)
    assert wayback.count("save2") == 1  # confirmed, not submitted again
    with nights.db() as conn:
        rows = conn.execute("select status, job_id, archive_url from saves").fetchall()
        assert len(rows) == 1 and rows[0]["status"] == "success"
        assert str(rows[0]["archive_url"]).startswith("https://web.archive.org/web/")
    assert second.changes.newly_archived == [url]


# -- killed and interrupted runs ---------------------------------------------------------------------

DRIVER = """
import json, sys
from datetime import datetime
import verifier
from verifier.config import load_settings
overrides, when, cwd, docs = json.loads(sys.argv[1]), datetime.fromisoformat(sys.argv[2]), sys.argv[3], sys.argv[4]
verifier.run([docs], load_settings(env={}, cwd=cwd, overrides=overrides), now=lambda: when)
"""


def _slow_corpus(web: FixtureWeb, nights: Nights, count: int, delay: float) -> None:
    keys = list(SAID)
    for d in range(count // 4):
        entries = []
        for i in range(d * 4, d * 4 + 4):
            key = keys[i % len(keys)]
            reply = Reply(200, page(key), delay=delay)
            web.route(f"/s{i}", lambda _r, reply=reply: reply)
            entries.append((key, web.url(f"/s{i}")))
        write_doc(nights.docs / f"doc{d}.txt", entries)


def test_run_killed_mid_way_then_rerun_equals_an_uninterrupted_run(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    nights = Nights(workspace, web, wayback, concurrency=2, per_host=2)
    _slow_corpus(web, nights, 16, 0.3)
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, json.dumps(nights.overrides()), at(0).isoformat(),
         str(workspace), str(nights.docs)], cwd=workspace, env=subprocess_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(sqlite3.Error), \
                contextlib.closing(sqlite3.connect(workspace / "v.db", timeout=1)) as conn:
            if conn.execute("select count(*) from fetches").fetchone()[0] >= 5:
                break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    result = nights.run(0)  # the same night: what the killed run finished is not done again
    assert result.counts["quotes"]["verified"] == 16 and result.counts["links"]["ok"] == 16
    assert result.exit_status == ExitStatus.OK
    with nights.db() as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in conn.execute("select status from runs order by id")] == \
            ["interrupted", "completed"]
        assert conn.execute("select count(*) from quotes").fetchone()[0] == 16
        assert conn.execute("select count(*) from citations").fetchone()[0] == 16
        assert conn.execute("select url from fetches group by url having count(*) > 1"
                            ).fetchall() == []
        assert conn.execute("select q.key from checks c join quotes q on q.id = c.quote_id "
                            "where c.best = 1 group by q.key having count(*) > 1").fetchall() == []
        assert_no_duplicates(conn)
    # fetches in flight when it was killed (never recorded) are the only ones made twice
    assert len([r for r in web.requests if r.path.startswith("/s")]) <= 16 + 4


def test_run_stopped_by_ctrl_c_then_rerun_finishes_the_work(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    _slow_corpus(web, nights, 8, 0.15)
    stop = threading.Event()

    def progress(stage: str, done: int, _total: int) -> None:
        if stage == "sources" and done >= 2:
            stop.set()

    with pytest.raises(pipeline.Interrupted) as stopped:
        verifier.run([str(nights.docs)], nights.settings(), progress=progress, stop=stop,
                     now=lambda: at(0))
    assert stopped.value.exit_status == ExitStatus.INTERRUPTED == 130
    result = nights.run(0)
    assert result.counts["quotes"]["verified"] == 8
    with nights.db() as conn:  # what the stopped run recorded is not fetched again
        assert conn.execute("select url from fetches group by url having count(*) > 1"
                            ).fetchall() == []
        assert [r[0] for r in conn.execute("select status from runs order by id")] == \
            ["interrupted", "completed"]
        assert_no_duplicates(conn)
    assert "interrupted" in run_cli("status", "--db", str(workspace / "v.db")).out


def test_export_after_an_interrupted_night_still_lists_every_quote(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    for key in ("harbour", "bridge"):
        web.page(f"/{key}", page(key))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    write_doc(nights.docs / "b.txt", [("bridge", web.url("/bridge"))])
    nights.run(0)
    before = json.loads(run_cli("export", "--format", "json", "--db",
                                str(workspace / "v.db")).out)
    stop = threading.Event()
    stop.set()  # Ctrl-C as the night's run starts
    with pytest.raises(pipeline.Interrupted):
        verifier.run([str(nights.docs)], nights.settings(), stop=stop, now=lambda: at(1.1))
    after = json.loads(run_cli("export", "--format", "json", "--db",
                               str(workspace / "v.db")).out)
    assert [(q["document"], q["text"], q["status"]) for q in after["quotes"]] == \
        [(q["document"], q["text"], q["status"]) for q in before["quotes"]]
    assert len(after["citations"]) == len(before["citations"]) == 2


def test_second_run_while_one_holds_the_lock_exits_3_and_the_next_night_runs(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    hold = ("import sys, time\nfrom verifier.lock import RunLock\nlock = RunLock(sys.argv[1]); "
            "lock.acquire()\nprint('locked', flush=True)\ntime.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(workspace / "v.db")],
                              stdout=subprocess.PIPE, text=True, env=subprocess_env())
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        refused = cli_at(monkeypatch, run_cli, 1, "run", "--quiet", str(nights.docs))
        assert refused.code == 3
        assert f"pid {holder.pid}" in refused.err
    finally:
        holder.kill()
        holder.wait()
    with nights.db() as conn:
        assert conn.execute("select count(*) from runs").fetchone()[0] == 1
    again = cli_at(monkeypatch, run_cli, 1, "run", "--quiet", str(nights.docs))
    assert (again.code, again.out) == (0, "")
    with nights.db() as conn:
        assert conn.execute("select count(*) from runs where status = 'completed'"
                            ).fetchone()[0] == 2


# -- the re-check schedule -----------------------------------------------------------------------

def test_interval_grows_while_stable_and_is_capped(workspace: Path, web: FixtureWeb,
                                                   wayback: FakeWayback) -> None:
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback, recheck_min_days=1.0, recheck_step_days=1.0,
                    recheck_max_days=3.0)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    checked = []
    for day in range(13):
        nights.run(day)
        if nights.fetched("/harbour"):
            checked.append(day)
    assert checked == [0, 1, 3, 6, 9, 12]


def test_interval_lowered_between_nights_applies_at_once(workspace: Path, web: FixtureWeb,
                                                         wayback: FakeWayback) -> None:
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    checked = []
    for day in (0, 1, 3, 6, 10, 15, 16):
        nights.run(day)
        if nights.fetched("/harbour"):
            checked.append(day)
    assert checked == [0, 1, 3, 6, 10, 15]  # the interval grew to 6 days
    nights.run(17, recheck_max_days=2.0)  # the editor wants at most 2 days from now on
    assert nights.fetched("/harbour") == 1


def test_interval_raised_between_nights_applies_at_once(workspace: Path, web: FixtureWeb,
                                                        wayback: FakeWayback) -> None:
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    nights.run(1.5, recheck_min_days=7.0)  # checked 1.5 days ago; the interval is now 7 days
    assert nights.fetched("/harbour") == 0
    nights.run(7.1, recheck_min_days=7.0)
    assert nights.fetched("/harbour") == 1


# -- the database elsewhere, the export, quiet nights ----------------------------------------------

def test_working_directory_copied_elsewhere_carries_on_there(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        monkeypatch: pytest.MonkeyPatch) -> None:
    web.page("/harbour", page("harbour"))
    web.page("/bridge", page("bridge", changed={"heavy lorries": "all lorries"}))
    one = workspace / "one"
    nights = Nights(one, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    write_doc(nights.docs / "b.txt", [("bridge", web.url("/bridge"))])
    first = nights.run(0)
    assert first.counts["quotes"]["partial"] == 1
    exported = [(q["document"], q["text"], q["status"]) for q in nights.export()["quotes"]]
    two = workspace / "two"
    shutil.copytree(one, two)
    monkeypatch.chdir(two)
    moved = Nights(two, web, wayback)
    second = moved.run(0.5)
    assert moved.fetched("/harbour") == 0  # inside its interval: the copied evidence serves
    assert not second.warnings
    assert second.counts == first.counts
    assert not second.changes.loud  # the partial quote was reported on night 1 already
    with moved.db() as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == 2
        assert conn.execute("select count(*) from document_versions").fetchone()[0] == 2
        assert_no_duplicates(conn)
    assert [(q["document"], q["text"], q["status"]) for q in moved.export()["quotes"]] == exported


def test_export_after_several_nights_keeps_its_contract_and_the_latest_verdicts(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    state = {"body": page("harbour")}
    web.route("/harbour", lambda _r: Reply(200, state["body"]))
    web.page("/bridge", page("bridge"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour")),
                                      ("bridge", web.url("/bridge"))])
    nights.run(0)
    nights.run(1)
    state["body"] = page("harbour", changed={"next spring": "next summer"})
    last = nights.run(3)
    out = run_cli("export", "--format", "json", "--db", str(workspace / "v.db"))
    assert out.code == 0
    data = json.loads(out.out)
    assert data["run"] == last.run_id
    for row in data["citations"]:
        assert {"document", "url", "link_status", "http_status", "final_url",
                "archive_url"} <= set(row)
    for row in data["quotes"]:
        assert {"document", "text", "speaker", "source_url", "status", "score",
                "evidence"} <= set(row)
    quotes = {q["text"]: q for q in data["quotes"]}
    assert len(quotes) == len(data["quotes"]) == 2
    harbour = next(q for text, q in quotes.items() if SAID["harbour"] in text)
    bridge = next(q for text, q in quotes.items() if SAID["bridge"] in text)
    assert (harbour["status"], harbour["document"]) == ("partial", "a.txt")
    assert harbour["source_url"] == web.url("/harbour")
    assert isinstance(harbour["score"], float) and 0.8 <= harbour["score"] < 1
    assert "next summer" in harbour["evidence"]
    assert bridge["status"] == "verified" and SAID["bridge"] in bridge["evidence"]
    links = {c["url"]: c for c in data["citations"]}
    assert len(links) == len(data["citations"]) == 2
    assert (links[web.url("/harbour")]["link_status"],
            links[web.url("/harbour")]["http_status"]) == ("ok", 200)
    assert links[web.url("/harbour")]["final_url"] == web.url("/harbour")
    assert links[web.url("/harbour")]["archive_url"] is None


def test_quiet_is_exactly_empty_on_unchanged_nights(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    nights = harbour_and_bridge(workspace, web, wayback)
    first = cli_at(monkeypatch, run_cli, 0, "run", "--quiet", str(nights.docs))
    assert first.code == 1 and "quotes: verified 1, partial 1" in first.out
    for day in (1, 1.5, 3.5, 4):
        before = len(web.requests)
        night = cli_at(monkeypatch, run_cli, day, "run", "--quiet", str(nights.docs))
        assert (night.code, night.out, night.err) == (0, "", ""), day
        if day == 1.5:  # the failing quote is checked again every night, the rest not
            assert [r.path for r in web.requests[before:] if not PROBE.fullmatch(r.path)] == \
                ["/bridge"]
