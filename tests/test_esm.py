"""bp._esm: each widget's one ES module, assembled from bp/js/ (anywidget cannot resolve imports)."""

import re

import pytest

import bp
from bp import _esm


def _js(tmp_path, monkeypatch, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(_esm, "JS", tmp_path)


def test_a_shared_file_is_bundled_once_before_its_importers(tmp_path, monkeypatch):
    _js(tmp_path, monkeypatch, {
        "a.js": "function hidden() { return 1; }\nexport function one() { return hidden(); }\n",
        "b.js": 'import {one} from "./a.js";\nexport const two = one() + 1;\n',
        "w.js": 'import {one} from "./a.js";\nimport {two as deux} from "./b.js";\n'
                "export default {render() { return one() + deux; }};\n",
    })
    out = _esm.bundle("w.js")
    assert out.count('__bp["a.js"] = ') == 1 and out.count('__bp["b.js"] = ') == 1
    assert out.index('__bp["a.js"] = ') < out.index('__bp["b.js"] = ') < out.index("export default")
    assert "return {one};" in out and "return {two};" in out          # only exports leave a file
    assert 'const {two: deux} = __bp["b.js"];' in out                   # `as` renames
    assert not re.search(r"^import\b", out, re.M) and out.count("export ") == 1


def test_other_import_forms_and_cycles_are_refused(tmp_path, monkeypatch):
    _js(tmp_path, monkeypatch, {"w.js": 'import x from "./a.js";\nexport default {};\n'})
    with pytest.raises(ValueError, match="one-line"):
        _esm.bundle("w.js")
    _js(tmp_path, monkeypatch, {"a.js": 'import {b} from "./b.js";\nexport const a = 1;\n',
                                "b.js": 'import {a} from "./a.js";\nexport const b = 2;\n'})
    with pytest.raises(ValueError, match="circular import a.js → b.js → a.js"):
        _esm.bundle("a.js")


def test_the_explorer_module_holds_the_network_twin_once():
    out = bp.explorer(bp.X_REG, bp.Y_REG, task="regression").get_state()["_esm"]
    assert out == _esm.bundle("explorer.js")
    assert out.count("export function train(") == 0 and out.count("function train(") == 1
    assert out.count('__bp["network.js"] = ') == 1


def _widget_classes():
    """Every anywidget widget of bp, by its _anywidget_id (the id the notebooks store)."""
    import importlib
    import pkgutil

    import anywidget

    for m in pkgutil.walk_packages(bp.__path__, "bp."):
        importlib.import_module(m.name)
    found, todo = {}, [anywidget.AnyWidget]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            # (anywidget's add_traits makes a subclass per instance, with the same name: not those)
            if sub.__module__.startswith("bp.") and isinstance(vars(sub).get("_esm"), str):
                found[f"{sub.__module__}.{sub.__name__}"] = sub
    return found


def test_every_widget_uses_the_one_mechanism():
    """The explorers, the tangent and any widget to come: each one's module is bundled from bp/js/."""
    widgets = _widget_classes()
    assert {"bp.explorer.Explorer", "bp.tangent.Tangent"} <= set(widgets)
    for name, cls in widgets.items():
        entry = re.search(r"from bp/js/.*?([\w-]+\.js)\.\n", vars(cls)["_esm"])
        assert entry and vars(cls)["_esm"] == _esm.bundle(entry[1]), f"{name}: its _esm is not bp._esm.bundle(...)"


def test_chapters_store_the_current_front_ends():
    """The book runs the widgets' front ends stored in each notebook's widget state (it never
    re-executes them): after a change to bp/js/ (explorer.js, network.js, ...), re-run the chapters that
    show a widget (make notebooks) or the book would run the old code."""
    import json
    from pathlib import Path

    widgets = _widget_classes()
    root = Path(__file__).resolve().parents[1]
    seen = {}
    for path in sorted((root / "chapters").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
        for model in state.get("state", {}).values():
            cls = widgets.get(model["state"].get("_anywidget_id"))
            if cls is not None:
                seen[cls.__name__] = seen.get(cls.__name__, 0) + 1
                assert model["state"]["_esm"] == vars(cls)["_esm"] and model["state"]["_css"] == vars(cls)["_css"], \
                    f"{path.name} holds an old {cls.__name__} front end: run `make notebooks NOTEBOOKS=chapters/{path.name}`"
    assert seen.get("Explorer", 0) >= 2, "the regression and classification chapters should each store an explorer"
    assert seen.get("Tangent", 0) >= 1, "the chain-rule chapter should store the tangent"
