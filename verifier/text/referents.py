"""Who a pronoun or a description refers to: 'he said', 'she told me', 'it said', 'Its
statement was short:', 'the ministry said', 'the statement said', 'the supreme leader said'.

Candidates are the speakers of earlier speech events and the people named as the subjects of
recent sentences; a candidate the text calls by the other pronoun is skipped ('she' is not
the man named last), and organisations are only ever 'it' or 'they'.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .names import NameIndex
from .outletvocab import is_outlet
from .phrases import (
    DETERMINERS,
    PREPOSITIONS,
    is_foreign_article,
    possessive_owner,
    strip_determiners,
    strip_titles,
    tokenize,
)
from .speechverbs import PERSON_NOUN_PATTERN, PERSON_NOUNS
from .wordlists import words

_OWNER_THEN_HEAD = re.compile(r"\w[’']s\s+[a-z]+$")
# 'A spokesman said', 'Ein Sprecher wurde … zitiert': someone holding the role, not the person
# the text named with it
_INDEFINITE = frozenset(("a", "an", "one", "ein", "eine", "un", "una", "une"))
# 'the ministry said' refers to an organisation named before ('Ministry of …'), or to the
# organisation the passage is about ('the group said' after 'Amnesty International said').
ORG_NOUNS = words("""
ministry department agency group organisation organization company firm union council committee
commission court bank party operator authority board body institute university programme
program bureau army police military embassy foundation charity ngo network channel outlet
newspaper broadcaster campaign coalition alliance movement association federation club team
league school hospital regulator watchdog consultancy observatory monitor panel
""")
# 'A diplomatic official said … the source is quoted saying': words that can take up any
# person described just before; 'the mayor' after 'a port spokesperson' is someone else.
_ANY_PERSON = words("source official person individual man woman insider figure")
# 'the statement said': the document speaks for whoever issued it.
DOCUMENT_NOUNS = words("""
statement report letter post tweet release communique communiqué announcement message memo
ruling document notice filing decree
""")
# 'the 24-year-old', 'the Norwegian', 'the Finn': sports and news copy call the person just
# quoted by age or nationality instead of repeating the name.
_DEMONYM_ENDINGS = ("ian", "ean", "ish", "ese", "man", "woman", "ard", "ani", "i")
_SHORT_DEMONYMS = words("""
finn swede dane briton scot pole czech swiss greek thai turk serb croat slovak slovene basque
""")
_COUNTRY_BEFORE = re.compile(r"([A-Z][\w\-]+)['’]s\s+(?:[a-z\-]+\s+){0,2}$")
_COUNTRY_ACRONYMS = words("us u.s usa uk u.k uae drc prc")
_PERSON_DESCRIPTION = re.compile(
    r"(?:^|(?<=[.!?;¤]\s))((?:Another|An?|The|One|Other)\s+(?:[a-z\-]+\s+){0,2}(?:"
    + PERSON_NOUN_PATTERN + r"))\b", re.M)

# A transcript turn's label: 'MINISTER HASSAN:', 'DR. EL-SAYED:', 'MR. O'NEILL (World Bank):'.
# (after a timestamp, as oral histories and podcasts print turns: '[00:04:38] MS. RIVERA:')
_TURN_TIME = r"(?:\[?\(?\d{1,2}(?::\d\d){1,2}\]?\)?\s+)?"
_TURN_LABEL = re.compile(_TURN_TIME + r"((?:[A-Z][A-Z.'’\-]*\s){0,3}[A-Z][A-Z.'’\-]+)\s*"
                         r"(?:\([^()\n]*\))?:\s")
_SAME_OR_OWN = re.compile(r"^(?:same|own)\s+(?=\S)", re.I)
_NON_SPEAKER_LABELS = words("Q A QUESTION ANSWER MODERATOR HOST INTERVIEWER CHAIR VOICE AUDIENCE")
# A committee's or court's transcript labels turns by a titled or full name in mixed case,
# after the question number: 'Q122 Peter Lomax:', 'Dr Marsh:', 'Mark Tillotson:'.
_NAMED_TURN_LABEL = re.compile(
    _TURN_TIME + r"(?:Q\d{1,4}\s+)?((?:(?P<title>Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|"
    r"Baroness|Cllr|Councillor|Judge|Justice)\.?\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})"
    r":\s")

# A parliamentary record's speaker heading, a paragraph of its own over the speech: 'Rhiannon
# Pryce (Mid Marches) (LD)', 'Sir Graham Lyle (in the Chair)', 'Tom Ashworth', or an office with
# the holder's name in parentheses: 'The Parliamentary Under-Secretary of State for Transport
# (Maya Okafor)'.
_SPEAKER_HEADING = re.compile(
    r"\s*(?:The\s+[A-Z][^()\n.:]{2,120}?\s*\((?P<holder>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3})"
    r"\)|(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Baroness)\.?\s+)?[A-Z][\w'’\-]+"
    r"(?:\s+[A-Z][\w'’\-]+){1,3})(?P<parens>(?:\s*\([^()\n]{1,60}\)){0,2}))\s*$")
_HEADING_REACH = 40  # paragraphs a speech runs on under its heading
_HEADING_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Baroness)\.?\s+")

_ORG_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?¤]\s))((?:The|This|That)\s+(?:[a-z\-]+\s+){0,2}(" + "|".join(
        sorted(w.capitalize() + "|" + w for w in ORG_NOUNS)) + r")\b)", re.M)


@dataclass
class Speaker:
    """A resolved speaker: the name as the document wrote it in full, or a description."""

    name: str
    person: bool  # a single person (pronouns he/she may refer to it)
    # "name", "pronoun", "description", "according", "continuation", "colon", "turn",
    # "vocative", "reply", "author-date": how the text says who speaks
    how: str


@dataclass
class SpeechEvent:
    """Someone said something at `offset` (a speech verb's subject, or a quote's speaker)."""

    offset: int
    speaker: Speaker
    paragraph: int


class Referents:
    """Resolves pronouns and descriptions against what the passage has said so far."""

    def __init__(self, text: str, masked: str, names: NameIndex,
                 paras: list[tuple[int, int]]) -> None:
        self.text = text
        self.masked = masked
        self.names = names
        self.paras = paras
        self.events: list[SpeechEvent] = []
        self.pronoun_of: dict[str, str] = {}  # name -> "he" or "she", as the text refers to it
        self._headings: tuple[list[tuple[int, str]], dict[str, int]] | None = None

    def gender(self, name: str) -> str | None:
        return self.names.gender(name) or self.pronoun_of.get(name)

    def _window_start(self, paragraph: int, back: int) -> int:
        if not self.paras:
            return 0
        return self.paras[max(0, min(paragraph, len(self.paras) - 1) - back)][0]

    # -- pronouns ------------------------------------------------------------------------
    def pronoun(self, pronoun: str, at: int, paragraph: int) -> Speaker | None:
        if pronoun in ("i", "my"):
            return self._turn_speaker(paragraph)
        if pronoun in ("he", "she", "his", "her"):
            return self._person_pronoun("he" if pronoun in ("he", "his") else "she", at,
                                        paragraph)
        if pronoun in ("it", "its"):
            return self._it(at, paragraph)
        if pronoun in ("they", "their"):
            for event in reversed(self.events):
                if event.offset >= at:
                    continue
                if paragraph - event.paragraph > 1:
                    break
                if not event.speaker.person:
                    return Speaker(event.speaker.name, False, "pronoun")
        return None

    def _turn_speaker(self, paragraph: int) -> Speaker | None:
        """'I' in a transcript's turn ('MINISTER HASSAN: … As I told them, “…”') is the
        person its label names: the last word of the label, as the text names that person in
        full ('Karim Hassan')."""
        if not 0 <= paragraph < len(self.paras):
            return None
        start = self.paras[paragraph][0]
        label = _TURN_LABEL.match(self.text, start, self.paras[paragraph][1])
        if label is None:
            return self._named_turn_speaker(start, self.paras[paragraph][1]) \
                or self._heading_speaker(paragraph)
        surname = label.group(1).split()[-1].strip(".")
        if len(surname) < 2 or surname.upper() in _NON_SPEAKER_LABELS:
            return None
        form = surname[:1] + surname[1:].lower() if surname.isupper() else surname
        if "-" in form or "'" in form:  # EL-SAYED -> El-Sayed, O'NEILL -> O'Neill
            form = re.sub(r"(?<=[-'])\w", lambda m: m.group(0).upper(), form)
        full = self.names.full_name(form, start)
        return Speaker(full, True, "turn")

    def _named_turn_speaker(self, start: int, end: int) -> Speaker | None:
        """'I' in a turn labelled in mixed case ('Dr Marsh: … I told our trustees, “…”'): the
        person the label names, when it is titled or a person the text names in full."""
        label = _NAMED_TURN_LABEL.match(self.text, start, end)
        if label is None:
            return None
        words = label.group(1).split()
        surname = words[-1]
        if surname.upper() in _NON_SPEAKER_LABELS:
            return None
        full = self.names.full_name(surname, start) if len(words) == 1 or label.group(
            "title") else " ".join(words)
        if not (label.group("title") or self.names.is_person(full)):
            return None
        return Speaker(full, True, "turn")

    def _heading_speaker(self, paragraph: int) -> Speaker | None:
        """'I' in a speech printed under its speaker's heading (a parliamentary record): the
        nearest heading before it that names a person, with the constituency and party or
        office in parentheses, or by name alone once such a heading has named them."""
        headings, first_full = self._speaker_headings()
        n = bisect.bisect_left(headings, (paragraph, "")) - 1
        if n < 0 or paragraph - headings[n][0] >= _HEADING_REACH:
            return None
        at, name = headings[n]
        if first_full.get(name, at + 1) > at:
            return None  # a byline or a title, not a speaker's heading
        return Speaker(name, True, "turn")

    def _speaker_headings(self) -> tuple[list[tuple[int, str]], dict[str, int]]:
        """(paragraph, name) of every paragraph that reads as a speaker heading, and the first
        paragraph whose heading gives each name with its constituency, party or office (a
        record names a member in full once, then by name alone). Found once per document."""
        if self._headings is None:
            headings: list[tuple[int, str]] = []
            first_full: dict[str, int] = {}
            for n, (start, end) in enumerate(self.paras):
                heading = _SPEAKER_HEADING.fullmatch(self.text, start, end) \
                    if end - start <= 200 else None
                if heading is None:
                    continue
                name = heading.group("holder") or _HEADING_TITLE.sub("", heading.group("name"))
                headings.append((n, name))
                if heading.group("holder") or heading.group("parens"):
                    first_full.setdefault(name, n)
            self._headings = (headings, first_full)
        return self._headings

    def dropped_subject(self, at: int, paragraph: int) -> Speaker | None:
        """The person a verb without a subject means ('«…», ha spiegato in una nota', '"…",
        disse.'): the most recent person of the passage, of either sex."""
        return self._person_pronoun("", at, paragraph)

    def _person_pronoun(self, pronoun: str, at: int, paragraph: int) -> Speaker | None:
        """The most recent person of the passage the text does not call by the other
        pronoun: speakers of speech events and people named as subjects."""
        other = {"he": "she", "she": "he"}.get(pronoun, "")
        candidates: list[tuple[int, str, bool]] = []  # (offset, name, described)
        for event in reversed(self.events):
            if paragraph - event.paragraph > 3:
                break
            if event.offset < at and event.speaker.person:
                candidates.append((event.offset, event.speaker.name,
                                   event.speaker.how == "description"))
        window = self._window_start(paragraph, 3)
        candidates += [(pos, name, False) for pos, name in self._subject_people(window, at)]
        here = self._window_start(paragraph, 0)
        for m in _PERSON_DESCRIPTION.finditer(self.masked, here, at):
            candidates.append((m.start(1), strip_determiners(m.group(1)), True))
        turn = self._turn_speaker(paragraph) if pronoun else None
        for pos, name, described in sorted(candidates, reverse=True):
            holder = self._role_holder(name, pos) if described else None
            if holder:  # 'The chair reported progress. “…,” she said': the chair's name
                name, described = holder, False
            if other and self.gender(name) == other:
                continue
            if turn is not None and name == turn.name:
                continue  # 'he' in a transcript turn is never the person speaking it ('I')
            if described and re.search(r"\b(?:wo)?men\b|\bpeople\b", name):
                continue
            return self._remember(name, pronoun, not described)
        last = self.names.last_person(at, max(0, at - 1500))
        if last and (not other or self.gender(last) != other):
            return self._remember(last, pronoun, True)
        return None

    def _role_holder(self, description: str, at: int) -> str | None:
        """The person named earlier with the role a description ends in ('the chair' after
        'the chair of the negotiating body, Ambassador Lotte Visser'), when it is a title."""
        found = [w.lower() for w in re.findall(r"[^\W\d_][\w’'\-]*", description)]
        found = [w for w in found if w not in DETERMINERS]
        if not found or found[-1] not in self._titles():
            return None
        return self.names.by_role(found[-1], set(found[:-1]), at, known=False)

    def _remember(self, name: str, pronoun: str, named: bool) -> Speaker:
        """Remember that `name` is 'he' (or 'she'), so the other pronoun looks elsewhere."""
        if pronoun:
            self.pronoun_of.setdefault(name, pronoun)
        return Speaker(name, True, "pronoun" if named else "description")

    def _subject_people(self, after: int, before: int) -> list[tuple[int, str]]:
        """People named between the offsets, not as the object of a preposition."""
        found = []
        for m in self.names.between(after, before):
            if m.org:
                continue
            full = self.names.full_name(m.name, m.start)
            if not (m.person_like or m.titled or full != m.name and self.names.is_person(full)):
                continue
            left = tokenize(self.masked[max(after, m.start - 40):m.start])
            while left and (left[-1][0].lower() in PERSON_NOUNS or left[-1][0].lower() in
                            DETERMINERS or left[-1][0].islower() and left[-1][0] in (
                                "former", "deputy") or _owner(left[-1][0])):
                left.pop()
            if left and left[-1][0].lower() in PREPOSITIONS and not self._fronted(left, m.end):
                continue
            found.append((m.start, full))
        return found

    def _fronted(self, left: list[tuple[str, int]], end: int) -> bool:
        """'For Herrera, the debate is simpler': a person fronted by a sentence's opening
        preposition and a comma is what the sentence (and the next pronoun) is about."""
        opens = len(left) == 1 or left[-2][0] in (".", "!", "?", "¤") or \
            left[-2][0].endswith((".", "!", "?"))
        return opens and left[-1][0][:1].isupper() and self.masked[end:end + 1] == ","

    def _it(self, at: int, paragraph: int) -> Speaker | None:
        """'it said', 'Its statement': the organisation or outlet the passage is about."""
        best: tuple[int, str] | None = None
        for event in reversed(self.events):
            if paragraph - event.paragraph > 1:
                break
            if event.offset < at and not event.speaker.person:
                best = (event.offset, event.speaker.name)
                break
        window = self._window_start(paragraph, 1)
        for m in reversed(self.names.between(window, at)):
            if m.org or is_outlet(m.name):
                if best is None or m.start > best[0]:
                    best = (m.start, m.name)
                break
        for d in _ORG_SUBJECT.finditer(self.masked, self._window_start(paragraph, 0), at):
            if best is None or d.start(1) > best[0]:  # 'The ministry rejected that claim.'
                org = self._organisation(d.group(2).lower(), d.start(1), paragraph, [])
                best = (d.start(1), org if org and d.group(2).lower() in org.lower()
                        else strip_determiners(d.group(1)))
        return Speaker(best[1], False, "pronoun") if best else None

    # -- descriptions --------------------------------------------------------------------
    def description(self, phrase: str, at: int, paragraph: int) -> Speaker | None:
        found = re.findall(r"[^\W\d_][\w’'\-]*", phrase)
        lowered = [w.lower() for w in found]
        core = lowered[:lowered.index("of")] if "of" in lowered else lowered
        core = [w for n, w in enumerate(core) if w not in DETERMINERS and not (
            n == 0 and is_foreign_article(found[0]))]  # 'La ministra', not 'the UN agency'
        if not core:
            return None
        head = core[-1]
        if lowered == ["this", "court"] and found[1] == "Court":
            return Speaker("Court", False, "description")  # a court's opinion naming itself
        if possessive_owner(phrase):
            owner = strip_titles(phrase)
            return Speaker(owner, False, "description")
        definite = lowered[0] in ("the", "this", "its", "that", "la", "el", "le", "der", "die",
                                  "das")
        if head in DOCUMENT_NOUNS and definite:
            speaker = self._issuer(at, paragraph)
            if speaker:
                return speaker
        if head in ORG_NOUNS and _OWNER_THEN_HEAD.search(phrase):
            # 'The Energy Secretary's department': its owner says which; no other body
            return Speaker(strip_determiners(phrase), False, "description")
        if head in ORG_NOUNS and definite and len(core) <= 3:
            named = [w for w in found[1:] if w[:1].isupper() and w.lower() in core[:-1]]
            org = self._organisation(head, at - len(phrase) - 1, paragraph, named)
            proper = len(found) > 1 and all(w[:1].isupper() for w in found[1:])
            if org and not (proper and not all(w in org.split() for w in named)):
                return Speaker(org, False, "description")
            if proper:  # 'the Audit Bureau' is a name, not another organisation's description
                return Speaker(" ".join(found[1:]), False, "description")
        if definite and len(core) == 1 and age_or_nationality(found[-1]):
            person = self._person_byage_or_nationality(found[-1], at, paragraph)
            if person:
                return self._remember(person, self.pronoun_of.get(person, ""), False)
        person_noun = head in PERSON_NOUNS
        if person_noun and head in self._titles() and lowered[0] not in _INDEFINITE:
            name = self.names.by_role(head, set(core[:-1]), at)
            if name:
                return Speaker(name, True, "description")
        if person_noun and definite:  # 'the spokesperson added': the one who spoke just now
            for event in reversed(self.events):
                if event.offset >= at or event.paragraph != paragraph:
                    continue
                words_before = event.speaker.name.lower().split()
                if event.speaker.how == "description" and (head in words_before or (
                        head in _ANY_PERSON and any(w in PERSON_NOUNS for w in words_before))):
                    return event.speaker
        cleaned = _SAME_OR_OWN.sub("", strip_determiners(phrase))  # 'the same study', 'own managers'
        return Speaker(cleaned, person_noun and not head.endswith("s"), "description")

    def _person_byage_or_nationality(self, word: str, at: int, paragraph: int) -> str | None:
        """The person 'the Finn' or 'the 24-year-old' means: the last person named as a subject
        in the last few paragraphs whom the text does not place in another country ('Sweden's
        Elsa Lindqvist' is not 'the Norwegian'); one it places in that country first."""
        window = max(self._window_start(paragraph, 3), at - 3000)
        country: dict[str, str] = {}
        for m in self.names.between(window, at):
            tag = _COUNTRY_BEFORE.search(self.masked, max(window, m.start - 40), m.start)
            if tag and not m.org:
                country[self.names.full_name(m.name, m.start)] = tag.group(1)
        people = [name for _start, name in self._subject_people(window, at)]
        if word[:1].isupper():
            stem = word.lower()[:3]
            same = [p for p, place in country.items() if place.lower().startswith(stem)]
            if same:
                return same[-1]
            people = [p for p in people if p not in country]
        return people[-1] if people else None

    @staticmethod
    def _titles() -> frozenset[str]:
        from .names import TITLE_WORDS

        return TITLE_WORDS

    def _issuer(self, at: int, paragraph: int) -> Speaker | None:
        """Who issued the statement (report, letter) a sentence quotes: the speaker of the
        passage's last speech event, an organisation first."""
        recent = []
        for event in reversed(self.events):
            if paragraph - event.paragraph > 2:
                break
            if event.offset < at and event.speaker.how != "description":
                if not event.speaker.person:
                    return event.speaker
                recent.append(event)
        return recent[0].speaker if recent else None

    def _organisation(self, head: str, before: int, paragraph: int,
                      modifiers: list[str]) -> str | None:
        """The organisation 'the ministry' means: the last one named with that word (and the
        description's capitalised words: 'the UN agency'), else the last organisation the
        passage named or heard from."""
        named = self.names.last_org(before, max(0, before - 20_000), head)
        if named and all(m in named.split() for m in modifiers):
            return named
        window = self._window_start(paragraph, 1)
        best = self._last_organisation(window, before)
        for event in reversed(self.events):
            if paragraph - event.paragraph > 1:
                break
            if event.offset < before and not event.speaker.person and \
                    event.speaker.how != "description":
                if best is None or event.offset > best[0]:
                    best = (event.offset, event.speaker.name)
                break
        return best[1] if best else None

    def _last_organisation(self, after: int, before: int) -> tuple[int, str] | None:
        """The last organisation named between the offsets that is not a country written as
        an acronym ('US states' does not make the US 'the company')."""
        for m in reversed(self.names.between(after, before)):
            if m.org and m.name.lower().rstrip(".") not in _COUNTRY_ACRONYMS:
                return m.start, m.name
        return None


def age_or_nationality(word: str) -> bool:
    """'24-year-old' (written 'year-old' once digits are cut), 'Norwegian', 'Finn'."""
    lowered = word.lower()
    if lowered.endswith("year-old"):
        return True
    if not word[:1].isupper() or lowered in ORG_NOUNS or lowered in PERSON_NOUNS \
            or is_outlet(word):  # 'the Guardian', 'the Herald' name newspapers
        return False
    return lowered in _SHORT_DEMONYMS or lowered.endswith(_DEMONYM_ENDINGS)


def _owner(token: str) -> bool:
    """'Sweden's' in 'clear of Sweden's Elsa Lindqvist': a possessive before a name, which
    leaves the preposition before it governing the name."""
    return token[:1].isupper() and token.endswith(("'s", "’s"))
