"""The playground's network drawing says bp.mlp's numbers, and a keyboard reaches them.

On the first page of the built book that shows a playground: "Step one epoch" from the end starts
over at epoch 0 (the initial weights), then one epoch on. At each, on a chosen row of the table,
every unit's z and a must be `bp.mlp.forward`'s for that row and its δ = ∂L/∂z `bp.mlp.gradients`'
∂L/∂b on that one row (δ is ∂L/∂b for a single row); every weight and its ∂L/∂w (the mean over the
table) `bp.mlp`'s: to 1e-12 (the initial weights bit for bit). The SVG has one tab stop; the arrow
keys move between units and Enter through a unit's incoming weights; the aria-live text says the
same numbers (six significant digits, as Python's format "g"); hovering an edge says its weight.

Run: make test-book, then .venv/bin/python -m pytest tests/browser/test_playground_network_live.py -n 0.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from bp import mlp
from playground_check import PLAYGROUND, SHOWN_JS, STATES_JS, initial, model_datasets

pytestmark = pytest.mark.browser
RTOL = 1e-12


def _values(page, root, epoch, row):
    svg = root.locator("svg.bp-pg-netsvg")
    page.wait_for_function(
        "([s, e, r]) => { const v = s.dataset.values && JSON.parse(s.dataset.values);"
        " return v && v.epoch === e && v.row === r; }",
        arg=[svg.element_handle(), epoch, row],
    )
    return json.loads(svg.get_attribute("data-values"))


def _step(page, root):
    n = root.evaluate("el => Number(el.dataset.updates)")
    root.locator("button.bp-pg-step").click()
    page.wait_for_function("([el, n]) => Number(el.dataset.updates) > n", arg=[root.element_handle(), n])


def _compare(got, layers, X, y, task, hidden, row, where):
    values = mlp.forward(layers, X[row : row + 1], task=task, hidden=hidden)
    deltas = [db for _, db in mlp.gradients(layers, X[row : row + 1], y[row : row + 1], task=task, hidden=hidden)]
    grads = mlp.gradients(layers, X, y, task=task, hidden=hidden)
    for l, ((z, a), delta, v) in enumerate(zip(values, deltas, got["values"], strict=True), start=1):
        np.testing.assert_allclose(v["z"], z[0], rtol=RTOL, atol=1e-300, err_msg=f"{where}: z of layer {l}")
        np.testing.assert_allclose(v["a"], a[0], rtol=RTOL, atol=1e-300, err_msg=f"{where}: a of layer {l}")
        np.testing.assert_allclose(v["delta"], delta, rtol=RTOL, atol=1e-15, err_msg=f"{where}: δ of layer {l}")
    for l, ((W, _), (dW, _), gW, gdW) in enumerate(zip(layers, grads, got["W"], got["dW"], strict=True), start=1):
        np.testing.assert_allclose(gW, W.ravel(), rtol=RTOL, atol=0, err_msg=f"{where}: W of layer {l}")
        np.testing.assert_allclose(gdW, dW.ravel(), rtol=RTOL, atol=1e-15, err_msg=f"{where}: ∂L/∂W of layer {l}")
    return values, grads


@pytest.mark.parametrize("dataset,row", [(None, 17), ("package", 123), ("blobs", 5)])
def test_the_network_says_bp_mlps_numbers(visit, lazy, playground_path, dataset, row):
    page, log = visit(playground_path)
    lazy.show_widgets(page)
    root = page.locator(".bp-playground").first
    page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=60_000)
    data = model_datasets(page.evaluate(STATES_JS, PLAYGROUND)[0])
    if dataset:
        n = root.evaluate("el => Number(el.dataset.updates)")
        root.locator('.bp-pg-controls [data-name="dataset"]:is(select)').select_option(dataset)
        page.wait_for_function("([el, n]) => Number(el.dataset.updates) > n", arg=[root.element_handle(), n])
    root.locator('[data-name="net_row"]:is(input)').fill(str(row))
    s = root.evaluate(SHOWN_JS)["settings"]
    X, y, task = data[s["dataset"]]
    layers = initial(s, data)
    _step(page, root)  # from the end: epoch 0, the initial weights
    got = _values(page, root, 0, row)
    assert got["W"] == [W.ravel().tolist() for W, _ in layers]  # bit for bit
    values, grads = _compare(got, layers, X, y, task, s["activation"], row, f"{s['dataset']} epoch 0")
    _keyboard(root, values, grads, layers, row)
    _step(page, root)
    one = mlp.train(
        layers, X, y, task=task, hidden=s["activation"], eta=s["eta"], epochs=1, batch_size=s["batch_size"]
    ).layers
    _compare(_values(page, root, 1, row), one, X, y, task, s["activation"], row, f"{s['dataset']} epoch 1")
    assert not log["console"], log["console"]


def _keyboard(root, values, grads, layers, row):
    """One tab stop; arrows to a unit, Enter to its weights; the live text says the numbers."""
    info = root.locator(".bp-pg-netinfo")
    assert info.get_attribute("aria-live") == "polite"
    assert root.locator(".bp-pg-unit[tabindex='0']").count() == 1
    root.page.mouse.move(0, 0)  # no unit nor edge under the pointer
    root.locator(".bp-pg-unit[tabindex='0']").focus()
    assert f"of row {row}:" in info.inner_text() and info.inner_text().startswith("input x₁")
    root.locator(".bp-pg-unit").nth(4).dispatch_event("mouseenter")  # the pointer elsewhere: the keys stay
    unit = root.locator(".bp-pg-unit[tabindex='0']")
    unit.press("ArrowRight")
    unit = root.locator(".bp-pg-unit[tabindex='0']")
    unit.press("ArrowDown")
    z, a = values[0][0][0, 1], values[0][1][0, 1]
    text = info.inner_text()
    assert text.startswith("layer 1, unit 2") and f"z = {z:.6g}, a = {a:.6g}, δ = ∂L/∂z = " in text, text
    root.locator(".bp-pg-unit[tabindex='0']").press("Enter")
    root.locator(".bp-pg-unit[tabindex='0']").press("Enter")  # the second weight coming in: from input 2
    W, dW = layers[0][0][1, 1], grads[0][0][1, 1]
    text = info.inner_text()
    assert text.startswith("weight w¹₂₂ (from input 2 to unit 2 of layer 1)"), text
    assert f"= {W:.6g}; ∂L/∂w = {dW:.6g} (epoch 0" in text, text
    assert root.locator(".bp-pg-edge.bp-pg-hl").count() == 1
    assert root.locator(".bp-pg-unit[tabindex='0']").count() == 1  # one tab stop, on the unit the keys reached
    root.locator(".bp-pg-edge").nth(1).dispatch_event("mouseenter")  # W[0, 1]: input 1 to unit 2
    assert info.inner_text().startswith("weight w¹₁₂") and f"= {layers[0][0][0, 1]:.6g};" in info.inner_text()
