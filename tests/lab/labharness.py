"""A real JupyterLab for the browser test and the latency benchmark.

`LabServer` starts a Jupyter server on 127.0.0.1 (a free port, a random token) over a temporary
copy of the chapters, so autosave never touches the committed notebooks, and stops it through its
REST API, reporting any process it left behind. `launch_chromium` starts Debian's Chromium under
Playwright; `open_and_run` opens a notebook and runs all its cells through the menus, as a learner
would; `Explorer` and `Tangent` find a `bp.explorer` or `bp.tangent` panel on the page and move
its controls with the keyboard; `Panel` finds any bp widget (the stepper's test uses it).

Used by tests/lab/test_lab_*.py and benchmarks/lab_latency.py.
"""

from __future__ import annotations

import ast
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import psutil

import bp
from chromium import CHROMIUM, CHROMIUM_ARGS  # Debian's Chromium, offline (tests/chromium.py)

REPO = Path(__file__).resolve().parents[2]
CHAPTERS = Path(os.environ.get("LAB_CHAPTERS", REPO / "chapters"))  # another folder only to develop the test
INSTALL_HINT = "sudo apt-get install -y chromium"

# JupyterLab settings for the test user: no news or update toasts over the notebook.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


def chapters_calling(pattern, folder=CHAPTERS):
    """The chapter notebooks (sorted) whose code matches the regular expression `pattern`."""
    found = []
    for path in sorted(Path(folder).glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        if any(c["cell_type"] == "code" and re.search(pattern, "".join(c["source"])) for c in cells):
            found.append(path)
    return found


def chapters_with_explorer(folder=CHAPTERS):
    """The chapter notebooks (sorted) whose code displays `bp.explorer(...)`."""
    return chapters_calling(r"bp\.explorer\(", folder)


def chapters_with_tangent(folder=CHAPTERS):
    """The chapter notebooks (sorted) whose code displays the tangent (`tangent(...)` of bp.tangent)."""
    return chapters_calling(r"(?s)bp\.tangent\b.*\btangent\(", folder)


def explorer_calls(path):
    """Every `bp.explorer(...)` call in the notebook's code, in order, with its arguments evaluated
    here: the notebook's plain assignments (``TASK = "regression"``, ``Xs, mean, std =
    bp.standardize(bp.X_CLS)``) are replayed in a namespace holding only `bp` and `np`, skipping
    any that needs more. Each call is a dict: task, loss, and candidates, the (x, y) it may train on."""
    namespace = {"bp": bp, "np": np}
    calls = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "\n".join(
            line for line in "".join(cell["source"]).splitlines() if not line.lstrip().startswith(("%", "!"))
        )  # IPython magics
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for statement in tree.body:
            for node in ast.walk(statement):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "explorer"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "bp"
                ):
                    calls.append(_evaluate_call(node, namespace, path))
            if isinstance(statement, (ast.Assign, ast.AnnAssign)) and "explorer(" not in ast.unparse(statement):
                try:
                    exec(compile(ast.Module([statement], []), str(path), "exec"), namespace)
                except Exception:  # needs something the replay does not have (plt, a loop variable...)
                    pass
    return calls


