// Where the playground's runs go. Two engines run the same runner (run.js). A short run (up to
// SHORT_WORK, about twice the defaults' work) trains here on the page's thread, at once, in the
// task of the control change: no round trip to a worker, so the figure follows in the same frame
// when it can; it still never holds the thread for more than a chunk of ~12 ms (a slower machine
// gets chunks and the progress bar). Longer runs go to a Web Worker running the playground's own
// module (or, if none can start, here in chunks).
import {createRunner, workOf} from "../run.js";

const SHORT_WORK = 8e6;  // run.js's workOf: the defaults (circles, 2 × 4 tanh, 50 epochs) are 3.6e6

function mainThreadEngine(onMessage) {
  // A chunk's message is handled right after the chunk (a microtask), before the page draws a frame.
  const receive = createRunner((msg) => queueMicrotask(() => onMessage(msg)),
                               {budgetMs: 12, later: (f) => setTimeout(f, 0)});
  return {kind: "main thread", send: (msg) => receive(msg), stop() { receive({type: "stop"}); }};
}

// A worker running `moduleUrl`'s module: its own file where it was loaded by URL (the book); else
// its text `moduleText`, which anywidget (JupyterLab) loads through a blob: URL that may be gone by now.
function workerEngine(moduleUrl, moduleText, onMessage, onFail) {
  const byUrl = !moduleUrl.startsWith("blob:");
  const url = byUrl ? moduleUrl : URL.createObjectURL(new Blob([moduleText()], {type: "text/javascript"}));
  const worker = new Worker(url, {type: "module", name: "bp-playground"});
  let ready = false;
  const queue = [];
  worker.onmessage = (event) => {
    if (event.data.type === "ready") {
      ready = true;
      if (!byUrl) URL.revokeObjectURL(url);
      queue.splice(0).forEach((m) => worker.postMessage(m));
    } else onMessage(event.data);
  };
  worker.onerror = (event) => {  // no worker after all (a page that forbids them): run here instead
    event.preventDefault();
    worker.terminate();
    onFail(worker);
  };
  return {kind: "Web Worker", worker, send: (m) => (ready ? worker.postMessage(m) : queue.push(m)), stop: () => worker.terminate()};
}

// The engines of one playground: `init` (the runner's first message) goes to both. choose(s) picks
// the engine for a new run of settings s, by its size. onSwitch() is called when the worker fails
// and the runs come here.
export function engines({init, moduleUrl, moduleText, onMessage, onSwitch}) {
  let rows = Object.fromEntries(init.datasets.map((d) => [d.name, d.x.length]));
  const here = mainThreadEngine(onMessage);
  here.send(init);
  const e = {here, away: null, current: null};   // away: the Web Worker's engine, if one can start
  try {
    e.away = workerEngine(moduleUrl, moduleText, onMessage, (worker) => {
      if (e.away && e.away.worker === worker) { e.away = e.current = null; onSwitch(); }
    });
    e.away.send(init);
  } catch {
    e.away = null;
  }
  e.longRuns = () => (e.away || here).kind;       // where long runs go
  // The engine for a new run of settings s (the other one drops its run; an engine given a new run
  // drops its old one itself); every message then goes to e.current.
  e.choose = (s) => {
    const next = e.away === null || workOf(s, rows[s.dataset]) <= SHORT_WORK ? here : e.away;
    if (e.current !== null && e.current !== next) e.current.send({type: "stop"});
    e.current = next;
    return next;
  };
  // New data sets (a pasted one): both engines get them (the runs go on with the data they had).
  e.setData = (datasets) => {
    rows = Object.fromEntries(datasets.map((d) => [d.name, d.x.length]));
    for (const engine of [here, e.away]) if (engine) engine.send({...init, datasets});
  };
  e.stop = () => { here.stop(); if (e.away) e.away.stop(); };
  return e;
}
