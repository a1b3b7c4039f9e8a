// The explorer's front end (an anywidget ES module): sliders, per-sample SGD, the loss curve and,
// for classification, the decision boundary, all computed and drawn in the browser.
//
// One front end serves every setting: the static HTML book (no kernel: the book's small widget host,
// _templates/bp-widgets.js, runs this module from the page's stored widget state)
// and JupyterLab / Jupyter (the same module, with the kernel holding the same settings as traitlets).
// The Python side is bp/explorer.py; the training is a line-by-line twin of bp/network.py
// (`_forward`, `row_loss`, `_backward`, `train`), in network.js. This file lays the widget out and
// trains; explorer/controls.js holds the sliders, explorer/figures.js the plane.
// tests/browser/test_explorer_live.py checks that the page's curve equals bp.train's to 1e-9.

import {forward, train} from "./network.js";
import {fmtE, fmtG} from "./format.js";
import {drawLosses, divergedNote, themeColors, watchLook} from "./plot.js";
import {element, writeStatus} from "./controls.js";
import {explorerControls} from "./explorer/controls.js";
import {GRID, lossHeight, drawBoundary, legend} from "./explorer/figures.js";

// The widget's parts: the head (a note, the reset button), the sliders, the status line, the figures.
function layout(el, classify) {
  // bp-widget: every bp widget, live in the page (tests/browser); bp-theme: the page's colours (theme.css)
  const root = element("div", {className: "bp-explorer bp-widget bp-theme"});
  const head = element("div", {className: "bp-head"});
  const intro = element("p", {className: "bp-note",
    textContent: "The sliders set where training starts: the step size η, the number of epochs and the " +
                 "nine parameters before the first step. Each change trains the network again from there."});
  const reset = element("button", {type: "button", className: "bp-reset", textContent: "Reset the sliders"});
  head.append(intro, reset);
  const controls = element("div", {className: "bp-controls"});
  const readout = element("p", {className: "bp-readout"});
  readout.setAttribute("role", "status");
  const plots = element("div", {className: `bp-plots${classify ? " bp-two" : ""}`});
  const panel = (canvas, ...more) => {
    const box = element("div", {className: "bp-panel"});
    canvas.setAttribute("role", "img");
    box.append(canvas, ...more);
    plots.append(box);
    return box;
  };
  const lossCanvas = element("canvas", {className: "bp-loss"});
  const lossPanel = panel(lossCanvas);
  const boundaryCanvas = classify ? element("canvas", {className: "bp-boundary"}) : null;
  if (classify) panel(boundaryCanvas, legend());
  root.append(head, controls, readout, plots);
  el.append(root);
  return {root, reset, controls, readout, plots, lossCanvas, lossPanel, boundaryCanvas};
}

// Train with the model's settings: the run, its status line, the note on the curve, the accuracy.
function trained(model, classify) {
  const task = model.get("task");
  const settings = {task, loss: model.get("loss"), eta: model.get("eta"), epochs: model.get("epochs"),
                    limit: model.get("divergence_limit")};
  const x = model.get("x"), y = model.get("y"), params = model.get("params");
  const r = train(params, x, y, settings);
  const n = r.losses.length;
  let status;
  if (r.diverged) {
    status = n ? `diverged after epoch ${n}: η = ${fmtE(settings.eta, 2)} is too large; ` +
                 `the last finite loss is ${fmtG(r.losses[n - 1])}`
               : `diverged before training: the starting loss is not finite or above ${fmtG(settings.limit)}`;
  } else {
    status = `final loss ${fmtG(r.losses[n - 1])} after ${n - 1} epochs`;
  }
  let accuracy = null;
  if (classify) {
    let right = 0;
    x.forEach((row, i) => { right += ((forward(r.params, row[0], row[1], task).yhat >= 0.5) === (y[i] === 1)) ? 1 : 0; });
    accuracy = right / x.length;
    status += `; accuracy ${Math.round(100 * accuracy)}%`;
  }
  return {r, x, y, params, settings, status, accuracy, note: r.diverged ? divergedNote(n) : ""};
}

function render({model, el}) {
  const task = model.get("task");
  const classify = task === "classification";
  const ui = layout(el, classify);
  const {root, lossCanvas, boundaryCanvas} = ui;
  const showSettings = explorerControls(model, ui.controls, ui.reset);
  const scratch = element("canvas", {width: GRID, height: GRID});

  // The figures at the panels' width and in the page's colours, from the last training run.
  let last = null, drawn = "";
  const look = () => ({width: Math.floor(ui.lossPanel.clientWidth) || 380, colors: themeColors(root)});
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
    last = trained(model, classify);
    const {r, params, settings, status, accuracy} = last;
    draw();
    lossCanvas.setAttribute("aria-label", `Loss curve: the mean loss after each epoch, on a log scale. ${status}.`);
    if (boundaryCanvas) {
      boundaryCanvas.setAttribute("aria-label",
        `ŷ over the ${model.get("features").join("–")} plane after training: orange where ŷ < 0.5 ` +
        `(predicts 0), blue where ŷ > 0.5 (predicts 1), a dashed line on the boundary ŷ = 0.5; ` +
        `hollow circles are rows with y = 0, solid triangles rows with y = 1; accuracy ${Math.round(100 * accuracy)}%.`);
    }
    writeStatus(ui.readout, status, r.diverged, "bp-diverged");
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

  const redraw = () => { showSettings(); update(); };
  const KEYS = ["eta", "epochs", "params", "x", "y", "loss", "features", "divergence_limit"];
  for (const name of KEYS) model.on(`change:${name}`, redraw);
  // Attached to the page, a new width or theme: draw the same run again if it would look different.
  const unwatch = watchLook(ui.plots, () => { if (JSON.stringify(look()) !== drawn) draw(); });
  redraw();
  return () => {
    for (const name of KEYS) model.off(`change:${name}`, redraw);
    unwatch();
  };
}

export default {render};
