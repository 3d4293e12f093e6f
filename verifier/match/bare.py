"""A quote whose words are the page's but for the marks on their letters.

A keyboard without a language's letters drops their marks: Turkish typed as "yuklemeyecegiz"
for "yüklemeyeceğiz", Vietnamese as "nuoc ngot" for "nước ngọt", Portuguese without its
accents. The letters are the source's, the words are not quite (Vietnamese tone marks tell
words apart), so such a quote is close, never the same: partial. Looked for only when the
quote is nowhere near the page as written, so a match never pays for it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from functools import lru_cache

from .editorial import QuotePattern, Segment
from .normalize import Tokens
from .passages import ExactSpan, PreparedPage, find_exact

# Letters with a stroke, not a mark: NFD leaves them whole.
_STROKED = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ħ": "h"})


@lru_cache(maxsize=65536)
def bare_word(word: str) -> str:
    """A normalised word without the marks on its letters ("ước" -> "uoc", "ğ" -> "g")."""
    if word.isascii():
        return word
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", word)
                       if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_STROKED) or word


def bare_span(pattern: QuotePattern, page: PreparedPage) -> ExactSpan | None:
    """The quote's span on the page when both are read without the marks on their letters,
    if the marks are all that keep it from being found word for word."""
    segments = [Segment([bare_word(w) for w in s.words], s.surface, s.open_end, s.loose)
                for s in pattern.segments]
    bare = _bare_page(page)
    if bare is page and all(b.words == s.words for b, s in zip(segments, pattern.segments, strict=True)):
        return None  # no marks on either side: the search as written has failed already
    return find_exact(replace(pattern, segments=segments), bare)


def _bare_page(page: PreparedPage) -> PreparedPage:
    """The page's words without their marks, at the same positions (kept on the page; the
    page itself when none of its words has marks, as on a Chinese or Japanese page)."""
    if page.bare is None:
        tokens = page.tokens
        words = [bare_word(w) for w in tokens.words]
        page.bare = page if words == tokens.words else PreparedPage.of(
            page.text, Tokens(words, tokens.starts, tokens.ends))
    return page.bare
