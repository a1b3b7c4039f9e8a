"""bp.network against independent references: a plain-Python loss, central differences, and one
SGD step worked by hand on the notes' first row."""

import math
import warnings
from types import MappingProxyType

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bp

TASKS = ["regression", "classification"]


def reference_loss(p, rows, ys, task, loss=None):
    """The loss written out with the math module, row by row: no code shared with bp."""
    loss = loss or ("squared" if task == "regression" else "cross_entropy")
    act = (lambda z: 1 / (1 + math.exp(-z))) if task == "classification" else (lambda z: z)
    total = 0.0
    for (cgpa, iq), y in zip(rows, ys, strict=True):
        O11 = act(p["w1_11"] * cgpa + p["w1_21"] * iq + p["b11"])
        O12 = act(p["w1_12"] * cgpa + p["w1_22"] * iq + p["b12"])
        yhat = act(p["w2_11"] * O11 + p["w2_21"] * O12 + p["b21"])
        if loss == "squared":
            total += 0.5 * (y - yhat) ** 2
        else:
            total += -(y * math.log(yhat) + (1 - y) * math.log(1 - yhat))
    return total / len(rows)


def central_differences(p, rows, ys, task, loss=None, h=1e-5):
    out = {}
    for name in bp.PARAM_NAMES:
        up, down = dict(p), dict(p)
        up[name] += h
        down[name] -= h
        out[name] = (reference_loss(up, rows, ys, task, loss) - reference_loss(down, rows, ys, task, loss)) / (2 * h)
    return out


def test_param_names_and_initial_params():
    assert bp.PARAM_NAMES == ("w1_11", "w1_12", "w1_21", "w1_22", "b11", "b12", "w2_11", "w2_21", "b21")
    assert tuple(bp.INITIAL_PARAMS) == bp.PARAM_NAMES


def test_data_is_the_notes_table():
    assert bp.X_REG.tolist() == [[3.3, 8.0], [2.9, 9.0]]
    assert bp.Y_REG.tolist() == [20.0, 50.0]
    assert set(bp.Y_CLS.tolist()) == {0.0, 1.0} and len(bp.Y_CLS) == len(bp.X_CLS) >= 10


def test_forward_by_hand_on_first_row():
    # z11 = 0.1·3.3 + 0.3·8 = 2.73, z12 = −0.2·3.3 + 0.1·8 = 0.14, ŷ = 0.5·2.73 + 0.4·0.14 = 1.421
    f = bp.forward(bp.INITIAL_PARAMS, [3.3, 8], task="regression")
    assert f["z11"] == pytest.approx(2.73) and f["O11"] == pytest.approx(2.73)
    assert f["z12"] == pytest.approx(0.14) and f["O12"] == pytest.approx(0.14)
    assert f["yhat"] == pytest.approx(1.421) and f["z21"] == pytest.approx(1.421)
    assert all(isinstance(v, float) for v in f.values())
    assert bp.loss(bp.INITIAL_PARAMS, [3.3, 8], 20, task="regression") == pytest.approx(0.5 * (20 - 1.421) ** 2)


def test_forward_batch_shapes_and_sigmoid_values():
    f = bp.forward(bp.INITIAL_PARAMS, bp.X_CLS, task="classification")
    assert all(v.shape == (len(bp.X_CLS),) for v in f.values())
    assert f["O11"][0] == pytest.approx(1 / (1 + math.exp(-f["z11"][0])))


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("loss", [None, "squared"])
def test_loss_matches_plain_python_reference(task, loss):
    if task == "regression" and loss == "squared":
        loss = None
    X, Y = (bp.X_REG, bp.Y_REG) if task == "regression" else (bp.X_CLS, bp.Y_CLS)
    assert bp.loss(bp.INITIAL_PARAMS, X, Y, task=task, loss=loss) == pytest.approx(
        reference_loss(bp.INITIAL_PARAMS, X.tolist(), Y.tolist(), task, loss), rel=1e-12
    )


