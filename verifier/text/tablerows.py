"""Table rows: a tracker or fact-check table gives a quotation in one cell, who said it in
another and where in a third. A quotation filling its cell is read with its row: the row's
person is its speaker and the row's links are its sources."""

from __future__ import annotations

import bisect
from collections.abc import Callable

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
    Minister'), cells after the quotation's first: a 'Who said it' column."""
    found = rows.filled_cell(text, open_at, close_at)
    if found is None:
        return None
    row, k = found
    for start, end in row[k + 1:] + row[:k][::-1]:
        mention = next(iter(finder.names.between(start, end)), None)
        if mention is None or not only_titles(text[start:mention.start]):
            continue
        full = finder.names.full_name(mention.name, mention.start)
        if mention.org or mention.person_like or mention.titled or finder.names.is_person(full):
            return Speaker(full, not mention.org, "name")
    return None


def row_citations(rows: TableRows, text: str, open_at: int, close_at: int,
                  within: Callable[[int, int], list[int]]) -> list[int]:
    """The citations (indexes, from `within(lo, hi)`) of the row of a quotation filling its
    cell: the row's 'Where' link or named outlet."""
    found = rows.filled_cell(text, open_at, close_at)
    return within(*row_span(found[0])) if found else []
