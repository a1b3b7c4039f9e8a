// The stepper's front end (an anywidget ES module): one backpropagation pass on the notes' 2-2-1
// network, one value per step, drawn as an SVG in the notes' notation.
//
// It serves the static HTML book (no kernel: the page's stored widget state is all it needs) and
// Jupyter alike. Every number comes from the twin of bp/network.py in network.js (forward, rowLoss,
// backward, sgdStep, meanLoss); this file only orders them into steps, writes each step's line and
// draws. The Python side is bp/stepper.py; tests/browser/test_stepper_live.py checks each value
// (data-value, full precision) against bp.forward, bp.gradients and bp.train.

import {PARAM_NAMES, forward, rowLoss, backward, meanLoss, sgdStep} from "./network.js";
import {fmtG} from "./format.js";
import {uniqueId, keepKeys} from "./controls.js";

// ---------------------------------------------------------------------------------------------
// Symbols and numbers as the chapters write them
// ---------------------------------------------------------------------------------------------

const SUB = {0: "₀", 1: "₁", 2: "₂"};
const SUP = {1: "¹", 2: "²"};

// The notes' symbol of a name of the code: w1_21 → w¹₂₁, b11 → b₁₁, O12 → O₁₂, delta21 → δ₂₁, yhat → ŷ.
function sym(name) {
  if (name === "yhat") return "ŷ";
  let m = /^w([12])_(\d\d)$/.exec(name);
  if (m) return `w${SUP[m[1]]}${[...m[2]].map((d) => SUB[d]).join("")}`;
  m = /^(b|z|O|delta)(\d\d)$/.exec(name);
  if (m) return `${m[1] === "delta" ? "δ" : m[1]}${[...m[2]].map((d) => SUB[d]).join("")}`;
  return name;
}

// A number on the line (5 significant digits, as Python's f"{v:.5g}") and on the drawing (4, as
// bp.draw_network); a true minus sign.
const num = (v) => fmtG(v, 5).replace(/-/g, "−");
const short = (v) => fmtG(v, 4).replace(/-/g, "−");
// A factor after "×": negative numbers in brackets.
const fac = (v) => (v < 0 || Object.is(v, -0) ? `(${num(v)})` : num(v));
// "a × b + c × d + e" with the signs folded: "+ −0.3" is written "− 0.3".
function sum(terms) {
  return terms.map((t, i) => {
    const neg = t.startsWith("−");
    const body = neg ? t.slice(1) : t;
    return i === 0 ? t : `${neg ? "−" : "+"} ${body}`;
  }).join(" ");
}
const prod = (a, b) => `${num(a)} × ${fac(b)}`;

// ---------------------------------------------------------------------------------------------
// One pass: every step, its values (full precision), its line, and what it lights up
// ---------------------------------------------------------------------------------------------

