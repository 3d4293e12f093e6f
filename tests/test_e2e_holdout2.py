"""Held-out end to end, second set: four documents in shapes the first set lacks (a PDF
situation brief with endnotes built here with fpdf, an article given as a URL whose own links
are its citations, a Markdown note and a plain-text digest citing the same page at dates a year
apart) quoting 21 sources served by the fixture web and the fake Wayback Machine, then a second
run after one source page and one document changed. Every expected value below was written by
hand, as a careful fact-checker would judge it, before the pipeline was run on it; each
expected field is its own test case so the score is countable.

First run: 128 of 129 expected fields right (the one miss: a name with a title word inside
it, "Hassan Sheikh Mohamud", read as "Mohamud"); 129 of 129 after the general fix."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from e2e_support import (
    DEJAVU,
    Corpus,
    Q,
    TwoRuns,
    archive_cases,
    case,
    export_cases,
    first_run,
    pdf_pages,
    second_cases,
    second_run,
    served_corpus,
)
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb

T0 = datetime(2024, 5, 1, 3, 0, tzinfo=UTC)

# -- pages -------------------------------------------------------------------------------


def story(title: str, paragraphs: list[str], *, outlet: str, published: str,
          lang: str = "en") -> str:
    """A WordPress-style story: skip link, menu, share bar, newsletter box, related posts and
    a comment form around the entry content."""
    paras = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title} – {outlet}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}T08:00:00+00:00">
<link rel="stylesheet" href="/wp-content/themes/newsroom/style.css">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}",
"datePublished":"{published}"}}</script>
</head><body class="post-template-default single">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header class="site-header"><p class="site-title"><a href="/">{outlet}</a></p>
<nav id="site-navigation"><ul id="primary-menu"><li><a href="/category/news">News</a></li>
<li><a href="/category/africa">Africa</a></li><li><a href="/category/energy">Energy</a></li>
<li><a href="/contact">Contact</a></li></ul></nav></header>
<div id="content" class="site-content"><main id="main">
<article class="post type-post"><header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta">Posted on <time class="entry-date published" datetime="{published}">
{published}</time> by <span class="author">News Desk</span></div></header>
<div class="share-bar">Share: <a href="/share?fb">Facebook</a> <a href="/share?x">X</a>
<a href="/share?mail">Email</a></div>
<div class="entry-content">
{paras}
</div>
<div class="newsletter"><h3>Get the morning briefing</h3><form><input type="email"
placeholder="Your email"><button>Sign up</button></form></div>
</article>
<section class="related-posts"><h2>Related</h2><ul>
<li><a href="/2021/11/02/cop26">What COP26 means for the region</a></li>
<li><a href="/2022/06/14/markets">Markets brace for a long summer</a></li></ul></section>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form>
<textarea name="comment"></textarea><button>Post Comment</button></form></div>
</main></div>
<footer class="site-footer"><p>© {published[:4]} {outlet}. Proudly powered by WordPress.</p>
</footer><script src="/wp-includes/js/wp-emoji-release.min.js"></script></body></html>"""


HOME = story("Home", [
    "Latest: Parliament passes the supplementary budget. Sport: Harambee Stars draw in Cairo.",
    "Business: Shilling steady against the dollar. Weather: more dry days ahead.",
], outlet="The Standard", published="2024-04-30")

PERSIAN = """<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>آمادگی ایران برای ارسال کمک به سومالی | ایرنا</title></head><body>
<nav><a href="/">صفحه اصلی</a> <a href="/fa/politics">سیاسی</a> <a href="/fa/world">بین‌الملل</a></nav>
<article><h1>آمادگی ایران برای ارسال کمک‌های بشردوستانه به سومالی</h1>
<p>ناصر کنعانی، سخنگوی وزارت امور خارجه، روز دوشنبه گفت که ایران آماده است کمک‌های
بشردوستانه به مردم سومالی ارسال کند.</p>
<p>وی افزود که جمهوری اسلامی ایران همواره در شرایط بحران در کنار ملت‌های مسلمان بوده است و
هلال احمر برای ارسال محموله‌های غذایی و دارویی اعلام آمادگی کرده است.</p>
</article><footer>تمامی حقوق این سایت محفوظ است.</footer></body></html>"""

