"""Two runs' error per step on one chart (a ghost run beside the learner's), in braille.

Both lines share the axes: steps across, the error up on a log scale (errors that shrink
tenfold a step and errors that overflow both fit). An error of 0 sits on the floor, one that
overflowed on the ceiling.
"""

from __future__ import annotations

import math

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment

from ..palette import DARK, Palette
from .canvas import Canvas, as_lines
from .numbers import tick

FLOOR = 1e-12  # the smallest error drawn: smaller ones (and 0) lie on the floor


class TwinChart:
    """``errors`` (the run's) and ``ghost`` per step, ``legend`` naming each line."""

    def __init__(
        self,
        errors: np.ndarray,
        ghost: np.ndarray,
        legend: tuple[str, str],
        height: int,
        palette: Palette = DARK,
    ) -> None:
        self.errors, self.ghost = errors, ghost
        self.legend = legend
        self.height = height
        self.palette = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from as_lines(self.rows(options.max_width, self.height))

    def _range(self) -> tuple[float, float]:
        values = np.concatenate([self.errors, self.ghost])
        with np.errstate(all="ignore"):
            finite = values[np.isfinite(values) & (values > FLOOR)]
        if not finite.size:
            return -1.0, 1.0
        lo, hi = math.floor(math.log10(finite.min())), math.ceil(math.log10(finite.max()))
        return float(lo), float(max(hi, lo + 1))

    def rows(self, width: int, height: int) -> list[list[Segment]]:
        p = self.palette
        run_style, ghost_style = p.series[0], p.series[1 % len(p.series)]
        legend = [
            Segment("━ ", run_style), Segment(self.legend[0], p.text), Segment("   "),
            Segment("━ ", ghost_style), Segment(self.legend[1], p.text),
        ]  # fmt: skip
        lo, hi = self._range()
        top, bottom = tick(10**hi), tick(10**lo)
        label_w = max(len(top), len(bottom))
        plot_w, plot_h = width - label_w - 1, height - 3
        if plot_w < 8 or plot_h < 2:
            return [legend] + [[] for _ in range(height - 1)]
        n = max(len(self.errors), len(self.ghost))
        steps = max(n, 2)
        canvas = Canvas(plot_w, plot_h)
        dots_w, dots_h = canvas.dots_wide - 1, canvas.dots_high - 1

        def y_of(e: float) -> float:
            if not math.isfinite(e):
                return 0.0  # overflowed: the ceiling
            level = math.log10(max(e, 10**lo))
            return (1.0 - (level - lo) / (hi - lo)) * dots_h

        for series, style in ((self.ghost, ghost_style), (self.errors, run_style)):
            prev: tuple[float, float] | None = None
            for k, e in enumerate(series.tolist()):
                point = (k / (steps - 1) * dots_w, y_of(e))
                if prev is None:
                    canvas.dot(round(point[0]), round(point[1]), style)
                else:
                    canvas.line(*prev, *point, style)
                prev = point
        out = [legend]
        for y, segments in enumerate(canvas.lines()):
            label = top if y == 0 else bottom if y == plot_h - 1 else ""
            mark = "┤" if label else "│"
            out.append(
                [Segment(label.rjust(label_w), p.secondary), Segment(mark, p.muted), *segments]
            )
        out.append([Segment(" " * label_w + "└" + "─" * plot_w, p.muted)])
        right = f"step {n}" if n else "no steps yet"
        gap = max(plot_w - len(right) - 1, 1)
        out.append([Segment(" " * (label_w + 1) + "1".ljust(gap) + right, p.secondary)])
        return out
