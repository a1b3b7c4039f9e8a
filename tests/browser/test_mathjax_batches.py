"""MathJax's lazy typesetting runs in small batches (_templates/mathjax-batches.js): a first screen
full of formulas is typeset a few formulas per task, not in one long task, and the page's math is
still complete wherever the reader looks. test_book.py checks every page's math once scrolled to;
this checks that the batches are in place and are batches (mathjax-batches.js replaces internals of
MathJax's ui/lazy: if a MathJax update changes them, the page silently falls back to one batch)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from conftest import COMPLETE_IN_VIEW, TIMEOUT_MS, WIDGET_VIEW

pytestmark = pytest.mark.browser

# The page that opens with the most formulas on its first screen (about twenty at 1400 × 900): the
# one whose single batch was the page's largest long task. The test checks it still has that many.
PAGE = "chapters/classification_gradients.html"
FULL_SCREEN = 10

# MathJax's lazy document once nothing is waiting to be typeset: the batches' sizes, and the
# formulas of the page typeset and still waiting (mjx-lazy, MathJax's placeholder).
QUIET = """() => { const d = MathJax.startup.document;
    return d.bpBatches.length > 0 && !d.lazyIdle && d.lazySet.size === 0; }"""
STATE = """() => ({batches: MathJax.startup.document.bpBatches,
    typeset: document.querySelectorAll('.bd-article .math mjx-container:not(:has(mjx-lazy))').length,
    waiting: document.querySelectorAll('.bd-article .math mjx-lazy').length})"""


def test_a_full_first_screen_is_typeset_in_batches_and_the_rest_as_the_reader_scrolls(visit, lazy):
    page, log = visit(PAGE, viewport={"width": 1400, "height": 900})
    page.wait_for_function(COMPLETE_IN_VIEW, arg=WIDGET_VIEW, timeout=TIMEOUT_MS)
    assert page.evaluate("() => Array.isArray(MathJax.startup.document.bpBatches)"), (
        "mathjax-batches.js is not in place (not in the page, or MathJax's ui/lazy changed): one batch"
    )
    page.wait_for_function(QUIET, timeout=TIMEOUT_MS)
    first = page.evaluate(STATE)
    batches = first["batches"]
    assert first["typeset"] >= FULL_SCREEN, f"{PAGE} no longer opens with a screen full of formulas: {first}"
    assert first["waiting"] > 0, "the formulas far below were typeset too: MathJax's lazy typesetting is off"
    # The first batch is one formula; each later one at most twice the one before it.
    assert batches[0] == 1 and len(batches) > 1, batches
    assert all(b <= 2 * max(a, 1) for a, b in pairwise(batches)), batches
    assert sum(batches) >= first["typeset"], (batches, first)  # every formula typeset came in a batch

    lazy.scroll_through(page)  # waits, window after window, until the math in view is typeset
    page.wait_for_function(QUIET, timeout=TIMEOUT_MS)
    read = page.evaluate(STATE)
    assert read["typeset"] > first["typeset"] and len(read["batches"]) > len(batches), read
    assert not log["console"], log["console"]


# A page with a table of formulas wider than a phone's window: its box scrolls sideways.
WIDE_TABLE_PAGE = "chapters/any_network_tools.html"
WIDE = """() => [...document.querySelectorAll('.pst-scrollable-table-container')]
    .filter(t => t.scrollWidth > t.clientWidth + 20 && t.querySelector('.math'))"""


def test_the_formulas_of_a_table_scrolled_sideways_are_typeset(visit, lazy):
    """The right columns of a wide table on a phone are out of sight until the reader scrolls the
    table: MathJax typesets them then (and the batches may well leave them until then)."""
    page, log = visit(WIDE_TABLE_PAGE, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tables = page.evaluate_handle(WIDE)
    n = page.evaluate("ts => ts.length", tables)
    assert n > 0, f"{WIDE_TABLE_PAGE} has no table of formulas wider than a phone's window any more"
    for k in range(n):
        table = tables.evaluate_handle("(ts, k) => ts[k]", k).as_element()
        lazy.show(page, table)
        table.evaluate("t => { t.scrollLeft = t.scrollWidth; }")  # to its last column
        page.wait_for_function(COMPLETE_IN_VIEW, arg=WIDGET_VIEW, timeout=TIMEOUT_MS)
        untypeset = table.evaluate("""t => [...t.querySelectorAll('.math')].filter(m => {
            const r = m.getBoundingClientRect(), b = t.getBoundingClientRect();
            return r.left >= b.left && r.right <= b.right && r.bottom >= 0 && r.top <= innerHeight
                   && (!m.querySelector('mjx-container') || m.querySelector('mjx-lazy')); }).length""")
        assert untypeset == 0, f"table {k}: {untypeset} formulas in its last columns not typeset"
    assert not log["console"], log["console"]
