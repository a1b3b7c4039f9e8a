"""The explorers are live in the static book: no kernel, no network, the page computes the curve.

Every page of the built book whose stored widget state holds a `bp.explorer` (found by content,
wherever the chapters put it; there must be a regression one and a classification one) is opened
from the local static server with every other host cut off (the `visit` fixture). Through the page
only — the keyboard on a focused slider, or a slider dragged to a value (its value set and its input
and change events fired, as a drag does) — the test sets at least 20 combinations of η, epochs and
the nine parameters on each explorer. After each one it reads what the page drew (the explorer's
data-losses attribute: the curve's numbers at full precision) and the settings it used (data-eta,
data-epochs, data-params, which must be what the sliders show), runs `bp.train` here with those
settings on the data the page holds (its stored widget state), and asserts that the curve equals
`bp.train`'s losses to 1e-9 relative, that the visible readout says the same (final loss, or
"diverged" in words, and the accuracy for classification) and that the canvases' text alternatives
say it too. On the regression explorer one combination is a diverging η.

Run: make test-browser (builds the book first).
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

import bp
from bp.tangent import symbol

pytestmark = pytest.mark.browser

WIDGET_ID = "bp.explorer.Explorer"  # the explorer's _anywidget_id in a page's stored widget state
STATE_SCRIPT = re.compile(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S)
RTOL = 1e-9

# The moves, in order: (slider, how, value). how is a key pressed on the focused slider, or
# "drag" to a slider value (η's slider is in log10 units). Each move changes the slider's value.
MOVES = {
    "regression": [
        ("eta", "ArrowRight", None),
        ("eta", "ArrowRight", None),
        ("eta", "ArrowLeft", None),
        ("w1_11", "ArrowRight", None),
        ("w2_21", "PageUp", None),
        ("epochs", "drag", 100),
        ("eta", "drag", -2.5),
        ("b21", "drag", 2.5),
        ("w1_22", "Home", None),
        ("eta", "End", None),  # η = 1: diverges in the first epoch
        ("eta", "drag", -2.0),  # η = 0.01: diverges later
        ("epochs", "drag", 10),
        ("eta", "drag", -3.0),
        ("w2_11", "drag", -1.25),
        ("b11", "PageDown", None),
        ("epochs", "End", None),
        ("eta", "Home", None),
        ("eta", "drag", -2.35),
        ("w1_21", "ArrowLeft", None),
        ("epochs", "drag", 0),
        ("epochs", "drag", 500),
        ("b12", "drag", -0.77),
        ("eta", "PageUp", None),
        ("eta", "drag", -3.3),
    ],
    "classification": [
        ("eta", "ArrowRight", None),
        ("eta", "ArrowLeft", None),
        ("w1_11", "ArrowRight", None),
        ("w2_21", "PageUp", None),
        ("epochs", "End", None),
        ("eta", "End", None),
        ("b21", "Home", None),
        ("b21", "drag", 1.5),
        ("epochs", "drag", 250),
        ("eta", "drag", -3.0),
        ("w2_11", "drag", 0.0),
        ("w2_21", "drag", 0.0),
        ("w1_12", "drag", 0.1),
        ("w1_22", "drag", 0.3),
        ("eta", "drag", -0.5),
        ("epochs", "drag", 0),
        ("epochs", "drag", 40),
        ("b11", "PageDown", None),
        ("w1_21", "drag", -2.99),
        ("eta", "Home", None),
        ("eta", "drag", -1.0),
        ("w2_11", "End", None),
        ("epochs", "drag", 1000),
    ],
}


def _pages_with_explorers(html_dir, task):
    """The book's pages whose stored widget state holds an explorer of `task` (by content)."""
    found = []
    for path in sorted(html_dir.rglob("*.html")):
        m = STATE_SCRIPT.search(path.read_text(encoding="utf-8"))
        if m and any(
            model["state"].get("_anywidget_id") == WIDGET_ID and model["state"].get("task") == task
            for model in json.loads(m[1])["state"].values()
        ):
            found.append(path.relative_to(html_dir).as_posix())
    return found


def _explorers(page):
    """Each explorer on the page with the state the page holds for it (its data and settings)."""
    return page.evaluate("""() => {
        const state = JSON.parse(document.querySelector(
            'script[type="application/vnd.jupyter.widget-state+json"]').textContent).state;
        return [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
            .map(s => ({id: JSON.parse(s.textContent).model_id, area: s.previousElementSibling}))
            .filter(v => v.area && v.area.querySelector('.bp-explorer'))
            .map(v => state[v.id].state);
    }""")


