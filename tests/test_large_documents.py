"""Large text and Markdown documents, read a window at a time (verifier.extraction.extract_path
streams files above a size; the tests force small windows on small files)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import subprocess_env

from bench.memory import run_sampling_rss
from verifier.documents import file_sha256
from verifier.errors import InputError
from verifier.extraction import extract_path
from verifier.models import Extraction
from verifier.text import streaming, textstream

CORPUS = Path(__file__).parent / "extraction_corpus"
FILLER = ("The committee discussed the budget at length and adjourned without a vote. " * 3
          + "\n\n")


def summary(e: Extraction) -> tuple[list[tuple], list[tuple]]:
    """What extraction found, in a form that does not depend on offsets."""
    citations = sorted((c.kind, c.line, c.page, c.url or c.outlet, c.marker)
                       for c in e.citations)
    quotes = sorted((q.line, q.text, q.speaker,
                     tuple(sorted(e.citations[i].url or e.citations[i].outlet or ""
                                  for i in q.citations))) for q in e.quotes)
    return citations, quotes


@pytest.fixture
def sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The text length of each window extracted, in order."""
    found: list[int] = []
    real = streaming.extract_citations

    def measured(doc):  # type: ignore[no-untyped-def]
        found.append(len(doc.text))
        return real(doc)

    monkeypatch.setattr(streaming, "extract_citations", measured)
    return found


@pytest.mark.parametrize("window", [4_000, 9_000])
def test_streamed_extraction_equals_whole_document_extraction(tmp_path: Path, window: int):
    names = ["iran_sanctions_brief.txt", "uk_housing_mould.txt", "kenya_doctors_strike.txt",
             "yemen_detention_report.txt", "turkey_quake_housing.txt"]
    path = tmp_path / "reports.txt"
    path.write_text("\n\n".join((CORPUS / n).read_text(encoding="utf-8") for n in names),
                    encoding="utf-8")
    whole = extract_path(path)
    streamed = extract_path(path, stream_bytes=0, window_chars=window)
    assert whole.document.text and streamed.document.text == ""
    assert len(whole.quotes) == 45 and len(whole.citations) == 21
    assert summary(streamed) == summary(whole)
    assert (streamed.document.date, streamed.document.title) == (
        whole.document.date, whole.document.title)
    assert streamed.document.sha256 == file_sha256(path)


def test_a_marker_links_to_a_footnote_body_in_another_window(tmp_path: Path):
    path = tmp_path / "far.txt"
    path.write_text(
        "Minister Jane Doe said the plan was “a turning point for the whole region.”1\n\n"
        + FILLER * 40
        + "Notes\n\n1 Interview, https://example.org/far-away-source and "
          "https://example.org/second-source\n",
        encoding="utf-8")
    e = extract_path(path, stream_bytes=0, window_chars=2_000)
    [quote] = e.quotes
    assert (quote.speaker, quote.line) == ("Jane Doe", 1)
    cited = [e.citations[i] for i in quote.citations]
    assert [(c.kind, c.marker, c.url) for c in cited] == [
        ("footnote", "1", "https://example.org/far-away-source"),
        ("footnote", "1", "https://example.org/second-source")]
    assert cited[0].line == 85 and len(e.citations) == 2  # once, at the body's own line
    assert not e.document.warnings


def test_markers_without_footnote_text_are_reported_as_for_a_whole_file(tmp_path: Path):
    path = tmp_path / "orphans.txt"
    path.write_text("First,1 then second.”2\n\n" + FILLER * 40 + "And third.4 No notes.\n",
                    encoding="utf-8")
    whole = extract_path(path)
    streamed = extract_path(path, stream_bytes=0, window_chars=2_000)
    assert streamed.document.warnings == whole.document.warnings == [
        "orphans.txt: footnote marker(s) 1, 2, 4 have no footnote text in the document"]


def test_markdown_definitions_at_the_end_serve_every_window(tmp_path: Path):
    path = tmp_path / "post.md"
    path.write_text(
        "---\ntitle: A long post\ndate: 2023-04-05\n---\n\n"
        "Mayor Ana Ruiz told [the council][minutes] that the city would act. "
        "“We will rebuild every school before winter,” Ruiz said.[^1]\n\n"
        + FILLER * 40
        + "[^1]: See https://example.org/notes/one\n\n"
          "[minutes]: https://example.org/council/minutes\n",
        encoding="utf-8")
    e = extract_path(path, stream_bytes=0, window_chars=2_000)
    assert (e.document.title, str(e.document.date), e.document.date_source) == (
        "A long post", "2023-04-05", "meta")
    assert sorted((c.kind, c.url, c.line) for c in e.citations) == [
        ("footnote", "https://example.org/notes/one", 88),
        ("link", "https://example.org/council/minutes", 6)]
    [quote] = e.quotes
    assert (quote.speaker, quote.line) == ("Ana Ruiz", 6)
    assert [e.citations[i].url for i in quote.citations] == ["https://example.org/notes/one"]


