"""The computational graph of the 2-2-1 network for one row (chapter "The chain rule").

Unlike the network figure (`bp.draw_network`), every intermediate value of the forward pass
gets its own box, ``z`` apart from ``O`` and the loss ``L`` as the last node, so that each arrow
is one local derivative and a path from a parameter to ``L`` is a product of them. The same
graph, for any layer widths, is what the chapter counts multiplications on: path by path (the
chain rule applied to each parameter separately) against backpropagation's reuse.
"""

from __future__ import annotations

import math
from itertools import pairwise

import matplotlib.pyplot as plt
import numpy as np

from ._checks import check_params, check_task
from .network import PARAM_NAMES, forward
from .plots import BIASES as NETWORK_BIASES
from .plots import COLORS, format_label
from .plots import EDGES as NETWORK_EDGES

# Each node: position (x, y), its symbol, and its kind (for the colour).
NODES = {
    "CGPA": (0.0, 1.0, "CGPA", "input"),
    "IQ": (0.0, 0.0, "IQ", "input"),
    "z11": (2.4, 1.0, "$z_{11}$", "hidden"),
    "z12": (2.4, 0.0, "$z_{12}$", "hidden"),
    "O11": (4.0, 1.0, "$O_{11}$", "hidden"),
    "O12": (4.0, 0.0, "$O_{12}$", "hidden"),
    "z21": (6.0, 0.5, "$z_{21}$", "output"),
    "yhat": (7.5, 0.5, r"$\hat{y}$", "output"),
    "L": (9.0, 0.5, "$L$", "output"),
}
# Each arrow: (from, to, the parameter it carries or None, where its label sits: the fraction t
# along the arrow and the side: "above", "below", shifted right on the sloping arrows into z21,
# and for the two crossing arrows out to the left, between the input boxes, clear of the crossing).
ARROWS = [
    ("CGPA", "z11", "w1_11", 0.5, "above"),
    ("CGPA", "z12", "w1_12", 0.12, "left below"),
    ("IQ", "z11", "w1_21", 0.12, "left above"),
    ("IQ", "z12", "w1_22", 0.5, "below"),
    ("z11", "O11", None, 0.5, "above"),
    ("z12", "O12", None, 0.5, "above"),
    ("O11", "z21", "w2_11", 0.2, "above right"),
    ("O12", "z21", "w2_21", 0.2, "below right"),
    ("z21", "yhat", None, 0.5, "above"),
    ("yhat", "L", None, 0.5, "above"),
]
SIDES = {  # side: (dx, dy, ha, va)
    "above": (0.0, 0.04, "center", "bottom"),
    "below": (0.0, -0.04, "center", "top"),
    "above right": (0.05, 0.02, "left", "bottom"),
    "below right": (0.05, -0.02, "left", "top"),
    "left below": (-0.06, -0.02, "right", "top"),
    "left above": (-0.06, 0.02, "right", "bottom"),
}
BIAS_OF = {"z11": "b11", "z12": "b12", "z21": "b21"}


def _tex(name):
    return NETWORK_EDGES[name][2] if name in NETWORK_EDGES else NETWORK_BIASES[name][1]


