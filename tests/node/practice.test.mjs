// src/bp/js/practice/ (the practice widget's parser and judges) against Python: every formula of
// tests/node/fixtures_practice.py typed as text gets exactly bp.check_gradient's verdict on the
// Python function it stands for (ok, the slip ids, the message); the matrix formulas the verdict of
// bp.mlp_exercises' checkers; every item of every page its right answer and its slip; numbers,
// shapes and options bp.practice's verdicts; and malformed inputs a message, never an exception.
import {test} from "node:test";
import assert from "node:assert/strict";
import {readFixture, failures} from "./twins.mjs";
import {judgeAnswer, judgeNumber, judgeShape, judgeChoice} from "../../src/bp/js/practice/judge.js";

const tables = readFixture("practice_tables");
const formulaItem = (key) => ({kind: "formula", table: tables[key], functions: ["sigma", "exp", "log"],
                               names: Object.keys(tables[key].points[0])});
const matrixItem = (key) => ({kind: "matrix", table: tables[key], functions: ["sigma", "exp", "log"],
                              names: [...tables[key].args, "n"],
                              n: tables[key].points.map((p) => p[tables[key].args[0]].length)});

function agree(c, got, {message = true} = {}) {
  if (got.ok !== c.ok) return `ok ${got.ok}, Python ${c.ok}: ${got.message}`;
  if (JSON.stringify(got.slips) !== JSON.stringify(c.slips)) return `slips ${got.slips}, Python ${c.slips}: ${got.message}`;
  if (message && got.message !== c.message) return `message\n  page:   ${got.message}\n  Python: ${c.message}`;
  return null;
}

test("every catalogue formula, typed, gets check_gradient's verdict: ok, slips and message", (ctx) => {
  const {cases, left_out: leftOut} = readFixture("practice_catalogue");
  const t0 = performance.now();
  const bad = failures(cases, (c) => agree(c, judgeAnswer(c.text, formulaItem(c.table))), (c) => [c.table, c.text]);
  const ms = performance.now() - t0;
  assert.deepEqual(bad, []);
  assert.ok(cases.length >= 2000, `only ${cases.length} formulas`);
  const kinds = new Set(cases.map((c) => c.from));
  for (const k of ["candidate", "symbols", "CATALOGUE", "NOTES", "RIGHT", "UNNAMED"]) assert.ok(kinds.has(k), k);
  ctx.diagnostic(`practice: ${cases.length} of ${cases.length} formulas agree with bp.check_gradient ` +
                 `(${cases.filter((c) => c.slips.length).length} with a slip named) in ${(ms / 1000).toFixed(2)} s; ` +
                 `catalogue entries not typeable (NumPy containers): ${leftOut.length}`);
});

test("matrix formulas get the any-network checkers' verdicts", () => {
  const {cases} = readFixture("practice_matrix");
  // A formula that cannot run says why in the page's words, not NumPy's: compare the message only when it can.
  const bad = failures(cases, (c) => {
    const got = judgeAnswer(c.text, matrixItem(c.table));
    return agree(c, got, {message: !c.message.startsWith("Your function")});
  }, (c) => c.text);
  assert.deepEqual(bad, []);
  assert.ok(cases.filter((c) => c.slips.length).length >= 10);
});

test("every item of every page: its right answer is right, its slip is named", () => {
  const pages = readFixture("practice_items");
  const all = Object.values(pages).flat();
  assert.ok(all.length >= 40);
  const bad = failures(all, ({item, right, slip, slip_id: id}) => {
    const r = judgeAnswer(right, item), s = judgeAnswer(slip, item);
    if (!r.ok) return `${item.id}: ${right} is not right: ${r.message}`;
    if (s.ok || JSON.stringify(s.slips) !== JSON.stringify([id])) return `${item.id}: ${slip} gives ${s.slips}: ${s.message}`;
    return null;
  }, (e) => e.item.id);
  assert.deepEqual(bad, []);
});

test("numbers, shapes and options: bp.practice's verdicts", () => {
  const {cases} = readFixture("practice_numbers");
  const bad = failures(cases, (c) => {
    const got = "x" in c ? judgeNumber(c.x, c.item) : "shape" in c ? judgeShape(c.shape, c.item) : judgeChoice(c.option, c.item);
    return agree(c, got);
  }, (c) => [c.item.id, c.x ?? c.shape ?? c.option]);
  assert.deepEqual(bad, []);
});

// Each malformed answer: the words its message must hold. None throws, none is judged right.
const MALFORMED = [
  ["", "empty"], ["   ", "empty"], ["(yhat - y", "does not parse at column"], ["yhat - y)", "does not parse at column"],
  ["((yhat - y) * w2_11", "does not parse"], ["yhat - - ", "does not parse"], ["yhat * * y", "does not parse"],
  ["yhat - foo", "Unknown name foo. The names here are w1_11, w1_12"], ["w3_11 * y", "Unknown name w3_11"],
  ["yhat == y", "== is a comparison"], ["yhat != y", "!= is a comparison"], ["yhat = y", "no ="],
  ["x".repeat(5000), "5000 characters"], ["alert(1)", "Unknown function alert"], ["<b>x</b>", "HTML"],
  ["<script>alert(1)</script>", "HTML"], ["yhat; y", "One formula only"], ["yhat\ny", "One formula only"],
  ["[1, 2]", "not a formula"], ["\"text\"", "not a number"], ["true", "not a number"], ["yhat.constructor", "dot after a name"],
  ["sigma", "sigma is a function"], ["exp(1, 2)", "takes one argument"], ["yhat ? y : 1", "not a formula"],
  ["3!", "! is not one of"], ["yhat and y", "and is not one of"], ["y % 2", "% is no operator"], ["yhat @ y", "@ is the matrix product"],
  ["constructor", "Unknown name constructor"], ["__proto__", "Unknown name __proto__"], ["Function(x)", "Unknown function Function"], ["Function('x')()", "does not parse at column"],
  ["f(x) = 1", "no ="], ["1:3", "not a formula"], ["{a: 1}", "not a formula"], ["yhat'", "' is not one of"],
];

test("malformed answers get their message, and nothing throws", () => {
  const item = formulaItem("b21|regression|squared");
  const bad = failures(MALFORMED, ([text, words]) => {
    let r;
    try { r = judgeAnswer(text, item); } catch (e) { return `threw ${e}`; }
    if (r.ok || !r.error) return `judged: ${r.message}`;
    return r.message.includes(words) ? null : `message "${r.message}" lacks "${words}"`;
  }, ([text]) => text.slice(0, 40));
  assert.deepEqual(bad, []);
  assert.ok(MALFORMED.length >= 20);
});

test("matrix answers: shapes that do not fit are said, not thrown", () => {
  const item = matrixItem("hidden_error");
  for (const [text, words] of [["delta2 * W2", "cannot be combined entry by entry"], ["W1 @ delta2", "columns against"],
                               ["delta2 @ W2.T @ W1 @ W1", "right ="], ["W2.x", "Only .T"], ["delta2 @ 2", "@ multiplies two matrices"]]) {
    const r = judgeAnswer(text, item);
    assert.ok(!r.ok && r.message.includes(words), `${text}: ${r.message}`);
  }
  const numbers = {kind: "number", value: 1, tol: 0.1, slips: []};
  assert.match(judgeAnswer("1/0", numbers).message, /inf is not a number/);
  assert.match(judgeAnswer("yhat", numbers).message, /Unknown name yhat/);
  assert.match(judgeAnswer("three", {kind: "shape", shape: [3], slips: []}).message, /A shape is whole numbers/);
});
