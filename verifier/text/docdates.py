"""Dates written in running text: "December 25, 2017", "25 December 2017", "2017-12-25",
and month-only forms ("June 2019") for citations that state no day."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, datetime

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# German, French, Spanish, Portuguese, Italian, Dutch and Russian (genitive) month names, in
# full: '14. März 2025', '6 mars 2025', '20 de febrero de 2025', '14 de março de 2025', '8 aprile
# 2025', '18 maart 2025', '15 марта 2025'.
_FOREIGN_MONTHS = {
    name: n for n, names in enumerate((
        "januar janvier enero janeiro gennaio января januari",
        "februar février febrero fevereiro febbraio февраля februari",
        "märz mars marzo março марта maart", "april avril abril aprile апреля",
        "mai mayo maio maggio мая mei", "juni juin junio junho giugno июня",
        "juli juillet julio julho luglio июля", "august août agosto августа augustus",
        "september septembre septiembre setembro settembre сентября",
        "oktober octobre octubre outubro ottobre октября",
        "november novembre noviembre novembro ноября",
        "dezember décembre diciembre dezembro dicembre декабря"), start=1)
    for name in names.split()} | {
    # Russian and Ukrainian dates name the month in the genitive: '12 ноября 2024 г.'
    name: n for n, names in enumerate((
        "января січня", "февраля лютого", "марта березня", "апреля квітня", "мая травня",
        "июня червня", "июля липня", "августа серпня", "сентября вересня", "октября жовтня",
        "ноября листопада", "декабря грудня"), start=1)
    for name in names.split()}
_FOREIGN_MONTH = "(?:" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"

_YEAR_ONLY = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_PATTERNS = [
    ("mdy", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b", re.I)),
    ("dmy", re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b", re.I)),
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("dmy", re.compile(rf"\b(?P<d>{_DAY})\.?\s+(?:de\s+)?(?P<m>{_FOREIGN_MONTH})\s+(?:de\s+)?"
                       rf"(?P<y>{_YEAR})\b", re.I)),
    ("my", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b", re.I)),
]


@dataclass(frozen=True)
class TextDate:
    """A date found in text; `full` is False when the text gives only month and year."""

    start: int
    end: int
    value: date
    full: bool


def find_dates(text: str, *, month_only: bool = True) -> list[TextDate]:
    """Every date written in `text`, in order, without overlaps (full dates win). Every form
    has a four-digit year, so only the stretches around years are searched."""
    if len(text) > 2000:
        found: list[TextDate] = []
        for start, end in _around_years(text):
            found += [TextDate(d.start + start, d.end + start, d.value, d.full)
                      for d in _find_dates(text[start:end], month_only)]
        return found
    return _find_dates(text, month_only)


# 'March 4', '4 March' with no year; capitalised months only ('may 4' is a verb).
_YEARLESS = [
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?!,?\s*\d)"),
    re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?![\w.]*,?\s*\d)"),
    re.compile(rf"\b(?P<d>{_DAY})\.?\s+(?:de\s+)?(?P<m>{_FOREIGN_MONTH})\b(?!\s*(?:de\s+)?\d)",
               re.I),
]


def find_yearless_dates(text: str, reference: date) -> list[TextDate]:
    """Day-and-month dates without a year ('AP, March 4' in a wire story), dated to the year
    of `reference` (the document's date), or the year before when that would be after it:
    a text cites what has already happened."""
    found: list[TextDate] = []
    for pattern in _YEARLESS:
        for m in pattern.finditer(text):
            month = _month_number(m.group("m"))
            day = int(re.sub(r"\D", "", m.group("d")))
            for year in (reference.year, reference.year - 1):
                try:
                    value = date(year, month, day)
                except ValueError:
                    continue
                if value <= reference:
                    found.append(TextDate(m.start(), m.end(), value, True))
                    break
    found.sort(key=lambda d: d.start)
    return found


def _around_years(text: str) -> list[tuple[int, int]]:
    """Stretches of text around each year, merged where they touch."""
    spans: list[tuple[int, int]] = []
    for m in _YEAR_ONLY.finditer(text):
        start, end = max(0, m.start() - 40), min(len(text), m.end() + 12)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _find_dates(text: str, month_only: bool) -> list[TextDate]:
    found: list[TextDate] = []
    # Spans taken by an earlier pattern, kept sorted: they never overlap, so a new match can
    # only overlap the last one starting before its end (a text of thousands of dates is not
    # checked against every one of them).
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    for kind, pattern in _PATTERNS:
        if kind == "my" and not month_only:
            continue
        for m in pattern.finditer(text):
            i = bisect.bisect_left(taken_starts, m.end())
            if i and taken_ends[i - 1] > m.start():
                continue
            value = _to_date(m, kind)
            if value is None:
                continue
            found.append(TextDate(m.start(), m.end(), value, kind != "my"))
            taken_starts.insert(i, m.start())
            taken_ends.insert(i, m.end())
    found.sort(key=lambda d: d.start)
    return found


def _month_number(name: str) -> int:
    low = name.lower()
    return _FOREIGN_MONTHS.get(low) or _MONTHS[low[:3]]


def _to_date(m: re.Match[str], kind: str) -> date | None:
    year = int(m.group("y"))
    raw_month = m.group("m")
    month = int(raw_month) if raw_month.isdigit() else _month_number(raw_month)
    day = 1 if kind == "my" else int(re.sub(r"\D", "", m.group("d")))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def latest_full_date(text: str, *, today: date | None = None) -> date | None:
    """The latest complete date the text states, ignoring dates in the future."""
    limit = today or datetime.now().date()
    dates = [d.value for d in find_dates(text, month_only=False) if d.value <= limit]
    return max(dates) if dates else None


def document_date(text: str, *, today: date | None = None) -> date | None:
    """The date a document's text gives itself: the latest complete date it states, or the
    month its opening lines name ('Report | June 2023') when that month is later (reports
    date their cover by month and cite earlier events by day)."""
    limit = today or datetime.now().date()
    labelled = _labelled_date(text[:LABELLED_DATE_CHARS], limit)
    if labelled is not None:
        return labelled
    found = latest_full_date(text, today=limit)
    head = text[:600]
    cover = [d.value for d in find_dates(head) if not d.full and d.value <= limit
             and len(_line_at(head, d.start).split()) <= 8]
    if cover and (found is None or max(cover) > found):
        return max(cover)
    return found


LABELLED_DATE_CHARS = 1500  # the header lines where a document labels its own date
# 'Date: 14 May 2025', 'Date of interview: 18 February 2025', 'Published: …', 'Filed: …' on a
# line of its own at the top: the date the document gives itself, whatever later dates its
# header adds ('Transcribed …, 24 February 2025') or its text cites.
_DATE_LABEL = re.compile(r"^[ \t]*(?:date(?: of [a-z ]{1,30})?|dated|published|filed|issued|"
                         r"released)[ \t]*:[ \t]*(?P<rest>[^\n]{6,60})$", re.I | re.M)


def _labelled_date(head: str, limit: date) -> date | None:
    for m in _DATE_LABEL.finditer(head):
        dates = find_dates(m.group("rest"), month_only=False)
        if dates and dates[0].start == 0 and dates[0].value <= limit:
            return dates[0].value
    return None


DATELINE_LINES = 6  # a document's opening lines: its title, a subtitle, its byline
DATELINE_WORDS = 12  # words of a byline or cover line ('By the Desk · 14 October 2024')


def dateline(text: str) -> date | None:
    """The full date a document's opening lines give it on a short line (a byline, a cover
    date): when it was written, whenever its file was made."""
    lines = [line for line in text[:1000].split("\n")[:DATELINE_LINES * 2] if line.strip()]
    for line in lines[:DATELINE_LINES]:
        if len(line.split()) <= DATELINE_WORDS:
            found = [d.value for d in find_dates(line, month_only=False) if d.full]
            if found:
                return found[0]
    return None


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end != -1 else len(text)]


def parse_metadata_date(value: str) -> date | None:
    """A date from metadata: ISO 8601, PDF 'D:YYYYMMDD...', or a written date."""
    value = value.strip()
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", value) or re.match(
        r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    written = find_dates(value, month_only=False)
    return written[0].value if written else None
