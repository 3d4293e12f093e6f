"""Which citations each quotation rests on: footnote markers after it, an inline link in its
sentence, a named source in its sentence or the parentheses that follow, the sentence that
introduces a block quotation or points to where the words were published, the outlet it
quotes, and — when nothing else — a document-level 'Source: X' line."""

from __future__ import annotations

import bisect
import re

from ..models import Citation, Document, Quote
from .authordate import ReferenceList
from .namedsources import is_source_line
from .nearbysources import (
    according_earlier,
    citation_sentence_after,
    named_again_after,
    whole_paragraph,
)
from .quoteevidence import (
    Sources,
    footnote_links,
    inline_links,
    marker_citations,
    named_links,
    notes_just_before,
    parenthesised_links,
    parenthetical_before,
    reference_links,
)
from .quotespans import QuoteSpan, inner_text
from .tablerows import TableRows, row_citations
from .textspans import paragraph_before

# A sentence's end, with the note marker glued to it: '. ', '.” ', '.3 ', '.[3] '.
_SENTENCE_END = re.compile(r"[.?!][\"”’)]*(?:\[\d{1,3}\]|\d{1,3})*\s+(?=[A-Z“\"‘'])")
QUOTE_CONTEXT_CHARS = 300


def link_quotes(doc: Document, citations: list[Citation], spans: list[QuoteSpan],
                paras: list[tuple[int, int]],
                by_sentence: dict[tuple[int, int], list[QuoteSpan]],
                sentence_list: list[tuple[int, tuple[int, int]]],
                next_sentence: dict[tuple[int, int], tuple[int, int]],
                *, document_sources: bool = True) -> list[Quote]:
    """Quotes built from their spans, each with the indexes of the citations it rests on."""
    text = doc.text
    starts = [a for a, _b in paras]
    ends = [b for _a, b in paras]
    src = Sources(doc, citations)
    references = ReferenceList(text, paras)
    rows = TableRows(doc.table_rows)
    spans.sort(key=lambda s: s.open_at)
    sentence_of = {}
    for _p, sent in sentence_list:
        for s in by_sentence[sent]:
            sentence_of[id(s)] = sent
    previous_sentence = {after: before for before, after in next_sentence.items()}
    quotes: list[Quote] = []
    for n, span in enumerate(spans):
        para = paras[span.paragraph]
        sent = sentence_of.get(id(span), para)
        if span.block:
            sent = (span.open_at, span.outer_end or span.close_at + 1)
        following_quote = spans[n + 1].open_at if n + 1 < len(spans) else len(text)
        notes_here, notes_later = footnote_links(src, span, sent, para, following_quote)
        same_sentence, following = named_links(text, src, span, sent, para)
        # The nearest evidence wins: the quote's own sentence first, then what follows it.
        linked = (notes_here or inline_links(src, span, sent, by_sentence.get(sent, []))
                  or parenthesised_links(text, src, span, para)
                  or reference_links(text, src, span, sent, paras, references) or same_sentence
                  or notes_just_before(text, src, span, sent)
                  or following or notes_later or parenthetical_before(text, src, span, sent))
        if not linked:  # a quotation filling a table cell: its row says where it is from
            linked = row_citations(rows, text, span.open_at, span.close_at, src.within)
        if linked and not notes_here and notes_later and \
                all(src.citations[n].kind == "named_source" for n in linked):
            # '… ‘words’ (IRNA, 14 January 2025). He added … ‘more’.[1]': an outlet named
            # without a URL, and the paragraph's note after it gives where to read it
            linked = linked + notes_later
        if not linked and span.continues is not None:
            linked = list(span.continues.citations)
        if not linked and _ADDED.search(text, max(sent[0], span.open_at - ADDED_REACH), span.open_at):
            linked = _same_speaker_earlier(spans, n)
        if not linked and n > 0 and _split_from(spans[n - 1], span, text):
            linked = list(spans[n - 1].citations)
        if not linked:
            linked = _source_line_below(text, src, span, paras)
        if not linked and (span.block or whole_paragraph(text, span, para)):
            linked = _introduction(text, src, span, paras, ends)
        if not linked:
            linked = _pointer(text, src, span, sent, paras, starts, next_sentence, by_sentence)
        if not linked:
            linked = _anaphoric_source(text, src, sent, previous_sentence)
        if not linked:
            linked = _quoted_outlet(src, span, paras)
        if not linked:
            linked = _earlier_in_paragraph(text, src, span, sent, para)
        if not linked:
            linked = according_earlier(text, src, span, para)
        if not linked:
            linked = citation_sentence_after(text, src, sent, next_sentence)
        if not linked:
            linked = _entry_above(text, src, span, paras)
        linked = linked + named_again_after(text, src, span, sent, next_sentence)
        span.citations = sorted(set(linked))
        line, page = doc.locate(span.start)
        quotes.append(Quote(
            text=inner_text(text, span), offset=span.start, line=line, page=page,
            speaker=span.speaker.name if span.speaker else None,
            context=_context(text, sent, span), citations=span.citations))
    # The first half of a quotation broken around 'he said' shares the second half's sources.
    for n in range(len(spans) - 1):
        if not spans[n].citations and _split_from(spans[n], spans[n + 1], text):
            quotes[n].citations = spans[n].citations = list(spans[n + 1].citations)
    # A document that names its source ('Source: Anadolu Agency') as a whole: the quotations
    # citing nothing else rest on it (it is where the reporting came from).
    whole = document_source_citations(text, citations, paras) if document_sources else []
    for quote in quotes:
        if not quote.citations and whole:
            quote.citations = list(whole)
    return quotes


