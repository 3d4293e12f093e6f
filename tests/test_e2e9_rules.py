"""The general rules the ninth end-to-end held-out set led to, each on a document or page of its
own (see tests/test_e2e_holdout9.py for the set)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from e2e_support import DEJAVU
from test_quotes import run

from verifier.net.pagelook import PageLook
from verifier.pagetext import page_text


def _sources(tmp_path: Path, text: str, suffix: str = ".txt") -> dict[str, list[str | None]]:
    quotes, _terms, citations = run(tmp_path, text, suffix)
    return {q.text: [citations[n].url or citations[n].outlet for n in q.citations]
            for q in quotes}


# -- pages built by their script ------------------------------------------------------------

SHELL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
{meta}</head><body><div id="root"></div>
<noscript>{notice}</noscript></body></html>"""


def test_a_page_that_shows_nothing_without_its_script_and_says_so_is_blocked() -> None:
    page = SHELL.format(title="example.com", meta="", notice="<h1>JavaScript is not available."
                        "</h1><p>Please enable JavaScript or switch to a supported browser.</p>")
    reason = PageLook(page, "html").block_reason()
    assert reason is not None and "JavaScript" in reason


def test_a_script_built_page_describing_its_content_is_no_wall() -> None:
    meta = '<meta property="og:description" content="The minister said the talks would resume.">'
    page = SHELL.format(title="Interview - Video", meta=meta,
                        notice="JavaScript is disabled in this browser.")
    assert PageLook(page, "html").block_reason() is None


def test_an_applications_shell_asking_for_javascript_is_no_wall() -> None:
    page = SHELL.format(title="Lakeside Data", meta="",
                        notice="You need to enable JavaScript to run this app.")
    assert PageLook(page, "html").block_reason() is None


def test_a_page_with_text_of_its_own_and_a_noscript_notice_is_no_wall() -> None:
    page = ("<html><head><title>News</title></head><body><p>The council voted on Monday to close "
            "the bridge.</p><noscript>Please enable JavaScript for comments.</noscript></body></html>")
    assert PageLook(page, "html").block_reason() is None


def test_a_page_showing_no_prose_is_read_by_its_description_of_itself() -> None:
    meta = ('<meta name="description" content="President Maia Sandu: &quot;Criminal groups tried '
            'to buy 300,000 votes.&quot; Full address.">')
    page = SHELL.format(title="Address - YouTube", meta=meta, notice="Enable JavaScript.")
    read = page_text(page.encode(), "text/html")
    assert read is not None and "Criminal groups tried to buy 300,000 votes." in read.text


def test_an_article_is_not_read_by_its_description() -> None:
    page = ("<html><head><meta name='description' content='A summary written for search engines "
            "only.'></head><body><article><p>" + "The council voted to close the bridge. " * 6 +
            "</p></article></body></html>")
    read = page_text(page.encode(), "text/html")
    assert read is not None and "search engines" not in read.text


# -- a word processor's PDF dated by its byline ------------------------------------------------


def test_a_pdf_made_after_it_was_written_is_dated_by_its_byline(tmp_path: Path) -> None:
    from e2e_support import pdf_pages

    from verifier.documents import load_document

    path = tmp_path / "check.pdf"
    path.write_bytes(pdf_pages(["Fact check: the outbreak\n\nBy the Desk · 14 October 2024\n\n"
                                "The minister said on 2 September that the outbreak was over."],
                               font=DEJAVU, created=datetime(2025, 3, 1, 9, 0, tzinfo=UTC)))
    assert load_document(path).date == date(2024, 10, 14)


def test_a_pdf_without_a_byline_is_dated_when_it_was_made(tmp_path: Path) -> None:
    from e2e_support import pdf_pages

    from verifier.documents import load_document

    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_pages(["Quarterly report\n\nThe flood of 2 September 2024 closed the "
                                "bridge for a month, the council said in its long review."],
                               created=datetime(2025, 3, 1, 9, 0, tzinfo=UTC)))
    assert load_document(path).date == date(2025, 3, 1)


# -- quotations ---------------------------------------------------------------------------


def test_a_chinese_sentence_in_quotation_marks_is_a_quotation(tmp_path: Path) -> None:
    text = ("Foreign ministry spokesman Lin Jian said: “中方始终致力于劝和促谈” at the briefing.\n"
            "https://mfa.example.cn/web/fyrbt/t20241023.shtml\n")
    assert _sources(tmp_path, text) == {"中方始终致力于劝和促谈": [
        "https://mfa.example.cn/web/fyrbt/t20241023.shtml"]}


def test_a_short_quotation_inside_an_aside_is_mentioned_not_quoted(tmp_path: Path) -> None:
    quotes, terms, _c = run(tmp_path, 'Lin Jian said that "the talks must resume soon" '
                            '(the site often answers "too many requests"; try again later).\n')
    assert [q.text for q in quotes] == ["the talks must resume soon"]
    assert "too many requests" in terms


def test_a_labelled_address_after_the_quotation_and_a_translators_mark_is_its_source(
        tmp_path: Path) -> None:
    text = """NOTES

1. Wang Yi said that "China and Russia will deepen strategic coordination" [tr.]
Xinhua (Chinese): https://xinhua.example.cn/politics/c_1130212345.htm (slow to load)

2. Vladimir Putin, closing press conference (Russian original):
«Мы никогда не отказывались от переговоров»

Transcript (plain text): https://kremlin.example.ru/transcripts/75375.txt
"""
    assert _sources(tmp_path, text) == {
        "China and Russia will deepen strategic coordination": [
            "https://xinhua.example.cn/politics/c_1130212345.htm"],
        "Мы никогда не отказывались от переговоров": [
            "https://kremlin.example.ru/transcripts/75375.txt"]}


