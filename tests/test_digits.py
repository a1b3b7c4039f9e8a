"""bp.digits: the 32 × 32 → 8 × 8 reduction against a direct count, the widget's stored state
(the network as float32, the standardisation, the images), its probabilities and taught step
against bp.mlp, and the checks of its arguments."""

import base64

import numpy as np
import pytest
from sklearn.datasets import load_digits

import bp.mlp as mlp
from bp import digits as dg


def _count_blocks(bitmap):
    """Each 4 × 4 block's black dots, counted one dot at a time (the UCI description's rule)."""
    out = [[0] * 8 for _ in range(8)]
    for i in range(32):
        for j in range(32):
            out[i // 4][j // 4] += int(bitmap[i][j])
    return out


@pytest.mark.parametrize("density", [0.0, 0.1, 0.5, 0.9, 1.0])
def test_reduce_counts_each_block(density):
    rng = np.random.default_rng(int(density * 10))
    bitmap = (rng.random((32, 32)) < density).astype(int)
    got = dg.reduce(bitmap)
    assert got.shape == (8, 8) and got.dtype.kind == "i"
    assert got.tolist() == _count_blocks(bitmap.tolist())
    assert dg.reduce(bitmap.astype(bool)).tolist() == got.tolist()
    assert dg.reduce(bitmap.tolist()).tolist() == got.tolist()


def test_reduce_of_one_block_and_of_all():
    b = np.zeros((32, 32), dtype=int)
    b[4:8, 28:32] = 1  # block (1, 7), every dot
    b[0, 0] = 1
    want = np.zeros((8, 8), dtype=int)
    want[1, 7], want[0, 0] = 16, 1
    assert dg.reduce(b).tolist() == want.tolist()
    assert dg.reduce(np.ones((32, 32))).tolist() == [[16] * 8] * 8


@pytest.mark.parametrize(
    ("bitmap", "match"),
    [
        (np.zeros((8, 8)), "shape"),
        (np.zeros((32, 33)), "shape"),
        (np.full((32, 32), 2), "only 0"),
        (np.full((32, 32), 0.5), "only 0"),
        ("0" * 1024, "string"),
        (np.full((32, 32), np.nan), "NaN"),
    ],
)
def test_reduce_rejects_what_is_not_a_bitmap(bitmap, match):
    with pytest.raises((ValueError, TypeError), match=match):
        dg.reduce(bitmap)


@pytest.fixture(scope="module")
def setting():
    data = load_digits()
    X = data.images.reshape(-1, 64)
    std = X.std(axis=0)
    layers = mlp.init([64, 16, 10], seed=3, scale="he", task="multiclass")
    return layers, X.mean(axis=0), np.where(std > 0, std, 1.0), X[:4], data.target[:4].tolist()


def test_the_widget_stores_the_network_as_float32(setting):
    layers, mean, std, images, labels = setting
    w = dg.digits(layers, mean, std, images, labels, eta=0.5)
    assert isinstance(w, dg.Digits) and w.module == "digits"
    assert w.sizes == [64, 16, 10] and w.hidden == "sigmoid" and w.eta == 0.5
    raw = np.frombuffer(base64.b64decode(w.weights), dtype="<f4")
    assert raw.size == 64 * 16 + 16 + 16 * 10 + 10
    for (W, b), (W32, b32) in zip(layers, w.layers, strict=True):
        assert W32.dtype == np.float64 and W32.shape == W.shape and b32.shape == b.shape
        assert np.array_equal(W32, W.astype(np.float32).astype(float))  # the float32 numbers exactly
        assert np.array_equal(b32, b.astype(np.float32).astype(float))
        assert np.max(np.abs(W32 - W)) <= 1e-7 * np.max(np.abs(W))
    # W of layer 1, row by row, then its b: the packed order
    assert raw[1] == np.float32(layers[0][0][0, 1]) and raw[16] == np.float32(layers[0][0][1, 0])
    assert w.mean == mean.tolist() and w.std == std.tolist()
    assert w.images == images.astype(int).tolist() and w.labels == labels
    state = w.get_state()
    assert state["_module"] == "digits" and state["brush"] == dg.BRUSH and state["divergence_limit"] == 1e12
    assert len(state["weights"]) < 0.3 * len(repr([float(v) for W, b in layers for v in [*W.ravel(), *b]]))


def test_unpack_inverts_pack():
    layers = [(np.arange(6.0).reshape(2, 3) / 8, np.array([0.5, -1.0, 2.0])), (np.ones((3, 1)), np.zeros(1))]
    back = dg.unpack(dg.pack(layers), [2, 3, 1])
    assert all(np.array_equal(W, W2) and np.array_equal(b, b2) for (W, b), (W2, b2) in zip(layers, back, strict=True))
    with pytest.raises(ValueError, match="need"):
        dg.unpack(dg.pack(layers), [2, 3, 2])


def test_probabilities_and_a_taught_step_are_bp_mlps(setting):
    layers, mean, std, images, labels = setting
    w = dg.Digits(layers, mean, std, images, labels, eta=0.5)
    image = images[2].astype(int)
    row = (image - mean) / std
    P = mlp.forward(w.layers, row[None, :], task="multiclass", hidden="sigmoid")[-1][1][0]
    assert np.array_equal(w.row(image.reshape(8, 8)), row)
    assert np.array_equal(w.probabilities(image), P) and abs(P.sum() - 1) < 1e-12
    # one step W ← W − η ∂L/∂W on this one row, by bp.mlp.gradients
    step = w.taught_step(image, 7)
    grads = mlp.gradients(w.layers, row[None, :], np.array([7.0]), task="multiclass", hidden="sigmoid")
    for (W, b), (dW, db), (W1, b1) in zip(w.layers, grads, step["layers"], strict=True):
        assert np.allclose(W1, W - 0.5 * dW, rtol=0, atol=1e-15) and np.allclose(b1, b - 0.5 * db, rtol=0, atol=1e-15)
    assert step["dW"] == pytest.approx([0.5 * np.linalg.norm(dW) for dW, _ in grads], rel=1e-12)
    assert np.array_equal(step["before"], P)
    assert step["after"][7] > P[7]  # the step gives probability to the label
    assert np.array_equal(step["after"], w.probabilities(image, step["layers"]))
    # the trained network is untouched, and a second step starts from the first
    assert np.array_equal(w.probabilities(image), P)
    again = w.taught_step(image, 7, step["layers"])
    assert np.array_equal(again["before"], step["after"]) and again["after"][7] > step["after"][7]


def test_bad_arguments_get_clear_errors(setting):
    layers, mean, std, images, labels = setting
    with pytest.raises(ValueError, match="64 inputs and 10 outputs"):
        dg.Digits(mlp.init([64, 4, 3], task="multiclass"), mean, std, images, labels)
    with pytest.raises(ValueError, match="64 numbers"):
        dg.Digits(layers, mean[:10], std, images, labels)
    with pytest.raises(ValueError, match="std > 0"):
        dg.Digits(layers, mean, np.zeros(64), images, labels)
    with pytest.raises(ValueError, match="64"):
        dg.Digits(layers, mean, std, [np.zeros(10)], [1])
    with pytest.raises(ValueError, match="0 to 16"):
        dg.Digits(layers, mean, std, [np.full(64, 17)], [1])
    with pytest.raises(ValueError, match="one digit"):
        dg.Digits(layers, mean, std, images, labels[:2])
    with pytest.raises(ValueError, match="one digit"):
        dg.Digits(layers, mean, std, images[:1], [10])
    with pytest.raises(ValueError, match="activation"):
        dg.Digits(layers, mean, std, images, labels, hidden="softplus")
    with pytest.raises(ValueError):
        dg.Digits(layers, mean, std, images, labels, eta=-1)
    w = dg.Digits(layers, mean, std, images, labels)
    with pytest.raises(ValueError, match="label"):
        w.taught_step(images[0], 10)
    with pytest.raises(ValueError, match="0 to 16"):
        w.probabilities(np.full(64, 0.5))
