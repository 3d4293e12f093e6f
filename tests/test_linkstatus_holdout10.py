"""A tenth held-out set of link-status shapes: what government, university, court and news sites
answer, pages in the languages soft 404s are most often written in, parked hosts, trackers,
and what a server does below HTTP, none of it in the first nine sets.

A ministry's document moved to the national archive, a parliament's record no longer available,
a register that cannot find a document, an open-data portal's 'Dataset not found', a court
system's central login and a sealed case, a page only for the department's network, beside a
lapsed bill and a closed consultation that keep their text; a university's Shibboleth chain to
its identity provider, a SAML POST form that submits itself, CAS, EZproxy and a learning
platform's sign-in, a staff profile no longer there, beside a library record of a book 'not
found on shelf'; news removed for a licence, for legal reasons (German, French, Italian) or at
a person's request, a programme not currently available, refused in the reader's region
(Japanese, Korean, Turkish, Persian, Italian), beside a live blog that ended, a headline about
fishermen not found and news about the missing in Arabic, Persian, Chinese, Hebrew,
Vietnamese and Swahili; not-found and removed pages in wordings the earlier sets lacked, two in
each of Arabic, Persian, Hebrew, Chinese (three), Japanese, Korean, Turkish, Indonesian,
Vietnamese, Hindi and Swahili; a parking lander reached by script, a Japanese registrar's
default page, a Chinese domain for sale, a domain broker's profile page, the home page at every
path with a clock in Persian digits, a catch-all page echoing an Arabic slug; newsletter
trackers and shorteners ending on 404, 410 or a name that does not exist, a consent host in
German, Cloudflare Access; TLS spoken to a plain-HTTP server (cited, and after an http->https
redirect), a connection closed without an answer, an SSH banner, a refused connection, 304 to
an unconditional request, `<html></html>` and a comment as the whole page; credentials in the
address (accepted, refused), an e-mail address as user name, an Arabic IDN host, a fragment on
a 404, a hashbang route; and two redirect chains the loopback web cannot serve (Google's
'/sorry/' CAPTCHA, a login host's root).

Each case's expected status was written down before the classifier was run on it: what a
careful fact-checker would call the link, whatever the code did. `also` names a status a
reasonable tool could give instead, for the few cases that are genuinely ambiguous. Cases the
classifier still gets wrong are xfail(strict=True), so the score stays honest.

First run, before any rule changed: 47 of 88 right (45 of the 86 fetched cases, neither redirect
chain). The misses and their causes: records, datasets, staff profiles and programmes not among
the things a message can say are gone (4); removals for legal reasons in German, French and
Italian, and 'removed at the request of' (4); regional refusals in Japanese, Korean, Turkish,
Persian and Italian (5); a sealed case and a page only for a department's network read as pages
(2); twenty not-found wordings (two each in Arabic, Persian, Hebrew, Chinese, Turkish,
Indonesian, Vietnamese, Hindi and Swahili, one each in Japanese and Korean), several of them also
kept from being read by the markup scan's words; a Chinese 'domain for sale' and a broker's
'<name>.com is for sale' title (2); a SAML POST form taken for a page; an address's own
credentials never sent (a 401); Google's '/sorry/' step and a login host's root not known as
gates. After the general fixes of branch linkstatus10 (the wordings, in errorwords.py, and their
markup words; sealed and network-only pages as restricted access; a step whose query holds the
cited address to come back to is blocked; a sign-in host named by any label; a form posting a
SAMLRequest is a sign-in step; an address's credentials sent to its own host): 88 of 88.
Count the current score with HOLDOUT_RAW=1 (marks ignored, misses fail).
"""

from __future__ import annotations

import base64
import itertools
import socket
from collections.abc import Callable
from urllib.parse import quote, unquote

import pytest
from fixtureweb import FixtureWeb, Reply, Request
from linkstatus_cases import (
    BLOCKED,
    DEAD,
    ERROR,
    OK,
    SOFT,
    Case,
    Chain,
    Setup,
    article_of,
    chain_status,
    check,
    everywhere,
    fetcher,
    home_page,
    login_form,
    marked,
    message,
    page,
    template,
    to_neighbour,
)

from verifier.fetching import Fetcher

__all__ = ["fetcher"]  # the shared fixture, used by the tests below

NEWS = "The Orrin Herald"
PATH = "/2021/04/dam-inspection-report"
PARAGRAPH = ("Inspectors from the water ministry spent a week inside the Orrin dam in March, measuring "
             "seepage through the masonry and testing the spillway gates, and their report recommends "
             "relining the eastern wall before the autumn rains raise the reservoir again. ")
article = article_of(NEWS, ("News", "Valley"), PARAGRAPH)
NOT_FOUND = message(NEWS, "Page not found", "Sorry, the page you are looking for does not exist.")


