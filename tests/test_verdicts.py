"""Verdicts: one quote against one cited URL, its live copy and its Wayback snapshots."""

from __future__ import annotations

import hashlib
import importlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from fpdf import FPDF

from verifier.errors import ArchiveError
from verifier.matching import best_verdict, judge, unsourced_verdict
from verifier.models import Fetch, Snapshot, Verdict
from verifier.pagetext import page_text
from verifier.status import LinkStatus, QuoteStatus

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)

ORIGINAL = """<html lang="en"><body><article><h1>Minister condemns protests</h1>
<p>In a televised address, the minister described the protesters as &ldquo;foreign agents who want
to destroy the country&rdquo; and warned that security forces would &ldquo;respond with full force
to anyone who attacks public property.&rdquo;</p>
<p>Rights groups said at least 40 people had been detained.</p></article></body></html>"""

CHANGED = """<html lang="en"><body><article><h1>Minister condemns protests</h1>
<p>In a televised address, the minister described some of the protesters as &ldquo;misguided young
people&rdquo; and said security forces would act &ldquo;with restraint, but firmly.&rdquo;</p>
<p>Rights groups said at least 40 people had been detained.</p>
<p><em>Correction: an earlier version of this article misquoted the minister.</em></p>
</article></body></html>"""

QUOTE = "foreign agents who want to destroy the country"


def fetch(url: str) -> Fetch:
    """Fetch a URL for real, as the fetcher would report it (live page or raw snapshot)."""
    response = requests.get(url, timeout=10)
    ok = response.status_code == 200
    content_type = response.headers.get("Content-Type")
    return Fetch(url=url, link_status=LinkStatus.OK if ok else LinkStatus.DEAD,
                 reason=f"HTTP {response.status_code}", fetched_at=NOW,
                 http_status=response.status_code, content_type=content_type,
                 sha256=hashlib.sha256(response.content).hexdigest(), size=len(response.content),
                 page=page_text(response.content, content_type) if ok else None)


def snapshot_copy(wayback, url: str, timestamp: str) -> tuple[Snapshot, Fetch]:
    """A raw (id_) copy from the fake Wayback Machine and the Snapshot it came from."""
    raw = fetch(f"{wayback.base}/web/{timestamp}id_/{url}")
    return Snapshot(url=url, timestamp=timestamp,
                    archive_url=f"https://web.archive.org/web/{timestamp}/{url}"), raw


class Archive:
    """The `archived` callable: counts calls, so a test can see the archive was not asked."""

    def __init__(self, copies: list[tuple[Snapshot, Fetch]] | None = None,
                 error: Exception | None = None) -> None:
        self.copies = copies or []
        self.error = error
        self.calls = 0

    def __call__(self) -> list[tuple[Snapshot, Fetch]]:
        self.calls += 1
        if self.error:
            raise self.error
        return self.copies


def test_verified_on_the_live_page_without_asking_the_archive(web) -> None:
    url = web.page("/article", ORIGINAL)
    live = fetch(url)
    archive = Archive()
    verdict = judge(f"“{QUOTE}”", live, archive, now=NOW)
    assert verdict.status is QuoteStatus.VERIFIED
    assert archive.calls == 0
    assert verdict.live_had_quote is True
    assert (verdict.url, verdict.against, verdict.sha256) == (url, "live", live.sha256)
    assert verdict.checked_at == NOW and verdict.score == 1.0
    assert verdict.evidence_offset is not None and verdict.highlight is not None
    start, end = verdict.highlight
    assert verdict.evidence[start:end] == "foreign agents who want to destroy the country"
    assert live.page is not None
    assert live.page.text[verdict.evidence_offset:].startswith(verdict.evidence)
    assert "televised address" in verdict.evidence  # context around the passage
    assert verdict.note


def test_partial_keeps_score_diff_and_evidence(web) -> None:
    live = fetch(web.page("/article", ORIGINAL))
    verdict = judge("security forces would respond with full force to anyone who damages public "
                    "property", live, Archive(), now=NOW)
    assert verdict.status is QuoteStatus.PARTIAL
    assert 0.8 <= verdict.score < 1.0
    assert [(d.op, d.text) for d in verdict.diff if d.op != "equal"] == [
        ("removed", "damages"), ("added", "attacks")]
    start, end = verdict.highlight or (0, 0)
    assert verdict.evidence[start:end].startswith("security forces would")
    assert "similarity" in verdict.note


