"""Focused tests of the general rules the eighth held-out Wayback set
(tests/test_wayback_holdout8.py) called for; each fails without its rule."""

from __future__ import annotations

from datetime import date

from fakewayback import FakeWayback
from fixtureweb import FixtureWeb
from wayback_support import (
    PAGE,
    FakeClock,
    archivist_for,
    client_for,
    hygiene_except_whole_runs,
    page,
)

from verifier.status import LinkStatus

__all__ = ["hygiene_except_whole_runs"]  # the shared sleep guard, used by every test below


def test_index_keys_read_a_path_escaped_otherwise_as_one_page() -> None:
    """The index unescapes a path and escapes it again minimally (surt's canonicalizer):
    `%7E` is `~`, `%28` is `(`, and an escape's case does not matter."""
    from verifier.net.waybackurls import index_key

    assert index_key("http://a.example/~ed/x") == index_key("http://a.example/%7Eed/x")
    assert index_key("http://a.example/T_(town)") == index_key("http://a.example/T_%28town%29")
    assert index_key("http://a.example/caf%C3%A9") == index_key("http://a.example/caf%c3%a9")
    assert index_key("http://a.example/a%2520b") == index_key("http://a.example/a b")


def test_a_capture_address_without_a_timestamp_names_the_newest_capture() -> None:
    """`/web/<url>` is read as a capture ("" for the newest); the Wayback's own pages under
    /web/ (a listing, a timemap) are not captures."""
    from verifier.net.waybackurls import cited_memento

    page = "http://news.example.com/2021/story.html"
    assert cited_memento(f"https://web.archive.org/web/{page}") == ("", page)
    assert cited_memento("https://web.archive.org/web/news.example.com/2021/story.html") == ("", page)
    assert cited_memento(f"https://web.archive.org/web/*/{page}") is None
    assert cited_memento(f"https://web.archive.org/web/timemap/link/{page}") is None
    assert cited_memento("https://web.archive.org/web/") is None


def test_a_page_asked_about_at_a_second_date_is_answered_from_one_list(
        wayback: FakeWayback, clock: FakeClock) -> None:
    for ts in ("20150301000000", "20190301000000", "20230301000000"):
        wayback.capture(PAGE, ts, page(ts))
    archivist = archivist_for(wayback, clock)
    assert archivist.info(PAGE, date(2016, 1, 1)).closest.timestamp == "20150301000000"  # type: ignore[union-attr]
    first = wayback.count("cdx")
    assert archivist.info(PAGE, date(2020, 1, 1)).closest.timestamp == "20190301000000"  # type: ignore[union-attr]
    assert wayback.count("cdx") == first + 1
    assert archivist.info(PAGE, date(2014, 1, 1)).closest.timestamp == "20150301000000"  # type: ignore[union-attr]
    assert archivist.info(PAGE, date(2022, 1, 1)).closest.timestamp == "20190301000000"  # type: ignore[union-attr]
    assert wayback.count("cdx") == first + 1


def test_an_anonymous_save_answered_with_a_capture_of_another_page_is_an_error(
        web: FixtureWeb, clock: FakeClock) -> None:
    """A capture of the site's front page is no save of the article; a capture of the article
    at its new address is."""
    client = client_for(web.base(), clock)
    for landed, saved in (("https://news.example.com/", False),
                          ("https://news.example.com/2021/06/story-renamed.html", True)):
        web.page(f"/save/{PAGE}", "<html>Saved</html>",
                 headers={"Content-Location": f"/web/20210601000000/{landed}"})
        job = client.save_anonymous(PAGE)
        assert (job.status == "success") is saved, landed
        assert saved or "front" in (job.error or "") or "home page" in (job.error or "")


def test_a_page_being_saved_is_not_queued_again_under_another_spelling(
        wayback: FakeWayback, clock: FakeClock) -> None:
    archivist = archivist_for(wayback, clock, save="always")
    assert archivist.save_later(PAGE, live=LinkStatus.OK)
    assert not archivist.save_later("https://www.news.example.com/2021/story.html/", live=LinkStatus.OK)
    assert archivist.save_later("http://news.example.com/2021/other.html", live=LinkStatus.OK)
    archivist.close(wait=10)