# A line under an item giving where it was read: 'Source: Kazinform, 28 January - https://…',
# 'Read more: <https://…>', 'Via Reuters', or nothing but the address.
_SOURCE_LINE_LABEL = re.compile(
    r"(?:sources?|read more|more|via|links?|full (?:story|text|statement)|"
    r"read the full (?:story|article|statement|text))\b\s*[:»>|\-–—]?\s*", re.I)
_ONLY_ADDRESS = re.compile(r"<?(?:https?://|www\.)\S+(?:\s+\([^()]{1,60}\))?[.;]?")
_CLOSING_MARKS = re.compile(r"[\s.,;:!?\"”’»)\]]*")
SOURCE_LINE_CHARS = 300
# An editor's mark after a quotation: '[tr.]', '[translated]', '[sic]', '(my translation)'.
_EDITORS_MARK = re.compile(r"\s*(?:\[[^\[\]\n]{1,24}\]|\((?:my |our |own )?(?:translation|"
                           r"translated|tr\.)[^()\n]{0,20}\))")
# A line of its own holding an address, bare or under a short label of its own words:
# 'Transcript (plain text): https://…', 'Xinhua (Chinese): https://… (slow to load)'.
_LABELLED_ADDRESS = re.compile(r"(?:[^\W\d][\w’'\-]*\.?(?:\s+[^\W\d][\w’'\-]*\.?){0,3}\s*"
                               r"(?:\([^()\n]{1,30}\)\s*)?[:|\-–—]\s*)?" + _ONLY_ADDRESS.pattern)


# What may follow a quotation in its paragraph and leave it closing the paragraph: its
# attribution alone ('said Dr Alison Rook of the Wyre Bird Trust.'), one short clause.
_ATTRIBUTION_TAIL = re.compile(
    r"(?:[\w'’.-]+\s+){0,4}?(?:said|says|added|adds|told|tells|wrote|writes|explained|"
    r"explains|noted|notes|warned|warns|recalled|recalls|insisted|insists)\b"
    r"[^.?!\n\"“”]{0,100}[.?!]")
# One item's source label alone on its line, its source on the next ('Source' over a
# disclosure's note); 'Sources' and 'Links' head a document's lists instead.
_LONE_SOURCE_LABEL = re.compile(r"source\s*:?\s*", re.I)


def _after_quotation(text: str, at: int, end: int) -> int:
    """Where the text after a quotation's closing mark goes on: past its closing punctuation
    and an editor's mark such as '[tr.]'."""
    after = _CLOSING_MARKS.match(text, at, end).end()  # type: ignore[union-attr]
    mark = _EDITORS_MARK.match(text, after, end)
    return _CLOSING_MARKS.match(text, mark.end(), end).end() if mark else after  # type: ignore[union-attr]


