"""The stepper in JupyterLab, in a real browser, stepped through with the keyboard and the mouse.

A real Jupyter server runs over a temporary copy of chapters/ (tests/lab/conftest.py). Each chapter
that displays `bp.stepper(...)` is opened in JupyterLab in Debian's Chromium and run with Run ▸ Run
All Cells. The test reads each stepper's settings from the kernel (as a second client of it), then,
through the page only: it clicks the stepper (which makes its cell the active one, in command mode,
where the arrow keys are JupyterLab's shortcuts for moving between cells) and steps through a whole
pass and into the next with → and ↓, checking every step's numbers against `bp.forward`,
`bp.gradients` and one step of `bp.train` (tests/stepper_check.py, as the browser test does); the
notebook's active cell must not move and the focus must stay in the stepper. Then it picks another
start row in the selector (the kernel must hear it: its `row` changes) and clicks Next through that
pass. No output area nor the Log Console may hold a traceback or stderr. The last test stops the
server and the browser and asserts that nothing is left running.

Run: make test-lab. CHROMIUM overrides /usr/bin/chromium.
"""

from __future__ import annotations

import json
import time

import pytest

import bp
from labharness import Panel, chapters_calling, open_and_run, output_problems
from stepper_check import READ, check_step, close, expected, step_ids
from test_lab_explorer import show_log_console

pytestmark = pytest.mark.lab

NOTEBOOKS = chapters_calling(r"bp\.stepper\(")
# The settings of every stepper alive in the kernel, in the order they were made (as JSON text).
KERNEL_STEPPERS = (
    "__import__('json').dumps([dict(task=w.task, loss=w.loss, eta=w.eta, row=w.row, params=w.params, "
    "x=w.x, y=w.y) for w in __import__('ipywidgets').widgets.widget._instances.values() "
    "if type(w).__module__ == 'bp.stepper' and type(w).__name__ == 'Stepper'])"
)
ACTIVE_CELL = (
    "() => [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')]"
    ".findIndex(c => c.classList.contains('jp-mod-active'))"
)


def test_the_chapters_show_a_stepper():
    # A chapter is several notebooks (classification.ipynb, classification_gradients.ipynb, ...).
    assert {p.stem.split("_")[0] for p in NOTEBOOKS} >= {"regression", "classification"}, NOTEBOOKS


def step_through(page, root, state, row, params, how, where):
    """Step from step 1 of a pass on `row` to step 1 of the next pass, pressing keys or clicking
    Next (`how`: a list of key names or "next"); check every step. Returns the next pass's state."""
    ids = step_ids(state["task"])
    exp = expected(state, row, params)
    shown = root.evaluate(READ)
    for i in range(len(ids)):
        if i:
            updates = shown["updates"]
            if how == "next":
                root.locator(".bp-next").click()
            else:
                page.keyboard.press(how[i % len(how)])
            shown = root.evaluate(READ)
            assert shown["updates"] > updates, f"{where}: step {i + 1} did not come"
        assert shown["row"] == row and all(close(shown["params"][n], params[n]) for n in bp.PARAM_NAMES), where
        check_step(shown, ids, exp, f"{where}, step {i + 1} ({ids[i]})")
    if how == "next":
        root.locator(".bp-next").click()
    else:
        page.keyboard.press(how[0])
    shown = root.evaluate(READ)
    assert shown["step"] == 1 and shown["row"] == (row + 1) % len(state["x"]), (where, shown["step"], shown["row"])
    new = {n: exp[f"new.{n}"] for n in bp.PARAM_NAMES}
    assert all(close(shown["params"][n], new[n]) for n in bp.PARAM_NAMES), f"{where}: the next pass's parameters"
    return shown


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stepper_steps_in_jupyterlab(lab, chromium, notebook):
    path = f"chapters/{notebook.name}"
    page = chromium.new_page()
    try:
        open_and_run(page, lab, path)
        assert output_problems(page) == [], "a cell printed an error or a traceback"
        states = lab.kernel_value(path, KERNEL_STEPPERS)
        roots = page.locator(".jp-OutputArea-output .bp-stepper")
        assert states and roots.count() == len(states), f"{len(states)} steppers in the kernel, {roots.count()} shown"
        # Keys that leave the stepper would reach JupyterLab: recorded here.
        page.evaluate(
            "() => { window.__bpLeaked = []; document.addEventListener('keydown', e => __bpLeaked.push(e.key)); }"
        )
        for k, state in enumerate(states):
            panel = Panel(page, ".bp-stepper", k)
            root = panel.root
            panel.scroll_into_view()
            where = f"{notebook.stem}, stepper {k + 1}"
            shown = root.evaluate(READ)
            assert (shown["pass"], shown["step"], shown["row"]) == (1, 1, state["row"]), (where, shown)
            assert shown["params"] == state["params"] and shown["eta"] == state["eta"], where

            # A click on the drawing gives the stepper the focus and makes its cell the active one.
            root.locator(".bp-drawing").click()
            active = page.evaluate(ACTIVE_CELL)
            assert active >= 0 and root.evaluate("el => el.contains(document.activeElement)"), where
            shown = step_through(
                page, root, state, state["row"], state["params"], ["ArrowRight", "ArrowDown"], f"{where}, keys"
            )
            assert page.evaluate(ACTIVE_CELL) == active, f"{where}: the arrow keys moved JupyterLab's active cell"
            assert root.evaluate("el => el.contains(document.activeElement)"), f"{where}: the keys took the focus away"
            assert shown["leaked"] == [], f"{where}: keys reached JupyterLab: {shown['leaked']}"

            # Another start row, from the selector: the kernel hears it; then Next through that pass.
            row = (state["row"] + 1) % len(state["x"])
            root.locator("select").select_option(str(row))
            shown = root.evaluate(READ)
            assert (shown["pass"], shown["step"], shown["row"]) == (1, 1, row), (where, shown)
            # The kernel hears the change asynchronously: ask it again (each ask a round trip) until it holds it.
            deadline = time.monotonic() + 10
            held = lab.kernel_value(path, KERNEL_STEPPERS)[k]["row"]
            while held != row and time.monotonic() < deadline:
                held = lab.kernel_value(path, KERNEL_STEPPERS)[k]["row"]
            assert held == row, f"{where}: the page starts from row {row}, the kernel holds row {held}"
            step_through(page, root, state, row, state["params"], "next", f"{where}, row {row}, Next")
        show_log_console(page)
        assert output_problems(page) == [], "a traceback or stderr in an output area or the Log Console"
        assert json.dumps(page.evaluate("() => __bpLeaked")) == "[]"
    finally:
        page.close()


# The last test of this module, as of the explorer's: its server and browser stop cleanly.
from test_lab_explorer import test_server_and_browser_stop_cleanly  # noqa: E402,F401
