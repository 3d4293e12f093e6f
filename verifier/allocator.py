"""How many malloc arenas the run's process keeps.

glibc gives a thread that allocates while another thread holds the heap's lock an arena of its
own, up to eight per core, and an arena keeps the memory its thread freed for reuse by that
arena only. A run's fetching threads (64 by default) each read bodies of tens of kilobytes
into memory, so the process grows one arena per thread and holds each one's high-water mark.
Two arenas hold the same work: the threads mostly wait on the network, and Python's own small
objects never go through malloc's arenas. On the throughput benchmark's corpus (5,000 pages,
64 workers) the run's process peaked 8 to 10 MB lower while checking, sampled with psutil, and
the summed peak `bench.throughput` prints fell from 299-303 MB to 292-298 MB.

Only the command sets this, before it starts a thread: a program importing verifier keeps its
own allocator settings, and an operator's MALLOC_ARENA_MAX wins over ours.
"""

from __future__ import annotations

import ctypes
import os
import sys

RUN_ARENAS = 2
_M_ARENA_MAX = -8  # glibc's <malloc.h>


def limit_arenas(arenas: int = RUN_ARENAS) -> bool:
    """Limit glibc's malloc to `arenas` arenas in this process; whether the limit was set
    (False off Linux, on a C library without mallopt, or when MALLOC_ARENA_MAX is set)."""
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this process runs on
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_ARENA_MAX, arenas))
