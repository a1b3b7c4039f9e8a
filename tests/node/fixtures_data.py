"""What tests/node/data.test.mjs checks src/bp/js/data.js against: bp.data.blobs and bp.standardize,
and the playground's "blobs" entry of bp.playground.datasets."""

from bp.data import blobs, standardize
from bp.playground import datasets


def data():
    cases = []
    for n, seed in ((200, 0), (7, 3), (301, 4294967295), (2, 1)):
        X, y = blobs(n, seed)
        _, mean, std = standardize(X)
        cases.append({"n": n, "seed": seed, "x": X, "y": y, "mean": mean, "std": std})
    return {"cases": cases, "playground": [d for d in datasets(150) if d["name"] == "blobs"][0]}


FIXTURES = {"data": data}
