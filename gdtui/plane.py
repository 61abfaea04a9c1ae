"""The error plane: the error over two weights, the others held where they are.

The chapter draws one weight's error as a curve and says the curves are slices of an error
plane. Here the slice is two-dimensional: for weights a = (i, j) and b = (k, l), the error at
every (w_a, w_b) of a grid, with every other weight at its current value. With one example it
is the book's error on that example (summed over the outputs); with several, the mean over the
epoch's examples of that summed error, as gdtui measures an epoch. The window has the same
scale both ways (a weight unit is as long across as up, a cell being twice as tall as wide),
and holds the current point, the path that led there and the bottom of the bowl along each
of the two weights alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .engine import Problem


@dataclass(frozen=True, eq=False)
class ErrorPlane:
    """The error over a grid: ``errors[row][col]`` at w_b = ``ys[row]`` (top row first, the
    largest w_b) and w_a = ``xs[col]``; the current point; the path of past (w_a, w_b)."""

    a: tuple[int, int]
    b: tuple[int, int]
    xs: np.ndarray
    ys: np.ndarray
    errors: np.ndarray
    point: tuple[float, float]
    error: float  # at the current point
    path: tuple[tuple[float, float], ...]
    what: str  # which error it is, in words
    window: tuple[float, float, float]  # (centre w_a, centre w_b, half width along w_a)

    def cell(self, w_a: float, w_b: float) -> tuple[int, int] | None:
        """The grid cell (row, col) holding the point, or None outside the window."""
        if not (math.isfinite(w_a) and math.isfinite(w_b)):
            return None
        dx, dy = self.xs[1] - self.xs[0], self.ys[0] - self.ys[1]
        col = round((w_a - self.xs[0]) / dx)
        row = round((self.ys[0] - w_b) / dy)
        if 0 <= row < len(self.ys) and 0 <= col < len(self.xs):
            return int(row), int(col)
        return None


def what_error(problem: Problem) -> str:
    rows = len(problem.examples)
    if rows == 1:
        return f"the error on example {int(problem.examples[0])} (summed over the outputs)"
    return f"the mean over the {rows} examples of the summed error"


def error_plane(
    problem: Problem,
    weights: np.ndarray,
    inputs: np.ndarray,
    targets: np.ndarray,
    a: tuple[int, int],
    b: tuple[int, int],
    size: tuple[int, int],
    path: tuple[tuple[float, float], ...] = (),
    window: tuple[float, float, float] | None = None,
) -> ErrorPlane:
    """The plane over ``size`` (columns, rows) cells. ``window`` (centre_a, centre_b, half
    width along w_a) keeps a previous window; otherwise one is fitted around the point, the
    path and the lowest point."""
    cols, rows = max(size[0], 2), max(size[1], 2)
    x = inputs[problem.examples]
    t = targets[problem.examples]
    point = (float(weights[a]), float(weights[b]))
    if window is None:
        centre_a, centre_b, span_a, span_b = fit_window(weights, x, t, a, b, point, path)
        window = (centre_a, centre_b, max(span_a, span_b * (cols - 1) / (2 * (rows - 1))))
    centre_a, centre_b, half = window
    step = 2 * half / (cols - 1)
    xs = centre_a + (np.arange(cols) - (cols - 1) / 2) * step
    ys = centre_b - (np.arange(rows) - (rows - 1) / 2) * 2 * step  # cells are twice as tall
    errors = errors_at(weights, x, t, a, b, xs[None, :] - point[0], ys[:, None] - point[1])
    here = float(errors_at(weights, x, t, a, b, np.zeros((1, 1)), np.zeros((1, 1)))[0, 0])
    return ErrorPlane(a, b, xs, ys, errors, point, here, path, what_error(problem), window)


def errors_at(
    weights: np.ndarray,
    x: np.ndarray,
    t: np.ndarray,
    a: tuple[int, int],
    b: tuple[int, int],
    da: np.ndarray,
    db: np.ndarray,
) -> np.ndarray:
    """The error with w_a moved by ``da`` and w_b by ``db`` (arrays that broadcast)."""
    with np.errstate(all="ignore"):
        delta = x @ weights.T - t  # [examples][outputs] at the current weights
        shift = np.zeros(np.broadcast(da, db).shape + delta.shape)
        shift[..., a[0]] += da[..., None] * x[:, a[1]]
        shift[..., b[0]] += db[..., None] * x[:, b[1]]
        squares = (delta + shift) ** 2
        return squares.sum(axis=-1).mean(axis=-1)


def fit_window(
    weights: np.ndarray,
    x: np.ndarray,
    t: np.ndarray,
    a: tuple[int, int],
    b: tuple[int, int],
    point: tuple[float, float],
    path: tuple[tuple[float, float], ...],
) -> tuple[float, float, float, float]:
    """The centre and half extents (along w_a, along w_b) of a window around the point and the
    path, reaching for the lowest point along each weight alone (the bottom of each bowl)."""
    xs = [point[0], *(p[0] for p in path)]
    ys = [point[1], *(p[1] for p in path)]
    with np.errstate(all="ignore"):
        delta = x @ weights.T - t
        for (i, j), values, here in ((a, xs, point[0]), (b, ys, point[1])):
            xj = x[:, j]
            ss = float((xj * xj).sum())
            if ss > 0:  # the bottom of the bowl along this weight alone
                values.append(here - float((delta[:, i] * xj).sum()) / ss)
    xs = [v for v in xs if math.isfinite(v)] or [0.0]
    ys = [v for v in ys if math.isfinite(v)] or [0.0]
    span_a = max((max(xs) - min(xs)) * 0.6, 0.05)
    span_b = max((max(ys) - min(ys)) * 0.6, 0.05)
    return (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2, span_a, span_b
