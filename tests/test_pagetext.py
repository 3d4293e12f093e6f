"""Page text: what a reader of a served page sees, as one string with its language."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from fpdf import FPDF

from verifier.match.visibletext import parse_html, visible_text
from verifier.models import PageText
from verifier.pagetext import content_kind, decode_body, detect_language, page_text

EVAL_PAGES = Path(__file__).parent / "eval" / "pages"


def served(web, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8"
           ) -> PageText:
    """Serve a page on the fixture web, fetch it for real and extract its text."""
    url = web.page(path, body, content_type=content_type)
    response = requests.get(url, timeout=10)
    assert response.status_code == 200
    page = page_text(response.content, response.headers.get("Content-Type"))
    assert page is not None
    return page


def test_only_visible_text_is_kept(web) -> None:
    page = served(web, "/visible", """<!DOCTYPE html><html lang="en"><head>
        <title>Visible  text</title><style>p { color: red }</style>
        <script>var quote = "script words";</script></head><body>
        <noscript>enable javascript</noscript><template><p>template words</p></template>
        <p>Shown <span style="display: none">hidden by style</span>words</p>
        <div hidden>hidden by attribute</div><p style="VISIBILITY:hidden">invisible</p>
        <!-- a comment --><p>after<!-- inside --> comment</p>
        <select><option>menu choice</option></select>
        <P>Old <FONT STYLE="DISPLAY: NONE">upper-case markup </FONT>site</P>
        </body></html>""")
    assert page.text == "Shown words\nafter comment\nOld site"
    assert page.title == "Visible text"


def test_an_inline_frame_shows_the_document_in_its_srcdoc(web) -> None:
    page = served(web, "/srcdoc", """<html><body><p>Before</p>
        <iframe title="statement" srcdoc="&lt;p&gt;&ldquo;We closed the gap.&rdquo;&lt;/p&gt;
        &lt;p hidden&gt;secret&lt;/p&gt;&lt;p&gt;Second line&lt;/p&gt;"></iframe>after
        <iframe src="/elsewhere">fallback words</iframe><p>End</p></body></html>""")
    assert page.text == "Before\n\u201cWe closed the gap.\u201d\nSecond line\nafter\nEnd"


def test_block_elements_break_and_inline_elements_join(web) -> None:
    page = served(web, "/blocks", """<html><body><h1>Headline</h1>
        <p>The minister said the plan was <em>un</em>work<b>able</b>, then left.</p>
        <p>Second paragraph</p><ul><li>one</li><li>two</li></ul>
        line<br>break <span>in</span><a href="/x">line</a> words
        <table><tr><td>cell a</td><td>cell b</td></tr></table></body></html>""")
    assert page.text.split("\n") == [
        "Headline", "The minister said the plan was unworkable, then left.",
        "Second paragraph", "one", "two", "line", "break inline words", "cell a", "cell b"]


def test_entities_and_non_breaking_spaces_are_decoded(web) -> None:
    page = served(web, "/entities", "<html><body><p>Iran&rsquo;s &ldquo;support&rdquo; "
                  "&#8220;numeric&#8221; &#x201C;hex&#x201D; 22nd&nbsp;anniversary "
                  "&amp; more&#160;text</p></body></html>")
    assert page.text == "Iran’s “support” “numeric” “hex” 22nd anniversary & more text"


def test_source_line_breaks_inside_a_paragraph_are_spaces(web) -> None:
    page = served(web, "/wrapped", "<html><body><p>a sentence\n      wrapped by\tthe\r\n"
                  "editor</p></body></html>")
    assert page.text == "a sentence wrapped by the editor"


def test_drop_caps_join_their_word(web) -> None:
    page = served(web, "/dropcap", """<html><body>
        <p><span class="dropcap">T</span>he talks collapsed.</p>
        <div class="drop-cap">W</div>
        <p>ithin an hour the town was cut off.</p>
        <p><span class="DropCap">A</span> man was rescued.</p></body></html>""")
    assert page.text.split("\n") == [
        "The talks collapsed.", "Within an hour the town was cut off.", "A man was rescued."]


def test_language_from_lang_attribute_then_detector(web) -> None:
    declared = served(web, "/declared", '<html lang="fr-FR"><body><p>Bonjour.</p></body></html>')
    assert declared.language == "fr"
    detected = served(web, "/detected", "<html><body><p>The government said on Tuesday that "
                      "it would continue to support the talks despite mounting pressure from "
                      "parliament.</p></body></html>")
    assert detected.language == "en"


def test_mislabelled_language_is_detected_from_the_text(web) -> None:
    page = served(web, "/mislabelled", '<html lang="en"><body><p>رهبر انقلاب اسلامی صبح امروز '
                  "در دیدار رئیس دفتر سیاسی جنبش حماس و هیئت همراه سخن گفتند و از مقاومت مردم "
                  "غزه تجلیل کردند.</p></body></html>")
    assert page.language == "fa"


def test_charset_from_meta_when_the_header_has_none(web) -> None:
    body = ('<html><head><meta charset="windows-1252"></head><body><p>\u201cQuoted\u201d '
            "caf\u00e9</p></body></html>").encode("cp1252")
    page = served(web, "/cp1252", body, content_type="text/html")
    assert page.text == "\u201cQuoted\u201d caf\u00e9"


def test_plain_text_and_pdf_sources(web) -> None:
    text = served(web, "/release.txt", "Line one\r\nLine two\r\n", "text/plain; charset=utf-8")
    assert (text.kind, text.text) == ("text", "Line one\nLine two\n")

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "The Ministry strongly condemns the attack on the embassy compound.")
    page = served(web, "/statement.pdf", bytes(pdf.output()), "application/pdf")
    assert page.kind == "pdf"
    assert "strongly condemns the attack on the embassy compound" in page.text
    assert page.language == "en"


BILL_PAGE = """{header}
{number:>40}

 1   SEC. 2. FINDINGS.
 2        Congress finds that households in rural
 3   counties were promised broadband service by
 4   2021, that most of them are still waiting, and
 5   that the grants made to connect them have not
 6   been audited since they were awarded. The
 7   Secretary shall report to Congress on every
 8   grant that has not connected the homes it was

      •HR 4521 IH
      (202) 555-0100
