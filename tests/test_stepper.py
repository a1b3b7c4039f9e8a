"""bp.stepper: the Python side of the step-through widget (its page is tested in tests/browser/)."""

import json
import re

import numpy as np
import pytest

import bp
from bp.plots import BIASES, EDGES, NODES
from bp.stepper import WORKED_ETA
from bp.widget import STATIC


def test_defaults_are_the_chapters_worked_step():
    s = bp.stepper(bp.X_REG, bp.Y_REG, task="regression")
    assert (s.task, s.loss, s.row, s.params) == ("regression", "squared", 0, bp.INITIAL_PARAMS)
    assert s.x == bp.X_REG.tolist() and s.y == bp.Y_REG.tolist()
    # The regression chapter's step by hand: w¹₂₁ goes from 0.3 to 0.3 − 0.001 · (−74.316) = 0.374316.
    step = bp.train(s.params, bp.X_REG[0], bp.Y_REG[0], task="regression", eta=s.eta, epochs=1)
    assert f"{step.params['w1_21']:.6f}" == "0.374316"
    c = bp.stepper(bp.X_CLS, bp.Y_CLS, task="classification")
    assert (c.loss, c.eta) == ("cross_entropy", WORKED_ETA["classification"])
    assert bp.stepper(bp.X_CLS, bp.Y_CLS, task="classification", loss="squared").loss == "squared"


def test_one_row_becomes_a_table_of_one():
    s = bp.stepper([3.3, 8.0], 20.0, task="regression", eta=0.01, row=0)
    assert s.x == [[3.3, 8.0]] and s.y == [20.0] and s.eta == 0.01


def test_bad_arguments_are_refused_like_train():
    with pytest.raises(ValueError, match="unknown task"):
        bp.stepper(bp.X_REG, bp.Y_REG, task="ranking")
    with pytest.raises(ValueError, match="eta"):
        bp.stepper(bp.X_REG, bp.Y_REG, task="regression", eta=-1.0)
    with pytest.raises(KeyError, match="missing parameter"):
        bp.stepper(bp.X_REG, bp.Y_REG, task="regression", params={"w1_11": 0.0})
    with pytest.raises(ValueError, match="0 or 1"):
        bp.stepper(bp.X_REG, bp.Y_REG, task="classification")
    for row in (2, -1, 0.0, True, "0"):
        with pytest.raises(ValueError, match="row must be an integer from 0 to 1"):
            bp.stepper(bp.X_REG, bp.Y_REG, task="regression", row=row)


def test_settings_set_later_are_checked_too():
    s = bp.stepper(bp.X_CLS, bp.Y_CLS, task="classification")
    s.row = 17
    assert s.row == 17
    with pytest.raises(ValueError, match="row must be an integer from 0 to 17"):
        s.row = 18
    with pytest.raises(ValueError, match="eta"):
        s.eta = 0.0
    with pytest.raises(ValueError, match="finite"):
        s.params = dict(bp.INITIAL_PARAMS, b21=float("nan"))
    assert s.row == 17 and s.eta == 0.5 and s.params == bp.INITIAL_PARAMS
    s.params = dict(bp.INITIAL_PARAMS, b21=np.float32(1.5))
    assert s.params["b21"] == 1.5 and type(s.params["b21"]) is float


def test_the_page_draws_the_books_figure():
    """The layout the page gets is bp.draw_network's: the same nodes, edges and label places."""
    layout = bp.stepper(bp.X_REG, bp.Y_REG, task="regression").get_state()["drawing"]
    assert layout["nodes"] == {n: list(xy) for n, xy in NODES.items()}
    assert layout["edges"] == {n: [a, b, t] for n, (a, b, _, t) in EDGES.items()}
    assert layout["biases"] == {n: node for n, (node, _) in BIASES.items()}
    assert set(layout["edges"]) | set(layout["biases"]) == set(bp.PARAM_NAMES)


def test_the_module_holds_the_network_twin_once():
    s = bp.stepper(bp.X_REG, bp.Y_REG, task="regression")
    state = s.get_state()
    assert state["_module"] == "stepper"
    assert state["_esm"] == (STATIC / "stepper.js").read_text(encoding="utf-8")
    assert state["_css"] == (STATIC / "stepper.css").read_text(encoding="utf-8")
    assert state["_anywidget_id"] == "bp.stepper.Stepper"  # what tests/browser finds the widget by
    out = state["_esm"]
    assert not re.search(r"^import\b", out, re.M) and re.search(r"export\s*\{\s*\w+ as default\s*\}", out)
    # The page's steps use the twin's forward, backward, SGD step and mean loss, not copies: of the
    # files bundled in, network.js alone defines them.
    bundled = json.loads((STATIC / "stepper.js.map").read_text(encoding="utf-8"))
    for name in ("forward", "rowLoss", "backward", "meanLoss", "sgdStep"):
        defining = [
            src
            for src, text in zip(bundled["sources"], bundled["sourcesContent"], strict=True)
            if re.search(rf"^(export )?function {name}\(", text, re.M)
        ]
        assert defining == ["../js/network.js"], (name, defining)


def test_repr():
    assert (
        repr(bp.stepper(bp.X_CLS, bp.Y_CLS, task="classification", row=3))
        == "<bp.Stepper: classification, row 3 of 18, η = 5.00e-01>"
    )
