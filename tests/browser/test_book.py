"""The built book in a real browser, as a reader with no network beyond the book itself sees it.

Every page is opened in Debian's Chromium (Playwright) from a local static server and read as a
reader does — scrolled through, every hidden solution opened — since MathJax typesets the math and
the widgets are drawn only as they come near the window. Each page must then:
load nothing from another host; have every math element typeset (the ones not shown on screen
once the page is printed); show every image, with alt text
(the widgets' plot images included), and every canvas a text alternative; render every stored
widget, every one of them one of bp's widgets that compute in the page (an anywidget, see
bp/widget.py: the test_*_live.py files drive them), so that no slider
of the book is dead in the HTML, with a visible note next to it that your browser computes it and
none that it needs a kernel; log no console error; and pass an axe-core scan with no
serious or critical violation (except the named exceptions below, each with its reason). Search
must find each chapter by a word of its title. Launch and repository buttons must point to the
repository the build was given (none given: no such button), download buttons to the page's
files. The API pages must cover bp, and each chapter page must link the entry of every bp
function it calls. No page fetches the theme's Font Awesome web fonts or MathJax's menu.

Run: make test-browser (builds the book first). BOOK_HTML and CHROMIUM override the defaults.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
# The note next to a widget (bp's widgets run in the page): the browser computes it.
IN_PAGE_NOTICE = re.compile(r"\b(your|the)\s+browser\b", re.I)
NEEDS_KERNEL = re.compile(r"need[s]?\s+a\s+(live|running)", re.I)
# The root element of every bp widget (the explorers, the tangent, the steppers): it computes in the page.
BP_WIDGET = ".bp-widget"
TIMEOUT_MS = 20_000

# The math elements not typeset (none yet, or MathJax's lazy placeholder): of those shown on screen
# (arg true) or of all.
UNTYPESET = """(shown) => [...document.querySelectorAll('.math')]
    .filter(e => !shown || e.checkVisibility())
    .filter(e => !e.querySelector('mjx-container') || e.querySelector('mjx-lazy'))
    .map(e => e.textContent.slice(0, 60))"""

# axe-core rules that cannot be fixed here, by rule id, with the reason. Keep this empty if you can.
AXE_EXCEPTIONS: dict[str, str] = {}


def _repository():
    """(url, branch, path to the book) the build's buttons point to, found as bp.book_shell finds
    them (_config.yml, then BOOK_REPOSITORY/BOOK_BRANCH); url None: the book has no such button."""
    from bp.book_shell import repository_options

    repo = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    options = repository_options(
        {"repository_url": repo["url"], "repository_branch": repo.get("branch", "main")}, os.environ
    )
    url = options.get("repository_url")
    return (url and url.rstrip("/")), options.get("repository_branch"), (repo.get("path_to_book") or "").strip("/")


def _wait_until_rendered(page, lazy):
    """Read the page as a reader would: scroll through it (every hidden solution opened) until
    every math element and widget in view is complete (MathJax typesets math near the window, the
    widgets are drawn as they come near: conftest.py); return what never came."""
    problems = lazy.read(page)
    # Let the page's fix-up script (a MutationObserver) see the last widgets, then settle.
    page.wait_for_timeout(200)
    return problems


def _weight(page):
    return page.evaluate("""() => {
        const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
        return {bytes: entries.reduce((s, e) => s + (e.encodedBodySize || 0), 0), requests: entries.length};
    }""")


def test_page(visit, report, server_log, lazy, page_path):
    path = page_path
    page, log = visit(path)
    page.wait_for_load_state("networkidle")
    before_scrolling = _weight(page)
    problems = _wait_until_rendered(page, lazy)
    n_views = page.locator(WIDGET_VIEW).count()
    report["pages"][path] = {**_weight(page), "before scrolling": before_scrolling}

    # Nothing leaves the local server; nothing local is missing.
    problems += [f"request to another host: {u}" for u in sorted(set(log["foreign"]))]
    problems += [f"failed request: {f}" for f in log["failed"] if "127.0.0.1" in f]
    problems += [f"the server answered {status} to {p}" for status, p in server_log if status >= 400]
    # Light pages: the icons come from bp.book_shell's font subsets (a glyph missing from them would
    # fetch the theme's whole web font), and MathJax runs without its context menu.
    problems += [
        f"fetched {p}: an icon missing from _static/bp-icons (bp.book_shell)"
        for _, p in server_log
        if "/vendor/fontawesome/" in p
    ]
    problems += [f"fetched {p} (MathJax's menu: left out in _config.yml)" for _, p in server_log if "/ui/menu.js" in p]

    # Every math element is typeset, without a TeX error: each one shown on the page once the reader
    # has scrolled to it (above); the rest (not shown on screen: the contents at the top of a
    # printout) once the page is printed, checked last (the print layout changes the page).
    problems += [f"math not typeset after scrolling to it: {t!r}" for t in page.evaluate(UNTYPESET, True)]
    math = page.evaluate("""() => ({
        errors: [...document.querySelectorAll('mjx-merror')]
          .map(e => e.getAttribute('data-mjx-error') || e.textContent)})""")
    # ... and no TeX left as plain text: no dollar sign or TeX command outside code and math (e.g.
    # $$...$$ inside a paragraph, which MyST reads as $ + inline math + $).
    stray = page.evaluate(r"""() => {
        const skip = 'pre, code, script, style, .math, mjx-container, .highlight, .widget-subarea';
        const walk = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
        const found = [];
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            if (n.parentElement.closest(skip)) continue;
            const m = n.textContent.match(/\$|\\(frac|partial|hat|sigma|mathrm|left|right)\b/);
            if (m) found.push(n.textContent.trim().slice(0, 60));
        }
        return found;
    }""")
    problems += [f"TeX left as text (not typeset): {t!r}" for t in stray]
    problems += [f"MathJax error: {t!r}" for t in math["errors"]]

    # Every image loads and has alt text (widget images included).
    images = page.evaluate("""() => [...document.images].map(i => ({
        src: i.currentSrc.slice(0, 80), alt: (i.getAttribute('alt') || '').trim(),
        ok: i.complete && i.naturalWidth > 0, widget: !!i.closest('.widget-subarea')}))""")
    problems += [f"image did not load: {i['src']}" for i in images if not i["ok"]]
    problems += [
        f"image without alt text: {i['src']}" + (" (a widget image: give it a tooltip)" if i["widget"] else "")
        for i in images
        if not i["alt"]
    ]
    canvases = page.evaluate("""() => [...document.querySelectorAll('canvas')].map(c => ({
        cls: c.className, role: c.getAttribute('role'), label: (c.getAttribute('aria-label') || '').trim()}))""")
    problems += [
        f"canvas without a text alternative (role=img and aria-label): {c['cls']}"
        for c in canvases
        if c["role"] != "img" or not c["label"]
    ]

    # Every stored widget renders, is one of bp's widgets (live in the page: no kernel-driven
    # ipywidgets control, which would be dead here), and says next to it that the browser computes it.
    widgets = page.evaluate(
        """([sel, bpWidget]) => [...document.querySelectorAll(sel)].map(s => {
        const area = s.previousElementSibling;
        const rendered = !!area && area.classList.contains('widget-subarea') && area.offsetHeight > 0
                         && area.children.length > 0;
        // The cell holding the widget, and the page elements just before and after it.
        const cell = s.closest('.cell') || s.parentElement;
        const near = [];
        for (let e = cell.previousElementSibling, k = 0; e && k < 3; e = e.previousElementSibling, k++) {
            near.push(e.innerText);
        }
        for (let e = cell.nextElementSibling, k = 0; e && k < 2; e = e.nextElementSibling, k++) near.push(e.innerText);
        return {rendered, near: near.join('\\n'), live: !!area && area.querySelector(bpWidget) !== null};
    })""",
        [WIDGET_VIEW, BP_WIDGET],
    )
    assert len(widgets) == n_views
    problems += [f"widget {k} did not render" for k, w in enumerate(widgets) if not w["rendered"]]
    problems += [
        f"widget {k} is not one of bp's widgets ({BP_WIDGET}): with no kernel in the page its "
        "controls would be dead; make it a bp.widget.Widget, as the explorers"
        for k, w in enumerate(widgets)
        if w["rendered"] and not w["live"]
    ]
    problems += [
        f"widget {k} has no visible note next to it that your browser computes it"
        for k, w in enumerate(widgets)
        if w["live"] and not IN_PAGE_NOTICE.search(w["near"])
    ]
    problems += [
        f"widget {k} runs in the page, but the note next to it says it needs a live kernel"
        for k, w in enumerate(widgets)
        if w["live"] and NEEDS_KERNEL.search(w["near"])
    ]
    if n_views and _repository()[0]:  # built with a repository (else no page has the button)
        launch = page.locator(".dropdown-launch-buttons a[href*='mybinder.org']").count()
        problems += [] if launch else ["a page with widgets has no Binder launch button"]

    # No console error.
    problems += [f"console error: {m}" for m in log["console"]]

    # Accessibility: no serious or critical axe-core violation.
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                               nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}))""")
    problems += [
        f"axe {v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}"
        for v in violations
        if v["impact"] in ("serious", "critical") and v["id"] not in AXE_EXCEPTIONS
    ]

    # Printed, every math element is typeset: MathJax typesets what is left before printing.
    page.emulate_media(media="print")
    try:
        page.wait_for_function("() => document.querySelector('mjx-lazy') === null", timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        pass  # reported just below
    problems += [f"math not typeset for printing: {t!r}" for t in page.evaluate(UNTYPESET, False)]

    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def test_search_finds_chapter(visit, html_dir, chapter):
    """Search for the longest word of the chapter's title; the chapter must be among the results."""
    path = chapter
    title = (html_dir / path).read_text(encoding="utf-8")
    h1 = re.search(r"<h1>(.*?)<", title, re.S).group(1)
    word = max(re.findall(r"[A-Za-z]{4,}", h1), key=len)
    page, log = visit(f"search.html?q={word}")
    page.wait_for_selector("#search-results ul.search li", timeout=TIMEOUT_MS)
    hrefs = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.href)")
    assert any(urlsplit(h).path.endswith("/" + path) for h in hrefs), (word, hrefs)
    assert not log["foreign"] and not log["console"], log


