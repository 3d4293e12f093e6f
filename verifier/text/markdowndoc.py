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
            b.add(_html_text(token.content), self.line)
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
            self.note_start = (str(token.meta.get("label", token.meta.get("id", ""))),
                               b.next_offset())
        elif kind == "footnote_close" and self.note_start:
            label, start = self.note_start
            body = b.text[start:]
            urls = [link.url for link in self.parts.links if link.start >= start]
            urls += [url for _s, _e, url in find_urls(body) if url not in urls]
            self.parts.footnotes.append(Footnote(label, body, start, tuple(urls)))
            self.note_start = None
            b.block()
        elif kind.endswith("_close") and kind != "footnote_anchor":
            b.block()

    def _inline(self, children: list[Token]) -> None:
        b = self.b
        line = self.line
        link_stack: list[tuple[str, int, str]] = []
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
                href, start, link_kind = link_stack.pop()
                if href and not href.startswith("#") and b.end_offset() > start \
                        and not href.lower().startswith(SKIPPED_SCHEMES):
                    self.parts.links.append(Link(href, start, b.end_offset(), link_kind))
            elif kind == "footnote_ref":
                label = str(child.meta.get("label", child.meta.get("id", "")))
                marker = f"[{label}]"
                b.add_literal(marker, line)
                end = b.end_offset()
                self.parts.note_refs.append(NoteRef(label, end - len(marker), end))
            elif kind == "image" or kind == "html_inline":
                continue
        self.line = line


def _front_matter(content: str) -> dict[str, str]:
    """Simple `key: value` pairs of a YAML front matter block (title, date)."""
    fields: dict[str, str] = {}
    for raw in content.splitlines():
        m = _FRONT_FIELD.match(raw)
        if m and m.group(2):
            fields[m.group(1).lower()] = m.group(2).strip("'\"")
    return fields


def _html_text(markup: str) -> str:
    try:
        return " ".join(lxml_html.fragment_fromstring(markup, create_parent="div")
                        .text_content().split())
    except (etree.ParserError, ValueError):
        return ""
