// The stepper's drawing: the notes' 2-2-1 network as an SVG, the labels written so far, the
// current step lit; and its text alternative.
import {PARAM_NAMES} from "../network.js";
import {symbol as sym} from "../symbols.js";
import {short} from "./notation.js";

export const SVG = "http://www.w3.org/2000/svg";

function svgEl(tag, attrs = {}, text = null) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== null) e.textContent = text;
  return e;
}

const KIND = {CGPA: "input", IQ: "input", O11: "hidden", O12: "hidden", yhat: "output"};
const NARROW = 560;  // below this width (px) the network is drawn top to bottom

// Where everything goes in a drawing `width` px wide. Wide: the book's figure (bp.plots' node
// positions and label places, inputs left, output right) spread over the width. Narrow (a phone):
// the same network turned to run top to bottom, so that every label keeps a readable size.
// Returns the nodes' centres, each weight label's centre, and for each unit which of its values
// (z, δ; for ŷ also y, L, ∂L/∂ŷ, ŷ(1 − ŷ)) are written above it and which under it, after its bias.
function geometry(layout, width) {
  const narrow = width < NARROW;
  const fs = narrow ? 11 : 12.5, lh = Math.round(fs * 1.3), r = narrow ? 22 : 27;
  const names = Object.keys(layout.nodes);
  const fx = names.map((n) => layout.nodes[n][0]), fy = names.map((n) => layout.nodes[n][1]);
  const [x0, x1, y0, y1] = [Math.min(...fx), Math.max(...fx), Math.min(...fy), Math.max(...fy)];
  let at, height, t = {}, above, below;
  if (!narrow) {
    const left = r + 6, right = 80, top = r + 2 * lh + 10, gap = Math.max(190, 2 * (r + 4 * lh) + 8);
    const sx = (width - left - right) / (x1 - x0), sy = gap / (y1 - y0);
    at = (n) => [left + (layout.nodes[n][0] - x0) * sx, top + (y1 - layout.nodes[n][1]) * sy];
    height = top + gap + r + 4 * lh + 10;
    for (const [n, [, , f]] of Object.entries(layout.edges)) t[n] = f;
    // z and δ above the top unit, under the bottom one; y, L, z₂₁ above ŷ, its derivatives under it.
    above = {O11: ["z", "delta"], yhat: ["y", "L", "z"]};
    below = {O11: [], O12: ["z", "delta"], yhat: ["dL_dyhat", "dyhat_dz21", "delta"]};
  } else {
    // Layers become rows: the figure's x is the depth (down), its y the column (left, right).
    const xl = width * 0.27, xr = width * 0.73, top = r + 8, g1 = 170, g2 = 240;
    const depth = (v) => top + (v <= x0 ? 0 : v >= x1 ? g1 + g2 : g1 * (v - x0) / ((x0 + x1) / 2 - x0));
    at = (n) => {
      const [vx, vy] = layout.nodes[n];
      return [vy >= y1 ? xl : vy <= y0 ? xr : (xl + xr) / 2, depth(vx)];
    };
    height = top + g1 + g2 + r + 8.5 * lh + 10;
    // The crossing weights' labels at different depths, and the output weights' too, so that
    // none overlaps another in the narrow column.
    t = {w1_11: 0.5, w1_22: 0.5, w1_12: 0.25, w1_21: 0.75, w2_11: 0.45, w2_21: 0.66};
    above = {};
    below = {O11: ["z", "delta"], O12: ["z", "delta"], yhat: ["y", "L", "z", "dL_dyhat", "dyhat_dz21", "delta"]};
  }
  const edge = (n) => {
    const [a, b] = layout.edges[n], [xa, ya] = at(a), [xb, yb] = at(b);
    return [xa + (xb - xa) * t[n], ya + (yb - ya) * t[n]];
  };
  return {narrow, fs, lh, r, at, edge, above, below, width, height: Math.round(height)};
}

// What the drawing shows after `k` steps of `pass`: the labels written so far, those this step
// wrote (fresh), and the nodes, edges and biases it lights.
function stateAt(pass, k) {
  const step = pass.steps[k - 1];
  return {phase: step.phase, v: pass.values, p: pass.params,
          shown: new Set(pass.steps.slice(0, k).flatMap((s) => s.show)), fresh: new Set(step.show),
          lit: {nodes: new Set(step.light.nodes || []), edges: new Set(step.light.edges || []),
                biases: new Set(step.light.biases || [])}};
}

