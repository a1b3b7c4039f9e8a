"""The slips in the classification part of the notes (chapter "Backpropagation for classification").

One `Slip` per mistake that survives a charitable reading of the OCR (superscripts that came out
as "v" or "ω" are read as 1 or 2 from the context, "o" as O or σ, "(ŷ − ŷ)" as (ŷ − y)). Each
slip evaluates the notes' formula (``wrong``), the corrected one (``right``) and an independent
reference (``reference``: central differences on the network's graph with `bp.local`, or
`bp.numerical_gradients`, or the cross-entropy computed from the logit by `bp.loss`) on
one row ``x = [CGPA, IQ]`` with target ``y``. Every check isolates its own slip: all the other
factors of a formula are taken correct.

The chapter discusses each slip in the section named by its ``anchor``; the "Errata of the
notes" page collects these with the regression part's list.
"""

from __future__ import annotations

import numpy as np

from ..data import X_CLS, Y_CLS
from ..local import numerical_derivative
from ..network import INITIAL_PARAMS, forward, loss, numerical_gradients, sigmoid, symbol
from . import Slip

TASK = "classification"
H = 1e-6  # step of the central differences


def _f(params, x):
    return forward(params, x, task=TASK)


def _delta(params, x, y):
    """∂L/∂z21 = ŷ − y (cross-entropy with a sigmoid output)."""
    return _f(params, x)["yhat"] - y


def _grad_ref(name):
    """The reference for a boxed result: ∂L/∂name by central differences on the whole network."""

    def reference(params, x, y):
        return numerical_gradients(params, x, y, task=TASK)[name]

    return reference


# -- the loss ---------------------------------------------------------------------------------


def _log_sigmoid(z):
    """log σ(z) = −log(1 + e^(−z)), finite for every z."""
    return -np.logaddexp(0.0, -z)


def _bce_as_written(params, x, y):
    z = _f(params, x)["z21"]
    return float(-y * _log_sigmoid(z) + (1 - y) * _log_sigmoid(-z))  # log(1 − σ(z)) = log σ(−z)


def _bce_right(params, x, y):
    z = _f(params, x)["z21"]
    return float(-(y * _log_sigmoid(z) + (1 - y) * _log_sigmoid(-z)))


def _bce_reference(params, x, y):
    return loss(params, x, y, task=TASK)


# -- σ′ -----------------------------------------------------------------------------------------


def _sigma_prime_as_written(params, x, y):
    s = sigmoid(_f(params, x)["z21"])
    return float(s - (1 - s))


def _sigma_prime_right(params, x, y):
    s = sigmoid(_f(params, x)["z21"])
    return float(s * (1 - s))


def _sigma_prime_reference(params, x, y):
    """∂ŷ/∂z21 on the network's graph, by central differences."""
    return numerical_derivative(params, x, "yhat", "z21", task=TASK, h=H)


# -- ∂L/∂ŷ --------------------------------------------------------------------------------------


def _dL_dyhat_as_written(params, x, y):
    yhat = _f(params, x)["yhat"]
    return float(-(yhat - y) / (yhat * (1 - yhat)))


def _dL_dyhat_right(params, x, y):
    yhat = _f(params, x)["yhat"]
    return float((yhat - y) / (yhat * (1 - yhat)))


def _dL_dyhat_reference(params, x, y):
    """∂L/∂ŷ on the network's graph (L as a function of ŷ alone), by central differences."""
    return numerical_derivative(params, x, "L", "yhat", task=TASK, y=y, h=H)


# -- the label ∂z11/∂O11 ---------------------------------------------------------------------


def _label_as_written(params, x, y):
    """What the label names, ∂z11/∂O11, on the network's graph: 0 (z11 is computed before O11)."""
    return numerical_derivative(params, x, "z11", "O11", task=TASK, h=H)


def _label_right(params, x, y):
    """What the chain needs, ∂z11/∂w1_11, on the network's graph."""
    return numerical_derivative(params, x, "z11", "w1_11", task=TASK, h=H)


def _label_reference(params, x, y):
    """The right-hand side the notes work out under the label: ∂/∂w1_11 (w1_11·CGPA + …) = CGPA."""
    return float(x[0])


# -- the chain written for ∂L/∂w1_21 (before boxed (5)) ---------------------------------------


