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

from .models import Citation, Document, Quote
from .text.arabicspeakers import arabic_speaker
from .text.authordate import narrative_before, parenthetical_after
from .text.lonequotes import around_paragraph, bare_introduction, signed_by_role
from .text.names import NameIndex, People
from .text.outletvocab import is_outlet
from .text.phrases import strip_titles
from .text.quotelinks import POINTING_BACK, link_quotes
from .text.quotespans import CLOSERS, OPENERS, QuoteSpan, find_quote_spans, inner_text
from .text.quoteuses import ASIDE_WORDS, entry_title, in_an_aside, modifies_a_noun, unspaced_words
from .text.speakers import INTRO_REACH, MASK, Speaker, SpeakerFinder
from .text.speechverbs import find_speech_verbs
from .text.tablerows import TableRows, row_speaker
from .text.textspans import SpanIndex, paragraph_before, paragraphs, sentences

_WORD = re.compile(r"[\w\[\]’'\-]+")
_ARABIC = re.compile(r"[\u0621-\u064A]")  # a sentence in Arabic: its speaker is read apart
_NAMING = re.compile(
    r"(?:so-called|so called|dubbed|nicknamed|termed|labell?ed|branded|titled|entitled|named|"
    r"called|\bcall(?:s|ing)?|known as|referred to as|the terms?|the words?|the phrase|the slogans?|the motto|"
    r"the hashtag|the name|the label|the expression|the concept of|the notion of|the idea of|"
    r"the (?:heading|headline|title|caption|banner|sign)|headed|headlined|captioned)"
    r"\s*(?:as\s+)?(?:the\s+|a\s+|an\s+|its\s+|his\s+|their\s+)?$", re.I)
# 'farmers started calling the summer months “the dry season of debt”': call with its object
# before the name given to it (not 'call for', 'call on', nor a noun: 'in a phone call the …')
_CALLING_OBJECT = re.compile(
    r"(?:^|\s)([\w’'\-]+\s+)?call(?:s|ing)?\s+(?!(?:on|for|upon|out|off|back|in|up|into|at|to|"
    r"from|with|by|over|across|around)\b)((?:[\w’'\-]+\s+){1,4}?)(?:a\s+|an\s+)?$", re.I)
_CALL_AS_NOUN = {"a", "an", "the", "phone", "his", "her", "their", "its", "our", "my", "your",
                 "conference", "video", "roll", "this", "that", "last", "first", "final"}
_SMALL_WORDS = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "by", "or",
                "from", "vs", "de", "al"}


