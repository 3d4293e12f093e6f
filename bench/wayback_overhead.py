"""Prints what WaybackClient adds to a bare requests call (pacing off), against the local
fake Wayback Machine: python bench/wayback_overhead.py [calls]."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import requests

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "tests"),
                str(Path(__file__).resolve().parents[1])]

from fakewayback import FakeWayback  # noqa: E402

from verifier.config import Settings  # noqa: E402
from verifier.net.wayback import WaybackClient  # noqa: E402

URL = "http://news.example.com/story"


def main(calls: int) -> None:
    fake = FakeWayback()
    try:
        for year in range(2000, 2024):
            fake.capture(URL, f"{year}0101000000", "<html><body>x</body></html>")
        session = requests.Session()
        query = f"{fake.base}/cdx/search/cdx?url=http%3A%2F%2Fnews.example.com%2Fstory" \
            "&limit=-1&filter=statuscode%3A200&gzip=false"
        started = time.perf_counter()
        for _ in range(calls):
            assert session.get(query, timeout=5).text
        bare = (time.perf_counter() - started) / calls
        settings = Settings(wayback_url=fake.base, wayback_lookups_per_minute=1e9,
                            wayback_budget=1e9)
        client = WaybackClient(settings, keys=None)
        started = time.perf_counter()
        for _ in range(calls):
            client.captures(URL, limit=-1)
        ours = (time.perf_counter() - started) / calls
    finally:
        fake.close()
    print(f"CDX lookups: {calls}")
    print(f"bare requests.get:        {bare * 1000:.2f} ms/call")
    print(f"WaybackClient.captures:   {ours * 1000:.2f} ms/call "
          f"(+{(ours - bare) * 1000:.2f} ms: waybackpy parsing, pacer, deadline reads)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
