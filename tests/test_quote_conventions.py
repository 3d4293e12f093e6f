"""Quoting conventions and page shapes the eleventh held-out set (tests/eval/holdout11_cases.toml)
brought: one focused test for each general rule it led to."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from verifier.match.editorial import parse_quote
from verifier.match.interruptions import interruption_spans
from verifier.match.normalize import joinable, tokenize
from verifier.matching import judge, match_quote
from verifier.models import Fetch, PageText
from verifier.pagetext import page_text
from verifier.status import LinkStatus, QuoteStatus

VERIFIED, PARTIAL = QuoteStatus.VERIFIED, QuoteStatus.PARTIAL
NOW = datetime(2024, 6, 1, tzinfo=UTC)


def status(quote: str, text: str, language: str = "en") -> QuoteStatus:
    return match_quote(quote, PageText(text=text, language=language)).status


JAPANESE = ("市長は「待機児童の問題は市政の最重要課題の一つだ。来年４月までに保育所を１２か所増やし、"
            "定員を８５０人拡大する」と述べた。")


def test_japanese_and_korean_omission_words_in_brackets_are_ellipses() -> None:
    for mark in ("（中略）", "（略）", "(中略)", "［中略］", "【中略】", "（……）"):
        pattern = parse_quote(f"待機児童の問題は市政の最重要課題の一つだ。{mark}定員を８５０人拡大する")
        assert [gap.kind for gap in pattern.gaps] == ["ellipsis"], mark
        assert "略" not in pattern.words
        assert status(f"待機児童の問題は市政の最重要課題の一つだ。{mark}定員を８５０人拡大する",
                      JAPANESE, "ja") is VERIFIED
    # the words around the mark are still the speaker's: a changed figure is not verified
    assert status("待機児童の問題は市政の最重要課題の一つだ。（中略）定員を９５０人拡大する",
                  JAPANESE, "ja") is PARTIAL
    korean = "시장은 \"보육 문제는 시정의 최우선 과제 중 하나다. 내년 4월까지 보육소를 12곳 늘리겠다\"고 말했다."
    assert status("보육 문제는 시정의 최우선 과제 중 하나다. (중략) 보육소를 12곳 늘리겠다", korean,
                  "ko") is VERIFIED


def test_a_half_width_kana_and_its_sound_mark_are_one_kana() -> None:
    # older Japanese pages write バ as ﾊ and the half-width voiced mark ﾞ
    assert tokenize("ｺﾐｭﾆﾃｨﾊﾞｽ").words == tokenize("コミュニティバス").words
    assert tokenize("ﾊﾟﾝ").words == tokenize("パン").words
    tokens = tokenize("市のｺﾐｭﾆﾃｨﾊﾞｽ")
    assert (tokens.starts[-2], tokens.ends[-2]) == (8, 10)  # the kana and its mark
    page = "市は来年度から、ｺﾐｭﾆﾃｨﾊﾞｽの運行を平日だけでなく土日にも広げる方針だ。"
    assert status("コミュニティバスの運行を平日だけでなく土日にも広げる", page, "ja") is VERIFIED
    assert status("コミュニティハスの運行を平日だけでなく土日にも広げる", page, "ja") is PARTIAL


def test_a_pages_own_sic_is_the_writers_note_not_a_word_of_the_quotation() -> None:
    text = ("The reply says the association had “failed in it’s (sic) duty of care to the "
            "tenants” and that “there [sic!] was no survey of the block”.")
    assert [text[a:b] for a, b in interruption_spans(text) if "sic" in text[a:b]] == \
        ["(sic)", "[sic!]"]
    assert status("failed in it’s duty of care to the tenants", text) is VERIFIED
    assert status("failed in it’s [sic] duty of care to the tenants", text) is VERIFIED
    assert status("failed in its duty of care to the tenants", text) is PARTIAL
    assert status("there was no survey of the block", text) is VERIFIED
    # "sic" as a word of the sentence is not a note
    assert not interruption_spans("The motto is sic semper tyrannis, he said.")


def test_a_number_and_its_unit_may_be_set_apart_or_together() -> None:
    assert joinable("20", " ", "mph") and joinable("38", "°", "C") and joinable("12", "\u202f", "km")
    assert not joinable("20", " ", "schools")  # a unit is a short word
    assert not joinable("the", " ", "rapist") and not joinable("20", ", ", "mph")
    page = "The package pays for 20mph zones outside 400 schools when it reached 38°C today."
    assert status("The package pays for 20 mph zones outside 400 schools", page) is VERIFIED
    assert status("The package pays for 30 mph zones outside 400 schools", page) is PARTIAL
    assert status("outside 400 schools when it reached 38C today", page) is VERIFIED
    spaced = "The package pays for 20 mph zones outside 400 schools."
    assert status("The package pays for 20mph zones outside 400 schools", spaced) is VERIFIED


def test_a_quote_stopping_on_an_auxiliary_before_the_sources_not_is_partial() -> None:
    page = ("The mistake we made was to assume the grant would arrive on time. It did not, and "
            "it has still not arrived. There will be no cuts to frontline services this year.")
    assert status("to assume the grant would arrive on time. It did", page) is PARTIAL
    assert status("to assume the grant would arrive on time. It did …", page) is PARTIAL
    assert status("the grant would arrive on time. It did not", page) is VERIFIED
    # a quote stopping on any other word is a partial quotation, word for word
    assert status("The mistake we made was to assume the grant would arrive", page) is VERIFIED
    assert status("it has still not arrived. There will be", page) is PARTIAL
    assert status("The mistake we made was to assume the grant", page) is VERIFIED


FRENCH = """<html lang="fr"><body><article>
<p>«\u202fNous ne construisons plus assez depuis vingt ans. Le logement est la grande question
sociale du siècle, et nous y répondrons\u202f», a déclaré le ministre lors d’une conférence de
presse à Lyon, où il a présenté un plan de construction de logements sociaux.</p>
<p>«\u202fLa France ne renoncera pas à l’objectif de zéro artificialisation nette, mais elle ne
peut pas attendre 2050 pour loger ses enfants\u202f», a conclu le ministre devant les élus de la
région, qui réclament depuis des années des moyens supplémentaires pour les communes.</p>
<aside lang="en"><p>He said France would keep its goal of zero net land take but could not wait
until 2050 to house its children.</p></aside>
</article></body></html>"""


def test_a_translation_is_cross_language_though_the_page_summarises_it_in_its_language() -> None:
    body = FRENCH.encode()
    copy = Fetch(url="https://gouv.example/logement", link_status=LinkStatus.OK, reason="",
                 fetched_at=NOW, http_status=200, content_type="text/html",
                 sha256=hashlib.sha256(body).hexdigest(), size=len(body),
                 page=page_text(body, "text/html"))

    def verdict(quote: str) -> QuoteStatus:
        return judge(quote, copy, list, now=NOW).status

    assert verdict("France will not give up the goal of zero net land take, but it cannot "
                   "wait until 2050 to house its children.") is QuoteStatus.CROSS_LANGUAGE
    # the summary's own words are on the page
    assert verdict("France would keep its goal of zero net land take but could not wait until "
                   "2050 to house its children") is VERIFIED
    # a French quote changed is a French misquote, not a translation
    assert verdict("La France renoncera à l’objectif de zéro artificialisation nette, mais "
                   "elle ne peut pas attendre 2050") is PARTIAL
