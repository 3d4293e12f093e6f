"""Where a quotation citing nothing of its own was read, from the sentences around it (the
holdout15 round): the news outlet its paragraph credited 'according to', the citation sentence
after it, the document it quotes named again with its link, and a quotation set as a paragraph
of its own under a colon."""

from __future__ import annotations

import re

from ..models import Citation
from .outletvocab import is_outlet
from .quoteevidence import Sources
from .quotespans import QuoteSpan

# 'A recount has been requested, according to the PA news agency. The returning officer said
# the recount would “…”': an agency credited for a paragraph's news is where its words were read
_ACCORDING_BEFORE = re.compile(r"\b(?:[Aa]ccording to|[Ss]egún|[Ss]elon|[Ss]egundo|[Ss]econdo)"
                               r"\s+(?:the\s+|l['’]|la\s+|el\s+|le\s+|o\s+|a\s+)?$")


def according_earlier(text: str, src: Sources, span: QuoteSpan,
                       para: tuple[int, int]) -> list[int]:
    """A quotation citing nothing rests on the outlet its paragraph named 'according to'."""
    return [n for n in src.named(para[0], span.open_at)
            if _ACCORDING_BEFORE.search(text, max(0, src.citations[n].offset - 20),
                                        src.citations[n].offset)
            and _reports_news(text, src.citations[n])][-1:]


# (an outlet's reporting covers its paragraph; 'according to the Bureau of Statistics' a figure)
_NEWS_NOUN_AFTER = re.compile(r"[\w’'\s,]{0,40}?\b(?:news\s+agency|newspaper|broadcaster|wire\s+service|"
                              r"which\s+reported)\b")


def _reports_news(text: str, citation: Citation) -> bool:
    outlet = citation.outlet or ""
    return is_outlet(outlet) or bool(_NEWS_NOUN_AFTER.match(text, citation.offset + len(outlet)))


# A legal or academic citation sentence after the proposition it supports: 'Nat'l Research
# Council, Identifying the Culprit 108 (2014), https://doi.org/…' — a work and its year in
# parentheses, no verb of its own (Bluebook puts the source after the sentence it supports).
_CITATION_SENTENCE = re.compile(r"\s*(?:(?:See(?:\s+also)?|Cf\.|Accord),?\s+)?[A-Z][^\n]{0,300}?"
                                r"\((?:[A-Z][\w.]*\s+)?(?:1[89]|20)\d\d\)")


def citation_sentence_after(text: str, src: Sources, sent: tuple[int, int],
                             next_sentence: dict[tuple[int, int], tuple[int, int]]) -> list[int]:
    """The link of the citation sentence right after the quotation's sentence."""
    after = next_sentence.get(sent)
    if after is None or not _CITATION_SENTENCE.match(text, after[0], after[1]):
        return []
    return src.links(*after)


_DEFINITE = re.compile(r"\s*(?:The|This|That|La|Il|Lo|El|Le|O|A|Der|Die|Das)\s+([^\W\d_]+)")


def named_again_after(text: str, src: Sources, span: QuoteSpan, sent: tuple[int, int],
                       next_sentence: dict[tuple[int, int], tuple[int, int]]) -> list[int]:
    """'una relazione tecnica aveva segnalato «…». La relazione è ancora consultabile sul
    [sito](…)': the next sentence names the document quoted again and links it."""
    speaker = span.speaker
    after = next_sentence.get(sent)
    if speaker is None or speaker.person or after is None:
        return []
    m = _DEFINITE.match(text, after[0], after[1])
    if m is None or m.group(1).lower() not in speaker.name.lower().split():
        return []
    return src.links(*after)


def whole_paragraph(text: str, span: QuoteSpan, para: tuple[int, int]) -> bool:
    """A quotation that is its paragraph ('> “…”' under 'The page reads:'), set as a block."""
    return span.open_at == para[0] and not text[span.close_at + 1:para[1]].strip(" .,;")
