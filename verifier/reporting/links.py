"""The state of each cited link as of a run, and the Wayback captures known for it.

A link's state is its latest check in or before the run (incremental runs skip healthy links
inside their re-check interval); its captures are every snapshot the database knows for it,
whether looked up, checked against, or saved by verifier.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..models import Hop, timestamp_datetime
from ..status import LinkStatus
from ..store import Store
from ..storekeys import parse_iso


@dataclass
class SnapshotView:
    """One Wayback capture the database knows; `archive_url` is the one stored with it."""

    timestamp: str
    archive_url: str
    status_code: int | None = 200
    saved: bool = False  # made by a Save Page Now request of ours

    @property
    def captured_at(self) -> datetime:
        return timestamp_datetime(self.timestamp).replace(tzinfo=UTC)

    @property
    def day(self) -> str:
        return self.captured_at.date().isoformat()


@dataclass
class AttemptView:
    at: datetime | None
    outcome: str
    elapsed: float
    waited: float


@dataclass
class LinkView:
    """The state of one cited URL as of the run."""

    url: str
    status: LinkStatus
    reason: str
    run_id: int
    checked_at: datetime | None
    confirmed: bool
    fetch_id: int | None = None
    http_status: int | None = None
    final_url: str | None = None
    redirects: list[Hop] = field(default_factory=list)
    attempts: list[AttemptView] = field(default_factory=list)
    content_type: str | None = None
    page_title: str | None = None
    sha256: str | None = None
    failing_checks: int = 0  # consecutive failing checks up to this run
    failing_since: datetime | None = None
    last_worked: datetime | None = None  # the latest check before the failing streak
    snapshots: list[SnapshotView] = field(default_factory=list)  # known captures, oldest first
    lookup_error: str | None = None
    lookup_queued: bool = False
    save_status: str | None = None  # latest Save Page Now job: pending, success, error

    @property
    def newest(self) -> SnapshotView | None:
        good = [s for s in self.snapshots if s.status_code in (None, 200)]
        return good[-1] if good else None


def loads(value: str | None, default: Any) -> Any:
    """A JSON column's value, or the default when it is empty or unreadable."""
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


_RUN_URLS = """select c.normalized_url from run_documents rd join citations c
               on c.document_id = rd.document_id and c.doc_sha = rd.sha256
               where rd.run_id = :run and c.normalized_url is not null"""


def link_views(store: Store, run_id: int) -> dict[str, LinkView]:
    """The latest check in or before the run of every URL the run's documents cite."""
    sql = f"""
        select lc.url, lc.run_id, lc.link_status, lc.reason, lc.confirmed, lc.checked_at,
               f.id as fetch_id, f.http_status, f.final_url, f.redirects, f.attempts,
               f.content_type, f.title, f.sha256
        from link_checks lc left join fetches f on f.id = lc.fetch_id
        where lc.run_id = (select max(run_id) from link_checks l2
                           where l2.url = lc.url and l2.run_id <= :run)
          and lc.url in ({_RUN_URLS})
        order by lc.url"""
    links: dict[str, LinkView] = {}
    for r in store.db.query(sql, {"run": run_id}):
        links[r["url"]] = LinkView(
            url=r["url"], status=LinkStatus(r["link_status"]), reason=r["reason"] or "",
            run_id=r["run_id"], checked_at=parse_iso(r["checked_at"]),
            confirmed=bool(r["confirmed"]), fetch_id=r["fetch_id"], http_status=r["http_status"],
            final_url=r["final_url"], redirects=_hops(r["redirects"]),
            attempts=_attempts(r["attempts"]), content_type=r["content_type"],
            page_title=r["title"], sha256=r["sha256"])
    _attach_failing_streaks(store, run_id, links)
    _attach_archive(store, run_id, links)
    return links


def _hops(value: str | None) -> list[Hop]:
    return [Hop(url=str(h.get("url", "")), status=int(h.get("status") or 0),
                location=str(h.get("location", ""))) for h in loads(value, []) if isinstance(h, dict)]


