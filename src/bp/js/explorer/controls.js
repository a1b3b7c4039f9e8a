// The explorer's sliders: η (on a log scale), the epochs and the nine starting parameters, in
// three groups, labelled with the notes' symbols (w¹₂₁); each slider's data-name and its label's
// tooltip give the name in code (w1_21). A reset button restores the settings it was made with.
import {PARAM_NAMES} from "../network.js";
import {fmtE} from "../format.js";
import {symbol} from "../symbols.js";
import {element, slider, keepKeys} from "../controls.js";

const label = (name) => ({eta: "η", epochs: "epochs"}[name] ?? symbol(name));

// The sliders in `controls`, and what `reset` restores. Returns showSettings(): the model's settings
// on the sliders (a slider snaps to its step; the model keeps the value).
export function explorerControls(model, controls, reset) {
  const group = (title) => {
    const set = element("fieldset", {className: "bp-group"});
    set.append(element("legend", {textContent: title}));
    controls.append(set);
    return set;
  };
  const [elo, ehi] = model.get("eta_log10_range");
  const [plo, phi] = model.get("param_range");
  const training = group("training");
  const sliders = {
    eta: slider(training, "eta", label("eta"), {min: elo, max: ehi, step: 0.05}),
    epochs: slider(training, "epochs", label("epochs"), {min: 0, max: model.get("max_epochs"), step: 10}),
  };
  sliders.eta.label.title = "code: eta (the slider moves log₁₀ η)";
  const layers = {1: group("layer 1, starting values"), 2: group("layer 2, starting values")};
  const start = model.get("params");
  for (const name of PARAM_NAMES) {
    // name[1] is the layer: w1_21 → 1, b21 → 2
    sliders[name] = slider(layers[name[1]], name, label(name),
                           {min: Math.min(plo, start[name]), max: Math.max(phi, start[name]), step: 0.01});
    sliders[name].label.title = `code: ${name}`;
  }
  const stored = model.get("initial") || {};
  const initial = stored.params ? stored : {eta: model.get("eta"), epochs: model.get("epochs"), params: {...start}};
  listen(model, sliders, reset, initial);
  keepKeys(controls);  // JupyterLab must not take the sliders' keys
  return () => showSettings(model, sliders, reset, initial);
}

function showSettings(model, sliders, reset, initial) {
  const eta = model.get("eta"), epochs = model.get("epochs"), params = model.get("params");
  sliders.eta.input.value = String(Math.log10(eta));
  sliders.eta.out.textContent = fmtE(eta, 2);
  sliders.eta.input.setAttribute("aria-valuetext", `η = ${fmtE(eta, 2)}`);
  sliders.epochs.input.value = String(epochs);
  sliders.epochs.out.textContent = String(epochs);
  for (const name of PARAM_NAMES) {
    const shown = params[name].toFixed(2).replace(/^-(0\.00)$/, "$1");
    sliders[name].input.value = String(params[name]);
    sliders[name].out.textContent = shown;
    sliders[name].input.setAttribute("aria-valuetext", `${label(name)} = ${shown}`);
  }
  reset.disabled = eta === initial.eta && epochs === initial.epochs &&
                   PARAM_NAMES.every((name) => params[name] === initial.params[name]);
}

// A slider moved: the model changes (and so the figure); the kernel, if any, hears on release.
function listen(model, sliders, reset, initial) {
  for (const [key, {input}] of Object.entries(sliders)) {
    input.addEventListener("input", () => {
      const v = Number(input.value);
      if (key === "eta") model.set("eta", 10 ** v);
      else if (key === "epochs") model.set("epochs", Math.round(v));
      else model.set("params", {...model.get("params"), [key]: v});
    });
    input.addEventListener("change", () => model.save_changes());
  }
  reset.addEventListener("click", () => {
    model.set("eta", initial.eta);
    model.set("epochs", initial.epochs);
    model.set("params", {...initial.params});
    model.save_changes();
  });
}
