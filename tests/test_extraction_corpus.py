"""Extraction on the evaluation corpora (tests/extraction_corpus and its holdout/), scored
as `python -m bench.extraction` scores them, held to the floors pinned there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import CORPORA, MEASURES, Tally, document_path, extract, score_document, specs  # noqa: E402

EVALUATED = [c for c in CORPORA if c.name != "seeds"]


def test_every_corpus_document_has_expectations():
    for corpus in EVALUATED:
        documents = {p.name for p in corpus.documents.iterdir() if p.is_file()}
        annotated = {e["document"] for e in specs(corpus) if not e.get("build")}
        assert documents == annotated, corpus.name


@pytest.mark.parametrize("corpus", EVALUATED, ids=[c.name for c in EVALUATED])
def test_corpus_meets_its_pinned_floors(corpus, tmp_path: Path):
    tallies = {m: Tally() for m in MEASURES}
    problems: list[str] = []
    for expected in specs(corpus):
        doc, citations, quotes, terms = extract(document_path(corpus, expected, tmp_path))
        problems += score_document(expected, citations, quotes, terms, tallies, doc)
    assert problems == []
    for measure, floor in corpus.floors.items():
        tally = tallies[measure]
        assert min(tally.precision, tally.recall) >= floor, (measure, tally.misses)
