"""Fixtures of the JupyterLab test: one real Jupyter server and one Chromium for the module.

Both are stopped by the test module's last test, which asserts that nothing is left running; the
finalizers below only clean up after a run that failed before it (or ran a subset of the tests).
"""

from __future__ import annotations

import time

import psutil
import pytest

from labharness import LabServer, launch_chromium

STARTED = {}  # when the Jupyter server started, for the summary line


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "lab: drives the chapters' widgets (explorers, tangent, steppers) in JupyterLab in Chromium"
    )


class Browser:
    """Playwright and its Chromium, with the processes they started (to check they end)."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        before = {p.pid for p in psutil.Process().children(recursive=True)}
        self.playwright = sync_playwright().start()
        self.browser = launch_chromium(self.playwright)
        self.processes = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]

    def new_page(self):
        page = self.browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        return page

    def stop(self):
        """Close Chromium and Playwright's driver; return the processes left behind (then killed)."""
        if self.playwright is None:
            return []
        try:
            self.browser.close()
        finally:
            self.playwright.stop()
            self.playwright = None
        _, alive = psutil.wait_procs(self.processes, timeout=10)
        left = []
        for p in alive:
            try:
                left.append(f"pid {p.pid}: {p.name()}")
                p.kill()
            except psutil.NoSuchProcess:  # ended in between
                pass
        return left


@pytest.fixture(scope="module")
def lab():
    STARTED.setdefault("t", time.monotonic())
    server = LabServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def chromium():
    b = Browser()
    yield b
    b.stop()


def pytest_terminal_summary(terminalreporter):
    stats = terminalreporter.stats
    ran = [r for key in ("passed", "failed") for r in stats.get(key, []) if "tests/lab/" in r.nodeid]
    if ran and STARTED:
        terminalreporter.write_line(
            f"JupyterLab test: {len(ran)} tests in {time.monotonic() - STARTED['t']:.1f} s "
            "(server, browser, run all cells, slider moves, steps, clean stop)"
        )
