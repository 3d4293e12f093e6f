"""Text out of PDF bytes, page by page, for input documents and for cited PDF sources."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from .errors import InputError

log = logging.getLogger(__name__)

# Typographic ligatures some PDF fonts map to single characters.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


@dataclass
class PdfText:
    """The text of each page and the info dictionary (Title, CreationDate, ...)."""

    pages: list[str]
    metadata: dict[str, str] = field(default_factory=dict)


def read_pdf(data: bytes, *, name: str = "PDF") -> PdfText:
    """Pages and metadata, parsing once. Raises InputError for corrupt or encrypted files."""
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
        pages = [(page.extract_text() or "").translate(_LIGATURES) for page in reader.pages]
        try:
            info = reader.metadata
            metadata = {str(k).lstrip("/"): str(v) for k, v in (info or {}).items() if v}
        except Exception:  # a damaged info dictionary should not cost the text
            metadata = {}
        return PdfText(pages, metadata)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise InputError(f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from None


def pdf_pages(data: bytes, *, name: str = "PDF") -> list[str]:
    """The text of each page. Raises InputError for corrupt or encrypted files."""
    return read_pdf(data, name=name).pages


def pdf_metadata(data: bytes) -> dict[str, str]:
    """Title and dates from the PDF's info dictionary, when it has them."""
    try:
        return read_pdf(data).metadata
    except InputError:
        return {}
