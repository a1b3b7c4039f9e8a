"""`check_gradient`: judges a learner's formula for one derivative (exercises of every chapter).

The learner writes ``fn(params, x, y)`` returning their formula for ∂L/∂name on one row
``x = [CGPA, IQ]``. We evaluate it at five fixed test points against backpropagation. When it
differs, we rebuild the usual wrong formulas from the chain of local factors whose product is
∂L/∂name, each slip an edit of that chain (the kinds are listed under `CheckResult`), and name
the slip, or the two slips, whose formula the learner's matches.

A candidate is a set of at most two slips (touching different factors). Candidates that give the
same formula, i.e. the same values at every test point, are merged and the smallest explanation
is kept: the notes' box (8), ŷ − y times w1_22 times IQ, is one slip (``replaced:w2_21->w1_22``),
not a missing w2_21 and a stray w1_22. When more than one explanation of that size fits, or none
does, the verdict only says that the formula differs and shows the numbers: a false diagnosis is
worse than none. The test points are drawn so that every two different candidates differ visibly
(tests/test_check_gradient.py checks it).
"""

from __future__ import annotations

import functools
import itertools
import math
import numbers
import textwrap
from dataclasses import dataclass

import numpy as np

from ._checks import check_task
from .network import PARAM_NAMES, forward, gradients

N_POINTS = 5
RTOL, ATOL = 1e-6, 1e-9
INPUTS = ("CGPA", "IQ")
W1 = ("w1_11", "w1_12", "w1_21", "w1_22")
W2 = ("w2_11", "w2_21")


@dataclass(frozen=True)
class CheckResult:
    """The verdict of `check_gradient`: ``ok`` is True when the formula matches backpropagation at
    every test point; ``message`` says it in words; ``slips`` holds the ids of the one or two
    slips named (empty when right, or when no slip can be named). A slip id is one of:

    - ``sign``: the opposite sign (y − ŷ where the chain rule gives ŷ − y);
    - ``factor_2``: 2(ŷ − y), the derivative of (y − ŷ)² instead of ½(y − ŷ)² (squared loss);
    - ``missing:F``: the factor ``F`` of the chain left out: ``w2_11``, ``O11``, ``CGPA``, or a
      sigmoid's local derivative, ``dO11/dz11`` = O11(1 − O11) or ``dyhat/dz21`` = ŷ(1 − ŷ)
      (with cross-entropy: ∂L/∂ŷ used without ∂ŷ/∂z21);
    - ``replaced:F->G``: ``G`` where the chain has ``F``: a weight from the wrong layer or of the
      other hidden unit, the wrong input, the wrong hidden unit, σ′ written wrong
      (``O11(1+O11)``, ``2*O11-1`` = the notes' σ − (1 − σ), ``z11(1-z11)``), or the other hidden
      unit's σ′ (``replaced:dO11/dz11->dO12/dz12``);
    - ``extra:G``: a factor that does not belong: an O, an input, a weight, or with
      cross-entropy an extra σ′(z21) (``extra:dyhat/dz21``).
    """

    ok: bool
    message: str
    slips: tuple = ()

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return textwrap.fill(self.message, 88)  # one long line would scroll in the book

    __str__ = __repr__


# -- the test points --------------------------------------------------------------------------


def _two_decimals(values):
    return [float(f"{v:.2f}") for v in values]  # the float the learner gets is the number printed


