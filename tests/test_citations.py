"""Citations: URLs as written and normalised, footnote bodies and markers, and sources
named without a URL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from verifier.citations import ACCESS_DATE_REACH, access_date, extract_citations, normalize_url
from verifier.documents import load_document
from verifier.models import Citation, Document
from verifier.text.urls import find_urls


def load(tmp_path: Path, text: str, suffix: str = ".txt") -> tuple[Document, list[Citation]]:
    path = tmp_path / f"doc{suffix}"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    return doc, extract_citations(doc)


# -- URLs in prose ---------------------------------------------------------------------------
@pytest.mark.parametrize("prose, url", [
    ("See http://example.com/a.", "http://example.com/a"),
    ("(see http://example.com/a/b?c=1&d=2), then", "http://example.com/a/b?c=1&d=2"),
    ("at https://en.wikipedia.org/wiki/Foo_(bar).", "https://en.wikipedia.org/wiki/Foo_(bar)"),
    ("(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)"),
    ("“https://example.com/quoted”", "https://example.com/quoted"),
    ('"https://example.com/x",', "https://example.com/x"),
    ("list: http://a.example.com/x; http://b", "http://a.example.com/x"),
    ("visit www.example.org/path!", "www.example.org/path"),
    ("<http://example.com/angle>", "http://example.com/angle"),
    ("[1] https://example.com/page#section.", "https://example.com/page#section"),
])
def test_urls_lose_what_prose_added(prose: str, url: str):
    assert find_urls(prose)[0][2] == url


def test_several_urls_and_their_offsets():
    text = "One http://a.example.com/1, two https://b.example.com/2."
    assert [(text[s:e], u) for s, e, u in find_urls(text)] == [
        ("http://a.example.com/1", "http://a.example.com/1"),
        ("https://b.example.com/2", "https://b.example.com/2")]


# -- normal form -----------------------------------------------------------------------------
@pytest.mark.parametrize("url, normal", [
    ("HTTP://Example.COM/Path?Q=1#frag", "http://example.com/Path?Q=1"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("http://example.com:80", "http://example.com/"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
    ("www.example.com/a", "http://www.example.com/a"),
    ("http://bücher.example/x", "http://xn--bcher-kva.example/x"),
    ("http://example.com/a b/ü?q=ä", "http://example.com/a%20b/%C3%BC?q=%C3%A4"),
    ("http://example.com/already%20encoded", "http://example.com/already%20encoded"),
    ("https://EXAMPLE.com./x", "https://example.com/x"),
    ("http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080/x"),
])
def test_normal_form(url: str, normal: str):
    assert normalize_url(url) == normal


@pytest.mark.parametrize("url", [
    "ftp://files.example.com/a.zip", "mailto:someone@example.com", "http://", "http://exa mple.com/",
    "http://example..com/", "http://localhost:99999/", "https://-bad-.example.com/", "http://999.1.1.1/",
    "javascript:alert(1)",
])
def test_unfetchable_urls_have_no_normal_form(url: str):
    assert normalize_url(url) is None


def test_an_invalid_url_is_still_a_citation(tmp_path: Path):
    _doc, citations = load(tmp_path, "Sources: http://example..com/a and ftp://files.example.com/x.zip.")
    assert [(c.url, c.normalized_url, c.kind) for c in citations] == [
        ("http://example..com/a", None, "link"), ("ftp://files.example.com/x.zip", None, "link")]


def test_same_resource_written_two_ways_normalises_alike(tmp_path: Path):
    _doc, citations = load(tmp_path, "A http://Example.com:80/x#top and B http://example.com/x.")
    assert [c.url for c in citations] == ["http://Example.com:80/x#top", "http://example.com/x"]
    assert {c.normalized_url for c in citations} == {"http://example.com/x"}


# -- footnotes -------------------------------------------------------------------------------
FOOTNOTED = """The minister spoke in the past.1 He repeated the point later.2 Critics
replied that the figures were “simply invented.”3

3

Another paragraph follows the page number on its own line.

