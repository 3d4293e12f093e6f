"""A third held-out set of link-status shapes, none of them in the first two sets.

Not-found pages of particular systems (Drupal, Joomla, Django's debug page, Next.js, Nuxt,
Squarespace, Wix, Blogger, Medium, video and social sites), not-found pages in languages the
rules had not seen (Indonesian, Vietnamese, Polish, Dutch, Korean, Hebrew, Ukrainian, Urdu,
Italian, Portuguese), JSON APIs answering 200 with an error, region and legal blocks served
with 200, archive paywalls, parked and expired domains, login walls met by redirect or at the
cited URL itself, client redirects to the home page, redirects that only add a tracking
parameter or set a cookie, 308 chains, retried 503s, endless 429s, HEAD quirks, odd content
types, and legitimate pages that talk about 404s. Each case's expected status was written down
before the classifier was run on it; `also` names a status a reasonable tool could give
instead, for the few cases that are genuinely ambiguous. Cases the classifier still gets wrong
are xfail(strict=True), so the score stays honest.

First run, before any rule changed: 39 of 65 right (31 of 56 fetched cases, 8 of 9 redirect
chains). After the general fixes of branch l3 (paths quoted in a message left out, 'requested'
and 'in this blog' inside a phrase, '<noun> unavailable', ten more languages, a message before
any prose, headlines about an error, JSON error envelopes, legal, regional and login walls
served with 200, 402, password gates, query values naming an error, '#/' routes): 65 of 65.
Count the current score with HOLDOUT_RAW=1 (marks ignored, misses fail).
"""

from __future__ import annotations

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

PARAGRAPH = ("Volunteers from three neighbouring villages joined the search on Saturday morning, "
             "walking the forest tracks in pairs while a helicopter crew covered the ridge. The "
             "regional police said the weather had slowed the effort but not stopped it. ")


def article(title: str, paragraphs: int = 10, extra: str = "", lang: str = "en",
            paragraph: str = PARAGRAPH) -> str:
    """A news article: a masthead, a headline, paragraphs, a footer."""
    body = "".join(f"<p>{paragraph}</p>" for _ in range(paragraphs))
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
            f"<link rel='canonical' href='/x'></head><body><header><a href='/'>The Courier</a>"
            f"<nav><a href='/local'>Local</a> <a href='/sport'>Sport</a></nav></header><main><article>"
            f"<h1>{title.split(' | ')[0]}</h1><p class='byline'>By Staff Reporter</p>{extra}{body}"
            f"</article></main><footer>© The Courier 2024 · Privacy · Terms</footer></body></html>")


def template(site: str, *blocks: str, lang: str = "en", head: str = "", body_attrs: str = "") -> str:
    """A site template around some blocks of markup; the <title> is the site name."""
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{site}</title>"
            f"{head}</head><body{body_attrs}><header class='site-header'><a class='logo' href='/'>{site}</a>"
            f"<nav><a href='/about'>About</a> <a href='/contact'>Contact</a></nav></header>"
            f"<main id='content'>{''.join(blocks)}</main><footer>© {site}</footer></body></html>")


def not_found_in(site: str, lang: str, heading: str, *lines: str) -> str:
    """A theme's not-found template in some language, served with 200."""
    return template(site, f"<h1>{heading}</h1>", *(f"<p>{line}</p>" for line in lines), lang=lang)


HOME = template("The Courier", "<h2>Top stories</h2><ul><li><a href='/a'>Council approves budget</a></li>"
                "<li><a href='/b'>Rain expected later</a></li></ul>")


def with_home(setup: Setup) -> Setup:
    return shared_with_home(setup, HOME)


def redirect(path: str, to: str, target_body: str | None = None, status: int = 301) -> Setup:
    return shared_redirect(path, to, target_body, status, home=HOME)


# -- systems' not-found pages --------------------------------------------------------------

