// The network drawn, as TensorFlow Playground draws it: the current architecture as units and
// edges (an edge's width by |w|, its colour by the sign: theme.css's class colours, light and dark),
// redrawn as it trains (once per animation frame at most). Focusing (Tab, then the arrow keys) or
// hovering a unit says its z, a and δ on a chosen row of the table, and its bias; Enter on a unit,
// or hovering an edge, says a weight w and ∂L/∂w (the mean over the table, at the epoch shown), in
// an aria-live region. The numbers are the twin's (mlp.js); the SVG carries them exactly in
// data-values for tests/browser/test_playground_network_live.py. `w` is the widget's state.
import {element, field} from "../controls.js";
import {fmtG} from "../format.js";
import {forward, backward, workspace, matrix} from "../mlp.js";
import {sizesOf, outputsOf} from "../run.js";
import {subscript, superscript} from "../symbols.js";

const NS = "http://www.w3.org/2000/svg";
const VIEW = {w: 640, pad: 22, gap: 28};
const HINT = "Tab to the network; the arrow keys move between units; Enter steps through a unit's incoming weights.";
const LEGEND = "Edges: blue for w > 0, orange for w < 0, wider for a larger |w|.";

function svg(tag, attrs = {}) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

// The network's cell in `figures`: the row chooser, the drawing, the live text.
export function networkCell(figures) {
  const cell = element("div", {className: "bp-pg-net"});
  const head = element("div", {className: "bp-pg-nethead"});
  const row = element("input", {type: "number", min: 0, step: 1, value: "0"});
  row.inputMode = "numeric";
  field(head, row, "row of the table for z, a and δ", {key: "net_row", className: "bp-pg-field bp-pg-rowfield"});
  head.append(element("span", {className: "bp-pg-about", textContent: `${LEGEND} ${HINT}`}));
  const drawing = svg("svg", {viewBox: `0 0 ${VIEW.w} 200`, class: "bp-pg-netsvg", role: "group"});
  const info = element("p", {className: "bp-pg-netinfo", textContent: "Hover or focus a unit or an edge."});
  info.setAttribute("aria-live", "polite");
  cell.append(head, drawing, info);
  figures.append(cell);
  return {net: {cell, row, drawing, info, key: "", units: [], edges: [], pending: false,
                at: {l: 0, j: 0, edge: -1}, focus: {l: 0, j: 0}}};
}

// The drawing's height for layer sizes `sizes` (the widest layer's), and where unit j of layer l (0: the inputs) sits.
const heightOf = (sizes) => 2 * VIEW.pad + 12 + (Math.max(...sizes) - 1) * VIEW.gap;
function place(sizes, l, j) {
  const x = VIEW.pad + 20 + (l * (VIEW.w - 2 * VIEW.pad - 40)) / (sizes.length - 1);
  return {x, y: (heightOf(sizes) - 12) / 2 + (j - (sizes[l] - 1) / 2) * VIEW.gap};
}