"""


def test_paged_plain_text_is_read_without_its_margin_numbers_and_page_furniture(web) -> None:
    # a bill (or a court transcript) numbers each line; its pages end in a footer with no words
    first = BILL_PAGE.format(header="118TH CONGRESS 2D SESSION", number=2)
    second = BILL_PAGE.format(header="118TH CONGRESS 2D SESSION", number=3).replace(
        "SEC. 2. FINDINGS.", "made for, within ninety days.")
    text = f"{first}\f{second}"
    page = served(web, "/bill.txt", text, "text/plain; charset=utf-8")
    assert "Secretary shall report to Congress on every grant that has not connected the homes " \
           "it was made for, within ninety days." in page.text
    for gone in ("555", "HR 4521", "118TH", " 3 "):
        assert gone not in page.text
    # numbered lines that do not run on into each other are a list: its numbers stay
    listing = "Contents\n1 Findings\n2 Grants\n3 Audits\n4 Reports\n5 Penalties\n\fEnd\n"
    assert "1 Findings\n\n2 Grants" in served(web, "/contents.txt", listing, "text/plain").text


def test_content_that_cannot_be_matched() -> None:
    assert content_kind("image/png", b"\x89PNG\r\n") is None
    assert page_text(b"\x89PNG\r\n", "image/png") is None
    assert content_kind(None, b"%PDF-1.7 ...") == "pdf"
    assert content_kind(None, b"<!DOCTYPE html><html>") == "html"
    assert page_text(b"%PDF-1.4 not really a pdf", "application/pdf") is None


def test_empty_and_broken_markup_give_empty_text() -> None:
    assert page_text(b"", "text/html") == PageText(text="", language=None, kind="html")
    broken = page_text(b"<html><body><p>unclosed <b>bold <i>italic</body>", "text/html")
    assert broken is not None and broken.text == "unclosed bold italic"


def test_decode_body_and_detect_language() -> None:
    assert decode_body("d\u00e9j\u00e0".encode("latin-1"), "text/html; charset=ISO-8859-1") == \
        "d\u00e9j\u00e0"
    assert decode_body("d\u00e9j\u00e0".encode(), None) == "d\u00e9j\u00e0"
    assert detect_language("ok") is None
    assert detect_language("Le gouvernement a annoncé mardi une nouvelle série de mesures.") == "fr"


def test_pages_declared_utf8_are_decoded_the_way_their_bytes_allow() -> None:
    curly = "\u201cWe will not retreat,\u201d she said."
    # A byte-order mark is not text, whether the header or the page declares UTF-8.
    bom = b"\xef\xbb\xbf" + curly.encode()
    assert decode_body(bom, "text/plain; charset=utf-8") == curly
    assert decode_body(b"\xef\xbb\xbf<meta charset=utf-8><p>" + curly.encode(), "text/html") \
        .startswith("<meta")
    # Declared UTF-8 but written in windows-1252 (a CMS misconfigured): the bytes decide.
    wrong = b"<p>" + curly.encode("windows-1252") + b"</p>"
    page = page_text(wrong, "text/html; charset=utf-8")
    assert page is not None and page.text == curly
    assert decode_body(b"<meta charset='UTF-8'>" + curly.encode("windows-1252"), "text/html") \
        .endswith(curly)


def test_pages_declared_latin1_but_written_in_utf8_are_read_as_written() -> None:
    """A server's default ISO-8859-1 over a page its CMS wrote in UTF-8 (the held-out link-status
    set 9's Spanish not-found page): valid UTF-8 beyond ASCII was written so."""
    spanish = "<p>Lo sentimos, la página que busca no existe. «Año» — ¿qué?</p>"
    for label in ("ISO-8859-1", "latin1", "windows-1252"):
        assert decode_body(spanish.encode(), f"text/html; charset={label}") == spanish
    curly = "<p>\u201cWe will not retreat,\u201d she said \u2013 d\u00e9j\u00e0.</p>"
    assert decode_body(curly.encode("windows-1252"), "text/html; charset=ISO-8859-1") == curly