DRUPAL = template(
    "Example County", "<div class='region-content'><h1 class='page-title'>Page not found</h1>"
    "<div class='messages'>The requested page \"/node/4411\" could not be found.</div></div>",
    body_attrs=" class='path-node page-node-type-article'")
# The same shape with no heading: the message alone names the page.
DRUPAL_NO_HEADING = template(
    "Example County", "<div class='region-content'><div>The requested page \"/node/4411\" could not "
    "be found.</div></div>")
JOOMLA = template(
    "Example Town Council", "<div class='error'><h1>The requested page can't be found.</h1>"
    "<p>An error has occurred while processing your request.</p><p>You may not be able to visit "
    "this page because of:</p><ol><li>an out-of-date bookmark/favourite</li><li>a mistyped address"
    "</li><li>a search engine that has an out-of-date listing for this site</li><li>you have no "
    "access to this page</li></ol><p><a href='/'>Go to the Home Page</a></p></div>")
DJANGO_DEBUG = (
    "<!DOCTYPE html><html lang='en'><head><meta http-equiv='content-type' content='text/html; "
    "charset=utf-8'><title>Page not found at /blog/2021/old-post/</title><meta name='robots' "
    "content='NONE,NOARCHIVE'></head><body><div id='summary'><h1>Page not found <span>(404)</span></h1>"
    "<table class='meta'><tr><th>Request Method:</th><td>GET</td></tr><tr><th>Request URL:</th>"
    "<td>http://127.0.0.1/blog/2021/old-post/</td></tr></table></div><div id='info'><p>Using the "
    "URLconf defined in <code>mysite.urls</code>, Django tried these URL patterns, in this order:</p>"
    "<ol><li>admin/</li><li>blog/ [name='index']</li><li>blog/&lt;int:year&gt;/&lt;slug:slug&gt;/ "
    "[name='post']</li><li>accounts/</li></ol><p>The current path, <code>blog/2021/old-post/</code>, "
    "didn’t match any of these.</p></div><div id='explanation'><p>You’re seeing this error because "
    "you have <code>DEBUG = True</code> in your Django settings file. Change that to <code>False</code>, "
    "and Django will display a standard 404 page.</p></div></body></html>")
NEXT_APP = (
    "<!DOCTYPE html><html id='__next_error__'><head><meta charset='utf-8'><title>Example Store</title>"
    "<script src='/_next/static/chunks/webpack-3f1a.js' async=''></script></head><body>"
    "<div style='font-family:system-ui;height:100vh;text-align:center'><div><h1 class='next-error-h1'>"
    "404</h1><div style='display:inline-block'><h2>This page could not be found.</h2></div></div></div>"
    "<script>(self.__next_f=self.__next_f||[]).push([0]);self.__next_f.push([1,\"1:HL[\\\"/_next/"
    "static/css/a1.css\\\"]\"])</script></body></html>")
NUXT = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Example Shop</title>"
    "<link rel='modulepreload' href='/_nuxt/entry.4c2f.js'></head><body><div id='__nuxt'>"
    "<div class='error-page'><h1>404</h1><p>Page not found: /products/old-kettle</p>"
    "<a href='/'>Go back home</a></div></div><script type='application/json' id='__NUXT_DATA__'>"
    "[{\"state\":1},{\"error\":true}]</script></body></html>")
SQUARESPACE = template(
    "Example Studio", "<div class='sqs-block'><h1>Page Not Found</h1><p>We couldn't find the page you "
    "were looking for. This is either because:</p><ul><li>There is an error in the URL entered into "
    "your web browser. Please check the URL and try again.</li><li>The page you are looking for has "
    "been moved or deleted.</li></ul><p>You can return to our homepage by <a href='/'>clicking here"
    "</a>, or you can try searching for the content you are seeking by <a href='/search'>clicking "
    "here</a>.</p></div>")
WIX = template(
    "Example Ceramics", "<section><h2>404</h2><h1>We Couldn’t Find This Page</h1><p>Looks like the "
    "page you’re trying to visit doesn’t exist. Please check the URL and try your luck again.</p>"
    "<a href='/'>Take Me Home</a></section>")
