// The playground's front end (an anywidget ES module): the controls, and the figures of a network
// of any depth, width and activation trained in the browser — the loss curve, ŷ over the plane
// (the decision boundary, or for regression the prediction surface) and each layer's gradient size
// at the start and the end of training — with play, pause and step.
//
// The Python side is bp/playground.py; the training is mlp.js, the line-by-line twin of bp/mlp.py,
// driven by run.js. A short run (the defaults' size) trains here, on the page's thread, in the
// task of the control change; longer ones go to a Web Worker started from this very module (its
// URL in the book, its text, the widget's `_esm`, in JupyterLab: no other copy of the twin); where no
// worker can start, they run here too. Here, a run never holds the thread for more than a chunk of
// ~12 ms. The same module runs in the static HTML book (no kernel) and in Jupyter (where the
// settings are also the widget's traitlets).
// For tests and benchmarks the root element carries the exact numbers drawn (data-losses, ...),
// the settings they came from (data-settings), a "done" signal (data-state="done", data-updates
// counting the runs done), where runs go (data-engine: the long ones; data-ran-on: the last one)
// and timings (data-update-ms: control change to figure drawn; data-compute-ms: the run itself;
// data-draw-ms: handling the last message, drawing included; data-main-ms: how long the widget
// held the page's thread for it: that, and the chunk before it if the chunk ran here;
// data-chunk-ms: the run's longest chunk; data-last-chunk-ms: the chunk before the last message).
// tests/browser/test_playground_live.py checks the numbers against bp.mlp.train.

import {createRunner, serveWorker, sizesOf, standardized, workOf, GRID} from "./run.js";
import {fmtG} from "./format.js";
import {setupCanvas, drawFrame, drawXTicks, drawYTicks, linearTicks, logTicks, drawLosses, planeLimits, themeColors, rgbOf,
        watchLook} from "./plot.js";

// In a Web Worker (the playground's own, below) this module only serves runs.
if (typeof document === "undefined" && typeof self !== "undefined" && typeof self.postMessage === "function") {
  serveWorker(self);
}

const ACTIVATION_LABELS = {identity: "identity (linear)", sigmoid: "sigmoid", tanh: "tanh", relu: "ReLU"};
const SETTINGS = ["dataset", "hidden_layers", "width", "activation", "eta", "batch_size", "epochs", "seed", "scale"];

// ---------------------------------------------------------------------------------------------
// Colours: the page's theme, light or dark (theme.css, read by plot.js's themeColors, as for the
// explorer and the tangent), with its colour-blind safe class colours (Okabe–Ito orange vs blue;
// the rows also differ in shape: hollow circles and solid triangles, as in the explorer).
// ---------------------------------------------------------------------------------------------

// (Read from the page once the widget is in it: a view may render before it is attached, and a
// detached element has no computed style.)
function readTheme(root) {
  const colors = themeColors(root);
  return {
    ...colors, connected: root.isConnected, bgRGB: rgbOf(colors.background),
    class0: rgbOf(colors.class0), class1: rgbOf(colors.class1),    // the plane's shading, mixed into bgRGB
    start: colors.line, end: colors.class0,                        // gradient bars: blue at the start, orange now
  };
}

// Viridis (perceptually uniform, colour-blind safe), five stops, for the regression surface.
const VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
function viridis(t) {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1), k = Math.min(VIRIDIS.length - 2, Math.floor(x));
  return VIRIDIS[k].map((c, i) => c + (VIRIDIS[k + 1][i] - c) * (x - k));
}

const mix = (a, b, t) => a.map((c, i) => Math.round(c + (b[i] - c) * t));
const css = ([r, g, b]) => `rgb(${r}, ${g}, ${b})`;

// ---------------------------------------------------------------------------------------------
// The figures
// ---------------------------------------------------------------------------------------------

