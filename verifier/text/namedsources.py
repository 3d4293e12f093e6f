"""Sources a document names without a URL: parenthetical citations `(Fars, December 25, 2017)`
(several may share one pair of parentheses), `according to X`, `X reported`, a footnote
that names an outlet and a date, and a document-level line such as `Source » iranwire`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .citeddays import PROGRAMME, date_after, date_near
from .docdates import TextDate, find_dates, find_yearless_dates
from .names import CALENDAR_WORDS, DEMONYMS, TITLE_WORDS, is_org_name
from .namevocab import MONTH_WORDS, ORG_HEADS, ORG_WORDS
from .outletvocab import OUTLET_WORDS, is_outlet, is_place
from .reportedabroad import reported_abroad
from .textspans import SpanIndex
from .urls import find_urls
from .wordlists import words

_PAREN = re.compile(r"\(([^()\n]{4,400})\)")
# 'according to' and the words other languages' news uses for it: 'según', 'selon', 'laut'
# (with their articles: 'selon l'AFP', 'según el diario').
_ACCORDING_WORDS = ("ccording to", "egún ", "elon ", "aut ", "e acordo com", "egundo ", "econdo ")
_ACCORDING = re.compile(
    r"\b(?:[Aa]ccording to|[Ss]egún|[Ss]elon|[Ll]aut|[Dd]e acordo com|[Ss]egundo|[Ss]econdo)\s+"
    r"(?:the\s+|a\s+|an\s+|l['’]|la\s+|el\s+|le\s+|les\s+|der\s+|dem\s+|den\s+|o\s+|os\s+|"
    r"as\s+|il\s+|lo\s+)?(?:(?:latest\s+|new\s+|official\s+|"
    r"preliminary\s+)?(?:estimates|figures|data|statistics|reports?|surveys?|documents|studies|"
    r"a study|research|an analysis|analysis|polls?|records|calculations)\s+(?:by|from|of|"
    r"published by|compiled by)\s+(?:the\s+|a\s+|an\s+)?(?:[a-z][\w\-]*\s+){0,2}?)?"
    r"(?=[A-Z\u00C0-\u00DE]|(?:al|el)-)")
_DATA_SOURCE = re.compile(r"(?:estimates|figures|data|statistics|reports?|surveys?|documents|"
                          r"stud(?:y|ies)|research|analysis|polls?|records|calculations)\s+"
                          r"(?:by|from|of|published by|compiled by)\s+(?:the\s+|a\s+|an\s+)?"
                          r"(?:[a-z][\w\-]*\s+){0,2}$")
_POSSESSIVE_END = re.compile(r"[’']s?$")
# What an organisation publishes of its own: its register, figures, records (not its office
# or spokesman, who speak for it).
_OWNED_DATA = re.compile(r"\s+(?:own\s+|latest\s+|official\s+|annual\s+)?(?:[a-z\-]+\s+)?"
                         r"(?:register|registry|data|database|figures|statistics|records|"
                         r"estimates|survey|census|accounts|tallies|count)\b")
_REPORTED = re.compile(r"report(?:ed|s)\b")
# A press review's words for what a paper prints: 'The Times leads on', 'The Mirror splashes
# on', 'The Telegraph's front page', 'The Daily Express has a story' (said of outlets only).
# One pattern per leading word: a pattern opening on a literal is scanned for far faster than
# an alternation (the caller checks that no letter stands before it).
_PRINTS = tuple(re.compile(re.escape(lead) + tail) for lead, tail in (
    *((w, r"\s+on\b") for w in ("leads", "led", "splashes", "splashed", "focuses", "focused")),
    *((w, r"\s+(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}?(?:story|report|interview|exclusive)\b")
      for w in ("has", "had", "carries", "runs")),
    *((q + "s", r"\s+(?:front\s+page|splash|lead\s+story|editorial|leader\s+column)\b")
      for q in ("’", "'"))))
_REPORTED_PREFIX = re.compile(r"\b(?:has|had|also|earlier)\s+$")
_REPORTED_BY = re.compile(r"\b(?:as\s+)?reported\s+by\s+(?:the\s+)?")
_SOURCE_LINE = re.compile(
    r"^(?:Sources?|Via|Courtesy of|Originally published (?:in|by|at|on)|First published "
    r"(?:in|by|at|on)|Republished from|Reprinted from)\s*(?:[:»>|\-–—]+\s*|\s+)(?P<x>\S.{0,100})$",
    re.I)
# PR Newswire closes every release with 'SOURCE <issuer>': who issued it, not a source it cites.
_WIRE_ISSUER = re.compile(r"^SOURCE[ \t]+[^:»>|\-–—\s]")
_TWO_NAMES = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
_SOURCE_LINE_START = re.compile(
    r"(?im)^[ \t]*(?:sources?|via|courtesy of|originally published|first published|"
    r"republished from|reprinted from)\b[^\n]*")
_NP_WORD = re.compile(r"[^\W\d_][\w’'\-&]*(?:\.[^\W\d_][\w’'\-&]*)*|\d+")
_GLUED_ROMAN = re.compile(r"\.[ivx]{1,6}$")
_CONNECTORS = {"of", "the", "for", "de", "al", "el", "&"}
_CALENDAR = CALENDAR_WORDS | MONTH_WORDS
_OWNED = {"office", "website", "account", "channel", "page", "spokesman", "spokesperson",
          "newspaper", "agency", "ministry", "feed", "site", "blog", "statement", "bureau"}

_REJECT_START = words("""
which who that he she they it we i on in at from since until as between after before during by
for with of when while where whose whom see born died accessed retrieved updated published
posted dated est founded approx around about circa c. ca. including excluding except
""")
_REJECT_END = words("""
on in at of since until from by for to the a an and or
""")
_QUOTED_TITLE = re.compile(r"“[^”]*”|\"[^\"]*\"")
# Sources nobody else can look up: the author's interviews, focus groups, letters, e-mails,
# conversations, the meetings it attended and took notes at, and data it marks as unpublished.
_PRIVATE_SOURCE = re.compile(
    r"\b(?:interview(?:s|ed)?|conversation|correspondence|e-?mail|letter from|phone call|"
    r"telephone|on file with|personal communication|meeting with|focus group(?:s| discussions?)?|"
    r"(?:community|public|village|town[- ]hall|stakeholder|consultation) meetings?|"
    r"notes (?:of|by) the authors?|authors?[’']s? notes|unpublished|field notes)\b", re.I)
# 'Interview with Reuters, 9 April 2024', 'interview given to Sky News': an interview given to
# an outlet is a piece it published (one with the author or a person stays private).
_INTERVIEW_WITH = re.compile(
    r"^\s*(?:an?\s+|the\s+)?(?:[\w\-]+\s+)?interview\s+(?:with|to|given\s+to)\s+(?:the\s+)?"
    r"(?P<outlet>[^\W\d][^,;:()]{1,60}?)[\s,.;:]*$", re.I)
_STRIP_START = re.compile(
    r"^(?:(?:and|&|see|cf\.|e\.g\.,?|via|quoted in|quoting|reported by)\s+"
    r"|(?:photo|photos|image|source|sources|credit|via)\s*:\s*)", re.I)


@dataclass(frozen=True)
class NamedSource:
    """An outlet the text names at `start`, with the date it gives (if any)."""

    start: int
    end: int
    outlet: str
    cited_date: date | None
    how: str  # "parenthetical", "according", "reported", "source-line", "footnote"
    group: tuple[int, int] | None = None  # the parentheses it came from


def find_named_sources(text: str, *, skip: list[tuple[int, int]] | None = None,
                       reference: date | None = None) -> list[NamedSource]:
    """Every named source in `text`, in order; `skip` spans (footnote bodies) are left out.
    `reference` (the document's date) dates citations that give no year ('(AP, March 4)')."""
    skip = skip or []
    found: list[NamedSource] = []
    found += _parenthetical(text, reference)
    found += _according(text)
    found += _reported(text, reference)
    found += _told_outlet(text, reference)
    found += [NamedSource(start, end, outlet, when, "reported")
              for start, end, outlet, when in reported_abroad(text, reference)]
    found += _source_lines(text)
    skipped = SpanIndex(skip)
    found = [s for s in found if not skipped.covers(s.start)]
    found.sort(key=lambda s: s.start)
    return _named_again_with_a_date(text, found)


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z“\"‘])|\n")
SAME_SENTENCE_REACH = 600  # characters between an outlet's two mentions in one sentence


