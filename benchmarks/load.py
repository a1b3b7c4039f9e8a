"""How fast each page of the built book opens, in Chromium (prints figures; asserts nothing).

Serves the built book (_build/html, or $BOOK_HTML) from a local server that gzips text as a web
host does (HTML, JS, CSS, JSON, SVG; fonts and images go as they are), with every other host cut
off as in the browser test. Each page is opened cold (a fresh browser context) several times, at
desktop size (1400 × 900) and at phone size (390 × 844, 3× pixels, touch) with Chromium's CPU
slowed down 4× (CDP Emulation.setCPUThrottlingRate), and the medians are printed:

  before the reader scrolls (from navigation until the page is quiet: no request and no long
  task for a second):
    kB gz, req     bytes the server sent (gzip-compressed body) and the number of requests
    FCP, load     first contentful paint; the load event
    LT sum, max   main-thread long tasks (PerformanceObserver 'longtask'): total and largest
  pages with widgets: the first widget (in page order) is then scrolled into view:
    widget nav    navigation start → that widget drawn (shown with a height, after a frame)
    widget scroll scrolled into view → drawn (0: it was drawn before the scroll)
    +kB, +LT      what the scroll added: bytes, and the total of long tasks until quiet again

Targets (issue 17, desktop): ≤ 1200 kB gz before scrolling; LT sum ≤ 300 ms; widget ≤ 1000 ms
after it scrolls into view. The machine's load average is printed: compare runs made back to back.

Run: make bench-load   (or .venv/bin/python benchmarks/load.py --runs 5 [--page regression]
     [--before DIR: another build, e.g. main's, measured in alternation with this one])
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import statistics
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from book_browser import ARGS, CHROMIUM, HTML  # shared with page_latency.py

SIZES = {
    "desktop": {"context": {"viewport": {"width": 1400, "height": 900}}, "cpu": 1},
    "phone": {
        "context": {
            "viewport": {"width": 390, "height": 844},
            "device_scale_factor": 3,
            "is_mobile": True,
            "has_touch": True,
        },
        "cpu": 4,
    },
}
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
GZIP_TYPES = (".html", ".js", ".css", ".json", ".svg", ".map", ".txt", ".xml", ".inv")
QUIET_MS = 1000
QUIET_LIMIT_MS = 30_000

# Runs in the page before any of its scripts: collects long tasks, and the moment the page's
# first widget is drawn (its output area has content and a height; stamped in the next frame).
PROBE_JS = """(() => {
  const B = window.__bench = {lt: [], widget: null};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) B.lt.push([e.startTime, e.duration]);
  }).observe({type: 'longtask', buffered: true});
  const drawn = () => {
    const view = document.querySelector('%s');
    const area = view && view.previousElementSibling;
    return !!area && area.classList.contains('widget-subarea') && area.children.length > 0
           && area.offsetHeight > 0;
  };
  const watch = new MutationObserver(() => {
    if (B.widget === null && drawn()) {
      watch.disconnect();
      requestAnimationFrame(() => { B.widget = performance.now(); });
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    if (document.querySelector('%s')) watch.observe(document.body, {childList: true, subtree: true});
  });
})();""" % (WIDGET_VIEW, WIDGET_VIEW)

READ_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {fcp: fcp ? fcp.startTime : null, load: nav.loadEventStart, lt: window.__bench.lt,
          widget: window.__bench.widget, now: performance.now()};
}"""


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves the book, gzip-compressing text when the browser accepts it (as web hosts do), and
    records what it sent: (path, body bytes) per response."""

    sent: list = []
    _cache: dict = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in GZIP_TYPES):
            return super().send_head()
        key = (path, path.stat().st_mtime)
        if key not in self._cache:
            self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-length":
            self.sent.append((self.path, int(value)))
        super().send_header(keyword, value)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def _served(handler_log, start):
    """(kB, requests) the server sent since log index `start`."""
    part = handler_log[start:]
    return sum(n for _, n in part) / 1000, len(part)


def pages_of_book():
    """Every page of the built book (index.html only redirects; _static and the like are assets)."""
    return sorted(
        p.relative_to(HTML).as_posix()
        for p in HTML.rglob("*.html")
        if p.relative_to(HTML).parts[0] not in ("_static", "_sources", "_images")
        and p.relative_to(HTML).as_posix() != "index.html"
    )


def wait_quiet(page, log):
    """Wait until no request was served and no long task began for QUIET_MS (or give up)."""
    t_end = time.monotonic() + QUIET_LIMIT_MS / 1000
    last = None
    while time.monotonic() < t_end:
        state = (len(log), page.evaluate("window.__bench.lt.length"))
        if state == last:
            return
        last = state
        page.wait_for_timeout(QUIET_MS)


def one_load(browser, server, path, size):
    spec = SIZES[size]
    context = browser.new_context(service_workers="block", **spec["context"])
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(server + "/") else r.abort("blockedbyclient")
    )
    context.add_init_script(PROBE_JS)
    page = context.new_page()
    if spec["cpu"] > 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": spec["cpu"]})
    log = GzipHandler.sent
    start = len(log)
    page.goto(f"{server}/{path}", wait_until="load", timeout=120_000)
    wait_quiet(page, log)
    first = page.evaluate(READ_JS)
    kb, requests = _served(log, start)
    lt = [d for _, d in first["lt"]]
    r = {
        "kB": kb,
        "req": requests,
        "FCP": first["fcp"],
        "load": first["load"],
        "LT sum": sum(lt),
        "LT max": max(lt, default=0.0),
    }
    if page.locator(WIDGET_VIEW).count():
        mark, n_lt = len(log), len(first["lt"])
        t_scroll = page.evaluate(f"""() => {{
            const t = performance.now();
            const view = document.querySelector('{WIDGET_VIEW}');
            (view.previousElementSibling || view.parentElement).scrollIntoView({{block: 'center'}});
            return t;
        }}""")
        page.wait_for_function("window.__bench.widget !== null", timeout=120_000)
        wait_quiet(page, log)
        after = page.evaluate(READ_JS)
        r["widget nav"] = after["widget"]
        r["widget scroll"] = max(0.0, after["widget"] - t_scroll)
        r["+kB"] = _served(log, mark)[0]
        r["+LT"] = sum(d for _, d in after["lt"][n_lt:])
    context.close()
    return r


COLUMNS = [
    ("kB", "kB gz", 7, 0),
    ("req", "req", 4, 0),
    ("FCP", "FCP", 6, 0),
    ("load", "load", 6, 0),
    ("LT sum", "LT sum", 7, 0),
    ("LT max", "LT max", 7, 0),
    ("widget nav", "widget nav", 11, 0),
    ("widget scroll", "widget scroll", 14, 0),
    ("+kB", "+kB", 6, 0),
    ("+LT", "+LT", 6, 0),
]


def row(path, results):
    cells = []
    for key, _, width, digits in COLUMNS:
        values = [r[key] for r in results if r.get(key) is not None]
        cells.append(f"{statistics.median(values):{width}.{digits}f}" if values else " " * (width - 1) + "-")
    return f"{path:39s}" + " ".join(cells)


def serve(directory):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="loads per page and size (the median is shown)")
    parser.add_argument("--page", action="append", help="only pages whose path contains this (repeatable)")
    parser.add_argument("--size", choices=sorted(SIZES), action="append", help="only this size (repeatable)")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="DIR",
        help="another build of the book (e.g. main's) measured too, its loads alternating "
        "with this one's so that both see the same machine load",
    )
    parser.add_argument("--json", type=Path, help="also write every load's figures here")
    args = parser.parse_args()
    if not (HTML / "index.html").is_file():
        raise SystemExit(f"no built book in {HTML}: build it first (make book)")
    builds = {"": HTML} if args.before is None else {"before": args.before.resolve(), "after": HTML}
    pages = [p for p in pages_of_book() if not args.page or any(s in p for s in args.page)]
    sizes = args.size or ["desktop", "phone"]
    from playwright.sync_api import sync_playwright

    servers = {name: serve(directory) for name, directory in builds.items()}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    everything = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        print(
            f"Chromium {browser.version}; medians of {args.runs} cold loads; times in ms from navigation start"
            + ("; before/after loads alternate" if len(builds) > 1 else "")
        )
        for size in sizes:
            spec = SIZES[size]["context"]["viewport"]
            cpu = SIZES[size]["cpu"]
            print(f"\n{size}: {spec['width']} × {spec['height']}" + (f", CPU slowed {cpu}×" if cpu > 1 else ""))
            print(f"{'page':39s}" + " ".join(f"{label:>{w}s}" for _, label, w, _ in COLUMNS))
            for path in pages:
                results = {name: [] for name in builds}
                for _ in range(args.runs):
                    for name, directory in builds.items():
                        if (directory / path).is_file():
                            results[name].append(one_load(browser, servers[name][1], path, size))
                for name in builds:
                    everything.setdefault(size, {}).setdefault(path, {})[name or "after"] = results[name]
                    label = f"{path} {name}" if name == "before" or not name else f"{'':{len(path)}s} {name}"
                    print(row(label, results[name]) if results[name] else f"{label:39s} (no such page)", flush=True)
        browser.close()
    for httpd, _ in servers.values():
        httpd.shutdown()
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1))


if __name__ == "__main__":
    main()
