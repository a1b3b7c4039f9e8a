// Your own data (src/bp/js/playground/csv.js): a CSV read as the page's data set — the numbers as
// written, the task from the target, standardised as bp.standardize does (data.js, checked against
// Python in data.test.mjs) — and each kind of bad input named with its line and column.
import {test} from "node:test";
import assert from "node:assert/strict";
import {parseCsv, EXAMPLE, MAX_ROWS} from "../../src/bp/js/playground/csv.js";
import {standardize} from "../../src/bp/js/data.js";

test("the example, with a header: two classes, the header's names", () => {
  const {data} = parseCsv(EXAMPLE);
  assert.equal(data.task, "classification");
  assert.deepEqual(data.classes, ["class 0", "class 1"]);
  assert.deepEqual(data.features, ["x1 (standardised)", "x2 (standardised)"]);
  assert.deepEqual(data.y, [0, 1, 0, 1, 0, 1]);
  assert.deepEqual(data.x[0], [0.2, 1.5]);
  assert.deepEqual({mean: data.mean, std: data.std}, standardize(data.x));
  assert.match(data.prelude, /np\.loadtxt\("your\.csv", delimiter=",", skiprows=1\)/);
});

test("no header, tabs or semicolons, three classes, a numeric target, blank lines and CRLF", () => {
  const three = parseCsv("1\t2\t0\r\n3\t1\t2\r\n\r\n0\t0\t1\r\n");
  assert.equal(three.data.task, "multiclass");
  assert.deepEqual(three.data.y, [0, 2, 1]);
  assert.match(three.data.prelude, /delimiter="\\t", skiprows=0/);
  const reg = parseCsv("a;b;price\n1;2;3.5\n2;1e-3;-7\n4;5;10\n");
  assert.equal(reg.data.task, "regression");
  assert.deepEqual(reg.data.classes, []);
  assert.deepEqual(reg.data.x[1], [2, 0.001]);
  assert.equal(parseCsv("1,2,10\n3,1,20\n0,0,30\n").data.task, "regression", "whole numbers above 9: a number");
});

test("bad input names the line and the column", () => {
  const rows = (n) => Array.from({length: n}, (_, i) => `${i},${i % 7},${i % 2}`).join("\n");
  const bad = [
    ["", /no data/],
    ["x,y,label\n1,2,0\n", /fewer than 2 rows/],
    ["1,2,0\n3,abc,1\n", /^line 2, column 2 \(x₂\): “abc” is not a number/],
    ["1,2,0\n3,,1\n", /^line 2, column 2 \(x₂\): a missing value/],
    ["1,2,0\n3,4\n", /^line 2: 2 values, expected 3/],
    ["1,2,0\n3,4,1,5\n", /^line 2: 4 values/],
    [rows(MAX_ROWS + 1), /more than 2,000 rows \(2,001\)/],
    ["1,2,1\n3,4,1\n5,0,1\n", /a single class: every label is 1/],
    ["a,b,label\n1,2,0\n3,4,0.5\n", /^line 3, column 3 \(label\): 0\.5 is not a class label/],
    ["a,b,class\n1,2,0\n3,4,-1\n", /^line 3, column 3 \(class\): -1 is not a class label/],
    ["1,2,0\n3,4,3\n5,0,1\n", /^line 2, column 3 \(target\): label 3; the playground takes up to 3 classes/],
    ["1,2,0\n3,4,2\n5,0,2\n", /^line 2, column 3 \(target\): label 2, but no row has label 1/],
    ["1,2,0\n1,4,1\n1,0,1\n", /^column 1 \(x₁\): every value is the same/],
    ["1,2,0\n3,Infinity,1\n", /not a number/],
    ["1,2,0\n3,1e999,1\n", /not a number/],
  ];
  for (const [text, why] of bad) {
    const out = parseCsv(text);
    assert.equal(out.data, undefined, text.slice(0, 40));
    assert.match(out.error, why, text.slice(0, 40));
  }
  assert.equal(parseCsv(rows(MAX_ROWS)).data.x.length, MAX_ROWS);
});
