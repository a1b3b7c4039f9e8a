"""Benchmarks of the foundation (prints figures; nothing here is asserted).

(a) Retired: it timed one explorer update in the kernel (training plus the PNG redraw) against a
    naive clear-and-replot. The explorer now trains and draws in the browser (src/bp/explorer.js),
    so the kernel draws nothing; its slider-to-curve time is measured where it happens:
    benchmarks/page_latency.py (the static book) and benchmarks/lab_latency.py (JupyterLab).
(b) The cost of `bp.gradients` relative to `bp.loss` on the same input. Target: at most 3×.
(c) The same for `bp.mlp` on a 2-64-64-1 network with a batch of 1000 rows (the cheap-gradient
    bound: target at most 3×), and one gradient by backpropagation against central differences at
    the largest network of the chapter "Backpropagation for any network" (2-312-312-1, P = 98,905),
    on one row; central differences are timed on 200 evenly spread parameters and scaled to all P.
    (c) reports CPU time (the fastest of several rounds), which other processes on a busy machine
    disturb far less than wall-clock time.
Run: `make bench` (or .venv/bin/python benchmarks/bench.py).
"""

import statistics
import time
from functools import partial

import bp
import bp.mlp as mlp


def median_ms(fn, repeats=30, warmup=3):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def cpu_ms(fn, number=20, rounds=15):
    """The CPU time of one call in ms: the fastest of ``rounds`` rounds of ``number`` calls."""
    fn()
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for _ in range(number):
            fn()
        best = min(best, (time.process_time() - t0) / number)
    return 1000 * best


def main():
    print("(b) gradients vs loss (medians of 300 calls, input checks included)")
    for label, x, y, task in [
        ("notes' table, 2 rows", bp.X_REG, bp.Y_REG, "regression"),
        ("one row", bp.X_REG[0], bp.Y_REG[0], "regression"),
        ("classification, 18 rows", bp.X_CLS, bp.Y_CLS, "classification"),
    ]:
        t_loss = median_ms(partial(bp.loss, bp.INITIAL_PARAMS, x, y, task=task), repeats=300)
        t_grad = median_ms(partial(bp.gradients, bp.INITIAL_PARAMS, x, y, task=task), repeats=300)
        print(
            f"    {label:26s} loss {1000 * t_loss:6.1f} µs  gradients {1000 * t_grad:6.1f} µs"
            f"  ratio {t_grad / t_loss:4.2f}  (target <= 3)"
        )

    print("(c) bp.mlp: gradients vs loss on 2-64-64-1, 1000 rows (CPU time, input checks included)")
    X = bp.standardize(bp.X_STUDENTS)[0]
    X1000 = X[[k % len(X) for k in range(1000)]]
    for task, y, hidden in [
        ("regression", bp.Y_PACKAGE, None),
        ("classification", bp.Y_PLACED, None),
        ("classification", bp.Y_PLACED, "tanh"),
    ]:
        y1000 = y[[k % len(X) for k in range(1000)]]
        net = mlp.init([2, 64, 64, 1], seed=0)
        t_loss = cpu_ms(partial(mlp.loss, net, X1000, y1000, task=task, hidden=hidden))
        t_grad = cpu_ms(partial(mlp.gradients, net, X1000, y1000, task=task, hidden=hidden))
        label = f"{task}, hidden {hidden or 'default'}"
        print(
            f"    {label:34s} loss {t_loss:6.3f} ms  gradients {t_grad:6.3f} ms"
            f"  ratio {t_grad / t_loss:4.2f}  (target <= 3)"
        )

    print("(c) bp.mlp: backpropagation vs central differences, 2-312-312-1 on one row (CPU time)")
    sizes = [2, 312, 312, 1]
    net, counts = mlp.init(sizes, seed=0), mlp.multiplications(sizes)
    P, sample = counts["parameters"], 200
    x1, y1 = X[:1], bp.Y_PLACED[:1]
    t_grad = cpu_ms(lambda: mlp.gradients(net, x1, y1, task="classification"))
    t_central = (
        cpu_ms(lambda: mlp.numerical_gradients(net, x1, y1, task="classification", sample=sample), number=1, rounds=5)
        * P
        / sample
    )
    print(
        f"    P = {P}: backpropagation {t_grad:.3f} ms, central differences {t_central / 1000:.2f} s"
        f" (scaled from {sample} parameters): ratio {t_central / t_grad:,.0f}"
        f" (counted: {counts['central'] / counts['backprop']:,.0f})"
    )


if __name__ == "__main__":
    main()
