"""Reading the store across runs: the state as of a run, and what changed since the last one.

A run may re-check only part of the corpus (incremental runs), so "the status of a link as of
run N" is its latest check in run N or before, among the documents that run covered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .status import LinkStatus, QuoteStatus
from .store import Store
from .storekeys import quote_words


@dataclass
class QuoteState:
    key: str
    quote_id: int
    document: str
    text: str
    speaker: str | None
    status: QuoteStatus
    run_id: int  # the run whose check this is
    archived: bool  # verified against a snapshot


@dataclass
class LinkState:
    url: str
    status: LinkStatus
    reason: str
    run_id: int
    confirmed: bool  # failing long enough to be believed (see link_state)
    archived: bool  # a Wayback copy is known


@dataclass
class Changes:
    """What differs between a run and the previous completed run."""

    previous_run: int | None
    newly_failing_quotes: list[QuoteState] = field(default_factory=list)
    recovered_quotes: list[QuoteState] = field(default_factory=list)
    newly_failing_links: list[LinkState] = field(default_factory=list)  # confirmed ones
    failing_unconfirmed_links: list[LinkState] = field(default_factory=list)
    recovered_links: list[LinkState] = field(default_factory=list)
    newly_archived: list[str] = field(default_factory=list)
    new_warnings: list[str] = field(default_factory=list)  # not given by the previous run
    # recoveries from failures never told (a link down for nights but never confirmed, a
    # quote held back behind it): in the lists above, but no reason for a quiet night to speak
    untold_recoveries: set[str] = field(default_factory=set)  # quote keys and URLs

    @property
    def loud(self) -> bool:
        """Whether anyone should be told: something newly failing (confirmed) or recovered."""
        return bool(self.newly_failing_quotes or self.newly_failing_links
                    or self.recovered_quotes or self.recovered_links or self.newly_archived)

    @property
    def worth_printing(self) -> bool:
        """Whether a quiet run prints: a finding changed, or a warning the previous run did
        not give (a document turned unreadable) appeared."""
        told = [q.key for q in self.recovered_quotes] + [link.url for link in self.recovered_links]
        return (self.newly_failing or bool(self.newly_archived) or bool(self.new_warnings)
                or any(item not in self.untold_recoveries for item in told))

    @property
    def newly_failing(self) -> bool:
        return bool(self.newly_failing_quotes or self.newly_failing_links)

    def as_dict(self) -> dict[str, Any]:
        return {
            "previous_run": self.previous_run,
            "newly_failing_quotes": [_quote_dict(q) for q in self.newly_failing_quotes],
            "recovered_quotes": [_quote_dict(q) for q in self.recovered_quotes],
            "newly_failing_links": [_link_dict(link) for link in self.newly_failing_links],
            "failing_unconfirmed_links": [_link_dict(link) for link in self.failing_unconfirmed_links],
            "recovered_links": [_link_dict(link) for link in self.recovered_links],
            "newly_archived": self.newly_archived,
            "new_warnings": self.new_warnings,
        }


def _quote_dict(q: QuoteState) -> dict[str, Any]:
    return {"document": q.document, "text": q.text, "speaker": q.speaker, "status": str(q.status)}


def _link_dict(link: LinkState) -> dict[str, Any]:
    return {"url": link.url, "status": str(link.status), "reason": link.reason}


def quote_states(store: Store, run_id: int) -> dict[str, QuoteState]:
    """Each quote of the run's documents (their version in that run) with its latest verdict."""
    sql = """
        select q.id, q.key, q.text, q.speaker, d.name, c.status, c.run_id, c.against
        from run_documents rd
        join documents d on d.id = rd.document_id
        join quotes q on q.document_id = rd.document_id and q.doc_sha = rd.sha256
        join checks c on c.id = (
            select c2.id from checks c2 join quotes q2 on q2.id = c2.quote_id
            where q2.key = q.key and c2.best = 1 and c2.run_id <= :run
            order by c2.run_id desc limit 1)
        where rd.run_id = :run
    """
    states = {}
    for r in store.db.query(sql, {"run": run_id}):
        states[r["key"]] = QuoteState(
            key=r["key"], quote_id=r["id"], document=r["name"], text=r["text"],
            speaker=r["speaker"], status=QuoteStatus(r["status"]), run_id=r["run_id"],
            archived=r["against"] == "snapshot")
    return states


