"""What a capitalised word, or a run of them, is: a title ('Bauministerin', 'vice-chair'), a
given name, a surname's comparable form, an organisation ('Ministry of Foreign Affairs',
'O Ministério da …', an acronym), or the start of a Russian or Ukrainian name after the
office words before it. names.py reads a document's names with these.
"""

from __future__ import annotations

import re

from .namevocab import (
    ARTICLES,
    NAME_TITLES,
    NOT_GIVEN_NAMES,
    ORG_HEADS,
    ORG_WORDS,
    SENTENCE_STARTERS,
    TITLE_WORDS,
)

ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|an|ar|ul)-(?=[^\W\d_])", re.I)
POSSESSIVE = re.compile(r"(?:[’']s|s[’'])$")
ACRONYM = re.compile(r"^[A-Z\u0400-\u042F]{2,7}s?$")


_COMPOUND_ROLES = ("minister", "ministerin", "präsident", "präsidentin", "sprecher",
                   "sprecherin", "vorsitzende", "vorsitzender", "direktor", "direktorin",
                   "leiter", "leiterin", "chefin", "kanzler", "kanzlerin", "meisterin")


# Russian and Ukrainian write a person as given name and surname, a patronymic between them
# at most; the capitalised words before them are whose office it is, in the genitive
# ('Министр финансов России Антон Силуанов', 'представитель МИД Мария Захарова').
CYRILLIC_CAPITAL = re.compile(r"[\u0400-\u042F]")
_PATRONYMIC = re.compile(r".+(?:ович|евич|ьич|ич|овна|евна|ична|івна|ївна)$")


def slavic_name_start(tokens: list[str]) -> int:
    """Where the person's name starts in a run of capitalised Cyrillic words."""
    if len(tokens) >= 3 and _PATRONYMIC.match(tokens[-2]):
        return len(tokens) - 3
    return max(0, len(tokens) - 2)


def is_title_word(word: str) -> bool:
    """A title, hyphenated compounds of titles included ('director-general', 'vice-chair'),
    and German compounds ending in a role ('Bauministerin')."""
    low = word.lower()
    return low in TITLE_WORDS or ("-" in low and all(
        part in TITLE_WORDS for part in low.split("-"))) or (
        len(low) > 9 and low.endswith(_COMPOUND_ROLES) and not low.startswith("ad"))


def surname_key(name: str) -> str:
    """The comparable last word of a name: 'al-Arouri' and 'Arouri' share 'arouri'."""
    last = name.split()[-1] if name.split() else ""
    return name_key(last)


def name_key(token: str) -> str:
    return ARABIC_ARTICLE.sub("", POSSESSIVE.sub("", token)).lower()


def given_name(token: str) -> bool:
    low = token.lower()
    return (token[:1].isupper() and low not in NOT_GIVEN_NAMES and low not in SENTENCE_STARTERS
            and low not in TITLE_WORDS and not ACRONYM.match(token))


def title_inside_name(tokens: list[str], start: int, title: int) -> bool:
    """Whether the run's title word is part of a person's name ('Hassan Sheikh Mohamud',
    'John Major'): a word that is also a name, the run's only title, after given names and
    before at most a surname. A title before a name follows a place or a possessive ('Kenya
    President Ruto', "Jordan's King Abdullah") or opens the run ('Sheikh Tamim')."""
    if tokens[title].lower() not in NAME_TITLES or title < len(tokens) - 2:
        return False
    from .outletvocab import is_place  # (namedsources imports names)

    before, after = tokens[start:title], tokens[title + 1:]
    if any(is_title_word(POSSESSIVE.sub("", t)) for t in before + after):
        return False
    return all(given_name(t) and not POSSESSIVE.search(t) and not is_place(t)
               for t in before + after)


def is_org_name(tokens: tuple[str, ...] | list[str]) -> bool:
    """Whether capitalised words name an organisation rather than a person: one ending in
    an organisation word ('Amnesty International', 'Dentists Union'), one with such a word
    before 'of' ('Ministry of Foreign Affairs', 'Panel of Experts'), or an acronym."""
    lowered = [POSSESSIVE.sub("", t).lower() for t in tokens]
    if not lowered:
        return False
    if lowered[-1] in ORG_WORDS or heads_org(lowered):
        return True
    if any(t in ORG_WORDS and nxt in ("of", "for", "on")
           for t, nxt in zip(lowered, lowered[1:], strict=False)):
        return True
    return len(tokens) == 1 and bool(ACRONYM.match(tokens[0]))


def heads_org(lowered: list[str]) -> bool:
    """'Ministério da …', 'O Ministério da …': a body named by its first word."""
    first = lowered[1:2] if lowered[:1] and lowered[0] in ARTICLES else lowered[:1]
    return bool(first) and first[0] in ORG_HEADS
