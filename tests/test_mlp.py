"""bp.mlp against independent references: a plain-loop network written with the math module (which
also counts its multiplications), central differences, bp.network on the notes' 2-2-1 network, the
JavaScript mulberry32, and hand-made training loops."""

import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bp
import bp.mlp as mlp

TASK_LOSSES = [("regression", None), ("classification", None), ("classification", "squared")]


# --------------------------------------------------------------------------- the plain-loop reference


class Count:
    """Multiplies and counts: the reference's multiplications, for `multiplications`."""

    def __init__(self):
        self.n = 0

    def __call__(self, a, b):
        self.n += 1
        return a * b


def ref_act(name, z):
    if name == "sigmoid":
        return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    if name == "tanh":
        return math.tanh(z)
    if name == "relu":
        return z if z > 0 else 0.0
    return z


def ref_act_prime(name, z):
    if name == "sigmoid":
        s = ref_act("sigmoid", z)
        return s * (1 - s)
    if name == "tanh":
        return 1 - math.tanh(z) ** 2
    if name == "relu":
        return 1.0 if z > 0 else 0.0
    return 1.0


def as_lists(layers):
    return [W.tolist() for W, _ in layers], [b.tolist() for _, b in layers]


def ref_forward_row(Ws, bs, x, task, hidden, mul):
    """zs and activations of every layer for one row x, unit by unit."""
    zs, acts, a = [], [], list(x)
    for l, (W, b) in enumerate(zip(Ws, bs, strict=True)):
        name = hidden if l < len(Ws) - 1 else ("identity" if task == "regression" else "sigmoid")
        z = [b[j] + sum(mul(a[i], W[i][j]) for i in range(len(a))) for j in range(len(b))]
        a = [ref_act(name, zj) for zj in z]
        zs.append(z)
        acts.append(a)
    return zs, acts


def ref_loss(layers, X, y, task, hidden, loss=None):
    """The textbook losses, −[y log ŷ + (1 − y) log(1 − ŷ)] and ½(y − ŷ)², averaged over rows."""
    loss = loss or ("squared" if task == "regression" else "cross_entropy")
    Ws, bs = as_lists(layers)
    total = 0.0
    for x, t in zip(X.tolist(), y.tolist(), strict=True):
        yhat = ref_forward_row(Ws, bs, x, task, hidden, lambda a, b: a * b)[1][-1][0]
        if loss == "squared":
            total += 0.5 * (t - yhat) ** 2
        else:
            total += -(t * math.log(yhat) + (1 - t) * math.log(1 - yhat))
    return total / len(X)


def ref_gradients(layers, X, y, task, hidden, loss=None, mul=None):
    """Backpropagation one unit and one weight at a time: δ_j = ∂L/∂z_j of every unit of every row."""
    loss = loss or ("squared" if task == "regression" else "cross_entropy")
    mul = mul or (lambda a, b: a * b)
    Ws, bs = as_lists(layers)
    dW = [[[0.0] * len(row) for row in W] for W in Ws]
    db = [[0.0] * len(b) for b in bs]
    n = len(X)
    for x, t in zip(X.tolist(), y.tolist(), strict=True):
        zs, acts = ref_forward_row(Ws, bs, x, task, hidden, mul)
        yhat, zL = acts[-1][0], zs[-1][0]
        dL_dyhat = yhat - t if loss == "squared" else -t / yhat + (1 - t) / (1 - yhat)
        out = "identity" if task == "regression" else "sigmoid"
        delta = [dL_dyhat * ref_act_prime(out, zL)]  # the output error: not counted
        for l in reversed(range(len(Ws))):
            a_prev = x if l == 0 else acts[l - 1]
            for i in range(len(a_prev)):
                for j in range(len(delta)):
                    dW[l][i][j] += mul(a_prev[i], delta[j]) / n
            for j in range(len(delta)):
                db[l][j] += delta[j] / n
            if l > 0:
                delta = [
                    mul(sum(mul(Ws[l][i][j], delta[j]) for j in range(len(delta))), ref_act_prime(hidden, zs[l - 1][i]))
                    for i in range(len(a_prev))
                ]
    return [(np.array(w), np.array(b)) for w, b in zip(dW, db, strict=True)]


