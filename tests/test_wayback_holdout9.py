"""A ninth held-out set of real Wayback Machine behaviours, beyond the first eight sets'.

Written before any code change; each expected outcome is what a careful archivist wants,
decided from the services' documentation before running. The fake gained three real
behaviours (see its header): its index keys a page in lower case, as surt does, so the CDX
lists captures of `/AbC12` and `/abc12` together, each row naming the address it was recorded
under; a `url` ending in `*` is a prefix query (the CDX server's documented wildcard); and it can
be served under a path prefix, as a mirror or proxy of the Wayback is. Other answers are served
in the shapes the real endpoints use: Save Page Now 2's documented job answers (`original_url`,
`outlinks`, `resources`, `status_ext` codes not used by the earlier sets), replays carrying the
original's headers as `X-Archive-Orig-*`, and pages in the charsets sites really used.

Shapes: a case-sensitive path or query (short links, video ids) listed under one index key with
other pages; the same page under an upper-case host, `:443` or `:80`; a cited address ending in
`*`; Save Page Now 2 jobs that captured a login wall or the front page, or list outlinks and
resources; documented transient and final `status_ext` codes; a capture whose original only
sent the browser on by a `Refresh` header; `--wayback-url` with a path prefix (lookups, copies,
redirects, saves, a cited capture); a base URL that does not resolve or is not an http(s)
address; and archived pages in windows-1251, KOI8-R (declared by a meta tag only) and undeclared
windows-1252.

First run (on commit d507080, the cases alone): 17 of 28 passed. One miss was this file's
mistake and is mended: the Shift_JIS page quoted with « », which Shift_JIS cannot encode (the
test raised before reading anything); with ASCII marks the note's Japanese quote was still
never taken as a quote by the extraction stage (a CJK quote in an English sentence), so it
never reached the Wayback: that case is now a Russian page in KOI8-R declared only by its meta
tag, which is what it was written to test. Nine were mended with general rules, each with a
focused test in tests/test_wayback_mends9.py: a page's index key tells the case of its path
and query apart (the index folds it; CDX rows of another case are another page's, and a
limited question is asked again whole when they were in its answer) (3); a trailing `*` is
escaped as `%2A` in the CDX's `url` (1); a Save Page Now 2 success whose `original_url` is a
login wall or the front page is no save of the page (2); a replay whose original sent the
browser on by a `Refresh` header (`X-Archive-Orig-Refresh`) is no copy (1); a `wayback_url`
that is not an http(s) address is a usage error (2). One stays a strict xfail: an undeclared
windows-1252 page read as cp1257 by charset detection (a rule of page text). A second batch
of 5 (commit e8dc0b0, written and committed after the first was mended, before it was run: a capture
recorded under an upper-case host, two short links differing in case saved and verified as two
pages, a whole run's SPN2 job landing on a login wall, a save with keys under a base URL with a
path) passed 5 of 5 at its first run. Final: 32 of 33 and one strict xfail.

After the merge (the lead): the strict xfail passes since pages declaring no charset are
decoded with chardetng, Firefox's detector (pagetext._browser_guess), as the xfail's reason
proposed: 33 of 33.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import CliResult
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply
from wayback_support import (
    CITED,
    KEYS,
    PAGE,
    FakeClock,
    ScriptedArchive,
    archivist_for,
    dated_note,
    exported_quotes,
    fweb,
    hygiene_except_whole_runs,
    page,
    plain,
    row,
    stamp,
    timestamps,
    write_wayback_config,
)

from verifier.status import LinkStatus

__all__ = ["fweb", "hygiene_except_whole_runs"]  # shared fixtures, used below

SAID = "the new ferry terminal will open to passengers in the first week of March"
QUOTED = f"<html lang='en'><body><p>The harbour master said {SAID}.</p></body></html>"


# -- the index keys a page in lower case; the page is the address as recorded ---------------------
SHORT = "http://sho.rt/AbC12x"  # a short link: the case of its path names the link
OTHER_SHORT = "http://sho.rt/abc12x"  # another short link, under the same index key


def test_captures_recorded_under_another_case_of_the_path_are_another_page(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """surt lowercases the whole key, so the CDX lists both links' captures for either; on a
    case-sensitive server (most are) `/abc12x` is another page, whatever it holds."""
    wayback.capture(SHORT, "20200101000000", page("the cited link's page"))
    wayback.capture(OTHER_SHORT, "20210501000000", page("another link's page"))
    info = archivist_for(wayback, clock).info(SHORT, CITED)
    assert info.closest is not None and info.closest.timestamp == "20200101000000"
    assert info.newest is not None and info.newest.timestamp == "20200101000000"


def test_a_video_id_archived_only_in_another_case_is_not_archived(wayback: FakeWayback,
                                                                  clock: FakeClock) -> None:
    """`v=dQw4w9WgXcQ` and `v=dqw4w9wgxcq` are two videos: the index's one key for both does
    not make a capture of the one a copy of the other."""
    wayback.capture("https://video.example.com/watch?v=dqw4w9wgxcq", "20210301000000",
                    page("another video"))
    info = archivist_for(wayback, clock).info("https://video.example.com/watch?v=dQw4w9WgXcQ",
                                              CITED)
    assert info.closest is None and info.newest is None
    assert not info.queued


def test_a_replay_served_from_a_capture_of_another_case_is_no_copy(wayback: FakeWayback,
                                                                  clock: FakeClock) -> None:
    """The cited link's capture cannot be replayed; the Wayback redirects to the nearest
    capture under the key, another link's: that is no copy of the cited page."""
    wayback.capture(SHORT, "20210301000000", page("the cited link's page"))
    wayback.capture(OTHER_SHORT, "20210302000000", page("another link's page"))
    wayback.unplayable.add("20210301000000")
    copies = archivist_for(wayback, clock).copies(SHORT, CITED)
    assert all(b"another link" not in (fetch.body or b"") for _, fetch in copies)


