"""The general fixes the third nightly held-out set (test_nightly_holdout3.py) led to, each on
its own small case."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import CliResult, subprocess_env
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply
from test_nightly import PAGE, _port_corpus

import verifier
import verifier.pipeline as pipeline
from verifier.config import load_settings
from verifier.errors import StorageError
from verifier.models import Fetch
from verifier.recheck import is_due, next_link_state
from verifier.status import ExitStatus, LinkStatus

T0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
CHECKED = datetime(2027, 3, 27, 2, 17, 40, tzinfo=UTC)  # 03:17 in Berlin, 40 s into the run


def test_a_daily_check_is_due_on_a_night_an_hour_short_or_started_before_it_was_made() -> None:
    settings = load_settings(env={})
    healthy = {"status": "ok", "stable_checks": 0, "last_checked": "2027-03-27T02:17:40Z",
               "next_check": "2027-03-28T02:17:40Z"}
    summer_time_night = datetime(2027, 3, 28, 1, 17, tzinfo=UTC)  # 03:17 CEST
    assert is_due(healthy, summer_time_night, settings)
    assert is_due(healthy, CHECKED + timedelta(days=1, seconds=-40), settings)
    assert not is_due(healthy, CHECKED + timedelta(hours=20), settings)  # the same evening


def test_a_dead_link_is_confirmed_on_the_third_night_when_one_was_an_hour_short() -> None:
    settings = load_settings(env={})
    failing = {"status": "dead", "failing_since": "2027-03-26T02:17:00Z", "failed_checks": 3,
               "stable_checks": 0, "confirmed": 0}
    fetch = Fetch("http://example.org/a", LinkStatus.DEAD, "HTTP 404", CHECKED, http_status=404)
    three_nights_on = datetime(2027, 3, 29, 1, 17, tzinfo=UTC)  # 2 days 23 hours
    assert next_link_state(fetch.url, failing, fetch, three_nights_on, settings)["confirmed"] == 1
    two_and_a_half = datetime(2027, 3, 28, 14, 17, tzinfo=UTC)
    assert next_link_state(fetch.url, failing, fetch, two_and_a_half, settings)["confirmed"] == 0


def test_the_log_says_how_each_run_ended(workspace: Path, web: FixtureWeb, wayback: FakeWayback,
                                         caplog: pytest.LogCaptureFixture) -> None:
    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback)
    caplog.set_level(logging.INFO, logger="verifier")
    verifier.run([str(docs)], settings, now=lambda: T0)
    stop = threading.Event()
    stop.set()
    with pytest.raises(pipeline.Interrupted):
        verifier.run([str(docs)], settings, stop=stop, now=lambda: T0 + timedelta(days=1))
    ended = [r.getMessage() for r in caplog.records if " started " not in r.getMessage()
             and r.getMessage().startswith("run ")]
    assert ended == ["run 1 completed (exit status 0)", "run 2 interrupted (exit status 130)"]


def test_status_of_a_link_puts_checks_in_a_row_finding_the_same_on_one_line(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/harbour", PAGE)
    gone = Reply(404, "<title>Not Found</title>")
    docs, settings = _port_corpus(workspace, web, wayback, full=True)
    web.sequence("/port", [Reply(200, "<p>ok</p>"), gone, gone, gone, gone])
    for night in range(5):
        verifier.run([str(docs)], settings, now=lambda n=night: T0 + timedelta(days=n))
    shown = run_cli("status", "--db", str(workspace / "v.db"), "--url", web.url("/port"))
    checks = [line for line in shown.out.splitlines() if line.startswith("  run")]
    assert len(checks) == 2, shown.out
    assert checks[0].startswith("  run 1  2026-11-01T03:00:00Z  ok")
    assert checks[1].startswith("  runs 2-5  2026-11-02T03:00:00Z to 2026-11-05T03:00:00Z  dead")
    assert checks[1].endswith("(4 checks)")


def test_a_run_asked_to_stop_while_waiting_on_its_saves_stops_at_once(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IA_ACCESS_KEY", "access")
    monkeypatch.setenv("IA_SECRET_KEY", "secret")
    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback, save="missing", wayback_budget=120.0)
    wayback.pending_polls = 10**9  # the job never finishes
    stop = threading.Event()
    asked: list[float] = []

    def stop_once_polled() -> None:
        while wayback.count("status") < 1:
            time.sleep(0.02)
        asked.append(time.monotonic())
        stop.set()

    threading.Thread(target=stop_once_polled, daemon=True).start()
    with pytest.raises(pipeline.Interrupted):
        verifier.run([str(docs)], settings, stop=stop, now=lambda: T0)
    assert time.monotonic() - asked[0] < 3
    with sqlite3.connect(workspace / "v.db") as conn:
        assert {r[0] for r in conn.execute("select status from saves")} == {"pending"}


def test_evidence_that_cannot_be_written_stops_the_run_with_its_reason(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """The archive directory cannot be written (here: a file stands where it should be, as a
    full or read-only disk refuses it): one clear error, the run recorded as interrupted, and
    the next run, with somewhere to write, does everything."""
    web.page("/harbour", PAGE)
    docs, settings = _port_corpus(workspace, web, wayback)
    (workspace / "archive").write_text("not a directory")
    with pytest.raises(StorageError) as stopped:
        verifier.run([str(docs)], settings, now=lambda: T0)
    assert stopped.value.exit_status == ExitStatus.STORAGE == 74
    assert f"cannot keep evidence in {workspace / 'archive'}" in str(stopped.value)
    (workspace / "archive").unlink()
    again = verifier.run([str(docs)], settings, now=lambda: T0)
    assert again.counts["quotes"]["verified"] == 1
    with sqlite3.connect(workspace / "v.db") as conn:
        assert [r[0] for r in conn.execute("select status from runs order by id")] == \
            ["interrupted", "completed"]


POOL_STOPPED_MID_JOB = """
import multiprocessing, sys, time
from verifier.cli import _exit_now
from verifier.workpool import WorkPool
if __name__ == "__main__":
    pool = WorkPool(2)
    busy = [pool.submit(time.sleep, 30) for _ in range(4)]
    time.sleep(1.0)  # the workers are inside their jobs
    started = time.monotonic()
    pool.close(cancel=True)
    took = time.monotonic() - started
    print(f"{took:.1f} {len(multiprocessing.active_children())}", flush=True)
    _exit_now(130)  # as the command leaves when interrupted