def to_name(path: str, name: str, target: str, body: str) -> Setup:
    """path on host h redirected to `target` on a host name under .test (which the tests'
    resolver sends to 127.0.0.1), serving body."""
    def setup(web: FixtureWeb, h: int) -> str:
        web.page(target.split("?")[0], body, host=1)
        return web.redirect(path, f"http://{name}:{web.port}{target}", status=302, host=h)
    return setup


# -- government, parliament, courts ------------------------------------------------------------

MINISTRY = "Ministry of Water Resources"
ARCHIVED_DOC = message(MINISTRY, "This document has been archived",
                       "This document is no longer available on this website.",
                       "It has been transferred to the National Archives, where you can search the web archive.")
RECORD_GONE = message("Parliament of Orrin", "Record unavailable", "This record is no longer available.",
                      "Records of the proceedings of earlier parliaments are kept by the Parliamentary Library.")
BILL_LAPSED = template("Water Services Amendment Bill 2019 – Parliament of Orrin",
                       "<h1>Water Services Amendment Bill 2019</h1><p><strong>Status:</strong> Lapsed. This bill "
                       "lapsed at the dissolution of Parliament on 12 August 2021.</p>",
                       *(f"<p>Reading {n}: {PARAGRAPH}</p>" for n in range(1, 6)))
CONSULTATION_CLOSED = template("Reservoir safety rules: consultation – GOV.ORRIN",
                               "<h1>Reservoir safety rules</h1><p class='banner'>This consultation has closed. "
                               "We are analysing your feedback.</p>",
                               *(f"<h2>Proposal {n}</h2><p>{PARAGRAPH}</p>" for n in range(1, 5)))
REGISTER_MISSING = message("Public Records Register", "Document register",
                           "The requested document could not be found in the register.",
                           "Check the reference number and try again.")
DATASET_NOT_FOUND = template("Dataset not found - Open Data Orrin", "<h1>Dataset not found</h1>",
                             "<form action='/dataset'><input name='q' placeholder='Search datasets'></form>")
PACER_LOGIN = login_form("PACER: Login", "PACER Login", "Username")
CASE_SEALED = message("Orrin District Court", "Case 2:19-cv-04412",
                      "This case is sealed. Access is restricted to the parties and the court.")
NETWORK_ONLY = message("Department of Works", "Access restricted",
                       "This page is only available from the departmental network.",
                       "Staff working from home should connect through the VPN first.")

# -- universities ---------------------------------------------------------------------------

UNI = "University of Orrin"
SHIB_TARGET = "/research/reports/dam-seepage-2021.pdf"
IDP_LOGIN = login_form("Web Login Service - University of Orrin", "Web Login Service", "Username")
SAML_POST = ("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body onload='document.forms[0].submit()'>"
             "<noscript><p><strong>Note:</strong> Since your browser does not support JavaScript, you must press "
             "the Continue button once to proceed.</p></noscript><form action='https://idp.orrin.example/idp/"
             "profile/SAML2/POST/SSO' method='post'><div><input type='hidden' name='SAMLRequest' value='PHNhbW"
             "xwOkF1dGhuUmVxdWVzdCBJRD0iXzg0YmY3YjEyIiBWZXJzaW9uPSIyLjAiPjwvc2FtbHA6QXV0aG5SZXF1ZXN0Pg=='/>"
             "<input type='hidden' name='RelayState' value='ss:mem:5c1f0e3a'/></div><noscript><div><input "
             "type='submit' value='Continue'/></div></noscript></form></body></html>")
CAS_LOGIN = login_form("Central Authentication Service", "Central Authentication Service", "NetID")
EZPROXY_LOGIN = login_form("Off-campus access | University of Orrin Library", "Off-campus access",
                           "Library card number")
MOODLE_LOGIN = login_form("Orrin Learn: Log in to the site", "Log in to the site", "Username")
PROFILE_GONE = message(UNI, "Staff profile", "This profile is no longer available.",
                       "The staff member may have left the university.")
LIBRARY_MISSING = template("Water management in the Orrin valley / A. Marsh | University of Orrin Library",
                           "<h1>Water management in the Orrin valley</h1><dl><dt>Author</dt><dd>Marsh, Alice"
                           "</dd><dt>Published</dt><dd>Orrin University Press, 1998</dd><dt>Call number</dt>"
                           "<dd>TC 425 .O77 M37</dd><dt>Status</dt><dd>Missing – not found on shelf at the last "
                           "inventory</dd><dt>Subjects</dt><dd>Dams – Orrin valley; Water supply – History</dd>"
                           "</dl><p>A history of the reservoirs built in the valley between 1920 and 1960, with "
                           "maps of the flooded villages and the engineers' correspondence.</p>")

# -- news --------------------------------------------------------------------------------------

WIRE_EXPIRED = message(NEWS, "Story unavailable", "This story is no longer available.",
                       "Agency stories are removed from our site 30 days after publication under our licence.")
