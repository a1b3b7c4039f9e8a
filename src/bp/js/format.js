// Numbers written as Python's format() writes them, so the page and the chapters print alike.
// f"{v:.Ne}": the exponent with at least two digits (5.00e-04).
export function fmtE(v, digits) {
  const [m, e] = v.toExponential(digits).split("e");
  const n = Number(e);
  return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
}

// f"{v:.6g}"
export function fmtG(v, precision = 6) {
  if (!Number.isFinite(v)) return String(v).replace("Infinity", "inf").replace("NaN", "nan");
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const exp = Number(v.toExponential(precision - 1).split("e")[1]);
  if (exp < -4 || exp >= precision) {
    let [m] = fmtE(v, precision - 1).split("e");
    if (m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
    return `${m}e${fmtE(v, precision - 1).split("e")[1]}`;
  }
  let s = v.toFixed(Math.max(0, precision - 1 - exp));
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s;
}

// A tick label: 0.001, 20, 1e+06.
export function fmtTick(v) {
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) {
    const [m, e] = v.toExponential().split("e");
    return `${Number(Number(m).toPrecision(3))}e${Number(e) < 0 ? "−" : ""}${Math.abs(Number(e))}`;
  }
  return String(Number(v.toPrecision(6))).replace("-", "−");
}
