// The playground's view of the run shown (w.shown): the three figures, the status line, the text
// alternatives, and the numbers drawn on the root element for tests. `w` is the widget's state
// (playground.js).
import {GRID} from "../run.js";
import {drawLosses, divergedNote} from "../plot.js";
import {element, writeStatus} from "../controls.js";
import {readTheme, drawPlane, drawBars} from "./figures.js";
import {statusText, playingText, legendText, figureLabels} from "./text.js";
import {writeCode} from "./share.js";
import {scheduleNetwork} from "./network.js";

// The figures' cells (a canvas each; the plane's with its legend) in `figures`, and a scratch
// canvas for the plane's shading.
export function figureCells(figures) {
  const cells = {};
  for (const [key, label] of [["plane", "ŷ over the plane"], ["loss", "loss curve"], ["grads", "gradient per layer"]]) {
    const cell = element("div", {className: `bp-pg-cell bp-pg-${key}`});
    const canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", label);
    cell.append(canvas);
    figures.append(cell);
    cells[key] = {cell, canvas};
  }
  const legend = element("p", {className: "bp-pg-legend"});
  cells.plane.cell.append(legend);
  const scratch = element("canvas", {width: GRID, height: GRID});
  return {cells, legend, scratch};
}

// The cells' widths as the page's layout last gave them (a ResizeObserver's, into w.cellWidths): a
// redraw after a control change reads no layout, so it forces none (the page lays out once, in its
// next frame). Returns the observer.
export function watchCells(w) {
  const cellKeys = new Map(Object.entries(w.cells).map(([k, {cell}]) => [cell, k]));
  const cellResize = new ResizeObserver((entries) => {
    let changed = false;
    for (const {target} of entries) {
      const k = cellKeys.get(target), width = target.clientWidth;
      changed = changed || w.cellWidths[k] !== width;
      w.cellWidths[k] = width;
    }
    if (changed) draw(w);
  });
  for (const {cell} of Object.values(w.cells)) cellResize.observe(cell);
  return cellResize;
}

// The status line (and the epoch beside the buttons) of the run shown. Returns its text.
export function writeReadout(w) {
  if (!w.shown) return;
  const st = w.shown, s = w.runs[st.id];
  const text = statusText(st, s, w.playing, w.model.get("divergence_limit"));
  writeStatus(w.readout, text, st.diverged, "bp-pg-diverged");
  w.epochNote.textContent = st.finished ? "" : `epoch ${st.epoch} of ${s.epochs}`;
  return text;
}

export function draw(w) {
  if (!w.shown) return;
  if (!w.theme.connected) w.theme = readTheme(w.root);
  const {theme, cells, shown: st} = w, s = w.runs[st.id], data = w.byName[s.dataset];
  const text = w.playing ? playingText(st, s) : writeReadout(w);
  if (w.playing) w.epochNote.textContent = text;
  const note = st.diverged ? divergedNote(st.losses.length) : "";
  const widths = Object.fromEntries(Object.entries(cells).map(([k, {cell}]) =>
    [k, Math.max(200, Math.floor(w.cellWidths[k] ?? cell.clientWidth))]));
  drawPlane(cells.plane.canvas, st, data, theme, widths.plane, w.scratch);
  drawLosses(cells.loss.canvas, st.losses, note, {width: widths.loss, height: Math.round(Math.min(300, Math.max(200, widths.loss * 0.6))),
                                                    theme, epochs: s.epochs});
  drawBars(cells.grads.canvas, st.gradStart, st.gradEnd, theme, widths.grads, st.epoch);
  w.legend.textContent = legendText(data);
  const labels = figureLabels(st, s, data, text);
  for (const key of ["loss", "plane", "grads"]) cells[key].canvas.setAttribute("aria-label", labels[key]);
  // For tests and the curious: the exact numbers drawn, and the settings they came from.
  Object.assign(w.root.dataset, {
    settings: JSON.stringify(s), losses: JSON.stringify(st.losses), epoch: String(st.epoch),
    diverged: String(st.diverged), accuracy: JSON.stringify(st.accuracy),
    gradStart: JSON.stringify(st.gradStart), gradEnd: JSON.stringify(st.gradEnd),
  });
  writeCode(w);
  scheduleNetwork(w);
}