def in_sentence_with(text: str, pos: int, starts: list[int], wanted: Callable[[int], bool]
                     ) -> bool:
    """Whether an item at one of `starts` (in order) that `wanted` (given its index) accepts
    stands within SAME_SENTENCE_REACH of pos, with no sentence or line end between them."""
    lo = bisect.bisect_left(starts, pos - SAME_SENTENCE_REACH)
    hi = bisect.bisect_right(starts, pos + SAME_SENTENCE_REACH)
    return any(wanted(n) and not _SENTENCE_BREAK.search(
        text, min(pos, starts[n]), max(pos, starts[n])) for n in range(lo, hi))


def _named_again_with_a_date(text: str, found: list[NamedSource]) -> list[NamedSource]:
    """'according to the Tasnim news agency (Tasnim, December 28)': an outlet named without a
    date and again, dated, in a parenthetical of the same sentence is one source, the dated one."""
    dated = [s for s in found if s.how == "parenthetical" and s.cited_date is not None]
    if not dated:
        return found
    starts = [d.start for d in dated]  # in order, as `found` is

    def again(s: NamedSource) -> bool:
        outlet = s.outlet.lower()
        return in_sentence_with(text, s.start, starts, lambda n: dated[n].outlet.lower() == outlet)
    return [s for s in found if s.cited_date is not None or s.how not in (
        "according", "reported") or not again(s)]


