"""The throughput benchmark's corpus: news pages on several hosts, and documents quoting them.

Pages are realistic news pages (30-40 KB of HTML: head with scripts and styles, navigation,
an article with inline markup, related links, footer; see bench.matching). Each page is cited
by one paragraph of a Markdown document that quotes it with an attribution: most quotes are
verbatim, some have a word changed, some are not on the page at all, so matching really runs.
Pages are built once per (pages, hosts, seed) and kept in a cache directory; documents are
written for each run, since they name the site's port.
"""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import dataclass
from pathlib import Path

from bench.matching import NewsWriter, news_page, quote_for
from bench.site import host_address

KINDS = ("verbatim",) * 14 + ("changed",) * 3 + ("absent",) * 3  # 70% / 15% / 15%
SPEAKERS = ("Jane Roe", "John Smith", "Maria Lopez", "Ali Rezaei", "Sara Klein", "Tom Baker",
            "Lena Park", "Omar Haddad", "Nina Petrova", "Paul Martin")
ROLES = ("the transport minister", "a city councillor", "the company's chief executive",
         "a union spokesperson", "the mayor", "a senior official", "the committee chair")
OUTLETS = ("The Daily Record", "The Evening Post", "The Harbour Times", "City Wire")
SECTIONS = ("politics", "business", "world", "local", "science")


@dataclass(frozen=True)
class CitedPage:
    """One page of the site and the quote a document attributes to it."""

    host: int
    path: str
    quote: str
    kind: str  # "verbatim", "changed", "absent"


def build_pages(root: Path, *, pages: int, hosts: int, seed: int) -> list[CitedPage]:
    """Write the site's pages under root/<host>/ (plus gzip copies) unless already there."""
    manifest = root / "manifest.json"
    if manifest.exists():
        return [CitedPage(**entry) for entry in json.loads(manifest.read_text())]
    writer = NewsWriter(seed)
    rng = random.Random(seed)
    cited = []
    for i in range(pages):
        host = i % hosts
        path = f"/news/2024/{SECTIONS[i % len(SECTIONS)]}/story-{i:05d}.html"
        body, sentences = news_page(writer, rng.randint(2_000, 10_000))
        kind = KINDS[i % len(KINDS)]
        quote = quote_for(writer, sentences, kind).strip("“”")
        target = root / str(host) / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        target.with_name(target.name + ".gz").write_bytes(gzip.compress(body, 6, mtime=0))
        cited.append(CitedPage(host, path, quote, kind))
    manifest.write_text(json.dumps([c.__dict__ for c in cited]))
    return cited


def page_url(page: CitedPage, port: int) -> str:
    return f"http://{host_address(page.host)}:{port}{page.path}"


def write_documents(folder: Path, cited: list[CitedPage], *, port: int, per_document: int,
                    seed: int) -> list[Path]:
    """Markdown documents, `per_document` cited pages each, one attributed quote a paragraph."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, start in enumerate(range(0, len(cited), per_document)):
        lines = [f"# Weekly review {number + 1}\n", "Published 12 April 2024.\n"]
        for page in cited[start:start + per_document]:
            speaker, role = rng.choice(SPEAKERS), rng.choice(ROLES)
            outlet = rng.choice(OUTLETS)
            lines.append(f"{speaker}, {role}, said “{page.quote}” according to "
                         f"[{outlet}]({page_url(page, port)}).\n")
        path = folder / f"review-{number + 1:04d}.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        written.append(path)
    return written
