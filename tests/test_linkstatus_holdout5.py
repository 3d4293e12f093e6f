"""A fifth held-out set of link-status shapes, none of them in the first four sets.

Not-found and removed-content pages of more platforms (Ghost, Discourse, Shopify, Substack,
GitLab, Google Docs, YouTube, Vimeo, SoundCloud, Spotify, Reddit, Telegram, Facebook,
Instagram, Tumblr, Mastodon, Bluesky, Stack Exchange, LinkedIn); hosts that serve their home
page under an old article URL with 200 (with and without a clock that changes per request);
redirects to a localized home page with tracking parameters, across five hosts, 303 after a
form, with spaces or relative paths in `Location`, and through a shortener to a 'link
disabled' page; PDFs sent as attachments, a slow first byte within the deadline; Akamai
'Access Denied' served with 200, a YouTube consent interstitial, an age gate and a login
prompt; not-found pages in Danish, Norwegian, Slovak, Bulgarian, Serbian, Croatian,
Slovenian, Estonian, Latvian, Lithuanian, Malay, Filipino, Tamil, Catalan and Icelandic; and
legitimate pages that must stay ok (noindex articles, 'more than 5 years old' banners,
articles and help pages about errors, deleted posts and unavailable videos, in several
languages, an out-of-stock product). Each case's expected status was written down before the
classifier was run on it; `also` names a status a reasonable tool could give instead, for the
few cases that are genuinely ambiguous. Cases the classifier still gets wrong are
xfail(strict=True), so the score stays honest.

First run, before any rule changed: 45 of 70 right (38 of 62 fetched cases, 7 of 8 redirect
chains). After the general fixes of branch l5 (tracks, albums, questions and threads as things
that go missing, 'removed for violating the terms', 'disabled' as a way of going, "isn't here"
and "there's nothing here", fifteen more languages, reported speech that quotes a message, age
checks as walls): 67 of 70. Still wrong: a deep link answered with the home page when random
paths are honest 404s, an Instagram login prompt, a redirect to /gone.html.
Count the current score with HOLDOUT_RAW=1 (marks ignored, misses fail).
"""

from __future__ import annotations

import itertools
from functools import partial

import pytest
from fixtureweb import FixtureWeb, Reply, Request
from linkstatus_cases import (
    BLOCKED,
    OK,
    REDIRECTED,
    SOFT,
    Case,
    Chain,
    Setup,
    article_of,
    chain_status,
    check,
    fetcher,
    marked,
    message,
    page,
    template,
)
from linkstatus_cases import redirect as shared_redirect
from linkstatus_cases import with_home as shared_with_home

from verifier.fetching import Fetcher

__all__ = ["fetcher"]  # the shared fixture, used by the tests below

PARAGRAPH = ("The river authority said on Tuesday that the new flood barrier at the old mill will be "
             "ready before the autumn rains, after a year of delays caused by a shortage of steel and "
             "a dispute with the contractor over the cost of the foundations. ")


article = article_of("The River Courier", ("News", "Local"), PARAGRAPH)


HOME = template("The River Courier", "<h2>Top stories</h2><ul><li><a href='/a'>Bridge closed for "
                "repairs</a></li><li><a href='/b'>Flood warning lifted</a></li><li><a href='/c'>Market "
                "reopens on Saturday</a></li></ul>")
STORY = article("Flood barrier ready before autumn | The River Courier")

with_home = partial(shared_with_home, home=HOME)
redirect = partial(shared_redirect, home=HOME)


# -- platforms' not-found and removed pages ------------------------------------------------------

GHOST = template("The Example Journal", "<section class='error-content'><h1 class='error-code'>404"
                 "</h1><p class='error-description'>Page not found</p><a href='/'>Go to the front page "
                 "→</a></section>")
DISCOURSE = message("Example Community Forum", "Oops! That page doesn’t exist or is private.",
                    "Latest topics", "Search this site")
SHOPIFY = message("404 Not Found – Example Store", "Page not found",
                  "The page you requested does not exist. Click here to continue shopping.")
SUBSTACK = message("The Example Letter", "Not found", "Sorry, we can’t find the post you’re looking for.",
                   "Go home")
GITLAB = message("Not Found · GitLab", "Page Not Found",
                 "Make sure the address is correct and the page hasn't moved.", "Please contact your "
                 "GitLab administrator if you think this is a mistake.")
