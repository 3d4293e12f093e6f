"""HTTP plumbing under the Fetcher: sessions, per-host slots, bounded body reads.

The Fetcher decides what to request and what the answers mean; this module only moves
bytes, within the limits it is given (size cap, time left, connections per host).
"""

from __future__ import annotations

import email.utils
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.client import HTTPException
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions as u3
from requests.adapters import HTTPAdapter
from requests.auth import HTTPBasicAuth
from requests.utils import get_auth_from_url, get_environ_proxies

from .guard import GuardedAdapter
from .wire import BrowserAdapter

ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
CHUNK = 64 * 1024
POOLED_HOSTS = 32  # connection pools each worker's session keeps


class OutOfTime(Exception):
    """The URL's deadline passed while waiting for a slot or reading a body."""


def new_session(factory: Callable[[], requests.Session] | None, *, guarded: bool,
                user_agent: str) -> requests.Session:
    """A session whose plain adapters are replaced by pooled ones (guarded when asked).

    Adapters a factory mounted itself (custom transports in tests) are left alone. The
    environment is read here once, not by requests on every request (that read cost a
    third of a request's time): pass `EnvironmentProxies.for_url(url)` as each request's
    proxies."""
    session = factory() if factory else requests.Session()
    session.trust_env = False
    if session.verify is True:  # as requests would, from the environment
        session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") \
            or True
    for prefix in ("http://", "https://"):
        if type(session.get_adapter(prefix)) is HTTPAdapter:
            adapter_cls = GuardedAdapter if guarded else BrowserAdapter
            session.mount(prefix, adapter_cls(pool_connections=POOLED_HOSTS, pool_maxsize=2, max_retries=0))
    session.headers.update({"User-Agent": user_agent, "Accept": ACCEPT})
    session.auth = _own_credentials  # never ~/.netrc's, to hosts a document names
    return session


def _own_credentials(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """The credentials an address carries itself ('https://reader:pw@host/page') sent to its
    host, as a browser answering that host's login prompt would; none from ~/.netrc. Each hop
    of a redirect is its own request: a Location without them sends none."""
    user, password = get_auth_from_url(request.url or "")
    return HTTPBasicAuth(user, password)(request) if user or password else request


class EnvironmentProxies:
    """The proxies the environment names (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY) for
    a URL, found as requests finds them, once per scheme, host and port."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_origin: dict[tuple[str, str, int | None], dict[str, str]] = {}

    def for_url(self, url: str) -> dict[str, str]:
        parts = urlsplit(url)
        try:
            origin = (parts.scheme, parts.hostname or "", parts.port)
        except ValueError:  # a bad port: requests will refuse the URL itself
            return {}
        found = self._by_origin.get(origin)
        if found is None:
            found = dict(get_environ_proxies(url, no_proxy=None))
            with self._lock:
                self._by_origin[origin] = found
        return found


class HostSlots:
    """At most `limit` requests under way to any one host, across all threads."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def hold(self, host: str, timeout: float) -> Iterator[None]:
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self._limit))
        if not slot.acquire(timeout=max(timeout, 0.0)):
            raise OutOfTime(f"no free connection slot for {host}")
        try:
            yield
        finally:
            slot.release()


def read_body(response: requests.Response, *, cap: int, time_left: Callable[[], float],
              read_timeout: float) -> tuple[bytes, str | None]:
    """The decompressed body up to `cap` bytes, and "length" when it was cut there.

    Reads return after each network read, with the socket timeout shortened to the time
    left once that is shorter than the read timeout, so neither a trickle nor a stall can
    outlast the deadline (OutOfTime). The timeout is set only when it changes: each setting
    is a system call."""
    chunks: list[bytes] = []
    size = 0
    timeout = None
    while True:
        remaining = time_left()
        if remaining <= 0:
            raise OutOfTime("the page did not finish")
        wanted = min(read_timeout, remaining)
        if wanted != timeout:
            _set_read_timeout(response, wanted)
            timeout = wanted
        chunk = _read1(response, min(CHUNK, cap - size + 1))
        if not chunk:
            return b"".join(chunks), None
        if size + len(chunk) > cap:
            chunks.append(chunk[: cap - size])
            return b"".join(chunks), "length"
        chunks.append(chunk)
        size += len(chunk)


def _read1(response: requests.Response, amount: int) -> bytes:
    """At most `amount` decoded bytes (urllib3 bounds decompression too), with urllib3's
    errors mapped to requests' as iter_content does."""
    try:
        return bytes(response.raw.read1(amount, decode_content=True))
    except u3.ReadTimeoutError as exc:
        raise requests.exceptions.ReadTimeout(exc) from exc
    except u3.SSLError as exc:
        raise requests.exceptions.SSLError(exc) from exc
    except u3.DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from exc
    except (u3.ProtocolError, OSError, HTTPException) as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from exc


def _socket(response: requests.Response) -> Any:
    connection = getattr(response.raw, "connection", None)
    return getattr(connection, "sock", None)


def _set_read_timeout(response: requests.Response, seconds: float) -> None:
    sock = _socket(response)
    if sock is not None:
        sock.settimeout(max(seconds, 0.01))


def peer_address(response: requests.Response) -> str | None:
    """The address the response is coming from (while its connection is open)."""
    sock = _socket(response)
    try:
        return str(sock.getpeername()[0]) if sock is not None else None
    except OSError:
        return None


def http_version(response: requests.Response) -> str:
    return "HTTP/1.0" if getattr(response.raw, "version", 11) == 10 else "HTTP/1.1"


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def redirect_location(session: requests.Session, response: requests.Response) -> str | None:
    """Where a response sends the client: requests' reading of a redirect's Location, or a 300's
    Location (its preferred choice, which requests leaves alone), decoded the same way (UTF-8
    bytes sent in a header)."""
    found = session.get_redirect_target(response)
    written = response.headers.get("Location") if response.status_code == 300 else None
    if found is not None or not written:
        return found
    try:
        return written.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return written


_OTHER_SCHEME = re.compile(r"\s*(?!https?:)[A-Za-z][A-Za-z0-9+.-]*:", re.I)


def join_location(base: str, written: str) -> str:
    """The address a Location or refresh URL leads to from `base`, read as browsers read it (the
    WHATWG URL standard): in a web address a backslash before the query is a slash, so IIS's
    'Location: \\2020\\03\\story' leads to /2020/03/story."""
    end = len(written.split("#")[0].split("?")[0])
    if "\\" in written[:end] and not _OTHER_SCHEME.match(written):
        written = written[:end].replace("\\", "/") + written[end:]
    return urljoin(base, written)
