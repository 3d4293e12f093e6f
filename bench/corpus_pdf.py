"""Builds the extraction corpus's PDF documents from text (tests/extraction_corpus/pdf_sources).

A source is a few `key: value` lines (title, author, created, header), then pages that start
with a `=== page` line; a `---` line starts the page's footnotes. Body lines are written as
they are (already wrapped and hyphenated, as a typesetter would); footnotes go to the foot
of the page and a running header and a page number to every page, so the PDF's text layer
has what real reports have.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fpdf import FPDF


def build_pdf(source: Path, out: Path) -> Path:
    """Render `source` as a PDF at `out`."""
    meta: dict[str, str] = {}
    pages: list[tuple[list[str], list[str]]] = []
    for raw in source.read_text(encoding="utf-8").split("\n"):
        if raw.startswith("=== page"):
            pages.append(([], []))
        elif not pages:
            if ":" in raw:
                key, value = raw.split(":", 1)
                meta[key.strip()] = value.strip()
        elif raw == "---":
            pages[-1][1].append("")  # marks the start of the notes
        elif pages[-1][1]:
            pages[-1][1].append(raw)
        else:
            pages[-1][0].append(raw)
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_title(meta.get("title", ""))
    pdf.set_author(meta.get("author", ""))
    if meta.get("created"):
        pdf.set_creation_date(datetime.fromisoformat(meta["created"]))
    for number, (body, notes) in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(15, 8)
        pdf.cell(0, 5, meta.get("header", ""), align="C")
        pdf.set_font("Helvetica", size=10.5)
        y = 22.0
        for line in body:
            if line.strip():
                pdf.set_xy(15, y)
                pdf.cell(0, 5, line)
            y += 5.5
        notes = [n for n in notes if n.strip()]
        pdf.set_font("Helvetica", size=8)
        y = 285.0 - 4.5 * len(notes) - 6
        for note in notes:
            pdf.set_xy(15, y)
            pdf.cell(0, 4, note)
            y += 4.5
        pdf.set_xy(15, 287)
        pdf.cell(0, 5, str(number), align="C")
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out
