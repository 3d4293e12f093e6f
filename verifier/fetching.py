"""The Fetcher: GET a cited URL politely and safely, and say honestly what happened.

Redirects are followed by hand so every hop is recorded and passes the address guard and
the skip list; retries (tenacity) happen only on retryable failures and only within the
URL's wall-clock deadline; bodies are streamed, decompressed and cut at a size cap.

Offline rule: "name not found" makes a link dead only when DNS is known to work. It is
known to work once any name has resolved in this Fetcher's lifetime; otherwise a canary
name (example.com, reserved by IANA to exist) is looked up once. If that fails too, the
machine has no DNS and the link is an `error`, never `dead`. A temporary DNS failure
(EAI_AGAIN) is always an `error`.
"""

from __future__ import annotations

import hashlib
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from http.client import HTTPException
from urllib.parse import urldefrag, urlsplit

import requests
import urllib3.exceptions as u3
from requests.structures import CaseInsensitiveDict
from tenacity import RetryCallState, Retrying, retry_if_exception_type, wait_exponential_jitter

from . import __version__
from .config import Settings
from .errors import RetryableFetchError
from .evidence import EvidenceStore, Exchange
from .models import Attempt, EvidenceRef, Fetch, Hop
from .net.clientredirect import client_redirect, refresh_target, sets_cookie
from .net.downloads import download_address
from .net.guard import AddressRefused, check_literal, literal_address
from .net.linkstatus import (
    FOLLOWED_REDIRECTS,
    RETRYABLE_STATUSES,
    Failure,
    InvalidLink,
    blocked_reason,
    describe_failure,
    envelope_verdict,
    login_page_reason,
    path_noise,
    prepare_url,
    redirect_summary,
    response_status,
    same_page,
    skip_reason,
)
from .net.pagelook import PageLook
from .net.transport import (
    EnvironmentProxies,
    HostSlots,
    OutOfTime,
    http_version,
    join_location,
    new_session,
    peer_address,
    read_body,
    redirect_location,
    retry_after_seconds,
)
from .net.urlpaths import is_deep_link, redirect_target_reason
from .net.wire import coding_trouble, is_blank
from .pagetext import content_kind
from .status import LinkStatus

SIDE_BODY_CAP = 1_000_000  # bodies of redirects, error statuses and not-found probes
DNS_CANARY = "example.com"
_BACKOFF = wait_exponential_jitter(initial=1.0, max=30.0, exp_base=2.0, jitter=1.0)
_NETWORK_ERRORS = (requests.RequestException, AddressRefused, u3.HTTPError, HTTPException,
                   OSError, ValueError)


def utcnow() -> datetime:
    return datetime.now(UTC)


class _Stop(Exception):
    """An outcome another attempt cannot change: a loop, too many redirects, a skipped hop."""

    def __init__(self, status: LinkStatus, reason: str, outcome: str) -> None:
        super().__init__(reason)
        self.failure = Failure(status, reason, outcome)


@dataclass
class _Response:
    url: str
    status: int
    headers: CaseInsensitiveDict[str]
    body: bytes
    truncated: str | None
    location: str | None
    evidence: EvidenceRef | None
    sha256: str = ""
    exchange: Exchange | None = None  # the WARC record still to write
    unreadable: str | None = None  # why the body, read under its content coding, is no page


@dataclass
class _Result:
    """One attempt's outcome: a final response or a failure."""

    response: _Response | None = None
    failure: Failure | None = None
    retryable: bool = False
    retry_after: float | None = None
    outcome: str = ""


@dataclass
class _Context:
    """What one fetch carries through its attempts and hops."""

    url: str
    deadline: float
    trusted: bool
    conditional: dict[str, str]
    before_attempt: Callable[[], None] | None
    rewrite_location: Callable[[str], str] | None
    current: str = ""
    hops: list[Hop] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
    last: _Result = field(default_factory=_Result)
    waited: float = 0.0
    gave_up: str = ""  # why retrying stopped
    body_cap: int | None = None  # None: max_body for 2xx responses, SIDE_BODY_CAP otherwise
    defer: bool = False  # leave the final response's record and text to the caller
    download: str | None = None  # the file a sharing link downloads, fetched in its place
    script_check: bool = False  # the last page's script sets a cookie and reloads that page


