"""A third held-out set of real Wayback Machine behaviours, beyond the first two sets'.

Written before any code change; each expected outcome is what a careful archivist wants,
decided before running. The fake is used where it already speaks the shape; other answers
(merged or paged CDX answers, odd replays, SPN2 refusals) are served verbatim by the fixture
web, in the shapes the real endpoints use.

First run (before any code change, commit da6c776): 24 of 34 passed; the 10 others were
marked xfail(strict=True), and each mark came off with the general fix that made its test
pass (34 of 34 now): a `-` CDX field is unknown, JSON resume keys are followed and a
repeated key ends the paging, captures are sorted by time whatever the server's order, an
HTML page answered by the CDX is unavailable, access-control refusals are named, a copy is
recorded under the address the Wayback served, an empty replay is no copy, and a revisit
record counts as a recent capture for saving.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import CliResult
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb, Reply
from wayback_support import (
    DIGEST,
    HEADER,
    KEY,
    KEYS,
    PAGE,
    FakeClock,
    ScriptedArchive,
    archivist_for,
    client_for,
    fweb,
    page,
    plain,
    raw_fetcher,
    row,
    stamp,
    write_wayback_config,
)

from verifier.archiving import Archivist
from verifier.errors import ArchiveError, ArchiveRateLimited
from verifier.models import SaveJob
from verifier.net.wayback import WaybackClient

# First run: 24 of 34 passed; now 34 of 34 (see the module docstring).

__all__ = ["fweb"]  # the shared fixture, used by the tests below
pytestmark = pytest.mark.usefixtures("archive_hygiene")  # see conftest


def captures_from(fweb: FixtureWeb, clock: FakeClock, reply: Reply,
                  **settings: object) -> WaybackClient:
    fweb.page("/cdx/search/cdx", reply.body, status=reply.status,
              content_type=reply.content_type, headers=reply.headers)
    return client_for(fweb.base(), clock, **settings)  # type: ignore[arg-type]


# -- CDX answers ---------------------------------------------------------------------------------
def test_json_cdx_in_another_field_order_is_read_by_its_header(fweb: FixtureWeb,
                                                               clock: FakeClock) -> None:
    order = ["timestamp", "original", "statuscode", "mimetype", "urlkey", "digest", "length"]
    rows = [order, ["20210315000000", PAGE, "200", "text/html", KEY, DIGEST, "10"]]
    client = captures_from(fweb, clock, Reply(body=json.dumps(rows),
                                              content_type="application/json"))
    [found] = client.captures(PAGE)
    assert (found.timestamp, found.url, found.status_code, found.digest) == \
        ("20210315000000", PAGE, 200, DIGEST)


def test_an_unknown_digest_does_not_make_two_captures_the_same(fweb: FixtureWeb,
                                                               clock: FakeClock) -> None:
    """A `-` field (here the digest, as fl without it or old ARC rows list it) says nothing:
    two captures with no digest are not the same content, so both copies are fetched."""
    archive = ScriptedArchive(fweb, plain(row("20210315000000", digest="-"),
                                          row("20230101000000", digest="-")),
                              {"20210315000000": Reply(body=page("old words")),
                               "20230101000000": Reply(body=page("new words"))})
    copies = archive.archivist(clock).copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20210315000000", "20230101000000"]


def test_a_json_answer_with_a_resume_key_is_followed(fweb: FixtureWeb,
                                                     clock: FakeClock) -> None:
    def cdx(q: dict[str, str]) -> Reply:
        if q.get("resumeKey") == "page2key":
            rows: list[list[str]] = [HEADER, [KEY, "20230101000000", PAGE, "text/html", "200",
                                              DIGEST, "10"]]
        else:
            rows = [HEADER, [KEY, "20210315000000", PAGE, "text/html", "200", DIGEST, "10"],
                    [], ["page2key"]]
        return Reply(body=json.dumps(rows), content_type="application/json")

    ScriptedArchive(fweb, cdx)
    found = client_for(fweb.base(), clock).captures(PAGE)
    assert [s.timestamp for s in found] == ["20210315000000", "20230101000000"]


def test_an_empty_page_with_a_resume_key_is_not_the_end(fweb: FixtureWeb,
                                                        clock: FakeClock) -> None:
    """With filters, a page of the real CDX can hold no row and still name a resume key."""
    def cdx(q: dict[str, str]) -> Reply:
        if q.get("resumeKey") == "k2":
            return Reply(body=row("20210315000000") + "\n", content_type="text/plain")
        return Reply(body="\nk2\n", content_type="text/plain")

    ScriptedArchive(fweb, cdx)
    found = client_for(fweb.base(), clock).captures(PAGE)
    assert [s.timestamp for s in found] == ["20210315000000"]


def test_a_resume_key_that_repeats_ends_the_paging(fweb: FixtureWeb, clock: FakeClock) -> None:
    """A server naming the same resume key again would be asked the same page forever."""
    ScriptedArchive(fweb, lambda _q: Reply(body=row("20210315000000") + "\n\nsamekey\n",
                                           content_type="text/plain"))
    found = client_for(fweb.base(), clock).captures(PAGE)
    assert [s.timestamp for s in found] == ["20210315000000"]
    assert fweb.hits("/cdx/search/cdx") <= 2


def test_the_same_capture_on_two_pages_is_one_capture(fweb: FixtureWeb,
                                                      clock: FakeClock) -> None:
    def cdx(q: dict[str, str]) -> Reply:
        if q.get("resumeKey") == "k2":
            text = row("20210315000000") + "\n" + row("20230101000000") + "\n"
        else:
            text = row("20200101000000") + "\n" + row("20210315000000") + "\n\nk2\n"
        return Reply(body=text, content_type="text/plain")

    ScriptedArchive(fweb, cdx)
    found = client_for(fweb.base(), clock).captures(PAGE)
    assert [s.timestamp for s in found] == ["20200101000000", "20210315000000", "20230101000000"]


@pytest.mark.parametrize(("listed", "read"), [
    ("20210315", "20210315000000"),
    ("2019", "20190101000000"),
])
def test_8_and_4_digit_cdx_timestamps_are_completed(fweb: FixtureWeb, clock: FakeClock,
                                                    listed: str, read: str) -> None:
    client = captures_from(fweb, clock, Reply(body=row(listed) + "\n", content_type="text/plain"))
    [found] = client.captures(PAGE)
    assert found.timestamp == read
    assert found.archive_url == f"https://web.archive.org/web/{read}/{PAGE}"


def test_rows_out_of_order_still_give_the_right_closest_and_newest(
        fweb: FixtureWeb, clock: FakeClock) -> None:
    """An answer merged from several index shards need not be sorted."""
    archive = ScriptedArchive(fweb, plain(row("20210315000000"), row("20230101000000"),
                                          row("20200101000000"), row("20220601000000")))
    info = archive.archivist(clock).info(PAGE, date(2021, 6, 1))
    assert info.closest is not None and info.closest.timestamp == "20210315000000"
    assert info.newest is not None and info.newest.timestamp == "20230101000000"


def test_a_capture_of_unknown_mimetype_is_still_a_capture(fweb: FixtureWeb,
                                                          clock: FakeClock) -> None:
    client = captures_from(fweb, clock, Reply(body=row("20210315000000", mimetype="unk") + "\n",
                                              content_type="text/plain"))
    [found] = client.captures(PAGE)
    assert found.timestamp == "20210315000000" and found.status_code == 200


def test_a_gzip_encoded_cdx_answer_is_read(fweb: FixtureWeb, clock: FakeClock) -> None:
    body = gzip.compress((row("20210315000000") + "\n").encode())
    client = captures_from(fweb, clock, Reply(body=body, content_type="text/plain",
                                              headers={"Content-Encoding": "gzip"}))
    assert [s.timestamp for s in client.captures(PAGE)] == ["20210315000000"]


def test_an_html_page_answered_by_the_cdx_is_not_no_captures(fweb: FixtureWeb,
                                                             clock: FakeClock) -> None:
    """During maintenance the Archive answers 200 with an HTML page of its own: the question
    was not answered, so it is no 'no capture' and is asked again next run."""
    maintenance = ("<!DOCTYPE html><html><head><title>Internet Archive: Scheduled Maintenance"
                   "</title></head><body><p>The Wayback Machine is temporarily offline for "
                   "scheduled maintenance. Please check back soon.</p></body></html>")
    archive = ScriptedArchive(fweb, lambda _q: Reply(body=maintenance))
    info = archive.archivist(clock).info(PAGE, date(2021, 6, 1))
    assert info.closest is None and info.error
    assert info.queued


def test_a_cdx_refusal_by_robots_says_so(fweb: FixtureWeb, clock: FakeClock) -> None:
    text = ("org.archive.wayback.accesscontrol.robotstxt.RobotAccessControlException: "
            "Blocked By Robots\n")
    archive = ScriptedArchive(fweb, lambda _q: Reply(403, text, content_type="text/plain"))
    info = archive.archivist(clock).info(PAGE, date(2021, 6, 1))
    assert info.closest is None and info.error and "robots" in info.error.lower()
    assert not info.queued  # an answer, not an outage: asking again changes nothing


def test_a_connection_reset_mid_cdx_answer_is_not_a_partial_list(fweb: FixtureWeb,
                                                                 clock: FakeClock) -> None:
    first = (row("20200101000000") + "\n").encode()
    reply = Reply(body=iter([first]), content_type="text/plain",
                  headers={"Content-Length": "100000"})  # the rest never comes
    client = captures_from(fweb, clock, reply)
    with pytest.raises(ArchiveError):
        client.captures(PAGE)


def test_a_cdx_answer_trickling_past_the_call_timeout_is_queued(fweb: FixtureWeb,
                                                                clock: FakeClock) -> None:
    chunks = [(row(f"2021031500000{i}") + "\n").encode() for i in range(8)]
    fweb.page("/cdx/search/cdx", iter(chunks), content_type="text/plain", chunk_delay=0.15)
    client = client_for(fweb.base(), clock, wayback_timeout=0.4)
    archivist = Archivist(client, raw_fetcher(client), client.settings, clock=clock)
    info = archivist.info(PAGE, date(2021, 6, 1))
    assert info.closest is None and info.error and "0.4 s" in info.error
    assert info.queued


# -- availability ------------------------------------------------------------------------------
def test_an_availability_answer_naming_a_302_capture_is_none(fweb: FixtureWeb,
                                                             clock: FakeClock) -> None:
    answer = {"url": PAGE, "archived_snapshots": {"closest": {
        "status": "302", "available": True, "timestamp": "20210315000000",
        "url": f"http://web.archive.org/web/20210315000000/{PAGE}"}}}
    fweb.page("/wayback/available", json.dumps(answer), content_type="application/json")
    assert client_for(fweb.base(), clock).available(PAGE, "20210601") is None


# -- choosing the capture ------------------------------------------------------------------------
def test_before_any_capture_an_unreadable_first_after_gives_way_to_the_next(
        wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.capture(PAGE, "20210701000000", page("first after"))
    wayback.capture(PAGE, "20210901000000", page("second after"))
    wayback.capture(PAGE, "20230101000000", page("now"))
    wayback.replay_errors["20210701000000"] = 503
    copies = archivist_for(wayback, clock).copies(PAGE, date(2021, 1, 1))
    assert [s.timestamp for s, _ in copies] == ["20210901000000", "20230101000000"]


def test_a_future_citation_with_an_unreadable_newest_takes_the_one_before(
        wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.capture(PAGE, "20220101000000", page("recent"))
    wayback.capture(PAGE, "20230101000000", page("now"))
    wayback.replay_errors["20230101000000"] = 502
    copies = archivist_for(wayback, clock).copies(PAGE, date(2031, 1, 1))
    assert [s.timestamp for s, _ in copies] == ["20220101000000"]


# -- raw copies ----------------------------------------------------------------------------------
def test_a_replay_served_under_another_spelling_is_recorded_as_served(
        wayback: FakeWayback, clock: FakeClock) -> None:
    """The Wayback redirects to the nearest playable capture, whatever address spelling it
    was recorded under: the snapshot kept names the capture that was served."""
    served = "https://www.news.example.com/2021/story.html"
    wayback.capture(served, "20210315000000", page("the words"))
    wayback.capture(PAGE, "20210316000000", page("listed, not playable"))
    wayback.unplayable.add("20210316000000")
    [(snapshot, fetch)] = archivist_for(wayback, clock).copies(PAGE, date(2021, 6, 1))
    assert fetch.body == page("the words").encode()
    assert snapshot.timestamp == "20210315000000" and snapshot.url == served
    assert snapshot.archive_url == f"https://web.archive.org/web/20210315000000/{served}"


def test_a_replay_redirect_with_a_relative_location_is_followed(fweb: FixtureWeb,
                                                                clock: FakeClock) -> None:
    archive = ScriptedArchive(fweb, plain(row("20210316000000")), {
        "20210316000000": Reply(302, b"", content_type=None,
                                headers={"Location": f"/web/20210315000000id_/{PAGE}"}),
        "20210315000000": Reply(body=page("the words"))})
    [(snapshot, fetch)] = archive.archivist(clock).copies(PAGE, date(2021, 6, 1))
    assert snapshot.timestamp == "20210315000000"
    assert fetch.body == page("the words").encode()


def test_an_empty_replay_is_no_copy_of_the_page(wayback: FakeWayback, clock: FakeClock) -> None:
    """A capture whose body is empty (the site answered 200 with nothing) is no evidence of
    what the page said: the next capture in order of preference is tried."""
    wayback.capture(PAGE, "20210101000000", page("the words"))
    wayback.capture(PAGE, "20210315000000", b"")
    wayback.capture(PAGE, "20230101000000", page("now"))
    copies = archivist_for(wayback, clock).copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20210101000000", "20230101000000"]


def test_a_replay_redirect_loop_gives_way_to_the_next_capture(fweb: FixtureWeb,
                                                              clock: FakeClock) -> None:
    loop = f"/web/20210315000000id_/{PAGE}"
    archive = ScriptedArchive(fweb, plain(row("20210101000000"), row("20210315000000")), {
        "20210315000000": Reply(302, b"", content_type=None, headers={"Location": loop}),
        "20210101000000": Reply(body=page("the words"))})
    copies = archive.archivist(clock).copies(PAGE, date(2021, 6, 1))
    assert [s.timestamp for s, _ in copies] == ["20210101000000"]


def test_replays_of_an_excluded_url_are_no_copies(fweb: FixtureWeb, clock: FakeClock) -> None:
    excluded = Reply(403, "<html><head><title>Wayback Machine</title></head><body><p>Sorry."
                          "</p><p>This URL has been excluded from the Wayback Machine.</p>"
                          "</body></html>")
    archive = ScriptedArchive(fweb, plain(row("20210101000000"), row("20230101000000")),
                              {"20210101000000": excluded, "20230101000000": excluded})
    archivist = archive.archivist(clock)
    assert archivist.copies(PAGE, date(2021, 6, 1)) == []
    assert archivist.info(PAGE, date(2021, 6, 1)).error


# -- Save Page Now ------------------------------------------------------------------------------
def test_spn2_robots_txt_error_is_final_and_not_retried(wayback: FakeWayback,
                                                        clock: FakeClock) -> None:
    wayback.job_outcome = {"status": "error", "status_ext": "error:robots-txt",
                           "message": "This URL is blocked by robots.txt."}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "error" and "robots-txt" in (job.error or "")
    assert archivist.poll(job) == job
    later = archivist_for(wayback, clock, keys=KEYS, save="always")
    later.resume_saves([job])
    assert later.close(wait=10) == []
    assert wayback.count("save2") == 1


@pytest.mark.parametrize("status", [520, 523])
def test_spn2_submission_answered_52x_is_pending(fweb: FixtureWeb, clock: FakeClock,
                                                 status: int) -> None:
    """Save Page Now's 520/523 often hide a save that was made: CDX tells later."""
    fweb.page("/save", "<html>Error</html>", status=status)
    job = client_for(fweb.base(), clock, keys=KEYS).save_spn2(PAGE)
    assert job.status == "pending" and str(status) in (job.error or "")


