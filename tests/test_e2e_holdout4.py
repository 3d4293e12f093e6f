"""Held-out end to end, fourth set: four documents in shapes the first three sets lack (a
Wikipedia-style HTML article whose references carry "Archived from the original" links beside
the original and a "[citation needed]"; a Markdown fact-check whose `[^n]` footnotes cite only
web.archive.org captures, one an 'Ibid.'; a plain-text press digest quoting French sources in
English translation and one in French; an article given by its URL) quoting 16 sources served
by the fixture web and the fake Wayback Machine: a dead original with its cited capture, a
cited capture that lacks the quote and one the Wayback does not have, a 200 answer holding only
a cookie-consent wall whose snapshot holds the quote, a page that moved (301) and changed since
the citation date, a 500. Then a second run two days later after one page was fixed (the 500),
one went missing (404) and one was edited. Every expected value below was written by hand, as
a careful fact-checker would judge it, before the pipeline was run on it; each expected field
is its own test case so the score is countable.

First run: 89 of 92 expected fields right. The misses:
- the Wikipedia reference giving a dead original and its "Archived" capture: the quote was
  verified against that capture but its source_url named the dead original (1 field);
- « … » in French after "Le maire de Lyon, Grégory Doucet, a déclaré :" had the speaker "Le"
  (1 field);
- "rose by 30 percent in a decade" against "rose by almost 30 percent over the past decade"
  was not_found (similarity 0.75) where a fact-checker says partial (1 field).
Fixed since by general rules: on a tie between verdicts, a cited Wayback capture wins over
the original it copies (the document offers the capture as its proof); another language's
article opening a sentence alone ('Le', 'La', 'El') is no name, and in a role phrase before a
colon the place after 'de'/'del'/'di' is not the speaker, the name in apposition is. 91 of 92
now; the other is marked below with its reason. No expectation was changed."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from e2e_support import (
    Corpus,
    Q,
    TwoRuns,
    archive_cases,
    case,
    export_cases,
    first_run,
    second_cases,
    second_run,
    served_corpus,
)
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb

T0 = datetime(2024, 6, 1, 2, 30, tzinfo=UTC)
WAYBACK = "https://web.archive.org/web/"

# The cited captures, each a prefix ('w2/path' is the capture of 'h2/path' at that time).
CAPTURES = {"w2": ("h2", "20150311090000"), "w3": ("h3", "20150312100000"),
            "a5": ("h5", "20190612080000"), "a6": ("h6", "20191101120000"),
            "a7": ("h7", "20190901000000")}

# -- pages -------------------------------------------------------------------------------


def story(title: str, paragraphs: list[str], *, outlet: str, published: str,
          lang: str = "en") -> str:
    """A WordPress-style news story: a masthead, a menu, the story, related links, a footer."""
    paras = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} – {outlet}</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}T08:00:00+00:00">
<link rel="stylesheet" href="/wp-content/themes/news/style.css"></head>
<body class="single-post"><div class="masthead"><a href="/">{outlet}</a></div>
<ul id="menu-main"><li><a href="/category/politics/">Politics</a></li>
<li><a href="/category/environment/">Environment</a></li>
<li><a href="/category/business/">Business</a></li></ul>
<div id="content"><article class="post"><h1 class="entry-title">{title}</h1>
<div class="entry-meta"><time class="entry-date" datetime="{published}">{published}</time></div>
<div class="entry-content">
{paras}
</div></article>
<aside class="related"><h4>Related</h4><a href="/2014/12/older-story/">An older story</a></aside>
</div><footer id="colophon">© {outlet}. <a href="/contact/">Contact</a></footer></body></html>"""