// The text of the labels: a value once shown (fresh: this step's), a parameter with its gradient
// and its new value, a unit's other values.
function labelLines({shown, fresh, v, p}) {
  const val = (key, text, cls) => (shown.has(key) ? [{text, key, cls: `${cls}${fresh.has(key) ? " bp-fresh" : ""}`}] : []);
  const paramLines = (name) => [
    ...(shown.has(`new.${name}`) ? val(`new.${name}`, `${sym(name)} ← ${short(v.next[name])}`, "bp-upd")
                                 : [{text: `${sym(name)} = ${short(p[name])}`, key: `param.${name}`}]),
    ...val(`grad.${name}`, `∂L/∂${sym(name)} = ${short(v.g[name])}`, "bp-grad")];
  const unitLines = (node, what) => {
    const j = node === "yhat" ? "21" : node.slice(1);
    const lines = {
      z: () => val(`z${j}`, `${sym(`z${j}`)} = ${short(v[`z${j}`])}`, "bp-fwd"),
      delta: () => val(`delta${j}`, `${sym(`delta${j}`)} = ${short(v[`delta${j}`])}`, "bp-grad"),
      y: () => val("y", `y = ${short(v.y)}`, "bp-fwd"),
      L: () => (shown.has("L_after") ? val("L_after", `L = ${short(v.L)} → ${short(v.Lafter)}`, "bp-upd")
                                     : val("L", `L = ${short(v.L)}`, "bp-fwd")),
      dL_dyhat: () => val("dL_dyhat", `∂L/∂ŷ = ${short(v.dL_dyhat)}`, "bp-grad"),
      dyhat_dz21: () => val("dyhat_dz21", `ŷ(1 − ŷ) = ${short(v.dyhat_dz21)}`, "bp-grad"),
    };
    return what.flatMap((w) => lines[w]());
  };
  return {val, paramLines, unitLines};
}

// A block of lines [{text, cls, key}] into `labels`, centred on x, starting at y and growing down
// (dir 1) or up (dir -1); a weight's or bias's label (`param`) is lit with its edge when the step uses it.
function block(labels, {lit, phase}, lh, x, y, lines, dir = 1, cls = "bp-label", param = null) {
  if (!lines.length) return;
  const g = svgEl("g", {class: cls});
  if (param) {
    g.dataset.param = param;
    if (lit.edges.has(param) || lit.biases.has(param)) g.classList.add("bp-lit", `bp-${phase}`);
  }
  const first = dir > 0 ? y : y - (lines.length - 1) * lh;
  lines.forEach((line, i) => {
    const text = svgEl("text", {x, y: first + i * lh, "text-anchor": "middle", "dominant-baseline": "central",
                                class: line.cls || ""}, line.text);
    if (line.key) text.dataset.quantity = line.key;
    g.append(text);
  });
  labels.append(g);
}

// The edges (under everything), arrows stopping at the circles as in the book's figure; lit in the
// backward pass, an edge carries the error back: its arrow turns round.
function drawEdges(svg, layout, {at, r}, {lit, phase}) {
  const defs = svgEl("defs");
  const uid = svg.dataset.uid;
  for (const kind of ["plain", "forward", "backward", "update"]) {
    const m = svgEl("marker", {id: `bp-arrow-${kind}-${uid}`, viewBox: "0 0 10 10", refX: 9, refY: 5,
                               markerUnits: "userSpaceOnUse", markerWidth: kind === "plain" ? 8 : 11,
                               markerHeight: kind === "plain" ? 8 : 11, orient: "auto-start-reverse"});
    m.append(svgEl("path", {d: "M 0 0 L 10 5 L 0 10 z", class: `bp-arrowhead bp-${kind}`}));
    defs.append(m);
  }
  svg.append(defs);
  for (const [name, [a, b]] of Object.entries(layout.edges)) {
    const [xa, ya] = at(a), [xb, yb] = at(b);
    const len = Math.hypot(xb - xa, yb - ya), ux = (xb - xa) / len, uy = (yb - ya) / len;
    const on = lit.edges.has(name);
    const back = on && phase === "backward";
    const line = svgEl("line", {x1: xa + ux * (r + 1), y1: ya + uy * (r + 1), x2: xb - ux * (r + 1), y2: yb - uy * (r + 1),
                                class: `bp-edge${on ? ` bp-lit bp-${phase} ${back ? "bp-flow-back" : "bp-flow"}` : ""}`,
                                [back ? "marker-start" : "marker-end"]: `url(#bp-arrow-${on ? phase : "plain"}-${uid})`});
    line.dataset.edge = name;
    svg.append(line);
  }
}

