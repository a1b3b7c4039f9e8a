"""Binder, simulated: the repository as Binder gets it, set up the way Binder sets it up, and
every notebook checked there by strict nbval (this is `make test`'s nbval run: the notebooks run
once, in the environment a learner gets, not once more in .venv).

Binder (repo2docker) takes the Python version from runtime.txt, runs `pip install -r
requirements.txt` from the repository root and opens the notebooks from chapters/. This test does
the same with nothing else: a copy of the repository's files (tracked and new, not ignored ones:
no .venv, no _build), a fresh virtual environment made by that Python version, exactly
requirements.txt installed into it, and a fresh HOME. There, strict nbval (every stored output
compared, tests/sanitize.cfg the one sanitizer) runs each notebook top to bottom with that
environment's kernel, started in the notebook's own folder (nbval starts it there): an error, a
line on stderr, or any output that differs from the committed one fails.

Slow (a full install, from pip's cache when warm): run it with `make test-binder` (part of
`make test`). BINDER_PYTHON names the interpreter when `pythonX.Y` is not on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.binder

ROOT = Path(__file__).resolve().parents[2]


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

    # A learner's fresh session: new HOME (no caches, no user kernels). matplotlib's first import
    # there prints a one-time notice to stderr ("building the font cache"), no error of the book,
    # which nbval would count as an output: build the cache first, as `make install` does.
    home = tmp_path / "home"
    home.mkdir()
    session = _clean_env(PATH=env["PATH"], HOME=str(home))
    subprocess.run([str(bin_ / "python"), "-c", "import matplotlib.pyplot"], env=session, check=True)
    nbval = [
        str(bin_ / "python"),
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        "tests/sanitize.cfg",
        *(n.relative_to(repo).as_posix() for n in notebooks),
    ]
    run = subprocess.run(nbval, cwd=repo, env=session, capture_output=True, text=True, timeout=1800)
    print(run.stdout[-1500:])  # nbval's summary: one line per notebook (shown with -s or on failure)
    failed = f"strict nbval in the Binder environment failed:\n{run.stdout[-6000:]}{run.stderr[-2000:]}"
    assert run.returncode == 0, failed
