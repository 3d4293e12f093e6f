"""When to check a link or quote again, and when a failing link is believed dead.

Healthy things are re-checked after an interval that grows while they stay stable; failing
things every run; a link is confirmed failing only after repeated failures spread over days,
so one bad night does not page anyone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from .config import Settings
from .models import Fetch
from .status import LinkStatus, QuoteStatus
from .storekeys import parse_iso, utc_iso


def is_due(state: dict[str, Any] | None, now: datetime, settings: Settings) -> bool:
    """Whether a link or quote with this stored state should be checked in this run."""
    if settings.full or state is None:
        return True
    next_check = parse_iso(state.get("next_check"))
    last_checked = parse_iso(state.get("last_checked"))
    if next_check is not None and last_checked is not None:
        if next_check <= last_checked:
            return True  # failing: due every run, even when the clock reads before its last check
        # healthy: its interval is that of the settings in force, which may have changed
        # since the run that stored the state
        interval = _interval(state.get("stable_checks") or 0, settings)
        return now >= last_checked + interval - nightly_slack(interval)
    return next_check is None or now >= next_check


def nightly_slack(span: timedelta) -> timedelta:
    """How much of a span in days a night may fall short of and still count as that many
    nights: cron starts at the same wall-clock time every night, so one night is an hour
    short when daylight saving time begins, and a check made minutes into one run falls due
    minutes after the next run has started. An eighth of the span, at most six hours."""
    return min(span / 8, timedelta(hours=6))


def cited_elsewhere(state: dict[str, Any] | None, urls: Sequence[str]) -> bool:
    """Whether the quote's document now cites other pages for it than those its last verdict
    was made against (the author changed its note): its verdict is about the wrong pages."""
    if not state or state.get("urls") is None:
        return False
    return bool(state["urls"] != _cited(urls))


def _cited(urls: Sequence[str]) -> str:
    """The cited URLs as quote_state keeps them: a sorted JSON list, each once."""
    return json.dumps(sorted(set(urls)))


def needs_fresh_copy(quote_state: dict[str, Any] | None) -> bool:
    """Whether a quote due again needs its links fetched again, even inside their interval.

    A quote that was failing (partial, not found, source unavailable) at its last check was
    matched against the copy kept then; matching those same bytes again cannot change its
    verdict, so only a fresh copy can. A new quote (a new document version, or one a killed
    run never checked) is matched against the kept copy while its link is inside its interval."""
    if not quote_state or not quote_state.get("status"):
        return False
    try:
        return QuoteStatus(quote_state["status"]).failing
    except ValueError:
        return False


def _schedule(previous: dict[str, Any] | None, status: LinkStatus | QuoteStatus,
              now: datetime, settings: Settings) -> tuple[int, datetime]:
    """(stable checks, next check): a failing thing every run; another after an interval
    that grows with each check finding the same status."""
    if status.failing:
        return 0, now
    same = previous is not None and previous.get("status") == str(status)
    stable = (previous.get("stable_checks") or 0) + 1 if previous and same else 0
    return stable, now + _interval(stable, settings)


def _interval(stable: int, settings: Settings) -> timedelta:
    """The re-check interval of a healthy thing after `stable` checks finding it unchanged."""
    days = min(settings.recheck_min_days + settings.recheck_step_days * stable,
               settings.recheck_max_days)
    return timedelta(days=days)


def next_link_state(url: str, previous: dict[str, Any] | None, fetch: Fetch, now: datetime,
                    settings: Settings) -> dict[str, Any]:
    """The link's incremental state after this run's fetch."""
    status = fetch.link_status
    prev_status = previous.get("status") if previous else None
    stable, next_check = _schedule(previous, status, now, settings)
    if status.failing:
        was_failing = bool(prev_status and LinkStatus(prev_status).failing)
        failing_since = previous.get("failing_since") if previous and was_failing else None
        failing_since = failing_since or utc_iso(now)
        failed_checks = (previous.get("failed_checks") or 0) + 1 if previous and was_failing else 1
        started = parse_iso(failing_since) or now
        span = timedelta(days=settings.dead_after_days)
        confirmed = (failed_checks >= settings.dead_after_checks
                     and now - started >= span - nightly_slack(span))
    else:
        failing_since, failed_checks, confirmed = None, 0, False
    etag = fetch.headers.get("ETag") or fetch.headers.get("etag")
    last_modified = fetch.headers.get("Last-Modified") or fetch.headers.get("last-modified")
    if fetch.not_modified and previous:
        etag = etag or previous.get("etag")
        last_modified = last_modified or previous.get("last_modified")
    return {
        "url": url, "status": str(status), "last_checked": utc_iso(now),
        "next_check": utc_iso(next_check), "stable_checks": stable,
        "failing_since": failing_since, "failed_checks": failed_checks,
        "etag": etag, "last_modified": last_modified, "confirmed": int(confirmed),
    }


def next_quote_state(key: str, previous: dict[str, Any] | None, status: QuoteStatus,
                     now: datetime, settings: Settings, urls: Sequence[str]) -> dict[str, Any]:
    """The quote's incremental state after this run's verdict against `urls`."""
    if cited_elsewhere(previous, urls):
        previous = None  # a verdict about other pages: not the same finding again
    stable, next_check = _schedule(previous, status, now, settings)
    return {"key": key, "status": str(status), "last_checked": utc_iso(now),
            "next_check": utc_iso(next_check), "stable_checks": stable,
            "urls": _cited(urls)}
