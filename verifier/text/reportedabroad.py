"""How German, Spanish and French news cite another outlet's report: 'Wie die „Frankfurter
Rundschau“ am 12. März berichtete', 'Según publicó El País el 18 de febrero', 'comme l'a
rapporté Le Monde'. The outlet (its name in „…“ or « … », as those languages write titles, or
as it stands) is a named source, dated when a day is given (in the document's year)."""

from __future__ import annotations

import re
from datetime import date

from .docdates import find_yearless_dates

_NAME = r"(?P<outlet>[A-ZÄÖÜÁÉÍÓÚÑ][\w\-]*(?:\s+[A-ZÄÖÜÁÉÍÓÚÑ][\w\-]*){0,3})"
_OPEN, _CLOSE = r"(?:[„“\"«»]\s*)?", r"(?:\s*[“”\"«»])?"
_PATTERNS = (
    # 'Wie die „Frankfurter Rundschau“ am 12. März berichtete'
    re.compile(r"\b[Ww]ie\s+(?:die|der|das|den)?\s*" + _OPEN + _NAME + _CLOSE
               + r"(?:\s+(?:am|vom)\s+(?P<date>\d{1,2}\.\s*[^\W\d_]+))?"
               r"\s+(?:berichtete|berichtet|meldete|meldet|schrieb|schreibt)\b"),
    # 'Según publicó El País el 18 de febrero', 'como informó la agencia EFE'
    re.compile(r"\b(?:[Ss]egún|[Cc]omo)\s+(?:publicó|informó|adelantó|reveló|publica|informa)"
               r"\s+(?:el\s+diario\s+|la\s+agencia\s+|el\s+periódico\s+|la\s+cadena\s+)?"
               + _OPEN + _NAME + _CLOSE + r"(?:\s+el\s+(?P<date>\d{1,2}\s+de\s+[^\W\d_]+))?"),
    # 'comme l'a rapporté Le Monde le 3 mars'
    re.compile(r"\b[Cc]omme\s+l['’]a\s+(?:rapporté|révélé|écrit|annoncé)\s+" + _OPEN + _NAME
               + _CLOSE + r"(?:\s+le\s+(?P<date>\d{1,2}\s+[^\W\d_]+))?"),
)


def reported_abroad(text: str, reference: date | None) -> list[tuple[int, int, str, date | None]]:
    """(start, end, outlet, date) of each outlet cited in these languages' way."""
    if not re.search(r"berichte|meldete|schrieb|publicó|informó|adelantó|reveló|l['’]a ", text):
        return []
    found = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            when = None
            if m.group("date") and reference is not None:
                dates = find_yearless_dates(m.group("date"), reference)
                when = dates[0].value if dates else None
            found.append((m.start("outlet"), m.end("outlet"), m.group("outlet"), when))
    return found
