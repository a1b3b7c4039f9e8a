"""Practice in the page: exercises answered and checked in the static book, naming the slip.

Each item asks for one answer and says, when it is wrong, which slip it is:

- `Formula`: ∂L/∂(a parameter) of the notes' 2-2-1 network, typed in the course's names
  (``-(y - yhat) * w2_11 * O11``); judged by `bp.exercises.judge` with `bp.check_gradient`'s own
  table (`bp.exercises.judge_table`), so the page gives exactly the kernel's verdict;
- `Matrix`: δ¹ or ∂L/∂W¹ of "Backpropagation for any network" for a batch (``(delta2 @ W2.T) *
  O1 * (1 - O1)``), judged by `bp.mlp_exercises.judge` with the two checkers' tables;
- `Number`, `Shape`, `Choice`: a number within a stated tolerance, a shape ``(3, 2)`` or one of a
  few options, each known wrong answer (no ½, the wrong sign, a sum for a mean, the transposed
  shape …) with the words that name it.

Python computes everything the page needs (the test points, the right values, each candidate
slip's values and words) into the widget's state; the front end, ``js/practice.js``, only
evaluates the learner's formula at those points with math.js's parser (over a whitelist: numbers,
the item's names, + − * / ^, σ, exp, log) and looks the values up. The answers stay in the
reader's browser (localStorage, per page and item, with a reset). `Progress` is the small line on
a chapter's first page that counts the chapter's items done. The items of every page are in
`bp.practice_items`; a page shows its own with `practice`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import traitlets

from . import mlp_exercises
from .exercises import CheckResult, judge, judge_table
from .network import PARAM_NAMES
from .widget import Widget

FUNCTIONS = ("sigma", "exp", "log")
"""The functions a typed formula may call: σ, the exponential and the natural logarithm."""

NAMES = ("CGPA", "IQ", "y", *PARAM_NAMES, "z11", "z12", "O11", "O12", "z21", "yhat")
"""The names a formula for the 2-2-1 network may use (the notes' symbols are aliases: ŷ, w¹₁₁, O₁₁ …)."""

MATRIX_NOTATION = (
    "Matrices as in NumPy: A @ B is the matrix product, A.T (or A') the transpose, and * − + / "
    "act entry by entry (a number with a matrix acts on every entry); n is the number of rows."
)
"""What the page says about the notation of a matrix answer."""


def _words(result: CheckResult):
    return {"ok": result.ok, "message": result.message, "slips": list(result.slips)}


@dataclass(frozen=True)
class Formula:
    """∂L/∂``name`` of the 2-2-1 network as a typed formula, judged as `bp.check_gradient` judges
    a function (`judge_values` is that verdict on the formula's values at the test points)."""

    id: str
    prompt: str
    name: str
    task: str
    loss: str | None = None
    names: tuple = NAMES

    def state(self):
        table = judge_table(self.name, self.task, self.loss)
        names = [n for n in self.names if n in table["points"][0]]
        return {"kind": "formula", "id": self.id, "prompt": self.prompt, "names": names,
                "functions": list(FUNCTIONS), "table": table}  # fmt: skip

    def judge_values(self, values):
        return _words(judge(values, judge_table(self.name, self.task, self.loss)))


MATRIX_TABLES = {
    "hidden_error": mlp_exercises.hidden_error_table,
    "weight_gradient": mlp_exercises.weight_gradient_table,
}


@dataclass(frozen=True)
class Matrix:
    """δ¹ (``which="hidden_error"``) or ∂L/∂W¹ (``"weight_gradient"``) for a batch as a typed matrix
    formula, judged as `bp.mlp_exercises.check_hidden_error` / `check_weight_gradient` judge a
    function. ``n`` (the number of rows) may be used too."""

    id: str
    prompt: str
    which: str

    def state(self):
        table = MATRIX_TABLES[self.which]()
        n = [len(p[table["args"][0]]) for p in table["points"]]
        return {"kind": "matrix", "id": self.id, "prompt": self.prompt, "names": [*table["args"], "n"],
                "n": n, "functions": list(FUNCTIONS), "notation": MATRIX_NOTATION, "table": table}  # fmt: skip

    def judge_values(self, outcomes):
        return _words(mlp_exercises.judge(outcomes, MATRIX_TABLES[self.which]()))


@dataclass(frozen=True)
class Number:
    """A number, right within ± ``tol``; ``slips`` maps a slip id to (the wrong value it gives, its
    words): the first within ± ``tol`` of the answer typed is named."""

    id: str
    prompt: str
    value: float
    tol: float
    slips: dict = field(default_factory=dict)

    def __post_init__(self):
        for sid, (v, _) in self.slips.items():
            if abs(v - self.value) <= 2 * self.tol:
                raise ValueError(f"{self.id}: slip {sid!r} gives {v}, too near the answer {self.value}")

    def state(self):
        slips = [{"id": sid, "value": float(v), "words": w} for sid, (v, w) in self.slips.items()]
        return {"kind": "number", "id": self.id, "prompt": self.prompt, "value": float(self.value),
                "tol": float(self.tol), "slips": slips}  # fmt: skip

    def judge_values(self, x):
        return judge_number(x, self.state())


def judge_number(x, item):
    """The verdict on the number ``x`` for a `Number`'s state (the page's `judgeNumber`)."""
    tol = item["tol"]
    if not math.isfinite(x):
        return {"ok": False, "message": f"{x} is not a number the answer can be.", "slips": []}
    if abs(x - item["value"]) <= tol:
        return {"ok": True, "message": f"Right: {x:g} is the answer (to within ±{tol:g}).", "slips": []}
    for s in item["slips"]:
        if abs(x - s["value"]) <= tol:
            return {"ok": False, "message": f"Not quite: {s['words']}.", "slips": [s["id"]]}
    return {"ok": False, "message": f"Not quite: {x:g} is not within ±{tol:g} of the answer.", "slips": []}


@dataclass(frozen=True)
class Shape:
    """A shape (rows, columns, …); the transpose of a non-square answer is the slip ``transposed``,
    and ``slips`` maps other slip ids to (the wrong shape, its words)."""

    id: str
    prompt: str
    shape: tuple
    slips: dict = field(default_factory=dict)

    def state(self):
        slips = [{"id": sid, "shape": list(s), "words": w} for sid, (s, w) in self.slips.items()]
        if tuple(self.shape[::-1]) != tuple(self.shape) and "transposed" not in self.slips:
            words = "that is the transposed shape: rows and columns swapped"
            slips.append({"id": "transposed", "shape": list(self.shape[::-1]), "words": words})
        return {"kind": "shape", "id": self.id, "prompt": self.prompt, "shape": list(self.shape), "slips": slips}

    def judge_values(self, shape):
        return judge_shape(shape, self.state())


def _shape_text(shape):
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def judge_shape(shape, item):
    """The verdict on ``shape`` (a list of whole numbers) for a `Shape`'s state (the page's `judgeShape`)."""
    shape = list(shape)
    if shape == item["shape"]:
        return {"ok": True, "message": f"Right: the shape is {_shape_text(shape)}.", "slips": []}
    for s in item["slips"]:
        if shape == s["shape"]:
            return {"ok": False, "message": f"Not quite: {s['words']}.", "slips": [s["id"]]}
    return {"ok": False, "message": f"Not quite: the shape is not {_shape_text(shape)}.", "slips": []}


@dataclass(frozen=True)
class Choice:
    """One of a few ``options`` (texts); ``answer`` is the right one; ``why`` maps a wrong option to
    the words that say why it is wrong (the option's text is its slip id)."""

    id: str
    prompt: str
    options: tuple
    answer: str
    why: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.answer not in self.options or set(self.why) - set(self.options):
            raise ValueError(f"{self.id}: the answer and every explained option must be options")

    def state(self):
        return {"kind": "choice", "id": self.id, "prompt": self.prompt, "options": list(self.options),
                "answer": self.answer, "why": dict(self.why)}  # fmt: skip

    def judge_values(self, option):
        return judge_choice(option, self.state())


def judge_choice(option, item):
    """The verdict on the option picked for a `Choice`'s state (the page's `judgeChoice`)."""
    if option == item["answer"]:
        return {"ok": True, "message": f"Right: {option}.", "slips": []}
    why = item["why"].get(option)
    return {"ok": False, "message": f"Not quite: {why}." if why else f"Not quite: not {option}.",
            "slips": [option] if why else []}  # fmt: skip


class Practice(Widget):
    """Practice(items, *, page)

    A page's practice items (`Formula`, `Matrix`, `Number`, `Shape`, `Choice`), each answered and
    judged in the page; ``page`` names the page, for the answers kept in the reader's browser
    (localStorage key ``bp-practice:<page>:<item id>``). ``items`` holds each item's state: all
    that the page needs to judge it.
    """

    module = "practice"

    kind = traitlets.Unicode("items").tag(sync=True)
    page = traitlets.Unicode().tag(sync=True)
    items = traitlets.List().tag(sync=True)

    def __init__(self, items, *, page):
        ids = [item.id for item in items]
        if len(set(ids)) != len(ids):
            raise ValueError(f"two practice items of {page} have one id: {ids}")
        super().__init__(page=page, items=[item.state() for item in items])

    def __repr__(self):
        return f"<bp.practice.Practice: {self.page}, {len(self.items)} items>"


class Progress(Widget):
    """Progress(chapter, keys)

    The line on a chapter's first page that says how many of the chapter's practice items the
    reader has answered right (read from the reader's browser): ``keys`` are the items'
    ``<page>:<item id>``."""

    module = "practice"

    kind = traitlets.Unicode("progress").tag(sync=True)
    chapter = traitlets.Unicode().tag(sync=True)
    item_keys = traitlets.List().tag(sync=True)

    def __init__(self, chapter, keys):
        super().__init__(chapter=chapter, item_keys=list(keys))

    def __repr__(self):
        return f"<bp.practice.Progress: {self.chapter}, {len(self.item_keys)} items>"


def practice(page):
    """The practice items of the book's page ``page`` (a notebook's name: ``"regression"``), from
    `bp.practice_items`; display it at the end of that page."""
    from .practice_items import items

    return Practice(items(page), page=page)


def progress(chapter):
    """How many of the practice items of ``chapter`` (its first page's name) the reader has done."""
    from .practice_items import CHAPTERS, items

    return Progress(chapter, [f"{page}:{item.id}" for page in CHAPTERS[chapter] for item in items(page)])


__all__ = [
    "Formula",
    "Matrix",
    "Number",
    "Shape",
    "Choice",
    "Practice",
    "Progress",
    "practice",
    "progress",
    "judge_number",
    "judge_shape",
    "judge_choice",
    "FUNCTIONS",
    "NAMES",
    "MATRIX_NOTATION",
]