def link_states(store: Store, run_id: int) -> dict[str, LinkState]:
    """Each URL the run's documents cite, with its latest check in or before the run."""
    sql = """
        select lc.url, lc.link_status, lc.reason, lc.run_id, lc.confirmed,
            lc.url in (select al.url from archive_lookups al where al.run_id <= :run
                and (al.closest_id is not null or al.newest_id is not null)) as archived,
            (select count(*) from saves s where s.url = lc.url and s.status = 'success'
                and s.run_id <= :run) as saved
        from link_checks lc
        where lc.run_id = (select max(run_id) from link_checks l2
                           where l2.url = lc.url and l2.run_id <= :run)
          and lc.url in (select c.normalized_url from run_documents rd
                         join citations c on c.document_id = rd.document_id
                              and c.doc_sha = rd.sha256 where rd.run_id = :run)
    """
    states = {}
    for r in store.db.query(sql, {"run": run_id}):
        status = LinkStatus(r["link_status"])
        states[r["url"]] = LinkState(
            url=r["url"], status=status, reason=r["reason"] or "", run_id=r["run_id"],
            confirmed=bool(r["confirmed"]), archived=bool(r["archived"] or r["saved"]))
    return states


def counts_and_changes(store: Store, run_id: int) -> tuple[dict[str, dict[str, int]], Changes]:
    """Status counts as of a run, and what changed since the previous completed run, from
    one reading of the run's state."""
    quotes, links = quote_states(store, run_id), link_states(store, run_id)
    return _counts(quotes, links), _changes(store, run_id, quotes, links)


def _changes(store: Store, run_id: int, now_quotes: dict[str, QuoteState],
             now_links: dict[str, LinkState]) -> Changes:
    prev = store.previous_run(run_id)
    before_quotes = quote_states(store, prev) if prev else {}
    before_links = link_states(store, prev) if prev else {}
    changes = Changes(previous_run=prev)
    newly_confirmed = {url for url, link in now_links.items() if link.confirmed
                       and not (before_links.get(url) and before_links[url].confirmed)}
    moved = _vanished_by_words(before_quotes, now_quotes)
    held = {q.quote_id for q in now_quotes.values()
            if q.status == QuoteStatus.SOURCE_UNAVAILABLE} if prev is not None else set()
    cited = _quote_urls(store, run_id, held) if held else {}
    for key, q in now_quotes.items():
        was = before_quotes.get(key) or moved.get(quote_words(q.text))
        was_failing = bool(was and was.status.failing)
        unavailable = q.quote_id in held
        if q.status.failing and not was_failing:
            if unavailable and not any(now_links.get(u) and now_links[u].confirmed
                                       for u in cited.get(q.quote_id, ())):
                continue  # the source is down, not yet confirmed: the link decides when to speak
            changes.newly_failing_quotes.append(q)
        elif unavailable and newly_confirmed and was \
                and was.status == QuoteStatus.SOURCE_UNAVAILABLE \
                and newly_confirmed.intersection(cited.get(q.quote_id, ())):
            changes.newly_failing_quotes.append(q)  # held back until its link was confirmed
        elif was and was_failing and not q.status.failing:
            changes.recovered_quotes.append(q)
            if was.status == QuoteStatus.SOURCE_UNAVAILABLE and prev is not None and not any(
                    before_links.get(u) and before_links[u].confirmed
                    for u in _quote_urls(store, prev, {was.quote_id}).get(was.quote_id, ())):
                changes.untold_recoveries.add(key)  # held back behind a link never confirmed
    for url, link in now_links.items():
        was_link = before_links.get(url)
        was_failing = bool(was_link and was_link.status.failing)
        if link.status.failing and not was_failing:
            if prev is None or link.confirmed:
                changes.newly_failing_links.append(link)
            else:
                changes.failing_unconfirmed_links.append(link)
        elif link.status.failing and link.confirmed and was_link and not was_link.confirmed:
            changes.newly_failing_links.append(link)
        elif was_link and was_failing and not link.status.failing:
            changes.recovered_links.append(link)
            if not was_link.confirmed:  # its failing was never confirmed, so never told
                changes.untold_recoveries.add(url)
        if link.archived and not (was_link and was_link.archived) and prev is not None:
            changes.newly_archived.append(url)
    return changes


