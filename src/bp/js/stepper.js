// The stepper's front end (an anywidget ES module): one backpropagation pass on the notes' 2-2-1
// network, one value per step, drawn as an SVG in the notes' notation.
//
// It serves the static HTML book (no kernel: the page's stored widget state is all it needs) and
// Jupyter alike. Every number comes from the twin of bp/network.py in network.js; stepper/steps.js
// orders them into steps and writes each step's line, stepper/drawing.js draws; this file lays the
// widget out and moves through the passes. The Python side is bp/stepper.py;
// tests/browser/test_stepper_live.py checks each value (data-value, full precision) against
// bp.forward, bp.gradients and bp.train.

import {element, field, button, uniqueId, keepKeys} from "./controls.js";
import {passSteps} from "./stepper/steps.js";
import {SVG, draw, describe} from "./stepper/drawing.js";
import {num} from "./stepper/notation.js";

const PHASES = {forward: "forward pass", backward: "backward pass", update: "update"};

// The widget's parts: the buttons and the start row, the progress, the step's line, the drawing, the caption.
function layout(el) {
  // bp-widget: every bp widget, live in the page (tests/browser)
  const root = element("div", {className: "bp-stepper bp-widget bp-theme", tabIndex: 0});
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", "Backpropagation, step by step: back, next and restart buttons; " +
                                  "the left and right arrow keys step while it has focus");
  root.setAttribute("aria-keyshortcuts", "ArrowLeft ArrowRight Home End");
  const bar = element("div", {className: "bp-bar"});
  const back = button("Back", "◀", "bp-button bp-back");
  const next = button("Next", "▶", "bp-button bp-next", true);
  const restart = button("Restart", "↺", "bp-button bp-restart");
  bar.append(back, next, restart);
  const {row: rowBox, control: select} = field(bar, document.createElement("select"), "start row",
                                               {tag: "span", className: "bp-row", idPrefix: "bp-stepper-row"});
  const progress = element("p", {className: "bp-progress"});
  const line = element("p", {className: "bp-line"});
  line.setAttribute("role", "status");           // a live region: each step's line is read out
  line.setAttribute("aria-atomic", "true");
  const figure = element("div", {className: "bp-drawing"});
  const svg = document.createElementNS(SVG, "svg");
  svg.dataset.uid = uniqueId("bp-stepper");  // its arrowheads' ids
  svg.setAttribute("role", "img");
  figure.append(svg);
  const caption = element("p", {className: "bp-caption"});
  root.append(bar, progress, line, figure, caption);
  el.append(root);
  return {root, back, next, restart, rowBox, select, progress, line, figure, svg, caption};
}

// The passes so far and where the stepper is: pass `at.pass`, after `at.k` of its steps.
function stepperState(model) {
  const settings = () => ({task: model.get("task"), loss: model.get("loss"), eta: model.get("eta"),
                           x: model.get("x"), y: model.get("y")});
  const s = {passes: [], at: {pass: 0, k: 1}, settings};
  s.pass = (i) => {
    const P = s.passes[i];
    if (!P.steps) Object.assign(P, passSteps({...settings(), row: P.row, p: P.params}));
    return P;
  };
  s.reset = () => {
    s.passes = [{row: model.get("row"), params: {...model.get("params")}}];
    s.at = {pass: 0, k: 1};
  };
  // One step on (delta 1) or back (−1): false at the very first step.
  s.go = (delta) => {
    const {at} = s;
    if (delta > 0) {
      if (at.k < s.pass(at.pass).steps.length) at.k += 1;
      else {
        if (at.pass + 1 === s.passes.length) {   // the next pass: next row, the updated parameters
          const P = s.pass(at.pass);
          s.passes.push({row: (P.row + 1) % model.get("x").length, params: P.values.next});
        }
        s.at = {pass: at.pass + 1, k: 1};
      }
    } else if (at.k > 1) at.k -= 1;
    else if (at.pass > 0) s.at = {pass: at.pass - 1, k: s.pass(at.pass - 1).steps.length};
    else return false;
    return true;
  };
  return s;
}

