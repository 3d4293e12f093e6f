"""A fourth held-out set of link-status shapes, none of them in the first three sets.

Social and video pages that say an account was suspended, a post deleted, a video private or
removed on a copyright claim; hard paywalls, metered limits and 'sign in to view' walls at the
cited URL itself; cookie-consent dialogs with no article behind them; bot challenges known by
their markup or by a header other than Cloudflare's; maintenance and server-error pages served
with 200; expired domains and web servers' default pages; systems' not-found pages (MediaWiki,
docs sites, shops, government portals) in phrasings the rules had not seen; not-found pages in
Greek, Swedish, Czech, Romanian, Thai, Hindi, Swahili, Bengali, Hungarian and Finnish;
redirects to a search path, a subscription offer, a maintenance page, a category index, and
canonicalizing moves that keep the article; an HTTP Refresh header; 204, 206, octet-stream,
SPA shells and a very large page; and legitimate short pages (a press notice, a post, a
guide to signing in, a maintenance announcement) that must stay ok. Each case's expected
status was written down before the classifier was run on it; `also` names a status a
reasonable tool could give instead, for the few cases that are genuinely ambiguous. Cases the
classifier still gets wrong are xfail(strict=True), so the score stays honest.

First run, before any rule changed: 31 of 86 right (27 of 76 fetched cases, 4 of 10 redirect
chains). After the general fixes of branch l4 (social and removal phrasings with who removed a
page and why, 'account' and 'product' as things that go missing, 'you have requested' and 'in
this version of the documentation', ten more languages and Indic vowel signs folded, a
paragraph opening with a not-found sentence, private pages and 'log in to continue', paywall
and consent dialogs with nothing of the page around them, challenges in words and Vercel's
header, maintenance and server-error pages as errors, default server pages and expired
domains, login forms at the cited URL, redirects to paywall, maintenance and search paths, the
Refresh header): 86 of 86.
Count the current score with HOLDOUT_RAW=1 (marks ignored, misses fail).
"""

from __future__ import annotations

from functools import partial

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
from verifier.status import LinkStatus

__all__ = ["fetcher"]  # the shared fixture, used by the tests below

PARAGRAPH = ("The harbour authority confirmed on Monday that the new breakwater will be finished "
             "before the winter storms, after two years of delays caused by a shortage of stone "
             "and a dispute with the original contractor over the cost of repairs. ")


article = article_of("The Harbour Gazette", ("News", "Sport"), PARAGRAPH)


HOME = template("The Harbour Gazette", "<h2>Top stories</h2><ul><li><a href='/a'>Ferry timetable "
                "changes</a></li><li><a href='/b'>Storm warning for the coast</a></li></ul>")

with_home = partial(shared_with_home, home=HOME)
redirect = partial(shared_redirect, home=HOME)


# -- social and video sites --------------------------------------------------------------

SUSPENDED = message("X", "Account suspended", "X suspends accounts which violate the X Rules.")
POST_DELETED = message("X", "Hmm...", "This Post was deleted by the Post author. Learn more")
NO_ACCOUNT = message("X", "This account doesn’t exist", "Try searching for another.")
PRIVATE_VIDEO = template(" - YouTube", "<div id='player-unavailable'><div class='reason'>Private video"
                         "</div><div class='subreason'>This video is private. Sign in if you've been "
                         "granted access to this video</div></div>")
COPYRIGHT = message("Example Video", "This content has been removed due to a copyright claim.",
                    "Explore more videos")
TIKTOK = message("TikTok - Make Your Day", "Video currently unavailable",
                 "Explore more videos from this creator")
REDDIT_DELETED = message("Reddit - Dive into anything", "r/gardening",
                         "Sorry, this post was deleted by the person who originally posted it.")
PRIVATE_COMMUNITY = message("Reddit - Dive into anything", "r/example_private",
                            "r/example_private is a private community",
                            "Only approved members can view and contribute.")
