"""Each committed notebook is the output of one clean top-to-bottom run (`make notebooks`).

A cell run again by hand, or out of order, breaks the count 1, 2, 3 …; nbconvert without
``record_timing=False`` leaves each cell the time it ran, which changes at every run (a diff with no
change in it).
"""

import nbformat
import pytest

from node_tools import ROOT

NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_notebook_was_run_once_top_to_bottom(path):
    nb = nbformat.read(path, as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: re-run it with make notebooks ({counts})"
    timed = [i for i, c in enumerate(nb.cells) if "execution" in c.metadata]
    assert not timed, f"{path.name}: cells {timed} keep the time they ran: re-run it with make notebooks"
