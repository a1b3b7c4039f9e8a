// Your own data: a CSV of two feature columns and a target — a class label 0 … K−1 (two or three
// classes) or a number for regression — with or without a header, as a data set of the page,
// standardised as the chapter's sets are (bp.standardize's twin, data.js). Bad input gets a short
// error naming the line and the column. Pure functions: tests/node/csv.test.mjs.
import {standardize} from "../data.js";

export const MAX_ROWS = 2000;
export const MAX_CLASSES = 3;
export const EXAMPLE = "x1,x2,label\n0.2,1.5,0\n1.1,0.3,1\n-0.4,0.9,0\n2.0,-0.7,1\n0.8,2.2,0\n1.6,0.1,1\n";
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const SEPARATORS = [",", "\t", ";"];
const fields = (line, sep) => line.split(sep).map((f) => f.trim());

// The rows of `lines` (numbered from 1 in the text), checked: {rows: [[line, x1, x2, t]]} or {error}.
function numbers(lines, names, sep) {
  const rows = [];
  for (const [no, line] of lines) {
    const f = fields(line, sep);
    if (f.length !== 3) return {error: `line ${no}: ${f.length} values, expected 3 (two features and a target)`};
    for (let c = 0; c < 3; c++) {
      if (f[c] === "") return {error: `line ${no}, column ${c + 1} (${names[c]}): a missing value`};
      if (!NUMBER.test(f[c]) || !Number.isFinite(Number(f[c]))) {
        return {error: `line ${no}, column ${c + 1} (${names[c]}): “${f[c].slice(0, 20)}” is not a number`};
      }
    }
    rows.push([no, ...f.map(Number)]);
  }
  return {rows};
}

// The target's task: labels 0 … K−1 (a header naming a label or class says so; else whole numbers
// from 0 to 9 are labels), or regression. {task, classes} or {error}.
function targetTask(rows, name, labelled) {
  const whole = rows.every((r) => Number.isInteger(r[3]) && r[3] >= 0 && r[3] <= 9);
  if (!labelled && !whole) return {task: "regression", classes: []};
  const bad = rows.find((r) => !(Number.isInteger(r[3]) && r[3] >= 0));
  if (bad) return {error: `line ${bad[0]}, column 3 (${name}): ${bad[3]} is not a class label 0, 1, …`};
  const present = new Set(rows.map((r) => r[3]));
  if (present.size < 2) return {error: `a single class: every label is ${rows[0][3]} (a classification needs two)`};
  const K = Math.max(...present) + 1;
  if (K > MAX_CLASSES) {
    const r = rows.find((x) => x[3] >= MAX_CLASSES);
    return {error: `line ${r[0]}, column 3 (${name}): label ${r[3]}; the playground takes up to ${MAX_CLASSES} classes (0, 1, 2)`};
  }
  const missing = [...Array(K).keys()].find((k) => !present.has(k));
  if (missing !== undefined) {
    const r = rows.find((x) => x[3] > missing);
    return {error: `line ${r[0]}, column 3 (${name}): label ${r[3]}, but no row has label ${missing} (labels are 0 … K−1)`};
  }
  return {task: K === 2 ? "classification" : "multiclass", classes: Array.from({length: K}, (_, k) => `class ${k}`)};
}

// The page's data set of a CSV `text`: {data} (as bp/playground.py's datasets() writes one) or {error}.
export function parseCsv(text) {
  const lines = String(text).split(/\r?\n/).map((l, i) => [i + 1, l.trim()]).filter(([, l]) => l !== "");
  if (!lines.length) return {error: "no data: paste or drop a CSV"};
  const sep = SEPARATORS.find((c) => lines[0][1].includes(c)) ?? ",";
  const first = fields(lines[0][1], sep), header = first.length === 3 && first.every((f) => f !== "" && !NUMBER.test(f));
  const names = header ? first : ["x₁", "x₂", "target"];
  const body = header ? lines.slice(1) : lines;
  if (body.length > MAX_ROWS) return {error: `more than ${MAX_ROWS.toLocaleString("en")} rows (${body.length.toLocaleString("en")})`};
  if (body.length < 2) return {error: "fewer than 2 rows"};
  const {rows, error} = numbers(body, names, sep);
  if (error) return {error};
  const t = targetTask(rows, names[2], header && /label|class/i.test(names[2]));
  if (t.error) return {error: t.error};
  const x = rows.map((r) => [r[1], r[2]]), y = rows.map((r) => r[3]);
  const {mean, std} = standardize(x);
  const flat = std.findIndex((s) => !(s > 0));
  if (flat >= 0) return {error: `column ${flat + 1} (${names[flat]}): every value is the same, so it cannot be standardised`};
  return {data: {name: "pasted", label: `your data (${rows.length} rows)`, task: t.task, x, y, mean, std,
                 features: names.slice(0, 2).map((n) => `${n} (standardised)`), classes: t.classes, seed: null,
                 prelude: `import numpy as np\ntable = np.loadtxt("your.csv", delimiter=${JSON.stringify(sep)}, skiprows=${header ? 1 : 0})  # the CSV you pasted`,
                 code: "table[:, :2], table[:, 2]"}};
}
