// The playground's "share" row: a link that reproduces the run (playground/link.js) and the run as
// code (playground/code.js), each with a copy button. `w` is the widget's state (playground.js).
import {element} from "../controls.js";
import {encodeSettings, decodeSettings, readFragment, writeFragment} from "./link.js";
import {dataCall, pythonCode, weightsJson} from "./code.js";

const VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';

// The playground's key in the fragment: pg<n>, n its place among the page's widgets (the book's
// host draws each into a div just before its view script; elsewhere, among the playgrounds drawn).
export function linkKey(el) {
  const script = el.closest(".widget-subarea")?.nextElementSibling;
  const views = [...document.querySelectorAll(VIEW)];
  if (script && views.includes(script)) return `pg${views.indexOf(script) + 1}`;
  return `pg${document.querySelectorAll(".bp-playground").length}`;
}

// Copy `text`; where the clipboard is out of reach, `field` (an <input> or a <pre>) shows it selected.
function copy(text, field, note, what) {
  const fallback = () => {
    if (field.tagName === "INPUT") { field.value = text; field.hidden = false; field.select(); }
    else window.getSelection()?.selectAllChildren(field);
    note.textContent = `Select the ${what} and copy it (Ctrl+C or ⌘C).`;
  };
  if (!navigator.clipboard) return fallback();
  navigator.clipboard.writeText(text).then(() => { note.textContent = `${what[0].toUpperCase()}${what.slice(1)} copied.`; }, fallback);
}

const btn = (text, className) => element("button", {type: "button", className, textContent: text});

// The row's elements in `parent`: the buttons, the link's field, the notes, the code's panel.
export function shareRow(parent) {
  const row = element("div", {className: "bp-pg-share"});
  const copyLink = btn("Copy link", "bp-pg-copylink"), showCode = btn("Show the run as code", "bp-pg-showcode");
  const linkField = element("input", {type: "text", readOnly: true, className: "bp-pg-linkfield", hidden: true});
  linkField.setAttribute("aria-label", "link to this run");
  const about = element("span", {className: "bp-pg-about",
                                 textContent: "The link holds every setting; a data set you paste is not in it."});
  const note = element("span", {className: "bp-pg-sharenote"});
  note.setAttribute("role", "status");
  const panel = element("div", {className: "bp-pg-codepanel", hidden: true});
  const code = element("pre", {className: "bp-pg-code"}), weights = element("pre", {className: "bp-pg-weights"});
  code.tabIndex = weights.tabIndex = 0;  // scrollable: reachable with the keyboard
  code.setAttribute("aria-label", "Python that reproduces this run");
  weights.setAttribute("aria-label", "the trained weights as JSON (bp.mlp.from_json reads them)");
  const copyCode = btn("Copy the code", "bp-pg-copycode"), copyWeights = btn("Copy the weights (JSON)", "bp-pg-copyweights");
  panel.append(code, copyCode, element("p", {className: "bp-pg-about", textContent: "The trained weights, for bp.mlp.from_json:"}),
               weights, copyWeights);
  showCode.setAttribute("aria-expanded", "false");
  row.append(copyLink, showCode, about, linkField, note);
  parent.append(row, panel);
  return {share: {row, copyLink, showCode, linkField, note, panel, code, weights, copyCode, copyWeights}};
}

// What the page offers, for decodeSettings.
function limits(model, datasets) {
  return {datasets: datasets.map((d) => ({name: d.name, seed: dataCall(d)?.seed ?? null})),
          maxHiddenLayers: model.get("max_hidden_layers"), maxWidth: model.get("max_width"),
          activations: model.get("activations"), maxEpochs: Math.max(...model.get("epoch_values"))};
}

// The settings of the page address's link for this playground, set on the model (before the first
// run); a link that is not valid is ignored, with a note.
export function applyLink(w) {
  const text = readFragment(window.location.hash, w.linkKey);
  if (text === null) return;
  const {settings, error} = decodeSettings(text, limits(w.model, w.datasets));
  if (error) { w.share.note.textContent = `The link's settings were not used: ${error}.`; return; }
  for (const [k, v] of Object.entries(settings)) w.model.set(k, v);
  w.model.save_changes();
  w.share.note.textContent = "Settings from the link.";
}

// The link of the settings `s`.
export function linkOf(w, s) {
  const d = w.byName[s.dataset];
  const hash = writeFragment(window.location.hash, w.linkKey, encodeSettings(s, dataCall(d)?.seed ?? null));
  return window.location.href.split("#")[0] + hash;
}

// The code panel's text, for the run shown (when the panel is open).
export function writeCode(w) {
  const {share, shown} = w;
  if (share.panel.hidden || !shown) return;
  const s = w.runs[shown.id];
  share.code.textContent = pythonCode(s, w.byName[s.dataset]);
  share.weights.textContent = weightsJson(shown.layers);
}

export function wireShare(w) {
  const {share} = w;
  share.copyLink.addEventListener("click", () => {
    if (w.settings().dataset === "pasted") share.note.textContent = "A pasted data set is not in a link: no link reproduces this run.";
    else copy(linkOf(w, w.settings()), share.linkField, share.note, "link");
  });
  share.showCode.addEventListener("click", () => {
    share.panel.hidden = !share.panel.hidden;
    share.showCode.setAttribute("aria-expanded", String(!share.panel.hidden));
    share.showCode.textContent = share.panel.hidden ? "Show the run as code" : "Hide the code";
    writeCode(w);
  });
  share.copyCode.addEventListener("click", () => copy(share.code.textContent, share.code, share.note, "code"));
  share.copyWeights.addEventListener("click", () => copy(share.weights.textContent, share.weights, share.note, "weights"));
}
