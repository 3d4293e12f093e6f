"""Text pasted out of a PDF: which blank lines end paragraphs, and where a note's body goes on."""

from __future__ import annotations

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
