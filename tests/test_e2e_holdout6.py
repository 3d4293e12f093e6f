"""Held-out end to end, sixth set: five documents in shapes the first five sets lack (a Google
Docs HTML export whose every link goes through a google.com/url?q= wrapper and whose footnotes
are `#ftnt1` anchors with "[1]" markers; a Word-exported .htm in windows-1252 with mso classes,
`<o:p>`, smart quotes as entities and `_ftn1` footnotes; a Markdown brief with a YAML `date:`
and footnotes with named labels `[^ministry]`; a plain-text newsletter with "[3]" markers and a
"Links:" list at its foot; a PDF with its endnotes on its last page) quoting 33 sources served
by the fixture web and the fake Wayback Machine: a page moved with a 308, a cookie-setting
redirect loop that resolves on the second pass, a meta refresh to a new address, a quote in a
collapsed <details>, a quote split by an inline ad block, a soft 404 that is a search-results
page, a host that no longer resolves and one whose port is closed with captures before and
after the document's date, a page cited in two documents at dates either side of its edit, a
URL cited with and without `utm_` tracking arguments, a PDF holding a quote across a page
break, a 451, a 429 then 200, a windows-1251 Russian page whose charset is only in the HTTP
header, Spanish and Russian pages quoted in their language and in translation, soft hyphens
and no-break spaces inside a quote, a PDF served as application/octet-stream. Then a second
run two days later after one page was edited and one came back. Every expected value below
was written by hand, as a careful fact-checker would judge it, before the pipeline was run on
it; each expected field is its own test case so the score is countable.

First run: 143 of 170 expected fields right. The misses, each fixed by a general rule since:
- every link of the Google Docs export goes through google.com/url?q=…, and the wrapper was
  cited and fetched (refused: not the source), so its seven quotes were source_unavailable
  with the wrapper as their source and its links error (23 fields): a click-tracking wrapper
  (Google's, Facebook's, Outlook's Safe Links) is cited as the page it leads to;
- with the wrapper gone, the quote split on its page by an inline ad block ("… cut our
  freshwater use [Advertisement …] by half before 2030") was not_found (a field hidden behind
  the wrapper on the first run): an element whose class names nothing but an advertisement
  ('ad-slot', 'inline-ad', 'adsbygoogle' …) is not the page's text;
- "Its director, Karin Lund, now says that" had the speaker "now" (1 field): time words and
  reflexives ('now', 'already', 'today', 'herself') between a subject and its verb are passed
  over like 'also';
- "Stockholm University's Baltic centre said" had the speaker "Baltic" (1 field): an owner's
  named unit ('X's Baltic centre') is the speaker, the name inside it alone is not;
- "the organisation of emergency services" against a page writing "organization" was partial
  (1 field): -ise/-ised/-ising/-isation/-yse spellings are read as their -z- forms on both sides;
- the brief's URL cited with and without utm_ arguments was fetched twice (1 field): the
  normal form of a URL drops utm_* and click-identifier arguments.
One expectation was my own mistake and was changed: the quote cited through the utm_ URL had
that URL, tracking arguments included, as its expected source_url, which contradicts the
expectation written beside it that the page is one resource fetched once; it is the page's
address without them. 170 of 170 after those fixes.
"""

from __future__ import annotations

import functools
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote as urlquote

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
from fixtureweb import FixtureWeb, Reply, Request

T0 = datetime(2025, 5, 1, 2, 30, tzinfo=UTC)

# -- pages -------------------------------------------------------------------------------


def story(title: str, paragraphs: list[str], *, outlet: str, published: str,
          lang: str = "en", charset: str = "utf-8", extra: str = "") -> str:
    """A news page: header and menu, the story, a related list and a footer."""
    paras = "\n".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>{title} | {outlet}</title>
