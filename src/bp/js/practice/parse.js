// A typed answer read with math.js's parser (its number-only build: the parser and nothing that
// evaluates), then evaluated here over a whitelist: numbers, the item's names, + − * / ^, unary
// minus, parentheses and σ, exp, log; for matrices also @ (the product), .T or ' (the transpose).
// The text is never run as JavaScript: math.js only builds a tree, and `evaluate` walks it.
import {create, parseDependencies} from "mathjs/number";

const math = create({parseDependencies});

export const MAX_LENGTH = 500;  // a formula of the course fits in a tenth of this

// The notes' symbols, written as the code's names (before parsing): ŷ → yhat, w¹₁₁ → w1_11, O₁₁ → O11 …
const SUB = "₀₁₂₃₄₅₆₇₈₉", SUP = {"¹": "1", "²": "2", "³": "3"};
const digits = (s) => [...s].map((c) => (SUB.includes(c) ? String(SUB.indexOf(c)) : c)).join("");
const ALIASES = [
  [/y\u0302|ŷ/g, "yhat"], [/σ/g, "sigma"], [/[−–]/g, "-"], [/[·×⋅⊙]/g, "*"], [/÷/g, "/"], [/ᵀ/g, "'"],
  [/w([¹²])([₀-₉]+)/g, (_, l, ij) => `w${SUP[l]}_${digits(ij)}`],
  [/([WO])([¹²])/g, (_, m, l) => `${m}${SUP[l]}`], [/δ([¹²])/g, (_, l) => `delta${SUP[l]}`], [/δ/g, "delta"],
  [/([A-Za-z])([₀-₉]+)/g, (_, m, ij) => `${m}${digits(ij)}`], [/([²³])/g, (_, p) => `^${SUP[p]}`],
  [/\*\*/g, "^"],
];

// The learner's text in the code's names and math.js's operators; `@` becomes math.js's `%`
// (one character, so columns stay those of the text parsed), which evaluate() reads as the product.
export function normalize(text, matrix) {
  let t = text;
  for (const [from, to] of ALIASES) t = t.replace(from, to);
  return matrix ? t.replace(/@/g, "%") : t;
}

// Why a text cannot be an answer before it is even parsed, or null.
function refuse(text, matrix) {
  if (!text.trim()) return "Type your answer first: the box is empty.";
  if (text.length > MAX_LENGTH) return `That is ${text.length} characters: an answer here is at most ${MAX_LENGTH}.`;
  if (/[<>]/.test(text)) return "The answer is a formula: < and > (and HTML) have no place in it.";
  if (text.includes("%")) return "% is no operator here: write the formula with + − * / ^ and parentheses.";
  if (!matrix && text.includes("@")) return "@ is the matrix product: this answer is one number, use *.";
  if (/(^|[^=!<>])=($|[^=])/.test(text)) return "Type only the right-hand side of the formula: no =.";
  if (/[;\n]/.test(text)) return "One formula only: no ; and no new line.";
  return null;
}

// The text around column `col` (1-based) of `text`, to say where a parse error is.
const around = (text, col) => `${text.slice(Math.max(0, col - 12), col - 1)}⟨here⟩${text.slice(col - 1, col + 8)}`;

// {node} when the text parses into a formula, or {error} that says what is wrong and where.
export function parseAnswer(text, {matrix = false} = {}) {
  const refused = refuse(String(text ?? ""), matrix);
  if (refused) return {error: refused};
  const t = normalize(String(text), matrix);
  try {
    return {node: math.parse(t), text: t};
  } catch (e) {
    const col = Number.isInteger(e.char) ? e.char : null;
    const what = String(e.message).replace(/\s*\(char \d+\)\s*$/, "");
    const where = col === null ? "" : ` at column ${col} (${around(t, col)})`;
    return {error: `The formula does not parse${where}: ${what.toLowerCase()}.`};
  }
}

// An error in what the learner typed (not a bug here): its message is shown as it is.
export class AnswerError extends Error {}

const OPERATORS = {add: "+", subtract: "-", multiply: "*", divide: "/", pow: "^", dotMultiply: "*",
                   dotDivide: "/", dotPow: "^", unaryMinus: "neg", unaryPlus: "pos", mod: "@",
                   ctranspose: "T", transpose: "T"};
