"""Readable text of a fetched page (HTML, plain text, subtitles, PDF), with its language.

Decoding follows the header's charset, then the page's own <meta>, then detection, then
UTF-8. What a reader sees of an HTML page is read in visibletext.py.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .models import PageText
from .text.subtitles import is_subtitles, subtitle_text

if TYPE_CHECKING:
    from lxml import etree

    from .text.pdflines import SourceLine

# Reading a page's text needs lxml, the matcher's Unicode tables and the PDF cleaner: they are
# imported where pages are read, so that what only asks a content's kind or decodes it (the
# documents stage, a nightly run with nothing to fetch) starts without them.

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)

def content_kind(content_type: str | None, body: bytes) -> str | None:
    """'html', 'text', 'pdf', 'docx' or 'odt' when the content can be matched, else None."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    # a PDF's own signature wins over a server calling every download text/html
    if ctype == "application/pdf" or body[:5] == b"%PDF-":
        return "pdf"
    if ctype in ("text/html", "application/xhtml+xml") or ctype.endswith("+xml") and "html" in ctype:
        return "html"
    if ctype.startswith("text/") or ctype == "application/x-subrip":
        return "text"
    if not ctype or ctype in ("application/octet-stream", "binary/octet-stream"):
        head = body[:512].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
    if ctype.endswith(("wordprocessingml.document", "opendocument.text")) or body[:4] == b"PK\x03\x04":
        from .text.docxdoc import is_docx
        from .text.odtdoc import is_odt

        if is_docx(content_type, body):
            return "docx"
        if is_odt(content_type, body):
            return "odt"
    return None


def decode_body(body: bytes, content_type: str | None) -> str:
    """Decode bytes: header charset, then <meta charset>, then detection, then UTF-8."""
    return _decode(body, content_type)[0]


# Labels browsers read as another encoding (WHATWG Encoding Standard): a page served as
# ISO-8859-1 with curly quotes in it is windows-1252, and decoding it as Latin-1 would turn
# every quotation mark into a control character.
_BROWSER_ENCODING = {
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
                     "ascii", "us-ascii", "cp819", "ibm819", "iso-ir-100", "csisolatin1",
                     "x-cp1252", "cp1252"), "windows-1252"),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "latin5", "l5"), "windows-1254"),
    **dict.fromkeys(("iso-8859-11", "tis-620"), "windows-874"),
}


