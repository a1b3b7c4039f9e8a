// src/bp/js/network.js against bp.network (tests/node/fixtures_network.py, in $BP_FIXTURES/network.json):
// thousands of random parameters, batches, tasks and losses.
// Tolerances: regression (squared loss on a linear output) is +, −, × and np.mean's pairwise sum in
// Python's order: bit for bit. Classification goes through tanh (the sigmoid) and log1p/exp (the
// cross-entropy), whose last bit differs between V8 and the C library NumPy calls: 1e-13 (gap1 of
// twins.mjs) on forward values, loss and gradients; the central differences divide those last bits
// by 2h: 1e-13 · (1 + |L|) / h; short SGD runs, whose rounding grows with each step: 1e-10. Runs with
// η from 1 to 100 are chaotic (each step can multiply the last bits' difference by η·|w|): of those,
// classification's are compared on the divergence, the epochs and the starting loss only (1e-13).
import {test} from "node:test";
import assert from "node:assert/strict";
import {forward, meanLoss, gradients, numericalGradient, sgdStep, train, PARAM_NAMES} from "../../src/bp/js/network.js";
import {readFixture, gap, gap1, tally, failures} from "./twins.mjs";

const {limit: LIMIT, names, cases, diverging, limits} = readFixture("network");
const KEYS = ["z11", "z12", "O11", "O12", "z21", "yhat"];
const values = (p) => PARAM_NAMES.map((n) => p[n]);
const exact = (c) => c.task === "regression";
const tol = (c, t) => (exact(c) ? 0 : t);
const worst = tally("network.js", "bp.network");

const describe = (c) => ({task: c.task, loss: c.loss, params: c.params, x: c.x, y: c.y});
const failed = (list, check) => failures(list, check, describe);

// The tally's kinds: the task (regression is bit for bit), then what is compared.
function kindOf(c, what) {
  if (what.startsWith("run's")) return "classification chaotic runs' starting loss";
  const part = what === "run" ? (c.eta >= 1 ? " runs with η ≥ 1" : " runs") : what.startsWith("central") ? " central differences" : "";
  return `${exact(c) ? "regression" : "classification"}${part}`;
}

// `what` of setting c is within `t`: counts the gap in the tally and says what is off (null when within).
function within(c, what, g, t) {
  worst.seen(c, g, kindOf(c, what));
  return g <= t ? null : `${what}: gap ${g} > ${t}`;
}

test("the parameters' names and order are bp.network.PARAM_NAMES", () => assert.deepEqual(PARAM_NAMES, names));

test(`forward values, loss and gradients equal bp.network's (${cases.length} settings)`, () => {
  assert.deepEqual(failed(cases, (c) => {
    const kw = {task: c.task, loss: c.loss};
    const f = c.x.map(([CGPA, IQ]) => forward(c.params, CGPA, IQ, c.task));
    for (const k of KEYS) {
      const g = gap(f.map((r) => r[k]), c.forward[k]);
      const why = within(c, `forward ${k}`, g, tol(c, 1e-13));
      if (why) return why;
    }
    return within(c, "loss", gap1(meanLoss(c.params, c.x, c.y, kw), c.L), tol(c, 1e-13))
      ?? within(c, "gradients", gap(values(gradients(c.params, c.x, c.y, kw)), values(c.gradients)), tol(c, 1e-13));
  }), []);
});

test("central differences equal bp.network.numerical_gradients", () => {
  const some = cases.filter((c) => c.numerical);
  assert.ok(some.length >= 400);
  assert.deepEqual(failed(some, (c) => {
    const js = PARAM_NAMES.map((n) => numericalGradient(c.params, c.x, c.y, n, {task: c.task, loss: c.loss, h: c.h}));
    return within(c, `central differences, h = ${c.h}`, gap(js, values(c.numerical)), tol(c, (1e-13 * (1 + Math.abs(c.L))) / c.h));
  }), []);
});

test("an SGD step is w − η·g for each of the nine parameters, in that order", () => {
  const q = Object.fromEntries(PARAM_NAMES.map((n, i) => [n, i + 0.5])), g = Object.fromEntries(PARAM_NAMES.map((n, i) => [n, 2 ** -i]));
  assert.deepEqual(values(sgdStep(q, g, 0.25)), PARAM_NAMES.map((_, i) => i + 0.5 - 0.25 * 2 ** -i));
});

// The JS run of c against Python's c.run: the same divergence, epochs and numbers.
function sameRun(c, limit) {
  const r = train(c.params, c.x, c.y, {task: c.task, loss: c.loss, eta: c.run.eta, epochs: c.run.epochs, limit});
  if (r.diverged !== c.run.diverged) return `diverged ${r.diverged}, bp.network ${c.run.diverged} (eta ${c.run.eta})`;
  if (r.losses.length !== c.run.losses.length) return `${r.losses.length} losses, bp.network ${c.run.losses.length}`;
  if (c.run.eta >= 1 && !exact(c)) return within(c, "run's starting loss", gap(r.losses.slice(0, 1), c.run.losses.slice(0, 1)), 1e-13);
  return within(c, "run", Math.max(gap(r.losses, c.run.losses), gap(values(r.params), values(c.run.params))), tol(c, 1e-10));
}

test("short SGD runs equal bp.network.train's", () => {
  const runs = cases.filter((c) => c.run);
  assert.ok(runs.length > 500);
  assert.deepEqual(failed(runs, (c) => sameRun(c, LIMIT)), []);
});

test(`runs with η up to 100 diverge when bp.network.train's do, at the same epoch (limit ${LIMIT})`, () => {
  const n = diverging.filter((c) => c.run.diverged).length;
  assert.ok(n > 100 && n < diverging.length, `${n} of ${diverging.length} diverged: both kinds are needed`);
  assert.ok(diverging.some((c) => c.run.diverged && c.run.losses.length === 0), "no run diverged before training");
  assert.deepEqual(failed(diverging, (c) => sameRun(c, LIMIT)), []);
});

test("a loss equal to the limit is not divergence, one a double above it is", () => {
  assert.deepEqual(limits.map((c) => c.run.diverged), limits.map((_, i) => i % 2 === 1));  // the fixture's own claim
  assert.deepEqual(failed(limits, (c) => sameRun(c, c.limit)), []);
});

worst.report();