# TeX source in a search snippet: a command of the book's formulas, a math delimiter, a dollar sign.
TEX = re.compile(
    r"\\(frac|dfrac|tfrac|partial|hat|mathrm|mathsf|operatorname|text|sigma|delta|eta|cdot|odot|"
    r"sum|left|right|bigl|bigr|begin|end|quad)\b|\\[()\[\]]|\$"
)


@pytest.mark.parametrize("query", ["chain rule", "sigmoid", "transpose", "learning rate"])
def test_search_ranks_titles_first_and_shows_plain_snippets(visit, query):
    """A page whose title holds the query comes first ("chain rule": the chain-rule chapter), and
    no result's snippet shows TeX source or the page's own table of contents
    (_templates/search_scorer.js)."""
    page, log = visit(f"search.html?q={query.replace(' ', '+')}")
    page.wait_for_selector("#search-results ul.search li", timeout=TIMEOUT_MS)
    page.wait_for_function(
        """() => /found|did not match/.test(
        (document.querySelector('#search-results .search-summary') || {}).innerText || '')""",
        timeout=TIMEOUT_MS,
    )
    # A page's snippet is fetched after the list is shown (an API entry has a description instead).
    page.wait_for_function(
        """() => [...document.querySelectorAll('#search-results ul.search li')]
        .every(li => li.querySelector('p.context') || li.querySelector('span'))""",
        timeout=TIMEOUT_MS,
    )
    results = page.eval_on_selector_all(
        "#search-results ul.search li",
        """lis => lis.map(li => ({
        href: li.querySelector('a').href, title: li.querySelector('a').textContent,
        snippet: (li.querySelector('p.context') || {}).textContent || ''}))""",
    )
    assert results, query
    if query == "chain rule":
        assert urlsplit(results[0]["href"]).path.endswith("/chapters/chain_rule.html"), [
            r["title"] for r in results[:5]
        ]
    words = query.split()
    for r in results:
        if all(w in r["title"].lower() for w in words) and not urlsplit(r["href"]).fragment:
            assert results.index(r) == 0 or all(w in results[0]["title"].lower() for w in words), (
                f"{r['title']!r} holds {query!r} in its title but is not first",
                [x["title"] for x in results[:5]],
            )
        assert not TEX.search(r["snippet"]), f"TeX in the snippet of {r['title']!r}: {r['snippet']!r}"
        assert not re.match(r"\W*" + re.escape(r["title"]) + r"\s+Contents\b", r["snippet"]), r["snippet"]
    assert not log["foreign"] and not log["console"], log


