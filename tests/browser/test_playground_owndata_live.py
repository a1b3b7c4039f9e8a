"""Your own data in a playground: a CSV pasted into the page trains as any data set of the page.

On the first page of the built book that shows a playground: a CSV (two features and a label, or a
numeric target) pasted and used; the page's curve must be `bp.mlp.train`'s on the same rows read
by NumPy and standardised by `bp.standardize` (playground_check.py's rule), and the page's run as
code, run here beside the CSV saved as your.csv, gives the page's curve to 1e-9. Bad input is
refused with its line and column named, and the data set and the run stay as they were. A pasted
data set is not put in a link.

Run: make test-book, then .venv/bin/python -m pytest tests/browser/test_playground_owndata_live.py -n 0.
"""

from __future__ import annotations

import numpy as np
import pytest

import bp
from playground_check import SHOWN_JS, check

pytestmark = pytest.mark.browser


def _csv(X, y, header):
    lines = ([header] if header else []) + [
        f"{a!r},{b!r},{t!r}" for (a, b), t in zip(X.tolist(), y.tolist(), strict=True)
    ]
    return "\n".join(lines) + "\n"


def _paste(page, root, text):
    n = root.evaluate("el => Number(el.dataset.updates)")
    box = root.locator("details.bp-pg-own")
    if not box.evaluate("d => d.open"):
        box.locator("summary").click()
    # as a paste puts it there: the whole text at once (Playwright's fill types a long one slowly)
    root.locator('textarea[data-name="csv"]').evaluate(
        "(t, text) => { t.value = text; t.dispatchEvent(new Event('input', {bubbles: true})); }", text
    )
    root.locator("button.bp-pg-usecsv").click()
    return n


# Each: a name, the rows, the header (None: none), the task, η's slider index before pasting (2: 1e-3,
# where the Package's numbers train smoothly: a stable setting, so the code's curve is the page's to 1e-9).
CASES = [
    ("labels", lambda: bp.data.circles(60, seed=3), "x1,x2,label", "classification", None),
    ("regression", lambda: (bp.X_STUDENTS[:80], bp.Y_PACKAGE[:80]), None, "regression", 2),
    ("three classes", lambda: bp.data.blobs(45, seed=2), "a,b,class", "multiclass", None),
]


@pytest.mark.parametrize("name,make,header,task,eta", CASES, ids=[c[0] for c in CASES])
def test_a_pasted_csv_trains_as_bp_mlp(
    visit, lazy, playground_path, tmp_path, monkeypatch, capsys, name, make, header, task, eta
):
    page, log = visit(playground_path)
    lazy.show_widgets(page)
    root = page.locator(".bp-playground").first
    page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=60_000)
    if eta is not None:
        root.locator('.bp-pg-controls [data-name="eta"]:is(input)').evaluate(
            "(c, v) => { c.value = String(v); c.dispatchEvent(new Event('change', {bubbles: true})); }", eta
        )
        page.wait_for_function(
            "el => JSON.parse(el.dataset.settings).eta === 0.001 && el.dataset.state === 'done'",
            arg=root.element_handle(),
        )
    X, y = make()
    text = _csv(X, y, header)
    n = _paste(page, root, text)
    page.wait_for_function(
        "([el, n]) => Number(el.dataset.updates) > n && el.dataset.state === 'done'",
        arg=[root.element_handle(), n],
        timeout=60_000,
    )
    shown = root.evaluate(SHOWN_JS)
    assert shown["settings"]["dataset"] == "pasted" and shown["controls"]["dataset"] == "pasted"
    table = np.loadtxt(text.splitlines(), delimiter=",", skiprows=1 if header else 0)
    data = {"pasted": (bp.standardize(table[:, :2])[0], table[:, 2], task)}
    result = check(shown, data, f"{playground_path}: pasted {name}")
    assert result["stable"], "choose a stable setting: the code is compared to 1e-9"
    assert f"{len(y)} rows" in root.locator(".bp-pg-ownnote").inner_text()

    root.locator("button.bp-pg-showcode").click()
    (tmp_path / "your.csv").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scope = {}
    exec(compile(root.locator("pre.bp-pg-code").inner_text(), "<the page's code>", "exec"), scope)  # noqa: S102
    np.testing.assert_allclose(scope["result"].losses, shown["losses"], rtol=1e-9, atol=0)
    capsys.readouterr()

    root.locator("button.bp-pg-copylink").click()
    assert "not in a link" in root.locator(".bp-pg-sharenote").inner_text()
    assert not log["console"], log["console"]


BAD = [
    ("x1,x2,label\n1,2,0\n3,abc,1\n", "line 3, column 2 (x2): “abc” is not a number"),
    ("1,2,0\n3,,1\n", "line 2, column 2 (x₂): a missing value"),
    ("1,2,1\n3,4,1\n", "a single class: every label is 1"),
    ("a,b,label\n1,2,0\n3,4,0.5\n", "line 3, column 3 (label): 0.5 is not a class label"),
    ("\n".join(f"{i},{i % 5},{i % 2}" for i in range(2001)), "more than 2,000 rows (2,001)"),
]


def test_bad_input_is_named_and_changes_nothing(visit, lazy, playground_path):
    page, log = visit(playground_path)
    lazy.show_widgets(page)
    root = page.locator(".bp-playground").first
    page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=60_000)
    before = root.evaluate(SHOWN_JS)
    note = root.locator(".bp-pg-ownnote")
    for text, why in BAD:
        _paste(page, root, text)
        assert note.is_visible() and why in note.inner_text(), (why, note.inner_text())
        assert "stay as they were" in note.inner_text()
        after = root.evaluate(SHOWN_JS)
        assert after["updates"] == before["updates"] and after["settings"] == before["settings"]
        assert after["losses"] == before["losses"]
        assert root.locator('select[data-name="dataset"] option[value="pasted"]').count() == 0
    assert not log["console"], log["console"]
