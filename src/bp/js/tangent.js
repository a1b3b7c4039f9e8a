// The tangent's front end (an anywidget ES module): a menu picks one of the nine parameters, a
// slider sets its value (the other eight stay at their starting values), and the figure shows the
// loss L along that parameter, the current point and the tangent whose slope is ∂L/∂w by
// backpropagation; the readout gives L, that slope and the central difference.
//
// Everything is computed in the browser with the twin of bp/network.py (network.js), so the same
// module is live in the static HTML book (no kernel) and in JupyterLab (where the kernel holds
// `name` and `value` too). The Python side is bp/tangent.py; it sends the data, the starting
// values and each parameter's slider range. This file lays the widget out and computes;
// tangent/figure.js draws. tests/browser/test_tangent_live.py checks the page's numbers against
// bp.loss, bp.gradients and bp.numerical_gradients to 1e-9.

import {PARAM_NAMES, meanLoss, gradients, numericalGradient} from "./network.js";
import {fmtE, fmtG} from "./format.js";
import {themeColors, watchLook} from "./plot.js";
import {symbol} from "./symbols.js";
import {element, field, select, slider, keepKeys} from "./controls.js";
import {MAX_WIDTH, curve, draw, legendKeys} from "./tangent/figure.js";

// The widget's parts: the menu and the slider, the figure with its legend and readout.
function layout(el) {
  const root = element("div", {className: "bp-tangent bp-widget bp-theme"});
  const controls = element("div", {className: "bp-controls"});
  const menu = select(PARAM_NAMES.map((name) => [name, `${symbol(name)}  (${name})`]));
  field(controls, menu, "parameter", {className: "bp-pick", idPrefix: "bp-parameter"});
  const {input, out, label} = slider(controls, "value", "", {min: 0, max: 1, step: 0.01});
  const figure = element("div", {className: "bp-figure"});
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  const legend = element("p", {className: "bp-legend"});
  const readout = element("p", {className: "bp-readout"});
  readout.setAttribute("role", "status");
  figure.append(canvas, legend, readout);
  root.append(controls, figure);
  el.append(root);
  return {root, controls, menu, input, out, label, figure, canvas, legend, readout};
}

// L, the backprop slope and the central difference at the model's settings, and the curve.
function compute(model) {
  const name = model.get("name"), w = model.get("value");
  const x = model.get("x"), y = model.get("y"), range = model.get("ranges")[name];
  const settings = {task: model.get("task"), loss: model.get("loss")};
  const params = {...model.get("params"), [name]: w};
  const L = meanLoss(params, x, y, settings);
  const slope = gradients(params, x, y, settings)[name];
  const numeric = numericalGradient(params, x, y, name, {...settings, h: model.get("h")});
  const error = Math.abs(slope - numeric) / Math.max(Math.abs(slope), Math.abs(numeric), 1e-8);  // bp.relative_error
  const points = curve(model.get("params"), x, y, name, range, model.get("curve_points"), settings);
  return {name, w, params, range, L, slope, numeric, error, points};
}

function render({model, el}) {
  const ui = layout(el);
  const {root, menu, input, canvas} = ui;

  // Show the model's settings on the menu and the slider (a slider snaps to its step; the model keeps the value).
  function showSettings() {
    const name = model.get("name"), value = model.get("value"), [lo, hi] = model.get("ranges")[name];
    menu.value = name;
    ui.label.textContent = symbol(name);
    Object.assign(input, {min: String(lo), max: String(hi), step: String((hi - lo) / model.get("slider_steps"))});
    input.value = String(value);
    ui.out.textContent = value.toFixed(3);
    input.setAttribute("aria-valuetext", `${symbol(name)} = ${value.toFixed(3)}`);
  }

  // The figure's width and colours now (a detached element has no computed style yet: light colours).
  const look = () => ({width: Math.min(MAX_WIDTH, Math.floor(ui.figure.clientWidth) || MAX_WIDTH), colors: themeColors(root)});
  let drawn = "";  // the look of the last drawing, as JSON

  // The figure and the readout at the model's settings.
  function update() {
    const t0 = performance.now();
    const {name, w, params, range, L, slope, numeric, error, points} = compute(model);
    const sym = symbol(name);
    const {width, colors} = look();
    draw(canvas, width, points, w, L, slope, sym, name, colors);
    drawn = JSON.stringify({width, colors});
    canvas.setAttribute("aria-label", `The loss L as a function of ${sym} (${name}), the other eight parameters ` +
                        `fixed, with its tangent at ${sym} = ${w.toFixed(3)}: slope ${fmtG(slope)}.`);
    ui.legend.replaceChildren(...legendKeys(sym));
    ui.readout.textContent = `${sym} = ${w.toFixed(3)}: L = ${fmtG(L)}; slope ∂L/∂${sym} by backpropagation = ` +
                             `${fmtG(slope)} (central difference ${fmtG(numeric)}, relative error ${fmtE(error, 1)})`;
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
  keepKeys(ui.controls);

  const redraw = () => { showSettings(); update(); };
  const KEYS = ["name", "value", "params", "x", "y", "task", "loss", "ranges", "h", "curve_points", "slider_steps"];
  for (const key of KEYS) model.on(`change:${key}`, redraw);
  // Attached to the page, a new width (a narrow window, a resized panel) or a new theme (light/dark):
  // draw again if the figure would look different.
  const unwatch = watchLook(ui.figure, () => { if (JSON.stringify(look()) !== drawn) update(); });
  redraw();
  return () => {
    for (const key of KEYS) model.off(`change:${key}`, redraw);
    unwatch();
  };
}

export default {render};
