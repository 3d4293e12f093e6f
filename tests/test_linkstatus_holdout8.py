"""An eighth held-out set of link-status shapes, none of them in the first seven sets.

A page's own markup naming what it is (a <link rel=canonical> sent to the home page or a
search page under a listing, beside a full article whose template points its canonical home;
a WordPress 'error404' body class, Magento's 'cms-no-route', a prerender status of 404, beside
a post whose id is 404); client redirects to a not-found path (SharePoint's
PageNotFoundError.aspx, a German 'seite-nicht-gefunden', a script's location.replace('/404'),
a Refresh header to '/notfound'); status codes the sets had not met (300 with a preferred
Location, 202, a 203 proxy's not-found page, a short 206, 301 without a Location, an empty
Location, 407, a 410 keeping the article, GitHub's 451 DMCA notice, 509, a body that is not the
gzip it claims, an empty gzip body); 308 chains through protocol-relative and relative
Locations, a Location with a query-only reference, raw UTF-8 or spaces in its query, a
redirect to ftp://; sign-in pages of WordPress, F5 APM, Cisco's VPN portal and ASP.NET
Identity; a suspended cPanel account by its path and in Spanish; registrars' expiry notices in
English and German and an ICANN verification hold; cookie walls on the site's own path and on
a media group's consent host; servers whose HEAD lies (200 over a GET 404, hanging, 403, a
redirect home); HTML without a Content-Type, as binary/octet-stream, as an attachment and as
application/x-httpd-php; Retry-After as an HTTP date in the past, once and always, and a day
ahead; archive.today's CAPTCHA served as 429 and its 'No results', a private Perma.cc record;
not-found pages of GitHub Pages, Docusaurus, Read the Docs, Netlify, Webflow, Linktree,
SharePoint, a deleted LiveJournal and a closed Shopify store; invited-readers-only Blogger,
private WordPress.com, Drupal's 'Access denied', a Squarespace site password; Imunify360's bot
protection, a Fastly 'unknown domain'; and paywalls and consent overlays that leave the whole
article in the HTML (in the page, in JSON-LD's articleBody only, under a meter notice, under a
Sourcepoint overlay), which must be ok: the text is there to check.

A consent wall that stands between the reader and the page (a redirect to a consent host or
path, with the article's address as a continue parameter) is blocked, as the earlier sets have
it and as a mature link checker reports it: the page was not reached, so nothing on it can be
checked, yet nothing says it is gone; a person clicking "Accept" would read it. When the
article's text is in the HTML under the overlay, it was reached, and the link is ok.

Each case's expected status was written down before the classifier was run on it; `also`
names a status a reasonable tool could give instead, for the few cases that are genuinely
ambiguous (a 407 from a proxy, a suspended hosting account, a Fastly 'unknown domain', a
redirect to ftp://). Cases the classifier still gets wrong are xfail(strict=True), so the
score stays honest.

First run, before any rule changed: 61 of 83 right (54 of 75 fetched cases, 7 of 8 redirect
chains). One of the misses was this file's own mistake, not the classifier's: the 308 chain's
'../archive/...' Location resolves to '/news/archive/...', which the fixture did not serve; the
Location now climbs two folders ('../../archive/...'), the expectation unchanged. After the
general fixes of branch ho-linkstatus8 (a page's markup naming what it is: a not-found body
class, a prerender status, a home or search page as the canonical address of a page with no
prose; not-found page names told by their words, 'PageNotFoundError.aspx'; a 300's Location
followed as browsers do; a challenge served with 429 or 5xx is blocked and not asked again; a
page that is nothing but a password form, and gateway sign-in paths, F5's '/my.policy' and
Cisco's '/+CSCOE+/'; suspended hosting accounts in four more languages; registrars' 'expired
on <date> and is pending renewal or deletion' and 'this domain is suspended'; 'no results';
'you have found something that doesn't exist', 'followed a broken link'; journals deleted,
stores unavailable, sites currently private or open to invited readers only; a quoted path
holding a space): 83 of 83.
Count the current score with HOLDOUT_RAW=1 (marks ignored, misses fail).
"""

from __future__ import annotations

import gzip

import pytest
from fixtureweb import FixtureWeb, Reply
from linkstatus_cases import (
    BLOCKED,
    DEAD,
    ERROR,
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
    home_page,
    marked,
    message,
    page,
    template,
)
from linkstatus_cases import everywhere as shared_everywhere

from verifier.fetching import Fetcher
from verifier.status import LinkStatus

__all__ = ["fetcher"]  # the shared fixture, used by the tests below

