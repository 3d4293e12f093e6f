"""Turn the lines of a PDF's text (or a text file copied out of one) into clean paragraphs.

What PDF text extraction leaves behind: words hyphenated across line breaks, page numbers
and running headers between pages, paragraphs broken into lines (sometimes with a blank line
after every line), a numbered margin (a court transcript's or a bill's 1, 2, 3 … before each
line), footnote bodies and photo captions dropped into the middle of a sentence where a page
ended. The cleaned text rejoins paragraphs, moves footnote bodies and captions
out of the sentence they interrupted (to just after that paragraph), and keeps a line map so
every offset still points at its original line and page. What a single line says (how it
ends, whether the next carries it on, its margin number) is read in pdflines.py.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from ..models import Footnote
from .footnotes import SUPERSCRIPT_DIGITS, glued_markers, glued_numerals, roman_value
from .pdflines import (
    SourceLine,
    heading_like,
    heads_inside_sentences,
    hyphen_words,
    hyphenated,
    joins_url,
    open_ended,
    rehyphen,
    strip_numbered_margin,
    terminal,
    url_tail,
)
from .urls import find_urls

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^[ivxlc]{1,7}$",
    re.I)
_RULE = re.compile(r"^[\s*_\-–—=•·~#.]{3,}$")
_SEPARATOR = re.compile(r"^(?:\s{10,}|\s*_{5,}\s*|\s*-{10,}\s*)$")
_FOOTNOTE_START = re.compile(
    r"^\s*(?:\[(?P<b>\d{1,3})\]|(?P<n>\d{1,3})(?P<p>[.)])?|(?P<s>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)|"
    r"(?P<r>[ivx]{1,6}))\s+(?=\S)")
# A day and month after a line's opening number: a date ('12 Jan 2024', '3 March:'), no marker.
_DATE_AFTER_NUMBER = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?:,?\s+\d{2,4}\b|\s*[:–—-])", re.I)
_ACROSS_COLUMNS = 1.5  # a line this many times the page's middle width is set across columns
_CARRIED_LINES = 30  # at most so many lines carry a note on from the page before
_GLUED_NOTE_START = re.compile(r"^\s*(?P<g>\d{1,3})(?=[A-Z][a-z]|[“\"‘«(])")
_LIST_START = re.compile(
    r"^(?:\d{1,2}[.)]\s|[ivxIVX]{1,5}[.)]\s|[a-hA-H]\)\s|[-–•▶◆►*●○■□➢✓·]\s|\([a-z0-9]{1,3}\)\s)")
_CREDIT = re.compile(
    r"\((?:photos?|images?|pictures?|credits?|courtesy|screenshots?|illustrations?)\b", re.I)
_PARENTHETICAL_LINE = re.compile(r"^\(.*\)[.,]?$")
_BOLD = "**"
_NOTE_ABBREVIATION = re.compile(
    r"(?:(?<![\w.])(?:pp?|vol|nos?|para|paras|ch|eds?|cf|trans)|(?<![\w.])[A-Z])\.$")
# 'Available at:', 'Retrieved from:' ending a line: the address is on the next (as it is
# after any colon when the next line holds nothing but an address).
_POINTS_AT_URL = re.compile(r"\b(?:at|from|online|URL)\s*:$", re.I)
_URL_START = re.compile(r"<?(?:https?://|www\.)", re.I)
_PAGE_LINES = 10  # lines a page holds at the least, between two page numbers counted up
_NOTES_HEADING = re.compile(
    r"^\s*(?:notes?|endnotes?|footnotes?|references?|sources?|bibliography|works cited|"
    r"citations)\s*:?\s*$", re.I)


@dataclass
class CleanedText:
    """Clean text plus what was learned on the way (see module docstring)."""

    text: str
    line_map: list[tuple[int, int, int | None]]
    footnotes: list[Footnote]
    floating: list[tuple[int, int]] = field(default_factory=list)  # footnote/caption spans
    dropped: Counter[str] = field(default_factory=Counter)


@dataclass
class _Piece:
    text: str
    line: int
    page: int | None
    glue: str = " "  # what joins it to the previous piece of its paragraph


@dataclass
class _Float:
    kind: str  # "footnote" or "caption"
    pieces: list[_Piece]
    marker: str | None = None


def source_lines(text: str) -> list[SourceLine]:
    """Lines of a text file; form feeds (as pdftotext writes them) start a new page."""
    pages = text.split("\f")
    paged = len(pages) > 1
    lines: list[SourceLine] = []
    number = 0
    for page_no, page in enumerate(pages, start=1):
        parts = page.split("\n")
        for i, raw in enumerate(parts):
            if i > 0 or page_no == 1:
                number += 1
            lines.append(SourceLine(raw.rstrip("\r"), number, page_no if paged else None))
    return lines


def page_lines(pages: list[str], linked: Collection[tuple[int, int]] = ()) -> list[SourceLine]:
    """Lines of a PDF's pages (as pdftext reads them), numbered from 1 on each page;
    `linked` holds the (page, line) of the lines a link annotation covers."""
    return [SourceLine(text, number, page_no, (page_no, number) in linked)
            for page_no, page in enumerate(pages, start=1)
            for number, text in enumerate(page.split("\n"), start=1)]


def clean_lines(lines: list[SourceLine]) -> CleanedText:
    """Paragraphs rejoined, page furniture dropped, footnotes and captions moved aside."""
    return _Cleaner(lines).run()


def footnote_lines(lines: list[SourceLine]) -> list[tuple[str, list[SourceLine]]]:
    """(marker, lines) of each footnote body, as clean_lines would find them, without
    assembling the text: cheap enough for a first pass over a very large file."""
    cleaner = _Cleaner(lines)
    cleaner._classify_furniture()
    cleaner._classify_footnotes()
    found: list[tuple[str, list[SourceLine]]] = []
    for i, kind in enumerate(cleaner.kinds):
        if kind == "footnote" and i in cleaner.markers:
            found.append((cleaner.markers[i], [lines[i]]))
        elif kind == "footnote-cont" and found:
            found[-1][1].append(lines[i])
    return found


class _Cleaner:
    def __init__(self, lines: list[SourceLine]) -> None:
        strip_bold = sum(line.text.count(_BOLD) for line in lines) >= 2
        self.lines = [
            SourceLine(_tidy(line.text, strip_bold), line.line, line.page, line.linked)
            for line in lines]
        strip_numbered_margin(self.lines)
        self.kinds = ["text"] * len(self.lines)
        self.dropped: Counter[str] = Counter()
        self._edges: set[int] | None = None
        self.markers: dict[int, str] = {}
        self._numerals_seen: set[str] = set()  # Roman numerals glued in the text read so far
        self._numerals_read = 0  # lines before this one have been read for them
        self._carried: dict[int, int] = {}  # first line carrying a note on -> the note's last line
        self.mode = "wrapped"
        self.width = 80
        self.double_spaced = False

    # -- classification ------------------------------------------------------------------
    def run(self) -> CleanedText:
        self._classify_furniture()
        self._classify_footnotes()
        self._layout()
        self._classify_captions()
        return self._assemble()

    def _classify_furniture(self) -> None:
        lines, kinds = self.lines, self.kinds
        for i, line in enumerate(lines):
            raw = line.text
            if not raw:
                kinds[i] = "empty"
            elif _SEPARATOR.match(raw):
                kinds[i] = "separator"
            elif not raw.strip():
                kinds[i] = "white"
            elif _RULE.match(raw):
                kinds[i] = "rule"
        for i, line in enumerate(lines):
            if kinds[i] == "text" and _PAGE_NUMBER.match(line.text.strip()) and self._isolated(i):
                kinds[i] = "page-number"
        for i in self._counted_pages():
            kinds[i] = "page-number"
        for i in self._running_headers():
            kinds[i] = "header"
        for i in heads_inside_sentences(lines, kinds):
            kinds[i] = "header"
        for kind in ("rule", "page-number", "header"):
            self.dropped[kind] = kinds.count(kind)

    def _isolated(self, i: int) -> bool:
        """A lone number is a page number when it stands alone between gaps or page edges."""
        def gap(j: int) -> bool:
            if j < 0 or j >= len(self.lines):
                return True
            if self.lines[j].page != self.lines[i].page:
                return True
            return self.kinds[j] in ("empty", "white", "separator")
        if self.lines[i].page is not None:
            edge = self._page_edges()
            if i in edge:
                return True
        return gap(i - 1) and gap(i + 1)

    def _counted_pages(self) -> list[int]:
        """Lone numbers counting up page by page (1, 2, 3) in a copy without form feeds: a
        PDF viewer's copy keeps each page number on a line of its own, though nothing blank
        may stand between it, the page's last note and the next page's header."""
        if any(line.page is not None for line in self.lines):
            return []
        chain: list[int] = []
        for i, line in enumerate(self.lines):
            text = line.text.strip()
            if self.kinds[i] != "text" or not text.isdigit() or len(text) > 4:
                continue
            if chain and int(text) == int(self.lines[chain[-1]].text) + 1 \
                    and i - chain[-1] >= _PAGE_LINES:
                chain.append(i)
            elif not chain or len(chain) < 2:
                chain = [i]
        return chain if len(chain) >= 2 else []

    def _page_edges(self) -> set[int]:
        """Indexes of the first and last two non-blank lines of each page."""
        if self._edges is not None:
            return self._edges
        by_page: dict[int | None, list[int]] = {}
        for i, line in enumerate(self.lines):
            if line.text.strip():
                by_page.setdefault(line.page, []).append(i)
        edges: set[int] = set()
        for idx in by_page.values():
            edges.update(idx[:2] + idx[-2:])
        self._edges = edges
        return edges

    def _running_headers(self) -> list[int]:
        pages = {line.page for line in self.lines if line.page is not None}
        paged = len(pages) >= 2
        keyed: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines):
            text = line.text.strip()
            if self.kinds[i] != "text" or len(text) > 100 or _words(text) > 12:
                continue
            key = _furniture_key(text)
            if sum(ch.isalpha() for ch in key) < 3:
                if not paged:
                    continue
                # a footer without words (a telephone number) repeats as it is, not as '#'
                key = "\0" + " ".join(text.split())
            keyed.setdefault(key, []).append(i)
        found: list[int] = []
        for idx in keyed.values():
            if pages:
                edge = self._page_edges()
                at_edges = [i for i in idx if i in edge]
                on_pages = {self.lines[i].page for i in at_edges}
                if len(pages) >= 2 and len(on_pages) >= max(2, math.ceil(len(pages) / 2)):
                    found.extend(at_edges)
            elif len(idx) >= 3 and not terminal(self.lines[idx[0]].text.strip()) or \
                    len(idx) >= 2 and all(self._beside_page_number(i) for i in idx):
                found.extend(idx)
        return found

    def _beside_page_number(self, i: int) -> bool:
        """Whether line i stands next to a page number, blank lines aside."""
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(self.lines) and self.kinds[j] in ("empty", "white"):
                j += step
            if 0 <= j < len(self.lines) and self.kinds[j] == "page-number":
                return True
        return False

    def _classify_footnotes(self) -> None:
        """Footnote bodies: 'n http://…' anywhere; 'n text' after a footnote separator or a
        'Notes' heading, numbered on from the footnote just before, or opening a block when
        it is the next footnote number and its marker stands glued in the text above."""
        lines, kinds = self.lines, self.kinds
        zone: str | None = None  # "separator" or "heading"
        previous = -1  # index of the last footnote line, for continuations
        last_number = 0
        last_at = -10
        markers_seen: set[str] = set()

        def open_note(i: int, marker: str, number: int) -> None:
            nonlocal previous, last_at, last_number
            self._carry_over(i, last_at)
            kinds[i] = "footnote"
            self.markers[i] = marker
            previous = last_at = i
            last_number = number

        for i, line in enumerate(lines):
            kind = kinds[i]
            if kind == "separator":
                zone, previous = "separator", -1
                continue
            if kind in ("empty", "white"):
                if not (previous >= 0 and kind == "empty" and i == previous + 1):
                    previous = -1
                continue
            if kind != "text":
                continue
            if previous >= 0 and line.page != lines[previous].page:
                zone, previous = (zone if zone == "heading" else None), -1
            if _NOTES_HEADING.match(line.text):
                zone, previous = "heading", -1
                continue
            m = _FOOTNOTE_START.match(line.text)
            if m and _DATE_AFTER_NUMBER.match(line.text, m.end()):
                m = None  # '12 Jan 2024 Ceasefire announced': a table's or timeline's date
            glued = None if m else _GLUED_NOTE_START.match(line.text)
            if glued and glued.group("g") in markers_seen and \
                    int(glued.group("g")) in (last_number + 1, 1):
                # '1See https://…': the note's number glued to its first word, as text read
                # from a page in columns comes out; announced by the same number glued above
                markers_seen.discard(glued.group("g"))
                open_note(i, glued.group("g"), int(glued.group("g")))
                continue
            if m and m.group("r"):
                value = self._roman_note(m.group("r"), zone, last_number, i - last_at)
                if value is None and self._after_gap(i) and self._glued_above(m.group("r"), i):
                    value = roman_value(m.group("r"))  # Word's endnotes: 'island”.i' above
                    value = value if value in (last_number + 1, 1) else None
                if value is not None:
                    open_note(i, m.group("r"), value)
                    continue
                m = None
            if m:
                marker = (m.group("b") or m.group("n") or m.group("s") or "").translate(
                    SUPERSCRIPT_DIGITS)
                numbered = bool(m.group("p"))
                has_url = bool(find_urls(line.text[m.end():])) or line.linked or (
                    not numbered and self._after_gap(i) and self._url_in_continuation(i))
                in_zone = zone == "heading" or zone == "separator" and not numbered
                follows = marker.isdigit() and int(marker) == last_number + 1 and i - last_at <= 4
                announced = (not numbered and marker in markers_seen and self._after_gap(i)
                             and marker.isdigit()
                             and int(marker) in (last_number + 1, 1))  # next, or restarting
                if has_url and not self._carries_sentence_on(i, line.text[m.end():]) \
                        or in_zone or follows or announced:
                    markers_seen.discard(marker)
                    open_note(i, marker, int(marker) if marker.isdigit() else last_number)
                    continue
            if previous == i - 1 and previous >= 0 and self._continues_footnote(previous, i) \
                    or zone == "heading" and self._note_over_page_break(last_at, i):
                kinds[i] = "footnote-cont"
                previous = last_at = i
                continue
            zone, previous = None, -1
            markers_seen.update(glued_markers(line.text))

    @staticmethod
    def _roman_note(numeral: str, zone: str | None, last_number: int, gap: int) -> int | None:
        """The value of a Roman-numeral note body's number, or None when the line is none: UN
        and NGO reports number endnotes i, ii, iii …, and such a body opens under an
        'Endnotes' heading (the first one, 'i') or follows the note numbered just before it."""
        value = roman_value(numeral)
        if value is None:
            return None
        opens = zone == "heading" and value == 1 or value == last_number + 1 and gap <= 4
        return value if opens else None

    def _note_over_page_break(self, last: int, i: int) -> bool:
        """Whether line i, the first body line of a page, goes on with endnote `last` that
        stopped mid-sentence at the foot of the page before ('… 12 February' / '9' / running
        head / '2025, https://…'): endnotes under a 'Notes' heading run across pages."""
        if last < 0 or terminal(self.lines[last].text.rstrip()):
            return False
        between = self.kinds[last + 1:i]
        crossed = self.lines[last].page != self.lines[i].page or any(
            k in ("page-number", "header") for k in between)
        return crossed and all(k in ("empty", "white", "page-number", "header") for k in between) \
            and self._continues_footnote(last, i)

    def _url_in_continuation(self, i: int, reach: int = 3) -> bool:
        """Whether the lines continuing line i hold a URL: a note body ('1 Agency, Title,
        2021 up-' / 'date, https://…') often gives its URL only on its second or third line."""
        for j in range(i + 1, min(i + 1 + reach, len(self.lines))):
            if self.kinds[j] != "text" or self.lines[j].page != self.lines[i].page \
                    or not self._continues_footnote(j - 1, j):
                return False
            if self.lines[j].linked or find_urls(self.lines[j].text):
                return True
        return False

    def _carries_sentence_on(self, i: int, rest: str) -> bool:
        """'… have lost' / '40 percent of their flow (https://…).': a number opening a line
        right under body text that stops mid-sentence, a lowercase word after it, carries the
        sentence on; a note body opens with its source or its address."""
        if i == 0 or self.kinds[i - 1] != "text" or self.lines[i - 1].page != self.lines[i].page:
            return False
        return rest[:1].islower() and not rest.startswith("www.") and "://" not in \
            rest.split(None, 1)[0] and not terminal(self.lines[i - 1].text.rstrip())

    def _after_gap(self, i: int) -> bool:
        """Whether line i starts a block: after a blank line, page furniture or a page break."""
        if i == 0 or self.lines[i - 1].page != self.lines[i].page:
            return True
        return self.kinds[i - 1] in ("empty", "white", "separator", "rule", "page-number",
                                     "header")

    def _continues_footnote(self, prev: int, i: int) -> bool:
        before = self.lines[prev].text.rstrip()
        after = self.lines[i].text.strip()
        if _CREDIT.search(after) or _LIST_START.match(after) or _PARENTHETICAL_LINE.match(after):
            return False
        if url_tail(before) and not before.endswith(".") or joins_url(before, after):
            return True
        if self._hangs_under_note(prev, i) or self._fills_the_page_foot(prev, i):
            return True
        if _only_url(after):
            # a reference list entry gives its address on a line of its own ('[1] Agency,
            # Title, 2023.' / '    https://…'), after the citation's full stop
            return True
        # A reference breaks its line after a colon, a page abbreviation or an initial
        # ('Country Profile:' / 'Cambodia, https://…'; 'p.' / '114'; 'L. Brandt and P.' / 'Chhim').
        return not terminal(before) or before.endswith(":") or \
            bool(_NOTE_ABBREVIATION.search(before))

    def _carry_over(self, i: int, last: int) -> None:
        """Mark the lines that carry on the previous page's last note above note i: a note
        cut off mid-sentence at a page's foot goes on at the top of the next page's notes,
        after a gap under the body text and before the page's first note ('… Online:' /
        gap / 'canal-repairs.' then '3 See …'), starting lower-case or with an address."""
        page, before = self.lines[i].page, self.lines[last].page if last >= 0 else None
        if page is None or before is None or before != page - 1 or self.kinds[last] not in (
                "footnote", "footnote-cont") or terminal(self.lines[last].text.rstrip()):
            return
        start = i
        while start > 0 and self.kinds[start - 1] == "text" and self.lines[start - 1].page == page:
            start -= 1
        if start in (0, i) or self.lines[start - 1].page != page \
                or self.kinds[start - 1] not in ("empty", "white", "separator", "rule"):
            start = self._wide_lines_above(i)  # no gap: the notes are wider than the columns
        if start in (0, i) or i - start > _CARRIED_LINES:
            return
        first = self.lines[start].text.strip()
        if first[:1].islower() or find_urls(first[:12]):
            for j in range(start, i):
                self.kinds[j] = "footnote-cont"
            self._carried[start] = last

    def _wide_lines_above(self, i: int) -> int:
        """Where the run of lines right above line i begins that are set across the page on
        a page set in columns: text read column by column runs the notes, set across the page
        at its foot, straight on from the body text with no gap, and only their width tells
        them apart. i itself when there is no such run."""
        page = self.lines[i].page
        widths = sorted(len(line.text.strip()) for j, line in enumerate(self.lines)
                        if line.page == page and self.kinds[j] == "text")
        if len(widths) < 8:
            return i
        column = widths[len(widths) // 2]

        def wide(j: int) -> bool:
            return self.kinds[j] == "text" and self.lines[j].page == page and \
                len(self.lines[j].text.strip()) > _ACROSS_COLUMNS * column

        start = i
        if i > 1 and self.kinds[i - 1] == "text" and wide(i - 2):
            start = i - 1  # the note's last line, short as last lines are, under wide ones
        while start > 0 and wide(start - 1):
            start -= 1
        return start

    def _glued_above(self, numeral: str, i: int) -> bool:
        """Whether the body text above line i has the Roman numeral glued to its punctuation
        ('island”.i'). Read only when a line opens with a numeral, and each line once: the
        search costs more than the rest of the classification on a long document."""
        for j in range(self._numerals_read, i):
            if self.kinds[j] == "text":
                self._numerals_seen.update(glued_numerals(self.lines[j].text))
        self._numerals_read = max(self._numerals_read, i)
        return numeral in self._numerals_seen

    def _fills_the_page_foot(self, prev: int, i: int) -> bool:
        """Whether line i, right under a note line, starts an unbroken run of text lines
        that ends at the page's foot: under the notes at a page's foot nothing but notes
        is set, so a long note goes on there past its full stops."""
        page = self.lines[i].page
        if page is None or self.lines[prev].page != page:
            return False
        gap = False  # blank lines before the page's end are no break; text after them is
        for j in range(i, len(self.lines)):
            if self.lines[j].page != page:
                return True
            kind = self.kinds[j]
            if kind in ("page-number", "header"):
                return True
            if kind in ("empty", "white"):
                gap = True
                continue
            if gap or kind != "text" or _FOOTNOTE_START.match(self.lines[j].text) \
                    or _NOTES_HEADING.match(self.lines[j].text):
                return False
        return True

    def _hangs_under_note(self, prev: int, i: int) -> bool:
        """Whether line i is indented to where the words of the note it follows begin: a
        hanging indent ('iii This note …' / '    long. This …') carries the note on past a
        full stop, where a new paragraph would start at the margin."""
        opener = prev
        while opener > 0 and self.kinds[opener] == "footnote-cont":
            opener -= 1
        first = self.lines[opener].text
        m = _FOOTNOTE_START.match(first)
        line = self.lines[i].text
        indent = len(line) - len(line.lstrip(" "))
        if m is None or indent < 2:
            return False
        return abs(indent - m.end()) <= 2 and indent > len(first) - len(first.lstrip(" "))

    def _classify_captions(self) -> None:
        """Photo captions sitting between the lines of a sentence (wrapped layouts only)."""
        if self.mode != "wrapped":
            return
        lines, kinds = self.lines, self.kinds
        block_start = None
        for i in range(len(lines)):
            if kinds[i] != "text":
                block_start = None
                continue
            if block_start is None or self._gap_between(i - 1, i):
                block_start = i
            text = lines[i].text.strip()
            credit = bool(_CREDIT.search(text))
            parenthetical = bool(_PARENTHETICAL_LINE.match(text)) and i > block_start
            if (credit or parenthetical) and i - block_start <= 3:
                for j in range(block_start, i + 1):
                    kinds[j] = "caption"
                block_start = None

    def _gap_between(self, a: int, b: int) -> bool:
        return a < 0 or self.lines[a].page != self.lines[b].page

    def _layout(self) -> None:
        body = [line.text.strip() for line, kind in zip(self.lines, self.kinds, strict=True)
                if kind == "text"]
        long_lines = sum(len(t) > 150 for t in body)
        self.mode = "lines" if body and long_lines / len(body) >= 0.15 else "wrapped"
        lengths = sorted(len(t) for t in body if len(t) >= 20)
        self.width = lengths[int(len(lengths) * 0.8)] if lengths else 80
        doubled = adjacent = 0
        for i, kind in enumerate(self.kinds[:-2]):
            if kind == "text" and self.kinds[i + 1] == "empty" and self.kinds[i + 2] == "text":
                doubled += 1
            adjacent += kind == "text" and self.kinds[i + 1] == "text"
        # Double spacing puts a blank line after nearly every line; short paragraphs between
        # blank lines (a paper's headings and two-line references) still run lines together.
        self.double_spaced = len(body) >= 8 and doubled / len(body) >= 0.5 and \
            2 * adjacent < doubled

    # -- assembly ------------------------------------------------------------------------
    def _assemble(self) -> CleanedText:
        paragraphs: list[list[_Piece] | _Float] = []
        current: list[_Piece] = []
        pending: list[_Float] = []
        gap = "start"  # between the previous line and this one
        ruled = False  # a drawn rule came since the last body line: nothing runs across it
        after_float = False  # a footnote or caption came since the last body line
        last_page = self.lines[0].page if self.lines else None
        notes_by_line: dict[int, _Float] = {}  # each footnote line -> its note
        carrying: dict[int, _Float] = {}  # each line carrying a note on from the page before
        for i, line in enumerate(self.lines):
            kind = self.kinds[i]
            if line.page != last_page:
                gap, last_page = "hard", line.page
            if kind == "empty":
                gap = "soft" if gap == "none" else "hard"
                continue
            if kind in ("white", "separator", "rule", "page-number", "header"):
                gap = "hard"
                ruled = ruled or kind in ("rule", "separator") and bool(line.text.strip())
                continue
            piece = _Piece(line.text.strip(), line.line, line.page)
            if kind == "footnote":
                pending.append(_Float("footnote", [piece], self.markers.get(i)))
                notes_by_line[i] = pending[-1]
                gap, after_float = "none", True
                continue
            if kind == "footnote-cont" and (i in self._carried or i - 1 in carrying):
                note = notes_by_line.get(self._carried.get(i, -1)) or carrying[i - 1]
                prev = note.pieces[-1]
                piece.glue = "" if joins_url(prev.text, piece.text) else " "
                note.pieces.append(piece)
                carrying[i] = note
                gap = "none"
                continue
            if kind == "footnote-cont" and pending and pending[-1].kind == "footnote":
                prev = pending[-1].pieces[-1]
                piece.glue = "" if joins_url(prev.text, piece.text) else " "
                pending[-1].pieces.append(piece)
                notes_by_line[i] = pending[-1]
                gap = "none"
                continue
            if kind == "caption":
                if pending and pending[-1].kind == "caption" and gap == "none":
                    pending[-1].pieces.append(piece)
                else:
                    pending.append(_Float("caption", [piece]))
                gap, after_float = "none", True
                continue
            if after_float:
                gap, after_float = "hard", False
            if current and not ruled and self._joins(current[-1], piece, gap):
                self._glue(current[-1], piece)
                current.append(piece)
            else:
                if current:
                    paragraphs.append(current)
                paragraphs.extend(pending)
                pending = []
                current = [piece]
            gap, ruled = "none", False
        if current:
            paragraphs.append(current)
        paragraphs.extend(pending)
        return self._render(paragraphs)

    def _joins(self, prev: _Piece, piece: _Piece, gap: str) -> bool:
        a, b = prev.text, piece.text
        if not b:
            return False
        if _LIST_START.match(b):
            return False
        if hyphenated(a, b) or joins_url(a, b):
            return True
        if gap == "none" and (open_ended(a) or _POINTS_AT_URL.search(a[-24:])
                              and _URL_START.match(b) or a.endswith(":") and _only_url(b.strip("<>"))):
            return True
        # a reference's address on a line of its own, right under the rest of it (not one
        # address of a list of them)
        if gap == "none" and _only_url(b.strip("<>")) and a.endswith(".") \
                and not _only_url(a.strip("<>")) and not self.double_spaced:
            return True
        closed = terminal(a)
        lower_start = b[0].islower()
        if self.mode == "lines":
            return not closed and lower_start
        short = len(a) < 0.75 * self.width
        if gap == "hard" or (gap == "soft" and not self.double_spaced):
            if closed:
                return False
            return lower_start or (gap == "hard" and not short and not heading_like(b))
        if closed and short:
            return False
        return not (short and not closed and not lower_start)

    def _glue(self, prev: _Piece, piece: _Piece) -> None:
        a, b = prev.text, piece.text
        if joins_url(a, b):
            piece.glue = ""
        elif hyphenated(a, b):
            piece.glue = ""
            if b[0].islower() and not url_tail(a):
                prev.text = a[:-1]
                piece.glue = "\u00ad"  # marks a removed hyphen until rendering checks it
        else:
            piece.glue = " "

    def _render(self, paragraphs: list[list[_Piece] | _Float]) -> CleanedText:
        out: list[str] = []
        line_map: list[tuple[int, int, int | None]] = []
        footnotes: list[Footnote] = []
        floating: list[tuple[int, int]] = []
        offset = 0
        seen_words: set[str] | None = None  # hyphenated words written in full, when needed
        for n, para in enumerate(paragraphs):
            if n:
                out.append("\n\n")
                offset += 2
            start = offset
            pieces = para.pieces if isinstance(para, _Float) else para
            for k, piece in enumerate(pieces):
                text = piece.text
                if k:
                    glue = piece.glue
                    if glue == "\u00ad":
                        if seen_words is None:
                            seen_words = hyphen_words(self.lines)
                        glue = rehyphen(out[-1], text, seen_words)
                    out.append(glue)
                    offset += len(glue)
                line_map.append((offset, piece.line, piece.page))
                out.append(text)
                offset += len(text)
            if isinstance(para, _Float):
                floating.append((start, offset))
                if para.kind == "footnote" and para.marker:
                    body_text = "".join(out[len(out) - (2 * len(pieces) - 1):])
                    m = _FOOTNOTE_START.match(body_text) or _GLUED_NOTE_START.match(body_text)
                    body_start = start + (m.end() if m else 0)
                    body = body_text[m.end() if m else 0:]
                    urls = tuple(url for _s, _e, url in find_urls(body))
                    footnotes.append(Footnote(para.marker, body, body_start, urls))
        return CleanedText("".join(out), line_map, footnotes, floating, self.dropped)


def _only_url(text: str) -> bool:
    """Whether a line holds nothing but one URL (trailing punctuation aside)."""
    if not text or " " in text:
        return False
    found = find_urls(text)
    return len(found) == 1 and found[0][0] == 0 and len(text) - found[0][1] <= 1


def _words(text: str) -> int:
    """Words of a line, its separators ('|', '·', '–') and numbers aside: a footer
    'Alliance | No Safe Road | March 2025   Page 1 of 4' is short for all its pieces."""
    return sum(1 for w in text.split() if any(ch.isalpha() for ch in w))


def _furniture_key(text: str) -> str:
    """A line as running furniture repeats it: numbers as '#' ("Page 3 of 9"), except in
    URLs and in a footnote ("4 http://…/s4" is a note, not furniture), so that a footer
    "www.example.org  Page 3 of 9" repeats from page to page."""
    key = " ".join(text.lower().split())
    urls = find_urls(key)
    if urls and _FOOTNOTE_START.match(key):
        return key
    pieces, last = [], 0
    for start, end, _url in urls:
        pieces += [re.sub(r"\d+", "#", key[last:start]), key[start:end]]
        last = end
    return "".join(pieces + [re.sub(r"\d+", "#", key[last:])])


def _tidy(text: str, strip_bold: bool) -> str:
    text = text.replace("\t", " ").replace("\u00a0", " ").replace("\u200b", "")
    if strip_bold:
        text = text.replace(_BOLD, "")
    return text.rstrip()


