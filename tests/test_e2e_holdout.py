"""Held-out end to end: three realistic documents (a Markdown post with inline links, text
pasted from a PDF with glued footnote markers, an HTML article) quoting 24 sources served by
the fixture web and the fake Wayback Machine. The expected export below was written by hand,
as a careful fact-checker would judge each quote, before the pipeline was run on it; each
expected field is its own test case so the score is countable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e_support import (
    ExportView,
    Q,
    check_export,
    export_cases,
    first_run,
    pdf_pages,
    served_corpus,
)
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply

# -- pages -------------------------------------------------------------------------------


def news(title: str, paragraphs: list[str], *, lang: str = "en", outlet: str = "Daily Courier",
         published: str = "2021-05-03", body_extra: str = "") -> str:
    """A news article inside a realistic template: nav, cookie banner, scripts, related
    stories and a footer around the story text."""
    paras = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="article:published_time" content="{published}T09:30:00Z">
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"event":"pageview",
"headline":"{title}"}});</script>
<style>.nav{{display:flex}} .cookie{{position:fixed}}</style>
</head><body>
<div class="cookie" id="cookie-banner">We use cookies to improve your experience.
<button>Accept all</button></div>
<header><a href="/">{outlet}</a><nav class="nav"><ul><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
</header>
<main><article><h1>{title}</h1>
<div class="byline">By Staff Reporter · <time datetime="{published}">{published}</time></div>
{paras}
{body_extra}
</article>
<aside><h2>Most read</h2><ol><li><a href="/a">Markets slide as oil climbs</a></li>
<li><a href="/b">Ten things to know this week</a></li></ol></aside></main>
<footer><p>© 2021 {outlet}. All rights reserved.</p><a href="/privacy">Privacy</a>
<a href="/terms">Terms of use</a></footer>
<script src="/static/app.js"></script>
<script>var related = ["Officials say the drought is over"];</script>
</body></html>"""


PERSIAN = """<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>جیره‌بندی آب در تهران از تیرماه آغاز می‌شود | خبرگزاری</title></head><body>
<nav><a href="/">صفحه اصلی</a> <a href="/fa/politics">سیاسی</a> <a href="/fa/economy">اقتصادی</a></nav>
<article><h1>جیره‌بندی آب در تهران از تیرماه آغاز می‌شود</h1>
<p>وزیر نیرو در گفت‌وگو با تلویزیون دولتی اعلام کرد که جیره‌بندی آب در تهران از تیرماه آغاز
می‌شود و همه شهروندان باید مصرف خود را کاهش دهند.</p>
<p>به گفته اردکانیان، ذخایر سدهای استان تهران به پایین‌ترین سطح در دهه‌های اخیر رسیده است و
وزارت نیرو برنامه‌ای برای مدیریت مصرف در ماه‌های گرم سال تدوین کرده است.</p>
</article><footer>تمامی حقوق محفوظ است.</footer></body></html>"""

GERMAN = news("Habeck: Deutschland hinkt bei den Klimazielen hinterher", [
    "Bundeswirtschaftsminister Robert Habeck hat eine ernüchternde Bilanz gezogen.",
    "„Wir sind bei allen Klimazielen im Rückstand“, sagte der Grünen-Politiker am Mittwoch in "
    "Berlin. Der Ausbau der erneuerbaren Energien müsse sich verdreifachen.",
], lang="de", outlet="Tagesblatt", published="2023-01-11")

CLOUDFLARE = """<!DOCTYPE html><html lang="en-US"><head><title>Attention Required! | Cloudflare
</title></head><body><div id="cf-wrapper"><h1>Sorry, you have been blocked</h1>
<h2>You are unable to access lorientlejour.example</h2><p>This website is using a security
service to protect itself from online attacks.</p><p>Cloudflare Ray ID: 7a1b2c3d4e5f</p>
</div></body></html>"""

HOME = news("Home", [
    "Top stories: Government unveils budget; Football: cup final tonight; Weather: sunny.",
    "Latest: Parliament debates electricity tariffs. Markets: lira steady on parallel market.",
], outlet="Beirut Daily", published="2022-02-10")


def pdf_source() -> bytes:
    """A UNICEF-style brief as a real PDF."""
    text = ("Water scarcity brief, May 2021. In a field visit to Sistan and Baluchestan, the "
            "UNICEF representative, Hamida Lasseko, wrote that children in rural areas are the "
            "first to suffer when wells run dry, and that girls often walk for hours to fetch "
            "water for their families. UNICEF is supporting the installation of 40 new "
            "water points in the province.")
    return pdf_pages([text])


