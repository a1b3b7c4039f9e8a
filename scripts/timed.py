"""`make test`'s parts, run and timed: at the end, where the time went, part by part, and the slowest tests.

Usage (the Makefile's `test` target, from its TEST_PARTS):

    timed.py STAGE [STAGE ...]

Each STAGE runs after the one before it; a stage is lanes side by side, joined by `+`; a lane is make
targets run one after the other, joined by `,`. `test-unit,test-book+test-binder` runs test-unit
then test-book while test-binder runs beside them. A part already done is not made again as
another's prerequisite, in a later stage or later in its lane (`make -o PART`: test-browser
needs test-book's build, made once). Each pytest
run writes its tests' times to _build/timings/PART.xml (PYTEST_ADDOPTS=--junitxml), read at the end.
The first failing stage stops the run (as make does); the table is printed all the same.

Why a script: make prints no times, and `make -j` would interleave the side-by-side parts' output
with nothing to tell whose a line is; here each such line starts with its part's name.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMINGS = ROOT / "_build" / "timings"
SLOWEST = 15


def run_part(part, done, prefix):
    """`make PART`, its pytest times into TIMINGS; (seconds, exit code). Output prefixed if `prefix`."""
    env = dict(os.environ)
    env["PYTEST_ADDOPTS"] = f"{env.get('PYTEST_ADDOPTS', '')} --junitxml={TIMINGS / part}.xml".strip()
    command = [os.environ.get("MAKE", "make"), "--no-print-directory", part] + [f"-o{d}" for d in done]
    start = time.monotonic()
    if not prefix:
        code = subprocess.call(command, cwd=ROOT, env=env)
        return time.monotonic() - start, code
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        bufsize=1,
    )
    for line in proc.stdout:
        sys.stdout.write(f"[{part}] {line}")
        sys.stdout.flush()
    code = proc.wait()
    return time.monotonic() - start, code


def run_stage(stage, done, results):
    """The stage's lanes side by side (threads), each lane's parts in turn; False if a part failed."""
    lanes = [lane.split(",") for lane in stage.split("+")]
    side_by_side = len(lanes) > 1
    failed = []

    def lane_run(parts):
        for k, part in enumerate(parts):  # a part made earlier in this lane is done too
            seconds, code = run_part(part, list(done) + parts[:k], side_by_side)
            results.append((part, seconds, code, stage if side_by_side else None))
            if code:
                failed.append(part)
                return

    threads = [threading.Thread(target=lane_run, args=(lane,)) for lane in lanes]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.extend(p for lane in lanes for p in lane)
    return not failed, time.monotonic() - start


def slowest_tests():
    """The slowest tests of every part's pytest run (setup, call and teardown), slowest first."""
    cases = []
    for xml in sorted(TIMINGS.glob("*.xml")):
        for case in ET.parse(xml).getroot().iter("testcase"):
            name = f"{case.get('classname', '')}::{case.get('name', '')}"
            cases.append((float(case.get("time") or 0), xml.stem, name))
    return sorted(cases, reverse=True)[:SLOWEST]


def table(results, stages, total):
    lines = ["", "=" * 30 + " where make test's time went " + "=" * 30, f"{'part':28s} {'seconds':>8s}  result"]
    for part, seconds, code, stage in results:
        others = [lane for lane in (stage.split("+") if stage else []) if part not in lane.split(",")]
        beside = f"  (beside {' | '.join(others).replace(',', ', ')})" if others else ""
        lines.append(f"{part:28s} {seconds:8.1f}  {'ok' if code == 0 else f'FAILED ({code})'}{beside}")
    for stage, seconds in stages:
        lines.append(f"{'side by side, wall time:':28s} {seconds:8.1f}  {stage.replace('+', ' | ').replace(',', ', ')}")
    lines.append(f"{'total':28s} {total:8.1f}")
    try:
        load = os.getloadavg()
        lines.append(
            f"load average at the end (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
            f"on {os.cpu_count()} cores"
        )
    except OSError:
        pass
    slow = slowest_tests()
    if slow:
        lines += ["", f"the {len(slow)} slowest tests (setup + call + teardown):"]
        lines += [f"{seconds:8.1f} s  {part:16s} {name}" for seconds, part, name in slow]
    return "\n".join(lines)


def main(stages):
    TIMINGS.mkdir(parents=True, exist_ok=True)
    for old in TIMINGS.glob("*.xml"):
        old.unlink()
    done, results, parallel = [], [], []
    start = time.monotonic()
    ok = True
    for stage in stages:
        ok, seconds = run_stage(stage, done, results)
        if "+" in stage:
            parallel.append((stage, seconds))
        if not ok:
            break
    print(table(results, parallel, time.monotonic() - start))
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
