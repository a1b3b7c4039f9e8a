// The playground's controls: native, labelled, usable with the keyboard. The settings (data set,
// depth, width, activation, η, batch size, epochs, seed), and the bar of play, step and progress.
import {fmtG} from "../format.js";
import {element, field, range, select} from "../controls.js";

const ACTIVATION_LABELS = {identity: "identity (linear)", sigmoid: "sigmoid", tanh: "tanh", relu: "ReLU"};
export const SETTINGS = ["dataset", "hidden_layers", "width", "activation", "eta", "batch_size", "epochs", "seed", "scale"];
const MAX_SEED = 4294967295;

// The index of the value nearest to v in a list (on a log scale for η).
function nearest(values, v, log = false) {
  const f = (x) => (log ? Math.log(x) : x);
  let best = 0;
  values.forEach((x, i) => { if (Math.abs(f(x) - f(v)) < Math.abs(f(values[best]) - f(v))) best = i; });
  return best;
}

const batchText = (b) => (b === null ? "full batch" : b === 1 ? "1 (per sample)" : String(b));
export const etaText = (v) => fmtG(v, 3);

// The settings' controls in `controls`, each a row {control, out}, keyed by the setting.
function settingControls(model, controls, datasets) {
  const etas = model.get("etas"), epochValues = model.get("epoch_values"), batchSizes = model.get("batch_sizes");
  const row = (key, label, control) => field(controls, control, label, {key, className: "bp-pg-field", output: "label"});
  const c = {
    dataset: row("dataset", "data set", select(datasets.map((d) => [d.name, d.label]))),
    hidden_layers: row("hidden_layers", "hidden layers", range(0, model.get("max_hidden_layers"), 1)),
    width: row("width", "units per hidden layer", range(1, model.get("max_width"), 1)),
    activation: row("activation", "hidden activation",
                    select(model.get("activations").map((a) => [a, ACTIVATION_LABELS[a] || a]))),
    eta: row("eta", "learning rate η", range(0, etas.length - 1, 1)),
    batch_size: row("batch_size", "batch size", select(batchSizes.map((b) => [b === null ? "full" : String(b), batchText(b)]))),
    epochs: row("epochs", "epochs", range(0, epochValues.length - 1, 1)),
    seed: row("seed", "initialisation seed", element("input", {type: "number", min: 0, max: MAX_SEED, step: 1})),
  };
  c.seed.control.inputMode = "numeric";
  return c;
}

// Show the model's settings `s` on the controls (a slider snaps to its nearest value; the model keeps its own).
function show(model, c, s) {
  const etas = model.get("etas"), epochValues = model.get("epoch_values"), batchSizes = model.get("batch_sizes");
  c.dataset.control.value = s.dataset;
  c.hidden_layers.control.value = String(s.hidden_layers);
  c.hidden_layers.out.textContent = String(s.hidden_layers);
  c.width.control.value = String(s.width);
  c.width.out.textContent = String(s.width);
  c.width.control.disabled = s.hidden_layers === 0;
  c.activation.control.value = s.activation;
  c.activation.control.disabled = s.hidden_layers === 0;
  c.eta.control.value = String(nearest(etas, s.eta, true));
  c.eta.out.textContent = etaText(s.eta);
  c.eta.control.setAttribute("aria-valuetext", `η = ${etaText(s.eta)}`);
  const sized = batchSizes.filter((b) => b !== null);
  c.batch_size.control.value = s.batch_size === null ? "full" : String(sized[nearest(sized, s.batch_size)]);
  c.epochs.control.value = String(nearest(epochValues, s.epochs));
  c.epochs.out.textContent = String(s.epochs);
  c.epochs.control.setAttribute("aria-valuetext", `${s.epochs} epochs`);
  if (Number(c.seed.control.value) !== s.seed || c.seed.control.value === "") c.seed.control.value = String(s.seed);
}

// A control moved: the model changes (and so the run); the kernel, if any, hears on release.
function listen(model, c) {
  const etas = model.get("etas"), epochValues = model.get("epoch_values");
  const fromControl = {
    dataset: (v) => v,
    hidden_layers: Number,
    width: Number,
    activation: (v) => v,
    eta: (v) => etas[Number(v)],
    batch_size: (v) => (v === "full" ? null : Number(v)),
    epochs: (v) => epochValues[Number(v)],
    seed: (v) => (/^\d+$/.test(v.trim()) && Number(v) <= MAX_SEED ? Number(v) : undefined),
  };
  for (const [key, {control}] of Object.entries(c)) {
    const set = () => {
      const v = fromControl[key](control.value);
      if (v !== undefined && v !== model.get(key)) model.set(key, v);
    };
    control.addEventListener("input", set);
    control.addEventListener("change", () => { set(); model.save_changes(); });
  }
}

// The settings' controls in `controls`, wired to the model. Returns showSettings(s).
export function playgroundControls(model, controls, datasets) {
  const c = settingControls(model, controls, datasets);
  listen(model, c);
  return (s) => show(model, c, s);
}

// The bar: play/pause, one epoch on, the progress of a run that takes long, the epoch shown.
export function playBar(bar) {
  const play = element("button", {type: "button", className: "bp-pg-play"});
  const step = element("button", {type: "button", className: "bp-pg-step", textContent: "Step one epoch"});
  const progress = element("progress", {className: "bp-pg-progress", max: 1, value: 0});
  progress.hidden = true;
  const epochNote = element("span", {className: "bp-pg-epoch"});
  epochNote.setAttribute("aria-hidden", "true");  // the status line says it when a run stops
  bar.append(play, step, progress, epochNote);
  return {play, step, progress, epochNote};
}

// The keys that work a control stay with it: JupyterLab would otherwise take them as notebook
// shortcuts (and the focus away). Tab, Escape and shortcuts with Ctrl/Cmd/Alt pass.
export function keepControlKeys(root) {
  root.addEventListener("keydown", (event) => {
    if (event.target.closest("input, select, button, textarea") && !["Tab", "Escape"].includes(event.key)
        && !event.ctrlKey && !event.metaKey && !event.altKey) event.stopPropagation();
  });
}
