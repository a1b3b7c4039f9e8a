"""Slider change → redrawn curve in the static HTML book, in Chromium (prints figures; asserts nothing).

Serves the built book (_build/html, or $BOOK_HTML) from a local static server, with every other
host cut off as in the browser test, opens each chapter page that shows an explorer and moves its
sliders with the keyboard — η up and down, one weight up and down — waiting for each redraw
before the next move. The page times each move from the keydown to the first animation frame
after the explorer has trained, drawn and written its readout, and the parts of it:

  keydown → trained and drawn      the explorer's front end (src/bp/explorer.js) in the page
    of which training + drawing    its own measure (the data-update-ms attribute)
  drawn → next frame               paint

Then it prints the page's weight (HTML + every asset it loaded) and what the live explorers add
to it: anywidget's front end (_static/anywidget/index.js) and the explorers' widget state in the
HTML (their front-end module and CSS, data and settings). Target: median under one frame (16 ms).

Run: make bench-page   (or .venv/bin/python benchmarks/page_latency.py --moves 40; builds nothing)
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
from latency_js import TIMING_JS

ROOT = Path(__file__).resolve().parents[1]
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
MOVES = [("eta", "ArrowRight"), ("w2_21", "PageUp"), ("eta", "ArrowLeft"), ("w2_21", "PageDown")]
WEIGHT_JS = """() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  const size = e => e.encodedBodySize || 0;
  return {bytes: entries.reduce((s, e) => s + size(e), 0), requests: entries.length,
          html: size(performance.getEntriesByType('navigation')[0]),
          anywidget: entries.filter(e => e.name.includes('/_static/anywidget/')).reduce((s, e) => s + size(e), 0)};
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
    state = json.loads(text[start:text.index("</script>", start)])["state"]
    models = [m for m in state.values() if m["model_name"] == "AnyModel"]
    return len(models), sum(len(json.dumps(m)) for m in models)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40, help="slider moves per explorer (at least 20)")
    args = parser.parse_args()
    moves = max(20, args.moves)
    pages = sorted(p.relative_to(HTML).as_posix() for p in (HTML / "chapters").glob("*.html")
                   if "bp-explorer" in p.read_text(encoding="utf-8") and "AnyModel" in p.read_text(encoding="utf-8"))
    if not pages:
        raise SystemExit(f"no page with an explorer in {HTML}: build the book first (make book)")
    from playwright.sync_api import sync_playwright

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(HTML)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_port}"
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in pages:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server + "/")
                          else r.abort("blockedbyclient"))
            page = context.new_page()
            page.goto(f"{server}/{path}", wait_until="load")
            # The widget manager loads when a widget comes near the window: scroll to the first one.
            page.locator('script[type="application/vnd.jupyter.widget-view+json"]').first.evaluate(
                "s => s.parentElement.scrollIntoView({block: 'center'})")
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
            task, epochs = root.evaluate("el => [el.querySelector('canvas.bp-boundary') ? 'classification' : "
                                         "'regression', el.dataset.epochs]")
            n_models, state_bytes = explorer_state_bytes(HTML / path)
            print(f"\n{path}: {len(marks)} slider moves in the static page ({task}, {epochs} epochs; "
                  f"Chromium {browser.version})")
            print(summary("slider change -> new curve shown", [m["frame"] - m["key"] for m in marks])
                  + "   (target: median < 16 ms)")
            print(summary("  keydown -> trained and drawn", [m["drawn"] - m["key"] for m in marks]))
            print(summary("    of which training + drawing", [m["compute"] for m in marks]))
            print(summary("  drawn -> next frame (paint)", [m["frame"] - m["drawn"] for m in marks]))
            print(f"  page weight {weight['bytes'] / 1e6:.2f} MB in {weight['requests']} requests "
                  f"(HTML {weight['html'] / 1e3:.0f} kB); the live explorer adds anywidget's front end "
                  f"{weight['anywidget'] / 1e3:.1f} kB and {n_models} explorer model(s) of "
                  f"{state_bytes / 1e3:.1f} kB in the HTML's widget state")
            context.close()
        browser.close()
    httpd.shutdown()
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
