"""What the browser tests of the report share: Debian's Chromium, headless, driven by
Playwright (never a downloaded browser), and a page that records everything it does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium); "
           "no browser is ever downloaded")


def chromium_browser() -> Iterator[Any]:
    """A headless Chromium for a module's tests (the body of its `browser` fixture)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extras")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page plus everything it said: console messages, uncaught errors, dialogs, requests."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.context.on("request", lambda r: self.requests.append(r.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, path: Path) -> Any:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def assert_quiet(self) -> None:
        assert self.dialogs == [], "a script from the data ran"
        assert self.errors == []
        assert [m for m in self.console if m.startswith(("error", "warning"))] == []
        assert [u for u in self.requests if not u.startswith("file://")] == []


def watched_page(browser: Any) -> Iterator[Watched]:
    """A fresh watched page (the body of a module's `watched` fixture)."""
    w = Watched(browser)
    yield w
    w.context.close()


def quote_item(page: Any, words: str) -> Any:
    """The report's item of the quote containing these words (its own text, not a passage)."""
    found = page.locator("li[data-kind='quote']").filter(
        has=page.locator("blockquote.quote-text", has_text=words))
    assert found.count() == 1, words
    return found.first
