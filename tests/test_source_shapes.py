"""Page shapes the tenth held-out set (tests/eval/holdout10_cases.toml) brought: one focused
test for each general rule it led to."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from verifier.match.normalize import tokenize
from verifier.match.visibletext import parse_html, visible_text
from verifier.matching import judge, match_quote
from verifier.models import Fetch, PageText
from verifier.pagetext import page_text, paged_text
from verifier.status import LinkStatus, QuoteStatus

VERIFIED, PARTIAL, NOT_FOUND = QuoteStatus.VERIFIED, QuoteStatus.PARTIAL, QuoteStatus.NOT_FOUND
HTML = "text/html; charset=utf-8"
NOW = datetime(2024, 6, 1, tzinfo=UTC)


def html_text(markup: str) -> str:
    page = page_text(markup.encode(), HTML)
    assert page is not None
    return page.text


def data_script(data: object, attributes: str = "") -> str:
    """A JSON data script as frameworks write it: "<", ">" and "&" escaped."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/json" {attributes}>{text}</script>'


SHELL = ('<html lang="en"><body><div id="app"><nav><a href="/">Home</a> <a href="/news">News'
         '</a></nav><div class="skeleton">Loading…</div><footer>© 2024 Valley Courier</footer>'
         '</div>{data}</body></html>')


def test_a_page_built_in_the_browser_shows_the_prose_of_its_data() -> None:
    # Next.js: the article's markup an HTML string; Nuxt: devalue's flattened array of strings;
    # SvelteKit: a JSON text inside a string. Keys, identifiers, addresses and words alone are
    # no prose.
    next_data = data_script({"props": {"pageProps": {"article": {
        "id": "a1f93c", "image": "https://cdn.example/depot-1200.jpg",
        "bodyHtml": "<p>“We are not going to sell a public asset in a <em>hurry</em>,” the "
                    "leader said.</p><p>A decision is due in July.</p>"}}},
        "buildId": "q8Hd2kYV1mX0"}, 'id="__NEXT_DATA__"')
    text = html_text(SHELL.format(data=next_data))
    assert "“We are not going to sell a public asset in a hurry,” the leader said.\n" \
           "A decision is due in July." in text
    assert "Loading…" in text
    for no_prose in ("a1f93c", "cdn.example", "q8Hd2kYV1mX0", "<p>"):
        assert no_prose not in text
    nuxt_data = data_script([["ShallowReactive", 1], {"data": 2}, "The unit will stop "
                             "admitting women at night from September.", ["Set"]],
                            'id="__NUXT_DATA__" data-ssr="false"')
    text = html_text(SHELL.format(data=nuxt_data))
    assert "The unit will stop admitting women at night from September." in text
    assert "ShallowReactive" not in text
    svelte_data = data_script({"status": 200, "body": json.dumps(
        {"paragraphs": ["The bridge will close for repairs on Monday morning."]})},
        'data-sveltekit-fetched data-url="/api/story"')
    assert "The bridge will close for repairs on Monday morning." in html_text(
        SHELL.format(data=svelte_data))


def test_a_page_rendered_on_the_server_is_not_read_twice_from_its_data() -> None:
    paragraph = ("The council leader said the authority would not sell the depot in a hurry, "
                 "and that residents would be asked what they wanted before any decision on "
                 "the future of the site was taken by the cabinet.")
    data = data_script({"props": {"pageProps": {"paragraphs": [paragraph, "A decision on "
                                                               "the site is due in July."]}}},
                       'id="__NEXT_DATA__"')
    text = html_text(f'<html><body><article><p>{paragraph}</p></article>{data}</body></html>')
    assert text.count(paragraph) == 1
    assert "due in July" not in text  # data the page does not show, on a page that shows prose


def test_a_footnote_number_linked_to_its_note_reads_as_a_marker() -> None:
    # Substack sets its footnote anchors as bare linked numbers glued to the text, with no
    # <sup>; a linked number after a space, or in the page's own brackets, stays as it is
    markup = ('<p>The board’s own auditor<a class="footnote-anchor" href="#footnote-2">2</a> '
              'warned in 2019<a href="#footnote-3">3</a>, as paragraph <a href="#p12">12</a> '
              'and studies [<a href="#bib4">4</a>, <a href="#bib11">11</a>] say.'
              '<a href="#main">Skip</a></p>').encode()
    root, _ = parse_html(markup)
    assert root is not None
    text = visible_text(root, markup)
    assert text == ("The board’s own auditor[2] warned in 2019[3], as paragraph 12 and studies "
                    "[4, 11] say.Skip")
    assert match_quote("The board’s own auditor warned in 2019, as paragraph 12 and studies",
                       PageText(text=text, language="en")).status is VERIFIED


OPINION = (
    "Cite as: 602 U. S. ____ (2024)\nOpinion of the Court\n"
    "The rule was, in the agency's words, \"effective immediately upon publication.\"1 The\n"
    "question is whether the agency may rely on a ground it did not invoke at the\n"
    "time, and the Court of Appeals said it could,2 but we disagree. Because no finding\n"
    "was made,3 the agency may not rely on good cause now.\n\n"
    "1 82 Fed. Reg. 41223 (2017).\n2 61 F. 4th 902, 911 (CA5 2023).\n"
    "3 Brief for Respondents 14.\n\f"
    "Cite as: 602 U. S. ____ (2024)\nOpinion of the Court\n"
    "The judgment of the Court of Appeals, version 2.15 of the rule aside, is reversed.\n")


