"""Every check made on every page of the book, each a named function returning its problems as
sentences (an empty list: the page passes it). test_book.py's test_page opens each page once and
runs all of them on that one visit, screen setting after screen setting.

What a page is checked for:
- `offline`: it loads nothing from another host and nothing local is missing; its icons come from
  bp.book_shell's font subsets (never the theme's Font Awesome web fonts) and MathJax runs
  without its menu;
- `math`: every math element shown is typeset once scrolled to, without a TeX error, and no TeX
  is left as plain text; `printed_math` (last, the print layout changes the page): printed,
  every math element is typeset (the ones not shown on screen too);
- `images`: every image loads and has alt text (the widgets' plot images included), every canvas
  a text alternative;
- `widgets`: every stored widget renders, is one of bp's widgets that compute in the page (an
  anywidget, bp/widget.py; the test_*_live.py files drive them), so that no slider of the book is
  dead in the HTML, with a visible note next to it that the browser computes it and none that it
  needs a kernel; a page with widgets has a Binder button when the book was given a repository;
- `console`: no console error; `axe`: no serious or critical axe-core violation (except the
  named exceptions of AXE_EXCEPTIONS, each with its reason);
- `buttons` (pages made from a notebook): Binder opens this chapter in JupyterLab, the .ipynb
  downloads, the repository button links home; built without a repository (the placeholder of
  _config.yml): no launch and no repository button, and no link to the placeholder;
- `navigation`, on a phone (390 px) and a desktop (1400 px), light and dark: exactly one ☰
  (primary-sidebar) toggle is visible; the left navigation, with a link to every chapter of
  `_toc.yml` and to every page of the chapter being read, shows or hides with it: on a phone the
  ☰ opens it as a drawer and a tap beside the drawer closes it; on a desktop it is open and the ☰
  folds it away and back; the open navigation is legible (its links contrast with the drawer's
  background by at least 4.5:1, WCAG AA); `contents`: where the page has a table of contents it
  is reachable: on a phone its toggle opens it, with a link to every section, and a tap beside it
  closes it; on a desktop it is shown beside the article;
- `screens`, at the same widths and colour schemes: nothing scrolls the page sideways (a wide
  table, equation, printout or figure scrolls inside its own box; the elements that stick out are
  named), and every box that scrolls sideways shows it (its edge fades out where more is hidden);
  every figure is sharp (a PNG shown with at least 2 of its pixels per CSS pixel, as
  `bp.use_style` makes them), never distorted, and on a phone never shrunk below MIN_SCALE of its
  size (its smallest text, tests/test_plots.py, stays about 9 CSS px or more); every widget
  follows the colour scheme (the background behind it and what its canvases paint are dark in
  dark mode, light in light mode); a screenshot of the whole page goes to _build/screenshots/
  (CI uploads the folder, so a reviewer can look at every page without building the book);
- `notes links`: every link of the article into the notes or the errata page (in typeset math
  too, as the browser resolves it) has its target there, an element with the link's #id
  (test_notes_links.py checks the links of those two pages themselves, and the slips both ways);
- `length`: at most 15 screens of a 1400 × 900 window once read to its end (solutions and folded
  code closed). The best course books keep a page to roughly 8–15 screens; the chapters are split
  into pages (`_toc.yml`) to stay within that. Every page's height is printed at the end of the run.
"""

from __future__ import annotations

import functools
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
TIMEOUT_MS = 20_000
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'

# The screen settings: the page is loaded at the first, then resized and re-coloured in place, as a
# reader turning a tablet or switching their system to dark mode would; then the length window.
PHONE, DESKTOP = 390, 1400
HEIGHT = 844
VIEWS = [(PHONE, "light"), (PHONE, "dark"), (DESKTOP, "light"), (DESKTOP, "dark")]
LENGTH_WINDOW = {"width": 1400, "height": 900}
MAX_SCREENS = 15
SETTLE_MS = 5_000  # the drawers slide in with a CSS transition; generous for a busy machine

