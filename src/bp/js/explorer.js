// The explorer's front end (an anywidget ES module): sliders, per-sample SGD, the loss curve and,
// for classification, the decision boundary, all computed and drawn in the browser.
//
// One front end serves every setting: the static HTML book (no kernel: the book's small widget host,
// _templates/bp-widgets.js, runs this module from the page's stored widget state)
// and JupyterLab / Jupyter (the same module, with the kernel holding the same settings as traitlets).
// The Python side is bp/explorer.py; the training below is a line-by-line twin of bp/network.py
// (`_forward`, `row_loss`, `_backward`, `train`), in network.js beside this file.
// tests/browser/test_explorer_live.py checks that the page's curve equals bp.train's to 1e-9.

import {PARAM_NAMES, forward, train} from "./network.js";
import {fmtE, fmtG} from "./format.js";
import {setupCanvas, drawFrame, drawXTicks, drawYTicks, linearTicks, drawLosses, planeLimits, themeColors, rgbOf, watchLook} from "./plot.js";
import {slider, keepKeys} from "./controls.js";

const GRID = 60;  // the decision boundary: GRID × GRID points, as explorer.GRID in the old kernel-drawn figure
const MAX_PLANE = 300;  // the plane's largest side, CSS px

// The figures' heights for a panel `width` CSS px wide: the plane about square; the loss curve as
// tall as the plane beside it, or (alone) 0.6 of its width.
const boundaryHeight = (width) => Math.round(Math.min(MAX_PLANE, width - 76)) + 28 + 48;
const lossHeight = (width, withBoundary) =>
  withBoundary ? boundaryHeight(width) : Math.round(Math.min(320, Math.max(230, 0.6 * width)));

// The segments of the contour ŷ = 0.5 on the grid (marching squares; a saddle cell gets one pair).
function contour(values, n) {
  const segments = [];
  const cut = (a, b) => (0.5 - a) / (b - a);
  for (let r = 0; r < n - 1; r++) {
    for (let c = 0; c < n - 1; c++) {
      const v = [values[r * n + c], values[r * n + c + 1], values[(r + 1) * n + c + 1], values[(r + 1) * n + c]];
      // the corners, clockwise from the top left, as (col, row); the crossings on the edges between them
      const corners = [[c, r], [c + 1, r], [c + 1, r + 1], [c, r + 1]];
      const points = [];
      for (let k = 0; k < 4; k++) {
        const a = v[k], b = v[(k + 1) % 4];
        if ((a < 0.5) !== (b < 0.5)) {
          const t = cut(a, b), [c0, r0] = corners[k], [c1, r1] = corners[(k + 1) % 4];
          points.push([c0 + t * (c1 - c0), r0 + t * (r1 - r0)]);
        }
      }
      if (points.length >= 2) segments.push([points[0], points[1]]);
      if (points.length === 4) segments.push([points[2], points[3]]);
    }
  }
  return segments;
}

