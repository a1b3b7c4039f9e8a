// The playground's runs: bp.mlp.train's twin (mlp.js) driven in chunks of at most `budgetMs`, so
// that a run never holds the thread it runs on for longer than that (a new run, or a pause, takes
// over at the next chunk), and what the figures need at the epoch reached: the losses, ŷ over the
// plane, the accuracy and each layer's gradient size at the start and at that epoch.
//
// The same runner serves in a Web Worker (serveWorker: the playground starts one from its own
// bundled module) and on the page's main thread (playground.js: short runs, and every run where
// no worker can start).
// Messages in: {type: "init", datasets, limit}; {type: "start", id, settings, until}: a new run,
// trained to epoch `until`; {type: "advance", id, until}: the same run on to epoch `until`;
// {type: "stop"}: no run (the page has given the next one to the other engine).
// Messages out: {type: "progress", id, epoch} between chunks; {type: "state", id, ...} at `until`
// or at the end of the run (finished: true). Both say how long the chunk before them took
// (lastChunkMs, the run's start included in its first) and the run's longest so far (chunkMs).

import {init, training, forward, gradientSizes, matrix, workspace, copyLayers} from "./mlp.js";
import {planeLimits} from "./plot.js";

export const GRID = 48;  // ŷ over the plane on GRID × GRID points (drawn smoothed)

// The rows of a data set as the network sees them: playground.standardized, (x − mean) / std.
export function standardized(d) {
  return d.x.map((row) => row.map((v, c) => (v - d.mean[c]) / d.std[c]));
}

// A data set of the page as matrices, with the grid of plane points (rows from the top down).
function prepare(d) {
  const x = standardized(d);
  const X = matrix(x.length, 2, Float64Array.from(x.flat()));
  const limits = planeLimits(x);
  const [[x0, x1], [y0, y1]] = limits;
  const G = matrix(GRID * GRID, 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      G.data[2 * (r * GRID + c)] = x0 + ((x1 - x0) * c) / (GRID - 1);
      G.data[2 * (r * GRID + c) + 1] = y1 - ((y1 - y0) * r) / (GRID - 1);
    }
  }
  return {X, y: Float64Array.from(d.y), task: d.task, limits, G, K: outputsOf(d)};
}

// The output units of a data set's network: one, or one per class (task "multiclass", softmax).
export const outputsOf = (d) => (d.task === "multiclass" ? d.classes.length : 1);

// The layer sizes of the settings: 2 inputs, hidden_layers × width, `outputs` (Playground.sizes).
export function sizesOf(s, outputs = 1) {
  return [2, ...Array(s.hidden_layers).fill(s.width), outputs];
}

// A run's work, roughly, in multiply-adds: per row and epoch, a forward pass on the batch, the
// backward pass (about twice its multiply-adds) and a forward pass for the loss; tanh and the
// sigmoid cost about 15 multiply-adds each (ReLU and identity next to nothing). The page decides
// with it where a run goes (playground.js: short runs on the page's own thread).
export function workOf(s, rows) {
  const sizes = sizesOf(s);
  let products = 0, units = 0;
  for (let l = 0; l + 1 < sizes.length; l++) products += sizes[l] * sizes[l + 1];
  for (let l = 1; l + 1 < sizes.length; l++) units += sizes[l];
  const act = s.activation === "tanh" || s.activation === "sigmoid" ? 15 : 1;
  return (s.epochs + 1) * rows * (4 * products + 2 * act * units);
}

// The share of rows whose most probable class (the first, on a tie: np.argmax) is their label.
function argmaxRight(P, y, K) {
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (P[i * K + k] > P[i * K + best]) best = k;
    right += best === y[i] ? 1 : 0;
  }
  return right / y.length;
}

// What the figures need at the epoch run r reached (its chunk began at t0): the state message.
function snapshot(r, t0) {
  const {d, s, opts, state, ws} = r;
  const gradEnd = gradientSizes(state.layers, d.X, d.y, d.task, s.activation, opts.loss, ws.table);
  const {a: yhat} = ws.table.at(-1);                // ŷ of the whole table: the gradients' forward pass
  let accuracy = null;
  if (d.task === "classification") {
    let right = 0;
    for (let i = 0; i < d.X.rows; i++) right += (yhat.data[i] >= 0.5) === (d.y[i] === 1) ? 1 : 0;
    accuracy = right / d.X.rows;
  } else if (d.task === "multiclass") accuracy = argmaxRight(yhat.data, d.y, d.K);
  // ŷ (K probabilities per point for multiclass), row after row (a copy: it goes to the page)
  const grid = forward(state.layers, d.G, d.task, s.activation, ws.grid).at(-1).a.data.slice(0, GRID * GRID * d.K);
  const lastChunkMs = performance.now() - t0;
  r.chunkMs = Math.max(r.chunkMs, lastChunkMs);
  return {type: "state", id: r.id, epoch: state.epoch, finished: r.finished, losses: state.losses.slice(),
          diverged: state.diverged, accuracy, grid, limits: d.limits, gradStart: r.gradStart, gradEnd,
          layers: copyLayers(state.layers),  // the network drawn (playground/network.js), and its ∂L/∂W, ∂L/∂b on the table
          grads: state.layers.map((_, l) => ({dW: ws.table[l].dW.data.slice(), db: ws.table[l].db.slice()})),
          chunkMs: r.chunkMs, lastChunkMs, computeMs: performance.now() - r.t0};
}