1 http://example.com/one.
2 http://example.com/two and 2 http://example.com/two-b (mirror).
3 Fars News Agency, December 25, 2017.
"""


def test_footnote_bodies_markers_and_several_urls(tmp_path: Path):
    doc, citations = load(tmp_path, FOOTNOTED)
    assert [(c.kind, c.marker, c.url or c.outlet) for c in citations] == [
        ("footnote", "1", "http://example.com/one"),
        ("footnote", "2", "http://example.com/two"),
        ("footnote", "2", "http://example.com/two-b"),
        ("named_source", "3", "Fars News Agency"),
    ]
    assert citations[3].cited_date == date(2017, 12, 25)
    # markers glued to '.' and to a closing quotation mark; the lone '3' is a page number
    assert [r.marker for r in doc.note_refs] == ["1", "2", "3"]
    assert "\n3\n" not in doc.text


def test_citation_knows_its_line_and_context(tmp_path: Path):
    _doc, citations = load(tmp_path, FOOTNOTED)
    assert citations[1].line == 9
    assert citations[1].context.startswith("2 http://example.com/two and 2 http")


def test_markdown_footnotes_and_links(tmp_path: Path):
    text = ("A claim.[^a] Another, with [a link](https://example.com/l) and [a fragment](#x).\n\n"
            "[^a]: See https://example.com/fn and https://example.com/fn2.\n")
    _doc, citations = load(tmp_path, text, ".md")
    assert [(c.kind, c.marker, c.url) for c in citations] == [
        ("link", None, "https://example.com/l"),
        ("footnote", "a", "https://example.com/fn"),
        ("footnote", "a", "https://example.com/fn2"),
    ]


def test_html_footnote_list_and_sup_markers(tmp_path: Path):
    html = """<article><p>First claim.<sup>1</sup> Second claim.<sup><a href="#note-2">2</a></sup></p>
<ol class="footnotes"><li>IRNA, <a href="https://irna.example/a">link</a>.</li>
<li id="note-2">Tasnim, <a href="https://tasnim.example/b">link</a>.</li></ol></article>"""
    doc, citations = load(tmp_path, html, ".html")
    assert [r.marker for r in doc.note_refs] == ["1", "2"]
    assert [(c.kind, c.marker, c.url) for c in citations] == [
        ("footnote", "1", "https://irna.example/a"), ("footnote", "2", "https://tasnim.example/b")]


def test_missing_footnote_bodies_are_reported(tmp_path: Path):
    doc, citations = load(tmp_path, "First,1 then second.”2 And third.4 No notes follow.")
    assert citations == []
    assert any("1, 2, 4" in w for w in doc.warnings)


# -- named sources ---------------------------------------------------------------------------
def named(citations: list[Citation]) -> list[tuple[str | None, date | None]]:
    return [(c.outlet, c.cited_date) for c in citations if c.kind == "named_source"]


def test_parenthetical_sources_several_per_pair(tmp_path: Path):
    text = ("Soleimani spoke to both wings (Tasnim, December 11, 2017; Fars, December 25, 2017). "
            "He repeated it (Filastin al-Yawm, and Safa, December 21, 2017). It was shown "
            "(al-Aqsa channel and Hamas website, December 30, 2017, Sama, December 31, 2017). "
            "A caption (Fars News Agency, Iran, December 15, 2009). The declaration (December 6, "
            "2017) changed things (see Appendix A). Greenpeace objected (Greenpeace, press "
            "release, June 10, 2019).")
    _doc, citations = load(tmp_path, text)
    d = date
    assert named(citations) == [
        ("Tasnim", d(2017, 12, 11)), ("Fars", d(2017, 12, 25)),
        ("Filastin al-Yawm", d(2017, 12, 21)), ("Safa", d(2017, 12, 21)),
        ("al-Aqsa channel", d(2017, 12, 30)), ("Hamas website", d(2017, 12, 30)),
        ("Sama", d(2017, 12, 31)), ("Fars News Agency", d(2009, 12, 15)),
        ("Greenpeace", d(2019, 6, 10)),
    ]


def test_parenthetical_sources_without_a_year_take_the_documents(tmp_path: Path):
    text = ("PORT HALDEN, March 5, 2024 - Ships waited at anchor (Reuters, 3 March 2024; AP, "
            "March 4). Stocks ran low (Daily Meridian, 28 December). The talks (on March 2, at "
            "the ministry) failed. A note (see March 1 and the annex) follows.")
    _doc, citations = load(tmp_path, text)
    assert named(citations) == [
        ("Reuters", date(2024, 3, 3)), ("AP", date(2024, 3, 4)),
        ("Daily Meridian", date(2023, 12, 28))]


def test_according_to_and_reported(tmp_path: Path):
    text = ("The talks failed, according to the Iranian Press TV. According to Nasrallah, Iran "
            "helped. Last May, Iran International reported that funds fell. Reuters reports the "
            "same. It was reported by the Times of Israel on March 3, 2024. Officials reported "
            "nothing.")
    _doc, citations = load(tmp_path, text)
    assert named(citations) == [
        ("Iranian Press TV", None), ("Iran International", None), ("Reuters", None),
        ("Times of Israel", date(2024, 3, 3))]


def test_document_source_line(tmp_path: Path):
    _doc, citations = load(tmp_path, "Body of the article.\n\nSource » iranwire\n")
    assert named(citations) == [("iranwire", None)]
    _doc, citations = load(tmp_path, "Body.\n\nSource: https://example.com/original\n")
    assert [c.kind for c in citations] == ["link"]


def test_word_exported_html_footnotes_and_back_links(tmp_path: Path):
    html = """<html><body><div class=WordSection1><p>The minister called it "a complete success by
