"""The static book serves each widget's front end once, as files of its own (a Sphinx extension).

Registered in _config.yml (``sphinx.extra_extensions``). At build time it takes the package's
current modules, ``bp/static/<module>.js`` (with its ``.js.map``) and ``<module>.css``, and copies
them into the HTML output as ``_static/bp/<hash>/<module>.js`` … where ``<hash>`` is their content's:
a page fetches a module once however many widgets use it, the browser keeps it from one page to the
next, and a new build of a changed front end gets a new URL. Each page with widgets gets a small
JSON manifest, ``<script type="application/json" id="bp-widget-modules">``, naming the URLs of the
modules its widgets use (by their synced ``_module``); the page's widget host
(_templates/bp-widgets.js) loads them from there. The notebooks store no module (bp.widget.STUB), so
a change to a front end needs ``make widgets`` and a book build, never a notebook re-run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from sphinx.util import logging

from .widget import STATIC

STATE = "application/vnd.jupyter.widget-state+json"
MANIFEST_ID = "bp-widget-modules"
logger = logging.getLogger(__name__)


def modules(static=STATIC):
    """Each module's name → (its files, the folder they are served from: ``_static/bp/<hash>``)."""
    out = {}
    for js in sorted(static.glob("*.js")):
        files = [js, js.with_name(js.name + ".map"), js.with_suffix(".css")]
        digest = hashlib.sha256(b"".join(f.read_bytes() for f in files if f.exists())).hexdigest()[:16]
        out[js.stem] = ([f for f in files if f.exists()], f"_static/bp/{digest}")
    return out


def _used(script_files):
    """The `_module`s of the widgets in a page's stored widget state (none without one)."""
    state = next((js for js in script_files if (js.attributes or {}).get("type") == STATE), None)
    if state is None:
        return None
    models = json.loads(state.attributes["body"])["state"].values()
    return [m["state"].get("_module") for m in models if m.get("model_module") == "anywidget"]


def _page_manifest(app, pagename, templatename, context, doctree):
    used = _used(context.get("script_files", []))
    if used is None:
        return
    known = app.config.bp_widget_modules
    manifest = {}
    for name in dict.fromkeys(used):
        if name not in known:
            logger.warning(
                f"a widget of {pagename} names no module of bp/static ({name!r}): re-run its notebook (make notebooks)",
                location=pagename,
            )
            continue
        folder = known[name]
        manifest[name] = {kind: context["pathto"](f"{folder}/{name}.{kind}", 1) for kind in ("js", "css")}
    body = json.dumps(manifest, sort_keys=True).replace("</", "<\\/")
    app.add_js_file(None, body=body, type="application/json", id=MANIFEST_ID)


def _config_inited(app, config):
    # A changed module changes this html setting, and Sphinx then rewrites every page: no page of
    # an incremental build keeps the URL of a module that is no longer served.
    config.bp_widget_modules = {name: folder for name, (_, folder) in modules().items()}


def _copy(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for files, folder in modules().values():
        dest = Path(app.outdir) / folder
        dest.mkdir(parents=True, exist_ok=True)
        for f in files:
            shutil.copyfile(f, dest / f.name)


def setup(app):
    app.add_config_value("bp_widget_modules", {}, "html")
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_manifest, priority=900)  # after myst-nb adds the state
    app.connect("build-finished", _copy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