def _evaluate_call(node, namespace, path):
    # x and y may come by position, by keyword, or not at all (a fixed dataset): pair what is there
    args = dict(zip(("x", "y"), node.args, strict=False)) | {k.arg: k.value for k in node.keywords}

    def value(name, default=None):
        if name not in args:
            return default
        try:
            return eval(compile(ast.Expression(args[name]), str(path), "eval"), dict(namespace))
        except Exception:
            return None

    chapter = path.stem.split("_")[0]  # regression_training.ipynb is a page of the regression chapter
    task = value("task") or (chapter if chapter in ("regression", "classification") else None)
    assert task, f"{path.name}: cannot tell the task of {ast.unparse(node)}"
    x, y = value("x"), value("y")
    if x is not None and y is not None:
        candidates = [(np.asarray(x, dtype=float), np.asarray(y, dtype=float))]
    else:  # the rows of the task, raw and standardised: the one that explains the first readout is taken
        x, y = (bp.X_REG, bp.Y_REG) if task == "regression" else (bp.X_CLS, bp.Y_CLS)
        candidates = [(x, y), (bp.standardize(x)[0], y)]
    keywords = {k.arg: value(k.arg) for k in node.keywords if k.arg not in ("task", "loss")}
    return {
        "source": ast.unparse(node),
        "task": task,
        "loss": value("loss"),
        "candidates": candidates,
        "keywords": {k: v for k, v in keywords.items() if v is not None},
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """`jupyter lab` on 127.0.0.1 over a temporary copy of `source` (default: chapters/).

    The copy lives at ``<tmp>/chapters``; notebooks open as ``chapters/NAME.ipynb``. Use as a
    context manager, or call `start` and `stop` (which returns the processes left behind).
    """

    def __init__(self, source=CHAPTERS, *, startup_timeout=90):
        self.source = Path(source)
        self.startup_timeout = startup_timeout
        self.proc = None
        self.tmp = None
        self.token = secrets.token_hex(24)
        self.port = None
        self._tree = []  # the server and every process it started (kernels), seen while running

    # -- life cycle ------------------------------------------------------------------------
    def start(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="bp-lab-"))
        shutil.copytree(
            self.source,
            self.tmp / "chapters",
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "_build", "__pycache__"),
        )
        settings = self.tmp / "settings"
        for rel, value in LAB_SETTINGS.items():
            (settings / rel).parent.mkdir(parents=True, exist_ok=True)
            (settings / rel).write_text(json.dumps(value))
        env = dict(os.environ)
        env.update(
            {
                # Nothing from the user's own Jupyter/IPython configuration leaks in.
                "JUPYTER_CONFIG_DIR": str(self.tmp / "config"),
                "JUPYTER_RUNTIME_DIR": str(self.tmp / "runtime"),
                "IPYTHONDIR": str(self.tmp / "ipython"),
                "OMP_NUM_THREADS": "1",
                "OPENBLAS_NUM_THREADS": "1",
                "PYTHONHASHSEED": "0",
                "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            }
        )
        for attempt in range(3):
            self.port = free_port()
            self.log = open(self.tmp / f"server-{attempt}.log", "w+")
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "jupyterlab",
                    "--no-browser",
                    "--ServerApp.ip=127.0.0.1",
                    f"--ServerApp.port={self.port}",
                    "--ServerApp.port_retries=0",
                    f"--ServerApp.root_dir={self.tmp}",
                    f"--IdentityProvider.token={self.token}",
                    "--ServerApp.terminals_enabled=False",
                    "--LabApp.extension_manager=readonly",
                    *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),  # CI runs as root
                    f"--LabApp.user_settings_dir={settings}",
                    f"--LabApp.workspaces_dir={self.tmp / 'workspaces'}",
                    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                    "--LabApp.news_url=",
                    # A safety net if this process dies without stopping the server: idle kernels are
                    # culled after 10 minutes, and a server with no kernel then exits by itself.
                    "--MappingKernelManager.cull_idle_timeout=600",
                    "--MappingKernelManager.cull_interval=60",
                    "--ServerApp.shutdown_no_activity_timeout=600",
                ],
                cwd=self.tmp,
                env=env,
                stdout=self.log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
            if self._wait_ready():
                return self
            log = self.log_text()
            self._kill()
            if "already in use" not in log:
                break
        self._cleanup()
        raise RuntimeError(f"the Jupyter server did not start; its log:\n{log[-3000:]}")

    def _wait_ready(self):
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                self.api("GET", "/api/status")
                return True
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        return False

    def stop(self, timeout=30):
        """Shut the server down through its REST API (kernels included) and wait for it to exit.

        Returns the processes left behind (each killed afterwards) — an empty list when clean.
        """
        if self.proc is None:
            return []
        self._remember_tree()
        try:
            self.api("POST", "/api/shutdown")
        except (urllib.error.URLError, ConnectionError):
            pass  # the server answered by closing the connection as it went down
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
        _, alive = psutil.wait_procs(self._alive(), timeout=5)
        left = [f"pid {p.pid}: {' '.join(_cmdline(p))}" for p in alive]
        self._kill()
        self._cleanup()
        return left

    def _alive(self):
        return [p for p in self._tree if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]

    def _remember_tree(self):
        try:
            root = psutil.Process(self.proc.pid)
            known = {p.pid for p in self._tree}
            self._tree += [p for p in [root, *root.children(recursive=True)] if p.pid not in known]
        except psutil.NoSuchProcess:
            pass

    def _kill(self):
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(10)
        for p in self._alive():
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        self.proc = None
        self.log.close()

    def _cleanup(self):
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- talking to it ---------------------------------------------------------------------
    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def api(self, method, path, timeout=10):
        req = urllib.request.Request(
            self.base + path,
            method=method,
            data=b"" if method == "POST" else None,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
        self._remember_tree()
        return json.loads(body) if body else None

    def lab_url(self, notebook):
        """The page that opens `notebook` (e.g. "chapters/regression.ipynb") in JupyterLab."""
        # One workspace per notebook, so a page never reopens what another page left open.
        workspace = re.sub(r"[^A-Za-z0-9]+", "-", notebook)
        return f"{self.base}/lab/workspaces/{workspace}/tree/{notebook}?token={self.token}"

    def kernel_value(self, notebook, expression, timeout=30):
        """Evaluate `expression` in the kernel of `notebook` (e.g. "chapters/regression.ipynb"), as
        another client of that kernel, and return its value (the expression must give JSON text)."""
        from jupyter_client import BlockingKernelClient

        kernels = [s["kernel"]["id"] for s in self.api("GET", "/api/sessions") if s["path"] == notebook]
        assert len(kernels) == 1, f"expected one kernel for {notebook}, found {kernels}"
        client = BlockingKernelClient(connection_file=str(self.tmp / "runtime" / f"kernel-{kernels[0]}.json"))
        client.load_connection_file()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=timeout)
            reply = client.execute_interactive(
                "", user_expressions={"v": expression}, timeout=timeout, output_hook=lambda msg: None
            )
            value = reply["content"]["user_expressions"]["v"]
            assert value["status"] == "ok", value
            return json.loads(ast.literal_eval(value["data"]["text/plain"]))
        finally:
            client.stop_channels()

    def log_text(self):
        if not self.log.closed:
            self.log.flush()
        return Path(self.log.name).read_text(errors="replace")


