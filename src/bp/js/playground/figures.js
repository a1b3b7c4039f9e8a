// The playground's figures: ŷ over the plane (the decision boundary, or for regression the
// prediction surface) and each layer's gradient size, in the page's theme (the loss curve is
// plot.js's drawLosses).
import {GRID} from "../run.js";
import {setupCanvas, drawFrame, drawYTicks, logTicks, themeColors, rgbOf} from "../plot.js";
import {shadeGrid, planeAxes, mark} from "../plane.js";

// The page's theme, light or dark (theme.css, read by plot.js's themeColors, as for the explorer
// and the tangent), with its colour-blind safe class colours (Okabe–Ito orange vs blue; the rows
// also differ in shape: hollow circles and solid triangles, as in the explorer). Read from the page
// once the widget is in it: a view may render before it is attached, and a detached element has
// no computed style.
export function readTheme(root) {
  const colors = themeColors(root);
  return {
    ...colors, connected: root.isConnected, bgRGB: rgbOf(colors.background),
    class0: rgbOf(colors.class0), class1: rgbOf(colors.class1),    // the plane's shading, mixed into bgRGB
    class2: rgbOf(colors.class2),
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

// The colour at grid point k for K classes (K probabilities a point in `grid`): the most probable
// class's (the first on a tie), stronger the surer the network is.
function classAt(grid, K, theme) {
  const colours = [theme.class0, theme.class1, theme.class2];
  return (k) => {
    let best = 0;
    for (let c = 1; c < K; c++) if (grid[k * K + c] > grid[k * K + best]) best = c;
    const p = grid[k * K + best];
    return Number.isFinite(p) ? mix(theme.bgRGB, colours[best % 3], 0.7 * (p - 1 / K) / (1 - 1 / K)) : theme.bgRGB;
  };
}

// ŷ over the plane (st.grid: GRID × GRID values, rows from the top), the rows on it and, for
// classification, the boundary ŷ = 0.5. Returns the figure's height.
export function drawPlane(canvas, st, data, theme, width, scratch) {
  const W = width, H = Math.round(Math.min(width, 460) * 0.9);
  const ctx = setupCanvas(canvas, W, H, theme);
  const box = {x: 58, y: 28, w: W - 58 - 14, h: H - 28 - 46};
  const classification = data.task === "classification", multi = data.task === "multiclass";
  const [ylo, yhi] = [Math.min(...data.y), Math.max(...data.y)];
  const colour = classification
    ? (v) => (v < 0.5 ? mix(theme.bgRGB, theme.class0, 0.7 * (0.5 - v) / 0.5)
                      : mix(theme.bgRGB, theme.class1, 0.7 * (v - 0.5) / 0.5))
    : (v) => mix(theme.bgRGB, viridis((v - ylo) / (yhi - ylo)), 0.75);
  const rgbAt = multi ? classAt(st.grid, data.classes.length, theme)
    : (k) => (Number.isFinite(st.grid[k]) ? colour(st.grid[k]) : theme.bgRGB);
  shadeGrid(ctx, box, scratch, GRID, rgbAt, classification ? {values: st.grid, color: theme.text} : null);
  const title = multi ? "the most probable class over the plane"
    : classification ? "ŷ over the plane (line: ŷ = 0.5)" : "ŷ over the plane (prediction)";
  const {toX, toY} = planeAxes(ctx, box, st.limits, title, data.features, theme);
  // The rows as in the explorer: labelled 0, hollow circles; labelled 1, solid triangles (in the
  // page's text colour, so that no row is lost on the shading of its own class); for regression,
  // circles coloured by their value.
  const small = data.x.length > 250 ? 0.8 : 1;
  const marks = [{shape: "circle", size: 3.8 * small, fill: theme.background, stroke: theme.text, lineWidth: 1.5},
                 {shape: "triangle", size: [5.5 * small, 5 * small, 3.8 * small], fill: theme.text,
                  stroke: theme.background, lineWidth: 1},
                 {shape: "square", size: 3.3 * small, fill: theme.text, stroke: theme.background, lineWidth: 1}];
  data.x.forEach((row, i) => {
    const style = multi ? marks[data.y[i]] : classification ? marks[data.y[i] === 1 ? 1 : 0]
      : {shape: "circle", size: 3.2 * small, fill: css(viridis((data.y[i] - ylo) / (yhi - ylo))), stroke: theme.text, lineWidth: 1};
    mark(ctx, toX(row[0]), toY(row[1]), style);
  });
  return H;
}

// The size of each layer's ∂L/∂W on the whole table (the root mean square of its entries, the
// measure of the chapter's depth figure), at the start and at the epoch shown, on a log axis:
// vanishing gradients show as bars that shrink towards the first layer. Returns the height.
export function drawBars(canvas, start, end, theme, width, epoch) {
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
