"""A reader can navigate every page of the book: on a phone (390 px) and on a desktop (1400 px),
in light and in dark mode.

On each page, at each width and colour scheme:
- exactly one ☰ (primary-sidebar) toggle is visible; the left navigation with a link to every
  chapter of `_toc.yml` and to every page of the chapter being read shows or hides with it: on a
  phone the ☰ opens it as a drawer and a tap beside the drawer closes it; on a desktop the
  navigation is open and the ☰ folds it away and back;
- where the page has a table of contents ("Contents"), it is reachable: on a phone the list-icon
  (secondary-sidebar) toggle opens it, with a link to every section of the page, and a tap beside
  it closes it; on a desktop it is shown beside the article;
- the open navigation is legible (its links contrast with the drawer's background by at least
  4.5:1, WCAG AA), and nothing logs a console error.

The page is loaded once, on a phone in light mode; then the window is resized and the colour
scheme switched, as a reader turning a tablet or switching their system to dark mode would.
Run: make test-browser (builds the book first). BOOK_HTML and CHROMIUM override the defaults.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser

PHONE, DESKTOP = 390, 1400
HEIGHT = 844
# Phone first: the page is loaded at the first of these, then resized and re-coloured in place.
VIEWS = [(PHONE, "light"), (PHONE, "dark"), (DESKTOP, "light"), (DESKTOP, "dark")]
SETTLE_MS = 5_000  # the drawers slide in with a CSS transition; generous for a busy machine

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


def _book_pages(page_path):
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


def _until(page, predicate_js, arg=None):
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
    return _until(page, predicate, [selector, key, sorted(expected), want])


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


def _check_primary(page, width, expected):
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


def _check_contents(page, width):
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


def test_navigation_opens_at_every_width(visit, page_path):
    expected = _book_pages(page_path)
    page, log = visit(page_path, viewport={"width": VIEWS[0][0], "height": HEIGHT}, color_scheme=VIEWS[0][1])
    problems = []
    for width, scheme in VIEWS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        page.emulate_media(color_scheme=scheme)
        where = f"{width} px, {scheme}"
        if not _until(page, "s => document.documentElement.dataset.theme === s", scheme):
            problems.append(f"{where}: the page did not follow the {scheme} colour scheme")
            continue
        problems += [f"{where}: {p}" for p in _check_primary(page, width, expected) + _check_contents(page, width)]
    problems += [f"console: {line}" for line in log["console"]]
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)