DE_LEGAL = message("Orrintaler Zeitung", "Hinweis", "Dieser Artikel wurde aus rechtlichen Gründen entfernt.",
                   lang="de")
FR_LEGAL = message("Le Courrier de l'Orrin", "Avis",
                   "Cet article a été retiré de notre site pour des raisons juridiques.", lang="fr")
IT_REMOVED = message("Il Corriere dell'Orrin", "Avviso", "Questo articolo è stato rimosso.", lang="it")
AT_REQUEST = message(NEWS, "Story removed",
                     "This story has been removed at the request of a person named in it.")
NOT_CURRENTLY = message("Orrin Player", "This programme is not currently available",
                        "It may be available again later. Browse other programmes.")
LIVE_ENDED = article("Dam inspection: live updates | The Orrin Herald",
                     extra="<p class='banner'>This live blog has ended. Read our full report below.</p>")
HEADLINE = article("Missing fishermen not found after three-day search | The Orrin Herald", paragraphs=3,
                   paragraph="Coastguard crews called off the search for two fishermen missing off the "
                             "Orrin estuary on Sunday after three days without a trace of them or their boat. ")


def news_in(title: str, paragraph: str, lang: str) -> Setup:
    return page("/news/2271", article(title, paragraph=paragraph, paragraphs=5, lang=lang))


# -- refused in the reader's region ----------------------------------------------------------------

JA_REGION = message("オリン動画", "ご覧いただけません", "この動画はお住まいの地域ではご覧いただけません。", lang="ja")
KO_REGION = message("오린 TV", "안내", "죄송합니다. 이 콘텐츠는 현재 계신 국가에서 이용하실 수 없습니다.", lang="ko")
TR_REGION = message("Orrin TV", "Uyarı", "Bu içerik ülkenizde kullanılamıyor.", lang="tr")
FA_REGION = message("تلویزیون اورین", "توجه", "این محتوا در کشور شما در دسترس نیست.", lang="fa")
IT_REGION = message("Orrin Play", "Attenzione", "Questo contenuto non è disponibile nel tuo paese.", lang="it")

# -- soft 404s in the languages the corpus and the world write them in ------------------------

AR_SITE, FA_SITE, HE_SITE, ZH_SITE = "صحيفة الوادي", "روزنامه دره", "חדשות העמק", "河谷日报"
JA_SITE, KO_SITE, TR_SITE, ID_SITE = "渓谷新聞", "계곡일보", "Vadi Gazetesi", "Harian Lembah"
VI_SITE, HI_SITE, SW_SITE = "Báo Thung Lũng", "घाटी समाचार", "Habari za Bonde"
AR_COULD_NOT = message(AR_SITE, "عذراً", "لم نتمكن من العثور على الصفحة التي تبحث عنها.", lang="ar")
AR_INDIC_404 = template(AR_SITE, "<h1>خطأ ٤٠٤</h1>",
                        "<p>الرابط الذي اتبعته غير صحيح أو ربما تمت إزالة الصفحة.</p>", lang="ar")
FA_WORDPRESS = template(f"برگه پیدا نشد – {FA_SITE}", "<h1>اوه! آن برگه پیدا نشد.</h1>",
                        "<p>به نظر می‌رسد در این مکان چیزی یافت نشد. شاید جستجو کمک کند؟</p>",
                        "<form action='/'><input name='s'></form>", lang="fa")
FA_NEWS_ITEM = message(FA_SITE, "خطا", "خبر مورد نظر یافت نشد.", lang="fa")
HE_COULD_NOT = message(HE_SITE, "שגיאה 404", "מצטערים, לא הצלחנו למצוא את הדף שחיפשת.", lang="he")
HE_ARTICLE = message(HE_SITE, "הודעה", "הכתבה המבוקשת אינה זמינה.", lang="he")
ZH_IIS = ("<html><head><meta charset='utf-8'><title>404 - 找不到文件或目录。</title></head><body><div id='header'>"
          "<h1>服务器错误</h1></div><div id='content'><fieldset><h2>404 - 找不到文件或目录。</h2><h3>您要查找的资源可能"
          "已被删除，已更改名称或者暂时不可用。</h3></fieldset></div></body></html>")
