"""Who a document names: runs of capitalised words read as people, with the titles and
roles written around them ("Supreme Leader Ali Khamenei", "Hamas leader Ismail Haniyeh",
"Khaled Mashaal, head of the political bureau").

Used to write a speaker's name in full as the document first gave it ("Khamenei said" ->
"Ali Khamenei") and to resolve descriptions ("the supreme leader said") to a person.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .wordlists import words

TITLE_WORDS = words("""
supreme leader president vice prime minister foreign defense defence interior finance deputy
chief head chairman chairwoman chair speaker secretary general gen spokesman spokeswoman
spokesperson ambassador envoy ayatollah grand sheikh shaykh imam hojatoleslam cleric commander
colonel col lieutenant lt major maj captain capt admiral brigadier sergeant senator sen
representative rep congressman congresswoman governor gov mayor king queen prince princess emir
sultan crown dr mr mrs ms miss prof professor judge justice attorney director executive ceo
founder chancellor pope rabbi bishop reverend rev mp lawmaker official officer advisor adviser
aide ruler member analyst expert correspondent reporter editor journalist writer author scholar
researcher economist negotiator mediator delegate coordinator commissioner premier monarch
mufti secretary-general former late acting
""")
DEMONYMS = words("""
iranian israeli american us u.s palestinian lebanese syrian egyptian iraqi saudi qatari turkish
russian chinese british french german european arab arabic western eastern muslim sunni shia
shiite jewish christian persian kurdish yemeni afghan pakistani jordanian emirati bahraini
kuwaiti omani libyan tunisian moroccan algerian sudanese indian japanese korean ukrainian
hebrew zionist islamist islamic israeli-palestinian un eu uk nato
""")
NOT_GIVEN_NAMES = DEMONYMS | words("""
republic revolution hamas hezbollah hizbullah fatah iran israel gaza palestine lebanon syria
egypt tehran washington united states nations council ministry agency news party movement front
force forces guard guards corps university institute center centre government office assembly
parliament majlis security union strip bank organization committee court army brigades jihad
authority times post international press tv radio network foundation association department
police navy air world north south east west middle new old great national federal state city
january february march april may june july august september october november december monday
tuesday wednesday thursday friday saturday sunday god allah
""")
SENTENCE_STARTERS = words("""
the a an in on at during after before since despite following however meanwhile while when
although though but and or if as for from with without by to of this that these those his her
their its our my your it he she they we i you there here also then thus yet so asked according
last next two three one many some all other such both each every most more only even still just
not no yes why what who whom which where how today yesterday tomorrow earlier later recently
now once again statement statements appendix source sources photo note notes overview filed
skip right left above below see read click
""")
DEPARTMENTS = frozenset(["state", "defense", "defence", "foreign", "affairs", "interior", "justice", "treasury", "energy", "health", "education", "commerce", "agriculture", "homeland", "security", "finance", "economy", "intelligence", "culture", "information", "labor", "labour", "transport", "transportation", "trade", "industry"])
PARTICLES = words("""
de van von der den da di du del la le bin ibn ben bint dos das
""")

_WORD = re.compile(r"[^\W\d_][\w’'\-]*", re.U)
_PLAIN_WORD = re.compile(r"[^\W\d_][\w\-]*")
_NAME_TOKEN = r"(?:[A-Z\u00C0-\u00DE][\w’'\-]*|(?:al|el|ad|as|ash|at|az|an|ar|ul)-[^\W\d_][\w’'\-]*)"
_APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:former\s+)?(?:deputy\s+)?"
                         r"([^\W\d_][\w\-]*)")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|an|ar|ul)-(?=[^\W\d_])", re.I)
_POSSESSIVE = re.compile(r"(?:[’']s|s[’'])$")


_RUN = re.compile(rf"(?<![\w’'\-]){_NAME_TOKEN}(?:(?: (?:{'|'.join(sorted(PARTICLES))}))? "
                  rf"{_NAME_TOKEN})*")
_TITLE_OF = re.compile(r"\b(?:[A-Z][a-z]+|" + "|".join(sorted(TITLE_WORDS)) + r")\s+of\s+(?:the\s+)?$",
                       re.I)


@dataclass
class Mention:
    """A run of capitalised words naming someone (or something) at `start`."""

    start: int
    end: int
    name: str  # without titles, possessive removed
    tokens: tuple[str, ...]
    titles: set[str] = field(default_factory=set)
    titled: bool = False  # a title stood before it ("President Ahmadinejad")

    @property
    def person_like(self) -> bool:
        if not self.tokens:
            return False
        if self.titled:
            return True
        return len(self.tokens) >= 2 and _given_name(self.tokens[0]) and not any(
            t.lower() in NOT_GIVEN_NAMES for t in self.tokens)


def surname_key(name: str) -> str:
    """The comparable last word of a name: 'al-Arouri' and 'Arouri' share 'arouri'."""
    last = name.split()[-1] if name.split() else ""
    last = _POSSESSIVE.sub("", last)
    return _ARABIC_ARTICLE.sub("", last).lower()


def _given_name(token: str) -> bool:
    low = token.lower()
    return (token[:1].isupper() and low not in NOT_GIVEN_NAMES and low not in SENTENCE_STARTERS
            and low not in TITLE_WORDS)


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or bool(_ARABIC_ARTICLE.match(token))


class NameIndex:
    """Every capitalised run of the text, with titles, for name and role look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions: list[Mention] = []
        self._full: dict[str, list[Mention]] | None = None
        self._scan()
        self.starts = [m.start for m in self.mentions]
        self.counts: dict[str, int] = {}
        self.titled_by: dict[str, list[Mention]] = {}
        for m in self.mentions:
            key = surname_key(m.name)
            self.counts[key] = self.counts.get(key, 0) + 1
            for title in m.titles:
                self.titled_by.setdefault(title, []).append(m)

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions starting in [start, end), in order."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.mentions[lo:hi]

    def _scan(self) -> None:
        for run in _RUN.finditer(self.text):
            tokens: list[tuple[str, int]] = []
            for m in _WORD.finditer(run.group(0)):
                tokens.append((m.group(0), run.start() + m.start()))
                if _POSSESSIVE.search(m.group(0)):  # 'Khamenei’s website': the name ends here
                    self._add_run(tokens)
                    tokens = []
            if tokens:
                self._add_run(tokens)

    def _add_run(self, run: list[tuple[str, int]]) -> None:
        tokens = [token for token, _start in run]
        k = 0
        while k < len(tokens) and tokens[k].lower() in SENTENCE_STARTERS:
            k += 1
        titles: set[str] = set()
        last_title = -1
        for n in range(k, len(tokens)):
            low = _POSSESSIVE.sub("", tokens[n]).lower()
            if low in TITLE_WORDS:
                last_title = n
                titles.add(low)
        name_start = max(k, last_title + 1)
        run_start = run[0][1]
        run_end = run[-1][1] + len(tokens[-1])
        if name_start < len(tokens) - 1 and tokens[name_start].lower() in DEPARTMENTS and \
                _TITLE_OF.search(self.text[max(0, run_start - 30):run_start]):
            # 'Secretary of State John Kerry', 'Minister of Foreign Affairs X'
            while name_start < len(tokens) - 1 and tokens[name_start].lower() in DEPARTMENTS:
                name_start += 1
        if name_start >= len(tokens):
            return
        name_tokens = [_POSSESSIVE.sub("", t) for t in tokens[name_start:]]
        start = run[name_start][1]
        end = run_end - (len(tokens[-1]) - len(name_tokens[-1]))
        titled = bool(titles)
        before, after = self._titles_around(run_start, run_end)
        titles |= before
        mention = Mention(start, end, " ".join(name_tokens), tuple(name_tokens), titles,
                          titled=titled or bool(before))
        if after and (mention.person_like or len(name_tokens) == 1 and
                      name_tokens[0].lower() not in NOT_GIVEN_NAMES | SENTENCE_STARTERS):
            mention.titles |= after
        self.mentions.append(mention)

    def _titles_around(self, start: int, end: int) -> tuple[set[str], set[str]]:
        """Lower-case role words just before ("Hamas leader X") and in an appositive after
        ("X, head of ...", "X, the head of ...")."""
        before: set[str] = set()
        words = list(_PLAIN_WORD.finditer(self.text, max(0, start - 40), start))
        for word in reversed(words[-3:]):
            token = word.group(0)
            if token.lower() in TITLE_WORDS and token.islower():
                before.add(token.lower())
            else:
                break
        after: set[str] = set()
        m = _APPOSITIVE.match(self.text, end, end + 60)
        if m and m.group(1).lower() in TITLE_WORDS:
            after.add(m.group(1).lower())
        return before, after

    # -- look-ups ------------------------------------------------------------------------
    def full_name(self, name: str, before: int) -> str:
        """The fullest form of `name` the document wrote, first before `before`, else anywhere."""
        parts = name.split()
        if len(parts) >= 2 or not parts:
            return name
        if self._full is None:
            self._full = {}
            for m in self.mentions:
                if len(m.tokens) >= 2 and m.person_like:
                    self._full.setdefault(surname_key(m.name), []).append(m)
        candidates = self._full.get(surname_key(name), [])
        if not candidates:
            return name
        earlier = [m for m in candidates if m.start < before]
        return (earlier or candidates)[0].name

    def by_role(self, head: str, modifiers: set[str], before: int) -> str | None:
        """The person a description such as 'the supreme leader' most likely means."""
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
            return None
        return max(scored.items(), key=lambda kv: kv[1])[0]

    def last_person(self, before: int, after: int) -> str | None:
        """The most recent person named between `after` and `before`."""
        for m in reversed(self.between(after, before)):
            if m.person_like:
                return self.full_name(m.name, before)
        return None

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The last mention lying within [start, end)."""
        for m in reversed(self.between(start, end)):
            if m.end <= end:
                return m
        return None
