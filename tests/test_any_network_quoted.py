"""The any-network pages' numbers that sit inside math or quote another page, where myst-nb's glue
cannot reach: each quoted number equals, at the digits the page prints, its value recomputed here
from bp's scalar 2-2-1 network (bp.forward, bp.gradients) or bp.mlp.multiplications."""

import json
import re
from pathlib import Path

import pytest

import bp
import bp.mlp as mlp

CHAPTERS = Path(__file__).parents[1] / "chapters"


def _prose(name):
    """The markdown of a chapter page, its cells joined."""
    nb = json.loads((CHAPTERS / name).read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def _worked_row():
    """The regression chapter's worked row and the classification chapter's, by the scalar network."""
    p = bp.INITIAL_PARAMS
    f = bp.forward(p, bp.X_REG[0], task="regression")
    g = bp.gradients(p, bp.X_REG[0], float(bp.Y_REG[0]), task="regression")
    c = bp.gradients(p, bp.X_CLS[0], float(bp.Y_CLS[0]), task="classification")
    return {
        "2.73": f["z11"],
        "0.14": f["z12"],
        "1.421": f["yhat"],
        "-18.579": g["b21"],
        "-9.2895": g["b11"],
        "-7.4316": g["b12"],
        "-30.655350": g["w1_11"],
        "-24.524280": g["w1_12"],
        "-74.316000": g["w1_21"],
        "-59.452800": g["w1_22"],
        "0.030676": c["b11"],
        "0.065310": c["b12"],
    }


def _matches(text, value):
    """``text`` is ``value`` rounded to the decimals ``text`` shows."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return round(value, decimals) == float(text)


@pytest.mark.parametrize("text, value", sorted(_worked_row().items()))
def test_the_first_page_quotes_its_worked_numbers_as_the_run_gives_them(text, value):
    prose = _prose("any_network.ipynb")
    assert re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", prose), f"{text} is no longer quoted"
    assert _matches(text, value), f"the page quotes {text}, the run gives {value}"


def test_the_summary_quotes_the_counted_ratio_of_the_largest_network():
    largest = mlp.multiplications([2, 312, 312, 1])  # the cost page's largest network
    ratio = round(largest["central"] / largest["backprop"])
    summary = _prose("any_network_tools.ipynb").split("## Summary")[1]
    assert f"{ratio:,}" in summary and f"{largest['parameters']:,}".replace(",", "{,}") in summary
    steps = [300, -(-300 // 32), 1]  # per epoch: rows of 1, 32, all 300
    assert ", ".join(map(str, steps[:2])) + f" and {steps[2]} steps" in summary
