"""Word documents (.docx): read as the HTML mammoth makes of them, so their hyperlinks,
footnotes and endnotes are citations as a page's are.

Two kinds of fixtures: LibreOffice Writer's own .docx exports of the reports in
tests/documents/ (each also exported to PDF there, from the same .fodt source), which must
give the same quotes, speakers and cited addresses as the PDF; and packages written part by
part as Word writes them (tests/docx_support.py) for what Word puts in a file that Writer's
exports do not: HYPERLINK field codes, tracked changes, comments, core properties."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import CliResult
from docx_support import (
    Docx,
    commented,
    deleted,
    endnote_ref,
    field_link,
    footnote_ref,
    inserted,
    link,
    text,
    write_docx,
)
from fixtureweb import FixtureWeb

from verifier.documents import document_from_html, load_document
from verifier.errors import InputError
from verifier.extraction import extract_document
from verifier.inputs import collect_inputs
from verifier.text.docxdoc import read_docx

DOCUMENTS = Path(__file__).parent / "documents"
WRITER_EXPORTS = ["writer_links", "writer_sitrep", "writer_endnotes", "writer_columns",
                  "writer_long_note", "writer_split_note"]


def quotes_with_sources(path: Path) -> list[tuple[str | None, str, tuple[str, ...]]]:
    """Each quote's speaker, words and cited addresses, in document order."""
    found = extract_document(load_document(path))
    return [(q.speaker, " ".join(q.text.split()),
             tuple(sorted(u for i in q.citations if (u := found.citations[i].url))))
            for q in found.quotes]


@pytest.mark.parametrize("name", WRITER_EXPORTS)
def test_a_word_document_gives_what_the_same_report_as_pdf_gives(name: str) -> None:
    """Same source, two exports: the same quotes, speakers and addresses, and every quote of
    these reports rests on an address."""
    from_docx = quotes_with_sources(DOCUMENTS / f"{name}.docx")
    assert from_docx == quotes_with_sources(DOCUMENTS / f"{name}.pdf")
    assert from_docx and all(urls for _speaker, _words, urls in from_docx)


def test_a_word_document_is_collected_and_named_as_such(tmp_path: Path) -> None:
    """...and the files Word, editors and Windows keep beside it in a folder are not: each
    would be a warning every night."""
    (tmp_path / "notes").mkdir()
    write_docx(tmp_path / "notes" / "brief.docx", Docx([[text("A line.")]]))
    (tmp_path / "notes" / "~$brief.docx").write_bytes(b"\x0cEditor" + bytes(150))  # Word's owner file
    (tmp_path / "notes" / "draft.md~").write_text("# old draft")
    (tmp_path / "notes" / "Thumbs.db").write_bytes(bytes(64))
    sources, warnings = collect_inputs([str(tmp_path / "notes")])
    assert [Path(s).name for s in sources] == ["brief.docx"] and warnings == []
    doc = load_document(Path(sources[0]))
    assert (doc.format, doc.name) == ("docx", "brief.docx")


BRIEF = Docx(
    paragraphs=[
        [text("Water Rights Briefing")],
        [text("The energy ministry said that “all transfers comply with the national water plan”."),
         footnote_ref(1), text(" Its "), link("https://moe.example.gov/statement?id=4&lang=en", "statement"),
         text(" followed a "), field_link("https://news.example.org/2023/dams", "report on the dams"),
         text(".")],
        [text("The governor told reporters that “the river has "), deleted("never "),
         inserted("rarely "), text("been so low in living memory”."), endnote_ref(1)],
        [commented(0, "Farmers have protested for months.")],
    ],
    footnotes={1: [text(" Ministry of Energy, 14 November 2023, "),
                   link("https://moe.example.gov/news/2023/11/statement", "online"), text(".")]},
    endnotes={1: [text(" Khuzestan News Agency, 2 December 2023, https://khuzestan.example.ir/fa/news/77 .")]},
    comments={0: "Check against https://comment.example.org/never-cited before sending."},
    title="Karun Basin brief", created="2019-05-01T08:00:00Z", modified="2024-03-04T16:20:00Z")


