"""Author-date citations: who a narrative citation names, and what a parenthetical one gives."""

from __future__ import annotations

from verifier.text.authordate import AUTHORS_REACH, narrative_before, parenthetical_after


def test_a_sentence_opener_is_not_an_author():
    for opener in ("As", "In", "Both", "However, as"):
        text = f"{opener} Halvorsen and Van Rijn (2022) conclude that fares matter."
        found = narrative_before(text, 0, len(text))
        assert found is not None and found.authors == "Halvorsen and Van Rijn", opener
        assert text[found.start:found.end] == "Halvorsen and Van Rijn (2022)"
    assert narrative_before("In (2022) they wrote", 0, 20) is None


def test_the_last_narrative_citation_before_the_quotation_is_the_speaker():
    text = "Smith (2019) disagreed, but Ostrowski et al. (2017) argue that"
    found = narrative_before(text, 0, len(text))
    assert found is not None and (found.authors, found.year) == ("Ostrowski et al.", "2017")


def test_a_long_run_of_capitalised_words_is_read_from_each_year_back_only():
    """Names are looked for in the AUTHORS_REACH characters before a '(Year)', so a long
    sentence of capitalised words costs no search from every word; an author list longer
    than that keeps its last names."""
    names = ", ".join(["Smith Jones"] * 400)
    assert narrative_before(names + " conclude", 0, len(names) + 9) is None
    found = narrative_before(names + " (2020) conclude", 0, len(names) + 16)
    assert found is not None and found.year == "2020"
    assert len(found.authors) <= AUTHORS_REACH and found.authors.endswith("Smith Jones")


def test_a_parenthetical_citation_follows_the_quotation_directly():
    text = "the words” (Halvorsen & Van Rijn, 2022, p. 39). Later (Smith, 2019) said."
    found = parenthetical_after(text, 10, len(text))
    assert found is not None and (found.authors, found.year) == ("Halvorsen & Van Rijn", "2022")
    assert parenthetical_after(text, 49, len(text)) is None  # words stand before '(Smith, 2019)'