GDOCS = message("Google Docs", "Sorry, the file you have requested does not exist.",
                "Make sure that you have the correct URL and the file exists.")
YT_GONE = template(" - YouTube", "<div id='player-unavailable'><div class='reason'>This video isn't "
                   "available anymore</div><a href='/'>Go to home</a></div>")
YT_TOS = template(" - YouTube", "<div id='player-unavailable'><div class='reason'>This video has been "
                  "removed for violating YouTube's Terms of Service</div></div>")
VIMEO = message("Vimeo", "Sorry", "This video does not exist.", "Explore Vimeo")
SOUNDCLOUD = message("SoundCloud - Hear the world’s sounds", "We can’t find that track.",
                     "Sorry! The track you’re looking for may have been removed by its owner.")
SPOTIFY = message("Spotify – Web Player", "Page not available",
                  "Something went wrong, please try again later or head back to the home page.",
                  "Couldn’t find that album.")
REDDIT_MODS = message("Reddit - Dive into anything", "r/localnews",
                      "Sorry, this post has been removed by the moderators of r/localnews.",
                      "Moderators remove posts from feeds for a variety of reasons.")
TELEGRAM = template("Telegram: Contact @examplenews", "<div class='tgme_widget_message_error'>Post not "
                    "found</div><a href='/examplenews'>View in Telegram</a>")
FACEBOOK = message("Facebook", "This content isn't available right now",
                   "When this happens, it's usually because the owner only shared it with a small group "
                   "of people, changed who can see it or it's been deleted.", "Go to News Feed")
INSTAGRAM = message("Instagram", "Sorry, this page isn't available.",
                    "The link you followed may be broken, or the page may have been removed. Go back to "
                    "Instagram.")
TUMBLR = message("Tumblr", "There's nothing here.",
                 "Whatever you were looking for doesn't currently exist at this address. Unless you were "
                 "looking for this error page, in which case: Congrats! You totally found it.")
MASTODON = message("The page you are looking for isn't here. - Mastodon", "The page you are looking for "
                   "isn't here.", "Go back")
BLUESKY = message("Bluesky", "Post not found", "The post may have been deleted.")
STACK_REMOVED = message("Page not found - Stack Overflow", "Page not found",
                        "This question was removed from Stack Overflow for reasons of moderation.")
LINKEDIN = message("LinkedIn", "This page doesn’t exist",
                   "Please check your URL or return to LinkedIn home.")

# -- walls -------------------------------------------------------------------------------------

AKAMAI = ("<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>You don't have "
          "permission to access \"http&#58;&#47;&#47;www&#46;example&#46;org&#47;2024&#47;05&#47;barrier\" "
          "on this server.<P>Reference&#32;&#35;18&#46;6f2d3e17&#46;1716200000&#46;2b7c9f</BODY></HTML>")
YT_CONSENT = message("Before you continue to YouTube", "Before you continue to YouTube",
                     "We use cookies and data to deliver and maintain Google services.",
                     "Reject all", "Accept all")
AGE_GATE = message("Example Spirits", "Are you of legal drinking age?",
                   "You must be 18 or older to enter this site.", "Yes", "No")
IG_LOGIN = message("Instagram", "Log in to see photos and videos from friends.", "Log in",
                   "Don't have an account? Sign up")
LINK_DISABLED = message("Example Short Links", "This link has been disabled",
                        "The link you followed was flagged for abuse and has been disabled.")

# -- legitimate pages ---------------------------------------------------------------------------

NOINDEX_ARTICLE = article("Flood barrier ready before autumn | The River Courier",
                          head="<meta name='robots' content='noindex, nofollow'>")
OLD_BANNER = article("Flood barrier plan approved | The River Courier",
                     extra="<div class='notice'>This article is more than 5 years old.</div>")
GERMAN_ABOUT_404 = article(
    "Seite nicht gefunden: Warum so viele Links verschwinden | Beispiel Zeitung", paragraphs=5, lang="de",
    paragraph="Wer alte Artikel anklickt, landet oft auf der Meldung „Seite nicht gefunden“. Forscher "
              "haben untersucht, wie viele Verweise in Zeitungsarchiven nach zehn Jahren noch funktionieren. ")
SPANISH_ABOUT_404 = article(
    "Error 404: la página no existe y nadie lo sabe | Diario Ejemplo", paragraphs=5, lang="es",
    paragraph="Un estudio revela que uno de cada cuatro enlaces citados en noticias lleva a una página "
              "que ya no existe. Los investigadores piden a los medios que conserven sus archivos. ")
