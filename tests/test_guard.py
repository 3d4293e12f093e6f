"""The address guard: literals, resolved names, the connected peer, and proxies."""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fixtureweb import FixtureWeb

from verifier.config import Settings
from verifier.fetching import Fetcher
from verifier.net import guard
from verifier.status import LinkStatus

PAGE = "<html><head><title>Story</title></head><body><p>Text of the story.</p></body></html>"


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("fc00::1", "private"),
    ("169.254.169.254", "link-local (cloud metadata)"), ("169.254.1.1", "link-local"),
    ("fe80::1", "link-local"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("240.0.0.1", "private"),
    ("100.64.0.1", "non-public"), ("::ffff:127.0.0.1", "loopback"),
    ("2002:7f00:1::1", "loopback"), ("64:ff9b::a00:1", "private"),
])
def test_refused_addresses(address: str, kind: str) -> None:
    reason = guard.address_refusal(ipaddress.ip_address(address))
    assert reason is not None and kind in reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert guard.address_refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "2130706433", "0x7f.1", "127.1",
                                  "0177.0.0.1", "127.0.0.1.", "[::ffff:127.0.0.1]"])
def test_loopback_literals_in_any_spelling(host: str) -> None:
    with pytest.raises(guard.AddressRefused):
        guard.check_literal(host)


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST.", "courier.localhost", "a.b.localhost.."])
def test_loopback_names_refused_without_a_lookup(host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", lambda *_a, **_k: pytest.fail("looked up"))
    with pytest.raises(guard.AddressRefused, match="loopback name"):
        guard.check_literal(host)


def test_names_are_not_literals() -> None:
    guard.check_literal("localhost.example.org")  # only names under localhost itself
    assert guard.literal_address("1e100.net") is None
    assert guard.literal_address("news.example.org") is None
    guard.check_literal("news.example.org")  # nothing to check without resolving


def _guarded() -> Fetcher:
    return Fetcher(Settings(retries=0))


def test_loopback_literal_url_skipped_without_request(web: FixtureWeb) -> None:
    url = web.page("/secret", "secret")
    fetch = _guarded().fetch(url)
    assert fetch.link_status is LinkStatus.SKIPPED
    assert fetch.reason == "refused by the address guard: 127.0.0.1 is a loopback address"
    assert web.hits("/secret") == 0


def test_public_looking_name_resolving_to_loopback_skipped(web: FixtureWeb) -> None:
    web.page("/story", PAGE)
    fetch = _guarded().fetch(f"http://news.example.test:{web.port}/story")
    assert fetch.link_status is LinkStatus.SKIPPED
    assert "news.example.test resolves to 127.0.0.1 is a loopback address" in fetch.reason
    assert web.hits("/story") == 0


def test_dns_rebinding_caught_on_the_connected_peer(web: FixtureWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first lookup (the guard's) says public, the one used to connect says loopback."""
    web.page("/story", PAGE)
    real = socket.getaddrinfo
    answers = iter(["93.184.216.34", "127.0.0.1"])

    def rebinding(host: str, port: int, *args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        if host == "rebind.test":
            return real(next(answers), port, *args, **kwargs)  # type: ignore[arg-type]
        return real(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    fetch = _guarded().fetch(f"http://rebind.test:{web.port}/story")
    assert fetch.link_status is LinkStatus.SKIPPED
    assert "rebind.test connected to 127.0.0.1 is a loopback address" in fetch.reason
    assert web.hits("/story") == 0


def test_allow_private_hosts_turns_the_guard_off(web: FixtureWeb) -> None:
    url = web.page("/story", PAGE)
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch(url)
    assert fetch.link_status is LinkStatus.OK


def test_trusted_fetch_skips_the_guard_but_does_not_open_it_for_others(web: FixtureWeb) -> None:
    url = web.page("/web/2020/x", PAGE)
    fetcher = _guarded()
    assert fetcher.fetch(url, trusted=True).link_status is LinkStatus.OK
    # the same host, same thread, untrusted: the pooled trusted connection is not reused
    assert fetcher.fetch(url).link_status is LinkStatus.SKIPPED
    assert web.hits("/web/2020/x") == 1


class _Proxy:
    """A tiny forward proxy on loopback: answers absolute-URI GETs itself (a page for
    /story/ paths, 404 for others) and logs them."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                proxy.seen.append(self.path)
                found = "/story/" in self.path
                body = b"<html><title>Via proxy</title><p>served by the proxy</p></html>" if found else b""
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Proxy]:
    server = _Proxy()
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", server.url)
    yield server
    server.close()


def test_proxy_resolves_the_target_not_us(proxy: _Proxy, monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[str] = []
    real = socket.getaddrinfo

    def logging_lookup(host: str, *args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        looked_up.append(host)
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", logging_lookup)
    # .invalid names do not resolve here: only the proxy can have answered
    fetch = _guarded().fetch("http://news.invalid/story/1")
    assert fetch.link_status is LinkStatus.OK, fetch.reason
    assert proxy.seen[0] == "http://news.invalid/story/1"
    assert "news.invalid" not in looked_up


def test_literals_still_refused_behind_a_proxy(proxy: _Proxy) -> None:
    fetch = _guarded().fetch("http://169.254.169.254/latest/meta-data/")
    assert fetch.link_status is LinkStatus.SKIPPED and "cloud metadata" in fetch.reason
    assert proxy.seen == []


def test_no_proxy_is_honoured(proxy: _Proxy, web: FixtureWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    url = web.page("/direct", PAGE)
    fetch = Fetcher(Settings(allow_private_hosts=True)).fetch(url)
    assert fetch.link_status is LinkStatus.OK and web.hits("/direct") == 1
    assert proxy.seen == []


def test_name_not_found_with_the_guard_on_is_dead() -> None:
    fetch = _guarded().fetch("http://gone-for-good.invalid/story")
    assert fetch.link_status is LinkStatus.DEAD and "name not found" in fetch.reason
