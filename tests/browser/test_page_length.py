"""Every page of the book has a readable length: at most 15 screens of a 1400 × 900 window.

The best course books keep a page to roughly 8–15 screens; the chapters are split into pages
(`_toc.yml`) to stay within that. Each page is opened at 1400 × 900 and, once MathJax has typeset it
and its widgets have rendered (both change its height), its document height must be at most
15 × 900 = 13,500 px. The height of every page, in screens, is also printed at the end of the run.

Run: make test-browser (builds the book first), or this file alone after `make test-book`.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1400, 900
MAX_SCREENS = 15
TIMEOUT_MS = 20_000
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'


def test_page_is_at_most_15_screens(visit, report, page_path):
    page, _ = visit(page_path, viewport={"width": WIDTH, "height": HEIGHT})
    if page.evaluate("() => document.querySelector('.math') !== null"):
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                               timeout=TIMEOUT_MS)
        page.evaluate("() => MathJax.startup.promise")
    page.wait_for_function(
        """(sel) => [...document.querySelectorAll(sel)].every(s => {
               const area = s.previousElementSibling;
               return area && area.classList.contains('widget-subarea') && area.children.length > 0;
           }) && [...document.images].every(i => i.complete)""",
        arg=WIDGET_VIEW, timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)  # let the widgets lay out
    height = page.evaluate("() => document.documentElement.scrollHeight")
    screens = height / HEIGHT
    report["heights"].append(f"{screens:5.1f} screens ({height:6d} px at {WIDTH} × {HEIGHT})  {page_path}")
    assert screens <= MAX_SCREENS, (
        f"{page_path} is {height} px tall at {WIDTH} × {HEIGHT}: {screens:.1f} screens, more than {MAX_SCREENS}. "
        "Split it (a chapter's sections become pages of their own in _toc.yml) or fold away its code "
        "(tag a plotting or table-printing cell hide-input)")
