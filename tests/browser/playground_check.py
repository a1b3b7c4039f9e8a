"""What a playground in a page shows, against `bp.mlp.train` for the same settings (shared by the
static-book test, test_playground_live.py, and the JupyterLab test, tests/lab/test_lab_playground.py).

The rule (issue 15). The page trains with a JavaScript twin of `bp.mlp` whose plain loops round
differently from NumPy's BLAS products and `np.tanh` in the last digits, and a chaotic run amplifies
that, differently on different CPUs. So:

- the loss before training and after the first epoch must equal `bp.mlp.train`'s to 1e-12 relative;
- on a *stable* setting the whole curve must equal it to 1e-9 relative (and the gradient norms, the
  divergence and the accuracy must agree). A setting is stable when `bp.mlp.train` itself moves by
  less than 1e-10 relative when its initial weights are perturbed by 1e-13 relative (two
  perturbations: one seeded random sign per weight, and its opposite);
- an unstable setting is reported with its drift (and the page's distance from Python), never failed.
"""

from __future__ import annotations

import json
import math

import numpy as np

from bp import mlp
from bp.playground import datasets, standardized

PLAYGROUND = "bp.playground.Playground"  # a playground's _anywidget_id, in a page's stored widget state
FIRST_RTOL = 1e-12
CURVE_RTOL = 1e-9
STABLE_DRIFT = 1e-10
PERTURBATION = 1e-13


def model_datasets(state):
    """The data sets a playground's stored (or kernel) state holds, by name, as the page trains on them;
    with the three blobs, which the page draws itself (js/data.js, bp.data.blobs's twin) when a state
    saved before them lacks them."""
    sets = {d["name"]: d for d in state["datasets"]}
    if "blobs" not in sets:
        sets["blobs"] = next(d for d in datasets(len(sets["circles"]["x"])) if d["name"] == "blobs")
    return {name: (standardized(d), np.array(d["y"], dtype=float), d["task"]) for name, d in sets.items()}


def sizes(s, data=None):
    """The layer sizes of settings `s`: one output, or one per class of a multiclass set of `data`."""
    X, y, task = data[s["dataset"]] if data else (None, None, None)
    return [2] + [s["width"]] * s["hidden_layers"] + [int(y.max()) + 1 if task == "multiclass" else 1]


def initial(s, data):
    """`bp.mlp.init` for the page's settings `s` on its data."""
    return mlp.init(sizes(s, data), seed=s["seed"], scale=s["scale"], task=data[s["dataset"]][2])


def python_run(s, data, layers=None):
    """`bp.mlp.train` for the page's settings `s` (from its data-settings) on its data."""
    X, y, task = data[s["dataset"]]
    layers = initial(s, data) if layers is None else layers
    return mlp.train(
        layers, X, y, task=task, hidden=s["activation"], eta=s["eta"], epochs=s["epochs"], batch_size=s["batch_size"]
    )


def drift(s, data, reference):
    """How far `bp.mlp.train` moves (max relative change of the curve) under 1e-13 relative
    perturbations of its initial weights; infinite if the divergence or the curve's length changes."""
    layers = initial(s, data)
    signs = [np.random.default_rng(0).choice([-1.0, 1.0], size=W.shape) for W, _ in layers]
    worst = 0.0
    for direction in (1.0, -1.0):
        nudged = [(W * (1.0 + direction * PERTURBATION * sg), b) for (W, b), sg in zip(layers, signs, strict=True)]
        r = python_run(s, data, nudged)
        if r.diverged != reference.diverged or r.losses.shape != reference.losses.shape:
            return float("inf")
        if len(r.losses):
            worst = max(worst, float(np.max(np.abs(r.losses - reference.losses) / np.abs(reference.losses))))
    return worst


def gradient_sizes(layers, X, y, task, hidden):
    """Each layer's ∂L/∂W, its root mean square (the measure of the chapter's depth figure)."""
    return [float(np.sqrt(np.mean(dW**2))) for dW, _ in mlp.gradients(layers, X, y, task=task, hidden=hidden)]


def relative(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return float("inf")
    if not a.size:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))


