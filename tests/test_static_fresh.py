"""The committed front ends (src/bp/static/) are what the sources build to (src/bp/js/, esbuild).

The book, Binder and `pip install` use the committed files and need no node; this test builds the
modules again with the pinned esbuild into a temporary folder and compares every byte. A difference
means the sources changed without `make widgets`.
"""

import subprocess

from bp.widget import STATIC
from node_tools import ROOT, esbuild_ready


def test_the_committed_modules_are_the_built_ones(tmp_path):
    node = esbuild_ready()
    done = subprocess.run([node, "scripts/build-widgets.mjs", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"the build failed:\n{done.stderr}"
    built = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in STATIC.iterdir()}
    assert {
        f"{w}.{ext}"
        for w in ("explorer", "tangent", "stepper", "playground", "digits")
        for ext in ("js", "js.map", "css")
    } <= set(built)
    stale = sorted(name for name in built.keys() | committed.keys() if built.get(name) != committed.get(name))
    assert not stale, f"src/bp/static/ is not what src/bp/js/ builds to ({', '.join(stale)}): run `make widgets`"