every measure."<a href="#_ftn1" name="_ftnref1"><span>[1]</span></a> Others disagreed.<a
href="#_ftn2" name="_ftnref2">[2]</a></p></div><div><hr>
<div id=ftn1><p><a href="#_ftnref1" name="_ftn1">[1]</a> Statement, http://ministry.example/stmt,
4 May 2020.</p></div>
<div id=ftn2><p><a href="#_ftnref2" name="_ftn2">[2]</a> <a href="https://critics.example/r">Critics</a></p></div>
</div></body></html>"""
    doc, citations = load(tmp_path, html, ".html")
    assert [r.marker for r in doc.note_refs] == ["1", "2"]  # the back-links are not markers
    assert [(c.kind, c.marker, c.url) for c in citations] == [
        ("footnote", "1", "http://ministry.example/stmt"),
        ("footnote", "2", "https://critics.example/r")]


def test_html_notes_list_under_a_notes_heading(tmp_path: Path):
    html = """<article><p>A claim.<sup>1</sup> Another claim.<sup>2</sup></p>
<h2>Notes</h2><ol><li>https://a.example/1</li><li><a href="https://b.example/2">B</a></li></ol></article>"""
    _doc, citations = load(tmp_path, html, ".html")
    assert [(c.marker, c.url) for c in citations] == [
        ("1", "https://a.example/1"), ("2", "https://b.example/2")]


def test_angle_brackets_delimit_urls_with_spaces_and_line_breaks() -> None:
    from verifier.text.urls import find_urls

    text = "See <http://news.example.org/a b> and <https://x.example.org/long/\n   path>."
    found = [url for _s, _e, url in find_urls(text)]
    assert found == ["http://news.example.org/a b", "https://x.example.org/long/path"]
    assert normalize_url(found[0]) == "http://news.example.org/a%20b"


def test_pdf_footnote_url_cut_mid_slug_is_rejoined(tmp_path: Path):
    text = ("The programme missed its target by a wide margin, the evaluation found.1 Its\n"
            "authors said so in their summary.2\n\n"
            "1 Department for Infrastructure, Progress Update, July 2024,\n"
            "https://www.gov.example.uk/government/publications/connect-every-home-progress-up\n"
            "date-july-2024.\n"
            "2 Evaluation summary, https://eval.example.org/summary\n"
            "and annex.\n")
    _doc, citations = load(tmp_path, text)
    assert [(c.marker, c.url) for c in citations] == [
        ("1", "https://www.gov.example.uk/government/publications/"
              "connect-every-home-progress-update-july-2024"),
        ("2", "https://eval.example.org/summary")]


def test_mailing_housekeeping_links_are_not_citations(tmp_path: Path):
    text = ("The fund's [guidance](https://gov.example.uk/guidance) changed in June.\n\n"
            "[Unsubscribe](https://mail.example.net/u?id=1) · "
            "[View in browser](https://mail.example.net/issues/42)\n")
    _, citations = load(tmp_path, text, ".md")
    assert [c.url for c in citations] == ["https://gov.example.uk/guidance"]


def test_author_page_share_buttons_and_bio_box_links_are_not_citations(tmp_path: Path):
    html = ("<html><body><article><p class='byline'>By <a href='https://site.example/author/"
            "hsaari/'>Hanna Saari</a></p><p>The council's <a href='https://council.example/"
            "budget.pdf'>budget</a> grew.</p><div class='sharedaddy'><a href='https://x.example/"
            "intent/tweet?url=a'>Share</a></div><div class='author-bio'><p>Hanna writes for "
            "the <a href='https://paper.example/profile/hs'>national press</a>.</p></div>"
            "</article></body></html>")
    _, citations = load(tmp_path, html, ".html")
    assert [c.url for c in citations] == ["https://council.example/budget.pdf"]


def test_plain_text_mailing_labels_make_their_bare_urls_housekeeping(tmp_path: Path):
    text = ("View this email in your browser: https://mail.example.net/issues/112\n\n"
            "The board's agenda is online: https://transit.example.gov/board/2025-03-11\n\n"
            "Unsubscribe: https://mail.example.net/u?id=8f3a2c\n")
    _, citations = load(tmp_path, text)
    assert [c.url for c in citations] == ["https://transit.example.gov/board/2025-03-11"]


def test_a_sentence_sending_readers_to_unsubscribe_makes_its_url_housekeeping(tmp_path: Path):
    text = ("The board's agenda is online: https://transit.example.gov/board/2025-03-11\n\n"
            "To unsubscribe from this roundup, visit\nhttps://mail.example.net/manage\n")
    _, citations = load(tmp_path, text)
    assert [c.url for c in citations] == ["https://transit.example.gov/board/2025-03-11"]


