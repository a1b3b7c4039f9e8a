"""Control change → redrawn figure in the static HTML book, in Chromium (prints figures; asserts nothing).

Serves the built book (_build/html, or $BOOK_HTML) from a local static server, with every other
host cut off as in the browser test, opens each chapter page that shows an explorer and moves its
sliders with the keyboard — η up and down, one weight up and down — waiting for each redraw
before the next move. The page times each move from the keydown to the first animation frame
after the explorer has trained, drawn and written its readout, and the parts of it:

  keydown → trained and drawn      the explorer's front end (src/bp/explorer.js) in the page
    of which training + drawing    its own measure (the data-update-ms attribute)
  drawn → next frame               paint

Then it prints the page's weight (HTML + every asset it loaded) and what the live explorers add
to it: the widget host printed inline in the HTML (_templates/bp-widgets.js), the explorers'
widget state in the HTML (data and settings; a stub for the module) and the module and stylesheet the
page fetches once (_static/bp/<hash>/, bp/sphinxext.py). Target: median under one frame (16 ms).

Then each page that shows a network playground (bp.playground): for each of a few settings, from
the defaults (the speed target's) to the heaviest (the deepest and widest network, per-sample
steps, a thousand epochs), it sets the controls through the page and then changes the seed with
the keyboard, up and down, timing each change to the first frame after the new figure is drawn
(median and p95), and whether each figure timed was the complete run (the page draws no partial
result of a control change). A short run (the defaults' size) trains on the page's thread in the
task of the change, a longer one in a Web Worker, each in chunks of at most ~12-16 ms; the script
says where the runs trained, the run's and the drawing's time, the longest chunk in the worker
(data-last-chunk-ms), the longest the widget held the page's thread (data-main-ms: drawing, with the
run's chunk when it trained there), the longest gap between two animation frames while it ran (the
page never freezes if this stays small), long tasks (over 50 ms) seen by the browser, and whether
the progress bar showed. Then the training alone at the defaults (bp.mlp's twin, mlp.js, timed in
the page: less sensitive to the machine's load than a whole change), and the weight the playgrounds
add to their page.

Run: make bench-page   (or .venv/bin/python benchmarks/page_latency.py --moves 40 [--only playgrounds];
     builds nothing)
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np

import bp
from book_browser import ARGS, CHROMIUM, HTML, open_offline
from bp.sphinxext import MANIFEST_ID
from latency_js import TIMING_JS

JS = Path(bp.__file__).parent / "js"  # the front ends' sources, real ES modules: mlp.js timed alone

MOVES = [("eta", "ArrowRight"), ("w2_21", "PageUp"), ("eta", "ArrowLeft"), ("w2_21", "PageDown")]
WEIGHT_JS = """() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  const size = e => e.encodedBodySize || 0;
  return {bytes: entries.reduce((s, e) => s + size(e), 0), requests: entries.length,
          html: size(performance.getEntriesByType('navigation')[0]),
          host: [...document.scripts].filter(s => s.text.includes('bp widget')).reduce((s, e) => s + e.text.length, 0)};
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def summary(label, values):
    v = np.asarray(values)
    return f"{label:34s} median {np.median(v):6.2f} ms   p95 {np.percentile(v, 95):6.2f} ms"


def explorer_state_bytes(page_file):
    """Bytes of the explorers' models in the page's stored widget state (JSON as in the HTML)."""
    text = page_file.read_text(encoding="utf-8")
    marker = '<script type="application/vnd.jupyter.widget-state+json">'
    start = text.index(marker) + len(marker)
    state = json.loads(text[start : text.index("</script>", start)])["state"]
    models = [m for m in state.values() if m["model_name"] == "AnyModel"]
    return len(models), sum(len(json.dumps(m)) for m in models)