def test_spn2_submission_answered_429_is_not_submitted_and_pauses_everything(
        fweb: FixtureWeb, clock: FakeClock) -> None:
    fweb.page("/save", "Too Many Requests", status=429, headers={"Retry-After": "600"},
              content_type="text/plain")
    archivist = ScriptedArchive(fweb, plain()).archivist(clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "pending" and job.submitted_at is None
    assert archivist.client.blocked()
    with pytest.raises(ArchiveRateLimited):
        archivist.client.captures(PAGE)


def test_spn2_success_for_a_redirected_page_is_confirmed_under_its_original(
        wayback: FakeWayback, clock: FakeClock) -> None:
    moved = "http://news.example.com/2021/story-renamed.html"
    ts = stamp(datetime.now(UTC) - timedelta(minutes=1))
    wayback.capture(moved, ts, page("the words"))
    wayback.job_outcome = {"status": "success", "timestamp": ts, "original_url": moved}
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "success" and job.timestamp == ts
    assert job.archive_url == f"https://web.archive.org/web/{ts}/{moved}"


def test_spn2_session_limit_on_submission_is_pending(fweb: FixtureWeb,
                                                     clock: FakeClock) -> None:
    answer = {"status": "error", "status_ext": "error:user-session-limit",
              "message": "You have already reached the limit of active sessions."}
    fweb.page("/save", json.dumps(answer), content_type="application/json")
    archivist = ScriptedArchive(fweb, plain()).archivist(clock, keys=KEYS, save="always")
    job = archivist.submit_save(PAGE)
    assert job.status == "pending"


def test_spn2_pending_for_ever_is_left_for_the_next_run(wayback: FakeWayback,
                                                       clock: FakeClock) -> None:
    wayback.pending_polls = 10_000
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "pending" and job.job_id
    assert 1 <= wayback.count("status") <= 10


def test_too_many_daily_captures_with_a_revisit_today_is_success(wayback: FakeWayback,
                                                                 clock: FakeClock) -> None:
    """Saving an unchanged page records a revisit: it is today's capture all the same."""
    now = datetime.now(UTC)
    wayback.capture(PAGE, "20200101000000", page("x"))
    wayback.capture(PAGE, stamp(now - timedelta(hours=3)), page("x"), statuscode="-",
                    mimetype="warc/revisit")
    wayback.job_outcome = {"status": "error", "status_ext": "error:too-many-daily-captures",
                           "message": "This URL has been already captured 10 times today."}
    archivist = archivist_for(wayback, clock, keys=KEYS, now=now, save="always")
    archivist.save_later(PAGE)
    [job] = archivist.close(wait=10)
    assert job.status == "success" and job.timestamp == stamp(now - timedelta(hours=3))


def test_save_missing_counts_a_recent_revisit_as_a_recent_capture(wayback: FakeWayback,
                                                                  clock: FakeClock) -> None:
    now = datetime.now(UTC)
    wayback.capture(PAGE, "20200101000000", page("x"))
    wayback.capture(PAGE, stamp(now - timedelta(days=1)), page("x"), statuscode="-",
                    mimetype="warc/revisit")
    archivist = archivist_for(wayback, clock, now=now, save="missing")
    job = archivist.submit_save(PAGE)
    assert job.status == "success" and job.timestamp == stamp(now - timedelta(days=1))
    assert wayback.count("save") == 0


def test_a_settled_save_is_not_resumed(wayback: FakeWayback, clock: FakeClock) -> None:
    archivist = archivist_for(wayback, clock, keys=KEYS, save="always")
    archivist.resume_saves([SaveJob(url=PAGE, status="error", error="Save Page Now 2: "
                                    "error:robots-txt", method="spn2", attempts=1)])
    assert archivist.close(wait=10) == [] and wayback.requests == []


# -- the whole run ---------------------------------------------------------------------------------
SAID = "the new ferry terminal will open to passengers in the first week of March"
QUOTED = f"<html lang='en'><body><p>The harbour master said {SAID}.</p></body></html>"


def test_run_a_gzip_encoded_replay_verifies_the_quote(
        workspace: Path, web: FixtureWeb, wayback: FakeWayback,
        run_cli: Callable[..., CliResult]) -> None:
    """The Wayback replays an original that was sent gzip-encoded with its encoding."""
    web.page("/gone", "<title>Not Found</title>", status=404)
    url = web.url("/gone")
    wayback.capture(url, "20210520000000", gzip.compress(QUOTED.encode()),
                    headers={"Content-Encoding": "gzip"})
    write_wayback_config(workspace, wayback, 'save = "never"\n')
    doc = workspace / "note.txt"
    doc.write_text(f"Ferry news, June 3, 2021\n\nHarbour master Tom Field said that "
                   f"“{SAID}.”1\n\n1 {url}\n", encoding="utf-8")
    run_cli("run", str(doc))
    quote = json.loads(run_cli("export", "--format", "json").out)["quotes"][0]
    assert quote["status"] == "verified_archive"
    assert str(quote["snapshot_url"]).startswith("https://web.archive.org/web/20210520000000/")
