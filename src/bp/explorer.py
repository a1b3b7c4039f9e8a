"""The interactive explorer: sliders for η, the nine parameters and the epochs; the loss curve
(and, for classification, the decision boundary) redrawn as they move.

Used by the regression and classification chapters. For speed it keeps one figure and only
changes its data, then sends the new PNG to an image widget (no clear-and-replot). What does
not change (the titles, the loss curve's x-axis while the epochs stay, the decision boundary's
axes) is drawn once and kept as a bitmap; each update restores it and draws only the rest on top
(benchmarks/lab_latency.py measures the whole slider-to-figure time in JupyterLab).
"""

from __future__ import annotations

import io
import re

import ipywidgets as widgets
import traitlets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import imsave
from matplotlib.ticker import MaxNLocator, NullLocator

from ._checks import check_epochs, check_eta, check_params, check_task, check_xy
from .data import FEATURES
from .network import INITIAL_PARAMS, PARAM_NAMES, forward, train
from .plots import STYLE

PARAM_RANGE = (-3.0, 3.0)
ETA_LOG10_RANGE = (-6.0, 0.0)
MAX_EPOCHS = 1000
GRID = 60  # the decision boundary's grid is GRID × GRID points
DPI = STYLE["savefig.dpi"]  # the PNG's resolution: the book's, as when the figure went through savefig


class PlotImage(widgets.Image):
    """An image widget whose ``tooltip`` is shown: the plot's text alternative (alt text in the book).

    ipywidgets 8 shows a tooltip only when the widget's ``description`` is empty, and `Image` has
    no ``description`` at all, so an `Image` with a tooltip fails to render. This one has an empty one.
    """

    description = traitlets.Unicode("").tag(sync=True)


