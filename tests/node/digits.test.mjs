// src/bp/js/digits/compute.js against bp.digits (tests/node/fixtures_digits.py, written to
// $BP_FIXTURES/digits.json): the stored network unpacked bit for bit, bitmaps reduced to 8 × 8
// exactly, the input rows bit for bit, the probabilities and taught steps (one, and a second from
// the first) to 1e-12; and the pen's strokes and the keyboard's pixels against direct definitions.
import {test} from "node:test";
import assert from "node:assert/strict";
import {SIDE, unpack, stroke, reduce, setPixel, bitmapOf, row, probabilities, teach} from "../../src/bp/js/digits/compute.js";
import {readFixture, gap, tally} from "./twins.mjs";

const fx = readFixture("digits");
const flat = (layers) => layers.flatMap(({W, b}) => [...W.data, ...b]);
const layers = unpack(fx.weights, fx.sizes);
const settings = {eta: fx.eta, hidden: fx.hidden, limit: fx.limit};
const worst = tally("digits/compute.js", "bp.digits");

test("the stored float32 network unpacks to bp.digits.unpack's numbers, bit for bit", () => {
  assert.deepEqual(flat(layers), fx.flat);
});

for (const [i, c] of fx.cases.entries()) {
  test(`bitmap ${i}: reduce, the row, the probabilities and two taught steps equal bp.digits's`, () => {
    assert.deepEqual(reduce(Uint8Array.from(c.bitmap)), c.counts);
    const X = row(c.counts, fx.mean, fx.std);
    assert.deepEqual([...X.data], c.row);
    const P = probabilities(layers, X, fx.hidden);
    const one = teach(layers, X, c.label, settings);
    const two = teach(one.layers, X, (c.label + 3) % 10, settings);
    const g = Math.max(gap(P, c.P), ...[[one, c.step], [two, c.again]].flatMap(([js, py]) =>
      [gap(js.before, py.before), gap(js.after, py.after), gap(js.dW, py.dW), gap(flat(js.layers), py.layers)]));
    worst.seen(c, g, "probabilities and steps");
    assert.ok(g <= 1e-12, `gap ${g}`);
    assert.deepEqual(flat(layers), fx.flat, "a taught step leaves the trained network as it was");
  });
}

// The pen's segment, by its definition: every dot whose centre is within r of it, over the whole bitmap.
function inkedByDefinition(x0, y0, x1, y1, r) {
  const out = new Uint8Array(SIDE * SIDE);
  for (let i = 0; i < SIDE; i++) for (let j = 0; j < SIDE; j++) {
    const px = j + 0.5 - x0, py = i + 0.5 - y0, dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / len2)) : 0;
    out[i * SIDE + j] = Math.hypot(px - t * dx, py - t * dy) <= r + 1e-12 ? 1 : 0;
  }
  return out;
}

test("a stroke inks exactly the dots within the brush's radius of the pen's segment", () => {
  const segments = [[3.2, 4.7, 20.1, 28.9, 1.5], [16, 16, 16, 16, 1.5], [-2, 5, 40, 5.5, 2], [31.9, 0.1, 0.2, 31.7, 1],
                    [10.5, 10.5, 10.5, 20.5, 0.5]];
  for (const [x0, y0, x1, y1, r] of segments) {
    const b = new Uint8Array(SIDE * SIDE);
    assert.equal(stroke(b, x0, y0, x1, y1, r), true);
    assert.deepEqual(b, inkedByDefinition(x0, y0, x1, y1, r), `segment ${[x0, y0, x1, y1, r]}`);
    assert.equal(stroke(b, x0, y0, x1, y1, r), false, "a second pass changes nothing");
  }
});

test("a pixel set from the keyboard, or an image, reduces to exactly its count", () => {
  for (const image of fx.images) assert.deepEqual(reduce(bitmapOf(image)), image);
  const b = new Uint8Array(SIDE * SIDE);
  stroke(b, 0, 0, 32, 32, 2);
  const before = reduce(b);
  for (const count of [0, 1, 7, 16, 9, 3]) {
    setPixel(b, 9, count);
    const after = reduce(b);
    assert.equal(after[9], count);
    assert.deepEqual(after.filter((_, p) => p !== 9), before.filter((_, p) => p !== 9), "the other pixels stay");
  }
});
worst.report();
