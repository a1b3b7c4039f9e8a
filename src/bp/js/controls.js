// Native form controls shared by the book's widgets: elements, labelled control rows, a range
// slider, a button with a glyph, and the keys that must stay with a focused control inside JupyterLab.

let counter = 0;

// A unique id for a control's <label for=...>, across every widget on the page.
export function uniqueId(prefix) {
  return `${prefix}-${++counter}`;
}

// A new element `tag` with the properties `props` (className, textContent, type, ...).
export function element(tag, props = {}) {
  return Object.assign(document.createElement(tag), props);
}

// A row of `parent` (a <`tag` class=className>): a <label for> with `text`, and `control`, given a
// unique id (from `idPrefix`). With a `key`, the row and the control carry it as data-name. A range
// slider gets an <output> for its value, after it (`output: "after"`) or in the label after the
// text (`output: "label"`), hidden from screen readers (the slider's own value says the same).
export function field(parent, control, text, {key = null, className, tag = "div", idPrefix = `bp-${key}`, output = "after"}) {
  const id = uniqueId(idPrefix);
  const row = element(tag, {className});
  const label = element("label", {htmlFor: id, textContent: text});
  control.id = id;
  if (key !== null) row.dataset.name = control.dataset.name = key;
  let out = null;
  if (control.type === "range") {
    out = document.createElement("output");
    out.htmlFor = id;
    out.setAttribute("aria-hidden", "true");  // the slider's aria-valuetext says the same
  }
  if (out && output === "label") label.append(" ", out);
  row.append(label, control);
  if (out && output === "after") row.append(out);
  parent.append(row);
  return {row, control, out, label};
}

// A range input from min to max by step.
export function range(min, max, step) {
  return element("input", {type: "range", min, max, step});
}

// A row of `el`: <label> <input type=range> <output>, the slider named `key` (data-name).
export function slider(el, key, label, {min, max, step}) {
  const {control: input, out, label: lab} = field(el, range(min, max, step), label, {key, className: "bp-slider"});
  return {input, out, label: lab};
}

// A <select> of [value, text] options.
export function select(options) {
  const el = document.createElement("select");
  for (const [value, textContent] of options) el.append(element("option", {value, textContent}));
  return el;
}

// A button with a glyph (hidden from screen readers) before its label, or after it.
export function button(label, glyph, className, after = false) {
  const b = element("button", {type: "button", className});
  const g = element("span", {textContent: glyph});
  g.setAttribute("aria-hidden", "true");
  if (after) b.append(label, " ", g); else b.append(g, " ", label);
  return b;
}

// A widget's status line: `text`, its first word in a <strong class=divergedClass> when the run diverged.
export function writeStatus(readout, text, diverged, divergedClass) {
  readout.replaceChildren();
  if (diverged) readout.append(element("strong", {className: divergedClass, textContent: "diverged"}), text.slice("diverged".length));
  else readout.append(text);
}

const SLIDER_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);

// The keys that move a slider or pick a menu item stay with it: JupyterLab would otherwise take
// them as notebook shortcuts (arrows move between cells, "b" adds a cell) and take the focus away.
export function keepKeys(controls) {
  controls.addEventListener("keydown", (event) => {
    const t = event.target;
    if ((t.matches("input[type=range]") && SLIDER_KEYS.has(event.key)) ||
        (t.matches("select") && event.key !== "Tab" && event.key !== "Escape")) event.stopPropagation();
  });
}
