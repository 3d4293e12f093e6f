"""Evidence copies: every fetched response kept exactly, as WARC records (warcio).

One gzip member per record, so a record is read back from its (file, offset, length)
alone. warcio builds each record; we frame it as its gzip member ourselves, at a lower
compression level than warcio's fixed 9, which cost most of a record's CPU time for
files about 7% smaller. Bodies are stored content-decoded (as matched); the original
Content-Encoding and Transfer-Encoding headers are kept renamed X-Archive-Orig-*, as pywb does. A payload seen
before (this run, or an earlier one through `known`) is not stored again: a revisit record
notes the fetch, and the ref points at the record that holds the bytes.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import io
import re
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, NamedTuple

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from . import __version__
from .errors import StorageError, VerifierError
from .models import EvidenceRef

MAX_FILE_SIZE = 1_000_000_000  # WARC files roll over at about 1 GB, the usual convention
GZIP_LEVEL = 1  # on news pages: 4x faster than level 9 (0.3 ms for 35 KB), output 15% larger
_HOP_BY_HOP = ("content-encoding", "transfer-encoding", "content-length")
_REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"


class EvidenceError(VerifierError):
    """An evidence record is missing, unreadable, or does not hold the bytes it should."""


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its response, as the Fetcher saw them."""

    url: str
    request_headers: Sequence[tuple[str, str]]
    status: int
    reason: str
    response_headers: Sequence[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    http_version: str = "HTTP/1.1"
    truncated: str | None = None  # WARC-Truncated: "length" (size cap) or "time" (deadline)
    peer: str | None = None  # the address the response came from
    payload_sha256: str | None = None  # of body, when the caller computed it already

    def digest(self) -> str:
        return self.payload_sha256 or hashlib.sha256(self.body).hexdigest()


class Earlier(NamedTuple):
    """A record already holding a payload: where, and the exchange it came from."""

    ref: EvidenceRef
    uri: str
    date: str  # WARC-Date of that record


class StoredResponse(NamedTuple):
    """A response read back from its record: unpacks as (status, headers, body)."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)


class EvidenceStore:
    """Thread-safe WARC writer for one run: `<run_label>-NNNNN.warc.gz` in archive_dir."""

    def __init__(self, archive_dir: Path, *, run_label: str,
                 known: Callable[[str], EvidenceRef | None] | None = None,
                 max_file_size: int = MAX_FILE_SIZE) -> None:
        self.archive_dir = Path(archive_dir)
        self._label = re.sub(r"[^A-Za-z0-9._-]+", "_", run_label) or "run"
        self._known = known
        self._max_file_size = max_file_size
        self._lock = threading.Lock()
        self._by_digest: dict[str, Earlier] = {}
        self._file: IO[bytes] | None = None
        self._file_name = ""
        self._file_number = 0

    @property
    def label(self) -> str:
        """The run's part of the WARC file names."""
        return self._label

    def record(self, exchange: Exchange) -> EvidenceRef:
        """Write the exchange and return where its payload is kept."""
        sha256 = exchange.digest()
        earlier = self.lookup(sha256) if exchange.body else None
        if earlier is not None:
            return self.record_revisit(exchange, earlier)
        ref = self.record_response(exchange)
        self.remember(ref, exchange)
        return ref

    def lookup(self, sha256: str) -> Earlier | None:
        """The record already holding this payload (this run's, or an earlier run's through
        `known` while its file is still there), or None."""
        with self._lock:
            found = self._by_digest.get(sha256)
        if found is not None or self._known is None:
            return found
        ref = self._known(sha256)
        if ref is None or not (self.archive_dir / ref.warc_path).is_file():
            return None
        try:
            uri, date = _record_origin(self.archive_dir, ref)
        except EvidenceError:
            return None
        with self._lock:
            return self._by_digest.setdefault(sha256, Earlier(ref, uri, date))

    def record_response(self, exchange: Exchange) -> EvidenceRef:
        """Write the exchange as a full response record, whether or not its payload is known:
        for the caller that decides de-duplication itself (see `remember`)."""
        return self._write(*self._response(exchange), exchange.digest())

    def record_revisit(self, exchange: Exchange, earlier: Earlier) -> EvidenceRef:
        """Write the exchange as a revisit of `earlier`; its payload stays where it is."""
        self._write(*self._revisit(exchange, earlier.ref, earlier.uri, earlier.date),
                    earlier.ref.sha256)
        return earlier.ref

    def remember(self, ref: EvidenceRef, exchange: Exchange) -> None:
        """Note that `ref` (written here, or by another writer of this run) holds the
        exchange's payload, so later copies of it become revisits."""
        with self._lock:
            self._by_digest.setdefault(ref.sha256, Earlier(ref, exchange.url,
                                                           _warc_date(exchange.fetched_at)))

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def __enter__(self) -> EvidenceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------------
    def _response(self, exchange: Exchange) -> tuple[bytes, bytes]:
        """A response record and its request record, each a gzip member."""
        writer = WARCWriter(None, gzip=False)
        headers = [(k, v) for k, v in exchange.response_headers if k.lower() not in _HOP_BY_HOP]
        headers += [(f"X-Archive-Orig-{k}", v) for k, v in exchange.response_headers
                    if k.lower() in _HOP_BY_HOP[:2]]
        headers.append(("Content-Length", str(len(exchange.body))))
        http = StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(), headers,
                                protocol=exchange.http_version)
        warc_headers = _warc_headers(exchange)
        response = writer.create_warc_record(exchange.url, "response", payload=io.BytesIO(exchange.body),
                                             length=len(exchange.body), http_headers=http,
                                             warc_headers_dict=warc_headers)
        return _serialize(writer, response), self._request(writer, exchange, response)

    def _revisit(self, exchange: Exchange, ref: EvidenceRef, uri: str, date: str) -> tuple[bytes, bytes]:
        writer = WARCWriter(None, gzip=False)
        http = StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(),
                                list(exchange.response_headers), protocol=exchange.http_version)
        warc_headers = _warc_headers(exchange)
        warc_headers["WARC-Verifier-Payload-Record"] = f"{ref.warc_path} {ref.offset} {ref.length}"
        digest = "sha1:" + base64.b32encode(hashlib.sha1(exchange.body).digest()).decode("ascii")
        revisit = writer.create_revisit_record(exchange.url, digest, uri, date,
                                               http_headers=http, warc_headers_dict=warc_headers)
        revisit.rec_headers.replace_header("WARC-Profile", _REVISIT_PROFILE)
        return _serialize(writer, revisit), self._request(writer, exchange, revisit)

    @staticmethod
    def _request(writer: WARCWriter, exchange: Exchange, concurrent: Any) -> bytes:
        path = _request_path(exchange.url)
        http = StatusAndHeaders(f"GET {path} {exchange.http_version}", list(exchange.request_headers),
                                is_http_request=True)
        request = writer.create_warc_record(exchange.url, "request", http_headers=http, warc_headers_dict={
            "WARC-Date": _warc_date(exchange.fetched_at),
            "WARC-Concurrent-To": concurrent.rec_headers.get_header("WARC-Record-ID")})
        return _serialize(writer, request)

    def _write(self, first: bytes, request: bytes, sha256: str) -> EvidenceRef:
        """Append both records; the ref covers the first (the response or revisit)."""
        with self._lock:
            try:
                handle = self._open()
            except OSError as exc:
                raise self._cannot_write(exc) from None
            offset = handle.tell()
            try:
                handle.write(first + request)
                handle.flush()
            except OSError as exc:
                with contextlib.suppress(OSError):  # no half record for a later run to trip on
                    handle.truncate(offset)
                raise self._cannot_write(exc) from None
            return EvidenceRef(self._file_name, offset, len(first), sha256)

    def _cannot_write(self, exc: OSError) -> StorageError:
        return StorageError(f"cannot keep evidence in {self.archive_dir}: "
                            f"{exc.strerror or exc}")

    def _open(self) -> IO[bytes]:
        if self._file is not None and self._file.tell() < self._max_file_size:
            return self._file
        if self._file is not None:
            self._file.close()
            self._file_number += 1
        self.archive_dir.mkdir(parents=True, exist_ok=True)
        while True:
            name = f"{self._label}-{self._file_number:05d}.warc.gz"
            path = self.archive_dir / name
            if not path.exists() or path.stat().st_size < self._max_file_size:
                break
            self._file_number += 1
        self._file = open(path, "ab")  # noqa: SIM115  (kept open for the run)
        self._file_name = name
        if self._file.tell() == 0:
            writer = WARCWriter(None, gzip=False)
            info = writer.create_warcinfo_record(name, {
                "software": f"verifier/{__version__} (warcio)", "format": "WARC File Format 1.0",
                "description": "evidence copies of cited sources"})
            self._file.write(_serialize(writer, info))
        return self._file


