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
from .pdflines import (
    CREDIT,
    LIST_START,
    PARENTHETICAL_LINE,
    SourceLine,
    heading_like,
    heads_inside_sentences,
    hyphen_words,
    hyphenated,
    joins_url,
    only_url,
    open_ended,
    rehyphen,
    strip_numbered_margin,
    terminal,
    url_tail,
)
from .pdfnotes import FOOTNOTE_START, GLUED_NOTE_START, NoteFinder
from .urls import find_urls

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^[ivxlc]{1,7}$",
    re.I)
_RULE = re.compile(r"^[\s*_\-–—=•·~#.]{3,}$")
_SEPARATOR = re.compile(r"^(?:\s{10,}|\s*_{5,}\s*|\s*-{10,}\s*)$")
_BOLD = "**"
# 'Available at:', 'Retrieved from:' ending a line: the address is on the next (as it is
# after any colon when the next line holds nothing but an address).
_POINTS_AT_URL = re.compile(r"\b(?:at|from|online|URL)\s*:$", re.I)
_URL_START = re.compile(r"<?(?:https?://|www\.)", re.I)
# What a browser prints at a page's edges (Chromium: '11/22/26, 1:27 AM  Title' on top,
# 'https://…  1/3' at the foot; Firefox: 'https://…  Page 1 of 3'): the printed page's own
# address and the printing time, not the document's text (a one-page print has no repeats).
_PRINT_STAMP = re.compile(
    r"^(?:\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s?[AP]M)?(?:\s|$)|"
    r"(?:https?|file)://\S+\s+(?:page\s+)?\d{1,4}\s*(?:/|of)\s*\d{1,4}$)", re.I)
_PAGE_LINES = 10  # lines a page holds at the least, between two page numbers counted up


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


class _Cleaner(NoteFinder):
    def __init__(self, lines: list[SourceLine]) -> None:
        strip_bold = sum(line.text.count(_BOLD) for line in lines) >= 2
        self.lines = [
            SourceLine(_tidy(line.text, strip_bold), line.line, line.page, line.linked)
            for line in lines]
        strip_numbered_margin(self.lines)
        self.kinds = ["text"] * len(self.lines)
        self.dropped: Counter[str] = Counter()
        self._edges: set[int] | None = None
        self._init_notes()
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
        for i in self._page_edges() if lines and lines[0].page is not None else ():
            if kinds[i] == "text" and _PRINT_STAMP.match(lines[i].text.strip()):
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
            credit = bool(CREDIT.search(text))
            parenthetical = bool(PARENTHETICAL_LINE.match(text)) and i > block_start
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
        if LIST_START.match(b):
            return False
        if hyphenated(a, b):
            return True
        if joins_url(a, b) and (gap != "soft" or self.double_spaced):
            return True  # (a blank line in single-spaced text opens a new paragraph)
        if gap == "none" and (open_ended(a) or _POINTS_AT_URL.search(a[-24:])
                              and _URL_START.match(b) or a.endswith(":") and only_url(b.strip("<>"))):
            return True
        # a reference's address on a line of its own, right under the rest of it (not one
        # address of a list of them)
        if gap == "none" and only_url(b.strip("<>")) and a.endswith(".") \
                and not only_url(a.strip("<>")) and not self.double_spaced:
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
                    m = FOOTNOTE_START.match(body_text) or GLUED_NOTE_START.match(body_text)
                    body_start = start + (m.end() if m else 0)
                    body = body_text[m.end() if m else 0:]
                    urls = tuple(url for _s, _e, url in find_urls(body))
                    footnotes.append(Footnote(para.marker, body, body_start, urls))
        return CleanedText("".join(out), line_map, footnotes, floating, self.dropped)




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
    if urls and FOOTNOTE_START.match(key):
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