CONSENT_WALL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Before you continue</title></head><body>
<div class="consent-page"><h1>We value your privacy</h1>
<p>We and our 147 partners store and access information on your device, such as cookies, and
process personal data to show personalised ads and content.</p>
<button>Accept all</button> <button>Reject all</button> <a href="/privacy">Manage options</a>
</div></body></html>"""

NOT_FOUND = ("<!doctype html><html><head><title>404 Not Found</title></head><body>"
             "<h1>Not Found</h1><p>The requested URL was not found on this server.</p>"
             "</body></html>")
SERVER_ERROR = "<html><head><title>500 Internal Server Error</title></head><body>oops</body></html>"

# -- documents ---------------------------------------------------------------------------

WIKI_HTML = """<!DOCTYPE html><html class="client-nojs" lang="en" dir="ltr"><head>
<meta charset="UTF-8"><title>Lake Urmia - Wikipedia</title></head>
<body class="mediawiki ltr skin-vector"><div id="mw-navigation"><h2>Navigation menu</h2>
<ul><li><a href="/wiki/Main_Page">Main page</a></li><li><a href="/wiki/Special:Random">Random
article</a></li></ul></div>
<div id="content" class="mw-body"><h1 id="firstHeading">Lake Urmia</h1>
<div id="siteSub">From Wikipedia, the free encyclopedia</div>
<div id="mw-content-text"><div class="mw-parser-output">
<p><b>Lake Urmia</b> is an endorheic salt lake in Iran, between the provinces of East
Azerbaijan and West Azerbaijan.</p>
<h2><span class="mw-headline" id="Decline">Decline</span></h2>
<p>The lake has shrunk by about 90 percent since the 1970s. In March 2015 the government's
adviser on water, Isa Kalantari, warned that "if Lake Urmia dries up, five million people will
have to leave the region".<sup id="cite_ref-irna_1-0" class="reference"><a
href="#cite_note-irna-1">[1]</a></sup></p>
<p>The Lake Urmia Restoration Program was set up in 2013. Its director, Masoud Tajrishi, said
that "the restoration will take at least ten years".<sup id="cite_ref-2" class="reference"><a
href="#cite_note-2">[2]</a></sup></p>
<p>Dams on the rivers feeding the lake are widely blamed. Hydrologist Kaveh Madani said that
"the dams have taken the water that used to reach the lake".<sup id="cite_ref-3"
class="reference"><a href="#cite_note-3">[3]</a></sup></p>
<p>Vice-president Massoumeh Ebtekar said that "saving the lake is a national priority".<sup
class="noprint Inline-Template Template-Fact"><i>[<a href="/wiki/Wikipedia:Citation_needed"
title="Wikipedia:Citation needed">citation needed</a>]</i></sup></p>
<h2><span class="mw-headline" id="References">References</span></h2>
<div class="reflist"><ol class="references">
<li id="cite_note-irna-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-irna_1-0">^</a></b>
</span> <span class="reference-text"><cite class="citation news cs1"><a rel="nofollow"
class="external text" href="{h2}/news/2015/urmia-exodus">"Kalantari: Urmia could empty the
region"</a>. <i>Tehran Times</i>. 11 March 2015. <a rel="nofollow" class="external text"
href="{w2}/news/2015/urmia-exodus">Archived</a> from the original on 11 March 2015. Retrieved
<span class="nowrap">14 March</span> 2015.</cite></span></li>
<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span>
<span class="reference-text"><cite class="citation web cs1"><a rel="nofollow"
class="external text" href="{h3}/en/urmia-restoration">"Restoring Lake Urmia"</a>. <i>ULRP</i>.
<a rel="nofollow" class="external text" href="{w3}/en/urmia-restoration">Archived</a> from the
original on 12 March 2015. Retrieved <span class="nowrap">14 March</span> 2015.</cite></span></li>
<li id="cite_note-3"><span class="mw-cite-backlink"><b><a href="#cite_ref-3">^</a></b></span>
<span class="reference-text"><cite class="citation news cs1"><a rel="nofollow"
class="external text" href="{h4}/2015/03/urmia-dams">"Too many dams, too little lake"</a>.
<i>The Guardian</i>. 2 March 2015. Retrieved <span class="nowrap">14 March</span> 2015.
</cite></span></li>
</ol></div></div></div>
<div id="footer-info-lastmod">This page was last edited on 20 March 2015, at 10:12 (UTC).</div>
</div></body></html>"""

FACTCHECK_MD = """---
title: "Fact check: did the minister promise a tram by 2021?"
date: 2020-02-10
---