def random_net(sizes, seed, bias=0.3):
    """init's weights (seeded) with nonzero seeded biases, and a seeded batch."""
    rng = np.random.default_rng(seed)
    layers = [(W, rng.normal(scale=bias, size=b.shape)) for W, b in mlp.init(sizes, seed=seed % 2**32)]
    return layers, rng


def batch(rng, n, n_in, task):
    X = rng.normal(size=(n, n_in))
    y = rng.integers(0, 2, size=n).astype(float) if task == "classification" else rng.normal(2.0, 1.5, size=n)
    return X, y


def assert_layers_close(a, b, rtol, atol):
    assert len(a) == len(b)
    for (Wa, ba), (Wb, bb) in zip(a, b, strict=True):
        assert Wa.shape == Wb.shape and ba.shape == bb.shape
        np.testing.assert_allclose(Wa, Wb, rtol=rtol, atol=atol)
        np.testing.assert_allclose(ba, bb, rtol=rtol, atol=atol)


# --------------------------------------------------------------------------- against the reference

nets = st.tuples(st.integers(1, 3), st.lists(st.integers(1, 5), min_size=0, max_size=3))
task_losses = st.sampled_from(TASK_LOSSES)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(nets, st.integers(1, 5), st.sampled_from(mlp.ACTIVATIONS), task_losses, st.integers(0, 2**32 - 1))
def test_loss_and_gradients_match_the_plain_loop_reference(net, n, hidden, task_loss, seed):
    n_in, widths = net
    task, loss = task_loss
    layers, rng = random_net([n_in, *widths, 1], seed)
    X, y = batch(rng, n, n_in, task)
    assert mlp.loss(layers, X, y, task=task, hidden=hidden, loss=loss) == pytest.approx(
        ref_loss(layers, X, y, task, hidden, loss), rel=1e-12, abs=1e-14
    )
    assert_layers_close(
        mlp.gradients(layers, X, y, task=task, hidden=hidden, loss=loss),
        ref_gradients(layers, X, y, task, hidden, loss),
        rtol=1e-9,
        atol=1e-12,
    )


@settings(max_examples=12, deadline=None, derandomize=True)
@given(
    st.sampled_from([[2, 8, 8, 1], [2, 16, 16, 16, 1]]),
    st.sampled_from(mlp.ACTIVATIONS),
    task_losses,
    st.integers(0, 2**32 - 1),
)
def test_gradients_agree_with_central_differences_on_deep_nets(sizes, hidden, task_loss, seed):
    task, loss = task_loss
    layers, rng = random_net(sizes, seed)
    X, y = batch(rng, 4, sizes[0], task)
    backprop = mlp.gradients(layers, X, y, task=task, hidden=hidden, loss=loss)
    central = mlp.numerical_gradients(layers, X, y, task=task, hidden=hidden, loss=loss)
    scale = max(max(np.abs(dW).max(), np.abs(db).max()) for dW, db in backprop)
    assert_layers_close(backprop, central, rtol=1e-5, atol=1e-7 * max(scale, 1.0))


