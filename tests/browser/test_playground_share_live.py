"""A playground's link reproduces its run, and its run as code gives the page's curve in Python.

On the first page of the built book that shows a playground: settings chosen through the controls,
"Copy link" (the clipboard, and, where the clipboard is out of reach, a selectable field), the link
opened in a new page: the same settings on the controls and the same curve to the last bit, which
is `bp.mlp.train`'s under playground_check.py's rule; the other playgrounds of the page keep their
stored settings. A fragment that is not valid is ignored with a visible note. "Show the run as code":
the Python shown, run here, gives the page's curve to 1e-9, and the weights shown read back with
`bp.mlp.from_json` give the page's last loss.

Run: make test-book, then .venv/bin/python -m pytest tests/browser/test_playground_share_live.py -n 0.
"""

from __future__ import annotations

import numpy as np
import pytest

from bp import mlp
from playground_check import PLAYGROUND, SHOWN_JS, STATES_JS, check, model_datasets, sizes

pytestmark = pytest.mark.browser

# Each: the controls set in turn (how "select", or "set": a slider's index / the seed's text; η's
# index 2 is 1e-3, a setting the Package trains on smoothly).
CHOICES = [
    [
        ("dataset", "select", "xor"),
        ("hidden_layers", "set", 3),
        ("width", "set", 5),
        ("activation", "select", "relu"),
        ("batch_size", "select", "full"),
        ("seed", "set", 7),
    ],
    [
        ("dataset", "select", "package"),
        ("hidden_layers", "set", 1),
        ("eta", "set", 2),
        ("batch_size", "select", "5"),
        ("seed", "set", 3),
    ],
    [("dataset", "select", "blobs"), ("width", "set", 6), ("activation", "select", "sigmoid"), ("seed", "set", 2)],
]
KEY_JS = """(el) => { const views = [...document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]')];
  return 'pg' + (views.indexOf(el.closest('.widget-subarea').nextElementSibling) + 1); }"""


def _open(visit, lazy, url, **options):
    page, log = visit(url, **options)
    lazy.show_widgets(page)
    roots = page.locator(".bp-playground")
    for k in range(roots.count()):
        page.wait_for_function("el => el.dataset.state === 'done'", arg=roots.nth(k).element_handle(), timeout=60_000)
    return page, log, roots.first


def _set(page, root, name, how, value):
    n = root.evaluate("el => Number(el.dataset.updates)")
    control = root.locator(f'.bp-pg-controls [data-name="{name}"]:is(input, select)')
    if how == "select":
        control.select_option(value)
    else:
        control.fill(str(value)) if name == "seed" else control.evaluate(
            "(c, v) => { c.value = String(v); c.dispatchEvent(new Event('input', {bubbles: true}));"
            " c.dispatchEvent(new Event('change', {bubbles: true})); }",
            value,
        )
    page.wait_for_function(
        "([el, n]) => Number(el.dataset.updates) > n && el.dataset.state === 'done'",
        arg=[root.element_handle(), n],
        timeout=60_000,
    )


def _code_and_weights(root):
    root.locator("button.bp-pg-showcode").click()
    assert root.locator("button.bp-pg-showcode").get_attribute("aria-expanded") == "true"
    return root.locator("pre.bp-pg-code").inner_text(), root.locator("pre.bp-pg-weights").inner_text()


def _run_code(code, shown, data):
    """The page's code run here: the page's curve to 1e-9; its weights read back: its last loss."""
    scope = {}
    exec(compile(code, "<the page's code>", "exec"), scope)  # noqa: S102 - the page's own code
    r = scope["result"]
    np.testing.assert_allclose(r.losses, shown["losses"], rtol=1e-9, atol=0, err_msg=code)
    assert r.diverged == shown["diverged"]
    return r


