"""A source the running text names and dates that a list of sources gives with its link ('told
the Financial Times on 7 January' and the line 'Financial Times, "…", 7 January 2025' linked):
the link is the citation to check, as for an outlet named beside a link to its own site."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
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


def listed_link(text: str, source: NamedSource, links: Sequence[tuple[int, str]]) -> str | None:
    """The URL of the one line of a source list that opens with the outlet's name and gives
    the same date beside a link: 'Financial Times, "Ministers defend
    …", 7 January 2025'. `links` are (offset, URL) of the document's links."""
    if source.how not in ("according", "reported") or source.cited_date is None:
        return None
    found: set[str] = set()
    for offset, url in links:
        start = text.rfind("\n", max(0, offset - _LIST_LINE_REACH), offset) + 1
        if start == 0 and offset > _LIST_LINE_REACH:
            continue
        end = text.find("\n", offset)
        line = text[start:end if end != -1 else len(text)]
        lead = _BULLET.match(line)
        head = line[lead.end() if lead else 0:]
        if not re.match(re.escape(source.outlet) + r"\b", re.sub(r"^[Tt]he\s+", "", head)) \
                and not head.startswith(source.outlet):
            continue
        if source.cited_date not in _dates(line):
            continue
        found.add(url)
    return found.pop() if len(found) == 1 else None


def _dates(line: str) -> set[date]:
    return {d.value for d in find_dates(line, month_only=False)}
