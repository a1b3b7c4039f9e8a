"""The course's data tables: the notes' table and a small made-up classification table (introduced
on the first page of the book), and a larger made-up table of students ("Backpropagation for any
network")."""

import numpy as np

from .mlp import uniforms

X_REG = np.array([[3.3, 8.0],
                  [2.9, 9.0]])  # the notes' table, a line per student  # fmt: skip
"""The notes' table, inputs: one row per student, columns CGPA and IQ (as written in the notes)."""

Y_REG = np.array([20.0, 50.0])
"""The notes' table, target: Package."""

# Made up for this course (the notes give no classification data): CGPA and IQ on the notes'
# scales, label 1 = placed. Placement roughly follows CGPA + 0.4·IQ, with two exceptions so that
# the boundary has to compromise.
_CLS = [
    # CGPA, IQ, placed
    (2.1, 6.5, 0),
    (2.4, 7.0, 0),
    (2.6, 6.0, 0),
    (2.8, 7.5, 0),
    (3.0, 6.5, 0),
    (2.2, 8.5, 0),
    (3.3, 6.0, 0),
    (2.7, 8.8, 1),
    (3.1, 7.2, 0),
    (3.2, 8.6, 1),
    (3.5, 7.8, 1),
    (3.6, 9.0, 1),
    (3.8, 7.0, 1),
    (3.4, 9.5, 1),
    (2.9, 9.6, 1),
    (3.9, 8.2, 1),
    (3.7, 6.4, 0),
    (3.0, 8.9, 1),
]
X_CLS = np.array([(c, q) for c, q, _ in _CLS])
"""A made-up classification table (not from the notes): columns CGPA and IQ."""

Y_CLS = np.array([float(t) for _, _, t in _CLS])
"""Its labels: 1 = placed, 0 = not placed."""

FEATURES = ("CGPA", "IQ")
"""The names of the two input columns of every table, in order: ``x[:, 0]`` is CGPA, ``x[:, 1]`` IQ."""


def _made_up_students(n=300, seed=14):
    """A made-up table on the notes' scales, from `bp.mlp.uniforms` (so it never depends on NumPy's
    generators): CGPA uniform on [2, 4], IQ bell-shaped around 8 (a sum of four uniforms), a
    Package that grows with both plus noise, and placed = 1 when CGPA + 0.4·IQ plus noise passes 6.3
    (the rule behind `X_CLS`). Rounded to the decimals of the notes' table."""
    u = uniforms(seed, 10 * n).reshape(n, 10)
    CGPA = np.round(2.0 + 2.0 * u[:, 0], 2)
    IQ = np.round(8.0 + 2.0 * (u[:, 1:5].sum(axis=1) - 2.0), 1)
    noise = 8.0 * (u[:, 5:8].sum(axis=1) - 1.5)
    package = np.round(np.maximum(15.0 * (CGPA - 2.0) + 6.0 * (IQ - 6.0) + 5.0 + noise, 1.0), 1)
    placed = (CGPA + 0.4 * IQ + 0.6 * (u[:, 8:10].sum(axis=1) - 1.0) > 6.3).astype(float)
    return np.column_stack([CGPA, IQ]), package, placed


_STUDENTS = _made_up_students()
X_STUDENTS = _STUDENTS[0]
"""A larger made-up table (not from the notes), 300 students: columns CGPA and IQ."""

Y_PACKAGE = _STUDENTS[1]
"""Its regression target, a made-up Package on the notes' scale."""

Y_PLACED = _STUDENTS[2]
"""Its classification target: 1 = placed, 0 = not placed (made up)."""


def standardize(x):
    """Rescale each column to mean 0 and standard deviation 1: ``(x − mean) / std``.

    Returns ``(x_std, mean, std)`` so new rows can be rescaled the same way. Used by the
    regression chapter (a wider stable η) and the classification chapter (faster training).
    """
    x = np.asarray(x, dtype=float)
    mean, std = x.mean(axis=0), x.std(axis=0)
    return (x - mean) / std, mean, std


# --------------------------------------------------------------------------- classic 2-D sets
# For the playground of "Backpropagation for any network": sets a network with no hidden layer
# cannot separate, and one with hidden units can. Each is drawn from `bp.mlp.uniforms` (the same on
# every machine), rounded to three decimals, with the two classes in alternate rows so that every
# consecutive slice (a mini-batch) holds both.


