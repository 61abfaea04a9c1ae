"""The braille canvas: dots, lines and text, joined into runs of one style."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style

from gdtui.renderables.canvas import Canvas

BLUE = Style(color="#0000ff")
RED = Style(color="#ff0000")


def test_dots_lines_and_text():
    canvas = Canvas(3, 2)
    canvas.dot(0, 0, BLUE)  # top left dot of cell (0, 0)
    canvas.dot(1, 3, BLUE)  # bottom right dot of the same cell
    canvas.line(0, 7, 5, 7, BLUE)  # the bottom row of dots across the second line
    canvas.text(2, 0, "ab", RED)  # clipped at the right edge
    assert canvas.lines() == [
        [Segment("⢁", BLUE), Segment(" ", Style()), Segment("a", RED)],
        [Segment("⣀⣀⣀", BLUE)],
    ]


def test_dots_outside_are_dropped_and_a_dashed_line_has_gaps():
    canvas = Canvas(4, 1)
    canvas.dot(-1, 0, BLUE)
    canvas.dot(8, 0, BLUE)
    # Nine points from x 0 to 7 (0 1 2 3 4 4 5 6 7), on for 2 and off for 2: dots 0, 1, 4, 7.
    canvas.line(0, 0, 7, 0, BLUE, dash=2)
    assert canvas.lines() == [[Segment("⠉", BLUE), Segment(" ", Style()), Segment("⠁⠈", BLUE)]]


def test_is_free():
    canvas = Canvas(5, 1)
    canvas.text(2, 0, "x", RED)
    assert canvas.is_free(0, 0, 2)
    assert not canvas.is_free(1, 0, 2)
    assert not canvas.is_free(4, 0, 2)  # past the right edge
    assert not canvas.is_free(0, 1, 1)