def _source_line_below(text: str, src: Sources, span: QuoteSpan,
                       paras: list[tuple[int, int]]) -> list[int]:
    """A quotation closing its paragraph rests on a short paragraph right under it that names
    where it was read ('Source: …', 'Read more: <…>') or holds nothing but an address, bare or
    under a few words of label ('Xinhua (Chinese): <…>'), as newsletters, memos and notes
    write each item's source on a line of its own (an editor's '[tr.]' may come between)."""
    end = paras[span.paragraph][1]
    if span.block or span.close_at >= end:
        return []
    after = _after_quotation(text, span.close_at + 1, end)
    label = None
    if after < end:  # the line ran on into the quotation's paragraph
        lo, hi = after, end
        label = _SOURCE_LINE_LABEL.match(text, lo, hi)
        if label is None and _link_alone(text, src, lo, hi):
            return src.links(lo, lo + 1)  # '<q>…</q>. <a>RIA Novosti</a>' ending it
        if label is None and hi - lo <= SOURCE_LINE_CHARS and \
                _LABELLED_ADDRESS.fullmatch(text, lo, hi):  # the paragraph's rest: its source
            return [n for n in src.within(lo, hi) if not src.citations[n].marker]
        if label is None and not _ATTRIBUTION_TAIL.fullmatch(text, lo, hi) or \
                text[lo:lo + 1].islower() and label is not None:
            return []
    if label is None:  # the quotation, or its '…,' said X.' tail, closes the paragraph
        if span.paragraph + 1 >= len(paras):
            return []
        lo, hi = paras[span.paragraph + 1]
        label = _SOURCE_LINE_LABEL.match(text, lo, hi)
        if label is not None and _LONE_SOURCE_LABEL.fullmatch(text, lo, hi) and \
                span.paragraph + 2 < len(paras):
            lo, hi = paras[span.paragraph + 2]  # 'Source' on a line of its own, over it
    if hi - lo > SOURCE_LINE_CHARS:
        return []
    if label is None and not _LABELLED_ADDRESS.fullmatch(text, lo, hi):
        return []
    return [n for n in src.within(lo, hi) if not src.citations[n].marker]


