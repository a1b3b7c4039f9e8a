"""Every page of the book has a readable length: at most 15 screens of a 1400 × 900 window.

The best course books keep a page to roughly 8–15 screens; the chapters are split into pages
(`_toc.yml`) to stay within that. Each page is opened at 1400 × 900 and, once MathJax has typeset it
and its widgets have rendered (both change its height; the page is scrolled through to the end,
as a reader would), its document height with its solutions and folded code closed must be at most
15 × 900 = 13,500 px. The height of every page, in screens, is also printed at the end of the run.

Run: make test-browser (builds the book first), or this file alone after `make test-book`.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1400, 900
MAX_SCREENS = 15


def test_page_is_at_most_15_screens(visit, report, lazy, page_path):
    page, _ = visit(page_path, viewport={"width": WIDTH, "height": HEIGHT})
    # MathJax typesets the math near the window and the widgets load as the reader comes to them:
    # read the page to the end first (what the page holds then is its height as read).
    lazy.scroll_through(page)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    screens = height / HEIGHT
    report["heights"].append(f"{screens:5.1f} screens ({height:6d} px at {WIDTH} × {HEIGHT})  {page_path}")
    assert screens <= MAX_SCREENS, (
        f"{page_path} is {height} px tall at {WIDTH} × {HEIGHT}: {screens:.1f} screens, more than {MAX_SCREENS}. "
        "Split it (a chapter's sections become pages of their own in _toc.yml) or fold away its code "
        "(tag a plotting or table-printing cell hide-input)"
    )
