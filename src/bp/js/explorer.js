// The explorer's front end (an anywidget ES module): sliders, per-sample SGD, the loss curve and,
// for classification, the decision boundary, all computed and drawn in the browser.
//
// One front end serves every setting: the static HTML book (no kernel: the widget manager loads
// anywidget's front end from the book, which runs this module from the page's stored widget state)
// and JupyterLab / Jupyter (the same module, with the kernel holding the same settings as traitlets).
// The Python side is bp/explorer.py; the training below is a line-by-line twin of bp/network.py
// (`_forward`, `_loss`, `_backward`, `train`), in network.js beside this file.
// tests/browser/test_explorer_live.py checks that the page's curve equals bp.train's to 1e-9.

import {PARAM_NAMES, forward, train} from "./network.js";
import {fmtE, fmtG} from "./format.js";
import {COLORS, setupCanvas, drawFrame, drawXTicks, drawYTicks, linearTicks, drawLosses, planeLimits} from "./plot.js";
import {slider, keepKeys} from "./controls.js";

const GRID = 60;  // the decision boundary: GRID × GRID points, as explorer.GRID in the old kernel-drawn figure

// RdBu (red at ŷ = 0, white at 0.5, blue at 1), at 60 % over white.
function rdbu(v) {
  const red = [178, 24, 43], white = [247, 247, 247], blue = [33, 102, 172];
  const [a, b, t] = v < 0.5 ? [red, white, v / 0.5] : [white, blue, (v - 0.5) / 0.5];
  return a.map((c, k) => Math.round(255 + 0.6 * (c + (b[k] - c) * t - 255)));
}

// ŷ over the plane, the rows (circles: 0, triangles: 1) and the boundary ŷ = 0.5 (white).
function drawBoundary(canvas, params, x, y, task, features, scratch) {
  const W = 300, H = 280;
  const ctx = setupCanvas(canvas, W, H);
  const box = {x: 60, y: 28, w: W - 60 - 22, h: H - 28 - 48};
  const [[x0, x1], [y0, y1]] = planeLimits(x);  // as the old figure's `_limits`
  const image = scratch.getContext("2d").createImageData(GRID, GRID);
  for (let r = 0; r < GRID; r++) {
    const IQ = y1 - ((y1 - y0) * r) / (GRID - 1);        // rows from the top (high IQ) down
    for (let c = 0; c < GRID; c++) {
      const CGPA = x0 + ((x1 - x0) * c) / (GRID - 1);
      const [R, G, B] = rdbu(forward(params, CGPA, IQ, task).yhat);
      const k = 4 * (r * GRID + c);
      image.data[k] = R; image.data[k + 1] = G; image.data[k + 2] = B; image.data[k + 3] = 255;
    }
  }
  scratch.getContext("2d").putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, box.x, box.y, box.w, box.h);
  const toX = (v) => box.x + ((v - x0) / (x1 - x0)) * box.w;
  const toY = (v) => box.y + box.h - ((v - y0) / (y1 - y0)) * box.h;
  drawFrame(ctx, box, "ŷ over the plane (white: ŷ = 0.5)", features[0], features[1]);
  ctx.fillStyle = COLORS.text;
  drawXTicks(ctx, box, linearTicks(x0, x1, 4), toX);
  drawYTicks(ctx, box, linearTicks(y0, y1, 4), toY, false);
  ctx.lineWidth = 1;
  ctx.strokeStyle = "#000";
  x.forEach((row, i) => {
    const px = toX(row[0]), py = toY(row[1]);
    ctx.beginPath();
    if (y[i] === 1) { ctx.moveTo(px, py - 5.5); ctx.lineTo(px + 5, py + 4); ctx.lineTo(px - 5, py + 4); ctx.closePath(); }
    else ctx.arc(px, py, 4.5, 0, 2 * Math.PI);
    ctx.fillStyle = y[i] === 1 ? COLORS.blue : COLORS.red;
    ctx.fill();
    ctx.stroke();
  });
}

