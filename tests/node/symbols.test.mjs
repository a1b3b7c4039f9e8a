// src/bp/js/symbols.js: the code's names written as the notes write them (expected by hand).
import {test} from "node:test";
import assert from "node:assert/strict";
import {symbol} from "../../src/bp/js/symbols.js";

test("weights: the layer as a superscript, the two units as subscripts", () => {
  assert.equal(symbol("w1_11"), "w¹₁₁");
  assert.equal(symbol("w1_21"), "w¹₂₁");
  assert.equal(symbol("w1_12"), "w¹₁₂");
  assert.equal(symbol("w2_21"), "w²₂₁");
});

test("biases, pre-activations, outputs and errors: the unit as subscripts", () => {
  assert.equal(symbol("b11"), "b₁₁");
  assert.equal(symbol("b21"), "b₂₁");
  assert.equal(symbol("z12"), "z₁₂");
  assert.equal(symbol("O11"), "O₁₁");
  assert.equal(symbol("delta21"), "δ₂₁");
});

test("ŷ, and names that are no symbol stay as they are", () => {
  assert.equal(symbol("yhat"), "ŷ");
  assert.equal(symbol("CGPA"), "CGPA");
  assert.equal(symbol("eta"), "eta");
  assert.equal(symbol("w1_1"), "w1_1");
});
