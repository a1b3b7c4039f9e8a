"""The digit pad in JupyterLab, in a real browser: drawn on, edited with the keyboard, taught.

A real Jupyter server runs over a temporary copy of chapters/ (tests/lab/conftest.py). The chapter
that displays `bp.digits.digits(...)` is opened in JupyterLab in Debian's Chromium and run with
Run ▸ Run All Cells. The test reads the pad's stored network and data from the kernel (as a second
client of it), then, through the page only: it picks a test image with the keyboard in the menu,
edits pixels with the arrow keys, + and a digit in the 8 × 8 grid, draws a stroke with the mouse
and teaches the drawing a label; after each, the page's numbers must be bp.mlp's from the kernel's
state to 1e-12 (the rules of tests/browser/test_digits_live.py), and no key may reach JupyterLab
(no cell moved, added or turned into markdown). No output area may hold a traceback or stderr.

Run: make test-lab. CHROMIUM overrides /usr/bin/chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from labharness import Panel, chapters_calling, open_and_run, output_problems

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from digits_check import SHOWN_JS, TOL, Reference, flat, gap  # noqa: E402

pytestmark = pytest.mark.lab

NOTEBOOKS = chapters_calling(r"bp\.digits\.digits\(")
TRAITS = ("sizes", "weights", "hidden", "mean", "std", "images", "labels", "eta", "brush")
KERNEL_PADS = (
    "__import__('json').dumps([{k: getattr(w, k) for k in %r} for w in "
    "__import__('ipywidgets').widgets.widget._instances.values() "
    "if type(w).__module__ == 'bp.digits' and type(w).__name__ == 'Digits'])" % (TRAITS,)
)
NOTEBOOK_SHAPE = """() => {
    const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')];
    return {cells: cells.length, markdown: cells.filter(c => c.classList.contains('jp-MarkdownCell')).length,
            active: cells.findIndex(c => c.classList.contains('jp-mod-active'))};
}"""


def test_the_book_shows_a_digit_pad_in_a_notebook():
    assert NOTEBOOKS, "no chapter displays bp.digits.digits(...)"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_the_digit_pad_is_live_in_jupyterlab(lab, chromium, notebook):
    page = chromium.new_page()
    name = f"chapters/{notebook.name}"
    try:
        open_and_run(page, lab, name)
        assert output_problems(page) == [], "a cell printed an error or a traceback"
        (state,) = lab.kernel_value(name, KERNEL_PADS)
        ref = Reference(state)
        panel = Panel(page, ".bp-digits")
        panel.scroll_into_view()
        root = panel.root

        def after(action, where):
            before = panel.updates()
            action()
            panel.wait_redrawn(before)
            shown = root.evaluate(SHOWN_JS)
            g = gap(shown["P"], ref.P(shown["counts"]))
            assert g <= TOL, f"{where}: the page's probabilities are {g:.1e} from bp.mlp's"
            return shown

        menu = root.locator("select").first
        menu.focus()
        shape = page.evaluate(NOTEBOOK_SHAPE)
        shown = after(lambda: menu.press("ArrowDown"), "the first test image, by the keyboard")
        assert shown["counts"] == state["images"][0]
        cell = root.locator("td[role=gridcell]").first
        cell.focus()
        image = list(state["images"][0])
        page.keyboard.press("ArrowRight")
        shown = after(lambda: page.keyboard.press("3"), "3 typed in pixel 1")
        image[1] = 3
        assert shown["counts"] == image
        page.keyboard.press("ArrowDown")
        shown = after(lambda: page.keyboard.press("+"), "+ on pixel 9")
        image[9] = min(16, image[9] + 1)
        assert shown["counts"] == image
        assert page.evaluate(NOTEBOOK_SHAPE) == shape, "a key pressed in the pad reached the notebook"
        box = root.locator("canvas.bp-dg-pad").bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.5)
        page.mouse.down()
        shown = after(
            lambda: page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.5, steps=5),
            "a mouse stroke",
        )
        page.mouse.up()
        assert sum(shown["counts"]) > sum(image), "the stroke drew nothing"
        before = panel.updates()
        root.locator("button.bp-dg-teach-it").click()
        panel.wait_redrawn(before)
        shown = root.evaluate(SHOWN_JS)
        new, dW = ref.step(shown["counts"], int(root.locator(".bp-dg-teach select").input_value()), ref.layers)
        assert gap(shown["weights"], flat(new)) <= TOL and gap(shown["taught"]["dW"], dW) <= TOL
        assert np.array_equal(shown["P"], shown["taught"]["after"])
        assert output_problems(page) == [], "a traceback or stderr in an output area"
    finally:
        page.close()


def test_server_and_browser_stop_cleanly(lab, chromium):
    """Runs last: Chromium, Playwright's driver, the Jupyter server and its kernels all end."""
    left = chromium.stop() + lab.stop()
    assert left == [], f"processes left behind: {left}"
