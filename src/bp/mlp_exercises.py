"""Checkers for the exercises of "Backpropagation for any network": a learner's matrix formula for
a batch, judged against the chapter's equations.

`check_hidden_error` judges ``fn(delta2, W1, W2, O1)``, the hidden layer's error δ¹ for a batch;
`check_weight_gradient` judges ``fn(X, delta1)``, ∂L/∂W¹ for a batch. Both follow
`check_gradient`'s rules: the test points have short decimals and are printed whole, a slip is
named only when it alone explains the answer at every point (otherwise the verdict says that the
answer differs), and a function that raises or returns something other than an array of the
right shape gets a message that says what came back. The verdict is a `bp.CheckResult` whose
``slips`` holds the id of the slip named (a key of `HIDDEN_ERROR_SLIPS` or
`WEIGHT_GRADIENT_SLIPS`), empty when right or when no slip could be named.
"""

from __future__ import annotations

import functools

import numpy as np

from .exercises import CheckResult
from .mlp import uniforms

RTOL, ATOL = 1e-9, 1e-12


def _decimals(seed, shape, low, high, places=1, nonzero=0.0):
    """Seeded numbers with ``places`` decimals, |v| in [low, high] with a random sign if ``nonzero``."""
    n = int(np.prod(shape))
    u = uniforms(seed, 2 * n)
    size = low + (high - low) * u[:n]
    sign = np.where(u[n:] < 0.5, -1.0, 1.0) if nonzero else 1.0
    return np.array([float(f"{v:.{places}f}") for v in (sign * size)]).reshape(shape)  # exactly as printed


def _hidden_error_points():
    """(delta2, W1, W2, O1): two points where every matrix is 2×2 (so slips give numbers, not
    errors), then one with three hidden units and two in the next layer. The seeds are chosen so
    that every two formulas of the catalogue differ by at least 0.02 at each square point, and no
    entry is near 0 (tests/test_mlp_exercises.py checks both)."""
    points = []
    for seed, (n, n0, n1, n2) in ((120, (3, 2, 2, 2)), (210, (3, 2, 2, 2)), (230, (4, 2, 3, 2))):
        points.append(
            {
                "delta2": _decimals(seed, (n, n2), 0.1, 0.9, nonzero=True),
                "W1": _decimals(seed + 1, (n0, n1), 0.1, 0.9, nonzero=True),
                "W2": _decimals(seed + 2, (n1, n2), 0.1, 0.9, nonzero=True),
                "O1": _decimals(seed + 3, (n, n1), 0.15, 0.85, places=2),
            }
        )
    return points


def _weight_gradient_points():
    """(X, delta1): two square points (2 inputs, 2 units, 3 rows), then 2 inputs, 3 units, 4 rows;
    seeds chosen as for `_hidden_error_points`."""
    return [
        {
            "X": _decimals(seed, (n, n0), 0.1, 2.0, nonzero=True),
            "delta1": _decimals(seed + 1, (n, n1), 0.1, 0.9, nonzero=True),
        }
        for seed, (n, n0, n1) in ((110, (3, 2, 2)), (160, (3, 2, 2)), (100, (4, 2, 3)))
    ]


def _sigma_prime(O):
    return O * (1 - O)


HIDDEN_ERROR_SLIPS = {
    "no_transpose": (
        "W² is used without its transpose: the error flows back along the same weights "
        "the signal came forward on, and going back takes W²ᵀ",
        lambda d, W1, W2, O: (d @ W2) * _sigma_prime(O),
    ),
    "no_act_prime": (
        "the factor σ′(z¹) = O¹(1 − O¹) is missing: δ¹ = (δ² W²ᵀ) ⊙ O¹(1 − O¹)",
        lambda d, W1, W2, O: d @ W2.T,
    ),
    "wrong_layer": (
        "W¹ where the chain rule gives W²: the error of layer 1 comes back along the "
        "weights out of layer 1 (W²), not the ones into it",
        lambda d, W1, W2, O: (d @ W1.T) * _sigma_prime(O),
    ),
    "wrong_layer_no_transpose": (
        "W¹ where the chain rule gives W²ᵀ: the weights out of layer 1, transposed",
        lambda d, W1, W2, O: (d @ W1) * _sigma_prime(O),
    ),
    "no_transpose_no_act_prime": (
        "W² without its transpose, and the factor O¹(1 − O¹) is missing",
        lambda d, W1, W2, O: d @ W2,
    ),
    "sign": (
        "the sign is wrong: δ¹ = (δ² W²ᵀ) ⊙ O¹(1 − O¹), with no minus",
        lambda d, W1, W2, O: -(d @ W2.T) * _sigma_prime(O),
    ),
    "sigma_prime_with_plus": ("σ′ is O(1 − O), not O(1 + O)", lambda d, W1, W2, O: (d @ W2.T) * O * (1 + O)),
}
"""The slips `check_hidden_error` can name: id → (explanation, the wrong formula)."""

