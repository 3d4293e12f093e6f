"""Which lines of PDF-extracted text are note bodies (and which carry one on), for the cleaner.

A note opens with its marker: a number ('4 http://…', '[4]', '4.' in a notes list, '⁴'), a
Roman numeral (Word's endnotes: 'iii …'), or a number glued to its first word ('1See …', as
text read from columns comes out). Such a line is a note when the text says so: an address
in it, a 'Notes' heading or a separator above, the number following the note before, or the
same marker glued in the body text above. A note goes on under its hanging indent, to the
foot of its page, and over a page break when a page cut it off mid-sentence.
"""

from __future__ import annotations

import re

from .footnotes import SUPERSCRIPT_DIGITS, glued_markers, glued_numerals, roman_value
from .pdflines import (
    CREDIT,
    LIST_START,
    PARENTHETICAL_LINE,
    SourceLine,
    joins_url,
    only_url,
    terminal,
    url_tail,
)
from .urls import find_urls

FOOTNOTE_START = re.compile(
    r"^\s*(?:\[(?P<b>\d{1,3})\]|(?P<n>\d{1,3})(?P<p>[.)])?|(?P<s>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)|"
    r"(?P<r>[ivx]{1,6}))\s+(?=\S)")
GLUED_NOTE_START = re.compile(r"^\s*(?P<g>\d{1,3})(?=[A-Z][a-z]|[“\"‘«(])")
# A day and month after a line's opening number: a date ('12 Jan 2024', '3 March:'), no marker.
_DATE_AFTER_NUMBER = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?:,?\s+\d{2,4}\b|\s*[:–—-])", re.I)
_NOTES_HEADING = re.compile(
    r"^\s*(?:notes?|endnotes?|footnotes?|references?|sources?|bibliography|works cited|"
    r"citations)\s*:?\s*$", re.I)
_NOTE_ABBREVIATION = re.compile(
    r"(?:(?<![\w.])(?:pp?|vol|nos?|para|paras|ch|eds?|cf|trans)|(?<![\w.])[A-Z])\.$")
_ACROSS_COLUMNS = 1.5  # a line this many times the page's middle width is set across columns
_CARRIED_LINES = 30  # at most so many lines carry a note on from the page before


class NoteFinder:
    """The note bodies among the cleaner's lines (a part of the cleaner): sets `kinds` to
    "footnote" (the note's marker in `markers`) and "footnote-cont", and notes in `_carried`
    where a note's part carried over a page break begins."""

    lines: list[SourceLine]
    kinds: list[str]

    def _init_notes(self) -> None:
        self.markers: dict[int, str] = {}
        self._numerals_seen: set[str] = set()  # Roman numerals glued in the text read so far
        self._numerals_read = 0  # lines before this one have been read for them
        self._carried: dict[int, int] = {}  # first line carrying a note on -> the note's last line

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
            m = FOOTNOTE_START.match(line.text)
            if m and _DATE_AFTER_NUMBER.match(line.text, m.end()):
                m = None  # '12 Jan 2024 Ceasefire announced': a table's or timeline's date
            glued = None if m else GLUED_NOTE_START.match(line.text)
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
        if CREDIT.search(after) or LIST_START.match(after) or PARENTHETICAL_LINE.match(after):
            return False
        if url_tail(before) and not before.endswith(".") or joins_url(before, after):
            return True
        if self._hangs_under_note(prev, i) or self._fills_the_page_foot(prev, i):
            return True
        if only_url(after):
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
        first, end = self._page_span(i)
        widths = sorted(len(self.lines[j].text.strip()) for j in range(first, end)
                        if self.kinds[j] == "text")
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

    def _page_span(self, i: int) -> tuple[int, int]:
        """The lines of line i's page, first to last + 1 (a page's lines come together)."""
        first = end = i
        page = self.lines[i].page
        while first > 0 and self.lines[first - 1].page == page:
            first -= 1
        while end < len(self.lines) and self.lines[end].page == page:
            end += 1
        return first, end

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
            if gap or kind != "text" or FOOTNOTE_START.match(self.lines[j].text) \
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
        m = FOOTNOTE_START.match(first)
        line = self.lines[i].text
        indent = len(line) - len(line.lstrip(" "))
        if m is None or indent < 2:
            return False
        return abs(indent - m.end()) <= 2 and indent > len(first) - len(first.lstrip(" "))
