"""One entry point for extraction: a file or an article's Document in, its Extraction out.

`extract_path` reads any supported file. Plain text and Markdown files larger than
`STREAM_BYTES` are read a window at a time (see streaming.py), so a 100 MB document is
extracted in bounded memory; their `Extraction.document.text` is empty. Everything else is
loaded whole (documents.load_document) and extracted by `extract_document`.
"""

from __future__ import annotations

from pathlib import Path

from .citations import extract_citations
from .documents import FORMATS, load_document
from .errors import InputError
from .models import Document, Extraction
from .quotes import extract_quotes

# Text and Markdown files above this size are streamed. Whole-document extraction takes
# about 30 MB of memory per MB of text, so 4 MiB keeps it near 150 MB at worst.
STREAM_BYTES = 4 * 1024 * 1024


def extract_document(doc: Document) -> Extraction:
    """Citations, quotes and scare-quoted terms of a document already loaded (e.g. an article
    given as a URL, read with documents.document_from_html)."""
    citations = extract_citations(doc)
    quotes, terms = extract_quotes(doc, citations)
    return Extraction(doc, citations, quotes, terms)


def extract_path(path: Path, *, stream_bytes: int = STREAM_BYTES,
                 window_chars: int | None = None) -> Extraction:
    """Everything extraction finds in one file (.txt .md .html .htm .pdf). Raises InputError
    (one line) for a file that cannot be used."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt in ("txt", "md"):
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise InputError(f"{path}: no such file or directory") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        if size > stream_bytes and path.is_file():
            from .text.streaming import extract_streamed
            from .text.textstream import WINDOW_CHARS

            return extract_streamed(path, fmt, window_chars=window_chars or WINDOW_CHARS)
    return extract_document(load_document(path))
