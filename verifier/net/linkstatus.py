"""What a fetch showed about a cited link: one LinkStatus plus a reason in plain words.

A link is called dead only on evidence (404, 410, a name the DNS says does not exist);
blocked and rate-limited links are not dead; a 200 that is really a "not found" page is a
soft 404. The Fetcher gathers the responses; the judgements live here.
"""

from __future__ import annotations

import contextlib
import errno
import html
import json
import re
import socket
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from urllib.parse import SplitResult, parse_qsl, unquote, urljoin, urlsplit

import requests
from requests.models import PreparedRequest

from ..models import Hop, PageText
from ..pagetext import content_kind, decode_body, html_text
from ..status import LinkStatus
from .errorpages import (
    PROSE_LINE,
    envelope_error_reason,
    error_page_reason,
    json_error_reason,
    trouble_reason,
    wall_reason,
    xml_error_reason,
)
from .errorpages import normalize as _normalize
from .guard import AddressRefused
from .pagemarks import body_start, canonical_href, head_end, not_found_template, prerender_status

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504, *range(520, 530)})
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
FOLLOWED_REDIRECTS = REDIRECTS | {300}  # a 300's Location is its preferred choice: browsers go there
LOOK_LIMIT = 1_000_000  # bytes of a page read for the error-page checks: error pages are small
SHORT_PAGE_MARKUP = 300_000  # larger markup is not searched line by line for error phrases
TROUBLE_MARKUP = 50_000  # bytes: larger markup is no maintenance or server-error page


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


# -- soft 404s ----------------------------------------------------------------------------

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


_GENERIC_SEGMENTS = frozenset({
    "index", "default", "home", "homepage", "main", "404", "error", "errors", "notfound",
    "not-found", "page-not-found", "pagenotfound", "error404", "error-404", "404-error", "search",
    # home pages in other languages
    "startseite", "accueil", "inicio", "portada", "pagina-inicial", "inizio", "anasayfa", "forside",
    "etusivu", "strona-glowna", "glavnaya", "home-page", "frontpage", "front-page",
})
_ERROR_STEMS = frozenset({"404", "410", "error", "errors", "notfound", "not-found", "page-not-found",
                          "pagenotfound", "error404", "error-404", "404-error", "404error",
                          # in other languages
                          "page-introuvable", "page-non-trouvee", "pagina-no-encontrada",
                          "pagina-non-trovata", "pagina-nao-encontrada", "seite-nicht-gefunden",
                          "pagina-niet-gevonden", "fehler-404", "erreur-404", "error-404-pagina"})
# '/article-not-found', '/content_not_found', '/link-expired': a thing the site names as missing
# or gone ('expired' or 'removed' alone may name a song or a book: only with the thing).
_MISSING_THING = re.compile(r"(page|article|content|post|story|item|product|file|video|document|"
                            r"resource|user|profile)-?not-?found|(link|page|content|article|post|story|item|"
                            r"url|offer|listing)-?(expired|removed|deleted|unavailable)")
_PAGE_EXTENSION = re.compile(r"\.(html?|php\d?|aspx?|jsp|cfm|shtml)$")
_LANGUAGE_SEGMENT = re.compile(r"[a-z]{2}([-_][a-z]{2,4})?")
# Query keys that make a home or search page show search results or an error, not a page.
_NON_PAGE_KEYS = frozenset({"s", "q", "query", "search", "keyword", "keywords", "term", "error",
                            "code", "status", "aspxerrorpath", "notfound", "from", "ref", "source",
                            "page", "lang", "hl", "locale", "sort"})
_LOGIN_WORDS = frozenset({"login", "signin", "logon", "sso", "auth", "authorize"})
_SEARCH_KEYS = frozenset({"s", "q", "query", "search", "keyword", "keywords", "term"})
# A site's search page in some language ('/suche?q=', '/search/old-slug'): no page of its own.
_SEARCH_SEGMENTS = frozenset({"search", "suche", "recherche", "buscar", "busca", "busqueda", "cerca",
                              "ricerca", "zoeken", "sok", "haku", "szukaj", "arama", "poisk", "pesquisa"})
