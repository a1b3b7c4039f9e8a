"""The stepper: one backpropagation pass on the notes' network, step by step, live in the page.

Used by the regression and classification chapters on their worked row. The network is drawn in
the notes' notation (the layout of `bp.draw_network`); each press of "next" computes one more
quantity and writes it on the drawing, with one line that shows the numbers substituted:

- forward: z₁₁, O₁₁, z₁₂, O₁₂, z₂₁, ŷ, then the loss L of the row;
- backward: ∂L/∂ŷ, (for a sigmoid output ∂ŷ/∂z₂₁ = ŷ(1 − ŷ)), the output error δ₂₁ (with
  cross-entropy, σ′ cancels to ŷ − y), the three output-layer gradients, the hidden errors δ₁₁,
  δ₁₂ and the six hidden-layer gradients;
- update: the nine new parameters, w ← w − η ∂L/∂w, then the loss after the step (of the row and
  the mean over the table).

"Next" after the update starts the next pass, on the next row, with the updated parameters: a pass
over every row is one epoch of `bp.train`. Like the explorer it is an `anywidget` widget whose front
end, ``js/stepper.js``, computes with the JavaScript twin of `bp.network` (``js/network.js``,
bundled in by esbuild), so it works in the static HTML book with no kernel and in Jupyter alike.
tests/browser/test_stepper_live.py checks every number it shows against `bp.forward`,
`bp.gradients` and `bp.train`.
"""

from __future__ import annotations

import numbers

import numpy as np
import traitlets

from ._checks import check_eta
from .plots import BIASES, EDGES, NODES, RADIUS
from .widget import NetworkWidget, StepWidget, network_rows

WORKED_ETA = {"regression": 1e-3, "classification": 0.5}
"""`stepper`'s default η for each task: the step size of that chapter's worked SGD step (regression:
the one step by hand, η = 0.001; classification: the step that shows the notes' signs climbing, η = 0.5)."""


def _drawing():
    """Where the drawing puts each node, weight label and bias label: those of `bp.draw_network`."""
    return {
        "nodes": {name: list(xy) for name, xy in NODES.items()},
        "edges": {name: [a, b, t] for name, (a, b, _, t) in EDGES.items()},
        "biases": {name: node for name, (node, _) in BIASES.items()},
        "radius": RADIUS,
    }


def _check_row(row, n):
    if not isinstance(row, numbers.Integral) or isinstance(row, (bool, np.bool_)) or not 0 <= row < n:
        raise ValueError(f"row must be an integer from 0 to {n - 1} (a row of x), got {row!r}")
    return int(row)


class Stepper(NetworkWidget, StepWidget):
    """Stepper(x, y, *, task, params=None, eta=None, loss=None, row=0)

    The widget of `stepper` (same arguments); display it in a notebook.

    Synced with the page: ``params`` (the parameters of the first pass), ``eta``, ``row`` (the row
    of the first pass; the page's row selector sets it) and the table ``x``, ``y``. Setting any of
    them from Python restarts the page's stepper at the first step.
    """

    module = "stepper"

    row = traitlets.Int(0).tag(sync=True)
    # Where the page draws each node and label: bp.draw_network's places, so it draws the book's figure.
    # (Not `layout`: every ipywidget already has a trait of that name.)
    drawing = traitlets.Dict(_drawing()).tag(sync=True)

    def __init__(self, x, y, *, task, params=None, eta=None, loss=None, row=0):
        task, loss, x, y = network_rows(x, y, task, loss)
        eta = check_eta(WORKED_ETA[task] if eta is None else eta)
        super().__init__(x, y, task=task, loss=loss, params=params, eta=eta, row=_check_row(row, len(x)))

    # The row, from Python or from the page, is one of the table's (η and params as bp.train's).
    @traitlets.validate("row")
    def _valid_row(self, proposal):
        return _check_row(proposal["value"], len(self.x))

    def __repr__(self):
        return f"<bp.Stepper: {self.task}, row {self.row} of {len(self.x)}, η = {self.eta:.2e}>"


def stepper(x, y, *, task, params=None, eta=None, loss=None, row=0):
    """Step through backpropagation on the 2-2-1 network: forward, backward, update, one value at a time.

    Shown in the regression and classification chapters on their worked row.

    ``x, y`` is the table (for example ``bp.X_REG, bp.Y_REG``) or one row; the first pass runs on
    ``x[row]`` with ``params`` (default `INITIAL_PARAMS`), and each later pass on the next row with
    the parameters the previous pass left. ``eta`` defaults to the η of the chapter's worked SGD
    step (`WORKED_ETA`); ``loss`` to the task's own, as in `train`. Returns a `Stepper`; display
    it in a notebook. Back / next / restart buttons, or ← → while it has focus. The numbers are
    computed in the browser (also in the static HTML book, with no kernel) by the JavaScript twin
    of `forward`, `gradients` and `train`.
    """
    return Stepper(x, y, task=task, params=params, eta=eta, loss=loss, row=row)


__all__ = ["Stepper", "stepper"]