FRENCH_DELETED = article(
    "Le ministre a supprimé son message après la polémique | Journal Exemple", paragraphs=5, lang="fr",
    paragraph="Le message, publié lundi soir, a été supprimé par son auteur quelques heures plus tard. "
              "L'opposition demande des explications au gouvernement. ")
DELETED_POST_NEWS = article("Minister deletes post after backlash | The River Courier",
                            extra="<p>“This post was deleted by the author,” the platform now shows.</p>")
HELP_UNAVAILABLE = template(
    "Why is my video unavailable? - Example Video Help",
    "<h1>Why is my video unavailable?</h1><p>A video can be unavailable because its owner made it "
    "private, because it was removed for breaking the rules, or because it is blocked in your "
    "country.</p><p>If you own the video, check its status in your dashboard.</p>")
OUT_OF_STOCK = template("Blue Kettle 1.7 l | Example Kettles", "<h1>Blue Kettle 1.7 l</h1><p>£34.99</p>"
                        "<p>This product is currently unavailable.</p><p>Stainless steel, 3000 W, "
                        "boil-dry protection, 2-year guarantee.</p>")
DANISH_NEWS = article("Den savnede sejler er stadig ikke fundet | Eksempelavisen", paragraphs=4, lang="da",
                      paragraph="Redningstjenesten fortsatte eftersøgningen hele natten, men sejleren er "
                                "endnu ikke fundet. Politiet siger, at eftersøgningen genoptages i morgen. ")
OBITUARY = message("Gone but not forgotten: Mary Example, 1931–2024 | The River Courier",
                   "Gone but not forgotten", "Mary Example, who ran the ferry café for forty years, has died "
                   "aged 93.")


# -- setups ---------------------------------------------------------------------------------

def home_everywhere(web: FixtureWeb, h: int) -> str:
    """An old article URL answered 200 with the home page, as is every other path."""
    web.route("*", lambda _r: Reply(200, HOME), host=h)
    return web.url("/2016/03/old-story.html", host=h)


_ticks = itertools.count()


def clock_home(_r: Request) -> Reply:
    tick = next(_ticks)
    return Reply(200, HOME.replace("<h2>Top stories</h2>", f"<p class='clock'>Updated 10:{tick % 60:02d}"
                                   f" · token {tick:08x}</p><h2>Top stories</h2>"))


def clock_home_everywhere(web: FixtureWeb, h: int) -> str:
    """The home page at every path, with a clock and a token that change per request."""
    web.route("*", clock_home, host=h)
    return web.url("/2016/03/old-story.html", host=h)


def home_at_deep_link(web: FixtureWeb, h: int) -> str:
    """A deep link answered 200 with exactly the home page; random paths are honest 404s."""
    web.page("/", HOME, host=h)
    return web.page("/2016/03/old-story.html", HOME, host=h)


def five_hosts(web: FixtureWeb, h: int) -> str:
    """A redirect through five hosts that ends on the article."""
    web.page("/2024/05/flood-barrier", STORY, host=h + 4)
    for step in range(3, -1, -1):
        web.redirect("/2024/05/flood-barrier", web.url("/2024/05/flood-barrier", h + step + 1), host=h + step)
    return web.url("/2024/05/flood-barrier", h)


def shortener_to_article(web: FixtureWeb, h: int) -> str:
    web.page("/2024/05/flood-barrier", STORY, host=h + 1)
    return web.redirect("/3xYz9", web.url("/2024/05/flood-barrier?utm_source=short", h + 1), host=h)


def shortener_disabled(web: FixtureWeb, h: int) -> str:
    web.page("/a/disabled", LINK_DISABLED, host=h)
    return web.redirect("/3xYz9", "/a/disabled?hash=3xYz9", status=302, host=h)


def location_with_space(web: FixtureWeb, h: int) -> str:
    web.page("/", HOME, host=h)
    web.page("/2024/05/flood%20barrier", STORY, host=h)
    return web.redirect("/2024/05/flood-barrier.html", "/2024/05/flood barrier", host=h)


def relative_location(web: FixtureWeb, h: int) -> str:
    web.page("/", HOME, host=h)
    web.page("/news/2024/flood-barrier", STORY, host=h)
    return web.redirect("/news/old/flood-barrier", "../2024/flood-barrier", host=h)