// Draw the step the stepper is at, write its line, progress and caption. Returns the width drawn for.
function showStep(ui, s, model, el) {
  const {root} = ui, {at} = s, P = s.pass(at.pass), step = P.steps[at.k - 1], N = P.steps.length;
  const width = Math.max(300, Math.floor(ui.figure.clientWidth || el.clientWidth || 640));
  draw(ui.svg, model.get("drawing"), Math.min(width, 860), P, at.k);
  ui.svg.setAttribute("aria-label", describe(P, at.k));
  ui.progress.textContent = `Pass ${at.pass + 1}, row ${P.row} · step ${at.k} of ${N} · ${PHASES[step.phase]}`;
  ui.line.textContent = step.line;
  ui.line.className = `bp-line bp-${step.phase}`;
  const {task, loss, eta, x} = s.settings();
  ui.caption.textContent = `${task === "classification" ? "Sigmoid" : "Linear"} units, ` +
    `${loss === "squared" ? "squared error ½(y − ŷ)²" : "cross-entropy"}, η = ${num(eta)}; ` +
    `each pass takes one SGD step on one row, so ${x.length} pass${x.length === 1 ? "" : "es"} ` +
    `make one epoch of training.`;
  ui.back.disabled = at.pass === 0 && at.k === 1;
  if (ui.back.disabled && document.activeElement === ui.back) root.focus();
  // For tests and the curious: where the stepper is, and this step's numbers at full precision.
  Object.assign(root.dataset, {
    pass: String(at.pass + 1), row: String(P.row), step: String(at.k), steps: String(N), stepId: step.id,
    phase: step.phase, value: JSON.stringify(step.values), params: JSON.stringify(P.params),
    eta: JSON.stringify(eta), task, loss, updates: String(Number(root.dataset.updates || 0) + 1),
  });
  return width;
}

function render({model, el}) {
  const ui = layout(el);
  const {root, select, figure} = ui;
  const s = stepperState(model);
  let width = 0;

  function restartAll() {
    const x = model.get("x"), y = model.get("y");
    select.replaceChildren(...x.map((r, i) => element("option", {
      value: String(i), textContent: `${i}: CGPA ${num(r[0])}, IQ ${num(r[1])}, y = ${num(y[i])}`})));
    select.value = String(model.get("row"));
    s.reset();
    show();
  }

  const show = () => { width = showStep(ui, s, model, el); };

  const go = (delta) => { if (s.go(delta)) show(); };
  ui.back.addEventListener("click", () => go(-1));
  ui.next.addEventListener("click", () => go(1));
  ui.restart.addEventListener("click", () => { restartAll(); });
  select.addEventListener("change", () => {
    const row = Number(select.value);
    if (row === model.get("row")) restartAll();   // the same start row again: start it over
    else {
      model.set("row", row);                       // restarts (change:row), and tells the kernel
      model.save_changes();
    }
  });
  // The arrow keys step while the stepper has focus; they stay here (JupyterLab would take them as
  // notebook shortcuts, the page would scroll). The row selector keeps its own keys (keepKeys).
  keepKeys(ui.rowBox);
  const KEYS = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1};
  root.addEventListener("keydown", (event) => {
    if (event.key in KEYS || event.key === "Home" || event.key === "End") {
      event.stopPropagation();
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      if (event.key === "Home") { s.at.k = 1; show(); } else if (event.key === "End") {
        s.at.k = s.pass(s.at.pass).steps.length; show();
      } else go(KEYS[event.key]);
    }
  });
  const resized = new ResizeObserver(() => {
    const w = Math.floor(figure.clientWidth);
    if (w > 0 && Math.abs(Math.min(w, 860) - Math.min(width, 860)) >= 1) show();
  });
  resized.observe(figure);
  const names = ["x", "y", "params", "eta", "row", "task", "loss", "drawing"];
  for (const name of names) model.on(`change:${name}`, restartAll);
  restartAll();
  return () => {
    resized.disconnect();
    for (const name of names) model.off(`change:${name}`, restartAll);
  };
}

export default {render};
