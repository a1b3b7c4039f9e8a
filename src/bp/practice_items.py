"""The practice items of every chapter page (`bp.practice`), each where its page has just taught it.

`PAGES` maps a page (its notebook's name) to its items, each with an answer that is right and one
known slip (its text and the id the checker names), which the tests feed the page. Every number
in a question or an answer is computed here with `bp`, never typed. `CHAPTERS` lists each
chapter's pages, first page first, for `bp.practice.progress`.
"""

from __future__ import annotations

import functools
import math
from typing import NamedTuple

import numpy as np

from . import mlp
from .autodiff import Value
from .data import X_CLS, X_REG, Y_REG
from .graph import computational_graph, count_multiplications, paths_to_loss
from .network import INITIAL_PARAMS, forward, gradients, train
from .practice import Choice, Formula, Matrix, Number, Shape

R, C = "regression", "classification"

CHAPTERS = {
    "chain_rule": ("chain_rule", "chain_rule_graph", "chain_rule_autodiff"),
    "regression": ("regression", "regression_training", "regression_linear", "regression_slips"),
    "classification": ("classification", "classification_gradients", "classification_training", "classification_slips"),
    "any_network": (
        "any_network",
        "any_network_cost",
        "any_network_softmax",
        "any_network_depth",
        "any_network_tools",
        "any_network_digits",
    ),
}
"""Each chapter's pages, its first page first (the one that shows `bp.practice.progress`)."""


class Example(NamedTuple):
    """A practice item, an answer that is right, and one known slip: its text and its id."""

    item: object
    right: str
    slip: str
    slip_id: str


def _g(v):
    return f"{v:.6g}"


def _worked():
    """The worked row of the regression chapter: its forward values and the nine gradients."""
    x, y = X_REG[0], float(Y_REG[0])
    return x, y, forward(INITIAL_PARAMS, x, task=R), gradients(INITIAL_PARAMS, x, y, task=R)


def _formula(id, name, task, prompt, right, slip, slip_id, loss=None):
    return Example(Formula(id, prompt, name, task, loss), right, slip, slip_id)


def _chain_rule():
    x, y, f, g = _worked()
    deep = len(paths_to_loss("w1_11", computational_graph([2, 2, 2, 1])))
    return [
        _formula(
            "dL_db21",
            "b21",
            R,
            "The regression network, L = ½(y − ŷ)²: type ∂L/∂b₂₁, the first link of "
            "every chain (in the names yhat, y …).",
            "yhat - y",
            "y - yhat",
            "sign",
        ),
        Example(
            Number(
                "dL_dyhat",
                f"The worked row has y = {_g(y)} and ŷ = {_g(f['yhat'])}. What is ∂L/∂ŷ there?",
                f["yhat"] - y,
                1e-3,
                {
                    "sign": (y - f["yhat"], "the sign is wrong: ∂L/∂ŷ = ŷ − y, not y − ŷ"),
                    "factor_2": (2 * (f["yhat"] - y), "a factor 2 too many: the ½ of the loss cancels it"),
                },
            ),
            _g(f["yhat"] - y),
            _g(2 * (f["yhat"] - y)),
            "factor_2",
        ),
        Example(
            Number(
                "paths_2221",
                "In a network 2-2-2-1 (two hidden layers of two units), how many paths lead from w¹₁₁ to L?",
                deep,
                0,
                {
                    "one": (
                        1,
                        "w¹₁₁ feeds one unit of the first hidden layer, but that unit feeds both units of "
                        "the second: one path through each",
                    )
                },
            ),
            str(deep),
            "1",
            "one",
        ),
    ]