WEIGHT_GRADIENT_SLIPS = {
    "sum": (
        "this is the sum over the rows; the loss is the mean over the n rows, so ∂L/∂W¹ = Xᵀ δ¹ / n",
        lambda X, d: X.T @ d,
    ),
    "transposed": (
        "this is the transpose: entry (i, j) must be the mean of x_i δ_j (from input i to "
        "unit j), so ∂L/∂W¹ = Xᵀ δ¹ / n, not δ¹ᵀ X / n",
        lambda X, d: d.T @ X / len(X),
    ),
    "transposed_sum": ("this is the transpose of the sum: ∂L/∂W¹ = Xᵀ δ¹ / n, not δ¹ᵀ X", lambda X, d: d.T @ X),
    "product_of_means": (
        "this is the product of the means of X and δ¹; the gradient is the mean of "
        "the products x_i δ_j over the rows, Xᵀ δ¹ / n",
        lambda X, d: np.outer(X.mean(axis=0), d.mean(axis=0)),
    ),
    "first_row": (
        "this uses only the first row; the batch gradient is the mean over all n rows",
        lambda X, d: np.outer(X[0], d[0]),
    ),
}
"""The slips `check_weight_gradient` can name: id → (explanation, the wrong formula)."""


def _fmt(a):
    """An array as a Python literal with the short decimals it holds (``[[0.3, -0.12], ...]``)."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 0:
        return f"{float(a):.6g}"
    return "[" + ", ".join(_fmt(row) for row in a) + "]"


def _outcome(fn, point, shape):
    """(array, None) when fn returns a number array of ``shape``; (None, what went wrong) otherwise."""
    try:
        value = fn(*(v.copy() for v in point.values()))  # in the documented order, whatever the names
    except Exception as e:  # the learner's code: report, don't crash the notebook
        return None, f"raised {type(e).__name__}: {e}"
    if value is None:
        return None, "returned None"
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None, f"returned {type(value).__name__} {value!r:.60}, which is not an array of numbers"
    if arr.shape != shape:
        what = "a single number" if arr.ndim == 0 else f"an array of shape {arr.shape}"
        hint = " — the transpose's shape" if arr.shape == shape[::-1] else ""
        return None, f"returned {what}{hint}"
    return arr, None


def _close(a, b):
    return a is not None and b is not None and np.allclose(a, b, rtol=RTOL, atol=ATOL)


def _table(name, args, points, right, slips, expected):
    truths = [right(*p.values()) for p in points]

    def value(formula, p, t):
        arr, _ = _outcome(formula, p, t.shape)  # None where the slip cannot run or has another shape
        return None if arr is None else arr.tolist()

    return {
        "name": name,
        "args": list(args),
        "points": [{k: v.tolist() for k, v in p.items()} for p in points],
        "where": ["At " + ", ".join(f"{k} = {_fmt(v)}" for k, v in p.items()) + ": " for p in points],
        "right": [t.tolist() for t in truths],
        "expected": [expected(t.shape) for t in truths],
        "slips": [
            {"id": sid, "words": why, "values": [value(f, p, t) for p, t in zip(points, truths, strict=True)]}
            for sid, (why, f) in slips.items()
        ],
        "rtol": RTOL,
        "atol": ATOL,
    }


def _arr_close(a, b, table):
    return a is not None and b is not None and np.allclose(a, b, rtol=table["rtol"], atol=table["atol"])


def judge(outcomes, table):
    """The checker's verdict (a `CheckResult`) on a learner's answer at the test points of
    ``table`` (`hidden_error_table` or `weight_gradient_table`): ``outcomes`` holds, per point,
    the answer's array (of the right shape) or a string saying what went wrong instead
    (``"returned None"``, ``"raised ValueError: …"``)."""
    yours = [None if isinstance(o, str) else np.asarray(o, dtype=float) for o in outcomes]
    truths = [np.asarray(t, dtype=float) for t in table["right"]]
    name = table["name"]
    if all(_arr_close(a, t, table) for a, t in zip(yours, truths, strict=True)):
        return CheckResult(
            True, f"Right: your {name} matches the chapter's equations at all {len(truths)} test points."
        )
    k = next(i for i, (a, t) in enumerate(zip(yours, truths, strict=True)) if not _arr_close(a, t, table))

    def matches(values):
        # the slip explains every point: the same numbers, or an error/wrong shape where the learner's has one
        explained, valued = True, False
        for arr, slip in zip(yours, values, strict=True):
            if arr is None and slip is None:
                continue
            explained &= _arr_close(arr, slip, table)
            valued = True
        return explained and valued

    named = [s for s in table["slips"] if matches(s["values"])]
    where, right = table["where"][k], _fmt(truths[k])
    if len(named) == 1:
        return CheckResult(
            False,
            f"Not quite: {named[0]['words']}. {where}yours = {_fmt(yours[k])}, right = {right}.",
            (named[0]["id"],),
        )
    if yours[k] is None:
        return CheckResult(
            False, f"Your function {outcomes[k]}. Expected {table['expected'][k]}. {where}right = {right}."
        )
    return CheckResult(
        False,
        f"Not quite: your {name} differs from the chapter's equations. "
        f"{where}yours = {_fmt(yours[k])}, right = {right}.",
    )


def _judge(fn, table):
    """The verdict on ``fn`` at the table's points: right, one named slip, or "differs" with the numbers."""
    if not callable(fn):
        return CheckResult(False, f"Expected a function, got {type(fn).__name__} {fn!r:.60}.")
    outcomes = []
    for p, t in zip(table["points"], table["right"], strict=True):
        arr, why = _outcome(fn, {k: np.array(v, dtype=float) for k, v in p.items()}, np.shape(t))
        outcomes.append(why if arr is None else arr)
    return judge(outcomes, table)