ACCESS_DENIED = """<HTML><HEAD>
<TITLE>Access Denied</TITLE>
</HEAD><BODY>
<H1>Access Denied</H1>
You don't have permission to access "http&#58;&#47;&#47;interfax&#46;example&#47;business&#47;"
on this server.<P>
Reference&#32;&#35;18&#46;5f3c1702&#46;1714530000&#46;2a9e1b
</BODY>
</HTML>"""

NOT_FOUND = """<!DOCTYPE html><html><head><title>Page not found – {outlet}</title></head><body>
<h1>Oops! That page can’t be found.</h1><p>It looks like nothing was found at this location.
Maybe try a search?</p><form><input name="s"></form></body></html>"""


def pdf_source() -> bytes:
    """A UNICEF-style nutrition update as a real PDF."""
    return pdf_pages([(
        "Horn of Africa nutrition update, February 2023. Severe acute malnutrition admissions "
        "in drought-affected areas of Ethiopia, Kenya and Somalia are 30 per cent higher than "
        "a year ago. Mohamed Fall, UNICEF Regional Director for Eastern and Southern Africa, "
        "said: \"One child is admitted for treatment for severe acute malnutrition every minute "
        "in the Horn of Africa.\" UNICEF has appealed for 759 million US dollars.")])


# -- documents ---------------------------------------------------------------------------

BRIEF_PARAGRAPHS = [
    "Horn of Africa Drought: Situation Brief No. 7",
    "Regional Humanitarian Forum, 14 March 2023",
    "",
    "The drought across Somalia, Ethiopia and Kenya is the longest on record. WFP's country "
    "director in Somalia, Laurent Bukera, said that “millions of people are one step away from "
    "famine and we are running out of time.”1",
    "In January the UN's humanitarian chief, Martin Griffiths, warned that “famine is knocking "
    "on the door in Baidoa and Burhakaba.”2 Aid workers now describe the situation in the "
    "south as “pre-famine”.",
    "Pastoralists have lost most of their herds. Fatuma Abdi, a herder near Dollo Ado, said "
    "that “we have lost eighty of our hundred goats since the rains stopped.”3",
    "Somalia's minister for humanitarian affairs, Khadija Diriye, said that “the rains have "
    "failed for a sixth consecutive season.”4",
    "Kenya's president, William Ruto, said that “drought is now a permanent feature of our "
    "national life and we must plan for it.”5",
    "Ethiopia's disaster risk commissioner, Mitiku Kassa, said that “more than eleven million "
    "people need food assistance in the lowlands.”6 UNICEF's regional director, Mohamed Fall, "
    "said that “one child is admitted for treatment for severe acute malnutrition every "
    "minute.”7",
    "",
    "Notes",
    "1 WFP, 20 February 2023, {h2}/2023/02/20/wfp-somalia",
    "2 UN News, {h3}/news/somalia-famine-warning",
    "3 {h4}/stories/dollo-ado-herders",
    "4 Hiiraan Online, 1 March 2023, {h2}/2023/03/01/diriye-rains",
    "5 {h5}/speeches/ruto-drought; also {h6}/2023/02/ruto-drought-address",
    "6 Addis Standard, {h7}/news/ethiopia-lowlands-food",
    "7 UNICEF, {h8}/documents/horn-nutrition-2023.pdf",
]


def brief_pdf(hosts: dict[str, str]) -> bytes:
    """The situation brief as a PDF: embedded font (curly quotes), a running header, endnote
    numbers glued to the closing quotation marks, a dated PDF info dictionary."""
    from fpdf import FPDF

    class Brief(FPDF):
        def header(self) -> None:
            self.set_font("Body", size=8)
            self.cell(0, 5, "Regional Humanitarian Forum  |  Situation Brief No. 7")
            self.ln(8)

    pdf = Brief()
    pdf.set_creation_date(datetime(2023, 3, 14, 10, 0, tzinfo=UTC))
    pdf.add_font("Body", fname=DEJAVU)
    pdf.add_page()
    pdf.set_font("Body", size=10)
    for para in BRIEF_PARAGRAPHS:
        pdf.multi_cell(0, 5, para.format(**hosts) if para else " ")
        pdf.ln(2)
    return bytes(pdf.output())