LOGIN_CONTINUE = message("Facebook", "You must log in to continue.", "Log in", "Create new account")

# -- paywalls and login walls at the cited URL -----------------------------------------------

HARD_PAYWALL = template("Subscribe to read | The Harbour Gazette",
                        "<h1>Breakwater finished before winter</h1><div class='offer'><h2>Subscribe to "
                        "unlock this article</h2><p>Try unlimited access for 4 weeks for $1.</p>"
                        "<a href='/subscribe'>Subscribe now</a></div>")
SIGN_IN_TO_VIEW = message("Example Network", "Sign in to view this post",
                          "Join Example Network to see posts from your colleagues.", "Sign in", "Join now")
SUBSCRIBERS_ONLY = template("Breakwater finished before winter | The Harbour Gazette",
                            "<h1>Breakwater finished before winter</h1><div class='locked'><p>This "
                            "article is for subscribers only.</p><p>Already a subscriber? Log in.</p></div>")
METER_LIMIT = template("Breakwater finished before winter | The Harbour Gazette",
                       "<h1>Breakwater finished before winter</h1><div class='meter'><p>You have reached "
                       "your limit of free articles this month.</p><a href='/subscribe'>Subscribe for "
                       "unlimited access</a></div>")
METER_WITH_LEAD = article("Breakwater finished before winter | The Harbour Gazette", paragraphs=2,
                          extra="<div class='meter'><p>You have reached your limit of free articles "
                                "this month.</p><a href='/subscribe'>Subscribe</a></div>")
LOGIN_FORM_ONLY = template("Sign in • Example Docs", "<form method='post' action='/session'><label>"
                           "Email</label><input name='email'><label>Password</label><input "
                           "type='password' name='password'><button>Sign in</button></form>")
NEED_ACCESS = message("Example Drive", "You need access",
                      "Ask for access, or switch to an account with access.", "Request access")
SIGN_IN_GUIDE = template(
    "How to sign in to your tax account | Example Revenue Service",
    "<h1>How to sign in to your tax account</h1><p>You need to sign in to view your tax statements.</p>"
    "<p>Use the user ID and password you chose when you registered.</p>")
TRADE_PRODUCT = template("Blue Kettle 1.7 l | Example Trade", "<h1>Blue Kettle 1.7 l</h1>"
                         "<p>Sign in to see trade prices.</p><p>Stainless steel, 3000 W, boil-dry "
                         "protection.</p>")

# -- cookie consent ----------------------------------------------------------------------

CONSENT_ONLY = message(
    "The Harbour Gazette", "We value your privacy",
    "We and our partners store and/or access information on a device, such as cookies, and process "
    "personal data for personalised ads and content, ad and content measurement and audience insights.",
    "Accept all", "Manage options")
CONSENT_GERMAN = message(
    "Beispiel Zeitung", "Wir brauchen Ihre Zustimmung",
    "Wir verwenden Cookies und ähnliche Technologien, um Ihnen ein optimales Nutzungserlebnis zu bieten.",
    "Alle akzeptieren", "Einstellungen", lang="de")
ARTICLE_WITH_BANNER = article(
    "Breakwater finished before winter | The Harbour Gazette",
    extra="<div class='cookie-banner'><p>We use cookies to improve your experience.</p>"
          "<button>Accept all</button><button>Reject all</button></div>")

# -- bot challenges ------------------------------------------------------------------------

TURNSTILE = message("The Harbour Gazette", "www.harbour-gazette.example",
                    "Verify you are human by completing the action below.",
                    "www.harbour-gazette.example needs to review the security of your connection before "
                    "proceeding.")
VERCEL = message("Vercel Security Checkpoint", "We're verifying your browser",
                 "Website owner? Click here to fix")
DATADOME = ("<html><head><title>harbour-gazette.example</title></head><body><p>Please enable JS and "
            "disable any ad blocker</p><script src='https://ct.captcha-delivery.com/c.js'></script>"
            "</body></html>")
