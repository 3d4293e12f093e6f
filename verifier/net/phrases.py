"""How phrase lists are compiled for errorpages: folded as the sentences they are matched
against are, with a cheap search for the words every clause of a group needs (see Clauses)
and, for a sentence in ASCII, only the clauses that could match it."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple


def fold(text: str) -> str:
    """Accents and other marks removed (página -> pagina, найдена -> наидена). Spacing marks
    go too: Devanagari and Bengali vowel signs are no word characters to `re`, so keeping them
    would cut 'पृष्ठ' into pieces that no pattern could match."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.category(c).startswith("M"))


def compile_phrases(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{fold(p)})" for p in patterns))


class Clauses(NamedTuple):
    """Clause patterns and a pre-scan for words every one of them needs.

    A long alternation whose branches open with optional words is tried branch by branch at
    every character, ~4 µs a character; most sentences (a headline in a page title) hold none
    of the words the clauses need, and a search for those alone is a hundred times cheaper.
    test_errorpages checks that each branch needs one of them."""

    pattern: re.Pattern[str]
    needs: Words
    ascii_pattern: re.Pattern[str]  # the clauses a sentence in ASCII can match (see _writes_ascii)

    @property
    def words(self) -> tuple[str, ...]:
        """What `needs` looks for."""
        return self.needs.words


def clauses_of(patterns: list[str], needs: list[str]) -> Clauses:
    """Clause patterns, with the needed words (each alternative of the `needs` strings)."""
    ascii_ones = [p for p in patterns if _writes_ascii(fold(p))]
    return Clauses(compile_phrases(patterns), Words(tuple(dict.fromkeys("|".join(map(fold, needs)).split("|")))),
                   compile_phrases(ascii_ones) if ascii_ones else re.compile("(?!)"))


_SYNTAX = re.compile(r"\\.|\{\d*,?\d*\}")  # escapes ('\S') and counts ('{0,4}'): no text written


def _writes_ascii(pattern: str) -> bool:
    """Whether a clause writes an ASCII letter or digit. One that writes none (an Arabic, a
    Chinese clause) needs a letter of its script, so a sentence in ASCII, as most are, is not
    tried against it: each clause costs a try at each word a match can start at.
    test_errorpages checks that every clause left out needs a character beyond ASCII."""
    return any(c.isascii() and c.isalnum() for c in _SYNTAX.sub("", pattern))


class Words:
    """A search for any of some literal words in a normalized sentence.

    A sentence in ASCII, as most are, is searched for the ASCII words alone: no other word can
    be in it, and the other scripts' words make half the branches tried at each position."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        self._any = _any_word(words)
        self._ascii = _any_word(tuple(word for word in words if word.isascii()))

    def search(self, sentence: str) -> re.Match[str] | None:
        return (self._ascii if sentence.isascii() else self._any).search(sentence)


def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """Literal words as one alternation per first character ('e(?:xist|xpired)|f(?:ound|ind)'):
    at each position of a sentence `re` tries one branch per first character instead of one per
    word, half the time of a flat alternation of the 80-odd words of MISSING_CLAUSE. No words:
    a pattern matching nothing."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return re.compile("|".join(re.escape(first) + (f"(?:{'|'.join(rest)})" if rest != [""] else "")
                               for first, rest in groups.items()) or "(?!)")
