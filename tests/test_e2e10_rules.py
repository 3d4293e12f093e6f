"""The general rules the tenth end-to-end held-out set led to, each on a document or page of its
own (see tests/test_e2e_holdout10.py for the set)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from e2e_support import first_run, pdf_pages, served_corpus
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb
from test_quotes import run

from verifier.documents import document_from_html
from verifier.models import Footnote
from verifier.pagetext import content_kind, decode_body, page_text
from verifier.text.footnotes import find_note_refs
from verifier.text.namedsources import parse_source_list
from verifier.text.urls import normalize_url

NOW = datetime(2024, 11, 20, 6, 0, tzinfo=UTC)


def _sources(tmp_path: Path, text: str, suffix: str = ".txt") -> dict[str, list[str | None]]:
    quotes, _terms, citations = run(tmp_path, text, suffix)
    return {q.text: [citations[n].url or citations[n].outlet for n in q.citations]
            for q in quotes}


# -- a page's <meta> naming Latin-1 over UTF-8 bytes --------------------------------------------


def test_a_utf8_page_whose_meta_says_latin1_is_read_as_utf8() -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            "</head><body><p>Il prezzo del grano è crollato di più del trenta per cento.</p>"
            "</body></html>")
    assert "è crollato di più" in decode_body(page.encode("utf-8"), "text/html")


def test_a_latin1_page_whose_meta_says_so_stays_latin1() -> None:
    page = ('<html><head><meta charset="iso-8859-1"></head><body><p>Déjà vu à Paris.</p>'
            "</body></html>")
    assert "Déjà vu à Paris" in decode_body(page.encode("latin-1"), "text/html")


# -- a one-line paragraph ending in a bracketed note marker ---------------------------------------


def test_a_sentence_closing_on_a_bracketed_marker_is_no_heading(tmp_path: Path) -> None:
    text = ("Memo\n\nFinance minister Erik Holm replied that \u201cthe rules were followed in "
            "every case\u201d.[1]\n\n[1] Ministry of Finance, statement, "
            "https://finance.example.org/press/2024-09-04.\n")
    assert _sources(tmp_path, text) == {
        "the rules were followed in every case": ["https://finance.example.org/press/2024-09-04"]}


def test_a_short_title_line_is_still_a_heading(tmp_path: Path) -> None:
    text = ("The \u201cGreen Deal\u201d and its critics\n\nThe farmers' leader Jan Smit said "
            "that \u201cthe deal was written without us\u201d.\n")
    assert list(_sources(tmp_path, text)) == ["the deal was written without us"]


# -- a note marker between a quotation's closing mark and the full stop -----------------------------


def _notes(*markers: str) -> list[Footnote]:
    return [Footnote(m, "A note.", 1000 + n, ()) for n, m in enumerate(markers)]


def test_a_marker_before_the_sentences_stop_is_a_note_reference() -> None:
    text = "He said that \u201cevery detainee sees a lawyer within 24 hours\u201d1. Lawyers disagree."
    refs = find_note_refs(text, _notes("1", "2"))
    assert [(r.marker, text[r.start:r.end]) for r in refs] == [("1", "1")]
    assert text[refs[0].start - 1] == "\u201d"


def test_a_number_after_a_quotation_is_no_marker_without_that_note() -> None:
    text = "The list called \u201cTop\u201d10. The rest followed."
    assert find_note_refs(text, _notes("1", "2")) == []


def test_pdf_style_markers_before_the_stop_link_quotes_to_their_notes(tmp_path: Path) -> None:
    text = ("Briefing paper, 20 April 2024\n\nThe spokesman, Karim Haddad, said that \u201cevery "
            "detainee sees a lawyer within 24 hours\u201d1. Lawyers disputed this.\n\nThe "
            "director, Leila Nasser, said that \u201cthe cells hold three times the number of "
            "people they were built for\u201d2.\n\nNotes\n\n1 Ministry of Interior, "
            "https://moi.example.org/briefing\n\n2 Red Crescent, "
            "https://redcrescent.example.org/visits\n")
    assert _sources(tmp_path, text) == {
        "every detainee sees a lawyer within 24 hours": ["https://moi.example.org/briefing"],
        "the cells hold three times the number of people they were built for":
            ["https://redcrescent.example.org/visits"]}


# -- an interview given to an outlet ---------------------------------------------------------------


def test_an_interview_given_to_an_outlet_names_it() -> None:
    found = parse_source_list("Interview with Reuters, 9 April 2024.", 0, "footnote")
    assert [(s.outlet, str(s.cited_date)) for s in found] == [("Reuters", "2024-04-09")]
    given = parse_source_list("Interview given to the Financial Times, 3 May 2024", 0, "footnote")
    assert [s.outlet for s in given] == ["Financial Times"]


def test_an_interview_with_the_author_or_a_person_names_no_outlet() -> None:
    assert parse_source_list("Interview with the author, Herat, 14 May 2023", 0, "footnote") == []
    assert parse_source_list("Interview with a farmer, Kassala, 3 May 2024", 0, "footnote") == []


# == the second batch's rules ==================================================================

# -- one address, spelled with lower-case escapes or an escaped '&' --------------------------------


def test_escapes_in_either_case_are_one_address() -> None:
    assert normalize_url("http://news.example.org/caf%c3%a9-society/report?q=%2f") == \
        normalize_url("http://news.example.org/café-society/report?q=%2F") == \
        "http://news.example.org/caf%C3%A9-society/report?q=%2F"


def test_an_ampersand_escaped_for_html_is_an_ampersand() -> None:
    assert normalize_url("http://news.example.org/article.php?id=5521&amp;utm_source=x&amp;p=2") \
        == "http://news.example.org/article.php?id=5521&p=2"


# -- a PDF the server calls text/html ---------------------------------------------------------------


def test_a_pdf_served_as_html_is_read_as_a_pdf() -> None:
    pdf = pdf_pages(["Minutes\n\nCouncillor Doyle: The warning reached us forty minutes too late."])
    assert content_kind("text/html", pdf) == "pdf"
    assert "forty minutes too late" in page_text(pdf, "text/html; charset=utf-8").text


def test_an_html_page_is_still_html() -> None:
    assert content_kind("text/html", b"<!DOCTYPE html><html><body>%PDF-</body></html>") == "html"


# -- UTF-8 under any one-byte code page's name ------------------------------------------------------


def test_a_utf8_page_declared_windows_1251_is_read_as_utf8() -> None:
    page = "<html><body><p>Мы не допустим дефицита воды в Крыму.</p></body></html>"
    assert "дефицита воды" in decode_body(page.encode("utf-8"), "text/html; charset=windows-1251")


def test_a_windows_1251_page_declared_so_stays_windows_1251() -> None:
    page = "<html><body><p>Мы не допустим дефицита воды в Крыму.</p></body></html>"
    assert "дефицита воды" in decode_body(page.encode("cp1251"), "text/html; charset=windows-1251")


# -- names opening on a Latin Extended capital ------------------------------------------------------


def test_a_name_may_open_on_a_latin_extended_capital(tmp_path: Path) -> None:
    text = ("İzmir's water chief, Gökhan Şahin, said: \u201cThe dams are below 20 percent.\u201d\n\n"
            "Poland's minister, Łukasz Żak, said that \u201cwe will not sign the deal this "
            "year\u201d.\n")
    quotes, _terms, _citations = run(tmp_path, text, ".txt")
    assert {q.text: q.speaker for q in quotes} == {
        "The dams are below 20 percent.": "Gökhan Şahin",
        "we will not sign the deal this year": "Łukasz Żak"}


# -- an article given by an address that redirects ---------------------------------------------------

ARTICLE = """<html><head><title>Tariffs</title></head><body><article><h1>Tariffs to rise</h1>
<p>The regulator's chair, Rui Almeida, said that "tariffs will rise by 12 percent from January"
(<a href="tariff-decision.html">decision</a>).</p></article></body></html>"""


def test_an_articles_relative_links_lead_from_where_its_redirect_ended() -> None:
    doc = document_from_html(ARTICLE.encode(), "https://ledger.example.org/p/48213",
                             read_at="https://ledger.example.org/news/2024/11/water-tariffs/")
    assert [link.url for link in doc.links] == [
        "https://ledger.example.org/news/2024/11/water-tariffs/tariff-decision.html"]


def test_an_article_given_by_a_short_address_is_checked_at_its_real_one(tmp_path: Path) -> None:
    def serve(web: FixtureWeb, _wayback: FakeWayback) -> dict[str, str]:
        h = {"h2": web.base(2)}
        web.redirect("/p/48213", h["h2"] + "/news/water-tariffs/", host=2)
        web.page("/news/water-tariffs/", ARTICLE, host=2)
        web.page("/news/water-tariffs/tariff-decision.html", "<html><body><p>The chair: tariffs "
                 "will rise by 12 percent from January.</p></body></html>", host=2)
        return h

    with served_corpus(tmp_path, serve, lambda _h: {}) as c:
        out = first_run(c, [c.hosts["h2"] + "/p/48213"], lambda: NOW)
    row = out.quote("h2/p/48213", "rise by 12 percent")
    assert row is not None and row["status"] == "verified", row
    assert row["source_url"] == out.url("h2/news/water-tariffs/tariff-decision.html")


# -- a page that moved and was edited, captured only at its new address --------------------------------


def test_a_moved_page_is_looked_up_at_its_new_address_too(tmp_path: Path) -> None:
    def page(year: str) -> str:
        return ("<html><body><article><p>Former officer Pieter Bakker said the rules on direct "
                f"awards were tightened in {year}.</p></article></body></html>")

    def serve(web: FixtureWeb, wayback: FakeWayback) -> dict[str, str]:
        h = {"h2": web.base(2), "h3": web.base(3)}
        web.redirect("/nieuws/bakker", h["h3"] + "/news/bakker-direct-awards", host=2)
        web.page("/news/bakker-direct-awards", page("2024"), host=3)
        wayback.capture(h["h3"] + "/news/bakker-direct-awards", "20241020120000", page("2023"))
        return h

    def documents(h: dict[str, str]) -> dict[str, str | bytes]:
        return {"notes.txt": "Notes, 14 November 2024\n\nFormer procurement officer Pieter "
                "Bakker said that \"the rules on direct awards were tightened in 2023\".\n"
                f"Source: {h['h2']}/nieuws/bakker\n"}

    with served_corpus(tmp_path, serve, documents) as c:
        out = first_run(c, [str(c.docs)], lambda: NOW)
    row = out.quote("notes.txt", "direct awards were tightened")
    assert row is not None and row["status"] == "verified_archive", row
    assert "/20241020120000/" in row["snapshot_url"]