def _browser_encoding(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    return _BROWSER_ENCODING.get(label, label)


def _decode(body: bytes, content_type: str | None) -> tuple[str, str]:
    """The decoded text and the name of the encoding that decoded it.

    Beautiful Soup's UnicodeDammit tries the encodings given, a byte-order mark, detection,
    UTF-8 and windows-1252 in turn; we give it the header's charset, then the page's own
    declaration, each read the way browsers read them, or for a page declaring neither, the
    browser's own guess. Beautiful Soup is imported only past
    the UTF-8 fast path: a worker reading UTF-8 pages never pays its import (0.14 s)."""
    header = _browser_encoding(_charset_from_header(content_type))
    declared = None if header else _declared_encoding(body)
    # A server's default Latin-1 over a page written in UTF-8, or a template's <meta> left at
    # Latin-1: text in windows-1252 is almost never valid UTF-8 once it holds a letter beyond
    # ASCII, so bytes that are were written so.
    named = header or declared
    if _is_utf8(named or "") or (_single_byte(named) and not body.isascii()):
        # Most of the web: what UnicodeDammit would do first (strip a byte-order mark, decode
        # strictly), without its setup, which costs several times the decoding.
        try:
            return body.decode("utf-8").removeprefix("\ufeff"), "utf-8"
        except UnicodeDecodeError:
            pass
    if header:
        declared = _declared_encoding(body)
    known = [e for e in (header, declared) if e] or _browser_guess(body)
    from bs4.dammit import UnicodeDammit

    dammit = UnicodeDammit(body, known_definite_encodings=known, is_html=True)
    if dammit.unicode_markup is None:
        return body.decode("windows-1252", errors="replace"), "windows-1252"
    return dammit.unicode_markup, str(dammit.original_encoding or "utf-8")


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
GUESS_BYTES = 1_000_000  # what the guess reads of a page: plenty to tell a code page


def _browser_guess(body: bytes) -> list[str]:
    """The encoding a browser gives a page that declares none (chardetng, Firefox's detector,
    which weighs the letters each code page would make of the bytes: an undeclared Western
    page is windows-1252, not the Baltic or Central European page a generic detector may
    guess from a few accented letters); none for a page opening with a byte-order mark, which
    names its own."""
    if body.startswith(_BOMS):
        return []
    from chardetng_py import detect

    # UTF-8 allowed: bytes that are valid UTF-8 beyond ASCII were written so (browsers refuse
    # the guess only so that sites cannot come to rely on it)
    return [detect(body[:GUESS_BYTES], allow_utf8=True)]


def _declared_encoding(body: bytes) -> str | None:
    """The encoding the page declares in its first 4 KB (<meta charset>, an XML declaration)."""
    from bs4.dammit import EncodingDetector

    return _browser_encoding(EncodingDetector.find_declared_encoding(
        body[:4096], is_html=True, search_entire_document=True))


def _charset_from_header(content_type: str | None) -> str | None:
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else None


# Code pages of one byte a letter (Western, Central European, Cyrillic, Greek, Turkish, Arabic,
# Hebrew, Baltic, Vietnamese, Thai): text in them is almost never valid UTF-8 beyond ASCII.
_SINGLE_BYTE = re.compile(r"(?:cp|windows-)(?:125\d|874)|iso-?8859|latin|koi8|mac-?(?:roman|cyrillic)")


def _single_byte(encoding: str | None) -> bool:
    return encoding is not None and _SINGLE_BYTE.match(encoding.lower()) is not None


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name in ("utf-8", "ascii")
    except LookupError:
        return False


def html_text(markup: str) -> tuple[str, str, str | None]:
    """(visible text, title, declared language) of an HTML document."""
    return _html_text(markup.encode("utf-8", "replace"))


def _html_text(utf8: bytes, *, described: bool = False) -> tuple[str, str, str | None]:
    """html_text of markup encoded in UTF-8, the parser's own encoding; `described`: with the
    page's description of itself when it shows little and no prose (see _with_description)."""
    from .match.hydration import shell_text
    from .match.visibletext import parse_html, visible_text

    if not utf8 or utf8.isspace():
        return "", "", None
    root, cut = parse_html(utf8)
    if root is None:
        return "", "", None
    title_el = root.find("head/title")
    if title_el is None:
        title_el = root.find(".//title")
    title = " ".join("".join(title_el.itertext()).split()) if title_el is not None else ""
    paged = not cut and utf8.find(_CONVERTER, 0, _HEAD_BYTES) != -1 and _mark_pages(root)
    text = visible_text(root, utf8, cut=cut)
    if described and len(text) < DESCRIBED_TEXT and _DESCRIPTION_HINT in utf8 and shell_text(text):
        text = _with_description(root, text)
    return (_converted_pdf_text(text) if paged else text), title, _declared_language(root)


# A page built by its script (a video's, a post's) shows next to nothing without it, but
# describes its content for link previews and search engines: a video's description, a post's
# words. That is the page's own text, what a reader of the page is shown of it.
_DESCRIPTION_HINT = b"description"
DESCRIBED_TEXT = 2000  # characters: a page built by its script shows less than this without it
_DESCRIPTIONS = ("//meta[@property='og:description']/@content",
                 "//meta[@name='twitter:description']/@content",
                 "//meta[@name='description']/@content")


def _with_description(root: etree._Element, text: str) -> str:
    """The text of a page showing no prose, then each description it gives that it does not
    show."""
    lines = [text] if text else []
    for path in _DESCRIPTIONS:
        for value in root.xpath(path):
            said = " ".join(str(value).split())
            if said and not any(said in line for line in lines):
                lines.append(said)
    return "\n".join(lines)


# A PDF converted to HTML page by page (pdf2htmlEX: <div class="pf" data-page-no="3">) shows
# each page's lines, running heads and page numbers as absolutely positioned blocks: its text
# is read as the PDF's would be (see pdf_text), so a sentence runs on over a page break. The
# converter names itself at the top (a comment, <meta name="generator">): looking there only
# costs every other page a tenth of a search of its whole markup.
_CONVERTER = b"pdf2htmlEX"
_HEAD_BYTES = 4096
_PAGE_MARK = "\ue012"


def _mark_pages(root: etree._Element) -> bool:
    """Mark where each converted page starts; whether the document has two pages or more."""
    pages = root.xpath("//div[@data-page-no]")
    if len(pages) < 2:
        return False
    for page in pages:
        page.text = _PAGE_MARK + (page.text or "")
    return True


def _converted_pdf_text(text: str) -> str:
    """The text of marked pages cleaned as a PDF's pages; what comes before them (the
    converter's outline of bookmarks) kept as it is."""
    from .text.pdfclean import page_lines

    before, *pages = text.split(_PAGE_MARK)
    cleaned = _read_as_pages(page_lines([page.strip("\n") for page in pages]))
    return f"{before.strip()}\n{cleaned}" if before.strip() else cleaned


def _declared_language(root: etree._Element) -> str | None:
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        body = root.find("body")
        lang = body.get("lang") if body is not None else None
    if not lang:
        for meta in root.iterfind("head/meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                lang = meta.get("content")
                break
    if not lang:
        return None
    code = lang.strip().replace("_", "-").split("-")[0].split(",")[0].strip().lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


def _language_sample(text: str, size: int = 2000) -> str:
    """Prose lines first (menus and bylines are short), up to `size` characters."""
    lines = [line for line in text.split("\n") if len(line) >= 60]
    sample = "\n".join(lines) if lines else text
    if len(sample) > size:
        middle = len(sample) // 2
        sample = sample[max(0, middle - size // 2): middle + size // 2]
    return sample


class LanguageModelElsewhere(Exception):
    """Detecting a language here would load the language model (70 MB) into a process that
    has chosen not to hold it (see `without_language_model`)."""


_MODEL = threading.local()  # .refused: this thread must not load the model
_model_loaded = False


@contextlib.contextmanager
def without_language_model() -> Iterator[None]:
    """Within this block, detect_language() raises LanguageModelElsewhere instead of loading
    the model, unless this process holds it already: the run's own process takes on pages
    waiting for the work pool this way, and leaves those that need the model to the pool."""
    _MODEL.refused = True
    try:
        yield
    finally:
        _MODEL.refused = False


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    global _model_loaded
    sample = _language_sample(text)
    if sum(ch.isalpha() for ch in sample[:400]) < 20 and sum(ch.isalpha() for ch in sample) < 20:
        return None
    if not _model_loaded and getattr(_MODEL, "refused", False):
        raise LanguageModelElsewhere
    import py3langid

    lang, _score = py3langid.classify(sample)
    _model_loaded = True
    return str(lang)


# Scripts a declared language is written in; a page whose text is in another script is
# mislabelled (a Persian site whose template says lang="en") and the detector decides.
_LANGUAGE_SCRIPT = {
    "en": "latin", "fr": "latin", "de": "latin", "es": "latin", "it": "latin", "pt": "latin",
    "nl": "latin", "tr": "latin", "pl": "latin", "sv": "latin", "id": "latin", "ms": "latin",
    "fa": "arabic", "ar": "arabic", "ur": "arabic", "ps": "arabic", "ku": "arabic",
    "he": "hebrew", "yi": "hebrew", "ru": "cyrillic", "uk": "cyrillic", "bg": "cyrillic",
    "el": "greek", "hi": "indic", "zh": "han", "ja": "kana", "ko": "hangul",
}


def language_script(language: str | None) -> str | None:
    """The writing system a language is usually written in, when known ('fa' -> 'arabic')."""
    return _LANGUAGE_SCRIPT.get(language or "")


def page_language(declared: str | None, text: str) -> str | None:
    """The declared language when the text's script agrees with it, else the detector's."""
    if declared:
        expected = language_script(declared)
        if expected is None or expected == "latin" and text.isascii():
            return declared
        from .match.normalize import dominant_script

        if expected == (dominant_script(_language_sample(text)) or expected):
            return declared
    return detect_language(text)


def pdf_text(body: bytes) -> str:
    """A PDF's text as a reader follows it: paragraphs rejoined across lines and pages, running
    headers and page numbers dropped, footnotes moved out of the sentences they interrupt
    (see pdfclean), so a quotation running over a page break is found whole."""
    from .text.pdfclean import page_lines
    from .text.pdftext import pdf_pages

    return _read_as_pages(page_lines(pdf_pages(body)))


def page_text(body: bytes, content_type: str | None) -> PageText | None:
    """The matchable text of a response body, or None for content that cannot be matched."""
    kind = content_kind(content_type, body)
    if kind is None:
        return None
    if kind == "pdf":
        try:
            text = pdf_text(body)
        except Exception:
            return None
        return PageText(text=text, language=detect_language(text), kind="pdf")
    if kind in ("docx", "odt"):
        return _office_page(body, kind)
    decoded, encoding = _decode(body, content_type)
    if kind == "html":
        # UTF-8 bytes go to the parser as they are: encoding the decoded text again costs
        # as much as the decoding.
        utf8 = body if _is_utf8(encoding) else decoded.encode("utf-8", "replace")
        text, title, lang = _html_text(utf8, described=True)
        return PageText(text=text, language=page_language(lang, text), title=title, kind="html")
    text = markdown_links_as_text(decoded.replace("\r\n", "\n").replace("\r", "\n"))
    if is_subtitles(text):
        text = subtitle_text(text)
    elif "\f" in text:
        text = paged_text(text)
    return PageText(text=text, language=detect_language(text), kind="text")


def _office_page(body: bytes, kind: str) -> PageText | None:
    """A word processor's document cited as a source (ministries, courts and GOV.UK publish
    them): the text of the HTML it converts to, read as a page's is; None when it cannot be
    read."""
    from .errors import InputError
    from .text.docxdoc import read_docx
    from .text.odtdoc import read_odt

    try:
        html = (read_docx if kind == "docx" else read_odt)(body, "the source").html
    except InputError:
        return None
    text, title, lang = _html_text(html.encode("utf-8"))
    return PageText(text=text, language=page_language(lang, text), title=title, kind=kind)


def paged_text(text: str) -> str:
    """Plain text laid out in pages (form feeds between them, as pdftotext, court reporters
    and RFCs write it) read as a PDF's pages are: page numbers, running headers and footers
    and a numbered margin dropped, paragraphs rejoined across lines and pages."""
    from .text.pdfclean import source_lines

    return _read_as_pages(source_lines(text))


def _read_as_pages(lines: list[SourceLine]) -> str:
    """Lines laid out in pages, cleaned (see pdfclean), with the footnote markers glued to
    the running text set in brackets, as a web page's superscript numbers are read."""
    from .text.footnotes import bracket_note_refs
    from .text.pdfclean import clean_lines

    cleaned = clean_lines(lines)
    return bracket_note_refs(cleaned.text, cleaned.footnotes, cleaned.floating)


# A Markdown link "[words](address)" shows its words; an image "![alt](address)" shows a
# picture. Plain-text sources are often Markdown (READMEs, notes, text/markdown), and an
# address read as words would break every quotation running through a link.
_MARKDOWN_LINK = re.compile(r"(!?)\[([^\[\]]{1,300})\]\((?:[a-z][a-z0-9+.-]*:|/|#|\.)[^()\s]*"
                            r"(?:\s+\"[^\"\n]*\")?\)", re.I)


def markdown_links_as_text(text: str) -> str:
    """The text with Markdown links read as their words and Markdown images left out."""
    if "](" not in text:
        return text
    return _MARKDOWN_LINK.sub(lambda m: "" if m.group(1) else m.group(2), text)
