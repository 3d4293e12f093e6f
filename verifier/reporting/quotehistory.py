"""A quote's verdicts across runs, for the report: when its verdict changed, and what it was
in the previous completed run (so a reviewer finds at once what changed overnight)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..history import quote_states
from ..status import QuoteStatus
from ..store import Store
from ..storekeys import parse_iso, quote_words

if TYPE_CHECKING:
    from .data import QuoteView

@dataclass
class VerdictChange:
    """A quote's verdict from the check that first found it, until the next change."""

    status: QuoteStatus
    since: datetime | None
    run_id: int


SHOWN_CHANGES = 10  # a quote's latest verdict changes shown; older ones are counted


def attach_history(store: Store, run_id: int, by_key: dict[str, QuoteView]) -> None:
    """Each quote's verdicts up to the run, as changes: a quote whose verdict ever changed
    shows when it was what (edited out of its page and restored: both changes, dated)."""
    sql = """
        with run_quotes as (
            select q.key from run_documents rd join quotes q
                on q.document_id = rd.document_id and q.doc_sha = rd.sha256
            where rd.run_id = :run)
        select q.key, c.run_id, c.status, c.checked_at
        from run_quotes rq cross join quotes q cross join checks c
        where q.key = rq.key and c.quote_id = q.id and c.best = 1 and c.run_id <= :run
        order by q.key, c.run_id"""
    changes: dict[str, list[VerdictChange]] = {}
    for r in store.db.query(sql, {"run": run_id}):
        seen = changes.setdefault(r["key"], [])
        if not seen or seen[-1].status != r["status"]:
            seen.append(VerdictChange(QuoteStatus(r["status"]), parse_iso(r["checked_at"]),
                                      r["run_id"]))
    for key, found in changes.items():
        quote = by_key.get(key)
        if quote is not None and len(found) > 1:
            quote.history = found[-SHOWN_CHANGES:]
            quote.earlier_changes = len(found) - len(quote.history)


def attach_previous_verdicts(store: Store, previous_run: int | None,
                             quotes: Iterable[QuoteView]) -> None:
    """Each quote's verdict as of the previous completed run (the same quote by its key, or by
    its words when its document was renamed), so what changed overnight can be found."""
    if previous_run is None:
        return
    before = quote_states(store, previous_run)
    by_words = {quote_words(q.text): q for q in before.values()}
    for quote in quotes:
        was = before.get(quote.key) or by_words.get(quote_words(quote.text))
        quote.before = was.status if was else None
