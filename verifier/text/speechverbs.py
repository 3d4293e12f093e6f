"""The verbs that report speech or writing ("said", "told", "warned", "wrote", ...), in every
inflection, and the small words that sit between a speaker and such a verb."""

from __future__ import annotations

import re

from .wordlists import words

_REGULAR = words("""
state add emphasize emphasise stress warn note declare claim insist argue explain announce
assert affirm reiterate remark comment mention describe criticize criticise condemn praise urge
ask answer reply respond admit acknowledge confirm deny suggest predict promise pledge vow
threaten tweet post proclaim recall recount highlight underscore caution accuse allege contend
conclude concede boast complain lament quip joke shout whisper testify express convey hint cite
quote laud hail refer repeat point report reveal disclose retort observe demand assure agree
counter recommend maintain apologise apologize confide
""")
_IRREGULAR = words("""
say says said saying tell tells told telling write writes wrote written writing spoke speaking
called calls calling
""")
# The reporting verbs of German, French, Russian, Dutch, Spanish, Portuguese and Italian news, as
# printed (each language's forms listed, not inflected: 'sagte', 'dijo', 'a déclaré' read as
# 'déclaré', 'ha detto' as 'detto', 'заявил'). A French verb
# written with its inverted pronoun ('explique-t-elle') is matched on its first part.
_FOREIGN = words("""
sagt sagte sagten erklärt erklärte erklärten betont betonte warnt warnte schreibt schrieb
meint meinte kritisiert kritisierte ergänzt ergänzte zitiert zitierte
dit déclare déclaré affirme affirmé estime estimé explique expliqué souligne souligné assure
assuré ajoute ajouté prévient prévenu dénonce dénoncé écrit confie confié raconte insiste
insisté averti avertit indique indiqué précise précisé soupire
сказал сказала сказали заявил заявила заявили отметил отметила отметили подчеркнул подчеркнула
подчеркнули добавил добавила добавили добавив говорит говорят сообщил сообщила сообщили пояснил
пояснила рассказал рассказала рассказывает заметил заметила уточнил уточнила признал признала
ответил ответила ответили смеется смеётся написал написала отметив подчеркнув заявив пояснив
заявляет
zegt zei zeiden zeggen verklaarde verklaart schreef schreven schrijft meldde meldt benadrukt
benadrukte waarschuwt waarschuwde stelt stelde voegde voegt reageerde reageert liet laat
""")
# Spanish, Portuguese and Italian drop a subject pronoun: '«…», ha spiegato in una nota' and
# '"…", disse.' are said by the person the passage is about.
PRO_DROP = words("""
dijo dice dicen dijeron afirmó afirma añadió añade declaró declara señaló señala aseguró
asegura explicó explica advirtió advierte indicó subrayó subraya sostuvo criticó escribió
comentó insistió
disse diz dizem disseram afirmou afirma afirmaram declarou declara explicou explica acrescentou
acrescenta destacou destaca ressaltou ressalta informou informa alertou garantiu garante
criticou admitiu completou observou
detto dichiarato spiegato aggiunto affermato sottolineato precisato ribadito raccontato
osservato commentato annunciato segnalato denunciato dice dichiara spiega aggiunge afferma
racconta sottolinea osserva commenta ribadisce
""")
_FOREIGN |= PRO_DROP
# Words that report speech only right after a quotation ("...," Khamenei continued).
AFTER_ONLY = frozenset({"continued", "continues", "concluded", "went on"})
# Forms that are more often nouns or adjectives in news prose ("the state", "a claim").
_NOT_VERBS = words("""
state states note notes point points post posts quote quotes answer answers comment comments
claim claims promise promises stress hint hints cite joke jokes express tweet tweets reply vow
vows pledge pledges remark remarks praise praises hail hails repeat report reports demand
demands counter counters observe
""")


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
    {form for verb in _REGULAR for form in _inflect(verb)} | set(_IRREGULAR) | _FOREIGN) - _NOT_VERBS