def test_words_links_and_notes_of_a_word_document_are_its_citations(tmp_path: Path) -> None:
    """A hyperlink by relationship and one as a field code are links; a footnote's link and
    an endnote's printed address are notes its marker points at."""
    doc = load_document(write_docx(tmp_path / "brief.docx", BRIEF))
    found = extract_document(doc)
    urls = {c.url: c.kind for c in found.citations}
    assert urls == {"https://moe.example.gov/statement?id=4&lang=en": "link",
                    "https://news.example.org/2023/dams": "link",
                    "https://moe.example.gov/news/2023/11/statement": "footnote",
                    "https://khuzestan.example.ir/fa/news/77": "footnote"}
    cited = {q.speaker: {found.citations[i].url for i in q.citations} for q in found.quotes}
    assert cited == {"energy ministry": {"https://moe.example.gov/news/2023/11/statement"},
                     "governor": {"https://khuzestan.example.ir/fa/news/77"}}


def test_tracked_changes_read_as_accepted_and_comments_are_not_the_text(tmp_path: Path) -> None:
    """Word shows the document with its changes accepted: the inserted word is the quote's, the
    struck-out one is not; a reviewer's comment (and the address in it) is no part of it."""
    doc = load_document(write_docx(tmp_path / "brief.docx", BRIEF))
    [governor] = [q for q in extract_document(doc).quotes if q.speaker == "governor"]
    assert governor.text == "the river has rarely been so low in living memory"
    assert "never" not in doc.text and "comment.example.org" not in doc.text
    assert "Farmers have protested for months." in doc.text


def test_a_word_document_is_dated_by_its_text_then_by_its_properties(tmp_path: Path) -> None:
    """Its properties change with every save, whoever saved it: a date its text states comes
    first, then when it was last modified, then when it was created."""
    dated = Docx([[text("Briefing of 12 February 2024.")]], modified="2024-03-04T16:20:00Z")
    doc = load_document(write_docx(tmp_path / "dated.docx", dated))
    assert (doc.date, doc.date_source) == (date(2024, 2, 12), "text")
    undated = Docx([[text("No date here.")]], created="2019-05-01T08:00:00Z",
                   modified="2024-03-04T16:20:00Z")
    doc = load_document(write_docx(tmp_path / "undated.docx", undated))
    assert (doc.date, doc.date_source) == (date(2024, 3, 4), "docx-properties")
    created_only = Docx([[text("No date here.")]], created="2019-05-01T08:00:00Z")
    assert load_document(write_docx(tmp_path / "created.docx", created_only)).date == date(2019, 5, 1)


def test_a_word_documents_title_is_its_own_title_property(tmp_path: Path) -> None:
    assert load_document(write_docx(tmp_path / "brief.docx", BRIEF)).title == "Karun Basin brief"
    untitled = Docx([[text("Water Rights Briefing")], [text("Some text.")]])
    assert load_document(write_docx(tmp_path / "untitled.docx", untitled)).title == "Water Rights Briefing"


def test_a_file_that_is_no_docx_archive_is_one_line(tmp_path: Path) -> None:
    """An old binary .doc renamed .docx (a password-protected Word file looks the same): the
    error says what it may be and what to do."""
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(InputError) as caught:
        load_document(old)
    message = str(caught.value)
    assert "old.docx: not a .docx archive" in message and "\n" not in message
    other = tmp_path / "photos.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8")
    with pytest.raises(InputError, match="without a Word document"):
        load_document(other)


