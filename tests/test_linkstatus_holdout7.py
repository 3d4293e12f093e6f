"""A seventh held-out set of link-status shapes, none of them in the first six sets.

Not-found pages told by an application's own state (Next.js's '/404' and '/_error' pages, an
empty CMS template whose state says NOT_FOUND) beside an article whose widget data holds a 404;
JSON errors in GraphQL's 'errors' list, a code object and problem+json; 300, 418, 203, a 404
carrying the whole article, Cloudflare's 521/522/523/526/530 and its 1020 refusal; firewalls
(AWS WAF's 202 challenge without its header, Sucuri's script, Wordfence's 503, F5's 'URL was
rejected', CloudFront) and national blocks (a Russian provider's stub, a Turkish court order);
parked domains at a cited home page in five registrars' wordings; protected, signed-in-only,
members-only and patron-only posts; a platform's removal beside its legal block (Telegram);
removed accounts, invites and episodes; government pages archived, frozen or withdrawn with
their content kept; press releases moved to a new domain (slug kept, home page, newsroom);
shorteners to a removed target and to their own safety warning; redirects to an ADFS sign-in,
a SAML, CAS, Okta or OAuth request, a country selector, an expired link; AMP caches; a short
link made for a home page; a noindex page with a search box (real content: ok; the same at
every path: soft 404); an API's table of error codes; and not-found pages in Albanian,
Macedonian, Belarusian, Uzbek, Mongolian, Welsh, Basque, Galician, Afrikaans, Marathi, Telugu
and Khmer. Each case's expected status was written down before the classifier was run on it;
`also` names a status a reasonable tool could give instead, for the few cases that are
genuinely ambiguous (a 418, a 404 whose body is the article, an invalid invite, a shortener's
warning, a country selector). Cases the classifier still gets wrong would be
xfail(strict=True), so the score stays honest.

First run, before any rule changed: 36 of 83 right (29 of 71 fetched cases, 7 of 12 redirect
chains). After the general fixes of branch links7 (an application's state naming its not-found
page; GraphQL's errors list and codes naming a missing thing; 'no such <thing>'; firewalls'
refusals in words and by resource, a refusal in a 5xx page's title; national blocks in Russian
and Turkish; parked domains 'available for purchase', 'listed for sale', 'parked free,
courtesy of', 'recently registered', 'domain parking'; protected and signed-in-only posts,
members' and patrons' content; removals 'because it violated the terms' and legal blocks
'because it violated local laws'; members no longer active; episodes and invites as things
that go; link-safety warnings; identity-provider requests by their query, region selectors,
'<thing>-expired' paths, a slug sent to another site's one-word section, short links; twelve
more languages; a table naming two statuses): 83 of 83.
Count the current score with HOLDOUT_RAW=1 (marks ignored, misses fail).
"""

from __future__ import annotations

import pytest
from fixtureweb import FixtureWeb
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

__all__ = ["fetcher"]  # the shared fixture, used by the tests below

SITE = "The Millbrook Courier"
PARAGRAPH = ("The district board agreed on Monday to reopen the old tram depot as a covered market, "
             "after engineers found the iron roof sound and traders offered to pay for new stalls, "
             "lighting and a loading bay on the canal side of the building. ")


article = article_of(SITE, ("News", "Business"), PARAGRAPH)


HOME = template(SITE, "<h2>Latest</h2><ul><li><a href='/a'>Tram depot to become a market</a></li><li><a "
                "href='/b'>Canal path reopens</a></li><li><a href='/c'>Council tax frozen</a></li></ul>")
STORY = article("Tram depot to become a market | The Millbrook Courier")


def everywhere(body: str, path: str = "/2019/06/tram-depot-market") -> Setup:
    return shared_everywhere(body, path)


def lang_page(path: str, site: str, heading: str, line: str, lang: str) -> Setup:
    return page(path, message(site, heading, line, lang=lang))


# -- frameworks and JSON ------------------------------------------------------------------------

NEXT_404 = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>" + SITE + "</title>"
            "<meta name='next-head-count' content='3'></head><body><div id='__next'><header><a href='/'>"
            + SITE + "</a></header><main><h1>Hmm, we can’t seem to find that.</h1><p><a href='/'>Back to "
            "the front page</a></p></main></div><script id='__NEXT_DATA__' type='application/json'>"
            '{"props":{"pageProps":{}},"page":"/404","query":{},"buildId":"k2Jd8f","nextExport":true,'
            '"isFallback":false,"gsp":true,"scriptLoader":[]}</script></body></html>')
NEXT_ERROR_EMPTY = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + SITE + "</title></head>"
                    "<body><div id='__next'></div><script id='__NEXT_DATA__' type='application/json'>"
                    '{"props":{"pageProps":{"statusCode":404}},"page":"/_error","query":{},'
                    '"buildId":"k2Jd8f","isFallback":false,"gip":true,"scriptLoader":[]}</script>'
                    "<script src='/_next/static/chunks/main-1a2b.js' defer></script></body></html>")
