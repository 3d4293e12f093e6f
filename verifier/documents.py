"""Input documents: which files and URLs to read, and each one reduced to a Document.

Formats: plain text (.txt), Markdown (.md), HTML (.html/.htm), PDF (.pdf), Word (.docx) and
OpenDocument text (.odt, .fodt), the last two read as the HTML they convert to (see docxdoc
and odtdoc). Text that came out of a PDF is cleaned (see
pdfclean). Each document gets a title and a date: metadata first (HTML <meta>/<time>, PDF
info, Markdown front matter), else the latest full date its text states, else when it was
fetched (articles given as URLs) or the file's modification time. A Word document is dated by
its text first: its properties change with every save, whoever saved it. So is an
OpenDocument text.

Size: `load_document` reads a document whole, so a file larger than `MAX_DOCUMENT_BYTES`
(PDFs: `MAX_PDF_BYTES`) is refused with an InputError rather than read. Large plain-text and
Markdown files are not loaded at all: `extraction.extract_path` reads them a window at a
time (streaming.py), in bounded memory.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from stat import S_ISREG

from .errors import InputError
from .models import Document
from .pagetext import content_kind, decode_body
from .text.docdates import dateline, document_date, parse_metadata_date
from .text.docxdoc import read_docx
from .text.footnotes import find_note_refs
from .text.linkdumps import split_link_dump, take_out_markers
from .text.odtdoc import read_odt
from .text.pdfclean import SourceLine, clean_lines, page_lines, source_lines
from .text.pdflinks import LinkLines, link_lines, linked_lines, place_links
from .text.pdftext import read_pdf
from .text.textblocks import indented_blocks
from .text.textstream import binary_text, legacy_encoding, unmarked_utf16

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
           ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx",
           ".odt": "odt", ".fodt": "odt"}
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_PDF_BYTES = 200 * 1024 * 1024

_URL_ARG = re.compile(r"^https?://", re.I)
_BOILERPLATE = {"skip to content", "skip to main content", "menu", "search", "home", "share",
                "print", "main menu", "navigation", "subscribe", "log in", "sign in"}
_TERMINAL_PERIOD = re.compile(r"[.;,]['\"”’)]*$")


def is_url(text: str) -> bool:
    """Whether an input names an article by its web address rather than a file."""
    return bool(_URL_ARG.match(text))


def load_document(path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Document:
    """Read one document file. Raises InputError (one line) when it cannot be used."""
    path = Path(path)
    name = path.name
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown file type {path.suffix or '(no extension)'!r}")
    try:
        stat = path.stat()
        if not S_ISREG(stat.st_mode):  # a named pipe would wait for a writer (see inputs.py)
            raise InputError(f"{path}: not a regular file")
        limit = MAX_PDF_BYTES if fmt == "pdf" else max_bytes
        if stat.st_size > limit:
            raise InputError(f"{path}: {stat.st_size / 2**20:.0f} MB is larger than the "
                             f"{limit / 2**20:.0f} MB limit for one document")
        data = path.read_bytes()
        mtime = datetime.fromtimestamp(stat.st_mtime).date()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    source = str(path.resolve())
    if fmt == "pdf":
        doc = _pdf_document(data, source, name)
    elif fmt in ("docx", "odt"):
        doc = _office_document(data, source, name, fmt)
    elif fmt == "html":
        doc = document_from_html(data, source, content_type=None, fetched_at=None)
        doc.name = name
    elif fmt == "md":
        doc = _markdown_document(decode_text(data, name), data, source, name)
    else:
        doc = _text_document(decode_text(data, name), data, source, name)
    if doc.date is None:
        doc.date, doc.date_source = mtime, "mtime"
    if not data:
        doc.warnings[:] = [f"{name}: empty file; nothing to extract"]
    elif not doc.text.strip() and not doc.warnings:
        doc.warnings.append(f"{name}: no text; nothing to extract")
    return doc


def _check_footnotes(doc: Document) -> Document:
    """Warn about footnote markers whose footnote text the document does not contain."""
    warning = missing_notes_warning(doc.name, {r.marker for r in doc.note_refs}
                                    - {f.marker for f in doc.footnotes})
    if warning:
        doc.warnings.append(warning)
    return doc


def missing_notes_warning(name: str, missing: set[str]) -> str | None:
    """The warning naming footnote markers without footnote text, numbers in order."""
    if not missing:
        return None
    ordered = sorted(missing, key=lambda m: (not m.isdigit(), int(m) if m.isdigit() else 0, m))
    return f"{name}: footnote marker(s) {', '.join(ordered)} have no footnote text in the document"


def decode_text(data: bytes, name: str) -> str:
    """Bytes of a text file as str. Raises InputError for binary content."""
    if data.startswith(b"%PDF-"):
        raise InputError(f"{name}: this is a PDF file, not text (rename it to .pdf)")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:8192]:
        text: str | None = data.decode(unmarked_utf16(name, data), errors="replace")
    else:
        text = _decode_unknown(data)
    if text is None:
        raise InputError(f"{name}: binary file, not text")
    if binary_text(text):
        raise InputError(f"{name}: binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_unknown(data: bytes) -> str | None:
    """Text of undeclared encoding: UTF-8; UTF-8 with pasted-in windows-1252 characters
    (Beautiful Soup's detwingle repairs those); else a legacy code page (legacy_encoding)."""
    from bs4.dammit import UnicodeDammit

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return UnicodeDammit.detwingle(data).decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = legacy_encoding(data)
    return None if encoding is None else data.decode(encoding, errors="replace")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in chunks: cheap to compare with the stored one
    before deciding whether the document must be extracted again."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


def _text_document(text: str, data: bytes, source: str, name: str) -> Document:
    from .text.wikitext import looks_like_wikitext, parse_wikitext

    if not looks_like_wikitext(text):
        return _cleaned_document(source_lines(text), data, source, name, "txt")
    parts = parse_wikitext(text)  # a Wikipedia article's source: its refs are its notes
    doc = Document(source=source, name=name, format="txt", sha256=_sha256(data), text=parts.text,
                   line_map=parts.line_map, links=parts.links, footnotes=parts.footnotes,
                   note_refs=parts.note_refs, table_rows=parts.table_rows)
    doc.title = title_from_text(parts.text)
    found = document_date(parts.text)
    if found:
        doc.date, doc.date_source = found, "text"
    return doc


def _cleaned_document(lines: list[SourceLine], data: bytes, source: str, name: str,
                      fmt: str) -> Document:
    lines, link_list = split_link_dump(lines) if fmt == "txt" else (lines, {})
    cleaned = clean_lines(lines)
    doc = Document(source=source, name=name, format=fmt, sha256=_sha256(data),
                   text=cleaned.text, line_map=cleaned.line_map, footnotes=cleaned.footnotes)
    if link_list:  # a page saved by a text browser: its '[n]' are links, not notes
        doc.text, doc.line_map, doc.links = take_out_markers(doc.text, doc.line_map, link_list)
        doc.footnotes = []
    else:
        doc.note_refs = find_note_refs(cleaned.text, cleaned.footnotes, cleaned.floating)
        if fmt == "txt":
            indented_blocks(lines, doc)
    doc.title = title_from_text(cleaned.text)
    found = document_date(cleaned.text)
    if found:
        doc.date, doc.date_source = found, "text"
    return _check_footnotes(doc)


def _pdf_document(data: bytes, source: str, name: str) -> Document:
    pdf = read_pdf(data, name=name, with_links=True)
    located = link_lines(pdf.pages, pdf.links) if any(pdf.links) else []
    lines = page_lines(pdf.pages, linked_lines(located))
    doc = _cleaned_document(lines, data, source, name, "pdf")
    if located:
        _add_pdf_links(doc, located)
    if not pdf.pages:
        doc.warnings.append(f"{name}: a PDF without pages; nothing to extract")
    elif not doc.text.strip():
        doc.warnings.append(f"{name}: no text layer (a scanned PDF?); nothing to extract")
    title = _pdf_title(pdf.metadata.get("Title", ""))
    if title:
        doc.title = title
    printed = pdf.metadata.get("Creator", "").startswith("Mozilla/")
    if printed and doc.date_source == "text":
        return doc  # a web page printed by a browser: made when printed, dated in its text
    written = dateline(doc.text)
    for key in ("CreationDate", "ModDate"):
        value = parse_metadata_date(pdf.metadata.get(key, ""))
        if value and written is not None and written < value:
            doc.date, doc.date_source = written, "text"  # exported after it was written
            break
        if value:
            doc.date, doc.date_source = value, "pdf-info"
            break
    return doc


def _office_document(data: bytes, source: str, name: str, fmt: str) -> Document:
    """A word processor's document (.docx, .odt), read as the HTML it converts to: its
    hyperlinks, footnotes and endnotes are then citations as a page's are."""
    parts = read_docx(data, name) if fmt == "docx" else read_odt(data, name)
    doc = document_from_html(parts.html.encode("utf-8"), source, content_type="text/html; charset=utf-8",
                             meta_date=False)
    doc.name, doc.format, doc.sha256 = name, fmt, _sha256(data)
    doc.title = parts.title or doc.title
    if doc.date is None:
        dated = parts.modified or parts.created
        if dated is not None:
            doc.date, doc.date_source = dated, f"{fmt}-properties"
    return doc


def _add_pdf_links(doc: Document, located: list[LinkLines]) -> None:
    """The PDF's hyperlinks as links on their words; a note holding one cites its address
    (a note reading 'Reuters, 3 May 2018, available here' names no URL in its text)."""
    doc.links = place_links(doc.text, doc.line_map, located)
    notes = []
    for note in doc.footnotes:
        end = note.start + len(note.text)
        inside = [i for i, link in enumerate(doc.links) if link.start < end and note.start < link.end]
        for i in inside:  # a link drawn over the note's number too belongs to its body
            link = doc.links[i]
            doc.links[i] = replace(link, start=max(link.start, note.start), end=min(link.end, end))
        linked = [doc.links[i].url for i in inside]
        if linked:
            printed = [u for u in note.urls if not any(_cut_short(u, full) for full in linked)]
            note = replace(note, urls=tuple(dict.fromkeys(printed + linked)))
        notes.append(note)
    doc.footnotes = notes


def _cut_short(printed: str, full: str) -> bool:
    """Whether a printed address is the link's own, cut short to fit the line ('…/very-lo…')."""
    stem = printed.rstrip(".…")
    return stem != full and full.startswith(stem)


def _pdf_title(title: str) -> str:
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", title.strip())
    if not title or title.lower() in ("untitled", "title") or re.search(
            r"\.(docx?|pdf|indd|pptx?)$", title, re.I) or " " not in title and "_" in title:
        return ""
    return title


def _markdown_document(text: str, data: bytes, source: str, name: str) -> Document:
    from .text.markdowndoc import parse_markdown

    parts = parse_markdown(text)
    doc = Document(source=source, name=name, format="md", sha256=_sha256(data), text=parts.text,
                   line_map=parts.line_map, links=parts.links, marked_quotes=parts.marked_quotes,
                   footnotes=parts.footnotes, note_refs=parts.note_refs,
                   table_rows=parts.table_rows)
    doc.title = parts.front_matter.get("title") or parts.title or title_from_text(parts.text)
    meta_date = parse_metadata_date(parts.front_matter.get("date", ""))
    if meta_date:
        doc.date, doc.date_source = meta_date, "meta"
    else:
        found = document_date(parts.text)
        if found:
            doc.date, doc.date_source = found, "text"
    return _check_footnotes(doc)


def document_from_html(markup: bytes, source: str, *, content_type: str | None = None,
                       fetched_at: datetime | None = None, meta_date: bool = True,
                       read_at: str | None = None) -> Document:
    """An HTML page as a Document; its own links are its citations.

    `source` is the page's URL (relative links resolve against it) or a file path; `read_at`,
    the address a redirect from it ended at, where its relative links then lead. A URL
    that turns out to serve a PDF, a word processor's document or plain text is read as such. `meta_date=False` for HTML
    made from another format, which has no metadata of its own: it is dated by its text.
    """
    from .text.htmldoc import parse_html

    name = source if is_url(source) else Path(source).name
    kind = content_kind(content_type, markup)
    if kind in ("pdf", "docx", "odt", "text"):
        if kind == "pdf":
            doc = _pdf_document(markup, source, name)
        elif kind in ("docx", "odt"):
            doc = _office_document(markup, source, name, kind)
        else:
            text = decode_body(markup, content_type).replace("\r\n", "\n")
            doc = _text_document(text, markup, source, name)
        if doc.date is None and fetched_at is not None:
            doc.date, doc.date_source = fetched_at.date(), "http"
        return doc
    decoded = decode_body(markup, content_type)
    base = read_at or (source if is_url(source) else None)
    parts = parse_html(decoded, base)
    doc = Document(source=source, name=name, format="html",
                   sha256=_sha256(markup), text=parts.text, title=parts.title,
                   line_map=parts.line_map, links=parts.links,
                   marked_quotes=parts.marked_quotes, footnotes=parts.footnotes,
                   note_refs=parts.note_refs, table_rows=parts.table_rows)
    if not doc.title:
        doc.title = title_from_text(parts.text)
    if not parts.text.strip():
        doc.warnings.append(f"{doc.name}: no article text in the page (is it built by "
                            "script?); nothing to extract")
    if parts.skipped_relative_links:
        doc.warnings.append(f"{doc.name}: {parts.skipped_relative_links} relative link(s) "
                            "left out (no base URL to resolve them against)")
    published = _html_meta_date(decoded, base) if meta_date else None
    found = document_date(parts.text) if published is None else None
    if published:
        doc.date, doc.date_source = published, "meta"
    elif found:
        doc.date, doc.date_source = found, "text"
    elif fetched_at is not None:
        doc.date, doc.date_source = fetched_at.date(), "http"
    return _check_footnotes(doc)


def _html_meta_date(markup: str, url: str | None) -> date | None:
    """Publication date from the page's metadata (meta tags, <time>, JSON-LD)."""
    if not markup.strip():
        return None
    import logging

    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        found = find_date(markup, url=url, extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%d")
    except Exception:  # htmldate is defensive but metadata can be arbitrarily broken
        return None
    return date.fromisoformat(found) if found else None


def title_from_text(text: str) -> str:
    """A title for text without metadata: a heading repeated at the top, else the first
    short line that is not site furniture."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][:25]
    paragraphs = [p for p in paragraphs if p.lower() not in _BOILERPLATE
                  and any(ch.isalpha() for ch in p)]
    top = paragraphs[:12]
    counts = Counter(top)
    for p in top:
        if counts[p] > 1 and 3 <= len(p.split()) <= 15 and not _TERMINAL_PERIOD.search(p):
            return p
    for p in paragraphs:
        if len(p.split()) <= 30 and not _TERMINAL_PERIOD.search(p):
            return " ".join(p.split())
    return ""