def test_central_differences_of_the_reference_loss_on_a_small_net():
    # numerical_gradients (bp.mlp's loss) against central differences of the plain-loop loss.
    layers, rng = random_net([3, 4, 2, 1], 5)
    X, y = batch(rng, 3, 3, "classification")
    ours = mlp.numerical_gradients(layers, X, y, task="classification", hidden="tanh")
    h = 1e-6
    for l, (W, b) in enumerate(layers):
        for arr, k in ((W, 0), (b, 1)):
            for idx in np.ndindex(arr.shape):
                up = [(Wl.copy(), bl.copy()) for Wl, bl in layers]
                down = [(Wl.copy(), bl.copy()) for Wl, bl in layers]
                up[l][k][idx] += h
                down[l][k][idx] -= h
                ref = (
                    ref_loss(up, X, y, "classification", "tanh") - ref_loss(down, X, y, "classification", "tanh")
                ) / (2 * h)
                assert ours[l][k][idx] == pytest.approx(ref, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 3, 1], [3, 4, 5, 1], [2, 8, 8, 1], [1, 1]])
def test_multiplications_are_those_the_reference_counts(sizes):
    layers, rng = random_net(sizes, 1)
    X, y = batch(rng, 1, sizes[0], "regression")
    fwd, both = Count(), Count()
    ref_forward_row(*as_lists(layers), X[0].tolist(), "regression", "tanh", fwd)
    ref_gradients(layers, X, y, "regression", "tanh", mul=both)
    counts = mlp.multiplications(sizes)
    assert counts["forward"] == fwd.n
    assert counts["backprop"] == both.n
    assert counts["parameters"] == sum(W.size + b.size for W, b in layers)
    assert counts["central"] == 2 * counts["parameters"] * fwd.n
    assert mlp.multiplications(sizes, rows=7)["backprop"] == 7 * both.n


def test_numerical_gradients_makes_two_forward_passes_per_parameter(monkeypatch):
    calls = []
    original = mlp._mean_loss
    monkeypatch.setattr(mlp, "_mean_loss", lambda *a: calls.append(1) or original(*a))
    layers, rng = random_net([2, 5, 1], 2)
    X, y = batch(rng, 3, 2, "regression")
    mlp.numerical_gradients(layers, X, y, task="regression")
    assert len(calls) == 2 * mlp.multiplications([2, 5, 1])["parameters"]
    calls.clear()
    mlp.numerical_gradients(layers, X, y, task="regression", sample=4)
    assert len(calls) == 8


def test_a_sample_of_central_differences_is_the_full_ones_at_the_sampled_places():
    layers, rng = random_net([2, 6, 3, 1], 4)
    X, y = batch(rng, 5, 2, "classification")
    full = mlp.numerical_gradients(layers, X, y, task="classification")
    part = mlp.numerical_gradients(layers, X, y, task="classification", sample=7)
    flat_full = np.concatenate([a.ravel() for pair in full for a in pair])
    flat_part = np.concatenate([a.ravel() for pair in part for a in pair])
    done = ~np.isnan(flat_part)
    assert done.sum() == 7 and done[0] and done[-1]  # spread from the first parameter to the last
    np.testing.assert_array_equal(flat_part[done], flat_full[done])


def test_the_batch_gradient_is_the_mean_of_the_rows_gradients():
    layers, rng = random_net([2, 4, 4, 1], 9)
    X, y = batch(rng, 6, 2, "regression")
    whole = mlp.gradients(layers, X, y, task="regression", hidden="sigmoid")
    rows = [mlp.gradients(layers, X[k : k + 1], y[k : k + 1], task="regression", hidden="sigmoid") for k in range(6)]
    mean = [
        (np.mean([r[l][0] for r in rows], axis=0), np.mean([r[l][1] for r in rows], axis=0)) for l in range(len(layers))
    ]
    assert_layers_close(whole, mean, rtol=1e-12, atol=1e-15)


# --------------------------------------------------------------------------- the notes' 2-2-1 network


