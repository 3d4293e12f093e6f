"""End to end: `verifier run` on a small corpus whose sources live on the fixture web and
whose archive is the fake Wayback Machine, checked through the exported JSON contract."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CliResult
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb

HARBOUR = """<html lang="en"><head><title>Harbour news</title></head><body>
<p>At a press conference on Monday, Transport Minister Jane Roe said the harbour will reopen
next spring after the repairs are finished, and that shipping lanes would be dredged.</p>
</body></html>"""

FERRIES = """<html lang="en"><head><title>Ferry plans</title></head><body>
<p>The minister also told reporters: "We have secured funding for two new ferries this year,
and the first will sail in June."</p></body></html>"""

MINUTES = """<html lang="en"><head><title>Council minutes</title></head><body>
<p>The council discussed parking fees, street lighting and the summer festival schedule.
No decision on library budgets was taken.</p></body></html>"""

MAYOR_ARCHIVED = """<html lang="en"><head><title>Mayor's address</title></head><body>
<p>In his address, Mayor John Smith said: "Our city has never been safer than it is today,
and the numbers prove it."</p></body></html>"""


def corpus(tmp: Path, web: FixtureWeb) -> Path:
    docs = tmp / "docs"
    docs.mkdir()
    base = web.base()
    (docs / "notes.txt").write_text(
        "Harbour and ferries, December 15, 2009\n\n"
        "Transport Minister Jane Roe said that “the harbour will reopen next spring after the\n"
        "repairs are finished.”1 Later, Roe added that “we have secured funding for three new\n"
        "ferries this year.”2\n\n"
        "The mayor, John Smith, said: “Our city has never been safer than it is today.”3\n\n"
        "Smith also warned that “the old bridge must close for good before the winter storms\n"
        "arrive.”\n\n"
        f"1 {base}/harbour.\n\n"
        f"2 {base}/ferries\n\n"
        f"3 {base}/mayor\n", encoding="utf-8")
    (docs / "council.md").write_text(
        "# Council report\n\n"
        f"According to the [council minutes]({base}/minutes), councillor Maria Lopez said "
        "\"the budget for libraries will double next year, starting in January.\"\n",
        encoding="utf-8")
    return docs


def serve(web: FixtureWeb, wayback: FakeWayback) -> None:
    web.page("/harbour", HARBOUR)
    web.page("/ferries", FERRIES)
    web.page("/minutes", MINUTES)
    web.page("/mayor", "<title>Not Found</title>gone", status=404)
    wayback.capture(web.url("/mayor"), "20091201120000", MAYOR_ARCHIVED)


def config(tmp: Path, wayback: FakeWayback) -> Path:
    path = tmp / "verifier.toml"
    path.write_text(
        f'wayback_url = "{wayback.base}"\n'
        "allow_private_hosts = true\n"
        "wayback_lookups_per_minute = 6000\n"
        "wayback_saves_per_minute = 6000\n"
        "retries = 0\n")
    return path