def _spread_out(params, x, y, task):
    """True when no slip can hide at this point: no factor near 0 or ±1, none equal to another."""
    size = sorted(abs(v) for v in params.values())
    if min(np.diff(size)) < 0.02:  # |w1_22| = |w2_21| would hide a weight from the wrong layer
        return False
    f = forward(params, x, task=task)
    if task == "regression":
        O = [f["O11"], f["O12"]]
        return (
            all(abs(o) > 0.2 and abs(abs(o) - 1) > 0.2 for o in O)
            and abs(abs(O[0]) - abs(O[1])) > 0.2
            and abs(f["yhat"] - y) > 1
        )
    outs = [f["O11"], f["O12"], f["yhat"]]  # σ at the two hidden units and at the output
    sp = [s * (1 - s) for s in outs]  # their σ′
    zs = [f["z11"], f["z12"], f["z21"]]
    return (
        all(0.15 < s < 0.85 and abs(s - 0.5) > 0.1 for s in outs)  # unsaturated, 2σ − 1 ≠ 0
        and all(abs(a - b) > 0.05 for a, b in itertools.combinations(outs, 2))
        and all(abs(a - b) > 0.01 for a, b in itertools.combinations(sp, 2))
        and all(abs(z - 1) > 0.1 for z in zs)
    )  # z(1 − z) ≠ 0


@functools.cache
def _points(task):
    """The five test points ``(params, x, y)``: seeded, every value with two decimals, spread out."""
    rng = np.random.default_rng(0)
    low, high = dict.fromkeys(PARAM_NAMES, 0.1), dict.fromkeys(PARAM_NAMES, 0.9)
    if task == "classification":  # w1_21, w1_22 multiply IQ ≈ 8: small, or the hidden units saturate
        low.update(w1_21=0.02, w1_22=0.02)
        high.update(w1_21=0.3, w1_22=0.3)
    points = []
    while len(points) < N_POINTS:
        size = rng.uniform([low[n] for n in PARAM_NAMES], [high[n] for n in PARAM_NAMES])
        params = dict(zip(PARAM_NAMES, _two_decimals(size * rng.choice([-1, 1], len(PARAM_NAMES))), strict=True))
        x = _two_decimals(rng.uniform([2.5, 6.0], [4.0, 10.0]))  # CGPA, IQ
        y = float(len(points) % 2) if task == "classification" else _two_decimals([rng.uniform(10, 60)])[0]
        if _spread_out(params, np.array(x), y, task):
            points.append((params, tuple(x), y))
    return tuple(points)


# -- the chain and its usual slips ----------------------------------------------------------


def _chain(name, task):
    """The keys of the local factors whose product is ∂L/∂name, along its path back from L."""
    chain = ["dL/dyhat"]
    if task == "classification":
        chain.append("dyhat/dz21")  # with cross-entropy, ∂L/∂ŷ · ∂ŷ/∂z21 = ŷ − y
    if name == "b21":
        return chain
    if name in W2:
        return chain + [f"O1{name[3]}"]
    j = name[-1]  # the hidden unit that w1_ij and b1j feed
    chain.append(f"w2_{j}1")
    if task == "classification":
        chain.append(f"dO1{j}/dz1{j}")
    if name in W1:
        chain.append(INPUTS[int(name[3]) - 1])
    return chain


def _atoms(params, x, y, task, loss):
    """The value of every factor a candidate formula can contain, at one point, by key."""
    f = forward(params, x, task=task)
    a = dict(params, CGPA=float(x[0]), IQ=float(x[1]), O11=f["O11"], O12=f["O12"])
    a["dL/dyhat"] = f["yhat"] - y
    if task == "classification":
        for out, z in (("O11", "z11"), ("O12", "z12"), ("yhat", "z21")):
            s, zv = f[out], f[z]
            a[f"d{out}/d{z}"] = s * (1 - s)  # σ′(z), written with the unit's output
            a[f"{out}(1+{out})"] = s * (1 + s)
            a[f"2*{out}-1"] = s - (1 - s)
            a[f"{z}(1-{z})"] = zv * (1 - zv)
        if loss == "cross_entropy":
            a["dL/dyhat"] = (f["yhat"] - y) / a["dyhat/dz21"]  # −y/ŷ + (1 − y)/(1 − ŷ)
    return a