def test_footnote_numbers_glued_to_a_printed_pages_text_read_as_markers() -> None:
    text = paged_text(OPINION)
    assert 'upon publication."[1] The question' in text
    assert "it could,[2] but" in text and "was made,[3] the agency" in text
    assert "version 2.15 of the rule" in text  # a decimal is no marker
    page = PageText(text=text, language="en")
    assert match_quote("The question is whether the agency may rely on a ground it did not "
                       "invoke at the time, and the Court of Appeals said it could, but we "
                       "disagree.", page).status is VERIFIED


BILL = (
    "Water Companies (Accountability) Bill\n"
    "1   Performance-related pay\n"
    "(1) A water company may not award a bonus or other performance-related payment\n"
    "to a director for any financial year in which the company has committed a\n"
    "category 1 or category 2 pollution incident.\n"
    "(2) In subsection (1), \"performance-related payment\" includes any payment in\n"
    "5 shares, share options or deferred remuneration, whether made during or after\n"
    "the financial year concerned.\n"
    "(3) The Authority must publish, before the end of each financial year, a list of\n"
    "the companies to which subsection (1) applied in the previous financial year,\n"
    "together with the total value of the payments withheld.\n"
    "(4) A sewerage undertaker that fails to comply with subsection (1) commits an\n"
    "10 offence and is liable on summary conviction to a fine.\n"
    "Bill 52\n\f"
    "Water Companies (Accountability) Bill\n"
    "2   Commencement\n"
    "(1) This Act comes into force at the end of the period of two months beginning\n"
    "with the day on which it is passed, and the Authority must report on it to\n"
    "Parliament within one year of that day, and again in each year after that\n"
    "until the end of the financial year in which the last of the companies has\n"
    "5 complied with section 1.\n"
    "Bill 52\n")


def test_a_margin_numbered_every_fifth_line_is_read_without_its_numbers() -> None:
    text = paged_text(BILL)
    assert "includes any payment in shares, share options" in text
    assert "commits an offence and is liable" in text
    assert "the last of the companies has complied with section 1." in text
    # headings numbered 5, 10, 15 are a list, whose numbers never run on from the line before
    contents = "Contents\n\n5 Penalties\n\n\n\n\n10 Appeals\n\n\n\n\n15 Costs\n\fEnd\n"
    assert "5 Penalties" in paged_text(contents) and "10 Appeals" in paged_text(contents)


def verdict(quote: str, declared: str, paragraph: str) -> QuoteStatus:
    """The verdict on a quote against a one-paragraph page whose template declares a language."""
    body = f'<html lang="{declared}"><body><p>{paragraph}</p></body></html>'.encode()
    copy = Fetch(url="https://news.example/statement", link_status=LinkStatus.OK, reason="",
                 fetched_at=NOW, http_status=200, content_type=HTML,
                 sha256=hashlib.sha256(body).hexdigest(), size=len(body),
                 page=page_text(body, HTML))
    return judge(quote, copy, list, now=NOW).status


SPANISH = ("«Ninguna familia que vive en una vivienda pública pagará un peso más el año que "
           "viene», afirmó la ministra en una conferencia de prensa. La oposición calificó la "
           "medida de insuficiente y reclamó un plan de construcción de nuevas viviendas.")
ENGLISH = ("“All detainees have had access to consular staff and to lawyers of their choosing "
           "from the first day of their detention,” the Ambassador said. The Embassy has "
           "invited the British Consul to visit the detention centre at a date of her choosing.")


def test_the_text_not_the_template_says_what_language_a_page_is_in() -> None:
    assert verdict("No family living in public housing will pay a single peso more next year.",
                   "en", SPANISH) is QuoteStatus.CROSS_LANGUAGE
    assert verdict("Nadie ha sido detenido sin cargos durante más tiempo del que permite la ley.",
                   "es", ENGLISH) is QuoteStatus.CROSS_LANGUAGE
    assert verdict("Every detained Briton has seen a lawyer and a consul since the day they "
                   "were arrested.", "es", ENGLISH) is NOT_FOUND


def test_thai_is_matched_letter_by_letter() -> None:
    # Thai sets no space between words, only between phrases: a quotation may start or end
    # inside a run of letters
    page = PageText(text="นายกรัฐมนตรีกล่าวว่า รัฐบาลจะไม่ขึ้นภาษีมูลค่าเพิ่มในปีนี้ "
                         "เพราะประชาชนยังได้รับผลกระทบจากค่าครองชีพที่สูงขึ้น", language="th")
    assert tokenize("ไม่ขึ้น").words == ["ไ", "ม", "่", "ข", "ึ", "้", "น"]
    assert match_quote("ภาษีมูลค่าเพิ่มในปีนี้ เพราะประชาชนยังได้รับผลกระทบ", page).status \
        is VERIFIED
    assert match_quote("รัฐบาลจะขึ้นภาษีมูลค่าเพิ่มในปีนี้ เพราะประชาชนยังได้รับผลกระทบ",
                       page).status is PARTIAL