def _vanished_by_words(before: dict[str, QuoteState], now: dict[str, QuoteState]
                       ) -> dict[str, QuoteState]:
    """The quotes of the previous run gone from this one, by their words: a quote's key names
    its document, so a document renamed (or a quote moved to another document) brings the
    same words under a new key, and they are the same finding, not a new one."""
    return {quote_words(q.text): q for key, q in before.items() if key not in now}


def new_warnings(store: Store, previous_run: int | None, warnings: list[str]) -> list[str]:
    """This run's warnings that the previous completed run did not give: news for a quiet
    night once, not every night while the cause stays."""
    if previous_run is None:
        return list(warnings)
    row = store.db.execute("select warnings from runs where id = ?", [previous_run]).fetchone()
    before = set(json.loads(row[0]) if row and row[0] else [])
    return [w for w in warnings if w not in before]


def _quote_urls(store: Store, run_id: int, quote_ids: set[int]) -> dict[int, set[str]]:
    """The URLs each of these quotes (of the run's documents) cites, in one query."""
    cited: dict[int, set[str]] = {}
    for quote_id, url in store.db.execute(
            """select qc.quote_id, c.normalized_url from run_documents rd
               join quotes q on q.document_id = rd.document_id and q.doc_sha = rd.sha256
               join quote_citations qc on qc.quote_id = q.id
               join citations c on c.id = qc.citation_id
               where rd.run_id = ? and c.normalized_url is not null""", [run_id]):
        if quote_id in quote_ids:
            cited.setdefault(quote_id, set()).add(url)
    return cited


def run_counts(store: Store, run_id: int) -> dict[str, dict[str, int]]:
    """Quote and link status counts as of a run."""
    return _counts(quote_states(store, run_id), link_states(store, run_id))


def _counts(quotes: dict[str, QuoteState],
            links: dict[str, LinkState]) -> dict[str, dict[str, int]]:
    counts = {"quotes": {str(s): 0 for s in QuoteStatus}, "links": {str(s): 0 for s in LinkStatus}}
    for q in quotes.values():
        counts["quotes"][str(q.status)] += 1
    for link in links.values():
        counts["links"][str(link.status)] += 1
    return counts


def recent_runs(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    """The last runs, newest first; a run left 'running' by a process that died (nobody
    holds the run lock) is shown as the interrupted run the next run will record it as."""
    from .lock import run_going

    runs = []
    going: bool | None = None
    for r in store.rows("select * from runs order by id desc limit ?", [limit]):
        r = dict(r)
        if r["status"] == "running":
            going = run_going(store.path) if going is None else going
            r["status"] = "running" if going else "interrupted"
        for name in ("counts", "changes", "inputs", "settings", "warnings"):
            r[name] = json.loads(r[name]) if r.get(name) else None
        runs.append(r)
    return runs


def link_history(store: Store, url: str) -> list[dict[str, Any]]:
    """Every check of one URL, oldest first: when it started failing, how many checks."""
    return [dict(r) for r in store.rows(
        """select lc.run_id, lc.checked_at, lc.link_status, lc.reason, f.http_status
           from link_checks lc left join fetches f on f.id = lc.fetch_id
           where lc.url = ? order by lc.run_id""", [url])]
