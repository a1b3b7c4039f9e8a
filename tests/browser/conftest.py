"""Fixtures of the browser test: the built book on a local static server, and Debian's Chromium.

The book is served from `_build/html` (or $BOOK_HTML) by Python's own http.server, as a reader of a
downloaded copy would. Chromium resolves no host but 127.0.0.1 and every request that is not for
the local server is aborted and recorded, so a page that needs a CDN fails the test.
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playground_check import PLAYGROUND

ROOT = Path(__file__).resolve().parents[2]
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
    # The network is cut off: no host name resolves except the local server's address.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
REPORT = {"pages": {}, "started": time.monotonic(), "lines": []}
TIMEOUT_MS = 20_000
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: opens the built book in Chromium (needs _build/html)")


def _pages():
    """Every HTML page of the book (not index.html, which only redirects, nor _static/ and the like)."""
    if not HTML.is_dir():
        return ["(no built book)"]  # the html_dir fixture then fails with the command to run
    return sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                  if p.relative_to(HTML).parts[0] not in ("_static", "_sources", "_images")
                  and p.relative_to(HTML).as_posix() != "index.html")


def pages_holding(widget):
    """The pages whose stored widget state holds a widget with this `_anywidget_id` (found by content)."""
    pattern = re.compile(rf'"_anywidget_id":\s*"{re.escape(widget)}"')
    return [p for p in _pages() if (HTML / p).is_file() and pattern.search((HTML / p).read_text(encoding="utf-8"))]


def pytest_generate_tests(metafunc):
    """`page_path`: every page of the book; `chapter`: every page made from a notebook;
    `stepper_page`: every page that holds a `bp.stepper`; `playground_page`: every page that shows a
    `bp.playground` (each found by its content)."""
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", _pages())
    if "stepper_page" in metafunc.fixturenames:
        metafunc.parametrize("stepper_page", pages_holding("bp.stepper.Stepper") or ["(no page with a stepper)"])
    if "playground_page" in metafunc.fixturenames:
        found = [p for p in _pages() if (HTML / p).is_file() and PLAYGROUND in (HTML / p).read_text(encoding="utf-8")]
        metafunc.parametrize("playground_page", found or ["(no page with a playground)"])
    if "chapter" in metafunc.fixturenames:
        chapters = [p for p in _pages() if (HTML / "_sources" / p).with_suffix(".ipynb").exists()]
        metafunc.parametrize("chapter", chapters or ["(no notebook pages)"])


@pytest.fixture()
def server_log():
    """The requests the local server answered during one test: a list of (status, path)."""
    _QuietHandler.answered = []
    return _QuietHandler.answered


@pytest.fixture(scope="session")
def report():
    """Page weights collected by the tests, printed at the end of the run."""
    return REPORT


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the book silently, keeping every answered request: (status, path)."""

    answered: list = []

    def log_request(self, code="-", size="-"):
        self.answered.append((int(getattr(code, "value", code)), self.path))

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def html_dir():
    if not (HTML / "index.html").is_file():
        pytest.fail(f"no built book in {HTML}: run `make test-book` first (or set BOOK_HTML)")
    return HTML


@pytest.fixture(scope="session")
def stepper_pages(html_dir):
    """Every page of the book that holds a `bp.stepper`."""
    return pages_holding("bp.stepper.Stepper")


@pytest.fixture(scope="session")
def server(html_dir):
    """The book on http://127.0.0.1:PORT, served by http.server from its own folder."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(html_dir)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    """Chromium for this module (stopped at its end, so another module may start Playwright)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no Chromium at {CHROMIUM}: install it with `sudo apt-get install -y chromium` "
                    "(or set CHROMIUM to a Chromium/Chrome executable)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def visit(browser, server):
    """Open a page with the network cut off; return it with what it requested and logged."""
    contexts = []

    def _visit(path, **context_options):
        """`context_options` go to Playwright's new_context (viewport, color_scheme, ...)."""
        context = browser.new_context(**{"service_workers": "block", "viewport": {"width": 1280, "height": 900},
                                         **context_options})
        contexts.append(context)
        log = {"foreign": [], "console": [], "failed": []}

        def route(r):
            if r.request.url.startswith(server + "/"):
                r.continue_()
            else:
                log["foreign"].append(r.request.url)
                r.abort("blockedbyclient")

        context.route("**/*", route)
        page = context.new_page()
        page.on("request", lambda req: None if req.url.startswith((server + "/", "data:", "blob:"))
                else log["foreign"].append(req.url))
        page.on("console", lambda msg: log["console"].append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: log["console"].append(f"uncaught: {exc}"))
        page.on("response", lambda resp: log["failed"].append(f"{resp.status} {resp.url}")
                if resp.status >= 400 else None)
        page.on("requestfailed", lambda req: log["failed"].append(f"{req.failure} {req.url}"))
        page.goto(f"{server}/{path}", wait_until="load", timeout=TIMEOUT_MS)
        return page, log

    yield _visit
    for c in contexts:
        c.close()


def wait_until_rendered(page):
    """Wait for MathJax's first typesetting and for every stored widget; return what never came."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    problems = []
    try:
        if page.evaluate("() => document.querySelector('.math') !== null"):
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                                   timeout=TIMEOUT_MS)
            page.evaluate("() => MathJax.startup.promise")
    except PlaywrightTimeout:
        problems.append("MathJax never loaded")
    try:
        page.wait_for_function(
            """(sel) => [...document.querySelectorAll(sel)].every(s => {
                   const area = s.previousElementSibling;
                   return area && area.classList.contains('widget-subarea') && area.children.length > 0;
               }) && [...document.images].every(i => i.complete)""",
            arg=WIDGET_VIEW, timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        problems.append("the widgets (or images) never finished rendering")
    # Let the page's fix-up script (a MutationObserver) see the last widgets, then settle.
    page.wait_for_timeout(200)
    return problems


@pytest.fixture(scope="session")
def rendered():
    """`rendered(page)`: wait until its math and widgets are drawn; return what never came."""
    return wait_until_rendered


@pytest.fixture(scope="session")
def screenshots_dir():
    """Where the browser tests save their screenshots (uploaded by CI as an artefact)."""
    out = HTML.parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out


def pytest_terminal_summary(terminalreporter):
    """Print the page weights (HTML + every asset it loaded) and the test's duration."""
    pages = REPORT["pages"]
    tr = terminalreporter
    if REPORT["lines"]:
        tr.section("bp widgets live in the static book")
        for line in REPORT["lines"]:
            tr.write_line(line)
    if not pages:
        return
    tr.section("book pages in the browser")
    for path, r in sorted(pages.items(), key=lambda kv: -kv[1]["bytes"]):
        tr.write_line(f"{r['bytes'] / 1e6:7.2f} MB in {r['requests']:3d} requests  {path}")
    seconds = time.monotonic() - REPORT["started"]
    tr.write_line(f"browser test: {len(pages)} pages in {seconds:.1f} s")
    out = HTML.parent / "browser-report.json"
    out.write_text(json.dumps({"seconds": round(seconds, 1), "pages": pages}, indent=1))
