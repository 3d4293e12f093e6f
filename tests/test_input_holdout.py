"""Held-out set: bad input, interruption and resumption, through the real `verifier` command.

Every expectation was written before the code ran on it, from what a mature command-line tool
owes a user who brings odd files, a broken database, a typo in a flag, or a machine that kills
the run: a clear one-line message and an exit status, never a traceback; nothing already
recorded lost; the good documents processed beside the bad ones, each bad one named once; and a
run killed (SIGKILL, at any point) followed by one that finishes the work without duplicating a
row or a WARC record and without leaving a half-written report as the current one.

Every run is a subprocess of `python -m verifier` against the fixture web and the fake Wayback
Machine; kill points wait on what the run shows (requests served, rows committed, the report
stage reached), never on a fixed sleep. Tests that need an unreadable file or a read-only
directory run the command as the unprivileged user 'nobody' (root reads everything).

First run: 16 of 38. Six expectations were my own mistakes, corrected (no code changed for them):
- two Markdown documents cited with plain-text notes ('1 URL'), which Markdown does not read as
  footnotes: their quotes were unsourced; they now use '[^1]: URL';
- `run --full` on a database from a newer schema was given no path, so it read seeds/ and
  stopped at that (inputs are checked before the database); it is now given the document;
- "nothing recorded lost" compared the documents table whole, but a document's row follows
  its current version; its identity is compared now, and document_versions whole;
- "resumed, not restarted" asked for fewer than 24 requests, wrong when the kills came before
  anything was recorded; now no URL whose link check was recorded is fetched again;
- the WARC check counted empty payloads (the fixture web's empty 404 to the not-found probe,
  never deduplicated by design) as duplicates; it now compares non-empty payloads by sha256;
- the concurrent-run case raced (the first run could finish before `status` looked); the last
  source is now held until the test lets it go.
With those corrected, 19 of 38 held before any fix. The 19 misses, each fixed by a general rule:
- UTF-16 without a BOM was called binary; Latin-1 text was read as a DOS code page (cp775:
  'M³ller'), and the quote turned partial;
- an empty .txt, an empty .md, a PDF without pages, and an article URL whose page has no text
  (built by script) went by without a word (3 + 1); documents' own warnings (no text layer,
  footnote markers without notes) never reached the run's warnings at all;
- a directory that cannot be listed was skipped silently; a symlink loop inside a directory
  was an internal error (RuntimeError), and given as the argument it was "no such file";
- `--db` in a missing directory silently started a new history there; in a read-only
  directory it was an internal error (PermissionError on the lock file);
- `--db`/`--config` naming a directory, like every click usage error, took four lines;
- `export`/`report --run` of a run never recorded exported nothing (exit 0);
- a config file that is not UTF-8 was an internal error (UnicodeDecodeError);
- `--no-wayback --save always` and `export --format json --table ...` were accepted (2);
- after SIGKILL, pages whose WARC records the killed run wrote but never recorded were written
  in full again by the run that resumed (a payload kept twice), during fetching and during the
  store's writes (2).
38 of 38 after the fixes; nothing is left marked as an expected failure.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import CliResult, subprocess_env
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply
from test_interrupt import N_SOURCES, _consistent, _slow_corpus
from test_nightly_holdout import assert_no_duplicates

SAID = "the new bridge opens in May"
GOOD_PAGE = f"<html lang='en'><body><p>The mayor said {SAID}.</p></body></html>"
NOBODY = 65534


# -- running the command ---------------------------------------------------------------------------

def _cli(cwd: Path, *args: str, user: int | None = None, timeout: float = 120,
         **env: str) -> CliResult:
    """`python -m verifier ARGS` in cwd, as a user would run it (optionally as `user`)."""
    cmd = [sys.executable, "-m", "verifier", *args]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
        env.setdefault("HOME", str(cwd))
    done = subprocess.run(cmd, cwd=cwd, env=subprocess_env(**env), capture_output=True,
                          text=True, timeout=timeout)
    return CliResult(done.returncode, done.stdout, done.stderr)


def _no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.out + result.err, result.out + result.err


def _one_error_line(result: CliResult) -> str:
    """The single line an error leaves on stderr."""
    _no_traceback(result)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


def _warnings(result: CliResult) -> list[str]:
    return [line for line in result.out.splitlines() if line.startswith("warning:")]


def _naming(result: CliResult, name: str) -> list[str]:
    """The warning lines that name `name`."""
    return [w for w in _warnings(result) if name in w]


def _quoting(url: str, speaker: str = "Mayor Ann Lee", *, markdown: bool = False) -> str:
    if markdown:
        return f"{speaker} said that “{SAID}.”[^1]\n\n[^1]: {url}\n"
    return f"{speaker} said that “{SAID}.”1\n\n1 {url}\n"


def _good_doc(folder: Path, web: FixtureWeb, name: str = "good.txt") -> Path:
    url = web.page("/bridge", GOOD_PAGE)
    path = folder / name
    path.write_text(_quoting(url), encoding="utf-8")
    return path


def _verified(result: CliResult, n: int) -> None:
    assert f"verified {n}" in result.out, result.out + result.err


def _quotes(db: Path) -> list[tuple[str, str, str]]:
    """(document, speaker, status) of every quote in the latest run's export."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("select d.source, q.speaker, q.text from quotes q "
                            "join documents d on d.id = q.document_id").fetchall()
    finally:
        conn.close()
    return [(str(a), str(b), str(c)) for a, b, c in rows]


