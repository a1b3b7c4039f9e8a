// src/bp/js/data.js against bp.data (tests/node/fixtures_data.py, in $BP_FIXTURES/data.json): the
// three blobs and their standardisation bit for bit, and the playground's entry as Python sends it.
import {test} from "node:test";
import assert from "node:assert/strict";
import {blobs, standardize, blobsDataset} from "../../src/bp/js/data.js";
import {readFixture} from "./twins.mjs";

const F = readFixture("data");

test("blobs and standardize equal bp.data's bit for bit", () => {
  for (const c of F.cases) {
    const {x, y} = blobs(c.n, c.seed);
    assert.deepEqual(x, c.x, `blobs(${c.n}, ${c.seed})`);
    assert.deepEqual(y, c.y);
    assert.deepEqual(standardize(x), {mean: c.mean, std: c.std}, `standardize of blobs(${c.n}, ${c.seed})`);
  }
});

test("the playground's blobs entry is bp.playground.datasets'", () => {
  assert.deepEqual(blobsDataset(150), F.playground);
});
