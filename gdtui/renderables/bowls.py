"""The chapter's bowls side by side: each weight of one output, on shared axes.

Every panel plots the output's error against one weight moved by the same offsets w − w_now,
on one error axis from 0 up: all start from the same point (the current error, where the dot
is), and a larger input makes a steeper, narrower bowl. Under each: the slope at the dot,
2 × weight_delta, and the bowl's bottom marked on its axis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment

from ..palette import DARK, Palette
from .canvas import Canvas
from .curve_plot import Bowl
from .numbers import MINUS

GAP = 2  # columns between panels


@dataclass(frozen=True)
class BowlPanel:
    name: str  # the input's
    input: float
    bowl: Bowl | None  # None: overflowed


def shared_scale(panels: Sequence[BowlPanel]) -> tuple[float, float]:
    """(R, y_max): offsets −R..R that hold every finite bottom with room to spare, and an error
    axis with the current error a little under half way up."""
    bottoms = [
        abs(p.bowl.minimum - p.bowl.weight)
        for p in panels
        if p.bowl is not None and math.isfinite(p.bowl.minimum) and not p.bowl.frozen
    ]
    reach = max(bottoms, default=0.0)
    offsets = 1.25 * reach if reach > 0 else 0.1
    errors = [p.bowl.error for p in panels if p.bowl is not None]
    now = max(errors, default=0.0)
    if now > 0:
        return offsets, 2.2 * now
    ends = [p.bowl.at(p.bowl.weight + offsets / 2) for p in panels if p.bowl is not None]
    return offsets, max([*ends, 1e-6])


def slope_text(slope: float) -> str:
    return f"slope {slope:.3g}".replace("-", MINUS) if math.isfinite(slope) else "overflow"


class Bowls:
    """``panels`` side by side, ``height`` lines tall; ``selected`` is highlighted."""

    def __init__(
        self, panels: Sequence[BowlPanel], selected: int, height: int, palette: Palette = DARK
    ) -> None:
        self.panels = panels
        self.selected = selected
        self.height = height
        self.palette = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for row in self.rows(options.max_width, self.height):
            yield from row
            yield Segment.line()

    def rows(self, width: int, height: int) -> list[list[Segment]]:
        n = len(self.panels)
        panel_w = max(8, (width - GAP * (n - 1)) // n)
        offsets, y_max = shared_scale(self.panels)
        blocks = [
            self._panel(k, panel, panel_w, max(3, height - 3), offsets, y_max)
            for k, panel in enumerate(self.panels)
        ]
        rows: list[list[Segment]] = []
        for y in range(len(blocks[0])):
            row: list[Segment] = []
            for k, block in enumerate(blocks):
                if k:
                    row.append(Segment(" " * GAP))
                row.extend(block[y])
            spare = width - (panel_w * n + GAP * (n - 1))
            if spare > 0:
                row.append(Segment(" " * spare))
            rows.append(row)
        return rows

    def _panel(
        self, k: int, panel: BowlPanel, w: int, h: int, offsets: float, y_max: float
    ) -> list[list[Segment]]:
        p = self.palette
        head_style = p.cursor if k == self.selected else p.text
        title = f"{panel.name}{' ❄' if panel.bowl and panel.bowl.frozen else ''}"
        title += f"  x={panel.input:g}".replace("-", MINUS)
        lines = [[Segment(title[:w].center(w), head_style)]]
        canvas = Canvas(w, h)
        bowl = panel.bowl
        if bowl is None:
            canvas.text(0, 0, "overflow", p.error)
            lines += canvas.lines()
            lines.append([Segment("─" * w, p.muted)])
            lines.append([Segment("overflow".center(w), p.error)])
            return lines

        def px(d: float) -> float:
            return (d + offsets) / (2 * offsets) * (canvas.dots_wide - 1)

        def py(e: float) -> float:
            return (1 - min(e, y_max * 1.5) / y_max) * (canvas.dots_high - 1)

        previous = None
        for sx in range(canvas.dots_wide):
            d = sx / (canvas.dots_wide - 1) * 2 * offsets - offsets
            e = bowl.at(bowl.weight + d)
            if not math.isfinite(e) or e > y_max:
                previous = None
                continue
            point = (sx, py(e))
            if previous is not None:
                canvas.line(*previous, *point, p.curve)
            previous = point
        canvas.dot(round(px(0.0)), round(py(bowl.error)), p.cursor)
        canvas.text(round(px(0.0)) // 2, round(py(bowl.error)) // 4, "●", p.cursor)
        axis = ["─"] * w
        if math.isfinite(bowl.minimum):
            at = round(px(bowl.minimum - bowl.weight)) // 2
            if 0 <= at < w:
                axis[at] = "▲"
        lines += canvas.lines()
        lines.append([Segment("".join(axis), p.muted)])
        lines.append([Segment(slope_text(bowl.slope).center(w), p.strong)])
        return lines
