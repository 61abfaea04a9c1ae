"""The weight table: rows are outputs, columns inputs; two lines a cell.

     ○    0.1000      the freeze marker (○ free, ❄ frozen) and the weight
      -1.1900 ▲▲▲     its weight_delta and the coming update's direction

The arrow points the way the weight will move (up: grow, since weight -= alpha * weight_delta),
and its size is that of the coming change alpha × weight_delta beside the weight itself, on a
fixed scale: ▲▲▲ at least 10% of the weight, ▲▲ at least 1%, ▲ less, · a change too small to
show at four decimals (the weight stays). Only a window of rows and columns around the cursor
is drawn, so any size of network fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from ..palette import DARK, Palette
from .canvas import as_lines
from .numbers import fit, moves

CELL = 13  # characters a cell
LINES = 2  # lines a cell
MARK_WIDTH = 3  # clicking the first three characters of a cell's first line toggles freezing
FREE_MARK, FROZEN_MARK = "○", "❄"
BOLD = Style(bold=True)


@dataclass(frozen=True, eq=False)  # holds arrays: compared as objects, never by value
class GridView:
    input_names: Sequence[str]
    output_names: Sequence[str]
    weights: np.ndarray
    weight_deltas: np.ndarray
    frozen: np.ndarray
    cursor: tuple[int, int]
    alpha: float = 1.0


@dataclass(frozen=True)
class Window:
    """Which rows and columns are drawn, and where they start on screen."""

    label_width: int
    row0: int
    rows: int
    col0: int
    cols: int

    def cell_at(self, x: int, y: int) -> tuple[int, int, bool] | None:
        """(output, input, on_marker) under content offset (x, y), or None."""
        if y < 1 or x < self.label_width:
            return None
        r, line = divmod(y - 1, LINES)
        c, cx = divmod(x - self.label_width, CELL)
        if r >= self.rows or c >= self.cols:
            return None
        return self.row0 + r, self.col0 + c, line == 0 and cx < MARK_WIDTH


def label_width(view: GridView) -> int:
    return max(len(n) for n in view.output_names) + 1


def window(view: GridView, width: int, max_rows: int) -> Window:
    """The largest window around the cursor that fits ``width`` and ``max_rows`` cell rows."""
    n_out, n_in = view.weights.shape
    lw = label_width(view)
    cols = max(1, min(n_in, (width - lw) // CELL))
    rows = max(1, min(n_out, max_rows))
    i, j = view.cursor
    col0 = min(max(0, j - cols // 2), n_in - cols)
    row0 = min(max(0, i - rows // 2), n_out - rows)
    return Window(lw, row0, rows, col0, cols)


SCALE = (0.01, 0.1)  # the change beside the weight from which ▲▲ and ▲▲▲ are drawn


def arrow(weight: float, change: float, frozen: bool, palette: Palette = DARK) -> tuple[str, Style]:
    """The coming update of ``weight`` by ``change`` (alpha × weight_delta, taken from it)."""
    if frozen:
        return FROZEN_MARK, palette.frozen
    way = moves(change)
    if not np.isfinite(change) or not np.isfinite(weight):
        return "", palette.still
    if way == 0:
        return "·", palette.still
    share = abs(change) / max(abs(weight), abs(change))
    size = sum(share >= level for level in SCALE)
    if way > 0:
        return "▲" * (size + 1), palette.grow[size]
    return "▼" * (size + 1), palette.shrink[size]


class WeightGrid:
    def __init__(self, view: GridView, max_rows: int, palette: Palette = DARK) -> None:
        self.view = view
        self.max_rows = max_rows
        self.palette = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from as_lines(self.rows(options.max_width))

    def rows(self, width: int) -> list[list[Segment]]:
        v, p = self.view, self.palette
        win = window(v, width, self.max_rows)
        wd = v.weight_deltas
        lw = win.label_width
        head = [Segment(" " * lw)]
        for j in range(win.col0, win.col0 + win.cols):
            head.append(Segment(v.input_names[j][: CELL - 2].center(CELL), p.muted + BOLD))
        out = [head]
        for i in range(win.row0, win.row0 + win.rows):
            top = [Segment(v.output_names[i].ljust(lw), p.strong)]
            bottom = [Segment(" " * lw)]
            for j in range(win.col0, win.col0 + win.cols):
                frozen = bool(v.frozen[i, j])
                bg = p.cursor_cell if (i, j) == v.cursor else p.frozen_bg if frozen else None
                mark = (FROZEN_MARK, p.frozen) if frozen else (FREE_MARK, p.muted)
                with np.errstate(all="ignore"):
                    change = v.alpha * float(wd[i, j])
                text, style = arrow(float(v.weights[i, j]), change, frozen, p)
                cells_top = [
                    (" ", p.muted),
                    mark,
                    (" ", p.muted),
                    (fit(v.weights[i, j], 9), p.strong),
                    (" ", p.muted),
                ]
                cells_bottom = [
                    (" ", p.muted),
                    (fit(wd[i, j], 8), p.secondary),
                    (" ", p.muted),
                    (text.ljust(3)[:3], style),
                ]
                top.extend(Segment(t, s + bg if bg else s) for t, s in cells_top)
                bottom.extend(Segment(t, s + bg if bg else s) for t, s in cells_bottom)
            out.extend((top, bottom))
        return out
