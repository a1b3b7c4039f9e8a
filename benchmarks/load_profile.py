"""Where one page's long tasks go as it opens (Chromium's trace; prints figures, asserts nothing).

Opens the page cold as benchmarks/load.py does (same server, sizes and probe; phone by default:
390 × 844, CPU slowed 4×), records Chromium's timeline trace until the page is quiet, and prints
each main-thread task over 50 ms broken down into what ran in it, at the top level: a script's
evaluation or a call into it (by file), style, layout, paint, HTML and CSS parsing; then the
totals over all long tasks.

Run: .venv/bin/python benchmarks/load_profile.py chapters/chain_rule.html [--size desktop] [--trace FILE]
"""

from __future__ import annotations

import argparse
import collections
import json
import tempfile
from pathlib import Path

import load
from book_browser import ARGS, CHROMIUM, HTML

LONG_US = 50_000
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute"]
# Trace events → what they are (the others are nested in these or are bookkeeping).
KINDS = {
    "EvaluateScript": "evaluate",
    "FunctionCall": "call",
    "TimerFire": "call",
    "FireAnimationFrame": "call",
    "EventDispatch": "call",
    "RunMicrotasks": "call",
    "UpdateLayoutTree": "style",
    "Layout": "layout",
    "ParseHTML": "parse HTML",
    "ParseAuthorStyleSheet": "parse CSS",
    "PrePaint": "paint",
    "Paint": "paint",
    "Layerize": "paint",
    "Commit": "paint",
}


def record(path, size, trace):
    """Open `path` cold at `size` while tracing; return the long tasks the page itself saw (ms)."""
    from playwright.sync_api import sync_playwright

    httpd, server = load.serve(HTML)
    spec = load.SIZES[size]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(service_workers="block", **spec["context"])
        context.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith(server + "/") else r.abort("blockedbyclient")
        )
        context.add_init_script(load.PROBE_JS)
        page = context.new_page()
        if spec["cpu"] > 1:
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": spec["cpu"]})
        browser.start_tracing(page=page, path=str(trace), categories=CATEGORIES)
        page.goto(f"{server}/{path}", wait_until="load", timeout=120_000)
        load.wait_quiet(page, load.GzipHandler.sent)
        seen = [d for _, d in page.evaluate("window.__bench.lt")]
        browser.stop_tracing()
        browser.close()
    httpd.shutdown()
    return seen


def _label(event):
    kind = KINDS[event["name"]]
    if kind not in ("evaluate", "call"):
        return kind
    data = (event.get("args") or {}).get("data") or {}
    where = (data.get("url") or "").split("/")[-1].split("?")[0]
    what = data.get("type") or data.get("functionName") or ""
    return f"{kind} {where or what or '(page)'}".strip()


def breakdown(trace):
    """[(start ms, duration ms, Counter label → ms)] of the main thread's tasks over 50 ms."""
    events = json.loads(Path(trace).read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    threads = collections.Counter(
        (e["pid"], e["tid"]) for e in events if e.get("name") == "RunTask" and e.get("dur", 0) > LONG_US
    )
    main = threads.most_common(1)[0][0]
    mine = sorted(
        (e for e in events if (e.get("pid"), e.get("tid")) == main and e.get("ph") == "X"), key=lambda e: e["ts"]
    )
    tasks = [e for e in mine if e["name"] == "RunTask" and e["dur"] > LONG_US]
    out = []
    for task in tasks:
        parts, covered = collections.Counter(), 0
        for e in mine:
            inside = task["ts"] <= e["ts"] < task["ts"] + task["dur"] and e is not task
            if inside and e["ts"] >= covered and e["name"] in KINDS:
                parts[_label(e)] += e.get("dur", 0) / 1000
                covered = e["ts"] + e.get("dur", 0)
        out.append(((task["ts"] - tasks[0]["ts"]) / 1000, task["dur"] / 1000, parts))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="a page of the built book, e.g. chapters/chain_rule.html")
    parser.add_argument("--size", choices=sorted(load.SIZES), default="phone")
    parser.add_argument("--trace", type=Path, help="keep the trace here (open it in Chrome's Performance panel)")
    args = parser.parse_args()
    trace = args.trace or Path(tempfile.mkdtemp()) / "trace.json"
    seen = record(args.page, args.size, trace)
    print(f"{args.page}, {args.size}: the page saw {len(seen)} long tasks, {sum(seen):.0f} ms in all")
    total = collections.Counter()
    for start, duration, parts in breakdown(trace):
        total.update(parts)
        print(f"  at {start:6.0f} ms {duration:5.0f} ms: " + ", ".join(f"{k} {v:.0f}" for k, v in parts.most_common(5)))
    print("over all long tasks (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in total.most_common(16)))


if __name__ == "__main__":
    main()