@pytest.mark.parametrize("spelling", [
    "http://NEWS.Example.COM/2021/story.html",
    "https://news.example.com:443/2021/story.html",
    "HTTP://news.example.com:80/2021/story.html",
], ids=["upper-case-host", "port-443", "upper-case-scheme-port-80"])
def test_one_page_spelled_with_another_host_case_or_default_port_is_looked_up_once(
        wayback: FakeWayback, clock: FakeClock, spelling: str) -> None:
    """Host names and schemes know no case, and a default port is no port: one page."""
    wayback.capture(PAGE, "20210315000000", page("the words"))
    archivist = archivist_for(wayback, clock)
    one = archivist.info(PAGE, CITED)
    asked = wayback.count("cdx")
    two = archivist.info(spelling, CITED)
    assert one.closest is not None and two.closest is not None
    assert two.closest.timestamp == one.closest.timestamp == "20210315000000"
    assert wayback.count("cdx") == asked


def test_a_cited_address_ending_in_an_asterisk_is_asked_about_as_that_one_page(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """A trailing `*` in the CDX's `url` asks for every page under that prefix: a search for
    `harbour*` is one page, and other searches' captures are not its copies."""
    cited = "http://news.example.com/search?q=harbour*"
    wayback.capture(cited, "20200301000000", page("results for harbour*"))
    wayback.capture("http://news.example.com/search?q=harbour-ferry", "20210501000000",
                    page("results for harbour-ferry"))
    info = archivist_for(wayback, clock).info(cited, CITED)
    assert info.closest is not None and info.closest.timestamp == "20200301000000"
    assert info.newest is not None and info.newest.timestamp == "20200301000000"


# -- Save Page Now 2's documented job answers --------------------------------------------------------
def _spn2_outcome(wayback: FakeWayback, now: datetime, landed: str, body: str) -> None:
    """The status endpoint reports a success capturing `landed` (as it names the address the
    crawler ended on in `original_url`), with the outlinks and resources it lists."""
    wayback.pending_polls = 0
    wayback.capture(landed, stamp(now), body)
    wayback.job_outcome = {
        "status": "success", "timestamp": stamp(now), "original_url": landed,
        "duration_sec": 6.2, "first_archive": False, "http_status": 200,
        "counters": {"outlinks": 2, "embeds": 2},
        "outlinks": ["https://news.example.com/", "https://news.example.com/2021/other.html"],
        "resources": [landed, "https://news.example.com/static/site.css",
                      "https://news.example.com/static/site.js"],
    }


@pytest.mark.parametrize("landed", [
    "https://news.example.com/account/login?next=%2F2021%2Fstory.html",
    "https://news.example.com/",
], ids=["login-wall", "front-page"])
def test_an_spn2_job_that_captured_another_page_is_not_a_save_of_the_page(
        wayback: FakeWayback, clock: FakeClock, landed: str) -> None:
    """The job's `original_url` is where the crawler ended: a login wall or the front page
    captured is no archived copy of the article."""
    now = datetime.now(UTC)
    _spn2_outcome(wayback, now, landed, page("Log in or go home"))
    archivist = archivist_for(wayback, clock, keys=KEYS, now=now, save="always")
    job = archivist.poll(archivist.submit_save(PAGE))
    assert job.status != "success"
    assert landed not in (job.archive_url or "")


def test_an_spn2_job_listing_outlinks_and_resources_rests_on_the_pages_own_capture(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """The page's own capture, recorded under its https and www. spelling; the outlinks and
    resources it lists are other pages."""
    now = datetime.now(UTC)
    landed = "https://www.news.example.com/2021/story.html"
    _spn2_outcome(wayback, now, landed, page("the words"))
    archivist = archivist_for(wayback, clock, keys=KEYS, now=now, save="always")
    job = archivist.poll(archivist.submit_save(PAGE))
    assert job.status == "success" and job.timestamp == stamp(now)
    assert job.archive_url == f"https://web.archive.org/web/{stamp(now)}/{landed}"


@pytest.mark.parametrize("code", [
    "error:browsing-timeout", "error:soft-time-limit-exceeded", "error:read-timeout",
    "error:internal-server-error",
])
def test_spn2_documented_passing_trouble_leaves_the_save_pending(wayback: FakeWayback,
                                                                clock: FakeClock,
                                                                code: str) -> None:
    """Save Page Now 2's own trouble (its browser ran out of time, an internal error): the
    save may still have been made, and is neither given up nor submitted again at once."""
    wayback.pending_polls = 0
    wayback.job_outcome = {"status": "error", "status_ext": code, "message": "try again later",
                           "resources": []}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    job = archivist.poll(archivist.submit_save(PAGE))
    assert job.status == "pending"
    assert wayback.count("save2") == 1 and wayback.count("save") == 0


@pytest.mark.parametrize("code", [
    "error:invalid-ssl-cert", "error:method-not-allowed", "error:http-version-not-supported",
])
def test_spn2_documented_refusals_by_the_target_are_final(wayback: FakeWayback,
                                                         clock: FakeClock, code: str) -> None:
    """The site refuses the crawler in a way another try does not change: an error, and no
    anonymous save sent after it."""
    wayback.pending_polls = 0
    wayback.job_outcome = {"status": "error", "status_ext": code, "message": "refused",
                           "resources": []}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    job = archivist.poll(archivist.submit_save(PAGE))
    assert job.status == "error" and code in (job.error or "")
    assert wayback.count("save2") == 1 and wayback.count("save") == 0


# -- a replay whose original only sent the browser on ------------------------------------------------
def test_a_capture_that_only_refreshes_elsewhere_by_its_header_gives_way_to_the_one_before(
        fweb: FixtureWeb, clock: FakeClock) -> None:
    """The original answered 200 with `Refresh: 0; url=/` and an empty page; the Wayback
    replays its headers as `X-Archive-Orig-*`. Readers were sent to the front page: the
    capture holds none of the article, and the capture before it is the copy."""
    refreshing = Reply(body="<html><head><title>News</title></head><body></body></html>",
                       headers={"X-Archive-Orig-Refresh": "0; url=http://news.example.com/",
                                "X-Archive-Orig-Server": "nginx"})
    archive = ScriptedArchive(fweb, plain(row("20210101000000", digest="B" * 32),
                                          row("20210520000000")), {
        "20210101000000": Reply(body=page("the words")),
        "20210520000000": refreshing})
    assert timestamps(archive.archivist(clock).copies(PAGE, CITED)) == ["20210101000000"]


# -- --wayback-url with a path prefix ------------------------------------------------------------------
@pytest.fixture
def mirror() -> Iterator[FakeWayback]:
    """The Wayback served under /wayback, as a mirror or caching proxy serves it."""
    fake = FakeWayback(prefix="/wayback")
    yield fake
    fake.close()


def test_a_base_url_with_a_path_serves_lookups_and_copies_through_redirects(
        mirror: FakeWayback, clock: FakeClock) -> None:
    """The closest capture cannot be replayed: the redirect names web.archive.org, and is
    followed under the base URL's path."""
    mirror.capture(PAGE, "20210301000000", page("the words"))
    mirror.capture(PAGE, "20210310000000", page("the words, later"))
    mirror.unplayable.add("20210310000000")
    archivist = archivist_for(mirror, clock)
    assert timestamps(archivist.copies(PAGE, CITED)) == ["20210301000000"]
    assert mirror.count("other") == 0 and mirror.count("cdx") >= 1


def test_a_base_url_with_a_path_saves_and_confirms(mirror: FakeWayback, clock: FakeClock) -> None:
    mirror.pending_polls = 0
    now = datetime.now(UTC)
    archivist = archivist_for(mirror, clock, keys=KEYS, now=now, save="always")
    job = archivist.poll(archivist.submit_save(PAGE))
    assert job.status == "success"
    assert str(job.archive_url).startswith("https://web.archive.org/web/")
    assert mirror.count("other") == 0


def _dead_link(web: FixtureWeb) -> str:
    web.page("/gone", "<title>Not Found</title>", status=404)
    return web.url("/gone")


def _run_quote(workspace: Path, fake: FakeWayback, run_cli: Callable[..., CliResult], said: str,
               cited: str, *options: str) -> tuple[dict[str, object], CliResult]:
    """The one quote of a run (save never) on a note of June 3, 2021 quoting `said` from `cited`."""
    write_wayback_config(workspace, fake, 'save = "never"\n')
    result = run_cli("run", *options,
                     str(dated_note(workspace, "note.txt", "June 3, 2021", said, cited)))
    [quote] = exported_quotes(run_cli)
    return quote, result


def test_run_wayback_url_with_a_path_and_a_trailing_slash_on_the_command_line(
        workspace: Path, web: FixtureWeb, mirror: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    gone = _dead_link(web)
    mirror.capture(gone, "20210520000000", QUOTED)
    quote, _ = _run_quote(workspace, mirror, run_cli, SAID, gone, "--wayback-url", mirror.base + "/")
    assert quote["status"] == "verified_archive"
    assert quote["snapshot_url"] == f"https://web.archive.org/web/20210520000000/{gone}"
    assert mirror.count("other") == 0


def test_run_a_cited_capture_is_read_under_a_base_url_with_a_path(
        workspace: Path, web: FixtureWeb, mirror: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    gone = _dead_link(web)
    mirror.capture(gone, "20210520000000", QUOTED)
    quote, _ = _run_quote(workspace, mirror, run_cli, SAID,
                          f"https://web.archive.org/web/20210520000000/{gone}")
    assert quote["status"] == "verified_archive"
    assert mirror.count("snapshot") >= 1 and mirror.count("other") == 0


# -- a base URL that cannot be the Wayback ---------------------------------------------------------------
def test_run_a_base_url_whose_name_does_not_resolve_is_an_archive_error_not_a_crash(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    quote, result = _run_quote(workspace, wayback, run_cli, SAID, _dead_link(web),
                               "--wayback-url", "http://wayback.invalid")
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert quote["status"] == "source_unavailable"


@pytest.mark.parametrize("base", ["ftp://mirror.example.org/wayback", "web.archive.org"],
                         ids=["ftp", "no-scheme"])
def test_run_a_base_url_that_is_not_an_http_address_is_a_usage_error(
        workspace: Path, wayback: FakeWayback, run_cli: Callable[..., CliResult],
        base: str) -> None:
    """Every Wayback call would fail: the setting is refused before the run, in one line."""
    doc = workspace / "note.txt"
    doc.write_text("A note citing nothing.\n", encoding="utf-8")
    result = run_cli("run", "--wayback-url", base, str(doc))
    assert result.code == 2
    assert "wayback_url" in result.err and len(result.err.strip().splitlines()) == 1
    assert wayback.requests == []


# -- archived pages in the charsets sites used ----------------------------------------------------------
CHARSETS = [  # (what the page said, its bytes' charset, replayed Content-Type, <head> markup)
    pytest.param("паромный терминал откроется для пассажиров в первую неделю марта",
                 "windows-1251", "text/html; charset=windows-1251", "",
                 id="windows-1251-declared"),
    pytest.param("паромный терминал откроется для пассажиров в первую неделю марта",
                 "koi8-r", "text/html", '<meta http-equiv="Content-Type" content="text/html; '
                                         'charset=koi8-r">', id="koi8-r-by-meta"),
    pytest.param("le nouveau terminal ouvrira aux passagers la première semaine de mars, à "
                 "l’heure", "windows-1252", "text/html", "", id="windows-1252-undeclared"),
]


@pytest.mark.parametrize(("said", "charset", "ctype", "head"), CHARSETS)
def test_run_a_dead_link_is_verified_in_its_capture_in_the_pages_charset(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], said: str, charset: str, ctype: str,
        head: str) -> None:
    """The raw replay is the original's bytes with the original's Content-Type: the page is
    read in its own charset, declared by the header, by a meta tag or not at all."""
    gone = _dead_link(web)
    body = (f"<html><head>{head}<title>Harbour</title></head><body><p>The harbour master: "
            f"\"{said}\".</p><p>{'Harbour news of the week. ' * 20}</p></body></html>")
    wayback.capture(gone, "20210520000000", body.encode(charset),
                    headers={"Content-Type": ctype, "X-Archive-Orig-Server": "Apache"})
    quote, _ = _run_quote(workspace, wayback, run_cli, said, gone)
    assert quote["status"] == "verified_archive"


# -- a second batch, written (and committed) before running it, after the first was mended -----------
def test_a_capture_recorded_under_an_upper_case_host_is_a_copy_of_the_page(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """Early crawls recorded addresses as linked, `HTTP://NEWS.EXAMPLE.COM/...` too: a host
    knows no case, and the capture is read under the address it was recorded with."""
    wayback.capture("HTTP://NEWS.EXAMPLE.COM/2021/story.html", "20210315000000", page("the words"))
    copies = archivist_for(wayback, clock).copies(PAGE, CITED)
    assert timestamps(copies) == ["20210315000000"]
    assert copies[0][1].body == page("the words").encode()


def test_two_short_links_differing_in_case_are_saved_as_two_pages(wayback: FakeWayback,
                                                                  clock: FakeClock) -> None:
    """Two documents cite `/AbC12x` and `/abc12x`: two links, two pages to save."""
    wayback.pending_polls = 0
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    assert archivist.save_later(SHORT, live=LinkStatus.OK)
    assert archivist.save_later(OTHER_SHORT, live=LinkStatus.OK)
    jobs = archivist.close(wait=10)
    assert sorted(job.url for job in jobs) == sorted([SHORT, OTHER_SHORT])
    assert wayback.count("save2") == 2


def test_run_two_dead_short_links_differing_in_case_each_rest_on_their_own_capture(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    """Each link's quote is checked against that link's capture, not the other's."""
    said = {"/go/AbC12x": SAID, "/go/abc12x": "the old ferry terminal will close for repairs in the spring"}
    docs = workspace / "docs"
    docs.mkdir()
    for n, (path, words) in enumerate(said.items()):
        web.page(path, "<title>Not Found</title>", status=404)
        wayback.capture(web.url(path), f"2021052{n}000000",
                        f"<html lang='en'><body><p>The harbour master said {words}.</p></body></html>")
        dated_note(docs, f"note{n}.txt", "June 3, 2021", words, web.url(path))
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    run_cli("run", str(docs))
    quotes = exported_quotes(run_cli)
    assert [q["status"] for q in quotes] == ["verified_archive"] * 2
    for n, (path, words) in enumerate(said.items()):
        [quote] = [q for q in quotes if words in str(q["text"])]
        assert str(quote["snapshot_url"]).endswith(f"/web/2021052{n}000000/{web.url(path)}")


def _save_of_a_run(workspace: Path, web: FixtureWeb, fake: FakeWayback,
                   run_cli: Callable[..., CliResult],
                   monkeypatch: pytest.MonkeyPatch) -> tuple[str, str | None]:
    """(status, archive_url) of the one save a run with keys (save always) recorded of a live
    page a note quotes."""
    web.page("/live", QUOTED)
    monkeypatch.setenv("IA_ACCESS_KEY", KEYS[0])
    monkeypatch.setenv("IA_SECRET_KEY", KEYS[1])
    write_wayback_config(workspace, fake, 'save = "always"\n')
    run_cli("run", str(dated_note(workspace, "note.txt", "June 3, 2021", SAID, web.url("/live"))))
    db = sqlite3.connect(workspace / "verifier.db")
    [(status, archive_url)] = db.execute("select status, archive_url from saves").fetchall()
    return status, archive_url


def test_run_an_spn2_job_that_captured_a_login_wall_is_recorded_as_no_save(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    landed = web.url("/account/login?next=%2Flive")
    _spn2_outcome(wayback, datetime.now(UTC), landed, page("Log in to continue"))
    status, archive_url = _save_of_a_run(workspace, web, wayback, run_cli, monkeypatch)
    assert status != "success" and landed not in str(archive_url)


def test_run_a_save_with_keys_under_a_base_url_with_a_path(
        workspace: Path, web: FixtureWeb, mirror: FakeWayback,
        run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    mirror.pending_polls = 0
    status, archive_url = _save_of_a_run(workspace, web, mirror, run_cli, monkeypatch)
    assert status == "success"
    assert str(archive_url).startswith("https://web.archive.org/web/")
    assert mirror.count("save2") == 1 and mirror.count("other") == 0
