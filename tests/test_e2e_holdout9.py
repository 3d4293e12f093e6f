"""Held-out end to end, ninth set: documents of kinds the first eight sets covered least, in two
batches, each written before its own first run.

The first batch: a fact-check exported to PDF by LibreOffice Writer (tests/documents/
writer_cholera_factcheck.fodt and its .pdf, committed; its addresses are fixed, so the fixture
web serves this batch on a fixed port) with hyperlinked words and footnotes, citing a PDF behind
an address without '.pdf', a page moved to a new slug (301), a DOI resolver's redirect to the
publisher's page (parentheses in the DOI), a page that now answers 404 but was captured, a page
changed since the citation's access date, an Arabic page quoted in English; a Markdown
fact-check citing a YouTube video, a post on X with its Wayback capture cited beside it, a
Facebook post and a Google Docs link (login walls and pages that need JavaScript: blocked,
never dead) and a deleted story cited only by its Wayback capture; a researcher's plain-text
notes quoting Russian, Chinese and Arabic sources in their own languages and in translation,
one source served as text/plain, one site that rate-limits (429 with Retry-After) and one that
is slow; an HTML claim tracker whose table gives speaker, statement and source in columns.
Then a second run a week later: a page edited to change one word of a quotation, a dead link
back, a page turned into a soft 404 (an Arabic 'page not found' answered with 200).

Every expected value below was written by hand, as a careful fact-checker would judge it,
before the pipeline was run on it; each expected field is its own test case so the score is
countable.

First run: 113 of 140 expected fields right. The misses, each fixed by a general rule since
(tests/test_e2e9_rules.py):
- the X post's page ('JavaScript is not available.' in <noscript>, nothing else) was 'ok'
  (2 fields): a page that shows nothing without its script, says so in <noscript> and
  describes none of its content in its metadata is blocked;
- the YouTube video's quotation, in its description only, was not_found (1 field): a page
  showing no prose of its own is read with the description it gives of itself (og:, twitter:
  or meta description), as link previews show it;
- the Writer PDF was dated by its export (its info's CreationDate), not its byline (1 field):
  a date on a short line among a document's opening lines (a byline, a cover) is when it was
  written, and wins over a later PDF info date;
- the notes' sources on a line of their own under a label ('Transcript (plain text): <…>',
  'Xinhua (Chinese): <…> (slow to load)') or after a translator's '[tr.]' were not read, and
  '“中方始终致力于劝和促谈”' was no quotation (a run of Chinese is one regex word), while '"too
  many requests"' in a parenthetical aside was one (13 fields, the second run's included): a
  labelled address filling the rest of the quotation's paragraph, or the short paragraph under
  it, is its source, past an editor's mark; a run of unspaced script counts a word for every
  two letters; a quotation of up to four words inside an aside, neither opening nor closing
  it, is mentioned, not quoted;
- the Google Doc quotation cited nothing (3 fields): the next sentence saying the thing quoted
  was published ('The newspaper published it as a [Google Doc](…)') points at its source;
- the claim tracker's speakers were 'Newsmaker False' (3 fields): a run of capitals across two
  table cells is no name, and a row's person wins over a body (the 'Where' column's outlet);
- the tracker's 'Send us a tip' link was cited (1 field): a desk's call to its readers is
  housekeeping, like 'Subscribe'.
One expectation was my own mistake, changed after the first run: a quote whose only source
could not be read (source_unavailable) was checked against no copy at all, not 'live' (2
fields). 140 of 140 after the fixes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from e2e_support import (
    DEJAVU,
    Corpus,
    DatedRuns,
    Q,
    archive_cases,
    case,
    check_document,
    dated_first_run,
    export_cases,
    listed_cases,
    pdf_pages,
    second_cases,
    second_run,
    served_corpus,
)
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply

T0 = datetime(2024, 10, 28, 5, 0, tzinfo=UTC)
# The Writer PDF's addresses name this port (127.0.0.61-67); outside Linux's ephemeral range, so
# no other test's server takes it.
PORT = 28519
WAYBACK = "https://web.archive.org/web/"

# -- pages -------------------------------------------------------------------------------


def story(headline: str, text: str, *, site: str, day: str, lang: str = "en",
          direction: str = "ltr") -> str:
    """A news or institutional page: a cookie notice, a menu, the story, related links."""
    paras = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">
<title>{headline} - {site}</title>
<meta name="description" content="{headline}">
<meta property="article:published_time" content="{day}T07:30:00Z"></head>
<body><div class="cookie-notice">We use cookies to improve your experience.
<button>OK</button></div>
<header><a class="logo" href="/">{site}</a><nav><ul><li><a href="/news">News</a></li>
<li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<main><article><h1>{headline}</h1><p class="date">{day}</p>
{paras}</article>
<aside><h2>Related</h2><ul><li><a href="/news/1">More from {site}</a></li></ul></aside></main>
<footer>© {site}</footer></body></html>"""


GONE = ("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Page not found"
        "</h1><p>The page you requested could not be found.</p></body></html>")

# -- A: the fact-check exported by Writer ---------------------------------------------------

FC = "writer_cholera_factcheck.pdf"
DOCUMENTS = Path(__file__).parent / "documents"

SITREP_TEXT = (
    "Sudan: cholera situation report no. 12\n\n30 September 2024\n\n"
    "Highlights\n\nThe outbreak has spread to eleven states. Dr Shible Sahbani, WHO "
    "Representative in Sudan, said: \u201cMore than 11,000 cases have been reported since "
    "July, and the true number is certainly higher.\u201d\n\nOral cholera vaccination campaigns "
    "are under way in Kassala and Gedaref.")

MSF_JUNE = ("Claudia Lodesani, MSF emergency coordinator, said: \u201cOur teams treated more "
            "patients in one week than in all of June.\u201d")
GEDAREF = ("Governor Mohamed Abdelrahman Mahjoub said on Tuesday that no new cases have been "
           "recorded in Gedaref city for ten days.")
DOSES = ("Ministry spokesman Ahmed Al-Amin said the ministry has distributed 400,000 doses of "
         "oral cholera vaccine in Kassala and Gedaref.")
DOSES_LATER = ("The ministry has distributed 1.2 million doses of oral cholera vaccine, its "
               "spokesman said on 18 September.")


