"""bp.check_gradient names the slip of a wrong formula, every time it can, and only then.

Every formula below is written by hand, the way a learner (or the notes) writes it; the slip ids
it must be named as follow from how it was written, not from running the checker. Ids:
``sign``, ``factor_2``, ``missing:F``, ``replaced:F->G``, ``extra:G`` (see bp.exercises).
"""

import math
import re
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bp
from bp import exercises
from bp.slips import classification as cls_slips
from bp.slips import regression as reg_slips

R, C = "regression", "classification"
SQ, CE = "squared", "cross_entropy"
SETTINGS = [(R, SQ), (C, SQ), (C, CE)]


def values(p, x, task):
    """The forward values at one row, under the names a learner uses."""
    f = bp.forward(p, x, task=task)
    return SimpleNamespace(**f, CGPA=float(x[0]), IQ=float(x[1]))


def formula(task, body):
    """``body(v, p, y)`` as the ``fn(params, x, y)`` that check_gradient takes."""
    return lambda p, x, y: body(values(p, x, task), p, y)


def sp(O):
    """σ′ written with the unit's output: O(1 − O)."""
    return O * (1 - O)


def dL_dyhat(v, y):
    """Cross-entropy's ∂L/∂ŷ, as the issue writes it: −(y/ŷ − (1 − y)/(1 − ŷ))."""
    return -(y / v.yhat - (1 - y) / (1 - v.yhat))


