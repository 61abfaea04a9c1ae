"""The bowl: error against one weight, with the dot, the tangent and the bottom."""

from __future__ import annotations

import numpy as np
from rich.segment import Segment

from gdtui.palette import DARK, LIGHT
from gdtui.renderables.curve_plot import Bowl, CurvePlot

WEIGHTS = np.linspace(-1.0, 3.0, 5)


def bowl(weight: float = 0.0, frozen: bool = False) -> Bowl | None:
    """error = (w - 1)**2, so at w the error is (w - 1)**2 and the slope 2 * (w - 1)."""
    errors = (WEIGHTS - 1.0) ** 2
    error, slope = (weight - 1) ** 2, 2 * (weight - 1)
    return Bowl.from_curve(WEIGHTS, errors, weight, error, slope, 1.0, frozen)


def plain(rows: list[list[Segment]]) -> list[str]:
    return ["".join(segment.text for segment in row) for row in rows]


def test_the_bowl_is_the_exact_parabola():
    assert bowl() == Bowl(scale=1.0, minimum=1.0, weight=0.0, error=1.0, slope=-2.0, frozen=False)


def test_the_picture():
    rows = CurvePlot(bowl(), (-1.0, 3.0), 4.0, 8, LIGHT).rows(30, 8)
    assert plain(rows) == [
        "4.0000┤⠣⡀                    ⡎",
        "      │⢀⠣⡀                 ⢀⡎ ",
        "      │ ⠁⢑⡄               ⣀⠇  ",
        "      │   ⠉⢆⡀            ⡔⠃   ",
        "      │     ●⢆⡀        ⡤⠋     ",
        "     0┤       ⠉⢢⠤⣀⣀⣀⡤⠖⠋       ",
        "      └───────────▲───────────",
        "       -1.0000 w=0.0000 3.0000",
    ]
    dot = next(s for s in rows[4] if s.text == "●")
    assert dot.style == LIGHT.cursor
    assert Segment("▲", LIGHT.success) in rows[6]  # the bottom of the bowl
    assert rows[0][0] == Segment("4.0000", LIGHT.secondary)
    assert rows[0][1] == Segment("┤", LIGHT.muted)
    assert {s.style for s in rows[0][2:] if s.text.strip()} == {LIGHT.curve}


def test_a_frozen_weights_dot():
    rows = CurvePlot(bowl(frozen=True), (-1.0, 3.0), 4.0, 8).rows(30, 8)
    assert Segment("●", DARK.frozen) in rows[4]


def test_overflow_is_a_note_in_the_error_style():
    assert CurvePlot(None, (0.0, 1.0), 1.0, 3).rows(20, 3) == [
        [Segment("overflow: the error ", DARK.error)],
        [],
        [],
    ]


def test_too_small_to_draw_says_it_in_words():
    rows = CurvePlot(bowl(), (-1.0, 3.0), 4.0, 3).rows(40, 3)
    assert plain(rows) == ["w 0.0000  slope -2.0000", "", ""]
