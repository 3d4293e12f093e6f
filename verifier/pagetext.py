"""Readable text of a fetched page (HTML, plain text, PDF), with its language.

Decoding follows the header's charset, then the page's own <meta>, then detection.
HTML is read with lxml directly (an order of magnitude faster than BeautifulSoup): only what a
reader sees is kept; block elements become line breaks while inline elements join without a
break, so a word split across <em>/<span> stays one word, and a drop-cap joins its word.
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from .models import PageText
from .normalize import dominant_script
from .pdftext import pdf_pages

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)

# Never shown to a reader (or shown as widgets, not prose).
_DROP = frozenset({
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
    "embed", "canvas", "audio", "video", "select", "datalist", "textarea", "dialog", "map",
})
# Elements that start a new line of text; every other element is inline.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", "title", "body", "html", "option", "output",
})

_PER_THREAD = threading.local()  # lxml parsers and stylesheets are not shared between threads


def content_kind(content_type: str | None, body: bytes) -> str | None:
    """'html', 'text' or 'pdf' when the content can be matched, else None."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml") or ctype.endswith("+xml") and "html" in ctype:
        return "html"
    if ctype == "application/pdf" or body[:5] == b"%PDF-":
        return "pdf"
    if ctype.startswith("text/"):
        return "text"
    if not ctype or ctype in ("application/octet-stream", "binary/octet-stream"):
        head = body[:512].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
    return None


def decode_body(body: bytes, content_type: str | None) -> str:
    """Decode bytes: header charset, then <meta charset>, then detection, then UTF-8."""
    for charset in (_charset_from_header(content_type), _charset_from_meta(body)):
        if charset:
            try:
                return body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    encoding = best.encoding if best else "windows-1252"
    return body.decode(encoding, errors="replace")


def _charset_from_header(content_type: str | None) -> str | None:
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else None


def _charset_from_meta(body: bytes) -> str | None:
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _parser() -> etree.HTMLParser:
    parser: etree.HTMLParser | None = getattr(_PER_THREAD, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True,
                                  encoding="utf-8", no_network=True)
        _PER_THREAD.parser = parser
    return parser


def html_text(markup: str) -> tuple[str, str, str | None]:
    """(visible text, title, declared language) of an HTML document."""
    if not markup or markup.isspace():
        return "", "", None
    try:
        root = etree.fromstring(markup.encode("utf-8", "surrogatepass"), _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return "", "", None
    if root is None:
        return "", "", None
    title_el = root.find("head/title")
    if title_el is None:
        title_el = root.find(".//title")
    title = " ".join("".join(title_el.itertext()).split()) if title_el is not None else ""
    text = _visible_text(root, markup)
    return text, title, _declared_language(root)


def _visible_text(root: etree._Element, markup: str) -> str:
    """What a reader sees: text of shown elements, a line break around each block element."""
    _prune(root, markup)
    transform: etree.XSLT | None = getattr(_PER_THREAD, "visible_text", None)
    if transform is None:
        transform = _PER_THREAD.visible_text = etree.XSLT(etree.XML(_VISIBLE_TEXT_XSLT))
    return _collapse_whitespace(str(transform(root)))


_HIDING_ATTRIBUTES = etree.XPath("//@hidden | //@style")  # the parser lower-cases names
_HIDING_HINTS = ("hidden", "style", "HIDDEN", "STYLE", "Hidden", "Style")
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BREAK = "\ue001"  # a block boundary, told apart from line breaks in the source's text


def _prune(root: etree._Element, markup: str) -> None:
    """Remove hidden elements, keeping the text that follows them.

    The markup is searched first: a search of the tree costs a third of the page's parse."""
    if any(hint in markup for hint in _HIDING_HINTS):
        for value in _HIDING_ATTRIBUTES(root):
            if value.attrname == "hidden" or _STYLE_HIDDEN.search(value):
                _remove_keeping_tail(value.getparent())


def _remove_keeping_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# The walk over the tree runs inside libxslt: several times faster than a loop in Python.
_VISIBLE_TEXT_XSLT = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="utf-8"/>
<xsl:template match="{'|'.join(sorted(_DROP))}"/>
<xsl:template match="{'|'.join(sorted(_BLOCK))}"><xsl:text>&#xE001;</xsl:text><xsl:apply-templates/><xsl:text>&#xE001;</xsl:text></xsl:template>
</xsl:stylesheet>"""


def _collapse_whitespace(text: str) -> str:
    """Runs of whitespace (NBSP and other Unicode spaces included) become one space; each
    block keeps its own line; blank lines vanish. str.split does the work in C."""
    lines = [line for line in (" ".join(block.split()) for block in text.split(_BREAK)) if line]
    if any(len(line) <= 2 for line in lines):
        lines = _join_drop_caps(lines)
    return "\n".join(lines)


def _join_drop_caps(lines: list[str]) -> list[str]:
    """A block of its own holding one capital ("<div class=dropcap>T</div><p>he ...") is a
    drop-cap when the next block starts in lower case: the two are one word."""
    joined: list[str] = []
    for line in lines:
        if joined and line[:1].islower() and _is_initial(joined[-1]):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def _is_initial(line: str) -> bool:
    letter = line.lstrip("\"'“‘«„")
    return len(letter) == 1 and letter.isupper()


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


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = _language_sample(text)
    if sum(ch.isalpha() for ch in sample[:400]) < 20 and sum(ch.isalpha() for ch in sample) < 20:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
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
        if expected is None or expected == (dominant_script(_language_sample(text)) or expected):
            return declared
    return detect_language(text)


def page_text(body: bytes, content_type: str | None) -> PageText | None:
    """The matchable text of a response body, or None for content that cannot be matched."""
    kind = content_kind(content_type, body)
    if kind is None:
        return None
    if kind == "pdf":
        try:
            text = "\n\n".join(pdf_pages(body))
        except Exception:
            return None
        return PageText(text=text, language=detect_language(text), kind="pdf")
    decoded = decode_body(body, content_type)
    if kind == "html":
        text, title, lang = html_text(decoded)
        return PageText(text=text, language=page_language(lang, text), title=title, kind="html")
    text = decoded.replace("\r\n", "\n").replace("\r", "\n")
    return PageText(text=text, language=detect_language(text), kind="text")