class Fetcher:
    """Fetches URLs for many worker threads; one pooled requests Session per thread."""

    def __init__(self, settings: Settings, *, evidence: EvidenceStore | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], datetime] = utcnow,
                 session_factory: Callable[[], requests.Session] | None = None,
                 dns_canary: str = DNS_CANARY) -> None:
        self.settings = settings
        self.evidence = evidence
        self._clock, self._sleep, self._now = clock, sleep, now
        self._session_factory = session_factory
        self._dns_canary = dns_canary
        self._user_agent = settings.user_agent_header(__version__)
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()
        self._slots = HostSlots(settings.per_host)
        self._proxies = EnvironmentProxies()
        self._missing_pages: dict[str, str | None] = {}  # origin -> not-found page signature
        self._origin_locks: dict[str, threading.Lock] = {}
        self._dns_works: bool | None = None
        self._dns_lock = threading.Lock()

    # -- public ---------------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              trusted: bool = False, before_attempt: Callable[[], None] | None = None,
              rewrite_location: Callable[[str], str] | None = None) -> Fetch:
        """Fetch one URL; never raises for network trouble (see Fetch.link_status/reason).

        `before_attempt` runs before every request (a service's pacer, which may raise to stop
        the fetch); a 429 is then the pacer's to handle, not retried here."""
        return self._fetch(url, etag, last_modified, trusted, before_attempt, rewrite_location,
                           defer=False)[0]

    def fetch_unrecorded(self, url: str, *, etag: str | None = None,
                         last_modified: str | None = None) -> tuple[Fetch, Exchange | None]:
        """fetch(), but the final response's evidence record is left to the caller, who gets
        its exchange (None when there is none left to write: no body, or no evidence store)
        and must write it before recording the fetch. Redirects, retried answers and
        not-found probes are recorded here as usual. This lets the process that reads the
        page write its bytes too, instead of this one.

        That process also judges what the page's text says (`text_verdict`: a 200 page saying
        "page not found" is a soft 404, one saying "not available in your region" blocked): the
        text is read there anyway, and searching the markup for error phrases here cost this
        process a third of a millisecond on a 35 KB news page, more than a millisecond when a
        phrase turned up and the text had to be read.
        So does what the markup says the page is (`markup_verdict`: a not-found template's body
        class, a canonical home page): a few searches of the whole page, as costly here as the
        checks above. The title and everything else are judged here as usual.

        A cited sharing link (a Google Doc, a Drive or Dropbox file) opens the service's
        viewer, an application page holding none of the document's words: the file it shares
        is fetched from the service's download address instead, and judged as the link's page
        (see net/downloads.py)."""
        return self._fetch(url, etag, last_modified, False, None, None, defer=True,
                           download=download_address(url))

    def _fetch(self, url: str, etag: str | None, last_modified: str | None, trusted: bool,
               before_attempt: Callable[[], None] | None,
               rewrite_location: Callable[[str], str] | None, *, defer: bool,
               download: str | None = None) -> tuple[Fetch, Exchange | None]:
        fetched_at = self._now()
        try:
            prepared = prepare_url(download or url)
        except InvalidLink as exc:
            return Fetch(url=url, link_status=LinkStatus.INVALID, reason=str(exc),
                         fetched_at=fetched_at), None
        conditional = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        ctx = _Context(prepared, self._clock() + self.settings.deadline, trusted, conditional,
                       before_attempt, rewrite_location, current=prepared, defer=defer,
                       download=download)
        result = self._with_retries(ctx)
        fetch = self._conclude(url, ctx, result, fetched_at)
        unrecorded = result.response.exchange if result.response is not None else None
        return fetch, unrecorded

    def close(self) -> None:
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- attempts -------------------------------------------------------------------------
    def _with_retries(self, ctx: _Context) -> _Result:
        retrying = Retrying(
            retry=retry_if_exception_type(RetryableFetchError),
            stop=lambda state: self._give_up(ctx, state),
            wait=_wait,
            sleep=self._sleep,
            before_sleep=lambda state: setattr(ctx, "waited", state.upcoming_sleep),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    result = self._attempt(ctx)
                    if result.retryable:
                        raise RetryableFetchError(result.outcome, outcome=result.outcome,
                                                  retry_after=result.retry_after)
                    return result
        except RetryableFetchError:
            pass
        return ctx.last

    def _give_up(self, ctx: _Context, state: RetryCallState) -> bool:
        error = state.outcome.exception() if state.outcome else None
        retry_after = getattr(error, "retry_after", None)
        if state.attempt_number >= 1 + self.settings.retries:
            ctx.gave_up = f"after {state.attempt_number} attempts"
        elif retry_after is not None and retry_after > self.settings.retry_after_cap:
            ctx.gave_up = (f"the server asked to wait {retry_after:.0f} s, longer than "
                           f"retry_after_cap ({self.settings.retry_after_cap:g} s)")
        elif self._clock() + state.upcoming_sleep >= ctx.deadline:
            ctx.gave_up = f"no time left within the {self.settings.deadline:g} s deadline for another attempt"
        return bool(ctx.gave_up)

    def _attempt(self, ctx: _Context) -> _Result:
        started, at = self._clock(), self._now()
        ctx.hops, ctx.current = [], ctx.url
        try:
            response = self._walk(ctx)
            result = self._first_look(response, paced=ctx.before_attempt is not None)
            if result.retryable or not ctx.defer or not response.body:
                self._keep(response)
        except _Stop as stop:
            result = _Result(failure=stop.failure, outcome=stop.failure.outcome)
        except OutOfTime as exc:
            reason = f"{exc} within the {self.settings.deadline:g} s deadline"
            result = _Result(failure=Failure(LinkStatus.ERROR, reason, "deadline"), outcome="deadline")
        except _NETWORK_ERRORS as exc:
            failure = describe_failure(exc)
            if failure.retryable and self._clock() >= ctx.deadline:
                failure = Failure(LinkStatus.ERROR, f"no complete answer within the {self.settings.deadline:g} s "
                                  f"deadline ({failure.reason})", "deadline")
            result = _Result(failure=failure, retryable=failure.retryable, outcome=failure.outcome)
        ctx.attempts.append(Attempt(at, result.outcome, round(self._clock() - started, 3), ctx.waited))
        ctx.waited, ctx.last = 0.0, result
        return result

    def _first_look(self, response: _Response, *, paced: bool = False) -> _Result:
        """Whether a final response is worth another attempt (429, 5xx that is no bot wall).
        A fetch its caller paces (`before_attempt`, a Wayback snapshot) leaves a 429 to the
        caller's pacer, which pauses every call to that service: asking again here would be
        the repeat that gets an address blocked."""
        retryable = (response.status in RETRYABLE_STATUSES
                     and not (paced and response.status == 429)
                     and blocked_reason(response.status, response.headers) is None
                     and _challenge(response.status, PageLook.of(response.body,
                                                                 response.headers.get("Content-Type"))) is None)
        retry_after = retry_after_seconds(response.headers.get("Retry-After"), self._now()) \
            if retryable else None
        return _Result(response=response, retryable=retryable, retry_after=retry_after,
                       outcome=str(response.status))

    # -- one chain of requests ------------------------------------------------------------
    def _walk(self, ctx: _Context) -> _Response:
        """Follow redirects by hand from ctx.url; every hop checked before it is requested."""
        guarded = not ctx.trusted and not self.settings.allow_private_hosts
        session = self._session(guarded)
        session.cookies.clear()  # cookies live for one chain, so fetches do not influence each other
        seen: set[tuple[str, frozenset[tuple[str, str, str]]]] = set()
        while True:
            host = urlsplit(ctx.current).hostname or ""
            skipped = skip_reason(host, self.settings.skip_hosts)
            if skipped:
                raise _Stop(LinkStatus.SKIPPED, skipped, "skipped")
            if guarded:
                check_literal(host)
            state = (ctx.current, frozenset((c.domain, c.name, c.value or "") for c in session.cookies))
            if state in seen:
                raise _Stop(LinkStatus.ERROR, f"redirect loop: {ctx.current} was reached again after "
                            f"{len(ctx.hops)} redirects", "redirect loop")
            seen.add(state)
            response = self._exchange(session, ctx)
            target = self._next_hop(ctx, response)
            if target is None:
                return response  # its record is written by the caller (_attempt, _missing_page)
            self._keep(response)
            if len(ctx.hops) >= self.settings.max_redirects:
                raise _Stop(LinkStatus.ERROR, f"too many redirects (more than {self.settings.max_redirects})",
                            "too many redirects")
            ctx.hops.append(Hop(ctx.current, response.status, target))
            try:
                ctx.current = prepare_url(target)
            except InvalidLink as exc:
                raise _Stop(LinkStatus.ERROR, f"redirected to an unusable URL {target!r}: {exc}",
                            "bad redirect") from None

    @staticmethod
    def _next_hop(ctx: _Context, response: _Response) -> str | None:
        """Where a response sends the client: its Location, or (for a page fetched for a
        citation) a Refresh header, meta refresh or script-only redirect, recorded as a hop
        like any other."""
        if response.status in FOLLOWED_REDIRECTS and response.location:
            moved = join_location(ctx.current, response.location)
            return ctx.rewrite_location(moved) if ctx.rewrite_location else moved
        ctx.script_check = False
        if ctx.trusted or not 200 <= response.status < 300:
            return None
        written = refresh_target(response.headers.get("Refresh")) or \
            client_redirect(response.body, response.headers.get("Content-Type"))
        target = join_location(ctx.current, written) if written else None
        if target is None or urldefrag(target)[0] == urldefrag(ctx.current)[0]:
            return None  # a page refreshing itself is a page
        if _same_path(target, ctx.current) and sets_cookie(response.body):
            ctx.script_check = True  # reloading with a cookie only the script can make: not followed
            return None
        return target

    def _exchange(self, session: requests.Session, ctx: _Context) -> _Response:
        """One GET, body read within the size cap and the deadline, evidence written."""
        if ctx.before_attempt:
            ctx.before_attempt()
        host = urlsplit(ctx.current).hostname or ""
        with self._slots.hold(host, self._time_left(ctx)):
            remaining = self._time_left(ctx)
            if remaining <= 0:
                raise OutOfTime("no answer")
            timeout = (min(self.settings.connect_timeout, remaining), min(self.settings.timeout, remaining))
            requested_at = self._now()
            raw = session.get(ctx.current, headers=ctx.conditional, timeout=timeout, stream=True,
                              allow_redirects=False, proxies=self._proxies.for_url(ctx.current))
            try:
                peer = peer_address(raw)
                cap = ctx.body_cap or (self.settings.max_body if 200 <= raw.status_code < 300
                                       else SIDE_BODY_CAP)
                body, truncated = read_body(raw, cap=min(cap, self.settings.max_body),
                                            time_left=lambda: self._time_left(ctx),
                                            read_timeout=self.settings.timeout)
            finally:
                raw.close()
        if literal_address(host) is None:
            self._dns_works = True
        response = _Response(ctx.current, raw.status_code, raw.headers, body, truncated,
                             redirect_location(session, raw), None,
                             hashlib.sha256(body).hexdigest(),
                             unreadable=coding_trouble(raw.headers, raw.headers.get("Content-Type"), body))
        if self.evidence is not None:
            response.exchange = Exchange(
                url=ctx.current, request_headers=list(raw.request.headers.items()),
                status=raw.status_code, reason=raw.reason or "",
                response_headers=list(raw.raw.headers.items()), body=body, fetched_at=requested_at,
                http_version=http_version(raw), truncated=truncated, peer=peer,
                payload_sha256=response.sha256)
        return response

    def _keep(self, response: _Response) -> None:
        """Write the response's evidence record now."""
        if self.evidence is not None and response.exchange is not None:
            response.evidence = self.evidence.record(response.exchange)
            response.exchange = None

    def _time_left(self, ctx: _Context) -> float:
        return ctx.deadline - self._clock()

    def _session(self, guarded: bool) -> requests.Session:
        """This thread's session (one guarded, one not: pooled connections are never shared)."""
        name = "guarded" if guarded else "plain"
        session: requests.Session | None = getattr(self._local, name, None)
        if session is None:
            session = new_session(self._session_factory, guarded=guarded, user_agent=self._user_agent)
            setattr(self._local, name, session)
            with self._lock:
                self._sessions.append(session)
        return session

    # -- verdict --------------------------------------------------------------------------
    def _conclude(self, cited: str, ctx: _Context, result: _Result, fetched_at: datetime) -> Fetch:
        fetch = Fetch(url=cited, link_status=LinkStatus.ERROR, reason="", fetched_at=fetched_at,
                      final_url=ctx.current, redirects=list(ctx.hops), attempts=list(ctx.attempts))
        gave_up = f" ({ctx.gave_up})" if result.retryable and ctx.gave_up else ""
        if result.response is None:
            failure = result.failure or Failure(LinkStatus.ERROR, "no attempt was made", "error")
            status, reason = failure.status, failure.reason
            if failure.name_not_found and not self._dns_answers():
                status, reason = LinkStatus.ERROR, ("no name can be looked up at all: DNS does not answer "
                                                    "(the machine seems to be offline)")
            if ctx.hops and failure.outcome not in ("redirect loop", "too many redirects", "bad redirect"):
                count = f"{len(ctx.hops)} redirect{'s' if len(ctx.hops) > 1 else ''}"
                reason += f" (at {ctx.current}, after {count})"
            fetch.link_status, fetch.reason = status, reason + gave_up
            return fetch
        response = result.response
        fetch.http_status, fetch.final_url = response.status, response.url
        fetch.headers = dict(response.headers)
        fetch.content_type = response.headers.get("Content-Type")
        fetch.body, fetch.size, fetch.truncated = response.body, len(response.body), bool(response.truncated)
        fetch.sha256 = response.sha256
        fetch.evidence = response.evidence
        fetch.link_status, reason = self._judge(ctx, response)
        fetch.not_modified = response.status == 304 and bool(ctx.conditional)
        if response.truncated:
            reason += f"; body cut at the {self.settings.max_body}-byte cap"
        fetch.reason = reason + gave_up
        return fetch

    def _judge(self, ctx: _Context, response: _Response) -> tuple[LinkStatus, str]:
        final, hops = response.url, ctx.hops
        moved = final != ctx.url
        if response.status == 304 and ctx.conditional:
            reason = "not modified since the previous check (HTTP 304)"
            return (LinkStatus.REDIRECTED, f"{redirect_summary(hops, final)}; {reason}") if moved \
                else (LinkStatus.OK, reason)
        if response.unreadable and 200 <= response.status < 300:
            return LinkStatus.ERROR, f"HTTP {response.status}, but {response.unreadable}"
        look = PageLook.of(response.body, response.headers.get("Content-Type"))
        challenge = _challenge(response.status, look)
        if challenge:
            return LinkStatus.BLOCKED, f"HTTP {response.status} with {challenge}"
        if ctx.script_check:
            return LinkStatus.BLOCKED, ("a script check: the page sets a cookie in script and reloads itself, "
                                        "which only a browser running it passes")
        verdict = response_status(response.status, response.headers, look.title if look else "")
        if verdict:
            return verdict
        if 300 <= response.status < 400:
            return LinkStatus.ERROR, f"HTTP {response.status}: a redirect without a usable Location"
        soft = redirect_target_reason(ctx.url, final, hops)
        if soft:
            return soft
        login = login_page_reason(ctx.url, final, look, hops) if look is not None else None
        if login:
            return LinkStatus.BLOCKED, login
        if is_blank(response.body) and response.status != 204:
            return LinkStatus.ERROR, f"HTTP {response.status} with an empty body: nothing to read"
        json_error = envelope_verdict(response.body, response.headers.get("Content-Type"))
        if json_error:
            return LinkStatus.SOFT_404, json_error
        if look is not None:
            blocked = look.block_reason(read_text=not ctx.defer)
            if blocked:
                return LinkStatus.BLOCKED, blocked
            trouble = look.trouble_reason(read_text=not ctx.defer)
            if trouble:
                return LinkStatus.ERROR, trouble
            says = look.error_page_reason(read_text=not ctx.defer) or \
                (None if ctx.defer else look.marks_reason(ctx.url, final))
            if says:
                return LinkStatus.SOFT_404, says
            if not ctx.trusted and is_deep_link(ctx.url) and is_deep_link(final):
                missing = self._missing_page(ctx, final)
                if missing and same_page(look.signature(*path_noise(final)), missing) \
                        and not look.is_shell:
                    host = urlsplit(final).netloc
                    return LinkStatus.SOFT_404, f"the page is identical to what {host} returns for a nonexistent path"
        kind = content_kind(response.headers.get("Content-Type"), response.body)
        detail = f"HTTP {response.status}"
        if kind is None:
            detail += f" ({response.headers.get('Content-Type') or 'no content type'}: not a page that can be matched)"
        if ctx.download:  # the service's own steps to its file say nothing of the link
            return LinkStatus.OK, f"{detail}; the shared file, downloaded from {ctx.download}"
        return (LinkStatus.REDIRECTED, f"{redirect_summary(hops, final)}; {detail}") if moved \
            else (LinkStatus.OK, detail)

    def _missing_page(self, ctx: _Context, final: str) -> str | None:
        """What the host serves for a random nonexistent path (a signature), asked once per origin.

        None when the host answers such paths honestly (4xx) or could not be asked."""
        parts = urlsplit(final)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._origin_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin in self._missing_pages:
                return self._missing_pages[origin]
            probe = replace(ctx, url=f"{origin}/{secrets.token_hex(12)}", conditional={}, hops=[],
                            attempts=[], last=_Result(), body_cap=SIDE_BODY_CAP)
            probe.current = probe.url
            try:
                response = self._walk(probe)
            except (_Stop, OutOfTime, *_NETWORK_ERRORS):
                return None  # not cached: another fetch of this host may ask again
            self._keep(response)
            look = PageLook.of(response.body, response.headers.get("Content-Type")) \
                if 200 <= response.status < 300 else None
            signature = look.signature(*path_noise(response.url), *path_noise(probe.url)) if look else None
            self._missing_pages[origin] = signature
            return signature

    def _dns_answers(self) -> bool:
        """Whether name lookups work at all (see the module docstring)."""
        with self._dns_lock:
            if self._dns_works is None:
                try:
                    socket.getaddrinfo(self._dns_canary, 443, type=socket.SOCK_STREAM)
                    self._dns_works = True
                except OSError:
                    self._dns_works = False
            return self._dns_works


def _challenge(status: int, look: PageLook | None) -> str | None:
    """A bot challenge or other wall in the page of a 429 or 5xx (archive.today's CAPTCHA comes
    with 429): the server is keeping this client out, not overloaded, and asking again will
    not help. Such answers are few and small, so their text is read."""
    if look is None or not (status == 429 or status >= 500):
        return None
    return look.block_reason()


def _same_path(one: str, other: str) -> bool:
    """Whether two addresses name the same page, whatever their queries and fragments."""
    a, b = urlsplit(one), urlsplit(other)
    return (a.netloc.lower(), a.path or "/") == (b.netloc.lower(), b.path or "/")


def _wait(state: RetryCallState) -> float:
    """Retry-After when the server gave one, else exponential backoff with jitter."""
    error = state.outcome.exception() if state.outcome else None
    retry_after = getattr(error, "retry_after", None)
    return float(retry_after) if retry_after is not None else float(_BACKOFF(state))