def _serve_factcheck(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    web.page("/ar/news/2024/08/12/cholera-kassala", story(
        "وزير الصحة: الكوليرا تحت السيطرة في كسلا", "قال وزير الصحة السوداني هيثم محمد إبراهيم "
        "إن تفشي الكوليرا تحت السيطرة في ولاية كسلا، مؤكداً وصول الإمدادات الطبية.",
        site="الجزيرة نت", day="2024-08-12", lang="ar", direction="rtl"), host=61)
    web.page("/publications/i/item/sudan-cholera-sitrep-12",
             pdf_pages([SITREP_TEXT], font=DEJAVU), host=62, content_type="application/pdf")
    web.redirect("/en/latest/sudan-cholera-kassala",
                 u("h63", "/en/latest/sudan-cholera-outbreak-kassala-patients"), host=63)
    web.page("/en/latest/sudan-cholera-outbreak-kassala-patients", msf_page(MSF_JUNE), host=63)
    web.redirect("/10.1016/S2214-109X(24)00312-7", u("h65", LANCET), status=302, host=64)
    web.page(LANCET, story(
        "Oral cholera vaccination in displacement camps", "Findings\n\nIn the camps we "
        "modelled, vaccination coverage below 60 percent did not stop transmission, whatever "
        "the water supply.\n\nInterpretation\n\nCampaigns should aim for full coverage.",
        site="The Lancet Global Health", day="2023-09-01"), host=65)
    gedaref = u("h66", "/en/news/gedaref-no-new-cases")
    wayback.capture(gedaref, "20240821063000", gedaref_page())
    wayback.capture(gedaref, "20241001063000", GONE, statuscode=404)
    web.page("/en/news/gedaref-no-new-cases", GONE, host=66, status=404)
    doses = u("h67", "/news/ocv-doses")
    wayback.capture(doses, "20240902120000", doses_page(DOSES))
    wayback.capture(doses, "20240920120000", doses_page(DOSES_LATER))
    web.page("/news/ocv-doses", doses_page(DOSES_LATER), host=67)


LANCET = "/journals/langlo/article/PIIS2214-109X(24)00312-7/fulltext"


def msf_page(said: str) -> str:
    return story("Cholera spreads in Kassala", "Cholera is spreading fast in eastern Sudan.\n\n"
                 + said, site="Médecins Sans Frontières", day="2024-09-04")


def gedaref_page() -> str:
    return story("No new cholera cases in Gedaref city", GEDAREF, site="SUNA", day="2024-08-20")


def doses_page(text: str) -> str:
    return story("Oral cholera vaccine", text, site="Federal Ministry of Health", day="2024-09-02")


# -- B: the Markdown fact-check citing platforms ---------------------------------------------

PL = "moldova_vote_buying_check.md"
TWEET = "/ilanshor/status/1847293046271234567"
FB_POST = "/PartidulSor/posts/pfbid0Zk9vQm3LrT8"
GDOC = "/document/d/1q8Zr0xVbT5Kp2mL9sN4wQe7YdHc3fJuA/edit?usp=sharing"
POLICE = "/en/news/police-vote-buying-scheme"
PLATFORMS_MD = """---
title: "Fact check: what the posts and videos say about vote buying in Moldova"
author: Verification Desk
date: 2024-10-25
---

# Fact check: what the posts and videos say about vote buying in Moldova

Before the referendum on 20 October, claims about paid voters spread on every platform. We
traced five statements back to where they were first made.

## The president's address

President Maia Sandu said in a video address that "criminal groups tried to buy 300,000
votes" ([video]({h2}/watch?v=Xq3bT9kLm2Q)).

## The denials

Ilan Shor wrote on X that "I paid no one and I asked no one to vote" ([post]({h3}""" + TWEET + """),
[archived]({w3}""" + TWEET + """)).

His bloc's deputy leader, Marina Tauber, wrote on Facebook that "every member who joins will
receive 3,000 lei a month" ([Facebook]({h4}""" + FB_POST + """)).

## The evidence

Ziarul de Gardă's editor, Alina Radu, said that the list her reporters obtained names
"130,000 recipients in 34 districts". The newspaper published it as a
[Google Doc]({h5}""" + GDOC + """).

The head of the police, Viorel Cernăuțeanu, said that "the scheme moved money through a
Russian bank" ([Wayback Machine copy]({w6}""" + POLICE + """)); the police have since taken
the statement off their site.

*Corrections: email desk@verification.example.*
"""

YOUTUBE_PAGE = """<!DOCTYPE html><html lang="en" dir="ltr"><head>
<meta charset="utf-8"><title>Maia Sandu: address to the nation after the referendum - YouTube</title>
<meta name="description" content="President Maia Sandu: &quot;Criminal groups tried to buy 300,000 votes.&quot; Full address to the nation, 20 October 2024.">
<meta property="og:title" content="Maia Sandu: address to the nation after the referendum">
<meta property="og:description" content="President Maia Sandu: &quot;Criminal groups tried to buy 300,000 votes.&quot; Full address to the nation, 20 October 2024.">
<meta property="og:type" content="video.other">
<link rel="canonical" href="{canonical}">
<script>var ytcfg={{"INNERTUBE_API_KEY":"AIzaSy","HL":"en"}};</script>
<script>var ytInitialPlayerResponse = {{"videoDetails":{{"videoId":"Xq3bT9kLm2Q","title":"Maia Sandu: address to the nation after the referendum","lengthSeconds":"412","shortDescription":"President Maia Sandu: \\"Criminal groups tried to buy 300,000 votes.\\" Full address to the nation, 20 October 2024.","author":"Președinția Republicii Moldova"}}}};</script>
</head><body><div id="player"></div>
<ytd-app><div id="content"></div></ytd-app>
<noscript>You need to enable JavaScript to run this app.</noscript>
</body></html>"""

X_PAGE = """<!DOCTYPE html><html dir="ltr" lang="en"><head><meta charset="utf-8">
<title>x.com</title></head><body>
<noscript><div><h1>JavaScript is not available.</h1>
<p>We've detected that JavaScript is disabled in this browser. Please enable JavaScript or
switch to a supported browser to continue using x.com. You can see a list of supported browsers
in our Help Center.</p><p><a href="https://help.x.com/using-x/x-supported-browsers">Help
Center</a></p><p><a href="https://x.com/tos">Terms of Service</a> <a href="https://x.com/privacy">
Privacy Policy</a> <a href="https://support.x.com/articles/20170514">Cookie Policy</a> © 2024 X
Corp.</p></div></noscript><div id="react-root"></div></body></html>"""

TWEET_CAPTURE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ilan Shor on X: "I paid no one and I asked no one to vote. The regime is lying." / X</title>
<meta property="og:description" content="I paid no one and I asked no one to vote. The regime is lying.">
</head><body><article><div>Ilan Shor</div><div>@ilanshor</div>
<div lang="en">I paid no one and I asked no one to vote. The regime is lying.</div>
<time datetime="2024-10-19T18:02:00.000Z">6:02 PM · Oct 19, 2024</time>
<div>41.2K Views</div></article></body></html>"""

FB_LOGIN = """<!DOCTYPE html><html lang="en" id="facebook"><head><meta charset="utf-8">
<title>Log in to Facebook</title></head><body>
<div><h2>You must log in to continue.</h2>
<form method="post" action="/login/device-based/regular/login/">
<input type="text" name="email" placeholder="Email address or phone number">
<input type="password" name="pass" placeholder="Password">
<button name="login" type="submit">Log in</button></form>
<a href="/recover/initiate/">Forgotten account?</a>
<a href="/r.php">Create new account</a></div></body></html>"""

GDOC_LOGIN = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Google Docs: Sign-in</title></head><body>
<div><img src="/images/branding/googlelogo.svg" alt="Google"><h1>You need access</h1>
<p>Ask for access, or switch to an account with access.</p>
<form action="/ServiceLogin"><button>Request access</button></form>
<p>You're signed in as nobody. <a href="/ServiceLogin?continue=/document/d/1q8Zr0xVbT5Kp2mL9sN4wQe7YdHc3fJuA/edit">Switch account</a></p>
</div></body></html>"""


def _serve_platforms(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    web.page("/watch", YOUTUBE_PAGE.format(canonical=u("h2", "/watch?v=Xq3bT9kLm2Q")), host=2)
    web.page(TWEET, X_PAGE, host=3)
    wayback.capture(u("h3", TWEET), "20241021093000", TWEET_CAPTURE)
    web.redirect(FB_POST, u("h4", "/login/?next=%2FPartidulSor%2Fposts%2Fpfbid0Zk9vQm3LrT8"),
                 status=302, host=4)
    web.page("/login/", FB_LOGIN, host=4)
    web.page(GDOC.split("?")[0], GDOC_LOGIN, host=5)
    wayback.capture(u("h6", POLICE), "20241003101500", story(
        "Police: vote-buying scheme used a Russian bank", "The head of the General Police "
        "Inspectorate, Viorel Cernăuțeanu, told reporters that the scheme moved money through a "
        "Russian bank to more than 130,000 people.\n\nThe investigation continues.",
        site="General Police Inspectorate", day="2024-10-03"))
    web.page(POLICE, GONE, host=6, status=404)


# -- C: the researcher's notes in several languages --------------------------------------------

NT = "kazan_summit_notes.txt"
NOTES_TXT = """KAZAN SUMMIT EXPLAINER - SOURCE NOTES
R. Haddad, research desk, 24 October 2024

Quotations in Russian, Chinese and Arabic are given as published; English renderings are my
own translations and are marked [tr.]. Check each against the source before publication.

1. Vladimir Putin, closing press conference, 24 October (Russian original):
«Мы никогда не отказывались от переговоров»
Transcript (plain text): {h10}/static/transcripts/2024-10-24-press.txt

2. Dmitry Peskov said that "the summit showed Russia is not isolated" [tr.]
{h11}/politics/20241024/peskov-sammit.html

3. Chinese foreign ministry spokesman Lin Jian said: “中方始终致力于劝和促谈”
{h12}/web/fyrbt/202410/t20241023_11513210.shtml
(the ministry's site often answers "too many requests"; try again after a minute)

4. Wang Yi said that "China and Russia will deepen strategic coordination" [tr.]
Xinhua (Chinese): {h13}/politics/2024-10/23/c_1130212345.htm (slow to load)

5. Arab League Secretary-General Ahmed Aboul Gheit said: «الحل يبدأ بوقف إطلاق النار في غزة»
{h14}/ar/news/aboul-gheit-kazan

6. Egyptian foreign minister Badr Abdelatty said that "Egypt wants to join the New
Development Bank as a full member" [tr.]
{h15}/ar/news/abdelatty-ndb

7. Presidential aide Yuri Ushakov said that "the declaration was agreed by all 36
delegations" - briefing transcript, plain text: {h16}/files/ushakov-briefing-en.txt
"""

PUTIN_TXT = """Press conference following the summit
Kazan, 24 October 2024

В.Путин: Добрый вечер! ... Мы никогда не отказывались от переговоров, и это известно всем.
Вопрос в том, на какой основе они будут вестись.
"""

BRIEFING_TXT = """Briefing by Presidential Aide Yuri Ushakov
Kazan, 23 October 2024

Question: Was the text difficult to agree?

Yuri Ushakov: It took some time, but the declaration was agreed by all 36
delegations, and that in itself is a result.
"""


def _serve_notes(web: FixtureWeb) -> None:
    web.page("/static/transcripts/2024-10-24-press.txt", PUTIN_TXT, host=10,
             content_type="text/plain; charset=utf-8")
    web.page("/politics/20241024/peskov-sammit.html", story(
        "Песков: саммит показал, что Россия не в изоляции", "Пресс-секретарь президента Дмитрий "
        "Песков заявил, что саммит показал: Россия не находится в изоляции.",
        site="РИА Новости", day="2024-10-24", lang="ru"), host=11)
    lin_jian = story("2024年10月23日外交部发言人林剑主持例行记者会", "林剑说：“中方始终致力于劝和促谈，"
                     "愿继续为危机的政治解决发挥建设性作用。”", site="中华人民共和国外交部",
                     day="2024-10-23", lang="zh-CN")
    web.sequence("/web/fyrbt/202410/t20241023_11513210.shtml", [
        Reply(429, "<html><body><h1>429 Too Many Requests</h1></body></html>",
              headers={"Retry-After": "1"}),
        Reply(200, lin_jian)], host=12)
    web.page("/politics/2024-10/23/c_1130212345.htm", story(
        "王毅：中俄将深化战略协作", "外交部长王毅表示，中俄双方将深化战略协作。",
        site="新华网", day="2024-10-23", lang="zh-CN"), host=13, delay=2.0)
    web.page("/ar/news/aboul-gheit-kazan", aboul_gheit_page(), host=14)
    web.page("/ar/news/abdelatty-ndb", story(
        "عبد العاطي: مصر تريد الانضمام إلى بنك التنمية الجديد", "قال وزير الخارجية المصري بدر "
        "عبد العاطي إن مصر تريد الانضمام إلى بنك التنمية الجديد بصفتها عضواً كاملاً.",
        site="اليوم السابع", day="2024-10-23", lang="ar", direction="rtl"), host=15)
    web.page("/files/ushakov-briefing-en.txt", BRIEFING_TXT, host=16,
             content_type="text/plain; charset=utf-8")


def aboul_gheit_page() -> str:
    return story("أبو الغيط من قازان", "قال الأمين العام لجامعة الدول العربية أحمد أبو الغيط: "
                 "«الحل يبدأ بوقف إطلاق النار في غزة»، داعياً إلى تحرك دولي عاجل.",
                 site="الشرق الأوسط", day="2024-10-23", lang="ar", direction="rtl")


ARABIC_MISSING = story("الصفحة غير موجودة", "عذراً، الصفحة التي تبحث عنها غير موجودة أو تم "
                       "نقلها.\n\nالعودة إلى الصفحة الرئيسية", site="الشرق الأوسط",
                       day="2024-10-23", lang="ar", direction="rtl")

# -- D: the HTML claim tracker ------------------------------------------------------------

CT = "claim_tracker.html"
TRACKER_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Referendum claim tracker | Verification Desk</title>
<meta name="date" content="2024-10-26"></head><body>
<nav><a href="{h20}/">Home</a> <a href="{h20}/fact-checks">Fact checks</a>
<a href="{h20}/methodology">Our methodology</a></nav>
<main>
<h1>Referendum claim tracker</h1>
<p>Updated 26 October 2024. Each row is a claim we checked; the source is where it was first
made.</p>
<table>
<thead><tr><th>Who</th><th>Claim</th><th>Source</th><th>Rating</th></tr></thead>
<tbody>
<tr><td>Igor Dodon, former president</td>
<td>“Turnout abroad was inflated by 100,000 votes”</td>
<td><a href="{h21}/ro/politic/dodon-diaspora-vot">Newsmaker</a></td><td>False</td></tr>
<tr><td>Angelica Frolov, CEC chair</td>
<td>“Every polling station abroad had observers”</td>
<td><a href="{h22}/comunicate/observatori-strainatate">CEC statement</a></td><td>True</td></tr>
<tr><td>Renato Usatîi, mayor of Bălți</td>
<td>“The result was decided in Paris and Berlin”</td>
<td><a href="{h23}/en/news/usatii-paris-berlin">Moldpres</a></td><td>Misleading</td></tr>
</tbody></table>
<p>Spotted a claim we should check? <a href="{h20}/tips">Send us a tip</a>.</p>
</main>
<footer><a href="{h20}/privacy">Privacy</a></footer>
</body></html>"""


def _serve_tracker(web: FixtureWeb) -> None:
    web.page("/ro/politic/dodon-diaspora-vot", story(
        "Dodon: turnout abroad inflated", "Former president Igor Dodon claimed on Monday that "
        "turnout abroad was inflated by 100,000 votes. He offered no evidence.",
        site="Newsmaker", day="2024-10-21"), host=21)
    web.page("/comunicate/observatori-strainatate", story(
        "Observers at polling stations abroad", "CEC chair Angelica Frolov said that every "
        "polling station abroad had observers from at least two parties.",
        site="Central Electoral Commission", day="2024-10-22"), host=22)
    web.page("/en/news/usatii-paris-berlin", story(
        "Usatîi questions the result", "Bălți mayor Renato Usatîi said the result was decided "
        "in Paris and Berlin.", site="Moldpres", day="2024-10-22"), host=23)
    for path in ("/", "/fact-checks", "/methodology", "/tips", "/privacy"):
        web.page(path, story("Verification Desk", "Fact checks.", site="Verification Desk",
                             day="2024-10-01"), host=20)


# -- serving -------------------------------------------------------------------------------


def serve(web: FixtureWeb, wayback: FakeWayback) -> dict[str, str]:
    """Serve every source; returns the host bases, and 'w3', 'w6' for the cited captures."""
    h = {f"h{i}": web.base(i) for i in [*range(2, 24), *range(61, 68)]}
    u = lambda key, path: h[key] + path  # noqa: E731
    _serve_factcheck(web, wayback, u)
    _serve_platforms(web, wayback, u)
    _serve_notes(web)
    _serve_tracker(web)
    h["w3"] = f"{WAYBACK}20241021093000/{h['h3']}"
    h["w6"] = f"{WAYBACK}20241003101500/{h['h6']}"
    return h


# -- expected export, written before the first run -------------------------------------

QUOTES = [
    Q(FC, "under control in Kassala", "cross_language", "Haitham Mohamed Ibrahim",
      "h61/ar/news/2024/08/12/cholera-kassala"),
    Q(FC, "11,000 cases", "verified", "Shible Sahbani",
      "h62/publications/i/item/sudan-cholera-sitrep-12"),
    Q(FC, "400,000 doses", "verified_archive", "Ahmed Al-Amin", "h67/news/ocv-doses"),
    Q(FC, "more patients in one week", "verified", "Claudia Lodesani",
      "h63/en/latest/sudan-cholera-kassala"),
    Q(FC, "no new cases have been recorded", "verified_archive", "Mohamed Abdelrahman Mahjoub",
      "h66/en/news/gedaref-no-new-cases"),
    Q(FC, "below 60 percent", "verified", "Amira Osman", "h64/10.1016/S2214-109X(24)00312-7"),
    Q(FC, "running out of saline", "unsourced", "Hiba Ali", None),
    Q(PL, "buy 300,000", "verified", "Maia Sandu", "h2/watch?v=Xq3bT9kLm2Q"),
    Q(PL, "I paid no one", "verified_archive", "Ilan Shor", "w3" + TWEET),
    Q(PL, "3,000 lei a month", "source_unavailable", "Marina Tauber", "h4" + FB_POST),
    Q(PL, "130,000 recipients", "source_unavailable", "Alina Radu", "h5" + GDOC),
    Q(PL, "Russian bank", "verified_archive", "Viorel Cernăuțeanu", "w6" + POLICE),
    Q(NT, "Мы никогда не отказывались", "verified", "Vladimir Putin",
      "h10/static/transcripts/2024-10-24-press.txt"),
    Q(NT, "Russia is not isolated", "cross_language", "Dmitry Peskov",
      "h11/politics/20241024/peskov-sammit.html"),
    Q(NT, "中方始终致力于劝和促谈", "verified", "Lin Jian",
      "h12/web/fyrbt/202410/t20241023_11513210.shtml"),
    Q(NT, "deepen strategic coordination", "cross_language", "Wang Yi",
      "h13/politics/2024-10/23/c_1130212345.htm"),
    Q(NT, "الحل يبدأ بوقف", "verified", "Ahmed Aboul Gheit", "h14/ar/news/aboul-gheit-kazan"),
    Q(NT, "as a full member", "cross_language", "Badr Abdelatty", "h15/ar/news/abdelatty-ndb"),
    Q(NT, "agreed by all 36", "verified", "Yuri Ushakov",
      "h16/files/ushakov-briefing-en.txt"),
    Q(CT, "inflated by 100,000", "verified", "Igor Dodon", "h21/ro/politic/dodon-diaspora-vot"),
    Q(CT, "had observers", "verified", "Angelica Frolov",
      "h22/comunicate/observatori-strainatate"),
    Q(CT, "decided in Paris", "verified", "Renato Usatîi", "h23/en/news/usatii-paris-berlin"),
]

# A quote's key spans a line break where the document breaks it.
QUOTES = [Q(q.doc, " ".join(q.key.split()), q.status, q.speaker, q.source) for q in QUOTES]

NOT_QUOTES = [(FC, "Cholera spreads in Kassala"),
              (FC, "Oral cholera vaccination in displacement camps"),
              (FC, "Sudan: cholera situation report no. 12"), (NT, "too many requests")]

LINKS = [
    (FC, "h61/ar/news/2024/08/12/cholera-kassala", "ok"),
    (FC, "h62/publications/i/item/sudan-cholera-sitrep-12", "ok"),
    (FC, "h63/en/latest/sudan-cholera-kassala", "redirected"),
    (FC, "h64/10.1016/S2214-109X(24)00312-7", "redirected"),
    (FC, "h66/en/news/gedaref-no-new-cases", "dead"),
    (FC, "h67/news/ocv-doses", "ok"),
    (PL, "h2/watch?v=Xq3bT9kLm2Q", "ok"),
    (PL, "h3" + TWEET, "blocked"),
    (PL, "w3" + TWEET, "ok"),
    (PL, "h4" + FB_POST, "blocked"),
    (PL, "h5" + GDOC, "blocked"),
    (PL, "w6" + POLICE, "ok"),
    (NT, "h10/static/transcripts/2024-10-24-press.txt", "ok"),
    (NT, "h11/politics/20241024/peskov-sammit.html", "ok"),
    (NT, "h12/web/fyrbt/202410/t20241023_11513210.shtml", "ok"),
    (NT, "h13/politics/2024-10/23/c_1130212345.htm", "ok"),
    (NT, "h14/ar/news/aboul-gheit-kazan", "ok"),
    (NT, "h15/ar/news/abdelatty-ndb", "ok"),
    (NT, "h16/files/ushakov-briefing-en.txt", "ok"),
    (CT, "h21/ro/politic/dodon-diaspora-vot", "ok"),
    (CT, "h22/comunicate/observatori-strainatate", "ok"),
    (CT, "h23/en/news/usatii-paris-berlin", "ok"),
]

# What each failing link's reason must say (any of the words, case aside): the answer's code,
# or the wall a reader would meet.
REASONS = [
    (FC, "h66/en/news/gedaref-no-new-cases", "404"),
    (PL, "h3" + TWEET, "javascript|log ?in|sign ?in|wall"),
    (PL, "h4" + FB_POST, "log ?in|sign ?in|wall"),
    (PL, "h5" + GDOC, "log ?in|sign ?in|access|wall"),
]

FINAL_URLS = [
    (FC, "h63/en/latest/sudan-cholera-kassala",
     "h63/en/latest/sudan-cholera-outbreak-kassala-patients"),
    (FC, "h64/10.1016/S2214-109X(24)00312-7", "h65" + LANCET),
]

# The capture each archived verdict rests on: the nearest on or before the citation's access
# date, else its document's date; a cited capture is itself.
SNAPSHOTS = [
    (FC, "400,000 doses", "20240902"),
    (FC, "no new cases have been recorded", "20240821"),
    (PL, "I paid no one", "20241021"),
    (PL, "through a Russian bank", "20241003"),
]

# The tracker's menu, its tip line and its footer cite nothing.
NOT_CITED = [(CT, "h20/methodology"), (CT, "h20/tips"), (CT, "h20/privacy")]

DOC_DATES = [(FC, "2024-10-14"), (PL, "2024-10-25"), (NT, "2024-10-24"), (CT, "2024-10-26")]

# Second run, a week later: MSF changed one word of its quotation, SUNA's page is back, the
# Aboul Gheit page now answers 200 with an Arabic 'page not found'.
SECOND_QUOTES = [
    (FC, "more patients in one week", "partial"),
    (FC, "no new cases have been recorded", "verified"),
    (NT, "الحل يبدأ بوقف", "source_unavailable"),
    (NT, "中方始终致力于劝和促谈", "verified"),
]
SECOND_LINKS = [(FC, "h66/en/news/gedaref-no-new-cases", "ok"),
                (NT, "h14/ar/news/aboul-gheit-kazan", "soft_404")]
SECOND_CHANGES = {"newly_failing_quotes": ["more patients in one week"],
                  "recovered_links": ["h66/en/news/gedaref-no-new-cases"],
                  "failing_unconfirmed_links": ["h14/ar/news/aboul-gheit-kazan"]}

# Cases that failed on the first run, each with its reason.
XFAIL: dict[str, str] = {}


# -- the runs ----------------------------------------------------------------------------


def _second_run(out: DatedRuns, c: Corpus, inputs: list[str]) -> None:
    c.web.page("/en/latest/sudan-cholera-outbreak-kassala-patients", msf_page(
        MSF_JUNE.replace("June", "July")), host=63)
    c.web.page("/en/news/gedaref-no-new-cases", gedaref_page(), host=66)
    c.web.page("/ar/news/aboul-gheit-kazan", ARABIC_MISSING, host=14)
    second_run(out, c, inputs, lambda: T0 + timedelta(days=7))


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatedRuns]:
    root = tmp_path_factory.mktemp("e2e9")

    def documents(hosts: dict[str, str]) -> dict[str, str | bytes]:
        return {FC: (DOCUMENTS / FC).read_bytes(), PL: PLATFORMS_MD.format(**hosts),
                NT: NOTES_TXT.format(**hosts), CT: TRACKER_HTML.format(**hosts)}

    with served_corpus(root, serve, documents, port=PORT) as c:
        inputs = [str(c.docs)]
        out = dated_first_run(c, inputs, lambda: T0)
        _second_run(out, c, inputs)
        yield out


# -- the cases ---------------------------------------------------------------------------


def against_cases(quotes: list[Q], xfail: dict[str, str]) -> Iterator[Any]:
    """The copy each sourced quote was checked against: the live page, a capture, or none
    when no copy could be read."""
    for q in quotes:
        if q.source is not None:
            want = {"verified_archive": "snapshot", "source_unavailable": None}.get(q.status, "live")
            yield case("against", q.doc, q.key, "checked_against", want,
                       f"{q.doc}:{q.key}:checked_against", xfail)


def reason_cases(reasons: list[tuple[str, str, str]], xfail: dict[str, str]) -> Iterator[Any]:
    for doc, ref, words in reasons:
        yield case("reason", doc, ref, "reason", words, f"{doc}:{ref}:reason", xfail)


def check_own(out: DatedRuns, kind: str, doc: str, key: str, expected: Any) -> bool:
    """This set's own kinds: the copy a quote was checked against, a link's reason."""
    if kind == "against":
        row = out.quote(doc, key)
        assert row is not None, f"no single quote containing {key!r}"
        assert row["checked_against"] == expected, row
    elif kind == "reason":
        row = out.link(doc, key)
        assert row is not None, f"no citation of {key}"
        assert re.search(expected, row["reason"] or "", re.IGNORECASE), row
    else:
        return check_document(out, kind, doc, key, expected, out.doc_dates)
    return True


def _cases() -> Iterator[Any]:
    yield from export_cases(QUOTES, NOT_QUOTES, LINKS, XFAIL)
    yield from against_cases(QUOTES, XFAIL)
    yield from reason_cases(REASONS, XFAIL)
    yield from archive_cases(SNAPSHOTS, FINAL_URLS, XFAIL)
    yield from listed_cases(XFAIL, not_cited=NOT_CITED, doc_dates=DOC_DATES)
    yield from second_cases(SECOND_QUOTES, SECOND_LINKS, SECOND_CHANGES, XFAIL, exit_status=1)


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("kind", "doc", "key", "field_name", "expected"), list(_cases()))
def test_expected_export(outcome: DatedRuns, kind: str, doc: str, key: str, field_name: str,
                         expected: Any) -> None:
    if not outcome.check(kind, doc, key, field_name, expected):
        assert check_own(outcome, kind, doc, key, expected), kind


# == second batch ==========================================================================
# Written before its own first run, after the first batch's fixes: documents written in Arabic
# and in Russian quoting sources in their own languages («…») and English ones in translation,
# a Russian transcript served as text/plain in windows-1251 without a charset, a site answering
# 429 with a Retry-After of an hour (an error, never dead), an HTML article with an embedded
# post on X (the X page a wall, its Wayback capture holding it), a Telegram channel's public
# post and an Instagram login wall, a librarian's reading list citing a DOI, a Handle and a
# page that now redirects to its site's home page (a soft 404 with a capture). Then a second
# run a week later: a page edited after a capture kept its old words, the rate-limited site
# answers again.
#
# First run: 41 of 83. The misses, each fixed by a general rule since (tests/test_e2e9_rules.py):
# - the Russian notes kept no quotation and were dated by an address's '2024-11-08' (18 fields,
#   the second run's included): Russian reporting verbs ('заявил', 'сказала', …) are speech
#   verbs, capitalised Cyrillic words are name words (the capitalised genitives before a name
#   are whose office it is: a Russian or Ukrainian person is the last two words, three with a
#   patronymic; a Cyrillic acronym such as 'МИД' is no name), a one-word label before the
#   source's address ('Источник: <…>') is a label, and Russian and Ukrainian months in the
#   genitive ('12 ноября 2024 г.') are dates;
# - the reading list's annotations cited nothing (10 fields): a quotation citing nothing, in the
#   paragraph right under a reference entry (authors and '(2023)' at its start) that ends with
#   its address (an access note after it aside), rests on that address;
# - the Arabic fact-check kept no quotation (13 fields): Arabic has no capitals, so the name
#   index finds no one; an Arabic reporting sentence ('قال …', 'وأكدت …' ending 'إن'/'أن' before
#   the quotation) names its speaker between commas, else as the words right before إن back to
#   the office's nouns with the article ال (the name's last word may have it).
# One expectation was my own mistake: the Instagram login wall's reason says 'a password form'
# (1 field; the words allowed now include 'password'). 83 of 83 after the fixes.

T1 = datetime(2024, 11, 21, 5, 0, tzinfo=UTC)

AR = "misbar_cholera_claim.md"
ARABIC_MD = """---
title: "هل قال وزير الصحة إن الكوليرا انتهت في السودان؟"
date: 2024-11-05
---

# هل قال وزير الصحة إن الكوليرا انتهت في السودان؟

انتشر على مواقع التواصل الاجتماعي منشور ينسب إلى وزير الصحة السوداني تصريحاً بانتهاء تفشي
الكوليرا. تحققنا من التصريح ومن تصريحات أخرى حول الوباء.

قال وزير الصحة هيثم محمد إبراهيم إن «الوضع الوبائي مستقر في معظم الولايات»
([سونا]({h71}/ar/news/health-minister-stable)).

وقالت ممثلة منظمة اليونيسف في السودان، مانديب أوبراين، إن «الأطفال هم الأكثر تضرراً من
الكوليرا» ([يونيسف]({h72}/en/press-releases/sudan-cholera-children)).

وأكد منسق منظمة أطباء بلا حدود في كسلا، محمد الطيب، أن «المستشفيات في كسلا تعمل فوق
طاقتها» ([أطباء بلا حدود]({h73}/ar/news/kassala-hospitals)).

**الحكم:** مضلل. لم يقل الوزير إن التفشي انتهى.
"""

RU = "zernovoj_koridor_zametki.txt"
RUSSIAN_TXT = """Заметки к материалу о зерновом коридоре
Подготовила А. Смирнова, 12 ноября 2024 г.

1. Министр аграрной политики Украины Виталий Коваль заявил: «Урожай зерна в 2024 году составит
около 80 миллионов тонн».
Источник: {h75}/news/2024/11/koval-urozhaj

2. Министр финансов России Антон Силуанов сказал, что «бюджет выдержит любые санкции».
Стенограмма (текст): {h76}/transcripts/siluanov-2024-11-08.txt

3. Генеральный секретарь ООН Антониу Гутерриш заявил, что «мир не может позволить себе
новый продовольственный кризис» (перевод наш).
{h77}/en/story/2024/11/guterres-food-crisis

4. Официальный представитель МИД Мария Захарова заявила, что «Россия выполняет все
обязательства по поставкам зерна».
{h78}/ru/press/zakharova-zerno
"""

EM = "flood_warnings_online.html"
EMBEDS_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>How the flood warnings spread online</title>
<meta property="article:published_time" content="2024-11-20T09:00:00Z"></head><body>
<header><a href="{h79}/">The Valley Review</a></header>
<article>
<h1>How the flood warnings spread online</h1>
<p class="byline">By Lina Haddad · 20 November 2024</p>
<p>The first warning came from the civil defence service, on X, shortly after noon.</p>
<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Residents of the lower valley must
leave their homes before 6pm tonight. Shelters are open at the municipal stadium.</p>&mdash;
Civil Defence (@civildefence_vr) <a href="{h80}/civildefence_vr/status/1858123456789012345">November
18, 2024</a></blockquote>
<p>An hour later the mayor, Mustafa Al-Shall, wrote on Telegram that <q>the water will reach
the old market by midnight</q> (<a href="{h81}/s/valley_municipality/4821">Telegram</a>).</p>
<p>The Red Cross spokeswoman, Rana Sidani, said in an <a href="{h82}/p/DCx9k2LtQ3a/">Instagram
post</a> that “no one has been reported missing so far”.</p>
</article>
<footer><a href="{h79}/about">About us</a></footer>
</body></html>"""

RL = "reading_list_cholera.md"
READING_MD = """---
title: "Reading list: cholera in displacement settings"
date: 2024-11-15
---

# Reading list: cholera in displacement settings

Compiled by the library's research services team for the public health course. Each entry
gives one finding in its authors' words; check the wording against the source before quoting
it in an assignment.

1. Osman, A., Idris, M. and Bashir, S. (2023) 'Two-dose oral cholera vaccine in camps',
   *The Lancet Global Health*, 11(9). doi: {h85}/10.1016/S2214-109X(23)00211-4

   Amira Osman and her co-authors conclude that "two doses gave protection for at least
   three years".

2. Gonzalez, M. (2022) *Water and Sanitation in Protracted Crises*. Washington, DC: World Bank.
   Handle: {h87}/10986/37512

   Its lead author, Maria Gonzalez, writes that "half of all displaced households lack safe
   water".

3. Sphere Association (2018) *The Sphere Handbook*, chapter on water supply.
   {h91}/handbook/water-supply (accessed 2 March 2023)

   The handbook's water adviser, Tom Keller, wrote that "15 litres per person per day is the
   minimum, not the target".
"""


def serve_batch2(web: FixtureWeb, wayback: FakeWayback) -> dict[str, str]:
    """Serve the second batch's sources."""
    h = {f"h{i}": web.base(i) for i in range(71, 92)}
    u = lambda key, path: h[key] + path  # noqa: E731
    web.page("/ar/news/health-minister-stable", story(
        "وزير الصحة: الوضع الوبائي مستقر", "قال وزير الصحة الاتحادي هيثم محمد إبراهيم إن الوضع "
        "الوبائي مستقر في معظم الولايات، مشيراً إلى استمرار حملات التطعيم.", site="سونا",
        day="2024-11-03", lang="ar", direction="rtl"), host=71)
    web.page("/en/press-releases/sudan-cholera-children", story(
        "Children hardest hit by cholera in Sudan", "Mandeep O'Brien, UNICEF Representative in "
        "Sudan, said: \u201cChildren are the hardest hit by cholera.\u201d",
        site="UNICEF", day="2024-11-01"), host=72)
    web.page("/ar/news/kassala-hospitals", "<html><body><h1>429 Too Many Requests</h1></body>"
             "</html>", host=73, status=429, headers={"Retry-After": "3600"})
    web.page("/news/2024/11/koval-urozhaj", story(
        "Коваль: урожай составит около 80 миллионов тонн", "Министр аграрной политики Виталий "
        "Коваль заявил: «Урожай зерна в 2024 году составит около 80 миллионов тонн».",
        site="Интерфакс-Украина", day="2024-11-10", lang="ru"), host=75)
    web.page("/transcripts/siluanov-2024-11-08.txt", SILUANOV_TXT.encode("windows-1251"),
             host=76, content_type="text/plain")
    web.page("/en/story/2024/11/guterres-food-crisis", story(
        "Guterres warns of food crisis", "Secretary-General António Guterres said the world "
        "cannot afford a new food crisis.", site="UN News", day="2024-11-09"), host=77)
    zakharova = u("h78", "/ru/press/zakharova-zerno")
    wayback.capture(zakharova, "20241111120000", zakharova_page("все"))
    web.page("/ru/press/zakharova-zerno", zakharova_page("все"), host=78)
    web.page("/", story("The Valley Review", "News.", site="The Valley Review",
                        day="2024-11-01"), host=79)
    web.page("/civildefence_vr/status/1858123456789012345", X_PAGE, host=80)
    wayback.capture(u("h80", "/civildefence_vr/status/1858123456789012345"), "20241118130000",
                    CIVIL_DEFENCE_CAPTURE)
    web.page("/s/valley_municipality/4821", TELEGRAM_PAGE, host=81)
    web.page("/p/DCx9k2LtQ3a/", INSTAGRAM_LOGIN, host=82)
    web.redirect("/10.1016/S2214-109X(23)00211-4", u("h86", VACCINE), status=302, host=85)
    web.page(VACCINE, story("Two-dose oral cholera vaccine in camps", "Interpretation\n\nTwo "
                            "doses gave protection for at least three years in the camps we "
                            "followed.", site="The Lancet Global Health", day="2023-08-01"),
             host=86)
    web.redirect("/10986/37512", u("h88", "/entities/publication/5d1c2b7e-37512"), status=302,
                 host=87)
    web.page("/entities/publication/5d1c2b7e-37512", story(
        "Water and Sanitation in Protracted Crises", "Abstract\n\nHalf of all displaced "
        "households lack safe water, the report finds.\n\nAuthor: Maria Gonzalez",
        site="Open Knowledge Repository", day="2022-06-01"), host=88)
    sphere = u("h91", "/handbook/water-supply")
    wayback.capture(sphere, "20230115090000", story(
        "Water supply standard", "Tom Keller, water adviser: \u201c15 litres per person per day is "
        "the minimum, not the target.\u201d", site="Sphere", day="2018-11-01"))
    web.redirect("/handbook/water-supply", u("h91", "/"), host=91)
    web.page("/", story("Sphere", "Welcome to Sphere. Humanitarian standards for everyone.",
                        site="Sphere", day="2024-01-01"), host=91)
    return h


VACCINE = "/journals/langlo/article/PIIS2214-109X(23)00211-4/fulltext"

SILUANOV_TXT = """Стенограмма брифинга
8 ноября 2024 года

А.Силуанов: Бюджет выдержит любые санкции, запас прочности у нас есть.
"""


def zakharova_page(word: str) -> str:
    return story("Захарова о поставках зерна", f"Официальный представитель МИД Мария Захарова "
                 f"заявила, что Россия выполняет {word} обязательства по поставкам зерна.",
                 site="МИД России", day="2024-11-11", lang="ru")


CIVIL_DEFENCE_CAPTURE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Civil Defence on X: "Residents of the lower valley must leave their homes before 6pm
tonight." / X</title></head><body><article><div>Civil Defence</div><div>@civildefence_vr</div>
<div lang="en">Residents of the lower valley must leave their homes before 6pm tonight. Shelters
are open at the municipal stadium.</div></article></body></html>"""

TELEGRAM_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Valley Municipality – Telegram</title>
<meta property="og:title" content="Valley Municipality"></head><body>
<div class="tgme_channel_info"><div class="tgme_channel_info_header_title">Valley Municipality</div>
<div class="tgme_channel_info_counter">12.4K subscribers</div></div>
<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="valley_municipality/4821">
<div class="tgme_widget_message_author">Valley Municipality</div>
<div class="tgme_widget_message_text">Mayor Mustafa Al-Shall: the water will reach the old market
by midnight. Move cars and goods to higher ground now.</div>
<div class="tgme_widget_message_footer"><span class="tgme_widget_message_views">8.1K</span>
<time datetime="2024-11-18T13:05:00+00:00">13:05</time></div></div></div></body></html>"""

INSTAGRAM_LOGIN = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Instagram</title></head><body><div id="react-root">
<h2>Log in to see photos and videos from friends.</h2>
<form><input name="username" placeholder="Phone number, username, or email">
<input name="password" type="password" placeholder="Password"><button type="submit">Log in</button>
</form><p>Don't have an account? <a href="/accounts/emailsignup/">Sign up</a></p></div>
</body></html>"""

QUOTES2 = [
    Q(AR, "الوضع الوبائي مستقر", "verified", "هيثم محمد إبراهيم",
      "h71/ar/news/health-minister-stable"),
    Q(AR, "الأطفال هم الأكثر", "cross_language", "مانديب أوبراين",
      "h72/en/press-releases/sudan-cholera-children"),
    Q(AR, "المستشفيات في كسلا", "source_unavailable", "محمد الطيب",
      "h73/ar/news/kassala-hospitals"),
    Q(RU, "Урожай зерна", "verified", "Виталий Коваль", "h75/news/2024/11/koval-urozhaj"),
    Q(RU, "бюджет выдержит", "verified", "Антон Силуанов",
      "h76/transcripts/siluanov-2024-11-08.txt"),
    Q(RU, "не может позволить себе", "cross_language", "Антониу Гутерриш",
      "h77/en/story/2024/11/guterres-food-crisis"),
    Q(RU, "выполняет все", "verified", "Мария Захарова", "h78/ru/press/zakharova-zerno"),
    Q(EM, "lower valley must", "verified_archive", "Civil Defence",
      "h80/civildefence_vr/status/1858123456789012345"),
    Q(EM, "reach the old market", "verified", "Mustafa Al-Shall",
      "h81/s/valley_municipality/4821"),
    Q(EM, "no one has been reported", "source_unavailable", "Rana Sidani", "h82/p/DCx9k2LtQ3a/"),
    Q(RL, "two doses gave protection", "verified", "Amira Osman",
      "h85/10.1016/S2214-109X(23)00211-4"),
    Q(RL, "displaced households lack", "verified", "Maria Gonzalez", "h87/10986/37512"),
    Q(RL, "15 litres per person", "verified_archive", "Tom Keller", "h91/handbook/water-supply"),
]

NOT_QUOTES2: list[tuple[str, str]] = [(RL, "Two-dose oral cholera vaccine in camps")]

LINKS2 = [
    (AR, "h71/ar/news/health-minister-stable", "ok"),
    (AR, "h72/en/press-releases/sudan-cholera-children", "ok"),
    (AR, "h73/ar/news/kassala-hospitals", "error"),
    (RU, "h75/news/2024/11/koval-urozhaj", "ok"),
    (RU, "h76/transcripts/siluanov-2024-11-08.txt", "ok"),
    (RU, "h77/en/story/2024/11/guterres-food-crisis", "ok"),
    (RU, "h78/ru/press/zakharova-zerno", "ok"),
    (EM, "h80/civildefence_vr/status/1858123456789012345", "blocked"),
    (EM, "h81/s/valley_municipality/4821", "ok"),
    (EM, "h82/p/DCx9k2LtQ3a/", "blocked"),
    (RL, "h85/10.1016/S2214-109X(23)00211-4", "redirected"),
    (RL, "h87/10986/37512", "redirected"),
    (RL, "h91/handbook/water-supply", "soft_404"),
]

REASONS2 = [(AR, "h73/ar/news/kassala-hospitals", "429"),
            (EM, "h82/p/DCx9k2LtQ3a/", "log ?in|sign ?in|password|wall")]

FINAL_URLS2 = [(RL, "h87/10986/37512", "h88/entities/publication/5d1c2b7e-37512")]

# The Sphere page's capture before its access date (2 March 2023); the X post's nearest its day.
SNAPSHOTS2 = [(RL, "15 litres per person", "20230115"), (EM, "lower valley must", "20241118")]

NOT_CITED2 = [(EM, "h79/about"), (EM, "h79/")]

DOC_DATES2 = [(AR, "2024-11-05"), (RU, "2024-11-12"), (EM, "2024-11-20"), (RL, "2024-11-15")]

# A week later: the MFA rewrote its page ('все' dropped) after the Wayback captured it; the
# rate-limited site answers.
SECOND_QUOTES2 = [(RU, "выполняет все", "verified_archive"),
                  (AR, "المستشفيات في كسلا", "verified")]
SECOND_LINKS2 = [(AR, "h73/ar/news/kassala-hospitals", "ok")]
SECOND_CHANGES2 = {"newly_failing_quotes": [], "recovered_links": ["h73/ar/news/kassala-hospitals"]}

# Cases of the second batch that failed on its first run, each with its reason.
XFAIL2: dict[str, str] = {}


def _second_run2(out: DatedRuns, c: Corpus, inputs: list[str]) -> None:
    c.web.page("/ru/press/zakharova-zerno", zakharova_page("свои"), host=78)
    c.web.page("/ar/news/kassala-hospitals", story(
        "أطباء بلا حدود: المستشفيات في كسلا تعمل فوق طاقتها", "قال منسق المنظمة في كسلا محمد الطيب "
        "إن المستشفيات في كسلا تعمل فوق طاقتها منذ أسابيع.", site="أطباء بلا حدود",
        day="2024-11-04", lang="ar", direction="rtl"), host=73)
    second_run(out, c, inputs, lambda: T1 + timedelta(days=7))


@pytest.fixture(scope="module")
def outcome2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatedRuns]:
    root = tmp_path_factory.mktemp("e2e9b")

    def documents(hosts: dict[str, str]) -> dict[str, str | bytes]:
        return {AR: ARABIC_MD.format(**hosts), RU: RUSSIAN_TXT.format(**hosts),
                EM: EMBEDS_HTML.format(**hosts), RL: READING_MD.format(**hosts)}

    with served_corpus(root, serve_batch2, documents) as c:
        inputs = [str(c.docs)]
        out = dated_first_run(c, inputs, lambda: T1)
        _second_run2(out, c, inputs)
        yield out


def _batch2_cases() -> Iterator[Any]:
    yield from export_cases(QUOTES2, NOT_QUOTES2, LINKS2, XFAIL2)
    yield from against_cases(QUOTES2, XFAIL2)
    yield from reason_cases(REASONS2, XFAIL2)
    yield from archive_cases(SNAPSHOTS2, FINAL_URLS2, XFAIL2)
    yield from listed_cases(XFAIL2, not_cited=NOT_CITED2, doc_dates=DOC_DATES2)
    yield from second_cases(SECOND_QUOTES2, SECOND_LINKS2, SECOND_CHANGES2, XFAIL2,
                            exit_status=0)


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("kind", "doc", "key", "field_name", "expected"), list(_batch2_cases()))
def test_second_batch(outcome2: DatedRuns, kind: str, doc: str, key: str, field_name: str,
                      expected: Any) -> None:
    if not outcome2.check(kind, doc, key, field_name, expected):
        assert check_own(outcome2, kind, doc, key, expected), kind
