"""Bad input: a clear one-line message and an exit status, never a traceback, nothing already
recorded lost, and the run goes on where it can."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CliResult, subprocess_env
from fixtureweb import FixtureWeb

from bench.memory import run_sampling_rss

GOOD = "<html lang='en'><body><p>The mayor said the new bridge opens in May.</p></body></html>"


def _one_line(result: CliResult) -> str:
    assert "Traceback" not in result.err + result.out
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


def test_nonexistent_path(cfg: Path, run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("run", "missing.txt")
    assert result.code == 2
    assert "missing.txt" in _one_line(result)


def test_empty_directory_completes_with_a_warning(cfg: Path,
                                                  run_cli: Callable[..., CliResult]) -> None:
    (cfg / "empty").mkdir()
    result = run_cli("run", "empty")
    assert result.code == 0, result.err
    assert "no documents" in result.out.lower()


def test_binary_txt_and_corrupt_pdf_are_skipped_and_the_run_goes_on(
        cfg: Path, web: FixtureWeb, run_cli: Callable[..., CliResult]) -> None:
    web.page("/bridge", GOOD)
    docs = cfg / "docs"
    docs.mkdir()
    (docs / "photo.txt").write_bytes(bytes(range(256)) * 200)
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf")
    (docs / "good.txt").write_text(
        f"Mayor Ann Lee said that “the new bridge opens in May.”1\n\n1 {web.url('/bridge')}\n")
    result = run_cli("run", str(docs))
    assert result.code == 0, result.out + result.err
    assert "Traceback" not in result.out + result.err
    warnings = [line for line in result.out.splitlines() if line.startswith("warning:")]
    assert any("photo.txt" in w for w in warnings)
    assert any("broken.pdf" in w for w in warnings)
    assert "verified 1" in result.out


def test_encrypted_pdf_is_a_one_line_warning(cfg: Path, run_cli: Callable[..., CliResult]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Secret minutes of the meeting.")
    pdf.set_encryption(owner_password="owner", user_password="user")
    (cfg / "locked.pdf").write_bytes(bytes(pdf.output()))
    result = run_cli("run", "locked.pdf")
    assert result.code == 0
    assert any("locked.pdf" in line and "encrypted" in line
               for line in result.out.splitlines() if line.startswith("warning:"))


def test_database_that_is_not_sqlite_is_refused_untouched(
        cfg: Path, web: FixtureWeb, run_cli: Callable[..., CliResult]) -> None:
    (cfg / "doc.txt").write_text("Nothing cited.\n")
    db = cfg / "verifier.db"
    db.write_text("my grocery list\n")
    result = run_cli("run", "doc.txt")
    assert result.code == 2
    assert "not a SQLite database" in _one_line(result)
    assert db.read_text() == "my grocery list\n"


def test_database_from_a_newer_schema_is_refused_untouched(
        cfg: Path, run_cli: Callable[..., CliResult]) -> None:
    (cfg / "doc.txt").write_text("Nothing cited.\n")
    assert run_cli("run", "doc.txt").code == 0
    conn = sqlite3.connect(cfg / "verifier.db")
    conn.execute("update meta set value = '42' where key = 'schema_version'")
    conn.commit()
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    before = (cfg / "verifier.db").read_bytes()
    for args in (("run", "doc.txt"), ("export", "--format", "json"), ("status",)):
        result = run_cli(*args)
        assert result.code == 2
        assert "newer verifier" in _one_line(result)
    assert (cfg / "verifier.db").read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_report_directory(cfg: Path, run_cli: Callable[..., CliResult]) -> None:
    (cfg / "doc.txt").write_text("Nothing cited.\n")
    reports = cfg / "reports"
    reports.mkdir()
    reports.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = run_cli("run", "doc.txt")
    finally:
        reports.chmod(stat.S_IRWXU)
    assert result.code == 0
    assert any("reports" in line for line in result.out.splitlines() if line.startswith("warning:"))
    assert sqlite3.connect(cfg / "verifier.db").execute("select status from runs").fetchone() == (
        "completed",)


NOBODY = 65534


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                    reason="the test above covers an unprivileged user")
def test_read_only_report_directory_as_an_unprivileged_user() -> None:
    """Root writes anywhere, so as root (as in CI containers) the read-only case is run by
    the unprivileged 'nobody' in a folder of its own."""
    folder = Path(tempfile.mkdtemp(prefix="verifier-readonly-"))
    try:
        (folder / "doc.txt").write_text("Nothing cited.\n")
        (folder / "verifier.toml").write_text("no_wayback = true\nretries = 0\n")
        (folder / "reports").mkdir(mode=0o555)
        folder.chmod(0o777)
        (folder / "reports").chmod(0o555)
        result = subprocess.run(
            ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
             sys.executable, "-m", "verifier", "run", "doc.txt"],
            cwd=folder, env=subprocess_env(HOME=str(folder)), capture_output=True, text=True,
            timeout=120)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert any("reports" in line for line in result.stdout.splitlines()
                   if line.startswith("warning:"))
        assert not any((folder / "reports").iterdir())
        status = sqlite3.connect(folder / "verifier.db").execute("select status from runs")
        assert status.fetchone() == ("completed",)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_report_directory_that_is_a_file(cfg: Path, run_cli: Callable[..., CliResult]) -> None:
    """The root-proof variant of the read-only case: the report cannot be written."""
    (cfg / "doc.txt").write_text("Nothing cited.\n")
    (cfg / "reports").write_text("not a directory")
    result = run_cli("run", "doc.txt")
    assert result.code == 0
    assert any("report" in line for line in result.out.splitlines() if line.startswith("warning:"))
    result = run_cli("report")
    assert result.code == 2
    _one_line(result)


def test_same_url_cited_500_times_is_fetched_once(
        cfg: Path, web: FixtureWeb, run_cli: Callable[..., CliResult]) -> None:
    url = web.page("/bridge", GOOD)
    docs = cfg / "docs"
    docs.mkdir()
    for d in range(50):
        body = "".join(f"Point {i} is discussed at {url} and again.\n\n" for i in range(10))
        (docs / f"d{d}.txt").write_text(body)
    result = run_cli("run", str(docs))
    assert result.code == 0, result.out + result.err
    assert web.hits("/bridge") == 1


def test_malformed_spaced_idn_and_percent_encoded_urls(
        cfg: Path, web: FixtureWeb, run_cli: Callable[..., CliResult]) -> None:
    web.page("/caf%C3%A9", GOOD)
    base = web.base()
    (cfg / "doc.md").write_text(
        "Sources: [broken](http://[::1) and <http://news.invalid/a b> and "
        "[idn](http://bücher.invalid/katalog) and "
        f"[encoded]({base}/caf%C3%A9) and [ftp](ftp://files.example.org/x).\n")
    result = run_cli("run", "doc.md")
    assert result.code == 1, result.out + result.err  # failing links, nothing crashed
    exported = run_cli("export", "--format", "json")
    import json

    links = {c["url"]: c["link_status"] for c in json.loads(exported.out)["citations"]}
    assert links[f"{base}/caf%C3%A9"] == "ok"
    assert links["ftp://files.example.org/x"] == "invalid"
    assert links["http://bücher.invalid/katalog"] == "dead"  # the name does not exist
    assert links["http://news.invalid/a b"] == "dead"  # fetched as .../a%20b
    assert links["http://[::1"] == "invalid"


# 100 MB take about a minute on an idle machine: the default 120 s is too near on a loaded one.
@pytest.mark.timeout(360)
def test_huge_text_document_is_streamed_with_bounded_memory(cfg: Path) -> None:
    """100 MB of text is really processed: a quote on the first line keeps its footnote on the
    last line, and the whole run stays within a bounded memory."""
    big = cfg / "big.txt"
    line = ("The committee discussed the budget at length and adjourned without a vote. " * 4
            + "\n\n")
    with open(big, "w", encoding="utf-8") as fh:
        fh.write("Chair Maria Lopez said that “the budget will be balanced by the end of the "
                 "decade.”1\n\n")
        for _ in range(100_000_000 // len(line)):
            fh.write(line)
        fh.write("1 http://budget.invalid/statement\n")
    done, peak = run_sampling_rss([sys.executable, "-m", "verifier", "run", "--quiet",
                                   "--no-wayback", str(big)], cwd=cfg, env=subprocess_env())
    out, err = done.stdout, done.stderr
    assert done.returncode in (0, 1), out + err
    assert "Traceback" not in err
    assert peak < 400 * 1024 * 1024, f"peak RSS {peak / 2**20:.0f} MB for a 100 MB document"
    conn = sqlite3.connect(cfg / "verifier.db")
    [(text, speaker, line_no)] = conn.execute("select text, speaker, line from quotes").fetchall()
    assert speaker == "Maria Lopez" and line_no == 1 and text.startswith("the budget will be")
    [(url, cited_line)] = conn.execute(
        "select c.url, c.line from quote_citations qc join citations c on c.id = qc.citation_id"
    ).fetchall()
    assert url == "http://budget.invalid/statement" and cited_line > 600_000  # the last line