BLOGGER = template(
    "Notes from the Allotment", "<div class='status-msg-wrap'><div class='status-msg-body'>Sorry, the "
    "page you were looking for in this blog does not exist.</div></div><div class='sidebar'>"
    "<h2>Blog Archive</h2><ul><li>2023 (14)</li><li>2022 (31)</li></ul></div>")
MEDIUM = template(
    "Medium", "<div><p>PAGE NOT FOUND</p><h1>404</h1><h2>Out of nothing, something.</h2><p>You can "
    "find (just about) anything on Medium — apparently even a page that doesn’t exist. Maybe these "
    "stories about finding what you didn’t know you were looking for will take you somewhere new?</p>"
    "</div><div class='stories'>"
    "<div><h3>What I learned from losing my notebook for a year</h3><p>I kept writing in my head and, "
    "when the notebook finally came back from a café in another city, I found the person who wrote in "
    "it was somebody I no longer recognised at all.</p></div>"
    "<div><h3>The map that was wrong on purpose</h3><p>Cartographers used to add invented streets to "
    "catch copiers. One of them became real after a shop opened there and named itself after the "
    "street that never existed on the ground.</p></div>"
    "<div><h3>Searching for my grandmother’s village</h3><p>The archive had no record of it, the "
    "railway had renamed the station twice, and the only clue was a photograph of a bakery with "
    "half of its sign missing in the corner.</p></div></div>")
YOUTUBE_GONE = template(
    " - YouTube", "<div id='player-unavailable'><div class='reason'>Video unavailable</div>"
    "<div class='subreason'>This video is no longer available because the YouTube account associated "
    "with this video has been terminated.</div></div>")
SOCIAL_GONE = template(
    "Facebook", "<div role='main'><h2>This content isn't available right now</h2><p>When this "
    "happens, it's usually because the owner only shared it with a small group of people, changed who "
    "can see it or it's been deleted.</p><a href='/'>Go to News Feed</a></div>")

# -- legitimate pages -------------------------------------------------------------------

HIKERS = article("Missing hikers not found after 404-mile search | The Courier")
QUOTED_HEADLINE = article(
    "“The page you requested could not be found”: a short history of error messages | The Courier")
STATEMENT = template(
    "Example Water Company", "<h1>Statement on the water supply in Northfield</h1>"
    "<p>Supply has been restored to all homes in Northfield; we thank residents for their patience.</p>")
ISSUE = (
    "<!DOCTYPE html><html lang='en'><head><title>Error 404 when uploading files larger than 10 MB · "
    "Issue #1234 · example/uploader</title></head><body><header><a href='/'>Code Host</a></header>"
    "<main><h1>Error 404 when uploading files larger than 10 MB #1234</h1><div class='comment'>"
    "<p>When I upload a file larger than 10 MB through the web form, the server answers:</p>"
    "<pre><code>404 Not Found</code></pre><p>Smaller files work. Version 2.3.1 on Debian 12.</p></div>"
    "<div class='comment'><p>Same here since the upgrade to 2.3.</p></div><div class='comment'><p>"
    "Fixed in 2.3.2: the proxy dropped the chunked upload route.</p></div></main></body></html>")
INDONESIAN_NEWS = article(
    "Dua pendaki yang hilang di Gunung Salak belum ditemukan | Kabar Contoh", paragraphs=4, lang="id",
    paragraph=("Tim gabungan melanjutkan pencarian pada hari ketiga meskipun hujan deras. Kepala "
               "basarnas setempat mengatakan kedua pendaki belum ditemukan hingga sore hari. "))
KOREAN_NEWS = article(
    "실종 등산객 사흘째 찾지 못해 | 예시일보", paragraphs=4, lang="ko",
    paragraph="구조대는 사흘째 수색을 이어갔지만 실종된 등산객을 아직 찾지 못했다고 밝혔다. 경찰은 내일도 수색을 계속할 예정이다. ")
