"""The verbs that report speech or writing ("said", "told", "warned", "wrote", ...), in every
inflection, and the small words that sit between a speaker and such a verb."""

from __future__ import annotations

import re

_REGULAR = ["state", "add", "emphasize", "emphasise", "stress", "warn", "note", "declare", "claim", "insist", "argue", "explain", "announce", "assert", "affirm", "reiterate", "remark", "comment", "mention", "describe", "criticize", "criticise", "condemn", "praise", "urge", "ask", "answer", "reply", "respond", "admit", "acknowledge", "confirm", "deny", "suggest", "predict", "promise", "pledge", "vow", "threaten", "tweet", "post", "proclaim", "recall", "recount", "highlight", "underscore", "caution", "accuse", "allege", "contend", "conclude", "concede", "boast", "complain", "lament", "quip", "joke", "shout", "whisper", "testify", "express", "convey", "hint", "cite", "quote", "laud", "hail", "refer", "repeat", "point"]
_IRREGULAR = ["say", "says", "said", "saying", "tell", "tells", "told", "telling", "write", "writes", "wrote", "written", "writing", "spoke", "speaking", "called", "calls", "calling"]
# Words that report speech only right after a quotation ("...," Khamenei continued).
AFTER_ONLY = frozenset({"continued", "continues", "concluded", "went on"})
# Forms that are more often nouns or adjectives in news prose ("the state", "a claim").
_NOT_VERBS = frozenset(["state", "states", "note", "notes", "point", "points", "post", "posts", "quote", "quotes", "answer", "answers", "comment", "comments", "claim", "claims", "promise", "promises", "stress", "hint", "hints", "cite", "joke", "jokes", "express", "tweet", "tweets", "reply", "vow", "vows", "pledge", "pledges", "remark", "remarks", "praise", "praises", "hail", "hails", "repeat"])


def _inflect(verb: str) -> tuple[str, ...]:
    if verb.endswith("e"):
        stem = verb[:-1]
        return (verb, verb + "s", stem + "ed", stem + "ing")
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return (verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
    if verb in ("admit", "quip", "refer"):
        double = verb + verb[-1]
        return (verb, verb + "s", double + "ed", double + "ing")
    return (verb, verb + "s", verb + "ed", verb + "ing")


SPEECH_FORMS = frozenset(
    {form for verb in _REGULAR for form in _inflect(verb)} | set(_IRREGULAR)) - _NOT_VERBS
_ALL_FORMS = SPEECH_FORMS | AFTER_ONLY
SPEECH_VERB = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(f) for f in _ALL_FORMS), key=len, reverse=True))
    + r")\b", re.I)

MODALS = frozenset(["would", "could", "might", "may", "will", "should", "can", "shall", "must"])
AUXILIARIES = frozenset(["has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "did", "does", "do", "also", "then", "later", "further", "again", "once", "reportedly", "publicly", "openly", "previously", "recently", "repeatedly", "strongly", "explicitly", "clearly", "firmly", "angrily", "bluntly", "quickly", "immediately", "subsequently", "later", "allegedly", "earlier", "separately", "often", "always", "never", "not", "quoted", "as", "went", "on", "to", "go", "goes", "going", "continued", "just", "even", "still", "yet"]) | MODALS
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
PERSON_NOUNS = frozenset(["official", "source", "spokesman", "spokeswoman", "spokesperson", "diplomat", "aide", "adviser", "advisor", "minister", "analyst", "expert", "officer", "commander", "leader", "president", "envoy", "ambassador", "representative", "lawmaker", "senator", "member", "resident", "witness", "man", "woman", "person", "cleric", "general", "chief", "head", "chairman", "director"])


def is_participle(word: str) -> bool:
    return word.lower().endswith("ing")
