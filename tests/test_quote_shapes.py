"""Quote and page shapes the ninth held-out set (tests/eval/holdout9_cases.toml) brought: one
focused test for each general rule it led to."""

from __future__ import annotations

import pytest

from verifier.match.editorial import parse_quote
from verifier.match.interruptions import interruption_spans
from verifier.match.normalize import normalize_text, tokenize
from verifier.matching import holds_word_for_word, match_quote
from verifier.models import PageText
from verifier.pagetext import page_text
from verifier.status import QuoteStatus
from verifier.text.pdfclean import clean_lines, page_lines

VERIFIED, PARTIAL, NOT_FOUND = QuoteStatus.VERIFIED, QuoteStatus.PARTIAL, QuoteStatus.NOT_FOUND


def spans(text: str) -> list[str]:
    return [text[a:b] for a, b in interruption_spans(text)]


def test_a_typographic_apostrophe_groups_digits_as_the_swiss_write_them() -> None:
    page = PageText(text="Die Schweiz muss rund 1’250’000 Megawattstunden importieren.",
                    language="de")
    assert tokenize("1’250’000 und 1'250'000").words == ["1250000", "und", "1250000"]
    assert match_quote("rund 1'250'000 Megawattstunden importieren", page).status is VERIFIED
    assert match_quote("Schweiz muss rund 1'350'000 Megawattstunden importieren", page).status is PARTIAL
    assert tokenize("the ’90s and 1990’s").words == ["the", "90s", "and", "1990", "s"]


def test_greek_accents_fold_so_capitals_match_lower_case() -> None:
    # Greek capitals are written without the tonos: a heading in capitals and its quotation
    # in lower case are the same words, and so is a quotation typed without accents
    page = PageText(text="ΔΗΛΩΣΕΙΣ ΤΟΥ ΥΠΟΥΡΓΟΥ ΓΙΑ ΤΗΝ ΑΝΤΙΠΥΡΙΚΗ ΠΕΡΙΟΔΟ\n"
                         "Δεν θα επιτρέψουμε να επαναληφθούν οι εικόνες του 2023.",
                    language="el")
    assert match_quote("Δηλώσεις του Υπουργού για την αντιπυρική περίοδο", page).status \
        is VERIFIED
    assert match_quote("Δεν θα επιτρεψουμε να επαναληφθουν οι εικονες", page).status is VERIFIED
    assert match_quote("θα επιτρέψουμε να επαναληφθούν οι εικόνες του 2023", page).status \
        is VERIFIED
    assert match_quote("Δεν θα επιτρέψουμε να επαναληφθούν οι εικόνες του 2021", page).status \
        is PARTIAL
    assert normalize_text("ξαναέρθει") == normalize_text("ΞΑΝΑΕΡΘΕΙ")


def test_a_wikipedia_page_reference_after_a_citation_is_looked_past() -> None:
    text = ('It killed 212 people.[1]: 14 It remains the deadliest. It was "set aside"[2]: '
            "240–241 and [3]: pp. 7–9 ignored; [4]: 1,500 people")
    assert spans(text) == ["[1]: 14", "[2]: 240–241", "[3]: pp. 7–9", "[4]"]
    page = PageText(text=text, language="en")
    assert match_quote("It killed 212 people. It remains the deadliest.", page).status \
        is VERIFIED


def test_a_threads_post_counters_are_looked_past() -> None:
    text = ("A thread on the figures. 🧵 1/3\nTwo doses are 97% effective, and that figure "
            "has not 2/3\nchanged in fifty years of use. (3/3)")
    assert spans(text) == ["1/3", "2/3", "(3/3)"]
    page = PageText(text=text, language="en")
    assert match_quote("that figure has not changed in fifty years of use", page).status \
        is VERIFIED
    # one line ending in a fraction is no thread, nor a counter beyond the thread's length
    assert spans("The vote went 5/4\nin favour.") == []
    assert spans("Scores: 5/4\nand then 7/3\nagain.") == []


def test_a_quoters_audience_note_in_parentheses_is_not_a_word() -> None:
    page = PageText(text="If it does not rain by October, that will change. I know nobody "
                         "wants to hear that from me.", language="en")
    quote = "that will change. (Laughter) I know nobody wants to hear that"
    assert match_quote(quote, page).status is VERIFIED
    assert parse_quote("a (Laughter and applause.) b (and) c").words == ["a", "b", "and", "c"]