// The steps of one pass on row `row` with parameters `p`. Each step: id, phase, values (what the
// test reads: the numbers at full precision), line (the numbers substituted), light (nodes, edges
// and biases it uses) and show (the drawing's labels it writes).
function passSteps({task, loss, eta, x, y, row, p}) {
  const sigmoid = task === "classification";
  const [CGPA, IQ] = x[row];
  const t = y[row];
  const f = forward(p, CGPA, IQ, task);
  const L = rowLoss(f, t, loss);
  const g = backward(p, f, CGPA, IQ, t, task, loss);
  // ∂L/∂ŷ and ∂ŷ/∂z₂₁: the two factors of δ₂₁ that backward() multiplies out (or cancels).
  const dLdyhat = loss === "squared" ? f.yhat - t : (f.yhat - t) / (f.yhat * (1 - f.yhat));
  const dyhatdz21 = f.yhat * (1 - f.yhat);
  const next = sgdStep(p, g, eta);
  const Lafter = rowLoss(forward(next, CGPA, IQ, task), t, loss);
  const Lmean = meanLoss(p, x, y, {task, loss}), LmeanAfter = meanLoss(next, x, y, {task, loss});

  const steps = [];
  const add = (id, phase, values, line, light, show = [id]) => steps.push({id, phase, values, line, light, show});
  const unit = (name, z, O) => sigmoid
    ? `${sym(`O${name}`)} = σ(${sym(`z${name}`)}) = σ(${num(z)}) = ${num(O)}`
    : `${sym(`O${name}`)} = ${sym(`z${name}`)} = ${num(O)} (a linear unit passes z on)`;

  // Forward, left to right.
  add("input", "forward", {CGPA, IQ, y: t},
      `Row ${row}: CGPA = ${num(CGPA)} and IQ = ${num(IQ)} enter the network; the target is y = ${num(t)}.`,
      {nodes: ["CGPA", "IQ"]}, ["CGPA", "IQ", "y"]);
  for (const [j, w1, w2, b] of [["11", "w1_11", "w1_21", "b11"], ["12", "w1_12", "w1_22", "b12"]]) {
    const z = f[`z${j}`], O = f[`O${j}`];
    add(`z${j}`, "forward", {[`z${j}`]: z},
        `${sym(`z${j}`)} = ${sym(w1)}·CGPA + ${sym(w2)}·IQ + ${sym(b)} = ` +
        `${sum([prod(p[w1], CGPA), prod(p[w2], IQ), num(p[b])])} = ${num(z)}`,
        {nodes: ["CGPA", "IQ", `O${j}`], edges: [w1, w2], biases: [b]});
    add(`O${j}`, "forward", {[`O${j}`]: O}, unit(j, z, O), {nodes: [`O${j}`]});
  }
  add("z21", "forward", {z21: f.z21},
      `${sym("z21")} = ${sym("w2_11")}·${sym("O11")} + ${sym("w2_21")}·${sym("O12")} + ${sym("b21")} = ` +
      `${sum([prod(p.w2_11, f.O11), prod(p.w2_21, f.O12), num(p.b21)])} = ${num(f.z21)}`,
      {nodes: ["O11", "O12", "yhat"], edges: ["w2_11", "w2_21"], biases: ["b21"]});
  add("yhat", "forward", {yhat: f.yhat},
      sigmoid ? `ŷ = σ(${sym("z21")}) = σ(${num(f.z21)}) = ${num(f.yhat)}`
              : `ŷ = ${sym("z21")} = ${num(f.yhat)} (a linear output)`,
      {nodes: ["yhat"]});
  add("L", "forward", {L},
      loss === "squared"
        ? `L = ½(y − ŷ)² = ½ × (${num(t)} − ${fac(f.yhat)})² = ${num(L)}`
        : `L = −[y log ŷ + (1 − y) log(1 − ŷ)] = −[${num(t)} × log ${num(f.yhat)} + ` +
          `${num(1 - t)} × log(1 − ${num(f.yhat)})] = ${num(L)}`,
      {nodes: ["yhat"]});

  // Backward, right to left: the output error, then the hidden errors, each gradient an error
  // times what arrives along its edge.
  add("dL_dyhat", "backward", {dL_dyhat: dLdyhat},
      loss === "squared"
        ? `∂L/∂ŷ = ŷ − y = ${num(f.yhat)} − ${fac(t)} = ${num(dLdyhat)}`
        : `∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)) = (${num(f.yhat)} − ${fac(t)}) / ` +
          `(${num(f.yhat)} × (1 − ${num(f.yhat)})) = ${num(dLdyhat)}`,
      {nodes: ["yhat"]});
  if (sigmoid) {
    add("dyhat_dz21", "backward", {dyhat_dz21: dyhatdz21},
        `∂ŷ/∂${sym("z21")} = σ′(${sym("z21")}) = ŷ(1 − ŷ) = ${num(f.yhat)} × (1 − ${num(f.yhat)}) = ${num(dyhatdz21)}`,
        {nodes: ["yhat"]});
  }
  const d21 = g.b21, d11 = g.b11, d12 = g.b12;  // δ of each unit = ∂L/∂(its bias)
  let line21;
  if (!sigmoid) {
    line21 = `δ₂₁ = ∂L/∂z₂₁ = ∂L/∂ŷ · ∂ŷ/∂z₂₁ = ${num(dLdyhat)} × 1 = ${num(d21)}`;
  } else if (loss === "cross_entropy") {
    line21 = `δ₂₁ = ∂L/∂ŷ · ∂ŷ/∂z₂₁ = (ŷ − y)/(ŷ(1 − ŷ)) · ŷ(1 − ŷ) = ŷ − y = ` +
             `${num(f.yhat)} − ${fac(t)} = ${num(d21)} (σ′ cancels)`;
  } else {
    line21 = `δ₂₁ = ∂L/∂ŷ · ∂ŷ/∂z₂₁ = ${prod(dLdyhat, dyhatdz21)} = ${num(d21)}`;
  }
  add("delta21", "backward", {delta21: d21}, line21, {nodes: ["yhat"]});
  for (const [w, O] of [["w2_11", "O11"], ["w2_21", "O12"]]) {
    add(`grad.${w}`, "backward", {[`grad.${w}`]: g[w]},
        `∂L/∂${sym(w)} = δ₂₁ · ${sym(O)} = ${prod(d21, f[O])} = ${num(g[w])}`,
        {nodes: [O, "yhat"], edges: [w]});
  }
  add("grad.b21", "backward", {"grad.b21": g.b21}, `∂L/∂b₂₁ = δ₂₁ · 1 = ${num(g.b21)}`,
      {nodes: ["yhat"], biases: ["b21"]});
  for (const [j, w2, d] of [["11", "w2_11", d11], ["12", "w2_21", d12]]) {
    const O = f[`O${j}`];
    add(`delta${j}`, "backward", {[`delta${j}`]: d},
        sigmoid
          ? `${sym(`delta${j}`)} = δ₂₁ · ${sym(w2)} · ${sym(`O${j}`)}(1 − ${sym(`O${j}`)}) = ` +
            `${prod(d21, p[w2])} × ${fac(O)} × (1 − ${num(O)}) = ${num(d)}`
          : `${sym(`delta${j}`)} = δ₂₁ · ${sym(w2)} = ${prod(d21, p[w2])} = ${num(d)}`,
        {nodes: ["yhat", `O${j}`], edges: [w2]});
  }
  for (const [j, d] of [["11", d11], ["12", d12]]) {
    const [wc, wi, b] = j === "11" ? ["w1_11", "w1_21", "b11"] : ["w1_12", "w1_22", "b12"];
    add(`grad.${wc}`, "backward", {[`grad.${wc}`]: g[wc]},
        `∂L/∂${sym(wc)} = ${sym(`delta${j}`)} · CGPA = ${prod(d, CGPA)} = ${num(g[wc])}`,
        {nodes: [`O${j}`, "CGPA"], edges: [wc]});
    add(`grad.${wi}`, "backward", {[`grad.${wi}`]: g[wi]},
        `∂L/∂${sym(wi)} = ${sym(`delta${j}`)} · IQ = ${prod(d, IQ)} = ${num(g[wi])}`,
        {nodes: [`O${j}`, "IQ"], edges: [wi]});
    add(`grad.${b}`, "backward", {[`grad.${b}`]: g[b]},
        `∂L/∂${sym(b)} = ${sym(`delta${j}`)} · 1 = ${num(g[b])}`,
        {nodes: [`O${j}`], biases: [b]});
  }

  // The update: w ← w − η ∂L/∂w, then what the step did to the loss.
  for (const name of PARAM_NAMES) {
    const light = name.startsWith("b") ? {nodes: [name === "b21" ? "yhat" : `O${name.slice(1)}`], biases: [name]}
                                       : {edges: [name]};
    add(`new.${name}`, "update", {[`new.${name}`]: next[name]},
        `${sym(name)} ← ${sym(name)} − η · ∂L/∂${sym(name)} = ${num(p[name])} − ${prod(eta, g[name])} = ` +
        `${num(next[name])}`,
        light);
  }
  add("L_after", "update", {L_after: Lafter, L_mean: Lmean, L_mean_after: LmeanAfter},
      `After the step, the loss of row ${row} is ${num(Lafter)} (it was ${num(L)}); ` +
      `the mean loss over the table's ${x.length} row${x.length === 1 ? "" : "s"} is ` +
      `${num(LmeanAfter)} (it was ${num(Lmean)}).`,
      {nodes: ["yhat"]}, ["L_after"]);
  return {steps, values: {CGPA, IQ, y: t, ...f, L, dL_dyhat: dLdyhat, dyhat_dz21: dyhatdz21,
                          delta21: d21, delta11: d11, delta12: d12, g, next, Lafter, Lmean, LmeanAfter}};
}

