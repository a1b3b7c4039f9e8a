"""Fixtures of the browser test: the built book on a local static server, and Debian's Chromium.

The book is served from `_build/html` (or $BOOK_HTML) by Python's own http.server, as a reader of a
downloaded copy would. Chromium resolves no host but 127.0.0.1 and every request that is not for
the local server is aborted and recorded, so a page that needs a CDN fails the test.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from chromium import CHROMIUM, CHROMIUM_ARGS
from playground_check import PLAYGROUND

ROOT = Path(__file__).resolve().parents[2]
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
REPORT = {"pages": {}, "started": time.monotonic(), "lines": [], "heights": []}
TIMEOUT_MS = 20_000
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'

# What a page draws only as the reader comes to it: MathJax typesets the math near the window
# (ui/lazy, see _config.yml; the rest before printing) and each widget is drawn when it comes
# near the window (_templates/bp-widgets.js). True once everything shown in the window
# is complete: every math element there typeset (no MathJax placeholder, mjx-lazy, left in it) and
# every widget there drawn. (Not shown: display:none, or inside a closed <details>; nor what is out
# of the window sideways, or scrolled out of sight in a box that scrolls, as the right columns of a
# wide table on a phone: MathJax typesets those when the reader scrolls the table.)
COMPLETE_IN_VIEW = """(view) => {
    const within = (r, b) => r.bottom >= b.top && r.top <= b.bottom && r.right >= b.left && r.left <= b.right;
    const inView = (e) => { const r = e.getBoundingClientRect();
                            const screen = {top: 0, bottom: innerHeight, left: 0, right: innerWidth};
                            if (!e.checkVisibility() || !within(r, screen)) return false;
                            for (let a = e.parentElement; a; a = a.parentElement) {
                                const s = getComputedStyle(a);
                                const clips = s.overflowX !== 'visible' || s.overflowY !== 'visible';
                                if (clips && !within(r, a.getBoundingClientRect())) return false;
                            }
                            return true; };
    const typeset = (m) => m.querySelector('mjx-container') !== null && m.querySelector('mjx-lazy') === null;
    const drawn = (s) => { const a = s.previousElementSibling;
                           return !!a && a.classList.contains('widget-subarea') && a.children.length > 0; };
    return [...document.querySelectorAll('.math')].filter(inView).every(typeset)
        && [...document.querySelectorAll(view)].filter(s => inView(s.parentElement)).every(drawn);
}"""


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: opens the built book in Chromium (needs _build/html)")
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_WorkersReport(), "bp-workers-report")


class _WorkersReport:
    """Under pytest-xdist (-n) each worker fills a REPORT of its own: it sends it at its end
    (pytest_sessionfinish, below) and the controller, which prints the summary, merges them."""

    def pytest_testnodedown(self, node, error):
        part = json.loads(getattr(node, "workeroutput", {}).get("bp_report", "{}"))
        REPORT["pages"].update(part.get("pages", {}))
        REPORT["lines"] += part.get("lines", [])
        REPORT["heights"] += part.get("heights", [])


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)  # set on an xdist worker only
    if workeroutput is not None:
        workeroutput["bp_report"] = json.dumps({k: REPORT[k] for k in ("pages", "lines", "heights")})


# True once the page has settled after a change (a resize, a colour scheme, a new element): no CSS
# transition running (the theme's colours, the drawers sliding).
NO_TRANSITION = (
    """() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"""
)


def _pages():
    """Every HTML page of the book (not index.html, which only redirects, nor _static/ and the like)."""
    if not HTML.is_dir():
        return ["(no built book)"]  # the html_dir fixture then fails with the command to run
    return sorted(
        p.relative_to(HTML).as_posix()
        for p in HTML.rglob("*.html")
        if p.relative_to(HTML).parts[0] not in ("_static", "_sources", "_images")
        and p.relative_to(HTML).as_posix() != "index.html"
    )


def is_chapter(path):
    """Whether this page of the book is made from a notebook (chapters/x.ipynb)."""
    return (HTML / "_sources" / path).with_suffix(".ipynb").exists()


def pages_holding(widget):
    """The pages whose stored widget state holds a widget with this `_anywidget_id` (found by content)."""
    pattern = re.compile(rf'"_anywidget_id":\s*"{re.escape(widget)}"')
    return [p for p in _pages() if (HTML / p).is_file() and pattern.search((HTML / p).read_text(encoding="utf-8"))]


# The files whose tests each take the longest (a widget driven through dozens of settings): run
# first, so that on two xdist workers none of them is left to run alone at the end.
LONGEST_FIRST = ("test_playground_live.py", "test_stepper_live.py", "test_widget_modules.py", "test_notes_links.py")


def pytest_collection_modifyitems(items):
    """The files of LONGEST_FIRST first, in that order, each file's tests kept together."""
    rank = {name: k for k, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def playground_pages():
    """The pages that show a `bp.playground` (found by its content), in the book's order."""
    return [p for p in _pages() if (HTML / p).is_file() and PLAYGROUND in (HTML / p).read_text(encoding="utf-8")]


@pytest.fixture(scope="session")
def playground_path(html_dir):
    """The first page that shows a `bp.playground` (the tests of one playground's features)."""
    found = playground_pages()
    assert found, "no page of the built book shows a bp.playground"
    return found[0]


def pytest_generate_tests(metafunc):
    """`page_path`: every page of the book; `chapter`: every page made from a notebook;
    `stepper_page`: every page that holds a `bp.stepper`; `playground_page`: every page that shows a
    `bp.playground` (each found by its content)."""
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", _pages())
    if "stepper_page" in metafunc.fixturenames:
        metafunc.parametrize("stepper_page", pages_holding("bp.stepper.Stepper") or ["(no page with a stepper)"])
    if "playground_page" in metafunc.fixturenames:
        metafunc.parametrize("playground_page", playground_pages() or ["(no page with a playground)"])
    if "chapter" in metafunc.fixturenames:
        chapters = [p for p in _pages() if is_chapter(p)]
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


@contextlib.contextmanager
def serving(directory):
    """A folder on http://127.0.0.1:PORT, served by http.server (requests kept in server_log)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(html_dir):
    """The book on http://127.0.0.1:PORT, served by http.server from its own folder."""
    with serving(html_dir) as url:
        yield url


@pytest.fixture()
def serve():
    """serve(folder): another folder (a book built by a test) on a local server of its own, for
    this test; its URL. `visit(path, base=that URL)` opens its pages."""
    with contextlib.ExitStack() as stack:
        yield lambda directory: stack.enter_context(serving(directory))


@pytest.fixture(scope="module")
def browser():
    """Chromium for this module (stopped at its end, so another module may start Playwright)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"no Chromium at {CHROMIUM}: install it with `sudo apt-get install -y chromium` "
            "(or set CHROMIUM to a Chromium/Chrome executable)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def visit(browser, server):
    """Open a page with the network cut off; return it with what it requested and logged."""
    contexts = []

    def _visit(path, *, base=None, cache=False, **context_options):
        """`context_options` go to Playwright's new_context (viewport, color_scheme, ...); `base`,
        another local server than the book's (`serve`); `cache`, the browser's HTTP cache on (then
        no request is intercepted, as Playwright's routing turns the cache off: the host resolver
        rule still cuts the network off, and the requests that leave are still recorded)."""
        origin = base or server
        context = browser.new_context(
            **{"service_workers": "block", "viewport": {"width": 1280, "height": 900}, **context_options}
        )
        contexts.append(context)
        log = {"foreign": [], "console": [], "failed": []}

        def route(r):
            if r.request.url.startswith(origin + "/"):
                r.continue_()
            else:
                log["foreign"].append(r.request.url)
                r.abort("blockedbyclient")

        if not cache:
            context.route("**/*", route)
        page = context.new_page()
        page.on(
            "request",
            lambda req: (
                None if req.url.startswith((origin + "/", "data:", "blob:")) else log["foreign"].append(req.url)
            ),
        )
        page.on("console", lambda msg: log["console"].append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: log["console"].append(f"uncaught: {exc}"))
        page.on(
            "response", lambda resp: log["failed"].append(f"{resp.status} {resp.url}") if resp.status >= 400 else None
        )
        page.on("requestfailed", lambda req: log["failed"].append(f"{req.failure} {req.url}"))
        page.goto(f"{origin}/{path}", wait_until="load", timeout=TIMEOUT_MS)
        return page, log

    yield _visit
    for c in contexts:
        c.close()


def show(page, element, timeout=TIMEOUT_MS):
    """Scroll `element` (a Locator or ElementHandle) into the middle of the window, as a reader
    would (opening the <details> it is folded in, if any), and wait until what is there is
    complete: its math typeset, its widgets drawn."""
    element.evaluate("""e => {
        const shut = 'details:not([open])';
        for (let d = e.closest(shut); d; d = d.parentElement.closest(shut)) d.open = true;
        e.scrollIntoView({block: 'center', behavior: 'instant'});
    }""")
    page.wait_for_function(COMPLETE_IN_VIEW, arg=WIDGET_VIEW, timeout=timeout)


def show_widgets(page, timeout=TIMEOUT_MS):
    """Scroll to each stored widget of the page in turn and wait until it is drawn; their number."""
    views = page.locator(WIDGET_VIEW)
    for k in range(views.count()):
        show(page, views.nth(k).locator("xpath=.."), timeout)
    return views.count()


def scroll_through(page, timeout=TIMEOUT_MS):
    """Read the whole page: every closed <details> (a hidden solution) opened, scroll from top to
    bottom a window at a time, waiting at each stop until what is in the window is complete (math
    typeset, widgets drawn); then the <details> closed again and back to the top."""
    page.evaluate("""() => document.querySelectorAll('details:not([open])').forEach(d => {
                             d.dataset.bpOpened = ''; d.open = true; })""")
    y = 0
    while True:
        page.evaluate("y => window.scrollTo({top: y, behavior: 'instant'})", y)
        page.wait_for_function(COMPLETE_IN_VIEW, arg=WIDGET_VIEW, timeout=timeout)
        y += page.evaluate("innerHeight") * 0.9
        if y >= page.evaluate("document.documentElement.scrollHeight"):
            break
    page.evaluate("""() => { document.querySelectorAll('details[data-bp-opened]').forEach(d => {
                                 delete d.dataset.bpOpened; d.open = false; });
                             window.scrollTo({top: 0, behavior: 'instant'}); }""")
    page.wait_for_function(COMPLETE_IN_VIEW, arg=WIDGET_VIEW, timeout=timeout)


def read(page, timeout=TIMEOUT_MS):
    """Read the page as a reader would (scroll_through), then wait for its images; return what
    never came, as sentences (test_book.py's test_page reports them)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    problems = []
    try:
        scroll_through(page, timeout)
    except PlaywrightTimeout:
        problems.append("scrolled through the page, the math or a widget in view never finished")
    try:
        page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=timeout)
    except PlaywrightTimeout:
        problems.append("the images never finished loading")
    return problems


def settle(page, timeout=TIMEOUT_MS):
    """Wait until what a change set off is done: two frames drawn (the widgets and the page's fix-up
    script redraw in the frame after a resize, a theme switch or a new element: they watch with
    observers and requestAnimationFrame), then no CSS transition running."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_function(NO_TRANSITION, timeout=timeout)


@pytest.fixture(scope="session")
def lazy():
    """The helpers above, for tests: lazy.show(page, element), lazy.show_widgets(page),
    lazy.scroll_through(page), lazy.read(page), lazy.settle(page)."""
    import types

    return types.SimpleNamespace(
        show=show, show_widgets=show_widgets, scroll_through=scroll_through, read=read, settle=settle
    )


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
    if REPORT["heights"]:
        tr.section("page heights (page_checks.length)")
        for line in sorted(REPORT["heights"], key=lambda t: t.split()[-1]):
            tr.write_line(line)
    if not pages:
        return
    tr.section("book pages in the browser")
    tr.write_line("once read through; before scrolling (raw bytes, as served here: no compression)")
    for path, r in sorted(pages.items(), key=lambda kv: -kv[1]["bytes"]):
        first = r.get("before scrolling", r)
        tr.write_line(
            f"{r['bytes'] / 1e6:7.2f} MB in {r['requests']:3d} requests; "
            f"{first['bytes'] / 1e6:5.2f} MB in {first['requests']:3d}  {path}"
        )
    seconds = time.monotonic() - REPORT["started"]
    tr.write_line(f"browser test: {len(pages)} pages in {seconds:.1f} s")
    out = HTML.parent / "browser-report.json"
    out.write_text(json.dumps({"seconds": round(seconds, 1), "pages": pages}, indent=1))