def _chain_rule_graph():
    count = count_multiplications([2, 2, 1])
    return [
        _formula(
            "dL_dw2_21",
            "w2_21",
            R,
            "Backwards from L on the graph: type ∂L/∂w²₂₁ for the regression network.",
            "(yhat - y) * O12",
            "(yhat - y) * O11",
            "replaced:O12->O11",
        ),
        Example(
            Number(
                "reuse_221",
                "With backpropagation's reuse (one multiplication per arrow, as bp.graph counts), "
                "how many multiplications do all nine gradients of the 2-2-1 network cost?",
                count["reuse"],
                0,
                {"path_by_path": (count["path_by_path"], "that is the count path by path, with no reuse")},
            ),
            str(count["reuse"]),
            str(count["path_by_path"]),
            "path_by_path",
        ),
    ]


def _chain_rule_autodiff():
    _, _, _, g = _worked()
    a = Value(2.0)
    c = a * a * a
    c.backward()
    paths = len(paths_to_loss("w1_11", computational_graph([2, 3, 3, 1])))
    return [
        Example(
            Number(
                "dL_db12",
                "Exercise 1 in the page: ∂L/∂b₁₂ of the regression network on the worked row "
                "(four decimals are enough).",
                g["b12"],
                1e-3,
                {
                    "sign": (-g["b12"], "the sign is wrong: ∂L/∂ŷ = ŷ − y"),
                    "replaced:w2_21->w2_11": (
                        g["b11"],
                        "the other hidden unit's weight: w²₁₁ where the chain rule gives w²₂₁",
                    ),
                },
            ),
            _g(g["b12"]),
            _g(-g["b12"]),
            "sign",
        ),
        _formula(
            "dL_dw1_21_cls",
            "w1_21",
            C,
            "Exercise 2 in the page: ∂L/∂w¹₂₁ of the classification network "
            "(sigmoid units, cross-entropy, so ∂L/∂z₂₁ = ŷ − y).",
            "(yhat - y) * w2_11 * O11 * (1 - O11) * IQ",
            "(yhat - y) * w2_11 * IQ",
            "missing:dO11/dz11",
        ),
        Example(
            Number(
                "dc_da",
                "Exercise 3: c = a·a·a at a = 2, computed as m = a·a, then c = m·a. What is dc/da, "
                "the sum over its paths?",
                a.grad,
                1e-9,
                {
                    "overwrite": (4.0, "that is one path's worth: the three paths' products add (the rules' +=)"),
                    "two_paths": (8.0, "two of the three paths: the one straight from a into c counts too"),
                },
            ),
            _g(a.grad),
            "4",
            "overwrite",
        ),
        Example(
            Number(
                "paths_2331",
                "Exercise 4: in a network 2-3-3-1, how many paths lead from w¹₁₁ to L?",
                paths,
                0,
                {
                    "nine": (
                        9,
                        "w¹₁₁ feeds only one unit of the first hidden layer: the paths branch once, at the second",
                    )
                },
            ),
            str(paths),
            "9",
            "nine",
        ),
    ]


def _regression():
    x, y, f, g = _worked()
    L = 0.5 * (y - f["yhat"]) ** 2
    return [
        _formula(
            "dL_dw2_11",
            "w2_11",
            R,
            "Output layer: type ∂L/∂w²₁₁ (L = ½(y − ŷ)²).",
            "(yhat - y) * O11",
            "2(yhat - y) O11",
            "factor_2",
        ),
        _formula(
            "dL_dw1_12",
            "w1_12",
            R,
            "Hidden layer: type ∂L/∂w¹₁₂, from input 1 (CGPA) to hidden unit 2.",
            "(ŷ - y) * w²₂₁ * CGPA",
            "(yhat - y) * w2_21 * IQ",
            "replaced:CGPA->IQ",
        ),
        Example(
            Number(
                "loss_worked",
                f"The worked row: y = {_g(y)}, ŷ = {_g(f['yhat'])}. What is its loss L = ½(y − ŷ)²?",
                L,
                0.01,
                {"no_half": (2 * L, "no ½: the loss is ½(y − ŷ)²")},
            ),
            _g(L),
            _g(2 * L),
            "no_half",
        ),
    ]


