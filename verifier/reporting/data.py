"""The report's view model: plain dataclasses built from the database alone, never the network.

The report (report.py) and `verifier export` (replacement_rows) read the state of a run the same
way history.py does: a quote's verdict is its latest best check in or before the run, a link's
status its latest check in or before the run, so incremental runs report the whole corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..errors import ReportError
from ..history import Changes, counts_and_changes
from ..models import DiffOp
from ..status import LinkStatus, QuoteStatus
from ..store import Store
from ..storekeys import parse_iso
from .links import LinkView, SnapshotView, closest_snapshot, link_views, loads
from .quotehistory import VerdictChange, attach_history, attach_previous_verdicts

# Links an editor must replace; `verifier export` emits the same rows as CSV.
REPLACEMENT_STATUSES = (LinkStatus.DEAD, LinkStatus.SOFT_404, LinkStatus.BLOCKED)
PROVENANCE_STATUSES = (QuoteStatus.VERIFIED, QuoteStatus.VERIFIED_ARCHIVE)

# (setting name, label) of the settings a reader needs to judge a run, in display order.
SHOWN_SETTINGS = (
    ("concurrency", "Concurrency"), ("per_host", "Per host"), ("timeout", "Read timeout (s)"),
    ("deadline", "Deadline per URL (s)"), ("retries", "Retries"),
    ("wayback_url", "Wayback Machine"), ("no_wayback", "Internet Archive calls"),
    ("save", "Save Page Now"), ("partial_threshold", "Partial-match threshold"),
    ("full", "Full re-check"), ("dead_after_checks", "Failed checks before confirmed dead"),
    ("dead_after_days", "Days before confirmed dead"),
)


@dataclass
class CopyView:
    """The copy of a source a verdict was made against."""

    kind: str  # "live", "snapshot" or "none"
    url: str
    fetch_id: int | None = None
    fetched_at: datetime | None = None
    sha256: str | None = None
    snapshot: SnapshotView | None = None


@dataclass
class VerdictView:
    url: str
    status: QuoteStatus
    score: float
    run_id: int
    checked_at: datetime | None
    evidence_before: str = ""
    evidence_match: str = ""
    evidence_after: str = ""
    diff: list[DiffOp] = field(default_factory=list)
    note: str = ""
    copy: CopyView | None = None


@dataclass
class SourceView:
    citation_id: int
    url: str | None  # the URL as written
    label: str  # what the reader sees: the URL, or the outlet of a named source
    normalized_url: str | None = None
    verdict: QuoteStatus | None = None  # this URL's own verdict, when the quote cites several
    decided: bool = False  # the URL whose verdict is the quote's


@dataclass
class QuoteView:
    id: int
    key: str
    text: str
    speaker: str | None
    line: int | None
    page: int | None
    sources: list[SourceView] = field(default_factory=list)
    best: VerdictView | None = None
    others: list[VerdictView] = field(default_factory=list)  # the other cited URLs' verdicts
    history: list[VerdictChange] = field(default_factory=list)  # when its verdict changed
    earlier_changes: int = 0  # changes before those in `history`, not shown
    before: QuoteStatus | None = None  # its verdict as of the previous completed run

    @property
    def status(self) -> QuoteStatus | None:
        return self.best.status if self.best else None

    @property
    def changed(self) -> bool:
        """Whether its verdict differs from the previous run's (a new quote has not changed)."""
        return self.before is not None and self.status is not None and self.before != self.status


@dataclass
class CitationView:
    id: int
    kind: str  # "link", "footnote", "named_source"
    url: str | None
    normalized_url: str | None
    marker: str | None
    outlet: str | None
    cited_date: date | None
    line: int | None
    page: int | None
    context: str
    link: LinkView | None = None
    closest: SnapshotView | None = None
    closest_label: str = ""  # how the closest capture relates to the date the document cites


@dataclass
class DocumentView:
    id: int
    name: str
    source: str
    title: str
    date: date | None
    format: str
    quotes: list[QuoteView] = field(default_factory=list)
    citations: list[CitationView] = field(default_factory=list)

    @property
    def verified_quotes(self) -> int:
        return sum(1 for q in self.quotes if q.status in PROVENANCE_STATUSES)

    @property
    def provenance(self) -> float | None:
        """Share of quotes verified live or in an archive; None for a document without quotes."""
        return self.verified_quotes / len(self.quotes) if self.quotes else None