NEXT_ARTICLE = article(
    "Tram depot to become a market | The Millbrook Courier",
    extra="<script id='__NEXT_DATA__' type='application/json'>{\"props\":{\"pageProps\":{\"story\":"
          "{\"id\":4411,\"slug\":\"tram-depot-market\"},\"sidebar\":{\"error\":{\"statusCode\":404,"
          "\"message\":\"Not Found\"}}}},\"page\":\"/news/[...slug]\",\"query\":{\"slug\":[\"2024\","
          "\"06\",\"tram-depot-market\"]},\"buildId\":\"k2Jd8f\"}</script>")
CMS_UNAVAILABLE = template(SITE, "<article class='story story--empty'><h1>Content unavailable</h1><div "
                           "class='story__body'></div></article><script>window.__INITIAL_STATE__={\"story\":"
                           "{\"status\":\"unavailable\",\"body\":null}};</script>")
CMS_EMPTY_STATE = template(SITE, "<article class='story'><h1 class='story__headline'></h1><div "
                           "class='story__byline'></div><div class='story__body'></div></article><script>"
                           "window.__INITIAL_STATE__={\"story\":null,\"error\":{\"code\":\"NOT_FOUND\"}};"
                           "</script>")
GRAPHQL_ERRORS = ('{"data":{"article":null},"errors":[{"message":"Article not found","path":["article"],'
                  '"extensions":{"code":"NOT_FOUND"}}]}')
STRIPE_LIKE = ('{"success":false,"error":{"type":"invalid_request_error","code":"resource_missing",'
               '"message":"No such article: \'a_4411\'"}}')
PROBLEM_JSON = '{"type":"about:blank","title":"Not Found","status":404,"detail":"No record with id 4411"}'

# -- status codes -------------------------------------------------------------------------------

MULTIPLE_CHOICES = template("300 Multiple Choices", "<h1>Multiple Choices</h1><p>The document name you "
                            "requested (<code>/reports/budget</code>) could not be found on this server. "
                            "However, we found documents with names similar to the one you requested."
                            "</p><ul><li><a href='/reports/budget.pdf'>budget.pdf</a></li><li><a href="
                            "'/reports/budget.html'>budget.html</a></li></ul>")
TEAPOT = "<html><head><title>418 I'm a teapot</title></head><body><h1>I'm a teapot</h1></body></html>"


def cloudflare(code: int, title: str, line: str) -> str:
    return (f"<!DOCTYPE html><html lang='en-US'><head><title>millbrookcourier.example | {code}: {title}"
            f"</title></head><body><div id='cf-wrapper'><h1><span>{title}</span> <span>Error code {code}"
            f"</span></h1><p>Visit <a href='https://www.cloudflare.com/'>cloudflare.com</a> for more "
            f"information.</p><p>{line}</p><p>Cloudflare Ray ID: 8a1b2c3d4e5f6a7b • Your IP: Click to "
            "reveal • Performance &amp; security by Cloudflare</p></div></body></html>")


CF_1016 = ("<!DOCTYPE html><html><head><title>Origin DNS error | millbrookcourier.example | Cloudflare"
           "</title></head><body><h1>Error 1016</h1><h2>Origin DNS error</h2><p>What happened? You've "
           "requested a page on a website (millbrookcourier.example) that is on the Cloudflare network. "
           "Cloudflare is currently unable to resolve your requested domain.</p><p>Cloudflare Ray ID: "
           "8a1b2c3d4e5f6a7b</p></body></html>")
CF_1020 = ("<!DOCTYPE html><html><head><title>Access denied | millbrookcourier.example used Cloudflare to "
           "restrict access</title></head><body><h1>Error 1020</h1><h2>Access denied</h2><p>This website "
           "is using a security service to protect itself from online attacks.</p></body></html>")
PLAIN_ARTICLE = ("Tram depot to become a market\n\nBy a Staff Reporter\n\n" + PARAGRAPH * 6)

# -- firewalls and national blocks ----------------------------------------------------------------

AWS_WAF_CHALLENGE = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title></title><script "
                     "type='text/javascript'>window.awsWafCookieDomainList = [];window.gokuProps = {\"key\":"
                     "\"AQIDAHjcYu\",\"iv\":\"A6we\",\"context\":\"x9Yk\"};</script><script src='https://"
                     "3f2a1b4c5d6e.edge.sdk.awswaf.com/3f2a1b4c5d6e/8a9b/challenge.js'></script></head><body>"
                     "<div id='challenge-container'></div><noscript><h1>JavaScript is disabled</h1>In order "
                     "to continue, you need to verify that you're not a robot by solving a CAPTCHA puzzle."
                     "</noscript></body></html>")