# ---------------------------------------------------------------- offline, math, images, widgets

# The note next to a widget (bp's widgets run in the page): the browser computes it.
IN_PAGE_NOTICE = re.compile(r"\b(your|the)\s+browser\b", re.I)
NEEDS_KERNEL = re.compile(r"need[s]?\s+a\s+(live|running)", re.I)
# The root element of every bp widget (the explorers, the tangent, the steppers): it computes in the page.
BP_WIDGET = ".bp-widget"

# The math elements not typeset (none yet, or MathJax's lazy placeholder): of those shown on screen
# (arg true) or of all.
UNTYPESET = """(shown) => [...document.querySelectorAll('.math')]
    .filter(e => !shown || e.checkVisibility())
    .filter(e => !e.querySelector('mjx-container') || e.querySelector('mjx-lazy'))
    .map(e => e.textContent.slice(0, 60))"""

# No dollar sign or TeX command outside code and math (e.g. $$...$$ inside a paragraph, which MyST
# reads as $ + inline math + $).
STRAY_TEX = r"""() => {
    const skip = 'pre, code, script, style, .math, mjx-container, .highlight, .widget-subarea';
    const walk = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        if (n.parentElement.closest(skip)) continue;
        const m = n.textContent.match(/\$|\\(frac|partial|hat|sigma|mathrm|left|right)\b/);
        if (m) found.push(n.textContent.trim().slice(0, 60));
    }
    return found;
}"""

# axe-core rules that cannot be fixed here, by rule id, with the reason. Keep this empty if you can.
AXE_EXCEPTIONS: dict[str, str] = {}


def repository():
    """(url, branch, path to the book) the build's buttons point to, found as bp.book_shell finds
    them (_config.yml, then BOOK_REPOSITORY/BOOK_BRANCH); url None: the book has no such button."""
    from bp.book_shell import repository_options

    repo = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    options = repository_options(
        {"repository_url": repo["url"], "repository_branch": repo.get("branch", "main")}, os.environ
    )
    url = options.get("repository_url")
    return (url and url.rstrip("/")), options.get("repository_branch"), (repo.get("path_to_book") or "").strip("/")


def weight(page):
    """Bytes and requests of the page and every asset it loaded so far."""
    return page.evaluate("""() => {
        const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
        return {bytes: entries.reduce((s, e) => s + (e.encodedBodySize || 0), 0), requests: entries.length};
    }""")


def offline(log, server_log):
    """Nothing leaves the local server; nothing local is missing; light icons and no MathJax menu."""
    problems = [f"request to another host: {u}" for u in sorted(set(log["foreign"]))]
    problems += [f"failed request: {f}" for f in log["failed"] if "127.0.0.1" in f]
    problems += [f"the server answered {status} to {p}" for status, p in server_log if status >= 400]
    # The icons come from bp.book_shell's font subsets (a glyph missing from them would fetch the
    # theme's whole web font), and MathJax runs without its context menu.
    problems += [
        f"fetched {p}: an icon missing from _static/bp-icons (bp.book_shell)"
        for _, p in server_log
        if "/vendor/fontawesome/" in p
    ]
    problems += [f"fetched {p} (MathJax's menu: left out in _config.yml)" for _, p in server_log if "/ui/menu.js" in p]
    return problems


def math(page):
    """Every math element shown is typeset (once the reader has scrolled to it), without a TeX
    error, and no TeX is left as text."""
    problems = [f"math not typeset after scrolling to it: {t!r}" for t in page.evaluate(UNTYPESET, True)]
    problems += [f"TeX left as text (not typeset): {t!r}" for t in page.evaluate(STRAY_TEX)]
    errors = page.evaluate("""() => [...document.querySelectorAll('mjx-merror')]
        .map(e => e.getAttribute('data-mjx-error') || e.textContent)""")
    return problems + [f"MathJax error: {t!r}" for t in errors]


