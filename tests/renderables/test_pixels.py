"""Images as half blocks: two pixels a cell, one cached Style a (top, bottom) pair."""

from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style

from gdtui.palette import DARK, LIGHT
from gdtui.renderables.pixels import SHADES, image_rows, levels, pool, robust_scale


def test_levels_saturate_and_turn_non_finite_values_into_the_ends():
    values = np.array([[-1.0, 0.0], [0.5, 1.0]])
    assert levels(values, 1.0, grey=False).tolist() == [[-12, 0], [6, 12]]
    assert levels(values, 1.0, grey=True).tolist() == [[0, 0], [6, 12]]  # ink is never negative
    assert levels(np.array([[np.nan, np.inf, -5.0]]), 1.0, grey=False).tolist() == [[0, 12, -12]]
    assert levels(values, 0.0, grey=False).tolist() == [[0, 0], [0, 0]]


def test_a_diverging_picture_in_the_light_palette():
    # Top row -1, 0; bottom row 0.5, 1: blue over half orange, then paper over full orange.
    rows = image_rows(np.array([[-1.0, 0.0], [0.5, 1.0]]), 1.0, LIGHT.pixels)
    assert rows == [
        [
            Segment("▀", Style(color="#1446c8", bgcolor="#e2a977")),
            Segment("▀", Style(color="#eeeeee", bgcolor="#d76400")),
        ]
    ]


def test_ink_on_paper_merges_runs_and_pads_an_odd_last_row():
    rows = image_rows(np.array([[0.0, 1.0, 1.0]]), 1.0, LIGHT.pixels, grey=True)
    assert rows == [
        [
            Segment("▀", Style(color="#ffffff", bgcolor="#ffffff")),
            Segment("▀▀", Style(color="#000000", bgcolor="#ffffff")),
        ]
    ]


def test_the_same_cells_are_the_same_objects():
    first = image_rows(np.ones((2, 1)), 1.0, DARK.pixels)[0][0]
    again = image_rows(np.ones((2, 1)), 1.0, DARK.pixels)[0][0]
    assert first.style is again.style  # made once a palette, not a cell


def test_256_colour_terminals_get_shaded_blocks():
    assert image_rows(np.array([[-1.0, 0.0], [0.5, 1.0]]), 1.0, truecolor=False) == [
        [Segment("░", Style(color="dodger_blue2")), Segment("▒", Style(color="dark_orange"))]
    ]
    values = np.linspace(-1, 1, 28 * 28).reshape(28, 28)
    rows = image_rows(values, 1.0, truecolor=False)
    assert len(rows) == 14
    assert set("".join(s.text for row in rows for s in row)) <= set(SHADES)


def test_pool_and_robust_scale():
    image = np.arange(16.0).reshape(4, 4)
    assert pool(image).tolist() == [[2.5, 4.5], [10.5, 12.5]]
    values = np.concatenate([np.ones(999), [1000.0]])
    assert robust_scale(values) == 1.0  # one extreme weight does not wash the rest out
    assert robust_scale(np.array([np.nan])) == 0.0
