"""The live tangent of the chapter "The chain rule": the loss as a function of one parameter.

A menu picks one of the nine parameters, a slider sets its value (the other eight stay at their
starting values), and the figure shows L(w), the current point and the tangent line whose slope is
the backpropagated ∂L/∂w; the readout gives L, that slope and the central difference. Like the
explorers (`bp.explorer`), it is an `anywidget` widget: its front end, ``js/tangent.js``, computes
L, the slope and the central difference in the browser with the JavaScript twin of `bp.network`
(``js/network.js``, bundled in by esbuild), so the slider is live in the static HTML book too,
with no kernel. In Jupyter, ``name`` and ``value`` are also traitlets that Python reads and sets.
`Tangent.readout` is what the page shows, computed here with `bp.loss`, `bp.gradients` and
`bp.numerical_gradients`; tests/browser/test_tangent_live.py checks that the page shows exactly that.
"""

from __future__ import annotations

import inspect
import math

import numpy as np
import traitlets

from ._checks import check_params, check_task, check_xy
from .network import INITIAL_PARAMS, PARAM_NAMES, gradients, loss, numerical_gradients, relative_error, symbol
from .widget import NetworkWidget

MIN_HALF_WIDTH, MAX_HALF_WIDTH = 3.0, 30.0
N_CURVE = 201  # points of the curve L(w) the page draws
SLIDER_STEPS = 400  # the slider's step is a 400th of its range
H = inspect.signature(numerical_gradients).parameters["h"].default  # the page's central difference: bp's own h


def loss_along(params, x, y, name, values, *, task, loss_name=None):
    """L at each value of parameter ``name`` in ``values``, the other eight held at ``params``."""
    p = check_params(params)
    return np.array([loss(dict(p, **{name: float(v)}), x, y, task=task, loss=loss_name) for v in values])


def slider_range(params, x, y, name, *, task, loss_name=None):
    """Where the slider for ``name`` goes: ± 3 around its value, widened (up to ± 30) to show the
    minimum of L along this parameter when it has one."""
    v = check_params(params)[name]
    wide = np.linspace(v - MAX_HALF_WIDTH, v + MAX_HALF_WIDTH, 601)
    best = wide[np.argmin(loss_along(params, x, y, name, wide, task=task, loss_name=loss_name))]
    half = MIN_HALF_WIDTH
    if abs(best - v) < MAX_HALF_WIDTH * 0.99:  # an interior minimum: make room for it (1.3 × its distance)
        half = min(MAX_HALF_WIDTH, max(half, math.ceil(130 * abs(best - v)) / 100))
    # Short decimals: the browser's slider keeps ~15 digits, so its ends are then exactly these.
    return round(v - half, 6), round(v + half, 6)


class Tangent(NetworkWidget):
    """Tangent(x, y, *, task, params=None, name="w2_11", loss=None)

    The widget of `tangent` (same arguments); display it in a notebook.

    Its settings are synced with the page, both ways: ``name`` (the menu: which parameter) and
    ``value`` (the slider: that parameter's value); setting ``name`` puts ``value`` back at the
    parameter's starting value, as the menu does. The data ``x``, ``y``, ``task``, ``loss`` and the
    starting values ``params`` are fixed when it is made; ``ranges`` holds each parameter's slider
    range (`slider_range`). ``readout`` is what the page shows, computed here.
    """

    module = "tangent"

    name = traitlets.Unicode("w2_11").tag(sync=True)
    value = traitlets.Float(0.0).tag(sync=True)
    # From here so that the page never guesses them: ranges, labels, the curve's and the slider's
    # resolution, and the central difference's h.
    ranges = traitlets.Dict().tag(sync=True)
    symbols = traitlets.Dict({n: symbol(n) for n in PARAM_NAMES}).tag(sync=True)
    curve_points = traitlets.Int(N_CURVE).tag(sync=True)
    slider_steps = traitlets.Int(SLIDER_STEPS).tag(sync=True)
    h = traitlets.Float(H).tag(sync=True)

    def __init__(self, x, y, *, task, params=None, name="w2_11", loss=None):
        task, loss = check_task(task, loss)
        x, y = check_xy(x, y, task)
        params = check_params(INITIAL_PARAMS if params is None else params)
        symbol(name)  # a KeyError for an unknown parameter
        ranges = {n: list(slider_range(params, x, y, n, task=task, loss_name=loss)) for n in PARAM_NAMES}
        super().__init__(x, y, task=task, loss=loss, params=params, ranges=ranges, name=name, value=params[name])

    # Whether a setting comes from Python or from the page, it is checked.
    @traitlets.validate("name")
    def _valid_name(self, proposal):
        if proposal["value"] not in PARAM_NAMES:
            raise traitlets.TraitError(
                f"unknown parameter {proposal['value']!r}; expected one of {', '.join(PARAM_NAMES)}"
            )
        return proposal["value"]

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        v = float(proposal["value"])
        lo, hi = self.ranges[self.name]
        slack = 1e-9 * (hi - lo)  # the browser's slider steps are decimal: its ends may round
        if not (math.isfinite(v) and lo - slack <= v <= hi + slack):
            raise traitlets.TraitError(f"{self.name} = {v!r} is outside its slider's range [{lo:g}, {hi:g}]")
        return v

    @traitlets.observe("name")
    def _new_name(self, change):
        self.value = self.params[change["new"]]  # the others back at their start, as the menu does

    @property
    def readout(self):
        """What the page shows for the current settings, by `bp`: a dict with ``name``, ``value``,
        ``loss`` (L), ``slope`` (∂L/∂w by backpropagation), ``numeric`` (the central difference)
        and ``relative_error`` (between the two)."""
        p = dict(self.params, **{self.name: self.value})
        x, y = np.array(self.x), np.array(self.y)
        slope = gradients(p, x, y, task=self.task, loss=self.loss)[self.name]
        numeric = numerical_gradients(p, x, y, task=self.task, loss=self.loss, h=self.h)[self.name]
        return {
            "name": self.name,
            "value": self.value,
            "loss": loss(p, x, y, task=self.task, loss=self.loss),
            "slope": slope,
            "numeric": numeric,
            "relative_error": relative_error(slope, numeric),
        }

    def __repr__(self):
        return f"<bp.tangent.Tangent: {self.task}, {self.name} = {self.value:.3f}>"


def tangent(x, y, *, task, params=None, name="w2_11", loss=None):
    """A menu (which parameter), a slider (its value) and L(w) with the tangent at the value.

    ``x, y`` are one row or a batch (e.g. ``bp.X_REG[0], bp.Y_REG[0]``); ``params`` the values of
    all nine (default `INITIAL_PARAMS`). Returns a `Tangent`; display it in a notebook. L, its
    slope by backpropagation and the central difference are computed in the browser (also in the
    static HTML book, with no kernel), by the JavaScript twin of `bp.network`.
    """
    return Tangent(x, y, task=task, params=params, name=name, loss=loss)


__all__ = ["Tangent", "tangent", "loss_along", "slider_range"]
