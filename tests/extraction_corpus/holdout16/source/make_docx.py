"""Writes holdout16's consultation response .docx (committed; rerun only to change it).

    PYTHONPATH=tests python tests/extraction_corpus/holdout16/source/make_docx.py

A parish council's response to a county bus consultation as Word saves it: footnotes holding
links (one inserted with Ctrl+K, one a pasted HYPERLINK field), a quotation whose words were
edited with Track Changes still on (a word struck out, one inserted), a comment anchored on
quoted words, and core properties saved a week after the date the text gives.
"""

from __future__ import annotations

from pathlib import Path

from docx_support import (
    Docx,
    commented,
    deleted,
    field_link,
    footnote_ref,
    inserted,
    link,
    text,
    write_docx,
)

OUT = Path(__file__).resolve().parent.parent / "brampton_bus_consultation_response.docx"

PARAGRAPHS = [
    [text("Brampton Magna Parish Council")],
    [text("Response to the Northshire County Council consultation on supported bus services")],
    [text("Submitted 3 April 2025")],
    [text("1. Summary")],
    [text("The parish council opposes the withdrawal of the 62 and 62A services. They are the "
          "only public transport in the parish.")],
    [text("2. The county's case")],
    [text("The county council's cabinet member for transport, Cllr Rob Ayres, said the "
          "proposed cuts were \u201c"), deleted("entirely "), text("regrettable but "),
     inserted("financially "), text("unavoidable\u201d in the "),
     field_link("https://www.northshire.example.gov.uk/news/bus-review-launched",
                "press release launching the consultation"),
     text(".")],
    [text("The Minister for Local Transport, Priya Shah, told the House of Commons on "
          "12 February that the new funding settlement would \u201cprotect every rural route "
          "that people rely on\u201d."), footnote_ref(1),
     text(" The parish council asks the county to explain how withdrawing the 62 is "
          "consistent with that.")],
    [text("3. What residents told us")],
    [text("We asked residents for their views in March. 214 replied. One parish clerk "
          "wrote: \u201cThe 62 is the only way our older residents get to the surgery in "
          "Halton. Without it they will simply stop going.\u201d")],
    [text("Residents' concerns are echoed nationally. Age UK has said that \u201c"),
     commented(1, "losing a bus route can mean losing independence overnight"),
     text("\u201d."), footnote_ref(2)],
    [text("4. Recommendation")],
    [text("The 62 and 62A should be retained, and the county should publish the usage data "
          "behind its proposal.")],
    [text("Clerk to the Council, Brampton Magna Parish Council")],
]

FOOTNOTES = {
    1: [text(" HC Deb 12 February 2025, vol 762, col 311: "),
        link("https://hansard.parliament.example.uk/commons/2025-02-12/debates/rural-buses",
             "hansard.parliament.uk")],
    2: [text(" Age UK, \u201cBuses and older people\u201d, November 2024, "),
        field_link("https://www.ageuk.example.org.uk/policy/buses-older-people",
                   "https://www.ageuk.example.org.uk/policy/buses-older-people"),
        text(".")],
}


def main() -> None:
    write_docx(OUT, Docx(PARAGRAPHS, footnotes=FOOTNOTES,
                         comments={1: "Check the exact wording with Age UK's report"},
                         title="Consultation response - supported buses",
                         created="2025-03-28T09:14:00Z", modified="2025-04-10T16:40:00Z"))


if __name__ == "__main__":
    main()