def images(page):
    """Every image loads and has alt text (widget images included); every canvas a text alternative."""
    found = page.evaluate("""() => [...document.images].map(i => ({
        src: i.currentSrc.slice(0, 80), alt: (i.getAttribute('alt') || '').trim(),
        ok: i.complete && i.naturalWidth > 0, widget: !!i.closest('.widget-subarea')}))""")
    problems = [f"image did not load: {i['src']}" for i in found if not i["ok"]]
    problems += [
        f"image without alt text: {i['src']}" + (" (a widget image: give it a tooltip)" if i["widget"] else "")
        for i in found
        if not i["alt"]
    ]
    canvases = page.evaluate("""() => [...document.querySelectorAll('canvas')].map(c => ({
        cls: c.className, role: c.getAttribute('role'), label: (c.getAttribute('aria-label') || '').trim()}))""")
    return problems + [
        f"canvas without a text alternative (role=img and aria-label): {c['cls']}"
        for c in canvases
        if c["role"] != "img" or not c["label"]
    ]


def widgets(page):
    """Every stored widget renders, is one of bp's widgets (live in the page: no kernel-driven
    ipywidgets control, which would be dead here), and says next to it that the browser computes it."""
    n_views = page.locator(WIDGET_VIEW).count()
    found = page.evaluate(
        """([sel, bpWidget]) => [...document.querySelectorAll(sel)].map(s => {
        const area = s.previousElementSibling;
        const rendered = !!area && area.classList.contains('widget-subarea') && area.offsetHeight > 0
                         && area.children.length > 0;
        // The cell holding the widget, and the page elements just before and after it.
        const cell = s.closest('.cell') || s.parentElement;
        const near = [];
        for (let e = cell.previousElementSibling, k = 0; e && k < 3; e = e.previousElementSibling, k++)
            near.push(e.innerText);
        for (let e = cell.nextElementSibling, k = 0; e && k < 2; e = e.nextElementSibling, k++) near.push(e.innerText);
        return {rendered, near: near.join('\\n'), live: !!area && area.querySelector(bpWidget) !== null};
    })""",
        [WIDGET_VIEW, BP_WIDGET],
    )
    problems = [] if len(found) == n_views else [f"{len(found)} widgets read of {n_views} stored"]
    problems += [f"widget {k} did not render" for k, w in enumerate(found) if not w["rendered"]]
    problems += [
        f"widget {k} is not one of bp's widgets ({BP_WIDGET}): with no kernel in the page its "
        "controls would be dead; make it a bp.widget.Widget, as the explorers"
        for k, w in enumerate(found)
        if w["rendered"] and not w["live"]
    ]
    problems += [
        f"widget {k} has no visible note next to it that your browser computes it"
        for k, w in enumerate(found)
        if w["live"] and not IN_PAGE_NOTICE.search(w["near"])
    ]
    problems += [
        f"widget {k} runs in the page, but the note next to it says it needs a live kernel"
        for k, w in enumerate(found)
        if w["live"] and NEEDS_KERNEL.search(w["near"])
    ]
    if n_views and repository()[0]:  # built with a repository (else no page has the button)
        launch = page.locator(".dropdown-launch-buttons a[href*='mybinder.org']").count()
        problems += [] if launch else ["a page with widgets has no Binder launch button"]
    return problems


def console(log):
    return [f"console error: {m}" for m in log["console"]]


def axe(page):
    """No serious or critical axe-core violation."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                               nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}))""")
    return [
        f"axe {v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}"
        for v in violations
        if v["impact"] in ("serious", "critical") and v["id"] not in AXE_EXCEPTIONS
    ]


# The notes and the errata pages, as served; every link of the article (MathML's href attributes
# included: a \\href in typeset math), with its target as the browser resolves it, its text, whether
# it sits inside typeset math, and the id of the nearest element around it (a slip's line, an entry).
NOTES, ERRATA = "chapters/notes.html", "chapters/errata.html"
ARTICLE_LINKS = """() => {
    const main = document.querySelector('article.bd-article') || document.querySelector('main');
    const href = e => typeof e.href === 'string' ? e.href
                      : (e.href && e.href.baseVal) || e.getAttribute('href');
    return [...main.querySelectorAll('[href]')].map(e => ({
        href: new URL(href(e), location.href).href,
        text: (e.textContent || '').trim().slice(0, 60),
        inMath: !!e.closest('mjx-container'),
        from: (e.closest('[id]') || {}).id || ''}));
}"""


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(v for k, v in attrs if k == "id" and v)