def _shown(root):
    """What the explorer shows: the numbers behind the curve, the settings, the texts."""
    return root.evaluate("""(el) => ({
        losses: JSON.parse(el.dataset.losses), diverged: el.dataset.diverged === 'true',
        eta: JSON.parse(el.dataset.eta), epochs: JSON.parse(el.dataset.epochs),
        params: JSON.parse(el.dataset.params), finalParams: JSON.parse(el.dataset.finalParams),
        updates: Number(el.dataset.updates),
        sliders: Object.fromEntries([...el.querySelectorAll('input[type=range]')]
                                    .map(i => [i.dataset.name, Number(i.value)])),
        readout: el.querySelector('.bp-readout').innerText,
        divergedShown: [...el.querySelectorAll('.bp-diverged')]
                       .some(b => b.offsetHeight > 0 && /diverged/.test(b.innerText)),
        labels: [...el.querySelectorAll('canvas')]
                .map(c => c.getAttribute('role') + ': ' + c.getAttribute('aria-label')),
    })""")


def _move(page, root, name, how, value):
    """One move of a slider through the page; wait for the explorer to redraw."""
    before = _shown(root)
    slider = root.locator(f'input[type=range][data-name="{name}"]')
    if how == "drag":
        slider.evaluate(
            """(input, v) => {
            input.value = String(v);
            input.dispatchEvent(new Event('input', {bubbles: true}));
            input.dispatchEvent(new Event('change', {bubbles: true}));
        }""",
            value,
        )
    else:
        slider.focus()
        slider.press(how)
    assert slider.evaluate("i => Number(i.value)") != before["sliders"][name], f"{name} {how} {value} did not move"
    page.wait_for_function(
        "([el, n]) => Number(el.dataset.updates) > n", arg=[root.element_handle(), before["updates"]], timeout=5_000
    )
    return _shown(root)


def _check(shown, state, where):
    """The page's curve, readout and alt text against bp.train for the settings it shows."""
    task, loss = state["task"], state["loss"]
    x, y = np.array(state["x"]), np.array(state["y"])
    # The settings the page trained with are the sliders' values (η's slider is log10 η).
    assert math.isclose(shown["eta"], 10 ** shown["sliders"]["eta"], rel_tol=1e-14) or shown["eta"] == state["eta"], (
        f"{where}: η {shown['eta']} is not the slider's"
    )
    assert shown["epochs"] == shown["sliders"]["epochs"], where
    for name in bp.PARAM_NAMES:
        assert shown["params"][name] == shown["sliders"][name] or shown["params"][name] == state["params"][name], (
            f"{where}: {name} {shown['params'][name]} is not the slider's {shown['sliders'][name]}"
        )

    r = bp.train(shown["params"], x, y, task=task, loss=loss, eta=shown["eta"], epochs=shown["epochs"])
    page_losses = np.array(shown["losses"], dtype=float)
    assert shown["diverged"] == r.diverged, f"{where}: page diverged={shown['diverged']}, bp.train {r.diverged}"
    assert page_losses.shape == r.losses.shape, (
        f"{where}: {page_losses.shape} losses drawn, bp.train has {r.losses.shape}"
    )
    np.testing.assert_allclose(page_losses, r.losses, rtol=RTOL, atol=0, err_msg=where)
    for name in bp.PARAM_NAMES:
        assert math.isclose(shown["finalParams"][name], r.params[name], rel_tol=RTOL, abs_tol=1e-12), (where, name)

    text = shown["readout"]
    if r.diverged:
        assert shown["divergedShown"], f"{where}: no visible 'diverged' in {text!r}"
        assert f"diverged after epoch {len(r.losses)}:" in text and f"η = {shown['eta']:.2e} is too large" in text, (
            where,
            text,
        )
        assert f"the last finite loss is {r.losses[-1]:.6g}" in text, (where, text)
    else:
        assert "diverged" not in text, (where, text)
        assert f"final loss {r.losses[-1]:.6g} after {len(r.losses) - 1} epochs" in text, (where, text)
    if task == "classification":
        yhat = bp.forward(r.params, x, task=task)["yhat"]
        accuracy = float(np.mean((yhat >= 0.5) == y))
        assert f"accuracy {round(100 * accuracy)}%" in text, (where, text, accuracy)
        assert len(shown["labels"]) == 2 and f"accuracy {round(100 * accuracy)}%" in shown["labels"][1], where
    # The curve's text alternative carries the readout (what a screen reader hears).
    assert shown["labels"][0].startswith("img: Loss curve") and text.replace("\n", " ") in shown["labels"][0], (
        where,
        shown["labels"][0],
        text,
    )


