"""A plain-text e-mail's own lines: its signature and its housekeeping links cite nothing."""

from __future__ import annotations

from pathlib import Path

from test_quotes import run


def _urls(tmp_path: Path, text: str) -> list[str | None]:
    return [c.url for c in run(tmp_path, text)[2]]


def test_links_under_the_signature_line_are_no_citations(tmp_path: Path) -> None:
    text = ("BRIEFING -- Issue 41\n\nThe minister said that \"exports will rise\" "
            "<https://ria.example/economy/zerno.html>\n\n--\n"
            "Briefing is sent to subscribers. You signed up at <https://briefing.example/join>.\n"
            "Unsubscribe: <https://briefing.example/leave?u=8f3a>\n")
    assert _urls(tmp_path, text) == ["https://ria.example/economy/zerno.html"]


def test_an_unsubscribe_label_before_an_address_in_angle_brackets(tmp_path: Path) -> None:
    text = ("The minister said that \"exports will rise\" <https://ria.example/zerno.html>\n\n"
            "Unsubscribe: <https://briefing.example/leave?u=8f3a>\n\n"
            "More news next week, with the figures for May and June.\n")
    assert _urls(tmp_path, text) == ["https://ria.example/zerno.html"]