def extract_quotes(doc: Document, citations: list[Citation], *, people: People | None = None,
                   document_sources: bool = True) -> tuple[list[Quote], list[str]]:
    """(attributed quotes, scare-quoted terms and labels) of a document.

    A part of a longer document passes what the parts before it said about people
    (`people`, updated here), and leaves the document-level 'Source: X' fallback to the
    caller (`document_sources=False`)."""
    text = doc.text
    paras = paragraphs(text)
    spans = find_quote_spans(text, paras)
    blocks, replaced = _block_quotes(doc, paras, spans)
    spans = [s for s in spans if id(s) not in replaced] + blocks
    if not spans:
        return [], []
    spans.sort(key=lambda s: s.open_at)
    masked = _mask(text, spans)
    names = NameIndex(masked, people)
    finder = SpeakerFinder(text, masked, names, paras)
    terms: list[str] = []
    candidates: list[QuoteSpan] = []
    notes = SpanIndex((f.start, f.start + len(f.text)) for f in doc.footnotes)
    in_blocks = SpanIndex((b.open_at, b.close_at + 1) for b in blocks)
    rows = TableRows(doc.table_rows)
    by_sentence: dict[tuple[int, int], list[QuoteSpan]] = {}
    sentence_list: list[tuple[int, tuple[int, int]]] = []
    opens = [s.open_at for s in spans]

    def starting_in(start: int, end: int) -> list[QuoteSpan]:
        return spans[bisect.bisect_left(opens, start):bisect.bisect_left(opens, end)]

    next_sentence: dict[tuple[int, int], tuple[int, int]] = {}
    # Who speaks is read from a quotation's own paragraph and the three before it (pronouns
    # look no further back), so paragraphs far from any quotation are not read at all.
    para_ends = [b for _a, b in paras]
    near_quotes: set[int] = set()
    for s in spans:
        near_quotes.update(range(max(0, s.paragraph - 3), s.paragraph + 1))
    for p_index, (p_start, p_end) in enumerate(paras):
        if p_index not in near_quotes:
            continue
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
                terms.append(inner_text(text, s))
        speakers = finder.sentence(sent[0], sent[1], p_index,
                                   [(s.open_at, s.close_at, text[s.open_at + 1:s.close_at])
                                    for s in quoting], paras[p_index][0])
        for s, speaker in zip(quoting, speakers, strict=True):
            s.speaker = _cited_authors(text, s, speaker, sent, paras[p_index])
        bare: _BareSentence | None = None
        for s in quoting:
            if s.speaker is None and _ARABIC.search(text, sent[0], s.open_at):
                s.speaker = arabic_speaker(text, sent[0], s.open_at)
            if s.speaker is None and rows.rows:
                s.speaker = row_speaker(finder, rows, text, s.open_at, s.close_at)
            if s.speaker is None and bare is None:
                bare = _BareSentence(masked, sent)
            # in a note body, '"Title". Outlet.' cites a title: the next name is no speaker
            if s.speaker is None and bare is not None and bare.alone(s) and \
                    not notes.covers(s.open_at) and not entry_title(text, s, paras[p_index]):
                in_block = in_blocks.overlaps(s.open_at, s.close_at + 1)
                if not in_block:
                    s.speaker = _dash_attribution(finder, text, s, paras[p_index])
                if s.speaker is None:
                    s.speaker, s.continues = _continuation(finder, candidates, s, sent,
                                                           paras[p_index])
                if s.speaker is None and not in_block and \
                        _a_paragraph_of_speech(text, s, paras[p_index]):
                    s.speaker = around_paragraph(finder, p_index, paras)
                after = next_sentence.get(sent)
                if s.speaker is None and after is not None:
                    s.speaker = finder.later_speaker(*after)
                    if s.speaker is not None:
                        finder.record(s.open_at, s.speaker, p_index)
            if s.speaker is None:
                colon = masked.rfind(":", sent[0], s.open_at)
                if colon != -1 and not masked[colon + 1:s.open_at].strip():
                    s.speaker = bare_introduction(finder, sent[0], colon, p_index)
            if s.speaker is None and not _chained(s):
                terms.append(inner_text(text, s))
            elif s.speaker is not None or _chained(s):
                candidates.append(s)
        for s in by_sentence[sent]:
            if s.block:
                _attribute_block(finder, text, s, paras, para_ends, candidates)
    candidates = _join_parts(text, candidates, terms)
    quotes = link_quotes(doc, citations, candidates, paras, by_sentence, sentence_list,
                         next_sentence, document_sources=document_sources)
    if people is not None:
        people.learn(names)
    return quotes, terms


def _cited_authors(text: str, span: QuoteSpan, speaker: Speaker | None,
                   sent: tuple[int, int], para: tuple[int, int]) -> Speaker | None:
    """Academic style names who wrote the words by an author-date citation: all the authors
    of 'Halvorsen and Van Rijn (2022) conclude that “…”' (not the last name alone), and the
    authors in '“…” (Halvorsen & Van Rijn, 2022, p. 39)' when nothing else names anyone."""
    if speaker is None:
        cited = parenthetical_after(text, span.close_at + 1, para[1])
        if cited is None:  # '“…” (participant, Bolton)'
            return signed_by_role(text, span.close_at, para[1])
        return Speaker(cited.authors, False, "author-date")
    if speaker.how == "description" and speaker.person:
        # 'The Bulgarian energy minister had said that “…” (Malinov 2024, 2)': the one person
        # the citation names is who the role describes (an outlet's name is not)
        cited = parenthetical_after(text, span.close_at + 1, para[1])
        if cited and " " not in cited.authors and not is_outlet(cited.authors):
            return Speaker(cited.authors, True, "author-date")
    narrative = narrative_before(text, sent[0], span.open_at)
    if narrative and speaker.name != narrative.authors and \
            re.search(rf"\b{re.escape(speaker.name)}\b", narrative.authors):
        return Speaker(narrative.authors, False, "author-date")
    return speaker


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
                terms.append(inner_text(text, span))
            else:
                span.speaker = speaker
                kept.append(span)
    return kept


# '“…” — Name, role' on one line: a block whose lines Markdown joined into one paragraph
_INLINE_DASH = re.compile(r"(?<=[”\"])\s+[—–―]\s*([A-Z][^\n“”\"]{1,160})$")
_DASH_LINE = re.compile(r"[ \t]*\n\s*(?:[—–―]|--)[ \t]*([A-Z][^\n]{1,160})[ \t]*(?:\n|$)")


def _block_quotes(doc: Document, paras: list[tuple[int, int]],
                  spans: list[QuoteSpan]) -> tuple[list[QuoteSpan], set[int]]:
    """<blockquote> (and Markdown '>') passages not already made of quotation marks, and
    the ids of the quotation-mark spans a block stands for instead.

    A block's attribution is its own last '— Name' line, or a '— Name, role' paragraph right
    after it (newsletters and Markdown put it outside the '>' lines); a block that is one
    quotation in marks is still the block when such a line attributes it."""
    found: list[QuoteSpan] = []
    replaced: set[int] = set()
    para_starts = [a for a, _b in paras]
    inner, own_start = _nested_blocks(doc)
    for mq in doc.marked_quotes:
        if not mq.block or id(mq) in inner:
            continue
        start, end = own_start.get(id(mq), mq.start), mq.end
        untrimmed = start  # (a quotation mark opening the block is the inner quotation's)
        while start < end and (doc.text[start].isspace() or doc.text[start] in OPENERS + '"'):
            start += 1
        while end > start and (doc.text[end - 1].isspace() or doc.text[end - 1] in CLOSERS + '"'):
            end -= 1
        attribution = mq.attribution
        outer_end = end  # the attribution line and a closing source link included
        dash = re.search(r"\n\s*[—–―-]{1,2}\s*([^\n]{2,160})$", doc.text[start:end]) or \
            _INLINE_DASH.search(doc.text[start:end])
        if attribution is None and dash:
            attribution = dash.group(1).strip()
            end = start + dash.start()
            while end > start and doc.text[end - 1] in CLOSERS + '" \n':
                end -= 1
        end = _before_closing_marker(doc, start, end)
        for link in doc.links:  # '… [Source](https://…)' closing the block is not quoted
            if start < link.start < link.end <= end and \
                    doc.text[link.end:end].strip(" .)\n") == "" and \
                    len(doc.text[link.start:link.end].split()) <= 3:
                end = link.start
                while end > start and doc.text[end - 1] in " ([—–-\n":
                    end -= 1
        following = _DASH_LINE.match(doc.text, mq.end) if attribution is None else None
        if following:
            attribution, outer_end = following.group(1).strip(), following.end(1)
        inside = [s for s in spans if untrimmed <= s.open_at < end]
        covered = sum(s.close_at - s.open_at for s in inside)
        if end - start < 3:
            continue
        if covered > 0.6 * (end - start):
            if not ((following or dash) and len(inside) == 1):
                continue
            replaced.add(id(inside[0]))
        para = max(0, bisect.bisect_right(para_starts, start) - 1)
        # a reply's block opens where its nested question does: its introduction is before
        found.append(QuoteSpan(min(start, mq.start), end - 1, para, start, end, block=True,
                               attribution=attribution, outer_end=outer_end))
    return found, replaced


def _before_closing_marker(doc: Document, start: int, end: int) -> int:
    """A block's end before the note marker closing it ('… getting home.[^6]' in a '>'
    block): the marker cites the words, it is none of them. `doc.note_refs` are in order."""
    refs = doc.note_refs
    n = bisect.bisect_left(refs, end, key=lambda r: r.start)
    if n == 0:
        return end
    ref = refs[n - 1]
    if start < ref.start and (ref.end >= end or doc.text[ref.end:end].strip() == ""):
        end = ref.start
        while end > start and (doc.text[end - 1].isspace() or doc.text[end - 1] in CLOSERS + '"'):
            end -= 1
    return end


def _nested_blocks(doc: Document) -> tuple[set[int], dict[int, int]]:
    """The ids of blocks nested in another block, and where an outer block's own words start
    when it opens with a nested one: an e-mailed reply quotes the message it answers ('> >
    question' then '> answer'), and only the reply is the writer's."""
    blocks = sorted((mq for mq in doc.marked_quotes if mq.block), key=lambda q: (q.start, -q.end))
    inner: set[int] = set()
    own_start: dict[int, int] = {}
    outer = None
    for mq in blocks:
        if outer is not None and mq.end <= outer.end and mq is not outer:
            inner.add(id(mq))
            if doc.text[outer.start:mq.start].strip() == "" and mq.end < outer.end:
                own_start[id(outer)] = max(own_start.get(id(outer), mq.end), mq.end)
            continue
        outer = mq
    return inner, own_start


