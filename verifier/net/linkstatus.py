"""What a fetch showed about a cited link: one LinkStatus plus a reason in plain words.

A link is called dead only on evidence (404, 410, a name the DNS says does not exist);
blocked and rate-limited links are not dead; a 200 that is really a "not found" page is a
soft 404. The Fetcher gathers the responses; the judgements live here.
"""

from __future__ import annotations

import contextlib
import errno
import re
import socket
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import requests
from requests.models import PreparedRequest

from ..models import Hop, PageText
from ..pagetext import content_kind
from ..status import LinkStatus
from .errorpages import (
    error_page_reason,
    json_error_reason,
    trouble_reason,
    wall_reason,
    xml_error_reason,
)
from .errorpages import normalize as _normalize
from .guard import AddressRefused
from .pagelook import FORM_MARKUP, PageLook
from .urlpaths import is_deep_link, is_login_segment, path_segments, segment_stem

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504, *range(520, 530)})
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
FOLLOWED_REDIRECTS = REDIRECTS | {300}  # a 300's Location is its preferred choice: browsers go there


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+\-]*):(?!\d)")  # "host:8080/x" has no scheme


class InvalidLink(ValueError):
    """A URL that cannot be fetched as written."""


def prepare_url(url: str) -> str:
    """The URL as requests will send it (IDN to punycode, spaces quoted); InvalidLink if not."""
    url = url.strip()
    if not url:
        raise InvalidLink("the URL is empty")
    found = _SCHEME.match(url)
    scheme = found.group(1).lower() if found else ""
    if not scheme:
        raise InvalidLink("the URL has no scheme (http:// or https://)")
    if scheme not in ("http", "https"):
        raise InvalidLink(f"the scheme {scheme}: is not http or https")
    prepared = PreparedRequest()
    try:
        prepared.prepare_url(url, None)
    except (requests.RequestException, ValueError, UnicodeError) as exc:
        raise InvalidLink(f"malformed URL ({_plain(exc)})") from None
    host = urlsplit(str(prepared.url)).hostname or ""
    labels = host.rstrip(".").split(".")
    if ":" not in host and (len(host) > 253 or any(not 0 < len(x) < 64 for x in labels)):
        raise InvalidLink(f"malformed URL (host name {host!r} has an empty or too long label)")
    return str(prepared.url)


def skip_reason(host: str, skip_hosts: Sequence[str]) -> str | None:
    """Why configuration excludes this host (subdomains included), or None."""
    host = host.lower().rstrip(".")
    for entry in skip_hosts:
        name = entry.strip().lower().rstrip(".")
        with contextlib.suppress(UnicodeError):
            name = name.encode("idna").decode("ascii")
        if name and (host == name or host.endswith("." + name)):
            return f"the host {host} is excluded by configuration (skip_hosts: {entry})"
    return None


# -- failures that produced no response ----------------------------------------------------

@dataclass(frozen=True)
class Failure:
    """A fetch that ended without a usable response."""

    status: LinkStatus
    reason: str
    outcome: str  # short, for Attempt.outcome
    retryable: bool = False
    name_not_found: bool = False  # dead only if DNS is known to work (offline machine check)


def describe_failure(exc: BaseException) -> Failure:
    """Map an exception from requests (or the guard) to a Failure."""
    if isinstance(exc, AddressRefused):
        return Failure(LinkStatus.SKIPPED, f"refused by the address guard: {exc.reason}", "refused")
    if isinstance(exc, requests.exceptions.SSLError):
        return Failure(LinkStatus.ERROR, f"TLS failure ({_plain(exc)})", "tls error")
    if isinstance(exc, requests.exceptions.ProxyError):
        return Failure(LinkStatus.ERROR, f"the proxy failed ({_plain(exc)})", "proxy error", True)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return Failure(LinkStatus.ERROR, "the connection timed out", "connect timeout", True)
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return Failure(LinkStatus.ERROR, "the server stopped answering (read timeout)", "timeout", True)
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return Failure(LinkStatus.ERROR, "the body could not be decompressed", "bad encoding")
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return Failure(LinkStatus.ERROR, "the connection broke off mid-body", "broken body", True)
    if isinstance(exc, requests.exceptions.ConnectionError):
        return _connection_failure(exc)
    if isinstance(exc, requests.exceptions.InvalidURL | ValueError):
        return Failure(LinkStatus.INVALID, f"malformed URL ({_plain(exc)})", "invalid")
    return Failure(LinkStatus.ERROR, f"request failed ({_plain(exc)})", "error", True)


