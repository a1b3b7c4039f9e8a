"""What tests/node/practice.test.mjs checks the practice widget's judges against: Python's verdicts.

- ``practice_tables``: `bp.exercises.judge_table` for every parameter and setting, and the two
  any-network tables, as the page gets them (a `Formula` or `Matrix` item's state).
- ``practice_catalogue``: formulas as a learner types them, each with the verdict
  `bp.check_gradient` gives on the *Python function* they stand for: every candidate slip set of
  every table written out as a product (thousands), the right formula of each, and the formulas of
  tests/test_check_gradient.py's catalogues (wrong ones, right ones in unusual forms, ones that
  must not be named), translated from their Python source into the page's notation and judged in
  Python through the catalogue's own functions.
- ``practice_matrix``: matrix formulas in NumPy notation (which the page reads too), with the
  verdict of `bp.mlp_exercises.check_hidden_error` / `check_weight_gradient` on the same text
  evaluated by NumPy.
- ``practice_items``: every page's items (their state) with a right answer and one slip each.
- ``practice_numbers``: numbers, shapes and options with `bp.practice`'s verdicts.
"""

from __future__ import annotations

import ast
import math
import re
import sys
from pathlib import Path

import numpy as np

import bp
from bp import exercises, mlp_exercises, practice, practice_items
from bp.network import PARAM_NAMES

SETTINGS = [("regression", "squared"), ("classification", "squared"), ("classification", "cross_entropy")]
TESTS = Path(__file__).resolve().parents[1]


def key(name, task, loss):
    return f"{name}|{task}|{loss}"


def _tables():
    out = {key(n, t, l): exercises.judge_table(n, t, l) for t, l in SETTINGS for n in PARAM_NAMES}
    out["hidden_error"] = mlp_exercises.hidden_error_table()
    out["weight_gradient"] = mlp_exercises.weight_gradient_table()
    return out


# -- the candidates as typed text ------------------------------------------------------------------


def _factor_text(k, loss):
    """One factor of the chain (a key of bp.exercises' atoms) as the page's text."""
    if k == "dL/dyhat":
        return "(-y/yhat + (1 - y)/(1 - yhat))" if loss == "cross_entropy" else "(yhat - y)"
    if k.startswith("d") and "/dz" in k:
        out = k[1:].split("/d")[0]
        return f"{out}*(1 - {out})"
    if k.startswith("2*"):
        return f"(2*{k[2:-2]} - 1)"
    m = re.fullmatch(r"(\w+)\(1([+-])\1\)", k)
    if m:
        return f"{m[1]}*(1 {m[2]} {m[1]})"
    return k


def _candidate_text(chain, slips, loss):
    coef, keys = exercises._formula(chain, slips)
    sign = "-" if coef < 0 else ""
    two = "2*" if abs(coef) == 2 else ""
    return sign + two + " * ".join(_factor_text(k, loss) for k in keys)


def _function(text, task):
    """A generated formula (ASCII, * everywhere) as fn(params, x, y) for check_gradient."""
    code = compile(text.replace("^", "**"), "<formula>", "eval")
    fns = {"sigma": bp.sigmoid, "exp": math.exp, "log": math.log}
    return lambda params, x, y: eval(code, fns, exercises._symbols(params, x, y, task))  # noqa: S307


def _verdict(r):
    return {"ok": r.ok, "slips": list(r.slips), "message": r.message}


SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _in_symbols(text):
    """The same formula as the notes write it: ŷ, w²₁₁, O₁₁, the minus sign, implicit products."""
    text = re.sub(r"w([12])_(\d\d)", lambda m: "w" + "¹²"[int(m[1]) - 1] + m[2].translate(SUB), text)
    text = re.sub(r"\b([Oz])(\d\d)\b", lambda m: m[1] + m[2].translate(SUB), text)
    return text.replace("yhat", "ŷ").replace(" * ", " ").replace("2*(", "2(").replace(" - ", " − ")


def _generated(pair_stride):
    """Every candidate with one slip, every pair_stride-th with two, and each right formula, typed as a
    product; every third of them also in the notes' symbols."""
    cases = []
    for task, loss in SETTINGS:
        for name in PARAM_NAMES:
            chain = exercises._chain(name, task)
            sets = [(), *exercises._candidates(name, task, loss)]
            for i, slips in enumerate(sets):
                if len(slips) == 2 and i % pair_stride:
                    continue
                text = _candidate_text(chain, slips, loss)
                v = _verdict(bp.check_gradient(_function(text, task), name, task=task, loss=loss))
                cases.append({"table": key(name, task, loss), "text": text, "from": "candidate", **v})
                if i % 3 == 0:
                    cases.append({"table": key(name, task, loss), "text": _in_symbols(text), "from": "symbols", **v})
    return cases


# -- the test catalogues, from their Python source ---------------------------------------------------

REWRITES = [
    (r"dL_dyhat\(v, y\)", "(-(y / yhat - (1 - y) / (1 - yhat)))"),
    (r"_sigma_prime_from_z\(v\.(\w+)\)", r"(exp(-\1) / (1 + exp(-\1))^2)"),
    (r"bp\.sigmoid\(-v\.(\w+)\)", r"sigma(-\1)"),
    (r"bp\.sigmoid\(v\.(\w+)\)", r"sigma(\1)"),
    (r"sp\(v\.(\w+)\)", r"\1(1 - \1)"),  # O11(1 − O11), as the notes write σ′
    (r'p\["(\w+)"\]', r"\1"),
    (r"v\.(\w+)", r"\1"),
    (r"(\d) \* \(", r"\1(", 1),  # 2 * (ŷ − y) typed 2(ŷ − y), an implicit product
]