# Fact check: did the minister promise a tram by 2021?

A post shared thousands of times claims the transport minister promised a tram for the city
"by 2021". The ministry's statement has since been taken down, so we relied on archived copies.

In June 2019 transport minister Carla Benedetti said that “the first tram line will carry
passengers before the end of 2021”.[^1] She also said that “the line will cost 410 million
euros”.[^2]

City councillor Marco Riva said that “the tram depot will be built in Ponte Nuovo”.[^3]

The regional auditor, Elena Fabbri, said that “no money has been set aside for the tram”.[^4]

Our verdict: the promise was made, but it was never a "guarantee".

[^1]: Ministry of Transport, statement of 12 June 2019, archived at
    {a5}/press/2019/tram-statement
[^2]: Ibid.
[^3]: [City council minutes, archived]({a6}/council/2019/depot)
[^4]: [Regional audit office, archived]({a7}/audit/2019/tram-budget)
"""

DIGEST_TXT = """Press digest: France
12 May 2024

Energy. Energy minister Agnès Pannier-Runacher said that “nuclear power remains the backbone
of our energy independence” ({h8}/politique/2024/05/nucleaire-independance).

Trees. Marseille's mayor, Benoît Payan, said that “the city will plant 300,000 trees by 2030”
({h9}/marseille/2024/05/plan-arbres).

Lyon. Le maire de Lyon, Grégory Doucet, a déclaré : « La ville sera neutre en carbone en
2030 » ({h10}/lyon/2024/05/neutralite-carbone).

Gas. Engie chief executive Catherine MacGregor said that “gas prices will stay high until
2026” ({h11}/business/engie-gas-outlook).
"""

ARTICLE_PATH = "/2024/05/europe-heat-analysis"
ARTICLE_DOC = "h13" + ARTICLE_PATH  # the document given by its URL; its name is its URL

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Europe is not ready for the heat | Climate Desk</title>
<meta property="article:published_time" content="2024-05-08T05:30:00Z">
</head><body>
<header><a href="/">Climate Desk</a> <nav><a href="/news">News</a> <a href="/analysis">Analysis</a>
<a href="/newsletter">Newsletter</a></nav></header>
<main><article>
<h1>Europe is not ready for the heat</h1>
<p class="byline">By Jonas Berg · May 8, 2024</p>
<p>Climate scientist Friederike Otto said that “every heatwave is now made hotter by climate
change” (<a href="{h14}/news/otto-heatwaves">Carbon Brief</a>).</p>
<p>According to a <a href="{h15}/reports/heat-deaths">Lancet Countdown report</a>, its lead
author Marina Romanello said that “heat deaths in Europe rose by 30 percent in a decade”.</p>
<p>WHO Europe director Hans Kluge said that “heat is a silent killer”
(<a href="{h16}/en/news/kluge-heat">WHO</a>).</p>
<p>Spain's environment minister, Teresa Ribera, said that “the heat action plan will be ready
before the summer” (<a href="{h17}/prensa/ribera-plan-calor">El País</a>).</p>
<p>Cities are experimenting with “cool corridors” of trees and fountains.</p>
</article></main>
<footer>© Climate Desk 2024 · <a href="/privacy">Privacy</a></footer></body></html>"""


