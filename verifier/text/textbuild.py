"""Builds clean text from markup, piece by piece, keeping offsets and original line numbers.

Whitespace inside text collapses to single spaces; blocks are separated by a blank line,
line breaks (<br>) by a newline, as the text reads in a browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Footnote, Link, MarkedQuote, NoteRef

_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


@dataclass
class MarkupParts:
    """What an HTML or Markdown document contributes to a Document."""

    text: str
    line_map: list[tuple[int, int, int | None]]
    links: list[Link] = field(default_factory=list)
    marked_quotes: list[MarkedQuote] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    note_refs: list[NoteRef] = field(default_factory=list)
    title: str = ""
    language: str | None = None  # HTML lang
    front_matter: dict[str, str] = field(default_factory=dict)  # Markdown front matter
    skipped_relative_links: int = 0  # HTML links with no base URL to resolve them against
    table_rows: list[list[tuple[int, int]]] = field(default_factory=list)  # cells per row


class TextBuilder:
    """Appends text and block breaks; `line_map` records where each original line starts."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._pending = ""  # separator owed before the next text: "", " ", "\n" or "\n\n"
        self.line_map: list[tuple[int, int, int | None]] = []
        self._last_line: int | None = None

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def next_offset(self) -> int:
        """Where the next text will start (after any separator still owed)."""
        return self._length + (len(self._pending) if self._length else 0)

    def end_offset(self) -> int:
        """The end of the text written so far."""
        return self._length

    def block(self, separator: str = "\n\n") -> None:
        """End the current block: the next text starts after `separator`."""
        if self._length and len(separator) > len(self._pending.strip(" ")) :
            self._pending = separator

    def add(self, raw: str, line: int | None = None) -> None:
        """Append raw text (whitespace collapsed); `line` is its first original line."""
        if not raw:
            return
        segments = raw.split("\n")
        for i, segment in enumerate(segments):
            seg_line = None if line is None else line + i
            if i and not self._pending:
                self._pending = " "
            self._add_segment(segment, seg_line)

    def add_literal(self, text: str, line: int | None = None) -> None:
        """Append text as is (quotation marks around <q>, markers), owed separator first."""
        self._emit(text, line)

    def _add_segment(self, segment: str, line: int | None) -> None:
        collapsed = _SPACE.sub(" ", segment)
        if not collapsed:
            return
        if collapsed.startswith(" "):
            if not self._pending:
                self._pending = " "
            collapsed = collapsed.lstrip(" ")
        trailing = collapsed.endswith(" ")
        collapsed = collapsed.rstrip(" ")
        if collapsed:
            self._emit(collapsed, line)
        if trailing:
            self._pending = self._pending or " "

    def _emit(self, text: str, line: int | None) -> None:
        if self._length and self._pending:
            self._parts.append(self._pending)
            self._length += len(self._pending)
        self._pending = ""
        if line is not None and line != self._last_line:
            self.line_map.append((self._length, line, None))
            self._last_line = line
        self._parts.append(text)
        self._length += len(text)
