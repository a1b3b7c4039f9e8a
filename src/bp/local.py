"""Local derivatives of the network's graph by central differences: the check for every factor.

The chapters derive each of the nine gradients as a product of local derivatives, such as
∂ŷ/∂O₁₁ = w²₁₁ or ∂O₁₁/∂w¹₁₁ = CGPA, and check every factor they show against an independent
number. `numerical_derivative` is that number: it nudges one quantity of the graph (a parameter,
an input, or an intermediate node) by ±h, recomputes everything downstream of it, and takes the
central difference of another quantity. Used by the regression chapter (and its list of slips in
`bp.slips.regression`); the classification chapter can use it for ∂O₁₁/∂z₁₁ = O₁₁(1 − O₁₁). For example::

    numerical_derivative(params, x, "O11", "w1_11", task="regression")      # ∂O₁₁/∂w¹₁₁ = CGPA
    numerical_derivative(params, x, "yhat", "O11", task="regression")       # ∂ŷ/∂O₁₁ = w²₁₁
    numerical_derivative(params, x, "L", "yhat", y=y, task="regression")    # ∂L/∂ŷ = ŷ − y

A quantity that does not depend on the nudged one has derivative 0 (∂O₁₂/∂w¹₂₁ = 0).

For a function of one number, `central_difference` is the same estimate, and `check_slope` prints
a derivative next to it with their relative error: the chain-rule chapter checks every slope so.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_params, check_task, check_xy
from .network import PARAM_NAMES, act, relative_error, row_loss

NODES = ("z11", "z12", "O11", "O12", "z21", "yhat", "L")
"""The graph's nodes in forward order; ``L`` is the loss of the row."""

INPUTS = ("CGPA", "IQ")


def _graph(p, CGPA, IQ, y, task, loss, node=None, h=0.0):
    """The forward pass of one row with ``h`` added to ``node`` as soon as it is computed."""
    v = {}

    def put(name, value):
        v[name] = value + h if name == node else value

    put("z11", p["w1_11"] * CGPA + p["w1_21"] * IQ + p["b11"])
    put("z12", p["w1_12"] * CGPA + p["w1_22"] * IQ + p["b12"])
    put("O11", act(v["z11"], task))
    put("O12", act(v["z12"], task))
    put("z21", p["w2_11"] * v["O11"] + p["w2_21"] * v["O12"] + p["b21"])
    put("yhat", act(v["z21"], task))
    if y is not None:
        if node == "yhat" and loss == "cross_entropy":
            # ŷ was nudged away from σ(z₂₁): compute the cross-entropy from ŷ itself.
            yh = v["yhat"]
            put("L", -(y * np.log(yh) + (1 - y) * np.log(1 - yh)))
        else:
            put("L", row_loss(v, y, loss))
    return v


def numerical_derivative(params, x, of, wrt, *, task, y=None, loss=None, h=1e-6):
    """Central difference (q(wrt + h) − q(wrt − h)) / 2h of the quantity ``of`` on one row ``x``.

    ``of`` is a node of the graph: ``z11, z12, O11, O12, z21, yhat`` or ``L`` (the loss, which needs
    the target ``y``). ``wrt`` is a parameter name (``w1_11`` … ``b21``), an input (``CGPA``,
    ``IQ``) or a node; nudging a node recomputes only what lies downstream of it. Returns a float.
    """
    task, loss = check_task(task, loss)
    p = check_params(params)
    x, y = check_xy(x, y, task) if y is not None else check_xy(x, None, task)
    if x.ndim != 1:
        raise ValueError(f"x has shape {x.shape}: numerical_derivative takes one row [CGPA, IQ], shape (2,)")
    if of not in NODES:
        raise KeyError(f"unknown quantity {of!r}: expected one of {', '.join(NODES)}")
    if wrt not in PARAM_NAMES + INPUTS + NODES:
        raise KeyError(
            f"unknown quantity {wrt!r}: expected a parameter ({', '.join(PARAM_NAMES)}), "
            f"an input ({', '.join(INPUTS)}) or a node ({', '.join(NODES)})"
        )
    if of == "L" and y is None:
        raise ValueError("the loss L needs the target: pass y=...")
    if not (isinstance(h, (int, float)) and not isinstance(h, bool) and np.isfinite(h) and h > 0):
        raise ValueError(f"h must be a positive finite number, got {h!r}")

    def value(step):
        q, CGPA, IQ, node = dict(p), float(x[0]), float(x[1]), None
        if wrt in PARAM_NAMES:
            q[wrt] += step
        elif wrt == "CGPA":
            CGPA += step
        elif wrt == "IQ":
            IQ += step
        else:
            node = wrt
        with np.errstate(all="ignore"):
            return float(_graph(q, CGPA, IQ, y, task, loss, node, step)[of])

    return (value(h) - value(-h)) / (2 * h)


def central_difference(f, t, h=1e-6):
    """The slope of the one-variable function ``f`` at ``t``, from two nearby points (chain-rule chapter)."""
    return (f(t + h) - f(t - h)) / (2 * h)


def check_slope(label, value, f, t, h=1e-6):
    """Print the derivative ``value``, the central difference of ``f`` at ``t`` and their relative
    error (the chain-rule chapter's check of every slope it derives)."""
    numeric = central_difference(f, t, h)
    print(f"{label} = {value:.6f}")
    print(f"    central difference {numeric:.6f}, relative error {relative_error(value, numeric):.2e}")


__all__ = ["INPUTS", "NODES", "central_difference", "check_slope", "numerical_derivative"]
