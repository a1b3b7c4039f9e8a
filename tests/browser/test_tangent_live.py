"""The chain rule's tangent is live in the static book: no kernel, no network, the page computes.

Every page of the built book whose stored widget state holds a `bp.tangent.Tangent` is found by
its content (not by a fixed path) and opened from the local static server with every other host
cut off (the `visit` fixture). Through the page only — the keyboard on the focused slider or menu,
a slider dragged to a value (its value set and its input and change events fired, as a drag
does), a parameter picked in the menu — the test visits every one of the nine parameters and
makes at least 20 different settings. After each one it reads what the page shows at full
precision (the widget's data-* attributes: the parameter, its value, the nine values used, L,
the slope by backpropagation, the central difference, the curve drawn) and asserts: the value is
the slider's (or, after a new pick, the parameter's starting value) and the other eight are at
their starting values; the slider's range is the one bp.tangent.slider_range gives here, and a
Tangent made here from the page's state accepts the setting (as the kernel must in JupyterLab); L, the slope
and the central difference equal bp.loss, bp.gradients and bp.numerical_gradients computed here on
the data the page holds, to 1e-9 relative; every point of the curve is bp.loss; the visible
readout and the canvas's text alternative say the same numbers. Last, the figure follows the
theme: switched to dark, the canvas is repainted in the page's dark background.

Run: make test-browser (builds the book first).
"""

from __future__ import annotations

import json
import math
import re

import pytest

import bp
from bp.tangent import symbol

pytestmark = pytest.mark.browser

RTOL = 1e-9
WIDGET_ID = "bp.tangent.Tangent"
STATE_SCRIPT = re.compile(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S)

# The moves, in order: ("pick", name) in the menu with the mouse (select_option), ("menu", key) on
# the focused menu, (key, None) on the focused slider, or ("drag", f) to the fraction f of the
# slider's range. Every parameter is picked; each move changes what the page shows.
MOVES = [
    ("ArrowRight", None),
    ("ArrowRight", None),
    ("ArrowLeft", None),
    ("PageUp", None),
    ("drag", 0.88),
    ("End", None),
    ("Home", None),
    ("drag", 0.25),
    ("pick", "w1_11"),
    ("ArrowRight", None),
    ("drag", 0.9),
    ("menu", "ArrowDown"),  # w1_12, by the keyboard
    ("PageDown", None),
    ("drag", 0.1),
    ("pick", "w1_21"),
    ("End", None),
    ("pick", "w1_22"),
    ("ArrowLeft", None),
    ("drag", 0.6),
    ("pick", "b11"),
    ("PageUp", None),
    ("pick", "b12"),
    ("Home", None),
    ("pick", "w2_21"),
    ("drag", 0.33),
    ("ArrowUp", None),
    ("pick", "b21"),
    ("ArrowDown", None),
    ("drag", 0.75),
    ("menu", "ArrowUp"),  # w2_21
    ("pick", "w2_11"),
    ("drag", 0.9),
]


def _pages_with_a_tangent(html_dir):
    """The book's pages whose stored widget state holds a tangent (by content, wherever it is)."""
    found = []
    for path in sorted(html_dir.rglob("*.html")):
        m = STATE_SCRIPT.search(path.read_text(encoding="utf-8"))
        if m and any(model["state"].get("_anywidget_id") == WIDGET_ID for model in json.loads(m[1])["state"].values()):
            found.append(path.relative_to(html_dir).as_posix())
    return found


def _tangents(page):
    """Each tangent on the page with the state the page holds for it (its data and settings)."""
    return page.evaluate("""() => {
        const state = JSON.parse(document.querySelector(
            'script[type="application/vnd.jupyter.widget-state+json"]').textContent).state;
        return [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
            .map(s => ({id: JSON.parse(s.textContent).model_id, area: s.previousElementSibling}))
            .filter(v => v.area && v.area.querySelector('.bp-tangent'))
            .map(v => state[v.id].state);
    }""")


