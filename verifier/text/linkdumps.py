"""A web page saved as text by a text browser (`lynx -dump`, and the tools and mail readers
built on it): every link is a number in brackets glued to its first word (`a [7]petition
signed by …`) and a `References` list at the end gives each number's address (`   7. https://…`).

Those numbers are links, not footnotes: the list holds every link of the page, its menus,
share buttons and footer too. The list is cut off, each marker is taken out of the text, and
the words after it become the link's text, so the page's links are judged as a page's are
(its menus and share buttons are furniture; a sentence's link is that sentence's source).
"""

from __future__ import annotations

import bisect
import re

from ..models import Link
from .pdflines import SourceLine

# The list's heading, as lynx writes it ('References', then 'Visible links' / 'Hidden links'
# in some versions).
_HEADING = re.compile(r"^\s*(?:References|Visible links:?)\s*$")
_ENTRY = re.compile(r"^\s*(\d{1,4})\.\s+([a-zA-Z][\w+.-]*:\S+)\s*$")
_HIDDEN = re.compile(r"^\s*Hidden links:?\s*$")
_MARKER = re.compile(r"\[(\d{1,4})\](?=\S)")
LINK_TEXT_WORDS = 5  # lynx does not mark where a link's words end: its first few are taken
MIN_ENTRIES = 2


def split_link_dump(lines: list[SourceLine]) -> tuple[list[SourceLine], dict[str, str]]:
    """The page's lines without its closing `References` list, and that list by number;
    (lines, {}) when the text is no such dump (no list, or the text marks too few of it)."""
    for at in range(len(lines) - 1, -1, -1):
        if _HEADING.match(lines[at].text):
            break
    else:
        return lines, {}
    entries: dict[str, str] = {}
    for line in lines[at + 1:]:
        entry = _ENTRY.match(line.text)
        if entry:
            entries[entry.group(1)] = entry.group(2)
        elif line.text.strip() and not _HEADING.match(line.text) and \
                not _HIDDEN.match(line.text):
            return lines, {}  # prose after the list: an article's own 'References'
    body = lines[:at]
    marked = {m.group(1) for line in body for m in _MARKER.finditer(line.text)}
    if len(entries) < MIN_ENTRIES or len(marked & entries.keys()) * 2 < len(entries):
        return lines, {}
    return body, entries


def take_out_markers(text: str, line_map: list[tuple[int, int, int | None]],
                     entries: dict[str, str]
                     ) -> tuple[str, list[tuple[int, int, int | None]], list[Link]]:
    """`text` without its `[n]` markers, its line map moved to match, and a link for each
    marker over the words after it (to the next marker or the line's end, LINK_TEXT_WORDS
    at most)."""
    pieces: list[str] = []
    removed: list[tuple[int, int]] = []  # (offset in the old text, characters removed so far)
    spans: list[tuple[str, int]] = []  # (url, start in the new text)
    last, cut = 0, 0
    for m in _MARKER.finditer(text):
        url = entries.get(m.group(1))
        if url is None:
            continue
        pieces.append(text[last:m.start()])
        cut += m.end() - m.start()
        removed.append((m.end(), cut))
        spans.append((url, m.start() - (cut - (m.end() - m.start()))))
        last = m.end()
    pieces.append(text[last:])
    new_text = "".join(pieces)
    links = []
    starts = [start for _url, start in spans]
    for n, (url, start) in enumerate(spans):
        line_end = new_text.find("\n", start)
        end = min(line_end if line_end != -1 else len(new_text),
                  starts[n + 1] if n + 1 < len(starts) else len(new_text))
        words = list(re.finditer(r"\S+", new_text[start:end]))[:LINK_TEXT_WORDS]
        if words:
            links.append(Link(url, start, start + words[-1].end(), "a"))
    old_ends = [at for at, _cut in removed]

    def moved(offset: int) -> int:
        i = bisect.bisect_right(old_ends, offset) - 1
        return offset - (removed[i][1] if i >= 0 else 0)
    return new_text, [(moved(o), line, page) for o, line, page in line_map], links