@functools.cache
def hidden_error_table():
    """Everything that judges an answer for δ¹, as plain data (the page's widget state too): the
    ``args`` and their values at each test point (``points``), each point in words (``where``),
    the ``right`` answers, what is ``expected``, each slip's ``id``, ``words`` and ``values`` (None
    where it has another shape or cannot run), the tolerance; `judge` gives the verdict."""
    return _table(
        "δ¹",
        ("delta2", "W1", "W2", "O1"),
        _hidden_error_points(),
        lambda delta2, W1, W2, O1: (delta2 @ W2.T) * _sigma_prime(O1),
        HIDDEN_ERROR_SLIPS,
        lambda s: f"a NumPy array of shape {s}: one row per example, one column per hidden unit",
    )


@functools.cache
def weight_gradient_table():
    """`hidden_error_table`'s twin for ∂L/∂W¹ = Xᵀ δ¹ / n."""
    return _table(
        "∂L/∂W¹",
        ("X", "delta1"),
        _weight_gradient_points(),
        lambda X, delta1: X.T @ delta1 / len(X),
        WEIGHT_GRADIENT_SLIPS,
        lambda s: f"a NumPy array of shape {s}, the shape of W¹: one row per input, one column per unit",
    )


def check_hidden_error(fn):
    """Judge ``fn(delta2, W1, W2, O1)``: the error δ¹ of a sigmoid hidden layer for a batch.

    ``delta2`` (n × n2) is the next layer's error, ``W1`` (n0 × n1) the weights into the hidden
    layer, ``W2`` (n1 × n2) the weights out of it, ``O1`` (n × n1) its outputs; the answer is
    δ¹ = (δ² W²ᵀ) ⊙ O¹(1 − O¹), shape (n × n1). Exercise of "Backpropagation for any network".
    """
    return _judge(fn, hidden_error_table())


def check_weight_gradient(fn):
    """Judge ``fn(X, delta1)``: ∂L/∂W¹ = Xᵀ δ¹ / n for a batch of n rows (the loss is the mean).

    ``X`` (n × n0) holds the inputs, ``delta1`` (n × n1) the first layer's errors; the answer has
    W¹'s shape (n0 × n1). Exercise of "Backpropagation for any network".
    """
    return _judge(fn, weight_gradient_table())


__all__ = [
    "check_hidden_error",
    "check_weight_gradient",
    "hidden_error_table",
    "weight_gradient_table",
    "judge",
    "HIDDEN_ERROR_SLIPS",
    "WEIGHT_GRADIENT_SLIPS",
]
