"""Page records written where the page is read: the Fetcher leaves the final response's record
to its caller, the work pool writes it (and the readable copy), and the run's thread keeps
de-duplication by payload digest (PageRecords)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

from fixtureweb import FixtureWeb, Reply
from warcio.archiveiterator import ArchiveIterator

from verifier.config import Settings
from verifier.evidence import EvidenceStore, Exchange, read_record
from verifier.fetching import Fetcher
from verifier.models import EvidenceRef, Fetch
from verifier.net.transport import read_body
from verifier.pagerecords import PageRecords
from verifier.status import LinkStatus
from verifier.storekeys import parse_iso, utc_iso
from verifier.workpool import PageCheck, check_page

WHEN = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
ARTICLE = ("<html><head><title>A report</title></head><body><p>The minister said the harbour "
           "will reopen next spring.</p></body></html>")


def exchange(url: str, body: bytes = ARTICLE.encode()) -> Exchange:
    return Exchange(url=url, request_headers=[("User-Agent", "verifier/test")], status=200,
                    reason="OK", response_headers=[("Content-Type", "text/html; charset=utf-8")],
                    body=body, fetched_at=WHEN)


def kinds(archive: Path) -> list[tuple[str, str | None]]:
    found = []
    for path in sorted(archive.glob("*.warc.gz")):
        with open(path, "rb") as fh:  # every file reads whole with warcio's own reader
            found += [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"))
                      for r in ArchiveIterator(fh) if r.rec_type != "warcinfo"]
    return found


def write_elsewhere(archive: Path, ex: Exchange) -> EvidenceRef:
    """What a page worker does: a full record in a WARC file of its own."""
    with EvidenceStore(archive, run_label="run1-p999") as worker:
        return worker.record_response(ex)


# -- the Fetcher -----------------------------------------------------------------------------

def test_fetch_unrecorded_leaves_the_final_response_to_the_caller(web: FixtureWeb,
                                                                  tmp_path: Path) -> None:
    url = web.page("/gz", gzip.compress(ARTICLE.encode()), headers={"Content-Encoding": "gzip"})
    start = web.redirect("/to-gz", "/gz")
    with EvidenceStore(tmp_path, run_label="run1") as store, \
            Fetcher(Settings(allow_private_hosts=True), evidence=store) as fetcher:
        fetch, unrecorded = fetcher.fetch_unrecorded(start)
    assert fetch.link_status is LinkStatus.REDIRECTED and fetch.evidence is None
    assert unrecorded is not None and unrecorded.url == url
    assert unrecorded.body == fetch.body == ARTICLE.encode()
    assert unrecorded.payload_sha256 == fetch.sha256  # digested once, in the Fetcher
    assert ("X-Archive-Orig-Content-Encoding", "gzip") not in unrecorded.response_headers
    assert kinds(tmp_path) == [("response", start), ("request", start)]  # the redirect only


def test_fetch_unrecorded_records_retried_answers_itself(web: FixtureWeb, tmp_path: Path) -> None:
    url = web.sequence("/flaky", [Reply(503, "busy"), Reply(200, ARTICLE)])
    settings = Settings(allow_private_hosts=True, retries=1)
    with EvidenceStore(tmp_path, run_label="run1") as store, \
            Fetcher(settings, evidence=store, sleep=lambda s: None) as fetcher:
        fetch, unrecorded = fetcher.fetch_unrecorded(url)
    assert fetch.link_status is LinkStatus.OK and unrecorded is not None
    # the 503, not the 200 (and the host's not-found probe, recorded as always)
    assert [k for k in kinds(tmp_path) if k[1] == url] == [("response", url), ("request", url)]
    with open(tmp_path / "run1-00000.warc.gz", "rb") as fh:
        statuses = [r.http_headers.get_statuscode() for r in ArchiveIterator(fh)
                    if r.rec_type == "response" and r.rec_headers.get_header("WARC-Target-URI") == url]
    assert statuses == ["503"] and unrecorded.status == 200


def test_plain_fetch_still_records_everything(web: FixtureWeb, tmp_path: Path) -> None:
    url = web.page("/a", ARTICLE)
    with EvidenceStore(tmp_path, run_label="run1") as store, \
            Fetcher(Settings(allow_private_hosts=True), evidence=store) as fetcher:
        fetch = fetcher.fetch(url)
    assert fetch.evidence is not None
    assert read_record(tmp_path, fetch.evidence).body == ARTICLE.encode()


def test_an_empty_body_is_recorded_by_the_fetcher(web: FixtureWeb, tmp_path: Path) -> None:
    url = web.page("/empty", b"")
    with EvidenceStore(tmp_path, run_label="run1") as store, \
            Fetcher(Settings(allow_private_hosts=True), evidence=store) as fetcher:
        fetch, unrecorded = fetcher.fetch_unrecorded(url)
    assert unrecorded is None and fetch.evidence is not None


# -- PageRecords -------------------------------------------------------------------------------

def test_a_new_payload_is_written_by_its_reader_and_then_known(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="run1") as store:
        records = PageRecords(store)
        first = exchange("http://a.test/1")
        assert records.claim("http://a.test/1", first) is first
        ref = write_elsewhere(tmp_path, first)
        assert records.settle("http://a.test/1", ref) == [("http://a.test/1", ref)]
        assert not records.pending("http://a.test/1")

        later = exchange("http://b.test/2")  # the same bytes, fetched afterwards
        assert records.claim("http://b.test/2", later) is None  # a revisit, written at once
        assert records.settle("http://b.test/2", None) == [("http://b.test/2", ref)]
    assert kinds(tmp_path) == [("revisit", "http://b.test/2"), ("request", "http://b.test/2"),
                               ("response", "http://a.test/1"), ("request", "http://a.test/1")]
    assert read_record(tmp_path, ref).body == ARTICLE.encode()


def test_a_copy_read_before_the_first_is_recorded_waits_for_it(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="run1") as store:
        records = PageRecords(store)
        first, second = exchange("http://a.test/1"), exchange("http://b.test/2")
        assert records.claim("http://a.test/1", first) is first
        assert records.claim("http://b.test/2", second) is None  # the same payload is on its way
        assert records.settle("http://b.test/2", None) == []  # read first: waits
        assert records.pending("http://b.test/2")
        ref = write_elsewhere(tmp_path, first)
        settled = records.settle("http://a.test/1", ref)
        assert settled == [("http://a.test/1", ref), ("http://b.test/2", ref)]
        assert not records.pending("http://b.test/2")
    found = kinds(tmp_path)
    assert found.count(("response", "http://a.test/1")) == 1
    assert ("revisit", "http://b.test/2") in found
    assert not any(kind == "response" and uri == "http://b.test/2" for kind, uri in found)


def test_a_payload_of_an_earlier_run_is_a_revisit(tmp_path: Path) -> None:
    ref = write_elsewhere(tmp_path, exchange("http://a.test/1"))
    with EvidenceStore(tmp_path, run_label="run2",
                       known=lambda sha: ref if sha == ref.sha256 else None) as store:
        records = PageRecords(store)
        assert records.claim("http://a.test/1", exchange("http://a.test/1")) is None
        assert records.settle("http://a.test/1", None) == [("http://a.test/1", ref)]


def test_a_record_the_reader_could_not_write_is_written_here(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="run1") as store:
        records = PageRecords(store)
        first = exchange("http://a.test/1")
        records.claim("http://a.test/1", first)
        [(url, ref)] = records.settle("http://a.test/1", None)
        assert url == "http://a.test/1" and ref is not None
        assert ref.warc_path == "run1-00000.warc.gz"
        assert read_record(tmp_path, ref).body == ARTICLE.encode()


def test_a_page_with_nothing_to_record_keeps_its_ref(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="run1") as store:
        kept = EvidenceRef("run0-00000.warc.gz", 10, 20, "ab" * 32)
        assert PageRecords(store).settle("http://a.test/1", None, current=kept) == \
            [("http://a.test/1", kept)]


# -- the page worker ---------------------------------------------------------------------------

def test_the_page_worker_writes_the_record_and_the_readable_copy(tmp_path: Path) -> None:
    body = ARTICLE.encode()
    ex = exchange("http://a.test/1", body)
    fetch = Fetch(url="http://a.test/1", link_status=LinkStatus.OK, reason="HTTP 200",
                  fetched_at=WHEN, http_status=200, content_type="text/html; charset=utf-8",
                  sha256=ex.digest(), size=len(body), body=body)
    job = PageCheck(fetch, ["the harbour will reopen next spring"], 0.8, WHEN,
                    archive_dir=str(tmp_path / "archive"), record=ex, record_label="run1",
                    copy_dir=str(tmp_path / "reports" / "evidence"))
    checked = check_page(job)
    assert checked.evidence is not None and checked.record_problem is None
    assert checked.evidence.warc_path.startswith("run1-p") and checked.evidence.sha256 == ex.digest()
    assert read_record(tmp_path / "archive", checked.evidence).body == body
    assert checked.verdicts["the harbour will reopen next spring"].status == "verified"
    copy = (tmp_path / "reports" / "evidence" / f"{ex.digest()}.html").read_text()
    assert "The minister said the harbour will reopen next spring." in copy
    assert "http://a.test/1" in copy and checked.evidence.warc_path in copy


def test_the_page_worker_reports_a_record_it_could_not_write(tmp_path: Path) -> None:
    (tmp_path / "archive").write_text("a file where the directory should be")
    body = ARTICLE.encode()
    ex = exchange("http://a.test/1", body)
    fetch = Fetch(url="http://a.test/1", link_status=LinkStatus.OK, reason="HTTP 200",
                  fetched_at=WHEN, content_type="text/html", body=body, size=len(body))
    checked = check_page(PageCheck(fetch, [], 0.8, WHEN, archive_dir=str(tmp_path / "archive"),
                                   record=ex, record_label="run1"))
    assert checked.evidence is None and checked.record_problem
    assert checked.page is not None  # the page is read all the same


# -- small helpers of the hot path ------------------------------------------------------------------

def test_timestamps_round_trip_to_the_second() -> None:
    moment = datetime(2024, 5, 1, 12, 3, 4, 567_000, tzinfo=UTC)
    assert utc_iso(moment) == "2024-05-01T12:03:04Z"
    assert parse_iso("2024-05-01T12:03:04Z") == moment.replace(microsecond=0)
    assert utc_iso(datetime(2024, 5, 1, 12, 3, 4)) == "2024-05-01T12:03:04Z"  # naive is UTC
    for bad in ("2024-05-01 12:03:04", "2024-05-01T12:03:04+00:00", "yesterday"):
        try:
            parse_iso(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


class _Sock:
    def __init__(self) -> None:
        self.timeouts: list[float] = []

    def settimeout(self, value: float) -> None:
        self.timeouts.append(value)


class _Raw:
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.connection = type("Conn", (), {"sock": _Sock()})()

    def read1(self, amount: int, decode_content: bool = True) -> bytes:
        return self.chunks.pop(0) if self.chunks else b""


class _Response:
    def __init__(self, chunks: list[bytes]) -> None:
        self.raw = _Raw(chunks)


def test_body_reads_set_the_timeout_only_when_it_changes() -> None:
    response = _Response([b"a" * 10] * 5)
    left = iter([50.0] * 6)
    body, cut = read_body(response, cap=1000, time_left=lambda: next(left),  # type: ignore[arg-type]
                          read_timeout=20.0)
    assert (body, cut) == (b"a" * 50, None)
    assert response.raw.connection.sock.timeouts == [20.0]  # once: the deadline is far


def test_body_reads_shorten_the_timeout_near_the_deadline() -> None:
    response = _Response([b"a" * 10] * 3)
    left = iter([30.0, 5.0, 2.0, 1.0])
    read_body(response, cap=1000, time_left=lambda: next(left),  # type: ignore[arg-type]
              read_timeout=20.0)
    assert response.raw.connection.sock.timeouts == [20.0, 5.0, 2.0, 1.0]


# -- a whole run, pages read in a worker process ------------------------------------------------

def test_a_run_with_a_worker_process_keeps_one_record_per_payload(
        workspace: Path, web: FixtureWeb) -> None:
    import verifier
    from verifier.config import load_settings
    from verifier.report import write_report

    same = web.page("/same-1", ARTICLE)
    twin = web.page("/same-2", ARTICLE)
    other = web.page("/other", ARTICLE.replace("harbour", "airport"))
    docs = workspace / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "Minister Jane Roe said that “the harbour will reopen next spring.”1 She said it again"
        ".2 The mayor said that “the airport will reopen next spring.”3\n\n"
        f"1 {same}\n\n2 {twin}\n\n3 {other}\n", encoding="utf-8")
    settings = load_settings(env={}, cwd=workspace, overrides={
        "db": str(workspace / "v.db"), "archive_dir": str(workspace / "archive"),
        "report_dir": str(workspace / "reports"), "allow_private_hosts": True,
        "no_wayback": True, "work_processes": 1})
    result = verifier.run([str(docs)], settings)
    assert result.counts["links"]["ok"] == 3

    store = verifier.Store.open(settings.db)
    rows = {r["url"]: r for r in store.rows("select * from fetches where kind='live'")}
    assert rows[same]["warc_path"] == rows[twin]["warc_path"]
    assert rows[same]["warc_offset"] == rows[twin]["warc_offset"]
    assert rows[same]["warc_path"].startswith(f"run{result.run_id}-p")  # written by the worker
    records = [(kind, uri) for kind, uri in kinds(workspace / "archive")
               if uri in (same, twin, other)]  # not the host's not-found probe
    responses = [uri for kind, uri in records if kind == "response"]
    revisits = [uri for kind, uri in records if kind == "revisit"]
    assert sorted(responses + revisits) == sorted([same, twin, other])
    assert len(revisits) == 1 and revisits[0] in (same, twin)
    for url in (same, twin, other):
        ref = EvidenceRef(rows[url]["warc_path"], rows[url]["warc_offset"],
                          rows[url]["warc_length"], rows[url]["sha256"])
        body = read_record(workspace / "archive", ref).body  # its digest is checked
        assert body == (ARTICLE if url != other else ARTICLE.replace("harbour", "airport")).encode()
    copies = workspace / "reports" / "evidence"
    assert {p.stem for p in copies.glob("*.html")} == {rows[same]["sha256"], rows[other]["sha256"]}

    # the report regenerates a copy that went missing, from the WARC record
    missing = copies / f"{rows[other]['sha256']}.html"
    written = missing.read_bytes()
    missing.unlink()
    write_report(store, result.run_id, workspace / "reports", archive_dir=workspace / "archive")
    assert missing.read_bytes() == written  # the same bytes the worker wrote
    store.close()


def test_a_fetch_row_keeps_every_field_of_its_attempts_and_redirects(tmp_path: Path) -> None:
    """The hot-path row is built field by field: it must still hold all of each record."""
    import json
    from dataclasses import asdict

    from verifier.models import Attempt, Hop
    from verifier.store import Store

    fetch = Fetch(url="http://a.test/1", link_status=LinkStatus.REDIRECTED, reason="moved",
                  fetched_at=WHEN, redirects=[Hop("http://a.test/1", 301, "http://a.test/2")],
                  attempts=[Attempt(WHEN, "503", 0.25, 0.0), Attempt(WHEN, "200", 0.5, 1.5)])
    store = Store.open(tmp_path / "v.db")
    run_id = store.start_run(inputs=[], settings={}, pid=1, host="h", version="0")
    fetch_id = store.save_fetch(run_id, fetch, kind="live")
    row = store.fetch_row(fetch_id)
    store.close()
    assert json.loads(row["redirects"]) == [asdict(h) for h in fetch.redirects]
    assert json.loads(row["attempts"]) == [{**asdict(a), "at": utc_iso(a.at)}
                                           for a in fetch.attempts]


def test_the_page_worker_tells_a_wall_from_an_error_page() -> None:
    """The text the fetcher left unread: a regional block makes the link blocked, not a soft 404."""
    def checked(line: str) -> tuple[LinkStatus | None, str | None]:
        body = f"<html><head><title>Example TV</title></head><body><h1>{line}</h1></body></html>".encode()
        fetch = Fetch(url="http://a.test/1", link_status=LinkStatus.OK, reason="HTTP 200", fetched_at=WHEN,
                      http_status=200, content_type="text/html", body=body, size=len(body))
        result = check_page(PageCheck(fetch, [], 0.8, WHEN, judge_text=True))
        return result.text_verdict or (None, None)

    assert checked("This programme is not available in your region.")[0] is LinkStatus.BLOCKED
    assert checked("Page not found")[0] is LinkStatus.SOFT_404
    assert checked("Tonight's programmes")[1] is None


def test_the_page_worker_reads_what_the_markup_says_the_page_is() -> None:
    """The fetcher leaves the markup's marks (a not-found template's body class) to the reader too."""
    body = b"<html><head><title>Example</title></head><body class='error404'><h1>Lost?</h1></body></html>"
    fetch = Fetch(url="http://a.test/2019/story", link_status=LinkStatus.OK, reason="HTTP 200", fetched_at=WHEN,
                  http_status=200, content_type="text/html", body=body, size=len(body))
    result = check_page(PageCheck(fetch, [], 0.8, WHEN, judge_text=True))
    assert result.text_verdict is not None and result.text_verdict[0] is LinkStatus.SOFT_404
