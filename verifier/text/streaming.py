"""Extraction of a text or Markdown file too large to hold at once, window by window.

A first pass collects what any window may need from anywhere in the file and is small:
footnote bodies (plain text, as pdfclean classifies them) or footnote and reference-link
definitions (Markdown). The second pass extracts each window (textstream.windows) as a
document of its own, with the footnote bodies its markers point at appended when they lie
in another window, and merges the results: offsets and line numbers refer to the whole
file, a citation seen by several windows is one citation (the window owning its line gives
its place), and a quote belongs to the window owning its line.

`Extraction.document.text` is empty: the text of a streamed document is never held whole.
Offsets refer to the concatenation of the windows' clean texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from ..citations import extract_citations
from ..documents import missing_notes_warning, title_from_text
from ..models import Citation, Document, Extraction, Footnote, Quote
from ..quotes import extract_quotes
from .docdates import document_date, latest_full_date, parse_metadata_date
from .footnotes import find_note_refs
from .markdowndoc import parse_markdown
from .names import People
from .pdfclean import SourceLine, clean_lines, footnote_lines
from .quotelinks import document_source_citations
from .textbuild import MarkupParts
from .textspans import paragraphs
from .textstream import FENCE, WINDOW_CHARS, FileFacts, Window, file_facts, read_lines, windows

MAX_TERMS = 5_000  # distinct scare-quoted terms kept for one document
_MD_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
_MD_REFERENCE_DEF = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:\s*\S")
_MD_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_MD_LABEL = re.compile(r"\[([^\[\]]+)\]")


@dataclass
class _Note:
    """A footnote body (or a Markdown definition) somewhere in the file."""

    marker: str
    lines: list[SourceLine]

    @property
    def first(self) -> int:
        return self.lines[0].line


@dataclass
class _Notes:
    by_marker: dict[str, list[_Note]] = field(default_factory=dict)
    references: dict[str, _Note] = field(default_factory=dict)  # Markdown [label]: url

    def add(self, note: _Note) -> None:
        self.by_marker.setdefault(note.marker, []).append(note)


def extract_streamed(path: Path, fmt: str, *, window_chars: int = WINDOW_CHARS) -> Extraction:
    """Citations and quotes of a large .txt or .md file, reading it a window at a time."""
    facts = file_facts(path)
    if not facts.notes:
        notes = _Notes()  # no line could open a footnote body: nothing to collect
    elif fmt == "md":
        notes = _collect_md_notes(path, facts)
    else:
        notes = _collect_text_notes(path, facts, window_chars)
    merger = _Merger()
    people = People()
    title, meta_date, dates = "", None, []
    referenced: set[str] = set()
    for window in windows(read_lines(path, facts), fmt, window_chars):
        if fmt == "md":
            doc, own_end, parts = _markdown_window(window, notes, path, facts)
            if window.index == 0:
                title = parts.front_matter.get("title") or parts.title
                meta_date = parse_metadata_date(parts.front_matter.get("date", ""))
        else:
            doc, own_end = _text_window(window, notes, path, facts)
        own_text = doc.text[:own_end]
        if window.index == 0:
            title = title or title_from_text(own_text)
            dates.append(document_date(own_text))
        else:
            dates.append(latest_full_date(own_text))
        referenced |= {r.marker for r in doc.note_refs}
        citations = extract_citations(doc)
        quotes, terms = extract_quotes(doc, citations, people=people, document_sources=False)
        merger.add(window, doc, citations, quotes, terms, own_end)
    document = Document(source=str(path.resolve()), name=path.name, format=fmt,
                        sha256=facts.sha256, text="", title=title)
    stated = [d for d in dates if d is not None]
    if meta_date:
        document.date, document.date_source = meta_date, "meta"
    elif stated:
        document.date, document.date_source = max(stated), "text"
    else:
        document.date = datetime.fromtimestamp(path.stat().st_mtime).date()
        document.date_source = "mtime"
    warning = missing_notes_warning(path.name,
                                    referenced - set(notes.by_marker) - merger.markers)
    if warning:
        document.warnings.append(warning)
    return merger.result(document)


# -- first pass --------------------------------------------------------------------------------
def _collect_text_notes(path: Path, facts: FileFacts, window_chars: int) -> _Notes:
    notes = _Notes()
    for window in windows(read_lines(path, facts), "txt", window_chars):
        for marker, lines in footnote_lines(window.lines):
            if window.owns(lines[0].line):
                notes.add(_Note(marker, lines))
    return notes


def _collect_md_notes(path: Path, facts: FileFacts) -> _Notes:
    """Footnote definitions ('[^1]: …' and their indented lines) and reference definitions
    ('[label]: url'), outside code fences."""
    notes = _Notes()
    current: _Note | None = None
    in_fence = False
    for line in read_lines(path, facts):
        text = line.text
        if FENCE.match(text):
            in_fence, current = not in_fence, None
            continue
        if in_fence:
            continue
        if current is not None and (not text.strip() or text[:1] in " \t"):
            current.lines.append(line)
            continue
        current = None
        footnote = _MD_FOOTNOTE_DEF.match(text)
        if footnote:
            current = _Note(footnote.group(1), [line])
            notes.add(current)
            continue
        reference = _MD_REFERENCE_DEF.match(text)
        if reference:
            label = " ".join(reference.group(1).lower().split())
            notes.references.setdefault(label, _Note(label, [line]))
    for found in notes.by_marker.values():
        for note in found:
            while len(note.lines) > 1 and not note.lines[-1].text.strip():
                note.lines.pop()
    return notes


# -- windows as documents ----------------------------------------------------------------------
def _text_window(window: Window, notes: _Notes, path: Path, facts: FileFacts
                 ) -> tuple[Document, int]:
    """A window of plain text as a Document, with the footnote bodies its markers point at
    appended (after its own text) when they lie in another window."""
    cleaned = clean_lines(window.lines)
    text, line_map = cleaned.text, list(cleaned.line_map)
    footnotes, floating = list(cleaned.footnotes), list(cleaned.floating)
    refs = find_note_refs(text, footnotes, floating)
    probe = Document(source="", name="", format="txt", sha256="", text=text, line_map=line_map)
    needed: dict[int, _Note] = {}
    low = window.lines[0].line if window.lines else 0
    for ref in refs:
        bodies = notes.by_marker.get(ref.marker, [])
        if not bodies:
            continue
        line = probe.locate(ref.start)[0]
        target = next((b for b in bodies if b.first > line), bodies[-1])
        if not low <= target.first <= window.own_last:
            needed.setdefault(target.first, target)
    own_end = len(text)
    if needed:
        first = next(iter(needed.values())).lines[0]
        lines = [SourceLine("Notes", first.line, first.page)]
        lines += [line for note in needed.values() for line in note.lines]
        appendix = clean_lines(lines)
        shift = len(text) + 2
        text = text + "\n\n" + appendix.text
        line_map += [(o + shift, n, p) for o, n, p in appendix.line_map]
        footnotes += [Footnote(f.marker, f.text, f.start + shift, f.urls)
                      for f in appendix.footnotes]
        floating += [(a + shift, b + shift) for a, b in appendix.floating]
    doc = Document(source=str(path.resolve()), name=path.name, format="txt",
                   sha256=facts.sha256, text=text, line_map=line_map, footnotes=footnotes)
    doc.note_refs = find_note_refs(text, footnotes, floating) if needed else refs
    return doc, own_end


def _markdown_window(window: Window, notes: _Notes, path: Path, facts: FileFacts
                     ) -> tuple[Document, int, MarkupParts]:
    """A window of Markdown parsed on its own, with the definitions it uses from elsewhere
    (reference links, footnotes) appended; line numbers mapped back to the file's."""
    texts: list[str] = []
    numbers: list[int] = []
    if window.index:  # a blank first line: no later window is read as front matter
        texts.append("")
        numbers.append(window.lines[0].line)
    for line in window.lines:
        texts.append(line.text)
        numbers.append(line.line)
    body = "\n".join(texts)
    low = window.lines[0].line if window.lines else 0
    wanted: list[_Note] = []
    for label in dict.fromkeys(m.group(1) for m in _MD_FOOTNOTE_REF.finditer(body)):
        found = notes.by_marker.get(label, [])
        if found and not low <= found[0].first <= window.own_last:
            wanted.append(found[0])
    if notes.references:
        for label in dict.fromkeys(" ".join(m.group(1).lower().split())
                                   for m in _MD_LABEL.finditer(body)):
            note = notes.references.get(label)
            if note is not None and not low <= note.first <= window.own_last:
                wanted.append(note)
    for note in wanted:
        texts.append("")
        numbers.append(note.first)
        for line in note.lines:
            texts.append(line.text)
            numbers.append(line.line)
    parts = parse_markdown("\n".join(texts))
    line_map: list[tuple[int, int, int | None]] = [
        (o, numbers[min(max(n, 1), len(numbers)) - 1], None) for o, n, _p in parts.line_map]
    doc = Document(source=str(path.resolve()), name=path.name, format="md",
                   sha256=facts.sha256, text=parts.text, line_map=line_map, links=parts.links,
                   marked_quotes=parts.marked_quotes, footnotes=parts.footnotes,
                   note_refs=parts.note_refs)
    return doc, len(parts.text), parts


