"""The exercise checker's verdicts and the explorer's callback."""

import numpy as np
import pytest

import bp


def right_w1_22(p, x, y):
    f = bp.forward(p, x, task="classification")
    return (f["yhat"] - y) * p["w2_21"] * f["O12"] * (1 - f["O12"]) * x[1]


def test_right_formula_passes():
    r = bp.check_gradient(right_w1_22, "w1_22", task="classification")
    assert r.ok and bool(r) and r.message.startswith("Right")


def test_regression_right_formula_for_every_parameter():
    # The regression derivatives written out independently of bp's backward pass.
    formulas = {
        "w2_11": lambda f, p, x: f["O11"], "w2_21": lambda f, p, x: f["O12"], "b21": lambda f, p, x: 1.0,
        "w1_11": lambda f, p, x: p["w2_11"] * x[0], "w1_21": lambda f, p, x: p["w2_11"] * x[1],
        "b11": lambda f, p, x: p["w2_11"], "w1_12": lambda f, p, x: p["w2_21"] * x[0],
        "w1_22": lambda f, p, x: p["w2_21"] * x[1], "b12": lambda f, p, x: p["w2_21"],
    }
    for name, rest in formulas.items():
        def fn(p, x, y, rest=rest):
            f = bp.forward(p, x, task="regression")
            return (f["yhat"] - y) * rest(f, p, x)
        assert bp.check_gradient(fn, name, task="regression").ok, name


@pytest.mark.parametrize("wrong, words", [
    (lambda p, x, y: -right_w1_22(p, x, y), "sign"),
    # The notes' slip in the regression part: w1_22 where the chain rule gives w2_21.
    (lambda p, x, y: right_w1_22(p, x, y) / p["w2_21"] * p["w1_22"], "wrong layer: w1_22 where the chain rule gives w2_21"),
    (lambda p, x, y: right_w1_22(p, x, y) / x[1] * x[0], "the wrong factor: CGPA where the chain rule gives IQ"),
    (lambda p, x, y: right_w1_22(p, x, y) / x[1], "missing: IQ"),
])
def test_wrong_formulas_get_the_likely_slip(wrong, words):
    r = bp.check_gradient(wrong, "w1_22", task="classification")
    assert not r.ok and words in r.message
    assert "yours =" in r.message and "backpropagation =" in r.message


def test_missing_sigma_prime_and_extra_sigma_prime():
    def no_sigma_prime(p, x, y):
        f = bp.forward(p, x, task="classification")
        return (f["yhat"] - y) * p["w2_11"] * x[0]
    r = bp.check_gradient(no_sigma_prime, "w1_11", task="classification")
    assert not r.ok and "missing: O11(1 − O11)" in r.message

    def extra(p, x, y):
        f = bp.forward(p, x, task="classification")
        return (f["yhat"] - y) * f["yhat"] * (1 - f["yhat"]) * f["O11"]
    r = bp.check_gradient(extra, "w2_11", task="classification")
    assert not r.ok and "extra σ′" in r.message


def test_unexplained_and_crashing_answers():
    r = bp.check_gradient(lambda p, x, y: 42.0, "b21", task="regression")
    assert not r.ok and "differs" in r.message
    r = bp.check_gradient(lambda p, x, y: p["nope"], "b21", task="regression")
    assert not r.ok and "KeyError" in r.message


def test_explorer_slider_changes_the_plotted_curve():
    e = bp.explorer(bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=50)
    before_y, before_png = e.curve.get_ydata().copy(), e.image.value
    assert len(before_y) == 51 and e.result.losses[-1] == pytest.approx(before_y[-1])
    e.eta.value = 2e-3
    after_y = e.curve.get_ydata()
    assert not np.allclose(before_y, after_y) and e.image.value != before_png
    expected = bp.train(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression", eta=e.eta.value, epochs=50)
    assert after_y == pytest.approx(expected.losses)
    e.sliders["w2_21"].value = -0.7
    assert e.params["w2_21"] == -0.7 and e.result.losses[0] != pytest.approx(expected.losses[0])
    e.epochs.value = 10
    assert len(e.curve.get_ydata()) == 11 and "after 10 epochs" in e.readout.value


def test_explorer_huge_eta_says_diverged():
    e = bp.explorer(bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=100)
    assert "diverged" not in e.readout.value
    e.eta.value = 1.0
    assert e.result.diverged and "diverged" in e.readout.value
    assert "diverged" in e.note.get_text()
    assert len(e.curve.get_ydata()) >= 1 and np.all(np.isfinite(e.curve.get_ydata()))
    assert e.image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_classification_explorer_draws_boundary_and_accuracy():
    Xs, _, _ = bp.standardize(bp.X_CLS)
    e = bp.explorer(Xs, bp.Y_CLS, task="classification", eta=0.3, epochs=100)
    assert "accuracy 100%" in e.readout.value
    grid_before = e.boundary.get_array().copy()
    e.sliders["b21"].value = 2.0
    assert not np.allclose(grid_before, e.boundary.get_array())


def test_explorer_does_not_mutate_given_params():
    p = dict(bp.INITIAL_PARAMS)
    e = bp.explorer(bp.X_REG, bp.Y_REG, task="regression", params=p)
    e.sliders["b11"].value = 1.5
    assert p == bp.INITIAL_PARAMS
