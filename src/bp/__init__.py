"""bp — the code of "Backpropagation, step by step", in the notation of the notes.

Every chapter imports it: the network, its losses and backpropagation (`bp.network`), the data
tables (`bp.data`), the exercise checker (`bp.exercises`), the figures (`bp.plots`), the
interactive explorer (`bp.explorer`) and the step-through of one pass (`bp.stepper`); for the
chain-rule chapter a scalar autodiff (`bp.autodiff`), the computational graph (`bp.graph`) and
the tangent slider (`bp.tangent`); central differences of any node (`bp.local`) and the slips of
the notes (`bp.slips`); for the chapter on any network, networks of any size in matrix form
(`bp.mlp`), its exercise checkers (`bp.mlp_exercises`), the network playground (`bp.playground`) and
the digit pad of its capstone page (`bp.digits`); the chapters' tables (`bp.table`); and the
practice items answered in the page (`bp.practice`).
"""

from . import autodiff, digits, graph, local, mlp, mlp_exercises, practice, slips, tangent  # noqa: E402  (chapters use bp.autodiff.Value …)
from .data import FEATURES, X_CLS, X_REG, X_STUDENTS, Y_CLS, Y_PACKAGE, Y_PLACED, Y_REG, standardize
from .exercises import CheckResult, check_gradient
from .explorer import Explorer, explorer
from .graph import draw_graph
from .network import (
    DIVERGENCE_LIMIT,
    INITIAL_PARAMS,
    PARAM_NAMES,
    TrainResult,
    forward,
    gradient_check,
    gradients,
    loss,
    numerical_gradients,
    relative_error,
    sigmoid,
    train,
)
from .playground import Playground, playground
from .plots import draw_network, plot_losses, use_style
from .stepper import Stepper, stepper
from .tables import Table, table

__all__ = [
    "FEATURES",
    "X_CLS",
    "X_REG",
    "Y_CLS",
    "Y_REG",
    "X_STUDENTS",
    "Y_PACKAGE",
    "Y_PLACED",
    "standardize",
    "CheckResult",
    "check_gradient",
    "DIVERGENCE_LIMIT",
    "INITIAL_PARAMS",
    "PARAM_NAMES",
    "TrainResult",
    "forward",
    "gradient_check",
    "gradients",
    "loss",
    "numerical_gradients",
    "relative_error",
    "sigmoid",
    "train",
    "draw_network",
    "plot_losses",
    "use_style",
    "Table",
    "table",
    "Explorer",
    "explorer",
    "Stepper",
    "stepper",
    "Playground",
    "playground",
    "draw_graph",
    "autodiff",
    "digits",
    "graph",
    "local",
    "mlp",
    "mlp_exercises",
    "practice",
    "slips",
    "tangent",
]

use_style()
