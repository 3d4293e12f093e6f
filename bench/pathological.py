"""Extraction time on pathological documents at two sizes: growth should stay near linear.

    python -m bench.pathological            # each shape at 1x and 2x (default 20,000 units)
    python -m bench.pathological --size 40000

Documents nobody writes on purpose but tools meet: a page of text without full stops holding
thousands of attributed quotations (some 'continued', some with a link each, or quotations
nobody is said to speak, each with its source in parentheses), a paragraph of thousands of
quoted sentences, thousands of notes run together on one line, a citation list of thousands of
dates, long runs of capitalised names, author-date citations (and thousands of quotations
citing them, without a reference list), unbalanced brackets and quotation marks, a word of a
million letters. Each shape is extracted in this process (warm) at `--size` and at twice that;
printed are the seconds at both sizes and their ratio, which is about 2 when the time grows
linearly and about 4 when it grows quadratically. Nothing is gated: timings on a shared
machine are too noisy for a pass mark.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from verifier.workpool import extract_file

NAMES = ["Okafor", "Lindqvist", "Moreau", "Haddad", "Kowalski", "Tanaka", "Ferreira", "Novak"]

SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "quotes in one sentence": (".txt", lambda n: " ".join(
        f"Ann {NAMES[i % 8]} said “the plan number {i} is late”" for i in range(n // 20))),
    "'continued' in one sentence": (".txt", lambda n: " ".join(
        f"“the plan number {i} is late,” Ann {NAMES[i % 8]} continued" for i in range(n // 20))),
    "linked quotes in one sentence": (".md", lambda n: ", and ".join(
        f"Ann {NAMES[i % 8]} said “the plan number {i} is late” ([source](https://e.org/{i}))"
        for i in range(n // 40)) + ".\n"),
    "quotes in one paragraph": (".txt", lambda n: " ".join(
        f"Ann {NAMES[i % 8]} said “the plan number {i} is late.”" for i in range(n // 20))),
    "bare quotes in one sentence": (".txt", lambda n: " ".join(
        f"“the plan number {i} is late” (Fars, December 3, 2017)" for i in range(n // 50)) + "."),
    "notes on one line": (".txt", lambda n: "The minister said so.1\n\n" + " ".join(
        f"{i} https://example.org/report/{i} (accessed 3 May 2021)" for i in range(1, n // 10))),
    "dates in a list": (".txt", lambda n: " ".join(
        f"(Fars, {i % 28 + 1} December 2017;" for i in range(n // 5))),
    "capitalised names": (".txt", lambda n: ", ".join(
        f"Van der {NAMES[i % 8]}" for i in range(n // 2)) + " said “yes, we will build it”."),
    "author-date citations": (".txt", lambda n: " ".join(
        f"{NAMES[i % 8]} ({1990 + i % 30})" for i in range(n // 5)) + " said “a b c d e f”."),
    "cited quotations": (".md", lambda n: "\n\n".join(
        f"The study found that “the plan number {i} is late” ({NAMES[i % 8]}, {1990 + i % 30}, "
        f"p. {i})." for i in range(n // 20))),
    "open brackets and marks": (".txt", lambda n: "(" * n + "“" * n + " said “x y z w” " + "[" * n),
    "one long word": (".txt", lambda n: "a" * (n * 10) + " said “" + "b" * n + "”."),
    "Markdown brackets": (".md", lambda n: "[" * n + "x" + "](" * n),
}


def time_extraction(folder: Path, suffix: str, text: str) -> float:
    path = folder / f"doc{suffix}"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    extract_file(str(path))
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000, help="units of the smaller size")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="verifier-pathological-") as tmp:
        folder = Path(tmp)
        time_extraction(folder, ".txt", "Warm-up: Ann Novak said “the imports are done”.")
        print(f"{'shape':28s} {'KB':>7s} {'1x s':>7s} {'2x s':>7s} {'ratio':>6s}")
        for name, (suffix, build) in SHAPES.items():
            small, large = build(args.size), build(2 * args.size)
            once = time_extraction(folder, suffix, small)
            twice = time_extraction(folder, suffix, large)
            print(f"{name:28s} {len(small.encode()) / 1024:7.0f} {once:7.2f} {twice:7.2f} "
                  f"{twice / max(once, 1e-6):6.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
