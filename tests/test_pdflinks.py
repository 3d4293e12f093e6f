"""Hyperlinks of PDF documents: the link annotations Word and Google Docs write for linked
words become citations on those words, in the running text and in the notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from verifier.documents import load_document
from verifier.extraction import extract_document
from verifier.models import Extraction
from verifier.text.pdflinks import PdfLink, link_lines, linked_lines, place_links

Segment = tuple[str, str | None]  # text, and the address it links to


def linked_pdf(pages: list[list[list[Segment]]]) -> bytes:
    """A real PDF: each page a list of paragraphs, each paragraph a list of segments written
    one after another (a linked segment gets its link annotation, line by line if it wraps)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for paragraphs in pages:
        pdf.add_page()
        for paragraph in paragraphs:
            for text, url in paragraph:
                pdf.write(6, text, link=url or "")
            pdf.ln(10)
    return bytes(pdf.output())


def extracted(tmp_path: Path, pages: list[list[list[Segment]]]) -> Extraction:
    path = tmp_path / "report.pdf"
    path.write_bytes(linked_pdf(pages))
    return extract_document(load_document(path))


STATEMENT = "https://gov.example.org/news/2024/border-statement"


def test_linked_words_cite_their_address_and_the_quote_beside_them(tmp_path: Path) -> None:
    ex = extracted(tmp_path, [[[
        ("The interior ministry said in a ", None), ("statement on Monday", STATEMENT),
        (' that "the border will stay closed until further notice", according to officials.',
         None)]]])
    [citation] = [c for c in ex.citations if c.url == STATEMENT]
    assert ex.document.text[citation.offset:].startswith("statement on Monday")
    [quote] = ex.quotes
    assert quote.text.startswith("the border will stay closed")
    assert [ex.citations[i].url for i in quote.citations] == [STATEMENT]


def test_a_note_whose_link_is_the_word_here_cites_its_address(tmp_path: Path) -> None:
    report = "https://www.reuters.com/world/middle-east/officials-say-2018-05-03/"
    ex = extracted(tmp_path, [[
        [("Officials described the strikes as ", None),
         ('"a necessary measure to protect our citizens".2', None),
         (" Critics disagreed.", None)],
        [("2 Reuters, 3 May 2018, available ", None), ("here", report), (".", None)],
    ]])
    notes = [c for c in ex.citations if c.kind == "footnote"]
    assert [(c.marker, c.url) for c in notes] == [("2", report)]
    [quote] = ex.quotes
    assert [ex.citations[i].url for i in quote.citations] == [report]


def test_a_printed_address_cut_short_gives_way_to_the_links_whole_one(tmp_path: Path) -> None:
    whole = "https://www.example.org/reports/2023/annual-review-of-detention-conditions-final"
    ex = extracted(tmp_path, [[[("Full text: ", None),
                                ("https://www.example.org/reports/2023/annual-review-of-det...",
                                 whole), (" (accessed 2 March 2024).", None)]]])
    assert [c.url for c in ex.citations] == [whole]


def test_links_that_open_no_web_page_are_no_citations(tmp_path: Path) -> None:
    ex = extracted(tmp_path, [[[("Write to ", None), ("the press office", "mailto:press@example.org"),
                                (" for comment.", None)]]])
    assert ex.citations == []
    assert ex.document.links == []


def test_a_linked_phrase_found_across_a_hyphenated_line_break() -> None:
    """The cleaned text has rejoined 'state-' and 'ment'; the anchor still finds its words
    on its lines, after the link before it on the page."""
    pages = ["Page one says here.", "The ministry's state-\nment on Monday, and here again."]
    links = [[], [PdfLink("https://a.example/1", "state- ment on Mon"),
                  PdfLink("https://a.example/2", "here")]]
    located = link_lines(pages, links)
    assert [(at.page, at.first, at.last) for at in located] == [(2, 1, 2), (2, 2, 2)]
    assert linked_lines(located) == {(2, 1), (2, 2)}
    text = "Page one says here.\nThe ministry's statement on Monday, and here again."
    second = text.index("The ministry")
    line_map = [(0, 1, 1), (second, 1, 2), (text.index("ment on"), 2, 2)]
    placed = place_links(text, line_map, located)
    assert [(text[link.start:link.end], link.url) for link in placed] == [
        ("statement on Mon", "https://a.example/1"), ("here", "https://a.example/2")]
    assert placed[1].start > second