def _cmdline(p):
    try:
        return p.cmdline()
    except psutil.Error:
        return ["?"]


# -- the browser ----------------------------------------------------------------------------
def launch_chromium(playwright):
    """Debian's Chromium, headless, under Playwright. Fails with the install command if missing."""
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(
            f"no Chromium at {CHROMIUM}: install it with `{INSTALL_HINT}` "
            "(or set CHROMIUM to a Chromium/Chrome executable)"
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def click_menu(page, *path):
    """Click through JupyterLab's menu bar, e.g. ``click_menu(page, "Run", "Run All Cells")``."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(path[0])}$")).click()
    for label in path[1:]:
        page.locator(".lm-Menu:visible .lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(label)}$")).click()


def wait_kernel_idle(page, timeout=60):
    """Wait until the status bar says the notebook's kernel is connected and idle."""
    page.locator("#jp-main-statusbar .jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle$")).wait_for(
        timeout=timeout * 1000
    )


def open_and_run(page, server, notebook, timeout=180):
    """Open `notebook` in JupyterLab, clear its stored outputs, run all cells (through the menus)
    and wait until every non-empty code cell has run, or one failed. Returns the seconds it took."""
    cells = json.loads((server.tmp / notebook).read_text(encoding="utf-8"))["cells"]
    expected = sum(1 for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip())
    page.goto(server.lab_url(notebook))
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=60_000)
    wait_kernel_idle(page)
    click_menu(page, "Edit", "Clear Outputs of All Cells")
    prompts = (
        "[...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')]"
        ".map(p => p.textContent.trim())"
    )
    page.wait_for_function(f"() => !{prompts}.some(p => /\\d/.test(p))", timeout=30_000)
    t0 = time.monotonic()
    click_menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        f"""() => {{
        const prompts = {prompts};
        const failed = document.querySelector('.jp-Notebook [data-mime-type="application/vnd.jupyter.stderr"]');
        return prompts.filter(p => /^\\[\\d+\\]:$/.test(p)).length >= {expected}
               || (failed !== null && !prompts.some(p => p.includes('*')));
    }}""",
        timeout=timeout * 1000,
    )
    return time.monotonic() - t0


