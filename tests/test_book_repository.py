"""The launch and repository buttons of a built book point at the repository the publish workflow
gives (BOOK_REPOSITORY, BOOK_BRANCH), and are absent without one — never a link to the placeholder.

Builds a one-page book with the real _config.yml, _templates/ and _static/ (as `make book` does,
strict), once without and once with a repository, and reads the links of its page."""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
REPOSITORY, BRANCH = "someone/backprop-book", "trunk"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if href:
            self.hrefs.append(href)


def _book(folder):
    for name in ("_config.yml", "_templates", "_static"):
        src = ROOT / name
        (folder / name).symlink_to(src, target_is_directory=src.is_dir())
    (folder / "_toc.yml").write_text("format: jb-book\nroot: page\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A page\n\nWith $x^2$ and a code cell."),
            nbformat.v4.new_code_cell(
                "1 + 1",
                execution_count=1,
                outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)],
            ),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "page.ipynb")


def _build(folder, repository=None):
    """The links of the built page (the book is built strictly, as `make book` does)."""
    env = {k: v for k, v in os.environ.items() if k not in ("BOOK_REPOSITORY", "BOOK_BRANCH")}
    if repository:
        env.update(BOOK_REPOSITORY=repository, BOOK_BRANCH=BRANCH)
    run = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(folder), "-W", "-n", "--keep-going"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    links = _Links()
    html = (folder / "_build" / "html" / "page.html").read_text(encoding="utf-8")
    links.feed(html)
    return links.hrefs, html


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Both builds at once (two cores: about half the time)."""
    folders = {name: tmp_path_factory.mktemp(name) for name in ("none", "given")}
    for folder in folders.values():
        _book(folder)
    with ThreadPoolExecutor(2) as pool:
        runs = {
            name: pool.submit(_build, folder, REPOSITORY if name == "given" else None)
            for name, folder in folders.items()
        }
        return {name: run.result() for name, run in runs.items()}


def test_without_a_repository_there_is_no_launch_and_no_repository_button(built):
    hrefs, html = built["none"]
    assert "OWNER" not in html and "REPO" not in html
    assert not [h for h in hrefs if "mybinder" in h or "github.com" in h], hrefs
    assert "launch-buttons" not in html and "source-repository-button" not in html
    assert any(h.endswith("_sources/page.ipynb") for h in hrefs), "the download button stays"


def test_with_a_repository_binder_and_the_repository_button_point_to_exactly_it(built):
    hrefs, html = built["given"]
    assert "OWNER" not in html
    binder = [h for h in hrefs if "mybinder" in h]
    assert binder == [f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?urlpath=lab/tree/page.ipynb"]
    github = [h for h in hrefs if "github.com" in h]
    assert github == [f"https://github.com/{REPOSITORY}"]


def test_the_publish_workflow_gives_the_build_its_repository_and_default_branch():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    book = [s for s in steps if s.get("run") == "make book"]
    assert len(book) == 1, json.dumps(steps)
    assert book[0].get("env") == {
        "BOOK_REPOSITORY": "${{ github.repository }}",
        "BOOK_BRANCH": "${{ github.event.repository.default_branch }}",
    }