@dataclass
class Replacement:
    """A citation of a dead, soft-404 or blocked link and the archived copy that best replaces it."""

    document: DocumentView
    citation: CitationView
    link: LinkView
    snapshot: SnapshotView | None
    note: str  # how the snapshot was chosen

    def as_row(self) -> dict[str, Any]:
        c = self.citation
        return {
            "document": self.document.name, "document_path": self.document.source,
            "line": c.line, "page": c.page, "url": c.url or c.normalized_url,
            "link_status": str(self.link.status), "reason": self.link.reason,
            "http_status": self.link.http_status, "confirmed": self.link.confirmed,
            "replacement_url": self.snapshot.archive_url if self.snapshot else None,
            "replacement_timestamp": self.snapshot.timestamp if self.snapshot else None,
            "replacement_note": self.note,
        }


@dataclass
class RunView:
    id: int
    started_at: datetime | None
    finished_at: datetime | None
    duration: float | None
    status: str
    version: str
    host: str
    inputs: list[str]
    settings: list[tuple[str, str]]
    warnings: list[str]
    exit_status: int | None


@dataclass
class EvidenceSource:
    """A fetched copy whose exact bytes are in the WARC store; report.py makes it readable."""

    sha256: str
    fetch_id: int


@dataclass
class ReportData:
    run: RunView
    previous_run: int | None
    counts: dict[str, dict[str, int]]
    changes: Changes
    documents: list[DocumentView]
    replacements: list[Replacement]
    evidence: list[EvidenceSource]
    quote_anchor: dict[str, int]  # quote key -> quote id shown in this report
    quote_before: dict[str, QuoteStatus]  # quote key -> its verdict in the previous run
    link_anchor: dict[str, int]  # normalized URL -> first citation id citing it
    link_snapshots: dict[str, SnapshotView | None]  # normalized URL -> newest known capture

    @property
    def unchecked_quotes(self) -> int:
        """Quotes with no verdict yet: their run was interrupted before checking them."""
        return sum(1 for d in self.documents for q in d.quotes if q.best is None)

    @property
    def changed_quotes(self) -> list[QuoteView]:
        """The quotes whose verdict differs from the previous run's, in document order."""
        return [q for d in self.documents for q in d.quotes if q.changed]


# -- building --------------------------------------------------------------------------------

def build_report_data(store: Store, run_id: int,
                      counted: tuple[dict[str, dict[str, int]], Changes] | None = None
                      ) -> ReportData:
    """Everything the report of one run shows, read from the database (`counted`: the run's
    counts and changes, when the caller has them already)."""
    run = run_view(store, run_id)
    documents = _documents(store, run_id)
    links = link_views(store, run_id)
    _attach_citations(store, run_id, documents, links)
    _attach_quotes(store, run_id, documents)
    evidence = _evidence_sources(documents, links)
    counts, changes = counted or counts_and_changes(store, run_id)
    previous_run = store.previous_run(run_id)
    attach_previous_verdicts(store, previous_run, (q for d in documents for q in d.quotes))
    link_anchor: dict[str, int] = {}
    quote_anchor: dict[str, int] = {}
    for doc in documents:
        for c in doc.citations:
            if c.normalized_url:
                link_anchor.setdefault(c.normalized_url, c.id)
        for q in doc.quotes:
            quote_anchor[q.key] = q.id
    return ReportData(
        run=run, previous_run=previous_run,
        counts=counts, changes=changes,
        documents=documents, replacements=_replacements(documents), evidence=evidence,
        quote_anchor=quote_anchor, link_anchor=link_anchor,
        quote_before={q.key: q.before for d in documents for q in d.quotes if q.before},
        link_snapshots={url: link.newest for url, link in links.items()})


def replacement_rows(store: Store, run_id: int) -> list[dict[str, Any]]:
    """Each citation of a dead, soft-404 or blocked link with its best archive replacement.

    Keys (stable, also the CSV columns of `verifier export`): document, document_path, line,
    page, url, link_status, reason, http_status, confirmed, replacement_url,
    replacement_timestamp, replacement_note.
    """
    documents = _documents(store, run_id)
    _attach_citations(store, run_id, documents, link_views(store, run_id))
    return [r.as_row() for r in _replacements(documents)]


def _replacements(documents: Iterable[DocumentView]) -> list[Replacement]:
    found = []
    for doc in documents:
        for c in doc.citations:
            link = c.link
            if link is None or link.status not in REPLACEMENT_STATUSES:
                continue
            best = c.closest or link.newest
            note = c.closest_label if c.closest else ("newest capture" if best else "no capture known")
            found.append(Replacement(document=doc, citation=c, link=link, snapshot=best, note=note))
    return found