def output_problems(page):
    """Tracebacks, errors and stderr in any output area of the page (a list of texts)."""
    return page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output')]
        .filter(o => o.dataset.mimeType === 'application/vnd.jupyter.stderr'
                     || /Traceback|Error displaying widget|Exception/.test(o.textContent))
        .map(o => o.textContent.slice(0, 2000))""")


class Panel:
    """One bp widget on the page (its root element matches `selector`): scrolled to, redrawn,
    read. Each bp widget counts its redraws in data-updates."""

    def __init__(self, page, selector, index=0):
        self.page = page
        self.root = page.locator(f".jp-OutputArea-output {selector}").nth(index)

    def scroll_into_view(self, tries=20):
        """Scroll the panel fully into view, as a learner would before using it. (JupyterLab
        renders cells out of view lazily, so their heights, and the scroll target, settle late:
        scroll again until, a frame after scrolling, the panel is still in view.)"""
        for _ in range(tries):
            if self.root.evaluate("""n => new Promise(done => {
                    n.scrollIntoView({block: 'center'});
                    requestAnimationFrame(() => requestAnimationFrame(() => {
                        const r = n.getBoundingClientRect();
                        done(r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight); }));
                })"""):
                return
        raise AssertionError("could not scroll the widget into view")

    def updates(self):
        return int(self.root.get_attribute("data-updates") or 0)

    def wait_redrawn(self, before, timeout=30):
        """Wait until the widget has redrawn since it counted `before` redraws."""
        self.page.wait_for_function(
            "([el, n]) => Number(el.dataset.updates) > n",
            arg=[self.root.element_handle(), before],
            timeout=timeout * 1000,
        )


class Explorer(Panel):
    """One `bp.explorer` panel on the page: its sliders, loss curve and readout, read and moved as a
    learner (or a screen reader) would.

    The explorer computes and draws in the browser (src/bp/explorer.js); the settings it trained
    with are on its root element at full precision (data-eta, data-epochs, data-params), and the
    curve it drew in data-losses.
    """

    NAMES = {"η": "eta"}  # a slider's label → its name

    def __init__(self, page, index=0):
        super().__init__(page, ".bp-explorer", index)
        self.image = self.root.locator("canvas.bp-loss").first  # the loss curve
        self.readout_box = self.root.locator(".bp-readout").first

    def handle(self, description):
        """The slider (a native range input) labelled `description` (η, epochs, w1_11, ...)."""
        return self.root.locator(f'input[type=range][data-name="{self.NAMES.get(description, description)}"]')

    def value(self, description):
        """A setting as the explorer used it, every digit (η, epochs or a parameter's name)."""
        name = self.NAMES.get(description, description)
        data = self.root.evaluate("el => ({eta: el.dataset.eta, epochs: el.dataset.epochs, params: el.dataset.params})")
        if name in ("eta", "epochs"):
            return json.loads(data[name])
        return json.loads(data["params"])[name]

    def readout(self):
        return self.readout_box.inner_text().strip()

    def image_src(self):
        """The loss curve's pixels, as a data URL: it changes exactly when the drawing does."""
        return self.image.evaluate("c => c.toDataURL()")

    def screenshot(self):
        return self.image.screenshot()

    def press(self, description, key, timeout=30):
        """Focus a slider (as Tab would), press `key`, wait for the explorer to redraw."""
        before = self.updates()
        handle = self.handle(description)
        handle.focus()
        handle.press(key)
        self.wait_redrawn(before, timeout)


class Tangent(Panel):
    """One `bp.tangent` panel on the page: its menu (which parameter), its slider (the value), the
    figure and the readout. It computes in the browser (src/bp/js/tangent.js) and puts what it
    shows on its root element at full precision (data-name, data-value, data-params, data-loss,
    data-slope, data-numeric)."""

    def __init__(self, page, index=0):
        super().__init__(page, ".bp-tangent", index)
        self.menu = self.root.locator("select")
        self.slider = self.root.locator("input[type=range]")
        self.canvas = self.root.locator("canvas")

    def shown(self):
        """The setting and the numbers the page shows, every digit, and its readout text."""
        return self.root.evaluate("""el => ({name: el.dataset.name, value: JSON.parse(el.dataset.value),
            params: JSON.parse(el.dataset.params), loss: JSON.parse(el.dataset.loss),
            slope: JSON.parse(el.dataset.slope), numeric: JSON.parse(el.dataset.numeric),
            slider: Number(el.querySelector('input[type=range]').value), menu: el.querySelector('select').value,
            readout: el.querySelector('[role=status]').innerText})""")

    def press(self, control, key, timeout=30):
        """Focus the slider or the menu (`control`: "slider" or "menu"), press `key`, wait for a redraw."""
        before = self.updates()
        target = self.slider if control == "slider" else self.menu
        target.focus()
        target.press(key)
        self.wait_redrawn(before, timeout)

    def screenshot(self):
        return self.canvas.screenshot()
