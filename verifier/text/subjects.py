"""The subject of a speech verb, read off the words of its sentence before the verb: a name
('Ali Larijani, chairman of the Majlis, said'), a pronoun ('in its latest brief it
reported'), a description ('Spain’s prime minister said'), or the subject of an earlier verb
('and added', 'saying'). Who a pronoun or a description means is referents.py's question;
which verb's subject speaks a quotation is speakers.py's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .names import (
    CALENDAR_WORDS,
    DEMONYMS,
    NOT_GIVEN_NAMES,
    SENTENCE_STARTERS,
    TITLE_WORDS,
    Mention,
    NameIndex,
)
from .namevocab import MONTH_WORDS
from .phrases import (
    COORDINATORS,
    DETERMINERS,
    PAST_PARTICIPLE,
    POST_MODIFIERS,
    PREPOSITIONS,
    TIMES_OF_DAY,
    adverb,
    drop_aside,
    introduces_name,
    is_foreign_article,
    last_clause,
    only_titles,
    possessive_owner,
    time_adverbial,
    tokenize,
)
from .referents import age_or_nationality
from .speechverbs import (
    AUXILIARIES,
    FINDING_NOUNS,
    MODALS,
    PERSON_NOUNS,
    PRONOUNS,
    is_participle,
)


def _without_trailing_date(tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """'an article in the Daily Express on 6 January, which': the date is no part of the
    antecedent ('on 6 January', 'in March 2024', 'on January 6, 2025')."""
    end = len(tokens)
    while end and tokens[end - 1][0] == ",":
        end -= 1
    n = end
    while n and (tokens[n - 1][0].isdigit() or tokens[n - 1][0].lower() in MONTH_WORDS
                 or tokens[n - 1][0] == ","):
        n -= 1
    if n < end and n and tokens[n - 1][0].lower() in ("on", "in", "of") and any(
            t.lower() in MONTH_WORDS or len(t) == 4 and t.isdigit() for t, _s in tokens[n:end]):
        return tokens[:n - 1]
    return tokens


_FINITE = frozenset(("is", "are", "was", "were", "has", "have", "had"))


def _after_preposition(tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """'Their work is recognised in OCHA's own reporting, which describes': after a whole
    clause, 'which' means the noun phrase nearest it, after the clause's last preposition
    (a person's 'who' keeps the head: 'a councillor in Sesan district, who')."""
    verb = next((n for n, (t, _s) in enumerate(tokens) if t.lower() in _FINITE), None)
    if verb is None:
        return tokens
    for n in range(len(tokens) - 2, verb, -1):
        if tokens[n][0] in PREPOSITIONS:
            return tokens[n + 1:]
    return tokens


def _without_of_appositive(tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """'Sandra Beck, of the campaign group Fair Uniforms, who says': a person 'of' an
    organisation is the antecedent, the organisation says where she is from."""
    for n in range(len(tokens) - 1, 0, -1):
        if tokens[n][0] == ",":
            if n + 1 < len(tokens) and tokens[n + 1][0].lower() == "of":
                return tokens[:n]
            return tokens
    return tokens


def _foreign_article_role(words: list[str]) -> bool:
    """'La ministra', 'Der Sprecher', 'El organismo': an article and a common noun (lower
    case, or a role), not a name with a particle ('Le Pen') or a title ('Der Spiegel')."""
    return len(words) > 1 and is_foreign_article(words[0]) and (
        words[1][:1].islower() or words[1].lower() in PERSON_NOUNS | TITLE_WORDS)


@dataclass
class Subject:
    """What stands before a speech verb as its subject."""

    kind: str  # "name", "pronoun", "description", "coord", "none"
    text: str = ""
    start: int = 0
    modal: bool = False
    weak: bool = False  # guessed from the sentence (participles), not read off the verb


# 'Seoul's waterworks authority, Arisu, put out a statement … saying': the name in apposition
# after a sentence's opening phrase
_OPENING_APPOSITIVE = re.compile(r"[^,.;:¤]{3,60}?,\s+([A-Z][^,.;:¤]{1,60}?),\s")


class SubjectReader:
    """Reads the subjects of speech verbs, one sentence at a time."""

    def __init__(self, text: str, masked: str, names: NameIndex) -> None:
        self.text = text
        self.masked = masked  # text with every quotation replaced by MASK characters
        self.names = names
        # the sentence being read, and its tokens with their ends once wanted (words_before)
        self.sentence = (0, 0)
        self._words: tuple[list[tuple[str, int]], list[int]] | None = None

    def start_sentence(self, start: int, end: int) -> None:
        """The sentence whose speech verbs are read next."""
        self.sentence, self._words = (start, end), None

    def words_before(self, sent_start: int, at: int) -> list[tuple[str, int]]:
        """tokenize(masked[sent_start:at]), cut from one tokenizing of the sentence: a
        sentence with many speech verbs (a page of text without full stops) is not read
        again for each of them (nor for each 'continued' after a quotation)."""
        start, end = self.sentence
        if sent_start != start or at > end:
            return tokenize(self.masked[sent_start:at])
        if self._words is None:
            words = tokenize(self.masked[start:end])
            self._words = (words, [pos + len(t) for t, pos in words])
        tokens, ends = self._words
        k = bisect.bisect_right(ends, at - sent_start)
        if k < len(tokens) and tokens[k][1] < at - sent_start:  # a token runs across `at`
            return tokenize(self.masked[sent_start:at])
        return tokens[:k]

    def subject(self, sent_start: int, verb_at: int, word: str, prior: list) -> Subject:
        """The subject of the speech verb `word` at `verb_at` (`prior`: the sentence's speech
        verbs before it, as (start, end, word, speaker, subject))."""
        tokens = self.words_before(sent_start, verb_at)
        if is_participle(word):
            quoted = self._quoted_as(sent_start, tokens)
            if quoted is not None:
                return quoted
        modal = False
        while tokens:
            last = tokens[-1][0]
            if last.lower() in AUXILIARIES or adverb(last):
                modal = modal or last.lower() in MODALS
                tokens.pop()
            elif last in (")", "—", "–") and drop_aside(tokens):
                continue  # 'The minister — who asked not to be named — said'
            else:
                break
        if word.lower() in FINDING_NOUNS:
            return self._owner_subject(sent_start, tokens, modal)
        if is_participle(word):
            return self._participle_subject(sent_start, tokens, prior)
        if not tokens:
            return Subject("none", modal=modal)
        last = tokens[-1][0]
        if last.lower() in COORDINATORS:
            return Subject("coord", modal=modal)
        if last.lower() in ("who", "which", "that") and len(tokens) >= 2:
            antecedent = _without_trailing_date(tokens[:-1])
            while antecedent and antecedent[-1][0] in (",", "—", "–", "("):
                antecedent = antecedent[:-1]
            antecedent = _without_of_appositive(antecedent)
            if last.lower() == "which":  # a thing: the object of a preposition before it
                antecedent = _determined_object(antecedent)
                clause = _after_preposition(last_clause(antecedent))
            else:
                clause = last_clause(antecedent)
            relative = self._name_ending(sent_start, antecedent) or self.noun_phrase(
                sent_start, clause)
            relative.modal = modal
            return relative
        if last == ",":
            found = self._appositive_subject(sent_start, tokens[:-1])
            if found:
                found.modal = modal
                return found
            return Subject("none", modal=modal)
        clause = last_clause(tokens)
        named = self._name_ending(sent_start, tokens)
        if named is not None and clause and named.start < sent_start + clause[0][1] \
                and " and " in named.text:  # 'The Department for Energy Security and Net Zero'
            named.modal = modal
            return named
        subject = self.noun_phrase(sent_start, clause)
        subject.modal = modal
        return subject

    def _owner_subject(self, sent_start: int, tokens: list[tuple[str, int]],
                       modal: bool) -> Subject:
        """'the Committee's finding that': the owner of the finding, not the clause's subject."""
        if not tokens:
            return Subject("none", modal=modal)
        token, at = tokens[-1]
        owner_end = sent_start + at + len(token) - 2
        mention = self.names.mention_at(max(sent_start, owner_end - 80), owner_end + 1)
        if mention is not None and mention.end >= owner_end - 1:
            named = self.names.last_org(mention.start, max(0, mention.start - 20_000),
                                        mention.name.lower()) if " " not in mention.name else None
            return Subject("name", named or mention.name, mention.start, modal=modal)
        return Subject("description", token, sent_start + at, modal=modal)

    def _participle_subject(self, sent_start: int, tokens: list[tuple[str, int]],
                            prior: list) -> Subject:
        """'with X saying' -> X; else the subject of an earlier speech verb; else a guess."""
        while tokens and tokens[-1][0] == ",":
            tokens = tokens[:-1]
        found = self._name_ending(sent_start, tokens)
        if found:
            before = [t.lower() for t, s in tokens if sent_start + s < found.start]
            while before and before[-1] in TITLE_WORDS | {"ministry", "foreign", "party"}:
                before.pop()
            if before and before[-1] == "with":
                return found
        for _s, _e, _w, speaker, subject in reversed(prior):
            if speaker is not None and not subject.modal:
                return Subject(subject.kind, subject.text, subject.start, weak=True)
        opening = _OPENING_APPOSITIVE.match(self.masked, sent_start)
        if opening:  # 'Seoul's waterworks authority, Arisu, put out a statement … saying'
            mention = self.names.mention_at(opening.start(1), opening.end(1) + 1)
            if mention is not None and mention.start == opening.start(1):
                return Subject("name", mention.name, mention.start, weak=True)
        for token, s in tokens:
            pos = sent_start + s
            # the mention this token starts ('Tobias' of 'Tobias Lindqvist'), else one of its own
            mention = next(iter(self.names.between(pos, pos + 1)), None) or \
                self.names.mention_at(pos, pos + len(token))
            if mention is None or mention.start != pos and mention.start > pos:
                continue
            if not self.personish(mention):
                continue
            previous = [t.lower() for t, p in tokens if p < s]
            if previous and previous[-1] in PREPOSITIONS | DETERMINERS:
                continue
            return Subject("name", mention.name, mention.start, weak=True)
        return Subject("none", weak=True)

    def _quoted_as(self, sent_start: int, tokens: list[tuple[str, int]]) -> Subject | None:
        """'quotes a cabinet minister as saying', 'quoted Sandra Beck as saying': the person
        between 'quote' and 'as' says the words, not the one quoting them."""
        if len(tokens) < 3 or tokens[-1][0].lower() != "as":
            return None
        for i in range(len(tokens) - 2, max(-1, len(tokens) - 14), -1):
            if tokens[i][0].lower() in ("quotes", "quoted", "quoting", "quote"):
                between = tokens[i + 1:-1]
                named = self._name_ending(sent_start, between)
                if named is not None:
                    return named
                described = self.noun_phrase(sent_start, between)
                return described if described.kind == "description" else None
        return None

    def _appositive_subject(self, sent_start: int, tokens: list[tuple[str, int]]
                            ) -> Subject | None:
        """'Ali Larijani, chairman of the Majlis, (strongly) criticized' -> Ali Larijani."""
        segments: list[list[tuple[str, int]]] = [[]]
        for token in tokens:
            if token[0] == ",":
                segments.append([])
            else:
                segments[-1].append(token)
        if len(segments) < 2:
            return None
        appositive, before = segments[-1], segments[-2]
        if not appositive:
            return None
        head = appositive[0][0]
        named_appositive = self._name_ending(sent_start, appositive)
        if named_appositive and not introduces_name(
                self.text[sent_start + appositive[0][1]:named_appositive.start]):
            named_appositive = None
        if head.lower() in DETERMINERS | TITLE_WORDS | {"former", "deputy"} or head.islower():
            named = self._name_ending(sent_start, before)
            if named is not None and self._object_of_preposition(sent_start, before, named):
                # 'The organisation's representative in Sudan, Dr Helen Achieng, said'; 'A camp
                # leader in Dali, one of the largest sites, put it': the place is no subject
                described = self.noun_phrase(sent_start, last_clause(before))
                return named_appositive or (described if described.kind == "description"
                                            else None)
            if named is None and (is_participle(head) or PAST_PARTICIPLE.fullmatch(head)):
                # 'what one official, speaking …,'; 'The audit, dated February 2026 and
                # prepared by …, found'; 'The lenders, led by …, said'
                described = self.noun_phrase(sent_start, last_clause(before))
                return described if described.kind == "description" else None
            if named is None:
                # 'The employers' group, the Ports Alliance, said'; 'the cabinet member for
                # transport, Councillor Daniel Achebe, apologised'; 'His neighbour, florist
                # Jo Pennant, said'
                return named_appositive
            return named
        # 'The prime minister, Jane Doe, said' -> the appositive is the name
        if named_appositive:
            return named_appositive
        owner = next((n for n, (t, _s) in enumerate(appositive[:4])
                      if re.search(r"[’']s?$", t) and t[:1].isupper() or t in ("’s", "'s")), None)
        if owner is not None and any(t[:1].islower() for t, _s in appositive[owner + 1:]):
            # 'Jane Doe, Acme's chief executive, said', 'X, Fife Council's spokesperson for …,
            # said': a possessive description of the name
            return self._name_ending(sent_start, before)
        return None

    @staticmethod
    def _object_of_preposition(sent_start: int, tokens: list[tuple[str, int]],
                               named: Subject) -> bool:
        """Whether the word before a name that ends `tokens` is a preposition ('in Sudan')."""
        before = [t.lower() for t, s in tokens if sent_start + s < named.start]
        return bool(before) and before[-1] in PREPOSITIONS

    def _name_ending(self, sent_start: int, tokens: list[tuple[str, int]]) -> Subject | None:
        if not tokens:
            return None
        last_token, last_start = tokens[-1]
        end = sent_start + last_start + len(last_token)
        mention = None
        for m in reversed(self.names.between(max(0, end - 200), end)):
            if end - 3 <= m.end <= end:
                mention = m
                break
            if m.end < end - 3:
                break
        if mention is None:
            return None
        return Subject("name", mention.name, mention.start)

    def noun_phrase(self, sent_start: int, clause: list[tuple[str, int]]) -> Subject:
        if not clause:
            return Subject("none")
        if clause[0][0].lower() in PREPOSITIONS or len(clause) > 2 and \
                clause[0][0][:1].isupper() and not clause[1][0][:1].isupper():
            clause = _after_opening_phrase(clause)  # 'In a …', 'Già nel 2019 una relazione
        while len(clause) > 1 and (clause[0][0].isdigit() or clause[0][0].lower() in
                                   SENTENCE_STARTERS - DETERMINERS - PRONOUNS
                                   or clause[0][0].lower() in TIMES_OF_DAY
                                   or _dates_the_clause(clause)):
            clause = clause[1:]  # 'Later the supreme leader', 'In 2005 he', 'In October the'
        words = [t for t, _s in clause]
        if words[-1].lower() in PRONOUNS | {"you"} and (len(words) == 1 or words[-2].lower()
                                                       not in PREPOSITIONS):
            # 'in its latest brief it reported', 'a statement he has not repeated': a noun
            # phrase cannot end in a subject pronoun; the pronoun is the subject
            return Subject("pronoun", words[-1].lower(), sent_start + clause[-1][1])
        for n in range(1, len(clause)):
            if words[n].lower() in POST_MODIFIERS and words[n].islower() or \
                    PAST_PARTICIPLE.fullmatch(words[n]) and words[n + 1:n + 2] == ["by"] or \
                    words[n] == "of" and self._person_ends(sent_start, clause[n - 1]) or \
                    time_adverbial(words, n):  # 'Ofwat's final determination last year said'
                clause, words = clause[:n], words[:n]
                break
        start = sent_start + clause[0][1]
        end = sent_start + clause[-1][1] + len(clause[-1][0])
        phrase = self.text[start:end]
        if len(words) == 2 and words[0].lower() == "the" and age_or_nationality(words[1]):
            return Subject("description", phrase, start)  # 'the Finn said', 'the 24-year-old'
        if len(words) <= 8:
            mention = self.names.mention_at(start, end + 1)
            tail_is_name = mention is not None and mention.end >= end - 2
            if tail_is_name and _person_from_place(words):
                return Subject("description", phrase, start)  # 'One resident of Oleshky'
            if tail_is_name and mention is not None and (
                    self.personish(mention)
                    or only_titles(self.text[start:mention.start])
                    and words[0].lower() not in DETERMINERS):
                return Subject("name", mention.name, mention.start)
            if words[0].lower() in DETERMINERS or _foreign_article_role(words) or \
                    words[0][:1].islower() or \
                    words[0].lower() in DEMONYMS or possessive_owner(phrase) or \
                    len(words) > 1 and re.search(r"[’']s$", words[0]) and words[1].islower() or \
                    _owned_unit(words):
                return Subject("description", phrase, start)  # 'Spain’s prime minister'

            if mention is not None:
                return Subject("name", mention.name, mention.start)
        for token, s in reversed(clause):
            pos = sent_start + s
            mention = self.names.mention_at(pos, pos + len(token) + 1)
            if mention:
                previous = [t.lower() for t, p in clause if p < s]
                if previous and previous[-1] in PREPOSITIONS:
                    continue
                return Subject("name", mention.name, mention.start)
        return Subject("none")

    def _person_ends(self, sent_start: int, token: tuple[str, int]) -> bool:
        """Whether `token` ends a person's name: 'Siobhán Keane of the … Association told me'
        is Keane speaking, the organisation only saying where she is from."""
        end = sent_start + token[1] + len(token[0])
        mention = self.names.mention_at(max(0, end - 80), end + 1)
        if mention is None or mention.end < end - 1 or mention.org:
            return False
        return mention.person_like or self.names.is_person(
            self.names.full_name(mention.name, mention.start))

    def personish(self, mention: Mention) -> bool:
        """Whether a mention may be a person speaking (not an organisation or a common word)."""
        if mention.person_like or mention.titled:
            return True
        if len(mention.tokens) != 1:
            return False
        return self.names.full_name(mention.name, mention.start) != mention.name or \
            mention.name.lower() not in NOT_GIVEN_NAMES | SENTENCE_STARTERS


def _person_from_place(words: list[str]) -> bool:
    """'One resident of Oleshky', 'a woman in Kabale', 'a teacher from Gulu': a person the
    text describes by where they are from; the place is no speaker."""
    return len(words) >= 3 and words[-2] in ("of", "in", "from") and \
        words[-3].islower() and words[-3] in PERSON_NOUNS and len(words[-1].split()) == 1


def _dates_the_clause(clause: list[tuple[str, int]]) -> bool:
    """'(In) October the ministry', '(On) Monday 5 May the agency': a month or weekday opening
    the clause before a lowercase word or a number is when, not who ('May Smith' is a name)."""
    following = clause[1][0]
    return clause[0][0].lower() in CALENDAR_WORDS and (following[:1].islower()
                                                      or following.isdigit())


def _owned_unit(words: list[str]) -> bool:
    """'Stockholm University's Baltic centre', 'Acme's Paris office': a named part of a named
    owner, the whole phrase the speaker (the name inside it alone is neither)."""
    return len(words) > 3 and words[-1].islower() and words[-1].isalpha() and \
        words[-2][:1].isupper() and not re.search(r"[’']s$", words[-2]) and any(
            re.search(r"[’']s$", w) for w in words[1:-2])


def _determined_object(tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """'Her office pointed reporters to a written statement, which said': a thing 'which'
    said is the noun phrase right before it, the object of its preposition ('of' aside: 'the
    statement of the ministry, which said' is the statement's)."""
    for n in range(len(tokens) - 1, 0, -1):
        before = tokens[n - 1][0].lower()
        if before in PREPOSITIONS and before != "of" and tokens[n][0].lower() in DETERMINERS:
            return tokens[n:]
    return tokens


def _after_opening_phrase(clause: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """'In a radio interview last week the mayor said': a sentence opening on a prepositional
    phrase with no comma after it; the subject is the noun phrase a later determiner opens
    (not after a preposition or 'of', which keep it inside the opening phrase)."""
    words = [t.lower() for t, _s in clause]
    for k in range(len(words) - 1, 1, -1):
        if words[k] in _OPENS_NOUN_PHRASE and words[k - 1] not in PREPOSITIONS and \
                words[k - 1] not in DETERMINERS and words[k - 1].isalnum():
            return clause[k:]
    return clause


_OPENS_NOUN_PHRASE = frozenset({"the", "a", "an", "this", "that", "his", "her", "its", "their",
                                "una", "uno", "un", "il", "lo", "la", "o", "os", "el", "los",
                                "der", "die", "das", "ein", "eine", "le", "les", "une"})