def run_view(store: Store, run_id: int) -> RunView:
    found = list(store.rows("select * from runs where id=?", [run_id]))
    if not found:
        raise ReportError(f"no run {run_id} in {store.path}")
    r = found[0]
    settings = loads(r["settings"], {})
    return RunView(
        id=run_id, started_at=parse_iso(r["started_at"]), finished_at=parse_iso(r["finished_at"]),
        duration=r["duration"], status=r["status"] or "", version=r["version"] or "",
        host=r["host"] or "", inputs=[str(i) for i in loads(r["inputs"], [])],
        settings=_shown_settings(settings if isinstance(settings, dict) else {}),
        warnings=[str(w) for w in loads(r["warnings"], [])], exit_status=r["exit_status"])


def _shown_settings(settings: dict[str, Any]) -> list[tuple[str, str]]:
    shown = []
    for name, label in SHOWN_SETTINGS:
        if name not in settings:
            continue
        value = settings[name]
        if name == "wayback_url":
            text = str(value) if value else "the Internet Archive (web.archive.org)"
        elif name == "no_wayback":
            text = "none (disabled)" if value else "made"
        elif isinstance(value, bool):
            text = "yes" if value else "no"
        else:
            text = str(value)
        shown.append((label, text))
    return shown


def _documents(store: Store, run_id: int) -> list[DocumentView]:
    sql = """select d.id, d.name, d.source, d.title, d.date, d.format from run_documents rd
             join documents d on d.id = rd.document_id where rd.run_id = ?
             order by d.name, d.source"""
    return [DocumentView(id=r["id"], name=r["name"] or "", source=store.local_source(r["source"]),
                         title=r["title"] or "", date=_day(r["date"]), format=r["format"] or "")
            for r in store.rows(sql, [run_id])]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# -- citations and quotes --------------------------------------------------------------------

def _attach_citations(store: Store, run_id: int, documents: list[DocumentView],
                      links: dict[str, LinkView]) -> None:
    by_id = {d.id: d for d in documents}
    sql = """select c.* from run_documents rd join citations c
             on c.document_id = rd.document_id and c.doc_sha = rd.sha256
             where rd.run_id = ? order by c.document_id, c.idx"""
    for r in store.rows(sql, [run_id]):
        doc = by_id[r["document_id"]]
        cited = _day(r["cited_date"])
        link = links.get(r["normalized_url"]) if r["normalized_url"] else None
        closest, label = (None, "")
        if link is not None:
            closest, label = closest_snapshot(link.snapshots, cited or doc.date,
                                              "cited date" if cited else "document's date")
        doc.citations.append(CitationView(
            id=r["id"], kind=r["kind"] or "", url=r["url"], normalized_url=r["normalized_url"],
            marker=r["marker"], outlet=r["outlet"], cited_date=cited, line=r["line"],
            page=r["page"], context=r["context"] or "", link=link, closest=closest,
            closest_label=label))


def _attach_quotes(store: Store, run_id: int, documents: list[DocumentView]) -> None:
    by_id = {d.id: d for d in documents}
    citations = {c.id: c for d in documents for c in d.citations}
    quotes: dict[int, QuoteView] = {}
    sql = """select q.* from run_documents rd join quotes q
             on q.document_id = rd.document_id and q.doc_sha = rd.sha256
             where rd.run_id = ? order by q.document_id, q.idx"""
    for r in store.rows(sql, [run_id]):
        quote = QuoteView(id=r["id"], key=r["key"], text=r["text"] or "", speaker=r["speaker"],
                          line=r["line"], page=r["page"])
        quotes[quote.id] = quote
        by_id[r["document_id"]].quotes.append(quote)
    links_sql = """select qc.quote_id, qc.citation_id from quote_citations qc
                   join quotes q on q.id = qc.quote_id
                   join run_documents rd on rd.document_id = q.document_id and rd.sha256 = q.doc_sha
                   where rd.run_id = ? order by qc.quote_id, qc.citation_id"""
    for r in store.rows(links_sql, [run_id]):
        c = citations.get(r["citation_id"])
        if c is not None and r["quote_id"] in quotes:
            label = c.url or c.normalized_url or " ".join(
                filter(None, [c.outlet, c.cited_date.isoformat() if c.cited_date else None]))
            quotes[r["quote_id"]].sources.append(SourceView(c.id, c.url, label or c.context,
                                                            c.normalized_url))
    by_key = {q.key: q for q in quotes.values()}
    for check in _latest_checks(store, run_id):
        judged = by_key.get(check["key"])
        if judged is None:
            continue
        verdict = _verdict(check)
        if check["best"] and judged.best is None:
            judged.best = verdict
        else:
            judged.others.append(verdict)
    for quote in quotes.values():
        _mark_deciding_source(quote)
    attach_history(store, run_id, by_key)


