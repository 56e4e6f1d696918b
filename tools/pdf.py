"""The PDF edition: the built print view, printed by Debian's Chromium through Playwright.

Usage: python tools/pdf.py SITE_DIR   (after the site build; `make build` runs it)

Writes SITE_DIR/ml-engineer-roadmap.pdf with a document outline from the headings (a bookmark per
phase and topic), tagged where the browser supports it, clickable links, page numbers and the build
date in the footer. The print view holds every phase page's article (macros/print_book.py), so the
PDF says what the pages say.
"""

from __future__ import annotations

import datetime
import functools
import http.server
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from macros import downloads  # noqa: E402

PDF_NAME = "ml-engineer-roadmap.pdf"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FOOTER = (
    '<div style="font: 8px system-ui, sans-serif; width: 100%; padding: 0 12mm; display: flex; '
    'justify-content: space-between; color: #555;"><span>ML Engineer Roadmap, built {date}</span>'
    '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def write_pdf(site_dir: Path, target: Path | None = None, build_date: datetime.date | None = None,
              browser=None) -> Path:
    """Print SITE_DIR/print.html to `target`, with a browser of its own unless one is given (a
    process runs one Playwright at a time, so the tests pass theirs)."""
    from playwright.sync_api import sync_playwright

    if browser is None:
        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                return write_pdf(site_dir, target, build_date, own)
            finally:
                own.close()
    build_date = build_date or datetime.date.today()
    target = target or site_dir / PDF_NAME
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context()
        try:
            page = context.new_page()
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            # Nothing but the site itself: the PDF must not depend on, or leak to, another host.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
            page.goto(base + "print.html", wait_until="load")
            page.emulate_media(media="print")
            page.evaluate("document.title = 'ML Engineer Roadmap'")  # the PDF's title, not the page's
            page.pdf(
                path=str(target), format="A4", print_background=False, outline=True, tagged=True,
                display_header_footer=True, header_template="<span></span>",
                footer_template=FOOTER.format(date=build_date.isoformat()),
                margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
            )
        finally:
            context.close()
    finally:
        server.shutdown()
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/pdf.py SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[0])
    if not (site / "print.html").is_file():
        print(f"{site}/print.html not found: build the site first", file=sys.stderr)
        return 1
    target = write_pdf(site)
    pages = downloads.fill(site, "pdf")
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB), linked from {len(pages)} page(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
