// The tangent's figure: L along one parameter over its slider's range, the current point and the
// tangent through it; and the figure's legend.
import {meanLoss} from "../network.js";
import {setupCanvas, drawFrame, drawXTicks, drawYTicks, linearTicks} from "../plot.js";
import {element} from "../controls.js";

// The figure's size in CSS pixels: the width of its container (at most MAX_WIDTH).
export const MAX_WIDTH = 640;
const height = (width) => Math.round(Math.min(360, Math.max(260, 0.6 * width)));

// L at `n` evenly spaced values of `name` over [lo, hi] (as np.linspace), the others at `params`.
export function curve(params, x, y, name, [lo, hi], n, settings) {
  const step = (hi - lo) / (n - 1);
  const out = [];
  for (let i = 0; i < n; i++) {
    const w = i === n - 1 ? hi : i * step + lo;
    out.push([w, meanLoss({...params, [name]: w}, x, y, settings)]);
  }
  return out;
}

// L(w) over the slider's range, the point (w, L) and the tangent through it with slope `slope`.
export function draw(canvas, width, points, w, L, slope, symbol, name, colors) {
  const H = height(width);
  const ctx = setupCanvas(canvas, width, H, colors);
  const box = {x: 70, y: 28, w: width - 70 - 16, h: H - 28 - 48};
  const lo = points[0][0], hi = points[points.length - 1][0];
  const Ls = points.map((p) => p[1]);
  const Lmin = Math.min(...Ls), Lmax = Math.max(...Ls);
  const pad = 0.08 * (Lmax - Lmin + 1e-12);
  const y0 = Lmin - pad, y1 = Lmax + 3 * pad;          // room above the curve for the tangent
  const toX = (v) => box.x + ((v - lo) / (hi - lo)) * box.w;
  const toY = (v) => box.y + box.h - ((v - y0) / (y1 - y0)) * box.h;
  drawFrame(ctx, box, `L along ${symbol}, the other eight fixed`, `${symbol}  (code: ${name})`, "loss L", colors);
  drawYTicks(ctx, box, linearTicks(y0, y1, 5), toY, true, colors);
  drawXTicks(ctx, box, linearTicks(lo, hi, Math.max(4, Math.floor(box.w / 60))), toX, colors);
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.lineWidth = 2;
  ctx.strokeStyle = colors.line;
  ctx.beginPath();
  points.forEach(([v, l], i) => (i ? ctx.lineTo(toX(v), toY(l)) : ctx.moveTo(toX(v), toY(l))));
  ctx.stroke();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = colors.red;
  ctx.beginPath();
  ctx.moveTo(toX(lo), toY(L + slope * (lo - w)));
  ctx.lineTo(toX(hi), toY(L + slope * (hi - w)));
  ctx.stroke();
  ctx.fillStyle = colors.text;
  ctx.strokeStyle = colors.background;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(toX(w), toY(L), 4.5, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  ctx.restore();
}

// The legend's three keys for the parameter `symbol`.
export function legendKeys(symbol) {
  return [["bp-key-curve", `L as a function of ${symbol}`], ["bp-key-tangent", `tangent, slope ∂L/∂${symbol}`],
          ["bp-key-point", "current value"]].map(([cls, words]) => {
    const item = element("span", {className: "bp-key"});
    item.append(element("span", {className: cls}), words);
    return item;
  });
}
