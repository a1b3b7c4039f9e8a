"""A table of slips with the numbers that tell each one apart (classification chapter, errata page).

`slip_table` evaluates every slip at an example row and returns a `SlipTable`. In a notebook it
displays as a Markdown table (math rendered, the "where" column linked to the chapter section
that discusses the slip; give the cell the metadata ``{"mystnb": {"markdown_format": "myst"}}``
so that the book renders the math and resolves the links); its plain-text form carries the same
numbers, so a strict nbval run compares them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import evaluate
from ..network import relative_error

TOLERANCE = 1e-5
"""A formula "matches" the reference when their relative error is below this."""


@dataclass(frozen=True)
class SlipRow:
    """One slip with its three numbers at the example row."""

    slip: object
    as_written: float
    corrected: float
    reference: float

    @property
    def corrected_matches(self):
        return relative_error(self.corrected, self.reference) < TOLERANCE

    @property
    def as_written_matches(self):
        return relative_error(self.as_written, self.reference) < TOLERANCE


def _num(v):
    return f"{v:.6g}"


def _cell(text):
    """Markdown table cells cannot hold a bare '|'."""
    return text.replace("|", r"\|")


@dataclass(frozen=True)
class SlipTable:
    """The evaluated slips; displays as Markdown in a notebook, prints as plain text."""

    rows: tuple
    links: bool = True
    show_part: bool = True

    def _repr_markdown_(self):
        head = ("| | where in the notes | as written (✗) and corrected (✓), each → its value |\n"
                "|---|---|---|\n")
        lines = []
        for k, r in enumerate(self.rows, start=1):
            s = r.slip
            where = _cell(f"{s.part}: {s.where}" if self.show_part else s.where)
            if self.links and s.anchor:
                where = f"[{where}](#{s.anchor})"
            cell = (rf"✗ $\displaystyle {_cell(s.as_written)}$ → **{_num(r.as_written)}**<br>"
                    rf"✓ $\displaystyle {_cell(s.corrected)}$ → **{_num(r.corrected)}**<br>"
                    f"independent reference: **{_num(r.reference)}**")
            lines.append(f"| {k} | {where} | {cell} |")
        return head + "\n".join(lines) + "\n"

    def __repr__(self):
        lines = [f"{'':>3} {'as written':>12} {'corrected':>12} {'reference':>12}  tells apart  where"]
        for k, r in enumerate(self.rows, start=1):
            ok = "yes" if r.corrected_matches and not r.as_written_matches else "NO"
            lines.append(f"{k:>3} {_num(r.as_written):>12} {_num(r.corrected):>12} {_num(r.reference):>12}"
                         f"  {ok:^11}  {r.slip.part}: {r.slip.where}")
        return "\n".join(lines)

    __str__ = __repr__

    @property
    def all_told_apart(self):
        """True when every corrected formula matches its reference and no as-written one does."""
        return all(r.corrected_matches and not r.as_written_matches for r in self.rows)


def slip_table(slips, example, *, links=True, show_part=True):
    """Evaluate ``slips`` at ``example`` and return a `SlipTable`.

    ``example`` is one ``(params, x, y)`` for all slips, or a mapping from each slip's ``part``
    (``"regression"``, ``"classification"``) to its part's ``(params, x, y)``. With ``links`` the
    "where" cells link to ``#anchor`` (a MyST label in the chapter that discusses the slip);
    ``show_part`` starts each "where" with the slip's part (for a table of both parts).
    """
    rows = []
    for s in slips:
        params, x, y = example[s.part] if isinstance(example, Mapping) else example
        rows.append(SlipRow(s, *evaluate(s, params, x, y)))
    return SlipTable(tuple(rows), links, show_part)