def _mask(text: str, spans: list[QuoteSpan]) -> str:
    chars = list(text)
    for s in spans:
        if s.block:
            continue
        for i in range(s.open_at, min(s.close_at + 1, len(chars))):  # dialogue ends a text
            if chars[i] != "\n":
                chars[i] = MASK
    return "".join(chars)


# -- what kind of quotation ----------------------------------------------------------------
def _kind(text: str, span: QuoteSpan, para: tuple[int, int]) -> str:
    """'quote' for a candidate quotation, else 'term' (scare quote, label, title)."""
    if span.dialogue:
        return "quote"
    inner = inner_text(text, span)
    words = _WORD.findall(inner)
    if len(words) <= 2 and unspaced_words(inner) <= 2:
        return "quote" if _split_opening(text, span) or _answer_then_attribution(
            text, span, para) or _answer_after_colon(text, span, para) else "term"
    if _heading(text, para):
        return "term"
    before = text[max(para[0], span.open_at - 40):span.open_at]
    if (_NAMING.search(before) or _calls_its_object(before)) and len(words) <= 6:
        return "term"
    if _title_case(words) and (not re.search(r"[.!?]$", inner) or inner.endswith(".")
                               and len(words) >= 4):
        return "term"  # a title, its full stop inside the marks in Chicago's '“Title.” BTA'
    if len(words) <= 5 and modifies_a_noun(text, span, before):
        return "term"
    if len(words) <= ASIDE_WORDS and in_an_aside(text, span, para):
        return "term"
    return "quote"


def _calls_its_object(before: str) -> bool:
    """Whether the text before a quotation ends 'call(s/ing) <what> ': the quotation is the
    name given to it. A speech verb among the words after 'call' ('in a call the minister
    said “…”') makes them a clause, not an object."""
    m = _CALLING_OBJECT.search(before)
    if m is None or (m.group(1) or "").strip().lower() in _CALL_AS_NOUN:
        return False
    return not find_speech_verbs(m.group(2))


def _split_opening(text: str, span: QuoteSpan) -> bool:
    """'“Allah,” he said, “had …' — the first part of a quotation broken by its attribution."""
    if text[span.close_at - 1:span.close_at] not in (",", "—", "…"):
        return False
    after = text[span.close_at + 1:span.close_at + 60]
    m = re.match(r"[^“\"”.!?]{1,40}?[,:]?\s*[“\"]", after)
    return bool(m and find_speech_verbs(m.group(0)))


_ATTRIBUTION_NEXT = re.compile(r"\s*(?:[\w’'\-.]+\s+){0,3}?$")


def _answer_then_attribution(text: str, span: QuoteSpan, para: tuple[int, int]) -> bool:
    """'“Forty-one,” he says.', '“Yes,” said Dame Harriet.' — a sentence that opens with a
    short quotation ending in a comma (or ! ?) and goes straight on to its speaker and verb
    (or its verb and speaker): speech, not a scare quote."""
    if text[span.close_at - 1:span.close_at] not in (",", "!", "?"):
        return False
    before = text[max(para[0], span.open_at - 3):span.open_at].rstrip()
    if before and before[-1] not in ".!?”\"":
        return False
    after = text[span.close_at + 1:span.close_at + 40]
    verb = next(iter(find_speech_verbs(after)), None)
    return bool(verb and _ATTRIBUTION_NEXT.match(after[:verb.start()]))


def _answer_after_colon(text: str, span: QuoteSpan, para: tuple[int, int]) -> bool:
    """'His answer was one word: “No.”' — a short quotation that is a whole sentence of its
    own (its closing punctuation inside the marks) after a colon is an answer, not a label."""
    if text[span.close_at - 1:span.close_at] not in (".", "!", "?", "…"):
        return False
    before = text[max(para[0], span.open_at - 3):span.open_at].rstrip()
    after = text[span.close_at + 1:min(para[1], span.close_at + 3)].lstrip()
    return before.endswith(":") and (not after or after[0].isupper())


_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)$")
HEADING_LIMIT = 1000  # characters: fifteen words and a citation in parentheses fit in far less


