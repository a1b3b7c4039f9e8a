"""`check_gradient`: judges a learner's formula for one derivative (exercises of every chapter).

The learner writes ``fn(params, x, y)`` returning their formula for ∂L/∂name on one row
``x = [CGPA, IQ]``. We evaluate it at a few seeded points against backpropagation and, when it
differs, look for the slip that explains it among the usual ones: a wrong sign, a missing factor,
a weight from the wrong layer, the wrong input or hidden unit, an extra σ′.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import numpy as np

from ._checks import check_task
from .network import PARAM_NAMES, forward, gradients

N_POINTS = 5
RTOL, ATOL = 1e-6, 1e-9


@dataclass(frozen=True)
class CheckResult:
    """The verdict: ``ok`` is True when the formula matches backprop at every point."""

    ok: bool
    message: str

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return textwrap.fill(self.message, 88)  # one long line would scroll in the book

    __str__ = __repr__


def _points(task):
    """Seeded test points: parameters, one row and its target, away from any zero factor."""
    rng = np.random.default_rng(0)
    points = []
    for _ in range(N_POINTS):
        params = {n: float(rng.uniform(0.2, 0.9) * rng.choice([-1, 1])) for n in PARAM_NAMES}
        x = np.array([rng.uniform(2.0, 4.0), rng.uniform(6.0, 10.0)])
        y = float(rng.integers(0, 2)) if task == "classification" else float(rng.uniform(10, 60))
        points.append((params, x, y))
    return points


def _factors(name, params, x, y, task, loss):
    """The chain of local derivatives whose product is ∂L/∂name, as (label, value) pairs."""
    f = forward(params, x, task=task)
    sig = task == "classification"
    yhat, O = f["yhat"], {"1": f["O11"], "2": f["O12"]}
    chain = [("(ŷ − y)", yhat - y)]
    if sig and loss == "squared":
        chain.append(("ŷ(1 − ŷ)", yhat * (1 - yhat)))
    if name == "b21":
        return chain
    if name.startswith("w2_"):
        j = name[3]
        return chain + [(f"O1{j}", O[j])]
    j = name[-1]  # hidden unit of a layer-1 weight or hidden bias
    chain.append((f"w2_{j}1", params[f"w2_{j}1"]))
    if sig:
        chain.append((f"O1{j}(1 − O1{j})", O[j] * (1 - O[j])))
    if name.startswith("w1_"):
        i = name[3]
        chain.append(("CGPA" if i == "1" else "IQ", x[int(i) - 1]))
    return chain


def _slips(name, params, x, y, task, loss):
    """The catalogue: (description, value) of the usual wrong formulas for ∂L/∂name."""
    chain = _factors(name, params, x, y, task, loss)
    right = math.prod(v for _, v in chain)
    f = forward(params, x, task=task)
    out = [("the sign is wrong: the chain rule gives the opposite sign (ŷ − y, not y − ŷ)", -right)]
    for k, (label, v) in enumerate(chain[1:], start=1):
        rest = math.prod(w for m, (_, w) in enumerate(chain) if m != k)
        out.append((f"a factor is missing: {label}", rest))
        others = []
        if label.startswith("w2_"):
            others = [(n, params[n]) for n in PARAM_NAMES if n.startswith("w1_")]
            others += [(n, params[n]) for n in ("w2_11", "w2_21") if n != label]
        elif label in ("CGPA", "IQ"):
            others = [("IQ" if label == "CGPA" else "CGPA", x[1] if label == "CGPA" else x[0])]
        elif label in ("O11", "O12"):
            others = [("O12" if label == "O11" else "O11", f["O12"] if label == "O11" else f["O11"])]
        for other, w in others:
            kind = "a weight from the wrong layer" if other.startswith("w1_") else "the wrong factor"
            out.append((f"{kind}: {other} where the chain rule gives {label}", rest * w))
    if task == "classification" and loss == "cross_entropy":
        out.append(("an extra σ′(z21) = ŷ(1 − ŷ): with cross-entropy it cancels against ∂L/∂ŷ",
                    right * f["yhat"] * (1 - f["yhat"])))
    return out


def _close(a, b):
    return abs(a - b) <= ATOL + RTOL * max(abs(a), abs(b))


def check_gradient(fn, name, *, task, loss=None):
    """Judge ``fn(params, x, y)``: the learner's formula for dL/d(``name``) on one row.

    Returns a `CheckResult` whose text says "Right" or names the most likely slip, with the numbers
    at one point where the formula and backpropagation differ.
    """
    task, loss = check_task(task, loss)
    if name not in PARAM_NAMES:
        raise KeyError(f"unknown parameter {name!r}; expected one of {', '.join(PARAM_NAMES)}")
    yours, truth, points = [], [], _points(task)
    for params, x, y in points:
        try:
            value = float(fn(dict(params), x.copy(), y))
        except Exception as e:  # the learner's code: report, don't crash the notebook
            return CheckResult(False, f"Your function raised {type(e).__name__}: {e}")
        yours.append(value)
        truth.append(gradients(params, x, y, task=task, loss=loss)[name])
    if all(_close(a, b) for a, b in zip(yours, truth)):
        return CheckResult(True, f"Right: your ∂L/∂{name} matches backpropagation at all {len(points)} test points.")
    k = next(i for i, (a, b) in enumerate(zip(yours, truth)) if not _close(a, b))
    params, x, y = points[k]
    where = (f"At CGPA={x[0]:.3f}, IQ={x[1]:.3f}, y={y:g}, {name}={params[name]:.3f}: "
             f"yours = {yours[k]:.6g}, backpropagation = {truth[k]:.6g}.")
    catalogue = [_slips(name, p, xx, yy, task, loss) for p, xx, yy in points]
    for j, (why, _) in enumerate(catalogue[0]):
        if all(_close(yours[i], catalogue[i][j][1]) for i in range(len(points))):
            return CheckResult(False, f"Not quite: {why}. {where}")
    return CheckResult(False, f"Not quite: ∂L/∂{name} differs from backpropagation. {where}")
