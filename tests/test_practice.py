"""bp.practice: the items judge as the checkers do, from one table; every chapter page has its items.

The formula and matrix judges are `check_gradient`'s and the any-network checkers' own (the page
gets their tables): fed the values of a function, `judge` is the checker's verdict on it. The
number, shape and option judges are checked on values worked out here by hand.
"""

import json
import re
from pathlib import Path

import numpy as np
import pytest
import yaml

import bp
from bp import exercises, mlp_exercises, practice, practice_items
from bp.practice import Choice, Formula, Matrix, Number, Practice, Progress, Shape
from test_check_gradient import CATALOGUE, formula

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name, task, loss, body, slips", CATALOGUE[::3])
def test_a_formula_item_judges_as_check_gradient(name, task, loss, body, slips):
    fn = formula(task, body)
    values = [fn(dict(p), np.array(x), y) for p, x, y in exercises._points(task)]
    r = bp.check_gradient(fn, name, task=task, loss=loss)
    assert Formula("i", "?", name, task, loss).judge_values(values) == {
        "ok": r.ok,
        "message": r.message,
        "slips": list(r.slips),
    }
    assert set(r.slips) == slips


def test_the_table_holds_what_the_page_needs():
    t = exercises.judge_table("w1_21", "classification")
    assert len(t["points"]) == len(t["right"]) == len(t["where"]) == exercises.N_POINTS
    assert set(t["points"][0]) == set(practice.NAMES)
    for (p, x, y), names, right in zip(exercises._points("classification"), t["points"], t["right"], strict=True):
        assert names["CGPA"] == x[0] and names["y"] == y and names["w2_11"] == p["w2_11"]
        assert names["O11"] == pytest.approx(bp.forward(p, x, task="classification")["O11"], rel=1e-15)
        assert right == bp.gradients(p, x, y, task="classification")["w1_21"]
    assert {s for c in t["candidates"] for s in c["slips"]} == set(t["words"])
    json.dumps(t, allow_nan=False)  # the widget's state is JSON


def test_a_matrix_item_judges_as_the_checkers():
    table = mlp_exercises.hidden_error_table()
    outcomes = [np.array(p["delta2"]) @ np.array(p["W2"]) for p in table["points"][:2]]
    outcomes.append("raised ValueError: matmul")  # the untransposed W2 cannot run at the third point
    item = Matrix("m", "?", "hidden_error")
    r = item.judge_values([o.tolist() if not isinstance(o, str) else o for o in outcomes])
    assert r["slips"] == ["no_transpose_no_act_prime"] and not r["ok"]
    assert mlp_exercises.check_hidden_error(lambda d, W1, W2, O: d @ W2).slips == ("no_transpose_no_act_prime",)
    assert item.state()["n"] == [3, 3, 4] and item.state()["names"] == ["delta2", "W1", "W2", "O1", "n"]


def test_numbers_shapes_and_options():
    n = Number("n", "?", -50.72, 0.01, {"sign": (50.72, "the sign")})
    assert n.judge_values(-50.725)["ok"] and not n.judge_values(-50.74)["ok"]
    assert n.judge_values(50.72) == {"ok": False, "message": "Not quite: the sign.", "slips": ["sign"]}
    assert n.judge_values(3.0) == {
        "ok": False,
        "message": "Not quite: 3 is not within ±0.01 of the answer.",
        "slips": [],
    }
    assert not n.judge_values(float("nan"))["ok"]
    with pytest.raises(ValueError, match="too near"):
        Number("n", "?", 1.0, 0.1, {"near": (1.15, "…")})
    s = Shape("s", "?", (3, 2))
    assert s.judge_values([3, 2])["ok"] and s.judge_values([2, 3])["slips"] == ["transposed"]
    assert Shape("q", "?", (2, 2)).state()["slips"] == []  # a square shape has no transposed slip
    c = Choice("c", "?", ("a", "b", "c"), "b", {"a": "not a"})
    assert c.judge_values("b")["ok"] and c.judge_values("a")["slips"] == ["a"] and c.judge_values("c")["slips"] == []
    with pytest.raises(ValueError):
        Choice("c", "?", ("a",), "z")


