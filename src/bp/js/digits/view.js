// The digit pad's three views: the pad (the 32 × 32 bitmap, drawn with pointer events), the 8 × 8
// grid the network reads (a keyboard grid: arrows move, + and − change a pixel) and the ten bars.
import {element} from "../controls.js";
import {SIDE, PIXELS, BLOCK, MAX_COUNT} from "./compute.js";

// The pad: a canvas showing `bitmap`, with the 4 × 4 blocks' edges. onStroke(segments, event) gets
// the pen's new segments, in dots, as a pen, a finger or a mouse moves pressed; onEnd() when it lifts.
export function pad(onStroke, onEnd) {
  const canvas = element("canvas", {className: "bp-dg-pad", width: SIDE, height: SIDE});
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", "drawing pad, 32 × 32 dots: draw a digit with a mouse, a finger or a pen " +
                      "(the keyboard edits the 8 × 8 grid instead)");
  let last = null, rect = null;  // the pad's place, read once per stroke (not at every move: no new layout)
  const at = (e, rect) => [(e.clientX - rect.left) / rect.width * SIDE, (e.clientY - rect.top) / rect.height * SIDE];
  canvas.addEventListener("pointerdown", (e) => {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    e.preventDefault();
    try { canvas.setPointerCapture(e.pointerId); } catch { /* a pointer the browser does not track (a synthetic event) */ }
    rect = canvas.getBoundingClientRect();
    last = at(e, rect);
    onStroke([[...last, ...last]], e);
  });
  canvas.addEventListener("pointermove", (e) => {
    if (last === null) return;
    const segments = [];
    // every position the browser saw since the last event (a fast pen moves several dots per frame)
    for (const p of (e.getCoalescedEvents && e.getCoalescedEvents().length ? e.getCoalescedEvents() : [e])) {
      const next = at(p, rect);
      segments.push([...last, ...next]);
      last = next;
    }
    onStroke(segments, e);
  });
  const end = () => { if (last !== null) { last = null; onEnd(); } };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  return canvas;
}

// The pad's size in device pixels for its width on screen (`cssWidth`, read when the layout changes:
// reading it at each pen move would make the browser lay the page out again, after the bars moved).
export function padSize(cssWidth) {
  return Math.max(SIDE, Math.round(cssWidth * (window.devicePixelRatio || 1)) || 8 * SIDE);
}

// The bitmap onto the pad, `size` device pixels a side (sharp on any screen), in the page's colours.
export function drawPad(canvas, bitmap, colors, size) {
  if (canvas.width !== size) canvas.width = canvas.height = size;
  const ctx = canvas.getContext("2d"), dot = size / SIDE;
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = colors.text;
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE; j++) {
      if (bitmap[i * SIDE + j]) ctx.fillRect(Math.floor(j * dot), Math.floor(i * dot), Math.ceil(dot), Math.ceil(dot));
    }
  }
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = Math.max(1, Math.round(size / 320));
  ctx.beginPath();
  for (let k = 1; k < PIXELS; k++) {
    const v = Math.round(k * BLOCK * dot) + 0.5;
    ctx.moveTo(v, 0); ctx.lineTo(v, size); ctx.moveTo(0, v); ctx.lineTo(size, v);
  }
  ctx.stroke();
}

const KEY_STEP = {"+": 1, "=": 1, "-": -1, "−": -1, "_": -1};
const MOVES = {ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0]};