# -- documents ---------------------------------------------------------------------------

REPORT_TXT = """Iran's water crisis: a briefing
June 14, 2021

Briefing note — Iran water crisis                                                     1

The drought of 2021 has hit every province. Energy Minister Reza Ardakanian said that “the
country is facing the worst drought in fifty years and every province must cut consumption.”1
Ardakanian later told state television that “water rationing in Tehran will begin in July.”2
UNICEF’s representative, Hamida Lasseko, wrote that “children in rural areas are the first to
suffer when wells run dry.”3 In the south, local MP Mohammad Hossein Farhangi said that
“farmers in Khuzestan have lost their entire harvest this year.”4

Officials described the protesters as “rioters” and blamed “foreign agents” for the unrest.

1 Daily Courier, “Minister warns of worst drought,” May 3, 2021, {h2}/2021/05/03/water-
minister
2 IRNA Persian, May 20, 2021, {h3}/fa/news/84312
3 UNICEF, Water scarcity brief, May 2021, {h4}/media/water-brief-2021.pdf
4 Daily Courier, May 10, 2021, {h2}/news/khuzestan-farmers-protest

Briefing note — Iran water crisis                                                     2

The head of the provincial water company, Hassan Rezaei, said: “Our dams are at twelve
percent of capacity.”5 Agriculture expert Kaveh Madani warned that “groundwater depletion is
a bigger threat than sanctions.”6

President Hassan Rouhani said that “the government will compensate every farmer who lost
crops to the drought.”7 Rouhani also said that “the new pipeline from the Persian Gulf will be
finished by next March.”8

Isfahan’s governor, Abbas Rezvani, said that “the Zayandeh Rud will flow again for the Nowruz
holidays” (IRNA, May 2, 2021).

5 Khuzestan Online, {h5}/story/dams-twelve-percent
6 Interview, Green Review, {h6}/interview/kaveh-madani
7 See the President’s speech {h7}/speeches/2021-05-30 and the report at
{h2}/news/2021/05/31/rouhani-compensation
8 {h2}/news/2021/06/01/pipeline
"""

ARTICLE_MD = """---
title: Lebanon's lost deposits
date: 2022-02-10
---

# Lebanon's lost deposits

Two years into the crisis, savers are still locked out of their accounts. Central bank
governor Riad Salameh said that “deposits in Lebanese pounds are fully protected”
([L'Orient Today]({h8}/2022/01/14/salameh-deposits)).

Caretaker Finance Minister Youssef Khalil told [Reuters]({h9}/markets/lira-unification) that
“the exchange rate will be unified before the end of the year.”

At the port, worker Karim Haddad said that “we lost friends, we lost our jobs, and nobody has
been held responsible” ([feature]({h10}/features/beirut-port)).

The head of the depositors' association, Hassan Moghnieh, said: "We will not accept a plan that
wipes out people's life savings." ([interview]({h10}/features/depositors))

IMF mission chief Ernesto Ramirez Rigo said that “[Lebanon's] authorities have made important
progress … but more decisive action is needed to restore confidence”
([IMF statement]({h11}/news/2022/01/28/pr2214-lebanon)).

The so-called “haircut” on deposits remains the most contested part of the plan.

Energy Minister Walid Fayad promised that “Lebanese homes will receive ten hours of electricity
a day by spring” ([Beirut Daily]({h12}/2022/01/20/electricity-plan)).

Prime Minister Najib Mikati said that “talks with creditors will start next month and will be
concluded quickly” ([Reuters]({h9}/markets/eurobond-talks)).
"""

