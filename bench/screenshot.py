"""Save a PNG of an HTML report, opened from disk in headless Chromium (Debian's package).

    .venv/bin/python bench/screenshot.py reports/run-1.html docs/report.png [--width 1280]
        [--height 900] [--full-page] [--filter failing] [--search WORDS]

Never downloads a browser: it uses /usr/bin/chromium (`apt-get install chromium`) or --chromium.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def screenshot(report: Path, out: Path, *, width: int = 1280, height: int = 900,
               full_page: bool = False, status_filter: str = "", search: str = "",
               chromium: str = "/usr/bin/chromium") -> Path:
    """Open the report via file:// and save what a reviewer sees as a PNG."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height},
                                    device_scale_factor=1)
            page.goto(report.resolve().as_uri())
            if status_filter:
                page.select_option("#filter-status", status_filter)
            if search:
                page.fill("#filter-search", search)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=full_page)
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="the report's HTML file")
    parser.add_argument("out", type=Path, help="the PNG to write")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels")
    parser.add_argument("--height", type=int, default=900, help="viewport height in CSS pixels")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not one screen")
    parser.add_argument("--filter", default="", help="a value of the 'Show' menu, e.g. failing")
    parser.add_argument("--search", default="", help="words typed in the search box")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the Chromium binary")
    args = parser.parse_args(argv)
    if not args.report.is_file():
        print(f"no report at {args.report}", file=sys.stderr)
        return 2
    if not Path(args.chromium).exists():
        print(f"no Chromium at {args.chromium} (apt-get install chromium)", file=sys.stderr)
        return 2
    path = screenshot(args.report, args.out, width=args.width, height=args.height,
                      full_page=args.full_page, status_filter=args.filter, search=args.search,
                      chromium=args.chromium)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
