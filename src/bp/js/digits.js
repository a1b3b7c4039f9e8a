// "Draw a digit" (an anywidget ES module): a pad of 32 × 32 dots to draw on with a mouse, a finger
// or a pen, the drawing reduced to 8 × 8 as the UCI optical digits were made (a grid the keyboard
// edits too, starting from a test image), and the trained network's ten probabilities as bars,
// new at every move of the pen; "teach it: this is a k" takes one backpropagation step on this
// one drawing, "reset" returns to the trained weights, "clear" empties the pad.
//
// The Python side is bp/digits.py (the trained network stored as float32, the standardisation, the
// test images); everything here is computed in the page with digits/compute.js and mlp.js, the twin
// of bp.mlp, in the static HTML book (no kernel) as in JupyterLab. digits/view.js draws.
// For tests and benchmarks the root element carries the exact numbers shown: data-bitmap (1024
// dots, 0/1), data-counts (the 8 × 8), data-probabilities, data-steps (taught steps since the
// trained weights), data-strokes (strokes ended), data-taught (the last step: label, before,
// after, dW), data-weights (the network after taught steps), data-updates (counting updates),
// data-stroke-ms (a pen move's event to its probabilities shown), data-compute-ms (of which the
// widget's own work: ink, reduce, forward pass, grid, bars, pad) and data-frame-ms (to the
// animation frame after it). tests/browser/test_digits_live.py checks the numbers against bp;
// benchmarks/digits_latency.py times them.

import {element, select, uniqueId, keepKeys} from "./controls.js";
import {themeColors, watchLook} from "./plot.js";
import {SIDE, unpack, stroke, reduce, setPixel, bitmapOf, row, probabilities, teach} from "./digits/compute.js";
import {pad, padSize, drawPad, grid, bars} from "./digits/view.js";
import {workspace, copyLayers} from "./mlp.js";

// A control with its visible label, in `parent`.
function labelled(parent, control, text) {
  const id = uniqueId("bp-dg");
  control.id = id;
  parent.append(element("label", {htmlFor: id, textContent: text}), control);
  return control;
}

// The widget's parts: the three views in their boxes, the controls, the summary and the step's note.
function layout(el, model, handlers) {
  const root = element("div", {className: "bp-digits bp-widget bp-theme"});
  const views = element("div", {className: "bp-dg-views"});
  const canvas = pad(handlers.onStroke, handlers.onEnd);
  const cells = grid(handlers.onEdit), probs = bars();
  for (const [caption, part] of [["draw here", canvas], ["the 8 × 8 it reads, pixels 0–16", cells.table],
                                 ["its probabilities", probs.list]]) {
    const box = element("figure", {className: "bp-dg-box"});
    box.append(part, element("figcaption", {textContent: caption}));
    views.append(box);
  }
  const controls = element("div", {className: "bp-dg-controls"});
  controls.setAttribute("role", "group");
  controls.setAttribute("aria-label", "digit pad controls");
  const images = model.get("images"), labels = model.get("labels");
  const pick = labelled(controls, select([["", "choose…"], ...labels.map((k, i) => [String(i), `a ${k} (test image ${i + 1})`])]),
                        "start from a test image");
  const clear = element("button", {type: "button", textContent: "clear", className: "bp-dg-clear"});
  const teachBox = element("span", {className: "bp-dg-teach"});
  const label = labelled(teachBox, select(Array.from({length: 10}, (_, k) => [String(k), String(k)])), "teach it: this is a");
  const teachButton = element("button", {type: "button", textContent: "teach it", className: "bp-dg-teach-it"});
  const reset = element("button", {type: "button", textContent: "reset", className: "bp-dg-reset"});
  teachBox.append(teachButton);
  controls.append(clear, teachBox, reset);
  const summary = element("p", {className: "bp-dg-summary"});
  summary.setAttribute("role", "status");
  summary.setAttribute("aria-live", "polite");
  const note = element("p", {className: "bp-dg-note"});
  root.append(views, controls, summary, note);
  el.append(root);
  keepKeys(controls);  // a focused menu keeps its keys in JupyterLab (the grid keeps its own)
  pick.addEventListener("change", () => { if (pick.value !== "") handlers.onImage(images[Number(pick.value)], labels[Number(pick.value)]); });
  clear.addEventListener("click", handlers.onClear);
  teachButton.addEventListener("click", () => handlers.onTeach(Number(label.value)));
  reset.addEventListener("click", handlers.onReset);
  return {root, canvas, cells, probs, pick, label, summary, note, reset};
}

const pct = (p) => `${Math.round(100 * p)} %`;
const pct1 = (p) => `${(100 * p).toFixed(1)} %`;
const flat = (layers) => layers.flatMap(({W, b}) => [...W.data, ...b]);

