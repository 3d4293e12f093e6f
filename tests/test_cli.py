"""The command line: help on everything, exact exit statuses and output, exports, offline
report regeneration."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from conftest import CliResult, subprocess_env
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb

from verifier.cli import cli

PAGE = "<html lang='en'><body><p>The mayor said the new bridge opens in May.</p></body></html>"


def test_every_command_and_option_has_help() -> None:
    group = cli
    assert group.help
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"command {name} has no help"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} has no help"


def test_run_help_lists_the_required_options(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("run", "--help")
    assert result.code == 0
    for option in ("--db", "--archive-dir", "--report-dir", "--wayback-url", "--config",
                   "--concurrency", "--timeout", "--retries", "--quiet", "--allow-private-hosts",
                   "--no-wayback", "--save", "--full", "--log-file"):
        assert option in result.out, option
    assert "Exit statuses" in result.out


def test_usage_error_is_exit_2(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("run", "--concurrency", "zero")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert run_cli("export").code == 2  # --format is required


def test_unknown_setting_in_config_is_exit_2(workspace: Path,
                                             run_cli: Callable[..., CliResult]) -> None:
    (workspace / "verifier.toml").write_text("concurency = 3\n")
    (workspace / "a.txt").write_text("Nothing cited.\n")
    result = run_cli("run", "a.txt")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "unknown setting 'concurency'" in lines[0]


def test_export_and_status_without_a_database(workspace: Path,
                                              run_cli: Callable[..., CliResult]) -> None:
    for args in (("export", "--format", "json"), ("status",), ("report",)):
        result = run_cli(*args)
        assert result.code == 2
        assert "no database" in result.err
        assert not (workspace / "verifier.db").exists()


@pytest.fixture
def finished_run(workspace: Path, web: FixtureWeb, wayback: FakeWayback,
                 run_cli: Callable[..., CliResult]) -> Path:
    web.page("/bridge", PAGE)
    web.page("/gone", "<title>Page not found</title>", status=404)
    wayback.capture(web.url("/gone"), "20200101000000", PAGE)
    (workspace / "verifier.toml").write_text(
        f'wayback_url = "{wayback.base}"\nallow_private_hosts = true\nsave = "never"\n'
        "retries = 0\nwayback_lookups_per_minute = 6000\n")
    (workspace / "a.txt").write_text(
        f"Mayor Ann Lee said that “the new bridge opens in May.”1 The old notice is gone.2\n\n"
        f"1 {web.url('/bridge')}\n\n2 {web.url('/gone')}\n", encoding="utf-8")
    assert run_cli("run", "a.txt").code == 1
    return workspace


def test_export_json_contract(finished_run: Path, run_cli: Callable[..., CliResult]) -> None:
    data = json.loads(run_cli("export", "--format", "json").out)
    assert set(data) >= {"citations", "quotes"}
    for c in data["citations"]:
        assert {"document", "url", "link_status", "http_status", "final_url",
                "archive_url"} <= set(c)
        assert c["document"] == "a.txt"
        assert c["link_status"] in ("ok", "redirected", "dead", "soft_404", "blocked", "error",
                                    "invalid", "skipped")
    for q in data["quotes"]:
        assert {"document", "text", "speaker", "source_url", "status", "score",
                "evidence"} <= set(q)
        assert q["status"] in ("verified", "verified_archive", "partial", "not_found",
                               "source_unavailable", "unsourced", "cross_language")
    assert data["quotes"][0]["evidence"]


def test_export_csv_of_links_to_replace(finished_run: Path,
                                        run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("export", "--format", "csv", "--table", "replacements")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert len(rows) == 1
    assert rows[0]["link_status"] == "dead"
    assert rows[0]["replacement_url"].startswith("https://web.archive.org/web/20200101000000/")
    quotes = list(csv.DictReader(io.StringIO(run_cli("export", "--format", "csv", "--table",
                                                     "quotes").out)))
    assert quotes[0]["status"] == "verified"


def test_report_regenerates_the_same_report_without_network(
        finished_run: Path, run_cli: Callable[..., CliResult],
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = (finished_run / "reports" / "run-1.html").read_bytes()
    (finished_run / "reports" / "run-1.html").unlink()

    def no_network(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("verifier report opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    result = run_cli("report")
    assert result.code == 0, result.err
    assert result.out.strip().endswith("run-1.html")
    assert (finished_run / "reports" / "run-1.html").read_bytes() == first


def test_status_lists_runs_with_counts(finished_run: Path,
                                       run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("status")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("run 1 ") and "completed" in lines[0] and "exit 1" in lines[0]
    assert "verified 1" in result.out and "dead 1" in result.out


def test_second_run_while_locked_exits_3(finished_run: Path,
                                         run_cli: Callable[..., CliResult]) -> None:
    from verifier.lock import RunLock

    with RunLock(finished_run / "verifier.db"):
        result = run_cli("run", "a.txt")
    assert result.code == 3
    assert "pid" in result.err and len(result.err.strip().splitlines()) == 1


def test_usage_errors_are_one_line_with_the_way_to_help(
        run_cli: Callable[..., CliResult]) -> None:
    for args, line in [
        (("run", "--concurrency", "zero"), "verifier run: Invalid value for '--concurrency': "
         "'zero' is not a valid integer range. (see 'verifier run --help')"),
        (("export",), "verifier export: Missing option '--format'. Choose from: json, csv "
         "(see 'verifier export --help')"),
    ]:
        result = run_cli(*args)
        assert result.code == 2 and result.err.splitlines() == [line]


def test_flags_asking_for_opposite_things_are_refused(workspace: Path,
                                                      run_cli: Callable[..., CliResult]) -> None:
    (workspace / "a.txt").write_text("Nothing cited.\n")
    result = run_cli("run", "--no-wayback", "--save", "missing", "a.txt")
    assert result.code == 2 and result.err.splitlines() == [
        "verifier run: --no-wayback makes no Internet Archive call, so --save missing cannot be "
        "honoured (see 'verifier run --help')"]
    assert run_cli("run", "--no-wayback", "--save", "never", "a.txt").code == 0
    result = run_cli("export", "--format", "json", "--table", "quotes")
    assert result.code == 2 and "--table quotes chooses the rows of --format csv" in result.err


def test_export_or_report_of_a_run_not_recorded(finished_run: Path,
                                                run_cli: Callable[..., CliResult]) -> None:
    for args in (("export", "--format", "csv", "--run", "7"), ("report", "--run", "7")):
        result = run_cli(*args)
        assert result.code == 2
        assert result.err.splitlines() == ["verifier: no run 7 in verifier.db"]
    assert run_cli("export", "--format", "csv", "--run", "1").code == 0


def test_version(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("--version")
    assert result.code == 0 and "verifier" in result.out


def test_start_up_leaves_numpy_unimported_yet_importable() -> None:
    """sqlite-utils would import numpy (a fifth of a second) on every command; the package
    keeps it out of start-up, and numpy still imports for language detection later."""
    probe = ("import sys, verifier.cli; assert 'numpy' not in sys.modules, 'numpy at start-up'; "
             "import numpy, sqlite_utils; print(numpy.__name__, sqlite_utils.Database.__name__)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["numpy", "Database"]


def test_reading_utf8_pages_leaves_beautiful_soup_unimported() -> None:
    """A page worker reading pages whose header says UTF-8 never imports Beautiful Soup (a
    seventh of a second per worker); a page in another encoding still decodes with it."""
    probe = ("import sys; from verifier.pagetext import page_text; "
             "page = page_text(b'<title>t</title><p>caf\\xc3\\xa9</p>', 'text/html; charset=utf-8'); "
             "assert 'bs4' not in sys.modules, 'bs4 imported'; "
             "other = page_text(b'<title>t</title><p>caf\\xe9</p>', 'text/html; charset=windows-1252'); "
             "print(page.text, other.text)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["café", "café"]


def test_the_help_names_every_exit_status() -> None:
    """A cron user reads `verifier --help` to know what an exit code meant."""
    from verifier.cli import EPILOG
    from verifier.status import ExitStatus

    named = {int(n) for n in re.findall(r"(\d+) [a-z]", EPILOG)}
    assert named == {int(status) for status in ExitStatus}


def test_a_run_of_the_folder_it_writes_to_reads_none_of_its_own_outputs(
        workspace: Path, run_cli: Callable[..., CliResult]) -> None:
    """`verifier run .` nightly in the folder holding the database, reports/ and archive/:
    the second night reads the brief alone, not the first night's report, database or log."""
    (workspace / "brief.md").write_text("# Brief\n\nNothing cited yet.\n", encoding="utf-8")
    for _night in range(2):
        result = run_cli("run", ".", "--no-wayback", "--log-file", "run.log")
        assert result.code == 0, result.out + result.err
    assert (workspace / "reports" / "run-1.html").is_file()
    assert "warning" not in result.out
    from verifier.store import Store

    store = Store.open(workspace / "verifier.db", create=False)
    try:
        assert [Path(source).name for _id, source in store.present_documents()] == ["brief.md"]
    finally:
        store.close()
