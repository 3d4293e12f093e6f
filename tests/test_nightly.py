"""Nightly operation: incremental re-checks, quiet output, confirmed-dead links, history."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import CliResult
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply

import verifier
from verifier.config import load_settings
from verifier.status import ExitStatus

PAGE = ("<html lang='en'><body><p>The minister said the harbour will reopen next spring after "
        "the repairs are finished.</p></body></html>")
PORT = "<html><body><p>Port authority home.</p></body></html>"


def _corpus(root: Path, web: FixtureWeb) -> Path:
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "a.txt").write_text(
        "Minister Jane Roe said that “the harbour will reopen next spring after the repairs "
        f"are finished.”1\n\nSee also the port authority.2\n\n1 {web.url('/harbour')}\n\n"
        f"2 {web.url('/port')}\n", encoding="utf-8")
    return docs


def _settings(root: Path, wayback: FakeWayback, **extra: object) -> verifier.Settings:
    return load_settings(env={}, cwd=root, overrides={
        "db": str(root / "v.db"), "archive_dir": str(root / "archive"),
        "report_dir": str(root / "reports"), "allow_private_hosts": True,
        "wayback_url": wayback.base, "wayback_lookups_per_minute": 6000.0,
        "wayback_saves_per_minute": 6000.0, "retries": 0, **extra})


def _port_corpus(root: Path, web: FixtureWeb, wayback: FakeWayback, **extra: object
                 ) -> tuple[Path, verifier.Settings]:
    """a.txt under root/docs with the port's page served (/harbour is the test's to serve),
    and settings that save nothing to the Wayback Machine unless told."""
    web.page("/port", PORT)
    return _corpus(root, web), _settings(root, wayback, **{"save": "never", **extra})


def test_second_run_inside_the_interval_makes_no_requests(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback)
    t0 = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    first = verifier.run([str(docs)], settings, now=lambda: t0)
    assert first.counts["quotes"]["verified"] == 1
    requests_after_first = len(web.requests)
    assert requests_after_first >= 2

    second = verifier.run([str(docs)], settings, now=lambda: t0 + timedelta(hours=12))
    assert len(web.requests) == requests_after_first  # inside the 1-day interval: no request
    assert second.exit_status == ExitStatus.OK
    assert second.counts == first.counts  # the state carries over

    verifier.run([str(docs)], settings, now=lambda: t0 + timedelta(days=1, hours=1))
    assert len(web.requests) > requests_after_first  # the interval has passed


def test_failing_link_is_confirmed_only_after_repeated_failures_over_days(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback)
    t0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    assert verifier.run([str(docs)], settings, now=lambda: t0).exit_status == ExitStatus.OK

    web.page("/port", "<title>Not Found</title>", status=404)
    outcomes = []
    for night in range(1, 6):
        result = verifier.run([str(docs)], settings, now=lambda n=night: t0 + timedelta(days=n))
        outcomes.append((result.exit_status, [link.url for link in result.changes.newly_failing_links],
                         [link.url for link in result.changes.failing_unconfirmed_links]))
    port = web.url("/port")
    # nights 1-2: failing, not confirmed, quiet; night 3: 3 failures over >= 3 days? (1..3 is
    # only 2 days apart) so still unconfirmed; night 4: confirmed, loud once; night 5: quiet.
    assert outcomes[0] == (ExitStatus.OK, [], [port])
    assert outcomes[1][0] == ExitStatus.OK
    assert outcomes[2][0] == ExitStatus.OK
    assert outcomes[3] == (ExitStatus.NEWLY_FAILING, [port], [])
    assert outcomes[4][0] == ExitStatus.OK


def test_quiet_prints_nothing_when_nothing_changed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/harbour", PAGE)
    web.page("/port", PORT)
    docs = _corpus(workspace, web)
    (workspace / "verifier.toml").write_text(
        f'wayback_url = "{wayback.base}"\nallow_private_hosts = true\nsave = "never"\n'
        "retries = 0\n")
    loud = run_cli("run", "--quiet", str(docs))
    assert loud.code == 0
    assert loud.out == ""  # first run, nothing failing: nothing to say
    web.page("/harbour", PAGE.replace("next spring", "next autumn"))
    changed = run_cli("run", "--quiet", "--full", str(docs))
    assert changed.code == 1
    assert "Newly failing quotes (1)" in changed.out
    again = run_cli("run", "--quiet", "--full", str(docs))
    assert again.code == 0 and again.out == ""


def test_status_shows_a_links_history(workspace: Path, web: FixtureWeb, wayback: FakeWayback,
                                      run_cli: Callable[..., CliResult]) -> None:
    web.page("/harbour", PAGE)
    web.sequence("/port", [Reply(200, "<p>ok</p>"), Reply(404, "<title>Not Found</title>")])
    docs = _corpus(workspace, web)
    settings = _settings(workspace, wayback, save="never", full=True)
    t0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    for night in range(3):
        verifier.run([str(docs)], settings, now=lambda n=night: t0 + timedelta(days=n))
    shown = run_cli("status", "--db", str(workspace / "v.db"), "--url", web.url("/port"))
    assert shown.code == 0
    assert "3 checks" in shown.out
    assert "failing since 2026-11-02" in shown.out
    assert "2 failed checks; not yet confirmed" in shown.out


def test_removed_document_is_marked_not_deleted(workspace: Path, web: FixtureWeb,
                                                wayback: FakeWayback) -> None:
    web.page("/harbour", PAGE)
    web.page("/port", "<p>ok</p>")
    docs = _corpus(workspace, web)
    (docs / "b.md").write_text("Nothing cited here.\n")
    settings = _settings(workspace, wayback, save="never")
    verifier.run([str(docs)], settings)
    (docs / "b.md").unlink()
    second = verifier.run([str(docs)], settings)
    store = verifier.Store.open(settings.db)
    rows = {Path(r["source"]).name: r for r in store.rows("select * from documents")}
    assert rows["b.md"]["removed_run"] == second.run_id
    assert rows["a.txt"]["removed_run"] is None
    store.close()


def test_not_modified_reuses_the_previous_copy_as_evidence(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """A 304 to a conditional request: the quote is checked against the copy kept before,
    and its provenance names that copy's bytes."""
    from fixtureweb import Request

    def harbour(request: Request) -> Reply:
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(304, b"", headers={"ETag": '"v1"'}, content_type=None)
        return Reply(200, PAGE, headers={"ETag": '"v1"'})

    web.route("/harbour", harbour)
    docs, settings = _port_corpus(workspace, web, wayback)
    t0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    verifier.run([str(docs)], settings, now=lambda: t0)
    second = verifier.run([str(docs)], settings, now=lambda: t0 + timedelta(days=2))
    conditional = [r for r in web.requests if r.path == "/harbour"][-1]
    assert conditional.headers.get("If-None-Match") == '"v1"'
    store = verifier.Store.open(settings.db)
    first_fetch, second_fetch = store.rows(
        "select http_status, not_modified, sha256 from fetches where url like '%/harbour' "
        "order by id")
    assert (second_fetch["http_status"], second_fetch["not_modified"]) == (304, 1)
    assert second_fetch["sha256"] == first_fetch["sha256"]  # the copy it stands for
    check = next(store.rows("select status, sha256 from checks where run_id = ?",
                            [second.run_id]))
    assert check["status"] == "verified" and check["sha256"] == first_fetch["sha256"]
    store.close()


