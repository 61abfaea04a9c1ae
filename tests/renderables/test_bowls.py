"""The bowls on shared axes: a larger input is a steeper, narrower bowl."""

from __future__ import annotations

import pytest

from gdtui.engine import Trainer
from gdtui.renderables.bowls import BowlPanel, Bowls, layout, shared_scale, slope_text
from gdtui.renderables.curve_plot import Bowl
from gdtui.scenario import load_scenario, resolve


def panels() -> list[BowlPanel]:
    t = Trainer(load_scenario(resolve("multi-input")).problem)
    x = t.peek().input
    out = []
    for j, name in enumerate(t.problem.input_names):
        c = t.curve(0, j)
        bowl = Bowl.from_curve(c.weights, c.errors, c.weight, c.error, c.slope, c.minimum, False)
        out.append(BowlPanel(name, float(x[j]), bowl))
    return out


def drawn_width(rows: list[str], start: int, width: int) -> int:
    """How many columns of a panel's plot carry the curve."""
    plot = [row[start : start + width] for row in rows[1:-2]]
    return sum(any("\u2800" < line[k] <= "\u28ff" for line in plot) for k in range(width))


def test_the_three_bowls_share_their_axes_and_the_steepest_is_narrowest() -> None:
    ps = panels()
    offsets, y_max = shared_scale(ps)
    # The widest bottom (wlrec's, 0.14 / 0.65 away) fits with a quarter to spare; the error now
    # (0.0196, the same for all three) sits a little under half way up.
    assert offsets == pytest.approx(1.25 * 0.14 / 0.65)
    assert y_max == pytest.approx(2.2 * 0.0196)
    bowls = Bowls(ps, 0, 14, enlarge=False)
    rows = ["".join(s.text for s in row) for row in bowls.rows(86, 14)]
    assert len(rows) == 14 and all(len(row) == 86 for row in rows)
    assert "toes  x=8.5" in rows[0] and "wlrec  x=0.65" in rows[0] and "nfans  x=1.2" in rows[0]
    slopes = rows[-1].split()
    assert slopes == ["slope", "−2.38", "slope", "−0.182", "slope", "−0.336"]
    widths = [drawn_width(rows, k * 29, 27) for k in range(3)]
    assert widths[0] < widths[2] < widths[1]  # toes narrowest, wlrec widest
    assert rows[-2].count("▲") == 3  # each bottom marked on its axis


def test_slopes_and_an_overflowed_bowl() -> None:
    assert slope_text(-2.38) == "slope −2.38" and slope_text(float("inf")) == "overflow"
    rows = Bowls([BowlPanel("x", 1.0, None)], 0, 6).rows(20, 6)
    assert "overflow" in "".join(s.text for s in rows[1])


def test_the_selected_bowl_is_drawn_larger_at_the_same_scale() -> None:
    """Magnified by the same factor both ways: an offset takes ``zoom`` times the columns and
    an error ``zoom`` times the rows, so the toes bowl is as steep, and still the narrowest."""
    ps = panels()
    for selected in range(3):
        bowls = Bowls(ps, selected, 14)
        shape = bowls.layout(86, 14)
        assert shape.enlarged and shape.heights[selected] == 11
        small = next(k for k in range(3) if k != selected)
        zoom = shape.heights[selected] / shape.heights[small]
        assert zoom == pytest.approx(11 / 6)
        # Columns per unit of offset: exactly zoom times the others' in the selected panel.
        per_offset = [w / (2 * r) for w, r in zip(shape.widths, shape.offsets, strict=True)]
        assert per_offset[selected] == pytest.approx(zoom * per_offset[small])
        rows = ["".join(s.text for s in row) for row in bowls.rows(86, 14)]
        assert len(rows) == 14 and all(len(row) == 86 for row in rows)
        assert rows[-1].split() == ["slope", "−2.38", "slope", "−0.182", "slope", "−0.336"]
        starts = [sum(shape.widths[:k]) + 2 * k for k in range(3)]
        widths = [
            drawn_width(rows, start, w) / (zoom if k == selected else 1)
            for k, (start, w) in enumerate(zip(starts, shape.widths, strict=True))
        ]
        assert widths[0] < widths[2] < widths[1]  # compared at one scale: toes still narrowest
        # The smaller panels stand on the tall one's baseline: their titles start lower.
        assert ps[selected].name in rows[0] and ps[small].name not in rows[0]


def test_no_larger_panel_without_room() -> None:
    wide = layout(3, 1, 86, 14, 0.3)
    assert wide.widths[1] > wide.widths[0] == wide.widths[2]
    for width, height in ((50, 14), (86, 8)):  # too narrow, too short
        shape = layout(3, 1, width, height, 0.3)
        assert not shape.enlarged and len(set(shape.widths)) == 1
        assert shape.offsets == (0.3, 0.3, 0.3)