# -- documents in odd encodings ---------------------------------------------------------------

@pytest.mark.parametrize("name, encoding, bom", [
    ("notes.txt", "utf-16-le", b"\xff\xfe"),
    ("notes.md", "utf-16-be", b"\xfe\xff"),
    ("export.txt", "utf-16-le", b""),  # "UCS-2 LE without BOM", as some Windows tools save
])
def test_utf16_documents_are_read(cfg: Path, web: FixtureWeb, name: str, encoding: str,
                                  bom: bytes) -> None:
    url = web.page("/bridge", GOOD_PAGE)
    text = _quoting(url, markdown=name.endswith(".md"))
    (cfg / name).write_bytes(bom + text.replace("\n", "\r\n").encode(encoding))
    result = _cli(cfg, "run", name)
    assert result.code == 0, result.out + result.err
    _verified(result, 1)
    assert _warnings(result) == []


def test_latin1_text_without_a_declaration(cfg: Path, web: FixtureWeb) -> None:
    said = "the new bridge over the Süderelbe opens in May, café and all"
    url = web.page("/bridge", f"<html lang='en'><body><p>Mayor José Müller said {said}.</p>"
                   "</body></html>")
    text = f'Mayor José Müller said that "{said}."1\n\n1 {url}\n'
    (cfg / "brücke.txt").write_bytes(text.encode("latin-1"))
    result = _cli(cfg, "run", "brücke.txt")
    assert result.code == 0, result.out + result.err
    _verified(result, 1)
    [(_, speaker, quote)] = _quotes(cfg / "verifier.db")
    assert "José Müller" in speaker and quote.startswith("the new bridge over the Süderelbe")


# -- files that are not what they say --------------------------------------------------------------

def _gzip_named_txt() -> bytes:
    return gzip.compress(b"Minutes of the meeting of 3 May.\n" * 400)


