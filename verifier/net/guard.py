"""The address guard: cited URLs must not make verifier reach into the machine or its network.

A document can cite anything, so a hostile or careless citation could point the fetcher at
127.0.0.1, a router on 192.168.x.x or a cloud metadata service (169.254.169.254). The guard
refuses every address that is not publicly routable: as a literal in the URL (every hop,
checked by the Fetcher), and as the addresses a name resolves to, checked inside the HTTP
connection itself just before it connects and again on the connected peer, so a DNS answer
that changes between check and use (rebinding) cannot slip through. Behind a proxy the
target name is resolved by the proxy, so only literals can be checked.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NameResolutionError
from urllib3.util.connection import allowed_gai_family

from .wire import BrowserHTTPConnection, BrowserHTTPSConnection, allow_many_header_lines

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Shorthand IPv4 forms that resolvers accept as literals: 2130706433, 0x7f.1, 127.1, 0177.0.0.1
_IPV4_SHORTHAND = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.I)


class AddressRefused(Exception):
    """The guard refused a host. Not an OSError, so urllib3 neither retries nor wraps it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def address_refusal(address: IPAddress) -> str | None:
    """Why an address must not be fetched, or None for a public address."""
    for embedded in _embedded_ipv4(address):
        reason = address_refusal(embedded)
        if reason:
            return reason
    kind = _kind(address)
    return f"{address} is a {kind} address" if kind else None


def _kind(address: IPAddress) -> str | None:
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local (cloud metadata)" if str(address) == "169.254.169.254" else "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private"
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "non-public"
    return None


def _embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, 6to4, NAT64), which route like them."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    found = [a for a in (address.ipv4_mapped, address.sixtofour) if a is not None]
    if address in _NAT64:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def literal_address(host: str) -> IPAddress | None:
    """The address a host names literally (brackets, zone ids, shorthand IPv4), else None."""
    bare = host.strip().strip("[]").split("%")[0].rstrip(".")
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    if _IPV4_SHORTHAND.match(bare):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    return None


def check_literal(host: str) -> None:
    """Raise AddressRefused when the host is a literal address the guard refuses, or a name
    that is this machine whatever DNS says: 'localhost' and every name under it (RFC 6761,
    which browsers and systemd's resolver follow), however written ('localhost.')."""
    address = literal_address(host)
    reason = address_refusal(address) if address is not None else None
    name = host.strip().lower().rstrip(".")
    if reason is None and (name == "localhost" or name.endswith(".localhost")):
        reason = f"{host} is a loopback name"
    if reason:
        raise AddressRefused(reason)


def check_resolved(host: str, port: int) -> None:
    """Resolve a name and raise AddressRefused if any of its addresses is refused."""
    infos = socket.getaddrinfo(host, port, allowed_gai_family(), socket.SOCK_STREAM)
    for *_rest, sockaddr in infos:
        reason = address_refusal(ipaddress.ip_address(str(sockaddr[0]).split("%")[0]))
        if reason:
            raise AddressRefused(f"{host} resolves to {reason}")


def check_peer(sock: socket.socket, host: str) -> None:
    """Raise AddressRefused when the socket is connected to a refused address."""
    peer = str(sock.getpeername()[0]).split("%")[0]
    reason = address_refusal(ipaddress.ip_address(peer))
    if reason:
        raise AddressRefused(f"{host} connected to {reason}")


class _GuardedConnectionMixin:
    """Checks the resolved addresses before connecting, and the peer once connected."""

    host: str
    port: int
    _dns_host: str

    def _new_conn(self) -> socket.socket:
        try:
            check_resolved(self._dns_host, self.port)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[arg-type]
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        try:
            check_peer(sock, self.host)
        except BaseException:
            sock.close()
            raise
        return sock


class GuardedHTTPConnection(_GuardedConnectionMixin, BrowserHTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardedConnectionMixin, BrowserHTTPSConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """A requests adapter whose direct connections go through the guard.

    Proxied requests use requests' own ProxyManager, whose connections go to the proxy:
    there the Fetcher's literal check is all that applies.
    """

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        allow_many_header_lines()
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool,
                                                   "https": _GuardedHTTPSPool}
