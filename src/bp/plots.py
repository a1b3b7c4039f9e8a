"""The book's figures, in one style: the 2-2-1 network in the notes' notation and loss curves.

The network figure is introduced on the book's first page; the chain-rule chapter labels it with
forward values and backward gradients.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

# Text of at least TEXT_PT points: the book never shows a figure below 60 % of its size (on a phone
# a wider one scrolls in its box: _static/bp-page-fixes.js), so its text stays at 9.6 CSS px or more.
TEXT_PT = 12
STYLE = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 96,  # 96 dots per inch: one CSS pixel each, the size the page shows
    "savefig.dpi": 192,  # files saved at twice that: sharp on high-resolution screens
    "font.size": TEXT_PT,  # ticks, labels and legends are "medium": this size
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 13,
    "legend.frameon": False,
    "lines.linewidth": 2,
}
COLORS = {"input": "#dbe9f6", "hidden": "#fde9c9", "output": "#d9f0d3", "edge": "#555555", "grad": "#b2182b"}
# The two classes (y = 0, y = 1) of the classification chapter, as the explorer and the playground
# draw them (js/theme.css): ŷ over the plane orange towards 0 and blue towards 1 (Okabe–Ito,
# colour-blind safe), the rows as hollow circles (y = 0) and solid triangles (y = 1), outlined,
# so that no row is lost on a region of its own colour. ``ax.scatter(..., **ROW_MARKERS[label])``.
CLASS_COLORS = ("#e69f00", "#0072b2")
BOUNDARY_CMAP = LinearSegmentedColormap.from_list("bp_boundary", [CLASS_COLORS[0], "#f7f7f7", CLASS_COLORS[1]])
"""ŷ over the plane: orange at 0, light grey at 0.5, blue at 1 (`CLASS_COLORS`), as the explorers draw it."""
ROW_MARKERS = {
    0: {"marker": "o", "facecolor": "white", "edgecolor": "black", "linewidth": 1.5},
    1: {"marker": "^", "facecolor": "black", "edgecolor": "white", "linewidth": 1.0},
}
"""The rows of each class as the explorers draw them: ``ax.scatter(..., **ROW_MARKERS[label])``."""

# Where each node sits: inputs left, hidden units middle, output right.
NODES = {"CGPA": (0.0, 1.0), "IQ": (0.0, 0.0), "O11": (1.8, 1.0), "O12": (1.8, 0.0), "yhat": (3.6, 0.5)}
NODE_TEX = {"CGPA": "CGPA", "IQ": "IQ", "O11": "$O_{11}$", "O12": "$O_{12}$", "yhat": r"$\hat{y}$"}
RADIUS = 0.24
# Each weight as (from node, to node, its symbol in the notes, where along the edge its label sits);
# the two crossing edges have their labels near their start, away from the crossing.
EDGES = {
    "w1_11": ("CGPA", "O11", r"$w^1_{11}$", 0.5),
    "w1_12": ("CGPA", "O12", r"$w^1_{12}$", 0.33),
    "w1_21": ("IQ", "O11", r"$w^1_{21}$", 0.33),
    "w1_22": ("IQ", "O12", r"$w^1_{22}$", 0.5),
    "w2_11": ("O11", "yhat", r"$w^2_{11}$", 0.5),
    "w2_21": ("O12", "yhat", r"$w^2_{21}$", 0.5),
}
BIASES = {"b11": ("O11", "$b_{11}$"), "b12": ("O12", "$b_{12}$"), "b21": ("yhat", "$b_{21}$")}


def use_style():
    """Apply the book's plot style (done once when `bp` is imported).

    In Jupyter, figures are also shown as 2× PNGs ("retina": twice the pixels, displayed at the
    figure's size), so they are sharp on high-resolution screens, in JupyterLab and in the book.
    """
    mpl.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import select_figure_formats
        from matplotlib_inline.config import InlineBackend
    except ImportError:  # no IPython: nothing is displayed inline
        return
    shell = get_ipython()
    if shell is not None:
        config = InlineBackend.instance(parent=shell)
        config.figure_formats = {"retina"}  # kept if a notebook runs %matplotlib inline again
        select_figure_formats(shell, config.figure_formats, **config.print_figure_kwargs)


def format_label(v):
    """A number as the figures write it (`draw_network`, `bp.graph.draw_graph`): 4 significant digits,
    a true minus sign (−); text is left as it is."""
    return v if isinstance(v, str) else f"{v:.4g}".replace("-", "−")


def draw_network(ax=None, *, edges=None, nodes=None, title=None, color=None):
    """Draw the notes' 2-2-1 network, labelled in the notes' notation.

    ``edges`` maps parameter names (``w1_11`` … ``b21``) to a number or text written beside each
    weight and under each unit for its bias (their values, or ∂L/∂w); ``nodes`` maps ``CGPA, IQ,
    O11, O12, yhat`` to a value or text written inside the node. Returns the axes.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 3.0))
    edges, nodes = edges or {}, nodes or {}
    text_color = color or "black"
    box = {"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.9}
    for name, (a, b, tex, t) in EDGES.items():
        (x0, y0), (x1, y1) = NODES[a], NODES[b]
        length = np.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length  # arrows start and stop at the circles
        ax.annotate(
            "",
            xy=(x1 - ux * RADIUS, y1 - uy * RADIUS),
            xytext=(x0 + ux * RADIUS, y0 + uy * RADIUS),
            arrowprops={"arrowstyle": "->", "color": COLORS["edge"], "lw": 1.2},
        )
        label = tex if name not in edges else f"{tex} = {format_label(edges[name])}"
        ax.text(
            x0 + (x1 - x0) * t,
            y0 + (y1 - y0) * t,
            label,
            ha="center",
            va="center",
            color=text_color,
            bbox=box,
            zorder=5,
        )
    for name, (x0, y0) in NODES.items():
        kind = "input" if x0 == 0 else "output" if name == "yhat" else "hidden"
        ax.add_patch(mpl.patches.Circle((x0, y0), RADIUS, fc=COLORS[kind], ec="#333333", lw=1.2, zorder=3))
        label = NODE_TEX[name] if name not in nodes else f"{NODE_TEX[name]}\n{format_label(nodes[name])}"
        ax.text(x0, y0, label, ha="center", va="center", color=text_color, zorder=4, linespacing=1.1)
    for name, (node, tex) in BIASES.items():
        x0, y0 = NODES[node]
        label = tex if name not in edges else f"{tex} = {format_label(edges[name])}"
        ax.text(x0, y0 - RADIUS - 0.06, label, ha="center", va="top", color=text_color, bbox=box)
    ax.set_xlim(-0.35, 3.95)
    ax.set_ylim(-0.5, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def plot_losses(losses, ax=None, *, label=None, log=True):
    """The loss curve: loss before training (epoch 0), then after each epoch. Returns the line."""
    if ax is None:
        _, ax = plt.subplots()
    losses = np.asarray(losses, dtype=float)
    (line,) = ax.plot(np.arange(len(losses)), losses, marker="o" if len(losses) < 3 else None, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean loss")
    if log:
        ax.set_yscale("log")
    if label:
        ax.legend()
    return line


__all__ = [
    "TEXT_PT",
    "COLORS",
    "CLASS_COLORS",
    "BOUNDARY_CMAP",
    "ROW_MARKERS",
    "NODES",
    "RADIUS",
    "EDGES",
    "BIASES",
    "use_style",
    "format_label",
    "draw_network",
    "plot_losses",
]