def parse_source_list(inner: str, base: int, how: str,
                      group: tuple[int, int] | None = None,
                      reference: date | None = None) -> list[NamedSource]:
    """'Outlet, date; Outlet and Outlet, date' -> one NamedSource per outlet. A headline in
    quotation marks before the outlet is not part of its name; an interview or a letter
    ('Interview with the author, Herat, 14 May 2023') names no outlet. With a `reference`
    date, a day and month closing an item ('AP, March 4') date it too."""
    dates = find_dates(inner)
    if reference is not None:
        dates = sorted(dates + _yearless_item_dates(inner, dates, reference),
                       key=lambda d: d.start)
    if not dates:
        return []
    inner = _QUOTED_TITLE.sub(lambda m: " " * len(m.group(0)), inner)
    if how == "footnote":
        cited = _author_date_outlet(inner, base, dates[0], group)
        if cited is not None:
            return [] if _PRIVATE_SOURCE.search(inner) else [cited]
    sources: list[NamedSource] = []
    previous = 0
    for n, when in enumerate(dates):
        segment = inner[previous:when.start]
        # '…, site data, May 2024 (unpublished)': what follows the date up to the next item
        semicolon = inner.find(";", when.end)
        item_end = min([semicolon if semicolon != -1 else len(inner)]
                       + [d.start for d in dates[n + 1:n + 2]])
        if not _PRIVATE_SOURCE.search(segment + inner[when.end:item_end]):
            sources += _outlets(segment, base + previous, when, how, group)
        elif given := _interview_given_to(segment, base + previous, when, how, group):
            sources.append(given)
        previous = when.end
    return sources


_AUTHOR_DATE = re.compile(r"^\s*[^\W\d][^()\d]{1,80}\(\s*$")


