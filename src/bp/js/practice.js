// The practice widget's front end (an anywidget ES module): a page's practice items, each typed (or
// picked), judged in the page and given a verdict that names the slip, with no kernel and nothing
// sent anywhere; or, on a chapter's first page, the line that counts the chapter's items done.
//
// Python (bp/practice.py) computes everything an item needs: the test points, the right values,
// every candidate slip's values and words. This module only reads the answer with math.js's parser
// (practice/parse.js), evaluates it at those points over a whitelist and looks the values up
// (practice/judge.js, the twin of bp.exercises.judge and bp.mlp_exercises.judge); practice/view.js
// lays an item out, practice/store.js keeps the answers in the reader's browser.
import {element} from "./controls.js";
import {itemView} from "./practice/view.js";
import {CHANGED, done} from "./practice/store.js";

function progress(model, root) {
  const line = element("p", {className: "bp-progress"});
  const keys = model.get("item_keys");
  const update = () => {
    const k = done(keys);
    line.textContent = `Practice: ${k} of ${keys.length} of this chapter's practice items answered right in your browser.`;
    root.dataset.done = String(k);
  };
  root.append(line);
  update();
  globalThis.addEventListener(CHANGED, update);
  globalThis.addEventListener("storage", update);  // another tab
  return () => {
    globalThis.removeEventListener(CHANGED, update);
    globalThis.removeEventListener("storage", update);
  };
}

function render({model, el}) {
  const root = element("div", {className: "bp-practice bp-widget bp-theme"});
  el.append(root);
  if (model.get("kind") === "progress") return progress(model, root);
  const heading = element("p", {className: "bp-practice-note",
                                textContent: "Answered and judged in your browser, with no kernel; your answers stay here. Enter or Check judges, Reset forgets."});
  root.append(heading);
  for (const item of model.get("items")) itemView(root, item, model.get("page"));
  root.dataset.ready = "true";
  return () => {};
}

export default {render};
