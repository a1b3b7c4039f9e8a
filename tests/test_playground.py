"""bp.playground (the widget's Python side) and the 2-D data sets of bp.data."""

import json
from pathlib import Path

import numpy as np
import pytest
import traitlets

import bp
from bp import mlp
from bp.data import circles, spiral, xor
from bp.playground import DATASETS, standardized
from bp.widget import STATIC, STUB

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- the 2-D data sets


@pytest.mark.parametrize("make", [xor, circles, spiral])
def test_data_sets_are_seeded_balanced_and_interleaved(make):
    X, y = make(200)
    assert X.shape == (200, 2) and y.shape == (200,)
    # The classes alternate (label 1 on the even rows; the spiral's second arm on the odd ones),
    # so every mini-batch holds both.
    assert np.array_equal(y, (np.arange(200) % 2 == (1 if make is spiral else 0)).astype(float))
    X2, y2 = make(200)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)  # seeded: the same every time
    assert not np.array_equal(make(200, seed=1)[0], X)
    assert np.array_equal(X, np.round(X, 3)) and np.all(np.abs(X) <= 1.05)
    assert make(7)[0].shape == (7, 2)
    for bad in (1, 2.5, True, "10"):
        with pytest.raises(ValueError, match="n must be an integer"):
            make(bad)


def test_xor_labels_are_the_signs_xor():
    X, y = xor(300)
    assert np.array_equal(y, (np.sign(X[:, 0]) == np.sign(X[:, 1])).astype(float))
    assert np.abs(X).min() >= 0.1  # a gap along the axes
    assert all(np.sum((np.sign(X[:, 0]) == a) & (np.sign(X[:, 1]) == b)) > 50 for a in (-1, 1) for b in (-1, 1))


def test_circles_are_a_disc_inside_a_ring():
    X, y = circles(400)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 1].max() <= 0.5 + 1e-3 and r[y == 0].min() >= 0.7 - 1e-3 and r[y == 0].max() <= 1 + 1e-3


def test_spiral_arms_are_point_symmetric():
    X, y = spiral(400)
    # The two arms are the same curve turned by half a turn (up to the noise of ±0.04 a coordinate).
    assert np.abs(X[0::2] + X[1::2]).max() <= 0.08 + 1e-9
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[:20].max() < 0.15 and r[-20:].min() > 0.85  # from the centre outwards


@pytest.mark.parametrize("make", [xor, circles, spiral])
def test_no_hidden_layer_cannot_separate_them_hidden_units_can(make):
    """What the playground is for: logistic regression (no hidden layer) stays near chance on each
    set; a network with hidden tanh units separates it."""
    X, y = make(200)
    Xs = bp.standardize(X)[0]

    def accuracy(sizes, epochs, eta, batch_size):
        r = mlp.train(
            mlp.init(sizes, seed=0),
            Xs,
            y,
            task="classification",
            hidden="tanh",
            eta=eta,
            epochs=epochs,
            batch_size=batch_size,
        )
        yhat = mlp.forward(r.layers, Xs, task="classification", hidden="tanh")[-1][1][:, 0]
        return float(np.mean((yhat >= 0.5) == y))

    assert accuracy([2, 1], 100, 0.3, 10) <= 0.7
    if make is spiral:  # the hard one: a thousand epochs of full-batch descent
        assert accuracy([2, 8, 8, 1], 1000, 1.0, None) >= 0.95
    else:
        assert accuracy([2, 8, 8, 1], 100, 0.3, 10) >= 0.95


# --------------------------------------------------------------------------- the widget


def test_defaults_are_the_issues():
    w = bp.playground()
    s = w.get_state()
    assert (
        s["dataset"],
        s["hidden_layers"],
        s["width"],
        s["activation"],
        s["eta"],
        s["batch_size"],
        s["epochs"],
        s["seed"],
        s["scale"],
    ) == ("circles", 2, 4, "tanh", 0.1, 10, 50, 0, "xavier")
    assert w.sizes == [2, 4, 4, 1] and s["max_hidden_layers"] == 4 and s["max_width"] == 8
    assert s["activations"] == list(mlp.ACTIVATIONS) and s["divergence_limit"] == bp.DIVERGENCE_LIMIT
    assert s["batch_sizes"][0] == 1 and s["batch_sizes"][-1] is None
    assert s["_anywidget_id"] == "bp.playground.Playground"
    assert repr(w) == "<bp.Playground: circles, 2-4-4-1 tanh, η = 0.1, batch 10, 50 epochs, seed 0>"


