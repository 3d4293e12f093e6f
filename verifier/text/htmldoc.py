"""An HTML article reduced to its readable text, with what its markup says about sources:
links (<a href>, <blockquote cite>, <q cite>), quotations (<blockquote>, <q>), footnote
markers (<sup>, links to #fn1) and footnote bodies (the elements those markers point at,
or numbered items of a footnotes list).

Site furniture (navigation, share buttons, related-article lists, forms) is left out: its
links are not the article's citations.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from ..models import Footnote, Link, MarkedQuote, NoteRef
from .htmlnotes import popover_notes, sidenotes
from .textbuild import MarkupParts, TextBuilder
from .textspans import SpanIndex
from .urls import SKIPPED_SCHEMES, find_urls

_DROP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed",
         "nav", "form", "button", "select", "input", "textarea", "label", "canvas", "video",
         "audio", "map", "dialog", "menu"}
_BLOCK = {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
          "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
          "li", "main", "ol", "p", "pre", "section", "table", "ul", "title", "body", "html",
          "caption", "details", "summary"}
_LINE = {"br", "tr"}
_CELL = {"td", "th"}
_CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "share", "sharing", "social", "related", "comments",
    "newsletter", "subscribe", "subscription", "breadcrumb", "breadcrumbs", "sidebar", "advert",
    "advertisement", "ads", "promo", "cookie", "cookies", "popup", "modal", "masthead", "skip",
    "toolbar", "pagination", "widget", "byline-share", "recommended", "outbrain", "taboola",
    "bio"}  # the author bio box: the writer's profile links are not the article's sources
_NOTES_CONTAINER = re.compile(r"foot-?notes?|end-?notes?|\bnotes\b|references|\bfn\b", re.I)
_NOTE_ID = re.compile(
    r"^(?:fn|footnote|note|endnote|ftn|_ftn|en|cite_note)[-_:.]?(?:[\w-]*[-_])?(\d{1,3})$", re.I)
_NOTES_HEADING = re.compile(
    r"^(?:notes?|endnotes?|footnotes?|references?|sources?|citations?)\s*:?$", re.I)
_BRACKETED = re.compile(r"\[(\d{1,3})\]")
_MARKER_LABEL = re.compile(r"^[\[(]?\^?(\d{1,3}|[*†‡])[\])]?\.?$")
# A marker's target longer than this is a section, not a note ('[2]' linking '#content')...
NOTE_BODY_CHARS = 3000
# ...unless its id names a note ('footnote-3', 'fn12', 'cite_note-7'): a discursive note of an
# academic or legal text runs to pages, as Word's and LibreOffice's exports keep it.
NAMED_NOTE_BODY_CHARS = 20_000
# A footnote body's way back to its marker: Wikipedia's '^ a b' span, '↩' links.
_BACKLINK_CLASS = re.compile(r"back-?(?:link|ref)|footnote-return", re.I)


def parse_html(markup: str, base_url: str | None = None) -> MarkupParts:
    """Readable text and source markup of an HTML page; relative links resolve on base_url."""
    if not markup.strip():
        return MarkupParts("", [])
    parser = lxml_html.HTMLParser(remove_comments=True, huge_tree=True, encoding="utf-8")
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return MarkupParts("", [])
    base_el = root.find(".//base[@href]")
    if base_el is not None:
        base_url = urljoin(base_url or "", base_el.get("href", "").strip())
    walker = _Walker(root, base_url)
    return walker.run()


def html_title(root: lxml_html.HtmlElement) -> str:
    """og:title, else the first <h1>, else <title>."""
    for xpath in ('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content'):
        found = root.xpath(xpath)
        if found and str(found[0]).strip():
            return " ".join(str(found[0]).split())
    for tag in ("h1", "title"):
        el = root.find(f".//{tag}")
        if el is not None:
            text = " ".join(el.text_content().split())
            if text:
                return text
    return ""


class _Walker:
    def __init__(self, root: lxml_html.HtmlElement, base_url: str | None) -> None:
        self.root = root
        self.base_url = base_url
        self.builder = TextBuilder()
        self.parts = MarkupParts("", [], title=html_title(root))
        lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
        self.parts.language = lang.split("-")[0].lower() if lang else None
        self.content = _content_root(root)
        self.ref_anchors: dict[lxml_html.HtmlElement, str] = {}
        self.bodies: dict[lxml_html.HtmlElement, str] = {}
        self.bracketed: set[str] = set()  # '[n]' written as plain text, n a notes-list item
        self.moved: set[lxml_html.HtmlElement] = set()  # notes set inside their sentence
        self._find_footnotes()
        self.marker_ids = _marker_ids(self.ref_anchors)
        self.authors = _declared_authors(root)
        self.starts: dict[lxml_html.HtmlElement, int] = {}
        self.rows: list[list[tuple[int, int]]] = []  # open table rows (tables may nest)

    def run(self) -> MarkupParts:
        self._walk(self.content)
        for body in self.bodies:
            if not _inside(body, self.content) or body in self.moved:
                self.builder.block()
                self._walk(body)
        self.parts.text = self.builder.text
        self.parts.line_map = self.builder.line_map
        self.parts.footnotes.sort(key=lambda f: f.start)
        self._add_bracketed_refs()
        return self.parts

    # -- footnotes -----------------------------------------------------------------------
    def _find_footnotes(self) -> None:
        targets: dict[str, lxml_html.HtmlElement] = {}
        for el in self.root.iter():
            if not isinstance(el.tag, str):
                continue
            for name in (el.get("id"), el.get("name") if el.tag == "a" else None):
                if name:
                    targets.setdefault(name, el)
        order = {el: n for n, el in enumerate(self.root.iter())}
        numbered: dict[str, lxml_html.HtmlElement] = {}
        for container in self.root.iter("ol", "ul", "section", "div", "aside", "footer"):
            names = f"{container.get('class', '')} {container.get('id', '')}"
            heading = container.getprevious()
            titled = container.tag == "ol" and heading is not None and isinstance(
                heading.tag, str) and heading.tag in ("h2", "h3", "h4", "h5", "p", "strong") \
                and _NOTES_HEADING.match(" ".join(heading.text_content().split()))
            if _NOTES_CONTAINER.search(names) or titled:
                items = container.findall(".//li")
                for n, li in enumerate(items, start=1):
                    value = li.get("value")
                    numbered.setdefault(value if value and value.isdigit() else str(n), li)
        self._bracketed_bodies(numbered)
        for name, el in targets.items():
            m = _NOTE_ID.match(name)
            block = _block_of(el) if m else None
            if m and block is not None:
                numbered.setdefault(str(int(m.group(1))), block)
        for a in self.root.iter("a"):
            href = (a.get("href") or "").strip()
            if not href.startswith("#") or len(href) < 2:
                continue
            marker = _marker_label(a)
            target = targets.get(unquote(href[1:]))
            if marker is None or target is None:
                continue
            body = _block_of(target)
            if body is None or _inside(a, body) or len(body.text_content()) > _longest_note(target):
                continue
            if order.get(body, 0) < order.get(a, 0):
                continue  # a link back from a footnote to its marker, not a marker
            self.ref_anchors[a] = marker
            self.bodies.setdefault(body, marker)
        for note in popover_notes(self.root, targets, _marker_label) + sidenotes(
                self.root, _marker_label):
            self.ref_anchors[note.marker_element] = note.marker
            self.bodies.setdefault(note.body, note.marker)
            if note.moved:
                self.moved.add(note.body)
        for sup in self.root.iter("sup"):
            if sup.find(".//a") is not None:
                continue
            sup_marker = _marker_label(sup)
            if sup_marker is None:
                continue
            self.ref_anchors[sup] = sup_marker
            found = numbered.get(sup_marker)
            if found is not None and not _inside(sup, found):
                self.bodies.setdefault(found, sup_marker)

    def _bracketed_bodies(self, numbered: dict[str, lxml_html.HtmlElement]) -> None:
        """Plain-text '[2]' in the running text, with a numbered notes or sources list whose
        second item it names: that item is a footnote body (newsletters and pasted articles
        keep the bracketed numbers but lose the <sup> and the link)."""
        if not numbered:
            return
        for el in self.root.iter():
            if not isinstance(el.tag, str) or el.tag == "a" or el.tag in _DROP:
                continue
            for chunk in (el.text, el.tail):
                for m in _BRACKETED.finditer(chunk or ""):
                    marker = str(int(m.group(1)))
                    body = numbered.get(marker)
                    if body is not None and not _inside(el, body):
                        self.bracketed.add(marker)
                        self.bodies.setdefault(body, marker)

    def _add_bracketed_refs(self) -> None:
        """The plain-text '[n]' markers before their note body, as note references."""
        text = self.parts.text
        taken = SpanIndex((r.start, r.end) for r in self.parts.note_refs)
        body_at = {f.marker: f.start for f in self.parts.footnotes}
        for m in _BRACKETED.finditer(text):
            marker = str(int(m.group(1)))
            if marker in self.bracketed and m.start() < body_at.get(marker, -1) and \
                    not taken.overlaps(m.start(), m.end()):
                self.parts.note_refs.append(NoteRef(marker, m.start(), m.end()))
        self.parts.note_refs.sort(key=lambda r: r.start)

    # -- walking -------------------------------------------------------------------------
    def _walk(self, top: lxml_html.HtmlElement) -> None:
        """Depth-first, iterative so that deeply nested markup cannot exhaust the stack."""
        stack: list[tuple[lxml_html.HtmlElement, bool, dict[str, int]]] = [(top, False, {})]
        line = top.sourceline or 1
        b = self.builder
        while stack:
            node, closing, state = stack.pop()
            tag = node.tag if isinstance(node.tag, str) else ""
            if closing:
                self._close(node, tag, state)
                if node is not top and node.tail:
                    b.add(node.tail, line)
                    line += node.tail.count("\n")
                continue
            if not tag or (tag in _DROP and node not in self.ref_anchors or _hidden(node)
                           or self._chrome(node) or self._backlink(node)
                           or node in self.moved) and node is not top:
                if node is not top and node.tail:
                    b.add(node.tail, node.sourceline or line)
                    line = (node.sourceline or line) + node.tail.count("\n")
                continue
            line = node.sourceline or line
            self._open(node, tag, state)
            if node.text:
                b.add(node.text, line)
                line += node.text.count("\n")
            stack.append((node, True, state))
            for child in reversed(node):
                stack.append((child, False, {}))

    def _open(self, node: lxml_html.HtmlElement, tag: str, state: dict[str, int]) -> None:
        b = self.builder
        if tag in _BLOCK:
            b.block()
        elif tag in _LINE:
            b.block("\n")
        elif tag in _CELL:
            b.block(" ")
        if node in self.bodies:
            b.block()
        if tag == "tr":
            self.rows.append([])
        if tag == "q":
            b.add_literal("“", node.sourceline)
        state["start"] = b.next_offset()
        if node in self.ref_anchors and not node.text_content().strip():
            b.add_literal(self.ref_anchors[node], node.sourceline)  # a number CSS counts
        self.starts[node] = state["start"]

    def _close(self, node: lxml_html.HtmlElement, tag: str, state: dict[str, int]) -> None:
        b = self.builder
        start = state.get("start", b.end_offset())
        end = b.end_offset()
        if tag == "a" and node not in self.ref_anchors and not _author_link(node) \
                and not self._declared_author(node) and not _comments_link(node) \
                and not _hashtag_link(node):
            url = self._resolve(node.get("href"))
            if url and end > start:
                self.parts.links.append(Link(url, start, end, "a"))
        if node in self.ref_anchors and end > start:
            self.parts.note_refs.append(NoteRef(self.ref_anchors[node], start, end))
        if tag in ("blockquote", "q") and end > start:
            cite = self._resolve(node.get("cite"))
            quote_end, attribution = end, None
            if tag == "blockquote":
                quote_end, attribution, source = self._attribution(node, start, end)
                cite = cite or self._resolve(source)
            self.parts.marked_quotes.append(
                MarkedQuote(start, quote_end, cite, attribution, block=tag == "blockquote"))
            if cite:
                self.parts.links.append(Link(cite, start, quote_end, "cite"))
        if tag in _CELL and self.rows:
            self.rows[-1].append((start, end))
        elif tag == "tr" and self.rows:
            self.parts.table_rows.append(self.rows.pop())
        if tag == "q":
            b.add_literal("”")
        if node in self.bodies and end > start:
            self._add_footnote(node, start, end)
        if tag in _BLOCK or node in self.bodies:
            b.block()
        elif tag in _LINE:
            b.block("\n")

    def _attribution(self, node: lxml_html.HtmlElement, start: int, end: int
                     ) -> tuple[int, str | None, str | None]:
        """A last <footer>, <cite> or '— Name' line inside a blockquote names who is quoted;
        a link in it ('— Name, <cite><a href=…>Outlet</a></cite>') is where the quotation
        was published, its source as a cite attribute would be: (quote end, name, link)."""
        figcaption = _figure_caption(node)
        caption = _caption_name(figcaption)
        if caption:  # <figure><blockquote>…</blockquote><figcaption>— Name</figcaption>
            return end, caption, _first_href(figcaption)
        children = [c for c in node if isinstance(c.tag, str)]
        if not children:
            return end, None, None
        last = children[-1]
        words = " ".join(last.text_content().split())
        dashed = words[:1] in "—–―" and words[:1] != ""
        small = len(words.split()) <= 12
        if not (last.tag in ("footer", "cite") or (dashed and small)
                or (last.tag == "p" and last.find(".//cite") is not None and small)):
            return end, None, None
        child_start = self.starts.get(last)
        if child_start is None or child_start <= start:
            return end, None, None
        quote_end = len(self.builder.text[:child_start].rstrip())
        name = words.lstrip("—–―-~ ").strip()
        return quote_end, name or None, _first_href(last)

    def _add_footnote(self, node: lxml_html.HtmlElement, start: int, end: int) -> None:
        body = self.builder.text[start:end]
        urls = [link.url for link in self.parts.links if start <= link.start < end]
        urls += [url for _s, _e, url in find_urls(body) if url not in urls]
        self.parts.footnotes.append(Footnote(self.bodies[node], body, start, tuple(urls)))

    def _resolve(self, href: str | None) -> str | None:
        href = (href or "").strip()
        if not href or href.startswith("#") or href.lower().startswith(SKIPPED_SCHEMES):
            return None
        if urlsplit(href).scheme:
            return href
        if self.base_url and urlsplit(self.base_url).scheme in ("http", "https"):
            return urljoin(self.base_url, href)
        if href.lower().startswith("www."):
            return href
        self.parts.skipped_relative_links += 1
        return None

    def _backlink(self, node: lxml_html.HtmlElement) -> bool:
        """A footnote body's link back to its marker ('^ a b c', '↩') is no part of the note:
        its letters would read as the start of an author's or outlet's name."""
        if _BACKLINK_CLASS.search(node.get("class") or ""):
            return True
        href = (node.get("href") or "").strip() if node.tag == "a" else ""
        return href.startswith("#") and unquote(href[1:]) in self.marker_ids

    def _declared_author(self, a: lxml_html.HtmlElement) -> bool:
        """A link to the writer the page declares as its author (meta author, JSON-LD), by
        the writer's name as its text or the declared profile address: a byline, no source."""
        names, urls = self.authors
        text = " ".join(a.text_content().split()).lower()
        return bool(text and text in names) or (a.get("href") or "").strip() in urls

    def _chrome(self, node: lxml_html.HtmlElement) -> bool:
        label = f"{node.get('class', '')} {node.get('id', '')} {node.get('role', '')}".lower()
        if node.tag in ("header", "footer") and node.getparent() is not None \
                and node.getparent().tag == "body":
            return not any(_inside(body, node) for body in self.bodies)
        if node.tag == "aside" and not _NOTES_CONTAINER.search(label):
            return not any(_inside(body, node) for body in self.bodies)
        words = set(re.split(r"[\s_\-]+", label))
        # 'sharedaddy', 'sharethis', 'social-icons': share buttons under any plugin's name
        if words & _CHROME_WORDS or "navigation" in label or any(
                w.startswith(("share", "social")) for w in words):
            return not any(_inside(body, node) for body in self.bodies)
        return False