ARTICLE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Europe's climate year</title>
<meta property="article:published_time" content="2023-03-08T07:00:00Z"></head><body>
<header><nav><a href="/">Climate Desk</a> | <a href="/about">About</a></nav></header>
<article><h1>Europe's climate year</h1>
<p>In a speech in Brussels, European Commission President Ursula von der Leyen said that
“Europe has to become the first climate-neutral continent by 2050,” according to
<a href="{h13}/news/world-europe-64800000">the BBC</a>.</p>
<p>Climate scientist Friederike Otto said: “Heatwaves that used to happen once a century now
happen every ten years.” (<a href="{h13}/news/science-64811111">BBC</a>)</p>
<p>Otto added that “attribution science has moved from the lab to the courtroom.”</p>
<p>Swedish activist Greta Thunberg said that “the adults keep saying we owe it to the young
people to give them hope” (<a href="{h14}/videos/thunberg-davos">video</a>,
<a href="{h15}/speeches/our-house-is-on-fire">transcript</a>).</p>
<p>German economy minister Robert Habeck admitted that “we are behind on every climate target”
(<a href="{h16}/wirtschaft/habeck-klimaziele">Tagesblatt</a>).</p>
<p>UN Secretary-General António Guterres was blunt: “Humanity has opened the gates to hell.”
(<a href="{h17}/en/story/2023/09/1140927">UN News</a>)</p>
<p>Critics call the plan “greenwashing”.</p>
</article><footer>© Climate Desk</footer></body></html>"""


def serve(web: FixtureWeb, wayback: FakeWayback) -> dict[str, str]:
    """Serve every source; returns the host bases used to fill the documents."""
    h = {f"h{i}": web.base(i) for i in range(2, 18)}
    u = lambda key, path: h[key] + path  # noqa: E731
    # report.txt
    web.page("/2021/05/03/water-minister", news("Minister warns of worst drought in decades", [
        "Energy Minister Reza Ardakanian told reporters on Monday that the country is facing "
        "the worst drought in fifty years and every province must cut consumption by at least "
        "ten percent.",
        "The minister said dams around the capital were at their lowest level since records "
        "began, and urged households to fix leaking pipes.",
    ]), host=2)
    web.page("/fa/news/84312", PERSIAN, host=3)
    web.page("/media/water-brief-2021.pdf", pdf_source(), host=4, content_type="application/pdf")
    web.redirect("/news/khuzestan-farmers-protest", u("h2", "/news/2021/05/10/khuzestan-farmers"),
                 host=2)
    web.page("/news/2021/05/10/khuzestan-farmers", news("Khuzestan farmers protest", [
        "Hundreds of farmers gathered outside the governor's office in Ahvaz on Sunday.",
        "“Farmers in Khuzestan have lost their entire harvest this year,” local MP Mohammad "
        "Hossein Farhangi said, calling for emergency aid.",
    ], published="2021-05-10"), host=2)
    web.page("/story/dams-twelve-percent", "<title>404 Not Found</title><h1>Not Found</h1>",
             host=5, status=404)
    wayback.capture(u("h5", "/story/dams-twelve-percent"), "20210521101500", news(
        "Dams at record low", [
            "The head of the provincial water company, Hassan Rezaei, said: “Our dams are at "
            "twelve percent of capacity.” He said the situation was unprecedented.",
        ], outlet="Khuzestan Online", published="2021-05-21"))
    original = news("Kaveh Madani: the real threat", [
        "Agriculture expert Kaveh Madani warned that groundwater depletion is a bigger threat "
        "than sanctions, and said that the country had been mining its aquifers for decades.",
    ], outlet="Green Review", published="2021-05-25")
    edited = original.replace("is a bigger threat than sanctions",
                              "is a serious threat alongside sanctions")
    web.page("/interview/kaveh-madani", edited, host=6)
    wayback.capture(u("h6", "/interview/kaveh-madani"), "20210601080000", original)
    wayback.capture(u("h6", "/interview/kaveh-madani"), "20240101080000", edited)
    web.page("/speeches/2021-05-30", news("President's address on the pandemic", [
        "President Hassan Rouhani said the vaccination campaign would be expanded to everyone "
        "over sixty by the end of June, and thanked health workers.",
    ], outlet="President.ir", published="2021-05-30"), host=7)
    web.page("/news/2021/05/31/rouhani-compensation", news("Rouhani promises compensation", [
        "President Hassan Rouhani said on Monday that the government will compensate every "
        "farmer who lost crops to the drought, adding that funds had already been allocated.",
    ], published="2021-05-31"), host=2)
    web.page("/news/2021/06/01/pipeline", news("Gulf pipeline to be finished next year", [
        "Rouhani also said that the new pipeline from the Persian Gulf will be finished by next "
        "September, bringing desalinated water to Isfahan and Yazd.",
    ], published="2021-06-01"), host=2)
    # article.md
    web.page("/2022/01/14/salameh-deposits", CLOUDFLARE, host=8, status=403)
    wayback.capture(u("h8", "/2022/01/14/salameh-deposits"), "20220115120000", news(
        "Salameh: deposits in pounds are protected", [
            "Central bank governor Riad Salameh said on Friday that deposits in Lebanese pounds "
            "are fully protected, but declined to comment on dollar deposits.",
        ], outlet="L'Orient Today", published="2022-01-14"))
    lira = news("Lebanon to unify exchange rate, finance minister says", [
        "Caretaker Finance Minister Youssef Khalil told Reuters that the exchange rate will be "
        "unified before the end of the year, as part of talks with the IMF.",
    ], outlet="Reuters", published="2022-01-25")
    web.sequence("/markets/lira-unification", [
        Reply(503, "<title>503 Service Unavailable</title>", headers={"Retry-After": "0"}),
        Reply(200, lira)], host=9)
    web.page("/features/beirut-port", news("Eighteen months after the blast", [
        "“We lost friends, we lost our jobs,",
    ], outlet="Beirut Daily", published="2022-02-01", body_extra=(
        "<figure><img src='/img/port.jpg' alt=''><figcaption>Workers at the port of Beirut in "
        "August 2021. Photo: AFP</figcaption></figure>"
        "<p>and nobody has been held responsible,” said Karim Haddad, who has worked at the "
        "port since 1998.</p>")), host=10)
    web.page("/features/depositors", news("Depositors vow to fight", [
        "“We will not accept a plan that wipes out people’s life&nbsp;savings,” said "
        "Hassan&nbsp;Moghnieh, head of the depositors’ association.",
    ], outlet="Beirut Daily", published="2022-02-03"), host=10)
    web.page("/news/2022/01/28/pr2214-lebanon", news("IMF staff concludes visit to Lebanon", [
        "Mr. Ernesto Ramirez Rigo, who led the mission, issued the following statement: “The "
        "authorities have made important progress in a number of areas, but more decisive "
        "action is needed to restore confidence in the banking system.”",
    ], outlet="IMF", published="2022-01-28"), host=11)
    web.redirect("/2022/01/20/electricity-plan", u("h12", "/"), status=302, host=12)
    web.page("/", HOME, host=12)
    web.page("/markets/eurobond-talks", news("Lebanon eurobond holders await talks", [
        "Holders of Lebanon's defaulted eurobonds said they were still waiting for a proposal. "
        "Prime Minister Najib Mikati's office declined to comment on the timing of talks.",
    ], outlet="Reuters", published="2022-02-02"), host=9)
    # article.html
    web.page("/news/world-europe-64800000", news("Von der Leyen sets out Green Deal", [
        "In a speech in Brussels, the Commission President said: “Europe has to become the first "
        "climate-neutral continent by 2050, and we will get there together.”",
    ], outlet="BBC News", published="2023-02-20"), host=13)
    web.page("/news/science-64811111", news("Heatwaves now far more frequent", [
        "Friederike Otto of Imperial College said: “Heatwaves that used to happen once a century "
        "now happen every five years.”",
    ], outlet="BBC News", published="2023-02-22"), host=13)
    web.page("/videos/thunberg-davos", news("Video: Greta Thunberg at Davos", [
        "Watch the Swedish activist address world leaders at the World Economic Forum.",
    ], outlet="ClimateTV", published="2019-01-25"), host=14)
    web.page("/speeches/our-house-is-on-fire", news("Our house is on fire", [
        "Adults keep saying: we owe it to the young people to give them hope. But I don’t want "
        "your hope.",
    ], outlet="Speeches", published="2019-01-25"), host=15)
    web.page("/wirtschaft/habeck-klimaziele", GERMAN, host=16)
    web.page("/en/story/2023/09/1140927", news("Guterres: humanity has opened the gates to hell", [
        "“Humanity has opened the gates to hell,” Secretary-General António Guterres told the "
        "Climate Ambition Summit.",
    ], outlet="UN News", published="2023-09-20"), host=17)
    return h


# -- expected export, written before the first run -------------------------------------


QUOTES = [
    Q("report.txt", "worst drought in fifty years", "verified", "Reza Ardakanian",
      "h2/2021/05/03/water-minister"),
    Q("report.txt", "water rationing in Tehran", "cross_language", "Reza Ardakanian",
      "h3/fa/news/84312"),
    Q("report.txt", "children in rural areas", "verified", "Hamida Lasseko",
      "h4/media/water-brief-2021.pdf"),
    Q("report.txt", "farmers in Khuzestan", "verified", "Mohammad Hossein Farhangi",
      "h2/news/khuzestan-farmers-protest"),
    Q("report.txt", "Our dams are at twelve", "verified_archive", "Hassan Rezaei",
      "h5/story/dams-twelve-percent"),
    Q("report.txt", "groundwater depletion", "verified_archive", "Kaveh Madani",
      "h6/interview/kaveh-madani"),
    Q("report.txt", "compensate every farmer", "verified", "Hassan Rouhani",
      "h2/news/2021/05/31/rouhani-compensation"),
    Q("report.txt", "new pipeline from the Persian Gulf", "partial", "Hassan Rouhani",
      "h2/news/2021/06/01/pipeline"),
    Q("report.txt", "Zayandeh Rud", "unsourced", "Abbas Rezvani", None),
    Q("article.md", "deposits in Lebanese pounds", "verified_archive", "Riad Salameh",
      "h8/2022/01/14/salameh-deposits"),
    Q("article.md", "exchange rate will be unified", "verified", "Youssef Khalil",
      "h9/markets/lira-unification"),
    Q("article.md", "we lost friends", "verified", "Karim Haddad", "h10/features/beirut-port"),
    Q("article.md", "wipes out people", "verified", "Hassan Moghnieh",
      "h10/features/depositors"),
    Q("article.md", "authorities have made important progress", "verified",
      "Ernesto Ramirez Rigo", "h11/news/2022/01/28/pr2214-lebanon"),
    Q("article.md", "ten hours of electricity", "source_unavailable", "Walid Fayad",
      "h12/2022/01/20/electricity-plan"),
    Q("article.md", "talks with creditors", "not_found", "Najib Mikati",
      "h9/markets/eurobond-talks"),
    Q("article.html", "first climate-neutral continent", "verified", "Ursula von der Leyen",
      "h13/news/world-europe-64800000"),
    Q("article.html", "once a century", "partial", "Friederike Otto",
      "h13/news/science-64811111"),
    Q("article.html", "attribution science", "unsourced", "Friederike Otto", None),
    # The document adds a word ('the adults keep saying'; the speech has 'Adults keep
    # saying'): a change of words, so partial, not verified (first written as verified).
    Q("article.html", "we owe it to the young people", "partial", "Greta Thunberg",
      "h15/speeches/our-house-is-on-fire"),
    Q("article.html", "behind on every climate target", "cross_language", "Robert Habeck",
      "h16/wirtschaft/habeck-klimaziele"),
    Q("article.html", "opened the gates to hell", "verified", "António Guterres",
      "h17/en/story/2023/09/1140927"),
]

# scare quotes and labels: not quotations at all
NOT_QUOTES = [("report.txt", "rioters"), ("report.txt", "foreign agents"),
              ("article.md", "haircut"), ("article.html", "greenwashing")]

LINKS = [
    ("report.txt", "h2/2021/05/03/water-minister", "ok"),
    ("report.txt", "h3/fa/news/84312", "ok"),
    ("report.txt", "h4/media/water-brief-2021.pdf", "ok"),
    ("report.txt", "h2/news/khuzestan-farmers-protest", "redirected"),
    ("report.txt", "h5/story/dams-twelve-percent", "dead"),
    ("report.txt", "h6/interview/kaveh-madani", "ok"),
    ("report.txt", "h7/speeches/2021-05-30", "ok"),
    ("report.txt", "h2/news/2021/05/31/rouhani-compensation", "ok"),
    ("report.txt", "h2/news/2021/06/01/pipeline", "ok"),
    ("article.md", "h8/2022/01/14/salameh-deposits", "blocked"),
    ("article.md", "h9/markets/lira-unification", "ok"),
    ("article.md", "h10/features/beirut-port", "ok"),
    ("article.md", "h10/features/depositors", "ok"),
    ("article.md", "h11/news/2022/01/28/pr2214-lebanon", "ok"),
    ("article.md", "h12/2022/01/20/electricity-plan", "soft_404"),
    ("article.md", "h9/markets/eurobond-talks", "ok"),
    ("article.html", "h13/news/world-europe-64800000", "ok"),
    ("article.html", "h13/news/science-64811111", "ok"),
    ("article.html", "h14/videos/thunberg-davos", "ok"),
    ("article.html", "h15/speeches/our-house-is-on-fire", "ok"),
    ("article.html", "h16/wirtschaft/habeck-klimaziele", "ok"),
    ("article.html", "h17/en/story/2023/09/1140927", "ok"),
]

# Cases that failed on the first run, each with its reason (see the commit history).
XFAIL: dict[str, str] = {}


# -- the run -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExportView]:
    root = tmp_path_factory.mktemp("e2e")

    def documents(hosts: dict[str, str]) -> dict[str, str | bytes]:
        return {name: text.format(**hosts) for name, text in (
            ("report.txt", REPORT_TXT), ("article.md", ARTICLE_MD),
            ("article.html", ARTICLE_HTML))}

    with served_corpus(root, serve, documents) as c:
        yield first_run(c, [str(c.docs)])


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("kind", "doc", "key", "field", "expected"),
                         list(export_cases(QUOTES, NOT_QUOTES, LINKS, XFAIL)))
def test_expected_export(outcome: ExportView, kind: str, doc: str, key: str, field: str,
                         expected: str | None) -> None:
    assert check_export(outcome, kind, doc, key, field, expected)
