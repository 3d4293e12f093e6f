"""Answers read as browsers read them (verifier.net.wire), first met in the ninth held-out
link-status set: informational answers before the final one, many header lines, content
codings this client cannot undo, gzip data left in a page."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest
from fixtureweb import FixtureWeb

from verifier.config import Settings
from verifier.fetching import Fetcher
from verifier.net import guard
from verifier.net.wire import coding_trouble
from verifier.status import LinkStatus

PAGE = ("<html><head><title>Dam inspected | Courier</title></head><body><h1>Dam inspected</h1>"
        + "<p>Engineers measured seepage through the old masonry of the dam.</p>" * 20 + "</body></html>").encode()


@pytest.fixture(params=[True, False], ids=["guard off", "guarded"])
def fetcher(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Fetcher]:
    """Both kinds of session; the guarded one's guard is told loopback is public, so that its
    own connections reach the fixture web."""
    if not request.param:
        monkeypatch.setattr(guard, "address_refusal", lambda _address: None)
    made = Fetcher(Settings(allow_private_hosts=request.param, retries=0), sleep=lambda _s: None)
    yield made
    made.close()


def answer(*head: str, body: bytes = PAGE) -> bytes:
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


def final(status: str, body: bytes = PAGE) -> bytes:
    return answer(status, "Content-Type: text/html", f"Content-Length: {len(body)}", body=body)


@pytest.mark.parametrize("informational", ["HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload",
                                           "HTTP/1.1 102 Processing"])
def test_informational_answers_are_read_past(web: FixtureWeb, fetcher: Fetcher, informational: str) -> None:
    url = web.page("/story", b"", raw=answer(informational, body=b"") + final("HTTP/1.1 200 OK"))
    fetch = fetcher.fetch(url)
    assert (fetch.link_status, fetch.http_status, fetch.body) == (LinkStatus.OK, 200, PAGE)


def test_the_final_answer_after_early_hints_decides(web: FixtureWeb, fetcher: Fetcher) -> None:
    url = web.page("/story", b"", raw=answer("HTTP/1.1 103 Early Hints", body=b"")
                   + final("HTTP/1.1 404 Not Found", b"<h1>Not Found</h1>"))
    assert fetcher.fetch(url).link_status is LinkStatus.DEAD


def test_many_header_lines_are_a_page(web: FixtureWeb, fetcher: Fetcher) -> None:
    cookies = [f"Set-Cookie: variant_{n}=b; Path=/" for n in range(150)]
    url = web.page("/story", b"", raw=answer("HTTP/1.1 200 OK", "Content-Type: text/html", *cookies,
                                              f"Content-Length: {len(PAGE)}"))
    assert fetcher.fetch(url).link_status is LinkStatus.OK


@pytest.mark.parametrize("coding", ["compress", "x-compress", "gzip, compress", "aes128gcm"])
def test_a_coding_that_cannot_be_undone_is_no_page(coding: str) -> None:
    assert coding_trouble({"Content-Encoding": coding}, "text/html", b"\x8b\x02\x80") is not None


@pytest.mark.parametrize("coding", ["", "identity", "gzip", "x-gzip", "deflate", "br", "zstd",
                                    "gzip, br", "UTF-8", "binary"])
def test_codings_undone_or_meaning_nothing_pass(coding: str) -> None:
    assert coding_trouble({"Content-Encoding": coding}, "text/html", PAGE) is None


def test_gzip_bytes_left_in_a_page_are_no_page() -> None:
    twice = gzip.compress(PAGE)  # what is left once one layer of 'gzip, gzip' sent as 'gzip' is undone
    assert coding_trouble({"Content-Encoding": "gzip"}, "text/html; charset=utf-8", twice) is not None
    assert coding_trouble({}, "application/gzip", twice) is None  # a .gz download is that


def test_undecodable_body_makes_a_200_an_error_but_a_404_stays_dead(web: FixtureWeb, fetcher: Fetcher) -> None:
    ok = web.page("/a", b"\x1f\x9d\x90 opaque", headers={"Content-Encoding": "compress"})
    gone = web.page("/b", b"\x1f\x9d\x90 opaque", status=404, headers={"Content-Encoding": "compress"})
    fetch = fetcher.fetch(ok)
    assert fetch.link_status is LinkStatus.ERROR and "compressed with compress" in fetch.reason
    assert fetcher.fetch(gone).link_status is LinkStatus.DEAD