@functools.cache
def _diverging(etas):
    return {eta: train(INITIAL_PARAMS, X_REG, Y_REG, task=R, eta=eta, epochs=1000).diverged for eta in etas}


def _regression_training():
    _, _, _, g = _worked()
    eta = 0.001
    new_b21 = INITIAL_PARAMS["b21"] - eta * g["b21"]
    runs = _diverging((5e-4, 1e-3, 2e-3, 5e-3))
    options = tuple(f"η = {e:g}" for e in runs)
    (answer,) = (f"η = {e:g}" for e, d in runs.items() if d)
    why = {f"η = {e:g}": "that one converges in the explorer: try it" for e, d in runs.items() if not d}
    return [
        Example(
            Number(
                "step_b21",
                f"One step of gradient descent with η = {eta:g} on the worked row: b₂₁ starts at "
                f"{INITIAL_PARAMS['b21']:g} and ∂L/∂b₂₁ = {_g(g['b21'])}. What is the new b₂₁?",
                new_b21,
                1e-7,
                {"sign": (INITIAL_PARAMS["b21"] + eta * g["b21"], "a step up the slope: w_new = w_old − η ∂L/∂w")},
            ),
            _g(new_b21),
            _g(INITIAL_PARAMS["b21"] + eta * g["b21"]),
            "sign",
        ),
        Example(
            Choice(
                "diverges",
                "Predict with the explorer (the unscaled table, 1000 epochs, the starting weights): "
                "which of these learning rates diverges?",
                options,
                answer,
                why,
            ),
            answer,
            options[0],
            options[0],
        ),
        _formula(
            "dL_db11",
            "b11",
            R,
            "The δ pattern: type ∂L/∂b₁₁, which is δ₁₁ itself.",
            "(yhat - y) * w2_11",
            "(yhat - y) * w2_11 * O11",
            "extra:O11",
        ),
    ]


def _linear_coefficients(p):
    """(a, b) of the linear network ŷ = a·CGPA + b·IQ + c: the weights from each input, through both units."""
    return (p["w2_11"] * p["w1_11"] + p["w2_21"] * p["w1_12"], p["w2_11"] * p["w1_21"] + p["w2_21"] * p["w1_22"])


def _regression_linear():
    a, b = _linear_coefficients(INITIAL_PARAMS)
    twins = ("they stay equal", "they move apart", "it depends on η")
    return [
        Example(
            Number(
                "coef_a",
                "The linear network is ŷ = a·CGPA + b·IQ + c. With the starting weights, what is a?",
                a,
                1e-9,
                {"b": (b, "that is b, the coefficient of IQ: a collects the weights from CGPA")},
            ),
            _g(a),
            _g(b),
            "b",
        ),
        Example(
            Choice(
                "twins",
                "Two hidden units start as twins (equal weights in and out). After one SGD step on any "
                "row, what of them?",
                twins,
                twins[0],
                {
                    twins[1]: "their gradients are equal, formula by formula, so they move alike",
                    twins[2]: "any η moves both by η times equal gradients",
                },
            ),
            twins[0],
            twins[1],
            twins[1],
        ),
        _formula(
            "dL_db12",
            "b12",
            R,
            "Type ∂L/∂b₁₂ of the regression network.",
            "(yhat - y) w2_21",
            "(yhat - y) * w1_12",
            "replaced:w2_21->w1_12",
        ),
    ]


