"""Word-level helpers for reading who speaks: tokens, clause boundaries, asides, and the
small words (prepositions, determiners) that tell a subject from an object."""

from __future__ import annotations

import re

from .names import CALENDAR_WORDS, DEMONYMS, MASK, TITLE_WORDS
from .speechverbs import is_participle
from .wordlists import words

TOKEN = re.compile(r"¤+|[^\W\d_][\w’'\-]*(?:\.[^\W\d_]+)*\.?|\d+|[,;:()\[\]—–]|[^\s\w]", re.U)
BOUNDARY_WORDS = words("""
that because while when if although whereas since and but or what
""")
POST_MODIFIERS = words("""
quoted cited speaking interviewed writing who which whose in at during on from after before
""")
PREPOSITIONS = words("""
to with from by of for against on in at about toward towards into onto between among including
than via over under
sur dans avec chez selon según para por con tras für nach mit bei über auf laut
""")
DETERMINERS = words("""
the a an this that these those all some several many
""")
COORDINATORS = frozenset(["and", "but", "or", "then"])
# The articles of German, French and Spanish, opening a subject described by role ('La
# ministra añadió', 'Der Sprecher sagte', 'Le ministre a déclaré').
FOREIGN_ARTICLES = words("""
la el los las le les der die das den dem ein eine un una une
""")
PAST_PARTICIPLE = re.compile(r"[a-z]{2,}ed|led|made|written|given|taken|held|run|set|known|seen")
# What may stand before the name an appositive gives: titles ('Councillor'), a role noun or two
# ('florist Jo Pennant'), or a description naming it ('a former dairy farmer called Alan Pryce').
_CALLED_NAME = re.compile(r"(?:(?:a|an|the|one)\s+)?(?:[\w’'\-]+\s+){0,4}?(?:called|named)\s+",
                          re.I)
_TIME_NOUNS = CALENDAR_WORDS | words("year week month night weekend spring summer autumn fall winter")
# The time of day a sentence may open on ('By mid-morning ESB Networks said'): no subject.
TIMES_OF_DAY = words("""
morning mid-morning noon midday afternoon mid-afternoon evening night midnight dawn dusk
lunchtime nightfall daybreak
""")
OWNED = ("office", "website", "account", "ministry", "spokesman", "spokesperson", "bureau")


def tokenize(text: str) -> list[tuple[str, int]]:
    return [(m.group(0), m.start()) for m in TOKEN.finditer(text)]


def drop_aside(tokens: list[tuple[str, int]]) -> bool:
    """Remove a trailing aside in dashes or parentheses; False when it does not open."""
    close = tokens[-1][0]
    opener = "(" if close == ")" else close
    for n in range(len(tokens) - 2, -1, -1):
        if tokens[n][0] == opener or (opener in "—–" and tokens[n][0] in "—–"):
            del tokens[n:]
            return True
    return False


def adverb(token: str) -> bool:
    return token.islower() and token.endswith("ly") and len(token) > 4


# 'X and colleagues', 'X and her co-authors': a team named by its first author, who is the
# subject ('and' here joins no clause).
_AND_COLLEAGUES = frozenset(("colleagues", "co-authors", "coauthors", "co-workers",
                             "collaborators"))


def last_clause(tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The tokens after the last clause boundary."""
    words = [t.lower() for t, _s in tokens[-4:]]
    if words and words[-1] in _AND_COLLEAGUES:
        team = len(words) - 1 - (words[-2] in ("his", "her", "their") if len(words) > 1 else 0)
        if team > 1 and words[team - 1] in ("and", "&"):
            return last_clause(tokens[:len(tokens) - len(words) + team - 1])
    for n in range(len(tokens) - 1, -1, -1):
        token = tokens[n][0]
        if token in (",", ";", ":", "(", ")", "—", "–", "[", "]") or token.startswith(MASK) \
                or token.lower() in BOUNDARY_WORDS and token.islower():
            return tokens[n + 1:]
    return tokens


def only_titles(text: str) -> bool:
    for word in re.findall(r"[^\W\d_][\w’'\-]*", text):
        low = re.sub(r"(?:[’']s|[’'])$", "", word.lower())
        if low not in TITLE_WORDS and low not in DEMONYMS and low not in DETERMINERS and \
                not word[:1].isupper():
            return False
    return True


def possessive_owner(phrase: str) -> bool:
    return bool(re.search(r"[’']s?\s+(?:" + "|".join(OWNED) + r")\b", phrase))


def strip_titles(phrase: str) -> str:
    """'Prime Minister Benjamin Netanyahu’s office' -> 'Benjamin Netanyahu’s office'."""
    words = phrase.split()
    n = 0
    while n < len(words) - 1 and (words[n].lower() in TITLE_WORDS or words[n].lower() in
                                  DEMONYMS or words[n].lower() in DETERMINERS):
        n += 1
    return " ".join(words[n:])


def is_foreign_article(word: str) -> bool:
    """'La', 'der', 'Un' as an article; 'UN' (the United Nations) is none."""
    return word.lower() in FOREIGN_ARTICLES and not word.isupper()


def strip_determiners(phrase: str) -> str:
    words = phrase.split()
    while len(words) > 1 and (words[0].lower() in DETERMINERS or is_foreign_article(words[0])):
        words = words[1:]
    return " ".join(words)


def time_adverbial(tokens: list[str], n: int) -> bool:
    """Whether tokens[n] opens a time phrase ('last year', 'this week', 'yesterday')."""
    word = tokens[n].lower()
    if word in ("yesterday", "today", "tonight"):
        return True
    return word in ("last", "this", "next") and n + 1 < len(tokens) and \
        tokens[n + 1].lower() in _TIME_NOUNS


def introduces_name(text: str) -> bool:
    """Whether `text` may stand before the name an appositive gives (see _CALLED_NAME)."""
    if only_titles(text) or _CALLED_NAME.fullmatch(text):
        return True
    parts = text.split()
    return 0 < len(parts) <= 2 and all(
        w.isalpha() and w.islower() and w not in PREPOSITIONS | COORDINATORS
        and not is_participle(w) and not PAST_PARTICIPLE.fullmatch(w) for w in parts)