def test_launch_download_and_repository_buttons(visit, chapter):
    """Binder opens this chapter in JupyterLab; the .ipynb downloads; the repository links home.
    Built without a repository (the placeholder of _config.yml): no launch and no repository
    button, and no link to the placeholder (tests/test_book_repository.py builds both ways)."""
    path = chapter
    url, branch, book = _repository()
    notebook = "/".join(filter(None, [book, Path(path).with_suffix(".ipynb").as_posix()]))
    page, _ = visit(path)
    links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    assert any(h.endswith(Path(path).with_suffix(".ipynb").name) and "_sources/" in h for h in links), (
        "no .ipynb download link"
    )
    assert not [h for h in links if "OWNER/REPO" in h], "a link to the placeholder repository"
    if url is None:
        header = page.eval_on_selector_all(
            ".article-header-buttons a[href]", "els => els.map(a => a.getAttribute('href'))"
        )
        assert not [h for h in links if "mybinder" in h], links
        assert not [h for h in header if h.startswith("http")], header
        assert page.locator(".dropdown-launch-buttons, .btn-source-repository-button").count() == 0
        return
    binder = f"https://mybinder.org/v2/gh/{urlsplit(url).path.strip('/')}/{branch}?urlpath=lab/tree/{notebook}"
    assert binder in links, (binder, [h for h in links if "binder" in h])
    assert url in links, "no repository button"


