"""Records of what was said (transcripts, parliaments' verbatim records, court opinions,
dialogue) and figures as the twelfth held-out set (tests/eval/holdout12_cases.toml) brought
them: one focused test for each general rule it led to."""

from __future__ import annotations

import pytest

from verifier.match.editorial import parse_quote
from verifier.match.interruptions import interruption_spans
from verifier.match.legalcites import citation_sentences
from verifier.match.normalize import tokenize
from verifier.matching import match_quote
from verifier.models import PageText
from verifier.status import QuoteStatus

VERIFIED, PARTIAL, NOT_FOUND = QuoteStatus.VERIFIED, QuoteStatus.PARTIAL, QuoteStatus.NOT_FOUND


def status(quote: str, text: str, language: str = "en") -> QuoteStatus:
    return match_quote(quote, PageText(text=text, language=language)).status


def spans(text: str) -> list[str]:
    return [text[a:b] for a, b in interruption_spans(text)]


OTTER = """Gareth Lloyd 00:01:04
In practice the councils are broke and the water companies are —
Hannah Ruiz 00:01:14
Also broke.
Gareth Lloyd 00:01:15
{sequel} in their own difficulties, let's put it that way.
"""


@pytest.mark.parametrize(("sequel", "expected"), [
    ("— are", VERIFIED),  # the broken-off word said again after the cut-in: a restart
    ("are", VERIFIED),
    ("— and they are", PARTIAL),  # words of the speaker's own before the sequel
])
def test_a_label_with_its_time_and_no_colon_frames_an_interjection(sequel: str,
                                                                   expected: QuoteStatus) -> None:
    # Otter, Descript and Trint write "Name 00:01:04" alone on its line, without a colon
    quote = "the water companies are in their own difficulties, let's put it that way"
    assert status(quote, OTTER.format(sequel=sequel)) is expected
    # the host's cut-in given to the guest is not what the transcript says
    assert status("the councils are broke and the water companies are also broke",
                  OTTER.format(sequel="— are")) is not VERIFIED


def test_a_transcribers_phonetic_spelling_note_is_not_a_word() -> None:
    text = "We had a scheme in Tewkesbury (ph) that was delayed, and one in Upton [PH] too."
    assert spans(text) == ["(ph)", "[PH]"]
    assert status("We had a scheme in Tewkesbury that was delayed", text) is VERIFIED
    assert spans("Graph (phase two) and the (sp?) note") == ["(sp?)"]


SEJM = ("Od 1 kwietnia wraca stawka 5%. (Poruszenie na sali)\nProszę państwa, zerowa stawka "
        "kosztowała budżet 11 mld zł rocznie. (Głos z sali: A obietnice?) Obietnice realizujemy, "
        "ale odpowiedzialnie. (Oklaski)")


def test_a_parliaments_stage_notes_are_looked_past_in_its_own_language() -> None:
    assert spans(SEJM) == ["(Poruszenie na sali)", "(Głos z sali: A obietnice?)", "(Oklaski)"]
    quote = "zerowa stawka kosztowała budżet 11 mld zł rocznie. Obietnice realizujemy"
    assert status(quote, SEJM, "pl") is VERIFIED
    assert status("Od 1 kwietnia wraca stawka 5%. Proszę państwa, zerowa stawka", SEJM,
                  "pl") is VERIFIED
    # the heckler's words put in the minister's mouth are not what she said
    assert status("kosztowała budżet 11 mld zł rocznie. A obietnice? Obietnice realizujemy",
                  SEJM, "pl") is PARTIAL
    assert spans("Wir brauchen Mut. (Beifall bei der SPD und dem BÜNDNIS 90/DIE GRÜNEN) "
                 "Und Geduld. (Zuruf von der AfD: Lüge!)") == \
        ["(Beifall bei der SPD und dem BÜNDNIS 90/DIE GRÜNEN)", "(Zuruf von der AfD: Lüge!)"]
    assert spans("Le texte (rires sur les bancs) passe. (Applaudissements sur les bancs du "
                 "groupe RE.)") == ["(rires sur les bancs)",
                                    "(Applaudissements sur les bancs du groupe RE.)"]
    # a parenthesis opening with another word is the speaker's
    assert spans("the levy (which the shop pays) rose") == []


RAYA = ("—¿Y si no sigue como ahora? —insiste la periodista.\n"
        "—Entonces revisaremos las previsiones, como hace cualquier Gobierno serio —responde "
        "Ribera—. Pero no vamos a gobernar con miedo.")


