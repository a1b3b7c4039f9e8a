"""Debian's Chromium as every browser test and benchmark starts it (tests/browser, tests/lab, benchmarks/).

Playwright's own browser download cannot work here (no internet): Chromium is $CHROMIUM, headless,
with the network cut off: no host name resolves except the local server's address.
"""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