def _shown(root):
    """What the tangent shows: every number behind it, its controls, its texts."""
    return root.evaluate("""(el) => {
        const d = el.dataset, input = el.querySelector('input[type=range]'), canvas = el.querySelector('canvas');
        return {name: d.name, value: JSON.parse(d.value), params: JSON.parse(d.params), range: JSON.parse(d.range),
                loss: JSON.parse(d.loss), slope: JSON.parse(d.slope), numeric: JSON.parse(d.numeric),
                relativeError: JSON.parse(d.relativeError), curve: JSON.parse(d.curve), updates: Number(d.updates),
                menu: el.querySelector('select').value, label: el.querySelector('.bp-slider label').textContent,
                slider: {value: Number(input.value), min: Number(input.min), max: Number(input.max),
                         step: Number(input.step)},
                valuetext: input.getAttribute('aria-valuetext'),
                readout: el.querySelector('[role=status]').innerText,
                canvas: canvas.getAttribute('role') + ': ' + canvas.getAttribute('aria-label')};
    }""")


def _move(page, root, how, arg):
    """One move through the page; wait for the tangent to redraw."""
    before = _shown(root)
    slider, menu = root.locator("input[type=range]"), root.locator("select")
    if how == "pick":
        menu.select_option(arg)
    elif how == "menu":
        menu.focus()
        menu.press(arg)
    elif how == "drag":
        lo, hi = before["range"]
        slider.evaluate(
            """(input, v) => {
            input.value = String(v);
            input.dispatchEvent(new Event('input', {bubbles: true}));
            input.dispatchEvent(new Event('change', {bubbles: true}));
        }""",
            lo + arg * (hi - lo),
        )
    else:
        slider.focus()
        slider.press(how)
    page.wait_for_function(
        "([el, n]) => Number(el.dataset.updates) > n", arg=[root.element_handle(), before["updates"]], timeout=5_000
    )
    shown = _shown(root)
    assert (shown["name"], shown["value"]) != (before["name"], before["value"]), f"{how} {arg} changed nothing"
    return shown


def _close(a, b):
    return math.isclose(a, b, rel_tol=RTOL, abs_tol=0.0)


def _check(shown, state, kernel, where, picked):
    """The page's numbers, controls and texts against bp for the setting it shows."""
    name, w = shown["name"], shown["value"]
    assert shown["menu"] == name and shown["label"] == symbol(name) == state["symbols"][name], where
    lo, hi = state["ranges"][name]
    assert shown["range"] == [lo, hi] and (shown["slider"]["min"], shown["slider"]["max"]) == (lo, hi), where
    assert _close(shown["slider"]["step"], (hi - lo) / state["slider_steps"]), where
    # The value is the slider's; after a new pick, the parameter's starting value (the slider snaps
    # to its step, the page keeps the value).
    if picked:
        assert w == state["params"][name], f"{where}: a new pick starts at {w}, not at {state['params'][name]}"
    else:
        assert w == shown["slider"]["value"], f"{where}: the page uses {w}, the slider says {shown['slider']['value']}"
    assert lo <= w <= hi, where
    assert shown["params"] == dict(state["params"], **{name: w}), f"{where}: the other eight moved"
    # The kernel, in JupyterLab, takes what the page sends (bp.tangent checks each setting).
    kernel.set_state({"name": name, "value": w})
    assert (kernel.name, kernel.value) == (name, w), where

    task, loss = state["task"], state["loss"]
    x, y, p = state["x"], state["y"], shown["params"]
    L = bp.loss(p, x, y, task=task, loss=loss)
    slope = bp.gradients(p, x, y, task=task, loss=loss)[name]
    numeric = bp.numerical_gradients(p, x, y, task=task, loss=loss)[name]
    assert _close(shown["loss"], L), f"{where}: L = {shown['loss']!r} in the page, bp.loss {L!r}"
    assert _close(shown["slope"], slope), f"{where}: slope {shown['slope']!r} in the page, bp.gradients {slope!r}"
    assert _close(shown["numeric"], numeric), (
        f"{where}: central difference {shown['numeric']!r} in the page, bp.numerical_gradients {numeric!r}"
    )
    assert _close(shown["relativeError"], bp.relative_error(slope, numeric)), where

    # The curve: N points over the slider's range, each L = bp.loss with the others at their start.
    curve = shown["curve"]
    assert len(curve) == state["curve_points"] and curve[0][0] == lo and curve[-1][0] == hi, where
    for v, Lv in curve:
        assert _close(Lv, bp.loss(dict(state["params"], **{name: v}), x, y, task=task, loss=loss)), (where, v)

    # What a reader sees and hears.
    s = symbol(name)
    text = shown["readout"]
    for part in (
        f"{s} = {w:.3f}",
        f"L = {L:.6g}",
        f"∂L/∂{s} by backpropagation = {slope:.6g}",
        f"central difference {numeric:.6g}",
        "relative error",
    ):
        assert part in text, (where, part, text)
    assert shown["valuetext"] == f"{s} = {w:.3f}", where
    assert (
        shown["canvas"].startswith("img: The loss L as a function of")
        and f"slope {slope:.6g}" in shown["canvas"]
        and f"{s} = {w:.3f}" in shown["canvas"]
    ), (where, shown["canvas"])


