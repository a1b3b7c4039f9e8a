// The explorer's front end (an anywidget ES module): sliders, per-sample SGD, the loss curve and,
// for classification, the decision boundary, all computed and drawn in the browser.
//
// One front end serves every setting: the static HTML book (no kernel: the widget manager loads
// anywidget's front end from the book, which runs this module from the page's stored widget state)
// and JupyterLab / Jupyter (the same module, with the kernel holding the same settings as traitlets).
// The Python side is bp/explorer.py; the training below is a line-by-line twin of bp/network.py
// (`_forward`, `_loss`, `_backward`, `train`): each line says which Python line it mirrors.
// tests/browser/test_explorer_live.py checks that the page's curve equals bp.train's to 1e-9.

// ---------------------------------------------------------------------------------------------
// The twin of bp/network.py
// ---------------------------------------------------------------------------------------------

// network.PARAM_NAMES: the nine parameters, in the notes' order.
export const PARAM_NAMES = ["w1_11", "w1_12", "w1_21", "w1_22", "b11", "b12", "w2_11", "w2_21", "b21"];

// network.sigmoid: 0.5 * (1.0 + np.tanh(0.5 * z))   (via tanh: a large z never overflows)
export function sigmoid(z) {
  return 0.5 * (1.0 + Math.tanh(0.5 * z));
}

// network._act: sigmoid(z) if task == "classification" else z
function act(z, task) {
  return task === "classification" ? sigmoid(z) : z;
}

// network._act_prime: O * (1.0 - O) if task == "classification" else 1.0
function actPrime(O, task) {
  return task === "classification" ? O * (1.0 - O) : 1.0;
}

// network._forward(p, CGPA, IQ, task), for one row.
export function forward(p, CGPA, IQ, task) {
  const z11 = p.w1_11 * CGPA + p.w1_21 * IQ + p.b11;  // z11 = p["w1_11"] * CGPA + p["w1_21"] * IQ + p["b11"]
  const z12 = p.w1_12 * CGPA + p.w1_22 * IQ + p.b12;  // z12 = p["w1_12"] * CGPA + p["w1_22"] * IQ + p["b12"]
  const O11 = act(z11, task);                         // O11 = _act(z11, task)
  const O12 = act(z12, task);                         // O12 = _act(z12, task)
  const z21 = p.w2_11 * O11 + p.w2_21 * O12 + p.b21;  // z21 = p["w2_11"] * O11 + p["w2_21"] * O12 + p["b21"]
  const yhat = act(z21, task);                        // yhat = _act(z21, task)
  return {z11, z12, O11, O12, z21, yhat};
}

// np.logaddexp(0.0, z) = log(1 + e^z), exactly as numpy computes it (npy_logaddexp with x = 0).
function logaddexp0(z) {
  if (z === 0) return Math.LN2;                    // x == y: x + LOGE2
  const tmp = 0.0 - z;                             // tmp = x - y
  if (tmp > 0) return 0.0 + Math.log1p(Math.exp(-tmp));  // x + log1p(exp(-tmp))
  if (tmp <= 0) return z + Math.log1p(Math.exp(tmp));    // y + log1p(exp(tmp))
  return tmp;                                      // NaN
}

// network._loss(f, y, task, loss), for one row.
function rowLoss(f, y, loss) {
  if (loss === "squared") {                        // if loss == "squared":
    const d = y - f.yhat;
    return 0.5 * (d * d);                          //     return 0.5 * (y - f["yhat"]) ** 2
  }
  // Binary cross-entropy from the logit: log(1 + e^z) − y·z.
  return logaddexp0(f.z21) - y * f.z21;            // return np.logaddexp(0.0, f["z21"]) - y * f["z21"]
}

