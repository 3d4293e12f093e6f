"""A source the running text names and dates that a list of sources gives with its link ('told
the Financial Times on 7 January' and the line 'Financial Times, "…", 7 January 2025' linked):
the link is the citation to check, as for an outlet named beside a link to its own site."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cached_property, lru_cache
from urllib.parse import urlsplit

from .docdates import find_dates
from .namedsources import NamedSource

_BULLET = re.compile(r"[ \t]*(?:[-*•·]\s+|\d{1,3}[.)]\s+)?")
_LIST_LINE_REACH = 300  # a source list's line is short


def host_names(url: str, outlet: str) -> bool:
    """Whether a URL's host is the outlet's own site ('The Halden Echo' and
    www.haldenecho.example.co.uk; 'Reuters' and www.reuters.example.com)."""
    key = re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", outlet.lower()))
    host = urlsplit(url).hostname or ""
    labels = [label.replace("-", "") for label in host.split(".")]
    return bool(key) and any(label == key or len(key) >= 4 and key in label for label in labels)


class SourceListLinks:
    """The lines of a document that open with a name and hold a link (a list of sources),
    read once and found again by the first word of an outlet's name."""

    def __init__(self, text: str, links: Sequence[tuple[int, str]]) -> None:
        self.text = text
        self.links = links

    @cached_property
    def lines(self) -> dict[str, list[tuple[str, str]]]:
        """First word -> (line, URL); read when first asked (most documents never ask)."""
        text = self.text
        found: dict[str, list[tuple[str, str]]] = {}
        for offset, url in self.links:
            start = text.rfind("\n", max(0, offset - _LIST_LINE_REACH), offset) + 1
            if start == 0 and offset > _LIST_LINE_REACH:
                continue
            end = text.find("\n", offset)
            line = text[start:end if end != -1 else len(text)]
            lead = _BULLET.match(line)
            head, first = _lead(line[lead.end() if lead else 0:])
            found.setdefault(first, []).append((head, url))
        return found

    def url_for(self, source: NamedSource) -> str | None:
        """The URL of the one listed line that opens with the outlet's name and gives the
        same date: 'Financial Times, "Ministers defend …", 7 January 2025'."""
        if source.how not in ("according", "reported") or source.cited_date is None:
            return None
        outlet, first = _lead(source.outlet)
        found = {url for head, url in self.lines.get(first, [])
                 if re.match(re.escape(outlet) + r"\b", head)
                 and source.cited_date in _dates(head)}
        return found.pop() if len(found) == 1 else None


def _lead(name: str) -> tuple[str, str]:
    """A name without its leading 'The', and its first word lowered: how lines are filed."""
    name = re.sub(r"^[Tt]he\s+", "", name)
    words = name.split(maxsplit=1)
    return name, words[0].lower() if words else ""


@lru_cache(maxsize=256)
def _dates(line: str) -> frozenset[date]:
    return frozenset(d.value for d in find_dates(line, month_only=False))
