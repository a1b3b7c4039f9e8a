// The playground's front end (an anywidget ES module): the controls, and the figures of a network
// of any depth, width and activation trained in the browser — the loss curve, ŷ over the plane
// (the decision boundary, or for regression the prediction surface) and each layer's gradient size
// at the start and the end of training — with play, pause and step.
//
// The Python side is bp/playground.py; the training is mlp.js, the line-by-line twin of bp/mlp.py,
// driven by run.js. This file lays the widget out and wires it; playground/engine.js chooses where
// a run goes, playground/session.js keeps the runs and the clock (play, pause, step),
// playground/view.js draws the run shown (figures.js, text.js), playground/controls.js the settings. A short run (the defaults' size) trains here, on the page's thread, in the
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

import {serveWorker, standardized} from "./run.js";
import {themeColors, watchLook} from "./plot.js";
import {element} from "./controls.js";
import {SETTINGS, playgroundControls, playBar, keepControlKeys} from "./playground/controls.js";
import {engines} from "./playground/engine.js";
import {restart, setPlaying, onMessage, onPlay, onStep} from "./playground/session.js";
import {figureCells, watchCells, draw} from "./playground/view.js";
import {readTheme} from "./playground/figures.js";
import {shareRow, linkKey, applyLink, wireShare} from "./playground/share.js";
import {networkCell, wireNetwork} from "./playground/network.js";
import {withBlobs} from "./data.js";
import {ownDataSection, wireOwnData} from "./playground/owndata.js";

// In a Web Worker (the playground's own, playground/engine.js) this module only serves runs.
if (typeof document === "undefined" && typeof self !== "undefined" && typeof self.postMessage === "function") {
  serveWorker(self);
}

// The widget's parts: the settings, the bar, the status line, the figures.
function layout(el) {
  // bp-widget: every bp widget, live in the page (tests/browser); bp-theme: the page's colours (theme.css)
  const root = element("div", {className: "bp-playground bp-widget bp-theme"});
  const controls = element("div", {className: "bp-pg-controls"});
  controls.setAttribute("role", "group");
  controls.setAttribute("aria-label", "network and training settings");
  const bar = element("div", {className: "bp-pg-bar"});
  const figures = element("div", {className: "bp-pg-figures"});
  const shareBox = element("div", {className: "bp-pg-sharebox"});
  const readout = element("p", {className: "bp-pg-readout"});
  readout.setAttribute("role", "status");
  root.append(controls, bar, shareBox, readout, figures);
  el.append(root);
  return {root, controls, bar, shareBox, figures, readout};
}

// The widget's state, shared by playground/session.js and playground/view.js.
function widgetState(model, el) {
  const {root, controls, bar, shareBox, figures, readout} = layout(el);
  const datasets = withBlobs(model.get("datasets"));  // the three-class set, even in an older stored state
  return {
    model, root, readout, ...playBar(bar), ...figureCells(figures), ...networkCell(figures), ...shareRow(shareBox), ...ownDataSection(shareBox), linkKey: linkKey(el),
    showSettings: playgroundControls(model, controls, datasets), datasets,
    byName: Object.fromEntries(datasets.map((d) => [d.name, {...d, x: standardized(d)}])),
    settings: () => Object.fromEntries(SETTINGS.map((k) => [k, model.get(k)])),
    reduceMotion: window.matchMedia("(prefers-reduced-motion: reduce)"),
    theme: readTheme(root), cellWidths: {},
    runs: {}, runId: 0, shown: null, playing: false, waiting: false, playClock: null, engines: null,
  };
}

function render({model, el}) {
  const w = widgetState(model, el);
  const {root} = w;
  keepControlKeys(root);
  const cellResize = watchCells(w);
  w.engines = engines({
    init: {type: "init", datasets: w.datasets, limit: model.get("divergence_limit")},
    moduleUrl: import.meta.url, moduleText: () => model.get("_esm"), onMessage: (msg) => onMessage(w, msg),
    onSwitch: () => { root.dataset.engine = w.engines.here.kind; restart(w); },
  });
  root.dataset.engine = w.engines.longRuns();
  w.play.addEventListener("click", () => onPlay(w));
  w.step.addEventListener("click", () => onStep(w));
  wireShare(w);
  wireNetwork(w);
  wireOwnData(w);
  applyLink(w);  // the address's link for this playground, if any, before the first run

  const onChange = () => { w.showSettings(w.settings()); restart(w); };
  for (const name of SETTINGS) model.on(`change:${name}`, onChange);
  // Redraw (no new run) when the page's theme changes; a change of width is watchCells's.
  let drawnLook = "";
  const unwatch = watchLook(root, () => {
    const look = JSON.stringify(themeColors(root));
    if (look !== drawnLook) { drawnLook = look; w.theme = readTheme(root); draw(w); }
  });

  setPlaying(w, false);
  w.showSettings(w.settings());
  restart(w);
  return () => {
    for (const name of SETTINGS) model.off(`change:${name}`, onChange);
    unwatch();
    w.engines.stop();
    cellResize.disconnect();
  };
}

export default {render};