param_values = st.floats(-2, 2, allow_nan=False, allow_infinity=False)
params_strategy = st.fixed_dictionaries({n: param_values for n in bp.PARAM_NAMES})
row_strategy = st.tuples(st.floats(1.5, 4.5), st.floats(5, 11))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    p=params_strategy,
    rows=st.lists(row_strategy, min_size=1, max_size=4),
    data=st.data(),
    task=st.sampled_from(TASKS),
    squared=st.booleans(),
)
def test_gradients_match_central_differences(p, rows, data, task, squared):
    loss = "squared" if squared else None
    if task == "regression":
        ys = data.draw(st.lists(st.floats(0, 60), min_size=len(rows), max_size=len(rows)))
    else:
        ys = data.draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=len(rows), max_size=len(rows)))
    g = bp.gradients(p, np.array(rows), np.array(ys), task=task, loss=loss)
    n = central_differences(p, rows, ys, task, loss)
    scale = max(1.0, max(abs(v) for v in n.values()))
    for name in bp.PARAM_NAMES:
        assert g[name] == pytest.approx(n[name], rel=1e-5, abs=1e-6 * scale), name
    if len(rows) == 1:  # one row given as shape (2,) and a scalar target agrees with the batch of one
        single = bp.gradients(p, np.array(rows[0]), ys[0], task=task, loss=loss)
        assert single == pytest.approx(g)


@pytest.mark.parametrize("task", TASKS)
def test_batch_gradient_is_mean_of_row_gradients(task):
    X, Y = (bp.X_REG, bp.Y_REG) if task == "regression" else (bp.X_CLS[:5], bp.Y_CLS[:5])
    rows = [bp.gradients(bp.INITIAL_PARAMS, x, y, task=task) for x, y in zip(X, Y, strict=True)]
    batch = bp.gradients(bp.INITIAL_PARAMS, X, Y, task=task)
    for name in bp.PARAM_NAMES:
        assert batch[name] == pytest.approx(np.mean([r[name] for r in rows]), rel=1e-12)


@pytest.mark.parametrize("task", TASKS)
def test_gradient_check_and_numerical_gradients(task):
    X, Y = (bp.X_REG, bp.Y_REG) if task == "regression" else (bp.X_CLS, bp.Y_CLS)
    errors = bp.gradient_check(bp.INITIAL_PARAMS, X, Y, task=task)
    assert set(errors) == set(bp.PARAM_NAMES) and max(errors.values()) < 1e-6
    n = bp.numerical_gradients(bp.INITIAL_PARAMS, X, Y, task=task)
    ref = central_differences(bp.INITIAL_PARAMS, X.tolist(), Y.tolist(), task)
    assert n == pytest.approx(ref, rel=1e-4)
    # A wrong gradient is caught: the relative error of a sign flip is 2 (capped at |a|+|n| / max).
    assert bp.relative_error(1.0, -1.0) == 2.0
    assert bp.relative_error(0.0, 0.0) == 0.0


def test_one_sgd_step_by_hand_on_first_row():
    # Worked by hand: ŷ = 1.421, δ = ŷ − y = −18.579, hidden errors δ·w2_11 = −9.2895, δ·w2_21 = −7.4316.
    eta, d, d11, d12 = 1e-3, -18.579, -9.2895, -7.4316
    by_hand = {
        "w1_11": 0.1 - eta * d11 * 3.3,
        "w1_12": -0.2 - eta * d12 * 3.3,
        "w1_21": 0.3 - eta * d11 * 8,
        "w1_22": 0.1 - eta * d12 * 8,
        "b11": 0.0 - eta * d11,
        "b12": 0.0 - eta * d12,
        "w2_11": 0.5 - eta * d * 2.73,
        "w2_21": 0.4 - eta * d * 0.14,
        "b21": 0.0 - eta * d,
    }
    r = bp.train(bp.INITIAL_PARAMS, [3.3, 8], 20, task="regression", eta=eta, epochs=1)
    assert r.params == pytest.approx(by_hand, rel=1e-12)
    assert not r.diverged and len(r.losses) == 2
    assert r.losses[0] == pytest.approx(0.5 * 18.579**2)
    assert r.losses[1] == pytest.approx(reference_loss(by_hand, [[3.3, 8]], [20], "regression"))
    assert r.losses[1] < r.losses[0]