@pytest.fixture
def e2e(workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> tuple[Path, Callable[..., CliResult]]:
    serve(web, wayback)
    docs = corpus(workspace, web)
    config(workspace, wayback)
    return docs, run_cli


def test_end_to_end_verdicts(e2e: tuple[Path, Callable[..., CliResult]], web: FixtureWeb) -> None:
    docs, run_cli = e2e
    result = run_cli("run", str(docs))
    assert result.code == 1, result.out + result.err  # first run, something failing
    assert "report:" in result.out and "database:" in result.out

    exported = run_cli("export", "--format", "json")
    assert exported.code == 0, exported.err
    data = json.loads(exported.out)
    quotes = {q["text"][:25]: q for q in data["quotes"]}
    links = {c["url"].rstrip("."): c for c in data["citations"]}
    base = web.base()

    assert links[f"{base}/harbour"]["link_status"] == "ok"
    assert links[f"{base}/harbour"]["document"] == "notes.txt"
    assert links[f"{base}/mayor"]["link_status"] == "dead"
    assert links[f"{base}/mayor"]["http_status"] == 404
    assert links[f"{base}/mayor"]["archive_url"].startswith("https://web.archive.org/web/2009")
    assert links[f"{base}/minutes"]["document"] == "council.md"

    harbour = quotes["the harbour will reopen n"]
    assert (harbour["status"], harbour["speaker"]) == ("verified", "Jane Roe")
    assert harbour["source_url"] == f"{base}/harbour"
    ferries = quotes["we have secured funding f"]
    assert (ferries["status"], ferries["speaker"]) == ("partial", "Jane Roe")
    assert 0 < ferries["score"] < 1
    mayor = quotes["Our city has never been s"]
    assert (mayor["status"], mayor["speaker"]) == ("verified_archive", "John Smith")
    bridge = quotes["the old bridge must close"]
    assert (bridge["status"], bridge["speaker"]) == ("unsourced", "John Smith")
    library = quotes["the budget for libraries "]
    assert (library["status"], library["speaker"]) == ("not_found", "Maria Lopez")
    assert library["source_url"] == f"{base}/minutes"


def test_two_runs_keep_both_runs_checks(e2e: tuple[Path, Callable[..., CliResult]],
                                        workspace: Path) -> None:
    import sqlite3

    docs, run_cli = e2e
    first = run_cli("run", str(docs))
    second = run_cli("run", "--full", str(docs))
    assert first.code == 1
    assert second.code == 0, second.out  # the same failures as before: nothing newly failing
    conn = sqlite3.connect(workspace / "verifier.db")
    per_run = dict(conn.execute("select run_id, count(*) from checks group by run_id").fetchall())
    assert set(per_run) == {1, 2}
    assert per_run[1] == per_run[2]
    status = run_cli("status")
    assert status.code == 0
    assert "run 1" in status.out and "run 2" in status.out


def test_missing_path_is_one_line_and_exit_2(workspace: Path,
                                             run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("run", str(workspace / "no-such-dir"))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "no-such-dir" in lines[0]
    assert "Traceback" not in result.err
    assert not (workspace / "verifier.db").exists()


ARTICLE = """<!DOCTYPE html><html lang="en"><head><title>Ferries and harbours</title>
<meta property="article:published_time" content="2009-12-15T08:00:00Z"></head><body>
<article><h1>Ferries and harbours</h1>
<p>Transport Minister Jane Roe said that “the harbour will reopen next spring after the repairs
are finished,” according to <a href="{base}/harbour">the ministry's statement</a>.</p>
<p>The council's <a href="{base}/minutes">minutes</a> were also published.</p>
</article></body></html>"""


def test_article_given_as_a_url_is_fetched_and_its_links_are_its_citations(
        e2e: tuple[Path, Callable[..., CliResult]], web: FixtureWeb) -> None:
    _docs, run_cli = e2e
    article = web.page("/article", ARTICLE.replace("{base}", web.base()))
    result = run_cli("run", article)
    assert result.code == 0, result.out + result.err
    data = json.loads(run_cli("export", "--format", "json").out)
    assert {c["url"] for c in data["citations"]} == {web.url("/harbour"), web.url("/minutes")}
    assert all(c["document"] == article for c in data["citations"])
    [quote] = data["quotes"]
    assert (quote["status"], quote["speaker"]) == ("verified", "Jane Roe")
    assert quote["source_url"] == web.url("/harbour")


def test_what_reading_a_document_showed_is_a_warning_of_the_run(workspace: Path) -> None:
    import verifier
    from verifier.config import load_settings

    (workspace / "empty.txt").write_bytes(b"")
    result = verifier.run(["empty.txt"], load_settings(env={}, overrides={"no_wayback": True}))
    assert result.warnings == ["empty.txt: empty file; nothing to extract"]


def test_a_document_out_of_reach_is_not_taken_as_removed(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from verifier.pipeline import _gone

    (tmp_path / "here.txt").write_text("x")
    assert _gone(str(tmp_path / "gone.txt")) and _gone(str(tmp_path / "here.txt" / "x.txt"))
    assert not _gone(str(tmp_path / "here.txt"))

    def refused(path: str) -> None:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "stat", refused)
    assert not _gone(str(tmp_path / "private" / "a.txt"))
