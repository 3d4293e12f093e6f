"""What the held-out end-to-end sets share: the expected quote as written down, the run's
settings, the exported verdicts read back by document and fixture reference ('h2/path'), and
the checks every set makes of them, each expected field its own countable test case."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fakewayback import FakeWayback
from fixtureweb import FixtureWeb

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # curly quotes, Cyrillic, ...


def pdf_pages(pages: list[str], *, font: str | None = None,
              created: datetime | None = None) -> bytes:
    """A real PDF, each string its own page, in 11-point Helvetica or, given a TrueType
    `font` file (for curly quotes and other scripts), in that; `created` dates its info."""
    from fpdf import FPDF

    pdf = FPDF()
    if created is not None:
        pdf.set_creation_date(created)
    if font:
        pdf.add_font("Body", fname=font)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Body" if font else "Helvetica", size=11)
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


@dataclass(frozen=True)
class Q:
    """A quote as a careful fact-checker expects the export to show it."""

    doc: str
    key: str  # a fragment of the quote's text
    status: str
    speaker: str
    source: str | None  # "h2/path" or None


def e2e_settings(root: Path, wayback: FakeWayback) -> Any:
    """A run's settings: everything under `root`, the fake Wayback unpaced, no saves."""
    from verifier.config import load_settings

    return load_settings(env={}, cwd=root, overrides={
        "db": str(root / "verifier.db"), "archive_dir": str(root / "archive"),
        "report_dir": str(root / "reports"), "wayback_url": wayback.base,
        "allow_private_hosts": True, "wayback_lookups_per_minute": 6000.0,
        "wayback_saves_per_minute": 6000.0, "save": "never", "retries": 2, "quiet": True})