_ALL_FORMS = SPEECH_FORMS | AFTER_ONLY
_WORD = re.compile(r"[^\W\d_]+(?: on\b| it\b)?")
# 'As one engineer put it: “…”' — 'put' reports speech only with 'it', and only where the
# words come next or 'as' introduces it ('put it on the agenda' is not speech).
_PUT_IT = frozenset({"put it", "puts it", "putting it"})
_PUT_IT_AFTER = re.compile(r"\s*(?:[:,.;—–]|to\s+(?:us|me|him|her|them|reporters|the)\b|"
                           r"(?:this|that)\s+way\b|(?:(?:rather|more|even\s+more|most)\s+)?"
                           r"(?:bluntly|simply|plainly|succinctly|best|starkly|frankly|directly|"
                           r"clearly|differently|well)\b)")
_AS_BEFORE = re.compile(r"\b[Aa]s\s+(?:\S+\s+){0,4}$")
# 'The page reads: “…”', 'the letter reads, under its heading “…”:': a document's wording,
# introduced by a colon ('read the report' reports nothing).
_READS = frozenset({"reads", "read"})
_READS_AFTER = re.compile(r"\s*(?:,[^:;.\n]{1,80})?:")
# ... or after the quotation it closes: '“…,” the fourth post read.', '“…,” the sign reads.'
_QUOTED_THING_BEFORE = re.compile(r"[¤\"”’»],?\s+(?:the|its|his|her|their|a|an|one)\s+"
                                  r"(?:[\w-]+\s+){0,3}$", re.I)
_CLAUSE_END_AFTER = re.compile(r"\s*[.,;]")
# 'The snapshot shows … a line the captures do not include: “…”': a document showing words it
# holds, named as a line, passage or message and introduced by a colon.
_SHOWS = frozenset({"shows", "show", "showed", "contains", "contained", "includes", "included"})
_SHOWS_AFTER = re.compile(r"[^:;.¤\n]{0,160}?\b(?:line|lines|passage|sentence|message|note|words|"
                          r"text|caption|inscription|entry)\b[^:;.¤\n]{0,120}:")
# 'The audit found that …' and 'the inspectors recorded that …' report what a report, court or
# inspection wrote; 'found' or 'recorded' alone ('found the body', 'recorded the names') does not.
_FINDS = frozenset({"find", "finds", "found", "record", "records", "recorded",
                    # a court's: 'this Court held that “…”'
                    "hold", "holds", "held"})
# ... where it was found may come between: 'found at [41] of his judgment that', 'concluded
# in its final report that'
_THAT_AFTER = re.compile(r"(?:\s+(?:at|in|on)\s+[^.;:,\"“”¤\n]{1,50}?)?\s+that\b")
# 'dismissed it as “…”', 'dismisses the plan as': a judgement in the speaker's words; 'dismissed
# a site' alone reports an act.
_DISMISSES = frozenset({"dismiss", "dismisses", "dismissed", "dismissing"})
_DISMISSED_AS = re.compile(r"\s+(?:[\w’'\-]+\s+){1,4}?as\b")
_ASIDE_BEFORE = re.compile(r",\s+(?:[\w’'\-]+\s+){1,3}$")
# 'the Committee's finding that …' and 'the court's conclusion that …' report what the owner wrote.
FINDING_NOUNS = frozenset({"finding", "findings", "conclusion", "conclusions", "ruling",
                           # a witness's or party's: 'Ms X's evidence, which …, was that she “…”'
                           "evidence", "testimony", "account", "case", "submission"})
_WAS_THAT = re.compile(r"(?:\s*,[^,;.¤\n]{1,80},)?\s+(?:was|is|had been|has been)\s+that\b")
_OWNER_BEFORE = re.compile(r"\w['’]s\s+$")
_SO_BEFORE = re.compile(r"(?<![\w-])[Ss]o $")


class _Match:
    """The part of re.Match that callers use."""

    def __init__(self, start: int, end: int, word: str) -> None:
        self._start, self._end, self._word = start, end, word

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _n: int = 0) -> str:
        return self._word


