"""A fast local web site for the throughput benchmark: many hosts, fixed latency, keep-alive.

    python -m bench.site --root DIR --hosts 8 [--latency 0.05]

Serves the pages under DIR/<host number>/ on 127.0.0.2, 127.0.0.3, ... (one address per
host, so per-host limits apply), all on one port that it prints when ready. It runs in its
own process on asyncio (one small Protocol per connection, responses prepared in advance),
so it is never the benchmark's bottleneck. Every answer waits `latency` seconds, like a
server across the network. Pages answer conditional requests (ETag, Last-Modified) with 304,
gzip is served when asked for, unknown paths get a 404. `GET /__requests` (not counted)
tells how many requests were served since the start or since `GET /__reset`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import hashlib
import json
import sys
import urllib.request
from email.utils import formatdate
from pathlib import Path

FIRST_ADDRESS = 2  # 127.0.0.2 is host 0
MAX_REQUEST = 65536


def host_address(index: int) -> str:
    return f"127.0.0.{FIRST_ADDRESS + index}"


class Page:
    """A page's prepared answers: plain, gzip, and 304."""

    def __init__(self, body: bytes, packed: bytes, modified: float) -> None:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        last_modified = formatdate(modified, usegmt=True)
        common = (f"Content-Type: text/html; charset=utf-8\r\nETag: {etag}\r\n"
                  f"Last-Modified: {last_modified}\r\nCache-Control: max-age=60\r\n"
                  "Server: bench-site\r\n")
        self.etag, self.last_modified = etag, last_modified
        self.plain = (f"HTTP/1.1 200 OK\r\n{common}Content-Length: {len(body)}\r\n\r\n"
                      ).encode() + body
        self.gzipped = (f"HTTP/1.1 200 OK\r\n{common}Content-Encoding: gzip\r\nVary: Accept-Encoding"
                        f"\r\nContent-Length: {len(packed)}\r\n\r\n").encode() + packed
        self.not_modified = f"HTTP/1.1 304 Not Modified\r\n{common}\r\n".encode()


NOT_FOUND_BODY = b"<html><head><title>404 Not Found</title></head><body>Not found</body></html>"
NOT_FOUND = (f"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: "
             f"{len(NOT_FOUND_BODY)}\r\n\r\n").encode() + NOT_FOUND_BODY


class Site:
    """Pages by (host address, path), and the request count."""

    def __init__(self, root: Path, hosts: int, latency: float) -> None:
        self.latency = latency
        self.requests = 0
        self.pages: dict[tuple[str, str], Page] = {}
        for index in range(hosts):
            folder = root / str(index)
            for path in folder.rglob("*.html"):
                url_path = "/" + path.relative_to(folder).as_posix()
                body = path.read_bytes()
                packed_path = path.with_name(path.name + ".gz")
                packed = packed_path.read_bytes() if packed_path.exists() else \
                    gzip.compress(body, compresslevel=6, mtime=0)
                self.pages[(host_address(index), url_path)] = Page(body, packed,
                                                                   path.stat().st_mtime)

    def answer(self, address: str, head: bytes) -> bytes:
        lines = head.split(b"\r\n")
        try:
            _method, target, _version = lines[0].split(b" ", 2)
        except ValueError:
            return b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        path = target.decode("latin-1")
        if path in ("/__requests", "/__reset"):
            if path == "/__reset":
                self.requests = 0
            body = json.dumps({"requests": self.requests}).encode()
            return (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    f"{len(body)}\r\n\r\n").encode() + body
        self.requests += 1
        page = self.pages.get((address, path))
        if page is None:
            return NOT_FOUND
        headers = {k.strip().lower(): v.strip() for k, _, v in
                   (line.decode("latin-1").partition(":") for line in lines[1:] if line)}
        if headers.get("if-none-match") == page.etag or \
                headers.get("if-modified-since") == page.last_modified:
            return page.not_modified
        return page.gzipped if "gzip" in headers.get("accept-encoding", "") else page.plain


class Connection(asyncio.Protocol):
    """One keep-alive connection: each request answered after the site's latency, in order."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.address = ""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.address = transport.get_extra_info("sockname")[0]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:  # clients here send no request bodies
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            answer = self.site.answer(self.address, head)
            asyncio.get_running_loop().call_later(self.site.latency, self._send, answer)
        if len(self.buffer) > MAX_REQUEST and self.transport is not None:
            self.transport.close()

    def _send(self, answer: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(answer)


async def serve(site: Site, hosts: int, port: int) -> None:
    loop = asyncio.get_running_loop()
    first = await loop.create_server(lambda: Connection(site), host_address(0), port, backlog=1024)
    port = first.sockets[0].getsockname()[1]
    servers = [first] + [await loop.create_server(lambda: Connection(site), host_address(i), port,
                                                  backlog=1024) for i in range(1, hosts)]
    print(port, flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


def requests_served(port: int, *, reset: bool = False) -> int:
    """The site's request count (asked over HTTP, never counted itself)."""
    path = "/__reset" if reset else "/__requests"
    with urllib.request.urlopen(f"http://{host_address(0)}:{port}{path}", timeout=10) as answer:
        return int(json.loads(answer.read())["requests"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    site = Site(args.root, args.hosts, args.latency)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(site, args.hosts, args.port))
    return 0


if __name__ == "__main__":
    sys.exit(main())