def test_a_url_ending_a_line_does_not_run_on_across_a_drawn_rule(tmp_path: Path):
    """A wire roundup's items end with a link and a rule; the next item's slug line
    ('KENYA-HEALTH/') is not more of the URL."""
    text = ("Grid restored in Kharkiv, officials said.\n"
            "Link: https://wire.example.com/world/ukraine-energy-2025-03-03/\n\n"
            + "-" * 70 + "\n\nKENYA-HEALTH/\nKenyan nurses call off strike\n")
    _, citations = load(tmp_path, text)
    assert [c.url for c in citations] == ["https://wire.example.com/world/ukraine-energy-2025-03-03/"]


@pytest.mark.parametrize(("line", "when"), [
    ("1 https://example.com/a (accessed 12 March 2019)", date(2019, 3, 12)),
    ("1 https://example.com/a. Retrieved on March 12, 2019.", date(2019, 3, 12)),
    ("1 Retrieved March 12, 2019, from https://example.com/a", date(2019, 3, 12)),
    ("1 https://example.com/a, last visited: 2019-03-12", date(2019, 3, 12)),
    ("1 https://example.com/a (published 12 March 2019)", None),  # not when it was read
    ("1 https://example.com/a (accessed March 2019)", None),  # no day: no date to pick by
])
def test_a_url_reference_s_access_date_is_its_cited_date(tmp_path: Path, line: str,
                                                         when: date | None) -> None:
    _doc, citations = load(tmp_path, f"Ferry news\n\nHe said “words here.”1\n\n{line}\n")
    [cited] = [c for c in citations if c.url]
    assert cited.cited_date == when


def test_an_access_date_belongs_to_the_reference_beside_it_not_to_one_far_along_its_line():
    """Notes run together on one line (a PDF's) each keep their own access date: only the
    text within ACCESS_DATE_REACH of a URL is read for it."""
    filler = "Ministry of Transport, annual report on ferry services and harbour works. " * 4
    line = (f"https://example.com/a (accessed 12 March 2019). {filler}"
            f"https://example.com/b (a later edition). {filler}")
    a_start = line.index("https://example.com/a")
    b_start = line.index("https://example.com/b")
    assert access_date(line, a_start, a_start + 21) == date(2019, 3, 12)
    assert b_start - a_start > ACCESS_DATE_REACH
    assert access_date(line, b_start, b_start + 21) is None


def test_pdf_note_whose_url_comes_on_a_continuation_line_is_a_footnote(tmp_path: Path):
    # The glued '2021.1' after a year is not read as a marker (it could be a decimal), so
    # only the note's own URL, two lines down, says that '1 Agency, ...' is a note body.
    text = ("The share rose from 41 to 46 per cent between 2019 and 2021.1 In the\n"
            "north it fell.\n\n"
            "1 Joint Monitoring Programme, Progress on drinking\n"
            "water, 2021 update, https://www.unicef.example.org/reports/2021/water-\n"
            "access.pdf\n")
    _doc, citations = load(tmp_path, text)
    assert [(c.kind, c.marker, c.url) for c in citations] == [
        ("footnote", "1", "https://www.unicef.example.org/reports/2021/water-access.pdf")]


def test_a_wikipedia_note_s_backlinks_are_dropped_and_its_outlet_follows_the_title(
        tmp_path: Path):
    html = ("<article><p>The council approved it.<sup id='cite_ref-bz_3-0' class='reference'>"
            "<a href='#cite_note-bz-3'>[3]</a></sup></p><ol class='references'>"
            "<li id='cite_note-bz-3'><span class='mw-cite-backlink'>^ <a href='#cite_ref-bz_3-0'>"
            "<sup><b>a</b></sup></a> <a href='#cite_ref-bz_3-1'><sup><b>b</b></sup></a></span> "
            "<span class='reference-text'>Hartl, Monika (13 June 2014). \"Stadtrat billigt "
            "Stadtbahn\". <i>Mainfränkische Rundschau</i>. p. 3.</span></li></ol></article>")
    doc, citations = load(tmp_path, html, ".html")
    assert "^" not in doc.footnotes[0].text
    assert [(c.kind, c.marker, c.outlet, c.cited_date) for c in citations] == [
        ("named_source", "3", "Mainfränkische Rundschau", date(2014, 6, 13))]