ARTICLE_PATH = "/analysis/2023/04/horn-drought-aid"

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>The Horn of Africa's forgotten drought | Horn Review</title>
<meta property="article:published_time" content="2023-04-02T06:00:00Z">
</head><body>
<header><a href="/">Horn Review</a> <nav><a href="/news">News</a> <a href="/analysis">Analysis</a>
<a href="/about">About us</a></nav></header>
<main><article>
<h1>The Horn of Africa's forgotten drought</h1>
<p class="byline">By Amina Yusuf · April 2, 2023</p>
<p>Aid agencies say the response is still underfunded. OCHA's head of office in Ethiopia,
Ramiz Alakbarov, said that “less than a third of the appeal has been funded so far”
(<a href="{h11}/news/ethiopia-appeal">OCHA</a>).</p>
<p>Kenya Red Cross secretary general Ahmed Idris told
<a href="{h12}/2023/03/10/red-cross-kenya">The Standard</a> that “families are walking for days
to reach our distribution points.”</p>
<p>Iran's foreign ministry spokesman, Nasser Kanaani, said that “Iran is ready to send
humanitarian aid to the people of Somalia” (<a href="{h13}/fa/news/85071234">IRNA</a>).</p>
<p>Somalia's president, Hassan Sheikh Mohamud, promised that “Somalia will never again face
famine” (<a href="{h18}/2023/03/president-address">speech</a>).</p>
<p>According to <a href="{h19}/data/ipc-somalia-2023">IPC data</a>, 6.5 million Somalis face
crisis levels of hunger or worse.</p>
<p>Officials in Mogadishu describe the new camps as “temporary settlements”, though many
families have lived there for two years.</p>
</article>
<aside><h2>More from Horn Review</h2><ul><li><a href="/analysis/2023/03/sudan-talks">Sudan's
stalled talks</a></li></ul></aside></main>
<footer><a href="/privacy">Privacy</a> · <a href="/contact">Contact</a></footer>
</body></html>"""

NOTES_MD = """---
title: Europe's gas dilemma
date: 2022-03-10
---

# Europe's gas dilemma

UNHCR chief Filippo Grandi said that “this is the fastest-growing refugee crisis in Europe
since the Second World War” (Reuters, March 3, 2022).

Gazprom spokesman Sergei Kupriyanov said that “gas transit through Ukraine continues in line
with requests from European consumers” ([Interfax]({h14}/business/gazprom-transit)).

Germany's economy minister Robert Habeck warned that “we are not yet independent of Russian gas
and we cannot switch it off overnight” ([Energy Monitor]({h15}/news/europe-gas-dependence)).

Commission President Ursula von der Leyen said: “We must become independent from Russian oil,
gas and coal … we simply cannot rely on a supplier who explicitly threatens us.”
([statement]({h16}/presscorner/statement-22-1631))

Polish Prime Minister Mateusz Morawiecki said that “Europe must stop financing Putin's war
machine” ([PAP]({h20}/en/news/morawiecki-gas)).

Flows through the main pipelines have been stable, according to the
[ENTSOG transparency platform]({h21}/transparency/flows).

Some economists now call gas the “new currency of coercion”.
"""

# The second run's version: one paragraph added, quoting the statement already cited.
NOTES_ADDED = """
Von der Leyen added that “Europe will be free of Russian gas by the end of the year”
([statement]({h16}/presscorner/statement-22-1631)).
"""

DIGEST_TXT = """Weekly energy digest
20 June 2023

Gas. EU energy commissioner Kadri Simson said that “Europe has cut its imports of Russian
pipeline gas by eighty percent” (see {h15}/news/europe-gas-dependence).

Outlook. IEA executive director Fatih Birol said that “the global energy crisis is
accelerating the deployment of clean energy” (see {h17}/news/world-energy-outlook).

Norway. Equinor said in a statement that “gas production at Troll will reach a new record
this year” ({h22}/news/troll-record).