# (parameter, task, loss, wrong formula body(v, p, y), the slip ids it must be named as)
CATALOGUE = [
    # regression: linear units, L = ½(y − ŷ)²
    ("w1_22", R, SQ, lambda v, p, y: (y - v.yhat) * p["w2_21"] * v.IQ, {"sign"}),
    ("w1_22", R, SQ, lambda v, p, y: (v.yhat - y) * p["w1_22"] * v.IQ, {"replaced:w2_21->w1_22"}),
    ("b12", R, SQ, lambda v, p, y: (v.yhat - y) * p["w1_12"], {"replaced:w2_21->w1_12"}),
    ("w1_21", R, SQ, lambda v, p, y: (v.yhat - y) * p["w2_11"] * v.CGPA, {"replaced:IQ->CGPA"}),
    ("w1_21", R, SQ, lambda v, p, y: (v.yhat - y) * p["w2_21"] * v.IQ, {"replaced:w2_11->w2_21"}),
    ("w1_11", R, SQ, lambda v, p, y: (v.yhat - y) * v.CGPA, {"missing:w2_11"}),
    ("w2_11", R, SQ, lambda v, p, y: 2 * (v.yhat - y) * v.O11, {"factor_2"}),
    ("b21", R, SQ, lambda v, p, y: 2 * (y - v.yhat), {"sign", "factor_2"}),
    ("w2_21", R, SQ, lambda v, p, y: (v.yhat - y) * v.O11, {"replaced:O12->O11"}),
    ("w1_12", R, SQ, lambda v, p, y: (y - v.yhat) * v.CGPA, {"sign", "missing:w2_21"}),
    ("b11", R, SQ, lambda v, p, y: (v.yhat - y) * p["w2_11"] * v.O11, {"extra:O11"}),
    ("w1_11", R, SQ, lambda v, p, y: 2 * (v.yhat - y) * p["w2_11"] * v.IQ, {"factor_2", "replaced:CGPA->IQ"}),
    ("w2_11", R, SQ, lambda v, p, y: (v.yhat - y) * v.O11 * p["w2_11"], {"extra:w2_11"}),
    (
        "w1_22",
        R,
        SQ,
        lambda v, p, y: (v.yhat - y) * p["w1_22"] * v.CGPA,
        {"replaced:w2_21->w1_22", "replaced:IQ->CGPA"},
    ),
    ("b12", R, SQ, lambda v, p, y: (v.yhat - y) * p["w2_21"] * v.IQ, {"extra:IQ"}),
    ("w2_21", R, SQ, lambda v, p, y: y - v.yhat, {"sign", "missing:O12"}),
    # classification, cross-entropy: ∂L/∂z21 = ŷ − y
    ("w1_21", C, CE, lambda v, p, y: (v.yhat - y) * p["w2_11"] * v.IQ, {"missing:dO11/dz11"}),
    (
        "w1_11",
        C,
        CE,
        lambda v, p, y: (v.yhat - y) * p["w2_11"] * v.O11 * (1 + v.O11) * v.CGPA,
        {"replaced:dO11/dz11->O11(1+O11)"},
    ),
    (
        "w1_12",
        C,
        CE,
        lambda v, p, y: (v.yhat - y) * p["w2_21"] * (v.O12 - (1 - v.O12)) * v.CGPA,
        {"replaced:dO12/dz12->2*O12-1"},
    ),
    ("b12", C, CE, lambda v, p, y: (v.yhat - y) * p["w2_21"] * v.z12 * (1 - v.z12), {"replaced:dO12/dz12->z12(1-z12)"}),
    ("w1_22", C, CE, lambda v, p, y: (v.yhat - y) * p["w2_21"] * sp(v.O11) * v.IQ, {"replaced:dO12/dz12->dO11/dz11"}),
    ("w2_11", C, CE, lambda v, p, y: (v.yhat - y) * sp(v.yhat) * v.O11, {"extra:dyhat/dz21"}),
    ("w2_21", C, CE, lambda v, p, y: dL_dyhat(v, y) * v.O12, {"missing:dyhat/dz21"}),
    ("b21", C, CE, lambda v, p, y: -y / v.yhat + (1 - y) / (1 - v.yhat), {"missing:dyhat/dz21"}),
    ("b21", C, CE, lambda v, p, y: dL_dyhat(v, y) * v.yhat * (1 + v.yhat), {"replaced:dyhat/dz21->yhat(1+yhat)"}),
    ("b21", C, CE, lambda v, p, y: dL_dyhat(v, y) * v.z21 * (1 - v.z21), {"replaced:dyhat/dz21->z21(1-z21)"}),
    ("w1_11", C, CE, lambda v, p, y: (v.yhat - y) * p["w1_11"] * sp(v.O11) * v.CGPA, {"replaced:w2_11->w1_11"}),
    ("b11", C, CE, lambda v, p, y: (v.yhat - y) * p["w2_11"] * sp(v.O11) * v.CGPA, {"extra:CGPA"}),
    ("w1_21", C, CE, lambda v, p, y: (v.yhat - y) * p["w2_11"] * sp(v.O11) * v.IQ * v.O11, {"extra:O11"}),
    (
        "w1_12",
        C,
        CE,
        lambda v, p, y: (y - v.yhat) * p["w2_21"] * v.O12 * (1 + v.O12) * v.CGPA,
        {"sign", "replaced:dO12/dz12->O12(1+O12)"},
    ),
    ("w1_22", C, CE, lambda v, p, y: (v.yhat - y) * sp(v.yhat) * p["w2_21"] * sp(v.O12) * v.IQ, {"extra:dyhat/dz21"}),
    (
        "w1_21",
        C,
        CE,
        lambda v, p, y: (v.yhat - y) * p["w2_21"] * sp(v.O12) * v.IQ,  # unit 2's path
        {"replaced:w2_11->w2_21", "replaced:dO11/dz11->dO12/dz12"},
    ),
    ("w2_21", C, CE, lambda v, p, y: (v.yhat - y) * v.O12 * p["w1_22"], {"extra:w1_22"}),
    ("b12", C, CE, lambda v, p, y: (v.yhat - y) * p["w2_21"], {"missing:dO12/dz12"}),
    ("w1_11", C, CE, lambda v, p, y: dL_dyhat(v, y) * p["w2_11"] * sp(v.O11) * v.CGPA, {"missing:dyhat/dz21"}),
    ("w1_22", C, CE, lambda v, p, y: (v.yhat - y) * p["w2_21"] * sp(v.O12) * v.IQ * v.IQ, {"extra:IQ"}),
    # classification, squared loss on the sigmoid output: ∂L/∂z21 = (ŷ − y)·ŷ(1 − ŷ)
    ("w2_11", C, SQ, lambda v, p, y: (v.yhat - y) * v.O11, {"missing:dyhat/dz21"}),
    ("b21", C, SQ, lambda v, p, y: 2 * (v.yhat - y) * sp(v.yhat), {"factor_2"}),
    ("w1_11", C, SQ, lambda v, p, y: (v.yhat - y) * sp(v.yhat) * p["w2_11"] * v.CGPA, {"missing:dO11/dz11"}),
    (
        "b12",
        C,
        SQ,
        lambda v, p, y: (v.yhat - y) * (2 * v.yhat - 1) * p["w2_21"] * sp(v.O12),
        {"replaced:dyhat/dz21->2*yhat-1"},
    ),
    (
        "w1_22",
        C,
        SQ,
        lambda v, p, y: -(v.yhat - y) * sp(v.yhat) * p["w2_21"] * v.z12 * (1 - v.z12) * v.IQ,
        {"sign", "replaced:dO12/dz12->z12(1-z12)"},
    ),
    ("w2_21", C, SQ, lambda v, p, y: (v.yhat - y) * sp(v.yhat) * v.O11, {"replaced:O12->O11"}),
    ("b11", C, SQ, lambda v, p, y: 2 * (v.yhat - y) * p["w2_11"] * sp(v.O11), {"factor_2", "missing:dyhat/dz21"}),
    (
        "w1_12",
        C,
        SQ,
        lambda v, p, y: (v.yhat - y) * sp(v.yhat) * p["w2_21"] * sp(v.O12) * v.CGPA * p["w1_12"],
        {"extra:w1_12"},
    ),
    (
        "w1_21",
        C,
        SQ,
        lambda v, p, y: (v.yhat - y) * v.z21 * (1 - v.z21) * p["w2_11"] * sp(v.O11) * v.IQ,
        {"replaced:dyhat/dz21->z21(1-z21)"},
    ),
    (
        "b11",
        C,
        SQ,
        lambda v, p, y: (v.yhat - y) * sp(v.yhat) * p["w2_11"] * sp(v.O12),
        {"replaced:dO11/dz11->dO12/dz12"},
    ),
]


