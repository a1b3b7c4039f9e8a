"""The practice items are answered and judged in the static book: no kernel, no network.

Every page of the built book whose stored widget state holds a `bp.practice.Practice` is found by
its content and opened once, at a phone's width (390 px), with every other host cut off. Through
the page only (typing in the labelled box and pressing Enter, or clicking Check; picking an
option), for every item of the page: a malformed answer gets its message and leaves the item
working; the item's known slip (bp.practice_items) is named with the id the checker gives; the
right answer is "Right", and is kept in the reader's browser (localStorage) under the page and the
item. For a sample of formulas of each formula item's table (candidate slip sets typed as text),
the page's verdict is `bp.check_gradient`'s on the Python function of the same text. The formula
is typeset as it is typed (MathJax); the widget fits the phone's width; axe-core finds nothing on
the widgets; a chapter's first page counts the items answered right; no console error.

Run: make test-browser (builds the book first).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import bp
from bp import exercises, practice_items
from conftest import pages_holding

pytestmark = pytest.mark.browser

WIDGET_ID = "bp.practice.Practice"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SAMPLE = 6  # catalogue formulas typed per formula item
MALFORMED = [("alert(1)", "Unknown function alert"), ("<b>x</b>", "HTML"), ("(yhat - y", "does not parse at column")]
MALFORMED_BY_KIND = {
    "formula": MALFORMED,
    "matrix": MALFORMED,
    "number": [("==", "does not parse"), ("", "empty"), ("alert(1)", "Unknown function alert")],
    "shape": [("", "empty"), ("3 by 2", "A shape is whole numbers")],
    "choice": [],
}

_spec = importlib.util.spec_from_file_location(
    "fixtures_practice", Path(__file__).parents[1] / "node" / "fixtures_practice.py"
)
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)


def _verdict(section):
    return section.evaluate("""(s) => ({ok: s.dataset.ok === 'true', slips: JSON.parse(s.dataset.slips || '[]'),
        error: s.dataset.error === 'true', checks: Number(s.dataset.checks || 0),
        text: s.querySelector('[role=status]').innerText})""")


def _answer(page, section, kind, text, *, click=False):
    """Type (or pick) an answer, judge it with Enter (or the Check button); the page's verdict."""
    before = _verdict(section)["checks"]
    if kind == "choice":
        section.locator(f"input[type=radio][value={json.dumps(text, ensure_ascii=False)}]").check()
        section.locator(".bp-check").click()
    else:
        box = section.locator("textarea")
        box.fill(text)
        if click:
            section.locator(".bp-check").click()
        else:
            box.press("Enter")
    page.wait_for_function(
        "([s, n]) => Number(s.dataset.checks || 0) > n", arg=[section.element_handle(), before], timeout=5_000
    )
    return _verdict(section)


def _sample(item):
    """A few candidate slip sets of the item's table, typed as text, with check_gradient's verdict."""
    table = item["table"]
    name, task, loss = table["name"], table["task"], table["loss"]
    chain = exercises._chain(name, task)
    sets = [(), *exercises._candidates(name, task, loss)]
    picked = sets[:: max(1, len(sets) // SAMPLE)][:SAMPLE]
    out = []
    for slips in picked:
        text = _fixtures._candidate_text(chain, slips, loss)
        r = bp.check_gradient(_fixtures._function(text, task), name, task=task, loss=loss)
        out.append((text, r))
    return out


def _axe(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run({include: [['.bp-practice']]}, {resultTypes: ['violations']}))
        .violations.map(v => `${v.impact}: ${v.id} (${v.help}) at `
                             + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")


def _item_checks(page, section, example, where):
    """Malformed answers, the slip, then the right answer, through the page."""
    item = example.item.state()
    kind = item["kind"]
    for text, words in MALFORMED_BY_KIND[kind]:
        v = _answer(page, section, kind, text)
        assert v["error"] and not v["ok"] and words in v["text"], (where, text, v)
    v = _answer(page, section, kind, example.slip)
    assert not v["ok"] and v["slips"] == [example.slip_id] and v["text"].startswith("Not quite"), (where, v)
    if kind == "formula":
        for text, r in _sample(item):
            v = _answer(page, section, kind, text)
            assert (v["ok"], v["slips"], v["text"]) == (r.ok, list(r.slips), r.message), (where, text)
    v = _answer(page, section, kind, example.right, click=True)
    assert v["ok"] and v["slips"] == [] and v["text"].startswith("Right"), (where, v)


FIRST_PAGES = {pages[0]: chapter for chapter, pages in practice_items.CHAPTERS.items()}


@pytest.mark.parametrize("path", pages_holding(WIDGET_ID) or ["(no page with practice items)"])
def test_the_practice_items_are_answered_in_the_page(visit, lazy, report, html_dir, path):
    assert (html_dir / path).is_file(), f"no page of {html_dir} stores a {WIDGET_ID}: every chapter page ends with one"
    name = Path(path).stem
    page, log = visit(path, viewport={"width": 390, "height": 844})
    lazy.show_widgets(page)
    root = page.locator(".bp-practice[data-ready]")
    assert root.count() == 1, f"{path}: the practice widget did not render"
    examples = {e.item.id: e for e in practice_items.examples(name)}
    sections = root.locator(".bp-item")
    assert sections.count() == len(examples) >= 2, path
    for k in range(sections.count()):
        section = sections.nth(k)
        section.scroll_into_view_if_needed()
        example = examples[section.get_attribute("data-item")]
        _item_checks(page, section, example, f"{path} {example.item.id}")
        stored = page.evaluate("k => JSON.parse(localStorage.getItem(k))", f"bp-practice:{name}:{example.item.id}")
        assert stored == {"answer": example.right, "ok": True}, (path, stored)
    if root.locator(".bp-keys button").count():  # a formula item: typeset as it was typed
        preview = root.locator(".bp-item:has(.bp-keys button) .bp-preview").first
        page.wait_for_function("(el) => el.querySelector('mjx-container') !== null", arg=preview.element_handle(),
                               timeout=10_000)  # fmt: skip
    width = root.evaluate("(el) => [el.scrollWidth, el.clientWidth]")
    assert width[0] <= width[1], f"{path}: the practice widget is wider than a phone ({width})"
    if name in FIRST_PAGES:
        done = page.locator(".bp-practice .bp-progress")
        assert done.count() == 1, f"{path}: the chapter's first page shows no count"
        keys = len(bp.practice.progress(FIRST_PAGES[name]).item_keys)
        assert done.inner_text().startswith(f"Practice: {len(examples)} of {keys} "), (path, done.inner_text())
    violations = _axe(page)
    assert not violations, (path, violations)
    assert not log["foreign"] and not log["failed"], log
    assert not log["console"], log["console"]
    report["lines"].append(f"{path}: {len(examples)} practice items answered through the page")