INVALID = LinkStatus.INVALID
SITE = "The Harwick Ledger"
PATH = "/2019/06/ferry-terminal-roof"
PARAGRAPH = ("Harbour commissioners voted on Thursday to replace the leaking roof of the ferry terminal "
             "before the summer timetable begins, after surveyors found rusted gutters, cracked skylights "
             "and a sagging steel beam above the ticket hall on the east side. ")

article = article_of(SITE, ("News", "Harbour"), PARAGRAPH)
STORY = article("Ferry terminal roof to be replaced | The Harwick Ledger")
HOME = template(SITE, "<h2>Latest</h2><ul><li><a href='/a'>Ferry terminal roof to be replaced</a></li><li>"
                "<a href='/b'>Lifeboat crew honoured</a></li><li><a href='/c'>Fish market hours change</a>"
                "</li></ul>")
LISTING = template(SITE, "<h2>Latest</h2><ul><li><a href='/d'>Harbour wall repairs begin</a></li><li><a "
                   "href='/e'>New pilot boat named</a></li><li><a href='/f'>Regatta date set</a></li></ul>",
                   head="<link rel='canonical' href='{home}'>")
RESULTS = template(SITE, "<h1>Results</h1><ul><li><a href='/2021/ferry-fares'>Ferry fares rise</a></li><li>"
                   "<a href='/2022/terminal-cafe'>Terminal cafe reopens</a></li></ul>",
                   head="<link rel='canonical' href='/search?q=ferry+terminal+roof'>")
STORY_CANONICAL_HOME = article("Ferry terminal roof to be replaced | The Harwick Ledger",
                               head="<link rel='canonical' href='/'>")
STORY_SYNDICATED = article("Ferry terminal roof to be replaced | Coast Wire",
                           head="<link rel='canonical' href='https://www.harwick-ledger.example/2019/06/"
                                "ferry-terminal-roof'>")


def body_class(markup: str, classes: str) -> str:
    return markup.replace("<body>", f"<body class='{classes}'>", 1)


WP_ERROR404 = body_class(template(SITE, "<h2>Lost? Try one of these:</h2><ul><li><a href='/d'>Harbour wall "
                                  "repairs begin</a></li><li><a href='/e'>New pilot boat named</a></li></ul>"
                                  "<form role='search' action='/'><input type='search' name='s'></form>"),
                         "error404 wp-theme-harbour hfeed")
WP_POSTID_404 = body_class(STORY, "post-template-default single single-post postid-404 single-format-standard")
MAGENTO_NO_ROUTE = body_class(template("404 Not Found", "<h1>Whoops, our bad...</h1><p>The page you requested "
                                       "was not found, and we have a fine guess why.</p><ul><li>If you typed "
                                       "the URL directly, please make sure the spelling is correct.</li></ul>"),
                              "cms-no-route cms-noroute-index page-layout-1column")
PRERENDER_404 = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>" + SITE + "</title>"
                 "<meta name='prerender-status-code' content='404'></head><body><div id='app'><header><a "
                 "href='/'>" + SITE + "</a><nav><a href='/news'>News</a></nav></header><main></main><footer>© "
                 + SITE + "</footer></div></body></html>")
NEUTRAL = template(SITE, "<p>Use the search box above to find what you need.</p><p><a href='/'>Back to the "
                         "front page</a></p>")
NEUTRAL_DE = template("Harwicker Tageblatt", "<p>Nutzen Sie die Suche, um zu finden, was Sie brauchen.</p>"
                      "<p><a href='/'>Zur Startseite</a></p>", lang="de")


def meta_refresh(to: str) -> str:
    return (f"<html><head><meta http-equiv='refresh' content='0; url={to}'><title>{SITE}</title></head>"
            "<body></body></html>")


def script_only(code: str) -> str:
    return f"<html><head><title>{SITE}</title><script>{code}</script></head><body></body></html>"


GONE_ARTICLE = STORY
GITHUB_DMCA = template("Repository unavailable due to DMCA takedown", "<h1>Repository unavailable due to DMCA "
                       "takedown.</h1><p>This repository is currently disabled due to a DMCA takedown notice. "
                       "We have disabled public access to the repository. The notice has been publicly posted."
                       "</p><p>If you are the repository owner, and you believe that your repository was "
                       "disabled as a result of mistake or misidentification, you have the right to file a "
                       "counter notice.</p>")
BANDWIDTH = ("<html><head><title>509 Bandwidth Limit Exceeded</title></head><body><h1>Bandwidth Limit "
             "Exceeded</h1><p>The server is temporarily unable to service your request due to the site owner "
             "reaching his/her bandwidth limit. Please try again later.</p></body></html>")
PROXY_AUTH = ("<html><head><title>407 Proxy Authentication Required</title></head><body><h1>Proxy "
              "Authentication Required</h1></body></html>")
