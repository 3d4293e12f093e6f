"""Footnote markers in running text, as PDF extraction leaves them: glued to punctuation
(`in the past.1`, `tendencies.”6`, `Jihad,1`), in brackets (`[3]`, `[^3]`), as superscript
characters (`¹`), and glued to a word (`Threats3`) when a footnote of that number exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Footnote, NoteRef
from .textspans import SpanIndex

_PUNCT = ".,;:!?\"”’»)]"
_AFTER_PUNCT = re.compile(
    r"(?<=[^\W\d_])(?:[.,;:!?]+[\"”’»)\]]*|[\"”’»)\]]+[.,;:!?]?)"
    r"(?P<n>\d{1,3}(?:,\d{1,3})*)(?=[\s\"“”’)\]]|$)")
# A year ending a sentence or a quotation, then the marker: 'in April 2021.8',
# '“… since the summer of 2023”5', '“… in 2024”.6'.
# A marker between a quotation's closing mark and the sentence's stop, as many reports set
# it: '“… within 24 hours”1.' (read only for numbers the document has notes for).
_BEFORE_STOP = re.compile(r"(?<=[^\W\d_])[.,;:!?]?[\"”’»]+(?P<n>\d{1,3})(?=[.,;:](?:\s|$))")
_YEAR_END = re.compile(r"(?:19|20)\d\d(?:[.;:]+[\"”’»)\]]*|[\"”’»)\]]+[.;:,]?)$")
_DIGITS = re.compile(r"\d+")
_SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_GLUED_END = re.compile(r"[\s.,;:]|$")
SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def find_note_refs(text: str, footnotes: Iterable[Footnote],
                   skip: Iterable[tuple[int, int]] = ()) -> list[NoteRef]:
    """Footnote markers in `text`, outside the `skip` spans (footnote bodies, captions).

    Markers are numbers, so the text is scanned for digit runs (rare in prose) and each is
    judged by what surrounds it: punctuation after a word (`past.1`, `tendencies.”6`),
    brackets (`[3]`, `[^3]`), a year ending a sentence (`in April 2021.8`) or a word it is
    glued to (`Threats3`), the last two only for numbers the document has footnotes for."""
    numbers = {f.marker for f in footnotes}
    spans = SpanIndex(skip)
    refs: list[NoteRef] = []
    for m in _DIGITS.finditer(text):
        pos = m.start()
        if spans.covers(pos):
            continue
        refs += _refs_at(text, pos, m.end(), numbers)
    numerals = {n for n in numbers if roman_value(n)}
    if numerals:
        refs += _roman_refs(text, numerals, spans)
    for m in _SUPERSCRIPT.finditer(text):
        pos = m.start()
        if pos == 0 or text[pos - 1].isspace() or spans.covers(pos):
            continue
        group = m.group(0).translate(SUPERSCRIPT_DIGITS)
        if _plausible(group, numbers, text, pos):
            refs.append(NoteRef(str(int(group)), pos, m.end()))
    refs.sort(key=lambda r: r.start)
    unique: list[NoteRef] = []
    for ref in refs:
        if not unique or unique[-1].start != ref.start:
            unique.append(ref)
    return unique


def bracket_note_refs(text: str, footnotes: Iterable[Footnote],
                      skip: Iterable[tuple[int, int]] = ()) -> str:
    """The text with each footnote marker glued to it (`made,3 the`, `publication."1 The`,
    `rule2 was`) written "[3]", the form a quotation matcher passes over as a citation
    marker: read as a word, the number turns a faithful quotation of the sentence into a
    changed one. Markers already in brackets stay as they are."""
    refs = [ref for ref in find_note_refs(text, footnotes, skip)
            if text[ref.start - 1:ref.start] != "[" and text[ref.end:ref.end + 1] != "]"]
    if not refs:
        return text
    parts, at = [], 0
    for ref in refs:
        parts += [text[at:ref.start], "[", text[ref.start:ref.end], "]"]
        at = ref.end
    parts.append(text[at:])
    return "".join(parts)


def _refs_at(text: str, pos: int, end: int, numbers: set[str]) -> list[NoteRef]:
    """The marker(s) a run of digits at text[pos:end] is, if any."""
    q = pos
    while q > 0 and text[q - 1] in _PUNCT:
        q -= 1
    if q < pos and q > 0 and (text[q - 1].isalpha()):
        m = _AFTER_PUNCT.match(text, q)
        if m and m.start("n") == pos:
            found = []
            at = pos
            for number in m.group("n").split(","):
                if _plausible(number, numbers, text, pos):
                    found.append(NoteRef(str(int(number)), at, at + len(number)))
                at += len(number) + 1
            return found
        m = _BEFORE_STOP.match(text, q)
        if m and m.start("n") == pos and str(int(m.group("n"))) in numbers and \
                _plausible(m.group("n"), numbers, text, pos):
            return [NoteRef(str(int(m.group("n"))), pos, end)]
    bracketed = text[pos - 1:pos] == "[" or text[pos - 2:pos] == "[^"
    if bracketed and end - pos <= 3 and text[end:end + 1] == "]":
        if not _plausible(text[pos:end], numbers, text, pos):
            return []
        return [NoteRef(str(int(text[pos:end])), pos, end)]  # '[3]', '[^3]'
    if not numbers or end - pos > 3:
        return []
    number = str(int(text[pos:end]))
    if number not in numbers:
        return []
    after_ok = _GLUED_END.match(text, end) is not None or text[end:end + 1] in "\"“”’)]"
    if q < pos and after_ok and _YEAR_END.search(text, max(0, q - 4), pos) and (
            q - 5 < 0 or text[q - 5] not in "0123456789.,"):
        return [NoteRef(number, pos, end)]  # 'in April 2021.8', when note 8 exists
    if pos >= 3 and text[pos - 3:pos].isalpha() and text[pos - 3:pos].islower() and \
            _GLUED_END.match(text, end):
        return [NoteRef(number, pos, end)]  # 'Threats3'
    return []


_ROMAN = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
# 'people.ii', 'machamba,”iv', 'warehouses.”vii': a lower-case Roman numeral glued to a
# sentence's or quotation's end, as endnotes are numbered in UN and NGO reports.
_ROMAN_AFTER_PUNCT = re.compile(
    r"(?<=[^\W\d_])(?:[.,;:!?]+[\"”’»)\]]*|[\"”’»)\]]+[.,;:!?]?)(?P<n>[ivx]{1,6})(?=[\s\"“”’)\]]|$)")


def glued_numerals(line: str) -> list[str]:
    """Lower-case Roman numerals glued to punctuation in one line ('island”.i', 'people.ii'):
    the markers of Word's endnotes, which announce their bodies lower down."""
    return [m.group("n") for m in _ROMAN_AFTER_PUNCT.finditer(line) if roman_value(m.group("n"))]


def roman_value(numeral: str) -> int | None:
    """The value of a lower-case Roman numeral up to xxxix, else None."""
    if not numeral or not _ROMAN.match(numeral):
        return None
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if n + 1 < len(values) and v < values[n + 1] else v
               for n, v in enumerate(values))


def _roman_refs(text: str, numerals: set[str], spans: SpanIndex) -> list[NoteRef]:
    """Roman-numeral markers glued after punctuation, for the numerals the document has
    endnotes for (elsewhere 'i' or 'v' after a full stop is far too common to mean one)."""
    refs = []
    for m in _ROMAN_AFTER_PUNCT.finditer(text):
        if m.group("n") in numerals and not spans.covers(m.start("n")):
            refs.append(NoteRef(m.group("n"), m.start("n"), m.end("n")))
    return refs


def glued_markers(line: str) -> list[str]:
    """Numbers glued to punctuation in one line (`past.1`, `tendencies.”6`): markers that
    announce a footnote body lower down."""
    found: list[str] = []
    if not _DIGITS.search(line):
        return found
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
