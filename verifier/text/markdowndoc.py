"""A Markdown document reduced to its readable text, with its links (inline, reference,
autolinks), blockquotes, footnote markers `[^1]` and footnote bodies `[^1]: …`.

markdown-it-py parses (CommonMark, with the footnote and front-matter plugins); this module
only walks its tokens, keeping each piece's original line.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..models import Footnote, Link, MarkedQuote, NoteRef
from .textbuild import MarkupParts, TextBuilder
from .urls import SKIPPED_SCHEMES, find_urls

_BLOCK_OPEN = {"paragraph_open", "heading_open", "list_item_open", "blockquote_open",
               "table_open", "tr_open", "hr", "bullet_list_open", "ordered_list_open"}
_FRONT_FIELD = re.compile(r"^(\w+)\s*:\s*(.*?)\s*$")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)([^>]*)>")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_HTML_BLOCKS = {"p", "div", "li", "ol", "ul", "blockquote", "section", "aside", "footer",
                "header", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "figure",
                "figcaption", "dl", "dt", "dd", "pre", "article"}
_HTML_SKIPPED = {"script", "style", "template", "noscript"}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).use(footnote_plugin).use(front_matter_plugin)
    md.enable("table")
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]  # keep URLs as written
    return md


def parse_markdown(source: str) -> MarkupParts:
    """Readable text and source markup of a Markdown document."""
    tokens = _parser().parse(source)
    return _Walker().run(tokens)


class _Walker:
    def __init__(self) -> None:
        self.b = TextBuilder()
        self.parts = MarkupParts("", [])
        self.line = 1
        self.quote_starts: list[int] = []
        self.note_start: tuple[str, int] | None = None
        self.heading: tuple[int, int] | None = None  # (level, start offset)
        self.title_is_h1 = False
        self.anchor_labels: dict[str, str] = {}  # '#fn-2' anchors' targets -> their labels
        self.row: list[tuple[int, int]] = []  # the table row being read: its cells' spans
        self.cell_start = 0

    def run(self, tokens: list[Token]) -> MarkupParts:
        for token in tokens:
            if token.map:
                self.line = token.map[0] + 1
            self._block(token)
        self.parts.text = self.b.text
        self.parts.line_map = self.b.line_map
        return self.parts

    def _block(self, token: Token) -> None:
        b, kind = self.b, token.type
        if kind == "front_matter":
            self.parts.front_matter = _front_matter(token.content)
        elif kind in _BLOCK_OPEN:
            b.block()
            if kind == "blockquote_open":
                self.quote_starts.append(b.next_offset())
            if kind == "heading_open":
                self.heading = (int(token.tag[1:]), b.next_offset())
        elif kind == "blockquote_close" and self.quote_starts:
            start = self.quote_starts.pop()
            if b.end_offset() > start:
                self.parts.marked_quotes.append(MarkedQuote(start, b.end_offset(), block=True))
            b.block()
        elif kind == "heading_close" and self.heading:
            level, start = self.heading
            if not self.parts.title or (level == 1 and not self.title_is_h1):
                self.parts.title = b.text[start:].strip()
                self.title_is_h1 = level == 1
            self.heading = None
            b.block()
        elif kind == "inline":
            self._inline(token.children or [])
        elif kind == "html_block":
            b.block()
            self._html_block(token.content)
            b.block()
        elif kind in ("td_open", "th_open"):
            b.block()
            self.cell_start = b.next_offset()
        elif kind in ("td_close", "th_close"):
            self.row.append((self.cell_start, b.end_offset()))
            b.block()
        elif kind == "tr_close":
            self.parts.table_rows.append(self.row)
            self.row = []
            b.block()
        elif kind == "footnote_open":
            b.block()
            self.note_start = (_note_label(token.meta), b.next_offset())
        elif kind == "footnote_close" and self.note_start:
            self._add_footnote(*self.note_start, b.end_offset())
            self.note_start = None
            b.block()
        elif kind.endswith("_close") and kind != "footnote_anchor":
            b.block()

    def _inline(self, children: list[Token]) -> None:
        b = self.b
        line = self.line
        link_stack: list[tuple[str, int, str]] = []
        quote_stack: list[int] = []
        for child in children:
            kind = child.type
            if kind == "text":
                b.add(child.content, line)
            elif kind == "code_inline":
                b.add_literal(child.content, line)
            elif kind == "softbreak":
                line += 1
                b.add(" ", line)
            elif kind == "hardbreak":
                line += 1
                b.block("\n")
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
                link_stack.append((href, b.next_offset(), "autolink"
                                   if child.markup == "autolink" else "markdown"))
            elif kind == "link_close" and link_stack:
                self._close_link(*link_stack.pop())
            elif kind == "footnote_ref":
                label = _note_label(child.meta)
                marker = f"[{label}]"
                b.add_literal(marker, line)
                end = b.end_offset()
                self.parts.note_refs.append(NoteRef(label, end - len(marker), end))
            elif kind == "html_inline":
                self._inline_tag(child.content, line, link_stack, quote_stack)
            elif kind == "image":
                continue
        self.line = line

    # -- HTML inside Markdown ('<a href="#fn-2">2</a>', '<q>…</q>', an HTML notes list) ----
    def _inline_tag(self, tag: str, line: int, link_stack: list[tuple[str, int, str]],
                    quote_stack: list[int]) -> None:
        m = _TAG.match(tag)
        if m is None:
            return
        closing, name = bool(m.group(1)), m.group(2).lower()
        if name == "a" and not closing:
            link_stack.append((_href(m.group(3)), self.b.next_offset(), "a"))
        elif name == "a" and link_stack:
            self._close_link(*link_stack.pop())
        elif name == "q" and not closing:
            self.b.add_literal("“", line)
            quote_stack.append(self.b.next_offset())
        elif name == "q" and quote_stack:
            start = quote_stack.pop()
            if self.b.end_offset() > start:
                self.parts.marked_quotes.append(MarkedQuote(start, self.b.end_offset()))
            self.b.add_literal("”", line)

    def _close_link(self, href: str, start: int, link_kind: str) -> None:
        """A link ends: a citation, or (to '#id') a note marker whose body has that id."""
        end = self.b.end_offset()
        if not href or end <= start:
            return
        if href.startswith("#"):
            label = self.b.text[start:end].strip("[]^ ")
            if link_kind == "a" and label and len(label) <= 4:
                self.parts.note_refs.append(NoteRef(label, start, end))
                self.anchor_labels[href[1:]] = label
        elif not href.lower().startswith(SKIPPED_SCHEMES):
            self.parts.links.append(Link(href, start, end, link_kind))

    def _html_block(self, markup: str) -> None:
        try:
            root = lxml_html.fragment_fromstring(markup, create_parent="div")
        except (etree.ParserError, ValueError):
            return
        self._html_node(root)

    def _html_node(self, node: lxml_html.HtmlElement) -> None:
        b = self.b
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _HTML_SKIPPED or not tag:
            return
        if tag in _HTML_BLOCKS:
            b.block()
        if tag == "q":
            b.add_literal("“", self.line)
        start = b.next_offset()
        b.add(node.text or "", self.line)
        for child in node:
            self._html_node(child)
            b.add(child.tail or "", self.line)
        end = b.end_offset()
        if tag == "a":
            self._close_link(node.get("href", "").strip(), start, "a")
        elif tag == "q" and end > start:
            self.parts.marked_quotes.append(MarkedQuote(start, end))
            b.add_literal("”", self.line)
        label = self.anchor_labels.get(node.get("id", ""))
        if label and end > start:
            self._add_footnote(label, start, end)
        if tag in _HTML_BLOCKS:
            b.block()

    def _add_footnote(self, label: str, start: int, end: int) -> None:
        body = self.b.text[start:end]
        urls = [link.url for link in self.parts.links if start <= link.start < end]
        urls += [url for _s, _e, url in find_urls(body) if url not in urls]
        self.parts.footnotes.append(Footnote(label, body, start, tuple(urls)))


def _note_label(meta: dict) -> str:
    """A note's marker: its label as written (`[^12]`, `[^eval]`); a Pandoc inline note
    (`^[…]`), which has none, takes the number the page gives it, in order of use."""
    label = meta.get("label")
    return str(label) if label is not None else str(int(meta.get("id", 0)) + 1)


def _front_matter(content: str) -> dict[str, str]:
    """Simple `key: value` pairs of a YAML front matter block (title, date)."""
    fields: dict[str, str] = {}
    for raw in content.splitlines():
        m = _FRONT_FIELD.match(raw)
        if m and m.group(2):
            fields[m.group(1).lower()] = m.group(2).strip("'\"")
    return fields


def _href(attributes: str) -> str:
    m = _HREF.search(attributes)
    return next((g for g in m.groups() if g is not None), "").strip() if m else ""
