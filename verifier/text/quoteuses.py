"""What a quotation in marks is used as when it is no one's words (the holdout14 round): the
title of a work in a reference-list entry, or an adjective between a determiner and its noun
('another “once in a generation” reform')."""

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
