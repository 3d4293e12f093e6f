"""Who is speaking: the subject of a speech verb next to a quotation, a colon introduction,
`according to X`, or a pronoun or description resolved to the person the passage is about.

Works sentence by sentence through a document, remembering each speaker it resolves, so
"He said" and "the supreme leader said" can be tied to the person named before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .namedsources import according_to, is_outlet
from .names import (
    ARTICLES,
    DEMONYMS,
    NOT_GIVEN_NAMES,
    SENTENCE_STARTERS,
    TITLE_WORDS,
    Mention,
    NameIndex,
    is_title_word,
)
from .phrases import (
    COORDINATORS,
    DETERMINERS,
    MASK,
    OWNED,
    PAST_PARTICIPLE,
    POST_MODIFIERS,
    PREPOSITIONS,
    adverb,
    drop_aside,
    introduces_name,
    last_clause,
    only_titles,
    possessive_owner,
    strip_titles,
    time_adverbial,
    tokenize,
)
from .referents import Referents, Speaker, SpeechEvent, age_or_nationality
from .speechverbs import (
    AFTER_ONLY,
    AUXILIARIES,
    FINDING_NOUNS,
    MODALS,
    PERSON_NOUN_PATTERN,
    PRONOUNS,
    find_speech_verbs,
    is_participle,
)


@dataclass
class _Subject:
    kind: str  # "name", "pronoun", "description", "coord", "none"
    text: str = ""
    start: int = 0
    modal: bool = False
    weak: bool = False  # guessed from the sentence (participles), not read off the verb


_REBUTTAL = re.compile(r"\s*(?:,[^,]*,\s*)?(?:disagree|dispute|denie|denied|reject|counter|"
                       r"object|dismisse|contradict)", re.I)


# 'The WHO chief was clear:', 'Her spokesman was blunt:' — a role as the subject of the clause
# a colon closes, right before a linking verb.
_DESCRIBED_INTRO = re.compile(
    r"\s*((?:The|This|That|Their|His|Her|Our)\s+(?:[\w\-’']+\s+){0,3}?(?:"
    + PERSON_NOUN_PATTERN + r"))\s+(?:was|is|were|are|sounded|seemed|remained)\b")
# A fact-check's box: 'Claim: “…”' then 'Claimed by: Senator X, in a video …'. The label is
# no speaker; the line naming the claimant is.
_CLAIM_LABEL = re.compile(r"(?:^|\n)\s*(?:the\s+)?(?:claim|what was claimed|statement)\s*:$",
                          re.I)
_CLAIMED_BY = re.compile(r"\b(?:claimed by|claim(?:ed)? made by|made by|said by|who said it)"
                         r"\s*:\s*([^\n]{2,120})", re.I)
# 'A planner in Tallinn was more positive:', 'One driver was blunter:' — an unnamed person
# described by role (and place), who is the speaker as described.
_INDEFINITE_INTRO = re.compile(
    r"\s*(?:A|An|One)\s+((?:[\w\-’']+\s+){0,2}?(?:" + PERSON_NOUN_PATTERN
    + r")(?:\s+(?:in|at|from|for|of)\s+(?:the\s+)?[A-Z][\w\-’']*(?:\s+[A-Z][\w\-’']*){0,3})?)"
    r"\s+(?:was|is|were|are|sounded|seemed|remained)\b")
# A determiner or possessive right before a speech-verb form makes it a noun ('the calls').
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|his|her|its|their|our|my|your|these|those)\s+$",
                          re.I)
_ACCORDING_ROLE = re.compile(r"\b[Aa]ccording to\s+(?:the|a|an|its|his|her|their)\s+"
                            r"[^,.;:¤()\n]{2,60}?,\s+")
# 'according to a spokesperson for the EU delegation, who …': a role nobody is named for.
_ACCORDING_PERSON = re.compile(
    r"\b[Aa]ccording to\s+(?:the|a|an|one)\s+((?:[\w\-’']+\s+){0,2}?(?:"
    + PERSON_NOUN_PATTERN + r")(?:\s+(?:for|of|at|from)\s+[^,.;:¤()\n]{2,60}?)?)"
    r"\s*(?=[,.;:)]|$)")
# 'said the 24-year-old', 'added the Norwegian': a person called by age or nationality
_AGE_OR_NATIONALITY_AFTER = re.compile(r"\s+the\s+(?:\d+-)?([A-Za-z][\w\-]*)\b")
# '… of „…“, and the director, X, said that …': a coordinated clause after a quotation
# has its own subject, so its verb reports the next quotation, not this one.
_NEW_CLAUSE = re.compile(r"\s*,?\s*(?:and|but|while|whereas)\s+(?!said\b|says\b|added\b)\S", re.I)
# Words a name's own mention may follow in its clause: titles, determiners, articles.
_BEFORE_NAME = TITLE_WORDS | DETERMINERS | ARTICLES
# 'of' in the languages whose role phrases open a sentence ('Le maire de Lyon, X, a déclaré :',
# 'El alcalde de Madrid, X, dijo:'): the place after it is no speaker.
_OF_ELSEWHERE = frozenset({"de", "du", "des", "del", "della", "di", "da", "do", "dos"})
COLON_REACH = 400  # characters before a quotation where its introducing colon is looked for
INTRO_REACH = 800  # characters of the clause a colon closes, at the most
# 'the response we got was, “…”', 'The answer I received from the ministry was: “…”'
_REPLY_INTRO = re.compile(
    r"\b(?:the|their|its|his|her|our|my|an?)\s+(?:\w+\s+)?(?:response|reply|answer|message|"
    r"explanation)\s+(?:(?:that|which)\s+)?(?:we|I|they|he|she|you)\s+(?:got|received|had|heard|"
    r"were given|was given)(?:\s+(?:back\s+)?from\s+(?P<source>[^,.;:¤]{2,80}?))?\s+was\s*[,:]?\s*$",
    re.I)
# A transcript turn's label opening a sentence: 'Q118 Chair: ', 'MINISTER VARGA: '.
_TURN_OPENING = re.compile(r"\s*(?:Q\d{1,4}\s+)?[A-Z][\w’'.\- ]{0,40}:\s+")
_OPENING_APPOSITIVE = re.compile(r"[^,.;:¤]{3,60}?,\s+([A-Z][^,.;:¤]{1,60}?),\s")


class SpeakerFinder:
    """Attributes quotations to speakers, one sentence at a time, in document order."""

    def __init__(self, text: str, masked: str, names: NameIndex,
                 paras: list[tuple[int, int]]) -> None:
        self.text = text
        self.masked = masked  # text with every quotation replaced by MASK characters
        self.names = names
        self.refs = Referents(text, masked, names, paras)
        self.events = self.refs.events
        self.paragraph_start = 0
        self._verbs: list | None = None  # every speech verb of the masked text, found once
        self._verb_starts: list[int] = []
        # the sentence being read, and its tokens with their ends once wanted (_words_before)
        self._sentence = (0, 0)
        self._words: tuple[list[tuple[str, int]], list[int]] | None = None

    # -- per sentence --------------------------------------------------------------------
    def sentence(self, start: int, end: int, paragraph: int,
                 quotes: list[tuple[int, int, str]], paragraph_start: int = 0
                 ) -> list[Speaker | None]:
        """Speakers of the quotes (open offset, close offset, inner text) in one sentence."""
        self.paragraph_start = paragraph_start
        self._sentence, self._words = (start, end), None
        verbs: list[tuple[int, int, str, Speaker | None, _Subject]] = []
        if self._verbs is None:
            self._verbs = find_speech_verbs(self.masked)
            self._verb_starts = [m.start() for m in self._verbs]
        lo = bisect.bisect_left(self._verb_starts, start)
        hi = bisect.bisect_left(self._verb_starts, end)
        for m in self._verbs[lo:hi]:
            if m.end() > end:
                continue
            word = m.group(0).lower()
            if word in AFTER_ONLY and not self._right_after_quote(start, m.start()):
                continue
            if _NOUN_BEFORE.search(self.masked, max(start, m.start() - 8), m.start()):
                continue  # 'described the calls as', 'his remarks': a noun, not a verb
            subject = self._subject(start, m.start(), word, verbs)
            speaker = self._resolve(subject, m.start(), paragraph, verbs)
            verbs.append((m.start(), m.end(), word, speaker, subject))
            if speaker and not subject.modal:
                self.events.append(SpeechEvent(m.start(), speaker, paragraph))
        according = self._according(start, end, paragraph)
        results: list[Speaker | None] = []
        for open_at, close_at, inner in quotes:
            speaker = self._after(close_at, inner, verbs, end, paragraph) or self._before(
                open_at, verbs, according) or self._colon(open_at, start, paragraph) or \
                self._reply(open_at, start)
            results.append(speaker)
            if speaker:
                self.events.append(SpeechEvent(open_at, speaker, paragraph))
        return results

    def previous_speaker(self, before: int, paragraph: int) -> Speaker | None:
        """The speaker of the last speech event in this paragraph before `before`."""
        for event in reversed(self.events):
            if event.offset < before and event.paragraph == paragraph:
                return event.speaker
            if event.paragraph < paragraph:
                break
        return None

    def record(self, offset: int, speaker: Speaker, paragraph: int) -> None:
        self.events.append(SpeechEvent(offset, speaker, paragraph))

    # -- patterns ------------------------------------------------------------------------
    def _right_after_quote(self, sent_start: int, pos: int) -> bool:
        left = self.masked[sent_start:pos].rstrip()
        tokens = [t for t, _s in tokenize(left)]
        for n, token in enumerate(reversed(tokens)):
            if token.startswith(MASK):
                return n <= 5
            if token in (".", ";"):
                return False
        return False

    def _after(self, close_at: int, inner: str, verbs: list, end: int,
               paragraph: int) -> Speaker | None:
        """'“…,” Khamenei said' / '“…,” said Khamenei' / '“…,” he added': the first speech
        verb after the quotation decides (found by bisection: a sentence may hold thousands)."""
        first = bisect.bisect_right(verbs, close_at, key=lambda v: v[0])
        if first == len(verbs):
            return None
        verb_start, verb_end, word, speaker, subject = verbs[first]
        between = self.masked[close_at + 1:verb_start]
        if MASK in between:
            return None
        ends_open = inner.rstrip()[-1:] in ",?!—–-…" or between.lstrip()[:1] in (",", "—")
        if not ends_open:
            return None
        if speaker and 0 < subject.start - close_at <= 4:  # '”, Zhang Lihua, deputy …, told'
            return speaker
        if len(between.split()) > 7 or _NEW_CLAUSE.match(between):
            return None
        if speaker and subject.start > close_at:
            return speaker
        if not between.strip(" ,—–") and not is_participle(word):  # said Khamenei
            return self._name_after(verb_end, end) or self._described_after(
                verb_end, end, paragraph)
        return None

    def _before(self, open_at: int, verbs: list, according: Speaker | None) -> Speaker | None:
        """The last speech verb before the quote, in the same sentence, and its subject."""
        before = bisect.bisect_right(verbs, open_at, key=lambda v: v[1])  # verbs end in order
        candidates = verbs[:before]
        for _start, _e, word, speaker, subject in reversed(candidates):
            if word in AFTER_ONLY:
                continue
            if subject.modal:
                continue
            if speaker is None:
                continue
            if according and (subject.weak or subject.kind == "none"):
                return according
            return speaker
        if candidates:
            last = candidates[-1]
            if last[3] is not None:
                return last[3]
        return according

    def _colon(self, open_at: int, sent_start: int, paragraph: int) -> Speaker | None:
        """'Khamenei: “…”' — a name and a colon introducing the quote (read within
        COLON_REACH characters of it, however long the sentence)."""
        near = max(sent_start, open_at - COLON_REACH)
        left = self.masked[near:open_at].rstrip()
        if _CLAIM_LABEL.search(left):
            return self._claimant(open_at)
        if not left.endswith(":"):
            # 'X's guidance makes the same point: warnings matter less than “…”' — the clause
            # before a colon speaks for a short paraphrase leading into the quotation after it
            colon = left.rfind(":")
            if colon == -1 or MASK in left[colon:] or len(left[colon + 1:].split()) > 12:
                return None
            return self.intro_subject(sent_start, near + colon, paragraph)
        mention = self.names.mention_at(max(sent_start, open_at - 80), len(left) + near)
        if mention and self.masked[mention.end:open_at].strip(" :’'s") == "":
            return Speaker(self.names.full_name(mention.name, mention.start), True, "colon")
        return self.intro_subject(sent_start, near + len(left) - 1, paragraph)

    def _reply(self, open_at: int, sent_start: int) -> Speaker | None:
        """'When we went to the Environment Agency …, the response we got was, “…”': the words
        of whoever gave the reply ('from X' if said, else the organisation, or else the person,
        named last before it in the sentence)."""
        m = _REPLY_INTRO.search(self.masked, max(sent_start, open_at - 200), open_at)
        if m is None:
            return None
        if m.group("source"):
            found = self.names.between(m.start("source"), m.end("source"))
        else:
            found = [n for n in self.names.between(sent_start, m.start())
                     if not self.masked.startswith(":", n.end)]  # not a turn's label
            found = [n for n in found if n.org] or [n for n in found if self._personish(n)]
        if not found:
            return None
        mention = found[-1]
        return Speaker(self.names.full_name(mention.name, mention.start), not mention.org,
                       "reply")

    def _claimant(self, open_at: int) -> Speaker | None:
        """Who a fact-check's 'Claim:' box says made the claim: its 'Claimed by:' line."""
        m = _CLAIMED_BY.search(self.masked, open_at, open_at + 600)
        if m is None:
            return None
        for mention in self.names.between(m.start(1), m.end(1)):
            return Speaker(self.names.full_name(mention.name, mention.start),
                           not mention.org, "name")
        return None

    def intro_subject(self, start: int, colon: int, paragraph: int) -> Speaker | None:
        """The subject of a clause a colon closes: 'Okonkwo's message is simple:', 'The
        union's leader, Dr. X, was defiant:', 'Its statement was short:'."""
        if colon - start > INTRO_REACH:
            return None  # more than the 40 words an introduction may have
        tokens = tokenize(self.masked[start:colon])
        if not tokens or len(tokens) > 40 or any(t.startswith(MASK) for t, _ in tokens):
            return None
        first = tokens[0][0].lower()
        described = _DESCRIBED_INTRO.match(self.masked, start, colon)
        if described:  # 'The WHO chief was clear:' — a role, read as the person holding it
            return self.refs.description(described.group(1), start, paragraph)
        unnamed = _INDEFINITE_INTRO.match(self.masked, start, colon)
        if unnamed:
            return Speaker(unnamed.group(1), True, "description")
        if first in ("its", "their", "his", "her", "it", "he", "she", "they"):
            return self.refs.pronoun(first, start, paragraph)
        mentions = self.names.between(start, colon)
        for n, m in enumerate(mentions):
            before = [t for t, p in tokens if start + p < m.start]
            if len(before) > 10:
                return None
            if n + 1 < len(mentions) and self._modifies_title(m, mentions[n + 1]):
                continue
            words = [t.lower() for t in before if t not in (",", ".")]
            while words and words[-1] in _BEFORE_NAME:
                words.pop()
            if words and (words[-1] in PREPOSITIONS or words[-1] in _OF_ELSEWHERE):
                continue
            full = self.names.full_name(m.name, m.start)
            person = not m.org and (m.person_like or m.titled or full != m.name)
            return Speaker(full, person, "colon")
        return None

    def _modifies_title(self, mention: Mention, following: Mention) -> bool:
        """'UN chief António Guterres', 'Dutch prime minister Mark Rutte': an organisation,
        acronym or demonym qualifying the title of the person named next, not the subject."""
        if mention.person_like and not mention.org:
            return False
        if not following.titled or following.org:
            return False
        gap = self.masked[mention.end:following.start].split()
        return 0 < len(gap) <= 4 and all(is_title_word(w) for w in gap)

    def later_speaker(self, start: int, end: int) -> Speaker | None:
        """The person the sentence after a quotation names near its start: '“…” The
        assurance came from Dr. Mercy Chepkoech', '“…” Liu Fang, who …, says'."""
        tokens = tokenize(self.masked[start:end])
        for m in self.names.between(start, end):
            before = [t.lower() for t, p in tokens if start + p < m.start]
            if len(before) > 12:
                return None
            words = [t for t in before if t not in (",", ".")]
            while words and words[-1] in _BEFORE_NAME:
                words.pop()
            if words and words[-1] in PREPOSITIONS - {"from", "by"}:
                continue
            full = self.names.full_name(m.name, m.start)
            if m.org or not (m.person_like or m.titled or self.names.is_person(full)):
                continue
            after = self.masked[m.end:m.end + 40]
            if _REBUTTAL.match(after):
                return None  # 'X disagreed', 'X rejected that': not the speaker
            return Speaker(full, True, "name")
        return None

    def _according(self, start: int, end: int, paragraph: int) -> Speaker | None:
        if self.masked.find("ccording to", start, end) == -1:
            return None
        for s, _e, phrase in according_to(self.masked, start, end):
            if is_outlet(phrase):
                continue
            name = strip_titles(phrase)
            if " " not in name:
                name = self.names.full_name(name, s)
            return Speaker(name, not name.lower().endswith(tuple(OWNED)), "according")
        return self._according_described(start, end)

    def _according_described(self, start: int, end: int) -> Speaker | None:
        """'according to the council's chief engineer, Marta Lindqvist': a role, then the
        name of the person holding it."""
        m = _ACCORDING_ROLE.search(self.masked, start, end)
        mention = self.names.mention_at(m.end(), min(end, m.end() + 80)) if m else None
        if m is None or mention is None or mention.org or not only_titles(
                self.masked[m.end():mention.start]):
            role = _ACCORDING_PERSON.search(self.masked, start, end)
            return Speaker(role.group(1), True, "according") if role else None
        return Speaker(self.names.full_name(mention.name, mention.start), True, "according")

    def _name_after(self, pos: int, end: int) -> Speaker | None:
        """'said Foreign Minister X': a name within a few (title) words after the verb."""
        for m in self.names.between(pos, end):
            between = self.masked[pos:m.start].split()
            if len(between) > 3 or any(w.lower() in PREPOSITIONS for w in between):
                return None
            return Speaker(self.names.full_name(m.name, m.start), True, "name")
        return None

    def _described_after(self, pos: int, end: int, paragraph: int) -> Speaker | None:
        """'said the 24-year-old', 'added the Norwegian': the person called by age or
        nationality right after the verb."""
        m = _AGE_OR_NATIONALITY_AFTER.match(self.masked, pos, min(end, pos + 40))
        if m is None or not age_or_nationality(m.group(1)):
            return None
        return self.refs.description(m.group(0).strip(), pos, paragraph)

    # -- subjects ------------------------------------------------------------------------
    def _words_before(self, sent_start: int, at: int) -> list[tuple[str, int]]:
        """tokenize(masked[sent_start:at]), cut from one tokenizing of the sentence (see
        `sentence`): a sentence with many speech verbs (a page of text without full stops)
        is not read again for each of them."""
        start, end = self._sentence
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

    def _subject(self, sent_start: int, verb_at: int, word: str, prior: list) -> _Subject:
        tokens = self._words_before(sent_start, verb_at)
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
            return _Subject("none", modal=modal)
        last = tokens[-1][0]
        if last.lower() in COORDINATORS:
            return _Subject("coord", modal=modal)
        if last.lower() in ("who", "which", "that") and len(tokens) >= 2:
            antecedent = tokens[:-1]
            while antecedent and antecedent[-1][0] in (",", "—", "–", "("):
                antecedent = antecedent[:-1]
            relative = self._name_ending(sent_start, antecedent) or self._noun_phrase(
                sent_start, last_clause(antecedent))
            relative.modal = modal
            return relative
        if last == ",":
            found = self._appositive_subject(sent_start, tokens[:-1])
            if found:
                found.modal = modal
                return found
            return _Subject("none", modal=modal)
        clause = last_clause(tokens)
        subject = self._noun_phrase(sent_start, clause)
        subject.modal = modal
        return subject

    def _owner_subject(self, sent_start: int, tokens: list[tuple[str, int]],
                       modal: bool) -> _Subject:
        """'the Committee's finding that': the owner of the finding, not the clause's subject."""
        if not tokens:
            return _Subject("none", modal=modal)
        token, at = tokens[-1]
        owner_end = sent_start + at + len(token) - 2
        mention = self.names.mention_at(max(sent_start, owner_end - 80), owner_end + 1)
        if mention is not None and mention.end >= owner_end - 1:
            named = self.names.last_org(mention.start, max(0, mention.start - 20_000),
                                        mention.name.lower()) if " " not in mention.name else None
            return _Subject("name", named or mention.name, mention.start, modal=modal)
        return _Subject("description", token, sent_start + at, modal=modal)

    def _participle_subject(self, sent_start: int, tokens: list[tuple[str, int]],
                            prior: list) -> _Subject:
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
                return _Subject(subject.kind, subject.text, subject.start, weak=True)
        opening = _OPENING_APPOSITIVE.match(self.masked, sent_start)
        if opening:  # 'Seoul's waterworks authority, Arisu, put out a statement … saying'
            mention = self.names.mention_at(opening.start(1), opening.end(1) + 1)
            if mention is not None and mention.start == opening.start(1):
                return _Subject("name", mention.name, mention.start, weak=True)
        for token, s in tokens:
            pos = sent_start + s
            # the mention this token starts ('Tobias' of 'Tobias Lindqvist'), else one of its own
            mention = next(iter(self.names.between(pos, pos + 1)), None) or \
                self.names.mention_at(pos, pos + len(token))
            if mention is None or mention.start != pos and mention.start > pos:
                continue
            if not self._personish(mention):
                continue
            previous = [t.lower() for t, p in tokens if p < s]
            if previous and previous[-1] in PREPOSITIONS | DETERMINERS:
                continue
            return _Subject("name", mention.name, mention.start, weak=True)
        return _Subject("none", weak=True)

    def _appositive_subject(self, sent_start: int, tokens: list[tuple[str, int]]
                            ) -> _Subject | None:
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
            if named is None and (is_participle(head) or PAST_PARTICIPLE.fullmatch(head)):
                # 'what one official, speaking …,'; 'The audit, dated February 2026 and
                # prepared by …, found'; 'The lenders, led by …, said'
                described = self._noun_phrase(sent_start, last_clause(before))
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
        if re.search(r"[’']s?$", head) and any(t[:1].islower() for t, _s in appositive[1:]):
            # 'Jane Doe, Acme's chief executive, said': a possessive description of the name
            return self._name_ending(sent_start, before)
        return None

    def _name_ending(self, sent_start: int, tokens: list[tuple[str, int]]) -> _Subject | None:
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
        return _Subject("name", mention.name, mention.start)

    def _noun_phrase(self, sent_start: int, clause: list[tuple[str, int]]) -> _Subject:
        if not clause:
            return _Subject("none")
        while len(clause) > 1 and (clause[0][0].isdigit() or clause[0][0].lower() in
                                   SENTENCE_STARTERS - DETERMINERS - PRONOUNS):
            clause = clause[1:]  # 'Later the supreme leader', 'In 2005 he'
        words = [t for t, _s in clause]
        if words[-1].lower() in PRONOUNS | {"you"} and (len(words) == 1 or words[-2].lower()
                                                       not in PREPOSITIONS):
            # 'in its latest brief it reported', 'a statement he has not repeated': a noun
            # phrase cannot end in a subject pronoun; the pronoun is the subject
            return _Subject("pronoun", words[-1].lower(), sent_start + clause[-1][1])
        for n in range(1, len(clause)):
            if words[n].lower() in POST_MODIFIERS and words[n].islower() or \
                    words[n] == "of" and self._person_ends(sent_start, clause[n - 1]) or \
                    time_adverbial(words, n):  # 'Ofwat's final determination last year said'
                clause, words = clause[:n], words[:n]
                break
        start = sent_start + clause[0][1]
        end = sent_start + clause[-1][1] + len(clause[-1][0])
        phrase = self.text[start:end]
        if len(words) == 2 and words[0].lower() == "the" and age_or_nationality(words[1]):
            return _Subject("description", phrase, start)  # 'the Finn said', 'the 24-year-old'
        if len(words) <= 8:
            mention = self.names.mention_at(start, end + 1)
            tail_is_name = mention is not None and mention.end >= end - 2
            if tail_is_name and mention is not None and (
                    self._personish(mention)
                    or only_titles(self.text[start:mention.start])
                    and words[0].lower() not in DETERMINERS):
                return _Subject("name", mention.name, mention.start)
            if words[0].lower() in DETERMINERS or words[0][:1].islower() or \
                    words[0].lower() in DEMONYMS or possessive_owner(phrase) or \
                    len(words) > 1 and re.search(r"[’']s$", words[0]) and words[1].islower():
                return _Subject("description", phrase, start)  # 'Spain’s prime minister'

            if mention is not None:
                return _Subject("name", mention.name, mention.start)
        for token, s in reversed(clause):
            pos = sent_start + s
            mention = self.names.mention_at(pos, pos + len(token) + 1)
            if mention:
                previous = [t.lower() for t, p in clause if p < s]
                if previous and previous[-1] in PREPOSITIONS:
                    continue
                return _Subject("name", mention.name, mention.start)
        return _Subject("none")

    def _addressee(self) -> Speaker | None:
        """'you' is the person the sentence opens by addressing: 'Dr Marsh, in your written
        evidence you describe … as “…”' (after a transcript's turn label, if any)."""
        start, end = self._sentence
        label = _TURN_OPENING.match(self.masked, start, end)
        start = label.end() if label else start
        m = next(iter(self.names.between(start, min(end, start + 60))), None)
        if m is None or m.org or not only_titles(self.masked[start:m.start]) or \
                not self.masked.startswith(",", m.end):
            return None
        return Speaker(self.names.full_name(m.name, m.start), True, "vocative")

    def _person_ends(self, sent_start: int, token: tuple[str, int]) -> bool:
        """Whether `token` ends a person's name: 'Siobhán Keane of the … Association told me'
        is Keane speaking, the organisation only saying where she is from."""
        end = sent_start + token[1] + len(token[0])
        mention = self.names.mention_at(max(0, end - 80), end + 1)
        if mention is None or mention.end < end - 1 or mention.org:
            return False
        return mention.person_like or self.names.is_person(
            self.names.full_name(mention.name, mention.start))

    def _personish(self, mention: Mention) -> bool:
        if mention.person_like or mention.titled:
            return True
        if len(mention.tokens) != 1:
            return False
        return self.names.full_name(mention.name, mention.start) != mention.name or \
            mention.name.lower() not in NOT_GIVEN_NAMES | SENTENCE_STARTERS

    # -- resolution ----------------------------------------------------------------------
    def _resolve(self, subject: _Subject, at: int, paragraph: int, prior: list
                 ) -> Speaker | None:
        if subject.kind == "name":
            name = self.names.full_name(subject.text, at)
            mention = self.names.mention_at(subject.start, subject.start + len(subject.text) + 1)
            person = bool(mention and (mention.person_like or mention.titled)) or (
                name != subject.text) or (" " not in name and name.lower() not in
                                          SENTENCE_STARTERS | NOT_GIVEN_NAMES)
            person = person and not (mention and mention.org) and not is_outlet(name)
            return Speaker(name, person, "name")
        if subject.kind == "pronoun" and subject.text == "you":
            return self._addressee()
        if subject.kind == "pronoun":
            return self.refs.pronoun(subject.text, at, paragraph)
        if subject.kind == "description":
            return self.refs.description(subject.text, at, paragraph)
        if subject.kind == "coord":
            for _s, _e, _w, speaker, _sub in reversed(prior):
                if speaker is not None:
                    return speaker
            return None
        return None
