"""What the browser benchmarks share: the built book, Debian's Chromium and how it is started, and
opening a page with every host but the local server cut off (as tests/browser/conftest.py does)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM  # noqa: E402  (started as the tests start it)
from chromium import CHROMIUM_ARGS as ARGS  # noqa: E402

__all__ = ["ARGS", "CHROMIUM", "HTML", "open_offline"]

HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()


def open_offline(browser, server, path, viewport=(1280, 900)):
    """A new context and page on ``server/path``, every request to another host aborted."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(server + "/") else r.abort("blockedbyclient")
    )
    page = context.new_page()
    page.goto(f"{server}/{path}", wait_until="load")
    return context, page
