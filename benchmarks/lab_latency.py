"""Slider change → new curve on screen, in JupyterLab in Chromium (prints figures; asserts nothing).

Starts a real Jupyter server on 127.0.0.1 over a temporary copy of chapters/, opens each chapter
that displays `bp.explorer(...)` (or, if none does yet, a one-cell notebook with the regression
explorer), runs it, and moves sliders with the keyboard, as a learner would — η up and down, one
weight up and down — waiting for each new curve before the next move. The page times each move
from the keydown to the first animation frame after the explorer has redrawn, and the parts of it:

  keydown → trained and drawn      the explorer's front end: training (the JavaScript twin of
                                   bp.train) and drawing the canvas, in the browser
  drawn → next frame               paint

The kernel no longer draws (the explorer computes in the page, src/bp/explorer.js; the kernel only
hears the new settings), so the former kernel-side figures of this benchmark (training and PNG
rendering in the kernel, a no-computation baseline panel) are retired. The same measure in the
static book: benchmarks/page_latency.py. The figures move with the machine's load (printed).
Target: median ≤ 100 ms.

Run: make bench-lab   (or .venv/bin/python benchmarks/lab_latency.py --moves 40)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

# The test harness (server, browser, explorer on the page) lives with the JupyterLab test.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # tests/chromium.py
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "lab"))
from labharness import CHAPTERS, CHROMIUM, Explorer, LabServer, chapters_with_explorer, launch_chromium, open_and_run  # noqa: E402
from latency_js import TIMING_JS  # noqa: E402

MOVES = [("η", "ArrowRight"), ("w2_21", "PageUp"), ("η", "ArrowLeft"), ("w2_21", "PageDown")]


def measure_page(page, explorer, moves, pause):
    explorer.scroll_into_view()
    explorer.root.evaluate(TIMING_JS)
    for i in range(moves):
        description, key = MOVES[i % len(MOVES)]
        n = page.evaluate("window.__bpLatency.marks.length")
        explorer.handle(description).focus()  # as Tab would
        explorer.handle(description).press(key)
        page.wait_for_function(f"window.__bpLatency.marks.length > {n}", timeout=30_000)
        time.sleep(pause)
    return page.evaluate("window.__bpLatency.marks")


def summary(label, values):
    v = np.asarray(values)
    return f"{label:34s} median {np.median(v):6.1f} ms   p95 {np.percentile(v, 95):6.1f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30, help="slider moves per explorer (at least 20)")
    parser.add_argument("--pause", type=float, default=0.1, help="seconds between a figure and the next move")
    args = parser.parse_args()
    moves = max(20, args.moves)

    notebooks = chapters_with_explorer()
    source = CHAPTERS
    from playwright.sync_api import sync_playwright

    with LabServer(source) as server, sync_playwright() as p:
        browser = launch_chromium(p)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
        for nb in notebooks:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_and_run(page, server, f"chapters/{nb.name}")
            marks = measure_page(page, Explorer(page, 0), moves, args.pause)
            page.close()
            print(f"\n{nb.stem}: {len(marks)} slider moves in JupyterLab ({CHROMIUM}, {browser.version})")
            print(
                summary("slider change -> new curve shown", [m["frame"] - m["key"] for m in marks])
                + "   (target: median <= 100 ms)"
            )
            print(summary("  keydown -> trained and drawn", [m["drawn"] - m["key"] for m in marks]))
            print(summary("    of which training + drawing", [m["compute"] for m in marks]))
            print(summary("  drawn -> next frame (paint)", [m["frame"] - m["drawn"] for m in marks]))
        browser.close()
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
