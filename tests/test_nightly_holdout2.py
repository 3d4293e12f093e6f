"""A second held-out set of nightly scenarios: one corpus run night after night on an injected
clock, with the web, the Wayback Machine, the evidence directory, the database, the
configuration and the documents themselves changing between nights. Every expectation was
written down before the code ran on it, as a nightly user with their own corpus would expect
it. The helpers (the clock, the corpus, the nights) are those of tests/test_nightly_holdout.py.

First run: 21 of 28. One expectation was the test's own mistake, corrected: a night whose
ETag changed over the same bytes kept that payload once, as expected, but the count of response
records also took in the later night's 304, which is a record of its own (no payload). The
other six misses:
- a 304 confirming a copy deleted from the archive directory: the quote was judged on nothing
  (source_unavailable) instead of the page being fetched again in full;
- a document renamed (same content, new path): its failing quote reported again as new;
- a document unreadable for a night (binary junk after a bad sync), and an article given by
  its URL whose site was down for a night: their quotes dropped out of the night's counts, and
  came back as newly failing the night after (2 scenarios);
- the clock set back a day: a failing link, due every night, was not checked (its next check
  was "now" as the clock read the night before);
- a run killed while a Save Page Now request was under way: no run ever made the save (the
  link was inside its interval the next night, and a save is only asked after a check).
28 of 28 after those fixes; no other expectation was changed in that round.

A second batch of 7 (at the end of the file) was written after that round, before the code ran
on it. First run: 4 of 7. The misses:
- a run killed while writing its report had already been recorded as completed, so the next
  --quiet night compared itself with it and said nothing: nobody heard of its findings;
- a new warning (a file of the corpus unreadable) was not printed on a --quiet night;
- `verifier status` showed a run killed mid-way as "running".
Its first scenario showed an expectation of the first batch to be my own mistake, corrected:
a run killed while writing its report was expected to be recorded as completed. A run whose
report was never written has not finished for its user (cron printed nothing either), so it
is now interrupted like any run killed earlier, and the next night tells its findings.
7 of 7 after the fixes of that round; with the first batch, 35 of 35. Nothing is left marked
as an expected failure."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CliResult, subprocess_env
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply, Request
from test_nightly_holdout import (
    SAID,
    SPEAKER,
    Nights,
    assert_no_duplicates,
    at,
    best_checks,
    cli_at,
    harbour_and_bridge,
    page,
    read_evidence,
    save_left_pending,
    switchable_link,
    urls,
    write_doc,
)

import verifier
import verifier.pipeline as pipeline
from verifier.status import ExitStatus


def _requests_to(nights: Nights, path: str, header: str) -> list[str | None]:
    """The value of `header` in each request for path during the last run."""
    return [r.headers.get(header) for r in nights.last_requests if r.path == path]


def _link_history(nights: Nights, path: str) -> list[str]:
    with nights.db() as conn:
        return [r[0] for r in conn.execute(
            "select link_status from link_checks where url like ? order by run_id", [f"%{path}"])]


def _latest_live_fetch(nights: Nights, path: str) -> sqlite3.Row:
    with nights.db() as conn:
        row: sqlite3.Row = conn.execute(
            "select * from fetches where kind = 'live' and url like ? order by id desc limit 1",
            [f"%{path}"]).fetchone()
        return row


def _etag_server(body: dict[str, str], tag: dict[str, str]) -> Callable[[Request], Reply]:
    """A server with validators: 304 when the request's If-None-Match is the current ETag."""

    def serve(request: Request) -> Reply:
        if request.headers.get("If-None-Match") == tag["etag"]:
            return Reply(304, b"", headers={"ETag": tag["etag"]}, content_type=None)
        return Reply(200, body["body"], headers={"ETag": tag["etag"]})

    return serve


def _etag_night(workspace: Path, web: FixtureWeb, wayback: FakeWayback
                ) -> tuple[Nights, dict[str, str], dict[str, str]]:
    """Night 0 of a.txt citing /harbour served with an ETag (body and tag may change later)."""
    body, tag = {"body": page("harbour")}, {"etag": '"v1"'}
    web.route("/harbour", _etag_server(body, tag))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    return nights, body, tag


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line(result: CliResult) -> str:
    assert "Traceback" not in result.err + result.out
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


# -- the web changing between nights --------------------------------------------------------------

