"""Text out of PDF bytes, page by page, for input documents and for cited PDF sources."""

from __future__ import annotations

import io
import logging
from typing import Any

from .errors import InputError

log = logging.getLogger(__name__)


def pdf_pages(data: bytes, *, name: str = "PDF") -> list[str]:
    """The text of each page. Raises InputError for corrupt or encrypted files."""
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
        return [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise InputError(f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from None


def pdf_metadata(data: bytes) -> dict[str, str]:
    """Title and dates from the PDF's info dictionary, when it has them."""
    from pypdf import PdfReader

    try:
        info: Any = PdfReader(io.BytesIO(data), strict=False).metadata or {}
    except Exception:
        return {}
    return {str(k).lstrip("/"): str(v) for k, v in info.items() if v}
