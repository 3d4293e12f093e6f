"""Block quotations in plain text: a paragraph set in further than the text around it, after
a line ending in a colon ('She remembers the winter of 1963 like this:'), as e-mail, Usenet
and plain-text reports set off the passage they quote. A post pasted in the same way keeps its
card: a first line naming the account ('Rhona Baird (@RhonaBairdMayor) · 6 Apr 2025'), whose
name is the speaker, and a last line giving the post's address, which is where it was read."""

from __future__ import annotations

import re

from ..models import Document, Link, MarkedQuote
from .pdflines import SourceLine
from .urls import find_urls

BLOCK_INDENT = 4  # columns a block quotation is set in beyond the text around it
# 'Rhona Baird (@RhonaBairdMayor) · 6 Apr 2025', 'NASA (@NASA) March 3, 2025'
_ACCOUNT_LINE = re.compile(r"(?P<name>[^\n()@]{1,60}?)\s*\(@\w{1,30}\)[^\n]{0,40}")


# A transcript's turn: 'Q. …', 'A: …', 'THE COURT: …', 'MS. RIVERA: …'
_TURN = re.compile(r"\s*(?:[QA]|[A-Z][A-Z.'\- ]{1,30})[.:]\s")


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def indented_blocks(lines: list[SourceLine], doc: Document) -> None:
    """Add to `doc` a block quotation for each indented paragraph after a colon line."""
    written = [line for line in lines if line.text.strip()]
    if len(written) < 3:
        return
    base = min(_indent(line.text) for line in written)
    paragraphs: list[list[SourceLine]] = [[]]
    for line in lines:
        if line.text.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    starts = {line: offset for offset, line, _page in doc.line_map}
    for before, paragraph in zip(paragraphs, paragraphs[1:], strict=False):
        if not paragraph or not before or not before[-1].text.rstrip().endswith(":") or \
                any(_indent(line.text) < base + BLOCK_INDENT for line in paragraph) or \
                any(_TURN.match(line.text) for line in paragraph):
            continue  # 'Q. Did you …' / 'A. I told her …': a transcript's turns are its record
        first, last = starts.get(paragraph[0].line), starts.get(paragraph[-1].line)
        if first is None or last is None:
            continue
        end = doc.text.find("\n\n", last)
        _add_block(doc, first, len(doc.text) if end == -1 else end)


def _add_block(doc: Document, start: int, end: int) -> None:
    text = doc.text
    attribution = None
    card = _ACCOUNT_LINE.match(text, start, end)
    if card is not None and text[card.end():card.end() + 2].isspace():
        attribution = card.group("name").strip()
        start = card.end() + len(text[card.end():end]) - len(text[card.end():end].lstrip())
    cite = None
    urls = [u for u in find_urls(text[start:end]) if not text[start + u[1]:end].strip(" .")]
    if urls:  # the post's address closing the card
        cite = urls[-1][2]
        end = start + urls[-1][0]
        end = len(text[:end].rstrip())
    if end <= start:
        return
    doc.marked_quotes.append(MarkedQuote(start, end, cite, attribution, block=True))
    if cite:
        doc.links.append(Link(cite, start, end, "cite"))