@dataclass
class ExportView:
    """A run's JSON export, looked up the way the expectations are written."""

    hosts: dict[str, str]  # "h2" -> its base URL on the fixture web
    data: dict[str, Any]

    def url(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        host, _, path = ref.partition("/")
        return self.hosts[host] + "/" + path

    def doc(self, name: str) -> str:
        """The export's name for a document: its file name, or for an article given by
        address ('h10/path'), its URL."""
        return (self.url(name) or name) if name.split("/")[0] in self.hosts else name

    def quote(self, doc: str, key: str, data: dict[str, Any] | None = None
              ) -> dict[str, Any] | None:
        rows = (data or self.data)["quotes"]
        found = [q for q in rows if q["document"] == self.doc(doc) and key in q["text"]]
        return found[0] if len(found) == 1 else None

    def link(self, doc: str, ref: str, data: dict[str, Any] | None = None
             ) -> dict[str, Any] | None:
        url = self.url(ref)
        found = [c for c in (data or self.data)["citations"]
                 if c["document"] == self.doc(doc) and url in (c["url"], c["normalized_url"])]
        return found[0] if found else None


@dataclass
class TwoRuns(ExportView):
    """The export of a first run with its checks, and what a second run changed."""

    checks: list[dict[str, Any]] = field(default_factory=list)  # every check of the first run
    fetched: list[tuple[str, str]] = field(default_factory=list)  # (method, "h2/path") run 1
    fetched2: list[tuple[str, str]] = field(default_factory=list)  # the same, run 2
    data2: dict[str, Any] = field(default_factory=dict)  # export after the second run
    changes2: dict[str, Any] = field(default_factory=dict)
    checks2: list[dict[str, Any]] = field(default_factory=list)  # every check of the second run
    exit2: int = -1
    status_out: str = ""  # what `verifier status` printed after the second run

    def quote_checks(self, doc: str, key: str) -> list[dict[str, Any]]:
        return [c for c in self.checks if c["document"] == self.doc(doc) and key in c["text"]]

    def ref(self, url: str) -> str | None:
        """'h2/path' for a served URL."""
        for name, base in self.hosts.items():
            if url.startswith(base + "/"):
                return name + url[len(base):]
        return None

    def requests(self, web: FixtureWeb, start: int) -> list[tuple[str, str]]:
        """The fixture web's requests from the `start`th on, each as (method, 'h2/path'),
        the query left out; those to no host of the set are left out."""
        found = []
        for r in web.requests[start:]:
            ref = self.ref(f"http://{r.host}:{web.port}{r.path.split('?')[0]}")
            if ref:
                found.append((r.method, ref))
        return found

    def check(self, kind: str, doc: str, key: str, field_name: str, expected: Any) -> bool:
        """Check a case of the kinds every set has, of either run (`check_export`,
        `check_second`, 'both_checked'); False for another kind, which the set checks itself."""
        if kind == "both_checked":  # a quote cited to several URLs: its verdict against each
            found = {self.ref(c["url"]): c["status"] for c in self.quote_checks(doc, key)}
            assert found == expected
            return True
        return (check_export(self, kind, doc, key, field_name, expected)
                or self.check_second(kind, doc, key, expected))

    def check_second(self, kind: str, doc: str, key: str, expected: Any) -> bool:
        """Check a case of `second_cases` (a quote's or a link's status then, a quote gone,
        what it listed as changed, its exit status, what `verifier status` said); False for another
        kind, which the set checks itself. A quote's key is matched across line breaks."""
        if kind == "quote2":
            row = self.quote(doc, " ".join(key.split()), self.data2)
            assert row is not None, f"no single quote containing {key!r}"
            assert row["status"] == expected, row
        elif kind == "absent2":
            words = " ".join(key.split())
            assert not [q for q in self.data2["quotes"] if q["document"] == self.doc(doc)
                        and words in " ".join(q["text"].split())]
        elif kind == "link2":
            row = self.link(doc, key, self.data2)
            assert row is not None and row["link_status"] == expected, row
        elif kind == "changes":
            items = self.changes2[key]
            texts = [i.get("text") or self.ref(i.get("url", "")) for i in items]
            assert len(texts) == len(expected), items
            assert all(any(want in (t or "") for t in texts) for want in expected), items
        elif kind == "exit":
            assert self.exit2 == expected
        elif kind == "status_line":
            assert expected in self.status_out, self.status_out
        else:
            return False
        return True


@dataclass
class Corpus:
    """A held-out set's servers, its documents written out, and the run's settings."""

    root: Path  # the database, archive and reports are under it, the documents in docs/
    web: FixtureWeb
    wayback: FakeWayback
    hosts: dict[str, str]  # "h2" -> its base URL on the fixture web
    docs: Path
    settings: Any


@contextlib.contextmanager
def served_corpus(root: Path, serve: Callable[[FixtureWeb, FakeWayback], dict[str, str]],
                  documents: Callable[[dict[str, str]], dict[str, str | bytes]], *,
                  port: int = 0) -> Iterator[Corpus]:
    """The fixture web (on `port`, for documents with fixed addresses) and the fake Wayback
    serving a set's pages (`serve`), its documents (given the hosts, to fill in their
    addresses) written under root/docs; both servers are closed after."""
    web, wayback = FixtureWeb(port), FakeWayback()
    try:
        hosts = serve(web, wayback)
        docs = root / "docs"
        docs.mkdir()
        for name, content in documents(hosts).items():
            if isinstance(content, bytes):
                (docs / name).write_bytes(content)
            else:
                (docs / name).write_text(content, encoding="utf-8")
        yield Corpus(root, web, wayback, hosts, docs, e2e_settings(root, wayback))
    finally:
        web.close()
        wayback.close()


def first_run(corpus: Corpus, inputs: list[str], now: Any = None) -> TwoRuns:
    """Run verifier once on `inputs` and read back its export, its checks and the pages it
    requested."""
    import verifier

    before = len(corpus.web.requests)
    result = verifier.run(inputs, corpus.settings, now=now)
    return read_back(corpus, result.run_id, before)


def read_back(corpus: Corpus, run_id: int, before: int) -> TwoRuns:
    """A finished run's export, its checks, and the pages requested since the `before`th."""
    import json

    from verifier.export import export_json
    from verifier.store import Store

    store = Store.open(corpus.root / "verifier.db", create=False)
    try:
        out = TwoRuns(corpus.hosts, json.loads(export_json(store)), run_checks(store, run_id))
    finally:
        store.close()
    out.fetched = out.requests(corpus.web, before)
    return out


@dataclass
class DatedRuns(TwoRuns):
    """The runs, and each document's date as the first run stored it."""

    doc_dates: dict[str, str] = field(default_factory=dict)  # document name -> ISO date


def dated_first_run(corpus: Corpus, inputs: list[str], now: Any = None) -> DatedRuns:
    """first_run, and the date the run stored for each document."""
    first = first_run(corpus, inputs, now)
    return DatedRuns(**vars(first), doc_dates=document_dates(corpus.root / "verifier.db"))


@dataclass
class CliRun(DatedRuns):
    """A first run made as a user makes it, `verifier run ...`: its exit status, what it
    printed, and the HTML report it wrote."""

    exit_status: int = -1
    printed: str = ""
    report: str = ""


def cli_first_run(corpus: Corpus, inputs: list[str]) -> CliRun:
    """Run `verifier run` in this process (so the network guard sees it) with the corpus's
    settings given as a config file, and read back what it stored, printed and reported."""
    import sqlite3

    from verifier.cli import main

    s = corpus.settings
    config = corpus.root / "verifier.toml"
    config.write_text("\n".join(f"{k} = {v!r}".replace("'", '"') for k, v in {
        "wayback_lookups_per_minute": s.wayback_lookups_per_minute,
        "wayback_saves_per_minute": s.wayback_saves_per_minute, "retries": s.retries}.items()))
    before = len(corpus.web.requests)
    printed, code = io.StringIO(), -1
    with contextlib.redirect_stdout(printed):
        try:
            main(["run", "--config", str(config), "--db", s.db, "--archive-dir", s.archive_dir,
                  "--report-dir", s.report_dir, "--wayback-url", s.wayback_url,
                  "--allow-private-hosts", "--save", "never", "--quiet", *inputs])
        except SystemExit as exc:
            code = int(exc.code or 0)
    with contextlib.closing(sqlite3.connect(s.db)) as db:
        run_id = int(db.execute("select max(id) from runs").fetchone()[0])
    out = read_back(corpus, run_id, before)
    reports = sorted(Path(s.report_dir).rglob("*.html"))
    return CliRun(**vars(out), doc_dates=document_dates(Path(s.db)), exit_status=code,
                  printed=printed.getvalue(),
                  report="".join(r.read_text(encoding="utf-8") for r in reports))


def second_run(out: TwoRuns, corpus: Corpus, inputs: list[str], now: Any) -> None:
    """Run verifier again on `inputs` (after the set changed some pages or documents) and
    read back its exit status, what it listed as changed, its export and checks, the pages it
    requested, and what `verifier status` then prints."""
    import json

    import verifier
    from verifier.export import export_json
    from verifier.store import Store

    before = len(corpus.web.requests)
    result = verifier.run(inputs, corpus.settings, now=now)
    out.fetched2 = out.requests(corpus.web, before)
    out.exit2 = int(result.exit_status)
    out.changes2 = result.changes.as_dict()
    store = Store.open(corpus.root / "verifier.db", create=False)
    try:
        out.data2 = json.loads(export_json(store))
        out.checks2 = run_checks(store, result.run_id)
    finally:
        store.close()
    out.status_out = status_output(corpus.root / "verifier.db")


def run_checks(store: Any, run_id: int) -> list[dict[str, Any]]:
    """Every check of a run, with its quote's text and document."""
    return [dict(r) for r in store.rows(
        """select d.name as document, q.text, c.url, c.status, c.best, c.live_had_quote, c.diff
           from checks c join quotes q on q.id = c.quote_id
           join documents d on d.id = q.document_id where c.run_id = ?""", [run_id])]


def document_dates(db: Path) -> dict[str, str]:
    """Each document's date as the run stored it (ISO), by the document's name."""
    from verifier.store import Store

    store = Store.open(db, create=False)
    try:
        return {r["name"]: r["date"] for r in store.rows("select name, date from documents")}
    finally:
        store.close()


def check_document(out: TwoRuns, kind: str, doc: str, key: str, expected: Any,
                   doc_dates: dict[str, str]) -> bool:
    """Check a case about a document as a whole: a URL it must not cite ('not_cited'), its
    date ('doc_date'), a page fetched once however often it is cited ('one_fetch': key the
    host, expected the path); False for another kind."""
    if kind == "not_cited":
        assert out.link(doc, key) is None, out.link(doc, key)
    elif kind == "doc_date":
        assert doc_dates.get(out.doc(doc)) == expected, doc_dates
    elif kind == "one_fetch":
        assert out.fetched.count(("GET", key + expected)) == 1, out.fetched
    else:
        return False
    return True


def status_output(db: Path) -> str:
    """What `verifier status` prints for a database."""
    from verifier.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["status", "--db", str(db)])
    return out.getvalue()