def test_damaged_properties_lose_the_title_not_the_text(tmp_path: Path) -> None:
    """A core.xml whose bytes no longer match their checksum (a bad copy): the document is
    read all the same, without the title and dates its properties held."""
    packed = write_docx(tmp_path / "packed.docx", BRIEF)
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(packed) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            stored = info.filename == "docProps/core.xml"
            target.writestr(info.filename, source.read(info),
                            zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    data = damaged.read_bytes()
    at = data.index(b"Karun Basin brief")
    damaged.write_bytes(data[:at] + b"X" + data[at + 1:])
    doc = load_document(damaged)
    assert doc.title == "Water Rights Briefing" and doc.date_source != "docx-properties"
    assert "all transfers comply with the national water plan" in doc.text


def test_a_docx_expanding_beyond_the_limit_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "brief.docx", BRIEF)
    with pytest.raises(InputError, match=r"expands to \d+ MB"):
        read_docx(path.read_bytes(), "brief.docx", max_expanded=1000)
    assert read_docx(path.read_bytes(), "brief.docx").html.startswith("<html>")


def test_a_long_note_named_as_a_note_is_read_whole() -> None:
    """A marker's link to a block of several thousand characters is a note when the block's
    id names one ('footnote-3'), as Word's exports and publishing systems write them; the same
    link to an unnamed block that long ('#content') is no note."""
    long = "A discursive note about the canal works. " * 150
    page = ('<html><body><p>The authority said that “repairs will be done”.<sup><a href="#{id}">[1]'
            '</a></sup></p><ol><li id="{id}"><p>{long} Online: https://water.example.gov/a1.</p>'
            "</li></ol></body></html>")
    named = document_from_html(page.format(id="footnote-3", long=long).encode(), "brief.html")
    assert [f.urls for f in named.footnotes] == [("https://water.example.gov/a1",)]
    unnamed = document_from_html(page.format(id="content", long=long).encode(), "brief.html")
    assert unnamed.footnotes == []


def test_a_word_documents_quote_is_checked_against_its_cited_page(
        workspace: Path, web: FixtureWeb, run_cli: Callable[..., CliResult]) -> None:
    """End to end: `verifier run` on a .docx citing the fixture web in a footnote."""
    web.page("/statement", "<html lang='en'><head><title>Statement</title></head><body><p>The "
             "ministry said all transfers comply with the national water plan and protect "
             "downstream users.</p></body></html>")
    brief = Docx([[text("Briefing of 12 February 2024.")],
                  [text("The energy ministry said that “all transfers comply with the national water "
                        "plan”."), footnote_ref(1)]],
                 footnotes={1: [text(" Ministry of Energy, "), link(web.url("/statement"), "statement"),
                                text(".")]})
    write_docx(workspace / "brief.docx", brief)
    (workspace / "verifier.toml").write_text("allow_private_hosts = true\nno_wayback = true\nretries = 0\n")
    result = run_cli("run", "brief.docx")
    assert result.code == 0, result.out + result.err
    data = json.loads(run_cli("export", "--format", "json").out)
    [quote] = data["quotes"]
    assert (quote["status"], quote["speaker"], quote["source_url"]) == \
        ("verified", "energy ministry", web.url("/statement"))


