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
follows each first run: its time, the speed-up, and the requests the site saw. The corpus as
built has 30% failing quotes, and a failing quote gets a fresh copy of its page every night
(its link is due); so a steady-state corpus (the documents quoting only the pages whose quote
verifies, as a maintained corpus would) is timed too: there, nothing is due.
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
    """Fetching, page text, matching, store and evidence: the checking stage, without start-up,
    document extraction and the report (each printed on its own)."""
    return m.stages.get("checking", 0.0)


def describe_stages(m: Measured) -> str:
    st = m.stages
    known = st.get("documents", 0) + st.get("checking", 0) + st.get("report", 0)
    return (f"documents {st.get('documents', 0):.2f} s, fetch+text+match+store+evidence "
            f"{st.get('checking', 0):.2f} s (fetching process CPU {st.get('checking_cpu', 0):.1f}"
            f" s), report {st.get('report', 0):.2f} s, start-up and exit "
            f"{m.seconds - known:.2f} s")


def mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


@dataclass
class Incremental:
    """A first and a second run of one corpus on the same database."""

    first: Measured
    second: Measured
    requests: int  # made by the second run

    def line(self) -> str:
        first, second = self.first, self.second
        return (f"{first.seconds:.2f} s then {second.seconds:.2f} s: "
                f"{first.seconds / second.seconds:.1f}x faster (checking stage "
                f"{pipeline_seconds(first):.2f} s vs {pipeline_seconds(second):.2f} s); "
                f"the second run made {self.requests} requests\n"
                f"         second run: {describe_stages(second)}")


def verifier_command(docs: Path, run_dir: Path, workers: int, per_host: int) -> list[str]:
    return [sys.executable, "-m", "verifier", "run", str(docs),
            "--db", str(run_dir / "verifier.db"), "--log-file", str(run_dir / "log"),
            "--archive-dir", str(run_dir / "archive"), "--report-dir", str(run_dir / "reports"),
            "--no-wayback", "--allow-private-hosts", "--quiet",
            "--concurrency", str(workers), "--per-host", str(per_host)]


def timed_run(command: list[str], run_dir: Path) -> Measured:
    measured = measure(command, cwd=run_dir)
    measured.stages = stages(run_dir / "log")
    return measured


def second_run(command: list[str], run_dir: Path, site: LocalSite, first: Measured
               ) -> Incremental:
    site.requests(reset=True)
    again = timed_run(command, run_dir)
    return Incremental(first, again, site.requests())


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
                        help="also time second runs on unchanged corpora (warm database): the "
                             "corpus as built, and a steady-state one whose quotes all verify")
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
    steady = [p for p in cited if p.kind == "verbatim"]
    html_kb = sum((site_root / str(p.host) / p.path.lstrip("/")).stat().st_size
                  for p in cited[:200]) / min(200, len(cited)) / 1024
    site = LocalSite(site_root, args.hosts, args.latency)
    bare_runs: list[Measured] = []
    full_runs: list[Measured] = []
    as_built: list[Incremental] = []
    maintained: list[Incremental] = []
    n = len(cited)
    try:
        with tempfile.TemporaryDirectory(prefix="verifier-throughput-") as tmp:
            work = Path(tmp)
            docs = work / "docs"
            documents = write_documents(docs, cited, port=site.port,
                                        per_document=args.per_document, seed=args.seed)
            steady_docs = work / "steady-docs"
            if args.incremental:
                write_documents(steady_docs, steady, port=site.port,
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
                command = verifier_command(docs, run_dir, args.workers, per_host)
                site.requests(reset=True)
                full = timed_run(command, run_dir)
                full_runs.append(full)
                first_requests = site.requests()
                counts, right = verdicts(run_dir / "verifier.db", cited, site.port)
                print(f"run {attempt + 1}: bare requests {describe(bare, n)}\n"
                      f"       verifier run  {describe(full, n)}; {first_requests} requests\n"
                      f"         stages: {describe_stages(full)}\n"
                      f"       ratio (bare time / verifier time): whole command "
                      f"{bare.seconds / full.seconds:.2f}, checking stage "
                      f"{bare.seconds / pipeline_seconds(full):.2f}", flush=True)
                print(f"       verdicts {dict(sorted(counts.items()))}; {right}/{n} as built",
                      flush=True)
                if args.incremental:
                    as_built.append(second_run(command, run_dir, site, full))
                    print(f"       incremental, corpus as built ({n - len(steady)} quotes built not to verify:"
                          f" failing ones re-fetch their pages): {as_built[-1].line()}", flush=True)
                    steady_dir = work / f"steady{attempt}"
                    steady_dir.mkdir()
                    steady_command = verifier_command(steady_docs, steady_dir, args.workers,
                                                      per_host)
                    steady_first = timed_run(steady_command, steady_dir)
                    maintained.append(second_run(steady_command, steady_dir, site, steady_first))
                    print(f"       incremental, steady state ({len(steady)} pages, every quote "
                          f"verified): {maintained[-1].line()}", flush=True)
    finally:
        site.close()

    bare_s = statistics.median(m.seconds for m in bare_runs)
    full_s = statistics.median(m.seconds for m in full_runs)
    pipe_s = statistics.median(pipeline_seconds(m) for m in full_runs)
    print(f"\nmedians of {args.repeat} (N={n}, {args.workers} workers):")
    print(f"  bare requests: {n / bare_s:.0f} URLs/s ({bare_s:.2f} s), CPU "
          f"{statistics.median(m.cpu for m in bare_runs):.1f} s, peak RSS "
          f"{mb(int(statistics.median(m.peak_rss for m in bare_runs)))}")
    print(f"  verifier run: {n / full_s:.0f} URLs/s ({full_s:.2f} s whole command), CPU "
          f"{statistics.median(m.cpu for m in full_runs):.1f} s, peak RSS "
          f"{mb(int(statistics.median(m.peak_rss for m in full_runs)))} (PSS "
          f"{mb(int(statistics.median(m.peak_pss for m in full_runs)))})")
    for name in ("documents", "checking", "checking_cpu", "report"):
        print(f"    {name:13s} {statistics.median(m.stages.get(name, 0.0) for m in full_runs):6.2f} s")
    print(f"  ratio: {bare_s / full_s:.2f} whole command, {bare_s / pipe_s:.2f} checking stage "
          f"(fetch, text, match, store, evidence: {pipe_s:.2f} s)")
    for label, runs in (("as built", as_built), ("steady state", maintained)):
        if runs:
            first_s = statistics.median(r.first.seconds for r in runs)
            again_s = statistics.median(r.second.seconds for r in runs)
            made = statistics.median(r.requests for r in runs)
            print(f"  incremental, {label}: first run {first_s:.2f} s, second run {again_s:.2f} s:"
                  f" {first_s / again_s:.1f}x faster; the second run made {made:.0f} requests")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
