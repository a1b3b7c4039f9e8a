"""The network playground is live in the static book: no kernel, no network, the page trains.

Every page of the built book whose stored widget state holds a `bp.playground` is found by its
content (wherever the playground lives in the book) and opened from the local static server with
every other host cut off (the `visit` fixture). Through the page only — a select chosen, a slider
moved with the keyboard or dragged to a value, the seed typed — the test sets 36 combinations of
the controls on the first playground of a page and a few on each other one (the same front end from
other stored settings), waits for each run's "done" signal (the root's
data-state="done", data-updates counting the runs) and reads what the page drew: the losses at full
precision (data-losses), the settings they came from (data-settings, which must be what the controls
show), the gradient norms, the accuracy and the visible readout. It checks them against
`bp.mlp.train` for the same settings on the data the page holds (its stored widget state) under the
rule of playground_check.py: the first epoch to 1e-12; the whole curve to 1e-9 on stable settings;
unstable ones reported with their drift, never failed. Play and step are checked too (the animation
ends on the same curve; a step trains one epoch), short runs train on the page's thread and long ones
go to a Web Worker (and, where no worker can start, train on the page's thread in chunks, to the
same numbers), a run paused in the middle of an epoch (chunks) ends on the same numbers, with prefers-reduced-motion
a change during play does not restart an animation, and mlp.js itself, loaded in the page, is
bp.mlp's initialisation bit for bit.

Run: make test-browser (builds the book first).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playground_check import PLAYGROUND, SHOWN_JS, STATES_JS, check, controls_match, model_datasets

pytestmark = pytest.mark.browser

MARKER = PLAYGROUND

# The moves, in order: (control, how, value). how is a key pressed on the focused control,
# "select" (an option chosen), "drag" (a slider set to a value: η and the epochs in their own units)
# or "type" (the seed typed). Each move changes the settings; the sequence keeps Python's share of
# the test light (per-sample runs are short; the 1000-epoch runs are full-batch).
MOVES = [
    ("epochs", "drag", 20),
    ("seed", "ArrowUp", None),
    ("activation", "select", "relu"),
    ("hidden_layers", "ArrowRight", None),
    ("width", "drag", 7),
    ("eta", "ArrowRight", None),
    ("batch_size", "select", "1"),
    ("dataset", "select", "xor"),
    ("hidden_layers", "Home", None),
    ("eta", "End", None),
    ("batch_size", "select", "full"),
    ("epochs", "End", None),
    ("dataset", "select", "spiral"),
    ("hidden_layers", "End", None),
    ("activation", "select", "sigmoid"),
    ("eta", "drag", 1.0),
    ("epochs", "drag", 100),
    ("batch_size", "select", "32"),
    ("width", "drag", 2),
    ("activation", "select", "identity"),
    ("dataset", "select", "placed"),
    ("eta", "drag", 0.01),
    ("batch_size", "select", "5"),
    ("activation", "select", "tanh"),
    ("seed", "type", 12345),
    ("dataset", "select", "package"),
    ("eta", "drag", 0.001),
    ("hidden_layers", "drag", 1),
    ("eta", "End", None),  # η = 3 on the Package: diverges
    ("eta", "drag", 0.03),
    ("epochs", "Home", None),
    ("epochs", "ArrowRight", None),
    ("dataset", "ArrowUp", None),
    ("activation", "select", "relu"),
    ("batch_size", "select", "100"),
    ("seed", "ArrowDown", None),
]
# Every other playground (the same front end, other stored settings): a few moves from its own start.
SHORT_MOVES = [
    ("batch_size", "select", "1"),
    ("epochs", "drag", 10),
    ("batch_size", "select", "full"),
    ("activation", "select", "relu"),
    ("seed", "ArrowUp", None),
    ("eta", "ArrowLeft", None),
    ("hidden_layers", "ArrowLeft", None),
    ("dataset", "select", "spiral"),
]


def _pages(html_dir):
    return sorted(
        p.relative_to(html_dir).as_posix()
        for p in html_dir.rglob("*.html")
        if p.relative_to(html_dir).parts[0] not in ("_static", "_sources") and MARKER in p.read_text(encoding="utf-8")
    )


def _states(page):
    """The stored state of each playground on the page, in page order."""
    return page.evaluate(STATES_JS, MARKER)


def _shown(root):
    return root.evaluate(SHOWN_JS)


def _wait_done(page, root, before):
    page.wait_for_function(
        "([el, n]) => Number(el.dataset.updates) > n && el.dataset.state === 'done'",
        arg=[root.element_handle(), before],
        timeout=60_000,
    )


def _move(page, root, state, name, how, value):
    before = _shown(root)
    control = root.locator(f'.bp-pg-controls [data-name="{name}"]:is(input, select)')
    if how == "select":
        control.select_option(value)
    elif how == "drag":
        index = {"eta": state["etas"], "epochs": state["epoch_values"]}.get(name)
        v = index.index(value) if index else value
        control.evaluate(
            """(input, v) => {
            input.value = String(v);
            input.dispatchEvent(new Event('input', {bubbles: true}));
            input.dispatchEvent(new Event('change', {bubbles: true}));
        }""",
            v,
        )
    elif how == "type":
        control.fill(str(value))
        control.press("Tab")
    else:
        control.focus()
        control.press(how)
    assert control.evaluate("c => c.value") != before["controls"][name], f"{name} {how} {value} did not move"
    _wait_done(page, root, before["updates"])
    return _shown(root)


@pytest.fixture(scope="module")
def lines():
    return []


def test_the_book_shows_the_playground_twice(html_dir):
    pages = _pages(html_dir)
    assert pages, "no page of the built book shows a bp.playground"
    assert sum(p.read_text(encoding="utf-8").count(MARKER) for p in map(html_dir.joinpath, pages)) >= 2, (
        "the book should show the playground at least twice (depth and activations; batches)"
    )


def test_playground_is_live_in_the_static_page(visit, report, lazy, playground_page):
    path = playground_page
    page, log = visit(path)
    lazy.show_widgets(page)  # each widget is drawn as the reader scrolls to it
    page.wait_for_selector(".bp-playground[data-state=done]", timeout=30_000)
    states = _states(page)
    assert states, f"{path}: no playground"
    roots = page.locator(".bp-playground")
    assert roots.count() == len(states)
    split = {"stable": 0, "unstable": 0, "diverged": 0}
    for k, state in enumerate(states):
        data = model_datasets(state)
        root = roots.nth(k)
        root.scroll_into_view_if_needed()
        page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=60_000)
        shown = _shown(root)
        assert shown["engine"] == "Web Worker", f"{path}: the playground's long runs go to the {shown['engine']}"
        ran_on = {shown["ranOn"]}
        # Before any move: the stored settings, and their run.
        assert {key: shown["settings"][key] for key in shown["settings"]} == {
            key: state[key] for key in shown["settings"]
        }, (shown["settings"], state)
        results = [check(shown, data, f"{path} playground {k}, as stored")]
        combos = {json.dumps(shown["settings"], sort_keys=True)}
        moves = MOVES if k == 0 else SHORT_MOVES
        for i, (name, how, value) in enumerate(moves):
            where = f"{path} playground {k}, move {i + 1} ({name} {how}{'' if value is None else ' ' + str(value)})"
            shown = _move(page, root, state, name, how, value)
            controls_match(shown, state)
            results.append(check(shown, data, where))
            combos.add(json.dumps(shown["settings"], sort_keys=True))
            ran_on.add(shown["ranOn"])
        assert len(combos) == len(moves) + 1, f"{path} playground {k}: only {len(combos)} different combinations"
        if k == 0:  # short runs train on the page's thread, long ones (1000 epochs, the widest) in the worker
            assert ran_on == {"main thread", "Web Worker"}, f"{path} playground {k}: runs trained only on the {ran_on}"
        for r in results:
            split["stable" if r["stable"] else "unstable"] += 1
            split["diverged"] += r["diverged"]
            report["lines"].append(f"  {path} #{k}: {r['line']}")
    assert split["stable"] + split["unstable"] >= 30, "fewer than 30 combinations of the controls"
    assert split["diverged"] >= 1, "no setting made a playground diverge"
    assert not log["foreign"] and not log["failed"], log
    assert not log["console"], log["console"]
    report["lines"].append(
        f"{path}: {len(states)} playground(s), {split['stable'] + split['unstable']} settings: "
        f"{split['stable']} stable (curve = bp.mlp.train to 1e-9), {split['unstable']} unstable "
        f"(first epoch to 1e-12, drift reported above), {split['diverged']} diverged runs"
    )


def test_play_pause_and_step(visit, lazy, html_dir):
    """Step trains one epoch at a time; Play animates epoch by epoch and ends on the curve a control
    change computes at once; Pause stops on the epoch shown."""
    path = _pages(html_dir)[0]
    page, log = visit(path)
    lazy.show_widgets(page)
    root = page.locator(".bp-playground").first
    root.wait_for()
    page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=60_000)
    root.scroll_into_view_if_needed()
    state = _states(page)[0]
    data = model_datasets(state)
    full = _shown(root)
    play, step = root.locator("button.bp-pg-play"), root.locator("button.bp-pg-step")
    assert play.inner_text() == "Play" and play.get_attribute("aria-pressed") == "false"

    # Step from the end starts over: epoch 0, then one epoch per press.
    for epoch in (0, 1, 2):
        n = _shown(root)["updates"]
        step.click()
        page.wait_for_function("([el, n]) => Number(el.dataset.updates) > n", arg=[root.element_handle(), n])
        shown = _shown(root)
        assert shown["state"] == "paused" and shown["epoch"] == epoch, shown["state"]
        assert shown["losses"] == full["losses"][: epoch + 1], epoch
        assert f"paused at epoch {epoch} of {full['settings']['epochs']}" in shown["readout"]

    # Play: the figure grows epoch by epoch (seen mid-way), and ends where the settings' run ends.
    n = _shown(root)["updates"]
    play.click()
    assert play.inner_text() == "Pause" and play.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "el => Number(el.dataset.epoch) > 0 && Number(el.dataset.epoch) < 50", arg=root.element_handle()
    )
    _wait_done(page, root, n)
    shown = _shown(root)
    assert shown["losses"] == full["losses"] and play.inner_text() == "Play"
    check(shown, data, f"{path}: after play")

    # Pause mid-way stops on the epoch shown; the readout says so. (A thousand epochs play for about
    # 8 s: time to pause on a loaded machine.)
    full = _move(page, root, state, "epochs", "End", None)
    n = full["updates"]
    play.click()
    page.wait_for_function("el => Number(el.dataset.epoch) >= 5", arg=root.element_handle())
    play.click()
    page.wait_for_function("([el, n]) => Number(el.dataset.updates) > n", arg=[root.element_handle(), n])
    shown = _shown(root)
    assert shown["state"] == "paused" and 5 <= shown["epoch"] < full["settings"]["epochs"], shown["epoch"]
    assert shown["losses"] == full["losses"][: shown["epoch"] + 1]
    assert f"paused at epoch {shown['epoch']} of" in shown["readout"]
    assert not log["console"], log["console"]


def test_a_change_during_play_restarts_but_never_with_reduced_motion(browser, server, lazy, html_dir):
    path = _pages(html_dir)[0]
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(service_workers="block", reduced_motion=motion)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server + "/") else r.abort())
        page = context.new_page()
        page.goto(f"{server}/{path}")
        lazy.show_widgets(page)
        root = page.locator(".bp-playground").first
        root.wait_for()
        page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=60_000)
        root.scroll_into_view_if_needed()
        assert _shown(root)["epoch"] == _shown(root)["settings"]["epochs"]  # nothing played by itself
        # A thousand epochs play for about 8 s: time to change a control while it plays.
        n = _shown(root)["updates"]
        epochs = root.locator('[data-name="epochs"]:is(input)')
        epochs.focus()
        epochs.press("End")
        _wait_done(page, root, n)
        root.locator("button.bp-pg-play").click()
        page.wait_for_function("el => Number(el.dataset.epoch) >= 3", arg=root.element_handle())
        seed = root.locator('[data-name="seed"]:is(input)')
        seed.focus()
        seed.press("ArrowUp")
        if motion == "reduce":  # the new settings' run is computed at once; the animation stops
            page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle())
            assert root.locator("button.bp-pg-play").get_attribute("aria-pressed") == "false"
        else:  # the animation restarts from epoch 0 with the new settings
            page.wait_for_function(
                "el => JSON.parse(el.dataset.settings).seed === 1 && Number(el.dataset.epoch) < 100 "
                "&& el.dataset.state === 'running'",
                arg=root.element_handle(),
            )
            assert root.locator("button.bp-pg-play").get_attribute("aria-pressed") == "true"
        context.close()


def test_the_twin_in_the_page_is_bp_mlp(visit, html_dir):
    """mlp.js itself, its source imported in the page as an ES module: the seeded initialisation is
    bp.mlp.init bit for bit; forward, gradients and a short training agree with bp.mlp."""
    import numpy as np

    from bp import mlp

    page, log = visit(_pages(html_dir)[0])
    # src/bp/js/ served beside the book, so that the module's own imports resolve.
    js = Path(mlp.__file__).parent / "js"
    page.route(
        "**/__bp_js/*.js",
        lambda r: r.fulfill(path=js / r.request.url.rsplit("/", 1)[1], content_type="text/javascript"),
    )
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(20, 3)), (rng.random(20) > 0.5).astype(float)
    cases = [([3, 5, 4, 1], 0, "xavier"), ([3, 8, 1], 7, "he"), ([3, 2, 2, 2, 1], 4294967295, 0.5)]
    out = page.evaluate(
        """async ([src, cases, X, y]) => {
        const m = await import(src);
        const Xm = m.matrix(X.length, X[0].length, Float64Array.from(X.flat()));
        const yv = Float64Array.from(y);
        return {
            uniforms: [0, 1, 42, 4294967295].map(s => Array.from(m.uniforms(s, 5), u => u * 4294967296)),
            cases: cases.map(([sizes, seed, scale]) => {
                const layers = m.init(sizes, {seed, scale});
                const out = {W: layers.map(l => Array.from(l.W.data)), losses: {}, grads: {}};
                for (const hidden of m.ACTIVATIONS) {
                    for (const task of ['regression', 'classification']) {
                        const loss = task === 'regression' ? 'squared' : 'cross_entropy';
                        out.losses[hidden + task] = m.meanLoss(layers, Xm, yv, task, hidden, loss);
                        out.grads[hidden + task] = m.gradients(layers, Xm, yv, task, hidden, loss)
                            .map(g => Array.from(g.dW.data));
                    }
                }
                out.train = m.train(layers, Xm, yv, {task: 'classification', hidden: 'tanh', loss: 'cross_entropy',
                                                     eta: 0.1, epochs: 5, batchSize: 6, limit: 1e12}).losses;
                return out;
            }),
        };
    }""",
        ["/__bp_js/mlp.js", cases, X.tolist(), y.tolist()],
    )
    for seed, ks in zip([0, 1, 42, 4294967295], out["uniforms"], strict=True):
        assert ks == (mlp.uniforms(seed, 5) * 2**32).tolist()
    for (sizes, seed, scale), got in zip(cases, out["cases"], strict=True):
        layers = mlp.init(sizes, seed=seed, scale=scale)
        assert got["W"] == [W.ravel().tolist() for W, _ in layers], (sizes, seed, scale)  # bit for bit
        for hidden in mlp.ACTIVATIONS:
            for task in ("regression", "classification"):
                where = (sizes, hidden, task)
                assert np.isclose(
                    got["losses"][hidden + task], mlp.loss(layers, X, y, task=task, hidden=hidden), rtol=1e-13, atol=0
                ), where
                want_grads = mlp.gradients(layers, X, y, task=task, hidden=hidden)
                for dW, (want, _) in zip(got["grads"][hidden + task], want_grads, strict=True):
                    np.testing.assert_allclose(dW, want.ravel(), rtol=1e-12, atol=1e-15, err_msg=str(where))
        r = mlp.train(layers, X, y, task="classification", hidden="tanh", eta=0.1, epochs=5, batch_size=6)
        np.testing.assert_allclose(got["train"], r.losses, rtol=1e-12, atol=0)
    assert not log["console"], log["console"]


def test_without_web_workers_the_page_trains_in_chunks(browser, server, lazy, html_dir):
    """Where no worker can start, the same runner trains on the page's thread, in chunks: the
    numbers are the same (a few settings, one of them long enough to need several chunks)."""
    path = _pages(html_dir)[0]
    context = browser.new_context(service_workers="block")
    context.add_init_script("window.Worker = undefined;")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server + "/") else r.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/{path}")
    lazy.show_widgets(page)
    root = page.locator(".bp-playground").first
    root.wait_for()
    page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=60_000)
    state = _states(page)[0]
    data = model_datasets(state)
    shown = _shown(root)
    assert shown["engine"] == "main thread"
    check(shown, data, "main thread, as stored")
    for name, how, value in [("epochs", "drag", 1000), ("batch_size", "select", "full"), ("seed", "ArrowUp", None)]:
        shown = _move(page, root, state, name, how, value)
        check(shown, data, f"main thread, {name} {how} {value}")
    context.close()
    assert not errors, errors
