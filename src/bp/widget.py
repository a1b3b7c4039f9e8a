"""What every widget of the book shares: its front end, built into ``bp/static/``, and the settings
and checks that several widgets have (the explorer, the tangent, the stepper and the playground).

Each widget's front end is one ES module and one stylesheet, ``static/<module>.js`` and
``static/<module>.css``, built by esbuild from ``js/<module>.js`` and ``js/<module>.css`` (and what
they import) with ``make widgets`` (scripts/build-widgets.mjs), and committed. anywidget reads both
files when the widget is made (``_esm`` and ``_css`` are their paths), so a kernel always runs the
current front end. The static book never reads the notebooks' copies: it serves the package's
current modules as files of their own and picks one by the synced ``_module`` (bp/sphinxext.py,
_templates/bp-widgets.js). So ``make notebooks`` stores in each notebook only `STUB` for ``_esm`` and
nothing for ``_css`` (scripts/strip-widget-modules.py): what JupyterLab shows for a saved widget
before its cell runs.
"""

from __future__ import annotations

import pathlib

import anywidget
import numpy as np
import traitlets

from ._checks import check_epochs, check_eta, check_params, check_task, check_xy
from .network import DIVERGENCE_LIMIT, INITIAL_PARAMS

STATIC = pathlib.Path(__file__).parent / "static"
"""The built front ends: ``<module>.js`` (with its ``.js.map``) and ``<module>.css`` for each widget.

The folder ``static`` beside this file; its value, a path on the machine that built the book, is not shown.

:meta hide-value:
"""

STUB = (
    "export default {render({el}) {el.textContent = "
    '"Run this cell to bring the widget to life (its saved state has no front end).";}};\n'
)
"""The ``_esm`` a notebook stores: a saved widget restored without a kernel (JupyterLab) says to run it."""


class Widget(anywidget.AnyWidget):
    """A widget of the book: its front end is ``static/<module>.js`` and ``static/<module>.css``."""

    module = None
    """The front end's name, set by each widget class: ``"explorer"`` runs ``static/explorer.js``."""

    # The static book's host loads the module of this name (the page's copy of _esm is only STUB).
    _module = traitlets.Unicode().tag(sync=True)

    def __init_subclass__(cls, **kwargs):
        if "module" in vars(cls):  # before anywidget's, which reads the files these paths name
            cls._esm, cls._css = STATIC / f"{cls.module}.js", STATIC / f"{cls.module}.css"
        super().__init_subclass__(**kwargs)

    @traitlets.default("_module")
    def _default_module(self):
        return self.module


def network_rows(x, y, task, loss):
    """``(task, loss, x, y)`` checked like `bp.train`'s, the task's own loss filled in; one row of
    ``x`` becomes a table of one, and ``y`` an array of floats."""
    task, loss = check_task(task, loss)
    x, y = check_xy(x, y, task)
    if x.ndim == 1:
        x, y = x[None, :], np.array([y])
    return task, loss, x, np.asarray(y, dtype=float)


class NetworkWidget(Widget):
    """A widget on the notes' 2-2-1 network and a table: ``task``, ``loss``, the rows ``x``, ``y``
    and the nine ``params``, checked like `bp.train`'s (from Python or from the page)."""

    task = traitlets.Unicode().tag(sync=True)
    loss = traitlets.Unicode().tag(sync=True)
    x = traitlets.List().tag(sync=True)
    y = traitlets.List().tag(sync=True)
    params = traitlets.Dict().tag(sync=True)

    def __init__(self, x, y, *, task, loss=None, params=None, **settings):
        task, loss, x, y = network_rows(x, y, task, loss)
        params = check_params(INITIAL_PARAMS if params is None else params)
        super().__init__(task=task, loss=loss, x=x.tolist(), y=y.tolist(), params=params, **settings)

    @traitlets.validate("params")
    def _valid_params(self, proposal):
        return check_params(proposal["value"])


class StepWidget(Widget):
    """A widget that takes gradient steps: their size ``eta``, checked like `bp.train`'s."""

    eta = traitlets.Float().tag(sync=True)

    @traitlets.validate("eta")
    def _valid_eta(self, proposal):
        return check_eta(proposal["value"])


class TrainingWidget(StepWidget):
    """A widget that trains: ``eta`` and ``epochs``, checked like `bp.train`'s, and the page's rule
    for a diverged run, `bp.train`'s (a loss above ``divergence_limit``)."""

    epochs = traitlets.Int().tag(sync=True)
    divergence_limit = traitlets.Float(DIVERGENCE_LIMIT).tag(sync=True)

    @traitlets.validate("epochs")
    def _valid_epochs(self, proposal):
        return check_epochs(proposal["value"])


__all__ = ["STATIC", "STUB", "Widget", "NetworkWidget", "StepWidget", "TrainingWidget", "network_rows"]
