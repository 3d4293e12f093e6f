"""Word processors' packages (.docx, .odt): a ZIP archive of XML parts, opened with care.

The archive's directory is read and every entry's declared size summed before anything is
expanded, so a small file that expands to gigabytes is refused instead of read; a file that is
no such archive, or lacks the part holding the document, is a one-line InputError.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date

from lxml import etree

from ..errors import InputError
from .docdates import parse_metadata_date

MAX_EXPANDED_BYTES = 500 * 1024 * 1024  # what a document may expand to: far above any real report
# Entities are not expanded and nothing is fetched: a document's XML is someone else's.
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
# Content types that say nothing of what a download is: its bytes tell.
UNTYPED = ("", "application/octet-stream", "binary/octet-stream", "application/zip")


@dataclass
class OfficeParts:
    """A word processor's document read: its HTML and the title and dates its properties give."""

    html: str
    title: str = ""
    modified: date | None = None
    created: date | None = None


def open_package(data: bytes, name: str, body: str, kind: str, label: str, *,
                 max_expanded: int = MAX_EXPANDED_BYTES) -> zipfile.ZipFile:
    """The archive, checked: it opens, holds `body` and expands to no more than `max_expanded`.
    `kind` is the format's extension ('.docx'), `label` what its document is called."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, NotImplementedError):  # damaged, or no ZIP at all
        raise InputError(f"{name}: not a {kind} archive (an old format or a password-protected "
                         f"document? save it again as {kind}, or as PDF)") from None
    entries = archive.infolist()
    if body not in {info.filename for info in entries}:
        archive.close()
        raise InputError(f"{name}: a ZIP archive without a {label} in it")
    expanded = sum(info.file_size for info in entries)
    if expanded > max_expanded:
        archive.close()
        raise InputError(f"{name}: expands to {expanded / 2**20:.0f} MB, more than the "
                         f"{max_expanded / 2**20:.0f} MB a document may hold")
    return archive


def read_part(archive: zipfile.ZipFile, part: str) -> bytes:
    """A part's bytes; empty when it is missing or damaged (a bad CRC, cut short): a lost
    properties part costs the title and dates, not the text."""
    try:
        return archive.read(part)
    except Exception:
        return b""


def holds(body: bytes, part: str) -> bool:
    """Whether bytes are a ZIP archive holding `part` (for downloads of no stated kind)."""
    if not body.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return part in archive.namelist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError):
        return False


def parsed_or_none(data: bytes) -> etree._Element | None:
    """A properties part parsed, or None when it is missing or no XML."""
    try:
        return etree.fromstring(data, SAFE_XML) if data else None
    except etree.XMLSyntaxError:
        return None


def properties(root: etree._Element | None, names: dict[str, str], title: str, modified: str,
               created: str) -> tuple[str, date | None, date | None]:
    """(title, modified, created) read at the given paths under `root`; empty when absent."""
    def field(path: str) -> str:
        found = root.find(path, names) if root is not None else None
        return " ".join((found.text or "").split()) if found is not None else ""

    return field(title), parse_metadata_date(field(modified)), parse_metadata_date(field(created))
