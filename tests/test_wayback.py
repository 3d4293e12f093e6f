"""WaybackClient against the fake Wayback Machine: CDX, availability, both kinds of Save Page
Now, base-URL rewriting, the breaker, timeouts, and no hidden sleeps or retries."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb
from wayback_support import KEYS, PAGE, FakeClock, raw_fetcher

from verifier.config import Settings
from verifier.errors import ArchiveError, ArchiveRateLimited, ArchiveTimeout, ArchiveUnavailable
from verifier.models import SaveJob, Snapshot
from verifier.net.wayback import EMPTY_PAYLOAD_DIGEST, WaybackClient
from verifier.net.waybackurls import parse_memento, wayback_timestamp

pytestmark = pytest.mark.usefixtures("archive_hygiene")  # see conftest


def make_client(base: str, clock: FakeClock, *, keys: tuple[str, str] | None = None,
                session: requests.Session | None = None, **settings: object) -> WaybackClient:
    return WaybackClient(Settings(wayback_url=base, **settings),  # type: ignore[arg-type]
                         session=session, clock=clock, sleep=clock.sleep, keys=keys)


class CountingSession(requests.Session):
    """Counts requests that really left the client (the breaker must stop them before)."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    def request(self, method, url, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        self.sent.append(url)
        assert kwargs.get("timeout"), "every Internet Archive call needs a timeout"
        return super().request(method, url, *args, **kwargs)


# -- CDX -------------------------------------------------------------------------------------
def test_captures_are_status_200_only_and_oldest_first(wayback: FakeWayback,
                                                      clock: FakeClock) -> None:
    wayback.capture(PAGE, "20200101000000", "first")
    wayback.capture(PAGE, "20200601000000", "gone", statuscode=404)
    wayback.capture(PAGE, "20200701000000", "", statuscode=301)
    wayback.capture(PAGE, "20210101000000", "second")
    client = make_client(wayback.base, clock)
    found = client.captures(PAGE)
    assert [s.timestamp for s in found] == ["20200101000000", "20210101000000"]
    assert all(s.status_code == 200 for s in found)
    assert found[0].url == PAGE
    assert found[0].digest and found[0].mimetype == "text/html"
    everything = client.captures(PAGE, all_statuses=True)
    assert [s.status_code for s in everything] == [200, 404, 301, 200]
    query = parse_qs(urlsplit(wayback.requests[0].path).query)
    assert query["filter"] == ["statuscode:200", f"!digest:{EMPTY_PAYLOAD_DIGEST}"]


def test_captures_from_to_and_last_n(wayback: FakeWayback, clock: FakeClock) -> None:
    for ts in ("2019", "2020", "2021", "2022"):
        wayback.capture(PAGE, ts + "0301000000", ts)
    client = make_client(wayback.base, clock)
    assert [s.timestamp[:4] for s in client.captures(PAGE, from_ts="2020", to_ts="2021")] == \
        ["2020", "2021"]
    assert [s.timestamp[:4] for s in client.captures(PAGE, limit=-1)] == ["2022"]
    assert [s.timestamp[:4] for s in client.captures(PAGE, limit=1)] == ["2019"]
    nearest = client.captures(PAGE, closest="20200401", limit=1)
    assert nearest[0].timestamp.startswith("2020")


def test_a_url_with_a_query_is_encoded_not_truncated(wayback: FakeWayback,
                                                    clock: FakeClock) -> None:
    url = "http://site.example.org/article?id=7&lang=fa"
    wayback.capture("http://site.example.org/article?id=7", "20200101000000", "wrong page")
    wayback.capture(url, "20210101000000", "right page")
    found = make_client(wayback.base, clock).captures(url)
    assert [s.timestamp for s in found] == ["20210101000000"]