def test_document_reverted_to_an_earlier_version_is_checked_as_that_version(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """v1, v2 (another quote, not found: checked every run), v1 again: the run loads v1's
    quotes, not those of the version extracted last."""
    web.page("/harbour", PAGE)
    web.page("/port", PORT)
    docs = _corpus(workspace, web)
    v1 = (docs / "a.txt").read_text(encoding="utf-8")
    settings = _settings(workspace, wayback, save="never")
    t0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    verifier.run([str(docs)], settings, now=lambda: t0)
    (docs / "a.txt").write_text(f"Jane Roe said that “the port will close for good next week "
                                f"after the storm.”1\n\n1 {web.url('/port')}\n", encoding="utf-8")
    verifier.run([str(docs)], settings, now=lambda: t0 + timedelta(hours=6))
    (docs / "a.txt").write_text(v1, encoding="utf-8")
    third = verifier.run([str(docs)], settings, now=lambda: t0 + timedelta(hours=12))
    assert third.counts["quotes"]["verified"] == sum(third.counts["quotes"].values()) == 1
    store = verifier.Store.open(settings.db)
    try:
        assert [r["text"] for r in store.rows(
            "select q.text from checks c join quotes q on q.id = c.quote_id where c.run_id = ?",
            [third.run_id])] == []  # v1's quote is inside its interval; v2's is not in the run
        row = next(store.rows("select sha256 from documents"))
        assert row["sha256"] == next(store.rows(
            "select doc_sha from quotes where text like '%harbour%'"))["doc_sha"]
    finally:
        store.close()


def test_status_counts_the_failed_checks_since_the_link_last_worked(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/harbour", PAGE)
    gone = Reply(404, "<title>Not Found</title>")
    web.sequence("/port", [gone, Reply(200, "<p>ok</p>"), gone, gone])
    docs = _corpus(workspace, web)
    settings = _settings(workspace, wayback, save="never", full=True)
    t0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    for night in range(4):
        verifier.run([str(docs)], settings, now=lambda n=night: t0 + timedelta(days=n))
    shown = run_cli("status", "--db", str(workspace / "v.db"), "--url", web.url("/port"))
    assert "failing since 2026-11-03T03:00:00Z (2 failed checks; not yet confirmed)" in shown.out


def test_recheck_interval_follows_the_settings_in_force() -> None:
    """A state stored under one interval is due by the interval configured now: lowered, a
    link checked longer ago is due at once; raised, one checked yesterday is not."""
    from verifier.recheck import is_due

    checked = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    state = {"status": "ok", "stable_checks": 5, "last_checked": "2026-11-01T03:00:00Z",
             "next_check": "2026-11-07T03:00:00Z"}  # 6 days: the defaults after 5 stable checks
    lowered = load_settings(env={}, overrides={"recheck_max_days": 2.0})
    assert is_due(state, checked + timedelta(days=2), lowered)
    assert not is_due(state, checked + timedelta(days=2), load_settings(env={}))
    fresh = {**state, "stable_checks": 0, "next_check": "2026-11-02T03:00:00Z"}
    raised = load_settings(env={}, overrides={"recheck_min_days": 7.0})
    assert not is_due(fresh, checked + timedelta(days=1, hours=12), raised)
    assert is_due(fresh, checked + timedelta(days=7), raised)
    failing = {**state, "status": "dead", "next_check": state["last_checked"]}
    assert is_due(failing, checked + timedelta(hours=1), raised)


def test_quote_held_back_while_its_link_failed_is_news_when_the_link_is_confirmed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    web.sequence("/harbour", [Reply(200, PAGE), Reply(404, "<title>Not Found</title>")])
    docs, settings = _port_corpus(workspace, web, wayback)
    t0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    verifier.run([str(docs)], settings, now=lambda: t0)
    held = [verifier.run([str(docs)], settings, now=lambda n=n: t0 + timedelta(days=n))
            for n in (1, 2)]
    assert [r.changes.newly_failing_quotes for r in held] == [[], []]
    confirmed = verifier.run([str(docs)], settings, now=lambda: t0 + timedelta(days=4))
    assert [link.url for link in confirmed.changes.newly_failing_links] == [web.url("/harbour")]
    assert [str(q.status) for q in confirmed.changes.newly_failing_quotes] == \
        ["source_unavailable"]
    after = verifier.run([str(docs)], settings, now=lambda: t0 + timedelta(days=5))
    assert after.changes.newly_failing_quotes == []


def test_quote_whose_note_now_cites_another_page_is_checked_again_at_once(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback)
    t0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    verifier.run([str(docs)], settings, now=lambda: t0)
    text = (docs / "a.txt").read_text(encoding="utf-8")
    (docs / "a.txt").write_text(text.replace("are finished.”1", "are finished.”2"),
                                encoding="utf-8")  # the quote's note is now the port's page
    second = verifier.run([str(docs)], settings, now=lambda: t0 + timedelta(hours=6))
    assert [(str(q.status), q.text[:11]) for q in second.changes.newly_failing_quotes] == \
        [("not_found", "the harbour")]
    store = verifier.Store.open(settings.db)
    try:
        data = json.loads(verifier.export_json(store))
    finally:
        store.close()
    assert [(q["source_url"], q["status"]) for q in data["quotes"]] == \
        [(web.url("/port"), "not_found")]


def test_a_version_1_database_learns_what_its_quotes_were_checked_against(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """Upgrading keeps the quotes inside their intervals (no re-check for all) while a quote
    whose note changes afterwards is still checked again."""
    import sqlite3

    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback)
    t0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    verifier.run([str(docs)], settings, now=lambda: t0)
    conn = sqlite3.connect(settings.db)
    with conn:  # back to schema 1: quote_state without urls
        conn.execute("alter table quote_state drop column urls")
        conn.execute("update meta set value = '1' where key = 'schema_version'")
    conn.close()
    from verifier.schema import SCHEMA_VERSION

    store = verifier.Store.open(settings.db)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        assert [r["urls"] for r in store.rows("select urls from quote_state")] == \
            [json.dumps([web.url("/harbour")])]
    finally:
        store.close()
    requests = len(web.requests)
    verifier.run([str(docs)], settings, now=lambda: t0 + timedelta(hours=6))
    assert len(web.requests) == requests


def test_working_directory_moved_elsewhere_keeps_its_documents_and_their_history(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """Documents inside the database's directory are known by their path relative to it."""
    import shutil

    web.page("/harbour", PAGE.replace("next spring", "next autumn"))  # partial: failing
    web.page("/port", PORT)
    old = workspace / "old"
    old.mkdir()
    docs = _corpus(old, web)
    t0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    first = verifier.run([str(docs)], _settings(old, wayback, save="never"), now=lambda: t0)
    assert first.counts["quotes"]["partial"] == 1
    new = workspace / "new"
    shutil.move(old, new)
    moved = verifier.run([str(new / "docs")], _settings(new, wayback, save="never"),
                         now=lambda: t0 + timedelta(hours=6))
    assert moved.counts == first.counts and not moved.warnings
    assert not moved.changes.loud  # the partial quote is not news again
    store = verifier.Store.open(new / "v.db")
    try:
        assert [r["source"] for r in store.rows("select source from documents")] == \
            ["docs/a.txt"]
        assert store.document_row(str(new / "docs" / "a.txt"))["source"] == \
            str(new / "docs" / "a.txt")
    finally:
        store.close()


def test_a_version_2_database_keeps_its_documents_relative_to_its_directory(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """Upgrading: documents recorded by absolute path inside the database's directory are
    kept relative to it, their quotes' keys following, so nothing is extracted or checked
    again."""
    import sqlite3

    from verifier.storekeys import quote_key

    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback)
    t0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    verifier.run([str(docs)], settings, now=lambda: t0)
    conn = sqlite3.connect(settings.db)
    [(kept_key,)] = conn.execute("select key from quotes").fetchall()
    absolute = str((docs / "a.txt").resolve())
    old_key = quote_key(absolute, next(conn.execute("select text from quotes"))[0], 0)
    with conn:  # as schema 2 kept it
        conn.execute("update documents set source = ?", [absolute])
        conn.execute("update quotes set key = ?", [old_key])
        conn.execute("update quote_state set key = ?", [old_key])
        conn.execute("update meta set value = '2' where key = 'schema_version'")
    conn.close()
    requests = len(web.requests)
    verifier.run([str(docs)], settings, now=lambda: t0 + timedelta(hours=6))
    assert len(web.requests) == requests
    store = verifier.Store.open(settings.db)
    try:
        assert [(r["source"], r["key"]) for r in store.rows(
            "select d.source, q.key from quotes q join documents d on d.id = q.document_id")] \
            == [("docs/a.txt", kept_key)]
        assert [r["key"] for r in store.rows("select key from quote_state")] == [kept_key]
    finally:
        store.close()