// np.sum of float64 values in numpy's order (pairwise summation, 8 accumulators per block of
// up to 128), so that np.mean's rounding is reproduced exactly.
function npSum(a, start = 0, n = a.length) {
  if (n < 8) {
    let res = 0.0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    const r = a.slice(start, start + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    }
    let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return npSum(a, start, n2) + npSum(a, start + n2, n - n2);
}

// network._backward(p, f, CGPA, IQ, y, task, loss): backpropagation for one row.
function backward(p, f, CGPA, IQ, y, task, loss) {
  const yhat = f.yhat;                             // yhat = f["yhat"]
  let delta21;
  if (loss === "cross_entropy") {                  // if loss == "cross_entropy":
    delta21 = yhat - y;                            //     delta21 = yhat - y  (σ′ cancels)
  } else {
    delta21 = (yhat - y) * actPrime(yhat, task);   //     delta21 = (yhat - y) * _act_prime(yhat, task)
  }
  const delta11 = delta21 * p.w2_11 * actPrime(f.O11, task);  // delta11 = delta21 * p["w2_11"] * _act_prime(f["O11"], task)
  const delta12 = delta21 * p.w2_21 * actPrime(f.O12, task);  // delta12 = delta21 * p["w2_21"] * _act_prime(f["O12"], task)
  return {
    w1_11: delta11 * CGPA, w1_12: delta12 * CGPA,  // "w1_11": delta11 * CGPA, "w1_12": delta12 * CGPA,
    w1_21: delta11 * IQ, w1_22: delta12 * IQ,      // "w1_21": delta11 * IQ,   "w1_22": delta12 * IQ,
    b11: delta11, b12: delta12,                    // "b11": delta11,          "b12": delta12,
    w2_11: delta21 * f.O11, w2_21: delta21 * f.O12,  // "w2_11": delta21 * f["O11"], "w2_21": delta21 * f["O12"],
    b21: delta21,                                  // "b21": delta21,
  };
}

// network._finite(p): all(math.isfinite(v) for v in p.values())
function allFinite(p) {
  return PARAM_NAMES.every((name) => Number.isFinite(p[name]));
}

// network.train(params, x, y, *, task, eta, epochs, loss): per-sample SGD, w_new = w_old − η ∂L/∂w,
// over the rows in the order given. `limit` is network.DIVERGENCE_LIMIT (sent by the kernel).
export function train(params, x, y, {task, loss, eta, epochs, limit}) {
  let p = {...params};                             // p = check_params(params)
  const meanLoss = (q) => {                        // def mean_loss(q): float(np.mean(_loss(_forward(q, ...))))
    const each = x.map((row, i) => rowLoss(forward(q, row[0], row[1], task), y[i], loss));
    return npSum(each) / each.length;
  };
  const losses = [meanLoss(p)];                    // losses = [mean_loss(p)]
  if (!Number.isFinite(losses[0]) || losses[0] > limit) {  // if not np.isfinite(losses[0]) or losses[0] > DIVERGENCE_LIMIT:
    return {losses: [], params: p, diverged: true};        //     return TrainResult(np.array([]), p, True)
  }
  for (let epoch = 0; epoch < epochs; epoch++) {   // for _ in range(epochs):
    let q = p;                                     //     q = p
    for (let i = 0; i < x.length; i++) {           //     for (CGPA, IQ), target in zip(rows, targets):
      const CGPA = x[i][0], IQ = x[i][1];
      const g = backward(q, forward(q, CGPA, IQ, task), CGPA, IQ, y[i], task, loss);  // g = _backward(q, _forward(q, CGPA, IQ, task), ...)
      const next = {};
      for (const name of PARAM_NAMES) next[name] = q[name] - eta * g[name];  // q = {name: q[name] - eta * g[name] ...}
      q = next;
    }
    const L = meanLoss(q);                         //     L = mean_loss(q)
    if (!(Number.isFinite(L) && L <= limit && allFinite(q))) {  // if not (np.isfinite(L) and L <= DIVERGENCE_LIMIT and _finite(q)):
      return {losses, params: p, diverged: true};  //         return TrainResult(np.array(losses), p, True)
    }
    p = q;                                         //     p = {name: float(q[name]) ...}
    losses.push(L);                                //     losses.append(L)
  }
  return {losses, params: p, diverged: false};     // return TrainResult(np.array(losses), p, False)
}

// ---------------------------------------------------------------------------------------------
// Formatting, as Python's format() does it
// ---------------------------------------------------------------------------------------------

// f"{v:.Ne}": the exponent with at least two digits (5.00e-04).
function fmtE(v, digits) {
  const [m, e] = v.toExponential(digits).split("e");
  const n = Number(e);
  return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
}

// f"{v:.6g}"
export function fmtG(v, precision = 6) {
  if (!Number.isFinite(v)) return String(v).replace("Infinity", "inf").replace("NaN", "nan");
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const exp = Number(v.toExponential(precision - 1).split("e")[1]);
  if (exp < -4 || exp >= precision) {
    let [m] = fmtE(v, precision - 1).split("e");
    if (m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
    return `${m}e${fmtE(v, precision - 1).split("e")[1]}`;
  }
  let s = v.toFixed(Math.max(0, precision - 1 - exp));
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s;
}

// A tick label: 0.001, 20, 1e+06.
function fmtTick(v) {
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) {
    const [m, e] = v.toExponential().split("e");
    return `${Number(Number(m).toPrecision(3))}e${Number(e) < 0 ? "−" : ""}${Math.abs(Number(e))}`;
  }
  return String(Number(v.toPrecision(6))).replace("-", "−");
}

// ---------------------------------------------------------------------------------------------
// Drawing (canvas)
// ---------------------------------------------------------------------------------------------

const COLORS = {line: "#1f77b4", red: "#b2182b", blue: "#2166ac", axis: "#333", grid: "#e5e5e5", text: "#222"};
const GRID = 60;  // the decision boundary: GRID × GRID points, as explorer.GRID in the old kernel-drawn figure

function niceStep(span, count) {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

function linearTicks(lo, hi, count = 5) {
  const step = niceStep(hi - lo, count);
  const ticks = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function logTicks(lo, hi) {
  const a = Math.floor(Math.log10(lo)), b = Math.ceil(Math.log10(hi));
  let ticks = [];
  const mantissas = b - a <= 2 ? [1, 2, 5] : [1];
  for (let k = a; k <= b; k++) for (const m of mantissas) {
    const t = m * 10 ** k;
    if (t >= lo && t <= hi) ticks.push(t);
  }
  if (ticks.length > 7) {
    const stride = Math.ceil(ticks.length / 6);
    ticks = ticks.filter((_, i) => i % stride === 0);
  }
  return ticks;
}

function setupCanvas(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  ctx.font = "12px system-ui, -apple-system, 'Segoe UI', sans-serif";
  ctx.fillStyle = COLORS.text;
  return ctx;
}

function drawFrame(ctx, box, title, xlabel, ylabel) {
  ctx.strokeStyle = COLORS.axis;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.w, box.h);
  ctx.fillStyle = COLORS.text;
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.font = "13px system-ui, -apple-system, 'Segoe UI', sans-serif";
  ctx.fillText(title, box.x + box.w / 2, box.y - 6);
  ctx.font = "12px system-ui, -apple-system, 'Segoe UI', sans-serif";
  ctx.textBaseline = "top";
  ctx.fillText(xlabel, box.x + box.w / 2, box.y + box.h + 20);
  ctx.save();
  ctx.translate(box.x - 50, box.y + box.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "top";
  ctx.fillText(ylabel, 0, 0);
  ctx.restore();
}

function drawXTicks(ctx, box, ticks, toX) {
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const t of ticks) {
    const px = Math.round(toX(t)) + 0.5;
    ctx.strokeStyle = COLORS.axis;
    ctx.beginPath(); ctx.moveTo(px, box.y + box.h); ctx.lineTo(px, box.y + box.h + 4); ctx.stroke();
    ctx.fillText(fmtTick(t), px, box.y + box.h + 5);
  }
}

function drawYTicks(ctx, box, ticks, toY, grid) {
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const t of ticks) {
    const py = Math.round(toY(t)) + 0.5;
    if (grid) {
      ctx.strokeStyle = COLORS.grid;
      ctx.beginPath(); ctx.moveTo(box.x + 1, py); ctx.lineTo(box.x + box.w, py); ctx.stroke();
    }
    ctx.strokeStyle = COLORS.axis;
    ctx.beginPath(); ctx.moveTo(box.x - 4, py); ctx.lineTo(box.x, py); ctx.stroke();
    ctx.fillText(fmtTick(t), box.x - 6, py);
  }
}

// The loss curve: mean loss per epoch on a log axis (an exact 0 is drawn at 1e-300, as before).
function drawLosses(canvas, losses, note) {
  const W = 380, H = 280;
  const ctx = setupCanvas(canvas, W, H);
  const box = {x: 70, y: 28, w: W - 70 - 22, h: H - 28 - 48};
  drawFrame(ctx, box, "loss while training", "epoch", "mean loss (log scale)");
  if (losses.length) {
    const ys = losses.map((v) => Math.max(v, 1e-300));
    const top = Math.max(...ys) * 1.5, bottom = Math.min(...ys) / 1.5;
    const n = Math.max(1, ys.length - 1);
    const toX = (i) => box.x + (i / n) * box.w;
    const l0 = Math.log10(bottom), l1 = Math.log10(top);
    const toY = (v) => box.y + box.h - ((Math.log10(v) - l0) / (l1 - l0)) * box.h;
    drawYTicks(ctx, box, logTicks(bottom, top), toY, true);
    drawXTicks(ctx, box, linearTicks(0, n, 5).filter((t) => Number.isInteger(t)), toX);
    ctx.strokeStyle = COLORS.line;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ys.forEach((v, i) => (i ? ctx.lineTo(toX(i), toY(v)) : ctx.moveTo(toX(i), toY(v))));
    ctx.stroke();
    if (ys.length < 3) {
      ctx.fillStyle = COLORS.line;
      ys.forEach((v, i) => { ctx.beginPath(); ctx.arc(toX(i), toY(v), 3.5, 0, 2 * Math.PI); ctx.fill(); });
    }
  }
  if (note) {
    ctx.fillStyle = COLORS.red;
    ctx.font = "bold 14px system-ui, -apple-system, 'Segoe UI', sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    note.split("\n").forEach((line, k) => ctx.fillText(line, box.x + box.w / 2, box.y + box.h / 2 + 18 * k - 9));
  }
}

// The limits of the decision boundary's plane: as the old figure's `_limits`.
function limits(x) {
  const out = [];
  for (const c of [0, 1]) {
    const lo = Math.min(...x.map((r) => r[c])), hi = Math.max(...x.map((r) => r[c]));
    const pad = 0.1 * (hi - lo) + 0.1;
    out.push([lo - pad, hi + pad]);
  }
  return out;
}

// RdBu (red at ŷ = 0, white at 0.5, blue at 1), at 60 % over white.
function rdbu(v) {
  const red = [178, 24, 43], white = [247, 247, 247], blue = [33, 102, 172];
  const [a, b, t] = v < 0.5 ? [red, white, v / 0.5] : [white, blue, (v - 0.5) / 0.5];
  return a.map((c, k) => Math.round(255 + 0.6 * (c + (b[k] - c) * t - 255)));
}

// ŷ over the plane, the rows (circles: 0, triangles: 1) and the boundary ŷ = 0.5 (white).
function drawBoundary(canvas, params, x, y, task, features, scratch) {
  const W = 300, H = 280;
  const ctx = setupCanvas(canvas, W, H);
  const box = {x: 60, y: 28, w: W - 60 - 22, h: H - 28 - 48};
  const [[x0, x1], [y0, y1]] = limits(x);
  const image = scratch.getContext("2d").createImageData(GRID, GRID);
  for (let r = 0; r < GRID; r++) {
    const IQ = y1 - ((y1 - y0) * r) / (GRID - 1);        // rows from the top (high IQ) down
    for (let c = 0; c < GRID; c++) {
      const CGPA = x0 + ((x1 - x0) * c) / (GRID - 1);
      const [R, G, B] = rdbu(forward(params, CGPA, IQ, task).yhat);
      const k = 4 * (r * GRID + c);
      image.data[k] = R; image.data[k + 1] = G; image.data[k + 2] = B; image.data[k + 3] = 255;
    }
  }
  scratch.getContext("2d").putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, box.x, box.y, box.w, box.h);
  const toX = (v) => box.x + ((v - x0) / (x1 - x0)) * box.w;
  const toY = (v) => box.y + box.h - ((v - y0) / (y1 - y0)) * box.h;
  drawFrame(ctx, box, "ŷ over the plane (white: ŷ = 0.5)", features[0], features[1]);
  ctx.fillStyle = COLORS.text;
  drawXTicks(ctx, box, linearTicks(x0, x1, 4), toX);
  drawYTicks(ctx, box, linearTicks(y0, y1, 4), toY, false);
  ctx.lineWidth = 1;
  ctx.strokeStyle = "#000";
  x.forEach((row, i) => {
    const px = toX(row[0]), py = toY(row[1]);
    ctx.beginPath();
    if (y[i] === 1) { ctx.moveTo(px, py - 5.5); ctx.lineTo(px + 5, py + 4); ctx.lineTo(px - 5, py + 4); ctx.closePath(); }
    else ctx.arc(px, py, 4.5, 0, 2 * Math.PI);
    ctx.fillStyle = y[i] === 1 ? COLORS.blue : COLORS.red;
    ctx.fill();
    ctx.stroke();
  });
}