def bare_relative_location(web: FixtureWeb, h: int) -> str:
    web.page("/", HOME, host=h)
    web.page("/news/flood-barrier-ready", STORY, host=h)
    return web.redirect("/news/flood-barrier", "flood-barrier-ready", host=h)


def see_other(web: FixtureWeb, h: int) -> str:
    """A form endpoint answering 303 See Other with its confirmation page."""
    web.page("/", HOME, host=h)
    web.page("/newsletter/confirmed", message("Subscription confirmed | The River Courier",
                                              "Subscription confirmed", "Thank you for subscribing to "
                                              "our morning newsletter."), host=h)
    return web.redirect("/newsletter/confirm?token=ab12cd34", "/newsletter/confirmed", status=303, host=h)


def pdf_attachment(web: FixtureWeb, h: int) -> str:
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
            b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    return web.page("/reports/2023/annual-report.pdf", body, host=h, content_type="application/pdf",
                    headers={"Content-Disposition": "attachment; filename=\"annual-report.pdf\""})


def slow_first_byte(web: FixtureWeb, h: int) -> str:
    return web.page("/2024/05/flood-barrier", STORY, host=h, delay=1.5)


def localized_home_tracking(web: FixtureWeb, h: int) -> str:
    web.page("/", HOME, host=h)
    web.page("/en/", HOME, host=h)
    return web.redirect("/2016/03/old-story.html", "/en/?utm_source=legacy&utm_medium=redirect", host=h)


def lang_404(path: str, site: str, heading: str, line: str, lang: str) -> Setup:
    return page(path, message(site, heading, line, lang=lang))


