"""Author-date citations, as academic writing cites (APA, Harvard, Chicago author-date):
narrative ('Halvorsen and Van Rijn (2022) conclude that') or parenthetical ('"…"
(Halvorsen & Van Rijn, 2022, p. 39)'), and the reference-list entry each points at, whose
DOI or URL is where a reader goes to check the words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .namevocab import MONTH_WORDS

_NAME = r"[A-Z\u00C0-\u00DE][\w’'\-]+"
# 'Dubrovska', 'Van Rijn', 'Communauté urbaine de Dunkerque': capitalised words, with at
# most a few lower-case particles between them
_AUTHOR = rf"{_NAME}(?:\s+(?:[a-zà-ÿ]{{1,8}}\s+){{0,2}}{_NAME})*"
_AUTHORS = rf"{_AUTHOR}(?:\s*(?:,\s*|\s+and\s+|\s*&\s*){_AUTHOR})*(?:\s+et\s+al\.)?"
_YEAR = r"(?:19|20)\d\d[a-z]?"
# A narrative citation is found from its '(Year)' back: the authors end right before it. A
# search for the whole citation would try every capitalised word of a long sentence as the
# start of an author list (quadratic: 46 ms for a 160-word sentence of names); from the year,
# only the AUTHORS_REACH characters before it are read.
_YEAR_IN_PARENTHESES = re.compile(rf"\((?P<year>{_YEAR})(?:,[^()]*)?\)")
_AUTHORS_BEFORE = re.compile(rf"(?P<authors>{_AUTHORS})\s+$")
AUTHORS_REACH = 200  # characters: longer than any author list a sentence names
NARRATIVE_REACH = 600  # characters before a quotation where its narrative citation may stand
# '(Halvorsen & Van Rijn, 2022, p. 39)', and without the comma as Chicago and many Harvard
# styles write it: '(Grindeanu 2024a)', '(Ministry of Trade 2024, p. 3)'.
_PARENTHETICAL = re.compile(
    rf"\(\s*(?:see\s+|cf\.\s+)?(?P<authors>{_AUTHORS})(?P<comma>,\s*|\s+)(?P<year>{_YEAR})"
    r"(?:,[^();]*)?\)")
# '(March 2024)', '(Spring 2023)': a date, no author, when no comma parts the year from it.
_DATE_WORDS = MONTH_WORDS | {"spring", "summer", "autumn", "fall", "winter", "early", "late", "mid"}
_BEFORE_PARENTHETICAL = re.compile(r"[\s,.;:\"”’']*")
# MLA cites author and page without a year, with a short title when the list holds several
# works by the author: '(Ashworth 214)', '(Gilman, "Why I Wrote" 20)', '(qtd. in Hedges 40)'.
_MLA_PARENTHETICAL = re.compile(
    rf"\(\s*(?:qtd\.\s+in\s+)?(?P<authors>{_AUTHOR}(?:\s+and\s+{_AUTHOR})?)"
    r"(?:,\s*[\"“](?P<title>[^\"”]{2,80})[\"”])?\s+(?P<page>\d+(?:\s*[-–]\s*\d+)?)\s*\)")
# An entry opening '---.' (MLA) or '———.' (Chicago) repeats the author of the entry above.
_REPEATED_AUTHOR = re.compile(r"\s*(?:[—–]+|-{2,}|_{3,})\s*[.,]")
# Capitalised at a sentence's start but no name: 'As Halvorsen (2022) concludes', 'In Dubrovska
# (2020)'.
_SENTENCE_OPENER = re.compile(
    r"(?:(?:As|In|But|And|Yet|So|Thus|While|Whereas|Although|Though|When|Since|Because|However|"
    r"Indeed|Still|Here|There|For|See|Like|Unlike|Following|After|Before|Both|Only|Even|Then|"
    r"Similarly|Likewise|Moreover|Later|Earlier|Recently|The)\s+)+")
_ET_AL = re.compile(r"\s+et\s+al\.$")
_SPLIT_AUTHORS = re.compile(r"\s*(?:,|\band\b|&)\s*")


@dataclass(frozen=True)
class AuthorDate:
    """One author-date citation: who ('Halvorsen and Van Rijn') and when ('2022')."""

    authors: str
    year: str
    start: int
    end: int

    @property
    def first_author(self) -> str:
        """The name a reference list sorts the work under."""
        return _SPLIT_AUTHORS.split(_ET_AL.sub("", self.authors))[0]


def narrative_before(text: str, lo: int, hi: int) -> AuthorDate | None:
    """The last 'Authors (Year)' in text[lo:hi], within NARRATIVE_REACH of its end: the
    subject who says a quotation after it."""
    found = None
    for year in _YEAR_IN_PARENTHESES.finditer(text, max(lo, hi - NARRATIVE_REACH), hi):
        names = _AUTHORS_BEFORE.search(text, max(lo, year.start() - AUTHORS_REACH), year.start())
        if names is None:
            continue
        authors = names.group("authors")
        opener = _SENTENCE_OPENER.match(authors + " ")
        skip = opener.end() if opener else 0
        if skip < len(authors):
            found = AuthorDate(authors[skip:], year.group("year"), names.start() + skip, year.end())
    return found


def parenthetical_after(text: str, pos: int, hi: int) -> AuthorDate | None:
    """'(Authors, Year, p. N)' right after a quotation's closing mark (punctuation aside)."""
    start = _BEFORE_PARENTHETICAL.match(text, pos, hi)
    m = _PARENTHETICAL.match(text, start.end() if start else pos, hi)
    if m is None or (m.group("comma").isspace()
                     and m.group("authors").split()[0].lower() in _DATE_WORDS):
        return None
    return AuthorDate(m.group("authors"), m.group("year"), m.start(), m.end())


