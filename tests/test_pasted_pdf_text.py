"""Text pasted out of a PDF: which blank lines end paragraphs, and where a note's body goes on."""

from __future__ import annotations

from pathlib import Path

from verifier.text.pdfclean import clean_lines, source_lines


def _paragraphs(text: str) -> list[str]:
    return [p for p in clean_lines(source_lines(text)).text.split("\n\n") if p.strip()]


def test_short_paragraphs_between_blank_lines_are_not_double_spacing() -> None:
    """A paper of headings and two-line paragraphs has a blank line after half its lines, but
    its paragraphs run lines together: each blank line ends a paragraph, so the entries of its
    reference list stay apart."""
    text = ("WORKING PAPER 2025/04\n\nPorts and rails\n\nElena Marchetti\nPublished 10 April 2025\n\n"
            "1. Introduction\n\nExports recovered faster than most forecasts allowed, and the\n"
            "ports handled more than ever (Ukrinform 2025).\n\nReferences\n\n"
            "Grindeanu, S. (2024a) 'Constanta at capacity', Ziarul Financiar, 3 March. Available\n"
            "at: https://zf.example/en/constanta-at-capacity-22178840 (Accessed: 5 March 2024).\n\n"
            "Grindeanu, S. (2024b) 'Rail link on schedule', Agerpres, 9 September. Available at:\n"
            "https://agerpres.example/en/2024/09/09/rail-link (Accessed: 10 September 2024).\n\n"
            "Ukrinform (2025) 'Odesa ports handled 95 million tonnes', 15 January. Available\n"
            "at: https://ukrinform.example/rubric-economy/3947512-odesa.html (Accessed: 20 Jan 2025).\n")
    paragraphs = _paragraphs(text)
    assert [p.split(" (")[0] for p in paragraphs[-3:]] == [
        "Grindeanu, S.", "Grindeanu, S.", "Ukrinform"], paragraphs


def test_available_at_ending_a_line_goes_on_with_the_address() -> None:
    """A short reference whose 'Available at:' ends its line: the address on the next line is
    still the reference's (a colon ends no paragraph there)."""
    text = ("References\n\nUkrinform (2025) 'Odesa ports', 15 January. Available at:\n"
            "https://ukrinform.example/odesa (Accessed: 20 January 2025).\n\n"
            "Agerpres (2024) 'Rail link'. Retrieved from:\n<https://agerpres.example/rail>\n")
    assert _paragraphs(text)[1:] == [
        "Ukrinform (2025) 'Odesa ports', 15 January. Available at: "
        "https://ukrinform.example/odesa (Accessed: 20 January 2025).",
        "Agerpres (2024) 'Rail link'. Retrieved from: <https://agerpres.example/rail>"]
    assert _paragraphs("Sources: https://tdh.example/en/meredov (English); Russian original:\n"
                       "<https://tdh.example/ru/meredov>\n") == [
        "Sources: https://tdh.example/en/meredov (English); Russian original: "
        "<https://tdh.example/ru/meredov>"]


def test_a_marker_glued_after_a_year_closing_a_quotation_is_a_note() -> None:
    """'“… since the summer of 2023”5' and '“… in 2024”.6': the year is the quotation's, the
    number after its closing mark the note's, when the document has that note."""
    from verifier.models import Footnote
    from verifier.text.footnotes import find_note_refs

    text = ("Premiums have “doubled since the summer of 2023”5 and may rise. The corridor "
            "“delivered 25 billion cubic metres in 2024”.6 A 2024”7 that no note has.")
    notes = [Footnote("5", "", 0), Footnote("6", "", 0)]
    assert [(r.marker, text[r.start - 3:r.start]) for r in find_note_refs(text, notes)] == [
        ("5", "23”"), ("6", "4”.")]


def test_an_endnote_stopping_mid_sentence_at_a_page_foot_goes_on_over_the_page() -> None:
    """Under a 'Notes' heading, a note cut at the foot of a page ('… 12 February' / page
    number / running head) goes on in the next page's first line ('2025, https://…')."""
    head = "Caspian Policy Institute | Working Paper No. 12\n\n"
    text = ("The corridor carried most of the grain this year, as the notes below show.\n\n7\n\n"
            + head + "Exports rose again in the spring, and insurers raised their premiums.\n\n8\n\n"
            + head + "Notes\n\n3 Ministry of Agrarian Policy, 9 January 2025, https://minagro.example/en/3.\n"
            "4 Ukrainian Grain Association, statement by the association's president, 12 February\n"
            "\n9\n\n" + head + "2025, https://uga.example/en/news/corridor-2024.\n"
            "5 Insurance Insider, 14 January 2025, https://insider.example/news/5.\n")
    bodies = {n.marker: n.text for n in clean_lines(source_lines(text)).footnotes}
    assert bodies["4"].endswith("12 February 2025, https://uga.example/en/news/corridor-2024."), bodies


def test_a_marker_before_the_next_quotation_leaves_the_next_ones_marker_to_it(
        tmp_path: Path) -> None:
    from test_quotes import run

    text = ("The minister said that “exports reached 52 million tonnes”3 in the season, and the "
            "association's president said that “the corridor is the main route”.4\n\n"
            "Notes\n\n3 Ministry, https://minagro.example/en/3\n"
            "4 Association, https://uga.example/en/4\n")
    quotes, _terms, citations = run(tmp_path, text)
    assert [[citations[n].url for n in q.citations] for q in quotes] == [
        ["https://minagro.example/en/3"], ["https://uga.example/en/4"]]


def test_a_references_address_alone_on_the_next_line_is_the_references() -> None:
    text = ("References\n\nMalinov, Vladimir. 2024. Statement on the Balkan Stream. Sofia: "
            "Ministry of Energy and\nMinistry of Economy, jointly, with the regulator's "
            "figures for the winter months.\n\n"
            "———. 2025. “Gateway, Not the End of the Line.” BTA, January 15.\n"
            "https://bta.example/en/news/bulgaria-gateway.\n")
    assert _paragraphs(text)[2:] == [
        "———. 2025. “Gateway, Not the End of the Line.” BTA, January 15. "
        "https://bta.example/en/news/bulgaria-gateway."]


def test_an_address_opening_a_line_is_no_rest_of_the_one_above() -> None:
    from verifier.text.urls import find_urls

    cleaned = clean_lines(source_lines("Links: https://one.example/a\nhttps://two.example/b\n"))
    assert [url for _s, _e, url in find_urls(cleaned.text)] == [
        "https://one.example/a", "https://two.example/b"]