def _author_date_outlet(inner: str, base: int, when: TextDate,
                        group: tuple[int, int] | None) -> NamedSource | None:
    """'Hartl, Monika (13 June 2014). "Title". Mainfränkische Rundschau. p. 3.': in the
    author-date style the name before the date in parentheses is the writer's, and the
    outlet is the first name-like item after the title."""
    if not _AUTHOR_DATE.match(inner[:when.start]) or not inner[when.end:].lstrip().startswith(")"):
        return None
    rest = inner.index(")", when.end) + 1
    for m in re.finditer(r"[^.]+", inner[rest:]):
        name = m.group(0).strip(" ,;:")
        if name and _plausible_outlet(name) and name[:1].isupper() and not find_urls(name):
            start = base + rest + m.start() + m.group(0).find(name)
            return NamedSource(start, start + len(name), name, when.value, "footnote", group)
    return None


def _yearless_item_dates(inner: str, dates: list[TextDate], reference: date) -> list[TextDate]:
    """Year-less dates that end an item of the list (before ';' or the closing parenthesis),
    the place a citation's date takes; elsewhere 'March 4' is just part of a remark."""
    return [d for d in find_yearless_dates(inner, reference)
            if not any(d.start < o.end and o.start < d.end for o in dates)
            and re.fullmatch(r"[\s.,]*(?:;.*)?", inner[d.end:], re.S)]


def _outlets(segment: str, base: int, when: TextDate, how: str,
             group: tuple[int, int] | None) -> list[NamedSource]:
    parts: list[tuple[int, str]] = []
    for m in re.finditer(r"[^,;]+", segment):
        for piece in re.split(r"(?<=\S) and (?=\S)", m.group(0)):
            offset = m.start() + m.group(0).find(piece)
            parts.append((offset, piece))
    outlets: list[NamedSource] = []
    for offset, raw in parts:
        name = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        cut = _STRIP_START.match(name)
        if cut:
            lead += cut.end()
            name = name[cut.end():]
        name = name.strip(" .:-–—")
        if not _plausible_outlet(name) or find_urls(name):
            continue
        if not re.search(r"[A-Z]|\.[a-z]{2,}$", name):
            continue  # 'press release', 'interview': what kind of source, not whose
        if outlets and is_place(name):
            continue
        start = base + offset + lead
        outlets.append(NamedSource(start, start + len(name), name, when.value, how, group))
    return outlets


def _interview_given_to(segment: str, base: int, when: TextDate, how: str,
                       group: tuple[int, int] | None) -> NamedSource | None:
    """The outlet an interview in a citation was given to, when it names one."""
    m = _INTERVIEW_WITH.match(segment)
    if m is None or not is_outlet(m.group("outlet")) or not _plausible_outlet(m.group("outlet")):
        return None
    start = base + m.start("outlet")
    return NamedSource(start, start + len(m.group("outlet")), m.group("outlet"), when.value, how,
                       group)


