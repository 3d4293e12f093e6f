"""What an address says about the page it names, read from its path and query alone.

A deep link sent to a site's home, search or error page is a soft 404; sent to a login,
paywall, consent or country gate it is blocked. These rules never look at a page, so the
Wayback client asks them of a capture's address too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

from ..models import Hop
from ..status import LinkStatus

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


def path_segments(path: str) -> list[str]:
    return [s.lower() for s in unquote(path).split("/") if s]


def segment_stem(segment: str) -> str:
    """A path segment without its page extension, underscores as hyphens: 'Error.aspx' ->
    'error', 'index.html' -> 'index', 'page_not_found' -> 'page-not-found'."""
    return _PAGE_EXTENSION.sub("", segment).replace("_", "-")


def _is_generic_path(path: str) -> bool:
    """A home, index, search or error path ('/', '/en/', '/index.html', '/errors/404').

    An error page name ('/Error.aspx', '/site/errors/not-found.html') is generic at any depth:
    nothing but a missing page is sent there."""
    segments = [segment_stem(s) for s in path_segments(path)]
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
    segments = path_segments(path)
    if not segments:
        return False
    stem = segment_stem(segments[-1])
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
    return any(segment_stem(v.lower()) in _ERROR_STEMS and not v.isdigit()
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


def is_login_segment(segment: str) -> bool:
    """'login', 'sign_in', 'Login.aspx', 'wp-login.php', 'log-on', 'password', 'subscribe',
    'anmelden': a segment naming a login page, a password gate or a paywall's offer (those
    and other languages' login pages only whole: '/choosing-a-password' is a slug)."""
    words = [w for w in re.split(r"[-_.]", segment) if w]
    joined = {a + b for a, b in zip(words, words[1:], strict=False)}
    return bool(_LOGIN_WORDS.intersection(words) or _LOGIN_WORDS.intersection(joined)) \
        or segment_stem(segment) in _WHOLE_SEGMENT_GATES


def names_a_login_page(url: str) -> bool:
    """Whether an address names a login page ('/account/login', '/signin', 'wp-login.php')."""
    return any(is_login_segment(s) for s in path_segments(urlsplit(url).path))


def _is_consent_segment(segment: str) -> bool:
    """'consent', 'cookie-consent', 'cookiewall', 'privacy-gate': a segment naming a consent wall;
    'gdpr' alone is where publishers send readers in the EU, to consent or to be turned away."""
    words = {w for w in segment_stem(segment).split("-") if w}
    walled = bool(words & {"consent", "cookiewall", "gdpr"}) or \
        bool(words & {"wall", "gate"} and words & _CONSENT_TOPIC)
    return words <= _CONSENT_WORDS and walled


def redirect_target_reason(cited: str, final: str, hops: Sequence[Hop]) -> tuple[LinkStatus, str] | None:
    """A deep link redirected to a home page or generic path (soft 404), or to a login, paywall
    or consent page (blocked); any link redirected to a maintenance page (error)."""
    if not hops:
        return None
    parts = urlsplit(final)
    segments = path_segments(parts.path)
    if segments and segment_stem(segments[-1]) in _MAINTENANCE_STEMS:
        return LinkStatus.ERROR, f"the link was redirected to a maintenance page ({final})"
    if not is_deep_link(cited):
        return None
    host = (parts.hostname or "").lower()
    if any(is_login_segment(s) or _is_consent_segment(s) for s in segments) \
            or host.startswith(("login.", "accounts.", "consent.")) or _asks_identity(parts.query) \
            or (_SIGN_IN_LABELS.intersection(host.split(".")[:-1]) and host != _host(cited)):
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
    if _returns_to(cited_parts, parts):
        return LinkStatus.BLOCKED, (f"the link was sent to a step that would send the reader back to it (a check, "
                                    f"sign-in or consent page: {final})")
    return None


# A host of its own for signing in ('login.gov', 'sso.example.edu', 'idp.example.org'): any
# label but the last names it, not only the first ('secure.login.gov').
_SIGN_IN_LABELS = frozenset({"login", "signin", "logon", "sso", "idp"})
# Query keys holding where to send the reader once a step is done ('?continue=', '?returnUrl=').
_RETURN_KEYS = frozenset({"continue", "return", "returnurl", "return_url", "returnto", "return_to", "next",
                          "done", "destination", "redirect", "redirect_url", "redirecturl", "goto", "back",
                          "backurl", "target"})


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _returns_to(cited: SplitResult, final: SplitResult) -> bool:
    """A deep link sent to another page whose query says to come back to it afterwards
    ('/sorry/index?continue=<the link>', Google's CAPTCHA; '/verify?return=/2021/04/story'): the
    page stands behind a step only a person takes. A referral marker on a page that moved
    ('?from=', '?ref=') names no step."""
    if (final.hostname, final.path) == (cited.hostname, cited.path) or cited.path in ("", "/"):
        return False
    for key, value in parse_qsl(final.query):
        back = urlsplit(value)
        if key.lower() in _RETURN_KEYS and back.path == cited.path and back.netloc in ("", cited.netloc):
            return True
    return False


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
    words = {w for w in segment_stem(segment).split("-") if w}
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
    above, below = path_segments(final.path), path_segments(cited.path)
    return len(above) == 1 and len(below) >= 3 and above[0] not in below \
        and _NAMES_A_PAGE.search(below[-1]) is not None and _NAMES_A_PAGE.search(above[0]) is None \
        and not _names_a_page(final.query)


_NAMES_A_PAGE = re.compile(r"[-_.\d]")  # a slug, a file name or an id, not a view ('amp', 'print')


def _up_to_a_folder(cited: SplitResult, final: SplitResult) -> bool:
    """A redirect from a page to a folder above it on the same site ('/documents/report-2019.pdf'
    -> '/documents/', '/2019/06/boathouse-survey' -> '/2019/06/'): the page is gone and its
    section is shown instead. Only when what was dropped names a page of its own, not a view of
    the one kept ('/story-slug/amp' -> '/story-slug' is the same story)."""
    above, below = path_segments(final.path), path_segments(cited.path)
    if not above or len(above) >= len(below) or below[:len(above)] != above or _names_a_page(final.query):
        return False
    dropped = segment_stem(below[-1])
    return dropped not in _GENERIC_SEGMENTS and _NAMES_A_PAGE.search(below[-1]) is not None
