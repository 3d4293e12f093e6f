"""Throughput of the full `verifier run` against a bare requests client (printed figures).

    python -m bench.throughput [--pages 2000] [--workers 64] [--repeat 3]
    python -m bench.throughput --pages 5000
    python -m bench.throughput --incremental

A local site (bench.site, its own process) serves `--pages` realistic news pages over
`--hosts` hosts (127.0.0.2, 127.0.0.3, ...) with 50 ms latency. Markdown documents quote
every page with an attribution. Then, each `--repeat` times:
  - the bare client (bench.bareclient: requests + threads, same concurrency) fetches every page;
  - `verifier run --no-wayback` does the whole job on a fresh database: documents, fetching,
    page text, matching, provenance in SQLite, WARC evidence, the HTML report.
Printed: URLs/s of both, their ratio, CPU seconds and peak RSS (summed over the process and
its children), and whether the verdicts are the ones the corpus was built to give.
With --incremental, a second `verifier run` on the unchanged corpus with the warm database
follows each first run: its time, the speed-up, and the requests the site saw (none are due).
Medians over the repeats are printed last.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bench.corpus import CitedPage, build_pages, page_url, write_documents
from bench.site import requests_served

EXPECTED = {"verbatim": "verified", "changed": "partial", "absent": "not_found"}


@dataclass
class Measured:
    """One timed subprocess: wall and CPU seconds, peak memory."""

    seconds: float
    cpu: float
    peak_rss: int  # bytes, the process and its children summed, sampled
    peak_pss: int  # the same in proportional set size: shared pages counted once
    output: str
    stages: dict[str, float] = field(default_factory=dict)  # from verifier's log


def measure(command: list[str], *, cwd: Path, interval: float = 0.1) -> Measured:
    """Run a command to its end; CPU from rusage of its (waited-for) process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        try:
            root = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        count = 0
        while not done.is_set():
            rss = pss = 0
            full = count % 5 == 0  # PSS reads /proc/*/smaps: dearer, so sampled less often
            count += 1
            try:
                for p in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                        if full:
                            info = p.memory_full_info()
                            pss += getattr(info, "pss", info.rss)
                        else:
                            info = p.memory_info()
                        rss += info.rss
            except psutil.NoSuchProcess:
                break
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode not in (0, 1):  # verifier exits 1 when quotes fail, as built
        raise SystemExit(f"{' '.join(command[:4])} ... exited {process.returncode}:\n{output}")
    return Measured(seconds, cpu, peak, peak_pss, output)


class LocalSite:
    """The benchmark's web site, in its own process."""

    def __init__(self, root: Path, hosts: int, latency: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.site", "--root", str(root), "--hosts", str(hosts),
             "--latency", str(latency)], stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.strip().isdigit():
            self.close()
            raise SystemExit("the benchmark site did not start")
        self.port = int(line)

    def requests(self, *, reset: bool = False) -> int:
        return requests_served(self.port, reset=reset)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def verdicts(db: Path, cited: list[CitedPage], port: int) -> tuple[Counter[str], int]:
    """Best verdict counts of the latest run, and how many are the verdict the page was built for."""
    kinds = {page_url(p, port): p.kind for p in cited}
    conn = sqlite3.connect(db)
    try:
        run_id = conn.execute("select max(id) from runs").fetchone()[0]
        rows = conn.execute("select url, status from checks where run_id=? and best=1",
                            [run_id]).fetchall()
    finally:
        conn.close()
    counts = Counter(status for _url, status in rows)
    right = sum(EXPECTED.get(kinds.get(url, ""), "") == status for url, status in rows)
    return counts, right


STAGE_LINES = {
    "documents": re.compile(r"documents: \d+ loaded in ([\d.]+) s"),
    "checking": re.compile(r"sources: \d+ fetched, \d+ checked in ([\d.]+) s"),
    "checking_cpu": re.compile(r"checked in [\d.]+ s \(CPU of this process ([\d.]+) s\)"),
    "report": re.compile(r"report: written in ([\d.]+) s"),
}


def stages(log: Path) -> dict[str, float]:
    """Seconds of each stage of the latest run in a verifier log file."""
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    found = {}
    for name, pattern in STAGE_LINES.items():
        matches = pattern.findall(text)
        if matches:
            found[name] = float(matches[-1])
    return found


def describe(m: Measured, n: int) -> str:
    parts = [f"{n / m.seconds:5.0f} URLs/s ({m.seconds:.2f} s", f"CPU {m.cpu:.1f} s",
             f"peak RSS {mb(m.peak_rss)}, PSS {mb(m.peak_pss)})"]
    return ", ".join(parts)


def pipeline_seconds(m: Measured) -> float:
    """Documents, fetching, page text, matching, store and evidence: the run less its start-up
    and its report."""
    return m.stages.get("documents", 0.0) + m.stages.get("checking", 0.0)


def mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--workers", type=int, default=64, help="concurrency of both clients")
    parser.add_argument("--per-host", type=int, default=0,
                        help="verifier's per-host limit (default: workers / hosts, at least 2)")
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--per-document", type=int, default=20, help="pages cited per document")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--incremental", action="store_true",
                        help="also time a second run on the unchanged corpus (warm database)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "verifier-bench",
                        help="where built pages are kept between benchmark runs")
    args = parser.parse_args(argv)
    per_host = args.per_host or max(2, -(-args.workers // args.hosts))
    root = Path(__file__).resolve().parent.parent

    site_root = args.cache / f"site2-{args.pages}-{args.hosts}-{args.seed}"
    print(f"building {args.pages} pages on {args.hosts} hosts (cached in {site_root}) ...",
          flush=True)
    cited = build_pages(site_root, pages=args.pages, hosts=args.hosts, seed=args.seed)
    html_kb = sum((site_root / str(p.host) / p.path.lstrip("/")).stat().st_size
                  for p in cited[:200]) / min(200, len(cited)) / 1024
    site = LocalSite(site_root, args.hosts, args.latency)
    bare_runs: list[Measured] = []
    full_runs: list[Measured] = []
    again_runs: list[tuple[Measured, int]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="verifier-throughput-") as tmp:
            work = Path(tmp)
            docs = work / "docs"
            documents = write_documents(docs, cited, port=site.port,
                                        per_document=args.per_document, seed=args.seed)
            urls = work / "urls.txt"
            urls.write_text("\n".join(page_url(p, site.port) for p in cited) + "\n")
            print(f"{len(cited)} pages of ~{html_kb:.0f} KB HTML, {len(documents)} documents of "
                  f"{args.per_document} quoted sources; {args.workers} workers, per-host limit "
                  f"{per_host}, {args.latency * 1000:.0f} ms latency\n", flush=True)
            for attempt in range(args.repeat):
                bare = measure([sys.executable, "-m", "bench.bareclient", str(urls),
                                "--workers", str(args.workers)], cwd=root)
                bare_runs.append(bare)
                run_dir = work / f"run{attempt}"
                run_dir.mkdir()
                command = [sys.executable, "-m", "verifier", "run", str(docs),
                           "--db", str(run_dir / "verifier.db"), "--log-file", str(run_dir / "log"),
                           "--archive-dir", str(run_dir / "archive"),
                           "--report-dir", str(run_dir / "reports"),
                           "--no-wayback", "--allow-private-hosts", "--quiet",
                           "--concurrency", str(args.workers), "--per-host", str(per_host)]
                site.requests(reset=True)
                full = measure(command, cwd=run_dir)
                full.stages = stages(run_dir / "log")
                full_runs.append(full)
                first_requests = site.requests()
                counts, right = verdicts(run_dir / "verifier.db", cited, site.port)
                n = len(cited)
                st = full.stages
                print(f"run {attempt + 1}: bare requests {describe(bare, n)}\n"
                      f"       verifier run  {describe(full, n)}; {first_requests} requests\n"
                      f"         stages: documents {st.get('documents', 0):.2f} s, fetch+text+match"
                      f"+store+evidence {st.get('checking', 0):.2f} s, report "
                      f"{st.get('report', 0):.2f} s, start-up and exit "
                      f"{full.seconds - sum(st.values()):.2f} s\n"
                      f"       ratio (bare time / verifier time): whole command "
                      f"{bare.seconds / full.seconds:.2f}, pipeline without report "
                      f"{bare.seconds / pipeline_seconds(full):.2f}", flush=True)
                print(f"       verdicts {dict(sorted(counts.items()))}; {right}/{n} as built",
                      flush=True)
                if args.incremental:
                    site.requests(reset=True)
                    again = measure(command, cwd=run_dir)
                    again.stages = stages(run_dir / "log")
                    made = site.requests()
                    again_runs.append((again, made))
                    print(f"       second run (warm database, unchanged corpus): "
                          f"{again.seconds:.2f} s ({pipeline_seconds(again):.2f} s without start-up"
                          f" and report), {made} requests; {full.seconds / again.seconds:.1f}x "
                          f"faster ({pipeline_seconds(full) / pipeline_seconds(again):.1f}x)",
                          flush=True)
    finally:
        site.close()

    n = len(cited)
    bare_s = statistics.median(m.seconds for m in bare_runs)
    full_s = statistics.median(m.seconds for m in full_runs)
    pipe_s = statistics.median(pipeline_seconds(m) for m in full_runs)
    print(f"\nmedians of {args.repeat} (N={n}, {args.workers} workers):")
    print(f"  bare requests: {n / bare_s:.0f} URLs/s ({bare_s:.2f} s), CPU "
          f"{statistics.median(m.cpu for m in bare_runs):.1f} s, peak RSS "
          f"{mb(int(statistics.median(m.peak_rss for m in bare_runs)))}")
    print(f"  verifier run: {n / full_s:.0f} URLs/s ({full_s:.2f} s whole command; "
          f"{pipe_s:.2f} s pipeline without start-up and report), CPU "
          f"{statistics.median(m.cpu for m in full_runs):.1f} s, peak RSS "
          f"{mb(int(statistics.median(m.peak_rss for m in full_runs)))} (PSS "
          f"{mb(int(statistics.median(m.peak_pss for m in full_runs)))})")
    print(f"  ratio: {bare_s / full_s:.2f} whole command, {bare_s / pipe_s:.2f} pipeline")
    if again_runs:
        again_s = statistics.median(m.seconds for m, _ in again_runs)
        again_pipe = statistics.median(pipeline_seconds(m) for m, _ in again_runs)
        made = statistics.median(r for _, r in again_runs)
        print(f"  incremental: first run {full_s:.2f} s, second run {again_s:.2f} s: "
              f"{full_s / again_s:.1f}x faster (pipeline {pipe_s:.2f} s vs {again_pipe:.2f} s: "
              f"{pipe_s / again_pipe:.1f}x); the second run made {made:.0f} requests")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
