"""The Wayback Machine behind one client (waybackpy's queries are adapted in waybackapi.py).

waybackpy 3.0.6 sleeps, retries and has no timeouts of its own. Here its query building and
parsing are kept, but every request goes through one requests session with a timeout and a
total deadline, the process-wide pacer and breaker, and the configured base URL
(`wayback_url`), which replaces archive.org and web.archive.org in every call and in every
URL the services answer with. Save Page Now 2 (authenticated, job-based) is not in waybackpy
and is written here.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import requests
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ReadTimeoutError
from waybackpy.exceptions import MaximumSaveRetriesExceeded, WaybackError

from .. import __version__
from ..config import Settings
from ..errors import ArchiveError, ArchiveRateLimited, ArchiveTimeout
from ..models import Hop, SaveJob, Snapshot
from .cdxrows import CDXRow
from .pacer import LOOKUP, SAVE, IAPacer
from .transport import retry_after_seconds
from .urlpaths import is_deep_link, redirect_target_reason
from .waybackapi import (
    OVERLOADED,
    REAL_WEB,
    REDIRECTS,
    AnonymousSave,
    Answer,
    AvailabilityQuery,
    CDXQuery,
    SaveRefused,
    raise_for_html,
    raise_for_status,
)
from .waybackurls import (
    ARCHIVE_HOSTS,
    cdx_address,
    folded_key,
    index_key,
    lookup_address,
    memento_datetime_timestamp,
    parse_memento,
    utcnow,
    wayback_timestamp,
)

REAL_ORG = "https://archive.org"
MAX_ANSWER_BYTES = 20_000_000  # an API answer larger than this is not one we asked for
MAX_API_REDIRECTS = 3
REDIRECT_STATUSES = tuple(map(str, REDIRECTS))  # as the CDX lists them
# The CDX's digest of a payload of no bytes (base32 SHA-1): a capture of an empty answer holds
# none of the page, and reading it would spend a rate-limited call on nothing
EMPTY_PAYLOAD_DIGEST = "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"
# A save that captured where the page sent the crawler (a login wall, the front page) instead
CAPTURED_ELSEWHERE = "Save Page Now captured another page, not this one"




class WaybackClient:
    """Every call to the Internet Archive: paced, bounded by a timeout, breaker-protected.

    Raises ArchiveError (unreachable, refused, not understood), ArchiveTimeout and
    ArchiveRateLimited (429, breaker open, budget spent: ArchiveBudgetSpent). With
    `no_wayback` set, nothing is sent and every call raises ArchiveError.
    """

    def __init__(self, settings: Settings, *, session: requests.Session | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], datetime] = utcnow,
                 keys: tuple[str, str] | None = None) -> None:
        self.settings = settings
        self.now = now
        self.sleep = sleep
        self.pacer = IAPacer.from_settings(settings, clock=clock, sleep=sleep)
        self.user_agent = settings.user_agent_header(__version__)
        self._session = session or requests.Session()  # no urllib3 retries mounted: none hidden
        self._base = settings.wayback_url.strip().rstrip("/")
        self.web_base = self._base or REAL_WEB
        self.org_base = self._base or REAL_ORG
        self._keys = keys if keys is not None else _keys_from_environment(os.environ)
        self._keys_refused = False  # Save Page Now 2 refused them (401/403): not sent again

    # -- addresses ---------------------------------------------------------------
    @property
    def has_keys(self) -> bool:
        """Whether Save Page Now 2 keys (IA_ACCESS_KEY, IA_SECRET_KEY) are available and not
        refused by Save Page Now 2 in this run (revoked or mistyped keys are not sent again)."""
        return bool(self._keys) and not self._keys_refused

    def rewrite(self, url: str) -> str:
        """Map an address on web.archive.org or archive.org onto the configured base URL.

        Relative addresses (a Content-Location, a Location) are taken as web.archive.org's.
        Without a base URL, http:// Wayback addresses become https:// (as waybackpy does).
        """
        if not url:
            return url
        if url.startswith("/") and not url.startswith("//"):
            url = REAL_WEB + url
        parts = urlsplit(url)
        if (parts.hostname or "").lower() not in ARCHIVE_HOSTS:
            return url
        rest = parts.path + (f"?{parts.query}" if parts.query else "") + \
            (f"#{parts.fragment}" if parts.fragment else "")
        if self._base:
            return self._base + rest
        return f"https://{parts.netloc}{rest}"

    def replay_location(self, url: str) -> str:
        """Where a replay's redirect sends the raw fetch: rewritten onto the base URL, and a
        capture address asked for its original bytes (`id_`) whatever flag, or none, the
        Wayback's redirect between timestamps wrote (a flagless one serves the toolbar)."""
        target = self.rewrite(url)
        memento = parse_memento(target)
        if memento is None or not target.startswith(f"{self.web_base}/web/"):
            return target
        return f"{self.web_base}/web/{memento[0]}id_/{memento[1]}"

    def canonical(self, url: str) -> str:
        """The public https://web.archive.org address of a Wayback URL, whatever base URL
        served it: what the store and the report keep, so a record means the same anywhere."""
        if url.startswith("/") and not url.startswith("//"):
            return REAL_WEB + url
        parts = urlsplit(url)
        rest = parts.path + (f"?{parts.query}" if parts.query else "")
        if self._base and url.startswith(self._base):
            return REAL_WEB + url[len(self._base):]
        if (parts.hostname or "").lower() in ARCHIVE_HOSTS:
            return REAL_WEB + rest
        return url

    def archive_url(self, timestamp: str, original: str) -> str:
        """The public address readers open for a capture (never the configured base URL)."""
        return f"{REAL_WEB}/web/{timestamp}/{original}"

    def raw_url(self, snapshot: Snapshot) -> str:
        """The capture's original bytes, without the Wayback toolbar or rewritten links."""
        return f"{self.web_base}/web/{snapshot.timestamp}id_/{snapshot.url}"

    # -- pacing --------------------------------------------------------------------
    def pace_lookup(self, *_: object) -> None:
        """Wait for the next lookup slot (hook for raw snapshot fetches by the Fetcher)."""
        self._check_enabled()
        self.pacer.acquire(LOOKUP)

    def blocked(self) -> str | None:
        """Why no call would be made right now, or None."""
        if self.settings.no_wayback:
            return "Wayback Machine calls are off (no_wayback)"
        return self.pacer.blocked()

    def note_wait(self, status: int, headers: Mapping[str, str]) -> bool:
        """An Archive answer asking to wait, wherever it was received (a snapshot fetched by
        the Fetcher too): a 429, or an overloaded 502/503/504 saying when to come back
        (Retry-After), pauses every call. True when it asked."""
        retry_after = retry_after_seconds(header(headers, "Retry-After"), self.now())
        if status == 429:
            self.pacer.record_rate_limited(retry_after)
        elif status in OVERLOADED and retry_after is not None:
            self.pacer.record_unavailable(status, retry_after)
        else:
            return False
        return True

    # -- lookups ---------------------------------------------------------------------
    def captures(self, url: str, *, from_ts: str | date | None = None,
                 to_ts: str | date | None = None, closest: str | date | None = None,
                 limit: int | None = None, all_statuses: bool = False,
                 revisits: bool = False, redirects: bool = False) -> list[Snapshot]:
        """CDX captures of url, oldest first (nearest first with `closest`).

        Status-200 captures only unless `all_statuses` (404s and redirects are captures too),
        and never one of an empty page (EMPTY_PAYLOAD_DIGEST; an empty redirect is news),
        with `revisits` also revisit records (status "-": the content of an earlier capture,
        recorded again), with `redirects` also captures of a redirect (301, 302...). A negative
        limit asks for the last N.
        """
        wanted = None if all_statuses else \
            ("200",) + (("-",) if revisits else ()) + (REDIRECT_STATUSES if redirects else ())
        options: dict[str, Any] = {
            "start_timestamp": None if from_ts is None else wayback_timestamp(from_ts),
            "end_timestamp": None if to_ts is None else wayback_timestamp(to_ts),
            "filters": [] if wanted is None else ["statuscode:" + "|".join(wanted)] +
            ([] if redirects else [f"!digest:{EMPTY_PAYLOAD_DIGEST}"]),  # a redirect's is news
            "limit": None if limit is None else str(limit),
        }
        if closest is not None:
            options.update(closest=wayback_timestamp(closest), sort="closest")
        try:
            query = CDXQuery(self, cdx_address(url), follow_resume=limit is None, **options)
        except (WaybackError, ValueError) as exc:
            raise ArchiveError(f"CDX query not valid: {str(exc).splitlines()[0]}") from None
        found: list[Snapshot] = []
        seen: set[tuple[str, str, str]] = set()
        page, left_out = index_key(url), False  # rows left out that a limit counted
        for row in query.rows():
            if wanted is not None and row.statuscode not in wanted:
                continue  # a server ignoring the filter must not slip a 404 in
            if wanted is not None and row.digest == EMPTY_PAYLOAD_DIGEST and \
                    row.statuscode not in REDIRECT_STATUSES:
                left_out = True  # an empty page (an empty redirect is news): not a capture
                continue
            if index_key(row.original) != page and folded_key(row.original) == folded_key(url):
                left_out = True  # filed under the page's key, but another page (see index_key)
                continue
            key = (row.timestamp, row.original, row.statuscode)
            if key in seen:
                continue  # the index can hold one capture twice
            seen.add(key)
            found.append(self._snapshot(row))
        if left_out and limit is not None:  # the first or last N rows were not all captures
            return _in_order(self.captures(url, from_ts=from_ts, to_ts=to_ts, closest=closest,
                                           all_statuses=all_statuses, revisits=revisits,
                                           redirects=redirects), limit,
                             nearest_first=closest is not None)
        return _in_order(found, limit, nearest_first=closest is not None)

    def available(self, url: str, timestamp: str | date | None = None) -> Snapshot | None:
        """The availability API's capture nearest timestamp (known to miss some; CDX decides)."""
        url = lookup_address(url)
        query = AvailabilityQuery(self, url)
        if timestamp is not None:
            query.payload["timestamp"] = wayback_timestamp(timestamp)
        answer = query.setup_json() or {}
        closest = (answer.get("archived_snapshots") or {}).get("closest") or {}
        if not closest.get("available") or str(closest.get("status")) != "200":
            return None
        archived = self.canonical(str(closest.get("url", "")))
        memento = parse_memento(archived)
        ts = str(closest.get("timestamp") or (memento[0] if memento else ""))
        if not ts:
            return None
        return Snapshot(url=memento[1] if memento else url, timestamp=ts,
                        archive_url=archived, status_code=200)

    def captured(self, url: str, timestamp: str) -> Snapshot | None:
        """The CDX record of one capture (any status), or None if the index lacks it (yet)."""
        found = self.captures(url, from_ts=timestamp, to_ts=timestamp, limit=1, all_statuses=True)
        return found[0] if found else None

    def replayed(self, url: str, timestamp: str) -> Snapshot | None:
        """The capture a save named, from its replay when the CDX does not list it yet: the
        Wayback replays a new capture at once, while the index lags it by minutes to hours. A
        raw replay at that very time (its Memento-Datetime, no redirect to another capture)
        shows the capture exists; anything else shows nothing."""
        answer = self.call("GET", f"{self.web_base}/web/{timestamp}id_/{lookup_address(url)}",
                           follow=False, what="Wayback replay")
        if answer.status != 200 or \
                memento_datetime_timestamp(header(answer.headers, "Memento-Datetime")) != timestamp:
            return None
        return Snapshot(url=url, timestamp=timestamp, archive_url=self.archive_url(timestamp, url),
                        status_code=200)

    # -- saves -------------------------------------------------------------------------
    def save_anonymous(self, url: str) -> SaveJob:
        """Save Page Now without keys (waybackpy's save, one try, our session and timeout).

        A timeout or a 52x leaves the job pending: such saves often succeed; CDX tells later.
        Raises ArchiveRateLimited (not submitted) and ArchiveError when unreachable.
        """
        job = SaveJob(url=url, submitted_at=self.now(), method="anonymous", attempts=1)
        saver = AnonymousSave(self, lookup_address(url))
        try:
            archived = saver.save()
        except ArchiveTimeout as exc:
            return replace(job, error=f"{exc}; it may still have been saved")
        except SaveRefused as exc:
            return replace(job, status="pending" if exc.status >= 520 else "error", error=str(exc))
        except MaximumSaveRetriesExceeded:
            if saver.job_id:  # a page watching the capture's job: followed like an SPN2 job
                return replace(job, job_id=saver.job_id)
            return replace(job, error="Save Page Now named no capture; it may still have been saved")
        except (WaybackError, ValueError) as exc:
            return replace(job, status="error", error=str(exc).splitlines()[0])
        memento = parse_memento(archived)
        elsewhere = _captured_elsewhere(url, memento[1]) if memento else None
        if elsewhere:
            return replace(job, status="error", error=f"{CAPTURED_ELSEWHERE}: {elsewhere}")
        return replace(job, status="success", archive_url=self.canonical(archived),
                       timestamp=memento[0] if memento else None)

    def save_spn2(self, url: str, *, if_not_archived_within: str | None = None) -> SaveJob:
        """Submit url to Save Page Now 2; the job is pending until save_status says otherwise."""
        if not self._keys:
            raise ArchiveError("Save Page Now 2 needs IA_ACCESS_KEY and IA_SECRET_KEY")
        form = {"url": lookup_address(url)}
        if if_not_archived_within:
            form["if_not_archived_within"] = if_not_archived_within
        job = SaveJob(url=url, submitted_at=self.now(), method="spn2", attempts=1)
        try:
            answer = self.call("POST", f"{self.web_base}/save", kind=SAVE, data=form,
                                headers=self._spn2_headers(), follow=False,
                                what="Save Page Now 2")
        except ArchiveTimeout as exc:
            return replace(job, error=f"{exc}; it may still have been saved")
        if answer.status in (401, 403):
            self._keys_refused = True
            return replace(job, status="error",
                           error=f"Save Page Now 2 refused the keys (HTTP {answer.status})")
        if answer.status >= 400:
            return replace(job, status="pending" if answer.status >= 520 else "error",
                           error=f"Save Page Now 2 answered HTTP {answer.status}")
        body = answer.json("Save Page Now 2")
        if isinstance(body, dict) and body.get("job_id"):
            return replace(job, job_id=str(body["job_id"]))
        return replace(job, status="error", error=_spn2_message(body))

    def save_status(self, job: SaveJob) -> SaveJob:
        """Ask Save Page Now 2 how a job went ("success" here is not yet confirmed by CDX). A
        job it no longer knows (404) is left pending without its job id: only the CDX can
        tell whether it saved, and the save is made again if not."""
        if not job.job_id:
            raise ArchiveError(f"save of {job.url} has no Save Page Now 2 job to ask about")
        headers = self._spn2_headers() if self.has_keys else {"Accept": "application/json"}
        answer = self.call("GET", f"{self.web_base}/save/status/{quote(job.job_id, safe='')}",
                            headers=headers, what="Save Page Now 2 status")
        if answer.status == 404:  # jobs expire: the save is unknown, not failed (CDX tells)
            return replace(job, status="pending", job_id=None,
                           error=f"Save Page Now 2 no longer knows job {job.job_id}")
        raise_for_status(answer, "Save Page Now 2 status")
        raise_for_html(answer, "Save Page Now 2 status")
        body = answer.json("Save Page Now 2 status")
        status = body.get("status") if isinstance(body, dict) else None
        if status == "pending":
            return replace(job, status="pending")
        if status == "success" and body.get("timestamp"):
            ts = str(body["timestamp"])
            original = str(body.get("original_url") or job.url)
            elsewhere = _captured_elsewhere(job.url, original)  # where the crawler ended
            if elsewhere:
                return replace(job, status="error", error=f"{CAPTURED_ELSEWHERE}: {elsewhere}")
            return replace(job, status="success", timestamp=ts, error=None,
                           archive_url=self.archive_url(ts, original))
        return replace(job, status="error", error=_spn2_message(body))

    # -- HTTP ----------------------------------------------------------------------------
    def _check_enabled(self) -> None:
        if self.settings.no_wayback:
            raise ArchiveError("Wayback Machine calls are off (no_wayback)")

    def _spn2_headers(self) -> dict[str, str]:
        access, secret = self._keys or ("", "")
        return {"Accept": "application/json", "Authorization": f"LOW {access}:{secret}"}

    def call(self, method: str, url: str, *, kind: str = LOOKUP,
              data: Mapping[str, str] | None = None, headers: Mapping[str, str] | None = None,
              follow: bool = True, what: str = "Internet Archive") -> Answer:
        """One paced request (plus paced redirect hops when `follow`); 429 trips the breaker."""
        self._check_enabled()
        for _hop in range(MAX_API_REDIRECTS + 1):
            self.pacer.acquire(kind)
            answer = self._send(method, url, data, headers, what)
            if self.note_wait(answer.status, answer.headers):
                pass  # paused: neither a failure to count nor a success to reset it
            elif answer.status in OVERLOADED:
                self.pacer.record_failure("overloaded answers")
            else:
                self.pacer.record_success()
            if answer.status == 429:
                raise ArchiveRateLimited(f"{what} answered 429 Too Many Requests: "
                                         "every Internet Archive call pauses")
            location = answer.headers.get("Location")
            if not (follow and answer.status in REDIRECTS and location):
                return answer
            target = self.rewrite(urljoin(answer.url, location))
            if not target.startswith((f"{self.web_base}/", f"{self.org_base}/")):
                return answer  # never carry our keys or pacing off the Archive's hosts
            url = target
            if answer.status == 303:
                method, data = "GET", None
        raise ArchiveError(f"{what} redirected more than {MAX_API_REDIRECTS} times")

    def _send(self, method: str, url: str, data: Mapping[str, str] | None,
              headers: Mapping[str, str] | None, what: str) -> Answer:
        limit = self.settings.wayback_timeout
        started = time.monotonic()  # a real deadline on real I/O, not a wait we could skip
        try:
            with self._session.request(
                method, url, data=data, stream=True, allow_redirects=False,
                headers={"User-Agent": self.user_agent, **(headers or {})},
                timeout=(min(self.settings.connect_timeout, limit), limit),
            ) as response:
                body = bytearray()
                read = getattr(response.raw, "read1", None) or response.raw.read
                while chunk := read(65536, decode_content=True):
                    body += chunk
                    if len(body) > MAX_ANSWER_BYTES:
                        raise ArchiveError(f"{what} answer larger than {MAX_ANSWER_BYTES} bytes")
                    if time.monotonic() - started > limit:
                        raise ArchiveTimeout(f"{what} took longer than {limit:g} s")
                return Answer(response.status_code, response.url,
                               CaseInsensitiveDict(response.headers), bytes(body))
        except ArchiveTimeout:
            self.pacer.record_failure("timeouts")
            raise
        except (requests.RequestException, Urllib3Error, OSError) as exc:
            if _is_timeout(exc):
                self.pacer.record_failure("timeouts")
                raise ArchiveTimeout(f"{what} did not answer within {limit:g} s") from None
            self.pacer.record_failure()
            raise ArchiveError(f"{what} unreachable ({_reason(exc)})") from None

    def _snapshot(self, row: CDXRow) -> Snapshot:
        status = int(row.statuscode) if row.statuscode.isdigit() else None
        return Snapshot(url=row.original, timestamp=row.timestamp,
                        archive_url=self.archive_url(row.timestamp, row.original),
                        status_code=status, digest=_known(row.digest),
                        mimetype=_known(row.mimetype))