PLAYGROUND = "bp.playground.Playground"  # a playground's _anywidget_id in the page's widget state
# (what, controls set through the page before timing, seed changes timed). From the defaults of
# bp.playground (the speed target: one frame) to the heaviest settings (they must never freeze the page).
PLAYGROUND_SETTINGS = [
    ("defaults: circles, 2x4 tanh, batch 10, 50 epochs", {}, 40),
    ("deepest and widest: 4x8 tanh, batch 10, 50 epochs", {"hidden_layers": 4, "width": 8}, 20),
    ("per-sample SGD: 2x4 tanh, batch 1, 50 epochs", {"batch_size": "1"}, 20),
    ("1000 epochs: 2x4 tanh, batch 10", {"epochs": 1000}, 10),
    (
        "heaviest: students, 4x8 ReLU, batch 1, 1000 epochs",
        {"dataset": "placed", "hidden_layers": 4, "width": 8, "activation": "relu", "batch_size": "1", "epochs": 1000},
        4,
    ),
]
# The widget's own work and the page's responsiveness while it runs (per setting): for each run
# done, where it trained (data-ran-on), the run (data-compute-ms), the drawing (data-draw-ms) and
# whether the figure drawn was the complete run; the longest chunk of a run in the worker and the
# longest stretch the widget held the page's thread (data-main-ms: drawing, and the chunk before it
# when the run trained there), the worker's chunks (data-last-chunk-ms), the longest gap between two
# frames, long tasks, the progress bar.
WATCH_JS = """(root) => {
  const P = window.__bpWatch = {main: 0, workerChunk: 0, workerChunks: [], gap: 0, progress: false,
                                longtasks: 0, longest: 0, done: []};
  new MutationObserver((records) => {
    const d = root.dataset;
    for (const r of records) {
      if (r.attributeName === 'data-main-ms') P.main = Math.max(P.main, Number(d.mainMs));
      else if (r.attributeName === 'data-last-chunk-ms' && d.ranOn === 'Web Worker') {
        P.workerChunk = Math.max(P.workerChunk, Number(d.lastChunkMs));
        P.workerChunks.push(Number(d.lastChunkMs));
      }
      else if (r.attributeName === 'data-updates' && d.state === 'done') {
        const s = JSON.parse(d.settings);
        P.done.push({ranOn: d.ranOn, run: Number(d.computeMs), draw: Number(d.drawMs), main: Number(d.mainMs),
                     complete: d.diverged === 'true' || Number(d.epoch) === s.epochs});
      }
    }
  }).observe(root, {attributes: true, attributeFilter: ['data-main-ms', 'data-last-chunk-ms', 'data-updates']});
  const bar = root.querySelector('.bp-pg-progress');
  new MutationObserver(() => { if (!bar.hidden) P.progress = true; }).observe(bar, {attributes: true});
  let last = performance.now();
  const tick = (t) => { P.gap = Math.max(P.gap, t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { P.longtasks += 1; P.longest = Math.max(P.longest, e.duration); }
  }).observe({type: 'longtask', buffered: false});
}"""


TRAIN_WARMUP = 10
# bp.mlp.train's twin at the playground's defaults (circles, 2 × 4 tanh, η = 0.1, batch 10, 50 epochs,
# seed 0), the data as the page standardises it: the times of 30 runs after a few to warm up.
TRAIN_ONLY_JS = """async ([src, datasets, limit]) => {
  const m = await import(src);
  const d = datasets.find((d) => d.name === 'circles');
  const X = m.matrix(d.x.length, 2, Float64Array.from(d.x.flatMap((r) => r.map((v, c) => (v - d.mean[c]) / d.std[c]))));
  const y = Float64Array.from(d.y);
  const opts = {task: 'classification', hidden: 'tanh', loss: 'cross_entropy', eta: 0.1, epochs: 50,
                batchSize: 10, limit};
  const times = [];
  for (let i = 0; i < %d + 30; i++) {
    const layers = m.init([2, 4, 4, 1], {seed: 0});
    const t0 = performance.now();
    m.train(layers, X, y, opts);
    times.push(performance.now() - t0);
  }
  return times.slice(%d);
}""" % (TRAIN_WARMUP, TRAIN_WARMUP)


def set_control(page, root, name, value, state):
    """Set one control through the page as a learner would (a select chosen, a slider dragged;
    the epochs' slider runs over the widget's epoch_values)."""
    n = int(root.get_attribute("data-updates") or 0)
    control = root.locator(f'.bp-pg-controls [data-name="{name}"]:is(input, select)')
    if control.evaluate("c => c.tagName") == "SELECT":
        control.select_option(str(value))
    else:
        index = state["epoch_values"].index(value) if name == "epochs" else value
        control.evaluate(
            """(c, v) => { c.value = String(v); c.dispatchEvent(new Event('input', {bubbles: true}));
                                        c.dispatchEvent(new Event('change', {bubbles: true})); }""",
            index,
        )
    page.wait_for_function(
        "([el, n]) => Number(el.dataset.updates) > n && el.dataset.state === 'done'",
        arg=[root.element_handle(), n],
        timeout=600_000,
    )


