"""Error sparklines: one row a series, with its latest value and its min and max.

Bars are on a log scale: learning shrinks the error by a similar factor
step after step, so a log scale draws it as a steady slope instead of one tall bar and then
nothing, and a divergence as a steady climb. Long traces are bucketed to the width by each
bucket's largest value, so a spike is never averaged away; an overflowed step is a red bar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from ..palette import DARK, Palette
from .canvas import as_lines
from .numbers import error_text

BARS = "▁▂▃▄▅▆▇█"
NO_STEPS = "no steps yet: the error of each step appears here"
STAT_WIDTH = 43  # len(stats(...)) for numbers up to 9 characters


def buckets(values: np.ndarray, width: int) -> np.ndarray:
    """At most ``width`` points: the values themselves, or each bucket's largest."""
    if len(values) <= width:
        return values
    edges = np.linspace(0, len(values), width + 1).astype(int)[:-1]
    with np.errstate(invalid="ignore"):
        return np.maximum.reduceat(values, edges)


DECADES = 400  # a double's whole range: a divergence climbs through hundreds of them


def bars(values: np.ndarray, style: Style, over: Style) -> list[Segment]:
    """One bar a value in ``style``; an overflowed (non-finite) value is a full bar in ``over``."""
    finite = values[np.isfinite(values)]
    positive = finite[finite > 0]
    if len(finite) == 0:
        return [Segment("█" * len(values), over)]
    hi = math.log10(float(positive.max())) if len(positive) else 0.0
    lo = max(math.log10(float(positive.min())), hi - DECADES) if len(positive) else 0.0
    span = hi - lo
    out: list[Segment] = []
    for v in values:
        if not math.isfinite(v):
            out.append(Segment("█", over))
        elif v <= 0 or span <= 0:
            out.append(Segment(BARS[0], style))
        else:
            level = round((math.log10(v) - lo) / span * 7)
            out.append(Segment(BARS[min(max(level, 0), 7)], style))
    return out


def stats(values: np.ndarray) -> str:
    finite = values[np.isfinite(values)]
    latest = error_text(values[-1])
    low = error_text(finite.min()) if len(finite) else "overflow"
    high = error_text(values.max()) if len(finite) == len(values) else "overflow"
    return f"last {latest:>9} min {low:>9}  max {high:>9}"


class ErrorSparks:
    """``series`` is (name, values) pairs; the last one is drawn as the total."""

    def __init__(self, series: Sequence[tuple[str, np.ndarray]], palette: Palette = DARK) -> None:
        self.series = series
        self.palette = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from as_lines(self.rows(options.max_width))

    def rows(self, width: int) -> list[list[Segment]]:
        p = self.palette
        if not self.series:
            return [[Segment(NO_STEPS, p.secondary)]]
        name_w = max(len(name) for name, _ in self.series) + 1
        one_line = width - name_w - STAT_WIDTH >= 12
        spark_w = width - name_w - (STAT_WIDTH + 1 if one_line else 0)
        rows: list[list[Segment]] = []
        last = len(self.series) - 1
        for k, (name, values) in enumerate(self.series):
            style = p.strong if k == last else p.series[k % len(p.series)]
            label = Segment(name.ljust(name_w), p.strong if k == last else p.text)
            if len(values) == 0:
                # As many lines as a step will make: the layout does not jump at the first.
                note = NO_STEPS[: max(0, width - name_w)] if k == 0 else ""
                rows.append([label, Segment(note, p.secondary)])
                rows += [] if one_line else [[Segment(" " * name_w)]]
                continue
            spark = bars(buckets(np.asarray(values, dtype=float), max(1, spark_w)), style, p.error)
            pad = Segment(" " * (spark_w - sum(len(s.text) for s in spark)))
            if one_line:
                rows.append([label, *spark, pad, Segment(" " + stats(values), p.secondary)])
            else:
                rows.append([label, *spark])
                line = stats(values)[: width - name_w]
                rows.append([Segment(" " * name_w), Segment(line, p.secondary)])
        return rows