def test_resume_keys_are_followed_to_the_end(wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.cdx_page_size = 2
    for year in range(2011, 2016):
        wayback.capture(PAGE, f"{year}0101000000", str(year))
    found = make_client(wayback.base, clock).captures(PAGE)
    assert [s.timestamp[:4] for s in found] == [str(y) for y in range(2011, 2016)]
    assert wayback.count("cdx") == 3


@pytest.mark.parametrize("status", [500, 503])
def test_cdx_trouble_is_an_archive_error_without_hidden_retries(
        wayback: FakeWayback, clock: FakeClock, status: int) -> None:
    wayback.fail_with = status
    with pytest.raises(ArchiveError, match=str(status)):
        make_client(wayback.base, clock).captures(PAGE)
    assert wayback.count("cdx") == 1  # waybackpy would have retried 5 times (urllib3)


# -- addresses ---------------------------------------------------------------------------------
def test_rewrite_maps_every_archive_host_onto_the_base(clock: FakeClock) -> None:
    client = make_client("http://127.0.0.1:9/", clock)
    memento = "https://web.archive.org/web/20200101000000/http://a.example/x?q=1"
    assert client.rewrite(memento) == \
        "http://127.0.0.1:9/web/20200101000000/http://a.example/x?q=1"
    assert client.rewrite("http://archive.org/wayback/available?url=x") == \
        "http://127.0.0.1:9/wayback/available?url=x"
    assert client.rewrite("/web/20200101000000/http://a.example/") == \
        "http://127.0.0.1:9/web/20200101000000/http://a.example/"
    assert client.rewrite("http://a.example/web.archive.org") == "http://a.example/web.archive.org"
    real = make_client("", clock)
    assert real.rewrite("http://web.archive.org/web/2020/http://a.example/") == \
        "https://web.archive.org/web/2020/http://a.example/"


def test_raw_url_uses_id_on_the_base(clock: FakeClock) -> None:
    client = make_client("http://127.0.0.1:9", clock)
    snap = Snapshot(url="http://www.archive.org:80/", timestamp="19970126045828",
                    archive_url="")
    assert client.raw_url(snap) == "http://127.0.0.1:9/web/19970126045828id_/http://www.archive.org:80/"
    assert make_client("", clock).raw_url(snap).startswith("https://web.archive.org/web/")


def test_calls_go_to_the_base_and_kept_urls_are_the_public_ones(wayback: FakeWayback,
                                                                 clock: FakeClock) -> None:
    """Every call goes to the base URL; what is kept for readers is the public address."""
    public = "https://web.archive.org/web/"
    wayback.capture(PAGE, "20200101000000", "<html><body>then</body></html>")
    client = make_client(wayback.base, clock, keys=KEYS)
    assert client.captures(PAGE)[0].archive_url == f"{public}20200101000000/{PAGE}"
    available = client.available(PAGE, "2020")
    assert available is not None and available.archive_url.startswith(public)
    saved = client.save_anonymous("http://other.example.com/")
    assert saved.archive_url and saved.archive_url.startswith(public)
    job = client.save_spn2("http://third.example.com/")
    job = client.save_status(job)
    job = client.save_status(job)
    assert job.archive_url and job.archive_url.startswith(public)
    assert {r.kind for r in wayback.requests} >= {"cdx", "available", "save", "save2", "status"}
    # a snapshot redirect names web.archive.org: the Location is rewritten (the network
    # guard fails this test if anything leaves loopback)
    nearby = Snapshot(url=PAGE, timestamp="20200102000000", archive_url="")
    fetch = raw_fetcher(client)(client.raw_url(nearby))
    assert fetch.http_status == 200 and fetch.body == b"<html><body>then</body></html>"
    assert fetch.final_url == f"{wayback.base}/web/20200101000000id_/{PAGE}"


def test_helpers_parse_timestamps_and_mementos() -> None:
    from datetime import date, datetime

    assert wayback_timestamp(date(2021, 6, 1)) == "20210601"
    assert wayback_timestamp(datetime(2021, 6, 1, 12, 30)) == "20210601123000"
    assert parse_memento("https://web.archive.org/web/20200101000000id_/http://a.example/?x=1") \
        == ("20200101000000", "http://a.example/?x=1")
    assert parse_memento("http://a.example/") is None
    with pytest.raises(ArchiveError):
        wayback_timestamp("yesterday")


# -- availability ----------------------------------------------------------------------------
def test_availability_without_waybackpys_gap_or_requeries(wayback: FakeWayback,
                                                          clock: FakeClock) -> None:
    client = make_client(wayback.base, clock)
    assert client.available(PAGE, "20200101") is None  # a miss: waybackpy would re-ask
    assert wayback.count("available") == 1
    wayback.capture(PAGE, "20200101000000", "x")
    snap = client.available(PAGE, "20200101")
    assert snap is not None and snap.timestamp == "20200101000000" and snap.url == PAGE
    assert wayback.count("available") == 2


def test_api_redirects_are_followed_on_the_archive_only(clock: FakeClock) -> None:
    web = FixtureWeb()
    try:
        answer = '{"archived_snapshots": {"closest": {"status": "200", "available": true, ' \
            f'"url": "http://web.archive.org/web/20200101000000/{PAGE}", ' \
            '"timestamp": "20200101000000"}}}'
        web.redirect("/wayback/available", "https://archive.org/wayback/v2/available",
                     status=302)
        web.page("/wayback/v2/available", answer, content_type="application/json")
        snap = make_client(web.base(), clock).available(PAGE)
        assert snap is not None and snap.archive_url.startswith("https://web.archive.org/web/")
        web.redirect("/wayback/available", "http://elsewhere.example.com/", status=302)
        with pytest.raises(ArchiveError, match="302"):
            make_client(web.base(), clock).available(PAGE)
        assert all(r.host == "127.0.0.1" for r in web.requests)
    finally:
        web.close()


# -- saves ---------------------------------------------------------------------------------------
def test_anonymous_save_one_try_no_sleep(wayback: FakeWayback, clock: FakeClock) -> None:
    client = make_client(wayback.base, clock)
    job = client.save_anonymous(PAGE)
    assert job.status == "success" and job.method == "anonymous" and job.job_id is None
    assert job.timestamp and \
        job.archive_url == f"https://web.archive.org/web/{job.timestamp}/{PAGE}"
    assert client.captured(PAGE, job.timestamp) is not None
    assert wayback.count("save") == 1


def test_anonymous_save_that_names_no_capture_is_pending_not_retried(
        wayback: FakeWayback, clock: FakeClock) -> None:
    web = FixtureWeb()
    try:
        web.page("/save/" + PAGE, "<html>Saving page now...</html>")
        job = make_client(web.base(), clock).save_anonymous(PAGE)
        assert job.status == "pending" and "may still have been saved" in (job.error or "")
        assert web.hits("/save/" + PAGE) == 1
    finally:
        web.close()


REAL_LINK = (  # the shape of a real answer: the memento amid timemap, timegate, first/last
    f'<{PAGE}>; rel="original", '
    f'<https://web.archive.org/web/timemap/link/{PAGE}>; rel="timemap"; '
    'type="application/link-format", '
    f'<https://web.archive.org/web/{PAGE}>; rel="timegate", '
    f'<https://web.archive.org/web/20190101000000/{PAGE}>; rel="first memento"; '
    'datetime="Tue, 01 Jan 2019 00:00:00 GMT", '
    f'<https://web.archive.org/web/20240501120000/{PAGE}>; rel="memento"; '
    'datetime="Wed, 01 May 2024 12:00:00 GMT", '
    f'<https://web.archive.org/web/20240501120000/{PAGE}>; rel="last memento"; '
    'datetime="Wed, 01 May 2024 12:00:00 GMT"')


@pytest.mark.parametrize("answer", [
    {"status": 200, "headers": {"Link": REAL_LINK}},
    {"status": 200, "headers": {"Content-Location": f"/web/20240501120000/{PAGE}"}},
    {"status": 302, "headers": {"Location": f"https://web.archive.org/web/20240501120000/{PAGE}"}},
])
def test_anonymous_save_reads_each_shape_of_answer(clock: FakeClock,
                                                   answer: dict[str, object]) -> None:
    web = FixtureWeb()
    try:
        web.page("/save/" + PAGE, "<html>saved</html>", **answer)
        job = make_client(web.base(), clock).save_anonymous(PAGE)
        assert job.status == "success" and job.timestamp == "20240501120000"
        assert job.archive_url == f"https://web.archive.org/web/20240501120000/{PAGE}"
        assert len(web.requests) == 1  # the redirect to the memento is not followed
    finally:
        web.close()


@pytest.mark.parametrize(("status", "outcome"), [(523, "pending"), (403, "error")])
def test_anonymous_save_refusals(wayback: FakeWayback, clock: FakeClock, status: int,
                                 outcome: str) -> None:
    wayback.save_status = status
    job = make_client(wayback.base, clock).save_anonymous(PAGE)
    assert job.status == outcome and str(status) in (job.error or "")
    assert wayback.count("save") == 1


def test_spn2_submits_with_keys_and_polls_the_job(wayback: FakeWayback,
                                                   clock: FakeClock) -> None:
    client = make_client(wayback.base, clock, keys=KEYS)
    job = client.save_spn2(PAGE, if_not_archived_within="30d")
    assert job.status == "pending" and job.job_id and job.method == "spn2"
    post = next(r for r in wayback.requests if r.kind == "save2")
    assert post.method == "POST"
    assert post.headers["Authorization"] == "LOW access:secret"
    assert post.headers["Accept"] == "application/json"
    assert parse_qs(post.body.decode()) == {"url": [PAGE], "if_not_archived_within": ["30d"]}
    job = client.save_status(job)
    assert job.status == "pending"
    job = client.save_status(job)
    assert job.status == "success" and job.timestamp
    assert client.captured(PAGE, job.timestamp) is not None  # confirmed in the index


def test_spn2_refused_keys_and_missing_keys(wayback: FakeWayback, clock: FakeClock) -> None:
    job = make_client(wayback.base, clock, keys=("wrong", "keys")).save_spn2(PAGE)
    assert job.status == "error" and "refused the keys" in (job.error or "")
    with pytest.raises(ArchiveError, match="IA_ACCESS_KEY"):
        make_client(wayback.base, clock).save_spn2(PAGE)


def test_keys_come_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                        clock: FakeClock) -> None:
    assert not WaybackClient(Settings()).has_keys
    monkeypatch.setenv("IA_ACCESS_KEY", "a")
    monkeypatch.setenv("IA_SECRET_KEY", "s")
    assert WaybackClient(Settings()).has_keys