def _attempts(value: str | None) -> list[AttemptView]:
    out = []
    for a in loads(value, []):
        if isinstance(a, dict):
            at = a.get("at")
            out.append(AttemptView(at=parse_iso(at) if isinstance(at, str) else None,
                                   outcome=str(a.get("outcome", "")),
                                   elapsed=float(a.get("elapsed") or 0.0),
                                   waited=float(a.get("waited") or 0.0)))
    return out


def _attach_failing_streaks(store: Store, run_id: int, links: dict[str, LinkView]) -> None:
    """How many checks in a row, up to this run, a failing link has failed, since when, and
    when it last worked (what a reviewer asks first of a link that failed overnight)."""
    for link in links.values():
        if not link.status.failing:
            continue
        for r in store.rows("select link_status, checked_at from link_checks where url=? "
                            "and run_id<=? order by run_id desc limit 400", [link.url, run_id]):
            status = LinkStatus(r["link_status"])
            if not status.failing:
                link.last_worked = parse_iso(r["checked_at"]) if status.readable else None
                break
            link.failing_checks += 1
            link.failing_since = parse_iso(r["checked_at"])


def _attach_archive(store: Store, run_id: int, links: dict[str, LinkView]) -> None:
    """The captures known for each URL (looked up, checked against, or saved by us)."""
    sql = f"""
        select distinct al.url as cited, s.timestamp, s.archive_url, s.status_code, 0 as saved
            from archive_lookups al join snapshots s on s.id in (al.closest_id, al.newest_id)
            where al.run_id <= :run and al.url in ({_RUN_URLS})
        union
        select distinct c.url, s.timestamp, s.archive_url, s.status_code, 0
            from checks c join snapshots s on s.id = c.snapshot_id
            where c.run_id <= :run and c.url in ({_RUN_URLS})
        union
        select s.url, s.timestamp, s.archive_url, s.status_code, 0 from snapshots s
            where s.first_seen_run <= :run and s.url in ({_RUN_URLS})
        union
        select sv.url, sv.timestamp, sv.archive_url, 200, 1 from saves sv
            where sv.run_id <= :run and sv.status = 'success' and sv.archive_url is not null
              and sv.timestamp is not null and sv.url in ({_RUN_URLS})
        order by 1, 2, 5"""
    for r in store.db.query(sql, {"run": run_id}):
        link = links.get(r["cited"])
        if link is None or not r["archive_url"]:
            continue
        if any(s.timestamp == r["timestamp"] for s in link.snapshots):
            continue
        link.snapshots.append(SnapshotView(timestamp=r["timestamp"], archive_url=r["archive_url"],
                                           status_code=r["status_code"], saved=bool(r["saved"])))
    # archive_lookups has no index on url: one ordered pass, the latest lookup of a URL wins
    lookups = f"""select url, error, queued from archive_lookups
                  where run_id <= :run and url in ({_RUN_URLS}) order by run_id"""
    for r in store.db.query(lookups, {"run": run_id}):
        if r["url"] in links:
            links[r["url"]].lookup_error = r["error"]
            links[r["url"]].lookup_queued = bool(r["queued"])
    saves = f"""select url, status from saves where run_id <= :run and url in ({_RUN_URLS})
                order by id"""
    for r in store.db.query(saves, {"run": run_id}):
        if r["url"] in links:
            links[r["url"]].save_status = r["status"]


def closest_snapshot(snapshots: Sequence[SnapshotView], cited: date | None,
                     basis: str = "cited date") -> tuple[SnapshotView | None, str]:
    """The good capture nearest the date a page was cited: the last one on or before that day,
    else the first one after (a page can have changed since it was quoted)."""
    good = sorted((s for s in snapshots if s.status_code in (None, 200)), key=lambda s: s.timestamp)
    if cited is None or not good:
        return None, ""
    end_of_day = datetime.combine(cited + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    before = [s for s in good if s.captured_at < end_of_day]
    if before:
        return before[-1], f"closest on or before the {basis} {cited.isoformat()}"
    return good[0], f"closest after the {basis} {cited.isoformat()}"