def test_index_opens_the_first_chapter(visit):
    page, log = visit("index.html")
    page.wait_for_url("**/chapters/intro.html", timeout=TIMEOUT_MS)
    assert not log["foreign"] and not log["failed"], log


def test_api_page_covers_bp(html_dir):
    """Every public name of bp and its submodules has an entry on the API reference page."""
    import importlib
    import pkgutil

    from sphinx.pycode import ModuleAnalyzer

    import bp

    api = "".join(p.read_text(encoding="utf-8") for p in sorted((html_dir / "chapters").glob("api*.html")))
    ids = set(re.findall(r'<dt class="sig[^"]*" id="([^"]+)"', api))
    missing = []
    modules = [bp] + [
        importlib.import_module(m.name)
        for m in pkgutil.walk_packages(bp.__path__, "bp.")
        if not any(part.startswith("_") for part in m.name.split("."))
    ]
    attr_docs = {m.__name__: {k[1] for k in ModuleAnalyzer.for_module(m.__name__).find_attr_docs()} for m in modules}
    for mod in modules:
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            homes = {m.__name__ for m in modules if getattr(m, name, None) is obj} | {mod.__name__}
            if not callable(obj) and not any(name in attr_docs[home] for home in homes):
                continue  # a constant without a docstring: autodoc has nothing to show
            # Documented under this module, or any module of bp that holds the same object.
            if not any(f"{home}.{name}" in ids for home in homes):
                missing.append(f"{mod.__name__}.{name}")
    assert not missing, f"add to chapters/api.md (or api_mlp.md, api_tools.md): {missing}"


