"""Slider change → new figure on screen, in JupyterLab in Chromium (prints figures; asserts nothing).

Starts a real Jupyter server on 127.0.0.1 over a temporary copy of chapters/, opens each chapter
that displays `bp.explorer(...)` (or, if none does yet, a one-cell notebook with the regression
explorer), runs it, and moves sliders with the keyboard, as a learner would — η up and down, one
weight up and down — waiting for each new figure before the next move. The page times each move
from the keydown to the first animation frame after the new PNG has loaded, and the parts of it:

  keydown → readout text changes   message to the kernel, training, readout message back
  readout → image src changes      PNG rendering in the kernel, the image message
  src → image loaded               the browser decoding the PNG
  loaded → next frame              paint

(The kernel's output thread often gets to send the readout only while or after the figure is
drawn, so the split between the first two parts is rough; their sum is not.)

Then it times, in this process, the kernel's side of one update (training alone, the figure
alone) and reports the PNG's size. Last, the same panel with no computation at all (a move only
swaps in a figure rendered beforehand) gives the floor: messages, decoding and painting. The
figures move with the machine's load (printed): compare runs made back to back.
Target: median ≤ 100 ms.

Run: make bench-lab   (or .venv/bin/python benchmarks/lab_latency.py --moves 40)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

# The test harness (server, browser, explorer on the page) lives with the JupyterLab test.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "lab"))
from labharness import (CHAPTERS, CHROMIUM, Explorer, LabServer, chapters_with_explorer,  # noqa: E402
                        explorer_calls, launch_chromium, open_and_run)

import bp  # noqa: E402

TIMING_JS = """(root) => {
  const img = root.querySelector('img.widget-image');
  const readouts = root.querySelectorAll('.widget-html');
  const L = window.__bpLatency = {cur: null, marks: []};
  root.addEventListener('keydown', () => { L.cur = {key: performance.now()}; }, true);
  new MutationObserver(() => { if (L.cur && L.cur.readout === undefined) L.cur.readout = performance.now(); })
    .observe(readouts[readouts.length - 1], {subtree: true, childList: true, characterData: true});
  new MutationObserver(() => { if (L.cur) L.cur.src = performance.now(); })
    .observe(img, {attributes: true, attributeFilter: ['src']});
  img.addEventListener('load', () => {
    const c = L.cur;
    if (!c || c.src === undefined) return;
    c.load = performance.now();
    requestAnimationFrame(() => { c.frame = performance.now(); L.marks.push(c); L.cur = null; });
  });
}"""
MOVES = [("η", "ArrowRight"), ("w2_21", "PageUp"), ("η", "ArrowLeft"), ("w2_21", "PageDown")]


def scratch_chapters():
    """A folder with one notebook displaying the regression explorer (until the chapters have one)."""
    import nbformat

    folder = Path(tempfile.mkdtemp(prefix="bp-lab-bench-"))
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        'import bp\nbp.explorer(bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=100)')]
    nbformat.write(nb, folder / "scratch_regression.ipynb")
    return folder


BASELINE = """import bp
e = bp.explorer(bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=100)
figures = [e.image.value]
e.eta.value = 1.1e-3
figures.append(e.image.value)
# The same panel with no computation: a move only swaps in a figure rendered beforehand.
for w in (e.eta, e.epochs, *e.sliders.values()):
    w.unobserve(e._on_change, names="value")
moves = [0]
def swap(change):
    moves[0] += 1
    e.readout.value = f"move {moves[0]}"
    e.image.value = figures[(moves[0] + 1) % 2]  # never the figure already shown
for w in (e.eta, e.epochs, *e.sliders.values()):
    w.observe(swap, names="value")
e"""


def write_baseline(folder):
    """A notebook with the regression explorer's panel whose callback only swaps in a figure
    rendered beforehand: what is left of the latency is the messages, decoding and painting."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(BASELINE)]
    nbformat.write(nb, Path(folder) / "latency_baseline.ipynb")


def measure_page(page, explorer, moves, pause):
    explorer.scroll_into_view()
    explorer.root.evaluate(TIMING_JS)
    for i in range(moves):
        description, key = MOVES[i % len(MOVES)]
        n = page.evaluate("window.__bpLatency.marks.length")
        explorer.handle(description).press(key)  # focuses the slider's handle, then the key
        page.wait_for_function(f"window.__bpLatency.marks.length > {n}", timeout=30_000)
        time.sleep(pause)
    return page.evaluate("window.__bpLatency.marks")


def summary(label, values):
    v = np.asarray(values)
    return f"{label:34s} median {np.median(v):6.1f} ms   p95 {np.percentile(v, 95):6.1f} ms"


def kernel_side(call, repeats=30):
    """One update's parts, timed in this process on the same explorer: the whole update, training
    alone, the PNG alone (medians), and the PNG's size."""
    x, y = call["candidates"][0]
    e = bp.explorer(x, y, task=call["task"], loss=call["loss"], **call["keywords"])
    base = e.eta.value
    etas = iter([base * 10 ** (0.05 * (k % 2)) for k in range(1, 10 * repeats)])

    def median_ms(fn):
        fn()
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return 1000 * statistics.median(times)

    update = median_ms(lambda: setattr(e.eta, "value", next(etas)))
    training = median_ms(lambda: bp.train(e.params, e.x, e.y, task=call["task"], loss=call["loss"],
                                          eta=float(e.eta.value), epochs=int(e.epochs.value)))
    render = median_ms(e._render)
    return update, training, render, len(e.image.value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30, help="slider moves per explorer (at least 20)")
    parser.add_argument("--pause", type=float, default=0.1, help="seconds between a figure and the next move")
    args = parser.parse_args()
    moves = max(20, args.moves)

    notebooks = chapters_with_explorer()
    source = scratch = CHAPTERS
    if not notebooks:
        source = scratch = scratch_chapters()
        notebooks = chapters_with_explorer(source)
        print(f"(no chapter displays bp.explorer yet: measuring a scratch notebook, {notebooks[0].name})")
    from playwright.sync_api import sync_playwright

    with LabServer(source) as server, sync_playwright() as p:
        write_baseline(server.tmp / "chapters")
        notebooks.append(server.tmp / "chapters" / "latency_baseline.ipynb")
        browser = launch_chromium(p)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
        for nb in notebooks:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_and_run(page, server, f"chapters/{nb.name}")
            marks = measure_page(page, Explorer(page, 0), moves, args.pause)
            page.close()
            total = [m["frame"] - m["key"] for m in marks]
            print(f"\n{nb.stem}: {len(marks)} slider moves in JupyterLab ({CHROMIUM}, {browser.version})")
            print(summary("slider change -> new figure shown", total) + "   (target: median <= 100 ms)")
            print(summary("  keydown -> readout updated", [m["readout"] - m["key"] for m in marks]))
            print(summary("  readout -> image src set", [m["src"] - m["readout"] for m in marks]))
            print(summary("  src -> image loaded (decode)", [m["load"] - m["src"] for m in marks]))
            print(summary("  loaded -> next frame (paint)", [m["frame"] - m["load"] for m in marks]))
            if nb.stem == "latency_baseline":
                print("  (the regression panel with no computation: a move swaps in a figure rendered beforehand)")
            calls = explorer_calls(nb)
            if calls and nb.stem != "latency_baseline":
                update, training, render, size = kernel_side(calls[0])
                print(f"  in the kernel (timed here, same explorer): one update {update:.1f} ms = training "
                      f"{training:.1f} ms + figure {render:.1f} ms + the rest; PNG {size / 1024:.1f} KiB")
        browser.close()
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if scratch != CHAPTERS:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
