// Native form controls shared by the book's widgets: a labelled range slider, and the keys that
// must stay with a focused control inside JupyterLab.

let counter = 0;

// A unique id for a control's <label for=...>, across every widget on the page.
export function uniqueId(prefix) {
  return `${prefix}-${++counter}`;
}

// A row of `el`: <label> <input type=range> <output>, the slider named `key` (data-name).
export function slider(el, key, label, {min, max, step}) {
  const id = uniqueId(`bp-${key}`);
  const row = document.createElement("div");
  row.className = "bp-slider";
  row.dataset.name = key;
  const lab = Object.assign(document.createElement("label"), {htmlFor: id, textContent: label});
  const input = Object.assign(document.createElement("input"), {type: "range", id, min, max, step});
  input.dataset.name = key;
  const out = document.createElement("output");
  out.htmlFor = id;
  out.setAttribute("aria-hidden", "true");  // the slider's aria-valuetext says the same
  row.append(lab, input, out);
  el.append(row);
  return {input, out, label: lab};
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