PROXY_NOT_FOUND = message("Page not found", "Page not found", "The page you requested could not be found.")
MULTIPLE_CHOICES = template("300 Multiple Choices", "<h1>Multiple Choices</h1><ul><li><a href='/reports/"
                            "harbour-budget.html'>harbour-budget.html</a></li><li><a href='/reports/"
                            "harbour-budget.pdf'>harbour-budget.pdf</a></li></ul>")
WP_LOGIN = template("Log In ‹ The Harwick Ledger — WordPress", "<form name='loginform' id='loginform' action="
                    "'/wp-login.php' method='post'><label>Username or Email Address</label><input name='log'>"
                    "<label>Password</label><input type='password' name='pwd'><input type='submit' value="
                    "'Log In'></form><p><a href='/wp-login.php?action=lostpassword'>Lost your password?</a>"
                    "</p>")
F5_APM = template("Harwick Harbour Board", "<form method='post' action='/my.policy'><table><tr><td>Username"
                  "</td><td><input name='username'></td></tr><tr><td>Password</td><td><input type='password' "
                  "name='password'></td></tr></table><input type='submit' value='Logon'></form>")
CISCO_VPN = template("SSL VPN Service", "<form method='post' action='/+webvpn+/index.html'><label>USERNAME:"
                     "</label><input name='username'><label>PASSWORD:</label><input type='password' name="
                     "'password'><input type='submit' value='Login'></form>")
ASPNET_LOGIN = template("Log in - Harwick Harbour Board", "<h1>Log in</h1><section><form method='post'><h2>Use a "
                        "local account to log in.</h2><label>Email</label><input name='Input.Email'><label>"
                        "Password</label><input type='password' name='Input.Password'><button type='submit'>"
                        "Log in</button></form></section>")
CPANEL_SUSPENDED = ("<html><head><title>Account Suspended</title></head><body><h1>This Account has been "
                    "suspended.</h1><p>Contact your hosting provider for more information.</p></body></html>")
COOKIE_GATE = template(SITE, "<div class='privacy-gate'><h1>We value your privacy</h1><p>We and our partners "
                       "store and access information on your device, such as cookies, to personalise content "
                       "and ads and to measure audiences.</p><button>Accept all</button><button>Reject all"
                       "</button><button>Manage options</button></div>")
GITHUB_PAGES = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Page not found · GitHub Pages</title>"
                "</head><body><div class='container'><h1>404</h1><p><strong>File not found</strong></p><p>The "
                "site configured at this address does not contain the requested file.</p><p>If this is your "
                "site, make sure that the filename case matches the URL as well as any file permissions.<br>For "
                "root URLs (like <code>http://example.com/</code>) you must provide an <code>index.html</code> "
                "file.</p><p><a href='https://help.github.com/pages/'>Read the full documentation</a> for more "
                "information about using <strong>GitHub Pages</strong>.</p></div></body></html>")
DOCUSAURUS = template("Page Not Found | Harwick Harbour Docs", "<h1>Page Not Found</h1><p>We could not find "
                      "what you were looking for.</p><p>Please contact the owner of the site that linked you "
                      "to the original URL and let them know their link is broken.</p>")
READ_THE_DOCS = template("Maze Found", "<h1>Maze Found</h1><p>You have found something that doesn't exist."
                         "</p><p>Try searching the documentation, or go back to the home page.</p>")
NETLIFY = template("Page not found", "<h1>Page not found</h1><p>Looks like you've followed a broken link or "
                   "entered a URL that doesn't exist on this site.</p><p><a href='/'>Back to our site</a></p>")
NETLIFY_UNTITLED = template(SITE, "<h2>Nothing at this address</h2><p>Looks like you've followed a broken link "
                            "or entered a URL that doesn't exist on this site.</p><p><a href='/'>Back to our "
                            "site</a></p>")
WEBFLOW = template(SITE, "<div class='utility-page-wrap'><h2>Oops</h2><div>The page you are looking for doesn’t "
                   "exist or has been moved</div></div>")
LINKTREE = template("Linktree", "<h1>The page you’re looking for doesn’t exist.</h1><p>Want this to be your "
                    "username? <a href='/register'>Claim it now.</a></p>")
SHAREPOINT = template("Error", "<h1>Sorry, something went wrong</h1><p>The file /sites/harbour/Shared "
                      "Documents/roof-survey.aspx does not exist.</p><p>Technical Details</p><p>Correlation ID: "
                      "4f8a2b9e-1c3d-4e5f-a6b7-c8d9e0f1a2b3</p>")
