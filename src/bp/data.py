"""The course's two data tables (introduced on the first page of the book)."""

import numpy as np

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


def standardize(x):
    """Rescale each column to mean 0 and standard deviation 1: ``(x − mean) / std``.

    Returns ``(x_std, mean, std)`` so new rows can be rescaled the same way. Used by the
    regression chapter (a wider stable η) and the classification chapter (faster training).
    """
    x = np.asarray(x, dtype=float)
    mean, std = x.mean(axis=0), x.std(axis=0)
    return (x - mean) / std, mean, std