GHOST_MEMBERS = (
    "<!DOCTYPE html><html lang='en'><head><title>How we priced our first product</title></head><body "
    "class='post-template'><header><a href='/'>Small Business Notes</a></header><main><article>"
    "<h1>How we priced our first product</h1><p class='excerpt'>Three mistakes, two spreadsheets and "
    "one very honest customer.</p><section class='gh-post-upgrade-cta'><h2>This post is for paying "
    "subscribers only</h2><a href='/#/portal/signup'>Subscribe now</a><p>Already have an account? "
    "<a href='/#/portal/signin'>Sign in</a></p></section></article></main></body></html>")
ARCHIVE_PAYWALL = article(
    "Flood defences approved after decade of delays | The Courier", paragraphs=1, extra=(
        "<aside class='archive-notice'><p>This article is from our archive.</p><p>Subscribe to read "
        "the full story and 70 years of reporting.</p><a href='/subscribe'>Subscribe</a></aside>"))

# -- blocks, walls and dead domains -----------------------------------------------------

REGION_BLOCK = template(
    "Example TV", "<div class='geo-block'><h1>This content is not available in your region</h1><p>Due "
    "to rights restrictions this programme can only be watched in the United Kingdom.</p></div>")
GDPR_BLOCK = (
    "<html><head><title>The Courier</title></head><body><h1>451: Unavailable due to legal reasons</h1>"
    "<p>We recognize you are attempting to access this website from a country belonging to the "
    "European Economic Area (EEA) including the EU which enforces the General Data Protection "
    "Regulation (GDPR) and therefore access cannot be granted at this time.</p><p>For any issues, "
    "contact help@courier.example.</p></body></html>")
EXPIRED_DOMAIN = (
    "<html><head><title>courier-news.example</title></head><body><div class='expired'><h1>"
    "courier-news.example</h1><p>This domain name expired on 2024-03-01 and is pending renewal or "
    "deletion.</p><p>Are you the owner? <a href='/renew'>Renew it now</a>.</p></div></body></html>")
PARKING_LANDER = (
    "<html><head><title>courier-news.example</title></head><body><div id='lander'><h1>"
    "courier-news.example</h1><p>Related Links</p><ul><li>Local News</li><li>Online Newspaper</li>"
    "<li>Breaking News Alerts</li></ul><p class='sale'>Buy this domain</p><p>The owner of "
    "courier-news.example is offering it for sale for an asking price of 2,450 USD.</p></div>"
    "</body></html>")
FORUM_LOGIN = template(
    "Log in | Example Forum", "<h1>Log in</h1><p>The board requires you to be registered and logged "
    "in to view this topic.</p><form method='post' action='/ucp.php?mode=login'><label>Username</label>"
    "<input name='username'><label>Password</label><input type='password' name='password'>"
    "<button>Login</button></form>")
STORE_PASSWORD = template(
    "Example Kettles", "<h1>Opening soon</h1><p>Be the first to know when we launch.</p>"
    "<form action='/password' method='post'><input type='password' name='password'>"
    "<button>Enter</button></form><p>Enter store using password</p>")
SIGN_IN = template("Sign in | Example Newsroom", "<form><input name='email'><input type='password'>"
                   "<button>Continue</button></form>")


def js_stub(script: str) -> str:
    """A page whose only job is a script sending the browser elsewhere."""
    return (f"<!DOCTYPE html><html><head><title>The Courier</title><script>{script}</script></head>"
            f"<body><noscript>Please enable JavaScript.</noscript></body></html>")


def same_url_with_tracking(web: FixtureWeb, h: int) -> str:
    """The article redirects to itself with campaign parameters added."""
    path = "/2024/05/flood-defences"
    web.page(path + "?utm_source=rss&utm_medium=feed", article("Flood defences | The Courier"), host=h)
    return web.redirect(path, path + "?utm_source=rss&utm_medium=feed", status=302, host=h)