def _figure_caption(node: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The caption of the <figure> a blockquote is the quotation of, if any."""
    figure = node.getparent()
    return figure.find("figcaption") if figure is not None and figure.tag == "figure" else None


def _caption_name(caption: lxml_html.HtmlElement | None) -> str | None:
    """A figure's caption as the attribution of its quotation."""
    if caption is None:
        return None
    words = " ".join(caption.text_content().split()).lstrip("—–―-~ ").strip()
    return words if words and len(words.split()) <= 20 else None


def _first_href(node: lxml_html.HtmlElement | None) -> str | None:
    """The first link's address inside an attribution."""
    found = node.xpath(".//a[@href][1]/@href") if node is not None else []
    return str(found[0]) if found else None


def _content_root(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The article itself when the page marks it (<article>, <main>), else <body>."""
    body = root.find("body")
    if body is None:
        body = root
    total = len(body.text_content()) or 1
    candidates = root.xpath('//article | //main | //*[@role="main"] | //*[@itemprop="articleBody"]')
    best = max(candidates, key=lambda el: len(el.text_content()), default=None)
    if best is not None and len(best.text_content()) >= 0.25 * total:
        return best
    return body


def _marker_label(el: lxml_html.HtmlElement) -> str | None:
    text = "".join(el.text_content().split())
    m = _MARKER_LABEL.match(text)
    if not m:
        return None
    label = m.group(1)
    return str(int(label)) if label.isdigit() else label


def _block_of(el: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    node: lxml_html.HtmlElement | None = el
    while node is not None and node.tag not in ("li", "p", "div", "aside", "dd", "section", "td"):
        node = node.getparent()
    if node is not None and node.tag in ("section", "div") and len(node.text_content()) > 3000:
        return None
    return node


def _author_link(a: lxml_html.HtmlElement) -> bool:
    """A byline's link to the writer's page (rel="author", '/author/name/') cites nothing."""
    rel = (a.get("rel") or "").lower().split()
    return "author" in rel or bool(re.search(r"/(?:author|authors)/[^/]+/?$",
                                             urlsplit((a.get("href") or "").strip()).path))


def _hashtag_link(a: lxml_html.HtmlElement) -> bool:
    """A hashtag in an embedded post ('#SaveOurLibrary') links to the platform's search for
    it: the tag is part of the post's words, the link is no source."""
    return bool(re.fullmatch(r"#\w+", a.text_content().strip()))


def _comments_link(a: lxml_html.HtmlElement) -> bool:
    """A link to the post's own comment thread ('…/p/slug/comments', 'Leave a comment')."""
    path = urlsplit((a.get("href") or "").strip()).path.rstrip("/")
    return path.endswith("/comments") and path.count("/") <= 3


def _marker_ids(anchors: dict[lxml_html.HtmlElement, str]) -> set[str]:
    """The ids of footnote markers and of the <sup> holding them: what back-links point at."""
    ids: set[str] = set()
    for node in anchors:
        for el in (node, node.getparent()):
            if el is not None and el.get("id"):
                ids.add(el.get("id"))
    return ids


def _declared_authors(root: lxml_html.HtmlElement) -> tuple[set[str], set[str]]:
    """(lower-cased names, profile URLs) of the authors the page's metadata declares."""
    names = {" ".join(str(v).split()).lower()
             for v in root.xpath('//meta[@name="author"]/@content') if str(v).strip()}
    urls: set[str] = set()
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            authors = item.get("author", []) if isinstance(item, dict) else []
            for author in authors if isinstance(authors, list) else [authors]:
                if isinstance(author, dict):
                    if isinstance(author.get("name"), str):
                        names.add(" ".join(author["name"].split()).lower())
                    if isinstance(author.get("url"), str):
                        urls.add(author["url"].strip())
    return names, urls


def _inside(el: lxml_html.HtmlElement, ancestor: lxml_html.HtmlElement) -> bool:
    node: lxml_html.HtmlElement | None = el
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _hidden(node: lxml_html.HtmlElement) -> bool:
    if node.get("hidden") is not None or node.get("aria-hidden") == "true":
        return True
    style = (node.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _longest_note(target: lxml_html.HtmlElement) -> int:
    """How long the body of a note a marker links to may be (see NOTE_BODY_CHARS)."""
    return NAMED_NOTE_BODY_CHARS if _NOTE_ID.match(target.get("id") or target.get("name") or "") \
        else NOTE_BODY_CHARS
