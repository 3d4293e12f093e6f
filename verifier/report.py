"""The HTML report of a run, written from the database (and the WARC evidence store) alone.

One self-contained page per run (`run-<id>.html`, inline CSS, script and SVG; nothing loaded
from anywhere), an `index.html` listing every run, and readable text copies of the fetched
pages (`evidence/<sha256>.html`). Every string from documents and fetched pages is escaped by
Jinja2's autoescaping, and a Content-Security-Policy allows only the script and style shipped
here (by hash, so the same database always gives the same bytes).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from . import __version__
from .errors import ReportError
from .history import Changes
from .reporting.data import ReportData, build_report_data
from .reporting.evidence import ReadableCopy, readable_copy
from .reporting.links import loads
from .status import LinkStatus, QuoteStatus
from .store import Store
from .storekeys import parse_iso

QUOTE_LABELS = {
    QuoteStatus.VERIFIED: "Verified",
    QuoteStatus.VERIFIED_ARCHIVE: "Verified in archive",
    QuoteStatus.PARTIAL: "Partial match",
    QuoteStatus.CROSS_LANGUAGE: "Other language",
    QuoteStatus.NOT_FOUND: "Not found",
    QuoteStatus.SOURCE_UNAVAILABLE: "Source unavailable",
    QuoteStatus.UNSOURCED: "Unsourced",
}
QUOTE_EXPLANATIONS = {
    QuoteStatus.VERIFIED: "The quote appears word for word in the cited page as it is online now.",
    QuoteStatus.VERIFIED_ARCHIVE: "The quote is not (or no longer) on the live page, but appears "
                                  "word for word in an archived copy of it.",
    QuoteStatus.PARTIAL: "A close but not exact match: some words differ from the source "
                         "(see the differences below).",
    QuoteStatus.CROSS_LANGUAGE: "The source is in another language than the quote; a translation "
                                "cannot be checked word for word.",
    QuoteStatus.NOT_FOUND: "The cited source was read, but the quote does not appear in it.",
    QuoteStatus.SOURCE_UNAVAILABLE: "Neither the cited page nor an archived copy of it could be "
                                    "read, so the quote could not be checked.",
    QuoteStatus.UNSOURCED: "No source with an address is cited for this quote, so there is "
                           "nothing to check it against.",
}
NOT_CHECKED = "No verdict is recorded for this quote yet (the run may have been interrupted)."
LINK_LABELS = {
    LinkStatus.OK: "OK", LinkStatus.REDIRECTED: "Redirected", LinkStatus.DEAD: "Dead",
    LinkStatus.SOFT_404: "Soft 404", LinkStatus.BLOCKED: "Blocked", LinkStatus.ERROR: "Error",
    LinkStatus.INVALID: "Invalid URL", LinkStatus.SKIPPED: "Skipped",
}
LINK_EXPLANATIONS = {
    LinkStatus.OK: "The page answered normally.",
    LinkStatus.REDIRECTED: "The page has moved; it answered at the address it redirects to.",
    LinkStatus.DEAD: "The page is gone: the server says it does not exist, or the site no "
                     "longer does.",
    LinkStatus.SOFT_404: "The server answers, but with a 'not found' or generic page instead "
                         "of the cited content.",
    LinkStatus.BLOCKED: "The site refused to serve the page to verifier (for example 401, 403 "
                        "or a bot wall); a person may still be able to open it.",
    LinkStatus.ERROR: "The page could not be fetched (time-outs, server or connection errors), "
                      "even after retrying.",
    LinkStatus.INVALID: "The address as written is not a valid URL.",
    LinkStatus.SKIPPED: "Not fetched: its host is excluded by the configuration.",
}
_TEMPLATES = "templates"
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Bar:
    status: str
    label: str
    count: int
    y: int
    width: int


@dataclass
class Chart:
    kind: str  # "quotes" or "links"
    prefix: str  # CSS class prefix of the statuses: "q" or "l"
    caption: str
    summary: str
    bars: list[Bar] = field(default_factory=list)
    track: int = 320

    @property
    def height(self) -> int:
        return 26 * len(self.bars) + 4


def write_report(store: Store, run_id: int, report_dir: Path, *,
                 archive_dir: Path | None = None,
                 counted: tuple[dict[str, dict[str, int]], Changes] | None = None) -> Path:
    """Write `run-<id>.html`, refresh `index.html` and the evidence copies; return the run's page.

    `counted`: the run's `history.counts_and_changes`, when the caller has just read them.
    Raises ReportError (one line) when the directory cannot be written; the database keeps
    everything regardless, so `verifier report` can write it later.
    """
    report_dir = Path(report_dir)
    data = build_report_data(store, run_id, counted)
    env = _environment()
    _make_dir(report_dir)
    evidence = _write_evidence(store, data, env, report_dir,
                               Path(archive_dir) if archive_dir else None)
    path = report_dir / f"run-{run_id}.html"
    previous = data.previous_run
    previous_file = f"run-{previous}.html" if previous and (
        report_dir / f"run-{previous}.html").exists() else None
    _write(path, _render(env, "report.html", with_script=True, **_report_context(
        store, data, evidence, previous_file)))
    _write(report_dir / "index.html", _render(env, "index.html", with_script=False,
                                               **_index_context(store, report_dir)))
    return path


def _report_context(store: Store, data: ReportData, evidence: dict[str, str],
                    previous_file: str | None) -> dict[str, Any]:
    return {
        "run": data.run, "previous_run": data.previous_run, "previous_file": previous_file,
        "counts": data.counts, "charts": _charts(data.counts, data.unchecked_quotes),
        "unchecked_quotes": data.unchecked_quotes, "changes": data.changes,
        "documents": data.documents, "replacements": data.replacements,
        "evidence": evidence, "quote_anchor": data.quote_anchor,
        "link_anchor": data.link_anchor, "link_snapshots": data.link_snapshots,
        "database": str(store.path.resolve()), "quote_before": data.quote_before,
        "changed_quotes": data.changed_quotes, "other_changes": _other_changes(data),
        "changed_summary": _changed_summary(len(data.changed_quotes), data.previous_run),
    }


def _other_changes(data: ReportData) -> list[tuple[Any, Any]]:
    """(document, quote) of each quote whose verdict changed but which is neither newly failing
    nor recovered (a source down but not yet confirmed, archive instead of live, ...): with
    those two lists, every changed verdict is listed once under "What changed"."""
    listed = {q.key for q in data.changes.newly_failing_quotes + data.changes.recovered_quotes}
    return [(d, q) for d in data.documents for q in d.quotes if q.changed and q.key not in listed]


def _changed_summary(changed: int, previous_run: int | None) -> str:
    if changed == 0:
        return f"No quote changed verdict since run {previous_run}."
    quotes = "quote" if changed == 1 else "quotes"
    return f"{changed} {quotes} changed verdict since run {previous_run}."


# -- rendering ------------------------------------------------------------------------------

@functools.cache
def _environment() -> jinja2.Environment:
    """The templates, loaded and compiled once per process (they never change while it runs)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("verifier", _TEMPLATES), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, bytecode_cache=_bytecode_cache())
    env.filters.update(
        utc=format_utc, visible_url=visible_url, duration=format_duration, pct=format_percent, safe_href=safe_href,
        quote_label=quote_label,
        quote_explanation=lambda s: QUOTE_EXPLANATIONS[QuoteStatus(s)] if s else NOT_CHECKED,
        link_label=link_label,
        link_explanation=lambda s: LINK_EXPLANATIONS[LinkStatus(s)])
    env.globals.update(quote_badge=quote_badge, link_badge=link_badge, url_link=url_link,
                       snapshot_link=snapshot_link, where=where)
    return env