// ŷ over the plane, coloured by the class it predicts (orange: 0, blue: 1, mixed into the page's
// background, stronger the surer the network is), the boundary ŷ = 0.5 as a line, and the rows:
// hollow circles labelled 0, solid triangles labelled 1, so that no row is lost on its own colour.
function drawBoundary(canvas, width, params, x, y, task, features, scratch, colors) {
  const H = boundaryHeight(width);
  const ctx = setupCanvas(canvas, width, H, colors);
  const side = H - 28 - 48;
  const box = {x: 60, y: 28, w: Math.min(width - 60 - 16, side), h: side};
  box.x = Math.round(60 + (width - 76 - box.w) / 2);
  const [[x0, x1], [y0, y1]] = planeLimits(x);  // as the old figure's `_limits`
  const [bg, c0, c1] = [colors.background, colors.class0, colors.class1].map(rgbOf);
  const image = scratch.getContext("2d").createImageData(GRID, GRID);
  const values = new Float64Array(GRID * GRID);
  for (let r = 0; r < GRID; r++) {
    const IQ = y1 - ((y1 - y0) * r) / (GRID - 1);        // rows from the top (high IQ) down
    for (let c = 0; c < GRID; c++) {
      const CGPA = x0 + ((x1 - x0) * c) / (GRID - 1);
      const v = forward(params, CGPA, IQ, task).yhat;
      values[r * GRID + c] = v;
      const ink = v < 0.5 ? c0 : c1, t = 0.7 * Math.min(1, Math.abs(2 * v - 1));
      const k = 4 * (r * GRID + c);
      for (let i = 0; i < 3; i++) image.data[k + i] = Math.round(bg[i] + t * (ink[i] - bg[i]));
      image.data[k + 3] = 255;
    }
  }
  scratch.getContext("2d").putImageData(image, 0, 0);
  // grid index → canvas: grid point (c, r) sits at its place in the plane, so the image's pixel
  // centres do too (the image overhangs the frame by half a cell, clipped)
  const gx = (c) => box.x + (c / (GRID - 1)) * box.w, gy = (r) => box.y + (r / (GRID - 1)) * box.h;
  const cw = box.w / (GRID - 1), ch = box.h / (GRID - 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, box.x - cw / 2, box.y - ch / 2, box.w + cw, box.h + ch);
  ctx.strokeStyle = colors.text;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([5, 3]);
  ctx.beginPath();
  for (const [[ca, ra], [cb, rb]] of contour(values, GRID)) { ctx.moveTo(gx(ca), gy(ra)); ctx.lineTo(gx(cb), gy(rb)); }
  ctx.stroke();
  ctx.restore();
  const toX = (v) => box.x + ((v - x0) / (x1 - x0)) * box.w;
  const toY = (v) => box.y + box.h - ((v - y0) / (y1 - y0)) * box.h;
  drawFrame(ctx, box, "ŷ over the plane, after training", features[0], features[1], colors);
  ctx.fillStyle = colors.text;
  drawXTicks(ctx, box, linearTicks(x0, x1, 4), toX, colors);
  drawYTicks(ctx, box, linearTicks(y0, y1, 4), toY, false, colors);
  x.forEach((row, i) => {
    const px = toX(row[0]), py = toY(row[1]);
    ctx.beginPath();
    if (y[i] === 1) {
      ctx.moveTo(px, py - 6.5); ctx.lineTo(px + 6, py + 4.5); ctx.lineTo(px - 6, py + 4.5); ctx.closePath();
      ctx.fillStyle = colors.text;
      ctx.strokeStyle = colors.background;
      ctx.lineWidth = 1.2;
    } else {
      ctx.arc(px, py, 4.5, 0, 2 * Math.PI);
      ctx.fillStyle = colors.background;
      ctx.strokeStyle = colors.text;
      ctx.lineWidth = 1.8;
    }
    ctx.fill();
    ctx.stroke();
  });
}

// The boundary's legend, in the page's colours (theme.css): the two row markers, the two colours.
function legend() {
  const box = Object.assign(document.createElement("p"), {className: "bp-legend"});
  const svg = (shape) => `<svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true">${shape}</svg>`;
  box.innerHTML = [
    [svg('<circle cx="7" cy="7" r="4.5" class="bp-mark0"/>'), "row with y = 0"],
    [svg('<path d="M7 1.5 L13 12 L1 12 Z" class="bp-mark1"/>'), "row with y = 1"],
    ['<span class="bp-swatch bp-swatch0"></span>', "predicts 0 (ŷ &lt; 0.5)"],
    ['<span class="bp-swatch bp-swatch1"></span>', "predicts 1 (ŷ &gt; 0.5)"],
    ['<span class="bp-key-boundary"></span>', "boundary ŷ = 0.5"],
  ].map(([mark, words]) => `<span class="bp-key">${mark}${words}</span>`).join("");
  return box;
}

// ---------------------------------------------------------------------------------------------
// The widget
// ---------------------------------------------------------------------------------------------

