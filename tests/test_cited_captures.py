"""A citation of a Wayback capture (https://web.archive.org/web/<ts>/<url>) cites that
capture: it is read raw through the archive's paced path (and the configured Wayback base
URL), quotes are judged against it as `verified_archive`, its own link status says how the
capture replayed, and no CDX lookup or save is ever made for the Wayback address itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CliResult
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb
from wayback_support import write_wayback_config

from verifier.net.waybackurls import cited_memento
from verifier.text.urls import normalize_url

SAID = "the new ferry terminal will open to passengers in the first week of March"
PAGE = f"<html lang='en'><body><p>The harbour master said {SAID}.</p></body></html>"
CHANGED = ("<html lang='en'><body><p>The harbour master said the terminal opening has been "
           "postponed indefinitely.</p></body></html>")


def _doc(root: Path, *urls: str) -> Path:
    doc = root / "note.txt"
    notes = "".join(f"{i} {url}\n" for i, url in enumerate(urls, 1))
    marks = "".join(str(i) for i in range(1, len(urls) + 1))
    doc.write_text(f"Ferry news, June 3, 2021\n\nHarbour master Tom Field said that "
                   f"“{SAID}.”{marks}\n\n{notes}", encoding="utf-8")
    return doc


def _export(run_cli: Callable[..., CliResult]) -> dict[str, list[dict[str, object]]]:
    data: dict[str, list[dict[str, object]]] = json.loads(run_cli("export", "--format", "json").out)
    return data


def _link(data: dict[str, list[dict[str, object]]], url: str) -> dict[str, object]:
    return next(c for c in data["citations"] if c["normalized_url"] == normalize_url(url))


def _no_lookup_of_the_archive_address(wayback: FakeWayback) -> None:
    asked = [r.path for r in wayback.requests if r.kind in ("cdx", "available", "save", "save2")]
    assert not [p for p in asked if "archive.org" in p or "%2Fweb%2F" in p], asked


@pytest.mark.parametrize(("url", "expected"), [
    ("https://web.archive.org/web/20190312104500/https://www.example.com/story",
     ("20190312104500", "https://www.example.com/story")),
    ("http://web.archive.org/web/2019/https://example.com/story?a=1",
     ("2019", "https://example.com/story?a=1")),
    ("https://web.archive.org/web/20190312104500id_/http://example.com/story",
     ("20190312104500", "http://example.com/story")),
    ("https://wayback.archive.org/web/20190312/example.com/story",
     ("20190312", "http://example.com/story")),
    ("http://archive.org/wait/20190312104500/https://example.com/story",
     ("20190312104500", "https://example.com/story")),
    ("https://web.archive.org/web/2019/https:/example.com/story",
     ("2019", "https://example.com/story")),
    ("https://web.archive.org/web/20190312104500*/example.com/story", None),  # a listing
    ("https://web.archive.org/web/*/example.com/story", None),
    ("https://example.com/web/20190312104500/https://other.example/", None),
    ("https://archive.org/details/some-book", None),
    # a capture of a capture (someone archived a Wayback page): the inner one is cited
    ("https://web.archive.org/web/20220101000000/https://web.archive.org/web/20190312104500id_/"
     "http://example.com/story", ("20190312104500", "http://example.com/story")),
])
def test_a_cited_capture_address_is_recognised(url: str,
                                               expected: tuple[str, str] | None) -> None:
    assert cited_memento(url) == expected


def test_captures_of_captures_nested_deep_name_the_innermost_without_recursing() -> None:
    url = "http://example.com/a"
    for _ in range(3000):  # an address nobody writes, but a document may hold
        url = f"https://web.archive.org/web/2019/{url}"
    assert cited_memento(url) == ("2019", "http://example.com/a")


def test_a_capture_address_and_its_original_stay_two_citations() -> None:
    original = "https://www.example.com/story"
    memento = f"https://web.archive.org/web/20190312104500/{original}"
    assert normalize_url(memento) != normalize_url(original)
    assert cited_memento(normalize_url(memento) or "") == ("20190312104500", original)


def test_a_quote_citing_a_capture_is_verified_against_that_capture(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    original = web.url("/terminal")
    web.page("/terminal", CHANGED)  # the live page no longer says it: not what was cited
    wayback.capture(original, "20210520000000", PAGE)
    wayback.capture(original, "20240101000000", CHANGED)
    memento = f"https://web.archive.org/web/20210520000000/{original}"
    doc = _doc(workspace, memento)
    write_wayback_config(workspace, wayback, 'save = "always"\n')
    assert run_cli("run", str(doc)).code == 0
    data = _export(run_cli)
    quote = data["quotes"][0]
    assert quote["status"] == "verified_archive"
    assert quote["checked_against"] == "snapshot"
    assert quote["source_url"] == normalize_url(memento)
    assert str(quote["snapshot_url"]).startswith("https://web.archive.org/web/20210520000000/")
    assert "cited Wayback Machine snapshot of 2021-05-20" in str(quote["note"])
    link = _link(data, memento)
    assert link["link_status"] == "ok"
    assert str(link["archive_url"]).startswith("https://web.archive.org/web/20210520000000/")
    snapshots = [r.path for r in wayback.requests if r.kind == "snapshot"]
    assert snapshots == [f"/web/20210520000000id_/{original}"]  # raw, once, at the fake
    assert wayback.count("cdx") == wayback.count("save") == wayback.count("available") == 0
    assert web.hits("/terminal") == 0  # the original was not cited: not fetched


def test_the_wayback_url_option_rewrites_a_cited_capture_of_any_archive_host(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    original = web.url("/terminal")
    wayback.capture(original, "20210520000000", PAGE)
    memento = f"http://wayback.archive.org/web/2021/{original}"  # the nearest capture of 2021
    doc = _doc(workspace, memento)
    (workspace / "verifier.toml").write_text(
        'allow_private_hosts = true\nretries = 0\nsave = "never"\n'
        "wayback_lookups_per_minute = 6000\n")
    assert run_cli("run", "--wayback-url", wayback.base, str(doc)).code == 0
    quote = _export(run_cli)["quotes"][0]
    assert quote["status"] == "verified_archive"
    assert str(quote["snapshot_url"]).startswith("https://web.archive.org/web/20210520000000/")
    assert [r.path for r in wayback.requests if r.kind == "snapshot"][0] == \
        f"/web/2021id_/{original}"
    assert wayback.count("cdx") == 0


def test_no_wayback_fetches_no_cited_capture_and_says_so(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    original = web.url("/terminal")
    wayback.capture(original, "20210520000000", PAGE)
    memento = f"https://web.archive.org/web/20210520000000/{original}"
    doc = _doc(workspace, memento)
    write_wayback_config(workspace, wayback)
    run_cli("run", "--no-wayback", str(doc))
    assert wayback.requests == []
    data = _export(run_cli)
    quote = data["quotes"][0]
    assert quote["status"] == "source_unavailable"
    assert "--no-wayback" in str(quote["note"])
    link = _link(data, memento)
    assert link["link_status"] == "skipped"
    assert "--no-wayback" in str(link["reason"])


def test_a_cited_capture_the_wayback_does_not_have_is_dead(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/terminal", PAGE)
    memento = f"https://web.archive.org/web/20210520000000/{web.url('/terminal')}"
    doc = _doc(workspace, memento)
    write_wayback_config(workspace, wayback, 'save = "always"\n')
    assert run_cli("run", str(doc)).code == 1
    data = _export(run_cli)
    quote = data["quotes"][0]
    assert quote["status"] == "source_unavailable"
    assert "cited Wayback Machine snapshot" in str(quote["note"])
    link = _link(data, memento)
    assert link["link_status"] == "dead"
    assert link["http_status"] == 404
    assert wayback.count("cdx") == wayback.count("save") == 0
    assert web.hits("/terminal") == 0


def test_a_dead_original_cited_with_its_capture(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    web.page("/terminal", "<title>Not Found</title>", status=404)
    original = web.url("/terminal")
    wayback.capture(original, "20210401000000", CHANGED)  # what the index offers as nearest
    wayback.capture(original, "20210520000000", PAGE)  # the capture the document names
    wayback.capture(original, "20210601000000", CHANGED)
    memento = f"https://web.archive.org/web/20210520000000/{original}"
    doc = workspace / "note.txt"
    doc.write_text(f"Ferry news, June 3, 2021\n\nHarbour master Tom Field said that "
                   f"“{SAID}.”1\n\n1 {original} (archived at {memento})\n", encoding="utf-8")
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    run_cli("run", str(doc))
    data = _export(run_cli)
    assert _link(data, original)["link_status"] == "dead"
    assert _link(data, memento)["link_status"] == "ok"
    quote = data["quotes"][0]
    assert quote["status"] == "verified_archive"
    assert quote["source_url"] == normalize_url(memento)
    assert str(quote["snapshot_url"]).startswith("https://web.archive.org/web/20210520000000/")
    assert wayback.count("cdx") >= 1  # the dead original is looked up as usual...
    _no_lookup_of_the_archive_address(wayback)  # ...the capture's address never


def test_a_cited_capture_answered_with_a_page_of_the_wayback_is_no_copy(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    original = web.url("/terminal")
    wayback.capture(original, "20210520000000", PAGE)
    wayback.replay_errors["20210520000000"] = 200  # "cannot be displayed", no Memento-Datetime
    memento = f"https://web.archive.org/web/20210520000000/{original}"
    doc = _doc(workspace, memento)
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    assert run_cli("run", str(doc)).code == 1
    data = _export(run_cli)
    assert data["quotes"][0]["status"] == "source_unavailable"
    link = _link(data, memento)
    assert link["link_status"] == "soft_404"
    assert wayback.count("cdx") == 0