def playground_models(page_file):
    """The playgrounds' models (their states) in the page's stored widget state, in page order."""
    text = page_file.read_text(encoding="utf-8")
    marker = '<script type="application/vnd.jupyter.widget-state+json">'
    start = text.index(marker) + len(marker)
    state = json.loads(text[start : text.index("</script>", start)])["state"]
    return [m["state"] for m in state.values() if m["state"].get("_anywidget_id") == PLAYGROUND]


def playground_state_bytes(page_file):
    """The playgrounds' models in the page's stored widget state: count, bytes, and of them the
    data sets; and the bytes of the module and stylesheet the page fetches for them (once)."""
    models = playground_models(page_file)
    text = page_file.read_text(encoding="utf-8")
    manifest = json.loads(re.search(rf'<script id="{MANIFEST_ID}" type="application/json">(.*?)</script>', text)[1])
    served = sum((page_file.parent / url).stat().st_size for url in manifest["playground"].values())
    return (
        len(models),
        sum(len(json.dumps(m)) for m in models),
        served,
        sum(len(json.dumps(m["datasets"])) for m in models),
    )


def show_first_widget(page):
    """A widget is drawn when it comes near the window: scroll to the page's first one."""
    page.locator('script[type="application/vnd.jupyter.widget-view+json"]').first.evaluate(
        "s => s.parentElement.scrollIntoView({block: 'center'})"
    )


