"""Peak memory of a child process while it runs, for the benchmarks and the memory tests.

RSS is sampled with psutil (the child and its own children summed) until the child exits;
a sample missed while a process ends is skipped.
"""

from __future__ import annotations

import contextlib
import subprocess
from typing import Any

import psutil


def run_sampling_rss(command: list[str], *, interval: float = 0.1,
                     **popen: Any) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run `command` to its end: its result (text stdout and stderr) and its peak RSS in bytes."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **popen)
    peak = 0
    with contextlib.suppress(psutil.NoSuchProcess):
        tree = psutil.Process(proc.pid)
        while proc.poll() is None:
            with contextlib.suppress(psutil.NoSuchProcess):
                processes = [tree, *tree.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in processes))
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=interval)
    out, err = proc.communicate()
    return subprocess.CompletedProcess(command, proc.returncode, out, err), peak
