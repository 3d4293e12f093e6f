"""The citations a quotation's own sentence and paragraph give it: the note markers after
it, an inline link in its sentence, the parentheses after it, an author-date reference, a
named source beside it. quotelinks.py tries these first, then the rules that look further.
"""

from __future__ import annotations

import bisect
import re

from ..models import Citation, Document
from .authordate import ReferenceList, mla_after, narrative_before, parenthetical_after
from .notebackrefs import pointed_back
from .quotespans import QuoteSpan

_PARENS = re.compile(r"\(([^()]*)\)")
_BEFORE_PARENS = re.compile(r"[^\w(]*")  # punctuation and spaces between a quotation and '('
PARENTHESES_REACH = 600  # characters after a quotation where its parenthetical source may open

class Sources:
    """A document's citations and footnote markers, searchable by offset."""

    def __init__(self, doc: Document, citations: list[Citation]) -> None:
        self.citations = citations
        self.text = doc.text
        order = sorted(range(len(citations)), key=lambda n: citations[n].offset)
        self.order = order
        self.offsets = [citations[n].offset for n in order]
        self.refs = sorted(doc.note_refs, key=lambda r: r.start)
        self.ref_starts = [r.start for r in self.refs]
        self.bodies: dict[str, list] = {}
        for f in sorted(doc.footnotes, key=lambda f: f.start):
            self.bodies.setdefault(f.marker, []).append(f)
        self.by_marker: dict[str, list[int]] = {}
        for n, c in enumerate(citations):
            if c.marker and c.kind in ("footnote", "named_source"):
                self.by_marker.setdefault(c.marker, []).append(n)
        self.pointed = pointed_back(doc.footnotes)  # 'Radio Dabanga, op. cit.' -> its note

    def within(self, lo: int, hi: int) -> list[int]:
        """Indexes of the citations at offsets in [lo, hi)."""
        return self.order[bisect.bisect_left(self.offsets, lo):bisect.bisect_left(self.offsets, hi)]

    def any_within(self, lo: int, hi: int) -> bool:
        """Whether any citation is at an offset in [lo, hi)."""
        return bisect.bisect_left(self.offsets, lo) < bisect.bisect_left(self.offsets, hi)

    def refs_within(self, lo: int, hi: int) -> list:
        return self.refs[bisect.bisect_left(self.ref_starts, lo):
                         bisect.bisect_left(self.ref_starts, hi)]

    def links(self, lo: int, hi: int) -> list[int]:
        """Indexes of the URL citations (not footnote bodies) at offsets in [lo, hi)."""
        return [n for n in self.within(lo, hi) if self.citations[n].kind == "link"]

    def named(self, lo: int, hi: int) -> list[int]:
        return [n for n in self.within(lo, hi)
                if self.citations[n].kind == "named_source" and not self.citations[n].marker]


def footnote_links(src: Sources, span: QuoteSpan, sent: tuple[int, int],
                    para: tuple[int, int], following_quote: int) -> tuple[list[int], list[int]]:
    """Citations of the markers after the quote in its sentence, and of the first marker
    (group) after it later in its paragraph. When a marker stands between it and the next
    quotation, those after the next one are that quotation's ('“…”3 in 2024, and X said
    that “…”.4'); a paragraph's one marker at its end stands for all its quotations."""
    lo = span.start if span.block else span.close_at
    # a block's '— Name, role[4]' line after it is part of it, and so is that line's marker
    hi = max(para[1], span.close_at + 2, span.outer_end if span.block and span.outer_end else 0)
    after = src.refs_within(lo, hi)
    own = [r for r in after if r.start < following_quote]
    if own:
        after = own
    in_sentence = [r for r in after if r.start < sent[1] + 4]
    later: list = []
    if not in_sentence and after:
        later = [after[0]]
        for r in after[1:]:
            if r.start - later[-1].end <= 2:
                later.append(r)
    return marker_citations(src, in_sentence), marker_citations(src, later)


MARKER_BEFORE_WORDS = 6  # words between a note marker and the quotation it introduces


def notes_just_before(text: str, src: Sources, span: QuoteSpan, sent: tuple[int, int]
                      ) -> list[int]:
    """A note marker a few words before the quotation in its sentence, on the work the words
    are from: 'As Harwood LJ explained in Pryce v Calder Housing Trust,1 “…”'."""
    refs = src.refs_within(sent[0], span.open_at)
    if not refs or span.block:
        return []
    gap = text[refs[-1].end:span.open_at]
    if len(gap.split()) > MARKER_BEFORE_WORDS or any(c in gap for c in ";.?!\"“”"):
        return []
    return marker_citations(src, refs[-1:])


