"""Node and the pinned npm tools for the tests that need them (as `make test` gets Chromium): found,
or installed (node and npm with apt when root, `make node`; node_modules with `npm ci`), never skipped."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def node():
    """The path of `node`, after `make node` if it is missing (which installs it when root)."""
    if not (shutil.which("node") and shutil.which("npm")):
        done = subprocess.run(["make", "-s", "node"], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            pytest.fail(f"node and npm are needed: {done.stderr.strip()}")
    return shutil.which("node")


def esbuild_ready():
    """node, with node_modules exactly as package-lock.json pins it (`make npm`: `npm ci` again
    whenever the lock file changed)."""
    path = node()
    done = subprocess.run(["make", "-s", "npm"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"make npm (npm ci) failed:\n{done.stdout}{done.stderr}"
    return path