@pytest.mark.parametrize("task, loss", TASK_LOSSES)
@pytest.mark.parametrize("rows", ["notes", "made-up"])
def test_reproduces_bp_network_on_the_notes_network(task, loss, rows):
    if rows == "notes":
        X, Y = (bp.X_REG, bp.Y_REG) if task == "regression" else (bp.X_CLS, bp.Y_CLS)
    else:
        X, Y = bp.X_STUDENTS[:25], (bp.Y_PACKAGE if task == "regression" else bp.Y_PLACED)[:25]
    p = bp.INITIAL_PARAMS
    layers = mlp.from_params(p)
    assert mlp.loss(layers, X, Y, task=task, loss=loss) == pytest.approx(
        bp.loss(p, X, Y, task=task, loss=loss), rel=1e-12
    )
    ours = mlp.to_params(mlp.gradients(layers, X, Y, task=task, loss=loss))
    theirs = bp.gradients(p, X, Y, task=task, loss=loss)
    for name in bp.PARAM_NAMES:
        assert ours[name] == pytest.approx(theirs[name], rel=1e-12, abs=1e-12), name
    (z1, O1), (z2, yhat) = mlp.forward(layers, X, task=task)
    f = bp.forward(p, X, task=task)
    for ours_, name in (
        (z1[:, 0], "z11"),
        (z1[:, 1], "z12"),
        (O1[:, 0], "O11"),
        (O1[:, 1], "O12"),
        (z2[:, 0], "z21"),
        (yhat[:, 0], "yhat"),
    ):
        np.testing.assert_allclose(ours_, f[name], rtol=1e-12, atol=1e-12)


def test_the_regression_chapter_worked_row_by_hand():
    # δ¹ = δ² W²ᵀ: (ŷ − y)·[w2_11, w2_21] = −18.579·[0.5, 0.4]; ∂L/∂W¹ = xᵀ δ¹, entry (i, j) = x_i δ1j.
    grads = mlp.gradients(mlp.from_params(bp.INITIAL_PARAMS), [[3.3, 8.0]], [20.0], task="regression")
    delta1 = np.array([-18.579 * 0.5, -18.579 * 0.4])
    np.testing.assert_allclose(grads[0][0], np.outer([3.3, 8.0], delta1), rtol=1e-12)
    np.testing.assert_allclose(grads[0][1], delta1, rtol=1e-12)
    np.testing.assert_allclose(grads[1][0], [[-18.579 * 2.73], [-18.579 * 0.14]], rtol=1e-12)


def test_from_params_and_to_params():
    layers = mlp.from_params(bp.INITIAL_PARAMS)
    (W1, b1), (W2, b2) = layers
    assert W1.tolist() == [[0.1, -0.2], [0.3, 0.1]]  # W1[i-1, j-1] = w1_ij
    assert W2.tolist() == [[0.5], [0.4]] and b1.tolist() == [0, 0] and b2.tolist() == [0]
    assert mlp.to_params(layers) == bp.INITIAL_PARAMS
    assert mlp.sizes(layers) == [2, 2, 1]
    with pytest.raises(ValueError, match=r"2-2-1.*\[2, 8, 1\]"):
        mlp.to_params(mlp.init([2, 8, 1]))


@pytest.mark.parametrize("task, loss", TASK_LOSSES)
def test_train_one_row_at_a_time_equals_bp_train(task, loss):
    if task == "regression":
        X, Y, eta, epochs = bp.X_REG, bp.Y_REG, 5e-4, 300
    else:
        X, Y, eta, epochs = bp.standardize(bp.X_CLS)[0], bp.Y_CLS, 0.3, 60
    ours = mlp.train(mlp.from_params(bp.INITIAL_PARAMS), X, Y, task=task, loss=loss, eta=eta, epochs=epochs)
    theirs = bp.train(bp.INITIAL_PARAMS, X, Y, task=task, loss=loss, eta=eta, epochs=epochs)
    assert not ours.diverged and not theirs.diverged
    np.testing.assert_allclose(ours.losses, theirs.losses, rtol=1e-12, atol=1e-12)
    final = mlp.to_params(ours.layers)
    for name in bp.PARAM_NAMES:
        assert final[name] == pytest.approx(theirs.params[name], rel=1e-12, abs=1e-12), name


