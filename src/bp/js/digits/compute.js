// The digit pad's pure functions, twins of bp/digits.py (tests/node/digits.test.mjs compares them
// with it): the stored network unpacked, a drawing's strokes on the 32 × 32 bitmap, the bitmap
// reduced to 8 × 8, the input row, the ten probabilities and a taught step, with js/mlp.js.
import {matrix, forward, workspace, train} from "../mlp.js";

export const SIDE = 32;      // digits.SIDE: the bitmap's side in dots
export const BLOCK = 4;      // digits.BLOCK: a pixel counts a block of 4 × 4 dots
export const PIXELS = SIDE / BLOCK;
export const MAX_COUNT = BLOCK * BLOCK;

// digits.unpack(text, sizes): the base64 little-endian float32 numbers, layer by layer (W row by row, then b).
export function unpack(text, sizes) {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer), count = bytes.length / 4;
  const flat = new Float64Array(count);
  for (let i = 0; i < count; i++) flat[i] = view.getFloat32(4 * i, true);  // float32 → double, exactly
  const layers = [];
  let k = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l], nOut = sizes[l + 1];
    const W = matrix(nIn, nOut, flat.slice(k, k + nIn * nOut));
    k += nIn * nOut;
    layers.push({W, b: flat.slice(k, k + nOut)});
    k += nOut;
  }
  if (k !== count) throw new Error(`the stored network has ${count} numbers, sizes ${sizes} need ${k}`);
  return layers;
}

// The pen from (x0, y0) to (x1, y1), in dots (0 … 32 from the top left corner), onto `bitmap`
// (Uint8Array of 32 × 32, row by row): every dot whose centre is within `radius` of the segment
// is inked. Returns whether any dot changed.
export function stroke(bitmap, x0, y0, x1, y1, radius) {
  const dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy, r2 = radius * radius;
  const lo = (v) => Math.max(0, Math.floor(v - radius - 0.5)), hi = (v) => Math.min(SIDE - 1, Math.ceil(v + radius - 0.5));
  let changed = false;
  for (let i = lo(Math.min(y0, y1)); i <= hi(Math.max(y0, y1)); i++) {
    for (let j = lo(Math.min(x0, x1)); j <= hi(Math.max(x0, x1)); j++) {
      const cx = j + 0.5, cy = i + 0.5;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((cx - x0) * dx + (cy - y0) * dy) / len2));
      const ex = cx - (x0 + t * dx), ey = cy - (y0 + t * dy);
      if (ex * ex + ey * ey <= r2 && bitmap[i * SIDE + j] === 0) { bitmap[i * SIDE + j] = 1; changed = true; }
    }
  }
  return changed;
}

// digits.reduce(bitmap32): pixel (r, c) counts the black dots of block [4r, 4r + 4) × [4c, 4c + 4).
export function reduce(bitmap) {
  const counts = new Array(PIXELS * PIXELS).fill(0);
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE; j++) counts[Math.floor(i / BLOCK) * PIXELS + Math.floor(j / BLOCK)] += bitmap[i * SIDE + j];
  }
  return counts;
}

// The order in which a block's dots are inked when a pixel is set from the keyboard or from an
// image (a 4 × 4 Bayer matrix: any count shows as an even halftone), and cleared (the reverse).
const BAYER = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];
const ORDER = BAYER.map((rank, cell) => [rank, cell]).sort((a, b) => a[0] - b[0]).map(([, cell]) => cell);

// Pixel p (0 … 63, row by row) of `bitmap` set to `count` dots of its block: dots inked in ORDER
// until there are enough, cleared in the reverse order until there are no more than that.
export function setPixel(bitmap, p, count) {
  const r = Math.floor(p / PIXELS), c = p % PIXELS;
  const dots = ORDER.map((cell) => (r * BLOCK + Math.floor(cell / BLOCK)) * SIDE + c * BLOCK + (cell % BLOCK));
  let have = dots.reduce((s, d) => s + bitmap[d], 0);
  for (const d of dots) if (have < count && bitmap[d] === 0) { bitmap[d] = 1; have++; }
  for (const d of [...dots].reverse()) if (have > count && bitmap[d] === 1) { bitmap[d] = 0; have--; }
}

// A bitmap whose reduction is `pixels` (an 8 × 8 image, 0–16 each, row by row).
export function bitmapOf(pixels) {
  const bitmap = new Uint8Array(SIDE * SIDE);
  pixels.forEach((count, p) => setPixel(bitmap, p, count));
  return bitmap;
}

// Digits.row(pixels): the network's input, (pixels − mean) / std, as a 1 × 64 matrix.
export function row(pixels, mean, std) {
  return matrix(1, pixels.length, Float64Array.from(pixels, (v, i) => (v - mean[i]) / std[i]));
}

// Digits.probabilities(pixels, layers): softmax of the output layer for one row.
export function probabilities(layers, X, hidden, ws = workspace(layers, 1)) {
  return Array.from(forward(layers, X, "multiclass", hidden, ws).at(-1).a.data.subarray(0, layers.at(-1).W.cols));
}

// Digits.taught_step(pixels, label, layers): bp.mlp.train for one epoch on this one row with its
// label, at eta; the layers after the step, the probabilities before and after, each layer's ‖ΔW‖.
// `limit` is network.DIVERGENCE_LIMIT (sent by the kernel): a step whose loss passes it is not taken.
export function teach(layers, X, label, {eta, hidden, limit}) {
  const before = probabilities(layers, X, hidden);
  const step = train(layers, X, Float64Array.of(label),
                     {task: "multiclass", hidden, loss: "cross_entropy", eta, epochs: 1, batchSize: null, limit});
  const after = probabilities(step.layers, X, hidden);
  const dW = layers.map(({W}, l) => {
    const W1 = step.layers[l].W.data;
    let s = 0.0;
    for (let i = 0; i < W1.length; i++) s += (W1[i] - W.data[i]) ** 2;  // np.sum((W1 - W0) ** 2), then the root
    return Math.sqrt(s);
  });
  return {layers: step.layers, before, after, dW};
}
