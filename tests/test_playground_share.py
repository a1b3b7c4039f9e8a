"""The playground's run as code: bp.mlp.to_json / from_json, and the Python the page writes
(src/bp/js/playground/code.js, run in node) run here gives the page's curve (Playground.result)."""

import json
import subprocess

import numpy as np
import pytest

import bp
from bp import mlp
from bp.playground import Playground, datasets
from node_tools import ROOT, node


def _same_bits(a, b):
    return len(a) == len(b) and all(
        np.array_equal(W1, W2) and np.array_equal(b1, b2) and W1.dtype == W2.dtype == float
        for (W1, b1), (W2, b2) in zip(a, b, strict=True)
    )


@pytest.mark.parametrize(
    "sizes,task,seed", [([2, 4, 4, 1], None, 0), ([2, 1], None, 3), ([3, 8, 5], "multiclass", 4294967295)]
)
def test_to_json_and_back_is_exact(sizes, task, seed):
    layers = mlp.init(sizes, seed=seed, task=task)
    trained = mlp.train(
        layers, np.eye(3)[:, : sizes[0]], np.array([0.0, 1.0, 1.0]), task=task or "classification", eta=0.3, epochs=3
    ).layers
    for net in (layers, trained):
        text = mlp.to_json(net)
        assert json.loads(text)["sizes"] == sizes
        assert _same_bits(mlp.from_json(text), [(np.asarray(W), np.asarray(b)) for W, b in net])


def test_from_json_names_what_is_wrong():
    for bad, why in [
        ("{", "not the JSON"),
        ('{"layers": [{"W": [[1]]}]}', "not the JSON"),
        ('{"sizes": [2, 1], "layers": [{"W": [[1], [2]], "b": [0, 0]}]}', "b of layer 1 has shape"),
        ('{"sizes": [3, 1], "layers": [{"W": [[1], [2]], "b": [0]}]}', "says sizes"),
        ('{"layers": [{"W": [["a"], [2]], "b": [0]}]}', "W of layer 1"),
    ]:
        with pytest.raises((ValueError, TypeError), match=why):
            mlp.from_json(bad)
    with pytest.raises(TypeError):
        mlp.to_json("not layers")


SETTINGS = [
    {},
    {"dataset": "xor", "hidden_layers": 1, "width": 7, "activation": "relu", "batch_size": None, "epochs": 20},
    {"dataset": "spiral", "hidden_layers": 3, "activation": "sigmoid", "eta": 1.0, "batch_size": 32, "seed": 12345},
    {"dataset": "placed", "hidden_layers": 0, "eta": 0.03, "batch_size": 5, "epochs": 10},
    {"dataset": "package", "width": 2, "eta": 0.001, "batch_size": 1, "epochs": 5, "scale": "he"},
    {"dataset": "blobs", "hidden_layers": 1, "activation": "tanh", "eta": 0.3, "epochs": 30},
]
CODE_JS = """
import {pythonCode} from "./src/bp/js/playground/code.js";
const {cases} = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(([s, d]) => pythonCode(s, d))));
"""


def test_the_pages_code_reproduces_its_run(capsys):
    data = {d["name"]: d for d in datasets()}
    widgets = [Playground(**s) for s in SETTINGS]
    keys = ("dataset", "hidden_layers", "width", "activation", "eta", "batch_size", "epochs", "seed", "scale")
    cases = [[{k: getattr(w, k) for k in keys}, data[w.dataset]] for w in widgets]
    script = "import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);" + CODE_JS
    done = subprocess.run(
        [node(), "--input-type=module", "-e", script],
        input=json.dumps({"cases": cases}),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    for w, code in zip(widgets, json.loads(done.stdout), strict=True):
        scope = {}
        exec(compile(code, "<the playground's code>", "exec"), scope)  # noqa: S102 - the page's own code
        assert scope["bp"] is bp
        np.testing.assert_allclose(scope["result"].losses, w.result.losses, rtol=1e-9, atol=0, err_msg=code)
        assert scope["result"].diverged == w.result.diverged
        assert capsys.readouterr().out.strip() == f"{scope['result'].losses[-1]} {scope['result'].diverged}"


def test_a_pasted_data_set_stays_in_the_page():
    """The page may switch to "pasted" (a CSV pasted into it); Python has not its rows and says so."""
    w = Playground()
    w.dataset = "pasted"
    assert w.sizes == [2, 4, 4, 1]
    with pytest.raises(ValueError, match="stays in the page"):
        w.result  # noqa: B018 - the property raises
    with pytest.raises(ValueError, match="unknown dataset"):
        Playground(dataset="pasted")