def _truncated_pdf() -> bytes:
    data = _pdf(f"The mayor said that “{SAID}.”")
    return data[: len(data) // 2]


def zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _pdf(text: str, **encryption: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", fname=_dejavu())
    pdf.set_font("dejavu", size=11)
    pdf.multi_cell(w=0, text=text)
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def _dejavu() -> str:
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/dejavu/DejaVuSans.ttf"):
        if Path(candidate).exists():
            return candidate
    pytest.skip("no DejaVu font for a PDF with curly quotes")


@pytest.mark.parametrize("name, content", [
    ("zeros.txt", lambda: b"\x00" * 65536),
    ("archive.txt", _gzip_named_txt),
    ("cut.pdf", _truncated_pdf),
    ("nopages.pdf", zero_page_pdf),
    ("empty.txt", lambda: b""),
    ("empty.md", lambda: b""),
])
def test_unusable_file_is_named_once_and_the_good_one_is_checked(
        cfg: Path, web: FixtureWeb, name: str, content: Callable[[], bytes]) -> None:
    docs = cfg / "docs"
    docs.mkdir()
    _good_doc(docs, web)
    (docs / name).write_bytes(content())
    result = _cli(cfg, "run", "docs")
    assert result.code == 0, result.out + result.err
    _no_traceback(result)
    _verified(result, 1)
    assert len(_naming(result, name)) == 1, result.out


def test_pdf_locked_only_against_editing_is_read(cfg: Path, web: FixtureWeb) -> None:
    """An owner password with an empty user password: every reader opens it without asking."""
    url = web.page("/bridge", GOOD_PAGE)
    (cfg / "brief.pdf").write_bytes(_pdf(_quoting(url), owner_password="owner"))
    result = _cli(cfg, "run", "brief.pdf")
    assert result.code == 0, result.out + result.err
    _verified(result, 1)
    assert _naming(result, "brief.pdf") == []


# -- unreadable files, symlink loops, odd names -------------------------------------------------------

@pytest.fixture
def shared_folder(cfg: Path) -> Iterator[Path]:
    """A folder 'nobody' can work in (outside pytest's private tmp), with cfg's config."""
    folder = Path(tempfile.mkdtemp(prefix="verifier-holdout-"))
    folder.chmod(0o777)
    shutil.copy(cfg / "verifier.toml", folder / "verifier.toml")
    os.chmod(folder / "verifier.toml", 0o644)
    yield folder
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            path.chmod(0o777)
    shutil.rmtree(folder, ignore_errors=True)


def _as_nobody_or_self() -> int | None:
    """Root ignores permissions, so root runs the command as 'nobody'; others as themselves."""
    return NOBODY if os.geteuid() == 0 else None


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"),
                    reason="root needs setpriv to lose its permissions")
def test_unreadable_files_among_good_ones(shared_folder: Path, web: FixtureWeb) -> None:
    docs = shared_folder / "docs"
    (docs / "private").mkdir(parents=True)
    _good_doc(docs, web, "a-good.txt")
    (docs / "z-good.md").write_text(_quoting(web.url("/bridge"), "Mayor Tom Field",
                                             markdown=True), encoding="utf-8")
    for bad in ("locked.txt", "locked.pdf", "private/memo.md"):
        (docs / bad).write_text("secret\n")
        (docs / bad).chmod(0)
    (docs / "private").chmod(0)
    for path in (docs, docs / "a-good.txt", docs / "z-good.md"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    result = _cli(shared_folder, "run", "docs", user=_as_nobody_or_self())
    assert result.code == 0, result.out + result.err
    _no_traceback(result)
    _verified(result, 2)
    for bad in ("locked.txt", "locked.pdf", "private"):
        assert len(_naming(result, bad)) == 1, (bad, result.out)


def test_symlink_loops_inside_a_directory(cfg: Path, web: FixtureWeb) -> None:
    docs = cfg / "docs"
    docs.mkdir()
    _good_doc(docs, web)
    (docs / "loop-a.txt").symlink_to("loop-b.txt")
    (docs / "loop-b.txt").symlink_to("loop-a.txt")
    (docs / "again").symlink_to(".", target_is_directory=True)  # a directory loop
    result = _cli(cfg, "run", "docs")
    assert result.code == 0, result.out + result.err
    _no_traceback(result)
    _verified(result, 1)  # the good document once, not again through the loop
    assert len(_naming(result, "loop-a.txt")) == 1 and len(_naming(result, "loop-b.txt")) == 1


def test_symlink_loop_given_as_the_argument(cfg: Path) -> None:
    (cfg / "self.txt").symlink_to("self.txt")
    result = _cli(cfg, "run", "self.txt")
    assert result.code == 2
    line = _one_error_line(result)
    assert "self.txt" in line and "link" in line.lower()


def test_path_with_spaces_and_non_ascii(cfg: Path, web: FixtureWeb) -> None:
    folder = cfg / "Berichte 2024" / "März – Überblick"
    folder.mkdir(parents=True)
    _good_doc(folder, web, "Brücke über den Fluss.txt")
    result = _cli(cfg, "run", "Berichte 2024")
    assert result.code == 0, result.out + result.err
    _verified(result, 1)
    exported = _cli(cfg, "export", "--format", "json")
    assert exported.code == 0
    [quote] = json.loads(exported.out)["quotes"]
    assert quote["document"].endswith("Brücke über den Fluss.txt") and quote["status"] == "verified"


# -- documents given by URL ---------------------------------------------------------------------------

def test_article_url_answering_404(cfg: Path, web: FixtureWeb) -> None:
    _good_doc(cfg, web)
    article = web.page("/article", "<title>Not found</title><p>No such page.</p>", status=404)
    result = _cli(cfg, "run", article, "good.txt")
    assert result.code == 0, result.out + result.err
    _verified(result, 1)
    [line] = _naming(result, article)
    assert "404" in line


def test_article_url_that_times_out(cfg: Path, web: FixtureWeb) -> None:
    _good_doc(cfg, web)
    article = web.route("/slow", lambda _r: Reply(200, GOOD_PAGE, delay=6))
    started = time.monotonic()
    result = _cli(cfg, "run", "--timeout", "1", "--deadline", "2", article, "good.txt")
    assert time.monotonic() - started < 30
    assert result.code == 0, result.out + result.err
    _verified(result, 1)
    [line] = _naming(result, article)
    assert "time" in line.lower()


def test_article_url_that_is_html_without_an_article(cfg: Path, web: FixtureWeb) -> None:
    """A page rendered by script: a menu and a script tag, no article text."""
    article = web.page("/app", "<html><head><title>News</title><script>render()</script></head>"
                       "<body><nav><a href='/'>Home</a> <a href='/s'>Search</a></nav>"
                       "<div id='root'></div></body></html>")
    result = _cli(cfg, "run", article)
    assert result.code == 0, result.out + result.err
    assert len(_naming(result, article)) == 1, result.out


# -- the database -----------------------------------------------------------------------------------

def test_db_in_a_missing_directory_is_refused_and_nothing_is_created(cfg: Path) -> None:
    (cfg / "doc.txt").write_text("Nothing cited.\n")
    result = _cli(cfg, "run", "--db", "data/typo/verifier.db", "doc.txt")
    assert result.code == 2
    assert "data/typo" in _one_error_line(result)
    assert not (cfg / "data").exists()


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"),
                    reason="root needs setpriv to lose its permissions")
def test_db_in_a_read_only_directory(shared_folder: Path) -> None:
    (shared_folder / "doc.txt").write_text("Nothing cited.\n")
    os.chmod(shared_folder / "doc.txt", 0o644)
    (shared_folder / "ro").mkdir(mode=0o555)
    (shared_folder / "ro").chmod(0o555)
    result = _cli(shared_folder, "run", "--db", "ro/verifier.db", "doc.txt",
                  user=_as_nobody_or_self())
    assert result.code == 2, result.out + result.err
    assert "ro" in _one_error_line(result)


def _a_finished_db(cfg: Path, web: FixtureWeb) -> Path:
    _good_doc(cfg, web)
    done = _cli(cfg, "run", "good.txt")
    assert done.code == 0, done.out + done.err
    conn = sqlite3.connect(cfg / "verifier.db")
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    return cfg / "verifier.db"


def test_corrupted_database_is_refused_untouched(cfg: Path, web: FixtureWeb) -> None:
    db = _a_finished_db(cfg, web)
    data = bytearray(db.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(1, len(data) // page_size):  # every page but the header's garbled
        data[page * page_size: page * page_size + 64] = b"\xa5" * 64
    db.write_bytes(bytes(data))
    for args in (("run", "good.txt"), ("status",), ("export", "--format", "json"), ("report",)):
        result = _cli(cfg, *args)
        assert result.code == 2, (args, result.out + result.err)
        line = _one_error_line(result)
        assert "verifier.db" in line, line
    assert db.read_bytes() == bytes(data)


def test_sqlite_database_of_another_program_is_refused_untouched(cfg: Path) -> None:
    (cfg / "doc.txt").write_text("Nothing cited.\n")
    conn = sqlite3.connect(cfg / "places.sqlite")
    conn.execute("create table moz_places (id integer primary key, url text)")
    conn.execute("insert into moz_places (url) values ('https://example.org/')")
    conn.commit()
    conn.close()
    before = (cfg / "places.sqlite").read_bytes()
    result = _cli(cfg, "run", "--db", "places.sqlite", "doc.txt")
    assert result.code == 2
    assert "places.sqlite" in _one_error_line(result)
    assert (cfg / "places.sqlite").read_bytes() == before


def test_database_from_a_future_schema_for_report_and_link_status(cfg: Path,
                                                                   web: FixtureWeb) -> None:
    db = _a_finished_db(cfg, web)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        with conn:
            conn.execute("update meta set value = '99' where key = 'schema_version'")
        conn.execute("pragma wal_checkpoint(truncate)")
    before = db.read_bytes()
    for args in (("report",), ("status", "--url", web.url("/bridge")),
                 ("run", "--full", "good.txt")):
        result = _cli(cfg, *args)
        assert result.code == 2, (args, result.out + result.err)
        assert "newer verifier" in _one_error_line(result)
    assert db.read_bytes() == before


def test_db_path_that_is_a_directory(cfg: Path) -> None:
    (cfg / "doc.txt").write_text("Nothing cited.\n")
    (cfg / "store").mkdir()
    for args in (("run", "--db", "store", "doc.txt"), ("status", "--db", "store")):
        result = _cli(cfg, *args)
        assert result.code == 2
        assert "store" in _one_error_line(result)


def test_export_and_report_of_a_run_that_does_not_exist(cfg: Path, web: FixtureWeb) -> None:
    _a_finished_db(cfg, web)
    for args in (("export", "--format", "json", "--run", "999"), ("report", "--run", "999"),
                 ("export", "--format", "csv", "--run", "999")):
        result = _cli(cfg, *args)
        assert result.code == 2, (args, result.out + result.err)
        assert "999" in _one_error_line(result)
    assert not (cfg / "reports" / "run-999.html").exists()


# -- configuration and flags -----------------------------------------------------------------------

@pytest.mark.parametrize("content, named", [
    (b'[verifier]\ntimeout = 20\nretries = = 3\n', "line 3"),
    (b'concurrency = 4\nsave = "never\n', "line 2"),
    (b'[verifier]\nper_hots = 4\n', "per_hots"),
    (b'[verfier]\nconcurrency = 4\n', "verfier"),
    (b'# r\xe9glages du serveur\nconcurrency = 4\n', "UTF-8"),  # a Latin-1 comment
])
def test_config_file_errors_are_one_line(cfg: Path, content: bytes, named: str) -> None:
    (cfg / "doc.txt").write_text("Nothing cited.\n")
    (cfg / "nightly.toml").write_bytes(content)
    result = _cli(cfg, "run", "--config", "nightly.toml", "doc.txt")
    assert result.code == 2, result.out + result.err
    line = _one_error_line(result)
    assert "nightly.toml" in line and named in line, line
    assert not (cfg / "verifier.db").exists()


def test_config_path_that_is_a_directory(cfg: Path) -> None:
    (cfg / "conf").mkdir()
    result = _cli(cfg, "status", "--config", "conf")
    assert result.code == 2
    assert "conf" in _one_error_line(result)


def test_bad_environment_value_is_one_line(cfg: Path) -> None:
    (cfg / "doc.txt").write_text("Nothing cited.\n")
    result = _cli(cfg, "run", "doc.txt", VERIFIER_TIMEOUT="twenty")
    assert result.code == 2
    assert "timeout" in _one_error_line(result)


@pytest.mark.parametrize("args, names", [
    (("run", "--no-wayback", "--save", "always", "doc.txt"), ("--no-wayback", "--save")),
    (("export", "--format", "json", "--table", "replacements"), ("--table", "json")),
])
def test_conflicting_flags_are_refused(cfg: Path, args: tuple[str, ...],
                                       names: tuple[str, ...]) -> None:
    (cfg / "doc.txt").write_text("Nothing cited.\n")
    result = _cli(cfg, *args)
    assert result.code == 2, result.out + result.err
    line = _one_error_line(result)
    assert all(n in line for n in names), line


# -- a second run while one is going ------------------------------------------------------------------

def test_second_run_and_status_while_a_run_is_going(workspace: Path, web: FixtureWeb,
                                                    wayback: FakeWayback) -> None:
    cmd = _slow_corpus(workspace, web, wayback)
    held = threading.Event()  # the last source answers only once the test lets it
    last = N_SOURCES - 1
    body = (f"<html lang='en'><body><p>Speaker {last} said the river crossing number {last} "
            "will reopen after the inspection is complete.</p></body></html>")
    web.route(f"/s{last}", lambda _r: Reply(200, body) if held.wait(60) else Reply(500))
    first = subprocess.Popen(cmd, cwd=workspace, env=subprocess_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        _wait_until(lambda: any(r.path == f"/s{last}" for r in web.requests), first)
        second = _cli(workspace, "run", "docs")
        shown = _cli(workspace, "status", timeout=30)
    finally:
        held.set()
    assert second.code == 3, second.out + second.err
    line = _one_error_line(second)
    assert f"pid {first.pid}" in line
    assert shown.code == 0, shown.err
    assert "running" in shown.out
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, out + err
    assert f"verified {N_SOURCES}" in out
    conn = _consistent(workspace / "verifier.db")
    assert [r[0] for r in conn.execute("select status from runs")] == ["completed"]


# -- SIGKILL at several points, then a run that finishes -----------------------------------------------

# the append-only tables whole; of documents (its row follows the current version) the identity
RECORDED = {"documents": "id, source", "document_versions": "*", "quotes": "*",
            "citations": "*", "fetches": "*", "checks": "*", "link_checks": "*"}


def _recorded(db: Path) -> dict[str, set[tuple[object, ...]]]:
    """The rows a run has recorded, to show that a later run lost none of them."""
    conn = sqlite3.connect(db)
    try:
        return {t: set(conn.execute(f"select {columns} from {t}").fetchall())
                for t, columns in RECORDED.items()}
    finally:
        conn.close()


def _warc_payloads(archive: Path) -> list[tuple[str, str, str]]:
    """(sha256 of the payload, target URI, file) of every response record holding a payload
    in the archive's WARC files (an empty payload is no copy of anything)."""
    import hashlib

    from warcio.archiveiterator import ArchiveIterator

    found = []
    for path in sorted(archive.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                body = record.content_stream().read()
                if record.rec_type == "response" and body:
                    found.append((hashlib.sha256(body).hexdigest(),
                                  record.rec_headers.get_header("WARC-Target-URI"), path.name))
    return found


def _assert_evidence_sound(root: Path) -> None:
    """Each payload is kept in one response record; every fetch row points at a record that
    holds its bytes."""
    from verifier.evidence import read_record
    from verifier.models import EvidenceRef

    payloads = _warc_payloads(root / "archive")
    digests = [p[0] for p in payloads]
    assert len(digests) == len(set(digests)), [p for p in payloads if digests.count(p[0]) > 1]
    conn = sqlite3.connect(root / "verifier.db")
    conn.row_factory = sqlite3.Row
    try:
        for row in conn.execute("select * from fetches where warc_path is not null"):
            ref = EvidenceRef(row["warc_path"], row["warc_offset"], row["warc_length"],
                              row["sha256"])
            read_record(root / "archive", ref)
    finally:
        conn.close()


def _assert_reports_whole(reports: Path) -> None:
    assert not [p.name for p in reports.glob(".*")], "a temporary report file left behind"
    for html in reports.glob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>"), html


def _kill(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _finish_after_kills(root: Path, cmd: list[str], web: FixtureWeb,
                        before: dict[str, set[tuple[object, ...]]]) -> sqlite3.Connection:
    """The run after the kills: it completes, fetches only what was left, loses nothing."""
    fetched = len(web.requests)
    with contextlib.closing(sqlite3.connect(root / "verifier.db")) as conn:
        done_before = {urlsplit(u).path for (u,) in conn.execute("select url from link_checks")}
    done = subprocess.run(cmd, cwd=root, env=subprocess_env(), capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"verified {N_SOURCES}" in done.stdout, done.stdout
    again = {r.path for r in web.requests[fetched:]}
    assert not again & done_before, again & done_before  # resumed, not started over
    after = _recorded(root / "verifier.db")
    for table, rows in before.items():
        assert rows <= after[table], f"rows of {table} recorded before the kill were lost"
    conn = _consistent(root / "verifier.db")
    conn.row_factory = sqlite3.Row
    assert_no_duplicates(conn)
    statuses = [r[0] for r in conn.execute("select status from runs order by id")]
    assert statuses[-1] == "completed" and set(statuses[:-1]) == {"interrupted"}
    _assert_evidence_sound(root)
    _assert_reports_whole(root / "reports")
    return conn


def _wait_until(ready: Callable[[], bool], proc: subprocess.Popen[bytes],
                timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, "the run ended before the kill point"
        assert time.monotonic() < deadline, "the kill point was never reached"
        time.sleep(0.01)


def _rows(db: Path, table: str) -> int:
    try:
        with contextlib.closing(sqlite3.connect(db, timeout=1)) as conn:
            return int(conn.execute(f"select count(*) from {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


def _start(root: Path, cmd: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, cwd=root, env=subprocess_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def test_sigkill_while_requests_are_in_flight(workspace: Path, web: FixtureWeb,
                                              wayback: FakeWayback) -> None:
    cmd = _slow_corpus(workspace, web, wayback)
    for served in (2, 9):
        proc = _start(workspace, cmd)
        # requests arrive, each answered after 0.25 s: the kill lands with fetches under way
        _wait_until(lambda served=served: len(web.requests) >= served, proc)
        _kill(proc)
    _finish_after_kills(workspace, cmd, web, _recorded(workspace / "verifier.db"))


def test_sigkill_while_the_store_is_written(workspace: Path, web: FixtureWeb,
                                            wayback: FakeWayback) -> None:
    cmd = _slow_corpus(workspace, web, wayback)
    db = workspace / "verifier.db"
    proc = _start(workspace, cmd)
    _wait_until(lambda: _rows(db, "documents") >= 1, proc)  # documents being recorded
    _kill(proc)
    proc = _start(workspace, cmd)
    _wait_until(lambda: _rows(db, "checks") >= N_SOURCES // 3, proc)  # verdicts being recorded
    _kill(proc)
    proc = _start(workspace, cmd)
    _wait_until(lambda: _rows(db, "link_checks") >= 2 * N_SOURCES // 3, proc)
    _kill(proc)
    _finish_after_kills(workspace, cmd, web, _recorded(db))


def test_sigkill_while_the_report_is_written(workspace: Path, web: FixtureWeb,
                                             wayback: FakeWayback) -> None:
    """The report stage is held open by a named pipe where index.html goes (as a hung network
    share would hold it): opening the pipe's other end shows the run is inside the report."""
    cmd = _slow_corpus(workspace, web, wayback)
    reports = workspace / "reports"
    reports.mkdir()
    index = reports / "index.html"
    os.mkfifo(index)
    proc = _start(workspace, cmd)

    def reading_index() -> bool:
        try:
            os.close(os.open(index, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:  # ENXIO: nobody has the pipe open for reading yet
            return False
        return True

    _wait_until(reading_index, proc, timeout=120)
    _kill(proc)
    index.unlink()
    shown = _cli(workspace, "status")
    assert shown.code == 0 and "interrupted" in shown.out and "completed" not in shown.out, \
        shown.out
    conn = _finish_after_kills(workspace, cmd, web, _recorded(workspace / "verifier.db"))
    last = conn.execute("select max(id) from runs").fetchone()[0]
    current = index.read_text(encoding="utf-8")
    assert f"run-{last}.html" in current
    # the newest report the index offers is the completed run's
    assert current.index(f"run-{last}.html") < min(
        (current.index(f"run-{r}.html") for r in range(1, last) if f"run-{r}.html" in current),
        default=len(current))