def _plausible_outlet(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 9 or len(name) > 80 or not any(ch.isalpha() for ch in name):
        return False
    if len(words) == 1 and words[0].lower().strip(".") in _CALENDAR:
        return False
    if words[0].lower() in _REJECT_START or words[-1].lower() in _REJECT_END:
        return False
    return not re.fullmatch(r"(?:p|pp|vol|no)\.?\s*\d+.*", name, re.I)


def _parenthetical(text: str, reference: date | None = None) -> list[NamedSource]:
    found: list[NamedSource] = []
    for m in _PAREN.finditer(text):
        found += parse_source_list(m.group(1), m.start(1), "parenthetical",
                                   (m.start(), m.end()), reference)
    return found


def _noun_phrase(text: str, start: int) -> tuple[int, int] | None:
    """A proper-noun phrase starting at `start` ('Times of Israel', 'Netanyahu’s office')."""
    end = last = start
    words = 0
    for m in _NP_WORD.finditer(text, start):
        if text[last:m.start()].strip() or (words and m.start() - last > 1):
            break
        word = m.group(0)
        low = word.lower()
        if low in _CALENDAR:
            break
        marker = _GLUED_ROMAN.search(word)
        if marker and word[:1].isupper():  # 'Service.vi The': a sentence end and its endnote
            end = m.start() + marker.start()
            words += 1
            break
        if word[:1].isupper() or re.match(r"^(?:al|el)-", word) or (
                words and low in _OWNED and _possessive(text, end)):
            end = last = m.end()
            words += 1
            if low in _OWNED and word.islower() or words >= 8:
                break
        elif words and low in _CONNECTORS and low != "and":
            nxt = _NP_WORD.match(text, m.end() + 1)
            if not nxt or not nxt.group(0)[:1].isupper():
                break
            last = m.end()
        else:
            break
    return (start, end) if words else None


def _possessive(text: str, end: int) -> bool:
    return text[max(0, end - 2):end] in ("’s", "'s") or text[end - 1:end] in ("’", "'")


def mentions_according(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] may hold an 'according to' (a cheap test before the regex)."""
    return any(text.find(word, start, end) != -1 for word in _ACCORDING_WORDS)


def according_to(text: str, start: int = 0, end: int | None = None
                 ) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of each 'according to X' with a proper-noun X."""
    end = len(text) if end is None else end
    if not mentions_according(text, start, end):
        return []
    found = []
    for m in _ACCORDING.finditer(text, start, end):
        span = _noun_phrase(text, m.end())
        if span:
            found.append((span[0], span[1], text[span[0]:span[1]]))
    return found


# 'according to the Interfax news agency', '… the Kommersant newspaper': a name that a common
# noun after it says is an outlet's.
_OUTLET_NOUN_AFTER = re.compile(
    r"\s+(?:(?:state(?:-run|-owned)?\s+)?news\s+(?:agency|service|site|website|channel|outlet)|"
    r"newspaper|daily|broadcaster|"
    r"wire\s+service|magazine|(?:state\s+)?(?:television|radio)(?:\s+channel|\s+station)?)\b",
    re.I)


# 'the Polish news agency PAP', 'the Turkish broadcaster TRT': a country's adjective, then the
# outlet noun, then the outlet's own name, which is the source.
_NAME_AFTER_NOUN = re.compile(r"\s+([A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,3})(?![\w’'])")
_PLACE_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ian|ean|ish|ese|i)$")


def _outlet_named_after(text: str, start: int, end: int, phrase: str
                        ) -> tuple[int, int, str] | None:
    noun = _OUTLET_NOUN_AFTER.match(text, end)
    if not noun or " " in phrase or not (phrase.lower() in DEMONYMS or
                                        _PLACE_ADJECTIVE.match(phrase)):
        return None
    name = _NAME_AFTER_NOUN.match(text, noun.end())
    return (name.start(1), name.end(1), name.group(1)) if name else None


# 'according to The Citizen, which reported on Tuesday that …': a name that reports is an outlet
_WHICH_REPORTED = re.compile(r",\s+which\s+(?:has\s+|had\s+|also\s+)?report(?:ed|s)\b")


# 'according to Compesa, the state water company,': a name the appositive calls a body
# (a common noun: 'Según Ordóñez, el Gobierno …' opens the clause that follows)
_APPOSITIVE_NOUNS = re.compile(r",\s+(?:the|a|an|o|la|il|el|le)\s+((?:[^\W\d_A-Z][\w\-]*\s+){0,3}"
                               r"[^\W\d_A-Z][\w\-]*)")


def _body_in_apposition(text: str, end: int) -> bool:
    m = _APPOSITIVE_NOUNS.match(text, end)
    if m is None:
        return False
    return any(w.lower() in ORG_WORDS or w.lower() in ORG_HEADS for w in m.group(1).split())


