"""The chapters' live sliders, proven where learners use them: JupyterLab in a real browser.

A real Jupyter server runs on 127.0.0.1 (free port, random token) over a temporary copy of
chapters/, so autosave never touches the committed notebooks. Each chapter that displays
`bp.explorer(...)` is opened in JupyterLab in Debian's Chromium and run with Run ▸ Run All Cells.
Then, through the page only — a slider is focused (as Tab would), the keyboard moves it — the
test moves η and one weight and checks that the loss curve on screen changes and that the
explorer's readout matches `bp.train` computed here, in the test process, for the settings read
back from the page (the explorer's data-eta, data-epochs and data-params: the settings it trained
with, at full precision). The explorer computes in the browser (src/bp/explorer.js); the kernel
must hold the same settings (the page sends each move to it): the test reads them back from the
kernel as a second client of it, and compares. On a regression explorer it
pushes η to the top of its range, where training diverges, and checks the readout says so in
words. The chain rule's tangent (src/bp/js/tangent.js) is moved the same way — its slider with the
arrow and page keys, its parameter menu with the keyboard (including a letter, which JupyterLab
would take as "insert a cell" if the menu did not keep it) — and after each move the L, slope by
backpropagation and central difference it shows must equal bp.loss, bp.gradients and
bp.numerical_gradients on the data the kernel holds, to 1e-9 relative; the notebook keeps its
cells; the kernel ends holding the parameter and value the page shows. No output area (nor the
Log Console, where widget callbacks' errors go) may hold a traceback or any stderr. The last test
stops the server and the browser and asserts that no process they started is left behind.

Run: make test-lab. CHROMIUM overrides /usr/bin/chromium.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import bp
from labharness import (
    Explorer,
    Tangent,
    chapters_with_explorer,
    chapters_with_tangent,
    click_menu,
    explorer_calls,
    open_and_run,
    output_problems,
)

pytestmark = pytest.mark.lab

NOTEBOOKS = chapters_with_explorer()
FINAL = re.compile(r"final loss (\S+) after (\d+) epochs")
DIVERGED = re.compile(r"diverged after epoch (\d+)\b.*the last finite loss is ([^;\s]+)", re.S)
ACCURACY = re.compile(r"accuracy (\d+)%")
WEIGHT = "w2_21"  # the weight slider the test moves
# The settings of every explorer alive in the kernel, in the order they were made (as JSON text).
KERNEL_SETTINGS = (
    "__import__('json').dumps([dict(eta=w.eta, epochs=w.epochs, params=w.params) for w in "
    "__import__('ipywidgets').widgets.widget._instances.values() "
    "if type(w).__module__ == 'bp.explorer' and type(w).__name__ == 'Explorer'])"
)


def settings(e):
    """η, epochs and the nine parameters as the page shows them."""
    return {
        "eta": e.value("η"),
        "epochs": round(e.value("epochs")),
        "params": {name: e.value(name) for name in bp.PARAM_NAMES},
    }


def train(s, x, y, call):
    return bp.train(s["params"], x, y, task=call["task"], loss=call["loss"], eta=s["eta"], epochs=s["epochs"])


def readout_problem(text, s, x, y, call):
    """What is wrong with the readout `text` for settings `s`, or None if it matches `bp.train`."""
    r = train(s, x, y, call)
    if r.diverged:
        m = DIVERGED.search(text)
        if not m:
            return f"bp.train diverges for {s} but the readout says {text!r}"
        if int(m[1]) != len(r.losses) or not np.isclose(float(m[2]), r.losses[-1], rtol=2e-5, atol=0):
            return f"readout {text!r}; bp.train diverged after epoch {len(r.losses)}, last loss {r.losses[-1]:.6g}"
    else:
        m = FINAL.search(text)
        if not m or "diverged" in text:
            return f"bp.train gives final loss {r.losses[-1]:.6g} for {s} but the readout says {text!r}"
        if int(m[2]) != len(r.losses) - 1 or not np.isclose(float(m[1]), r.losses[-1], rtol=2e-5, atol=0):
            return f"readout {text!r}; bp.train gives {r.losses[-1]:.6g} after {len(r.losses) - 1} epochs for {s}"
    if call["task"] == "classification":
        yhat = bp.forward(r.params, x, task="classification")["yhat"]
        accuracy = round(100 * float(np.mean((yhat >= 0.5) == y)))
        m = ACCURACY.search(text)
        if not m or int(m[1]) != accuracy:
            return f"readout {text!r}; bp.train's parameters classify {accuracy}% of the rows right"
    return None


def check_readout(text, s, x, y, call):
    problem = readout_problem(text, s, x, y, call)
    if problem:
        pytest.fail(problem, pytrace=False)


def move(page, e, description, key):
    """Press `key` on a slider; if no new figure comes, fail with what the output areas and the
    Log Console say (a callback's traceback lands there)."""
    try:
        e.press(description, key, timeout=15)
    except PlaywrightTimeoutError:
        show_log_console(page)
        pytest.fail(
            f"no new figure 15 s after pressing {key} on {description}; readout {e.readout()!r}; "
            f"errors on the page: {output_problems(page)}",
            pytrace=False,
        )


def show_log_console(page):
    """Open View ▸ Show Log Console (where output from widget callbacks, tracebacks included, goes)."""
    if page.locator(".jp-LogConsole").count() == 0:
        click_menu(page, "View", "Show Log Console")
        page.locator(".jp-LogConsole").first.wait_for()


def test_the_regression_chapter_has_an_explorer():
    # A chapter is several notebooks (regression.ipynb, regression_training.ipynb, ...): any of them.
    assert any(p.stem.split("_")[0] == "regression" for p in NOTEBOOKS), (
        "no page of the regression chapter (chapters/regression*.ipynb) displays bp.explorer(...): "
        "the course promises live sliders there"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_explorer_is_live_in_jupyterlab(lab, chromium, notebook):
    calls = explorer_calls(notebook)
    page = chromium.new_page()
    try:
        open_and_run(page, lab, f"chapters/{notebook.name}")
        assert output_problems(page) == [], "a cell printed an error or a traceback"
        roots = page.locator(".jp-OutputArea-output .bp-explorer")
        assert roots.count() == len(calls), f"{len(calls)} bp.explorer calls but {roots.count()} explorers shown"

        diverged = False
        for i, call in enumerate(calls):
            e = Explorer(page, i)
            e.scroll_into_view()
            s0 = settings(e)
            data = [(x, y) for x, y in call["candidates"] if readout_problem(e.readout(), s0, x, y, call) is None]
            assert data, (
                f"explorer {i + 1}, {call['source']}: its first readout {e.readout()!r} matches "
                f"bp.train on none of the data sets tried"
            )
            x, y = data[0]

            # η one step up (the log slider's step is 10^0.05): a new curve, and the readout of bp.train.
            shot, src = e.screenshot(), e.image_src()
            move(page, e, "η", "ArrowRight")
            s1 = settings(e)
            assert s1["eta"] > s0["eta"]
            assert s1["params"] == s0["params"] and s1["epochs"] == s0["epochs"]
            assert e.image_src() != src and e.screenshot() != shot, "the loss curve did not change on screen"
            check_readout(e.readout(), s1, x, y, call)

            # One weight up by a page step.
            shot = e.screenshot()
            move(page, e, WEIGHT, "PageUp")
            s2 = settings(e)
            assert s2["params"][WEIGHT] > s1["params"][WEIGHT] and s2["eta"] == s1["eta"]
            assert {k: v for k, v in s2["params"].items() if k != WEIGHT} == {
                k: v for k, v in s1["params"].items() if k != WEIGHT
            }
            assert e.screenshot() != shot, "the loss curve did not change on screen"
            check_readout(e.readout(), s2, x, y, call)

            if call["task"] == "regression":
                # η to the top of its range (End): training diverges; the explorer says so in words.
                shot = e.screenshot()
                move(page, e, "η", "End")
                s3 = settings(e)
                text = e.readout()
                check_readout(text, s3, x, y, call)
                if train(s3, x, y, call).diverged:
                    diverged = True
                    assert "diverged" in text and "Traceback" not in text
                    assert e.screenshot() != shot, "the figure did not change when training diverged"

        if any(call["task"] == "regression" for call in calls):  # wherever the chapter shows it
            assert diverged, "no regression explorer diverged at the top of its η range"
        # The kernel heard every move: its explorers hold the settings the page shows, in order.
        kernel = lab.kernel_value(f"chapters/{notebook.name}", KERNEL_SETTINGS)
        assert len(kernel) == len(calls), kernel
        for i, held in enumerate(kernel):
            shown = settings(Explorer(page, i))
            assert held == {"eta": shown["eta"], "epochs": shown["epochs"], "params": shown["params"]}, (
                f"explorer {i + 1}: the kernel holds {held}, the page shows {shown}"
            )
        show_log_console(page)
        assert output_problems(page) == [], "a traceback or stderr in an output area or the Log Console"
    finally:
        page.close()


TANGENTS = chapters_with_tangent()
# What the kernel holds for every tangent alive in it, in the order they were made (as JSON text).
KERNEL_TANGENTS = (
    "__import__('json').dumps([dict(name=w.name, value=w.value, x=w.x, y=w.y, task=w.task, "
    "loss=w.loss, params=w.params) for w in __import__('ipywidgets').widgets.widget._instances.values() "
    "if isinstance(w, __import__('bp').tangent.Tangent)])"
)


def test_the_chain_rule_chapter_has_a_tangent():
    assert any(p.name.startswith("chain_rule") for p in TANGENTS), (
        "no page of the chain-rule chapter (chapters/chain_rule*.ipynb) displays a bp.tangent tangent"
    )


def check_tangent(shown, held, where):
    """The numbers the page shows against bp on the data the kernel holds."""
    name, value = shown["name"], shown["value"]
    assert shown["params"] == dict(held["params"], **{name: value}), f"{where}: the other eight moved"
    x, y, kw = held["x"], held["y"], {"task": held["task"], "loss": held["loss"]}
    p = shown["params"]
    for key, expected in (
        ("loss", bp.loss(p, x, y, **kw)),
        ("slope", bp.gradients(p, x, y, **kw)[name]),
        ("numeric", bp.numerical_gradients(p, x, y, **kw)[name]),
    ):
        assert np.isclose(shown[key], expected, rtol=1e-9, atol=0), f"{where}: {key} {shown[key]!r}, bp {expected!r}"
    assert f"L = {shown['loss']:.6g}" in shown["readout"], (where, shown["readout"])


@pytest.mark.parametrize("notebook", TANGENTS, ids=[p.stem for p in TANGENTS])
def test_tangent_is_live_in_jupyterlab(lab, chromium, notebook):
    page = chromium.new_page()
    path = f"chapters/{notebook.name}"
    try:
        open_and_run(page, lab, path)
        assert output_problems(page) == [], "a cell printed an error or a traceback"
        held = lab.kernel_value(path, KERNEL_TANGENTS)
        assert page.locator(".jp-OutputArea-output .bp-tangent").count() == len(held) >= 1
        cells = page.locator(".jp-Notebook .jp-Cell").count()
        for i, start in enumerate(held):
            t = Tangent(page, i)
            t.scroll_into_view()
            shown = t.shown()
            assert (shown["name"], shown["value"]) == (start["name"], start["value"])
            check_tangent(shown, start, f"tangent {i + 1}, as made")
            moves = [
                ("slider", "ArrowRight"),
                ("slider", "PageUp"),
                ("menu", "ArrowDown"),
                ("slider", "ArrowLeft"),
                ("menu", "b"),
                ("slider", "End"),
            ]  # "b": the first parameter named b…, not a new cell
            for control, key in moves:
                before, shot = t.shown(), t.screenshot()
                t.press(control, key)
                shown = t.shown()
                where = f"tangent {i + 1}, {key} on the {control}"
                if control == "menu":
                    assert shown["name"] != before["name"] and shown["menu"] == shown["name"], where
                    assert shown["value"] == start["params"][shown["name"]], f"{where}: not at its starting value"
                else:
                    assert shown["name"] == before["name"] and shown["value"] == shown["slider"] != before["value"], (
                        where
                    )
                assert t.screenshot() != shot, f"{where}: the figure did not change on screen"
                check_tangent(shown, start, where)
            assert shown["name"].startswith("b"), "the letter b did not pick a bias in the menu"
            assert page.locator(".jp-Notebook .jp-Cell").count() == cells, "a key reached JupyterLab (a cell was added)"
        # The kernel heard every move: it holds the parameter and the value the page shows.
        for i, now in enumerate(lab.kernel_value(path, KERNEL_TANGENTS)):
            shown = Tangent(page, i).shown()
            assert (now["name"], now["value"]) == (shown["name"], shown["value"]), (
                f"tangent {i + 1}: the kernel holds {now['name']} = {now['value']}, the page shows {shown}"
            )
        show_log_console(page)
        assert output_problems(page) == [], "a traceback or stderr in an output area or the Log Console"
    finally:
        page.close()


def test_server_and_browser_stop_cleanly(lab, chromium):
    """Runs last: Chromium, Playwright's driver, the Jupyter server and its kernels all end."""
    left = chromium.stop() + lab.stop()
    assert left == [], f"processes left behind: {left}"
