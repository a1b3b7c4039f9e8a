"""The live tangent of the chapter "The chain rule": the loss as a function of one parameter.

A dropdown picks one of the nine parameters, a slider sets its value (the other eight stay at
their starting values), and the figure shows L(w), the current point and the tangent line whose
slope is the backpropagated ∂L/∂w. For speed it keeps one figure and only changes its data, then
sends the new PNG to an image widget (it needs a live kernel; the explorers compute in the page).
"""

from __future__ import annotations

import io

import ipywidgets as widgets
import numpy as np
import traitlets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._checks import check_params, check_task, check_xy
from .network import INITIAL_PARAMS, PARAM_NAMES, gradients, loss, numerical_gradients, relative_error
from .plots import BIASES, EDGES


class PlotImage(widgets.Image):
    """An image widget whose ``tooltip`` is shown: the plot's text alternative (alt text in the book).

    ipywidgets 8 shows a tooltip only when the widget's ``description`` is empty, and `Image` has
    no ``description`` at all, so an `Image` with a tooltip fails to render. This one has an empty one.
    """

    description = traitlets.Unicode("").tag(sync=True)


MIN_HALF_WIDTH, MAX_HALF_WIDTH = 3.0, 30.0
N_CURVE = 201


def tex(name):
    """The notes' symbol of a parameter, as matplotlib mathtext: ``w1_21`` → ``$w^1_{21}$``."""
    return EDGES[name][2] if name in EDGES else BIASES[name][1]


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
    if abs(best - v) < MAX_HALF_WIDTH * 0.99:           # an interior minimum: make room for it
        half = min(MAX_HALF_WIDTH, max(half, 1.3 * abs(best - v)))
    return float(v - half), float(v + half)


class Tangent:
    """The widgets and the figure of `tangent`; displaying it shows the whole panel.

    Attributes a test can read: ``dropdown``, ``slider``, ``readout``, ``image``; the artists
    ``curve``, ``point`` and ``line`` (the tangent); ``slope`` (∂L/∂w by backprop at the point).
    """

    def __init__(self, x, y, *, task, params=None, name="w2_11", loss=None):
        self.task, self.loss = check_task(task, loss)
        self.x, self.y = check_xy(x, y, self.task)
        self.params = check_params(INITIAL_PARAMS if params is None else params)
        if name not in PARAM_NAMES:
            raise KeyError(f"unknown parameter {name!r}; expected one of {', '.join(PARAM_NAMES)}")
        self.dropdown = widgets.Dropdown(options=list(PARAM_NAMES), value=name, description="parameter")
        self.slider = widgets.FloatSlider(description=name, readout_format=".3f", continuous_update=True)
        self.readout = widgets.HTML()
        self.image = PlotImage(format="png")
        self.fig = Figure(figsize=(5.6, 3.4), dpi=80)
        self.fig.subplots_adjust(left=0.15, right=0.97, bottom=0.16, top=0.9)  # fixed: no re-layout
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_subplot()
        (self.curve,) = self.ax.plot([], [], color="C0", label="L(w)")
        (self.line,) = self.ax.plot([], [], color="#b2182b", lw=1.5, label="tangent, slope ∂L/∂w")
        (self.point,) = self.ax.plot([], [], "o", color="black", zorder=3)
        self.ax.legend(loc="best")
        self._switching = False
        self._select(name)
        self.dropdown.observe(lambda change: self._select(change["new"]), names="value")
        self.slider.observe(lambda change: None if self._switching else self.update(), names="value")
        self.widget = widgets.VBox([widgets.HBox([self.dropdown, self.slider]), self.image, self.readout])

    def _select(self, name):
        """A new parameter: its slider range, the curve L(w) over it, then the point and tangent."""
        lo, hi = slider_range(self.params, self.x, self.y, name, task=self.task, loss_name=self.loss)
        self._switching = True
        with self.slider.hold_trait_notifications():
            self.slider.min, self.slider.max = lo, hi       # checked against each other at the end
            self.slider.step = (hi - lo) / 400
            self.slider.value = self.params[name]
            self.slider.description = name
        self._switching = False
        self.name = name
        ws = np.linspace(lo, hi, N_CURVE)
        Ls = loss_along(self.params, self.x, self.y, name, ws, task=self.task, loss_name=self.loss)
        self.curve.set_data(ws, Ls)
        pad = 0.08 * (Ls.max() - Ls.min() + 1e-12)
        self.ax.set_xlim(lo, hi)
        self.ax.set_ylim(Ls.min() - pad, Ls.max() + 3 * pad)
        self.ax.set_xlabel(f"{tex(name)}  (code: {name})")
        self.ax.set_ylabel("loss L")
        self.ax.set_title(f"L as a function of {tex(name)}, the other eight fixed")
        self.update()

    def update(self):
        """Move the point and the tangent to the slider's value; re-render the PNG and the readout."""
        p = dict(self.params, **{self.name: float(self.slider.value)})
        w, L = p[self.name], loss(p, self.x, self.y, task=self.task, loss=self.loss)
        self.slope = gradients(p, self.x, self.y, task=self.task, loss=self.loss)[self.name]
        numeric = numerical_gradients(p, self.x, self.y, task=self.task, loss=self.loss)[self.name]
        lo, hi = self.ax.get_xlim()
        self.point.set_data([w], [L])
        self.line.set_data([lo, hi], [L + self.slope * (lo - w), L + self.slope * (hi - w)])
        self.readout.value = (
            f"{self.name} = {w:.3f}: L = {L:.6g}; slope ∂L/∂{self.name} by backpropagation = "
            f"<b>{self.slope:.6g}</b> (central difference {numeric:.6g}, "
            f"relative error {relative_error(self.slope, numeric):.1e})")
        self.image.tooltip = (f"The loss L as a function of {self.name}, the other eight parameters fixed, "
                              f"with its tangent at {self.name} = {w:.3f}: slope {self.slope:.6g}.")
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png")
        self.image.value = buf.getvalue()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def tangent(x, y, *, task, params=None, name="w2_11", loss=None):
    """A dropdown (which parameter), a slider (its value) and L(w) with the tangent at the value.

    ``x, y`` are one row or a batch (e.g. ``bp.X_REG[0], bp.Y_REG[0]``); ``params`` the values of
    all nine (default `INITIAL_PARAMS`). Returns a `Tangent`; display it in a notebook.
    """
    return Tangent(x, y, task=task, params=params, name=name, loss=loss)


__all__ = ["Tangent", "tangent", "loss_along", "slider_range", "tex"]
