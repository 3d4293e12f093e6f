"""A realistic two-run database for the report's tests, filled through the real Store API.

Run 1 and run 2 cover two documents (Markdown with footnotes, HTML with Persian sources) whose
quotes and links take every status, with WARC evidence copies written by warcio, Wayback
snapshots, and changes between the runs (newly failing, recovered, newly archived, a link
failing but not yet confirmed). Hostile strings sit in a quote, a speaker, a document title and
a fetched page's title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from verifier.evidence import EvidenceStore, Exchange
from verifier.history import counts_and_changes
from verifier.models import (
    ArchiveInfo,
    Attempt,
    Citation,
    DiffOp,
    Document,
    EvidenceRef,
    Extraction,
    Fetch,
    Hop,
    PageText,
    Quote,
    Snapshot,
    Verdict,
)
from verifier.status import LinkStatus, QuoteStatus
from verifier.store import Store
from verifier.storekeys import fetch_key_live, fetch_key_snapshot

SCRIPT_QUOTE = "He typed <script>alert(1)</script> into the form"
IMG_TITLE = "<img src=x onerror=alert(2)>"
DOC_IMG_TITLE = "Budget notes <img src=x onerror=alert(3)>"
EVIL_SPEAKER = "<b onmouseover=alert(6)>Bob</b>"

RIVER = "https://news.example.test/river"
SCHOOLS = "https://gov.example.test/schools"
SPEECH = "https://old.example.test/speech"
BLOG = "https://blog.example.test/post"
BLOG_MOVED = "https://blog.example.test/new-post"
PAYWALL = "https://paywall.example.test/article"
GONE = "https://gone.example.test/page"
SLOW = "https://slow.example.test/x"
SKIPPED = "https://skip.example.test/a"
PERSIAN = "https://fa.example.test/khabar"
EVIL = "https://evil.example.test/"
JS_URL = "javascript:alert(4)"

RIVER_QUOTE = "The river has never been this low"
RIVER_EVIDENCE = "Officials met on Monday. The river has never been this low, she told reporters."
PARTIAL_QUOTE = "We will build ten new schools this year"
PARTIAL_EVIDENCE = "The ministry said: We will build eight new schools this year, in three regions."
PARTIAL_DIFF = [DiffOp("equal", "We will build"), DiffOp("removed", "ten"),
                DiffOp("added", "eight"), DiffOp("equal", "new schools this year")]
PERSIAN_QUOTE = "آب مایه زندگی است"
PERSIAN_EVIDENCE = "وزیر گفت: آب مایه زندگی است و باید از آن محافظت کرد."

T1 = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 21, 4, 12, tzinfo=UTC)


@dataclass
class ReportFixture:
    store: Store
    archive_dir: Path
    run1: int
    run2: int
    docs: dict[str, int] = field(default_factory=dict)  # name -> document id
    shas: dict[str, str] = field(default_factory=dict)  # label -> sha256 of an evidence copy


class Evidence:
    """The real evidence store, as the Fetcher keeps fetched bodies."""

    def __init__(self, archive_dir: Path) -> None:
        self.archive_dir = archive_dir
        self.store = EvidenceStore(archive_dir, run_label="fixture")

    def keep(self, url: str, body: bytes, content_type: str) -> EvidenceRef:
        ref = self.store.record(Exchange(
            url=url, request_headers=[("User-Agent", "verifier-test")], status=200, reason="OK",
            response_headers=[("Content-Type", content_type)], body=body,
            fetched_at=datetime(2026, 11, 20, 4, 0, tzinfo=UTC)))
        self.store.close()
        return ref


def _page(title: str, paragraphs: list[str], lang: str = "en") -> bytes:
    import html

    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><title>{html.escape(title)}</title>'
            f"<script>alert('page script')</script></head><body>{body}"
            f"<img src=x onerror=\"alert('page img')\"></body></html>").encode()


def _ok(url: str, at: datetime, ev: Evidence, body: bytes, title: str, *, lang: str = "en",
        status: LinkStatus = LinkStatus.OK, final_url: str | None = None,
        redirects: list[Hop] | None = None) -> Fetch:
    ref = ev.keep(final_url or url, body, "text/html; charset=utf-8")
    return Fetch(url=url, link_status=status, reason="200 OK" if status == LinkStatus.OK
                 else "moved permanently", fetched_at=at, http_status=200,
                 final_url=final_url or url, redirects=redirects or [],
                 attempts=[Attempt(at=at, outcome="200", elapsed=0.21)],
                 content_type="text/html; charset=utf-8", sha256=ref.sha256, size=len(body),
                 evidence=ref, page=PageText(text="", language=lang, title=title))


def _failed(url: str, at: datetime, status: LinkStatus, reason: str, http: int | None,
            outcomes: list[str]) -> Fetch:
    attempts = [Attempt(at=at + timedelta(seconds=2 * i), outcome=o, elapsed=0.5, waited=float(i))
                for i, o in enumerate(outcomes)]
    return Fetch(url=url, link_status=status, reason=reason, fetched_at=at, http_status=http,
                 final_url=url, attempts=attempts)


def _snapshot(url: str, ts: str, status: int = 200) -> Snapshot:
    return Snapshot(url=url, timestamp=ts, archive_url=f"https://web.archive.org/web/{ts}/{url}",
                    status_code=status)


def _extractions(root: Path) -> tuple[Extraction, Extraction]:
    report = Document(source=str(root / "docs" / "report.md"), name="report.md", format="md",
                      sha256="a" * 64, text="", title="Water report 2026",
                      date=date(2026, 11, 1), date_source="text")
    cites_a = [
        Citation("link", 10, 3, url=RIVER, normalized_url=RIVER, context="as reported [1]"),
        Citation("footnote", 20, 40, page=2, url=SCHOOLS, normalized_url=SCHOOLS, marker="2",
                 context="2. Ministry statement " + SCHOOLS),
        Citation("link", 30, 7, url=SPEECH, normalized_url=SPEECH, cited_date=date(2009, 12, 20),
                 context="the 2009 speech"),
        Citation("link", 40, 9, url=BLOG, normalized_url=BLOG),
        Citation("link", 50, 11, url=PAYWALL, normalized_url=PAYWALL),
        Citation("link", 60, 13, url=GONE + ".", normalized_url=GONE),
        Citation("link", 70, 15, url=SLOW, normalized_url=SLOW),
        Citation("named_source", 80, 17, outlet="Kayhan", cited_date=date(2010, 1, 5),
                 context="Kayhan, 5 January 2010"),
        Citation("link", 90, 19, url=SKIPPED, normalized_url=SKIPPED),
        Citation("link", 95, 21, url=JS_URL, normalized_url=None, context="a bad link"),
    ]
    quotes_a = [
        Quote(RIVER_QUOTE, 100, 3, speaker="Minister Sara Lind", citations=[0]),
        Quote(PARTIAL_QUOTE, 200, 5, page=1, speaker="The ministry", citations=[1]),
        Quote("Peace is within reach", 300, 7, speaker="The president", citations=[2]),
        Quote("Prices will fall next spring", 400, 9, speaker="Zoë Brandt, an economist", citations=[3]),
        Quote("The report was buried", 500, 11, speaker="Sean O’Neill, a whistleblower", citations=[4]),
        Quote("Everything is under control", 600, 17, speaker="A spokesman", citations=[7]),
        Quote("Water is life", 700, 19, speaker="A farmer", citations=[0, 6]),
    ]
    budget = Document(source=str(root / "docs" / "budget.html"), name="budget.html",
                      format="html", sha256="b" * 64, text="", title=DOC_IMG_TITLE)
    cites_b = [
        Citation("link", 10, 2, url=PERSIAN, normalized_url=PERSIAN),
        Citation("link", 20, 4, url=EVIL, normalized_url=EVIL),
    ]
    quotes_b = [
        Quote(PERSIAN_QUOTE, 100, 2, speaker="وزیر", citations=[0]),
        Quote(SCRIPT_QUOTE, 200, 4, speaker=EVIL_SPEAKER, citations=[1]),
        Quote("Nobody saw it coming", 300, 6, speaker="A resident", citations=[]),
        Quote("The economy grew by five percent", 400, 8, speaker="The minister", citations=[0]),
    ]
    return Extraction(report, cites_a, quotes_a), Extraction(budget, cites_b, quotes_b)


def _verdict(url: str | None, status: QuoteStatus, fetch: Fetch | None = None, *,
             evidence: str = "", match: str | None = None, score: float = 0.0,
             diff: list[DiffOp] | None = None, snapshot: Snapshot | None = None,
             note: str = "", at: datetime = T1) -> Verdict:
    highlight = None
    if match:
        start = evidence.index(match)
        highlight = (start, start + len(match))
    return Verdict(url=url, status=status, score=score, evidence=evidence, highlight=highlight,
                   diff=diff or [], against=("snapshot" if snapshot else "live") if fetch else None,
                   sha256=fetch.sha256 if fetch else None, snapshot=snapshot, note=note,
                   checked_at=at)


class _RunWriter:
    """Saves one run's fetches and snapshots the way the pipeline does, keeping their ids."""

    def __init__(self, store: Store, run: int, at: datetime, ev: Evidence) -> None:
        self.store, self.run, self.at, self.ev = store, run, at, ev
        self.fetch_ids: dict[str, int] = {}
        self.snapshot_ids: dict[tuple[str, str], int] = {}

    def live(self, fetch: Fetch, confirmed: bool = False) -> Fetch:
        self.fetch_ids[fetch_key_live(fetch.url)] = self.store.save_fetch(
            self.run, fetch, link_state={"url": fetch.url, "status": str(fetch.link_status),
                                         "confirmed": int(confirmed)})
        return fetch

    def archived(self, snap: Snapshot, body: bytes) -> Fetch:
        """A raw (id_) copy of a snapshot, fetched and kept as evidence."""
        sid = self.store.save_snapshot(snap, self.run)
        self.snapshot_ids[(snap.url, snap.timestamp)] = sid
        ref = self.ev.keep(snap.archive_url, body, "text/html; charset=utf-8")
        raw_url = snap.archive_url.replace(f"/{snap.timestamp}/", f"/{snap.timestamp}id_/")
        fetch = Fetch(url=raw_url, link_status=LinkStatus.OK, reason="200 OK",
                      fetched_at=self.at, http_status=200,
                      content_type="text/html; charset=utf-8", sha256=ref.sha256,
                      size=len(body), evidence=ref)
        self.fetch_ids[fetch_key_snapshot(snap)] = self.store.save_fetch(
            self.run, fetch, kind="snapshot", snapshot_id=sid)
        return fetch