# Where a site sends readers who must pay or register first: whole segments only, as a
# headline's slug ('/2024/05/register-to-vote') holds such words too.
_PAYWALL_GATES = frozenset({"subscribe", "subscription", "subscriptions", "paywall", "register",
                            "registration", "signup", "sign-up",
                            # in other languages
                            "abonnement", "abonnements", "abonnieren", "abo", "s-abonner",
                            "suscribete", "suscripcion", "suscribirse", "abbonati", "abbonamento",
                            "assinatura", "assine", "prenumerera", "abonneren"})
# Login pages in other languages, whole segments only: 'connexion' is also a headline's word.
_LOGIN_GATES = frozenset({"anmelden", "anmeldung", "einloggen", "connexion", "se-connecter",
                          "iniciar-sesion", "iniciar-sessao", "inicio-sesion", "accedi", "inloggen",
                          "logowanie", "zaloguj", "entrar", "giris", "giris-yap", "vhod", "prihlaseni",
                          "kirjaudu", "logga-in"})
_PASSWORD_GATES = frozenset({"password", "password-protected"})
# Sign-in endpoints of access gateways, named by neither word: F5 BIG-IP APM, Cisco's VPN portal.
_GATEWAY_SIGN_INS = frozenset({"my.policy", "+cscoe+"})
_WHOLE_SEGMENT_GATES = _PAYWALL_GATES | _LOGIN_GATES | _PASSWORD_GATES | _GATEWAY_SIGN_INS
_MAINTENANCE_STEMS = frozenset({"maintenance", "maintenance-mode", "under-maintenance", "site-maintenance"})
# A segment made only of these words, one of them a wall word, is a consent page ('/consent',
# '/cookie-consent', '/privacy/cookiewall'); 'consent' inside a headline's slug is not.
_CONSENT_WORDS = frozenset({"cookie", "cookies", "consent", "privacy", "gdpr", "wall", "cookiewall",
                            "gate", "choice", "choices"})
_CONSENT_TOPIC = frozenset({"cookie", "cookies", "privacy", "gdpr"})  # '/wall' alone is no wall


def _path_segments(path: str) -> list[str]:
    return [s.lower() for s in unquote(path).split("/") if s]


def _stem(segment: str) -> str:
    """A path segment without its page extension, underscores as hyphens: 'Error.aspx' ->
    'error', 'index.html' -> 'index', 'page_not_found' -> 'page-not-found'."""
    return _PAGE_EXTENSION.sub("", segment).replace("_", "-")


def _is_generic_path(path: str) -> bool:
    """A home, index, search or error path ('/', '/en/', '/index.html', '/errors/404').

    An error page name ('/Error.aspx', '/site/errors/not-found.html') is generic at any depth:
    nothing but a missing page is sent there."""
    segments = [_stem(s) for s in _path_segments(path)]
    if _is_error_path(path) or _is_search_path(segments):
        return True
    return len(segments) <= 2 and all(s in _GENERIC_SEGMENTS or _LANGUAGE_SEGMENT.fullmatch(s)
                                      for s in segments)


def _is_search_path(segments: list[str]) -> bool:
    """A search page, its words in the path or none ('/suche', '/en/search/old-slug')."""
    if segments and _LANGUAGE_SEGMENT.fullmatch(segments[0]):
        segments = segments[1:]
    return 1 <= len(segments) <= 2 and segments[0] in _SEARCH_SEGMENTS


def _is_error_path(path: str) -> bool:
    segments = _path_segments(path)
    if not segments:
        return False
    stem = _stem(segments[-1])
    return stem in _ERROR_STEMS or _MISSING_THING.fullmatch(stem) is not None or _names_an_error(path)


# Words a not-found page's name is made of ('PageNotFoundError.aspx', 'http-404-page').
_ERROR_WORDS = frozenset({"page", "file", "not", "found", "notfound", "error", "404", "410", "http"})
_ANY_CASE_EXTENSION = re.compile(_PAGE_EXTENSION.pattern, re.IGNORECASE)
_NAME_WORDS = re.compile(r"[-_.\s]+|(?<=[a-z])(?=[A-Z0-9])|(?<=[0-9])(?=[A-Za-z])")