// ---------------------------------------------------------------------------------------------
// The widget
// ---------------------------------------------------------------------------------------------

function render({model, el}) {
  const root = document.createElement("div");
  root.className = "bp-explorer bp-widget";  // bp-widget: every bp widget, live in the page (tests/browser)
  const controls = Object.assign(document.createElement("div"), {className: "bp-controls"});
  const figure = Object.assign(document.createElement("div"), {className: "bp-figure"});
  const plots = Object.assign(document.createElement("div"), {className: "bp-plots"});
  const lossCanvas = Object.assign(document.createElement("canvas"), {className: "bp-loss"});
  lossCanvas.setAttribute("role", "img");
  plots.append(lossCanvas);
  const task = model.get("task");
  let boundaryCanvas = null;
  const scratch = Object.assign(document.createElement("canvas"), {width: GRID, height: GRID});
  if (task === "classification") {
    boundaryCanvas = Object.assign(document.createElement("canvas"), {className: "bp-boundary"});
    boundaryCanvas.setAttribute("role", "img");
    plots.append(boundaryCanvas);
  }
  const readout = Object.assign(document.createElement("p"), {className: "bp-readout"});
  readout.setAttribute("role", "status");
  figure.append(plots, readout);
  root.append(controls, figure);
  el.append(root);

  const [elo, ehi] = model.get("eta_log10_range");
  const [plo, phi] = model.get("param_range");
  const sliders = {
    eta: slider(controls, "eta", "η", {min: elo, max: ehi, step: 0.05}),
    epochs: slider(controls, "epochs", "epochs", {min: 0, max: model.get("max_epochs"), step: 10}),
  };
  const start = model.get("params");
  for (const name of PARAM_NAMES) {
    sliders[name] = slider(controls, name, name,
                           {min: Math.min(plo, start[name]), max: Math.max(phi, start[name]), step: 0.01});
  }

  // Show the model's settings on the sliders (a slider snaps to its step; the model keeps the value).
  function showSettings() {
    const eta = model.get("eta"), epochs = model.get("epochs"), params = model.get("params");
    sliders.eta.input.value = String(Math.log10(eta));
    sliders.eta.out.textContent = fmtE(eta, 2);
    sliders.eta.input.setAttribute("aria-valuetext", `η = ${fmtE(eta, 2)}`);
    sliders.epochs.input.value = String(epochs);
    sliders.epochs.out.textContent = String(epochs);
    for (const name of PARAM_NAMES) {
      sliders[name].input.value = String(params[name]);
      sliders[name].out.textContent = params[name].toFixed(2).replace(/^-(0\.00)$/, "$1");
    }
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
    drawLosses(lossCanvas, r.losses, note);
    lossCanvas.setAttribute("aria-label",
      `Loss curve: the mean loss after each epoch, on a log scale. ${status}.`);
    if (boundaryCanvas) {
      drawBoundary(boundaryCanvas, r.params, x, y, task, model.get("features"), scratch);
      boundaryCanvas.setAttribute("aria-label",
        `ŷ over the ${model.get("features").join("–")} plane after training: red where ŷ < 0.5 ` +
        `(predicted 0), blue where ŷ > 0.5 (predicted 1), white on the boundary ŷ = 0.5; ` +
        `circles are rows labelled 0, triangles rows labelled 1; accuracy ${Math.round(100 * accuracy)}%.`);
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
  keepKeys(controls);  // JupyterLab must not take the sliders' keys
  const redraw = () => { showSettings(); update(); };
  for (const name of ["eta", "epochs", "params", "x", "y", "loss", "features", "divergence_limit"]) {
    model.on(`change:${name}`, redraw);
  }
  redraw();
  return () => {
    for (const name of ["eta", "epochs", "params", "x", "y", "loss", "features", "divergence_limit"]) {
      model.off(`change:${name}`, redraw);
    }
  };
}

export default {render};