def cookie_check(web: FixtureWeb, h: int) -> str:
    """A site that sets a cookie and redirects to the very same URL before serving the page."""
    body = article("Flood defences | The Courier")

    def serve(r: Request) -> Reply:
        if "visited=1" in r.headers.get("Cookie", ""):
            return Reply(200, body)
        return Reply(302, "", content_type=None, headers={"Location": r.path,
                                                          "Set-Cookie": "visited=1; Path=/"})
    return web.route("/2024/05/flood-defences", serve, host=h)


def permanent_chain(web: FixtureWeb, h: int) -> str:
    """Two 308s on one host: an old id, a renamed section, the article's slug."""
    web.page("/news/local/2024/flood-defences-approved", article("Flood defences | The Courier"), host=h)
    web.redirect("/local/2024/flood-defences-approved", "/news/local/2024/flood-defences-approved",
                 status=308, host=h)
    return web.redirect("/story/88123", "/local/2024/flood-defences-approved", status=308, host=h)


def head_differs(web: FixtureWeb, h: int) -> str:
    """A server whose HEAD says 404 (a broken route) while GET serves the article."""
    body = article("Flood defences | The Courier")
    return web.route("/2024/05/flood-defences",
                     lambda r: Reply(404, "") if r.method == "HEAD" else Reply(200, body), host=h)


def parked_elsewhere(web: FixtureWeb, h: int) -> str:
    """An expired news domain sending every path to a parking lander on another host."""
    lander = web.page("/lander", PARKING_LANDER, host=h + 1)
    web.route("*", lambda _r: Reply(302, "", content_type=None,
                                    headers={"Location": lander + "?domain=courier-news.example&sub=1"}),
              host=h)
    return web.url("/2019/05/council-votes", host=h)


def expired_everywhere(web: FixtureWeb, h: int) -> str:
    web.route("*", lambda _r: Reply(200, EXPIRED_DOMAIN), host=h)
    return web.url("/2019/05/council-votes", host=h)


def sso_redirect(web: FixtureWeb, h: int) -> str:
    """An intranet story sending the reader to an identity provider on another host."""
    auth = web.page("/realms/staff/protocol/openid-connect/auth", SIGN_IN, host=h + 1)
    return web.redirect("/intranet/2024/05/restructure",
                        auth + "?client_id=portal&response_type=code&redirect_uri=%2Fintranet",
                        status=302, host=h)


def empty_stream(web: FixtureWeb, h: int) -> str:
    """200, no Content-Length, the connection closed before any byte of the body."""
    return web.page("/2024/05/flood-defences", iter([]), host=h)


JSON = "application/json; charset=utf-8"