def xor(n=200, seed=0):
    """``(X, y)``: ``n`` points uniform in the square [−1, 1]², kept 0.1 away from the axes; label 1
    where both coordinates have the same sign (quadrants I and III), 0 elsewhere: XOR of the signs.
    Used by the playground of "Backpropagation for any network"."""
    n = _check_n(n)
    u = uniforms(seed, 2 * n).reshape(n, 2)
    size = 0.1 + 1.8 * np.abs(u - 0.5)  # |coordinate|, in [0.1, 1]
    sign = np.where(u[:, 0] >= 0.5, 1.0, -1.0)  # x₁'s sign
    same = np.arange(n) % 2 == 0  # even rows: x₂ has x₁'s sign
    X = np.round(np.column_stack([sign * size[:, 0], np.where(same, sign, -sign) * size[:, 1]]), 3)
    return X, same.astype(float)


def circles(n=200, seed=0):
    """``(X, y)``: a disc of radius 0.5 (label 1, even rows) inside a ring from radius 0.7 to 1
    (label 0, odd rows), at uniform angles. Used by the playground of "Backpropagation for any network"."""
    n = _check_n(n)
    u = uniforms(seed, 2 * n).reshape(n, 2)
    inner = np.arange(n) % 2 == 0
    r = np.where(inner, 0.5 * u[:, 0], 0.7 + 0.3 * u[:, 0])
    angle = 2.0 * np.pi * u[:, 1]
    X = np.round(np.column_stack([r * np.cos(angle), r * np.sin(angle)]), 3)
    return X, inner.astype(float)


def spiral(n=200, seed=0, classes=2):
    """``(X, y)``: two interleaved spiral arms, 1.25 turns each, radius growing from 0 to 1, with a
    little noise (up to ±0.04 per coordinate); label 0 on one arm (even rows), 1 on the other (odd
    rows). The hardest of the three: a 2-8-8-1 network needs about a thousand epochs. Used by the
    playground of "Backpropagation for any network".

    ``classes=K`` draws K arms, each turned 1/K of a turn from the one before, with labels 0, 1, …,
    K − 1 in turn (row r on arm r mod K): the three-class set of "Softmax: more than two classes"."""
    n = _check_n(n)
    if not isinstance(classes, (int, np.integer)) or isinstance(classes, bool) or not 2 <= classes <= n:
        raise ValueError(f"classes must be an integer from 2 to n = {n} (each arm needs a point), got {classes!r}")
    u = uniforms(seed, 2 * n).reshape(n, 2)
    arm = np.arange(n) % classes
    t = (np.arange(n) // classes) / ((n + classes - 1) // classes)  # 0 … 1 along each arm
    angle = 1.25 * 2.0 * np.pi * t + 2.0 * np.pi * arm / classes  # for two arms: + π on the second
    X = np.column_stack([t * np.sin(angle), t * np.cos(angle)]) + 0.08 * (u - 0.5)
    return np.round(X, 3), arm.astype(float)


BLOB_CENTRES = ((0.0, 0.8), (-0.7, -0.4), (0.7, -0.4))
"""The centres of `blobs`' three classes, a triangle around the origin."""


def blobs(n=200, seed=0):
    """``(X, y)``: three blobs of points, one per class 0, 1, 2 (row r in class r mod 3), around
    `BLOB_CENTRES`: each coordinate is its centre + 0.5 · (u₁ + u₂ + u₃ − 1.5), three numbers of
    `bp.mlp.uniforms` (a bell-shaped spread of ±0.75, so that neighbouring blobs touch), rounded to
    three decimals. Only +, − and · (in that order) and NumPy's rounding, so a JavaScript twin
    (``js/data.js``) gets the same bits. The playground's three-class set (task ``"multiclass"``)."""
    n = _check_n(n)
    u = uniforms(seed, 6 * n).reshape(n, 6)
    centres = np.array(BLOB_CENTRES)[np.arange(n) % 3]
    X = centres + 0.5 * (np.column_stack([u[:, 0] + u[:, 1] + u[:, 2], u[:, 3] + u[:, 4] + u[:, 5]]) - 1.5)
    return np.round(X, 3), (np.arange(n) % 3).astype(float)


def _check_n(n):
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 2:
        raise ValueError(f"n must be an integer >= 2 (both classes need a point), got {n!r}")
    return int(n)