def _chain5_as_written(params, x, y):
    return float(_delta(params, x, y) * params["w2_11"] * x[1])


def _chain5_right(params, x, y):
    O11 = _f(params, x)["O11"]
    return float(_delta(params, x, y) * params["w2_11"] * O11 * (1 - O11) * x[1])


# -- the nine boxed results ---------------------------------------------------------------------


def _chain(name, params, x):
    """The product of the local derivatives after ∂L/∂z21 in the corrected ∂L/∂name."""
    f = _f(params, x)
    if name == "b21":
        return 1.0
    if name.startswith("w2_"):
        return f["O1" + name[3]]
    j = name[-1]  # the hidden unit: w1_ij and b1j feed unit j
    O = f["O1" + j]
    local = params[f"w2_{j}1"] * O * (1 - O)  # ∂z21/∂O1j · ∂O1j/∂z1j
    if name.startswith("w1_"):
        local = local * x[int(name[3]) - 1]  # ∂z1j/∂w1_ij = CGPA (i = 1) or IQ (i = 2)
    return local


def _boxed_right(name):
    def right(params, x, y):
        return float(_delta(params, x, y) * _chain(name, params, x))

    return right


def _boxed_as_written(name):
    """The notes' box: the corrected formula with the sign flipped, −(ŷ − y)·…"""

    def wrong(params, x, y):
        return float(-_delta(params, x, y) * _chain(name, params, x))

    return wrong


def _boxed6_as_written(params, x, y):
    """Box (6) also loses the factor w2_11: −(ŷ − y)·O11(1 − O11)."""
    O11 = _f(params, x)["O11"]
    return float(-_delta(params, x, y) * O11 * (1 - O11))


# LaTeX of each box: the chain after (ŷ − y), as the notes write it (O for their o).
_BOXES = [
    (1, "w2_11", r"w^2_{11}", r"O_{11}"),
    (2, "w2_21", r"w^2_{21}", r"O_{12}"),
    (3, "b21", r"b_{21}", None),
    (4, "w1_11", r"w^1_{11}", r"w^2_{11}\, O_{11}(1 - O_{11})\, \mathrm{CGPA}"),
    (5, "w1_21", r"w^1_{21}", r"w^2_{11}\, O_{11}(1 - O_{11})\, \mathrm{IQ}"),
    (6, "b11", r"b_{11}", r"w^2_{11}\, O_{11}(1 - O_{11})"),
    (7, "w1_12", r"w^1_{12}", r"w^2_{21}\, O_{12}(1 - O_{12})\, \mathrm{CGPA}"),
    (8, "w1_22", r"w^1_{22}", r"w^2_{21}\, O_{12}(1 - O_{12})\, \mathrm{IQ}"),
    (9, "b12", r"b_{12}", r"w^2_{21}\, O_{12}(1 - O_{12})"),
]


def _boxed_slip(k, name, tex, chain):
    lhs = rf"\frac{{\partial L}}{{\partial {tex}}}"
    tail = "" if chain is None else rf" \cdot {chain}"
    if k == 6:
        return Slip(
            part="classification",
            where="boxed result (6): ∂L/∂b₁₁ — the sign flipped and the factor w²₁₁ lost",
            as_written=rf"{lhs} = -(\hat y - y) \cdot O_{{11}}(1 - O_{{11}})",
            corrected=rf"{lhs} = (\hat y - y){tail}",
            wrong=_boxed6_as_written,
            right=_boxed_right(name),
            reference=_grad_ref(name),
            anchor="cls-slip-boxed-6",
            key="cls-boxed-6",
        )
    return Slip(
        part="classification",
        where=f"boxed result ({k}): ∂L/∂{symbol(name)} — the sign, carried over from ∂L/∂ŷ",
        as_written=rf"{lhs} = -(\hat y - y){tail}",
        corrected=rf"{lhs} = (\hat y - y){tail}",
        wrong=_boxed_as_written(name),
        right=_boxed_right(name),
        reference=_grad_ref(name),
        anchor="cls-slip-boxed-signs",
        key=f"cls-boxed-{k}",
    )


_DL_DYHAT = r"\frac{\partial L}{\partial \hat y}"

