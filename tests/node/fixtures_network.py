"""What tests/node/network.test.mjs checks src/bp/js/network.js against: bp.network, the notes' 2-2-1 net.

Random settings (seeded): the nine parameters at scales 0.1 to 10, batches of 1 to 12 rows (some of
129 to 300, where np.mean's pairwise sum splits the rows), both tasks and every loss a task takes;
for each, Python's forward values row by row, the mean loss and the gradients; for one in six the
central differences; for one in three, a short SGD run (η up to 1); a few hundred runs with η up to
100 that diverge (some before training), and runs whose limit is set at the loss they reach
(bp.network.DIVERGENCE_LIMIT moved for
the call) at the largest loss they reach, where they must not diverge, and one double below it, where they must.
"""

from __future__ import annotations

import math
from unittest import mock

import numpy as np

import bp.network as network

PAIRS = [("regression", "squared"), ("classification", "cross_entropy"), ("classification", "squared")]


def _digits(a, k):
    """`a` rounded to k significant digits."""
    return np.array([float(f"{v:.{k}g}") for v in np.ravel(a)]).reshape(np.shape(a))


def _setting(rng, *, big_eta=False):
    task, loss = PAIRS[rng.integers(len(PAIRS))]
    # Inputs of 4 significant digits (parameters 6): short to write, as random as any for the twin.
    p = dict(zip(network.PARAM_NAMES, _digits(rng.normal(size=9) * 10 ** rng.uniform(-1, 1), 6).tolist(), strict=True))
    n = int(rng.integers(129, 301)) if rng.random() < 0.02 and not big_eta else int(rng.integers(1, 13))
    x = _digits(rng.normal(size=(n, 2)) * 10 ** rng.uniform(-1, 1, size=2) + rng.normal(size=2), 4)
    y = rng.integers(0, 2, n) * 1.0 if task == "classification" else _digits(rng.normal(size=n) * 3, 4)
    eta = 10 ** rng.uniform(0, 2) if big_eta else 10 ** rng.uniform(-3, 0)
    return {
        "task": task,
        "loss": loss,
        "params": p,
        "x": x,
        "y": y,
        "eta": eta,
        "epochs": int(rng.integers(1, 6)),
        "h": 10.0 ** -int(rng.integers(4, 8)),
    }


def _run(s):
    r = network.train(s["params"], s["x"], s["y"], task=s["task"], loss=s["loss"], eta=s["eta"], epochs=s["epochs"])
    return {"eta": s["eta"], "epochs": s["epochs"], "losses": r.losses, "params": r.params, "diverged": r.diverged}


def _case(s, i):
    """Setting i's values; its central differences for one in six (they cost 18 losses), a run for one in three."""
    kw = {"task": s["task"], "loss": s["loss"]}
    f = network.forward(s["params"], s["x"], task=s["task"])
    case = {
        **s,
        "forward": f,
        "L": network.loss(s["params"], s["x"], s["y"], **kw),
        "gradients": network.gradients(s["params"], s["x"], s["y"], **kw),
    }
    if i % 6 == 0:
        case["numerical"] = network.numerical_gradients(s["params"], s["x"], s["y"], h=s["h"], **kw)
    if i % 3 == 0:
        case["run"] = _run(s)
    return case


def _at_limit(s):
    """The run of `s` with the limit at its largest loss (not diverged) and one double below (diverged)."""
    L = float(np.max(_run(s)["losses"]))
    out = []
    for limit in (L, math.nextafter(L, 0.0)):
        with mock.patch.object(network, "DIVERGENCE_LIMIT", limit):
            out.append({**s, "limit": limit, "run": _run(s)})
    return out


def network_twin():
    rng = np.random.default_rng(2101)
    cases = [_case(_setting(rng), i) for i in range(2400)]
    diverging = [{**s, "run": _run(s)} for s in (_setting(rng, big_eta=True) for _ in range(300))]
    # Regression with parameters ×10⁵: a starting loss above the limit, diverged before training.
    huge = [
        dict(s, params={k: v * 1e5 for k, v in s["params"].items()})
        for s in (_setting(rng) for _ in range(40))
        if s["task"] == "regression"
    ]
    diverging += [{**s, "run": _run(s)} for s in huge]
    # At the limit only bit-for-bit settings: elsewhere the last bit decides on which side a loss falls.
    regression = (s for s in iter(lambda: _setting(rng), None) if s["task"] == "regression")
    stable = [s for s in (next(regression) for _ in range(60)) if not _run(s)["diverged"]][:40]
    limits = [c for s in stable for c in _at_limit(s)]
    return {
        "limit": network.DIVERGENCE_LIMIT,
        "names": network.PARAM_NAMES,
        "cases": cases,
        "diverging": diverging,
        "limits": limits,
    }


FIXTURES = {"network": network_twin}
