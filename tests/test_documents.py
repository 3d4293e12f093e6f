"""Input documents: collecting paths and URLs, reading each format, cleaning PDF text,
titles and dates, and refusing unusable input with one clear line."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
import requests
from fpdf import FPDF

from verifier.citations import extract_citations
from verifier.documents import document_from_html, load_document
from verifier.errors import InputError
from verifier.inputs import collect_inputs
from verifier.quotes import extract_quotes


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- collecting inputs ---------------------------------------------------------------------
def test_collect_walks_directories_keeps_urls_and_warns_about_unknown_types(tmp_path: Path):
    write(tmp_path / "b.md", "# B")
    write(tmp_path / "a.txt", "A")
    write(tmp_path / "sub" / "deeper" / "c.html", "<p>C</p>")
    write(tmp_path / "sub" / "d.PDF", "%PDF-")
    write(tmp_path / "sub" / "photo.png", "png")
    write(tmp_path / ".hidden.txt", "secret")
    write(tmp_path / ".git" / "e.txt", "git internals")
    url = "https://example.test/article"
    sources, warnings = collect_inputs([str(tmp_path), url, str(tmp_path / "a.txt")])
    names = [Path(s).name if not s.startswith("http") else s for s in sources]
    assert names == ["a.txt", "b.md", "d.PDF", "c.html", url]
    assert len(warnings) == 1 and "photo.png" in warnings[0] and "unknown file type" in warnings[0]


def test_collect_names_a_missing_path(tmp_path: Path):
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(InputError) as caught:
        collect_inputs([str(missing)])
    assert str(missing) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_collect_skips_an_explicit_file_of_unknown_type(tmp_path: Path):
    sources, warnings = collect_inputs([str(write(tmp_path / "notes.xyz", "x"))])
    assert sources == [] and "notes.xyz" in warnings[0]


@pytest.mark.timeout(20)
def test_a_named_pipe_is_never_opened(tmp_path: Path):
    """Reading a named pipe waits for a writer that never comes: one named is refused, one
    in a folder skipped, and loading one (a path handed to a worker) refuses before any read."""
    pipe = tmp_path / "notes" / "incoming.txt"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    write(tmp_path / "notes" / "brief.md", "# Brief")
    with pytest.raises(InputError, match="incoming.txt: a named pipe, not a document file"):
        collect_inputs([str(pipe)])
    sources, warnings = collect_inputs([str(pipe.parent)])
    assert [Path(s).name for s in sources] == ["brief.md"]
    assert warnings == [f"skipped {pipe}: a named pipe, not a document file"]
    with pytest.raises(InputError, match="incoming.txt: not a regular file"):
        load_document(pipe)


@pytest.mark.parametrize("given", ["http://", "https://", "https://:8080/report", "http:///path"])
def test_an_article_address_without_a_host_is_refused(given: str):
    with pytest.raises(InputError, match="not a valid address"):
        collect_inputs([given])


def test_a_walk_leaves_out_the_runs_own_outputs(tmp_path: Path):
    """`verifier run .` in the folder the run writes to: its reports, evidence and database are
    not documents. A file named outright is still read."""
    write(tmp_path / "brief.md", "# Brief")
    report = write(tmp_path / "reports" / "run-1.html", "<p>the report</p>")
    write(tmp_path / "archive" / "notes.txt", "evidence folder")
    write(tmp_path / "verifier.db", "SQLite format 3")
    write(tmp_path / "verifier.db.lock", "")
    outputs = [tmp_path / "reports", tmp_path / "archive", tmp_path / "verifier.db",
               tmp_path / "verifier.db.lock"]
    assert collect_inputs([str(tmp_path)], outputs=outputs) == ([str(tmp_path / "brief.md")], [])
    everything, warnings = collect_inputs([str(tmp_path)])
    assert len(everything) == 3 and len(warnings) == 2  # the database and its lock: unknown types
    assert collect_inputs([str(report)], outputs=outputs)[0] == [str(report)]


# -- refusing unusable input ---------------------------------------------------------------
def test_binary_file_named_txt_is_refused(tmp_path: Path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        load_document(path)


def test_pdf_named_txt_is_refused_with_a_hint(tmp_path: Path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n")
    with pytest.raises(InputError, match="PDF"):
        load_document(path)


def test_corrupt_pdf_is_refused(tmp_path: Path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nthis is not really a pdf at all")
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert "broken.pdf" in str(caught.value) and "\n" not in str(caught.value)


def test_encrypted_pdf_is_refused(tmp_path: Path):
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Confidential")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError, match="encrypted"):
        load_document(path)


def test_oversized_document_is_refused_before_reading(tmp_path: Path):
    path = write(tmp_path / "huge.txt", "word " * 1000)
    with pytest.raises(InputError, match="limit"):
        load_document(path, max_bytes=1000)


def test_a_word_processors_file_says_how_to_have_it_read(tmp_path: Path):
    """A report kept as .doc or .rtf is skipped with what to do, named or found in a folder."""
    (tmp_path / "brief.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "draft.rtf").write_bytes(b"{\\rtf1}")
    sources, warnings = collect_inputs([str(tmp_path / "brief.doc"), str(tmp_path / "notes")])
    assert sources == []
    assert len(warnings) == 2
    assert "brief.doc: an old Word document is not read; save it as .docx, PDF, HTML or plain text" \
        in warnings[0]
    assert "draft.rtf: an RTF document is not read" in warnings[1]


def test_unknown_extension_is_refused(tmp_path: Path):
    with pytest.raises(InputError, match="unknown file type"):
        load_document(write(tmp_path / "x.rtf", "{\\rtf1}"))


# -- text encodings ------------------------------------------------------------------------
def test_utf16_and_windows_1252_text_decode(tmp_path: Path):
    text = "He said “yes” to the café."
    utf16 = tmp_path / "u16.txt"
    utf16.write_bytes(text.encode("utf-16"))
    cp1252 = tmp_path / "cp.txt"
    cp1252.write_bytes(("The minister said the plan was “a very good start for everyone "
                        "involved in the talks” and the café stayed open.").encode("cp1252"))
    assert load_document(utf16).text == text
    assert "“a very good start" in load_document(cp1252).text


# -- PDF-text cleanup (text files copied out of PDFs) ---------------------------------------
PDF_COPY = """Iran and Hamas

