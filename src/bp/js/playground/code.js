// The run as code: the Python that reproduces a playground's run with bp.mlp, and the trained
// weights as the JSON of bp.mlp.to_json (which bp.mlp.from_json reads back). Numbers are written
// as JavaScript's shortest text that reads back to the same double, which Python reads to the
// same double too. Pure functions: tests/node/link.test.mjs; tests/browser/test_playground_live.py
// runs the code and gets the page's curve.

// The bp.data call of a data set that the stored state may lack (a notebook saved before it was
// sent): the page's sets, as bp/playground.py's datasets() writes them.
const CALLS = {
  circles: (n) => `bp.data.circles(${n}, seed=0)`, xor: (n) => `bp.data.xor(${n}, seed=0)`,
  spiral: (n) => `bp.data.spiral(${n}, seed=0)`, placed: () => "bp.X_STUDENTS, bp.Y_PLACED",
  package: () => "bp.X_STUDENTS, bp.Y_PACKAGE",
};

// The Python expression giving a data set's (X, y) before standardising, and its seed (null: none).
export function dataCall(d) {
  if (typeof d.code === "string") return {call: d.code, seed: d.seed ?? null};
  const make = CALLS[d.name];
  return make ? {call: make(d.x.length), seed: d.name in {circles: 1, xor: 1, spiral: 1} ? 0 : null} : null;
}

const py = (v) => (v === null ? "None" : typeof v === "string" ? JSON.stringify(v)
  : Array.isArray(v) ? `[${v.map(py).join(", ")}]` : String(v));

// The Python of the run of settings `s` on data set `d` (the page's data, with its task).
export function pythonCode(s, d) {
  const multi = d.task === "multiclass", sizes = [2, ...Array(s.hidden_layers).fill(s.width), multi ? d.classes.length : 1];
  return [
    "import bp",
    ...(d.prelude ? [d.prelude] : []),
    "",
    `# the playground's run: ${d.label}, inputs standardised as on the page`,
    `X, y = ${dataCall(d).call}`,
    "X = bp.standardize(X)[0]",
    `layers = bp.mlp.init(${py(sizes)}, seed=${s.seed}, scale=${py(s.scale)}${multi ? ', task="multiclass"' : ""})`,
    `result = bp.mlp.train(layers, X, y, task=${py(d.task)}, hidden=${py(s.activation)}, eta=${py(s.eta)},`,
    `                      epochs=${s.epochs}, batch_size=${py(s.batch_size)})`,
    "print(result.losses[-1], result.diverged)  # the curve: result.losses; the weights: result.layers",
    "",
  ].join("\n");
}

// mlp.js's layers [{W: {rows, cols, data}, b}] as bp.mlp.to_json writes them.
export function weightsJson(layers) {
  const rows = ({rows: n, cols, data}) => Array.from({length: n}, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
  return JSON.stringify({sizes: [layers[0].W.rows, ...layers.map(({W}) => W.cols)],
                         layers: layers.map(({W, b}) => ({W: rows(W), b: Array.from(b)}))});
}
