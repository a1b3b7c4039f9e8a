// src/bp/js/mlp.js with task "multiclass" against bp.mlp (tests/node/fixtures_multiclass.py, written
// to $BP_FIXTURES/multiclass.json): the seeded K-output weights bit for bit, the probabilities, the
// loss, the gradients and the first step to 1e-12, a short run of mini-batches to 1e-10.
import {test} from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {init, matrix, forward, meanLoss, gradients, train} from "../../src/bp/js/mlp.js";

const {cases} = JSON.parse(fs.readFileSync(path.join(process.env.BP_FIXTURES, "multiclass.json"), "utf8"));
const LIMIT = 1e6;  // bp.network.DIVERGENCE_LIMIT (not reached by these cases)

const asMatrix = (rows) => matrix(rows.length, rows[0].length, Float64Array.from(rows.flat()));
const asLayers = (layers) => layers.map(({W, b}) => ({W: asMatrix(W), b: Float64Array.from(b)}));
const flat = (layers) => layers.flatMap(({W, b}) => [...(W.data ?? W.flat()), ...b]);

// The largest |js − py| / (1 + |py|) over two lists of numbers of the same length.
function gap(js, py) {
  assert.equal(js.length, py.length);
  return js.reduce((g, v, i) => Math.max(g, Math.abs(v - py[i]) / (1 + Math.abs(py[i]))), 0);
}

const worst = {run: 0};
for (const c of cases) {
  const X = asMatrix(c.X), y = Float64Array.from(c.y), layers = asLayers(c.layers);
  const settings = (eta, epochs, batchSize) => ({task: "multiclass", hidden: c.hidden, loss: "cross_entropy",
                                                 eta, epochs, batchSize, limit: LIMIT});
  test(`${c.name}: the first step equals bp.mlp's to 1e-12`, () => {
    if (!c.name.includes("±1000")) assert.deepEqual(flat(init(c.sizes, {seed: c.seed})), flat(c.layers));
    const P = forward(layers, X, "multiclass", c.hidden).at(-1).a;
    assert.ok(gap([...P.data], c.P.flat()) <= 1e-12, "P");
    assert.ok(gap([meanLoss(layers, X, y, "multiclass", c.hidden, "cross_entropy")], [c.loss]) <= 1e-12, "loss");
    const g = gradients(layers, X, y, "multiclass", c.hidden, "cross_entropy").map(({dW, db}) => ({W: dW, b: db}));
    assert.ok(gap(flat(g), flat(c.gradients)) <= 1e-12, "gradients");
    const step = train(layers, X, y, settings(c.step.eta, 1, null));
    assert.ok(gap(flat(step.layers), flat(c.step.layers)) <= 1e-12, "first step's layers");
    assert.ok(gap(step.losses, c.step.losses) <= 1e-12, "first step's losses");
  });
  test(`${c.name}: a run of ${c.run.epochs} epochs equals bp.mlp's to 1e-10`, () => {
    const run = train(layers, X, y, settings(c.run.eta, c.run.epochs, c.run.batch_size));
    assert.equal(run.diverged, c.run.diverged);
    const g = Math.max(gap(run.losses, c.run.losses), gap(flat(run.layers), flat(c.run.layers)));
    worst.run = Math.max(worst.run, g);
    assert.ok(g <= 1e-10, `run: ${g}`);
  });
}
test("the largest gap over the runs", () => console.log(`multiclass twin: largest relative gap over the runs ${worst.run.toExponential(2)}`));