def _according(text: str) -> list[NamedSource]:
    """'according to Reuters', 'according to the World Food Programme', 'according to
    estimates by the consultancy X' — an outlet, an organisation, or whoever produced the
    figures; not a person or 'X’s office' (those are speakers)."""
    found = []
    for start, end, phrase in according_to(text):
        start, end, phrase = _outlet_named_after(text, start, end, phrase) or (start, end, phrase)
        data = _DATA_SOURCE.search(text, max(0, start - 60), start)
        owner = _POSSESSIVE_END.sub("", phrase)
        if owner != phrase and is_org_name(owner.split()) and _OWNED_DATA.match(text, end):
            # 'according to the Tax Administration’s company register': the body's own data
            found.append(NamedSource(start, start + len(owner), owner,
                                     date_near(text, start), "according"))
        elif is_outlet(phrase) or data or _OUTLET_NOUN_AFTER.match(text, end) \
                or _body_in_apposition(text, end) \
                or _WHICH_REPORTED.match(text, end) or is_org_name(
                phrase.split()) and not re.search(r"[’']s\b", phrase):
            found.append(NamedSource(start, end, phrase, date_near(text, start), "according"))
    return found


def _reported(text: str, reference: date | None = None) -> list[NamedSource]:
    """'Reuters reported', 'The Punch reported', 'The Iranian Students' News Agency (ISNA)
    reported on 14 January' — not a person reporting something ('Fatima Rahimi reported a
    break-in …, she told us'), nor a role ('The minister reported')."""
    found = []
    printed = [(m, True) for m in _each_match(_PRINTS, text)]
    for m, outlets_only in [(m, False) for m in _REPORTED.finditer(text)] + printed:
        end = m.start()
        if end and m.group(0)[0].isalpha() and (text[end - 1].isalnum() or text[end - 1] == "_"):
            continue
        prefix = _REPORTED_PREFIX.search(text, max(0, end - 10), end)
        if prefix:
            end = prefix.start()
        acronym = re.search(r"\(([A-Z][A-Za-z]{1,9})\)\s*$", text[max(0, end - 14):end])
        if acronym:  # 'News Agency (ISNA) reported': the name before the acronym
            end = end - len(acronym.group(0))
        start = _proper_noun_before(text, end)
        if start is None:
            continue
        phrase = text[start:end].strip()
        article = re.match(r"(?:The|A)\s+", phrase)
        if article:
            start, phrase = start + article.end(), phrase[article.end():]
        words = phrase.split()
        if not words or words[-1].lower() in TITLE_WORDS or _a_person(text, phrase, m.end()) \
                or outlets_only and not is_outlet(phrase):
            continue
        if is_outlet(phrase) or is_org_name(words) or len(words) >= 2 or phrase.isupper() \
                or article and article.group(0).startswith("The"):
            found.append(NamedSource(start, start + len(phrase), phrase,
                                     date_after(text, m.end(), reference)
                                     or date_near(text, start), "reported"))
    for m in _REPORTED_BY.finditer(text):
        span = _noun_phrase(text, m.end())
        if span:
            found.append(NamedSource(span[0], span[1], text[span[0]:span[1]],
                                     date_near(text, span[0]), "reported"))
    return found


# 'told Reuters', 'told the BBC on 28 February', 'Speaking on LBC', 'in an interview with the
# Financial Times', 'an article in the Daily Express on 6 January': words given to an outlet,
# or its piece, which is where a reader finds them.
_TOLD = tuple(re.compile(lead + r"\s+(?:the\s+)?(?=[A-Z])") for lead in (
    "told", "tells", "telling",
    *(verb + r"\s+(?:to|on|in)" for verb in ("Speaking", "speaking", "Writing", "writing")),
    r"said\s+on", r"in\s+an\s+interview\s+(?:with|on)",
    *(noun + r"\s+(?:in|on)" for noun in ("article", "report", "interview", "editorial", "column",
                                         "op-ed"))))


def _each_match(patterns: tuple[re.Pattern[str], ...], text: str) -> list[re.Match[str]]:
    """The matches of several patterns, in order of where they start."""
    return sorted((m for p in patterns for m in p.finditer(text)), key=lambda m: m.start())


