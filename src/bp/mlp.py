"""A network of any size, vectorised with NumPy: backpropagation in matrix form.

Taught in the chapter "Backpropagation for any network". The notes' 2-2-1 network is the special
case ``from_params(bp.INITIAL_PARAMS)``, and with the default activations every function here
gives the numbers of `bp.network`.

Conventions (tests outside the book, and the playground's JavaScript twin, rely on them):

- A network is a list of layers ``[(W1, b1), (W2, b2), ...]`` of float arrays. ``W`` of layer l has
  shape ``(n_in, n_out)`` and ``W[i-1, j-1]`` is the notes' wˡᵢⱼ, from unit i of the layer before
  to unit j; ``b`` has shape ``(n_out,)``. The last layer has one unit, ŷ (K units for multiclass).
- A batch ``X`` has shape ``(n, n_in)``, one row per example; ``y`` has shape ``(n,)``. A layer
  computes ``z = a_prev @ W + b`` and ``a = act(z)`` (the row convention: ``a_prev`` is ``X`` for
  the first layer). The loss of a batch is the mean of the rows' losses.
- ``task="regression"``: identity output and ½(y − ŷ)². ``task="classification"``: sigmoid output
  and binary cross-entropy, computed from the logit. ``loss="squared"`` with classification puts
  ½(y − ŷ)² on the sigmoid output, as in `bp.loss`.
- ``task="multiclass"`` (taught in "Softmax: more than two classes"): a last layer of K ≥ 2 units,
  their logits z turned into probabilities p = softmax(z), and the cross-entropy −log p_y, computed
  from the logits with log-sum-exp. ``y`` holds class labels 0, 1, …, K − 1; ``forward``'s last
  ``a`` is P, shape (n, K). The output error is Δ = P − Y, Y the labels one-hot.
- ``hidden`` is the hidden units' activation, one of `ACTIVATIONS`; ``None`` means the notes'
  choice for the task: identity for regression, sigmoid for classification (and multiclass).
"""

from __future__ import annotations

import json
import math
import numbers
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from ._checks import TASKS, check_epochs, check_eta, check_params, check_task, is_real, numeric_array
from .network import DIVERGENCE_LIMIT, PARAM_NAMES, row_loss, sigmoid

ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu")
"""The hidden activations `bp.mlp` knows."""

SCALES = ("xavier", "he")
"""The named initial scales of `init` (a positive float is a standard deviation)."""


# --------------------------------------------------------------------------- the seeded generator

_MASK = 0xFFFFFFFF
_MULBERRY_STEP = 0x6D2B79F5


def _imul(a, b):
    """32-bit multiplication modulo 2³², JavaScript's ``Math.imul`` (on uint64 arrays: no overflow)."""
    return (a * b) & _MASK


def uniforms(seed, n):
    """The first ``n`` numbers of the stream `init` draws from, as floats in [0, 1).

    The generator is **mulberry32** on unsigned 32-bit integers (every operation modulo 2³²).
    The state starts at ``seed`` (an integer, 0 ≤ seed < 2³²); the k-th number (k = 1, 2, …) is::

        a = (seed + k · 0x6D2B79F5) mod 2³²       # the state after k steps
        t = (a XOR (a >> 15)) · (a OR 1)            mod 2³²
        t = ((t + (t XOR (t >> 7)) · (t OR 61)) mod 2³²) XOR t
        u = (t XOR (t >> 14)) / 2³²                 # exactly representable in a double

    (``>>`` is a logical shift.) This is the usual JavaScript mulberry32, whose ``>>> 0`` and
    ``Math.imul`` give the same bits::

        function mulberry32(a) {
          return function () {
            a |= 0; a = a + 0x6D2B79F5 | 0;
            let t = Math.imul(a ^ a >>> 15, 1 | a);
            t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
            return ((t ^ t >>> 14) >>> 0) / 4294967296;
          };
        }

    Taught in "Backpropagation for any network"; exported so that a twin can be tested against it.
    """
    seed = _check_seed(seed)
    if not isinstance(n, numbers.Integral) or isinstance(n, (bool, np.bool_)) or n < 0:
        raise ValueError(f"n must be an integer >= 0, got {n!r}")
    k = np.arange(1, int(n) + 1, dtype=np.uint64)
    a = (np.uint64(seed) + k * np.uint64(_MULBERRY_STEP)) & np.uint64(_MASK)
    t = _imul(a ^ (a >> np.uint64(15)), a | np.uint64(1))
    t = ((t + _imul(t ^ (t >> np.uint64(7)), t | np.uint64(61))) & np.uint64(_MASK)) ^ t
    return (t ^ (t >> np.uint64(14))).astype(float) / 2.0**32