// ŷ over the plane (grid: GRID × GRID values, rows from the top), the rows on it and, for
// classification, the boundary ŷ = 0.5 (marching squares over the grid).
function drawPlane(canvas, st, data, theme, width, scratch) {
  const W = width, H = Math.round(Math.min(width, 460) * 0.9);
  const ctx = setupCanvas(canvas, W, H, theme);
  const box = {x: 58, y: 28, w: W - 58 - 14, h: H - 28 - 46};
  const [[x0, x1], [y0, y1]] = st.limits;
  const classification = data.task === "classification";
  const [ylo, yhi] = [Math.min(...data.y), Math.max(...data.y)];
  const colour = classification
    ? (v) => (v < 0.5 ? mix(theme.bgRGB, theme.class0, 0.7 * (0.5 - v) / 0.5)
                      : mix(theme.bgRGB, theme.class1, 0.7 * (v - 0.5) / 0.5))
    : (v) => mix(theme.bgRGB, viridis((v - ylo) / (yhi - ylo)), 0.75);
  const image = scratch.getContext("2d").createImageData(GRID, GRID), pixels = image.data;
  for (let k = 0; k < GRID * GRID; k++) {
    const v = st.grid[k];
    const c = Number.isFinite(v) ? colour(v) : theme.bgRGB;
    pixels[4 * k] = c[0]; pixels[4 * k + 1] = c[1]; pixels[4 * k + 2] = c[2]; pixels[4 * k + 3] = 255;
  }
  scratch.getContext("2d").putImageData(image, 0, 0);
  // Grid point c sits at box.x + c / (GRID − 1) · box.w: the image's pixel centres go there.
  const cell = {w: box.w / (GRID - 1), h: box.h / (GRID - 1)};
  ctx.save();
  ctx.beginPath(); ctx.rect(box.x, box.y, box.w, box.h); ctx.clip();
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, box.x - cell.w / 2, box.y - cell.h / 2, box.w + cell.w, box.h + cell.h);
  if (classification) {
    ctx.strokeStyle = theme.text;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    // Each square's corners clockwise from its top left (row, column offsets); where ŷ − 0.5 changes
    // sign along an edge, the boundary cuts it (linearly interpolated); the cuts are joined in pairs.
    const DR = [0, 0, 1, 1], DC = [0, 1, 1, 0], v = new Float64Array(4), cuts = new Float64Array(8);
    for (let r = 0; r < GRID - 1; r++) {
      for (let c = 0; c < GRID - 1; c++) {
        for (let e = 0; e < 4; e++) v[e] = st.grid[(r + DR[e]) * GRID + c + DC[e]] - 0.5;
        let n = 0;
        for (let e = 0; e < 4; e++) {
          const f = (e + 1) % 4, a = v[e], b = v[f];
          if ((a < 0) !== (b < 0)) {
            const t = a / (a - b);
            cuts[n++] = box.x + (c + DC[e] + (DC[f] - DC[e]) * t) * cell.w;
            cuts[n++] = box.y + (r + DR[e] + (DR[f] - DR[e]) * t) * cell.h;
          }
        }
        for (let k = 0; k + 3 < n; k += 4) { ctx.moveTo(cuts[k], cuts[k + 1]); ctx.lineTo(cuts[k + 2], cuts[k + 3]); }
      }
    }
    ctx.stroke();
  }
  ctx.restore();
  const toX = (v) => box.x + ((v - x0) / (x1 - x0)) * box.w;
  const toY = (v) => box.y + box.h - ((v - y0) / (y1 - y0)) * box.h;
  drawFrame(ctx, box, classification ? "ŷ over the plane (line: ŷ = 0.5)" : "ŷ over the plane (prediction)",
            data.features[0], data.features[1], theme);
  drawXTicks(ctx, box, linearTicks(x0, x1, 4), toX, theme);
  drawYTicks(ctx, box, linearTicks(y0, y1, 4), toY, false, theme);
  // The rows as in the explorer: labelled 0, hollow circles; labelled 1, solid triangles (in the
  // page's text colour, so that no row is lost on the shading of its own class); for regression,
  // circles coloured by their value.
  const small = data.x.length > 250 ? 0.8 : 1;
  data.x.forEach((row, i) => {
    const x = toX(row[0]), y = toY(row[1]);
    ctx.beginPath();
    if (classification && data.y[i] === 1) {
      ctx.moveTo(x, y - 5.5 * small); ctx.lineTo(x + 5 * small, y + 3.8 * small); ctx.lineTo(x - 5 * small, y + 3.8 * small);
      ctx.closePath();
      [ctx.fillStyle, ctx.strokeStyle, ctx.lineWidth] = [theme.text, theme.background, 1];
    } else {
      ctx.arc(x, y, (classification ? 3.8 : 3.2) * small, 0, 2 * Math.PI);
      [ctx.fillStyle, ctx.strokeStyle, ctx.lineWidth] = classification
        ? [theme.background, theme.text, 1.5] : [css(viridis((data.y[i] - ylo) / (yhi - ylo))), theme.text, 1];
    }
    ctx.fill();
    ctx.stroke();
  });
  return H;
}

