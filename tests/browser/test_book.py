"""The built book in a real browser, as a reader with no network beyond the book itself sees it.

Every page is opened once in Debian's Chromium (Playwright) from a local static server, on a phone
in light mode, and read as a reader does — scrolled through, every hidden solution opened — since
MathJax typesets the math and the widgets are drawn only as they come near the window. Then the
window is resized and the colour scheme switched through every screen setting (390 and 1400 px,
light and dark), as a reader turning a tablet or switching their system to dark mode would, and at
each one the page's screens and navigation are checked and a screenshot saved; then it is read
again at 1400 × 900 for its length and the rest: page_checks.py holds every check, each a named
function, and says what each one asks of a page. One test per page, its failure naming each check
that found a problem.

Search must find each chapter by a word of its title, and rank titles first with plain snippets.
The API pages must cover bp, and each chapter page must link the entry of every bp function it calls.

Run: make test-browser (builds the book first). BOOK_HTML and CHROMIUM override the defaults.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import page_checks as check

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000


def _views(page, lazy, screenshots_dir, path, expected, found):
    """Each screen setting in turn: the page resized and re-coloured in place, its screens checked
    and photographed first (the page at rest), then its navigation and contents worked."""
    stem = path.removesuffix(".html").replace("/", "_")
    for width, scheme in check.VIEWS:
        where = f"{width} px, {scheme}"
        page.set_viewport_size({"width": width, "height": check.HEIGHT})
        page.emulate_media(color_scheme=scheme)
        themed = check.until(page, "s => document.documentElement.dataset.theme === s", scheme)
        if not themed:
            found("colour scheme", [f"the page did not follow the {scheme} colour scheme"], where)
        lazy.settle(page)
        found(
            "screens",
            check.sideways(page)
            + check.scroll_hints(page)
            + check.figures(page, width)
            + check.widget_colours(page, scheme),
            where,
        )
        # (animations stopped: the capture resizes the window, and a sidebar caught sliding would
        # show the page cut off at its left)
        page.screenshot(
            path=str(screenshots_dir / f"{stem}-{width}-{scheme}.jpg"),
            full_page=True,
            type="jpeg",
            quality=80,
            animations="disabled",
        )
        if themed:
            found("navigation", check.navigation(page, width, expected), where)
            found("contents", check.contents(page, width), where)


def test_page(visit, server, report, server_log, lazy, screenshots_dir, html_dir, page_path):
    """Every check of page_checks.py on one visit of the page (see the module's docstring)."""
    path = page_path
    problems = {}

    def found(name, sentences, where=None):
        problems.setdefault(name, []).extend(f"{where}: {s}" if where else s for s in sentences)

    page, log = visit(path, viewport={"width": check.PHONE, "height": check.HEIGHT}, color_scheme="light")
    page.wait_for_load_state("networkidle")
    before_scrolling = check.weight(page)
    found("read", lazy.read(page), f"{check.PHONE} px")
    _views(page, lazy, screenshots_dir, path, check.book_pages(path), found)

    # The length window, light: read to the end again (what is typeset or drawn only at this width).
    page.set_viewport_size(check.LENGTH_WINDOW)
    page.emulate_media(color_scheme="light")
    if not check.until(page, "s => document.documentElement.dataset.theme === s", "light"):
        found("colour scheme", ["the page did not come back to the light colour scheme"], "1400 px")
    found("read", lazy.read(page), "1400 px")
    found("length", check.length(page, path, report))
    lazy.settle(page)  # the page's fix-up script (a MutationObserver) has seen the last widgets
    report["pages"][path] = {**check.weight(page), "before scrolling": before_scrolling}

    found("offline", check.offline(log, server_log))
    found("math", check.math(page))
    found("images", check.images(page))
    found("widgets", check.widgets(page))
    if (html_dir / "_sources" / path).with_suffix(".ipynb").exists():  # made from a notebook
        found("buttons", check.buttons(page, path))
    found("notes links", check.notes_links(page, server, html_dir))
    found("axe", check.axe(page))
    found("console", check.console(log))
    found("printed math", check.printed_math(page))  # last: the print layout changes the page
    lines = [f"[{name}] {s}" for name, sentences in problems.items() for s in sentences]
    assert not lines, f"{path}:\n  " + "\n  ".join(lines)


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
    assert not missing, f"add to chapters/api.md (or api_mlp.md, api_tools.md, api_practice.md): {missing}"


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

    # the reference is split into pages (api.md, api_mlp.md, api_tools.md, api_practice.md): read them as one
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