@dataclass(frozen=True)
class AuthorPage:
    """One MLA citation: who ('Ashworth') and, if given, which of their works."""

    authors: str
    title: str | None


def mla_after(text: str, pos: int, hi: int) -> AuthorPage | None:
    """'(Author "Short Title" page)' right after a quotation's closing mark."""
    start = _BEFORE_PARENTHETICAL.match(text, pos, hi)
    m = _MLA_PARENTHETICAL.match(text, start.end() if start else pos, hi)
    return AuthorPage(m.group("authors"), m.group("title")) if m else None


_ENTRY_MARKS = re.compile(r"[*_\-•· \t]*")  # list and emphasis marks before an entry's name
_WORD = re.compile(r"[^\s,.(]*")


def _first_word(text: str, start: int, end: int) -> str:
    m = _WORD.match(text, start, end)
    return m.group(0) if m else ""


class ReferenceList:
    """The reference-list entries of a document's citations. Paragraphs are indexed once by
    their first word and each (author, year) is looked up once, so a paper with many cited
    quotations is not read again for each of them."""

    def __init__(self, text: str, paras: list[tuple[int, int]]) -> None:
        self.text = text
        self.paras = paras
        self._heads: list[int] = []  # where each paragraph's author's name starts
        self._named_in: list[int] = []  # the paragraph that name stands in
        self._by_first_word: dict[str, list[int]] = {}
        self._entries: dict[tuple[str, str], list[int]] = {}
        self._by_author: dict[str, list[int]] = {}  # MLA: an author's Works Cited entries

    def entry(self, cited: AuthorDate, after: int) -> tuple[int, int] | None:
        """The reference-list paragraph (after paragraph `after`) for a citation: it opens with
        the first author's name and gives the year in parentheses, 'Halvorsen, T., & Van Rijn,
        E. (2022). …', or as a sentence of its own, 'Holloway, Priya. 2024. …' (Chicago)."""
        key = (cited.first_author, cited.year)
        found = self._entries.get(key)
        if found is None:
            found = self._entries[key] = self._find_entries(*key)
        n = bisect.bisect_right(found, after)
        return self.paras[found[n]] if n < len(found) else None

    def mla_entry(self, cited: AuthorPage, after: int) -> tuple[int, int] | None:
        """The Works Cited paragraph (after paragraph `after`) opening with the author's
        surname, or with '---.' under an entry of theirs; the one holding the short title
        when one is given ('Gilman, Charlotte Perkins. "Why I Wrote …'). None if unsure."""
        surname = _SPLIT_AUTHORS.split(cited.authors)[0]
        if surname not in self._by_author:
            self._by_author[surname] = self._author_entries(surname)
        found = [self.paras[n] for n in self._by_author[surname] if n > after]
        if cited.title:  # a short title is how the work's title begins ('Yellow Wallpaper')
            wanted = _plain(cited.title)
            found = [(a, b) for a, b in found
                     if _ARTICLE.sub("", _plain(_work_title(self.text[a:b]))).startswith(wanted)]
        return found[0] if len(found) == 1 else None

    def _author_entries(self, surname: str) -> list[int]:
        """The paragraphs opening with 'Surname, ' and the '---.' ones right after them."""
        opening = re.compile(re.escape(surname) + r",\s")
        found, theirs = [], False
        for n, (start, end) in enumerate(self.paras):
            head = _ENTRY_MARKS.match(self.text, start, end)
            at = head.end() if head else start
            if opening.match(self.text, at, end):
                theirs = True
            elif not _REPEATED_AUTHOR.match(self.text, start, end):  # before marks eat '---'
                theirs = False
            if theirs:
                found.append(n)
        return found

    def _find_entries(self, first_author: str, year: str) -> list[int]:
        if not self._heads:
            self._index_heads()
        # an entry opening with the name opens with the name's first word
        word = _first_word(first_author, 0, len(first_author))
        candidates = self._by_first_word.get(word, []) if word else range(len(self.paras))
        opening = re.compile(re.escape(first_author) + r"[,.\s(]")
        # '(2022)' as APA and Harvard write it, or 'Malinov, Vladimir. 2024.' as Chicago does
        dated = re.compile(rf"\({re.escape(year)}|(?<![\w(]){re.escape(year)}[.,;:]")
        found = []
        for n in candidates:
            start, end = self.paras[n]
            named = self._named_in[n]
            if opening.match(self.text, self._heads[n], self.paras[named][1]) and \
                    dated.search(self.text, start, min(end, start + 400)):
                found.append(n)
        return found

    def _index_heads(self) -> None:
        """Where each paragraph's author stands; an entry opening '———.' repeats the author
        of the entry before it, as Chicago and MLA lists write a second work of one author."""
        previous = -1
        for n, (start, end) in enumerate(self.paras):
            if previous >= 0 and _REPEATED_AUTHOR.match(self.text, start, end):
                named = previous
            else:
                named = previous = n
            marks = _ENTRY_MARKS.match(self.text, *self.paras[named])
            head = marks.end() if marks else self.paras[named][0]
            self._heads.append(head)
            self._named_in.append(named)
            self._by_first_word.setdefault(
                _first_word(self.text, head, self.paras[named][1]), []).append(n)


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


_ARTICLE = re.compile(r"^(?:the|a|an) ")
_QUOTED_TITLE = re.compile(r"\s*[\"“]([^\"”]+)[\"”]")


def _work_title(entry: str) -> str:
    """The title of a Works Cited entry: what follows 'Author, Given.' (or '---.'), the quoted
    title of a part or else the title up to its full stop."""
    rest = entry.split(". ", 1)[1] if ". " in entry else entry
    quoted = _QUOTED_TITLE.match(rest)
    return quoted.group(1) if quoted else rest.split(". ", 1)[0]
