"""bp.tangent (chapter "The chain rule"): the live tangent's callbacks and its loss curve."""

import math

import numpy as np
import pytest

import bp
from bp.tangent import loss_along, slider_range, tangent, tex

X, Y = bp.X_REG[0], bp.Y_REG[0]


def test_loss_along_is_the_loss_with_one_parameter_changed():
    values = [-1.0, 0.5, 2.0]
    Ls = loss_along(bp.INITIAL_PARAMS, X, Y, "w2_11", values, task="regression")
    for v, L in zip(values, Ls):
        assert L == bp.loss(dict(bp.INITIAL_PARAMS, w2_11=v), X, Y, task="regression")


def test_slider_range_shows_the_minimum_when_there_is_one():
    lo, hi = slider_range(bp.INITIAL_PARAMS, X, Y, "w2_11", task="regression")
    # ŷ = 2.73·w2_11 + 0.056 reaches y = 20 at w2_11 ≈ 7.31: inside the range
    assert lo < 0.5 < hi and lo < 7.31 < hi
    lo, hi = slider_range(bp.INITIAL_PARAMS, X, Y, "b11", task="regression")
    assert (lo, hi) == (-3.0, 3.0)    # the minimum is ~37 away: beyond the widest range, ± 3


def test_tangent_slope_is_backprop_and_moves_with_the_slider():
    t = tangent(X, Y, task="regression", name="w2_11")
    g = bp.gradients(bp.INITIAL_PARAMS, X, Y, task="regression")
    assert math.isclose(t.slope, g["w2_11"])
    first_png, first_line = t.image.value, np.array(t.line.get_ydata())
    assert first_png[:8] == b"\x89PNG\r\n\x1a\n"
    t.slider.value = 3.0
    moved = dict(bp.INITIAL_PARAMS, w2_11=3.0)
    assert math.isclose(t.slope, bp.gradients(moved, X, Y, task="regression")["w2_11"])
    assert t.point.get_xdata()[0] == 3.0
    assert math.isclose(t.point.get_ydata()[0], bp.loss(moved, X, Y, task="regression"))
    assert not np.allclose(t.line.get_ydata(), first_line)
    assert t.image.value != first_png
    # the tangent line passes through the point with the backprop slope
    (x0, x1), (y0, y1) = t.line.get_xdata(), t.line.get_ydata()
    assert math.isclose((y1 - y0) / (x1 - x0), t.slope)
    assert "w2_11 = 3.000" in t.readout.value and "relative error" in t.readout.value


def test_dropdown_switches_parameter_curve_and_slider():
    t = tangent(X, Y, task="regression", name="w2_11")
    t.slider.value = 4.0
    t.dropdown.value = "w1_21"
    assert t.name == "w1_21" and t.slider.description == "w1_21"
    assert t.slider.value == bp.INITIAL_PARAMS["w1_21"]   # the others are back at their start
    lo, hi = slider_range(bp.INITIAL_PARAMS, X, Y, "w1_21", task="regression")
    assert math.isclose(t.slider.min, lo) and math.isclose(t.slider.max, hi)
    xs, ys = t.curve.get_data()
    assert math.isclose(xs[0], lo) and math.isclose(ys[0], bp.loss(dict(bp.INITIAL_PARAMS, w1_21=lo), X, Y,
                                                                   task="regression"))
    assert math.isclose(t.slope, bp.gradients(bp.INITIAL_PARAMS, X, Y, task="regression")["w1_21"])
    assert "w^1_{21}" in t.ax.get_xlabel()


def test_every_parameter_and_classification():
    t = tangent(bp.X_CLS[0], bp.Y_CLS[0], task="classification", name="b21")
    for name in bp.PARAM_NAMES:
        t.dropdown.value = name
        g = bp.gradients(bp.INITIAL_PARAMS, bp.X_CLS[0], bp.Y_CLS[0], task="classification")
        assert math.isclose(t.slope, g[name])
        assert t.slider.min < t.slider.value < t.slider.max


def test_bad_inputs():
    with pytest.raises(KeyError, match="w3_11"):
        tangent(X, Y, task="regression", name="w3_11")
    with pytest.raises(ValueError, match="unknown task"):
        tangent(X, Y, task="ranking")


def test_tex_names():
    assert tex("w1_21") == "$w^1_{21}$" and tex("b12") == "$b_{12}$"
