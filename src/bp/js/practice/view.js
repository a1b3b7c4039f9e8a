// One practice item on the page: its question, a labelled answer box that wraps (or the options),
// a row of symbol buttons, the typeset preview, Check and Reset, and the verdict in a live region.
// The answer is kept in the reader's browser only (localStorage), by page and item.
import {element, uniqueId} from "../controls.js";
import {symbol} from "../symbols.js";
import {judgeAnswer} from "./judge.js";
import {parseAnswer, toTex} from "./parse.js";
import {forget, recall, remember} from "./store.js";

// The buttons under a formula's box: [what it shows, what it inserts]; the item's names pick which.
const FORMULA_KEYS = ["yhat", "y", "sigma", "O11", "O12", "w2_11", "w2_21", "CGPA", "IQ", "z11", "z21"];
const MATRIX_KEYS = [["@", " @ "], ["ᵀ", ".T"], ["δ²", "delta2"], ["W²", "W2"], ["O¹", "O1"], ["X", "X"], ["δ¹", "delta1"], ["n", "n"]];
const COMMON = [["(", "("], [")", ")"], ["×", " * "], ["−", " - "], ["^", "^"]];

function keys(item) {
  if (item.kind === "matrix") return MATRIX_KEYS.filter(([, name]) => name.includes("@") || name === ".T" || item.names.includes(name));
  const names = FORMULA_KEYS.filter((n) => n === "sigma" || item.names.includes(n));
  return names.map((n) => (n === "sigma" ? ["σ( )", "sigma("] : [symbol(n), n]));
}

// Insert `text` at the caret of the answer box and give it the focus back.
function insert(box, text) {
  const {selectionStart: a, selectionEnd: b, value} = box;
  box.value = value.slice(0, a) + text + value.slice(b);
  box.selectionStart = box.selectionEnd = a + text.length;
  box.focus();
  box.dispatchEvent(new Event("input", {bubbles: true}));
}

// The preview: the formula typeset by the page's MathJax if it has one, else the text it reads.
// Typesetting is asynchronous: only the latest text's result is kept.
function preview(out, text, item) {
  if (item.kind !== "formula" && item.kind !== "matrix") return;
  const parsed = text.trim() ? parseAnswer(text, {matrix: item.kind === "matrix"}) : {error: ""};
  const mathjax = globalThis.MathJax, turn = (out.dataset.turn = String(Number(out.dataset.turn || 0) + 1));
  mathjax?.typesetClear?.([out]);
  out.replaceChildren();
  if (parsed.error !== undefined) return;
  const plain = `read as: ${parsed.node.toString({implicit: "show"}).replace(/ % /g, " @ ")}`;
  let tex;
  try { tex = toTex(parsed.node, {matrix: item.kind === "matrix"}); } catch { tex = ""; }
  if (!mathjax?.typesetPromise || !tex) {
    out.textContent = plain;
    return;
  }
  const math = element("span", {textContent: `\\(${tex}\\)`});
  out.append(math);
  // MathJax typesets one thing at a time: queue behind what it is doing (its startup promise).
  const typeset = () => (!math.isConnected ? null : mathjax.typesetPromise([math]).then(() => {
    if (out.dataset.turn === turn && math.querySelector("mjx-merror")) out.textContent = plain;  // TeX it cannot read
  }));
  const queue = mathjax.startup?.promise ?? Promise.resolve();
  const done = queue.then(typeset).catch(() => {
    if (out.dataset.turn === turn) out.textContent = plain;  // MathJax could not: the text instead
  });
  if (mathjax.startup) mathjax.startup.promise = done;
}

function answerBox(section, item, prompt) {
  const id = uniqueId("bp-answer");
  const label = element("label", {htmlFor: id, className: "bp-label", textContent: item.label ?? "Your answer"});
  const box = element("textarea", {id, rows: 1, className: "bp-answer", spellcheck: false, autocomplete: "off"});
  box.setAttribute("autocapitalize", "off");
  box.setAttribute("aria-describedby", prompt.id);
  section.append(label, box);
  return box;
}