_LOSS = Slip(
    part="classification",
    where="the loss: binary cross-entropy — the bracket and the second minus are lost",
    as_written=r"L = -y \log \hat y + (1 - y) \log(1 - \hat y)",
    corrected=r"L = -\left[\, y \log \hat y + (1 - y) \log(1 - \hat y) \,\right]",
    wrong=_bce_as_written,
    right=_bce_right,
    reference=_bce_reference,
    anchor="cls-slip-loss",
    key="cls-loss",
)
_SIGMA_PRIME = Slip(
    part="classification",
    where="σ′(z), first line: a minus where a product belongs",
    as_written=r"\sigma'(z) = \sigma(z) - (1 - \sigma(z))",
    corrected=r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))",
    wrong=_sigma_prime_as_written,
    right=_sigma_prime_right,
    reference=_sigma_prime_reference,
    anchor="cls-slip-sigmoid-prime",
    key="cls-sigma-prime",
)
_DL_DYHAT_SIGN = Slip(
    part="classification",
    where="∂L/∂ŷ, last line of the derivation: a minus appears from nowhere",
    as_written=rf"{_DL_DYHAT} = -\frac{{\hat y - y}}{{\hat y (1 - \hat y)}}",
    corrected=rf"{_DL_DYHAT} = \frac{{\hat y - y}}{{\hat y (1 - \hat y)}}",
    wrong=_dL_dyhat_as_written,
    right=_dL_dyhat_right,
    reference=_dL_dyhat_reference,
    anchor="cls-slip-dl-dyhat",
    key="cls-dl-dyhat",
)
_CHAIN_5 = Slip(
    part="classification",
    where="the chain for ∂L/∂w¹₂₁ (before box (5)): the factor ∂O₁₁/∂z₁₁ is missing",
    as_written=(
        r"\frac{\partial L}{\partial w^1_{21}} = \frac{\partial L}{\partial \hat y}"
        r" \frac{\partial \hat y}{\partial z_{21}} \frac{\partial z_{21}}{\partial O_{11}}"
        r" \frac{\partial z_{11}}{\partial w^1_{21}}"
    ),
    corrected=(
        r"\frac{\partial L}{\partial w^1_{21}} = \frac{\partial L}{\partial \hat y}"
        r" \frac{\partial \hat y}{\partial z_{21}} \frac{\partial z_{21}}{\partial O_{11}}"
        r" \frac{\partial O_{11}}{\partial z_{11}} \frac{\partial z_{11}}{\partial w^1_{21}}"
    ),
    wrong=_chain5_as_written,
    right=_chain5_right,
    reference=_grad_ref("w1_21"),
    anchor="cls-slip-chain-5",
    key="cls-chain-w1-21",
)
_LABEL = Slip(
    part="classification",
    where="the chain for ∂L/∂w¹₁₁ (before box (4)): the last factor is labelled ∂z₁₁/∂O₁₁",
    as_written=(
        r"\frac{\partial z_{11}}{\partial O_{11}} = \frac{\partial}{\partial O_{11}}"
        r"\left(w^1_{11}\,\mathrm{CGPA} + w^1_{21}\,\mathrm{IQ} + b_{11}\right) = \mathrm{CGPA}"
    ),
    corrected=(
        r"\frac{\partial z_{11}}{\partial w^1_{11}} = \frac{\partial}{\partial w^1_{11}}"
        r"\left(w^1_{11}\,\mathrm{CGPA} + w^1_{21}\,\mathrm{IQ} + b_{11}\right) = \mathrm{CGPA}"
    ),
    wrong=_label_as_written,
    right=_label_right,
    reference=_label_reference,
    anchor="cls-slip-label",
    key="cls-label-w1-11",
)
_BOXED = {k: _boxed_slip(k, *rest) for k, *rest in _BOXES}

SLIPS = [
    _LOSS,
    _DL_DYHAT_SIGN,
    _SIGMA_PRIME,
    _BOXED[1],
    _BOXED[2],
    _BOXED[3],
    _LABEL,
    _BOXED[4],
    _CHAIN_5,
    _BOXED[5],
    _BOXED[6],
    _BOXED[7],
    _BOXED[8],
    _BOXED[9],
]
"""Every slip of the notes' classification part, in the order the notes make them."""

EXAMPLE = (dict(INITIAL_PARAMS), X_CLS[0].copy(), float(Y_CLS[0]))
"""The chapter's worked example (the first row of the table, placed = 0): every slip shows there."""