# -- merging -----------------------------------------------------------------------------------
class _Merger:
    """The windows' citations and quotes as one document's: each citation once, each quote
    from the window that owns its line, offsets continuing from window to window."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self.owned: list[bool] = []
        self.index: dict[tuple[object, ...], int] = {}
        self.quotes: list[Quote] = []
        self.terms: dict[str, None] = {}
        self.markers: set[str] = set()
        self.strings: dict[str, str] = {}  # one copy of each speaker, URL and outlet
        self.base = 0
        self.head_sources: list[int] = []  # 'Source: X' lines opening the document
        self.tail_sources: list[int] = []  # ... and closing it (the last window's)

    def add(self, window: Window, doc: Document, citations: list[Citation],
            quotes: list[Quote], terms: list[str], own_end: int) -> None:
        own_start = next((o for o, line, _p in doc.line_map if window.owns(line)), 0)
        shift = self.base - own_start
        self.markers |= {f.marker for f in doc.footnotes}
        to_global: list[int] = []
        seen: dict[tuple[object, ...], int] = {}
        for c in citations:
            owned = window.owns(c.line) and c.offset < own_end
            what = (c.kind, c.line, c.normalized_url or c.url or c.outlet or "", c.marker)
            key = (*what, seen.get(what, 0))
            seen[what] = seen.get(what, 0) + 1
            found = self.index.get(key)
            if found is None:
                found = len(self.citations)
                self.index[key] = found
                self.citations.append(self._shared(c, shift))
                self.owned.append(owned)
            elif owned and not self.owned[found]:
                self.citations[found] = self._shared(c, shift)
                self.owned[found] = True
            to_global.append(found)
        paras = paragraphs(doc.text[:own_end])
        edges = document_source_citations(doc.text, citations, paras, head=False)
        self.tail_sources = sorted({to_global[i] for i in edges})
        if window.index == 0:
            self.head_sources = sorted({to_global[i] for i in document_source_citations(
                doc.text, citations, paras, tail=False)})
        for q in quotes:
            if window.owns(q.line):
                self.quotes.append(replace(
                    q, offset=q.offset + shift, speaker=self._share(q.speaker),
                    citations=sorted({to_global[i] for i in q.citations
                                      if 0 <= i < len(to_global)})))
        for term in terms:
            if len(self.terms) >= MAX_TERMS:
                break
            self.terms.setdefault(term, None)
        self.base += max(0, own_end - own_start) + 2

    def _share(self, value: str | None) -> str | None:
        return None if value is None else self.strings.setdefault(value, value)

    def _shared(self, c: Citation, shift: int) -> Citation:
        return replace(c, offset=c.offset + shift, url=self._share(c.url),
                       normalized_url=self._share(c.normalized_url),
                       outlet=self._share(c.outlet))

    def result(self, document: Document) -> Extraction:
        whole = sorted(set(self.head_sources) | set(self.tail_sources))
        for q in self.quotes:
            if not q.citations:
                q.citations = list(whole)
        order = sorted(range(len(self.citations)),
                       key=lambda n: (self.citations[n].offset, self.citations[n].kind))
        new_index = {old: new for new, old in enumerate(order)}
        citations = [self.citations[n] for n in order]
        quotes = [replace(q, citations=sorted(new_index[i] for i in q.citations))
                  for q in sorted(self.quotes, key=lambda q: q.offset)]
        return Extraction(document, citations, quotes, list(self.terms))
