// The playground's words: the status line, the figures' text alternatives and the plane's legend,
// for the run shown `st` (its settings `s`, its data set `data`).
import {fmtG} from "../format.js";
import {sizesOf, outputsOf} from "../run.js";
import {etaText} from "./controls.js";

// The status line: the final loss, the epoch reached (paused or playing), or how the run diverged.
export function statusText(st, s, playing, limit) {
  const n = st.losses.length;
  let text;
  if (st.diverged) {
    text = n ? `diverged after epoch ${n}: η = ${etaText(s.eta)} is too large for this network; ` +
               `the last finite loss is ${fmtG(st.losses[n - 1])}`
             : `diverged before training: the starting loss is not finite or above ${fmtG(limit)}`;
  } else {
    text = st.finished ? `final loss ${fmtG(st.losses[n - 1])} after ${st.epoch} epochs`
                       : `${playing ? "epoch" : "paused at epoch"} ${st.epoch} of ${s.epochs}: loss ${fmtG(st.losses[n - 1])}`;
  }
  if (st.accuracy !== null) text += `; accuracy ${Math.round(100 * st.accuracy)}%`;
  return text;
}

// While playing, the short line beside the buttons.
export const playingText = (st, s) => `epoch ${st.epoch} of ${s.epochs}: loss ${fmtG(st.losses.at(-1) ?? NaN)}`;

const MARKS = ["○", "▲", "■"];

// The plane's legend under it.
export function legendText(data) {
  const names = data.classes;
  if (data.task === "multiclass") {
    return `${names.map((n, k) => `${MARKS[k]} ${n}`).join("   ")}; shading: the most probable class ` +
           "(orange, blue, green), stronger where the network is surer";
  }
  return data.task === "classification"
    ? `○ ${names[0]}   ▲ ${names[1]}; shading: ŷ, towards orange for 0 and blue for 1`
    : "colour: Package (dots: the table; shading: the network's ŷ), dark purple low to yellow high";
}

// The three figures' text alternatives (aria-label), `status` the status line.
export function figureLabels(st, s, data, status) {
  const names = data.classes, plane = data.features.join("–");
  const fmt = (v) => fmtG(v, 2);
  return {
    loss: `Loss curve of the ${sizesOf(s, outputsOf(data)).join("-")} network (${s.activation} hidden units) on ${data.label}: ` +
          `the mean loss after each epoch, on a log scale. ${status.replace(/\n/g, " ")}.`,
    plane: data.task === "multiclass"
      ? `The most probable class over the ${plane} plane at epoch ${st.epoch} (softmax): orange for ${names[0]}, ` +
        `blue for ${names[1]}, green for ${names[2]}; circles, triangles and squares are rows of these classes.` +
        `${st.accuracy === null ? "" : ` Accuracy ${Math.round(100 * st.accuracy)}%.`}`
      : data.task === "classification"
      ? `ŷ over the ${plane} plane at epoch ${st.epoch}: orange where ŷ < 0.5 (predicted ${names[0]}), ` +
        `blue where ŷ > 0.5 (predicted ${names[1]}), a line on the boundary ŷ = 0.5; circles are rows labelled ${names[0]}, ` +
        `triangles rows labelled ${names[1]}.${st.accuracy === null ? "" : ` Accuracy ${Math.round(100 * st.accuracy)}%.`}`
      : `The network's prediction ŷ over the ${plane} plane at epoch ${st.epoch} (viridis colours), ` +
        `with the table's rows coloured by their Package.`,
    grads: `Size of each layer's gradient ∂L/∂W (root mean square) on the whole table, layer 1 (first) to ` +
           `${st.gradStart.length} (output): at the start ${st.gradStart.map(fmt).join(", ")}; ` +
           `at epoch ${st.epoch} ${st.gradEnd.map(fmt).join(", ")}.`,
  };
}
