"""Who is speaking: the subject of a speech verb next to a quotation, a colon introduction,
`according to X`, or a pronoun or description resolved to the person the passage is about.

Works sentence by sentence through a document, remembering each speaker it resolves, so
"He said" and "the supreme leader said" can be tied to the person named before.
"""

from __future__ import annotations

import bisect
import re

from .namedsources import according_to, mentions_according
from .names import (
    ARTICLES,
    CALENDAR_WORDS,
    NOT_GIVEN_NAMES,
    SENTENCE_STARTERS,
    TITLE_WORDS,
    Mention,
    NameIndex,
    is_title_word,
)
from .outletvocab import is_outlet
from .phrases import (
    DETERMINERS,
    MASK,
    OWNED,
    PREPOSITIONS,
    only_titles,
    strip_titles,
    tokenize,
)
from .referents import Referents, Speaker, SpeechEvent, age_or_nationality
from .speakerforms import (
    for_pronoun,
    for_whom,
    headline_speaker,
    institution_speaking,
    name_closing_clause,
    opening_subject,
    passive_agent,
    quoted_with_words,
    role_after,
    work_by,
)
from .speechverbs import (
    AFTER_ONLY,
    PERSON_NOUN_PATTERN,
    PRO_DROP,
    find_speech_verbs,
    inverted_pronoun,
    is_participle,
)
from .subjects import Subject, SubjectReader

_REBUTTAL = re.compile(r"\s*(?:,[^,]*,\s*)?(?:disagree|dispute|denie|denied|reject|counter|"
                       r"object|dismisse|contradict)", re.I)


# 'The WHO chief was clear:', 'Her spokesman was blunt:' — a role as the subject of the clause
# a colon closes, right before a linking verb.
_DESCRIBED_INTRO = re.compile(
    r"\s*((?:The|This|That|Their|His|Her|Our)\s+(?:[\w\-’']+\s+){0,3}?(?:"
    + PERSON_NOUN_PATTERN + r"))\s+(?:was|is|were|are|sounded|seemed|remained)\b")
# 'The department's reply', 'The ministry's statement': the owner's words follow the colon
_OWNED_REPLY_INTRO = re.compile(
    r"\s*The\s+([a-z][\w\-]*)['’]s\s+(?:reply|response|answer|statement|email|e-mail|letter)\b")
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
# A participle clause opening an introduction says what was asked, not who answers.
_ASKED_CLAUSE = re.compile(r"(?:Asked|Pressed|Questioned|Challenged|Speaking)\b[^,:¤]{0,200},\s*")
_OWNER_S = re.compile(r"^[’']s?(?=\s)")
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
# 'the chief executive of Harlan Valley Medical Center, ' before a name in apposition
_ROLE_WORDS = 10
_ROLE_THEN_NAME = re.compile(
    r"\s*(?:(?:to|a|à|al|dem)\s+(?:[^\W\d][\w'’-]*\s+){1,2}?)?"  # 'declaró a este diario el …'
    r"(?:the|its|his|her|their|el|la|los|las|le|les|der|die|das|ihr|sein|seine|ihre|son|sa|su|"
    r"il|lo|gli|o|os|as)"
    r"\s+(?:[^\W\d][\w'’-]*\s+){0," + str(_ROLE_WORDS - 2)
    + r"}?[^\W\d][\w'’-]*,\s*$")
# Words a name's own mention may follow in its clause: titles, determiners, articles.
_BEFORE_NAME = TITLE_WORDS | DETERMINERS | ARTICLES
# 'of' in the languages whose role phrases open a sentence ('Le maire de Lyon, X, a déclaré :',
# 'El alcalde de Madrid, X, dijo:'): the place after it is no speaker.
_OF_ELSEWHERE = frozenset({"de", "du", "des", "del", "della", "di", "da", "do", "dos"})
# A law's or a contract's provision as the subject of 'provides', 'states', 'requires': what
# it says is its text, quoted, and nobody's words.
_PROVISION = re.compile(
    r"(?:the\s+)?(?:statute|provision|(?:sub)?section|article|clause|(?:sub)?paragraph|rule|"
    r"schedule|regulation|§+)s?(?:\s*[\dIVXL][\w().\-]*)?", re.I)