export function createRunner(post, {budgetMs, later}) {
  let data = {}, limit = Infinity, run = null, pending = false, rooms = {key: null};

  // The workspaces of a network's sizes (made once, kept while the sizes stay: a new seed, η or
  // batch size reuses them): one for the rows of the largest data set, one for the plane's grid.
  function workspaces(layers) {
    const key = layers.map(({W}) => `${W.rows}x${W.cols}`).join(",");
    if (rooms.key !== key) {
      const rows = Math.max(...Object.values(data).map((d) => d.X.rows));
      rooms = {key, table: workspace(layers, rows), grid: workspace(layers, GRID * GRID)};
    }
    return rooms;
  }

  function start({id, settings: s, until}) {
    const d = data[s.dataset];
    const loss = d.task === "regression" ? "squared" : "cross_entropy";   // check_task's default loss
    const layers = init(sizesOf(s, d.K), {seed: s.seed, scale: s.scale});  // Playground.initial_layers()
    const ws = workspaces(layers);
    const r = {id, d, s, until, ws, state: null, finished: false, chunkMs: 0, t0: performance.now(), deadline: Infinity};
    // The run pauses in the middle of an epoch too once its chunk's time is up (see pump).
    const pause = () => performance.now() > r.deadline;
    r.opts = {task: d.task, hidden: s.activation, loss, eta: s.eta, epochs: s.epochs, batchSize: s.batch_size, limit, pause};
    r.gradStart = gradientSizes(layers, d.X, d.y, d.task, s.activation, loss, ws.table);
    r.steps = training(layers, d.X, d.y, r.opts, ws.table);
    r.startMs = performance.now() - r.t0;             // counted in the first chunk
    run = r;
  }

  // Train in chunks until the run reaches `until` (or ends), then post what the figures need.
  // A chunk ends when its time is up, even in the middle of an epoch; between chunks the thread
  // is free (a newer run, a pause, or, on the page's thread, the page's own work, takes over).
  function pump() {
    pending = false;
    const r = run;
    if (!r || r.sent) return;
    const t0 = performance.now() - (r.state === null ? r.startMs : 0);  // the first chunk includes the run's start
    r.deadline = t0 + budgetMs;
    while (!r.finished && (r.state === null || r.state.epoch < r.until)) {
      const step = r.steps.next();
      r.state = step.value;
      r.finished = step.done || r.state.epoch >= r.s.epochs;  // diverged (returned), or the last epoch done
      if (performance.now() > r.deadline) break;
    }
    if (r.finished || r.state.epoch >= r.until) {
      post(snapshot(r, t0));
      r.sent = true;
    } else {
      const lastChunkMs = performance.now() - t0;
      r.chunkMs = Math.max(r.chunkMs, lastChunkMs);
      post({type: "progress", id: r.id, epoch: r.state.epoch, chunkMs: r.chunkMs, lastChunkMs});
      pending = true;
      later(pump);
    }
  }

  return function receive(msg) {
    if (msg.type === "init") {
      data = Object.fromEntries(msg.datasets.map((d) => [d.name, prepare(d)]));
      limit = msg.limit;
      rooms = {key: null};
      return;
    }
    if (msg.type === "stop") { run = null; return; }
    if (msg.type === "start") start(msg);
    else if (msg.type === "advance" && run && run.id === msg.id) {
      run.until = msg.until;
      run.sent = false;
      run.t0 = performance.now();
    } else return;
    if (!pending) pump();
  };
}

// In a Web Worker: answer the page's messages; chunks end by yielding to the worker's event loop
// (a MessageChannel message, which, unlike setTimeout, is never throttled), so a new run can start.
export function serveWorker(scope) {
  const channel = new MessageChannel();
  let next = null;
  channel.port1.onmessage = () => { const f = next; next = null; if (f) f(); };
  const receive = createRunner((msg) => scope.postMessage(msg, msg.grid ? [msg.grid.buffer] : []),
                               {budgetMs: 16, later: (f) => { next = f; channel.port2.postMessage(0); }});
  scope.onmessage = (event) => receive(event.data);
  scope.postMessage({type: "ready"});
}
