"""Notes that cite by pointing back: 'Ibid.', 'Id. at 4', 'supra note 3', 'see [6]', 'OCHA,
op. cit., p. 3.', and Chicago-style shortened notes ('Kovalenko, "Odesa Ports Handle Record Volumes," 3.').

Legal and academic writing gives a source's address once and then refers back to it; such a
note has no URL of its own but rests on the note it points at, so a quotation marked with it
can still be checked against that source."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Footnote

# 'Ibid.', 'Ibid., para. 43.', 'ibidem', 'Id. at 44.': the note just before
_SAME_AS_PREVIOUS = re.compile(r"(?:[Ii]bid(?:em)?\b|Id\.)")
# 'supra note 3', 'supra n. 3', 'supra notes 3' (the first number)
_SUPRA = re.compile(r"\bsupra,?\s+(?:notes?|nn?\.)\s*(\d{1,3})\b", re.IGNORECASE)
_SUPRA_REACH = 200  # a back-reference sits near the start of a note
# 'see [6]', 'see note 6', 'see n. 6': a reference list pointing at another entry
_SEE_NOTE = re.compile(r"\bsee\s+(?:\[(\d{1,3})\]|(?:notes?|nn?\.)\s*(\d{1,3})\b)", re.IGNORECASE)
# a shortened note: 'Author, Short Title, 12.' (the title maybe in quotation marks)
_SHORT_NOTE = re.compile(
    r"^(?P<who>[^,\d]{2,80}),\s*[\"“]?(?P<title>[^,\"“”]{3,120}?)[,.]?[\"”]?(?:,?\s*\d[\d\-–, ]*)?\.?\s*$")
# 'OCHA, op. cit., p. 3.', 'Radio Dabanga, op. cit.', 'Smith, Rivers, loc. cit.': the work of
# that author cited last
_OP_CIT = re.compile(r"^\s*(?P<who>[^,\d]{2,80}?),\s*(?:[^,\d]{1,120},\s*)?(?:op|loc)\.?\s*cit\b",
                     re.IGNORECASE)
_WORDS = re.compile(r"\w+")
_MAX_LEAD_WORDS = 6  # an author's or organisation's name, as a shortened note repeats it


def referred_note(body: str, previous: str | None) -> str | None:
    """The marker of the note `body` points back to, if it does."""
    m = _SUPRA.search(body, 0, _SUPRA_REACH) or _SEE_NOTE.search(body, 0, _SUPRA_REACH)
    if m:
        return str(int(next(g for g in m.groups() if g)))
    if previous is not None and _SAME_AS_PREVIOUS.match(body.lstrip()):
        return previous
    return None


def inherited_urls(footnotes: Iterable[Footnote]) -> dict[int, tuple[str, ...]]:
    """The URLs each URL-less note (by its start) takes from the note it points back to (in
    document order, so that an 'Ibid.' after an 'Ibid.' reaches the first note's source, and
    'supra note 2' the latest note 2 before it: a report whose notes restart in every chapter
    has several, and only the one pointing back inherits)."""
    resolved: dict[str, tuple[str, ...]] = {}
    inherited: dict[int, tuple[str, ...]] = {}
    pointed = pointed_back(footnotes)
    for note in sorted(footnotes, key=lambda f: f.start):
        urls = note.urls
        if not urls:
            target = pointed.get(note.marker)
            urls = resolved.get(target, ()) if target else ()
            if urls:
                inherited[note.start] = urls
        resolved[note.marker] = urls
    return inherited


def pointed_back(footnotes: Iterable[Footnote]) -> dict[str, str]:
    """For each URL-less note that points back, the marker of the note it points at."""
    pointed: dict[str, str] = {}
    full_notes = _FullNotes()
    by_author: dict[str, str] = {}
    previous: str | None = None
    for note in sorted(footnotes, key=lambda f: f.start):
        op_cit = _OP_CIT.match(note.text)
        if not note.urls:
            target = referred_note(note.text, previous) or full_notes.shortened(note.text) \
                or (by_author.get(_key(op_cit.group("who"))) if op_cit else None)
            if target:
                pointed[note.marker] = target
        else:
            full_notes.add(note)
        if not op_cit:
            lead = _key(note.text.split(",", 1)[0])
            if lead:
                by_author[lead] = note.marker
        previous = note.marker
    return pointed


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


class _FullNotes:
    """Notes with an address, found again by the name a shortened note repeats: the author's
    surname ('Kovalenko' for 'Olena Kovalenko') or the opening words of an organisation
    ('Ministry of Infrastructure' for 'Ministry of Infrastructure of Ukraine')."""

    def __init__(self) -> None:
        self.by_name: dict[str, Footnote] = {}

    def add(self, note: Footnote) -> None:
        lead = _WORDS.findall(note.text.split(",", 1)[0].lower())[:_MAX_LEAD_WORDS]
        for n in range(1, len(lead) + 1):
            self.by_name[" ".join(lead[:n])] = note
        if lead:
            self.by_name[lead[-1]] = note

    def shortened(self, body: str) -> str | None:
        """The marker of the full note a shortened note repeats: its name leads that note
        and its short title (two words at least) is in that note's text."""
        m = _SHORT_NOTE.match(body.strip())
        if not m:
            return None
        note = self.by_name.get(_key(m.group("who")))
        title = _key(m.group("title"))
        if note is None or len(title.split()) < 2 or title not in _key(note.text):
            return None
        return note.marker