Italy. Eni's chief executive, Claudio Descalzi, said that “Africa can replace a large share of
the Russian gas Europe used to import” ({h23}/2023/06/eni-africa).
"""


def serve(web: FixtureWeb, wayback: FakeWayback) -> dict[str, str]:
    """Serve every source; returns the host bases used to fill the documents."""
    h = {f"h{i}": web.base(i) for i in range(2, 24)}
    u = lambda key, path: h[key] + path  # noqa: E731
    _serve_brief_sources(web, wayback, u)
    _serve_article_sources(web, h)
    _serve_gas_sources(web, wayback, u)
    return h


def _serve_brief_sources(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    web.page("/2023/02/20/wfp-somalia", story("WFP: Somalia is running out of time", [
        "“Millions of people are one step away from famine and we are running out of time,” "
        "Laurent Bukera, WFP's country director in Somalia, said on Monday.",
        "WFP reached 4.7 million people with food and cash in January.",
    ], outlet="WFP", published="2023-02-20"), host=2)
    dead = NOT_FOUND.format(outlet="UN News")
    web.page("/news/somalia-famine-warning", dead, host=3, status=404)
    wayback.capture(u("h3", "/news/somalia-famine-warning"), "20221205093000", story(
        "Aid agencies warn of worsening drought in Somalia", [
            "Aid agencies said the fifth failed rainy season had pushed families to the edge.",
        ], outlet="UN News", published="2022-12-05"))
    wayback.capture(u("h3", "/news/somalia-famine-warning"), "20230112140000", story(
        "Griffiths: famine is knocking on the door", [
            "Martin Griffiths, the UN's humanitarian chief, warned that famine is knocking on "
            "the door in Baidoa and Burhakaba, two districts in Bay region.",
        ], outlet="UN News", published="2023-01-12"))
    wayback.capture(u("h3", "/news/somalia-famine-warning"), "20230905110000", story(
        "Famine averted in Somalia for now, UN says", [
            "A scaled-up response and better rains have averted famine for now, the UN said, "
            "warning that the crisis is far from over.",
        ], outlet="UN News", published="2023-09-05"))
    herders = story("The herders of Dollo Ado", [
        "Fatuma Abdi, a herder near Dollo Ado, said: “We have lost eighty of our hundred goats "
        "since the rains stopped.” Her family now depends on food aid.",
    ], outlet="Ethiopia Insight", published="2023-02-18")
    web.page("/stories/dollo-ado-herders", herders.replace(
        "We have lost eighty of our hundred goats", "We have lost most of our goats").replace(
        "Her family now", "Correction: an earlier version misquoted the herd size. Her family "
        "now"), host=4)
    wayback.capture(u("h4", "/stories/dollo-ado-herders"), "20230220070000", herders)
    web.page("/2023/03/01/diriye-rains", story("Minister: rains have failed again", [
        "Khadija Diriye, the minister for humanitarian affairs, said the rains have failed for "
        "a fifth consecutive season, and appealed for more funding.",
    ], outlet="Hiiraan Online", published="2023-03-01"), host=2)
    web.page("/speeches/ruto-drought", NOT_FOUND.format(outlet="Kenya State House"), host=5,
             status=404)
    web.page("/2023/02/ruto-drought-address", story("Ruto: drought here to stay", [
        "“Drought is now a permanent feature of our national life and we must plan for it,” "
        "President William Ruto said in Nairobi.",
    ], outlet="Daily Nation", published="2023-02-16"), host=6)
    web.page("/news/ethiopia-lowlands-food", story("Millions need food aid in the lowlands", [
        "“More than eleven million people,” said Mitiku Kassa, the commissioner, “need food "
        "assistance in the lowlands.”",
    ], outlet="Addis Standard", published="2023-03-02"), host=7)
    web.page("/documents/horn-nutrition-2023.pdf", pdf_source(), host=8,
             content_type="application/pdf")


def _serve_article_sources(web: FixtureWeb, h: dict[str, str]) -> None:
    web.page(ARTICLE_PATH, ARTICLE.format(**h), host=10)
    web.redirect("/news/ethiopia-appeal", h["h11"] + "/en/news/2023/03/ethiopia-appeal-underfunded",
                 host=11)
    web.page("/en/news/2023/03/ethiopia-appeal-underfunded", story(
        "Ethiopia appeal underfunded", [
            "“Less than a third of the appeal has been funded so far,” said Ramiz Alakbarov, "
            "OCHA's head of office in Ethiopia.",
        ], outlet="OCHA", published="2023-03-20"), host=11)
    web.redirect("/2023/03/10/red-cross-kenya", h["h12"] + "/", status=302, host=12)
    web.page("/", HOME, host=12)
    web.page("/fa/news/85071234", PERSIAN, host=13)
    web.page("/2023/03/president-address", story("President addresses parliament", [
        "President Hassan Sheikh Mohamud thanked international partners and said the "
        "government would prioritise the fight against al-Shabaab, adding that recovery from "
        "the drought would take years.",
    ], outlet="Villa Somalia", published="2023-03-25"), host=18)
    web.page("/data/ipc-somalia-2023", story("IPC Somalia acute food insecurity analysis", [
        "6.5 million people in Somalia face Crisis (IPC Phase 3) or worse outcomes.",
    ], outlet="IPC", published="2023-02-28"), host=19)


RED_CROSS_FIXED = story("Kenya Red Cross: families walk for days", [
    "Kenya Red Cross secretary general Ahmed Idris said that families are walking for days to "
    "reach our distribution points, and that water trucking had doubled.",
], outlet="The Standard", published="2023-03-10")


def _serve_gas_sources(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    web.page("/business/gazprom-transit", ACCESS_DENIED, host=14, status=403)
    wayback.capture(u("h14", "/business/gazprom-transit"), "20220305120000", story(
        "Gazprom says transit via Ukraine continues", [
            "Gas transit through Ukraine continues in line with requests from European "
            "consumers, Gazprom spokesman Sergei Kupriyanov told reporters.",
        ], outlet="Interfax", published="2022-03-05"))
    gas = "/news/europe-gas-dependence"
    web.page(gas, NOT_FOUND.format(outlet="Energy Monitor"), host=15, status=404)
    wayback.capture(u("h15", gas), "20220308160000", story("Europe's gas dependence", [
        "Germany's economy minister Robert Habeck warned that we are not yet independent of "
        "Russian gas and we cannot switch it off overnight.",
    ], outlet="Energy Monitor", published="2022-03-08"))
    wayback.capture(u("h15", gas), "20230601090000", story(
        "Europe's gas dependence: a year on", [
            "Updated June 2023. EU energy commissioner Kadri Simson said that Europe has cut "
            "its imports of Russian pipeline gas by eighty percent since the invasion.",
        ], outlet="Energy Monitor", published="2023-06-01"))
    wayback.capture(u("h15", gas), "20240115100000", story("Article archived", [
        "This article is no longer available. Browse our energy coverage for more.",
    ], outlet="Energy Monitor", published="2024-01-15"))
    web.page("/presscorner/statement-22-1631", story("Statement by President von der Leyen", [
        "We must become independent from Russian oil, gas and coal. We are going to do it. "
        "We simply cannot rely on a supplier who explicitly threatens us.",
        "Let me be clear: the era of cheap Russian energy is over.",
    ], outlet="European Commission", published="2022-03-08"), host=16)
    web.page("/news/world-energy-outlook", story("World Energy Outlook", [
        "Fatih Birol, the IEA executive director, said that the global energy crisis is "
        "accelerating the deployment of clean energy.",
    ], outlet="IEA", published="2023-06-12"), host=17)
    web.page("/en/news/morawiecki-gas", story("Morawiecki: stop financing Russia", [
        "“Europe must stop financing Putin’s war machine,” Prime Minister Mateusz Morawiecki "
        "said in Warsaw.",
    ], outlet="PAP", published="2022-03-07"), host=20)
    web.page("/transparency/flows", "<title>503 Service Unavailable</title>", host=21,
             status=503, headers={"Retry-After": "0"})
    web.page("/news/troll-record", story("Troll to reach record output", [
        "Equinor said in a statement that gas production at Troll will reach a new record this "
        "year, after the field's capacity was raised.",
    ], outlet="Equinor", published="2023-06-05"), host=22)
    web.page("/2023/06/eni-africa", story("Descalzi: Africa can replace Russian gas", [
        "Eni's chief executive, Claudio Descalzi, said that Africa can replace a large share "
        "of the Russian gas Europe used to import.",
    ], outlet="Energy Voice", published="2023-06-15"), host=23)


# -- expected export, written before the first run -------------------------------------

ARTICLE_DOC = "h10" + ARTICLE_PATH  # the URL document; its name is its URL


QUOTES = [
    Q("brief.pdf", "one step away from famine", "verified", "Laurent Bukera",
      "h2/2023/02/20/wfp-somalia"),
    Q("brief.pdf", "famine is knocking", "verified_archive", "Martin Griffiths",
      "h3/news/somalia-famine-warning"),
    Q("brief.pdf", "eighty of our hundred goats", "verified_archive", "Fatuma Abdi",
      "h4/stories/dollo-ado-herders"),
    Q("brief.pdf", "sixth consecutive season", "partial", "Khadija Diriye",
      "h2/2023/03/01/diriye-rains"),
    Q("brief.pdf", "permanent feature of our national life", "verified", "William Ruto",
      "h6/2023/02/ruto-drought-address"),
    Q("brief.pdf", "more than eleven million", "verified", "Mitiku Kassa",
      "h7/news/ethiopia-lowlands-food"),
    Q("brief.pdf", "one child is admitted", "verified", "Mohamed Fall",
      "h8/documents/horn-nutrition-2023.pdf"),
    Q(ARTICLE_DOC, "less than a third of the appeal", "verified", "Ramiz Alakbarov",
      "h11/news/ethiopia-appeal"),
    Q(ARTICLE_DOC, "walking for days", "source_unavailable", "Ahmed Idris",
      "h12/2023/03/10/red-cross-kenya"),
    Q(ARTICLE_DOC, "ready to send humanitarian aid", "cross_language", "Nasser Kanaani",
      "h13/fa/news/85071234"),
    Q(ARTICLE_DOC, "never again face famine", "not_found", "Hassan Sheikh Mohamud",
      "h18/2023/03/president-address"),
    Q("notes.md", "fastest-growing refugee crisis", "unsourced", "Filippo Grandi", None),
    Q("notes.md", "gas transit through Ukraine", "verified_archive", "Sergei Kupriyanov",
      "h14/business/gazprom-transit"),
    Q("notes.md", "not yet independent of Russian gas", "verified_archive", "Robert Habeck",
      "h15/news/europe-gas-dependence"),
    Q("notes.md", "independent from Russian oil", "verified", "Ursula von der Leyen",
      "h16/presscorner/statement-22-1631"),
    Q("notes.md", "stop financing Putin", "verified", "Mateusz Morawiecki",
      "h20/en/news/morawiecki-gas"),
    Q("digest.txt", "cut its imports of Russian", "verified_archive", "Kadri Simson",
      "h15/news/europe-gas-dependence"),
    Q("digest.txt", "accelerating the deployment", "verified", "Fatih Birol",
      "h17/news/world-energy-outlook"),
    Q("digest.txt", "production at Troll", "verified", "Equinor", "h22/news/troll-record"),
    Q("digest.txt", "Africa can replace", "verified", "Claudio Descalzi",
      "h23/2023/06/eni-africa"),
]

# The Wayback capture each archived verdict must rest on: the one nearest before the date
# the document cited the page (the same dead URL cited a year apart rests on two captures).
SNAPSHOTS = [
    ("brief.pdf", "famine is knocking", "20230112140000"),
    ("brief.pdf", "eighty of our hundred goats", "20230220070000"),
    ("notes.md", "gas transit through Ukraine", "20220305120000"),
    ("notes.md", "not yet independent of Russian gas", "20220308160000"),
    ("digest.txt", "cut its imports of Russian", "20230601090000"),
]

# scare quotes and labels: not quotations at all
NOT_QUOTES = [("brief.pdf", "pre-famine"), (ARTICLE_DOC, "temporary settlements"),
              ("notes.md", "new currency of coercion")]

LINKS = [
    ("brief.pdf", "h2/2023/02/20/wfp-somalia", "ok"),
    ("brief.pdf", "h3/news/somalia-famine-warning", "dead"),
    ("brief.pdf", "h4/stories/dollo-ado-herders", "ok"),
    ("brief.pdf", "h2/2023/03/01/diriye-rains", "ok"),
    ("brief.pdf", "h5/speeches/ruto-drought", "dead"),
    ("brief.pdf", "h6/2023/02/ruto-drought-address", "ok"),
    ("brief.pdf", "h7/news/ethiopia-lowlands-food", "ok"),
    ("brief.pdf", "h8/documents/horn-nutrition-2023.pdf", "ok"),
    (ARTICLE_DOC, "h11/news/ethiopia-appeal", "redirected"),
    (ARTICLE_DOC, "h12/2023/03/10/red-cross-kenya", "soft_404"),
    (ARTICLE_DOC, "h13/fa/news/85071234", "ok"),
    (ARTICLE_DOC, "h18/2023/03/president-address", "ok"),
    (ARTICLE_DOC, "h19/data/ipc-somalia-2023", "ok"),
    ("notes.md", "h14/business/gazprom-transit", "blocked"),
    ("notes.md", "h15/news/europe-gas-dependence", "dead"),
    ("notes.md", "h16/presscorner/statement-22-1631", "ok"),
    ("notes.md", "h20/en/news/morawiecki-gas", "ok"),
    ("notes.md", "h21/transparency/flows", "error"),
    ("digest.txt", "h15/news/europe-gas-dependence", "dead"),
    ("digest.txt", "h17/news/world-energy-outlook", "ok"),
    ("digest.txt", "h22/news/troll-record", "ok"),
    ("digest.txt", "h23/2023/06/eni-africa", "ok"),
]

# The article given as a URL: its citations are the links of its story, not its menus.
ARTICLE_CITATIONS = {"h11/news/ethiopia-appeal", "h12/2023/03/10/red-cross-kenya",
                     "h13/fa/news/85071234", "h18/2023/03/president-address",
                     "h19/data/ipc-somalia-2023"}

# Second run, twelve hours later: the Standard's page is back (its quote and link recover),
# notes.md gained a quote its cited statement does not contain (newly failing).
SECOND_QUOTES = [
    (ARTICLE_DOC, "walking for days", "verified"),
    ("notes.md", "free of Russian gas by the end of the year", "not_found"),
    ("notes.md", "not yet independent of Russian gas", "verified_archive"),
    ("digest.txt", "cut its imports of Russian", "verified_archive"),
    ("brief.pdf", "sixth consecutive season", "partial"),
]
SECOND_LINKS = [(ARTICLE_DOC, "h12/2023/03/10/red-cross-kenya", "ok")]
SECOND_CHANGES = {"newly_failing_quotes": ["free of Russian gas by the end of the year"],
                  "recovered_quotes": ["walking for days"],
                  "newly_failing_links": [],
                  "recovered_links": ["h12/2023/03/10/red-cross-kenya"]}
STATUS_LINE = "changed: newly failing quotes 1, recovered quotes 1, recovered links 1"
# Quotes checked again in the second run: those failing after the first, and the new one.
RECHECKED = {"sixth consecutive season", "walking for days", "never again face famine",
             "free of Russian gas by the end of the year"}
# Healthy pages whose quotes did not fail: not requested again inside their interval (the
# statement's new quote is matched against the copy kept in the first run).
NOT_REFETCHED = ["h2/2023/02/20/wfp-somalia", "h4/stories/dollo-ado-herders",
                 "h6/2023/02/ruto-drought-address", "h7/news/ethiopia-lowlands-food",
                 "h8/documents/horn-nutrition-2023.pdf", "h11/news/ethiopia-appeal",
                 "h13/fa/news/85071234", "h16/presscorner/statement-22-1631",
                 "h17/news/world-energy-outlook", "h19/data/ipc-somalia-2023",
                 "h20/en/news/morawiecki-gas", "h22/news/troll-record",
                 "h23/2023/06/eni-africa"]
# Failing links and the pages of failing quotes: fetched afresh.
REFETCHED = ["h12/2023/03/10/red-cross-kenya", "h2/2023/03/01/diriye-rains",
             "h18/2023/03/president-address", "h3/news/somalia-famine-warning",
             "h14/business/gazprom-transit", "h15/news/europe-gas-dependence",
             "h5/speeches/ruto-drought", "h21/transparency/flows"]

# Cases that failed on the first run, each with its reason (see the commit history).
# The first run's one miss ("Hassan Sheikh Mohamud" read as "Mohamud": 'Sheikh' taken for a
# title) is fixed: a title word that is also a name, after given names, stays in the name.
XFAIL: dict[str, str] = {}


# -- the runs ----------------------------------------------------------------------------


def _second_run(out: TwoRuns, c: Corpus) -> None:
    c.web.page("/2023/03/10/red-cross-kenya", RED_CROSS_FIXED, host=12)
    notes = c.docs / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + NOTES_ADDED.format(**out.hosts),
                     encoding="utf-8")
    second_run(out, c, [str(c.docs), out.url(ARTICLE_DOC) or ""],
               lambda: T0 + timedelta(hours=12))


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoRuns]:
    root = tmp_path_factory.mktemp("e2e2")

    def documents(hosts: dict[str, str]) -> dict[str, str | bytes]:
        return {"brief.pdf": brief_pdf(hosts), "notes.md": NOTES_MD.format(**hosts),
                "digest.txt": DIGEST_TXT.format(**hosts)}

    with served_corpus(root, serve, documents) as c:
        out = first_run(c, [str(c.docs), c.hosts["h10"] + ARTICLE_PATH], lambda: T0)
        _second_run(out, c)
        yield out


# -- the cases ---------------------------------------------------------------------------


_param = functools.partial(case, xfail=XFAIL)  # a case of this set, its XFAIL marks applied


def _cases() -> Iterator[Any]:
    yield from export_cases(QUOTES, [], [], XFAIL)
    yield from archive_cases(SNAPSHOTS, (), XFAIL)
    yield _param("live_had_quote", "brief.pdf", "eighty of our hundred goats", "", False,
                 "brief.pdf:eighty of our hundred goats:live_had_quote")
    yield _param("diff", "brief.pdf", "sixth consecutive season", "", ["sixth", "fifth"],
                 "brief.pdf:sixth consecutive season:diff")
    yield _param("named_source", "notes.md", "fastest-growing refugee crisis", "", "Reuters",
                 "notes.md:fastest-growing refugee crisis:named_source")
    yield _param("both_checked", "brief.pdf", "permanent feature of our national life", "",
                 {"h5/speeches/ruto-drought": "source_unavailable",
                  "h6/2023/02/ruto-drought-address": "verified"},
                 "brief.pdf:permanent feature:both URLs checked")
    yield from export_cases([], NOT_QUOTES, LINKS, XFAIL)
    yield _param("article_citations", ARTICLE_DOC, "", "", ARTICLE_CITATIONS,
                 "article URL:citations are its story's links")


def _second_cases() -> Iterator[Any]:
    yield from second_cases(SECOND_QUOTES, SECOND_LINKS, SECOND_CHANGES, XFAIL, exit_status=1,
                            status_line=STATUS_LINE)
    yield _param("rechecked", "", "", "", RECHECKED, "run2:quotes checked again")
    for ref in NOT_REFETCHED:
        yield _param("not_requested", "", ref, "", None, f"run2:{ref}:not requested")
    for ref in REFETCHED:
        yield _param("requested", "", ref, "", None, f"run2:{ref}:requested")


def _check_own(outcome: TwoRuns, kind: str, doc: str, key: str, expected: Any) -> None:
    """The cases of kinds only this set has."""
    if kind == "article_citations":
        found = {outcome.ref(c["normalized_url"]) or c["normalized_url"]
                 for c in outcome.data["citations"] if c["document"] == outcome.doc(doc)}
        assert found == expected
        return
    if kind in ("live_had_quote", "diff"):
        best = [c for c in outcome.quote_checks(doc, key) if c["best"]]
        assert len(best) == 1, best
        if kind == "live_had_quote":
            assert best[0]["live_had_quote"] is not None
            assert bool(best[0]["live_had_quote"]) is expected
        else:
            assert all(word in (best[0]["diff"] or "") for word in expected), best[0]
        return
    if kind == "rechecked":
        checked = [c["text"] for c in outcome.checks2]
        found = {k for k in expected if any(k in t for t in checked)}
        assert found == expected and len(checked) == len(expected), checked
        return
    requested = {ref for _, ref in outcome.fetched2}
    if kind == "not_requested":
        assert key not in requested, sorted(requested)
    else:
        assert key in requested, sorted(requested)


@pytest.mark.timeout(180)
@pytest.mark.parametrize(("kind", "doc", "key", "field_name", "expected"),
                         list(_cases()) + list(_second_cases()))
def test_expected_export(outcome: TwoRuns, kind: str, doc: str, key: str, field_name: str,
                         expected: Any) -> None:
    if not outcome.check(kind, doc, key, field_name, expected):
        _check_own(outcome, kind, doc, key, expected)
