// Numbers written as Python's format() writes them, so the page and the chapters print alike.
// JavaScript's toExponential and toFixed round an exact tie away from zero, Python to even: the
// digits below come from `rounded`, which corrects the ties (tests/node/format.test.mjs, against Python).

// |v|'s significant digits rounded to `digits` after the first, half to even, and its exponent.
// toExponential(100) is |v|'s exact expansion wherever a tie can fall (a tie ends in its 5).
function rounded(v, digits) {
  const [m, e] = Math.abs(v).toExponential(digits).split("e");
  const [exact] = Math.abs(v).toExponential(100).split("e");
  const all = exact.replace(".", ""), kept = all.slice(0, digits + 1);
  const tie = all[digits + 1] === "5" && /^0*$/.test(all.slice(digits + 2));
  // on a tie toExponential rounded up: right when the digit kept was odd, else keep the truncation
  const even = tie && Number(kept.at(-1)) % 2 === 0;
  return {sign: v < 0 || Object.is(v, -0) ? "-" : "", digits: even ? kept : m.replace(".", ""), exp: Number(e)};
}

const special = (v) => (Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
const point = (d) => (d.length > 1 ? `${d[0]}.${d.slice(1)}` : d);
const exponent = (n) => `e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
const trimmed = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);

// f"{v:.Ne}": the exponent with at least two digits (5.00e-04).
export function fmtE(v, digits) {
  if (!Number.isFinite(v)) return special(v);
  const r = rounded(v, digits);
  return `${r.sign}${point(r.digits)}${exponent(r.exp)}`;
}

// f"{v:.6g}": `precision` significant digits, trailing zeros dropped, fixed for exponents −4 … precision − 1.
export function fmtG(v, precision = 6) {
  if (!Number.isFinite(v)) return special(v);
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const {sign, digits, exp} = rounded(v, precision - 1);
  if (exp < -4 || exp >= precision) return `${sign}${trimmed(point(digits))}${exponent(exp)}`;
  const fixed = exp >= 0 ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : `0.${"0".repeat(-exp - 1)}${digits}`;
  return `${sign}${trimmed(fixed)}`;
}

// A tick label: 0.001, 20, 1e6, −2.5e−7 (a minus sign, U+2212, never a hyphen).
export function fmtTick(v) {
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) {
    const [m, e] = v.toExponential().split("e");
    const mantissa = String(Number(Number(m).toPrecision(3))).replace("-", "−");
    return `${mantissa}e${Number(e) < 0 ? "−" : ""}${Math.abs(Number(e))}`;
  }
  return String(Number(v.toPrecision(6))).replace("-", "−");
}