def test_a_narrators_aside_in_a_line_of_spanish_dialogue_is_looked_past() -> None:
    assert spans(RAYA) == ["—responde Ribera—"]
    quote = "como hace cualquier Gobierno serio. Pero no vamos a gobernar con miedo."
    assert status(quote, RAYA, "es") is VERIFIED
    # an English speaker's own aside between spaced dashes stays: a silent cut of it is partial
    english = "“We will — and I mean this — finish the line by 2026,” she said."
    assert spans(english) == []
    assert status("We will finish the line by 2026", english) is PARTIAL


def test_a_lawyers_notes_of_what_was_left_out_are_not_words() -> None:
    for note in ("(cleaned up)", "(citation omitted)", "(citations omitted)",
                 "(internal quotation marks omitted)", "[internal citations omitted]",
                 "(internal quotation marks and citations omitted)", "(alteration in original)",
                 "(footnote omitted)"):
        assert parse_quote(f"is not random {note}.").words == ["is", "not", "random"], note
    assert parse_quote("the citation omitted here").words == ["the", "citation", "omitted",
                                                              "here"]


OPINION = ("Detention after a court has ordered release implicates the Fourteenth Amendment. "
           "See Oviatt ex rel. Waugh v. Pearce, 954 F.2d 1470, 1474 (9th Cir. 1992). The County "
           "does not dispute this. It is the “highly predictable consequence” of the County’s "
           "choice. Bd. of Cnty. Comm’rs v. Brown, 520 U.S. 397, 409 (1997) (internal quotation "
           "marks omitted). A pattern is not always required. Id. at 409. The need was “so "
           "obvious.” Canton, 489 U.S. at 390. We so held in Lee v. City of Los Angeles, 250 "
           "F.3d 668, 681 (9th Cir. 2001).")


def test_a_courts_citation_sentences_are_looked_past() -> None:
    assert citation_sentences(OPINION) == [
        (OPINION.index("See Oviatt"), OPINION.index(" The County does")),
        (OPINION.index("Bd. of"), OPINION.index(" A pattern")),
        (OPINION.index("Canton, 489"), OPINION.index(" We so held")),
        (OPINION.index("Id. at"), OPINION.index(" The need")),
    ]  # the last sentence is the court's prose: it names a case but says something
    quote = "implicates the Fourteenth Amendment. The County does not dispute this."
    assert status(quote, OPINION) is VERIFIED
    assert status(quote + " (citation omitted)", OPINION) is VERIFIED
    assert status("A pattern is not always required. The need was so obvious.", OPINION) \
        is VERIFIED
    assert status("See Oviatt ex rel. Waugh v. Pearce, 954 F.2d 1470, 1474", OPINION) \
        is VERIFIED  # a citation quoted is still on the page
    assert status("The County does not dispute this. We so held", OPINION) is not VERIFIED
    assert citation_sentences("The vote was 12 to 4. The House rose at 10 p.m.") == []
    text = "Smith v. Jones was cited. The rule is old. See id. at 12. It holds. Id. It does."
    assert [text[a:b] for a, b in citation_sentences(text)] == ["See id. at 12.", "Id."]


@pytest.mark.parametrize(("quote", "page", "language"), [
    ("kosztowała budżet 11 miliardów złotych rocznie", "kosztowała budżet 11 mld zł rocznie",
     "pl"),
    ("plannen voor 1,2 miljard euro", "plannen voor 1,2 mld. euro", "nl"),
    ("Der Bund zahlt 1,5 Milliarden Euro", "Der Bund zahlt 1,5 Mrd. Euro", "de"),
    ("бюджет потеряет 2,4 миллиарда рублей", "бюджет потеряет 2,4 млрд рублей", "ru"),
])
def test_an_abbreviated_magnitude_is_the_word_it_stands_for(quote: str, page: str,
                                                           language: str) -> None:
    assert status(quote, page, language) is VERIFIED
    assert status(quote, page.replace("2,4", "3,4").replace("1,5", "2,5").replace("11", "12")
                  .replace("1,2", "2,2"), language) is PARTIAL


def test_a_magnitude_of_another_size_stays_another_word() -> None:
    # the German Billion is a thousand Milliarden; millions are not billions in any language
    words = tokenize("1 Billion, 2 Milliarden, 3 Millionen, 4 mln, 5 mld").words
    assert words == ["1", "billion", "2", "mrd", "3", "mio", "4", "mln", "5", "mld"]
    assert status("kosztowała budżet 11 milionów złotych rocznie",
                  "kosztowała budżet 11 mld zł rocznie", "pl") is not VERIFIED