def test_status_of_an_unknown_job_is_an_error(wayback: FakeWayback, clock: FakeClock) -> None:
    job = SaveJob(url=PAGE, job_id="spn2-gone", method="spn2")
    asked = make_client(wayback.base, clock, keys=KEYS).save_status(job)
    assert asked.status == "error" and "not-found" in (asked.error or "")


# -- breaker, timeouts, no_wayback ------------------------------------------------------------
def test_a_429_opens_the_breaker_for_every_call_until_it_closes(wayback: FakeWayback,
                                                                 clock: FakeClock) -> None:
    wayback.capture(PAGE, "20200101000000", "x")
    client = make_client(wayback.base, clock, keys=KEYS, wayback_breaker_seconds=300,
                         wayback_budget=10_000)
    wayback.rate_limited = 1
    with pytest.raises(ArchiveRateLimited, match="429"):
        client.captures(PAGE)
    assert len(wayback.requests) == 1
    for call in (lambda: client.captures(PAGE), lambda: client.available(PAGE),
                 lambda: client.save_anonymous(PAGE), lambda: client.save_spn2(PAGE),
                 client.pace_lookup):
        with pytest.raises(ArchiveRateLimited):
            call()
    assert len(wayback.requests) == 1  # refused without touching the Archive
    clock.advance(301)
    assert len(client.captures(PAGE)) == 1


