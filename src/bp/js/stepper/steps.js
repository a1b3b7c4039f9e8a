// One backpropagation pass of the stepper: every step, its values (full precision), its line (the
// numbers substituted), and what it lights up on the drawing. Every number comes from the twin of
// bp/network.py (network.js); this file only orders them into steps and writes each step's line.
import {PARAM_NAMES, forward, rowLoss, backward, meanLoss, sgdStep} from "../network.js";
import {symbol as sym} from "../symbols.js";
import {num, fac, sum, prod} from "./notation.js";

// The steps of one pass on row `row` with parameters `p`. Each step: id, phase, values (what the
// test reads: the numbers at full precision), line (the numbers substituted), light (nodes, edges
// and biases it uses) and show (the drawing's labels it writes).
export function passSteps({task, loss, eta, x, y, row, p}) {
  const [CGPA, IQ] = x[row];
  const t = y[row];
  const f = forward(p, CGPA, IQ, task);
  const L = rowLoss(f, t, loss);
  const g = backward(p, f, CGPA, IQ, t, task, loss);
  // ∂L/∂ŷ and ∂ŷ/∂z₂₁: the two factors of δ₂₁ that backward() multiplies out (or cancels).
  const dLdyhat = loss === "squared" ? f.yhat - t : (f.yhat - t) / (f.yhat * (1 - f.yhat));
  const dyhatdz21 = f.yhat * (1 - f.yhat);
  const next = sgdStep(p, g, eta);
  const Lafter = rowLoss(forward(next, CGPA, IQ, task), t, loss);
  const Lmean = meanLoss(p, x, y, {task, loss}), LmeanAfter = meanLoss(next, x, y, {task, loss});
  const steps = [];
  const pass = {sigmoid: task === "classification", loss, eta, x, row, p, CGPA, IQ, t, f, L, g, dLdyhat, dyhatdz21,
                next, Lafter, Lmean, LmeanAfter,
                add: (id, phase, values, line, light, show = [id]) => steps.push({id, phase, values, line, light, show})};
  forwardSteps(pass);
  outputErrorSteps(pass);
  hiddenErrorSteps(pass);
  updateSteps(pass);
  return {steps, values: {CGPA, IQ, y: t, ...f, L, dL_dyhat: dLdyhat, dyhat_dz21: dyhatdz21,
                          delta21: g.b21, delta11: g.b11, delta12: g.b12, g, next, Lafter, Lmean, LmeanAfter}};
}

// Forward, left to right.
function forwardSteps({sigmoid, loss, row, p, CGPA, IQ, t, f, L, add}) {
  const unit = (name, z, O) => sigmoid
    ? `${sym(`O${name}`)} = σ(${sym(`z${name}`)}) = σ(${num(z)}) = ${num(O)}`
    : `${sym(`O${name}`)} = ${sym(`z${name}`)} = ${num(O)} (a linear unit passes z on)`;
  add("input", "forward", {CGPA, IQ, y: t},
      `Row ${row}: CGPA = ${num(CGPA)} and IQ = ${num(IQ)} enter the network; the target is y = ${num(t)}.`,
      {nodes: ["CGPA", "IQ"]}, ["CGPA", "IQ", "y"]);
  for (const [j, w1, w2, b] of [["11", "w1_11", "w1_21", "b11"], ["12", "w1_12", "w1_22", "b12"]]) {
    const z = f[`z${j}`], O = f[`O${j}`];
    add(`z${j}`, "forward", {[`z${j}`]: z},
        `${sym(`z${j}`)} = ${sym(w1)}·CGPA + ${sym(w2)}·IQ + ${sym(b)} = ` +
        `${sum([prod(p[w1], CGPA), prod(p[w2], IQ), num(p[b])])} = ${num(z)}`,
        {nodes: ["CGPA", "IQ", `O${j}`], edges: [w1, w2], biases: [b]});
    add(`O${j}`, "forward", {[`O${j}`]: O}, unit(j, z, O), {nodes: [`O${j}`]});
  }
  add("z21", "forward", {z21: f.z21},
      `${sym("z21")} = ${sym("w2_11")}·${sym("O11")} + ${sym("w2_21")}·${sym("O12")} + ${sym("b21")} = ` +
      `${sum([prod(p.w2_11, f.O11), prod(p.w2_21, f.O12), num(p.b21)])} = ${num(f.z21)}`,
      {nodes: ["O11", "O12", "yhat"], edges: ["w2_11", "w2_21"], biases: ["b21"]});
  add("yhat", "forward", {yhat: f.yhat},
      sigmoid ? `ŷ = σ(${sym("z21")}) = σ(${num(f.z21)}) = ${num(f.yhat)}`
              : `ŷ = ${sym("z21")} = ${num(f.yhat)} (a linear output)`,
      {nodes: ["yhat"]});
  add("L", "forward", {L},
      loss === "squared"
        ? `L = ½(y − ŷ)² = ½ × (${num(t)} − ${fac(f.yhat)})² = ${num(L)}`
        : `L = −[y log ŷ + (1 − y) log(1 − ŷ)] = −[${num(t)} × log ${num(f.yhat)} + ` +
          `${num(1 - t)} × log(1 − ${num(f.yhat)})] = ${num(L)}`,
      {nodes: ["yhat"]});
}

