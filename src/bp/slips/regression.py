"""The slips in the regression part of the notes (linear units, L = ½(y − ŷ)²).

The chapter "Backpropagation for regression" refutes each one with numbers (its section "Slips in
the notes"); the page "The notes" marks each in place and the errata page lists them all.

Every slip is a line of the notes of the form "left side = right side" in which one part is
wrong. ``wrong`` and ``right`` evaluate that part as written and as corrected; ``reference``
evaluates, independently, what it must equal:

* a wrong boxed result or chain (``where`` says "boxed" or "chain"): ``wrong`` and ``right`` are
  the two formulas, ``reference`` is backpropagation (`bp.gradients`);
* a wrong label on a correct right-hand side ("label"): ``wrong`` and ``right`` are the
  derivatives the two labels name, by central differences (`bp.local.numerical_derivative`),
  and ``reference`` is the right-hand side, also by central differences;
* a wrong expression under a correct label ("expression"): ``wrong`` and ``right`` differentiate
  the two expressions by central differences, ``reference`` is the labelled derivative.

The LaTeX reads the OCR charitably (superscripts restored, ``o`` as ``O``).
"""

from __future__ import annotations

from ..local import numerical_derivative
from ..network import forward, gradients
from . import Slip

TASK = "regression"
ANCHOR_LABEL_W2_21 = "regression-slip-label-w2-21"
ANCHOR_CHAIN_W1_21 = "regression-slip-w1-21"
ANCHOR_EXPRESSION_W1_22 = "regression-slip-expression-w1-22"
ANCHOR_BOXED_8_9 = "regression-slip-boxed-8-9"
H = 1e-6


def _d(of, wrt):
    """The central difference ∂of/∂wrt as a function of (params, x, y)."""
    return lambda params, x, y: numerical_derivative(params, x, of, wrt, task=TASK, y=y, h=H)


def _diff(expression, name):
    """Central difference of ``expression(params, fwd, x)`` in the parameter ``name``, with the
    forward values ``fwd`` (O₁₁, O₁₂, …) held fixed, as the notes treat them in each line."""

    def d(params, x, y):
        fwd = forward(params, x, task=TASK)
        up, down = dict(params, **{name: params[name] + H}), dict(params, **{name: params[name] - H})
        return (expression(up, fwd, x) - expression(down, fwd, x)) / (2 * H)

    return d


def _backprop(name):
    return lambda params, x, y: gradients(params, x, y, task=TASK)[name]


def _yhat_minus_y(params, x, y):
    return forward(params, x, task=TASK)["yhat"] - y


# ∂L/∂w¹₂₁ through the chain rule, each local factor by central differences.
def _chain_w1_21(hidden_node):
    def chain(params, x, y):
        return (
            _d("L", "yhat")(params, x, y) * _d("yhat", "O11")(params, x, y) * _d(hidden_node, "w1_21")(params, x, y)
        ) + 0.0  # + 0.0: no "-0.0" in print-outs

    return chain


