"""What tests/node/plot.test.mjs checks the pure functions of src/bp/js/plot.js against.

They have no counterpart in bp (the canvases' axes): their numbers are derived here from their own
rules, with exact decimals rather than plot.js's floating-point loops. `nice_step`: the least of 1, 2,
2.5, 5 × 10ᵏ not below span / count; `linear_ticks`: the multiples k·step from lo to hi (1e-9·step
of slack at both ends), each to 12 significant digits; `log_ticks`: 1, 2, 5 × 10ᵏ (1 × 10ᵏ over
more than two decades) from lo to hi, one in ⌈n / 6⌉ kept when more than 7; `loss_ticks`: those,
or, when fewer than two, 3 linear ticks above 0; `plane_limits`: each column's range padded by
10 % + 0.1 (NumPy, as bp.explorer's `_limits` once did). Random spans of every size, seeded.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np


def _nice(k, m):
    return float(Decimal(str(m)).scaleb(k))


def nice_step(span, count):
    raw = span / max(1, count)
    k = Decimal(raw).adjusted()  # 10^k ≤ raw < 10^(k+1)
    return min(v for v in (_nice(j, m) for j in (k, k + 1) for m in (1, 2, 2.5, 5)) if v >= raw)


def linear_ticks(lo, hi, count=5):
    step = nice_step(hi - lo, count)
    k = math.ceil(Decimal(lo) / Decimal(step) - Decimal("1e-9"))
    out = []
    while Decimal(k) * Decimal(step) <= Decimal(hi) + Decimal("1e-9") * Decimal(step):
        out.append(float(f"{Decimal(k) * Decimal(step):.12g}"))
        k += 1
    return out


def log_ticks(lo, hi):
    a, b = Decimal(lo).adjusted(), Decimal(hi).adjusted() + (Decimal(hi) > Decimal(1).scaleb(Decimal(hi).adjusted()))
    mantissas = (1, 2, 5) if b - a <= 2 else (1,)
    ticks = [t for k in range(a, b + 1) for m in mantissas if lo <= (t := _nice(k, m)) <= hi]
    if len(ticks) > 7:
        ticks = ticks[:: math.ceil(len(ticks) / 6)]
    return ticks


def loss_ticks(lo, hi):
    ticks = log_ticks(lo, hi)
    return ticks if len(ticks) >= 2 else [t for t in linear_ticks(lo, hi, 3) if t > 0]


def plane_limits(x):
    x = np.asarray(x, dtype=float)
    lo, hi = x.min(axis=0), x.max(axis=0)
    pad = 0.1 * (hi - lo) + 0.1
    return [[lo[c] - pad[c], hi[c] + pad[c]] for c in (0, 1)]


def plot():
    rng = np.random.default_rng(2105)
    spans = []
    for _ in range(3000):
        scale = 10 ** rng.uniform(-6, 6)
        lo = float(rng.normal() * scale)
        spans.append((lo, lo + float(rng.uniform(0.01, 10) * scale), int(rng.integers(1, 8))))
    spans += [(-1.0, 1.0, 4), (0.0, 50.0, 5), (-2.3, 1.7, 4), (0.0, 1.0, 5), (0.0, 3.0, 3)]
    logs = [(float(10**a), float(10 ** (a + rng.uniform(0.01, 12)))) for a in rng.uniform(-12, 6, 2000)]
    logs += [(0.001, 1.0), (1e-3, 1e3), (0.5, 0.9), (2.0, 2.5)]
    planes = [rng.normal(size=(int(rng.integers(1, 50)), 2)) * 10 ** rng.uniform(-2, 2) for _ in range(300)]
    return {
        "linear": [
            {"lo": lo, "hi": hi, "count": n, "step": nice_step(hi - lo, n), "ticks": linear_ticks(lo, hi, n)}
            for lo, hi, n in spans
        ],
        "log": [{"lo": lo, "hi": hi, "ticks": log_ticks(lo, hi), "loss": loss_ticks(lo, hi)} for lo, hi in logs],
        "planes": [{"x": x, "limits": plane_limits(x)} for x in planes],
    }


FIXTURES = {"plot": plot}
