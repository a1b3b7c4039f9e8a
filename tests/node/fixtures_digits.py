"""What tests/node/digits.test.mjs checks src/bp/js/digits/compute.js against: bp.digits.

`FIXTURES` maps a name to a function returning a JSON-serialisable dict; tests/node/fixtures.py
writes each to OUTDIR/<name>.json (floats as Python's repr: every bit survives the round trip).
"""

import numpy as np
from sklearn.datasets import load_digits

import bp.mlp as mlp
from bp import digits as dg


def _widget():
    """A Digits widget on a seeded 64-32-10 network (He scale: probabilities far from uniform),
    the real digits' standardisation and three of their images."""
    data = load_digits()
    X = data.images.reshape(-1, 64)
    std = X.std(axis=0)
    layers = mlp.init([64, 32, 10], seed=24, scale="he", task="multiclass")
    layers = [(W, np.linspace(-0.5, 0.5, W.shape[1])) for W, _ in layers]  # biases not all zero
    return dg.Digits(layers, X.mean(axis=0), np.where(std > 0, std, 1.0), X[:3], data.target[:3].tolist())


def digits():
    """Random bitmaps of every density and the test images: their reduction, probabilities and a
    taught step for every label on some of them (and two steps in a row)."""
    w = _widget()
    rng = np.random.default_rng(24)
    bitmaps = [(rng.random((32, 32)) < q).astype(int) for q in (0.0, 0.05, 0.2, 0.5, 0.8, 1.0) for _ in range(3)]
    cases = []
    for i, b in enumerate(bitmaps):
        counts = dg.reduce(b)
        label = i % 10
        step = w.taught_step(counts, label)
        again = w.taught_step(counts, (label + 3) % 10, step["layers"])
        cases.append(
            {
                "bitmap": b.reshape(-1).tolist(),
                "counts": counts.reshape(-1).tolist(),
                "row": w.row(counts).tolist(),
                "P": w.probabilities(counts).tolist(),
                "label": label,
                "step": {k: step[k] for k in ("before", "after", "dW")} | {"layers": _flat(step["layers"])},
                "again": {k: again[k] for k in ("before", "after", "dW")} | {"layers": _flat(again["layers"])},
            }
        )
    return {
        "sizes": w.sizes,
        "weights": w.weights,
        "flat": _flat(w.layers),
        "hidden": w.hidden,
        "eta": w.eta,
        "limit": w.divergence_limit,
        "mean": w.mean,
        "std": w.std,
        "images": w.images,
        "cases": cases,
    }


def _flat(layers):
    return np.concatenate([np.concatenate([W.reshape(-1), b]) for W, b in layers]).tolist()


FIXTURES = {"digits": digits}
