"""Take the widgets' front ends out of notebooks' saved widget state (`make notebooks` runs it).

Usage: python scripts/strip-widget-modules.py chapters/*.ipynb

Each anywidget model's ``_esm`` becomes bp.widget.STUB and its ``_css`` empty: the static book
serves the package's current modules itself (bp/sphinxext.py), so a notebook needs no copy, and a
change to a front end needs no notebook re-run. What stays is what the page needs: the settings,
the data and ``_module``, the name of the front end to run. tests/test_widget_modules.py checks it.
"""

import sys

import nbformat

from bp.widget import STUB

STATE = "application/vnd.jupyter.widget-state+json"


def strip(nb):
    """Replace, in place, every anywidget model's module by the stub; return how many there were."""
    models = nb.metadata.get("widgets", {}).get(STATE, {}).get("state", {}).values()
    anywidgets = [m["state"] for m in models if m.get("model_module") == "anywidget"]
    for state in anywidgets:
        state["_esm"], state["_css"] = STUB, ""
    return len(anywidgets)


def main(paths):
    for path in paths:
        nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        if strip(nb):
            nbformat.write(nb, path)


if __name__ == "__main__":
    main(sys.argv[1:])