def test_a_429_with_an_http_date_retry_after_pauses_until_that_date(clock: FakeClock) -> None:
    """Retry-After may be an HTTP date (RFC 9110) as well as seconds; both are honoured."""
    until = datetime.now(UTC) + timedelta(seconds=1000)
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", "", status=429,
                 headers={"Retry-After": format_datetime(until, usegmt=True)})
        client = make_client(web.base(), clock, wayback_breaker_seconds=300, wayback_budget=10_000)
        with pytest.raises(ArchiveRateLimited):
            client.captures(PAGE)
        clock.advance(301)
        assert client.blocked()  # the date is later than the breaker's own pause
        clock.advance(700)
        assert not client.blocked()
    finally:
        web.close()


def test_repeated_connection_failures_open_the_breaker(clock: FakeClock) -> None:
    unused = FakeWayback()
    unused.close()  # nothing listens there any more
    session = CountingSession()
    client = make_client(unused.base, clock, session=session)
    for _ in range(3):
        with pytest.raises(ArchiveError, match="unreachable"):
            client.captures(PAGE)
    with pytest.raises(ArchiveRateLimited, match="3 connection failures"):
        client.captures(PAGE)
    assert len(session.sent) == 3


def test_a_stalling_archive_is_an_error_within_the_timeout(clock: FakeClock) -> None:
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", "", delay=5)
        client = make_client(web.base(), clock, wayback_timeout=0.5)
        started = time.monotonic()
        with pytest.raises(ArchiveTimeout):
            client.captures(PAGE)
        assert time.monotonic() - started < 3
    finally:
        web.close()


