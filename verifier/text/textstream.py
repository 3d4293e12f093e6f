"""A large text or Markdown file read a window at a time, so that memory stays bounded
whatever the file's size.

`file_facts` reads the bytes once (sha256, encoding, whether it is text at all, whether form
feeds mark pages); `read_lines` yields its lines with their line and page numbers, as
`pdfclean.source_lines` numbers them for a whole file; `windows` groups the lines into
windows of about `WINDOW_CHARS` characters that end where a paragraph ends (never inside a
Markdown code fence, before an indented continuation, or before a paragraph that opens with
a quotation mark, which may carry a quotation on), each led in by the last paragraphs of the
window before, so a pronoun at the start of a window still finds its person.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .pdfclean import SourceLine

WINDOW_CHARS = 1_000_000
LEAD_IN_CHARS = 4_000
MAX_LINE_CHARS = 100_000  # a longer line is read in pieces, cut at a space
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TERMINAL = re.compile(r"[.!?:;][\"”’»)\]]*(?:\d{1,3})?$|[\"”’»][.!?]?(?:\d{1,3})?$")
FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_QUOTE_OPENING = "“‘\"'«„"
# In UTF-8 bytes: a line opening with a footnote number ('1 ', '[1] ', '1. ', '¹ ') or with
# a Markdown definition ('[^1]:', '[label]:').
_NOTE_START = re.compile(rb"(?m)^[ \t]*(?:\[|\d{1,3}[.)]?[ \t]|\xc2[\xb2\xb3\xb9]|\xe2\x81"
                         rb"[\xb0\xb4-\xb9])")


@dataclass(frozen=True)
class FileFacts:
    """What one pass over a file's bytes tells: its hash, size, encoding, and page breaks."""

    sha256: str
    size: int
    encoding: str
    paged: bool
    notes: bool = True  # a line could start a footnote body or a Markdown definition


@dataclass
class Window:
    """Consecutive lines of a file: a lead-in (context only) then the lines it owns."""

    index: int
    lines: list[SourceLine]
    own_first: int  # line number of the first line this window owns
    own_last: int

    def owns(self, line: int) -> bool:
        return self.own_first <= line <= self.own_last