def _check_seed(seed):
    if not isinstance(seed, numbers.Integral) or isinstance(seed, (bool, np.bool_)) or not 0 <= seed <= _MASK:
        raise ValueError(f"seed must be an integer with 0 <= seed < 2**32, got {seed!r}")
    return int(seed)


def initial_std(scale, n_in, n_out):
    """The standard deviation of a layer's initial weights (see `init`) for ``scale``: ``"xavier"``
    (Glorot) sqrt(2 / (n_in + n_out)), ``"he"`` sqrt(2 / n_in), or a positive number as given; a
    ValueError for any other ``scale``."""
    if isinstance(scale, str):
        if scale == "xavier":
            return math.sqrt(2.0 / (n_in + n_out))
        if scale == "he":
            return math.sqrt(2.0 / n_in)
    elif is_real(scale) and math.isfinite(scale) and scale > 0:
        return float(scale)
    raise ValueError(f"unknown scale {scale!r}: expected 'xavier', 'he' or a positive standard deviation")


def init(sizes, *, seed=0, scale="xavier", task=None):
    """A new network with layer sizes ``sizes`` (for example ``[2, 8, 8, 1]``), biases zero.

    The last width is 1, or the number of classes K ≥ 2 with ``task="multiclass"`` (``[2, 8, 3]``).

    Each weight is ``w = (2u − 1) · sqrt(3) · std``, evaluated in that order (left to right) in
    double precision, with ``u`` the next number of `uniforms` ``(seed, …)``: uniform on
    [−sqrt(3)·std, sqrt(3)·std), whose standard deviation is ``std``. The weights are drawn layer
    by layer, and within a layer row by row over ``W`` (``W[0, 0], W[0, 1], …, W[1, 0], …``) from
    one stream; biases draw nothing. ``std`` is, for a layer with ``n_in`` inputs and ``n_out``
    units, ``sqrt(2 / (n_in + n_out))`` for ``scale="xavier"`` (Glorot), ``sqrt(2 / n_in)`` for
    ``"he"``, or the float ``scale`` itself. Only +, −, ·, / and sqrt are used, all correctly rounded
    in IEEE double precision, so a JavaScript twin gets the same bits.
    Taught in "Backpropagation for any network".
    """
    sizes = _check_sizes(sizes, task)
    pairs = list(pairwise(sizes))
    u = uniforms(seed, sum(n_in * n_out for n_in, n_out in pairs))
    layers, k = [], 0
    for n_in, n_out in pairs:
        std = initial_std(scale, n_in, n_out)
        W = (2.0 * u[k : k + n_in * n_out] - 1.0) * math.sqrt(3.0) * std
        layers.append((W.reshape(n_in, n_out), np.zeros(n_out)))
        k += n_in * n_out
    return layers


def _check_sizes(sizes, task=None):
    try:
        sizes = list(sizes)
    except TypeError:
        raise TypeError(f"sizes must be a list of layer widths such as [2, 8, 1], got {sizes!r}") from None
    if len(sizes) < 2 or any(
        not isinstance(s, numbers.Integral) or isinstance(s, (bool, np.bool_)) or s < 1 for s in sizes
    ):
        raise ValueError(f"sizes must list at least two widths >= 1 (inputs, ..., output), got {sizes!r}")
    _check_outputs(sizes[-1], task, f"sizes {sizes!r}:")
    return [int(s) for s in sizes]


def _check_outputs(K, task, where):
    """One output unit, or K ≥ 2 (one per class) for multiclass."""
    if task == "multiclass":
        if K < 2:
            raise ValueError(
                f"{where} task='multiclass' needs at least two classes, one output unit each; the output layer has {K}"
            )
    elif K != 1:
        raise ValueError(f"{where} the output layer must have one unit (or use task='multiclass' for {K} classes)")


# --------------------------------------------------------------------------- the notes' network


