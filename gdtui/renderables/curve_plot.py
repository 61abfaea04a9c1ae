"""The chapter's bowl: one output's error against one weight, drawn in braille.

The parabola, the current weight as a dot on it, the slope there as a dashed tangent, the bottom
of the bowl marked on the weight axis, and the axes labelled with their ranges.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment

from ..palette import DARK, Palette
from .canvas import Canvas, as_lines
from .numbers import num, signed, tick


@dataclass(frozen=True)
class Bowl:
    """The parabola error = scale * (w - minimum)**2 and where the weight is on it. With an input
    of 0 the curve is flat (``minimum`` is nan) and the error is the same for every weight."""

    scale: float
    minimum: float
    weight: float
    error: float
    slope: float
    frozen: bool

    @classmethod
    def from_curve(
        cls,
        weights: np.ndarray,
        errors: np.ndarray,
        weight: float,
        error: float,
        slope: float,
        minimum: float,
        frozen: bool,
    ) -> Bowl | None:
        """The engine's sampled curve as an exact parabola; None when it overflowed."""
        if not all(math.isfinite(v) for v in (weight, error, slope)):
            return None
        scale = 0.0
        if math.isfinite(minimum):
            far = int(np.argmax(np.abs(weights - minimum)))  # the best-conditioned sample
            with np.errstate(all="ignore"):
                scale = float(errors[far] / (weights[far] - minimum) ** 2)
            if not math.isfinite(scale):
                return None
        return cls(scale, minimum, weight, error, slope, frozen)

    def at(self, w: float) -> float:
        if not math.isfinite(self.minimum):
            return self.error
        return self.scale * (w - self.minimum) ** 2


class CurvePlot:
    """Draws a ``Bowl`` over the weight window ``x_range`` and errors ``0..y_max``."""

    def __init__(
        self,
        bowl: Bowl | None,
        x_range: tuple[float, float],
        y_max: float,
        height: int,
        palette: Palette = DARK,
    ) -> None:
        self.bowl = bowl
        self.x_range = x_range
        self.y_max = y_max
        self.height = height
        self.palette = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from as_lines(self.rows(options.max_width, self.height))

    def rows(self, width: int, height: int) -> list[list[Segment]]:
        bowl, p = self.bowl, self.palette
        if bowl is None:
            note = "overflow: the error is too big to draw"
            rows = [[Segment(note[:width], p.error)]]
            return rows + [[] for _ in range(height - 1)]
        lo, hi = self.x_range
        y_max = self.y_max
        top, bottom = tick(y_max), "0"
        label_w = max(len(top), len(bottom))
        plot_w = width - label_w - 1
        plot_h = height - 2
        if plot_w < 8 or plot_h < 2:
            text = f"w {num(bowl.weight)}  slope {signed(bowl.slope)}"
            return [[Segment(text[:width], p.secondary)]] + [[] for _ in range(height - 1)]
        canvas = Canvas(plot_w, plot_h)
        dots_w, dots_h = canvas.dots_wide - 1, canvas.dots_high - 1

        def px(w: float) -> float:
            return (w - lo) / (hi - lo) * dots_w

        def py(e: float) -> float:
            return (1.0 - e / y_max) * dots_h

        # The parabola, point to point so steep walls stay joined; off the top is clipped.
        prev: tuple[float, float] | None = None
        for k in range(canvas.dots_wide):
            w = lo + k / dots_w * (hi - lo)
            y = min(max(py(bowl.at(w)), -1.0), dots_h + 1.0)
            if prev is not None:
                canvas.line(prev[0], prev[1], k, y, p.curve)
            prev = (k, y)
        self._tangent(canvas, bowl, px, py)
        # The dot: where this weight is now.
        x_dot = px(bowl.weight)
        y_dot = py(bowl.error)
        dot_cell = (int(x_dot) // 2, int(min(max(y_dot, 0), dots_h)) // 4)
        if 0 <= x_dot <= dots_w:
            style = p.frozen if bowl.frozen else p.cursor
            canvas.text(dot_cell[0], dot_cell[1], "●", style)

        out: list[list[Segment]] = []
        for y, segments in enumerate(canvas.lines()):
            label = top if y == 0 else bottom if y == plot_h - 1 else ""
            out.append(
                [
                    Segment(label.rjust(label_w), p.secondary),
                    Segment("┤" if label else "│", p.muted),
                    *segments,
                ]
            )
        out.append(self._axis(label_w, plot_w, bowl, px))
        out.append(self._labels(label_w, plot_w, bowl, px))
        return out

    def _tangent(self, canvas: Canvas, bowl: Bowl, px, py) -> None:
        lo, hi = self.x_range
        span = 0.22 * (hi - lo)
        a, b = bowl.weight - span, bowl.weight + span
        s, e0, w0 = bowl.slope, bowl.error, bowl.weight
        if s != 0:  # keep the segment where its error is inside the plot
            w_at_0, w_at_top = w0 - e0 / s, w0 + (self.y_max - e0) / s
            a, b = max(a, min(w_at_0, w_at_top)), min(b, max(w_at_0, w_at_top))
        a, b = max(a, lo), min(b, hi)
        if a < b:
            a_y, b_y = py(e0 + s * (a - w0)), py(e0 + s * (b - w0))
            canvas.line(px(a), a_y, px(b), b_y, self.palette.tangent, dash=2)

    def _axis(self, label_w: int, plot_w: int, bowl: Bowl, px) -> list[Segment]:
        axis, muted = ["─"] * plot_w, self.palette.muted
        if math.isfinite(bowl.minimum):
            x = int(px(bowl.minimum)) // 2
            if 0 <= x < plot_w:
                return [
                    Segment(" " * label_w + "└", muted),
                    Segment("".join(axis[:x]), muted),
                    Segment("▲", self.palette.success),
                    Segment("".join(axis[x + 1 :]), muted),
                ]
        return [Segment(" " * label_w + "└" + "".join(axis), muted)]

    def _labels(self, label_w: int, plot_w: int, bowl: Bowl, px) -> list[Segment]:
        lo, hi = self.x_range
        cells = [" "] * plot_w
        digits = _digits(hi - lo)
        left, right = _at(lo, digits), _at(hi, digits)
        cells[: len(left)] = left
        if len(left) + len(right) + 1 <= plot_w:
            cells[plot_w - len(right) :] = right
        here = f"w={_at(bowl.weight, digits)}"
        x = int(px(bowl.weight)) // 2 - len(here) // 2
        x = min(max(x, len(left) + 1), plot_w - len(right) - 1 - len(here))
        if x > len(left) and x + len(here) < plot_w - len(right):
            cells[x : x + len(here)] = here
        return [Segment(" " * (label_w + 1)), Segment("".join(cells), self.palette.secondary)]


def _digits(span: float) -> int:
    """Decimals enough to tell the ends of a narrow weight window apart."""
    if not (span > 0 and math.isfinite(span)) or span >= 0.01:
        return 4
    return min(10, 2 - math.floor(math.log10(span)))


def _at(value: float, digits: int) -> str:
    if digits == 4 or not math.isfinite(value) or abs(value) >= 1e4:
        return num(value)
    return f"{value:.{digits}f}"
