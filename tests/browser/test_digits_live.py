"""The digit pad is live in the static book: no kernel, no network, the page reads what is drawn.

The page that stores a `bp.digits.Digits` is found by its content and opened from the local static
server with every other host cut off. Through the page only — strokes drawn on the pad with the
mouse (Playwright's pointer), a pen (PointerEvents of pointerType "pen" dispatched on the pad) and
a finger (touch events through the DevTools protocol), the test images picked in the menu, pixels
edited with the keyboard in the 8 × 8 grid, "teach it" and "reset" clicked — it reads what the
page shows at full precision (the root's data-bitmap, data-counts, data-probabilities, data-taught,
data-weights) and asserts:

- every dot the pen passed over is inked and no dot farther than the brush's radius from its path;
- the 8 × 8 counts are `bp.digits.reduce` of the page's bitmap (a test image: the image itself);
- the ten probabilities are `bp.mlp.forward` of the network the page stores (`bp.digits.unpack`)
  on the standardised counts, to 1e-12;
- a taught step is `bp.mlp.train` for one epoch on that one row with that label at the stored η
  (the network after it, the probabilities before and after, each layer's ‖ΔW‖) to 1e-12, and a
  second step starts from the first; reset gives back the trained network's probabilities exactly;
- axe-core finds no violation in the widget; the screenshots at 390 and 1400 px, light and dark,
  go to _build/screenshots/.

Run: make test-browser (builds the book first).
"""

from __future__ import annotations

import numpy as np
import pytest

from bp import digits as dg
from conftest import pages_holding
from digits_check import SHOWN_JS, TOL, Reference, flat, gap
from page_checks import AXE

pytestmark = pytest.mark.browser

WIDGET = "bp.digits.Digits"


def _digit_page(visit, lazy):
    pages = pages_holding(WIDGET)
    assert pages, f"no page of the book stores a {WIDGET}: the digits page shows one"
    page, log = visit(pages[0])
    lazy.show_widgets(page)
    state = page.evaluate(
        """(id) => { const all = JSON.parse(document.querySelector(
            'script[type="application/vnd.jupyter.widget-state+json"]').textContent).state;
            return Object.values(all).map(m => m.state).find(s => s._anywidget_id === id); }""",
        WIDGET,
    )
    root = page.locator(".bp-digits").first
    root.scroll_into_view_if_needed()
    return page, log, root, state


def _after(page, root, action):
    """Do `action`, wait for the widget to update, return what it shows."""
    before = root.evaluate("el => Number(el.dataset.updates)")
    action()
    page.wait_for_function("([el, n]) => Number(el.dataset.updates) > n", arg=[root.element_handle(), before])
    return root.evaluate(SHOWN_JS)


def _strokes(page, root, draw, paths):
    """Draw `paths` (each a stroke: the pen down, moved, lifted) and wait until the page has seen
    every one end (data-strokes); return what it shows."""
    before = root.evaluate("el => Number(el.dataset.strokes || 0)")
    draw()
    page.wait_for_function(
        "([el, n]) => Number(el.dataset.strokes || 0) >= n", arg=[root.element_handle(), before + len(paths)]
    )
    return root.evaluate(SHOWN_JS)


def _check_numbers(shown, ref, where, layers=None):
    assert len(shown["counts"]) == 64 and len(shown["P"]) == 10, where
    assert np.array_equal(dg.reduce(np.reshape(shown["bitmap"], (32, 32))).reshape(-1), shown["counts"]), where
    g = gap(shown["P"], ref.P(shown["counts"], layers))
    assert g <= TOL, f"{where}: the page's probabilities are {g:.1e} from bp.mlp's"
    best = int(np.argmax(shown["P"]))
    assert shown["summary"].startswith(f"most likely {best}, {round(100 * shown['P'][best])} %"), (where, shown)


def _path_check(shown, paths, brush, where):
    """Every dot under a pen position is inked; none farther than the brush from the pen's path."""
    ink = np.reshape(shown["bitmap"], (32, 32))
    centres = np.stack(np.meshgrid(np.arange(32) + 0.5, np.arange(32) + 0.5, indexing="xy"), axis=-1)  # (x, y)
    near = np.full((32, 32), np.inf)
    for path in paths:
        for (x0, y0), (x1, y1) in zip(path, path[1:] or path, strict=False):
            d = np.array([x1 - x0, y1 - y0])
            t = np.clip(((centres - [x0, y0]) @ d) / max(d @ d, 1e-300), 0, 1)
            near = np.minimum(near, np.linalg.norm(centres - ([x0, y0] + t[..., None] * d), axis=-1))
        for x, y in path:
            assert ink[min(31, int(y)), min(31, int(x))] == 1, f"{where}: the dot under ({x:.1f}, {y:.1f}) is white"
    stray = np.argwhere((ink == 1) & (near > brush + 0.05))
    assert not stray.size, f"{where}: dots inked away from the pen's path: {stray[:5].tolist()}"


