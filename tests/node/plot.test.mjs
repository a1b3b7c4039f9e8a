// The pure functions of src/bp/js/plot.js (the canvases' axes) against their rules, derived with exact
// decimals in tests/node/fixtures_plot.py ($BP_FIXTURES/plot.json): bp has no counterpart.
// Tolerances: a step or a log tick is m·10ᵏ, which plot.js computes as m · 10 ** k in floating point:
// 1e-15 relative; linear ticks are summed step by step in plot.js: 1e-9 · step (its own slack), and
// a tick at 0 must be exactly 0 (it reads "0"). planeLimits is NumPy's arithmetic: bit for bit.
import {test} from "node:test";
import assert from "node:assert/strict";
import {niceStep, linearTicks, logTicks, lossTicks, planeLimits} from "../../src/bp/js/plot.js";
import {readFixture, tally, failures} from "./twins.mjs";

const F = readFixture("plot");
const worst = tally("plot.js", "its rules, derived with exact decimals");
const rel = (a, b) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

// The largest gap between two lists of ticks (Infinity when their numbers of ticks differ), in units of `unit`.
function tickGap(js, py, unit = null) {
  if (js.length !== py.length) return Infinity;
  return js.reduce((g, t, i) => Math.max(g, unit === null ? rel(t, py[i]) : Math.abs(t - py[i]) / unit), 0);
}


test(`niceStep and linearTicks follow their rule (${F.linear.length} spans from 1e-8 to 1e7)`, () => {
  assert.deepEqual(failures(F.linear, (c) => {
    const step = niceStep(c.hi - c.lo, c.count), g = rel(step, c.step);
    worst.seen(c, g, "steps");
    if (g > 1e-15) return `niceStep ${step}, rule ${c.step}`;
    const t = tickGap(linearTicks(c.lo, c.hi, c.count), c.ticks, c.step);
    worst.seen(c, t, "linear ticks (in steps)");
    return t <= 1e-9 ? null : `linearTicks ${linearTicks(c.lo, c.hi, c.count)}, rule ${c.ticks}`;
  }), []);
});

test("a linear tick at 0 is exactly 0 (a sum of steps gives −0.6 + 3 × 0.2 = −5.55e−17)", () => {
  assert.deepEqual(failures(F.linear, (c) => {
    const js = linearTicks(c.lo, c.hi, c.count);
    return c.ticks.some((t, i) => t === 0 && js[i] !== 0) ? `a tick of ${js[c.ticks.indexOf(0)]} for 0` : null;
  }), []);
});

test(`logTicks and lossTicks follow their rule (${F.log.length} ranges over up to 12 decades)`, () => {
  assert.deepEqual(failures(F.log, (c) => {
    const g = Math.max(tickGap(logTicks(c.lo, c.hi), c.ticks), tickGap(lossTicks(c.lo, c.hi), c.loss));
    worst.seen(c, g, "log ticks");
    return g <= 1e-15 ? null : `logTicks ${logTicks(c.lo, c.hi)} / lossTicks ${lossTicks(c.lo, c.hi)}, rule ${c.ticks} / ${c.loss}`;
  }), []);
});

test("ticks by hand", () => {
  assert.deepEqual(linearTicks(-1, 1, 4), [-1, -0.5, 0, 0.5, 1]);
  assert.deepEqual(linearTicks(0, 50, 5), [0, 10, 20, 30, 40, 50]);
  assert.deepEqual(logTicks(0.02, 0.9), [0.02, 0.05, 0.1, 0.2, 0.5]);            // two decades: 1, 2, 5
  assert.deepEqual(logTicks(0.001, 1), [0.001, 0.01, 0.1, 1]);                   // three: powers of ten
  assert.deepEqual(logTicks(1e-9, 1e3), [1e-9, 1e-6, 1e-3, 1, 1e3]);             // 13 powers, one in 3 kept
  assert.deepEqual(lossTicks(0.5, 0.9), [0.6, 0.8]);                            // one log tick: linear ones
});

test(`planeLimits is each column's range padded by 10 % + 0.1, bit for bit (${F.planes.length} planes)`, () => {
  assert.deepEqual(failures(F.planes, (c) => {
    const same = planeLimits(c.x).flat().every((v, i) => v === c.limits.flat()[i]);
    worst.seen(c, same ? 0 : Infinity, "plane limits");
    return same ? null : `planeLimits ${planeLimits(c.x)}, NumPy ${c.limits}`;
  }), []);
});

worst.report();
