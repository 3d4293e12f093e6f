"""Table rows: a tracker or fact-check table gives a quotation in one cell, who said it in
another and where in a third. A quotation filling its cell is read with its row: the row's
person is its speaker and the row's links are its sources."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date

from .docdates import find_dates
from .phrases import only_titles
from .speakers import Speaker, SpeakerFinder

Cell = tuple[int, int]  # (start, end) offsets of a cell's text


class TableRows:
    """The rows (each a list of cell spans) of a document's tables, searchable by offset."""

    def __init__(self, rows: list[list[Cell]]) -> None:
        self.rows = sorted((r for r in rows if len(r) >= 2), key=lambda r: r[0][0])
        self._starts = [r[0][0] for r in self.rows]

    def filled_cell(self, text: str, open_at: int, close_at: int
                    ) -> tuple[list[Cell], int] | None:
        """(row, index of the cell) when the quotation open_at..close_at is all its cell holds
        (punctuation aside); None for a quotation in running text or sharing its cell."""
        if not self.rows:
            return None
        n = bisect.bisect_right(self._starts, open_at) - 1
        if n < 0:
            return None
        row = self.rows[n]
        for k, (start, end) in enumerate(row):
            if start <= open_at and close_at < end:
                outside = text[start:open_at] + text[close_at + 1:end]
                return (row, k) if not outside.strip(" .,;:") else None
        return None


def row_span(row: list[Cell]) -> Cell:
    return row[0][0], row[-1][1]


def row_speaker(finder: SpeakerFinder, rows: TableRows, text: str, open_at: int,
                close_at: int) -> Speaker | None:
    """The person (or body) a cell of the quotation's row opens with ('Alistair Crane, Prime
    Minister'), cells after the quotation's first: a 'Who said it' column. A person's cell
    wins over a body's: a 'Where' cell names an outlet ('Newsmaker'), a 'Who' cell a person."""
    found = rows.filled_cell(text, open_at, close_at)
    if found is None:
        return None
    row, k = found
    bodies: list[Speaker] = []
    for start, end in row[k + 1:] + row[:k][::-1]:
        mention = next(iter(finder.names.between(start, end)), None)
        # cells are set side by side in the text: a run of capitals across two is no name
        if mention is None or mention.end > end or not only_titles(text[start:mention.start]):
            continue
        full = finder.names.full_name(mention.name, mention.start)
        if mention.org:
            bodies.append(Speaker(full, False, "name"))
        elif mention.person_like or mention.titled or finder.names.is_person(full):
            return Speaker(full, True, "name")
    return bodies[0] if bodies else None


def row_citations(rows: TableRows, text: str, open_at: int, close_at: int,
                  within: Callable[[int, int], list[int]]) -> list[int]:
    """The citations (indexes, from `within(lo, hi)`) of the row of a quotation filling its
    cell: the row's 'Where' link or named outlet."""
    found = rows.filled_cell(text, open_at, close_at)
    return within(*row_span(found[0])) if found else []


# A 'Where' cell naming an outlet and the day of its piece, without a link: 'The Sun, 2 June
# 2024'. The name is capitalised words only ('Speech in Downing Street' is an occasion).
_OUTLET_AND_DAY = re.compile(r"\s*((?:The\s+)?[A-Z][\w&’'\-]*(?:\s+[A-Z][\w&’'\-]*){0,3}),\s+(.+?)\s*")


def cell_sources(text: str, rows: list[list[Cell]]) -> list[tuple[int, int, str, date]]:
    """(start, end, outlet, date) of each table cell that is an outlet and a full date."""
    found = []
    for row in rows:
        for start, end in row:
            m = _OUTLET_AND_DAY.fullmatch(text, start, end)
            if m is None:
                continue
            dates = find_dates(m.group(2), month_only=False)
            if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(m.group(2)):
                name = re.sub(r"^The\s+", "", m.group(1))
                found.append((m.end(1) - len(name), m.end(1), name, dates[0].value))
    return found