def test_train_is_per_sample_sgd_in_row_order():
    p, eta = bp.INITIAL_PARAMS, 1e-3
    first = bp.train(p, bp.X_REG[0], bp.Y_REG[0], task="regression", eta=eta, epochs=1).params
    both = bp.train(first, bp.X_REG[1], bp.Y_REG[1], task="regression", eta=eta, epochs=1).params
    r = bp.train(p, bp.X_REG, bp.Y_REG, task="regression", eta=eta, epochs=1)
    assert r.params == pytest.approx(both, rel=1e-12)
    reversed_order = bp.train(p, bp.X_REG[::-1], bp.Y_REG[::-1], task="regression", eta=eta, epochs=1)
    assert reversed_order.params != pytest.approx(r.params, rel=1e-9)


def test_train_zero_epochs_and_losses_layout():
    r = bp.train(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=0)
    assert r.losses.shape == (1,) and r.params == bp.INITIAL_PARAMS and not r.diverged
    r = bp.train(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=7)
    assert r.losses.shape == (8,) and r.losses.dtype == float
    assert r.losses[-1] == pytest.approx(reference_loss(r.params, bp.X_REG.tolist(), bp.Y_REG.tolist(), "regression"))


def test_divergence_stops_cleanly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning may escape
        r = bp.train(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression", eta=0.5, epochs=200)
    assert r.diverged
    assert np.all(np.isfinite(r.losses)) and np.all(r.losses <= bp.DIVERGENCE_LIMIT)
    assert all(math.isfinite(v) for v in r.params.values())
    assert len(r.losses) < 201
    # The returned params are the last finite ones: their loss is the last loss kept.
    assert bp.loss(r.params, bp.X_REG, bp.Y_REG, task="regression") == pytest.approx(r.losses[-1])


def test_classification_trains_on_standardized_table():
    Xs, _, _ = bp.standardize(bp.X_CLS)
    r = bp.train(bp.INITIAL_PARAMS, Xs, bp.Y_CLS, task="classification", eta=0.3, epochs=100)
    assert not r.diverged and r.losses[-1] < 0.1 * r.losses[0]
    yhat = bp.forward(r.params, Xs, task="classification")["yhat"]
    assert np.mean((yhat >= 0.5) == bp.Y_CLS) == 1.0


def test_saturated_sigmoid_is_finite_without_warnings():
    p = dict(bp.INITIAL_PARAMS, w1_11=100.0, w1_21=50.0, w2_11=-400.0, b21=-300.0)
    x = np.array([3.3, 8.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = bp.forward(p, x, task="classification")
        L1 = bp.loss(p, x, 1, task="classification")  # confidently wrong
        L0 = bp.loss(p, x, 0, task="classification")  # confidently right
        g = bp.gradients(p, x, 1, task="classification")
        gs = bp.gradients(p, x, 1, task="classification", loss="squared")
        r = bp.train(p, x, 1, task="classification", eta=1.0, epochs=5)
    assert f["yhat"] == 0.0 or f["yhat"] < 1e-100
    assert math.isfinite(L1) and L1 == pytest.approx(-f["z21"], rel=1e-9)  # −log σ(z) ≈ −z for z ≪ 0
    assert 0 <= L0 < 1e-100
    assert all(math.isfinite(v) for v in g.values()) and g["b21"] == pytest.approx(-1.0)
    assert all(math.isfinite(v) for v in gs.values())
    assert not r.diverged


def test_no_function_mutates_params():
    p = MappingProxyType(dict(bp.INITIAL_PARAMS))  # any write would raise
    before = dict(p)
    bp.forward(p, bp.X_REG, task="regression")
    bp.loss(p, bp.X_REG, bp.Y_REG, task="regression")
    bp.gradients(p, bp.X_REG, bp.Y_REG, task="regression")
    bp.numerical_gradients(p, bp.X_REG, bp.Y_REG, task="regression")
    bp.gradient_check(p, bp.X_REG, bp.Y_REG, task="regression")
    r = bp.train(p, bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=3)
    assert dict(p) == before and r.params is not p and r.params != before


def test_numpy_scalar_params_are_accepted():
    p = {k: np.float32(v) for k, v in bp.INITIAL_PARAMS.items()}
    assert bp.loss(p, bp.X_REG, bp.Y_REG, task="regression") == pytest.approx(
        bp.loss(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression"), rel=1e-6
    )