def test_the_next_sentence_publishing_the_thing_quoted_is_its_source(tmp_path: Path) -> None:
    text = ('The editor, Alina Radu, said the list names "130,000 recipients in 34 districts". '
            'The newspaper published it as a [Google Doc](https://docs.example.com/d/1q8Z/edit).\n\n'
            'Khamla Phommachanh said the lenders had "read the warnings and signed anyway". The '
            'group has published the [siren logs](https://watch.example.org/logs.pdf).\n')
    assert _sources(tmp_path, text, ".md") == {
        "130,000 recipients in 34 districts": ["https://docs.example.com/d/1q8Z/edit"],
        "read the warnings and signed anyway": []}


TRACKER = """<html><head><title>Claim tracker</title></head><body><main><table>
<tr><th>Who</th><th>Claim</th><th>Source</th><th>Rating</th></tr>
<tr><td>Igor Dodon, former president</td><td>“Turnout abroad was inflated by 100,000 votes”</td>
<td><a href="https://newsmaker.example/dodon">Newsmaker</a></td><td>False</td></tr>
<tr><td>Angelica Frolov, CEC chair</td><td>“Every polling station abroad had observers”</td>
<td><a href="https://cec.example/observers">CEC statement</a></td><td>True</td></tr>
<tr><td>Renato Usatîi, mayor of Bălți</td><td>“The result was decided in Paris and Berlin”</td>
<td><a href="https://moldpres.example/usatii">Moldpres</a></td><td>Misleading</td></tr>
</table><p>Spotted a claim? <a href="https://desk.example/tips">Send us a tip</a>.</p></main>
</body></html>"""


def test_a_tables_who_column_names_the_speaker_before_its_source_and_rating(
        tmp_path: Path) -> None:
    quotes, _terms, citations = run(tmp_path, TRACKER, ".html")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Turnout abroad was inflated by 100,000 votes", "Igor Dodon"),
        ("Every polling station abroad had observers", "Angelica Frolov"),
        ("The result was decided in Paris and Berlin", "Renato Usatîi")]
    assert "https://desk.example/tips" not in [c.url for c in citations]


# -- the second batch's rules ---------------------------------------------------------------


def test_a_quotation_under_a_reference_entry_rests_on_its_address(tmp_path: Path) -> None:
    text = """# Reading list

1. Osman, A. and Bashir, S. (2023) 'Two-dose vaccine in camps', *The Lancet*, 11(9).
   doi: https://doi.example.org/10.1016/S2214-109X(23)00211-4

   The authors conclude that "two doses gave protection for at least three years".

2. Sphere Association (2018) *The Sphere Handbook*. https://sphere.example.org/water
   (accessed 2 March 2023)

   Its water adviser, Tom Keller, wrote that "15 litres per person per day is the minimum".

Read the full report at https://report.example.org/full

The mayor, Jane Roe, said that "the bridge will reopen in May".
"""
    assert _sources(tmp_path, text, ".md") == {
        "two doses gave protection for at least three years": [
            "https://doi.example.org/10.1016/S2214-109X(23)00211-4"],
        "15 litres per person per day is the minimum": ["https://sphere.example.org/water"],
        "the bridge will reopen in May": []}


def test_russian_notes_name_their_speakers_and_dates(tmp_path: Path) -> None:
    from verifier.documents import load_document

    text = """Заметки к материалу
Подготовила А. Смирнова, 12 ноября 2024 г.

1. Министр финансов России Антон Силуанов сказал, что «бюджет выдержит любые санкции».
Источник: https://minfin.example.ru/press/2024/11/08

2. Официальный представитель МИД Мария Захарова заявила, что «Россия выполняет все
обязательства».

3. Президент Республики Беларусь Александр Григорьевич Лукашенко заявил: «Мы будем работать».
"""
    quotes, _terms, citations = run(tmp_path, text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("бюджет выдержит любые санкции", "Антон Силуанов"),
        ("Россия выполняет все обязательства", "Мария Захарова"),
        ("Мы будем работать", "Александр Григорьевич Лукашенко")]
    assert [citations[n].url for n in quotes[0].citations] == [
        "https://minfin.example.ru/press/2024/11/08"]
    assert load_document(tmp_path / "doc.txt").date == date(2024, 11, 12)


def test_arabic_reporting_sentences_name_their_speakers(tmp_path: Path) -> None:
    text = """قال وزير الصحة هيثم محمد إبراهيم إن «الوضع الوبائي مستقر في معظم الولايات».

وقالت ممثلة منظمة اليونيسف في السودان، مانديب أوبراين، إن «الأطفال هم الأكثر تضرراً».

وأكد منسق المنظمة في كسلا، محمد الطيب، أن «المستشفيات تعمل فوق طاقتها».

ووصف الخبر بأنه «كاذب تماماً» دون أن يذكر مصدره.
"""
    quotes, _terms, _c = run(tmp_path, text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("الوضع الوبائي مستقر في معظم الولايات", "هيثم محمد إبراهيم"),
        ("الأطفال هم الأكثر تضرراً", "مانديب أوبراين"),
        ("المستشفيات تعمل فوق طاقتها", "محمد الطيب")]
