// The explorer's figures: their sizes, and ŷ over the plane with its legend (the loss curve is
// plot.js's drawLosses).
import {forward} from "../network.js";
import {setupCanvas, planeLimits, rgbOf} from "../plot.js";
import {shadeGrid, planeAxes, mark} from "../plane.js";
import {element} from "../controls.js";

export const GRID = 60;  // the decision boundary: GRID × GRID points, as explorer.GRID in the old kernel-drawn figure
const MAX_PLANE = 300;  // the plane's largest side, CSS px

// The figures' heights for a panel `width` CSS px wide: the plane about square; the loss curve as
// tall as the plane beside it, or (alone) 0.6 of its width.
export const boundaryHeight = (width) => Math.round(Math.min(MAX_PLANE, width - 76)) + 28 + 48;
export const lossHeight = (width, withBoundary) =>
  withBoundary ? boundaryHeight(width) : Math.round(Math.min(320, Math.max(230, 0.6 * width)));

// ŷ on the GRID × GRID points of the plane within `limits`, row after row from the top (high IQ) down.
function gridValues(params, [[x0, x1], [y0, y1]], task) {
  const values = new Float64Array(GRID * GRID);
  for (let r = 0; r < GRID; r++) {
    const IQ = y1 - ((y1 - y0) * r) / (GRID - 1);
    for (let c = 0; c < GRID; c++) {
      const CGPA = x0 + ((x1 - x0) * c) / (GRID - 1);
      values[r * GRID + c] = forward(params, CGPA, IQ, task).yhat;
    }
  }
  return values;
}

// ŷ over the plane, coloured by the class it predicts (orange: 0, blue: 1, mixed into the page's
// background, stronger the surer the network is), the boundary ŷ = 0.5 as a line, and the rows:
// hollow circles labelled 0, solid triangles labelled 1, so that no row is lost on its own colour.
export function drawBoundary(canvas, width, params, x, y, task, features, scratch, colors) {
  const H = boundaryHeight(width);
  const ctx = setupCanvas(canvas, width, H, colors);
  const side = H - 28 - 48;
  const box = {x: 60, y: 28, w: Math.min(width - 60 - 16, side), h: side};
  box.x = Math.round(60 + (width - 76 - box.w) / 2);
  const limits = planeLimits(x);  // as the old figure's `_limits`
  const [bg, c0, c1] = [colors.background, colors.class0, colors.class1].map(rgbOf);
  const values = gridValues(params, limits, task);
  const rgb = [0, 0, 0];
  const rgbAt = (k) => {
    const v = values[k], ink = v < 0.5 ? c0 : c1, t = 0.7 * Math.min(1, Math.abs(2 * v - 1));
    for (let i = 0; i < 3; i++) rgb[i] = Math.round(bg[i] + t * (ink[i] - bg[i]));
    return rgb;
  };
  shadeGrid(ctx, box, scratch, GRID, rgbAt, {values, color: colors.text, dash: [5, 3]});
  const {toX, toY} = planeAxes(ctx, box, limits, "ŷ over the plane, after training", features, colors);
  const marks = [{shape: "circle", size: 4.5, fill: colors.background, stroke: colors.text, lineWidth: 1.8},
                 {shape: "triangle", size: [6.5, 6, 4.5], fill: colors.text, stroke: colors.background, lineWidth: 1.2}];
  x.forEach((row, i) => mark(ctx, toX(row[0]), toY(row[1]), marks[y[i] === 1 ? 1 : 0]));
}

// The boundary's legend, in the page's colours (theme.css): the two row markers, the two colours.
export function legend() {
  const box = element("p", {className: "bp-legend"});
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