def case(kind: str, doc: str, key: str, field_name: str, value: Any, ident: str,
         xfail: dict[str, str]) -> Any:
    """One expected field as a test case, marked xfail(strict) while the code still misses it."""
    marks = [pytest.mark.xfail(strict=True, reason=xfail[ident])] if ident in xfail else []
    return pytest.param(kind, doc, key, field_name, value, id=ident, marks=marks)


def export_cases(quotes: list[Q], not_quotes: list[tuple[str, str]],
                 links: list[tuple[str, str, str]], xfail: dict[str, str]) -> Iterator[Any]:
    """The cases every set has: each quote's status, speaker and source; each phrase that
    must not be a quote; each link's status."""
    for q in quotes:
        for name, value in (("status", q.status), ("speaker", q.speaker),
                            ("source_url", q.source)):
            yield case("quote", q.doc, q.key, name, value, f"{q.doc}:{q.key}:{name}", xfail)
    for doc, key in not_quotes:
        yield case("absent", doc, key, "", None, f"{doc}:{key}:not-a-quote", xfail)
    for doc, ref, status in links:
        yield case("link", doc, ref, "link_status", status, f"{doc}:{ref}:link_status", xfail)


def archive_cases(snapshots: Iterable[tuple[str, str, str]],
                  final_urls: Iterable[tuple[str, str, str]], xfail: dict[str, str]
                  ) -> Iterator[Any]:
    """The Wayback snapshot each quote was verified in (its timestamp's start), and where each
    redirected link ended."""
    for doc, key, stamp in snapshots:
        yield case("snapshot", doc, key, "snapshot_url", stamp, f"{doc}:{key}:snapshot", xfail)
    for doc, ref, final in final_urls:
        yield case("final_url", doc, ref, "final_url", final, f"{doc}:{ref}:final_url", xfail)