def _connection_failure(exc: BaseException) -> Failure:
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            if cause.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
                return Failure(LinkStatus.DEAD, "the server name does not exist (DNS: name not found)",
                               "name not found", name_not_found=True)
            if cause.errno == socket.EAI_AGAIN:
                return Failure(LinkStatus.ERROR, "name lookup failed temporarily (DNS unreachable: "
                               "is the machine offline?)", "dns temporary failure", True)
            return Failure(LinkStatus.ERROR, f"name lookup failed ({cause.strerror})", "dns error", True)
        if isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == errno.ECONNREFUSED:
            return Failure(LinkStatus.ERROR, "connection refused", "connection refused", True)
        if isinstance(cause, ConnectionResetError):
            return Failure(LinkStatus.ERROR, "the connection was reset", "connection reset", True)
    return Failure(LinkStatus.ERROR, f"connection failed ({_plain(exc)})", "connection error", True)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what it wraps (urllib3's .reason, args, __cause__), depth first."""
    seen: set[int] = set()
    stack = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [getattr(current, "reason", None), current.__cause__, current.__context__,
                  *current.args]
        stack.extend(x for x in linked if isinstance(x, BaseException))


def _plain(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


# -- responses -----------------------------------------------------------------------------

def blocked_reason(status: int, headers: Mapping[str, str], title: str = "") -> str | None:
    """Why a response is an access refusal or bot challenge rather than the page, or None."""
    if "cf-mitigated" in headers:
        return f"a Cloudflare bot challenge (cf-mitigated: {headers['cf-mitigated']})"
    waf = headers.get("x-amzn-waf-action", "")
    if waf.lower() in ("challenge", "captcha"):
        return f"an AWS WAF bot challenge (x-amzn-waf-action: {waf})"
    vercel = headers.get("x-vercel-mitigated", "")
    if vercel.lower() in ("challenge", "deny"):
        return f"a Vercel firewall challenge (x-vercel-mitigated: {vercel})"
    if status == 401:
        return "HTTP 401: the server asks for a login"
    if status == 402:
        return "HTTP 402 Payment Required: the page is behind a paywall"
    if status == 403:
        return "HTTP 403 Forbidden: the server refused access"
    if status == 406:
        # every request accepts */*: a 406 is a firewall's refusal (ModSecurity), not negotiation
        return "HTTP 406 Not Acceptable: a firewall refused the request"
    if status == 451:
        return "HTTP 451: unavailable for legal reasons"
    if status == 999:
        return "HTTP 999: a non-standard status sites (LinkedIn among them) send to refuse automated clients"
    if any(_CHALLENGE.fullmatch(segment) for segment in _segments(title)):
        return f"a bot challenge page (title {title!r})"
    if any(_CONSENT_TITLE.fullmatch(segment) for segment in _segments(title)):
        return f"a cookie consent wall stands before the page (title {title!r})"
    return None


def response_status(status: int, headers: Mapping[str, str], title: str = "") -> tuple[LinkStatus, str] | None:
    """The status a non-2xx, non-redirect response gives, or None when the response is a page."""
    blocked = blocked_reason(status, headers, title)
    if blocked:
        return LinkStatus.BLOCKED, blocked
    if status in (404, 410):
        return LinkStatus.DEAD, f"HTTP {status} {_STATUS_WORDS.get(status, '')}".rstrip()
    if status == 429:
        return LinkStatus.ERROR, "HTTP 429: rate limited by the server"
    if 200 <= status < 300:
        return None
    words = _STATUS_WORDS.get(status, "")
    return LinkStatus.ERROR, f"HTTP {status} {words}".rstrip()


_STATUS_WORDS = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
                 407: "Proxy Authentication Required", 410: "Gone", 500: "Internal Server Error",
                 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


def redirect_summary(hops: Sequence[Hop], final_url: str) -> str:
    """'redirected to <url> (permanent)': permanence read from the hops' statuses."""
    kinds = {"permanent" if h.status in PERMANENT_REDIRECTS else "temporary" for h in hops}
    kind = " and ".join(sorted(kinds)) if kinds else "unknown"
    count = f"{len(hops)} redirects" if len(hops) > 1 else "1 redirect"
    return f"redirected to {final_url} ({count}, {kind})"


# -- titles, login pages, and what a page says it is ---------------------------------------

_CHALLENGE = re.compile(r"just a moment|attention required cloudflare|access denied|"
                        r"are you a (robot|human)|verify you are (a )?human|checking your browser|"
                        r"please verify you are a human|ddos protection by cloudflare|captcha|"
                        r"pardon our interruption|access to this page has been denied|ddos guard|"
                        r"vercel security checkpoint|making sure (you are|youre) not a (ro)?bot|"
                        r"your access to this (site|website) has been (limited|blocked|restricted)"
                        r"( by the (site|website) owner)?")
# Consent-management walls: the page is behind a cookie choice, not refused, not missing.
_CONSENT_TITLE = re.compile(r"before you continue( to( [\w]+){1,5})?|cookie consent|"
                            r"privacy (consent|choices)|consent to cookies")
_TITLE_SEPARATORS = re.compile(r"\s[|\-–—·•»:]\s|[|–—·•»:]")


@lru_cache(maxsize=64)
def _segments(title: str) -> tuple[str, ...]:
    """A title's parts between separators ('Just a moment... | Site'), normalized; kept for
    the page's next question (a challenge, a consent wall, a login prompt)."""
    parts = [_normalize(p) for p in _TITLE_SEPARATORS.split(title)] + [_normalize(title)]
    return tuple(p for p in parts if p)


_LOGIN_TITLE = re.compile(r"(please )?(sign|log) ?(in|on)( to( [\w]+){1,5})?|login|anmelden|"
                          r"iniciar sesion|se connecter|connexion|accedi|inloggen|entrar")


def login_title(title: str) -> bool:
    """Whether a title (or one of its segments) is a login prompt: 'Sign in · Site', 'Log in to continue'."""
    return any(_LOGIN_TITLE.fullmatch(part) for part in _segments(title))


def login_page_reason(cited: str, final: str, look: PageLook, hops: Sequence[Hop]) -> str | None:
    """Why a deep link ends on a page titled as a login prompt ('Sign in • Docs'): redirected
    there, or answered at the cited URL itself with a password form (a help page titled 'Sign
    in' explains signing in and asks for no password; a cited login page is itself); or on a
    page that is nothing but a password form, whatever its title (a VPN portal, a site's
    password gate); or None."""
    if not is_deep_link(cited):
        return None
    titled = login_title(look.title)
    if hops and titled:
        return f"the link was redirected to a login page titled {look.title!r} ({final})"
    if not titled and len(look.decoded) > FORM_MARKUP:
        return None  # an untitled page this large is no bare form: not searched for a password field
    if look.asks_identity_provider:
        return "the link answers with a form posting a sign-in request to an identity provider (SAML)"
    if not look.asks_password or any(is_login_segment(s) for s in path_segments(urlsplit(cited).path)):
        return None
    if titled:
        return f"the link answers with a login form titled {look.title!r}"
    if look.is_bare_form:
        where = f"was redirected to ({final})" if hops else "answers with"
        return f"the link {where} a password form and nothing else"
    return None


def text_verdict(page: PageText) -> tuple[LinkStatus, str] | None:
    """What a page's text says about the link, or None: a wall (blocked), a maintenance or
    server-error page (error), or an error page (a soft 404). The body half of
    `PageLook.block_reason`, `trouble_reason` and `error_page_reason`, for a page whose text
    was read (its title was judged when the page was fetched; here it tells a page about an
    error from an error page)."""
    if page.kind not in ("html", "text"):
        return None
    blocked = wall_reason("", page.text)
    if blocked:
        return LinkStatus.BLOCKED, blocked
    trouble = trouble_reason("", page.text)
    if trouble:
        return LinkStatus.ERROR, trouble
    says = error_page_reason(page.title, page.text)
    return (LinkStatus.SOFT_404, says) if says else None


def markup_verdict(body: bytes, content_type: str | None, cited: str, final: str) -> tuple[LinkStatus, str] | None:
    """What a page's markup says it is (`PageLook.marks_reason`), for a page whose fetcher left
    that to its reader: a soft 404, or None. Only HTML has marks: nothing else is decoded."""
    if content_kind(content_type, body) != "html":
        return None
    look = PageLook.of(body, content_type)
    said = look.marks_reason(cited, final) if look is not None else None
    return (LinkStatus.SOFT_404, said) if said else None


def envelope_verdict(body: bytes, content_type: str | None) -> str | None:
    """Why an API's answer served with 200 is a not-found error, or None for anything else: a
    JSON envelope, also when it is served as a page or as text (a framework's default error
    answer under the site's HTML type), or a storage service's XML <Error>."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    opening = body[:64].lstrip()[:1]
    if ctype == "application/json" or ctype.endswith("+json") or (ctype in _JSON_AS_PAGE and opening == b"{"):
        return json_error_reason(body)
    return xml_error_reason(body) if opening in (b"<", b"\xef") else None


_JSON_AS_PAGE = frozenset({"", "text/html", "text/plain", "application/octet-stream"})


def path_noise(url: str) -> list[str]:
    """Pieces of a URL a not-found page often repeats: path, last segment, query."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    pieces = [url, parts.path, unquote(parts.path), parts.query]
    if segments:
        last = unquote(segments[-1])
        pieces += [segments[-1], last, segment_stem(last).replace("-", " ")]  # the slug's words, echoed
    return pieces


def same_page(signature: str, missing_signature: str) -> bool:
    """Whether a page is (nearly) identical to the host's page for a nonexistent path."""
    if not signature or not missing_signature:
        return False
    if signature == missing_signature:
        return True
    from rapidfuzz import fuzz

    return fuzz.ratio(signature, missing_signature) >= 97.0
