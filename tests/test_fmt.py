"""`make fmt` (scripts/fmt.py) formats a notebook's code and leaves the rest of its JSON as it was."""

import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).parent / "ruff"  # pinned in requirements.txt, beside this Python
# Numbers ruff 0.17.6's own JSON writer turns into a neighbouring double (0.4481290797651361, ...).
STATE = [0.44812907976513605, -0.013054999999999997, 1.5234641062546361, 1e-06]


def test_fmt_formats_the_code_and_keeps_the_widget_state(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A page"), nbformat.v4.new_code_cell("x=[1,2]\nprint( x )")]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="[1, 2]\n")]
    nb.cells[1].execution_count = 1
    nb.metadata["widgets"] = {"state": {"x": STATE}}
    path = tmp_path / "page.ipynb"
    nbformat.write(nb, path)
    untouched = tmp_path / "clean.ipynb"
    nb.cells[1].source = "x = [1, 2]\nprint(x)"
    nbformat.write(nb, untouched)
    clean = untouched.read_text(encoding="utf-8")

    run = subprocess.run([sys.executable, ROOT / "scripts" / "fmt.py", RUFF, tmp_path], capture_output=True, text=True)

    assert run.returncode == 0, run.stderr
    # Byte for byte what nbformat writes for the formatted code: the same numbers, the same layout.
    assert path.read_text(encoding="utf-8") == clean
    assert nbformat.read(path, as_version=4).metadata["widgets"]["state"]["x"] == STATE
    assert untouched.read_text(encoding="utf-8") == clean  # nothing to format: not rewritten
