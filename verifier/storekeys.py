"""The forms values are kept in across runs: timestamps, a quote's identity, a document's
source, the key a fetch is filed under. The store writes them; the stages that read the store
back (history, recheck, the report) compare by them, so they live apart from the store itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from .models import Snapshot


def utc_iso(moment: datetime | None = None) -> str:
    """A UTC timestamp as stored: ISO 8601 to the second, with a Z."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    # isoformat, not strftime: written several times per URL, and strftime costs 5x more
    return moment.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def parse_iso(value: str | None) -> datetime | None:
    """A timestamp written by utc_iso (anything else raises ValueError, as strptime would)."""
    if not value:
        return None
    if len(value) == 20 and value[10] == "T" and value[-1] == "Z":
        return datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def quote_key(source: str, text: str, occurrence: int) -> str:
    """A quote's identity across runs: its document, its words, and which repeat it is."""
    return hashlib.sha1(f"{source}\0{quote_words(text)}\0{occurrence}".encode()).hexdigest()[:20]


def quote_keys(source: str, texts: Iterable[str]) -> list[str]:
    """The keys of one document version's quotes, in their order: a repeat of the same words
    is told apart by its occurrence."""
    seen: dict[str, int] = {}
    keys = []
    for text in texts:
        words = quote_words(text)
        occurrence = seen.get(words, 0)
        seen[words] = occurrence + 1
        keys.append(quote_key(source, text, occurrence))
    return keys


def quote_words(text: str) -> str:
    """A quote's words as its identity reads them: case and spacing do not count."""
    return " ".join(text.casefold().split())


def kept_source(source: str, home: Path) -> str:
    """How a document's source is kept: a file inside the database's directory (`home`) by
    its path relative to it, so that directory can be moved or copied, documents and all,
    and carry on with its history; any other file by its absolute path; a URL as it is."""
    if source.startswith(("http://", "https://")):
        return source
    path = Path(source)
    if not path.is_absolute() or not path.is_relative_to(home):
        return source
    return path.relative_to(home).as_posix()


def fetch_key_live(url: str) -> str:
    return f"live:{url}"


def fetch_key_snapshot(snapshot: Snapshot) -> str:
    return f"snapshot:{snapshot.url}@{snapshot.timestamp}"
