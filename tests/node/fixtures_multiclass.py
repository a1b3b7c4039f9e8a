"""What tests/node/multiclass.test.mjs checks src/bp/js/mlp.js against: bp.mlp with task="multiclass".

`FIXTURES` maps a name to a function returning a JSON-serialisable dict; tests/node/fixtures.py
writes each to OUTDIR/<name>.json (floats as Python's repr: every bit survives the round trip).
"""

import numpy as np

import bp.mlp as mlp
from bp.data import spiral
from bp.network import DIVERGENCE_LIMIT

MC = dict(task="multiclass", loss="cross_entropy")


def _layers(layers):
    return [{"W": W.tolist(), "b": b.tolist()} for W, b in layers]


def _case(name, sizes, hidden, X, y, *, seed=0, layers=None, eta=0.3, epochs=20, batch_size=10):
    """Python's forward pass, loss, gradients, first step and a short run, for the twin to repeat."""
    layers = mlp.init(sizes, seed=seed, task="multiclass") if layers is None else layers
    values = mlp.forward(layers, X, hidden=hidden, task="multiclass")
    first = mlp.train(layers, X, y, hidden=hidden, eta=eta, epochs=1, batch_size=None, **MC)
    run = mlp.train(layers, X, y, hidden=hidden, eta=eta, epochs=epochs, batch_size=batch_size, **MC)
    return {
        "name": name,
        "sizes": sizes,
        "seed": seed,
        "hidden": hidden,
        "X": X.tolist(),
        "y": y.tolist(),
        "layers": _layers(layers),
        "P": values[-1][1].tolist(),
        "loss": mlp.loss(layers, X, y, hidden=hidden, **MC),
        "gradients": _layers(mlp.gradients(layers, X, y, hidden=hidden, **MC)),
        "step": {"eta": eta, "layers": _layers(first.layers), "losses": first.losses.tolist()},
        "run": {
            "eta": eta,
            "epochs": epochs,
            "batch_size": batch_size,
            "losses": run.losses.tolist(),
            "layers": _layers(run.layers),
            "diverged": run.diverged,
        },
    }


def multiclass():
    """Cases of every hidden activation, K from 2 to 10, the 3-class spiral and logits of ±1000."""
    rng = np.random.default_rng(24)
    X, y = spiral(90, classes=3)
    W = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0], [0.0, 0.0, 0.0]])
    cases = [
        _case("spiral 2-8-8-3 tanh", [2, 8, 8, 3], "tanh", X, y, seed=3),
        _case("2-5-2 sigmoid", [2, 5, 2], "sigmoid", rng.normal(size=(12, 2)), rng.integers(0, 2, 12) * 1.0),
        _case("4-6-10 relu", [4, 6, 10], "relu", rng.normal(size=(25, 4)), rng.integers(0, 10, 25) * 1.0, seed=7),
        _case("3-4 no hidden layer", [3, 4], "identity", rng.normal(size=(9, 3)), rng.integers(0, 4, 9) * 1.0),
        _case(
            "logits of ±1000",
            [3, 3],
            "identity",
            np.eye(3),
            np.array([1.0, 2.0, 0.0]),
            layers=[(W, np.zeros(3))],
            eta=1e-3,
            epochs=3,
            batch_size=1,
        ),
    ]
    return {"cases": cases, "limit": DIVERGENCE_LIMIT}


FIXTURES = {"multiclass": multiclass}
