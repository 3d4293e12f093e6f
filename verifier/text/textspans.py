"""Paragraphs and sentences of clean text, as (start, end) offsets.

Sentence ends inside quotations do not end the sentence around them, so a quotation and
the words that attribute it stay in one sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"”’»)\]]*(?:\d{1,3}(?:,\d{1,3})*|(?:\[\^?\d{1,3}\])+)?"
    r"(?=\s+[\"“‘(\[«„‚¿¡]?[A-Z0-9\u00C0-\u00DE\u0600-\u06FF])"
    r"|\n")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    "st", "jr", "sr", "no", "vol", "pp", "p", "fig", "etc", "vs", "e.g", "i.e", "u.s", "u.k",
    "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "co", "corp", "ltd", "mt", "ft", "approx", "est", "cf", "al", "ed", "eds", "rev",
    "hon", "maj", "adm", "brig", "cpl", "pvt", "supt", "messrs", "mme", "mlle", "op", "ch"}


class SpanIndex:
    """A fixed set of (start, end) spans answering 'does any overlap [a, b)?' in log time,
    so that checks over every URL or marker of a large document stay linear overall."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _e in ordered]
        self.max_end: list[int] = []
        highest = -1
        for _s, e in ordered:
            highest = max(highest, e)
            self.max_end.append(highest)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span s, e has s < end and start < e."""
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.max_end[i - 1] > start

    def covers(self, pos: int) -> bool:
        """Whether a span s, e has s <= pos < e."""
        i = bisect.bisect_right(self.starts, pos)
        return i > 0 and self.max_end[i - 1] > pos


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (blocks separated by a blank line)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[pos:m.start()].strip():
            spans.append(_strip(text, pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append(_strip(text, pos, len(text)))
    return spans


def paragraph_before(ends: list[int], pos: int) -> int | None:
    """The index of the last paragraph ending at or before `pos` (`ends`: paragraph ends)."""
    n = bisect.bisect_right(ends, pos) - 1
    return n if n >= 0 else None


def sentences(text: str, start: int, end: int,
              protected: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end]; no break falls inside `protected`."""
    spans: list[tuple[int, int]] = []
    pos = start
    chunk = text[start:end]
    inside = SpanIndex(protected)  # a paragraph of many quotations is not scanned per break
    for m in _SENTENCE_END.finditer(chunk):
        cut = start + m.end()
        if inside.overlaps(cut, cut):  # a span s, e with s < cut < e
            continue
        if m.group(0) != "\n" and _abbreviation(text, start + m.start()):
            continue
        if text[pos:cut].strip():
            spans.append(_strip(text, pos, cut))
        pos = cut
    if text[pos:end].strip():
        spans.append(_strip(text, pos, end))
    return spans


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, dot - 12):dot])
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        # an initial ('John F. Kennedy') follows a capitalised word; 'on X.' ends a sentence
        before = re.search(r"(\S+)\s+\S$", text[max(0, dot - 30):dot])
        return bool(before and before.group(1)[:1].isupper())
    return word.lower().rstrip(".") in _ABBREVIATIONS


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
