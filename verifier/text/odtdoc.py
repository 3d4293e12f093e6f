"""OpenDocument text (.odt, and its flat single-file form .fodt): the document as HTML.

LibreOffice's own format, and the one several governments publish in (GOV.UK among them).
No maintained library turns ODF into HTML that keeps a note tied to its marker (odfdo's
Markdown writes the marker and the note apart, unlinked), so the body's few elements are
mapped here, on lxml: headings, paragraphs, lists, tables, text boxes and links as their HTML
namesakes, and each footnote or endnote as a marker linking to an item of a notes list at
the end, as a web page's notes are written. The HTML reader then finds citations and quotes.

What a reader of the document does not see is left out: reviewers' comments, deleted text of
tracked changes (ODF keeps it apart from the body, so the body reads as accepted), a table of
contents (it repeats the headings), and page breaks.
"""

from __future__ import annotations

from datetime import date

from lxml import etree
from lxml.html import builder as E

from ..errors import InputError
from .officezip import (
    MAX_EXPANDED_BYTES,
    SAFE_XML,
    UNTYPED,
    OfficeParts,
    holds,
    open_package,
    parsed_or_none,
    properties,
    read_part,
)

ODT_TYPE = "application/vnd.oasis.opendocument.text"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_XLINK = "http://www.w3.org/1999/xlink"
_NAMES = {"office": _OFFICE, "text": _TEXT, "meta": _META, "dc": "http://purl.org/dc/elements/1.1/"}


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


# Elements whose content no reader sees as the document's text.
_HIDDEN = frozenset({
    _q(_OFFICE, "annotation"), _q(_OFFICE, "annotation-end"), _q(_TEXT, "tracked-changes"),
    _q(_TEXT, "table-of-content"), _q(_TEXT, "illustration-index"), _q(_TEXT, "table-index"),
    _q(_TEXT, "soft-page-break"), _q(_TEXT, "sequence-decls"),
    _q(_TEXT, "variable-decls"), _q(_TEXT, "user-field-decls"), _q(_OFFICE, "forms"),
    _q(_TABLE, "covered-table-cell"), _q(_DRAW, "image"),
})
_BLOCKS = {_q(_TEXT, "p"): "p", _q(_TEXT, "list"): "ul", _q(_TEXT, "list-item"): "li",
           _q(_TEXT, "list-header"): "li", _q(_TABLE, "table"): "table",
           _q(_TABLE, "table-row"): "tr", _q(_TABLE, "table-cell"): "td", _q(_TEXT, "section"): "div"}


def is_odt(content_type: str | None, body: bytes) -> bool:
    """Whether a download is an OpenDocument text: served as one, or as bytes of no stated
    kind that are a package naming itself one (its first entry, 'mimetype', says so)."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype == ODT_TYPE:
        return True
    return ctype in UNTYPED and body[30:38] == b"mimetype" and ODT_TYPE.encode() in body[38:100] \
        and holds(body, "content.xml")


def read_odt(data: bytes, name: str, *, max_expanded: int = MAX_EXPANDED_BYTES) -> OfficeParts:
    """The document's HTML and properties, from a package (.odt) or a flat file (.fodt).
    Raises InputError (one line) for a file that is neither, or expands beyond `max_expanded`."""
    if data.lstrip()[:1] == b"<":  # a flat file: the whole document is one XML file
        root = _parse(data, name)
        return OfficeParts(_html(root), *_properties(root))
    with open_package(data, name, "content.xml", ".odt", "text document",
                      max_expanded=max_expanded) as archive:
        content, meta = read_part(archive, "content.xml"), read_part(archive, "meta.xml")
    if not content:
        raise InputError(f"{name}: the document's content is damaged")
    return OfficeParts(_html(_parse(content, name)), *_properties(parsed_or_none(meta)))


def _parse(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: the document's XML cannot be read ({' '.join(str(exc).split())})") from None


class _Html:
    """The body mapped onto HTML elements, with its notes gathered into a list at the end."""

    def __init__(self) -> None:
        self.notes = E.OL()

    def children(self, source: etree._Element, target: etree._Element) -> None:
        """Map `source`'s text and children into `target`, keeping text in document order."""
        self.add_text(target, source.text)
        for child in source:
            if isinstance(child.tag, str) and child.tag not in _HIDDEN:
                self.element(child, target)
            self.add_text(target, child.tail)

    def element(self, node: etree._Element, target: etree._Element) -> None:
        tag = node.tag
        if tag == _q(_TEXT, "h"):
            level = min(6, max(1, int(node.get(_q(_TEXT, "outline-level"), "1") or 1)))
            self.children(node, _append(target, E.E(f"h{level}")))
        elif tag in _BLOCKS:
            self.children(node, _append(target, E.E(_BLOCKS[tag])))
        elif tag == _q(_TEXT, "a"):
            self.children(node, _append(target, E.A(href=node.get(_q(_XLINK, "href"), ""))))
        elif tag == _q(_TEXT, "note"):
            self.note(node, target)
        elif tag == _q(_TEXT, "s"):
            self.add_text(target, " " * int(node.get(_q(_TEXT, "c"), "1") or 1))
        elif tag == _q(_TEXT, "tab"):
            self.add_text(target, "\t")
        elif tag == _q(_TEXT, "line-break"):
            _append(target, E.BR())
        else:  # spans, frames, text boxes, fields: their text, in place
            self.children(node, target)

    def note(self, node: etree._Element, target: etree._Element) -> None:
        """A marker where the note stands, linking to its item in the notes list. Footnotes
        and endnotes are numbered in one sequence, as mammoth numbers a Word document's: the
        document's own labels (endnotes' i, ii, iii; a custom '*') are not needed once the
        marker links to its note."""
        number = len(self.notes) + 1
        marker = E.A(f"[{number}]", href=f"#note-{number}", id=f"note-ref-{number}")
        _append(target, E.SUP(marker))
        item = _append(self.notes, E.LI(id=f"note-{number}"))
        body = node.find("text:note-body", _NAMES)
        if body is not None:
            self.children(body, item)

    @staticmethod
    def add_text(target: etree._Element, text: str | None) -> None:
        if not text:
            return
        if len(target):
            last = target[-1]
            last.tail = (last.tail or "") + text
        else:
            target.text = (target.text or "") + text


def _append(parent: etree._Element, child: etree._Element) -> etree._Element:
    parent.append(child)
    return child


def _properties(root: etree._Element | None) -> tuple[str, date | None, date | None]:
    """(title, modified, created) from the document's <office:meta>."""
    return properties(root, _NAMES, ".//office:meta/dc:title", ".//office:meta/dc:date",
                      ".//office:meta/meta:creation-date")


def _html(root: etree._Element) -> str:
    """The text body as an HTML page: its elements, then the notes list."""
    body = root.find(".//office:body/office:text", _NAMES)
    page = E.BODY()
    mapper = _Html()
    if body is not None:
        mapper.children(body, page)
    if len(mapper.notes):
        page.append(mapper.notes)
    return etree.tostring(E.HTML(page), method="html", encoding="unicode")