function render({model, el}) {
  const task = model.get("task");
  const classify = task === "classification";
  // bp-widget: every bp widget, live in the page (tests/browser); bp-theme: the page's colours (theme.css)
  const root = Object.assign(document.createElement("div"), {className: "bp-explorer bp-widget bp-theme"});
  const head = Object.assign(document.createElement("div"), {className: "bp-head"});
  const intro = Object.assign(document.createElement("p"), {className: "bp-note",
    textContent: "The sliders set where training starts: the step size η, the number of epochs and the " +
                 "nine parameters before the first step. Each change trains the network again from there."});
  const reset = Object.assign(document.createElement("button"), {type: "button", className: "bp-reset",
                                                                 textContent: "Reset the sliders"});
  head.append(intro, reset);
  const controls = Object.assign(document.createElement("div"), {className: "bp-controls"});
  const readout = Object.assign(document.createElement("p"), {className: "bp-readout"});
  readout.setAttribute("role", "status");
  const plots = Object.assign(document.createElement("div"), {className: `bp-plots${classify ? " bp-two" : ""}`});
  const panel = (canvas, ...more) => {
    const box = Object.assign(document.createElement("div"), {className: "bp-panel"});
    canvas.setAttribute("role", "img");
    box.append(canvas, ...more);
    plots.append(box);
    return box;
  };
  const lossCanvas = Object.assign(document.createElement("canvas"), {className: "bp-loss"});
  const lossPanel = panel(lossCanvas);
  let boundaryCanvas = null;
  const scratch = Object.assign(document.createElement("canvas"), {width: GRID, height: GRID});
  if (classify) {
    boundaryCanvas = Object.assign(document.createElement("canvas"), {className: "bp-boundary"});
    panel(boundaryCanvas, legend());
  }
  root.append(head, controls, readout, plots);
  el.append(root);

  // The sliders, in three groups, labelled with the notes' symbols (w¹₂₁); each slider's
  // data-name and its label's tooltip give the name in code (w1_21).
  const symbols = {eta: "η", epochs: "epochs", ...model.get("symbols")};
  const group = (title) => {
    const set = Object.assign(document.createElement("fieldset"), {className: "bp-group"});
    set.append(Object.assign(document.createElement("legend"), {textContent: title}));
    controls.append(set);
    return set;
  };
  const [elo, ehi] = model.get("eta_log10_range");
  const [plo, phi] = model.get("param_range");
  const training = group("training");
  const sliders = {
    eta: slider(training, "eta", symbols.eta, {min: elo, max: ehi, step: 0.05}),
    epochs: slider(training, "epochs", symbols.epochs, {min: 0, max: model.get("max_epochs"), step: 10}),
  };
  sliders.eta.label.title = "code: eta (the slider moves log₁₀ η)";
  const layers = {1: group("layer 1, starting values"), 2: group("layer 2, starting values")};
  const start = model.get("params");
  for (const name of PARAM_NAMES) {
    // name[1] is the layer: w1_21 → 1, b21 → 2
    sliders[name] = slider(layers[name[1]], name, symbols[name] || name,
                           {min: Math.min(plo, start[name]), max: Math.max(phi, start[name]), step: 0.01});
    sliders[name].label.title = `code: ${name}`;
  }

  // What the reset button restores: the settings the explorer was made with.
  const stored = model.get("initial") || {};
  const initial = stored.params ? stored : {eta: model.get("eta"), epochs: model.get("epochs"), params: {...start}};

  // Show the model's settings on the sliders (a slider snaps to its step; the model keeps the value).
  function showSettings() {
    const eta = model.get("eta"), epochs = model.get("epochs"), params = model.get("params");
    sliders.eta.input.value = String(Math.log10(eta));
    sliders.eta.out.textContent = fmtE(eta, 2);
    sliders.eta.input.setAttribute("aria-valuetext", `η = ${fmtE(eta, 2)}`);
    sliders.epochs.input.value = String(epochs);
    sliders.epochs.out.textContent = String(epochs);
    for (const name of PARAM_NAMES) {
      const shown = params[name].toFixed(2).replace(/^-(0\.00)$/, "$1");
      sliders[name].input.value = String(params[name]);
      sliders[name].out.textContent = shown;
      sliders[name].input.setAttribute("aria-valuetext", `${symbols[name] || name} = ${shown}`);
    }
    reset.disabled = eta === initial.eta && epochs === initial.epochs &&
                     PARAM_NAMES.every((name) => params[name] === initial.params[name]);
  }

  // The figures at the panels' width and in the page's colours, from the last training run.
  let last = null;
  const look = () => ({width: Math.floor(lossPanel.clientWidth) || 380, colors: themeColors(root)});
  let drawn = "";
  function draw() {
    if (!last) return;
    const {width, colors} = look();
    const yTicks = drawLosses(lossCanvas, last.r.losses, last.note, {width, height: lossHeight(width, classify), theme: colors});
    lossCanvas.dataset.yTicks = JSON.stringify(yTicks);  // for tests: a flat curve still has a scale
    if (boundaryCanvas) drawBoundary(boundaryCanvas, width, last.r.params, last.x, last.y, task, model.get("features"), scratch, colors);
    drawn = JSON.stringify({width, colors});
  }

  // Train with the model's settings; draw the curve (and boundary); write the readout.
  function update() {
    const t0 = performance.now();
    const settings = {task, loss: model.get("loss"), eta: model.get("eta"), epochs: model.get("epochs"),
                      limit: model.get("divergence_limit")};
    const x = model.get("x"), y = model.get("y"), params = model.get("params");
    const r = train(params, x, y, settings);
    const n = r.losses.length;
    let status, note = "";
    if (r.diverged) {
      note = n ? `diverged after epoch ${n}:\nη is too large` : "diverged: the starting loss\nis not finite";
      status = n ? `diverged after epoch ${n}: η = ${fmtE(settings.eta, 2)} is too large; ` +
                   `the last finite loss is ${fmtG(r.losses[n - 1])}`
                 : `diverged before training: the starting loss is not finite or above ${fmtG(settings.limit)}`;
    } else {
      status = `final loss ${fmtG(r.losses[n - 1])} after ${n - 1} epochs`;
    }
    let accuracy = null;
    if (boundaryCanvas) {
      let right = 0;
      x.forEach((row, i) => { right += ((forward(r.params, row[0], row[1], task).yhat >= 0.5) === (y[i] === 1)) ? 1 : 0; });
      accuracy = right / x.length;
      status += `; accuracy ${Math.round(100 * accuracy)}%`;
    }
    last = {r, note, x, y};
    draw();
    lossCanvas.setAttribute("aria-label",
      `Loss curve: the mean loss after each epoch, on a log scale. ${status}.`);
    if (boundaryCanvas) {
      boundaryCanvas.setAttribute("aria-label",
        `ŷ over the ${model.get("features").join("–")} plane after training: orange where ŷ < 0.5 ` +
        `(predicts 0), blue where ŷ > 0.5 (predicts 1), a dashed line on the boundary ŷ = 0.5; ` +
        `hollow circles are rows with y = 0, solid triangles rows with y = 1; accuracy ${Math.round(100 * accuracy)}%.`);
    }
    readout.replaceChildren();
    if (r.diverged) {
      const b = Object.assign(document.createElement("strong"), {className: "bp-diverged", textContent: "diverged"});
      readout.append(b, status.slice("diverged".length));
    } else {
      readout.append(status);
    }
    // For tests and the curious: the exact numbers drawn, and the settings they came from.
    root.dataset.losses = JSON.stringify(r.losses);
    root.dataset.diverged = String(r.diverged);
    root.dataset.eta = JSON.stringify(settings.eta);
    root.dataset.epochs = String(settings.epochs);
    root.dataset.params = JSON.stringify(params);
    root.dataset.finalParams = JSON.stringify(r.params);
    if (accuracy !== null) root.dataset.accuracy = JSON.stringify(accuracy);
    root.dataset.updateMs = (performance.now() - t0).toFixed(3);
    root.dataset.updates = String(Number(root.dataset.updates || 0) + 1);
  }

  // A slider moved: the model changes (and so the figure); the kernel, if any, hears on release.
  for (const [key, {input}] of Object.entries(sliders)) {
    input.addEventListener("input", () => {
      const v = Number(input.value);
      if (key === "eta") model.set("eta", 10 ** v);
      else if (key === "epochs") model.set("epochs", Math.round(v));
      else model.set("params", {...model.get("params"), [key]: v});
    });
    input.addEventListener("change", () => model.save_changes());
  }
  reset.addEventListener("click", () => {
    model.set("eta", initial.eta);
    model.set("epochs", initial.epochs);
    model.set("params", {...initial.params});
    model.save_changes();
  });
  keepKeys(controls);  // JupyterLab must not take the sliders' keys
  const redraw = () => { showSettings(); update(); };
  const KEYS = ["eta", "epochs", "params", "x", "y", "loss", "features", "divergence_limit"];
  for (const name of KEYS) model.on(`change:${name}`, redraw);
  // Attached to the page, a new width or theme: draw the same run again if it would look different.
  const unwatch = watchLook(plots, () => { if (JSON.stringify(look()) !== drawn) draw(); });
  redraw();
  return () => {
    for (const name of KEYS) model.off(`change:${name}`, redraw);
    unwatch();
  };
}

export default {render};
