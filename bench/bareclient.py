"""The yardstick of the throughput benchmark: a bare requests + threads client.

    python -m bench.bareclient URLS_FILE --workers 64

Fetches every URL of the file (one a line) with `workers` threads, one pooled requests
Session per thread, reading each body whole; nothing else. Prints one JSON line: how many
answered 200 and how many bytes were read.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

import requests


def fetch_all(urls: list[str], workers: int) -> tuple[int, int]:
    """(responses with status 200, body bytes read) over all URLs."""
    lock = threading.Lock()
    queue = iter(urls)
    totals = [0, 0]

    def worker() -> None:
        session = requests.Session()
        ok = size = 0
        while True:
            with lock:
                url = next(queue, None)
            if url is None:
                break
            response = session.get(url, timeout=30)
            ok += response.status_code == 200
            size += len(response.content)
        with lock:
            totals[0] += ok
            totals[1] += size
        session.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return totals[0], totals[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", type=Path)
    parser.add_argument("--workers", type=int, default=64)
    args = parser.parse_args(argv)
    urls = args.urls.read_text().split()
    ok, size = fetch_all(urls, args.workers)
    print(json.dumps({"ok": ok, "bytes": size}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
