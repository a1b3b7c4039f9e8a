"""The hidden solutions of the chain-rule chapter run and say what their text claims."""

import contextlib
import io
import re
from pathlib import Path

import nbformat
import pytest

# The chapter's pages: chain_rule.ipynb and chain_rule_*.ipynb, in the book's order (_toc.yml).
CHAPTERS = Path(__file__).resolve().parents[1] / "chapters"
NOTEBOOKS = [CHAPTERS / "chain_rule.ipynb"] + sorted(
    CHAPTERS.glob("chain_rule_*.ipynb"), key=lambda p: ("graph" not in p.stem, p.stem)
)


def solution_blocks():
    blocks = []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown" and "<details" in cell.source:
                blocks += re.findall(r"```python\n(.*?)```", cell.source, flags=re.S)
    return blocks


def run(source):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "<solution>", "exec"), {"bp": __import__("bp")})
    return out.getvalue()


def test_there_are_code_solutions():
    assert len(solution_blocks()) == 3


@pytest.mark.parametrize("index, expected", [(0, "Right:"), (1, "12.0"), (2, "'path_by_path': 218, 'reuse': 44")])
def test_solution_prints_what_the_text_says(index, expected):
    printed = run(solution_blocks()[index])
    assert expected in printed


def test_no_output_stream_is_stderr():
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                assert output.get("name") != "stderr", (path.name, cell.source[:80])