def test_a_newsletter_s_comment_and_declared_author_links_are_not_citations(tmp_path: Path):
    html = ("<html><head><meta name='author' content='Hannah Okereke'><script type="
            "'application/ld+json'>{\"author\": [{\"name\": \"Hannah Okereke\", \"url\": "
            "\"https://substack.example.com/@ho\"}]}</script></head><body><article>"
            "<div class='post-meta'><a href='https://substack.example.com/@ho'>Hannah Okereke"
            "</a></div><a class='post-ufi-button' href='https://gl.example.com/p/slug/comments'>"
            "14</a><p>The office <a href='https://office.example/statement'>said so</a>.</p>"
            "</article></body></html>")
    _, citations = load(tmp_path, html, ".html")
    assert [c.url for c in citations] == ["https://office.example/statement"]


def test_a_source_caption_names_the_outlet_before_its_description(tmp_path: Path):
    text = ("Figures rose.\n\n*Source: Waterschap Merwedeland, progress report to the general "
            "assembly, May 2025.*\n\nMore.\n\nSource: Reuters, 3 June 2023\n")
    _, citations = load(tmp_path, text, ".md")
    assert [(c.outlet, c.cited_date) for c in citations] == [
        ("Waterschap Merwedeland", None), ("Reuters", date(2023, 6, 3))]


@pytest.mark.parametrize("prose, url", [
    ("(https://stat.example.ee/survey-2012-2023).[^1] Control", "https://stat.example.ee/survey-2012-2023"),
    ("(https://stat.example.ee/survey).[1] Control", "https://stat.example.ee/survey"),
    ("see https://example.com/search?f[0]=type then", "https://example.com/search?f[0]=type"),
])
def test_a_note_marker_glued_after_a_url_is_not_part_of_it(prose: str, url: str):
    assert find_urls(prose)[0][2] == url


def test_roman_numeral_marker_after_an_according_to_source_ends_its_name(tmp_path: Path):
    text = ("Endnotes are used.\n\nThe plan was 18 per cent funded, according to the UN "
            "Financial Tracking Service.vi The cluster got less.\n\n\fEndnotes\n\n"
            "vi OCHA, plan summary, 31 May 2024. https://fts.example.org/plans/1187\n")
    _doc, citations = load(tmp_path, text)
    assert [c.outlet for c in citations if c.kind == "named_source"] == [
        "UN Financial Tracking Service"]


def test_an_organisations_own_register_is_a_named_source(tmp_path: Path):
    text = ("The fifty largest companies paid 88.9 billion crowns, according to the Tax "
            "Administration’s company register. Netanyahu’s office disagreed, according to "
            "Netanyahu’s office.")
    _doc, citations = load(tmp_path, text)
    assert [c.outlet for c in citations if c.kind == "named_source"] == ["Tax Administration"]


@pytest.mark.parametrize("note", [
    "2 Norwegian Shelter Alliance, site monitoring data, January–May 2024 (unpublished).",
    "2 Focus group discussion, Nanjua site, 10 May 2024.",
])
def test_unpublished_data_and_focus_groups_in_notes_name_no_source(tmp_path: Path, note: str):
    text = ("Families live in camps.1 Families live under tarpaulins.2\n\n\fNotes\n\n"
            "1 IOM, Mobility Tracking, Round 21. https://dtm.example.int/round-21\n"
            f"{note}\n")
    _doc, citations = load(tmp_path, text)
    assert [c for c in citations if c.kind == "named_source"] == []


@pytest.mark.parametrize("back_reference", ["Ibid., para. 43.", "Id. at 44.", "ibidem, p. 2.",
                                            "Committee, supra note 1, para. 40."])
def test_a_note_pointing_back_rests_on_the_source_of_the_note_it_names(tmp_path: Path,
                                                                        back_reference: str):
    text = ("The report called it \"a measure of last resort in every case.\"1 Later it said the\n"
            "practice was \"an exceptional measure, used only where no alternative exists.\"2\n\n"
            "1 Committee, Concluding observations, https://docs.example.org/crc/co/5.\n"
            f"2 {back_reference}\n")
    _doc, citations = load(tmp_path, text)
    notes = [(c.marker, c.url) for c in citations if c.kind == "footnote"]
    assert ("2", "https://docs.example.org/crc/co/5") in notes


def test_an_ibid_after_an_interview_note_rests_on_nothing(tmp_path: Path):
    text = ("She said it was \"far worse than anything in the official report.\"1 He added that\n"
            "it was \"the same every single night for three weeks.\"2\n\n"
            "1 Interview with R., Tallmark, 3 September 2024.\n"
            "2 Ibid.\n")
    _doc, citations = load(tmp_path, text)
    assert [c for c in citations if c.kind == "footnote"] == []


