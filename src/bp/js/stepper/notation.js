// Numbers and sums as the stepper writes them: on its line 5 significant digits (as Python's
// f"{v:.5g}"), on its drawing 4 (as bp.draw_network), with a true minus sign.
import {fmtG} from "../format.js";

export const num = (v) => fmtG(v, 5).replace(/-/g, "−");
export const short = (v) => fmtG(v, 4).replace(/-/g, "−");
// A factor after "×": negative numbers in brackets.
export const fac = (v) => (v < 0 || Object.is(v, -0) ? `(${num(v)})` : num(v));
// "a × b + c × d + e" with the signs folded: "+ −0.3" is written "− 0.3".
export function sum(terms) {
  return terms.map((t, i) => {
    const neg = t.startsWith("−");
    const body = neg ? t.slice(1) : t;
    return i === 0 ? t : `${neg ? "−" : "+"} ${body}`;
  }).join(" ");
}
export const prod = (a, b) => `${num(a)} × ${fac(b)}`;