def _regression_slips():
    a, b = _linear_coefficients(INITIAL_PARAMS)
    rates = ("they halve", "they double", "they stay")
    return [
        _formula(
            "ex1_w1_22",
            "w1_22",
            R,
            "Exercise 1 in the page: the notes' box (8), repaired. Type ∂L/∂w¹₂₂.",
            "-(y - yhat) * w2_21 * IQ",
            "(yhat - y) * w1_22 * IQ",
            "replaced:w2_21->w1_22",
        ),
        _formula(
            "ex2_w1_21",
            "w1_21",
            R,
            "Exercise 2 in the page: type ∂L/∂w¹₂₁, δ₁₁ times the input it carries.",
            "(yhat - y) * w2_11 * IQ",
            "(yhat - y) * w2_11 * CGPA",
            "replaced:IQ->CGPA",
        ),
        Example(
            Number(
                "ex4_b",
                "Exercise 4: with the starting weights, the coefficient b of IQ in ŷ = a·CGPA + b·IQ + c?",
                b,
                1e-9,
                {"a": (a, "that is a, the coefficient of CGPA")},
            ),
            _g(b),
            _g(a),
            "a",
        ),
        Example(
            Choice(
                "ex5_no_half",
                "Exercise 5: with L = (y − ŷ)² (no ½), what happens to the η boundaries of the explorer's runs?",
                rates,
                rates[0],
                {
                    rates[1]: "every gradient doubles, so the same η makes steps twice as long: the limits fall",
                    rates[2]: "every gradient doubles: a step with η is the old loss's step with 2η",
                },
            ),
            rates[0],
            rates[1],
            rates[1],
        ),
    ]


def _classification():
    s = 0.8
    return [
        _formula(
            "dL_db21_cls",
            "b21",
            C,
            "Sigmoid output, cross-entropy: type ∂L/∂b₂₁ = ∂L/∂z₂₁.",
            "yhat - y",
            "(yhat - y) * yhat * (1 - yhat)",
            "extra:dyhat/dz21",
        ),
        Example(
            Number(
                "sigma_prime",
                f"The σ′ step: a sigmoid unit outputs O = σ(z) = {s:g}. What is σ′(z)?",
                s * (1 - s),
                1e-9,
                {
                    "plus": (s * (1 + s), "σ′ is O(1 − O), not O(1 + O)"),
                    "minus": (s - (1 - s), "σ′ is O(1 − O), a product, not σ − (1 − σ)"),
                },
            ),
            _g(s * (1 - s)),
            _g(s * (1 + s)),
            "plus",
        ),
        Example(
            Number(
                "dL_dyhat_ce",
                "Cross-entropy on a row with y = 1 and ŷ = 0.25: what is ∂L/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ)?",
                -1 / 0.25,
                1e-9,
                {"sign": (1 / 0.25, "the sign is wrong: L = −log ŷ falls as ŷ grows")},
            ),
            "-4",
            "4",
            "sign",
        ),
    ]


def _classification_gradients():
    return [
        _formula(
            "dL_db11_cls",
            "b11",
            C,
            "Type ∂L/∂b₁₁ of the classification network (cross-entropy).",
            "(yhat - y) * w2_11 * O11 * (1 - O11)",
            "(yhat - y) * w2_11",
            "missing:dO11/dz11",
        ),
        _formula(
            "dL_dw1_12_cls",
            "w1_12",
            C,
            "Type ∂L/∂w¹₁₂ (from CGPA to hidden unit 2; σ(z) written sigma(z) if you like).",
            "(yhat - y) w2_21 sigma(z12)(1 - sigma(z12)) CGPA",
            "(yhat - y) * w2_21 * z12 * (1 - z12) * CGPA",
            "replaced:dO12/dz12->z12(1-z12)",
        ),
    ]


def _classification_training():
    yhat, y = 0.02, 1.0
    sq = (yhat - y) * yhat * (1 - yhat)
    return [
        _formula(
            "dL_dw2_11_sq",
            "w2_11",
            C,
            "Squared error ½(y − ŷ)² on the sigmoid output: type ∂L/∂w²₁₁.",
            "(yhat - y) * yhat * (1 - yhat) * O11",
            "(yhat - y) * O11",
            "missing:dyhat/dz21",
            loss="squared",
        ),
        Example(
            Number(
                "dz21_sq",
                f"Squared error on a sigmoid output, a row with y = {y:g} and ŷ = {yhat:g}: what is ∂L/∂z₂₁?",
                sq,
                1e-6,
                {
                    "ce": (yhat - y, "that is cross-entropy's ŷ − y: squared error keeps the factor ŷ(1 − ŷ)"),
                    "sign": (-sq, "the sign is wrong: ∂L/∂ŷ = ŷ − y"),
                },
            ),
            _g(sq),
            _g(yhat - y),
            "ce",
        ),
    ]


