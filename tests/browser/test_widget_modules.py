"""Each widget module is served once, from the package, by URL (bp/sphinxext.py, _templates/bp-widgets.js).

- A page with two widgets of the same kind fetches their module and stylesheet once; a second page
  with that kind of widget downloads neither again (the same URL, from the browser's cache).
- A change to a front end needs no notebook re-run: with a copy of src/bp whose built tangent module
  is altered, a book built from the committed notebook (never executed) runs the altered module.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, WIDGET_VIEW

MODULE = re.compile(r"/_static/bp/[0-9a-f]{16}/(\w+)\.(js|css)$")


def _downloads(server_log):
    """The module files the server sent in full (a 304, `not modified`, sends nothing): path → count."""
    out = {}
    for status, path in server_log:
        if status == 200 and MODULE.search(path):
            out[path] = out.get(path, 0) + 1
    return out


def _pages_with(html_dir, module):
    """The pages whose manifest names `module`, each with how many of its widgets use it."""
    found = {}
    for p in sorted(html_dir.glob("chapters/*.html")):
        text = p.read_text(encoding="utf-8")
        m = re.search(r'<script id="bp-widget-modules" type="application/json">(.*?)</script>', text)
        if m and module in json.loads(m[1]):
            found[p.relative_to(html_dir).as_posix()] = text.count(f'"_module": "{module}"')
    return found


def test_two_widgets_of_a_kind_fetch_their_module_once(visit, lazy, html_dir, server_log):
    page_path = next((p for p, n in _pages_with(html_dir, "playground").items() if n >= 2), None)
    assert page_path, "the depth page should show two playgrounds"
    page, log = visit(page_path, cache=True)
    assert lazy.show_widgets(page) >= 2
    assert page.locator(".bp-playground").count() >= 2
    got = _downloads(server_log)
    names = sorted(MODULE.search(p)[1] + "." + MODULE.search(p)[2] for p in got)
    # the page's other widget (its practice items) brings its own module
    assert [n for n in names if n.startswith("playground.")] == ["playground.css", "playground.js"], names
    assert set(got.values()) == {1}, got  # the page's two playgrounds and their workers: one download each
    assert not log["console"] and not log["failed"] and not log["foreign"], log


def test_a_second_page_downloads_no_module_it_has(visit, lazy, html_dir, server, server_log):
    pages = list(_pages_with(html_dir, "stepper"))
    assert len(pages) >= 2, "the regression and classification chapters should each show a stepper"
    page, log = visit(pages[0], cache=True)
    lazy.show_widgets(page)
    first = _downloads(server_log)
    assert any(p.endswith("/stepper.js") for p in first), first
    server_log.clear()
    page.goto(f"{server}/{pages[1]}", wait_until="load")
    lazy.show_widgets(page)
    assert page.locator(".bp-stepper").count() >= 1
    again = {p: n for p, n in _downloads(server_log).items() if p in first}
    assert not again, f"{pages[1]} downloaded again what {pages[0]} had: {again}"
    assert not log["console"] and not log["failed"], log


def test_a_changed_front_end_needs_no_notebook_rerun(tmp_path, visit, serve, lazy):
    """Alter the built tangent module in a copy of the package, build a one-page book from the
    committed chapter that shows the tangent, without executing it: the page runs the altered code."""
    package = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "bp", package / "bp", ignore=shutil.ignore_patterns("__pycache__"))
    module = package / "bp" / "static" / "tangent.js"
    module.write_text(
        module.read_text(encoding="utf-8") + 'document.body.dataset.bpAltered = "tangent";\n', encoding="utf-8"
    )
    chapter = next(
        p
        for p in sorted((ROOT / "chapters").glob("*.ipynb"))
        if '"_module": "tangent"' in p.read_text(encoding="utf-8")
    )
    book = tmp_path / "book"
    book.mkdir()
    for name in ("_config.yml", "_templates", "_static"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, book / name)
    shutil.copy(chapter, book / chapter.name)
    (book / "_toc.yml").write_text(f"format: jb-book\nroot: {chapter.stem}\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(package))
    jb = Path(sys.executable).with_name("jupyter-book")
    done = subprocess.run([str(jb), "build", "."], cwd=book, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    html = book / "_build" / "html"
    served = list(html.glob("_static/bp/*/tangent.js"))
    assert len(served) == 1 and served[0].read_bytes() == module.read_bytes()
    assert "bpAltered" not in (ROOT / "src" / "bp" / "static" / "tangent.js").read_text(encoding="utf-8")
    page, log = visit(f"{chapter.stem}.html", base=serve(html))
    lazy.show(page, page.locator(WIDGET_VIEW).first.locator("xpath=.."))
    assert page.locator(".bp-tangent").count() == 1
    assert page.evaluate("document.body.dataset.bpAltered") == "tangent"
    assert not log["console"] and not log["foreign"], log
