"""Extraction of the user's five seed documents against expectations written by reading
each one (tests/seeds_expected/*.json); the same scoring as `python -m bench.extraction`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import (  # noqa: E402
    EXPECTED,
    FLOOR,
    MEASURES,
    SEEDS,
    Tally,
    extract,
    score_document,
    url_key,
)

SPECS = sorted(EXPECTED.glob("*.json"))


def test_every_seed_has_expectations():
    assert sorted(p.stem for p in SPECS) == sorted(p.stem for p in SEEDS.iterdir()
                                                   if not p.name.startswith("."))


@pytest.mark.parametrize("spec", SPECS, ids=[p.stem for p in SPECS])
def test_seed_matches_its_expectations(spec: Path):
    expected = json.loads(spec.read_text(encoding="utf-8"))
    doc, citations, quotes, terms = extract(SEEDS / expected["document"])
    tallies = {m: Tally() for m in MEASURES}
    problems = score_document(expected, citations, quotes, terms, tallies)
    assert problems == []
    # every cited URL exactly as written (trailing punctuation removed), nothing more
    assert sorted({c.url for c in citations if c.url}) == sorted(expected["urls"])
    assert sorted({url_key(u) for u in expected["urls"]}) == sorted(
        {c.normalized_url for c in citations if c.normalized_url})
    for name in ("footnotes", "named_sources", "quotes", "speakers", "quote_links"):
        tally = tallies[name]
        assert tally.precision >= FLOOR and tally.recall >= FLOOR, (name, tally.misses)
    assert str(doc.date) == expected["date"]
