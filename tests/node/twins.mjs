// What every node test of a twin shares: reading a fixture of tests/node/fixtures.py, the measure of a
// gap between two numbers, and the tally of settings compared and the largest gap, per twin, that
// gaps-reporter.mjs prints at the end of the run.
import {test} from "node:test";
import fs from "node:fs";
import path from "node:path";

const NON_FINITE = {NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity};

// $BP_FIXTURES/<name>.json, with fixtures.py's "NaN", "Infinity", "-Infinity" back as numbers.
export function readFixture(name) {
  const dir = process.env.BP_FIXTURES;
  if (!dir) throw new Error("BP_FIXTURES is not set: run `make test-node` (it writes the fixtures first)");
  return JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8"),
                    (_, v) => (typeof v === "string" && v in NON_FINITE ? NON_FINITE[v] : v));
}

// How far js is from py: |js − py| / (1 + |py|) (relative for large numbers, absolute near 0, where a
// relative gap means nothing); 0 when both are the same number, NaN and ±inf included, else Infinity
// for a non-finite on either side.
export function gap1(js, py) {
  if (Object.is(js, py) || js === py) return 0;
  if (!Number.isFinite(js) || !Number.isFinite(py)) return Infinity;
  return Math.abs(js - py) / (1 + Math.abs(py));
}

// The largest gap1 over two lists of numbers, which must be as long as each other.
export function gap(js, py) {
  if (js.length !== py.length) return Infinity;
  let g = 0;
  for (let i = 0; i < js.length; i++) g = Math.max(g, gap1(js[i], py[i]));
  return g;
}

// A twin's tally: `seen(setting, g, kind)` counts the setting (an object: each counted once however
// many of its numbers are compared) and keeps the largest gap g of each kind (for example
// "regression"); report() adds a last test whose diagnostic "twin <twin>: N settings compared with
// <what>, largest gap: <kind> G, ..." gaps-reporter.mjs prints at the end of the whole run.
export function tally(twin, what) {
  const settings = new Set(), largest = {};
  return {
    seen(setting, g, kind = "all") {
      settings.add(setting);
      largest[kind] = Math.max(largest[kind] ?? 0, g);
    },
    report() {
      test(`${twin}: the tally`, (ctx) => {
        const gaps = Object.entries(largest).map(([kind, g]) => `${kind} ${g.toExponential(1)}`).join(", ");
        ctx.diagnostic(`twin ${twin}: ${settings.size} settings compared with ${what}; largest gap: ${gaps}`);
      });
    },
  };
}

// bp.mlp's layers as a fixture holds them ([{W: rows, b}], from fixtures.py) as mlp.js's: matrices.
export const asMatrix = (rows) => ({rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat())});
export const asLayers = (layers) => layers.map(({W, b}) => ({W: asMatrix(W), b: Float64Array.from(b)}));

// Every number of a network, layer by layer, W (row by row) then b: mlp.js's {W: matrix} or a fixture's {W: rows};
// gradients ({dW, db}) too.
export const flat = (layers) => layers.flatMap((l) => {
  const W = l.W ?? l.dW, b = l.b ?? l.db;
  return [...(W.data ?? W.flat()), ...b];
});

// What is off in the first three settings of `list` whose check fails (check(c) returns a message,
// or null when c passes), each with describe(c), and a last line "N of M failed"; [] when all pass.
export function failures(list, check, describe = (c) => c) {
  const out = [];
  for (const c of list) {
    const why = check(c);
    if (why) out.push(`${why}\n  setting: ${JSON.stringify(describe(c)).slice(0, 600)}`);
  }
  return out.length ? [...out.slice(0, 3), `${out.length} of ${list.length} failed`] : [];
}
