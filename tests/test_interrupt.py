"""A run can be killed at any moment: the database stays consistent, the next run finishes the
work without duplicates; Ctrl-C stops within seconds and records the run as interrupted."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, subprocess_env
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply

N_SOURCES = 24


def _slow_corpus(root: Path, web: FixtureWeb, wayback: FakeWayback) -> list[str]:
    docs = root / "docs"
    docs.mkdir()
    for i in range(N_SOURCES):
        body = (f"<html lang='en'><body><p>Speaker {i} said the river crossing number {i} "
                "will reopen after the inspection is complete.</p></body></html>")
        web.route(f"/s{i}", lambda _r, body=body: Reply(200, body, delay=0.25))
    for d in range(4):
        lines = []
        for i in range(d * 6, d * 6 + 6):
            lines.append(f"Official Person{i} said that “the river crossing number {i} will reopen "
                         f"after the inspection is complete.”{i + 1}\n")
        lines += [f"{i + 1} {web.url(f'/s{i}')}\n" for i in range(d * 6, d * 6 + 6)]
        (docs / f"doc{d}.txt").write_text("\n".join(lines), encoding="utf-8")
    (root / "verifier.toml").write_text(
        f'wayback_url = "{wayback.base}"\nallow_private_hosts = true\nsave = "never"\n'
        "concurrency = 2\nper_host = 2\nretries = 0\n")
    return [sys.executable, "-m", "verifier", "run", str(docs)]


def _wait_for_requests(web: FixtureWeb, proc: subprocess.Popen[str], timeout: float = 60.0
                       ) -> None:
    """Until the run is fetching its sources (its signal handlers are in place by then)."""
    deadline = time.monotonic() + timeout
    while not web.requests and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)


def _consistent(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    return conn


def _wait_for_fetches(db: Path, count: int, proc: subprocess.Popen[bytes],
                      timeout: float = 60.0) -> None:
    """Until the run has recorded `count` fetches in all (or has ended, or time is up)."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with contextlib.closing(sqlite3.connect(db, timeout=1)) as conn:
                if conn.execute("select count(*) from fetches").fetchone()[0] >= count:
                    return
        except sqlite3.Error:  # not created yet, or its schema not yet written
            pass
        time.sleep(0.02)


def test_sigkill_at_several_points_then_resume(workspace: Path, web: FixtureWeb,
                                               wayback: FakeWayback) -> None:
    cmd = _slow_corpus(workspace, web, wayback)
    env = subprocess_env()
    for recorded in (1, 8, 16):  # killed at points of progress, whatever the machine's speed
        proc = subprocess.Popen(cmd, cwd=workspace, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _wait_for_fetches(workspace / "verifier.db", recorded, proc)
        proc.kill()
        proc.wait()
        _consistent(workspace / "verifier.db").close()
    fetched_before_final = len(web.requests)
    done = subprocess.run(cmd, cwd=workspace, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    conn = _consistent(workspace / "verifier.db")
    # resumed, not restarted: the final run fetched only what earlier runs had not finished
    assert len(web.requests) - fetched_before_final < N_SOURCES
    assert conn.execute("select count(*) from documents").fetchone()[0] == 4
    assert conn.execute("select count(*) from quotes").fetchone()[0] == N_SOURCES
    assert conn.execute("select count(*) from citations").fetchone()[0] == N_SOURCES
    # every quote has exactly one best verdict in the run that checked it, and all verified
    rows = conn.execute("select quote_id, run_id, count(*) from checks where best = 1 "
                        "group by quote_id, run_id").fetchall()
    assert all(n == 1 for _, _, n in rows)
    latest = conn.execute(
        "select status from checks c where best = 1 and run_id = (select max(run_id) from checks "
        "c2 where c2.quote_id = c.quote_id and c2.best = 1)").fetchall()
    assert len(latest) == N_SOURCES and {s for (s,) in latest} == {"verified"}
    statuses = [s for (s,) in conn.execute("select status from runs order by id")]
    assert statuses[-1] == "completed" and set(statuses[:-1]) == {"interrupted"}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_stops_within_seconds_and_records_the_run(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback, signum: int) -> None:
    cmd = _slow_corpus(workspace, web, wayback)
    proc = subprocess.Popen(cmd, cwd=workspace, env=subprocess_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    _wait_for_requests(web, proc)  # a fixed pause may end before a loaded machine has started
    sent = time.monotonic()
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=30)
    elapsed = time.monotonic() - sent
    assert proc.returncode == 130, out + err
    assert elapsed < 5
    assert "interrupted" in err and "Traceback" not in err
    conn = _consistent(workspace / "verifier.db")
    assert conn.execute("select status from runs").fetchall() == [("interrupted",)]


def test_python_module_entry_point(workspace: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "verifier", "--help"], cwd=ROOT,
                          env=subprocess_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "run" in done.stdout and "export" in done.stdout and "status" in done.stdout
