"""Word documents (.docx): the document as HTML, and what its properties say of it.

mammoth turns a .docx into plain HTML: paragraphs, headings, tables, hyperlinks as <a href>,
and footnotes and endnotes as a list at the end whose markers link to them, as a web page's
notes do. The HTML reader then finds the citations and quotes as in any page. Deleted text
of tracked changes is left out and inserted text kept, as Word shows the document once the
changes are accepted; comments are not the document's text and are left out too.

A .docx is a ZIP archive: its entries' sizes are checked before anything is expanded, so a
small file that expands to gigabytes is refused instead of read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date

from lxml import etree

from ..errors import InputError
from .docdates import parse_metadata_date

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_EXPANDED_BYTES = 500 * 1024 * 1024  # what a .docx may expand to: far above any real report
_BODY = "word/document.xml"
_CORE = "docProps/core.xml"
_CORE_NAMES = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
# Entities are not expanded and nothing is fetched: the properties are someone else's XML.
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class DocxParts:
    """A Word document read: its HTML and the title and dates its properties give."""

    html: str
    title: str = ""
    modified: date | None = None
    created: date | None = None


def is_docx(content_type: str | None, body: bytes) -> bool:
    """Whether a download is a Word document: served as one, or as bytes of no stated kind
    that are a ZIP archive holding one."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype == DOCX_TYPE:
        return True
    if ctype not in ("", "application/octet-stream", "binary/octet-stream", "application/zip") \
            or not body.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return _BODY in archive.namelist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError):
        return False


def read_docx(data: bytes, name: str, *, max_expanded: int = MAX_EXPANDED_BYTES) -> DocxParts:
    """The document's HTML and properties. Raises InputError (one line) for a file that is
    no .docx archive (an old binary .doc renamed, a password-protected file, which Word
    keeps in another container), has no document in it, or expands beyond `max_expanded`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, NotImplementedError):  # damaged, or no ZIP at all
        raise InputError(f"{name}: not a .docx archive (an old .doc or a password-protected "
                         "document? save it again as .docx, or as PDF)") from None
    with archive:
        entries = {info.filename: info for info in archive.infolist()}
        if _BODY not in entries:
            raise InputError(f"{name}: a ZIP archive without a Word document in it")
        expanded = sum(info.file_size for info in entries.values())
        if expanded > max_expanded:
            raise InputError(f"{name}: expands to {expanded / 2**20:.0f} MB, more than the "
                             f"{max_expanded / 2**20:.0f} MB a document may hold")
        try:
            core = archive.read(_CORE) if _CORE in entries else b""
        except Exception:  # a damaged entry (bad CRC, cut short): the properties are lost, not the text
            core = b""
    html = _html(data, name)
    return DocxParts(html, *_properties(core))


def _html(data: bytes, name: str) -> str:
    import mammoth  # imported when a Word document is read: most runs read none

    try:
        result = mammoth.convert_to_html(io.BytesIO(data))
    except Exception as exc:  # mammoth raises whatever a damaged archive makes its parser raise
        raise InputError(f"{name}: the Word document cannot be read "
                         f"({type(exc).__name__}: {str(exc)[:200]})") from None
    # Its messages name styles it has no HTML for ("Unrecognised paragraph style"): the text
    # is kept whatever the style, so they say nothing to the user.
    return f"<html><body>{result.value}</body></html>"


def _properties(core: bytes) -> tuple[str, date | None, date | None]:
    """(title, modified, created) from docProps/core.xml; empty when absent or unreadable."""
    if not core:
        return "", None, None
    try:
        root = etree.fromstring(core, _XML)
    except etree.XMLSyntaxError:
        return "", None, None

    def field(path: str) -> str:
        found = root.find(path, _CORE_NAMES)
        return " ".join((found.text or "").split()) if found is not None else ""

    return (field("dc:title"), parse_metadata_date(field("dcterms:modified")),
            parse_metadata_date(field("dcterms:created")))
