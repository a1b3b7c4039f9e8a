"""The static book's widget host (_templates/bp-widgets.js) can draw every widget the book stores.

It replaces Jupyter's widget manager in the HTML book and knows only anywidgets (their front-end
module, named by `_module` and served by the book, written to the AFM interface): so every widget
the notebooks store must be one, its
layout must be the default (the host applies none), and the widgets' JavaScript must use no more of
the model and of the module's interface than the host gives. (tests/browser draws them all.)
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOST = (ROOT / "_templates" / "bp-widgets.js").read_text(encoding="utf-8")
STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def _stored(path):
    """(widget state by model id, the model ids the cells display) of one notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    state = nb.get("metadata", {}).get("widgets", {}).get(STATE, {}).get("state", {})
    shown = [
        out["data"][VIEW]["model_id"]
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
        if VIEW in out.get("data", {})
    ]
    return state, shown


def test_some_chapters_store_widgets():
    assert sum(bool(_stored(p)[0]) for p in NOTEBOOKS) >= 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_stored_widget_is_an_anywidget_with_the_default_layout(path):
    state, shown = _stored(path)
    for model_id, model in state.items():
        kind, s = (model["model_module"], model["model_name"]), model["state"]
        assert not model.get("buffers"), f"{model_id}: binary buffers (the host reads only JSON state)"
        if kind == ("anywidget", "AnyModel"):
            assert s.get("_module") and s.get("_anywidget_id"), model_id
            assert s["layout"].removeprefix("IPY_MODEL_") in state, model_id
        else:
            assert kind == ("@jupyter-widgets/base", "LayoutModel"), (
                f"{model_id} is a {kind}: the static book draws only anywidgets (see _templates/bp-widgets.js)"
            )
            assert all(v is None for k, v in s.items() if not k.startswith("_")), (
                f"layout {model_id} sets {[k for k, v in s.items() if not k.startswith('_') and v is not None]}"
            )
    for model_id in shown:
        assert state[model_id]["model_name"] == "AnyModel", f"a cell displays {model_id}, not an anywidget"


def test_the_widgets_use_only_what_the_host_gives():
    """`model.x` in src/bp/js/ (its folders too) for x the host's model has; a default export of initialize/render."""
    body = HOST[HOST.index("const model = {") :]
    body = body[: body.index("\n    };")]
    host_model = set(re.findall(r"^ {6}(\w+)\s*[(:]", body, re.M))
    assert {"get", "set", "on", "off", "save_changes", "send"} <= host_model
    src = ROOT / "src" / "bp" / "js"
    js = {p.relative_to(src).as_posix(): p.read_text(encoding="utf-8") for p in src.rglob("*.js")}
    used = {m for text in js.values() for m in re.findall(r"\bmodel\.(\w+)", text)}
    assert used and used <= host_model, f"the widgets use model.{sorted(used - host_model)}; add it to the host"
    exports = [re.search(r"^export default \{([^}]*)\};", text, re.M) for text in js.values()]
    for e in filter(None, exports):
        assert {k.strip() for k in e[1].split(",")} <= {"initialize", "render"}, e[0]
