"""The WARC evidence store: records warcio reads back, payload dedup, integrity, readable copies."""

from __future__ import annotations

import gzip
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fixtureweb import FixtureWeb
from warcio.archiveiterator import ArchiveIterator

from verifier.config import Settings
from verifier.evidence import EvidenceError, EvidenceStore, Exchange, read_record
from verifier.fetching import Fetcher
from verifier.models import EvidenceRef
from verifier.pagetext import page_text

WHEN = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
PAGE = b"<html><head><title>Report</title></head><body><p>The minister said it.</p></body></html>"


def exchange(url: str = "https://news.example.org/a", body: bytes = PAGE, **extra: object) -> Exchange:
    values: dict[str, object] = {
        "url": url, "request_headers": [("User-Agent", "verifier/test"), ("Accept", "*/*")],
        "status": 200, "reason": "OK",
        "response_headers": [("Content-Type", "text/html; charset=utf-8"), ("Set-Cookie", "a=1"),
                             ("Set-Cookie", "b=2")],
        "body": body, "fetched_at": WHEN}
    values.update(extra)
    return Exchange(**values)  # type: ignore[arg-type]


def records(path: Path) -> list[tuple[str, str | None]]:
    with open(path, "rb") as fh:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(fh)]


def test_round_trip(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="run 7/2024") as store:
        ref = store.record(exchange())
    assert ref.warc_path == "run_7_2024-00000.warc.gz"
    status, headers, body = read_record(tmp_path, ref)
    assert (status, body) == (200, PAGE)
    assert [v for k, v in headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    assert ("Content-Length", str(len(PAGE))) in headers
    assert records(tmp_path / ref.warc_path) == [
        ("warcinfo", None), ("response", "https://news.example.org/a"), ("request", "https://news.example.org/a")]


def test_record_headers(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="r") as store:
        ref = store.record(exchange(truncated="length", peer="93.184.216.34", response_headers=[
            ("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]))
    with open(tmp_path / ref.warc_path, "rb") as fh:
        response = next(r for r in ArchiveIterator(fh) if r.rec_type == "response")
        assert response.rec_headers.get_header("WARC-Date") == "2024-05-01T12:00:00Z"
        assert response.rec_headers.get_header("WARC-Truncated") == "length"
        assert response.rec_headers.get_header("WARC-IP-Address") == "93.184.216.34"
        assert response.rec_headers.get_header("WARC-Payload-Digest", "").startswith("sha1:")
        http = response.http_headers
        assert http.get_header("Content-Encoding") is None and http.get_header("Transfer-Encoding") is None
        assert http.get_header("X-Archive-Orig-Content-Encoding") == "gzip"
        assert response.content_stream().read() == PAGE  # stored decoded, readable as is


def test_duplicate_payload_is_a_revisit_pointing_at_the_first(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="r") as store:
        first = store.record(exchange("https://a.example.org/x"))
        second = store.record(exchange("https://b.example.org/y"))
    assert second == first
    with open(tmp_path / first.warc_path, "rb") as fh:
        found = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                  r.rec_headers.get_header("WARC-Refers-To-Target-URI")) for r in ArchiveIterator(fh)]
        fh.seek(0)
        digests = {r.rec_type: r.rec_headers.get_header("WARC-Payload-Digest") for r in ArchiveIterator(fh)}
    assert digests["revisit"] == digests["response"]  # replay tools match revisits by digest
    assert ("revisit", "https://b.example.org/y", "https://a.example.org/x") in found
    assert [t for t, *_ in found].count("response") == 1
    assert [t for t, *_ in found].count("request") == 2  # every fetch is held


def test_known_digest_from_an_earlier_run_is_reused(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="run-1") as store:
        earlier = store.record(exchange())
    stored = {earlier.sha256: earlier}
    with EvidenceStore(tmp_path, run_label="run-2", known=stored.get) as store:
        again = store.record(exchange())
        fresh = store.record(exchange(body=b"<p>changed</p>"))
    assert again == earlier and fresh.warc_path == "run-2-00000.warc.gz"
    kinds = [t for t, _ in records(tmp_path / "run-2-00000.warc.gz")]
    assert kinds == ["warcinfo", "revisit", "request", "response", "request"]


def test_known_ref_whose_file_is_gone_is_written_again(tmp_path: Path) -> None:
    import hashlib

    missing = EvidenceRef("gone.warc.gz", 0, 10, hashlib.sha256(PAGE).hexdigest())
    with EvidenceStore(tmp_path, run_label="r", known=lambda _sha: missing) as store:
        ref = store.record(exchange())
    assert ref.warc_path == "r-00000.warc.gz" and read_record(tmp_path, ref).body == PAGE


def test_empty_bodies_are_not_deduplicated(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="r") as store:
        a = store.record(exchange("https://e.org/1", body=b"", status=301, reason="Moved"))
        b = store.record(exchange("https://e.org/2", body=b"", status=302, reason="Found"))
    assert a != b and read_record(tmp_path, b).status == 302


def test_read_record_checks_the_bytes(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="r") as store:
        ref = store.record(exchange())
    with pytest.raises(EvidenceError, match="does not hold the expected bytes"):
        read_record(tmp_path, EvidenceRef(ref.warc_path, ref.offset, ref.length, "0" * 64))
    with pytest.raises(EvidenceError, match="cannot be read"):
        read_record(tmp_path, EvidenceRef("nope.warc.gz", 0, 1, ref.sha256))
    with pytest.raises(EvidenceError, match="damaged"):
        read_record(tmp_path, EvidenceRef(ref.warc_path, ref.offset + 3, ref.length, ref.sha256))



def test_bytes_read_as_an_old_arc_record_are_damaged(tmp_path: Path) -> None:
    """warcio reads bytes that are no WARC record as an ARC one when it can (a wrong offset
    lands in compressed data about 2% of the time): never a response to use."""
    arc_like = b"http://e.org/a 10.0.0.1 20200101000000 text/html 5\nhello\n"
    (tmp_path / "odd.warc.gz").write_bytes(arc_like)
    with pytest.raises(EvidenceError, match="damaged"):
        read_record(tmp_path, EvidenceRef("odd.warc.gz", 0, len(arc_like), "0" * 64))

def test_concurrent_writers(tmp_path: Path) -> None:
    refs: list[EvidenceRef] = []
    lock = threading.Lock()
    with EvidenceStore(tmp_path, run_label="r") as store:
        def work(worker: int) -> None:
            for i in range(25):
                ref = store.record(exchange(f"https://e.org/{worker}/{i}", body=f"page {worker} {i}".encode() * 50))
                with lock:
                    refs.append(ref)

        threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len({(r.offset, r.warc_path) for r in refs}) == 200
    for ref in refs:
        assert read_record(tmp_path, ref).body.startswith(b"page ")
    assert sum(1 for t, _ in records(tmp_path / "r-00000.warc.gz") if t == "response") == 200


def test_files_roll_over(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path, run_label="r", max_file_size=2000) as store:
        refs = [store.record(exchange(f"https://e.org/{i}", body=bytes(range(256)) * 10 + bytes([i])))
                for i in range(4)]
    assert len({r.warc_path for r in refs}) > 1
    for ref in refs:
        read_record(tmp_path, ref)


def test_a_run_of_fetches_all_in_the_warc(web: FixtureWeb, tmp_path: Path) -> None:
    """Every fetch of a run, retries and redirects included, is in files warcio reads."""
    from fixtureweb import Reply

    urls = [web.page(f"/story/{i}", f"<html><title>Story {i}</title><p>text {i}</p></html>") for i in range(5)]
    urls.append(web.sequence("/flaky/1", [Reply(503, "busy"), Reply(200, "<p>back</p>")]))
    urls.append(web.redirect("/old/1", "/story/0"))
    urls.append(web.page("/gz/1", gzip.compress(PAGE), headers={"Content-Encoding": "gzip"}))
    store = EvidenceStore(tmp_path, run_label="run-9")
    fetcher = Fetcher(Settings(allow_private_hosts=True), evidence=store, sleep=lambda _s: None)
    fetches = [fetcher.fetch(u) for u in urls]
    store.close()
    seen: list[tuple[str, str | None]] = []
    for path in sorted(tmp_path.glob("*.warc.gz")):
        seen += records(path)
    requests_made = [r for r in web.requests]
    assert sum(1 for t, _ in seen if t == "request") == len(requests_made)
    assert sum(1 for t, _ in seen if t in ("response", "revisit")) == len(requests_made)
    for fetch in fetches:
        assert fetch.evidence is not None and fetch.body is not None
        status, headers, body = read_record(tmp_path, fetch.evidence)
        assert body == fetch.body
        content_type = next((v for k, v in headers if k.lower() == "content-type"), None)
        assert page_text(body, content_type) == page_text(fetch.body, fetch.content_type)


def test_payloads_a_killed_run_wrote_but_never_recorded_are_found(tmp_path: Path) -> None:
    """A run killed between writing a record and recording its fetch leaves the record; the
    run finishing its work keeps the same page as a revisit of it, not a second copy."""
    from verifier.evidence import unrecorded_payloads

    archive = tmp_path / "archive"
    with EvidenceStore(archive, run_label="run3") as store:
        first = store.record(exchange(body=PAGE))
        cut = store.record(exchange(url="https://news.example.org/b", body=b"other page"))
    with EvidenceStore(archive, run_label="run12") as other:  # not a run asked about
        other.record(exchange(body=b"third page"))
    path = archive / first.warc_path
    path.write_bytes(path.read_bytes()[:cut.offset + cut.length // 2])  # the kill cut it short
    found = unrecorded_payloads(archive, ["run3", "run1"])
    assert list(found) == [first.sha256]
    assert found[first.sha256] == first
    with EvidenceStore(archive, run_label="run4", known=found.get) as resumed:
        assert resumed.record(exchange(url="https://news.example.org/c")) == first
    assert [t for t, _ in records(archive / "run4-00000.warc.gz")] == ["warcinfo", "revisit",
                                                                        "request"]


def test_a_response_closing_a_killed_runs_file_is_found(tmp_path: Path) -> None:
    """The last record of a WARC file has no next record to end it: it is whole when the
    file ends right after it, so a response written last is found too."""
    from verifier.evidence import unrecorded_payloads

    archive = tmp_path / "archive"
    with EvidenceStore(archive, run_label="run5") as store:
        first = store.record(exchange(body=PAGE))
    path = archive / first.warc_path
    data = path.read_bytes()
    path.write_bytes(data[:first.offset + first.length])  # the kill came before its request
    found = unrecorded_payloads(archive, ["run5"])
    assert found == {first.sha256: first}
