"""Smaller forms that say who speaks, beside speech verbs and colons (the holdout14 round): a
headline's 'Business groups: “…”', '“…,” said the Chancellor', 'For X, the dispute “…”',
German 'wurde mit den Worten zitiert', 'A 2023 review by the GAO found that'. Each reads the
masked text (quotations replaced by MASK) and the document's names and referents."""

from __future__ import annotations

import re

from .names import NameIndex, is_title_word
from .referents import Referents, Speaker
from .speechverbs import AUXILIARIES, PRONOUNS, find_speech_verbs
from .subjects import Subject, SubjectReader

# A headline's speaker before its colon: a capitalised word and one to three lower-case ones
# ('Business groups', 'Shadow chancellor'), after the live blog's time stamp if any.
_HEADLINE_SPEAKER = re.compile(r"\s*(?:\d{1,2}[:.]\d\d\s+)?([A-Z][a-z]+(?:\s+[a-z]+){1,3})\s*")
_FOR_WHOM = re.compile(r"\s*(?:For|Pour|Para|Für)\s+(?=[A-ZÀ-Þ])")
# German news quotes a report's source 'mit den Worten zitiert' (quoted as saying): the
# subject before 'wurde' is who said it ('Ein Sprecher wurde dort mit den Worten zitiert').
_QUOTED_WITH_WORDS = re.compile(
    r"(?P<who>(?:(?:Ein|Eine|Der|Die)\s+)?[A-ZÄÖÜ][\w\-]+(?:\s+[A-ZÄÖÜ][\w\-]+){0,2})\s+"
    r"(?:wurde|wird|wurden|werden)\b[^.;:¤]{0,80}?\bmit\s+den\s+Worten\s+$")
# 'said the Chancellor,', 'said the shadow health secretary.': a role closing the clause, or
# the role of a body ('says a spokesperson for the ministry.', 'zegt een woordvoerder van het
# ministerie', 'dijo un portavoz del ministerio')
_ROLE_AFTER = re.compile(
    r"\s+((?:the|a|an|een|de|het|un|una|el|la)\s+(?:[a-z][\w\-]*\s+){0,2}[A-Za-z][\w\-]*)"
    r"(?=\s*[,.;—]|$|\s+(?:for|of|at|from|van|bij|del|de)\s+[^,.;:\n¤]{1,80}[,.;])")
ROLE_AFTER_CHARS = 150  # how far after the verb such a role and its body may run
# 'A 2023 review by the Government Accountability Office found that': the body that wrote
# the work speaks through it.
_WORK_BY = re.compile(
    r"(?:[Aa]n?\s+|[Tt]he\s+|[Ii]ts\s+)?(?:\d{4}\s+|recent\s+|new\s+|latest\s+|first\s+|"
    r"independent\s+)?(?:review|report|study|survey|audit|analysis|inquiry|investigation|"
    r"evaluation|assessment)\s+(?:by|from)\s+(?:the\s+)?(?P<who>[A-Z][^,;:]*)$")


def headline_speaker(masked: str, refs: Referents, start: int, colon: int, paragraph: int
                     ) -> Speaker | None:
    """'Business groups: “…”' opening its paragraph: who, as described (never a clause with
    a verb, such as 'Residents agreed:')."""
    m = _HEADLINE_SPEAKER.fullmatch(masked, start, colon)
    if m is None or find_speech_verbs(m.group(1)) or any(
            w in AUXILIARIES or w.endswith("ed") for w in m.group(1).lower().split()):
        return None
    return refs.description(m.group(1), start, paragraph)


def for_whom(masked: str, names: NameIndex, open_at: int, sent_start: int) -> Speaker | None:
    """'For Sophie Béranger, an economist, the dispute “goes beyond pay”' (and 'Pour X,',
    'Para X,', 'Für X'): the view, in quotation marks, is the person's the sentence opens on."""
    m = _FOR_WHOM.match(masked, sent_start, open_at)
    mention = next(iter(names.between(m.end(), m.end() + 1)), None) if m else None
    if mention is None or mention.org:
        return None
    full = names.full_name(mention.name, mention.start)
    if not (mention.person_like or mention.titled or names.is_person(full)):
        return None
    return Speaker(full, True, "name")


# 'Para ele, a transposição “…”', 'Per lei, …', 'For her, …': the view of the person the pronoun
# means, as 'For X,' is X's.
_FOR_PRONOUN = re.compile(r"\s*(?:For|Pour|Para|Per|Für)\s+(?:(him|ele|lui|ihn)|(her|ela|lei|elle))"
                          r"\s*,")


def for_pronoun(masked: str, refs: Referents, open_at: int, sent_start: int, paragraph: int
                ) -> Speaker | None:
    """The person meant by a sentence opening 'For him,' (or 'Para ele,', 'Per lei,')."""
    m = _FOR_PRONOUN.match(masked, sent_start, open_at)
    if m is None:
        return None
    return refs.pronoun("he" if m.group(1) else "she", sent_start, paragraph)


