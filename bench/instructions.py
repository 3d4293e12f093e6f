"""Instructions per page of one hot-path stage, counted by valgrind's callgrind.

    python -m bench.instructions page_text        # or fetcher_look, match_quote, page_marks
    python -m bench.instructions page_text --pages 40

Timings on a shared two-core machine drift by half between runs; an instruction count does
not, so this is the figure to compare two versions of a hot path by (run it in each checkout).
The stage runs over the matching benchmark's news pages (bench.matching.build); a run that only
builds the pages and warms the stage up on one of them is subtracted, so what is printed is the
stage's own cost per page. Needs valgrind; prints nothing else and gates nothing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Callable

from bench.matching import CONTENT_TYPE, build

DEEP_LINK = "https://news.example/2024/05/budget-talks-stall"  # the address the pages are judged at
ARTICLE_BYTES, SEED = 9_000, 7  # the pages the figures in the README and notes were taken on
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _page_text(page: bytes, _quote: str) -> object:
    from verifier.pagetext import page_text

    return page_text(page, CONTENT_TYPE)


def _fetcher_look(page: bytes, _quote: str) -> object:
    """What the fetcher asks of every fetched page before any text is read (at a deep link)."""
    from verifier.net.linkstatus import login_page_reason
    from verifier.net.pagelook import PageLook

    look = PageLook.of(page, CONTENT_TYPE)
    assert look is not None
    return (look.title, login_page_reason(DEEP_LINK, DEEP_LINK, look, ()), look.block_reason(read_text=False),
            look.trouble_reason(read_text=False), look.error_page_reason(read_text=False))


def _page_marks(page: bytes, _quote: str) -> object:
    """What the page's reader asks of its markup besides its text (a not-found template, a
    canonical home page): the fetcher leaves it to the reader."""
    from verifier.net.linkstatus import markup_verdict

    return markup_verdict(page, CONTENT_TYPE, DEEP_LINK, DEEP_LINK)


def _match_quote(page: bytes, quote: str) -> object:
    """A quote checked against its page, the page's text read first (as the pipeline does)."""
    from verifier.matching import match_quote
    from verifier.pagetext import page_text

    text = page_text(page, CONTENT_TYPE)
    assert text is not None
    return match_quote(quote, text)


STAGES: dict[str, Callable[[bytes, str], object]] = {
    "page_text": _page_text, "fetcher_look": _fetcher_look, "match_quote": _match_quote,
    "page_marks": _page_marks}


def _inner(stage: str, pages: int, work: bool) -> None:
    """Run under callgrind: build the pages, warm the stage up, then (work) run it on each."""
    built = build(pages + 1, ARTICLE_BYTES, SEED)
    run = STAGES[stage]
    run(built[0][0], built[0][1])
    if work:
        for page, quote, _kind in built[1:]:
            run(page, quote)


def _count(stage: str, pages: int, work: bool) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m",
         "bench.instructions", stage, "--pages", str(pages), "--inner", "work" if work else "warm"],
        capture_output=True, text=True, check=True)
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count: {done.stderr[-300:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--pages", type=int, default=40, help="pages counted (default 40)")
    parser.add_argument("--inner", choices=("warm", "work"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inner:
        _inner(args.stage, args.pages, args.inner == "work")
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no count")
        return 1
    per_page = (_count(args.stage, args.pages, True) - _count(args.stage, args.pages, False)) \
        // args.pages
    included = " (its page's text read first, included)" if args.stage == "match_quote" else ""
    print(f"{args.stage}{included}: {per_page:,} instructions per page "
          f"({args.pages} pages of ~{ARTICLE_BYTES // 1000} KB of article in ~38 KB of HTML)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
