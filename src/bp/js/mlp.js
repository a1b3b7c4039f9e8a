// The twin of bp/mlp.py in JavaScript: the seeded initialisation, the forward pass, the loss,
// backpropagation in matrix form and training by per-sample / mini-batch / full-batch gradient
// descent, line by line (each line says which Python line it mirrors). Used by the playground
// (esbuild bundles it into the playground's module, scripts/build-widgets.mjs; the playground runs it
// in a Web Worker too).
//
// A matrix is {rows, cols, data}, data a Float64Array in row order (NumPy's C order): entry
// (i, j) is data[i * cols + j]. A network is a list of layers {W, b} (W of shape n_in × n_out,
// W[i-1, j-1] the notes' wˡᵢⱼ; b a Float64Array of n_out), as bp.mlp's [(W, b), ...].
// Where NumPy makes a new array for each expression, this twin writes into a `workspace` made once
// per run (allocation, not arithmetic, would otherwise be most of the time); the numbers are the same.
// NumPy's matrix products (BLAS) and np.tanh may round differently from these plain loops in the
// last digits: tests/browser/test_playground_live.py says how the two are compared.

import {sigmoid, rowLoss, npSum} from "./network.js";

// mlp.ACTIVATIONS
export const ACTIVATIONS = ["identity", "sigmoid", "tanh", "relu"];

// --------------------------------------------------------------------------- the seeded generator

// mlp.uniforms(seed, n): mulberry32, exactly the function of its docstring (every step mod 2³²).
export function uniforms(seed, n) {
  const out = new Float64Array(n);
  let a = seed | 0;                                  // the state starts at seed
  for (let k = 0; k < n; k++) {
    a = (a + 0x6D2B79F5) | 0;                        // a = (seed + k · 0x6D2B79F5) mod 2³²
    let t = Math.imul(a ^ (a >>> 15), 1 | a);        // t = (a XOR (a >> 15)) · (a OR 1)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;  // t = ((t + (t XOR (t >> 7)) · (t OR 61))) XOR t
    out[k] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;  // u = (t XOR (t >> 14)) / 2³²
  }
  return out;
}

// mlp.initial_std(scale, n_in, n_out)
function std(scale, nIn, nOut) {
  if (scale === "xavier") return Math.sqrt(2.0 / (nIn + nOut));  // math.sqrt(2.0 / (n_in + n_out))
  if (scale === "he") return Math.sqrt(2.0 / nIn);               // math.sqrt(2.0 / n_in)
  return Number(scale);                                          // float(scale)
}

export function matrix(rows, cols, data = new Float64Array(rows * cols)) {
  return {rows, cols, data};
}

// mlp.init(sizes, *, seed=0, scale="xavier")
export function init(sizes, {seed = 0, scale = "xavier"} = {}) {
  const pairs = sizes.slice(0, -1).map((nIn, l) => [nIn, sizes[l + 1]]);  // pairs = list(zip(sizes, sizes[1:]))
  const u = uniforms(seed, pairs.reduce((s, [nIn, nOut]) => s + nIn * nOut, 0));  // u = uniforms(seed, sum(n_in * n_out ...))
  const layers = [];                                                // layers, k = [], 0
  let k = 0;
  for (const [nIn, nOut] of pairs) {                                // for n_in, n_out in pairs:
    const s = std(scale, nIn, nOut);                                //     std = initial_std(scale, n_in, n_out)
    const W = matrix(nIn, nOut);                                    //     W = (2.0 * u[k:k + n_in * n_out] - 1.0) * math.sqrt(3.0) * std
    for (let i = 0; i < nIn * nOut; i++) W.data[i] = (2.0 * u[k + i] - 1.0) * Math.sqrt(3.0) * s;
    layers.push({W, b: new Float64Array(nOut)});                    //     layers.append((W.reshape(n_in, n_out), np.zeros(n_out)))
    k += nIn * nOut;                                                //     k += n_in * n_out
  }
  return layers;
}

// Room for each layer's z, a, δ, ∂L/∂W and ∂L/∂b for up to `rows` rows (a matrix's `rows` is set
// to the batch's at each use), and for the rows' losses. Made once per run and reused by every
// batch, the whole table's loss and the gradient sizes: training allocates nothing per sample.
export function workspace(layers, rows) {
  return Object.assign(layers.map(({W}) => ({z: matrix(rows, W.cols), a: matrix(rows, W.cols), delta: matrix(rows, W.cols),
                                             dW: matrix(W.rows, W.cols), db: new Float64Array(W.cols)})),
                       {losses: new Float64Array(rows)});
}

// A network's copy in new arrays (training writes only into its own).
export function copyLayers(layers) {
  return layers.map(({W, b}) => ({W: matrix(W.rows, W.cols, W.data.slice()), b: b.slice()}));
}

