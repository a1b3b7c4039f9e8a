"""bp.local.numerical_derivative: central differences of any node of the graph, for both tasks."""

import math

import numpy as np
import pytest

import bp
from bp.local import NODES, numerical_derivative

rng = np.random.default_rng(0)
POINTS = [
    (
        {n: float(rng.uniform(-1, 1)) for n in bp.PARAM_NAMES},
        np.array([rng.uniform(2, 4), rng.uniform(6, 10)]),
        float(rng.integers(0, 2)),
    )
    for _ in range(5)
]


def close(a, b, tol=1e-6):
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def _local_rules(p, x, y, task):
    """Local derivatives written by hand, as the chapters state them."""
    f = bp.forward(p, x, task=task)
    s = (lambda O: O * (1 - O)) if task == "classification" else (lambda O: 1.0)
    return {
        ("z11", "w1_11"): x[0],
        ("z11", "w1_21"): x[1],
        ("z11", "b11"): 1.0,
        ("z12", "w1_12"): x[0],
        ("z12", "w1_22"): x[1],
        ("z12", "b12"): 1.0,
        ("O11", "z11"): s(f["O11"]),
        ("O12", "z12"): s(f["O12"]),
        ("z21", "O11"): p["w2_11"],
        ("z21", "O12"): p["w2_21"],
        ("z21", "w2_11"): f["O11"],
        ("yhat", "z21"): s(f["yhat"]),
        ("yhat", "O11"): s(f["yhat"]) * p["w2_11"],
        ("O11", "w1_21"): s(f["O11"]) * x[1],
        ("O11", "CGPA"): s(f["O11"]) * p["w1_11"],
        ("O12", "w1_21"): 0.0,
        ("O11", "w2_11"): 0.0,
        ("O11", "yhat"): 0.0,
    }


@pytest.mark.parametrize("task", ["regression", "classification"])
@pytest.mark.parametrize("k", range(len(POINTS)))
def test_local_derivatives_match_the_rules(task, k):
    p, x, y = POINTS[k]
    for (of, wrt), value in _local_rules(p, x, y, task).items():
        assert close(numerical_derivative(p, x, of, wrt, task=task), value), (of, wrt)


@pytest.mark.parametrize("task,loss", [("regression", None), ("classification", None), ("classification", "squared")])
def test_loss_derivatives(task, loss):
    p, x, y = POINTS[0]
    f = bp.forward(p, x, task=task)
    yhat = f["yhat"]
    dL_dyhat = (yhat - y) if loss or task == "regression" else (yhat - y) / (yhat * (1 - yhat))
    assert close(numerical_derivative(p, x, "L", "yhat", y=y, task=task, loss=loss), dL_dyhat)
    num = bp.numerical_gradients(p, x, y, task=task, loss=loss)
    for name in bp.PARAM_NAMES:
        assert close(numerical_derivative(p, x, "L", name, y=y, task=task, loss=loss), num[name])


def test_does_not_mutate_and_returns_float():
    p, x, _ = POINTS[1]
    before = dict(p)
    v = numerical_derivative(p, x, "yhat", "w1_11", task="regression")
    assert type(v) is float and p == before


@pytest.mark.parametrize(
    "kwargs,error,text",
    [
        ({"of": "O13", "wrt": "w1_11"}, KeyError, "O13"),
        ({"of": "O11", "wrt": "w3_11"}, KeyError, "w3_11"),
        ({"of": "L", "wrt": "w1_11"}, ValueError, "y="),
        ({"of": "O11", "wrt": "w1_11", "h": 0.0}, ValueError, "h"),
    ],
)
def test_bad_input_is_named(kwargs, error, text):
    p, x, _ = POINTS[0]
    with pytest.raises(error, match=text):
        numerical_derivative(p, x, task="regression", **kwargs)


def test_one_row_only():
    with pytest.raises(ValueError, match="one row"):
        numerical_derivative(bp.INITIAL_PARAMS, bp.X_REG, "O11", "w1_11", task="regression")


def test_nodes_are_the_forward_names_and_the_loss():
    assert NODES[:-1] == tuple(bp.forward(bp.INITIAL_PARAMS, bp.X_REG[0], task="regression"))
    assert NODES[-1] == "L"


def test_central_difference_and_check_slope(capsys):
    from bp.local import central_difference, check_slope

    # a cubic's slope 3t² at t = 2 is 12; the central difference's error is h² (the t³ term)
    assert abs(central_difference(lambda t: t**3, 2.0, h=1e-3) - (12.0 + 1e-6)) < 1e-9
    check_slope("d(t³)/dt", 12.0, lambda t: t**3, 2.0)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "d(t³)/dt = 12.000000"
    assert out[1].startswith("    central difference 12.000000, relative error ")
    assert float(out[1].rsplit(" ", 1)[1]) < 1e-8
    check_slope("wrong", 11.0, lambda t: t**3, 2.0)
    assert capsys.readouterr().out.rstrip().endswith("relative error 8.33e-02")