def test_the_page_gets_every_data_set_raw_with_its_standardisation():
    sets = {d["name"]: d for d in bp.playground(n=50).get_state()["datasets"]}
    assert tuple(sets) == DATASETS
    raw = {
        "circles": circles(50),
        "xor": xor(50),
        "spiral": spiral(50),
        "placed": (bp.X_STUDENTS, bp.Y_PLACED),
        "package": (bp.X_STUDENTS, bp.Y_PACKAGE),
    }
    for name, (X, y) in raw.items():
        d = sets[name]
        assert d["task"] == ("regression" if name == "package" else "classification")
        assert np.array_equal(d["x"], X) and np.array_equal(d["y"], y)
        # The page computes (x − mean) / std: the same bits as bp.standardize.
        assert np.array_equal(standardized(d), bp.standardize(X)[0])
        assert len(d["features"]) == 2 and len(d["classes"]) == (0 if name == "package" else 2)
    assert all(isinstance(v, int) for v in sets["placed"]["y"])  # 0/1 sent as short integers


def test_result_is_bp_mlp_train_for_the_settings():
    w = bp.playground(
        dataset="placed", hidden_layers=1, width=3, activation="relu", eta=0.3, batch_size=None, epochs=20, seed=5
    )
    Xs = bp.standardize(bp.X_STUDENTS)[0]
    expected = mlp.train(
        mlp.init([2, 3, 1], seed=5),
        Xs,
        bp.Y_PLACED,
        task="classification",
        hidden="relu",
        eta=0.3,
        epochs=20,
        batch_size=None,
    )
    assert np.array_equal(w.result.losses, expected.losses)
    w.batch_size, w.hidden_layers, w.dataset = 32, 3, "package"
    r = w.result
    assert w.sizes == [2, 3, 3, 3, 1] and len(r.losses) <= 21
    assert np.array_equal(
        r.losses[:1],
        mlp.train(
            mlp.init([2, 3, 3, 3, 1], seed=5), Xs, bp.Y_PACKAGE, task="regression", hidden="relu", eta=0.3, epochs=0
        ).losses,
    )
    sizes = w.gradient_sizes()
    grads = mlp.gradients(w.initial_layers(), Xs, bp.Y_PACKAGE, task="regression", hidden="relu")
    # the root mean square of each ∂L/∂W: its Frobenius norm over the square root of its size
    np.testing.assert_allclose(sizes, [np.linalg.norm(dW) / np.sqrt(dW.size) for dW, _ in grads], rtol=1e-14)
    assert len(sizes) == 4


def test_settings_are_checked_from_python_and_from_the_page():
    w = bp.playground()
    for name, bad in [
        ("dataset", "moons"),
        ("hidden_layers", 5),
        ("hidden_layers", -1),
        ("width", 0),
        ("width", 9),
        ("activation", "elu"),
        ("eta", 0.0),
        ("eta", float("nan")),
        ("batch_size", 0),
        ("epochs", -1),
        ("seed", -1),
        ("seed", 2**32),
    ]:
        with pytest.raises((ValueError, traitlets.TraitError)):
            setattr(w, name, bad)
    assert w.get_state()["hidden_layers"] == 2
    w.batch_size = None
    assert w.batch_size is None and len(w.result.losses) == 51
    with pytest.raises(ValueError, match="unknown dataset 'moons'"):
        bp.playground(dataset="moons")
    with pytest.raises(ValueError, match="unknown scale"):
        bp.playground(scale="lecun")
    with pytest.raises(ValueError, match="batch_size"):
        bp.playground(batch_size=0)


def test_settings_off_the_sliders_are_added_to_them():
    w = bp.playground(eta=0.05, epochs=30, batch_size=7)
    assert 0.05 in w.etas and 30 in w.epoch_values and 7 in w.batch_sizes
    assert w.etas == sorted(w.etas) and w.batch_sizes[-1] is None


def test_the_module_holds_the_twins_and_starts_its_worker_from_itself():
    state = bp.playground().get_state()
    esm, css = state["_esm"], state["_css"]
    assert state["_module"] == "playground" and esm == (STATIC / "playground.js").read_text(encoding="utf-8")
    sources = json.loads((STATIC / "playground.js.map").read_text(encoding="utf-8"))["sources"]
    for name in ("network.js", "mlp.js", "run.js", "plot.js", "format.js"):
        assert f"../js/{name}" in sources, name
    assert "Math.imul" in esm and "new Worker(" in esm
    # the worker runs this same module: from its URL in the book, from _esm's text in JupyterLab
    assert "import.meta.url" in esm and '.get("_esm")' in esm
    assert css == (STATIC / "playground.css").read_text(encoding="utf-8")
    assert ".bp-playground" in css and "--pst-color-background" in css


def test_notebooks_store_no_playground_front_end():
    """The book serves the package's current front end (bp/sphinxext.py): a notebook stores only
    the stub and the module's name, so a change to bp/js/ needs no notebook re-run."""
    seen = 0
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
        for model in state.get("state", {}).values():
            if model["state"].get("_anywidget_id") == "bp.playground.Playground":
                seen += 1
                assert model["state"]["_esm"] == STUB and model["state"]["_css"] == "", (
                    f"{path.name} stores the playground's module: re-run it with `make notebooks`"
                )
                assert model["state"]["_module"] == "playground"
    assert seen >= 2, "the book should show the playground at least twice"