ZH_LOST = message(ZH_SITE, "出错了", "抱歉，您访问的页面走丢了。", lang="zh")
ZH_TIEBA = message("河谷吧", "提示", "抱歉，该贴已被删除。", lang="zh")
JA_MOVED = message(JA_SITE, "ページが見つかりません", "お探しのページは、移動または削除された可能性があります。", lang="ja")
JA_ENDED = message(JA_SITE, "お知らせ", "この記事は公開を終了しました。", lang="ja")
KO_POST = message(KO_SITE, "알림", "삭제되었거나 존재하지 않는 게시물입니다.", lang="ko")
KO_ARTICLE = message(KO_SITE, "오류", "기사를 찾을 수 없습니다.", lang="ko")
TR_UNREACHABLE = message(TR_SITE, "Hata", "Üzgünüz, aradığınız sayfaya ulaşılamıyor.", lang="tr")
TR_NO_SUCH = message(TR_SITE, "Hata", "Böyle bir haber bulunmamaktadır.", lang="tr")
ID_NEWS = message(ID_SITE, "Maaf", "Berita tidak ditemukan.", lang="id")
ID_DELETED = message(ID_SITE, "Maaf", "Artikel yang Anda cari sudah dihapus.", lang="id")
VI_LINK = message(VI_SITE, "Lỗi", "Đường dẫn không tồn tại.", lang="vi")
VI_CONTENT = message(VI_SITE, "Lỗi", "Rất tiếc, chúng tôi không tìm thấy nội dung bạn yêu cầu.", lang="vi")
HI_REMOVED = message(HI_SITE, "सूचना", "क्षमा करें, यह खबर हटा दी गई है।", lang="hi")
HI_ARTICLE = message(HI_SITE, "त्रुटि", "यह लेख उपलब्ध नहीं है।", lang="hi")
SW_NEWS = message(SW_SITE, "Samahani", "Habari hii haipatikani tena.", lang="sw")
SW_404 = message(SW_SITE, "Hitilafu 404", "Ukurasa haujapatikana.", lang="sw")

# -- parked and catch-all hosts -------------------------------------------------------------------

LANDER_STUB = ("<html><head><title>orrinherald.com</title></head><body><script>window.location.href='/lander'"
               "</script></body></html>")
LANDER = template("orrinherald.com", "<h1>orrinherald.com</h1><h2>Related Searches</h2><ul>",
                  "<li><a href='/ls?q=dam'>Dam Inspection Services</a></li><li><a href='/ls?q=news'>Valley "
                  "Newspaper Subscription</a></li><li><a href='/ls?q=jobs'>Water Board Jobs</a></li></ul>",
                  "<p><a href='/privacy'>Privacy Policy</a></p>")
ONAMAE = message("orrinherald.jp", "orrinherald.jp", "このドメインはお名前.comで取得されています。",
                 "お名前.comは、国内シェアNo.1のドメイン公式登録サービスです。", lang="ja")
ZH_FOR_SALE = message("orrinherald.cn", "该域名正在出售", "如有意购买，请联系 domains@orrinherald.cn。", lang="zh")
BROKER = template("OrrinHerald.com is for sale | Domain broker", "<h1>OrrinHerald.com</h1>",
                  "<p>Buy now for $2,995, or make 12 monthly payments.</p><button>Buy now</button>")
_clock = itertools.count(1)
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def persian_clock_home(_r: Request) -> Reply:
    """The paper's home page at every path, stamped with the time in Persian digits."""
    tick = next(_clock)
    stamp = f"1403/03/12 10:{tick // 60 % 60:02d}:{tick % 60:02d}".translate(_PERSIAN_DIGITS)
    return Reply(200, template(FA_SITE, f"<p class='date'>امروز: {stamp}</p>", "<h2>آخرین اخبار</h2><ul><li>"
                                        "<a href='/news/1'>بازرسی سد</a></li><li><a href='/news/2'>بارش باران در دره"
                                        "</a></li><li><a href='/news/3'>افتتاح پل جدید</a></li></ul>", lang="fa"))


def catch_all(handler: Callable[[Request], Reply], path: str) -> Setup:
    def setup(web: FixtureWeb, h: int) -> str:
        web.route("*", handler, host=h)
        return web.url(path, host=h)
    return setup


AR_SLUG = "/مقالات/فحص-سد-الوادي"


def arabic_slug_echo(r: Request) -> Reply:
    """A catch-all page that searches for the words of whatever path it was asked for."""
    words = unquote(r.path).strip("/").replace("/", " ").replace("-", " ")
    return Reply(200, template(AR_SITE, f"<h1>نتائج البحث عن: {words}</h1>", "<h2>آخر الأخبار</h2><ul><li><a "
                                        "href='/a/1'>افتتاح الجسر الجديد</a></li><li><a href='/a/2'>أمطار غزيرة في "
                                        "الوادي</a></li></ul>", lang="ar"))


# -- trackers, shorteners, consent and access hosts -------------------------------------------------

def through_trackers(final_status: int) -> Setup:
    """A newsletter's tracking link, through a second tracker, to the article, which now answers
    final_status."""
    def setup(web: FixtureWeb, h: int) -> str:
        web.page(PATH, NOT_FOUND, status=final_status, host=h)
        web.redirect("/track/c", web.url(PATH, h), status=302, host=h + 1)
        return web.redirect("/ls/click", web.url("/track/c?u=" + quote(PATH), h + 1), status=302, host=h)
    return setup


