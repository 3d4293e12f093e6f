"""Test helpers for the Wayback tests: an injected clock whose sleep only moves time, and a
small raw-snapshot fetcher wired the way the pipeline wires the real Fetcher (paced by the
client, redirect Locations rewritten onto the base URL)."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from fixtureweb import FixtureWeb, Reply, Request

from verifier.archiving import Archivist
from verifier.config import Settings
from verifier.fetching import Fetcher
from verifier.models import Fetch, Hop, Snapshot
from verifier.net.wayback import WaybackClient
from verifier.status import LinkStatus

if TYPE_CHECKING:
    from fakewayback import FakeWayback


# What the Wayback tests share: the cited page, SPN2 keys, the CDX JSON header and a digest.
PAGE = "http://news.example.com/2021/story.html"
KEYS = ("access", "secret")
HEADER = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
DIGEST = "A" * 32
KEY = "com,example,news)/2021/story.html"  # the CDX urlkey (SURT) of PAGE
CITED = date(2021, 6, 1)  # the day a document cited PAGE
HOME = "http://news.example.com/"  # PAGE's site's front page
SAID = "the new ferry terminal will open to passengers in the first week of March"  # quoted
QUOTED = f"<html lang='en'><body><p>The harbour master said {SAID}.</p></body></html>"  # holds it
# The Archive's own page while it is down: served with 200, no Memento-Datetime.
MAINTENANCE = ("<!DOCTYPE html><html><head><title>Internet Archive: Scheduled Maintenance"
               "</title></head><body><p>The Wayback Machine is temporarily offline for "
               "scheduled maintenance. Please check back soon.</p></body></html>")


def page(text: str) -> str:
    """A minimal HTML page holding `text`."""
    return f"<html><body><p>{text}</p></body></html>"


def stamp(when: datetime) -> str:
    """A Wayback timestamp (14 digits) of a moment."""
    return when.strftime("%Y%m%d%H%M%S")


def forbid_real_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Make a real time.sleep in the test's own thread or the background save worker fail
    the test (waybackpy's hidden waits); the local servers' deliberate delays still run.
    Returns the list of forbidden sleeps, for the fixture to assert empty."""
    slept: list[float] = []
    real_sleep = time.sleep
    test_thread = threading.current_thread()

    def guarded(seconds: float) -> None:
        current = threading.current_thread()
        if current is not test_thread and current.name != "verifier-saves":
            return real_sleep(seconds)
        slept.append(seconds)
        raise AssertionError(f"real time.sleep({seconds}) called in {current.name}")

    monkeypatch.setattr(time, "sleep", guarded)
    return slept


