"""The network playground: any depth, width and activation, trained live in the page.

Used by the chapter "Backpropagation for any network". Like the explorer it is an `anywidget`
widget whose front end, ``js/playground.js``, computes in the browser — in the static HTML book too,
with no kernel and no network — with the line-by-line JavaScript twin of `bp.mlp` (``js/mlp.js``,
bundled in by esbuild; the training runs in a Web Worker started from the same module). Every data
set the page can switch to is generated here, in Python, and sent to the page as numbers, so the
page needs no twin of the generators. `Playground.result` is `bp.mlp.train` for the current
settings: the curve the page draws (tests/browser/test_playground_live.py checks it).
"""

from __future__ import annotations

import numbers

import numpy as np
import traitlets

from . import mlp
from ._checks import check_epochs, check_eta
from .data import X_STUDENTS, Y_PACKAGE, Y_PLACED, blobs, circles, spiral, standardize, xor
from .widget import TrainingWidget

DATASETS = ("circles", "xor", "spiral", "blobs", "placed", "package")
"""The playground's data sets: three classic 2-D sets, three blobs (three classes: softmax) and the
made-up students (placed, Package)."""

MAX_HIDDEN_LAYERS = 4
MAX_WIDTH = 8
ETAS = (1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
"""η's slider, on a log scale."""
BATCH_SIZES = (1, 5, 10, 32, 100, None)
"""The batch sizes offered: per-sample SGD, mini-batches, and None for the full batch."""
EPOCHS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
"""The epochs' slider."""


def datasets(n=200):
    """The data sets the page can switch between, in the order of `DATASETS`: for each its name,
    a label, the task, the axis names, the class names, the rows ``x`` and targets ``y``, and the
    ``mean`` and ``std`` of `bp.standardize`: the inputs are standardised (`standardized`), as in the
    classification chapter. ``n`` is the number of points of each 2-D set; the students' table has
    its 300 rows."""
    out = []
    for name, label, make in (("circles", "circles", circles), ("xor", "XOR", xor), ("spiral", "spiral", spiral)):
        X, y = make(n, seed=0)
        out.append(
            {
                "name": name,
                "label": label,
                "task": "classification",
                "x": X,
                "y": y,
                "features": ["x₁ (standardised)", "x₂ (standardised)"],
                "classes": ["class 0", "class 1"],
                "code": f"bp.data.{name}({n}, seed=0)",
                "seed": 0,
            }
        )
    X, y = blobs(n, seed=0)
    out.append(
        {
            "name": "blobs",
            "label": "three blobs",
            "task": "multiclass",
            "x": X,
            "y": y,
            "features": ["x₁ (standardised)", "x₂ (standardised)"],
            "classes": ["class 0", "class 1", "class 2"],
            "code": f"bp.data.blobs({n}, seed=0)",
            "seed": 0,
        }
    )
    students = ["CGPA (standardised)", "IQ (standardised)"]
    out.append(
        {
            "name": "placed",
            "label": "students: placed?",
            "task": "classification",
            "x": X_STUDENTS,
            "y": Y_PLACED,
            "features": students,
            "classes": ["not placed", "placed"],
            "code": "bp.X_STUDENTS, bp.Y_PLACED",
            "seed": None,
        }
    )
    out.append(
        {
            "name": "package",
            "label": "students: Package",
            "task": "regression",
            "x": X_STUDENTS,
            "y": Y_PACKAGE,
            "features": students,
            "classes": [],
            "code": "bp.X_STUDENTS, bp.Y_PACKAGE",
            "seed": None,
        }
    )
    for d in out:
        # The page standardises: (x − mean) / std, two correctly rounded operations per number, gives
        # the same bits in JavaScript, and the rows as given are far shorter to send than the result.
        _, mean, std = standardize(d["x"])
        d["x"], d["mean"], d["std"] = d["x"].tolist(), mean.tolist(), std.tolist()
        d["y"] = [float(v) if d["task"] == "regression" else int(v) for v in d["y"]]
    return out


def standardized(d):
    """The rows of a data set of `datasets` as the page trains on them: ``(x − mean) / std``."""
    return (np.array(d["x"], dtype=float) - np.array(d["mean"])) / np.array(d["std"])


def _check_choice(value, choices, what):
    if value not in choices:
        raise ValueError(f"unknown {what} {value!r}: expected one of {', '.join(map(repr, choices))}")
    return value


def _check_int(value, lo, hi, what):
    if not isinstance(value, numbers.Integral) or isinstance(value, (bool, np.bool_)) or not lo <= value <= hi:
        raise ValueError(f"{what} must be an integer from {lo} to {hi}, got {value!r}")
    return int(value)


def _check_batch_size(value):
    if value is None:
        return None
    return _check_int(value, 1, 2**31 - 1, "batch_size (or None for the full batch)")


def _with(values, value):
    """The slider's values with `value` among them (a setting from Python need not be on the slider)."""
    return sorted(set(values) | {value}, key=lambda v: float("inf") if v is None else v)


class Playground(TrainingWidget):
    """Playground(*, dataset='circles', hidden_layers=2, width=4, activation='tanh', eta=0.1, batch_size=10, epochs=50, seed=0, scale='xavier', n=200)

    The widget of `playground` (same arguments); display it in a notebook. Its settings are synced
    with the page both ways (move a control and they change; set them and the controls move).
    ``result`` is `bp.mlp.train` for the current settings: the loss curve the page draws.
    """  # noqa: E501 (autodoc reads the signature from the first line, so it stays one line)

    module = "playground"

    dataset = traitlets.Unicode("circles").tag(sync=True)
    hidden_layers = traitlets.Int(2).tag(sync=True)
    width = traitlets.Int(4).tag(sync=True)
    activation = traitlets.Unicode("tanh").tag(sync=True)
    batch_size = traitlets.Int(10, allow_none=True).tag(sync=True)
    seed = traitlets.Int(0).tag(sync=True)
    scale = traitlets.Union([traitlets.Unicode(), traitlets.Float()], default_value="xavier").tag(sync=True)
    # The data and the controls' ranges, from here so that the page never guesses them.
    datasets = traitlets.List().tag(sync=True)
    etas = traitlets.List(list(ETAS)).tag(sync=True)
    batch_sizes = traitlets.List(list(BATCH_SIZES)).tag(sync=True)
    epoch_values = traitlets.List(list(EPOCHS)).tag(sync=True)
    max_hidden_layers = traitlets.Int(MAX_HIDDEN_LAYERS).tag(sync=True)
    max_width = traitlets.Int(MAX_WIDTH).tag(sync=True)
    activations = traitlets.List(list(mlp.ACTIVATIONS)).tag(sync=True)

    def __init__(
        self,
        *,
        dataset="circles",
        hidden_layers=2,
        width=4,
        activation="tanh",
        eta=0.1,
        batch_size=10,
        epochs=50,
        seed=0,
        scale="xavier",
        n=200,
    ):
        data = datasets(n)
        eta, epochs, batch_size = check_eta(eta), check_epochs(epochs), _check_batch_size(batch_size)
        mlp.initial_std(scale, 1, 1)  # the same error as bp.mlp.init for a bad scale
        super().__init__(
            datasets=data,
            dataset=_check_choice(dataset, DATASETS, "dataset"),
            hidden_layers=hidden_layers,
            width=width,
            activation=activation,
            eta=eta,
            batch_size=batch_size,
            epochs=epochs,
            seed=seed,
            scale=scale,
            etas=_with(ETAS, eta),
            batch_sizes=_with(BATCH_SIZES, batch_size),
            epoch_values=_with(EPOCHS, epochs),
        )

    # Every setting, from Python or from the page, is checked like bp.mlp's arguments (η and the
    # epochs by TrainingWidget).
    @traitlets.validate("dataset")
    def _valid_dataset(self, proposal):
        # "pasted": a CSV pasted into the page, whose rows stay in the page (Python cannot train on them)
        return _check_choice(proposal["value"], (*DATASETS, "pasted"), "dataset")

    @traitlets.validate("hidden_layers")
    def _valid_hidden_layers(self, proposal):
        return _check_int(proposal["value"], 0, MAX_HIDDEN_LAYERS, "hidden_layers")

    @traitlets.validate("width")
    def _valid_width(self, proposal):
        return _check_int(proposal["value"], 1, MAX_WIDTH, "width")

    @traitlets.validate("activation")
    def _valid_activation(self, proposal):
        return _check_choice(proposal["value"], mlp.ACTIVATIONS, "activation")

    @traitlets.validate("batch_size")
    def _valid_batch_size(self, proposal):
        return _check_batch_size(proposal["value"])

    @traitlets.validate("seed")
    def _valid_seed(self, proposal):
        return mlp._check_seed(proposal["value"])

    # ---------------------------------------------------------------- what the page computes
    def data(self):
        """``(X, y, task)`` of the current data set, as the page trains on it."""
        if self.dataset == "pasted":
            raise ValueError("the data set pasted into the page stays in the page: the page's run as code reads it")
        d = next(d for d in self.datasets if d["name"] == self.dataset)
        return standardized(d), np.array(d["y"], dtype=float), d["task"]

    @property
    def sizes(self):
        """The layer sizes: two inputs, ``hidden_layers`` layers of ``width`` units, one output (one
        per class for a multiclass set)."""
        d = next((d for d in self.datasets if d["name"] == self.dataset), {"task": "pasted"})
        return [2] + [self.width] * self.hidden_layers + [len(d["classes"]) if d["task"] == "multiclass" else 1]

    def initial_layers(self):
        """The network before training: `bp.mlp.init` with the seed and scale."""
        return mlp.init(self.sizes, seed=self.seed, scale=self.scale, task=self.data()[2])

    @property
    def result(self):
        """`bp.mlp.train` with the current settings: what the page draws (a `bp.mlp.TrainResult`)."""
        X, y, task = self.data()
        return mlp.train(
            self.initial_layers(),
            X,
            y,
            task=task,
            hidden=self.activation,
            eta=self.eta,
            epochs=self.epochs,
            batch_size=self.batch_size,
        )

    def gradient_sizes(self, layers=None):
        """The size of ∂L/∂W of each layer on the whole data set (first layer first): the root mean
        square of its entries, the measure of the chapter's depth figure; for `layers` (default: the
        initial ones). The page's bars at the start and the end of training."""
        X, y, task = self.data()
        grads = mlp.gradients(
            self.initial_layers() if layers is None else layers, X, y, task=task, hidden=self.activation
        )
        return [float(np.sqrt(np.mean(dW**2))) for dW, _ in grads]

    def __repr__(self):
        batch = "full batch" if self.batch_size is None else f"batch {self.batch_size}"
        return (
            f"<bp.Playground: {self.dataset}, {'-'.join(map(str, self.sizes))} {self.activation}, "
            f"η = {self.eta:g}, {batch}, {self.epochs} epochs, seed {self.seed}>"
        )


def playground(
    *,
    dataset="circles",
    hidden_layers=2,
    width=4,
    activation="tanh",
    eta=0.1,
    batch_size=10,
    epochs=50,
    seed=0,
    scale="xavier",
    n=200,
):
    """A network playground: choose the data set, the hidden layers (0–4), their width (1–8), the
    hidden activation, η (log scale), the batch size (``None`` = full batch), the epochs and the
    initialisation seed; see the loss curve, the decision boundary (or, for regression, the
    prediction surface) and each layer's gradient at the start and the end of training, live.

    The page trains with a JavaScript twin of `bp.mlp.train` (also in the static HTML book, with no
    kernel); ``Playground.result`` is the same run in Python. ``scale`` is `bp.mlp.init`'s; ``n`` the
    number of points of the 2-D sets (`bp.data.circles`, `bp.data.xor`, `bp.data.spiral`). Inputs
    are standardised. Taught in "Backpropagation for any network". Returns a `Playground`.
    """
    return Playground(
        dataset=dataset,
        hidden_layers=hidden_layers,
        width=width,
        activation=activation,
        eta=eta,
        batch_size=batch_size,
        epochs=epochs,
        seed=seed,
        scale=scale,
        n=n,
    )


__all__ = ["DATASETS", "ETAS", "BATCH_SIZES", "EPOCHS", "Playground", "playground", "datasets", "standardized"]
