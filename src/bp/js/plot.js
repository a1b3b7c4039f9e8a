// Canvas figures shared by the book's widgets: axes, ticks and the loss curve. Each drawing function
// takes optional colours (as COLORS; themeColors reads them from the page's CSS).
import {fmtTick} from "./format.js";

// The figures' colours on a light page. A widget may pass its own (themeColors) to every function below.
export const COLORS = {line: "#1f77b4", red: "#b2182b", blue: "#2166ac", axis: "#333", grid: "#e5e5e5", text: "#222",
                       background: "#fff", class0: "#e69f00", class1: "#0072b2", class2: "#009e73"};

// The colours of the page's theme (light or dark): the CSS custom properties --bp-line, --bp-text, ...
// that the widget's stylesheet sets on `el` from the book's or JupyterLab's theme; COLORS where unset.
export function themeColors(el) {
  const style = getComputedStyle(el);
  return Object.fromEntries(Object.entries(COLORS).map(([key, light]) => [key, style.getPropertyValue(`--bp-${key}`).trim() || light]));
}

// A CSS colour as [r, g, b] (0-255), whatever its syntax (the canvas normalises it).
export function rgbOf(color) {
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.fillStyle = "#000";
  ctx.fillStyle = color;
  const v = ctx.fillStyle;
  if (v.startsWith("#")) return [1, 3, 5].map((i) => parseInt(v.slice(i, i + 2), 16));
  return (v.match(/[\d.]+/g) || [0, 0, 0]).slice(0, 3).map(Number);
}

export function niceStep(span, count) {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

export function linearTicks(lo, hi, count = 5) {
  const step = niceStep(hi - lo, count);
  const ticks = [];
  // whole multiples of the step (a running sum of steps misses 0 by 5.55e-17)
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

export function logTicks(lo, hi) {
  const a = Math.floor(Math.log10(lo)), b = Math.ceil(Math.log10(hi));
  let ticks = [];
  const mantissas = b - a <= 2 ? [1, 2, 5] : [1];
  for (let k = a; k <= b; k++) for (const m of mantissas) {
    const t = m * 10 ** k;
    if (t >= lo && t <= hi) ticks.push(t);
  }
  if (ticks.length > 7) {
    const stride = Math.ceil(ticks.length / 6);
    ticks = ticks.filter((_, i) => i % stride === 0);
  }
  return ticks;
}

// Call `redraw` when `box` changes width (a phone turned, a resized panel) or the page changes its
// theme (light/dark, in the book or in JupyterLab), once per frame at most. Returns the disconnect.
export function watchLook(box, redraw) {
  let pending = false;
  const soon = () => {
    if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; redraw(); }); }
  };
  const resized = new ResizeObserver(soon);
  resized.observe(box);
  const themed = new MutationObserver(soon);
  themed.observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme", "data-mode"]});
  themed.observe(document.body, {attributes: true, attributeFilter: ["data-jp-theme-light", "data-jp-theme-name"]});
  return () => { resized.disconnect(); themed.disconnect(); };
}

export function setupCanvas(canvas, width, height, colors = COLORS) {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = "12px system-ui, -apple-system, 'Segoe UI', sans-serif";
  ctx.fillStyle = colors.text;
  return ctx;
}

export function drawFrame(ctx, box, title, xlabel, ylabel, colors = COLORS) {
  ctx.strokeStyle = colors.axis;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.w, box.h);
  ctx.fillStyle = colors.text;
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.font = "13px system-ui, -apple-system, 'Segoe UI', sans-serif";
  ctx.fillText(title, box.x + box.w / 2, box.y - 6);
  ctx.font = "12px system-ui, -apple-system, 'Segoe UI', sans-serif";
  ctx.textBaseline = "top";
  ctx.fillText(xlabel, box.x + box.w / 2, box.y + box.h + 20);
  ctx.save();
  ctx.translate(box.x - 50, box.y + box.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "top";
  ctx.fillText(ylabel, 0, 0);
  ctx.restore();
}

export function drawXTicks(ctx, box, ticks, toX, colors = COLORS) {
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const t of ticks) {
    const px = Math.round(toX(t)) + 0.5;
    ctx.strokeStyle = colors.axis;
    ctx.beginPath(); ctx.moveTo(px, box.y + box.h); ctx.lineTo(px, box.y + box.h + 4); ctx.stroke();
    ctx.fillText(fmtTick(t), px, box.y + box.h + 5);
  }
}