SLIPS = [
    Slip(
        part="regression",
        where="output layer, under the heading w²₂₁: the line that differentiates ŷ is labelled ∂L/∂w₂₁",
        as_written=(
            r"\frac{\partial L}{\partial w^2_{21}} = \frac{\partial}{\partial w^2_{21}}"
            r"\left(w^2_{11} O_{11} + w^2_{21} O_{12} + b_{21}\right) = O_{12}"
        ),
        corrected=(
            r"\frac{\partial \hat{y}}{\partial w^2_{21}} = \frac{\partial}{\partial w^2_{21}}"
            r"\left(w^2_{11} O_{11} + w^2_{21} O_{12} + b_{21}\right) = O_{12}"
        ),
        wrong=_d("L", "w2_21"),
        right=_d("yhat", "w2_21"),
        reference=_diff(lambda p, f, x: p["w2_11"] * f["O11"] + p["w2_21"] * f["O12"] + p["b21"], "w2_21"),
        anchor=ANCHOR_LABEL_W2_21,
        key="reg-label-w2-21",
    ),
    Slip(
        part="regression",
        where=("hidden layer, under the heading w¹₂₁: the chain for ∂L/∂w¹₂₁ ends in ∂O₁₂/∂w¹₂₁, but w¹₂₁ feeds O₁₁"),
        as_written=(
            r"\frac{\partial L}{\partial w^1_{21}} = \frac{\partial L}{\partial \hat{y}} \cdot "
            r"\frac{\partial \hat{y}}{\partial O_{11}} \cdot \frac{\partial O_{12}}{\partial w^1_{21}}"
        ),
        corrected=(
            r"\frac{\partial L}{\partial w^1_{21}} = \frac{\partial L}{\partial \hat{y}} \cdot "
            r"\frac{\partial \hat{y}}{\partial O_{11}} \cdot \frac{\partial O_{11}}{\partial w^1_{21}}"
        ),
        wrong=_chain_w1_21("O12"),
        right=_chain_w1_21("O11"),
        reference=_backprop("w1_21"),
        anchor=ANCHOR_CHAIN_W1_21,
        key="reg-chain-w1-21",
    ),
    Slip(
        part="regression",
        where=(
            "hidden layer, under the heading w¹₂₁: the label of the local derivative, ∂O₁₂/∂w¹₂₁, "
            "over the expression of O₁₁"
        ),
        as_written=(
            r"\frac{\partial O_{12}}{\partial w^1_{21}} = \frac{\partial}{\partial w^1_{21}}"
            r"\left(w^1_{11} \cdot \mathrm{CGPA} + w^1_{21} \cdot \mathrm{IQ} + b_{11}\right) = \mathrm{IQ}"
        ),
        corrected=(
            r"\frac{\partial O_{11}}{\partial w^1_{21}} = \frac{\partial}{\partial w^1_{21}}"
            r"\left(w^1_{11} \cdot \mathrm{CGPA} + w^1_{21} \cdot \mathrm{IQ} + b_{11}\right) = \mathrm{IQ}"
        ),
        wrong=_d("O12", "w1_21"),
        right=_d("O11", "w1_21"),
        reference=_diff(lambda p, f, x: p["w1_11"] * x[0] + p["w1_21"] * x[1] + p["b11"], "w1_21"),
        anchor=ANCHOR_CHAIN_W1_21,
        key="reg-label-w1-21",
    ),
    Slip(
        part="regression",
        where=(
            "hidden layer, under the heading w¹₂₂: the expression differentiated for ∂O₁₂/∂w¹₂₂ "
            "has O₁₁, O₁₂ where the inputs CGPA, IQ belong"
        ),
        as_written=(
            r"\frac{\partial O_{12}}{\partial w^1_{22}} = \frac{\partial}{\partial w^1_{22}}"
            r"\left(w^1_{12} O_{11} + w^1_{22} O_{12} + b_{12}\right) = \mathrm{IQ}"
        ),
        corrected=(
            r"\frac{\partial O_{12}}{\partial w^1_{22}} = \frac{\partial}{\partial w^1_{22}}"
            r"\left(w^1_{12} \cdot \mathrm{CGPA} + w^1_{22} \cdot \mathrm{IQ} + b_{12}\right) = \mathrm{IQ}"
        ),
        wrong=_diff(lambda p, f, x: p["w1_12"] * f["O11"] + p["w1_22"] * f["O12"] + p["b12"], "w1_22"),
        right=_diff(lambda p, f, x: p["w1_12"] * x[0] + p["w1_22"] * x[1] + p["b12"], "w1_22"),
        reference=_d("O12", "w1_22"),
        anchor=ANCHOR_EXPRESSION_W1_22,
        key="reg-expression-w1-22",
    ),
    Slip(
        part="regression",
        where="boxed result (8), ∂L/∂w¹₂₂: the factor w¹₂₂ where the chain rule gives ∂ŷ/∂O₁₂ = w²₂₁",
        as_written=r"\frac{\partial L}{\partial w^1_{22}} = -(y - \hat{y}) \cdot w^1_{22} \cdot \mathrm{IQ}",
        corrected=r"\frac{\partial L}{\partial w^1_{22}} = -(y - \hat{y}) \cdot w^2_{21} \cdot \mathrm{IQ}",
        wrong=lambda params, x, y: _yhat_minus_y(params, x, y) * params["w1_22"] * x[1],
        right=lambda params, x, y: _yhat_minus_y(params, x, y) * params["w2_21"] * x[1],
        reference=_backprop("w1_22"),
        anchor=ANCHOR_BOXED_8_9,
        key="reg-boxed-8",
    ),
    Slip(
        part="regression",
        where="boxed result (9), ∂L/∂b₁₂: the factor w¹₂₂ where the chain rule gives ∂ŷ/∂O₁₂ = w²₂₁",
        as_written=r"\frac{\partial L}{\partial b_{12}} = -(y - \hat{y}) \cdot w^1_{22}",
        corrected=r"\frac{\partial L}{\partial b_{12}} = -(y - \hat{y}) \cdot w^2_{21}",
        wrong=lambda params, x, y: _yhat_minus_y(params, x, y) * params["w1_22"],
        right=lambda params, x, y: _yhat_minus_y(params, x, y) * params["w2_21"],
        reference=_backprop("b12"),
        anchor=ANCHOR_BOXED_8_9,
        key="reg-boxed-9",
    ),
]
"""One `Slip` per mistake in the notes' regression part, in the order the notes make them."""

__all__ = ["SLIPS"]