CASES = [
    # -- systems' not-found pages served with 200 --------------------------------------------
    Case("Drupal: The requested page \"/node/4411\" could not be found", page("/node/4411", DRUPAL), SOFT),
    Case("Drupal message only, the path quoted inside it", page("/node/4411", DRUPAL_NO_HEADING), SOFT),
    Case("Joomla: The requested page can't be found", page("/index.php/news/42-old", JOOMLA), SOFT),
    Case("Django debug 404 served with 200", page("/blog/2021/old-post/", DJANGO_DEBUG), SOFT),
    Case("Next.js app router __next_error__, title the site name", page("/products/old-kettle", NEXT_APP),
         SOFT),
    Case("Nuxt: Page not found: /path", page("/products/old-kettle", NUXT), SOFT),
    Case("Squarespace Page Not Found", page("/blog/2020/spring-sale", SQUARESPACE), SOFT),
    Case("Wix: We Couldn't Find This Page", page("/post/old-post", WIX), SOFT),
    Case("Blogger: page you were looking for in this blog does not exist", page(
        "/2019/05/first-harvest.html", BLOGGER), SOFT),
    Case("Medium 404 with recommended stories", page("/@someone/old-post-1a2b3c", MEDIUM), SOFT),
    Case("video: Video unavailable, account terminated", page("/watch?v=abc123XYZ", YOUTUBE_GONE), SOFT),
    Case("social: This content isn't available right now", page("/groups/123/posts/456", SOCIAL_GONE),
         SOFT, also=(BLOCKED,)),
    # -- languages not yet covered -------------------------------------------------------------
    Case("Indonesian: Halaman tidak ditemukan", page("/2021/03/berita", not_found_in(
        "Kabar Contoh", "id", "Halaman tidak ditemukan", "Maaf, halaman yang Anda cari tidak ditemukan.",
        "Kembali ke beranda")), SOFT),
    Case("Vietnamese: Không tìm thấy trang", page("/2021/03/tin-tuc", not_found_in(
        "Báo Ví Dụ", "vi", "Không tìm thấy trang", "Trang bạn tìm kiếm không tồn tại hoặc đã bị xóa.",
        "Về trang chủ")), SOFT),
    Case("Polish: Nie znaleziono strony", page("/2021/03/wiadomosc", not_found_in(
        "Gazeta Przykład", "pl", "Nie znaleziono strony", "Strona, której szukasz, nie istnieje.",
        "Wróć na stronę główną")), SOFT),
    Case("Dutch: Deze pagina bestaat niet (meer)", page("/2021/03/nieuws", not_found_in(
        "Voorbeeld Krant", "nl", "Oeps! Deze pagina bestaat niet (meer).",
        "De pagina die je zoekt kon niet worden gevonden.", "Terug naar de homepage")), SOFT),
    Case("Korean: 페이지를 찾을 수 없습니다", page("/2021/03/gisa", not_found_in(
        "예시일보", "ko", "페이지를 찾을 수 없습니다", "요청하신 페이지가 삭제되었거나 주소가 변경되었습니다.",
        "홈으로 돌아가기")), SOFT),
    Case("Hebrew: הדף לא נמצא", page("/2021/03/kataba", not_found_in(
        "עיתון לדוגמה", "he", "הדף לא נמצא", "מצטערים, הדף שחיפשת אינו קיים.", "חזרה לדף הבית")), SOFT),
    Case("Ukrainian: Сторінку не знайдено", page("/2021/03/novyna", not_found_in(
        "Приклад Новини", "uk", "Сторінку не знайдено", "На жаль, сторінка, яку ви шукаєте, не існує.",
        "Повернутися на головну")), SOFT),
    Case("Urdu: صفحہ نہیں ملا", page("/2021/03/khabar", not_found_in(
        "مثال اخبار", "ur", "صفحہ نہیں ملا", "معذرت، آپ جس صفحے کی تلاش کر رہے ہیں وہ موجود نہیں ہے۔",
        "مرکزی صفحہ")), SOFT),
    Case("Italian: la pagina richiesta non è stata trovata", page("/2021/03/notizia", not_found_in(
        "Giornale Esempio", "it", "Ops!", "Spiacenti, la pagina richiesta non è stata trovata.",
        "Torna alla home")), SOFT),
    Case("Portuguese: A página que você procura não existe", page("/2021/03/noticia", not_found_in(
        "Jornal Exemplo", "pt", "Erro", "A página que você procura não existe.", "Voltar ao início")),
         SOFT),
    # -- JSON APIs -----------------------------------------------------------------------------
    Case("JSON API 200 {\"error\": \"not found\"}", page("/api/v1/articles/4411",
                                                         '{"error": "not found"}', content_type=JSON), SOFT),
    Case("JSON API 200 {\"status\": 404, \"message\": \"Article not found\"}", page(
        "/api/v2/articles/4411", '{"status": 404, "message": "Article not found", "data": null}',
        content_type=JSON), SOFT),
    Case("JSON API 200, a record whose title says not found", page("/api/v1/articles/77", (
        '{"id": 77, "title": "Missing hikers not found after three days", "section": "local", '
        '"published": "2024-05-02T09:10:00Z", "words": 640}'), content_type=JSON), OK),
    # -- blocks, paywalls, walls ----------------------------------------------------------------
    Case("200 'This content is not available in your region'", page("/programmes/river-cottage/s1e4",
                                                                     REGION_BLOCK), BLOCKED),
    Case("200 GDPR block '451: Unavailable due to legal reasons'", page("/2024/05/flood-defences",
                                                                       GDPR_BLOCK), BLOCKED),
    Case("402 Payment Required", page("/2024/05/flood-defences", template(
        "The Courier", "<h1>Subscribe to keep reading</h1>"), status=402), BLOCKED),
    Case("archive notice: subscribe to read the full story", page("/1998/03/flood-defences",
                                                                  ARCHIVE_PAYWALL), OK, also=(BLOCKED,)),
    Case("Ghost members-only post", page("/how-we-priced/", GHOST_MEMBERS), OK, also=(BLOCKED,)),
    Case("forum topic answered 200 with a login form", page("/viewtopic.php?t=5512", FORUM_LOGIN), BLOCKED),
    Case("store product redirected to /password", redirect("/products/blue-kettle", "/password",
                                                           STORE_PASSWORD, status=302), BLOCKED),
    Case("redirect to an OpenID Connect sign-in on another host", sso_redirect, BLOCKED),
    Case("script redirect to /login?next=", with_home(lambda web, h: (
        web.page("/login", SIGN_IN, host=h),
        web.page("/members/2024/05/briefing", js_stub(
            "if(!document.cookie.match(/sid=/)){window.location.href='/login?next=%2Fmembers%2F2024%2F05"
            "%2Fbriefing';}"), host=h))[1]), BLOCKED),
    # -- parked and expired domains -----------------------------------------------------------
    Case("expired domain: registrar's pending-renewal page at every path", expired_everywhere, SOFT),
    Case("expired domain redirected to a parking lander on another host", parked_elsewhere, SOFT),
    # -- client redirects to the home page ------------------------------------------------------
    Case("meta refresh with absolute home URL, 1 s, upper-case URL=", lambda web, h: (
        web.page("/", HOME, host=h), web.page("/2019/05/council-votes", (
            f"<html><head><meta http-equiv='Refresh' content='1; URL={web.url('/', host=h)}'>"
            "<title>The Courier</title></head><body><p>Redirecting…</p></body></html>"), host=h))[1], SOFT),
    Case("location.replace to home with a campaign parameter", with_home(page(
        "/2019/05/council-votes", js_stub("location.replace('/?utm_source=expired-link');"))), SOFT),
    Case("deep link 302 to home with ?msg=page_not_found", redirect(
        "/2019/05/council-votes", "/?msg=page_not_found", status=302), SOFT),
    # -- redirects that are not failures --------------------------------------------------------
    Case("redirect to the same URL plus tracking parameters", same_url_with_tracking, REDIRECTED,
         also=(OK,)),
    Case("cookie check: 302 to the same URL, then the page", cookie_check, OK, also=(REDIRECTED,)),
    Case("two 308s on one host to the article", permanent_chain, REDIRECTED),
    Case("deep product link to the whole catalogue /collections/all", redirect(
        "/products/blue-kettle", "/collections/all", template("Example Kettles", "<h1>All products</h1>"),
        status=302), SOFT, also=(REDIRECTED,)),
    # -- statuses and bodies --------------------------------------------------------------------
    Case("410 Gone with a removal notice", page("/2019/05/council-votes", template(
        "The Courier", "<h1>This story has been removed</h1><p>It was removed at the request of a court."
        "</p>"), status=410), DEAD),
    Case("503 with Retry-After: 1, then 200", lambda web, h: web.sequence("/2024/05/flood-defences", [
        Reply(503, "Service Unavailable", headers={"Retry-After": "1"}, content_type="text/plain"),
        Reply(200, article("Flood defences | The Courier"))], host=h), OK),
    Case("429 on every attempt", page("/2024/05/flood-defences", "Too Many Requests", status=429,
                                      headers={"Retry-After": "2"}, content_type="text/plain"), ERROR),
    Case("HEAD answers 404, GET serves the article", head_differs, OK),
    Case("CSV data as application/octet-stream", page("/data/rainfall-2023.csv", (
        b"station,month,mm\nNorthfield,1,88.2\nNorthfield,2,61.0\n"), content_type="application/octet-stream"),
         OK),
    Case("HTML 404 page as application/octet-stream with 200", page("/files/annual-report.pdf", (
        b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL "
        b"was not found on this server.</p></body></html>"), content_type="application/octet-stream"), SOFT),
    Case("200, chunked, no body bytes at all", empty_stream, ERROR),
    # -- legitimate pages that must stay ok ----------------------------------------------------
    Case("headline: Missing hikers not found after 404-mile search", page("/2024/05/hikers", HIKERS), OK),
    Case("headline quoting 'The page you requested could not be found'", page(
        "/2024/05/error-messages", QUOTED_HEADLINE), OK),
    Case("one-line statement page", page("/news/statement-northfield", STATEMENT), OK),
    Case("issue page quoting 404 Not Found output", page("/example/uploader/issues/1234", ISSUE), OK),
    Case("Indonesian news: pendaki belum ditemukan", page("/2024/05/pendaki", INDONESIAN_NEWS), OK),
    Case("Korean news: 등산객 찾지 못해", page("/2024/05/deungsan", KOREAN_NEWS), OK),
]


