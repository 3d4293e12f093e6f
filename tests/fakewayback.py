"""A local fake of the Wayback Machine speaking the real wire formats.

Serves, on one loopback base URL, what archive.org and web.archive.org serve:
availability JSON, the CDX server (plain and JSON output, filters, from/to, closest,
limit, resume keys), raw (`id_`) and toolbar snapshots with redirects to the nearest
capture, anonymous Save Page Now (Link/Content-Location headers naming web.archive.org),
and Save Page Now 2 (POST /save, job status polling). Every request is logged, stamped by
`clock` (a test's injected clock, to count the pace on). Its saves can lag the index as the real
ones do (`index_lag`: replayable at once, listed by the CDX later), and its 429s name a
`retry_after` of the test's choosing.

Its index keys a page as the real one does (surt): the whole key in lower case, so captures of
`/AbC12` and `/abc12` (two short links, two videos) are listed together under one key, each row
naming the address it was recorded under; a `url` ending in `*` asks for every page under that
prefix (`matchType=prefix`, the documented default for a trailing wildcard). It can also be
served under a path prefix (`FakeWayback(prefix="/wayback")`), as a mirror or proxy of the
Wayback is.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, parse_qsl, quote, unquote, urlsplit

REAL_WEB = "https://web.archive.org"


def pad_timestamp(ts: str) -> str:
    """Complete a partial Wayback timestamp ("2011", "201112") the way the service does."""
    digits = "".join(ch for ch in ts if ch.isdigit())[:14]
    template = "19700101000000"
    if len(digits) >= 4:
        template = digits[:4] + "0101000000"
    padded = digits + template[len(digits):]
    if padded[4:6] == "00":
        padded = padded[:4] + "01" + padded[6:]
    if padded[6:8] == "00":
        padded = padded[:6] + "01" + padded[8:]
    return padded


def _seconds(ts: str) -> float:
    import calendar

    return float(calendar.timegm(time.strptime(pad_timestamp(ts), "%Y%m%d%H%M%S")))


def urlkey(url: str) -> str:
    """A SURT-like key: scheme, www., default port and fragment ignored, host lower-cased,
    query arguments in order (as the real index keys them)."""
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = canonical_path(parts.path or "/")
    key = f"{netloc}{path}"
    if parts.query:  # the real canonicalizer sorts query arguments: ?b=2&a=1 is ?a=1&b=2
        key += "?" + "&".join(sorted(canonical_path(parts.query).split("&")))
    key = key.lower()  # surt writes the whole key in lower case: /AbC12 and /abc12 share it
    return key.rstrip("/") or key


# What the real canonicalizer (surt's GoogleURLCanonicalizer) leaves unescaped in a path, and in
# a query, once it has unescaped it: `%7E` and `~`, `%28` and `(`, `%2C` and `,`, `%2A` and `*`
# key one page; other escapes are written in upper case (`%c3%a9` is `%C3%A9`).
_PATH_SAFE = "!\"$&'()*+,-./:;<=>?@[\\]^_`{|}~"


def canonical_path(path: str) -> str:
    """A path as the index keys it: unescaped repeatedly, then escaped minimally."""
    while (unescaped := unquote(path)) != path:
        path = unescaped
    return quote(path, safe=_PATH_SAFE)


@dataclass
class Capture:
    original: str
    timestamp: str
    body: bytes
    statuscode: int | str = 200  # "-" for warc/revisit records, as the real CDX lists them
    mimetype: str = "text/html"
    headers: dict[str, str] = field(default_factory=dict)
    indexed: bool = True  # False: replayable, but not yet listed by the CDX or availability

    @property
    def digest(self) -> str:
        import base64
        import hashlib

        return base64.b32encode(hashlib.sha1(self.body).digest()).decode()


@dataclass
class Logged:
    method: str
    path: str
    at: float
    kind: str  # "available", "cdx", "snapshot", "save", "save2", "status", "other"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class FakeWayback:
    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix.rstrip("/")  # every address served under this path
        self.captures: list[Capture] = []
        self.requests: list[Logged] = []
        self.rate_limited = 0  # answer this many next requests with 429
        self.fail_with: int | None = None  # answer every request with this status
        self.save_status = 200  # status of anonymous saves
        self.pending_polls = 1  # SPN2 status polls answered "pending" before success
        self.keys = ("access", "secret")
        self.cdx_page_size = 0  # >0: split CDX answers with resume keys
        # Real replay trouble: a capture the index lists whose WARC cannot be read is answered
        # with the Wayback's own error page (no Memento-Datetime), at this status
        self.replay_errors: dict[str, int] = {}
        # ...or redirected to the nearest capture that can be replayed (timestamp changes)
        self.unplayable: set[str] = set()
        # SPN2 answers other than the plain job: the POST's JSON (e.g. job_id null and "The
        # same snapshot had been made ..."), and the status answer after the pending polls
        # (e.g. status "error" with status_ext "error:too-many-daily-captures")
        self.save2_answer: dict[str, object] | None = None
        self.job_outcome: dict[str, object] | None = None
        # Trouble of the real status endpoint between polls, answered in turn to the next polls
        # (status, body): a 502 of an overloaded front end, its HTML maintenance page, a 429
        self.status_trouble: list[tuple[int, str]] = []
        # The status answer for a job id the endpoint does not know; None: an error naming it.
        # The real endpoint forgets jobs after about an hour and then answers every unknown id
        # with its default answer, {"job_id": ..., "resources": [], "status": "pending"}
        self.unknown_job_answer: dict[str, object] | None = None
        # The Retry-After of a 429 (seconds or an HTTP date, as the real services send either;
        # "" sends none)
        self.retry_after = "60"
        # Captures made by saves replay at once but are listed by the CDX only later (the
        # index lags Save Page Now by minutes to hours): while True, saves are not yet indexed
        self.index_lag = False
        # What stamps the request log (`Logged.at`): a test's injected clock counts its pace
        self.clock: Callable[[], float] = time.monotonic
        self._jobs: dict[str, dict[str, object]] = {}
        self._lock = threading.Lock()
        self._server = self._start()
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}{self.prefix}"

    # -- test-facing -------------------------------------------------------
    def capture(self, url: str, timestamp: str, body: bytes | str, statuscode: int | str = 200,
                mimetype: str = "text/html", headers: dict[str, str] | None = None) -> Capture:
        data = body.encode("utf-8") if isinstance(body, str) else body
        cap = Capture(url, pad_timestamp(timestamp), data, statuscode, mimetype, headers or {})
        with self._lock:
            self.captures.append(cap)
        return cap

    def count(self, kind: str) -> int:
        return sum(1 for r in self.requests if r.kind == kind)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- lookup --------------------------------------------------------------
    def _matching(self, url: str, *, indexed: bool = False) -> list[Capture]:
        """Captures of url; with `indexed`, only those the index lists yet."""
        key = urlkey(url)
        with self._lock:
            found = [c for c in self.captures if urlkey(c.original) == key
                     and (c.indexed or not indexed)]
        return sorted(found, key=lambda c: c.timestamp)

    @staticmethod
    def _distance(ts: str, target: str) -> float:
        return abs(_seconds(ts) - _seconds(target))

    # -- server ----------------------------------------------------------------
    def _start(self) -> ThreadingHTTPServer:
        fake = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms stall

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                fake._handle(self, "GET")

            def do_POST(self) -> None:
                fake._handle(self, "POST")

        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return server

    @staticmethod
    def _kind(method: str, path: str) -> str:
        bare = urlsplit(path).path
        if bare.startswith("/wayback/available"):
            return "available"
        if bare.startswith("/cdx/search/cdx"):
            return "cdx"
        if bare.startswith("/save/status/"):
            return "status"
        if method == "POST" and bare.rstrip("/") == "/save":
            return "save2"
        if bare.startswith("/save/"):
            return "save"
        if bare.startswith("/web/"):
            return "snapshot"
        return "other"

    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        if self.prefix:  # served under a path: anything else is not the Wayback's
            under = h.path.startswith(self.prefix + "/")
            h.path = h.path[len(self.prefix):] if under else "/not-under-the-prefix" + h.path
        kind = self._kind(method, h.path)
        length = int(h.headers.get("Content-Length") or 0)
        payload = h.rfile.read(length) if length else b""
        with self._lock:
            self.requests.append(Logged(method, h.path, self.clock(), kind,
                                        dict(h.headers.items()), payload))
            limited = self.rate_limited > 0
            if limited:
                self.rate_limited -= 1
        if limited:
            return self._send(h, 429, b"Too Many Requests", "text/plain",
                              {"Retry-After": self.retry_after} if self.retry_after else {})
        if self.fail_with:
            return self._send(h, self.fail_with, b"unavailable", "text/plain")
        route = {
            "available": self._available, "cdx": self._cdx, "snapshot": self._snapshot,
            "save": self._save, "save2": self._save2, "status": self._status,
        }.get(kind)
        if route is None:
            return self._send(h, 404, b"not found", "text/plain")
        try:
            route(h, payload)
        except Exception as exc:  # a bug in the fake must show up as a 500, not a hang
            self._send(h, 500, f"fake wayback error: {exc!r}".encode(), "text/plain")

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str | None,
              headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        if ctype:
            h.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    # -- availability ------------------------------------------------------------
    def _available(self, h: BaseHTTPRequestHandler, _payload: bytes) -> None:
        q = parse_qs(urlsplit(h.path).query)
        url = q.get("url", [""])[0]
        ts = q.get("timestamp", [time.strftime("%Y%m%d%H%M%S", time.gmtime())])[0]
        caps = [c for c in self._matching(url, indexed=True) if c.statuscode == 200]
        snapshots: dict[str, object] = {}
        if caps:
            best = min(caps, key=lambda c: self._distance(c.timestamp, ts))
            snapshots["closest"] = {
                "status": str(best.statuscode), "available": True,
                "url": f"http://web.archive.org/web/{best.timestamp}/{best.original}",
                "timestamp": best.timestamp,
            }
        body = {"url": url, "archived_snapshots": snapshots}
        if "timestamp" in q:
            body["timestamp"] = ts
        self._send(h, 200, json.dumps(body).encode(), "application/json")

    # -- CDX ---------------------------------------------------------------------
    def _cdx(self, h: BaseHTTPRequestHandler, _payload: bytes) -> None:
        params = parse_qsl(urlsplit(h.path).query, keep_blank_values=True)
        q: dict[str, list[str]] = {}
        for k, v in params:
            q.setdefault(k, []).append(v)
        url = q.get("url", [""])[0]
        match_type = q.get("matchType", [""])[0]
        if url.endswith("*") and not match_type:  # the documented wildcard: a prefix query
            url, match_type = url[:-1], "prefix"
        if match_type == "prefix":
            with self._lock:
                caps = sorted((c for c in self.captures if c.indexed
                               and urlkey(c.original).startswith(urlkey(url).rstrip("/"))),
                              key=lambda c: c.timestamp)
        else:
            caps = self._matching(url, indexed=True)
        for flt in q.get("filter", []):
            negate = flt.startswith("!")
            fname, _, pattern = flt.lstrip("!").partition(":")
            rx = re.compile(pattern)

            def keep(c: Capture, fname: str = fname, rx: re.Pattern[str] = rx,
                     negate: bool = negate) -> bool:
                value = str(self._field(c, fname))
                return bool(rx.fullmatch(value)) != negate

            caps = [c for c in caps if keep(c)]
        if "from" in q:
            lo = pad_timestamp(q["from"][0])
            caps = [c for c in caps if c.timestamp >= lo]
        if "to" in q:
            hi = q["to"][0].ljust(14, "9")
            caps = [c for c in caps if c.timestamp <= hi]
        if "closest" in q and q.get("sort", [""])[0] == "closest":
            target = q["closest"][0]
            caps.sort(key=lambda c: self._distance(c.timestamp, target))
        elif q.get("sort", [""])[0] == "reverse":
            caps.reverse()
        for col in q.get("collapse", []):
            fname = col.split(":")[0]
            collapsed: list[Capture] = []
            for c in caps:
                if not collapsed or self._field(collapsed[-1], fname) != self._field(c, fname):
                    collapsed.append(c)
            caps = collapsed
        offset = int(q.get("resumeKey", ["0"])[0] or 0)
        limit = int(q.get("limit", ["0"])[0] or 0)
        if limit < 0:
            caps = caps[limit:]
            limit = 0
        caps = caps[offset:]
        page = self.cdx_page_size or 0
        resume = None
        if limit and (not page or limit < page):
            caps = caps[:limit]
        elif page and len(caps) > page:
            caps, resume = caps[:page], str(offset + page)
        fields = q.get("fl", [""])[0].split(",") if q.get("fl", [""])[0] else \
            ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
        rows = [[str(self._field(c, f)) for f in fields] for c in caps]
        if q.get("output", [""])[0] == "json":
            out: list[list[str]] = [fields] + rows if rows else []
            if resume and q.get("showResumeKey", [""])[0] == "true":
                out += [[], [resume]]
            return self._send(h, 200, json_layout(out).encode(), "application/json")
        text = "\n".join(" ".join(r) for r in rows)
        if resume and q.get("showResumeKey", [""])[0] == "true":
            text += f"\n\n{resume}"
        self._send(h, 200, (text + "\n").encode() if text else b"", "text/plain")

    @staticmethod
    def _field(c: Capture, name: str) -> object:
        return {
            "urlkey": urlkey(c.original), "timestamp": c.timestamp, "original": c.original,
            "mimetype": c.mimetype, "statuscode": c.statuscode, "digest": c.digest,
            "length": len(c.body),
        }.get(name, "-")

    # -- snapshots -------------------------------------------------------------------
    def _snapshot(self, h: BaseHTTPRequestHandler, _payload: bytes) -> None:
        m = re.match(r"^/web/(\d{1,14})(id_|if_|im_)?/(.+)$", h.path)
        if not m:
            return self._send(h, 400, b"bad snapshot path", "text/plain")
        ts, flag, url = m.group(1), m.group(2) or "", m.group(3)
        caps = self._matching(url)
        if not caps:
            return self._send(h, 404, b"<title>Wayback Machine</title>Hrm. This page has not been archived.",
                              "text/html")
        if pad_timestamp(ts) in self.replay_errors:
            return self._send(h, self.replay_errors[pad_timestamp(ts)],
                              b"<html><head><title>Wayback Machine</title></head><body>"
                              b"<p>This snapshot cannot be displayed due to an internal error."
                              b"</p></body></html>", "text/html")
        exact = [c for c in caps if c.timestamp == pad_timestamp(ts)
                 and c.timestamp not in self.unplayable]
        if not exact:
            playable = [c for c in caps if c.timestamp not in self.unplayable] or caps
            nearest = min(playable, key=lambda c: self._distance(c.timestamp, ts))
            location = f"{REAL_WEB}/web/{nearest.timestamp}{flag}/{nearest.original}"
            return self._send(h, 302, b"", None, {"Location": location})
        cap = exact[0]
        moment = time.strftime("%a, %d %b %Y %H:%M:%S GMT",
                               time.strptime(cap.timestamp, "%Y%m%d%H%M%S"))
        # what every real replay carries besides the capture's own headers: its time, the
        # Memento links (original, timemap, this memento) and the WARC file it was read from
        headers = {
            "Memento-Datetime": moment,
            "Link": f'<{cap.original}>; rel="original", <{REAL_WEB}/web/timemap/link/'
                    f'{cap.original}>; rel="timemap"; type="application/link-format", '
                    f'<{REAL_WEB}/web/{cap.timestamp}/{cap.original}>; rel="memento"; '
                    f'datetime="{moment}"',
            "X-Archive-Src": f"spn2-{cap.timestamp}-wwwb-spn01.us.archive.org-8001.warc.gz",
        }
        headers.update(cap.headers)
        # the replay's Content-Type is the original's, parameters and all; the CDX lists the
        # bare type (mimetype) only
        ctype = headers.pop("Content-Type", cap.mimetype)
        status = cap.statuscode if isinstance(cap.statuscode, int) else 200  # a revisit replays
        if flag == "id_":
            return self._send(h, status, cap.body, ctype, headers)
        toolbar = (b"<!-- BEGIN WAYBACK TOOLBAR INSERT --><div id='wm-ipp'>Wayback Machine "
                   b"toolbar</div><!-- END WAYBACK TOOLBAR INSERT -->")
        body = cap.body.replace(b"<body>", b"<body>" + toolbar, 1)
        self._send(h, status, body, ctype, headers)

    # -- saving --------------------------------------------------------------------------
    def _record_save(self, url: str) -> Capture:
        ts = time.strftime("%Y%m%d%H%M%S", time.gmtime())
        body = b"<html><body>saved</body></html>"
        mimetype = "text/html"
        if urlsplit(url).hostname in ("127.0.0.1", "localhost") or \
                (urlsplit(url).hostname or "").startswith("127."):
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:  # loopback only
                    body = resp.read()
                    mimetype = resp.headers.get_content_type()
            except Exception:
                pass
        cap = self.capture(url, ts, body, 200, mimetype)
        cap.indexed = not self.index_lag
        return cap

    def _save(self, h: BaseHTTPRequestHandler, _payload: bytes) -> None:
        url = h.path[len("/save/"):]
        if self.save_status != 200:
            return self._send(h, self.save_status, b"save failed", "text/html")
        cap = self._record_save(url)
        memento = f"{REAL_WEB}/web/{cap.timestamp}/{cap.original}"
        headers = {
            "Content-Location": f"/web/{cap.timestamp}/{cap.original}",
            "Link": f'<{cap.original}>; rel="original", <{memento}>; rel="memento"; '
                    f'datetime="{cap.timestamp}"',
        }
        self._send(h, 200, b"<html>saved</html>", "text/html", headers)

    def _save2(self, h: BaseHTTPRequestHandler, payload: bytes) -> None:
        auth = h.headers.get("Authorization", "")
        if auth != f"LOW {self.keys[0]}:{self.keys[1]}":
            return self._send(h, 401, json.dumps({"message": "auth"}).encode(), "application/json")
        form = dict(parse_qsl(payload.decode()))
        url = form.get("url", "")
        if self.save2_answer is not None:
            answer = {"url": url, **self.save2_answer}
            return self._send(h, 200, json.dumps(answer).encode(), "application/json")
        job_id = "spn2-" + uuid.uuid4().hex
        with self._lock:
            self._jobs[job_id] = {"url": url, "polls": 0}
        self._send(h, 200, json.dumps({"url": url, "job_id": job_id}).encode(), "application/json")

    def _status(self, h: BaseHTTPRequestHandler, _payload: bytes) -> None:
        with self._lock:
            trouble = self.status_trouble.pop(0) if self.status_trouble else None
        if trouble is not None:
            status, text = trouble
            ctype = "text/html" if text.lstrip().startswith("<") else "text/plain"
            extra = {"Retry-After": "60"} if status == 429 else {}
            return self._send(h, status, text.encode(), ctype, extra)
        job_id = h.path.rsplit("/", 1)[-1].split("?")[0]
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                job["polls"] = int(job["polls"]) + 1  # type: ignore[call-overload]
        if job is None and self.unknown_job_answer is not None:
            body = {"job_id": job_id, **self.unknown_job_answer}
        elif job is None:
            body = {"status": "error", "status_ext": "error:not-found", "job_id": job_id}
        elif int(job["polls"]) <= self.pending_polls:  # type: ignore[call-overload]
            body = {"status": "pending", "job_id": job_id}
        elif self.job_outcome is not None:
            body = {"job_id": job_id, "original_url": job["url"], **self.job_outcome}
        else:
            if "timestamp" not in job:
                cap = self._record_save(str(job["url"]))
                job["timestamp"] = cap.timestamp
            body = {"status": "success", "job_id": job_id, "original_url": job["url"],
                    "timestamp": job["timestamp"], "duration_sec": 1.0}
        self._send(h, 200, json.dumps(body).encode(), "application/json")


def json_layout(rows: list[list[str]]) -> str:
    """CDX rows as the real server prints output=json: one row a line, ", " between values."""
    return "[" + ",\n ".join("[" + ", ".join(json.dumps(v) for v in r) + "]" for r in rows) + "]"


def quote_url(url: str) -> str:
    return quote(url, safe="")