def test_a_trickling_answer_is_cut_at_the_total_deadline(clock: FakeClock) -> None:
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", [b"x" * 10] * 100, chunk_delay=0.1)  # 10 s in all
        client = make_client(web.base(), clock, wayback_timeout=0.5)
        started = time.monotonic()
        with pytest.raises(ArchiveTimeout, match="longer than 0.5 s"):
            client.captures(PAGE)
        assert time.monotonic() - started < 3
    finally:
        web.close()


def test_no_wayback_makes_no_call(wayback: FakeWayback, clock: FakeClock) -> None:
    client = make_client(wayback.base, clock, keys=KEYS, no_wayback=True)
    for call in (lambda: client.captures(PAGE), lambda: client.available(PAGE),
                 lambda: client.save_anonymous(PAGE), lambda: client.save_spn2(PAGE),
                 client.pace_lookup):
        with pytest.raises(ArchiveError, match="no_wayback"):
            call()
    assert "no_wayback" in (client.blocked() or "")
    assert wayback.requests == []


def test_every_call_is_paced_on_the_injected_clock(wayback: FakeWayback,
                                                   clock: FakeClock) -> None:
    client = make_client(wayback.base, clock, wayback_lookups_per_minute=12)
    stamps = []
    for _ in range(5):
        client.captures(PAGE)
        stamps.append(clock())
    assert wayback.count("cdx") == 5
    assert [round(b - a, 6) for a, b in zip(stamps, stamps[1:], strict=False)] == [5.0] * 4


@pytest.mark.parametrize(("cited", "asked"), [
    ("http://news.example.com/a#comments", "http://news.example.com/a"),
    ("http://bücher.example/seite", "http://xn--bcher-kva.example/seite"),
    ("http://news.example.com/café?q=ü", "http://news.example.com/caf%C3%A9?q=%C3%BC"),
    ("http://news.example.com/caf%C3%A9?a=1&b=2", "http://news.example.com/caf%C3%A9?a=1&b=2"),
])
def test_the_cdx_is_asked_about_the_address_as_recorded(wayback: FakeWayback, clock: FakeClock,
                                                        cited: str, asked: str) -> None:
    """No fragment (never sent to a server), punycode hosts, UTF-8 percent-encoding: the form
    crawlers fetched and the index keys; an address already in that form is left alone."""
    make_client(wayback.base, clock).captures(cited)
    [request] = [r for r in wayback.requests if r.kind == "cdx"]
    assert parse_qs(urlsplit(request.path).query)["url"] == [asked]


# -- odd CDX answers (held-out set 3) -----------------------------------------------------------
CDX_ROW = "com,example,news)/2021/story.html {ts} " + PAGE + " text/html {status} {digest} 10"


def cdx_text(*timestamps: str, status: str = "200", digest: str = "D") -> str:
    return "\n".join(CDX_ROW.format(ts=ts, status=status, digest=digest)
                     for ts in timestamps) + "\n"


def test_a_dash_digest_or_mimetype_is_unknown_not_a_value(clock: FakeClock) -> None:
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", cdx_text("20210315000000", digest="-").replace(
            "text/html", "-"), content_type="text/plain")
        [found] = make_client(web.base(), clock).captures(PAGE)
        assert found.digest is None and found.mimetype is None
    finally:
        web.close()


