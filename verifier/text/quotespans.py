"""Where a document's quotation marks pair up: straight, curly and mixed double marks,
single marks told apart from apostrophes, quotations running over several paragraphs, and
em-dash dialogue."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .speakers import Speaker
from .speechverbs import find_speech_verbs

OPENERS = "“„«"
CLOSERS = "”»"
_DOUBLE_OPENERS = OPENERS + '"'
_SINGLE_OPENERS = "‘'"
_DOUBLE_MARK = re.compile(r'[“„«”»"]')
_SINGLE_OPEN = re.compile(r"[‘'](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[^\s‘'])[’'](?![^\W_])")
_TRAILING = " ,;:"
_ELIDED_AND = re.compile(r"[‘'’][nN][’'] [^\W\d_]")
DIALOGUE_DASHES = "—―–"
# a dash set off by spaces between the parts of a dialogue line: '— Late, — she says. — Go.'
_DIALOGUE_BREAK = re.compile(r"(?<=\S)\s+[—―–](?=\s)")


@dataclass
class QuoteSpan:
    """One pair of quotation marks: `open_at` and `close_at` are the marks' offsets."""

    open_at: int
    close_at: int
    paragraph: int
    start: int = 0  # the quoted text, editorial marks kept, trailing ',;:' dropped
    end: int = 0
    block: bool = False
    attribution: str | None = None
    speaker: Speaker | None = None
    citations: list[int] = field(default_factory=list)
    continues: QuoteSpan | None = None  # the quotation this one carries on from
    outer_end: int | None = None  # a blockquote's end, its closing source link included
    next_part: QuoteSpan | None = None  # the same quotation carried on in the next paragraph
    prev_part: QuoteSpan | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)  # (start, end) once joined
    dialogue: bool = False  # a part of an em-dash dialogue line, speech by its form


# -- finding quotation marks ---------------------------------------------------------------
def find_quote_spans(text: str, paras: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Pairs of quotation marks within each paragraph. Straight marks are told apart by
    what surrounds them, so mixed pairs (“…") also pair; single marks (‘…’ and '…') are
    paired outside double-quoted passages, apostrophes aside.

    A quotation running over several paragraphs (an opening mark at the start of each,
    the closing mark only at the end, as news style has it) comes back as one span per
    paragraph, chained by `next_part`."""
    spans: list[QuoteSpan] = []
    carried: QuoteSpan | None = None  # the open-ended part the paragraph before left
    for p_index, (p_start, p_end) in enumerate(paras):
        open_at: int | None = None
        found: list[QuoteSpan] = []
        spoken = _dialogue_line(text, p_start, p_end, p_index)
        if spoken:
            spans += spoken
            carried = None
            continue
        for m in _DOUBLE_MARK.finditer(text, p_start, p_end):
            i, ch = m.start(), m.group(0)
            if open_at is not None and _closes_low_opener(text, open_at, ch):
                _add_span(found, text, open_at, i, p_index)
                open_at = None
            elif ch in OPENERS:
                open_at = i
            elif ch in CLOSERS:
                if open_at is not None:
                    _add_span(found, text, open_at, i, p_index)
                    open_at = None
            elif open_at is None:
                if _opening_context(text, i, p_start):
                    open_at = i
            else:
                _add_span(found, text, open_at, i, p_index)
                open_at = None
        singles, single_open = _single_quotes(text, p_start, p_end, p_index, found)
        found += singles
        found.sort(key=lambda s: s.open_at)
        open_ended: QuoteSpan | None = None
        unclosed, family = (open_at, _DOUBLE_OPENERS) if open_at is not None else (
            single_open, _SINGLE_OPENERS)
        following = paras[p_index + 1][0] if p_index + 1 < len(paras) else None
        if unclosed is not None and following is not None and text[following] in family:
            before = len(found)
            _add_span(found, text, unclosed, p_end, p_index)
            open_ended = found[-1] if len(found) > before else None
        if carried is not None:
            first = next((s for s in found if s.open_at == p_start), None)
            if first is not None:
                carried.next_part, first.prev_part = first, carried
        carried = open_ended
        spans += found
    return spans


def _dialogue_line(text: str, p_start: int, p_end: int, p_index: int) -> list[QuoteSpan]:
    """The spoken parts of an em-dash dialogue line, as translated reportage and fiction set
    speech ('— It's late, — she says. — Go home.'): the line opens with a dash, and spaced
    dashes set the narration off between spoken parts. Read so only when some narration
    holds a speech verb: a lone '— Name, role' line under a block quotation attributes it."""
    if text[p_start] not in DIALOGUE_DASHES or not text[p_start + 1:p_start + 2].isspace():
        return []
    dashes = [p_start] + [m.end() - 1 for m in _DIALOGUE_BREAK.finditer(text, p_start + 1, p_end)]
    bounds = list(zip(dashes, dashes[1:] + [p_end], strict=True))
    if not any(find_speech_verbs(text, a + 1, b) for a, b in bounds[1::2]):
        return []
    found: list[QuoteSpan] = []
    for open_at, close_at in bounds[0::2]:
        _add_span(found, text, open_at, close_at, p_index)
    for span in found:
        span.dialogue = True
    return found


def _closes_low_opener(text: str, open_at: int, ch: str) -> bool:
    """German and other central European quotations open low and close with the English
    opening mark („so“), so after „ the mark “ closes rather than opens."""
    return text[open_at] == "„" and ch == "“"


def _single_quotes(text: str, p_start: int, p_end: int, p_index: int,
                   doubles: list[QuoteSpan]) -> tuple[list[QuoteSpan], int | None]:
    """‘…’ or '…' pairs, where a closing mark is not an apostrophe ("Hamas’ leaders"), and
    the last opening mark left without a closing one."""
    found: list[QuoteSpan] = []
    taken = [(s.open_at, s.close_at) for s in doubles]
    unclosed: int | None = None
    i = p_start
    while True:
        m = _SINGLE_OPEN.search(text, i, p_end)
        if not m:
            break
        i = m.start() + 1
        if any(a <= m.start() <= b for a, b in taken) or not _opening_context(
                text, m.start(), p_start):
            continue
        closed = False
        for c in _SINGLE_CLOSE.finditer(text, m.start() + 2, p_end):
            if any(a <= c.start() <= b for a, b in taken):
                break
            after = text[c.end():c.end() + 2]
            if text[c.start() - 1] == "s" and re.match(r" [a-z]", after):
                continue  # plural possessive: "the leaders’ meeting"
            if _ELIDED_AND.match(text, c.start() - 2):
                continue  # the second mark of 'n' in "rock 'n' roll", "fish ’n’ chips"
            _add_span(found, text, m.start(), c.start(), p_index)
            i = c.end()
            closed = True
            break
        if not closed and unclosed is None and not any(
                a <= m.start() <= b for a, b in taken):
            unclosed = m.start()
    return found, unclosed


def _opening_context(text: str, i: int, p_start: int) -> bool:
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;‘'“\"") and not after.isspace()


def _add_span(spans: list[QuoteSpan], text: str, open_at: int, close_at: int, para: int) -> None:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING or end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(QuoteSpan(open_at, close_at, para, start, end))


def inner_text(text: str, span: QuoteSpan) -> str:
    if span.parts:
        return " ".join(" ".join(text[a:b].split()) for a, b in span.parts)
    return " ".join(text[span.start:span.end].split())
