"""The book's figures read on every screen: their text is never smaller than bp.plots.TEXT_PT (the
page never shows a figure below 60 % of its size: tests/browser/page_checks.py), and in Jupyter
they are 2× PNGs shown at their size (sharp on high-resolution screens)."""

from __future__ import annotations

import base64
import struct

import matplotlib
import matplotlib.pyplot as plt
import pytest

import bp
from bp.graph import draw_graph
from bp.plots import TEXT_PT

FORWARD = {
    "CGPA": 3.3,
    "IQ": 8,
    "z11": 2.73,
    "z12": 0.14,
    "O11": 2.73,
    "O12": 0.14,
    "z21": 1.421,
    "yhat": 1.421,
    "L": 172.59,
}


def _losses():
    line = bp.plot_losses([0.7, 0.2, 0.05], label="a curve")
    line.axes.set_title("t")
    return line.figure


# Each bp figure, bare and with every label filled in, as the chapters draw them.
FIGURES = {
    "draw_network": lambda: bp.draw_network(title="t").figure,
    "draw_network with values": lambda: (
        bp.draw_network(
            edges=bp.INITIAL_PARAMS,
            nodes={"CGPA": 3.3, "IQ": 8, "O11": 2.73, "O12": 0.14, "yhat": 1.421},
            color="#b2182b",
            title="t",
        ).figure
    ),
    "draw_graph": lambda: draw_graph(title="t").figure,
    "draw_graph with values": lambda: (
        draw_graph(nodes=FORWARD, edges=bp.INITIAL_PARAMS, title="t", task="classification").figure
    ),
    "plot_losses": _losses,
}


@pytest.mark.parametrize("name", FIGURES)
def test_figure_text_is_never_small(name):
    fig = FIGURES[name]()
    fig.canvas.draw()  # tick labels exist once drawn
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    plt.close(fig)
    assert len(texts) >= 5, (name, texts)
    small = sorted({(t.get_text(), t.get_fontsize()) for t in texts if t.get_fontsize() < TEXT_PT})
    assert not small, f"{name}: text below {TEXT_PT} pt: {small}"


def test_jupyter_shows_figures_as_2x_pngs_at_their_size():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        bp.use_style()
        fig, ax = plt.subplots(figsize=(4.0, 2.5))
        ax.plot([0, 1], [0, 1])
        data, metadata = shell.display_formatter.format(fig)
        plt.close(fig)
        png = data["image/png"]
        png = base64.b64decode(png) if isinstance(png, str) else png
        width, height = struct.unpack(">II", png[16:24])
        shown = metadata["image/png"]
        # The page shows it at half its pixels: the figure's size at 96 px per inch (less the trim).
        assert (width, height) == (2 * shown["width"], 2 * shown["height"]) or (
            abs(width - 2 * shown["width"]) <= 1 and abs(height - 2 * shown["height"]) <= 1
        ), (width, height, shown)
        assert 0.8 * 4.0 * 96 <= shown["width"] <= 4.0 * 96, shown
        assert "image/svg+xml" not in data  # nbval would compare an SVG as text
    finally:
        InteractiveShell.clear_instance()