SUCURI = ("<html><head><title>You are being redirected...</title><noscript>Javascript is required. Please "
          "enable javascript before you are allowed to see this page.</noscript><script>var s={},u,c,U,r,i,"
          "l=0,a,e=eval,w=String.fromCharCode,sucuri_cloudproxy_js='',S='cz0iMTdzZWMiLnN1YnN0cig';L=S.length;"
          "document.cookie='sucuri_cloudproxy_uuid_1a2b3c=' + r + ';path=/;max-age=86400';location.reload();"
          "</script></head><body></body></html>")
WORDFENCE = template("Your access to this site has been limited by the site owner", "<h1>Your access to "
                     "this site has been limited by the site owner</h1><p>If you think you have been "
                     "blocked in error, contact the owner of this site for assistance.</p><p>Block "
                     "Technical Data</p><p>Block Reason: Access from your area has been temporarily "
                     "limited for security reasons.</p><p>Generated by Wordfence at Sat, 1 Jun 2024 "
                     "10:00:00 GMT.</p>")
F5_REJECTED = ("<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. "
               "Please consult with your administrator.<br><br>Your support ID is: 14611745338437892321<br>"
               "<br><a href='javascript:history.back();'>[Go Back]</a></body></html>")
CLOUDFRONT_403 = ("<!DOCTYPE HTML PUBLIC '-//W3C//DTD HTML 4.01 Transitional//EN'><html><head><title>ERROR: "
                  "The request could not be satisfied</title></head><body><h1>403 ERROR</h1><h2>The request "
                  "could not be satisfied.</h2><hr noshade size='1px'>Request blocked. We can't connect to "
                  "the server for this app or website at this time.<br clear='all'><hr noshade size='1px'>"
                  "<pre>Generated by cloudfront (CloudFront)\nRequest ID: Ab12Cd34==</pre></body></html>")
RU_ISP_BLOCK = message("Доступ ограничен", "Доступ ограничен",
                       "Доступ к информационному ресурсу ограничен на основании Федерального закона от "
                       "27.07.2006 № 149-ФЗ «Об информации, информационных технологиях и о защите информации».",
                       "Единый реестр: eais.rkn.gov.ru", lang="ru")
TR_COURT_ORDER = message("Erişim Engellendi", "Erişim Engellendi",
                         "Bu internet sitesi (millbrookcourier.example) hakkında mahkeme kararı ile erişim "
                         "engellenmiştir.", "Bilgi Teknolojileri ve İletişim Kurumu", lang="tr")

# -- parked domains, cited home pages ----------------------------------------------------------------

FOR_PURCHASE = message("millbrookcourier.example", "millbrookcourier.example",
                       "The domain millbrookcourier.example is available for purchase.",
                       "Inquire about this domain", "Privacy Policy")
PARKED_FREE = message("millbrookcourier.example", "millbrookcourier.example",
                      "millbrookcourier.example is parked free, courtesy of Registrar Example.",
                      "Get This Domain", "Related Links: Newspapers, Local News, Market Stalls")
SEDO_LANDER = template("millbrookcourier.example", "<h1>millbrookcourier.example</h1><h2>Related Searches"
                       "</h2><ul><li>Local Newspapers</li><li>Market Stall Hire</li><li>Tram Tours</li></ul>"
                       "<p class='disclaimer'>This webpage was generated by the domain owner using Sedo Domain "
                       "Parking. Disclaimer: Sedo maintains no relationship with third party advertisers.</p>")
LISTED_FOR_SALE = message("millbrookcourier.example", "millbrookcourier.example",
                          "This domain is listed for sale by its owner.", "Buy now: $2,495",
                          "Make an offer", "Secure transaction by Example Escrow")
RECENTLY_REGISTERED = message("millbrookcourier.example", "millbrookcourier.example",
                              "This domain was recently registered at Example Registrar.",
                              "The domain owner may currently be creating a great site for this domain. "
                              "Please check back later!")

# -- social and platforms ------------------------------------------------------------------------------

X_PROTECTED = message("Millbrook Market (@millbrookmkt) / X", "These posts are protected",
                      "Only approved followers can see @millbrookmkt’s posts. To request access, click "
                      "Follow.", "Follow")
BSKY_SIGNED_IN = message("@millbrook.example on Bluesky", "Sign-in required",
                         "This user has requested that their content only be shown to signed-in users.",
                         "Sign in")
YT_MEMBERS = template(" - YouTube", "<div id='player-unavailable'><div class='reason'>Join this channel to "
                      "get access to members-only content like this video, and other exclusive perks.</div>"
                      "<a href='/channel/UCx/join'>Join</a></div>")
PATREON = message("Market day plans | Millbrook Makers | Patreon", "Market day plans",
                  "Unlock this post by becoming a paid member", "Join for £3 per month", "Already a member? "
                  "Log in")
