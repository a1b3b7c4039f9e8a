// src/bp/js/format.js against Python (tests/node/fixtures_format.py, in $BP_FIXTURES/formats.json):
// fmtE(v, d) is f"{v:.{d}e}", fmtG(v, p) is f"{v:.{p}g}", character for character, for thousands of
// doubles of every magnitude, 0, −0, ±inf and NaN; fmtTick is its own rule, derived in the fixture
// with exact decimals. Exact ties (a double halfway between two results) are tested apart: Python
// rounds them to even, JavaScript's toFixed/toExponential away from zero, which format.js corrects.
import {test} from "node:test";
import assert from "node:assert/strict";
import {fmtE, fmtG, fmtTick} from "../../src/bp/js/format.js";
import {readFixture, tally} from "./twins.mjs";

const F = readFixture("formats");
// A text's gap is 0 when it is Python's, character for character, and 1 when not.
const worst = tally("format.js", "Python's format() (fmtE, fmtG) and fmtTick's rule (gap 1: another text)");

// Every (value, digits) of `table` where `fmt` differs from Python, among those `keep` selects.
function differences(fmt, table, digits, keep, kind = fmt.name) {
  const out = [];
  F.values.forEach((v, i) => digits.forEach((d, j) => {
    if (!keep(v, i, j)) return;
    const js = fmt(v, d);
    worst.seen(`${fmt.name} ${i} ${j}`, js === table[i][j] ? 0 : 1, kind);
    if (js !== table[i][j]) out.push(`${fmt.name}(${v}, ${d}) = ${js}, Python ${table[i][j]}`);
  }));
  return out;
}

const finite = (v) => Number.isFinite(v);

test(`fmtG(v, p) is f"{v:.pg}" (${F.values.length} values × p = ${F.g_precisions.join(", ")}; ties apart)`, () => {
  assert.deepEqual(differences(fmtG, F.g, F.g_precisions, (v, i, j) => !F.ties_g[i][j]).slice(0, 10), []);
});

test(`fmtE(v, d) is f"{v:.de}" (finite values but −0 × d = ${F.e_digits.join(", ")}; ties apart)`, () => {
  assert.deepEqual(differences(fmtE, F.e, F.e_digits, (v, i, j) => finite(v) && !Object.is(v, -0) && !F.ties_e[i][j]).slice(0, 10), []);
});

test("the fixture has ties, non-finite values, −0 and subnormals", () => {
  assert.ok(F.ties_g.flat().filter(Boolean).length > 20 && F.ties_e.flat().filter(Boolean).length > 20);
  for (const v of [NaN, Infinity, -Infinity, 5e-324]) assert.ok(F.values.some((u) => Object.is(u, v)), String(v));
  assert.ok(F.values.some((u) => Object.is(u, -0)));
});

test("ties round to even as Python's format()", () => {
  const d = [...differences(fmtG, F.g, F.g_precisions, (v, i, j) => F.ties_g[i][j], "ties"),
             ...differences(fmtE, F.e, F.e_digits, (v, i, j) => F.ties_e[i][j], "ties")];
  assert.ok(d.length === 0, `${d.length} ties differ, e.g. ${d.slice(0, 4).join("; ")}`);
});

test("fmtE of NaN, ±inf and −0 is Python's nan, inf, -inf, -0e+00", () => {
  const d = differences(fmtE, F.e, F.e_digits, (v) => !finite(v) || Object.is(v, -0), "fmtE non-finite, −0");
  assert.ok(d.length === 0, `${d.length} differ, e.g. ${d.filter((_, i) => i % 7 === 0).slice(0, 4).join("; ")}`);
});

test(`fmtTick writes the fixture's labels (${F.ticks.length} values, ticks of every magnitude among them)`, () => {
  const wrong = [];
  F.ticks.forEach((v, i) => {
    worst.seen(`tick ${i}`, fmtTick(v) === F.tick_labels[i] ? 0 : 1, "fmtTick");
    if (fmtTick(v) !== F.tick_labels[i]) wrong.push(`fmtTick(${v}) = ${fmtTick(v)}, expected ${F.tick_labels[i]}`);
  });
  assert.deepEqual(wrong.slice(0, 10), []);
});

test("fmtTick by hand: 0.001, 20, 2.5e−7, 1e6, −3", () => {
  assert.deepEqual([0.001, 20, 2.5e-7, 1e6, -3, 0].map(fmtTick), ["0.001", "20", "2.5e−7", "1e6", "−3", "0"]);
});

worst.report();
