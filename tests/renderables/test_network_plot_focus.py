"""The 3x3 network picture: the selected output's edges strong and labelled, the rest faint."""

from __future__ import annotations

import re

import numpy as np
from rich.style import Style

from gdtui.palette import DARK
from gdtui.renderables.network_plot import NetworkPlot, NetworkView

WEIGHTS = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])


def chapter(selected=(0, 0), frozen=None, n_out=3) -> NetworkView:
    mask = np.zeros((3, 3), bool) if frozen is None else np.asarray(frozen)
    return NetworkView(
        ("toes", "wlrec", "nfans"),
        np.array([8.5, 0.65, 1.2]),
        ("hurt", "win", "sad")[:n_out],
        np.array([0.555, 0.98, 0.965])[:n_out],
        np.array([0.1, 1.0, 0.1])[:n_out],
        WEIGHTS[:n_out],
        mask[:n_out],
        selected,
    )


def styles(rows) -> set[Style]:  # type: ignore[no-untyped-def]
    return {segment.style for row in rows for segment in row if segment.text.strip(" ●")}


def labels(rows) -> list[str]:  # type: ignore[no-untyped-def]
    """The weights written on the edges (four decimals, not the outputs' pred on the right)."""
    text = "\n".join("".join(segment.text for segment in row) for row in rows)
    return re.findall(r"-?\d+\.\d{4}(?! /)", text)


def test_only_the_selected_outputs_weights_are_labelled() -> None:
    rows = NetworkPlot(chapter((2, 1)), 9).rows(82, 9)
    # sad's weights 0.0, 1.3 and 0.1, and the nodes' values; no weight of hurt or win.
    assert sorted(labels(rows)) == ["0.0000", "0.1000", "1.3000"]
    # With one output every weight is labelled, as before.
    assert sorted(labels(NetworkPlot(chapter((0, 1), n_out=1), 9).rows(82, 9))) == [
        "-0.3000",
        "0.1000",
        "0.1000",
    ]


def test_other_outputs_edges_are_faint_and_theirs_bright() -> None:
    plot = NetworkPlot(chapter((0, 0)), 9)
    assert plot._edge_style(1, 2, 1.3) == (DARK.still, 0)  # win's: faint
    assert plot._edge_style(2, 0, 1.3) == (DARK.still, 0)  # sad's: faint
    assert plot._edge_style(0, 1, 1.3) == (DARK.positive[1], 0)  # hurt's 0.1: bright orange
    assert plot._edge_style(0, 2, 1.3) == (DARK.negative[1], 0)  # hurt's -0.3: bright blue
    assert plot._edge_style(0, 0, 1.3) == (DARK.cursor, 0)  # the selected one
    frozen = np.zeros((3, 3), bool)
    frozen[1, 1] = True
    assert NetworkPlot(chapter((0, 0), frozen), 9)._edge_style(1, 1, 1.3) == (DARK.still, 2)
    rows = plot.rows(82, 9)
    used = styles(rows)
    assert DARK.still in used and DARK.cursor in used and DARK.negative[1] in used
    # The other outputs' names are muted, the selected one's in the cursor's colour.
    names = {s.text.strip(): s.style for row in rows for s in row if s.text.strip()}
    assert names["hurt 0.5550 / 0.1"] == DARK.cursor
    assert names["win 0.9800 / 1"] == DARK.muted


def test_one_output_keeps_every_edge_labelled() -> None:
    view = chapter((0, 0), n_out=1)
    assert not view.focused
    plot = NetworkPlot(view, 9)
    assert plot._edge_style(0, 2, 0.3) == (DARK.negative[1], 0)
    assert plot._edge_style(0, 1, 0.3) == (DARK.positive[0], 0)  # small: the dim orange