class Explorer:
    """The widgets and the figure of `explorer`; displaying it shows the whole panel.

    Attributes a test (or a curious learner) can read: ``eta``, ``epochs`` and ``sliders[name]``
    (the sliders), ``readout`` (the text under the figure), ``result`` (the latest `train`
    result) and ``curve`` (the plotted loss line).
    """

    def __init__(self, x, y, *, task, params=None, eta=1e-3, epochs=100, loss=None, features=FEATURES):
        self.task, self.loss = check_task(task, loss)
        self.features = tuple(features)
        self.x, self.y = check_xy(x, y, self.task)
        if self.x.ndim == 1:
            self.x, self.y = self.x[None, :], np.array([self.y])
        params = check_params(INITIAL_PARAMS if params is None else params)
        eta, epochs = check_eta(eta), check_epochs(epochs)

        self.eta = widgets.FloatLogSlider(
            value=eta, base=10, min=ETA_LOG10_RANGE[0], max=ETA_LOG10_RANGE[1], step=0.05,
            description="η", readout_format=".2e", continuous_update=False)
        self.epochs = widgets.IntSlider(value=epochs, min=0, max=max(MAX_EPOCHS, epochs), step=10,
                                        description="epochs", continuous_update=False)
        lo, hi = PARAM_RANGE
        self.sliders = {
            name: widgets.FloatSlider(value=params[name], min=min(lo, params[name]), max=max(hi, params[name]),
                                      step=0.01, description=name, readout_format=".2f",
                                      continuous_update=False)
            for name in PARAM_NAMES
        }
        self.readout = widgets.HTML()
        self.image = PlotImage(format="png")
        self._build_figure()
        for w in (self.eta, self.epochs, *self.sliders.values()):
            w.observe(self._on_change, names="value")
        self.update()
        controls = widgets.VBox([self.eta, self.epochs, *self.sliders.values()])
        self.widget = widgets.HBox([controls, widgets.VBox([self.image, self.readout])])

    # -- drawing ---------------------------------------------------------------------------
    def _build_figure(self):
        classification = self.task == "classification"
        # Fixed margins: a layout engine would re-measure every label on every redraw (2× slower).
        self.fig = Figure(figsize=(8.4 if classification else 4.6, 3.2), dpi=DPI)
        self.fig.subplots_adjust(left=0.16 if not classification else 0.08, right=0.97, bottom=0.16, top=0.9,
                                 wspace=0.3)
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_subplot(1, 2 if classification else 1, 1)
        (self.curve,) = self.ax.plot([], [], color="C0")
        self.ax.set(xlabel="epoch", ylabel="mean loss", yscale="log", title="loss while training")
        self.ax.yaxis.set_minor_locator(NullLocator())  # minor log ticks cost a third of each redraw
        self.note = self.ax.text(0.5, 0.5, "", transform=self.ax.transAxes, ha="center", va="center",
                                 color="#b2182b", fontsize=12)
        self.boundary = None
        if classification:
            self.bax = self.fig.add_subplot(1, 2, 2)
            (x0, x1), (y0, y1) = self._limits()
            self._grid = np.stack(np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID)), -1).reshape(-1, 2)
            self.boundary = self.bax.imshow(np.zeros((GRID, GRID)), extent=(x0, x1, y0, y1), origin="lower",
                                            cmap="RdBu", vmin=0, vmax=1, aspect="auto", alpha=0.6)
            for label, marker in ((0, "o"), (1, "^")):
                rows = self.x[self.y == label]
                self.bax.scatter(rows[:, 0], rows[:, 1], marker=marker, edgecolor="black",
                                 color="#b2182b" if label == 0 else "#2166ac", label=f"placed = {label}", zorder=3)
            self.bax.set(xlabel=self.features[0], ylabel=self.features[1], title="ŷ over the plane (boundary: ŷ = 0.5)")
            self.bax.grid(False)
            self.bax.xaxis.set_major_locator(MaxNLocator(5))
            self.bax.yaxis.set_major_locator(MaxNLocator(5))
        self._background = None

    def _fix_label_positions(self):
        """Pin each title and x-axis label where matplotlib first puts them: otherwise every redraw
        measures every tick label to place them again (a quarter of a redraw). Their tick labels
        never change height, so the places never change; y-axis labels (tick labels of changing
        width) keep moving freely."""
        self.fig.canvas.draw()
        for ax in self.fig.axes:
            ax.set_title(ax.get_title(), y=1.0)  # the default place, no longer re-measured
            to_axes = ax.transAxes.inverted()
            label = ax.xaxis.label
            ax.xaxis.set_label_coords(*to_axes.transform(label.get_transform().transform(label.get_position())))

    def _moving_artists(self):
        """What `_render` draws over the kept bitmap, in the order of a full draw: all of the loss
        panel but its background, title and x-axis; the boundary's image and what lies over it."""
        still = {self.ax.patch, self.ax.xaxis, self.ax.title}
        moving = sorted([a for a in self.ax.get_children() if a not in still and a.get_visible()],
                        key=lambda a: a.get_zorder())
        if self.boundary is not None:
            moving += sorted([self.boundary, *self.bax.spines.values(), *self.bax.collections],
                             key=lambda a: a.get_zorder())
        return moving

    def _limits(self):
        lo, hi = self.x.min(axis=0), self.x.max(axis=0)
        pad = 0.1 * (hi - lo) + 0.1
        return (lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1])

    def _render(self):
        """The figure as PNG bytes: the kept bitmap of what never changes, then what moves."""
        canvas = self.fig.canvas
        xlim = self.ax.get_xlim()  # the kept x-axis is valid for these limits only
        if self._background is None or self._background[0] != xlim:
            if self._background is None:
                self._fix_label_positions()
            moving = self._moving_artists()
            for artist in moving:  # animated artists are left out of a full draw
                artist.set_animated(True)
            canvas.draw()
            self._background = (xlim, canvas.copy_from_bbox(self.fig.bbox))
            for artist in moving:
                artist.set_animated(False)
        else:
            canvas.restore_region(self._background[1])
        renderer = canvas.get_renderer()
        for artist in self._moving_artists():
            artist.draw(renderer)
        buf = io.BytesIO()
        # Fastest zlib level: a few KiB more than the default, in a third of the time.
        imsave(buf, np.asarray(canvas.buffer_rgba()), format="png", pil_kwargs={"compress_level": 1})
        return buf.getvalue()

    # -- updating --------------------------------------------------------------------------
    @property
    def params(self):
        """The parameters currently on the sliders."""
        return {name: float(s.value) for name, s in self.sliders.items()}

    def _on_change(self, change):
        self.update()

    def update(self):
        """Train with the sliders' settings and redraw the curve, the boundary and the readout."""
        r = train(self.params, self.x, self.y, task=self.task, loss=self.loss,
                  eta=float(self.eta.value), epochs=int(self.epochs.value))
        self.result = r
        losses = np.maximum(r.losses, 1e-300)  # log axis: an exact 0 would vanish
        self.curve.set_data(np.arange(len(losses)), losses)
        self.curve.set_marker("o" if len(losses) < 3 else "")
        top, bottom = float(losses.max()), float(losses.min())
        self.ax.set_xlim(0, max(1, len(losses) - 1))
        self.ax.set_ylim(bottom / 1.5, top * 1.5)
        if r.diverged:
            self.note.set_text(f"diverged after epoch {len(r.losses)}:\nη is too large")
            status = (f"<b style='color:#b2182b'>diverged</b> after epoch {len(r.losses)}: "
                      f"η = {self.eta.value:.2e} is too large; the last finite loss is {r.losses[-1]:.6g}")
        else:
            self.note.set_text("")
            status = f"final loss {r.losses[-1]:.6g} after {len(r.losses) - 1} epochs"
        if self.boundary is not None:
            yhat = forward(r.params, self._grid, task=self.task)["yhat"]
            self.boundary.set_data(yhat.reshape(GRID, GRID))
            acc = np.mean((forward(r.params, self.x, task=self.task)["yhat"] >= 0.5) == self.y)
            status += f"; accuracy {acc:.0%}"
        self.readout.value = status
        plane = (f" and ŷ over the {self.features[0]}–{self.features[1]} plane with the boundary ŷ = 0.5"
                 if self.boundary is not None else "")
        self.image.tooltip = f"Loss curve (mean loss per epoch, log scale){plane}: {re.sub('<[^>]+>', '', status)}."
        self.image.value = self._render()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def explorer(x, y, *, task, params=None, eta=1e-3, epochs=100, loss=None, features=FEATURES):
    """Sliders for η (log scale), the nine parameters and the epochs, with the loss curve live.

    ``x, y`` are the rows to train on (for example ``bp.X_REG, bp.Y_REG``); ``params`` the
    starting values (default `INITIAL_PARAMS`); ``features`` the axis labels of the decision
    boundary (say "CGPA (standardised)" when ``x`` is rescaled). Returns an `Explorer`; display it
    in a notebook.
    """
    return Explorer(x, y, task=task, params=params, eta=eta, epochs=epochs, loss=loss, features=features)


__all__ = ["Explorer", "explorer"]