COLON_REACH = 400  # characters before a quotation where its introducing colon is looked for
INTRO_REACH = 800  # characters of the clause a colon closes, at the most
# 'the response we got was, “…”', 'The answer I received from the ministry was: “…”'
_REPLY_INTRO = re.compile(
    r"\b(?:the|their|its|his|her|our|my|an?)\s+(?:\w+\s+)?(?:response|reply|answer|message|"
    r"explanation)\s+(?:(?:that|which)\s+)?(?:we|I|they|he|she|you)\s+(?:got|received|had|heard|"
    r"were given|was given)(?:\s+(?:back\s+)?from\s+(?P<source>[^,.;:¤]{2,80}?))?\s+was\s*[,:]?\s*$",
    re.I)
# A sentence opening on its subject and a short predicate before 'when/as/after he said':
# 'But the Prime Minister was clear when he', 'Okafor was blunt as she'.
_MAIN_CLAUSE_BEFORE = re.compile(
    r"\W*(?:(?:But|And|Yet|So|Still),?\s+)?(?P<subject>[Tt]he\s+(?:[A-Z][\w\-]*\s+){0,3}"
    r"[A-Z][\w\-]*|[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})\s+(?:was|is|were|had\s+been|has\s+been)"
    r"\s+[a-z]+(?:\s+[a-z]+)?\s+(?:when|as|after)\s+")
_WORDS_OF = re.compile(r"\b[Ii]n\s+the\s+words\s+of\s+(?:one|an?|the)?\s*(?P<who>[^,;:¤()]{2,80}?)"
                       r"\s*[,:]?\s*$")
