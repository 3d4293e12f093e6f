"""Word documents (.docx): the document as HTML, and what its properties say of it.

mammoth turns a .docx into plain HTML: paragraphs, headings, tables, hyperlinks as <a href>,
and footnotes and endnotes as a list at the end whose markers link to them, as a web page's
notes do. The HTML reader then finds the citations and quotes as in any page. Deleted text
of tracked changes is left out and inserted text kept, as Word shows the document once the
changes are accepted; comments are not the document's text and are left out too.
"""

from __future__ import annotations

import io

from ..errors import InputError
from .officezip import (
    MAX_EXPANDED_BYTES,
    UNTYPED,
    OfficeParts,
    holds,
    open_package,
    parsed_or_none,
    properties,
    read_part,
)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_BODY = "word/document.xml"
_CORE = "docProps/core.xml"
_CORE_NAMES = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}


def is_docx(content_type: str | None, body: bytes) -> bool:
    """Whether a download is a Word document: served as one, or as bytes of no stated kind
    that are a ZIP archive holding one."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    return ctype == DOCX_TYPE or (ctype in UNTYPED and holds(body, _BODY))


def read_docx(data: bytes, name: str, *, max_expanded: int = MAX_EXPANDED_BYTES) -> OfficeParts:
    """The document's HTML and properties. Raises InputError (one line) for a file that is
    no .docx archive (an old binary .doc renamed, a password-protected file, which Word
    keeps in another container), has no document in it, or expands beyond `max_expanded`."""
    with open_package(data, name, _BODY, ".docx", "Word document",
                      max_expanded=max_expanded) as archive:
        core = read_part(archive, _CORE)
    return OfficeParts(_html(data, name), *properties(parsed_or_none(core), _CORE_NAMES, "dc:title",
                                                      "dcterms:modified", "dcterms:created"))


def _html(data: bytes, name: str) -> str:
    import mammoth  # imported when a Word document is read: most runs read none

    try:
        result = mammoth.convert_to_html(io.BytesIO(data))
    except Exception as exc:  # mammoth raises whatever a damaged archive makes its parser raise
        said = " ".join(str(exc).split())[:200]
        raise InputError(f"{name}: the Word document cannot be read ({type(exc).__name__}: {said})") from None
    # Its messages name styles it has no HTML for ("Unrecognised paragraph style"): the text
    # is kept whatever the style, so they say nothing to the user.
    return f"<html><body>{result.value}</body></html>"