LIVEJOURNAL = template("Deleted Journal", "<h1>Deleted Journal</h1><p>This journal has been deleted and purged."
                       "</p>")
SHOPIFY_CLOSED = template("Harwick Chandlery", "<h1>Sorry, this store is currently unavailable.</h1><p>Are you "
                          "the store owner? <a href='/admin'>Log in here</a></p>")
BLOGGER_INVITED = template("Blogger: Harbour Notes", "<h1>This blog is open to invited readers only</h1><p>It "
                           "doesn't look like you have been invited to read this blog. If you think this is a "
                           "mistake, you might want to contact the blog author and request an invitation.</p>")
WPCOM_PRIVATE = template("Private Site", "<h1>Private Site</h1><p>This site is currently private. Log in to "
                         "WordPress.com to request access.</p><p><a href='/wp-login.php'>Log in</a></p>")
DRUPAL_DENIED = template("Access denied | Harwick Harbour Board", "<h1>Access denied</h1><p>You are not "
                         "authorized to access this page.</p>")
SQUARESPACE_LOCK = template("Harwick Sailing Club", "<div class='lock-screen'><h1>Harwick Sailing Club</h1>"
                            "<form><input type='password' name='password' placeholder='Password'><button>"
                            "Enter</button></form></div>")
SUSPENDED_ES = message("Cuenta suspendida", "Esta cuenta ha sido suspendida",
                       "Póngase en contacto con su proveedor de alojamiento para más información.", lang="es")
EXPIRED_ON = message("harwick-ledger.example", "harwick-ledger.example",
                     "This domain name expired on 2024-03-12 and is pending renewal or deletion.",
                     "Are you the owner? Renew it now.")
EXPIRED_DE = message("harwicker-tageblatt.example", "Diese Domain ist abgelaufen",
                     "Die Domain harwicker-tageblatt.example ist abgelaufen und wurde nicht verlängert.",
                     "Sind Sie der Inhaber? Jetzt verlängern.", lang="de")
ICANN_HOLD = message("harwick-ledger.example", "This domain is suspended",
                     "This domain has been suspended pending verification of the owner's contact details, as "
                     "ICANN requires.", "If you own this domain, check your email for the verification link.")
IMUNIFY = ("<html><head><title>Access denied</title></head><body><h1>Access denied by Imunify360 bot-protection."
           "</h1><p>IPs used for automation should be whitelisted.</p></body></html>")
FASTLY_UNKNOWN = ("<html><head><title>Fastly error: unknown domain harwick-ledger.example</title></head><body>"
                  "<p>Fastly error: unknown domain: harwick-ledger.example. Please check that this domain has "
                  "been added to a service.</p><p>Details: cache-lhr7321-LHR</p></body></html>")
ARCHIVE_CAPTCHA = ("<html><head><title>archive.ph</title></head><body><h1>Please complete the security check "
                   "to access archive.ph</h1><div class='g-recaptcha' data-sitekey='6LdA'></div><p>Why do I have "
                   "to complete a CAPTCHA?</p></body></html>")
ARCHIVE_NO_RESULTS = template("archive.ph", "<form action='/search/'><input name='q' value='https://www."
                              "harwick-ledger.example/2019/06/ferry-terminal-roof'></form><div>No results</div>")
PERMA_PRIVATE = template("Perma.cc", "<h1>This record is private.</h1><p>The owner of this Perma Link has made "
                         "it private, so it cannot be displayed.</p>")
PAYWALL_OVER_TEXT = article(
    "Ferry terminal roof to be replaced | The Harwick Ledger",
    extra="<div class='paywall-overlay'><h2>Subscribe to continue reading</h2><p>Get unlimited access for "
          "£1 a week.</p><a href='/subscribe'>Subscribe</a> <a href='/login'>Log in</a></div><div class="
          "'article-body is-truncated' style='max-height:120px;overflow:hidden'>")
JSONLD_ONLY = template(
    "Ferry terminal roof to be replaced | The Harwick Ledger",
    "<article><h1>Ferry terminal roof to be replaced</h1><p>" + PARAGRAPH + "</p><div class='paywall'><h2>This "
    "article is for subscribers</h2><a href='/subscribe'>Subscribe now</a></div></article>",
    head="<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
         "\"headline\":\"Ferry terminal roof to be replaced\",\"isAccessibleForFree\":false,\"hasPart\":{"
         "\"@type\":\"WebPageElement\",\"isAccessibleForFree\":false,\"cssSelector\":\".paywall\"},"
         "\"articleBody\":\"" + PARAGRAPH * 8 + "\"}</script>")
