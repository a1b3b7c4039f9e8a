"""bp.mlp with K outputs (task="multiclass": softmax and cross-entropy) against independent
references: a plain-loop network whose output error is the softmax Jacobian times ∇ₚL row by row,
central differences, the sigmoid network on the difference of two logits, and the 3-class spiral."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bp.mlp as mlp
from bp.data import spiral
from test_mlp import as_lists, assert_layers_close, ref_act, ref_act_prime

MC = dict(task="multiclass")


# --------------------------------------------------------------------------- the plain-loop reference


def ref_rows(layers, X, hidden):
    """For each row: the zs and activations of every layer, unit by unit, and the probabilities p."""
    Ws, bs = as_lists(layers)
    for x in X.tolist():
        zs, acts, a = [], [], list(x)
        for W, b in zip(Ws, bs, strict=True):
            z = [b[j] + math.fsum(a[i] * W[i][j] for i in range(len(a))) for j in range(len(b))]
            a = [ref_act(hidden, zj) for zj in z]
            zs.append(z)
            acts.append(a)
        e = [math.exp(zk) for zk in zs[-1]]  # small logits here: no shift needed
        yield zs, acts, [ek / math.fsum(e) for ek in e]


def ref_loss(layers, X, y, hidden):
    """The textbook cross-entropy −log p_y, averaged over the rows."""
    return math.fsum(-math.log(p[int(t)]) for (_, _, p), t in zip(ref_rows(layers, X, hidden), y, strict=True)) / len(X)


def ref_gradients(layers, X, y, hidden):
    """δᴸ = Jᵀ ∇ₚL with J the softmax Jacobian ∂pⱼ/∂z_k = pⱼ(1[j = k] − p_k) and ∇ₚL = −1/p_y at y, then
    back unit by unit; no P − Y anywhere."""
    Ws, bs = as_lists(layers)
    dW = [[[0.0] * len(row) for row in W] for W in Ws]
    db = [[0.0] * len(b) for b in bs]
    n = len(X)
    for x, t, (zs, acts, p) in zip(X.tolist(), y.tolist(), ref_rows(layers, X, hidden), strict=True):
        K = len(p)
        grad_p = [-1.0 / p[k] if k == int(t) else 0.0 for k in range(K)]
        J = [[p[j] * ((j == k) - p[k]) for k in range(K)] for j in range(K)]
        delta = [math.fsum(grad_p[j] * J[j][k] for j in range(K)) for k in range(K)]
        for l in reversed(range(len(Ws))):
            a_prev = x if l == 0 else acts[l - 1]
            for i in range(len(a_prev)):
                for j in range(len(delta)):
                    dW[l][i][j] += a_prev[i] * delta[j] / n
            for j in range(len(delta)):
                db[l][j] += delta[j] / n
            if l > 0:
                delta = [
                    math.fsum(Ws[l][i][j] * delta[j] for j in range(len(delta))) * ref_act_prime(hidden, zs[l - 1][i])
                    for i in range(len(a_prev))
                ]
    return [(np.array(w), np.array(b)) for w, b in zip(dW, db, strict=True)]


def random_case(sizes, n, seed, bias=0.3):
    """init's weights (seeded) with nonzero seeded biases, a seeded batch and labels 0 … K − 1."""
    rng = np.random.default_rng(seed)
    layers = [(W, rng.normal(scale=bias, size=b.shape)) for W, b in mlp.init(sizes, seed=seed, task="multiclass")]
    return layers, rng.normal(size=(n, sizes[0])), rng.integers(0, sizes[-1], size=n).astype(float)


nets = st.tuples(st.integers(1, 3), st.lists(st.integers(1, 4), max_size=2), st.integers(2, 5))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(nets, st.integers(1, 5), st.sampled_from(mlp.ACTIVATIONS), st.integers(0, 2**32 - 1))
def test_probabilities_loss_and_gradients_match_the_jacobian_reference(net, n, hidden, seed):
    n_in, widths, K = net
    layers, X, y = random_case([n_in, *widths, K], n, seed)
    P = mlp.forward(layers, X, hidden=hidden, **MC)[-1][1]
    np.testing.assert_allclose(P, [p for _, _, p in ref_rows(layers, X, hidden)], rtol=1e-12, atol=1e-15)
    assert mlp.loss(layers, X, y, hidden=hidden, **MC) == pytest.approx(ref_loss(layers, X, y, hidden), rel=1e-12)
    assert_layers_close(
        mlp.gradients(layers, X, y, hidden=hidden, **MC), ref_gradients(layers, X, y, hidden), rtol=1e-9, atol=1e-12
    )


