"""One normalisation for both sides of a comparison: the quote and the page it is checked against.

Text becomes a sequence of word tokens (letters, digits and combining marks), each normalised
with NFKC and case folding, with soft hyphens, zero-width and bidi controls, tatweel and
Arabic-script vowel marks and Hebrew points removed, Arabic/Persian letter variants (yeh, kaf,
alef with hamza or madda), Russian ё, Turkish dotted and dotless i, Greek accents and digits
unified, Chinese, Japanese and Thai characters taken one by one (a half-width kana with its
sound mark as one), a number's digit groups joined and its sign kept, "n't" read as "not", and
line-break hyphenation ("govern-\\nment") repaired.
Punctuation (quotation marks, apostrophes, dashes) separates words and is otherwise ignored, so
it can never change a verdict. Each token keeps its character span in the original text, so a
match maps back to a snippet.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

# Invisible characters that may sit inside a word: kept in a token, then deleted from it.
# Zero-width space and non-joiner (the Persian half-space) separate words instead, like a
# hyphen: matching lets either side run such words together.
_IGNORABLE = "\u00ad\u200d\u200e\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069\u0640"
# Modifier letters used as apostrophes or ayn/hamza in transliteration: separators, like "'".
_APOSTROPHE_LETTERS = range(0x02B9, 0x02C0)
# Chinese, Japanese, Thai, Lao, Khmer and Burmese are written without spaces between words
# (Thai sets a space between phrases): each ideograph, kana or letter (a Thai vowel or tone
# mark too) is a word of its own, so a quotation may start or end anywhere in a clause.
_UNSPACED_RANGES = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3005, 0x3007),
                    (0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                    (0xF900, 0xFAFF), (0xFF66, 0xFF9F))
_UNSPACED = "".join(f"{chr(a)}-{chr(b)}" for a, b in _UNSPACED_RANGES) + "\U00020000-\U0003134f"
_LINE_BREAK_HYPHEN = re.compile(r"[-\u2010\u2011][ \t]*\r?\n[ \t]*")


def _word_class() -> str:
    """A regex character class of letters, marks and numbers (Basic Multilingual Plane)."""
    ranges: list[tuple[int, int]] = []
    excluded = {cp for a, b in _UNSPACED_RANGES for cp in range(a, b + 1)}.union(_APOSTROPHE_LETTERS)
    for cp in range(0x10000):
        if cp in excluded or unicodedata.category(chr(cp))[0] not in "LMN":
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
             for a, b in ranges]
    # Supplementary letters: mathematical alphanumerics (NFKC maps them to ASCII).
    parts.append("\U0001d400-\U0001d7ff")
    return "".join(parts) + _IGNORABLE


_WORD = f"[{_word_class()}]"
_TOKEN = re.compile(rf"{_WORD}+(?:[-\u2010\u2011][ \t]*\r?\n[ \t]*{_WORD}+)*")
_SPLIT = re.compile(f"({_TOKEN.pattern})")  # alternating separators and words
# The characters of scripts written without spaces are left out of _WORD, so they fall among
# the separators; a text that has any is split again with them as words of one character.
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
_SPLIT_UNSPACED = re.compile(f"({_TOKEN.pattern}|[{_UNSPACED}])")
# First bytes of those characters in UTF-8 (U+0E00..U+0FFF, U+1000..U+1FFF, U+3000..U+9FFF,
# U+F000..U+FFFF, beyond U+FFFF): a search for single bytes runs at memory speed, a regex
# character class does not.
_UNSPACED_LEAD_BYTES = tuple(bytes([lead]) for lead in (0xE0, 0xE1, 0xE3, 0xE4, 0xE5, 0xE6,
                                                        0xE7, 0xE8, 0xE9, 0xEF, 0xF0))

_DELETE = {cp: None for cp in (0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF,
                               0x061C, 0x0640, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}
# Arabic-script vowel marks and Quranic annotation signs are usually omitted in writing.
_DELETE.update({cp: None for cp in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE))})
# Hebrew points and cantillation marks (niqqud, dagesh, shin/sin dots) are left out of most
# writing: a pointed verse and its unpointed quotation are the same words.
_DELETE.update({cp: None for cp in (*range(0x0591, 0x05BE), 0x05BF, 0x05C1, 0x05C2, 0x05C4,
                                    0x05C5, 0x05C7)})
_DELETE[0x0307] = None  # the dot above that case folding leaves on Turkish "İ" ("i̇")
_UNIFY = {
    0x064A: "\u06cc",  # Arabic yeh -> Farsi yeh
    0x0649: "\u06cc",  # alef maksura -> Farsi yeh
    0x0643: "\u06a9",  # Arabic kaf -> keheh
    # Alef with hamza or madda -> bare alef: many writers leave the marks off.
    0x0622: "\u0627", 0x0623: "\u0627", 0x0625: "\u0627", 0x0671: "\u0627",
    0x0451: "\u0435",  # Russian ё -> е: writing the diaeresis is optional
    # Turkish dotless ı -> i: capitals lose the dot distinction ("BİNAYI" folds to "binayi"),
    # and so does typing on a keyboard without Turkish letters.
    0x0131: "i",
    # Greek tonos and dialytika: capitals are written without them ("ΔΗΛΩΣΕΙΣ" is "Δηλώσεις"),
    # so a case-blind comparison must be blind to them, as most typing on phones is.
    **{ord(accented): plain for accented, plain in zip("άέήίόύώϊϋ", "αεηιουωιυ", strict=True)},
    **{0x0660 + d: str(d) for d in range(10)},  # Arabic-Indic digits
    **{0x06F0 + d: str(d) for d in range(10)},  # Extended Arabic-Indic (Persian) digits
}
_TOKEN_TABLE = {**_DELETE, **_UNIFY}


# British and American spellings of one word ('organisation', 'organization'; 'analysed',
# 'analyzed'): the s of -ise, -ised, -ises, -ising, -isation(s), -yse … is read as z on both
# sides, so a quotation respelt in the other convention is the speaker's words. Length is kept,
# so offsets stay right; a stem of three letters at least leaves 'rise', 'wise', 'noise' alone.
# The pattern opens on the "s" and looks back last: a tenth of the cost of a leading lookbehind.
_S_SPELLING = re.compile(r"s(?=e[ds]?\b|ing\b|ations?\b)(?<=[a-z]{3}[iy]s)")


@lru_cache(maxsize=131072)
def normalize_word(raw: str) -> str:
    """The comparable form of one word as it appears in a text (may be empty)."""
    if raw.isascii():
        if "\n" in raw:
            raw = _LINE_BREAK_HYPHEN.sub("", raw)
        return raw.lower()
    if "\n" in raw:
        raw = _LINE_BREAK_HYPHEN.sub("", raw)
    return unicodedata.normalize("NFKC", raw).casefold().translate(_TOKEN_TABLE)


@dataclass
class Tokens:
    """The normalised words of a text and where each one is in that text."""

    words: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span from the start of token `first` to the end of token `last - 1`."""
        return self.starts[first], self.ends[last - 1]


