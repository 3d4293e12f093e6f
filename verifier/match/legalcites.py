"""Citation sentences of a court's opinion, which a quotation of the court's prose leaves out.

An opinion states a proposition and cites its authority in a sentence of its own: "Detention
after a court has ordered release implicates the Fourteenth Amendment. See Oviatt ex rel. Waugh
v. Pearce, 954 F.2d 1470, 1474 (9th Cir. 1992). The County does not dispute this." Lawyers and
reporters quoting the court drop the citation (noting "(citation omitted)", or not): it is the
court's footnote set in the text, not a sentence anyone reads as its reasoning. A citation
sentence is a case name (or a signal, or nothing but a short form's name) followed by a
reporter reference (volume, reporter, page, pin cites, court and year) and a full stop, or
"Id." with its page.
"""

from __future__ import annotations

import re

# A reporter reference closing its sentence: "436 U.S. 658, 694 (1978).", "954 F.2d 1470, 1474
# (9th Cir. 1992).", "489 U.S. at 390.", "520 U.S. 397, 409 (1997) (internal quotation marks
# omitted)." The reporter's abbreviation has a full stop ("U.S.", "F.3d", "S. Ct.", "F. Supp.
# 2d"), which a figure in prose ("12 Members 4") lacks.
_REPORTER = re.compile(
    r"(?<![\w.])\d{1,4}\s(?:[A-Z][\w’']*\.(?:\s?\d[a-z]{1,2})?\s?){1,4}(?:at\s)?\d{1,5}"
    r"(?:,\s?\d{1,5}(?:[–-]\d{1,5})?)*(?:\s?n\.\s?\d{1,3})?"
    r"(?:\s\([^()\n]{0,80}\))*\.(?=\s|$)")
_ID = re.compile(r"(?:See\s+id|Id)\.(?:\sat\s\d{1,5}(?:[–-]\d{1,5})?\.)?(?=\s|$)")
NAME_MAX_WORDS = 25  # a case name with its signal: "See Oviatt ex rel. Waugh v. Pearce,"
# Lower-case words a case name or a signal holds: "Bd. of Cnty. Comm’rs v. Brown", "See, e.g.,"
_NAME_CONNECTORS = frozenset({
    "v", "vs", "of", "the", "ex", "rel", "for", "and", "in", "re", "on", "behalf", "de", "la",
    "el", "del", "von", "van", "der", "al", "et", "see", "also", "cf", "e.g", "eg", "but",
    "accord", "generally", "compare", "with", "a", "an", "to", "at", "by", "&"})
# Capitalised abbreviations a case name puts before a capital (Bluebook table T6): their full
# stop ends no sentence. Shorter words are taken as abbreviations anyway.
_NAME_ABBREVIATIONS = frozenset({
    "cnty", "corp", "dist", "univ", "hosp", "admin", "auth", "educ", "envtl", "indus", "mgmt",
    "transp", "servs", "serv", "prot", "comm’n", "comm'n", "comm’rs", "comm'rs", "dep’t",
    "dep't", "gov’t", "gov't", "int’l", "int'l", "nat’l", "nat'l", "ass’n", "ass'n", "bros",
    "mfg", "assocs", "cmty", "ctr", "dev", "equip", "fin", "found", "gen", "hous", "ins",
    "inv", "lab", "mkt", "mun", "pharm", "prod", "pub", "reg", "sch", "soc", "tel", "twp"})
_BOUNDARY = re.compile(r"(?<=[.!?)”\"’])\s+(?=\S)")


def citation_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the text's citation sentences (see the module's docstring); none unless the
    text names a case ("v."), so pages other than judgments cost one search."""
    if " v. " not in text:
        return []
    spans = []
    for cite in _REPORTER.finditer(text):
        start = _sentence_start(text, cite.start())
        if start is not None:
            spans.append((start, cite.end()))
    for short in _ID.finditer(text):
        before = text[:short.start()].rstrip()
        if len(before) < short.start() and (not before or _ends_sentence(text, len(before) + 1)):
            spans.append(short.span())
    return spans


def _sentence_start(text: str, cite: int) -> int | None:
    """Where the sentence holding a reference at `cite` starts, when all it holds before the
    reference is a case name or a signal; None when it is the court's prose."""
    window_start = max(0, cite - 300)
    start = text.rfind("\n", window_start, cite) + 1 or window_start
    for boundary in _BOUNDARY.finditer(text, start, cite):
        if _ends_sentence(text, boundary.start()):
            start = boundary.end()
    words = text[start:cite].split()
    if not words or len(words) > NAME_MAX_WORDS or not words[0][:1].isupper():
        return None
    for word in words:
        bare = word.strip(",.;:()").lower()
        if not (word[:1].isupper() or word[:1].isdigit() or bare in _NAME_CONNECTORS):
            return None
    return start


def _ends_sentence(text: str, at: int) -> bool:
    """Whether the full stop (or mark) just before `at` ends a sentence, not an abbreviation."""
    if text[at - 1] != ".":
        return True
    word = text[text.rfind(" ", 0, at - 1) + 1:at - 1].lstrip("(“\"‘")
    if word.lower() in _NAME_CONNECTORS:  # "v.", "rel.", "cf."
        return False
    if word[:1].islower() or word[:1].isdigit():
        return True
    return len(word) >= 4 and word.lower() not in _NAME_ABBREVIATIONS
