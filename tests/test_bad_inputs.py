"""Every bad input is rejected with an error that names the problem."""

import math

import numpy as np
import pytest

import bp

P = bp.INITIAL_PARAMS
X, Y = bp.X_REG, bp.Y_REG


def without(name):
    return {k: v for k, v in P.items() if k != name}


@pytest.mark.parametrize(
    "call",
    [
        lambda p: bp.forward(p, X, task="regression"),
        lambda p: bp.loss(p, X, Y, task="regression"),
        lambda p: bp.gradients(p, X, Y, task="regression"),
        lambda p: bp.train(p, X, Y, task="regression", eta=0.1, epochs=1),
        lambda p: bp.numerical_gradients(p, X, Y, task="regression"),
    ],
)
def test_parameter_errors_name_the_parameter(call):
    with pytest.raises(KeyError, match="w2_21"):
        call(without("w2_21"))
    with pytest.raises(KeyError, match="w3_11"):
        call(dict(P, w3_11=1.0))
    with pytest.raises(TypeError, match="b12"):
        call(dict(P, b12="0.5"))
    with pytest.raises(TypeError, match="b12"):
        call(dict(P, b12=True))
    with pytest.raises(TypeError, match="b12"):
        call(dict(P, b12=None))
    with pytest.raises(ValueError, match="w1_22"):
        call(dict(P, w1_22=math.nan))
    with pytest.raises(ValueError, match="b21"):
        call(dict(P, b21=-math.inf))
    with pytest.raises(TypeError, match="mapping"):
        call(list(P.values()))


@pytest.mark.parametrize(
    "x, y, error, words",
    [
        ([["3.3", "8"]], [20], TypeError, "x must be numbers"),
        ("3.3, 8", 20, TypeError, "string"),
        ([[True, False]], [1], TypeError, "x must be numbers"),
        (X, ["20", "50"], TypeError, "y must be numbers"),
        ([[3.3, math.nan]], [20], ValueError, "x contains NaN"),
        (X, [20, math.inf], ValueError, "y contains NaN or infinity"),
        ([3.3, 8, 1], 20, ValueError, r"expected \(2,\) for one row"),
        (np.ones((2, 3)), Y, ValueError, r"\(n, 2\)"),
        (np.ones((0, 2)), [], ValueError, "shape"),
        (np.ones((2, 2, 2)), Y, ValueError, "shape"),
        ([3.3, 8], [20, 50], ValueError, "one target"),
        (X, [20, 50, 10], ValueError, "2 rows but y has 3"),
        (X, [[20, 50]], ValueError, r"expected \(n,\)"),
        ([[3.3, 8], [2.9]], [1, 2], ValueError, "irregular"),
    ],
)
def test_data_errors(x, y, error, words):
    with pytest.raises(error, match=words):
        bp.loss(P, x, y, task="regression")
    with pytest.raises(error, match=words):
        bp.gradients(P, x, y, task="regression")


def test_classification_targets_must_be_0_or_1():
    with pytest.raises(ValueError, match="0 or 1"):
        bp.loss(P, X, [0, 0.5], task="classification")
    with pytest.raises(ValueError, match="0 or 1"):
        bp.train(P, X, Y, task="classification", eta=0.1, epochs=1)


def test_unknown_task_and_loss_are_echoed():
    with pytest.raises(ValueError, match="'regresion'"):
        bp.loss(P, X, Y, task="regresion")
    with pytest.raises(ValueError, match="'hinge'"):
        bp.loss(P, X, [0, 1], task="classification", loss="hinge")
    with pytest.raises(ValueError, match="cross_entropy"):
        bp.loss(P, X, Y, task="regression", loss="cross_entropy")
    with pytest.raises(TypeError):
        bp.loss(P, X, Y)  # task is keyword-only and required


@pytest.mark.parametrize("eta", [0, -0.1, math.inf, math.nan, True, "0.1", None, 1j])
def test_eta_must_be_positive_finite_number(eta):
    with pytest.raises(ValueError, match="eta"):
        bp.train(P, X, Y, task="regression", eta=eta, epochs=1)


@pytest.mark.parametrize("epochs", [-1, 2.0, 2.5, True, "3", None])
def test_epochs_must_be_nonnegative_integer(epochs):
    with pytest.raises(ValueError, match="epochs"):
        bp.train(P, X, Y, task="regression", eta=0.1, epochs=epochs)


def test_explorer_rejects_bad_settings_too():
    with pytest.raises(ValueError, match="eta"):
        bp.explorer(X, Y, task="regression", eta=-1)
    with pytest.raises(ValueError, match="'nope'"):
        bp.explorer(X, Y, task="nope")
    with pytest.raises(KeyError, match="b21"):
        bp.explorer(X, Y, task="regression", params=without("b21"))


def test_check_gradient_rejects_unknown_name():
    with pytest.raises(KeyError, match="w9_99"):
        bp.check_gradient(lambda p, x, y: 0.0, "w9_99", task="regression")
