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


WIKITEXT = """{{Short description|Light rail in Norrvik}}
The '''Norrvik Tramway''' is a [[light rail]] line in [[Norrvik]].<ref name="opening">{{cite news |last=Lindgren |first=Annika |title=Spårvagnen rullar |url=https://www.posten.example.se/sparvagn |work=Norrviks-Posten |date=14 December 2021}}</ref>

== History ==
The auditors wrote that the board had "systematically underestimated the risks from the start".<ref name="audit">{{cite report |title=Granskning |publisher=Audit Office |url=https://www.norrvik.example.se/granskning.pdf |archive-url=https://web.archive.example.org/web/2020/https://www.norrvik.example.se/granskning.pdf}}</ref> At the opening, mayor Ingrid Holm said: "Today Norrvik becomes a city where you need no car."<ref name="opening" />

{| class="wikitable"
! Year !! Passengers !! Ref.
|-
| 2022 || 6.1 million || <ref>{{cite web |url=https://www.trafik.example.se/2022.pdf |title=Årsredovisning 2022}}</ref>
|}

The Taxpayers' Association said the line was "a monument to wishful thinking and borrowed money".<ref>{{cite news |title=Ett monument |work=[[Svenska Dagbladet]] |date=8 February 2022}}</ref>

[[Category:Tram transport in Sweden]]
"""


def test_wikitext_refs_are_numbered_notes_and_their_templates_sources(tmp_path: Path):
    quotes, terms, citations = run(tmp_path, WIKITEXT)
    assert [(c.kind, c.marker, c.url or c.outlet) for c in citations] == [
        ("footnote", "1", "https://www.posten.example.se/sparvagn"),
        ("footnote", "2", "https://www.norrvik.example.se/granskning.pdf"),
        ("footnote", "2", "https://web.archive.example.org/web/2020/https://www.norrvik.example.se/"
                          "granskning.pdf"),
        ("footnote", "3", "https://www.trafik.example.se/2022.pdf"),
        ("named_source", "4", "Svenska Dagbladet"),
    ]
    assert said(quotes) == [
        ("auditors", "systematically underestimated the risks from the start"),
        ("Ingrid Holm", "Today Norrvik becomes a city where you need no car."),
        ("Taxpayers' Association", "a monument to wishful thinking and borrowed money"),
    ]
    assert [[citations[n].url or citations[n].outlet for n in q.citations] for q in quotes] == [
        ["https://www.norrvik.example.se/granskning.pdf",
         "https://web.archive.example.org/web/2020/https://www.norrvik.example.se/granskning.pdf"],
        ["https://www.posten.example.se/sparvagn"], ["Svenska Dagbladet"]]
    assert "Spårvagnen rullar" in terms  # a cited title, no one's words


def test_mla_citations_rest_on_their_works_cited_entries(tmp_path: Path):
    text = ("Gilman insisted it was written \"to save people from being driven crazy\" (Gilman, "
            "\"Why I Wrote\" 20). She confides that \"John says the very worst thing I can do "
            "is to think about my condition\" (Gilman, \"Yellow Wallpaper\" 648). Tobias "
            "Ashworth disagrees, calling it \"a feminist allegory imposed on a marriage\" "
            "(Ashworth 214).\n\nWorks Cited\n\n"
            "Ashworth, Tobias. \"Against Allegory.\" American Literary Realism, vol. 52, 2020. "
            "https://doi.example.org/10.5406/alr.52.3.0205.\n\n"
            "Gilman, Charlotte Perkins. \"Why I Wrote 'The Yellow Wallpaper.'\" The Forerunner, "
            "1913, p. 20. Project Gutenberg, www.gutenberg.example.org/ebooks/why-i-wrote.\n\n"
            "---. \"The Yellow Wallpaper.\" The New England Magazine, 1892, pp. 647-56. "
            "HathiTrust, babel.hathitrust.example.org/cgi/pt?id=coo.31924057461112.\n")
    quotes, _terms, citations = run(tmp_path, text)
    assert [c.url for c in citations] == [
        "https://doi.example.org/10.5406/alr.52.3.0205",
        "www.gutenberg.example.org/ebooks/why-i-wrote",
        "babel.hathitrust.example.org/cgi/pt?id=coo.31924057461112"]
    assert citations[2].normalized_url == (
        "http://babel.hathitrust.example.org/cgi/pt?id=coo.31924057461112")
    assert [q.speaker for q in quotes] == ["Gilman", "Gilman", "Tobias Ashworth"]
    assert _cited(quotes, citations) == [
        ["www.gutenberg.example.org/ebooks/why-i-wrote"],
        ["babel.hathitrust.example.org/cgi/pt?id=coo.31924057461112"],
        ["https://doi.example.org/10.5406/alr.52.3.0205"]]


def test_a_host_and_path_without_scheme_is_a_url_only_with_a_real_path(tmp_path: Path):
    _q, _t, citations = run(tmp_path, (
        "Guidance is at gov.example.uk/heat-pumps. Speeds of 80 km/h and/or rain, e.g./i.e. "
        "notes, v1.2/3 and U.S./Mexico trade are not addresses.\n"))
    assert [c.url for c in citations] == ["gov.example.uk/heat-pumps"]


def test_a_table_cell_naming_an_outlet_and_a_day_is_the_row_s_source(tmp_path: Path):
    markdown = ("| What was said | Who said it | Where |\n|---|---|---|\n"
                "| \"Bills will come down by three hundred pounds a year.\" | Ed Milburn-Shaw, "
                "Energy Secretary | The Sun, 2 June 2024 |\n"
                "| \"We will build a million and a half homes.\" | Alistair Crane, Prime "
                "Minister | Speech in Downing Street, 5 July 2024 |\n")
    quotes, _terms, citations = run(tmp_path, markdown, ".md")
    assert [(c.outlet, str(c.cited_date)) for c in citations] == [("Sun", "2024-06-02")]
    assert [[citations[n].outlet for n in q.citations] for q in quotes] == [["Sun"], []]