def test_a_note_moved_after_its_paragraph_keeps_its_link() -> None:
    """The cleaning moves a page's note bodies after the paragraph a page break cut, past
    the next page's first lines: a link is sought on its own line, wherever that went."""
    pages = ["Body text that goes on\n1 Reuters, available here.", "over the page. Read here."]
    links = [[PdfLink("https://a.example/note", "here")], [PdfLink("https://a.example/body", "here")]]
    text = "Body text that goes on over the page. Read here.\n\n1 Reuters, available here."
    line_map = [(0, 1, 1), (text.index("over"), 1, 2), (text.index("1 Reuters"), 2, 1)]
    placed = place_links(text, line_map, link_lines(pages, links))
    assert [(link.url, link.start) for link in placed] == [
        ("https://a.example/note", text.rindex("here")),
        ("https://a.example/body", text.index("here"))]


def test_a_link_whose_words_cannot_be_found_still_cites_from_its_page() -> None:
    text = "First page.\nSecond page text."
    located = link_lines(["First page.", "Second page text."],
                         [[], [PdfLink("https://a.example/x", "gone")]])
    placed = place_links(text, [(0, 1, 1), (12, 1, 2)], located)
    assert [(link.url, link.start, link.end) for link in placed] == [("https://a.example/x", 12, 12)]


def test_a_link_wrapped_over_two_lines_is_one_link(tmp_path: Path) -> None:
    """Word writes one annotation per line of a wrapped link: the pieces are one link."""
    report = "https://stats.example.gov/report-2023"
    ex = extracted(tmp_path, [[[
        ("According to the annual report published by the national statistics office last "
         "spring, the ", None),
        ("unemployment rate among young graduates in the northern provinces rose sharply over "
         "the year", report),
        (', and the minister said "we are deeply concerned about these figures" at a press '
         "conference.", None)]]])
    [link] = ex.document.links
    assert ex.document.text[link.start:link.end] == (
        "unemployment rate among young graduates in the northern provinces rose sharply over "
        "the year")
    assert [c.url for c in ex.citations] == [report]


def test_a_writer_export_with_linked_words_and_linked_notes() -> None:
    """tests/documents/writer_links.pdf is LibreOffice Writer 7.4's own PDF export of
    writer_links.fodt (`soffice --headless --convert-to pdf`): linked words in the text, notes
    whose source is a linked 'here', a long linked address wrapped over two lines, a note with
    two linked titles and no address printed."""
    path = Path(__file__).parent / "documents" / "writer_links.pdf"
    ex = extract_document(load_document(path))
    ministry = "https://www.moe.example.gov/news/2023/11/statement-on-dams"
    agency = ("https://www.khuzestan-news.example.ir/fa/news/2023/12/02/"
              "governor-karun-river-lowest-level-in-living-memory-interview")
    assert [(c.kind, c.marker, c.url) for c in ex.citations] == [
        ("link", None, ministry),
        ("link", None, "https://www.unwater.example.org/reports/karun-2023"),
        ("footnote", "1", ministry),
        ("footnote", "2", agency),
        ("footnote", "3", "https://www.rights.example.org/2024/01/karun-protest-arrests"),
        ("footnote", "3", "https://www.rights.example.org/2023/08/water-protests"),
    ]
    cited = {q.text: [ex.citations[i].url for i in q.citations] for q in ex.quotes}
    assert cited == {
        "all transfers comply with the national water plan and protect downstream users":
            [ministry],
        "the river has never been so low in living memory": [agency],
    }