# Russian sets the speaker last, after the verb's circumstances and the role: '«…», — заявил на
# церемонии открытия мэр Северогорска Алексей Дубров.' A run of three capitalised words whose
# middle one is no patronymic ('Северогорска Алексей Дубров') begins with a place in the genitive.
_CYRILLIC_VERB = re.compile(r"[а-яё]+$")
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$")


def name_closing_clause(masked: str, names: NameIndex, verb: str, pos: int, end: int
                        ) -> Speaker | None:
    """The person named last in a Russian attribution after the verb, up to its full stop."""
    if not _CYRILLIC_VERB.match(verb.lower()):
        return None
    stop = masked.find(".", pos, end)
    people = [m for m in names.between(pos, stop if stop != -1 else end)
              if len(m.tokens) >= 2 and not m.org]
    if not people:
        return None
    tokens = list(people[-1].tokens)
    if len(tokens) == 3 and not _PATRONYMIC.search(tokens[1]):
        tokens = tokens[1:]
    return Speaker(names.full_name(" ".join(tokens), people[-1].start), True, "name")


# Russian names an institution's spokespeople by where they sit: 'В администрации ответили',
# 'В Кремле заявили' (in the administration they answered): the institution speaks.
_IN_INSTITUTION = re.compile(r"\s*(?:В|Во)\s+(?P<who>[^\W\d_][\w\-]*(?:\s+[^\W\d_][\w\-]*){0,3})\s+$")


def institution_speaking(masked: str, start: int, verb_at: int, word: str) -> Subject | None:
    """The subject of a Russian plural verb after 'В X' opening the sentence."""
    if not word.endswith("ли"):
        return None
    m = _IN_INSTITUTION.fullmatch(masked, start, verb_at)
    return Subject("name", m.group("who"), m.start("who")) if m else None


# 'Rwanda's position was stated plainly by President Kagame on 9 March:': a passive speech verb
# whose agent, after 'by', is who spoke; the grammatical subject is what was said.
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:[a-z]+ly\s+)?$")
_AGENT_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+)?by\s+(?:the\s+)?")


def passive_agent(masked: str, names: NameIndex, start: int, verb_at: int, verb_end: int
                  ) -> Subject | None:
    """The name after 'by' of a passive speech verb ('was stated by X', 'were written by X')."""
    if not masked[verb_at:verb_end].lower().endswith("ed") and \
            masked[verb_at:verb_end].lower() not in ("said", "told", "written", "spoken", "put"):
        return None
    if not _PASSIVE_BEFORE.search(masked, max(start, verb_at - 30), verb_at):
        return None
    by = _AGENT_AFTER.match(masked, verb_end)
    if by is None:
        return None
    mention = next(iter(names.between(by.end(), by.end() + 60)), None)
    if mention is None or mention.start > by.end() + 40:
        return None
    return Subject("name", names.full_name(mention.name, mention.start), mention.start)


def quoted_with_words(masked: str, start: int, verb_at: int, word: str) -> Subject | None:
    """The subject of German 'X wurde (dort) mit den Worten zitiert'."""
    if word not in ("zitiert", "zitierte"):
        return None
    m = _QUOTED_WITH_WORDS.search(masked, start, verb_at)
    if m is None:
        return None
    who = m.group("who")
    indefinite = " " in who and who.split()[0] in ("Ein", "Eine", "Der", "Die")
    return Subject("description" if indefinite else "name", who, m.start("who"))


def role_after(masked: str, refs: Referents, pos: int, end: int, paragraph: int
               ) -> Speaker | None:
    """'“…,” said the Chancellor, confirming …': a role right after the verb, read as the
    person holding it (named before, or else as described)."""
    m = _ROLE_AFTER.match(masked, pos, min(end, pos + ROLE_AFTER_CHARS))
    if m is None or not is_title_word(m.group(1).split()[-1]):
        return None
    return refs.description(m.group(1), pos, paragraph)


def work_by(names: NameIndex, subject: Subject, at: int) -> Speaker | None:
    """'A 2023 review by the Government Accountability Office found': the body."""
    m = _WORK_BY.match(subject.text)
    if m is None or subject.kind not in ("name", "description"):
        return None
    mention = names.mention_at(subject.start + m.start("who"), subject.start + len(subject.text))
    who = mention.name if mention else m.group("who")
    return Speaker(names.full_name(who, at), False, "name")


def opening_subject(subjects: SubjectReader, at: int) -> Subject | None:
    """'The earliest capture, from 14 March 2019, is at … and reads:', 'He stood on a pallet
    … and said,': the second verb of a coordination shares the subject opening the sentence
    (a pronoun, or the noun phrase up to its first comma)."""
    start = subjects.sentence[0]
    tokens = subjects.words_before(start, at)
    if tokens and tokens[0][0].lower() in PRONOUNS:
        return Subject("pronoun", tokens[0][0].lower(), start + tokens[0][1])
    comma = next((n for n, (t, _p) in enumerate(tokens) if t in (",", ";", ":")), None)
    if not comma or comma > 6:
        return None
    opening = subjects.noun_phrase(start, tokens[:comma])
    return opening if opening.kind in ("name", "description") else None
