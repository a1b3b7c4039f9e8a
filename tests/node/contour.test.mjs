// src/bp/js/contour.js (marching squares) on grids small enough to work out by hand.
import {test} from "node:test";
import assert from "node:assert/strict";
import {contour} from "../../src/bp/js/contour.js";

// The segments as [[c0, r0], [c1, r1]] pairs, for readable expectations.
const pairs = (flat) => {
  const out = [];
  for (let i = 0; i < flat.length; i += 4) out.push([[flat[i], flat[i + 1]], [flat[i + 2], flat[i + 3]]]);
  return out;
};

test("a grid all on one side of the level has no contour", () => {
  assert.deepEqual(contour([0, 0.2, 0.4, 0.1], 2), []);
  assert.deepEqual(contour([1, 0.9, 0.6, 0.7], 2), []);
});

test("one square, the left column below 0.5 and the right above: a vertical cut at the crossing", () => {
  // Top edge from 0 (left) to 1 (right) crosses 0.5 halfway: (0.5, 0). Right edge 1 → 1: no cut.
  // Bottom edge, taken clockwise from bottom right (1) to bottom left (0): halfway again, (0.5, 1).
  assert.deepEqual(pairs(contour([0, 1, 0, 1], 2)), [[[0.5, 0], [0.5, 1]]]);
});

test("the cut is linearly interpolated along each edge", () => {
  // Top: 0.25 → 1.25 crosses 0.5 a quarter of the way: column 0.25.
  // Bottom, clockwise from right (0.75) to left (0): (0.5 − 0.75) / (0 − 0.75) = 1/3 of the way from
  // the right, so column 1 − 1/3 = 2/3.
  const [[[c0, r0], [c1, r1]]] = pairs(contour([0.25, 1.25, 0, 0.75], 2));
  assert.equal(r0, 0);
  assert.equal(r1, 1);
  assert.ok(Math.abs(c0 - 0.25) < 1e-15);
  assert.ok(Math.abs(c1 - 2 / 3) < 1e-15);
});

test("one corner above: the cut joins its two edges", () => {
  // Only the bottom-right corner (row 1, column 1) is above 0.5: it cuts the right edge at (1, 0.5)
  // and the bottom edge at (0.5, 1), in clockwise order.
  assert.deepEqual(pairs(contour([0, 0, 0, 1], 2)), [[[1, 0.5], [0.5, 1]]]);
});

test("a saddle square gets two segments: first and second cut, third and fourth", () => {
  // Top left and bottom right above, the other two below: cuts on the top (0.5, 0), the right
  // (1, 0.5), the bottom (0.5, 1) and the left (0, 0.5), in that order.
  assert.deepEqual(pairs(contour([1, 0, 0, 1], 2)), [[[0.5, 0], [1, 0.5]], [[0.5, 1], [0, 0.5]]]);
});

test("on a 3 × 3 grid, each square is cut in its own grid coordinates, squares row by row", () => {
  // Only the middle column above 0.5: the left squares cut at column 0.5, the right ones at 1.5.
  const values = [0, 1, 0,
                  0, 1, 0,
                  0, 1, 0];
  assert.deepEqual(pairs(contour(values, 3)), [
    [[0.5, 0], [0.5, 1]], [[1.5, 0], [1.5, 1]],
    [[0.5, 1], [0.5, 2]], [[1.5, 1], [1.5, 2]],
  ]);
});

test("another level: the same grid read against 0.25", () => {
  // Top 0 → 1 crosses 0.25 a quarter of the way; the bottom, right to left, three quarters.
  assert.deepEqual(pairs(contour([0, 1, 0, 1], 2, 0.25)), [[[0.25, 0], [0.25, 1]]]);
});

test("a value exactly at the level counts as above it", () => {
  // 0.5 − 0.5 = 0 is not below 0: the top edge 0 → 0.5 is cut at its right end.
  assert.deepEqual(pairs(contour([0, 0.5, 0, 0], 2)), [[[1, 0], [1, 0]]]);
});
