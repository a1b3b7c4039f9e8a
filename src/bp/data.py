"""The course's data tables: the notes' table and a small made-up classification table (introduced
on the first page of the book), and a larger made-up table of students ("Backpropagation for any
network")."""

import numpy as np

from .mlp import uniforms

X_REG = np.array([[3.3, 8.0],
                  [2.9, 9.0]])
"""The notes' table, inputs: one row per student, columns CGPA and IQ (as written in the notes)."""

Y_REG = np.array([20.0, 50.0])
"""The notes' table, target: Package."""

# Made up for this course (the notes give no classification data): CGPA and IQ on the notes'
# scales, label 1 = placed. Placement roughly follows CGPA + 0.4·IQ, with two exceptions so that
# the boundary has to compromise.
_CLS = [
    # CGPA, IQ, placed
    (2.1, 6.5, 0), (2.4, 7.0, 0), (2.6, 6.0, 0), (2.8, 7.5, 0), (3.0, 6.5, 0),
    (2.2, 8.5, 0), (3.3, 6.0, 0), (2.7, 8.8, 1), (3.1, 7.2, 0),
    (3.2, 8.6, 1), (3.5, 7.8, 1), (3.6, 9.0, 1), (3.8, 7.0, 1), (3.4, 9.5, 1),
    (2.9, 9.6, 1), (3.9, 8.2, 1), (3.7, 6.4, 0), (3.0, 8.9, 1),
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