class FakeClock:
    """clock()/sleep() pair: sleeping advances time at once and is recorded."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += max(0.0, seconds)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


def raw_fetcher(client: WaybackClient, *, max_hops: int = 5) -> Callable[[str], Fetch]:
    """fetch_raw for the Archivist: GET with the pacer before every request and every
    redirect Location rewritten by the client (a web.archive.org hop would leave loopback, a
    flagless capture address would serve the toolbar)."""
    session = requests.Session()

    def fetch(url: str) -> Fetch:
        hops: list[Hop] = []
        current = url
        for _ in range(max_hops + 1):
            client.pace_lookup()
            response = session.get(current, allow_redirects=False, timeout=5)
            location = response.headers.get("Location")
            if response.status_code in (301, 302, 303, 307, 308) and location:
                target = client.replay_location(urljoin(current, location))
                hops.append(Hop(current, response.status_code, target))
                current = target
                continue
            ok = response.status_code == 200
            status = (LinkStatus.REDIRECTED if hops else LinkStatus.OK) if ok else \
                LinkStatus.DEAD if response.status_code == 404 else LinkStatus.ERROR
            return Fetch(url=url, link_status=status, reason=f"HTTP {response.status_code}",
                         fetched_at=datetime.now(UTC), http_status=response.status_code,
                         final_url=current, redirects=hops,
                         content_type=response.headers.get("Content-Type"),
                         headers=dict(response.headers),
                         sha256=hashlib.sha256(response.content).hexdigest(),
                         size=len(response.content), body=response.content)
        return Fetch(url=url, link_status=LinkStatus.ERROR, reason="too many redirects",
                     fetched_at=datetime.now(UTC), final_url=current, redirects=hops)

    return fetch


def client_for(base: str, clock: FakeClock, *, keys: tuple[str, str] | None = None,
               now: datetime | None = None, **settings: object) -> WaybackClient:
    """A client on the injected clock, at a fixed `now`, with only the given keys."""
    moment = now or datetime.now(UTC)
    return WaybackClient(Settings(wayback_url=base, **settings),  # type: ignore[arg-type]
                         clock=clock, sleep=clock.sleep, keys=keys, now=lambda: moment)


def archivist_for(wayback: FakeWayback, clock: FakeClock, **kw: object) -> Archivist:
    """An Archivist on the fake Wayback, its raw copies fetched as the pipeline does."""
    client = client_for(wayback.base, clock, **kw)  # type: ignore[arg-type]
    return Archivist(client, raw_fetcher(client), client.settings, clock=clock)


def wired_archivist(base: str, clock: FakeClock, **settings: object) -> Archivist:
    """An Archivist whose snapshots the real Fetcher reads, wired as the pipeline wires it."""
    client = client_for(base, clock, **settings)  # type: ignore[arg-type]
    fetcher = Fetcher(Settings(allow_private_hosts=True, retries=3), clock=clock, sleep=clock.sleep)

    def fetch_snapshot(raw_url: str) -> Fetch:
        return fetcher.fetch(raw_url, trusted=True, before_attempt=client.pace_lookup,
                             rewrite_location=client.replay_location)

    return Archivist(client, fetch_snapshot, client.settings, clock=clock)


def timestamps(copies: list[tuple[Snapshot, Fetch]]) -> list[str]:
    """The timestamps of some copies, in their order."""
    return [s.timestamp for s, _ in copies]


def write_wayback_config(root: Path, wayback: FakeWayback, extra: str = "") -> None:
    """verifier.toml for a run against the fake Wayback, paced fast enough for tests."""
    (root / "verifier.toml").write_text(
        f'wayback_url = "{wayback.base}"\nallow_private_hosts = true\nretries = 0\n'
        "wayback_lookups_per_minute = 6000\nwayback_saves_per_minute = 6000\n" + extra)


def dated_note(root: Path, name: str, day: str, said: str, url: str) -> Path:
    """A note dated `day` quoting `said` (Tom Field, the harbour master), citing url in its
    footnote."""
    path = root / name
    path.write_text(f"Ferry news, {day}\n\nHarbour master Tom Field said that “{said}.”1\n\n"
                    f"1 {url}\n", encoding="utf-8")
    return path


def exported_quotes(run_cli: Callable[..., Any]) -> list[dict[str, object]]:
    """The quotes of the last run, as `verifier export --format json` lists them."""
    quotes: list[dict[str, object]] = json.loads(run_cli("export", "--format", "json").out)["quotes"]
    return quotes


# -- a Wayback scripted on the fixture web, for answers the fake does not give ---------------------
@pytest.fixture
def fweb() -> Iterator[FixtureWeb]:
    """A fixture web of the test's own, beside the `web` fixture (a ScriptedArchive's host)."""
    server = FixtureWeb()
    yield server
    server.close()


def row(ts: str, *, url: str = PAGE, status: str = "200", mimetype: str = "text/html",
        digest: str = DIGEST, length: str = "100") -> str:
    """One plain-text CDX row, as the real server prints it."""
    return f"{KEY} {ts} {url} {mimetype} {status} {digest} {length}"


def memento_date(ts: str) -> str:
    """The Memento-Datetime header value of a 14-digit timestamp."""
    return format_datetime(datetime.strptime(ts, "%Y%m%d%H%M%S").replace(tzinfo=UTC),
                           usegmt=True)


class ScriptedArchive:
    """A Wayback on the fixture web: CDX answers by a function of the query, replays by
    "timestamp/original" or by timestamp alone (a 200 reply gets the Memento-Datetime every
    real replay carries, unless it names its own)."""

    def __init__(self, web: FixtureWeb, cdx: Callable[[dict[str, str]], Reply],
                 replays: dict[str, Reply] | None = None) -> None:
        self.web = web
        self.replays = replays or {}
        web.route("/cdx/search/cdx", lambda r: cdx(cdx_query(r)))
        web.route("*", self._replay)

    def _replay(self, request: Request) -> Reply:
        m = re.match(r"^/web/(\d{14})id_/(.+)$", request.path)
        if not m:
            return Reply(404, "<title>Wayback Machine</title>Hrm.")
        reply = self.replays.get(f"{m.group(1)}/{m.group(2)}") or self.replays.get(m.group(1))
        if reply is None:
            return Reply(404, "<title>Wayback Machine</title>Hrm.")
        if reply.status == 200 and "Memento-Datetime" not in reply.headers:
            reply.headers = {**reply.headers, "Memento-Datetime": memento_date(m.group(1))}
        return reply

    def archivist(self, clock: FakeClock, **settings: object) -> Archivist:
        client = client_for(self.web.base(), clock, **settings)  # type: ignore[arg-type]
        return Archivist(client, raw_fetcher(client), client.settings, clock=clock)


def cdx_query(request: Request) -> dict[str, str]:
    """The parameters of a CDX request, first value of each."""
    return {k: v[0] for k, v in parse_qs(urlsplit(request.path).query).items()}


def plain(*rows: str) -> Callable[[dict[str, str]], Reply]:
    """The same plain-text answer to every CDX query (a server ignoring from/to/limit)."""
    text = "\n".join(rows) + "\n"
    return lambda _q: Reply(body=text, content_type="text/plain")


@pytest.fixture(autouse=True)
def hygiene_except_whole_runs(request: pytest.FixtureRequest) -> None:
    """The sleep guard (archive_hygiene) for every test of a module importing this, but whole
    runs, whose background saves wait in real time between polls."""
    if "workspace" not in request.fixturenames:
        request.getfixturevalue("archive_hygiene")


def copies_when_the_closest_holds(web: FixtureWeb, clock: FakeClock, body: str) -> list[str]:
    """The timestamps of the copies read when the capture closest before CITED (20210520)
    holds `body` and the one before it (20210101) the page."""
    archive = ScriptedArchive(web, plain(row("20210101000000", digest="B" * 32),
                                         row("20210520000000")), {
        "20210101000000": Reply(body=page("the words")),
        "20210520000000": Reply(body=body)})
    return timestamps(archive.archivist(clock).copies(PAGE, CITED))