@pytest.mark.parametrize("task", ["regression", "classification"])
def test_explorer_is_live_in_the_static_page(visit, report, lazy, html_dir, task):
    pages = _pages_with_explorers(html_dir, task)
    assert pages, f"no page of the book in {html_dir} stores a {task} explorer: the {task} chapter shows one"
    for path in pages:
        _drive_every_explorer(visit, report, lazy, path, task)


def _drive_every_explorer(visit, report, lazy, path, task):
    page, log = visit(path)
    lazy.show_widgets(page)  # each widget is drawn as the reader scrolls to it
    # The page's explorers in its order (the k-th is the k-th .bp-explorer); those of this task.
    states = [(k, s) for k, s in enumerate(_explorers(page)) if s["task"] == task]
    assert states, f"{path}: no {task} explorer in the page"
    diverged = 0
    for k, state in states:
        root = page.locator(".bp-explorer").nth(k)
        root.scroll_into_view_if_needed()
        shown = _shown(root)
        # Before any move: the page shows the stored settings, and their curve.
        assert (
            shown["eta"] == state["eta"] and shown["epochs"] == state["epochs"] and shown["params"] == state["params"]
        )
        _check(shown, state, f"{path} explorer {k}, as stored")
        combos = set()
        for i, (name, how, value) in enumerate(MOVES[task]):
            shown = _move(page, root, name, how, value)
            where = f"{path} explorer {k}, move {i + 1} ({name} {how}{'' if value is None else ' ' + str(value)})"
            _check(shown, state, where)
            combos.add(json.dumps([shown["eta"], shown["epochs"], shown["params"]], sort_keys=True))
            diverged += shown["diverged"]
        assert len(combos) >= 20, f"{path}: only {len(combos)} different combinations"
    if task == "regression":
        assert diverged >= 2, "no move made the regression explorer diverge"
    assert not log["foreign"] and not log["failed"], log
    assert not log["console"], log["console"]
    report["lines"].append(
        f"{path}: {len(states)} explorer(s), {len(MOVES[task])} slider moves each, "
        f"curves = bp.train to {RTOL:g} relative ({diverged} diverged runs)"
    )


# Where each part of an explorer is drawn, in CSS px of the page.
LAYOUT = """(root) => {
    const box = (el) => {
        const r = el.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width};
    };
    return {root: box(root), controls: box(root.querySelector('.bp-controls')),
            readout: box(root.querySelector('.bp-readout')),
            panels: [...root.querySelectorAll('.bp-panel')].map(box),
            canvases: [...root.querySelectorAll('canvas')].map(c => ({css: box(c), pixels: c.width})),
            overflow: root.scrollWidth - root.clientWidth,
            yTicks: JSON.parse(root.querySelector('canvas.bp-loss').dataset.yTicks || '[]'),
            labels: Object.fromEntries([...root.querySelectorAll('.bp-slider')].map(s => {
                const l = s.querySelector('label'); return [s.dataset.name, [l.textContent, l.title]]; })),
            note: root.querySelector('.bp-note').innerText,
            legend: [...root.querySelectorAll('.bp-legend .bp-key')]
                    .filter(k => k.offsetHeight > 0).map(k => k.innerText),
            reset: {disabled: root.querySelector('button.bp-reset').disabled}};
}"""


def _check_layout(lay, wide, task, where):
    """Sliders above the figures; the figures side by side on a desktop, one under the other on a phone."""
    assert lay["overflow"] <= 0, f"{where}: the explorer is {lay['overflow']} px wider than its box"
    assert lay["readout"]["top"] >= lay["controls"]["bottom"] - 1, f"{where}: the readout is not under the sliders"
    panels = lay["panels"]
    assert len(panels) == (2 if task == "classification" else 1), where
    assert panels[0]["top"] >= lay["readout"]["bottom"] - 1, f"{where}: the figures are not under the sliders"
    if len(panels) == 2:
        if wide:
            assert panels[1]["left"] >= panels[0]["right"] and abs(panels[1]["top"] - panels[0]["top"]) < 2, (
                f"{where}: loss and boundary not side by side: {panels}"
            )
        else:
            assert panels[1]["top"] >= panels[0]["bottom"], f"{where}: loss and boundary not stacked: {panels}"
    for c, panel in zip(lay["canvases"], panels, strict=True):
        assert c["css"]["width"] <= panel["width"] + 0.5 and c["css"]["width"] >= panel["width"] - 1, (
            f"{where}: a canvas of {c['css']['width']} px in a panel of {panel['width']} px"
        )
        assert c["pixels"] >= c["css"]["width"], f"{where}: canvas with fewer pixels than CSS px"


