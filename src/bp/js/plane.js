// The figure of ŷ over the plane of two inputs, shared by the explorer and the playground: the
// grid's shading, the boundary ŷ = 0.5 (contour.js), the axes, and the table's rows as marks.
import {contour} from "./contour.js";
import {drawFrame, drawXTicks, drawYTicks, linearTicks} from "./plot.js";

// The n × n grid's colours (rgbAt(k): [r, g, b] of point k, rows from the top down) as an image in
// `scratch` (a canvas n × n), drawn smoothed into `box` so that grid point (c, r) sits at
// box.x + c / (n − 1) · box.w (the image overhangs the frame by half a cell, clipped to it). With a
// `boundary` {values, color, dash}, the contour ŷ = 0.5 of its values as a line (dashed by dash).
export function shadeGrid(ctx, box, scratch, n, rgbAt, boundary = null) {
  const sc = scratch.getContext("2d");
  const image = sc.createImageData(n, n), pixels = image.data;
  for (let k = 0; k < n * n; k++) {
    const c = rgbAt(k);
    pixels[4 * k] = c[0]; pixels[4 * k + 1] = c[1]; pixels[4 * k + 2] = c[2]; pixels[4 * k + 3] = 255;
  }
  sc.putImageData(image, 0, 0);
  const cw = box.w / (n - 1), ch = box.h / (n - 1);
  ctx.save();
  ctx.beginPath(); ctx.rect(box.x, box.y, box.w, box.h); ctx.clip();
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, box.x - cw / 2, box.y - ch / 2, box.w + cw, box.h + ch);
  if (boundary) {
    ctx.strokeStyle = boundary.color;
    ctx.lineWidth = 1.5;
    if (boundary.dash) ctx.setLineDash(boundary.dash);
    ctx.beginPath();
    const s = contour(boundary.values, n);
    for (let i = 0; i < s.length; i += 4) {
      ctx.moveTo(box.x + s[i] * cw, box.y + s[i + 1] * ch);
      ctx.lineTo(box.x + s[i + 2] * cw, box.y + s[i + 3] * ch);
    }
    ctx.stroke();
  }
  ctx.restore();
}

// The frame, its title, the features' names and four ticks on each axis of the plane
// limits = [[x0, x1], [y0, y1]] drawn in `box`. Returns the maps from the plane to the canvas.
export function planeAxes(ctx, box, [[x0, x1], [y0, y1]], title, features, colors) {
  const toX = (v) => box.x + ((v - x0) / (x1 - x0)) * box.w;
  const toY = (v) => box.y + box.h - ((v - y0) / (y1 - y0)) * box.h;
  drawFrame(ctx, box, title, features[0], features[1], colors);
  drawXTicks(ctx, box, linearTicks(x0, x1, 4), toX, colors);
  drawYTicks(ctx, box, linearTicks(y0, y1, 4), toY, false, colors);
  return {toX, toY};
}

// A row's mark at (x, y), filled and outlined: a triangle, apex up (size: [rise to the apex, half
// the base, drop to the base]), or a circle (size: its radius).
export function mark(ctx, x, y, {shape, size, fill, stroke, lineWidth}) {
  ctx.beginPath();
  if (shape === "triangle") {
    const [up, half, down] = size;
    ctx.moveTo(x, y - up); ctx.lineTo(x + half, y + down); ctx.lineTo(x - half, y + down);
    ctx.closePath();
  } else if (shape === "square") {
    ctx.rect(x - size, y - size, 2 * size, 2 * size);
  } else {
    ctx.arc(x, y, size, 0, 2 * Math.PI);
  }
  [ctx.fillStyle, ctx.strokeStyle, ctx.lineWidth] = [fill, stroke, lineWidth];
  ctx.fill();
  ctx.stroke();
}