def find_speech_verbs(text: str, start: int = 0, end: int | None = None) -> list[_Match]:
    """Speech verbs in text[start:end] (a set look-up per word: faster than one big regex)."""
    found = []
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        word = m.group(0).lower()
        if word not in _ANY_FORM and (" " not in word or word.split(" ", 1)[0] not in _ANY_FORM):
            continue  # most words: one look-up
        if m.start() and (text[m.start() - 1] == "-" or word == "called" and _SO_BEFORE.match(
                text, max(0, m.start() - 3), m.start())):
            continue  # 'so-called', 'self-described', 'much-quoted': part of an adjective
        if word in _FOREIGN:
            aux = _FRENCH_AUXILIARY.search(text, max(0, m.start() - 12), m.start())
            if aux:  # 'a déclaré', 'a-t-il assuré': the verb starts at its auxiliary
                found.append(_Match(aux.start(), m.end(), m.group(0)))
                continue
        if word in _SO and _attributive_so(text, m.start(), m.end()):
            found.append(_Match(m.start(), m.end(), m.group(0)))
            continue
        if word in _ALL_FORMS or word in _PUT_IT and _puts_words(text, m.start(), m.end()) \
                or word in _FINDS and _finds_words(text, m.start(), m.end()) \
                or word in _READS and _reads_words(text, m.start(), m.end()) \
                or word in _SHOWS and bool(_SHOWS_AFTER.match(text, m.end())) \
                or word in FINDING_NOUNS and _owners_finding(text, m.start(), m.end()) \
                or word[:7] == "dismiss" and _dismissed_as(text, m.start(), word):
            found.append(_Match(m.start(), m.end(), m.group(0)))
        elif " " in word and word.split()[0] in _ALL_FORMS:
            first = m.group(0).split()[0]
            found.append(_Match(m.start(), m.start() + len(first), first))
    return found


# French and Italian compound tenses: the auxiliary ('a déclaré', 'ha detto', 'aveva
# segnalato'), with French's inverted pronoun after a quotation.
_FRENCH_AUXILIARY = re.compile(r"(?<![\w-])(?:a|ont|avait|avaient|ha|hanno|aveva|avevano)"
                               r"(?:-t-(?:il|elle|on)|-(?:ils|elles))?\s+$")
# '„…“, so Dirk Pahlke', '„…”, aldus Marloes Bakker': German and Dutch attribute with 'so' and
# 'aldus' between a quotation's comma and a name; anywhere else they are no verbs.
_SO = frozenset({"so", "aldus"})
_QUOTATION_COMMA_BEFORE = re.compile(r"[¤\"“”»«„’],\s*$")
# A pronoun written after its verb: French '-t-il', '-elle'; German 'sagte sie', 'so er'.
_INVERTED_PRONOUN = re.compile(r"(?:-t)?-(il|elle|ils|elles)\b|\s+(er|sie|он|она|они|ele|ela|eles|elas|"
                               r"hij|zij)\b")
_PRONOUN_MEANS = {"il": "he", "elle": "she", "ils": "they", "elles": "they", "er": "he",
                  "hij": "he", "zij": "she",
                  "sie": "she", "он": "he", "она": "she", "они": "they", "ele": "he", "ela": "she",
                  "eles": "they", "elas": "they"}


def inverted_pronoun(text: str, start: int, end: int) -> str | None:
    """'he' / 'she' / 'they' for a French or German verb whose subject pronoun follows it
    ('explique-t-elle', 'a-t-il assuré', 'sagte er'); None for any other verb."""
    if "-t-" in text[start:end]:  # 'a-t-il assuré'
        aux = _INVERTED_PRONOUN.search(text, start, end)
        return _PRONOUN_MEANS[aux.group(1)] if aux and aux.group(1) else None
    m = _INVERTED_PRONOUN.match(text, end)
    if m is None or text[start:end].lower() not in _FOREIGN | _SO:
        return None
    word = m.group(1) or m.group(2)
    if word == "sie" and text[start:end].lower().endswith("en"):
        return "they"  # 'sagten sie'
    return _PRONOUN_MEANS[word]


