// A link that reproduces a playground's run: every setting in the page address's fragment, under
// the playground's own key (pg1, pg2 … by its place among the page's widgets, so that two
// playgrounds on a page keep their own), as `key:value` pairs in a fixed order:
//   #pg1=data:circles,dseed:0,layers:2,width:4,act:tanh,eta:0.1,batch:10,epochs:50,seed:0,scale:xavier
// Numbers are written as JavaScript's shortest text that reads back to the same double (and so
// does Python's float()): the same settings, so the same curve, bit for bit. Pure functions (no
// DOM): tests/node/link.test.mjs.

const MAX_SEED = 4294967295;
const FIELDS = ["data", "dseed", "layers", "width", "act", "eta", "batch", "epochs", "seed", "scale"];
const INTEGER = /^(0|[1-9][0-9]{0,9})$/;
const NUMBER = /^[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i;

// The link's text of settings `s` (the playground's, playground/controls.js's SETTINGS) whose data
// set was drawn with seed `dataSeed` (null: a fixed table, no seed).
export function encodeSettings(s, dataSeed) {
  const pairs = [["data", s.dataset], ["dseed", dataSeed === null ? "none" : String(dataSeed)],
                 ["layers", String(s.hidden_layers)], ["width", String(s.width)], ["act", s.activation],
                 ["eta", String(s.eta)], ["batch", s.batch_size === null ? "full" : String(s.batch_size)],
                 ["epochs", String(s.epochs)], ["seed", String(s.seed)], ["scale", String(s.scale)]];
  return pairs.map(([k, v]) => `${k}:${v}`).join(",");
}

const int = (text, lo, hi) => (INTEGER.test(text) && Number(text) >= lo && Number(text) <= hi ? Number(text) : null);
const positive = (text) => (NUMBER.test(text) && Number.isFinite(Number(text)) && Number(text) > 0 ? Number(text) : null);

// The settings a link's text holds, checked against what the page offers (`limits`: datasets
// [{name, seed}], maxHiddenLayers, maxWidth, activations, maxEpochs): {settings} or {error}, a
// short sentence saying what is wrong.
export function decodeSettings(text, limits) {
  const v = {};
  for (const pair of String(text).split(",")) {
    const at = pair.indexOf(":"), key = pair.slice(0, at), value = pair.slice(at + 1);
    if (at < 1 || !FIELDS.includes(key) || key in v) return {error: `“${pair.slice(0, 30)}” is not a setting`};
    v[key] = value;
  }
  const missing = FIELDS.filter((k) => !(k in v));
  if (missing.length) return {error: `it lacks ${missing.join(", ")}`};
  const d = limits.datasets.find((x) => x.name === v.data);
  if (!d) return {error: `this page has no data set “${v.data}”`};
  if (v.dseed !== (d.seed === null ? "none" : String(d.seed))) {
    return {error: `this page's ${v.data} is drawn with seed ${d.seed ?? "none"}, not ${v.dseed}`};
  }
  const s = {
    dataset: d.name, hidden_layers: int(v.layers, 0, limits.maxHiddenLayers), width: int(v.width, 1, limits.maxWidth),
    activation: limits.activations.includes(v.act) ? v.act : null, eta: positive(v.eta),
    batch_size: v.batch === "full" ? null : int(v.batch, 1, 2 ** 31 - 1), epochs: int(v.epochs, 0, limits.maxEpochs),
    seed: int(v.seed, 0, MAX_SEED), scale: v.scale === "xavier" || v.scale === "he" ? v.scale : positive(v.scale),
  };
  const bad = Object.entries(s).filter(([k, x]) => x === null && !(k === "batch_size" && v.batch === "full"));
  if (bad.length) return {error: `${bad.map(([k]) => k.replace("_", " ")).join(", ")} out of range`};
  return {settings: s};
}

// The fragment's entries `key=value` (without the "#"); anything else (a heading's anchor) is dropped.
function entries(hash) {
  let text = String(hash).replace(/^#/, "");
  try { text = decodeURIComponent(text); } catch { return []; }
  return text.split("&").filter((e) => e.includes("="))
    .map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)])
    .filter(([k]) => /^pg[0-9]+$/.test(k));
}

// The text under `key` in the fragment `hash`, or null when it has none.
export function readFragment(hash, key) {
  const found = entries(hash).find(([k]) => k === key);
  return found ? found[1] : null;
}

// The fragment `hash` with `key`'s text set to `value` (the other playgrounds' kept).
export function writeFragment(hash, key, value) {
  const rest = entries(hash).filter(([k]) => k !== key);
  return "#" + [...rest, [key, value]].map(([k, v]) => `${k}=${v}`).join("&");
}