def build_report_store(tmp_path: Path) -> ReportFixture:
    """Two complete runs over two documents, as a real pipeline would have stored them."""
    store = Store.open(tmp_path / "v.db")
    archive_dir = tmp_path / "archive"
    ev = Evidence(archive_dir)
    ex_a, ex_b = _extractions(tmp_path)
    settings = {"concurrency": 16, "per_host": 2, "timeout": 20.0, "deadline": 60.0,
                "retries": 3, "wayback_url": "", "no_wayback": False, "save": "missing",
                "partial_threshold": 0.8, "full": False, "dead_after_checks": 3,
                "dead_after_days": 3.0, "user_agent": ""}
    fx = ReportFixture(store=store, archive_dir=archive_dir, run1=0, run2=0)

    for run_no, start in ((1, T1), (2, T2)):
        run = store.start_run(inputs=[str(tmp_path / "docs")], settings=settings, pid=4242,
                              host="newsroom-1", version="0.1.0", started_at=start)
        if run_no == 1:
            fx.run1 = run
        else:
            fx.run2 = run
        doc_a = store.save_extraction(run, ex_a)
        doc_b = store.save_extraction(run, ex_b)
        fx.docs = {"report.md": doc_a, "budget.html": doc_b}
        at = start + timedelta(minutes=1)
        writer = _RunWriter(store, run, at, ev)
        live, archived = writer.live, writer.archived

        river = live(_ok(RIVER, at, ev, _page("River levels", [RIVER_EVIDENCE, "Water is life."
                                                               if run_no == 1 else "Dry."]),
                         "River levels"))
        fx.shas["river"] = river.sha256 or ""
        schools = (live(_ok(SCHOOLS, at, ev, _page("Schools", [PARTIAL_EVIDENCE]), "Schools"))
                   if run_no == 1 else
                   live(_failed(SCHOOLS, at, LinkStatus.DEAD, "404 Not Found", 404, ["404"])))
        live(_failed(SPEECH, at, LinkStatus.DEAD, "410 Gone", 410, ["410"]), confirmed=run_no == 2)
        blog_text = "Prices will fall next spring, he wrote." if run_no == 2 else "Nothing here."
        blog = live(_ok(BLOG, at, ev, _page("Blog", [blog_text]), "Blog",
                        status=LinkStatus.REDIRECTED, final_url=BLOG_MOVED,
                        redirects=[Hop(BLOG, 301, BLOG_MOVED)]))
        live(_failed(PAYWALL, at, LinkStatus.BLOCKED, "403 Forbidden", 403, ["403"]))
        live(_failed(GONE, at, LinkStatus.SOFT_404, "answers 200 with a 'page not found' page",
                     200, ["200"]))
        slow = (live(_failed(SLOW, at, LinkStatus.ERROR, "timed out 3 times", None,
                             ["timeout", "timeout", "timeout"]))
                if run_no == 1 else live(_ok(SLOW, at, ev, _page("Slow", ["Water is life, "
                                                                          "not a slogan."]), "Slow")))
        fx.shas["slow"] = slow.sha256 or ""
        live(Fetch(url=SKIPPED, link_status=LinkStatus.SKIPPED, reason="host in skip_hosts",
                   fetched_at=at))
        persian = live(_ok(PERSIAN, at, ev, _page("خبر", [PERSIAN_EVIDENCE], lang="fa"), "خبر",
                           lang="fa"))
        evil_body = _page(IMG_TITLE, ["Comments: <script>alert(1)</script> was typed."])
        evil = live(_ok(EVIL, at, ev, evil_body, IMG_TITLE))
        fx.shas["evil"] = evil.sha256 or ""

        speech_snap = _snapshot(SPEECH, "20091215103000")
        store.save_archive_info(run, SPEECH, ArchiveInfo(
            SPEECH, closest=speech_snap, newest=_snapshot(SPEECH, "20200301000000")))
        speech_copy = archived(speech_snap, _page("Speech", ["Peace is within reach, he said."]))
        fx.shas["speech"] = speech_copy.sha256 or ""
        store.save_archive_info(run, PAYWALL, ArchiveInfo(
            PAYWALL, closest=_snapshot(PAYWALL, "20250101000000"),
            newest=_snapshot(PAYWALL, "20250101000000")))
        if run_no == 1:
            store.save_archive_info(run, GONE, ArchiveInfo(GONE))
        else:
            store.save_archive_info(run, GONE, ArchiveInfo(
                GONE, newest=_snapshot(GONE, "20261121041500")))
        schools_snap = _snapshot(SCHOOLS, "20261001000000")
        schools_copy = None
        if run_no == 2:
            store.save_archive_info(run, SCHOOLS, ArchiveInfo(SCHOOLS, closest=schools_snap,
                                                              newest=schools_snap))
            schools_copy = archived(schools_snap, _page("Schools", [PARTIAL_EVIDENCE]))

        quote_ids = (store.quote_ids(doc_a, ex_a.document.sha256)
                     + store.quote_ids(doc_b, ex_b.document.sha256))
        river_v = _verdict(RIVER, QuoteStatus.VERIFIED, river, evidence=RIVER_EVIDENCE,
                           match=RIVER_QUOTE, score=1.0)
        partial_v = (_verdict(SCHOOLS, QuoteStatus.PARTIAL, schools, evidence=PARTIAL_EVIDENCE,
                              match="We will build eight new schools this year", score=0.88,
                              diff=PARTIAL_DIFF)
                     if run_no == 1 else
                     _verdict(SCHOOLS, QuoteStatus.PARTIAL, schools_copy,
                              evidence=PARTIAL_EVIDENCE, score=0.88, diff=PARTIAL_DIFF,
                              match="We will build eight new schools this year",
                              snapshot=schools_snap, note="the live page is gone (404)"))
        speech_v = _verdict(SPEECH, QuoteStatus.VERIFIED_ARCHIVE, speech_copy,
                            evidence="Peace is within reach, he said.",
                            match="Peace is within reach", score=1.0, snapshot=speech_snap,
                            note="the live page is gone (410); found in the Wayback snapshot")
        blog_v = (_verdict(BLOG, QuoteStatus.NOT_FOUND, blog, score=0.31,
                           evidence="Nothing here.")
                  if run_no == 1 else
                  _verdict(BLOG, QuoteStatus.VERIFIED, blog, evidence=blog_text,
                           match="Prices will fall next spring", score=1.0))
        paywall_v = _verdict(PAYWALL, QuoteStatus.SOURCE_UNAVAILABLE,
                             note="the page refused verifier (403) and the archived copy has "
                                  "no text")
        unsourced_a = _verdict(None, QuoteStatus.UNSOURCED, note="cites a named source only")
        water_live = (_verdict(RIVER, QuoteStatus.VERIFIED, river, evidence="Water is life.",
                               match="Water is life", score=1.0)
                      if run_no == 1 else
                      _verdict(RIVER, QuoteStatus.NOT_FOUND, river, evidence="Dry.", score=0.2))
        water_slow = (_verdict(SLOW, QuoteStatus.SOURCE_UNAVAILABLE, note="timed out")
                      if run_no == 1 else
                      _verdict(SLOW, QuoteStatus.NOT_FOUND, slow, evidence="Water is life, not "
                               "a slogan.", score=0.6))
        persian_v = _verdict(PERSIAN, QuoteStatus.VERIFIED, persian, evidence=PERSIAN_EVIDENCE,
                             match=PERSIAN_QUOTE, score=1.0)
        evil_v = _verdict(EVIL, QuoteStatus.NOT_FOUND, evil, score=0.4,
                          evidence="Comments: <script>alert(1)</script> was typed.",
                          match="<script>alert(1)</script> was typed")  # the closest passage
        unsourced_b = _verdict(None, QuoteStatus.UNSOURCED)
        cross_v = _verdict(PERSIAN, QuoteStatus.CROSS_LANGUAGE, persian, score=0.0,
                           note="the source is in Persian (fa), the quote in English (en)")
        verdicts: list[tuple[list[Verdict], Verdict]] = [
            ([river_v], river_v), ([partial_v], partial_v), ([speech_v], speech_v),
            ([blog_v], blog_v), ([paywall_v], paywall_v), ([unsourced_a], unsourced_a),
            ([water_live, water_slow], water_live if run_no == 1 else water_slow),
            ([persian_v], persian_v), ([evil_v], evil_v), ([unsourced_b], unsourced_b),
            ([cross_v], cross_v),
        ]
        for quote_id, (all_v, best) in zip(quote_ids, verdicts, strict=True):
            store.save_checks(run, quote_id, all_v, best, writer.fetch_ids,
                              writer.snapshot_ids)
        counts, changes = counts_and_changes(store, run)
        store.finish_run(run, status="completed", counts=counts, changes=changes.as_dict(),
                         exit_status=1, warnings=["budget.html: 1 link could not be parsed"],
                         finished_at=start + timedelta(minutes=3, seconds=25))
    return fx