def _names_an_error(path: str) -> bool:
    """Whether a path's last segment, its words told apart by case or punctuation, is made only
    of error words and says not found ('PageNotFoundError.aspx'); not a headline's slug
    ('hikers-not-found')."""
    last = unquote(path).rstrip("/").rsplit("/", 1)[-1]
    words = {w.lower() for w in _NAME_WORDS.split(_ANY_CASE_EXTENSION.sub("", last)) if w}
    return bool(words) and words <= _ERROR_WORDS and \
        ({"not", "found"} <= words or bool(words & {"404", "410", "notfound"}))


def _names_a_page(query: str) -> bool:
    """Whether a query picks a page ('?p=123', '?id=7') rather than searches or reports an error."""
    keys = {k.lower() for k, _ in parse_qsl(query, keep_blank_values=True)}
    return any(k not in _NON_PAGE_KEYS and not k.startswith("utm_") for k in keys)


def _searches(query: str) -> bool:
    """Whether a query carries search words ('?q=budget'): with them, other keys
    ('&type=article', '&page=2') refine a search rather than pick a page."""
    return any(k.lower() in _SEARCH_KEYS for k, _ in parse_qsl(query, keep_blank_values=True))


def _reports_error(query: str) -> bool:
    """Whether a query's value names an error page ('?msg=page_not_found', '?reason=notfound').
    Numbers do not: '?p=404' is a post id."""
    return any(_stem(v.lower()) in _ERROR_STEMS and not v.isdigit()
               for _, v in parse_qsl(query, keep_blank_values=True))


def _hash_route(fragment: str) -> str | None:
    """The path a single-page application routes by ('#/articles/12', '#!/articles/12'), or None."""
    route = fragment[1:] if fragment.startswith("!") else fragment
    return urlsplit(route).path if route.startswith("/") else None


@lru_cache(maxsize=256)
def is_deep_link(url: str) -> bool:
    """Whether a URL names a page below a site's home (a path, a query on the home, or an
    application's route after '#/'). Kept: the Fetcher asks it of one URL up to three times
    (the login, sameness and redirect checks)."""
    parts = urlsplit(url)
    if not _is_generic_path(parts.path):
        return True
    route = _hash_route(parts.fragment)
    if route is not None and not _is_generic_path(route):
        return True
    return _names_a_page(parts.query) and not _is_error_path(parts.path) \
        and not _searches(parts.query) and not _reports_error(parts.query)


def _is_login_segment(segment: str) -> bool:
    """'login', 'sign_in', 'Login.aspx', 'wp-login.php', 'log-on', 'password', 'subscribe',
    'anmelden': a segment naming a login page, a password gate or a paywall's offer (those
    and other languages' login pages only whole: '/choosing-a-password' is a slug)."""
    words = [w for w in re.split(r"[-_.]", segment) if w]
    joined = {a + b for a, b in zip(words, words[1:], strict=False)}
    return bool(_LOGIN_WORDS.intersection(words) or _LOGIN_WORDS.intersection(joined)) \
        or _stem(segment) in _WHOLE_SEGMENT_GATES


def names_a_login_page(url: str) -> bool:
    """Whether an address names a login page ('/account/login', '/signin', 'wp-login.php')."""
    return any(_is_login_segment(s) for s in _path_segments(urlsplit(url).path))


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
    if not look.asks_password or any(_is_login_segment(s) for s in _path_segments(urlsplit(cited).path)):
        return None
    if titled:
        return f"the link answers with a login form titled {look.title!r}"
    if look.is_bare_form:
        where = f"was redirected to ({final})" if hops else "answers with"
        return f"the link {where} a password form and nothing else"
    return None


def _is_consent_segment(segment: str) -> bool:
    """'consent', 'cookie-consent', 'cookiewall', 'privacy-gate': a segment naming a consent wall;
    'gdpr' alone is where publishers send readers in the EU, to consent or to be turned away."""
    words = {w for w in _stem(segment).split("-") if w}
    walled = bool(words & {"consent", "cookiewall", "gdpr"}) or \
        bool(words & {"wall", "gate"} and words & _CONSENT_TOPIC)
    return words <= _CONSENT_WORDS and walled


