"""The network picture: orange positive and blue negative edges, labels, the selected edge."""

from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style

from gdtui.palette import DARK, LIGHT
from gdtui.renderables.network_plot import NetworkPlot, NetworkView, preferred_height


def view(weights=((0.5, -0.25),), frozen=((False, True),), selected=(0, 0)) -> NetworkView:
    return NetworkView(
        ("a", "b"),
        np.array([1.0, 2.0]),
        ("y",),
        np.array([0.5]),
        np.array([1.0]),
        np.array(weights, dtype=float),
        np.array(frozen),
        selected,
    )


def plain(rows: list[list[Segment]]) -> list[str]:
    return ["".join(segment.text for segment in row) for row in rows]


def test_the_picture():
    rows = NetworkPlot(view(), 6).rows(40, 6)
    assert plain(rows) == [
        " " * 40,
        "a 1 ●⠤⠤⠤⠤⠤⢄⣀⣀⣀⣀⡀                        ",
        "            0.5000⠉⠉⢑⡒⢒⠖⠲⠦● y 0.5000 / 1",
        "           ❄-0.2500⠁                    ",
        "b 2 ●⠔ ⠒ ⠉                              ",
        " " * 40,
    ]
    # The selected edge and its label are in the cursor's colour, the frozen one in frozen's.
    assert rows[1][:3] == [
        Segment("a 1", DARK.cursor),
        Segment(" ", Style()),
        Segment("●", DARK.strong),
    ]
    assert rows[2][1] == Segment("0.5000⠉⠉⢑⡒⢒⠖⠲⠦", DARK.cursor)
    assert rows[3][1] == Segment("❄-0.2500⠁", DARK.frozen)


def test_edges_are_orange_when_positive_and_blue_when_negative():
    weights = ((1.0, -1.0),)
    rows = NetworkPlot(view(weights, ((False, False),), selected=(-1, -1)), 6, LIGHT).rows(40, 6)
    orange, blue = LIGHT.positive[1], LIGHT.negative[1]
    assert rows[2] == [
        Segment(" " * 12, Style()),
        Segment("1.0000⠉⠉", orange),  # a's edge and its label
        Segment("⢑⣒⣒⠶⠶⠦", blue),  # b's edge, drawn after a's, on top where they meet
        Segment("●", LIGHT.strong),
        Segment(" ", Style()),
        Segment("y 0.5000 / 1", LIGHT.text),
    ]
    assert rows[3][1] == Segment("⢀⣀-1.0000⠉⠁", blue)


def test_too_many_nodes_is_a_note():
    names = tuple(f"x{k}" for k in range(20))
    big = NetworkView(
        names,
        np.zeros(20),
        ("y",),
        np.zeros(1),
        np.zeros(1),
        np.zeros((1, 20)),
        np.zeros((1, 20), bool),
        (0, 0),
    )
    assert preferred_height(big) == 1
    rows = NetworkPlot(big, 1, LIGHT).rows(80, 1)
    assert rows == [
        [Segment("20 inputs -> 1 outputs: too big to draw here; see the weight table", LIGHT.muted)]
    ]
