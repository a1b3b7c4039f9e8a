"""What the browser benchmarks share: the built book, Debian's Chromium and how it is started, and
opening a page with every host but the local server cut off (as tests/browser/conftest.py does)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def open_offline(browser, server, path, viewport=(1280, 900)):
    """A new context and page on ``server/path``, every request to another host aborted."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(server + "/") else r.abort("blockedbyclient")
    )
    page = context.new_page()
    page.goto(f"{server}/{path}", wait_until="load")
    return context, page