def test_pages_and_lines_count_over_the_whole_file(tmp_path: Path):
    path = tmp_path / "paged.txt"
    pages = [FILLER * 6 + "Page one ends here.\n"] * 3 + [
        "“Prices will fall next year,” said Omar Haddad, the central bank governor.\n"]
    path.write_text("\f".join(pages), encoding="utf-8")
    e = extract_path(path, stream_bytes=0, window_chars=1_500)
    [quote] = e.quotes
    assert (quote.speaker, quote.page, quote.line) == ("Omar Haddad", 4, 40)


def test_a_line_longer_than_the_read_limit_is_read_in_pieces(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(textstream, "MAX_LINE_CHARS", 1_000)
    path = tmp_path / "oneline.txt"
    words = "The council met again on Tuesday to discuss the plan in detail. " * 80
    path.write_text(words + "Sara Lind said “the vote is final and binding.” See "
                    "https://example.org/vote for the record.", encoding="utf-8")
    e = extract_path(path, stream_bytes=0, window_chars=1_500)
    assert [(q.speaker, q.line, q.text) for q in e.quotes] == [
        ("Sara Lind", 1, "the vote is final and binding.")]
    assert [(c.url, c.line) for c in e.citations] == [("https://example.org/vote", 1)]


def test_one_huge_line_is_still_cut_into_windows(tmp_path: Path, sizes: list[int],
                                                monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(textstream, "MAX_LINE_CHARS", 1_000)
    path = tmp_path / "blob.txt"
    path.write_text("word " * 20_000 + "https://example.org/at-the-end", encoding="utf-8")
    e = extract_path(path, stream_bytes=0, window_chars=5_000)
    assert [(c.url, c.line) for c in e.citations] == [("https://example.org/at-the-end", 1)]
    assert len(sizes) >= 10 and max(sizes) < 2 * 5_000 + textstream.LEAD_IN_CHARS + 2_000


def test_windows_stay_near_their_size(tmp_path: Path, sizes: list[int]):
    path = tmp_path / "big.txt"
    path.write_text(FILLER * 400, encoding="utf-8")
    extract_path(path, stream_bytes=0, window_chars=5_000)
    assert len(sizes) > 15
    assert max(sizes) < 5_000 + textstream.LEAD_IN_CHARS + 500


def test_a_large_binary_file_named_txt_is_refused(tmp_path: Path):
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 100)
    with pytest.raises(InputError, match="binary file, not text"):
        extract_path(path, stream_bytes=0)


def test_a_large_pdf_named_txt_is_refused_with_a_hint(tmp_path: Path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    with pytest.raises(InputError, match="rename it to .pdf"):
        extract_path(path, stream_bytes=0)


def test_windows_1252_text_is_decoded(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes(("“Está todo listo,” said María Pérez.\n\n" + FILLER * 10)
                     .encode("cp1252"))
    e = extract_path(path, stream_bytes=0, window_chars=1_000)
    assert [(q.text, q.speaker) for q in e.quotes] == [("Está todo listo", "María Pérez")]


_EXTRACT = """
import json, sys
from pathlib import Path
from verifier.extraction import extract_path
e = extract_path(Path(sys.argv[1]))
print(json.dumps({"text": len(e.document.text), "quotes": [(q.speaker, q.line) for q in e.quotes],
                  "cited": [[e.citations[i].url for i in q.citations] for q in e.quotes],
                  "citations": len(e.citations)}))
"""


# 100 MB take about a minute on an idle machine: the default 120 s is too near on a loaded one.
@pytest.mark.timeout(360)
def test_a_100_mb_document_is_extracted_in_bounded_memory(tmp_path: Path):
    """The whole file is read (a quote on its first line rests on a footnote on its last),
    and the process stays far below the size of the document."""
    path = tmp_path / "huge.txt"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Minister Jane Doe said the plan was “a turning point for the region.”1\n\n")
        for _ in range(100_000_000 // len(FILLER)):
            fh.write(FILLER)
        fh.write("“We will finish the work,” said Omar Haddad.\n\nNotes\n\n"
                 "1 https://example.org/at-the-very-end\n")
    done, peak = run_sampling_rss([sys.executable, "-c", _EXTRACT, str(path)],
                                  env=subprocess_env())
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    lines = 2 + 2 * (100_000_000 // len(FILLER))
    assert found["text"] == 0 and found["citations"] == 1
    assert found["quotes"] == [["Jane Doe", 1], ["Omar Haddad", lines + 1]]
    assert found["cited"] == [["https://example.org/at-the-very-end"], []]
    assert peak < 200 * 1024 * 1024, f"peak RSS {peak / 2**20:.0f} MB"