def _replacements(key):
    """What a learner writes instead of the factor ``key``."""
    if key in W2:
        return [*W1, *(w for w in W2 if w != key)]
    if key in INPUTS:
        return [k for k in INPUTS if k != key]
    if key in ("O11", "O12"):
        return ["O12" if key == "O11" else "O11"]
    if key.startswith("d") and "/dz" in key:  # a σ′: dO11/dz11, dO12/dz12 or dyhat/dz21
        out, z = key[1:].split("/d")
        forms = [f"{out}(1+{out})", f"2*{out}-1", f"{z}(1-{z})"]
        if out != "yhat":
            forms.append("dO12/dz12" if out == "O11" else "dO11/dz11")
        return forms
    return []


def _single_slips(chain, loss):
    slips = ["sign"] + (["factor_2"] if loss == "squared" else [])
    for key in chain[1:]:  # ∂L/∂ŷ itself is never dropped
        slips += [f"missing:{key}"] + [f"replaced:{key}->{new}" for new in _replacements(key)]
    extras = ["O11", "O12", *INPUTS, *W1, *W2] + (["dyhat/dz21"] if loss == "cross_entropy" else [])
    return slips + [f"extra:{key}" for key in extras]


def _touches(slip):
    """What a slip changes: two slips of one candidate must change different things."""
    kind, _, what = slip.partition(":")
    return what.split("->")[0] if kind in ("missing", "replaced") else slip


@functools.cache
def _candidates(name, task, loss):
    """Every set of one or two slips, each as a tuple of slip ids in the order of the chain."""
    singles = _single_slips(_chain(name, task), loss)
    pairs = [p for p in itertools.combinations(singles, 2) if _touches(p[0]) != _touches(p[1])]
    return [(s,) for s in singles] + pairs


def _formula(chain, slips):
    """The formula that the slips make of the chain: a coefficient and the keys of its factors."""
    coef, keys = 1.0, list(chain)
    for slip in slips:
        kind, _, what = slip.partition(":")
        if kind == "sign":
            coef = -coef
        elif kind == "factor_2":
            coef *= 2
        elif kind == "missing":
            keys.remove(what)
        elif kind == "replaced":
            old, new = what.split("->")
            keys[keys.index(old)] = new
        else:
            keys.append(what)
    return coef, keys


def _value(chain, slips, atoms):
    coef, keys = _formula(chain, slips)
    return coef * math.prod(atoms[k] for k in keys)


def _candidate_values(name, task, loss, points):
    """Each candidate's values at ``points``, by its tuple of slip ids (``()``: the right formula)."""
    chain = _chain(name, task)
    atoms = [_atoms(*point, task, loss) for point in points]
    return {c: [_value(chain, c, a) for a in atoms] for c in [(), *_candidates(name, task, loss)]}


# -- the words ----------------------------------------------------------------------------------


def _text(key):
    """How a factor is written in the message: O11(1 − O11) for dO11/dz11, ŷ for yhat …"""
    if key.startswith("d") and "/dz" in key:
        out = key[1:].split("/d")[0]
        key = f"{out}(1-{out})"
    key = key.replace("yhat", "ŷ")
    if key.startswith("2*"):
        s = key[2:-2]
        return f"{s} − (1 − {s})"
    return key.replace("(1+", "(1 + ").replace("(1-", "(1 − ")


def _say(slip, loss):
    """One slip in words."""
    kind, _, what = slip.partition(":")
    if kind == "sign":
        return "the sign is wrong: the chain rule gives the opposite sign (ŷ − y, not y − ŷ)"
    if kind == "factor_2":
        return (
            "a factor 2 too many: 2(ŷ − y) is the derivative of (y − ŷ)², but the loss is ½(y − ŷ)², "
            "whose ½ is there to cancel that 2"
        )
    if kind == "missing" and what == "dyhat/dz21" and loss == "cross_entropy":
        return (
            "a factor is missing: ∂ŷ/∂z21 = ŷ(1 − ŷ); ∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)) needs it, "
            "and together they make ∂L/∂z21 = ŷ − y"
        )
    if kind == "missing":
        return f"a factor is missing: {_text(what)}"
    if kind == "extra" and what == "dyhat/dz21":
        return "an extra σ′(z21) = ŷ(1 − ŷ): with cross-entropy it cancels against ∂L/∂ŷ, so ∂L/∂z21 = ŷ − y"
    if kind == "extra":
        return f"an extra factor that does not belong: {what}"
    old, new = what.split("->")
    if old in W2:
        why = "a weight from the wrong layer" if new in W1 else "the other hidden unit's weight"
    elif old in INPUTS:
        why = "the wrong input"
    elif old in ("O11", "O12"):
        why = "the wrong hidden unit"
    elif new.startswith("d"):
        why = "the other hidden unit's σ′"
    elif new.startswith("z"):
        out = old[1:].split("/d")[0].replace("yhat", "ŷ")
        why = f"σ′ taken of {new[:3]} instead of {out}"
    else:
        why = "σ′ written wrong"
    return f"{why}: {_text(new)} where the chain rule gives {_text(old)}"