def file_facts(path: Path) -> FileFacts:
    """Hash, size and encoding of a text file, reading it once in chunks. Raises InputError
    (one line) for a file that is not text."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = paged = notes = False
    size = 0
    head = tail = b""
    try:
        with open(path, "rb") as fh:
            utf8 = True
            while chunk := fh.read(1 << 20):
                if not head:
                    head = chunk
                size += len(chunk)
                digest.update(chunk)
                paged = paged or b"\f" in chunk
                notes = notes or bool(_NOTE_START.search(tail + chunk))
                tail = chunk[-200:]
                if utf8:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        utf8 = False
            if utf8:
                decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        utf8 = False
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    encoding = _encoding(path.name, head, utf8)
    if binary_text(head[:80_000].decode(encoding, errors="replace")):
        raise InputError(f"{path.name}: binary file, not text")
    return FileFacts(digest.hexdigest(), size, encoding, paged,
                     notes or encoding not in ("utf-8", "utf-8-sig"))


def binary_text(text: str) -> bool:
    """Whether decoded text is binary after all: control characters in over 1% of its first
    20,000 characters."""
    sample = text[:20_000]
    return bool(sample) and len(_CONTROL.findall(sample)) > 0.01 * len(sample)


def bomless_utf16(head: bytes) -> str | None:
    """UTF-16 saved without its byte-order mark ("UCS-2 LE without BOM"), told by the NUL
    high bytes of its Latin characters: in every other byte, and in no byte between."""
    sample = head[:8192]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even, odd = sample[0:pairs * 2:2].count(0), sample[1:pairs * 2:2].count(0)
    if odd >= 0.4 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def unmarked_utf16(name: str, head: bytes) -> str:
    """The UTF-16 of text holding NUL bytes, or InputError: such bytes are binary otherwise."""
    unmarked = bomless_utf16(head)
    if unmarked is None:
        raise InputError(f"{name}: binary file, not text")
    return unmarked


def _encoding(name: str, head: bytes, utf8: bool) -> str:
    if head.startswith(b"%PDF-"):
        raise InputError(f"{name}: this is a PDF file, not text (rename it to .pdf)")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head[:8192]:
        return unmarked_utf16(name, head)
    if utf8:
        return "utf-8"
    detected = legacy_encoding(head)
    if detected is None:
        raise InputError(f"{name}: binary file, not text")
    return detected


def legacy_encoding(data: bytes) -> str | None:
    """The encoding of text that is not UTF-8 and does not say: the detector's guess, unless
    windows-1252 reads it with fewer symbols wedged between letters ('M³ller' where it says
    'Müller'). On short, mostly English text the detector often guesses a code page whose
    letters land on symbols, or an old DOS code page; windows-1252 is the web's own default
    for undeclared text."""
    from bs4.dammit import UnicodeDammit

    sample = data[:200_000]
    detected = UnicodeDammit(sample).original_encoding
    if detected is None:
        return None
    if codecs.lookup(detected).name == "cp1252":
        return str(detected)
    try:
        western = sample.decode("windows-1252")
    except UnicodeDecodeError:  # bytes windows-1252 leaves undefined: not that code page
        return str(detected)
    wedged = _wedged_symbols(western)
    guessed = _wedged_symbols(sample.decode(detected, errors="replace"))
    if wedged < guessed or wedged == guessed and codecs.lookup(detected).name in _DOS_PAGES:
        return "windows-1252"
    return str(detected)


# code pages of DOS text screens: no tool writes documents in them now (cp866, still used for
# Russian, is left out), so a guess of one that windows-1252 reads as well is a poor guess
_DOS_PAGES = {"cp437", "cp737", "cp775", "cp850", "cp852", "cp855", "cp857", "cp858", "cp860",
              "cp861", "cp862", "cp863", "cp864", "cp865", "cp869"}


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _wedged_symbols(text: str) -> int:
    """Symbols (not letters, not dashes or quotation marks) with a letter on either side:
    the mark of text read in the wrong code page."""
    count = 0
    for found in _NON_ASCII.finditer(text):
        i = found.start()
        if 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha() \
                and unicodedata.category(text[i]) not in _IN_WORDS:
            count += 1
    return count


_IN_WORDS = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Pd", "Pi", "Pf", "Po"}


def read_lines(path: Path, facts: FileFacts) -> Iterator[SourceLine]:
    """Every line with its 1-based number and (when form feeds mark pages) its page; a line
    longer than MAX_LINE_CHARS comes in pieces that share its number."""
    number, page = 1, 1
    with open(path, encoding=facts.encoding, errors="replace", newline=None) as fh:
        carry = ""
        while True:
            raw = fh.readline(MAX_LINE_CHARS)
            if not raw:
                if carry:
                    yield from _segments(carry, number, page, facts.paged)
                return
            cut_short = len(raw) >= MAX_LINE_CHARS and not raw.endswith("\n")
            raw = carry + raw
            carry = ""
            if not raw.endswith("\n") and not cut_short:  # the last line, without newline
                yield from _segments(raw, number, page, facts.paged)
                return
            if cut_short:
                cut = raw.rfind(" ")
                if cut <= 0:
                    cut = len(raw)
                piece, carry = raw[:cut], raw[cut:].lstrip(" ")
                for line in _segments(piece, number, page, facts.paged):
                    page = line.page or page
                    yield line
                continue
            for line in _segments(raw[:-1], number, page, facts.paged):
                page = line.page or page
                yield line
            number += 1


def _segments(text: str, number: int, page: int, paged: bool) -> Iterator[SourceLine]:
    """A line split at form feeds: each form feed starts a new page on the same line."""
    if "\f" not in text:
        yield SourceLine(text.rstrip("\r"), number, page if paged else None)
        return
    for k, part in enumerate(text.split("\f")):
        yield SourceLine(part.rstrip("\r"), number, (page + k) if paged else None)


def windows(lines: Iterable[SourceLine], fmt: str, size: int = WINDOW_CHARS
            ) -> Iterator[Window]:
    """The lines in windows of about `size` characters, cut where a paragraph ends."""
    buffer: list[SourceLine] = []
    lead: list[SourceLine] = []
    chars = 0
    in_fence = False
    index = 0
    for line in lines:
        if buffer and chars >= size and not (fmt == "md" and in_fence) and \
                _cut_before(buffer, line, fmt, chars - size, size):
            yield Window(index, lead + buffer, buffer[0].line, buffer[-1].line)
            index += 1
            lead = _lead_in(buffer, fmt)
            buffer, chars = [], 0
        buffer.append(line)
        chars += len(line.text) + 1
        if fmt == "md" and FENCE.match(line.text):
            in_fence = not in_fence
    if buffer:
        yield Window(index, lead + buffer, buffer[0].line, buffer[-1].line)


def _cut_before(buffer: list[SourceLine], line: SourceLine, fmt: str, extra: int,
                size: int) -> bool:
    """Whether a window may end before `line`: a paragraph (or page) ends there, the text
    before ends a sentence, and `line` does not carry on a quotation or an indented block.
    The further past the target size, the less is asked."""
    if extra > size:
        return True  # no paragraph end for a whole window (one huge line): cut anywhere
    text = line.text
    if not text.strip() or line.line == buffer[-1].line:
        return False
    page_break = line.page is not None and line.page != buffer[-1].page
    if buffer[-1].text.strip() and not page_break:
        return False
    if fmt == "md" and (text[:1] in " \t" or text.lstrip().startswith(("[^", ">"))):
        return False
    if extra > size // 2:
        return True
    last = next((b.text.strip() for b in reversed(buffer[-4:]) if b.text.strip()), "")
    return bool(_TERMINAL.search(last)) and text.lstrip()[:1] not in _QUOTE_OPENING


def _lead_in(buffer: list[SourceLine], fmt: str) -> list[SourceLine]:
    """The last paragraphs of a window (about LEAD_IN_CHARS), starting at a paragraph start;
    in Markdown never across a code fence."""
    tail: list[SourceLine] = []
    chars = 0
    for line in reversed(buffer):
        if chars + len(line.text) > LEAD_IN_CHARS and tail:
            break
        if fmt == "md" and FENCE.match(line.text):
            break
        tail.append(line)
        chars += len(line.text) + 1
    tail.reverse()
    starts = [n for n in range(1, len(tail)) if not tail[n - 1].text.strip()
              and tail[n].text.strip()]
    return tail[starts[0]:] if starts else tail
