"""The slips with the numbers that tell each one apart (the errata page).

`slip_table` evaluates every slip at an example row and returns a `SlipTable`. In a notebook it
displays as MyST Markdown, one entry per slip: its label (R1 … C14), where it stands, links to its
line on the page "The notes" and to the chapter section that discusses it, and the formula as
written and corrected with their values. Each entry carries the MyST label of the slip's
``errata_anchor``, the target of the notes page's links, so the cell that shows it needs the
metadata ``{"mystnb": {"markdown_format": "myst"}}`` (the book then renders the math and resolves
the links both ways) and must be the only place that shows it. Its plain-text form carries the
same numbers, so a strict nbval run compares them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..network import relative_error
from . import catalogue, evaluate

TOLERANCE = 1e-5
"""A formula "matches" the reference when their relative error is below this."""


@dataclass(frozen=True)
class SlipRow:
    """One slip with its label and its three numbers at the example row."""

    slip: object
    as_written: float
    corrected: float
    reference: float
    label: str = ""

    @property
    def corrected_matches(self):
        return relative_error(self.corrected, self.reference) < TOLERANCE

    @property
    def as_written_matches(self):
        return relative_error(self.as_written, self.reference) < TOLERANCE


def _num(v):
    return f"{v:.6g}".replace("-", "−")


@dataclass(frozen=True)
class SlipTable:
    """The evaluated slips; displays as MyST Markdown in a notebook, prints as plain text."""

    rows: tuple
    links: bool = True
    show_part: bool = True

    def _repr_markdown_(self):
        blocks = []
        for r in self.rows:
            s = r.slip
            where = f"{s.part}: {s.where}" if self.show_part else s.where
            head = f"**{r.label}** · {where}"
            lines = ['<div class="bp-erratum">', ""]
            if self.links:
                lines.append(f"({s.errata_anchor})=")
                head += f" — [the line in the notes](#{s.notes_anchor})" + (
                    f" · [discussed in the {s.part} chapter](#{s.anchor})" if s.anchor else ""
                )
            lines += [
                head,
                "",
                f"✗ as written → **{_num(r.as_written)}**",
                "",
                f"$$\n{s.as_written}\n$$",
                "",
                f"✓ corrected → **{_num(r.corrected)}**, independent reference **{_num(r.reference)}**",
                "",
                f"$$\n{s.corrected}\n$$",
                "",
                "</div>",
            ]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) + "\n"

    def __repr__(self):
        lines = [f"{'':>3} {'as written':>12} {'corrected':>12} {'reference':>12}  tells apart  where"]
        for r in self.rows:
            ok = "yes" if r.corrected_matches and not r.as_written_matches else "NO"
            lines.append(
                f"{r.label:>3} {r.as_written:>12.6g} {r.corrected:>12.6g} {r.reference:>12.6g}"
                f"  {ok:^11}  {r.slip.part}: {r.slip.where}"
            )
        return "\n".join(lines)

    __str__ = __repr__

    @property
    def all_told_apart(self):
        """True when every corrected formula matches its reference and no as-written one does."""
        return all(r.corrected_matches and not r.as_written_matches for r in self.rows)


def slip_table(slips, example, *, links=True, show_part=True):
    """Evaluate ``slips`` at ``example`` and return a `SlipTable`.

    ``example`` is one ``(params, x, y)`` for all slips, or a mapping from each slip's ``part``
    (``"regression"``, ``"classification"``) to its part's ``(params, x, y)``. Each row gets the
    slip's label from `bp.slips.catalogue` (a slip not in it is numbered in the list's order).
    With ``links`` each entry carries its MyST label (``erratum-…``) and links to the notes page
    and to the chapter section (``#anchor``); ``show_part`` starts each "where" with the part.
    """
    labels = {id(s): label for label, s in catalogue()}
    rows = []
    for k, s in enumerate(slips, start=1):
        params, x, y = example[s.part] if isinstance(example, Mapping) else example
        rows.append(SlipRow(s, *evaluate(s, params, x, y), label=labels.get(id(s), str(k))))
    return SlipTable(tuple(rows), links, show_part)
