"""bp.graph (chapter "The chain rule"): the graph figure, the path counts, path-by-path gradients."""

import math
from itertools import pairwise

import matplotlib
import numpy as np
import pytest

import bp
from bp.graph import (
    NODES,
    computational_graph,
    count_multiplications,
    draw_graph,
    local_derivatives,
    path_by_path_gradients,
    paths_to_loss,
)

matplotlib.use("Agg")


def test_notes_network_graph_uses_the_notes_names():
    feeds = computational_graph([2, 2, 1])
    params = [n for n in feeds if n[0] in "wb"]
    assert sorted(params) == sorted(bp.PARAM_NAMES)
    assert feeds["w1_21"] == ["z11"]  # w¹₂₁ joins IQ (input 2) to hidden unit 1
    assert feeds["O11"] == ["z21"] and feeds["z21"] == ["O21"] and feeds["O21"] == ["L"]
    assert paths_to_loss("w1_11", feeds) == [["w1_11", "z11", "O11", "z21", "O21", "L"]]


def test_counts_of_the_notes_network_by_hand():
    # path by path: six layer-1 parameters × 4 multiplications + three layer-2 ones × 2 = 30;
    # reuse: 15 arrows, the one into L starts the product: 14.
    assert count_multiplications([2, 2, 1]) == {"parameters": 9, "paths": 9, "path_by_path": 30, "reuse": 14}


def test_counts_grow_as_the_chapter_says():
    # one hidden layer: every parameter has one path; both counts grow linearly with the width
    one = [count_multiplications([2, n, 1]) for n in (2, 3, 4, 5)]
    assert len({b["path_by_path"] - a["path_by_path"] for a, b in pairwise(one)}) == 1
    assert len({b["reuse"] - a["reuse"] for a, b in pairwise(one)}) == 1
    # depth: a first-layer weight has n^(k−1) paths; reuse adds the same amount per layer
    deep = [count_multiplications([2] + [3] * k + [1]) for k in range(1, 6)]
    steps = {b["reuse"] - a["reuse"] for a, b in pairwise(deep)}
    assert len(steps) == 1
    ratios = [b["path_by_path"] / a["path_by_path"] for a, b in pairwise(deep)]
    assert all(r > 3 for r in ratios[1:])
    feeds = computational_graph([2, 3, 3, 3, 1])
    assert len(paths_to_loss("w1_11", feeds)) == 9


def test_reuse_counts_one_multiplication_per_arrow():
    for widths in ([2, 2, 1], [3, 4, 1], [2, 3, 2, 1]):
        feeds = computational_graph(widths)
        arrows = sum(len(v) for v in feeds.values())
        assert count_multiplications(widths)["reuse"] == arrows - 1


def test_bad_widths():
    with pytest.raises(ValueError, match="one output"):
        computational_graph([2, 2, 2])
    with pytest.raises(ValueError, match="at most 9"):
        computational_graph([2, 10, 1])


@pytest.mark.parametrize(
    "task, loss, rows, ys",
    [
        ("regression", None, bp.X_REG, bp.Y_REG),
        ("classification", None, bp.X_CLS, bp.Y_CLS),
        ("classification", "squared", bp.X_CLS, bp.Y_CLS),
    ],
)
def test_path_by_path_gradients_equal_backprop(task, loss, rows, ys):
    rng = np.random.default_rng(0)
    for k in range(len(rows)):
        params = {n: float(rng.uniform(-1, 1)) for n in bp.PARAM_NAMES}
        grads, mults = path_by_path_gradients(params, rows[k], ys[k], task=task, loss=loss)
        backprop = bp.gradients(params, rows[k], ys[k], task=task, loss=loss)
        assert mults == 30
        for name in bp.PARAM_NAMES:
            assert math.isclose(grads[name], backprop[name], rel_tol=1e-9, abs_tol=1e-12), name


def test_local_derivatives_of_the_notes_row():
    local = local_derivatives(bp.INITIAL_PARAMS, bp.X_REG[0], bp.Y_REG[0], task="regression")
    assert local["w1_21", "z11"] == 8.0  # ∂z11/∂w¹₂₁ = IQ
    assert local["w2_11", "z21"] == pytest.approx(2.73)  # = O11
    assert local["O12", "z21"] == 0.4  # = w²₂₁
    assert local["z11", "O11"] == 1.0  # linear unit
    assert local["O21", "L"] == pytest.approx(1.421 - 20)  # ŷ − y
    assert len(local) == 15


def test_draw_graph_writes_values_and_gradients():
    f = bp.forward(bp.INITIAL_PARAMS, bp.X_REG[0], task="regression")
    ax = draw_graph(nodes={"CGPA": 3.3, "IQ": 8, **f, "L": 172.5896}, edges=bp.INITIAL_PARAMS, title="forward")
    texts = [t.get_text() for t in ax.texts]
    assert any("2.73" in t and "z_{11}" in t for t in texts)
    assert any("172.6" in t for t in texts)
    assert "$w^1_{21}$\n0.3" in texts
    assert any(t.startswith("$b_{12}$ = 0") for t in texts)
    assert ax.get_title() == "forward"
    assert len([t for t in texts if "\n" in t and t.startswith(("$z", "$O", "$L", "$\\hat", "CGPA", "IQ"))]) == len(
        NODES
    )
    ax = draw_graph(edges={"w1_11": -30.65535}, color="#b2182b", task="classification")
    texts = [t.get_text() for t in ax.texts]
    assert "$w^1_{11}$\n−30.66" in texts and r"$\sigma$" in texts
    matplotlib.pyplot.close("all")