@pytest.mark.parametrize("case", [marked(c) for c in CASES])
def test_holdout3_case(web: FixtureWeb, fetcher: Fetcher, case: Case) -> None:
    host = 10 + 3 * CASES.index(case)  # hosts of its own (and two neighbours): no shared probes
    fetch = fetcher.fetch(case.setup(web, host))
    assert fetch.link_status in (case.expected, *case.also), fetch.reason


# -- chains the loopback web cannot serve (https, real host names): the redirect rule -------

CHAINS = [
    Chain("http to https, explicit :80 dropped", ("http://example.org:80/2024/05/flood",
                                                  "https://example.org/2024/05/flood"), None),
    Chain("http to https to www with trailing slash", ("http://example.org/news/flood",
                                                       "https://example.org/news/flood",
                                                       "https://www.example.org/news/flood/"), None),
    Chain("short link to a video page", ("https://youtu.be/abc123XYZ",
                                         "https://www.youtube.com/watch?v=abc123XYZ&feature=youtu.be"), None),
    Chain("DOI to the publisher's article", ("https://doi.org/10.1000/j.jfl.2021.04.002",
                                             "https://journal.example.org/article/S0001-2021-04-002"), None),
    Chain("path route moved into a hash route", ("https://app.example.org/articles/4411",
                                                 "https://app.example.org/#/articles/4411"), None),
    Chain("deep link to /en/home.aspx", ("https://www.example.org/2019/05/story",
                                         "https://www.example.org/en/home.aspx"), SOFT),
    Chain("deep link to /page-not-found/?url=", ("https://www.example.org/2019/05/story",
                                                 "https://www.example.org/page-not-found/?url=%2F2019%2F05%2Fstory"),
          SOFT),
    Chain("deep link to an auth host's /login", ("https://intranet.example.org/2024/05/memo",
                                                 "https://auth.example.org/login?service=intranet"), BLOCKED),
    Chain("deep link to /account/signin.aspx on www", ("https://example.org/members/2024/report",
                                                       "https://www.example.org/account/signin.aspx?ReturnUrl=%2F"),
          BLOCKED),
]


@pytest.mark.parametrize("chain", [marked(c) for c in CHAINS])
def test_holdout3_chain(chain: Chain) -> None:
    assert chain_status(chain) is chain.expected
