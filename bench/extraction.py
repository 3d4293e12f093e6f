"""Extraction accuracy on the seed corpus against hand-annotated expectations, and speed.

    python -m bench.extraction           # precision / recall per measure, and timing
    python -m bench.extraction --check   # exit 1 when any figure is below the floor (0.95)

Expectations live in tests/seeds_expected/<seed>.json, written by reading each document.
Quotes match on their words (case, spacing and punctuation ignored); speakers and outlets
match ignoring case, a leading article and curly/straight apostrophes; a listed alternative
spelling also matches. Quotes marked optional count neither way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from verifier.citations import extract_citations, normalize_url
from verifier.documents import load_document
from verifier.models import Citation, Document, Quote
from verifier.quotes import extract_quotes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = ROOT / "tests" / "seeds_expected"
FLOOR = 0.95
MEASURES = ("urls", "footnotes", "named_sources", "quotes", "speakers", "quote_links")
GATED = ("urls", "quotes", "speakers", "quote_links")


@dataclass
class Tally:
    """Counts for one measure: found-and-expected, found, expected."""

    hit: int = 0
    found: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, found: Iterable[object], expected: Iterable[object], label: str) -> None:
        got, want = Counter(found), Counter(expected)
        self.hit += sum((got & want).values())
        self.found += sum(got.values())
        self.expected += sum(want.values())
        for item in (want - got):
            self.misses.append(f"{label}: missed {item}")
        for item in (got - want):
            self.misses.append(f"{label}: extra {item}")

    @property
    def precision(self) -> float:
        return self.hit / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hit / self.expected if self.expected else 1.0


def words(text: str) -> str:
    """A quote's words only, for matching."""
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))


def name_key(name: str | None) -> str:
    if not name:
        return ""
    name = name.replace("’", "'").strip().lower()
    name = re.sub(r"^(?:all\s+)?(?:the|a|an)\s+", "", name)
    return " ".join(name.split())


def url_key(url: str) -> str:
    return normalize_url(url) or url


def extract(path: Path) -> tuple[Document, list[Citation], list[Quote], list[str]]:
    doc = load_document(path)
    citations = extract_citations(doc)
    quotes, terms = extract_quotes(doc, citations)
    return doc, citations, quotes, terms


def score_document(expected: dict, citations: list[Citation], quotes: list[Quote],
                   terms: list[str], tallies: dict[str, Tally]) -> list[str]:
    """Add one document's figures to `tallies`; returns readable differences."""
    label = expected["document"]
    link_urls = {c.url for c in citations if c.kind in ("link", "footnote") and c.url}
    tallies["urls"].add(sorted(link_urls), expected["urls"], label)
    tallies["footnotes"].add(
        [(c.marker, c.url) for c in citations if c.kind == "footnote"],
        [(f["marker"], f["url"]) for f in expected["footnotes"]], label)

    outlet_alias: dict[str, str] = {}
    for source in expected["named_sources"]:
        for alt in source.get("alternatives", []):
            outlet_alias[name_key(alt)] = name_key(source["outlet"])
    def outlet(name: str | None) -> str:
        key = name_key(name)
        return outlet_alias.get(key, key)
    tallies["named_sources"].add(
        [(outlet(c.outlet), c.cited_date.isoformat() if c.cited_date else None)
         for c in citations if c.kind == "named_source"],
        [(name_key(s["outlet"]), s["date"]) for s in expected["named_sources"]], label)

    optional = {words(q["text"]) for q in expected.get("optional_quotes", [])}
    wanted = {words(q["text"]): q for q in expected["quotes"]}
    got = [q for q in quotes if words(q.text) not in optional]
    tallies["quotes"].add([words(q.text) for q in got], list(wanted), label)

    def speaker(q: Quote) -> tuple[str, str]:
        key = words(q.text)
        spoken = name_key(q.speaker)
        want = wanted.get(key)
        if want:
            accepted = {name_key(want["speaker"])} | {
                name_key(a) for a in want.get("speaker_alternatives", [])}
            if spoken in accepted:
                spoken = name_key(want["speaker"])
        return key, spoken
    tallies["speakers"].add([speaker(q) for q in got if q.speaker],
                            [(k, name_key(q["speaker"])) for k, q in wanted.items()], label)

    def cited(c: Citation) -> str:
        if c.kind == "named_source":
            return "named:" + outlet(c.outlet)
        return url_key(c.url or "")
    def expected_cited(item: str) -> str:
        if item.startswith("named:"):
            return "named:" + outlet(item[len("named:"):])
        return url_key(item)
    tallies["quote_links"].add(
        [(words(q.text), cited(citations[n])) for q in got for n in q.citations],
        [(k, expected_cited(c)) for k, q in wanted.items() for c in q["citations"]], label)

    wrongly = [t for t in expected.get("not_quotes", [])
               if any(words(q.text) == words(t) for q in quotes)]
    return [f"{label}: extracted a non-quote as a quote: {t!r}" for t in wrongly]


def run(verbose: bool = False) -> tuple[dict[str, Tally], float, float, list[str]]:
    tallies = {m: Tally() for m in MEASURES}
    problems: list[str] = []
    started = time.perf_counter()
    results = []
    for spec in sorted(EXPECTED.glob("*.json")):
        expected = json.loads(spec.read_text(encoding="utf-8"))
        results.append((expected, extract(SEEDS / expected["document"])))
    cold = time.perf_counter() - started
    for expected, (doc, citations, quotes, terms) in results:
        problems += score_document(expected, citations, quotes, terms, tallies)
        if expected.get("date") and str(doc.date) != expected["date"]:
            problems.append(f"{expected['document']}: date {doc.date}, expected {expected['date']}")
    warm_runs = []
    for _ in range(5):
        started = time.perf_counter()
        for spec in sorted(EXPECTED.glob("*.json")):
            extract(SEEDS / json.loads(spec.read_text(encoding="utf-8"))["document"])
        warm_runs.append(time.perf_counter() - started)
    return tallies, cold, sorted(warm_runs)[len(warm_runs) // 2], problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 when a gated figure is below {FLOOR}")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every difference")
    args = parser.parse_args(argv)
    tallies, cold, warm, problems = run()
    print(f"{'measure':<15}{'precision':>10}{'recall':>8}{'found':>7}{'expected':>9}")
    failing = []
    for name in MEASURES:
        t = tallies[name]
        gate = "" if name in GATED else "  (not gated)"
        print(f"{name:<15}{t.precision:>10.3f}{t.recall:>8.3f}{t.found:>7}{t.expected:>9}{gate}")
        if name in GATED and (t.precision < FLOOR or t.recall < FLOOR):
            failing.append(name)
    print(f"time: {cold * 1000:.0f} ms for the five seeds (first run, imports included); "
          f"{warm * 1000:.0f} ms warm (median of 5)")
    details = problems + [m for name in MEASURES for m in tallies[name].misses]
    if args.verbose or (args.check and failing):
        for line in details:
            print("  " + line)
    if problems:
        failing.append("problems")
    if args.check and failing:
        print(f"FAIL: below {FLOOR}: {', '.join(failing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
