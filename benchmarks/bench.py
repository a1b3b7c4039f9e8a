"""Benchmarks of the foundation (prints figures; nothing here is asserted).

(a) One explorer update in the kernel — 100 epochs of training on the notes' table plus the
    redraw — against a naive clear-and-replot of the same figure. Target: at most half.
(b) The cost of `bp.gradients` relative to `bp.loss` on the same input. Target: at most 3×.
Run: `make bench` (or .venv/bin/python benchmarks/bench.py).
"""

import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import bp  # noqa: E402


def median_ms(fn, repeats=30, warmup=3):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def naive_update(eta):
    """What a first explorer would do: train, then build a new figure and render it from scratch."""
    r = bp.train(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression", eta=eta, epochs=100)
    fig, ax = plt.subplots(figsize=(4.6, 3.2), dpi=80)
    bp.plot_losses(r.losses, ax)
    ax.set_title("loss while training")
    fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")  # as the inline backend does
    plt.close(fig)


def main():
    print("(a) explorer update, regression, 100 epochs on the notes' table")
    e = bp.explorer(bp.X_REG, bp.Y_REG, task="regression", eta=1e-3, epochs=100)
    etas = iter([1e-3 * (1 + k / 1000) for k in range(10_000)])
    ours = median_ms(lambda: setattr(e.eta, "value", next(etas)))
    naive = median_ms(lambda: naive_update(1e-3))
    train_only = median_ms(lambda: bp.train(bp.INITIAL_PARAMS, bp.X_REG, bp.Y_REG, task="regression",
                                            eta=1e-3, epochs=100))
    print(f"    bp.explorer update     {ours:7.1f} ms (of which training {train_only:.1f} ms)")
    print(f"    naive clear + replot   {naive:7.1f} ms")
    print(f"    ratio                  {ours / naive:7.2f}  (target <= 0.50)")

    Xs, _, _ = bp.standardize(bp.X_CLS)
    c = bp.explorer(Xs, bp.Y_CLS, task="classification", eta=0.3, epochs=100)
    etas_c = iter([0.3 * (1 + k / 1000) for k in range(10_000)])
    ours_c = median_ms(lambda: setattr(c.eta, "value", next(etas_c)), repeats=15)
    print(f"    (classification explorer update, 18 rows + boundary: {ours_c:.1f} ms)")

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
