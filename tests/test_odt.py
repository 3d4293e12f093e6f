"""OpenDocument text (.odt, .fodt): read as the HTML odtdoc makes of its body, so its links,
footnotes and endnotes are citations as a page's are.

LibreOffice Writer's own files of the reports in tests/documents/ (the flat .fodt each was
written as, and the .odt Writer saves) must give what the same reports exported to PDF give;
flat files written here show what Writer keeps in a file beside the text: tracked changes,
comments, a table of contents, spaces and breaks as elements, text boxes, tables."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import CliResult
from fixtureweb import FixtureWeb
from test_docx import WRITER_EXPORTS, quotes_with_sources

from verifier.documents import load_document
from verifier.errors import InputError
from verifier.extraction import extract_document
from verifier.inputs import collect_inputs
from verifier.pagetext import page_text

DOCUMENTS = Path(__file__).parent / "documents"
ODT_TYPE = "application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize("suffix", [".fodt", ".odt"])
@pytest.mark.parametrize("name", WRITER_EXPORTS)
def test_an_opendocument_gives_what_the_same_report_as_pdf_gives(name: str, suffix: str) -> None:
    from_odt = quotes_with_sources(DOCUMENTS / f"{name}{suffix}")
    assert from_odt == quotes_with_sources(DOCUMENTS / f"{name}.pdf")
    assert from_odt and all(urls for _speaker, _words, urls in from_odt)


def flat(body: str, meta: str = "") -> str:
    """A flat OpenDocument text (.fodt) with `body` as its office:text."""
    return ('<?xml version="1.0" encoding="UTF-8"?><office:document '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
            'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3" '
            f'office:mimetype="{ODT_TYPE}"><office:meta>{meta}</office:meta>'
            f"<office:body><office:text>{body}</office:text></office:body></office:document>")


REVIEWED = flat(
    '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info>'
    "<dc:creator>Editor</dc:creator></office:change-info><text:p>never </text:p></text:deletion>"
    "</text:changed-region></text:tracked-changes>"
    '<text:table-of-content><text:index-body><text:p><text:a xlink:href="#Findings">Findings 1'
    "</text:a></text:p></text:index-body></text:table-of-content>"
    '<text:h text:outline-level="1">Findings</text:h>'
    "<text:p>The governor told reporters that “the river has<text:s/><text:change "
    'text:change-id="ct1"/>rarely been so low<text:line-break/>in living memory”.<office:annotation>'
    "<dc:creator>Editor</dc:creator><text:p>Check https://comment.example.org/never-cited</text:p>"
    '</office:annotation><text:note text:id="e1" text:note-class="endnote"><text:note-citation>i'
    "</text:note-citation><text:note-body><text:p>Khuzestan News Agency, 2 December 2023, "
    '<text:a xlink:href="https://khuzestan.example.ir/fa/news/77">online</text:a>.</text:p>'
    "</text:note-body></text:note></text:p>"
    '<text:p>A<text:s text:c="3"/>gap<text:tab/>and a '
    '<draw:frame><draw:text-box><text:p>boxed caption</text:p></draw:text-box></draw:frame>.</text:p>'
    "<table:table><table:table-row><table:table-cell><text:p>Basin</text:p></table:table-cell>"
    "<table:table-cell><text:p>Karun</text:p></table:table-cell></table:table-row></table:table>")


def test_what_a_reader_of_the_document_sees_is_its_text(tmp_path: Path) -> None:
    """Changes read as accepted (the deleted word is kept apart from the body), no comment,
    no table of contents repeating the headings; spaces, tabs, breaks, text boxes and table
    cells are text; an endnote labelled 'i' is the quote's source."""
    path = tmp_path / "review.fodt"
    path.write_text(REVIEWED, encoding="utf-8")
    doc = load_document(path)
    found = extract_document(doc)
    [quote] = found.quotes
    assert (quote.speaker, quote.text) == ("governor", "the river has rarely been so low in living memory")
    assert [found.citations[i].url for i in quote.citations] == ["https://khuzestan.example.ir/fa/news/77"]
    assert "never" not in doc.text and "comment.example.org" not in doc.text
    assert doc.text.count("Findings") == 1
    assert "A gap" in doc.text and "boxed caption" in doc.text and "Karun" in doc.text


def test_an_opendocument_is_dated_by_its_text_then_by_its_properties(tmp_path: Path) -> None:
    meta = ("<dc:title>Karun review</dc:title><meta:creation-date>2019-05-01T08:00:00</meta:creation-date>"
            "<dc:date>2024-03-04T16:20:00</dc:date>")
    path = tmp_path / "review.fodt"
    path.write_text(flat("<text:p>No date here.</text:p>", meta), encoding="utf-8")
    doc = load_document(path)
    assert (doc.title, doc.date, doc.date_source) == ("Karun review", date(2024, 3, 4), "odt-properties")
    path.write_text(flat("<text:p>No date here.</text:p>", meta.replace("<dc:date>2024-03-04T16:20:00</dc:date>", "")),
                    encoding="utf-8")
    assert load_document(path).date == date(2019, 5, 1)
    dated = tmp_path / "dated.fodt"
    dated.write_text(flat("<text:p>Briefing of 12 February 2024.</text:p>"), encoding="utf-8")
    doc = load_document(dated)
    assert (doc.date, doc.date_source) == (date(2024, 2, 12), "text")


def test_an_opendocument_is_collected_from_a_folder(tmp_path: Path) -> None:
    (tmp_path / "review.odt").write_bytes((DOCUMENTS / "writer_links.odt").read_bytes())
    (tmp_path / "draft.fodt").write_text(REVIEWED, encoding="utf-8")
    sources, warnings = collect_inputs([str(tmp_path)])
    assert sorted(Path(s).name for s in sources) == ["draft.fodt", "review.odt"] and warnings == []


@pytest.mark.parametrize(("data", "says"), [
    (b"PK\x03\x04" + bytes(200), "not a .odt archive"),
    ((DOCUMENTS / "writer_links.docx").read_bytes(), "without a text document"),
    (b"<?xml version='1.0'?><office:document", "XML cannot be read"),
])
def test_a_file_that_is_no_opendocument_is_one_line(tmp_path: Path, data: bytes, says: str) -> None:
    path = tmp_path / "broken.odt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert says in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("content_type", [ODT_TYPE, "application/octet-stream"])
def test_an_opendocument_cited_as_a_source_is_read(content_type: str) -> None:
    """GOV.UK and other administrations publish .odt files: served as one, or untyped."""
    page = page_text((DOCUMENTS / "writer_links.odt").read_bytes(), content_type)
    assert page is not None and page.kind == "odt"
    assert "all transfers comply with the national water plan" in " ".join(page.text.split())


def test_an_opendocument_given_by_its_url_is_checked_end_to_end(
        workspace: Path, web: FixtureWeb, run_cli: Callable[..., CliResult]) -> None:
    web.page("/statement", "<html lang='en'><body><p>The minister said that the river has rarely "
             "been so low in living memory.</p></body></html>")
    review = REVIEWED.replace("https://khuzestan.example.ir/fa/news/77", web.url("/statement"))
    published = web.page("/files/review", review.encode(), content_type=ODT_TYPE)
    (workspace / "verifier.toml").write_text("allow_private_hosts = true\nno_wayback = true\nretries = 0\n")
    result = run_cli("run", published)
    assert result.code == 0, result.out + result.err
    [quote] = json.loads(run_cli("export", "--format", "json").out)["quotes"]
    assert (quote["status"], quote["source_url"], quote["document"]) == \
        ("verified", web.url("/statement"), published)