def serve(web: FixtureWeb, wayback: FakeWayback) -> dict[str, str]:
    """Serve every source; returns the host bases (and cited-capture prefixes) used to fill
    the documents."""
    h = {f"h{i}": web.base(i) for i in range(2, 18)}
    for key, (host, stamp) in CAPTURES.items():
        h[key] = f"{WAYBACK}{stamp}/{h[host]}"
    u = lambda key, path: h[key] + path  # noqa: E731
    _serve_wiki_sources(web, wayback, u)
    _serve_factcheck_sources(web, wayback, u)
    _serve_digest_sources(web, wayback, u)
    _serve_article_sources(web)
    web.page(ARTICLE_PATH, ARTICLE.format(**h), host=13)
    return h


KALANTARI = story("Kalantari: Urmia could empty the region", [
    "Isa Kalantari, the government's adviser on water, warned on Tuesday that if Lake Urmia "
    "dries up, five million people will have to leave the region.",
], outlet="Tehran Times", published="2015-03-11")

TAJRISHI = story("Restoring Lake Urmia", [
    "Masoud Tajrishi, director of the Urmia Lake Restoration Program, said that the "
    "restoration will take at least ten years and depends on cutting farm water use by 40 "
    "percent.",
], outlet="ULRP", published="2014-11-02")

MADANI = story("Too many dams, too little lake", [
    "“The dams have taken the water that used to reach the lake,” said Kaveh Madani, a "
    "hydrologist at Imperial College London.",
], outlet="The Guardian", published="2015-03-02")


