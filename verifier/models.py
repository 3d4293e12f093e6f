"""The plain, typed records that flow one way through the pipeline's stages.

documents -> Document; citations/quotes -> Citation, Quote; fetching -> Fetch;
archiving -> Snapshot, ArchiveInfo, SaveJob; matching -> Match, Verdict; store keeps them all.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime

from .status import LinkStatus, QuoteStatus


@dataclass(frozen=True)
class Link:
    """A URL that markup (HTML, Markdown) attaches to a span of the document's text."""

    url: str
    start: int
    end: int
    kind: str  # "a", "markdown", "reference", "autolink", "cite" (blockquote/q cite=)


@dataclass(frozen=True)
class MarkedQuote:
    """A span the markup itself declares a quotation (<blockquote>, <q>)."""

    start: int
    end: int
    cite: str | None = None
    attribution: str | None = None  # "— Name" line, <footer> or <cite> inside a blockquote
    block: bool = False  # a <blockquote> (or Markdown "> ..."), not an inline <q>


@dataclass(frozen=True)
class Footnote:
    """A footnote body found structurally (HTML footnote list, Markdown [^n]: ...)."""

    marker: str
    text: str
    start: int
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoteRef:
    """A footnote marker in the running text (`past.1`, `[^1]`, `<sup>1</sup>`)."""

    marker: str
    start: int
    end: int