@pytest.mark.parametrize("label", ["tweet", "Post", "email", "post", "post on X"])
def test_a_link_named_for_what_it_cites_is_a_source_though_share_buttons_use_the_word(
        tmp_path: Path, label: str):
    """'In a [tweet](…)', 'according to the [Post](…)', 'in an [email](…)': the link is the
    source, as is 'in a [post on X](…)'; only 'Post on X', 'Tweet this', 'Share' and the like
    standing alone are buttons."""
    text = f"Mayor Ann Lee said in a [{label}](https://social.example.com/annlee/status/17) that it was over.\n"
    _doc, citations = load(tmp_path, text, ".md")
    assert [c.url for c in citations if c.kind == "link"] == [
        "https://social.example.com/annlee/status/17"]


@pytest.mark.parametrize("label", ["Share on WhatsApp", "Subscribe", "Share this article",
                                   "Post on X", "Tweet this", "Share",
                                   "Subscribe on Apple Podcasts", "Support the show on Patreon",
                                   "Follow us on Mastodon", "Forward to a friend",
                                   "unsubscribe from this list"])
def test_share_and_subscribe_links_in_markdown_are_no_sources(tmp_path: Path, label: str):
    text = ("The bridge opened in 2023 ([report](https://www.highways.example.gov.gh/bridge)).\n\n"
            f"[{label}](https://wa.example.me/?text=The%20story)\n")
    _doc, citations = load(tmp_path, text, ".md")
    assert [c.url for c in citations if c.kind == "link"] == [
        "https://www.highways.example.gov.gh/bridge"]


def test_a_share_button_after_a_line_ending_in_a_determiner_is_still_a_button(tmp_path: Path):
    text = ("Imogen Thackeray writes for us. More by her\n\n"
            "[Share on Facebook](https://www.facebook.example.com/sharer/sharer.php?u=x)\n")
    _doc, citations = load(tmp_path, text, ".md")
    assert [c.url for c in citations if c.kind == "link"] == []


def test_a_pdf_note_broken_after_a_colon_a_page_abbreviation_or_an_initial_goes_on(
        tmp_path: Path) -> None:
    """A reference breaks its line where a sentence could not end ('Country Profile:',
    'p.', 'P. Chhim'): the next line is the same note, with its URL."""
    text = ("Catches fell.1 Prices rose.2 Fish left.3\n\n"
            "1 Agency, Report 2023, p. 61, https://a.example.org/r.pdf; see also FAO, Profile:\n"
            "Cambodia, https://fao.example.org/khm.\n"
            "2 Hydro Company, Assessment, vol. 2 (2012), p.\n"
            "114, https://hydro.example.com/esia.pdf.\n"
            "3 Interview; see also L. Brandt and P.\n"
            "Chhim, “Fish passage”, 2024, https://doi.example.org/10.5555/x.\n")
    _doc, citations = load(tmp_path, text)
    assert [(c.kind, c.marker, c.url) for c in citations] == [
        ("footnote", "1", "https://a.example.org/r.pdf"),
        ("footnote", "1", "https://fao.example.org/khm"),
        ("footnote", "2", "https://hydro.example.com/esia.pdf"),
        ("footnote", "3", "https://doi.example.org/10.5555/x")]


def test_a_meeting_the_authors_attended_is_no_named_source(tmp_path: Path) -> None:
    text = ("“They moved our houses,” a village chief said.1\n\n"
            "1 Community meeting, Siem Pang district, 12 November 2024, notes of the authors.\n")
    _doc, citations = load(tmp_path, text)
    assert [c for c in citations if c.kind == "named_source"] == []


def test_a_url_ending_in_a_slash_does_not_take_the_next_line_s_first_word(tmp_path: Path) -> None:
    text = ("Written evidence (SRQ0041): https://committees.example.uk/writtenevidence/130412/pdf/\n"
            "Written evidence (SRQ0057): https://committees.example.uk/writtenevidence/130588/pdf/\n")
    _doc, citations = load(tmp_path, text)
    assert [c.url for c in citations] == [
        "https://committees.example.uk/writtenevidence/130412/pdf/",
        "https://committees.example.uk/writtenevidence/130588/pdf/"]


def test_sign_up_and_related_story_links_are_not_citations(tmp_path: Path) -> None:
    markdown = ("If someone forwarded you this, you can [sign up here](https://letter.example.net/"
                "subscribe).\n\nThe [report](https://council.example.gov/report.pdf) is out.\n\n"
                "Related: [Farmers stage first protest](https://site.example.org/2017/12/14/x/)\n")
    _doc, citations = load(tmp_path, markdown, ".md")
    assert [c.url for c in citations] == ["https://council.example.gov/report.pdf"]
    html = ("<article><p>See the <a href='https://doe.example.ir/plan.pdf'>plan</a>.</p><p><strong>"
            "Read more:</strong> <a href='https://site.example.org/older/'>Older story</a></p>"
            "</article>")
    _doc, citations = load(tmp_path, html, ".html")
    assert [c.url for c in citations] == ["https://doe.example.ir/plan.pdf"]