@pytest.mark.parametrize("hidden", mlp.ACTIVATIONS)
def test_gradients_match_central_differences(hidden):
    layers, X, y = random_case([3, 5, 4, 4], 7, 11)
    X = X + 0.05  # keeps relu's kinks away from the nudges
    assert_layers_close(
        mlp.gradients(layers, X, y, hidden=hidden, **MC),
        mlp.numerical_gradients(layers, X, y, hidden=hidden, **MC),
        rtol=1e-6,
        atol=1e-9,
    )


def test_the_output_error_is_P_minus_Y():
    layers, X, y = random_case([2, 3], 6, 5)  # no hidden layer: δ = P − Y, ∂L/∂W = Xᵀδ / n
    P = mlp.forward(layers, X, **MC)[-1][1]
    Y = np.zeros((6, 3))
    Y[np.arange(6), y.astype(int)] = 1.0
    ((dW, db),) = mlp.gradients(layers, X, y, **MC)
    np.testing.assert_allclose(db, (P - Y).mean(axis=0), rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(dW, X.T @ (P - Y) / 6, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-15)


def test_logits_of_plus_minus_1000_stay_finite():
    # One layer, X = I: the logits are the rows of W, as large as ±1000.
    W = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0], [0.0, 0.0, 0.0]])
    layers, X, y = [(W, np.zeros(3))], np.eye(3), np.array([1.0, 2.0, 0.0])
    P = mlp.forward(layers, X, **MC)[-1][1]
    np.testing.assert_allclose(P[0], [1.0, 0.0, 0.0], atol=0)
    np.testing.assert_allclose(P[1], [0.0, 1 / (1 + math.exp(-1)), 1 / (1 + math.e)], rtol=1e-15, atol=0)
    # −log p_y = log Σ e^z − z_y by hand: 1000 + 1000, 1000 + log(1 + e⁻¹) − 999, log 3
    expected = (2000.0 + (1.0 + math.log1p(math.exp(-1))) + math.log(3.0)) / 3
    assert mlp.loss(layers, X, y, **MC) == pytest.approx(expected, rel=1e-14)
    assert all(np.all(np.isfinite(a)) for pair in mlp.gradients(layers, X, y, **MC) for a in pair)
    assert mlp.softmax(np.array([1000.0, -1000.0])).tolist() == [1.0, 0.0]


def test_two_classes_are_the_sigmoid_network_on_the_difference_of_the_logits():
    layers, X, y = random_case([3, 4, 2], 9, 21)
    y = np.arange(9) % 2 * 1.0
    (W1, b1), (W2, b2) = layers
    sig = [(W1, b1), (W2[:, [1]] - W2[:, [0]], b2[[1]] - b2[[0]])]  # z = z₂ − z₁ of the two logits
    kw = dict(hidden="tanh")
    P = mlp.forward(layers, X, **MC, **kw)[-1][1]
    yhat = mlp.forward(sig, X, task="classification", **kw)[-1][1]
    np.testing.assert_allclose(P[:, [1]], yhat, rtol=1e-13)
    assert mlp.loss(layers, X, y, **MC, **kw) == pytest.approx(
        mlp.loss(sig, X, y, task="classification", **kw), rel=1e-13
    )
    (g1, c1), (g2, c2) = mlp.gradients(layers, X, y, **MC, **kw)
    (s1, t1), (s2, t2) = mlp.gradients(sig, X, y, task="classification", **kw)
    assert_layers_close([(g1, c1)], [(s1, t1)], rtol=1e-11, atol=1e-15)  # the hidden layer: the same
    np.testing.assert_allclose(g2, np.hstack([-s2, s2]), rtol=1e-11, atol=1e-15)  # ±, since z₂ − z₁
    np.testing.assert_allclose(c2, np.hstack([-t2, t2]), rtol=1e-11, atol=1e-15)


