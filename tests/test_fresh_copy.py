"""Incremental runs: a failing quote gets a fresh copy of its page; a new quote inside its
link's interval is checked against the kept copy without a request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fixtureweb import FixtureWeb

import verifier
from verifier.config import load_settings
from verifier.recheck import needs_fresh_copy

PAGE = ("<html lang='en'><body><p>The minister said the harbour will reopen next spring after "
        "the repairs are finished.</p><p>The mayor said the bridge will stay closed all "
        "winter long.</p></body></html>")
T0 = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def _settings(root: Path) -> verifier.Settings:
    return load_settings(env={}, cwd=root, overrides={
        "db": str(root / "v.db"), "archive_dir": str(root / "archive"),
        "report_dir": str(root / "reports"), "allow_private_hosts": True, "no_wayback": True,
        "retries": 0})


def _document(docs: Path, web: FixtureWeb, *quotes: str) -> Path:
    docs.mkdir(exist_ok=True)
    lines = [f"Minister Jane Roe said that “{q}”{i}\n\n" for i, q in enumerate(quotes, start=1)]
    notes = [f"{i} {web.url(f'/page{i}')}\n\n" for i in range(1, len(quotes) + 1)]
    (docs / "a.txt").write_text("".join(lines + notes), encoding="utf-8")
    return docs


def _found(result: verifier.RunResult) -> dict[str, int]:
    return {status: n for status, n in result.counts["quotes"].items() if n}


def _requests(web: FixtureWeb, path: str) -> int:
    return sum(r.path == path for r in web.requests)


def _two_pages_quoted(workspace: Path, web: FixtureWeb) -> Path:
    """A document quoting two pages: the first quote is on its page, the second is not."""
    web.page("/page1", PAGE)
    web.page("/page2", PAGE)
    return _document(workspace / "docs", web,
                     "the harbour will reopen next spring after the repairs are finished.",
                     "the tunnel will reopen next spring after the storms are over.")


def test_a_failing_quote_fetches_its_page_again_inside_the_interval(
        workspace: Path, web: FixtureWeb) -> None:
    docs = _two_pages_quoted(workspace, web)
    settings = _settings(workspace)
    first = verifier.run([str(docs)], settings, now=lambda: T0)
    assert _found(first) == {"verified": 1, "not_found": 1}
    assert (_requests(web, "/page1"), _requests(web, "/page2")) == (1, 1)

    # the page now carries the quote: only a fresh copy can show it
    web.page("/page2", PAGE.replace("</body>", "<p>The tunnel will reopen next spring after "
                                                "the storms are over.</p></body>"))
    second = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(hours=12))
    assert (_requests(web, "/page1"), _requests(web, "/page2")) == (1, 2)
    assert _found(second) == {"verified": 2}

    third = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(hours=13))
    assert (_requests(web, "/page1"), _requests(web, "/page2")) == (1, 2)  # nothing due
    assert _found(third) == {"verified": 2}


def test_a_new_quote_inside_the_interval_is_checked_against_the_kept_copy(
        workspace: Path, web: FixtureWeb) -> None:
    web.page("/page1", PAGE)
    docs = _document(workspace / "docs", web,
                     "the harbour will reopen next spring after the repairs are finished.")
    settings = _settings(workspace)
    verifier.run([str(docs)], settings, now=lambda: T0)
    assert _requests(web, "/page1") == 1

    # a new version of the document quotes the same page again
    text = (docs / "a.txt").read_text(encoding="utf-8")
    (docs / "a.txt").write_text(text.replace(
        "1\n\n1 ", "1\n\nThe mayor said that “the bridge will stay closed all winter long.”1"
        "\n\n1 "), encoding="utf-8")
    second = verifier.run([str(docs)], settings, now=lambda: T0 + timedelta(hours=2))
    assert _requests(web, "/page1") == 1  # the kept copy was read, no request
    assert _found(second) == {"verified": 2}


def test_only_a_quote_failing_at_its_last_check_needs_a_fresh_copy() -> None:
    assert needs_fresh_copy({"status": "not_found"})
    assert needs_fresh_copy({"status": "partial"})
    assert needs_fresh_copy({"status": "source_unavailable"})
    assert not needs_fresh_copy({"status": "verified"})
    assert not needs_fresh_copy({"status": "cross_language"})
    assert not needs_fresh_copy(None)  # never checked (new, or a killed run's)
    assert not needs_fresh_copy({"status": "no such status"})


def test_checking_keeps_nothing_a_recorded_verdict_no_longer_needs(
        workspace: Path, web: FixtureWeb) -> None:
    """A big run must not hold every page's verdicts and headers until its end."""
    from concurrent.futures import ThreadPoolExecutor

    from verifier.archiving import Archivist
    from verifier.checking import Checking, Stages
    from verifier.evidence import EvidenceStore
    from verifier.extraction import extract_path
    from verifier.fetching import Fetcher
    from verifier.net.wayback import WaybackClient
    from verifier.store import Store

    docs = _two_pages_quoted(workspace, web)
    settings = _settings(workspace)
    store = Store.open(settings.db)
    run_id = store.start_run(inputs=[], settings={}, pid=1, host="h", version="0")
    extraction = extract_path(docs / "a.txt")
    doc_id = store.save_extraction(run_id, extraction)
    evidence = EvidenceStore(workspace / "archive", run_label=f"run{run_id}")
    fetcher = Fetcher(settings, evidence=evidence)
    client = WaybackClient(settings)
    stages = Stages(fetcher, evidence, Archivist(client, fetcher.fetch, settings),
                    ThreadPoolExecutor(4), ThreadPoolExecutor(1))
    checking = Checking(store, settings, run_id, lambda: stages, now=lambda: T0,
                        progress=lambda *a: None, interrupt_point=lambda: None, warnings=[])
    checking.run([(doc_id, extraction, store.quote_ids(doc_id, extraction.document.sha256))])
    checking.close(cancel=False)
    for pool in (stages.fetch_pool, stages.archive_pool):
        pool.shutdown()
    fetcher.close()
    evidence.close()
    checks = list(store.rows("select status from checks where run_id=?", [run_id]))
    store.close()
    assert sorted(c["status"] for c in checks) == ["not_found", "verified"]
    assert checking.live_verdicts == {} and checking.link_states == {}
    assert checking.quote_states == {}
    assert all(task.done and not task.live and not task.final
               for tasks in checking.tasks_by_url.values() for task in tasks)
    assert all(not f.headers and not f.attempts for f in checking.live.values())
