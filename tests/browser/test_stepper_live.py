"""The stepper is live in the static book: no kernel, no network, the page computes every value.

Every page of the built book whose stored widget state holds a `bp.stepper` (found by content,
wherever the chapters put it) is opened from the local static server with every other host cut
off (the `visit` fixture). On each stepper, through the page only — the row selector, the Next /
Back / Restart buttons, and the arrow, Home and End keys while the stepper has focus — the test
starts from several rows and steps through at least three whole passes from each (so the later
passes run on the parameters the earlier ones left). At every step it reads the step's numbers at
full precision (the stepper's data-value, data-params, data-row) and asserts that:

- the steps come in the issue's order: forward (inputs, z₁₁, O₁₁, z₁₂, O₁₂, z₂₁, ŷ, L), backward
  (∂L/∂ŷ, for a sigmoid output ŷ(1 − ŷ), δ₂₁, the output-layer gradients, δ₁₁, δ₁₂, the hidden
  gradients), update (the nine new parameters, the loss after the step), "step k of N" shown;
- each value equals `bp.forward`, `bp.loss`, `bp.gradients` or one step of `bp.train` on that row
  with those parameters, to 1e-12 relative (1e-15 absolute near zero);
- the visible line shows it rounded to 5 significant digits, the drawing to 4 (bp.draw_network's
  rounding), on the label of that quantity, and the step lights the edges it uses;
- a pass starts on the row after the previous one with the parameters its update left (and two
  passes over the regression table from row 0 are exactly one epoch of `bp.train`);
- Back retraces the same numbers, Home / End / Restart go where they say;
- the arrow keys never reach the page (it does not scroll) nor anything outside the stepper;
- axe-core finds no violation in the stepper once every label is drawn.

Run: make test-browser (builds the book first).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

import bp
from stepper_check import READ, RTOL, check_step, close, expected, step_ids

pytestmark = pytest.mark.browser

WIDGET = "bp.stepper.Stepper"  # the stepper's _anywidget_id in a page's stored widget state
PASSES = 3
# The rows each stepper starts from (first, middle, last of the table).
STARTS = {"regression": [0, 1], "classification": [0, 7, 17]}
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def _steppers(page):
    """The stored state of each stepper on the page, in the page's order."""
    return page.evaluate(
        """(id) => {
        const state = JSON.parse(document.querySelector(
            'script[type="application/vnd.jupyter.widget-state+json"]').textContent).state;
        return [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
            .map(s => ({id: JSON.parse(s.textContent).model_id, area: s.previousElementSibling}))
            .filter(v => v.area && v.area.querySelector('.bp-stepper') && state[v.id].state._anywidget_id === id)
            .map(v => state[v.id].state);
    }""",
        WIDGET,
    )


class Stepper:
    """One stepper on the page, driven as a reader would: buttons, keys, the row selector."""

    def __init__(self, page, root):
        self.page, self.root = page, root
        self.shown = None

    def read(self):
        self.shown = self.root.evaluate(READ)
        return self.shown

    def start_row(self, row):
        """Pick the start row in the selector, then give the stepper the focus (as Tab would)."""
        self.root.locator("select").select_option(str(row))
        self.root.focus()
        return self.read()

    def act(self, how):
        """Click a button (next, back, restart) or press a key while the stepper has the focus."""
        before = self.shown
        if how in ("next", "back", "restart"):
            self.root.locator(f".bp-{how}").click()
        else:
            self.page.keyboard.press(how)
        after = self.read()
        assert after["updates"] > before["updates"], (
            f"{how} did not redraw (step {before['step']}, pass {before['pass']})"
        )
        if how not in ("next", "back", "restart"):
            assert after["scrollY"] == before["scrollY"], f"{how} scrolled the page"
        return after