def _describe(value):
    """What a learner's function returned, in words, when it is not one number."""
    if value is None:
        return "None (is a `return` missing?)"
    if isinstance(value, (str, bytes)):
        return f"a string, {value!r}"
    try:
        shape = np.shape(value) if isinstance(value, (np.ndarray, list, tuple)) else None
    except ValueError:  # a ragged list
        shape = None
    if shape and math.prod(shape) != 1:
        kind = "an array" if isinstance(value, np.ndarray) else f"a {type(value).__name__}"
        return f"{kind} of shape {shape} ({math.prod(shape)} values)"
    text = repr(value)
    return f"a {type(value).__name__}, {text if len(text) < 60 else text[:57] + '...'}"


def _as_number(value):
    """The learner's value as a float: a real number, a NumPy scalar, a 0-d or one-element array;
    None for anything else."""
    if isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        return None
    if not isinstance(value, numbers.Real):
        try:
            array = np.asarray(value)
        except Exception:  # a ragged list, an object NumPy cannot read
            return None
        if array.dtype.kind not in "iuf" or array.size != 1:
            return None
        value = array.reshape(())[()]
    return float(value)


def _where_text(point):
    """The test point in words, up to the two values (``At the test point CGPA=…: ``)."""
    params, x, y = point
    values = ", ".join(f"{n}={params[n]:g}" for n in PARAM_NAMES)
    return f"At the test point CGPA={x[0]:g}, IQ={x[1]:g}, y={y:g}, {values}: "


def _symbols(params, x, y, task):
    """The value of every name a learner's formula may use at one test point (the page's names)."""
    f = forward(params, np.array(x), task=task)
    out = dict(params, CGPA=float(x[0]), IQ=float(x[1]), y=float(y))
    out.update({k: float(f[k]) for k in ("z11", "z12", "O11", "O12", "z21", "yhat")})
    return out


@functools.cache
def _table(name, task, loss):
    points = _points(task)
    values = _candidate_values(name, task, loss, points)
    right = [float(gradients(p, np.array(x), y, task=task, loss=loss)[name]) for p, x, y in points]
    ids = dict.fromkeys(s for c in values for s in c)
    return {
        "name": name,
        "task": task,
        "loss": loss,
        "points": [_symbols(*point, task) for point in points],
        "rows": [[float(point[1][0]), float(point[1][1])] for point in points],
        "where": [_where_text(point) for point in points],
        "right": right,
        "candidates": [{"slips": list(c), "values": [float(v) for v in vs]} for c, vs in values.items() if c],
        "words": {s: _say(s, loss) for s in ids},
        "rtol": RTOL,
        "atol": ATOL,
    }