def _heading(text: str, para: tuple[int, int]) -> bool:
    """A short line without closing punctuation. A citation in parentheses after the last
    sentence ('… to hell.” (UN News)') is not part of how the line ends."""
    if para[1] - para[0] > HEADING_LIMIT:
        return False  # read once per quotation: a long paragraph is never read whole here
    body = _TRAILING_PARENS.sub("", text[para[0]:para[1]].strip())
    words = body.split()
    # a note's marker in brackets after the full stop ('… case”.[1]') is not how it ends
    return len(words) <= 15 and not re.search(r"[.!?:][\"”’)\]]*(?:\d{0,3}|\[\^?\w{1,4}\])$", body) \
        and body[:1].isupper() and "\n" not in body and not re.search(
            r"\b(?:said|says|told|added|stated|wrote)\b", body)


def _title_case(words: list[str]) -> bool:
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(words) <= 8 and bool(significant) and all(w[:1].isupper() for w in significant)


def _a_paragraph_of_speech(text: str, span: QuoteSpan, para: tuple[int, int]) -> bool:
    """Whether a quotation is its paragraph's whole text and ends as spoken sentences do (a
    title on a line of its own, 'Palestine: The Main Source of …', does not)."""
    return span.open_at == para[0] and not text[span.close_at + 1:para[1]].strip(" .,;:!?") \
        and text[span.close_at - 1:span.close_at] in (".", "!", "?", ",")


class _BareSentence:
    """Where a sentence has words besides its quotations, read once however many quotations
    it holds: before a quotation, and after it once citations in parentheses are set aside."""

    def __init__(self, masked: str, sent: tuple[int, int]) -> None:
        self.words = [m.start() for m in _NOT_BARE.finditer(masked, sent[0], sent[1])]
        unbracketed = _PARENTHESES.sub(lambda m: " " * len(m.group(0)), masked[sent[0]:sent[1]])
        self.words_unbracketed = [sent[0] + m.start() for m in _NOT_BARE.finditer(unbracketed)]

    def alone(self, span: QuoteSpan) -> bool:
        """Whether the sentence is the quotation and nothing else (markers and the citation
        in parentheses after it aside: '“…” (Khaneh Mellat, December 31, 2017).')."""
        return bisect.bisect_left(self.words, span.open_at) == 0 and bisect.bisect_right(
            self.words_unbracketed, span.close_at) == len(self.words_unbracketed)


_NOT_BARE = re.compile(r"[^\d\s.,;:!?¤\[\]()*^]")
_PARENTHESES = re.compile(r"\([^()¤]{1,200}\)")


def _continuation(finder: SpeakerFinder, earlier: list[QuoteSpan], span: QuoteSpan,
                  sent: tuple[int, int], para: tuple[int, int]
                  ) -> tuple[Speaker | None, QuoteSpan | None]:
    """A quotation standing alone after an attributed sentence keeps that speaker (and,
    when it carries on from a quotation of that speaker, that quotation's sources). Opening
    its paragraph, it carries on the paragraph before when that one ends in a colon ('He told
    the crowd:') or in a quotation and its short attribution ('“…,” he said.')."""
    speaker = finder.previous_speaker(span.open_at, span.paragraph)
    if speaker is None and span.paragraph > 0 and sent[0] == finder.paragraph_start:
        intro = finder.text[max(0, sent[0] - 200):sent[0]].rstrip()
        if intro.endswith(":"):
            speaker = finder.previous_speaker(span.open_at, span.paragraph - 1)
        if speaker is None:
            speaker = _attributed_before(finder.text, para, earlier, span)
    if speaker is None:
        return None, None
    same = None
    for q in reversed(earlier):
        if q.paragraph < span.paragraph:
            break
        if q.paragraph == span.paragraph and q.close_at < span.open_at and \
                q.speaker is not None and q.speaker.name == speaker.name:
            same = q
            break
    return Speaker(speaker.name, speaker.person, "continuation"), same


_NEXT_SENTENCE = re.compile(r"[.!?]\s+\S")


def _attributed_before(text: str, para: tuple[int, int], earlier: list[QuoteSpan],
                       span: QuoteSpan) -> Speaker | None:
    """The speaker of the quotation closing the paragraph before, when that paragraph ends with
    it and its short attribution ('“…,” he said.') and this paragraph is only the quotation."""
    if not earlier or span.open_at != para[0] or \
            text[span.close_at + 1:para[1]].strip(" .,;:!?"):
        return None
    last = earlier[-1]
    if last.paragraph != span.paragraph - 1 or last.speaker is None or last.block:
        return None
    tail = text[last.close_at + 1:span.open_at].strip()
    if len(tail.split()) > 8 or _NEXT_SENTENCE.search(tail) or any(
            mark in tail for mark in OPENERS + CLOSERS + '"') or not find_speech_verbs(tail):
        return None
    return last.speaker


