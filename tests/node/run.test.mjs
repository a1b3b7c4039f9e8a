// src/bp/js/run.js against bp.playground (tests/node/fixtures_run.py, in $BP_FIXTURES/run.json): the
// data as the page standardises it (bit for bit: a subtraction and a division per number), the
// layer sizes of the settings, and whole runs of the page's runner (createRunner, as the Web Worker
// and the page's thread drive it) against Playground.result: the losses (1e-9: bp.mlp.train's
// matrix products round differently in the last bits, and the runs are short and stable), the
// divergence, the gradient sizes at the start (1e-12) and the end (1e-9), the accuracy, the plane's
// limits (bit for bit) and ŷ over it (1e-9). A run cut into chunks of 64 rows gives the same numbers.
import {test} from "node:test";
import assert from "node:assert/strict";
import {createRunner, standardized, sizesOf, outputsOf, workOf, GRID} from "../../src/bp/js/run.js";
import {readFixture, gap, tally} from "./twins.mjs";

const F = readFixture("run");
const worst = tally("run.js", "bp.playground.Playground");

test("standardized equals bp.playground.standardized bit for bit", () => {
  for (const d of F.datasets) assert.deepEqual(standardized(d), F.standardized[d.name], d.name);
});

test("sizesOf is Playground.sizes; the grid is 48 × 48", () => {
  assert.equal(GRID, F.grid);
  for (const c of F.cases) {
    assert.deepEqual(sizesOf(c.settings, outputsOf(F.datasets.find((d) => d.name === c.settings.dataset))), c.sizes);
  }
});

test("workOf counts multiply-adds: the playground's defaults are 3.6e6", () => {
  // [2, 4, 4, 1]: 28 products and 8 tanh units (15 each) per row: 4·28 + 2·15·8 = 352, × 200 rows × 51 passes.
  const defaults = {hidden_layers: 2, width: 4, activation: "tanh", epochs: 50};
  assert.equal(workOf(defaults, 200), 352 * 200 * 51);
  assert.equal(workOf({...defaults, activation: "relu"}, 200), (4 * 28 + 2 * 8) * 200 * 51);
  assert.equal(workOf({hidden_layers: 0, width: 8, activation: "sigmoid", epochs: 0}, 10), 4 * 2 * 10);
  // [2, 3, 1] sigmoid: 9 products, 3 units at 15: 4·9 + 2·15·3 = 126 per row and pass, 2 passes.
  assert.equal(workOf({hidden_layers: 1, width: 3, activation: "sigmoid", epochs: 1}, 1), 126 * 2);
});

// The runner's final state for settings s: budgetMs Infinity runs in one chunk, 0 in a chunk per
// 64 rows (each chunk handed to `later`, run here from a queue as an event loop would).
function runOf(s, budgetMs) {
  const out = [], queue = [];
  const receive = createRunner((msg) => out.push(msg), {budgetMs, later: (f) => queue.push(f)});
  receive({type: "init", datasets: F.datasets, limit: F.limit});
  receive({type: "start", id: 1, settings: s, until: s.epochs});
  while (queue.length) queue.shift()();
  const states = out.filter((m) => m.type === "state");
  assert.equal(states.length, 1, "one state at the end");
  return {state: states[0], chunks: out.length};
}

// How far the runner's state is from Playground's (Infinity when the divergence or the epochs differ).
function distance(st, c) {
  if (st.diverged !== c.diverged || st.losses.length !== c.losses.length || !st.finished) return Infinity;
  const parts = [gap(st.losses, c.losses), gap(st.gradStart, c.gradStart) * 1e3, gap(st.gradEnd, c.gradEnd),
                 st.accuracy === c.accuracy ? 0 : Infinity];
  if (c.grid) parts.push(gap(st.grid, c.grid), gap(st.limits.flat(), c.limits.flat()) === 0 ? 0 : Infinity);
  return Math.max(...parts);
}

test(`the runner's runs equal Playground.result (${F.cases.length} settings, every data set)`, () => {
  assert.ok(F.cases.some((c) => c.grid) && F.cases.some((c) => c.settings.batch_size === null));
  for (const c of F.cases) {
    const {state} = runOf(c.settings, Infinity);
    const g = distance(state, c);
    worst.seen(c, g);
    assert.ok(g <= 1e-9, `${JSON.stringify(c.settings)}: gap ${g} (gradStart counted ×1000, its tolerance is 1e-12)`);
  }
});

test("a run cut into chunks gives the same state as one chunk", () => {
  const long = F.cases.filter((c) => c.settings.epochs >= 5).slice(0, 5);
  assert.ok(long.length >= 3);
  for (const c of long) {
    const whole = runOf(c.settings, Infinity), chunked = runOf(c.settings, 0);
    assert.ok(chunked.chunks > whole.chunks, "the chunked run was cut");
    assert.deepEqual(chunked.state.losses, whole.state.losses);
    assert.deepEqual([...chunked.state.grid], [...whole.state.grid]);
  }
});

worst.report();
