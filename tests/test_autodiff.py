"""bp.autodiff (chapter "The chain rule") against backpropagation and central differences."""

import math

import numpy as np
import pytest

import bp
from bp.autodiff import Value, gradients, network_loss

TASKS = ["regression", "classification"]
CASES = [  # (task, loss, x, y): one row and the whole table, for every task/loss pair
    ("regression", None, bp.X_REG[0], bp.Y_REG[0]),
    ("regression", None, bp.X_REG, bp.Y_REG),
    ("classification", None, bp.X_CLS[0], bp.Y_CLS[0]),
    ("classification", None, bp.X_CLS, bp.Y_CLS),
    ("classification", "squared", bp.X_CLS[3], bp.Y_CLS[3]),
]


def random_params(rng):
    return {name: float(rng.uniform(-1.5, 1.5)) for name in bp.PARAM_NAMES}


def central(f, t, h=1e-6):
    return (f(t + h) - f(t - h)) / (2 * h)


def close(a, b, rtol=1e-6, atol=1e-8):
    return abs(a - b) <= atol + rtol * max(abs(a), abs(b))


@pytest.mark.parametrize("task, loss, x, y", CASES)
def test_matches_backprop_and_central_differences(task, loss, x, y):
    rng = np.random.default_rng(0)
    for params in [bp.INITIAL_PARAMS] + [random_params(rng) for _ in range(20)]:
        auto = gradients(params, x, y, task=task, loss=loss)
        backprop = bp.gradients(params, x, y, task=task, loss=loss)
        numeric = bp.numerical_gradients(params, x, y, task=task, loss=loss)
        for name in bp.PARAM_NAMES:
            assert close(auto[name], backprop[name], rtol=1e-10, atol=1e-12), name
            assert close(auto[name], numeric[name], rtol=1e-5, atol=1e-6), name


@pytest.mark.parametrize("task, loss, x, y", CASES)
def test_loss_value_matches_bp_loss(task, loss, x, y):
    L, nodes = network_loss(bp.INITIAL_PARAMS, x, y, task=task, loss=loss)
    assert math.isclose(L.data, bp.loss(bp.INITIAL_PARAMS, x, y, task=task, loss=loss), rel_tol=1e-12)
    assert set(bp.PARAM_NAMES) <= set(nodes)


def test_intermediate_nodes_of_one_row_are_the_forward_values():
    x, y = bp.X_REG[0], bp.Y_REG[0]
    L, nodes = network_loss(bp.INITIAL_PARAMS, x, y, task="regression")
    f = bp.forward(bp.INITIAL_PARAMS, x, task="regression")
    for name in ("z11", "z12", "O11", "O12", "z21", "yhat"):
        assert math.isclose(nodes[name].data, f[name], rel_tol=1e-12), name
    L.backward()
    # ∂L/∂z11 = ∂L/∂b11 (z11 = … + b11), ∂L/∂ŷ = ŷ − y, ∂L/∂L = 1
    assert math.isclose(nodes["z11"].grad, nodes["b11"].grad, rel_tol=1e-12)
    assert math.isclose(nodes["yhat"].grad, f["yhat"] - y, rel_tol=1e-12)
    assert nodes["L"].grad == 1.0
    # an input reaches L along two paths (through z11 and z12): the autodiff adds them
    two_paths = nodes["z11"].grad * bp.INITIAL_PARAMS["w1_11"] + nodes["z12"].grad * bp.INITIAL_PARAMS["w1_12"]
    assert math.isclose(nodes["CGPA"].grad, two_paths, rel_tol=1e-12)
    numeric = central(lambda c: bp.loss(bp.INITIAL_PARAMS, [c, x[1]], y, task="regression"), x[0])
    assert close(nodes["CGPA"].grad, numeric, rtol=1e-6)