def _to_client(box, path):
    return [(box["x"] + x / 32 * box["width"], box["y"] + y / 32 * box["height"]) for x, y in path]


# Strokes in dots (0-32 across the pad): a 7 drawn with the mouse, a 0 with a pen, a 1 with a finger.
SEVEN = [[(6, 5), (26, 5), (24, 12), (18, 20), (14, 28)]]
ZERO = [[(16, 4), (9, 9), (7, 16), (9, 24), (16, 28), (23, 24), (25, 16), (23, 8), (16, 4)]]
ONE = [[(13, 8), (17, 4), (17, 28)]]


def _mouse(page, box, paths):
    for path in paths:
        pts = _to_client(box, path)
        page.mouse.move(*pts[0])
        page.mouse.down()
        for p in pts[1:]:
            page.mouse.move(*p, steps=4)
        page.mouse.up()


def _pen(root, box, paths):
    root.locator("canvas.bp-dg-pad").evaluate(
        """(pad, paths) => { for (const path of paths) {
            const ev = (type, [x, y]) => pad.dispatchEvent(new PointerEvent(type, {bubbles: true, cancelable: true,
                pointerId: 7, pointerType: 'pen', isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1,
                clientX: x, clientY: y, pressure: 0.5}));
            ev('pointerdown', path[0]);
            for (const p of path.slice(1)) ev('pointermove', p);
            ev('pointerup', path.at(-1));
        } }""",
        [_to_client(box, p) for p in paths],
    )


def _finger(page, box, paths):
    cdp = page.context.new_cdp_session(page)
    for path in paths:
        pts = _to_client(box, path)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": pts[0][0], "y": pts[0][1]}]})
        for x, y in pts[1:]:
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def _clear(page, root):
    return _after(page, root, lambda: root.locator("button.bp-dg-clear").click())


def test_the_digit_pad_is_live_in_the_static_page(visit, lazy, report):
    page, log, root, state = _digit_page(visit, lazy)
    ref = Reference(state)
    shown = root.evaluate(SHOWN_JS)
    assert shown["counts"] == [0] * 64 and shown["steps"] == 0
    _check_numbers(shown, ref, "the empty pad")
    pad = root.locator("canvas.bp-dg-pad")
    assert pad.evaluate("c => getComputedStyle(c).touchAction") == "none"
    box = pad.bounding_box()
    for name, draw, paths in (("mouse", _mouse, SEVEN), ("pen", _pen, ZERO), ("finger", _finger, ONE)):
        _clear(page, root)
        target = root if draw is _pen else page
        shown = _strokes(page, root, lambda draw=draw, target=target, paths=paths: draw(target, box, paths), paths)
        assert sum(shown["counts"]) > 20, f"the {name} drew almost nothing: {shown['counts']}"
        _path_check(shown, paths, state["brush"], f"the {name}'s stroke")
        _check_numbers(shown, ref, f"the {name}'s stroke")
    # two strokes on one drawing: the mouse adds a bar to the finger's 1 (a 4-ish shape)
    shown = _strokes(page, root, lambda: _mouse(page, box, [[(6, 18), (26, 18)]]), [[]])
    _check_numbers(shown, ref, "two strokes")
    # every test image from the menu
    menu = root.locator("select").first
    for i, image in enumerate(state["images"]):
        shown = _after(page, root, lambda i=i: menu.select_option(str(i)))
        assert shown["counts"] == image, f"test image {i} shown as {shown['counts']}"
        _check_numbers(shown, ref, f"test image {i}")
    assert not log["console"] and not log["foreign"] and not log["failed"], log
    report["lines"].append(
        f"digit pad: mouse, pen and finger strokes and {len(state['images'])} test images = bp.mlp to {TOL:g}"
    )