def redirect_target_reason(cited: str, final: str, hops: Sequence[Hop]) -> tuple[LinkStatus, str] | None:
    """A deep link redirected to a home page or generic path (soft 404), or to a login, paywall
    or consent page (blocked); any link redirected to a maintenance page (error)."""
    if not hops:
        return None
    parts = urlsplit(final)
    segments = _path_segments(parts.path)
    if segments and _stem(segments[-1]) in _MAINTENANCE_STEMS:
        return LinkStatus.ERROR, f"the link was redirected to a maintenance page ({final})"
    if not is_deep_link(cited):
        return None
    host = (parts.hostname or "").lower()
    if any(_is_login_segment(s) or _is_consent_segment(s) for s in segments) \
            or host.startswith(("login.", "accounts.", "consent.")) or _asks_identity(parts.query):
        return LinkStatus.BLOCKED, f"the link was redirected to a login, paywall or consent page ({final})"
    if any(_is_region_gate(s) for s in segments):
        return LinkStatus.BLOCKED, f"the link was redirected to a country or region selector ({final})"
    cited_parts = urlsplit(cited)
    if not is_deep_link(final):
        if _short_link_elsewhere(cited_parts, parts):
            return None
        where = "home page" if not segments else f"generic page /{'/'.join(segments)}"
        return LinkStatus.SOFT_404, f"the deep link was redirected to the site's {where} ({final})"
    if _up_to_a_folder(cited_parts, parts):
        return LinkStatus.SOFT_404, f"the link was redirected up to the folder that held it ({final})"
    if _to_another_section(cited_parts, parts):
        return LinkStatus.SOFT_404, f"the page was redirected to a section's front page ({final})"
    return None


# Query keys of a request to an identity provider: SAML, WS-Federation (ADFS), OAuth / OpenID.
_IDENTITY_KEYS = frozenset({"samlrequest", "wtrealm"})
_OAUTH_KEYS = frozenset({"client_id", "redirect_uri", "response_type"})


def _asks_identity(query: str) -> bool:
    """Whether a query is a sign-in request to an identity provider ('?SAMLRequest=',
    '?wa=wsignin1.0&wtrealm=', '?client_id=..&redirect_uri=..'), whatever its path is called."""
    keys = {k.lower() for k, _ in parse_qsl(query, keep_blank_values=True)}
    return bool(keys & _IDENTITY_KEYS) or len(keys & _OAUTH_KEYS) >= 2


_REGION_WORDS = frozenset({"country", "countries", "region", "regions", "locale", "location"})
_CHOOSER_WORDS = frozenset({"select", "selector", "selection", "choose", "chooser", "picker", "switcher",
                            "gateway"})
_REGION_GATE_WORDS = _REGION_WORDS | _CHOOSER_WORDS | {"your", "or", "and", "a", "page"}


def _is_region_gate(segment: str) -> bool:
    """'choose-country-region', 'country-selector', 'select-your-country': a page where a shop
    or brand asks the reader's country before showing a page. The page stands behind it: a
    gate, like a consent page. A headline's slug has other words."""
    words = {w for w in _stem(segment).split("-") if w}
    return bool(words & _REGION_WORDS) and bool(words & _CHOOSER_WORDS) and words <= _REGION_GATE_WORDS


_SHORT_CODE = re.compile(r"[A-Za-z0-9]{4,12}")
SHORTENER_LABEL = 7  # characters: 'bit', 'tinyurl', 'ow', 't': a shortener's name is short


def _short_link_elsewhere(cited: SplitResult, final: SplitResult) -> bool:
    """A shortener's link ('https://bit.ly/3kTz9Qa': a short host name, one short code of
    letters and digits) sent to another host: it was made for whatever it points to, so its
    landing on a home page says nothing of a page gone."""
    labels = (cited.hostname or "").lower().split(".")
    code = cited.path.strip("/")
    return len(labels) == 2 and len(labels[0]) <= SHORTENER_LABEL and _SHORT_CODE.fullmatch(code) is not None \
        and (any(c.isdigit() for c in code) or not code.islower()) \
        and (final.hostname or "").lower().removeprefix("www.") != ".".join(labels)


def _to_another_section(cited: SplitResult, final: SplitResult) -> bool:
    """A page named by a slug, deep in a site ('/news/press-releases/2019/06/depot-market'),
    redirected to a one-word section of the same or a new site ('/newsroom/'): the page is
    gone and a list of others is shown. Not a canonical move keeping the slug ('/depot')."""
    above, below = _path_segments(final.path), _path_segments(cited.path)
    return len(above) == 1 and len(below) >= 3 and above[0] not in below \
        and _NAMES_A_PAGE.search(below[-1]) is not None and _NAMES_A_PAGE.search(above[0]) is None \
        and not _names_a_page(final.query)