def test_train_diverges_like_bp_train():
    ours = mlp.train(mlp.from_params(bp.INITIAL_PARAMS), bp.X_REG, bp.Y_REG, task="regression", eta=0.05, epochs=50)
    theirs = bp.train(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression", eta=0.05, epochs=50)
    assert ours.diverged and theirs.diverged
    assert len(ours.losses) == len(theirs.losses)
    np.testing.assert_allclose(ours.losses, theirs.losses, rtol=1e-12)
    assert mlp.to_params(ours.layers) == pytest.approx(theirs.params, rel=1e-12)


def hand_trained(layers, X, y, eta, epochs, slices, **kw):
    """Gradient descent written out: one step per slice of rows, loss after each epoch."""
    losses = [mlp.loss(layers, X, y, **kw)]
    for _ in range(epochs):
        for s in slices:
            g = mlp.gradients(layers, X[s], y[s], **kw)
            layers = [(W - eta * dW, b - eta * db) for (W, b), (dW, db) in zip(layers, g, strict=True)]
        losses.append(mlp.loss(layers, X, y, **kw))
    return layers, losses


@pytest.mark.parametrize(
    "batch_size, slices",
    [
        (None, [slice(0, 7)]),
        (2, [slice(0, 2), slice(2, 4), slice(4, 6), slice(6, 7)]),  # the last, shorter slice is kept
        (3, [slice(0, 3), slice(3, 6), slice(6, 7)]),
        (7, [slice(0, 7)]),
        (50, [slice(0, 7)]),
    ],
)
def test_mini_batches_are_consecutive_slices_in_order(batch_size, slices):
    layers, rng = random_net([2, 5, 1], 3)
    X, y = batch(rng, 7, 2, "classification")
    kw = dict(task="classification", hidden="tanh")
    run = mlp.train(layers, X, y, eta=0.5, epochs=4, batch_size=batch_size, **kw)
    by_hand, losses = hand_trained(layers, X, y, 0.5, 4, slices, **kw)
    np.testing.assert_allclose(run.losses, losses, rtol=1e-13)
    assert_layers_close(run.layers, by_hand, rtol=1e-13, atol=1e-15)


def test_zero_epochs_and_shapes_of_the_results():
    layers, rng = random_net([3, 4, 2, 1], 6)
    X, y = batch(rng, 5, 3, "regression")
    run = mlp.train(layers, X, y, task="regression", eta=0.01, epochs=0)
    assert run.losses.shape == (1,) and not run.diverged
    assert_layers_close(run.layers, layers, rtol=0, atol=0)
    values = mlp.forward(layers, X, task="regression", hidden="relu")
    assert [(z.shape, a.shape) for z, a in values] == [((5, 4), (5, 4)), ((5, 2), (5, 2)), ((5, 1), (5, 1))]
    grads = mlp.gradients(layers, X, y, task="regression")
    assert [(dW.shape, db.shape) for dW, db in grads] == [(W.shape, b.shape) for W, b in layers]
    assert isinstance(mlp.loss(layers, X, y, task="regression"), float)


def test_loss_matches_y_to_the_output_column_without_broadcasting():
    # y of shape (n,) against ŷ of shape (n, 1): an (n, n) broadcast would change the mean.
    layers = mlp.from_params(bp.INITIAL_PARAMS)
    X = np.array([[3.3, 8.0], [2.9, 9.0], [3.0, 7.0]])
    y = np.array([20.0, 50.0, 10.0])
    yhat = mlp.forward(layers, X, task="regression")[-1][1][:, 0]
    assert mlp.loss(layers, X, y, task="regression") == pytest.approx(np.mean(0.5 * (y - yhat) ** 2), rel=1e-14)


def test_defaults_are_the_notes_activations():
    layers, rng = random_net([2, 3, 1], 8)
    X, y = batch(rng, 4, 2, "classification")
    for task, hidden in (("regression", "identity"), ("classification", "sigmoid")):
        default = mlp.forward(layers, X, task=task)
        explicit = mlp.forward(layers, X, task=task, hidden=hidden)
        for (z, a), (z2, a2) in zip(default, explicit, strict=True):
            np.testing.assert_array_equal(z, z2)
            np.testing.assert_array_equal(a, a2)
    (z1, a1), _ = mlp.forward(layers, X, task="classification")
    np.testing.assert_allclose(a1, 1 / (1 + np.exp(-z1)), rtol=1e-14)


# --------------------------------------------------------------------------- the seeded initialisation


def mulberry32_plain(seed, n):
    """The JavaScript mulberry32, line by line, with every result reduced modulo 2³²."""
    a, out = seed, []
    for _ in range(n):
        a = (a + 0x6D2B79F5) % 2**32
        t = ((a ^ (a >> 15)) * (a | 1)) % 2**32
        t = ((t + ((t ^ (t >> 7)) * (t | 61)) % 2**32) % 2**32) ^ t
        out.append((t ^ (t >> 14)) / 2**32)
    return out


# The first five outputs · 2³², printed by Node.js 20 running the mulberry32 of the docstring of
# bp.mlp.uniforms (`r() * 4294967296` for each seed): derived outside Python.
NODE_MULBERRY32 = {
    0: [1144304738, 1416247, 958946056, 627933444, 2007157716],
    1: [2693262067, 11749833, 2265367787, 4213581821, 4159151403],
    42: [2581720956, 1925393290, 3661312704, 2876485805, 750819978],
    4294967295: [3850105811, 813802916, 3073704848, 4054706436, 3630262831],
}
# bp.mlp.init([2, 3, 1], seed=7)'s nine weights, by the same Node.js program:
# (2 * r() - 1) * Math.sqrt(3) * Math.sqrt(2 / (nIn + nOut)), layer by layer, row by row.
NODE_INIT_2_3_1_SEED_7 = [
    -1.0698012856825636,
    -0.9597013738210634,
    1.0448522732785168,
    0.4360500468389723,
    0.04698422930750077,
    -0.20699161059676552,
    -0.08271282028384075,
    -0.6370505894526844,
    0.13062051990056353,
]


def test_uniforms_are_javascripts_mulberry32_bit_for_bit():
    for seed, ks in NODE_MULBERRY32.items():
        assert (mlp.uniforms(seed, 5) * 2**32).tolist() == ks
    assert mlp.uniforms(2024, 1000).tolist() == mulberry32_plain(2024, 1000)
    u = mlp.uniforms(3, 100_000)
    assert u.min() >= 0 and u.max() < 1 and abs(u.mean() - 0.5) < 0.005
    assert mlp.uniforms(5, 0).shape == (0,)


def test_init_is_the_documented_formula_bit_for_bit():
    layers = mlp.init([2, 3, 1], seed=7)
    assert [float(v) for W, _ in layers for v in W.ravel()] == NODE_INIT_2_3_1_SEED_7
    sizes = [3, 5, 4, 1]
    for scale in ("xavier", "he", 0.25):
        layers = mlp.init(sizes, seed=11, scale=scale)
        u = mulberry32_plain(11, sum(a * b for a, b in pairwise(sizes)))
        k = 0
        for (W, b), (n_in, n_out) in zip(layers, pairwise(sizes), strict=True):
            std = {"xavier": math.sqrt(2 / (n_in + n_out)), "he": math.sqrt(2 / n_in)}.get(scale, scale)
            expected = [(2 * u[k + m] - 1) * math.sqrt(3) * std for m in range(n_in * n_out)]
            assert W.shape == (n_in, n_out) and W.ravel().tolist() == expected  # row-major over W
            assert b.tolist() == [0.0] * n_out
            k += n_in * n_out


def test_init_has_the_variance_of_its_scale():
    (W1, _), _ = mlp.init([400, 300, 1], seed=1, scale="xavier")
    assert W1.std() == pytest.approx(math.sqrt(2 / 700), rel=0.02)
    assert np.abs(W1).max() <= math.sqrt(3) * math.sqrt(2 / 700)
    (W1, _), _ = mlp.init([400, 300, 1], seed=1, scale="he")
    assert W1.std() == pytest.approx(math.sqrt(2 / 400), rel=0.02)
    assert mlp.init([2, 4, 1], seed=3)[0][0].tolist() == mlp.init([2, 4, 1], seed=3)[0][0].tolist()
    assert mlp.init([2, 4, 1], seed=3)[0][0].tolist() != mlp.init([2, 4, 1], seed=4)[0][0].tolist()


# --------------------------------------------------------------------------- bad inputs, no mutation

GOOD = mlp.init([2, 3, 1], seed=0)
X2 = np.array([[0.5, -1.0], [1.0, 2.0]])
Y2 = np.array([1.0, 0.0])


@pytest.mark.parametrize(
    "call",
    [
        lambda L: mlp.forward(L, X2, task="regression"),
        lambda L: mlp.loss(L, X2, Y2, task="regression"),
        lambda L: mlp.gradients(L, X2, Y2, task="regression"),
        lambda L: mlp.numerical_gradients(L, X2, Y2, task="regression"),
        lambda L: mlp.train(L, X2, Y2, task="regression", eta=0.1, epochs=1),
        lambda L: mlp.sizes(L),
    ],
)
def test_bad_layers_get_clear_errors(call):
    (W1, b1), (W2, b2) = GOOD
    with pytest.raises(ValueError, match=r"W of layer 2 has shape \(4, 1\) but W of layer 1 has shape \(2, 3\)"):
        call([(W1, b1), (np.ones((4, 1)), b2)])
    with pytest.raises(ValueError, match=r"b of layer 1 has shape \(2,\).*\(3,\)"):
        call([(W1, np.zeros(2)), (W2, b2)])
    with pytest.raises(ValueError, match="one unit"):
        call([(W1, b1), (np.ones((3, 2)), np.zeros(2))])
    with pytest.raises(ValueError, match=r"W of layer 1 has shape \(3,\)"):
        call([(np.ones(3), b1), (W2, b2)])
    with pytest.raises(ValueError, match="W of layer 2 contains NaN"):
        call([(W1, b1), (np.full((3, 1), np.nan), b2)])
    with pytest.raises(TypeError, match="pair"):
        call([W1, (W2, b2)])
    with pytest.raises(TypeError, match="list of"):
        call(W1)
    with pytest.raises(TypeError, match="list of"):
        call([])


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (dict(X=np.ones((2, 3))), ValueError, r"X has shape \(2, 3\) but W of layer 1 has shape \(2, 3\)"),
        (dict(X=np.ones(2)), ValueError, r"X has shape \(2,\): expected \(n, 2\)"),
        (dict(X=[["a", "b"]]), TypeError, "X must be numbers"),
        (dict(y=np.ones((2, 1))), ValueError, r"y has shape \(2, 1\): expected \(2,\)"),
        (dict(y=np.ones(3)), ValueError, r"y has shape \(3,\): expected \(2,\)"),
        (dict(y=[0.0, 0.5], task="classification"), ValueError, "0 or 1"),
        (dict(hidden="softmax"), ValueError, "'identity', 'sigmoid', 'tanh', 'relu'"),
        (dict(task="ranking"), ValueError, "unknown task"),
        (dict(task="regression", loss="cross_entropy"), ValueError, "needs task='classification'"),
    ],
)
def test_bad_data_and_options_get_clear_errors(kwargs, error, words):
    args = dict(X=X2, y=Y2, task="regression", hidden=None)
    args.update(kwargs)
    loss = args.pop("loss", None)
    with pytest.raises(error, match=words):
        mlp.gradients(GOOD, args["X"], args["y"], task=args["task"], hidden=args["hidden"], loss=loss)


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: mlp.init([2, 3, 2]), "one unit"),
        (lambda: mlp.init([2]), "at least two"),
        (lambda: mlp.init([2, 0, 1]), "at least two widths >= 1"),
        (lambda: mlp.init([2, 3.0, 1]), "widths"),
        (lambda: mlp.init([2, 3, 1], scale="glorot"), "'xavier', 'he' or a positive"),
        (lambda: mlp.init([2, 3, 1], scale=-1.0), "positive"),
        (lambda: mlp.init([2, 3, 1], seed=-1), "seed"),
        (lambda: mlp.init([2, 3, 1], seed=2**32), "seed"),
        (lambda: mlp.init([2, 3, 1], seed=1.5), "seed"),
        (lambda: mlp.uniforms(0, -1), "n must be"),
        (lambda: mlp.train(GOOD, X2, Y2, task="regression", eta=0, epochs=1), "eta"),
        (lambda: mlp.train(GOOD, X2, Y2, task="regression", eta=0.1, epochs=1.0), "epochs"),
        (lambda: mlp.train(GOOD, X2, Y2, task="regression", eta=0.1, epochs=1, batch_size=0), "batch_size"),
        (lambda: mlp.train(GOOD, X2, Y2, task="regression", eta=0.1, epochs=1, batch_size=True), "batch_size"),
        (lambda: mlp.numerical_gradients(GOOD, X2, Y2, task="regression", sample=0), "sample"),
        (lambda: mlp.multiplications([2, 3, 2]), "one unit"),
    ],
)
def test_bad_options_get_clear_errors(call, words):
    with pytest.raises((ValueError, TypeError), match=words):
        call()