def test_the_widgets_state():
    w = Practice([Formula("a", "?", "b21", "regression"), Shape("b", "?", (1, 2))], page="p")
    assert w.page == "p" and [i["id"] for i in w.items] == ["a", "b"] and w.get_state()["kind"] == "items"
    with pytest.raises(ValueError, match="one id"):
        Practice([Shape("a", "?", (1,)), Shape("a", "?", (2,))], page="p")
    p = bp.practice.progress("regression")
    assert isinstance(p, Progress) and p.get_state()["kind"] == "progress"
    assert p.item_keys == [
        f"{page}:{i.id}" for page in practice_items.CHAPTERS["regression"] for i in practice_items.items(page)
    ]


def _chapter_pages():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    chapters = next(part for part in toc["parts"] if part["caption"] == "Chapters")["chapters"]
    name = lambda entry: entry["file"].split("/")[-1]  # noqa: E731
    return {name(c): [name(c)] + [name(s) for s in c.get("sections", [])] for c in chapters}


def test_every_chapter_page_has_at_least_two_items_and_the_book_forty():
    chapters = _chapter_pages()
    assert {k: list(v) for k, v in practice_items.CHAPTERS.items()} == chapters
    pages = [p for ps in chapters.values() for p in ps]
    assert set(practice_items.PAGES) == set(pages)
    counts = {p: len(practice_items.items(p)) for p in pages}
    assert min(counts.values()) >= 2 and sum(counts.values()) >= 40, counts
    for p in pages:
        ids = [i.id for i in practice_items.items(p)]
        assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[\w-]+", i) for i in ids), p


def test_every_number_shape_and_option_example_is_judged_as_stated():
    for page in practice_items.PAGES:
        for e in practice_items.examples(page):
            item = e.item
            if isinstance(item, Number):
                right, slip = item.judge_values(float(e.right)), item.judge_values(float(e.slip))
            elif isinstance(item, Shape):
                read = lambda t: [int(v) for v in re.findall(r"\d+", t)]  # noqa: E731
                right, slip = item.judge_values(read(e.right)), item.judge_values(read(e.slip))
            elif isinstance(item, Choice):
                right, slip = item.judge_values(e.right), item.judge_values(e.slip)
            else:
                continue  # formulas and matrices: typed in the page (tests/node/practice.test.mjs)
            assert right["ok"], (page, item.id, right)
            assert slip["slips"] == [e.slip_id], (page, item.id, slip)


def test_the_explorer_item_is_bp_train():
    (e,) = [e for e in practice_items.examples("regression_training") if e.item.id == "diverges"]
    eta = float(e.right.split("=")[1])
    assert bp.train(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression", eta=eta, epochs=1000).diverged
    for option in e.item.options:
        if option != e.right:
            other = float(option.split("=")[1])
            assert not bp.train(
                bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression", eta=other, epochs=1000
            ).diverged


@pytest.mark.parametrize("chapter", sorted(practice_items.CHAPTERS))
def test_each_first_page_stores_the_chapters_items_as_they_are(chapter):
    """The count on a chapter's first page is stored with that notebook: an item added on a later
    page needs the first page re-run (make notebooks NOTEBOOKS=chapters/<first>.ipynb)."""
    first = practice_items.CHAPTERS[chapter][0]
    nb = json.loads((Path(__file__).parents[1] / "chapters" / f"{first}.ipynb").read_text())
    states = nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"].values()
    stored = [m["state"]["item_keys"] for m in states if "item_keys" in m["state"]]
    assert stored == [list(practice.progress(chapter).item_keys)], f"re-run chapters/{first}.ipynb"