// to ← from, entry by entry, into arrays made before (the same sizes).
function copyInto(to, from) {
  to.forEach(({W, b}, l) => { W.data.set(from[l].W.data); b.set(from[l].b); });
}

// --------------------------------------------------------------------------- forward and backward

// mlp._act(name, z), for the first `count` entries of Z, into O: one plain loop per activation.
function act(name, Z, O, count) {
  if (name === "sigmoid") for (let i = 0; i < count; i++) O[i] = sigmoid(Z[i]);     // sigmoid(z)
  else if (name === "tanh") for (let i = 0; i < count; i++) O[i] = Math.tanh(Z[i]); // np.tanh(z)
  else if (name === "relu") for (let i = 0; i < count; i++) O[i] = Math.max(Z[i], 0.0);  // np.maximum(z, 0.0)  (NaN stays NaN)
  else for (let i = 0; i < count; i++) O[i] = Z[i];                                  // z
}

// D ⊙ mlp._act_prime(name, z, a), in place, for the first `count` entries of D.
function timesActPrime(name, D, Z, A, count) {
  if (name === "sigmoid") for (let i = 0; i < count; i++) D[i] = D[i] * (A[i] * (1.0 - A[i]));  // a * (1.0 - a)
  else if (name === "tanh") for (let i = 0; i < count; i++) D[i] = D[i] * (1.0 - A[i] * A[i]);  // 1.0 - a * a
  else if (name === "relu") for (let i = 0; i < count; i++) D[i] = D[i] * (Z[i] > 0 ? 1.0 : 0.0);  // (z > 0).astype(float)
  else for (let i = 0; i < count; i++) D[i] = D[i] * 1.0;                            // 1.0
}

// mlp._output(task)
function output(task) {
  return task === "regression" ? "identity" : "sigmoid";
}

// mlp._forward(layers, X, task, hidden): the values (z, a) of every layer, in ws. With
// logitOnly, the output layer's activation is left out (the cross-entropy needs only its z).
export function forward(layers, X, task, hidden, ws = workspace(layers, X.rows), logitOnly = false) {
  let a = X;                                          // values, a = [], X
  for (let l = 0; l < layers.length; l++) {           // for l, (W, b) in enumerate(layers):
    const {W, b} = layers[l], {z, a: out} = ws[l];
    const n = a.rows, m = a.cols, k = W.cols, A = a.data, Wd = W.data, Z = z.data;
    z.rows = out.rows = n;
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < k; j++) {
        let s = 0.0;                                  //     z = a @ W + b  (a plain loop; NumPy: BLAS, then + b)
        for (let i = 0; i < m; i++) s += A[r * m + i] * Wd[i * k + j];
        Z[r * k + j] = s + b[j];
      }
    }
    const last = l === layers.length - 1;             //     a = _act(hidden if l < len(layers) - 1 else _output(task), z)
    if (last && task === "multiclass") { if (!logitOnly) softmax(Z, out.data, n, k); }  // _act("softmax", z)
    else if (!(last && logitOnly)) act(last ? output(task) : hidden, Z, out.data, n * k);
    a = out;                                          //     values.append((z, a))
  }
  return ws;
}

// mlp._mean_loss(layers, X, y, task, hidden, loss)
export function meanLoss(layers, X, y, task, hidden, loss, ws = workspace(layers, X.rows)) {
  // z, yhat = _forward(layers, X, task, hidden)[-1]  (ŷ only for the squared loss: the cross-entropy reads z)
  const {z, a: yhat} = forward(layers, X, task, hidden, ws, loss !== "squared").at(-1);
  const n = X.rows, each = ws.losses, Z = z.data, Y = yhat.data;
  if (task === "multiclass") multiclassLosses(Z, y, n, z.cols, each);  // _multiclass_loss(z, y)
  else for (let r = 0; r < n; r++) each[r] = rowLoss({yhat: Y[r], z21: Z[r]}, y[r], loss);  // row_loss({"yhat": yhat[:, 0], "z21": z[:, 0]}, y, loss)
  return npSum(each, 0, n) / n;                       // float(np.mean(...))
}

// --------------------------------------------------------------------------- K outputs (task "multiclass")
// y holds the class labels 0 … K − 1 (as numbers); the last layer has K units; the loss is the cross-entropy.

// mlp.softmax(z) for the n rows of Z (k logits each), into O: e = exp(z − max z), then e / Σ e.
export function softmax(Z, O, n, k) {
  for (let r = 0; r < n; r++) {
    let m = -Infinity;                                // z.max(axis=-1, keepdims=True)
    for (let j = 0; j < k; j++) m = Math.max(m, Z[r * k + j]);
    for (let j = 0; j < k; j++) O[r * k + j] = Math.exp(Z[r * k + j] - m);  // e = np.exp(z - m)
    const s = npSum(O, r * k, k);                     // e.sum(axis=-1, keepdims=True)
    for (let j = 0; j < k; j++) O[r * k + j] = O[r * k + j] / s;  // e / ...
  }
  return O;
}