@dataclass
class Document:
    """One input document, reduced to clean text plus what its markup said."""

    source: str  # absolute path, or the URL for an article given as a URL
    name: str  # file name (the URL for an article)
    format: str  # "txt", "md", "html", "pdf"
    sha256: str  # of the raw bytes
    text: str  # clean text; every offset below refers to it
    title: str = ""
    date: date | None = None
    date_source: str = ""  # "meta", "pdf-info", "text", "mtime", "http"
    # (offset in text, original line number, page) at the start of each original line
    line_map: list[tuple[int, int, int | None]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    marked_quotes: list[MarkedQuote] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    note_refs: list[NoteRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # HTML and Markdown tables: each row's cells as (start, end) offsets in text
    table_rows: list[list[tuple[int, int]]] = field(default_factory=list)

    def locate(self, offset: int) -> tuple[int, int | None]:
        """The original (line, page) of a text offset."""
        if not self.line_map:
            return self.text.count("\n", 0, offset) + 1, None
        i = bisect.bisect_right(self.line_map, (offset, float("inf"), float("inf"))) - 1
        _, line, page = self.line_map[max(i, 0)]
        return line, page


@dataclass
class Citation:
    """A source a document cites: a URL (inline or in a footnote) or a named outlet."""

    kind: str  # "link", "footnote", "named_source"
    offset: int
    line: int
    page: int | None = None
    context: str = ""
    url: str | None = None  # as written, trailing punctuation removed
    normalized_url: str | None = None  # for de-duplication and fetching
    marker: str | None = None  # footnote number
    outlet: str | None = None  # named sources
    cited_date: date | None = None  # a date the citation itself states


@dataclass
class Quote:
    """An attributed quotation, editorial marks kept exactly as written."""

    text: str
    offset: int
    line: int
    page: int | None = None
    speaker: str | None = None
    context: str = ""
    citations: list[int] = field(default_factory=list)  # indexes into Extraction.citations


@dataclass
class Extraction:
    """Everything extraction found in one document."""

    document: Document
    citations: list[Citation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # scare quotes and quoted labels, not verified

    def urls(self) -> list[str]:
        """The distinct normalized URLs this document cites, in order of first citation."""
        seen: dict[str, None] = {}
        for c in self.citations:
            if c.normalized_url:
                seen.setdefault(c.normalized_url, None)
        return list(seen)


@dataclass(frozen=True)
class Attempt:
    """One try at fetching a URL, kept so a reader can see why a link got its status."""

    at: datetime
    outcome: str  # "200", "503", "timeout", "connection refused", ...
    elapsed: float
    waited: float = 0.0  # backoff slept before this attempt


@dataclass(frozen=True)
class Hop:
    """One redirect in a chain."""

    url: str
    status: int
    location: str


@dataclass(frozen=True)
class EvidenceRef:
    """Where the exact bytes of a response are kept: one WARC record."""

    warc_path: str  # relative to the archive directory
    offset: int
    length: int
    sha256: str  # of the (decoded) payload


@dataclass
class PageText:
    """The readable text of a fetched page or document, ready for matching."""

    text: str
    language: str | None = None
    title: str = ""
    kind: str = "html"  # "html", "text", "pdf", "docx", "odt"


@dataclass
class Fetch:
    """The outcome of fetching one URL (live page or raw Wayback snapshot)."""

    url: str
    link_status: LinkStatus
    reason: str
    fetched_at: datetime
    http_status: int | None = None
    final_url: str | None = None
    redirects: list[Hop] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    sha256: str | None = None
    size: int = 0
    truncated: bool = False
    evidence: EvidenceRef | None = None
    page: PageText | None = None
    not_modified: bool = False  # a 304 answered a conditional request: previous copy reused
    body: bytes | None = field(default=None, repr=False, compare=False)  # transient, never stored


def full_timestamp(timestamp: str) -> str:
    """A Wayback timestamp completed to 14 digits the way the Wayback reads a short one
    ("2012" is 2012-01-01 00:00:00: month and day pad with 01, never 00)."""
    digits = timestamp[:14]
    padded = digits + "0101000000"[max(0, len(digits) - 4):]
    return padded if len(digits) >= 4 else digits


def names_a_capture(url: str | None) -> bool:
    """Whether a cited URL is a Wayback capture's address (web.archive.org/web/<ts>/<url>);
    the Wayback client, and waybackpy with it, is imported only for an Archive address."""
    if not url or "archive.org/" not in url.lower():
        return False
    from .net.waybackurls import cited_memento

    return cited_memento(url) is not None


def timestamp_datetime(timestamp: str) -> datetime:
    """The naive UTC datetime of a Wayback timestamp (short ones completed); ValueError for
    one that names no real time (the index holds a few with month 00)."""
    return datetime.strptime(full_timestamp(timestamp), "%Y%m%d%H%M%S")


@dataclass(frozen=True)
class Snapshot:
    """One Wayback Machine capture of a URL."""

    url: str  # the original URL as the archive recorded it
    timestamp: str  # 14 digits, UTC
    archive_url: str  # canonical https://web.archive.org/web/<ts>/<url>
    status_code: int | None = 200
    digest: str | None = None
    mimetype: str | None = None

    @property
    def captured_at(self) -> datetime:
        return timestamp_datetime(self.timestamp)


@dataclass
class ArchiveInfo:
    """What the Wayback Machine holds for one URL, as far as this run asked."""

    url: str
    closest: Snapshot | None = None  # nearest the citation date (before preferred)
    newest: Snapshot | None = None
    error: str | None = None
    queued: bool = False  # not asked this run (budget or breaker): the next run asks first


@dataclass
class SaveJob:
    """One Save Page Now request, plain enough to persist and resume in a later run."""

    url: str
    job_id: str | None = None  # Save Page Now 2 job; None for anonymous saves and queued ones
    submitted_at: datetime | None = None  # UTC; None: queued, not yet submitted
    status: str = "pending"  # "pending", "success", "error"
    archive_url: str | None = None
    timestamp: str | None = None  # 14 digits, of the capture
    error: str | None = None
    method: str = ""  # "spn2" or "anonymous"; "" while only queued
    attempts: int = 0  # submissions so far (a job is retried a few times, then given up)


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level diff of quote against passage."""

    op: str  # "equal", "removed" (in the quote, not the source), "added" (in the source only)
    text: str


@dataclass
class Match:
    """How well a quote's text occurs in one page's text."""

    status: QuoteStatus  # VERIFIED, PARTIAL or NOT_FOUND
    score: float  # 0..1
    start: int | None = None  # span of the best passage in the page text
    end: int | None = None
    diff: list[DiffOp] = field(default_factory=list)


@dataclass
class Verdict:
    """A quote checked against one copy of one cited source."""

    url: str | None
    status: QuoteStatus
    score: float = 0.0
    evidence: str = ""  # the passage with some context
    highlight: tuple[int, int] | None = None  # matched span inside `evidence`
    evidence_offset: int | None = None  # where `evidence` starts in the page text
    diff: list[DiffOp] = field(default_factory=list)
    against: str | None = None  # "live" or "snapshot"
    sha256: str | None = None  # of the copy checked
    snapshot: Snapshot | None = None
    live_had_quote: bool | None = None
    note: str = ""  # a plain-language reason
    checked_at: datetime | None = None