METER_OVER_TEXT = article(
    "Ferry terminal roof to be replaced | The Harwick Ledger",
    extra="<div class='tp-modal'><h2>You have reached your limit of free articles this month</h2><p>Subscribe "
          "for unlimited access.</p></div>")
CONSENT_OVER_TEXT = article(
    "Ferry terminal roof to be replaced | The Harwick Ledger",
    extra="<div id='sp_message_container_812345' class='sp_veil'><iframe id='sp_message_iframe_812345' src="
          "'https://cmp.harwick-ledger.example/index.html?message_id=812345' title='SP Consent Message'>"
          "</iframe></div>")


# -- setups ----------------------------------------------------------------------------------------

def with_canonical_home(web: FixtureWeb, h: int) -> str:
    """A deep link answered by a listing that is not the home page's, naming the home as canonical;
    random paths answer an honest 404."""
    web.page("/", HOME, host=h)
    return web.page(PATH, LISTING.replace("{home}", web.url("/", h)), host=h)


def client_redirect(body: str, target: str, target_body: str, status: int = 200, **reply: object) -> Setup:
    """A page at PATH whose markup (or Refresh header) sends the reader to `target`."""
    def setup(web: FixtureWeb, h: int) -> str:
        web.page("/", HOME, host=h)
        web.page(target.split("?")[0], target_body, host=h, status=status)
        return web.page(PATH, body, host=h, **reply)
    return setup


def redirect_to(target: str, target_body: str, status: int = 302, target_status: int = 200) -> Setup:
    """PATH redirected (302 unless told) to `target` on the same host."""
    def setup(web: FixtureWeb, h: int) -> str:
        web.page("/", HOME, host=h)
        web.page(target.split("?")[0], target_body, host=h, status=target_status)
        return web.redirect(PATH, target, status=status, host=h)
    return setup


def raw_location(location: str, target_route: str, status: int = 301) -> Setup:
    """A redirect whose Location is sent as raw bytes (UTF-8, spaces), the target served at the
    percent-encoded path a browser would request."""
    def setup(web: FixtureWeb, h: int) -> str:
        web.page(target_route, STORY, host=h)
        sent = location.encode("utf-8").decode("latin-1")
        return web.page(PATH, b"", host=h, status=status, headers={"Location": sent}, content_type=None)
    return setup


def mixed_308_chain(web: FixtureWeb, h: int) -> str:
    """308 to a protocol-relative URL on another host, then a relative one, then a root path."""
    web.page("/ledger/2019/ferry-terminal-roof", STORY, host=h + 1)
    web.page("/archive/2019/ferry-terminal-roof", b"", host=h + 1, status=308, content_type=None,
             headers={"Location": "/ledger/2019/ferry-terminal-roof"})
    web.page("/news/2019/old-roof", b"", host=h + 1, status=308, content_type=None,
             headers={"Location": "../../archive/2019/ferry-terminal-roof"})
    other = web.base(h + 1).removeprefix("http:")
    return web.page(PATH, b"", host=h, status=308, content_type=None,
                    headers={"Location": other + "/news/2019/old-roof"})


def query_only(web: FixtureWeb, h: int) -> str:
    """/story.php?id=4411 301 to '?id=4411&slug=...' (a query-only reference)."""
    web.route("/story.php", lambda r: Reply(200, STORY) if "slug=" in r.path else Reply(
        301, b"", content_type=None, headers={"Location": "?id=4411&slug=ferry-terminal-roof"}), host=h)
    return web.url("/story.php?id=4411", h)


def by_method(head: Reply, get: Reply) -> Setup:
    """A server whose HEAD answers differently from its GET."""
    return lambda web, h: web.route(PATH, lambda r: head if r.method == "HEAD" else get, host=h)


def in_turn(*replies: Reply) -> Setup:
    return lambda web, h: web.sequence(PATH, list(replies), host=h)


def everywhere(body: str) -> Setup:
    return shared_everywhere(body, PATH)


def to_ftp(web: FixtureWeb, h: int) -> str:
    return web.redirect("/reports/harbour-budget", f"ftp://127.0.0.{h}/pub/reports/harbour-budget.pdf",
                        status=302, host=h)


PAST = "Sat, 01 Jan 2000 00:00:00 GMT"
MAINTENANCE = message(SITE, "Down for maintenance", "We are upgrading our servers. Please come back tomorrow.")
RATE_LIMITED = "<html><head><title>429 Too Many Requests</title></head><body>Too Many Requests</body></html>"


