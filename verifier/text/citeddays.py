"""The day a citation of an outlet names: 'reported on 14 January', 'told Reuters on 3 March',
'told BBC Radio 4's Today programme on Thursday', or a full date in the same sentence."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .docdates import find_dates, find_yearless_dates

_ON_DATE = re.compile(r",?\s+(?:on|dated)\s+(?=\d|[A-Z])")
# A station's number and a programme of its: 'BBC Radio 4's Today programme', 'LBC's Nick
# Ferrari show'.
PROGRAMME = re.compile(r"(?:\s+\d{1,2})?(?:['’]s\s+(?:[A-Z][\w\-]*\s+){1,3}(?:programme|program|"
                        r"show|podcast|bulletin))?(?=\W)")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"(" + "|".join(_WEEKDAYS) + r")\b", re.I)


def date_after(text: str, pos: int, reference: date | None, *, weekdays: bool = False
                ) -> date | None:
    """The date written right after an outlet or its 'reported' ('reported on 14 January',
    'told Reuters on 3 March'); a day and month without a year take the document's."""
    m = _ON_DATE.match(text, pos)
    if m is None:
        return None
    window = text[m.end():m.end() + 40]
    dates = [d for d in find_dates(window, month_only=False) if d.start == 0]
    if dates:
        return dates[0].value
    if reference is not None:
        yearless = [d for d in find_yearless_dates(window, reference) if d.start == 0]
        if yearless:
            return yearless[0].value
        weekday = _WEEKDAY.match(window) if weekdays else None
        if weekday:  # 'told … on Thursday': the last such day up to the document's date
            back = (reference.weekday() - _WEEKDAYS.index(weekday.group(1).lower())) % 7
            return reference - timedelta(days=back)
    return None


def date_near(text: str, pos: int) -> date | None:
    """A full date written in the same sentence as `pos`."""
    left = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    right_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    dates = [d for d in find_dates(text[left:right], month_only=False)]
    return dates[0].value if dates else None
