"""Tables in the chapters: the rows of a check or a run, shown as a real table.

`table(rows, header, formats)` returns a `Table`. A notebook displays it as an HTML table, in the
book and in JupyterLab alike: it reflows with the page, and on a phone a wide one scrolls inside
its own box. Its plain-text form is the same table as aligned columns. Both forms hold only
numbers rounded by their column's format, so they are the same on every machine and strict nbval
compares every number. Used by every chapter for its tabular results.
"""

from __future__ import annotations

import html
import numbers
from dataclasses import dataclass

import numpy as np


def _is_number(v):
    return isinstance(v, (numbers.Number, np.number)) and not isinstance(v, (bool, np.bool_))


def _cell(v, fmt):
    """One value as the text the table shows: numbers by the column's format, the rest as str."""
    if v is None:
        return "—"
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if _is_number(v):
        if fmt:
            return format(float(v) if "d" not in fmt else int(v), fmt)
        return str(int(v)) if isinstance(v, (numbers.Integral, np.integer)) else f"{float(v):.6f}"
    return str(v)


@dataclass(frozen=True)
class Table:
    """Rows of text under a header; displays as an HTML table, prints as aligned columns."""

    header: tuple
    rows: tuple  # one tuple of texts per row, already formatted
    right: tuple  # per column: align right (a column of numbers)
    caption: str = ""

    def _repr_html_(self):
        def cells(tag, texts):
            return "".join(
                f'<{tag} style="text-align: {"right" if r else "left"}">{html.escape(t)}</{tag}>'
                for t, r in zip(texts, self.right, strict=True)
            )

        lines = [
            '<div class="pst-scrollable-table-container bp-table">',
            '<table class="table" style="font-variant-numeric: tabular-nums">',
        ]
        if self.caption:
            lines.append(f"<caption>{html.escape(self.caption)}</caption>")
        lines.append(f"<thead><tr>{cells('th', self.header)}</tr></thead>")
        lines.append("<tbody>")
        lines += [f"<tr>{cells('td', row)}</tr>" for row in self.rows]
        lines += ["</tbody>", "</table>", "</div>"]
        return "\n".join(lines)

    def __repr__(self):
        widths = [max(len(t) for t in column) for column in zip(self.header, *self.rows, strict=True)]

        def line(texts):
            return "  ".join(
                t.rjust(w) if r else t.ljust(w) for t, w, r in zip(texts, widths, self.right, strict=True)
            ).rstrip()

        lines = [self.caption] if self.caption else []
        return "\n".join(lines + [line(self.header)] + [line(row) for row in self.rows])

    __str__ = __repr__


def table(rows, header, formats=None, *, align=None, caption=""):
    """A `Table` of ``rows`` (sequences, one value per column) under the column names ``header``.

    ``formats`` gives each column's format spec (``".6f"``, ``".2e"``, ``"d"``, or None for the
    default), or one spec for every column of numbers. Numbers are shown by their column's format
    (by default an integer as it is, any other number with six decimals); text as it is; None as a
    dash. A column of numbers is aligned right, any other left, unless ``align`` says otherwise:
    one letter per column, ``l`` or ``r``. ``caption`` is shown above the table.
    """
    header = tuple(str(h) for h in header)
    rows = [tuple(r) for r in rows]
    n = len(header)
    for k, r in enumerate(rows):
        if len(r) != n:
            raise ValueError(f"row {k} has {len(r)} values for {n} columns: {r!r}")
    if formats is None or isinstance(formats, str):
        formats = [formats] * n
    formats = list(formats)
    if len(formats) != n:
        raise ValueError(f"{len(formats)} formats for {n} columns")
    if align is None:
        right = tuple(bool(rows) and all(_is_number(r[j]) or r[j] is None for r in rows) for j in range(n))
    elif len(align) != n or set(align) - set("lr"):
        raise ValueError(f"align must be one letter l or r per column ({n}), got {align!r}")
    else:
        right = tuple(a == "r" for a in align)
    texts = tuple(tuple(_cell(v, f) for v, f in zip(r, formats, strict=True)) for r in rows)
    return Table(header, texts, right, str(caption))


__all__ = ["Table", "table"]
