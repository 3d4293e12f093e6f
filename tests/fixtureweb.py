"""A real HTTP server on 127.0.0.x serving what a test declares: pages, redirects, errors,
slow, trickling, endless and flaky responses. Every request is logged for assertions."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Body = bytes | str | Iterable[bytes] | None


@dataclass
class Reply:
    """What the server answers. A body that is an iterable is streamed without a length."""

    status: int = 200
    body: Body = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    chunk_delay: float = 0.0  # seconds between streamed chunks
    raw: bytes | None = None  # the whole answer as written on the wire (status line and all)


@dataclass
class Request:
    method: str
    host: str  # the address the request arrived at
    path: str  # path and query
    headers: dict[str, str]
    body: bytes
    at: float


Handler = Callable[[Request], Reply]


class FixtureWeb:
    """Routes are keyed by path (and optionally by the 127.0.0.x address they are served on)."""

    def __init__(self, port: int = 0) -> None:
        """`port`: every address's port, for documents whose addresses are fixed (a committed
        PDF's links); 0 picks a free one."""
        self.requests: list[Request] = []
        self._routes: dict[tuple[str | None, str], Handler] = {}
        self._servers: dict[str, ThreadingHTTPServer] = {}
        self._lock = threading.Lock()
        self.port = port
        self._start("127.0.0.1")

    # -- serving ---------------------------------------------------------
    def _start(self, address: str) -> ThreadingHTTPServer:
        web = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                payload = self.rfile.read(length) if length else b""
                request = Request(self.command, address, self.path,
                                  {k: v for k, v in self.headers.items()}, payload, time.monotonic())
                with web._lock:
                    web.requests.append(request)
                handler = web._find(address, self.path)
                reply = handler(request) if handler else Reply(404, "<title>Not Found</title>no such page")
                try:
                    self._write(reply)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            do_GET = do_POST = do_HEAD = _serve

            def _write(self, reply: Reply) -> None:
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.raw is not None:  # what no well-behaved server would send
                    self.close_connection = True
                    self.wfile.write(reply.raw)
                    self.wfile.flush()
                    return
                body = reply.body
                self.send_response(reply.status)
                if reply.content_type and "Content-Type" not in reply.headers:
                    self.send_header("Content-Type", reply.content_type)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if body is None or isinstance(body, bytes | str):
                    data = body.encode("utf-8") if isinstance(body, str) else (body or b"")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(data)
                    return
                self.send_header("Connection", "close")
                self.close_connection = True
                self.end_headers()
                for chunk in body:
                    if reply.chunk_delay:
                        time.sleep(reply.chunk_delay)
                    self.wfile.write(chunk)
                    self.wfile.flush()

        server = ThreadingHTTPServer((address, self.port), _Handler)
        server.daemon_threads = True
        if not self.port:
            self.port = server.server_address[1]
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        self._servers[address] = server
        return server

    def _find(self, address: str, path: str) -> Handler | None:
        bare = urlsplit(path).path
        for key in ((address, path), (None, path), (address, bare), (None, bare),
                    (address, "*"), (None, "*")):  # "*": a route answering every other path
            if key in self._routes:
                return self._routes[key]
        return None

    def close(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()

    # -- declaring ---------------------------------------------------------
    def base(self, host: int = 1) -> str:
        """Base URL on 127.0.0.<host>: each number is a distinct host for per-host limits."""
        address = f"127.0.0.{host}"
        if address not in self._servers:
            self._start(address)
        return f"http://{address}:{self.port}"

    def url(self, path: str, host: int = 1) -> str:
        return self.base(host) + path

    def route(self, path: str, handler: Handler, host: int | None = None) -> str:
        address = None if host is None else f"127.0.0.{host}"
        if address:
            self.base(host or 1)
        self._routes[(address, path)] = handler
        return self.url(path, host or 1)

    def page(self, path: str, body: Body = b"", host: int | None = None, **reply: object) -> str:
        """Serve a fixed reply at path; returns its URL."""
        fixed = Reply(body=body, **reply)  # type: ignore[arg-type]
        return self.route(path, lambda _r: fixed, host)

    def redirect(self, path: str, to: str, status: int = 301, host: int | None = None) -> str:
        return self.page(path, b"", host, status=status, headers={"Location": to}, content_type=None)

    def sequence(self, path: str, replies: list[Reply], host: int | None = None) -> str:
        """Answer with each reply in turn; the last one repeats."""
        remaining = list(replies)

        def handler(_r: Request) -> Reply:
            with self._lock:
                return remaining.pop(0) if len(remaining) > 1 else remaining[0]

        return self.route(path, handler, host)

    def hits(self, path: str) -> int:
        """How many requests reached this path (query ignored)."""
        return sum(1 for r in self.requests if urlsplit(r.path).path == path)


def endless(chunk: bytes = b"x" * 65536) -> Iterator[bytes]:
    while True:
        yield chunk