def from_params(params):
    """The notes' 2-2-1 network as layers: ``W1[i-1, j-1] = w1_ij``, ``W2[j-1, 0] = w2_j1``."""
    p = check_params(params)
    # the matrices as the notes write them, a line per row
    # fmt: off
    W1 = np.array([[p["w1_11"], p["w1_12"]],
                   [p["w1_21"], p["w1_22"]]])
    W2 = np.array([[p["w2_11"]],
                   [p["w2_21"]]])
    # fmt: on
    return [(W1, np.array([p["b11"], p["b12"]])), (W2, np.array([p["b21"]]))]


def to_params(layers):
    """The nine named parameters of 2-2-1 layers (the inverse of `from_params`)."""
    layers = _check_layers(layers)
    if sizes(layers) != [2, 2, 1]:
        raise ValueError(f"to_params needs a 2-2-1 network (sizes [2, 2, 1]); these layers have sizes {sizes(layers)}")
    (W1, b1), (W2, b2) = layers
    values = [W1[0, 0], W1[0, 1], W1[1, 0], W1[1, 1], b1[0], b1[1], W2[0, 0], W2[1, 0], b2[0]]
    return {name: float(v) for name, v in zip(PARAM_NAMES, values, strict=True)}


def sizes(layers, *, task=None):
    """The widths of a network's layers, inputs first: ``[2, 2, 1]`` for the notes' network."""
    layers = _check_layers(layers, task)
    return [layers[0][0].shape[0]] + [W.shape[1] for W, _ in layers]


def to_json(layers):
    """A network's weights as JSON text: ``{"sizes": [...], "layers": [{"W": rows, "b": [...]}, ...]}``,
    each number written as the shortest text that reads back to the same double (Python's and
    JavaScript's), so `from_json` gives back the same bits. The playground offers its trained
    weights in this form. Taught in "Backpropagation for any network"."""
    layers = _check_any_outputs(layers)
    return json.dumps(
        {
            "sizes": [layers[0][0].shape[0]] + [W.shape[1] for W, _ in layers],
            "layers": [{"W": W.tolist(), "b": b.tolist()} for W, b in layers],
        }
    )


def from_json(text):
    """The layers ``[(W, b), ...]`` of `to_json`'s text (or of the playground's "weights as JSON"),
    checked as every function here checks a network."""
    try:
        data = json.loads(text)
        pairs = [(layer["W"], layer["b"]) for layer in data["layers"]]
    except (TypeError, KeyError, ValueError) as e:
        raise ValueError(f"not the JSON of bp.mlp.to_json ({{'layers': [{{'W': …, 'b': …}}, …]}}): {e!r}") from None
    layers = _check_any_outputs(pairs)
    if data.get("sizes", None) not in (None, [layers[0][0].shape[0]] + [W.shape[1] for W, _ in layers]):
        raise ValueError(f"the JSON says sizes {data['sizes']} but its layers have other shapes")
    return layers


def _check_any_outputs(layers):
    """`_check_layers` for one output unit or K ≥ 2 (to_json and from_json serve every task)."""
    try:
        K = len(np.ravel(layers[-1][1]))
    except (TypeError, IndexError, KeyError):
        K = 1
    return _check_layers(layers, "multiclass" if K > 1 else None)


# --------------------------------------------------------------------------- checks


def _check_layers(layers, task=None):
    """New float arrays of a well-formed network (the caller's arrays are never touched)."""
    if isinstance(layers, (str, bytes)) or not isinstance(layers, (list, tuple)) or not layers:
        raise TypeError(f"layers must be a non-empty list of (W, b) pairs, got {type(layers).__name__}")
    out = []
    for l, pair in enumerate(layers, start=1):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise TypeError(f"layer {l} must be a pair (W, b), got {type(pair).__name__}")
        W = numeric_array(pair[0], f"W of layer {l}")
        b = numeric_array(pair[1], f"b of layer {l}")
        if W.ndim != 2 or 0 in W.shape:
            raise ValueError(f"W of layer {l} has shape {W.shape}: expected (n_in, n_out)")
        if b.shape != (W.shape[1],):
            raise ValueError(
                f"b of layer {l} has shape {b.shape} but W of layer {l} has shape {W.shape}:"
                f" b must have shape ({W.shape[1]},), one bias per unit"
            )
        if out and out[-1][0].shape[1] != W.shape[0]:
            prev = out[-1][0].shape
            raise ValueError(
                f"W of layer {l} has shape {W.shape} but W of layer {l - 1} has shape {prev}:"
                f" layer {l} needs {prev[1]} rows, one per unit of layer {l - 1}"
            )
        out.append((W, b))
    _check_outputs(out[-1][0].shape[1], task, f"W of the output layer has shape {out[-1][0].shape}:")
    return out