// ---------------------------------------------------------------------------------------------
// The drawing
// ---------------------------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

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

// Draw the network for the state after `k` steps of `pass` (labels written so far, the current
// step lit), `width` px wide, into `svg`.
function draw(svg, layout, width, pass, k) {
  const G = geometry(layout, width);
  const {lh, r, at} = G;
  svg.setAttribute("viewBox", `0 0 ${G.width} ${G.height}`);
  svg.setAttribute("width", String(G.width));
  svg.setAttribute("height", String(G.height));
  svg.style.fontSize = `${G.fs}px`;
  svg.replaceChildren();
  const step = pass.steps[k - 1];
  const shown = new Set(pass.steps.slice(0, k).flatMap((s) => s.show));
  const fresh = new Set(step.show);
  const lit = {nodes: new Set(step.light.nodes || []), edges: new Set(step.light.edges || []),
               biases: new Set(step.light.biases || [])};
  const phase = step.phase;
  const v = pass.values, p = pass.params;

  // A block of lines [{text, cls, key}] centred on x, starting at y and growing down (dir 1) or up
  // (dir -1), on a background box so that edges never run through the text.
  const labels = svgEl("g");
  function block(x, y, lines, dir = 1, cls = "bp-label", param = null) {
    if (!lines.length) return;
    const g = svgEl("g", {class: cls});
    if (param) {  // a weight's or bias's label: lit with its edge when the step uses it
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
  const val = (key, text, cls) => (shown.has(key) ? [{text, key, cls: `${cls}${fresh.has(key) ? " bp-fresh" : ""}`}] : []);
  const paramLines = (name) => [
    ...(shown.has(`new.${name}`) ? val(`new.${name}`, `${sym(name)} ← ${short(v.next[name])}`, "bp-upd")
                                 : [{text: `${sym(name)} = ${short(p[name])}`, key: `param.${name}`}]),
    ...val(`grad.${name}`, `∂L/∂${sym(name)} = ${short(v.g[name])}`, "bp-grad")];

  // Edges first (under everything), arrows stopping at the circles as in the book's figure.
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
    // Lit in the backward pass, the edge carries the error back: its arrow turns round.
    const back = on && phase === "backward";
    const line = svgEl("line", {x1: xa + ux * (r + 1), y1: ya + uy * (r + 1), x2: xb - ux * (r + 1), y2: yb - uy * (r + 1),
                                class: `bp-edge${on ? ` bp-lit bp-${phase} ${back ? "bp-flow-back" : "bp-flow"}` : ""}`,
                                [back ? "marker-start" : "marker-end"]: `url(#bp-arrow-${on ? phase : "plain"}-${uid})`});
    line.dataset.edge = name;
    svg.append(line);
  }

  // Nodes: a circle with its symbol, and its value once computed.
  for (const name of Object.keys(layout.nodes)) {
    const [x, y] = at(name);
    const c = svgEl("circle", {cx: x, cy: y, r,
                               class: `bp-node bp-${KIND[name]}${lit.nodes.has(name) ? ` bp-lit bp-${phase}` : ""}`});
    c.dataset.node = name;
    svg.append(c);
    const lines = [{text: KIND[name] === "input" ? name : sym(name), cls: "bp-sym"},
                   ...val(name, short(v[name]), "bp-fwd")];
    block(x, y - (lines.length - 1) * lh / 2, lines, 1, "bp-label bp-in-node");
  }

  // Weight labels on their edges.
  for (const name of Object.keys(layout.edges)) {
    const lines = paramLines(name);
    const [x, y] = G.edge(name);
    block(x, y - (lines.length - 1) * lh / 2, lines, 1, "bp-label", name);
  }

  // Each unit's other values, above it and under its bias label.
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
  for (const [name, node] of Object.entries(layout.biases)) {
    const [x, y] = at(node);
    block(x, y + r + 0.75 * lh, paramLines(name), 1, "bp-label", name);
    block(x, y + r + (0.75 + paramLines(name).length) * lh, unitLines(node, G.below[node] || []));
    if (G.above[node]) block(x, y - r - 0.6 * lh, unitLines(node, G.above[node]), -1);
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
function describe(pass, k) {
  const step = pass.steps[k - 1];
  const known = pass.steps.slice(0, k).flatMap((s) => Object.entries(s.values))
    .map(([key, value]) => `${spoken(key)} = ${short(value)}`);
  const params = PARAM_NAMES.map((n) => `${sym(n)} = ${short(pass.params[n])}`).join(", ");
  const uses = [...(step.light.nodes || []), ...(step.light.edges || []), ...(step.light.biases || [])].map(sym);
  return `The 2-2-1 network of the notes: inputs CGPA and IQ, hidden units O₁₁ and O₁₂, output ŷ; ` +
         `parameters ${params}. Known so far: ${known.join(", ")}. This ${step.phase} step uses ${uses.join(", ")}.`;
}

// ---------------------------------------------------------------------------------------------
// The widget
// ---------------------------------------------------------------------------------------------

function button(label, glyph, cls, after = false) {
  const b = Object.assign(document.createElement("button"), {type: "button", className: `bp-button ${cls}`});
  const g = Object.assign(document.createElement("span"), {textContent: glyph});
  g.setAttribute("aria-hidden", "true");
  if (after) b.append(label, " ", g); else b.append(g, " ", label);
  return b;
}

function render({model, el}) {
  // bp-widget: every bp widget, live in the page (tests/browser)
  const root = Object.assign(document.createElement("div"), {className: "bp-stepper bp-widget bp-theme", tabIndex: 0});
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", "Backpropagation, step by step: back, next and restart buttons; " +
                                  "the left and right arrow keys step while it has focus");
  root.setAttribute("aria-keyshortcuts", "ArrowLeft ArrowRight Home End");
  const bar = Object.assign(document.createElement("div"), {className: "bp-bar"});
  const back = button("Back", "◀", "bp-back");
  const next = button("Next", "▶", "bp-next", true);
  const restart = button("Restart", "↺", "bp-restart");
  const rowBox = Object.assign(document.createElement("span"), {className: "bp-row"});
  const select = Object.assign(document.createElement("select"), {id: uniqueId("bp-stepper-row")});
  const rowLabel = Object.assign(document.createElement("label"), {htmlFor: select.id, textContent: "start row"});
  rowBox.append(rowLabel, select);
  const progress = Object.assign(document.createElement("p"), {className: "bp-progress"});
  bar.append(back, next, restart, rowBox);
  const line = Object.assign(document.createElement("p"), {className: "bp-line"});
  line.setAttribute("role", "status");           // a live region: each step's line is read out
  line.setAttribute("aria-atomic", "true");
  const figure = Object.assign(document.createElement("div"), {className: "bp-drawing"});
  const svg = document.createElementNS(SVG, "svg");
  svg.dataset.uid = uniqueId("bp-stepper");  // its arrowheads' ids
  svg.setAttribute("role", "img");
  figure.append(svg);
  const caption = Object.assign(document.createElement("p"), {className: "bp-caption"});
  root.append(bar, progress, line, figure, caption);
  el.append(root);

  let passes = [], at = {pass: 0, k: 1}, width = 0;

  const settings = () => ({task: model.get("task"), loss: model.get("loss"), eta: model.get("eta"),
                           x: model.get("x"), y: model.get("y")});

  function pass(i) {
    if (!passes[i].steps) Object.assign(passes[i], passSteps({...settings(), row: passes[i].row, p: passes[i].params}));
    return passes[i];
  }

  function restartAll() {
    const x = model.get("x"), y = model.get("y");
    select.replaceChildren(...x.map((r, i) => Object.assign(document.createElement("option"), {
      value: String(i), textContent: `${i}: CGPA ${num(r[0])}, IQ ${num(r[1])}, y = ${num(y[i])}`})));
    select.value = String(model.get("row"));
    passes = [{row: model.get("row"), params: {...model.get("params")}}];
    at = {pass: 0, k: 1};
    show();
  }

  function show() {
    const P = pass(at.pass);
    const step = P.steps[at.k - 1];
    const N = P.steps.length;
    width = Math.max(300, Math.floor(figure.clientWidth || el.clientWidth || 640));
    draw(svg, model.get("drawing"), Math.min(width, 860), P, at.k);
    svg.setAttribute("aria-label", describe(P, at.k));
    const phase = {forward: "forward pass", backward: "backward pass", update: "update"}[step.phase];
    progress.textContent = `Pass ${at.pass + 1}, row ${P.row} · step ${at.k} of ${N} · ${phase}`;
    line.textContent = step.line;
    line.className = `bp-line bp-${step.phase}`;
    const {task, loss, eta, x} = settings();
    caption.textContent = `${task === "classification" ? "Sigmoid" : "Linear"} units, ` +
      `${loss === "squared" ? "squared error ½(y − ŷ)²" : "cross-entropy"}, η = ${num(eta)}; ` +
      `each pass takes one SGD step on one row, so ${x.length} pass${x.length === 1 ? "" : "es"} ` +
      `make one epoch of training.`;
    back.disabled = at.pass === 0 && at.k === 1;
    if (back.disabled && document.activeElement === back) root.focus();
    // For tests and the curious: where the stepper is, and this step's numbers at full precision.
    Object.assign(root.dataset, {
      pass: String(at.pass + 1), row: String(P.row), step: String(at.k), steps: String(N), stepId: step.id,
      phase: step.phase, value: JSON.stringify(step.values), params: JSON.stringify(P.params),
      eta: JSON.stringify(eta), task, loss, updates: String(Number(root.dataset.updates || 0) + 1),
    });
  }

  function go(delta) {
    if (delta > 0) {
      if (at.k < pass(at.pass).steps.length) at.k += 1;
      else {
        if (at.pass + 1 === passes.length) {   // the next pass: next row, the updated parameters
          const P = pass(at.pass);
          passes.push({row: (P.row + 1) % model.get("x").length, params: P.values.next});
        }
        at = {pass: at.pass + 1, k: 1};
      }
    } else if (at.k > 1) at.k -= 1;
    else if (at.pass > 0) at = {pass: at.pass - 1, k: pass(at.pass - 1).steps.length};
    else return;
    show();
  }

  back.addEventListener("click", () => go(-1));
  next.addEventListener("click", () => go(1));
  restart.addEventListener("click", () => { restartAll(); });
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
  keepKeys(rowBox);
  const KEYS = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1};
  root.addEventListener("keydown", (event) => {
    if (event.key in KEYS || event.key === "Home" || event.key === "End") {
      event.stopPropagation();
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      if (event.key === "Home") { at.k = 1; show(); } else if (event.key === "End") {
        at.k = pass(at.pass).steps.length; show();
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