// Draw the network for the state after `k` steps of `pass` (labels written so far, the current
// step lit), `width` px wide, into `svg`.
export function draw(svg, layout, width, pass, k) {
  const G = geometry(layout, width);
  const {lh, r, at} = G;
  svg.setAttribute("viewBox", `0 0 ${G.width} ${G.height}`);
  svg.setAttribute("width", String(G.width));
  svg.setAttribute("height", String(G.height));
  svg.style.fontSize = `${G.fs}px`;
  svg.replaceChildren();
  const state = stateAt(pass, k);
  const {val, paramLines, unitLines} = labelLines(state);
  const labels = svgEl("g");
  const put = (...args) => block(labels, state, lh, ...args);
  drawEdges(svg, layout, G, state);
  // Nodes: a circle with its symbol, and its value once computed.
  for (const name of Object.keys(layout.nodes)) {
    const [x, y] = at(name);
    const c = svgEl("circle", {cx: x, cy: y, r,
                               class: `bp-node bp-${KIND[name]}${state.lit.nodes.has(name) ? ` bp-lit bp-${state.phase}` : ""}`});
    c.dataset.node = name;
    svg.append(c);
    const lines = [{text: KIND[name] === "input" ? name : sym(name), cls: "bp-sym"},
                   ...val(name, short(state.v[name]), "bp-fwd")];
    put(x, y - (lines.length - 1) * lh / 2, lines, 1, "bp-label bp-in-node");
  }
  // Weight labels on their edges.
  for (const name of Object.keys(layout.edges)) {
    const lines = paramLines(name);
    const [x, y] = G.edge(name);
    put(x, y - (lines.length - 1) * lh / 2, lines, 1, "bp-label", name);
  }
  // Each unit's other values, above it and under its bias label.
  for (const [name, node] of Object.entries(layout.biases)) {
    const [x, y] = at(node);
    put(x, y + r + 0.75 * lh, paramLines(name), 1, "bp-label", name);
    put(x, y + r + (0.75 + paramLines(name).length) * lh, unitLines(node, G.below[node] || []));
    if (G.above[node]) put(x, y - r - 0.6 * lh, unitLines(node, G.above[node]), -1);
  }
  svg.append(labels);
  // The background boxes, once the browser has measured the text (not while detached: then 0).
  for (const g of labels.querySelectorAll(".bp-label:not(.bp-in-node)")) {
    const box = g.getBBox();
    if (box.width > 0) g.prepend(svgEl("rect", {x: box.x - 3, y: box.y - 1, width: box.width + 6, height: box.height + 2,
                                                rx: 3, class: "bp-label-box"}));
  }
  return G;
}

// A value's name in words, for the text alternative: grad.w1_21 → ∂L/∂w¹₂₁, new.b11 → new b₁₁.
const SPOKEN = {dL_dyhat: "∂L/∂ŷ", dyhat_dz21: "ŷ(1 − ŷ)", L_after: "L after the step",
                L_mean: "the mean L over the table before the step", L_mean_after: "the mean L after it"};
function spoken(key) {
  const [kind, name] = key.split(".");
  return name ? (kind === "grad" ? `∂L/∂${sym(name)}` : `new ${sym(name)}`) : SPOKEN[key] || sym(key);
}

// The drawing's text alternative: the network, what is known so far, what this step uses.
export function describe(pass, k) {
  const step = pass.steps[k - 1];
  const known = pass.steps.slice(0, k).flatMap((s) => Object.entries(s.values))
    .map(([key, value]) => `${spoken(key)} = ${short(value)}`);
  const params = PARAM_NAMES.map((n) => `${sym(n)} = ${short(pass.params[n])}`).join(", ");
  const uses = [...(step.light.nodes || []), ...(step.light.edges || []), ...(step.light.biases || [])].map(sym);
  return `The 2-2-1 network of the notes: inputs CGPA and IQ, hidden units O₁₁ and O₁₂, output ŷ; ` +
         `parameters ${params}. Known so far: ${known.join(", ")}. This ${step.phase} step uses ${uses.join(", ")}.`;
}
