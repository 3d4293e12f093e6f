"""A Wikipedia article's source (wikitext) saved as a text file, read as Wikipedia shows it:
'''bold''' and [[link|label]] markup reduced to their words, templates dropped, and each
<ref>…</ref> a numbered note ('[1]' where it stood, its body under 'References'), reused
by name (<ref name="x" />) as Wikipedia numbers them. A {{cite …}} template is written as
Wikipedia renders it ('Author. "Title". Work. Date. URL'), so the rules for notes apply: its
URL and archive URL are the note's sources, and a newspaper named without a URL is one.
"""

from __future__ import annotations

import re

from ..models import Footnote, Link, NoteRef
from .textbuild import MarkupParts, TextBuilder
from .urls import find_urls

# enough to tell wikitext from prose: a <ref> tag closed, or a citation template
_SIGNS = re.compile(r"<ref[\s>][\s\S]*?</ref>|<ref\s+name\s*=[^>]*/>|\{\{\s*[Cc]ite\s")
_REF = re.compile(r"<ref(?:\s+name\s*=\s*\"?(?P<name>[^\">/]+?)\"?)?\s*(?:/>|>(?P<body>[\s\S]*?)</ref>)")
_INLINE = re.compile(
    r"(?P<ref><ref\b[^>]*?/>|<ref\b[^>]*>[\s\S]*?</ref>)"
    r"|\[\[(?:[^\]|]*\|)?(?P<wiki>[^\]]*)\]\]"
    r"|\[(?P<url>https?://[^\s\]]+)(?:\s+(?P<label>[^\]]*))?\]"
    r"|(?P<template>\{\{(?:[^{}]|\{\{[^{}]*\}\})*\}\})"
    r"|(?P<emphasis>'{2,5})")
_HEADING = re.compile(r"(=+)\s*(.*?)\s*\1")
_WHOLE_LINE_DROPPED = re.compile(r"\[\[(?:Category|File|Image):[^\]]*\]\]|\{\{.*\}\}|__\w+__")
_CELL_ATTRIBUTES = re.compile(r"^\s*(?:[\w\-]+\s*=\s*\"[^\"]*\"\s*)+\|(?!\|)")  # 'style="…" |'
_PARAM = re.compile(r"\|\s*([\w\-]+)\s*=\s*([^|]*)")


def looks_like_wikitext(text: str) -> bool:
    """Whether a text file is wikitext (it cites with <ref> tags or {{cite}} templates)."""
    return bool(_SIGNS.search(text, 0, 200_000))


def parse_wikitext(source: str) -> MarkupParts:
    """Readable text, links, notes and note markers of a wikitext article."""
    return _Reader().run(source)


class _Reader:
    def __init__(self) -> None:
        self.b = TextBuilder()
        self.parts = MarkupParts("", [])
        self.numbers: dict[str, str] = {}  # a named ref's marker
        self.bodies: list[tuple[str, str]] = []  # (marker, rendered body), in order
        self.row: list[tuple[int, int]] = []

    def run(self, source: str) -> MarkupParts:
        lines = source.split("\n")
        n = 0
        while n < len(lines):
            line, first = lines[n], n + 1
            while line.count("<ref") > line.count("</ref>") + line.count("/>") and \
                    n + 1 < len(lines):  # a ref running over several lines is one line
                n += 1
                line += " " + lines[n]
            self._line(line.strip(), first)
            n += 1
        self._end_row()
        self._references()
        self.parts.text = self.b.text
        self.parts.line_map = self.b.line_map
        return self.parts

    def _line(self, line: str, number: int) -> None:
        b = self.b
        heading = _HEADING.fullmatch(line)
        if not line or _WHOLE_LINE_DROPPED.fullmatch(line):
            b.block()
        elif heading:
            b.block()
            b.add(heading.group(2), number)
            b.block()
        elif line.startswith(("{|", "|}", "|-")):  # a table's start, end or next row
            self._end_row()
            b.block()
        elif line.startswith(("!", "|")):  # a row's cells: '| a || b', '! A !! B'
            for cell in re.split(r"\|\||!!", line[1:]):
                b.block()
                start = b.next_offset()
                self._inline(_CELL_ATTRIBUTES.sub("", cell, count=1), number)
                if b.end_offset() > start:
                    self.row.append((start, b.end_offset()))
        else:
            if line[:1] in "*#:;":
                b.block()
                line = line.lstrip("*#:; ")
            self._inline(line, number)
            b.block()

    def _end_row(self) -> None:
        if self.row:
            self.parts.table_rows.append(self.row)
        self.row = []

    def _inline(self, text: str, number: int) -> None:
        b, pos = self.b, 0
        for m in _INLINE.finditer(text):
            b.add(text[pos:m.start()], number)
            pos = m.end()
            if m.group("ref"):
                self._ref(m.group("ref"), number)
            elif m.group("wiki") is not None:
                b.add(m.group("wiki"), number)
            elif m.group("url"):
                start = b.next_offset()
                b.add(m.group("label") or m.group("url"), number)
                self.parts.links.append(Link(m.group("url"), start, b.end_offset(), "markdown"))
        b.add(text[pos:], number)

    def _ref(self, tag: str, number: int) -> None:
        m = _REF.fullmatch(tag)
        if m is None:
            return
        name, body = m.group("name"), m.group("body")
        marker = self.numbers.get(name) if name else None
        if marker is None:
            if body is None:
                return  # a reuse before its definition: Wikipedia numbers it there; rare
            marker = str(len(self.bodies) + 1)
            self.bodies.append((marker, _render(body)))
            if name:
                self.numbers[name] = marker
        label = f"[{marker}]"
        self.b.add_literal(label, number)
        end = self.b.end_offset()
        self.parts.note_refs.append(NoteRef(marker, end - len(label), end))

    def _references(self) -> None:
        b = self.b
        if not self.bodies:
            return
        b.block()
        b.add("References")
        for marker, body in self.bodies:
            b.block()
            start = b.next_offset()
            b.add(body)
            text = b.text[start:]
            urls = tuple(url for _s, _e, url in find_urls(text))
            self.parts.footnotes.append(Footnote(marker, text, start, urls))


def _render(body: str) -> str:
    """A ref's text as Wikipedia shows it: a citation template as 'Author. "Title". Work.
    Date. URL. Archived URL', anything else with its markup reduced."""
    body = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", body)
    template = re.search(r"\{\{\s*[Cc]ite\s+\w+([\s\S]*)\}\}", body)
    if template is None:
        return re.sub(r"\{\{[^{}]*\}\}|'{2,5}|<[^>]+>", "", body).strip()
    params = {k.lower(): v.strip() for k, v in _PARAM.findall(template.group(1))}
    author = ", ".join(p for p in (params.get("last"), params.get("first")) if p)
    pieces = [author, f"\"{params['title']}\"" if params.get("title") else "",
              params.get("work") or params.get("newspaper") or params.get("website")
              or params.get("publisher") or "",
              params.get("date") or params.get("year") or "",
              params.get("url", ""), params.get("archive-url", "")]
    return ". ".join(p for p in pieces if p) + "."
