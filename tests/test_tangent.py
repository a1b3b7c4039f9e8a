"""bp.tangent (chapter "The chain rule"): the tangent widget's state, settings and checks.

The page side (its front end computes L, the slope and the central difference in the browser) is
tested in tests/browser/test_tangent_live.py and tests/lab/.
"""

import json
import math

import numpy as np
import pytest
import traitlets

import bp
from bp.tangent import N_CURVE, SLIDER_STEPS, Tangent, loss_along, slider_range, symbol, tangent
from bp.widget import STATIC

X, Y = bp.X_REG[0], bp.Y_REG[0]


def test_loss_along_is_the_loss_with_one_parameter_changed():
    values = [-1.0, 0.5, 2.0]
    Ls = loss_along(bp.INITIAL_PARAMS, X, Y, "w2_11", values, task="regression")
    for v, L in zip(values, Ls, strict=True):
        assert L == bp.loss(dict(bp.INITIAL_PARAMS, w2_11=v), X, Y, task="regression")


def test_slider_range_shows_the_minimum_when_there_is_one():
    lo, hi = slider_range(bp.INITIAL_PARAMS, X, Y, "w2_11", task="regression")
    # ŷ = 2.73·w2_11 + 0.056 reaches y = 20 at w2_11 ≈ 7.31: inside the range
    assert lo < 0.5 < hi and lo < 7.31 < hi
    lo, hi = slider_range(bp.INITIAL_PARAMS, X, Y, "b11", task="regression")
    assert (lo, hi) == (-3.0, 3.0)  # the minimum is ~37 away: beyond the widest range, ± 3


def test_symbols_are_the_notes():
    # superscript = layer, subscripts = the units (as the notes write w¹₂₁, b₁₂)
    assert symbol("w1_21") == "w\u00b9\u2082\u2081" and symbol("w2_11") == "w\u00b2\u2081\u2081"
    assert symbol("b12") == "b\u2081\u2082"
    assert len({symbol(n) for n in bp.PARAM_NAMES}) == 9
    with pytest.raises(KeyError, match="w3_11"):
        symbol("w3_11")


def test_state_sent_to_the_page():
    """What the page gets (and the book stores): the row, the starting values, each parameter's
    slider range, the labels, and the module with the JavaScript twin of bp.network."""
    t = tangent(X, Y, task="regression")
    state = t.get_state()
    assert state["_model_module"] == "anywidget" and state["_anywidget_id"] == "bp.tangent.Tangent"
    assert state["x"] == [X.tolist()] and state["y"] == [float(Y)]
    assert state["task"] == "regression" and state["loss"] == "squared"
    assert state["params"] == bp.INITIAL_PARAMS
    assert state["name"] == "w2_11" and state["value"] == bp.INITIAL_PARAMS["w2_11"]
    for name in bp.PARAM_NAMES:
        assert state["ranges"][name] == list(slider_range(bp.INITIAL_PARAMS, X, Y, name, task="regression"))
        assert state["symbols"][name] == symbol(name)
    assert state["curve_points"] == N_CURVE and state["slider_steps"] == SLIDER_STEPS
    assert state["_module"] == "tangent"
    assert state["_esm"] == (STATIC / "tangent.js").read_text(encoding="utf-8")
    assert state["_css"] == (STATIC / "tangent.css").read_text(encoding="utf-8")
    sources = json.loads((STATIC / "tangent.js.map").read_text(encoding="utf-8"))["sources"]
    assert sources.count("../js/network.js") == 1 and sources[-1] == "../js/tangent.js"


def test_readout_is_bp_for_the_current_setting():
    t = tangent(X, Y, task="regression", name="w2_11")
    for value in (0.5, 7.31, -3.0, t.ranges["w2_11"][1]):
        t.value = value
        p = dict(bp.INITIAL_PARAMS, w2_11=value)
        r = t.readout
        assert r["name"] == "w2_11" and r["value"] == value
        assert r["loss"] == bp.loss(p, X, Y, task="regression")
        assert r["slope"] == bp.gradients(p, X, Y, task="regression")["w2_11"]
        # the page's h is bp's default h
        assert r["numeric"] == bp.numerical_gradients(p, X, Y, task="regression")["w2_11"]
        assert r["relative_error"] == bp.relative_error(r["slope"], r["numeric"]) < 1e-6


def test_a_new_parameter_starts_at_its_starting_value():
    t = tangent(X, Y, task="regression", name="w2_11")
    t.value = 4.0
    t.name = "w1_21"
    assert t.value == bp.INITIAL_PARAMS["w1_21"]
    assert t.readout["slope"] == bp.gradients(bp.INITIAL_PARAMS, X, Y, task="regression")["w1_21"]


def test_what_the_page_sends():
    """The menu sends the new name with the parameter's starting value; the slider then sends
    values, checked against the new parameter's range."""
    t = tangent(X, Y, task="regression", name="w2_11")
    t.set_state({"value": 8.0})
    assert 8.0 > t.ranges["b11"][1]
    t.set_state({"name": "b11", "value": bp.INITIAL_PARAMS["b11"]})
    assert (t.name, t.value) == ("b11", bp.INITIAL_PARAMS["b11"])
    t.set_state({"value": 2.5})
    assert t.value == 2.5
    with pytest.raises(traitlets.TraitError, match="outside"):
        t.set_state({"value": 8.0})


def test_settings_are_checked():
    t = tangent(X, Y, task="regression", name="b11")
    lo, hi = t.ranges["b11"]
    t.value, t.value = lo, hi  # the ends are on the slider
    for bad in (hi + 0.01, lo - 0.01, math.nan, math.inf):
        with pytest.raises(traitlets.TraitError, match="outside its slider's range"):
            t.value = bad
    with pytest.raises(traitlets.TraitError, match="unknown parameter 'w3_11'"):
        t.name = "w3_11"
    assert (t.name, t.value) == ("b11", hi)


def test_bad_arguments():
    with pytest.raises(KeyError, match="w3_11"):
        tangent(X, Y, task="regression", name="w3_11")
    with pytest.raises(ValueError, match="unknown task"):
        tangent(X, Y, task="ranking")
    with pytest.raises(ValueError):
        tangent(X, Y, task="regression", params=dict(bp.INITIAL_PARAMS, w1_11=math.nan))


def test_a_batch_and_classification():
    t = Tangent(bp.X_CLS, bp.Y_CLS, task="classification", name="b21")
    assert np.array_equal(np.array(t.x), bp.X_CLS) and t.loss == "cross_entropy"
    for name in bp.PARAM_NAMES:
        t.name = name
        lo, hi = t.ranges[name]
        assert lo < t.value < hi
        t.value = (t.value + hi) / 2
        p = dict(bp.INITIAL_PARAMS, **{name: t.value})
        assert t.readout["slope"] == bp.gradients(p, bp.X_CLS, bp.Y_CLS, task="classification")[name]
        assert t.readout["loss"] == bp.loss(p, bp.X_CLS, bp.Y_CLS, task="classification")