def test_the_catalogue_is_broad():
    """At least 30 wrong formulas, over every parameter, both tasks, both classification losses,
    and every kind of slip, alone and in pairs."""
    assert len(CATALOGUE) >= 30
    assert {name for name, *_ in CATALOGUE} == set(bp.PARAM_NAMES)
    assert {(task, loss) for _, task, loss, *_ in CATALOGUE} == set(SETTINGS)
    kinds = {s.split(":")[0] for *_, slips in CATALOGUE for s in slips}
    assert kinds == {"sign", "factor_2", "missing", "replaced", "extra"}
    assert sum(len(slips) == 2 for *_, slips in CATALOGUE) >= 8


@pytest.mark.parametrize(
    "name, task, loss, body, slips",
    CATALOGUE,
    ids=[f"{n}-{t[:3]}-{l}-{'+'.join(sorted(s))}" for n, t, l, _, s in CATALOGUE],
)
def test_catalogue_wrong_formula_is_named(name, task, loss, body, slips):
    r = bp.check_gradient(formula(task, body), name, task=task, loss=loss)
    assert not r.ok
    assert set(r.slips) == slips and len(r.slips) == len(slips), r.message
    assert ("two slips" in r.message) == (len(slips) == 2)


# -- the notes' own wrong boxes ----------------------------------------------------------------


def _box(slips, k):
    return next(s for s in slips.SLIPS if s.where.startswith(f"boxed result ({k})"))


NOTES = [
    # regression (8) and (9): w1_22 where the chain rule gives w2_21: one slip, not two
    ("w1_22", R, SQ, _box(reg_slips, 8).wrong, {"replaced:w2_21->w1_22"}),
    ("b12", R, SQ, _box(reg_slips, 9).wrong, {"replaced:w2_21->w1_22"}),
    # classification (6): the sign flipped and w2_11 lost
    ("b11", C, CE, _box(cls_slips, 6).wrong, {"sign", "missing:w2_11"}),
    # classification (4) and (8): the sign only
    ("w1_11", C, CE, _box(cls_slips, 4).wrong, {"sign"}),
    ("w1_22", C, CE, _box(cls_slips, 8).wrong, {"sign"}),
    # the chain before box (5): ∂O11/∂z11 left out
    ("w1_21", C, CE, next(s for s in cls_slips.SLIPS if s.anchor == "cls-slip-chain-5").wrong, {"missing:dO11/dz11"}),
    # the notes' σ′ = σ − (1 − σ) in ∂L/∂w²₁₁ = ∂L/∂ŷ · σ′(z21) · O11 ...
    (
        "w2_11",
        C,
        CE,
        formula(C, lambda v, p, y: dL_dyhat(v, y) * (v.yhat - (1 - v.yhat)) * v.O11),
        {"replaced:dyhat/dz21->2*yhat-1"},
    ),
    # ... and with the notes' own ∂L/∂ŷ = −(ŷ − y)/(ŷ(1 − ŷ)) as well
    (
        "w2_11",
        C,
        CE,
        formula(C, lambda v, p, y: -(v.yhat - y) / sp(v.yhat) * (v.yhat - (1 - v.yhat)) * v.O11),
        {"sign", "replaced:dyhat/dz21->2*yhat-1"},
    ),
]