def _typed(body):
    """A catalogue lambda's body (Python source) as the page's text, or None if it is not a formula."""
    text = body
    for rule in REWRITES:
        text = re.sub(rule[0], rule[1], text, count=rule[2] if len(rule) > 2 else 0)
    return None if re.search(r"np\.|bp\.|\[|_by_hand|\blambda\b", text) else text


def _catalogue_lambdas():
    """(list name, index, body source) of every `lambda v, p, y: …` in the catalogues' source."""
    source = (TESTS / "test_check_gradient.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    out = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in (
            "CATALOGUE",
            "NOTES",
            "RIGHT",
            "UNNAMED",
        ):
            for i, entry in enumerate(node.value.elts):
                lam = next((n for n in ast.walk(entry) if isinstance(n, ast.Lambda)), None)
                if lam is not None and [a.arg for a in lam.args.args] == ["v", "p", "y"]:
                    out.append((node.targets[0].id, i, ast.get_source_segment(source, lam.body)))
    return out


def _catalogue():
    sys.path.insert(0, str(TESTS))
    import test_check_gradient as tc

    cases, left_out = [], []
    for which, i, body in _catalogue_lambdas():
        entry = getattr(tc, which)[i]
        name, task, loss, fn = entry[0], entry[1], entry[2], entry[3]
        text = _typed(body)
        if text is None:
            left_out.append(f"{which}[{i}]: {body}")
            continue
        if which in ("CATALOGUE", "UNNAMED"):
            fn = tc.formula(task, fn)  # these hold bodies; NOTES and RIGHT hold whole functions
        r = bp.check_gradient(fn, name, task=task, loss=loss)
        cases.append({"table": key(name, task, loss), "text": text, "from": which, **_verdict(r)})
    return cases, left_out


def catalogue():
    cases, left_out = _catalogue()
    return {"cases": _generated(4) + cases, "left_out": left_out}


# -- matrices ------------------------------------------------------------------------------------

HIDDEN = [
    "(delta2 @ W2.T) * O1 * (1 - O1)",
    "(W2 @ delta2.T).T * (O1 - O1**2)",
    "delta2 @ W2.T * O1 * (1 - O1)",
    "(delta2 @ W2) * O1 * (1 - O1)",
    "delta2 @ W2.T",
    "(delta2 @ W1.T) * O1 * (1 - O1)",
    "(delta2 @ W1) * O1 * (1 - O1)",
    "delta2 @ W2",
    "-(delta2 @ W2.T) * O1 * (1 - O1)",
    "(delta2 @ W2.T) * O1 * (1 + O1)",
    "(W2 @ delta2.T).T * O1 * (O1 - 1)",
    "-(delta2 @ W1) * O1",
    "O1 * 0.5",
    "(delta2 @ W2.T) * O1 * (1 - O1) * 2",
    "((delta2 @ W2.T) * O1 * (1 - O1)).T",
    "(delta2 @ W2.T) @ (O1 * (1 - O1))",
    "delta2",
    "0.25",
    "(delta2 @ W2.T) * sigma(O1)",
]
WEIGHT = [
    "X.T @ delta1 / n",
    "(delta1.T @ X).T / n",
    "X.T @ delta1",
    "delta1.T @ X / n",
    "delta1.T @ X",
    "X.T @ delta1 / 3",
    "X @ delta1.T / n",
    "X.T @ delta1 * n",
    "1/n * X.T @ delta1",
]


def _numpy_fn(text, args):
    code = compile(text, "<matrix>", "eval")
    env = {"sigma": bp.sigmoid, "exp": np.exp, "log": np.log}
    return lambda *values: eval(code, dict(env), dict(zip(args, values, strict=True), n=len(values[0])))  # noqa: S307


def matrix():
    cases = []
    for which, texts, check in (
        ("hidden_error", HIDDEN, mlp_exercises.check_hidden_error),
        ("weight_gradient", WEIGHT, mlp_exercises.check_weight_gradient),
    ):
        args = _tables()[which]["args"]
        for text in texts:
            r = check(_numpy_fn(text, args))
            cases.append({"table": which, "text": text, **_verdict(r)})
    return {"cases": cases}


def items():
    return {
        page: [
            {"item": e.item.state(), "right": e.right, "slip": e.slip, "slip_id": e.slip_id}
            for e in practice_items.examples(page)
        ]
        for page in practice_items.PAGES
    }


def numbers():
    cases = []
    for page in practice_items.PAGES:
        for e in practice_items.examples(page):
            item = e.item.state()
            if item["kind"] == "number":
                v, tol = item["value"], item["tol"]
                for x in (
                    v,
                    v + tol * 0.5,
                    v - tol * 1.5 - 1e-3,
                    -v,
                    2 * v,
                    v + 1,
                    *(s["value"] for s in item["slips"]),
                ):
                    cases.append({"item": item, "x": x, **practice.judge_number(x, item)})
            elif item["kind"] == "shape":
                s = item["shape"]
                for shape in (s, s[::-1], [s[0]], [*s, 1], *(x["shape"] for x in item["slips"])):
                    cases.append({"item": item, "shape": shape, **practice.judge_shape(shape, item)})
            elif item["kind"] == "choice":
                for option in item["options"]:
                    cases.append({"item": item, "option": option, **practice.judge_choice(option, item)})
    return {"cases": cases}


FIXTURES = {
    "practice_tables": _tables,
    "practice_catalogue": catalogue,
    "practice_matrix": matrix,
    "practice_items": items,
    "practice_numbers": numbers,
}
