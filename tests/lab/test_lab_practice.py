"""The practice items in JupyterLab, in a real browser: typed, judged, with the keys kept from JupyterLab.

A real Jupyter server runs over a temporary copy of chapters/ (tests/lab/conftest.py). A chapter
page with formula items, a matrix item and options (the classification slips, the any-network
tools) is opened in JupyterLab and run with Run ▸ Run All Cells. Through the page only, for every
item: its known slip (bp.practice_items) is named with the checker's id, then its right answer is
"Right"; typing letters in the answer box must not reach JupyterLab's shortcuts (a, b, d, m … in
command mode would add, delete or change cells), nor change the notebook's cells. No output area
holds a traceback or stderr. The formula's preview falls back to the text it reads when the page has
no MathJax of its own.

Run: make test-lab. CHROMIUM overrides /usr/bin/chromium.
"""

from __future__ import annotations

import json

import pytest

from bp import practice_items
from labharness import Panel, open_and_run, output_problems

pytestmark = pytest.mark.lab

PAGES = ["classification_slips", "any_network_tools"]
CELLS = "() => document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell').length"


def _judge(page, section, kind, text):
    before = int(section.get_attribute("data-checks") or 0)
    if kind == "choice":
        section.locator(f"input[type=radio][value={json.dumps(text, ensure_ascii=False)}]").check()
        section.locator(".bp-check").click()
    else:
        box = section.locator("textarea")
        box.click()
        box.fill("")
        page.keyboard.type(text)  # key by key, as a learner types: each key must stay in the box
        page.keyboard.press("Enter")
    page.wait_for_function(
        "([s, n]) => Number(s.dataset.checks || 0) > n", arg=[section.element_handle(), before], timeout=10_000
    )
    return section.evaluate("""(s) => ({ok: s.dataset.ok === 'true', slips: JSON.parse(s.dataset.slips || '[]'),
        text: s.querySelector('[role=status]').innerText, box: s.querySelector('textarea')?.value ?? null,
        preview: s.querySelector('.bp-preview')?.textContent ?? ''})""")


@pytest.mark.parametrize("name", PAGES)
def test_practice_items_are_judged_in_jupyterlab(lab, chromium, name):
    path = f"chapters/{name}.ipynb"
    page = chromium.new_page()
    try:
        open_and_run(page, lab, path)
        assert output_problems(page) == [], "a cell printed an error or a traceback"
        cells = page.evaluate(CELLS)
        examples = {e.item.id: e for e in practice_items.examples(name)}
        assert page.locator(".jp-OutputArea-output .bp-practice .bp-item").count() == len(examples)
        for k in range(len(examples)):
            panel = Panel(
                page, ".bp-practice .bp-item", k
            )  # each item in turn: the whole list is taller than the window
            panel.scroll_into_view()
            section = panel.root
            e = examples[section.get_attribute("data-item")]
            kind = e.item.state()["kind"]
            slip = _judge(page, section, kind, e.slip)
            assert not slip["ok"] and slip["slips"] == [e.slip_id], (name, e.item.id, slip)
            right = _judge(page, section, kind, e.right)
            assert right["ok"] and right["text"].startswith("Right"), (name, e.item.id, right)
            if kind in ("formula", "matrix"):
                assert right["box"] == e.right, f"{name} {e.item.id}: keys were lost on the way to the box"
                assert right["preview"].startswith("read as:"), (name, e.item.id, right["preview"])
        assert page.evaluate(CELLS) == cells, f"{name}: typing in the answer boxes changed the notebook's cells"
        assert output_problems(page) == [], "a traceback or stderr in an output area"
    finally:
        page.close()


# The last test of this module, as of the explorer's: its server and browser stop cleanly.
from test_lab_explorer import test_server_and_browser_stop_cleanly  # noqa: E402,F401
