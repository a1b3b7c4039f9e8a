"""Every widget's front end comes from the package (bp/static/), never from a notebook.

A widget made in a kernel runs the package's current module (``_esm``, ``_css``: the built files);
a notebook stores only bp.widget.STUB and the module's name (``_module``), which the static book
resolves to the package's current files at build time (bp/sphinxext.py).
"""

import importlib
import json
import pkgutil
import subprocess
import sys

import nbformat
import numpy as np

import bp
from bp.widget import STATIC, STUB, Widget
from node_tools import ROOT, node

STATE = "application/vnd.jupyter.widget-state+json"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
EXAMPLES = {
    "Explorer": lambda: bp.explorer(bp.X_REG, bp.Y_REG, task="regression"),
    "Tangent": lambda: bp.tangent.tangent(bp.X_REG[0], bp.Y_REG[0], task="regression"),
    "Stepper": lambda: bp.stepper(bp.X_REG, bp.Y_REG, task="regression"),
    "Playground": lambda: bp.playground(),
    "Digits": lambda: bp.digits.digits(
        bp.mlp.init([64, 2, 10], task="multiclass"), np.zeros(64), np.ones(64), [np.zeros(64)], [0]
    ),
    "Practice": lambda: bp.practice.Practice([bp.practice.Formula("b21", "∂L/∂b21?", "b21", "regression")], page="x"),
    "Progress": lambda: bp.practice.Progress("regression", ["regression:b21"]),
}


def _widget_classes():
    """Every widget class of bp with a front end, by its _anywidget_id (the id the notebooks store)."""
    for m in pkgutil.walk_packages(bp.__path__, "bp."):
        importlib.import_module(m.name)
    found, todo = {}, [Widget]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if "module" in vars(sub):  # (not anywidget's per-instance subclasses, nor the bases)
                found[f"{sub.__module__}.{sub.__name__}"] = sub
    return found


def test_every_widget_runs_its_built_module():
    widgets = _widget_classes()
    assert {cls.__name__ for cls in widgets.values()} == set(EXAMPLES)
    for name, cls in widgets.items():
        state = EXAMPLES[cls.__name__]().get_state()
        assert state["_anywidget_id"] == name and state["_module"] == cls.module
        assert state["_esm"] == (STATIC / f"{cls.module}.js").read_text(encoding="utf-8"), name
        assert state["_css"] == (STATIC / f"{cls.module}.css").read_text(encoding="utf-8"), name
        assert state["_esm"].endswith(f"\n//# sourceMappingURL={cls.module}.js.map\n")
        assert (STATIC / f"{cls.module}.js.map").is_file()


def test_no_notebook_stores_a_module():
    widgets = _widget_classes()
    seen = {}
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for model in nb.get("metadata", {}).get("widgets", {}).get(STATE, {}).get("state", {}).values():
            if model["model_module"] != "anywidget":
                continue
            s, fix = model["state"], f"re-run it with `make notebooks NOTEBOOKS=chapters/{path.name}`"
            assert s["_esm"] == STUB and s["_css"] == "", f"{path.name} stores a widget's module: {fix}"
            cls = widgets[s["_anywidget_id"]]
            assert s.get("_module") == cls.module, f"{path.name}: a {cls.__name__} without its _module: {fix}"
            seen[cls.__name__] = seen.get(cls.__name__, 0) + 1
    assert seen.get("Explorer", 0) >= 2 and seen.get("Stepper", 0) >= 2, seen
    assert seen.get("Tangent", 0) >= 1 and seen.get("Playground", 0) >= 2, seen


def test_the_stub_is_a_module_that_says_to_run_the_cell():
    script = (
        "const m = await import('data:text/javascript,' + encodeURIComponent(process.argv[1]));"
        "const el = {}; m.default.render({model: {}, el}); console.log(el.textContent);"
    )
    done = subprocess.run([node(), "--input-type=module", "-e", script, STUB], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Run this cell to bring the widget to life")


def test_the_strip_script_replaces_only_anywidget_modules(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        strip = importlib.import_module("strip-widget-modules").strip
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    nb = nbformat.v4.new_notebook()
    layout = {"model_module": "@jupyter-widgets/base", "model_name": "LayoutModel", "state": {"_esm": "keep"}}
    w = {
        "model_module": "anywidget",
        "model_name": "AnyModel",
        "state": {"_esm": "export default {};", "_css": ".a{}", "_module": "tangent", "x": [1]},
    }
    nb.metadata["widgets"] = {STATE: {"state": {"a": w, "b": layout}}}
    assert strip(nb) == 1
    models = nb.metadata["widgets"][STATE]["state"]
    assert models["a"]["state"] == {"_esm": STUB, "_css": "", "_module": "tangent", "x": [1]}
    assert models["b"]["state"] == {"_esm": "keep"}