TG_TOS = template("Telegram: Contact @millbrooknews", "<div class='tgme_page'><div class='tgme_page_title'>"
                  "Millbrook News</div><div class='tgme_page_description'>This channel can’t be displayed "
                  "because it violated Telegram's Terms of Service.</div></div>")
TG_LOCAL_LAWS = template("Telegram: Contact @millbrooknews", "<div class='tgme_page'><div class="
                         "'tgme_page_title'>Millbrook News</div><div class='tgme_page_description'>This "
                         "channel can’t be displayed because it violated local laws.</div></div>")
TIKTOK_NO_ACCOUNT = message("TikTok - Make Your Day", "Couldn't find this account",
                            "Looking for videos? Try browsing our trending creators, hashtags, and sounds.")
LINKEDIN_JOB_CLOSED = template("Market Manager - Millbrook District Council | LinkedIn", "<h1>Market Manager"
                               "</h1><p>Millbrook District Council · Millbrook, England</p><p>No longer "
                               "accepting applications</p><h2>About the job</h2><p>We are looking for a market "
                               "manager to run the new covered market in the old tram depot, including stall "
                               "lettings, opening hours and the Saturday food fair.</p><p>Seniority level: "
                               "Mid-Senior level</p><p>Employment type: Full-time</p>")
FLICKR_INACTIVE = message("Flickr", "This member is no longer active on Flickr.",
                          "Explore Flickr for more photos.")
DISCORD_INVITE = message("Discord", "Invite Invalid", "This invite may be expired, or you might not have "
                         "permission to join.", "Continue to Discord")
SPOTIFY_EPISODE = message("Spotify – Web Player", "This episode is no longer available.",
                          "Browse other episodes of Millbrook Talks")

# -- government pages that have been archived (content still there) -----------------------------

FROZEN_IN_TIME = template(
    "Statement on the tram depot | The White House Example", "<div class='archive-banner'>This is historical "
    "material “frozen in time”. The website is no longer updated and links to external websites and some "
    "internal pages may not work.</div><h1>Statement on the Millbrook tram depot</h1><p>Today the district "
    "board agreed to reopen the old tram depot as a covered market. We welcome the decision.</p>")
CANADA_ARCHIVED = template(
    "Tram depot grant - Canada.example", "<section class='alert'><h2>Archived Content</h2><p>Information "
    "identified as archived is provided for reference, research or recordkeeping purposes. It is not "
    "subject to the Government Web Standards and has not been altered or updated since it was archived."
    "</p></section><h1>Tram depot grant announced</h1><p>The minister announced a grant of $2 million for "
    "the Millbrook tram depot market.</p>")
UK_ARCHIVED = template(
    "Tram depot market funding - GOV.EXAMPLE", "<div class='banner'>This page has been archived and is no "
    "longer updated. Find out more about page archiving.</div><h1>Tram depot market funding</h1><p>Funding "
    "of £2 million has been agreed for the Millbrook covered market.</p>")
UK_WITHDRAWN = template(
    "Guidance on market stall licences - GOV.EXAMPLE", "<div class='withdrawn'><h2>Withdrawn</h2><p>This "
    "publication was withdrawn on 1 June 2020.</p><p>This guidance is no longer current.</p></div><h1>"
    "Guidance on market stall licences</h1><p>Traders need a licence for each stall they run at a covered "
    "market.</p><p>Published 3 May 2016</p>")

# -- redirects ----------------------------------------------------------------------------------------

RELEASE = article("District board backs tram depot market | Millbrook District Council")
NEWSROOM = template("Newsroom | Millbrook District Council", "<h1>Newsroom</h1><ul><li><a href='/newsroom/"
                    "2024/canal-path'>Canal path reopens</a></li><li><a href='/newsroom/2024/tax'>Council tax "
                    "frozen</a></li></ul>")
SHORTENER_WARNING = message("Warning! | There might be a problem with the requested link",
                            "Warning! There might be a problem with the requested link",
                            "The link you requested has been identified by Example Links as being potentially "
                            "problematic.", "Continue at your own risk")
ADFS_SIGN_IN = template("Millbrook District Council", "<form method='post' id='loginForm'><label>User "
                        "account</label><input id='userNameInput' name='UserName' type='email'><label>Password"
                        "</label><input id='passwordInput' name='Password' type='password'><span id="
                        "'submitButton'>Sign in</span></form>")
COUNTRY_SELECTOR = message("Choose your country or region - Millbrook Kettles", "Choose your country or "
                           "region", "United Kingdom", "Ireland", "France", "Deutschland")
LINK_EXPIRED = message(SITE, "This link has expired", "Links in our newsletters work for 30 days.")

# -- pages that stay ok ----------------------------------------------------------------------------------