// mlp._multiclass_loss(z, y): each row's −log p_y = (log Σ e^(z − m) + m) − z_y, into `each`.
export function multiclassLosses(Z, y, n, k, each) {
  const e = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    let m = -Infinity;                                // m = z.max(axis=1)
    for (let j = 0; j < k; j++) m = Math.max(m, Z[r * k + j]);
    for (let j = 0; j < k; j++) e[j] = Math.exp(Z[r * k + j] - m);  // np.exp(z - m[:, None])
    each[r] = (Math.log(npSum(e, 0, k)) + m) - Z[r * k + y[r]];  // (np.log(np.sum(..., axis=1)) + m) - z[rows, y]
  }
  return each;
}

// (BP1) for softmax with cross-entropy: Δ = P − Y, Y the labels one-hot (mlp._one_hot), into D.
export function outputErrorMulticlass(P, y, D, n, k) {
  for (let r = 0; r < n; r++) for (let j = 0; j < k; j++) D[r * k + j] = P[r * k + j] - (j === y[r] ? 1.0 : 0.0);
  return D;
}

// mlp._backward(layers, X, y, values, task, hidden, loss): the four equations; the gradients in ws.
export function backward(layers, X, y, ws, task, hidden, loss) {
  const n = X.rows, last = ws[layers.length - 1];
  const {z, a: yhat} = last;                          // z, yhat = values[-1]
  let delta = last.delta;
  delta.rows = n;
  if (task === "multiclass") outputErrorMulticlass(yhat.data, y, delta.data, n, delta.cols);  // (1) delta = yhat - _one_hot(y, K)
  else for (let r = 0; r < n; r++) delta.data[r] = yhat.data[r] - y[r];  // (1) delta = yhat - y[:, None]
  if (loss === "squared") {                           //     if loss == "squared":
    timesActPrime(output(task), delta.data, z.data, yhat.data, n);  //         delta = delta * _act_prime(_output(task), z, yhat)
  }
  for (let l = layers.length - 1; l >= 0; l--) {      // for l in reversed(range(len(layers))):
    const aPrev = l === 0 ? X : ws[l - 1].a;          //     a_prev = X if l == 0 else values[l - 1][1]
    const {dW, db} = ws[l];
    delta = ws[l].delta;
    const m = aPrev.cols, k = delta.cols, A = aPrev.data, D = delta.data, G = dW.data;
    for (let i = 0; i < m; i++) {                     //     (3) ∂L/∂Wˡ: a_prev.T @ delta / len(X)
      for (let j = 0; j < k; j++) {
        let s = 0.0;
        for (let r = 0; r < n; r++) s += A[r * m + i] * D[r * k + j];
        G[i * k + j] = s / n;
      }
    }
    if (k === 1) db[0] = npSum(D, 0, n) / n;          //     (4) ∂L/∂bˡ: delta.mean(axis=0): a column
    else {                                            //         as np.sum sums a vector (pairwise), wider ones row by row
      db.fill(0.0);
      for (let r = 0; r < n; r++) for (let j = 0; j < k; j++) db[j] += D[r * k + j];
      for (let j = 0; j < k; j++) db[j] /= n;
    }
    if (l > 0) {                                      //     if l > 0:
      const {z: zPrev, a: aP, delta: below} = ws[l - 1];  //         z, a = values[l - 1]
      const Wd = layers[l].W.data, B = below.data;    //     (2) delta = (delta @ layers[l][0].T) * _act_prime(hidden, z, a)
      below.rows = n;
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < m; i++) {
          let s = 0.0;
          for (let j = 0; j < k; j++) s += D[r * k + j] * Wd[i * k + j];
          B[r * m + i] = s;
        }
      }
      timesActPrime(hidden, B, zPrev.data, aP.data, n * m);
    }
  }
  return ws;                                          // return grads: ws[l].dW, ws[l].db
}

// mlp.gradients(layers, X, y, *, task, hidden, loss) (no checks: the page's settings are the controls').
export function gradients(layers, X, y, task, hidden, loss, ws = workspace(layers, X.rows)) {
  return backward(layers, X, y, forward(layers, X, task, hidden, ws), task, hidden, loss);
}

// The size of each layer's ∂L/∂W on the batch, as the chapter's depth figure measures it: the root
// mean square of its entries, np.sqrt(np.mean(dW ** 2)) for each (dW, db).
export function gradientSizes(layers, X, y, task, hidden, loss, ws = workspace(layers, X.rows)) {
  return gradients(layers, X, y, task, hidden, loss, ws)
    .map(({dW}) => Math.sqrt(dW.data.reduce((s, v) => s + v * v, 0) / dW.data.length));
}