def test_extraction_from_many_threads_at_once(web) -> None:
    bodies = [f"<html><body><p>Story {i}: the <em>minister</em> said "
              f"<span hidden>secret</span>yes.</p></body></html>".encode() for i in range(40)]
    urls = [web.page(f"/story/{i}", body) for i, body in enumerate(bodies)]
    fetched = [requests.get(url, timeout=10).content for url in urls]
    with ThreadPoolExecutor(max_workers=8) as pool:
        texts = list(pool.map(lambda b: page_text(b, "text/html"), fetched))
    assert [t.text if t else None for t in texts] == \
        [f"Story {i}: the minister said yes." for i in range(40)]


def test_markup_nested_beyond_the_parsers_depth_limit_keeps_all_its_text(web) -> None:
    """libxml2 builds no tree deeper than 2,048 elements and stops there; the text below and
    after such nesting (thousands of unclosed tags) is read all the same."""
    body = ("<html><body><p>Before the nesting.</p>"
            + "<div><span hidden>secret</span>level " * 5000
            + "<script>var x = 'script words';</script>"
            + "<p>The deepest paragraph was <em>un</em>precedented.</p>"
            + "</div>" * 5000 + "<p>After the nesting.</p></body></html>")
    page = served(web, "/deep", body)
    lines = page.text.split("\n")
    assert lines[0] == "Before the nesting."
    assert lines[-2:] == ["The deepest paragraph was unprecedented.", "After the nesting."]
    assert lines.count("level") == 5000
    assert "secret" not in page.text and "script words" not in page.text


