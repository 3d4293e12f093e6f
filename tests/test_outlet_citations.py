"""Outlets cited by name and date in running text ('told Reuters on 3 March', 'reported on
14 January', a press review's 'The Times leads on'), a dated outlet whose piece a list of
sources links, and notes that point back by 'op. cit.'."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_citations import load, named
from test_quotes import run


def test_an_outlet_told_or_reporting_on_a_day_is_dated_in_the_document_s_year(tmp_path: Path):
    text = ("Volume 762: debated on Wednesday 5 March 2025\n\n"
            "The Border Counties Advertiser reported on 14 January that the council had "
            "received objections. The regional commissioner told Reuters on 3 March that the "
            "vessel had no permit. Speaking on LBC on 9 January, the MP repeated the claim. A "
            "spokesperson pointed us to an article in the Daily Express on 6 January. The "
            "minister told the Transport Committee on 2 February that it was funded. She told "
            "the BBC that nothing had changed.\n")
    _doc, citations = load(tmp_path, text)
    assert named(citations) == [
        ("Border Counties Advertiser", date(2025, 1, 14)), ("Reuters", date(2025, 3, 3)),
        ("LBC", date(2025, 1, 9)), ("Daily Express", date(2025, 1, 6))]


def test_a_press_review_names_the_papers_it_reviews(tmp_path: Path):
    text = ("Tuesday's papers, 4 March 2025\n\nFinancial Times\n\nThe FT reports that banks "
            "will close branches.\n\nThe Times leads on the cabinet row. The Mirror splashes on "
            "school uniforms. The Telegraph's front page carries a warning. The Daily Express has "
            "a heartwarming story of a dog. The Labour Party leads on the issue. The outlook, "
            "according to The Citizen, which reported on Tuesday that tickets were scarce, is "
            "poor.\n")
    _doc, citations = load(tmp_path, text)
    assert named(citations) == [
        ("FT", None), ("Times", None), ("Mirror", None), ("Telegraph", None),
        ("Daily Express", None), ("The Citizen", None)]


def test_a_dated_outlet_a_source_list_links_rests_on_that_link(tmp_path: Path):
    html = ("<html><head><meta property='article:published_time' content='2025-01-14'></head>"
            "<body><p>The department told the Financial Times on 7 January that the claim was "
            "“simply untrue”, and that “heat pumps are a proven technology”.</p>"
            "<h2>Sources</h2><ul>"
            "<li>Financial Times, <a href='https://www.ft.example.com/content/heat-pumps'>“Ministers "
            "defend heat pump grant”</a>, 7 January 2025</li>"
            "</ul></body></html>")
    quotes, _terms, citations = run(tmp_path, html, ".html")
    assert named(citations) == []
    [quote] = quotes
    assert [citations[n].url for n in quote.citations] == [
        "https://www.ft.example.com/content/heat-pumps"]


def test_op_cit_rests_on_the_author_s_last_note(tmp_path: Path):
    text = ("Briefing\n\nThousands fled.1 Many were detained, a pattern documented by OCHA.2 "
            "Radio Dabanga reported it.3 One volunteer told the station that the kitchens had "
            "\"no stock left after next week\".4\n\n"
            "Endnotes\n\n"
            "1 OCHA, Flash Update No. 4, 18 December 2024, https://reliefweb.example.int/r/4.\n"
            "2 OCHA, op. cit., p. 3.\n"
            "3 Radio Dabanga, 16 December 2024.\n"
            "4 Radio Dabanga, op. cit.\n")
    quotes, _terms, citations = run(tmp_path, text)
    notes = [(c.marker, c.url) for c in citations if c.kind == "footnote"]
    assert ("2", "https://reliefweb.example.int/r/4") in notes
    [quote] = quotes
    assert [(citations[n].outlet, citations[n].cited_date) for n in quote.citations] == [
        ("Radio Dabanga", date(2024, 12, 16))]


@pytest.mark.xfail(strict=True, reason=(
    "holdout14, left: an outlet no vocabulary knows, named with a year or no day ('told "
    "Arkitektnytt in 1989', 'in an interview with NRK in 2012'), reads like a person told; "
    "undated, it says where words were heard, not which piece"))
def test_an_unknown_outlet_told_in_a_year_is_where_the_words_rest(tmp_path: Path):
    quotes, _terms, citations = run(tmp_path, (
        "Margit Halvorsen trained in Trondheim. \"I was the only woman in the drawing office,\" "
        "she told Arkitektnytt in 1989.\n"))
    assert [[citations[n].outlet for n in q.citations] for q in quotes] == [["Arkitektnytt"]]