NOINDEX_HOURS = template(
    "Opening hours | Millbrook Library", "<form role='search' action='/search'><input type='search' name="
    "'q' placeholder='Search the catalogue'></form><h1>Opening hours</h1><p>Monday to Friday 9:00–18:00"
    "</p><p>Saturday 10:00–16:00</p>", head="<meta name='robots' content='noindex, nofollow'>")
NOINDEX_SEARCH = template(
    "Search | Millbrook Library", "<h1>Search the catalogue</h1><form role='search' action='/search'><input "
    "type='search' name='q'><button>Search</button></form>", head="<meta name='robots' content='noindex'>")
EVENT_CANCELLED = template(
    "Tram depot open day | Millbrook District Council", "<h1>Tram depot open day</h1><p class='notice'>This "
    "event has been cancelled.</p><p>The open day planned for Saturday 1 June has been called off because "
    "of roof repairs. Tickets will be refunded.</p>")
ERROR_CODES_DOC = template(
    "Error codes - Example Storage REST API", "<h1>Error codes</h1><p>The following table lists the error "
    "codes that the Example Storage service may return, with the HTTP status code and the message that "
    "comes with each.</p><table><tr><th>Error code</th><th>HTTP status code</th><th>User message</th></tr>"
    "<tr><td>ResourceNotFound</td><td>Not Found (404)</td><td>The specified resource does not exist.</td>"
    "</tr><tr><td>ContainerAlreadyExists</td><td>Conflict (409)</td><td>The specified container already "
    "exists.</td></tr></table>")
ALBANIAN_NEWS = article(
    "Qeni i humbur ende nuk u gjet | Gazeta Shembull", paragraphs=5, lang="sq",
    paragraph="Qeni i familjes u zhduk të hënën pranë tregut të vjetër. Vullnetarët e kërkuan gjithë natën, "
              "por qeni nuk u gjet. Familja u ka bërë thirrje banorëve të lagjes të shohin oborret e tyre. ")


# -- setups -------------------------------------------------------------------------------------------------

def moved_domain(path_there: str, body_there: str) -> Setup:
    """A council's old press-release URL 301 to its new domain (host h + 1)."""
    def setup(web: FixtureWeb, h: int) -> str:
        web.page("/", HOME, host=h + 1)
        if path_there != "/":
            web.page(path_there, body_there, host=h + 1)
        return web.redirect("/news/press-releases/2019/06/tram-depot-market", web.url(path_there, h + 1),
                            host=h)
    return setup


def shortener_to_removed(web: FixtureWeb, h: int) -> str:
    web.page("/2019/06/tram-depot-market", message(SITE, "Page not found"), host=h + 1, status=404)
    return web.redirect("/3kTz9Q", web.url("/2019/06/tram-depot-market", h + 1), host=h)


def shortener_warning(web: FixtureWeb, h: int) -> str:
    web.page("/a/warning", SHORTENER_WARNING, host=h)
    return web.redirect("/3kTz9Q", "/a/warning?hash=3kTz9Q&url=http%3A%2F%2Fexample.org%2F", status=302, host=h)


def adfs_sign_in(web: FixtureWeb, h: int) -> str:
    """An intranet page sending the reader to a branded ADFS sign-in on another host."""
    web.page("/adfs/ls/", ADFS_SIGN_IN, host=h + 1)
    return web.redirect("/staff/news/2024/06/depot-rota", web.url(
        "/adfs/ls/?wa=wsignin1.0&wtrealm=urn%3Aintranet&wctx=rm%3D0%26id%3Dpassive", h + 1), status=302, host=h)


def country_selector(web: FixtureWeb, h: int) -> str:
    web.page("/choose-country-region/", COUNTRY_SELECTOR, host=h)
    return web.redirect("/products/copper-kettle-1-5l", "/choose-country-region/", status=302, host=h)


def link_expired(web: FixtureWeb, h: int) -> str:
    web.page("/link-expired", LINK_EXPIRED, host=h)
    return web.redirect("/2024/06/tram-depot-market", "/link-expired", status=302, host=h)


def wordfence(web: FixtureWeb, h: int) -> str:
    return web.page("/2024/06/tram-depot-market", WORDFENCE, host=h, status=503)


def honest_host(path: str, body: str, **reply: object) -> Setup:
    """A page on a host that answers random paths with an honest 404."""
    return lambda web, h: web.page(path, body, host=h, **reply)