def test_scattered_words_are_not_found_and_the_archive_is_asked(web, wayback) -> None:
    url = web.page("/article", ORIGINAL)
    wayback.capture(url, "20230101000000", ORIGINAL)
    archive = Archive([snapshot_copy(wayback, url, "20230101000000")])
    quote = "the minister warned the country that rights groups want to destroy public property"
    verdict = judge(quote, fetch(url), archive, now=NOW)
    assert verdict.status is QuoteStatus.NOT_FOUND
    assert archive.calls == 1
    assert verdict.against == "live"
    assert verdict.score < 0.8


def test_three_word_quote_with_one_word_changed_is_never_verified(web) -> None:
    live = fetch(web.page("/article", ORIGINAL))
    assert judge("misguided young people", live, Archive(), now=NOW).status is \
        QuoteStatus.NOT_FOUND
    assert judge("detained at least", live, Archive(), now=NOW).status is QuoteStatus.NOT_FOUND
    assert judge("had been detained", live, Archive(), now=NOW).status is QuoteStatus.VERIFIED


PERSIAN = """<html lang="fa" dir="rtl"><head><title>دیدار با رهبر انقلاب</title></head><body>
<p>رهبر انقلاب اسلامی در دیدار خالد مشعل گفتند: «دولت جمهوری اسلامی و ملت ایران همواره مدافع و
پشتیبان ملت فلسطین خواهند بود.»</p>
<p>ایشان ایستادگی مردم غزه را «نقطه درخشان تاریخ صدساله اخیر فلسطین» خواندند.</p></body></html>"""


def test_english_translation_of_a_persian_page_is_cross_language(web) -> None:
    live = fetch(web.page("/fa", PERSIAN))
    quote = ("the government of the Islamic Republic and the people of Iran will consistently be "
             "their defenders and supporters")
    verdict = judge(quote, live, Archive(), now=NOW)
    assert verdict.status is QuoteStatus.CROSS_LANGUAGE
    assert "Persian (fa)" in verdict.note and "English (en)" in verdict.note
    persian = "دولت جمهوری اسلامی و ملت ایران همواره مدافع و پشتیبان ملت فلسطین خواهند بود"
    assert judge(persian, live, Archive(), now=NOW).status is QuoteStatus.VERIFIED


def test_translation_in_the_same_script_is_cross_language_but_invention_is_not(web) -> None:
    french = fetch(web.page("/fr", """<html lang="fr"><body><p>« Nous appelons toutes les
        parties à la retenue et au retour immédiat à la table des négociations », a déclaré le
        ministre des affaires étrangères mardi à Paris.</p></body></html>"""))
    translation = "We call on all parties to exercise restraint and return to the negotiating table"
    assert judge(translation, french, Archive(), now=NOW).status is QuoteStatus.CROSS_LANGUAGE
    english = fetch(web.page("/en", ORIGINAL))
    invented = "The minister said that the protesters would be punished with the full force of law"
    assert judge(invented, english, Archive(), now=NOW).status is QuoteStatus.NOT_FOUND


def test_changed_live_page_verified_in_the_older_snapshot(web, wayback) -> None:
    url = web.page("/article", CHANGED)
    wayback.capture(url, "20190315000000", ORIGINAL)
    wayback.capture(url, "20240101000000", CHANGED)
    closest, newer = (snapshot_copy(wayback, url, "20190315000000"),
                      snapshot_copy(wayback, url, "20240101000000"))
    verdict = judge(QUOTE, fetch(url), Archive([closest, newer]), now=NOW)
    assert verdict.status is QuoteStatus.VERIFIED_ARCHIVE
    assert verdict.live_had_quote is False
    assert verdict.snapshot == closest[0]
    assert (verdict.against, verdict.sha256) == ("snapshot", closest[1].sha256)
    assert verdict.sha256 == hashlib.sha256(ORIGINAL.encode()).hexdigest()
    assert verdict.url == url
    assert "no longer has the quote" in verdict.note and "2019-03-15" in verdict.note


def test_the_first_snapshot_with_the_quote_is_kept(web, wayback) -> None:
    url = web.page("/article", CHANGED)
    wayback.capture(url, "20200101000000", CHANGED)
    wayback.capture(url, "20190101000000", ORIGINAL)
    wayback.capture(url, "20180101000000", ORIGINAL)
    copies = [snapshot_copy(wayback, url, ts)
              for ts in ("20200101000000", "20190101000000", "20180101000000")]
    verdict = judge(QUOTE, fetch(url), Archive(copies), now=NOW)
    assert verdict.status is QuoteStatus.VERIFIED_ARCHIVE
    assert verdict.snapshot is not None and verdict.snapshot.timestamp == "20190101000000"