PERIMETERX = message("Access to this page has been denied",
                     "Access to this page has been denied because we believe you are using automation "
                     "tools to browse the website.", "Press & Hold to confirm you are a human (and not a bot).")
DDOS_GUARD = message("DDoS-Guard", "Checking your browser before accessing harbour-gazette.example",
                     "This process is automatic. Your browser will redirect to your requested content "
                     "shortly.")

# -- maintenance and server errors served with 200 ---------------------------------------------

BACK_SOON = message("The Harbour Gazette", "We’ll be back soon!",
                    "Sorry for the inconvenience. We’re performing some maintenance at the moment.")
WP_MAINTENANCE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Maintenance</title></head>"
                  "<body><p>Briefly unavailable for scheduled maintenance. Check back in a minute.</p>"
                  "</body></html>")
TITLE_500 = message("500 Internal Server Error", "Internal Server Error",
                    "The server encountered an internal error and was unable to complete your request.")
DATABASE_ERROR = ("<!DOCTYPE html><html><head><title>Database Error</title></head><body><h1>Error "
                  "establishing a database connection</h1></body></html>")
MAINTENANCE_NOTICE = message(
    "Planned maintenance on 2 June | Example Bank", "Planned maintenance on 2 June",
    "Online banking will be unavailable from 01:00 to 05:00 on Sunday 2 June while we upgrade our systems.")

# -- expired domains and default pages --------------------------------------------------------

DOMAIN_EXPIRED = ("<html><head><title>Domain Expired</title></head><body><h1>harbour-gazette.example"
                  "</h1><p>This domain has expired.</p><p>If you are the registrant, you can still "
                  "renew it. <a href='/renew'>Renew now</a></p></body></html>")
CPANEL_SUSPENDED = ("<html><head><title>Account Suspended</title></head><body><h1>This Account has been "
                    "suspended.</h1><p>Contact your hosting provider for more information.</p></body></html>")
NGINX_DEFAULT = ("<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to "
                 "nginx!</h1><p>If you see this page, the nginx web server is successfully installed and "
                 "working. Further configuration is required.</p><p><em>Thank you for using nginx.</em>"
                 "</p></body></html>")
APACHE_DEFAULT = ("<!DOCTYPE html><html><head><title>Apache2 Ubuntu Default Page: It works</title></head>"
                  "<body><div class='banner'>Apache2 Ubuntu Default Page</div><div class='section_header'>"
                  "It works!</div><p>This is the default welcome page used to test the correct operation "
                  "of the Apache2 server after installation on Ubuntu systems.</p></body></html>")

# -- systems' not-found pages in new phrasings ---------------------------------------------------

MEDIAWIKI = template(
    "Harbour history - Example Wiki",
    "<h1 id='firstHeading'>Harbour history</h1><div class='noarticletext'><p>There is currently no text "
    "in this page. You can search for this page title in other pages, or search the related logs, but "
    "you do not have permission to create this page.</p></div>")
CMS_DELETED_OR_MOVED = message("Example Intranet", "Page not available",
                               "The page you were trying to view has been deleted or moved.")
DOCS_VERSION = message("Example SDK 3.2 documentation", "Oops",
                       "The page you’re looking for doesn’t exist in this version of the documentation.",
                       "Go to the latest version")
SHOP_PRODUCT = message("Example Kettles", "Oops!", "The product you’re looking for can’t be found.",
                       "Continue shopping")
GOVERNMENT = message("Ministry of Example", "Sorry",
                     "Sorry, the page you have requested is not available. It may have been moved or deleted.",
                     "Return to the home page")
BILINGUAL = message("Government of Example", "We couldn't find that Web page (Error 404)",
                    "Nous ne pouvons trouver cette page Web (Erreur 404)")
REMOVED_LEGAL = message("The Harbour Gazette", "Article removed",
                        "This story was removed from our website for legal reasons.")
