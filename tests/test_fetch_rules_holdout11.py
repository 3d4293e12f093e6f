"""Fetch-level rules first met in the eleventh held-out set: a body of a byte-order mark and white
space is empty, and a Brotli or zstd body is decoded (pyproject declares urllib3[brotli,zstd])"""

from __future__ import annotations

from collections.abc import Callable

import brotli
import pytest
from backports import zstd
from fixtureweb import FixtureWeb
from linkstatus_cases import fetcher

from verifier.fetching import Fetcher
from verifier.net.wire import is_blank
from verifier.status import LinkStatus

__all__ = ["fetcher"]  # the shared fixture, used by the tests below

STORY = ("<html><head><title>Harbour dredging contract awarded</title></head><body><h1>Harbour dredging contract "
         "awarded</h1>" + "<p>The harbour board awarded the dredging contract on Thursday.</p>" * 6 + "</body></html>")


@pytest.mark.parametrize("body, blank", [
    (b"", True), (b" \r\n\t", True), (b"\xef\xbb\xbf", True), (b"\xef\xbb\xbf\n\n", True),
    (b"\xef\xbb\xbf<p>x</p>", False), (b"\n<p>x</p>", False),
])
def test_a_byte_order_mark_and_white_space_is_a_blank_body(body: bytes, blank: bool) -> None:
    assert is_blank(body) is blank


def test_a_200_of_a_byte_order_mark_is_an_error(web: FixtureWeb, fetcher: Fetcher) -> None:
    fetch = fetcher.fetch(web.page("/story", "\ufeff\r\n"))
    assert fetch.link_status is LinkStatus.ERROR, fetch.reason


@pytest.mark.parametrize("coding, encode", [("br", brotli.compress), ("zstd", zstd.compress)])
def test_a_brotli_or_zstd_body_is_read(web: FixtureWeb, fetcher: Fetcher, coding: str,
                                      encode: Callable[[bytes], bytes]) -> None:
    url = web.page("/story", encode(STORY.encode()), headers={"Content-Encoding": coding})
    fetch = fetcher.fetch(url)
    assert fetch.link_status is LinkStatus.OK, fetch.reason
