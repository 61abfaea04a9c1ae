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
from .canvas import Canvas, as_lines
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


@dataclass(frozen=True)
class Layout:
    """Each panel's width and plot height (in cells), and its offsets −R..R. Every panel has
    the same scale, offset and error per dot, except the selected one when it is drawn larger:
    then it is magnified by the same factor in both directions, so its slope looks the same."""

    widths: tuple[int, ...]
    heights: tuple[int, ...]
    offsets: tuple[float, ...]

    @property
    def enlarged(self) -> bool:
        return len(set(self.heights)) > 1


MIN_SMALL_WIDTH = 14  # a smaller panel is no narrower than this when the selected one grows
MIN_SMALL_HEIGHT = 5  # nor shorter
ZOOMS = (2.0, 1.5)  # the selected panel's magnification, the largest that fits


def layout(n: int, selected: int, width: int, height: int, offsets: float) -> Layout:
    """The panels of ``n`` bowls in ``width`` x ``height`` cells (titles and axes included)."""
    plot = max(3, height - 3)
    room = width - GAP * (n - 1)
    for zoom in ZOOMS if 0 <= selected < n else ():
        small = round(plot / zoom)
        if small < MIN_SMALL_HEIGHT:
            continue
        exact = plot / small  # rows are whole: the true magnification
        w = int(room / (n - 1 + exact))
        big = room - w * (n - 1)
        if w < MIN_SMALL_WIDTH or big <= w:
            continue
        # Widths are whole too: the selected panel's offsets make up for the rounding, so that
        # an offset takes exactly ``exact`` times the columns it takes in the others.
        big_offsets = offsets * big / (w * exact)
        widths = tuple(big if k == selected else w for k in range(n))
        heights = tuple(plot if k == selected else small for k in range(n))
        return Layout(
            widths, heights, tuple(big_offsets if k == selected else offsets for k in range(n))
        )
    w = max(8, room // n)
    return Layout((w,) * n, (plot,) * n, (offsets,) * n)


class Bowls:
    """``panels`` side by side, ``height`` lines tall; ``selected`` is highlighted, and drawn
    larger when there is room (``enlarge``)."""

    def __init__(
        self,
        panels: Sequence[BowlPanel],
        selected: int,
        height: int,
        palette: Palette = DARK,
        enlarge: bool = True,
    ) -> None:
        self.panels = panels
        self.selected = selected
        self.height = height
        self.palette = palette
        self.enlarge = enlarge

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from as_lines(self.rows(options.max_width, self.height))

    def layout(self, width: int, height: int) -> Layout:
        offsets, _ = shared_scale(self.panels)
        return layout(
            len(self.panels), self.selected if self.enlarge else -1, width, height, offsets
        )

    def rows(self, width: int, height: int) -> list[list[Segment]]:
        n = len(self.panels)
        _, y_max = shared_scale(self.panels)
        shape = self.layout(width, height)
        zoom = max(shape.heights) / min(shape.heights)
        blocks = [
            self._panel(k, panel, shape.widths[k], shape.heights[k], shape.offsets[k], y_max, zoom)
            for k, panel in enumerate(self.panels)
        ]
        tall = max(len(block) for block in blocks)
        rows: list[list[Segment]] = []
        for y in range(tall):
            row: list[Segment] = []
            for k, block in enumerate(blocks):
                if k:
                    row.append(Segment(" " * GAP))
                # Shorter panels stand on the same baseline as the tall one.
                at = y - (tall - len(block))
                row.extend(block[at] if at >= 0 else [Segment(" " * shape.widths[k])])
            spare = width - (sum(shape.widths) + GAP * (n - 1))
            if spare > 0:
                row.append(Segment(" " * spare))
            rows.append(row)
        return rows

    def _panel(
        self,
        k: int,
        panel: BowlPanel,
        w: int,
        h: int,
        offsets: float,
        y_max: float,
        zoom: float = 1,
    ) -> list[list[Segment]]:
        p = self.palette
        head_style = p.cursor if k == self.selected else p.text
        title = f"{panel.name}{' ❄' if panel.bowl and panel.bowl.frozen else ''}"
        title += f"  x={panel.input:g}".replace("-", MINUS)
        if zoom != 1 and k == self.selected:
            title += f"  (drawn ×{zoom:.2g})"
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
