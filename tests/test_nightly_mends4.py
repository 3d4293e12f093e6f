"""The general fixes the fourth nightly held-out set (test_nightly_holdout4.py) led to, each on
its own small case."""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb
from test_nightly_holdout import Nights, switchable_link

import verifier.pipeline as pipeline
from verifier.cli import _install_stop_handlers, _restore_handlers
from verifier.errors import LockedError
from verifier.evidence import mend_torn_tail
from verifier.history import Changes, LinkState
from verifier.lock import RunLock
from verifier.status import LinkStatus


@pytest.fixture
def held(tmp_path: Path) -> Iterator[RunLock]:
    (tmp_path / "v.db").write_bytes(b"")
    lock = RunLock(tmp_path / "v.db")
    lock.acquire()
    yield lock
    lock.release()


def test_a_database_named_through_a_symlink_shares_its_lock(tmp_path: Path,
                                                            held: RunLock) -> None:
    (tmp_path / "link.db").symlink_to(tmp_path / "v.db")
    with pytest.raises(LockedError, match=f"pid {os.getpid()}"):
        RunLock(tmp_path / "link.db").acquire()


def test_a_lock_file_deleted_under_a_run_still_keeps_a_second_run_out(
        tmp_path: Path, held: RunLock) -> None:
    (tmp_path / "v.db.lock").unlink()
    with pytest.raises(LockedError, match=f"pid {os.getpid()} on this host.*lock file was deleted"):
        RunLock(tmp_path / "v.db").acquire()
    held.release()
    RunLock(tmp_path / "v.db").acquire()  # free again once the holder lets go


def _member(text: bytes) -> bytes:
    return gzip.compress(text, mtime=0)


def test_a_torn_last_record_is_cut_off_and_a_whole_file_left_alone(tmp_path: Path) -> None:
    whole = _member(b"WARC/1.0 first\r\n") + _member(b"WARC/1.0 second\r\n")
    warc = tmp_path / "run1-00000.warc.gz"
    warc.write_bytes(whole)
    assert not mend_torn_tail(warc) and warc.read_bytes() == whole
    warc.write_bytes(whole + _member(b"WARC/1.0 third, cut short" * 50)[:40])
    assert mend_torn_tail(warc) and warc.read_bytes() == whole
    warc.write_bytes(whole + b"\0" * 4096)  # what a crash can leave at the end of a file
    assert mend_torn_tail(warc) and warc.read_bytes() == whole


def test_a_run_that_does_not_stop_within_its_grace_is_stopped_at_once() -> None:
    """The first SIGTERM asks; a run busy in a stage that cannot stop between units (a long
    report) is interrupted when the grace runs out."""
    import threading

    stop = threading.Event()
    previous = _install_stop_handlers(stop, grace=0.2)
    try:
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(100):  # a stage that never looks at `stop`
                time.sleep(0.05)
        assert stop.is_set()
    finally:
        _restore_handlers(previous)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_run_stopped_while_writing_its_report_is_recorded_interrupted(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import verifier.report

    nights = Nights(workspace, web, wayback)
    url, _ = switchable_link(web, nights)

    def stopped(*_args: object, **_kwargs: object) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(verifier.report, "write_report", stopped)
    with pytest.raises(pipeline.Interrupted):
        nights.run(0)
    with sqlite3.connect(workspace / "v.db") as conn:
        assert conn.execute("select status, exit_status from runs").fetchall() == \
            [("interrupted", 130)]
    assert not (workspace / "reports" / "run-1.html").exists()


def test_the_recovery_of_a_link_never_confirmed_dead_is_no_news_for_a_quiet_night(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    nights = Nights(workspace, web, wayback)
    url, state = switchable_link(web, nights)
    nights.run(0)
    state["status"] = 404
    nights.run(1)
    state["status"] = 200
    back = nights.run(2)
    assert [link.url for link in back.changes.recovered_links] == [url]  # in the report
    assert len(back.changes.recovered_quotes) == 1
    assert back.changes.loud and not back.changes.worth_printing


def test_the_recovery_of_a_confirmed_dead_link_is_news() -> None:
    link = LinkState("http://example.org/a", LinkStatus.OK, "", 3, False, False)
    assert Changes(previous_run=2, recovered_links=[link]).worth_printing
    assert not Changes(previous_run=2, recovered_links=[link],
                       untold_recoveries={link.url}).worth_printing


def test_a_report_that_could_not_be_written_is_a_new_warning_kept_with_the_run(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    nights = Nights(workspace, web, wayback)
    switchable_link(web, nights)
    nights.run(0)
    shutil.rmtree(workspace / "reports")
    (workspace / "reports").write_text("not a directory")
    night = nights.run(1)
    assert night.report_path is None
    assert len(night.changes.new_warnings) == 1 and night.changes.worth_printing
    with sqlite3.connect(workspace / "v.db") as conn:
        kept = conn.execute("select warnings from runs where id = 2").fetchone()[0]
    assert night.changes.new_warnings[0] in kept
    assert not nights.run(1.5).changes.new_warnings  # the same warning again: not news
