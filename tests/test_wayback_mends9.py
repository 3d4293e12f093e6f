"""Focused tests of the general rules the ninth held-out Wayback set
(tests/test_wayback_holdout9.py) called for; each fails without its rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fixtureweb import FixtureWeb, Reply
from wayback_support import (
    KEYS,
    PAGE,
    FakeClock,
    client_for,
    fweb,
    hygiene_except_whole_runs,
    memento_date,
    page,
    row,
)

from verifier.config import load_settings
from verifier.errors import ConfigError
from verifier.models import Fetch, SaveJob, Snapshot
from verifier.net.wayback import CAPTURED_ELSEWHERE
from verifier.net.waybackurls import cdx_address, folded_key, index_key
from verifier.replays import judge_replay
from verifier.status import LinkStatus

__all__ = ["fweb", "hygiene_except_whole_runs"]  # shared fixtures, used below


def test_index_keys_tell_a_paths_and_a_querys_case_apart_but_not_a_hosts() -> None:
    """surt files `/AbC12` and `/abc12` under one key; they are two pages all the same."""
    assert index_key("http://sho.rt/AbC12") != index_key("http://sho.rt/abc12")
    assert index_key("http://v.example/watch?v=dQw4") != index_key("http://v.example/watch?v=dqw4")
    assert index_key("http://SHO.RT/AbC12") == index_key("https://www.sho.rt/AbC12/")
    assert folded_key("http://sho.rt/AbC12") == folded_key("http://sho.rt/abc12")
    assert index_key("http://a.example/x?JSESSIONID=0123456789ABCDEFGHIJKLEMOPQRSTUV&id=7") == \
        index_key("http://a.example/x?id=7")


def test_cdx_rows_of_another_case_of_the_path_are_left_out_and_the_last_one_asked_again(
        fweb: FixtureWeb, clock: FakeClock) -> None:
    """The last capture under the key is another link's: the page's own last one is asked for
    without the limit, not taken from that answer."""
    cited, other = "http://sho.rt/AbC12x", "http://sho.rt/abc12x"
    fweb.route("/cdx/search/cdx", lambda _r: Reply(body=row("20200101000000", url=cited) + "\n" +
                                                   row("20210101000000", url=other) + "\n",
                                                   content_type="text/plain"))
    client = client_for(fweb.base(), clock)
    assert [s.timestamp for s in client.captures(cited, limit=-1)] == ["20200101000000"]
    assert [s.url for s in client.captures(cited)] == [cited]
    assert len([r for r in fweb.requests if r.path.startswith("/cdx/")]) == 3


def test_a_trailing_asterisk_is_escaped_in_the_cdx_question() -> None:
    """A `url` ending in `*` is a prefix query to the CDX server."""
    assert cdx_address("http://a.example/search?q=harbour*") == "http://a.example/search?q=harbour%2A"
    assert cdx_address("http://a.example/a*b") == "http://a.example/a*b"


@pytest.mark.parametrize(("original", "saved"), [
    ("https://news.example.com/account/login?next=%2F2021%2Fstory.html", False),
    ("https://news.example.com/", False),
    ("https://www.news.example.com/2021/story.html", True),
])
def test_an_spn2_success_is_a_save_of_the_page_only_when_it_captured_the_page(
        fweb: FixtureWeb, clock: FakeClock, original: str, saved: bool) -> None:
    fweb.page("/save/status/spn2-abc", '{"status": "success", "job_id": "spn2-abc", '
              f'"timestamp": "20210601000000", "original_url": "{original}"}}',
              content_type="application/json")
    job = SaveJob(url=PAGE, submitted_at=datetime.now(UTC), method="spn2", job_id="spn2-abc")
    asked = client_for(fweb.base(), clock, keys=KEYS).save_status(job)
    assert (asked.status == "success") is saved
    assert saved or (asked.status == "error" and (asked.error or "").startswith(CAPTURED_ELSEWHERE))


@pytest.mark.parametrize(("refresh", "copy"), [
    ("0; url=http://news.example.com/", False),
    ("1;URL='/account/login'", False),
    ("300", True),  # a reload timer: the page is the page
    ("0; url=http://news.example.com/2021/story.html", True),  # refreshing itself
])
def test_a_replay_whose_original_refreshed_elsewhere_by_its_header_is_no_copy(
        clock: FakeClock, refresh: str, copy: bool) -> None:
    snapshot = Snapshot(url=PAGE, timestamp="20210520000000",
                        archive_url=f"https://web.archive.org/web/20210520000000/{PAGE}",
                        status_code=200)
    body = page("the words").encode()
    fetch = Fetch(url=PAGE, link_status=LinkStatus.OK, reason="HTTP 200",
                  fetched_at=datetime.now(UTC), http_status=200, final_url=PAGE,
                  content_type="text/html", body=body, size=len(body),
                  headers={"Memento-Datetime": memento_date("20210520000000"),
                           "X-Archive-Orig-Refresh": refresh})
    judged = judge_replay(client_for("http://127.0.0.1:9", clock), snapshot, fetch)
    assert isinstance(judged, tuple) is copy
    assert copy or "sends the browser on" in str(judged)


@pytest.mark.parametrize("base", ["ftp://mirror.example/wayback", "web.archive.org", "http://"])
def test_a_wayback_url_that_is_no_http_address_is_refused(base: str) -> None:
    with pytest.raises(ConfigError, match="wayback_url"):
        load_settings(overrides={"wayback_url": base}, env={})


@pytest.mark.parametrize("base", ["", "http://127.0.0.1:8080/wayback/", "https://mirror.example"])
def test_a_wayback_url_with_or_without_a_path_is_accepted(base: str) -> None:
    assert load_settings(overrides={"wayback_url": base}, env={}).wayback_url == base