@pytest.mark.parametrize("name, task, loss, fn, slips", NOTES, ids=[f"{n}-{t[:3]}" for n, t, *_ in NOTES])
def test_the_notes_wrong_boxes_are_named(name, task, loss, fn, slips):
    r = bp.check_gradient(fn, name, task=task, loss=loss)
    assert not r.ok and set(r.slips) == slips and len(r.slips) == len(slips), r.message


def test_the_notes_regression_box_8_is_one_slip():
    r = bp.check_gradient(_box(reg_slips, 8).wrong, "w1_22", task=R)
    assert r.slips == ("replaced:w2_21->w1_22",)
    assert "a weight from the wrong layer: w1_22 where the chain rule gives w2_21" in r.message


# -- right formulas in unusual forms -----------------------------------------------------------


def _sigma_prime_from_z(z):
    return math.exp(-z) / (1 + math.exp(-z)) ** 2


def _by_hand_yhat(p, x):
    return (
        p["w2_11"] * (p["w1_11"] * x[0] + p["w1_21"] * x[1] + p["b11"])
        + p["w2_21"] * (p["w1_12"] * x[0] + p["w1_22"] * x[1] + p["b12"])
        + p["b21"]
    )


RIGHT = [
    ("w1_11", R, SQ, lambda p, x, y: p["w2_11"] * x[0] * _by_hand_yhat(p, x) - y * p["w2_11"] * x[0]),
    ("b21", R, SQ, lambda p, x, y: -(y - _by_hand_yhat(p, x))),
    ("w1_22", R, SQ, formula(R, lambda v, p, y: 0.5 * 2 * (y - v.yhat) * -1 * p["w2_21"] * v.IQ)),
    ("w2_11", C, CE, formula(C, lambda v, p, y: dL_dyhat(v, y) * _sigma_prime_from_z(v.z21) * v.O11)),
    ("b12", C, CE, formula(C, lambda v, p, y: (v.yhat - y) * p["w2_21"] * bp.sigmoid(v.z12) * bp.sigmoid(-v.z12))),
    ("w1_21", C, SQ, formula(C, lambda v, p, y: np.prod([v.yhat - y, sp(v.yhat), p["w2_11"], sp(v.O11), v.IQ]))),
    ("w1_12", C, CE, formula(C, lambda v, p, y: (v.yhat * p["w2_21"] - y * p["w2_21"]) * (v.O12 - v.O12**2) * v.CGPA)),
    ("w2_21", C, SQ, formula(C, lambda v, p, y: (v.yhat - y) * _sigma_prime_from_z(v.z21) * v.O12)),
    # NumPy scalars, 0-d and one-element arrays count as numbers
    ("b21", R, SQ, formula(R, lambda v, p, y: np.float64(v.yhat - y))),
    ("b21", R, SQ, formula(R, lambda v, p, y: np.array(v.yhat - y))),
    ("b21", R, SQ, formula(R, lambda v, p, y: np.array([v.yhat - y]))),
    ("b21", C, CE, formula(C, lambda v, p, y: np.array([[v.yhat - y]]))),
    ("b21", C, CE, lambda p, x, y: bp.autodiff.gradients(p, x, y, task=C)["b21"]),  # scalar autodiff
]


@pytest.mark.parametrize("name, task, loss, fn", RIGHT, ids=[f"{n}-{t[:3]}-{l}" for n, t, l, _ in RIGHT])
def test_right_formulas_in_unusual_forms_are_right(name, task, loss, fn):
    r = bp.check_gradient(fn, name, task=task, loss=loss)
    assert r.ok and r.slips == () and r.message.startswith("Right"), r.message


