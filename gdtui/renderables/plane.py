"""The error plane as a heat map with contour bands, the descent path drawn on it.

One cell a grid point: its background is the error's band (the log of the error cut into
``BANDS`` equal steps between the lowest and highest error in view, dark to bright), so the
edges between bands are the plane's contour lines. The path of past weights is drawn as dots,
the current point as ●. The axes are labelled with the weights'
values at their ends.
"""

from __future__ import annotations

import numpy as np
from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from ..palette import DARK, Palette
from .canvas import as_lines
from .numbers import num, tick

BANDS = 9
FLOOR = 1e-4  # errors below this share of the largest in view share the lowest band
LABEL = 8  # columns for the w_b labels at the left (the plot is the rest, less one)


def bands(errors: np.ndarray) -> np.ndarray:
    """Each error's band, 0 (lowest in view) to BANDS - 1, on a log scale over four decades
    below the largest error in view; overflowed ones are the top band."""
    with np.errstate(all="ignore"):
        finite_errors = errors[np.isfinite(errors)]
        top = float(finite_errors.max()) if finite_errors.size else 1.0
        levels = np.log10(np.maximum(errors, max(top * FLOOR, 1e-300)))
    finite = levels[np.isfinite(levels)]
    if not finite.size:
        return np.full(errors.shape, BANDS - 1)
    lo, hi = float(finite.min()), float(finite.max())
    if hi - lo < 1e-12:
        return np.zeros(errors.shape, dtype=int)
    with np.errstate(all="ignore"):
        cut = np.floor((levels - lo) / (hi - lo) * BANDS)
    cut[~np.isfinite(cut)] = BANDS - 1
    return np.clip(cut, 0, BANDS - 1).astype(int)


class PlaneMap:
    """``errors[row][col]`` with w_b = ``ys[row]`` (top first) and w_a = ``xs[col]``;
    ``point`` and ``path`` are (row, col) cells (``path`` oldest first, None when outside)."""

    def __init__(
        self,
        errors: np.ndarray,
        xs: np.ndarray,
        ys: np.ndarray,
        point: tuple[int, int] | None,
        path: list[tuple[int, int] | None],
        palette: Palette = DARK,
    ) -> None:
        self.errors, self.xs, self.ys = errors, xs, ys
        self.point, self.path = point, path
        self.palette = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from as_lines(self.rows())

    def _styles(self) -> list[Style]:
        pixels = self.palette.pixels
        out = []
        for k in range(BANDS):
            t = k / (BANDS - 1)
            rgb = [
                round(a + (b - a) * t) for a, b in zip(pixels.zero, pixels.positive, strict=True)
            ]
            out.append(Style(bgcolor=Color.from_rgb(*rgb)))
        return out

    def rows(self) -> list[list[Segment]]:
        p = self.palette
        band = bands(self.errors)
        backgrounds = self._styles()
        marks: dict[tuple[int, int], tuple[str, Style]] = {}
        for cell in self.path:
            if cell is not None:
                marks[cell] = ("•", p.secondary)
        if self.point is not None:
            marks[self.point] = ("●", p.cursor)
        top, bottom = tick(self.ys[0]), tick(self.ys[-1])
        label_w = LABEL
        out: list[list[Segment]] = []
        n_rows, n_cols = self.errors.shape
        for r in range(n_rows):
            label = top if r == 0 else bottom if r == n_rows - 1 else ""
            row = [
                Segment(label.rjust(label_w), p.secondary),
                Segment("┤" if label else "│", p.muted),
            ]
            for c in range(n_cols):
                bg = backgrounds[int(band[r, c])]
                mark = marks.get((r, c))
                if mark is None:
                    row.append(Segment(" ", bg))
                else:
                    row.append(Segment(mark[0], mark[1] + Style(bgcolor=bg.bgcolor, bold=True)))
            out.append(row)
        out.append([Segment(" " * label_w + "└" + "─" * n_cols, p.muted)])
        left, right = num(self.xs[0]), num(self.xs[-1])
        gap = max(n_cols - len(left) - len(right), 1)
        out.append([Segment(" " * (label_w + 1) + left + " " * gap + right, p.secondary)])
        return out