def test_a_repeated_resume_key_ends_the_paging(clock: FakeClock) -> None:
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", cdx_text("20210315000000") + "\nsame\n",
                 content_type="text/plain")
        found = make_client(web.base(), clock).captures(PAGE)
        assert [s.timestamp for s in found] == ["20210315000000"]
        assert web.hits("/cdx/search/cdx") == 2
    finally:
        web.close()


def test_captures_come_oldest_first_whatever_order_the_server_lists(clock: FakeClock) -> None:
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", cdx_text("20210315000000", "20230101000000",
                                             "20200101000000"), content_type="text/plain")
        client = make_client(web.base(), clock)
        assert [s.timestamp[:4] for s in client.captures(PAGE)] == ["2020", "2021", "2023"]
        assert [s.timestamp[:4] for s in client.captures(PAGE, limit=-1)] == ["2023"]
        assert [s.timestamp[:4] for s in client.captures(PAGE, limit=1)] == ["2020"]
    finally:
        web.close()


def test_an_html_page_instead_of_cdx_rows_is_unavailable(clock: FakeClock) -> None:
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", "<!DOCTYPE html><html><body>Down for maintenance"
                 "</body></html>")
        with pytest.raises(ArchiveUnavailable, match="HTML"):
            make_client(web.base(), clock).captures(PAGE)
    finally:
        web.close()


@pytest.mark.parametrize(("exception", "meaning"), [
    ("org.archive.wayback.accesscontrol.robotstxt.RobotAccessControlException: Blocked By "
     "Robots", "robots.txt"),
    ("org.archive.wayback.exception.AdministrativeAccessControlException: Blocked Site Error",
     "excluded"),
])
def test_access_control_refusals_say_what_they_are(clock: FakeClock, exception: str,
                                                   meaning: str) -> None:
    web = FixtureWeb()
    try:
        web.page("/cdx/search/cdx", exception, status=403, content_type="text/plain")
        with pytest.raises(ArchiveError, match=meaning):
            make_client(web.base(), clock).captures(PAGE)
    finally:
        web.close()


def test_revisits_are_asked_for_only_when_wanted(wayback: FakeWayback, clock: FakeClock) -> None:
    wayback.capture(PAGE, "20200101000000", "first")
    wayback.capture(PAGE, "20210101000000", "first", statuscode="-", mimetype="warc/revisit")
    wayback.capture(PAGE, "20220101000000", "gone", statuscode=404)
    client = make_client(wayback.base, clock)
    assert [s.timestamp[:4] for s in client.captures(PAGE)] == ["2020"]
    assert [s.timestamp[:4] for s in client.captures(PAGE, revisits=True)] == ["2020", "2021"]


def test_index_key_names_one_page_whatever_its_spelling() -> None:
    """What the CDX treats as one page (a simplified SURT) has one key; other pages do not."""
    from verifier.net.waybackurls import index_key

    same = ["http://news.example.com/2021/story.html", "https://www.news.example.com/2021/story.html",
            "http://NEWS.example.com:80/2021/story.html#top", "news.example.com/2021/story.html/"]
    assert len({index_key(u) for u in same}) == 1
    assert index_key("http://a.example/item?b=2&a=1") == index_key("https://a.example/item?a=1&b=2")
    assert index_key("http://news.example.com/") != index_key(same[0])
    assert index_key("http://a.example:8080/x") != index_key("http://a.example/x")


# -- branch links6 -----------------------------------------------------------------------------

def test_a_503_with_retry_after_pauses_every_call_that_long(web: FixtureWeb, clock: FakeClock) -> None:
    """The Archive's word on when to come back counts on a 503 as on a 429; a 503 without one
    is one overloaded answer toward the breaker, no pause by itself."""
    web.page("/cdx/search/cdx", "Service Unavailable", status=503, content_type="text/plain",
             headers={"Retry-After": "900"})
    client = make_client(web.base(), clock, wayback_breaker_seconds=300, wayback_budget=10_000)
    with pytest.raises(ArchiveUnavailable):
        client.captures(PAGE)
    clock.advance(600)
    assert client.blocked()
    clock.advance(400)
    assert client.blocked() is None
    web.page("/cdx/search/cdx", "Service Unavailable", status=503, content_type="text/plain")
    with pytest.raises(ArchiveUnavailable):
        client.captures(PAGE)
    assert client.blocked() is None