def test_dead_link_verified_in_a_snapshot(web, wayback) -> None:
    url = web.page("/gone", "<title>Not Found</title>", status=404)
    wayback.capture(url, "20210601000000", ORIGINAL)
    live = fetch(url)
    assert live.link_status is LinkStatus.DEAD
    verdict = judge(QUOTE, live, Archive([snapshot_copy(wayback, url, "20210601000000")]),
                    now=NOW)
    assert verdict.status is QuoteStatus.VERIFIED_ARCHIVE
    assert verdict.live_had_quote is False
    assert "dead" in verdict.note and "2021-06-01" in verdict.note


def test_not_fetched_live_page_verified_in_a_snapshot(web, wayback) -> None:
    url = web.url("/never-fetched")
    wayback.capture(url, "20210601000000", ORIGINAL)
    verdict = judge(QUOTE, None, Archive([snapshot_copy(wayback, url, "20210601000000")]), now=NOW)
    assert verdict.status is QuoteStatus.VERIFIED_ARCHIVE
    assert verdict.live_had_quote is None
    assert verdict.url == url


def test_no_readable_copy_is_source_unavailable(web, wayback) -> None:
    url = web.page("/gone", "<title>Not Found</title>", status=404)
    live = fetch(url)
    verdict = judge(QUOTE, live, Archive(), now=NOW)
    assert verdict.status is QuoteStatus.SOURCE_UNAVAILABLE
    assert "no snapshot" in verdict.note
    # the archive answering "not archived" for the raw copy is no better
    unarchived = snapshot_copy(wayback, url, "20210601000000")
    assert unarchived[1].link_status is LinkStatus.DEAD
    assert judge(QUOTE, live, Archive([unarchived]), now=NOW).status is \
        QuoteStatus.SOURCE_UNAVAILABLE


def test_archive_errors_are_recorded_not_raised(web) -> None:
    live = fetch(web.page("/gone", "gone", status=410))
    archive = Archive(error=ArchiveError("Wayback Machine answered 503"))
    verdict = judge(QUOTE, live, archive, now=NOW)
    assert verdict.status is QuoteStatus.SOURCE_UNAVAILABLE
    assert "answered 503" in verdict.note


def test_a_snapshot_partial_beats_a_live_miss(web, wayback) -> None:
    url = web.page("/article", CHANGED)
    wayback.capture(url, "20190101000000", ORIGINAL)
    copies = [snapshot_copy(wayback, url, "20190101000000")]
    verdict = judge("foreign agents who want to ruin the country", fetch(url), Archive(copies),
                    now=NOW)
    assert verdict.status is QuoteStatus.PARTIAL
    assert verdict.against == "snapshot" and verdict.diff


def test_pdf_source(web) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(90, 6, "STATEMENT. The Ministry strongly condemns the attack on the embassy "
                   "compound and calls on the host government to ensure the safety of staff.")
    live = fetch(web.page("/statement.pdf", bytes(pdf.output()), content_type="application/pdf"))
    verdict = judge("calls on the host government to ensure the safety of staff", live, Archive(),
                    now=NOW)
    assert verdict.status is QuoteStatus.VERIFIED
    assert verdict.sha256 == live.sha256


def test_page_text_is_extracted_when_the_caller_left_it_out(web) -> None:
    url = web.page("/article", ORIGINAL)
    response = requests.get(url, timeout=10)
    live = Fetch(url=url, link_status=LinkStatus.OK, reason="", fetched_at=NOW,
                 content_type=response.headers["Content-Type"], body=response.content)
    assert judge(QUOTE, live, Archive(), now=NOW).status is QuoteStatus.VERIFIED


def test_unreadable_live_content_is_not_a_verdict_on_the_quote(web) -> None:
    live = fetch(web.page("/photo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"))
    verdict = judge(QUOTE, live, Archive(), now=NOW)
    assert verdict.status is QuoteStatus.SOURCE_UNAVAILABLE
    assert "no text" in verdict.note


def _verdict(status: QuoteStatus, score: float, url: str) -> Verdict:
    return Verdict(url=url, status=status, score=score)


def test_best_verdict_by_status_then_score() -> None:
    verdicts = [_verdict(QuoteStatus.NOT_FOUND, 0.6, "a"), _verdict(QuoteStatus.PARTIAL, 0.82, "b"),
                _verdict(QuoteStatus.PARTIAL, 0.91, "c"),
                _verdict(QuoteStatus.SOURCE_UNAVAILABLE, 0.0, "d")]
    assert best_verdict(verdicts).url == "c"
    verdicts.append(_verdict(QuoteStatus.VERIFIED_ARCHIVE, 1.0, "e"))
    assert best_verdict(verdicts).url == "e"
    verdicts.append(_verdict(QuoteStatus.VERIFIED, 1.0, "f"))
    assert best_verdict(verdicts).url == "f"
    with pytest.raises(ValueError):
        best_verdict([])


