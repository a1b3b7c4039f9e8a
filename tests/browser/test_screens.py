"""Every page of the book reads on every screen: a phone (390 px) and a desktop (1400 px), in light
and in dark mode.

On each page, at each width and colour scheme:
- nothing scrolls the page sideways: the document is no wider than the window (a wide table,
  equation, printout or figure scrolls inside its own box; the elements that stick out are named),
  and every box that scrolls sideways shows it: its edge fades out where more is hidden;
- every figure is sharp: a PNG shown with at least 2 of its pixels per CSS pixel (a 2× image, as
  `bp.use_style` makes them), never stretched beyond them and never distorted;
- on a phone, no figure is shrunk below MIN_SCALE of its own size: its smallest text (bp's style,
  tests/test_plots.py) stays about 9 CSS px or more; a wider figure scrolls in its box;
- every widget follows the colour scheme: the background behind it and the background its
  canvases paint are dark in dark mode and light in light mode;
- a screenshot of the whole page is saved in _build/screenshots/ (CI uploads the folder as an
  artefact, so a reviewer can look at every page without building the book).

The page is loaded once, on a phone in light mode, and read to its end (its math and widgets
render only as they come near the window); then the window is resized and the colour
scheme switched, as a reader turning a tablet or switching their system to dark mode would.
Run: make test-browser (builds the book first). BOOK_HTML and CHROMIUM override the defaults.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 390, 1400
HEIGHT = 844
VIEWS = [(PHONE, "light"), (PHONE, "dark"), (DESKTOP, "light"), (DESKTOP, "dark")]
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
        const classes = typeof el.className === 'string' && el.className
            ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '';
        const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes;
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


def _settle(page):
    """Let the theme switch colours and the widgets redraw for the new size (two frames, then a beat)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(300)


def _check_scroll(page):
    r = page.evaluate(STICKING_OUT)
    if r["scrollWidth"] <= r["width"]:
        return []
    return [
        f"the page scrolls sideways: {r['scrollWidth']} px wide in a {r['width']} px window; sticking out: "
        + "; ".join(r["out"] or ["(nothing found)"])
    ]


def _check_hints(page):
    bare = [f"{b['name']} ({b['text']!r})" for b in page.evaluate(SCROLL_BOXES) if not b["hint"]]
    if not bare:
        return []
    return [f"{len(bare)} boxes scroll sideways with no hint at their edge, e.g. " + "; ".join(bare[:4])]


def _check_figures(page, width):
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


def _check_widgets(page, scheme):
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


def test_page_reads_on_every_screen(visit, lazy, screenshots_dir, page_path):
    page, log = visit(page_path, viewport={"width": VIEWS[0][0], "height": HEIGHT}, color_scheme=VIEWS[0][1])
    problems = [f"on load: {p}" for p in lazy.read(page)]
    stem = page_path.removesuffix(".html").replace("/", "_")
    for width, scheme in VIEWS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        page.emulate_media(color_scheme=scheme)
        try:
            page.wait_for_function("s => document.documentElement.dataset.theme === s", arg=scheme, timeout=5_000)
        except PlaywrightTimeout:
            problems.append(f"{width} px, {scheme}: the page did not follow the {scheme} colour scheme")
        _settle(page)
        where = f"{width} px, {scheme}"
        problems += [
            f"{where}: {p}"
            for p in _check_scroll(page)
            + _check_hints(page)
            + _check_figures(page, width)
            + _check_widgets(page, scheme)
        ]
        # (animations stopped: the capture resizes the window, and a sidebar caught sliding would
        # show the page cut off at its left)
        page.screenshot(
            path=str(screenshots_dir / f"{stem}-{width}-{scheme}.jpg"),
            full_page=True,
            type="jpeg",
            quality=80,
            animations="disabled",
        )
    problems += [f"console: {line}" for line in log["console"]]
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)
