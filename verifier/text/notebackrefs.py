"""Notes that cite by pointing back: 'Ibid.', 'Id. at 4', 'supra note 3'.

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


def referred_note(body: str, previous: str | None) -> str | None:
    """The marker of the note `body` points back to, if it does."""
    m = _SUPRA.search(body, 0, _SUPRA_REACH)
    if m:
        return str(int(m.group(1)))
    if previous is not None and _SAME_AS_PREVIOUS.match(body.lstrip()):
        return previous
    return None


def inherited_urls(footnotes: Iterable[Footnote]) -> dict[str, tuple[str, ...]]:
    """The URLs each URL-less note takes from the note it points back to (in document order,
    so that an 'Ibid.' after an 'Ibid.' reaches the first note's source)."""
    resolved: dict[str, tuple[str, ...]] = {}
    inherited: dict[str, tuple[str, ...]] = {}
    previous: str | None = None
    for note in sorted(footnotes, key=lambda f: f.start):
        urls = note.urls
        if not urls:
            target = referred_note(note.text, previous)
            urls = resolved.get(target, ()) if target else ()
            if urls:
                inherited[note.marker] = urls
        resolved[note.marker] = urls
        previous = note.marker
    return inherited
