"""The book's shell (bp.book_shell): the repository the buttons point to, figures loaded lazily with
their size, and the icon fonts cut down to the glyphs the pages use. (tests/test_book_repository.py
builds a book with and without a repository; tests/browser checks the built pages.)"""

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from sphinx.errors import ConfigError

from bp import book_shell

THEME = {
    "repository_url": "https://github.com/OWNER/REPO",
    "repository_branch": "main",
    "use_repository_button": True,
    "launch_buttons": {"binderhub_url": "https://mybinder.org"},
}


def test_the_placeholder_gives_no_repository_and_no_launch_button():
    options = book_shell.repository_options(THEME, {})
    assert "repository_url" not in options
    assert options["use_repository_button"] is False
    assert options["launch_buttons"] == {}


def test_no_url_at_all_gives_no_button_either():
    options = book_shell.repository_options({"use_repository_button": True}, {})
    assert options["use_repository_button"] is False and options["launch_buttons"] == {}


def test_the_workflows_repository_and_branch_replace_the_placeholder():
    env = {"BOOK_REPOSITORY": "someone/backprop-book", "BOOK_BRANCH": "trunk"}
    options = book_shell.repository_options(THEME, env)
    assert options["repository_url"] == "https://github.com/someone/backprop-book"
    assert options["repository_branch"] == "trunk"
    assert options["use_repository_button"] is True
    assert options["launch_buttons"] == THEME["launch_buttons"]
    assert THEME["repository_url"].endswith("OWNER/REPO"), "the settings given are not changed in place"


def test_a_real_url_in_the_config_is_kept_without_the_environment():
    real = dict(THEME, repository_url="https://github.com/someone/book")
    assert book_shell.repository_options(real, {}) == real


@pytest.mark.parametrize("bad", ["someone", "https://github.com/a/b", "a/b/c", "a b/c"])
def test_a_repository_that_is_not_owner_slash_name_stops_the_build(bad):
    with pytest.raises(ConfigError, match="owner/name"):
        book_shell.repository_options(THEME, {"BOOK_REPOSITORY": bad})


def test_a_figure_gets_lazy_loading_and_its_size_from_the_style_myst_nb_writes():
    tag = '<img alt="A plot" src="../_images/a.png" style="width: 1040px; height: 330px;" />'
    out = book_shell.lazy_img(tag, lambda src: pytest.fail("the size was in the style"))
    assert out == (
        '<img loading="lazy" width="1040" height="330" alt="A plot" src="../_images/a.png" '
        'style="width: 1040px; height: 330px;" />'
    )


def test_an_image_without_a_size_gets_the_files_or_only_lazy_loading():
    tag = '<img alt="x" src="../_images/b.png">'
    assert (
        book_shell.lazy_img(tag, {"../_images/b.png": (640, 480)}.get)
        == '<img loading="lazy" width="640" height="480" alt="x" src="../_images/b.png">'
    )
    assert book_shell.lazy_img(tag, lambda src: None) == '<img loading="lazy" alt="x" src="../_images/b.png">'


def test_an_image_that_says_how_to_load_is_left_as_it_is():
    tag = '<img loading="eager" src="a.png">'
    assert book_shell.lazy_img(tag, lambda src: (1, 1)) == tag


CSS = (
    '.fa-a:before{content:"\\f001"}.fa-b:before,.fa-c:before{content:"\\f002"}'
    '.x:after{content:var(--i)}:root{--i:"\\f003";--j:"\uf004"}'
)


def test_the_glyphs_are_the_classes_the_pages_hold_and_what_the_stylesheets_draw():
    table = book_shell.glyph_table(CSS)
    assert table == {"a": 0xF001, "b": 0xF002, "c": 0xF002}
    pages = ['<i class="fa-solid fa-c fa-lg"></i>', '<span class="fab fa-unknown"></span>']
    assert book_shell.used_icons(pages, table) == {0xF002}
    assert book_shell.drawn_by_stylesheets([CSS]) == {0xF003, 0xF004}


def _theme_font(stem):
    import pydata_sphinx_theme

    root = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    return root / "vendor" / "fontawesome" / "webfonts" / f"{stem}.ttf"


def test_a_subset_keeps_exactly_the_glyphs_asked_for_that_the_font_has(tmp_path):
    source = _theme_font("fa-solid-900")
    asked = {0xF135, 0xF185, 0xF09B}  # rocket and sun are solid glyphs; github is a brand's
    data, kept = book_shell.subset_font(source, asked)
    assert kept == [0xF135, 0xF185]
    (tmp_path / "s.woff").write_bytes(data)
    font = TTFont(tmp_path / "s.woff")
    assert font.flavor == "woff"
    assert set(font.getBestCmap()) == {0xF135, 0xF185}
    full = TTFont(source)
    for point in kept:  # the same outline as the theme's font
        name, full_name = font.getBestCmap()[point], full.getBestCmap()[point]
        assert (
            font["glyf"][name].getCoordinates(font["glyf"])[0]
            == full["glyf"][full_name].getCoordinates(full["glyf"])[0]
        )
    assert len(data) < source.stat().st_size / 50


def test_the_font_faces_name_the_theme_families_with_exactly_their_glyphs():
    css = book_shell.icons_css([("Font Awesome 6 Free", 900, "bp-icons/s.woff", [0xF135, 0xF185])])
    assert (
        '@font-face{font-display:block;font-family:"Font Awesome 6 Free";font-style:normal;'
        'font-weight:900;src:url(bp-icons/s.woff) format("woff");unicode-range:U+F135,U+F185}'
    ) in css