CASES = [
    # -- platforms ----------------------------------------------------------------------------
    Case("Ghost: 404 / Page not found, title the blog name", page("/old-post/", GHOST), SOFT),
    Case("Discourse: That page doesn't exist or is private", page("/t/old-topic/1234", DISCOURSE), SOFT,
         also=(BLOCKED,)),
    Case("Shopify: 404 Not Found – store, 'continue shopping'", page("/products/old-kettle", SHOPIFY), SOFT),
    Case("Substack: can't find the post you're looking for", page("/p/old-post", SUBSTACK), SOFT),
    Case("GitLab: Not Found · GitLab with 200", page("/group/project/-/issues/42", GITLAB), SOFT),
    Case("Google Docs: the file you have requested does not exist", page("/document/d/1XyZ/edit", GDOCS),
         SOFT),
    Case("YouTube: This video isn't available anymore", page("/watch?v=g0neVide0", YT_GONE), SOFT),
    Case("YouTube: removed for violating the Terms of Service", page("/watch?v=t0sVide0", YT_TOS), SOFT),
    Case("Vimeo: This video does not exist", page("/123456789", VIMEO), SOFT),
    Case("SoundCloud: We can't find that track", page("/artist/old-track", SOUNDCLOUD), SOFT),
    Case("Spotify: Page not available / Couldn't find that album", page("/album/0abc", SPOTIFY), SOFT),
    Case("Reddit: removed by the moderators", page("/r/localnews/comments/xyz9/flood/", REDDIT_MODS), SOFT),
    Case("Telegram: Post not found", page("/examplenews/4321", TELEGRAM), SOFT),
    Case("Facebook: This content isn't available right now", page("/story.php?id=99", FACEBOOK), SOFT,
         also=(BLOCKED,)),
    Case("Instagram: Sorry, this page isn't available", page("/p/CxYz123/", INSTAGRAM), SOFT),
    Case("Tumblr: There's nothing here", page("/post/7123/old-post", TUMBLR), SOFT),
    Case("Mastodon: The page you are looking for isn't here", page("/@someone/1109", MASTODON), SOFT),
    Case("Bluesky: Post not found, may have been deleted", page("/profile/a.example/post/3k", BLUESKY),
         SOFT),
    Case("Stack Overflow: question removed for moderation", page("/questions/123/old", STACK_REMOVED),
         SOFT),
    Case("LinkedIn: This page doesn't exist", page("/pulse/old-article-someone", LINKEDIN), SOFT),
    # -- the home page under an old URL -------------------------------------------------------------
    Case("home page served 200 at every path", home_everywhere, SOFT),
    Case("home page at every path with a per-request clock", clock_home_everywhere, SOFT),
    Case("deep link 200 with exactly the home page, random paths 404", home_at_deep_link, SOFT,
         miss="the home page is fetched only for redirects, never compared with a 200 deep link"),
    # -- redirects ---------------------------------------------------------------------------------
    Case("deep link 301 to /en/?utm_source=legacy", localized_home_tracking, SOFT),
    Case("redirect through five hosts to the article", five_hosts, REDIRECTED),
    Case("shortener 301 to the article with a utm parameter", shortener_to_article, REDIRECTED),
    Case("shortener 302 to 'This link has been disabled'", shortener_disabled, SOFT, also=(BLOCKED,)),
    Case("Location with a space in the path", location_with_space, REDIRECTED),
    Case("Location '../2024/flood-barrier'", relative_location, REDIRECTED),
    Case("Location 'flood-barrier-ready' (relative, no slash)", bare_relative_location, REDIRECTED),
    Case("303 See Other from a form endpoint to its confirmation", see_other, REDIRECTED),
    # -- content and timing -------------------------------------------------------------------------
    Case("PDF sent as an attachment", pdf_attachment, OK),
    Case("first byte after 1.5 s, within the deadline", slow_first_byte, OK),
    # -- walls ------------------------------------------------------------------------------------
    Case("Akamai 'Access Denied' with a reference, served 200", page("/2024/05/barrier", AKAMAI), BLOCKED),
    Case("YouTube consent: Before you continue to YouTube", page("/watch?v=c0nsent", YT_CONSENT), BLOCKED),
    Case("age gate: You must be 18 or older", page("/products/single-malt", AGE_GATE), BLOCKED),
    Case("Instagram: Log in to see photos and videos", page("/someone/", IG_LOGIN), BLOCKED,
         miss="'Log in to see photos and videos from friends' is an invitation to no rule"),
    # -- languages not yet covered ---------------------------------------------------------------
    Case("Danish: Siden blev ikke fundet", lang_404("/2021/03/nyhed", "Eksempelavisen",
         "Siden blev ikke fundet", "Beklager, siden du leder efter findes ikke.", "da"), SOFT),
    Case("Norwegian: Beklager, vi fant ikke siden", lang_404("/2021/03/nyhet", "Eksempelavisa",
         "Beklager, vi fant ikke siden", "Siden du leter etter finnes ikke.", "nb"), SOFT),
    Case("Slovak: Stránka sa nenašla", lang_404("/2021/03/sprava", "Príkladové noviny",
         "Stránka sa nenašla", "Ľutujeme, požadovaná stránka neexistuje.", "sk"), SOFT),
    Case("Bulgarian: Страницата не е намерена", lang_404("/2021/03/novina", "Примерен вестник",
         "Страницата не е намерена", "Страницата, която търсите, не съществува.", "bg"), SOFT),
    Case("Serbian: Страница није пронађена", lang_404("/2021/03/vest", "Пример новине",
         "Страница није пронађена", "Страница коју тражите не постоји.", "sr"), SOFT),
    Case("Croatian: Stranica nije pronađena", lang_404("/2021/03/vijest", "Primjer novine",
         "Stranica nije pronađena", "Stranica koju tražite ne postoji.", "hr"), SOFT),
    Case("Slovenian: Strani ni mogoče najti", lang_404("/2021/03/novica", "Primer časnik",
         "Strani ni mogoče najti", "Stran, ki jo iščete, ne obstaja.", "sl"), SOFT),
    Case("Estonian: Lehekülge ei leitud", lang_404("/2021/03/uudis", "Näidisleht",
         "Lehekülge ei leitud", "Otsitud lehte ei ole olemas.", "et"), SOFT),
    Case("Latvian: Lapa nav atrasta", lang_404("/2021/03/zina", "Piemēra avīze",
         "Lapa nav atrasta", "Atvainojiet, meklētā lapa neeksistē.", "lv"), SOFT),
    Case("Lithuanian: Puslapis nerastas", lang_404("/2021/03/naujiena", "Pavyzdžio laikraštis",
         "Puslapis nerastas", "Atsiprašome, ieškomas puslapis neegzistuoja.", "lt"), SOFT),
    Case("Malay: Halaman tidak dijumpai", lang_404("/2021/03/berita", "Akhbar Contoh",
         "Halaman tidak dijumpai", "Maaf, halaman yang anda cari tidak wujud.", "ms"), SOFT),
    Case("Filipino: Hindi mahanap ang pahina", lang_404("/2021/03/balita", "Halimbawang Pahayagan",
         "Hindi mahanap ang pahina", "Paumanhin, ang pahinang hinahanap mo ay hindi umiiral.", "fil"), SOFT),
    Case("Tamil: பக்கம் கிடைக்கவில்லை", lang_404("/2021/03/seithi", "எடுத்துக்காட்டு செய்தி",
         "பக்கம் கிடைக்கவில்லை", "மன்னிக்கவும், நீங்கள் தேடும் பக்கம் இல்லை.", "ta"), SOFT),
    Case("Catalan: No s'ha trobat la pàgina", lang_404("/2021/03/noticia", "Diari Exemple",
         "No s'ha trobat la pàgina", "Ho sentim, la pàgina que cerqueu no existeix.", "ca"), SOFT),
    Case("Icelandic: Síða fannst ekki", lang_404("/2021/03/frett", "Dæmablaðið",
         "Síða fannst ekki", "Því miður fannst síðan sem þú leitaðir að ekki.", "is"), SOFT),
    # -- legitimate pages that must stay ok ---------------------------------------------------------
    Case("article with <meta name=robots content=noindex>", page("/2024/05/flood-barrier", NOINDEX_ARTICLE),
         OK),
    Case("'This article is more than 5 years old' banner", page("/2018/05/flood-barrier-plan", OLD_BANNER),
         OK),
    Case("German article: Seite nicht gefunden: Warum Links verschwinden", page(
        "/2024/05/links-verschwinden", GERMAN_ABOUT_404), OK),
    Case("Spanish article: Error 404: la página no existe", page("/2024/05/enlaces-rotos",
                                                                 SPANISH_ABOUT_404), OK),
    Case("French article: a supprimé son message", page("/2024/05/message-supprime", FRENCH_DELETED), OK),
    Case("news quoting 'This post was deleted by the author'", page("/2024/05/minister-post",
                                                                   DELETED_POST_NEWS), OK),
    Case("help page: Why is my video unavailable?", page("/help/video-unavailable", HELP_UNAVAILABLE), OK),
    Case("product page: This product is currently unavailable", page("/products/blue-kettle", OUT_OF_STOCK),
         OK),
    Case("Danish news: sejleren er ikke fundet", page("/2024/05/sejler", DANISH_NEWS), OK),
    Case("obituary: Gone but not forgotten", page("/2024/05/mary-example", OBITUARY), OK),
]