def _check_hidden(hidden, task):
    if hidden is None:
        return "identity" if task == "regression" else "sigmoid"
    if hidden not in ACTIVATIONS:
        raise ValueError(f"unknown activation {hidden!r}: expected one of {', '.join(map(repr, ACTIVATIONS))}")
    return hidden


def _check_batch(X, y, layers, task):
    X = numeric_array(X, "X")
    n_in = layers[0][0].shape[0]
    if X.ndim != 2 or X.shape[0] < 1:
        raise ValueError(f"X has shape {X.shape}: expected (n, {n_in}), one row per example")
    if X.shape[1] != n_in:
        raise ValueError(
            f"X has shape {X.shape} but W of layer 1 has shape {layers[0][0].shape}:"
            f" X needs {n_in} columns, one per input"
        )
    if y is None:
        return X, None
    y = numeric_array(y, "y")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y has shape {y.shape}: expected ({X.shape[0]},), one target per row of X {X.shape}")
    if task == "classification" and not np.all((y == 0) | (y == 1)):
        raise ValueError("classification targets must be 0 or 1")
    if task == "multiclass":
        _check_labels(y, layers[-1][0].shape[1])
    return X, y


def _check_labels(y, K):
    """Multiclass targets are the class labels 0, 1, …, K − 1, one per row."""
    bad = np.flatnonzero(y != np.round(y))
    if bad.size:
        raise ValueError(
            f"multiclass targets are class labels 0, 1, ..., {K - 1} (whole numbers);"
            f" row {bad[0]} has {float(y[bad[0]])}"
        )
    bad = np.flatnonzero((y < 0) | (y > K - 1))
    if bad.size:
        raise ValueError(
            f"multiclass targets are class labels 0, 1, ..., {K - 1} (the output layer has {K}"
            f" units); row {bad[0]} has {int(y[bad[0]])}"
        )


def _check_task(task, loss):
    """`check_task`, and bp.mlp's third task: multiclass, whose loss is the cross-entropy."""
    if task != "multiclass":
        if task not in TASKS:
            raise ValueError(f"unknown task {task!r}: expected 'regression', 'classification' or 'multiclass'")
        return check_task(task, loss)
    if loss not in (None, "cross_entropy"):
        raise ValueError(f"task='multiclass' takes loss='cross_entropy' only (softmax output), got {loss!r}")
    return task, "cross_entropy"


def _check_all(layers, X, y, task, hidden, loss):
    task, loss = _check_task(task, loss)
    hidden = _check_hidden(hidden, task)
    layers = _check_layers(layers, task)
    X, y = _check_batch(X, y, layers, task)
    return layers, X, y, task, hidden, loss


# --------------------------------------------------------------------------- forward and backward


def softmax(z):
    """p = softmax(z) row by row: pₖ = e^(zₖ) / Σⱼ e^(zⱼ), computed as e^(zₖ − m) / Σⱼ e^(zⱼ − m) with
    m = maxⱼ zⱼ (the same numbers, and no overflow: logits of ±1000 give 1 and 0).
    Taught in "Softmax: more than two classes"."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _multiclass_loss(z, y):
    """Each row's cross-entropy −log p_y from its logits: log Σⱼ e^(zⱼ) − z_y, by log-sum-exp."""
    m = z.max(axis=1)
    return (np.log(np.sum(np.exp(z - m[:, None]), axis=1)) + m) - z[np.arange(len(z)), y.astype(int)]


def _act(name, z):
    if name == "softmax":
        return softmax(z)
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    return z


def _act_prime(name, z, a):
    """act′(z), from the unit's output a where that is cheaper: σ′ = a(1 − a), tanh′ = 1 − a²."""
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return (z > 0).astype(float)  # 0 at z = 0, as PyTorch
    return 1.0


def _output(task):
    return {"regression": "identity", "multiclass": "softmax"}.get(task, "sigmoid")


def _forward(layers, X, task, hidden):
    """Every layer's (z, a) for the batch X, kept for the backward pass."""
    values, a = [], X
    for l, (W, b) in enumerate(layers):
        z = a @ W + b
        output_layer = l == len(layers) - 1
        a = _act(_output(task) if output_layer else hidden, z)
        values.append((z, a))
    return values


