"""bp.slips.table: the slip table shown by the classification chapter and the errata page."""

import bp
from bp.slips import Slip
from bp.slips.classification import EXAMPLE, SLIPS
from bp.slips.table import slip_table


def _toy(anchor="toy-anchor"):
    return Slip(
        part="classification",
        where="a toy",
        as_written="a|b",
        corrected="c",
        wrong=lambda p, x, y: -2.0,
        right=lambda p, x, y: 1.0,
        reference=lambda p, x, y: 1.0,
        anchor=anchor,
        key="toy",
    )


def test_numbers_and_plain_text():
    t = slip_table([_toy()], EXAMPLE)
    (row,) = t.rows
    assert (row.as_written, row.corrected, row.reference) == (-2.0, 1.0, 1.0)
    assert row.corrected_matches and not row.as_written_matches and t.all_told_apart
    text = repr(t)
    assert "-2" in text and "yes" in text and "classification: a toy" in text


def test_markdown_entry_label_links_and_math():
    md = slip_table([_toy()], EXAMPLE)._repr_markdown_()
    # the errata page's label of the slip, which the notes page links to, then the links back
    assert "\n(erratum-toy)=\n**1** · classification: a toy — [the line in the notes](#notes-toy)" in md
    assert "· [discussed in the classification chapter](#toy-anchor)" in md
    assert "✗ as written → **−2**\n\n$$\na|b\n$$" in md
    assert "✓ corrected → **1**, independent reference **1**\n\n$$\nc\n$$" in md
    assert md.startswith('<div class="bp-erratum">') and md.rstrip().endswith("</div>")
    assert "**1** · a toy" in slip_table([_toy()], EXAMPLE, show_part=False)._repr_markdown_()
    plain = slip_table([_toy()], EXAMPLE, links=False)._repr_markdown_()
    assert "](#" not in plain and "(erratum-" not in plain


def test_labels_come_from_the_catalogue():
    labels = [r.label for r in slip_table(SLIPS, EXAMPLE).rows]
    assert labels == [f"C{k}" for k in range(1, len(SLIPS) + 1)]


def test_a_slip_that_is_not_told_apart_is_flagged():
    same = Slip(
        part="classification",
        where="w",
        as_written="a",
        corrected="c",
        wrong=lambda p, x, y: 1.0,
        right=lambda p, x, y: 1.0,
        reference=lambda p, x, y: 1.0,
    )
    t = slip_table([same], EXAMPLE)
    assert not t.all_told_apart and "NO" in repr(t)


def test_example_per_part():
    other = (dict(bp.INITIAL_PARAMS, b21=-8.0), bp.X_CLS[1], 1.0)
    seen = []
    s = Slip(
        part="regression",
        where="w",
        as_written="a",
        corrected="c",
        wrong=lambda p, x, y: seen.append((p["b21"], y)) or 0.0,
        right=lambda p, x, y: 1.0,
        reference=lambda p, x, y: 1.0,
    )
    slip_table([s], {"regression": other, "classification": EXAMPLE})
    assert seen == [(-8.0, 1.0)]


def test_the_classification_list_is_told_apart_at_the_worked_example():
    assert slip_table(SLIPS, EXAMPLE).all_told_apart


def test_the_catalogue_labels_keys_and_anchors():
    """R1 … R6, C1 … C14 in the notes' order; every key (hence every anchor) is distinct."""
    from bp.slips import catalogue, regression

    cat = catalogue()
    assert [label for label, _ in cat] == ([f"R{k}" for k in range(1, 7)] + [f"C{k}" for k in range(1, 15)])
    assert [s for _, s in cat] == regression.SLIPS + SLIPS
    keys = [s.key for _, s in cat]
    assert all(keys) and len(set(keys)) == len(keys)
    for _, s in cat:
        assert s.notes_anchor == f"notes-{s.key}" and s.errata_anchor == f"erratum-{s.key}"


def test_every_slip_has_its_line_on_the_notes_page():
    """chapters/notes.md labels each slip's line and links its errata entry and chapter section."""
    import re
    from pathlib import Path

    from bp.slips import catalogue

    text = (Path(__file__).parents[1] / "chapters" / "notes.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"\((notes-[\w-]+)\)=\n:::\{container\} bp-slip\n(.*?)\n:::\n", text, re.S))
    for label, s in catalogue():
        block = blocks.pop(s.notes_anchor)
        assert f'<span class="bp-slip-tag">slip {label}</span>' in block, label
        assert f"(#{s.errata_anchor})" in block and f"(#{s.anchor})" in block, label
        assert "\\class{bp-slip-mark}" in block, label
    assert not blocks, f"marked lines with no slip in the catalogue: {sorted(blocks)}"