_PARAGRAPH_TAIL = 8  # characters a paragraph may hold after a pull quote's closing mark


def _dash_attribution(finder: SpeakerFinder, text: str, span: QuoteSpan,
                      para: tuple[int, int]) -> Speaker | None:
    """A pull quote outside <blockquote> ('Quote of the week' boxes): a paragraph that is one
    quotation, then a '— Name, role' line, names its speaker like a block's attribution."""
    # only the paragraph's last few characters are read: a sentence may hold thousands of quotes
    if para[1] - span.close_at > _PARAGRAPH_TAIL or text[span.close_at + 1:para[1]].strip():
        return None
    m = _DASH_LINE.match(text, span.close_at + 1)
    return _attribution_speaker(finder, m.group(1), span.start) if m else None


def _attribution_speaker(finder: SpeakerFinder, attribution: str, at: int) -> Speaker:
    """The speaker an attribution line names: '— Gloria Nakamura, finance director' (the words
    before a comma or a parenthesis)."""
    name = re.split(r",|\(", attribution)[0].strip()
    bare = strip_titles(name)  # '— Ayatollah Sobhanizadeh': the person named in full before
    full = finder.names.full_name(bare, at)
    return Speaker(full if full != bare else finder.names.full_name(name, at), True, "name")


def _sentence_start(text: str, start: int, pos: int) -> int:
    """Where the sentence holding pos starts, reading back no further than `start` (the
    paragraph's start) and no further than an introduction may reach."""
    lo = max(start, pos - INTRO_REACH)
    before = sentences(text, lo, pos)
    return before[-1][0] if before else lo


_SO_SPOKE = re.compile(r"(?:So|Thus)\s+([a-z]+)\s")


def _attribute_block_after(finder: SpeakerFinder, text: str, span: QuoteSpan,
                           paras: list[tuple[int, int]]) -> None:
    """'So wrote the Dutch minister, Pieter-Jan de Wolff, in a post on X.' — a paragraph
    right after a block that opens by saying who spoke it names its speaker, and the
    sentence's own link is the block's source."""
    n = span.paragraph + 1
    while n < len(paras) and paras[n][0] <= span.close_at:
        n += 1
    if n >= len(paras):
        return
    start = paras[n][0]
    m = _SO_SPOKE.match(text, start)
    if not m or not find_speech_verbs(m.group(1)):
        return
    first = sentences(text, start, paras[n][1])[0]
    speaker = finder.later_speaker(m.end(), first[1])
    if speaker is not None:
        span.speaker, span.outer_end = speaker, first[1]


def _attribute_block(finder: SpeakerFinder, text: str, span: QuoteSpan,
                     paras: list[tuple[int, int]], para_ends: list[int],
                     candidates: list[QuoteSpan]) -> None:
    """A blockquote's speaker: its own attribution line, else the sentence introducing it."""
    if span.attribution:
        span.speaker = _attribution_speaker(finder, span.attribution, span.start)
    else:
        n = paragraph_before(para_ends, span.open_at)
        if n is not None:
            intro = paras[n]
            speaker = finder.previous_speaker(span.open_at, n)
            intro_text = text[intro[0]:intro[1]].rstrip()
            if speaker is None and intro_text.endswith(":"):
                # 'The department replied by email:' — the subject of the introducing clause
                colon = intro[0] + len(intro_text) - 1
                opening = _sentence_start(text, intro[0], colon)
                speaker = finder.intro_subject(opening, colon, n)
                if speaker is None and POINTING_BACK.match(text, opening) and opening > intro[0]:
                    # 'X put it in a sermon. This is the passage students repeat:' — X's
                    before = _sentence_start(text, intro[0], opening - 1)
                    speaker = finder.intro_subject(before, opening, n)
            if speaker and re.search(r"[:,]\s*$", intro_text):
                span.speaker = speaker
        if span.speaker is None:
            _attribute_block_after(finder, text, span, paras)
    if span.speaker is not None:
        candidates.append(span)
        finder.record(span.open_at, span.speaker, span.paragraph)