PARITY_PAGE = """<!DOCTYPE html><html lang="en"><head><title>t</title><style>p{}</style></head>
<body><nav><ul><li><a href="/">Home</a></li><li>World</li></ul></nav>
<p><span class="dropcap">T</span>he minister said the plan was <em>un</em>work<b>able</b>.</p>
<div hidden>hidden by attribute</div><p>Shown <span style="display: none">hidden</span>words
<!-- a comment --> and&nbsp;more&rsquo;s</p><noscript>enable</noscript><template>t</template>
<table><tr><td>cell a</td><td>cell b</td></tr></table>line<br>break <custom-tag>in</custom-tag>line
<p style="VISIBILITY:hidden">invisible</p><select><option>choice</option></select></body></html>"""


@pytest.mark.parametrize("name", ["parity", *sorted(p.name for p in EVAL_PAGES.glob("*.html"))])
def test_streamed_reading_agrees_with_the_tree(name: str) -> None:
    """The reading used past the depth limit gives what the tree gives, on ordinary pages."""
    markup = (PARITY_PAGE.encode() if name == "parity" else (EVAL_PAGES / name).read_bytes())
    tree_root, cut = parse_html(markup)
    assert tree_root is not None and not cut
    from_tree = visible_text(tree_root, markup)
    stream_root, _cut = parse_html(markup)
    assert stream_root is not None
    assert visible_text(stream_root, markup, cut=True) == from_tree
    assert from_tree


@pytest.mark.parametrize("cut", [False, True], ids=["tree", "stream"])
def test_superscript_footnote_numbers_read_as_markers_and_powers_stay(cut: bool) -> None:
    markup = ("<html><body><p>The treaty held until 1919.<sup>6</sup> Its clauses\u201d<sup>"
              "<a href='#n12'>12</a></sup> were cited<sup>14</sup> in 10<sup>6</sup> copies "
              "over 40 km<sup>2</sup>; see note<sup>a</sup>.</p></body></html>").encode()
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup, cut=cut) == (
        "The treaty held until 1919.[6] Its clauses\u201d[12] were cited[14] in 106 copies over "
        "40 km2; see note[a].")


@pytest.mark.parametrize("cut", [False, True], ids=["tree", "stream"])
def test_several_footnote_numbers_and_note_letters_read_as_markers(cut: bool) -> None:
    # "2,3" is two notes, not the number 2,3; a letter after a lower-case word is a note, but
    # after a capital (XIX<sup>e</sup> siècle) or a digit (2<sup>e</sup>) an ordinal's ending
    markup = ("<p>in the last year.<sup>2,3</sup> The prices<sup>a</sup> rose in the "
              "XIX<sup>e</sup> siècle and the 2<sup>e</sup> arrondissement.<sup>4\u20136</sup>"
              "</p>").encode()
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup, cut=cut) == (
        "in the last year.[2][3] The prices[a] rose in the XIXe siècle and the 2e "
        "arrondissement.[4][6]")


@pytest.mark.parametrize("cut", [False, True], ids=["tree", "stream"])
@pytest.mark.parametrize("tag", ["sup", "SUP", "Sup"])
def test_superscript_tags_are_read_whatever_their_case(tag: str, cut: bool) -> None:
    markup = f"<p>The treaty held until 1919.<{tag}>6</{tag}> Its clauses</p>".encode()
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup, cut=cut) == "The treaty held until 1919.[6] Its clauses"


@pytest.mark.parametrize("cut", [False, True], ids=["tree", "stream"])
def test_a_section_of_reader_comments_is_not_the_pages_text(cut: bool) -> None:
    # a commenter's words are not the source's: the section an id names so goes; an article
    # classed "comment" (an opinion page) and a link to the comments stay
    markup = (b"<html><body><article class='comment opinion'><p>The column.</p></article>"
              b"<a class='comment-count' href='#comments'>3 comments</a>"
              b"<section id='comments' class='comments-area'><ol class='comment-list'><li>"
              b"Reader: she said it all</li></ol></section><div id='disqus_thread'>Disqus words"
              b"</div><div id='Comments'>Old words</div><div id='comments-x'>Kept</div>"
              b"<p>The end.</p></body></html>")
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup, cut=cut) == "The column.\n3 comments\nKept\nThe end."


