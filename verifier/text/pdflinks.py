"""The hyperlinks of a PDF document: its URI link annotations, tied to the words they cover.

A report exported from Word or Google Docs cites its sources as linked words ("a statement
on Monday", "available here") whose address is nowhere in the printed text; a long printed
address in a note is often cut short ("https://www.example.org/article/very-lo…") while the
link under it holds the whole address. Both live in the page's annotations: a rectangle (or
one per line, or QuadPoints) and an action naming the URI. The words under a rectangle are
found from where the page draws its text, and then in the document's cleaned text, so the
link becomes a `Link` on those words like an HTML `<a href>`.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Link

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF user space (y grows upward)

_SLACK = 2.0  # points: a baseline sits a little inside the link's rectangle, or just under it


@dataclass(frozen=True)
class PdfLink:
    """A link annotation of one page: its address and the words drawn under it."""

    url: str
    anchor: str
    at: int = -1  # letters and digits the page draws before the words (-1: not known)


@dataclass(frozen=True)
class _Run:
    """A piece of text the page draws, from its baseline's starting point, and the letters
    and digits drawn before it."""

    text: str
    x: float
    y: float
    before: int = 0


def page_links(page: object) -> list[PdfLink]:
    """The URI links of a pypdf page, in reading order (top to bottom, left to right); a link
    whose words cannot be told keeps an empty anchor."""
    boxes = _uri_boxes(page)
    if not boxes:
        return []
    runs: list[_Run] = []
    drawn = 0

    def visit(text: str, cm: list[float], tm: list[float], *_font: object) -> None:
        nonlocal drawn
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append(_Run(text, x, y, drawn))
            drawn += sum(ch.isalnum() for ch in text)

    try:
        page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001  (an odd font costs the anchors, not the links)
        log.debug("reading where a PDF page draws its text: %s", exc)
        runs = []
    found = []
    for url, rects in sorted(boxes, key=lambda b: (-max(r[3] for r in b[1]),
                                                    min(r[0] for r in b[1]))):
        under = [run for run in runs if any(_inside(run, r) for r in rects)]
        found.append(PdfLink(url, " ".join(run.text.strip() for run in under),
                             under[0].before if under else -1))
    return found


def _uri_boxes(page: object) -> list[tuple[str, list[Box]]]:
    """(URI, rectangles) of each link annotation whose action opens an http(s) address."""
    try:
        annotations = page.get("/Annots") or []  # type: ignore[attr-defined]
        found = []
        for ref in annotations:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if not action or action.get("/S") != "/URI":
                continue
            uri = action.get("/URI")
            uri = uri.get_object() if hasattr(uri, "get_object") else uri
            url = (uri.decode("latin-1") if isinstance(uri, bytes) else str(uri or "")).strip()
            if not url.lower().startswith(("http://", "https://")):
                continue
            rects = _rectangles(annot)
            if rects:
                found.append((url, rects))
        return found
    except Exception as exc:  # noqa: BLE001  (a damaged annotation array costs its links only)
        log.debug("reading a PDF page's link annotations: %s", exc)
        return []


def _rectangles(annot: object) -> list[Box]:
    """The areas a link covers: its QuadPoints (one quadrilateral per line of a link that
    wraps) when given, else its Rect."""
    quads = annot.get("/QuadPoints")  # type: ignore[attr-defined]
    points = [float(v) for v in quads] if quads else []
    boxes = []
    for i in range(0, len(points) - 7, 8):
        xs, ys = points[i:i + 8:2], points[i + 1:i + 8:2]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    if boxes:
        return boxes
    rect = annot.get("/Rect")  # type: ignore[attr-defined]
    if not rect or len(rect) != 4:
        return []
    x0, y0, x1, y1 = (float(v) for v in rect)
    return [(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))]


def _inside(run: _Run, box: Box) -> bool:
    x0, y0, x1, y1 = box
    # a run starting at the very right edge is the text after the link ('"Karun Dam"' then
    # '. Iran Water and Power.' drawn from where the rectangle ends)
    return x0 - _SLACK <= run.x < x1 - _SLACK and y0 - _SLACK <= run.y <= y1 + _SLACK


@dataclass(frozen=True)
class LinkLines:
    """A link and the lines of its page (1-based, as the page's text reads) its words lie
    on; (0, 0) when they were not found there."""

    link: PdfLink
    page: int
    first: int
    last: int


def link_lines(pages: list[str], links_by_page: Iterable[list[PdfLink]]) -> list[LinkLines]:
    """Where each link's words lie in its page's text, sought by their letters and digits
    alone: the occurrence nearest to where the page drew them; for a link whose drawing was
    not read, the next after the previous link's words on that page (then from the top)."""
    found: list[LinkLines] = []
    for page, (text, links) in enumerate(zip(pages, links_by_page, strict=False), start=1):
        if not links:
            continue
        index = _LetterIndex(text)
        cursor = 0
        for link in links:
            span = index.nearest(link.anchor, link.at) if link.at >= 0 else None
            span = span or index.find(link.anchor, cursor, len(text)) or \
                index.find(link.anchor, 0, len(text))
            if span is None:
                found.append(LinkLines(link, page, 0, 0))
                continue
            first = text.count("\n", 0, span[0]) + 1
            found.append(LinkLines(link, page, first, first + text.count("\n", *span)))
            cursor = span[1]
    return found


def linked_lines(located: Iterable[LinkLines]) -> set[tuple[int, int]]:
    """(page, line) of each line a link's words lie on: a note whose source is a linked
    word has an address all the same."""
    return {(at.page, line) for at in located if at.first
            for line in range(at.first, at.last + 1)}


def place_links(text: str, line_map: list[tuple[int, int, int | None]],
                located: Iterable[LinkLines]) -> list[Link]:
    """Each link as a Link on its words in the cleaned text.

    `line_map` gives where each original (line, page) begins in `text` (cleaning moves note
    bodies after the paragraph a page break cut, so a page's lines are not one stretch).
    The words are sought by their letters and digits (the cleaning rejoins hyphenated words
    and collapses spaces) from the start of their first line to the end of their last; a
    link whose words were not found lies, without words, at the start of its page's text."""
    index = _LetterIndex(text)
    starts = sorted(line_map)
    offsets = [offset for offset, _line, _page in starts]
    where = {(page, line): k for k, (_offset, line, page) in enumerate(starts)}
    page_begins: dict[int | None, int] = {}
    for offset, _line, page in starts:
        page_begins.setdefault(page, offset)
    placed: list[Link] = []
    for at in located:
        first, last = where.get((at.page, at.first)), where.get((at.page, at.last))
        span = None
        if first is not None and last is not None:
            stop = offsets[last + 1] if last + 1 < len(offsets) else len(text)
            span = index.find(at.link.anchor, offsets[first], stop)
        if span is None:
            begin = page_begins.get(at.page, len(text))
            placed.append(Link(at.link.url, begin, begin, "pdf"))
            continue
        previous = placed[-1] if placed else None
        gap = text[previous.end:span[0]] if previous and previous.end <= span[0] else "?"
        if previous and previous.url == at.link.url and len(gap) <= 3 \
                and not any(ch.isalnum() for ch in gap):  # one link wrapped over two lines
            placed[-1] = Link(at.link.url, previous.start, span[1], "pdf")
        else:
            placed.append(Link(at.link.url, span[0], span[1], "pdf"))
    return placed


class _LetterIndex:
    """The text's letters and digits, case-folded, with the offset each came from."""

    def __init__(self, text: str) -> None:
        kept = [(i, ch) for i, ch in enumerate(text) if ch.isalnum()]
        self.offsets = [i for i, _ in kept]
        self.letters = _letters("".join(ch for _, ch in kept))

    def nearest(self, anchor: str, at: int) -> tuple[int, int] | None:
        """The span of the anchor's letters nearest `at` letters into the text: the page
        draws its text in about the order it reads, so a short anchor ('here', a title also
        in a heading) is told from its other occurrences by where it was drawn."""
        wanted = _letters(anchor)
        best, k = -1, self.letters.find(wanted) if wanted else -1
        while k >= 0:
            if best < 0 or abs(k - at) < abs(best - at):
                best = k
            k = self.letters.find(wanted, k + 1)
        return self._span(best, len(wanted))

    def find(self, anchor: str, begin: int, end: int) -> tuple[int, int] | None:
        """The span of the text whose letters are the anchor's, between begin and end."""
        wanted = _letters(anchor)
        lo = bisect.bisect_left(self.offsets, begin)
        hi = bisect.bisect_left(self.offsets, end)
        return self._span(self.letters.find(wanted, lo, hi) if wanted else -1, len(wanted))

    def _span(self, at: int, size: int) -> tuple[int, int] | None:
        """The text's span holding the `size` letters from letter `at` (-1: none found)."""
        return None if at < 0 else (self.offsets[at], self.offsets[at + size - 1] + 1)


def _letters(text: str) -> str:
    """A text's letters and digits, folded as the index keeps them."""
    return "".join(_fold(ch) for ch in text if ch.isalnum())


def _fold(ch: str) -> str:
    """A character case-folded, one for one (so offsets stay aligned): 'ß' stays itself."""
    folded = ch.casefold()
    return folded if len(folded) == 1 else ch.lower()