def tokenize(text: str) -> Tokens:
    """Split a text into normalised words with their character spans.

    One regex split and running sums, all in C: a per-match loop costs five times as much.
    Lower-casing the whole text first leaves only non-ASCII words to normalise one by one."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" alone grows when lower-cased ("i̇"): keep offsets
        lowered = text.replace("İ", "i").lower()
    lowered = _S_SPELLING.sub("z", lowered)
    parts = _SPLIT.split(lowered)  # [separator, word, separator, word, ..., separator]
    unspaced = False
    if not lowered.isascii():
        separators = "".join(parts[0::2])
        encoded = separators.encode("utf-8", "surrogatepass")
        if any(lead in encoded for lead in _UNSPACED_LEAD_BYTES) \
                and _UNSPACED_CHAR.search(separators):
            parts = _SPLIT_UNSPACED.split(lowered)
            unspaced = "\uff9e" in separators or "\uff9f" in separators
    bounds = list(accumulate(map(len, parts)))
    starts = bounds[0:-1:2]
    ends = bounds[1::2]
    norm = normalize_word
    words = [w if w.isascii() and "\n" not in w else norm(w) for w in parts[1::2]]
    if "" in words:  # words made only of invisible characters
        kept = [i for i, w in enumerate(words) if w]
        words = [words[i] for i in kept]
        starts = [starts[i] for i in kept]
        ends = [ends[i] for i in kept]
    tokens = Tokens(words, starts, ends)
    if unspaced:  # half-width kana with sound marks
        _join_sound_marks(lowered, tokens)
    _read_numbers(lowered, tokens)
    if not _ABBREVIATED_WORDS.isdisjoint(tokens.words):
        tokens.words = [_ABBREVIATED.get(w, w) for w in tokens.words]
    if "n't" in lowered or "n\u2019t" in lowered or "n\u02bct" in lowered:
        _expand_negations(lowered, tokens)
    return tokens


# A magnitude or a currency abbreviated as a language's papers abbreviate it is the word it
# stands for, whatever that word's case ending: "11 mld zł" is "11 miliardów złotych", "4,2
# Mrd." is "4,2 Milliarden", "2,4 млрд" is "2,4 миллиарда". Each language's words map to their
# own abbreviation, so the German "Billion" (10¹²) never reads as a "Milliarde" (10⁹). English
# words are left out: "million" and "billion" fill English pages, and rewriting their words
# would cost every page a pass (English "bn", "m" and "k" stay a house style, partial at worst).
def _family(abbreviation: str, *words: str) -> dict[str, str]:
    return {word: abbreviation for word in (abbreviation, *words)}


_ABBREVIATED = {
    # Polish, Dutch, Italian, Czech: mld., mln., tys.; Polish zł and proc.
    **_family("mld", "miliard", "miliarda", "miliardy", "miliardów", "miliardach", "miliardami",
              "miljard", "miljarden", "miliardo", "miliardi", "miliardu"),
    **_family("mln", "milion", "miliona", "miliony", "milionów", "milionach", "milionami",
              "miljoen", "miljoenen", "milione", "milioni", "milionu"),
    **_family("tys", "tysiąc", "tysiące", "tysięcy", "tysiąca", "tysiącach"),
    **_family("zł", "złoty", "złote", "złotych", "złotego", "złotym", "złotymi"),
    **_family("proc", "procent", "procentu", "procentach"),
    # German, with the French milliard; English
    **_family("mrd", "milliarde", "milliarden", "milliard", "milliards"),
    **_family("mio", "millionen"),
    # Russian, Turkish
    **_family("млрд", "миллиард", "миллиарда", "миллиардов", "миллиардах"),
    **_family("млн", "миллион", "миллиона", "миллионов", "миллионах"),
    **_family("тыс", "тысяча", "тысячи", "тысяч"),
    **_family("mlr", "milyar", "mlyr"),
}
_ABBREVIATED_WORDS = frozenset(_ABBREVIATED)


# Half-width katakana (older Japanese pages, forms, receipts) write a voiced or semi-voiced
# kana as two characters, the kana and a sound mark (ﾊﾞ for バ): the mark belongs to the kana.
_SOUND_MARKS = frozenset("\uff9e\uff9f")


def _join_sound_marks(text: str, tokens: Tokens) -> None:
    """Read a half-width sound mark with the kana before it as the one full-width kana."""
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    for k in range(len(words) - 1, 0, -1):
        if text[starts[k]:ends[k]] in _SOUND_MARKS and ends[k - 1] == starts[k]:
            words[k - 1] = normalize_word(text[starts[k - 1]:ends[k]])
            ends[k - 1] = ends[k]
            del words[k], starts[k], ends[k]


# A contraction with "n't" is read as the two words it stands for ("don't" is "do not", "won't"
# "will not"): a transcript may write a speaker's words either way, and split at its apostrophe
# "don't" would otherwise be two words ("don", "t") that match neither. Most drop their "n".
_NEGATION = re.compile("n['\u2019\u02bc]t\\b")
_NEGATED_IRREGULAR = {"won": "will", "can": "can", "shan": "shall", "ain": "am"}


def _expand_negations(text: str, tokens: Tokens) -> None:
    """Rewrite each "n't" contraction's two tokens (its word and "t") as the word and "not",
    each keeping its span of the text."""
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    for negation in _NEGATION.finditer(text):
        apostrophe = negation.start() + 1
        k = bisect.bisect_left(ends, apostrophe)
        if k + 1 < len(words) and ends[k] == apostrophe and starts[k + 1] == apostrophe + 1 \
                and words[k + 1] == "t" and len(words[k]) > 1:
            words[k] = _NEGATED_IRREGULAR.get(words[k], words[k][:-1])
            words[k + 1] = "not"


# A number written with digit groups ("11,400", "30 000" with a thin or no-break space) is one
# word, as a reader counts it: "14,100" for "11,400" is one word changed, not two. A minus sign
# (or a hyphen standing for one) before a number, after a space or a bracket, is the number's
# sign: "-8" and "8" are different figures, though punctuation otherwise never counts.
# ’: the Swiss typographic apostrophe (1’250’000); ，: Japanese full-width digits' comma.
_GROUP_SEPARATORS = ",.'\u2019\u00a0\u2009\u202f\u066c\uff0c"
# A digit-group separator or a sign before a digit: one character class, searched fast.
_NUMBER_MARK = re.compile(rf"[{_GROUP_SEPARATORS}\-\u2212](?=\d)")
_SIGN_AFTER = frozenset(" \t\n([")


def _read_numbers(text: str, tokens: Tokens) -> None:
    """Join a number's digit groups into one word and give a signed number its sign.

    Found by one search of the text after the split: a richer token pattern would slow the
    split of every word (measured: tokenizing took 1.5 times as long), where numbers are few."""
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    groups: list[int] = []  # tokens whose next token is their number's next digit group
    for mark in _NUMBER_MARK.finditer(text):
        at = mark.start()
        if text[at] in _GROUP_SEPARATORS:
            if _is_digit_group(text, at):
                k = bisect.bisect_left(ends, at)
                if k + 1 < len(words) and ends[k] == at and starts[k + 1] == at + 1:
                    groups.append(k)
        elif at == 0 or text[at - 1] in _SIGN_AFTER:
            k = bisect.bisect_left(starts, at + 1)
            if k < len(words) and starts[k] == at + 1:
                words[k], starts[k] = "-" + words[k], at
    for k in reversed(groups):  # from the end, so a number of several groups joins whole
        words[k] += words[k + 1]
        ends[k] = ends[k + 1]
        del words[k + 1], starts[k + 1], ends[k + 1]


def _is_digit_group(text: str, at: int) -> bool:
    """Whether the separator at `at` stands between a digit and a group of three digits."""
    return text[at - 1:at].isdigit() and text[at + 1:at + 4].isdigit() and \
        len(text[at + 1:at + 4]) == 3 and not text[at + 4:at + 5].isdigit()


_HYPHENS = frozenset("-\u2010\u2011\u200b\u200c")  # hyphens, zero-width space and non-joiner
# A plain space too: "30 000" (two words) is the number "30,000" (one, see _read_numbers).
_DIGIT_GROUP_SEPARATORS = frozenset({*_GROUP_SEPARATORS, " "})


# Between a number and its unit house styles set a space or none ("20mph", "20 mph", "12 km"),
# and a degree sign may stand before the scale's letter ("38°C", "38C").
_UNIT_SPACES = " \u00a0\u2009\u202f"
UNIT_MAX_LETTERS = 4


def joinable(left: str, between: str, right: str) -> bool:
    """Whether two neighbouring words may also be read run together: a hyphen or zero-width
    space joins a compound ("hundred-year"), a separator of digit groups a number ("1,500"),
    spacing or a degree sign a number and its unit ("20 mph", "38°C"). Elsewhere a word break
    is a word break ("the rapist" is not "therapist")."""
    if _HYPHENS.intersection(between):
        return True
    if not left[-1:].isdigit():
        return False
    if between in _DIGIT_GROUP_SEPARATORS and len(right) == 3 and right.isdigit():
        return True
    return between.strip(_UNIT_SPACES) in ("", "°") and right.isalpha() and \
        len(right) <= UNIT_MAX_LETTERS


def normalize_text(text: str) -> str:
    """A text's normalised words joined by single spaces: what two texts are compared on."""
    return " ".join(tokenize(text).words)