def _warc_headers(exchange: Exchange) -> dict[str, str]:
    headers = {"WARC-Date": _warc_date(exchange.fetched_at)}
    if exchange.truncated:
        headers["WARC-Truncated"] = exchange.truncated
    if exchange.peer:
        headers["WARC-IP-Address"] = exchange.peer
    return headers


def _warc_date(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return str(datetime_to_iso_date(moment))


def _request_path(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _serialize(writer: WARCWriter, record: Any) -> bytes:
    """The record as one gzip member (warcio writes it uncompressed; we compress it)."""
    buffer = io.BytesIO()
    writer.out = buffer
    writer.write_record(record)
    return gzip.compress(buffer.getvalue(), compresslevel=GZIP_LEVEL, mtime=0)


# -- reading back ---------------------------------------------------------------------------

def _load(archive_dir: Path, ref: EvidenceRef) -> Any:
    path = Path(archive_dir) / ref.warc_path
    try:
        with open(path, "rb") as handle:
            handle.seek(ref.offset)
            data = handle.read(ref.length)
    except OSError as exc:
        raise EvidenceError(f"evidence file {path} cannot be read: {exc.strerror}") from None
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.format != "warc":
                # bytes that are no WARC record, which warcio's fallback read as an old ARC one
                raise ValueError(f"no WARC record there (read as {record.format})")
            record.verifier_body = record.content_stream().read()  # before the stream moves on
            return record
    except Exception as exc:  # warcio raises several kinds on damaged data
        raise EvidenceError(f"evidence record {ref.warc_path}@{ref.offset} is damaged ({exc})") from None
    raise EvidenceError(f"no evidence record at {ref.warc_path}@{ref.offset}")


def _record_origin(archive_dir: Path, ref: EvidenceRef) -> tuple[str, str]:
    record = _load(archive_dir, ref)
    return (record.rec_headers.get_header("WARC-Target-URI") or "",
            record.rec_headers.get_header("WARC-Date") or "")


def unrecorded_payloads(archive_dir: Path, labels: Iterable[str]) -> dict[str, EvidenceRef]:
    """The payloads of the response records in the WARC files of the runs labelled `labels`,
    by sha256: for the runs killed since the last one completed, whose last fetches may be
    written but never recorded, so the run finishing their work keeps such a page as a
    revisit of that copy, not a second one. A record cut short by the kill is cut off the
    file (see mend_torn_tail)."""
    found: dict[str, EvidenceRef] = {}
    for label in labels:
        for path in sorted(Path(archive_dir).glob(f"{label}-*.warc.gz")):
            mend_torn_tail(path)
            for offset, length, record_type, body in _members(path):
                if record_type == "response":
                    sha256 = hashlib.sha256(body).hexdigest()
                    found.setdefault(sha256, EvidenceRef(path.name, offset, length, sha256))
    return found


def mend_torn_tail(path: Path) -> bool:
    """Cut a WARC file of a dead run back to the end of its last whole record (gzip member):
    a run killed while appending one leaves its first part, on which zcat, warcio and replay
    tools stop reading the file. Whether anything was cut."""
    try:
        size = path.stat().st_size
        end = _whole_members_end(path)
        if end < size:
            with open(path, "r+b") as handle:
                handle.truncate(end)
            return True
    except OSError:  # a read-only archive: left as it is, readers stop where they stopped
        pass
    return False


def _whole_members_end(path: Path) -> int:
    """The offset just after the last gzip member that ends within the file."""
    end = position = 0
    member = zlib.decompressobj(31)
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            while chunk:
                try:
                    member.decompress(chunk)  # the output is not wanted, only where it ends
                except zlib.error:
                    return end
                if not member.eof:
                    position += len(chunk)
                    break
                position += len(chunk) - len(member.unused_data)
                end, chunk = position, member.unused_data
                member = zlib.decompressobj(31)
    return end


def _members(path: Path) -> Iterator[tuple[int, int, str, bytes]]:
    """(offset, length, type, payload) of each whole record of a WARC file, in order; a
    record is whole when the next one begins after it, or when the file ends right after it."""
    pending: tuple[int, str, bytes] | None = None
    try:
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                body = record.content_stream().read()  # first: asking the offset spoils it
                offset = records.get_record_offset()
                if pending is not None:
                    yield pending[0], offset - pending[0], pending[1], pending[2]
                pending = (offset, record.rec_type, body)
            end = handle.tell()
    except Exception:  # noqa: BLE001  (warcio raises several kinds on a record cut short)
        return
    if pending is not None:
        yield pending[0], end - pending[0], pending[1], pending[2]


def read_record(archive_dir: Path, ref: EvidenceRef) -> StoredResponse:
    """The status, headers and body kept in a response record; the body is checked against ref."""
    record = _load(archive_dir, ref)
    if record.rec_type != "response" or record.http_headers is None:
        raise EvidenceError(f"{ref.warc_path}@{ref.offset} is a {record.rec_type} record, not a response")
    body: bytes = record.verifier_body
    if hashlib.sha256(body).hexdigest() != ref.sha256:
        raise EvidenceError(f"evidence record {ref.warc_path}@{ref.offset} does not hold the expected bytes")
    status = int(record.http_headers.get_statuscode() or 0)
    return StoredResponse(status, list(record.http_headers.headers), body)