def test_link_redirected_one_night_and_not_the_next(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """A site moves a page behind a temporary redirect for a night, then undoes it: a
    redirect is not a failure, nobody is told, and the history shows what happened."""
    moved = {"yes": False}

    def serve(_r: Request) -> Reply:
        if moved["yes"]:
            return Reply(302, b"", headers={"Location": "/harbour-2026"}, content_type=None)
        return Reply(200, page("harbour"))

    web.route("/harbour", serve)
    web.page("/harbour-2026", page("harbour"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    moved["yes"] = True
    second = nights.run(1)
    assert second.counts["links"]["redirected"] == 1
    assert second.counts["quotes"]["verified"] == 1
    assert not second.changes.loud and second.exit_status == ExitStatus.OK
    assert str(_latest_live_fetch(nights, "/harbour")["final_url"]).endswith("/harbour-2026")
    moved["yes"] = False
    third = nights.run(2)  # its status changed: checked again after the shortest interval
    assert nights.fetched("/harbour") == 1
    assert not third.changes.loud and third.exit_status == ExitStatus.OK
    assert _link_history(nights, "/harbour") == ["ok", "redirected", "ok"]


def test_etag_changed_while_the_body_did_not(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """A new deployment changes every ETag, the page stays the same: a 200 with the same bytes,
    kept once (a revisit record), and the new ETag is what is sent next."""
    nights, body, tag = _etag_night(workspace, web, wayback)
    tag["etag"] = '"v2"'
    assert nights.run(1.1).exit_status == ExitStatus.OK
    assert _requests_to(nights, "/harbour", "If-None-Match") == ['"v1"']
    assert nights.run(3.2).exit_status == ExitStatus.OK
    assert _requests_to(nights, "/harbour", "If-None-Match") == ['"v2"']
    with nights.db() as conn:
        rows = conn.execute("select http_status, not_modified, sha256 from fetches "
                            "where kind = 'live' order by id").fetchall()
        assert [(r["http_status"], r["not_modified"]) for r in rows] == \
            [(200, 0), (200, 0), (304, 1)]
        assert len({r["sha256"] for r in rows}) == 1
        assert conn.execute("select etag from link_state").fetchone()[0] == '"v2"'
        assert [r["status"] for r in best_checks(conn, "harbour")] == ["verified"] * 3
    from warcio.archiveiterator import ArchiveIterator

    responses = 0
    for warc in (workspace / "archive").glob("*.warc.gz"):
        with open(warc, "rb") as fh:
            responses += sum(1 for record in ArchiveIterator(fh)
                             if record.rec_type == "response"
                             and record.http_headers.get_statuscode() == "200"
                             and str(record.rec_headers.get_header("WARC-Target-URI")
                                     ).endswith("/harbour"))
    assert responses == 1  # the same payload is kept once (the 304 is a record of its own)


def test_same_etag_but_a_changed_body_is_read_as_the_page(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """A broken server keeps its ETag while the article is edited, and ignores validators:
    the 200 it sends is the page, whatever its ETag says."""
    body = {"body": page("harbour")}
    web.route("/harbour", lambda _r: Reply(200, body["body"], headers={"ETag": '"v1"'}))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    body["body"] = page("harbour", changed={"next spring": "next summer"})
    second = nights.run(1.1)
    assert _requests_to(nights, "/harbour", "If-None-Match") == ['"v1"']
    assert [q.status for q in second.changes.newly_failing_quotes] == ["partial"]
    assert second.exit_status == ExitStatus.NEWLY_FAILING
    with nights.db() as conn:
        history = best_checks(conn, "harbour")
        assert [r["status"] for r in history] == ["verified", "partial"]
        assert history[0]["sha256"] != history[1]["sha256"]


# -- the evidence directory between nights ------------------------------------------------------------

def test_304_for_a_page_whose_kept_copy_was_deleted(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """Someone cleaned up archive/; the server then answers 304 to the conditional request.
    The copy it confirms is gone, so the page is fetched again in full and kept again."""
    nights, body, tag = _etag_night(workspace, web, wayback)
    shutil.rmtree(workspace / "archive")
    second = nights.run(1.1)
    assert second.exit_status == ExitStatus.OK and not second.changes.loud
    assert second.counts["quotes"]["verified"] == 1
    sent = _requests_to(nights, "/harbour", "If-None-Match")
    assert sent[-1] is None  # a plain request for a full copy
    latest = _latest_live_fetch(nights, "/harbour")
    assert SAID["harbour"].encode() in read_evidence(nights.root, latest)
    third = nights.run(3.2)  # and the night after, the new copy serves the 304
    assert third.counts["quotes"]["verified"] == 1
    assert _requests_to(nights, "/harbour", "If-None-Match") == ['"v1"']


def test_archive_emptied_then_the_same_bytes_fetched_again_are_kept_in_full(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    for warc in (workspace / "archive").iterdir():
        warc.unlink()
    second = nights.run(1.1)
    assert nights.fetched("/harbour") == 1
    assert second.counts["quotes"]["verified"] == 1
    latest = _latest_live_fetch(nights, "/harbour")
    assert SAID["harbour"].encode() in read_evidence(nights.root, latest)


def test_archive_moved_with_the_setting_serves_the_next_304(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    nights, body, tag = _etag_night(workspace, web, wayback)
    moved = workspace / "evidence-store"
    shutil.move(workspace / "archive", moved)
    second = nights.run(1.1, archive_dir=str(moved))
    assert _requests_to(nights, "/harbour", "If-None-Match") == ['"v1"']
    assert not second.warnings
    assert second.counts["quotes"]["verified"] == 1 and not second.changes.loud
    assert not (workspace / "archive").exists() or not any((workspace / "archive").iterdir())


# -- the database replaced between nights ---------------------------------------------------------

@pytest.mark.parametrize("replacement", ["newer_schema", "not_sqlite"])
def test_database_replaced_between_nights_is_refused_untouched(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch,
        replacement: str) -> None:
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    db = workspace / "v.db"
    if replacement == "newer_schema":
        with nights.db() as conn:
            conn.execute("update meta set value = '99' where key = 'schema_version'")
            conn.commit()
            conn.execute("pragma journal_mode=delete")
    else:
        db.write_bytes(b"name,amount\nharbour,12\n" * 200)
    before = _digest(db)
    listing = sorted(p.name for p in workspace.iterdir())
    result = cli_at(monkeypatch, run_cli, 1.1, "run", "--quiet", str(nights.docs))
    assert result.code == ExitStatus.USAGE == 2
    assert "v.db" in _one_line(result)
    assert result.out == ""
    assert _digest(db) == before
    assert sorted(p.name for p in workspace.iterdir()) == listing


# -- documents between nights ----------------------------------------------------------------------

def test_document_renamed_keeps_its_history_and_reports_nothing_again(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    nights = harbour_and_bridge(workspace, web, wayback)
    first = cli_at(monkeypatch, run_cli, 0, "run", "--quiet", str(nights.docs))
    assert first.code == 1
    (nights.docs / "a.txt").rename(nights.docs / "2026-harbour-report.txt")
    before = len(web.requests)
    renamed = cli_at(monkeypatch, run_cli, 0.5, "run", "--quiet", str(nights.docs))
    assert (renamed.code, renamed.out) == (0, "")
    assert not [r for r in web.requests[before:] if r.path == "/harbour"]
    with nights.db() as conn:
        old = conn.execute("select removed_run from documents where name = 'a.txt'").fetchone()
        assert old["removed_run"] == 2
        assert [r["run_id"] for r in best_checks(conn, "harbour")][0] == 1  # history kept
    exported = nights.export()["quotes"]
    assert sorted((q["document"], q["status"]) for q in exported) == \
        [("2026-harbour-report.txt", "partial"), ("2026-harbour-report.txt", "verified")]


def test_two_documents_citing_one_url_and_one_removed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    web.page("/news", page("harbour", "clinic"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/news"))])
    write_doc(nights.docs / "b.txt", [("clinic", web.url("/news"))])
    nights.run(0)
    (nights.docs / "b.txt").unlink()
    second = nights.run(1.1)
    assert nights.fetched("/news") == 1  # still cited by a.txt: checked when due
    assert sum(second.counts["quotes"].values()) == 1
    assert second.counts["links"]["ok"] == 1 and sum(second.counts["links"].values()) == 1
    assert not second.changes.loud and second.exit_status == ExitStatus.OK
    data = nights.export()
    assert [q["document"] for q in data["quotes"]] == ["a.txt"]
    assert [c["document"] for c in data["citations"]] == ["a.txt"]


def test_quote_edited_by_one_word_in_the_document(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """The author misquotes while editing: 'next spring' becomes 'next summer' in the
    document. The page did not change; the kept copy shows the new quote is wrong."""
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    edited = SAID["harbour"].replace("next spring", "next summer")
    (nights.docs / "a.txt").write_text(
        f"{SPEAKER['harbour']} said that “{edited}.”1\n\n1 {web.url('/harbour')}\n",
        encoding="utf-8")
    second = nights.run(0.5)
    assert nights.fetched("/harbour") == 0  # inside its interval: the kept copy is the page
    assert [q.status for q in second.changes.newly_failing_quotes] == ["partial"]
    assert second.exit_status == ExitStatus.NEWLY_FAILING
    with nights.db() as conn:
        assert conn.execute("select count(*) from document_versions").fetchone()[0] == 2
        assert [r["status"] for r in best_checks(conn, "harbour")] == ["verified"]  # kept
    [quote] = nights.export()["quotes"]
    assert "next summer" in quote["text"] and quote["status"] == "partial"


def test_document_unreadable_one_night_is_not_removed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """A bad sync leaves b.txt as binary junk for a night: a warning, but the document is
    still there, keeps its verdicts, and its failing quote is not news again once repaired."""
    web.page("/harbour", page("harbour"))
    web.page("/bridge", page("bridge", changed={"heavy lorries": "all lorries"}))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    b_text = write_doc(nights.docs / "b.txt", [("bridge", web.url("/bridge"))])
    first = nights.run(0)
    (nights.docs / "b.txt").write_bytes(bytes(range(256)) * 64)
    broken = nights.run(0.5)
    assert any("b.txt" in w for w in broken.warnings)
    assert broken.exit_status == ExitStatus.OK and not broken.changes.loud
    assert broken.counts == first.counts
    with nights.db() as conn:
        assert conn.execute("select removed_run from documents where name = 'b.txt'"
                            ).fetchone()[0] is None
    (nights.docs / "b.txt").write_text(b_text, encoding="utf-8")
    repaired = nights.run(1.1)
    assert not repaired.changes.newly_failing_quotes
    assert repaired.exit_status == ExitStatus.OK


def test_article_given_by_url_unreachable_for_a_night(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """An article checked by its URL: its site is down one night. A warning; its quotes keep
    their verdicts, and its failing quote is not reported again when the site is back."""
    bridge = web.page("/bridge", page("bridge", changed={"heavy lorries": "all lorries"}))
    up = {"yes": True}
    article = ("<html lang='en'><head><title>Council news</title></head><body><article>"
               f"<p>{SPEAKER['bridge']} said that “{SAID['bridge']}” "
               f"(<a href='{bridge}'>council notice</a>).</p></article></body></html>")

    def serve(_r: Request) -> Reply:
        return Reply(200, article) if up["yes"] else Reply(503, "<p>Service unavailable</p>")

    url = web.route("/article", serve, host=2)
    nights = Nights(workspace, web, wayback)

    def night(day: float) -> verifier.RunResult:
        return verifier.run([url], nights.settings(), now=lambda: at(day))

    first = night(0)
    assert first.counts["quotes"]["partial"] == 1
    up["yes"] = False
    down = night(0.5)
    assert any("/article" in w for w in down.warnings)
    assert down.exit_status == ExitStatus.OK and not down.changes.loud
    assert down.counts == first.counts
    up["yes"] = True
    back = night(1.1)
    assert not back.changes.newly_failing_quotes and back.exit_status == ExitStatus.OK


def test_removed_document_is_not_news(workspace: Path, web: FixtureWeb, wayback: FakeWayback,
                                       run_cli: Callable[..., CliResult],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A document with a failing quote is deleted: its quote and link are not 'recovered'."""
    web.page("/harbour", page("harbour"))
    web.page("/gone", "<title>Not Found</title><p>No such page.</p>", status=404)
    web.page("/bridge", page("bridge", changed={"heavy lorries": "all lorries"}))
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    write_doc(nights.docs / "b.txt", [("bridge", web.url("/bridge")),
                                      ("school", web.url("/gone"))])
    assert cli_at(monkeypatch, run_cli, 0, "run", "--quiet", str(nights.docs)).code == 1
    (nights.docs / "b.txt").unlink()
    after = cli_at(monkeypatch, run_cli, 0.5, "run", "--quiet", str(nights.docs))
    assert (after.code, after.out) == (0, "")


def test_dead_link_replaced_in_the_document_recovers_the_quote(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    gone = {"yes": False}

    def serve(_r: Request) -> Reply:
        if gone["yes"]:
            return Reply(404, "<title>Not Found</title><p>No such page.</p>")
        return Reply(200, page("harbour"))

    old = web.route("/harbour", serve)
    new = web.page("/news/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", old)])
    nights.run(0)
    gone["yes"] = True
    confirmed = [nights.run(day) for day in (1, 2.5, 4)][-1]
    assert urls(confirmed.changes.newly_failing_links) == [old]
    write_doc(nights.docs / "a.txt", [("harbour", new)])
    fixed = nights.run(4.5)
    assert [q.status for q in fixed.changes.recovered_quotes] == ["verified"]
    assert not fixed.changes.newly_failing and fixed.exit_status == ExitStatus.OK
    assert fixed.counts["links"]["ok"] == 1 and sum(fixed.counts["links"].values()) == 1


# -- the configuration between nights --------------------------------------------------------------

def test_host_excluded_in_the_config_is_skipped_from_then_on(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    harbour = web.page("/harbour", page("harbour"))
    bridge = web.page("/bridge", page("bridge"), host=2)
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", harbour), ("bridge", bridge)])
    nights.run(0)
    second = nights.run(1.1, skip_hosts=["127.0.0.2"])
    assert not [r for r in nights.last_requests if r.host == "127.0.0.2"]
    assert nights.fetched("/harbour") == 1
    assert second.exit_status == ExitStatus.OK
    assert not second.changes.newly_failing_quotes and not second.changes.newly_failing_links
    assert _link_history(nights, "/bridge") == ["ok", "skipped"]


def test_save_switched_to_never_leaves_a_pending_save_alone_until_switched_back(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        monkeypatch: pytest.MonkeyPatch) -> None:
    url, nights = save_left_pending(workspace, web, wayback, monkeypatch)
    wayback.pending_polls = 0
    wayback.requests.clear()
    nights.run(1.1, save="never")
    assert wayback.count("save2") == 0 and wayback.count("status") == 0
    with nights.db() as conn:
        assert [r[0] for r in conn.execute("select status from saves")] == ["pending"]
    third = nights.run(1.5)
    assert wayback.count("save2") == 0  # confirmed, not submitted again
    with nights.db() as conn:
        assert [r[0] for r in conn.execute("select status from saves")] == ["success"]
    assert third.changes.newly_archived == [url]


def test_config_with_a_typo_between_nights_is_one_line_and_records_nothing(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    assert cli_at(monkeypatch, run_cli, 0, "run", "--quiet", str(nights.docs)).code == 0
    config = workspace / "verifier.toml"
    good = config.read_text()
    config.write_text(good + "recheck_max_day = 5\n")
    before = _digest(workspace / "v.db")
    broken = cli_at(monkeypatch, run_cli, 1.1, "run", "--quiet", str(nights.docs))
    assert broken.code == 2 and "recheck_max_day" in _one_line(broken)
    assert _digest(workspace / "v.db") == before
    config.write_text(good + "recheck_max_days = 5\n")
    fixed = cli_at(monkeypatch, run_cli, 1.2, "run", "--quiet", str(nights.docs))
    assert (fixed.code, fixed.out) == (0, "")
    with nights.db() as conn:
        assert [r[0] for r in conn.execute("select status from runs")] == ["completed"] * 2


# -- failing spells ------------------------------------------------------------------------------------

def _switchable(web: FixtureWeb, nights: Nights) -> tuple[str, dict[str, int]]:
    return switchable_link(web, nights, "<title>Error</title><p>Something went wrong.</p>")


def test_failing_spell_restarts_after_a_recovery(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    nights = Nights(workspace, web, wayback)
    url, state = _switchable(web, nights)
    nights.run(0)
    results = {}
    for day, status in ((1, 404), (2, 404), (3, 200), (4, 404), (5, 404), (6, 404), (7, 404)):
        state["status"] = status
        results[day] = nights.run(day)
    assert [d for d, r in results.items() if r.changes.newly_failing_links] == [7]
    assert urls(results[3].changes.recovered_links) == [url]
    shown = run_cli("status", "--db", str(workspace / "v.db"), "--url", url)
    assert "failing since 2026-11-06T03:00:00Z (4 failed checks; confirmed)" in shown.out


def test_failure_changing_kind_is_one_spell(workspace: Path, web: FixtureWeb,
                                            wayback: FakeWayback) -> None:
    nights = Nights(workspace, web, wayback)
    url, state = _switchable(web, nights)
    nights.run(0)
    seen = []
    for day, status in ((1, 404), (2.5, 503), (4, 404)):
        state["status"] = status
        seen.append(nights.run(day))
    assert [urls(r.changes.newly_failing_links) for r in seen] == [[], [], [url]]
    assert _link_history(nights, "/harbour") == ["ok", "dead", "error", "dead"]


# -- the clock -------------------------------------------------------------------------------------------

def test_clock_set_back_a_day(workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """The machine's clock is wrong for a night (a day behind): nothing breaks, and the dead
    link is confirmed once three failed checks really span three days."""
    web.page("/harbour", page("harbour"))
    gone = web.page("/gone", "<title>Not Found</title><p>No such page.</p>", status=404)
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour")), ("bridge", gone)])
    nights.run(5)
    back = nights.run(4)
    assert back.exit_status == ExitStatus.OK
    assert nights.fetched("/harbour") == 0 and nights.fetched("/gone") == 1
    later = nights.run(6.5)
    assert nights.fetched("/harbour") == 1
    assert later.changes.newly_failing_links == []
    confirmed = nights.run(8.1)
    assert urls(confirmed.changes.newly_failing_links) == [gone]
    with nights.db() as conn:
        assert [r[0] for r in conn.execute("select status from runs order by id")] == \
            ["completed"] * 4


def test_two_runs_started_in_the_same_minute(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    nights = harbour_and_bridge(workspace, web, wayback)
    assert cli_at(monkeypatch, run_cli, 0, "run", "--quiet", str(nights.docs)).code == 1
    before = len(web.requests)
    again = cli_at(monkeypatch, run_cli, 20 / 86400, "run", "--quiet", str(nights.docs))
    assert (again.code, again.out) == (0, "")
    assert not [r for r in web.requests[before:] if r.path == "/harbour"]
    with nights.db() as conn:
        assert [r[0] for r in conn.execute("select status from runs")] == ["completed"] * 2
        assert_no_duplicates(conn)


def test_thirty_five_nights_of_a_stable_link_with_a_capped_interval(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    body, tag = {"body": page("harbour")}, {"etag": '"v1"'}
    url = web.route("/harbour", _etag_server(body, tag))
    nights = Nights(workspace, web, wayback, recheck_max_days=5.0)
    write_doc(nights.docs / "a.txt", [("harbour", url)])
    checked = []
    for day in range(35):
        result = nights.run(day)
        assert result.exit_status == ExitStatus.OK and not result.changes.loud
        if nights.fetched("/harbour"):
            checked.append(day)
    assert checked == [0, 1, 3, 6, 10, 15, 20, 25, 30]
    with nights.db() as conn:
        assert conn.execute("select count(*) from runs").fetchone()[0] == 35
        assert conn.execute("select count(*) from link_checks").fetchone()[0] == 9
        assert len(best_checks(conn, "harbour")) == 9
        assert conn.execute("select count(*) from fetches where not_modified = 1"
                            ).fetchone()[0] == 8
    shown = run_cli("status", "--db", str(workspace / "v.db"), "--url", url)
    assert shown.code == 0 and f"{url}: 9 checks" in shown.out
    assert "next check due 2026-12-07T03:00:00Z" in shown.out


# -- killed, interrupted and locked nights ---------------------------------------------------------

DRIVER = """
import json, sys
from datetime import datetime
import verifier
from verifier.config import load_settings
exec(sys.argv[5])
overrides, when, cwd, docs = json.loads(sys.argv[1]), datetime.fromisoformat(sys.argv[2]), sys.argv[3], sys.argv[4]
verifier.run([docs], load_settings(env={}, cwd=cwd, overrides=overrides), now=lambda: when)
"""

DIE_WRITING_REPORT = """
import os, signal
import verifier.report as report
real_write_report = report.write_report
def dying_write_report(*args, **kwargs):
    os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    return real_write_report(*args, **kwargs)
report.write_report = dying_write_report
"""


def _driven(nights: Nights, day: float, prelude: str = "",
            env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, json.dumps(nights.overrides()), at(day).isoformat(),
         str(nights.root), str(nights.docs), prelude], cwd=nights.root,
        env=subprocess_env(**(env or {})), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_killed_while_writing_the_report(workspace: Path, web: FixtureWeb,
                                         wayback: FakeWayback) -> None:
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    proc = _driven(nights, 0, DIE_WRITING_REPORT)
    assert proc.wait(timeout=120) == -signal.SIGKILL
    reports = workspace / "reports"
    for html in reports.glob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")  # never half
    second = nights.run(0.5)
    assert second.exit_status == ExitStatus.OK and nights.last_requests == []
    assert second.report_path is not None and second.report_path.exists()
    with nights.db() as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in conn.execute("select status from runs")] == \
            ["interrupted", "completed"]  # see the docstring: corrected in the second round
        assert_no_duplicates(conn)
    assert f"run-{second.run_id}" in (reports / "index.html").read_text(encoding="utf-8")


def test_killed_while_a_save_is_under_way_then_the_save_is_made(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback, save="missing")
    write_doc(nights.docs / "a.txt", [("harbour", url)])
    real_save2 = wayback._save2

    def slow_save2(h: Any, payload: bytes) -> None:
        time.sleep(3)
        real_save2(h, payload)

    monkeypatch.setattr(wayback, "_save2", slow_save2)
    proc = _driven(nights, 0, env={"IA_ACCESS_KEY": "access", "IA_SECRET_KEY": "secret"})
    deadline = time.monotonic() + 60
    while wayback.count("save2") == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    monkeypatch.setattr(wayback, "_save2", real_save2)
    monkeypatch.setenv("IA_ACCESS_KEY", "access")
    monkeypatch.setenv("IA_SECRET_KEY", "secret")
    wayback.pending_polls = 0
    nights.run(0.2)
    with nights.db() as conn:
        rows = conn.execute("select url, status from saves").fetchall()
        assert [(r["url"], r["status"]) for r in rows] == [(url, "success")]
        assert [r[0] for r in conn.execute("select status from runs order by id")] == \
            ["interrupted", "completed"]
        assert_no_duplicates(conn)


def _stop_after_first_source(nights: Nights, day: float, **extra: Any) -> None:
    stop = threading.Event()

    def progress(stage: str, done: int, _total: int) -> None:
        if stage == "sources" and done >= 1:
            stop.set()

    with pytest.raises(pipeline.Interrupted):
        verifier.run([str(nights.docs)], nights.settings(**extra), progress=progress, stop=stop,
                     now=lambda: at(day))


def _edited_on_night_2(web: FixtureWeb, nights: Nights) -> dict[str, str]:
    """a.txt cites /harbour (edited on night 2); b.txt three slow pages after it."""
    state = {"body": page("harbour")}
    web.route("/harbour", lambda _r: Reply(200, state["body"]))
    entries = []
    for key in ("bridge", "school", "clinic"):
        body = page(key)
        web.route(f"/{key}", lambda _r, body=body: Reply(200, body, delay=0.3))
        entries.append((key, web.url(f"/{key}")))
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    write_doc(nights.docs / "b.txt", entries)
    return state


def test_ctrl_c_mid_night_then_quiet_the_next_night_tells_what_changed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    state = _edited_on_night_2(web, nights)
    assert nights.run(0).exit_status == ExitStatus.OK
    state["body"] = page("harbour", changed={"next spring": "next summer"})
    _stop_after_first_source(nights, 1.1)
    after = cli_at(monkeypatch, run_cli, 1.2, "run", "--quiet", str(nights.docs))
    assert after.code == 1
    assert "Newly failing quotes (1):" in after.out
    assert "partial: “the harbour will reopen" in after.out
    with nights.db() as conn:
        assert [r[0] for r in conn.execute("select status from runs order by id")] == \
            ["completed", "interrupted", "completed"]
        assert_no_duplicates(conn)


def test_export_after_a_night_interrupted_mid_way(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1, no_wayback=True)
    state = _edited_on_night_2(web, nights)
    nights.run(0)
    state["body"] = page("harbour", changed={"next spring": "next summer"})
    _stop_after_first_source(nights, 1.1)
    out = run_cli("export", "--format", "json", "--db", str(workspace / "v.db"))
    assert out.code == 0
    data = json.loads(out.out)
    statuses = {q["text"]: q["status"] for q in data["quotes"]}
    assert len(statuses) == 4 and len(data["citations"]) == 4
    assert [s for t, s in statuses.items() if SAID["harbour"].split(" next")[0] in t] == \
        ["partial"]
    assert sorted(statuses.values()) == ["partial", "verified", "verified", "verified"]


def test_lock_file_naming_a_pid_now_used_by_another_process(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine rebooted mid-run; the lock file names a pid an unrelated process has now."""
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (workspace / "v.db.lock").write_text(json.dumps({
            "pid": other.pid, "host": socket.gethostname(),
            "started": "2026-11-03 03:00:00 UTC"}))
        night = cli_at(monkeypatch, run_cli, 1.1, "run", "--quiet", str(nights.docs))
        assert (night.code, night.out, night.err) == (0, "", "")
        assert other.poll() is None  # not touched
    finally:
        other.kill()
        other.wait()
    with nights.db() as conn:
        assert [r[0] for r in conn.execute("select status from runs")] == ["completed"] * 2
    assert os.path.exists(workspace / "v.db.lock")


# -- second batch: written after the first round of fixes, before running them ----------------------

def test_killed_while_writing_the_report_then_the_quiet_night_tells_the_findings(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """Cron's first run was killed before it wrote its report or printed anything: nobody
    heard of the failing quote. The next night must say it."""
    nights = harbour_and_bridge(workspace, web, wayback)
    assert _driven(nights, 0, DIE_WRITING_REPORT).wait(timeout=120) == -signal.SIGKILL
    night = cli_at(monkeypatch, run_cli, 0.5, "run", "--quiet", str(nights.docs))
    assert night.code == 1
    assert "partial 1" in night.out


def test_a_new_warning_is_told_once_on_quiet_nights(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """A file in the corpus turns out unreadable: cron mails it the night it appears, not
    every night after."""
    web.page("/harbour", page("harbour"))
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    cli_at(monkeypatch, run_cli, 0, "run", "--quiet", str(nights.docs))
    (nights.docs / "b.txt").write_bytes(bytes(range(256)) * 64)
    first = cli_at(monkeypatch, run_cli, 0.5, "run", "--quiet", str(nights.docs))
    assert first.code == 0 and "b.txt" in first.out
    again = cli_at(monkeypatch, run_cli, 1.5, "run", "--quiet", str(nights.docs))
    assert (again.code, again.out) == (0, "")


def test_status_after_a_killed_run_does_not_show_it_running(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    from test_nightly_holdout import _slow_corpus

    nights = Nights(workspace, web, wayback, concurrency=2, per_host=2)
    _slow_corpus(web, nights, 8, 0.3)
    proc = _driven(nights, 0)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with nights.db() as conn:
                if conn.execute("select count(*) from fetches").fetchone()[0] >= 2:
                    break
        except sqlite3.Error:
            pass
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    shown = run_cli("status", "--db", str(workspace / "v.db"))
    assert shown.code == 0
    assert "interrupted" in shown.out and "running" not in shown.out


def test_page_saved_then_dead_has_its_saved_copy_as_replacement(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IA_ACCESS_KEY", "access")
    monkeypatch.setenv("IA_SECRET_KEY", "secret")
    wayback.pending_polls = 0
    nights = Nights(workspace, web, wayback, save="missing")
    url, state = _switchable(web, nights)
    nights.run(0)
    with nights.db() as conn:
        assert [r[0] for r in conn.execute("select status from saves")] == ["success"]
    state["status"] = 404
    for day in (1, 2.5, 4):
        nights.run(day)
    out = run_cli("export", "--format", "csv", "--table", "replacements", "--db",
                  str(workspace / "v.db"))
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert [(r["url"], r["link_status"]) for r in rows] == [(url, "dead")]
    assert rows[0]["replacement_url"].startswith("https://web.archive.org/web/")


def test_304_bringing_a_new_etag_is_what_is_sent_next(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    def serve(request: Request) -> Reply:
        if request.headers.get("If-None-Match") in ('"v1"', '"v1b"'):
            return Reply(304, b"", headers={"ETag": '"v1b"'}, content_type=None)
        return Reply(200, page("harbour"), headers={"ETag": '"v1"'})

    web.route("/harbour", serve)
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    nights.run(1.1)
    third = nights.run(3.2)
    assert _requests_to(nights, "/harbour", "If-None-Match") == ['"v1b"']
    assert third.counts["quotes"]["verified"] == 1


def test_page_turned_soft_404_is_confirmed_like_a_dead_one(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    state = {"gone": False}
    missing = ("<html lang='en'><head><title>Page not found</title></head><body>"
               "<h1>Page not found</h1><p>Sorry, the page you are looking for does not "
               "exist.</p></body></html>")
    web.route("/harbour", lambda _r: Reply(200, missing if state["gone"] else page("harbour")))
    nights = Nights(workspace, web, wayback)
    write_doc(nights.docs / "a.txt", [("harbour", web.url("/harbour"))])
    nights.run(0)
    state["gone"] = True
    seen = [nights.run(day) for day in (1, 2.5, 4)]
    assert [len(r.changes.newly_failing_links) for r in seen] == [0, 0, 1]
    assert [len(r.changes.newly_failing_quotes) for r in seen] == [0, 0, 1]
    assert seen[-1].counts["links"]["soft_404"] == 1


def test_machine_off_for_sixty_days(workspace: Path, web: FixtureWeb,
                                    wayback: FakeWayback) -> None:
    """Back after two months: everything is due once; a link found failing then is not
    confirmed on that one check, however long since it last worked."""
    nights = Nights(workspace, web, wayback)
    url, state = _switchable(web, nights)
    nights.run(0)
    state["status"] = 404
    back = [nights.run(day) for day in (60, 61, 62, 63)]
    assert nights.fetched("/harbour") == 1
    assert [urls(r.changes.newly_failing_links) for r in back] == [[], [], [], [url]]