ARCHIVED = message("The Harbour Gazette", "Archived",
                   "The article you are looking for has been archived and is no longer accessible.")

# -- legitimate pages -----------------------------------------------------------------------

PRESS_NOTICE = message("Office closure on 27 May | Example Council", "Office closure on 27 May",
                       "The council offices will be closed on Monday 27 May for the bank holiday.")
POST_PAGE = message("Ana on Example Social: “Just landed in Lisbon”", "Ana",
                    "Just landed in Lisbon. Still haven’t found my luggage, though!")
HTTP_GUIDE = template(
    "HTTP 404: what it means and how to fix it | Web Guide",
    "<h1>HTTP 404: what it means and how to fix it</h1><p>A 404 answer means the server could not find "
    "the requested resource. It says nothing about whether the resource ever existed.</p><p>404 Not "
    "Found</p><p>Check the address for typing mistakes, then look for the page in the site's search "
    "or in a web archive.</p>", head="<meta name='robots' content='noindex'>")
LOST_PROPERTY = message("Lost property | Example Railway", "Lost property",
                        "Items handed in at our stations are kept for 30 days.",
                        "Not found what you lost? Fill in our online form.")
ACCOUNT_NEWS = article("Council account suspended after phishing attack | The Harbour Gazette",
                       extra="<p>This account has been suspended, a spokesperson said.</p>")
SPA_SHELL = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Example App</title>"
             "<script type='module' src='/assets/index-4f2a.js'></script></head><body>"
             "<div id='root'></div></body></html>")
# A page of two million characters that mentions a not-found message near its top.
HUGE = article("The long history of the harbour | The Harbour Gazette", paragraphs=8000,
               extra="<p>Page not found</p>")


# -- setups ---------------------------------------------------------------------------------

def refresh_header_home(web: FixtureWeb, h: int) -> str:
    """A deep link answered 200 with an HTTP Refresh header to the home page."""
    web.page("/", HOME, host=h)
    return web.page("/2019/05/ferry-strike", message("The Harbour Gazette", "Redirecting…"), host=h,
                    headers={"Refresh": "0; url=/"})


def apache_everywhere(web: FixtureWeb, h: int) -> str:
    web.route("*", lambda _r: Reply(200, APACHE_DEFAULT), host=h)
    return web.url("/2019/05/ferry-strike", host=h)


def nginx_home(web: FixtureWeb, h: int) -> str:
    """The cited home page of a site now showing the web server's default page."""
    return web.page("/", NGINX_DEFAULT, host=h)


def partial(web: FixtureWeb, h: int) -> str:
    body = article("Breakwater finished before winter | The Harbour Gazette").encode()
    return web.page("/2024/05/breakwater", body, host=h, status=206,
                    headers={"Content-Range": f"bytes 0-{len(body) - 1}/{len(body)}"})


S3_DENIED = ("<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code><Message>Access "
             "Denied</Message><RequestId>7Q2B0E</RequestId></Error>")
XML = "application/xml"