// Backward, right to left: the output error, and the output layer's gradients, each the error
// times what arrives along its edge.
function outputErrorSteps({sigmoid, loss, t, f, g, dLdyhat, dyhatdz21, add}) {
  add("dL_dyhat", "backward", {dL_dyhat: dLdyhat},
      loss === "squared"
        ? `∂L/∂ŷ = ŷ − y = ${num(f.yhat)} − ${fac(t)} = ${num(dLdyhat)}`
        : `∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)) = (${num(f.yhat)} − ${fac(t)}) / ` +
          `(${num(f.yhat)} × (1 − ${num(f.yhat)})) = ${num(dLdyhat)}`,
      {nodes: ["yhat"]});
  if (sigmoid) {
    add("dyhat_dz21", "backward", {dyhat_dz21: dyhatdz21},
        `∂ŷ/∂${sym("z21")} = σ′(${sym("z21")}) = ŷ(1 − ŷ) = ${num(f.yhat)} × (1 − ${num(f.yhat)}) = ${num(dyhatdz21)}`,
        {nodes: ["yhat"]});
  }
  const d21 = g.b21;  // δ of each unit = ∂L/∂(its bias)
  let line21;
  if (!sigmoid) {
    line21 = `δ₂₁ = ∂L/∂z₂₁ = ∂L/∂ŷ · ∂ŷ/∂z₂₁ = ${num(dLdyhat)} × 1 = ${num(d21)}`;
  } else if (loss === "cross_entropy") {
    line21 = `δ₂₁ = ∂L/∂ŷ · ∂ŷ/∂z₂₁ = (ŷ − y)/(ŷ(1 − ŷ)) · ŷ(1 − ŷ) = ŷ − y = ` +
             `${num(f.yhat)} − ${fac(t)} = ${num(d21)} (σ′ cancels)`;
  } else {
    line21 = `δ₂₁ = ∂L/∂ŷ · ∂ŷ/∂z₂₁ = ${prod(dLdyhat, dyhatdz21)} = ${num(d21)}`;
  }
  add("delta21", "backward", {delta21: d21}, line21, {nodes: ["yhat"]});
  for (const [w, O] of [["w2_11", "O11"], ["w2_21", "O12"]]) {
    add(`grad.${w}`, "backward", {[`grad.${w}`]: g[w]},
        `∂L/∂${sym(w)} = δ₂₁ · ${sym(O)} = ${prod(d21, f[O])} = ${num(g[w])}`,
        {nodes: [O, "yhat"], edges: [w]});
  }
  add("grad.b21", "backward", {"grad.b21": g.b21}, `∂L/∂b₂₁ = δ₂₁ · 1 = ${num(g.b21)}`,
      {nodes: ["yhat"], biases: ["b21"]});
}

// The hidden units' errors, then the first layer's gradients.
function hiddenErrorSteps({sigmoid, p, CGPA, IQ, f, g, add}) {
  const d21 = g.b21, d11 = g.b11, d12 = g.b12;
  for (const [j, w2, d] of [["11", "w2_11", d11], ["12", "w2_21", d12]]) {
    const O = f[`O${j}`];
    add(`delta${j}`, "backward", {[`delta${j}`]: d},
        sigmoid
          ? `${sym(`delta${j}`)} = δ₂₁ · ${sym(w2)} · ${sym(`O${j}`)}(1 − ${sym(`O${j}`)}) = ` +
            `${prod(d21, p[w2])} × ${fac(O)} × (1 − ${num(O)}) = ${num(d)}`
          : `${sym(`delta${j}`)} = δ₂₁ · ${sym(w2)} = ${prod(d21, p[w2])} = ${num(d)}`,
        {nodes: ["yhat", `O${j}`], edges: [w2]});
  }
  for (const [j, d] of [["11", d11], ["12", d12]]) {
    const [wc, wi, b] = j === "11" ? ["w1_11", "w1_21", "b11"] : ["w1_12", "w1_22", "b12"];
    add(`grad.${wc}`, "backward", {[`grad.${wc}`]: g[wc]},
        `∂L/∂${sym(wc)} = ${sym(`delta${j}`)} · CGPA = ${prod(d, CGPA)} = ${num(g[wc])}`,
        {nodes: [`O${j}`, "CGPA"], edges: [wc]});
    add(`grad.${wi}`, "backward", {[`grad.${wi}`]: g[wi]},
        `∂L/∂${sym(wi)} = ${sym(`delta${j}`)} · IQ = ${prod(d, IQ)} = ${num(g[wi])}`,
        {nodes: [`O${j}`, "IQ"], edges: [wi]});
    add(`grad.${b}`, "backward", {[`grad.${b}`]: g[b]},
        `∂L/∂${sym(b)} = ${sym(`delta${j}`)} · 1 = ${num(g[b])}`,
        {nodes: [`O${j}`], biases: [b]});
  }
}

// The update: w ← w − η ∂L/∂w, then what the step did to the loss.
function updateSteps({eta, x, row, p, g, L, next, Lafter, Lmean, LmeanAfter, add}) {
  for (const name of PARAM_NAMES) {
    const light = name.startsWith("b") ? {nodes: [name === "b21" ? "yhat" : `O${name.slice(1)}`], biases: [name]}
                                       : {edges: [name]};
    add(`new.${name}`, "update", {[`new.${name}`]: next[name]},
        `${sym(name)} ← ${sym(name)} − η · ∂L/∂${sym(name)} = ${num(p[name])} − ${prod(eta, g[name])} = ` +
        `${num(next[name])}`,
        light);
  }
  add("L_after", "update", {L_after: Lafter, L_mean: Lmean, L_mean_after: LmeanAfter},
      `After the step, the loss of row ${row} is ${num(Lafter)} (it was ${num(L)}); ` +
      `the mean loss over the table's ${x.length} row${x.length === 1 ? "" : "s"} is ` +
      `${num(LmeanAfter)} (it was ${num(Lmean)}).`,
      {nodes: ["yhat"]}, ["L_after"]);
}
