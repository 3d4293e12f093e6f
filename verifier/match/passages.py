"""Finding a quote in a page's words: the page prepared once, and the exact span.

Both sides are compared as normalised words (see normalize.py), so typography never matters.
The exact search looks for every segment of the quote in order within its editorial gaps,
on the page as it is and, failing that, on the page without the words that interrupt its
quotations (see interruptions.py). When it finds nothing, closest.py finds the closest passage.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import accumulate

from ..models import PageText
from .editorial import (
    NEGATIONS,
    QuotePattern,
    Segment,
    hides_negation,
    negation_attached,
)
from .interruptions import interruption_spans
from .normalize import Tokens, joinable, tokenize

SHORT_QUOTE_WORDS = 5  # quotes shorter than this are only ever verified exactly
SHORT_QUOTE_FLOOR = 0.85  # and need at least this score to be partial
LONG_QUOTE_WORDS = 20  # beyond this the floor eases a little: chance cannot align long quotes
LONG_QUOTE_EASING = 0.002  # per word beyond LONG_QUOTE_WORDS
LONG_QUOTE_MAX_EASING = 0.10


def partial_floor(words: int, partial_threshold: float) -> float:
    """The score a quote of this many words needs to be partial: stricter for short quotes."""
    if words < SHORT_QUOTE_WORDS:
        return max(partial_threshold, SHORT_QUOTE_FLOOR)
    easing = min(LONG_QUOTE_MAX_EASING, LONG_QUOTE_EASING * max(0, words - LONG_QUOTE_WORDS))
    return partial_threshold - easing


@dataclass
class PreparedPage:
    """A page's words, laid out for fast exact search and candidate voting."""

    text: str
    tokens: Tokens
    skeleton: str  # all words concatenated: finds a quote across any spacing or hyphenation
    bounds: list[int]  # bounds[i]..bounds[i+1] is word i in the skeleton
    _index: dict[str, list[int]] | None = field(default=None, repr=False)
    _speech: PreparedPage | None = field(default=None, repr=False)
    bare: PreparedPage | None = field(default=None, repr=False)  # see bare.py

    @classmethod
    def of(cls, text: str, tokens: Tokens | None = None) -> PreparedPage:
        tokens = tokenize(text) if tokens is None else tokens
        bounds = [0, *accumulate(map(len, tokens.words))]
        return cls(text, tokens, "".join(tokens.words), bounds)

    def speech_only(self) -> PreparedPage | None:
        """The page without the words that interrupt its quotations (attribution, audience
        notes, inserted link lines: see interruptions.py), when it has any, so a quotation
        joined across them is found whole. Word spans stay those of the page text."""
        if self._speech is None:
            tokens = self.tokens
            dropped: set[int] = set()
            for start, end in interruption_spans(self.text):
                first = bisect.bisect_left(tokens.starts, start)
                dropped.update(range(first, bisect.bisect_right(tokens.ends, end, lo=first)))
            if not dropped:
                self._speech = self
            else:
                kept = [i for i in range(len(tokens)) if i not in dropped]
                self._speech = PreparedPage.of(self.text, Tokens(
                    [tokens.words[i] for i in kept], [tokens.starts[i] for i in kept],
                    [tokens.ends[i] for i in kept]))
        return None if self._speech is self else self._speech

    def index(self) -> dict[str, list[int]]:
        """Word -> positions, built on first need (exact matches never need it)."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            for i, word in enumerate(self.tokens.words):
                positions = index.get(word)
                if positions is None:
                    index[word] = [i]
                else:
                    positions.append(i)
            self._index = index
        return self._index


_PREPARED: OrderedDict[str, PreparedPage] = OrderedDict()
_PREPARED_LOCK = threading.Lock()
_PREPARED_SIZE = 8  # the quotes of one page are usually checked one after another


def prepare(page: PageText) -> PreparedPage:
    """The page's prepared words, cached for the next quotes checked against the same text."""
    with _PREPARED_LOCK:
        found = _PREPARED.get(page.text)
        if found is not None:
            _PREPARED.move_to_end(page.text)
            return found
    prepared = PreparedPage.of(page.text)
    with _PREPARED_LOCK:
        _PREPARED[page.text] = prepared
        while len(_PREPARED) > _PREPARED_SIZE:
            _PREPARED.popitem(last=False)
    return prepared


