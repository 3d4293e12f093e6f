"""Sources that try to hurt the fetcher: internal redirects, endless and compressed floods,
pages that never finish, redirect chains without end, and URLs written every odd way."""

from __future__ import annotations

import ipaddress
import re
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator

import pytest
from fixtureweb import FixtureWeb, Reply, Request, endless

from verifier.config import Settings
from verifier.fetching import Fetcher
from verifier.net import guard
from verifier.status import LinkStatus

PAGE = "<html><head><title>Story</title></head><body><p>Text of the story.</p></body></html>"


@pytest.fixture
def public_127_0_0_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the guard treat 127.0.0.2 as a public web server, so a redirect out of it can be
    tested with the guard on; every other address keeps its real verdict."""
    real = guard.address_refusal

    def refusal(address: guard.IPAddress) -> str | None:
        return None if address == ipaddress.ip_address("127.0.0.2") else real(address)

    monkeypatch.setattr(guard, "address_refusal", refusal)


@pytest.fixture
def guarded() -> Iterator[Fetcher]:
    fetcher = Fetcher(Settings(retries=0))
    yield fetcher
    fetcher.close()


@pytest.mark.usefixtures("public_127_0_0_2")
def test_redirect_to_loopback_refused(web: FixtureWeb, guarded: Fetcher) -> None:
    web.page("/admin", "internal")
    start = web.redirect("/story", web.url("/admin", host=1), status=302, host=2)
    fetch = guarded.fetch(start)
    assert fetch.link_status is LinkStatus.SKIPPED
    assert fetch.reason == ("refused by the address guard: 127.0.0.1 is a loopback address "
                            f"(at {web.url('/admin')}, after 1 redirect)")
    assert web.hits("/story") == 1 and web.hits("/admin") == 0
    assert [h.status for h in fetch.redirects] == [302]


@pytest.mark.usefixtures("public_127_0_0_2")
def test_redirect_to_cloud_metadata_refused(web: FixtureWeb, guarded: Fetcher) -> None:
    start = web.redirect("/story", "http://169.254.169.254/latest/meta-data/", status=301, host=2)
    fetch = guarded.fetch(start)
    assert fetch.link_status is LinkStatus.SKIPPED
    assert "169.254.169.254 is a link-local (cloud metadata) address" in fetch.reason


@pytest.mark.usefixtures("public_127_0_0_2")
def test_redirect_to_name_resolving_internally_refused(web: FixtureWeb, guarded: Fetcher) -> None:
    web.page("/admin", "internal")
    start = web.redirect("/story", f"http://intranet.test:{web.port}/admin", status=302, host=2)
    fetch = guarded.fetch(start)
    assert fetch.link_status is LinkStatus.SKIPPED and "intranet.test resolves to 127.0.0.1" in fetch.reason
    assert web.hits("/admin") == 0


def test_endless_body_cut_at_cap(web: FixtureWeb) -> None:
    url = web.page("/endless", endless(), content_type="text/plain")
    fetch = Fetcher(Settings(allow_private_hosts=True, max_body=2_000_000)).fetch(url)
    assert fetch.link_status is LinkStatus.OK
    assert fetch.truncated and fetch.size == 2_000_000


def _gzip_bomb(expanded_mb: int) -> bytes:
    """A multi-member gzip stream that expands to expanded_mb MB of zeros (about 1 KB per MB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = compressor.compress(b"\0" * 1_000_000) + compressor.flush()
    return member * expanded_mb


def _brotli_bomb(expanded_mb: int) -> bytes:
    """One Brotli stream expanding to expanded_mb MB of zeros (under a kilobyte on the wire)."""
    import brotli

    compressor = brotli.Compressor(quality=4)
    return b"".join(compressor.process(b"\0" * 1_000_000) for _ in range(expanded_mb)) + \
        compressor.finish()


def _zstd_bomb(expanded_mb: int) -> bytes:
    """Zstandard frames, one after another, expanding to expanded_mb MB of zeros."""
    from backports import zstd

    return zstd.compress(b"\0" * 1_000_000) * expanded_mb


@pytest.mark.parametrize(("coding", "bomb", "expanded_mb"), [
    ("gzip", _gzip_bomb, 2000),  # 2 GB once expanded, 2 MB on the wire
    ("br", _brotli_bomb, 500), ("zstd", _zstd_bomb, 500)])
def test_compression_bombs_cut_at_cap_with_bounded_memory(
        web: FixtureWeb, coding: str, bomb: Callable[[int], bytes], expanded_mb: int) -> None:
    """The cap counts bytes after decompression, for every coding the client decodes (a server
    may send Brotli or Zstandard unasked)."""
    url = web.page(f"/bomb-{coding}", bomb(expanded_mb), content_type="text/html",
                   headers={"Content-Encoding": coding})
    cap = 5_000_000
    tracemalloc.start()
    try:
        fetch = Fetcher(Settings(allow_private_hosts=True, max_body=cap)).fetch(url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert fetch.link_status is LinkStatus.OK and fetch.truncated and fetch.size == cap
    assert peak < 40_000_000  # nothing like what the bomb expands to


def test_page_that_never_finishes_hits_the_deadline(web: FixtureWeb) -> None:
    url = web.page("/forever", endless(b"<p>more</p>"), chunk_delay=0.02)
    started = time.monotonic()
    fetch = Fetcher(Settings(allow_private_hosts=True, deadline=1.5, timeout=30)).fetch(url)
    assert time.monotonic() - started < 6
    assert fetch.link_status is LinkStatus.ERROR
    assert fetch.reason == "the page did not finish within the 1.5 s deadline"
    assert [a.outcome for a in fetch.attempts] == ["deadline"]


def test_ten_thousand_redirects_stopped(web: FixtureWeb) -> None:
    def next_hop(request: Request) -> Reply:
        n = int(request.path.rsplit("/", 1)[-1])
        return Reply(302, b"", content_type=None, headers={"Location": f"/hop/{n + 1}"}) if n < 10_000 \
            else Reply(200, PAGE)

    web.route("*", next_hop, host=3)
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch(web.url("/hop/0", host=3))
    assert fetch.link_status is LinkStatus.ERROR and fetch.reason == "too many redirects (more than 20)"
    assert len(web.requests) == 21 and len(fetch.redirects) == 20
    assert len(fetch.attempts) == 1


def test_deeply_nested_html_does_not_crash(web: FixtureWeb) -> None:
    markup = "<html><head><title>Deep</title></head><body>" + "<div>" * 100_000 + "404" + "</div>" * 100_000
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch(web.page("/2020/deep", markup + "</body></html>"))
    assert fetch.link_status in (LinkStatus.OK, LinkStatus.SOFT_404)


@pytest.fixture
def echo(web: FixtureWeb) -> FixtureWeb:
    """Echoes the path it was asked for; the soft-404 probe's random path gets an honest 404."""
    def answer(request: Request) -> Reply:
        if re.fullmatch(r"/[0-9a-f]{24}", request.path):
            return Reply(404, "no such page")
        return Reply(200, f"<html><title>Echo</title><p>{request.path} {request.headers.get('Host')}</p></html>")

    web.route("*", answer)
    return web


@pytest.mark.parametrize("written, sent_path", [
    ("/a b/c d.html", "/a%20b/c%20d.html"),
    ("/caf%C3%A9?q=a%20b&x=%2F", "/caf%C3%A9?q=a%20b&x=%2F"),
    ("/café/ünï", "/caf%C3%A9/%C3%BCn%C3%AF"),
    ("/100%", "/100%25"),
    ("/%zz", "/%25zz"),
    ("/path#fragment", "/path"),
])
def test_odd_paths_sent_correctly(echo: FixtureWeb, written: str, sent_path: str) -> None:
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch(f"  http://127.0.0.1:{echo.port}{written} ")
    assert fetch.link_status is LinkStatus.OK, fetch.reason
    assert echo.requests[0].path == sent_path


def test_idn_host_sent_as_punycode(echo: FixtureWeb) -> None:
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch(f"http://bücher.test:{echo.port}/ä")
    assert fetch.link_status is LinkStatus.OK, fetch.reason
    assert echo.requests[0].headers["Host"] == f"xn--bcher-kva.test:{echo.port}"
    assert echo.requests[0].path == "/%C3%A4"


@pytest.mark.parametrize("url", ["http://exa mple.org/", "javascript:alert(1)", "http://[::1", "htp:/x",
                                 "http://example.org:0x50/", "http://" + "a" * 64 + ".org/", "//no-scheme.org/x"])
def test_malformed_urls_invalid_without_request(web: FixtureWeb, url: str) -> None:
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch(url)
    assert fetch.link_status is LinkStatus.INVALID and fetch.attempts == []
    assert web.requests == []


def test_redirect_to_malformed_location_is_error(web: FixtureWeb) -> None:
    start = web.redirect("/story", "http://exa mple.org/", status=302)
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch(start)
    assert fetch.link_status is LinkStatus.ERROR and "unusable URL" in fetch.reason


def test_redirect_to_other_scheme_is_error(web: FixtureWeb) -> None:
    start = web.redirect("/story", "ftp://files.example.org/story.txt", status=302)
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch(start)
    assert fetch.link_status is LinkStatus.ERROR and "ftp" in fetch.reason


def test_corrupt_gzip_is_error(web: FixtureWeb) -> None:
    url = web.page("/story", b"this is not gzip at all" * 10, headers={"Content-Encoding": "gzip"})
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch(url)
    assert fetch.link_status is LinkStatus.ERROR
    assert fetch.reason == "the body could not be decompressed"
