"""The exercise checker's verdicts and the explorer's settings (its page side: tests/browser)."""

import json

import numpy as np
import pytest
import traitlets

import bp
from bp.widget import STATIC


def right_w1_22(p, x, y):
    f = bp.forward(p, x, task="classification")
    return (f["yhat"] - y) * p["w2_21"] * f["O12"] * (1 - f["O12"]) * x[1]


def test_right_formula_passes():
    r = bp.check_gradient(right_w1_22, "w1_22", task="classification")
    assert r.ok and bool(r) and r.message.startswith("Right")


def test_regression_right_formula_for_every_parameter():
    # The regression derivatives written out independently of bp's backward pass.
    formulas = {
        "w2_11": lambda f, p, x: f["O11"],
        "w2_21": lambda f, p, x: f["O12"],
        "b21": lambda f, p, x: 1.0,
        "w1_11": lambda f, p, x: p["w2_11"] * x[0],
        "w1_21": lambda f, p, x: p["w2_11"] * x[1],
        "b11": lambda f, p, x: p["w2_11"],
        "w1_12": lambda f, p, x: p["w2_21"] * x[0],
        "w1_22": lambda f, p, x: p["w2_21"] * x[1],
        "b12": lambda f, p, x: p["w2_21"],
    }
    for name, rest in formulas.items():

        def fn(p, x, y, rest=rest):
            f = bp.forward(p, x, task="regression")
            return (f["yhat"] - y) * rest(f, p, x)

        assert bp.check_gradient(fn, name, task="regression").ok, name


@pytest.mark.parametrize(
    "wrong, slips",
    [
        (lambda p, x, y: -right_w1_22(p, x, y), ("sign",)),
        # The notes' slip in the regression part: w1_22 where the chain rule gives w2_21.
        (lambda p, x, y: right_w1_22(p, x, y) / p["w2_21"] * p["w1_22"], ("replaced:w2_21->w1_22",)),
        (lambda p, x, y: right_w1_22(p, x, y) / x[1] * x[0], ("replaced:IQ->CGPA",)),
        (lambda p, x, y: right_w1_22(p, x, y) / x[1], ("missing:IQ",)),
    ],
)
def test_wrong_formulas_get_the_likely_slip(wrong, slips):
    r = bp.check_gradient(wrong, "w1_22", task="classification")
    assert not r.ok and r.slips == slips
    assert "yours =" in r.message and "backpropagation =" in r.message


def test_missing_sigma_prime_and_extra_sigma_prime():
    def no_sigma_prime(p, x, y):
        f = bp.forward(p, x, task="classification")
        return (f["yhat"] - y) * p["w2_11"] * x[0]

    r = bp.check_gradient(no_sigma_prime, "w1_11", task="classification")
    assert not r.ok and r.slips == ("missing:dO11/dz11",)

    def extra(p, x, y):
        f = bp.forward(p, x, task="classification")
        return (f["yhat"] - y) * f["yhat"] * (1 - f["yhat"]) * f["O11"]

    r = bp.check_gradient(extra, "w2_11", task="classification")
    assert not r.ok and r.slips == ("extra:dyhat/dz21",)


def test_unexplained_and_crashing_answers():
    r = bp.check_gradient(lambda p, x, y: 42.0, "b21", task="regression")
    assert not r.ok and r.slips == ()
    r = bp.check_gradient(lambda p, x, y: p["nope"], "b21", task="regression")
    assert not r.ok and r.slips == () and "KeyError" in r.message