def test_training_is_gradient_descent_on_consecutive_slices():
    layers, X, y = random_case([2, 4, 3], 10, 8)
    run = mlp.train(layers, X, y, hidden="relu", eta=0.5, epochs=3, batch_size=4, **MC)
    by_hand, losses = layers, [mlp.loss(layers, X, y, hidden="relu", **MC)]
    for _ in range(3):
        for s in range(0, 10, 4):
            grads = mlp.gradients(by_hand, X[s : s + 4], y[s : s + 4], hidden="relu", **MC)
            by_hand = [(W - 0.5 * dW, b - 0.5 * db) for (W, b), (dW, db) in zip(by_hand, grads, strict=True)]
        losses.append(mlp.loss(by_hand, X, y, hidden="relu", **MC))
    assert not run.diverged and losses[-1] < losses[0]
    np.testing.assert_allclose(run.losses, losses, rtol=1e-13)
    assert_layers_close(run.layers, by_hand, rtol=1e-13, atol=1e-15)


# --------------------------------------------------------------------------- bad inputs

GOOD = mlp.init([2, 3, 3], seed=0, task="multiclass")
X2 = np.array([[0.5, -1.0], [1.0, 2.0]])


@pytest.mark.parametrize(
    "call, words",
    [
        (
            lambda: mlp.loss(GOOD, X2, [0.0, 1.5], **MC),
            r"class labels 0, 1, \.\.\., 2 \(whole numbers\); row 1 has 1\.5",
        ),
        (
            lambda: mlp.loss(GOOD, X2, [3, 0], **MC),
            r"labels 0, 1, \.\.\., 2 \(the output layer has 3 units\); row 0 has 3",
        ),
        (lambda: mlp.gradients(GOOD, X2, [0, -1], **MC), "row 1 has -1"),
        (lambda: mlp.train(GOOD, X2, [0, 3], eta=0.1, epochs=1, **MC), "row 1 has 3"),
        (
            lambda: mlp.init([2, 3, 1], task="multiclass"),
            "at least two classes, one output unit each; the output layer has 1",
        ),
        (lambda: mlp.loss(mlp.init([2, 3, 1]), X2, [0, 0], **MC), "at least two classes"),
        (lambda: mlp.loss(GOOD, X2, [0, 1], task="multiclass", loss="squared"), "loss='cross_entropy' only"),
        (lambda: mlp.loss(GOOD, X2, [0, 1], task="classification"), "one unit .*task='multiclass' for 3 classes"),
        (lambda: mlp.loss(GOOD, X2, [0, 1], task="ranking"), "'regression', 'classification' or 'multiclass'"),
        (lambda: mlp.sizes(GOOD), "one unit"),
    ],
)
def test_bad_labels_and_widths_get_clear_errors(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_sizes_and_init_take_the_task():
    assert mlp.sizes(GOOD, task="multiclass") == [2, 3, 3]
    # the same stream of weights as a one-output network: K outputs only widen the last layer
    one = mlp.init([2, 3, 1], seed=0)
    np.testing.assert_array_equal(GOOD[0][0], one[0][0])


# --------------------------------------------------------------------------- the 3-class spiral


def test_the_three_class_spiral_is_seeded_interleaved_and_turned_by_thirds():
    X, y = spiral(300, classes=3)
    assert X.shape == (300, 2) and np.array_equal(y, np.arange(300) % 3)
    assert np.array_equal(X, spiral(300, classes=3)[0]) and not np.array_equal(X, spiral(300, seed=1, classes=3)[0])
    np.testing.assert_array_equal(spiral(200, classes=2)[0], spiral(200)[0])
    turn = 2 * np.pi / 3  # arm k + 1 is arm k turned by a third (x = t sin θ, y = t cos θ)
    R = np.array([[math.cos(turn), -math.sin(turn)], [math.sin(turn), math.cos(turn)]])
    for k in range(2):
        assert np.abs(X[k::3] @ R - X[k + 1 :: 3]).max() <= 0.08 * math.sqrt(2) + 2e-3
    for bad in (1, 2.0, True, 301):
        with pytest.raises(ValueError, match="classes must be an integer from 2 to n"):
            spiral(300, classes=bad)


def test_a_hidden_layer_learns_the_three_arms_a_softmax_alone_cannot():
    X, y = spiral(300, classes=3)

    def accuracy(sizes):
        run = mlp.train(
            mlp.init(sizes, seed=0, task="multiclass"), X, y, hidden="tanh", eta=0.3, epochs=1000, batch_size=30, **MC
        )
        return np.mean(mlp.forward(run.layers, X, hidden="tanh", **MC)[-1][1].argmax(axis=1) == y)

    assert accuracy([2, 3]) < 0.6 and accuracy([2, 16, 16, 3]) > 0.9
