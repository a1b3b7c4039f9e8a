// The tangent's front end (an anywidget ES module): a menu picks one of the nine parameters, a
// slider sets its value (the other eight stay at their starting values), and the figure shows the
// loss L along that parameter, the current point and the tangent whose slope is ∂L/∂w by
// backpropagation; the readout gives L, that slope and the central difference.
//
// Everything is computed in the browser with the twin of bp/network.py (network.js), so the same
// module is live in the static HTML book (no kernel) and in JupyterLab (where the kernel holds
// `name` and `value` too). The Python side is bp/tangent.py; it sends the data, the starting
// values and each parameter's slider range. tests/browser/test_tangent_live.py checks the page's
// numbers against bp.loss, bp.gradients and bp.numerical_gradients to 1e-9.

import {PARAM_NAMES, meanLoss, gradients, numericalGradient} from "./network.js";
import {fmtE, fmtG} from "./format.js";
import {setupCanvas, drawFrame, drawXTicks, drawYTicks, linearTicks, themeColors, watchLook} from "./plot.js";
import {slider, keepKeys, uniqueId} from "./controls.js";

// The figure's size in CSS pixels: the width of its container (at most MAX_WIDTH).
const MAX_WIDTH = 640;
const height = (width) => Math.round(Math.min(360, Math.max(260, 0.6 * width)));

// L at `n` evenly spaced values of `name` over [lo, hi] (as np.linspace), the others at `params`.
function curve(params, x, y, name, [lo, hi], n, settings) {
  const step = (hi - lo) / (n - 1);
  const out = [];
  for (let i = 0; i < n; i++) {
    const w = i === n - 1 ? hi : i * step + lo;
    out.push([w, meanLoss({...params, [name]: w}, x, y, settings)]);
  }
  return out;
}

// L(w) over the slider's range, the point (w, L) and the tangent through it with slope `slope`.
function draw(canvas, width, points, w, L, slope, symbol, name, colors) {
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

function render({model, el}) {
  const root = Object.assign(document.createElement("div"), {className: "bp-tangent bp-widget bp-theme"});
  const controls = Object.assign(document.createElement("div"), {className: "bp-controls"});
  const pick = Object.assign(document.createElement("div"), {className: "bp-pick"});
  const menuId = uniqueId("bp-parameter");
  const menuLabel = Object.assign(document.createElement("label"), {htmlFor: menuId, textContent: "parameter"});
  const menu = Object.assign(document.createElement("select"), {id: menuId});
  const symbols = model.get("symbols");
  for (const name of PARAM_NAMES) {
    menu.append(Object.assign(document.createElement("option"), {value: name, textContent: `${symbols[name]}  (${name})`}));
  }
  pick.append(menuLabel, menu);
  controls.append(pick);
  const {input, out, label} = slider(controls, "value", "", {min: 0, max: 1, step: 0.01});
  const figure = Object.assign(document.createElement("div"), {className: "bp-figure"});
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  const legend = Object.assign(document.createElement("p"), {className: "bp-legend"});
  const readout = Object.assign(document.createElement("p"), {className: "bp-readout"});
  readout.setAttribute("role", "status");
  figure.append(canvas, legend, readout);
  root.append(controls, figure);
  el.append(root);

  // Show the model's settings on the menu and the slider (a slider snaps to its step; the model keeps the value).
  function showSettings() {
    const name = model.get("name"), value = model.get("value"), [lo, hi] = model.get("ranges")[name];
    menu.value = name;
    label.textContent = symbols[name];
    Object.assign(input, {min: String(lo), max: String(hi), step: String((hi - lo) / model.get("slider_steps"))});
    input.value = String(value);
    out.textContent = value.toFixed(3);
    input.setAttribute("aria-valuetext", `${symbols[name]} = ${value.toFixed(3)}`);
  }

  // The figure's width and colours now (a detached element has no computed style yet: light colours).
  const look = () => ({width: Math.min(MAX_WIDTH, Math.floor(figure.clientWidth) || MAX_WIDTH), colors: themeColors(root)});
  let drawn = "";  // the look of the last drawing, as JSON

  // L, the backprop slope and the central difference at the model's settings; the figure and the readout.
  function update() {
    const t0 = performance.now();
    const name = model.get("name"), w = model.get("value"), symbol = symbols[name];
    const x = model.get("x"), y = model.get("y"), range = model.get("ranges")[name];
    const settings = {task: model.get("task"), loss: model.get("loss")};
    const params = {...model.get("params"), [name]: w};
    const L = meanLoss(params, x, y, settings);
    const slope = gradients(params, x, y, settings)[name];
    const numeric = numericalGradient(params, x, y, name, {...settings, h: model.get("h")});
    const error = Math.abs(slope - numeric) / Math.max(Math.abs(slope), Math.abs(numeric), 1e-8);  // bp.relative_error
    const points = curve(model.get("params"), x, y, name, range, model.get("curve_points"), settings);
    const {width, colors} = look();
    draw(canvas, width, points, w, L, slope, symbol, name, colors);
    drawn = JSON.stringify({width, colors});
    const text = `${symbol} = ${w.toFixed(3)}: L = ${fmtG(L)}; slope ∂L/∂${symbol} by backpropagation = ${fmtG(slope)} ` +
                 `(central difference ${fmtG(numeric)}, relative error ${fmtE(error, 1)})`;
    canvas.setAttribute("aria-label", `The loss L as a function of ${symbol} (${name}), the other eight parameters ` +
                        `fixed, with its tangent at ${symbol} = ${w.toFixed(3)}: slope ${fmtG(slope)}.`);
    legend.replaceChildren(...[["bp-key-curve", `L as a function of ${symbol}`],
                               ["bp-key-tangent", `tangent, slope ∂L/∂${symbol}`], ["bp-key-point", "current value"]]
      .map(([cls, words]) => {
        const item = Object.assign(document.createElement("span"), {className: "bp-key"});
        item.append(Object.assign(document.createElement("span"), {className: cls}), words);
        return item;
      }));
    readout.textContent = text;
    // For tests and the curious: the exact numbers shown, and the settings they came from.
    Object.assign(root.dataset, {
      name, value: JSON.stringify(w), params: JSON.stringify(params), range: JSON.stringify(range),
      loss: JSON.stringify(L), slope: JSON.stringify(slope), numeric: JSON.stringify(numeric),
      relativeError: JSON.stringify(error), curve: JSON.stringify(points),
      updateMs: (performance.now() - t0).toFixed(3), updates: String(Number(root.dataset.updates || 0) + 1),
    });
  }

  // The menu picks a parameter (back at its starting value); the slider moves it. The kernel, if
  // any, hears of a slider move on release.
  menu.addEventListener("change", () => {
    model.set("name", menu.value);
    model.set("value", model.get("params")[menu.value]);
    model.save_changes();
  });
  input.addEventListener("input", () => model.set("value", Number(input.value)));
  input.addEventListener("change", () => model.save_changes());
  keepKeys(controls);

  const redraw = () => { showSettings(); update(); };
  const KEYS = ["name", "value", "params", "x", "y", "task", "loss", "ranges", "h", "curve_points", "slider_steps"];
  for (const key of KEYS) model.on(`change:${key}`, redraw);
  // Attached to the page, a new width (a narrow window, a resized panel) or a new theme (light/dark):
  // draw again if the figure would look different.
  const unwatch = watchLook(figure, () => { if (JSON.stringify(look()) !== drawn) update(); });
  redraw();
  return () => {
    for (const key of KEYS) model.off(`change:${key}`, redraw);
    unwatch();
  };
}

export default {render};
