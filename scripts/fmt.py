"""`make fmt`: ruff's safe fixes, then ruff's formatting, with every notebook's JSON kept as it was.

Usage: python scripts/fmt.py RUFF PATH...

ruff rewrites a notebook it changes with a JSON writer of its own, and that writer (ruff 0.17.6)
changes numbers of the saved widget state: 0.44812907976513605 becomes 0.4481290797651361, a
neighbouring double, so the data a page's widget computes on is no longer bp's; it also writes
1e-06 as 1e-6. ruff has no option to leave the rest of the file alone and nbformat formats no code,
so this runs ruff, then writes each notebook ruff changed back from its original JSON with only the
code cells' new sources (strings, which ruff keeps exactly), by nbformat like every other notebook.
"""

import json
import subprocess
import sys
from pathlib import Path

import nbformat


def notebooks(paths):
    """Every .ipynb ruff would read under ``paths`` (it skips .ipynb_checkpoints)."""
    found = [p for a in map(Path, paths) for p in (sorted(a.rglob("*.ipynb")) if a.is_dir() else [a])]
    return [p for p in found if p.suffix == ".ipynb" and ".ipynb_checkpoints" not in p.parts]


def keep_json(path, before):
    """The notebook as it was (``before``, its text) with the code cells' sources ruff wrote to ``path``."""
    formatted = json.loads(path.read_text(encoding="utf-8"))["cells"]
    nb = nbformat.reads(before, as_version=nbformat.NO_CONVERT)
    for cell, new in zip(nb.cells, formatted, strict=True):  # ruff adds and removes no cell
        cell.source = "".join(new["source"])
    nbformat.write(nb, path)


def main(ruff, paths):
    before = {p: p.read_text(encoding="utf-8") for p in notebooks(paths)}
    subprocess.run([ruff, "check", "--fix-only", *paths], check=True)
    subprocess.run([ruff, "format", *paths], check=True)
    for path, text in before.items():
        if path.read_text(encoding="utf-8") != text:
            keep_json(path, text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
