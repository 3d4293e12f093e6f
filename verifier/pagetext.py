"""Readable text of a fetched page (HTML, plain text, PDF), with its language.

Decoding follows the header's charset, then the page's own <meta>, then detection.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from .models import PageText
from .pdftext import pdf_pages

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)

_DROP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "title", "body", "html",
}


def content_kind(content_type: str | None, body: bytes) -> str | None:
    """'html', 'text' or 'pdf' when the content can be matched, else None."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml") or ctype.endswith("+xml") and "html" in ctype:
        return "html"
    if ctype == "application/pdf" or body[:5] == b"%PDF-":
        return "pdf"
    if ctype.startswith("text/"):
        return "text"
    if not ctype:
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


def html_text(markup: str) -> tuple[str, str, str | None]:
    """(visible text, title, declared language) of an HTML document."""
    if not markup.strip():
        return "", "", None
    # the markup is re-encoded as UTF-8 here: a <meta charset> in it must not override that
    parser = lxml_html.HTMLParser(remove_comments=True, huge_tree=True, encoding="utf-8")
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return "", "", None
    title_el = root.find(".//title")
    title = " ".join((title_el.text_content() if title_el is not None else "").split())
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    text = re.sub(r" ?\n[ \n]*", "\n", text)
    return text.strip(), title, (lang or None)


def _walk(el: etree._Element, parts: list[str]) -> None:
    """Append visible text; iterative so deeply nested markup cannot exhaust the stack."""
    stack: list[tuple[etree._Element, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        if closing:
            if tag in _BLOCK:
                parts.append("\n")
            if node.tail:
                parts.append(node.tail)
            continue
        if not tag or tag in _DROP or _hidden(node):
            if node.tail:
                parts.append(node.tail)
            continue
        if tag in _BLOCK:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        for child in reversed(node):
            stack.append((child, False))


def _hidden(node: etree._Element) -> bool:
    if node.get("hidden") is not None or node.get("aria-hidden") == "true":
        return True
    style = (node.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)


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
        language = (lang.split("-")[0].lower() if lang else None) or detect_language(text)
        return PageText(text=text, language=language, title=title, kind="html")
    return PageText(text=decoded, language=detect_language(decoded), kind="text")