@pytest.mark.parametrize("cut", [False, True], ids=["tree", "stream"])
def test_ruby_readings_are_not_part_of_the_sentence(cut: bool) -> None:
    markup = "<p>「沿岸部の<ruby>避難<rp>(</rp><rt>ひなん</rt><rp>)</rp></ruby>タワー」</p>".encode()
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup, cut=cut) == "「沿岸部の避難タワー」"


@pytest.mark.parametrize("cut", [False, True], ids=["tree", "stream"])
def test_struck_out_words_are_not_part_of_the_sentence(cut: bool) -> None:
    # a correction strikes the old figure and inserts the new one; the page now says the new
    markup = (b"<p>Fares will rise by <del>5%</del> <ins>3%</ins> in May, and <s>all</s> "
              b"<strike>most</strike> <b>some</b> routes will close.</p>")
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup, cut=cut) == (
        "Fares will rise by 3% in May, and some routes will close.")


@pytest.mark.parametrize("cut", [False, True], ids=["tree", "stream"])
def test_a_correction_note_repeating_retracted_words_is_not_the_pages_text(cut: bool) -> None:
    markup = ("<article><p>The mayor said the depot would “stay open until spring”.</p>"
              "<p><em>Correction: March 4, 2024</em>. An earlier version misquoted the mayor as "
              "saying the depot would “close in the autumn”.</p>"
              "<p>\u2022 This article was amended on 5 March 2024: it said the depot had 40 staff."
              "</p><p>An earlier version of this story gave the wrong date.</p>"
              "<p>Corrections are published on page 2.</p></article>").encode()
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup, cut=cut) == (
        "The mayor said the depot would “stay open until spring”.\n"
        "Corrections are published on page 2.")


def _with_article(body: str, article: str) -> bytes:
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Harbour news"},
        {"@type": "NewsArticle", "headline": "Ferry fares", "articleBody": article}]}
    return (f"<html><head><script type='application/ld+json'>{json.dumps(data)}</script>"
            f"</head><body>{body}</body></html>").encode()


ARTICLE_BODY = ("Ferry fares will rise in May.\n\n\u201cWe held them for three years and cannot "
                "hold them for a fourth,\u201d the operator said.\n\nThe council will "
                "review the subsidy in June.")