def test_batch_nodes_are_only_parameters():
    _, nodes = network_loss(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression")
    assert set(nodes) == set(bp.PARAM_NAMES)


# -- the Value rules one by one, each against its own central difference ----------------------


def grad_of(build, a0):
    a = Value(a0)
    out = build(a)
    out.backward()
    return out.data, a.grad


@pytest.mark.parametrize(
    "build, a0",
    [
        (lambda a: a * a, 3.0),  # a node used twice in one product: 2a
        (lambda a: a + a, 3.0),  # used twice in one sum: 2
        (lambda a: a * a * a, 2.0),  # three uses: 3a²
        (lambda a: (a * a + a) * a, -1.3),
        (lambda a: 2.0 * a - a * 0.5 + 1.0, 0.7),  # radd/rmul/sub with numbers
        (lambda a: 5.0 - a, 0.7),  # rsub
        (lambda a: -(a**3), 1.1),  # neg, pow
        (lambda a: (a**2) ** 0.5, 1.7),
        (lambda a: a.sigmoid(), 0.3),
        (lambda a: a.sigmoid() * (1 - a.sigmoid()), -0.8),
        (lambda a: a.log(), 2.5),
        (lambda a: a.softplus(), 0.4),
        (lambda a: a.softplus(), -30.0),
        (lambda a: (a * a).log() + a.sigmoid() * a, 1.9),
    ],
)
def test_each_rule_against_central_differences(build, a0):
    value, grad = grad_of(build, a0)
    numeric = central(lambda t: build(Value(t)).data, a0)
    assert close(grad, numeric, rtol=1e-6, atol=1e-8)
    assert math.isfinite(value)


def test_node_used_twice_accumulates_every_path():
    a = Value(3.0)
    q = a * a
    q.backward()
    assert a.grad == 6.0  # with '=' instead of '+=' it would be 3
    b = Value(3.0)
    s = b + b
    s.backward()
    assert b.grad == 2.0


def test_shared_intermediate_node():
    a, b = Value(2.0), Value(-3.0)
    c = a * b  # c feeds d twice
    d = c * c + c
    d.backward()
    # d = (ab)² + ab: ∂d/∂a = (2ab + 1)·b, ∂d/∂b = (2ab + 1)·a
    assert math.isclose(a.grad, (2 * a.data * b.data + 1) * b.data)
    assert math.isclose(b.grad, (2 * a.data * b.data + 1) * a.data)
    assert math.isclose(c.grad, 2 * c.data + 1)


def test_backward_twice_gives_the_same_gradients():
    a = Value(1.5)
    out = a * a + a.sigmoid()
    out.backward()
    first = a.grad
    out.backward()
    assert a.grad == first


def test_saturated_units_stay_finite():
    big = dict(bp.INITIAL_PARAMS, w2_11=200.0, w1_11=100.0)
    for x, y in [(bp.X_CLS[0], 0.0), (bp.X_CLS[0], 1.0)]:
        auto = gradients(big, x, y, task="classification")
        backprop = bp.gradients(big, x, y, task="classification")
        assert all(math.isfinite(v) for v in auto.values())
        for name in bp.PARAM_NAMES:
            assert close(auto[name], backprop[name], rtol=1e-9, atol=1e-12), name
    z = Value(-800.0)
    out = z.softplus()
    out.backward()
    assert out.data == 0.0 and z.grad == 0.0
    z = Value(800.0)
    out = z.softplus()
    out.backward()
    assert out.data == 800.0 and z.grad == 1.0


def test_bad_inputs_are_refused_like_bp():
    with pytest.raises(KeyError, match="b21"):
        gradients({k: v for k, v in bp.INITIAL_PARAMS.items() if k != "b21"}, bp.X_REG[0], 20.0, task="regression")
    with pytest.raises(ValueError, match="unknown task"):
        gradients(bp.INITIAL_PARAMS, bp.X_REG[0], 20.0, task="ranking")
    with pytest.raises(ValueError, match="0 or 1"):
        gradients(bp.INITIAL_PARAMS, bp.X_REG[0], 20.0, task="classification")
    with pytest.raises(TypeError, match="exponent"):
        Value(2.0) ** Value(3.0)


def test_params_are_not_mutated():
    params = dict(bp.INITIAL_PARAMS)
    gradients(params, bp.X_REG, bp.Y_REG, task="regression")
    assert params == bp.INITIAL_PARAMS