// The size of each layer's ∂L/∂W on the whole table (the root mean square of its entries, the
// measure of the chapter's depth figure), at the start and at the epoch shown, on a log axis:
// vanishing gradients show as bars that shrink towards the first layer.
function drawBars(canvas, start, end, theme, width, epoch) {
  const W = width, H = Math.round(Math.min(300, Math.max(200, width * 0.6)));
  const ctx = setupCanvas(canvas, W, H, theme);
  const box = {x: 70, y: 28, w: W - 70 - 14, h: H - 28 - 62};
  drawFrame(ctx, box, "gradient size per layer", "layer (1 = first hidden … last = output)", "size of ∂L/∂W (log)", theme);
  const values = [...start, ...end].filter((v) => Number.isFinite(v) && v > 0);
  if (!values.length) return H;
  const top = Math.max(...values) * 2, bottom = Math.min(...values) / 2;
  const l0 = Math.log10(bottom), l1 = Math.log10(top);
  const toY = (v) => box.y + box.h - ((Math.log10(Math.min(Math.max(v, bottom), top)) - l0) / (l1 - l0)) * box.h;
  drawYTicks(ctx, box, logTicks(bottom, top), toY, true, theme);
  const L = start.length, group = box.w / L, bar = Math.min(26, group * 0.34);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (let l = 0; l < L; l++) {
    const cx = box.x + group * (l + 0.5);
    [[start[l], theme.start, -1], [end[l], theme.end, 0]].forEach(([v, colour, side]) => {
      const y = Number.isFinite(v) && v > 0 ? toY(v) : box.y + box.h;
      ctx.fillStyle = colour;
      ctx.fillRect(cx + side * bar, y, bar, box.y + box.h - y);
    });
    ctx.fillStyle = theme.text;
    ctx.fillText(String(l + 1), cx, box.y + box.h + 5);
  }
  // Legend under the axis label.
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  const ly = H - 12;
  let lx = box.x;
  for (const [label, colour] of [["start", theme.start], [`epoch ${epoch}`, theme.end]]) {
    ctx.fillStyle = colour;
    ctx.fillRect(lx, ly - 5, 10, 10);
    ctx.fillStyle = theme.text;
    ctx.fillText(label, lx + 14, ly);
    lx += 24 + ctx.measureText(label).width;
  }
  return H;
}

// ---------------------------------------------------------------------------------------------
// The controls: native, labelled, usable with the keyboard
// ---------------------------------------------------------------------------------------------

let counter = 0;

function field(parent, key, label, control) {
  const id = `bp-playground-${counter}-${key}`;
  const box = Object.assign(document.createElement("div"), {className: "bp-pg-field"});
  box.dataset.name = key;
  const lab = Object.assign(document.createElement("label"), {htmlFor: id, textContent: label});
  control.id = id;
  control.dataset.name = key;
  const out = document.createElement("output");  // a slider's value, shown beside its label
  if (control.type === "range") {
    out.htmlFor = id;
    out.setAttribute("aria-hidden", "true");  // the slider's own value (or aria-valuetext) says the same
    lab.append(" ", out);
  }
  box.append(lab, control);
  parent.append(box);
  return {control, out};
}