def _saturated():
    """Exercise 5's choice: which gradients of the first row vanish with ten times the starting weights."""
    big = {n: 10 * v for n, v in INITIAL_PARAMS.items()}
    g = gradients(big, X_CLS[0], 0.0, task=C)
    tiny = {n for n, v in g.items() if abs(v) < 1e-6}
    options = {
        "w¹₁₁, w¹₂₁ and b₁₁ (into hidden unit 1)": {"w1_11", "w1_21", "b11"},
        "w¹₁₂, w¹₂₂ and b₁₂ (into hidden unit 2)": {"w1_12", "w1_22", "b12"},
        "the output layer's, w²₁₁, w²₂₁ and b₂₁": {"w2_11", "w2_21", "b21"},
    }
    (answer,) = (text for text, names in options.items() if names == tiny)
    why = {
        text: "that unit (or layer) is not saturated: its σ′ is not near 0, so its gradients stay of order 1"
        for text in options
        if text != answer
    }
    return Choice(
        "ex5_saturation",
        "Exercise 5: multiply all nine starting weights by 10 and take the first row "
        "(y = 0). Which gradients become tiny (below 10⁻⁶)?",
        tuple(options),
        answer,
        why,
    )


def _classification_slips():
    saturated = _saturated()
    yhat = 0.02
    ratio = 1 / (yhat * (1 - yhat))
    moves = ("ŷ goes up", "ŷ goes down", "ŷ does not move")
    return [
        _formula(
            "ex1_w1_22_cls",
            "w1_22",
            C,
            "Exercise 1 in the page: box (8) repaired. Type ∂L/∂w¹₂₂ (cross-entropy).",
            "(yhat - y) * w2_21 * O12 * (1 - O12) * IQ",
            "-(yhat - y) * w2_21 * O12 * (1 - O12) * IQ",
            "sign",
        ),
        _formula(
            "ex2_b11_cls",
            "b11",
            C,
            "Exercise 2 in the page: box (6), sign fixed, then repaired. Type ∂L/∂b₁₁.",
            "(ŷ - y) * w²₁₁ * O₁₁(1 - O₁₁)",
            "(yhat - y) * O11 * (1 - O11)",
            "missing:w2_11",
        ),
        Example(
            Number(
                "ex3_ratio",
                f"Exercise 3: y = 1, ŷ = {yhat:g}. How many times stronger is the cross-entropy "
                "signal ∂L/∂z₂₁ than squared error's?",
                ratio,
                0.01,
                {"inverse": (1 / ratio, "that is squared error's signal over cross-entropy's: the other way up")},
            ),
            _g(ratio),
            _g(1 / ratio),
            "inverse",
        ),
        Example(
            Choice(
                "ex4_direction",
                "Exercise 4: trained on the notes' loss as written, −y log ŷ + (1 − y) log(1 − ŷ), a "
                "row with y = 0: which way does one gradient step move ŷ?",
                moves,
                moves[0],
                {moves[1]: "for y = 0 that loss is log(1 − ŷ), whose slope in z₂₁ is −ŷ: descent pushes z₂₁ up"},
            ),
            moves[0],
            moves[1],
            moves[1],
        ),
        Example(saturated, saturated.answer, saturated.options[2], saturated.options[2]),
    ]


