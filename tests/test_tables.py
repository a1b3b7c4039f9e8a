"""bp.table: the chapters' tables, as HTML for the page and as aligned text for nbval."""

import re

import numpy as np
import pytest

import bp


def test_numbers_by_column_format_and_alignment():
    t = bp.table(
        [("w1_11", -30.65535, 3.83e-10, 7), ("b21", np.float64(2.5), np.float32(1e-3), np.int64(12))],
        ["parameter", "gradient", "rel. error", "n"],
        [None, ".6f", ".2e", None],
    )
    assert t.rows == (("w1_11", "-30.655350", "3.83e-10", "7"), ("b21", "2.500000", "1.00e-03", "12"))
    assert t.right == (False, True, True, True)
    lines = repr(t).splitlines()
    assert lines[0] == "parameter    gradient  rel. error   n"
    assert lines[1] == "w1_11      -30.655350    3.83e-10   7"
    assert lines[2] == "b21          2.500000    1.00e-03  12"


def test_one_format_for_every_number_and_the_defaults():
    t = bp.table([(1, 0.25, "x", True, None)], "abcde", ".3f")
    assert t.rows == (("1.000", "0.250", "x", "True", "—"),)
    d = bp.table([(3, 0.5)], ["k", "v"])
    assert d.rows == (("3", "0.500000"),)


def test_html_is_a_table_with_every_cell_escaped():
    t = bp.table([("a<b", 1.0), ("c&d", -2.0)], ["name", "value <x>"], [None, ".1f"], caption="T & C")
    h = t._repr_html_()
    assert h.startswith('<div class="pst-scrollable-table-container bp-table">')
    assert "<caption>T &amp; C</caption>" in h
    assert '<th style="text-align: left">name</th><th style="text-align: right">value &lt;x&gt;</th>' in h
    cells = re.findall(r"<td[^>]*>(.*?)</td>", h)
    assert cells == ["a&lt;b", "1.0", "c&amp;d", "-2.0"]
    assert h.count("<tr>") == 3
    assert repr(t).splitlines()[0] == "T & C"


def test_align_overrides():
    t = bp.table([("1e-06", 2)], ["loss", "n"], align="rl")
    assert t.right == (True, False)
    assert repr(t).splitlines()[1] == "1e-06  2"
    with pytest.raises(ValueError, match="align must be"):
        bp.table([(1, 2)], ["a", "b"], align="rx")


def test_deterministic():
    rows = [(k, k / 7) for k in range(5)]
    assert bp.table(rows, ["k", "k/7"])._repr_html_() == bp.table(rows, ["k", "k/7"])._repr_html_()


def test_bad_shapes():
    with pytest.raises(ValueError, match="row 1 has 1 values for 2 columns"):
        bp.table([(1, 2), (3,)], ["a", "b"])
    with pytest.raises(ValueError, match="3 formats for 2 columns"):
        bp.table([(1, 2)], ["a", "b"], [None, None, None])
