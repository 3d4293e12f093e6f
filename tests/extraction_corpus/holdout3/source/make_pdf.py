"""Writes holdout3's think-tank brief PDF (committed; rerun only to change it).

    python tests/extraction_corpus/holdout3/source/make_pdf.py

A three-page policy brief laid out as such briefs are: a running header and a footer with the
site and "Page N of 3" on every page, endnote numbers glued to the words and quotation marks
they follow (no superscript in the text layer), a word hyphenated at a line end, and a 'Notes'
section at the end whose URLs are wrapped over two lines.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "groundwater_brief.pdf"
HEADER = "Meridian Institute for Water Policy  |  Policy Brief No. 14"
FOOTER = "www.meridianwater.example.org"

PAGES = [
    [
        "Groundwater on the Edge: The Case for Rationing in the Tessaly Basin",
        "Policy Brief No. 14, 12 March 2025",
        "",
        "Summary",
        "",
        "Since 2021 the Tessaly basin has lost an estimated 1.4 billion cubic metres of",
        "groundwater a year, more than twice the rate recorded in the previous decade.1",
        "Farmers who once reached water at 40 metres now drill past 200, and the",
        "so-called \"water bank\" created in 2019 has never held a single deposit.",
        "",
        "The regional water authority has so far resisted mandatory rationing. Its",
        "director, Paulo Mendes, told a parliamentary committee in January that",
        "\"rationing is a last resort, and we are not yet at the last resort.\"2 The",
        "authority's strategy, \"Water for Tomorrow 2030\", relies instead on voluntary",
        "metering and on a desalination plant that will not be finished before 2029.",
        "",
        "Growers see the problem differently. A cooperative leader in Vale Norte, Ines",
        "Carvalho, put it bluntly: \"We are pumping our children's water, and everyone",
        "in this valley knows it.\"3 She said that half of the cooperative's wells had",
        "run dry since the drought began.",
    ],
    [
        "What the evidence shows",
        "",
        "A hydrologist at the University of Sarev, Dr. Lukas Brandt, has warned that",
        "the aquifer \"will not recover within a human lifetime if extraction continues",
        "at this rate.\"4 His team's measurements show the water table falling by",
        "almost three metres a year under the irrigated plain, with the steepest de-",
        "clines near the new almond plantations.",
        "",
        "\"The basin is a bank account with no deposits,\" Brandt told a regional forum",
        "this month. \"Every year we write a bigger cheque, and every year we pretend",
        "the bank will honour it.\"5",
        "",
        "Recommendations",
        "",
        "The Institute recommends that the authority introduce binding abstraction",
        "limits for the 2025 season, publish metering data well by well, and stop",
        "licensing new boreholes in the central plain until the aquifer stabilises.",
    ],
    [
        "Notes",
        "",
        "1 Meridian Institute analysis of satellite gravimetry data, https://www.meridianwater.",
        "example.org/data/tessaly-groundwater-2021-2024.csv",
        "2 Parliament of Lusaria, Committee on Agriculture, hearing of 21 January 2025,",
        "https://parliament.example.lu/committees/agriculture/2025-01-21-",
        "transcript.pdf",
        "3 Interview with the authors, Vale Norte, 8 February 2025.",
        "4 L. Brandt et al., \"Depletion of the Tessaly aquifer,\" Journal of Basin",
        "Hydrology 12 (2024), https://doi.org/10.5555/jbh.2024.0412",
        "5 Sarev Water Forum, 3 March 2025, https://www.sarevforum.example.org/2025/",
        "sessions/brandt-keynote",
    ],
]


def write(path: Path) -> None:
    """Lines set page by page under the running header, the footer at each page's foot."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(PAGES, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(15, 10)
        pdf.cell(0, 5, HEADER)
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(15, 25)
        for line in lines:
            pdf.set_x(15)
            pdf.cell(0, 6, line)
            pdf.ln(6)
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(15, 282)
        pdf.cell(0, 5, FOOTER)
        pdf.set_xy(170, 282)
        pdf.cell(0, 5, f"Page {number} of {len(PAGES)}")
    pdf.set_creation_date(datetime(2025, 3, 12, tzinfo=UTC))  # the same file on every run
    path.write_bytes(bytes(pdf.output()))


if __name__ == "__main__":
    write(OUT)