def marker_citations(src: Sources, refs: list) -> list[int]:
    """The citations in the footnote each marker points at (the next body of that number)."""
    linked: list[int] = []
    for ref in refs:
        bodies = src.bodies.get(ref.marker, [])
        body = next((f for f in bodies if f.start > ref.start), bodies[-1] if bodies else None)
        numbers = src.by_marker.get(ref.marker, [])
        if body is not None:
            numbers = [n for n in numbers
                       if body.start <= src.citations[n].offset < body.start + len(body.text)]
        target = src.pointed.get(ref.marker)
        if not numbers and target is not None:  # a note pointing at an outlet's note
            numbers = [n for n in src.by_marker.get(target, [])
                       if src.citations[n].kind == "named_source"]
        linked += numbers
    return linked


def inline_links(src: Sources, span: QuoteSpan, sent: tuple[int, int],
                  in_sentence: list[QuoteSpan]) -> list[int]:
    """Links in the quotation's sentence, but not those another speaker's quotation stands
    between: in 'X accused them in a [statement] of “…”, and Y said that “…”' the link is
    X's source, not Y's. What is left is one stretch of the sentence, from the opening of the
    other speaker's last quotation before this one to the closing of their first one after:
    its links are read at once, not each checked against every quotation of the sentence."""
    lo, hi = min(sent[0], span.open_at), max(sent[1], span.close_at + 1)
    if not src.any_within(lo, hi):
        return []  # a sentence citing nothing: its quotations are not compared
    if span.speaker is not None:
        for s in in_sentence:
            if s is span or s.speaker is None or s.speaker.name == span.speaker.name:
                continue
            if s.close_at < span.open_at:
                lo = max(lo, s.open_at)  # a link before it is another's
            elif s.open_at > span.close_at:
                hi = min(hi, s.close_at + 1)  # a link after it is another's
    return sorted(src.links(lo, hi))


def parenthesised_links(text: str, src: Sources, span: QuoteSpan,
                         para: tuple[int, int]) -> list[int]:
    """Links in parentheses right after the quotation, even past its sentence's full stop:
    '… every ten years.” (<a>BBC</a>)' cites the BBC for those words."""
    opening = _BEFORE_PARENS.match(text, span.close_at + 1, para[1])
    m = _PARENS.match(text, opening.end(), para[1]) if opening else None
    if m is None:
        return []
    return src.links(m.start(), m.end())


def reference_links(text: str, src: Sources, span: QuoteSpan, sent: tuple[int, int],
                     paras: list[tuple[int, int]], references: ReferenceList) -> list[int]:
    """The DOI or URL of the reference-list entry an author-date citation of the quotation
    points at: '“…” (Halvorsen & Van Rijn, 2022, p. 39)' or 'Dubrovska (2020) argues that
    “…”' -> 'Dubrovska, A. (2020). … https://doi.org/…'."""
    para_end = paras[span.paragraph][1]
    cited = parenthetical_after(text, span.close_at + 1, para_end) or narrative_before(
        text, sent[0], span.open_at)
    if cited is None:
        mla = mla_after(text, span.close_at + 1, para_end)
        entry = references.mla_entry(mla, span.paragraph) if mla else None
        return src.links(*entry) if entry else []
    entry = references.entry(cited, span.paragraph)
    return src.links(*entry) if entry else []


def named_links(text: str, src: Sources, span: QuoteSpan,
                 sent: tuple[int, int], para: tuple[int, int]) -> tuple[list[int], list[int]]:
    """Outlets named in the quote's sentence ('according to X', 'X reported'), and those in
    the first parentheses after the quote that name any."""
    same = [n for n in src.named(sent[0], sent[1])
            if not in_parentheses(text, src.citations[n].offset, sent[0])]
    for m in _PARENS.finditer(text, span.close_at, min(para[1], span.close_at + PARENTHESES_REACH)):
        group = src.named(m.start(), m.end())
        if group:
            return same, group
    return same, []


def parenthetical_before(text: str, src: Sources, span: QuoteSpan,
                          sent: tuple[int, int]) -> list[int]:
    """'In an interview (Der Spiegel, 12 June 2019), Schulze said: “…”'."""
    return [n for n in src.named(sent[0], span.open_at)
            if in_parentheses(text, src.citations[n].offset, sent[0])]


def in_parentheses(text: str, pos: int, floor: int) -> bool:
    return text.rfind("(", floor, pos) > text.rfind(")", floor, pos)
