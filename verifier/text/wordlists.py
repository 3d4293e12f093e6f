"""Small vocabularies written as whitespace-separated words, read once into sets."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The set of whitespace-separated words in `text`."""
    return frozenset(text.split())
