"""A fourth held-out set of nightly scenarios: what an operator running `verifier run` from cron
(or a systemd timer) relies on. Runs killed by SIGKILL, SIGTERM or Ctrl-C while documents are
read, while pages are fetched, while evidence is written and while the report is written, and
the next run's resumption (nothing lost, no duplicate rows, each payload once in the WARC files,
no torn WARC file left behind); SIGTERM to the whole process group as systemd sends it; worker
processes outliving a killed run; overlapping runs reaching one database through a symlink or
after the lock file was deleted; `verifier report` during a run; documents edited between
nights (a misquote added, corrected, removed; an attribution reworded; a document edited
between a killed run and its rerun); a source flapping over nights; a database of an older
schema left by a killed run; a read-only archive directory; the --quiet output of a night with
several changes; and the report of each night linking the previous night's. Every expectation
was written down before the code ran on it. Signals are real and sent to real `verifier`
processes; nights are an injected clock, never a sleep. The corpus helpers are those of
tests/test_nightly_holdout.py and tests/test_nightly_holdout3.py.

First batch (22 cases), first run: 12 of 22. Three expectations were my own mistakes,
corrected: a run writes several WARC files (one per process), not one; pages of identical
bytes are one payload, kept once (2 scenarios counted one per page); and the report shows the
page's text around another quote, which holds the words of the removed quote's page (the check
is now that the removed misquote's own wording is gone). The misses, each fixed by a general
change with its own test in tests/test_nightly_mends4.py:
- a WARC record torn by the kill stayed at the end of the killed run's file for good (zcat,
  warcio and replay tools stop there): the next run cuts the file back to its last whole record;
- SIGTERM while a long report was written waited for the report: a run asked to stop that has
  not stopped within 5 s is stopped at once, and a run stopped inside its report is recorded
  interrupted;
- a second run naming the database through a symlink took a lock file of its own and ran
  beside the first; and a lock file deleted under a run ('cleaning a stale lock') let a second
  run in: the lock file sits beside the database's real file, and the database file is flocked
  too (2 scenarios);
- a link down one night (never confirmed, never told) mailed its recovery, and a source
  flapping every other night mailed every other night (2 scenarios).
A misquote corrected in the document was a new quote, never told as recovered (2 scenarios).
A rule taking a new quote that keeps most of the words of a quote gone from the same document
for its edit fixed both, but tests/test_e2e_holdout3.py expects exactly that correction to be a
new quote and no recovery; the two sets disagree, so the rule was taken back out (it is in the
history, for the lead to decide) and both scenarios are strict xfails. 20 of 22 after the fixes.

A second batch of 6 (at the end of the file), written after those fixes and before the code
ran on it: 5 of 6 at first. The miss: a night whose report could not be written (the report
directory replaced by a file) printed nothing under --quiet, and its warning was not kept with
the run. 26 of 28 after that fix, with the two strict xfails above.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import CliResult, subprocess_env
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply
from test_nightly_holdout import (
    SAID,
    SPEAKER,
    Nights,
    _slow_corpus,
    assert_no_duplicates,
    at,
    cli_at,
    page,
    switchable_link,
    write_doc,
)
from test_nightly_holdout3 import (
    CLI_DRIVER,
    SLOW_DOCUMENTS,
    editable_page,
    one_line,
    stopped_by,
    wait_for_rows,
)

from verifier.status import ExitStatus

NOBODY = 65534
MISQUOTED = SAID["bridge"].replace("heavy lorries", "all lorries")


def night_process(nights: Nights, day: float, *args: str, prelude: str = "",
                  own_group: bool = False, as_nobody: bool = False) -> subprocess.Popen[str]:
    """`verifier ARGS` as cron starts it in the corpus's root on that night; in a process group
    of its own (as systemd's service) or as the unprivileged user 'nobody' when asked."""
    command = [sys.executable, "-c", CLI_DRIVER, at(day).isoformat(), prelude, *args]
    if as_nobody:
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                   *command]
    return subprocess.Popen(command, cwd=nights.root, env=subprocess_env(HOME=str(nights.root)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=own_group)


def finished(proc: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def killed(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)


def run_statuses(nights: Nights) -> list[str]:
    with nights.db() as conn:
        return [r[0] for r in conn.execute("select status from runs order by id")]


def lines_with(text: str, words: str) -> list[str]:
    return [line for line in text.splitlines() if words in line]


def response_payloads(root: Path) -> list[str]:
    """The sha256 of the payload of every response record in the archive."""
    from warcio.archiveiterator import ArchiveIterator

    found = []
    for warc in sorted((root / "archive").glob("*.warc.gz")):
        with open(warc, "rb") as fh:
            for record in ArchiveIterator(fh):
                body = record.content_stream().read()
                if record.rec_type == "response":
                    found.append(hashlib.sha256(body).hexdigest())
    return found


def assert_warc_files_whole(root: Path) -> None:
    """Every WARC file decompresses to its end (what zcat, warcio or a replay tool needs)."""
    for warc in (root / "archive").glob("*.warc.gz"):
        try:
            gzip.decompress(warc.read_bytes())
        except (EOFError, OSError) as exc:
            raise AssertionError(f"{warc.name} is torn: {exc}") from None


def processes_whose_parent_is(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_for_file_lines(path: Path, count: int, proc: subprocess.Popen[str],
                        timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if path.exists() and path.read_text().count("\n") >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"{path.name} never reached {count} lines (exit {proc.poll()})")


def many_documents(web: FixtureWeb, nights: Nights, count: int, delay: float = 0.0) -> None:
    """count documents of one quote each, citing pages /p0.. answering after `delay`."""
    keys = list(SAID)
    for i in range(count):
        key = keys[i % len(keys)]
        reply = Reply(200, page(key), delay=delay)
        url = web.route(f"/p{i}", lambda _r, reply=reply: reply)
        write_doc(nights.docs / f"doc{i:02}.txt", [(key, url)])


def two_quote_doc(path: Path, news: str, bridge: str | None) -> None:
    """a.txt: the harbour quote and (when given) the bridge words, both citing `news`."""
    lines = [f"{SPEAKER['harbour']} said that “{SAID['harbour']}.”1\n"]
    notes = [f"1 {news}\n"]
    if bridge is not None:
        lines.append(f"{SPEAKER['bridge']} said that “{bridge}.”2\n")
        notes.append(f"2 {news}\n")
    path.write_text("\n".join(lines + notes), encoding="utf-8")


def news_night(workspace: Path, web: FixtureWeb, wayback: FakeWayback, bridge: str | None
               ) -> tuple[Nights, str, int]:
    """Night 0 of a.txt quoting a news page that says both the harbour and bridge sentences;
    the exit status of the night."""
    news = web.page("/news", page("harbour", "bridge"))
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    two_quote_doc(nights.docs / "a.txt", news, bridge)
    return nights, news, int(nights.run(0).exit_status)


# -- killed, at several stages, and resumed -------------------------------------------------------

def test_sigterm_to_the_whole_process_group_while_workers_read_documents(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """systemd stops a service by sending SIGTERM to every process of its group: the run and
    its worker processes at once. The run must still end as an interrupted run with one line
    on stderr (no worker's traceback), and the next night reads every document."""
    nights = Nights(workspace, web, wayback, work_processes=2)
    nights.write_config()
    many_documents(web, nights, 12)
    proc = night_process(nights, 0, "run", "--quiet", str(nights.docs),
                         prelude=SLOW_DOCUMENTS, own_group=True)
    wait_for_file_lines(workspace / "documents-read.log", 3, proc)
    os.killpg(proc.pid, signal.SIGTERM)
    code, out, err = finished(proc, timeout=40)
    assert code == ExitStatus.INTERRUPTED and out == ""
    assert "interrupted" in one_line(err)
    result = nights.run(0)
    assert result.counts["quotes"]["verified"] == 12
    assert result.warnings == []
    assert run_statuses(nights) == ["interrupted", "completed"]
    with nights.db() as conn:
        assert_no_duplicates(conn)


def test_sigkill_leaves_no_worker_processes_behind(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """kill -9 of the run (the OOM killer, an impatient operator): its worker processes must
    not keep running, night after night, holding memory and the corpus open."""
    nights = Nights(workspace, web, wayback, work_processes=2)
    nights.write_config()
    many_documents(web, nights, 12)
    proc = night_process(nights, 0, "run", "--quiet", str(nights.docs), prelude=SLOW_DOCUMENTS)
    wait_for_file_lines(workspace / "documents-read.log", 2, proc)
    workers = processes_whose_parent_is(proc.pid)
    assert workers, "the run started no worker process"
    killed(proc)
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in workers if alive(pid)] == []
    assert nights.run(0).counts["quotes"]["verified"] == 12


def test_torn_warc_record_of_a_killed_run_is_mended_by_the_next_run(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """A run killed while appending a record leaves the record's first half at the end of its
    WARC file (reproduced here by appending the first half of a record). The next run must
    complete, keep each payload once, and leave no WARC file that a WARC reader or zcat
    stops on."""
    from warcio.archiveiterator import ArchiveIterator

    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 8, 0.3)
    proc = night_process(nights, 0, "run", "--quiet", str(nights.docs))
    wait_for_rows(nights, "select count(*) from fetches", 3, proc)
    killed(proc)
    warc = max((workspace / "archive").glob("run1-*.warc.gz"), key=lambda p: p.stat().st_size)
    data = warc.read_bytes()
    with open(warc, "rb") as fh:
        records = ArchiveIterator(fh)
        offsets = []
        for record in records:
            record.content_stream().read()
            offsets.append(records.get_record_offset())
    last = offsets[-2]  # the last response (a request record follows it)
    with open(warc, "ab") as fh:
        fh.write(data[last:last + (offsets[-1] - last) // 2])
    result = nights.run(0)
    assert result.exit_status == ExitStatus.OK
    assert result.counts["quotes"]["verified"] == 8
    assert_warc_files_whole(workspace)
    payloads = response_payloads(workspace)
    assert len(payloads) == len(set(payloads)) >= len(SAID)  # each of the bodies, once
    with nights.db() as conn:
        assert_no_duplicates(conn)


def test_killed_twice_in_one_night_then_the_third_run_completes(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """cron's run is killed, someone starts it by hand and that one is killed too: the third
    run finishes, fetching nothing the first two recorded, each payload kept once."""
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 12, 0.3)
    for run_id, recorded in ((1, 3), (2, 6)):
        proc = night_process(nights, 0, "run", "--quiet", str(nights.docs))
        wait_for_rows(nights, f"select count(*) from fetches where run_id <= {run_id}",
                      recorded, proc)
        killed(proc)
    result = nights.run(0)
    assert result.counts["quotes"]["verified"] == 12
    assert run_statuses(nights) == ["interrupted", "interrupted", "completed"]
    with nights.db() as conn:
        assert conn.execute("select url from fetches where kind = 'live' group by url "
                            "having count(*) > 1").fetchall() == []
        assert_no_duplicates(conn)
    payloads = response_payloads(workspace)
    assert len(payloads) == len(set(payloads)) >= len(SAID)  # each of the bodies, once


SLOW_REPORT = """
import pathlib, time
import verifier.report as report
_real = report.write_report
def _slow(*args, **kwargs):
    pathlib.Path("report-started").write_text("yes")
    for _ in range(600):
        time.sleep(0.1)
    return _real(*args, **kwargs)
report.write_report = _slow
"""


def test_sigterm_while_a_long_report_is_written_stops_within_seconds(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """A corpus whose report takes a minute to write; systemd sends SIGTERM meanwhile (and
    SIGKILL some seconds later). The run must go within seconds, leave no report of the
    night and no run marked completed, and the next night tells the night's finding."""
    nights, news, _ = news_night(workspace, web, wayback, bridge=None)
    two_quote_doc(nights.docs / "a.txt", news, MISQUOTED)  # a misquote added during the day
    proc = night_process(nights, 0.5, "run", "--quiet", str(nights.docs), prelude=SLOW_REPORT)
    deadline = time.monotonic() + 60
    while not (workspace / "report-started").exists() and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    code, out, err = stopped_by(proc, signal.SIGTERM, within=10)
    assert code == ExitStatus.INTERRUPTED and out == ""
    assert "interrupted" in one_line(err)
    assert not (workspace / "reports" / "run-2.html").exists()
    assert "run-2.html" not in (workspace / "reports" / "index.html").read_text()
    assert run_statuses(nights)[0] == "completed" and "completed" not in run_statuses(nights)[1:]
    night = cli_at(monkeypatch, run_cli, 0.6, "run", "--quiet", str(nights.docs))
    assert night.code == ExitStatus.NEWLY_FAILING
    assert len(lines_with(night.out, "old bridge")) == 1


# -- overlapping runs and the lock --------------------------------------------------------------

def test_second_run_reaching_the_database_through_a_symlink_is_refused(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """The cron job names the database by its real path; an operator's shell alias names it
    through a symlink. Both are the same database: the second run is refused, exit 3."""
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 8, 0.4)
    nights.run(0)
    (workspace / "link.db").symlink_to(workspace / "v.db")
    slow = night_process(nights, 1, "run", "--quiet", str(nights.docs))
    try:
        wait_for_rows(nights, "select count(*) from fetches where run_id = 2", 1, slow)
        second = cli_at(monkeypatch, run_cli, 1.01, "run", "--quiet", "--db",
                        str(workspace / "link.db"), str(nights.docs))
        assert second.code == ExitStatus.LOCKED and second.out == ""
        assert f"pid {slow.pid}" in one_line(second.err)
    finally:
        assert finished(slow)[0] == 0
    assert run_statuses(nights) == ["completed", "completed"]


def test_lock_file_deleted_while_a_run_goes_still_keeps_a_second_run_out(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """An operator 'cleans a stale lock' (rm v.db.lock) while a run goes, as one does with
    pid files. A second run must still not work on the database beside the first."""
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 8, 0.4)
    nights.run(0)
    slow = night_process(nights, 1, "run", "--quiet", str(nights.docs))
    try:
        wait_for_rows(nights, "select count(*) from fetches where run_id = 2", 1, slow)
        (workspace / "v.db.lock").unlink()
        second = cli_at(monkeypatch, run_cli, 1.01, "run", "--quiet", str(nights.docs))
        assert second.code == ExitStatus.LOCKED and second.out == ""
        assert f"pid {slow.pid}" in one_line(second.err)
    finally:
        assert finished(slow)[0] == 0
    assert run_statuses(nights) == ["completed", "completed"]


def test_refused_run_leaves_no_trace_and_the_holder_stays_named(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """Overlapping cron runs: the refused one writes no evidence, no report, no run row, and
    leaves the lock file naming the run that holds it, so a third attempt names it too."""
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 8, 0.4)
    nights.run(0)
    slow = night_process(nights, 1, "run", "--quiet", str(nights.docs))
    try:
        wait_for_rows(nights, "select count(*) from fetches where run_id = 2", 1, slow)
        for attempt in (1.01, 1.02):
            refused = cli_at(monkeypatch, run_cli, attempt, "run", "--quiet", str(nights.docs))
            assert refused.code == ExitStatus.LOCKED and refused.out == ""
            line = one_line(refused.err)
            assert f"pid {slow.pid}" in line and "started" in line
        holder = json.loads((workspace / "v.db.lock").read_text())
        assert holder["pid"] == slow.pid
        with nights.db() as conn:
            assert conn.execute("select count(*) from runs").fetchone()[0] == 2
        assert not list((workspace / "archive").glob("run3-*"))
        assert not (workspace / "reports" / "run-3.html").exists()
    finally:
        assert finished(slow)[0] == 0


def test_report_command_during_a_run_writes_the_last_completed_night(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    """`verifier report` while tonight's run goes: it rewrites last night's report (not a
    half-done one of tonight), and tonight's run, undisturbed, then writes its own, which
    links last night's."""
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 8, 0.4)
    nights.run(0)
    (workspace / "reports" / "run-1.html").unlink()
    slow = night_process(nights, 1, "run", "--quiet", str(nights.docs))
    try:
        wait_for_rows(nights, "select count(*) from fetches where run_id = 2", 1, slow)
        written = run_cli("report", "--db", str(workspace / "v.db"),
                          "--report-dir", str(workspace / "reports"))
        assert written.code == 0 and written.out.strip().endswith("run-1.html")
        assert (workspace / "reports" / "run-1.html").exists()
        assert not (workspace / "reports" / "run-2.html").exists()
    finally:
        code, out, err = finished(slow)
    assert (code, out, err) == (0, "", "")
    tonight = (workspace / "reports" / "run-2.html").read_text()
    assert 'href="run-1.html"' in tonight


# -- documents edited between nights ----------------------------------------------------------------

def test_failing_quote_removed_from_its_document_is_neither_failing_nor_recovered(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    nights, news, first = news_night(workspace, web, wayback, bridge=MISQUOTED)
    assert first == ExitStatus.NEWLY_FAILING
    two_quote_doc(nights.docs / "a.txt", news, None)  # the author drops the misquote
    night = cli_at(monkeypatch, run_cli, 0.5, "run", "--quiet", str(nights.docs))
    assert night.code == ExitStatus.OK and night.err == ""
    assert "Recovered" not in night.out and "Newly failing" not in night.out
    assert [q["status"] for q in nights.export()["quotes"]] == ["verified"]
    assert "all lorries" not in (workspace / "reports" / "run-2.html").read_text()


def test_misquote_added_to_an_already_cited_page_is_told_once_without_a_request(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    nights, news, first = news_night(workspace, web, wayback, bridge=None)
    assert first == ExitStatus.OK
    two_quote_doc(nights.docs / "a.txt", news, MISQUOTED)
    before = len(web.requests)
    night = cli_at(monkeypatch, run_cli, 0.5, "run", "--quiet", str(nights.docs))
    assert web.requests[before:] == []  # the page kept last night is tonight's page
    assert night.code == ExitStatus.NEWLY_FAILING and night.err == ""
    [told] = lines_with(night.out, "old bridge")
    assert told.strip().startswith("- partial:")
    assert "harbour" not in night.out
    after = cli_at(monkeypatch, run_cli, 1.0, "run", "--quiet", str(nights.docs))
    assert (after.code, after.out, after.err) == (0, "", "")


EDITED_QUOTE_CONFLICT = pytest.mark.xfail(strict=True, reason=(
    "conflicts with tests/test_e2e_holdout3.py, whose second run expects a misquote corrected "
    "in its document to be a new quote, not a recovery (recovered_quotes == []); a rule taking "
    "a new quote of the same document keeping 80% of a gone quote's words for its edit passed "
    "both cases here and broke that one: left for the lead to decide"))


@EDITED_QUOTE_CONFLICT
def test_misquote_corrected_in_the_document_is_told_as_recovered(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor fixes the wording the nightly run flagged: the next night says the quote is
    verified now (its page kept last night shows it), without fetching the page again."""
    nights, news, first = news_night(workspace, web, wayback, bridge=MISQUOTED)
    assert first == ExitStatus.NEWLY_FAILING
    two_quote_doc(nights.docs / "a.txt", news, SAID["bridge"])
    before = len(web.requests)
    night = cli_at(monkeypatch, run_cli, 0.5, "run", "--quiet", str(nights.docs))
    assert web.requests[before:] == []
    assert night.code == ExitStatus.OK and night.err == ""
    assert "Recovered quotes (1):" in night.out
    [told] = lines_with(night.out, "old bridge")
    assert "verified" in told and "heavy lorries" in told
    assert "Newly failing" not in night.out


def test_attribution_reworded_around_an_unchanged_quote_is_not_news(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    url, _ = editable_page(web)
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", url)])
    nights.run(0)
    (nights.docs / "a.txt").write_text(
        f"Speaking at the port on Monday, Deputy Minister Jane Roe told reporters that "
        f"“{SAID['harbour']}.”1\n\n1 {url}\n", encoding="utf-8")
    before = len(web.requests)
    night = cli_at(monkeypatch, run_cli, 0.5, "run", "--quiet", str(nights.docs))
    assert (night.code, night.out, night.err) == (0, "", "")
    assert web.requests[before:] == []


def test_document_edited_between_a_killed_run_and_its_rerun_is_checked_as_edited(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """The run reads doc1.txt and is killed; before it is started again the author cuts two
    of doc1's four quotes. The rerun checks the document as it is now."""
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 8, 0.3)
    proc = night_process(nights, 0, "run", "--quiet", str(nights.docs))
    wait_for_rows(nights, "select count(*) from fetches", 2, proc)
    killed(proc)
    text = (nights.docs / "doc1.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in text if not re.match(r"(.*”[34]$|[34] )", line.strip())]
    (nights.docs / "doc1.txt").write_text("".join(kept), encoding="utf-8")
    result = nights.run(0)
    assert result.counts["quotes"]["verified"] == 6
    assert sum(result.counts["quotes"].values()) == 6
    exported = nights.export()
    assert len(exported["quotes"]) == 6
    assert run_statuses(nights) == ["interrupted", "completed"]
    with nights.db() as conn:
        assert_no_duplicates(conn)


# -- a flapping source ------------------------------------------------------------------------------

def test_source_ok_dead_ok_over_three_nights_is_quiet_every_night(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """A page down for one night (a deploy gone wrong) and back the next: never confirmed,
    never told, so its return is no news either; the report and the link's history keep it."""
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    url, state = switchable_link(web, nights)
    first = cli_at(monkeypatch, run_cli, 0, "run", "--quiet", str(nights.docs))
    assert first.code == ExitStatus.OK
    state["status"] = 404
    dead = cli_at(monkeypatch, run_cli, 1, "run", "--quiet", str(nights.docs))
    assert (dead.code, dead.out, dead.err) == (0, "", "")
    assert url in (workspace / "reports" / "run-2.html").read_text()
    state["status"] = 200
    back = cli_at(monkeypatch, run_cli, 2, "run", "--quiet", str(nights.docs))
    assert (back.code, back.out, back.err) == (0, "", "")
    history = run_cli("status", "--db", str(workspace / "v.db"), "--url", url)
    assert "3 checks" in history.out and "404" in history.out


def test_source_flapping_every_other_night_for_a_week_never_mails(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    _url, state = switchable_link(web, nights)
    cli_at(monkeypatch, run_cli, 0, "run", "--quiet", str(nights.docs))
    for day in range(1, 9):
        state["status"] = 503 if day % 2 else 200
        night = cli_at(monkeypatch, run_cli, day, "run", "--quiet", str(nights.docs))
        assert (night.code, night.out, night.err) == (0, "", ""), day
    with nights.db() as conn:
        assert conn.execute("select max(confirmed) from link_checks").fetchone()[0] == 0
        assert conn.execute("select count(*) from link_checks").fetchone()[0] == 9


# -- the database -----------------------------------------------------------------------------------

def test_older_schema_database_left_running_by_a_killed_run_is_upgraded_and_resumed(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """The old verifier's run was killed mid-night; verifier is upgraded; tonight's cron run
    migrates the database, finishes the killed night's work without repeating what it
    recorded, and, nothing having changed, prints nothing at all."""
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 8, 0.3)
    nights.run(0)
    proc = night_process(nights, 1, "run", "--quiet", str(nights.docs))
    wait_for_rows(nights, "select count(*) from fetches where run_id = 2", 3, proc)
    killed(proc)
    with nights.db() as conn, conn:  # back to schema 1, as the old verifier wrote it
        conn.execute("alter table quote_state drop column urls")
        conn.execute("update meta set value = '1' where key = 'schema_version'")
    code, out, err = finished(night_process(nights, 1.05, "run", "--quiet", str(nights.docs)))
    assert (code, out, err) == (0, "", "")
    assert run_statuses(nights) == ["completed", "interrupted", "completed"]
    with nights.db() as conn:
        assert conn.execute("select value from meta where key = 'schema_version'"
                            ).fetchone()[0] == "3"
        assert conn.execute("select count(*) from fetches where run_id >= 2 and kind = 'live'"
                            ).fetchone()[0] == 8
        assert_no_duplicates(conn)


# -- the archive directory read-only --------------------------------------------------------------

@pytest.fixture
def shared_root(workspace: Path) -> Iterator[Path]:
    """A folder the unprivileged user may work in (pytest's own are private to root)."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run a night as an unprivileged user")
    folder = Path(tempfile.mkdtemp(prefix="verifier-nightly4-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _open_to_all(root: Path, read_only_archive: bool) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    if read_only_archive:
        for path in (root / "archive").rglob("*"):
            path.chmod(0o444)
        (root / "archive").chmod(0o555)


def test_read_only_archive_on_a_night_with_nothing_due_is_silent(
        shared_root: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """The evidence disk is remounted read-only; tonight nothing is due, so nothing has to be
    written there: a normal silent night."""
    url, _ = editable_page(web)
    nights = Nights(shared_root, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", url)])
    nights.run(0)
    _open_to_all(shared_root, read_only_archive=True)
    code, out, err = finished(night_process(nights, 0.5, "run", "--quiet", str(nights.docs),
                                            as_nobody=True))
    assert (code, out, err) == (0, "", "")
    assert run_statuses(nights) == ["completed", "completed"]


def test_read_only_archive_on_a_night_with_work_due_exits_74_and_resumes(
        shared_root: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    url, _ = editable_page(web)
    nights = Nights(shared_root, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", url)])
    nights.run(0)
    _open_to_all(shared_root, read_only_archive=True)
    code, out, err = finished(night_process(nights, 1.5, "run", "--quiet", str(nights.docs),
                                            as_nobody=True))
    assert code == ExitStatus.STORAGE and out == ""
    assert str(shared_root / "archive") in one_line(err)
    assert run_statuses(nights) == ["completed", "interrupted"]
    _open_to_all(shared_root, read_only_archive=False)
    code, out, err = finished(night_process(nights, 1.6, "run", "--quiet", str(nights.docs)))
    assert (code, out, err) == (0, "", "")
    assert nights.export()["quotes"][0]["status"] == "verified"
    assert run_statuses(nights) == ["completed", "interrupted", "completed"]


# -- what --quiet prints --------------------------------------------------------------------------

@EDITED_QUOTE_CONFLICT
def test_quiet_night_with_three_changes_names_each_once(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """Tonight a page was edited (its quote now partial), a misquote was corrected, and a
    file of the corpus turned to junk: three changes, each on a line of its own, once; the
    night after, nothing."""
    harbour, state = editable_page(web)
    news = web.page("/news", page("bridge"))
    clinic = web.page("/clinic", page("clinic"))
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", harbour)])
    (nights.docs / "b.txt").write_text(
        f"{SPEAKER['bridge']} said that “{MISQUOTED}.”1\n\n1 {news}\n", encoding="utf-8")
    write_doc(nights.docs / "c.txt", [("clinic", clinic)])
    nights.run(0)
    state["body"] = page("harbour", changed={"next spring": "next summer"})
    write_doc(nights.docs / "b.txt", [("bridge", news)])
    (nights.docs / "c.txt").write_bytes(bytes(range(256)) * 64)
    night = cli_at(monkeypatch, run_cli, 1, "run", "--quiet", str(nights.docs))
    assert night.code == ExitStatus.NEWLY_FAILING and night.err == ""
    assert len(lines_with(night.out, "harbour will reopen")) == 1
    assert len(lines_with(night.out, "old bridge")) == 1
    assert len(lines_with(night.out, "c.txt")) == 1
    assert "rural clinic" not in night.out
    after = cli_at(monkeypatch, run_cli, 1.5, "run", "--quiet", str(nights.docs))
    assert (after.code, after.out, after.err) == (0, "", "")


def test_quiet_night_after_an_interrupted_one_is_silent_on_both_streams(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """Night 1 is stopped by SIGTERM mid-fetch; cron's rerun (a process of its own, with its
    work pool) finds nothing changed: not a byte on stdout or stderr, exit 0."""
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1, work_processes=2)
    nights.write_config()
    many_documents(web, nights, 8, delay=0.3)
    nights.run(0)
    proc = night_process(nights, 1, "run", "--quiet", str(nights.docs))
    wait_for_rows(nights, "select count(*) from fetches where run_id = 2", 2, proc)
    code, out, err = stopped_by(proc, signal.SIGTERM, within=10)
    assert code == ExitStatus.INTERRUPTED and out == ""
    assert finished(night_process(nights, 1.05, "run", "--quiet", str(nights.docs))) == \
        (0, "", "")
    assert run_statuses(nights) == ["completed", "interrupted", "completed"]


# -- each night's report links the previous night's -------------------------------------------------

def test_each_nights_report_links_the_previous_completed_nights(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """Nights 0, 1 (killed, then run again) and 2: each report links the report of the night
    it compares itself with, and no page links a report that was never written."""
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 4, 0.3)
    nights.run(0)
    proc = night_process(nights, 1, "run", "--quiet", str(nights.docs))
    wait_for_rows(nights, "select count(*) from fetches where run_id = 2", 1, proc)
    killed(proc)
    nights.run(1)
    nights.run(2)
    reports = workspace / "reports"
    assert sorted(p.name for p in reports.glob("run-*.html")) == \
        ["run-1.html", "run-3.html", "run-4.html"]
    assert 'href="run-1.html"' in (reports / "run-3.html").read_text()
    assert 'href="run-3.html"' in (reports / "run-4.html").read_text()
    for html in reports.glob("*.html"):
        for target in re.findall(r'href="(run-\d+\.html)"', html.read_text()):
            assert (reports / target).exists(), (html.name, target)
    assert 'href="run-2.html"' not in (reports / "index.html").read_text()


# -- a second batch, written after the first round's fixes and before the code ran on it -----------

def test_ctrl_c_twice_while_documents_are_read_exits_at_once(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """An operator running it by hand presses Ctrl-C, then again: the second one stops it at
    once, and the next run reads every document."""
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    many_documents(web, nights, 10)
    proc = night_process(nights, 0, "run", str(nights.docs), prelude=SLOW_DOCUMENTS)
    wait_for_file_lines(workspace / "documents-read.log", 2, proc)
    proc.send_signal(signal.SIGINT)
    code, out, err = stopped_by(proc, signal.SIGINT, within=3)
    assert code == ExitStatus.INTERRUPTED and "interrupted" in one_line(err)
    assert nights.run(0).counts["quotes"]["verified"] == 10
    with nights.db() as conn:
        assert_no_duplicates(conn)


KILLED_IN_THE_UPGRADE = """
import os, signal
import verifier.schema as schema
_real = schema.MIGRATIONS[3]
def _killed(db):
    _real(db)
    os.kill(os.getpid(), signal.SIGKILL)
schema.MIGRATIONS[3] = _killed
"""


def test_killed_during_the_schema_upgrade_then_the_next_run_upgrades_and_completes(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    url, _ = editable_page(web)
    write_doc(nights.docs / "a.txt", [("harbour", url)])
    nights.run(0)
    with nights.db() as conn, conn:
        conn.execute("update meta set value = '2' where key = 'schema_version'")
    proc = night_process(nights, 1, "run", "--quiet", str(nights.docs),
                         prelude=KILLED_IN_THE_UPGRADE)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    with nights.db() as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    code, out, err = finished(night_process(nights, 1, "run", "--quiet", str(nights.docs)))
    assert (code, out, err) == (0, "", "")
    with nights.db() as conn:
        assert conn.execute("select value from meta where key = 'schema_version'"
                            ).fetchone()[0] == "3"
        assert_no_duplicates(conn)
    assert nights.export()["quotes"][0]["status"] == "verified"


def test_page_killed_mid_download_is_kept_once_and_in_full_the_next_run(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback) -> None:
    """A large page streamed slowly; the run is killed while its body arrives. The next run
    keeps the whole page, in one response record, and verifies the quote at its end."""
    body = page("ferry").replace("<h1>", "<p>" + "Filler text of the long page. " * 3000
                                 + "</p><h1>", 1).encode()
    chunks = [body[i:i + 4096] for i in range(0, len(body), 4096)]
    web.route("/long", lambda _r: Reply(200, chunks, chunk_delay=0.05))
    nights = Nights(workspace, web, wayback, timeout=60.0, deadline=120.0)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("ferry", web.url("/long"))])
    proc = night_process(nights, 0, "run", "--quiet", str(nights.docs))
    deadline = time.monotonic() + 60
    while not any(r.path == "/long" for r in web.requests) and time.monotonic() < deadline:
        time.sleep(0.02)
    killed(proc)
    result = nights.run(0)
    assert result.counts["quotes"]["verified"] == 1
    with nights.db() as conn:
        [row] = conn.execute("select sha256 from fetches where url like '%/long'").fetchall()
    assert row["sha256"] == hashlib.sha256(body).hexdigest()
    assert response_payloads(workspace).count(row["sha256"]) == 1
    assert_warc_files_whole(workspace)


def test_night_killed_then_the_next_night_tells_what_changed_since_the_last_whole_night(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """Night 1 finds the page edited and is killed before it finishes; nobody reruns it. Night
    2 tells the edit once (against night 0, the last whole night); night 3 is silent."""
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 8, 0.3)
    state = {"body": page("harbour", changed={"next spring": "next summer"})}
    nights.run(0)
    web.route("/s0", lambda _r: Reply(200, state["body"]))
    proc = night_process(nights, 1, "run", "--quiet", str(nights.docs))
    wait_for_rows(nights, "select count(*) from fetches where run_id = 2", 3, proc)
    killed(proc)
    night = cli_at(monkeypatch, run_cli, 2, "run", "--quiet", str(nights.docs))
    assert night.code == ExitStatus.NEWLY_FAILING and night.err == ""
    assert "since run 1" in night.out
    assert len(lines_with(night.out, "harbour will reopen")) == 1
    after = cli_at(monkeypatch, run_cli, 3, "run", "--quiet", str(nights.docs))
    assert (after.code, after.out, after.err) == (0, "", "")


def test_status_after_a_sigterm_shows_the_night_interrupted_with_its_exit_status(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    nights = Nights(workspace, web, wayback, concurrency=1, per_host=1)
    nights.write_config()
    _slow_corpus(web, nights, 8, 0.3)
    nights.run(0)
    proc = night_process(nights, 1, "run", "--quiet", str(nights.docs))
    wait_for_rows(nights, "select count(*) from fetches where run_id = 2", 1, proc)
    assert stopped_by(proc, signal.SIGTERM, within=10)[0] == ExitStatus.INTERRUPTED
    shown = run_cli("status", "--db", str(workspace / "v.db"))
    [line] = [line for line in shown.out.splitlines() if line.startswith("run 2 ")]
    assert "interrupted" in line and "exit 130" in line


def test_report_directory_unusable_for_a_night_is_one_warning_and_no_dead_link(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """The report directory is replaced by a file for a night (a bad deploy): that quiet night
    says so in one warning line and still exits 0; the next night writes its report again,
    says nothing, and no report links the report that was never written."""
    url, _ = editable_page(web)
    nights = Nights(workspace, web, wayback)
    nights.write_config()
    write_doc(nights.docs / "a.txt", [("harbour", url)])
    nights.run(0)
    reports = workspace / "reports"
    shutil.rmtree(reports)
    reports.write_text("not a directory")
    broken = cli_at(monkeypatch, run_cli, 1, "run", "--quiet", str(nights.docs))
    assert broken.code == ExitStatus.OK and broken.err == ""
    assert len([line for line in broken.out.splitlines() if line.startswith("warning:")]) == 1
    reports.unlink()
    night = cli_at(monkeypatch, run_cli, 2, "run", "--quiet", str(nights.docs))
    assert (night.code, night.out, night.err) == (0, "", "")
    assert (reports / "run-3.html").exists()
    for html in reports.glob("*.html"):
        for target in re.findall(r'href="(run-\d+\.html)"', html.read_text()):
            assert (reports / target).exists(), (html.name, target)
