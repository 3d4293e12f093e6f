"""The general rules the tenth end-to-end held-out set led to, each on a document or page of its
own (see tests/test_e2e_holdout10.py for the set)."""

from __future__ import annotations

from pathlib import Path

from test_quotes import run

from verifier.models import Footnote
from verifier.pagetext import decode_body
from verifier.text.footnotes import find_note_refs
from verifier.text.namedsources import parse_source_list


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
