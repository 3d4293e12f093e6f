"""Attributed quotations: found between straight, curly or mixed quotation marks (or in
<blockquote>/<q>), kept only when a speaker can be found, and tied to the citations they
rest on.

Not quotations: scare quotes and quoted labels (one or two words, or a phrase after
'dubbed', 'so-called', ...), titles and headings in quotation marks, and quoted passages
nobody is said to have spoken; these come back separately as `terms`.
Editorial marks inside a quotation (`[i.e., terrorism]`, `[t]he`, `…`) stay as written.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .models import Citation, Document, Quote
from .names import NameIndex
from .speakers import MASK, Speaker, SpeakerFinder
from .speechverbs import find_speech_verbs
from .textspans import paragraphs, sentences

_OPENERS = "“„«"
_CLOSERS = "”»"
_DOUBLE_OPENERS = _OPENERS + '"'
_SINGLE_OPENERS = "‘'"
_DOUBLE_MARK = re.compile(r'[“„«”»"]')
_SINGLE_OPEN = re.compile(r"[‘'](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[^\s‘'])[’'](?![^\W_])")
_WORD = re.compile(r"[\w\[\]’'\-]+")
_NAMING = re.compile(
    r"(?:so-called|so called|dubbed|nicknamed|termed|labell?ed|branded|titled|entitled|named|"
    r"called|known as|referred to as|the terms?|the words?|the phrase|the slogans?|the motto|"
    r"the hashtag|the name|the label|the expression|the concept of|the notion of|the idea of)"
    r"\s*(?:as\s+)?(?:the\s+|a\s+|an\s+|its\s+|his\s+|their\s+)?$", re.I)
_SMALL_WORDS = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "by", "or",
                "from", "vs", "de", "al"}
_TRAILING = " ,;:"
_PARENS = re.compile(r"\(([^()]*)\)")
QUOTE_CONTEXT_CHARS = 300


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


def extract_quotes(doc: Document, citations: list[Citation]) -> tuple[list[Quote], list[str]]:
    """(attributed quotes, scare-quoted terms and labels) of a document."""
    text = doc.text
    paras = paragraphs(text)
    spans = find_quote_spans(text, paras)
    spans += _block_quotes(doc, paras, spans)
    spans.sort(key=lambda s: s.open_at)
    masked = _mask(text, spans)
    finder = SpeakerFinder(text, masked, NameIndex(masked), paras)
    terms: list[str] = []
    candidates: list[QuoteSpan] = []
    by_sentence: dict[tuple[int, int], list[QuoteSpan]] = {}
    sentence_list: list[tuple[int, tuple[int, int]]] = []
    opens = [s.open_at for s in spans]

    def starting_in(start: int, end: int) -> list[QuoteSpan]:
        return spans[bisect.bisect_left(opens, start):bisect.bisect_left(opens, end)]

    next_sentence: dict[tuple[int, int], tuple[int, int]] = {}
    for p_index, (p_start, p_end) in enumerate(paras):
        protected = [(s.open_at, s.close_at + 1) for s in starting_in(p_start, p_end)
                     if not s.block]
        in_paragraph = sentences(text, p_start, p_end, protected)
        for sent, following in zip(in_paragraph, in_paragraph[1:], strict=False):
            next_sentence[sent] = following
        for sent in in_paragraph:
            sentence_list.append((p_index, sent))
            by_sentence[sent] = starting_in(sent[0], sent[1])
    for p_index, sent in sentence_list:
        inline = [s for s in by_sentence[sent] if not s.block]
        kinds = ["quote" if _chained(s) else _kind(text, s, paras[p_index]) for s in inline]
        quoting = [s for s, k in zip(inline, kinds, strict=True) if k == "quote"]
        for s, k in zip(inline, kinds, strict=True):
            if k != "quote":
                terms.append(_inner(text, s))
        speakers = finder.sentence(sent[0], sent[1], p_index,
                                   [(s.open_at, s.close_at, text[s.open_at + 1:s.close_at])
                                    for s in quoting], paras[p_index][0])
        for s, speaker in zip(quoting, speakers, strict=True):
            s.speaker = speaker
        for s in quoting:
            if s.speaker is None and _standalone(masked, sent, s):
                s.speaker, s.continues = _continuation(finder, candidates, s, sent)
                following = next_sentence.get(sent)
                if s.speaker is None and following is not None:
                    s.speaker = finder.later_speaker(*following)
                    if s.speaker is not None:
                        finder.record(s.open_at, s.speaker, p_index)
            if s.speaker is None and not _chained(s):
                terms.append(_inner(text, s))
            elif s.speaker is not None or _chained(s):
                candidates.append(s)
        for s in by_sentence[sent]:
            if s.block:
                _attribute_block(finder, text, s, paras, candidates)
    candidates = _join_parts(text, candidates, terms)
    quotes = _link_and_build(doc, citations, candidates, paras, by_sentence, sentence_list)
    return quotes, terms


def _chained(span: QuoteSpan) -> bool:
    return span.next_part is not None or span.prev_part is not None


def _join_parts(text: str, candidates: list[QuoteSpan], terms: list[str]) -> list[QuoteSpan]:
    """One quotation from the paragraph parts of each multi-paragraph quotation. It keeps
    the last part (where its attribution and sources usually are) with the whole text, and
    the speaker of the last part, else of the first, else of any."""
    kept: list[QuoteSpan] = []
    for span in candidates:
        if not _chained(span):
            kept.append(span)
        elif span.next_part is None:  # the last part stands for the whole quotation
            chain = [span]
            while chain[0].prev_part is not None:
                chain.insert(0, chain[0].prev_part)
            speaker = next((p.speaker for p in (chain[-1], chain[0], *chain) if p.speaker),
                           None)
            span.parts = [(p.start, p.end) for p in chain]
            span.open_at, span.start = chain[0].open_at, chain[0].start
            if speaker is None:
                terms.append(_inner(text, span))
            else:
                span.speaker = speaker
                kept.append(span)
    return kept


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
        for m in _DOUBLE_MARK.finditer(text, p_start, p_end):
            i, ch = m.start(), m.group(0)
            if ch in _OPENERS:
                open_at = i
            elif ch in _CLOSERS:
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


def _block_quotes(doc: Document, paras: list[tuple[int, int]],
                  spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """<blockquote> (and Markdown '>') passages not already made of quotation marks."""
    found: list[QuoteSpan] = []
    for mq in doc.marked_quotes:
        if not mq.block:
            continue
        start, end = mq.start, mq.end
        while start < end and (doc.text[start].isspace() or doc.text[start] in _OPENERS + '"'):
            start += 1
        while end > start and (doc.text[end - 1].isspace() or doc.text[end - 1] in _CLOSERS + '"'):
            end -= 1
        attribution = mq.attribution
        dash = re.search(r"\n\s*[—–―-]{1,2}\s*([^\n]{2,80})$", doc.text[start:end])
        if attribution is None and dash:
            attribution = dash.group(1).strip()
            end = start + dash.start()
            while end > start and doc.text[end - 1] in _CLOSERS + '" \n':
                end -= 1
        outer_end = end
        for link in doc.links:  # '… [Source](https://…)' closing the block is not quoted
            if start < link.start < link.end <= end and \
                    doc.text[link.end:end].strip(" .)\n") == "" and \
                    len(doc.text[link.start:link.end].split()) <= 3:
                end = link.start
                while end > start and doc.text[end - 1] in " ([—–-\n":
                    end -= 1
        inside = [s for s in spans if start <= s.open_at < end]
        covered = sum(s.close_at - s.open_at for s in inside)
        if end - start < 3 or covered > 0.6 * (end - start):
            continue
        para = next((n for n, (a, b) in enumerate(paras) if a <= start < b), 0)
        found.append(QuoteSpan(start, end - 1, para, start, end, block=True,
                               attribution=attribution, outer_end=outer_end))
    return found


def _mask(text: str, spans: list[QuoteSpan]) -> str:
    chars = list(text)
    for s in spans:
        if s.block:
            continue
        for i in range(s.open_at, s.close_at + 1):
            if chars[i] != "\n":
                chars[i] = MASK
    return "".join(chars)


def _inner(text: str, span: QuoteSpan) -> str:
    if span.parts:
        return " ".join(" ".join(text[a:b].split()) for a, b in span.parts)
    return " ".join(text[span.start:span.end].split())


# -- what kind of quotation ----------------------------------------------------------------
def _kind(text: str, span: QuoteSpan, para: tuple[int, int]) -> str:
    """'quote' for a candidate quotation, else 'term' (scare quote, label, title)."""
    inner = _inner(text, span)
    words = _WORD.findall(inner)
    if len(words) <= 2:
        return "quote" if _split_opening(text, span) else "term"
    if _heading(text, para):
        return "term"
    before = text[max(para[0], span.open_at - 40):span.open_at]
    if _NAMING.search(before) and len(words) <= 6:
        return "term"
    if _title_case(words) and not re.search(r"[.!?]$", inner):
        return "term"
    return "quote"


def _split_opening(text: str, span: QuoteSpan) -> bool:
    """'“Allah,” he said, “had …' — the first part of a quotation broken by its attribution."""
    if text[span.close_at - 1:span.close_at] not in (",", "—", "…"):
        return False
    after = text[span.close_at + 1:span.close_at + 60]
    m = re.match(r"[^“\"”.!?]{1,40}?[,:]?\s*[“\"]", after)
    return bool(m and find_speech_verbs(m.group(0)))


def _heading(text: str, para: tuple[int, int]) -> bool:
    body = text[para[0]:para[1]].strip()
    words = body.split()
    return len(words) <= 15 and not re.search(r"[.!?:][\"”’)\]]*\d{0,3}$", body) \
        and body[:1].isupper() and "\n" not in body and not re.search(
            r"\b(?:said|says|told|added|stated|wrote)\b", body)


def _title_case(words: list[str]) -> bool:
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(words) <= 8 and bool(significant) and all(w[:1].isupper() for w in significant)


def _standalone(masked: str, sent: tuple[int, int], span: QuoteSpan) -> bool:
    """Whether the sentence is the quotation and nothing else (markers aside)."""
    rest = masked[sent[0]:span.open_at] + masked[span.close_at + 1:sent[1]]
    return not re.sub(r"[\d\s.,;:!?¤\[\]()*^]", "", rest)


def _continuation(finder: SpeakerFinder, earlier: list[QuoteSpan], span: QuoteSpan,
                  sent: tuple[int, int]) -> tuple[Speaker | None, QuoteSpan | None]:
    """A quotation standing alone after an attributed sentence keeps that speaker (and,
    when it carries on from a quotation of that speaker, that quotation's sources)."""
    speaker = finder.previous_speaker(span.open_at, span.paragraph)
    if speaker is None and span.paragraph > 0 and sent[0] == finder.paragraph_start:
        # 'He told the crowd:' closing one paragraph, the quotation opening the next
        intro = finder.text[:sent[0]].rstrip()
        if intro.endswith(":"):
            speaker = finder.previous_speaker(span.open_at, span.paragraph - 1)
    if speaker is None:
        return None, None
    same = [q for q in earlier if q.paragraph == span.paragraph and q.close_at < span.open_at
            and q.speaker is not None and q.speaker.name == speaker.name]
    return Speaker(speaker.name, speaker.person, "continuation"), (same[-1] if same else None)


def _attribute_block(finder: SpeakerFinder, text: str, span: QuoteSpan,
                     paras: list[tuple[int, int]], candidates: list[QuoteSpan]) -> None:
    """A blockquote's speaker: its own attribution line, else the sentence introducing it."""
    if span.attribution:
        name = re.split(r",|\(", span.attribution)[0].strip()
        span.speaker = Speaker(finder.names.full_name(name, span.start), True, "name")
    else:
        previous = [p for p in paras if p[1] <= span.open_at]
        if previous:
            intro = previous[-1]
            speaker = finder.previous_speaker(span.open_at, intro_paragraph(paras, intro))
            if speaker and re.search(r"[:,]\s*$", text[intro[0]:intro[1]]):
                span.speaker = speaker
    if span.speaker is not None:
        candidates.append(span)
        finder.record(span.open_at, span.speaker, span.paragraph)


def intro_paragraph(paras: list[tuple[int, int]], para: tuple[int, int]) -> int:
    return paras.index(para)


# -- citations -----------------------------------------------------------------------------
def _link_and_build(doc: Document, citations: list[Citation], spans: list[QuoteSpan],
                    paras: list[tuple[int, int]],
                    by_sentence: dict[tuple[int, int], list[QuoteSpan]],
                    sentence_list: list[tuple[int, tuple[int, int]]]) -> list[Quote]:
    text = doc.text
    src = _Sources(doc, citations)
    spans.sort(key=lambda s: s.open_at)
    sentence_of = {}
    for _p, sent in sentence_list:
        for s in by_sentence[sent]:
            sentence_of[id(s)] = sent
    quotes: list[Quote] = []
    for n, span in enumerate(spans):
        para = paras[span.paragraph]
        sent = sentence_of.get(id(span), para)
        if span.block:
            sent = (span.open_at, span.outer_end or span.close_at + 1)
        notes_here, notes_later = _footnote_links(src, span, sent, para)
        same_sentence, following = _named_links(text, src, span, sent, para)
        # The nearest evidence wins: the quote's own sentence first, then what follows it.
        linked = (notes_here or _inline_links(src, span, sent) or same_sentence
                  or following or notes_later or _parenthetical_before(text, src, span, sent))
        if not linked and span.continues is not None:
            linked = list(span.continues.citations)
        if not linked and n > 0 and _split_from(spans[n - 1], span, text):
            linked = list(spans[n - 1].citations)
        span.citations = sorted(set(linked))
        line, page = doc.locate(span.start)
        quotes.append(Quote(
            text=_inner(text, span), offset=span.start, line=line, page=page,
            speaker=span.speaker.name if span.speaker else None,
            context=_context(text, sent, span), citations=span.citations))
    # The first half of a quotation broken around 'he said' shares the second half's sources.
    for n in range(len(spans) - 1):
        if not spans[n].citations and _split_from(spans[n], spans[n + 1], text):
            quotes[n].citations = spans[n].citations = list(spans[n + 1].citations)
    return quotes


def _split_from(first: QuoteSpan, second: QuoteSpan, text: str) -> bool:
    """'“Allah,” he said, “had decided …”' — two quotations, one sentence, one speaker."""
    between = text[first.close_at + 1:second.open_at]
    return (first.paragraph == second.paragraph and len(between.split()) <= 8
            and first.speaker is not None and second.speaker is not None
            and first.speaker.name == second.speaker.name and "." not in between)


class _Sources:
    """A document's citations and footnote markers, searchable by offset."""

    def __init__(self, doc: Document, citations: list[Citation]) -> None:
        self.doc = doc
        self.citations = citations
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

    def within(self, lo: int, hi: int) -> list[int]:
        """Indexes of the citations at offsets in [lo, hi)."""
        return self.order[bisect.bisect_left(self.offsets, lo):bisect.bisect_left(self.offsets, hi)]

    def refs_within(self, lo: int, hi: int) -> list:
        return self.refs[bisect.bisect_left(self.ref_starts, lo):
                         bisect.bisect_left(self.ref_starts, hi)]

    def named(self, lo: int, hi: int) -> list[int]:
        return [n for n in self.within(lo, hi)
                if self.citations[n].kind == "named_source" and not self.citations[n].marker]


def _footnote_links(src: _Sources, span: QuoteSpan, sent: tuple[int, int],
                    para: tuple[int, int]) -> tuple[list[int], list[int]]:
    """Citations of the markers after the quote in its sentence, and of the first marker
    (group) after it later in its paragraph."""
    lo = span.start if span.block else span.close_at
    after = src.refs_within(lo, max(para[1], span.close_at + 2))
    in_sentence = [r for r in after if r.start < sent[1] + 4]
    later: list = []
    if not in_sentence and after:
        later = [after[0]]
        for r in after[1:]:
            if r.start - later[-1].end <= 2:
                later.append(r)
    return _marker_citations(src, in_sentence), _marker_citations(src, later)


def _marker_citations(src: _Sources, refs: list) -> list[int]:
    """The citations in the footnote each marker points at (the next body of that number)."""
    linked: list[int] = []
    for ref in refs:
        bodies = src.bodies.get(ref.marker, [])
        body = next((f for f in bodies if f.start > ref.start), bodies[-1] if bodies else None)
        numbers = src.by_marker.get(ref.marker, [])
        if body is not None:
            numbers = [n for n in numbers
                       if body.start <= src.citations[n].offset < body.start + len(body.text)]
        linked += numbers
    return linked


def _inline_links(src: _Sources, span: QuoteSpan, sent: tuple[int, int]) -> list[int]:
    lo, hi = min(sent[0], span.open_at), max(sent[1], span.close_at + 1)
    return sorted(n for n in src.within(lo, hi) if src.citations[n].kind == "link")


def _named_links(text: str, src: _Sources, span: QuoteSpan,
                 sent: tuple[int, int], para: tuple[int, int]) -> tuple[list[int], list[int]]:
    """Outlets named in the quote's sentence ('according to X', 'X reported'), and those in
    the first parentheses after the quote that name any."""
    same = [n for n in src.named(sent[0], sent[1])
            if not _in_parentheses(text, src.citations[n].offset, sent[0])]
    for m in _PARENS.finditer(text, span.close_at, para[1]):
        group = src.named(m.start(), m.end())
        if group:
            return same, group
    return same, []


def _parenthetical_before(text: str, src: _Sources, span: QuoteSpan,
                          sent: tuple[int, int]) -> list[int]:
    """'In an interview (Der Spiegel, 12 June 2019), Schulze said: “…”'."""
    return [n for n in src.named(sent[0], span.open_at)
            if _in_parentheses(text, src.citations[n].offset, sent[0])]


def _in_parentheses(text: str, pos: int, floor: int) -> bool:
    return text.rfind("(", floor, pos) > text.rfind(")", floor, pos)


def _context(text: str, sent: tuple[int, int], span: QuoteSpan) -> str:
    lo, hi = min(sent[0], span.open_at), max(sent[1], span.close_at + 1)
    snippet = " ".join(text[lo:hi].split())
    if len(snippet) <= QUOTE_CONTEXT_CHARS:
        return snippet
    return snippet[:QUOTE_CONTEXT_CHARS - 1] + "…"