@pytest.mark.parametrize("choices", CHOICES, ids=["xor-relu-full", "package", "blobs"])
def test_the_link_reproduces_the_run_and_the_code_its_curve(visit, lazy, playground_path, choices, capsys):
    page, log, root = _open(visit, lazy, playground_path)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    data = model_datasets(page.evaluate(STATES_JS, PLAYGROUND)[0])
    for name, how, value in choices:
        _set(page, root, name, how, value)
    made = root.evaluate(SHOWN_JS)
    root.locator("button.bp-pg-copylink").click()
    page.wait_for_function(
        "el => /copied/.test(el.querySelector('.bp-pg-sharenote').textContent)", arg=root.element_handle()
    )
    url = page.evaluate("() => navigator.clipboard.readText()")
    key = root.evaluate(KEY_JS)
    assert url.split("#")[0] == page.url.split("#")[0] and f"#{key}=data:{made['settings']['dataset']}," in url, url

    again, log2, root2 = _open(visit, lazy, url.split("/", 3)[3])
    shown = root2.evaluate(SHOWN_JS)
    assert shown["settings"] == made["settings"] and shown["controls"] == made["controls"]
    assert shown["losses"] == made["losses"], "the link's run is not the same to the last bit"
    check(shown, data, f"{playground_path} from the link {url}")
    assert "from the link" in root2.locator(".bp-pg-sharenote").inner_text()
    others = again.evaluate(STATES_JS, PLAYGROUND)[1:]
    for k, state in enumerate(others, start=1):  # the page's other playgrounds: their stored settings
        s = again.locator(".bp-playground").nth(k).evaluate(SHOWN_JS)["settings"]
        assert s == {key: state[key] for key in s}, (k, s)

    code, weights = _code_and_weights(root2)
    r = _run_code(code, shown, data)
    capsys.readouterr()
    X, y, task = data[shown["settings"]["dataset"]]
    layers = mlp.from_json(weights)
    assert mlp.sizes(layers, task=task) == sizes(shown["settings"], data)
    assert np.isclose(
        mlp.loss(layers, X, y, task=task, hidden=shown["settings"]["activation"]),
        shown["losses"][-1],
        rtol=1e-12,
        atol=0,
    )
    if check(shown, data, "")["stable"]:
        for (W, b), (W2, b2) in zip(layers, r.layers, strict=True):
            np.testing.assert_allclose(W, W2, rtol=1e-9, atol=1e-12)
            np.testing.assert_allclose(b, b2, rtol=1e-9, atol=1e-12)
    assert not log["console"] and not log2["console"], (log["console"], log2["console"])


def test_without_a_clipboard_the_link_is_shown_to_select(visit, lazy, playground_path):
    page, log, root = _open(visit, lazy, playground_path)
    page.evaluate("() => Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    field = root.locator("input.bp-pg-linkfield")
    assert field.is_hidden()
    root.locator("button.bp-pg-copylink").click()
    assert field.is_visible() and field.evaluate("f => f.selectionEnd - f.selectionStart") == len(field.input_value())
    assert f"#{root.evaluate(KEY_JS)}=data:" in field.input_value()
    assert "copy it" in root.locator(".bp-pg-sharenote").inner_text()
    assert "a data set you paste is not in it" in root.locator(".bp-pg-share").inner_text()
    assert not log["console"], log["console"]


@pytest.mark.parametrize(
    "fragment",
    [
        "data:moons,dseed:0",
        "garbage",
        "data:circles,dseed:0,layers:9,width:4,act:tanh,eta:0.1,batch:10,epochs:50,seed:0,scale:xavier",
        "%E0%A4%A",
    ],
)
def test_a_link_that_is_not_valid_is_ignored_with_a_note(visit, lazy, playground_path, fragment):
    page, log, root = _open(visit, lazy, playground_path)
    key = root.evaluate(KEY_JS)
    page, log, root = _open(visit, lazy, f"{playground_path}#{key}={fragment}")
    state = page.evaluate(STATES_JS, PLAYGROUND)[0]
    shown = root.evaluate(SHOWN_JS)
    assert shown["settings"] == {k: state[k] for k in shown["settings"]}  # the stored settings, run
    check(shown, model_datasets(state), f"{playground_path} with a bad link")
    note = root.locator(".bp-pg-sharenote")
    if fragment.startswith("%"):  # not even a link: nothing to say
        assert note.inner_text() == ""
    else:
        assert note.is_visible() and "not used" in note.inner_text(), note.inner_text()
    assert not log["console"], log["console"]