# -- small helpers -------------------------------------------------------------------------------
def _in_order(found: list[Snapshot], limit: int | None, *,
              nearest_first: bool) -> list[Snapshot]:
    """Captures oldest first (an answer merged from several index shards need not be
    sorted), then the first or, for a negative limit, the last N of them; a `closest`
    answer keeps the server's nearest-first order."""
    if not nearest_first:
        found = sorted(found, key=lambda s: s.timestamp)
    if limit and limit > 0:
        return found[:limit]
    if limit and limit < 0 and not nearest_first:
        return found[limit:]
    return found


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value, whatever the case of its name (a plain dict of a Fetch's headers too)."""
    wanted = name.lower()
    return next((value for key, value in headers.items() if key.lower() == wanted), None)


def _known(field: str) -> str | None:
    """A CDX field's value, or None for "-" (the index's "unknown"): two unknown digests
    must not make two captures the same content."""
    return None if field.strip() in ("", "-") else field


def _keys_from_environment(environ: Mapping[str, str]) -> tuple[str, str] | None:
    access = environ.get("IA_ACCESS_KEY", "").strip()
    secret = environ.get("IA_SECRET_KEY", "").strip()
    return (access, secret) if access and secret else None


def _captured_elsewhere(url: str, landed: str) -> str | None:
    """Why a save of url that Save Page Now answered with a capture of `landed` saved another
    page (the page sent its crawler on to a login wall, the site's front page...), or None: the
    same page under another spelling, or a page that moved to a new address of its own."""
    if index_key(landed) == index_key(url):
        return None
    why = redirect_target_reason(url, landed, [Hop(url, 302, landed)])
    if why is None and is_deep_link(landed):
        return None
    return why[1] if why else f"it was sent on to {landed}"


def _spn2_message(body: object) -> str:
    if not isinstance(body, dict):
        return "Save Page Now 2 answered something unexpected"
    parts = [str(body[k]) for k in ("status_ext", "message") if body.get(k)]
    return "Save Page Now 2: " + (": ".join(parts) or "error")


def _is_timeout(exc: BaseException) -> bool:
    if isinstance(exc, requests.Timeout | ReadTimeoutError | TimeoutError):
        return True
    inner = exc.args[0] if exc.args else None
    return isinstance(inner, ReadTimeoutError | TimeoutError)


def _reason(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Connection reset", "Name or service not known",
                   "No route to host", "Network is unreachable"):
        if marker in text:
            return marker.lower()
    return type(exc).__name__