def _mean_loss(layers, X, y, task, hidden, loss):
    z, yhat = _forward(layers, X, task, hidden)[-1]
    if task == "multiclass":
        return float(np.mean(_multiclass_loss(z, y)))
    return float(np.mean(row_loss({"yhat": yhat[:, 0], "z21": z[:, 0]}, y, loss)))  # bp.network's losses


def _one_hot(y, K):
    """Y: row r is 1 in column y[r] and 0 elsewhere."""
    return (y[:, None] == np.arange(K)).astype(float)


def _backward(layers, X, y, values, task, hidden, loss):
    """The four equations, one matrix product per layer for each."""
    z, yhat = values[-1]
    # (BP1) δᴰ = ∂L/∂ŷ ⊙ act′(zᴰ): ŷ − y for the notes' pairs of output and loss, P − Y for softmax
    delta = yhat - (_one_hot(y, yhat.shape[1]) if task == "multiclass" else y[:, None])
    if loss == "squared":
        delta = delta * _act_prime(_output(task), z, yhat)
    grads = [None] * len(layers)
    for l in reversed(range(len(layers))):  # layers[l] is layer l + 1
        a_prev = X if l == 0 else values[l - 1][1]
        # (BP3) ∂L/∂W = a_prevᵀ δ and (BP4) ∂L/∂b = δ, means over the rows
        grads[l] = (a_prev.T @ delta / len(X), delta.mean(axis=0))
        if l > 0:
            # (BP2) the layer below: back through the same weights, transposed
            z, a = values[l - 1]
            delta = (delta @ layers[l][0].T) * _act_prime(hidden, z, a)
    return grads


def forward(layers, X, *, task, hidden=None):
    """Every layer's ``(z, a)`` for the batch ``X``, input layer excluded; ŷ is ``[-1][1]``, shape (n, 1)
    (for multiclass the probabilities P, shape (n, K))."""
    layers, X, _, task, hidden, _ = _check_all(layers, X, None, task, hidden, None)
    with np.errstate(all="ignore"):
        return _forward(layers, X, task, hidden)


def loss(layers, X, y, *, task, hidden=None, loss=None):
    """The mean loss over the rows of ``X`` (``y`` of shape ``(n,)``, matched to ŷ's column; for
    multiclass the class labels)."""
    layers, X, y, task, hidden, loss = _check_all(layers, X, y, task, hidden, loss)
    with np.errstate(all="ignore"):
        return _mean_loss(layers, X, y, task, hidden, loss)


def gradients(layers, X, y, *, task, hidden=None, loss=None):
    """``[(dW, db), ...]``: ∂L/∂W and ∂L/∂b of every layer by backpropagation, shaped like the layers."""
    layers, X, y, task, hidden, loss = _check_all(layers, X, y, task, hidden, loss)
    with np.errstate(all="ignore"):
        return _backward(layers, X, y, _forward(layers, X, task, hidden), task, hidden, loss)


def numerical_gradients(layers, X, y, *, task, hidden=None, loss=None, h=1e-6, sample=None):
    """Central differences (L(w + h) − L(w − h)) / 2h for every weight and bias: the independent check.

    Costs two forward passes per parameter. ``sample=m`` estimates only m parameters spread evenly
    over the whole network (in the order of `init`, each layer's W then b) and leaves the others
    NaN: the chapter times that and scales up.
    """
    layers, X, y, task, hidden, loss = _check_all(layers, X, y, task, hidden, loss)
    arrays = [arr for pair in layers for arr in pair]  # our own copies, nudged in place
    flat = [arr.reshape(-1) for arr in arrays]  # views into them
    out = [np.full(arr.shape, np.nan) for arr in arrays]
    total = sum(v.size for v in flat)
    if sample is None:
        which = range(total)
    else:
        if not isinstance(sample, numbers.Integral) or isinstance(sample, (bool, np.bool_)) or sample < 1:
            raise ValueError(f"sample must be an integer >= 1 (or None for every parameter), got {sample!r}")
        which = np.unique(np.linspace(0, total - 1, min(int(sample), total)).round().astype(int))
    offsets = np.cumsum([0] + [v.size for v in flat])
    with np.errstate(all="ignore"):
        for k in which:
            j = int(np.searchsorted(offsets, k, side="right")) - 1
            i, v = k - offsets[j], flat[j]
            old = v[i]
            v[i] = old + h
            up = _mean_loss(layers, X, y, task, hidden, loss)
            v[i] = old - h
            down = _mean_loss(layers, X, y, task, hidden, loss)
            v[i] = old
            out[j].reshape(-1)[i] = (up - down) / (2 * h)
    return [(out[2 * l], out[2 * l + 1]) for l in range(len(layers))]


