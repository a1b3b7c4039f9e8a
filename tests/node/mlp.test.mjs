// src/bp/js/mlp.js against bp.mlp (tests/node/fixtures_mlp.py, in $BP_FIXTURES/mlp.json): random
// architectures, activations, tasks (multiclass included), scales, seeds and batch sizes.
// Tolerances: the seeded generator and the initial layers are +, −, ×, / and sqrt: bit for bit.
// NumPy's matrix products (BLAS: another order of the sums, fused multiply-adds) and np.tanh, np.exp
// round differently in the last bits: 1e-12 (gap1 of twins.mjs) on ŷ, the loss and the gradients;
// short runs, whose rounding grows with each step: 1e-9.
import {test} from "node:test";
import assert from "node:assert/strict";
import {ACTIVATIONS, uniforms, init, forward, meanLoss, gradients, train} from "../../src/bp/js/mlp.js";
import {readFixture, gap, gap1, tally, asMatrix, asLayers, flat, failures} from "./twins.mjs";

const {limit: LIMIT, activations, uniforms: streams, cases, diverging} = readFixture("mlp");
const worst = tally("mlp.js", "bp.mlp");
const kind = (c) => (c.task === "classification" && c.loss === "squared" ? "classification (squared)" : c.task);

// The settings of `list` where check(c, X, y) fails (twins.mjs's failures), X and y as mlp.js takes them.
const failed = (list, check) => failures(list, (c) => check(c, asMatrix(c.X), Float64Array.from(c.y)),
                                         (c) => ({...c, layers: undefined, run: undefined, gradients: undefined, yhat: undefined}));

function within(c, what, g, t) {
  worst.seen(c, g, what === "run" ? "runs" : kind(c));
  return g <= t ? null : `${what}: gap ${g} > ${t}`;
}

test("the activations are bp.mlp.ACTIVATIONS", () => assert.deepEqual(ACTIVATIONS, activations));

test(`uniforms equals bp.mlp.uniforms bit for bit (${streams.length} seeds, 0 and 2³² − 1 among them)`, () => {
  for (const {seed, u} of streams) assert.deepEqual([...uniforms(seed, u.length)], u, `seed ${seed}`);
});

test(`init equals bp.mlp.init bit for bit (${cases.length + diverging.length} architectures, scales and seeds)`, () => {
  assert.deepEqual(failed([...cases, ...diverging], (c) => {
    const js = flat(init(c.sizes, {seed: c.seed, scale: c.scale})), py = flat(c.layers);
    return js.length === py.length && js.every((v, i) => Object.is(v, py[i])) ? null : "init differs";
  }), []);
});

test("ŷ, the loss and the gradients equal bp.mlp's to 1e-12", () => {
  assert.deepEqual(failed(cases, (c, X, y) => {
    const layers = asLayers(c.layers);
    const yhat = forward(layers, X, c.task, c.hidden).at(-1).a.data;
    return within(c, "ŷ", gap([...yhat], c.yhat.flat()), 1e-12)
      ?? within(c, "loss", gap1(meanLoss(layers, X, y, c.task, c.hidden, c.loss), c.L), 1e-12)
      ?? within(c, "gradients", gap(flat(gradients(layers, X, y, c.task, c.hidden, c.loss)), flat(c.gradients)), 1e-12);
  }), []);
});

// The JS run of c against Python's c.run: the same divergence, epochs and numbers.
function sameRun(c, X, y) {
  const r = train(asLayers(c.layers), X, y, {task: c.task, hidden: c.hidden, loss: c.loss, eta: c.eta, epochs: c.epochs,
                                             batchSize: c.batch_size, limit: LIMIT});
  if (r.diverged !== c.run.diverged) return `diverged ${r.diverged}, bp.mlp ${c.run.diverged} (eta ${c.eta})`;
  if (r.losses.length !== c.run.losses.length) return `${r.losses.length} losses, bp.mlp ${c.run.losses.length}`;
  return within(c, "run", Math.max(gap(r.losses, c.run.losses), gap(flat(r.layers), flat(c.run.layers))), 1e-9);
}

test("short runs (per-sample, mini-batch, full batch) equal bp.mlp.train's to 1e-9", () => {
  for (const b of [1, null]) assert.ok(cases.some((c) => c.batch_size === b), `no run with batch size ${b}`);
  assert.deepEqual(failed(cases, sameRun), []);
});

test(`runs with η up to 1000 diverge when bp.mlp.train's do, at the same epoch (limit ${LIMIT})`, () => {
  const n = diverging.filter((c) => c.run.diverged).length;
  assert.ok(n >= 20 && n < diverging.length, `${n} of ${diverging.length} diverged: both kinds are needed`);
  assert.ok(diverging.some((c) => c.run.diverged && c.run.losses.length === 0), "no run diverged before training");
  assert.deepEqual(failed(diverging, sameRun), []);
});

worst.report();