CASES = [
    # -- the page's own markup ----------------------------------------------------------------------
    Case("deep link: a listing whose canonical is the home page", with_canonical_home, SOFT),
    Case("deep link: results list whose canonical is /search?q=", page(PATH, RESULTS), SOFT),
    Case("full article whose template points its canonical home", page(PATH, STORY_CANONICAL_HOME), OK),
    Case("syndicated article, canonical on another host", page(PATH, STORY_SYNDICATED), OK),
    Case("WordPress body class error404, a search form and links", page(PATH, WP_ERROR404), SOFT),
    Case("WordPress post whose body class is postid-404", page(PATH, WP_POSTID_404), OK),
    Case("Magento cms-no-route served 200", page(PATH, MAGENTO_NO_ROUTE), SOFT),
    Case("prerender-status-code 404 over an empty app", page(PATH, PRERENDER_404), SOFT),
    # -- client redirects to a not-found path -------------------------------------------------------
    Case("meta refresh to SharePoint's PageNotFoundError.aspx", client_redirect(
        meta_refresh("/Pages/PageNotFoundError.aspx?requestUrl=" + PATH), "/Pages/PageNotFoundError.aspx",
        NEUTRAL), SOFT),
    Case("meta refresh to /fehler/seite-nicht-gefunden", client_redirect(
        meta_refresh("/fehler/seite-nicht-gefunden"), "/fehler/seite-nicht-gefunden", NEUTRAL_DE), SOFT),
    Case("script only: location.replace('/404'), which answers 200", client_redirect(
        script_only("location.replace('/404');"), "/404", NEUTRAL), SOFT),
    Case("script only: location.href to /errors/404.html, which answers 404", client_redirect(
        script_only("window.location.href = '/errors/404.html';"), "/errors/404.html", NEUTRAL, status=404),
         DEAD),
    Case("Refresh header to /notfound?url=", client_redirect(
        "", "/notfound", NEUTRAL, headers={"Refresh": "0; url=/notfound?url=" + PATH}), SOFT),
    # -- status codes ------------------------------------------------------------------------------
    Case("300 Multiple Choices with a preferred Location", lambda web, h: (
        web.page("/reports/harbour-budget.html", article("Harbour budget 2019 | Harwick Harbour Board"),
                 host=h),
        web.page("/reports/harbour-budget", MULTIPLE_CHOICES, host=h, status=300,
                 headers={"Location": "/reports/harbour-budget.html"}))[1], REDIRECTED),
    Case("202 Accepted with the article", page(PATH, STORY, status=202), OK),
    Case("203 from a transforming proxy: a not-found page", page(PATH, PROXY_NOT_FOUND, status=203), SOFT),
    Case("206 with only the first part of the article", page(PATH, STORY[:1500], status=206, headers={
        "Content-Range": f"bytes 0-1499/{len(STORY)}"}), OK),
    Case("301 without a Location header", page(PATH, "", status=301, content_type=None), ERROR),
    Case("302 with an empty Location header", page(PATH, "", status=302, content_type=None,
                                                   headers={"Location": ""}), ERROR),
    Case("407 Proxy Authentication Required", page(PATH, PROXY_AUTH, status=407), ERROR, also=(BLOCKED,)),
    Case("410 Gone whose body keeps the article", page(PATH, GONE_ARTICLE, status=410), DEAD),
    Case("451 GitHub repository disabled by a DMCA takedown", page("/harwick/ferry-timetable", GITHUB_DMCA,
                                                                   status=451), BLOCKED),
    Case("509 Bandwidth Limit Exceeded", page(PATH, BANDWIDTH, status=509), ERROR),
    Case("200 whose gzip Content-Encoding is not gzip", page(PATH, STORY, headers={"Content-Encoding": "gzip"}),
         ERROR),
    Case("200 with a gzip-encoded empty body", page(PATH, gzip.compress(b""),
                                                    headers={"Content-Encoding": "gzip"}), ERROR),
    # -- Location headers ----------------------------------------------------------------------------
    Case("308 chain: protocol-relative, then relative '../', then root", mixed_308_chain, REDIRECTED),
    Case("301 to a query-only Location '?id=...&slug=...'", query_only, REDIRECTED),
    Case("Location with raw UTF-8 (å, ä, ö)", raw_location("/nyheter/räksmörgås-för-alla",
                                                          "/nyheter/r%C3%A4ksm%C3%B6rg%C3%A5s-f%C3%B6r-alla"),
         REDIRECTED),
    Case("Location with spaces in its query", raw_location("/2019/06/ferry-terminal-roof-replaced?ref=old feed "
                                                           "page", "/2019/06/ferry-terminal-roof-replaced"),
         REDIRECTED),
    Case("302 to an ftp:// address", to_ftp, ERROR, also=(INVALID,)),
    # -- sign-in pages -------------------------------------------------------------------------------
    Case("302 to /wp-login.php?redirect_to=", redirect_to("/wp-login.php?redirect_to=%2F2019%2F06%2Fferry-"
                                                          "terminal-roof&reauth=1", WP_LOGIN), BLOCKED),
    Case("302 to F5 APM's /my.policy", redirect_to("/my.policy", F5_APM), BLOCKED),
    Case("302 to Cisco's /+CSCOE+/logon.html", redirect_to("/+CSCOE+/logon.html", CISCO_VPN), BLOCKED),
    Case("302 to /Identity/Account/Login?ReturnUrl=", redirect_to("/Identity/Account/Login?ReturnUrl=%2F2019%2F"
                                                                  "06%2Fferry-terminal-roof", ASPNET_LOGIN),
         BLOCKED),
    # -- hosting, domains, walls -----------------------------------------------------------------------
    Case("302 to cPanel's /cgi-sys/suspendedpage.cgi", redirect_to("/cgi-sys/suspendedpage.cgi",
                                                                   CPANEL_SUSPENDED), SOFT, also=(ERROR,)),
    Case("cited home: Esta cuenta ha sido suspendida", home_page(SUSPENDED_ES), SOFT, also=(ERROR,)),
    Case("cited home: domain name expired on a date, pending renewal", home_page(EXPIRED_ON), SOFT),
    Case("German 'Diese Domain ist abgelaufen' at every path", everywhere(EXPIRED_DE), SOFT),
    Case("cited home: domain suspended pending ICANN verification", home_page(ICANN_HOLD), SOFT),
    Case("302 to the site's /privacy-gate?destination= cookie wall", redirect_to(
        "/privacy-gate?destination=%2F2019%2F06%2Fferry-terminal-roof", COOKIE_GATE), BLOCKED),
    Case("Imunify360 bot-protection, 200", page(PATH, IMUNIFY), BLOCKED),
    Case("Fastly 500 'unknown domain'", page(PATH, FASTLY_UNKNOWN, status=500), ERROR, also=(DEAD, SOFT)),
    # -- HEAD that lies ------------------------------------------------------------------------------
    Case("HEAD 200, GET 404", by_method(Reply(200, STORY), Reply(404, message(SITE, "Page not found"))), DEAD),
    Case("HEAD hangs, GET serves the article", by_method(Reply(200, STORY, delay=3.0), Reply(200, STORY)), OK),
    Case("HEAD 403 from a firewall rule, GET serves the article", by_method(Reply(403, ""), Reply(200, STORY)),
         OK),
    Case("HEAD 301 to the home page, GET serves the article", by_method(
        Reply(301, b"", content_type=None, headers={"Location": "/"}), Reply(200, STORY)), OK),
    # -- content types --------------------------------------------------------------------------------
    Case("HTML article with no Content-Type", page(PATH, STORY, content_type=None), OK),
    Case("HTML not-found page with no Content-Type", page(PATH, message(SITE, "Page not found", "Sorry, we "
                                                                        "couldn't find that page."),
                                                          content_type=None), SOFT),
    Case("article as binary/octet-stream (a bucket's default)", page(PATH, STORY,
                                                                     content_type="binary/octet-stream"), OK),
    Case("not-found page as an octet-stream attachment", page(PATH, message(SITE, "Page not found"),
                                                              content_type="application/octet-stream", headers={
                                                                  "Content-Disposition": "attachment; filename="
                                                                  "\"ferry-terminal-roof.html\""}), SOFT),
    Case("article as application/x-httpd-php", page(PATH, STORY, content_type="application/x-httpd-php"), OK),
    # -- Retry-After ----------------------------------------------------------------------------------
    Case("429 with Retry-After a date in the past, then 200", in_turn(
        Reply(429, RATE_LIMITED, headers={"Retry-After": PAST}), Reply(200, STORY)), OK),
    Case("429 with Retry-After a date in the past, every time", page(PATH, RATE_LIMITED, status=429,
                                                                    headers={"Retry-After": PAST}), ERROR),
    Case("503 maintenance with Retry-After: 86400", page(PATH, MAINTENANCE, status=503,
                                                         headers={"Retry-After": "86400"}), ERROR),
    # -- archives ---------------------------------------------------------------------------------------
    Case("archive.today CAPTCHA served as 429", page("/newest/https://www.harwick-ledger.example" + PATH,
                                                     ARCHIVE_CAPTCHA, status=429), BLOCKED),
    Case("archive.today: No results for the address", page("/newest/https://www.harwick-ledger.example" + PATH,
                                                           ARCHIVE_NO_RESULTS), SOFT),
    Case("Perma.cc: This record is private", page("/ABCD-1234", PERMA_PRIVATE), BLOCKED),
    # -- platforms ---------------------------------------------------------------------------------------
    Case("GitHub Pages 'File not found' served 200", page("/harbour-docs/roof-survey.html", GITHUB_PAGES), SOFT),
    Case("Docusaurus: Page Not Found, let them know their link is broken", page("/docs/terminal/roof",
                                                                                DOCUSAURUS), SOFT),
    Case("Read the Docs: Maze Found, something that doesn't exist", page("/en/latest/roof.html", READ_THE_DOCS),
         SOFT),
    Case("Netlify: followed a broken link", page("/blog/ferry-terminal-roof", NETLIFY), SOFT),
    Case("Netlify wording under a neutral heading", page("/blog/ferry-terminal-roof", NETLIFY_UNTITLED), SOFT),
    Case("Webflow: Oops, the page doesn't exist or has been moved", page("/post/ferry-terminal-roof", WEBFLOW),
         SOFT),
    Case("Linktree: the page you're looking for doesn't exist", page("/harwickledger", LINKTREE), SOFT),
    Case("SharePoint: the file ... does not exist", page("/sites/harbour/Shared%20Documents/roof-survey.aspx",
                                                         SHAREPOINT), SOFT),
    Case("LiveJournal: deleted and purged", page("/1234.html", LIVEJOURNAL), SOFT),
    Case("Shopify: this store is currently unavailable", page("/products/brass-ships-bell", SHOPIFY_CLOSED), SOFT),
    Case("Blogger: open to invited readers only", page("/2019/06/ferry-terminal-roof.html", BLOGGER_INVITED),
         BLOCKED),
    Case("WordPress.com: private site", page(PATH, WPCOM_PRIVATE), BLOCKED),
    Case("Drupal 200 'Access denied, not authorized'", page("/node/4411", DRUPAL_DENIED), BLOCKED),
    Case("Squarespace site password", page("/news/ferry-terminal-roof", SQUARESPACE_LOCK), BLOCKED),
    # -- the article's text is in the HTML: ok ------------------------------------------------------------
    Case("paywall overlay, the whole article under it", page(PATH, PAYWALL_OVER_TEXT), OK),
    Case("paywall box, the article in JSON-LD articleBody", page(PATH, JSONLD_ONLY), OK),
    Case("meter notice over the whole article", page(PATH, METER_OVER_TEXT), OK),
    Case("Sourcepoint consent overlay over the whole article", page(PATH, CONSENT_OVER_TEXT), OK),
]


