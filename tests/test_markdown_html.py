"""HTML inside a Markdown document: an HTML paragraph's <q> and links, and a `<sup><a
href="#fn-2">2</a></sup>` marker into an HTML notes list, are read as in an HTML page."""

from __future__ import annotations

from pathlib import Path

from test_quotes import run

TEXT = """# Pipelines

<p>Serbia's president, Aleksandar Vucic, said that <q>Serbia has enough gas for the winter</q>
(<a href="https://rts.example/en/vucic-gas.html">RTS</a>).</p>

Hungary's foreign minister, Peter Szijjarto, said that "TurkStream is essential for Hungary's
energy security".<sup><a href="#fn-2">2</a></sup>

<ol class="notes">
<li id="fn-2">Hungarian government, <a href="https://kormany.example/news/ts">kormany.example</a></li>
</ol>
"""


def test_html_in_markdown_gives_its_quotations_links_and_notes(tmp_path: Path) -> None:
    quotes, _terms, citations = run(tmp_path, TEXT, ".md")
    assert [(q.speaker, q.text, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Aleksandar Vucic", "Serbia has enough gas for the winter",
         ["https://rts.example/en/vucic-gas.html"]),
        ("Peter Szijjarto", "TurkStream is essential for Hungary's energy security",
         ["https://kormany.example/news/ts"])]


def test_a_link_alone_after_the_quotations_full_stop_is_its_source(tmp_path: Path) -> None:
    text = ('<p>Peskov said that <q>Europe will come back to Russian gas</q>. <a\n'
            'href="https://ria.example/politics/peskov-gaz.html">RIA Novosti</a></p>\n')
    quotes, _terms, citations = run(tmp_path, text, ".md")
    assert [[citations[n].url for n in q.citations] for q in quotes] == [
        ["https://ria.example/politics/peskov-gaz.html"]]