def shortener_to(status: int) -> Setup:
    def setup(web: FixtureWeb, h: int) -> str:
        web.page(PATH, message(NEWS, "Gone", "This story was withdrawn."), status=status, host=h + 1)
        return web.redirect("/3xYz9Ab", web.url(PATH, h + 1), status=301, host=h)
    return setup


def tracker_to_missing_name(web: FixtureWeb, h: int) -> str:
    return web.redirect("/click", f"http://news.orrin-herald.invalid:{web.port}{PATH}", status=302, host=h)


GOOGLE_CONSENT_DE = template("Bevor Sie zu Google weitergehen", "<h1>Bevor Sie zu Google weitergehen</h1>",
                             "<p>Wir verwenden Cookies und Daten, um Dienste bereitzustellen und zu betreiben.</p>",
                             "<form><button>Alle ablehnen</button><button>Alle akzeptieren</button></form>",
                             lang="de")
CF_ACCESS = template("Sign in ・ Cloudflare Access", "<h1>Orrin Herald staff</h1><p>Get a login code emailed to "
                                                   "you</p><form method='post'><input type='email' name='email'>"
                                                   "<button>Send me a code</button></form>")

# -- below HTTP, and bodies with nothing in them --------------------------------------------------


def tls_to_plain(web: FixtureWeb, h: int) -> str:
    return web.page(PATH, article("Dam report | The Orrin Herald"), host=h).replace("http://", "https://")


def redirect_to_tls(web: FixtureWeb, h: int) -> str:
    """An http->https redirect (as HSTS-minded sites send), to a port that speaks plain HTTP."""
    return web.redirect(PATH, web.url(PATH, h).replace("http://", "https://"), status=301, host=h)