function select(options) {
  const el = document.createElement("select");
  for (const [value, text] of options) el.append(Object.assign(document.createElement("option"), {value, textContent: text}));
  return el;
}

function range(min, max) {
  return Object.assign(document.createElement("input"), {type: "range", min, max, step: 1});
}

// The index of the value nearest to v in a list (on a log scale for η).
function nearest(values, v, log = false) {
  const f = (x) => (log ? Math.log(x) : x);
  let best = 0;
  values.forEach((x, i) => { if (Math.abs(f(x) - f(v)) < Math.abs(f(values[best]) - f(v))) best = i; });
  return best;
}

const batchText = (b) => (b === null ? "full batch" : b === 1 ? "1 (per sample)" : String(b));
const etaText = (v) => fmtG(v, 3);

// ---------------------------------------------------------------------------------------------
// The widget
// ---------------------------------------------------------------------------------------------

function render({model, el}) {
  counter += 1;
  // bp-widget: every bp widget, live in the page (tests/browser); bp-theme: the page's colours (theme.css)
  const root = Object.assign(document.createElement("div"), {className: "bp-playground bp-widget bp-theme"});
  const controls = Object.assign(document.createElement("div"), {className: "bp-pg-controls"});
  controls.setAttribute("role", "group");
  controls.setAttribute("aria-label", "network and training settings");
  const bar = Object.assign(document.createElement("div"), {className: "bp-pg-bar"});
  const figures = Object.assign(document.createElement("div"), {className: "bp-pg-figures"});
  const readout = Object.assign(document.createElement("p"), {className: "bp-pg-readout"});
  readout.setAttribute("role", "status");
  root.append(controls, bar, readout, figures);
  el.append(root);

  const datasets = model.get("datasets");
  const byName = Object.fromEntries(datasets.map((d) => [d.name, {...d, x: standardized(d)}]));
  const etas = model.get("etas"), epochValues = model.get("epoch_values"), batchSizes = model.get("batch_sizes");
  const c = {
    dataset: field(controls, "dataset", "data set", select(datasets.map((d) => [d.name, d.label]))),
    hidden_layers: field(controls, "hidden_layers", "hidden layers", range(0, model.get("max_hidden_layers"))),
    width: field(controls, "width", "units per hidden layer", range(1, model.get("max_width"))),
    activation: field(controls, "activation", "hidden activation",
                      select(model.get("activations").map((a) => [a, ACTIVATION_LABELS[a] || a]))),
    eta: field(controls, "eta", "learning rate η", range(0, etas.length - 1)),
    batch_size: field(controls, "batch_size", "batch size",
                      select(batchSizes.map((b) => [b === null ? "full" : String(b), batchText(b)]))),
    epochs: field(controls, "epochs", "epochs", range(0, epochValues.length - 1)),
    seed: field(controls, "seed", "initialisation seed",
                Object.assign(document.createElement("input"), {type: "number", min: 0, max: 4294967295, step: 1})),
  };
  c.seed.control.inputMode = "numeric";

  const play = Object.assign(document.createElement("button"), {type: "button", className: "bp-pg-play"});
  const step = Object.assign(document.createElement("button"), {type: "button", className: "bp-pg-step",
                                                                textContent: "Step one epoch"});
  const progress = Object.assign(document.createElement("progress"), {className: "bp-pg-progress", max: 1, value: 0});
  progress.hidden = true;
  const epochNote = Object.assign(document.createElement("span"), {className: "bp-pg-epoch"});
  epochNote.setAttribute("aria-hidden", "true");  // the status line says it when a run stops
  bar.append(play, step, progress, epochNote);

  const cells = {};
  for (const [key, label] of [["plane", "ŷ over the plane"], ["loss", "loss curve"], ["grads", "gradient per layer"]]) {
    const cell = Object.assign(document.createElement("div"), {className: `bp-pg-cell bp-pg-${key}`});
    const canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", label);
    cell.append(canvas);
    figures.append(cell);
    cells[key] = {cell, canvas};
  }
  const legend = Object.assign(document.createElement("p"), {className: "bp-pg-legend"});
  cells.plane.cell.append(legend);
  const scratch = Object.assign(document.createElement("canvas"), {width: GRID, height: GRID});
  // The cells' widths as the page's layout last gave them (a ResizeObserver's): a redraw after a
  // control change reads no layout, so it forces none (the page lays out once, in its next frame).
  const cellWidths = {}, cellKeys = new Map(Object.entries(cells).map(([k, {cell}]) => [cell, k]));
  const cellResize = new ResizeObserver((entries) => {
    let changed = false;
    for (const {target} of entries) {
      const k = cellKeys.get(target), w = target.clientWidth;
      changed = changed || cellWidths[k] !== w;
      cellWidths[k] = w;
    }
    if (changed) draw();
  });
  for (const {cell} of Object.values(cells)) cellResize.observe(cell);

  const settings = () => Object.fromEntries(SETTINGS.map((k) => [k, model.get(k)]));
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  let theme = readTheme(root);

  // Show the model's settings on the controls (a slider snaps to its nearest value; the model keeps its own).
  function showSettings() {
    const s = settings();
    c.dataset.control.value = s.dataset;
    c.hidden_layers.control.value = String(s.hidden_layers);
    c.hidden_layers.out.textContent = String(s.hidden_layers);
    c.width.control.value = String(s.width);
    c.width.out.textContent = String(s.width);
    c.width.control.disabled = s.hidden_layers === 0;
    c.activation.control.value = s.activation;
    c.activation.control.disabled = s.hidden_layers === 0;
    c.eta.control.value = String(nearest(etas, s.eta, true));
    c.eta.out.textContent = etaText(s.eta);
    c.eta.control.setAttribute("aria-valuetext", `η = ${etaText(s.eta)}`);
    const sized = batchSizes.filter((b) => b !== null);
    c.batch_size.control.value = s.batch_size === null ? "full" : String(sized[nearest(sized, s.batch_size)]);
    c.epochs.control.value = String(nearest(epochValues, s.epochs));
    c.epochs.out.textContent = String(s.epochs);
    c.epochs.control.setAttribute("aria-valuetext", `${s.epochs} epochs`);
    if (Number(c.seed.control.value) !== s.seed || c.seed.control.value === "") c.seed.control.value = String(s.seed);
  }

  // A control moved: the model changes (and so the run); the kernel, if any, hears on release.
  const fromControl = {
    dataset: (v) => v,
    hidden_layers: Number,
    width: Number,
    activation: (v) => v,
    eta: (v) => etas[Number(v)],
    batch_size: (v) => (v === "full" ? null : Number(v)),
    epochs: (v) => epochValues[Number(v)],
    seed: (v) => (/^\d+$/.test(v.trim()) && Number(v) <= 4294967295 ? Number(v) : undefined),
  };
  for (const [key, {control}] of Object.entries(c)) {
    const set = () => {
      const v = fromControl[key](control.value);
      if (v !== undefined && v !== model.get(key)) model.set(key, v);
    };
    control.addEventListener("input", set);
    control.addEventListener("change", () => { set(); model.save_changes(); });
  }
  // The keys that work a control stay with it: JupyterLab would otherwise take them as notebook
  // shortcuts (and the focus away). Tab, Escape and shortcuts with Ctrl/Cmd/Alt pass.
  root.addEventListener("keydown", (event) => {
    if (event.target.closest("input, select, button") && !["Tab", "Escape"].includes(event.key)
        && !event.ctrlKey && !event.metaKey && !event.altKey) event.stopPropagation();
  });

  // ------------------------------------------------------------------ runs
  // Two engines run the same runner (run.js). A short run (up to SHORT_WORK, about twice the
  // defaults' work) trains here on the page's thread, at once, in the task of the control change:
  // no round trip to a worker, so the figure follows in the same frame when it can; it still never
  // holds the thread for more than a chunk of ~12 ms (a slower machine gets chunks and the progress
  // bar). Longer runs go to a Web Worker running this module (or, if none can start, here in chunks).
  const runs = {};       // id → the settings it trained with
  let runId = 0, shown = null, playing = false, waiting = false, playClock = null;

  function mainThreadEngine() {
    // A chunk's message is handled right after the chunk (a microtask), before the page draws a frame.
    const receive = createRunner((msg) => queueMicrotask(() => onMessage(msg)),
                                 {budgetMs: 12, later: (f) => setTimeout(f, 0)});
    return {kind: "main thread", send: (msg) => receive(msg), stop() { receive({type: "stop"}); }};
  }
  function workerEngine() {
    // This module's own file where it was loaded by URL (the book); else its text, which anywidget
    // (JupyterLab) loads through a blob: URL that may be gone by now.
    const byUrl = !import.meta.url.startsWith("blob:");
    const url = byUrl ? import.meta.url : URL.createObjectURL(new Blob([model.get("_esm")], {type: "text/javascript"}));
    const worker = new Worker(url, {type: "module", name: "bp-playground"});
    let ready = false;
    const queue = [];
    worker.onmessage = (event) => {
      if (event.data.type === "ready") {
        ready = true;
        if (!byUrl) URL.revokeObjectURL(url);
        queue.splice(0).forEach((m) => worker.postMessage(m));
      } else onMessage(event.data);
    };
    worker.onerror = (event) => {  // no worker after all (a page that forbids them): run here instead
      event.preventDefault();
      worker.terminate();
      if (away && away.worker === worker) switchToMainThread();
    };
    return {kind: "Web Worker", worker, send: (m) => (ready ? worker.postMessage(m) : queue.push(m)), stop: () => worker.terminate()};
  }
  const init = {type: "init", datasets, limit: model.get("divergence_limit")};
  const here = mainThreadEngine();
  here.send(init);
  let away = null;       // the Web Worker's engine, if one can start
  try {
    away = workerEngine();
    away.send(init);
  } catch (error) {
    away = null;
  }
  let engine = null;     // the engine of the current run
  function switchToMainThread() {
    away = engine = null;
    root.dataset.engine = here.kind;
    restart();
  }
  root.dataset.engine = (away || here).kind;  // where long runs go
  const SHORT_WORK = 8e6;  // run.js's workOf: the defaults (circles, 2 × 4 tanh, 50 epochs) are 3.6e6
  const rows = Object.fromEntries(datasets.map((d) => [d.name, d.x.length]));

  function send(msg) {
    waiting = true;
    if (msg.type === "start") {
      const s = runs[msg.id];
      const next = away === null || workOf(s, rows[s.dataset]) <= SHORT_WORK ? here : away;
      // The other engine drops its run (an engine given a new run drops its old one itself).
      if (engine !== null && engine !== next) engine.send({type: "stop"});
      engine = next;
      root.dataset.ranOn = engine.kind;
    }
    engine.send(msg);
  }

  // A new run from the settings: at once to the last epoch, or from epoch 0 when playing.
  function restart() {
    if (playing && reduceMotion.matches) setPlaying(false);  // nothing plays by itself
    if (playing) playClock = {t: performance.now(), epoch: 0};
    runId += 1;
    runs[runId] = settings();
    root.dataset.state = "running";
    root.dataset.changedAt = String(performance.now());
    send({type: "start", id: runId, settings: runs[runId], until: playing ? 0 : runs[runId].epochs});
  }

  function setPlaying(on) {
    playing = on;
    play.textContent = on ? "Pause" : "Play";
    play.setAttribute("aria-pressed", String(on));
    playClock = on ? {t: performance.now(), epoch: shown && shown.id === runId ? shown.epoch : 0} : null;
  }

  function onMessage(msg) {
    if (msg.id !== runId) return;                    // a run that the settings have since replaced
    const t0 = performance.now();
    root.dataset.chunkMs = msg.chunkMs.toFixed(2);        // the run's longest chunk (in the worker, or here)
    root.dataset.lastChunkMs = msg.lastChunkMs.toFixed(2);  // and the one before this message
    if (msg.type === "state") root.dataset.computeMs = msg.computeMs.toFixed(2);  // the run, start to state
    if (msg.type === "progress") {
      const total = runs[msg.id].epochs;
      progress.hidden = playing;
      progress.max = total;
      progress.value = msg.epoch;
      progress.setAttribute("aria-label", `training: epoch ${msg.epoch} of ${total}`);
      epochNote.textContent = `training… epoch ${msg.epoch} of ${total}`;
    } else {
      waiting = false;
      progress.hidden = true;
      shown = msg;
      if (msg.finished && playing) setPlaying(false);
      draw();
      if (msg.finished) finish("done");
      else if (playing) requestAnimationFrame(advance);
      else finish("paused");
    }
    // this message's work here (drawing included), and the chunk before it if it ran here too
    root.dataset.drawMs = (performance.now() - t0).toFixed(2);
    root.dataset.mainMs = (performance.now() - t0 + (engine === here ? msg.lastChunkMs : 0)).toFixed(2);
  }

  function finish(state) {
    root.dataset.state = state;
    root.dataset.updateMs = (performance.now() - Number(root.dataset.changedAt)).toFixed(3);
    root.dataset.updates = String(Number(root.dataset.updates || 0) + 1);
  }

  // Playing: the next epochs, at a pace the eye can follow (at least 30 epochs a second; a long
  // run takes about 8 s).
  function advance() {
    if (!playing || waiting) return;
    const total = runs[runId].epochs;
    const rate = Math.max(30, total / 8);
    const due = Math.min(total, playClock.epoch + Math.floor(((performance.now() - playClock.t) / 1000) * rate));
    send({type: "advance", id: runId, until: Math.max(shown.epoch + 1, due)});
  }

  play.addEventListener("click", () => {
    if (playing) {                                   // pause at the epoch shown
      setPlaying(false);
      if (!waiting) finish(shown && shown.finished ? "done" : "paused");
      writeReadout();
      return;
    }
    const atEnd = !shown || shown.id !== runId || shown.finished || waiting;
    setPlaying(true);
    if (atEnd) {                                     // from epoch 0
      playClock.epoch = 0;
      restart();
    } else {
      root.dataset.state = "running";
      root.dataset.changedAt = String(performance.now());
      advance();
    }
  });
  step.addEventListener("click", () => {
    if (playing) setPlaying(false);
    root.dataset.changedAt = String(performance.now());
    if (!shown || shown.id !== runId || shown.finished) {  // from the end: start over at epoch 0
      runId += 1;
      runs[runId] = settings();
      root.dataset.state = "running";
      send({type: "start", id: runId, settings: runs[runId], until: 0});
    } else if (!waiting) {
      root.dataset.state = "running";
      send({type: "advance", id: runId, until: shown.epoch + 1});
    }
  });

  // ------------------------------------------------------------------ drawing
  function writeReadout() {
    if (!shown) return;
    const st = shown, s = runs[st.id], n = st.losses.length;
    let text;
    if (st.diverged) {
      text = n ? `diverged after epoch ${n}: η = ${etaText(s.eta)} is too large for this network; ` +
                 `the last finite loss is ${fmtG(st.losses[n - 1])}`
               : `diverged before training: the starting loss is not finite or above ${fmtG(model.get("divergence_limit"))}`;
    } else {
      const where = st.finished ? `final loss ${fmtG(st.losses[n - 1])} after ${st.epoch} epochs`
                                : `${playing ? "epoch" : "paused at epoch"} ${st.epoch} of ${s.epochs}: loss ${fmtG(st.losses[n - 1])}`;
      text = where;
    }
    if (st.accuracy !== null) text += `; accuracy ${Math.round(100 * st.accuracy)}%`;
    readout.replaceChildren();
    if (st.diverged) {
      readout.append(Object.assign(document.createElement("strong"), {className: "bp-pg-diverged", textContent: "diverged"}),
                     text.slice("diverged".length));
    } else readout.append(text);
    epochNote.textContent = st.finished ? "" : `epoch ${st.epoch} of ${s.epochs}`;
    return text;
  }

  function draw() {
    if (!shown) return;
    if (!theme.connected) theme = readTheme(root);
    const st = shown, s = runs[st.id], data = byName[s.dataset];
    const text = playing ? `epoch ${st.epoch} of ${s.epochs}: loss ${fmtG(st.losses.at(-1) ?? NaN)}` : writeReadout();
    if (playing) epochNote.textContent = text;
    const note = st.diverged ? (st.losses.length ? `diverged after epoch ${st.losses.length}:\nη is too large`
                                                 : "diverged: the starting loss\nis not finite") : "";
    const widths = Object.fromEntries(Object.entries(cells).map(([k, {cell}]) => [k, Math.max(200, Math.floor(cellWidths[k] ?? cell.clientWidth))]));
    drawPlane(cells.plane.canvas, st, data, theme, widths.plane, scratch);
    drawLosses(cells.loss.canvas, st.losses, note, {width: widths.loss, height: Math.round(Math.min(300, Math.max(200, widths.loss * 0.6))),
                                                      theme, epochs: s.epochs});
    drawBars(cells.grads.canvas, st.gradStart, st.gradEnd, theme, widths.grads, st.epoch);
    const names = data.classes;
    legend.textContent = data.task === "classification"
      ? `○ ${names[0]}   ▲ ${names[1]}; shading: ŷ, towards orange for 0 and blue for 1`
      : "colour: Package (dots: the table; shading: the network's ŷ), dark purple low to yellow high";
    const sizes = sizesOf(s).join("-");
    const status = text.replace(/\n/g, " ");
    cells.loss.canvas.setAttribute("aria-label",
      `Loss curve of the ${sizes} network (${s.activation} hidden units) on ${data.label}: the mean loss after each epoch, on a log scale. ${status}.`);
    cells.plane.canvas.setAttribute("aria-label", data.task === "classification"
      ? `ŷ over the ${data.features.join("–")} plane at epoch ${st.epoch}: orange where ŷ < 0.5 (predicted ${names[0]}), ` +
        `blue where ŷ > 0.5 (predicted ${names[1]}), a line on the boundary ŷ = 0.5; circles are rows labelled ${names[0]}, ` +
        `triangles rows labelled ${names[1]}.${st.accuracy === null ? "" : ` Accuracy ${Math.round(100 * st.accuracy)}%.`}`
      : `The network's prediction ŷ over the ${data.features.join("–")} plane at epoch ${st.epoch} (viridis colours), ` +
        `with the table's rows coloured by their Package.`);
    const fmt = (v) => fmtG(v, 2);
    cells.grads.canvas.setAttribute("aria-label",
      `Size of each layer's gradient ∂L/∂W (root mean square) on the whole table, layer 1 (first) to ${st.gradStart.length} (output): ` +
      `at the start ${st.gradStart.map(fmt).join(", ")}; at epoch ${st.epoch} ${st.gradEnd.map(fmt).join(", ")}.`);
    // For tests and the curious: the exact numbers drawn, and the settings they came from.
    root.dataset.settings = JSON.stringify(s);
    root.dataset.losses = JSON.stringify(st.losses);
    root.dataset.epoch = String(st.epoch);
    root.dataset.diverged = String(st.diverged);
    root.dataset.accuracy = JSON.stringify(st.accuracy);
    root.dataset.gradStart = JSON.stringify(st.gradStart);
    root.dataset.gradEnd = JSON.stringify(st.gradEnd);
  }

  // ------------------------------------------------------------------ life cycle
  const onChange = () => { showSettings(); restart(); };
  for (const name of SETTINGS) model.on(`change:${name}`, onChange);
  // Redraw (no new run) when the page's theme changes; a change of width is cellResize's (above).
  let drawnLook = "";
  const unwatch = watchLook(root, () => {
    const look = JSON.stringify(themeColors(root));
    if (look !== drawnLook) { drawnLook = look; theme = readTheme(root); draw(); }
  });

  setPlaying(false);
  showSettings();
  restart();
  return () => {
    for (const name of SETTINGS) model.off(`change:${name}`, onChange);
    unwatch();
    here.stop();
    if (away) away.stop();
    cellResize.disconnect();
  };
}

export default {render};
