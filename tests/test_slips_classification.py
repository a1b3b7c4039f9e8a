"""Each slip of the notes' classification part: the correction matches an independent reference
(central differences, or the cross-entropy from the logit) and the notes' formula does not."""

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

import bp
from bp.slips import Slip
from bp.slips.classification import EXAMPLE, SLIPS

TASK = "classification"
# The chapter's pages: classification.ipynb and classification_*.ipynb.
CHAPTER = sorted((Path(__file__).resolve().parents[1] / "chapters").glob("classification*.ipynb"))
IDS = [f"{k:02d}-{s.anchor}" for k, s in enumerate(SLIPS)]


def matches(a, ref):
    return abs(a - ref) <= 1e-8 + 1e-5 * abs(ref)


def differs(a, ref):
    return abs(a - ref) > 1e-3 * max(abs(a), abs(ref))


def random_points(n=12, seed=0):
    """Seeded points on the standardised scale and on the notes' scale, away from zero factors."""
    rng = np.random.default_rng(seed)
    points = []
    for k in range(n):
        params = {name: float(rng.uniform(0.2, 0.9) * rng.choice([-1, 1])) for name in bp.PARAM_NAMES}
        if k % 2:
            x = rng.uniform(0.3, 2.0, size=2) * rng.choice([-1, 1], size=2)  # standardised inputs
        else:
            x = np.array([rng.uniform(2.0, 4.0), rng.uniform(6.0, 10.0)])  # the notes' scale
            params = {n: v / 3 for n, v in params.items()}  # keep the units unsaturated
        points.append((params, x, float(k % 2)))
    return points


def target_for(slip, y):
    """The loss slip shows only on rows with y = 0 (see test_loss_slip_invisible_when_placed)."""
    return 0.0 if slip.anchor == "cls-slip-loss" else y


def test_the_list():
    assert len(SLIPS) == 14
    assert all(isinstance(s, Slip) and s.part == "classification" for s in SLIPS)
    for s in SLIPS:
        assert s.where and s.as_written and s.corrected and s.anchor
        assert s.as_written != s.corrected


@pytest.mark.parametrize("slip", SLIPS, ids=IDS)
def test_at_the_worked_example(slip):
    params, x, y = EXAMPLE
    assert params == bp.INITIAL_PARAMS
    wrong, right, ref = (float(f(params, x, y)) for f in (slip.wrong, slip.right, slip.reference))
    assert matches(right, ref), (right, ref)
    assert differs(wrong, ref), (wrong, ref)


@pytest.mark.parametrize("slip", SLIPS, ids=IDS)
def test_on_every_row_of_the_table_at_initial_params(slip):
    xs, _, _ = bp.standardize(bp.X_CLS)
    for X in (bp.X_CLS, xs):
        for x, y in zip(X, bp.Y_CLS, strict=True):
            if slip.anchor == "cls-slip-loss" and y == 1:
                continue
            args = (bp.INITIAL_PARAMS, x, float(y))
            ref = slip.reference(*args)
            assert matches(slip.right(*args), ref)
            assert differs(slip.wrong(*args), ref)


@pytest.mark.parametrize("slip", SLIPS, ids=IDS)
def test_at_seeded_random_points(slip):
    for params, x, y in random_points():
        y = target_for(slip, y)
        ref = slip.reference(params, x, y)
        assert matches(slip.right(params, x, y), ref), (params, x, y)
        assert differs(slip.wrong(params, x, y), ref), (params, x, y)


def test_loss_slip_invisible_when_placed():
    """With y = 1 the lost bracket multiplies (1 − y) = 0: as written and corrected agree."""
    loss_slip = next(s for s in SLIPS if s.anchor == "cls-slip-loss")
    for params, x, _ in random_points():
        assert matches(loss_slip.wrong(params, x, 1.0), loss_slip.right(params, x, 1.0))
        # ... and with y = 0 the notes' "loss" is negative: it rewards confident wrong answers.
        assert loss_slip.wrong(params, x, 0.0) < 0 < loss_slip.right(params, x, 0.0)


@pytest.mark.parametrize("slip", [s for s in SLIPS if s.where.startswith("boxed")], ids=lambda s: s.where[:18])
def test_boxed_results_against_the_exercise_checker(slip):
    """The corrected boxes pass bp.check_gradient; the notes' boxes fail, for the reason they fail."""
    name = _box_name(slip)
    assert bp.check_gradient(slip.right, name, task=TASK).ok
    verdict = bp.check_gradient(slip.wrong, name, task=TASK)
    assert not verdict.ok
    assert verdict.slips == (("sign", "missing:w2_11") if "(6)" in slip.where else ("sign",))


def _box_name(slip):
    pretty = {
        "w²₁₁": "w2_11",
        "w²₂₁": "w2_21",
        "b₂₁": "b21",
        "w¹₁₁": "w1_11",
        "w¹₂₁": "w1_21",
        "b₁₁": "b11",
        "w¹₁₂": "w1_12",
        "w¹₂₂": "w1_22",
        "b₁₂": "b12",
    }
    head = slip.where.split("∂L/∂")[1].split(" ")[0]
    return pretty[head]


def test_the_nine_boxes_cover_the_nine_parameters():
    names = [_box_name(s) for s in SLIPS if s.where.startswith("boxed")]
    assert sorted(names) == sorted(bp.PARAM_NAMES)


def test_saturated_units_stay_finite_without_warnings():
    """Weights ×100: the loss and the boxes (as written and corrected) are finite, no warning."""
    big = {n: 100.0 * v for n, v in bp.INITIAL_PARAMS.items()}
    x = bp.X_CLS[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for s in SLIPS:
            if s.anchor in ("cls-slip-loss", "cls-slip-boxed-signs", "cls-slip-boxed-6", "cls-slip-chain-5"):
                for y in (0.0, 1.0):
                    assert np.isfinite(s.wrong(big, x, y)) and np.isfinite(s.right(big, x, y))


def test_every_anchor_is_a_label_in_the_chapter():
    cells = [c for page in CHAPTER for c in json.loads(page.read_text())["cells"]]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for anchor in {s.anchor for s in SLIPS}:
        assert f"({anchor})=" in text, anchor