// What a taught step did, in words: the label's probability before and after, each layer's ‖ΔW‖.
function taughtNote(step, k, eta, steps) {
  const norms = step.dW.map((v, l) => `‖ΔW${"¹²³⁴⁵"[l]}‖ = ${v.toPrecision(3)}`).join(", ");
  return `Taught "this is a ${k}" (one step, η = ${eta}; ${steps} since training): ` +
    `p(${k}) ${pct1(step.before[k])} → ${pct1(step.after[k])}; ${norms}. The thin marks show the bars before the step.`;
}

function render({model, el}) {
  const sizes = model.get("sizes"), hidden = model.get("hidden"), mean = model.get("mean"), std = model.get("std");
  const trained = unpack(model.get("weights"), sizes);
  const ws = workspace(trained, 1);
  const s = {layers: copyLayers(trained), steps: 0, bitmap: new Uint8Array(SIDE * SIDE), counts: null, P: null, before: null};
  let ui = null, colors = null, size = padSize(0);

  // New probabilities for the bitmap: the grid, the bars, the pad; `event`: the pen move it answers.
  function update(event = null, t0 = performance.now()) {
    s.counts = reduce(s.bitmap);
    s.P = probabilities(s.layers, row(s.counts, mean, std), hidden, ws);
    ui.cells.show(s.counts);
    const best = ui.probs.show(s.P, s.before);
    drawPad(ui.canvas, s.bitmap, colors, size);
    const d = ui.root.dataset;
    Object.assign(d, {bitmap: s.bitmap.join(""), counts: JSON.stringify(s.counts), probabilities: JSON.stringify(s.P),
                      steps: String(s.steps), best: String(best), updates: String(Number(d.updates || 0) + 1)});
    if (event) {  // a pen move: its event to the probabilities shown, and to the frame that paints them
      d.strokeMs = (performance.now() - event.timeStamp).toFixed(3);
      d.computeMs = (performance.now() - t0).toFixed(3);
      const n = d.updates;
      requestAnimationFrame(() => { if (d.updates === n) d.frameMs = (performance.now() - event.timeStamp).toFixed(3); });
    }
    return best;
  }
  // The summary screen readers hear (at the end of a stroke, an edit, a step; not at every move).
  function announce() {
    const best = s.P.indexOf(Math.max(...s.P));
    ui.summary.textContent = `most likely ${best}, ${pct(s.P[best])}`;
  }
  function changed(event = null, t0 = performance.now()) {
    s.before = null;
    update(event, t0);
  }
  const handlers = {
    onStroke(segments, event) {
      const t0 = performance.now();
      for (const [x0, y0, x1, y1] of segments) stroke(s.bitmap, x0, y0, x1, y1, model.get("brush"));
      changed(event, t0);
    },
    onEnd() {
      ui.root.dataset.strokes = String(Number(ui.root.dataset.strokes || 0) + 1);  // strokes ended: for tests
      announce();
    },
    onEdit(p, count) { setPixel(s.bitmap, p, count); changed(); announce(); },
    onImage(pixels, k) { s.bitmap = bitmapOf(pixels); ui.label.value = String(k); changed(); announce(); },
    onClear() { s.bitmap.fill(0); ui.pick.value = ""; changed(); announce(); },
    onTeach(k) {
      const step = teach(s.layers, row(s.counts, mean, std), k,
                         {eta: model.get("eta"), hidden, limit: model.get("divergence_limit")});
      s.layers = step.layers;
      s.steps += 1;
      s.before = step.before;
      const best = update();
      ui.root.dataset.taught = JSON.stringify({label: k, before: step.before, after: step.after, dW: step.dW});
      ui.root.dataset.weights = JSON.stringify(flat(s.layers));
      ui.note.textContent = taughtNote(step, k, model.get("eta"), s.steps);
      ui.summary.textContent = `taught: this is a ${k}; now most likely ${best}, ${pct(s.P[best])}`;
    },
    onReset() {
      s.layers = copyLayers(trained);
      s.steps = 0;
      delete ui.root.dataset.taught;
      delete ui.root.dataset.weights;
      ui.note.textContent = "The trained weights again, as the notebook left them.";
      changed();
      announce();
    },
  };
  ui = layout(el, model, handlers);
  colors = themeColors(ui.root);
  ui.note.textContent = "The network as trained in the notebook.";
  const unwatch = watchLook(ui.root, () => {  // a new width or theme: the pad drawn again
    colors = themeColors(ui.root);
    size = padSize(ui.canvas.clientWidth);
    drawPad(ui.canvas, s.bitmap, colors, size);
  });
  update();
  announce();
  return unwatch;
}

export default {render};
