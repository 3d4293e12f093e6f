"""How long the HTML report takes, and how big it gets, on a large synthetic database.

    .venv/bin/python bench/report_size.py [--documents 200] [--quotes 20] [--citations 10]
        [--runs 5]

Fills a temporary database through the Store API (every quote checked, every link fetched, a
third of the links failing, each run), then times write_report on the last run. Prints figures.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from verifier.models import (
    ArchiveInfo,
    Citation,
    Document,
    Extraction,
    Fetch,
    Quote,
    Snapshot,
    Verdict,
)
from verifier.report import write_report
from verifier.status import LinkStatus, QuoteStatus
from verifier.store import Store
from verifier.storekeys import fetch_key_live


def fill(store: Store, documents: int, quotes: int, citations: int, runs: int) -> int:
    start = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
    extractions = []
    for d in range(documents):
        doc = Document(source=f"/corpus/doc{d:04d}.md", name=f"doc{d:04d}.md", format="md",
                       sha256=f"{d:064x}", text="", title=f"Document {d}")
        cites = [Citation("link", c, c + 1, url=f"https://site{(d * citations + c) % 997}.test/p{c}",
                          normalized_url=f"https://site{(d * citations + c) % 997}.test/p{c}")
                 for c in range(citations)]
        qs = [Quote(f"Quote number {q} of document {d}, with some words", q * 10, q + 1,
                    speaker=f"Speaker {q}", citations=[q % citations]) for q in range(quotes)]
        extractions.append(Extraction(doc, cites, qs))
    run_id = 0
    for r in range(runs):
        at = start + timedelta(days=r)
        run_id = store.start_run(inputs=["/corpus"], settings={}, pid=1, host="bench",
                                 version="bench", started_at=at)
        fetch_ids: dict[str, int] = {}
        for ex in extractions:
            doc_id = store.save_extraction(run_id, ex)
            for url in ex.urls():
                key = fetch_key_live(url)
                if key in fetch_ids:
                    continue
                failing = zlib.crc32(f"{url}{r}".encode()) % 3 == 0
                fetch = Fetch(url=url, fetched_at=at, http_status=404 if failing else 200,
                              link_status=LinkStatus.DEAD if failing else LinkStatus.OK,
                              reason="404" if failing else "200 OK",
                              sha256=None if failing else f"{zlib.crc32(url.encode()):064x}")
                fetch_ids[key] = store.save_fetch(run_id, fetch, link_state={
                    "url": url, "status": str(fetch.link_status), "confirmed": int(failing)})
                snap = Snapshot(url, "20200101000000", f"https://web.archive.org/web/20200101000000/{url}")
                store.save_archive_info(run_id, url, ArchiveInfo(url, closest=snap, newest=snap))
            for quote_id, q in zip(store.quote_ids(doc_id, ex.document.sha256), ex.quotes,
                                   strict=True):
                url = ex.citations[q.citations[0]].normalized_url
                v = Verdict(url=url, status=QuoteStatus.VERIFIED, score=1.0,
                            evidence=f"... {q.text} ...", highlight=(4, 4 + len(q.text)),
                            against="live", checked_at=at)
                store.save_checks(run_id, quote_id, [v], v, fetch_ids, {})
        store.finish_run(run_id, status="completed", counts={}, changes={}, exit_status=0,
                         warnings=[], finished_at=at + timedelta(minutes=5))
    return run_id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--quotes", type=int, default=20, help="quotes per document")
    parser.add_argument("--citations", type=int, default=10, help="citations per document")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        run_id = fill(store, args.documents, args.quotes, args.citations, args.runs)
        filled = time.perf_counter() - t0
        t0 = time.perf_counter()
        path = write_report(store, run_id, Path(tmp) / "reports")
        took = time.perf_counter() - t0
        size = path.stat().st_size
        store.close()
    quotes = args.documents * args.quotes
    print(f"database: {args.documents} documents, {quotes} quotes, "
          f"{args.documents * args.citations} citations, {args.runs} runs (filled in {filled:.1f} s)")
    print(f"report of run {run_id}: {took:.2f} s, {size / 1e6:.1f} MB "
          f"({took / quotes * 1000:.2f} ms per quote)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