def _attributive_so(text: str, start: int, end: int) -> bool:
    return bool(_QUOTATION_COMMA_BEFORE.search(text, max(0, start - 4), start)) and bool(
        re.match(r" (?:[A-ZÄÖÜ]|er\b|sie\b)", text[end:end + 4]))


# Every word the loop below may keep: others are passed over with one look-up.
_ANY_FORM = (_ALL_FORMS | _PUT_IT | _FINDS | FINDING_NOUNS | _DISMISSES | _FOREIGN | _READS
             | _SHOWS | _SO)


def _dismissed_as(text: str, start: int, word: str) -> bool:
    first = word.split()[0]
    return first in _DISMISSES and bool(_DISMISSED_AS.match(text, start + len(first)))


def _finds_words(text: str, start: int, end: int) -> bool:
    """'found that …', or found as an aside: 'earlier surveys, the study found, concentrated'."""
    return bool(_THAT_AFTER.match(text, end) or text.startswith(",", end) and _ASIDE_BEFORE.search(
        text, max(0, start - 40), start))


def _owners_finding(text: str, start: int, end: int) -> bool:
    return bool((_THAT_AFTER.match(text, end) or _WAS_THAT.match(text, end))
                and _OWNER_BEFORE.search(text, max(0, start - 4), start))


def _reads_words(text: str, start: int, end: int) -> bool:
    return bool(_READS_AFTER.match(text, end) or _CLAUSE_END_AFTER.match(text, end)
                and _QUOTED_THING_BEFORE.search(text, max(0, start - 60), start))


def _puts_words(text: str, start: int, end: int) -> bool:
    return bool(_PUT_IT_AFTER.match(text, end)
                or _AS_BEFORE.search(text, max(0, start - 60), start))


MODALS = words("""
would could might may will should can shall must
""")
AUXILIARIES = frozenset(["has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "did", "does", "do", "also", "then", "later", "further", "again", "once", "reportedly", "publicly", "openly", "previously", "recently", "repeatedly", "strongly", "explicitly", "clearly", "firmly", "angrily", "bluntly", "quickly", "immediately", "subsequently", "later", "allegedly", "earlier", "separately", "often", "always", "never", "not", "quoted", "as", "went", "on", "to", "go", "goes", "going", "continued", "just", "even", "still", "yet",
    # time words and reflexives between a subject and its verb: 'X now says', 'X herself said'
    "now", "already", "today", "yesterday", "himself", "herself", "itself", "themselves",
    # a contrast: 'The letter nonetheless told her to'
    "nonetheless", "nevertheless", "however", "instead"]) | MODALS
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
PERSON_NOUNS = words("""
official source spokesman spokeswoman spokesperson diplomat aide adviser advisor minister
analyst expert officer commander leader president envoy ambassador representative lawmaker
senator member resident witness man woman person cleric general chief head chairman director
chair chairwoman chairperson planner driver engineer economist researcher scientist doctor
nurse teacher farmer worker lawyer activist campaigner councillor mayor professor
judge magistrate prosecutor barrister solicitor detective inspector coach manager captain player
veterinarian virologist epidemiologist broker underwriter executive neighbour neighbor installer
electrician ministra ministro ministre portavoz alcalde alcaldesa maire sprecher sprecherin
participant respondent interviewee patient parent pupil
""")
PERSON_NOUN_PATTERN = "|".join(sorted(PERSON_NOUNS))  # for patterns naming a person by role


# Russian gerunds ('добавив', 'отметив', 'подчеркнув'): 'adding', 'noting'.
_RUSSIAN_GERUND = re.compile(r"[аеиоуя]в(?:ши)?$")


def is_participle(word: str) -> bool:
    word = word.lower()
    return word.endswith("ing") or bool(_RUSSIAN_GERUND.search(word))
