"""The slips in the handwritten notes, each with a numerical check that tells it from the fix.

Each chapter's "Slips in the notes" section shows its own list; the "Errata of the notes" page
collects them all. A `Slip` keeps what the notes wrote and the correction side by side, both as
LaTeX (for the reader) and as a function of ``(params, x, y)`` on one row (for the check).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Slip:
    """One mistake in the notes that survives a charitable reading of the OCR."""

    part: str                  # "regression" or "classification"
    where: str                 # where in the notes, e.g. "boxed result (8): ∂L/∂w¹₂₂"
    as_written: str            # LaTeX of what the notes write (OCR artefacts read charitably)
    corrected: str             # LaTeX of the correct formula
    wrong: Callable            # wrong(params, x, y) -> float: the notes' formula, evaluated
    right: Callable            # right(params, x, y) -> float: the corrected formula, evaluated
    reference: Callable        # reference(params, x, y) -> float: an independent value (backprop or
                               # central differences) that `right` matches and `wrong` does not
    anchor: str = ""           # the chapter section that discusses it (for links from the errata)


def evaluate(slip, params, x, y):
    """The three numbers that tell a slip apart: (as written, corrected, independent reference)."""
    return float(slip.wrong(params, x, y)), float(slip.right(params, x, y)), float(slip.reference(params, x, y))