def test_a_menu_of_links_side_by_side_is_no_citation(tmp_path: Path) -> None:
    """Three or more short links with nothing but spaces or separators between them are a
    site's menu or footer; links a sentence strings together with words are its sources, and
    a 'Related:' label after a sentence (lines run together) still labels its link."""
    markdown = ("[Home](https://news.example.com/) | [World](https://news.example.com/world) | "
                "[Politics](https://news.example.com/politics)\n\n"
                "It was reported by [Reuters](https://reuters.example.com/a), "
                "[AP](https://ap.example.org/b) and [AFP](https://afp.example.com/c). "
                "Related: [Older story](https://news.example.com/2023/old)\n\n"
                "[Privacy](https://news.example.com/privacy) [Terms](https://news.example.com/terms)"
                " [Contact us](https://news.example.com/contact)\n")
    _doc, citations = load(tmp_path, markdown, ".md")
    assert [c.url for c in citations] == [
        "https://reuters.example.com/a", "https://ap.example.org/b", "https://afp.example.com/c"]


@pytest.mark.parametrize("text", [
    "*The Halden Echo* [reported](https://www.haldenecho.example.co.uk/news/fines-4471902) "
    "that the cameras issued 11,400 fines.",
    "Nordtherm [cut its outlook](https://www.reuters.example.com/business/nordtherm/) last "
    "week, according to Reuters.",
])
def test_an_outlet_named_beside_a_link_to_its_own_site_is_cited_by_that_link(
        tmp_path: Path, text: str) -> None:
    _doc, citations = load(tmp_path, text + "\n", ".md")
    assert [c.kind for c in citations] == ["link"]


def test_an_outlet_named_and_cited_again_with_a_date_in_one_sentence_is_one_source(
        tmp_path: Path) -> None:
    text = ("Iran Press Monitor, January 4, 2018\n\nThe minister would not stop the transfer "
            "“under pressure from the street,” according to the Tasnim news agency (Tasnim, "
            "December 28). According to Tasnim, a committee will meet.\n")
    _doc, citations = load(tmp_path, text)
    assert [(c.outlet, c.cited_date) for c in citations if c.kind == "named_source"] == [
        ("Tasnim", date(2017, 12, 28)), ("Tasnim", None)]


def test_a_reference_entry_with_its_url_on_a_line_of_its_own_keeps_it(tmp_path: Path):
    """A memo's reference list puts the address on an indented line after the entry's full
    stop: it belongs to that entry, not to the text around the list."""
    text = ("Nine units have closed since 2019 [1]. Staffing is the main reason [2].\n\n"
            "REFERENCES\n\n"
            "[1] Department of Health, Maternity Services Annual Report 2023, November 2023.\n"
            "    https://health.example.gov/reports/maternity-2023.pdf\n"
            "[2] Rural Health Research Center, brief, 2022.\n"
            "    https://rhrc.example.edu/briefs/closures\n")
    _doc, citations = load(tmp_path, text)
    notes = [(c.marker, c.url) for c in citations if c.kind == "footnote"]
    assert notes == [("1", "https://health.example.gov/reports/maternity-2023.pdf"),
                     ("2", "https://rhrc.example.edu/briefs/closures")]
    assert [c for c in citations if c.kind == "named_source"] == []


@pytest.mark.parametrize("back_reference", [
    "State Hospital Association, written testimony (see [1]).",
    "Hospital Association testimony, see note 1.",
    'Kovalenko, "Odesa Ports Handle Record Volumes," 3.',
    "Ministry of Infrastructure, Monthly Port Throughput Bulletin, 6.",
])
def test_a_see_reference_or_a_shortened_note_rests_on_the_full_note(tmp_path: Path,
                                                                    back_reference: str):
    """Chicago's shortened note repeats the author's surname (or an organisation's opening
    words) and a short title of a note given in full before; 'see [1]' names the note."""
    full = ('Olena Kovalenko, "Odesa Ports Handle Record Volumes," Kyiv Ledger, August 14, 2024,'
            " https://kyivledger.example.com/odesa.") if "Kovalenko" in back_reference or \
        "see" in back_reference else (
            "Ministry of Infrastructure of Ukraine, Monthly Port Throughput Bulletin, July 2024,"
            " https://mininfra.example.gov.ua/bulletin.pdf.")
    text = ("Ports handled record volumes.1 The broker was blunt.2 Exports rose again.3\n\n"
            f"1 {full}\n2 Interview with a broker, Istanbul, June 3, 2024.\n3 {back_reference}\n")
    _doc, citations = load(tmp_path, text)
    notes = dict((c.marker, c.url) for c in citations if c.kind == "footnote")
    assert notes.get("3") == notes["1"]