const NAMED = {equal: "==", unequal: "!=", smaller: "<", larger: ">", smallerEq: "<=", largerEq: ">=",
               factorial: "!", and: "and", or: "or", not: "not", xor: "xor", bitAnd: "&", bitOr: "|"};

// What each node of the tree is, checked against the whitelist: [operation, ...children] or a leaf.
function check(node, ctx) {
  switch (node.type) {
  case "ConstantNode":
    if (typeof node.value !== "number") throw new AnswerError(`${JSON.stringify(node.value)} is not a number.`);
    return {num: node.value};
  case "SymbolNode": return {sym: name(node.name, ctx)};
  case "ParenthesisNode": return check(node.content, ctx);
  case "OperatorNode": return operator(node, ctx);
  case "FunctionNode": return call(node, ctx);
  case "AccessorNode":
    if (ctx.matrix && node.index?.dotNotation && node.index.dimensions[0]?.value === "T") {
      return {op: "T", args: [check(node.object, ctx)]};
    }
    throw new AnswerError(ctx.matrix ? "Only .T (the transpose) may follow a name after a dot."
      : "A dot after a name means nothing here (decimals are written 0.5).");
  default:
    throw new AnswerError(`This is not a formula the checker reads (${node.type.replace("Node", "").toLowerCase()}): ` +
                          "use numbers, names, + − * / ^ and parentheses.");
  }
}

function name(n, ctx) {
  if (ctx.names.includes(n)) return n;
  if (ctx.functions.includes(n)) throw new AnswerError(`${n} is a function: write ${n}(…).`);
  throw new AnswerError(`Unknown name ${n}. The names here are ${ctx.names.join(", ")}` +
                        (ctx.functions.length ? `; the functions ${ctx.functions.join(", ")}.` : "."));
}

function operator(node, ctx) {
  const op = OPERATORS[node.fn];
  if (!op || (!ctx.matrix && (op === "@" || op === "T"))) {
    const shown = NAMED[node.fn] ?? node.op;
    const why = shown === "==" || shown === "!=" ? "a comparison" : "not one of + − * / ^";
    throw new AnswerError(`${shown} is ${why}: the answer is a formula that gives a value.`);
  }
  return {op, args: node.args.map((a) => check(a, ctx))};  // * is entry by entry: @ is the product
}

function call(node, ctx) {
  const f = node.fn?.name;
  if (f && ctx.names.includes(f) && node.args.length === 1) {  // O11(1 − O11): a product, as the notes write it
    return {op: "*", args: [{sym: f}, check(node.args[0], ctx)]};
  }
  if (!f || !ctx.functions.includes(f)) {
    const known = ctx.functions.length ? `the functions here are ${ctx.functions.join(", ")}` : "this answer takes no function";
    throw new AnswerError(`Unknown function ${f ?? "(…)"}: ${known}.`);
  }
  if (node.args.length !== 1) throw new AnswerError(`${f} takes one argument, not ${node.args.length}.`);
  return {op: f, args: [check(node.args[0], ctx)]};
}

// The checked tree of a parsed answer, or an AnswerError: `names` and `functions` are the item's.
export function compile(node, {names, functions = [], matrix = false}) {
  return check(node, {names, functions, matrix});
}

// --- evaluation: numbers, or matrices as arrays of rows --------------------------------------

const isMatrix = Array.isArray;
const shapeOf = (m) => [m.length, m[0].length];
export const shapeText = (s) => `(${s.join(", ")})`;

function broadcast(a, b, f) {
  if (!isMatrix(a) && !isMatrix(b)) return f(a, b);
  const A = isMatrix(a) ? a : [[a]], B = isMatrix(b) ? b : [[b]];
  const [ra, ca] = shapeOf(A), [rb, cb] = shapeOf(B);
  const ok = (x, y) => x === y || x === 1 || y === 1;
  if (!ok(ra, rb) || !ok(ca, cb)) {
    throw new AnswerError(`shapes ${shapeText([ra, ca])} and ${shapeText([rb, cb])} cannot be combined entry by entry`);
  }
  const rows = Math.max(ra, rb), cols = Math.max(ca, cb);
  return Array.from({length: rows}, (_, i) => Array.from({length: cols}, (_, j) =>
    f(A[ra === 1 ? 0 : i][ca === 1 ? 0 : j], B[rb === 1 ? 0 : i][cb === 1 ? 0 : j])));
}

