// src/bp/js/mlp.js with task "multiclass" against bp.mlp (tests/node/fixtures_multiclass.py, written
// to $BP_FIXTURES/multiclass.json): the seeded K-output weights bit for bit, the probabilities, the
// loss, the gradients and the first step to 1e-12, a short run of mini-batches to 1e-10.
import {test} from "node:test";
import assert from "node:assert/strict";
import {init, forward, meanLoss, gradients, train} from "../../src/bp/js/mlp.js";
import {readFixture, gap, tally, asMatrix, asLayers, flat} from "./twins.mjs";

const {cases, limit: LIMIT} = readFixture("multiclass");  // LIMIT: bp.network.DIVERGENCE_LIMIT (not reached here)
const worst = tally("mlp.js multiclass", "bp.mlp (special cases)");
for (const c of cases) {
  const X = asMatrix(c.X), y = Float64Array.from(c.y), layers = asLayers(c.layers);
  const settings = (eta, epochs, batchSize) => ({task: "multiclass", hidden: c.hidden, loss: "cross_entropy",
                                                 eta, epochs, batchSize, limit: LIMIT});
  test(`${c.name}: the first step equals bp.mlp's to 1e-12`, () => {
    if (!c.name.includes("±1000")) assert.deepEqual(flat(init(c.sizes, {seed: c.seed})), flat(c.layers));
    const P = forward(layers, X, "multiclass", c.hidden).at(-1).a;
    assert.ok(gap([...P.data], c.P.flat()) <= 1e-12, "P");
    assert.ok(gap([meanLoss(layers, X, y, "multiclass", c.hidden, "cross_entropy")], [c.loss]) <= 1e-12, "loss");
    assert.ok(gap(flat(gradients(layers, X, y, "multiclass", c.hidden, "cross_entropy")), flat(c.gradients)) <= 1e-12, "gradients");
    const step = train(layers, X, y, settings(c.step.eta, 1, null));
    assert.ok(gap(flat(step.layers), flat(c.step.layers)) <= 1e-12, "first step's layers");
    assert.ok(gap(step.losses, c.step.losses) <= 1e-12, "first step's losses");
  });
  test(`${c.name}: a run of ${c.run.epochs} epochs equals bp.mlp's to 1e-10`, () => {
    const run = train(layers, X, y, settings(c.run.eta, c.run.epochs, c.run.batch_size));
    assert.equal(run.diverged, c.run.diverged);
    const g = Math.max(gap(run.losses, c.run.losses), gap(flat(run.layers), flat(c.run.layers)));
    worst.seen(c, g, "runs");
    assert.ok(g <= 1e-10, `run: ${g}`);
  });
}
worst.report();