@pytest.mark.parametrize("note", ['Petrenko, "Odesa Ports Handle Record Volumes," 3.',
                                  'Kovalenko, "Grain Prices Fall Again," 3.',
                                  "Lloyd's List, March 9, 2024."])
def test_a_short_note_naming_another_author_or_title_rests_on_nothing(tmp_path: Path,
                                                                       note: str):
    text = ("Ports handled record volumes.1 Exports rose again.2\n\n"
            '1 Olena Kovalenko, "Odesa Ports Handle Record Volumes," Kyiv Ledger, 2024,'
            " https://kyivledger.example.com/odesa.\n"
            f"2 {note}\n")
    _doc, citations = load(tmp_path, text)
    assert [c.marker for c in citations if c.kind == "footnote"] == ["1"]


def test_a_markdown_reference_link_to_an_email_address_is_no_source(tmp_path: Path):
    text = ("The herd tested positive ([tally][t]). Spotted an error? [Tell us][fix].\n\n"
            "[t]: https://www.aphis.example.gov/h5n1-detections\n"
            "[fix]: mailto:corrections@desk.example.org\n")
    _doc, citations = load(tmp_path, text, ".md")
    assert [c.url for c in citations if c.kind == "link"] == [
        "https://www.aphis.example.gov/h5n1-detections"]


@pytest.mark.parametrize("text, outlet", [
    ("The ministry said it struck depots, according to the Interfax news agency.", "Interfax"),
    ("Turnout was low, according to the Kommersant newspaper.", "Kommersant"),
    ("Two states stayed away, according to the Polish news agency PAP.", "PAP"),
    ("The talks stalled, according to the Russian state news agency TASS.", "TASS"),
])
def test_a_name_an_outlet_noun_follows_is_a_named_source(tmp_path: Path, text: str, outlet: str):
    _doc, citations = load(tmp_path, text + "\n")
    assert [c.outlet for c in citations if c.kind == "named_source"] == [outlet]


# -- click-tracking wrappers and tracking arguments ------------------------------------------
def test_a_google_docs_export_cites_the_pages_its_wrapped_links_lead_to(tmp_path: Path):
    # Google Docs writes every link as google.com/url?q=<page>&sa=D…; fetching the wrapper
    # would check Google, not the source
    wrapped = ("https://www.google.com/url?q=https%3A%2F%2Fnews.example.org%2Fa%3Fid%3D7"
               "&amp;sa=D&amp;source=editors&amp;ust=1741950000000000&amp;usg=AOvVaw3x")
    markup = (f"<html><body><p>The minister said so.<sup><a href='#ftnt1' id='ftnt_ref1'>[1]"
              f"</a></sup></p><div><p><a href='#ftnt_ref1' id='ftnt1'>[1]</a> Reuters, <a "
              f"href='{wrapped}'>story</a>; <a href='https://l.facebook.com/l.php?u=https%3A%2F"
              f"%2Fb.example.org%2Fx&amp;h=AT0'>post</a>; <a href='https://www.google.com/"
              f"search?q=x'>search</a></p></div></body></html>")
    _doc, citations = load(tmp_path, markup, ".html")
    assert [c.url for c in citations if c.url] == [
        "https://news.example.org/a?id=7", "https://b.example.org/x",
        "https://www.google.com/search?q=x"]


def test_a_save_page_now_address_cites_the_page_it_saves(tmp_path: Path):
    # opening web.archive.org/save/<page> would save the page again, off the Archive's pace
    text = ("Field said it was “on schedule.” 1\n\n1 https://web.archive.org/save/"
            "https://news.example.org/a?id=7 and https://web.archive.org/save/status/spn2-0a1b\n")
    _doc, citations = load(tmp_path, text)
    assert [c.url for c in citations if c.url] == [
        "https://news.example.org/a?id=7", "https://web.archive.org/save/status/spn2-0a1b"]


@pytest.mark.parametrize("url, normal", [
    ("http://example.com/a?utm_source=nl&utm_medium=email", "http://example.com/a"),
    ("http://example.com/a?id=3&utm_campaign=x&fbclid=Iw1", "http://example.com/a?id=3"),
    ("http://example.com/a?UTM_Source=x&gclid=1&page=2", "http://example.com/a?page=2"),
    ("http://example.com/a?utmost=1", "http://example.com/a?utmost=1"),
    ("https://web.archive.org/web/2020/http://example.com/a?utm_source=x",
     "https://web.archive.org/web/2020/http://example.com/a?utm_source=x"),
])
def test_tracking_arguments_are_no_part_of_the_resource(url: str, normal: str):
    # a URL cited with and without utm_ arguments is one page, fetched once; an archived
    # address keeps its original's query, which picks the capture
    assert normalize_url(url) == normal
