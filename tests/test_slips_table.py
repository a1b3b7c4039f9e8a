"""bp.slips.table: the slip table shown by the classification chapter and the errata page."""

import bp
from bp.slips import Slip
from bp.slips.classification import EXAMPLE, SLIPS
from bp.slips.table import slip_table


def _toy(anchor="toy-anchor"):
    return Slip(part="classification", where="a | toy", as_written="a|b", corrected="c",
                wrong=lambda p, x, y: 2.0, right=lambda p, x, y: 1.0, reference=lambda p, x, y: 1.0,
                anchor=anchor)


def test_numbers_and_plain_text():
    t = slip_table([_toy()], EXAMPLE)
    (row,) = t.rows
    assert (row.as_written, row.corrected, row.reference) == (2.0, 1.0, 1.0)
    assert row.corrected_matches and not row.as_written_matches and t.all_told_apart
    text = repr(t)
    assert "2" in text and "yes" in text and "classification: a | toy" in text


def test_markdown_links_and_escapes_pipes():
    md = slip_table([_toy()], EXAMPLE)._repr_markdown_()
    assert "[classification: a \\| toy](#toy-anchor)" in md
    assert "$\\displaystyle a\\|b$" in md
    assert "$ → **2**<br>✓ $\\displaystyle c$ → **1**<br>independent reference: **1**" in md
    assert md.count("\n") == 3  # header, rule, one row
    assert "[a \\| toy](#toy-anchor)" in slip_table([_toy()], EXAMPLE, show_part=False)._repr_markdown_()
    assert "](#" not in slip_table([_toy()], EXAMPLE, links=False)._repr_markdown_()


def test_a_slip_that_is_not_told_apart_is_flagged():
    same = Slip(part="classification", where="w", as_written="a", corrected="c",
                wrong=lambda p, x, y: 1.0, right=lambda p, x, y: 1.0, reference=lambda p, x, y: 1.0)
    t = slip_table([same], EXAMPLE)
    assert not t.all_told_apart and "NO" in repr(t)


def test_example_per_part():
    other = (dict(bp.INITIAL_PARAMS, b21=-8.0), bp.X_CLS[1], 1.0)
    seen = []
    s = Slip(part="regression", where="w", as_written="a", corrected="c",
             wrong=lambda p, x, y: seen.append((p["b21"], y)) or 0.0,
             right=lambda p, x, y: 1.0, reference=lambda p, x, y: 1.0)
    slip_table([s], {"regression": other, "classification": EXAMPLE})
    assert seen == [(-8.0, 1.0)]


def test_the_classification_list_is_told_apart_at_the_worked_example():
    assert slip_table(SLIPS, EXAMPLE).all_told_apart