@pytest.mark.parametrize(("quote", "status"), [
    ("Some people have asked whether the vaccine is failing. It is.", PARTIAL),
    # stopping on the auxiliary the source negates, full stop or not (the eleventh set)
    ("Some people have asked whether the vaccine is failing. It is", PARTIAL),
    ("Some people have asked whether the vaccine", VERIFIED),  # a partial quotation
    ("We did this.", VERIFIED),  # "not only" negates nothing kept
])
def test_a_quote_closing_its_sentence_before_the_sources_negation_is_partial(
        quote: str, status: QuoteStatus) -> None:
    page = PageText(text="Some people have asked whether the vaccine is failing. It is not. "
                         "We did this not only for them.", language="en")
    match = match_quote(quote, page)
    assert match.status is status
    assert holds_word_for_word(quote, page) is (status is VERIFIED)
    if status is PARTIAL:
        assert any(d.op == "added" and "not" in d.text for d in match.diff)


REV_TRANSCRIPT = """Dana Whitfield (00:00:15):
The trucks have been running past my house until

Chair Delgado (00:00:27):
Could you move a little closer to the microphone?

Dana Whitfield (00:00:29):
{sequel}three in the morning, every night.

Director Osei (00:00:52):
We're installing air monitors at [inaudible 00:01:14] Harbor Street and Pike.
"""


def test_a_transcripts_labels_on_lines_of_their_own_frame_an_interjection() -> None:
    page = PageText(text=REV_TRANSCRIPT.format(sequel=""), language="en", kind="text")
    quote = "The trucks have been running past my house until three in the morning, every night."
    assert match_quote(quote, page).status is VERIFIED
    # a sequel the transcriber capitalised, after a word of the speaker's own: close
    page = PageText(text=REV_TRANSCRIPT.format(sequel="Sorry. Until "), language="en",
                    kind="text")
    assert match_quote(quote, page).status is PARTIAL
    assert match_quote("We're installing air monitors at Harbor Street and Pike.",
                       page).status is VERIFIED


@pytest.mark.parametrize(("quote", "status"), [
    ("Chung toi se khong de nguoi dan nao phai mua nuoc ngot voi gia cao", PARTIAL),
    ("Chúng tôi sẽ không để người dân nào phải mua nước ngọt với giá cao", VERIFIED),
    ("Chung toi se de nguoi dan nao phai mua nuoc ngot voi gia thap", NOT_FOUND),
])
def test_a_quote_without_the_marks_on_its_letters_is_partial(quote: str,
                                                             status: QuoteStatus) -> None:
    page = PageText(text="“Chúng tôi sẽ không để người dân nào phải mua nước ngọt với giá "
                         "cao,” ông nhấn mạnh.", language="vi")
    assert match_quote(quote, page).status is status


PDF2HTMLEX_PAGE = """<div id="pf{n}" class="pf w0 h0" data-page-no="{n}"><div class="pc">
<div class="t m0 x0 y0">{head}</div>
<div class="t m0 x0 y1">{first}</div>
<div class="t m0 x0 y2">{second}</div>
<div class="t m0 x2 y8">Annual Report 2023<span class="_ _1"> </span>|<span class="_ _1"> </span>{n}</div>
</div></div>"""


def test_a_pdf_converted_to_html_page_by_page_is_read_as_the_pdf() -> None:
    pages = [PDF2HTMLEX_PAGE.format(n=1, head="Water Regulator Annual Report", first="Leakage "
                                    "fell by 4 per cent.", second="From April the cost of leak-"),
             PDF2HTMLEX_PAGE.format(n=2, head="Water Regulator", first="age comes out of the "
                                    "bills.", second="Customers will save £18.")]
    body = ('<html><head><meta name="generator" content="pdf2htmlEX"/></head><body>'
            f'<div id="page-container">{"".join(pages)}</div></body></html>').encode()
    page = page_text(body, "text/html")
    assert page is not None
    assert "From April the cost of leakage comes out of the bills." in page.text
    assert "| 1" not in page.text and "| 2" not in page.text
    assert match_quote("the cost of leakage comes out of the bills", page).status is VERIFIED


def test_a_running_head_inside_a_sentence_at_a_page_top_is_furniture() -> None:
    cleaned = clean_lines(page_lines(["Title Page\nThe minister said the plan would",
                                      "Water Regulator\ncost far more than planned.",
                                      "Next Section\nIt did."])).text
    assert "the plan would cost far more than planned." in cleaned
    assert "Next Section" in cleaned  # a page's first line after a closed sentence stays
