"""The regression slips of the notes (bp.slips.regression): each one's corrected formula matches an
independent reference (backpropagation or central differences) and the formula as written does not,
at the worked example of the book and at seeded random points."""

import math

import numpy as np
import pytest

import bp
from bp.slips import Slip, evaluate
from bp.slips.regression import SLIPS

RTOL, ATOL = 1e-6, 1e-8  # "matches": central differences of these (near-)linear maps are this good
APART = 1e-3  # "does not match": relative distance at least this


def _points():
    """The first row of the notes' table at INITIAL_PARAMS, then seeded random points."""
    yield bp.INITIAL_PARAMS, bp.X_REG[0], float(bp.Y_REG[0])
    rng = np.random.default_rng(0)
    for _ in range(6):
        params = {n: float(rng.uniform(-1.5, 1.5)) for n in bp.PARAM_NAMES}
        x = np.array([rng.uniform(2.0, 4.0), rng.uniform(6.0, 10.0)])
        yield params, x, float(rng.uniform(10.0, 60.0))


POINTS = list(_points())
IDS = [f"slip{i}" for i in range(len(SLIPS))]


def test_one_slip_per_mistake_in_the_regression_part():
    assert len(SLIPS) == 6
    assert all(isinstance(s, Slip) and s.part == "regression" for s in SLIPS)
    assert len({(s.as_written, s.corrected) for s in SLIPS}) == len(SLIPS)
    for s in SLIPS:
        assert s.as_written != s.corrected
        assert s.where and s.anchor.startswith("regression-slip-")


@pytest.mark.parametrize("slip", SLIPS, ids=IDS)
@pytest.mark.parametrize("k", range(len(POINTS)))
def test_right_matches_reference_and_wrong_does_not(slip, k):
    params, x, y = POINTS[k]
    wrong, right, reference = evaluate(slip, params, x, y)
    assert math.isclose(right, reference, rel_tol=RTOL, abs_tol=ATOL), (right, reference)
    assert abs(wrong - reference) > APART * max(abs(reference), 1.0), (wrong, reference)


@pytest.mark.parametrize("slip", SLIPS, ids=IDS)
def test_slip_functions_do_not_mutate_params(slip):
    params, x, y = POINTS[1]
    before = dict(params)
    evaluate(slip, params, x, y)
    assert params == before


def test_boxed_8_and_9_named_in_the_issue():
    """The issue's own example: (8) multiplies by w¹₂₂ where the chain rule gives w²₂₁."""
    boxed8 = next(s for s in SLIPS if "(8)" in s.where)
    assert "w^1_{22}" in boxed8.as_written and "w^2_{21}" in boxed8.corrected
    wrong, right, reference = evaluate(boxed8, bp.INITIAL_PARAMS, bp.X_REG[0], bp.Y_REG[0])
    assert round(wrong, 4) == -14.8632 and round(right, 4) == round(reference, 4) == -59.4528


def test_anchors_are_labels_in_the_regression_chapter():
    import json
    from pathlib import Path

    pages = sorted((Path(__file__).parents[1] / "chapters").glob("regression*.ipynb"))  # the chapter's pages
    cells = [c for page in pages for c in json.loads(page.read_text())["cells"]]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for s in SLIPS:
        assert f"({s.anchor})=" in text, s.anchor
