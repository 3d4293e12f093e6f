"""A quotation's editorial marks, read into a pattern the matcher can look for.

Honest quoting changes a source's words in a few agreed ways: an ellipsis omits words, square
brackets insert an editor's words ("[sic]", "[i.e., terrorism]") or replace the source's
("[Israel]" for "it", "[t]he" for "The"), and a note says emphasis was added, what a lawyer
left out ("(citation omitted)", "(cleaned up)") or how the audience took it ("(Laughter)"). A quote becomes segments of literal words, with a gap between
two segments saying how many source words may stand there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .interruptions import REACTION_RUN
from .normalize import joinable, tokenize

# How far apart the fragments around an ellipsis may be, in source words, per word of the
# shorter fragment: a one-word fragment may not be fetched from far away.
ELLIPSIS_WORDS_PER_WORD = 12
ELLIPSIS_MAX_WORDS = 150
BRACKET_MAX_EXTRA_WORDS = 3  # a bracketed replacement stands for up to its length + this
# An ellipsis standing for a few words, one of them a negation ("We will … surrender" for "We
# will not surrender"), reverses the meaning instead of shortening the quote. Longer omissions
# (a sentence that happens to hold a "not") are ordinary.
NEGATION_OMISSION_MAX_WORDS = 3
NEGATIONS = frozenset({
    "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "cannot",
    "t",  # don't, won't, isn't: the apostrophe splits "n't" into "n" and "t"
    "ne", "pas", "jamais", "nunca", "nicht", "kein", "keine", "keinen", "nie", "не", "нет",
    "никогда", "لا", "لن", "لم", "ليس", "نه", "هرگز", "نمی", "不", "没", "未",
})

QUOTE_MARKS = "\"'“”‘’„‟‚‛«»‹›「」『』〝〞＂"
# "(emphasis added)", "[italics mine]", and the British "(my emphasis)", "(our italics)".
_EMPHASIS = re.compile(
    r"[\[(]\s*(?:emphasis|italics|italic|underlining|underline|bold|bolding|stress)"
    r"\s+(?:added|mine|supplied|ours|in\s+(?:the\s+)?original)\s*[\])]"
    r"|[\[(]\s*(?:my|our)\s+(?:emphasis|italics|underlining)\s*[\])]"
    r"|[,;:.]?\s*\b(?:emphasis|italics)\s+(?:added|mine|supplied|in\s+(?:the\s+)?original)\.?\s*$",
    re.I)
_SIC = re.compile(r"\(\s*sic!?\s*\)", re.I)
# A lawyer's notes of what the quoter changed: "(cleaned up)", "(citation omitted)",
# "(internal quotation marks and citations omitted)", "(alteration in original)".
_OMITTED = r"(?:internal\s+)?(?:citations?|quotation\s+marks|quotations?|footnotes?|brackets|" \
           r"alterations?|punctuation|ellipses)"
_LEGAL_NOTE = re.compile(
    rf"[\[(]\s*(?:cleaned\s+up|{_OMITTED}(?:\s*(?:,|and|,\s*and)\s*{_OMITTED})*\s+"
    r"(?:omitted|in\s+(?:the\s+)?original))\s*[\])]", re.I)
# "(Laughter)", "(Applause.)": a quoter's note of the audience, in the parentheses square
# brackets would read as words of the editor's standing for the source's (see _gap_for); it
# opens with a reaction, not with one of the words that join them ("(and)" is a word).
_AUDIENCE_NOTE = re.compile(
    rf"\(\s*(?!(?:and|from|the)\b){REACTION_RUN}\s*[.!]?\s*\)", re.I)
# "[t]he", "[T]hey", "Pal[e]stine": letters replacing the source's letters, kept as letters.
_LETTERS_IN_WORD = re.compile(r"\[(\w{1,3})\](?=\w)")
# "government[s]", "support[ed]", "Hamas[’s]": an ending the editor changed.
_CHANGED_ENDING = re.compile(r"(?<=\w)\[[^\[\]\s]{1,6}\](?!\w)")
# Japanese and Korean mark an omission with a word in brackets: （中略） "middle omitted",
# （略）, （前略）/（後略） at a quote's start or end; Korean (중략), (하략), (상략).
_OMISSION_WORDS = r"[前中後后]?略|[중하상]략"
_MARK = re.compile(
    r"(?P<ellipsis>[\[(（［〔【]\s*(?:…+|\.\s?\.\s?\.|" + _OMISSION_WORDS + r")\s*[\])）］〕】]"
    r"|…+|\.(?:\s?\.){2,})"
    r"|(?P<bracket>\[[^\[\]]{1,120}\])"
    r"|(?P<open_end>\ue010)")
_INSERTION_ONLY = re.compile(
    r"^\s*(?:sic|sic!|emphasis|italics|i\.\s?e\.|e\.\s?g\.|ed\.|editor|translator|trans\.|"
    r"original|sic\b|footnote|citation|laughter|applause|inaudible|crosstalk)", re.I)


@dataclass
class Segment:
    """Words that must appear contiguously in the source, in order."""

    words: list[str]  # normalised
    surface: list[str]  # as written in the quote, for diffs
    open_end: bool = False  # the last word may continue in the source ("support[ed]")
    loose: frozenset[int] = frozenset()  # joints (see below) that may be run together: "1,500"

    @property
    def joints(self) -> frozenset[int]:
        """Where one word ends and the next starts, as offsets into the words run together."""
        offsets, total = [], 0
        for word in self.words[:-1]:
            total += len(word)
            offsets.append(total)
        return frozenset(offsets)


@dataclass
class Gap:
    """Source words allowed between two segments."""

    low: int
    high: int
    kind: str  # "ellipsis", "bracket", "join"
    surface: str  # the editorial mark as written
    negates: bool = False  # a bracket whose words hold a negation ("[not]", "[never]")


def hides_negation(gap: Gap, omitted: list[str], *, attached: bool = False) -> bool:
    """Whether an editorial mark turns the sentence around: an ellipsis standing for a few
    words that include a negation, or for a longer stretch opening or closing with the
    negation of a word it keeps (`attached`, see negation_attached: "We did … lose" for "We did
    not, whatever you may have read, lose"), or a bracket putting a negation where the source
    has none ("would [not] have") or standing for a negation without one. A bracket clarifies
    or replaces a referent; it never reverses what was said."""
    if gap.kind == "bracket":
        negated = not NEGATIONS.isdisjoint(omitted)
        return gap.negates and not negated or \
            negated and not gap.negates and len(omitted) <= NEGATION_OMISSION_MAX_WORDS
    return gap.kind == "ellipsis" and bool(omitted) and \
        (attached or len(omitted) <= NEGATION_OMISSION_MAX_WORDS) and \
        not NEGATIONS.isdisjoint(omitted)


# "not only … but also", "not least": a negation opening an omission that negates nothing kept.
_NOT_NEGATING = frozenset({"only", "just", "merely", "simply", "least", "to", "that"})


def negation_attached(omitted: list[str], space_before: bool, space_after: bool) -> bool:
    """Whether an omission opens with a negation joined to the word kept before it by nothing
    but spacing (no punctuation: the same clause), or closes with one so joined to the word
    kept after it: dropping it, however long the omission, reverses the word kept."""
    if not omitted:
        return False
    opens = space_before and omitted[0] in NEGATIONS and \
        (len(omitted) < 2 or omitted[1] not in _NOT_NEGATING)
    return opens or space_after and omitted[-1] in NEGATIONS


@dataclass
class QuotePattern:
    """A quote as segments of literal words separated by gaps."""

    text: str  # the quote with editorial notes removed, for language detection
    segments: list[Segment] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)  # gaps[i] lies between segments i and i+1

    @property
    def words(self) -> list[str]:
        return [w for s in self.segments for w in s.words]

    @property
    def surface(self) -> list[str]:
        return [w for s in self.segments for w in s.surface]

    def __len__(self) -> int:
        return sum(len(s.words) for s in self.segments)


def parse_quote(quote: str) -> QuotePattern:
    """Read a quote's ellipses, brackets and emphasis notes into segments and gaps."""
    text = quote.strip().strip(QUOTE_MARKS).strip()
    text = _EMPHASIS.sub(" ", text)
    text = _SIC.sub(" ", text)
    text = _LEGAL_NOTE.sub(" ", text)
    text = _AUDIENCE_NOTE.sub(" ", text)
    text = _LETTERS_IN_WORD.sub(r"\1", text)
    text = _CHANGED_ENDING.sub("\ue010", text)
    pieces: list[tuple[str, str]] = []  # ("text", words) or (mark kind, surface)
    position = 0
    for m in _MARK.finditer(text):
        pieces.append(("text", text[position:m.start()]))
        kind = m.lastgroup or "bracket"
        pieces.append((kind, m.group()))
        position = m.end()
    pieces.append(("text", text[position:]))

    pattern = QuotePattern(text=_MARK.sub(" ", text).replace("\ue010", ""))
    pending: Gap | None = None
    for kind, value in pieces:
        if kind == "text":
            tokens = tokenize(value)
            if not tokens.words:
                continue
            surface = [value[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)]
            loose, offset = set(), 0
            for i, word in enumerate(tokens.words[:-1]):
                offset += len(word)
                if joinable(surface[i], value[tokens.ends[i]:tokens.starts[i + 1]],
                            surface[i + 1]):
                    loose.add(offset)
            if pending is not None and pattern.segments:
                pattern.gaps.append(pending)
            elif pattern.segments:
                pattern.gaps.append(Gap(0, 0, "join", ""))
            pattern.segments.append(Segment(tokens.words, surface, False, frozenset(loose)))
            pending = None
        elif kind == "open_end":
            if pattern.segments and pending is None:
                pattern.segments[-1].open_end = True
                pending = Gap(0, 0, "join", "")
        else:
            gap = _gap_for(kind, value)
            if pending is None:
                pending = gap
            else:  # consecutive marks: their allowances add up
                pending = Gap(pending.low + gap.low, pending.high + gap.high,
                              "ellipsis" if "ellipsis" in (pending.kind, gap.kind) else gap.kind,
                              f"{pending.surface} {gap.surface}".strip())
    _limit_ellipses(pattern)
    return pattern


def _gap_for(kind: str, surface: str) -> Gap:
    if kind == "ellipsis":
        return Gap(0, ELLIPSIS_MAX_WORDS, "ellipsis", "…")
    content = surface[1:-1]
    if _INSERTION_ONLY.match(content):
        return Gap(0, 0, "bracket", surface)
    words = tokenize(content).words
    return Gap(0, len(words) + BRACKET_MAX_EXTRA_WORDS, "bracket", surface,
               not NEGATIONS.isdisjoint(words))


def _limit_ellipses(pattern: QuotePattern) -> None:
    """Fragments around an ellipsis must be close: the shorter the fragment, the closer."""
    fragments: list[int] = [0]  # word count of each ellipsis-separated fragment
    owner: list[int] = []  # fragment index of each segment
    for i, segment in enumerate(pattern.segments):
        if i and pattern.gaps[i - 1].kind == "ellipsis":
            fragments.append(0)
        fragments[-1] += len(segment.words)
        owner.append(len(fragments) - 1)
    for i, gap in enumerate(pattern.gaps):
        if gap.kind == "ellipsis":
            shorter = min(fragments[owner[i]], fragments[owner[i + 1]])
            gap.high = min(ELLIPSIS_MAX_WORDS, ELLIPSIS_WORDS_PER_WORD * shorter)
