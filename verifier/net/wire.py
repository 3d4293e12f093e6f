"""HTTP/1.1 answers read as browsers read them, where Python's client is stricter or looser.

http.client takes any 1xx other than 100 for the final answer (a server's 103 Early Hints
then read as the page, with an empty body) and refuses an answer with more than 100 header
lines, which browsers accept (an A/B-testing proxy's 150 Set-Cookie lines). urllib3 passes a
body in a content coding it cannot undo (Brotli or zstd the client never asked for) through
as if it were the page. These are the corrections; the connections here are the ones every
session uses, guarded or not.
"""

from __future__ import annotations

import codecs
import http.client
from collections.abc import Mapping
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.response import HTTPResponse as DecodingResponse

MAX_HEADER_LINES = 1000  # browsers bound the headers' size (256 KB), not their number
# Content codings that compress (the IANA registry): a body in one we cannot undo is unreadable.
# Anything else named there ('UTF-8', 'binary') is no coding at all, and browsers ignore it.
COMPRESSING_CODINGS = frozenset({"gzip", "x-gzip", "deflate", "br", "zstd", "compress", "x-compress",
                                 "pack200-gzip", "exi", "aes128gcm", "dcb", "dcz"})
GZIP_MAGIC = b"\x1f\x8b\x08"


class InformedResponse(http.client.HTTPResponse):
    """A response that reads past informational answers (102 Processing, 103 Early Hints) to the
    final one, as browsers do; 100 Continue is skipped by http.client itself, and 101 (switching
    protocols) is final."""

    def _read_status(self) -> tuple[str, int, str]:
        while True:
            version, status, reason = super()._read_status()  # type: ignore[misc]
            if not 100 < status < 200 or status == 101:
                return version, status, reason
            http.client.parse_headers(self.fp)  # the hints: nothing the final answer needs


class BrowserHTTPConnection(HTTPConnection):
    response_class = InformedResponse


class BrowserHTTPSConnection(HTTPSConnection):
    response_class = InformedResponse


class _BrowserHTTPPool(HTTPConnectionPool):
    ConnectionCls = BrowserHTTPConnection


class _BrowserHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = BrowserHTTPSConnection


class BrowserAdapter(HTTPAdapter):
    """A requests adapter whose direct connections read answers as above."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        allow_many_header_lines()
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _BrowserHTTPPool, "https": _BrowserHTTPSPool}


def allow_many_header_lines() -> None:
    """Raise http.client's limit on header lines (a module setting, only ever raised): a page
    whose server sends many cookies is a page."""
    if getattr(http.client, "_MAXHEADERS", MAX_HEADER_LINES) < MAX_HEADER_LINES:
        http.client._MAXHEADERS = MAX_HEADER_LINES  # type: ignore[attr-defined]


def coding_trouble(headers: Mapping[str, str], content_type: str | None, body: bytes) -> str | None:
    """Why a body read under its declared content coding is still no readable page, or None:
    a compressing coding this client cannot undo, or text whose bytes are still gzip data
    (compressed twice but declared once, or compressed without saying so), which a browser
    shows as garbage."""
    declared = [c.strip().lower() for c in (headers.get("Content-Encoding") or "").split(",") if c.strip()]
    unknown = [c for c in declared if c in COMPRESSING_CODINGS and c not in DecodingResponse.CONTENT_DECODERS]
    if unknown:
        return f"the body is compressed with {', '.join(unknown)}, which cannot be decoded here"
    ctype = (content_type or "").split(";")[0].strip().lower()
    if body[:3] == GZIP_MAGIC and (ctype.startswith("text/") or ctype.endswith(("html", "+xml"))):
        return "the page's bytes are gzip data still (compressed twice, or without saying so)"
    return None


def is_blank(body: bytes) -> bool:
    """Whether a body holds nothing to read: no bytes, or only white space, after a UTF-8
    byte-order mark if one leads (an empty template saved by an editor that writes one)."""
    rest = body.removeprefix(codecs.BOM_UTF8)
    return not rest or rest.isspace()
