"""The Fetcher against the fixture web: retries, Retry-After, deadlines, redirects, bodies."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from fixtureweb import FixtureWeb, Reply, Request, endless

from verifier import __version__
from verifier.config import Settings
from verifier.evidence import EvidenceStore, read_record
from verifier.fetching import Fetcher
from verifier.models import Hop
from verifier.pagetext import page_text
from verifier.status import LinkStatus


class FakeTime:
    """An injected clock: sleeping moves it forward instantly and is logged."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def make_fetcher(fake_time: FakeTime) -> Iterator[Callable[..., Fetcher]]:
    made: list[Fetcher] = []

    def make(real_time: bool = False, evidence: EvidenceStore | None = None, **settings: object) -> Fetcher:
        values: dict[str, object] = {"allow_private_hosts": True, "retries": 3}
        values.update(settings)
        clock = {} if real_time else {"clock": fake_time.clock, "sleep": fake_time.sleep}
        fetcher = Fetcher(Settings(**values), evidence=evidence, **clock)  # type: ignore[arg-type]
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        fetcher.close()


ARTICLE = "<html><head><title>A report</title></head><body><p>The minister said it.</p></body></html>"


def test_ok_page_sends_user_agent_and_keeps_body(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    url = web.page("/article/1", ARTICLE)
    fetch = make_fetcher().fetch(url)
    assert fetch.link_status is LinkStatus.OK, fetch.reason
    assert fetch.http_status == 200 and fetch.final_url == url
    assert fetch.body == ARTICLE.encode()
    assert fetch.sha256 and len(fetch.attempts) == 1 and fetch.attempts[0].outcome == "200"
    request = web.requests[-1]
    assert request.method == "GET"
    assert request.headers["User-Agent"] == Settings().user_agent_header(__version__)
    assert __version__ in request.headers["User-Agent"]


def test_503_503_200_is_ok_after_three_attempts(web: FixtureWeb, make_fetcher: Callable[..., Fetcher],
                                                fake_time: FakeTime) -> None:
    url = web.sequence("/flaky", [Reply(503, "busy"), Reply(503, "busy"), Reply(200, ARTICLE)])
    fetch = make_fetcher().fetch(url)
    assert fetch.link_status is LinkStatus.OK, fetch.reason
    assert [a.outcome for a in fetch.attempts] == ["503", "503", "200"]
    assert web.hits("/flaky") == 3
    # exponential backoff with jitter: about 1 s, then about 2 s
    assert len(fake_time.sleeps) == 2
    assert 1.0 <= fake_time.sleeps[0] <= 2.0 and 2.0 <= fake_time.sleeps[1] <= 3.0
    assert [a.waited for a in fetch.attempts] == [0.0, *fake_time.sleeps]


def test_503_forever_is_error_after_all_attempts(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    url = web.page("/down", "down", status=503)
    fetch = make_fetcher(retries=2).fetch(url)
    assert fetch.link_status is LinkStatus.ERROR
    assert "503" in fetch.reason and "after 3 attempts" in fetch.reason
    assert web.hits("/down") == 3 and fetch.http_status == 503


def test_404_is_not_retried(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    url = web.page("/gone", "<title>Not Found</title>", status=404)
    fetch = make_fetcher().fetch(url)
    assert fetch.link_status is LinkStatus.DEAD and fetch.reason == "HTTP 404 Not Found"
    assert web.hits("/gone") == 1


def test_retry_after_seconds_is_honoured(web: FixtureWeb, make_fetcher: Callable[..., Fetcher],
                                         fake_time: FakeTime) -> None:
    url = web.sequence("/limited", [Reply(429, "slow down", headers={"Retry-After": "1"}), Reply(200, ARTICLE)])
    fetch = make_fetcher().fetch(url)
    assert fetch.link_status is LinkStatus.OK
    assert fake_time.sleeps == [1.0]
    assert fetch.attempts[1].waited == 1.0


def test_retry_after_really_waits_between_requests(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    """With the real clock: the second request reaches the server at least 1 s after the first."""
    url = web.sequence("/limited", [Reply(429, "", headers={"Retry-After": "1"}), Reply(200, ARTICLE)])
    fetch = make_fetcher(real_time=True).fetch(url)
    assert fetch.link_status is LinkStatus.OK
    first, second = [r.at for r in web.requests if r.path == "/limited"]
    assert second - first >= 1.0


def test_retry_after_http_date(web: FixtureWeb, fake_time: FakeTime) -> None:
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=7), usegmt=True)
    url = web.sequence("/limited", [Reply(503, "", headers={"Retry-After": later}), Reply(200, ARTICLE)])
    fetcher = Fetcher(Settings(allow_private_hosts=True), clock=fake_time.clock, sleep=fake_time.sleep,
                      now=lambda: now)
    fetch = fetcher.fetch(url)
    assert fetch.link_status is LinkStatus.OK and fake_time.sleeps == [7.0]


def test_retry_after_beyond_cap_gives_up(web: FixtureWeb, make_fetcher: Callable[..., Fetcher],
                                         fake_time: FakeTime) -> None:
    url = web.page("/limited", "", status=429, headers={"Retry-After": "3600"})
    fetch = make_fetcher(retry_after_cap=30).fetch(url)
    assert fetch.link_status is LinkStatus.ERROR
    assert "429" in fetch.reason and "3600" in fetch.reason and "retry_after_cap" in fetch.reason
    assert fake_time.sleeps == [] and web.hits("/limited") == 1


def test_retry_after_counted_against_deadline(web: FixtureWeb, make_fetcher: Callable[..., Fetcher],
                                              fake_time: FakeTime) -> None:
    url = web.page("/limited", "", status=429, headers={"Retry-After": "20"})
    fetch = make_fetcher(deadline=50, retry_after_cap=30, retries=5).fetch(url)
    assert fetch.link_status is LinkStatus.ERROR and "deadline" in fetch.reason
    assert fake_time.sleeps == [20.0, 20.0]  # a third wait would end past the 50 s deadline
    assert web.hits("/limited") == 3


def test_connection_refused_is_retried_then_error(make_fetcher: Callable[..., Fetcher]) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fetch = make_fetcher(retries=1).fetch(f"http://127.0.0.1:{port}/x")
    assert fetch.link_status is LinkStatus.ERROR
    assert fetch.reason.startswith("connection refused")
    assert [a.outcome for a in fetch.attempts] == ["connection refused"] * 2


def test_stalled_response_is_error_within_deadline(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    url = web.page("/stall", ARTICLE, delay=30)
    started = time.monotonic()
    fetch = make_fetcher(real_time=True, deadline=1.0, timeout=20).fetch(url)
    assert time.monotonic() - started < 5  # the server would have stalled 30 s
    assert fetch.link_status is LinkStatus.ERROR and "deadline" in fetch.reason
    assert len(fetch.attempts) == 1


def test_trickling_body_is_cut_by_deadline(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    url = web.page("/trickle", endless(b"<p>x</p>"), chunk_delay=0.05)
    started = time.monotonic()
    fetch = make_fetcher(real_time=True, deadline=1.0, timeout=20).fetch(url)
    assert time.monotonic() - started < 5
    assert fetch.link_status is LinkStatus.ERROR and "did not finish" in fetch.reason


def test_301_302_200_is_redirected_with_chain(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    final = web.page("/new/story", ARTICLE)
    middle = web.redirect("/moved/story", "/new/story", status=302)
    start = web.redirect("/old/story", middle, status=301)
    fetch = make_fetcher().fetch(start)
    assert fetch.link_status is LinkStatus.REDIRECTED, fetch.reason
    assert fetch.final_url == final
    assert fetch.redirects == [Hop(start, 301, middle), Hop(middle, 302, final)]
    assert "permanent and temporary" in fetch.reason and final in fetch.reason


def test_redirect_loop_is_error(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    web.redirect("/a", "/b", status=302)
    url = web.redirect("/b", "/a", status=302)
    fetch = make_fetcher().fetch(url)
    assert fetch.link_status is LinkStatus.ERROR and "redirect loop" in fetch.reason
    assert web.hits("/a") == 1 and web.hits("/b") == 1
    assert len(fetch.attempts) == 1  # a loop is not retried


def test_redirect_to_itself_setting_a_cookie_is_followed(web: FixtureWeb,
                                                         make_fetcher: Callable[..., Fetcher]) -> None:
    def handler(request: Request) -> Reply:
        if "seen=1" in request.headers.get("Cookie", ""):
            return Reply(200, ARTICLE)
        return Reply(302, "", headers={"Location": "/cookie", "Set-Cookie": "seen=1; Path=/"})

    url = web.route("/cookie", handler)
    fetch = make_fetcher().fetch(url)
    assert fetch.link_status is LinkStatus.OK, fetch.reason
    assert len(fetch.redirects) == 1


def test_gzip_response_is_decoded(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    url = web.page("/gz", gzip.compress(ARTICLE.encode()), headers={"Content-Encoding": "gzip"})
    fetch = make_fetcher().fetch(url)
    assert fetch.link_status is LinkStatus.OK
    assert fetch.body == ARTICLE.encode()
    assert "gzip" in web.requests[-1].headers["Accept-Encoding"]


def test_deflate_response_is_decoded(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    url = web.page("/deflate", zlib.compress(ARTICLE.encode()), headers={"Content-Encoding": "deflate"})
    assert make_fetcher().fetch(url).body == ARTICLE.encode()


def test_windows_1252_page_with_meta_charset(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    markup = ('<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head>'
              "<body><p>\u201cWe will not resign,\u201d she said \u2014 na\u00efvely.</p></body></html>")
    url = web.page("/cp1252", markup.encode("windows-1252"), content_type="text/html")
    fetch = make_fetcher().fetch(url)
    assert fetch.link_status is LinkStatus.OK and fetch.body is not None
    page = page_text(fetch.body, fetch.content_type)
    assert page is not None
    assert "\u201cWe will not resign,\u201d she said \u2014 na\u00efvely." in page.text


def test_50_mb_body_stops_at_the_default_cap(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    fifty_mb = (b"a" * 65536 for _ in range(800))
    url = web.page("/huge", fifty_mb, content_type="text/plain")
    fetch = make_fetcher().fetch(url)
    cap = Settings().max_body
    assert fetch.link_status is LinkStatus.OK
    assert fetch.truncated and fetch.size == cap and fetch.body is not None
    assert len(fetch.body) == cap and "cut" in fetch.reason


def test_body_at_exactly_the_cap_is_not_truncated(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    url = web.page("/exact", b"b" * 1000, content_type="text/plain")
    fetch = make_fetcher(max_body=1000).fetch(url)
    assert fetch.size == 1000 and not fetch.truncated


def test_pdf_source_body_kept_for_text_extraction(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="The budget will rise by four percent next year.")
    url = web.page("/report.pdf", bytes(pdf.output()), content_type="application/pdf")
    fetch = make_fetcher().fetch(url)
    assert fetch.link_status is LinkStatus.OK and fetch.body is not None
    assert fetch.content_type == "application/pdf"
    page = page_text(fetch.body, fetch.content_type)
    assert page is not None and page.kind == "pdf"
    assert "budget will rise by four percent" in page.text


def test_other_content_type_is_recorded_not_matched(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    url = web.page("/photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png")
    fetch = make_fetcher().fetch(url)
    assert fetch.link_status is LinkStatus.OK
    assert fetch.content_type == "image/png" and "image/png" in fetch.reason and "not" in fetch.reason


def test_conditional_request_304_keeps_status_ok(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    def handler(request: Request) -> Reply:
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(304, b"", content_type=None, headers={"ETag": '"v1"'})
        return Reply(200, ARTICLE, headers={"ETag": '"v1"'})

    url = web.route("/etag", handler)
    fetch = make_fetcher().fetch(url, etag='"v1"', last_modified="Wed, 01 May 2024 12:00:00 GMT")
    assert fetch.link_status is LinkStatus.OK and fetch.not_modified
    assert fetch.http_status == 304 and "304" in fetch.reason
    sent = web.requests[-1].headers
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == "Wed, 01 May 2024 12:00:00 GMT"
    assert not make_fetcher().fetch(url).not_modified


def test_before_attempt_and_rewrite_location_on_every_hop(web: FixtureWeb,
                                                          make_fetcher: Callable[..., Fetcher]) -> None:
    final = web.page("/web/2020id_/page", ARTICLE, host=2)
    start = web.redirect("/web/2019id_/page", "https://web.archive.org/web/2020id_/page")
    calls: list[int] = []

    def rewrite(url: str) -> str:
        return url.replace("https://web.archive.org", web.base(2))

    fetch = make_fetcher().fetch(start, trusted=True, before_attempt=lambda: calls.append(len(web.requests)),
                                 rewrite_location=rewrite)
    assert fetch.final_url == final and fetch.link_status is LinkStatus.REDIRECTED
    assert calls == [0, 1]  # called before each of the two requests


def test_per_host_limit_is_enforced_across_threads(web: FixtureWeb,
                                                   make_fetcher: Callable[..., Fetcher]) -> None:
    active: dict[str, int] = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def slow(_request: Request) -> Reply:
        with lock:
            active["now"] += 1
            active["peak"] = max(active["peak"], active["now"])
        time.sleep(0.05)
        with lock:
            active["now"] -= 1
        return Reply(200, ARTICLE)

    web.route("*", slow, host=3)
    fetcher = make_fetcher(real_time=True, per_host=2)
    urls = [web.url(f"/p{i}", host=3) for i in range(8)]
    threads = [threading.Thread(target=fetcher.fetch, args=(u,)) for u in urls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert active["peak"] == 2


def test_evidence_written_for_every_response(web: FixtureWeb, tmp_path: Path,
                                             make_fetcher: Callable[..., Fetcher]) -> None:
    from warcio.archiveiterator import ArchiveIterator

    url = web.page("/gz", gzip.compress(ARTICLE.encode()), headers={"Content-Encoding": "gzip"})
    start = web.redirect("/to-gz", "/gz")
    with EvidenceStore(tmp_path, run_label="run-1") as store:
        fetch = make_fetcher(evidence=store).fetch(start)
    assert fetch.evidence is not None and fetch.body is not None
    status, headers, body = read_record(tmp_path, fetch.evidence)
    assert status == 200 and body == fetch.body and body == ARTICLE.encode()
    assert page_text(body, dict(headers).get("Content-Type")) == page_text(fetch.body, fetch.content_type)
    with open(tmp_path / fetch.evidence.warc_path, "rb") as fh:
        kinds = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(fh)]
    assert ("response", start) in kinds and ("response", url) in kinds
    assert ("request", url) in kinds


def test_tls_failure_is_error(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    web.page("/story", ARTICLE)
    fetch = make_fetcher().fetch(f"https://127.0.0.1:{web.port}/story")  # plain HTTP behind https:
    assert fetch.link_status is LinkStatus.ERROR and fetch.reason.startswith("TLS failure")
    assert len(fetch.attempts) == 1


def test_before_attempt_errors_propagate(web: FixtureWeb, make_fetcher: Callable[..., Fetcher]) -> None:
    """The Internet Archive pacer may refuse (breaker open): that is the caller's signal, not a link status."""
    from verifier.errors import ArchiveRateLimited

    def refuse() -> None:
        raise ArchiveRateLimited("breaker open")

    url = web.page("/web/2020id_/x", ARTICLE)
    with pytest.raises(ArchiveRateLimited):
        make_fetcher().fetch(url, trusted=True, before_attempt=refuse)
    assert web.requests == []


def test_netrc_credentials_never_sent(web: FixtureWeb, make_fetcher: Callable[..., Fetcher],
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login me password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    url = web.page("/story", ARTICLE)
    assert make_fetcher().fetch(url).link_status is LinkStatus.OK
    assert "Authorization" not in web.requests[-1].headers


def test_waiting_for_a_busy_host_is_bounded() -> None:
    from verifier.net.transport import HostSlots, OutOfTime

    slots = HostSlots(1)
    with slots.hold("news.example.org", timeout=1):
        with pytest.raises(OutOfTime, match="no free connection slot for news.example.org"), \
                slots.hold("news.example.org", timeout=0.05):
            pass
        with slots.hold("other.example.org", timeout=0.05):  # other hosts are not held up
            pass
    with slots.hold("news.example.org", timeout=0.05):  # released again
        pass


def test_a_fetch_its_caller_paces_leaves_a_429_to_the_caller(web: FixtureWeb,
                                                            make_fetcher: Callable[..., Fetcher]) -> None:
    """A Wayback snapshot is fetched with the Archive's pacer as `before_attempt`: a 429 is
    that pacer's to honour (it pauses every call), not a retry here behind its back."""
    url = web.sequence("/limited", [Reply(429, "slow down", headers={"Retry-After": "1"}), Reply(200, ARTICLE)])
    paced: list[str] = []
    fetch = make_fetcher().fetch(url, trusted=True, before_attempt=lambda: paced.append("slot"))
    assert fetch.http_status == 429 and paced == ["slot"]
    assert web.hits("/limited") == 1
