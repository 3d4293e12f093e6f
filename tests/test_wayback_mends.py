"""Focused tests of the general rules the eighth held-out Wayback set
(tests/test_wayback_holdout8.py) called for; each fails without its rule."""

from __future__ import annotations


def test_index_keys_read_a_path_escaped_otherwise_as_one_page() -> None:
    """The index unescapes a path and escapes it again minimally (surt's canonicalizer):
    `%7E` is `~`, `%28` is `(`, and an escape's case does not matter."""
    from verifier.net.wayback import index_key

    assert index_key("http://a.example/~ed/x") == index_key("http://a.example/%7Eed/x")
    assert index_key("http://a.example/T_(town)") == index_key("http://a.example/T_%28town%29")
    assert index_key("http://a.example/caf%C3%A9") == index_key("http://a.example/caf%c3%a9")
    assert index_key("http://a.example/a%2520b") == index_key("http://a.example/a b")
