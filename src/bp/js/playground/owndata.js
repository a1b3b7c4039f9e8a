// "Your own data": a CSV pasted or dropped into the page (playground/csv.js reads it) becomes the
// data set "pasted", trained as any other; bad input leaves the data set and the run as they were.
// `w` is the widget's state (playground.js).
import {element, field} from "../controls.js";
import {standardized} from "../run.js";
import {parseCsv, EXAMPLE, MAX_ROWS} from "./csv.js";
import {restart} from "./session.js";

// The folded section in `parent`: what to paste (with an example), the text box, the button, the note.
export function ownDataSection(parent) {
  const box = element("details", {className: "bp-pg-own"});
  box.append(element("summary", {textContent: "Your own data (CSV)"}));
  box.append(element("p", {className: "bp-pg-about", textContent:
    `Paste or drop a CSV of up to ${MAX_ROWS.toLocaleString("en")} rows: two feature columns and a target — ` +
    "a class label 0, 1 (or 0, 1, 2) or a number for regression — with or without a header. " +
    "The features are standardised, as the chapter's data sets are. For example:"}));
  box.append(element("pre", {className: "bp-pg-example", textContent: EXAMPLE}));
  const text = element("textarea", {rows: 5, spellcheck: false});
  field(box, text, "your CSV", {key: "csv", className: "bp-pg-field"});
  const use = element("button", {type: "button", className: "bp-pg-usecsv", textContent: "Use this data"});
  const note = element("p", {className: "bp-pg-ownnote"});
  note.setAttribute("role", "status");
  box.append(use, note);
  parent.append(box);
  return {own: {box, text, use, note}};
}

// The page's data sets with `d` as "pasted", in the controls and the engines.
function install(w, d) {
  w.datasets = [...w.datasets.filter((x) => x.name !== "pasted"), d];
  w.byName.pasted = {...d, x: standardized(d)};
  w.engines.setData(w.datasets);
  const menu = w.root.querySelector('.bp-pg-controls select[data-name="dataset"]');
  const option = menu.querySelector('option[value="pasted"]') || menu.appendChild(element("option", {value: "pasted"}));
  option.textContent = d.label;
}

function usePasted(w) {
  const {data, error} = parseCsv(w.own.text.value);
  if (error) {
    w.own.note.textContent = `Not used: ${error}. The data set and the run stay as they were.`;
    w.own.note.classList.add("bp-pg-diverged");
    return;
  }
  w.own.note.classList.remove("bp-pg-diverged");
  w.own.note.textContent = `Training on your data: ${data.x.length} rows, ` +
    `${data.task === "regression" ? "a numeric target (regression)" : `${data.classes.length} classes`}.`;
  install(w, data);
  if (w.model.get("dataset") === "pasted") restart(w);
  else { w.model.set("dataset", "pasted"); w.model.save_changes(); }
}

export function wireOwnData(w) {
  const {text, use} = w.own;
  use.addEventListener("click", () => usePasted(w));
  text.addEventListener("dragover", (event) => event.preventDefault());
  text.addEventListener("drop", (event) => {
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    file.text().then((t) => { text.value = t; usePasted(w); });
  });
}