// The 8 × 8 grid of counts (0–16), one focusable cell at a time (a roving tabindex). onEdit(p, count)
// when the keyboard changes pixel p: + or − by one, a digit key sets 0–9, Page Up 16, Page Down and Delete 0.
export function grid(onEdit) {
  const table = element("table", {className: "bp-dg-grid"});
  table.setAttribute("role", "grid");
  table.setAttribute("aria-label", "the 8 × 8 image the network reads, pixels 0 to 16: arrow keys move, " +
                     "+ and − change a pixel by one, 0–9 set it, Page Up sets 16, Page Down 0");
  const cells = [];
  for (let r = 0; r < PIXELS; r++) {
    const tr = element("tr");
    for (let c = 0; c < PIXELS; c++) {
      const td = element("td", {tabIndex: r === 0 && c === 0 ? 0 : -1});
      td.setAttribute("role", "gridcell");
      td.dataset.pixel = String(r * PIXELS + c);
      td.append(element("span", {className: "bp-dg-count"}));
      tr.append(td);
      cells.push(td);
    }
    table.append(tr);
  }
  let counts = new Array(PIXELS * PIXELS).fill(0);
  const focusCell = (p) => {
    cells.forEach((td, q) => { td.tabIndex = q === p ? 0 : -1; });
    cells[p].focus();
  };
  table.addEventListener("keydown", (e) => {
    const td = e.target.closest("td");
    if (!td) return;
    const p = Number(td.dataset.pixel), r = Math.floor(p / PIXELS), c = p % PIXELS;
    let count = null;
    if (e.key in MOVES) {
      const [dr, dc] = MOVES[e.key];
      focusCell(Math.min(PIXELS - 1, Math.max(0, r + dr)) * PIXELS + Math.min(PIXELS - 1, Math.max(0, c + dc)));
    } else if (e.key === "Home" || e.key === "End") focusCell(r * PIXELS + (e.key === "Home" ? 0 : PIXELS - 1));
    else if (e.key in KEY_STEP) count = counts[p] + KEY_STEP[e.key];
    else if (/^[0-9]$/.test(e.key)) count = Number(e.key);
    else if (e.key === "PageUp") count = MAX_COUNT;
    else if (e.key === "PageDown" || e.key === "Delete" || e.key === "Backspace") count = 0;
    else return;  // Tab and the rest: the page's
    e.preventDefault();
    e.stopPropagation();  // JupyterLab would take arrows and digits as notebook shortcuts
    if (count !== null) onEdit(p, Math.min(MAX_COUNT, Math.max(0, count)));
  });
  function show(next) {
    next.forEach((v, p) => {
      if (v === counts[p] && cells[p].dataset.count !== undefined) return;  // unchanged: no DOM write
      const td = cells[p];
      td.dataset.count = String(v);
      td.style.setProperty("--bp-dg-ink", `${Math.round((100 * v) / MAX_COUNT)}%`);
      td.firstChild.textContent = v === 0 ? "" : String(v);  // white pixels unnumbered: the shape stands out
      td.setAttribute("aria-label", `row ${Math.floor(p / PIXELS) + 1}, column ${(p % PIXELS) + 1}: ${v} of ${MAX_COUNT}`);
    });
    counts = next.slice();
  }
  return {table, show};
}

// The ten bars: digit, bar, percentage; the most likely one marked; `before` (a taught step's
// probabilities before it, or null) as a thin mark on each bar that moved.
export function bars() {
  const list = element("ol", {className: "bp-dg-bars"});
  list.setAttribute("aria-label", "the network's probability of each digit");
  const items = Array.from({length: 10}, (_, k) => {
    const li = element("li");
    const fill = element("span", {className: "bp-dg-fill"}), mark = element("span", {className: "bp-dg-before"});
    const track = element("span", {className: "bp-dg-track"});
    track.setAttribute("aria-hidden", "true");
    track.append(fill, mark);
    const pct = element("span", {className: "bp-dg-pct"});
    li.append(element("span", {className: "bp-dg-digit", textContent: String(k)}), track, pct);
    list.append(li);
    return {li, fill, mark, pct};
  });
  function show(P, before) {
    const best = P.indexOf(Math.max(...P));
    items.forEach(({li, fill, mark, pct}, k) => {
      fill.style.width = `${(100 * P[k]).toFixed(2)}%`;
      mark.hidden = before === null || Math.abs(before[k] - P[k]) < 0.005;  // a mark only where the bar moved
      if (before !== null) mark.style.left = `${(100 * before[k]).toFixed(2)}%`;
      const was = before === null ? "" : ` (before the step ${(100 * before[k]).toFixed(1)} %)`;
      pct.textContent = `${(100 * P[k]).toFixed(1)} %`;
      li.setAttribute("aria-label", `${k}: ${(100 * P[k]).toFixed(1)} %${was}`);
      li.classList.toggle("bp-dg-best", k === best);
    });
    return best;
  }
  return {list, show};
}
