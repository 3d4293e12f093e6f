"""Time and peak memory of extracting one very large document (streamed in windows).

    python -m bench.large_document                 # 100 MB of plain prose (.txt)
    python -m bench.large_document --dense         # 100 MB of the seeds and corpus repeated:
                                                   # quotes, footnotes, named sources throughout
    python -m bench.large_document --dense --md    # the same with the Markdown corpus
    python -m bench.large_document --mb 20         # another size

The document is written to a temporary directory and extracted in a child process, whose
peak RSS is sampled (psutil) while it runs; the figures are printed, nothing is gated.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench.memory import run_sampling_rss

ROOT = Path(__file__).resolve().parent.parent
PROSE = "The committee discussed the budget at length and adjourned without a vote. " * 4 + "\n\n"
_CHILD = """
import json, sys
from pathlib import Path
from verifier.extraction import extract_path
e = extract_path(Path(sys.argv[1]))
print(json.dumps({"citations": len(e.citations), "quotes": len(e.quotes)}))
"""


def write_document(path: Path, megabytes: int, dense: bool, markdown: bool) -> None:
    if dense:
        pattern = "*.md" if markdown else "*.txt"
        sources = sorted((ROOT / "tests" / "extraction_corpus").glob(pattern))
        if not markdown:
            sources = sorted((ROOT / "seeds").glob("*.txt")) + sources
        unit = "\n\n".join(p.read_text(encoding="utf-8") for p in sources) + "\n\n"
    else:
        unit = PROSE
    repeats = megabytes * 1_000_000 // len(unit.encode("utf-8")) + 1
    with open(path, "w", encoding="utf-8") as fh:
        for _ in range(repeats):
            fh.write(unit)


def measure(path: Path) -> tuple[float, int, dict]:
    """(seconds, peak RSS in bytes, counts) of extracting `path` in a child process."""
    started = time.perf_counter()
    done, peak = run_sampling_rss([sys.executable, "-c", _CHILD, str(path)], interval=0.2,
                                  cwd=ROOT)
    if done.returncode != 0:
        err = done.stderr.strip()
        raise SystemExit(err.splitlines()[-1] if err else "extraction failed")
    return time.perf_counter() - started, peak, json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mb", type=int, default=100, help="size of the document in MB")
    parser.add_argument("--dense", action="store_true",
                        help="repeat the annotated documents instead of plain prose")
    parser.add_argument("--md", action="store_true", help="a Markdown document")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="verifier-large-") as tmp:
        path = Path(tmp) / ("large.md" if args.md else "large.txt")
        write_document(path, args.mb, args.dense, args.md)
        seconds, peak, counts = measure(path)
        size = path.stat().st_size / 1e6
    kind = ("dense " if args.dense else "prose ") + ("Markdown" if args.md else "text")
    print(f"{size:.0f} MB {kind}: {seconds:.1f} s, peak RSS {peak / 2**20:.0f} MB, "
          f"{counts['citations']} citations, {counts['quotes']} quotes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