def _serve_wiki_sources(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    exodus = "/news/2015/urmia-exodus"
    web.page(exodus, NOT_FOUND, host=2, status=404)
    wayback.capture(u("h2", exodus), CAPTURES["w2"][1], KALANTARI)
    web.page("/en/urmia-restoration", TAJRISHI, host=3)
    wayback.capture(u("h3", "/en/urmia-restoration"), CAPTURES["w3"][1], TAJRISHI)
    dams = "/2015/03/urmia-dams"
    web.page(dams, CONSENT_WALL, host=4)
    wayback.capture(u("h4", dams), "20150305070000", MADANI)
    wayback.capture(u("h4", dams), "20180102070000", CONSENT_WALL)


def _serve_factcheck_sources(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    statement = "/press/2019/tram-statement"
    web.page(statement, NOT_FOUND, host=5, status=404)
    wayback.capture(u("h5", statement), CAPTURES["a5"][1], story("Tram: the timetable", [
        "Transport minister Carla Benedetti said that the first tram line will carry passengers "
        "before the end of 2021.",
        "“The line will cost 410 million euros,” the minister added, “and the state will pay "
        "half.”",
    ], outlet="Ministry of Transport", published="2019-06-12"))
    depot = "/council/2019/depot"
    web.page(depot, story("Council minutes", ["The council adjourned."], outlet="City Council",
                          published="2020-01-10"), host=6)
    wayback.capture(u("h6", depot), CAPTURES["a6"][1], story("Council minutes, 30 October 2019", [
        "Councillor Marco Riva asked when a site for the tram depot would be chosen. The "
        "council deferred the question to its next session.",
    ], outlet="City Council", published="2019-10-30"))
    web.page("/audit/2019/tram-budget", NOT_FOUND, host=7, status=404)  # never captured


ENGIE = story("Engie expects gas prices to stay high", [
    "Engie chief executive Catherine MacGregor said that gas prices will stay high until 2026, "
    "as Europe keeps refilling its storage with liquefied gas.",
], outlet="Business Wire Europe", published="2024-04-30")
ENGIE_NOW = ENGIE.replace("until 2026", "until 2025")


def _serve_digest_sources(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    web.page("/politique/2024/05/nucleaire-independance", story(
        "Nucléaire : la ministre défend la relance", [
            "« Le nucléaire reste la colonne vertébrale de notre indépendance énergétique », a "
            "déclaré mardi Agnès Pannier-Runacher, ministre déléguée chargée de l'Énergie.",
        ], outlet="Le Monde", published="2024-05-07", lang="fr"), host=8)
    web.page("/marseille/2024/05/plan-arbres", story(
        "Marseille veut planter 300 000 arbres", [
            "Le maire de Marseille, Benoît Payan, a annoncé que « la ville plantera 300 000 arbres "
            "d'ici 2030 », dans le cadre de son plan climat.",
        ], outlet="La Provence", published="2024-05-09", lang="fr"), host=9)
    web.page("/lyon/2024/05/neutralite-carbone", story(
        "Lyon vise la neutralité carbone", [
            "« La ville sera neutre en carbone en 2030 », a affirmé Grégory Doucet, maire de "
            "Lyon, lors du conseil municipal.",
        ], outlet="Le Progrès", published="2024-05-10", lang="fr"), host=10)
    old = "/business/engie-gas-outlook"
    web.redirect(old, u("h12", "/europe/engie-outlook"), host=11)
    web.page("/europe/engie-outlook", ENGIE_NOW, host=12)
    wayback.capture(u("h11", old), "20240502090000", ENGIE)
    wayback.capture(u("h11", old), "20240520090000", ENGIE_NOW)


OTTO = story("Every heatwave is now hotter", [
    "Friederike Otto, a climate scientist at Imperial College London, said that every heatwave "
    "is now made hotter by climate change.",
], outlet="Carbon Brief", published="2024-04-22")
KLUGE = story("Heat is a silent killer, WHO warns", [
    "“Heat is a silent killer,” said Hans Kluge, WHO Regional Director for Europe, urging "
    "governments to prepare.",
], outlet="WHO Europe", published="2024-05-02")
# The second run's version: the statement was rewritten.
KLUGE_EDITED = story("WHO Europe on heat", [
    "Hans Kluge, WHO Regional Director for Europe, urged governments to prepare heat action "
    "plans before the summer.",
], outlet="WHO Europe", published="2024-05-02")
RIBERA = story("Ribera: el plan de calor", [
    "Spain's environment minister Teresa Ribera said that the heat action plan will be ready "
    "before the summer, with shaded school yards a priority.",
], outlet="El País English", published="2024-05-06")


def _serve_article_sources(web: FixtureWeb) -> None:
    web.page("/news/otto-heatwaves", OTTO, host=14)
    web.page("/reports/heat-deaths", story("Heat deaths rise in Europe", [
        "Lead author Marina Romanello said that heat deaths in Europe rose by almost 30 percent "
        "over the past decade.",
    ], outlet="The Lancet", published="2024-04-15"), host=15)
    web.page("/en/news/kluge-heat", KLUGE, host=16)
    web.page("/prensa/ribera-plan-calor", SERVER_ERROR, host=17, status=500)


# -- expected export, written before the first run -------------------------------------

QUOTES = [
    # a dead original cited with its capture: the capture is what the quote rests on
    Q("wiki.html", "five million people will", "verified_archive", "Isa Kalantari",
      "w2/news/2015/urmia-exodus"),
    Q("wiki.html", "restoration will take at least ten years", "verified", "Masoud Tajrishi",
      "h3/en/urmia-restoration"),
    Q("wiki.html", "dams have taken the water", "verified_archive", "Kaveh Madani",
      "h4/2015/03/urmia-dams"),
    Q("wiki.html", "saving the lake is a national priority", "unsourced", "Massoumeh Ebtekar",
      None),
    Q("factcheck.md", "first tram line will carry", "verified_archive", "Carla Benedetti",
      "a5/press/2019/tram-statement"),
    Q("factcheck.md", "410 million euros", "verified_archive", "Carla Benedetti",
      "a5/press/2019/tram-statement"),
    Q("factcheck.md", "depot will be built in Ponte Nuovo", "not_found", "Marco Riva",
      "a6/council/2019/depot"),
    Q("factcheck.md", "no money has been set aside", "source_unavailable", "Elena Fabbri",
      "a7/audit/2019/tram-budget"),
    Q("digest.txt", "backbone of our energy independence", "cross_language",
      "Agnès Pannier-Runacher", "h8/politique/2024/05/nucleaire-independance"),
    Q("digest.txt", "plant 300,000 trees", "cross_language", "Benoît Payan",
      "h9/marseille/2024/05/plan-arbres"),
    Q("digest.txt", "neutre en carbone", "verified", "Grégory Doucet",
      "h10/lyon/2024/05/neutralite-carbone"),
    Q("digest.txt", "gas prices will stay high", "verified_archive", "Catherine MacGregor",
      "h11/business/engie-gas-outlook"),
    Q(ARTICLE_DOC, "made hotter by climate", "verified", "Friederike Otto",
      "h14/news/otto-heatwaves"),
    Q(ARTICLE_DOC, "rose by 30 percent in a decade", "partial", "Marina Romanello",
      "h15/reports/heat-deaths"),
    Q(ARTICLE_DOC, "heat is a silent killer", "verified", "Hans Kluge", "h16/en/news/kluge-heat"),
    Q(ARTICLE_DOC, "heat action plan will be ready", "source_unavailable", "Teresa Ribera",
      "h17/prensa/ribera-plan-calor"),
]

# The Wayback capture each archived verdict must rest on: the cited one, else the last one on
# or before the date the page was cited (the reference's access date; the digest's date).
SNAPSHOTS = [
    ("wiki.html", "five million people will", "20150311090000"),
    ("wiki.html", "dams have taken the water", "20150305070000"),
    ("factcheck.md", "first tram line will carry", "20190612080000"),
    ("factcheck.md", "410 million euros", "20190612080000"),
    ("digest.txt", "gas prices will stay high", "20240502090000"),
]

# reference titles, scare quotes and a cited word: not quotations
NOT_QUOTES = [("wiki.html", "Kalantari: Urmia could empty the region"),
              ("wiki.html", "Too many dams, too little lake"),
              ("factcheck.md", "by 2021"), ("factcheck.md", "guarantee"),
              (ARTICLE_DOC, "cool corridors")]

LINKS = [
    ("wiki.html", "h2/news/2015/urmia-exodus", "dead"),
    ("wiki.html", "w2/news/2015/urmia-exodus", "ok"),
    ("wiki.html", "h3/en/urmia-restoration", "ok"),
    ("wiki.html", "w3/en/urmia-restoration", "ok"),
    ("wiki.html", "h4/2015/03/urmia-dams", "blocked"),
    ("factcheck.md", "a5/press/2019/tram-statement", "ok"),
    ("factcheck.md", "a6/council/2019/depot", "ok"),
    ("factcheck.md", "a7/audit/2019/tram-budget", "dead"),
    ("digest.txt", "h8/politique/2024/05/nucleaire-independance", "ok"),
    ("digest.txt", "h9/marseille/2024/05/plan-arbres", "ok"),
    ("digest.txt", "h10/lyon/2024/05/neutralite-carbone", "ok"),
    ("digest.txt", "h11/business/engie-gas-outlook", "redirected"),
    (ARTICLE_DOC, "h14/news/otto-heatwaves", "ok"),
    (ARTICLE_DOC, "h15/reports/heat-deaths", "ok"),
    (ARTICLE_DOC, "h16/en/news/kluge-heat", "ok"),
    (ARTICLE_DOC, "h17/prensa/ribera-plan-calor", "error"),
]

FINAL_URLS = [("digest.txt", "h11/business/engie-gas-outlook", "h12/europe/engie-outlook")]

# Only the web.archive.org captures were cited: no original page is fetched for them.
UNFETCHED = [("h5", "/press/2019/tram-statement"), ("h6", "/council/2019/depot"),
             ("h7", "/audit/2019/tram-budget")]

# Second run, two days later: El País's page is back (the quote and its link recover), Carbon
# Brief's story is gone (a first 404: not yet confirmed, so its quote's source_unavailable is
# not announced), WHO rewrote its statement (the quote newly fails).
SECOND_QUOTES = [
    (ARTICLE_DOC, "heat action plan will be ready", "verified"),
    (ARTICLE_DOC, "made hotter by climate", "source_unavailable"),
    (ARTICLE_DOC, "heat is a silent killer", "not_found"),
    ("wiki.html", "five million people will", "verified_archive"),
    ("factcheck.md", "first tram line will carry", "verified_archive"),
]
SECOND_LINKS = [(ARTICLE_DOC, "h17/prensa/ribera-plan-calor", "ok"),
                (ARTICLE_DOC, "h14/news/otto-heatwaves", "dead")]
SECOND_CHANGES = {"newly_failing_quotes": ["heat is a silent killer"],
                  "recovered_quotes": ["heat action plan will be ready"],
                  "newly_failing_links": [],
                  "failing_unconfirmed_links": ["h14/news/otto-heatwaves"],
                  "recovered_links": ["h17/prensa/ribera-plan-calor"]}
STATUS_LINE = ("changed: newly failing quotes 1, recovered quotes 1, failing unconfirmed links "
               "1, recovered links 1")

# Cases that failed on the first run, each with its reason (see the commit history).
XFAIL: dict[str, str] = {
    f"{ARTICLE_DOC}:rose by 30 percent in a decade:status":
        "'in a decade' for 'over the past decade' and 'almost' dropped scores 0.75, under the "
        "0.80 partial threshold; lowering the project-wide threshold for one case would call "
        "true near-miss misquotes partial elsewhere",
}


# -- the runs ----------------------------------------------------------------------------


def _second_run(out: TwoRuns, c: Corpus, inputs: list[str]) -> None:
    c.web.page("/prensa/ribera-plan-calor", RIBERA, host=17)
    c.web.page("/news/otto-heatwaves", NOT_FOUND, host=14, status=404)
    c.web.page("/en/news/kluge-heat", KLUGE_EDITED, host=16)
    second_run(out, c, inputs, lambda: T0 + timedelta(days=2))


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoRuns]:
    root = tmp_path_factory.mktemp("e2e4")

    def documents(hosts: dict[str, str]) -> dict[str, str | bytes]:
        return {name: text.format(**hosts) for name, text in (
            ("wiki.html", WIKI_HTML), ("factcheck.md", FACTCHECK_MD),
            ("digest.txt", DIGEST_TXT))}

    with served_corpus(root, serve, documents) as c:
        inputs = [str(c.docs), c.hosts["h13"] + ARTICLE_PATH]
        out = first_run(c, inputs, lambda: T0)
        _second_run(out, c, inputs)
        yield out


# -- the cases ---------------------------------------------------------------------------


_param = functools.partial(case, xfail=XFAIL)  # a case of this set, its XFAIL marks applied


def _cases() -> Iterator[Any]:
    yield from export_cases(QUOTES, NOT_QUOTES, LINKS, XFAIL)
    yield from archive_cases(SNAPSHOTS, FINAL_URLS, XFAIL)
    for host, path in UNFETCHED:
        yield _param("unfetched", "factcheck.md", host, "", path,
                     f"factcheck.md:{host}{path}:original not fetched")


def _check_own(outcome: TwoRuns, kind: str, doc: str, key: str, expected: Any) -> None:
    """The cases of kinds only this set has."""
    assert kind == "unfetched"
    assert key + expected not in {ref for _, ref in outcome.fetched}, outcome.fetched


@pytest.mark.timeout(180)
@pytest.mark.parametrize(("kind", "doc", "key", "field_name", "expected"), list(_cases()) + list(
    second_cases(SECOND_QUOTES, SECOND_LINKS, SECOND_CHANGES, XFAIL, exit_status=1,
                 status_line=STATUS_LINE)))
def test_expected_export(outcome: TwoRuns, kind: str, doc: str, key: str, field_name: str,
                         expected: Any) -> None:
    if not outcome.check(kind, doc, key, field_name, expected):
        _check_own(outcome, kind, doc, key, expected)
