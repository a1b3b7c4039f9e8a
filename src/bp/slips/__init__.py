"""The slips in the handwritten notes, each with a numerical check that tells it from the fix.

The page "The notes" shows the notes themselves with every slip marked in place; the "Errata of
the notes" page lists them all with their numbers (`bp.slips.table`); each chapter's "Slips in
the notes" section refutes, with numbers, the ones a learner is likely to make. A `Slip` keeps
what the notes wrote and the correction side by side, both as LaTeX (for the reader) and as a
function of ``(params, x, y)`` on one row (for the check), and names the three places that show
it: the line on the notes page, the row of the errata page and the chapter's section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Slip:
    """One mistake in the notes that survives a charitable reading of the OCR."""

    part: str  # "regression" or "classification"
    where: str  # where in the notes, e.g. "boxed result (8): ∂L/∂w¹₂₂"
    as_written: str  # LaTeX of what the notes write (OCR artefacts read charitably)
    corrected: str  # LaTeX of the correct formula
    wrong: Callable  # wrong(params, x, y) -> float: the notes' formula, evaluated
    right: Callable  # right(params, x, y) -> float: the corrected formula, evaluated
    reference: Callable  # reference(params, x, y) -> float: an independent value (backprop or
    # central differences) that `right` matches and `wrong` does not
    anchor: str = ""  # the chapter section that discusses it (for links from the errata)
    key: str = ""  # stable name of the slip: its anchors on the notes and errata pages

    @property
    def notes_anchor(self):
        """The label of the slip's line on the page "The notes" (chapters/notes.md)."""
        return f"notes-{self.key}"

    @property
    def errata_anchor(self):
        """The label of the slip's entry on the errata page."""
        return f"erratum-{self.key}"


def evaluate(slip, params, x, y):
    """The three numbers that tell a slip apart: (as written, corrected, independent reference)."""
    return float(slip.wrong(params, x, y)), float(slip.right(params, x, y)), float(slip.reference(params, x, y))


def catalogue():
    """Every slip of the notes with its short label, in the notes' order: ``[(label, Slip), …]``.

    The labels are R1 … R6 for the regression part and C1 … C14 for the classification part; the
    notes page and the errata page show the same label next to the same slip.
    """
    from . import classification, regression  # they import Slip from here

    return [(f"R{k}", s) for k, s in enumerate(regression.SLIPS, 1)] + [
        (f"C{k}", s) for k, s in enumerate(classification.SLIPS, 1)
    ]