def test_explorer_reads_well(visit, lazy, html_dir):
    """Each explorer on every page that has one: its sliders labelled with the notes' symbols (code
    name in the tooltip and data-name), a note that they set the starting values, a legend for the
    boundary, a layout that fits the phone and the desktop and does not jump when the readout
    changes, a scale on a flat curve, and a reset button that restores the stored settings."""
    pages = sorted({p for task in ("regression", "classification") for p in _pages_with_explorers(html_dir, task)})
    assert pages, "no page of the book shows a bp.explorer"
    for path in pages:
        page, log = visit(path, viewport={"width": 1400, "height": 900})
        lazy.show_widgets(page)  # each widget is drawn as the reader scrolls to it
        states = _explorers(page)
        for k, state in enumerate(states):
            root = page.locator(".bp-explorer").nth(k)
            root.scroll_into_view_if_needed()
            where = f"{path} explorer {k}"
            lay = root.evaluate(LAYOUT)
            for name in bp.PARAM_NAMES:
                text, title = lay["labels"][name]
                assert text == symbol(name) and name in title, f"{where}: slider {name} labelled {text!r} ({title!r})"
            assert "start" in lay["note"], f"{where}: no note that the sliders set the starting values"
            if state["task"] == "classification":
                assert (
                    len(lay["legend"]) >= 3
                    and any("y = 0" in t for t in lay["legend"])
                    and any("y = 1" in t for t in lay["legend"])
                ), f"{where}: legend {lay['legend']}"
            assert lay["reset"]["disabled"], f"{where}: the reset button is active before any move"
            _check_layout(lay, True, state["task"], f"{where}, 1400 px")

            # The readout changes length; nothing under it moves. A curve of one point has a scale.
            top = lay["panels"][0]["top"] - lay["root"]["top"]
            for name, how, value in [("eta", "End", None), ("epochs", "drag", 0), ("eta", "Home", None)]:
                shown = _move(page, root, name, how, value)
                lay = root.evaluate(LAYOUT)
                moved = lay["panels"][0]["top"] - lay["root"]["top"] - top
                assert abs(moved) < 0.5, f"{where}: the figures moved by {moved:.1f} px after {name} {how}"
            assert len(shown["losses"]) == 1 and len(lay["yTicks"]) >= 2, f"{where}: flat curve ticks {lay['yTicks']}"

            # Reset: the stored settings again, and their curve.
            assert not lay["reset"]["disabled"], f"{where}: the reset button is inactive after moves"
            before = shown["updates"]
            root.locator("button.bp-reset").click()
            page.wait_for_function("([el, n]) => Number(el.dataset.updates) > n", arg=[root.element_handle(), before])
            shown = _shown(root)
            assert (shown["eta"], shown["epochs"], shown["params"]) == (
                state["eta"],
                state["epochs"],
                state["params"],
            ), f"{where}: reset to {shown['eta'], shown['epochs'], shown['params']}"
            _check(shown, state, f"{where}, after reset")
            assert root.evaluate(LAYOUT)["reset"]["disabled"], f"{where}: reset still active after resetting"

            # On a phone: the same explorer redrawn to the narrow column, stacked.
            page.set_viewport_size({"width": 390, "height": 844})
            page.wait_for_function(
                """(el) => { const c = el.querySelector('canvas.bp-loss');
                return Math.abs(c.getBoundingClientRect().width - c.parentElement.clientWidth) < 1; }""",
                arg=root.element_handle(),
                timeout=5_000,
            )
            lay = root.evaluate(LAYOUT)
            _check_layout(lay, False, state["task"], f"{where}, 390 px")
            top = lay["panels"][0]["top"] - lay["root"]["top"]
            for name, how in [("eta", "End"), ("eta", "Home"), ("epochs", "Home")]:
                _move(page, root, name, how, None)
                lay = root.evaluate(LAYOUT)
                moved = lay["panels"][0]["top"] - lay["root"]["top"] - top
                assert abs(moved) < 0.5, f"{where}, 390 px: the figures moved by {moved:.1f} px after {name} {how}"
            page.set_viewport_size({"width": 1400, "height": 900})
        assert not log["console"], log["console"]