def test_chapters_link_the_api(html_dir, chapter):
    """Each bp function or class a chapter calls is linked to its entry on the API page.

    In a notebook's markdown: [`bp.train`](#bp.train) (MyST resolves #bp.train to the API page;
    in JupyterLab it is a harmless in-page link). Best placed where the function is first used.
    """
    api = "".join(p.read_text(encoding="utf-8") for p in sorted((html_dir / "chapters").glob("api*.html")))
    callables = set(re.findall(r'<dl class="py (?:function|class)">\s*<dt class="sig[^"]*" id="([^"]+)"', api))
    nb = json.loads((html_dir / "_sources" / chapter).with_suffix(".ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    used = {f"bp.{m}" for m in re.findall(r"\bbp\.([A-Za-z_][\w.]*)", code)} & callables
    page = (html_dir / chapter).read_text(encoding="utf-8")
    linked = set(re.findall(r'href="api(?:_\w+)?\.html#([^"]+)"', page))
    missing = sorted(used - linked)
    assert not missing, (
        f"{chapter} uses {', '.join(missing)} without linking the API page: add e.g. "
        f"[`{missing[0]}`](#{missing[0]}) in the markdown where it is first used"
    )


def test_api_page_reads_well(html_dir):
    """The API pages show bp's own words, once each, copyable: no docstring of a Python built-in
    (a constant's missing docstring), no entry documented twice (bp.X and bp.module.X are the same
    object), no example with curly quotes, no float written out digit by digit, no path of the building
    machine, and a heading
    for every module it documents."""
    import importlib

    # the reference is split into pages (api.md, api_mlp.md, api_tools.md): read them as one
    api = "\n".join(p.read_text(encoding="utf-8") for p in sorted((html_dir / "chapters").glob("api*.html")))
    text = re.sub(r"<[^>]+>", "", api)
    builtin = [t.__doc__.splitlines()[0] for t in (tuple, list, dict, str, float, int)]
    problems = [f"a built-in's docstring: {d!r}" for d in builtin if d in text]
    ids = re.findall(r'<dt class="sig[^"]*" id="([^"]+)"', api)
    problems += [f"documented twice: {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    objects = {}
    for i in ids:
        module, _, name = i.rpartition(".")
        try:
            obj = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue  # a method or attribute of a class
        if callable(obj):
            objects.setdefault(id(obj), []).append(i)
    problems += [f"one object documented {len(v)} times: {v}" for v in objects.values() if len(v) > 1]
    # a call written in a docstring, its quotes made curly (not copyable): name(..., “O11”, ...)
    problems += [f"curly quotes in code: {m!r}" for m in re.findall(r"\w\([^()\n]*[“”‘’][^()\n]*\)", text)]
    problems += [f"a float written out: {m!r}" for m in re.findall(r"=\s*\d{10,}\.0\b", text)]
    # a value that is the builder's own folder (autodoc prints a Path constant's value)
    root = str(Path(__file__).resolve().parents[2])
    problems += [
        f"a path of the machine that built the book: {m!r}" for m in re.findall(r"\S*" + re.escape(root) + r"\S*", text)
    ]
    headed = re.findall(r"<h[23][^>]*>.*?</h[23]>", api, re.S)
    for module in re.findall(r'id="module-(bp[\w.]*)"', api):
        if module != "bp" and not any(f">{module}<" in h for h in headed):
            problems.append(f"module {module} has no heading")
    assert not problems, "chapters/api*.md and bp's docstrings:\n  " + "\n  ".join(problems)