"""


def test_a_work_pool_stopped_mid_job_ends_its_workers_and_leaves_nothing_behind(
        tmp_path: Path) -> None:
    """Stopped (Ctrl-C, SIGTERM), the command leaves at once: the pool's workers are ended,
    their jobs not done again here, and nothing of the pool outlives the process to be warned
    about on stderr."""
    script = tmp_path / "pool.py"
    script.write_text(POOL_STOPPED_MID_JOB)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)
    assert done.returncode == 130
    took, workers_left = done.stdout.split()
    assert float(took) < 5 and workers_left == "0"
    time.sleep(0.5)  # the resource tracker would write its warning as the process leaves
    assert done.stderr == ""


def _dead_harbour_captured(workspace: Path, web: FixtureWeb, wayback: FakeWayback
                           ) -> tuple[Path, verifier.Settings]:
    docs, settings = _port_corpus(workspace, web, wayback)
    gone = web.page("/harbour", "<title>Not Found</title><p>No such page.</p>", status=404)
    wayback.capture(gone, "20261001000000", PAGE)
    return docs, settings


def test_a_capture_kept_by_an_earlier_run_is_read_from_the_archive_not_fetched_again(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    docs, settings = _dead_harbour_captured(workspace, web, wayback)
    for day in (0, 1):
        run = verifier.run([str(docs)], settings, now=lambda d=day: T0 + timedelta(days=d))
        assert run.counts["quotes"]["verified_archive"] == 1
    assert wayback.count("snapshot") == 1
    with sqlite3.connect(workspace / "v.db") as conn:
        rows = conn.execute("select run_id, not_modified, sha256 from fetches "
                            "where kind = 'snapshot' order by id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(1, 0), (2, 1)] and rows[0][2] == rows[1][2]


def test_a_kept_capture_gone_from_the_archive_is_fetched_again(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    docs, settings = _dead_harbour_captured(workspace, web, wayback)
    verifier.run([str(docs)], settings, now=lambda: T0)
    shutil.rmtree(workspace / "archive")
    again = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(days=1))
    assert again.counts["quotes"]["verified_archive"] == 1
    assert wayback.count("snapshot") == 2


def test_without_the_wayback_the_captures_kept_are_still_evidence(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    docs, settings = _dead_harbour_captured(workspace, web, wayback)
    verifier.run([str(docs)], settings, now=lambda: T0)
    wayback.requests.clear()
    offline = replace(settings, no_wayback=True)
    run = verifier.run([str(docs)], offline, now=lambda: T0 + timedelta(days=1))
    assert wayback.requests == []
    assert run.counts["quotes"]["verified_archive"] == 1 and not run.changes.loud


def test_the_report_dates_each_change_of_a_quotes_verdict(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    docs, settings = _port_corpus(workspace, web, wayback, full=True)
    edited = PAGE.replace("next spring", "next summer")
    web.sequence("/harbour", [Reply(200, PAGE), Reply(200, edited), Reply(200, PAGE)])
    for night in range(4):
        verifier.run([str(docs)], settings, now=lambda n=night: T0 + timedelta(days=n))
    first = (workspace / "reports" / "run-1.html").read_text(encoding="utf-8")
    assert "Verdict history" not in first
    last = (workspace / "reports" / "run-4.html").read_text(encoding="utf-8")
    assert ("Verdict history: Verified from 2026-11-01 03:00 UTC (run 1); Partial match from "
            "2026-11-02 03:00 UTC (run 2); Verified from 2026-11-03 03:00 UTC (run 3).") in last