def test_an_html_page_from_the_availability_api_is_unavailable(web: FixtureWeb, clock: FakeClock) -> None:
    web.page("/wayback/available", "<!DOCTYPE html><html><title>Internet Archive: Scheduled Maintenance"
                                   "</title></html>")
    with pytest.raises(ArchiveUnavailable):
        make_client(web.base(), clock).available(PAGE)


def test_a_cited_capture_of_a_percent_encoded_original_names_the_page() -> None:
    from verifier.net.waybackurls import cited_memento
    encoded = "https://web.archive.org/web/2021/https%3A%2F%2Fnews.example.com%2F2021%2Fa%3Fid%3D7"
    assert cited_memento(encoded) == ("2021", "https://news.example.com/2021/a?id=7")
    plain = "https://web.archive.org/web/2021/https://news.example.com/search?q=a%2Fb"
    assert cited_memento(plain) == ("2021", "https://news.example.com/search?q=a%2Fb")  # left as written


def test_index_keys_drop_the_session_ids_and_www_digits_the_index_drops() -> None:
    from verifier.net.waybackurls import index_key
    page_key = index_key("http://example.com/a?id=7")
    assert index_key("http://example.com/a?PHPSESSID=9682993c8daa2c5497996114facdc805&id=7") == page_key
    assert index_key("http://www2.example.com/a?id=7&jsessionid=0123456789abcdefghijklemopqrstuv") == page_key
    assert index_key("http://example.com/a?CFID=12412453&CFTOKEN=15501799&id=7") == page_key
    assert index_key("http://example.com/a?id=7&sid=abc") != page_key  # not a session id's form
    assert index_key("http://example.com/a?id=7&CFID=12412453") != page_key  # CFID alone is kept


SPN_PAGE = ("<html><body><p>Saving page now…</p><script>$(function(){ spn.watchJob(\"spn2-0a1b2c3d4e\", "
            "\"/_static/\", 6000); });</script></body></html>")


def test_an_anonymous_save_answered_with_a_page_watching_a_job_keeps_the_job(web: FixtureWeb,
                                                                           clock: FakeClock) -> None:
    web.page("/save/" + PAGE, SPN_PAGE)
    job = make_client(web.base(), clock).save_anonymous(PAGE)
    assert job.status == "pending" and job.job_id == "spn2-0a1b2c3d4e" and job.error is None
    web.page("/save/status/spn2-0a1b2c3d4e", '{"status": "pending", "job_id": "spn2-0a1b2c3d4e"}',
             content_type="application/json")
    assert make_client(web.base(), clock).save_status(job).status == "pending"
    assert "Authorization" not in web.requests[-1].headers  # no keys: none sent


def test_keys_refused_once_are_not_sent_again(wayback: FakeWayback, clock: FakeClock) -> None:
    client = make_client(wayback.base, clock, keys=("revoked", "keys"))
    assert client.has_keys
    assert client.save_spn2(PAGE).status == "error"
    assert not client.has_keys
    client.save_status(SaveJob(url=PAGE, job_id="spn2-gone", method="spn2"))
    assert "Authorization" not in wayback.requests[-1].headers


def test_a_job_the_status_endpoint_answers_404_for_is_left_to_the_cdx(web: FixtureWeb,
                                                                      clock: FakeClock) -> None:
    """Save Page Now 2 forgets old jobs: not a failed save, and no job to ask about again."""
    web.page("/save/status/spn2-old", '{"message": "Not found"}', status=404,
             content_type="application/json")
    job = SaveJob(url=PAGE, job_id="spn2-old", method="spn2", status="pending")
    asked = make_client(web.base(), clock, keys=KEYS).save_status(job)
    assert (asked.status, asked.job_id) == ("pending", None)
    assert "no longer knows" in str(asked.error)


def test_an_anonymous_save_redirected_to_a_login_page_is_refused(web: FixtureWeb,
                                                                 clock: FakeClock) -> None:
    """Not a save that may have been made (retried for days): Save Page Now wants a login."""
    web.redirect(f"/save/{PAGE}", "/account/login.php", 302)
    job = make_client(web.base(), clock).save_anonymous(PAGE)
    assert job.status == "error" and "log in" in str(job.error)