def test_the_tangent_is_live_in_the_static_page(visit, report, lazy, html_dir):
    pages = _pages_with_a_tangent(html_dir)
    assert pages, f"no page of the book in {html_dir} stores a {WIDGET_ID}: the chain-rule chapter shows one"
    for path in pages:
        page, log = visit(path)
        lazy.show_widgets(page)  # each widget is drawn as the reader scrolls to it
        states = _tangents(page)
        assert states, f"{path}: the stored tangent did not render"
        for k, state in enumerate(states):
            root = page.locator(".bp-tangent").nth(k)
            root.scroll_into_view_if_needed()
            shown = _shown(root)
            assert (shown["name"], shown["value"]) == (state["name"], state["value"]), "not the stored setting"
            kernel = bp.tangent.Tangent(
                state["x"],
                state["y"],
                task=state["task"],
                loss=state["loss"],
                params=state["params"],
                name=state["name"],
            )
            assert kernel.ranges == state["ranges"], "the page's slider ranges are not bp.tangent's"
            _check(shown, state, kernel, f"{path} tangent {k}, as stored", picked=True)
            settings, names = set(), {shown["name"]}
            for i, (how, arg) in enumerate(MOVES):
                shown = _move(page, root, how, arg)
                _check(
                    shown,
                    state,
                    kernel,
                    f"{path} tangent {k}, move {i + 1} ({how} {arg})",
                    picked=how in ("pick", "menu"),
                )
                settings.add((shown["name"], shown["value"]))
                names.add(shown["name"])
            assert names == set(bp.PARAM_NAMES), f"{path}: parameters never picked: {set(bp.PARAM_NAMES) - names}"
            assert len(settings) >= 20, f"{path}: only {len(settings)} different settings"
        assert not log["foreign"] and not log["failed"], log
        assert not log["console"], log["console"]
        report["lines"].append(
            f"{path}: {len(states)} tangent(s), {len(MOVES)} moves each over the nine "
            f"parameters, L, slope and central difference = bp to {RTOL:g} relative"
        )


def test_the_tangent_follows_the_theme(visit, lazy, html_dir):
    """Light, then dark (the book's own switch follows the system's): the figure is repainted on the
    page's background colour, and its curve in the theme's curve colour."""
    path = _pages_with_a_tangent(html_dir)[0]
    page, log = visit(path)
    lazy.show_widgets(page)
    root = page.locator(".bp-tangent").first
    look = """(el) => {
        const c = el.querySelector('canvas'), px = c.getContext('2d').getImageData(2, 2, 1, 1).data;
        const probe = document.createElement('div');
        probe.style.color = getComputedStyle(el).getPropertyValue('--bp-background');
        document.body.append(probe);
        const bg = getComputedStyle(probe).color.match(/\\d+/g).slice(0, 3).map(Number);
        probe.remove();
        return {theme: document.documentElement.dataset.theme, corner: [px[0], px[1], px[2]], bg,
                updates: Number(el.dataset.updates)};
    }"""
    for scheme in ("light", "dark"):
        before = root.evaluate(look)
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function("t => document.documentElement.dataset.theme === t", arg=scheme, timeout=5_000)
        if before["theme"] != scheme:
            page.wait_for_function(
                "([el, n]) => Number(el.dataset.updates) > n",
                arg=[root.element_handle(), before["updates"]],
                timeout=5_000,
            )
        now = root.evaluate(look)
        assert now["corner"] == now["bg"], (
            f"{scheme}: the figure's background {now['corner']} is not the page's {now['bg']}"
        )
        dark = sum(now["bg"]) < 3 * 128
        assert dark == (scheme == "dark"), (scheme, now)
    assert not log["console"], log["console"]
