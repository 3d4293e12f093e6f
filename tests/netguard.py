"""Keep every test's network traffic on loopback.

Installed by conftest.py in the test process and, through tests/sitecustomize/, in every
subprocess a test starts. Connections to non-loopback addresses raise; name lookups never
reach a resolver: names under .test (and the Fetcher's DNS canary, example.com) resolve to
127.0.0.1 (so host names can be tested without DNS), names under .invalid do not exist, and
any other name fails the test.
"""

from __future__ import annotations

import ipaddress
import os
import socket

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


violations: list[str] = []  # conftest fails the test that caused any of these
# Where a subprocess writes its violations, for the test process to find (its own refusals are
# caught by the code under test, which records them as a failed fetch and goes on).
LOG_VARIABLE = "NETGUARD_LOG"

# The Fetcher's DNS canary (a name that always exists): answered locally like .test names,
# so telling "name not found" from "no DNS at all" never reaches a real resolver.
CANARY_NAMES = ("example.com",)


class NetworkGuardError(OSError):
    """A test tried to reach beyond 127.0.0.1."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        violations.append(message)
        log = os.environ.get(LOG_VARIABLE)
        if log:
            try:
                with open(log, "a", encoding="utf-8") as out:
                    out.write(f"{os.getpid()}: {message}\n")
            except OSError:  # a subprocess run as another user may not write it
                pass


def _is_loopback(host: object) -> bool:
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(sock: socket.socket, address: object) -> None:
    inet = sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple)
    if inet and not _is_loopback(address[0]):  # type: ignore[index]
        raise NetworkGuardError(f"test network guard: connection to {address[0]} refused")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _check(self, address)
    return _real_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _check(self, address)
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


def _guarded_getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
    name = host.decode() if isinstance(host, bytes) else host
    if name is None or _is_loopback(name) or name in ("localhost", "localhost.localdomain"):
        return _real_getaddrinfo(host, port, *args, **kwargs)
    lowered = str(name).lower().rstrip(".")
    if lowered.endswith(".test") or lowered in CANARY_NAMES:
        return _real_getaddrinfo("127.0.0.1", port, *args, **kwargs)
    if lowered.endswith(".invalid"):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    try:
        ipaddress.ip_address(lowered)
    except ValueError:
        raise NetworkGuardError(f"test network guard: name lookup of {name!r} refused") from None
    # a non-loopback literal: let it through; connect() refuses it
    return _real_getaddrinfo(host, port, *args, **kwargs)


def install() -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo
