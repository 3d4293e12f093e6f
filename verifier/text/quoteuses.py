"""What a quotation in marks is used as when it is no one's words (the holdout14 round): the
title of a work in a reference-list entry, an adjective between a determiner and its noun
('another “once in a generation” reform'), a message mentioned in an aside; and how many words
a quotation in a script without spaces holds."""

from __future__ import annotations

import re

from .quotespans import QuoteSpan, inner_text
from .speechverbs import AUXILIARIES, find_speech_verbs

# A reference list's entry: 'Ruiz-Calder, Elena. 2023. "Who Misses Out? …" Fiscal Studies',
# 'Bowden, Kate, and Samir Iqbal. 2021.', 'Lanser, S. (1989).', MLA's '---.' for the author
# above; the quotation right after the author (and year) is the work's title.
_ENTRY_OPENING = re.compile(
    r"[*_\-•\s]*(?:(?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+,\s+(?:[A-Z][\w’'\-.]*\s*){1,4}"
    r"(?:,?\s+(?:and|&)\s+[^.()“\"]{3,60})?|-{2,3}|—{1,3})\.?\s+"
    r"(?:\(?(?:19|20)\d\d[a-z]?\)?\.\s+)?[“\"]")


def entry_title(text: str, span: QuoteSpan, para: tuple[int, int]) -> bool:
    """Whether the quotation is the title of a reference-list entry, not anyone's words."""
    m = _ENTRY_OPENING.match(text, para[0], span.open_at + 1)
    return bool(m and m.end() == span.open_at + 1)


_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|another|the|its|their|his|her|our)\s*$", re.I)
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z\-]+)\b")
_NOT_NOUNS = frozenset(("of", "to", "and", "or", "but", "in", "on", "for", "with", "by", "at",
                        "from", "as", "that", "which", "who", "is", "was", "are", "were", "he",
                        "she", "it", "they", "we", "than", "when", "while", "because", "if"))


def modifies_a_noun(text: str, span: QuoteSpan, before: str) -> bool:
    """'another “once in a generation” reform': a short quotation between a determiner and a
    noun is used as an adjective (often in irony), not quoted as anyone's words."""
    inner = inner_text(text, span).rstrip()
    if inner[-1:] in ".,!?;:" or not _DETERMINER_BEFORE.search(before):
        return False
    after = _NOUN_AFTER.match(text, span.close_at + 1)
    return bool(after and after.group(1) not in _NOT_NOUNS | AUXILIARIES
                and not find_speech_verbs(after.group(1)))


ASIDE_WORDS = 4  # a quotation this short in parentheses is mentioned, not quoted


def in_an_aside(text: str, span: QuoteSpan, para: tuple[int, int]) -> bool:
    """'(the ministry's site often answers "too many requests"; try again later)': a few
    quoted words inside a parenthetical aside, neither opening nor closing it, are a message
    or a label mentioned in passing, not anyone's words on record."""
    opened = text.rfind("(", para[0], span.open_at)
    if opened == -1 or text.find(")", opened, span.open_at) != -1:
        return False
    closed = text.find(")", span.close_at, para[1])
    return closed != -1 and bool(text[opened + 1:span.open_at].strip()) and \
        bool(text[span.close_at + 1:closed].strip(" .,;"))


# Scripts written without spaces between words (Chinese, Japanese, Thai): a run of their
# letters is one \w+ match however many words it holds.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
UNSPACED_WORD_LETTERS = 2  # letters of a word in such a script, on average (Chinese: 1.5-2)


def unspaced_words(inner: str) -> int:
    """About how many words a quotation's runs of unspaced script hold: '中方始终致力于劝和促谈'
    is a sentence, not a two-word label."""
    if inner.isascii():
        return 0
    return sum(len(run) // UNSPACED_WORD_LETTERS for run in _UNSPACED.findall(inner))
