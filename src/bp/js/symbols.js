// The notes' symbols of the code's names, in plain text, as bp.tangent.symbol writes the parameters':
// w1_21 → w¹₂₁, b11 → b₁₁, z21 → z₂₁, O12 → O₁₂, delta21 → δ₂₁, yhat → ŷ; any other name as it is.

const SUB = {0: "₀", 1: "₁", 2: "₂", 3: "₃", 4: "₄", 5: "₅", 6: "₆", 7: "₇", 8: "₈", 9: "₉"};
const SUP = {0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹"};
export const subscript = (digits) => [...String(digits)].map((d) => SUB[d]).join("");
export const superscript = (digits) => [...String(digits)].map((d) => SUP[d]).join("");

export function symbol(name) {
  if (name === "yhat") return "ŷ";
  let m = /^w([12])_(\d\d)$/.exec(name);
  if (m) return `w${SUP[m[1]]}${subscript(m[2])}`;
  m = /^(b|z|O|delta)(\d\d)$/.exec(name);
  if (m) return `${m[1] === "delta" ? "δ" : m[1]}${subscript(m[2])}`;
  return name;
}
