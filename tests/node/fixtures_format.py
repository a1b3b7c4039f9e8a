"""What tests/node/format.test.mjs checks src/bp/js/format.js against: the numbers as Python writes them.

`fmtE(v, d)` is Python's ``f"{v:.{d}e}"`` (the explorer's η, the tangent's relative error) and
`fmtG(v, p)` is ``f"{v:.{p}g}"`` (every loss on the pages; ``.6g`` as bp's messages print them:
bp.exercises, bp.mlp_exercises, bp.autodiff). `fmtTick` (the canvases' tick labels) has no Python
counterpart: its labels are derived here from its own rule, with exact decimal arithmetic
(`tick_label`). Values: random doubles of every magnitude (subnormals too) and sign, round numbers
and their neighbours one double away, the ends of 'g''s fixed range (1e-4, 10^p), 0, −0, ±inf, NaN,
and numbers exactly halfway between two results (ties), marked so that the test keeps them apart.
"""

from __future__ import annotations

import math
import sys
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

E_DIGITS = range(0, 7)
G_PRECISIONS = range(1, 9)


def _values(rng):
    """Doubles of every magnitude and sign, round numbers and their neighbours, and the special ones."""
    random = np.sign(rng.normal(size=3000)) * 10 ** rng.uniform(-320, 308.2, 3000)
    mid = rng.normal(size=1000) * 10.0 ** rng.integers(-6, 8, 1000)
    round_ = [m * 10.0**k for k in range(-8, 10) for m in (1, 2, 2.5, 5, 9.99999, 9.999995, 0.99995)]
    near = [math.nextafter(v, t) for v in round_ for t in (-math.inf, math.inf)]
    special = [
        0.0,
        -0.0,
        5e-324,
        -5e-324,
        sys.float_info.max,
        -sys.float_info.max,
        sys.float_info.min,
        1e-4,
        1e-5,
        0.0001,
        123456.0,
        999999.0,
        1e21,
        1e22,
        1234567.0,
        math.nan,
        math.inf,
        -math.inf,
    ]
    # Exact binary fractions: many are ties at some precision (2.5 → "2" or "3"; 0.125 at 2 digits).
    halves = [k + 0.5 for k in range(12)] + [k / 8 for k in range(1, 40)] + [100000.5, 1234565.0, 98765435.0]
    values = [*random, *mid, *halves, *round_, *near, *special]
    return values + [-v for v in values[len(random) + len(mid) :]]


def _tie(v, digits):
    """Whether v, rounded to `digits` significant digits, lies exactly halfway between two results."""
    if not math.isfinite(v) or v == 0:
        return False
    scaled = Decimal(v).scaleb(digits - 1 - Decimal(v).adjusted())
    return abs(scaled - scaled.to_integral_value(rounding="ROUND_DOWN")) == Decimal("0.5")


def tick_label(v):
    """fmtTick's rule: 0.001 to 99999.9… as the shortest decimal of v rounded to 6 significant digits;
    other magnitudes as m·10^e, m the shortest decimal of v's mantissa rounded to 3 digits ("2.5e−7",
    "1e6"); "−" (U+2212) for every minus sign, the mantissa's too ("−2.5e6").
    JavaScript's toPrecision rounds a tie away from zero: ROUND_HALF_UP. Finite v only."""

    def shortest(x):  # the shortest decimal that reads back as x, without a trailing ".0"
        text = repr(float(x))
        return text[:-2] if text.endswith(".0") else text

    def rounded(x, k):  # x's exact value to k significant digits, ties away from zero
        d = Decimal(x)
        return float(d.quantize(Decimal(1).scaleb(d.adjusted() - k + 1), rounding=ROUND_HALF_UP))

    if v != 0 and (abs(v) < 1e-3 or abs(v) >= 1e5):
        m, e = f"{Decimal(repr(float(v))):e}".split("e")  # the shortest decimal of v, as d.ddd…e±x
        mantissa = shortest(rounded(float(m), 3)).replace("-", "−")
        return f"{mantissa}e{'−' if int(e) < 0 else ''}{abs(int(e))}"
    return shortest(rounded(v, 6) if v != 0 else 0.0).replace("-", "−")


def formats():
    rng = np.random.default_rng(2103)
    values = _values(rng)
    e = [[format(v, f".{d}e") for d in E_DIGITS] for v in values]
    g = [[format(v, f".{p}g") for p in G_PRECISIONS] for v in values]
    ties_e = [[_tie(v, d + 1) for d in E_DIGITS] for v in values]
    ties_g = [[_tie(v, p) for p in G_PRECISIONS] for v in values]
    ticks = [
        *(v for v in values if math.isfinite(v)),
        *(s * m * 10.0**k for k in range(-9, 12) for m in (1, 2, 2.5, 5, 7.5) for s in (1, -1)),
    ]
    return {
        "values": values,
        "e_digits": list(E_DIGITS),
        "g_precisions": list(G_PRECISIONS),
        "e": e,
        "g": g,
        "ties_e": ties_e,
        "ties_g": ties_g,
        "ticks": ticks,
        "tick_labels": [tick_label(v) for v in ticks],
    }


FIXTURES = {"formats": formats}