1. The supreme leader received the delegation and praised its "resis-

tance" in Gaza. Ali Khamenei said that the movement had shown "a model

of steadfastness for the whole Islamic world and for all

\n\n\n
7

\n
 \n
the oppressed nations of the region."1 He added nothing else.

<SEPARATOR>
1 http://www.leader.ir/langs/en/index.php?p=contentShow&id=6218.

Khamenei meets the delegation
(Photo from Khamenei's website)

2. The visit lasted two days.
""".replace("<SEPARATOR>", " " * 60)  # the blank-looking line PDF copies put above footnotes


def test_pdf_copy_is_rejoined_with_page_furniture_removed(tmp_path: Path):
    doc = load_document(write(tmp_path / "copy.txt", PDF_COPY))
    assert '"resistance" in Gaza' in doc.text  # hyphenated word rejoined
    assert ('"a model of steadfastness for the whole Islamic world and for all the oppressed '
            'nations of the region."1') in doc.text  # across the page break
    assert "\n7\n" not in doc.text and " 7 " not in doc.text  # the page number is gone
    # the footnote and the caption move out of the sentence, after its paragraph
    assert doc.text.index("He added nothing else.") < doc.text.index("1 http://www.leader.ir")
    assert doc.text.index("1 http://www.leader.ir") < doc.text.index("Khamenei meets")
    assert [(f.marker, f.urls) for f in doc.footnotes] == [
        ("1", ("http://www.leader.ir/langs/en/index.php?p=contentShow&id=6218",))]
    assert [r.marker for r in doc.note_refs] == ["1"]


def test_short_line_ending_on_a_word_that_needs_more_goes_on(tmp_path: Path):
    """'… said that' then a line opening with a quotation mark is one sentence, while a
    short heading line before a capitalised line stays apart."""
    text = ("Weekly digest\n"
            "Turkey. The ambassador, Ali Riza Guney, said that\n"
            "“Iraq is wasting its water” (http://example.org/a).\n"
            "Rates rose by more than\nThree percent in May, the bank said.\n")
    doc = load_document(write(tmp_path / "digest.txt", text))
    assert "Guney, said that “Iraq is wasting its water”" in doc.text
    assert "more than Three percent" in doc.text
    assert "Weekly digest\n\nTurkey." in doc.text


def line_of(text: str, phrase: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if phrase in line)


def test_offsets_map_back_to_original_lines(tmp_path: Path):
    doc = load_document(write(tmp_path / "copy.txt", PDF_COPY))
    for phrase in ("Ali Khamenei said", "the oppressed nations", "of steadfastness",
                   "http://www.leader.ir", "2. The visit", "(Photo from"):
        assert doc.locate(doc.text.index(phrase))[0] == line_of(PDF_COPY, phrase), phrase


def test_running_headers_repeated_lines_are_dropped(tmp_path: Path):
    page = "Policy Brief No. {n} | Institute\n\nBody text of page {n} goes on here.\n\n"
    doc = load_document(write(tmp_path / "brief.txt", "".join(page.format(n=n) for n in range(1, 5))))
    assert "Policy Brief" not in doc.text and "Body text of page 3" in doc.text


def test_running_footer_with_a_site_address_and_page_number_is_dropped(tmp_path: Path):
    """'www.example.org  Page 2 of 4': the page number changes, the address does not."""
    bodies = ["Rivers rose in spring.", "The dam held.", "Farmers were paid late.", "It ended."]
    page = "{body}\n\nwww.institute.example.org   Page {n} of 4\n\f"
    doc = load_document(write(tmp_path / "brief.txt", "".join(
        page.format(body=body, n=n) for n, body in enumerate(bodies, start=1))))
    assert "institute.example.org" not in doc.text and "Farmers were paid late." in doc.text


def test_running_footer_of_separated_pieces_is_dropped(tmp_path: Path):
    """'Sahel Relief Alliance | No Safe Road | March 2025   Page 1 of 4': separators and
    numbers make no footer too long to repeat, and the next page's sentence stays clean."""
    bodies = ["Rivers rose in spring.", "The dam held.", "Farmers were paid late.", "It ended."]
    page = "{body}\n\nSahel Relief Alliance | No Safe Road | March 2025        Page {n} of 4\n\f"
    doc = load_document(write(tmp_path / "brief.txt", "".join(
        page.format(body=body, n=n) for n, body in enumerate(bodies, start=1))))
    assert "No Safe Road" not in doc.text and "Farmers were paid late." in doc.text


# -- PDF documents built in the test --------------------------------------------------------
def build_pdf(path: Path) -> Path:
    """Two pages: running header, page numbers, a footnote at the foot of page 1, a quote
    that runs over the page break, and a word hyphenated at a line end."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_title("Hamas and Iran: A Report")
    pdf.set_creation_date(datetime(2019, 7, 22))
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)

    def furniture(number: int, notes: list[str]) -> None:
        y = 250
        for note in notes:
            pdf.set_xy(10, y)
            pdf.cell(0, 5, note)
            y += 6
        pdf.set_xy(10, 285)
        pdf.cell(0, 5, str(number), align="C")

    for number, body, notes in (
        (1, "During a visit to Tehran, the foreign minister, Manuchehr Mottaki, said that Iran "
            "would stand by the \u201cheroic and oppressed people of Gaza until their final "
            "victory over the occupiers.\u201d1 He also praised the movement as an orga-\n"
            "nization of the region.\n\nHamas leader Khaled Mashaal thanked Tehran. \u201cWe will "
            "never forget the support of the Iranian people, who stood with us when every "
            "other door was closed and when the whole world",
         ["1 http://english.farsnews.com/newstext.php?nn=8809241319."]),
        (2, "turned its back on Gaza,\u201d he told reporters.2 Observers were less impressed.",
         ["2 https://www.irna.ir/en/news/845076 and https://www.presstv.ir/Detail/113859.html"]),
    ):
        pdf.add_page()
        pdf.set_xy(10, 8)
        pdf.cell(0, 5, "Institute for Policy Studies | Report 12", align="C")
        pdf.set_xy(10, 20)
        for paragraph in body.split("\n\n"):
            pdf.multi_cell(0, 5, paragraph)
            pdf.ln(4)
        furniture(number, notes)
    pdf.output(str(path))
    return path


def test_pdf_document_text_pages_title_and_date(tmp_path: Path):
    doc = load_document(build_pdf(tmp_path / "report.pdf"))
    assert doc.format == "pdf"
    assert doc.title == "Hamas and Iran: A Report"
    assert (doc.date, doc.date_source) == (date(2019, 7, 22), "pdf-info")
    assert "Institute for Policy Studies" not in doc.text  # running header
    assert "organization of the region" in doc.text  # dehyphenated
    assert "when the whole world turned its back on Gaza,” he told reporters." in doc.text
    assert doc.locate(doc.text.index("turned its back"))[1] == 2
    assert doc.locate(doc.text.index("Manuchehr"))[1] == 1


def test_pdf_document_citations_and_quotes(tmp_path: Path):
    doc = load_document(build_pdf(tmp_path / "report.pdf"))
    citations = extract_citations(doc)
    assert [(c.marker, c.url, c.page) for c in citations] == [
        ("1", "http://english.farsnews.com/newstext.php?nn=8809241319", 1),
        ("2", "https://www.irna.ir/en/news/845076", 2),
        ("2", "https://www.presstv.ir/Detail/113859.html", 2),
    ]
    quotes, _terms = extract_quotes(doc, citations)
    assert [(q.speaker, q.citations, q.page) for q in quotes] == [
        ("Manuchehr Mottaki", [0], 1), ("Khaled Mashaal", [1, 2], 1)]
    assert quotes[1].text.endswith("when the whole world turned its back on Gaza")


def test_scanned_pdf_without_text_gets_a_warning(tmp_path: Path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    assert doc.text == "" and "no text layer" in doc.warnings[0]


# -- Markdown ------------------------------------------------------------------------------
MARKDOWN = """---
title: "Sanctions Watch: What Officials Said"
date: 2023-05-04
---

# Sanctions Watch

The Treasury [announced new sanctions](https://home.treasury.gov/news/jy1234) on Tuesday.
Deputy Secretary Wally Adeyemo said the measures would "hold the regime accountable
for its abuses"[^1] and [Reuters reported][reuters] that exports fell.

> "We will not hesitate to act again," Adeyemo said.

More at <https://example.org/analysis> and [the top](#top).

[reuters]: https://www.reuters.com/world/oil-2023-05-03/

[^1]: Statement, https://home.treasury.gov/news/jy1235, May 2, 2023.
"""


def test_markdown_links_footnotes_front_matter(tmp_path: Path):
    doc = load_document(write(tmp_path / "post.md", MARKDOWN))
    assert doc.title == "Sanctions Watch: What Officials Said"
    assert (doc.date, doc.date_source) == (date(2023, 5, 4), "meta")
    assert "**" not in doc.text and "](" not in doc.text
    assert [(link.url, link.kind) for link in doc.links] == [
        ("https://home.treasury.gov/news/jy1234", "markdown"),
        ("https://www.reuters.com/world/oil-2023-05-03/", "markdown"),
        ("https://example.org/analysis", "autolink"),
    ]
    assert doc.text[doc.links[0].start:doc.links[0].end] == "announced new sanctions"
    assert [(f.marker, f.urls) for f in doc.footnotes] == [
        ("1", ("https://home.treasury.gov/news/jy1235",))]
    assert [r.marker for r in doc.note_refs] == ["1"]
    assert doc.locate(doc.text.index("for its abuses"))[0] == 10
    assert doc.marked_quotes and doc.marked_quotes[0].block


# -- HTML ------------------------------------------------------------------------------------
ARTICLE = """<!doctype html>
<html lang="en"><head><title>Site | Article</title>
<meta property="og:title" content="The real headline">
<meta property="article:published_time" content="2022-11-03T10:00:00Z"></head>
<body>
<nav><a href="/home">Home</a> <a href="https://twitter.com/intent/tweet">Share</a></nav>
<article>
<h1>The real headline</h1>
<p>The foreign minister, <a href="https://en.wikipedia.org/wiki/Hossein_Amir-Abdollahian">Hossein
Amir-Abdollahian</a>, said that Iran "will respond decisively to any
aggression."<sup><a href="#fn1" id="ref1">1</a></sup></p>
<blockquote cite="https://www.president.ir/en/12345"><p>We are committed to diplomacy,
but our patience has limits.</p><footer>— Ebrahim Raisi</footer></blockquote>
<p>Analysts were unconvinced. <q cite="https://example.com/analyst">This is posturing for a
domestic audience</q>, said Sanam Vakil.</p>
<p style="display:none">Hidden <a href="https://hidden.example.com/">link</a></p>
<p>See the <a href="/related/story">related story</a> and <a href="mailto:x@example.com">mail</a>.</p>
<section class="footnotes"><ol><li id="fn1">IRNA, <a href="https://en.irna.ir/news/85000000/">report</a>,
November 2, 2022. <a href="#ref1">↩</a></li></ol></section>
</article>
<footer><a href="https://facebook.com/site">Facebook</a></footer>
</body></html>"""


def test_html_article_text_links_and_footnotes(tmp_path: Path):
    path = tmp_path / "article.html"
    path.write_bytes(ARTICLE.encode("utf-8"))
    doc = load_document(path)
    assert doc.title == "The real headline"
    assert (doc.date, doc.date_source) == (date(2022, 11, 3), "meta")
    assert "Home" not in doc.text and "Hidden" not in doc.text and "Facebook" not in doc.text
    assert [link.url for link in doc.links if link.kind == "a"] == [
        "https://en.wikipedia.org/wiki/Hossein_Amir-Abdollahian",
        "https://en.irna.ir/news/85000000/"]
    assert doc.warnings and "relative link" in doc.warnings[0]
    assert [(f.marker, f.urls) for f in doc.footnotes] == [("1", ("https://en.irna.ir/news/85000000/",))]
    assert [r.marker for r in doc.note_refs] == ["1"]
    blockquote = next(q for q in doc.marked_quotes if q.block)
    assert doc.text[blockquote.start:blockquote.end].endswith("our patience has limits.")
    assert blockquote.attribution == "Ebrahim Raisi"
    assert "“This is posturing for a domestic audience”" in doc.text  # <q> renders its marks
    for phrase in ("aggression.", "We are committed", "domestic audience", "November 2, 2022"):
        assert doc.locate(doc.text.index(phrase))[0] == line_of(ARTICLE, phrase), phrase


NEWSLETTER = """<html><body><table><tr><td>
<p>Minister Mohammad Al-Najjar said that “every drop of water matters now” [1].</p>
<p>Édouard Beigbeder said that “access to safe water has collapsed” [2]. Prices rose [7].</p>
<h2>Sources</h2>
<ol><li>Al Jazeera, 10 September 2023, <a href="https://aljazeera.example/a">link</a></li>
<li><a href="https://unicef.example/b">UNICEF Lebanon</a>, 5 September 2023</li></ol>
</td></tr></table></body></html>"""


def test_plain_bracketed_numbers_point_at_a_numbered_sources_list(tmp_path: Path):
    """'[1]' typed as text (no <sup>, no link) names the first item of the 'Sources' list
    after it; a number the list lacks stays text."""
    path = tmp_path / "letter.html"
    path.write_bytes(NEWSLETTER.encode("utf-8"))
    doc = load_document(path)
    assert [r.marker for r in doc.note_refs] == ["1", "2"]
    citations = extract_citations(doc)
    quotes, _ = extract_quotes(doc, citations)
    assert [[citations[n].url for n in q.citations] for q in quotes] == [
        ["https://aljazeera.example/a"], ["https://unicef.example/b"]]


def test_html_quotes_speakers_and_sources(tmp_path: Path):
    path = tmp_path / "article.html"
    path.write_bytes(ARTICLE.encode("utf-8"))
    doc = load_document(path)
    citations = extract_citations(doc)
    quotes, _ = extract_quotes(doc, citations)
    found = [(q.speaker, q.text, [citations[n].url for n in q.citations]) for q in quotes]
    assert found == [
        ("Hossein Amir-Abdollahian", "will respond decisively to any aggression.",
         ["https://en.irna.ir/news/85000000/"]),
        ("Ebrahim Raisi", "We are committed to diplomacy, but our patience has limits.",
         ["https://www.president.ir/en/12345"]),
        ("Sanam Vakil", "This is posturing for a domestic audience", ["https://example.com/analyst"]),
    ]


def test_article_given_as_url_is_fetched_and_read(web, tmp_path: Path):
    page = ARTICLE.replace('<meta property="article:published_time" content="2022-11-03T10:00:00Z">',
                           "")
    url = web.page("/news/story.html", page.encode("utf-8"), content_type="text/html; charset=utf-8")
    sources, warnings = collect_inputs([url])
    assert sources == [url] and warnings == []
    response = requests.get(url, timeout=5)
    fetched_at = datetime(2024, 1, 2, 3, 4, 5)
    doc = document_from_html(response.content, url, content_type=response.headers["Content-Type"],
                             fetched_at=fetched_at)
    assert doc.name == url and doc.source == url
    urls = [c.url for c in extract_citations(doc)]
    assert web.url("/related/story") in urls  # relative links resolve against the article's URL
    assert "mailto:x@example.com" not in urls and "https://facebook.com/site" not in urls
    # no metadata date: the text's own full date (November 2, 2022) comes first
    assert (doc.date, doc.date_source) == (date(2022, 11, 2), "text")


def test_article_without_any_date_takes_the_fetch_date():
    doc = document_from_html(b"<p>Nothing dated here.</p>", "https://example.test/a",
                             fetched_at=datetime(2024, 1, 2, 3, 4, 5))
    assert (doc.date, doc.date_source) == (date(2024, 1, 2), "http")


# -- dates and titles ----------------------------------------------------------------------
def test_text_date_is_the_latest_full_date(tmp_path: Path):
    doc = load_document(write(tmp_path / "d.txt", "Title here\n\nMet on 3 May 2019 and on "
                              "June 2, 2020; again in July 2021 and on 2018-01-01."))
    assert (doc.date, doc.date_source) == (date(2020, 6, 2), "text")


def test_undated_text_takes_the_file_time(tmp_path: Path):
    path = write(tmp_path / "undated.txt", "Nothing dated here.")
    stamp = datetime(2021, 3, 4, 12, 0).timestamp()
    os.utime(path, (stamp, stamp))
    doc = load_document(path)
    assert (doc.date, doc.date_source) == (date(2021, 3, 4), "mtime")


def test_title_skips_site_furniture_and_prefers_a_repeated_heading(tmp_path: Path):
    text = ("Skip to content\n\nThink Tank Name\n\nHamas Delegation in Iran\n\n"
            "Filed under: Iran\n\nHamas Delegation in Iran\n\nBody text begins here.")
    assert load_document(write(tmp_path / "t.txt", text)).title == "Hamas Delegation in Iran"
    plain = "A Plain Title\n\nFirst paragraph of text that ends with a period."
    assert load_document(write(tmp_path / "p.txt", plain)).title == "A Plain Title"


def test_url_serving_a_pdf_or_plain_text_is_read_as_such(tmp_path: Path):
    data = build_pdf(tmp_path / "r.pdf").read_bytes()
    doc = document_from_html(data, "https://example.test/report.pdf",
                             content_type="application/pdf", fetched_at=datetime(2024, 1, 2))
    assert doc.format == "pdf" and "Manuchehr Mottaki" in doc.text
    plain = document_from_html("Jane said “hello there, everyone.”\n".encode(),
                               "https://example.test/a.txt", content_type="text/plain",
                               fetched_at=datetime(2024, 1, 2))
    assert plain.format == "txt" and (plain.date, plain.date_source) == (date(2024, 1, 2), "http")


def test_footnote_bodies_differing_only_in_numbers_are_not_running_headers(tmp_path: Path) -> None:
    """'1 http://…/s1', '2 http://…/s2' … repeat once digits are masked; they are still notes."""
    lines = [f"Official {i} said that “crossing {i} will reopen after the inspection.”{i + 1}\n"
             for i in range(5)]
    lines += [f"{i + 1} http://news.example.org/s{i}\n" for i in range(5)]
    path = tmp_path / "notes.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = load_document(path)
    assert [f.marker for f in doc.footnotes] == ["1", "2", "3", "4", "5"]
    assert [f.urls for f in doc.footnotes][4] == ("http://news.example.org/s4",)


def test_a_wrapped_line_opening_with_a_number_carries_its_sentence_on(tmp_path: Path) -> None:
    """'… have lost' / '40 percent of their flow (https://…).' is the paragraph going on, not
    note 40; a note body under a line that stops mid-sentence is still a note."""
    path = tmp_path / "digest.txt"
    path.write_text(
        "The spokesman said that \"the rivers have lost\n40 percent of their flow\" "
        "(https://news.example.org/flow).\n\n"
        "The minister said that the talks would go on until\n"
        "1 Reuters, https://news.example.org/talks\n", encoding="utf-8")
    doc = load_document(path)
    assert "have lost 40 percent of their flow" in doc.text
    assert [(f.marker, f.urls) for f in doc.footnotes] == [
        ("1", ("https://news.example.org/talks",))]


def test_utf8_text_with_pasted_windows_1252_quotes_is_repaired(tmp_path: Path) -> None:
    """A UTF-8 file into which windows-1252 curly quotes were pasted reads as one text."""
    data = "Caf\u00e9 owner Ana Ruiz said that ".encode() + "\u201crent doubled\u201d".encode(
        "cp1252") + b" last year.\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert "Caf\u00e9 owner Ana Ruiz said that \u201crent doubled\u201d last year." in doc.text


def test_dates_of_a_long_text_are_each_found_once() -> None:
    """A text of thousands of dates (a citation list run together) keeps every date, none
    counted twice where patterns overlap ('25 December 2017' is not also 'December 2017')."""
    from verifier.text.docdates import find_dates

    text = " ".join(f"(Fars, {d} December 2017;" for d in range(1, 29)) * 50
    found = find_dates(text)
    assert len(found) == 28 * 50
    assert all(d.full for d in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_page_numbers_counting_up_without_form_feeds_go_with_their_running_header(
        tmp_path: Path) -> None:
    """A PDF viewer's copy has no form feeds: each page ends with its notes and its number on
    a line of its own, right above the next page's header, and a sentence broken by them
    joins up again."""
    header = "GREEN RIVERS TRUST" + " " * 30 + "BRIEFING 4 | MAY 2025"
    filler = "".join(f"Paragraph {n} of the page says something about the river.\n\n"
                     for n in range(5))
    text = (f"{filler}The survey found fewer fish.1 A fisher told our\n\n"
            "1 Survey data, https://trust.example.org/survey.csv.\n" + " " * 70 + "1\n"
            f"{header}\n\nresearchers: “The boat comes back empty.”\n\n{filler}"
            "The end of the paper.\n" + " " * 70 + "2\n"
            f"{header}\n\nAnnex text.\n")
    doc = load_document(write(tmp_path / "copy.txt", text))
    assert "A fisher told our researchers: “The boat comes back empty.”" in doc.text
    assert "BRIEFING 4" not in doc.text and "survey.csv. 1" not in doc.text


# -- held-out round on bad input (tests/test_input_holdout.py) ------------------------------------

def test_utf16_without_a_byte_order_mark_is_text() -> None:
    from verifier.documents import decode_text

    text = "The mayor said that “the new bridge opens in May.”\n"
    assert decode_text(text.encode("utf-16-le"), "a.txt") == text
    assert decode_text(text.encode("utf-16-be"), "a.txt") == text
    with pytest.raises(InputError, match="binary"):
        decode_text(b"\x00\x01\x02\x03" * 64, "a.txt")


def test_latin1_guessed_as_a_dos_code_page_is_read_as_windows_1252() -> None:
    from verifier.documents import decode_text

    for text in ('Mayor José Müller said that "the bridge over the Süderelbe opens in May".',
                 "Le maire a déclaré que le nouveau pont ouvrira en mai, à côté du théâtre."):
        assert decode_text(text.encode("latin-1"), "a.txt") == text
    russian = "Мэр Иван Петров сказал, что «новый мост откроется в мае». Это хорошо."
    assert decode_text(russian.encode("cp1251"), "a.txt") == russian


def test_a_document_without_text_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    assert load_document(empty).warnings == ["empty.md: empty file; nothing to extract"]
    blank = write(tmp_path / "blank.txt", "\n\n   \n")
    assert load_document(blank).warnings == ["blank.txt: no text; nothing to extract"]
    app = document_from_html(b"<html><head><script>render()</script></head><body><nav><a "
                             b"href='/'>Home</a></nav><div id='root'></div></body></html>",
                             "https://news.example.org/app")
    assert len(app.warnings) == 1 and "no article text" in app.warnings[0]


def test_pdf_without_pages_says_so(tmp_path: Path) -> None:
    from test_input_holdout import zero_page_pdf

    (tmp_path / "none.pdf").write_bytes(zero_page_pdf())
    assert load_document(tmp_path / "none.pdf").warnings == [
        "none.pdf: a PDF without pages; nothing to extract"]


def test_symlink_loops_are_named_not_followed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs / "good.txt", "Nothing cited.\n")
    (docs / "a.txt").symlink_to("b.txt")
    (docs / "b.txt").symlink_to("a.txt")
    sources, warnings = collect_inputs([str(docs)])
    assert sources == [str((docs / "good.txt").resolve())]
    assert [w for w in warnings if "symbolic link loop" in w] == [
        f"skipped {docs / 'a.txt'}: symbolic link loop",
        f"skipped {docs / 'b.txt'}: symbolic link loop"]
    with pytest.raises(InputError, match="a.txt: symbolic link loop"):
        collect_inputs([str(docs / "a.txt")])
    (docs / "dangling.txt").symlink_to("nowhere.txt")
    with pytest.raises(InputError, match=r"broken symbolic link \(to nowhere.txt\)"):
        collect_inputs([str(docs / "dangling.txt")])


def test_directory_that_cannot_be_listed_is_named(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """(Root lists any directory, so the refusal is the file system's answer, made up.)"""
    import verifier.inputs as inputs

    write(tmp_path / "docs" / "good.txt", "Nothing cited.\n")
    real_walk = os.walk

    def walk(top: str, onerror: object = None, **kw: object) -> object:
        assert callable(onerror)
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "docs" / "private")))
        return real_walk(top, **kw)

    monkeypatch.setattr(inputs.os, "walk", walk)
    _, warnings = collect_inputs([str(tmp_path / "docs")])
    assert warnings == [f"skipped {tmp_path / 'docs' / 'private'}: cannot be read "
                        "(Permission denied)"]