def draw_graph(ax=None, *, nodes=None, edges=None, task="regression", title=None, color=None):
    """Draw the computational graph: a box per value, an arrow per local derivative.

    ``nodes`` maps ``CGPA, IQ, z11, z12, O11, O12, z21, yhat, L`` to a number or text written in
    the box (forward values, or ∂L/∂node); ``edges`` maps the nine parameter names to a number or
    text written under their symbol beside their arrow (biases: above their ``z`` box). ``task``
    names the activation on the z → O arrows. Returns the axes.
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(10.0, 3.75))  # the text at bp's TEXT_PT: legible when shown at 60 %
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.92)
    nodes, edges = nodes or {}, edges or {}
    ink = color or "black"
    act = r"$\sigma$" if task == "classification" else "identity"
    loss = "cross-\nentropy" if task == "classification" else r"$\frac{1}{2}(y-\hat{y})^2$"
    ops = {("z11", "O11"): act, ("z12", "O12"): act, ("z21", "yhat"): act, ("yhat", "L"): loss}
    boxes = {}
    for name, (x, y, tex, kind) in NODES.items():
        text = tex if name not in nodes else f"{tex}\n{format_label(nodes[name])}"
        boxes[name] = ax.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            zorder=3,
            color=ink if name in nodes else "black",
            bbox={"boxstyle": "round,pad=0.3", "fc": COLORS[kind], "ec": "#333333"},
        )
    for a, b, param, t, side in ARROWS:
        dx, dy, ha, va = SIDES[side]
        (x0, y0, *_), (x1, y1, *_) = NODES[a], NODES[b]
        ax.annotate(
            "",
            xy=(0, 0.5),
            xycoords=boxes[b],
            xytext=(1, 0.5),
            textcoords=boxes[a],
            arrowprops={"arrowstyle": "->", "color": COLORS["edge"], "lw": 1.1, "shrinkA": 6, "shrinkB": 6},
        )
        # the label sits on the stretch of the arrow between the boxes (about 0.8 wide)
        xa, xb = x0 + 0.4, x1 - 0.4
        xm = xa + (xb - xa) * t
        ym = y0 + (y1 - y0) * (xm - x0) / (x1 - x0)
        if param is None:
            ax.text(xm, ym + 0.05, ops[(a, b)], ha="center", va="bottom", color="#595959")
            continue
        label = _tex(param) if param not in edges else f"{_tex(param)}\n{format_label(edges[param])}"
        ax.text(
            xm + dx,
            ym + dy,
            label,
            ha=ha,
            va=va,
            color=ink,
            zorder=4,
            linespacing=1.1,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
        )
    for node, bias in BIAS_OF.items():
        x, y, *_ = NODES[node]
        label = _tex(bias) if bias not in edges else f"{_tex(bias)} = {format_label(edges[bias])}"
        ax.text(x, y + 0.22, label, ha="center", va="bottom", color=ink)
    ax.set_xlim(-0.45, 9.45)
    ax.set_ylim(-0.45, 1.5)
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


# -- counting: the chain rule path by path, against backpropagation's reuse ---------------------


def computational_graph(widths):
    """The arrows of a layered network's graph, as ``{node: [the nodes it feeds]}``.

    ``widths`` lists the layer sizes, inputs first and one output last: ``[2, 2, 1]`` is the
    notes' network, whose nodes get the notes' names (``w1_11``, ``b11``, ``z11``, ``O11`` …
    ``O21`` = ŷ, then ``L``). Only what lies on a path from a parameter to L is included.
    """
    if max(widths) > 9 or widths[-1] != 1:
        raise ValueError(f"widths {widths}: layers of at most 9 units (names are one digit each), one output")
    feeds = {}
    for l in range(1, len(widths)):
        for j in range(1, widths[l] + 1):
            z = f"z{l}{j}"
            for i in range(1, widths[l - 1] + 1):
                feeds[f"w{l}_{i}{j}"] = [z]  # w^l_ij → z_lj
                if l > 1:
                    feeds.setdefault(f"O{l - 1}{i}", []).append(z)  # O_(l−1)i → z_lj
            feeds[f"b{l}{j}"] = [z]  # b_lj → z_lj
            feeds[z] = [f"O{l}{j}"]  # z_lj → O_lj = act(z_lj)
    feeds[f"O{len(widths) - 1}1"] = ["L"]  # ŷ → L
    return feeds


def paths_to_loss(node, feeds):
    """Every path from ``node`` to ``L``, each as the list of nodes along it."""
    if node == "L":
        return [["L"]]
    return [[node] + rest for nxt in feeds[node] for rest in paths_to_loss(nxt, feeds)]


def count_multiplications(widths):
    """Multiplications for all ∂L/∂(parameter): path by path, reusing.

    Path by path, a path of k arrows is a product of k local
    derivatives: k − 1 multiplications, for every path of every
    parameter. Backpropagation multiplies once per arrow (∂L/∂head
    times the arrow's local derivative), except for the arrow into L:
    its factor ∂L/∂ŷ starts the product. A local derivative that
    happens to be 1 counts too; additions do not.
    """
    feeds = computational_graph(widths)
    params = [n for n in feeds if n[0] in "wb"]
    paths = [path for p in params for path in paths_to_loss(p, feeds)]
    return {
        "parameters": len(params),
        "paths": len(paths),
        "path_by_path": sum(len(path) - 2 for path in paths),
        "reuse": sum(len(heads) for heads in feeds.values()) - 1,
    }


def local_derivatives(params, x, y, *, task, loss=None):
    """∂head/∂tail of every arrow of the notes' 2-2-1 graph on one row, keyed by (tail, head)."""
    task, loss = check_task(task, loss)
    p = check_params(params)
    f = forward(p, x, task=task)
    inputs = {"1": float(np.asarray(x, dtype=float)[0]), "2": float(np.asarray(x, dtype=float)[1])}
    O = {"11": f["O11"], "12": f["O12"], "21": f["yhat"]}
    sig = task == "classification"
    out = {}
    for tail, heads in computational_graph([2, 2, 1]).items():
        for head in heads:
            if tail[0] == "w":  # ∂z/∂w = what the weight multiplies
                l, i = tail[1], tail[3]
                out[tail, head] = inputs[i] if l == "1" else O[f"1{i}"]
            elif tail[0] == "b":  # ∂z/∂b = 1
                out[tail, head] = 1.0
            elif tail[0] == "O" and head != "L":  # ∂z_2j/∂O_1i = the weight between them
                out[tail, head] = p[f"w2_{tail[2]}{head[2]}"]
            elif tail[0] == "z":  # ∂O/∂z = act'(z): σ(1 − σ) or 1
                o = O[tail[1:]]
                out[tail, head] = o * (1 - o) if sig else 1.0
            else:  # ∂L/∂ŷ
                yhat = f["yhat"]
                out[tail, head] = yhat - y if loss == "squared" else (yhat - y) / (yhat * (1 - yhat))
    return out


def path_by_path_gradients(params, x, y, *, task, loss=None):
    """The nine ∂L/∂w as sums over paths of products of local derivatives, on one row.

    Returns ``(gradients, multiplications)``: no factor is reused between parameters, which is
    what backpropagation avoids. (Not numerically careful: for the chapter's comparison only.)
    """
    local = local_derivatives(params, x, y, task=task, loss=loss)
    feeds = computational_graph([2, 2, 1])
    grads, mults = {}, 0
    for name in PARAM_NAMES:
        grads[name] = 0.0
        for path in paths_to_loss(name, feeds):
            factors = [local[a, b] for a, b in pairwise(path)]
            grads[name] += math.prod(factors)
            mults += len(factors) - 1
    return grads, mults


__all__ = [
    "draw_graph",
    "computational_graph",
    "paths_to_loss",
    "count_multiplications",
    "local_derivatives",
    "path_by_path_gradients",
    "NODES",
    "ARROWS",
]
