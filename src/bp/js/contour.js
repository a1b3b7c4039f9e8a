// Marching squares: where a function sampled on an n × n grid crosses a level, as line segments.
// (Home-made: a contour library would bring nested paths and polygons; the figures need only the
// segments, on a grid of at most 60 × 60, redrawn on every control change.)

// The segments of the contour `level` of `values` (n × n, row after row from the top), in grid
// coordinates (column, row), as one flat list [c0, r0, c1, r1, ...]. Each square's corners are taken
// clockwise from its top left; where the values minus `level` change sign along an edge, the contour
// cuts it (linearly interpolated); a square's cuts are joined in pairs, so a saddle square (four
// cuts) gets two segments: its first and second cuts, its third and fourth.
export function contour(values, n, level = 0.5) {
  const DR = [0, 0, 1, 1], DC = [0, 1, 1, 0], v = new Float64Array(4), cuts = new Float64Array(8);
  const out = [];
  for (let r = 0; r < n - 1; r++) {
    for (let c = 0; c < n - 1; c++) {
      for (let e = 0; e < 4; e++) v[e] = values[(r + DR[e]) * n + c + DC[e]] - level;
      let k = 0;
      for (let e = 0; e < 4; e++) {
        const f = (e + 1) % 4, a = v[e], b = v[f];
        if ((a < 0) !== (b < 0)) {
          const t = a / (a - b);
          cuts[k++] = c + DC[e] + (DC[f] - DC[e]) * t;
          cuts[k++] = r + DR[e] + (DR[f] - DR[e]) * t;
        }
      }
      for (let i = 0; i + 3 < k; i += 4) out.push(cuts[i], cuts[i + 1], cuts[i + 2], cuts[i + 3]);
    }
  }
  return out;
}
