"""How reports and papers point at their sources beyond one run of numbered notes: notes that
restart in every chapter, Chicago author-date citations and reference lists, and the titles
that reference entries quote (the holdout14 round)."""

from __future__ import annotations

from pathlib import Path

from test_quotes import run, said


def _cited(quotes, citations) -> list[list[str | None]]:
    return [[citations[n].url for n in q.citations] for q in quotes]


def test_notes_restarting_in_each_chapter_bind_to_their_own_chapter(tmp_path: Path):
    text = ("CHAPTER 1. THE PROBLEM\n\n"
            "1.1 The agency calls the loss \"faster than at any point since records began.\"1\n"
            "The rate doubled in a decade.2\n\n"
            "Notes to Chapter 1\n"
            "1 Environment Agency, Risk Map 2024, https://www.gov.example.uk/ea/ncerm-2024.\n"
            "2 Ibid., p. 12.\n\n"
            "CHAPTER 2. ELSEWHERE\n\n"
            "2.1 The Dutch buy early.1 Its commissioner, Pieter de Graaf, told us that \"buying "
            "early is always cheaper than rebuilding twice.\"2\n\n"
            "Notes to Chapter 2\n"
            "1 Rijkswaterstaat, Deltaprogramma 2025, https://www.delta.example.nl/dp2025.\n"
            "2 Written evidence, https://www.commission.example.org/WE-17.pdf.\n")
    quotes, _terms, citations = run(tmp_path, text)
    assert sorted((c.marker, c.url) for c in citations if c.kind == "footnote") == [
        ("1", "https://www.delta.example.nl/dp2025"),
        ("1", "https://www.gov.example.uk/ea/ncerm-2024"),
        ("2", "https://www.commission.example.org/WE-17.pdf"),
        ("2", "https://www.gov.example.uk/ea/ncerm-2024"),  # the 'Ibid.' of chapter 1 only
    ]
    assert _cited(quotes, citations) == [["https://www.gov.example.uk/ea/ncerm-2024"],
                                         ["https://www.commission.example.org/WE-17.pdf"]]


def test_a_review_by_a_body_is_the_body_speaking(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "A 2023 review by the Government Accountability Office found that buyouts took "
        "\"more than five years from application to closing\" in most states.\n"))
    assert said(quotes) == [("Government Accountability Office",
                             "more than five years from application to closing")]


def test_chicago_author_date_citations_rest_on_their_reference_entries(tmp_path: Path):
    text = ("Take-up is incomplete, because \"the stigma of the free meal queue has never gone "
            "away\" (Bowden and Iqbal 2021, 112). Holloway (2024) concludes that universal "
            "provision \"does most for the families that means-testing leaves behind\" "
            "(Holloway 2024, 31).\n\n"
            "References\n\n"
            "Bowden, Kate, and Samir Iqbal. 2021. \"Stigma and Take-Up in School Meal "
            "Schemes.\" Journal of Social Policy 50 (1): 101-19. "
            "https://doi.example.org/10.1017/S0047279420000112.\n\n"
            "Holloway, Priya. 2024. Lunch and Learning. London: Centre for Education Research. "
            "https://www.cer.example.org.uk/reports/lunch-and-learning.\n")
    quotes, terms, citations = run(tmp_path, text)
    assert said(quotes) == [
        ("Bowden and Iqbal", "the stigma of the free meal queue has never gone away"),
        ("Holloway", "does most for the families that means-testing leaves behind")]
    assert _cited(quotes, citations) == [
        ["https://doi.example.org/10.1017/S0047279420000112"],
        ["https://www.cer.example.org.uk/reports/lunch-and-learning"]]
    assert terms == ["Stigma and Take-Up in School Meal Schemes."]


def test_a_reference_entry_s_quoted_title_has_no_speaker(tmp_path: Path):
    text = ("Notes on sources.\n\n"
            "Ruiz-Calder, Elena. 2023. \"Who Misses Out? Eligibility Gaps in Free School "
            "Meals.\" Fiscal Studies 44 (2): 1-24.\n\n"
            "---. \"The Price of a Lunch.\" Fiscal Studies 45 (1): 3-9.\n")
    quotes, terms, _c = run(tmp_path, text)
    assert quotes == []
    assert terms == ["Who Misses Out? Eligibility Gaps in Free School Meals.",
                     "The Price of a Lunch."]


def test_a_quotation_filling_a_table_cell_is_read_with_its_row(tmp_path: Path):
    markdown = ("# Tracker\n\n| Pledge | What was said | Who said it | Where |\n|---|---|---|---|\n"
                "| Housing | \"We will build a million and a half homes.\" | Alistair Crane, Prime "
                "Minister | [Speech, 5 July 2024](https://www.gov.example.uk/speech) |\n"
                "| Bills | \"Bills will come down by three hundred pounds.\" | Ed Milburn-Shaw, "
                "Energy Secretary | [Interview](https://news.example.com/interview) |\n")
    html = ("<html><body><table><tr><th>Said</th><th>Who</th><th>Where</th></tr><tr><td>"
            "\"We will build a million and a half homes.\"</td><td>Alistair Crane, Prime "
            "Minister</td><td><a href=\"https://www.gov.example.uk/speech\">Speech</a></td>"
            "</tr></table></body></html>")
    quotes, _terms, citations = run(tmp_path, markdown, ".md")
    assert said(quotes) == [
        ("Alistair Crane", "We will build a million and a half homes."),
        ("Ed Milburn-Shaw", "Bills will come down by three hundred pounds.")]
    assert _cited(quotes, citations) == [["https://www.gov.example.uk/speech"],
                                         ["https://news.example.com/interview"]]
    quotes, _terms, citations = run(tmp_path, html, ".html")
    assert said(quotes) == [("Alistair Crane", "We will build a million and a half homes.")]
    assert _cited(quotes, citations) == [["https://www.gov.example.uk/speech"]]
