"""The interactive explorer: sliders for η, the nine parameters and the epochs; the loss curve
(and, for classification, the decision boundary) redrawn as they move.

Used by the regression and classification chapters. The explorer is an `anywidget` widget: its
front end, ``js/explorer.js``, draws the sliders, trains the network in the browser with the
line-by-line JavaScript twin of `bp.train` (``js/network.js``, bundled in by esbuild) and draws
the curve on a canvas. So the same
code makes the explorer live everywhere: in the static HTML book, with no kernel and no network
(the page holds the widget's state and the book serves anywidget's front end), and in Jupyter,
where the settings are also traitlets of this object that Python can read and set.
`Explorer.result` is `bp.train` for the current settings, computed here in Python; the tests
check that the page draws exactly those losses (tests/browser/test_explorer_live.py).
"""

from __future__ import annotations

import numpy as np
import traitlets

from ._checks import check_epochs, check_eta, check_params
from .data import FEATURES
from .network import INITIAL_PARAMS, PARAM_NAMES, symbol, train
from .widget import NetworkWidget, TrainingWidget

PARAM_RANGE = (-3.0, 3.0)
ETA_LOG10_RANGE = (-6.0, 0.0)
MAX_EPOCHS = 1000


class Explorer(NetworkWidget, TrainingWidget):
    """Explorer(x, y, *, task, params=None, eta=0.001, epochs=100, loss=None, features=('CGPA', 'IQ'))

    The widget of `explorer` (same arguments); display it in a notebook.

    Its settings are synced with the page, both ways: ``eta``, ``epochs`` and ``params`` (the
    sliders; set them from Python and the sliders move, move a slider and they change), and the
    data ``x``, ``y``, ``task``, ``loss`` and ``features``. ``result`` is `bp.train` for the
    current settings: the curve the page draws. The page's reset button puts the sliders back at
    ``initial`` (the settings it was made with).
    """

    module = "explorer"

    features = traitlets.List().tag(sync=True)
    # The sliders' ranges, from here so that the page never guesses them (the divergence rule too).
    param_range = traitlets.List(list(PARAM_RANGE)).tag(sync=True)
    eta_log10_range = traitlets.List(list(ETA_LOG10_RANGE)).tag(sync=True)
    max_epochs = traitlets.Int(MAX_EPOCHS).tag(sync=True)
    # The sliders' labels (the notes' symbols, w1_21 → w¹₂₁) and what the reset button restores.
    symbols = traitlets.Dict({name: symbol(name) for name in PARAM_NAMES}).tag(sync=True)
    initial = traitlets.Dict().tag(sync=True)

    def __init__(self, x, y, *, task, params=None, eta=1e-3, epochs=100, loss=None, features=FEATURES):
        features = [str(f) for f in features]
        if len(features) != 2:
            raise ValueError(f"features must name the two columns of x, got {features!r}")
        params = check_params(INITIAL_PARAMS if params is None else params)
        eta, epochs = check_eta(eta), check_epochs(epochs)
        super().__init__(
            x,
            y,
            task=task,
            loss=loss,
            params=params,
            features=features,
            eta=eta,
            epochs=epochs,
            max_epochs=max(MAX_EPOCHS, epochs),
            initial={"eta": eta, "epochs": epochs, "params": params},
        )

    @property
    def result(self):
        """`bp.train` with the current settings: what the page draws (a `TrainResult`)."""
        return train(
            self.params,
            np.array(self.x),
            np.array(self.y),
            task=self.task,
            loss=self.loss,
            eta=self.eta,
            epochs=self.epochs,
        )

    def __repr__(self):
        return f"<bp.Explorer: {self.task}, η = {self.eta:.2e}, {self.epochs} epochs>"


def explorer(x, y, *, task, params=None, eta=1e-3, epochs=100, loss=None, features=FEATURES):
    """Sliders for η (log scale), the nine parameters and the epochs, with the loss curve live.

    ``x, y`` are the rows to train on (for example ``bp.X_REG, bp.Y_REG``); ``params`` the
    starting values (default `INITIAL_PARAMS`); ``features`` the axis labels of the decision
    boundary (say "CGPA (standardised)" when ``x`` is rescaled). Returns an `Explorer`; display it
    in a notebook. The curve is computed in the browser (also in the static HTML book, with no
    kernel), by a JavaScript twin of `train`.
    """
    return Explorer(x, y, task=task, params=params, eta=eta, epochs=epochs, loss=loss, features=features)


__all__ = ["Explorer", "explorer"]
