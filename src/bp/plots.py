"""The book's figures, in one style: the 2-2-1 network in the notes' notation and loss curves.

The network figure is introduced on the book's first page; the chain-rule chapter labels it with
forward values and backward gradients.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import matplotlib.pyplot as plt

STYLE = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 96,
    "savefig.dpi": 96,
    "font.size": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "legend.frameon": False,
    "lines.linewidth": 2,
}
COLORS = {"input": "#dbe9f6", "hidden": "#fde9c9", "output": "#d9f0d3", "edge": "#555555",
          "grad": "#b2182b"}

# Where each node sits: inputs left, hidden units middle, output right.
NODES = {"CGPA": (0.0, 1.0), "IQ": (0.0, 0.0), "O11": (1.0, 1.0), "O12": (1.0, 0.0), "yhat": (2.0, 0.5)}
NODE_TEX = {"CGPA": "CGPA", "IQ": "IQ", "O11": "$O_{11}$", "O12": "$O_{12}$", "yhat": r"$\hat{y}$"}
# Each weight as (from node, to node, its symbol in the notes, where along the edge its label sits).
EDGES = {
    "w1_11": ("CGPA", "O11", r"$w^1_{11}$", 0.5),
    "w1_12": ("CGPA", "O12", r"$w^1_{12}$", 0.25),
    "w1_21": ("IQ", "O11", r"$w^1_{21}$", 0.25),
    "w1_22": ("IQ", "O12", r"$w^1_{22}$", 0.5),
    "w2_11": ("O11", "yhat", r"$w^2_{11}$", 0.5),
    "w2_21": ("O12", "yhat", r"$w^2_{21}$", 0.5),
}
BIASES = {"b11": ("O11", "$b_{11}$"), "b12": ("O12", "$b_{12}$"), "b21": ("yhat", "$b_{21}$")}


def use_style():
    """Apply the book's plot style (done once when `bp` is imported)."""
    mpl.rcParams.update(STYLE)


def _fmt(v):
    return v if isinstance(v, str) else f"{v:.4g}"


def draw_network(ax=None, *, edges=None, nodes=None, title=None, color=None):
    """Draw the notes' 2-2-1 network, labelled in the notes' notation.

    ``edges`` maps parameter names (``w1_11`` … ``b21``) to a number or text written beside each
    weight and bias (their values, or ∂L/∂w); ``nodes`` maps ``CGPA, IQ, O11, O12, yhat`` to a
    value or text written under the node. Returns the axes.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 3.4))
    edges, nodes = edges or {}, nodes or {}
    text_color = color or "black"
    for name, (a, b, tex, t) in EDGES.items():
        (x0, y0), (x1, y1) = NODES[a], NODES[b]
        ax.annotate("", xy=(x1 - 0.16, y1 + (y0 - y1) * 0.16 / (x1 - x0)), xytext=(x0 + 0.16, y0 + (y1 - y0) * 0.16),
                    arrowprops={"arrowstyle": "->", "color": COLORS["edge"], "lw": 1.2})
        label = tex if name not in edges else f"{tex} = {_fmt(edges[name])}"
        xm, ym = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        ax.text(xm, ym + 0.06, label, ha="center", va="bottom", fontsize=9, color=text_color,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    for name, (x0, y0) in NODES.items():
        kind = "input" if x0 == 0 else "hidden" if x0 == 1 else "output"
        ax.add_patch(mpl.patches.Circle((x0, y0), 0.16, fc=COLORS[kind], ec="#333333", lw=1.2, zorder=3))
        ax.text(x0, y0, NODE_TEX[name], ha="center", va="center", fontsize=10 if x0 else 8, zorder=4)
        if name in nodes:
            ax.text(x0, y0 - 0.22, _fmt(nodes[name]), ha="center", va="top", fontsize=9, color=text_color)
    for name, (node, tex) in BIASES.items():
        x0, y0 = NODES[node]
        label = tex if name not in edges else f"{tex} = {_fmt(edges[name])}"
        ax.text(x0, y0 + 0.2, label, ha="center", va="bottom", fontsize=9, color=text_color)
    ax.set_xlim(-0.35, 2.45)
    ax.set_ylim(-0.55, 1.45)
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