def _told_outlet(text: str, reference: date | None = None) -> list[NamedSource]:
    """An outlet that was told something or that published a piece on a stated day: only a
    name that reads as an outlet ('told the Transport Committee' is a hearing, not a source)."""
    found = []
    for m in _each_match(_TOLD, text):
        if m.start() and text[m.start() - 1].isalnum():
            continue  # 'foretold', 'storytelling'
        span = _noun_phrase(text, m.end())
        if span is None:
            continue
        phrase = _POSSESSIVE_END.sub("", text[span[0]:span[1]])
        if not is_outlet(phrase) or phrase.lower() in OUTLET_WORDS and phrase.islower():
            continue
        show = PROGRAMME.match(text, span[0] + len(phrase))
        if show:  # 'told BBC Radio 4's Today programme on Thursday': the programme is the piece
            phrase = text[span[0]:show.end()]
        when = date_after(text, span[0] + len(phrase), reference, weekdays=True) or \
            date_near(text, span[0])
        if when is None:
            continue  # 'told the BBC' alone says where words were heard, not which piece
        found.append(NamedSource(span[0], span[0] + len(phrase), phrase, when, "reported"))
    return found


def _proper_noun_before(text: str, pos: int) -> int | None:
    """Start of the run of capitalised words (with 'of'/'the' inside) ending at `pos`."""
    words = list(_NP_WORD.finditer(text, max(0, pos - 100), pos))
    start = None
    limit = pos
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if text[word.end():limit].strip() or "\n" in text[word.end():limit]:
            break  # a heading's words are no part of the sentence under it
        token = word.group(0)
        if token[:1].isupper() and token.lower() not in ("he", "she", "they", "it", "we", "i"):
            start = word.start()
        elif start is not None and token.lower() in ("of", "the") and i > 0 \
                and words[i - 1].group(0)[:1].isupper():
            pass
        else:
            break
        limit = word.start()
    return start


def _a_person(text: str, phrase: str, after: int) -> bool:
    """Whether a two- or three-word name reads as a person: the text goes on to call it
    'he' or 'she' (in the same or the next sentence)."""
    words = phrase.split()
    if not 2 <= len(words) <= 3 or is_outlet(phrase) or is_org_name(words):
        return False
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’)]*\s", text[after:after + 400])]
    limit = after + (ends[1] if len(ends) > 1 else 400)
    pronoun = re.search(r"\b(?:he|she|his|her|him)\b", text[after:limit], re.I)
    if pronoun is None:
        return False
    # 'X reported … Oleksandr Kovalenko said he …': the pronoun is the later person's
    return not _TWO_NAMES.search(text, after, after + pronoun.start())


def _source_lines(text: str) -> list[NamedSource]:
    found = []
    for m in _SOURCE_LINE_START.finditer(text):
        line = m.group(0).strip()
        if len(line.split()) > 14 or _WIRE_ISSUER.match(line):
            continue
        s = _SOURCE_LINE.match(line)
        if not s or find_urls(s.group("x")):
            continue
        outlet = s.group("x").strip(" .*_")
        head, _, rest = outlet.partition(",")
        if rest and _plausible_outlet(head.strip()) and re.match(r"\s*[a-z\d]", rest):
            outlet = head.strip()  # 'Source: Agency, progress report to …, May 2025'
        when = find_dates(rest, month_only=False) if rest else []
        start = m.start() + m.group(0).find(s.group("x"))
        found.append(NamedSource(start, start + len(outlet), outlet,
                                 when[0].value if when else None, "source-line"))
    return found


SOURCE_LINE_CHARS = 500


def is_source_line(text: str, pos: int) -> bool:
    """Whether `pos` lies on a line such as 'Source » iranwire' or 'Via: Reuters'. Only
    SOURCE_LINE_CHARS on either side are read: a longer line is no such line."""
    lo = max(0, pos - SOURCE_LINE_CHARS)
    start = text.rfind("\n", lo, pos) + 1
    end = text.find("\n", pos, pos + SOURCE_LINE_CHARS)
    if start == 0 and lo > 0 or end == -1 and pos + SOURCE_LINE_CHARS < len(text):
        return False
    line = text[start:end if end != -1 else len(text)].strip()
    return len(line.split()) <= 14 and bool(_SOURCE_LINE.match(line)) and \
        not _WIRE_ISSUER.match(line)
