"""Author-date citations: who a narrative citation names, and what a parenthetical one gives."""

from __future__ import annotations

from pathlib import Path

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


def test_a_parenthetical_citation_may_leave_out_the_comma_before_its_year():
    """Chicago author-date and many Harvard styles write '(Grindeanu 2024a)' and '(Ministry
    of Trade 2024, p. 3)'; a date in parentheses is no citation."""
    for cited, authors, year in (("(Grindeanu 2024a).", "Grindeanu", "2024a"),
                                 ("(Ministry of Trade 2024, p. 3).", "Ministry of Trade", "2024"),
                                 ("(Grindeanu\n2024b).", "Grindeanu", "2024b")):
        text = f"the words” {cited}"
        found = parenthetical_after(text, 10, len(text))
        assert found is not None and (found.authors, found.year) == (authors, year), cited
    for dated in ("(March 2024)", "(Spring 2023)", "(late 2022)"):
        assert parenthetical_after(f"the words” {dated}", 10, 30) is None, dated


def test_chicago_reference_entries_date_after_the_name_and_repeat_an_author_by_dashes(
        tmp_path: Path) -> None:
    """'Malinov, Vladimir. 2024.' gives its year without parentheses, and '———. 2025.' is
    a second work of the author above it: each quotation rests on its own entry's address; a
    role that the citation's one author fills is that person; the entries' titles are none."""
    from test_quotes import run

    text = ("Bulgaria's place changed. As Malinov (2025) put it, “Bulgaria is now the gateway.” "
            "The energy minister had said that “the Balkan Stream will run all winter” "
            "(Malinov 2024, 2).\n\nReferences\n\n"
            "Malinov, Vladimir. 2024. Statement on the Balkan Stream. Sofia: Ministry of Energy. "
            "https://minenergy.example/en/balkan-stream\n\n"
            "———. 2025. “Gateway, Not the End of the Line for Gas.” BTA, January 15. "
            "https://bta.example/en/gateway\n")
    quotes, _terms, citations = run(tmp_path, text)
    assert [(q.speaker, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Malinov", ["https://bta.example/en/gateway"]),
        ("Malinov", ["https://minenergy.example/en/balkan-stream"])]
