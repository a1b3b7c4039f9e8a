"""A stroke on the digit pad → new probabilities, in the static HTML book, in Chromium (prints; asserts nothing).

Serves the built book (_build/html, or $BOOK_HTML) from a local static server, every other host
cut off, opens the page that shows the digit pad (bp.digits) and draws ~100 strokes on it with the
mouse, each a few moves of the pen, clearing the pad every tenth stroke. For every move the page
records (its data-stroke-ms) the time from the pointer event to the ten probabilities shown — the
bitmap inked, reduced to 8 × 8, standardised, the network's forward pass (mlp.js), the grid, the
bars and the pad drawn —, of which the widget's own work (data-compute-ms: the rest is the browser
delivering the event, which Chromium holds until its next frame), and (data-frame-ms) to the
animation frame after it. It prints the median and the 95th percentile of each over all moves,
and of each stroke's slowest move.
Target: median under one frame (16 ms).

Run: .venv/bin/python benchmarks/digits_latency.py [--strokes 100]   (builds nothing: make test-book first)
"""

from __future__ import annotations

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import numpy as np

from book_browser import ARGS, CHROMIUM, HTML, open_offline


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def _digit_page():
    for p in sorted((HTML / "chapters").glob("*.html")):
        if '"_anywidget_id": "bp.digits.Digits"' in p.read_text(encoding="utf-8"):
            return p.relative_to(HTML).as_posix()
    raise SystemExit(f"no page of {HTML} shows the digit pad: run `make test-book`")


def _strokes(n, rng):
    """n strokes in dots (0–32 across the pad): a start and five moves of one to four dots each."""
    out = []
    for _ in range(n):
        p = rng.uniform(6, 26, size=2)
        path = [p.copy()]
        for _ in range(5):
            p = np.clip(p + rng.uniform(-4, 4, size=2), 1, 31)
            path.append(p.copy())
        out.append(path)
    return out


def main(strokes):
    from playwright.sync_api import sync_playwright

    path = _digit_page()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(HTML)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_port}"
    moves, frames, slowest, work = [], [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context, page = open_offline(browser, server, path)
        views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]')
        for k in range(views.count()):  # the widgets are drawn as they come into view: go to each
            if page.locator(".bp-digits").count():
                break
            view = views.nth(k).element_handle()
            view.evaluate("s => s.parentElement.scrollIntoView({block: 'center'})")
            page.wait_for_function("s => s.previousElementSibling?.children.length > 0", arg=view)
        root = page.locator(".bp-digits").first
        root.scroll_into_view_if_needed()
        page.wait_for_function("el => el.dataset.updates", arg=root.element_handle())
        box = page.locator(".bp-digits canvas.bp-dg-pad").bounding_box()
        at = lambda q: (box["x"] + q[0] / 32 * box["width"], box["y"] + q[1] / 32 * box["height"])  # noqa: E731
        wait = "([el, n]) => Number(el.dataset.updates) > n && el.dataset.frameMs !== undefined"
        for i, stroke in enumerate(_strokes(strokes, np.random.default_rng(0))):
            if i % 10 == 0:
                root.locator("button.bp-dg-clear").click()
            page.mouse.move(*at(stroke[0]))
            these = []
            for k, q in enumerate(stroke):  # the pen down, then its moves: each waited for to its frame
                n = root.evaluate("el => (delete el.dataset.frameMs, Number(el.dataset.updates))")
                page.mouse.down() if k == 0 else page.mouse.move(*at(q))
                page.wait_for_function(wait, arg=[root.element_handle(), n])
                ms = root.evaluate("el => ['strokeMs', 'frameMs', 'computeMs'].map(k => Number(el.dataset[k]))")
                if k > 0:
                    these.append(ms[0])
                    frames.append(ms[1])
                    work.append(ms[2])
            page.mouse.up()
            moves += these
            slowest.append(max(these))
        context.close()
        browser.close()
    httpd.shutdown()
    line = lambda label, v: (  # noqa: E731
        f"{label:46s} median {np.median(v):6.2f} ms   p95 {np.percentile(v, 95):6.2f} ms"
    )
    print(f"digit pad ({path}): {strokes} strokes, {len(moves)} pen moves")
    print(line("pen move → probabilities shown", moves))
    print(line("  of which the widget's own work", work))
    print(line("pen move → the next animation frame", frames))
    print(line("each stroke's slowest move → probabilities", slowest))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strokes", type=int, default=100)
    main(parser.parse_args().strokes)
