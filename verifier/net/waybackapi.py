"""waybackpy's queries with their requests sent through our client: its query building and
parsing are kept, its sleeps, retries and untimed requests are not. Also how an answer of
the Internet Archive's APIs is read (refusals, overload, an HTML page where data was asked).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urljoin

from requests.structures import CaseInsensitiveDict
from requests.utils import parse_header_links
from waybackpy import (
    WaybackMachineAvailabilityAPI,
    WaybackMachineCDXServerAPI,
    WaybackMachineSaveAPI,
)
from waybackpy.cdx_utils import full_url

from ..errors import ArchiveError, ArchiveUnavailable
from .cdxrows import CDXRow, cut_short, parse_cdx, split_resume_key
from .pacer import LOOKUP, SAVE
from .urlpaths import names_a_login_page
from .waybackurls import parse_memento

REAL_WEB = "https://web.archive.org"
MAX_CDX_PAGES = 20  # resume-key pages followed for one query
REDIRECTS = (301, 302, 303, 307, 308)
OVERLOADED = (502, 503, 504)
# The Wayback's access-control exceptions, named in its refusals (any status), and what they mean
_ACCESS_REFUSALS = (
    ("AdministrativeAccessControlException", "is excluded from the Wayback Machine"),
    ("RobotAccessControlException", "is blocked from the Wayback Machine by robots.txt"),
    ("AccessControlException", "is refused by the Wayback Machine's access control"),
)
# The page Save Page Now answers an anonymous save with today: it starts an SPN2 job and
# watches it from the browser ('spn.watchJob("spn2-…", …)'); the job is asked about directly.
_WATCHED_JOB = re.compile(r"""watchJob\(\s*["'](spn2-[0-9a-f]+)["']""")


class ArchiveCaller(Protocol):
    """What the queries need of the client (WaybackClient): its bases and its paced call."""

    user_agent: str
    web_base: str
    org_base: str

    def call(self, method: str, url: str, *, kind: str = LOOKUP,
             data: dict[str, str] | None = None, follow: bool = True,
             what: str = "Internet Archive") -> Answer: ...


@dataclass
class Answer:
    """An Internet Archive response, read whole within the call's deadline."""

    status: int
    url: str
    headers: CaseInsensitiveDict[str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self, what: str) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            raise ArchiveError(f"{what} answered something that is not JSON "
                               f"(HTTP {self.status})") from None


class CDXQuery(WaybackMachineCDXServerAPI):
    """waybackpy's CDX query building and parsing; requests go through the client."""

    def __init__(self, client: ArchiveCaller, url: str, *, follow_resume: bool,
                 **options: Any) -> None:
        super().__init__(url, user_agent=client.user_agent, max_tries=1, **options)
        self.endpoint = f"{client.web_base}/cdx/search/cdx"
        self._client = client
        self._follow_resume = follow_resume

    def rows(self) -> Iterator[CDXRow]:
        """Every capture row of the answer's pages, read by our parser (see cdxrows)."""
        payload: dict[str, str] = {}
        self.add_payload(payload)
        for text in self.cdx_api_manager(payload, {}):
            yield from parse_cdx(text)

    def cdx_api_manager(self, payload: dict[str, str], headers: dict[str, str]) -> Any:
        payload["limit"] = str(self.limit)
        if self._follow_resume:
            payload["showResumeKey"] = "true"
        asked: set[str] = set()
        for _page in range(MAX_CDX_PAGES):
            request_url = full_url(self.endpoint, params=payload)
            answer = self._client.call("GET", request_url, what="CDX server")
            self.last_api_request_url = request_url
            refusal = access_refusal(answer.text)
            if refusal:
                raise ArchiveError(f"{self.url} {refusal}")
            raise_for_status(answer, "CDX server")
            raise_for_html(answer, "CDX server")
            if cut_short(answer.text):
                raise ArchiveUnavailable("CDX server answer ended mid-row (cut short)")
            rows, resume_key = split_resume_key(answer.text)
            yield rows
            if not (self._follow_resume and resume_key) or resume_key in asked:
                return  # the same key again would be the same page again, for ever
            asked.add(resume_key)
            payload["resumeKey"] = resume_key


class AvailabilityQuery(WaybackMachineAvailabilityAPI):
    """waybackpy's availability query without its 5 s gap and re-queries on a miss."""

    def __init__(self, client: ArchiveCaller, url: str) -> None:
        super().__init__(url, user_agent=client.user_agent, max_tries=1)
        self.api_call_time_gap = 0
        self.endpoint = f"{client.org_base}/wayback/available"
        self._client = client

    def setup_json(self) -> dict[str, Any] | None:
        answer = self._client.call("GET", full_url(self.endpoint, params=self.payload),
                                    what="availability API")
        self.tries += 1
        raise_for_status(answer, "availability API")
        raise_for_html(answer, "availability API")
        body = answer.json("availability API")
        self.json = body if isinstance(body, dict) else None
        return self.json


class SaveRefused(ArchiveError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class AnonymousSave(WaybackMachineSaveAPI):
    """waybackpy's anonymous Save Page Now with one try, no sleeps, and a reader of the
    answer's Content-Location and Link headers that waybackpy's own regexes miss."""

    def __init__(self, client: ArchiveCaller, url: str) -> None:
        super().__init__(url, user_agent=client.user_agent, max_tries=1)
        self.request_url = f"{client.web_base}/save/{self.url}"
        self._client = client
        self.job_id: str | None = None

    def get_save_request_headers(self) -> None:
        answer = self._client.call("GET", self.request_url, kind=SAVE, follow=False,
                                    what="Save Page Now")
        self.headers = answer.headers
        self.status_code = answer.status
        location = answer.headers.get("Location")
        self.response_url = urljoin(answer.url, location) if location else answer.url
        if answer.status in REDIRECTS and location and names_a_login_page(self.response_url):
            raise SaveRefused(answer.status, "Save Page Now asks anonymous users to log in: "
                               f"not saved (HTTP {answer.status} to {self.response_url})")
        watched = _WATCHED_JOB.search(answer.text[:200_000]) if answer.status == 200 else None
        self.job_id = watched.group(1) if watched else None
        if answer.status == 509:
            raise SaveRefused(509, "Save Page Now: too many sessions at once (HTTP 509)")
        if answer.status >= 400:
            raise SaveRefused(answer.status, f"Save Page Now answered HTTP {answer.status}")

    def archive_url_parser(self) -> str | None:
        headers = self.headers or CaseInsensitiveDict()
        candidates = [headers.get("Content-Location", "")]
        links = parse_header_links(headers.get("Link", ""))
        for rel in ("memento", "last memento"):
            candidates += [link.get("url", "") for link in links if link.get("rel") == rel]
        if self.status_code in REDIRECTS:
            candidates.append(headers.get("Location", ""))
        for candidate in candidates:
            memento = parse_memento(candidate) if candidate else None
            if memento:
                return f"{REAL_WEB}/web/{memento[0]}/{memento[1]}"
        found: str | None = super().archive_url_parser()  # waybackpy's own header regexes
        return found

    @staticmethod
    def sleep(tries: int) -> None:
        """Never wait between tries: there is one try, and waits are the pacer's."""


def access_refusal(text: str) -> str | None:
    """What a Wayback access-control exception named in an answer means, or None."""
    head = text[:1000]  # the refusal is the whole answer; rows come after no such text
    return next((meaning for name, meaning in _ACCESS_REFUSALS if name in head), None)


def raise_for_status(answer: Answer, what: str) -> None:
    """A lookup answered anything but 200: unavailable (queued) when overloaded, else refused."""
    if answer.status in OVERLOADED:
        raise ArchiveUnavailable(f"{what} answered HTTP {answer.status} (overloaded)")
    if answer.status != 200:
        raise ArchiveError(f"{what} answered HTTP {answer.status}")


def raise_for_html(answer: Answer, what: str) -> None:
    """An HTML page where rows or JSON were asked for (the Archive's maintenance or error
    page, served with status 200) did not answer the question: unavailable, not "no
    captures". Judged by the body (no row or JSON answer starts with "<"), not by a
    Content-Type."""
    if answer.body.lstrip()[:1] == b"<":
        raise ArchiveUnavailable(f"{what} answered an HTML page of its own, not an answer "
                                 f"(HTTP {answer.status})")
