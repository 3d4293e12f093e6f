"""The run's process keeps two malloc arenas, however many threads allocate at once."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CliResult, subprocess_env

# Sixteen threads allocate and free at once (ctypes calls drop the interpreter lock, as the
# fetching threads' reads do), then glibc's malloc_info counts the arenas the process made.
_PROBE = """
import ctypes, re, sys, threading
from verifier.allocator import limit_arenas
if sys.argv[1] == "limit":
    print("limited" if limit_arenas() else "not limited")
libc = ctypes.CDLL(None)
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, (ctypes.c_size_t,)
libc.free.argtypes = (ctypes.c_void_p,)
together = threading.Barrier(16)
def allocate():
    together.wait()
    for _ in range(2000):
        libc.free(libc.malloc(4000))
threads = [threading.Thread(target=allocate) for _ in range(16)]
for t in threads: t.start()
for t in threads: t.join()
libc.fopen.restype, libc.fopen.argtypes = ctypes.c_void_p, (ctypes.c_char_p, ctypes.c_char_p)
libc.fclose.argtypes, libc.malloc_info.argtypes = (ctypes.c_void_p,), (ctypes.c_int, ctypes.c_void_p)
out = libc.fopen(sys.argv[2].encode(), b"w")
libc.malloc_info(0, out)
libc.fclose(out)
print("arenas", len(re.findall(r'<heap nr="\\d+">', open(sys.argv[2]).read())))
"""

glibc_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")


def _arenas(tmp_path: Path, mode: str, **env: str) -> list[str]:
    environment = subprocess_env(**env)
    if not env:
        environment.pop("MALLOC_ARENA_MAX", None)
    done = subprocess.run([sys.executable, "-c", _PROBE, mode, str(tmp_path / "info.xml")],
                          capture_output=True, text=True, env=environment, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")


@glibc_only
def test_threads_allocating_at_once_share_two_arenas_once_limited(tmp_path: Path) -> None:
    unlimited = _arenas(tmp_path, "none")
    limited = _arenas(tmp_path, "limit")
    assert int(unlimited[0].split()[1]) > 2  # glibc's own default: an arena per contending thread
    assert limited[:2] == ["limited", "arenas 2"]


@glibc_only
def test_an_operators_malloc_arena_max_wins(tmp_path: Path) -> None:
    assert _arenas(tmp_path, "limit", MALLOC_ARENA_MAX="3")[:2] == ["not limited", "arenas 3"]


def test_the_run_command_limits_arenas_before_it_runs(
        monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., CliResult]) -> None:
    import verifier.allocator
    import verifier.pipeline

    order: list[str] = []
    monkeypatch.setattr(verifier.allocator, "limit_arenas", lambda: order.append("arenas"))

    def run(*_args: object, **_kwargs: object) -> None:
        order.append("run")
        raise SystemExit(0)

    monkeypatch.setattr(verifier.pipeline, "run", run)
    run_cli("run", "--no-wayback", "seeds")
    assert order == ["arenas", "run"]
