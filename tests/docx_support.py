"""Word documents (.docx) written part by part as Word writes them (WordprocessingML), for tests
of what Word puts in a file that LibreOffice's exports do not: hyperlinks by relationship and
as HYPERLINK field codes, footnotes and endnotes with links of their own, tracked changes,
comments and core properties.

A paragraph is a list of pieces made by the functions below; `write_docx` gathers the
relationships the pieces need and writes a valid package."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = f'xmlns:w="{W}" xmlns:r="{R}"'
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


@dataclass(frozen=True)
class Piece:
    """Run-level XML, with the external link it needs a relationship for (if any)."""

    xml: str
    link: str | None = None


def text(words: str) -> Piece:
    return Piece(f'<w:r><w:t xml:space="preserve">{escape(words)}</w:t></w:r>')


def link(url: str, words: str) -> Piece:
    """A hyperlink as Word writes one inserted with Ctrl+K: an element naming a relationship."""
    run = ('<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
           f'<w:t xml:space="preserve">{escape(words)}</w:t></w:r>')
    return Piece(f'<w:hyperlink r:id="{{rid}}" w:history="1">{run}</w:hyperlink>', url)


def field_link(url: str, words: str) -> Piece:
    """A hyperlink as a HYPERLINK field code (pasted from a browser, or made by a macro)."""
    return Piece('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                 f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "{escape(url)}" </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                 f'<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>{escape(words)}</w:t></w:r>'
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def footnote_ref(number: int) -> Piece:
    return Piece('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                 f'<w:footnoteReference w:id="{number}"/></w:r>')


def endnote_ref(number: int) -> Piece:
    return Piece('<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr>'
                 f'<w:endnoteReference w:id="{number}"/></w:r>')


def deleted(words: str) -> Piece:
    """Words struck out with Track Changes on, not yet accepted."""
    return Piece('<w:del w:id="901" w:author="Editor" w:date="2024-05-02T10:00:00Z">'
                 f'<w:r><w:delText xml:space="preserve">{escape(words)}</w:delText></w:r></w:del>')


def inserted(words: str) -> Piece:
    """Words added with Track Changes on, not yet accepted."""
    return Piece('<w:ins w:id="902" w:author="Editor" w:date="2024-05-02T10:00:00Z">'
                 f'<w:r><w:t xml:space="preserve">{escape(words)}</w:t></w:r></w:ins>')


def commented(number: int, words: str) -> Piece:
    """Words a comment is anchored on; the comment itself goes in `Docx.comments`."""
    return Piece(f'<w:commentRangeStart w:id="{number}"/>{text(words).xml}'
                 f'<w:commentRangeEnd w:id="{number}"/>'
                 f'<w:r><w:commentReference w:id="{number}"/></w:r>')


@dataclass
class Docx:
    """A document's parts: paragraphs of pieces, notes by number, comments, core properties."""

    paragraphs: list[list[Piece]]
    footnotes: dict[int, list[Piece]] = field(default_factory=dict)
    endnotes: dict[int, list[Piece]] = field(default_factory=dict)
    comments: dict[int, str] = field(default_factory=dict)
    title: str = ""
    created: str = ""  # W3CDTF, as Word writes it: 2024-03-01T09:30:00Z
    modified: str = ""


class _Relationships:
    """One part's relationships: the package-level ones given, external links numbered on."""

    def __init__(self, fixed: list[tuple[str, str, str]]) -> None:
        self.rows = [f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
                     for rid, kind, target in fixed]

    def body(self, paragraphs: list[list[Piece]]) -> str:
        out = []
        for pieces in paragraphs:
            runs = []
            for piece in pieces:
                xml = piece.xml
                if piece.link is not None:
                    rid = f"rIdLink{len(self.rows) + 1}"
                    self.rows.append(f'<Relationship Id="{rid}" Type="{_HYPERLINK}" '
                                     f'Target={quoteattr(piece.link)} TargetMode="External"/>')
                    xml = xml.replace("{rid}", rid)
                runs.append(xml)
            out.append(f"<w:p>{''.join(runs)}</w:p>")
        return "".join(out)

    def xml(self) -> str:
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
                'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(self.rows) + "</Relationships>")


def _notes(kind: str, notes: dict[int, list[Piece]], rels: _Relationships) -> str:
    """footnotes.xml or endnotes.xml: Word's two separator notes, then each note, which
    opens with its own reference mark."""
    mark = "footnoteRef" if kind == "footnote" else "endnoteRef"
    items = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
             f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
             f'</w:r></w:p></w:{kind}>']
    for number, pieces in sorted(notes.items()):
        body = rels.body([[Piece(f"<w:r><w:{mark}/></w:r>"), *pieces]])
        items.append(f'<w:{kind} w:id="{number}">{body}</w:{kind}>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {_NS}>{"".join(items)}</w:{kind}s>'


def write_docx(path: Path, doc: Docx) -> Path:
    """Write `doc` as a .docx package at `path`."""
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts: dict[str, str] = {}
    fixed = []
    types = ['<Override PartName="/word/document.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
             '<Override PartName="/docProps/core.xml" ContentType="application/'
             'vnd.openxmlformats-package.core-properties+xml"/>']
    for kind, notes in (("footnote", doc.footnotes), ("endnote", doc.endnotes)):
        if notes:
            rels = _Relationships([])
            parts[f"word/{kind}s.xml"] = _notes(kind, notes, rels)
            parts[f"word/_rels/{kind}s.xml.rels"] = rels.xml()
            fixed.append((f"rId{kind}s", f"{office}/{kind}s", f"{kind}s.xml"))
            types.append(f'<Override PartName="/word/{kind}s.xml" ContentType="application/'
                         f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/>')
    if doc.comments:
        items = "".join(f'<w:comment w:id="{n}" w:author="Editor"><w:p>{text(words).xml}</w:p></w:comment>'
                        for n, words in sorted(doc.comments.items()))
        parts["word/comments.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:comments {_NS}>{items}</w:comments>'
        fixed.append(("rIdcomments", f"{office}/comments", "comments.xml"))
        types.append('<Override PartName="/word/comments.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
    rels = _Relationships(fixed)
    body = rels.body(doc.paragraphs)
    parts["word/document.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                  f"<w:document {_NS}><w:body>{body}</w:body></w:document>")
    parts["word/_rels/document.xml.rels"] = rels.xml()
    parts["docProps/core.xml"] = _core(doc)
    parts["_rels/.rels"] = _Relationships([
        ("rId1", f"{office}/officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml")]).xml()
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns='
        '"http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(types) + "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("[Content_Types].xml", *sorted(p for p in parts if p != "[Content_Types].xml")):
            archive.writestr(name, parts[name])
    return path


def _core(doc: Docx) -> str:
    stamps = "".join(f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{value}</dcterms:{name}>'
                     for name, value in (("created", doc.created), ("modified", doc.modified)) if value)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(doc.title)}</dc:title>{stamps}</cp:coreProperties>")
