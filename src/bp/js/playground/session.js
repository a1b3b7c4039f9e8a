// The playground's runs and clock: a new run from the settings, the messages of the engines,
// play (at a pace the eye can follow), pause and step. `w` is the widget's state (playground.js):
// w.runs (id → the settings it trained with), w.runId (the current run), w.shown (the last state
// drawn), w.playing, w.waiting (for the engine's next state), w.playClock (where playing started).
// The root element's data-* attributes say the run's state and timings (playground.js's header).
import {draw, writeReadout} from "./view.js";

function send(w, msg) {
  w.waiting = true;
  if (msg.type === "start") w.root.dataset.ranOn = w.engines.choose(w.runs[msg.id]).kind;
  w.engines.current.send(msg);
}

// A new run, trained to epoch until(its settings); `changed`: the clock of data-update-ms starts now.
function startRun(w, until, changed = false) {
  w.runId += 1;
  w.runs[w.runId] = w.settings();
  w.root.dataset.state = "running";
  if (changed) w.root.dataset.changedAt = String(performance.now());
  send(w, {type: "start", id: w.runId, settings: w.runs[w.runId], until: until(w.runs[w.runId])});
}

// A new run from the settings: at once to the last epoch, or from epoch 0 when playing.
export function restart(w) {
  if (w.playing && w.reduceMotion.matches) setPlaying(w, false);  // nothing plays by itself
  if (w.playing) w.playClock = {t: performance.now(), epoch: 0};
  startRun(w, (s) => (w.playing ? 0 : s.epochs), true);
}

export function setPlaying(w, on) {
  w.playing = on;
  w.play.textContent = on ? "Pause" : "Play";
  w.play.setAttribute("aria-pressed", String(on));
  w.playClock = on ? {t: performance.now(), epoch: w.shown && w.shown.id === w.runId ? w.shown.epoch : 0} : null;
}

function showProgress(w, msg) {
  const total = w.runs[msg.id].epochs;
  w.progress.hidden = w.playing;
  w.progress.max = total;
  w.progress.value = msg.epoch;
  w.progress.setAttribute("aria-label", `training: epoch ${msg.epoch} of ${total}`);
  w.epochNote.textContent = `training… epoch ${msg.epoch} of ${total}`;
}

// An engine's message: progress between chunks, or a state to draw.
export function onMessage(w, msg) {
  if (msg.id !== w.runId) return;                    // a run that the settings have since replaced
  const t0 = performance.now(), {dataset} = w.root;
  dataset.chunkMs = msg.chunkMs.toFixed(2);          // the run's longest chunk (in the worker, or here)
  dataset.lastChunkMs = msg.lastChunkMs.toFixed(2);  // and the one before this message
  if (msg.type === "state") dataset.computeMs = msg.computeMs.toFixed(2);  // the run, start to state
  if (msg.type === "progress") showProgress(w, msg);
  else {
    w.waiting = false;
    w.progress.hidden = true;
    w.shown = msg;
    if (msg.finished && w.playing) setPlaying(w, false);
    draw(w);
    if (msg.finished) finish(w, "done");
    else if (w.playing) requestAnimationFrame(() => advance(w));
    else finish(w, "paused");
  }
  // this message's work here (drawing included), and the chunk before it if it ran here too
  dataset.drawMs = (performance.now() - t0).toFixed(2);
  dataset.mainMs = (performance.now() - t0 + (w.engines.current === w.engines.here ? msg.lastChunkMs : 0)).toFixed(2);
}

function finish(w, state) {
  const {dataset} = w.root;
  dataset.state = state;
  dataset.updateMs = (performance.now() - Number(dataset.changedAt)).toFixed(3);
  dataset.updates = String(Number(dataset.updates || 0) + 1);
}

// Playing: the next epochs, at a pace the eye can follow (at least 30 epochs a second; a long
// run takes about 8 s).
function advance(w) {
  if (!w.playing || w.waiting) return;
  const total = w.runs[w.runId].epochs;
  const rate = Math.max(30, total / 8);
  const due = Math.min(total, w.playClock.epoch + Math.floor(((performance.now() - w.playClock.t) / 1000) * rate));
  send(w, {type: "advance", id: w.runId, until: Math.max(w.shown.epoch + 1, due)});
}

// The play button: pause at the epoch shown, or play on (from epoch 0 after the end).
export function onPlay(w) {
  const {shown} = w;
  if (w.playing) {
    setPlaying(w, false);
    if (!w.waiting) finish(w, shown && shown.finished ? "done" : "paused");
    writeReadout(w);
    return;
  }
  const atEnd = !shown || shown.id !== w.runId || shown.finished || w.waiting;
  setPlaying(w, true);
  if (atEnd) {
    w.playClock.epoch = 0;
    restart(w);
  } else {
    w.root.dataset.state = "running";
    w.root.dataset.changedAt = String(performance.now());
    advance(w);
  }
}

// The step button: one epoch on (from the end: start over at epoch 0).
export function onStep(w) {
  const {shown} = w;
  if (w.playing) setPlaying(w, false);
  w.root.dataset.changedAt = String(performance.now());
  if (!shown || shown.id !== w.runId || shown.finished) startRun(w, () => 0);
  else if (!w.waiting) {
    w.root.dataset.state = "running";
    send(w, {type: "advance", id: w.runId, until: shown.epoch + 1});
  }
}