// A new drawing for layer sizes `sizes`: the edges (layer by layer, W's order), then the units.
function build(w, sizes) {
  const {net} = w, edgeGroup = svg("g"), unitGroup = svg("g");
  net.drawing.setAttribute("viewBox", `0 0 ${VIEW.w} ${heightOf(sizes)}`);
  net.edges = [];
  net.units = sizes.map((n, l) => Array.from({length: n}, (_, j) => {
    const {x, y} = place(sizes, l, j);
    const c = svg("circle", {cx: x, cy: y, r: 8, class: "bp-pg-unit", tabindex: -1, role: "button",
                             "aria-label": l === 0 ? `input ${j + 1}` : `layer ${l}, unit ${j + 1}`});
    c.addEventListener("mouseenter", () => describe(w, {l, j, edge: -1}));
    c.addEventListener("focus", () => { net.focus = {l, j}; describe(w, {l, j, edge: -1}); });
    unitGroup.append(c);
    return c;
  }));
  for (let l = 1; l < sizes.length; l++) {
    for (let i = 0; i < sizes[l - 1]; i++) {
      for (let j = 0; j < sizes[l]; j++) {
        const a = place(sizes, l - 1, i), b = place(sizes, l, j);
        const e = svg("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "bp-pg-edge"});
        e.addEventListener("mouseenter", () => describe(w, {l, j, edge: i}));
        edgeGroup.append(e);
        net.edges.push({l, i, j, e});
      }
    }
  }
  const labels = svg("g", {class: "bp-pg-netlabels", "aria-hidden": "true"});
  sizes.forEach((_, l) => {
    const t = svg("text", {x: place(sizes, l, 0).x, y: heightOf(sizes) - 4, "text-anchor": "middle"});
    t.textContent = l === 0 ? "inputs" : l === sizes.length - 1 ? "output" : `hidden ${l}`;
    labels.append(t);
  });
  net.drawing.replaceChildren(edgeGroup, unitGroup, labels);
  net.drawing.setAttribute("aria-label", `the ${sizes.join("-")} network's units and weights. ${HINT}`);
  net.at = {l: 0, j: 0, edge: -1};
  net.focus = {l: 0, j: 0};  // the keyboard's unit (the pointer's may be another)
  net.described = false;
  net.units[0][0].setAttribute("tabindex", "0");
  net.key = sizes.join("-");
}

// z, a and δ of every layer for row `r` of data set `d` (the table as the page trains on it), by the
// twin's forward and backward passes on that one row (δ of a row is the same in any batch).
export function rowValues(layers, d, r, hidden) {
  const X = matrix(1, 2, Float64Array.from(d.x[r])), ws = workspace(layers, 1);
  const loss = d.task === "regression" ? "squared" : "cross_entropy";
  backward(layers, X, Float64Array.of(d.y[r]), forward(layers, X, d.task, hidden, ws), d.task, hidden, loss);
  return ws.map(({z, a, delta}) => ({z: Array.from(z.data), a: Array.from(a.data), delta: Array.from(delta.data)}));
}

const f = (v) => fmtG(v, 6);

// The words for unit (l, j), or its incoming edge from unit `edge` of the layer before.
function words(w, {l, j, edge}) {
  const st = w.shown, s = w.runs[st.id], {row, values, x} = w.net.now, last = l === values.length;
  if (l === 0) return `input x${subscript(j + 1)} of row ${row}: ${f(x[j])} (standardised)`;
  const {W, b} = st.layers[l - 1], {dW, db} = st.grads[l - 1], at = `epoch ${st.epoch}, mean over the table`;
  if (edge >= 0) {
    const k = edge * W.cols + j;
    return `weight w${superscript(l)}${subscript(edge + 1)}${subscript(j + 1)} (from ${l === 1 ? "input" : "unit"} ` +
           `${edge + 1} to ${last ? "the output" : `unit ${j + 1}`} of layer ${l}) = ${f(W.data[k])}; ∂L/∂w = ${f(dW[k])} (${at})`;
  }
  const v = values[l - 1];
  const name = !last ? `layer ${l}, unit ${j + 1} (${s.activation})`
    : values.at(-1).a.length > 1 ? `output ${j + 1}, p of ${w.byName[s.dataset].classes[j]} (layer ${l}, softmax)` : `output ŷ (layer ${l})`;
  return `${name}, row ${row}: ` +
         `z = ${f(v.z[j])}, a = ${f(v.a[j])}, δ = ∂L/∂z = ${f(v.delta[j])}; bias ${f(b[j])}, ∂L/∂b = ${f(db[j])} (${at})`;
}

function describe(w, at) {
  const {net} = w;
  if (!w.shown || !net.now) return;
  net.at = at;
  net.edges.forEach(({l, i, j, e}) => e.classList.toggle("bp-pg-hl", l === at.l && j === at.j && i === at.edge));
  net.units.flat().forEach((u) => u.classList.remove("bp-pg-on"));
  net.units[at.l][at.j].classList.add("bp-pg-on");
  net.info.textContent = words(w, at);
  net.described = true;
}

// The arrow keys move between units (roving focus: one tab stop); Enter steps through the weights coming in.
export function wireNetwork(w) {
  const {net} = w;
  net.drawing.addEventListener("keydown", (event) => {
    const {l, j} = net.focus, sizes = net.units.map((u) => u.length);
    const edge = net.at.l === l && net.at.j === j ? net.at.edge : -1;
    const moves = {ArrowLeft: [l - 1, j], ArrowRight: [l + 1, j], ArrowUp: [l, j - 1], ArrowDown: [l, j + 1]};
    let next = null;
    if (event.key in moves) {
      const [nl] = moves[event.key], L = Math.min(Math.max(nl, 0), sizes.length - 1);
      next = {l: L, j: Math.min(Math.max(moves[event.key][1], 0), sizes[L] - 1), edge: -1};
    } else if (event.key === "Enter" || event.key === " ") {
      next = {l, j, edge: l === 0 ? -1 : (edge + 1) % sizes[l - 1]};
    } else if (event.key === "Escape") next = {l, j, edge: -1};
    if (!next) return;
    event.preventDefault();
    event.stopPropagation();  // JupyterLab would take the keys as notebook shortcuts
    net.units[l][j].setAttribute("tabindex", "-1");
    net.units[next.l][next.j].setAttribute("tabindex", "0");
    net.focus = {l: next.l, j: next.j};
    net.units[next.l][next.j].focus();
    describe(w, next);
  });
  net.row.addEventListener("input", () => scheduleNetwork(w));
}

// Redraw in the next animation frame (once, however many states came since).
export function scheduleNetwork(w) {
  if (w.net.pending) return;
  w.net.pending = true;
  requestAnimationFrame(() => { w.net.pending = false; drawNetwork(w); });
}

function drawNetwork(w) {
  const {net, shown: st} = w;
  if (!st) return;
  const s = w.runs[st.id], d = w.byName[s.dataset], sizes = sizesOf(s, outputsOf(d));
  if (net.key !== sizes.join("-")) build(w, sizes);
  const max = Math.max(1e-12, ...st.layers.flatMap(({W}) => Array.from(W.data, Math.abs)));
  for (const {l, i, j, e} of net.edges) {
    const v = st.layers[l - 1].W.data[i * sizes[l] + j];
    e.setAttribute("stroke-width", (0.6 + 4.4 * Math.abs(v) / max).toFixed(2));
    e.setAttribute("class", `bp-pg-edge ${v >= 0 ? "bp-pg-pos" : "bp-pg-neg"}${e.classList.contains("bp-pg-hl") ? " bp-pg-hl" : ""}`);
  }
  const row = Math.min(Math.max(0, Math.floor(Number(net.row.value) || 0)), d.x.length - 1);
  net.row.max = String(d.x.length - 1);
  net.now = {row, x: d.x[row], values: rowValues(st.layers, d, row, s.activation)};
  net.drawing.dataset.values = JSON.stringify({epoch: st.epoch, row, values: net.now.values,
                                               W: st.layers.map(({W}) => Array.from(W.data)),
                                               dW: st.grads.map(({dW}) => Array.from(dW))});
  if (!w.playing && net.described) describe(w, net.at);  // the numbers of the run now shown
}