const map = (a, f) => (isMatrix(a) ? a.map((row) => row.map(f)) : f(a));

function matmul(a, b) {
  if (!isMatrix(a) || !isMatrix(b)) throw new AnswerError("@ multiplies two matrices: use * with a number");
  const [ra, ca] = shapeOf(a), [rb, cb] = shapeOf(b);
  if (ca !== rb) throw new AnswerError(`the product of shapes ${shapeText([ra, ca])} and ${shapeText([rb, cb])}: ` +
                                       `${ca} columns against ${rb} rows`);
  return a.map((row) => Array.from({length: cb}, (_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

const transpose = (a) => (isMatrix(a) ? a[0].map((_, j) => a.map((row) => row[j])) : a);
const sigma = (z) => 1 / (1 + Math.exp(-z));
const BINARY = {"+": (x, y) => x + y, "-": (x, y) => x - y, "*": (x, y) => x * y, "/": (x, y) => x / y, "^": (x, y) => x ** y};
const UNARY = {neg: (x) => -x, pos: (x) => x, sigma, exp: Math.exp, log: Math.log};

// The value of a checked tree with the names' values in `scope` (numbers or arrays of rows).
export function evaluate(tree, scope) {
  if ("num" in tree) return tree.num;
  if ("sym" in tree) return scope[tree.sym];
  const args = tree.args.map((a) => evaluate(a, scope));
  if (tree.op === "@") return matmul(...args);
  if (tree.op === "T") return transpose(args[0]);
  if (tree.op in UNARY) return map(args[0], UNARY[tree.op]);
  return broadcast(args[0], args[1], BINARY[tree.op]);
}

// --- the typeset preview ----------------------------------------------------------------------

const TEX_NAMES = {yhat: "\\hat{y}", sigma: "\\sigma", delta1: "\\delta^{1}", delta2: "\\delta^{2}",
                   W1: "W^{1}", W2: "W^{2}", O1: "O^{1}", CGPA: "\\mathrm{CGPA}", IQ: "\\mathrm{IQ}"};

function texName(n) {
  if (n in TEX_NAMES) return TEX_NAMES[n];
  const w = /^w([12])_(\d\d)$/.exec(n);
  if (w) return `w^{${w[1]}}_{${w[2]}}`;
  const m = /^([bzO])(\d\d)$/.exec(n);
  if (m) return `${m[1]}_{${m[2]}}`;
  return n.length === 1 ? n : `\\mathrm{${n.replace(/_/g, "\\_")}}`;
}

// The parsed text as TeX in the notes' symbols (w^{2}_{11}, \hat{y}, \sigma …), for MathJax.
export function toTex(node, {matrix = false} = {}) {
  const handler = (n, options) => {
    const tex = (m) => m.toTex(options);
    if (n.type === "SymbolNode") return ` {${texName(n.name)}}`;  // braced: O^{1} squared is {O^{1}}^{2}
    if (n.type === "OperatorNode" && (n.fn === "ctranspose" || n.fn === "transpose")) {
      return `{${tex(n.args[0])}}^{\\mathsf{T}}`;
    }
    if (matrix && n.type === "OperatorNode" && n.fn === "multiply") return `${tex(n.args[0])}\\odot ${tex(n.args[1])}`;
    if (n.type === "OperatorNode" && n.fn === "mod") return `${tex(n.args[0])}\\,${tex(n.args[1])}`;
    if (n.type === "AccessorNode" && n.index?.dotNotation) return `{${tex(n.object)}}^{\\mathsf{T}}`;
    if (n.type === "FunctionNode" && n.fn?.name === "sigma") return `\\sigma\\left(${tex(n.args[0])}\\right)`;
    if (n.type === "FunctionNode" && n.fn?.name && !["exp", "log"].includes(n.fn.name)) {
      return ` {${texName(n.fn.name)}}\\left(${tex(n.args[0])}\\right)`;  // O11(1 − O11): a product
    }
    return undefined;
  };
  return node.toTex({implicit: "hide", handler});
}
