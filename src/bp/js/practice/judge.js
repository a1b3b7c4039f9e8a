// The verdicts, twins of Python's: judgeFormula is bp.exercises.judge, judgeMatrix
// bp.mlp_exercises.judge, judgeNumber/judgeShape/judgeChoice bp.practice's; each looks the
// learner's values up in the table Python computed (the widget's state), and computes nothing else.
// tests/node/practice.test.mjs checks them against Python on every formula of the catalogue.
import {fmtG} from "../format.js";
import {AnswerError, compile, evaluate, parseAnswer, shapeText} from "./parse.js";

const verdict = (ok, message, slips = []) => ({ok, message, slips});

// bp.exercises: |a − b| ≤ atol + rtol · max(|a|, |b|).
const closeIn = ({rtol, atol}) => (a, b) => Math.abs(a - b) <= atol + rtol * Math.max(Math.abs(a), Math.abs(b));

// The smallest set of slips whose values are the learner's at every point, or [] (none, or two of that size).
function fitting(values, table) {
  const close = closeIn(table);
  const fits = table.candidates.filter((c) => c.values.every((v, i) => close(values[i], v))).map((c) => c.slips);
  if (!fits.length) return [];
  const size = Math.min(...fits.map((f) => f.length));
  const smallest = fits.filter((f) => f.length === size);
  return smallest.length === 1 ? smallest[0] : [];
}

// bp.exercises.judge: the verdict on the learner's values at the table's test points.
export function judgeFormula(values, table) {
  const {name, rows, right, where, words} = table;
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const [cgpa, iq] = rows[bad];
    return verdict(false, `Your function returned ${fmtG(values[bad])} at the row x = [${fmtG(cgpa)}, ${fmtG(iq)}]: ` +
                          `∂L/∂${name} is a finite number there.`);
  }
  const close = closeIn(table);
  if (values.every((v, i) => close(v, right[i]))) {
    return verdict(true, `Right: your ∂L/∂${name} matches backpropagation at all ${right.length} test points.`);
  }
  const k = values.findIndex((v, i) => !close(v, right[i]));
  const at = `${where[k]}yours = ${fmtG(values[k])}, backpropagation = ${fmtG(right[k])}.`;
  const slips = fitting(values, table);
  if (slips.length === 1) return verdict(false, `Not quite: ${words[slips[0]]}. ${at}`, slips);
  if (slips.length === 2) return verdict(false, `Not quite, two slips: ${words[slips[0]]}; and ${words[slips[1]]}. ${at}`, slips);
  return verdict(false, `Not quite: your ∂L/∂${name} differs from backpropagation, and the checker ` +
                        `cannot name the slip: work the chain out by hand at this point. ${at}`);
}

// np.allclose(a, b): every |a − b| ≤ atol + rtol · |b|, for arrays of one shape (rows of numbers).
function allClose(a, b, {rtol, atol}) {
  if (a == null || b == null || a.length !== b.length) return false;
  return a.every((row, i) => row.length === b[i].length &&
    row.every((v, j) => v === b[i][j] || Math.abs(v - b[i][j]) <= atol + rtol * Math.abs(b[i][j])));
}

// bp.mlp_exercises._fmt: [[0.3, -0.12], ...] with each number as .6g.
const fmtMatrix = (a) => (Array.isArray(a) ? `[${a.map(fmtMatrix).join(", ")}]` : fmtG(a));

// bp.mlp_exercises.judge: `outcomes` holds, per point, the answer's rows or a string saying what went wrong.
export function judgeMatrix(outcomes, table) {
  const yours = outcomes.map((o) => (typeof o === "string" ? null : o)), {right, name} = table;
  if (yours.every((a, i) => allClose(a, right[i], table))) {
    return verdict(true, `Right: your ${name} matches the chapter's equations at all ${right.length} test points.`);
  }
  const k = yours.findIndex((a, i) => !allClose(a, right[i], table));
  const matches = (values) => {
    let explained = true, valued = false;
    yours.forEach((arr, i) => {
      if (arr === null && values[i] === null) return;
      explained &&= allClose(arr, values[i], table);
      valued = true;
    });
    return explained && valued;
  };
  const named = table.slips.filter((s) => matches(s.values));
  const where = table.where[k], shownRight = fmtMatrix(right[k]);
  if (named.length === 1) {
    return verdict(false, `Not quite: ${named[0].words}. ${where}yours = ${fmtMatrix(yours[k])}, right = ${shownRight}.`,
                   [named[0].id]);
  }
  if (yours[k] === null) {
    return verdict(false, `Your function ${outcomes[k]}. Expected ${table.expected[k]}. ${where}right = ${shownRight}.`);
  }
  return verdict(false, `Not quite: your ${name} differs from the chapter's equations. ` +
                        `${where}yours = ${fmtMatrix(yours[k])}, right = ${shownRight}.`);
}

