"""Held-out link-status shapes: realistic responses the rules were never tuned on.

Each case declares what a careful librarian would call the link, decided before the
classifier was run on it. The set mixes traps that must be caught with legitimate pages
that must stay ok. Cases the classifier still gets wrong are xfail(strict=True), so the
score below is honest and a fix that lands shows up as an XPASS to remove.

First run, before any rule changed: 40 of 58 right (53 fetched cases, 5 redirect chains).
After the general fixes of branch links3: 58 of 58. (Two cases, the meta refresh and the
script redirect to the home page, had their host given a home page after the first run:
without one the redirect target was a 404, which no classifier could call a soft 404.)
Count the current score with HOLDOUT_RAW=1 (marks ignored, misses fail).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fixtureweb import FixtureWeb, Reply, Request
from linkstatus_cases import Case, Chain, Setup, chain_status, fetcher, marked, page
from linkstatus_cases import redirect as shared_redirect
from linkstatus_cases import with_home as shared_with_home

from verifier.fetching import Fetcher
from verifier.status import LinkStatus

__all__ = ["fetcher"]  # the shared fixture, used by the tests below
OK, REDIRECTED, DEAD = LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.DEAD
SOFT, BLOCKED, ERROR = LinkStatus.SOFT_404, LinkStatus.BLOCKED, LinkStatus.ERROR

PARAGRAPH = ("Officials met again on Tuesday to discuss the proposal, which has divided the "
             "council for months. Residents who spoke at the hearing described long waits and "
             "rising costs, and several asked for a clearer timetable before any vote. ")


def article(title: str, heading: str | None = None, paragraphs: int = 12, extra: str = "") -> str:
    """A real article page: navigation, a headline, several paragraphs, a footer."""
    body = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(paragraphs))
    return (f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
            f"<article><h1>{heading or title.split(' | ')[0]}</h1>{extra}{body}</article>"
            f"<footer>© Example News 2024</footer></body></html>")


def small(title: str, *lines: str) -> str:
    """A small template page (error pages usually are)."""
    inner = "".join(f"<p>{line}</p>" for line in lines)
    return (f"<html><head><title>{title}</title></head><body><header><a href='/'>Example News</a>"
            f"</header><main>{inner}</main><footer>© Example News</footer></body></html>")


HOME = small("Example News", "Top stories today", "Weather: sunny")
LONG_404_ARTICLE = article(
    "Why the web is full of broken links | Example News",
    extra=("<p>Anyone who follows old links knows the message: page not found. The HTTP status "
           "404 means the server could not find the requested resource.</p>"
           "<p>404</p><p>Page not found</p>"))
STATUS_REFERENCE = small(
    "HTTP response status codes | Web Reference",
    "HTTP response status codes indicate whether a request has been completed.",
    "200 OK", "301 Moved Permanently", "302 Found", "304 Not Modified", "403 Forbidden",
    "404 Not Found", "410 Gone", "500 Internal Server Error", "503 Service Unavailable")


def with_home(setup: Setup) -> Setup:
    return shared_with_home(setup, HOME)


def redirect(path: str, to: str, target_body: str | None = None, status: int = 301) -> Setup:
    return shared_redirect(path, to, target_body, status, home=HOME)


def catch_all(render: Callable[[Request], str], cited: str = "/2019/05/deleted-story",
              real: tuple[str, str] | None = None) -> Callable[[FixtureWeb, int], str]:
    """A host answering every unknown path with 200 and render(request); optionally one real page."""
    def setup(web: FixtureWeb, h: int) -> str:
        web.route("*", lambda r: Reply(200, render(r)), host=h)
        if real:
            web.page(real[0], real[1], host=h)
        return web.url(cited, host=h)
    return setup


_counter = iter(range(10**9))


def with_token(r: Request) -> str:
    """A catch-all page carrying a per-request CSRF token and a request id, as many CMSs do."""
    n = next(_counter)
    token = f"{(n * 2654435761) % 2**64:016x}{(n * 40503) % 2**32:08x}"
    return (f"<html><head><title>Example News</title><meta name='csrf-token' content='{token}'></head>"
            f"<body><nav>Home News Sport</nav><p>Latest: council meets on Tuesday.</p>"
            f"<form><input type='hidden' name='csrf' value='{token}'></form>"
            f"<footer>Request ID {token[:12]} · served in {n % 97 + 3} ms</footer></body></html>")


PARKED = ("<html><head><title>parked-example.test</title></head><body>"
          "<h1>This domain is for sale!</h1><p>Buy this domain today. Contact the owner.</p>"
          "<p>Related searches: Insurance · Travel · Loans</p></body></html>")


def sequence(path: str, replies: list[Reply]) -> Callable[[FixtureWeb, int], str]:
    return lambda web, h: web.sequence(path, replies, host=h)


def loop(web: FixtureWeb, h: int) -> str:
    web.redirect("/b", "/a", status=302, host=h)
    return web.redirect("/a", "/b", status=302, host=h)


def host_change(web: FixtureWeb, h: int) -> str:
    """The www-adding redirect: same path on another host name."""
    target = web.page("/2024/05/budget-talks", article("Budget talks | Example News"), host=h + 1)
    return web.redirect("/2024/05/budget-talks", target, status=301, host=h)


def meta_refresh(to: str) -> str:
    return (f"<html><head><title>Redirecting…</title><meta http-equiv='refresh' content='0; url={to}'>"
            f"</head><body><p>If you are not redirected, <a href='{to}'>click here</a>.</p></body></html>")


CASES = [
    # -- error pages served with 200 -------------------------------------------------------
    Case("title 404 - Page Not Found | site", page("/2019/05/story", small(
        "404 - Page Not Found | Example News", "We moved things around.")), SOFT),
    Case("body: sorry we couldn't find that page", page("/2019/05/story", small(
        "Example News", "Sorry, we couldn't find that page.", "Try the search box.")), SOFT),
    Case("body: requested page could not be found, plus advice", page("/2019/05/story", small(
        "Example News", "The page you requested could not be found. Try the search box or go to "
        "the home page.")), SOFT),
    Case("body: this article has been removed", page("/2019/05/story", small(
        "Example News", "This article has been removed.")), SOFT),
    Case("German h1 Seite nicht gefunden", page("/2019/05/story", small(
        "Fehler | Beispiel Zeitung", "Seite nicht gefunden", "Zur Startseite")), SOFT),
    Case("Spanish title Página no encontrada", page("/2019/05/story", small(
        "Página no encontrada – Diario Ejemplo", "Vuelva a la portada.")), SOFT),
    Case("Spanish body: la página que buscas no existe", page("/2019/05/story", small(
        "Diario Ejemplo", "Lo sentimos, la página que buscas no existe.")), SOFT),
    Case("Persian body: صفحه مورد نظر یافت نشد", page("/2019/05/story", small(
        "روزنامه نمونه", "صفحه مورد نظر یافت نشد")), SOFT),
    Case("Japanese title: お探しのページは見つかりませんでした", page("/2019/05/story", small(
        "お探しのページは見つかりませんでした | 例新聞", "トップページへ")), SOFT),
    # -- redirects of a deep link to a non-page -------------------------------------------
    Case("deep link 302 to /", redirect("/2019/05/story", "/", status=302), SOFT),
    Case("deep link 301 to /en/", redirect("/2019/05/story", "/en/"), SOFT),
    Case("deep link 301 to /index.html", redirect("/2019/05/story", "/index.html"), SOFT),
    Case("deep link 301 to /home", redirect("/2019/05/story", "/home"), SOFT),
    Case("deep link to /search?q=", redirect("/2019/05/story", "/search?q=budget+talks", status=302), SOFT),
    Case("deep link to /404.html", redirect("/2019/05/story", "/404.html", status=302), SOFT),
    Case("deep link to /error?code=404", redirect("/2019/05/story", "/error?code=404", status=302), SOFT),
    Case("deep link to ASP.NET /Error.aspx?aspxerrorpath=", redirect(
        "/2019/05/story", "/Error.aspx?aspxerrorpath=/2019/05/story", status=302), SOFT),
    Case("deep link to home search /?s=", redirect("/2019/05/story", "/?s=story", status=302), SOFT),
    Case("meta refresh to home page", with_home(page("/2019/05/story", meta_refresh("/"))), SOFT),
    Case("JavaScript-only redirect to home page", with_home(page("/2019/05/story", (
        "<html><head><title>Example News</title><script>window.location.replace('/');</script>"
        "</head><body></body></html>"))), SOFT),
    # -- sameness with the host's page for a nonexistent path ------------------------------
    Case("catch-all page echoing the path", catch_all(lambda r: small(
        "Example News", f"We looked everywhere for {r.path}.", "Latest news below.")), SOFT),
    Case("catch-all page with per-request token", catch_all(with_token), SOFT),
    Case("parked domain, deep link", catch_all(lambda _r: PARKED), SOFT),
    Case("parked domain, cited home page", catch_all(lambda _r: PARKED, cited="/"), SOFT),
    # -- legitimate pages that must stay ok ------------------------------------------------
    Case("long article mentioning page not found and 404", page("/2024/05/broken-links",
                                                                LONG_404_ARTICLE), OK),
    Case("headline with 'not found'", page("/2024/05/hikers", article(
        "Missing hikers not found after three days | Example News")), OK),
    Case("headline 'Not Found: ...' with colon", page("/2024/05/earhart", article(
        "Not Found: The Search for Amelia Earhart | History Magazine")), OK),
    Case("short status-code reference listing 404 Not Found", page("/docs/http/status",
                                                                   STATUS_REFERENCE), OK),
    Case("honest host (random paths 404), real article", page("/2024/05/budget", article(
        "Budget talks stall | Example News")), OK),
    Case("random path redirects home, deep link is a real article", lambda web, h: (
        web.page("/", HOME, host=h), web.route("*", lambda _r: Reply(302, "", headers={"Location": "/"}),
                                                  host=h),
        web.page("/2024/05/budget", article("Budget talks stall | Example News"), host=h))[0] and
        web.url("/2024/05/budget", host=h), OK),
    Case("catch-all host, real distinct article", catch_all(
        lambda _r: HOME, cited="/2024/05/budget",
        real=("/2024/05/budget", article("Budget talks stall | Example News"))), OK),
    Case("PDF", page("/reports/annual.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
                     content_type="application/pdf"), OK),
    Case("image", page("/images/chart.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png"), OK),
    Case("cited URL with a fragment", page("/2024/05/budget", article("Budget talks | Example News")), OK),
    # -- redirects that are just moves ----------------------------------------------------
    Case("trailing slash added", redirect("/2024/05/budget-talks", "/2024/05/budget-talks/",
                                          article("Budget talks | Example News")), REDIRECTED),
    Case("host name changed, same path (www)", host_change, REDIRECTED),
    Case("tracking parameters dropped", redirect("/2024/05/budget?utm_source=x&utm_medium=social",
                                                 "/2024/05/budget", article("Budget | Example News")), REDIRECTED),
    Case("shortlink /?p=123 to the slug", redirect("/?p=123", "/2019/05/real-slug/",
                                                   article("Real slug | Example News")), REDIRECTED),
    Case("language prefix added", redirect("/news/budget-talks", "/en/news/budget-talks",
                                           article("Budget talks | Example News")), REDIRECTED),
    Case("slug containing 'error'", redirect("/2019/05/old-error-slug", "/2019/05/error-handling-in-python",
                                             article("Error handling in Python | Dev Blog")), REDIRECTED),
    Case("meta refresh to a distinct article", lambda web, h: (
        web.page("/2024/05/new-home-of-story", article("Budget | Example News"), host=h),
        web.page("/2024/05/story", meta_refresh("/2024/05/new-home-of-story"), host=h))[1],
        REDIRECTED),
    # -- statuses --------------------------------------------------------------------------
    Case("410 Gone", page("/2019/05/story", small("Gone"), status=410), DEAD),
    Case("404 with a friendly page", page("/2019/05/story", article("Example News"), status=404), DEAD),
    Case("451", page("/2019/05/story", small("Unavailable"), status=451), BLOCKED),
    Case("403 Cloudflare challenge", page("/2019/05/story", small("Just a moment...", "Checking your browser"),
                                          status=403, headers={"cf-mitigated": "challenge"}), BLOCKED),
    Case("503 Cloudflare challenge body, no header", page(
        "/2019/05/story", small("Just a moment...", "Enable JavaScript and cookies to continue"),
        status=503), BLOCKED),
    Case("401", page("/2019/05/story", small("Unauthorized"), status=401), BLOCKED),
    Case("429 then 200", sequence("/2019/05/story", [Reply(429, ""), Reply(200, article("Budget | X"))]), OK),
    Case("999 (LinkedIn style refusal)", page("/in/someone", "", status=999), BLOCKED),
    Case("200 with empty body", page("/2019/05/story", ""), ERROR),
    Case("login wall via redirect, /users/sign_in", redirect(
        "/2024/05/members-story", "/users/sign_in?redirect_to=%2F2024%2F05%2Fmembers-story",
        small("Sign in · Example News", "Email", "Password"), status=302), BLOCKED),
    Case("login wall via redirect, titled 'Log in to continue'", redirect(
        "/2024/05/members-story", "/gateway?return=%2F2024%2F05%2Fmembers-story",
        small("Log in to continue | Example News", "Email", "Password"), status=302), BLOCKED),
    Case("redirect loop", loop, ERROR),
]


@pytest.mark.parametrize("case", [marked(c) for c in CASES])
def test_holdout_case(web: FixtureWeb, fetcher: Fetcher, case: Case) -> None:
    host = 10 + 2 * CASES.index(case)  # a host (and its neighbour) of its own: no shared probes
    url = case.setup(web, host)
    if case.name == "cited URL with a fragment":
        url += "#section-2"
    fetch = fetcher.fetch(url)
    assert fetch.link_status is case.expected, fetch.reason


# -- chains the loopback web cannot serve (another scheme or host name): the redirect rule ----

CHAINS = [
    Chain("http to https, same path", ("http://news.example.org/2024/05/budget",
                                       "https://news.example.org/2024/05/budget"), None),
    Chain("www added", ("https://example.org/2024/05/budget",
                        "https://www.example.org/2024/05/budget"), None),
    Chain("www dropped, trailing slash", ("https://www.example.org/about",
                                          "https://example.org/about/"), None),
    Chain("http to https and tracking dropped", ("http://example.org/story?utm_campaign=x&fbclid=1",
                                                 "https://example.org/story"), None),
    Chain("deep link to another site's home page", ("https://old.example.org/2019/05/story",
                                                    "https://www.example.org/"), SOFT),
]


@pytest.mark.parametrize("chain", [marked(c) for c in CHAINS])
def test_holdout_chain(chain: Chain) -> None:
    assert chain_status(chain) is chain.expected
