"""How German, Spanish, French, Portuguese, Italian, Dutch and Russian news cite another
outlet's report: 'Wie die „Frankfurter Rundschau“ am 12. März berichtete', 'Según publicó El País
el 18 de febrero', 'comme l'a rapporté Le Monde', 'Como informou o Jornal do Commercio em 9 de
março', 'come riportato dal Corriere del Veneto il 14 novembre', 'meldde de NOS op 12 januari',
'Как писал «Коммерсантъ» 12 марта'.
The outlet (its name in „…“ or « … », as those languages write titles, or as it stands) is a
named source, dated when a day is given (in the document's year, or in the year the text
named just before when the day is 'of that year')."""

from __future__ import annotations

import re
from datetime import date

from .docdates import find_dates, find_yearless_dates

_CAPITAL = "A-ZÄÖÜÁÉÍÓÚÑÂÊÔÃÕÇ\u0400-\u042F"
_NAME = (rf"(?P<outlet>[{_CAPITAL}][\w\-]*(?:\s+(?:(?:do|da|del|della|dei|di)\s+)?"
         rf"[{_CAPITAL}][\w\-]*){{0,3}})")
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
    # 'Como informou o Jornal do Commercio em 9 de março', 'segundo publicou a Folha'
    re.compile(r"\b(?:[Cc]omo|[Ss]egundo)\s+(?:informou|publicou|noticiou|revelou|mostrou)\s+"
               r"(?:o\s+|a\s+)?(?:jornal\s+|site\s+|agência\s+|revista\s+)?" + _OPEN + _NAME
               + _CLOSE + r"(?:\s+(?:em|no\s+dia)\s+(?P<date>\d{1,2}\s+de\s+[^\W\d_]+))?"),
    # 'come riportato dal Corriere del Veneto il 14 novembre', 'come ha scritto la Repubblica'
    re.compile(r"\b[Cc]ome\s+(?:riportato|rivelato|scritto|anticipato)\s+(?:da|dal|dalla|dall['’])"
               r"\s*(?:quotidiano\s+|agenzia\s+)?" + _OPEN + _NAME + _CLOSE
               + r"(?:\s+(?:il|l['’])\s*(?P<date>\d{1,2}\s+[^\W\d_]+))?"),
    # Dutch: 'meldde de NOS op 12 januari 2024', 'Ook het AD schreef op 7 maart',
    # 'volgens de Volkskrant'
    re.compile(r"\b(?:meldde|meldt|schreef|schrijft|berichtte|onthulde|[Vv]olgens)\s+"
               r"(?:de|het)\s+" + _OPEN + _NAME + _CLOSE
               + r"(?:\s+op\s+(?P<date>\d{1,2}\s+[^\W\d_]+(?:\s+\d{4})?))?"),
    re.compile(r"\b(?:[Dd]e|[Hh]et)\s+" + _OPEN + _NAME + _CLOSE
               + r"\s+(?:meldde|schreef|berichtte|onthulde)\s+op\s+"
               r"(?P<date>\d{1,2}\s+[^\W\d_]+(?:\s+\d{4})?)"),
    # 'Как писал «Коммерсантъ» 12 марта', 'как сообщает ТАСС'
    re.compile(r"(?:\b|^)[Кк]ак\s+(?:писал|писала|писали|сообщил|сообщила|сообщает|сообщили|"
               r"пишет|передает|передаёт)\s+" + _OPEN + _NAME + _CLOSE
               + r"(?:\s+(?P<date>\d{1,2}\s+[^\W\d_]+))?"),
)
# 'il 14 novembre di quell'anno', '14 November of that year': the year the text named last.
_THAT_YEAR = re.compile(r"\s+(?:di\s+quell['’]anno|of\s+that\s+year|daquele\s+ano|"
                        r"do\s+mesmo\s+ano|того\s+же\s+года)")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
YEAR_REACH = 300  # characters before a date 'of that year' where that year is named


def reported_abroad(text: str, reference: date | None) -> list[tuple[int, int, str, date | None]]:
    """(start, end, outlet, date) of each outlet cited in these languages' way."""
    if not re.search(r"berichte|meldete|schrieb|publicó|informó|adelantó|reveló|l['’]a |"
                     r"informou|publicou|noticiou|revelou|mostrou|[Cc]ome |[Кк]ак |meld|schr|olgens|"
                     r"onthulde", text):
        return []
    found: list[tuple[int, int, str, date | None]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            when = None
            written = find_dates(m.group("date") or "", month_only=False)
            if written:  # the day and its year: '12 januari 2024'
                found.append((m.start("outlet"), m.end("outlet"), m.group("outlet"),
                              written[0].value))
                continue
            if m.group("date") and reference is not None:
                year = _that_year(text, m.start(), m.end())
                dates = find_yearless_dates(m.group("date"), reference)
                when = dates[0].value if dates else None
                if when is not None and year is not None:
                    when = when.replace(year=year)
            found.append((m.start("outlet"), m.end("outlet"), m.group("outlet"), when))
    return found


def _that_year(text: str, start: int, end: int) -> int | None:
    """The year a date 'of that year' means: the last one named before the citation."""
    if not _THAT_YEAR.match(text, end):
        return None
    years = _YEAR.findall(text, max(0, start - YEAR_REACH), start)
    return int(years[-1]) if years else None
