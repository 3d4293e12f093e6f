"""Plain-text summaries for the terminal: a run's outcome, recent runs, a link's history."""

from __future__ import annotations

from typing import Any

from .history import Changes, LinkState, QuoteState, link_history, recent_runs
from .pipeline import RunResult
from .status import ExitStatus, LinkStatus, QuoteStatus
from .store import Store

_EXIT_MEANING = {
    ExitStatus.OK: "nothing newly failing",
    ExitStatus.NEWLY_FAILING: "something is newly failing",
}


def _counts_line(counts: dict[str, int], order: list[str]) -> str:
    shown = [f"{name} {counts.get(name, 0)}" for name in order if counts.get(name, 0)]
    return ", ".join(shown) or "none"


def render_changes(changes: Changes, *, limit: int = 10) -> list[str]:
    lines: list[str] = []

    def section(title: str, items: list[str]) -> None:
        if not items:
            return
        lines.append(f"{title} ({len(items)}):")
        lines.extend(f"  - {item}" for item in items[:limit])
        if len(items) > limit:
            lines.append(f"  … and {len(items) - limit} more (see the report)")

    def quote_item(q: QuoteState) -> str:
        short = q.text if len(q.text) <= 70 else q.text[:67] + "…"
        return f"{q.status}: “{short}” ({q.document})"

    def link_item(link: LinkState) -> str:
        return f"{link.status}: {link.url} ({link.reason})"

    section("Newly failing quotes", [quote_item(q) for q in changes.newly_failing_quotes])
    section("Newly failing links", [link_item(link) for link in changes.newly_failing_links])
    section("Recovered quotes", [quote_item(q) for q in changes.recovered_quotes])
    section("Recovered links", [f"{link.url} is {link.status} again" for link in changes.recovered_links])
    section("Newly archived", changes.newly_archived)
    section("Failing, not yet confirmed",
            [link_item(link) for link in changes.failing_unconfirmed_links])
    return lines


def render_summary(result: RunResult, *, quiet: bool) -> str:
    """One screen: counts per status, changes, paths. With quiet, only when something changed."""
    change_lines = render_changes(result.changes)
    if quiet and not result.changes.worth_printing:
        return ""
    q, links = result.counts["quotes"], result.counts["links"]
    lines = [
        f"verifier run {result.run_id}: {sum(q.values())} quotes, {sum(links.values())} links "
        f"in {result.duration:.1f}s",
        "quotes: " + _counts_line(q, [str(s) for s in QuoteStatus]),
        "links:  " + _counts_line(links, [str(s) for s in LinkStatus]),
    ]
    if result.changes.previous_run is not None:
        lines.append(_changes_heading(result.changes, bool(change_lines)))
    lines.extend(change_lines if result.changes.previous_run is not None or not quiet else [])
    for warning in result.warnings[:10]:
        lines.append(f"warning: {warning}")
    if len(result.warnings) > 10:
        lines.append(f"warning: … and {len(result.warnings) - 10} more")
    lines.append(f"report:   {result.report_path or '(not written)'}")
    lines.append(f"database: {result.db_path}")
    meaning = _EXIT_MEANING.get(result.exit_status, "")
    lines.append(f"exit status {int(result.exit_status)}: {meaning}")
    return "\n".join(lines)


def _changes_heading(changes: Changes, findings_changed: bool) -> str:
    """The line over the changes: a night whose only news is a new warning says so, rather
    than 'no changes' above the warning it prints."""
    since = f"since run {changes.previous_run}"
    if findings_changed:
        return f"changes {since}:"
    warned = len(changes.new_warnings)
    if warned:
        return f"no changed findings; {warned} new warning{'s' if warned > 1 else ''} {since}"
    return f"no changes {since}"


def render_runs(store: Store, limit: int) -> str:
    runs = recent_runs(store, limit)
    if not runs:
        return f"no runs recorded in {store.path}"
    lines = []
    for r in runs:
        counts = r.get("counts") or {}
        duration = f"{r['duration']:.1f}s" if r.get("duration") is not None else "-"
        lines.append(f"run {r['id']}  {r['started_at']}  {r['status']}  {duration}  "
                     f"exit {r['exit_status'] if r['exit_status'] is not None else '-'}")
        if counts:
            lines.append("  quotes: " + _counts_line(counts.get("quotes", {}),
                                                      [str(s) for s in QuoteStatus]))
            lines.append("  links:  " + _counts_line(counts.get("links", {}),
                                                      [str(s) for s in LinkStatus]))
        changes = r.get("changes") or {}
        parts = [f"{name.replace('_', ' ')} {len(items)}" for name, items in changes.items()
                 if isinstance(items, list) and items]
        if parts:
            lines.append("  changed: " + ", ".join(parts))
    return "\n".join(lines)


def render_link_history(store: Store, url: str) -> str:
    """When the link started failing and how many checks it has had."""
    from .citations import normalize_url

    key = normalize_url(url) or url
    rows = link_history(store, key)
    if not rows:
        return f"no checks recorded for {url}"
    lines = [f"{key}: {len(rows)} checks"]
    failing_since, failed = None, 0  # of the current failing spell only
    runs: list[tuple[str, list[dict[str, Any]]]] = []  # checks in a row finding the same
    for r in rows:
        failing = LinkStatus(r["link_status"]).failing
        if failing and failing_since is None:
            failing_since = r["checked_at"]
        elif not failing:
            failing_since = None
        failed = failed + 1 if failing else 0
        http = f"HTTP {r['http_status']}" if r["http_status"] is not None else "no response"
        reason = r["reason"] or ""
        detail = f"{r['link_status']:<10} " + (http if reason in ("", http) else f"{http}, {reason}")
        if runs and runs[-1][0] == detail:
            runs[-1][1].append(r)
        else:
            runs.append((detail, [r]))
    lines.extend(_checks_line(detail, same) for detail, same in runs)
    state = store.link_state(key)
    if failing_since:
        confirmed = bool(state and state.get("confirmed"))
        lines.append(f"failing since {failing_since} ({failed} failed checks; "
                     f"{'confirmed' if confirmed else 'not yet confirmed'})")
    if state and state.get("next_check"):
        lines.append(f"next check due {state['next_check']}")
    return "\n".join(lines)


def _checks_line(detail: str, same: list[dict[str, Any]]) -> str:
    """One line for checks in a row that found the same: forty nights of the same 404 read
    as one spell, not forty lines."""
    first, last = same[0], same[-1]
    if len(same) == 1:
        return f"  run {first['run_id']}  {first['checked_at']}  {detail}"
    return (f"  runs {first['run_id']}-{last['run_id']}  {first['checked_at']} to "
            f"{last['checked_at']}  {detail} ({len(same)} checks)")
