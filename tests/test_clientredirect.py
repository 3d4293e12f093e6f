"""Browser-side redirects (meta refresh, script-only stubs), login titles, and the other
fetch-level rules added with the held-out set: 999, empty bodies, volatile page words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixtureweb import FixtureWeb, Reply

from verifier.config import Settings
from verifier.fetching import Fetcher
from verifier.net.clientredirect import client_redirect
from verifier.net.linkstatus import login_title, same_page
from verifier.net.pagelook import PageLook
from verifier.status import LinkStatus

ARTICLE = ("<html><head><title>Budget talks stall | The Daily</title></head><body><h1>Budget talks stall</h1>"
           + "<p>The minister said the talks had stalled after a long night of negotiation.</p>" * 20
           + "</body></html>")


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    made = Fetcher(Settings(allow_private_hosts=True, retries=1), sleep=lambda _s: None)
    yield made
    made.close()


@pytest.mark.parametrize("markup, target", [
    ("<meta http-equiv='refresh' content='0; url=/'>", "/"),
    ('<META HTTP-EQUIV="Refresh" CONTENT="2;URL=\'/news/a\'">', "/news/a"),
    ("<meta content='0;url=https://example.org/b' http-equiv='refresh'>", "https://example.org/b"),
    ("<meta http-equiv='refresh' content='300'>", None),  # a reload timer
    ("<meta http-equiv='refresh' content='600; url=/'>", None),  # too slow to be a redirect
    ("<script>window.location.href = '/';</script>", "/"),
    ("<script>location.replace(\"/en/\")</script>", "/en/"),
    ("<script>if (x) { window.location = '/m/'; }</script><p>" + "Real text. " * 40 + "</p>", None),
    ("<script>geolocation = '/api/geo'; myLocation.replace('/x')</script>", None),
    ("<script>var p = geolocation; document.location='/home'</script>", "/home"),
    ("<script>top.location.assign('/start')</script>", "/start"),
])
def test_client_redirect(markup: str, target: str | None) -> None:
    assert client_redirect(f"<html><head>{markup}</head><body></body></html>".encode(), "text/html") == target


def test_client_redirect_ignores_large_pages_and_non_html() -> None:
    stub = b"<meta http-equiv='refresh' content='0; url=/'>"
    assert client_redirect(stub + b" " * 70_000, "text/html") is None
    assert client_redirect(stub, "application/pdf") is None


def test_meta_refresh_is_followed_and_recorded_as_a_hop(web: FixtureWeb, fetcher: Fetcher) -> None:
    final = web.page("/2024/05/budget-talks-stall", ARTICLE)
    stub = "<html><head><meta http-equiv='refresh' content='0; url=/2024/05/budget-talks-stall'></head></html>"
    fetch = fetcher.fetch(web.page("/2024/05/budget", stub))
    assert fetch.link_status is LinkStatus.REDIRECTED and fetch.final_url == final
    assert [h.status for h in fetch.redirects] == [200]


def test_page_refreshing_itself_is_a_page(web: FixtureWeb, fetcher: Fetcher) -> None:
    url = web.url("/2024/05/budget")
    web.page("/2024/05/budget", ARTICLE.replace("<head>", f"<head><meta http-equiv='refresh' content='0; url={url}'>"))
    assert fetcher.fetch(url).link_status is LinkStatus.OK


def test_meta_refresh_loop_is_an_error(web: FixtureWeb, fetcher: Fetcher) -> None:
    web.page("/b", "<meta http-equiv='refresh' content='0; url=/a'>")
    fetch = fetcher.fetch(web.page("/a", "<meta http-equiv='refresh' content='0; url=/b'>"))
    assert fetch.link_status is LinkStatus.ERROR and "loop" in fetch.reason


@pytest.mark.parametrize("title, login", [
    ("Sign in", True), ("Sign in · GitLab", True), ("Log in to continue | The Daily", True),
    ("Login", True), ("Iniciar sesión", True), ("Sign in to your account", True),
    ("How to sign in to two accounts at once, and why you should not | Tech", False),
    ("Budget talks stall | The Daily", False), ("Logging in Python | Docs", False),
])
def test_login_titles(title: str, login: bool) -> None:
    assert login_title(title) is login


def test_login_title_counts_only_after_a_redirect(web: FixtureWeb, fetcher: Fetcher) -> None:
    page = "<html><head><title>Sign in | The Daily</title></head><body><p>Email</p></body></html>"
    assert fetcher.fetch(web.page("/account/welcome-back", page)).link_status is LinkStatus.OK
    web.page("/gate", page)
    fetch = fetcher.fetch(web.redirect("/2024/05/budget", "/gate", status=302))  # no return address: the title decides
    assert fetch.link_status is LinkStatus.BLOCKED and "login page" in fetch.reason


def test_status_999_is_blocked_not_retried(web: FixtureWeb, fetcher: Fetcher) -> None:
    fetch = fetcher.fetch(web.page("/in/someone", "", status=999))
    assert fetch.link_status is LinkStatus.BLOCKED and web.hits("/in/someone") == 1


@pytest.mark.parametrize("body", ["", "  \n\t "])
def test_empty_200_is_an_error_not_ok(web: FixtureWeb, fetcher: Fetcher, body: str) -> None:
    fetch = fetcher.fetch(web.page("/2024/05/budget", body))
    assert fetch.link_status is LinkStatus.ERROR and "empty body" in fetch.reason


def test_no_content_204_is_not_called_empty(web: FixtureWeb, fetcher: Fetcher) -> None:
    web.sequence("/ping", [Reply(204, None, content_type=None)])
    assert fetcher.fetch(web.url("/ping")).link_status is LinkStatus.OK


def test_signature_ignores_words_with_digits() -> None:
    def look(token: str) -> PageLook:
        return PageLook(f"<title>The Daily</title><p>Latest news.</p><p>Request {token} in 12 ms</p>", "html")

    assert same_page(look("a81f0c33e9").signature(), look("77d0b2ee41").signature())
    other = PageLook("<title>The Daily</title><p>Budget talks stall.</p>", "html")
    assert not same_page(other.signature(), look("a81f0c33e9").signature())


def test_a_template_literal_is_an_address_unless_it_is_built() -> None:
    assert client_redirect(b"<html><script>window.location.replace(`/`);</script></html>", "text/html") == "/"
    built = b"<html><script>window.location.replace(`/${lang}/`);</script></html>"
    assert client_redirect(built, "text/html") is None