def test_a_three_page_writer_report_with_running_heads_and_eighteen_notes() -> None:
    """tests/documents/writer_sitrep.pdf: Writer's export of writer_sitrep.fodt, three pages
    under a running head and a 'Page N' footer, eighteen notes at the page feet in three
    forms: 'See <printed address>', a printed address that is also a link, and '… available
    here' with only 'here' linked. Every note cites its address, each once, and each quote
    rests on its own note."""
    path = Path(__file__).parent / "documents" / "writer_sitrep.pdf"
    ex = extract_document(load_document(path))
    urls = ["https://health.example.gov/press/2023/05/vaccine-deliveries",
            "https://port.example.org/en/news/statement-21",
            "https://city.example.gov/mayor/speeches/2023-budget",
            "https://www.example-news.com/politics/2023/06/opposition-leader-interview-numbers",
            "https://cb.example.org/speeches/governor-2023-07-12",
            "https://news.example.un.org/en/story/2023/08/1140000"]
    expected = [(str(n), urls[(n - 1) % 6]) for n in range(1, 19)]
    assert [(c.marker, c.url) for c in ex.citations] == expected
    assert all(c.kind == "footnote" for c in ex.citations)
    assert [[ex.citations[i].marker for i in q.citations] for q in ex.quotes] == [
        [str(n)] for n in range(1, 19)]
    assert [q.speaker for q in ex.quotes][:6] == [
        "deputy minister of health", "spokesperson for the port authority", "mayor of the city",
        "opposition leader", "central bank governor", "senior UN official"]


def test_a_writer_report_with_endnotes_a_table_and_a_long_note() -> None:
    """tests/documents/writer_endnotes.pdf: Writer's export of writer_endnotes.fodt. Its
    endnotes are numbered i, ii, iii on a page of their own with no heading; a timeline
    table's rows open with dates ('12 Jan 2024 …') and hold a linked and a printed address;
    the third note runs over many lines under a hanging indent and ends on a linked title."""
    path = Path(__file__).parent / "documents" / "writer_endnotes.pdf"
    ex = extract_document(load_document(path))
    assert [(c.kind, c.marker, c.url) for c in ex.citations] == [
        ("link", None, "https://un.example.org/press/2024/01/12-ceasefire"),
        ("link", None, "https://news.example.com/2024/02/02/talks-suspended"),
        ("link", None, "https://radio.example.org/programmes/world-tonight/2024-02-10"),
        ("footnote", "i", "https://parliament.example.gov/records/2024/44"),
        ("footnote", "ii", "https://mod.example.gov/en/briefings/2024-02-06-weekly"),
        ("footnote", "iii", "https://www.review.example.com/interviews/former-envoy-sequencing"),
    ]
    assert [(q.speaker, [ex.citations[i].url for i in q.citations]) for q in ex.quotes] == [
        ("foreign minister", ["https://parliament.example.gov/records/2024/44"]),
        ("Elena Vasquez", ["https://mod.example.gov/en/briefings/2024-02-06-weekly"]),
        ("former envoy", ["https://www.review.example.com/interviews/former-envoy-sequencing"]),
        ("mediator", ["https://radio.example.org/programmes/world-tonight/2024-02-10"]),
    ]


def test_a_two_column_writer_report_with_hyphenation_and_glued_note_numbers() -> None:
    """tests/documents/writer_columns.pdf: Writer's export of writer_columns.fodt, set in two
    justified, hyphenated columns, so its text is read column by column and each note's
    number comes out glued to its first word ('1See https://…'). The second note runs on to
    the next page's foot, set across the page under the columns, and gives its address there:
    read column by column, that part follows the body text with no gap, and only its width
    tells it from the columns."""
    path = Path(__file__).parent / "documents" / "writer_columns.pdf"
    ex = extract_document(load_document(path))
    rests_on = [[(ex.citations[i].marker, ex.citations[i].url or ex.citations[i].outlet)
                 for i in q.citations] for q in ex.quotes]
    assert rests_on == [
        [("1", "https://www.health-news.example.org/2024/04/haddad-hospital-interview")],
        [("2", "https://water.example.gov/announcements/2024-04-18-canal-repairs")],
        [("3", "https://www.fieldreport.example.com/stories/petrenko-farm-flood")],
        [("4", "https://www.wfp.example.org/news/flood-response-update-april-2024")]]
    assert [q.speaker for q in ex.quotes] == [
        "Amal Haddad", "provincial water authority", "Oleksandr Petrenko",
        "spokesperson for the World Food Programme"]
    assert "three times as many patients as before the floods" in ex.quotes[0].text