// --------------------------------------------------------------------------- training

// mlp._finite(layers)
function finite(layers) {
  return layers.every(({W, b}) => W.data.every(Number.isFinite) && b.every(Number.isFinite));
}

// mlp.train(layers, X, y, *, task, hidden, loss, eta, epochs, batch_size), as a generator that
// yields the state after the starting loss and after each epoch (so that a caller can draw it, or
// pause between epochs); its return value is the final state. batchSize null is the full batch.
// `limit` is network.DIVERGENCE_LIMIT (sent by the kernel). y is a Float64Array.
// `pause` (optional) is asked between batches, every 64 rows or more: when it says true the
// generator yields in the middle of an epoch too (the state unchanged: state.epoch is still the
// last epoch done), so that a caller never waits for a whole epoch. `ws` (optional) is a
// workspace for X.rows rows.
// state: {losses, layers, diverged, epoch}, as TrainResult (.losses, .layers, .diverged); its
// layers are the run's own arrays, valid until the generator goes on.
export function* training(layers, X, y, {task, hidden, loss, eta, epochs, batchSize, limit, pause = null},
                          ws = workspace(layers, X.rows)) {
  if (batchSize === null) batchSize = X.rows;         // if batch_size is None: batch_size = len(X)
  const batches = [];                                 // starts = range(0, len(X), batch_size)
  for (let s = 0; s < X.rows; s += batchSize) {       // with Xb, yb = X[s:s + batch_size], y[s:s + batch_size]
    const e = Math.min(s + batchSize, X.rows);
    batches.push({X: matrix(e - s, X.cols, X.data.subarray(s * X.cols, e * X.cols)), y: y.subarray(s, e)});
  }
  const state = {losses: [], layers: copyLayers(layers), diverged: false, epoch: 0};
  let unasked = 0;                                    // rows trained since `pause` was last asked
  let spare = copyLayers(layers);                     // room for `new`: the epoch's steps write into it
  state.losses.push(meanLoss(layers, X, y, task, hidden, loss, ws));  // losses = [_mean_loss(layers, X, y, task, hidden, loss)]
  if (!Number.isFinite(state.losses[0]) || state.losses[0] > limit) {  // if not math.isfinite(losses[0]) or losses[0] > DIVERGENCE_LIMIT:
    state.losses = [];                                //     return TrainResult(np.array([], dtype=float), layers, True)
    state.diverged = true;
    return state;
  }
  yield state;
  for (let e = 0; e < epochs; e++) {                  // for _ in range(epochs):
    const next = spare;                               //     new = layers  (a copy here, which the steps update
    copyInto(next, state.layers);                     //     in place: `layers` stays for the divergence rule)
    for (const batch of batches) {                    //     for s in starts:
      backward(next, batch.X, batch.y, forward(next, batch.X, task, hidden, ws), task, hidden, loss);  // grads = _backward(new, Xb, yb, _forward(new, Xb, task, hidden), ...)
      for (let l = 0; l < next.length; l++) {         //         new = [(W - eta * dW, b - eta * db) for (W, b), (dW, db) in zip(new, grads)]
        const W = next[l].W.data, b = next[l].b, dW = ws[l].dW.data, db = ws[l].db;
        for (let i = 0; i < W.length; i++) W[i] = W[i] - eta * dW[i];
        for (let j = 0; j < b.length; j++) b[j] = b[j] - eta * db[j];
      }
      unasked += batch.X.rows;                        //         (a caller's pause: the epoch goes on when it resumes)
      if (pause !== null && unasked >= 64) {
        unasked = 0;
        if (pause()) yield state;
      }
    }
    const L = meanLoss(next, X, y, task, hidden, loss, ws);  //     L = _mean_loss(new, X, y, task, hidden, loss)
    if (!(Number.isFinite(L) && L <= limit && finite(next))) {  //     if not (math.isfinite(L) and L <= DIVERGENCE_LIMIT and _finite(new)):
      state.diverged = true;                          //         return TrainResult(np.array(losses), layers, True)
      return state;
    }
    spare = state.layers;                             //     layers = new  (the old layers' arrays are the next `new`)
    state.layers = next;
    state.losses.push(L);                             //     losses.append(L)
    state.epoch += 1;
    yield state;
  }
  return state;                                       // return TrainResult(np.array(losses), layers, False)
}

// mlp.train: the generator run to its end.
export function train(layers, X, y, settings) {
  const run = training(layers, X, y, settings);
  let step = run.next();
  while (!step.done) step = run.next();
  return step.value;
}