def test_explorer_result_follows_its_settings():
    """`result` is bp.train for the settings the page shows; setting them from Python changes it."""
    e = bp.explorer(bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=50)
    assert (e.task, e.loss, e.eta, e.epochs) == ("regression", "squared", 1e-3, 50)
    assert e.params == bp.INITIAL_PARAMS and e.x == bp.X_REG.tolist() and e.y == bp.Y_REG.tolist()
    before = e.result.losses
    expected = bp.train(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=50)
    assert len(before) == 51 and np.array_equal(before, expected.losses)
    e.eta = 2e-3
    after = e.result.losses
    assert not np.allclose(before, after)
    assert np.array_equal(
        after, bp.train(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression", eta=2e-3, epochs=50).losses
    )
    e.params = dict(e.params, w2_21=-0.7)
    assert e.params["w2_21"] == -0.7 and e.result.losses[0] != pytest.approx(expected.losses[0])
    e.epochs = 10
    assert len(e.result.losses) == 11


def test_explorer_sends_its_settings_and_front_end_to_the_page():
    """The widget state the page gets (and the book stores): the settings, the data, the ranges of
    the sliders, the divergence rule and the ES module with the JavaScript twin of bp.train."""
    Xs, _, _ = bp.standardize(bp.X_CLS)
    e = bp.explorer(
        Xs, bp.Y_CLS, task="classification", eta=0.3, epochs=100, features=("CGPA (standardised)", "IQ (standardised)")
    )
    state = e.get_state()
    assert state["_model_module"] == "anywidget" and state["_view_name"] == "AnyView"
    assert state["task"] == "classification" and state["loss"] == "cross_entropy"
    assert state["eta"] == 0.3 and state["epochs"] == 100 and state["params"] == bp.INITIAL_PARAMS
    assert np.array_equal(np.array(state["x"]), Xs) and state["y"] == bp.Y_CLS.tolist()
    assert state["features"] == ["CGPA (standardised)", "IQ (standardised)"]
    assert state["divergence_limit"] == bp.DIVERGENCE_LIMIT and state["max_epochs"] >= 1000
    # The sliders' labels in the notes' symbols, and what the page's reset button restores.
    assert state["symbols"] == {
        "w1_11": "w¹₁₁",
        "w1_12": "w¹₁₂",
        "w1_21": "w¹₂₁",
        "w1_22": "w¹₂₂",
        "b11": "b₁₁",
        "b12": "b₁₂",
        "w2_11": "w²₁₁",
        "w2_21": "w²₂₁",
        "b21": "b₂₁",
    }
    assert state["initial"] == {"eta": 0.3, "epochs": 100, "params": bp.INITIAL_PARAMS}
    e.eta, e.params = 0.01, dict(bp.INITIAL_PARAMS, b21=1.0)
    assert e.get_state()["initial"] == state["initial"]
    assert state["_module"] == "explorer" and state["_esm"] == (STATIC / "explorer.js").read_text(encoding="utf-8")
    sources = json.loads((STATIC / "explorer.js.map").read_text(encoding="utf-8"))["sources"]
    assert sources.count("../js/network.js") == 1 and "Math.tanh" in state["_esm"]
    assert "as default" in state["_esm"] and ".bp-explorer" in state["_css"]
    assert f"{bp.explorer.__module__}.Explorer" == state["_anywidget_id"]


def test_explorer_one_row_and_more_epochs_than_the_slider():
    e = bp.explorer(bp.X_REG[0], bp.Y_REG[0], task="regression", eta=1e-3, epochs=1500)
    assert e.x == [bp.X_REG[0].tolist()] and e.y == [bp.Y_REG[0]]
    assert e.max_epochs == 1500 and len(e.result.losses) == 1501


def test_explorer_huge_eta_diverges():
    e = bp.explorer(bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=100)
    assert not e.result.diverged
    e.eta = 1.0
    r = e.result
    assert r.diverged and 1 <= len(r.losses) < 101 and np.all(np.isfinite(r.losses))


def test_explorer_checks_settings_set_later():
    """A setting from Python (or from the page) is checked like bp.train's arguments."""
    e = bp.explorer(bp.X_REG, bp.Y_REG, task="regression")
    for name, bad in [("eta", -1.0), ("eta", float("nan")), ("epochs", -5)]:
        with pytest.raises((ValueError, traitlets.TraitError)):
            setattr(e, name, bad)
    with pytest.raises(KeyError):
        e.params = {k: v for k, v in bp.INITIAL_PARAMS.items() if k != "b21"}
    with pytest.raises(ValueError):
        e.params = dict(bp.INITIAL_PARAMS, b21=float("inf"))
    e.params = dict(bp.INITIAL_PARAMS, b21=1)  # an int from the page's JSON becomes a float
    assert e.params["b21"] == 1.0 and isinstance(e.params["b21"], float)
    assert e.eta == 1e-3 and e.epochs == 100


def test_classification_explorer_result_and_accuracy():
    Xs, _, _ = bp.standardize(bp.X_CLS)
    e = bp.explorer(Xs, bp.Y_CLS, task="classification", eta=0.3, epochs=100)
    r = e.result
    yhat = bp.forward(r.params, Xs, task="classification")["yhat"]
    assert np.mean((yhat >= 0.5) == bp.Y_CLS) == 1.0
    e.params = dict(e.params, b21=2.0)
    assert e.result.losses[0] != pytest.approx(r.losses[0])


def test_explorer_does_not_mutate_given_params():
    p = dict(bp.INITIAL_PARAMS)
    e = bp.explorer(bp.X_REG, bp.Y_REG, task="regression", params=p)
    e.params = dict(e.params, b11=1.5)
    assert p == bp.INITIAL_PARAMS