@functools.cache
def built_ids(html_dir, path):
    """The element ids of a built page as the build wrote it (no script has run), or None if there
    is no such page. A link's target must be one of these: an id only a script makes is not one."""
    file = Path(html_dir) / path
    if not file.is_file():
        return None
    parser = _Ids()
    parser.feed(file.read_text(encoding="utf-8"))
    return frozenset(parser.ids)


def local_target(href, base):
    """(page path, fragment) of a link into the book served at ``base``, or None for a link elsewhere."""
    if not href.startswith(base + "/"):
        return None
    parts = urlsplit(href)
    return parts.path.lstrip("/"), parts.fragment


def missing_target(link, base, html_dir):
    """Why the link into the book has no target (a sentence), or None when it has one."""
    path, fragment = local_target(link["href"], base)
    ids = built_ids(html_dir, path)
    where = " (inside math)" if link["inMath"] else ""
    if ids is None:
        return f"{link['text']!r}{where} → {path}: no such page"
    if fragment and fragment not in ids:
        return f"{link['text']!r}{where} → {path}#{fragment}: no element with that id"
    return None


def notes_links(page, base, html_dir):
    """Every link of the article into the notes or the errata page has its target there."""
    links = [
        link
        for link in page.evaluate(ARTICLE_LINKS)
        if (local_target(link["href"], base) or ("",))[0] in (NOTES, ERRATA)
    ]
    return [m for m in (missing_target(link, base, html_dir) for link in links) if m]