def quote_label(status: str | None) -> str:
    return QUOTE_LABELS.get(QuoteStatus(status), str(status)) if status else "Not checked"


def link_label(status: str) -> str:
    return LINK_LABELS.get(LinkStatus(status), str(status))


# The small pieces every quote and citation shows are Python functions, not template macros:
# a report of a few thousand items makes tens of thousands of these calls, and Jinja's macro
# machinery was the larger part of each (write_report on 1,400 quotes: 0.44 -> 0.41 s, best of
# 10). Every value in them goes through escape().

def quote_badge(status: str | None) -> Markup:
    if not status:
        return Markup('<span class="badge q-unchecked">Not checked</span>')
    return Markup(f'<span class="badge q-{escape(status)}">{escape(quote_label(status))}</span>')


def link_badge(status: str) -> Markup:
    return Markup(f'<span class="badge l-{escape(status)}">{escape(link_label(status))}</span>')


def url_link(url: str | None, text: str | None = None) -> Markup:
    """A link to the URL, or the URL as text when it is not one that is safe to follow."""
    target = safe_href(url)
    # a label other than the address (an outlet's name) is isolated like every other value
    shown = escape(visible_url(url)) if not text or text == url else Markup(
        f"<bdi>{escape(text)}</bdi>")
    if target:
        return Markup(f'<a href="{escape(visible_url(target))}" rel="noopener noreferrer">'
                      f'{shown}</a>')
    return Markup(f'<span class="url">{shown}</span>')