// bp.practice.judge_number, judge_shape, judge_choice.
export function judgeNumber(x, item) {
  const {tol} = item;
  if (!Number.isFinite(x)) return verdict(false, `${fmtG(x)} is not a number the answer can be.`);
  if (Math.abs(x - item.value) <= tol) return verdict(true, `Right: ${fmtG(x)} is the answer (to within ±${fmtG(tol)}).`);
  const slip = item.slips.find((s) => Math.abs(x - s.value) <= tol);
  if (slip) return verdict(false, `Not quite: ${slip.words}.`, [slip.id]);
  return verdict(false, `Not quite: ${fmtG(x)} is not within ±${fmtG(tol)} of the answer.`);
}

const shapeWords = (s) => (s.length === 1 ? `(${s[0]},)` : shapeText(s));
const sameShape = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

export function judgeShape(shape, item) {
  if (sameShape(shape, item.shape)) return verdict(true, `Right: the shape is ${shapeWords(shape)}.`);
  const slip = item.slips.find((s) => sameShape(shape, s.shape));
  if (slip) return verdict(false, `Not quite: ${slip.words}.`, [slip.id]);
  return verdict(false, `Not quite: the shape is not ${shapeWords(shape)}.`);
}

export function judgeChoice(option, item) {
  if (option === item.answer) return verdict(true, `Right: ${option}.`);
  const why = item.why[option];
  return why ? verdict(false, `Not quite: ${why}.`, [option]) : verdict(false, `Not quite: not ${option}.`);
}

// --- a typed answer, from its text to its verdict (or the message that says why it has none) ---

// The learner's formula at each test point of a formula item, or an AnswerError.
export function formulaValues(text, item) {
  const parsed = parseAnswer(text);
  if (parsed.error) throw new AnswerError(parsed.error);
  const tree = compile(parsed.node, item);
  return item.table.points.map((scope) => evaluate(tree, scope));
}

const what = (v) => (Array.isArray(v) ? `an array of shape ${shapeText([v.length, v[0].length])}` : "a single number");

// Per point, the matrix answer's rows, or what went wrong there (bp.mlp_exercises._outcome's words).
export function matrixOutcomes(text, item) {
  const parsed = parseAnswer(text, {matrix: true});
  if (parsed.error) throw new AnswerError(parsed.error);
  const tree = compile(parsed.node, {...item, matrix: true});
  return item.table.points.map((point, i) => {
    const shape = [item.table.right[i].length, item.table.right[i][0].length];
    let v;
    try {
      v = evaluate(tree, {...point, n: item.n[i]});
    } catch (e) {
      if (e instanceof AnswerError) return `cannot be evaluated at this point: ${e.message}`;
      throw e;
    }
    if (Array.isArray(v) && sameShape([v.length, v[0].length], shape)) return v;
    const transposed = Array.isArray(v) && sameShape([v[0].length, v.length], shape) ? " — the transpose's shape" : "";
    return `returned ${what(v)}${transposed}`;
  });
}

// A number typed (a formula of numbers: 1/2, -50.72, 2e-3), or an AnswerError.
export function numberValue(text) {
  const parsed = parseAnswer(text);
  if (parsed.error) throw new AnswerError(parsed.error);
  return evaluate(compile(parsed.node, {names: [], functions: ["exp", "log"]}), {});
}

// A shape typed as (3, 2), 3, 2 or 3 × 2, or an AnswerError.
export function shapeValue(text) {
  const t = String(text ?? "").trim();
  if (!t) throw new AnswerError("Type your answer first: the box is empty.");
  const m = /^\(?\s*(\d{1,6}(?:\s*[,x×*]\s*\d{1,6})*)\s*,?\s*\)?$/.exec(t.slice(0, 100));
  if (!m || t.length > 100) throw new AnswerError("A shape is whole numbers in parentheses: (rows, columns), e.g. (4, 1).");
  return m[1].split(/[,x×*]/).map((s) => Number(s.trim()));
}

// The verdict on a typed answer for any item: {ok, message, slips}; never throws.
export function judgeAnswer(text, item) {
  try {
    if (item.kind === "formula") return judgeFormula(formulaValues(text, item), item.table);
    if (item.kind === "matrix") return judgeMatrix(matrixOutcomes(text, item), item.table);
    if (item.kind === "number") return judgeNumber(numberValue(text), item);
    if (item.kind === "shape") return judgeShape(shapeValue(text), item);
    if (item.kind === "choice") return judgeChoice(text, item);
    return {...verdict(false, `This page does not know items of kind ${item.kind}.`), error: true};
  } catch (e) {
    const message = e instanceof AnswerError ? e.message : `The checker could not read that answer (${e.message}).`;
    return {...verdict(false, message), error: true};
  }
}