@pytest.mark.parametrize("case", [marked(c) for c in CASES])
def test_holdout8_case(web: FixtureWeb, fetcher: Fetcher, case: Case) -> None:
    host = 10 + 2 * CASES.index(case)  # hosts of its own (and one neighbour): no shared probes
    check(web, fetcher, case, host)


# -- chains the loopback web cannot serve (https, real host names): the redirect rule -------

OLD = "https://www.harwick-ledger.example" + PATH
CHAINS = [
    Chain("https to http, same path (a downgrade)", (OLD, "http://www.harwick-ledger.example" + PATH), None),
    Chain("https to http home page", (OLD, "http://www.harwick-ledger.example/"), SOFT),
    Chain("to a media group's consent host with a callbackUrl", (
        OLD, "https://myprivacy.mediagroup.example/consent?siteKey=Uqxf9TXh&callbackUrl=https%3A%2F%2Fwww."
             "harwick-ledger.example%2Fprivacy-wall%2Faccept%3FredirectUri%3D%252F2019%252F06%252Fferry"), BLOCKED),
    Chain("to Google's /ServiceLogin?continue=", (OLD, "https://accounts.google.com/ServiceLogin?service=wise&"
                                                       "continue=https%3A%2F%2Fdocs.google.com%2Fdocument%2Fd%2F1a"),
          BLOCKED),
    Chain("to Pulse Secure's /dana-na/auth/ sign-in", (OLD, "https://vpn.harwick.example/dana-na/auth/"
                                                            "url_default/welcome.cgi"), BLOCKED),
    Chain("to F5 APM's /my.policy on another host", (OLD, "https://portal.harwick.example/my.policy"), BLOCKED),
    Chain("archive.ph short id to its long capture address", ("https://archive.ph/Xk2Qa", "https://archive.ph/"
                                                              "2019.06.14-101500/" + OLD), None),
    Chain("http to https, %7E decoded to ~", ("http://www.harwick-ledger.example/%7Eclerk/minutes.html",
                                              "https://www.harwick-ledger.example/~clerk/minutes.html"), None),
]


@pytest.mark.parametrize("chain", [marked(c) for c in CHAINS])
def test_holdout8_chain(chain: Chain) -> None:
    assert chain_status(chain) is chain.expected