def _mark_deciding_source(quote: QuoteView) -> None:
    """A quote checked against several URLs: each cited URL's own verdict, and which decided."""
    if quote.best is None or not quote.others:
        return
    verdicts = {v.url: v for v in [quote.best, *quote.others]}
    for source in quote.sources:
        verdict = verdicts.get(source.normalized_url or "") or verdicts.get(source.url or "")
        if verdict is not None:
            source.verdict = verdict.status
            source.decided = verdict is quote.best


def _latest_checks(store: Store, run_id: int) -> list[dict[str, Any]]:
    """Per quote of the run: every check of the latest run (<= run) that judged it, best first,
    each with the fetch and snapshot it was made against."""
    sql = """
        with run_quotes as (
            select q.key from run_documents rd join quotes q
                on q.document_id = rd.document_id and q.doc_sha = rd.sha256
            where rd.run_id = :run),
        latest as (
            select rq.key, (select max(c2.run_id) from checks c2 join quotes q2
                            on q2.id = c2.quote_id
                            where q2.key = rq.key and c2.best = 1 and c2.run_id <= :run) as run_id
            from run_quotes rq)
        select c.*, q.key as key,
               f.fetched_at as f_fetched_at, f.sha256 as f_sha256, f.kind as f_kind,
               s.timestamp as s_timestamp, s.archive_url as s_archive_url,
               s.status_code as s_status_code
        from latest l cross join quotes q cross join checks c
        left join fetches f on f.id = c.fetch_id
        left join snapshots s on s.id = c.snapshot_id
        where q.key = l.key and c.quote_id = q.id and c.run_id = l.run_id
        order by q.key, c.best desc, c.id"""
    # CROSS JOIN fixes SQLite's join order so checks are found by (quote_id, run_id), not scanned.
    return [dict(r) for r in store.db.query(sql, {"run": run_id})]


def _verdict(check: dict[str, Any]) -> VerdictView:
    evidence = check["evidence"] or ""
    before, match, after = split_highlight(evidence, check["highlight_start"], check["highlight_end"])
    diff = [DiffOp(op=str(d.get("op", "equal")), text=str(d.get("text", "")))
            for d in loads(check["diff"], []) if isinstance(d, dict)]
    snapshot = None
    if check["s_archive_url"]:
        snapshot = SnapshotView(timestamp=check["s_timestamp"], archive_url=check["s_archive_url"],
                                status_code=check["s_status_code"])
    against = check["against"] or ("snapshot" if snapshot else None)
    copy = None
    if against in ("live", "snapshot"):
        copy = CopyView(kind=against, url=check["url"] or "", fetch_id=check["fetch_id"],
                        fetched_at=parse_iso(check["f_fetched_at"]),
                        sha256=check["sha256"] or check["f_sha256"], snapshot=snapshot)
    return VerdictView(
        url=check["url"] or "", status=QuoteStatus(check["status"]),
        score=float(check["score"] or 0.0), run_id=check["run_id"],
        checked_at=parse_iso(check["checked_at"]), evidence_before=before,
        evidence_match=match, evidence_after=after, diff=diff, note=check["note"] or "",
        copy=copy)


def split_highlight(evidence: str, start: int | None, end: int | None) -> tuple[str, str, str]:
    """(before, matched, after) of an evidence passage; no match when the span is unusable."""
    if start is None or end is None or not 0 <= start < end <= len(evidence):
        return evidence, "", ""
    return evidence[:start], evidence[start:end], evidence[end:]


def _evidence_sources(documents: list[DocumentView],
                      links: dict[str, LinkView]) -> list[EvidenceSource]:
    """The fetched copies the report points at, one per distinct content digest."""
    found: dict[str, int] = {}
    for doc in documents:
        for q in doc.quotes:
            for v in ([q.best] if q.best else []) + q.others:
                if v.copy and v.copy.sha256 and v.copy.fetch_id is not None:
                    found.setdefault(v.copy.sha256, v.copy.fetch_id)
    for link in links.values():
        if link.sha256 and link.fetch_id is not None:
            found.setdefault(link.sha256, link.fetch_id)
    return [EvidenceSource(sha, fetch_id) for sha, fetch_id in sorted(found.items())]

