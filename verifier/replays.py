"""Reading a Wayback replay: whether the raw copy of a capture is evidence of what the page
said, and which capture the Wayback actually served.

A replay can fail to be a copy in many ways: the Archive answered with a page of its own or
asked to wait, the crawler archived the site's not-found page or a wall it met instead of the
page, the capture only sends the browser on, or the Wayback served a capture of another page.
Each becomes the reason there is no copy; the Archivist (archiving.py) notes it and tries
another capture.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urljoin

from .models import Fetch, Snapshot, full_timestamp
from .net.clientredirect import client_redirect, refresh_target
from .net.linkstatus import REDIRECTS, blocked_reason
from .net.pagelook import PageLook
from .net.urlpaths import is_deep_link, redirect_target_reason
from .net.wayback import WaybackClient, header
from .net.waybackurls import index_key, memento_datetime_timestamp, parse_memento

# The Wayback's own page for a capture of a redirect, which it can serve in place of a replay
# (status 200, the capture's Memento-Datetime): "Got an HTTP 302 response at crawl time",
# then "Redirecting to..." and the target. Its words are the Wayback's, never the page's.
_REDIRECT_NOTICE = re.compile(rb"Got an HTTP (\d{3}) response at crawl time")
_NOTICE_WITHIN = 50_000  # bytes: the notice is a small page of its own


def judge_replay(client: WaybackClient, snapshot: Snapshot, fetch: Fetch) -> tuple[Snapshot, Fetch] | str:
    """The copy a raw fetch of a capture gave (the capture as served), or why it is not one
    ("queued: ..." when calls to the Archive are held back). An answer asking to wait pauses
    every call of `client`."""
    if any(a.outcome.startswith("429") for a in fetch.attempts):
        client.note_wait(429, fetch.headers)  # retried, and answered otherwise at last
    elif fetch.http_status is not None:
        client.note_wait(fetch.http_status, fetch.headers)
    if not fetch.link_status.readable:
        blocked = client.blocked()  # the pacer may have stopped the fetch midway
        if blocked:
            return f"queued: {blocked}"
        return f"snapshot {snapshot.timestamp} could not be read: {fetch.reason}"
    if fetch.headers and header(fetch.headers, "Memento-Datetime") is None:
        # every replay of a capture carries Memento-Datetime; the Wayback's own pages
        # ("snapshot cannot be displayed", "Hrm.") do not, whatever their status
        return (f"snapshot {snapshot.timestamp} could not be read: the Wayback Machine "
                "answered with a page of its own, not the capture")
    head = (fetch.body or b"")[:_NOTICE_WITHIN]
    notice = _REDIRECT_NOTICE.search(head)
    if notice and b"Redirecting to" in head:
        return (f"snapshot {snapshot.timestamp} could not be read: the Wayback Machine served its "
                f"notice of an HTTP {notice.group(1).decode()} at crawl time, not a capture "
                "of the page")
    if not fetch.not_modified and fetch.body is not None and not fetch.body.strip():
        # the site answered 200 with nothing: no evidence of what the page said
        return f"snapshot {snapshot.timestamp} is empty"
    not_the_page = _not_the_page(fetch) or _only_sends_on(snapshot, fetch)
    if not_the_page:  # the crawler archived the site's "not found" page, or met a wall
        return f"snapshot {snapshot.timestamp} is {not_the_page}"
    served = _as_served(client, snapshot, fetch)
    if index_key(served.url) != index_key(snapshot.url) and not _moved_page(snapshot, served, fetch):
        return (f"snapshot {snapshot.timestamp} could not be read: the Wayback Machine "
                f"served a capture of another page ({served.url})")
    return served, fetch


def _as_served(client: WaybackClient, snapshot: Snapshot, fetch: Fetch) -> Snapshot:
    """The capture the Wayback actually served: it redirects a replay to the nearest
    playable capture, which may be another time and another recorded spelling of the
    address (www., https, a port). Its Memento-Datetime, when given, names the time."""
    landed = parse_memento(fetch.final_url or "")
    timestamp = _memento_timestamp(fetch) or \
        (full_timestamp(landed[0]) if landed else snapshot.timestamp)
    original = landed[1] if landed and fetch.redirects else snapshot.url
    if (timestamp, original) == (snapshot.timestamp, snapshot.url):
        return snapshot
    return replace(snapshot, timestamp=timestamp, url=original, digest=None,
                   archive_url=client.archive_url(timestamp, original))


def _not_the_page(fetch: Fetch) -> str | None:
    """Why a replayed copy holds nothing the page said, judged here whatever fetched it: a
    capture listed with status 200 can hold a soft 404, or what the crawler met instead of the
    page (a bot challenge, a consent, login or paywall, the site's maintenance page)."""
    look = PageLook.of(fetch.body or b"", fetch.content_type)
    if look is None:
        return None
    walled = blocked_reason(200, {}, look.title) or look.block_reason() or look.trouble_reason()
    if walled:
        return f"no copy of the page: {walled}"
    error_page = look.error_page_reason()
    return f"an archived error page: {error_page}" if error_page else None


def _only_sends_on(snapshot: Snapshot, fetch: Fetch) -> str | None:
    """Why a replay holding only a browser redirect (an instant meta refresh, a script-only
    stub, or the original's own `Refresh` header, which the Wayback replays as
    `X-Archive-Orig-Refresh`) to another page is no copy: the page's words were never in it.
    (The raw replay is read as archived: its redirect is not followed, and would lead off the
    Archive.)"""
    written = refresh_target(header(fetch.headers, "X-Archive-Orig-Refresh")) or \
        client_redirect(fetch.body or b"", fetch.content_type)
    if not written:
        return None
    target = urljoin(snapshot.url, written)
    if index_key(target) == index_key(snapshot.url):
        return None  # a page refreshing itself is a page
    return f"no copy of the page: it only sends the browser on to {target}"


def _moved_page(snapshot: Snapshot, served: Snapshot, fetch: Fetch) -> bool:
    """Whether a capture of a redirect (301...) led to the capture of the page at its new
    address, rather than to the site's home, a generic page or a login: the page the link led
    readers to then, moved."""
    if snapshot.status_code not in REDIRECTS:
        return False
    return redirect_target_reason(snapshot.url, served.url, fetch.redirects) is None \
        and is_deep_link(served.url)


def _memento_timestamp(fetch: Fetch) -> str | None:
    """The 14-digit time of the capture a replay served, from its Memento-Datetime."""
    return memento_datetime_timestamp(header(fetch.headers, "Memento-Datetime"))
