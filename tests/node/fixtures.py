"""Write what the node tests (tests/node/*.test.mjs) compare the JavaScript twins with.

    python tests/node/fixtures.py OUTDIR

imports every ``tests/node/fixtures_*.py``, calls each function of its ``FIXTURES`` dict
(name -> function returning a JSON-serialisable dict) and writes ``OUTDIR/<name>.json``. Floats are
written by the json module, i.e. as Python's repr, the shortest text that reads back to the same
double, so every bit survives. JSON has no NaN nor ±inf: they are written as the strings "NaN",
"Infinity" and "-Infinity", which `readFixture` (tests/node/twins.mjs) turns back into numbers.
NumPy arrays and scalars are written as lists and numbers. `make test-node` runs it.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def modules():
    """Every fixtures_*.py beside this file, imported, in name order."""
    for path in sorted(HERE.glob("fixtures_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def plain(value):
    """`value` with NumPy's arrays and scalars as lists and numbers, and NaN and ±inf as strings."""
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else {math.inf: "Infinity", -math.inf: "-Infinity"}.get(value, "NaN")
    return value


def main(outdir):
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    names = set()
    for module in modules():
        for name, make in module.FIXTURES.items():
            if name in names:
                raise SystemExit(f"two fixtures are named {name!r} ({module.__file__})")
            names.add(name)
            t0, c0 = time.perf_counter(), time.process_time()
            text = json.dumps(plain(make()), allow_nan=False, separators=(",", ":"))
            (outdir / f"{name}.json").write_text(text, encoding="utf-8")
            print(
                f"fixture {name}: {len(text) / 1e6:.2f} MB in {time.perf_counter() - t0:.2f} s"
                f" ({time.process_time() - c0:.2f} s of CPU)",
                file=sys.stderr,
            )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python tests/node/fixtures.py OUTDIR")
    main(sys.argv[1])