CASES = [
    # -- frameworks and JSON -----------------------------------------------------------------------
    Case("Next.js pages router: page '/404' served with 200", page("/2019/06/tram-depot-market", NEXT_404),
         SOFT),
    Case("Next.js '/_error' with statusCode 404, empty #__next", page("/2019/06/tram-depot-market",
                                                                     NEXT_ERROR_EMPTY), SOFT),
    Case("Next.js article whose sidebar data holds a 404", page("/2024/06/tram-depot-market", NEXT_ARTICLE),
         OK),
    Case("headless CMS: 'Content unavailable', empty story body", page("/2019/06/tram-depot-market",
                                                                       CMS_UNAVAILABLE), SOFT),
    Case("headless CMS: empty story template, state says NOT_FOUND", page("/2019/06/tram-depot-market",
                                                                          CMS_EMPTY_STATE), SOFT),
    Case("GraphQL 200: errors list with 'Article not found'", page("/graphql/article/4411", GRAPHQL_ERRORS,
                                                                   content_type="application/json"), SOFT),
    Case("JSON 200: error object 'No such article'", page("/v1/articles/a_4411", STRIPE_LIKE,
                                                          content_type="application/json"), SOFT),
    Case("application/problem+json 200 with status 404", page("/api/records/4411", PROBLEM_JSON,
                                                              content_type="application/problem+json"), SOFT),
    # -- status codes ------------------------------------------------------------------------------
    Case("300 Multiple Choices without Location", page("/reports/budget", MULTIPLE_CHOICES, status=300), ERROR),
    Case("418 I'm a teapot to a script", page("/2024/06/tram-depot-market", TEAPOT, status=418), BLOCKED,
         also=(ERROR,)),
    Case("Cloudflare 521 web server is down", page("/2024/06/tram-depot-market", cloudflare(
        521, "Web server is down", "The web server is not returning a connection."), status=521), ERROR),
    Case("Cloudflare 522 connection timed out", page("/2024/06/tram-depot-market", cloudflare(
        522, "Connection timed out", "The initial connection between Cloudflare's network and the origin "
        "web server timed out."), status=522), ERROR),
    Case("Cloudflare 523 origin is unreachable", page("/2024/06/tram-depot-market", cloudflare(
        523, "Origin is unreachable", "Cloudflare is unable to reach the origin web server."), status=523),
         ERROR),
    Case("Cloudflare 526 invalid SSL certificate", page("/2024/06/tram-depot-market", cloudflare(
        526, "Invalid SSL certificate", "The origin web server does not have a valid SSL certificate."),
        status=526), ERROR),
    Case("Cloudflare 530 with error 1016 origin DNS", page("/2024/06/tram-depot-market", CF_1016, status=530),
         ERROR),
    Case("Cloudflare 403 error 1020 access denied", page("/2024/06/tram-depot-market", CF_1020, status=403),
         BLOCKED),
    Case("404 whose body is the full article", page("/2024/06/tram-depot-market", STORY, status=404), DEAD,
         also=(OK,)),
    Case("203 Non-Authoritative Information with the article", page("/2024/06/tram-depot-market", STORY,
                                                                    status=203), OK),
    Case("article as text/plain", page("/2024/06/tram-depot-market.txt", PLAIN_ARTICLE,
                                       content_type="text/plain; charset=utf-8"), OK),
    # -- firewalls and national blocks ---------------------------------------------------------------
    Case("AWS WAF 202 challenge without its header", page("/2024/06/tram-depot-market", AWS_WAF_CHALLENGE,
                                                          status=202), BLOCKED),
    Case("Sucuri 200 JavaScript challenge", page("/2024/06/tram-depot-market", SUCURI), BLOCKED),
    Case("Wordfence 503: access limited by the site owner", wordfence, BLOCKED),
    Case("F5 200: The requested URL was rejected", page("/2024/06/tram-depot-market", F5_REJECTED), BLOCKED),
    Case("CloudFront 403: Request blocked", page("/2024/06/tram-depot-market", CLOUDFRONT_403, status=403),
         BLOCKED),
    Case("Russian ISP stub: Доступ к ресурсу ограничен", page("/2024/06/tram-depot-market", RU_ISP_BLOCK),
         BLOCKED),
    Case("Turkish court order: erişim engellenmiştir", page("/2024/06/tram-depot-market", TR_COURT_ORDER),
         BLOCKED),
    # -- parked domains --------------------------------------------------------------------------------
    Case("cited home: domain available for purchase", home_page(FOR_PURCHASE), SOFT),
    Case("cited home: parked free, courtesy of a registrar", home_page(PARKED_FREE), SOFT),
    Case("cited home: Sedo Domain Parking lander", home_page(SEDO_LANDER), SOFT),
    Case("cited home: domain listed for sale by its owner", home_page(LISTED_FOR_SALE), SOFT),
    Case("cited home: domain recently registered, check back later", home_page(RECENTLY_REGISTERED), SOFT),
    # -- social and platforms --------------------------------------------------------------------------
    Case("X: These posts are protected", page("/millbrookmkt/status/1790001", X_PROTECTED), BLOCKED),
    Case("Bluesky: content only shown to signed-in users", page("/profile/millbrook.example/post/3kx",
                                                                BSKY_SIGNED_IN), BLOCKED),
    Case("YouTube: members-only video", page("/watch?v=memb3rs0n1y", YT_MEMBERS), BLOCKED),
    Case("Patreon: unlock this post by becoming a paid member", page("/posts/market-day-plans-98765", PATREON),
         BLOCKED),
    Case("Telegram: channel can't be displayed, violated Terms of Service", page("/s/millbrooknews/4321",
                                                                                 TG_TOS), SOFT),
    Case("Telegram: channel can't be displayed, violated local laws", page("/s/millbrooknews/4322",
                                                                           TG_LOCAL_LAWS), BLOCKED),
    Case("TikTok: Couldn't find this account", page("/@millbrookmarket", TIKTOK_NO_ACCOUNT), SOFT),
    Case("LinkedIn job: No longer accepting applications, details kept", page("/jobs/view/3901234567",
                                                                              LINKEDIN_JOB_CLOSED), OK),
    Case("Flickr: member no longer active", page("/photos/millbrook/5312345678", FLICKR_INACTIVE), SOFT),
    Case("Discord: Invite Invalid, may be expired", page("/invite/mb7Xk2", DISCORD_INVITE), SOFT,
         also=(BLOCKED,)),
    Case("Spotify: This episode is no longer available", page("/episode/4rT9xYz", SPOTIFY_EPISODE), SOFT),
    # -- archived government pages --------------------------------------------------------------------
    Case("'frozen in time', no longer updated, statement kept", page("/briefing-room/2016/06/01/statement",
                                                                     FROZEN_IN_TIME), OK),
    Case("Canada 'Archived Content' banner over the page", page("/en/news/2019/06/tram-depot-grant.html",
                                                               CANADA_ARCHIVED), OK),
    Case("'archived and is no longer updated' banner", page("/government/news/tram-depot-market-funding",
                                                            UK_ARCHIVED), OK),
    Case("GOV 'Withdrawn' publication, guidance kept", page("/guidance/market-stall-licences", UK_WITHDRAWN),
         OK),
    # -- redirects ---------------------------------------------------------------------------------------
    Case("press release moved to a new domain, slug kept", moved_domain(
        "/newsroom/2019/06/tram-depot-market", RELEASE), REDIRECTED),
    Case("press release moved to the new domain's home page", moved_domain("/", HOME), SOFT),
    Case("press release moved to the new domain's /newsroom/", moved_domain("/newsroom/", NEWSROOM), SOFT),
    Case("shortener to a target that now answers 404", shortener_to_removed, DEAD),
    Case("shortener to its own 'problem with the requested link' warning", shortener_warning, BLOCKED,
         also=(SOFT,)),
    Case("302 to a branded ADFS sign-in on another host", adfs_sign_in, BLOCKED),
    Case("302 to a country selector", country_selector, BLOCKED, also=(SOFT,)),
    Case("302 to /link-expired 'This link has expired'", link_expired, SOFT),
    # -- must stay ok, and one that must not -----------------------------------------------------------
    Case("noindex page with a search box, real short content", honest_host("/visit/opening-hours",
                                                                           NOINDEX_HOURS), OK),
    Case("noindex search page at every path", everywhere(NOINDEX_SEARCH, "/catalogue/record/b1234567"), SOFT),
    Case("event cancelled notice", page("/events/tram-depot-open-day", EVENT_CANCELLED), OK),
    Case("API docs: error-code table with ResourceNotFound", page("/rest/api/storage/error-codes",
                                                                  ERROR_CODES_DOC), OK),
    Case("Albanian news: qeni nuk u gjet", page("/2024/06/qeni-i-humbur", ALBANIAN_NEWS), OK),
    # -- languages -----------------------------------------------------------------------------------------
    Case("Albanian: Faqja nuk u gjet", lang_page("/lajme/12345", "Gazeta Shembull", "Faqja nuk u gjet",
         "Na vjen keq, faqja që kërkoni nuk ekziston.", "sq"), SOFT),
    Case("Macedonian: Страницата не е пронајдена", lang_page("/vesti/12345", "Пример весник", "Грешка",
         "Страницата што ја барате не е пронајдена.", "mk"), SOFT),
    Case("Belarusian: Старонка не знойдзена", lang_page("/naviny/12345", "Прыклад газета", "Памылка",
         "Старонка, якую вы шукаеце, не знойдзена.", "be"), SOFT),
    Case("Uzbek: Sahifa topilmadi", lang_page("/yangiliklar/12345", "Namuna gazetasi", "Sahifa topilmadi",
         "Kechirasiz, siz qidirayotgan sahifa mavjud emas.", "uz"), SOFT),
    Case("Mongolian: Хуудас олдсонгүй", lang_page("/medee/12345", "Жишээ сонин", "Уучлаарай",
         "Таны хайсан хуудас олдсонгүй.", "mn"), SOFT),
    Case("Welsh: Heb ddod o hyd i'r dudalen", lang_page("/newyddion/12345", "Papur Enghraifft", "Mae'n ddrwg "
         "gennym", "Nid oedd modd dod o hyd i'r dudalen.", "cy"), SOFT),
    Case("Basque: Ez da orria aurkitu", lang_page("/albisteak/12345", "Adibide Egunkaria", "Barkatu",
         "Bilatzen ari zaren orria ez da existitzen.", "eu"), SOFT),
    Case("Galician: Non se atopou a páxina", lang_page("/noticias/12345", "Xornal Exemplo", "Sentímolo",
         "Non se atopou a páxina que buscas.", "gl"), SOFT),
    Case("Afrikaans: Bladsy nie gevind nie", lang_page("/nuus/12345", "Voorbeeld Koerant", "Jammer",
         "Die bladsy wat jy soek, bestaan nie.", "af"), SOFT),
    Case("Marathi: पृष्ठ सापडले नाही", lang_page("/batmya/12345", "उदाहरण वृत्तपत्र", "क्षमस्व",
         "आपण शोधत असलेले पृष्ठ सापडले नाही.", "mr"), SOFT),
    Case("Telugu: పేజీ కనుగొనబడలేదు", lang_page("/varthalu/12345", "ఉదాహరణ పత్రిక", "క్షమించండి",
         "మీరు వెతుకుతున్న పేజీ కనుగొనబడలేదు.", "te"), SOFT),
    Case("Khmer: រកមិនឃើញទំព័រ", lang_page("/news/12345", "កាសែតឧទាហរណ៍", "សូមអភ័យទោស",
         "រកមិនឃើញទំព័រដែលអ្នកកំពុងស្វែងរក។", "km"), SOFT),
]


