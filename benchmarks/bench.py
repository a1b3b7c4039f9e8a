"""Benchmarks of the foundation (prints figures; nothing here is asserted).

(a) Retired: it timed one explorer update in the kernel (training plus the PNG redraw) against a
    naive clear-and-replot. The explorer now trains and draws in the browser (src/bp/explorer.js),
    so the kernel draws nothing; its slider-to-curve time is measured where it happens:
    benchmarks/page_latency.py (the static book) and benchmarks/lab_latency.py (JupyterLab).
(b) The cost of `bp.gradients` relative to `bp.loss` on the same input. Target: at most 3×.
Run: `make bench` (or .venv/bin/python benchmarks/bench.py).
"""

import statistics
import time

import bp


def median_ms(fn, repeats=30, warmup=3):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def main():
    print("(b) gradients vs loss (medians of 300 calls, input checks included)")
    for label, x, y, task in [("notes' table, 2 rows", bp.X_REG, bp.Y_REG, "regression"),
                              ("one row", bp.X_REG[0], bp.Y_REG[0], "regression"),
                              ("classification, 18 rows", bp.X_CLS, bp.Y_CLS, "classification")]:
        t_loss = median_ms(lambda: bp.loss(bp.INITIAL_PARAMS, x, y, task=task), repeats=300)
        t_grad = median_ms(lambda: bp.gradients(bp.INITIAL_PARAMS, x, y, task=task), repeats=300)
        print(f"    {label:26s} loss {1000 * t_loss:6.1f} µs  gradients {1000 * t_grad:6.1f} µs"
              f"  ratio {t_grad / t_loss:4.2f}  (target <= 3)")


if __name__ == "__main__":
    main()