// ---------------------------------------------------------------------------------------------
// The widget
// ---------------------------------------------------------------------------------------------

let counter = 0;

function slider(el, key, label, {min, max, step}) {
  const id = `bp-explorer-${++counter}-${key}`;
  const row = document.createElement("div");
  row.className = "bp-slider";
  row.dataset.name = key;
  const lab = Object.assign(document.createElement("label"), {htmlFor: id, textContent: label});
  const input = Object.assign(document.createElement("input"), {type: "range", id, min, max, step});
  input.dataset.name = key;
  const out = document.createElement("output");
  out.htmlFor = id;
  out.setAttribute("aria-hidden", "true");  // the slider's aria-valuetext says the same
  row.append(lab, input, out);
  el.append(row);
  return {input, out};
}

function render({model, el}) {
  const root = document.createElement("div");
  root.className = "bp-explorer";
  const controls = Object.assign(document.createElement("div"), {className: "bp-controls"});
  const figure = Object.assign(document.createElement("div"), {className: "bp-figure"});
  const plots = Object.assign(document.createElement("div"), {className: "bp-plots"});
  const lossCanvas = Object.assign(document.createElement("canvas"), {className: "bp-loss"});
  lossCanvas.setAttribute("role", "img");
  plots.append(lossCanvas);
  const task = model.get("task");
  let boundaryCanvas = null;
  const scratch = Object.assign(document.createElement("canvas"), {width: GRID, height: GRID});
  if (task === "classification") {
    boundaryCanvas = Object.assign(document.createElement("canvas"), {className: "bp-boundary"});
    boundaryCanvas.setAttribute("role", "img");
    plots.append(boundaryCanvas);
  }
  const readout = Object.assign(document.createElement("p"), {className: "bp-readout"});
  readout.setAttribute("role", "status");
  figure.append(plots, readout);
  root.append(controls, figure);
  el.append(root);

  const [elo, ehi] = model.get("eta_log10_range");
  const [plo, phi] = model.get("param_range");
  const sliders = {
    eta: slider(controls, "eta", "η", {min: elo, max: ehi, step: 0.05}),
    epochs: slider(controls, "epochs", "epochs", {min: 0, max: model.get("max_epochs"), step: 10}),
  };
  const start = model.get("params");
  for (const name of PARAM_NAMES) {
    sliders[name] = slider(controls, name, name,
                           {min: Math.min(plo, start[name]), max: Math.max(phi, start[name]), step: 0.01});
  }

  // Show the model's settings on the sliders (a slider snaps to its step; the model keeps the value).
  function showSettings() {
    const eta = model.get("eta"), epochs = model.get("epochs"), params = model.get("params");
    sliders.eta.input.value = String(Math.log10(eta));
    sliders.eta.out.textContent = fmtE(eta, 2);
    sliders.eta.input.setAttribute("aria-valuetext", `η = ${fmtE(eta, 2)}`);
    sliders.epochs.input.value = String(epochs);
    sliders.epochs.out.textContent = String(epochs);
    for (const name of PARAM_NAMES) {
      sliders[name].input.value = String(params[name]);
      sliders[name].out.textContent = params[name].toFixed(2).replace(/^-(0\.00)$/, "$1");
    }
  }

  // Train with the model's settings; draw the curve (and boundary); write the readout.
  function update() {
    const t0 = performance.now();
    const settings = {task, loss: model.get("loss"), eta: model.get("eta"), epochs: model.get("epochs"),
                      limit: model.get("divergence_limit")};
    const x = model.get("x"), y = model.get("y"), params = model.get("params");
    const r = train(params, x, y, settings);
    const n = r.losses.length;
    let status, note = "";
    if (r.diverged) {
      note = n ? `diverged after epoch ${n}:\nη is too large` : "diverged: the starting loss\nis not finite";
      status = n ? `diverged after epoch ${n}: η = ${fmtE(settings.eta, 2)} is too large; ` +
                   `the last finite loss is ${fmtG(r.losses[n - 1])}`
                 : `diverged before training: the starting loss is not finite or above ${fmtG(settings.limit)}`;
    } else {
      status = `final loss ${fmtG(r.losses[n - 1])} after ${n - 1} epochs`;
    }
    let accuracy = null;
    if (boundaryCanvas) {
      let right = 0;
      x.forEach((row, i) => { right += ((forward(r.params, row[0], row[1], task).yhat >= 0.5) === (y[i] === 1)) ? 1 : 0; });
      accuracy = right / x.length;
      status += `; accuracy ${Math.round(100 * accuracy)}%`;
    }
    drawLosses(lossCanvas, r.losses, note);
    lossCanvas.setAttribute("aria-label",
      `Loss curve: the mean loss after each epoch, on a log scale. ${status}.`);
    if (boundaryCanvas) {
      drawBoundary(boundaryCanvas, r.params, x, y, task, model.get("features"), scratch);
      boundaryCanvas.setAttribute("aria-label",
        `ŷ over the ${model.get("features").join("–")} plane after training: red where ŷ < 0.5 ` +
        `(predicted 0), blue where ŷ > 0.5 (predicted 1), white on the boundary ŷ = 0.5; ` +
        `circles are rows labelled 0, triangles rows labelled 1; accuracy ${Math.round(100 * accuracy)}%.`);
    }
    readout.replaceChildren();
    if (r.diverged) {
      const b = Object.assign(document.createElement("strong"), {className: "bp-diverged", textContent: "diverged"});
      readout.append(b, status.slice("diverged".length));
    } else {
      readout.append(status);
    }
    // For tests and the curious: the exact numbers drawn, and the settings they came from.
    root.dataset.losses = JSON.stringify(r.losses);
    root.dataset.diverged = String(r.diverged);
    root.dataset.eta = JSON.stringify(settings.eta);
    root.dataset.epochs = String(settings.epochs);
    root.dataset.params = JSON.stringify(params);
    root.dataset.finalParams = JSON.stringify(r.params);
    if (accuracy !== null) root.dataset.accuracy = JSON.stringify(accuracy);
    root.dataset.updateMs = (performance.now() - t0).toFixed(3);
    root.dataset.updates = String(Number(root.dataset.updates || 0) + 1);
  }

  // A slider moved: the model changes (and so the figure); the kernel, if any, hears on release.
  for (const [key, {input}] of Object.entries(sliders)) {
    input.addEventListener("input", () => {
      const v = Number(input.value);
      if (key === "eta") model.set("eta", 10 ** v);
      else if (key === "epochs") model.set("epochs", Math.round(v));
      else model.set("params", {...model.get("params"), [key]: v});
    });
    input.addEventListener("change", () => model.save_changes());
  }
  // The keys that move a slider stay with it: JupyterLab would otherwise take them as notebook
  // shortcuts (and take the focus away) before the slider sees them.
  const SLIDER_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);
  controls.addEventListener("keydown", (event) => {
    if (event.target.matches("input[type=range]") && SLIDER_KEYS.has(event.key)) event.stopPropagation();
  });
  const redraw = () => { showSettings(); update(); };
  for (const name of ["eta", "epochs", "params", "x", "y", "loss", "features", "divergence_limit"]) {
    model.on(`change:${name}`, redraw);
  }
  redraw();
  return () => {
    for (const name of ["eta", "epochs", "params", "x", "y", "loss", "features", "divergence_limit"]) {
      model.off(`change:${name}`, redraw);
    }
  };
}

export default {render};