def test_best_verdict_prefers_a_cited_capture_on_a_tie() -> None:
    original = "https://news.example/story"
    capture = f"https://web.archive.org/web/20150311090000/{original}"
    for order in ([original, capture], [capture, original]):
        verdicts = [_verdict(QuoteStatus.VERIFIED_ARCHIVE, 1.0, url) for url in order]
        assert best_verdict(verdicts).url == capture
    # a better verdict still wins over a cited capture
    verdicts = [_verdict(QuoteStatus.VERIFIED, 1.0, original),
                _verdict(QuoteStatus.VERIFIED_ARCHIVE, 1.0, capture)]
    assert best_verdict(verdicts).url == original


def test_unsourced_verdict_keeps_the_named_source() -> None:
    verdict = unsourced_verdict("Al-Monitor", now=NOW)
    assert (verdict.status, verdict.url, verdict.checked_at) == (QuoteStatus.UNSOURCED, None, NOW)
    assert "Al-Monitor" in verdict.note
    assert "No URL" in unsourced_verdict(None).note


def test_evaluation_corpus_meets_its_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate `make test` runs (python -m bench.evaluation --check), also under pytest."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent))
    evaluation = importlib.import_module("bench.evaluation")
    outcomes = evaluation.evaluate()
    assert len(outcomes) >= 40
    assert {o.expected for o in outcomes} >= {
        QuoteStatus.VERIFIED, QuoteStatus.PARTIAL, QuoteStatus.NOT_FOUND,
        QuoteStatus.CROSS_LANGUAGE, QuoteStatus.VERIFIED_ARCHIVE, QuoteStatus.SOURCE_UNAVAILABLE}
    misses = [o.case_id for o in outcomes if not o.correct]
    assert 1 - len(misses) / len(outcomes) >= evaluation.FLOOR, misses


def test_held_out_evaluation_set_meets_its_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The held-out set (pages the matching was not tuned on) is gated apart, at its own floor."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent))
    evaluation = importlib.import_module("bench.evaluation")
    outcomes = evaluation.evaluate(evaluation.HOLDOUT)
    assert len(outcomes) >= 40
    assert not {o.case_id for o in outcomes} & {o.case_id for o in evaluation.evaluate()}
    misses = [o.case_id for o in outcomes if not o.correct]
    assert 1 - len(misses) / len(outcomes) >= evaluation.HOLDOUT_FLOOR, misses


PERSIAN_TWO_PARAGRAPHS = """<html lang="fa" dir="rtl"><body>
<p>سخنگوی وزارت امور خارجه در نشست خبری هفتگی خود به پرسش‌های خبرنگاران درباره آخرین وضعیت
مذاکرات پاسخ داد و گفت: «ما هرگز میز مذاکره را ترک نکرده‌ایم.</p>
<p>«این طرف مقابل بود که از توافق خارج شد و اکنون باید نشان دهد که جدی است.» وی افزود که
ایران آماده ادامه گفت‌وگو در چارچوب منافع ملی است و هیچ محدودیتی برای رایزنی با کشورهای
منطقه قائل نیست.</p></body></html>"""


def test_evidence_of_a_right_to_left_quote_across_paragraphs(web) -> None:
    live = fetch(web.page("/fa-two", PERSIAN_TWO_PARAGRAPHS))
    quote = "ما هرگز میز مذاکره را ترک نکرده‌ایم. این طرف مقابل بود که از توافق خارج شد"
    verdict = judge(quote, live, Archive(), now=NOW)
    assert verdict.status is QuoteStatus.VERIFIED
    start, end = verdict.highlight or (0, 0)
    matched = verdict.evidence[start:end]
    assert matched.startswith("ما هرگز") and matched.endswith("خارج شد")
    assert "\n" in matched  # the match runs over the paragraph break
    assert live.page is not None and verdict.evidence_offset is not None
    offset = verdict.evidence_offset
    assert live.page.text[offset:offset + len(verdict.evidence)] == verdict.evidence
    # the context is cut between words, never inside one
    assert offset == 0 or live.page.text[offset - 1].isspace()
    after = offset + len(verdict.evidence)
    assert after == len(live.page.text) or live.page.text[after].isspace()
    assert start > 0 and end < len(verdict.evidence)  # context on both sides
