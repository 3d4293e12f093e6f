"""Footnote markers in running text, as PDF extraction leaves them: glued to punctuation
(`in the past.1`, `tendencies.”6`, `Jihad,1`), in brackets (`[3]`, `[^3]`), as superscript
characters (`¹`), and glued to a word (`Threats3`) when a footnote of that number exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .models import Footnote, NoteRef
from .textspans import SpanIndex

_AFTER_PUNCT = re.compile(
    r"(?<=[^\W\d_])(?:[.,;:!?]+[\"”’»)\]]*|[\"”’»)\]]+[.,;:!?]?)"
    r"(?P<n>\d{1,3}(?:,\d{1,3})*)(?=[\s\"“”’)\]]|$)")
_AFTER_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d[.;:]+[\"”’»)\]]*(?P<n>\d{1,3})"
                         r"(?=[\s\"“”’)\]]|$)")
_BRACKETED = re.compile(r"\[\^?(?P<n>\d{1,3})\]")
_SUPERSCRIPT = re.compile(r"(?<=\S)(?P<n>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
_GLUED = re.compile(r"(?<=[a-z]{3})(?P<n>\d{1,3})(?=[\s.,;:]|$)")
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def find_note_refs(text: str, footnotes: Iterable[Footnote],
                   skip: Iterable[tuple[int, int]] = ()) -> list[NoteRef]:
    """Footnote markers in `text`, outside the `skip` spans (footnote bodies, captions)."""
    numbers = {f.marker for f in footnotes}
    spans = SpanIndex(skip)
    refs: list[NoteRef] = []

    def outside(pos: int) -> bool:
        return not spans.covers(pos)

    for pattern in (_AFTER_PUNCT, _BRACKETED, _SUPERSCRIPT):
        for m in pattern.finditer(text):
            if not outside(m.start("n")):
                continue
            group = m.group("n").translate(_SUPERSCRIPTS)
            pos = m.start("n")
            for number in group.split(","):
                if _plausible(number, numbers, text, m.start("n")):
                    refs.append(NoteRef(str(int(number)), pos, pos + len(number)))
                pos += len(number) + 1
    for m in _AFTER_YEAR.finditer(text):  # 'in April 2021.8', when note 8 exists
        number = str(int(m.group("n")))
        if number in numbers and outside(m.start("n")):
            refs.append(NoteRef(number, m.start("n"), m.end("n")))
    for m in _GLUED.finditer(text):
        number = m.group("n")
        if str(int(number)) in numbers and outside(m.start()):
            refs.append(NoteRef(str(int(number)), m.start(), m.end()))
    refs.sort(key=lambda r: r.start)
    unique: list[NoteRef] = []
    for ref in refs:
        if not unique or unique[-1].start != ref.start:
            unique.append(ref)
    return unique


def glued_markers(line: str) -> list[str]:
    """Numbers glued to punctuation in one line (`past.1`, `tendencies.”6`): markers that
    announce a footnote body lower down."""
    found = []
    for m in _AFTER_PUNCT.finditer(line):
        found += [str(int(n)) for n in m.group("n").split(",") if int(n)]
    return found


def _plausible(number: str, known: set[str], text: str, pos: int) -> bool:
    """Guard against money, times and decimals that merely look like markers."""
    if int(number) == 0:
        return False
    if known and str(int(number)) not in known and int(number) > len(known) + 20:
        return False
    before = text[max(0, pos - 2):pos]
    return not re.search(r"\d[.,:]$", before)