function choiceBox(section, item, prompt) {
  const group = element("fieldset", {className: "bp-options"});
  group.append(element("legend", {className: "bp-label", textContent: "Pick one"}));
  group.setAttribute("aria-describedby", prompt.id);
  const name = uniqueId("bp-choice");
  for (const option of item.options) {
    const label = element("label", {className: "bp-option"});
    label.append(element("input", {type: "radio", name, value: option}), ` ${option}`);
    group.append(label);
  }
  section.append(group);
  return {
    get value() { return group.querySelector("input:checked")?.value ?? ""; },
    set value(v) { for (const r of group.querySelectorAll("input")) r.checked = r.value === v; },
    group,
  };
}

// The item's section in `parent`; `page` keys its stored answer. Returns the section.
export function itemView(parent, item, page) {
  const section = element("section", {className: "bp-item"});
  section.dataset.item = item.id;
  const prompt = element("p", {className: "bp-prompt", id: uniqueId("bp-prompt"), textContent: item.prompt});
  section.append(prompt);
  if (item.notation) section.append(element("p", {className: "bp-notation", textContent: item.notation}));
  const box = item.kind === "choice" ? choiceBox(section, item, prompt) : answerBox(section, item, prompt);
  const out = element("div", {className: "bp-preview"});
  out.setAttribute("aria-hidden", "true");  // the box holds the same formula, as text
  const row = element("div", {className: "bp-keys"});
  if (item.kind === "formula" || item.kind === "matrix") {
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "insert a symbol");
    for (const [shown, text] of [...keys(item), ...COMMON]) {
      const b = element("button", {type: "button", className: "bp-key", textContent: shown});
      b.setAttribute("aria-label", `insert ${shown} (${text.trim()})`);
      b.addEventListener("click", () => insert(box, text));
      row.append(b);
    }
    section.append(row, out);
  }
  const actions = element("div", {className: "bp-actions"});
  const check = element("button", {type: "button", className: "bp-check", textContent: "Check"});
  const reset = element("button", {type: "button", className: "bp-reset", textContent: "Reset"});
  actions.append(check, reset);
  const said = element("p", {className: "bp-verdict"});
  said.setAttribute("role", "status");
  said.setAttribute("aria-live", "polite");
  section.append(actions, said);
  if (item.kind === "formula" || item.kind === "matrix") {
    section.append(element("p", {className: "bp-names", textContent: `Names: ${item.names.join(", ")}; ` +
                                 `functions: ${item.functions.join(", ")}.`}));
  }
  parent.append(section);

  function judge(store = true) {
    const v = judgeAnswer(box.value, item);
    said.textContent = v.message;
    said.className = `bp-verdict ${v.ok ? "bp-right" : v.error ? "bp-error" : "bp-wrong"}`;
    Object.assign(section.dataset, {ok: String(v.ok), slips: JSON.stringify(v.slips), error: String(!!v.error),
                                    checks: String(Number(section.dataset.checks || 0) + 1)});
    if (store) remember(page, item.id, box.value, v.ok);
  }
  check.addEventListener("click", () => judge());
  reset.addEventListener("click", () => {
    box.value = "";
    said.textContent = "";
    said.className = "bp-verdict";
    out.replaceChildren();
    for (const k of ["ok", "slips", "error"]) delete section.dataset[k];
    forget(page, item.id);
  });
  const target = item.kind === "choice" ? box.group : box;
  target.addEventListener("keydown", (event) => {
    event.stopPropagation();  // JupyterLab would take the letters as notebook shortcuts
    if (event.key === "Enter") {  // an answer is one line: Enter judges it
      event.preventDefault();
      judge();
    }
  });
  if (item.kind !== "choice") box.addEventListener("input", () => preview(out, box.value, item));
  const kept = recall(page, item.id);
  if (kept?.answer) {
    box.value = kept.answer;
    preview(out, box.value, item);
    judge(false);
  }
  return section;
}
