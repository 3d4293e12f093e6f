"""Who a document names: runs of capitalised words read as people or organisations, with the
titles and roles written around them ("Supreme Leader Ali Khamenei", "Hamas leader Ismail
Haniyeh", "Khaled Mashaal, head of the political bureau", "the Ministry of Human Rights").

Used to write a speaker's name in full as the document first gave it ("Khamenei said" ->
"Ali Khamenei", "Chen said" -> "Chen Wei", "Méndez said" -> "Carolina Méndez Ruiz"), to
resolve descriptions ("the supreme leader said", "the ministry said") and pronouns, for
which it learns whether the text calls each person "he" or "she".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .namevocab import (
    ARTICLES,
    CALENDAR_WORDS,
    DEMONYMS,
    DEPARTMENTS,
    FEMALE_NOUNS,
    MALE_NOUNS,
    NOT_GIVEN_NAMES,
    ORG_WORDS,
    PARTICLES,
    SENTENCE_STARTERS,
    THING_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
)
from .namewords import (
    CYRILLIC_CAPITAL,
    POSSESSIVE,
    given_name,
    heads_org,
    is_org_name,
    is_title_word,
    name_key,
    slavic_name_start,
    surname_key,
    title_inside_name,
)
from .speechverbs import AUXILIARIES, SPEECH_FORMS
from .textspans import SpanIndex

__all__ = ["ARTICLES", "CALENDAR_WORDS", "DEMONYMS", "DEPARTMENTS", "NOT_GIVEN_NAMES", "ORG_WORDS",
           "PARTICLES", "SENTENCE_STARTERS", "TITLE_WORDS", "Mention", "NameIndex",
           "is_title_word", "surname_key"]

_WORD = re.compile(r"[^\W\d_][\w’'\-]*", re.U)
_PLAIN_WORD = re.compile(r"[^\W\d_][\w\-]*")
# Capital letters that open a name: Latin, Latin-1, Latin Extended-A and -B ('Gökhan Şahin',
# 'Łukasz Żak', 'Petr Čech') and Cyrillic ('Алексей Дубров').
UPPER = "A-Z\u00C0-\u00DE\u0400-\u042F" + "".join(
    chr(c) for c in range(0x100, 0x250) if chr(c).isupper())
_NAME_TOKEN = rf"(?:[{UPPER}][\w’'\-]*|(?:al|el|ad|as|ash|at|az|an|ar|ul)-[^\W\d_][\w’'\-]*)"
_APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:former\s+)?(?:deputy\s+)?"
                         r"([^\W\d_][\w\-]*)")
# An honorific the name run leaves out ('Dr. ' has a full stop), and a role 'of' something in
# an appositive before the name: both say what the role words before them belong to.
_HONORIFIC_BEFORE = re.compile(r"\b(?:Dr|Prof|Mr|Mrs|Ms|Mx|Sir|Dame)\.?\s+$")
_ABBREVIATED_TITLE = re.compile(r"\b([A-Z][a-z]{1,5})\.\s+$")
_ROLE_OF_BEFORE = re.compile(r"(?<![\w\-])([A-Za-z]+(?:-[A-Za-z]+)?)\s+(?:of|for|at)\s+"
                             r"(?:the\s+)?[^,.;:()¤\n]{2,50},\s*$")
# Letters written after a person's name (a seat, an honour, a degree): not part of the name.
_POST_NOMINALS = frozenset((
    "MP", "MPs", "MSP", "MS", "MLA", "MEP", "AM", "TD", "QC", "KC", "JP", "OBE", "CBE", "MBE",
    "KBE", "DBE", "CH", "OM", "FRS", "FRSE", "FBA", "FMedSci", "PhD", "DPhil", "MD"))

# Up to two particles between name words: 'Ursula von der Leyen', 'Joost van den Berg'.
_RUN = re.compile(rf"(?<![\w’'\-]){_NAME_TOKEN}(?:(?: (?:{'|'.join(sorted(PARTICLES))})){{0,2}} "
                  rf"{_NAME_TOKEN})*")
_TITLE_OF = re.compile(r"\b(?:[A-Z][a-z]+|" + "|".join(sorted(TITLE_WORDS))
                       + r")\s+(?:of|for)\s+(?:the\s+)?$", re.I)
# What joins the parts of one organisation's name: 'Ministry of Human Rights', 'Panel of
# Experts on Yemen', 'Ministry of Environment, Urbanisation and Climate Change'.
_ORG_JOIN = re.compile(r" (?:of|for|on) (?:the )?$")
_JOINED_ORG = re.compile(r" (?:of|for|da|do|de|di|del|della) ")
# 'and' between the parts of one body's remit, in English and the Romance languages ('e do')
_AND_JOIN = re.compile(r" (?:and|e|y|et) (?:(?:do|da|dos|das|de|del|della|dei|des|du) )?")
_LIST_TAIL = re.compile(rf", ((?:{_NAME_TOKEN} )*{_NAME_TOKEN}) and ((?:{_NAME_TOKEN} )*"
                        rf"{_NAME_TOKEN})(?![\w’'\-])")
# A lone name that is a person: 'Sodaba, 16,', 'Maryam, a former teacher', 'Salem*'.
_PERSON_AFTER = re.compile(r"^(?:\*|,\s+\d{1,3}\s*[,.)]|,\s+(?:a|an)\s+(?:former\s+)?[a-z]"
                           r"|,\s+who\s)")
_NEXT_WORDS = re.compile(r"[ \t]+([a-z]+)(?:[ \t]+([a-z]+))?")
_KIN_BEFORE = re.compile(r"\b(?:(?:his|her|their|my|our)\s+)?([a-z]+)\s*,\s*$")
_PRONOUN = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.I)
# A title in Title Case right after the noun for a work, joined by a small word ('his book
# Jurisprudence and the Street', 'the album Salt on the Wire'): its capitalised words name no
# one. (A lone name after the noun may be a person: 'the book Smith wrote'.)
_WORK_TITLE = re.compile(
    r"\b(?:book|novel|memoir|album|film|documentary|essay|poem|song|play|opera|treatise)"
    r"\s+([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*(?:\s+(?:(?:and|of|the|a|an|in|on|for|to|"
    r"with|at)\s+)+[A-Z][\w’'\-]*)+)")
MASK = "¤"  # what stands for each character of a quotation in the text names are read from
# A nickname in quotation marks between a given name and a surname, masked: ' ¤¤¤¤¤¤¤¤¤¤ '.
_NICKNAME_GAP = re.compile(rf" {MASK}{{3,30}} ")
_SENTENCE_END = re.compile(rf"[.!?][\"”’)»]*\s+(?=[{UPPER}“\"‘(¤«—])|\n\n")


@dataclass
class Mention:
    """A run of capitalised words naming someone (or something) at `start`."""

    start: int
    end: int
    name: str  # without titles, possessive removed
    tokens: tuple[str, ...]
    titles: set[str] = field(default_factory=set)
    titled: bool = False  # a title stood before it ("President Ahmadinejad")
    org: bool = False  # an organisation ('Ministry of Health', 'Amnesty International')
    lone_person: bool = False  # a one-word name written as a person's ('Sodaba, 16,')

    @property
    def person_like(self) -> bool:
        if not self.tokens or self.org or self.tokens[-1].lower() in THING_WORDS:
            return False
        if self.titled or self.lone_person:
            return True
        return len(self.tokens) >= 2 and given_name(self.tokens[0]) and not any(
            t.lower() in NOT_GIVEN_NAMES for t in self.tokens)


# German writes a role as one capitalised compound before the name ('Bauministerin Sabine
# Kellermann', 'Verbandspräsident Lukas Siebert'): a word ending in one of these is a title.
@dataclass
class People:
    """What the earlier parts of a long document said about its people, for the parts read
    after them: full names by each of their words, he or she, and the titles they held."""

    full: dict[str, tuple[int, str]] = field(default_factory=dict)  # word -> (rank, name)
    genders: dict[str, str] = field(default_factory=dict)
    roles: dict[str, dict[str, int]] = field(default_factory=dict)  # title -> name -> count

    def learn(self, index: NameIndex) -> None:
        for key, entries in index._people().items():
            rank, mention = min(entries, key=lambda e: (e[0], e[1].start))
            if key not in self.full or rank < self.full[key][0]:
                self.full[key] = (rank, mention.name)
        for name, gender in index.genders.items():
            self.genders.setdefault(name, gender)
        for title, mentions in index.titled_by.items():
            for m in mentions:
                if m.person_like or m.titled:
                    full = index.full_name(m.name, m.start)
                    counts = self.roles.setdefault(title, {})
                    counts[full] = counts.get(full, 0) + 1


class NameIndex:
    """Every capitalised run of the text, with titles, for name and role look-ups."""

    def __init__(self, text: str, people: People | None = None) -> None:
        self.text = text
        self.known = people
        self.mentions: list[Mention] = []
        self._full: dict[str, list[tuple[int, Mention]]] | None = None
        self._bound: dict[str, str] = {}
        self._scan()
        self.starts = [m.start for m in self.mentions]
        self.counts: dict[str, int] = {}
        self.titled_by: dict[str, list[Mention]] = {}
        for m in self.mentions:
            key = surname_key(m.name)
            self.counts[key] = self.counts.get(key, 0) + 1
            for title in m.titles:
                self.titled_by.setdefault(title, []).append(m)
                if title in TITLE_ABBREVIATIONS:  # 'Gen. X' is who 'the general' means
                    self.titled_by.setdefault(TITLE_ABBREVIATIONS[title], []).append(m)
        self._person_names = {m.name for m in self.mentions if m.person_like}
        self._orgs = [m for m in self.mentions if m.org]
        self._org_starts = [m.start for m in self._orgs]
        self.genders: dict[str, str] = {}
        self._learn_genders()

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions starting in [start, end), in order."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.mentions[lo:hi]

    # -- scanning --------------------------------------------------------------------------
    def _scan(self) -> None:
        titles = SpanIndex((m.start(1), m.end(1)) for m in _WORK_TITLE.finditer(self.text))
        for start, end in self._runs():
            if titles.overlaps(start, end):
                continue  # 'His book Jurisprudence and the Street argues': a title, no one
            run = self.text[start:end]
            if " " not in run and (run.lower() in SENTENCE_STARTERS or run.lower() in ARTICLES):
                continue  # 'The', 'In', 'Le' ('Le maire de Lyon'): a sentence's first word
            tokens: list[tuple[str, int]] = []
            for m in _WORD.finditer(run):
                tokens.append((m.group(0), start + m.start()))
                if POSSESSIVE.search(m.group(0)):  # 'Khamenei’s website': the name ends here
                    self._add_run(tokens)
                    tokens = []
            if tokens:
                self._add_run(tokens)

    def _runs(self) -> list[tuple[int, int]]:
        """Spans of capitalised runs, the parts of one organisation's name joined."""
        runs = [(m.start(), m.end()) for m in _RUN.finditer(self.text)]
        joined: list[tuple[int, int]] = []
        for start, end in runs:
            if joined:
                prev_start, prev_end = joined[-1]
                gap = self.text[prev_end:start]
                head = self.text[prev_start:prev_end]
                if _ORG_JOIN.fullmatch(" " + gap.strip(" ") + " ") and gap.startswith(" ") and \
                        len(gap) <= 9 and self._org_run(head) and \
                        not POSSESSIVE.search(head):
                    joined[-1] = (prev_start, end)
                    continue
                if _AND_JOIN.fullmatch(gap) and _JOINED_ORG.search(head) and self._org_run(head) \
                        and not self._org_run(self.text[start:end]):
                    # 'Department for Energy Security and Net Zero', 'Ministry of Agriculture
                    # and Rural Development': one body's remit, not a second name
                    joined[-1] = (prev_start, end)
                    continue
            joined.append((start, end))
        result: list[tuple[int, int]] = []
        for start, end in joined:
            if result and start < result[-1][1]:
                continue  # swallowed by the organisation name before
            if result and _NICKNAME_GAP.fullmatch(self.text, result[-1][1], start) and \
                    not self._org_run(self.text[result[-1][0]:end]) and \
                    not POSSESSIVE.search(self.text[result[-1][0]:result[-1][1]]):
                result[-1] = (result[-1][0], end)  # 'Tomás “El Flaco” Herrera' is one name
                continue
            tail = _LIST_TAIL.match(self.text, end)
            if tail and (self._org_run(self.text[start:end]) or
                         self._org_run(tail.group(2).split()[-1])):
                end = tail.end()
            result.append((start, end))
        return result

    @staticmethod
    def _org_run(run: str) -> bool:
        words = [POSSESSIVE.sub("", w).lower() for w in run.split()]
        return any(w in ORG_WORDS for w in words) or heads_org(words)

    def _add_run(self, run: list[tuple[str, int]]) -> None:
        while len(run) > 2 and run[-1][0] in _POST_NOMINALS:
            run = run[:-1]  # 'Simon Lightwood MP', 'Dame Jane Roe DBE': the name ends before
        tokens = [token for token, _start in run]
        k = 0
        while k < len(tokens) and tokens[k].lower() in SENTENCE_STARTERS:
            k += 1
        titles: set[str] = set()
        last_title = -1
        org = is_org_name(tokens[k:])
        for n in range(k, len(tokens)):
            low = POSSESSIVE.sub("", tokens[n]).lower()
            if is_title_word(low) and not (org and n > k):
                last_title = n
                titles.add(low)
        if last_title > k and title_inside_name(tokens, k, last_title):
            titles.discard(POSSESSIVE.sub("", tokens[last_title]).lower())
            last_title = -1
        name_start = max(k, last_title + 1)
        run_start = run[0][1]
        run_end = run[-1][1] + len(tokens[-1])
        if name_start < len(tokens) - 1 and tokens[name_start].lower() in DEPARTMENTS and \
                _TITLE_OF.search(self.text[max(0, run_start - 40):run_start]):
            # 'Secretary of State John Kerry', 'Commissioner for the Environment X'
            while name_start < len(tokens) - 1 and tokens[name_start].lower() in DEPARTMENTS:
                name_start += 1
        if CYRILLIC_CAPITAL.match(tokens[-1]):
            name_start = max(name_start, slavic_name_start(tokens))
        if name_start >= len(tokens):
            return
        name_tokens = [POSSESSIVE.sub("", t) for t in tokens[name_start:]]
        if name_tokens[-1] != tokens[-1] and self._verb_follows(run_end):
            name_tokens[-1] = tokens[-1]  # "Moody's said": the 's is the name's own
        start = run[name_start][1]
        end = run_end - (len(tokens[-1]) - len(name_tokens[-1]))
        titled = bool(titles)
        before, after = self._titles_around(run_start, run_end)
        titles |= before
        name = " ".join(w for w in self.text[start:end].split() if MASK not in w)
        mention = Mention(start, end, name, tuple(name_tokens), titles,
                          titled=titled or bool(before), org=is_org_name(name_tokens))
        if len(name_tokens) == 1 and not mention.org and given_name(name_tokens[0]):
            follows = self.text[end:end + 40]
            kin = _KIN_BEFORE.search(self.text[max(0, start - 30):start])
            mention.lone_person = bool(_PERSON_AFTER.match(follows)) or bool(
                kin and kin.group(1) in MALE_NOUNS | FEMALE_NOUNS)
        if after and (mention.person_like or len(name_tokens) == 1 and
                      name_tokens[0].lower() not in NOT_GIVEN_NAMES | SENTENCE_STARTERS):
            mention.titles |= after
        self.mentions.append(mention)

    def _verb_follows(self, end: int) -> bool:
        """Whether a speech verb (after an auxiliary or two) follows a word: then a word
        ending in 's is a name (Moody's, McDonald's), since a possessive needs a noun after it."""
        following = _NEXT_WORDS.match(self.text, end)
        if following is None:
            return False
        first, second = following.group(1).lower(), (following.group(2) or "").lower()
        return first in SPEECH_FORMS or first in AUXILIARIES and second in SPEECH_FORMS

    def _titles_around(self, start: int, end: int) -> tuple[set[str], set[str]]:
        """Lower-case role words just before ("Hamas leader X") and in an appositive after
        ("X, head of ...", "X, the head of ...")."""
        before: set[str] = set()
        while abbreviated := _ABBREVIATED_TITLE.search(self.text, max(0, start - 8), start):
            if abbreviated.group(1).lower() not in TITLE_WORDS:
                break  # 'Brig. Gen. Esmail Qorbanzadeh': each abbreviated title before him
            before.add(abbreviated.group(1).lower())
            start = abbreviated.start()
        honorific = _HONORIFIC_BEFORE.search(self.text, max(0, start - 12), start)
        if honorific:  # 'Brazil's health minister, Dr. Paulo Andrade'
            start = honorific.start()
        role_of = _ROLE_OF_BEFORE.search(self.text, max(0, start - 90), start)
        if role_of and is_title_word(role_of.group(1)):
            # 'the chair of the negotiating body, Ambassador Lotte Visser'
            before.add(role_of.group(1).lower())
        words = list(_PLAIN_WORD.finditer(self.text, max(0, start - 40), start))
        limit = start
        for word in reversed(words[-3:]):
            token = word.group(0)
            if self.text[word.end():limit].strip(" ") not in ("", ",") or not (
                    token.lower() in TITLE_WORDS and token.islower()):
                break  # only role words right before the name, in the same line
            before.add(token.lower())
            limit = word.start()
        after: set[str] = set()
        m = _APPOSITIVE.match(self.text, end, end + 60)
        if m and m.group(1).lower() in TITLE_WORDS:
            after.add(m.group(1).lower())
        return before, after

    # -- he or she -------------------------------------------------------------------------
    def _learn_genders(self) -> None:
        """'he' or 'she' for each person, from a role noun around the name ('Her mother,
        Gulalai', 'spokeswoman X', 'Mr X') or the first pronoun after it, in the same or the
        next sentence, before anyone else is named."""
        people = [m for m in self.mentions if m.person_like]
        for n, m in enumerate(people):
            full = self.full_name(m.name, m.start)
            if full in self.genders:
                continue
            found = self._gender_from_roles(m)
            if found is None:
                stop = people[n + 1].start if n + 1 < len(people) else len(self.text)
                ends = list(_SENTENCE_END.finditer(self.text, m.end, min(stop, m.end + 600)))
                limit = min([stop] + [e.end() for e in ends[1:2]] or [stop])
                if len(ends) < 2:
                    limit = min(stop, m.end + 400)
                pronouns = list(_PRONOUN.finditer(self.text, m.end, limit))
                subjects = [p for p in pronouns if p.group(0).lower() in ("he", "she")]
                chosen = subjects or pronouns
                if chosen:
                    found = "he" if chosen[0].group(1) else "she"
            if found:
                self.genders[full] = found

    def _gender_from_roles(self, m: Mention) -> str | None:
        """A gendered role noun right before the name ('Her mother, Gulalai', 'spokeswoman
        X', 'Mrs X'), in an appositive after it ('X, her son,'), or among its titles."""
        nouns: list[str] = []
        kin = _KIN_BEFORE.search(self.text[max(0, m.start - 30):m.start])
        if kin:
            nouns.append(kin.group(1))
        before = re.search(r"([A-Za-z]+)\.?\s+$", self.text[max(0, m.start - 20):m.start])
        if before:
            nouns.append(before.group(1).lower())
        after = re.match(r",\s+(?:(?:his|her|their)\s+)?([a-z]+)", self.text[m.end:m.end + 30])
        if after:
            nouns.append(after.group(1))
        nouns += sorted(m.titles)
        for noun in nouns:
            if noun in FEMALE_NOUNS:
                return "she"
            if noun in MALE_NOUNS:
                return "he"
        return None

    def gender(self, name: str) -> str | None:
        """'he', 'she' or None (not known) for a full name."""
        found = self.genders.get(name)
        if found is None and self.known is not None:
            found = self.known.genders.get(name)
        return found

    # -- look-ups ------------------------------------------------------------------------
    def full_name(self, name: str, before: int) -> str:
        """The fullest form of a one-word `name` the document wrote: the person of that
        surname (or, for names written surname first or with two surnames, of that first or
        middle name) introduced before the short form was first used, else anywhere."""
        parts = name.split()
        if len(parts) >= 2 and all(p.lower() in PARTICLES for p in parts[:-1]):
            # 'Von der Leyen said': a surname with its particles, of 'Ursula von der Leyen'
            full = self.full_name(parts[-1], before)
            return full if full.lower().endswith(" " + name.lower()) else name
        if len(parts) >= 2 or not parts:
            return name
        key = name_key(name)
        if key in self._bound:
            return self._bound[key]
        candidates = self._people().get(key, [])
        if not candidates:
            if self.known is not None and key in self.known.full:
                return self.known.full[key][1]
            return name
        first_use = next((m.start for m in self.mentions if len(m.tokens) == 1
                          and name_key(m.tokens[0]) == key), before)
        earlier = [(rank, m) for rank, m in candidates if m.start < first_use]
        pool = earlier or candidates
        best_rank = min(rank for rank, _m in pool)
        chosen = [m for rank, m in pool if rank == best_rank]
        full = (chosen[-1] if earlier else chosen[0]).name
        self._bound[key] = full
        return full

    def _people(self) -> dict[str, list[tuple[int, Mention]]]:
        """Multi-word person names by each of their words: last word rank 0, others 1."""
        if self._full is None:
            self._full = {}
            for m in self.mentions:
                if len(m.tokens) >= 2 and m.person_like and not all(
                        t.lower() in PARTICLES for t in m.tokens[:-1]):  # 'Von der Leyen'
                    keys = [name_key(t) for t in m.tokens]
                    for i, k in enumerate(keys):
                        if k in PARTICLES or not k:
                            continue
                        rank = 0 if i == len(keys) - 1 else 1
                        entries = self._full.setdefault(k, [])
                        if all(e[1].name != m.name for e in entries):
                            entries.append((rank, m))
        return self._full

    def is_person(self, name: str) -> bool:
        """Whether `name` (as full_name gives it) is a person the document names."""
        return name in self._person_names or name in self.genders or (
            self.known is not None and name in self.known.genders)

    def by_role(self, head: str, modifiers: set[str], before: int, *,
                known: bool = True) -> str | None:
        """The person a description such as 'the supreme leader' most likely means (among
        the well-known holders of the role too, unless `known` is False)."""
        head = head.lower()
        scored: dict[str, tuple[int, int, int]] = {}
        for m in self.titled_by.get(head, []):
            if m.start >= before or not m.tokens:
                continue
            if not (m.person_like or m.titled):
                continue
            key = surname_key(m.name)
            exact = len(modifiers & m.titles)
            full = self.full_name(m.name, before)
            score = (exact, self.counts.get(key, 0), m.start)
            if full not in scored or score > scored[full]:
                scored[full] = score
        if not scored:
            holders = self.known.roles.get(head) if known and self.known is not None else None
            return max(holders.items(), key=lambda kv: kv[1])[0] if holders else None
        return max(scored.items(), key=lambda kv: kv[1])[0]

    def last_person(self, before: int, after: int) -> str | None:
        """The most recent person named between `after` and `before`."""
        for m in reversed(self.between(after, before)):
            if m.person_like:
                return self.full_name(m.name, before)
        return None

    def last_org(self, before: int, after: int, head: str | None = None) -> str | None:
        """The most recent organisation named between `after` and `before` (whose name has
        the word `head`, when given)."""
        lo = bisect.bisect_left(self._org_starts, after)
        hi = bisect.bisect_left(self._org_starts, before)
        for m in reversed(self._orgs[lo:hi]):
            if head is None or head in (t.lower() for t in m.tokens):
                return m.name
        return None

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The last mention lying within [start, end)."""
        for m in reversed(self.between(start, end)):
            if m.end <= end:
                return m
        return None