# -- what must not be given a name -------------------------------------------------------------

UNNAMED = [
    # three slips at once: sign, factor 2, and IQ left out
    ("w1_22", R, SQ, lambda v, p, y: -2 * (v.yhat - y) * p["w2_21"]),
    # three: extra σ′ with cross-entropy, the wrong input, the wrong layer
    ("w1_21", C, CE, lambda v, p, y: (v.yhat - y) * sp(v.yhat) * p["w1_21"] * sp(v.O11) * v.CGPA),
    # three: both σ′ wrong and the sign
    ("b11", C, SQ, lambda v, p, y: (y - v.yhat) * v.yhat * (1 + v.yhat) * p["w2_11"] * v.z11 * (1 - v.z11)),
    # two explanations of one size: w1_11 for w2_11 and a stray w1_12, or the other way round
    ("w1_11", R, SQ, lambda v, p, y: (v.yhat - y) * p["w1_11"] * p["w1_12"] * v.CGPA),
    # unrelated to the chain
    ("b21", R, SQ, lambda v, p, y: 42.0),
    ("w2_11", C, CE, lambda v, p, y: v.yhat - y + v.O11),  # a sum, not a product
    ("w1_11", R, SQ, lambda v, p, y: v.CGPA * v.IQ),
    ("b12", C, CE, lambda v, p, y: (v.yhat - y) ** 2 * p["w2_21"] * sp(v.O12)),
]


@pytest.mark.parametrize("name, task, loss, body", UNNAMED, ids=[f"{n}-{t[:3]}" for n, t, *_ in UNNAMED])
def test_formulas_without_a_name_only_differ(name, task, loss, body):
    r = bp.check_gradient(formula(task, body), name, task=task, loss=loss)
    assert not r.ok and r.slips == () and "cannot name the slip" in r.message
    assert "yours =" in r.message and "backpropagation =" in r.message


@settings(derandomize=True, deadline=None, max_examples=60)
@given(c=st.floats(-1e3, 1e3, allow_nan=False), name=st.sampled_from(bp.PARAM_NAMES), setting=st.sampled_from(SETTINGS))
def test_a_constant_is_never_given_a_name(c, name, setting):
    task, loss = setting
    r = bp.check_gradient(lambda p, x, y: c, name, task=task, loss=loss)
    assert not r.ok and r.slips == ()


# -- any one or two slips, for every parameter and setting --------------------------------------
# The test's own model of the slips: what each one does to the right value (a ratio), from the
# forward values and nothing of the checker.


def _atoms(p, x, y, task):
    v = values(p, x, task)
    a = dict(p, CGPA=v.CGPA, IQ=v.IQ, O11=v.O11, O12=v.O12)
    for out, z in (("O11", "z11"), ("O12", "z12"), ("yhat", "z21")):
        s, zz = getattr(v, out), getattr(v, z)
        a |= {
            f"d{out}/d{z}": sp(s),
            f"{out}(1+{out})": s * (1 + s),
            f"2*{out}-1": 2 * s - 1,
            f"{z}(1-{z})": zz * (1 - zz),
        }
    return a


def _factors(name, task):
    """The factors after ∂L/∂ŷ in ∂L/∂name, unit by unit."""
    sigma = task == C
    out = ["dyhat/dz21"] if sigma else []
    if name == "b21":
        return out
    if name.startswith("w2_"):
        return out + ["O11" if name == "w2_11" else "O12"]
    unit = name[-1]
    hidden = out + [f"w2_{unit}1"] + ([f"dO1{unit}/dz1{unit}"] if sigma else [])
    return hidden + ({"1": ["CGPA"], "2": ["IQ"]}[name[3]] if name.startswith("w1_") else [])


def _instead(factor):
    if factor in ("w2_11", "w2_21"):
        return ["w1_11", "w1_12", "w1_21", "w1_22", "w2_21" if factor == "w2_11" else "w2_11"]
    if factor in ("CGPA", "IQ", "O11", "O12"):
        return [{"CGPA": "IQ", "IQ": "CGPA", "O11": "O12", "O12": "O11"}[factor]]
    out, z = {"dyhat/dz21": ("yhat", "z21"), "dO11/dz11": ("O11", "z11"), "dO12/dz12": ("O12", "z12")}[factor]
    other = {"O11": ["dO12/dz12"], "O12": ["dO11/dz11"]}.get(out, [])
    return [f"{out}(1+{out})", f"2*{out}-1", f"{z}(1-{z})", *other]