def printed_math(page):
    """Printed, every math element is typeset: MathJax typesets what is left before printing."""
    page.emulate_media(media="print")
    try:
        page.wait_for_function("() => document.querySelector('mjx-lazy') === null", timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        pass  # reported just below
    return [f"math not typeset for printing: {t!r}" for t in page.evaluate(UNTYPESET, False)]


def buttons(page, path):
    """Binder opens this chapter in JupyterLab; the .ipynb downloads; the repository links home.
    Built without a repository: no launch and no repository button, no link to the placeholder
    (tests/test_book_repository.py builds both ways)."""
    url, branch, book = repository()
    notebook = "/".join(filter(None, [book, Path(path).with_suffix(".ipynb").as_posix()]))
    links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    problems = (
        []
        if any(h.endswith(Path(path).with_suffix(".ipynb").name) and "_sources/" in h for h in links)
        else ["no .ipynb download link"]
    )
    problems += [f"a link to the placeholder repository: {h}" for h in links if "OWNER/REPO" in h]
    if url is None:
        header = page.eval_on_selector_all(
            ".article-header-buttons a[href]", "els => els.map(a => a.getAttribute('href'))"
        )
        problems += [f"a Binder link, built without a repository: {h}" for h in links if "mybinder" in h]
        problems += [f"a header button to {h}, built without a repository" for h in header if h.startswith("http")]
        if page.locator(".dropdown-launch-buttons, .btn-source-repository-button").count():
            problems.append("a launch or repository button, built without a repository")
        return problems
    binder = f"https://mybinder.org/v2/gh/{urlsplit(url).path.strip('/')}/{branch}?urlpath=lab/tree/{notebook}"
    if binder not in links:
        problems.append(f"no Binder link {binder} (Binder links: {[h for h in links if 'binder' in h]})")
    return problems + ([] if url in links else ["no repository button"])


def length(page, path, report):
    """At most MAX_SCREENS of the length window, read to its end (the caller has just read it at that
    window: MathJax and the widgets change its height); the height goes into the report."""
    height = page.evaluate("() => document.documentElement.scrollHeight")
    screens = height / LENGTH_WINDOW["height"]
    size = f"{LENGTH_WINDOW['width']} × {LENGTH_WINDOW['height']}"
    report["heights"].append(f"{screens:5.1f} screens ({height:6d} px at {size})  {path}")
    if screens <= MAX_SCREENS:
        return []
    return [
        f"{height} px tall at {size}: {screens:.1f} screens, more than {MAX_SCREENS}. Split it (a chapter's "
        "sections become pages of their own in _toc.yml) or fold away its code (tag a plotting or "
        "table-printing cell hide-input)"
    ]


# ---------------------------------------------------------------- navigation and contents

# Where a link is shown: rendered, not hidden, inside the window from left to right. `inView`:
# also within the window's height (a long list may run below the fold of its scrolling box).
SHOWN = """([selector, key]) => [...document.querySelectorAll(selector)].map(a => {
    const r = a.getBoundingClientRect();
    const shown = a.checkVisibility({visibilityProperty: true, opacityProperty: true})
        && r.width > 0 && r.height > 0 && r.left >= -0.5 && r.right <= innerWidth + 0.5;
    const url = new URL(a.href);
    return {key: key === "path" ? url.pathname : url.hash, shown,
            inView: shown && r.top >= 0 && r.bottom <= innerHeight + 0.5};
})"""

CHAPTER_LINKS = ".bd-docs-nav a[href]"
CONTENTS_LINKS = "#pst-page-toc-nav a[href^='#']"

# The lowest contrast of a shown link's text against the first opaque background behind it (WCAG).
CONTRAST = """(selector) => {
    const rgba = s => (s.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const c = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
    };
    const measure = a => {
        let el = a, bg = null;
        while (el && !bg) {
            const c = rgba(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] >= 0.99)) bg = c;
            el = el.parentElement;
        }
        const fg = getComputedStyle(a).color;
        if (!bg) return {ratio: 0, fg, bg: "nothing opaque", text: a.textContent.trim()};
        const [hi, lo] = [lum(rgba(fg)), lum(bg)].sort((x, y) => y - x);
        return {ratio: (hi + 0.05) / (lo + 0.05), fg, bg: `rgb(${bg.slice(0, 3)})`, text: a.textContent.trim()};
    };
    const all = [...document.querySelectorAll(selector)].filter(a => a.checkVisibility()).map(measure);
    return all.length ? all.reduce((m, x) => x.ratio < m.ratio ? x : m) : null;
}"""


def book_pages(page_path):
    """The pages the open navigation must list, as the server serves them (/chapters/x.html): every
    chapter and appendix page of `_toc.yml`, and every page of the chapter being read (the pages of
    the other chapters, `sections:` in _toc.yml, are folded under their chapter)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    served = lambda f: "/" + str(Path(f).with_suffix(".html"))  # noqa: E731
    top = list(toc.get("chapters", [])) + [c for p in toc.get("parts", []) for c in p.get("chapters", [])]
    expected = {served(toc["root"])} | {served(c["file"]) for c in top}
    for chapter in top:
        pages = {served(chapter["file"])} | {served(s["file"]) for s in chapter.get("sections", [])}
        if "/" + page_path in pages:
            expected |= pages
    return expected


def _links(page, selector, key):
    return page.evaluate(SHOWN, [selector, key])


def until(page, predicate_js, arg=None):
    """Wait (up to SETTLE_MS) for a JS predicate; False if it never held."""
    try:
        page.wait_for_function(predicate_js, arg=arg, timeout=SETTLE_MS)
        return True
    except PlaywrightTimeout:
        return False


def _shown_keys(page, selector, key):
    return {link["key"] for link in _links(page, selector, key) if link["shown"]}


def _wait_shown(page, selector, key, expected, want):
    """Wait until all `expected` links are shown (want=True) or none of them is (want=False)."""
    predicate = f"""([selector, key, expected, want]) => {{
        const shown = new Set(({SHOWN})([selector, key]).filter(l => l.shown).map(l => l.key));
        return want ? expected.every(k => shown.has(k)) : expected.every(k => !shown.has(k));
    }}"""
    return until(page, predicate, [selector, key, sorted(expected), want])


def _tap_beside(page, dialog_id):
    """Tap the backdrop beside an open drawer, on its wider side (how a phone reader closes it)."""
    box = page.locator(f"#{dialog_id}").bounding_box()
    width = page.viewport_size["width"]
    if box is None:
        return
    left_gap, right_gap = box["x"], width - (box["x"] + box["width"])
    x = left_gap / 2 if left_gap > right_gap else box["x"] + box["width"] + right_gap / 2
    page.mouse.click(x, page.viewport_size["height"] / 2)


def _legible(page, selector, where):
    c = page.evaluate(CONTRAST, selector)
    if c is None:
        return [f"{where}: no link shown to measure"]
    if c["ratio"] < 4.5:
        return [f"{where}: link {c['text']!r} {c['fg']} on {c['bg']}: contrast {c['ratio']:.2f}:1 < 4.5:1"]
    return []


def navigation(page, width, expected):
    """The ☰ toggle shows and hides the left navigation with every chapter; return problems."""
    problems = []
    toggles = page.locator(".primary-toggle:visible")
    if toggles.count() != 1:
        return [f"{toggles.count()} visible ☰ (primary-sidebar) toggles, expected 1"]
    toggle = toggles.first
    if width == PHONE:
        if not _wait_shown(page, CHAPTER_LINKS, "path", expected, False):
            problems.append("the navigation is open on a phone before the ☰ is tapped")
        toggle.click()
        if not _wait_shown(page, CHAPTER_LINKS, "path", expected, True):
            shown = _shown_keys(page, CHAPTER_LINKS, "path")
            return problems + [
                f"tapping ☰ did not open the navigation: chapter links shown "
                f"{sorted(shown & expected)} of {sorted(expected)}; drawer open: "
                f"{page.evaluate('() => !!document.querySelector(`#pst-primary-sidebar-modal[open]`)')}"
            ]
        first = next(link for link in _links(page, CHAPTER_LINKS, "path") if link["shown"])
        if not first["inView"]:
            problems.append("the open navigation's first chapter link is outside the window")
        problems += _legible(page, CHAPTER_LINKS, "open navigation")
        _tap_beside(page, "pst-primary-sidebar-modal")
        if not _wait_shown(page, CHAPTER_LINKS, "path", expected, False):
            problems.append("tapping beside the open navigation did not close it")
    else:
        if not _wait_shown(page, CHAPTER_LINKS, "path", expected, True):
            shown = _shown_keys(page, CHAPTER_LINKS, "path")
            problems.append(
                f"the navigation is not open on a desktop: chapter links shown "
                f"{sorted(shown & expected)} of {sorted(expected)}"
            )
        # The phone's taps left the pointer where a navigation link may now be: measure the links
        # at rest, not one in its hover colour.
        page.mouse.move(width / 2, 1)
        problems += _legible(page, CHAPTER_LINKS, "navigation")
        toggle.click()
        if not _wait_shown(page, CHAPTER_LINKS, "path", expected, False):
            problems.append("clicking ☰ did not fold the navigation away")
        toggle.click()
        if not _wait_shown(page, CHAPTER_LINKS, "path", expected, True):
            problems.append("clicking ☰ a second time did not bring the navigation back")
    return problems


def contents(page, width):
    """The page's table of contents, where it has one, is shown or opened by its toggle."""
    if not page.locator("#pst-page-toc-nav").count():
        return []
    sections = set(
        page.evaluate(
            "() => [...document.querySelectorAll('article.bd-article section > h2')].map(h => '#' + h.parentElement.id)"
        )
    )
    if not sections:
        return ["the page has a table of contents but no h2 section to list"]
    toggles = page.locator(".secondary-toggle:visible")
    if sections <= _shown_keys(page, CONTENTS_LINKS, "hash"):
        if width == PHONE:
            return ["the page contents are open on a phone before any tap"]
        return _legible(page, CONTENTS_LINKS, "page contents")
    if toggles.count() != 1:
        return [f"the page contents are not shown and there are {toggles.count()} visible Contents toggles"]
    toggles.first.click()
    if not _wait_shown(page, CONTENTS_LINKS, "hash", sections, True):
        shown = _shown_keys(page, CONTENTS_LINKS, "hash")
        return [
            f"the Contents toggle did not open the page contents: sections shown "
            f"{len(shown & sections)} of {len(sections)}; drawer open: "
            f"{page.evaluate('() => !!document.querySelector(`#pst-secondary-sidebar-modal[open]`)')}"
        ]
    problems = _legible(page, CONTENTS_LINKS, "open page contents")
    _tap_beside(page, "pst-secondary-sidebar-modal")
    if not _wait_shown(page, CONTENTS_LINKS, "hash", sections, False):
        problems.append("tapping beside the open page contents did not close them")
    return problems


# ---------------------------------------------------------------- screens

# A figure on a phone keeps at least this fraction of its size (_static/bp-page-fixes.js sets it
# as the figure's min-width): bp's figure text of at least 12 pt (16 CSS px at full size) stays
# at 9.6 px or more.
MIN_SCALE = 0.6
SHARP = 2  # image pixels per CSS pixel: sharp on a high-resolution (2×) screen
# The relative luminance (WCAG) of a background: below DARK in dark mode, above LIGHT in light mode.
DARK, LIGHT = 0.2, 0.5

# The elements that reach past the window's right edge, outside any box that scrolls them.
STICKING_OUT = """() => {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right <= innerWidth + 0.5 || r.width === 0 || !el.checkVisibility({visibilityProperty: true})) continue;
        let clipped = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (s.position === 'fixed' ||
                (/(auto|scroll|hidden|clip)/.test(s.overflowX)
                 && p.getBoundingClientRect().right <= innerWidth + 0.5)) {
                clipped = true; break;
            }
        }
        if (clipped) continue;
        // name the innermost
        if ([...el.children].some(c => c.getBoundingClientRect().right > innerWidth + 0.5)) continue;
        const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (typeof el.className === 'string' && el.className
             ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '');
        out.push(`${name} (right edge at ${Math.round(r.right)} px: "${(el.textContent || '').trim().slice(0, 40)}")`);
    }
    return {scrollWidth: document.documentElement.scrollWidth, width: innerWidth, out: out.slice(0, 8)};
}"""

# Every box of the article that scrolls sideways (its content wider than it), and whether it shows
# a hint of that: a fade at its edge (a CSS mask).
SCROLL_BOXES = """() => [...document.querySelectorAll('article *')].filter(el => {
        const s = getComputedStyle(el);
        return /(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.checkVisibility();
    }).map(el => {
        const s = getComputedStyle(el);
        return {name: el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\\s+/).slice(0, 2).join('.'),
                text: (el.textContent || '').trim().slice(0, 40),
                hint: [s.maskImage, s.webkitMaskImage].some(m => m && m !== 'none')};
    })"""

# Every figure of the article (a PNG or JPEG): its pixels and the CSS box it is drawn in.
FIGURES = """() => [...document.querySelectorAll('article .cell_output img, article figure img')]
    .filter(i => /\\.(png|jpe?g)$/i.test(new URL(i.currentSrc || i.src).pathname) && i.naturalWidth > 0)
    .filter(i => i.getBoundingClientRect().width > 0)
    .map(i => {
        const s = getComputedStyle(i);
        const px = (v) => parseFloat(v) || 0;
        const w = i.getBoundingClientRect().width - px(s.paddingLeft) - px(s.paddingRight)
                  - px(s.borderLeftWidth) - px(s.borderRightWidth);
        const h = i.getBoundingClientRect().height - px(s.paddingTop) - px(s.paddingBottom)
                  - px(s.borderTopWidth) - px(s.borderBottomWidth);
        return {src: new URL(i.currentSrc || i.src).pathname.split('/').pop().slice(0, 12),
                natural: [i.naturalWidth, i.naturalHeight], shown: [w, h],
                // its size: as myst-nb writes it from the output's metadata, else its pixels
                size: parseFloat(i.style.width) || i.naturalWidth};
    })"""

# Every rendered widget: the first opaque background behind its root element, and the colour its
# canvases paint in their top-left corner (over that background where they are transparent).
WIDGETS = """() => {
    const rgba = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const c = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
    };
    const behind = (el) => {
        for (; el; el = el.parentElement) {
            const c = rgba(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] >= 0.99)) return c.slice(0, 3);
        }
        return [255, 255, 255];
    };
    return [...document.querySelectorAll('.widget-subarea')].filter(a => a.children.length).map((area, k) => {
        const root = area.querySelector('.bp-widget') || area.firstElementChild;
        const bg = behind(root);
        const canvases = [...area.querySelectorAll('canvas')].filter(c => c.width > 0 && c.height > 0).map(c => {
            const ctx = c.getContext('2d');
            if (!ctx) return null;
            const [r, g, b, a] = ctx.getImageData(1, 1, 1, 1).data;
            const over = bg.map((v, i) => (([r, g, b][i] * a) + v * (255 - a)) / 255);
            return {cls: c.className || 'canvas', lum: lum(over), rgb: over.map(Math.round)};
        }).filter(Boolean);
        return {name: `widget ${k} (${root.className || root.tagName})`, lum: lum(bg), rgb: bg, canvases};
    });
}"""


def sideways(page):
    """The document is no wider than the window (what sticks out, named)."""
    r = page.evaluate(STICKING_OUT)
    if r["scrollWidth"] <= r["width"]:
        return []
    return [
        f"the page scrolls sideways: {r['scrollWidth']} px wide in a {r['width']} px window; sticking out: "
        + "; ".join(r["out"] or ["(nothing found)"])
    ]


def scroll_hints(page):
    """Every box that scrolls sideways fades out at the edge where more of it is hidden."""
    bare = [f"{b['name']} ({b['text']!r})" for b in page.evaluate(SCROLL_BOXES) if not b["hint"]]
    if not bare:
        return []
    return [f"{len(bare)} boxes scroll sideways with no hint at their edge, e.g. " + "; ".join(bare[:4])]


def figures(page, width):
    """Every figure sharp, undistorted, and on a phone not shrunk below MIN_SCALE of its size."""
    problems = []
    for f in page.evaluate(FIGURES):
        (nw, nh), (w, h) = f["natural"], f["shown"]
        if w * SHARP > nw + 1:
            problems.append(
                f"figure {f['src']}: {nw} px wide shown at {w:.0f} CSS px "
                f"(fewer than {SHARP} image pixels per CSS pixel: soft on a high-resolution screen)"
            )
        if abs(w / nw - h / nh) > 0.02 * w / nw:
            problems.append(f"figure {f['src']}: {nw}×{nh} shown distorted at {w:.0f}×{h:.0f}")
        if width == PHONE and w < MIN_SCALE * f["size"] - 1:
            problems.append(
                f"figure {f['src']}: shrunk to {w / f['size']:.0%} of its size on a phone "
                f"({w:.0f} CSS px; at least {MIN_SCALE:.0%}, or its text gets smaller than 9 px)"
            )
    return problems


def widget_colours(page, scheme):
    """Every widget's background, and what its canvases paint, follow the colour scheme."""
    problems = []
    ok = (lambda lum: lum < DARK) if scheme == "dark" else (lambda lum: lum > LIGHT)
    for w in page.evaluate(WIDGETS):
        if not ok(w["lum"]):
            problems.append(f"{w['name']} sits on rgb{tuple(w['rgb'])} in {scheme} mode")
        problems += [
            f"{w['name']}: its {c['cls']} paints rgb{tuple(c['rgb'])} in {scheme} mode"
            for c in w["canvases"]
            if not ok(c["lum"])
        ]
    return problems