<meta property="article:published_time" content="{published}T08:00:00Z"></head>
<body><header><a href="/">{outlet}</a><nav><a href="/news">News</a> <a href="/world">World</a>
<a href="/opinion">Opinion</a></nav></header>
<main><article><h1>{title}</h1><time datetime="{published}">{published}</time>
{paras}
{extra}
</article><aside><h2>More from {outlet}</h2><ul><li><a href="/news/other">Another story from
this section</a></li></ul></aside></main>
<footer>© {outlet} {published[:4]} · <a href="/privacy">Privacy</a></footer></body></html>"""


def story_1251(title: str, paragraphs: list[str], *, outlet: str, published: str) -> bytes:
    """A Russian page in windows-1251 that names its charset only in the HTTP header."""
    page = story(title, paragraphs, outlet=outlet, published=published, lang="ru")
    return page.replace('<meta charset="utf-8">', "").encode("cp1251")


NOT_FOUND = ("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>"
             "<h1>Not Found</h1><p>The requested URL was not found on this server.</p>"
             "</body></html>")
GONE = "<html><head><title>410 Gone</title></head><body><h1>Gone</h1></body></html>"
SERVER_ERROR = ("<html><head><title>500 Internal Server Error</title></head><body>"
                "<h1>Internal Server Error</h1></body></html>")
LEGAL = ("<!DOCTYPE html><html><head><title>451 Unavailable For Legal Reasons</title></head>"
         "<body><h1>Unavailable For Legal Reasons</h1><p>This content is not available in your "
         "country following a court order.</p></body></html>")
TOO_MANY = "<html><head><title>429 Too Many Requests</title></head><body>Slow down</body></html>"

# A news site's search page, where a removed story's address now lands (served with 200).
SEARCH_RESULTS = """<!DOCTYPE html><html lang="es"><head><meta charset="utf-8">
<title>Resultados de búsqueda | Diario del Norte</title></head><body>
<header><a href="/">Diario del Norte</a><nav><a href="/region">Región</a>
<a href="/economia">Economía</a></nav></header>
<main><h1>Search results for: salar atacama agua comunidades</h1>
<form action="/buscar"><input name="q" value="salar atacama agua comunidades"></form>
<p>Sorry, no results were found for your search. Try different keywords.</p>
<h2>Most read</h2><ul><li><a href="/region/lluvias">Lluvias en la costa</a></li>
<li><a href="/economia/cobre">El precio del cobre sube</a></li></ul></main>
<footer>© Diario del Norte</footer></body></html>"""


# -- documents ---------------------------------------------------------------------------

GDOC, WORD, BRIEF, NEWS, PDF = "memo.html", "transit.htm", "brief.md", "newsletter.txt", \
    "health.pdf"


def gwrap(url: str) -> str:
    """How a Google Docs export writes a link: through google.com/url, HTML-escaped."""
    return (f"https://www.google.com/url?q={urlquote(url, safe='')}&amp;sa=D&amp;source=editors"
            "&amp;ust=1741950000000000&amp;usg=AOvVaw3xYz0AbCdEfGhIjKlMnOpQ")


GDOC_HTML = """<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">
<style type="text/css">ol{{margin:0;padding:0}}.c0{{color:#000000;font-weight:400;
font-size:11pt;font-family:"Arial"}}.c2{{padding-top:0pt;padding-bottom:0pt;line-height:1.15;
text-align:left}}.c5{{background-color:#ffffff;max-width:451.4pt;padding:72pt 72pt 72pt 72pt}}
.c9{{color:#1155cc;text-decoration:underline}}</style></head>
<body class="c5 doc-content">
<p class="c2 title" id="h.4x8k2m1"><span class="c0" style="font-size:26pt">Lithium and water in
the Atacama: briefing memo</span></p>
<p class="c2"><span class="c0" style="font-style:italic">Prepared for the editorial desk, 14
March 2025</span></p>
<p class="c2"><span class="c0">Companies call the new extraction method </span><span class="c0"
>&ldquo;green lithium&rdquo;</span><span class="c0">, and critics call the salt flats a
&ldquo;sacrifice zone&rdquo;.</span></p>
<p class="c2"><span class="c0">Chile&#39;s mining minister, Carla Fuentes, said that
&ldquo;el litio es una oportunidad que Chile no puede desaprovechar&rdquo;.</span><sup><a
href="#ftnt1" id="ftnt_ref1">[1]</a></sup><span class="c0"> She also said that &ldquo;the
state will keep a majority stake in every new lithium project&rdquo;.</span><sup><a
href="#ftnt2" id="ftnt_ref2">[2]</a></sup></p>
<p class="c2"><span class="c0" style="font-weight:400">Hydrologist Tomás Aguirre said that
</span><span class="c0" style="font-weight:700">&ldquo;the brine pumping lowers the water
table under the lagoons faster than rain can refill it&rdquo;</span><span class="c0">.</span><sup><a
href="#ftnt3" id="ftnt_ref3">[3]</a></sup></p>
<p class="c2"><span class="c0">SQM&#39;s sustainability director, Paula Marín, said that
&ldquo;direct extraction will cut our freshwater use by half before 2030&rdquo;.</span><sup><a
href="#ftnt4" id="ftnt_ref4">[4]</a></sup></p>
<p class="c2"><span class="c0">Community leader Sergio Cubillos said that &ldquo;no one asked
the Atacameño communities before the pumps arrived&rdquo;.</span><sup><a href="#ftnt5"
id="ftnt_ref5">[5]</a></sup></p>
<p class="c2"><span class="c0">The regional governor, Ricardo Díaz, said that &ldquo;the
region will receive a fair share of the royalties from every tonne&rdquo;.</span><sup><a
href="#ftnt6" id="ftnt_ref6">[6]</a></sup></p>
<p class="c2"><span class="c0">The economist Andrea Repetto said that &ldquo;prices have
halved and the boom is over&rdquo;.</span><sup><a href="#ftnt7" id="ftnt_ref7">[7]</a></sup></p>
<p class="c2"><span class="c0">A lawyer for the communities, Lorena Arce, said that &ldquo;the
environmental court will hear our appeal in April&rdquo;.</span></p>
<hr class="c8"><div><p class="c2"><a href="#ftnt_ref1" id="ftnt1">[1]</a><span class="c0">&nbsp;La
Tercera, 3 March 2025, </span><span class="c9"><a class="c9" href="{g1}">{h2}/nacional/2025/03/ministra-litio/</a></span></p></div>
<div><p class="c2"><a href="#ftnt_ref2" id="ftnt2">[2]</a><span class="c0">&nbsp;Reuters,
</span><span class="c9"><a class="c9" href="{g2}">&ldquo;Chile to keep control of lithium
projects&rdquo;</a></span><span class="c0">, 4 March 2025.</span></p></div>
<div><p class="c2"><a href="#ftnt_ref3" id="ftnt3">[3]</a><span class="c0">&nbsp;Universidad de
Antofagasta, research note, </span><span class="c9"><a class="c9" href="{g3}">{h4}/investigacion/salmuera-acuiferos</a></span></p></div>
<div><p class="c2"><a href="#ftnt_ref4" id="ftnt4">[4]</a><span class="c0">&nbsp;Mining Weekly,
</span><span class="c9"><a class="c9" href="{g4}">interview</a></span><span class="c0">, 10
February 2025.</span></p></div>
<div><p class="c2"><a href="#ftnt_ref5" id="ftnt5">[5]</a><span class="c0">&nbsp;Diario del
Norte, 20 January 2025, </span><span class="c9"><a class="c9" href="{g5}">{h6}/region/2025/01/comunidades-atacamenas-agua</a></span></p></div>
<div><p class="c2"><a href="#ftnt_ref6" id="ftnt6">[6]</a><span class="c0">&nbsp;Gobierno
Regional de Antofagasta, </span><span class="c9"><a class="c9" href="{g6}">press release</a></span><span
class="c0">, 1 March 2025.</span></p></div>
<div><p class="c2"><a href="#ftnt_ref7" id="ftnt7">[7]</a><span class="c0">&nbsp;El Mercurio,
</span><span class="c9"><a class="c9" href="{g7}">{h33}/economia/2025/02/litio-precios</a></span><span
class="c0">, 12 February 2025.</span></p></div>
</body></html>"""

GDOC_LINKS = {"g1": ("h2", "/nacional/2025/03/ministra-litio/"),
              "g2": ("h3", "/world/americas/chile-lithium-control-2025-03-04/"),
              "g3": ("h4", "/investigacion/salmuera-acuiferos"),
              "g4": ("h5", "/article/sqm-direct-extraction-interview"),
              "g5": ("h6", "/region/2025/01/comunidades-atacamenas-agua"),
              "g6": ("h7", "/prensa/royalties-litio-2025"),
              "g7": ("h33", "/economia/2025/02/litio-precios")}

WORD_HTM = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<title>Gas transit after 2025</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>Irena Kovalenko</o:Author>
  <o:Created>2025-02-10T09:12:00Z</o:Created>
  <o:LastSaved>2025-02-17T16:40:00Z</o:LastSaved>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no;margin:0cm;margin-bottom:8.0pt;font-size:11.0pt;font-family:"Calibri",sans-serif;}}
span.MsoFootnoteReference {{vertical-align:super;}}
p.MsoFootnoteText {{margin:0cm;font-size:10.0pt;}}
-->
</style>
</head>
<body lang=EN-GB link="#0563C1" vlink="#954F72" style='tab-interval:36.0pt;word-wrap:break-word'>
<div class=WordSection1>
<p class=MsoTitle>Gas transit after 2025<o:p></o:p></p>
<p class=MsoNormal>Energy desk briefing, 17 February 2025<o:p></o:p></p>
<p class=MsoNormal>Officials in Kyiv now speak of a &#8220;transit-free winter&#8221;.<o:p></o:p></p>
<p class=MsoNormal>The Russian energy ministry's spokesman, Alexei Volkov, said that
&#8220;&#1090;&#1088;&#1072;&#1085;&#1079;&#1080;&#1090; &#1095;&#1077;&#1088;&#1077;&#1079;
&#1059;&#1082;&#1088;&#1072;&#1080;&#1085;&#1091; &#1087;&#1088;&#1077;&#1082;&#1088;&#1072;&#1097;&#1105;&#1085;
&#1087;&#1086; &#1074;&#1080;&#1085;&#1077; &#1050;&#1080;&#1077;&#1074;&#1072;&#8221;.<a
style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span
class=MsoFootnoteReference><span style='mso-special-character:footnote'><span
class=MsoFootnoteReference><span style='font-size:11.0pt'>[1]</span></span></span></span></a><o:p></o:p></p>
<p class=MsoNormal>Slovakia's prime minister, Marek Horv&#225;th, said that &#8220;Slovakia
will not pay the price for a decision taken in Kyiv&#8221;.<a style='mso-footnote-id:ftn2'
href="#_ftn2" name="_ftnref2" title=""><span class=MsoFootnoteReference><span
style='mso-special-character:footnote'><span class=MsoFootnoteReference><span
style='font-size:11.0pt'>[2]</span></span></span></span></a><o:p></o:p></p>
<p class=MsoNormal>Naftogaz chief executive Oleksiy Chernyshov said that &#8220;our storage
sites entered the winter more than half full&#8221;.<a style='mso-footnote-id:ftn3'
href="#_ftn3" name="_ftnref3" title=""><span class=MsoFootnoteReference><span
style='mso-special-character:footnote'><span class=MsoFootnoteReference><span
style='font-size:11.0pt'>[3]</span></span></span></span></a><o:p></o:p></p>
<p class=MsoNormal>Moldova's energy minister, Victor Parlicov, said that &#8220;Transnistria
has enough gas for only twenty days&#8221;.<a style='mso-footnote-id:ftn4' href="#_ftn4"
name="_ftnref4" title=""><span class=MsoFootnoteReference><span
style='mso-special-character:footnote'><span class=MsoFootnoteReference><span
style='font-size:11.0pt'>[4]</span></span></span></span></a><o:p></o:p></p>
<p class=MsoNormal>Gazprom's deputy chairman, Vitaly Markelov, said that &#8220;exports to
Europe will be redirected through TurkStream&#8221;.<a style='mso-footnote-id:ftn5'
href="#_ftn5" name="_ftnref5" title=""><span class=MsoFootnoteReference><span
style='mso-special-character:footnote'><span class=MsoFootnoteReference><span
style='font-size:11.0pt'>[5]</span></span></span></span></a><o:p></o:p></p>
<p class=MsoNormal>The IEA's gas analyst, Greg Molnar, said that &#8220;Europe can replace the
lost transit volumes with liquefied gas, at a cost&#8221;.<a style='mso-footnote-id:ftn6'
href="#_ftn6" name="_ftnref6" title=""><span class=MsoFootnoteReference><span
style='mso-special-character:footnote'><span class=MsoFootnoteReference><span
style='font-size:11.0pt'>[6]</span></span></span></span></a><o:p></o:p></p>
<p class=MsoNormal>Austria's energy regulator, E-Control, said in a statement that &#8220;supply
to Austrian customers is secure for the whole winter&#8221;.<a style='mso-footnote-id:ftn7'
href="#_ftn7" name="_ftnref7" title=""><span class=MsoFootnoteReference><span
style='mso-special-character:footnote'><span class=MsoFootnoteReference><span
style='font-size:11.0pt'>[7]</span></span></span></span></a><o:p></o:p></p>
<p class=MsoNormal>Ukraine's energy minister, Herman Halushchenko, said that &#8220;Ukraine
will not extend the transit contract on any terms&#8221;.<a style='mso-footnote-id:ftn8'
href="#_ftn8" name="_ftnref8" title=""><span class=MsoFootnoteReference><span
style='mso-special-character:footnote'><span class=MsoFootnoteReference><span
style='font-size:11.0pt'>[8]</span></span></span></span></a><o:p></o:p></p>
</div>
<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all>
<hr align=left size=1 width="33%">
<![endif]>
<div style='mso-element:footnote' id=ftn1>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1"
title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><span
class=MsoFootnoteReference><span style='font-size:10.0pt'>[1]</span></span></span></span></a>
Kommersant, 2 January 2025, <a href="{h8}/doc/7412345">{h8}/doc/7412345</a><o:p></o:p></p>
</div>
<div style='mso-element:footnote' id=ftn2>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn2' href="#_ftnref2" name="_ftn2"
title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><span
class=MsoFootnoteReference><span style='font-size:10.0pt'>[2]</span></span></span></span></a>
TASR, 3 January 2025, <a href="{h9}/news/slovakia-transit-price">{h9}/news/slovakia-transit-price</a><o:p></o:p></p>
</div>
<div style='mso-element:footnote' id=ftn3>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn3' href="#_ftnref3" name="_ftn3"
title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><span
class=MsoFootnoteReference><span style='font-size:10.0pt'>[3]</span></span></span></span></a>
Naftogaz, news, 6 January 2025, <a href="{h10}/en/news/storage-winter">{h10}/en/news/storage-winter</a><o:p></o:p></p>
</div>
<div style='mso-element:footnote' id=ftn4>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn4' href="#_ftnref4" name="_ftn4"
title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><span
class=MsoFootnoteReference><span style='font-size:10.0pt'>[4]</span></span></span></span></a>
NewsMaker, 8 January 2025, <a href="{h11}/en/transnistria-twenty-days/">{h11}/en/transnistria-twenty-days/</a><o:p></o:p></p>
</div>
<div style='mso-element:footnote' id=ftn5>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn5' href="#_ftnref5" name="_ftn5"
title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><span
class=MsoFootnoteReference><span style='font-size:10.0pt'>[5]</span></span></span></span></a>
Interfax, 9 January 2025, <a href="{h12}/business/1002233">{h12}/business/1002233</a><o:p></o:p></p>
</div>
<div style='mso-element:footnote' id=ftn6>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn6' href="#_ftnref6" name="_ftn6"
title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><span
class=MsoFootnoteReference><span style='font-size:10.0pt'>[6]</span></span></span></span></a>
IEA, Gas Market Report Q1-2025, <a href="{h13}/reports/gas-market-report-q1-2025.pdf">{h13}/reports/gas-market-report-q1-2025.pdf</a><o:p></o:p></p>
</div>
<div style='mso-element:footnote' id=ftn7>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn7' href="#_ftnref7" name="_ftn7"
title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><span
class=MsoFootnoteReference><span style='font-size:10.0pt'>[7]</span></span></span></span></a>
E-Control, statement, 2 January 2025, <a href="{h14}/statements/2025-01-02-supply.txt">{h14}/statements/2025-01-02-supply.txt</a><o:p></o:p></p>
</div>
<div style='mso-element:footnote' id=ftn8>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn8' href="#_ftnref8" name="_ftn8"
title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><span
class=MsoFootnoteReference><span style='font-size:10.0pt'>[8]</span></span></span></span></a>
Interfax-Ukraine, 19 December 2024, <a href="{h34}/ru/news/1021777.html">{h34}/ru/news/1021777.html</a><o:p></o:p></p>
</div>
</div>
</body>
</html>"""

BRIEF_MD = """---
title: "Baltic cod: the collapse and the quota fight"
date: 2024-06-10
author: Jonas Berg
tags: [fisheries, baltic]
---

# Baltic cod: the collapse and the quota fight

Fishermen in Bornholm call the last decade "the empty years". Scientists prefer "recruitment
failure".

The Danish fisheries minister, Jacob Jensen, said that "the eastern cod stock will not recover
without a full stop to targeted fishing"[^ministry].

A former ICES adviser, Margit Eero, said that "the cod are starving because the seals and the
warm water took their food"[^ices-blog].

Researcher Henrik Svedäng said that "seal predation explains less than a tenth of the
decline"[^seals].

Swedish fishers' association chair Peter Olsson said that "small-scale fishers have been
sacrificed for the trawlers"[^sff]. He added that "the trawl ban came ten years too late"[^sff-2].

The WWF's Baltic programme head, Ottilia Thoreson, said that "the quota for 2024 ignores the
scientific advice"[^wwf].

Poland's deputy minister, Jacek Bogucki, said that "Polish fishermen must be compensated for
every day they cannot fish"[^pl].

## Notes

[^ministry]: Ministry of Food, Agriculture and Fisheries, news release, 22 May 2024, {h15}/news/2024/05/torsk-stop
[^ices-blog]: Baltic Science Blog, 30 May 2024, {h16}/2024/05/starving-cod/
[^seals]: Baltic Fisheries Institute, research news, 1 June 2024, {h17}/news/seal-predation-cod
[^sff]: Svenskt Fiske, 4 June 2024, {h18}/nyheter/smaskaligt-fiske-offrat
[^sff-2]: Svenskt Fiske, same article, {h18}/nyheter/smaskaligt-fiske-offrat?utm_source=newsletter&utm_medium=email&utm_campaign=juni
[^wwf]: WWF Baltic, 5 June 2024, {h19}/press/quota-2024-ignores-advice
[^pl]: Polish Ministry of Infrastructure, 7 June 2024, {h20}/web/infrastruktura/rekompensaty-rybacy
"""

NEWSLETTER_TXT = """THE BALTIC LETTER
Issue 42 -- 12 March 2025

Good morning. This week: cod, seals and the new quota round.

1. Seals after all?

The Baltic Fisheries Institute has changed its tune. Its director, Karin Lund, now says that
"grey seals eat more cod than all the fishing fleets together" [1].

2. Bornholm's harbours

Harbour master Lars Kofoed said that "the harbour lost its last cod trawler in November" [2].

3. A warning from Brussels

The EU fisheries commissioner, Costas Kadis, said that "there will be no exceptions for cod in
2025" [3]. He added that "member states must enforce the ban at sea and in port" [3].

4. Anglers

The Danish anglers' federation chair, Mette Holm, said that "recreational fishing for cod
should also stop" [4].

5. And finally

Stockholm University's Baltic centre said the sea's oxygen-free zones "now cover an area the
size of Ireland" [5]. Its researcher Anna Lindqvist said that "the dead zones grow every
summer the sea is warm" [6].

The Swedish fisheries agency chief, Erik Sandberg, said that "the agency will publish new
cod rules in April" (Dagens Nyheter, 10 March 2025).

Links:
[1] {h17}/news/seal-predation-cod
[2] {h21}/nyheder/bornholm-sidste-trawler
[3] {h22}/commissioner/status/1898765432101234567
[4] {h23}/nyheder/lystfiskere-torsk
[5] {h24}/news/dead-zones-2025
[6] {h25}/forskning/doda-zoner
"""

# The health report's body pages ("^n" a raised endnote marker) and its endnotes page.
HEALTH_BODY = [
    "Heat and health in southern Europe, 2024. A review for public-health officials. "
    "January 2025.",
    "Heat deaths have risen sharply. The WHO's regional director, Hans Kluge, said that "
    "\u201cheat is now the leading weather-related cause of death in Europe\u201d.^1",
    "Spain's health minister, Mónica García, said that \u201cevery heatwave death is "
    "preventable with the right plan\u201d.^2",
    "Italy's civil protection head, Fabio Ciciliano, said that \u201cthe [heat] alert system "
    "now covers twenty-seven cities\u201d.^3",
    "Epidemiologist Joan Ballester said that \u201cthe summer of 2024 killed more than "
    "sixty thousand people in Europe\u201d.^4",
    "Greece's prime minister, Kyriakos Mitsotakis, said that \u201cthe Acropolis will close "
    "at noon on every day of extreme heat\u201d.^5",
    "Portugal's director-general of health, Rita Sá Machado, said that \u201cthe organisation "
    "of emergency services must change for the summer months\u201d.^6",
]
HEALTH_NOTES = [
    "Notes",
    "1. WHO Europe, statement, 1 August 2024, {h26}/en/news/heat-leading-cause",
    "2. El País, 15 July 2024, {h27}/sociedad/2024-07-15/garcia-muertes-calor.html",
    "3. Protezione Civile, 20 June 2024, {h28}/en/press/heat-alert-2024",
    "4. Nature Medicine, ISGlobal summary, 12 December 2024, {h29}/en/-/heat-deaths-2024",
    "5. Kathimerini, 12 June 2024, {h30}/english/acropolis-closes-heat",
    "6. Direção-Geral da Saúde, 28 June 2024, {h31}/en/summer-plan-2024",
]


def health_pdf(hosts: dict[str, str]) -> bytes:
    """The report: body pages with raised endnote markers, then a last page of endnotes."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2025, 1, 20, 10, 0, tzinfo=UTC))
    pdf.add_font("Body", fname=DEJAVU)
    for chunk in (HEALTH_BODY[:4], HEALTH_BODY[4:]):
        pdf.add_page()
        pdf.set_font("Body", size=11)
        for para in chunk:
            for i, piece in enumerate(para.split("^")):
                if i:
                    pdf.char_vpos = "SUP"
                    pdf.write(6, piece[0])
                    pdf.char_vpos = "LINE"
                    piece = piece[1:]
                pdf.write(6, piece)
            pdf.ln(10)
    pdf.add_page()
    pdf.set_font("Body", size=10)
    for note in HEALTH_NOTES:
        pdf.multi_cell(0, 5, note.format(**hosts))
        pdf.ln(2)
    return bytes(pdf.output())


# -- the sources -------------------------------------------------------------------------

KLUGE = story("Heat is now Europe's deadliest weather", [
    "WHO Regional Director for Europe Hans Kluge said: “Heat is now the leading "
    "weather-related cause of death in Europe.”",
], outlet="WHO Europe", published="2024-08-01")

# The institute's page before and after its edit of September 2024.
SEALS_OLD = story("Seals and cod: what the data say", [
    "Institute researcher Henrik Svedäng said that seal predation explains less than a tenth "
    "of the decline of the eastern cod stock.",
], outlet="Baltic Fisheries Institute", published="2024-06-01")
SEALS_NEW = story("Seals and cod: a new assessment", [
    "Director Karin Lund said that grey seals eat more cod than all the fishing fleets "
    "together, according to the institute's new diet study.",
], outlet="Baltic Fisheries Institute", published="2024-09-20")

DEAD_ZONES = story("Dead zones in the Baltic, 2025", [
    "Researcher Anna Lindqvist said that the dead zones grow every summer the sea is warm.",
], outlet="Baltic Sea Centre", published="2025-03-05")
DEAD_ZONES_EDITED = story("Dead zones in the Baltic, 2025", [
    "The centre's researchers described the growth of the Baltic's oxygen-free areas.",
], outlet="Baltic Sea Centre", published="2025-03-05")

POLAND = story("Rekompensaty dla rybaków", [
    "Deputy minister Jacek Bogucki said that Polish fishermen must be compensated for every "
    "day they cannot fish.",
], outlet="Ministry of Infrastructure", published="2024-06-07")


def closed_port() -> int:
    """A loopback port nothing listens on: bound, then released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(web: FixtureWeb, wayback: FakeWayback) -> dict[str, str]:
    """Serve every source; returns the host bases used to fill the documents."""
    h = {f"h{i}": web.base(i) for i in range(2, 36)}
    h["h15"] = "http://baltic-ministry.invalid"  # the ministry's old domain no longer resolves
    h["h16"] = f"http://127.0.0.1:{closed_port()}"  # the blog's server is gone
    u = lambda key, path: h[key] + path  # noqa: E731
    _serve_memo_sources(web, wayback, u)
    _serve_transit_sources(web, wayback, u)
    _serve_brief_sources(web, wayback, u)
    _serve_newsletter_sources(web, wayback, u)
    _serve_health_sources(web, wayback, u)
    for key, (host, path) in GDOC_LINKS.items():
        h[key] = gwrap(u(host, path))
    return h


def _serve_memo_sources(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    web.page("/nacional/2025/03/ministra-litio/", story("La ministra defiende la estrategia", [
        "La ministra de Minería, Carla Fuentes, afirmó que “el litio es una oportunidad que "
        "Chile no puede desaprovechar” y pidió acelerar los proyectos.",
    ], outlet="La Tercera", published="2025-03-03", lang="es"), host=2)
    old = "/world/americas/chile-lithium-control-2025-03-04/"
    new = "/markets/commodities/chile-lithium-control-2025-03-04/"
    web.redirect(old, u("h3", new), status=308, host=3)
    web.page(new, story("Chile to keep control of lithium projects", [
        "Mining minister Carla Fuentes said the state will keep a majority stake in every new "
        "lithium project, in partnership with private companies.",
    ], outlet="Reuters", published="2025-03-04"), host=3)
    web.page("/investigacion/salmuera-acuiferos", story("Brine and aquifers", [
        "A three-year monitoring study of the lagoons of the Salar de Atacama.",
        "<details><summary>Read the researchers' statement</summary><p>Hydrologist Tomás "
        "Aguirre said that the brine pumping lowers the water table under the lagoons faster "
        "than rain can refill it.</p></details>",
    ], outlet="Universidad de Antofagasta", published="2025-01-15"), host=4)
    web.page("/article/sqm-direct-extraction-interview", story("SQM bets on direct extraction", [
        "<p>Paula Marín, SQM's sustainability director, said that direct extraction will cut "
        "our freshwater use<div class=\"ad-slot inline-ad\"><span>Advertisement</span><a "
        "href=\"/ads/click\">Mining equipment sale: up to 30% off drills</a></div> by half "
        "before 2030.</p>",
    ], outlet="Mining Weekly", published="2025-02-10"), host=5)
    gone = "/region/2025/01/comunidades-atacamenas-agua"
    web.redirect(gone, u("h6", "/buscar?q=salar+atacama+agua+comunidades"), status=302, host=6)
    web.page("/buscar", SEARCH_RESULTS, host=6)
    wayback.capture(u("h6", gone), "20250121090000", story("Comunidades atacameñas y el agua", [
        "Community leader Sergio Cubillos said that “no one asked the Atacameño communities "
        "before the pumps arrived”.",
    ], outlet="Diario del Norte", published="2025-01-20", lang="es"))
    web.page("/prensa/royalties-litio-2025", story("Royalties for the region", [
        "Governor Ricardo Díaz said that the region will receive a fair share of the taxes "
        "from every tonne of lithium exported.",
    ], outlet="Gobierno Regional de Antofagasta", published="2025-03-01"), host=7)
    web.page("/economia/2025/02/litio-precios", story("El fin del auge del litio", [
        "La economista Andrea Repetto dijo que “los precios se han reducido a la mitad y el "
        "auge terminó”.",
    ], outlet="El Mercurio", published="2025-02-12", lang="es"), host=33)


def _serve_transit_sources(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    web.page("/doc/7412345", story_1251("Транзит газа через Украину прекращён", [
        "Официальный представитель Минэнерго Алексей Волков заявил, что «транзит через "
        "Украину прекращён по вине Киева»."], outlet="Коммерсантъ", published="2025-01-02"),
        host=8, content_type="text/html; charset=windows-1251")

    def cookie_loop(r: Request) -> Reply:
        if "tasr_session=ok" in r.headers.get("Cookie", ""):
            return Reply(body=story("Slovakia will not pay the price, says PM", [
                "Prime Minister Marek Horváth said that “Slovakia will not pay the price for a "
                "decision taken in Kyiv”.",
            ], outlet="TASR", published="2025-01-03"))
        return Reply(302, b"", None, {"Location": u("h9", "/news/slovakia-transit-price"),
                                      "Set-Cookie": "tasr_session=ok; Path=/"})

    web.route("/news/slovakia-transit-price", cookie_loop, host=9)
    web.page("/en/news/storage-winter", """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=/en/press-centre/news/storage-winter-2025">
<title>Redirecting…</title></head><body><p>This page has moved. <a
href="/en/press-centre/news/storage-winter-2025">Continue</a>.</p></body></html>""", host=10)
    web.page("/en/press-centre/news/storage-winter-2025", story("Storage entered winter half full", [
        "Naftogaz CEO Oleksiy Chernyshov said that “our storage sites entered the winter more "
        "than half full”.",
    ], outlet="Naftogaz", published="2025-01-06"), host=10)
    web.page("/en/transnistria-twenty-days/", LEGAL, host=11, status=451)
    wayback.capture(u("h11", "/en/transnistria-twenty-days/"), "20250108150000", story(
        "Transnistria has gas for twenty days", [
            "Energy minister Victor Parlicov said that “Transnistria has enough gas for only "
            "twenty days”."], outlet="NewsMaker", published="2025-01-08"))
    web.page("/business/1002233", NOT_FOUND, host=12, status=404)
    web.page("/reports/gas-market-report-q1-2025.pdf", pdf_pages(font=DEJAVU, pages=[
        "Gas Market Report, Q1-2025. International Energy Agency. The end of transit through "
        "Ukraine removes about 15 bcm a year from the European market. Greg Molnar, gas "
        "analyst, said: \u201cEurope can replace the lost transit",
        "volumes with liquefied gas, at a cost.\u201d LNG imports are expected to rise by a "
        "fifth in 2025.",
    ]), host=13, content_type="application/pdf")
    web.page("/statements/2025-01-02-supply.txt", (
        "E-Control statement, 2 January 2025\n\nThe end of gas transit through Ukraine has no "
        "effect on supply. Supply to Austrian customers is secure for the whole winter.\n"),
        host=14, content_type="text/plain; charset=utf-8")
    web.page("/ru/news/1021777.html", story("Галущенко: транзит не будет продлён", [
        "Министр энергетики Герман Галущенко заявил, что «Украина не будет продлевать "
        "транзитный контракт ни на каких условиях».",
    ], outlet="Интерфакс-Украина", published="2024-12-19", lang="ru"), host=34)


def _serve_brief_sources(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    stop = u("h15", "/news/2024/05/torsk-stop")
    for stamp, wording in (("20240523090000", "will not recover without a full stop to "
                            "targeted fishing"),
                           ("20240615090000", "will not recover without a full stop to "
                            "targeted fishing, and the ministry will press for one in October")):
        wayback.capture(stop, stamp, story("Minister: a full stop for cod", [
            f"Minister Jacob Jensen said that the eastern cod stock {wording}.",
        ], outlet="Ministry of Food, Agriculture and Fisheries", published="2024-05-22"))
    blog = u("h16", "/2024/05/starving-cod/")
    wayback.capture(blog, "20240531120000", story("Why the cod are starving", [
        "Margit Eero, a former ICES adviser, said that the cod are starving because the seals "
        "and the warm water took their food.",
    ], outlet="Baltic Science Blog", published="2024-05-30"))
    web.page("/news/seal-predation-cod", SEALS_NEW, host=17)
    wayback.capture(u("h17", "/news/seal-predation-cod"), "20240602080000", SEALS_OLD)
    wayback.capture(u("h17", "/news/seal-predation-cod"), "20240925080000", SEALS_NEW)
    web.page("/nyheter/smaskaligt-fiske-offrat", story("Småskaligt fiske offrat", [
        "Peter Olsson, chair of the association, said that small-scale fishers have been "
        "sacrificed for the trawlers. “The trawl ban came ten years too late,” he added.",
    ], outlet="Svenskt Fiske", published="2024-06-04"), host=18)
    web.page("/press/quota-2024-ignores-advice", story("Quota ignores the science", [
        "Ottilia Thoreson, head of WWF's Baltic programme, said that the quota for 2023 "
        "ignores the scientific advice.",
    ], outlet="WWF Baltic", published="2024-06-05"), host=19)
    web.page("/web/infrastruktura/rekompensaty-rybacy", SERVER_ERROR, host=20, status=500)


def _serve_newsletter_sources(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    web.page("/nyheder/bornholm-sidste-trawler", story("Bornholm's last trawler", [
        "Harbour master Lars Kofoed said that the harbour lost its last cod&shy;&nbsp;trawler "
        "in Novem&shy;ber.",
    ], outlet="TV2 Bornholm", published="2025-03-01"), host=21)
    web.page("/commissioner/status/1898765432101234567", story("Commissioner Kadis on cod", [
        "<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">There will be no "
        "exceptions for cod in 2025.<br>Member states must enforce the ban at sea and in "
        "port.</p>&mdash; Costas Kadis (@KadisEU) <a href=\"/status/1\">March 8, 2025</a>"
        "</blockquote>",
    ], outlet="Social", published="2025-03-08"), host=22)
    web.sequence("/nyheder/lystfiskere-torsk", [
        Reply(429, TOO_MANY, headers={"Retry-After": "1"}),
        Reply(body=story("Lystfiskere: stop for torsk", [
            "Federation chair Mette Holm said that recreational fishing for cod should also "
            "stop.",
        ], outlet="Fisk & Fri", published="2025-03-09"))], host=23)
    web.page("/news/dead-zones-2025", story("Oxygen-free zones now the size of Ireland", [
        "The Baltic's oxygen-free zones now cover an area the size of Ireland, the centre said.",
    ], outlet="Stockholm University Baltic Sea Centre", published="2025-03-04"), host=24)
    web.page("/forskning/doda-zoner", DEAD_ZONES, host=25)


def _serve_health_sources(web: FixtureWeb, wayback: FakeWayback, u: Any) -> None:
    web.page("/en/news/heat-leading-cause", KLUGE, host=26)
    web.redirect("/sociedad/2024-07-15/garcia-muertes-calor.html",
                 u("h32", "/english/2024-07-15/garcia-heat-deaths.html"), host=27)
    web.page("/english/2024-07-15/garcia-heat-deaths.html", story("García: heat deaths", [
        "Health minister Mónica García said that “every heatwave death is preventable with "
        "the right plan”.",
    ], outlet="El País English", published="2024-07-15"), host=32)
    web.page("/en/press/heat-alert-2024", story("Heat alert system extended", [
        "Civil protection head Fabio Ciciliano said that the alert system now covers "
        "twenty-seven cities.",
    ], outlet="Protezione Civile", published="2024-06-20"), host=28)
    web.page("/en/-/heat-deaths-2024", pdf_pages(font=DEJAVU, pages=[
        "ISGlobal summary. Joan Ballester said that the summer of 2024 killed more than sixty "
        "thousand people in Europe.",
    ]), host=29, content_type="application/octet-stream")
    web.page("/english/acropolis-closes-heat", story("Acropolis closes in heatwave", [
        "The Acropolis closed from noon to 5 pm on Wednesday as temperatures passed 40C, the "
        "culture ministry said.",
    ], outlet="Kathimerini", published="2024-06-12"), host=30)
    web.page("/en/summer-plan-2024", story("Summer contingency plan 2024", [
        "Director-general Rita Sá Machado said that the organization of emergency services "
        "must change for the summer months.",
    ], outlet="DGS", published="2024-06-28"), host=31)


# -- expected export, written before the first run -------------------------------------

QUOTES = [
    Q(GDOC, "el litio es una oportunidad", "verified", "Carla Fuentes",
      "h2/nacional/2025/03/ministra-litio/"),
    Q(GDOC, "majority stake", "verified", "Carla Fuentes",
      "h3/world/americas/chile-lithium-control-2025-03-04/"),
    Q(GDOC, "brine pumping lowers", "verified", "Tomás Aguirre",
      "h4/investigacion/salmuera-acuiferos"),
    Q(GDOC, "cut our freshwater use", "verified", "Paula Marín",
      "h5/article/sqm-direct-extraction-interview"),
    Q(GDOC, "no one asked the Atacameño", "verified_archive", "Sergio Cubillos",
      "h6/region/2025/01/comunidades-atacamenas-agua"),
    Q(GDOC, "fair share of the royalties", "partial", "Ricardo Díaz",
      "h7/prensa/royalties-litio-2025"),
    Q(GDOC, "prices have halved", "cross_language", "Andrea Repetto",
      "h33/economia/2025/02/litio-precios"),
    Q(GDOC, "environmental court will hear", "unsourced", "Lorena Arce", None),
    Q(WORD, "транзит через Украину", "verified", "Alexei Volkov", "h8/doc/7412345"),
    Q(WORD, "will not pay the price", "verified", "Marek Horváth",
      "h9/news/slovakia-transit-price"),
    Q(WORD, "more than half full", "verified", "Oleksiy Chernyshov",
      "h10/en/news/storage-winter"),
    Q(WORD, "twenty days", "verified_archive", "Victor Parlicov",
      "h11/en/transnistria-twenty-days/"),
    Q(WORD, "redirected through TurkStream", "source_unavailable", "Vitaly Markelov",
      "h12/business/1002233"),
    Q(WORD, "replace the lost transit volumes", "verified", "Greg Molnar",
      "h13/reports/gas-market-report-q1-2025.pdf"),
    Q(WORD, "secure for the whole winter", "verified", "E-Control",
      "h14/statements/2025-01-02-supply.txt"),
    Q(WORD, "extend the transit contract", "cross_language", "Herman Halushchenko",
      "h34/ru/news/1021777.html"),
    Q(BRIEF, "full stop to targeted fishing", "verified_archive", "Jacob Jensen",
      "h15/news/2024/05/torsk-stop"),
    Q(BRIEF, "cod are starving", "verified_archive", "Margit Eero",
      "h16/2024/05/starving-cod/"),
    Q(BRIEF, "less than a tenth", "verified_archive", "Henrik Svedäng",
      "h17/news/seal-predation-cod"),
    Q(BRIEF, "sacrificed for the trawlers", "verified", "Peter Olsson",
      "h18/nyheter/smaskaligt-fiske-offrat"),
    Q(BRIEF, "ten years too late", "verified", "Peter Olsson",
      "h18/nyheter/smaskaligt-fiske-offrat"),
    Q(BRIEF, "ignores the scientific advice", "partial", "Ottilia Thoreson",
      "h19/press/quota-2024-ignores-advice"),
    Q(BRIEF, "must be compensated", "source_unavailable", "Jacek Bogucki",
      "h20/web/infrastruktura/rekompensaty-rybacy"),
    Q(NEWS, "grey seals eat more cod", "verified", "Karin Lund",
      "h17/news/seal-predation-cod"),
    Q(NEWS, "last cod trawler", "verified", "Lars Kofoed", "h21/nyheder/bornholm-sidste-trawler"),
    Q(NEWS, "no exceptions for cod", "verified", "Costas Kadis",
      "h22/commissioner/status/1898765432101234567"),
    Q(NEWS, "enforce the ban at sea", "verified", "Costas Kadis",
      "h22/commissioner/status/1898765432101234567"),
    Q(NEWS, "recreational fishing for cod", "verified", "Mette Holm",
      "h23/nyheder/lystfiskere-torsk"),
    Q(NEWS, "size of Ireland", "verified", "Stockholm University's Baltic centre",
      "h24/news/dead-zones-2025"),
    Q(NEWS, "dead zones grow", "verified", "Anna Lindqvist", "h25/forskning/doda-zoner"),
    Q(NEWS, "new cod rules in April", "unsourced", "Erik Sandberg", None),
    Q(PDF, "leading weather-related cause", "verified", "Hans Kluge",
      "h26/en/news/heat-leading-cause"),
    Q(PDF, "every heatwave death", "verified", "Mónica García",
      "h27/sociedad/2024-07-15/garcia-muertes-calor.html"),
    Q(PDF, "alert system now covers", "verified", "Fabio Ciciliano",
      "h28/en/press/heat-alert-2024"),
    Q(PDF, "sixty thousand people", "verified", "Joan Ballester", "h29/en/-/heat-deaths-2024"),
    Q(PDF, "Acropolis will close", "not_found", "Kyriakos Mitsotakis",
      "h30/english/acropolis-closes-heat"),
    Q(PDF, "emergency services must change", "verified", "Rita Sá Machado",
      "h31/en/summer-plan-2024"),
]

# scare quotes and labels: not quotations
NOT_QUOTES = [(GDOC, "green lithium"), (GDOC, "sacrifice zone"),
              (WORD, "transit-free winter"), (BRIEF, "the empty years"),
              (BRIEF, "recruitment failure")]

LINKS = [
    (GDOC, "h2/nacional/2025/03/ministra-litio/", "ok"),
    (GDOC, "h3/world/americas/chile-lithium-control-2025-03-04/", "redirected"),
    (GDOC, "h4/investigacion/salmuera-acuiferos", "ok"),
    (GDOC, "h5/article/sqm-direct-extraction-interview", "ok"),
    (GDOC, "h6/region/2025/01/comunidades-atacamenas-agua", "soft_404"),
    (GDOC, "h7/prensa/royalties-litio-2025", "ok"),
    (GDOC, "h33/economia/2025/02/litio-precios", "ok"),
    (WORD, "h8/doc/7412345", "ok"),
    (WORD, "h9/news/slovakia-transit-price", "ok"),
    (WORD, "h10/en/news/storage-winter", "redirected"),
    (WORD, "h11/en/transnistria-twenty-days/", "blocked"),
    (WORD, "h12/business/1002233", "dead"),
    (WORD, "h13/reports/gas-market-report-q1-2025.pdf", "ok"),
    (WORD, "h14/statements/2025-01-02-supply.txt", "ok"),
    (WORD, "h34/ru/news/1021777.html", "ok"),
    (BRIEF, "h15/news/2024/05/torsk-stop", "dead"),
    (BRIEF, "h16/2024/05/starving-cod/", "error"),
    (BRIEF, "h17/news/seal-predation-cod", "ok"),
    (BRIEF, "h18/nyheter/smaskaligt-fiske-offrat", "ok"),
    (BRIEF, "h18/nyheter/smaskaligt-fiske-offrat?utm_source=newsletter&utm_medium=email"
     "&utm_campaign=juni", "ok"),
    (BRIEF, "h19/press/quota-2024-ignores-advice", "ok"),
    (BRIEF, "h20/web/infrastruktura/rekompensaty-rybacy", "error"),
    (NEWS, "h17/news/seal-predation-cod", "ok"),
    (NEWS, "h21/nyheder/bornholm-sidste-trawler", "ok"),
    (NEWS, "h22/commissioner/status/1898765432101234567", "ok"),
    (NEWS, "h23/nyheder/lystfiskere-torsk", "ok"),
    (NEWS, "h24/news/dead-zones-2025", "ok"),
    (NEWS, "h25/forskning/doda-zoner", "ok"),
    (PDF, "h26/en/news/heat-leading-cause", "ok"),
    (PDF, "h27/sociedad/2024-07-15/garcia-muertes-calor.html", "redirected"),
    (PDF, "h28/en/press/heat-alert-2024", "ok"),
    (PDF, "h29/en/-/heat-deaths-2024", "ok"),
    (PDF, "h30/english/acropolis-closes-heat", "ok"),
    (PDF, "h31/en/summer-plan-2024", "ok"),
]

# Where a redirected citation ended up.
FINAL_URLS = [
    (GDOC, "h3/world/americas/chile-lithium-control-2025-03-04/",
     "h3/markets/commodities/chile-lithium-control-2025-03-04/"),
    (WORD, "h10/en/news/storage-winter", "h10/en/press-centre/news/storage-winter-2025"),
    (PDF, "h27/sociedad/2024-07-15/garcia-muertes-calor.html",
     "h32/english/2024-07-15/garcia-heat-deaths.html"),
]

# The capture each archived verdict must rest on: the nearest on or before the document's
# date (brief.md: 10 June 2024), else the first after it.
SNAPSHOTS = [
    (GDOC, "no one asked the Atacameño", "20250121090000"),
    (WORD, "twenty days", "20250108150000"),
    (BRIEF, "full stop to targeted fishing", "20240523090000"),
    (BRIEF, "cod are starving", "20240531120000"),
    (BRIEF, "less than a tenth", "20240602080000"),
]

# Pages fetched once however often or however they are cited (tracking arguments aside).
ONE_FETCH = [("h18", "/nyheter/smaskaligt-fiske-offrat"), ("h17", "/news/seal-predation-cod")]

# Second run, two days later: the Baltic Sea Centre rewrote its dead-zones page (the quote
# newly fails), the Polish ministry's page is back (its quote and link recover).
SECOND_QUOTES = [
    (NEWS, "dead zones grow", "not_found"),
    (BRIEF, "must be compensated", "verified"),
    (BRIEF, "less than a tenth", "verified_archive"),
    (NEWS, "grey seals eat more cod", "verified"),
]
SECOND_LINKS = [(BRIEF, "h20/web/infrastruktura/rekompensaty-rybacy", "ok"),
                (NEWS, "h25/forskning/doda-zoner", "ok")]
SECOND_CHANGES = {"newly_failing_quotes": ["dead zones grow"],
                  "recovered_quotes": ["must be compensated"],
                  "recovered_links": ["h20/web/infrastruktura/rekompensaty-rybacy"]}

# Cases that failed on the first run, each with its reason (see the commit history).
XFAIL: dict[str, str] = {}


# -- the runs ----------------------------------------------------------------------------


def _second_run(out: TwoRuns, c: Corpus, inputs: list[str]) -> None:
    c.web.page("/forskning/doda-zoner", DEAD_ZONES_EDITED, host=25)
    c.web.page("/web/infrastruktura/rekompensaty-rybacy", POLAND, host=20)
    second_run(out, c, inputs, lambda: T0 + timedelta(days=2))


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoRuns]:
    root = tmp_path_factory.mktemp("e2e6")

    def documents(hosts: dict[str, str]) -> dict[str, str | bytes]:
        return {GDOC: GDOC_HTML.format(**hosts),
                WORD: WORD_HTM.format(**hosts).encode("cp1252"),
                BRIEF: BRIEF_MD.format(**hosts), NEWS: NEWSLETTER_TXT.format(**hosts),
                PDF: health_pdf(hosts)}

    with served_corpus(root, serve, documents) as c:
        inputs = [str(c.docs)]
        out = first_run(c, inputs, lambda: T0)
        _second_run(out, c, inputs)
        yield out


# -- the cases ---------------------------------------------------------------------------


_param = functools.partial(case, xfail=XFAIL)  # a case of this set, its XFAIL marks applied


def _cases() -> Iterator[Any]:
    yield from export_cases(QUOTES, NOT_QUOTES, LINKS, XFAIL)
    yield from archive_cases(SNAPSHOTS, FINAL_URLS, XFAIL)
    for host, path in ONE_FETCH:
        yield _param("one_fetch", "", host, "", path, f"{host}{path}:fetched once")


def _check_own(outcome: TwoRuns, kind: str, doc: str, key: str, expected: Any) -> None:
    """The cases of kinds only this set has."""
    assert kind == "one_fetch"
    assert outcome.fetched.count(("GET", key + expected)) == 1, outcome.fetched


@pytest.mark.timeout(240)
@pytest.mark.parametrize(("kind", "doc", "key", "field_name", "expected"), list(_cases()) + list(
    second_cases(SECOND_QUOTES, SECOND_LINKS, SECOND_CHANGES, XFAIL, exit_status=1)))
def test_expected_export(outcome: TwoRuns, kind: str, doc: str, key: str, field_name: str,
                         expected: Any) -> None:
    if not outcome.check(kind, doc, key, field_name, expected):
        _check_own(outcome, kind, doc, key, expected)