def multiplications(sizes, rows=1):
    """Multiplications for one gradient of a network with these sizes, counted for ``rows`` rows.

    ``forward``: the matrix products, Σ n_in·n_out per row. ``backprop``: one forward pass, then per
    layer ∂L/∂W = aᵀδ (n_in·n_out) and, below the output layer, δ Wᵀ (n_in·n_out) and ⊙ act′ (n_in).
    ``central``: central differences, 2P forward passes for P parameters. Activations, additions and
    the output error ŷ − y are not counted (as in `bp.graph.count_multiplications`).
    """
    sizes = _check_sizes(sizes)
    pairs = list(pairwise(sizes))
    P = sum(n_in * n_out + n_out for n_in, n_out in pairs)
    F = sum(n_in * n_out for n_in, n_out in pairs)
    B = F + sum(n_in * n_out + n_in for n_in, n_out in pairs[1:])
    return {"parameters": P, "forward": rows * F, "backprop": rows * (F + B), "central": rows * 2 * P * F}


# --------------------------------------------------------------------------- training


@dataclass(frozen=True)
class TrainResult:
    """What `train` returns: the loss after each epoch, the final layers, and whether it diverged."""

    losses: np.ndarray
    layers: list
    diverged: bool


def _finite(layers):
    return all(np.all(np.isfinite(W)) and np.all(np.isfinite(b)) for W, b in layers)


def train(layers, X, y, *, task, hidden=None, loss=None, eta, epochs, batch_size=1):
    """Gradient descent ``W ← W − η ∂L/∂W`` on consecutive slices of ``batch_size`` rows, in order.

    ``batch_size=1`` is the notes' per-sample SGD (a 2-2-1 run equals `bp.train`), ``None`` is
    full-batch gradient descent, other sizes are mini-batches (the last, shorter slice is kept).
    ``.losses[0]`` is the mean loss before training, ``.losses[k]`` after epoch k; the divergence
    rule is `bp.train`'s (stopped after the epoch whose loss is not finite or passes
    `DIVERGENCE_LIMIT`, with the last finite layers).
    """
    layers, X, y, task, hidden, loss = _check_all(layers, X, y, task, hidden, loss)
    eta = check_eta(eta)
    epochs = check_epochs(epochs)
    if batch_size is None:
        batch_size = len(X)
    elif not isinstance(batch_size, numbers.Integral) or isinstance(batch_size, (bool, np.bool_)) or batch_size < 1:
        raise ValueError(f"batch_size must be an integer >= 1 or None (the whole batch), got {batch_size!r}")
    starts = range(0, len(X), int(batch_size))

    with np.errstate(all="ignore"):
        losses = [_mean_loss(layers, X, y, task, hidden, loss)]
        if not math.isfinite(losses[0]) or losses[0] > DIVERGENCE_LIMIT:
            return TrainResult(np.array([], dtype=float), layers, True)
        for _ in range(epochs):
            new = layers
            for s in starts:
                Xb, yb = X[s : s + batch_size], y[s : s + batch_size]
                grads = _backward(new, Xb, yb, _forward(new, Xb, task, hidden), task, hidden, loss)
                new = [(W - eta * dW, b - eta * db) for (W, b), (dW, db) in zip(new, grads, strict=True)]
            L = _mean_loss(new, X, y, task, hidden, loss)
            if not (math.isfinite(L) and L <= DIVERGENCE_LIMIT and _finite(new)):
                return TrainResult(np.array(losses), layers, True)
            layers = new
            losses.append(L)
    return TrainResult(np.array(losses), layers, False)


__all__ = [
    "ACTIVATIONS",
    "SCALES",
    "uniforms",
    "initial_std",
    "init",
    "from_params",
    "to_params",
    "sizes",
    "to_json",
    "from_json",
    "softmax",
    "forward",
    "loss",
    "gradients",
    "numerical_gradients",
    "multiplications",
    "TrainResult",
    "train",
]