def test_the_keyboard_edits_the_grid(visit, lazy):
    page, log, root, state = _digit_page(visit, lazy)
    ref = Reference(state)
    root.locator("select").first.select_option("3")
    image = list(state["images"][3])
    cell = root.locator("td[role=gridcell]").first
    cell.focus()
    # (key, pixel it acts on, the count it leaves there); arrows move the focus
    moves = [("ArrowRight", 1), ("ArrowRight", 2), ("ArrowDown", 10), ("+", 10), ("+", 10), ("5", 10), ("PageUp", 10)]
    moves += [("ArrowLeft", 9), ("-", 9), ("ArrowUp", 1), ("End", 7), ("PageUp", 7), ("Home", 0), ("Delete", 0)]
    for key, pixel in moves:
        want = {"+": image[pixel] + 1, "-": image[pixel] - 1, "5": 5, "PageUp": 16, "Delete": 0}.get(key)
        if want is None:
            page.keyboard.press(key)
            assert page.evaluate("() => document.activeElement.dataset.pixel") == str(pixel), key
            continue
        image[pixel] = max(0, min(16, want))
        shown = _after(page, root, lambda key=key: page.keyboard.press(key))
        assert shown["counts"] == image, f"after {key} on pixel {pixel}"
        _check_numbers(shown, ref, f"key {key} on pixel {pixel}")
    label = root.locator("td[role=gridcell]").nth(7).get_attribute("aria-label")
    assert label == "row 1, column 8: 16 of 16", label
    assert not log["console"], log


def test_teach_it_takes_bp_mlps_step_and_reset_undoes_it(visit, lazy):
    page, log, root, state = _digit_page(visit, lazy)
    ref = Reference(state)
    wrong = len(state["images"]) - 1  # one the network reads wrong
    start = _after(page, root, lambda: root.locator("select").first.select_option(str(wrong)))
    assert start["P"] == pytest.approx(ref.P(start["counts"]), rel=0, abs=TOL)
    label_menu, teach = root.locator(".bp-dg-teach select"), root.locator("button.bp-dg-teach-it")
    assert label_menu.input_value() == str(state["labels"][wrong]), "the menu starts at the image's label"
    layers = ref.layers
    for k, label in enumerate((state["labels"][wrong], 3)):
        label_menu.select_option(str(label))
        shown = _after(page, root, teach.click)
        new, dW = ref.step(shown["counts"], label, layers)
        t = shown["taught"]
        assert t["label"] == label and shown["steps"] == k + 1
        for what, g in (
            ("the network after it", gap(shown["weights"], flat(new))),
            ("the probabilities before", gap(t["before"], ref.P(shown["counts"], layers))),
            ("the probabilities after", gap(t["after"], ref.P(shown["counts"], new))),
            ("‖ΔW‖", gap(t["dW"], dW)),
        ):
            assert g <= TOL, f"taught step {k + 1}: {what} is {g:.1e} from bp.mlp's"
        assert shown["P"] == t["after"] and t["after"][label] > t["before"][label]
        assert gap(shown["P"], ref.P(shown["counts"], new)) <= TOL
        note = root.locator(".bp-dg-note").inner_text()
        assert f"this is a {label}" in note and "‖ΔW¹‖" in note and "‖ΔW²‖" in note, note
        layers = new
    shown = _after(page, root, lambda: root.locator("button.bp-dg-reset").click())
    assert shown["steps"] == 0 and shown["taught"] is None and shown["weights"] is None
    assert shown["P"] == start["P"], "reset does not give back the trained network's probabilities"
    assert not log["console"], log


def test_the_widget_is_axe_clean_and_looks_right(visit, lazy, screenshots_dir):
    page, log, root, state = _digit_page(visit, lazy)
    _strokes(page, root, lambda: _mouse(page, root.locator("canvas.bp-dg-pad").bounding_box(), SEVEN), SEVEN)
    root.locator(".bp-dg-teach select").select_option("7")
    _after(page, root, lambda: root.locator("button.bp-dg-teach-it").click())
    for width in (390, 1400):
        for scheme in ("light", "dark"):
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            page.wait_for_function("t => document.documentElement.dataset.theme === t", arg=scheme)
            lazy.settle(page)
            root.scroll_into_view_if_needed()
            lazy.settle(page)
            root.screenshot(path=str(screenshots_dir / f"digits-widget-{width}-{scheme}.png"))
            assert root.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), f"{width} px: wider than its box"
            bg = root.locator("canvas.bp-dg-pad").evaluate(
                "c => Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3))"
            )
            assert (sum(bg) < 3 * 128) == (scheme == "dark"), f"{width} px {scheme}: the pad's background is {bg}"
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                """async (el) => (await axe.run(el, {resultTypes: ['violations']}))
                .violations.map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target).slice(0, 3)}`)""",
                root.element_handle(),
            )
            assert not violations, f"{width} px {scheme}: {violations}"
    assert not log["console"], log
