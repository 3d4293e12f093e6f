"""Text out of PDF bytes, page by page, for input documents and for cited PDF sources."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field

from ..errors import InputError
from .pdflinks import PdfLink, page_links

log = logging.getLogger(__name__)

_GUTTER = re.compile(r"\S.{14,}? {4,}\S.{14,}")  # two columns of text side by side
_SPACES = re.compile(r" {2,}")

# Typographic ligatures some PDF fonts map to single characters.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


@dataclass
class PdfText:
    """The text of each page and the info dictionary (Title, CreationDate, ...)."""

    pages: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    links: list[list[PdfLink]] = field(default_factory=list)  # per page, when asked for


def read_pdf(data: bytes, *, name: str = "PDF", with_links: bool = False) -> PdfText:
    """Pages and metadata (and each page's hyperlinks, for a document: a cited source's
    links are not its citations), parsing once. Raises InputError for corrupt or encrypted
    files."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise InputError(f"{name}: the PDF is encrypted")
            except (NotImplementedError, PdfReadError) as exc:
                raise InputError(f"{name}: the PDF is encrypted ({exc})") from None
        pages = [_page_text(page).translate(_LIGATURES) for page in reader.pages]
        try:
            info = reader.metadata
            metadata = {str(k).lstrip("/"): str(v) for k, v in (info or {}).items() if v}
        except Exception:  # a damaged info dictionary should not cost the text
            metadata = {}
        links = [page_links(page) for page in reader.pages] if with_links else []
        return PdfText(pages, metadata, links)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise InputError(f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from None


def _page_text(page: object) -> str:
    """A page's text with its paragraph gaps: pypdf's layout mode keeps vertical space as
    blank lines (plain mode loses it), but lays columns side by side, so a page with a
    column gutter is read in plain mode."""
    try:
        laid_out = page.extract_text(extraction_mode="layout") or ""  # type: ignore[attr-defined]
    except Exception:  # layout mode is newer and less forgiving of odd fonts
        laid_out = ""
    lines = laid_out.split("\n")
    filled = [line for line in lines if line.strip()]
    gutters = sum(bool(_GUTTER.search(line.strip())) for line in filled)
    if not filled or gutters > 0.2 * len(filled):
        return page.extract_text() or ""  # type: ignore[attr-defined]
    out = []
    for line in lines:
        body = line.strip()
        indent = line[:len(line) - len(line.lstrip())] if body else ""
        out.append(indent + _SPACES.sub(" ", body))
    return "\n".join(out)


def pdf_pages(data: bytes, *, name: str = "PDF") -> list[str]:
    """The text of each page. Raises InputError for corrupt or encrypted files."""
    return read_pdf(data, name=name).pages