@pytest.mark.parametrize("content_type", [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/octet-stream"])
def test_a_word_document_given_by_its_url_is_read_as_one(
        tmp_path: Path, workspace: Path, web: FixtureWeb, run_cli: Callable[..., CliResult],
        content_type: str) -> None:
    """A report published as a Word file: served as one, or as bytes of no stated kind."""
    web.page("/statement", "<html lang='en'><body><p>All transfers comply with the national "
             "water plan.</p></body></html>")
    brief = Docx([[text("Briefing of 12 February 2024.")],
                  [text("The ministry said that “all transfers comply with the national water plan”."),
                   footnote_ref(1)]],
                 footnotes={1: [text(" Statement, "), link(web.url("/statement"), "online"), text(".")]})
    body = write_docx(tmp_path / "brief.docx", brief).read_bytes()
    published = web.page("/download/brief", body, content_type=content_type)
    (workspace / "verifier.toml").write_text("allow_private_hosts = true\nno_wayback = true\nretries = 0\n")
    result = run_cli("run", published)
    assert result.code == 0, result.out + result.err
    data = json.loads(run_cli("export", "--format", "json").out)
    [quote] = data["quotes"]
    assert (quote["status"], quote["source_url"]) == ("verified", web.url("/statement"))
    assert quote["document"] == published


def test_a_quote_cited_to_a_word_document_is_checked_against_its_text(
        tmp_path: Path, workspace: Path, web: FixtureWeb, run_cli: Callable[..., CliResult]) -> None:
    """Ministries and courts publish Word files: a source served as one is read (its tracked
    changes accepted), so its quote is verified, and a changed word is caught."""
    ruling = Docx([[text("Ruling of the water tribunal")],
                   [text("The tribunal held that the transfers "), deleted("were "), inserted("are "),
                    text("lawful and that “downstream users must be compensated within a year”.")]])
    source = web.page("/rulings/77", write_docx(tmp_path / "ruling.docx", ruling).read_bytes(),
                      content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    (workspace / "notes.md").write_text(
        "# Tribunal\n\nThe tribunal said that “downstream users must be compensated within a year.”"
        f" ([ruling]({source}))\n\nIt also said that “downstream users must be compensated within "
        f"a month.” ([ruling]({source}))\n", encoding="utf-8")
    (workspace / "verifier.toml").write_text("allow_private_hosts = true\nno_wayback = true\nretries = 0\n")
    result = run_cli("run", "notes.md")
    assert result.code in (0, 1), result.out + result.err
    data = json.loads(run_cli("export", "--format", "json").out)
    verdicts = {q["text"]: (q["status"], q["source_url"]) for q in data["quotes"]}
    assert verdicts == {
        "downstream users must be compensated within a year.": ("verified", source),
        "downstream users must be compensated within a month.": ("partial", source)}


DOC_ID = "1aBcD3fGhIjK_lMnOpQrStUvWxYz-0123456789"


@pytest.mark.parametrize(("shared", "download"), [
    (f"https://docs.google.com/document/d/{DOC_ID}/edit?usp=sharing",
     f"https://docs.google.com/document/d/{DOC_ID}/export?format=docx"),
    (f"https://docs.google.com/document/u/0/d/{DOC_ID}/view",
     f"https://docs.google.com/document/d/{DOC_ID}/export?format=docx"),
    (f"https://drive.google.com/file/d/{DOC_ID}/view?usp=drive_link",
     f"https://drive.google.com/uc?export=download&id={DOC_ID}"),
    ("https://www.dropbox.com/s/a1b2c3d4e5/brief.pdf?dl=0", "https://www.dropbox.com/s/a1b2c3d4e5/brief.pdf?dl=1"),
    ("https://www.dropbox.com/scl/fi/xyz123/brief.docx?rlkey=k9&dl=0",
     "https://www.dropbox.com/scl/fi/xyz123/brief.docx?rlkey=k9&dl=1"),
    ("https://docs.google.com/document/d/e/2PACX-1vQ/pub", None),  # published: a page already
    ("https://docs.google.com/spreadsheets/d/1aBcD3fGhIjK_lMnOpQrStUvWxYz/edit", None),
    ("https://www.example.org/document/d/1aBcD3fGhIjK_lMnOpQrStUvWxYz/edit", None),
])
def test_a_shared_documents_link_is_downloaded_from_its_services_file_address(
        shared: str, download: str | None) -> None:
    from verifier.net.downloads import download_address

    assert download_address(shared) == download


def test_a_document_given_by_its_sharing_link_is_read_from_its_download(
        tmp_path: Path, workspace: Path, web: FixtureWeb, run_cli: Callable[..., CliResult],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The run fetches the export, never the viewer (an application page with no text), and
    the document keeps the link it was given by. (The fixture web stands in for the service.)"""
    from verifier.net import downloads

    monkeypatch.setattr(downloads, "GOOGLE_DOCS_HOSTS", frozenset({"127.0.0.1"}))
    web.page("/statement", "<html lang='en'><body><p>All transfers comply with the national "
             "water plan.</p></body></html>")
    brief = Docx([[text("Briefing of 12 February 2024.")],
                  [text("The ministry said that “all transfers comply with the national water plan”. "),
                   link(web.url("/statement"), "Statement")]])
    web.page(f"/document/d/{DOC_ID}/export", write_docx(tmp_path / "brief.docx", brief).read_bytes(),
             content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    viewer = web.page(f"/document/d/{DOC_ID}/edit", "<html><body><script>app()</script></body></html>")
    (workspace / "verifier.toml").write_text("allow_private_hosts = true\nno_wayback = true\nretries = 0\n")
    result = run_cli("run", viewer)
    assert result.code == 0, result.out + result.err
    [quote] = json.loads(run_cli("export", "--format", "json").out)["quotes"]
    assert (quote["status"], quote["document"]) == ("verified", viewer)
    assert web.hits(f"/document/d/{DOC_ID}/edit") == 0


def test_a_cited_sharing_link_is_judged_and_read_by_the_file_it_shares(
        tmp_path: Path, workspace: Path, web: FixtureWeb, run_cli: Callable[..., CliResult],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A report citing a ministry's Google Doc: the viewer its link opens holds none of the
    document's words, so the quotation is checked against the file the link shares, fetched
    from the service's download address (which sends the request on to its file host, as
    Google's export does). The link is ok, not redirected; a shared file that is gone is dead,
    one shared with others only is blocked at the service's sign-in page.
    (The fixture web stands in for the service.)"""
    from verifier.net import downloads

    monkeypatch.setattr(downloads, "GOOGLE_DOCS_HOSTS", frozenset({"127.0.0.1"}))
    gone = DOC_ID.replace("0123", "9999")
    memo = Docx([[text("Water Ministry memo, 3 March 2024.")],
                 [text("Transfers to the eastern basin will resume once the reservoir "
                       "holds 40 per cent of its capacity.")]])
    web.page("/files/memo.docx", write_docx(tmp_path / "memo.docx", memo).read_bytes(),
             content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    web.redirect(f"/document/d/{DOC_ID}/export", web.url("/files/memo.docx"), status=307)
    web.page(f"/document/d/{gone}/export", "<html><body>Not found</body></html>", status=404)
    viewer = web.page(f"/document/d/{DOC_ID}/edit", "<html><body><script>app()</script></body></html>")
    gone_viewer = web.url(f"/document/d/{gone}/edit?usp=sharing")
    private = DOC_ID.replace("0123", "4444")
    web.redirect(f"/document/d/{private}/export",
                 web.url(f"/ServiceLogin?service=wise&continue=/document/d/{private}/export"), status=302)
    web.page("/ServiceLogin", "<html><head><title>Sign in</title></head><body><form method='post'>"
             "<input type='email' name='identifier'><input type='password' name='password'>"
             "</form></body></html>")
    private_viewer = web.url(f"/document/d/{private}/edit")
    (workspace / "report.md").write_text(
        "# Basin transfers\n\nPublished 5 March 2024.\n\n"
        "The ministry wrote that “transfers to the eastern basin will resume once the reservoir "
        f"holds 40 per cent of its capacity” ([memo]({viewer})).\n\n"
        "Its earlier memo had said that “no transfer will be made before the summer” "
        f"([memo]({gone_viewer})).\n\n"
        "A draft said that “the eastern basin comes first” "
        f"([draft]({private_viewer})).\n", encoding="utf-8")
    (workspace / "verifier.toml").write_text("allow_private_hosts = true\nno_wayback = true\nretries = 0\n")
    run_cli("run", "report.md")
    data = json.loads(run_cli("export", "--format", "json").out)
    links = {c["url"]: c["link_status"] for c in data["citations"]}
    assert links == {viewer: "ok", gone_viewer: "dead", private_viewer: "blocked"}
    verdicts = {q["source_url"]: q["status"] for q in data["quotes"]}
    assert verdicts == {viewer: "verified", gone_viewer: "source_unavailable",
                        private_viewer: "source_unavailable"}
    assert web.hits(f"/document/d/{DOC_ID}/edit") == web.hits(f"/document/d/{gone}/edit") == 0
