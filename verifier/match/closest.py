"""The closest passage to a quote a page does not hold exactly, its score and word diff.

It is found in two steps: candidate places are voted for by the quote's rarer words (one pass
over the page), and only a few short windows are aligned word by word with rapidfuzz, so the
cost stays linear in the page's length; a window holding the quote's words in another order
counts as close too.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, product

from rapidfuzz.distance import Indel

from ..models import DiffOp
from .editorial import ELLIPSIS_MAX_WORDS, NEGATIONS, Gap, QuotePattern, hides_negation
from .passages import PreparedPage, attached, exact_spans

CANDIDATES = 3  # places aligned word by word
FUZZY_SCORE_CAP = 0.99  # a fuzzy passage is never "verified", however close
EDGE_EXTRA_WORDS = 1  # a word replaced at a passage's edge may stand for one more
EDGE_BLOCKS = 16  # an alignment's runs of matching blocks scored from each end (see _align)
# A passage with the quote's words in another order is close, never the same: its score is
# the words' overlap discounted by this, so a perfect reordering scores 0.9.
ORDER_FREE_WEIGHT = 0.9


def passage_at(pattern: QuotePattern, page: PreparedPage, first: int, last: int) -> Passage:
    """The given span of the page as a passage for the quote: its score and word diff."""
    free, marks = _free_insertions(pattern)
    score, diff = _diff(pattern, page, first, last, free, marks)
    return Passage(first, last, min(score, FUZZY_SCORE_CAP), diff)


# -- closest passage ----------------------------------------------------------------------


@dataclass
class Passage:
    """The closest passage to a quote: a word span of the page, its score and the diff."""

    first: int
    last: int
    score: float
    diff: list[DiffOp]


def _free_insertions(pattern: QuotePattern) -> tuple[list[int], dict[int, Gap]]:
    """Source words allowed before each quote word (at editorial gaps), and the gaps there."""
    free = [0] * (len(pattern) + 1)
    marks: dict[int, Gap] = {}
    position = 0
    for i, segment in enumerate(pattern.segments):
        if i:
            gap = pattern.gaps[i - 1]
            free[position] = gap.high
            marks[position] = gap
        position += len(segment.words)
    return free, marks


def _candidates(words: list[str], page: PreparedPage, width: int) -> list[tuple[int, int]]:
    """Word spans where the quote's words cluster, best first; rare words weigh most."""
    index = page.index()
    wanted = Counter(words)
    present = {w: index[w] for w in wanted if w in index}
    if not present:
        return []
    total = len(page.tokens)
    # Very common words only add noise and cost; keep them when nothing rarer is there.
    common = max(64, total // 50)
    voters = {w: p for w, p in present.items() if len(p) <= common}
    if sum(wanted[w] for w in voters) < min(3, len(words)):
        voters = present
    weight = {w: 1.0 / math.log2(2 + len(p)) for w, p in voters.items()}
    hits = sorted((pos, w) for w, positions in voters.items() for pos in positions)
    in_window: Counter[str] = Counter()
    cover = 0.0
    left = 0
    scored: list[tuple[float, int, int]] = []
    for pos, word in hits:
        if in_window[word] < wanted[word]:
            cover += weight[word]
        in_window[word] += 1
        while hits[left][0] <= pos - width:
            gone = hits[left][1]
            in_window[gone] -= 1
            if in_window[gone] < wanted[gone]:
                cover -= weight[gone]
            left += 1
        scored.append((cover, hits[left][0], pos))
    scored.sort(key=lambda s: -s[0])
    chosen: list[tuple[int, int]] = []
    for _cover, first, last in scored:
        if all(last < a - width // 2 or first > b + width // 2 for a, b in chosen):
            chosen.append((first, last))
            if len(chosen) == CANDIDATES:
                break
    return chosen


def _score(matched: int, quote_words: int, passage_words: int, discount: int) -> float:
    denominator = quote_words + passage_words - discount
    return 2.0 * matched / denominator if denominator > 0 else 0.0


def _align(words: list[str], window: list[str], free: list[int]) -> tuple[int, int, float]:
    """The best sub-span [first, last) of the window for the quote, and its score.

    Outlying blocks of the alignment are dropped several at a time, not only one by one: the
    alignment may match a quote's first words ("the chancellor has") to an earlier occurrence
    of them ("the shadow chancellor ... has"), several blocks away from the rest, and no
    single drop improves on that. Every run of blocks starting and ending near the edges is
    scored (a bounded number), then single drops go on while they help."""
    blocks = [(op.src_start, op.src_end, op.dest_start, op.dest_end)
              for op in Indel.opcodes(words, window) if op.tag == "equal"]
    if not blocks:
        return 0, 0, 0.0
    matched = [0, *accumulate(b[1] - b[0] for b in blocks)]
    discounts = [0, *accumulate(
        min(nxt[2] - prev[3], free[nxt[0]]) if nxt[0] == prev[1] else 0
        for prev, nxt in zip(blocks, blocks[1:], strict=False))]

    def score_of(i: int, j: int) -> float:
        return _score(matched[j + 1] - matched[i], len(words), blocks[j][3] - blocks[i][2],
                      discounts[j] - discounts[i])

    last = len(blocks) - 1
    best, i, j = max((score_of(i, j), i, j) for i in range(min(EDGE_BLOCKS, last + 1))
                     for j in range(max(i, last + 1 - EDGE_BLOCKS), last + 1))
    while i < j:  # drop outlying blocks (a stray "the" far away) while that helps
        drop_first, drop_last = score_of(i + 1, j), score_of(i, j - 1)
        if max(drop_first, drop_last) <= best:
            break
        if drop_first >= drop_last:
            i, best = i + 1, drop_first
        else:
            j, best = j - 1, drop_last
    return blocks[i][2], blocks[j][3], best


def closest_passage(pattern: QuotePattern, page: PreparedPage) -> Passage | None:
    """The page's passage closest to the quote, scored 0..1 by word-level similarity."""
    words = pattern.words
    free, marks = _free_insertions(pattern)
    allowance = min(sum(free), 4 * len(words) + 40)
    width = len(words) + allowance + len(words) // 4 + 2
    slack = len(words) // 2 + 3
    best: tuple[float, int, int] | None = None
    regions = []
    for first_hit, last_hit in _candidates(words, page, width):
        lo = max(0, first_hit - slack)
        hi = min(len(page.tokens), last_hit + 1 + slack)
        regions.append((lo, hi))
        first, last, score = _align(words, page.tokens.words[lo:hi], free)
        if last > first and (best is None or score > best[0]):
            best = (score, lo + first, lo + last)
    if best is None:
        return None
    first, last = _grow(words, page.tokens.words, best[1], best[2])
    first, last = _take_replaced_edges(words, page, first, last)
    # an edge taken in may reach the quote's own words beyond it ("The company told" for "The
    # company did not tell", whose "The company" the alignment had dropped as outlying)
    first, last = _grow(words, page.tokens.words, first, last)
    score, diff = _diff(pattern, page, first, last, free, marks)
    # a reordering scores at most ORDER_FREE_WEIGHT: no need to look when the passage is closer
    reordered = None
    if score < ORDER_FREE_WEIGHT:
        found = [_reordered(words, page.tokens.words, regions)]
        if any(gap.kind == "ellipsis" for gap in pattern.gaps):
            found.append(_fragments_swapped(pattern, page))
        # the higher score; on a tie, the reordering (max keeps the first)
        reordered = max((r for r in found if r is not None), key=lambda r: r[0], default=None)
    if reordered is not None and reordered[0] > score:
        score, first, last = reordered
        diff = _diff(pattern, page, first, last, free, marks)[1]
    return Passage(first, last, min(score, FUZZY_SCORE_CAP), diff)


# A fragment this long, found word for word, is the source's own words, not a chance match.
SWAPPED_FRAGMENT_MIN_WORDS = 5
# Arrangements of the fragments' occurrences weighed in all: a quote of many ellipses weighs
# fewer occurrences of each, so its cost stays bounded (8 each for two fragments, 2 for nine).
SWAPPED_ARRANGEMENTS_MAX = 512


def _fragments_swapped(pattern: QuotePattern, page: PreparedPage
                       ) -> tuple[float, int, int] | None:
    """A quote whose ellipsis joins two of the source's passages in the reverse of their
    order ("B ... A"): every fragment is found word for word, near the others, but not in the
    quote's order. The words are the speaker's, their order is not: close as a perfect
    reordering is (ORDER_FREE_WEIGHT), never the same. The stretch from the first fragment to
    the last is the passage."""
    fragments = _ellipsis_fragments(pattern)
    if any(len(fragment) < SWAPPED_FRAGMENT_MIN_WORDS for fragment in fragments):
        return None
    places = []
    per_fragment = max(1, int(SWAPPED_ARRANGEMENTS_MAX ** (1 / len(fragments))))
    for fragment in fragments:
        spans = [(s.first, s.last) for s in exact_spans(fragment, page) if not s.hides_negation]
        if not spans:
            return None
        places.append(spans[:per_fragment])
    # the arrangement reading most compactly: a fragment repeated in a headline is far away
    chosen = min(product(*places), key=lambda combo: max(s[1] for s in combo) -
                 min(s[0] for s in combo))
    first, last = min(s[0] for s in chosen), max(s[1] for s in chosen)
    in_order = all(a[1] <= b[0] for a, b in zip(chosen, chosen[1:], strict=False))
    if in_order or last - first > len(pattern) + ELLIPSIS_MAX_WORDS:
        return None
    return ORDER_FREE_WEIGHT, first, last


def _ellipsis_fragments(pattern: QuotePattern) -> list[QuotePattern]:
    """The quote's parts between its ellipses, each with its own brackets."""
    fragments, start = [], 0
    for i, gap in enumerate([*pattern.gaps, None]):
        if gap is None or gap.kind == "ellipsis":
            fragments.append(QuotePattern(pattern.text, pattern.segments[start:i + 1],
                                          pattern.gaps[start:i]))
            start = i + 1
    return fragments


def _reordered(words: list[str], page_words: list[str], regions: list[tuple[int, int]]
               ) -> tuple[float, int, int] | None:
    """The stretch about the quote's length holding most of its words in any order, and its
    discounted overlap score: a quote whose clauses were swapped is close, though an
    alignment in order sees only the longer clause. Scattered words fill no such stretch.

    The stretch may be a quarter longer than the quote, for a quote that also left words out."""
    wanted = Counter(words)
    size = len(words) + len(words) // 4 + 1
    best: tuple[int, int, int] | None = None  # (words in common, first, last)
    for lo, hi in regions:
        have: Counter[str] = Counter()
        common = 0
        for i in range(lo, hi):
            word = page_words[i]
            if word in wanted:
                have[word] += 1
                common += have[word] <= wanted[word]
            gone = i - size
            if gone >= lo and page_words[gone] in wanted:
                out = page_words[gone]
                common -= have[out] <= wanted[out]
                have[out] -= 1
            if i - lo + 1 >= min(size, hi - lo) and (best is None or common > best[0]):
                best = (common, max(lo, i + 1 - size), i + 1)
    if best is None or not best[0]:
        return None
    common, first, last = best
    # the stretch's edges go while they hold no word the quote still needs: a word it lacks,
    # or one more of a word it has enough of (a stray "that" just before the passage)
    have = Counter(w for w in page_words[first:last] if w in wanted)

    def spare(word: str) -> bool:
        if have[word] <= wanted[word]:  # a word the quote lacks has neither
            return word not in wanted
        have[word] -= 1
        return True

    while first < last and spare(page_words[first]):
        first += 1
    while first < last and spare(page_words[last - 1]):
        last -= 1
    return ORDER_FREE_WEIGHT * _score(common, len(words), last - first, 0), first, last


def _grow(words: list[str], page_words: list[str], first: int, last: int) -> tuple[int, int]:
    """Take in neighbouring words that continue the quote at either end: an alignment may have
    matched a quote's "the" far away, and trimming then left the adjacent one out."""
    blocks = [op for op in Indel.opcodes(words, page_words[first:last]) if op.tag == "equal"]
    if not blocks:
        return first, last
    lead, trail = blocks[0].src_start, blocks[-1].src_end
    while lead > 0 and first > 0 and page_words[first - 1] == words[lead - 1]:
        first, lead = first - 1, lead - 1
    while trail < len(words) and last < len(page_words) and page_words[last] == words[trail]:
        last, trail = last + 1, trail + 1
    return first, last


def _take_replaced_edges(words: list[str], page: PreparedPage, first: int, last: int
                         ) -> tuple[int, int]:
    """Quote words missing at either end of the passage replaced the source's words there when
    the source's clause goes on (no punctuation): take those in, so that a word changed at an
    edge costs what it costs in the middle, and the diff shows what the source says."""
    blocks = [op for op in Indel.opcodes(words, page.tokens.words[first:last]) if op.tag == "equal"]
    if not blocks:
        return first, last
    most = len(words) - blocks[-1].src_end
    end = last
    if most:
        most += last + EDGE_EXTRA_WORDS
        while end < min(most, len(page.tokens)) and _same_clause(page, end - 1, end):
            end += 1
    least = blocks[0].src_start
    begin = first
    if least:
        least = first - least - EDGE_EXTRA_WORDS
        while begin > max(least, 0) and _same_clause(page, begin - 1, begin):
            begin -= 1
    return begin, end


def _diff(pattern: QuotePattern, page: PreparedPage, first: int, last: int, free: list[int],
          marks: dict[int, Gap]) -> tuple[float, list[DiffOp]]:
    """Word-level diff of quote against passage, and the passage's exact score."""
    words, surface = pattern.words, pattern.surface
    passage = page.tokens.words[first:last]
    ops: list[DiffOp] = []
    matched = discount = 0
    negating = [at for at, gap in marks.items() if gap.negates and gap.kind == "bracket"]
    for op in Indel.opcodes(words, passage):
        if op.tag == "equal":
            matched += op.src_end - op.src_start
            ops.extend(_equal_ops(surface, op.src_start, op.src_end, negating, marks))
        elif op.tag == "delete":
            ops.append(DiffOp("removed", " ".join(surface[op.src_start:op.src_end])))
        else:
            inserted = op.dest_end - op.dest_start
            allowed = free[op.src_start] if 0 < op.src_start < len(words) else 0
            gap = marks.get(op.src_start)
            omitted = passage[op.dest_start:op.dest_end]
            if inserted <= allowed and not (gap and hides_negation(
                    gap, omitted,
                    attached=attached(page, first + op.dest_start, first + op.dest_end))):
                discount += inserted
                ops.append(DiffOp("equal", gap.surface if gap and gap.surface else "…"))
            else:
                if inserted <= allowed and gap:  # an omission hiding a negation: the
                    # negation is the change, the rest an honest omission
                    discount += sum(word not in NEGATIONS for word in omitted)
                ops.append(DiffOp("added", _page_words(page, first + op.dest_start,
                                                       first + op.dest_end)))
    return _score(matched, len(words), len(passage), discount), _tidy(ops)


def _equal_ops(surface: list[str], start: int, end: int, negating: list[int],
               marks: dict[int, Gap]) -> list[DiffOp]:
    """Quote words [start, end) found as they are, with a bracketed negation that stands
    where the source has nothing ("would [not] have") shown as the quote's own words."""
    ops, at = [], start
    for mark in sorted(m for m in negating if start < m < end):
        ops += [DiffOp("equal", " ".join(surface[at:mark])), DiffOp("removed", marks[mark].surface)]
        at = mark
    ops.append(DiffOp("equal", " ".join(surface[at:end])))
    return ops


def _page_words(page: PreparedPage, first: int, last: int) -> str:
    text, starts, ends = page.text, page.tokens.starts, page.tokens.ends
    return " ".join(text[starts[k]:ends[k]] for k in range(first, last))


def _same_clause(page: PreparedPage, left: int, right: int) -> bool:
    """Whether nothing but spacing separates two neighbouring words."""
    between = page.text[page.tokens.ends[left]:page.tokens.starts[right]]
    return not between.strip(" ")


def _tidy(ops: list[DiffOp]) -> list[DiffOp]:
    """Merge neighbours of one kind; a replacement reads "removed" then "added"."""
    merged: list[DiffOp] = []
    for item in ops:
        if merged and merged[-1].op == item.op:
            merged[-1] = DiffOp(item.op, merged[-1].text + " " + item.text)
        elif merged and merged[-1].op == "added" and item.op == "removed":
            merged.insert(len(merged) - 1, item)
        else:
            merged.append(item)
    return merged
