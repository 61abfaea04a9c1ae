"""The error sparklines, segment by segment, like Textual's tests/renderables/test_sparkline.py."""

from __future__ import annotations

import numpy as np
from rich.segment import Segment

from gdtui.palette import DARK, LIGHT
from gdtui.renderables.sparks import ErrorSparks, bars, buckets


def plain(rows: list[list[Segment]]) -> list[str]:
    return ["".join(segment.text for segment in row) for row in rows]


def test_bars_climb_a_decade_a_step_and_an_overflow_is_a_full_bar_in_the_error_style():
    style, over = DARK.series[0], DARK.error
    assert bars(np.array([1.0, 10.0, 100.0, 1000.0, np.inf]), style, over) == [
        Segment("▁", style),
        Segment("▃", style),
        Segment("▆", style),
        Segment("█", style),
        Segment("█", over),
    ]


def test_bars_of_nothing_but_overflow():
    assert bars(np.array([np.nan, np.inf]), DARK.curve, DARK.error) == [Segment("██", DARK.error)]


def test_buckets_keep_each_buckets_largest_value():
    assert buckets(np.array([1.0, 5.0, 2.0, 3.0]), 2).tolist() == [5.0, 3.0]
    assert buckets(np.array([1.0, 2.0]), 5).tolist() == [1.0, 2.0]


def test_one_line_a_series_with_its_numbers_when_wide():
    series = [("a", np.array([1.0, 0.1, 0.01])), ("total", np.array([2.0, 0.2, 0.02]))]
    rows = ErrorSparks(series, LIGHT).rows(70)
    assert plain(rows) == [
        "a     █▅▁                  last    0.0100 min    0.0100  max    1.0000",
        "total █▅▁                  last    0.0200 min    0.0200  max    2.0000",
    ]
    assert rows[0][0] == Segment("a     ", LIGHT.text)
    assert rows[0][1] == Segment("█", LIGHT.series[0])
    assert rows[1][0] == Segment("total ", LIGHT.strong)  # the last series is the total
    assert rows[1][1] == Segment("█", LIGHT.strong)
    assert rows[0][-1].style == LIGHT.secondary


def test_the_numbers_go_below_when_narrow():
    rows = ErrorSparks([("a", np.array([1.0, 0.1, 0.01]))]).rows(30)
    assert plain(rows) == ["a █▅▁", "  last    0.0100 min    0.0100"]


def test_no_steps_yet():
    rows = ErrorSparks([("a", np.array([]))], LIGHT).rows(60)
    note = Segment("no steps yet: the error of each step appears here", LIGHT.secondary)
    assert rows == [[Segment("a ", LIGHT.strong), note]]


def test_no_steps_yet_takes_the_lines_a_step_will():
    """Several outputs: a line each and the total, before the first step as after it."""
    empty = [(name, np.array([])) for name in ("hurt", "win", "sad", "total")]
    stepped = [(name, np.array([0.01])) for name, _ in empty]
    for width in (40, 84, 120):
        before = ErrorSparks(empty).rows(width)
        assert len(before) == len(ErrorSparks(stepped).rows(width)) >= 4
        assert [row[0].text.strip() for row in before if row[0].text.strip()] == [
            "hurt",
            "win",
            "sad",
            "total",
        ]