def _slips_for(name, task, loss):
    slips = [("sign", None, lambda a: -1.0)]
    if loss == SQ:
        slips.append(("factor_2", None, lambda a: 2.0))
    for f in _factors(name, task):
        slips.append((f"missing:{f}", f, lambda a, f=f: 1 / a[f]))
        slips += [(f"replaced:{f}->{g}", f, lambda a, f=f, g=g: a[g] / a[f]) for g in _instead(f)]
    extras = ["O11", "O12", "CGPA", "IQ", "w1_11", "w1_12", "w1_21", "w1_22", "w2_11", "w2_21"]
    extras += ["dyhat/dz21"] if loss == CE else []
    slips += [(f"extra:{g}", f"extra:{g}", lambda a, g=g: a[g]) for g in extras]
    return slips


def _not_one_explanation(s, t, all_ids):
    """Pairs that are a smaller explanation in disguise (or no slip at all), or one of two pairs
    that make the same formula (w1_11 for w2_11 and a stray w1_12, or the other way round)."""
    for one, other in ((s, t), (t, s)):
        kind, _, what = one.partition(":")
        f = what.split("->")[0]
        if other.startswith("extra:") and kind in ("missing", "replaced"):
            stray = other[6:]
            if stray == f or f"replaced:{f}->{stray}" in all_ids:
                return True
    return False


@settings(derandomize=True, deadline=None, max_examples=150)
@given(name=st.sampled_from(bp.PARAM_NAMES), setting=st.sampled_from(SETTINGS), data=st.data())
def test_any_one_or_two_slips_are_named(name, setting, data):
    task, loss = setting
    slips = _slips_for(name, task, loss)
    chosen = data.draw(st.lists(st.sampled_from(slips), min_size=1, max_size=2, unique_by=lambda s: s[0]))
    if len(chosen) == 2:
        (s, fs, _), (t, ft, _) = chosen
        assume(fs is None or fs != ft)  # two slips on one factor are one slip
        assume(not _not_one_explanation(s, t, {i for i, *_ in slips}))

    def wrong(p, x, y):
        a = _atoms(p, x, y, task)
        return bp.gradients(p, x, y, task=task, loss=loss)[name] * math.prod(r(a) for *_, r in chosen)

    r = bp.check_gradient(wrong, name, task=task, loss=loss)
    assert not r.ok and set(r.slips) == {i for i, *_ in chosen}, r.message


def test_merged_explanations_keep_the_smallest():
    """Missing w2_21 plus a stray w1_22 is the same formula as one weight from the wrong layer."""

    def wrong(p, x, y):
        return bp.gradients(p, x, y, task=R)["w1_22"] / p["w2_21"] * p["w1_22"]

    assert bp.check_gradient(wrong, "w1_22", task=R).slips == ("replaced:w2_21->w1_22",)


# -- the message: the whole test point, as printed ------------------------------------------------

NUMBER = r"(-?\d+(?:\.\d+)?)"


def _parse_point(message):
    row = re.search(rf"CGPA={NUMBER}, IQ={NUMBER}, y={NUMBER}", message)
    params = {n: float(re.search(rf"\b{n}={NUMBER}", message)[1]) for n in bp.PARAM_NAMES}
    yours, right = re.search(r"yours = (\S+), backpropagation = (\S+)\.$", message).groups()
    return params, [float(row[1]), float(row[2])], float(row[3]), float(yours), float(right), row


@pytest.mark.parametrize("name, task, loss, body, slips", CATALOGUE[::15])
def test_message_shows_the_whole_point_to_redo_by_hand(name, task, loss, body, slips):
    """Row, target and all nine parameters, with at most two decimals: evaluated exactly as
    printed, they give the two values the message shows."""
    fn = formula(task, body)
    r = bp.check_gradient(fn, name, task=task, loss=loss)
    params, x, y, yours, right, row = _parse_point(r.message)
    for text in [*row.groups(), *(re.search(rf"\b{n}={NUMBER}", r.message)[1] for n in bp.PARAM_NAMES)]:
        assert len(text.partition(".")[2]) <= 2, text
    assert yours == pytest.approx(fn(params, np.array(x), y), rel=1e-5)
    assert right == pytest.approx(bp.gradients(params, x, y, task=task, loss=loss)[name], rel=1e-5)
    assert yours != pytest.approx(right, rel=1e-3)


