"""The checkers of the chapter "Backpropagation for any network": right formulas in several forms pass,
each slip of the catalogue is named by its id, other wrong answers are not given a name, and odd
return values get a message instead of an exception."""

import ast
import itertools

import numpy as np
import pytest

import bp
from bp import mlp_exercises as ex


def sig_prime(O):
    return O * (1 - O)


RIGHT_HIDDEN = [
    lambda d, W1, W2, O: (d @ W2.T) * O * (1 - O),
    lambda d, W1, W2, O: (W2 @ d.T).T * (O - O**2),
    lambda d, W1, W2, O: np.einsum("nk,jk->nj", d, W2) * sig_prime(O),
    lambda d, W1, W2, O: np.array(
        [
            [sum(d[r, k] * W2[j, k] for k in range(W2.shape[1])) * O[r, j] * (1 - O[r, j]) for j in range(W2.shape[0])]
            for r in range(len(d))
        ]
    ),
    lambda d, W1, W2, O: ((d @ W2.T) * O * (1 - O)).tolist(),  # a nested list counts as an array
]
RIGHT_WEIGHT = [
    lambda X, d: X.T @ d / len(X),
    lambda X, d: np.mean(X[:, :, None] * d[:, None, :], axis=0),
    lambda X, d: sum(np.outer(x, e) for x, e in zip(X, d, strict=True)) / len(X),
    lambda X, d: (d.T @ X).T / X.shape[0],
]


@pytest.mark.parametrize("fn", RIGHT_HIDDEN)
def test_right_hidden_errors_pass(fn):
    r = ex.check_hidden_error(fn)
    assert r.ok and bool(r) and r.slips == () and r.message.startswith("Right")


@pytest.mark.parametrize("fn", RIGHT_WEIGHT)
def test_right_weight_gradients_pass(fn):
    r = ex.check_weight_gradient(fn)
    assert r.ok and r.slips == ()


@pytest.mark.parametrize("slip", sorted(ex.HIDDEN_ERROR_SLIPS))
def test_each_hidden_error_slip_is_named(slip):
    r = ex.check_hidden_error(ex.HIDDEN_ERROR_SLIPS[slip][1])
    assert not r.ok and r.slips == (slip,)
    assert "yours =" in r.message and "right =" in r.message


# Learners' spellings of the slips, not the catalogue's own lambdas.
@pytest.mark.parametrize(
    "fn, slip",
    [
        (lambda d, W1, W2, O: d.dot(W2) * (O * (1 - O)), "no_transpose"),
        (lambda d, W1, W2, O: np.matmul(d, W2.T), "no_act_prime"),
        (lambda d, W1, W2, O: (d @ W1.T) * O * (1 - O), "wrong_layer"),
        (lambda d, W1, W2, O: (W2 @ d.T).T * O * (O - 1), "sign"),
    ],
)
def test_learners_spellings_of_slips_are_named(fn, slip):
    assert ex.check_hidden_error(fn).slips == (slip,)


@pytest.mark.parametrize("slip", sorted(ex.WEIGHT_GRADIENT_SLIPS))
def test_each_weight_gradient_slip_is_named(slip):
    r = ex.check_weight_gradient(ex.WEIGHT_GRADIENT_SLIPS[slip][1])
    assert not r.ok and r.slips == (slip,)


@pytest.mark.parametrize(
    "fn",
    [
        lambda d, W1, W2, O: -(d @ W1) * O,  # three slips at once
        lambda d, W1, W2, O: O * 0.5,  # unrelated to the chain
        lambda d, W1, W2, O: (d @ W2.T) * sig_prime(O) * 2,  # a factor 2 the catalogue does not hold
    ],
)
def test_other_wrong_hidden_errors_get_no_name(fn):
    r = ex.check_hidden_error(fn)
    assert not r.ok and r.slips == () and "differs" in r.message


