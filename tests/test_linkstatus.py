"""One test per link status, the soft-404 rules (and their false positives), DNS and offline."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from fixtureweb import FixtureWeb, Reply, Request

from verifier.config import Settings
from verifier.fetching import Fetcher
from verifier.models import Hop
from verifier.net.linkstatus import InvalidLink, error_page_reason, prepare_url, skip_reason
from verifier.net.pagelook import PageLook
from verifier.net.urlpaths import is_deep_link, redirect_target_reason
from verifier.status import LinkStatus

ARTICLE = ("<html><head><title>Budget talks stall | The Daily</title></head><body>"
           "<h1>Budget talks stall</h1><p>The minister said the talks had stalled.</p></body></html>")


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    made = Fetcher(Settings(allow_private_hosts=True, retries=1), sleep=lambda _s: None)
    yield made
    made.close()


def not_found_page(title: str = "Page not found | The Daily", line: str = "Sorry, this page does not exist") -> str:
    return f"<html><head><title>{title}</title></head><body><h1>{line}</h1><p>Try the search.</p></body></html>"


# -- one test per status ----------------------------------------------------------------

def test_ok(web: FixtureWeb, fetcher: Fetcher) -> None:
    fetch = fetcher.fetch(web.page("/2024/05/budget-talks", ARTICLE))
    assert (fetch.link_status, fetch.reason) == (LinkStatus.OK, "HTTP 200")


def test_redirected_permanent(web: FixtureWeb, fetcher: Fetcher) -> None:
    final = web.page("/2024/05/budget-talks-stall", ARTICLE)
    fetch = fetcher.fetch(web.redirect("/2024/05/budget-talks", final, status=301))
    assert fetch.link_status is LinkStatus.REDIRECTED
    assert fetch.reason == f"redirected to {final} (1 redirect, permanent); HTTP 200"


def test_redirected_temporary(web: FixtureWeb, fetcher: Fetcher) -> None:
    final = web.page("/2024/05/budget-talks-stall", ARTICLE)
    fetch = fetcher.fetch(web.redirect("/2024/05/budget-talks", final, status=307))
    assert fetch.link_status is LinkStatus.REDIRECTED and "temporary" in fetch.reason


@pytest.mark.parametrize("status, words", [(404, "Not Found"), (410, "Gone")])
def test_dead_by_status(web: FixtureWeb, fetcher: Fetcher, status: int, words: str) -> None:
    fetch = fetcher.fetch(web.page("/old", not_found_page(), status=status))
    assert (fetch.link_status, fetch.reason) == (LinkStatus.DEAD, f"HTTP {status} {words}")


def test_dead_dns_name_not_found(fetcher: Fetcher) -> None:
    fetch = fetcher.fetch("http://no-such-site.invalid/story")
    assert fetch.link_status is LinkStatus.DEAD
    assert fetch.reason == "the server name does not exist (DNS: name not found)"
    assert len(fetch.attempts) == 1  # not retried


def test_offline_machine_is_error_not_dead(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no DNS at all every name fails the same way: the canary tells it from a dead link."""
    def no_dns(host: str, *args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch("http://news.example.test/story")
    assert fetch.link_status is LinkStatus.ERROR
    assert "DNS does not answer" in fetch.reason and "offline" in fetch.reason


def test_temporary_dns_failure_is_error_and_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    def flaky_dns(host: str, *args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", flaky_dns)
    fetch = Fetcher(Settings(allow_private_hosts=True, retries=2), sleep=lambda _s: None).fetch(
        "http://news.example.test/story")
    assert fetch.link_status is LinkStatus.ERROR and "temporarily" in fetch.reason
    assert [a.outcome for a in fetch.attempts] == ["dns temporary failure"] * 3


def test_soft_404_by_title(web: FixtureWeb, fetcher: Fetcher) -> None:
    fetch = fetcher.fetch(web.page("/2019/story-123", not_found_page()))
    assert fetch.link_status is LinkStatus.SOFT_404
    assert fetch.reason == "the page title says 'Page not found | The Daily'"


def test_soft_404_by_body_line(web: FixtureWeb, fetcher: Fetcher) -> None:
    fetch = fetcher.fetch(web.page("/2019/story-123", not_found_page(title="The Daily")))
    assert fetch.link_status is LinkStatus.SOFT_404
    assert fetch.reason == "the page says 'Sorry, this page does not exist'"


def test_soft_404_deep_link_redirected_home(web: FixtureWeb, fetcher: Fetcher) -> None:
    web.page("/", "<html><title>The Daily</title><p>Today's news</p></html>")
    fetch = fetcher.fetch(web.redirect("/2019/05/story-123", "/", status=301))
    assert fetch.link_status is LinkStatus.SOFT_404
    assert fetch.reason.startswith("the deep link was redirected to the site's home page")
    assert len(fetch.redirects) == 1


def test_soft_404_deep_link_redirected_to_generic_path(web: FixtureWeb, fetcher: Fetcher) -> None:
    web.page("/errors/404", "<html><title>The Daily</title><p>Something went wrong</p></html>")
    fetch = fetcher.fetch(web.redirect("/2019/05/story-123", "/errors/404", status=302))
    assert fetch.link_status is LinkStatus.SOFT_404 and "generic page /errors/404" in fetch.reason


def test_soft_404_identical_to_random_path(web: FixtureWeb, fetcher: Fetcher) -> None:
    """A host answering every unknown path with the same 200 page (echoing the path)."""
    def catch_all(request: Request) -> Reply:
        return Reply(200, f"<html><title>The Daily</title><body><nav>Home News Sport</nav>"
                          f"<p>We looked everywhere for {request.path}.</p></body></html>")

    web.route("*", catch_all, host=4)
    fetch = fetcher.fetch(web.url("/2019/05/deleted-story", host=4))
    assert fetch.link_status is LinkStatus.SOFT_404
    assert fetch.reason == f"the page is identical to what 127.0.0.4:{web.port} returns for a nonexistent path"
    # the probe is cached per host: a second deep link costs one request, not two
    before = len(web.requests)
    fetcher.fetch(web.url("/2019/05/another-story", host=4))
    assert len(web.requests) == before + 1


def test_real_page_on_soft_404_host_is_ok(web: FixtureWeb, fetcher: Fetcher) -> None:
    web.route("*", lambda _r: Reply(200, not_found_page(title="The Daily", line="Nothing here")), host=5)
    web.page("/2024/05/budget-talks", ARTICLE, host=5)
    fetch = fetcher.fetch(web.url("/2024/05/budget-talks", host=5))
    assert fetch.link_status is LinkStatus.OK, fetch.reason


def test_honest_host_probed_once(web: FixtureWeb, fetcher: Fetcher) -> None:
    web.page("/a/story-1", ARTICLE)
    web.page("/a/story-2", ARTICLE.replace("stall", "resume"))
    assert fetcher.fetch(web.url("/a/story-1")).link_status is LinkStatus.OK
    assert fetcher.fetch(web.url("/a/story-2")).link_status is LinkStatus.OK
    probes = [r for r in web.requests if not r.path.startswith("/a/")]
    assert len(probes) == 1


@pytest.mark.parametrize("status, header, words", [
    (401, {}, "HTTP 401"), (402, {}, "HTTP 402"), (403, {}, "HTTP 403"), (451, {}, "HTTP 451"),
    (403, {"cf-mitigated": "challenge"}, "Cloudflare bot challenge"),
])
def test_blocked(web: FixtureWeb, fetcher: Fetcher, status: int, header: dict[str, str], words: str) -> None:
    fetch = fetcher.fetch(web.page("/story", "<title>Just a moment...</title>", status=status, headers=header))
    assert fetch.link_status is LinkStatus.BLOCKED and words in fetch.reason


def test_bot_challenge_503_is_blocked_and_not_retried(web: FixtureWeb, fetcher: Fetcher) -> None:
    url = web.page("/story", "<title>Just a moment...</title>", status=503, headers={"cf-mitigated": "challenge"})
    fetch = fetcher.fetch(url)
    assert fetch.link_status is LinkStatus.BLOCKED and web.hits("/story") == 1


def test_challenge_page_served_with_200_is_blocked(web: FixtureWeb, fetcher: Fetcher) -> None:
    fetch = fetcher.fetch(web.page("/story/1", "<html><title>Just a moment...</title><p>Checking</p></html>"))
    assert fetch.link_status is LinkStatus.BLOCKED and "bot challenge page" in fetch.reason


@pytest.mark.parametrize("title", [
    "Before you continue", "Before you continue to YouTube", "Cookie consent | Example News",
    "Pardon Our Interruption",
])
def test_consent_walls_and_challenge_titles_served_with_200_are_blocked(
        web: FixtureWeb, fetcher: Fetcher, title: str) -> None:
    fetch = fetcher.fetch(web.page("/story/1", f"<html><title>{title}</title><p>Accept all</p></html>"))
    assert fetch.link_status is LinkStatus.BLOCKED, fetch.reason


def test_before_you_continue_in_a_headline_is_not_a_wall(web: FixtureWeb, fetcher: Fetcher) -> None:
    page = ARTICLE.replace("Budget talks stall |", "Before you continue your studies, read this |")
    assert fetcher.fetch(web.page("/story/2", page)).link_status is LinkStatus.OK


def test_catch_all_page_echoing_the_slug_as_words_is_a_soft_404(web: FixtureWeb, fetcher: Fetcher) -> None:
    """Many CMSs answer an unknown slug with a search for its words: 'budget-talks' -> 'budget talks'."""
    def search(r: Request) -> Reply:
        words = r.path.rsplit("/", 1)[-1].replace("-", " ")
        return Reply(200, f"<html><title>The Daily</title><h1>Results for {words}</h1><p>None.</p></html>")
    web.route("*", search)
    fetch = fetcher.fetch(web.url("/2024/05/budget-talks-stall"))
    assert fetch.link_status is LinkStatus.SOFT_404 and "identical" in fetch.reason


def test_deep_link_redirected_to_login_is_blocked(web: FixtureWeb, fetcher: Fetcher) -> None:
    web.page("/account/login", "<html><title>Sign in</title><p>Subscribers only</p></html>")
    fetch = fetcher.fetch(web.redirect("/2024/05/budget", "/account/login?next=/2024/05/budget", status=302))
    assert fetch.link_status is LinkStatus.BLOCKED and "login" in fetch.reason


def test_rate_limited_is_error_not_dead(web: FixtureWeb, fetcher: Fetcher) -> None:
    fetch = fetcher.fetch(web.page("/story", "", status=429))
    assert fetch.link_status is LinkStatus.ERROR
    assert fetch.reason == "HTTP 429: rate limited by the server (after 2 attempts)"


@pytest.mark.parametrize("status", [500, 502, 504, 522])
def test_server_errors_are_error_after_retries(web: FixtureWeb, fetcher: Fetcher, status: int) -> None:
    fetch = fetcher.fetch(web.page("/story", "", status=status))
    assert fetch.link_status is LinkStatus.ERROR and str(status) in fetch.reason
    assert web.hits("/story") == 2


def test_other_client_error_is_error(web: FixtureWeb, fetcher: Fetcher) -> None:
    fetch = fetcher.fetch(web.page("/story", "", status=400))
    assert (fetch.link_status, fetch.reason) == (LinkStatus.ERROR, "HTTP 400 Bad Request")
    assert web.hits("/story") == 1


@pytest.mark.parametrize("url, words", [
    ("ftp://files.example.org/report.pdf", "scheme ftp: is not http or https"),
    ("mailto:press@example.org", "scheme mailto: is not http or https"),
    ("www.example.org/no-scheme", "has no scheme"),
    ("localhost:8080/x", "has no scheme"),
    ("javascript:alert(1)", "scheme javascript: is not"),
    ("http://exa mple.org/", "malformed URL"),
    ("http://[::1/", "malformed URL"),
    ("http://example.org:99999/", "malformed URL"),
    ("http:///only-a-path", "malformed URL"),
    ("http://a..b/", "empty or too long label"),
    ("", "empty"),
])
def test_invalid(fetcher: Fetcher, url: str, words: str) -> None:
    fetch = fetcher.fetch(url)
    assert fetch.link_status is LinkStatus.INVALID and words in fetch.reason
    assert fetch.attempts == []


def test_skipped_by_configuration_including_subdomains(web: FixtureWeb) -> None:
    web.page("/story", ARTICLE)
    fetcher = Fetcher(Settings(allow_private_hosts=True, skip_hosts=("example.test",)))
    for host in ("example.test", "news.example.test"):
        fetch = fetcher.fetch(f"http://{host}:{web.port}/story")
        assert fetch.link_status is LinkStatus.SKIPPED
        assert fetch.reason == f"the host {host} is excluded by configuration (skip_hosts: example.test)"
    assert web.hits("/story") == 0


def test_redirect_into_a_skipped_host_is_skipped(web: FixtureWeb) -> None:
    web.page("/story", ARTICLE)
    fetcher = Fetcher(Settings(allow_private_hosts=True, skip_hosts=("tracker.test",)))
    start = web.redirect("/go", f"http://tracker.test:{web.port}/story", status=302)
    fetch = fetcher.fetch(start)
    assert fetch.link_status is LinkStatus.SKIPPED and web.hits("/story") == 0


def test_skipped_by_address_guard(web: FixtureWeb) -> None:
    fetch = Fetcher(Settings()).fetch(web.page("/story", ARTICLE))
    assert fetch.link_status is LinkStatus.SKIPPED and "address guard" in fetch.reason


# -- the rules themselves ----------------------------------------------------------------

@pytest.mark.parametrize("title", [
    "404", "404 Not Found", "Error 404 - Page not found", "Page Not Found – The Guardian",
    "Oops! That page can’t be found. | Site", "The page you were looking for doesn't exist (404)",
    "Seite nicht gefunden", "Page introuvable | Le Monde", "Página no encontrada",
    "صفحه مورد نظر یافت نشد", "خطای ۴۰۴", "Страница не найдена",
])
def test_error_titles(title: str) -> None:
    assert error_page_reason(title, "x" * 5000) is not None


def test_a_title_is_read_whole_after_letters_that_grow_when_lower_cased() -> None:
    # 'İ' lower-cases to two characters: a title found in a lowered copy would be cut short
    look = PageLook('<html><head><meta name="x" content="İSTANBUL İZMİR">'
                    "<TITLE lang=tr>Sayfa  bulunamadı &amp; 404</Title></head></html>", "html")
    assert look.title == "Sayfa bulunamadı & 404"
    assert PageLook("<html><head><title>Unclosed", "html").title == ""


@pytest.mark.parametrize("title, text", [
    ("Why 404 errors matter for the web | Tech", "A long article."),
    ("Higgs boson not found at lower energies", "Physicists said..."),
    ("The Daily", "Budget news.\n" + "The word not found appears in a sentence here.\n" * 3),
    ("The Daily", "Page not found\n" + "a long article body " * 400),
])
def test_not_error_pages(title: str, text: str) -> None:
    assert error_page_reason(title, text) is None


@pytest.mark.parametrize("line", [
    "Sorry, we couldn't find that page.", "The page you requested could not be located.", "404",
    "410 Gone", "This article has been removed.", "This page has been deleted.",
    "This story has been taken down.", "This domain is for sale!", "This domain is parked.",
    "خطای ۴۰۴", "The page does not exist.", "This page is no longer available.", "PAGE NOT FOUND",
    "Seite nicht gefunden", "Page introuvable", "Page non trouvée", "Página no encontrada",
    "Pagina non trovata", "Pagina niet gevonden", "Страница не найдена", "صفحه مورد نظر یافت نشد",
    "صفحه پیدا نشد", "صفحه وجود ندارد", "الصفحة غير موجودة", "لم يتم العثور على الصفحة",
    "お探しのページは見つかりませんでした", "页面不存在", "找不到页面", "页面未找到",
    "No se puede encontrar esa página.", "Такой страницы не существует", "Sayfa bulunamadı",
    "ページは存在しません", "الصفحة التي تبحث عنها غير موجودة", "This article has expired.",
    "Sorry, this page isn't available.",
    "Video unavailable", "Halaman tidak ditemukan", "Không tìm thấy trang", "Nie znaleziono strony",
    "Deze pagina bestaat niet (meer).", "페이지를 찾을 수 없습니다", "요청하신 페이지가 존재하지 않습니다.",
    "הדף לא נמצא", "הדף שחיפשת אינו קיים.", "Сторінку не знайдено", "Сторінка не існує.",
    "صفحہ نہیں ملا", "آپ جس صفحے کی تلاش کر رہے ہیں وہ موجود نہیں ہے۔",
    "La pagina richiesta non è stata trovata.", "A página que você procura não existe.",
])
def test_a_short_page_saying_not_found_is_read_past_the_markup_scan(line: str) -> None:
    """PageLook extracts a page's text only when its markup holds a not-found word: every
    message the line rules know must get past that scan."""
    look = PageLook(f"<html><head><title>Example News</title></head><body><p>{line}</p>"
                    "<p>Home</p></body></html>", "html")
    assert look.error_page_reason() is not None


@pytest.mark.parametrize("url, deep", [
    ("https://example.org/", False), ("https://example.org", False),
    ("https://example.org/index.html", False), ("https://example.org/en/", False),
    ("https://example.org/?p=123", True), ("https://example.org/2019/05/story", True),
    ("https://example.org/about", True),
    ("https://example.org/home.aspx", False), ("https://example.org/Error.aspx?aspxerrorpath=/a", False),
    ("https://example.org/site/errors/not-found.html", False), ("https://example.org/?s=budget", False),
    ("https://example.org/?utm_source=x", False), ("https://example.org/index.php?title=Budget", True),
    ("https://example.org/2019/05/error-handling", True),
    ("https://example.org/search/?q=budget&type=article", False),  # refining a search
    ("https://example.org/?s=budget&lang=en&orderby=date", False),
    ("https://example.org/de/startseite", False), ("https://example.org/es/inicio", False),
    ("https://example.org/not_found", False),  # underscores read as hyphens
    ("https://example.org/#/articles/4411", True),  # a single-page application's route
    ("https://example.org/#!/articles/4411", True), ("https://example.org/#/", False),
    ("https://example.org/#top", False),  # an anchor on the home page
    ("https://example.org/?msg=page_not_found", False),  # a value naming an error page
    ("https://example.org/?p=404", True),  # a number is a post id, not an error
])
def test_deep_links(url: str, deep: bool) -> None:
    assert is_deep_link(url) is deep


def test_prepare_url_handles_idn_spaces_and_percent() -> None:
    assert prepare_url(" http://bücher.example/ä b?q=ü ") == "http://xn--bcher-kva.example/%C3%A4%20b?q=%C3%BC"
    assert prepare_url("http://example.org/caf%C3%A9?q=a%20b") == "http://example.org/caf%C3%A9?q=a%20b"
    assert prepare_url("http://example.org/100%") == "http://example.org/100%25"
    with pytest.raises(InvalidLink):
        prepare_url("https://☃.net/")


def test_skip_reason_matches_idn_entries() -> None:
    assert skip_reason("xn--bcher-kva.example", ["bücher.example"]) is not None
    assert skip_reason("notbücher.example", ["bücher.example"]) is None



def test_ipv6_literal_urls_are_fetchable() -> None:
    assert prepare_url("http://[::1]:8080/x") == "http://[::1]:8080/x"


@pytest.mark.parametrize("final, expected", [
    ("https://example.org/", LinkStatus.SOFT_404),
    ("https://example.org/Error.aspx?aspxerrorpath=/2019/story", LinkStatus.SOFT_404),  # any depth
    ("https://example.org/a/b/errors/404.html", LinkStatus.SOFT_404),
    ("https://example.org/?s=story", LinkStatus.SOFT_404),  # the home page's search results
    ("https://example.org/?p=42", None),  # a page picked by its query
    ("https://example.org/index.php?title=Story", None),
    ("https://example.org/2019/story?utm_source=x", None),
    ("https://example.org/users/sign_in?next=/2019/story", LinkStatus.BLOCKED),
    ("https://example.org/Account/Login.aspx", LinkStatus.BLOCKED),
    ("https://example.org/wp-login.php", LinkStatus.BLOCKED),
    ("https://example.org/blog/logging-in-python", None),  # a slug, not a login page
    ("https://guce.example.org/consent?done=x", LinkStatus.BLOCKED),  # a consent wall by path
    ("https://example.org/privacy/cookie-consent", LinkStatus.BLOCKED),
    ("https://example.org/cookiewall?ref=story", LinkStatus.BLOCKED),
    ("https://example.org/2019/consent-law-changes", None),  # a headline about consent
    ("https://example.org/art/wall", None),  # a wall without a cookie is no consent wall
    ("https://example.org/fr-fr/accueil", LinkStatus.SOFT_404),  # a home page in another language
    ("https://example.org/password", LinkStatus.BLOCKED),  # a store's password gate
    ("https://example.org/2024/05/choosing-a-password", None),  # a slug about passwords
])
def test_redirect_target_rules(final: str, expected: LinkStatus | None) -> None:
    cited = "https://example.org/2019/story"
    decided = redirect_target_reason(cited, final, [Hop(cited, 302, final)])
    assert (decided[0] if decided else None) is expected


def test_the_not_found_prescan_words_are_each_needed() -> None:
    """Each pre-scan word is one more pass over every page: none may hold another."""
    from verifier.net.pagelook import _MAYBE_NOT_FOUND

    assert [(a, b) for a in _MAYBE_NOT_FOUND for b in _MAYBE_NOT_FOUND if a != b and a in b] == []


def test_a_short_page_kept_from_the_reader_is_blocked_not_soft(web: FixtureWeb, fetcher: Fetcher) -> None:
    """A regional block or a login demand served with 200: the page exists, it is not missing."""
    for path, line in (("/tv/s1e4", "This programme is not available in your region."),
                       ("/viewtopic.php?t=7", "You must be logged in to view this topic.")):
        fetch = fetcher.fetch(web.page(path, f"<html><title>Example</title><body><h1>{line}</h1></body></html>"))
        assert fetch.link_status is LinkStatus.BLOCKED, fetch.reason


def test_json_answers_with_a_not_found_error_are_soft_404s(web: FixtureWeb, fetcher: Fetcher) -> None:
    json = "application/json"
    missing = fetcher.fetch(web.page("/api/articles/9", '{"error": {"code": 404, "message": "x"}}',
                                     content_type=json))
    assert missing.link_status is LinkStatus.SOFT_404 and "code: 404" in missing.reason
    record = fetcher.fetch(web.page("/api/articles/7", '{"id": 7, "title": "Not found"}', content_type=json))
    assert record.link_status is LinkStatus.OK  # a record's own fields are not an error envelope


def test_text_verdict_tells_walls_from_error_pages() -> None:
    """The reader process judges the text of a page the fetcher did not read."""
    from verifier.models import PageText
    from verifier.net.linkstatus import text_verdict

    walled = text_verdict(PageText("Example TV\nThis video is not available in your country.", title="Example TV"))
    missing = text_verdict(PageText("Example News\nPage not found", title="Example News"))
    about = text_verdict(PageText("404 Not Found", title="Getting 404 Not Found from nginx after an upgrade"))
    assert walled is not None and walled[0] is LinkStatus.BLOCKED
    assert missing is not None and missing[0] is LinkStatus.SOFT_404
    assert about is None


def test_l5_pages_in_new_languages_are_read_for_their_message() -> None:
    """The cheap pre-check must let the new languages' words through, or their text is never read."""
    from verifier.net.pagelook import PageLook
    for line in ("Vi fant ikke siden", "Lapa nav atrasta", "Страницата не е намерена",
                 "பக்கம் கிடைக்கவில்லை", "This link has been disabled", "There's nothing here."):
        look = PageLook.of(f"<html><title>Example</title><p>{line}</p></html>".encode(), "text/html")
        assert look is not None and look.maybe_message, line


# -- branch l6 ------------------------------------------------------------------------------

STORY = "https://www.example.org/2019/06/boathouse-survey"


@pytest.mark.parametrize(("cited", "final", "expected"), [
    (STORY, "https://www.example.org/anmelden?returnUrl=%2F2019", LinkStatus.BLOCKED),  # login, in German
    (STORY, "https://www.example.org/connexion?redirect=%2F2019", LinkStatus.BLOCKED),
    (STORY, "https://www.example.org/iniciar-sesion?next=%2F2019", LinkStatus.BLOCKED),
    (STORY, "https://www.example.org/abonnement?article=4412", LinkStatus.BLOCKED),  # a paywall's offer
    (STORY, "https://www.examplegroup.com/gdpr/example.org/", LinkStatus.BLOCKED),  # readers in the EU
    (STORY, "https://www.example.org/article-not-found", LinkStatus.SOFT_404),
    (STORY, "https://www.example.org/fr/page-introuvable", LinkStatus.SOFT_404),
    (STORY, "https://www.example.org/2019/06/", LinkStatus.SOFT_404),  # up to the folder that held it
    ("https://example.org/documents/report-2019.pdf", "https://example.org/documents/", LinkStatus.SOFT_404),
    # what those rules leave alone
    (STORY, "https://www.example.org/2024/05/connexion-internet-lente", None),  # a headline's word
    ("https://example.org/news/boathouse-survey/amp", "https://example.org/news/boathouse-survey", None),
    ("https://example.org/docs/guide/index.html", "https://example.org/docs/guide/", None),
    ("https://example.org/products/kettle", "https://example.org/products/", None),  # no slug, no id
    (STORY, "https://www.example.org/privacy-policy", None),
])
def test_l6_redirect_targets(cited: str, final: str, expected: LinkStatus | None) -> None:
    decided = redirect_target_reason(cited, final, [Hop(cited, 301, final)])
    assert (decided[0] if decided else None) is expected


def test_l6_a_406_is_a_firewalls_refusal(web: FixtureWeb, fetcher: Fetcher) -> None:
    """Every request accepts */*: no content negotiation can fail, a 406 is ModSecurity's."""
    fetch = fetcher.fetch(web.page("/2024/06/boathouse", "<h1>Not Acceptable!</h1>", status=406))
    assert fetch.link_status is LinkStatus.BLOCKED


def test_l6_a_page_that_only_loads_a_challenge_is_blocked() -> None:
    incapsula = (b"<html><head><meta name='robots' content='noindex'></head><body><iframe "
                 b"src='/_Incapsula_Resource?CWUDNSAI=24'>Request unsuccessful.</iframe></body></html>")
    look = PageLook.of(incapsula, "text/html")
    assert look is not None and look.block_reason() is not None
    article = ("<html><head><title>Boathouse</title><script src='https://ct.captcha-delivery.com/c.js'>"
               "</script></head><body>" + "<p>The council voted to rebuild the old boathouse.</p>" * 20 +
               "</body></html>").encode()
    look = PageLook.of(article, "text/html")
    assert look is not None and look.block_reason() is None  # a page using the script has words


def test_l6_a_title_making_sure_you_are_not_a_bot_is_a_challenge() -> None:
    from verifier.net.linkstatus import blocked_reason
    assert blocked_reason(200, {}, "Making sure you're not a bot!") is not None


def test_l6_an_application_shell_at_every_path_is_not_a_soft_404(web: FixtureWeb, fetcher: Fetcher) -> None:
    """A shell is the same at every path by design: its sameness with a nonexistent path says
    nothing. A page with words that is the same everywhere still does."""
    shell = ("<!DOCTYPE html><html><head><title>Lakeside Data</title><script type='module' "
             "src='/assets/index.js'></script></head><body><div id='root'></div></body></html>")
    web.route("*", lambda _r: Reply(200, shell), host=2)
    assert fetcher.fetch(web.url("/stations/north-shore", host=2)).link_status is LinkStatus.OK
    home = "<html><head><title>Example</title><script></script></head><body><p>Latest stories</p></body></html>"
    web.route("*", lambda _r: Reply(200, home), host=3)
    assert fetcher.fetch(web.url("/stations/north-shore", host=3)).link_status is LinkStatus.SOFT_404


def test_l6_every_prescan_word_lets_its_page_be_read() -> None:
    """Words of other scripts are looked for only behind a check for a letter of one: none may
    be lost behind it."""
    from verifier.net.pagelook import _MAYBE_NOT_FOUND
    for word in _MAYBE_NOT_FOUND:
        look = PageLook.of(f"<html><title>Example</title><p>{word}</p></html>".encode(), "text/html")
        assert look is not None and look.maybe_message, word


# -- holdout7's rules ---------------------------------------------------------------------------

def _next_page(data: str, body: str = "") -> bytes:
    return (f"<html><head><title>Example</title></head><body><div id='__next'>{body}</div><script "
            f"id='__NEXT_DATA__' type='application/json'>{data}</script></body></html>").encode()


def test_l7_a_nextjs_not_found_page_is_told_by_its_state() -> None:
    look = PageLook.of(_next_page('{"props":{"pageProps":{}},"page":"/404","query":{}}'), "text/html")
    assert look is not None and look.error_page_reason() is not None
    look = PageLook.of(_next_page('{"props":{"pageProps":{"statusCode":410}},"page":"/_error"}'), "text/html")
    assert look is not None and look.error_page_reason() is not None
    look = PageLook.of(_next_page('{"props":{"pageProps":{"statusCode":500}},"page":"/_error"}'), "text/html")
    assert look is not None and look.error_page_reason() is None  # a server error, not a missing page
    nested = '{"props":{"pageProps":{"widget":{"statusCode":404}}},"page":"/news/[slug]"}'
    look = PageLook.of(_next_page(nested, "<p>The story.</p>"), "text/html")
    assert look is not None and look.error_page_reason() is None


def test_l7_a_small_pages_window_state_saying_not_found() -> None:
    page = ("<html><head><title>Example</title></head><body><article></article><script>"
            "window.__PRELOADED_STATE__ = {\"status\": 404, \"article\": null};</script></body></html>")
    look = PageLook.of(page.encode(), "text/html")
    assert look is not None and look.error_page_reason() is not None
    fine = page.replace('"status": 404', '"status": 200')
    look = PageLook.of(fine.encode(), "text/html")
    assert look is not None and look.error_page_reason() is None


def test_l7_firewall_challenges_told_by_their_resources() -> None:
    for marker in ("<script src='https://abc.token.awswaf.com/abc/challenge.js'></script>",
                   "<script>sucuri_cloudproxy_js='';location.reload();</script>"):
        look = PageLook.of(f"<html><head><title></title>{marker}</head><body></body></html>".encode(), "text/html")
        assert look is not None and look.block_reason() is not None, marker


def test_l7_a_503_titled_as_a_refusal_is_blocked(web: FixtureWeb, fetcher: Fetcher) -> None:
    page = "<html><head><title>Your access to this site has been limited</title></head><body></body></html>"
    fetch = fetcher.fetch(web.page("/2024/06/depot", page, status=503))
    assert fetch.link_status is LinkStatus.BLOCKED, fetch.reason


def _moved(cited: str, final: str) -> LinkStatus | None:
    decided = redirect_target_reason(cited, final, [Hop(cited, 302, final)])
    return decided[0] if decided else None


def test_l7_redirects_to_an_identity_provider_or_a_region_selector_are_walls() -> None:
    story = "https://www.example.org/2024/06/depot-plan"
    assert _moved(story, "https://idp.example.org/profile/x?SAMLRequest=fZJN") is LinkStatus.BLOCKED
    assert _moved(story, "https://id.example.org/oauth/v1?client_id=a&response_type=code") is LinkStatus.BLOCKED
    assert _moved(story, "https://www.example.org/select-your-country/") is LinkStatus.BLOCKED
    assert _moved(story, "https://www.example.org/de/country-selector?next=%2F") is LinkStatus.BLOCKED
    assert _moved(story, "https://www.example.org/2024/how-to-choose-a-country-to-retire") is None


def test_l7_redirects_to_an_expired_offer_or_another_section_are_soft_404s() -> None:
    story = "https://a.example/news/2019/05/depot-plan-approved"
    assert _moved(story, "https://a.example/offer-expired") is LinkStatus.SOFT_404
    assert _moved(story, "https://b.example/media") is LinkStatus.SOFT_404
    assert _moved("https://a.example/amp/2024/05/breakwater", "https://a.example/breakwater") is None  # the slug kept


def test_l7_a_short_link_to_a_home_page_was_made_for_it() -> None:
    assert _moved("https://ow.ly/Ab12Cd", "https://www.example.org/") is None
    assert _moved("https://example.org/abc123", "https://example.org/") is LinkStatus.SOFT_404  # same host
    assert _moved("https://old.example.org/story12345", "https://new.example.org/") is LinkStatus.SOFT_404