def listed_cases(xfail: dict[str, str], *,
                 named_sources: Iterable[tuple[str, str, str]] = (),
                 both_checked: Iterable[tuple[str, str, Any]] = (),
                 not_cited: Iterable[tuple[str, str]] = (),
                 doc_dates: Iterable[tuple[str, Any]] = (),
                 one_fetch: Iterable[tuple[str, str]] = ()) -> Iterator[Any]:
    """The cases the later sets list in tables: each quote's named source, the verdict against
    each URL of a quote citing several, each reference that cites nothing, each document's
    date, each page fetched once however often it is cited."""
    for doc, key, outlet in named_sources:
        yield case("named_source", doc, key, "named_source", outlet, f"{doc}:{key}:named_source",
                   xfail)
    for doc, key, verdicts in both_checked:
        yield case("both_checked", doc, key, "", verdicts, f"{doc}:{key}:each URL", xfail)
    for doc, ref in not_cited:
        yield case("not_cited", doc, ref, "", None, f"{doc}:{ref}:not cited", xfail)
    for doc, day in doc_dates:
        yield case("doc_date", doc, "", "date", day, f"{doc}:date", xfail)
    for host, path in one_fetch:
        yield case("one_fetch", "", host, "", path, f"{host}{path}:fetched once", xfail)


def second_cases(quotes: list[tuple[str, str, str]], links: list[tuple[str, str, str]],
                 changes: dict[str, list[str]], xfail: dict[str, str], *, exit_status: int,
                 absent: Iterable[tuple[str, str]] = (), status_line: str | None = None
                 ) -> Iterator[Any]:
    """The second run's cases: each quote's and link's status then, each quote gone, each list
    of what changed, its exit status and the line `verifier status` prints of the changes."""
    for doc, key, status in quotes:
        yield case("quote2", doc, key, "status", status, f"run2:{doc}:{key}:status", xfail)
    for doc, key in absent:
        yield case("absent2", doc, key, "", None, f"run2:{doc}:{key}:gone", xfail)
    for doc, ref, status in links:
        yield case("link2", doc, ref, "link_status", status, f"run2:{doc}:{ref}:link_status",
                   xfail)
    for name, keys in changes.items():
        yield case("changes", "", name, "", keys, f"run2:changes:{name}", xfail)
    yield case("exit", "", "", "", exit_status, "run2:exit status", xfail)
    if status_line is not None:
        yield case("status_line", "", "", "", status_line, "run2:verifier status", xfail)


def check_export(view: ExportView, kind: str, doc: str, key: str, field_name: str,
                 expected: Any) -> bool:
    """Check a case of `export_cases` or `archive_cases`, or a quote's named source
    ('named_source': the outlet it was cited to by name); False for a kind it does not know."""
    if kind == "absent":
        assert not [q for q in view.data["quotes"] if q["document"] == view.doc(doc)
                    and q["text"].strip("“”\" ") == key]
    elif kind == "link":
        row = view.link(doc, key)
        assert row is not None, f"no citation of {key}"
        assert row[field_name] == expected, row
    elif kind == "final_url":
        row = view.link(doc, key)
        assert row is not None, f"no citation of {key}"
        assert row["final_url"] == view.url(expected), row
    elif kind in ("quote", "snapshot", "named_source"):
        row = view.quote(doc, key)
        assert row is not None, f"no single quote containing {key!r}"
        if kind == "snapshot":
            assert f"/{expected}" in (row["snapshot_url"] or ""), row
        elif kind == "named_source":
            assert row["named_source"] == expected, row
        else:
            want = view.url(expected) if field_name == "source_url" else expected
            assert row[field_name] == want, row
    else:
        return False
    return True