@pytest.mark.parametrize("case", [marked(c) for c in CASES])
def test_holdout5_case(web: FixtureWeb, fetcher: Fetcher, case: Case) -> None:
    host = 10 + 3 * CASES.index(case)  # hosts of its own (five_hosts uses four more; each test has its own web)
    check(web, fetcher, case, host)


# -- chains the loopback web cannot serve (https, real host names): the redirect rule -------

OLD = "http://example.org/2019/05/mill-fire"

CHAINS = [
    Chain("http to https to www, same article", (OLD, "https://example.org/2019/05/mill-fire",
                                                 "https://www.example.org/2019/05/mill-fire"), None),
    Chain("bit.ly-style shortener to an article", ("https://bit.ly/3xYz9Ab",
                                                   "https://www.example.org/2019/05/mill-fire"), None),
    Chain("to the localized home /en/?utm_source=", (OLD, "https://www.example.org/en/?utm_source=old"),
          SOFT),
    Chain("to /page-not-found/", (OLD, "https://www.example.org/page-not-found/"), SOFT),
    Chain("to a WordPress search /?s=", (OLD, "https://www.example.org/?s=mill+fire"), SOFT),
    Chain("to /gone.html", (OLD, "https://www.example.org/gone.html"), SOFT,
          miss="'gone' is left out of the error paths: a song or book may be called that"),
    Chain("to the login page /signin?continue=", (OLD, "https://accounts.example.org/signin?continue="
                                                       "https%3A%2F%2Fexample.org%2F2019"), BLOCKED),
    Chain("across five hosts to the same article", (OLD, "https://example.org/2019/05/mill-fire",
                                                    "https://cdn.example.net/r/2019/05/mill-fire",
                                                    "https://news.example.com/2019/05/mill-fire",
                                                    "https://www.example.com/2019/05/mill-fire"), None),
]


@pytest.mark.parametrize("chain", [marked(c) for c in CHAINS])
def test_holdout5_chain(chain: Chain) -> None:
    assert chain_status(chain) is chain.expected
