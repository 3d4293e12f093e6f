"""Fetch-level link-status rules (first met in the fourth held-out set): redirects to paywall,
maintenance and search pages, a Refresh header, login forms at the cited URL, a Vercel
challenge header, maintenance pages served with 200, and the markup pre-scan letting their
words through. From the eighth: a 300's preferred Location followed, a challenge served with
429 blocked and not retried, a page that is only a password form, gateway sign-in paths and
not-found page names told by their words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixtureweb import FixtureWeb

from verifier.config import Settings
from verifier.fetching import Fetcher
from verifier.models import Hop, PageText
from verifier.net.clientredirect import refresh_target
from verifier.net.linkstatus import blocked_reason, text_verdict
from verifier.net.pagelook import PageLook
from verifier.net.transport import join_location
from verifier.net.urlpaths import is_deep_link, redirect_target_reason
from verifier.status import LinkStatus

HOME = "<html><head><title>The Daily</title></head><body><h1>Top stories</h1></body></html>"
ARTICLE = ("<html><head><title>Budget talks stall | The Daily</title></head><body><h1>Budget talks stall</h1>"
           + "<p>The minister said the talks had stalled after a long night of negotiation.</p>" * 20
           + "</body></html>")
LOGIN_FORM = ("<html><head><title>Sign in • Example Docs</title></head><body><form><input name='email'>"
              "<input type='password' name='password'><button>Sign in</button></form></body></html>")


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    made = Fetcher(Settings(allow_private_hosts=True, retries=1), sleep=lambda _s: None)
    yield made
    made.close()


@pytest.mark.parametrize("final, expected", [
    ("https://example.org/subscribe?return=%2F2019%2Fstory", LinkStatus.BLOCKED),
    ("https://example.org/account/register?next=%2F2019", LinkStatus.BLOCKED),
    ("https://example.org/paywall?article=88123", LinkStatus.BLOCKED),
    ("https://example.org/2024/05/register-to-vote", None),  # a slug holding the word
    ("https://example.org/maintenance.html", LinkStatus.ERROR),
    ("https://example.org/search/old-story", LinkStatus.SOFT_404),  # the slug searched for
    ("https://example.org/en/search/old-story", LinkStatus.SOFT_404),
    ("https://example.org/suche?q=story", LinkStatus.SOFT_404),  # a search page in German
    ("https://example.org/research/2019/story", None),
    ("https://example.org/search/papers/2019/story", None),  # deeper than a search page
])
def test_redirect_targets_of_the_fourth_set(final: str, expected: LinkStatus | None) -> None:
    cited = "https://example.org/2019/story"
    decided = redirect_target_reason(cited, final, [Hop(cited, 302, final)])
    assert (decided[0] if decided else None) is expected


def test_any_link_sent_to_a_maintenance_page_is_an_error() -> None:
    """Even a cited home page: the site is down for now, which says nothing of the link."""
    decided = redirect_target_reason("https://example.org/", "https://example.org/maintenance/",
                                     [Hop("https://example.org/", 302, "https://example.org/maintenance/")])
    assert decided is not None and decided[0] is LinkStatus.ERROR


@pytest.mark.parametrize("url, deep", [
    ("https://example.org/suche?q=budget", False), ("https://example.org/search/budget-talks", False),
    ("https://example.org/products/search/new-feature", True), ("https://example.org/research", True),
])
def test_search_pages_are_not_deep_links(url: str, deep: bool) -> None:
    assert is_deep_link(url) is deep


@pytest.mark.parametrize("value, target", [
    ("0; url=/", "/"), ("2;URL='https://example.org/'", "https://example.org/"), ("0", None),
    ("600; url=/", None), (None, None),
])
def test_refresh_target(value: str | None, target: str | None) -> None:
    assert refresh_target(value) == target


def test_a_refresh_header_is_followed_like_the_redirect_a_browser_makes(web: FixtureWeb,
                                                                         fetcher: Fetcher) -> None:
    web.page("/", HOME)
    stub = "<html><head><title>The Daily</title></head><body>Redirecting</body></html>"
    fetch = fetcher.fetch(web.page("/2019/05/story", stub, headers={"Refresh": "0; url=/"}))
    assert fetch.link_status is LinkStatus.SOFT_404 and "home page" in fetch.reason
    assert [(h.url, h.location) for h in fetch.redirects] == [(web.url("/2019/05/story"), web.url("/"))]
    web.page("/2019/05/new", ARTICLE)
    moved = fetcher.fetch(web.page("/2019/05/other", stub, headers={"Refresh": "0; url=/2019/05/new"}))
    assert moved.link_status is LinkStatus.REDIRECTED and moved.final_url == web.url("/2019/05/new")
    reload = fetcher.fetch(web.page("/2019/05/live", ARTICLE, headers={"Refresh": "300"}))
    assert reload.link_status is LinkStatus.OK and not reload.redirects  # a reload timer


def test_a_login_form_at_the_cited_url_is_blocked(web: FixtureWeb, fetcher: Fetcher) -> None:
    fetch = fetcher.fetch(web.page("/guides/deploying", LOGIN_FORM))
    assert fetch.link_status is LinkStatus.BLOCKED and "login form" in fetch.reason
    cited_login = fetcher.fetch(web.page("/users/sign_in", LOGIN_FORM))
    assert cited_login.link_status is LinkStatus.OK  # a cited login page is itself


def test_a_vercel_challenge_header_is_blocked() -> None:
    assert blocked_reason(429, {"x-vercel-mitigated": "challenge"}) is not None
    assert blocked_reason(429, {}) is None


@pytest.mark.parametrize("title", ["Access to this page has been denied", "DDoS-Guard",
                                   "Vercel Security Checkpoint"])
def test_challenge_titles(title: str) -> None:
    assert blocked_reason(200, {}, title) is not None


def test_a_maintenance_page_served_with_200_is_an_error(web: FixtureWeb, fetcher: Fetcher) -> None:
    page = "<html><head><title>The Daily</title></head><body><h1>We’ll be back soon!</h1></body></html>"
    fetch = fetcher.fetch(web.page("/2024/05/budget", page))
    assert fetch.link_status is LinkStatus.ERROR and "maintenance" in fetch.reason
    verdict = text_verdict(PageText("The Daily\nWe’ll be back soon!", title="The Daily"))
    assert verdict is not None and verdict[0] is LinkStatus.ERROR


def test_a_long_page_titled_like_a_server_error_is_a_reference() -> None:
    reference = ("<html><head><title>500 Internal Server Error - HTTP | Web Docs</title></head><body>"
                 + "<p>The server encountered an unexpected condition that prevented it.</p>" * 1000
                 + "</body></html>")
    assert PageLook(reference, "html").trouble_reason() is None
    assert PageLook("<html><head><title>500 Internal Server Error</title></head></html>", "html") \
        .trouble_reason() is not None


@pytest.mark.parametrize("line", [
    "This video is private.", "You must log in to continue.", "Sign in to view this post",
    "This article is for subscribers only.", "You have reached your limit of free articles.",
    "Verify you are human by completing the action below.", "We’ll be back soon!",
    "Error establishing a database connection", "This account doesn’t exist",
    "Η σελίδα δεν βρέθηκε", "Sidan kunde inte hittas", "Stránka nenalezena", "Pagina nu a fost găsită",
    "ไม่พบหน้าที่คุณต้องการ", "पृष्ठ नहीं मिला", "Ukurasa haukupatikana", "পৃষ্ঠাটি খুঁজে পাওয়া যায়নি",
    "Az oldal nem található", "Sivua ei löytynyt", "There is currently no text in this page.",
])
def test_the_fourth_sets_messages_get_past_the_markup_scan(line: str) -> None:
    """PageLook extracts a page's text only when its markup holds one of the scan's words."""
    look = PageLook(f"<html><head><title>Example</title></head><body><p>{line}</p></body></html>", "html")
    assert look.maybe_message
    assert look.block_reason() or look.trouble_reason() or look.error_page_reason()


# -- the eighth set --------------------------------------------------------------------------

def test_a_300_with_a_location_is_followed_to_its_preferred_choice(web: FixtureWeb, fetcher: Fetcher) -> None:
    web.page("/reports/budget.html", ARTICLE)
    fetch = fetcher.fetch(web.page("/reports/budget", HOME, status=300, headers={"Location": "/reports/budget.html"}))
    assert fetch.link_status is LinkStatus.REDIRECTED and fetch.final_url == web.url("/reports/budget.html")
    bare = fetcher.fetch(web.page("/reports/other", HOME, status=300))
    assert bare.link_status is LinkStatus.ERROR  # no choice made: nothing to follow


def test_a_challenge_served_with_429_is_blocked_and_not_asked_again(web: FixtureWeb, fetcher: Fetcher) -> None:
    captcha = ("<html><head><title>archive.example</title></head><body><h1>Please complete the security "
               "check to access archive.example</h1></body></html>")
    fetch = fetcher.fetch(web.page("/newest/story", captcha, status=429))
    assert fetch.link_status is LinkStatus.BLOCKED and web.hits("/newest/story") == 1
    plain = fetcher.fetch(web.page("/busy", "<title>429 Too Many Requests</title>", status=429))
    assert plain.link_status is LinkStatus.ERROR and web.hits("/busy") == 2  # retried, then an error


PASSWORD_ONLY = ("<html><head><title>Harbour Sailing Club</title></head><body><h1>Harbour Sailing Club</h1>"
                 "<form><input type='password' name='password'><button>Enter</button></form></body></html>")


def test_a_deep_link_answered_with_only_a_password_form_is_blocked(web: FixtureWeb, fetcher: Fetcher) -> None:
    fetch = fetcher.fetch(web.page("/news/regatta-results", PASSWORD_ONLY))
    assert fetch.link_status is LinkStatus.BLOCKED and "password form" in fetch.reason
    with_prose = PASSWORD_ONLY.replace("<form>", "<p>" + "The regatta was sailed in a fresh breeze. " * 8 + "</p><form>")
    assert fetcher.fetch(web.page("/news/regatta-report", with_prose)).link_status is LinkStatus.OK


@pytest.mark.parametrize("final", ["https://portal.example.org/my.policy", "https://vpn.example.org/+CSCOE+/logon.html"])
def test_gateway_sign_in_paths(final: str) -> None:
    cited = "https://example.org/2019/story"
    decided = redirect_target_reason(cited, final, [Hop(cited, 302, final)])
    assert decided is not None and decided[0] is LinkStatus.BLOCKED


@pytest.mark.parametrize("url, deep", [
    ("https://example.org/Pages/PageNotFoundError.aspx?requestUrl=/x", False),
    ("https://example.org/errors/NotFound", False), ("https://example.org/http-404-page.html", False),
    ("https://example.org/2024/05/hikers-not-found", True), ("https://example.org/FileNotes.aspx", True),
])
def test_not_found_page_names_told_by_their_words(url: str, deep: bool) -> None:
    assert is_deep_link(url) is deep


@pytest.mark.parametrize("line", [
    "This journal has been deleted and purged.", "Esta cuenta ha sido suspendida", "No results",
    "This blog is open to invited readers only", "Dieses Konto wurde gesperrt.",
])
def test_the_eighth_sets_messages_get_past_the_markup_scan(line: str) -> None:
    look = PageLook(f"<html><head><title>Example</title></head><body><p>{line}</p></body></html>", "html")
    assert look.maybe_message
    assert look.block_reason() or look.error_page_reason()


# -- the ninth held-out set: Locations as browsers read them, script cookie checks ----------------

@pytest.mark.parametrize("written, expected", [
    ("\\news\\2020\\dam", "http://h.test/news/2020/dam"),
    ("..\\2020\\dam?from=a\\b", "http://h.test/news/2020/dam?from=a\\b"),  # the query is kept as written
    ("HTTP://other.test\\news\\dam", "http://other.test/news/dam"),
    ("/plain/path", "http://h.test/plain/path"),
])
def test_backslashes_in_a_location_are_slashes(written: str, expected: str) -> None:
    assert join_location("http://h.test/news/old/story", written) == expected


def test_a_location_written_with_backslashes_is_followed(web: FixtureWeb, fetcher: Fetcher) -> None:
    web.page("/news/dam-inspected", ARTICLE)
    url = web.page("/news/dam", b"", status=301, content_type=None, headers={"Location": "\\news\\dam-inspected"})
    fetch = fetcher.fetch(url)
    assert fetch.link_status is LinkStatus.REDIRECTED and fetch.final_url.endswith("/news/dam-inspected")


COOKIE_RELOAD = ("<html><body><script>document.cookie = 'check=' + Math.random() + '; path=/';"
                 "location.href = '{to}';</script></body></html>")


def test_a_script_setting_a_cookie_and_reloading_its_page_is_a_wall(web: FixtureWeb, fetcher: Fetcher) -> None:
    url = web.page("/news/dam", COOKIE_RELOAD.replace("{to}", "/news/dam?ckattempt=1"))
    fetch = fetcher.fetch(url)
    assert fetch.link_status is LinkStatus.BLOCKED and "sets a cookie" in fetch.reason


def test_a_script_setting_a_cookie_on_its_way_elsewhere_is_a_redirect(web: FixtureWeb, fetcher: Fetcher) -> None:
    web.page("/news/dam-inspected", ARTICLE)
    url = web.page("/news/dam", COOKIE_RELOAD.replace("{to}", "/news/dam-inspected"))
    assert fetcher.fetch(url).link_status is LinkStatus.REDIRECTED