# -- exact search -----------------------------------------------------------------------


def _occurrences(segment: Segment, page: PreparedPage) -> list[tuple[int, int]]:
    """Word spans [first, last) where the segment's words occur contiguously.

    Words are compared run together, so "hundred-year" finds "hundred year" and a repaired
    "govern-/ment" finds "government"; word breaks may differ only where one side has a hyphen
    ("the rapist" never finds "therapist")."""
    needle = "".join(segment.words)
    skeleton, bounds = page.skeleton, page.bounds
    joints = segment.joints
    found: list[tuple[int, int]] = []
    position = skeleton.find(needle)
    while position != -1:
        first = bisect.bisect_left(bounds, position)
        if bounds[first] == position:
            end = position + len(needle)
            last = bisect.bisect_left(bounds, end)
            if (bounds[last] == end or segment.open_end) and \
                    _same_words(segment, joints, page, first, last, position):
                found.append((first, last))
        position = skeleton.find(needle, position + 1)
    return found


def _same_words(segment: Segment, joints: frozenset[int], page: PreparedPage, first: int,
                last: int, position: int) -> bool:
    """Whether the word breaks of quote and page agree, but where either side may run two
    words together (a hyphen, a digit-group separator: see normalize.joinable)."""
    page_joints = {page.bounds[k] - position: k for k in range(first + 1, last)}
    if joints == page_joints.keys():
        return True
    text, starts, ends = page.text, page.tokens.starts, page.tokens.ends
    for offset, k in page_joints.items():
        if offset not in joints and not joinable(text[starts[k - 1]:ends[k - 1]],
                                                 text[ends[k - 1]:starts[k]],
                                                 text[starts[k]:ends[k]]):
            return False
    return all(offset in segment.loose for offset in joints - page_joints.keys())


@dataclass
class ExactSpan:
    """Where every segment of a quote was found in order: words [first, last) of the page."""

    first: int
    last: int
    hides_negation: bool  # an ellipsis stands for a lone negation: close, not the same


def find_exact(pattern: QuotePattern, page: PreparedPage) -> ExactSpan | None:
    """The most compact word span holding every segment in order within its gaps, if any.

    The most compact span is the reading a reader takes: when an ellipsis there stands for a
    lone negation (see editorial.hides_negation), the span says so."""
    spans = exact_spans(pattern, page)
    return min(spans, key=lambda s: (s.last - s.first, s.hides_negation)) if spans else None


def exact_spans(pattern: QuotePattern, page: PreparedPage) -> list[ExactSpan]:
    """Every place the quote's segments occur in order within their gaps, by where each
    ends: for each end, the span starting latest (the most compact there)."""
    # each reachable occurrence: (first word, last word, first word of its whole chain,
    # whether an ellipsis on the way hides a negation)
    chains = [(first, last, first, False)
              for first, last in _occurrences(pattern.segments[0], page)]
    words = page.tokens.words
    for segment, gap in zip(pattern.segments[1:], pattern.gaps, strict=True):
        if not chains:
            return []
        ends = [chain[1] for chain in chains]  # ascending: occurrences come in order
        extended = []
        for first, last in _occurrences(segment, page):
            lo = bisect.bisect_left(ends, first - gap.high)
            hi = bisect.bisect_right(ends, first - gap.low)
            if lo < hi:
                k = max(range(lo, hi), key=lambda k: (chains[k][2], not chains[k][3]))
                hides = chains[k][3] or hides_negation(
                    gap, words[ends[k]:first], attached=attached(page, ends[k], first))
                extended.append((first, last, chains[k][2], hides))
        chains = sorted(extended, key=lambda c: c[1])
    return [ExactSpan(start, last, hides) for _first, last, start, hides in chains]


def attached(page: PreparedPage, start: int, end: int) -> bool:
    """Whether the omitted words [start, end) hold a negation joined to a kept neighbour (see
    editorial.negation_attached); only ever asked about an omission."""
    tokens = page.tokens
    if not 0 < start < end < len(tokens) or \
            NEGATIONS.isdisjoint((tokens.words[start], tokens.words[end - 1])):
        return False
    text = page.text
    return negation_attached(tokens.words[start:end],
                             not text[tokens.ends[start - 1]:tokens.starts[start]].strip(),
                             not text[tokens.ends[end - 1]:tokens.starts[end]].strip())
