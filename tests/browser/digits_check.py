"""What a digit pad in a page shows, against bp (shared by the static-book test, test_digits_live.py,
and the JupyterLab test, tests/lab/test_lab_digits.py): the numbers the page exposes, and bp.mlp's
from the pad's stored state (its float32 network unpacked by `bp.digits.unpack`)."""

from __future__ import annotations

import numpy as np

from bp import digits as dg
from bp import mlp

TOL = 1e-12
"""The page's probabilities and taught steps equal bp.mlp's to this (|page − bp| / (1 + |bp|))."""

SHOWN_JS = """(el) => { const d = el.dataset; return {
    bitmap: d.bitmap.split('').map(Number), counts: JSON.parse(d.counts), P: JSON.parse(d.probabilities),
    steps: Number(d.steps), updates: Number(d.updates), summary: el.querySelector('[role=status]').textContent,
    taught: d.taught ? JSON.parse(d.taught) : null, weights: d.weights ? JSON.parse(d.weights) : null}; }"""


def gap(a, b):
    """The largest |a − b| / (1 + |b|): relative for large numbers, absolute near 0 (tests/node/twins.mjs's)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape, (a.shape, b.shape)
    return float(np.max(np.abs(a - b) / (1 + np.abs(b)))) if a.size else 0.0


def flat(layers):
    """Every number of a network, layer by layer, W row by row then b: the page's data-weights order."""
    return np.concatenate([np.concatenate([W.reshape(-1), b]) for W, b in layers])


class Reference:
    """What bp computes from the widget's stored state: the network, the rows, the probabilities."""

    def __init__(self, state):
        self.state = state
        self.layers = dg.unpack(state["weights"], state["sizes"])
        self.mean, self.std = np.array(state["mean"]), np.array(state["std"])

    def row(self, counts):
        return ((np.asarray(counts, dtype=float) - self.mean) / self.std)[None, :]

    def P(self, counts, layers=None):
        layers = self.layers if layers is None else layers
        return mlp.forward(layers, self.row(counts), task="multiclass", hidden=self.state["hidden"])[-1][1][0]

    def step(self, counts, label, layers):
        s = self.state
        new = mlp.train(
            layers,
            self.row(counts),
            np.array([float(label)]),
            task="multiclass",
            hidden=s["hidden"],
            eta=s["eta"],
            epochs=1,
        ).layers
        dW = [np.sqrt(np.sum((W1 - W0) ** 2)) for (W0, _), (W1, _) in zip(layers, new, strict=True)]
        return new, dW
