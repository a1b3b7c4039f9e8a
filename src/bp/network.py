"""The notes' 2-2-1 network: forward pass, loss, backpropagation and SGD.

Taught in the chapters "Backpropagation for regression" and "Backpropagation for
classification"; every name is a symbol of the notes (``w1_21`` is w¹₂₁, ``O11`` is O₁₁).

    z11 = w1_11·CGPA + w1_21·IQ + b11        O11 = act(z11)
    z12 = w1_12·CGPA + w1_22·IQ + b12        O12 = act(z12)
    z21 = w2_11·O11  + w2_21·O12 + b21       ŷ   = act(z21)

``act`` is the identity for ``task="regression"`` and the sigmoid σ for
``task="classification"``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._checks import check_epochs, check_eta, check_params, check_task, check_xy

PARAM_NAMES = ("w1_11", "w1_12", "w1_21", "w1_22", "b11", "b12", "w2_11", "w2_21", "b21")
"""The nine trainable parameters, in the notes' order: layer 1, hidden biases, layer 2."""

# Laid out as the notes list them, a line per group (ruff format would give each its own line).
# fmt: off
INITIAL_PARAMS = {
    "w1_11": 0.1, "w1_12": -0.2, "w1_21": 0.3, "w1_22": 0.1,
    "b11": 0.0, "b12": 0.0,
    "w2_11": 0.5, "w2_21": 0.4,
    "b21": 0.0,
}
# fmt: on
"""The starting values of every worked example in the book (small, unequal: see the symmetry section)."""

DIVERGENCE_LIMIT = 1e12
"""10¹² (``1e12``): `train` calls a run diverged once the mean loss exceeds this (or stops being finite)."""

_SUPERSCRIPTS = str.maketrans("12", "¹²")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def symbol(name):
    """The notes' symbol of a parameter, in plain text: ``w1_21`` → ``w¹₂₁``, ``b12`` → ``b₁₂``."""
    if name not in PARAM_NAMES:
        raise KeyError(f"unknown parameter {name!r}; expected one of {', '.join(PARAM_NAMES)}")
    if name.startswith("w"):
        layer, units = name[1:].split("_")
        return "w" + layer.translate(_SUPERSCRIPTS) + units.translate(_SUBSCRIPTS)
    return "b" + name[1:].translate(_SUBSCRIPTS)


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), via tanh so a large ``z`` never overflows (classification chapter)."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def act(z, task):
    """The notes' act(z): σ(z) for ``task="classification"``, z itself for ``task="regression"``."""
    return sigmoid(z) if task == "classification" else z


def _act_prime(O, task):
    """act'(z) from the unit's output O: σ' = O(1 − O) for sigmoid units, 1 for linear ones."""
    return O * (1.0 - O) if task == "classification" else 1.0


def _forward(p, CGPA, IQ, task):
    z11 = p["w1_11"] * CGPA + p["w1_21"] * IQ + p["b11"]
    z12 = p["w1_12"] * CGPA + p["w1_22"] * IQ + p["b12"]
    O11 = act(z11, task)
    O12 = act(z12, task)
    z21 = p["w2_11"] * O11 + p["w2_21"] * O12 + p["b21"]
    yhat = act(z21, task)
    return {"z11": z11, "z12": z12, "O11": O11, "O12": O12, "z21": z21, "yhat": yhat}


def row_loss(f, y, loss):
    """The loss of each row from its forward values ``f`` (``f["yhat"]``, and ``f["z21"]`` for the
    cross-entropy): ``loss="squared"`` ½(y − ŷ)², ``"cross_entropy"`` the binary cross-entropy."""
    if loss == "squared":
        return 0.5 * (y - f["yhat"]) ** 2
    # Binary cross-entropy from the logit: −[y log σ(z) + (1 − y) log(1 − σ(z))] = log(1 + e^z) − y·z.
    return np.logaddexp(0.0, f["z21"]) - y * f["z21"]


# The gradients laid out as the notes' table, a column per hidden unit; the markers stay outside the
# function, which the chapters print (inspect.getsource).
# fmt: off
def _backward(p, f, CGPA, IQ, y, task, loss):
    """Backpropagation for each row: one error δ per unit, reused by its weights."""
    yhat = f["yhat"]
    if loss == "cross_entropy":
        delta21 = yhat - y  # ∂L/∂z21: σ′ cancels against ∂L/∂ŷ
    else:
        delta21 = (yhat - y) * _act_prime(yhat, task)  # ∂L/∂ŷ · act′(z21)
    delta11 = delta21 * p["w2_11"] * _act_prime(f["O11"], task)  # ∂L/∂z11
    delta12 = delta21 * p["w2_21"] * _act_prime(f["O12"], task)  # ∂L/∂z12
    return {
        "w1_11": delta11 * CGPA, "w1_12": delta12 * CGPA,
        "w1_21": delta11 * IQ,   "w1_22": delta12 * IQ,
        "b11": delta11,          "b12": delta12,
        "w2_11": delta21 * f["O11"], "w2_21": delta21 * f["O12"],
        "b21": delta21,
    }
# fmt: on


def _as_output(values, batch):
    """Floats for one row, arrays of shape (n,) for a batch."""
    return {k: (np.asarray(v, dtype=float) if batch else float(v)) for k, v in values.items()}


def forward(params, x, *, task):
    """Every intermediate of the forward pass by name: ``z11, z12, O11, O12, z21, yhat``.

    ``x`` is one row ``[CGPA, IQ]`` (floats back) or a batch of shape ``(n, 2)`` (arrays back).
    """
    task, _ = check_task(task)
    p = check_params(params)
    x, _ = check_xy(x, None, task)
    with np.errstate(all="ignore"):
        f = _forward(p, x[..., 0], x[..., 1], task)
    batch = x.ndim == 2
    return _as_output({k: np.broadcast_to(v, x.shape[:-1]) for k, v in f.items()}, batch)


def loss(params, x, y, *, task, loss=None):
    """The loss: ½(y − ŷ)² for regression, binary cross-entropy for classification; mean over a batch.

    ``loss="squared"`` with ``task="classification"`` gives ½(y − ŷ)² on a sigmoid output.
    """
    task, loss_name = check_task(task, loss)
    p = check_params(params)
    x, y = check_xy(x, y, task)
    with np.errstate(all="ignore"):
        f = _forward(p, x[..., 0], x[..., 1], task)
        return float(np.mean(row_loss(f, y, loss_name)))


def gradients(params, x, y, *, task, loss=None):
    """∂L/∂(each of the nine parameters) by backpropagation; the mean over rows for a batch."""
    task, loss_name = check_task(task, loss)
    p = check_params(params)
    x, y = check_xy(x, y, task)
    CGPA, IQ = x[..., 0], x[..., 1]
    with np.errstate(all="ignore"):
        f = _forward(p, CGPA, IQ, task)
        g = _backward(p, f, CGPA, IQ, y, task, loss_name)
        return {name: float(np.mean(g[name])) for name in PARAM_NAMES}


def numerical_gradients(params, x, y, *, task, loss=None, h=1e-6):
    """Central differences (L(w + h) − L(w − h)) / 2h for each parameter: the independent check."""
    p = check_params(params)
    out = {}
    for name in PARAM_NAMES:
        up, down = dict(p, **{name: p[name] + h}), dict(p, **{name: p[name] - h})
        out[name] = (loss_fn(up, x, y, task=task, loss=loss) - loss_fn(down, x, y, task=task, loss=loss)) / (2 * h)
    return out


loss_fn = loss  # `loss` is also a keyword argument name inside these functions


def relative_error(a, n):
    """``|a − n| / max(|a|, |n|, 1e-8)``: how far backprop ``a`` is from the estimate ``n``."""
    return abs(a - n) / max(abs(a), abs(n), 1e-8)


def gradient_check(params, x, y, *, task, loss=None, h=1e-6):
    """Relative error between backprop and central differences, for each of the nine parameters."""
    a = gradients(params, x, y, task=task, loss=loss)
    n = numerical_gradients(params, x, y, task=task, loss=loss, h=h)
    return {name: relative_error(a[name], n[name]) for name in PARAM_NAMES}


@dataclass(frozen=True)
class TrainResult:
    """What `train` returns: the loss after each epoch, the final parameters, and whether it diverged."""

    losses: np.ndarray
    params: dict
    diverged: bool


def _finite(p):
    return all(math.isfinite(v) for v in p.values())


def train(params, x, y, *, task, eta, epochs, loss=None):
    """Per-sample SGD, ``w_new = w_old − η ∂L/∂w``, over the rows in the order given.

    ``.losses[0]`` is the mean loss before training, ``.losses[k]`` after epoch k. A run whose loss
    stops being finite, passes `DIVERGENCE_LIMIT`, or whose parameters stop being finite is
    stopped after that epoch with ``.diverged = True`` and the last finite parameters.
    """
    task, loss_name = check_task(task, loss)
    p = check_params(params)
    x, y = check_xy(x, y, task)
    eta = check_eta(eta)
    epochs = check_epochs(epochs)
    rows = x.reshape(-1, 2).tolist()
    targets = np.reshape(y, -1).tolist()

    def mean_loss(q):
        return float(np.mean(row_loss(_forward(q, x[..., 0], x[..., 1], task), y, loss_name)))

    with np.errstate(all="ignore"):
        losses = [mean_loss(p)]
        if not np.isfinite(losses[0]) or losses[0] > DIVERGENCE_LIMIT:
            return TrainResult(np.array([], dtype=float), p, True)
        for _ in range(epochs):
            q = p
            for (CGPA, IQ), target in zip(rows, targets, strict=True):
                g = _backward(q, _forward(q, CGPA, IQ, task), CGPA, IQ, target, task, loss_name)
                q = {name: q[name] - eta * g[name] for name in PARAM_NAMES}
            L = mean_loss(q)
            if not (np.isfinite(L) and L <= DIVERGENCE_LIMIT and _finite(q)):
                return TrainResult(np.array(losses), p, True)
            p = {name: float(q[name]) for name in PARAM_NAMES}
            losses.append(L)
    return TrainResult(np.array(losses), p, False)


__all__ = [
    "PARAM_NAMES",
    "INITIAL_PARAMS",
    "DIVERGENCE_LIMIT",
    "symbol",
    "sigmoid",
    "act",
    "row_loss",
    "forward",
    "loss",
    "gradients",
    "numerical_gradients",
    "relative_error",
    "gradient_check",
    "TrainResult",
    "train",
]
