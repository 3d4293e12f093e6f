"""Single lines of a PDF's text, and how one leads into the next: the numbered margin of a
transcript or a bill taken off, whether a line ends a sentence, ends in a cut URL or a
hyphenated word, or stops on a word that needs more, and whether the hyphen at a line break
belongs to the word. pdfclean.py reads the document from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .urls import find_urls

_TERMINAL = re.compile(r"[.!?:][\"”’»)\]]*(?:\d{1,3})?$|[\"”»][.!?]?(?:\d{1,3})?$")
_NEW_URL = re.compile(r"<?(?:https?://|www\.)", re.I)
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$", re.I)
_URL_CONTINUATION = re.compile(r"^[\w\-./?=&%#~+:;,@!$'()*]+")
# A number opening a line, then the line's words (or nothing: a numbered blank line).
_MARGIN_NUMBER = re.compile(r"\s*(\d{1,4})(?:\s+|$)")
_MARGIN_OPENERS = frozenset(" \t0123456789")
MARGIN_MIN_LINES = 5  # consecutive lines numbered one up from the last
# Lines of a numbered margin run on into each other mid-sentence ("... anyone on the" /
# "engineering staff?"); items of a numbered list (endnotes, a table of contents) never do.
MARGIN_MIN_RUN_ONS = 2
# A bill or a statute numbers every fifth line of its margin (5, 10, 15 …, often again from 5
# on each page): such a margin has at least this many numbers in the document.
MARGIN_STEP = 5
STEPPED_MARGIN_MIN_NUMBERS = 3


@dataclass
class SourceLine:
    """One line of the original, with its 1-based line number and PDF page (if any)."""

    text: str
    line: int
    page: int | None = None
    linked: bool = False  # a PDF link annotation covers words of it (an address not printed)


def strip_numbered_margin(lines: list[SourceLine]) -> None:
    """Take the numbers of a numbered margin off its lines: runs of consecutive lines numbered
    one up from the line before, whose lines run on into each other (see MARGIN_MIN_RUN_ONS),
    or else a margin numbered every fifth line."""
    numbered: list[tuple[int, int] | None] = []  # (number, where the line's words start)
    stripped = False
    for line in lines:
        found = _MARGIN_NUMBER.match(line.text) if line.text[:1] in _MARGIN_OPENERS else None
        numbered.append((int(found.group(1)), found.end()) if found else None)
    start = 0
    while start < len(lines):
        end = start + 1
        while end < len(lines) and _numbered_after(numbered[end - 1], numbered[end]) and \
                lines[end].page == lines[start].page:
            end += 1
        if end - start >= MARGIN_MIN_LINES:
            rest = [line.text[at[1]:] for line, at in zip(lines[start:end], numbered[start:end],
                                                          strict=True) if at is not None]
            run_ons = sum(bool(before) and not terminal(before.rstrip()) and after[:1].islower()
                          for before, after in zip(rest, rest[1:], strict=False))
            if run_ons >= MARGIN_MIN_RUN_ONS:
                for i, text in enumerate(rest, start=start):
                    lines[i] = SourceLine(text, lines[i].line, lines[i].page, lines[i].linked)
                stripped = True
        start = end
    if not stripped:
        _strip_stepped_margin(lines, numbered)


def _strip_stepped_margin(lines: list[SourceLine], numbered: list[tuple[int, int] | None]) -> None:
    """Take the numbers of a margin numbered every fifth line off their lines: on each page,
    lines opening with multiples of five counting up by five, at least five lines apart, some
    of them running on from the line before (a bill's clause, mid-sentence: "payment in" /
    "5 shares, share options …"), as a list's or a heading's numbers never do."""
    at: dict[int, tuple[int, int]] = {}  # line index -> (number, where its words start)
    on_page: dict[int | None, list[int]] = {}
    for i, found in enumerate(numbered):
        if found is not None and found[0] and found[0] % MARGIN_STEP == 0 \
                and lines[i].text[found[1]:]:
            at[i] = found
            on_page.setdefault(lines[i].page, []).append(i)
    margin: list[int] = []
    for found_on_page in on_page.values():
        if all(at[b][0] - at[a][0] == MARGIN_STEP and b - a >= MARGIN_STEP - 1
               for a, b in zip(found_on_page, found_on_page[1:], strict=False)):
            margin += found_on_page
    if len(margin) < STEPPED_MARGIN_MIN_NUMBERS:
        return
    rest = {i: lines[i].text[at[i][1]:] for i in margin}
    run_ons = sum(i > 0 and lines[i - 1].page == lines[i].page and rest[i][:1].islower()
                  and not terminal(lines[i - 1].text.rstrip()) for i in margin)
    if run_ons >= MARGIN_MIN_RUN_ONS:
        for i, text in rest.items():
            lines[i] = SourceLine(text, lines[i].line, lines[i].page, lines[i].linked)


def _numbered_after(before: tuple[int, int] | None, line: tuple[int, int] | None) -> bool:
    return before is not None and line is not None and line[0] == before[0] + 1


def terminal(text: str) -> bool:
    """Whether a line ends a sentence (its last few characters are enough to tell)."""
    return bool(_TERMINAL.search(text[-16:]))


def url_tail(text: str) -> re.Match[str] | None:
    """The URL a line ends with, if any."""
    if "://" not in text and "www." not in text:
        return None
    return _URL_TAIL.search(text)


def hyphenated(a: str, b: str) -> bool:
    return len(a) >= 2 and a.endswith("-") and a[-2].isalpha() and b[:1].isalpha()


def joins_url(a: str, b: str) -> bool:
    """A URL cut at the line end: the next line carries on with more of it."""
    tail = url_tail(a)
    if not tail or a.endswith((",", ";")) or " " in b[:1] or \
            _NEW_URL.match(b) and not tail.group(0).endswith("/"):
        return False  # ('… https://one.example/a' / 'https://two.example/b': two addresses)
    if a.endswith("."):  # a sentence's full stop, unless the host is cut ('https://www.')
        return bool(re.fullmatch(r"(?:https?://)?[^/\s]+\.", tail.group(0))
                    and re.match(r"[a-z0-9][\w\-]*(?:\.[\w\-]+)*/", b))
    head = _URL_CONTINUATION.match(b)
    if not head:
        return False
    token = head.group(0)
    if token.isalpha() and len(b.strip()) > len(token):
        return False  # '…/writtenevidence/130412/pdf/' / 'Written evidence submitted by …'
    if tail.group(0)[-1] in "/-_=?&%#~." or any(ch in token for ch in "/=&?%"):
        return True
    # A slug cut mid-word ('…/connect-every-home-progress-up' / 'date-july-2024.'): the next
    # line is nothing but the rest of it, and that rest reads as a slug, not as a word.
    return token == b.strip() and bool(re.search(r"\w[-_]\w|\d", token))


# Words a sentence, a heading or a label cannot end with: a line ending in one goes on in the
# next line, even a short line before one opening with a capital or a quotation mark
# ('… said that' / '“Iraq is …”').
_OPEN_ENDED = re.compile(
    r"(?<![\w'’-])(?:the|a|an|and|or|but|nor|of|that|than|whose|its|their|our|your|my)$")


def open_ended(text: str) -> bool:
    """Whether a line stops on a word that needs more words after it."""
    return bool(_OPEN_ENDED.search(text[-8:]))


def heading_like(text: str) -> bool:
    words = text.split()
    return len(words) <= 10 and not terminal(text) and text[:1].isupper()


def hyphen_words(lines: list[SourceLine]) -> set[str]:
    """Hyphenated words the document writes in full somewhere (e.g. 'long-range')."""
    words: set[str] = set()
    for line in lines:
        for m in re.finditer(r"\b[^\W\d_]+-[^\W\d_]+\b", line.text):
            words.add(m.group(0).lower())
    return words


def rehyphen(before: str, after: str, hyphenated: set[str]) -> str:
    """Keep the hyphen of 'long-' + 'range' when the document writes 'long-range' elsewhere."""
    left = re.search(r"([^\W\d_]+)$", before)
    right = re.match(r"[^\W\d_]+", after)
    if left and right and f"{left.group(1)}-{right.group(0)}".lower() in hyphenated:
        return "-"
    return ""


def heads_inside_sentences(lines: list[SourceLine], kinds: list[str]) -> list[int]:
    """A page's first line when it is a running head set inside a sentence: the page before
    ends in a word (or a word broken by a hyphen, or a comma) that does not end its sentence,
    the head is heading-like (short, capitalised, unpunctuated), and the page's next line goes
    on with a word in lower case (not a note's roman numeral: "i IOM, Mobility Tracking"). A
    head printed on one page only (the first page's differs) is not found by its recurrence,
    and read as text it would sit in the middle of the sentence."""
    found: list[int] = []
    if not lines or lines[-1].page is None:  # a text not laid out in pages
        return found
    last_text: int | None = None
    for i, line in enumerate(lines):
        if kinds[i] != "text" or not line.text.strip():
            continue
        if last_text is not None and lines[last_text].page != line.page and \
                _left_open(lines[last_text].text.strip()) and heading_like(line.text.strip()):
            following = next((j for j in range(i + 1, len(lines))
                              if kinds[j] == "text" and lines[j].text.strip()), None)
            if following is not None and lines[following].page == line.page and \
                    _goes_on_in_lower_case(lines[following].text):
                found.append(i)
                continue
        last_text = i
    return found


def _left_open(text: str) -> bool:
    return not terminal(text) and (text[-1:].isalpha() or text[-1:] in "-,")


def _goes_on_in_lower_case(text: str) -> bool:
    word = text.split(maxsplit=1)[0] if text.strip() else ""
    return len(word) >= 2 and word[:2].isalpha() and word[:2].islower() and \
        not set(word) <= set("ivxlc")


# What a line opening a list item, a photo credit or a parenthetical aside looks like: such a
# line starts a block of its own (no note or paragraph runs on into it).
LIST_START = re.compile(
    r"^(?:\d{1,2}[.)]\s|[ivxIVX]{1,5}[.)]\s|[a-hA-H]\)\s|[-–•▶◆►*●○■□➢✓·]\s|\([a-z0-9]{1,3}\)\s)")
CREDIT = re.compile(
    r"\((?:photos?|images?|pictures?|credits?|courtesy|screenshots?|illustrations?)\b", re.I)
PARENTHETICAL_LINE = re.compile(r"^\(.*\)[.,]?$")


def only_url(text: str) -> bool:
    """Whether a line holds nothing but one URL (trailing punctuation aside)."""
    if not text or " " in text:
        return False
    found = find_urls(text)
    return len(found) == 1 and found[0][0] == 0 and len(text) - found[0][1] <= 1