_HIDDEN = "Type δ¹ for a batch, (BP2): the arrays are delta2 (n × n₂), W1, W2 and O1 (n × n₁, sigmoid units)."
_WEIGHT = "Type ∂L/∂W¹ for a batch, (BP3) with the mean over the rows: the arrays are X (n × n₀) and delta1 (n × n₁)."


def _any_network():
    return [
        Example(
            Shape(
                "shape_W2",
                "A network 4-3-2 (4 inputs, 3 hidden units, 2 outputs), z = aW + b: what is the shape of W²?",
                (3, 2),
            ),
            "(3, 2)",
            "(2, 3)",
            "transposed",
        ),
        Example(
            Shape(
                "shape_delta1",
                "The same network on a batch of 5 rows: the shape of Δ¹, the hidden layer's errors?",
                (5, 3),
                {"delta2": ((5, 2), "that is Δ²'s shape: Δ¹ has one column per hidden unit")},
            ),
            "5, 3",
            "(5, 2)",
            "delta2",
        ),
        Example(
            Matrix("bp2", _HIDDEN, "hidden_error"),
            "(delta2 @ W2.T) * O1 * (1 - O1)",
            "(delta2 @ W2) * O1 * (1 - O1)",
            "no_transpose",
        ),
    ]


def _any_network_cost():
    m = mlp.multiplications([3, 5, 4, 1])
    weights = 3 * 5 + 5 * 4 + 4 * 1
    return [
        Example(
            Number(
                "params_3541",
                "How many parameters P has a network 3-5-4-1 (weights and biases)?",
                m["parameters"],
                0,
                {"weights": (weights, "those are the weights only: add a bias per unit")},
            ),
            str(m["parameters"]),
            str(weights),
            "weights",
        ),
        Example(
            Number(
                "central_3541",
                f"A forward pass of the 3-5-4-1 network on one row costs {m['forward']} "
                "multiplications. How many does one gradient by central differences cost?",
                m["central"],
                0,
                {
                    "one_side": (
                        m["central"] // 2,
                        "that is P forward passes: central differences take two per parameter, w + h and w − h",
                    )
                },
            ),
            str(m["central"]),
            str(m["central"] // 2),
            "one_side",
        ),
    ]


def _any_network_softmax():
    logits = [0.0, math.log(2), math.log(3)]
    p = mlp.softmax(np.array(logits))
    verdicts = ("no", "yes")
    return [
        Example(
            Number(
                "p2",
                "Exercise 1: logits z = (0, ln 2, ln 3). What is p₂, the probability of class 2 (counting from 0)?",
                float(p[2]),
                1e-6,
                {"p1": (float(p[1]), "that is p₁")},
            ),
            _g(float(p[2])),
            _g(float(p[1])),
            "p1",
        ),
        Example(
            Number(
                "loss_p2",
                "The same row has label 2: its loss L = −log p₂?",
                -math.log(p[2]),
                1e-6,
                {"sign": (math.log(p[2]), "the sign is wrong: a loss −log p is never negative")},
            ),
            _g(-math.log(p[2])),
            _g(math.log(p[2])),
            "sign",
        ),
        Example(
            Choice(
                "ex2_pair",
                "Exercise 2: squared error on a softmax output. Is δᴰ = p − y?",
                verdicts,
                "no",
                {"yes": "only the matched pair (softmax with cross-entropy) cancels the Jacobian"},
            ),
            "no",
            "yes",
            "yes",
        ),
    ]


def _any_network_depth():
    depth = 10
    bound = 0.25**depth
    grads = [0.2, -0.4, 0.6, 1.0]
    return [
        Example(
            Number(
                "vanish",
                f"σ′ is at most 0.25. Through {depth} sigmoid layers, by how much at most do those "
                "factors shrink the error (their product)?",
                bound,
                1e-9,
                {"sum": (0.25 * depth, "a sum: along one path the factors multiply")},
            ),
            _g(bound),
            _g(0.25 * depth),
            "sum",
        ),
        Example(
            Number(
                "batch_mean",
                f"A batch of {len(grads)} rows gives one weight the row gradients "
                f"{', '.join(map(str, grads))}. Its gradient for the batch (the loss is the mean)?",
                sum(grads) / len(grads),
                1e-9,
                {"sum": (sum(grads), "a sum for a mean: divide by the n rows")},
            ),
            _g(sum(grads) / len(grads)),
            _g(sum(grads)),
            "sum",
        ),
        Example(
            Shape(
                "shape_dW2",
                "A network 3-5-4-1 on a batch of 8 rows: the shape of ∂L/∂W²?",
                (5, 4),
                {"delta2": ((8, 4), "that is Δ²'s shape: the gradient has W²'s shape")},
            ),
            "(5, 4)",
            "(4, 5)",
            "transposed",
        ),
    ]


def _any_network_tools():
    return [
        Example(
            Matrix("ex1_bp2", "Exercise 1 in the page. " + _HIDDEN, "hidden_error"),
            "(δ² @ W²ᵀ) * O¹ * (1 - O¹)",
            "delta2 @ W2.T",
            "no_act_prime",
        ),
        Example(
            Matrix("ex2_bp3", "Exercise 2 in the page. " + _WEIGHT, "weight_gradient"),
            "X.T @ delta1 / n",
            "X.T @ delta1",
            "sum",
        ),
        Example(
            Shape("ex3_W1", "Exercise 3: a network 3-5-4-1. The shape of W¹?", (3, 5)),
            "(3, 5)",
            "(5, 3)",
            "transposed",
        ),
    ]


def _any_network_digits():
    p, label = {3: 0.6, 5: 0.3, 8: 0.1}, 3
    return [
        Example(
            Number(
                "ex1_delta3",
                "Exercise 1: a test image of a 3 gets the probabilities 0.6 for 3, 0.3 for 5, 0.1 for "
                "8. What is the entry of its row of Δᴰ = P − Y at digit 3?",
                p[label] - 1,
                1e-9,
                {
                    "sign": (1 - p[label], "the sign is wrong: δᴰ = p − y"),
                    "no_label": (p[label], "that is p alone: subtract y, which is 1 at the label"),
                },
            ),
            _g(p[label] - 1),
            _g(1 - p[label]),
            "sign",
        ),
        Example(
            Shape("W1_digits", "The network is 64-32-10 (8 × 8 pixels in, ten digits out): the shape of W¹?", (64, 32)),
            "(64, 32)",
            "(32, 64)",
            "transposed",
        ),
    ]


_BUILDERS = {
    "chain_rule": _chain_rule,
    "chain_rule_graph": _chain_rule_graph,
    "chain_rule_autodiff": _chain_rule_autodiff,
    "regression": _regression,
    "regression_training": _regression_training,
    "regression_linear": _regression_linear,
    "regression_slips": _regression_slips,
    "classification": _classification,
    "classification_gradients": _classification_gradients,
    "classification_training": _classification_training,
    "classification_slips": _classification_slips,
    "any_network": _any_network,
    "any_network_cost": _any_network_cost,
    "any_network_softmax": _any_network_softmax,
    "any_network_depth": _any_network_depth,
    "any_network_tools": _any_network_tools,
    "any_network_digits": _any_network_digits,
}


@functools.cache
def examples(page):
    """The page's items, each an `Example` (the item, a right answer, one slip and its id)."""
    if page not in _BUILDERS:
        raise KeyError(f"no practice items for page {page!r}; pages: {', '.join(_BUILDERS)}")
    return tuple(_BUILDERS[page]())


def items(page):
    """The practice items of ``page``, in the order the page shows them."""
    return [e.item for e in examples(page)]


PAGES = tuple(_BUILDERS)
"""Every page with practice items (every chapter page)."""

__all__ = ["CHAPTERS", "PAGES", "Example", "examples", "items"]