CASES = [
    # -- social and video pages --------------------------------------------------------------
    Case("X: Account suspended", page("/someone/status/1790001", SUSPENDED), SOFT),
    Case("X: This Post was deleted by the Post author", page("/someone/status/1790002", POST_DELETED), SOFT),
    Case("X: This account doesn't exist", page("/someone_gone", NO_ACCOUNT), SOFT),
    Case("video: This video is private", page("/watch?v=priv4te", PRIVATE_VIDEO), BLOCKED, also=(SOFT,)),
    Case("video: removed due to a copyright claim", page("/videos/88123", COPYRIGHT), SOFT),
    Case("TikTok: Video currently unavailable", page("/@someone/video/7300001", TIKTOK), SOFT),
    Case("Reddit: post deleted by the person who posted it", page(
        "/r/gardening/comments/abc123/tomatoes/", REDDIT_DELETED), SOFT),
    Case("Reddit: a private community", page("/r/example_private/comments/def456/x/", PRIVATE_COMMUNITY),
         BLOCKED),
    Case("Facebook: You must log in to continue", page("/groups/123/posts/456", LOGIN_CONTINUE), BLOCKED),
    # -- paywalls and login walls at the cited URL ------------------------------------------------
    Case("hard paywall titled 'Subscribe to read'", page("/2024/05/breakwater", HARD_PAYWALL), BLOCKED),
    Case("Sign in to view this post", page("/posts/someone_activity-7190001", SIGN_IN_TO_VIEW), BLOCKED),
    Case("This article is for subscribers only, no lead", page("/2024/05/breakwater", SUBSCRIBERS_ONLY),
         BLOCKED),
    Case("metered: limit of free articles reached, no lead", page("/2024/05/breakwater", METER_LIMIT),
         BLOCKED),
    Case("metered: limit notice above the article's lead", page("/2024/05/breakwater", METER_WITH_LEAD),
         OK, also=(BLOCKED,)),
    Case("a login form titled 'Sign in • Example Docs' at a deep link", page(
        "/guides/deploying", LOGIN_FORM_ONLY), BLOCKED),
    Case("shared document: You need access", page("/document/d/1AbC/edit", NEED_ACCESS), BLOCKED),
    Case("guide: How to sign in to your tax account", page("/guidance/sign-in", SIGN_IN_GUIDE), OK),
    Case("trade product page: Sign in to see trade prices", page("/products/blue-kettle", TRADE_PRODUCT),
         OK),
    # -- cookie consent ---------------------------------------------------------------------
    Case("consent dialog only, title the site name", page("/2024/05/breakwater", CONSENT_ONLY), BLOCKED),
    Case("German consent dialog: Wir brauchen Ihre Zustimmung", page("/2024/05/wellenbrecher",
                                                                      CONSENT_GERMAN), BLOCKED),
    Case("article with a cookie banner", page("/2024/05/breakwater", ARTICLE_WITH_BANNER), OK),
    # -- bot challenges ---------------------------------------------------------------------
    Case("200 'Verify you are human by completing the action below'", page("/2024/05/breakwater",
                                                                           TURNSTILE), BLOCKED),
    Case("Vercel 429 with x-vercel-mitigated: challenge", page(
        "/2024/05/breakwater", VERCEL, status=429, headers={"x-vercel-mitigated": "challenge"}),
         BLOCKED, also=(ERROR,)),
    Case("DataDome 403 with x-datadome", page("/2024/05/breakwater", DATADOME, status=403,
                                              headers={"x-datadome": "protected"}), BLOCKED),
    Case("PerimeterX 200 'Access to this page has been denied'", page("/2024/05/breakwater",
                                                                      PERIMETERX), BLOCKED),
    Case("DDoS-Guard 200 'Checking your browser before accessing'", page("/2024/05/breakwater",
                                                                         DDOS_GUARD), BLOCKED),
    Case("S3 403 AccessDenied for a missing key", page("/reports/2019/annual.pdf", S3_DENIED, status=403,
                                                       content_type=XML), BLOCKED),
    # -- maintenance and server errors served with 200 ---------------------------------------------
    Case("200 'We'll be back soon' maintenance page", page("/2024/05/breakwater", BACK_SOON), ERROR),
    Case("200 WordPress 'Briefly unavailable for scheduled maintenance'", page(
        "/2024/05/breakwater/", WP_MAINTENANCE), ERROR),
    Case("200 titled '500 Internal Server Error'", page("/2024/05/breakwater", TITLE_500), ERROR),
    Case("200 'Error establishing a database connection'", page("/2024/05/breakwater/", DATABASE_ERROR),
         ERROR),
    Case("500 with a 'Page not found' template", page("/2024/05/breakwater", message(
        "The Harbour Gazette", "Page not found"), status=500), ERROR, also=(DEAD,)),
    Case("planned-maintenance announcement", page("/notices/planned-maintenance-2-june",
                                                  MAINTENANCE_NOTICE), OK),
    # -- expired domains and default pages -------------------------------------------------------
    Case("registrar page titled 'Domain Expired'", page("/2019/05/ferry-strike", DOMAIN_EXPIRED), SOFT),
    Case("hosting 'Account Suspended' at a deep link", page("/2019/05/ferry-strike", CPANEL_SUSPENDED),
         SOFT, also=(ERROR,)),
    Case("cited home page now 'Welcome to nginx!'", nginx_home, SOFT),
    Case("Apache default page at every path", apache_everywhere, SOFT),
    # -- systems' not-found pages ------------------------------------------------------------
    Case("MediaWiki: There is currently no text in this page", page("/wiki/Harbour_history", MEDIAWIKI),
         SOFT),
    Case("intranet: the page you were trying to view has been deleted or moved", page(
        "/sites/ops/pages/rota.aspx", CMS_DELETED_OR_MOVED), SOFT),
    Case("docs: doesn't exist in this version of the documentation", page(
        "/3.2/guides/streaming.html", DOCS_VERSION), SOFT),
    Case("shop: The product you're looking for can't be found", page("/products/old-kettle", SHOP_PRODUCT),
         SOFT),
    Case("government: the page you have requested is not available", page(
        "/en/services/old-permit", GOVERNMENT), SOFT),
    Case("bilingual: We couldn't find that Web page (Error 404)", page("/en/services/old-permit.html",
                                                                      BILINGUAL), SOFT),
    Case("news: story removed from our website for legal reasons", page("/2019/05/ferry-strike",
                                                                        REMOVED_LEGAL), SOFT, also=(BLOCKED,)),
    Case("news: article archived and no longer accessible", page("/2009/05/ferry-strike", ARCHIVED), SOFT,
         also=(BLOCKED,)),
    # -- languages not yet covered -------------------------------------------------------------
    Case("Greek: Η σελίδα δεν βρέθηκε", page("/2021/03/eidisi", message(
        "Εφημερίδα Παράδειγμα", "Η σελίδα δεν βρέθηκε", "Η σελίδα που ζητήσατε δεν υπάρχει.",
        "Επιστροφή στην αρχική", lang="el")), SOFT),
    Case("Swedish: Sidan kunde inte hittas", page("/2021/03/nyhet", message(
        "Exempeltidningen", "Sidan kunde inte hittas", "Sidan du letar efter finns inte.",
        "Till startsidan", lang="sv")), SOFT),
    Case("Czech: Stránka nenalezena", page("/2021/03/zprava", message(
        "Příkladové noviny", "Stránka nenalezena", "Požadovaná stránka neexistuje.",
        "Zpět na úvodní stránku", lang="cs")), SOFT),
    Case("Romanian: Pagina nu a fost găsită", page("/2021/03/stire", message(
        "Ziarul Exemplu", "Pagina nu a fost găsită", "Ne pare rău, pagina pe care o căutați nu există.",
        "Înapoi la prima pagină", lang="ro")), SOFT),
    Case("Thai: ไม่พบหน้าที่คุณต้องการ", page("/2021/03/khao", message(
        "ข่าวตัวอย่าง", "ไม่พบหน้าที่คุณต้องการ", "ขออภัย หน้าที่คุณค้นหาอาจถูกลบหรือย้ายไปแล้ว",
        "กลับสู่หน้าแรก", lang="th")), SOFT),
    Case("Hindi: पृष्ठ नहीं मिला", page("/2021/03/samachar", message(
        "उदाहरण समाचार", "पृष्ठ नहीं मिला", "क्षमा करें, आप जिस पृष्ठ को खोज रहे हैं वह मौजूद नहीं है।",
        "मुखपृष्ठ पर जाएँ", lang="hi")), SOFT),
    Case("Swahili: Ukurasa haukupatikana", page("/2021/03/habari", message(
        "Gazeti Mfano", "Ukurasa haukupatikana", "Samahani, ukurasa unaoutafuta haupo.",
        "Rudi mwanzo", lang="sw")), SOFT),
    Case("Bengali: পৃষ্ঠাটি খুঁজে পাওয়া যায়নি", page("/2021/03/khobor", message(
        "উদাহরণ সংবাদ", "পৃষ্ঠাটি খুঁজে পাওয়া যায়নি", "দুঃখিত, আপনি যে পৃষ্ঠাটি খুঁজছেন সেটি নেই।",
        "প্রথম পাতায় ফিরুন", lang="bn")), SOFT),
    Case("Hungarian: Az oldal nem található", page("/2021/03/hir", message(
        "Példa Hírlap", "Az oldal nem található", "A keresett oldal nem létezik vagy törölték.",
        "Vissza a főoldalra", lang="hu")), SOFT),
    Case("Finnish: Sivua ei löytynyt", page("/2021/03/uutinen", message(
        "Esimerkkilehti", "Sivua ei löytynyt", "Etsimääsi sivua ei valitettavasti löytynyt.",
        "Etusivulle", lang="fi")), SOFT),
    Case("Greek news: οι ορειβάτες δεν βρέθηκαν", page("/2024/05/oreivates", article(
        "Δεν βρέθηκαν οι αγνοούμενοι ορειβάτες | Εφημερίδα Παράδειγμα", paragraphs=4, lang="el",
        paragraph="Οι έρευνες συνεχίστηκαν για τρίτη ημέρα, αλλά οι δύο ορειβάτες δεν βρέθηκαν. Η "
                  "πυροσβεστική ανέφερε ότι η κακοκαιρία δυσκολεύει το έργο των διασωστών. ")), OK),
    Case("Swedish news: seglaren har inte hittats", page("/2024/05/seglare", article(
        "Den försvunna seglaren har inte hittats | Exempeltidningen", paragraphs=4, lang="sv",
        paragraph="Sjöräddningen fortsatte sökandet under natten men seglaren har ännu inte hittats. "
                  "Polisen säger att sökandet fortsätter i morgon om vädret tillåter. ")), OK),
    Case("Hindi news: पर्वतारोही अभी तक नहीं मिले", page("/2024/05/parvatarohi", article(
        "लापता पर्वतारोही अभी तक नहीं मिले | उदाहरण समाचार", paragraphs=4, lang="hi",
        paragraph="बचाव दल ने तीसरे दिन भी खोज जारी रखी, लेकिन दोनों पर्वतारोही अभी तक नहीं मिले हैं। "
                  "पुलिस ने कहा कि मौसम ठीक होने पर खोज फिर तेज़ की जाएगी। ")), OK),
    # -- redirects ------------------------------------------------------------------------------
    Case("deep link 302 to /search/<the slug>", redirect(
        "/2019/05/ferry-strike", "/search/ferry-strike", message("Search | The Harbour Gazette",
                                                                 "Search results", "No results."),
        status=302), SOFT),
    Case("deep link 301 to a category index /category/news/", redirect(
        "/2019/05/ferry-strike", "/category/news/", message("News | The Harbour Gazette", "News",
                                                            "Latest stories")), SOFT, also=(REDIRECTED,)),
    Case("deep link 302 to /subscribe?return=", redirect(
        "/2024/05/breakwater", "/subscribe?return=%2F2024%2F05%2Fbreakwater",
        message("Subscribe | The Harbour Gazette", "Choose your plan", "Digital: $1 a week"), status=302),
         BLOCKED),
    Case("deep link 302 to /maintenance.html", redirect(
        "/2024/05/breakwater", "/maintenance.html", BACK_SOON, status=302), ERROR),
    Case("path case folded, slug kept", redirect("/News/2024/Breakwater-Finished", "/news/2024/breakwater-finished",
                                                 article("Breakwater finished | The Harbour Gazette")),
         REDIRECTED),
    Case("AMP URL to its canonical article", redirect("/amp/2024/05/breakwater", "/2024/05/breakwater",
                                                      article("Breakwater finished | The Harbour Gazette")),
         REDIRECTED),
    Case("id-only URL to the id plus slug", redirect("/story/88123", "/story/88123/breakwater-finished",
                                                     article("Breakwater finished | The Harbour Gazette")),
         REDIRECTED),
    Case("HTTP Refresh header to the home page", refresh_header_home, SOFT),
    # -- statuses, content types, sizes ---------------------------------------------------------
    Case("204 No Content", page("/2024/05/breakwater", b"", status=204, content_type=None), ERROR,
         also=(OK,)),
    Case("206 Partial Content with the whole article", partial, OK),
    Case("HTML article as application/octet-stream", page("/2024/05/breakwater", article(
        "Breakwater finished | The Harbour Gazette").encode(), content_type="application/octet-stream"), OK),
    Case("empty SPA shell <div id='root'>", page("/app/reports/2024", SPA_SHELL), OK, also=(ERROR,)),
    Case("two-million-character article mentioning 'Page not found'", page("/2024/05/history", HUGE), OK),
    # -- legitimate short pages ------------------------------------------------------------------
    Case("one-paragraph press notice", page("/news/office-closure-27-may", PRESS_NOTICE), OK),
    Case("a short post: 'haven't found my luggage'", page("/ana/posts/1790003", POST_PAGE), OK),
    Case("noindex guide titled 'HTTP 404: what it means'", page("/guides/http-404", HTTP_GUIDE), OK),
    Case("lost property: 'Not found what you lost?'", page("/help/lost-property", LOST_PROPERTY), OK),
    Case("news: 'This account has been suspended, a spokesperson said'", page(
        "/2024/05/council-phishing", ACCOUNT_NEWS), OK),
]


