"""Input checks shared by every public function: each bad input gets an error that names it."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import numpy as np

TASKS = ("regression", "classification")
LOSSES = ("squared", "cross_entropy")


def check_task(task, loss=None):
    """Return ``(task, loss)`` with the task's own loss filled in when ``loss`` is None."""
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}: expected 'regression' or 'classification'")
    if loss is None:
        loss = "squared" if task == "regression" else "cross_entropy"
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}: expected 'squared' or 'cross_entropy'")
    if task == "regression" and loss == "cross_entropy":
        raise ValueError("loss='cross_entropy' needs task='classification' (targets 0/1, sigmoid output)")
    return task, loss


def is_real(v):
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


def check_params(params):
    """A new plain dict of the nine parameters as floats; the caller's mapping is never touched."""
    from .network import PARAM_NAMES

    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a mapping of the nine names {PARAM_NAMES}, got {type(params).__name__}")
    missing = [n for n in PARAM_NAMES if n not in params]
    if missing:
        raise KeyError(f"missing parameter(s) {', '.join(missing)}; expected all of {', '.join(PARAM_NAMES)}")
    unknown = [n for n in params if n not in PARAM_NAMES]
    if unknown:
        raise KeyError(f"unknown parameter(s) {', '.join(map(repr, unknown))}; expected only {', '.join(PARAM_NAMES)}")
    out = {}
    for name in PARAM_NAMES:
        v = params[name]
        if isinstance(v, np.ndarray) and v.ndim == 0:
            v = v[()]
        if not is_real(v):
            raise TypeError(f"parameter {name} must be a real number, got {type(v).__name__} {v!r}")
        if not math.isfinite(v):
            raise ValueError(f"parameter {name} is {v}: every parameter must be finite")
        out[name] = float(v)
    return out


def numeric_array(values, what):
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{what} must be numbers, got a string {values!r}")
    try:
        arr = np.asarray(values)
    except ValueError as e:  # ragged nested lists
        raise ValueError(f"{what} has an irregular shape: {e}") from None
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{what} must be numbers, got data of type {arr.dtype}")
    arr = arr.astype(float)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{what} contains NaN or infinity")
    return arr


def check_xy(x, y, task):
    """x as float array (2,) or (n, 2); y as float or (n,) array matching it (y may be None)."""
    x = numeric_array(x, "x")
    if not (x.shape == (2,) or (x.ndim == 2 and x.shape[1] == 2 and x.shape[0] >= 1)):
        raise ValueError(f"x has shape {x.shape}: expected (2,) for one row [CGPA, IQ] or (n, 2) for n rows")
    if y is None:
        return x, None
    y = numeric_array(y, "y")
    if x.ndim == 1:
        if y.size != 1 or y.ndim > 1:
            raise ValueError(f"y has shape {y.shape}: one row of x needs one target (a scalar)")
        y = float(y.reshape(()))
    else:
        if y.ndim != 1:
            raise ValueError(f"y has shape {y.shape}: expected (n,) = ({x.shape[0]},) for x of shape {x.shape}")
        if y.shape[0] != x.shape[0]:
            raise ValueError(f"x has {x.shape[0]} rows but y has {y.shape[0]} targets: they must match")
    if task == "classification" and not np.all((np.asarray(y) == 0) | (np.asarray(y) == 1)):
        raise ValueError("classification targets must be 0 or 1")
    return x, y


def check_eta(eta):
    """η must be a positive finite real number (not a bool)."""
    if not is_real(eta) or not math.isfinite(eta) or eta <= 0:
        raise ValueError(f"eta (the learning rate η) must be a positive finite number, got {eta!r}")
    return float(eta)


def check_epochs(epochs):
    """epochs must be an integer ≥ 0 (bools and floats are refused, even 3.0)."""
    if not isinstance(epochs, numbers.Integral) or isinstance(epochs, (bool, np.bool_)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    return int(epochs)
