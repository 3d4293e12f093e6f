"""Reading CDX server answers, row by row, without letting one odd row lose the rest.

waybackpy's parser raises on the first row it cannot split into seven fields or whose
timestamp strptime refuses, and reads only the plain-text format. The real index holds rows
like that (originals with a raw space, timestamps with month 00 from some 2000 crawls), and
the server answers JSON (a header row, then rows; the header alone or `[]` when there is no
capture) when asked for it: both formats are read here, and rows that make no sense skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..models import full_timestamp, timestamp_datetime

FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")


@dataclass(frozen=True)
class CDXRow:
    urlkey: str
    timestamp: str  # 14 digits
    original: str
    mimetype: str
    statuscode: str  # "200", "301", "-" (revisit records), ...
    digest: str
    length: str


def parse_cdx(text: str) -> list[CDXRow]:
    """The capture rows of one CDX answer (plain text or JSON), malformed rows left out."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        if isinstance(data, list):
            return _json_rows(data)
    rows = (_plain_row(line) for line in stripped.splitlines())
    return [row for row in rows if row is not None]


def cut_short(text: str) -> bool:
    """Whether a CDX answer ended mid-row: the server streams its rows after a 200 and, when
    it stops (a timeout of its own, a dropped connection), the answer ends where it stopped.
    Every plain row ends with a newline, and JSON must parse whole; what came of a cut answer
    is neither "no captures" nor the whole list."""
    stripped = text.strip()
    if not stripped:
        return False
    if stripped.startswith("["):
        try:
            json.loads(stripped)
        except ValueError:
            return True
        return False
    return not text.endswith("\n")


def split_resume_key(text: str) -> tuple[str, str | None]:
    """A CDX answer's rows and its resume key (None when there is none), in either format.

    Plain text prints the key alone on the last line after a blank one (rows contain spaces;
    keys do not); JSON ends with an empty row and the key as a one-element row. waybackpy
    instead deletes the key's first occurrence anywhere in the text, and reads no JSON.
    """
    if text.lstrip().startswith("["):
        return _split_json_resume_key(text)
    lines = text.rstrip().split("\n")
    if len(lines) >= 2 and not lines[-2].strip() and lines[-1].strip() \
            and " " not in lines[-1].strip():
        return "\n".join(lines[:-2]), lines[-1].strip()
    return text, None


def _split_json_resume_key(text: str) -> tuple[str, str | None]:
    try:
        data = json.loads(text)
    except ValueError:
        return text, None
    if isinstance(data, list) and len(data) >= 2 and data[-2] == [] and \
            isinstance(data[-1], list) and len(data[-1]) == 1 and data[-1][0]:
        return json.dumps(data[:-2]), str(data[-1][0])
    return text, None


def _json_rows(data: list[object]) -> list[CDXRow]:
    rows = [r for r in data if isinstance(r, list) and len(r) > 1]  # [] and [resumeKey] out
    if not rows:
        return []
    names: tuple[str, ...] = FIELDS
    if "timestamp" in rows[0] and "original" in rows[0]:
        names, rows = tuple(str(v) for v in rows[0]), rows[1:]
    found = []
    for values in rows:
        fields = dict(zip(names, (str(v) for v in values), strict=False))
        row = _row(fields)
        if row is not None:
            found.append(row)
    return found


def _plain_row(line: str) -> CDXRow | None:
    parts = line.split(" ")
    if len(parts) < len(FIELDS):
        return None
    if len(parts) > len(FIELDS):  # spaces inside the original: the other fields have none
        parts = [parts[0], parts[1], " ".join(parts[2:-4]), *parts[-4:]]
    return _row(dict(zip(FIELDS, parts, strict=True)))


def _row(fields: dict[str, str]) -> CDXRow | None:
    timestamp = fields.get("timestamp", "")
    if not timestamp.isdigit() or not 4 <= len(timestamp) <= 14 or not fields.get("original"):
        return None
    try:
        timestamp_datetime(timestamp)
    except ValueError:
        return None  # names no real time (month or day 00): its capture time is unknown
    return CDXRow(**{name: fields.get(name, "-") for name in FIELDS} |
                  {"timestamp": full_timestamp(timestamp)})