def _link_alone(text: str, src: Sources, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] is a link's few words alone (an outlet's name), no sentence."""
    rest = text[lo:hi].strip(" .")
    return bool(src.links(lo, lo + 1)) and 0 < len(rest.split()) <= LINK_ALONE_WORDS and \
        not re.search(r"[.!?]\s", rest)


LINK_ALONE_WORDS = 5


# A colon sentence that points back to what the sentence before described ('This is the
# passage students repeat:', 'Here is how it reads:', 'It reads:').
POINTING_BACK = re.compile(r"\s*(?:This|These|That|Those|Here|It)\b")
_POINTER = re.compile(
    r"\b(?:statement|speech|remarks|interview|transcript|video|recording|post|tweet|letter|"
    r"release|article|op-ed|full text|comments|address|testimony|announcement|briefing|"
    # a debate's or meeting's record: 'It is in the record of the debate', 'Dat staat in het
    # verslag van het debat', 'the minutes of the meeting'
    r"(?:record|minutes)\s+of\s+(?:the\s+)?(?:debate|meeting|hearing|proceedings|session)|"
    r"hansard|verslag|"
    # or where the very thing quoted was put up: 'The newspaper published it as a Google Doc'
    # ('The group has published the siren logs' is other material)
    r"(?:published|posted|shared|uploaded)\s+(?:it|them|this|these)\b)\b", re.I)


def _introduction(text: str, src: Sources, span: QuoteSpan, paras: list[tuple[int, int]],
                  ends: list[int]) -> list[int]:
    """A block quotation introduced by a sentence ending in a colon rests on that sentence's
    link or footnote ('… in a recent interview with Caixin:' then the quotation)."""
    n = paragraph_before(ends, span.open_at)
    if n is None or not text[paras[n][0]:paras[n][1]].rstrip().endswith(":"):
        return []
    start, end = paras[n]
    lo = earlier = start
    for m in _SENTENCE_END.finditer(text, start, end):
        # the last sentence; a marker glued to an earlier one ('asset.3') is that one's
        earlier, lo = lo, m.end()
    if POINTING_BACK.match(text, lo):
        lo = earlier  # '… a sermon his office published.[2] This is the passage:' — the sermon's
    return src.links(lo, end) or marker_citations(src, src.refs_within(lo, end + 1))


_OPENING_MARK = re.compile(r"[\"“«„]")


def _pointer(text: str, src: Sources, span: QuoteSpan, sent: tuple[int, int],
             paras: list[tuple[int, int]], starts: list[int],
             next_sentence: dict[tuple[int, int], tuple[int, int]],
             by_sentence: dict[tuple[int, int], list[QuoteSpan]]) -> list[int]:
    """The sentence right after the quotation says where the words were published: 'His full
    statement is on the Moncloa website', 'The rapporteur's statement was published on …',
    'The newspaper published it as a [Google Doc](…)'."""
    following = next_sentence.get(sent)
    if following is None and span.block:
        n = bisect.bisect_left(starts, span.outer_end or span.close_at)
        if n < len(paras):
            start, end = paras[n]
            stops = [i for i in (text.find(". ", start, end), end) if i != -1]
            following = (start, min(stops) + 1)
    if following is None or by_sentence.get(following):
        return []
    lo, hi = following
    if not _POINTER.search(text, lo, hi) or _OPENING_MARK.search(text, lo, hi):
        return []  # a sentence quoting words of its own points to where those were published
    return src.links(lo, hi) or marker_citations(src, src.refs_within(lo, hi + 1))


_IN_IT = re.compile(
    r"\s*In\s+(?:it|(?:the|that|this|his|her|their|its)\s+(?:\w+\s+)?"
    r"(?:video|post|statement|letter|interview|speech|clip|recording|broadcast|podcast|"
    r"article|op-ed|column|tweet|thread|report|submission|filing|message)),")


def _anaphoric_source(text: str, src: Sources, sent: tuple[int, int],
                      previous_sentence: dict[tuple[int, int], tuple[int, int]]) -> list[int]:
    """'[A video posted by X] … In it, X says that “…”': a sentence opening 'In it,' (or 'In
    the video,') points back at what the sentence before it linked."""
    before = previous_sentence.get(sent)
    if before is None or not _IN_IT.match(text, sent[0], sent[1]):
        return []
    return src.links(*before)


# A sentence pointing back at the publication its paragraph named: 'tells the paper', 'It
# quotes', 'In its editorial'.
_BACK_TO_SOURCE = re.compile(
    r"\b(?:the|this|that)\s+(?:paper|newspaper|report|review|article|study|survey|agency|"
    r"broadcaster|station|programme|editorial)\b|^\W*(?:It|They)\s|\b[Ii]ts\s"
    # the same pointing back in German, Spanish and French ('wurde dort … zitiert')
    r"|\b(?:dort|darin|allí)\b|\b(?:die|der|das)\s+(?:Zeitung|Blatt|Bericht|Agentur|Sender)\b"
    r"|\b(?:el|la)\s+(?:diario|periódico|informe|agencia|cadena)\b"
    r"|\b(?:le|la)\s+(?:journal|quotidien|rapport|agence|radio)\b")


def _earlier_in_paragraph(text: str, src: Sources, span: QuoteSpan, sent: tuple[int, int],
                          para: tuple[int, int]) -> list[int]:
    """A quotation citing nothing of its own, in a sentence pointing back at a publication,
    rests on the source its paragraph cited last before it ('The Times leads on … It quotes a
    cabinet minister as saying “…”'; 'That article drew on a [review](…). It found that “…”')."""
    if not _BACK_TO_SOURCE.search(text[sent[0]:min(sent[1], span.open_at)]):
        return []
    earlier = [n for n in src.within(para[0], span.open_at)
               if src.citations[n].kind == "link" or src.citations[n].kind == "named_source"
               and not src.citations[n].marker]
    return earlier[-1:]


# A reference entry: its authors and its year in parentheses near its start ('Osman, A.,
# Idris, M. and Bashir, S. (2023) …', 'Sphere Association (2018) …'), a list's number before.
_ENTRY_HEAD = re.compile(r"\s*(?:\d{1,3}[.)]\s+|[-*•]\s+)?[A-Z][^\n()]{0,120}\((?:19|20)\d\d[a-z]?\)")
_ACCESS_NOTE = re.compile(r"[\s.;,]*(?:\([^()]{1,60}\))?[\s.;,]*")


def _entry_above(text: str, src: Sources, span: QuoteSpan,
                 paras: list[tuple[int, int]]) -> list[int]:
    """An annotated bibliography's note under its entry ('Osman, A. … (2023) … doi: <…>' then
    'The authors conclude that "…"'): a quotation citing nothing, in the paragraph right under
    a reference entry ending with its address, rests on that address."""
    if span.paragraph == 0:
        return []
    lo, hi = paras[span.paragraph - 1]
    if not _ENTRY_HEAD.match(text, lo, hi):
        return []
    found = [n for n in src.within(lo, hi)
             if src.citations[n].url and not src.citations[n].marker]
    if not found:
        return []
    url = src.citations[found[-1]].url or ""
    at = text.find(url, src.citations[found[-1]].offset, hi)  # the address as printed
    return [found[-1]] if at != -1 and _ACCESS_NOTE.fullmatch(text, at + len(url), hi) else []


def _quoted_outlet(src: Sources, span: QuoteSpan, paras: list[tuple[int, int]]) -> list[int]:
    """A quotation of an outlet's own words ('…, it said' after 'Reuters reported') rests on
    that outlet, named in its paragraph or the one before."""
    speaker = span.speaker
    if speaker is None:
        return []
    # a one-word body may read as a person's name ('Compesa informou'): its own paragraph only
    lo = paras[span.paragraph if speaker.person else max(0, span.paragraph - 1)][0]
    return [n for n in src.named(lo, span.open_at)  # (a chart's 'Source:' caption is no report)
            if (src.citations[n].outlet or "").lower() == speaker.name.lower()
            and not is_source_line(src.text, src.citations[n].offset)][-1:]


def document_source_citations(text: str, citations: list[Citation],
                              paras: list[tuple[int, int]], *, head: bool = True,
                              tail: bool = True) -> list[int]:
    """Named sources on a 'Source: X' line among the first (`head`) or last (`tail`) three
    paragraphs: the source of the document as a whole."""
    if not paras:
        return []
    edges = (paras[:3] if head else []) + (paras[-3:] if tail else [])
    found = []
    for n, c in enumerate(citations):
        if c.kind == "named_source" and not c.marker and \
                any(a <= c.offset < b for a, b in edges) and is_source_line(text, c.offset):
            found.append(n)
    return found


# A sentence saying the speaker went on: 'He added that', 'she also said', 'Lang continued:',
# within ADDED_REACH characters before the quotation.
ADDED_REACH = 200
_ADDED = re.compile(r"\b(?:added|adds|adding|continued|went on|also (?:said|says|told|stated))\b")


def _same_speaker_earlier(spans: list[QuoteSpan], n: int) -> list[int]:
    """'X said that “…” (link). He added that “…”': a quotation citing nothing, introduced as
    the speaker going on, rests on what the same speaker's quotation earlier in the paragraph
    cited (the same statement); not when someone else was quoted between. A quotation merely
    'said' later may come from elsewhere, and keeps citing nothing."""
    span = spans[n]
    if span.speaker is None:
        return []
    for k in range(n - 1, -1, -1):
        earlier = spans[k]
        if earlier.paragraph != span.paragraph:
            return []
        if earlier.speaker is not None:
            same = earlier.speaker.name == span.speaker.name
            return list(earlier.citations) if same else []
    return []


def _split_from(first: QuoteSpan, second: QuoteSpan, text: str) -> bool:
    """'“Allah,” he said, “had decided …”' — two quotations, one sentence, one speaker."""
    between = text[first.close_at + 1:second.open_at]
    return (first.paragraph == second.paragraph and len(between.split()) <= 8
            and first.speaker is not None and second.speaker is not None
            and first.speaker.name == second.speaker.name and "." not in between)


def _context(text: str, sent: tuple[int, int], span: QuoteSpan) -> str:
    lo, hi = min(sent[0], span.open_at), max(sent[1], span.close_at + 1)
    # Whitespace collapsed, the context is at most QUOTE_CONTEXT_CHARS: a few times that of the
    # text gives it, however long the sentence (a page of text without full stops).
    window = text[lo:min(hi, lo + 4 * QUOTE_CONTEXT_CHARS)]
    snippet = " ".join(window.split())
    if len(snippet) <= QUOTE_CONTEXT_CHARS and lo + len(window) == hi:
        return snippet
    return snippet[:QUOTE_CONTEXT_CHARS - 1] + "…"
