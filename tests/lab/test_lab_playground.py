"""The network playground, live where learners use it: JupyterLab in a real browser.

A real Jupyter server runs on 127.0.0.1 over a temporary copy of chapters/ (as for the explorers,
test_lab_explorer.py). Each chapter that displays `bp.playground(...)` is opened in JupyterLab in
Debian's Chromium and run with Run ▸ Run All Cells. For each playground, through the page only and
with the keyboard — a control focused (as Tab would), arrow keys on the sliders and selects, the seed
edited with Backspace and a digit, Space on Play — the test changes the settings, waits for each
run's "done" signal and checks the losses shown against `bp.mlp.train` for the settings read back
from the page, under the rule of tests/browser/playground_check.py (first epoch to 1e-12; stable
settings to 1e-9; unstable ones reported). It checks that the long runs go to a Web Worker (a Blob
worker works in JupyterLab), that the keys never reach JupyterLab (no cell moved, added or turned
into markdown: a digit in command mode would make a heading), and that the kernel holds the
settings the page shows. The last test stops the server and the browser and asserts that no process
they started is left behind.

Run: make test-lab. CHROMIUM overrides /usr/bin/chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from labharness import chapters_calling, open_and_run, output_problems

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from playground_check import SHOWN_JS, check, controls_match, model_datasets  # noqa: E402

pytestmark = pytest.mark.lab

NOTEBOOKS = chapters_calling(r"bp\.playground\(")
TRAITS = (
    "dataset",
    "hidden_layers",
    "width",
    "activation",
    "eta",
    "batch_size",
    "epochs",
    "seed",
    "scale",
    "datasets",
    "etas",
    "epoch_values",
)
# Every playground alive in the kernel, in the order they were made (as JSON text).
KERNEL_PLAYGROUNDS = (
    "__import__('json').dumps([{k: getattr(w, k) for k in %r} for w in "
    "__import__('ipywidgets').widgets.widget._instances.values() "
    "if type(w).__module__ == 'bp.playground' and type(w).__name__ == 'Playground'])" % (TRAITS,)
)
# (control, keys): each a setting changed with the keyboard only.
MOVES = [
    ("hidden_layers", ["ArrowRight"]),
    ("activation", ["ArrowDown"]),
    ("batch_size", ["ArrowUp"]),
    ("seed", ["End", "Backspace", "7"]),
    ("eta", ["ArrowLeft"]),
    ("epochs", ["ArrowLeft"]),
    ("dataset", ["ArrowDown"]),
]
NOTEBOOK_SHAPE = """() => {
    const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')];
    return {cells: cells.length, markdown: cells.filter(c => c.classList.contains('jp-MarkdownCell')).length,
            active: cells.findIndex(c => c.classList.contains('jp-mod-active'))};
}"""


def test_the_book_shows_a_playground_in_a_notebook():
    assert NOTEBOOKS, "no chapter displays bp.playground(...)"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_playground_is_live_in_jupyterlab(lab, chromium, notebook, capsys):
    page = chromium.new_page()
    name = f"chapters/{notebook.name}"
    try:
        open_and_run(page, lab, name)
        assert output_problems(page) == [], "a cell printed an error or a traceback"
        kernel = lab.kernel_value(name, KERNEL_PLAYGROUNDS)
        roots = page.locator(".jp-OutputArea-output .bp-playground")
        assert roots.count() == len(kernel) >= 1, f"{len(kernel)} playgrounds in the kernel, {roots.count()} shown"
        lines = []
        for i, state in enumerate(kernel):
            root = roots.nth(i)
            root.evaluate("n => n.scrollIntoView({block: 'center'})")
            page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=60_000)
            shown = root.evaluate(SHOWN_JS)
            assert shown["engine"] == "Web Worker", f"playground {i}'s long runs go to the {shown['engine']}"
            data = model_datasets(state)
            lines.append(check(shown, data, f"{name} playground {i}, as run")["line"])
            # Keys pressed in the widget never reach JupyterLab. (Focusing a control makes its cell the
            # active one, as a click would: the notebook's shape is taken from then on.)
            root.locator('.bp-pg-controls select[data-name="dataset"]').focus()
            shape = page.evaluate(NOTEBOOK_SHAPE)
            for control, keys in MOVES:
                before = shown["updates"]
                handle = root.locator(f'.bp-pg-controls [data-name="{control}"]:is(input, select)')
                handle.focus()
                for key in keys:
                    handle.press(key)
                page.wait_for_function(
                    "([el, n]) => Number(el.dataset.updates) > n && el.dataset.state === 'done'",
                    arg=[root.element_handle(), before],
                    timeout=60_000,
                )
                shown = root.evaluate(SHOWN_JS)
                controls_match(shown, state)
                lines.append(check(shown, data, f"{name} playground {i}, {control} {'+'.join(keys)}")["line"])
                assert page.evaluate(NOTEBOOK_SHAPE) == shape, f"{control} {keys}: a key reached the notebook"
                assert handle.evaluate("h => document.activeElement === h"), f"{control}: the focus left the control"
            assert shown["settings"]["seed"] != state["seed"] and str(shown["settings"]["seed"]).endswith("7")
            # Play with the keyboard: the animation ends on the same curve as the settings' run.
            full = shown
            play = root.locator("button.bp-pg-play")
            play.focus()
            play.press("Space")
            page.wait_for_function(
                "([el, n]) => Number(el.dataset.updates) > n && el.dataset.state === 'done'",
                arg=[root.element_handle(), full["updates"]],
                timeout=60_000,
            )
            assert root.evaluate(SHOWN_JS)["losses"] == full["losses"]
            assert page.evaluate(NOTEBOOK_SHAPE) == shape, "Space on Play reached the notebook"
        # The kernel heard every change: its playgrounds hold the settings the pages show.
        held = lab.kernel_value(name, KERNEL_PLAYGROUNDS)
        for i, state in enumerate(held):
            settings = roots.nth(i).evaluate("el => JSON.parse(el.dataset.settings)")
            assert {k: state[k] for k in settings} == settings, f"playground {i}: kernel {state}, page {settings}"
        assert output_problems(page) == [], "a traceback or stderr in an output area"
        with capsys.disabled():
            print("\n" + "\n".join(f"  {line}" for line in lines))
    finally:
        page.close()


def test_server_and_browser_stop_cleanly(lab, chromium):
    """Runs last: Chromium, Playwright's driver, the Jupyter server and its kernels all end."""
    left = chromium.stop() + lab.stop()
    assert left == [], f"processes left behind: {left}"