# -- the test points ---------------------------------------------------------------------------


@pytest.mark.parametrize("task", [R, C])
def test_points_have_two_decimals_and_unsaturated_distinct_units(task):
    points = exercises._points(task)
    assert len(points) == exercises.N_POINTS
    for p, x, y in points:
        for v in [*p.values(), *x, y]:
            assert float(f"{v:.2f}") == v
        f = bp.forward(p, x, task=task)
        if task == C:
            outs = [f["O11"], f["O12"], f["yhat"]]
            assert all(0.1 < o < 0.9 for o in outs)  # away from 0 and 1
            sig = sorted(sp(o) for o in outs)
            assert min(np.diff(sig)) > 0.005  # σ′ of the three units differ
            assert all(abs(2 * o - 1) > 0.1 for o in outs)  # σ − (1 − σ) is not 0
    if task == C:
        assert {y for *_, y in points} == {0.0, 1.0}


def _generic_points(task, n=12, seed=1):
    """Points with no structure (not rounded), to tell which candidates are one formula."""
    rng = np.random.default_rng(seed)
    points = []
    while len(points) < n:
        p = {k: float(rng.uniform(-1, 1)) for k in bp.PARAM_NAMES}
        x = np.array([rng.uniform(2.5, 4), rng.uniform(6, 10)])
        if task == C:
            p["w1_21"], p["w1_22"] = 0.2 * p["w1_21"], 0.2 * p["w1_22"]
        y = float(rng.integers(0, 2)) if task == C else float(rng.uniform(10, 60))
        f = bp.forward(p, x, task=task)
        if task == R or all(0.05 < f[k] < 0.95 for k in ("O11", "O12", "yhat")):
            points.append((p, x, y))
    return points


def _largest_relative_difference(values):
    v = np.array(list(values))
    d = np.abs(v[:, None, :] - v[None, :, :])
    return (d / np.maximum(np.maximum(np.abs(v[:, None, :]), np.abs(v[None, :, :])), 1e-300)).max(axis=2)


@pytest.mark.parametrize("task, loss", SETTINGS)
@pytest.mark.parametrize("name", bp.PARAM_NAMES)
def test_every_two_distinct_candidates_differ_at_a_test_point(name, task, loss):
    """Candidates that are different formulas (at points with no structure) differ at some test
    point by far more than the tolerance; the right formula (``()``) is backpropagation."""
    generic = exercises._candidate_values(name, task, loss, _generic_points(task))
    at_tests = exercises._candidate_values(name, task, loss, exercises._points(task))
    assert len(generic) > 50
    one_formula = _largest_relative_difference(generic.values()) < 1e-9
    spread = _largest_relative_difference(at_tests.values())
    assert np.all(spread[~one_formula] > 1e3 * exercises.RTOL)
    assert np.all(spread[one_formula] < exercises.RTOL)
    for (p, x, y), v in zip(exercises._points(task), at_tests[()], strict=True):
        assert v == pytest.approx(bp.gradients(p, x, y, task=task, loss=loss)[name], rel=1e-12)


# -- what comes back ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "returned, words",
    [
        (None, "None"),
        (np.array([0.1, 0.2]), "an array of shape (2,)"),
        ([0.1, 0.2, 0.3], "a list of shape (3,)"),
        ("0.5", "a string, '0.5'"),
        (True, "a bool"),
        ({"b21": 0.5}, "a dict"),
        (bp.autodiff.Value(0.5), "a Value"),
    ],
)
def test_a_return_that_is_not_one_number_says_what_came_back(returned, words):
    r = bp.check_gradient(lambda p, x, y: returned, "b21", task=R)
    assert not r.ok and r.slips == ()
    assert f"returned {words}" in r.message and "needs one number" in r.message


def test_a_non_finite_return_is_reported():
    r = bp.check_gradient(lambda p, x, y: float("nan"), "b21", task=R)
    assert not r.ok and "returned nan" in r.message
