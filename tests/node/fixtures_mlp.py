"""What tests/node/mlp.test.mjs checks src/bp/js/mlp.js against: bp.mlp (tasks regression and
classification; tests/node/multiclass.test.mjs has multiclass's special cases, this file random ones).

Random settings (seeded): 1 to 4 inputs, 0 to 3 hidden layers of 1 to 6 units, one output (K of 2 to
6 for multiclass), every hidden activation, every loss a task takes, the scales "xavier", "he" and a
number, seeds over all of 0 … 2³² − 1, batches of 1 to 16 rows (some of 129 to 160, where np.sum
works pairwise); for each, the seeded layers, ŷ (P), the loss, the gradients and a short run of
per-sample, mini-batch or full-batch steps; and runs with η up to 1000 and weights up to 10⁴ that
diverge (some before training). Also
bp.mlp.uniforms for seeds at the edges of its range.
"""

from __future__ import annotations

import numpy as np

import bp.mlp as mlp
from bp.network import DIVERGENCE_LIMIT

PAIRS = [
    ("regression", "squared"),
    ("classification", "cross_entropy"),
    ("classification", "squared"),
    ("multiclass", "cross_entropy"),
]


def _layers(layers):
    return [{"W": W, "b": b} for W, b in layers]


def _setting(rng, *, big_eta=False):
    task, loss = PAIRS[rng.integers(len(PAIRS))]
    K = int(rng.integers(2, 7)) if task == "multiclass" else 1
    sizes = [int(rng.integers(1, 5)), *rng.integers(1, 7, size=rng.integers(0, 4)).tolist(), K]
    n = int(rng.integers(129, 161)) if rng.random() < 0.03 else int(rng.integers(1, 17))
    X = np.round(rng.normal(size=(n, sizes[0])) * 2, 3)
    y = {
        "regression": lambda: np.round(rng.normal(size=n), 3),
        "classification": lambda: rng.integers(0, 2, n) * 1.0,
        "multiclass": lambda: rng.integers(0, K, n) * 1.0,
    }[task]()
    scale = ["xavier", "he", float(np.round(10 ** rng.uniform(-1, 0.5), 3))][rng.integers(3)]
    if big_eta and rng.random() < 0.3:
        scale = float(np.round(10 ** rng.uniform(0, 4)))  # some start above the limit
    seed = int(rng.choice([0, 2**32 - 1, 2**31, 2**31 - 1])) if rng.random() < 0.05 else int(rng.integers(0, 2**32))
    batch = [1, None, int(rng.integers(1, n + 1))][rng.integers(3)]
    return {
        "task": task,
        "loss": loss,
        "hidden": mlp.ACTIVATIONS[rng.integers(4)],
        "sizes": sizes,
        "scale": scale,
        "seed": seed,
        "X": X,
        "y": y,
        "eta": float(10 ** rng.uniform(1, 3) if big_eta else 10 ** rng.uniform(-2, 0)),
        "epochs": int(rng.integers(1, 4)),
        "batch_size": batch,
    }


def _case(s, *, values=True):
    kw = {"task": s["task"], "hidden": s["hidden"], "loss": s["loss"]}
    layers = mlp.init(s["sizes"], seed=s["seed"], scale=s["scale"], task=s["task"])
    r = mlp.train(layers, s["X"], s["y"], eta=s["eta"], epochs=s["epochs"], batch_size=s["batch_size"], **kw)
    case = {
        **s,
        "layers": _layers(layers),
        "run": {"losses": r.losses, "layers": _layers(r.layers), "diverged": r.diverged},
    }
    if values:
        case.update(
            yhat=mlp.forward(layers, s["X"], **{k: kw[k] for k in ("task", "hidden")})[-1][1],
            L=mlp.loss(layers, s["X"], s["y"], **kw),
            gradients=_layers(mlp.gradients(layers, s["X"], s["y"], **kw)),
        )
    return case


def mlp_twin():
    rng = np.random.default_rng(2102)
    seeds = [0, 1, 2, 12345, 2**31 - 1, 2**31, 2**32 - 2, 2**32 - 1, *rng.integers(0, 2**32, 200).tolist()]
    return {
        "limit": DIVERGENCE_LIMIT,
        "activations": mlp.ACTIVATIONS,
        "uniforms": [{"seed": s, "u": mlp.uniforms(s, 50)} for s in seeds],
        "cases": [_case(_setting(rng)) for _ in range(1000)],
        "diverging": [_case(_setting(rng, big_eta=True), values=False) for _ in range(200)],
    }


FIXTURES = {"mlp": mlp_twin}