@pytest.mark.parametrize("name", ["writer_long_note", "writer_split_note"])
def test_a_writer_report_whose_long_note_fills_its_page_foot(name: str) -> None:
    """tests/documents/writer_long_note.pdf: Writer's export of writer_long_note.fodt, one
    justified, hyphenated column; the second note runs a dozen lines to the page's foot and
    gives its address on its last line; every note's number is glued to its first word. In
    writer_split_note.pdf the second note is longer still: Writer cuts it off mid-sentence at
    the first page's foot and sets the rest, with the address, above the second page's notes."""
    path = Path(__file__).parent / "documents" / f"{name}.pdf"
    ex = extract_document(load_document(path))
    assert [(c.kind, c.marker) for c in ex.citations] == [("footnote", str(n)) for n in range(1, 5)]
    assert [[ex.citations[i].url for i in q.citations] for q in ex.quotes] == [
        ["https://www.health-news.example.org/2024/04/haddad-hospital-interview"],
        ["https://water.example.gov/announcements/2024-04-18-canal-repairs"],
        ["https://www.fieldreport.example.com/stories/petrenko-farm-flood"],
        ["https://www.wfp.example.org/news/flood-response-update-april-2024"]]


def test_a_web_page_printed_to_pdf_cites_its_sources_not_its_menus() -> None:
    """tests/documents/chromium_article.pdf: Chromium's print to PDF of chromium_article.html,
    an article with a menu, share buttons, a 'Related:' link and a footer. Each link of the
    page is an annotation, and the printed lines run together: the article's two sources are
    cited, its menus, buttons and related story are not. The print's time stamp is no text,
    and the document is dated by its byline, not by when it was printed."""
    path = Path(__file__).parent / "documents" / "chromium_article.pdf"
    ex = extract_document(load_document(path))
    assert not ex.document.text.startswith("11/22/26")
    assert (ex.document.date, ex.document.date_source) == (date(2024, 3, 12), "text")
    assert [c.url for c in ex.citations] == [
        "https://energy.example.gov/press/2024-03-11",
        "https://www.agri-news.example.org/2024/03/farmers-dam"]
    assert [[ex.citations[i].url for i in q.citations] for q in ex.quotes] == [
        ["https://energy.example.gov/press/2024-03-11"],
        ["https://www.agri-news.example.org/2024/03/farmers-dam"]]


def test_a_short_anchor_is_placed_where_the_page_draws_it() -> None:
    """'Karun Dam' is the page's heading and, lower down, the linked title of a reference:
    the link lies on the occurrence nearest to where the page drew its words."""
    text = 'Karun Dam\nThe dam is large.\nReferences\n1. ^ "Karun Dam". Iran Water and Power.'
    before = sum(ch.isalnum() for ch in text[:text.index('"Karun')])
    located = link_lines([text], [[PdfLink("https://a.example/karun", "Karun Dam", before)]])
    assert [(at.first, at.last) for at in located] == [(4, 4)]


def test_a_wiki_article_printed_to_pdf_cites_its_references() -> None:
    """tests/documents/chromium_wiki.pdf: Chromium's print of chromium_wiki.html (served on
    127.0.0.1), an article whose '[n]' markers link within the page and whose references
    link their titles, one of them the article's own heading. Each reference is a note with
    its address, and the quote rests on its own; the page's own address, printed at its foot
    beside '1/1', is no citation."""
    path = Path(__file__).parent / "documents" / "chromium_wiki.pdf"
    ex = extract_document(load_document(path))
    assert all(c.kind == "footnote" for c in ex.citations)
    notes = [(c.marker, c.url) for c in ex.citations if c.kind == "footnote"]
    assert notes == [("1", "https://www.iwpco.example.ir/dams/karun"),
                     ("2", "https://www.irna.example.ir/news/84000001/"),
                     ("3", "https://www.agri.example.org/karun-farmers")]
    [quote] = ex.quotes
    assert [ex.citations[i].url for i in quote.citations] == [
        "https://www.irna.example.ir/news/84000001/"]
