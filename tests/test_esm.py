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
