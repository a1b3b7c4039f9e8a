"""Binder, simulated: the repository as Binder gets it, set up the way Binder sets it up.

Binder (repo2docker) takes the Python version from runtime.txt, runs `pip install -r
requirements.txt` from the repository root and opens the notebooks from chapters/. This test does
the same with nothing else: a copy of the repository's files (tracked and new, not ignored ones:
no .venv, no _build), a fresh virtual environment made by that Python version, exactly
requirements.txt installed into it, and every notebook executed top to bottom by that
environment's kernel, with the notebook's own folder as the working directory and a fresh HOME.

Slow (a full install, from pip's cache when warm): run it with `make test-binder` (part of
`make test`). BINDER_PYTHON names the interpreter when `pythonX.Y` is not on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.binder

ROOT = Path(__file__).resolve().parents[2]
# First-use notices that real Binder shows too and that are no error of the book.
HARMLESS_STDERR = re.compile(r"^Matplotlib is building the font cache; this may take a moment\.\s*$")

RUN_NOTEBOOKS = r"""
import json, os, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

report = {}
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell("import os; print('BINDER-CWD', os.getcwd())"))
    client = NotebookClient(nb, kernel_name="python3", timeout=600,
                            resources={"metadata": {"path": os.path.dirname(path)}})
    try:
        client.execute()
        error = None
    except CellExecutionError as exc:
        error = str(exc)[-3000:]
    stderr = [o.get("text", "") for c in nb.cells if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    cwd = "".join(o.get("text", "") for o in nb.cells[0].get("outputs", [])).replace("BINDER-CWD", "").strip()
    report[path] = {"error": error, "stderr": stderr, "cwd": cwd}
print("BINDER-REPORT " + json.dumps(report))
"""


def _runtime_python():
    text = (ROOT / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(\d+)\.(\d+)", text)
    assert m, f"runtime.txt must read python-X.Y (as Binder expects), not {text!r}"
    want = f"{m[1]}.{m[2]}"
    exe = os.environ.get("BINDER_PYTHON") or shutil.which(f"python{want}")
    if not exe:
        pytest.fail(
            f"runtime.txt asks for Python {want}, and python{want} is not on PATH: install it "
            f"(e.g. `apt-get install python{want}-venv`, or pyenv) or set BINDER_PYTHON"
        )
    got = subprocess.run(
        [exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert got == want, f"{exe} is Python {got}, runtime.txt asks for {want}"
    return exe


def _copy_repository(dest):
    """The files Binder would see: tracked and untracked-but-not-ignored (so no .venv, no _build)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.split(b"\0")
        files = [f.decode() for f in listed if f]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: everything but the builds
        skip = {".venv", "_build", ".git", "node_modules"}
        files = [
            p.relative_to(ROOT).as_posix()
            for p in ROOT.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(ROOT).parts)
        ]
    for f in files:
        src = ROOT / f
        if src.is_file():
            (dest / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / f)


def _clean_env(**extra):
    """No variable of this shell's environment leaks in (PYTHONPATH, VIRTUAL_ENV, ...)."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")
    env = {k: v for k, v in os.environ.items() if k in keep or k.startswith("PIP_")}
    env.update(extra)
    return env


def test_notebooks_run_on_binder(tmp_path):
    python = _runtime_python()
    repo = tmp_path / "repo"
    _copy_repository(repo)
    notebooks = sorted((repo / "chapters").glob("*.ipynb"))
    assert notebooks, "no notebook in chapters/"

    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    bin_ = venv / "bin"
    env = _clean_env(PATH=f"{bin_}{os.pathsep}{os.environ.get('PATH', '')}")
    install = subprocess.run(
        [
            str(bin_ / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            "requirements.txt",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, f"pip install -r requirements.txt failed:\n{install.stderr[-3000:]}"

    # A learner's fresh session: new HOME (no caches, no user kernels), cwd = the notebook's folder.
    home = tmp_path / "home"
    home.mkdir()
    run = subprocess.run(
        [str(bin_ / "python"), "-c", RUN_NOTEBOOKS, *map(str, notebooks)],
        cwd=repo / "chapters",
        env=_clean_env(PATH=env["PATH"], HOME=str(home)),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    line = next((x for x in run.stdout.splitlines() if x.startswith("BINDER-REPORT ")), None)
    assert line, f"the notebook runner failed:\n{run.stderr[-3000:]}"
    problems = []
    for path, r in json.loads(line.removeprefix("BINDER-REPORT ")).items():
        name = Path(path).name
        if r["error"]:
            problems.append(f"{name}: {r['error']}")
        if Path(r["cwd"]).resolve() != Path(path).parent.resolve():
            problems.append(f"{name}: ran in {r['cwd']!r}, not in its own folder")
        problems += [f"{name}: stderr: {t.strip()[:300]}" for t in r["stderr"] if not HARMLESS_STDERR.match(t)]
    assert not problems, "\n".join(problems)