@pytest.mark.parametrize("case", [marked(c) for c in CASES])
def test_holdout7_case(web: FixtureWeb, fetcher: Fetcher, case: Case) -> None:
    host = 10 + 2 * CASES.index(case)  # hosts of its own (and one neighbour): no shared probes
    check(web, fetcher, case, host)


# -- chains the loopback web cannot serve (https, real host names): the redirect rule -------

OLD = "https://www.example.org/2019/06/tram-depot-market"
RETURN = "%2F2019%2F06%2Ftram-depot-market"

CHAINS = [
    Chain("to a Shibboleth SAML SSO endpoint", (OLD, "https://idp.example.edu/idp/profile/SAML2/Redirect/"
                                                     "SSO?SAMLRequest=fZJNb9swDIbv"), BLOCKED),
    Chain("to an ADFS passive sign-in /adfs/ls/?wa=wsignin1.0", (OLD, "https://fs.example.org/adfs/ls/?wa="
                                                                      "wsignin1.0&wtrealm=urn%3Aportal"), BLOCKED),
    Chain("to an Okta app's /sso/saml", (OLD, "https://example.okta.com/app/example_portal/exk1a2b3/sso/saml"),
          BLOCKED),
    Chain("to a CAS /cas/login?service=", (OLD, "https://cas.example.edu/cas/login?service=https%3A%2F%2F"
                                                "www.example.org" + RETURN), BLOCKED),
    Chain("to an OAuth authorize endpoint with client_id", (OLD, "https://id.example.com/oauth2/v2.0/authorize?"
                                                                 "client_id=3f2a&response_type=code&redirect_uri="
                                                                 "https%3A%2F%2Fwww.example.org%2Fcallback"), BLOCKED),
    Chain("AMP cache URL to the publisher's article", ("https://www-example-org.cdn.ampproject.org/c/s/www."
                                                       "example.org/2024/06/tram-depot-market",
                                                       "https://www.example.org/2024/06/tram-depot-market"), None),
    Chain("Google AMP viewer to the article", ("https://www.google.com/amp/s/www.example.org/2024/06/"
                                               "tram-depot-market.amp",
                                               "https://www.example.org/2024/06/tram-depot-market"), None),
    Chain("AMP cache URL to the publisher's home page", ("https://www-example-org.cdn.ampproject.org/c/s/www."
                                                         "example.org/2019/06/tram-depot-market",
                                                         "https://www.example.org/"), SOFT),
    Chain("to /country-selector?returnUrl=", (OLD, "https://www.example.org/country-selector?returnUrl=" + RETURN),
          BLOCKED),
    Chain("to /link-expired", (OLD, "https://www.example.org/link-expired"), SOFT),
    Chain("press release to the new domain's /newsroom/", ("https://www.millbrook.example.gov/news/press-"
                                                           "releases/2019/06/tram-depot-market",
                                                           "https://www.millbrook.example/newsroom/"), SOFT),
    Chain("short link to a site's home page (made for it)", ("https://bit.ly/3kTz9Qa", "https://www.example.org/"),
          None),
]


@pytest.mark.parametrize("chain", [marked(c) for c in CHAINS])
def test_holdout7_chain(chain: Chain) -> None:
    assert chain_status(chain) is chain.expected
