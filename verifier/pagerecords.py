"""Who writes the WARC record of each fetched page, so that a payload is stored once.

The process that reads a page's text (a work pool worker) already holds its bytes, so it
writes the page's response record too, to a WARC file of its own; the fetching process only
computes the digest. De-duplication by payload digest stays in one place, the run's thread:
a payload already kept (this run, or an earlier one) gets a revisit record written here; a new
one is written by the first fetch that brought it; later fetches of the same payload wait
for that record and then get their revisit.
"""

from __future__ import annotations

from .evidence import EvidenceStore, Exchange
from .models import EvidenceRef


class PageRecords:
    """The records of fetched pages under way, for the run's thread only (not thread-safe)."""

    def __init__(self, evidence: EvidenceStore) -> None:
        self.evidence = evidence
        self._unrecorded: dict[str, Exchange] = {}  # url -> the exchange still to record
        self._revisits: dict[str, EvidenceRef] = {}  # url -> its revisit, written at claim
        self._writer: dict[str, str] = {}  # digest -> the url whose reader writes the record
        self._parked: dict[str, list[str]] = {}  # digest -> urls read, waiting for that record

    def claim(self, url: str, exchange: Exchange) -> Exchange | None:
        """A page was fetched: the exchange its reader must write as a full record (a new
        payload), or None (a revisit, written here now, or later once the record exists)."""
        sha256 = exchange.digest()
        earlier = self.evidence.lookup(sha256)
        if earlier is not None:
            self._revisits[url] = self.evidence.record_revisit(exchange, earlier)
            return None
        self._unrecorded[url] = exchange
        if sha256 in self._writer:
            return None
        self._writer[sha256] = url
        return exchange

    def settle(self, url: str, written: EvidenceRef | None, *,
               current: EvidenceRef | None = None) -> list[tuple[str, EvidenceRef | None]]:
        """The page of `url` was read (its reader wrote `written`, when asked to): the fetches
        whose record is now known, each with its ref. `url` is among them unless it waits
        for another fetch's record; `current` is its ref when it had nothing to record."""
        revisit = self._revisits.pop(url, None)
        if revisit is not None:
            return [(url, revisit)]
        exchange = self._unrecorded.get(url)
        if exchange is None:
            return [(url, current)]
        sha256 = exchange.digest()
        if self._writer.get(sha256) != url:
            if sha256 in self._writer:  # the record is still being written
                self._parked.setdefault(sha256, []).append(url)
                return []
            return [(url, self._revisit(url, sha256))]
        del self._writer[sha256]
        del self._unrecorded[url]
        if written is None:  # the reader could not write it: write it here
            written = self.evidence.record(exchange)
        else:
            self.evidence.remember(written, exchange)
        settled: list[tuple[str, EvidenceRef | None]] = [(url, written)]
        settled += [(other, self._revisit(other, sha256)) for other in self._parked.pop(sha256, [])]
        return settled

    def pending(self, url: str) -> bool:
        """Whether the fetch of `url` still waits for its record."""
        return url in self._unrecorded

    def _revisit(self, url: str, sha256: str) -> EvidenceRef:
        exchange = self._unrecorded.pop(url)
        earlier = self.evidence.lookup(sha256)
        if earlier is None:  # the first record was lost (its file removed meanwhile)
            return self.evidence.record(exchange)
        return self.evidence.record_revisit(exchange, earlier)