def measure_playgrounds(browser, server, path):
    print(f"\n{path}: the network playground in the static page (Chromium {browser.version})")
    for label, controls, moves in PLAYGROUND_SETTINGS:
        context, page = open_offline(browser, server, path)
        show_first_widget(page)
        root = page.locator(".bp-playground").first
        root.wait_for(timeout=20_000)
        root.scroll_into_view_if_needed()
        page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=60_000)
        for name, value in controls.items():
            set_control(page, root, name, value, playground_models(HTML / path)[0])
        page.wait_for_timeout(300)
        root.evaluate(TIMING_JS)
        root.evaluate(WATCH_JS)
        seed = root.locator('.bp-pg-controls input[data-name="seed"]')
        for i in range(moves):
            n = page.evaluate("window.__bpLatency.marks.length")
            seed.focus()
            seed.press("ArrowUp" if i % 2 == 0 else "ArrowDown")
            page.wait_for_function(f"window.__bpLatency.marks.length > {n}", timeout=600_000)
            page.wait_for_timeout(50)
        marks = page.evaluate("window.__bpLatency.marks")
        watch = page.evaluate("window.__bpWatch")
        done = watch["done"]
        where = sorted({d["ranOn"] for d in done})
        print(f"  {label} ({len(marks)} changes; trained on the {' and the '.join(where)})")
        print(
            "  "
            + summary("  control change -> new figure shown", [m["frame"] - m["key"] for m in marks])
            + ("   (target: median < 16 ms)" if not controls else "")
        )
        print(f"        every figure timed is the complete run: {sum(d['complete'] for d in done)} of {len(done)}")
        print("  " + summary("    of which the run", [d["run"] for d in done]))
        print("  " + summary("    and drawing it (page's thread)", [d["draw"] for d in done]))
        if watch["workerChunks"]:
            print(
                "  "
                + summary("  the worker's chunks", watch["workerChunks"])
                + f"   ({len(watch['workerChunks'])} chunks; wall-clock: a loaded machine stretches them)"
            )
        here = [d["main"] for d in done if d["ranOn"] == "main thread"]
        if here:
            print(
                "  " + summary("  page's thread held (chunk + drawing)", here) + f"   ({len(here)} runs trained there)"
            )
        print(
            f"      longest chunk of a run in the worker {watch['workerChunk']:.1f} ms; the longest the widget "
            f"held the page's thread {watch['main']:.1f} ms (drawing, with the run's chunk when it trained "
            f"there); longest gap between frames {watch['gap']:.1f} ms; long tasks {watch['longtasks']} "
            f"(longest {watch['longest']:.0f} ms); progress shown: {'yes' if watch['progress'] else 'no'}"
        )
        context.close()
    context, page = open_offline(browser, server, path)
    page.route(
        "**/__bp_js/*.js",
        lambda r: r.fulfill(path=JS / r.request.url.rsplit("/", 1)[1], content_type="text/javascript"),
    )
    state = playground_models(HTML / path)[0]
    times = page.evaluate(TRAIN_ONLY_JS, ["/__bp_js/mlp.js", state["datasets"], state["divergence_limit"]])
    context.close()
    print(
        f"  training alone at the defaults (mlp.js's train, {len(times)} runs in the page's thread after "
        f"{TRAIN_WARMUP} to warm up): median {np.median(times):.2f} ms, fastest {min(times):.2f} ms"
    )
    n_models, state_bytes, served_bytes, data_bytes = playground_state_bytes(HTML / path)
    print(
        f"  weight: {n_models} playground model(s) of {state_bytes / 1e3:.1f} kB in the HTML's widget state "
        f"(data sets {data_bytes / 1e3:.1f} kB), and the front end fetched once for all of them, module and "
        f"stylesheet, {served_bytes / 1e3:.1f} kB (the worker runs the same file, from the browser's cache)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40, help="slider moves per explorer (at least 20)")
    parser.add_argument("--only", choices=["explorers", "playgrounds"], help="measure only these widgets")
    args = parser.parse_args()
    moves = max(20, args.moves)
    pages = (
        []
        if args.only == "playgrounds"
        else sorted(
            p.relative_to(HTML).as_posix()
            for p in (HTML / "chapters").glob("*.html")
            if "bp-explorer" in p.read_text(encoding="utf-8") and "AnyModel" in p.read_text(encoding="utf-8")
        )
    )
    playground_pages = (
        []
        if args.only == "explorers"
        else sorted(
            p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html") if PLAYGROUND in p.read_text(encoding="utf-8")
        )
    )
    if not pages and not playground_pages:
        raise SystemExit(f"no page with an explorer or a playground in {HTML}: build the book first (make book)")
    from playwright.sync_api import sync_playwright

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(HTML)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_port}"
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in pages:
            context, page = open_offline(browser, server, path)
            show_first_widget(page)
            root = page.locator(".bp-explorer").first
            root.wait_for(timeout=20_000)
            root.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            root.evaluate(TIMING_JS)
            for i in range(moves):
                name, key = MOVES[i % len(MOVES)]
                n = page.evaluate("window.__bpLatency.marks.length")
                slider = root.locator(f'input[type=range][data-name="{name}"]')
                slider.focus()
                slider.press(key)
                page.wait_for_function(f"window.__bpLatency.marks.length > {n}", timeout=10_000)
                page.wait_for_timeout(50)
            marks = page.evaluate("window.__bpLatency.marks")
            weight = page.evaluate(WEIGHT_JS)
            task, epochs = root.evaluate(
                "el => [el.querySelector('canvas.bp-boundary') ? 'classification' : 'regression', el.dataset.epochs]"
            )
            n_models, state_bytes = explorer_state_bytes(HTML / path)
            print(
                f"\n{path}: {len(marks)} slider moves in the static page ({task}, {epochs} epochs; "
                f"Chromium {browser.version})"
            )
            print(
                summary("slider change -> new curve shown", [m["frame"] - m["key"] for m in marks])
                + "   (target: median < 16 ms)"
            )
            print(summary("  keydown -> trained and drawn", [m["drawn"] - m["key"] for m in marks]))
            print(summary("    of which training + drawing", [m["compute"] for m in marks]))
            print(summary("  drawn -> next frame (paint)", [m["frame"] - m["drawn"] for m in marks]))
            print(
                f"  page weight {weight['bytes'] / 1e6:.2f} MB in {weight['requests']} requests "
                f"(HTML {weight['html'] / 1e3:.0f} kB); the live explorer adds the widget host "
                f"{weight['host'] / 1e3:.1f} kB (inline) and {n_models} explorer model(s) of "
                f"{state_bytes / 1e3:.1f} kB in the HTML's widget state"
            )
            context.close()
        for path in playground_pages:
            measure_playgrounds(browser, server, path)
        browser.close()
    httpd.shutdown()
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