def test_nothing_mutates_the_layers_or_data_it_is_given():
    layers, rng = random_net([2, 4, 3, 1], 12)
    X, y = batch(rng, 6, 2, "classification")
    copies = [(W.copy(), b.copy()) for W, b in layers]
    X0, y0 = X.copy(), y.copy()
    kw = dict(task="classification", hidden="relu")
    values = mlp.forward(layers, X, **kw)
    mlp.loss(layers, X, y, **kw)
    grads = mlp.gradients(layers, X, y, **kw)
    mlp.numerical_gradients(layers, X, y, **kw)
    run = mlp.train(layers, X, y, eta=0.3, epochs=3, batch_size=2, **kw)
    mlp.to_params(mlp.from_params(bp.INITIAL_PARAMS))
    assert_layers_close(layers, copies, rtol=0, atol=0)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
    # and what comes back is not a view of what went in
    for result in (values, grads, run.layers):
        for a, _ in result:
            assert not any(np.shares_memory(a, arr) for pair in layers for arr in pair)
            assert not np.shares_memory(a, X)


# --------------------------------------------------------------------------- the made-up table


def test_the_larger_made_up_table_is_on_the_notes_scales():
    X, package, placed = bp.X_STUDENTS, bp.Y_PACKAGE, bp.Y_PLACED
    assert X.shape == (300, 2) and package.shape == (300,) and placed.shape == (300,)
    assert 2.0 <= X[:, 0].min() and X[:, 0].max() <= 4.0  # CGPA, as 3.3 and 2.9
    assert 4.0 <= X[:, 1].min() and X[:, 1].max() <= 12.0 and abs(X[:, 1].mean() - 8) < 0.3  # IQ, as 8 and 9
    assert 1.0 <= package.min() and package.max() < 80  # Package, as 20 and 50
    assert set(placed.tolist()) == {0.0, 1.0} and 0.3 < placed.mean() < 0.7
    again = bp.data._made_up_students()
    np.testing.assert_array_equal(again[0], X)  # seeded: the same every time
    # placed follows CGPA + 0.4·IQ, as the small classification table does
    score = X[:, 0] + 0.4 * X[:, 1]
    assert score[placed == 1].mean() > score[placed == 0].mean() + 0.3