export function drawYTicks(ctx, box, ticks, toY, grid, colors = COLORS) {
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const t of ticks) {
    const py = Math.round(toY(t)) + 0.5;
    if (grid) {
      ctx.strokeStyle = colors.grid;
      ctx.beginPath(); ctx.moveTo(box.x + 1, py); ctx.lineTo(box.x + box.w, py); ctx.stroke();
    }
    ctx.strokeStyle = colors.axis;
    ctx.beginPath(); ctx.moveTo(box.x - 4, py); ctx.lineTo(box.x, py); ctx.stroke();
    ctx.fillText(fmtTick(t), box.x - 6, py);
  }
}

// The y ticks of a log axis from lo to hi: powers of ten (with 2 and 5 on a short axis); at least
// two, so that a flat curve still has a scale (then evenly spaced ticks, as on a linear axis).
export function lossTicks(lo, hi) {
  const ticks = logTicks(lo, hi);
  return ticks.length >= 2 ? ticks : linearTicks(lo, hi, 3).filter((t) => t > 0);
}

// The loss curve: mean loss per epoch on a log axis (an exact 0 is drawn at 1e-300, as before), in a
// canvas `width` × `height` CSS pixels, in the colours `theme`. `epochs` fixes the x axis at
// 0 … epochs (a curve that grows while training plays); by default it spans the losses given.
// Returns the y ticks drawn.
export function drawLosses(canvas, losses, note, {width = 380, height = 280, theme = COLORS, epochs = null} = {}) {
  const W = width, H = height;
  const ctx = setupCanvas(canvas, W, H, theme);
  const box = {x: 70, y: 28, w: W - 70 - 22, h: H - 28 - 48};
  drawFrame(ctx, box, "loss while training", "epoch", "mean loss (log scale)", theme);
  let yTicks = [];
  if (losses.length) {
    const ys = losses.map((v) => Math.max(v, 1e-300));
    const top = Math.max(...ys) * 1.5, bottom = Math.min(...ys) / 1.5;
    const n = Math.max(1, epochs === null ? ys.length - 1 : epochs);
    const toX = (i) => box.x + (i / n) * box.w;
    const l0 = Math.log10(bottom), l1 = Math.log10(top);
    const toY = (v) => box.y + box.h - ((Math.log10(v) - l0) / (l1 - l0)) * box.h;
    yTicks = lossTicks(bottom, top);
    drawYTicks(ctx, box, yTicks, toY, true, theme);
    drawXTicks(ctx, box, linearTicks(0, n, Math.max(2, Math.min(5, Math.floor(box.w / 55)))).filter((t) => Number.isInteger(t)),
               toX, theme);
    ctx.strokeStyle = theme.line;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ys.forEach((v, i) => (i ? ctx.lineTo(toX(i), toY(v)) : ctx.moveTo(toX(i), toY(v))));
    ctx.stroke();
    if (ys.length < 3) {
      ctx.fillStyle = theme.line;
      ys.forEach((v, i) => { ctx.beginPath(); ctx.arc(toX(i), toY(v), 3.5, 0, 2 * Math.PI); ctx.fill(); });
    }
  }
  if (note) {
    ctx.fillStyle = theme.red;
    ctx.font = "bold 14px system-ui, -apple-system, 'Segoe UI', sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    note.split("\n").forEach((line, k) => ctx.fillText(line, box.x + box.w / 2, box.y + box.h / 2 + 18 * k - 9));
  }
  return yTicks;
}

// The note written over a loss curve when training diverged after `n` epochs (0: before the first).
export function divergedNote(n) {
  return n ? `diverged after epoch ${n}:\nη is too large` : "diverged: the starting loss\nis not finite";
}

// The limits of a plane drawn under rows x = [[x1, x2], ...]: each column's range, padded by 10 % + 0.1.
export function planeLimits(x) {
  const out = [];
  for (const c of [0, 1]) {
    const lo = Math.min(...x.map((r) => r[c])), hi = Math.max(...x.map((r) => r[c]));
    const pad = 0.1 * (hi - lo) + 0.1;
    out.push([lo - pad, hi + pad]);
  }
  return out;
}