def test_an_article_declared_in_json_ld_is_read_when_the_page_does_not_show_it() -> None:
    # an application shell renders its article from data; a paywalled page shows a teaser
    for body, shown in (("<div id='root'></div>", ""),
                        ("<p>Ferry fares will rise in May.</p><p>Subscribe to read on</p>",
                         "Ferry fares will rise in May.\nSubscribe to read on\n")):
        markup = _with_article(body, ARTICLE_BODY)
        root, _ = parse_html(markup)
        assert root is not None
        assert visible_text(root, markup) == shown + (
            "Ferry fares will rise in May.\n\u201cWe held them for three years and cannot hold "
            "them for a fourth,\u201d the operator said.\nThe council will review the subsidy "
            "in June.")
    # an article quoting with straight marks (escaped in its JSON) is measured to its end
    straight = ARTICLE_BODY.replace("\u201c", '"').replace("\u201d", '"')
    markup = _with_article("<p>Ferry fares will rise in May.</p><p>Subscribe to read on</p>",
                           straight)
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup) == (
        "Ferry fares will rise in May.\nSubscribe to read on\nFerry fares will rise in May.\n"
        "\"We held them for three years and cannot hold them for a fourth,\" the operator said."
        "\nThe council will review the subsidy in June.")
    # a page showing its whole article is read once; declared markup is read as a page's
    article = "<p>Ferry fares will rise in May.</p><p>The council will review the subsidy in June.</p>"
    for markup in (_with_article(article, article.replace("<p>", " ").replace("</p>", "")),
                   _with_article("<div id='app'></div>", article)):
        root, _ = parse_html(markup)
        assert root is not None
        assert visible_text(root, markup) == (
            "Ferry fares will rise in May.\nThe council will review the subsidy in June.")
    # a page showing more text than the article it declares has shown its own article
    markup = _with_article(article + "<p>Fares were last raised in 2021.</p>",
                           "Ferry fares will fall in May.")
    root, _ = parse_html(markup)
    assert root is not None
    assert "fall" not in visible_text(root, markup)
    # nor is one declaring a longer article whose first and last words the page shows: what
    # the declaration adds (a photo credit) lies between them
    shown = ("<p>Ferry fares will rise in May, the operator said on Monday.</p><p>The council "
             "will review the subsidy in June, a spokesman said.</p>")
    markup = _with_article(shown, "Ferry fares will rise in May, the operator said on Monday. "
                           "Photo: Harbour Trust. The council will review the subsidy in June, "
                           "a spokesman said.")
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup) == (
        "Ferry fares will rise in May, the operator said on Monday.\nThe council will review "
        "the subsidy in June, a spokesman said.")


def test_markdown_links_read_as_their_words(web) -> None:
    page = served(web, "/notes.md", "The leader had \"spent three years [blaming Whitehall]"
                  "(https://news.example/2023/blame \"Blame\")\ninstead of fixing the bins\". "
                  "![The town hall](/img/hall.jpg) See [the papers](/budget.pdf) and [1] "
                  "(footnote).", content_type="text/markdown; charset=utf-8")
    assert page.text == ("The leader had \"spent three years blaming Whitehall\ninstead of "
                         "fixing the bins\".  See the papers and [1] (footnote).")


def test_quote_over_a_superscript_footnote_number_is_verified() -> None:
    from verifier.matching import match_quote
    from verifier.status import QuoteStatus

    page = page_text(b"<p>The treaty remained in force until 1919.<sup>6</sup> Its border "
                     b"clauses were cited in the arbitration of 1954.</p>", "text/html")
    assert page is not None
    match = match_quote("The treaty remained in force until 1919. Its border clauses were "
                        "cited in the arbitration of 1954", page)
    assert match.status is QuoteStatus.VERIFIED


def test_page_served_as_latin1_with_curly_quotes_is_read_as_browsers_do(web) -> None:
    """Browsers read an ISO-8859-1 label as windows-1252: its curly quotes stay quotes."""
    body = ("<html><body><p>The mayor said: \u201cWe will rebuild the bridge \u2013 "
            "caf\u00e9s included.\u201d</p></body></html>").encode("cp1252")
    page = served(web, "/latin", body, content_type="text/html; charset=ISO-8859-1")
    assert "\u201cWe will rebuild the bridge \u2013 caf\u00e9s included.\u201d" in page.text


@pytest.mark.parametrize("cut", [False, True], ids=["tree", "stream"])
def test_a_declarative_shadow_root_is_read_and_an_inert_template_is_not(cut: bool) -> None:
    # a web component's article is served in <template shadowrootmode>, which browsers render
    markup = (b"<news-article><template shadowrootmode='open'><style>p{}</style>"
              b"<p>The report sat in a folder.</p></template></news-article>"
              b"<x-old><template shadowroot='closed'><p>Nobody sent it.</p></template></x-old>"
              b"<template id='paywall'><p>Subscribe for more.</p></template>")
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup, cut=cut) == (
        "The report sat in a folder.\nNobody sent it.")


SRT = """1
00:00:00,800 --> 00:00:03,200
In the spring of 2019, the first

2
00:00:03,200 --> 00:00:06,450
- Did you know?
- I knew nothing about

3
00:00:06,450 --> 00:00:09,000
[sighs] the <i>payments</i> &amp; fees.
"""