def check(shown, data, where):
    """Compare what the page shows with `bp.mlp.train`. Returns a dict (stable, drift, distance,
    report line); raises AssertionError where the rule is broken."""
    s = shown["settings"]
    X, y, task = data[s["dataset"]]
    r = python_run(s, data)
    losses = np.array(shown["losses"], dtype=float)
    first = min(2, len(losses), len(r.losses))
    assert first or (not len(losses) and not len(r.losses)), f"{where}: page losses {losses[:3]}, bp.mlp {r.losses[:3]}"
    np.testing.assert_allclose(
        losses[:first],
        r.losses[:first],
        rtol=FIRST_RTOL,
        atol=0,
        err_msg=f"{where}: the loss before training / after epoch 1",
    )
    layers0 = initial(s, data)
    start = gradient_sizes(layers0, X, y, task, s["activation"])
    np.testing.assert_allclose(
        shown["gradStart"], start, rtol=1e-10, atol=0, err_msg=f"{where}: gradients at the start"
    )
    d = drift(s, data, r)
    stable = d < STABLE_DRIFT
    distance = relative(losses, r.losses)
    if stable:
        assert shown["diverged"] == r.diverged, f"{where}: page diverged={shown['diverged']}, bp.mlp {r.diverged}"
        assert losses.shape == r.losses.shape, (
            f"{where}: {losses.shape} losses drawn, bp.mlp.train has {r.losses.shape}"
        )
        np.testing.assert_allclose(losses, r.losses, rtol=CURVE_RTOL, atol=0, err_msg=f"{where} (stable)")
        end = gradient_sizes(r.layers, X, y, task, s["activation"])
        # Near a minimum a gradient is a sum of terms cancelling each other: absolutely close, not relatively.
        np.testing.assert_allclose(
            shown["gradEnd"], end, rtol=CURVE_RTOL, atol=1e-12, err_msg=f"{where}: gradients at the end"
        )
        if task == "classification":
            yhat = mlp.forward(r.layers, X, task=task, hidden=s["activation"])[-1][1][:, 0]
            assert shown["accuracy"] == float(np.mean((yhat >= 0.5) == y)), f"{where}: accuracy"
        if task == "multiclass":
            P = mlp.forward(r.layers, X, task=task, hidden=s["activation"])[-1][1]
            assert shown["accuracy"] == float(np.mean(np.argmax(P, axis=1) == y)), f"{where}: accuracy"
        check_readout(shown, r, task, where)
    line = (
        f"{'stable  ' if stable else 'UNSTABLE'} drift {d:8.1e}  page vs bp.mlp {distance:8.1e}  "
        f"{json.dumps(s, sort_keys=True)}{'  (diverged)' if r.diverged else ''}"
    )
    return {"stable": stable, "drift": d, "distance": distance, "line": line, "diverged": r.diverged}


def check_readout(shown, r, task, where):
    """The visible status line and the loss curve's text alternative say what bp.mlp.train gives."""
    text = shown["readout"]
    s = shown["settings"]
    if r.diverged:
        assert shown["divergedShown"], f"{where}: no visible 'diverged' in {text!r}"
        if len(r.losses):
            assert (
                f"diverged after epoch {len(r.losses)}:" in text
                and f"the last finite loss is {r.losses[-1]:.6g}" in text
            ), (where, text)
    else:
        assert "diverged" not in text, (where, text)
        assert f"final loss {r.losses[-1]:.6g} after {s['epochs']} epochs" in text, (where, text)
    if task in ("classification", "multiclass") and shown["accuracy"] is not None:
        percent = math.floor(100 * shown["accuracy"] + 0.5)  # the page rounds halves up (62.5 % → 63 %)
        assert f"accuracy {percent}%" in text, (where, text)
    assert text.replace("\n", " ") in shown["labels"]["loss"], (where, shown["labels"]["loss"], text)


# The stored state of each playground on a page of the book, in page order.
STATES_JS = """(marker) => {
    const state = JSON.parse(document.querySelector(
        'script[type="application/vnd.jupyter.widget-state+json"]').textContent).state;
    return [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
        .map(s => state[JSON.parse(s.textContent).model_id].state)
        .filter(st => st._anywidget_id === marker);
}"""


# What a playground shows, read from its root element (src/bp/js/playground.js writes these).
SHOWN_JS = """(el) => ({
    settings: JSON.parse(el.dataset.settings), losses: JSON.parse(el.dataset.losses),
    diverged: el.dataset.diverged === 'true', accuracy: JSON.parse(el.dataset.accuracy),
    gradStart: JSON.parse(el.dataset.gradStart), gradEnd: JSON.parse(el.dataset.gradEnd),
    epoch: Number(el.dataset.epoch), state: el.dataset.state, updates: Number(el.dataset.updates || 0),
    engine: el.dataset.engine, ranOn: el.dataset.ranOn,
    controls: Object.fromEntries([...el.querySelectorAll('.bp-pg-controls [data-name]:is(input, select)')]
                                 .map(c => [c.dataset.name, c.value])),
    readout: el.querySelector('.bp-pg-readout').innerText,
    divergedShown: [...el.querySelectorAll('.bp-pg-diverged')]
                   .some(b => b.offsetHeight > 0 && /diverged/.test(b.innerText)),
    labels: Object.fromEntries([...el.querySelectorAll('.bp-pg-cell')].map(c => {
      const canvas = c.querySelector('canvas');
      return [c.className.match(/bp-pg-(plane|loss|grads)/)[1],
              canvas.getAttribute('role') + ': ' + canvas.getAttribute('aria-label')];
    })),
})"""


def controls_match(shown, state):
    """The settings the page trained with are the ones its controls show (η and the epochs are
    sliders over the lists the widget sent; the batch size a select, "full" for the full batch)."""
    s, c = shown["settings"], shown["controls"]
    assert c["dataset"] == s["dataset"] and c["activation"] == s["activation"], (c, s)
    assert int(c["hidden_layers"]) == s["hidden_layers"] and int(c["width"]) == s["width"], (c, s)
    assert state["etas"][int(c["eta"])] == s["eta"], (c, s)
    assert state["epoch_values"][int(c["epochs"])] == s["epochs"], (c, s)
    assert c["batch_size"] == ("full" if s["batch_size"] is None else str(s["batch_size"])), (c, s)
    assert int(c["seed"]) == s["seed"], (c, s)
