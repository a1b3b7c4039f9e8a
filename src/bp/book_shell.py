"""The HTML book's shell: its repository buttons, and lighter pages (a Sphinx extension).

Registered in _config.yml (``sphinx.extra_extensions``). Three things, none of them about the course:

- **The repository, right when published.** The publish workflow gives the build the repository it
  runs in, ``BOOK_REPOSITORY`` (``owner/name``) and ``BOOK_BRANCH`` (its default branch); they
  replace ``repository.url``/``branch`` of _config.yml, so that the Binder and repository buttons
  point there. While the url is the placeholder (``OWNER/REPO``) and no repository is given, the
  pages have no launch and no repository button at all, rather than links to an error page.
- **Icons from a font of their own.** The theme's stylesheet draws its icons from the Font Awesome
  web fonts (solid 157 kB, brands 118 kB, gzip-compressed), a few dozen of whose thousands of
  glyphs the book shows. After the build, the glyphs the pages use (the ``fa-…`` classes in the
  HTML, and the icons the theme's stylesheets draw themselves: admonitions, breadcrumbs, external
  links) are cut out into small fonts (``_static/bp-icons/``) declared by ``_static/bp-icons.css``
  under the theme's own family names, after its stylesheet: for a glyph in the subset the browser
  uses it and never fetches the theme's font; a glyph not in it still comes from the theme's font.
- **Figures loaded as the reader comes to them.** Every image of a page's content gets
  ``loading="lazy"`` and its width and height as attributes (from the size myst-nb writes, or
  the file's), so that its box has its shape before it loads and nothing below it moves.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinx.util.images import get_image_size

logger = logging.getLogger(__name__)

PLACEHOLDER = "OWNER/REPO"
REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
ICONS_CSS = "bp-icons.css"
# The theme's fonts (TrueType copies beside its WOFF2: fontTools reads WOFF2 only with brotli).
FONTS = {"fa-solid-900": ("Font Awesome 6 Free", 900), "fa-brands-400": ("Font Awesome 6 Brands", 400)}
FONT_DIR = "_static/vendor/fontawesome/webfonts"
# Font Awesome's class table: `.fa-github:before{content:"\f09b"}` (several names may share a rule).
ICON_RULE = re.compile(r'((?:\.fa-[\w-]+:(?:before|after),?)+)\{content:"\\([0-9a-f]+)"\}')
ICON_CLASS = re.compile(r'class="([^"]*\bfa-[^"]*)"')
PRIVATE_USE = re.compile(r"\\([ef][0-9a-f]{3})\b|([\ue000-\uf8ff])")


def setup(app):
    app.connect("config-inited", use_repository)
    app.connect("builder-inited", _add_icons_css)
    app.connect("html-page-context", lazy_images)
    app.connect("build-finished", _write_icons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# --- The repository --------------------------------------------------------------------------


def repository_options(options, environ):
    """The theme options with the repository of `environ` (BOOK_REPOSITORY, BOOK_BRANCH), and
    without any repository or launch button while the url is absent or the placeholder."""
    options = dict(options)
    given = environ.get("BOOK_REPOSITORY", "").strip()
    if given:
        if not REPOSITORY.fullmatch(given):
            raise ConfigError(f"BOOK_REPOSITORY must be owner/name, not {given!r}")
        options["repository_url"] = f"https://github.com/{given}"
        options["repository_branch"] = environ.get("BOOK_BRANCH", "").strip() or "main"
    if PLACEHOLDER in options.get("repository_url", PLACEHOLDER):
        options.pop("repository_url", None)
        options.pop("repository_branch", None)
        options.update(
            use_repository_button=False,
            use_edit_page_button=False,
            use_issues_button=False,
            use_source_button=False,
            launch_buttons={},
        )
    return options


def use_repository(app, config):
    config.html_theme_options = repository_options(config.html_theme_options, os.environ)


# --- Figures loaded lazily ---------------------------------------------------------------------

IMG = re.compile(r"<img\b[^>]*>")
PX_SIZE = re.compile(r'style="[^"]*\bwidth:\s*([\d.]+)px;\s*height:\s*([\d.]+)px')


def lazy_img(tag, size_of):
    """One <img> tag loaded lazily, with its width and height as attributes: from the size in px
    myst-nb writes in its style, or else `size_of(src)` (None when unknown: then only lazy)."""
    if re.search(r"\sloading=", tag):
        return tag
    attrs = ' loading="lazy"'
    if not re.search(r"\swidth=", tag):
        px = PX_SIZE.search(tag)
        src = re.search(r'\ssrc="([^"]+)"', tag)
        size = (float(px[1]), float(px[2])) if px else size_of(src[1]) if src else None
        if size:
            attrs += f' width="{round(size[0])}" height="{round(size[1])}"'
    return re.sub(r"^<img\b", "<img" + attrs, tag)


def lazy_images(app, pagename, templatename, context, doctree):
    if "body" not in context:
        return
    # The images are copied to _images/ only after the pages are written: read them where they are.
    sources = {name: source for source, name in app.builder.images.items()}

    def size_of(src):
        source = sources.get(src.rsplit("/", 1)[-1]) if "_images/" in src else None
        return get_image_size(str(Path(app.srcdir) / source)) if source else None

    context["body"] = IMG.sub(lambda m: lazy_img(m[0], size_of), context["body"])


# --- Icons -------------------------------------------------------------------------------------


def _add_icons_css(app):
    if app.builder.format == "html":
        app.add_css_file(ICONS_CSS)


def glyph_table(theme_css):
    """Font Awesome's class table of the theme's stylesheet: icon name → code point."""
    table = {}
    for rule in ICON_RULE.finditer(theme_css):
        for name in re.findall(r"\.fa-([\w-]+):", rule[1]):
            table[name] = int(rule[2], 16)
    return table


def drawn_by_stylesheets(stylesheets):
    """The code points the stylesheets draw themselves (outside Font Awesome's class table)."""
    points = set()
    for css in stylesheets:
        for m in PRIVATE_USE.finditer(ICON_RULE.sub("", css)):
            points.add(int(m[1], 16) if m[1] else ord(m[2]))
    return points


def used_icons(pages, table):
    """The code points of the `fa-…` classes the pages hold (modifiers like fa-lg have none)."""
    points = set()
    for html in pages:
        for classes in ICON_CLASS.findall(html):
            points.update(table[c[3:]] for c in classes.split() if c.startswith("fa-") and c[3:] in table)
    return points


def subset_font(source, points):
    """WOFF bytes of `source` (a TrueType font) cut down to `points` (those it has), and them."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    kept = sorted(points & set(font.getBestCmap()))
    options = subset.Options()
    options.flavor = "woff"  # zlib-compressed; WOFF2 would need brotli, absent here
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=kept)
    subsetter.subset(font)
    out = Path(source).with_suffix(".subset.woff")
    font.flavor = "woff"
    font.save(out)
    data = out.read_bytes()
    out.unlink()
    return data, kept


def _unicode_range(points):
    return ",".join(f"U+{p:04X}" for p in points)


def icons_css(faces):
    """The @font-face rules of the subsets: [(family, weight, url, code points)]."""
    head = (
        "/* Made by bp.book_shell at build time: the Font Awesome glyphs the pages use, under the\n"
        "   theme's own family names; any other glyph still comes from the theme's fonts. */\n"
    )
    return head + "".join(
        f'@font-face{{font-display:block;font-family:"{family}";font-style:normal;font-weight:{weight};'
        f'src:url({url}) format("woff");unicode-range:{_unicode_range(points)}}}\n'
        for family, weight, url, points in faces
    )


def _write_icons(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    stylesheets = [p.read_text(encoding="utf-8") for p in static.rglob("*.css") if p.name != ICONS_CSS]
    theme_css = (static / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    pages = (
        p.read_text(encoding="utf-8")
        for p in out.rglob("*.html")
        if p.relative_to(out).parts[0] not in ("_static", "_sources")
    )
    points = used_icons(pages, glyph_table(theme_css)) | drawn_by_stylesheets(stylesheets)
    folder = static / "bp-icons"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.woff"):
        old.unlink()
    faces = []
    for stem, (family, weight) in FONTS.items():
        data, kept = subset_font(out / FONT_DIR / f"{stem}.ttf", points)
        if not kept:
            continue
        name = f"{stem}.{hashlib.sha256(data).hexdigest()[:12]}.woff"
        (folder / name).write_bytes(data)
        faces.append((family, weight, f"bp-icons/{name}", kept))
    (static / ICONS_CSS).write_text(icons_css(faces), encoding="utf-8")
    logger.info(
        f"bp.book_shell: {len(points)} icons in {len(faces)} font subsets "
        f"({', '.join(str(len(k)) for *_, k in faces)} glyphs)"
    )