def judge_table(name, task, loss=None):
    """Everything that judges a formula for ∂L/∂``name``, as plain data (the page's widget state too).

    A dict: ``points``, the value of every name a formula may use (``CGPA``, ``IQ``, ``y``, the
    nine parameters, ``z11`` … ``yhat``) at each of the five test points; ``rows``, each point's
    row; ``where``, each point in words; ``right``, ∂L/∂name by backpropagation at each point;
    ``candidates``, every set of one or two slips (``slips``, its ids) with its formula's
    ``values`` at the points; ``words``, each slip id in words; ``rtol``, ``atol``, the tolerance.
    `judge` turns a learner's values at the points into `check_gradient`'s verdict.
    """
    task, loss = check_task(task, loss)
    if name not in PARAM_NAMES:
        raise KeyError(f"unknown parameter {name!r}; expected one of {', '.join(PARAM_NAMES)}")
    return _table(name, task, loss)


def _close_in(table):
    atol, rtol = table["atol"], table["rtol"]
    return lambda a, b: abs(a - b) <= atol + rtol * max(abs(a), abs(b))


def _fitting(yours, table):
    """The smallest set of slips whose values are the learner's at every point; () when none is, or
    when more than one of that size is (tables from `judge_table`)."""
    close = _close_in(table)
    fits = [c["slips"] for c in table["candidates"] if all(map(close, yours, c["values"]))]
    if not fits:
        return ()
    smallest = [c for c in fits if len(c) == min(map(len, fits))]  # all one formula, merged
    return tuple(smallest[0]) if len(smallest) == 1 else ()


def _not_finite(value, k, table):
    cgpa, iq = table["rows"][k]
    return CheckResult(
        False,
        f"Your function returned {value} at the row x = [{cgpa:g}, {iq:g}]: "
        f"∂L/∂{table['name']} is a finite number there.",
    )


def judge(values, table):
    """`check_gradient`'s verdict (a `CheckResult`) on a learner's ``values`` at the test points of
    ``table`` (from `judge_table`): one number per point, finite or not."""
    for k, v in enumerate(values):
        if not math.isfinite(v):
            return _not_finite(v, k, table)
    name, close, right = table["name"], _close_in(table), table["right"]
    if all(map(close, values, right)):
        return CheckResult(True, f"Right: your ∂L/∂{name} matches backpropagation at all {len(right)} test points.")
    k = next(i for i, (a, b) in enumerate(zip(values, right, strict=True)) if not close(a, b))
    where = f"{table['where'][k]}yours = {values[k]:.6g}, backpropagation = {right[k]:.6g}."
    slips, words = _fitting(values, table), table["words"]
    if len(slips) == 1:
        return CheckResult(False, f"Not quite: {words[slips[0]]}. {where}", slips)
    if len(slips) == 2:
        return CheckResult(False, f"Not quite, two slips: {words[slips[0]]}; and {words[slips[1]]}. {where}", slips)
    return CheckResult(
        False,
        f"Not quite: your ∂L/∂{name} differs from backpropagation, and the checker "
        f"cannot name the slip: work the chain out by hand at this point. {where}",
    )


def check_gradient(fn, name, *, task, loss=None):
    """Judge ``fn(params, x, y)``: the learner's formula for ∂L/∂(``name``) on one row.

    Used by the exercises of the chapters "The chain rule", "Backpropagation for regression" and
    "Backpropagation for classification". Returns a `CheckResult`: "Right", or the slip(s) it
    names (also as ids in ``.slips``), or that the formula differs; with the whole test point
    (row, target, the nine parameters) and both values, to redo it by hand. The verdict is
    `judge` of the values ``fn`` gives at the test points, against `judge_table` (the page's
    practice items judge a typed formula with the same table).
    """
    table = judge_table(name, task, loss)
    yours = []
    for params, x, y in _points(table["task"]):
        try:
            got = fn(dict(params), np.array(x), y)
        except Exception as e:  # the learner's code: report, don't crash the notebook
            return CheckResult(False, f"Your function raised {type(e).__name__}: {e}")
        value = _as_number(got)
        if value is None:
            return CheckResult(
                False,
                f"Your function returned {_describe(got)}, but check_gradient "
                f"needs one number: ∂L/∂{name} at one row x = [CGPA, IQ] with target y.",
            )
        if not math.isfinite(value):
            return _not_finite(value, len(yours), table)
        yours.append(value)
    return judge(yours, table)
