"""What a `bp.stepper` shows, checked against `bp`: shared by the browser test of the static book
(tests/browser/test_stepper_live.py) and the JupyterLab test (tests/lab/test_lab_stepper.py).

`expected` computes every value of one pass from `bp.forward`, `bp.loss`, `bp.gradients` and one
step of `bp.train`; `READ` reads what a stepper shows (its data-* attributes carry the numbers at
full precision); `check_step` asserts that one step shows the right value, rounded on its line
and on the drawing, and lights what it uses.
"""

from __future__ import annotations

import math

import numpy as np

import bp

RTOL, ATOL = 1e-12, 1e-15


def step_ids(task):
    """The steps of one pass, in the order the issue gives them."""
    forward = ["input", "z11", "O11", "z12", "O12", "z21", "yhat", "L"]
    backward = (
        ["dL_dyhat"]
        + (["dyhat_dz21"] if task == "classification" else [])
        + [
            "delta21",
            "grad.w2_11",
            "grad.w2_21",
            "grad.b21",
            "delta11",
            "delta12",
            "grad.w1_11",
            "grad.w1_21",
            "grad.b11",
            "grad.w1_12",
            "grad.w1_22",
            "grad.b12",
        ]
    )
    update = [f"new.{n}" for n in bp.PARAM_NAMES] + ["L_after"]
    return forward + backward + update


def expected(state, row, params):
    """Every value of one pass on x[row] with `params`, from bp (the page's numbers must equal these)."""
    task, loss, eta = state["task"], state["loss"], state["eta"]
    x, y = np.array(state["x"]), np.array(state["y"])
    xr, yr = x[row], float(y[row])
    f = bp.forward(params, xr, task=task)
    g = bp.gradients(params, xr, yr, task=task, loss=loss)
    step = bp.train(params, xr, yr, task=task, loss=loss, eta=eta, epochs=1)
    assert not step.diverged, (row, params)
    yhat = f["yhat"]
    return {
        "CGPA": float(xr[0]),
        "IQ": float(xr[1]),
        "y": yr,
        **f,
        "L": bp.loss(params, xr, yr, task=task, loss=loss),
        "dL_dyhat": yhat - yr if loss == "squared" else (yhat - yr) / (yhat * (1 - yhat)),
        "dyhat_dz21": yhat * (1 - yhat),
        # δ of a unit = ∂L/∂(its bias): ∂L/∂b = δ · 1.
        "delta21": g["b21"],
        "delta11": g["b11"],
        "delta12": g["b12"],
        **{f"grad.{n}": g[n] for n in bp.PARAM_NAMES},
        **{f"new.{n}": step.params[n] for n in bp.PARAM_NAMES},
        "L_after": bp.loss(step.params, xr, yr, task=task, loss=loss),
        "L_mean": bp.loss(params, x, y, task=task, loss=loss),
        "L_mean_after": bp.loss(step.params, x, y, task=task, loss=loss),
    }


def close(a, b):
    return a is not None and math.isclose(a, b, rel_tol=RTOL, abs_tol=ATOL)


def line_number(v):
    """A number as the step's line writes it (f"{v:.5g}", true minus)."""
    return f"{v:.5g}".replace("-", "−")


def drawn_number(v):
    """A number as the drawing writes it (f"{v:.4g}", as bp.draw_network)."""
    return f"{v:.4g}".replace("-", "−")


# The parameters a step uses, whose edges (weights) and labels (weights and biases) it must light.
USES = {
    "z11": {"w1_11", "w1_21", "b11"},
    "z12": {"w1_12", "w1_22", "b12"},
    "z21": {"w2_11", "w2_21", "b21"},
    "delta11": {"w2_11"},
    "delta12": {"w2_21"},
    **{f"{kind}.{n}": {n} for kind in ("grad", "new") for n in bp.PARAM_NAMES},
}

READ = """(el) => ({
    pass: Number(el.dataset.pass), row: Number(el.dataset.row), step: Number(el.dataset.step),
    steps: Number(el.dataset.steps), id: el.dataset.stepId, phase: el.dataset.phase,
    value: JSON.parse(el.dataset.value), params: JSON.parse(el.dataset.params),
    eta: JSON.parse(el.dataset.eta), updates: Number(el.dataset.updates),
    progress: el.querySelector('.bp-progress').innerText, line: el.querySelector('.bp-line').innerText,
    live: el.querySelector('.bp-line').getAttribute('role'),
    drawn: Object.fromEntries([...el.querySelectorAll('svg [data-quantity]')]
      .map(t => [t.dataset.quantity, t.textContent])),
    litEdges: [...el.querySelectorAll('svg line.bp-lit')].map(l => l.dataset.edge),
    litNodes: [...el.querySelectorAll('svg circle.bp-lit')].map(c => c.dataset.node),
    litParams: [...el.querySelectorAll('svg g.bp-lit[data-param]')].map(g => g.dataset.param),
    alt: el.querySelector('svg').getAttribute('role') + ': ' + el.querySelector('svg').getAttribute('aria-label'),
    backDisabled: el.querySelector('.bp-back').disabled,
    scrollY: window.scrollY, leaked: window.__bpLeaked.slice(),
})"""


def check_step(shown, ids, exp, where):
    """One step's numbers, texts, drawing and lights against bp."""
    k = shown["step"]
    sid = ids[k - 1]
    assert shown["steps"] == len(ids), f"{where}: {shown['steps']} steps, the issue lists {len(ids)}"
    assert shown["id"] == sid, f"{where}: step {k} is {shown['id']!r}, expected {sid!r}"
    assert f"step {k} of {len(ids)}" in shown["progress"], (where, shown["progress"])
    keys = {"input": ["CGPA", "IQ", "y"], "L_after": ["L_after", "L_mean", "L_mean_after"]}.get(sid, [sid])
    assert sorted(shown["value"]) == sorted(keys), (where, shown["value"])
    for key in keys:
        assert close(shown["value"][key], exp[key]), (
            f"{where}: {key} = {shown['value'][key]!r} in the page, {exp[key]!r} from bp"
        )
    # Shown rounded: on the line (the live region) and on the drawing, on that quantity's label.
    assert shown["live"] == "status", where
    for key in keys if sid != "L_after" else ["L_after", "L_mean_after"]:
        assert line_number(exp[key]) in shown["line"], (where, key, exp[key], shown["line"])
    for key in keys if sid != "L_after" else ["L_after"]:
        assert key in shown["drawn"] and drawn_number(exp[key]) in shown["drawn"][key], (where, key, shown["drawn"])
    assert shown["litNodes"] or shown["litEdges"], f"{where}: the step lights no unit and no edge"
    uses = USES.get(sid, set())
    assert set(shown["litEdges"]) == {n for n in uses if n.startswith("w")}, (where, shown["litEdges"])
    assert set(shown["litParams"]) == uses, (where, shown["litParams"])
    # Every value so far is still on the drawing (the loss of the row becomes L → L after the step).
    so_far = {q for s in ids[:k] for q in ({"input": ["CGPA", "IQ", "y"]}.get(s, [s]))}
    if "L_after" in so_far:
        so_far.discard("L")
    missing = so_far - set(shown["drawn"])
    assert not missing, f"{where}: not on the drawing: {missing}"
    assert shown["alt"].startswith("img: The 2-2-1 network") and len(shown["alt"]) > 100, where