_THAT_NEXT = re.compile(r"\s+that\b")
# 'a spokesperson for Northvale Water': what has a spokesperson is a body, not a person
_SPOKESPERSON_FOR = re.compile(r"\bspokes(?:person|man|woman)\s+(?:for|of)\s+(?:the\s+)?$", re.I)
# A transcript turn's label opening a sentence: 'Q118 Chair: ', 'MINISTER VARGA: '.
_TURN_OPENING = re.compile(r"\s*(?:Q\d{1,4}\s+)?[A-Z][\w’'.\- ]{0,40}:\s+")


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
        self.subjects = SubjectReader(text, masked, names)

    # -- per sentence --------------------------------------------------------------------
    def sentence(self, start: int, end: int, paragraph: int,
                 quotes: list[tuple[int, int, str]], paragraph_start: int = 0
                 ) -> list[Speaker | None]:
        """Speakers of the quotes (open offset, close offset, inner text) in one sentence."""
        self.paragraph_start = paragraph_start
        self.subjects.start_sentence(start, end)
        verbs: list[tuple[int, int, str, Speaker | None, Subject]] = []
        if self._verbs is None:
            self._verbs = find_speech_verbs(self.masked)
            self._verb_starts = [m.start() for m in self._verbs]
        lo = bisect.bisect_left(self._verb_starts, start)
        hi = bisect.bisect_left(self._verb_starts, end)
        for m in self._verbs[lo:hi]:
            if m.end() > end:
                continue
            word = m.group(0).lower()
            if word in AFTER_ONLY and not self._right_after_quote(start, m.start()) and \
                    not _THAT_NEXT.match(self.masked, m.end()):  # 'the report concluded that'
                continue
            if _NOUN_BEFORE.search(self.masked, max(start, m.start() - 8), m.start()):
                continue  # 'described the calls as', 'his remarks': a noun, not a verb
            inverted = inverted_pronoun(self.masked, m.start(), m.end())
            subject = Subject("pronoun", inverted, m.start()) if inverted else \
                quoted_with_words(self.masked, start, m.start(), word) or \
                passive_agent(self.masked, self.names, start, m.start(), m.end()) or \
                institution_speaking(self.masked, start, m.start(), word) or \
                self.subjects.subject(start, m.start(), word, verbs)
            speaker = self._resolve(subject, m.start(), paragraph, verbs)
            verbs.append((m.start(), m.end(), word, speaker, subject))
            if speaker and not subject.modal:
                self.events.append(SpeechEvent(m.start(), speaker, paragraph))
        according = self._according(start, end, paragraph)
        results: list[Speaker | None] = []
        for open_at, close_at, inner in quotes:
            speaker = self._after(close_at, inner, verbs, end, paragraph) or self._before(
                open_at, verbs, according) or self._colon(open_at, start, paragraph) or \
                self._reply(open_at, start) or self._in_the_words_of(open_at, start, paragraph) \
                or for_whom(self.masked, self.names, open_at, start) \
                or for_pronoun(self.masked, self.refs, open_at, start, paragraph)
            if speaker and _PROVISION.fullmatch(speaker.name):
                speaker = None  # 'Section 12(b) provides:' quotes a law's text, no one's words
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
        tokens = self.subjects.words_before(sent_start, pos)
        for n, (token, _s) in enumerate(reversed(tokens)):
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
            after = self._name_after(verb_end, end) or name_closing_clause(
                self.masked, self.names, word, verb_end, end) or self._described_after(
                verb_end, end, paragraph) or role_after(self.masked, self.refs, verb_end, end, paragraph)
            if after is None and word.split()[-1].lower() in PRO_DROP and \
                    not self.names.between(verb_end, end):  # '«…», ha spiegato in una nota.'
                after = self.refs.dropped_subject(verb_start, paragraph)
            if after is not None:  # '— …, — says X. — …': the later parts are X's too
                verbs[first] = (verb_start, verb_end, word, after, subject)
            return after
        return None

    def _before(self, open_at: int, verbs: list, according: Speaker | None) -> Speaker | None:
        """The last speech verb before the quote, in the same sentence, and its subject."""
        before = bisect.bisect_right(verbs, open_at, key=lambda v: v[1])  # verbs end in order
        candidates = verbs[:before]
        for _start, _e, word, speaker, subject in reversed(candidates):
            if word in AFTER_ONLY and not _THAT_NEXT.match(self.masked, _e):
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
            found = [n for n in found if n.org] or [n for n in found if self.subjects.personish(n)]
        if not found:
            return None
        mention = found[-1]
        return Speaker(self.names.full_name(mention.name, mention.start), not mention.org,
                       "reply")

    def _in_the_words_of(self, open_at: int, sent_start: int, paragraph: int
                         ) -> Speaker | None:
        """'the road has become, in the words of one aid worker, “…”': whoever the phrase
        names, or describes."""
        m = _WORDS_OF.search(self.masked, max(sent_start, open_at - 160), open_at)
        if m is None:
            return None
        mention = next(iter(self.names.between(m.start("who"), m.end("who"))), None)
        if mention is not None and mention.end >= m.end("who") - 1:
            return Speaker(self.names.full_name(mention.name, mention.start), not mention.org,
                           "name")
        return self.refs.description(m.group("who"), m.start("who"), paragraph)

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
        asked = _ASKED_CLAUSE.match(self.masked, start, colon)
        if asked:  # 'Asked whether the Gulf states had a view, his reply was:' — after it
            start = asked.end()
        tokens = tokenize(self.masked[start:colon])
        if not tokens or len(tokens) > 40 or any(t.startswith(MASK) for t, _ in tokens):
            return None
        first = tokens[0][0].lower()
        described = _DESCRIBED_INTRO.match(self.masked, start, colon)
        if described:  # 'The WHO chief was clear:' — a role, read as the person holding it
            return self.refs.description(described.group(1), start, paragraph)
        owned = _OWNED_REPLY_INTRO.match(self.masked, start, colon)
        if owned:  # 'The department's reply, by email, …:' — the owner replied
            speaker = self.refs.description("the " + owned.group(1), start, paragraph)
            if speaker is not None:
                return speaker
        unnamed = _INDEFINITE_INTRO.match(self.masked, start, colon)
        if unnamed:
            return Speaker(unnamed.group(1), True, "description")
        if first in ("its", "their", "his", "her", "it", "he", "she", "they"):
            return self.refs.pronoun(first, start, paragraph)
        headline = headline_speaker(self.masked, self.refs, start, colon, paragraph) \
            if start == self.paragraph_start else None
        if headline:  # 'Business groups: “…”', 'Shadow chancellor: “…”': who, as described
            return headline
        mentions = self.names.between(start, colon)
        for n, m in enumerate(mentions):
            before = [t for t, p in tokens if start + p < m.start]
            if len(before) > 10:
                return None
            if n + 1 < len(mentions) and self._modifies_title(m, mentions[n + 1]) or \
                    m.name.lower() in CALENDAR_WORDS:  # 'The Friday prayer leader of Qom, X,'
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
        """'UN chief António Guterres', 'Dutch prime minister Mark Rutte', 'Lithuania's deputy
        interior minister, Rasa Jankauskienė': an organisation, acronym, demonym or owner
        qualifying the title of the person named next, not the subject."""
        if mention.person_like and not mention.org:
            return False
        if not following.titled or following.org:
            return False
        gap = _OWNER_S.sub("", self.masked[mention.end:following.start]).replace(",", " ").split()
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
        if not mentions_according(self.masked, start, end):
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
        """'said Foreign Minister X': a name within a few (title) words after the verb; or
        'said the chief executive of the hospital, X,': the name in apposition to a role."""
        for m in self.names.between(pos, end):
            gap = self.masked[pos:m.start]
            between = gap.split()
            if len(between) <= 3 and not any(w.lower() in PREPOSITIONS or w.lower() in
                                             _OF_ELSEWHERE for w in between) \
                    or _ROLE_THEN_NAME.match(gap):
                return Speaker(self.names.full_name(m.name, m.start), True, "name")
            if len(between) > _ROLE_WORDS:
                return None
        return None

    def _described_after(self, pos: int, end: int, paragraph: int) -> Speaker | None:
        """'said the 24-year-old', 'added the Norwegian': the person called by age or
        nationality right after the verb."""
        m = _AGE_OR_NATIONALITY_AFTER.match(self.masked, pos, min(end, pos + 40))
        if m is None or not age_or_nationality(m.group(1)):
            return None
        return self.refs.description(m.group(0).strip(), pos, paragraph)

    def _addressee(self) -> Speaker | None:
        """'you' is the person the sentence opens by addressing: 'Dr Marsh, in your written
        evidence you describe … as “…”' (after a transcript's turn label, if any)."""
        start, end = self.subjects.sentence
        label = _TURN_OPENING.match(self.masked, start, end)
        start = label.end() if label else start
        m = next(iter(self.names.between(start, min(end, start + 60))), None)
        if m is None or m.org or not only_titles(self.masked[start:m.start]) or \
                not self.masked.startswith(",", m.end):
            return None
        return Speaker(self.names.full_name(m.name, m.start), True, "vocative")

    def _main_clause_subject(self, subject: Subject, paragraph: int) -> Speaker | None:
        """'the Prime Minister was clear when he said …': 'he' in a clause after 'when', 'as'
        or 'after' is the subject the sentence opened with, whoever was named before it."""
        if subject.text not in ("he", "she"):
            return None
        start = self.subjects.sentence[0]
        m = _MAIN_CLAUSE_BEFORE.match(self.masked, start, subject.start)
        if m is None or m.end() != subject.start:
            return None
        opener = m.group("subject")
        if opener.lower().startswith("the "):
            return self.refs.description(opener, m.start("subject"), paragraph)
        return Speaker(self.names.full_name(opener, m.start("subject")), True, "name")

    # -- resolution ----------------------------------------------------------------------
    def _resolve(self, subject: Subject, at: int, paragraph: int, prior: list
                 ) -> Speaker | None:
        work = work_by(self.names, subject, at)  # 'A 2023 review by the GAO found'
        if work is not None:
            return work
        if subject.kind == "name":
            name = self.names.full_name(subject.text, at)
            mention = self.names.mention_at(subject.start, subject.start + len(subject.text) + 1)
            person = bool(mention and (mention.person_like or mention.titled)) or (
                name != subject.text) or (" " not in name and name.lower() not in
                                          SENTENCE_STARTERS | NOT_GIVEN_NAMES)
            person = person and not (mention and mention.org) and not is_outlet(name) and \
                not _SPOKESPERSON_FOR.search(self.masked, max(0, subject.start - 30), subject.start)
            return Speaker(name, person, "name")
        if subject.kind == "pronoun" and subject.text == "you":
            return self._addressee()
        if subject.kind == "pronoun":
            return self._main_clause_subject(subject, paragraph) or self.refs.pronoun(
                subject.text, at, paragraph)
        if subject.kind == "description":
            return self.refs.description(subject.text, at, paragraph)
        if subject.kind == "coord":
            for _s, _e, _w, speaker, _sub in reversed(prior):
                if speaker is not None:
                    return speaker
            opening = opening_subject(self.subjects, at)
            return self._resolve(opening, at, paragraph, []) if opening else None
        return None