@pytest.mark.parametrize(
    "fn, words",
    [
        (lambda d, W1, W2, O: None, "returned None"),
        (lambda d, W1, W2, O: "δ¹", "returned str"),
        (lambda d, W1, W2, O: 0.25, "returned a single number"),
        (lambda d, W1, W2, O: ((d @ W2.T) * sig_prime(O)).T, "the transpose's shape"),
        (lambda d, W1, W2, O: (d @ W2.T)[:, :1], "returned an array of shape (3, 1)"),
        (lambda d, W1, W2, O: (d @ W2.T) @ sig_prime(O), "raised ValueError"),
        (lambda d, W1, W2, O: [[1, 2], [3]], "not an array of numbers"),
        (lambda d, W1, W2, O: 1 / 0, "raised ZeroDivisionError"),
    ],
)
def test_odd_answers_get_a_message_not_an_exception(fn, words):
    r = ex.check_hidden_error(fn)
    assert not r.ok and r.slips == ()
    assert words in r.message and "Expected a NumPy array of shape (3, 2)" in r.message


def test_not_a_function():
    r = ex.check_weight_gradient(np.zeros((2, 2)))
    assert not r.ok and "Expected a function" in r.message


def test_the_whole_test_point_is_shown_exactly_as_used():
    r = ex.check_hidden_error(lambda d, W1, W2, O: O * 0.5)
    point = ex._hidden_error_points()[0]
    for name, value in point.items():
        shown = r.message.split(f"{name} = ", 1)[1]
        literal = shown[: shown.index("]]") + 2]
        assert np.array_equal(np.array(ast.literal_eval(literal), dtype=float), value), name
    r = ex.check_weight_gradient(lambda X, d: X.T @ d)
    for name, value in ex._weight_gradient_points()[0].items():
        shown = r.message.split(f"{name} = ", 1)[1]
        assert np.array_equal(np.array(ast.literal_eval(shown[: shown.index("]]") + 2])), value)


@pytest.mark.parametrize(
    "points, right, slips",
    [
        (ex._hidden_error_points(), lambda d, W1, W2, O: (d @ W2.T) * sig_prime(O), ex.HIDDEN_ERROR_SLIPS),
        (ex._weight_gradient_points(), lambda X, d: X.T @ d / len(X), ex.WEIGHT_GRADIENT_SLIPS),
    ],
)
def test_every_two_candidates_differ_at_every_square_point(points, right, slips):
    # Far beyond the tolerance, so no slip can be mistaken for another or for the right answer.
    square = [p for p in points if len({s for v in p.values() for s in v.shape[1:]}) == 1]
    assert len(square) == 2
    for p in square:
        candidates = [right(*p.values())] + [f(*p.values()) for _, f in slips.values()]
        assert min(np.abs(c).min() for c in candidates if c.shape == candidates[0].shape) >= 0.01
        for a, b in itertools.combinations(candidates, 2):
            assert a.shape != b.shape or np.abs(a - b).max() >= 0.02
    for p in points:  # short decimals: the learner can redo it by hand
        for v in p.values():
            assert np.array_equal(np.round(v, 2), v)


def test_the_checker_agrees_with_bp_mlp_on_a_real_network():
    # δ¹ of bp.mlp's backward pass is what check_hidden_error calls right: rebuild it from a network.
    layers = bp.mlp.init([2, 3, 2, 1], seed=4)
    X = bp.standardize(bp.X_CLS)[0][:5]
    y = bp.Y_CLS[:5]
    values = bp.mlp.forward(layers, X, task="classification")
    delta3 = values[-1][1] - y[:, None]  # ŷ − y
    (z2, O2) = values[1]
    delta2 = (delta3 @ layers[2][0].T) * O2 * (1 - O2)
    O1 = values[0][1]
    delta1 = RIGHT_HIDDEN[0](delta2, layers[0][0], layers[1][0], O1)
    dW1 = RIGHT_WEIGHT[0](X, delta1)
    np.testing.assert_allclose(dW1, bp.mlp.gradients(layers, X, y, task="classification")[0][0], rtol=1e-12)
