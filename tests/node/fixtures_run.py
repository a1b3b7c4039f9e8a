"""What tests/node/run.test.mjs checks src/bp/js/run.js against: bp.playground, the page's runs.

The data sets as `Playground.datasets` sends them, each standardised by `bp.playground.standardized`;
random settings of the playground's controls (seeded; η up to 0.3, where the runs are stable), and
for each what `Playground` says the page must show: its `sizes`, `result` (`bp.mlp.train`: the losses,
whether it diverged), `gradient_sizes()` at the start and the end, the accuracy of the final network
(ŷ ≥ 0.5 against the class), and, for one in four, ŷ over the plane: the rows' range padded by 10 %
+ 0.1 (what the explorer's figure drew, bp.explorer's old `_limits`), on a 48 × 48 grid from the top
row down, by `bp.mlp.forward`.
"""

from __future__ import annotations

import numpy as np

import bp.mlp as mlp
from bp.playground import BATCH_SIZES, DATASETS, ETAS, MAX_HIDDEN_LAYERS, MAX_WIDTH, Playground, standardized

GRID = 48


def _plane(x):
    """The limits of the plane under rows x, and its GRID × GRID points, row by row from the top."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    pad = 0.1 * (hi - lo) + 0.1
    (x0, y0), (x1, y1) = lo - pad, hi + pad
    c = np.arange(GRID)
    r, c = np.repeat(c, GRID), np.tile(c, GRID)
    return [[x0, x1], [y0, y1]], np.column_stack([x0 + (x1 - x0) * c / (GRID - 1), y1 - (y1 - y0) * r / (GRID - 1)])


def _expected(w, with_grid):
    X, y, task = w.data()
    r = w.result
    P = mlp.forward(r.layers, X, task=task, hidden=w.activation)[-1][1]
    yhat = P[:, 0]
    out = {
        "sizes": w.sizes,
        "losses": r.losses,
        "diverged": r.diverged,
        "gradStart": w.gradient_sizes(),
        "gradEnd": w.gradient_sizes(r.layers),
        "accuracy": float(np.mean((yhat >= 0.5) == (y == 1)))
        if task == "classification"
        else float(np.mean(np.argmax(P, axis=1) == y))  # the first of equals, as the page
        if task == "multiclass"
        else None,
    }
    if with_grid:
        limits, G = _plane(X)
        grid = mlp.forward(r.layers, G, task=task, hidden=w.activation)[-1][1]  # K per point for multiclass
        out.update(limits=limits, grid=grid.ravel() if task == "multiclass" else grid[:, 0])
    return out


def runs():
    rng = np.random.default_rng(2104)
    w = Playground()
    cases = []
    for i in range(40):
        s = {
            "dataset": DATASETS[i % len(DATASETS)],
            "hidden_layers": int(rng.integers(0, MAX_HIDDEN_LAYERS + 1)),
            "width": int(rng.integers(1, MAX_WIDTH + 1)),
            "activation": mlp.ACTIVATIONS[rng.integers(4)],
            "eta": float(rng.choice([e for e in ETAS if e <= 0.3])),
            "batch_size": BATCH_SIZES[rng.integers(len(BATCH_SIZES))],
            "epochs": int(rng.choice([0, 1, 2, 5, 10])),
            "seed": int(rng.integers(0, 2**32)),
            "scale": ["xavier", "he", 0.5][rng.integers(3)],
        }
        for k, v in s.items():
            setattr(w, k, v)
        cases.append({"settings": s, **_expected(w, i % 4 == 0)})
    return {
        "datasets": w.datasets,
        "standardized": {d["name"]: standardized(d) for d in w.datasets},
        "limit": w.divergence_limit,
        "grid": GRID,
        "cases": cases,
    }


FIXTURES = {"run": runs}
