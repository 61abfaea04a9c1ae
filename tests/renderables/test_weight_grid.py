"""The weight table: two lines a cell, the arrow of the coming update, the cursor."""

from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style

from gdtui.palette import DARK, HIGH_CONTRAST
from gdtui.renderables.weight_grid import GridView, WeightGrid, arrow, window


def grid(cursor=(0, 0)) -> GridView:
    return GridView(
        ("x0", "x1"),
        ("y0",),
        np.array([[0.1, -0.2]]),
        np.array([[-1.19, 0.5]]),
        np.array([[False, True]]),
        cursor,
        0.01,
    )


def plain(rows: list[list[Segment]]) -> list[str]:
    return ["".join(segment.text for segment in row) for row in rows]


def test_the_table():
    rows = WeightGrid(grid(), 8).rows(40)
    assert plain(rows) == [
        "         x0           x1     ",
        "y0  ○    0.1000  ❄   -0.2000 ",
        "     -1.1900 ▲▲▲   0.5000 ❄  ",
    ]
    assert rows[0][1] == Segment("      x0     ", DARK.muted + Style(bold=True))
    assert rows[1][0] == Segment("y0 ", DARK.strong)
    # The cursor's cell lies on the cursor background, the frozen one on frozen's.
    assert rows[1][4] == Segment("   0.1000", DARK.strong + DARK.cursor_cell)
    assert rows[2][4] == Segment("▲▲▲", DARK.grow[2] + DARK.cursor_cell)
    assert rows[1][7] == Segment("❄", DARK.frozen + DARK.frozen_bg)


def test_high_contrast_cursor_is_black_on_yellow():
    rows = WeightGrid(grid(), 8, HIGH_CONTRAST).rows(40)
    assert {s.style.color.name for s in rows[1][1:6]} == {"#000000"}
    assert {s.style.bgcolor.name for s in rows[1][1:6]} == {"#ffff00"}


def test_arrows_are_the_coming_change_beside_the_weight_on_a_fixed_scale():
    # weight -= change: a negative change grows the weight.
    assert arrow(0.1, -0.0119, False) == ("▲▲▲", DARK.grow[2])  # 11.9% of the weight
    assert arrow(-0.1, 0.00168, False) == ("▼▼", DARK.shrink[1])  # 1.7%
    assert arrow(0.2, -0.00091, False) == ("▲", DARK.grow[0])  # 0.45%
    assert arrow(0.0, -0.001, False) == ("▲▲▲", DARK.grow[2])  # from zero: all of it
    # The same weight_delta beside a larger weight is a smaller arrow: absolute, not ranked.
    assert arrow(100.0, -0.0119, False) == ("▲", DARK.grow[0])
    # A change too small to show at four decimals: the weight stays.
    assert arrow(0.1, -0.00004, False) == ("·", DARK.still)
    assert arrow(0.1, np.inf, False) == ("", DARK.still)
    assert arrow(0.1, 1.0, True) == ("❄", DARK.frozen)


def test_the_window_follows_the_cursor():
    big = GridView(
        tuple(f"x{j}" for j in range(10)),
        tuple(f"y{i}" for i in range(10)),
        np.zeros((10, 10)),
        np.zeros((10, 10)),
        np.zeros((10, 10), bool),
        (9, 9),
    )
    win = window(big, 3 + 13 * 3, 4)
    assert (win.row0, win.rows, win.col0, win.cols) == (6, 4, 7, 3)
    assert win.cell_at(3, 1) == (6, 7, True)
    assert win.cell_at(3 + 13 + 5, 2) == (6, 8, False)
    assert win.cell_at(0, 1) is None