def visible_url(url: str | None) -> str:
    """The URL with its invisible characters (bidi overrides and isolates, zero-width ones,
    controls) percent-encoded, as a browser's address bar shows them: an address must read as
    what it is, and an override in it must not reorder the text after it."""
    if not url or url.isascii() and url.isprintable():
        return url or ""
    return "".join(c if c.isprintable() and unicodedata.category(c) != "Cf"
                   else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in url)


def snapshot_link(snapshot: Any) -> Markup:
    return url_link(snapshot.archive_url, f"Wayback snapshot of {snapshot.day}")


def where(line: int | None, page: int | None) -> Markup:
    """'line 12, PDF page 3', or what of it is known (nothing: empty)."""
    parts = ([f"line {line}"] if line else []) + ([f"PDF page {page}"] if page else [])
    return Markup(", ".join(parts))


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (in a private per-user temporary folder, keyed by
    each template's checksum): compiling them is a fifth of a nightly run with nothing due."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no safe temporary folder: compile every run instead
        return None


@functools.cache
def _asset(name: str) -> str:
    return (resources.files("verifier") / _TEMPLATES / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(css: str, script: str | None) -> str:
    """Nothing may load; only the exact inline style and script shipped here may apply or run."""
    script_src = _csp_hash(script) if script else "'none'"
    return (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {script_src}; "
            "base-uri 'none'; form-action 'none'")


def _render(env: jinja2.Environment, template: str, *, with_script: bool, **context: Any) -> str:
    css = _asset("report.css")
    script = _asset("report.js") if with_script else None
    return env.get_template(template).render(
        css=Markup(css), script=Markup(script) if script else None,
        csp=content_security_policy(css, script), version=__version__, **context)


def _charts(counts: dict[str, dict[str, int]], unchecked_quotes: int) -> list[Chart]:
    """Bars per status; quotes without any verdict yet (an interrupted run) get their own bar."""
    charts = []
    for kind, prefix, labels in (("quotes", "q", QUOTE_LABELS), ("links", "l", LINK_LABELS)):
        group = dict(counts.get(kind, {}))
        names = {str(status): label for status, label in labels.items()}
        if kind == "quotes" and unchecked_quotes:
            group["unchecked"] = unchecked_quotes
            names["unchecked"] = "Not checked"
        total = sum(group.values())
        chart = Chart(kind=kind, prefix=prefix,
                      caption=f"{kind.capitalize()} by status ({total})",
                      summary=f"{kind.capitalize()}: " + ", ".join(
                          f"{n} {names.get(s, s).lower()}" for s, n in group.items()))
        top = max(group.values(), default=0) or 1
        for i, (status, n) in enumerate(group.items()):
            width = max(2, round(chart.track * n / top)) if n else 0
            chart.bars.append(Bar(status=status, label=names.get(status, status), count=n,
                                  y=26 * i, width=width))
        charts.append(chart)
    return charts


def format_utc(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "unknown time"


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "unknown"
    if seconds < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def format_percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


def safe_href(url: str | None) -> str | None:
    """The URL when it is safe to link (http or https), else None: never a javascript: link."""
    if not url or _CONTROL.search(url):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


# -- evidence copies ----------------------------------------------------------------------------

def _write_evidence(store: Store, data: ReportData, env: jinja2.Environment, report_dir: Path,
                    archive_dir: Path | None) -> dict[str, str]:
    """Readable copies of the fetched pages the report cites, by content digest -> href."""
    hrefs: dict[str, str] = {}
    if archive_dir is None:
        return hrefs
    for source in data.evidence:
        name = f"evidence/{source.sha256}.html"
        if (report_dir / name).is_file():  # content-addressed: written from verified bytes
            hrefs[source.sha256] = name
            continue
        copy = readable_copy(store, archive_dir, source.sha256)
        if copy is None:
            continue
        hrefs[copy.sha256] = write_evidence_copy(report_dir, copy, env)
    return hrefs


def write_evidence_copy(report_dir: Path, copy: ReadableCopy,
                        env: jinja2.Environment | None = None) -> str:
    """Write the readable copy of a fetched page (`evidence/<sha256>.html`); return its href.

    The page worker writes each new page's copy as it reads it; the report writes those still
    missing. Raises ReportError when the directory cannot be written."""
    name = f"evidence/{copy.sha256}.html"
    _make_dir(report_dir / "evidence")
    _write(report_dir / name, _render(env or _environment(), "evidence.html", with_script=False,
                                      **_evidence_context(copy)))
    return name


def _evidence_context(copy: ReadableCopy) -> dict[str, Any]:
    fetch = dict(copy.fetch)
    fetch["fetched_at"] = parse_iso(fetch.get("fetched_at"))
    lang = copy.language if copy.language and _LANG.match(copy.language) else None
    return {"fetch": fetch, "sha256": copy.sha256, "size": copy.size, "text": copy.text,
            "lang": lang, "captured_at": copy.captured_at}


# -- the index --------------------------------------------------------------------------------

def _index_context(store: Store, report_dir: Path) -> dict[str, Any]:
    runs = []
    for r in store.rows("select id, started_at, duration, status, exit_status, counts, changes "
                        "from runs order by id desc"):
        file = f"run-{r['id']}.html"
        counts = loads(r["counts"], None)
        runs.append({
            "id": r["id"], "started_at": parse_iso(r["started_at"]), "duration": r["duration"],
            "status": r["status"], "exit_status": r["exit_status"],
            "file": file if (report_dir / file).exists() else None,
            "quotes": _tally(counts, "quotes", None),
            "failing_quotes": _tally(counts, "quotes", QuoteStatus),
            "links": _tally(counts, "links", None),
            "failing_links": _tally(counts, "links", LinkStatus),
            "changes": _changes_summary(loads(r["changes"], None)),
        })
    latest = next((r for r in runs if r["file"]), None)
    return {"runs": runs, "latest": latest}


def _tally(counts: Any, group: str, statuses: Any) -> int | None:
    """How many quotes or links a finished run counted (`statuses` given: only the failing
    ones), from the counts it stored."""
    table = counts.get(group) if isinstance(counts, dict) else None
    if not isinstance(table, dict):
        return None
    total = 0
    for status, n in table.items():
        try:
            if isinstance(n, int) and (statuses is None or statuses(status).failing):
                total += n
        except ValueError:
            continue
    return total


def _changes_summary(changes: Any) -> str:
    if not isinstance(changes, dict):
        return ""
    def size(*names: str) -> int:
        return sum(len(changes.get(n) or []) for n in names if isinstance(changes.get(n), list))
    parts = [(size("newly_failing_quotes", "newly_failing_links"), "newly failing"),
             (size("recovered_quotes", "recovered_links"), "recovered"),
             (size("newly_archived"), "newly archived"),
             (size("failing_unconfirmed_links"), "failing, not yet confirmed")]
    return ", ".join(f"{n} {label}" for n, label in parts if n) or "no change"


# -- files -----------------------------------------------------------------------------------

def _make_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create report directory {path}: {exc.strerror or exc}") from None


def _write(path: Path, text: str) -> None:
    """Replace a file atomically, and leave it untouched when its content is the same."""
    data = text.encode("utf-8")
    try:
        if path.exists() and path.read_bytes() == data:
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ReportError(f"cannot write the report to {path.parent}: "
                          f"{exc.strerror or exc}") from None
