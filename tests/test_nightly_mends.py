"""The general fixes the second nightly held-out set (test_nightly_holdout2.py) led to, each
on its own small case."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply, Request
from test_nightly import PAGE, PORT, _corpus, _port_corpus, _settings

import verifier
from verifier.status import ExitStatus

T0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)


def _etag_harbour(web: FixtureWeb, *, always_304: bool = False) -> None:
    def harbour(request: Request) -> Reply:
        if always_304 or request.headers.get("If-None-Match") == '"v1"':
            return Reply(304, b"", headers={"ETag": '"v1"'}, content_type=None)
        return Reply(200, PAGE, headers={"ETag": '"v1"'})

    web.route("/harbour", harbour)
    web.page("/port", PORT)


def test_304_confirming_a_copy_no_longer_kept_fetches_the_page_in_full(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """A 304 stands for the copy kept before; with that copy gone from the archive directory
    it stands for nothing, so the page is asked for again without validators."""
    _etag_harbour(web)
    docs = _corpus(workspace, web)
    settings = _settings(workspace, wayback, save="never")
    verifier.run([str(docs)], settings, now=lambda: T0)
    shutil.rmtree(workspace / "archive")
    second = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(days=2))
    sent = [r.headers.get("If-None-Match") for r in web.requests if r.path == "/harbour"]
    assert sent == [None, '"v1"', None]
    assert second.counts["quotes"]["verified"] == 1


def test_server_answering_304_to_a_plain_request_is_asked_once_more_only(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    _etag_harbour(web)
    docs = _corpus(workspace, web)
    settings = _settings(workspace, wayback, save="never")
    verifier.run([str(docs)], settings, now=lambda: T0)
    shutil.rmtree(workspace / "archive")
    _etag_harbour(web, always_304=True)  # broken: 304 whatever is asked
    second = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(days=2))
    assert web.hits("/harbour") == 3  # the first copy, the 304, the plain request: no loop
    assert second.counts["links"]["error"] == 1  # a 304 to a plain request is no answer
    assert second.counts["quotes"]["source_unavailable"] == 1


def test_failing_state_is_due_even_when_the_clock_reads_before_its_last_check() -> None:
    """A failing link is checked every run; a clock set back a day must not skip it."""
    from verifier.config import load_settings
    from verifier.recheck import is_due

    failing = {"status": "dead", "stable_checks": 0, "last_checked": "2026-11-06T03:00:00Z",
               "next_check": "2026-11-06T03:00:00Z"}
    healthy = {**failing, "status": "ok", "next_check": "2026-11-07T03:00:00Z"}
    a_day_back = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)
    assert is_due(failing, a_day_back, load_settings(env={}))
    assert not is_due(healthy, a_day_back, load_settings(env={}))


def test_document_unreadable_for_a_night_keeps_its_last_version_in_the_run(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback)
    first = verifier.run([str(docs)], settings, now=lambda: T0)
    (docs / "a.txt").write_bytes(bytes(range(256)) * 64)
    broken = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(hours=6))
    assert any("a.txt" in w for w in broken.warnings)
    assert broken.counts == first.counts
    store = verifier.Store.open(settings.db)
    try:
        assert next(store.rows("select removed_run from documents"))["removed_run"] is None
    finally:
        store.close()


def test_document_renamed_brings_no_news_about_its_failing_quote(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """A quote's key names its document: renamed, the same words come under a new key, and
    they are the finding reported already, not a new one."""
    web.page("/harbour", PAGE.replace("next spring", "next summer"))
    docs, settings = _port_corpus(workspace, web, wayback)
    first = verifier.run([str(docs)], settings, now=lambda: T0)
    assert [q.status for q in first.changes.newly_failing_quotes] == ["partial"]
    (docs / "a.txt").rename(docs / "renamed.txt")
    second = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(hours=6))
    assert second.counts == first.counts
    assert not second.changes.newly_failing_quotes and not second.changes.recovered_quotes


def test_save_queued_by_a_run_that_died_is_made_by_the_next_run(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A run records a save as pending when it queues it, not only when it stops: a run
    killed before any change of the job was recorded leaves it to the next run, even when the
    link is not due then."""
    from verifier.archiving import Archivist

    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback, save="always")
    real_close = Archivist.close
    with monkeypatch.context() as patched:  # dies before recording any change of its jobs
        patched.setattr(Archivist, "close", lambda self, wait=0.0, **_: real_close(self, 0.0) and [])
        patched.setattr(Archivist, "changed_saves", lambda self: [])  # (handed over as they change)
        verifier.run([str(docs)], settings, now=lambda: T0)
    store = verifier.Store.open(settings.db)
    try:
        assert {r["status"] for r in store.rows("select status from saves")} == {"pending"}
    finally:
        store.close()
    verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(hours=1))
    store = verifier.Store.open(settings.db)
    try:
        assert {(r["status"], r["n"]) for r in store.rows(
            "select status, count(*) as n from saves group by url")} == {("success", 1)}
    finally:
        store.close()


class _Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no handler sees it."""


def test_run_killed_while_writing_its_report_is_not_completed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A run is completed together with its report: killed while writing it, nobody heard of
    its findings, so the next run is compared with the run before it and tells them."""
    import verifier.report

    web.page("/harbour", PAGE.replace("next spring", "next summer"))
    docs, settings = _port_corpus(workspace, web, wayback)

    def killed(*_args: object, **_kwargs: object) -> None:
        raise _Killed

    with monkeypatch.context() as patched, pytest.raises(_Killed):
        patched.setattr(verifier.report, "write_report", killed)
        verifier.run([str(docs)], settings, now=lambda: T0)
    store = verifier.Store.open(settings.db)
    try:
        assert [r["status"] for r in store.rows("select status from runs")] == ["running"]
    finally:
        store.close()
    second = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(hours=1))
    assert [q.status for q in second.changes.newly_failing_quotes] == ["partial"]
    assert second.exit_status == ExitStatus.NEWLY_FAILING


def test_quiet_run_prints_a_warning_the_previous_run_did_not_give(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    from verifier.summary import render_summary

    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback)
    verifier.run([str(docs)], settings, now=lambda: T0)
    (docs / "junk.txt").write_bytes(bytes(range(256)) * 64)
    appeared = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(hours=6))
    assert appeared.changes.new_warnings == appeared.warnings != []
    printed = render_summary(appeared, quiet=True)
    assert "junk.txt" in printed
    assert "1 new warning since run 1" in printed and "no changes since" not in printed
    stayed = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(hours=12))
    assert stayed.warnings and stayed.changes.new_warnings == []
    assert render_summary(stayed, quiet=True) == ""