def refused(web: FixtureWeb, h: int) -> str:
    """A port nothing listens on (taken and let go)."""
    web.base(h)
    with socket.socket() as probe:
        probe.bind((f"127.0.0.{h + 1}", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.{h + 1}:{port}{PATH}"


# -- what the address itself holds --------------------------------------------------------------

def with_credentials(accepted: bool) -> Setup:
    """A cited address carrying 'reader:s3cret@'; the server wants exactly that (or refuses all)."""
    def setup(web: FixtureWeb, h: int) -> str:
        wanted = "Basic " + base64.b64encode(b"reader:s3cret").decode()

        def serve(r: Request) -> Reply:
            if accepted and r.headers.get("Authorization") == wanted:
                return Reply(200, article("Dam report | The Orrin Herald"))
            return Reply(401, "<h1>401 Authorization Required</h1>",
                         headers={"WWW-Authenticate": 'Basic realm="Herald archive"'})
        return web.route(PATH, serve, host=h).replace("http://", "http://reader:s3cret@")
    return setup


def email_user(web: FixtureWeb, h: int) -> str:
    return web.page(PATH, article("Dam report | The Orrin Herald"), host=h).replace(
        "http://", "http://reader%40mail.example:pw@")


def idn_host(web: FixtureWeb, _h: int) -> str:
    web.page("/akhbar/2271", article("تقرير فحص السد | صحيفة الوادي", lang="ar"), host=1)
    return f"http://الوادي.test:{web.port}/akhbar/2271"


def fragment_on_missing(web: FixtureWeb, h: int) -> str:
    return web.page(PATH, NOT_FOUND, status=404, host=h) + "#findings"


def hashbang(web: FixtureWeb, h: int) -> str:
    shell = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>The Orrin Herald</title><script src="
             "'/static/app.3f2a.js' defer></script></head><body><div ng-view></div><noscript>The Orrin Herald "
             "needs JavaScript to show its stories.</noscript></body></html>")
    return web.page("/", shell, host=h) + "#!/articles/2271-dam-inspection"


CASES = [
    # -- government, parliament, courts -----------------------------------------------------------
    Case("ministry: document archived, now only at the National Archives", page(
        "/publications/dam-safety-2019.html", ARCHIVED_DOC), SOFT),
    Case("parliament: This record is no longer available", page("/hansard/2009/05/12/water", RECORD_GONE), SOFT),
    Case("parliament: a lapsed bill, its record kept", page("/bills/2019/water-services-amendment", BILL_LAPSED),
         OK),
    Case("government: consultation closed, proposals kept", page("/consultations/reservoir-safety",
                                                                 CONSULTATION_CLOSED), OK),
    Case("register: the requested document could not be found", page("/register/doc/2019-4471",
                                                                      REGISTER_MISSING), SOFT),
    Case("open-data portal: Dataset not found, served 200", page("/dataset/reservoir-levels-2019",
                                                                 DATASET_NOT_FOUND), SOFT),
    Case("court: docket 302 to a central PACER-style login", to_neighbour(
        "/cgi-bin/DktRpt.pl?118227", "/csologin/login.jsf?pscCourtId=ORDC&appurl=%2Fcgi-bin%2FDktRpt.pl",
        PACER_LOGIN), BLOCKED),
    Case("court: This case is sealed", page("/cases/2-19-cv-04412", CASE_SEALED), BLOCKED, also=(SOFT,)),
    Case("department: only available from the departmental network", page("/intranet/policies/flood-plan",
                                                                          NETWORK_ONLY), BLOCKED),
    # -- universities -------------------------------------------------------------------------------
    Case("Shibboleth: /Shibboleth.sso/Login, then the IdP's SAML2 SSO login form", lambda web, h: (
        to_neighbour("/Shibboleth.sso/Login", "/idp/profile/SAML2/Redirect/SSO?SAMLRequest=fZJNT8MwDIbv"
                     "&RelayState=ss%3Amem%3A5c1f", IDP_LOGIN)(web, h),
        web.redirect(SHIB_TARGET, "/Shibboleth.sso/Login?target=" + quote(web.url(SHIB_TARGET, h), safe=""),
                     status=302, host=h))[1], BLOCKED),
    Case("SAML POST binding: a form that submits itself to the IdP", page(SHIB_TARGET, SAML_POST), BLOCKED),
    Case("CAS: 302 to /cas/login?service=", to_neighbour(
        "/courses/hydrology/notes", "/cas/login?service=http%3A%2F%2Fcourses.orrin.example%2Fhydrology", CAS_LOGIN),
         BLOCKED),
    Case("EZproxy: 302 to /login?url=", to_neighbour(
        "/journals/water-review/2021/4", "/login?url=http://journals.example/water-review/2021/4", EZPROXY_LOGIN),
         BLOCKED),
    Case("learning platform: 303 to /login/index.php", lambda web, h: (
        web.page("/login/index.php", MOODLE_LOGIN, host=h),
        web.redirect("/course/view.php?id=2271", "/login/index.php", status=303, host=h))[1], BLOCKED),
    Case("staff profile no longer available", page("/staff/a-marsh", PROFILE_GONE), SOFT),
    Case("library record: a book 'not found on shelf'", page("/record/b1448213", LIBRARY_MISSING), OK),
    # -- news -----------------------------------------------------------------------------------------
    Case("agency story removed after its licence period", page(PATH, WIRE_EXPIRED), SOFT),
    Case("German: Artikel aus rechtlichen Gründen entfernt", page("/lokales/staudamm-bericht", DE_LEGAL), SOFT,
         also=(BLOCKED,)),
    Case("French: article retiré pour des raisons juridiques", page("/actualites/barrage-rapport", FR_LEGAL), SOFT,
         also=(BLOCKED,)),
    Case("Italian: Questo articolo è stato rimosso", page("/cronaca/diga-rapporto", IT_REMOVED), SOFT),
    Case("story removed at the request of a person named in it", page(PATH, AT_REQUEST), SOFT),
    Case("programme not currently available", page("/programmes/b0dam21", NOT_CURRENTLY), SOFT, also=(BLOCKED,)),
    Case("live blog ended, its updates kept", page(PATH, LIVE_ENDED), OK),
    Case("headline: Missing fishermen not found after three-day search", page(PATH, HEADLINE), OK),
    Case("Arabic news: the missing fishermen not found", news_in(
        "لم يُعثر على الصيادين المفقودين | صحيفة الوادي",
        "أوقفت فرق خفر السواحل البحث عن صيادين اثنين فقدا قبالة مصب النهر يوم الأحد بعد ثلاثة أيام. ", "ar"), OK),
    Case("Persian news: climbers still not found", news_in(
        "کوهنوردان گمشده هنوز پیدا نشدند | روزنامه دره",
        "گروه‌های امداد پس از سه روز جستجو در ارتفاعات دره، هنوز اثری از دو کوهنورد گمشده نیافته‌اند. ", "fa"), OK),
    Case("Chinese news: missing fishermen still not found", news_in(
        "失踪渔民仍未找到 | 河谷日报", "海岸警卫队周日起在河口搜寻两名失踪渔民，三天来仍未发现他们和渔船的踪迹。", "zh"), OK),
    Case("Hebrew news: the missing climbers not yet found", news_in(
        "המטפסים הנעדרים טרם נמצאו | חדשות העמק",
        "צוותי החילוץ המשיכו בחיפושים אחר שני המטפסים שנעדרים מאז יום ראשון באזור המצוקים. ", "he"), OK),
    Case("Vietnamese news: missing fishermen not yet found", news_in(
        "Vẫn chưa tìm thấy ngư dân mất tích | Báo Thung Lũng",
        "Lực lượng cứu hộ đã tìm kiếm suốt ba ngày nhưng vẫn chưa thấy hai ngư dân mất tích ngoài cửa sông. ",
        "vi"), OK),
    Case("Swahili news: missing fishermen not yet found", news_in(
        "Wavuvi waliopotea bado hawajapatikana | Habari za Bonde",
        "Walinzi wa pwani wameendelea kuwatafuta wavuvi wawili waliopotea tangu Jumapili karibu na mto. ",
        "sw"), OK),
    # -- refused in the reader's region ----------------------------------------------------------------
    Case("Japanese: お住まいの地域ではご覧いただけません", page("/video/2271", JA_REGION), BLOCKED),
    Case("Korean: 현재 계신 국가에서 이용하실 수 없습니다", page("/video/2271", KO_REGION), BLOCKED),
    Case("Turkish: Bu içerik ülkenizde kullanılamıyor", page("/video/2271", TR_REGION), BLOCKED),
    Case("Persian: این محتوا در کشور شما در دسترس نیست", page("/video/2271", FA_REGION), BLOCKED),
    Case("Italian: non è disponibile nel tuo paese", page("/video/2271", IT_REGION), BLOCKED),
    # -- not-found and removed pages, two wordings a language -------------------------------------------
    Case("Arabic: لم نتمكن من العثور على الصفحة", page("/akhbar/2271", AR_COULD_NOT), SOFT),
    Case("Arabic: خطأ ٤٠٤ in Arabic-Indic digits, the page removed", page("/akhbar/2271", AR_INDIC_404), SOFT),
    Case("Persian WordPress: برگه پیدا نشد", page("/1400/01/sad", FA_WORDPRESS), SOFT),
    Case("Persian news: خبر مورد نظر یافت نشد", page("/news/2271", FA_NEWS_ITEM), SOFT),
    Case("Hebrew: לא הצלחנו למצוא את הדף שחיפשת", page("/news/2271", HE_COULD_NOT), SOFT),
    Case("Hebrew: הכתבה המבוקשת אינה זמינה", page("/news/2271", HE_ARTICLE), SOFT),
    Case("Chinese IIS: 404 - 找不到文件或目录", page("/news/2271.html", ZH_IIS), SOFT),
    Case("Chinese: 您访问的页面走丢了", page("/news/2271.html", ZH_LOST), SOFT),
    Case("Chinese forum: 该贴已被删除", page("/p/2271", ZH_TIEBA), SOFT),
    Case("Japanese: 移動または削除された可能性があります", page("/news/2271", JA_MOVED), SOFT),
    Case("Japanese: この記事は公開を終了しました", page("/news/2271", JA_ENDED), SOFT),
    Case("Korean: 삭제되었거나 존재하지 않는 게시물입니다", page("/board/2271", KO_POST), SOFT),
    Case("Korean: 기사를 찾을 수 없습니다", page("/article/2271", KO_ARTICLE), SOFT),
    Case("Turkish: aradığınız sayfaya ulaşılamıyor", page("/haber/2271", TR_UNREACHABLE), SOFT),
    Case("Turkish: Böyle bir haber bulunmamaktadır", page("/haber/2271", TR_NO_SUCH), SOFT),
    Case("Indonesian: Berita tidak ditemukan", page("/berita/2271", ID_NEWS), SOFT),
    Case("Indonesian: Artikel yang Anda cari sudah dihapus", page("/berita/2271", ID_DELETED), SOFT),
    Case("Vietnamese: Đường dẫn không tồn tại", page("/tin-tuc/2271.html", VI_LINK), SOFT),
    Case("Vietnamese: không tìm thấy nội dung bạn yêu cầu", page("/tin-tuc/2271.html", VI_CONTENT), SOFT),
    Case("Hindi: यह खबर हटा दी गई है", page("/news/2271", HI_REMOVED), SOFT),
    Case("Hindi: यह लेख उपलब्ध नहीं है", page("/news/2271", HI_ARTICLE), SOFT),
    Case("Swahili: Habari hii haipatikani tena", page("/habari/2271", SW_NEWS), SOFT),
    Case("Swahili: Ukurasa haujapatikana", page("/habari/2271", SW_404), SOFT),
    # -- parked and catch-all hosts ---------------------------------------------------------------------
    Case("parking lander reached by a script at every path", lambda web, h: (
        web.page("/lander", LANDER, host=h), everywhere(LANDER_STUB, PATH)(web, h))[1], SOFT),
    Case("Japanese registrar's default page at every path", everywhere(ONAMAE, PATH), SOFT),
    Case("cited home: 该域名正在出售", home_page(ZH_FOR_SALE), SOFT),
    Case("deep link 302 to a domain broker's profile page", to_neighbour(
        PATH, "/domain_profile.cfm?d=orrinherald.com", BROKER), SOFT),
    Case("home page at every path, a clock in Persian digits", catch_all(persian_clock_home, "/news/2271-sad"),
         SOFT),
    Case("catch-all page searching for an Arabic slug's words", catch_all(arabic_slug_echo, AR_SLUG), SOFT),
    # -- prose about things not found ------------------------------------------------------------------
    Case("press release: files 'not found' in the archive", page("/news/2021/files-not-found", template(
        f"Dam inspection files not found in archive, ministry says – {MINISTRY}",
        "<h1>Dam inspection files not found in archive, ministry says</h1>",
        "<p>The ministry said on Tuesday that the 1958 inspection files were not found in the national "
        "archive, and that engineers would reconstruct the records from the contractor's drawings.</p>",
        f"<p>{PARAGRAPH}</p>", f"<p>{PARAGRAPH}</p>")), OK),
    Case("FAQ: what if my application is not found?", page("/help/applications", template(
        "Applying for a water licence – help", "<h1>Applying for a water licence</h1>",
        "<h2>How long does it take?</h2><p>Most applications are decided within eight weeks of the day the "
        "ministry receives the full set of documents and the fee.</p>",
        "<h2>What if my application is not found?</h2><p>If your application is not found when you search "
        "the tracker, it may not have been processed yet; wait five working days and try again.</p>",
        "<h2>Can I appeal?</h2><p>Yes, within 28 days of the decision, in writing to the water tribunal.</p>")), OK),
    # -- trackers, shorteners, consent and access hosts ----------------------------------------------
    Case("newsletter link through two trackers to a 404", through_trackers(404), DEAD),
    Case("shortener to a 410", shortener_to(410), DEAD),
    Case("shortener: unknown code, its own 404", page("/zz9Qk2p", message(
        "Orrin.ly", "Link not found", "This short link does not exist."), status=404), DEAD),
    Case("tracker to a host name that does not exist", tracker_to_missing_name, DEAD),
    Case("302 to a consent host, in German", to_name(PATH, "consent.orrin-herald.test",
                                                    "/ml?continue=http%3A%2F%2Fwww.orrin-herald.test%2F2021&gl=DE",
                                                    GOOGLE_CONSENT_DE), BLOCKED),
    Case("302 to Cloudflare Access sign-in", to_name(
        "/wiki/reports/dam", "orrin.cloudflareaccess.test",
        "/cdn-cgi/access/login/wiki.orrin-herald.test?kid=4f1a&redirect_url=%2Fwiki%2Freports%2Fdam", CF_ACCESS),
         BLOCKED),
    # -- below HTTP ---------------------------------------------------------------------------------
    Case("https:// cited on a port that speaks plain HTTP (TLS fails)", tls_to_plain, ERROR),
    Case("http 301 to https, whose handshake fails", redirect_to_tls, ERROR),
    Case("connection closed without any answer", page(PATH, b"", raw=b""), ERROR),
    Case("an SSH banner on the web port", page(PATH, b"", raw=b"SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n"),
         ERROR),
    Case("connection refused", refused, ERROR),
    Case("304 Not Modified to an unconditional request", page(PATH, b"", status=304, content_type=None), ERROR),
    Case("200 whose whole body is <html></html>", page(PATH, "<html></html>"), ERROR, also=(OK,)),
    Case("200 whose whole body is an HTML comment", page(PATH, "<!-- generated by Orrin CMS -->\n"), ERROR,
         also=(OK,)),
    # -- what the address holds -------------------------------------------------------------------------
    Case("credentials in the address, accepted", with_credentials(True), OK),
    Case("credentials in the address, refused (401)", with_credentials(False), BLOCKED),
    Case("an e-mail address as the user name", email_user, OK),
    Case("Arabic IDN host", idn_host, OK),
    Case("fragment on a page that answers 404", fragment_on_missing, DEAD),
    Case("hashbang route after the home page", hashbang, OK, also=(ERROR,)),
]


@pytest.mark.parametrize("case", [marked(c) for c in CASES])
def test_holdout10_case(web: FixtureWeb, fetcher: Fetcher, case: Case) -> None:
    host = 10 + 2 * CASES.index(case)  # hosts of its own (and one neighbour): no shared probes
    check(web, fetcher, case, host)


# -- chains the loopback web cannot serve: the redirect rule ---------------------------------------

CITED = "https://www.orrin-herald.example/2021/04/dam-inspection-report"
CHAINS = [
    Chain("to Google's /sorry/ CAPTCHA", (CITED, "https://www.google.com/sorry/index?continue="
                                                 + quote(CITED, safe="") + "&q=EgRkZmVm"), BLOCKED),
    Chain("to a login host's root with a request id", ("https://www.records.example.gov/reports/dam-2021",
                                                       "https://secure.login.example.gov/?request_id=7c2e9a41"),
          BLOCKED),
]


@pytest.mark.parametrize("chain", [marked(c) for c in CHAINS])
def test_holdout10_chain(chain: Chain) -> None:
    assert chain_status(chain) is chain.expected
