"""Focused tests of the general rules the eighth held-out Wayback set
(tests/test_wayback_holdout8.py) called for; each fails without its rule."""

from __future__ import annotations

from datetime import date

from fakewayback import FakeWayback
from wayback_support import PAGE, FakeClock, archivist_for, page


def test_index_keys_read_a_path_escaped_otherwise_as_one_page() -> None:
    """The index unescapes a path and escapes it again minimally (surt's canonicalizer):
    `%7E` is `~`, `%28` is `(`, and an escape's case does not matter."""
    from verifier.net.wayback import index_key

    assert index_key("http://a.example/~ed/x") == index_key("http://a.example/%7Eed/x")
    assert index_key("http://a.example/T_(town)") == index_key("http://a.example/T_%28town%29")
    assert index_key("http://a.example/caf%C3%A9") == index_key("http://a.example/caf%c3%a9")
    assert index_key("http://a.example/a%2520b") == index_key("http://a.example/a b")


def test_a_capture_address_without_a_timestamp_names_the_newest_capture() -> None:
    """`/web/<url>` is read as a capture ("" for the newest); the Wayback's own pages under
    /web/ (a listing, a timemap) are not captures."""
    from verifier.net.wayback import cited_memento

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
