"""Who speaks in Arabic prose: 'قال وزير الصحة هيثم محمد إبراهيم إن «…»'.

Arabic has no capital letters, so the name index (runs of capitalised words) finds no one in
it. A reporting sentence opens with its verb, names the speaker with the office before the
name, and joins the words with إن or أن: the name is set off by commas ('وقالت ممثلة اليونيسف،
مانديب أوبراين، إن'), or it is the words right before إن after the office, whose words are
nouns with the article ال (a name's own words mostly lack it, its last may have it: 'محمد
الطيب').
"""

from __future__ import annotations

import re

from .referents import Speaker

# Reporting verbs, past tense (masculine and feminine), with و or ف joined before them.
_VERB = re.compile(r"(?:^|[\s،.])[وف]?(?:قال|قالت|أكد|أكدت|أضاف|أضافت|صرح|صرّح|صرحت|أوضح|أوضحت|"
                   r"أعلن|أعلنت|ذكر|ذكرت|أشار|أشارت|شدد|شددت)(?=\s)")
# The word joining a reported statement, right before the quotation or a few words before it.
_THAT = re.compile(r"\s(?:إن|أن|بأن)\s*(?:\S+\s+){0,3}?$")
_APPOSITIVE = re.compile(r"،\s*([^\s،]+(?:\s+[^\s،]+){1,3})\s*،\s*$")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
NAME_WORDS = 4  # words of a name at the most
SENTENCE_REACH = 300  # characters before the quotation where its reporting verb may stand


def arabic_speaker(text: str, sentence_start: int, open_at: int) -> Speaker | None:
    """The speaker an Arabic reporting sentence names before a quotation, or None."""
    lo = max(sentence_start, open_at - SENTENCE_REACH)
    before = text[lo:open_at]
    verb = next(reversed(list(_VERB.finditer(before))), None)  # the last before it
    that = _THAT.search(before)
    if verb is None or that is None or that.start() < verb.end():
        return None
    clause = before[verb.end():that.start()]
    named = _APPOSITIVE.search(clause)
    words = named.group(1).split() if named else _name_before(clause.split("،")[-1].split())
    if not words or not all(_ARABIC_WORD.fullmatch(w) for w in words):
        return None
    return Speaker(" ".join(words), True, "name")


def _name_before(words: list[str]) -> list[str]:
    """The name at the end of 'office … name': the words back from the end that lack the
    article (the last may have it), two to NAME_WORDS of them."""
    name: list[str] = []
    for n, word in enumerate(reversed(words)):
        if len(name) == NAME_WORDS or (n > 0 and word.startswith("ال")):
            break
        name.insert(0, word)
    return name if len(name) >= 2 and len(name) < len(words) else []
