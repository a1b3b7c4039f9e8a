// The twin of bp/network.py in JavaScript: the forward pass, the losses, backpropagation and
// per-sample SGD of the notes' 2-2-1 network, line by line (each line says which Python line it
// mirrors). Shared by every widget that computes on the network (esbuild bundles it into each one's
// module, scripts/build-widgets.mjs): the explorers, the tangent, the stepper. tests/browser/ check
// the pages' numbers against bp.

// network.PARAM_NAMES: the nine parameters, in the notes' order.
export const PARAM_NAMES = ["w1_11", "w1_12", "w1_21", "w1_22", "b11", "b12", "w2_11", "w2_21", "b21"];

// network.sigmoid: 0.5 * (1.0 + np.tanh(0.5 * z))   (via tanh: a large z never overflows)
export function sigmoid(z) {
  return 0.5 * (1.0 + Math.tanh(0.5 * z));
}

// network.act: sigmoid(z) if task == "classification" else z
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
  const O11 = act(z11, task);                         // O11 = act(z11, task)
  const O12 = act(z12, task);                         // O12 = act(z12, task)
  const z21 = p.w2_11 * O11 + p.w2_21 * O12 + p.b21;  // z21 = p["w2_11"] * O11 + p["w2_21"] * O12 + p["b21"]
  const yhat = act(z21, task);                        // yhat = act(z21, task)
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

// network.row_loss(f, y, loss), for one row.
export function rowLoss(f, y, loss) {
  if (loss === "squared") {                        // if loss == "squared":
    const d = y - f.yhat;
    return 0.5 * (d * d);                          //     return 0.5 * (y - f["yhat"]) ** 2
  }
  // Binary cross-entropy from the logit: log(1 + e^z) − y·z.
  return logaddexp0(f.z21) - y * f.z21;            // return np.logaddexp(0.0, f["z21"]) - y * f["z21"]
}

// np.sum of float64 values in numpy's order (pairwise summation, 8 accumulators per block of
// up to 128), so that np.mean's rounding is reproduced exactly.
export function npSum(a, start = 0, n = a.length) {
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
export function backward(p, f, CGPA, IQ, y, task, loss) {
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

// network.loss(params, x, y, *, task, loss): the mean of the rows' losses (x is a list of rows).
export function meanLoss(params, x, y, {task, loss}) {
  const each = x.map((row, i) => rowLoss(forward(params, row[0], row[1], task), y[i], loss));
  return npSum(each) / each.length;               // float(np.mean(row_loss(_forward(p, ...), y, loss)))
}

// network.gradients(params, x, y, *, task, loss): ∂L/∂(each parameter) by backpropagation, the
// mean over the rows.
export function gradients(params, x, y, {task, loss}) {
  const each = x.map((row, i) => backward(params, forward(params, row[0], row[1], task), row[0], row[1], y[i], task, loss));
  const out = {};
  for (const name of PARAM_NAMES) out[name] = npSum(each.map((g) => g[name])) / each.length;  // float(np.mean(g[name]))
  return out;
}

// network.numerical_gradients(params, x, y, *, task, loss, h)[name]: the central difference
// (L(w + h) − L(w − h)) / 2h for one parameter.
export function numericalGradient(params, x, y, name, {task, loss, h}) {
  const up = {...params, [name]: params[name] + h}, down = {...params, [name]: params[name] - h};
  return (meanLoss(up, x, y, {task, loss}) - meanLoss(down, x, y, {task, loss})) / (2 * h);
}

// One SGD step, as in network.train: {name: q[name] - eta * g[name] for name in PARAM_NAMES}.
export function sgdStep(q, g, eta) {
  const next = {};
  for (const name of PARAM_NAMES) next[name] = q[name] - eta * g[name];
  return next;
}

// network.train(params, x, y, *, task, eta, epochs, loss): per-sample SGD, w_new = w_old − η ∂L/∂w,
// over the rows in the order given. `limit` is network.DIVERGENCE_LIMIT (sent by the kernel).
export function train(params, x, y, {task, loss, eta, epochs, limit}) {
  let p = {...params};                             // p = check_params(params)
  const meanLossOf = (q) => meanLoss(q, x, y, {task, loss});  // def mean_loss(q): float(np.mean(...))
  const losses = [meanLossOf(p)];                  // losses = [mean_loss(p)]
  if (!Number.isFinite(losses[0]) || losses[0] > limit) {  // if not np.isfinite(losses[0]) or losses[0] > DIVERGENCE_LIMIT:
    return {losses: [], params: p, diverged: true};        //     return TrainResult(np.array([]), p, True)
  }
  for (let epoch = 0; epoch < epochs; epoch++) {   // for _ in range(epochs):
    let q = p;                                     //     q = p
    for (let i = 0; i < x.length; i++) {           //     for (CGPA, IQ), target in zip(rows, targets):
      const CGPA = x[i][0], IQ = x[i][1];
      const g = backward(q, forward(q, CGPA, IQ, task), CGPA, IQ, y[i], task, loss);  // g = _backward(q, _forward(q, CGPA, IQ, task), ...)
      q = sgdStep(q, g, eta);                      //         q = {name: q[name] - eta * g[name] ...}
    }
    const L = meanLossOf(q);                       //     L = mean_loss(q)
    if (!(Number.isFinite(L) && L <= limit && allFinite(q))) {  // if not (np.isfinite(L) and L <= DIVERGENCE_LIMIT and _finite(q)):
      return {losses, params: p, diverged: true};  //         return TrainResult(np.array(losses), p, True)
    }
    p = q;                                         //     p = {name: float(q[name]) ...}
    losses.push(L);                                //     losses.append(L)
  }
  return {losses, params: p, diverged: false};     // return TrainResult(np.array(losses), p, False)
}