def test_stepper_steps_through_training_in_the_static_page(visit, report, lazy, stepper_page):
    path = stepper_page
    assert not path.startswith("("), f"{path}: no page of the built book holds a bp.stepper"
    page, log = visit(path)
    lazy.show_widgets(page)  # each widget is drawn as the reader scrolls to it
    # Any key that leaves the stepper is recorded here (the page, and JupyterLab, would get it).
    page.evaluate("""() => { window.__bpLeaked = [];
        document.addEventListener('keydown', e => window.__bpLeaked.push(e.key)); }""")
    states = _steppers(page)
    assert states, f"{path}: the stored state holds a stepper, but none rendered"
    total = 0
    for k, state in enumerate(states):
        task = state["task"]
        ids = step_ids(task)
        n_rows = len(state["x"])
        s = Stepper(page, page.locator(".bp-stepper").nth(k))
        s.root.scroll_into_view_if_needed()
        shown = s.read()
        # As stored: pass 1, step 1, on the stored row, with the stored parameters and η.
        assert (shown["pass"], shown["step"], shown["row"]) == (1, 1, state["row"]), shown
        assert shown["params"] == state["params"] and shown["eta"] == state["eta"] and shown["backDisabled"]
        for start in STARTS[task]:
            start = start % n_rows
            shown = s.start_row(start)
            assert (shown["pass"], shown["step"], shown["row"]) == (1, 1, start), shown
            assert shown["params"] == state["params"], "a new start row starts from the stored parameters"
            params, row, seen = state["params"], start, {}
            for p in range(1, PASSES + 1):
                exp = expected(state, row, params)
                for i in range(len(ids)):
                    if i:  # step i + 1 of this pass: a key press, a click or another key, in turn
                        shown = s.act(["ArrowRight", "next", "ArrowDown"][(i + p) % 3])
                    where = f"{path} stepper {k}, start row {start}, pass {p}, step {i + 1} ({ids[i]})"
                    assert (shown["pass"], shown["row"]) == (p, row), (where, shown["pass"], shown["row"])
                    for name in bp.PARAM_NAMES:
                        assert close(shown["params"][name], params[name]), (where, name, shown["params"], params)
                    check_step(shown, ids, exp, where)
                    seen[p, i + 1] = shown["value"]
                    total += 1
                # Next after the update: the next row, with the parameters the update left.
                shown = s.act("next" if p % 2 else "ArrowRight")
                params = {n: exp[f"new.{n}"] for n in bp.PARAM_NAMES}
                row = (row + 1) % n_rows
                if start == 0 and p == n_rows:  # a pass over every row is one epoch of bp.train
                    epoch = bp.train(
                        state["params"],
                        np.array(state["x"]),
                        np.array(state["y"]),
                        task=task,
                        loss=state["loss"],
                        eta=state["eta"],
                        epochs=1,
                    )
                    for name in bp.PARAM_NAMES:
                        assert close(shown["params"][name], epoch.params[name]), (path, name)
            # Back through the boundary: the same numbers, step by step.
            assert (shown["pass"], shown["step"]) == (PASSES + 1, 1)
            shown = s.act("ArrowLeft")
            for i in range(len(ids), len(ids) - 5, -1):
                assert (shown["pass"], shown["step"]) == (PASSES, i), shown
                assert shown["value"] == seen[PASSES, i], f"{path}: back to step {i} shows other numbers"
                shown = s.act("back" if i % 2 else "ArrowUp")
            shown = s.act("Home")
            assert (shown["pass"], shown["step"]) == (PASSES, 1) and shown["value"] == seen[PASSES, 1]
            shown = s.act("End")
            assert (shown["pass"], shown["step"]) == (PASSES, len(ids)) and shown["value"] == seen[PASSES, len(ids)]
            if start == STARTS[task][0]:  # every label is drawn now: no accessibility violation
                page.add_script_tag(path=str(AXE))
                violations = page.evaluate(
                    """async (el) => (await axe.run(el, {resultTypes: ['violations']}))
                    .violations.map(v => `${v.impact} ${v.id}: ${v.help}`)""",
                    s.root.element_handle(),
                )
                assert not violations, f"{path} stepper {k}: {violations}"
            shown = s.act("restart")
            assert (shown["pass"], shown["step"], shown["row"]) == (1, 1, start) and shown["backDisabled"], shown
            assert shown["params"] == state["params"]
        assert not shown["leaked"], f"keys left the stepper: {shown['leaked']}"
    assert not log["foreign"] and not log["failed"], log
    assert not log["console"], log["console"]
    report["lines"].append(
        f"{path}: {len(states)} stepper(s), {total} steps checked against bp to "
        f"{RTOL:g} relative ({PASSES} passes from each of {sum(len(STARTS[s['task']]) for s in states)} rows)"
    )


def test_the_book_has_a_stepper_for_each_task(html_dir, stepper_pages):
    tasks = set()
    for path in stepper_pages:
        text = (html_dir / path).read_text(encoding="utf-8")
        state = json.loads(
            re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', text, re.S).group(1)
        )["state"]
        tasks |= {m["state"]["task"] for m in state.values() if m["state"].get("_anywidget_id") == WIDGET}
    assert tasks == {"regression", "classification"}, f"steppers in the book: {tasks}"