_NAMES_A_PAGE = re.compile(r"[-_.\d]")  # a slug, a file name or an id, not a view ('amp', 'print')


def _up_to_a_folder(cited: SplitResult, final: SplitResult) -> bool:
    """A redirect from a page to a folder above it on the same site ('/documents/report-2019.pdf'
    -> '/documents/', '/2019/06/boathouse-survey' -> '/2019/06/'): the page is gone and its
    section is shown instead. Only when what was dropped names a page of its own, not a view of
    the one kept ('/story-slug/amp' -> '/story-slug' is the same story)."""
    above, below = _path_segments(final.path), _path_segments(cited.path)
    if not above or len(above) >= len(below) or below[:len(above)] != above or _names_a_page(final.query):
        return False
    dropped = _stem(below[-1])
    return dropped not in _GENERIC_SEGMENTS and _NAMES_A_PAGE.search(below[-1]) is not None


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


# The title is looked for in the page's own case: lower-casing can change a text's length ('İ'
# becomes two characters), so positions found in a lowered copy would be off. Each tag is one
# search from where the last ended: a page of unclosed tags costs one pass, not one per tag.
TITLE_LIMIT = 200_000
_TITLE_OPEN = re.compile(r"<title\b", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title", re.IGNORECASE)


class PageLook:
    """A page as the error-page and sameness checks read it, parsed only when needed.

    Most pages are judged by their title alone (a cheap scan); the full text is extracted
    only for a short page that mentions a not-found phrase, or to compare a page with its
    host's not-found page. Only the first LOOK_LIMIT bytes are read."""

    def __init__(self, decoded: str, kind: str) -> None:
        self.decoded = decoded
        self.kind = kind

    @classmethod
    def of(cls, body: bytes, content_type: str | None) -> PageLook | None:
        """None for content that is not HTML or text (PDF, images): those are not judged."""
        kind = content_kind(content_type, body)
        if kind not in ("html", "text"):
            return None
        return cls(decode_body(body[:LOOK_LIMIT], content_type), kind)

    @cached_property
    def lowered(self) -> str:
        return self.decoded.lower()

    @cached_property
    def title(self) -> str:
        if self.kind != "html":
            return ""
        opening = _TITLE_OPEN.search(self.decoded, 0, TITLE_LIMIT)
        start = self.decoded.find(">", opening.end()) + 1 if opening else 0
        closing = _TITLE_CLOSE.search(self.decoded, start) if start else None
        return " ".join(html.unescape(self.decoded[start:closing.start()]).split()) \
            if closing else ""

    @cached_property
    def asks_password(self) -> bool:
        """Whether the markup holds a password field: a login form. (A plain search of the markup
        as written first: lowering the page and the field's pattern, which stops at every 'type'
        in it, cost more.)"""
        return self.kind == "html" and ("assword" in self.decoded or "ASSWORD" in self.decoded) \
            and _PASSWORD_FIELD.search(self.lowered) is not None

    @cached_property
    def text(self) -> str:
        return html_text(self.decoded)[0] if self.kind == "html" else self.decoded

    @cached_property
    def maybe_message(self) -> bool:
        """Whether the page is short enough and its markup holds a word of a not-found or
        blocked message: only then is its text extracted."""
        return len(self.decoded) <= SHORT_PAGE_MARKUP and \
            (any(p.search(self.lowered) for p in _MAYBE_LATIN)
             or (_OTHER_SCRIPTS.search(self.lowered) is not None
                 and any(p.search(self.lowered) for p in _MAYBE_OTHER)))

    def _message_text(self, read_text: bool) -> str:
        """The text the error-page, wall and trouble checks read: extracted only when it could
        matter (`maybe_message`); none with `read_text=False`, for a caller who reads the
        page's text anyway and judges it there (see `text_verdict`)."""
        return self.text if read_text and self.maybe_message else ""

    def error_page_reason(self, *, read_text: bool = True) -> str | None:
        """error_page_reason() of this page, extracting its text only when it could matter; or
        its application's state saying it rendered a not-found page."""
        return error_page_reason(self.title, self._message_text(read_text)) or self.state_reason()

    def state_reason(self) -> str | None:
        """A page's application state saying it is the not-found page: Next.js's __NEXT_DATA__
        naming the page '/404' (or '/_error' with status 404), or, on a small page, a
        'window.__STATE__ = {...}' whose envelope says not found (see envelope_error_reason).
        The state is decoded only when its marker is in the page: one search of the markup."""
        if self.kind != "html":
            return None
        at = self.decoded.find("__NEXT_DATA__")  # as Next.js writes it; the page's own case
        if at >= 0:
            return _next_data_reason(self.decoded, at)
        found = _window_state(self.decoded)
        if found is None:
            return None
        try:
            state, _end = json.JSONDecoder().raw_decode(self.decoded, found.end() - 1)
        except ValueError:
            return None
        return envelope_error_reason(state, "the page's application state")

    def block_reason(self, *, read_text: bool = True) -> str | None:
        """wall_reason() of this page: its title, and its text as error_page_reason reads it;
        or a small page with no text that only loads a bot manager's challenge."""
        return wall_reason(self.title, self._message_text(read_text)) or self._challenge_resource()

    def _challenge_resource(self) -> str | None:
        """A bot manager's challenge told by the resource it loads (Incapsula's iframe, DataDome's
        captcha script, Akamai's challenge), on a small page with no text of its own: a page that
        merely uses such a script has words around it."""
        if len(self.decoded) > CHALLENGE_MARKUP or self.kind != "html":
            return None
        found = next(filter(None, (p.search(self.lowered) for p in _CHALLENGE_RESOURCES)), None)
        if found is None or len(self.text.strip()) > CHALLENGE_TEXT:
            return None
        return f"a bot challenge: the page only loads {found.group()!r}"

    def marks_reason(self, cited: str, final: str) -> str | None:
        """What the page's markup says it is (see pagemarks): a CMS's not-found template or a
        prerender status of 404 or 410; or, for a deep link, the site's home or search page named
        as its canonical address by a page with no prose of its own (a listing served in place
        of the page: an article whose template points its canonical home still has its prose)."""
        if self.kind != "html":
            return None
        body = body_start(self.decoded)
        template = not_found_template(self.decoded, body)
        if template:
            return f"the page is the site's not-found template (body class {template!r})"
        end = head_end(self.decoded, body)
        if prerender_status(self.decoded, end) in (404, 410):
            return "the page tells prerendering services to answer it as not found (prerender-status-code)"
        href = canonical_href(self.decoded, end) if is_deep_link(cited) else None
        canonical = urljoin(final, href) if href else None
        if canonical is None or is_deep_link(canonical) or _bare_host(canonical) != _bare_host(final) \
                or any(len(line) >= PROSE_LINE for line in self.text.splitlines()):
            return None
        return f"a page with no prose of its own names the site's home or search page as its address ({canonical})"

    @cached_property
    def is_bare_form(self) -> bool:
        """Whether a small page's text is no more than a form's labels and the site's name."""
        return len(self.decoded) <= FORM_MARKUP and len(self.text.strip()) <= FORM_TEXT

    @cached_property
    def is_shell(self) -> bool:
        """Whether the page is an application's shell: scripts and no text. Such a page is the
        same at every path by design, so sameness with a nonexistent path says nothing."""
        return self.kind == "html" and "<script" in self.lowered and not self.text.strip()

    def trouble_reason(self, *, read_text: bool = True) -> str | None:
        """trouble_reason() of a small page: its title, and its text as error_page_reason reads
        it. A failing server's page is small; a page about an error (a reference page titled
        '500 Internal Server Error') is not."""
        if len(self.decoded) > TROUBLE_MARKUP:
            return None
        return trouble_reason(self.title, self._message_text(read_text))

    def signature(self, *noise: str) -> str:
        """Normalized title and text with the given strings (the requested path) removed, and
        every word holding a digit: request ids, tokens, timings and clocks change per request."""
        text = f"{self.title}\n{self.text}"
        for piece in sorted({n for n in noise if len(n) > 2}, key=len, reverse=True):
            text = text.replace(piece, " ")
        text = _VOLATILE.sub(" ", text)
        return " ".join(text.split()).lower()[:20_000]


# A cheap superset of the body phrases _NOT_FOUND knows: a page with none is not parsed.
# No word holds another ("trouv" finds "introuvable" too): each is one more pass over the page.
_MAYBE_NOT_FOUND = ("found", "find", "locate", "404", "removed", "deleted", "taken down", "for sale",
                    "parked", "410", "۴۰۴", "exist", "no longer", "gefunden", "trouv", "encontr",
                    "trovat", "gevonden", "найден", "существ", "یافت", "پیدا", "جود", "عثور",
                    "つかりません", "存在しません", "不存在", "找不到", "未找到", "bulunama",
                    "t available", "expired", "unavailable", "legal reason", "451", "temukan",
                    "tìm thấy", "tồn tại", "znalez", "istnie", "bestaat", "찾을 수", "존재하지",
                    "נמצא", "קיים", "існу", "ہیں ملا", "logged in", "log in to", "sign in to",
                    "suspend", "suspens", "gesperrt", "sospes", "private", "permission", "need access", "subscri", "free articles",
                    "accept all", "akzeptieren", "tout accepter", "aceptar todo", "human", "browser",
                    "back soon", "maintenance", "database", "internal error", "no text in",
                    "βρέθηκε", "υπάρχει", "hittas", "finns inte", "nenalezen", "găsit", "ไม่พบ", "नहीं मिल", "मौजूद नहीं", "haukupatikana", "haupo",
                    "যায়নি", "নেই", "található", "nem létezik", "löyty", "löydy", "not have an",
                    "fant ikke", "finnes ikke", "nenašla", "намерена", "пронађена", "pronađena",
                    "mogoče najti", "ne obstaja", "ei leitud", "nav atrasta", "neeksist", "nerastas",
                    "dijumpai", "wujud", "mahanap", "umiiral", "கிடைக்கவில்லை", "fannst ekki",
                    "nothing here", "n't here", "invited", "no results", "no matches", "no records", "n’t here", "been disabled", "or older", "years of age",
                    "been terminated", "been banned", "was banned", "goes by that", "no such",
                    "continue reading", "keep reading", "in your country", "only works in",
                    "stá disponible", "pas disponible", "plus disponible", "stá disponível",
                    "nicht verfügbar", "nicht mehr verfügbar", "nicht mehr online",
                    "nicht mehr abrufbar", "its privacy settings", "not a bot", "not a robot",
                    "security of your connection", "security check", "disable any ad",
                    "cookies to continue", "unusual activity", "unusual traffic",
                    "accepter alle", "godta alle", "hyväksy kaikki", "tümünü kabul", "přijmout vše",
                    "accetta tutto", "alles accepteren", "aceitar todos", "godkänn alla",
                    "zaakceptuj wszystkie", "acceptera alla", "abonn", "suscript", "abbonat",
                    "wartung", "mantenimiento", "manutenzione", "connected to a", "حذف", "متوفر",
                    "متاح", "kaldırıl", "存在しない", "削除", "掲載期間", "삭제", "उपलब्ध नहीं",
                    "видален", "переміщ", "διαθέσιμ", "הוסר", "נמחק", "bị xóa", "删除", "刪除",
                    "tapılmadı", "mövcud deyil", "მოიძებნა", "არსებობს", "չի գտնվել",
                    "գոյություն չունի", "табылмады",
                    # Each word is tried wherever its first letter stands: a word for a language or
                    # a wording names the rarest-lettered word all its sentences hold ('faqja' for
                    # 'nuk u gjet', 'udalen' for the Welsh 'dudalen' and 'tudalen').
                    "domain", "dominio", "followers can", "be shown to", "members-only", "unlock this", "be displayed",
                    "before you are allowed", "was rejected", "your access to this", "be a problem with",
                    "faqja", "sahifa", "udalen", "aurkitu", "páxina", "bladsy", "ограничен", "пронајдена",
                    "знойдзен", "олдсонгүй", "सापडले नाही", "కనుగొనబడలేదు", "រកមិនឃើញ",
                    "retirad", "eliminad", "borrad", "despublicad", "удал", "снят", "отключ", "недоступ",
                    "не доступ", "显示", "顯示", "メンテナンス", "维护", "維護", "升级", "升級", "работы", "در حال",
                    "محذوف")


def _by_first_character(words: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """The words as one alternation per first character: re skips ahead to a literal first
    character quickly, where an alternation of words with different first characters is tried
    at every position. On the matching bench's 38 KB pages (python -m bench.matching builds
    them; 47 of 50 hold none of the words): 440 us for these passes, 675 us for one `in` per
    word, and 610 us with the other scripts' words in one alternation (210 us for that pass
    alone). This runs on every page whose text the fetching process reads itself."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word))
    return tuple(re.compile("|".join(group)) for group in groups.values())


# The words of other scripts are looked for only on a page holding a letter of one: a single
# pass of _OTHER_SCRIPTS over a page in a Latin script costs about what three passes for words
# cost, and saves the forty-odd passes of those words (a quarter of the time of all the passes).
_OTHER_SCRIPTS = re.compile("[\u0370-\u0fff\u10a0-\u10ff\u1780-\u17ff\u3040-\u30ff\u4e00-\u9fff"
                            "\uac00-\ud7af]")
_MAYBE_LATIN = _by_first_character([w for w in _MAYBE_NOT_FOUND if not _OTHER_SCRIPTS.match(w)])
_MAYBE_OTHER = _by_first_character([w for w in _MAYBE_NOT_FOUND if _OTHER_SCRIPTS.match(w)])


STATE_MARKUP = 50_000  # characters: a page's application state is read only on a page this small
_WINDOW_STATE = re.compile(r"window\.__[A-Z][A-Z_]*__\s*=\s*\{")
_NEXT_ERROR_PAGE = re.compile(r'"page"\s*:\s*"/(404|_error)"')


def _window_state(markup: str) -> re.Match[str] | None:
    """The first 'window.__STATE__ = {' within STATE_MARKUP, found by a plain search for
    'window.__' (a search with the pattern itself costs several times more)."""
    at = markup.find("window.__", 0, STATE_MARKUP)
    while at >= 0:
        found = _WINDOW_STATE.match(markup, at, STATE_MARKUP)
        if found is not None:
            return found
        at = markup.find("window.__", at + 1, STATE_MARKUP)
    return None


def _next_data_reason(markup: str, at: int) -> str | None:
    """Whether the __NEXT_DATA__ script found at `at` names Next.js's not-found page."""
    start = markup.find(">", at) + 1
    end = markup.find("</script", start)
    if start <= 0 or end < 0 or _NEXT_ERROR_PAGE.search(markup, start, end) is None:
        return None
    try:
        data = json.loads(markup[start:end])
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    props = data.get("props")
    page_props = props.get("pageProps") if isinstance(props, dict) else None
    status = page_props.get("statusCode") if isinstance(page_props, dict) else None
    if data.get("page") == "/404" or status in (404, 410):
        return f"the page is the site's not-found page (Next.js page {data.get('page')!r})"
    return None


FORM_MARKUP = 30_000  # characters: a page that is only a login form is small (a news page's sign-in box is not)
FORM_TEXT = 200  # characters of text such a page shows: labels, a button, the site's name
CHALLENGE_MARKUP = 20_000  # bytes: a challenge page is small
CHALLENGE_TEXT = 100  # characters of text ('Please enable JS') a challenge page may show
_CHALLENGE_RESOURCES = _by_first_character(("/_incapsula_resource", "captcha-delivery.com",
                                            "/_sec/cp_challenge/", ".awswaf.com/", "sucuri_cloudproxy"))
_VOLATILE = re.compile(r"\S*\d\S*")
_PASSWORD_FIELD = re.compile(r"""type\s*=\s*["']?password\b""")


def _bare_host(url: str) -> str:
    """A URL's host name without 'www.': the same site either way."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def path_noise(url: str) -> list[str]:
    """Pieces of a URL a not-found page often repeats: path, last segment, query."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    pieces = [url, parts.path, unquote(parts.path), parts.query]
    if segments:
        last = unquote(segments[-1])
        pieces += [segments[-1], last, _stem(last).replace("-", " ")]  # the slug's words, echoed
    return pieces


def same_page(signature: str, missing_signature: str) -> bool:
    """Whether a page is (nearly) identical to the host's page for a nonexistent path."""
    if not signature or not missing_signature:
        return False
    if signature == missing_signature:
        return True
    from rapidfuzz import fuzz

    return fuzz.ratio(signature, missing_signature) >= 97.0