_SCRIPTS: dict[str, re.Pattern[str]] = {
    name: re.compile(f"[{ranges}]") for name, ranges in {
        "latin": "A-Za-z\u00c0-\u024f\u1e00-\u1eff",
        "greek": "\u0370-\u03ff",
        "cyrillic": "\u0400-\u052f",
        "armenian": "\u0530-\u058f",
        "hebrew": "\u0591-\u05f4\ufb1d-\ufb4f",
        "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
        "indic": "\u0900-\u0dff",
        "thai": "\u0e00-\u0eff",
        "georgian": "\u10a0-\u10ff",
        "hangul": "\u1100-\u11ff\uac00-\ud7af",
        "kana": "\u3040-\u30ff",
        "han": "\u3400-\u9fff",
    }.items()
}


_NOT_ASCII_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


def dominant_script(text: str, *, sample: int = 4000) -> str | None:
    """The writing system most letters of the text use ('latin', 'arabic', ...), if any."""
    text = text[:sample]
    if text.isascii():
        return "latin" if any(ch.isalpha() for ch in text) else None
    # English with curly quotes and dashes, the common case: when its ASCII letters outnumber
    # all its other characters, no other script can have more letters (a count in C).
    ascii_only = text.encode("ascii", "ignore")
    if len(ascii_only.translate(None, _NOT_ASCII_LETTERS)) > len(text) - len(ascii_only):
        return "latin"
    counts = {name: len(rx.findall(text)) for name, rx in _SCRIPTS.items()}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None
