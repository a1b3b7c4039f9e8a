// The twin of bp/data.py's blobs (the playground's three-class set) and of bp.standardize, bit for
// bit: the page draws the set itself when a notebook's stored state was saved before it existed.
// tests/node/data.test.mjs checks it against Python (tests/node/fixtures_data.py).
import {uniforms} from "./mlp.js";

// data.BLOB_CENTRES
export const BLOB_CENTRES = [[0.0, 0.8], [-0.7, -0.4], [0.7, -0.4]];

// np.rint: to the nearest integer, halves to the even one.
function rint(y) {
  const f = Math.floor(y), d = y - f;
  return d < 0.5 ? f : d > 0.5 ? f + 1 : (f % 2 === 0 ? f : f + 1);
}

// np.round(v, 3): v · 1000, rint, / 1000 (NumPy's order).
const round3 = (v) => rint(v * 1000) / 1000;

// data.blobs(n, seed): {x: rows, y: labels}.
export function blobs(n = 200, seed = 0) {
  const u = uniforms(seed, 6 * n), x = [], y = [];
  for (let r = 0; r < n; r++) {
    const [cx, cy] = BLOB_CENTRES[r % 3], k = 6 * r;  // centres + 0.5 * (sums - 1.5)
    x.push([round3(cx + 0.5 * (u[k] + u[k + 1] + u[k + 2] - 1.5)), round3(cy + 0.5 * (u[k + 3] + u[k + 4] + u[k + 5] - 1.5))]);
    y.push(r % 3);
  }
  return {x, y};
}

// data.standardize's mean and std of each column (NumPy sums a column of a C-ordered table row by row).
export function standardize(x) {
  const n = x.length, cols = x[0].length;
  const mean = Array.from({length: cols}, (_, c) => x.reduce((s, row) => s + row[c], 0) / n);
  const std = mean.map((m, c) => Math.sqrt(x.reduce((s, row) => s + (row[c] - m) * (row[c] - m), 0) / n));
  return {mean, std};
}

// The playground's data set "blobs" as bp/playground.py's datasets(n) sends it.
export function blobsDataset(n) {
  const {x, y} = blobs(n, 0);
  return {name: "blobs", label: "three blobs", task: "multiclass", x, y, ...standardize(x),
          features: ["x₁ (standardised)", "x₂ (standardised)"], classes: ["class 0", "class 1", "class 2"],
          code: `bp.data.blobs(${n}, seed=0)`, seed: 0};
}

// The page's data sets with "blobs" after the spiral, drawn here if the stored state lacks it (as
// many points as the other 2-D sets).
export function withBlobs(datasets) {
  if (datasets.some((d) => d.name === "blobs")) return datasets;
  const at = datasets.findIndex((d) => d.name === "spiral") + 1 || datasets.length;
  const n = datasets.find((d) => d.name === "circles")?.x.length ?? 200;
  return [...datasets.slice(0, at), blobsDataset(n), ...datasets.slice(at)];
}