VTT = """WEBVTT
Kind: captions

NOTE corrected by the clerk's office

intro-1
00:00:01.000 --> 00:00:04.500 align:start position:10%
<v Mayor Ruiz>Crews have been working through
the night, and <c.yellow>as of this morning</c>

00:04.500 --> 00:08.250
<v Mayor Ruiz>water service has been restored.
"""


@pytest.mark.parametrize(("body", "content_type", "expected"), [
    (SRT, "text/plain; charset=utf-8", "In the spring of 2019, the first\n"
     "Did you know? I knew nothing about\nthe payments & fees."),
    (SRT.replace("\n", "\r\n"), "application/x-subrip", "In the spring of 2019, the first\n"
     "Did you know? I knew nothing about\nthe payments & fees."),
    (VTT, "text/vtt", "Crews have been working through the night, and as of this morning\n"
     "water service has been restored."),
], ids=["srt", "srt-crlf-x-subrip", "webvtt"])
def test_subtitles_are_read_as_their_cues_words(body: str, content_type: str,
                                                expected: str) -> None:
    """Cue numbers, times, settings, NOTE blocks, voice tags and sound notes are not words:
    read as words they break every quotation running over a cue."""
    page = page_text(body.encode(), content_type)
    assert page is not None and page.text == expected


def test_prose_with_an_arrow_is_not_read_as_subtitles() -> None:
    text = "Timeline: 10:00:00,000 --> 11:00:00,000 was the outage window.\nNothing else."
    page = page_text(text.encode(), "text/plain")
    assert page is not None and page.text == text


@pytest.mark.parametrize("cut", [False, True], ids=["tree", "stream"])
def test_an_advertisement_inside_a_sentence_is_not_the_pages_text(cut: bool) -> None:
    # an ad slot injected mid-paragraph would split a quotation it sits in; a class merely
    # containing "ad" ('ad-supported', 'shadow', 'header') keeps its text
    markup = (b"<html><body><div class='story ad-supported'><p>She said that direct extraction "
              b"will cut our water use<div class='ad-slot inline-ad'><span>Advertisement</span>"
              b"<a href='/x'>Drills on sale</a></div> by half.</p><aside class='ads'>Buy now"
              b"</aside><p class='shadow header'>The end.</p></div></body></html>")
    root, _ = parse_html(markup)
    assert root is not None
    assert visible_text(root, markup, cut=cut) == (
        "She said that direct extraction will cut our water use\nby half.\nThe end.")
    # however its class attribute is written, and with a longer list of classes
    spelled = (b'<html><body><p>He said the plan <span CLASS = "promo ad">BUY NOW</span>was '
               b'late.</p><p class="adventure">Kept.</p></body></html>')
    root, _ = parse_html(spelled)
    assert root is not None
    assert visible_text(root, spelled, cut=cut) == "He said the plan was late.\nKept."


def test_a_page_declaring_no_charset_is_decoded_as_a_browser_would() -> None:
    """chardetng weighs the letters each code page would make of the bytes: a Western page is
    windows-1252 (a generic detector read this one as Baltic: 'premičre'), a Polish one
    windows-1250, a Russian one KOI8; valid UTF-8 is UTF-8."""
    french = ("<p>The minister spoke in Paris. Elle a dit : « C’est la première fois que nous "
              "sommes ici à l’heure. » Then she left.</p>")
    assert decode_body(french.encode("windows-1252"), "text/html") == french
    polish = "<p>Minister powiedział, że rząd przygotuje nową ustawę o źródłach energii.</p>"
    assert decode_body(polish.encode("windows-1250"), None) == polish
    russian = "<p>Министр заявил, что правительство подготовит новый закон о выборах.</p>"
    assert decode_body(russian.encode("koi8-r"), "text/html") == russian
    assert decode_body(french.encode("utf-8"), None) == french