@pytest.mark.parametrize("case", [marked(c) for c in CASES])
def test_holdout4_case(web: FixtureWeb, fetcher: Fetcher, case: Case) -> None:
    host = 10 + 3 * CASES.index(case)  # hosts of its own (and two neighbours): no shared probes
    check(web, fetcher, case, host)


# -- chains the loopback web cannot serve (https, real host names): the redirect rule -------

STORY = "https://www.example.org/2019/05/ferry-strike"

CHAINS = [
    Chain("mobile host to www, same path", ("https://m.example.org/news/ferry-strike",
                                            "https://www.example.org/news/ferry-strike"), None),
    Chain("AMP path to the canonical path", ("https://example.org/amp/news/ferry-strike",
                                             "https://example.org/news/ferry-strike"), None),
    Chain("short link to an article", ("https://t.co/AbC123xyz", "https://example.org/2024/05/breakwater"),
          None),
    Chain("query id to a slug path", ("https://example.org/story?id=88123",
                                      "https://example.org/story/88123-breakwater-finished"), None),
    Chain("to /subscribe?returnUrl=", (STORY, "https://www.example.org/subscribe?returnUrl=%2F2019%2F05"),
          BLOCKED),
    Chain("to /account/register?next=", (STORY, "https://www.example.org/account/register?next=%2F2019"),
          BLOCKED),
    Chain("to /paywall?article=", (STORY, "https://www.example.org/paywall?article=88123"), BLOCKED),
    Chain("to /maintenance.html", (STORY, "https://www.example.org/maintenance.html"), ERROR),
    Chain("to /search/<the slug>", (STORY, "https://www.example.org/search/ferry-strike"), LinkStatus.SOFT_404),
    Chain("to a German search page /suche?q=", (STORY, "https://www.example.org/suche?q=ferry+strike"),
          LinkStatus.SOFT_404),
]


@pytest.mark.parametrize("chain", [marked(c) for c in CHAINS])
def test_holdout4_chain(chain: Chain) -> None:
    assert chain_status(chain) is chain.expected
