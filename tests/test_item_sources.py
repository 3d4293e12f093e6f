"""Items whose source stands on a line of its own under them, as newsletters and memos write:
'Source: Kazinform … https://…', 'Read more: <https://…>', or nothing but the address."""

from __future__ import annotations

from pathlib import Path

from test_quotes import run


def _sources(tmp_path: Path, text: str) -> dict[str, list[str | None]]:
    quotes, _terms, citations = run(tmp_path, text)
    return {q.text: [citations[n].url or citations[n].outlet for n in q.citations]
            for q in quotes}


def test_a_source_line_under_each_item_is_that_items_source(tmp_path: Path) -> None:
    text = """MEMO
Date: 3 February 2025

1. The minister, Almas Satkali, said that "gas output will rise to 60 billion cubic metres".
Source: Kazinform, 28 January 2025 - https://kazinform.example/en/gas-output-a4251234

2. Foreign minister Rashid Meredov said that "the pipeline does not need Russia's consent".
Sources: https://tdh.example/en/meredov (English); Russian original:
<https://tdh.example/ru/meredov>

3. UKRAINE. Naftogaz chief Oleksiy Chernyshov said that "Ukraine has enough gas in storage".
Read more: <https://naftogaz.example/en/news/storage>

4. RUSSIA. Dmitry Patrushev said that "Russia will export 53 million tonnes of grain"
<https://ria.example/economy/zerno.html>
"""
    assert _sources(tmp_path, text) == {
        "gas output will rise to 60 billion cubic metres": [
            "https://kazinform.example/en/gas-output-a4251234"],
        "the pipeline does not need Russia's consent": [
            "https://tdh.example/en/meredov", "https://tdh.example/ru/meredov"],
        "Ukraine has enough gas in storage": ["https://naftogaz.example/en/news/storage"],
        "Russia will export 53 million tonnes of grain": ["https://ria.example/economy/zerno.html"],
    }


def test_a_line_under_a_paragraph_that_goes_on_is_not_its_quotations_source(
        tmp_path: Path) -> None:
    text = """The minister said that "output will rise" and that talks went on all week.

Read more: <https://example.org/other-story>
"""
    assert _sources(tmp_path, text) == {"output will rise": []}
