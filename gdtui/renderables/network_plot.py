"""The chapter's network picture: inputs on the left, outputs on the right, a weight on each edge.

Edges are braille lines coloured by the weight's sign (orange positive, blue negative, bright
when large), frozen ones dashed and marked with a snowflake, the selected one highlighted. Each
edge carries its weight as a label when there is room; when there is not, the colours stay and
the numbers are left to the table.

With several inputs and several outputs (the chapter's 3x3) every edge crosses others: only the
selected output's edges (its row of weights, the ones its weighted sum uses) are drawn in
colour and labelled; the others are faint lines without numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from ..palette import DARK, Palette
from .canvas import Canvas, as_lines
from .numbers import num, short

FROZEN_MARK = "❄"
ROW_SPACING = 3  # rows per node the picture would like


@dataclass(frozen=True, eq=False)  # holds arrays: compared as objects, never by value
class NetworkView:
    input_names: Sequence[str]
    inputs: np.ndarray  # the current example's values
    output_names: Sequence[str]
    pred: np.ndarray
    true: np.ndarray
    weights: np.ndarray  # [n_out][n_in]
    frozen: np.ndarray
    selected: tuple[int, int]

    @property
    def nodes(self) -> int:
        return max(len(self.input_names), len(self.output_names))

    @property
    def focused(self) -> bool:
        """Whether only the selected output's edges are drawn strongly (several of each)."""
        return (
            len(self.input_names) > 1
            and len(self.output_names) > 1
            and 0 <= self.selected[0] < len(self.output_names)
        )


MAX_NODES = 16  # more inputs or outputs than this and the picture gives way to a note


def preferred_height(view: NetworkView, most: int = 24) -> int:
    if view.nodes > MAX_NODES:
        return 1
    return min(most, ROW_SPACING * view.nodes)


class NetworkPlot:
    def __init__(self, view: NetworkView, height: int, palette: Palette = DARK) -> None:
        self.view = view
        self.height = height
        self.palette = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from as_lines(self.rows(options.max_width, self.height))

    def rows(self, width: int, height: int) -> list[list[Segment]]:
        v, p = self.view, self.palette
        n_in, n_out = len(v.input_names), len(v.output_names)
        area = height
        left = [f"{name} {short(x)}" for name, x in zip(v.input_names, v.inputs, strict=True)]
        right = [
            f"{name} {num(p)} / {short(t)}"
            for name, p, t in zip(v.output_names, v.pred, v.true, strict=True)
        ]
        left_w = max(map(len, left)) + 2  # text, space, node
        right_w = max(map(len, right)) + 2
        channel = width - left_w - right_w
        if area < v.nodes or channel < 4 or v.nodes > MAX_NODES:
            note = f"{n_in} inputs -> {n_out} outputs: too big to draw here; see the weight table"
            return [[Segment(note[:width], p.muted)]] + [[] for _ in range(height - 1)]

        canvas = Canvas(width, height)
        y_in, y_out = _rows(n_in, area), _rows(n_out, area)
        si, sj = v.selected

        # Edges first (faint ones under strong ones, the selected one last, on top), then nodes
        # and labels over them.
        x0, x1 = 2 * left_w, 2 * (width - right_w) - 1
        edges = [(i, j) for i in range(n_out) for j in range(n_in) if (i, j) != (si, sj)]
        if v.focused:
            edges.sort(key=lambda edge: edge[0] == si)
        if 0 <= si < n_out and 0 <= sj < n_in:
            edges.append((si, sj))
        biggest = float(np.nanmax(np.abs(v.weights))) if np.isfinite(v.weights).any() else 0.0
        for i, j in edges:
            style, dash = self._edge_style(i, j, biggest)
            canvas.line(x0, 4 * y_in[j] + 1.5, x1, 4 * y_out[i] + 1.5, style, dash)
        for j, text in enumerate(left):
            style = p.cursor if j == sj else p.text
            canvas.text(left_w - 2 - len(text), y_in[j], text, style)
            canvas.text(left_w - 1, y_in[j], "●", p.strong)
        for i, text in enumerate(right):
            style = p.cursor if i == si else p.muted if v.focused else p.text
            canvas.text(width - right_w, y_out[i], "●", p.strong)
            canvas.text(width - right_w + 2, y_out[i], text, style)
        if channel >= 10:
            for i, j in reversed(edges):  # the selected label claims its place first
                if not v.focused or i == si:
                    self._label(canvas, i, j, left_w, channel, y_in[j], y_out[i])
        return canvas.lines()

    def _edge_style(self, i: int, j: int, biggest: float) -> tuple[Style, int]:
        v, p = self.view, self.palette
        if (i, j) == v.selected:
            return p.cursor, 2 if v.frozen[i, j] else 0
        if v.focused and i != v.selected[0]:
            return p.still, 2 if v.frozen[i, j] else 0
        if v.frozen[i, j]:
            return p.frozen, 2
        w = float(v.weights[i, j])
        # One output's edges alone are all bright: the faint ones are what they stand out from.
        large = v.focused or (biggest > 0 and abs(w) >= 0.5 * biggest)
        return (p.positive if w >= 0 else p.negative)[large], 0

    def _label(
        self, canvas: Canvas, i: int, j: int, left_w: int, channel: int, y0: int, y1: int
    ) -> None:
        v, p = self.view, self.palette
        n_in, n_out = len(v.input_names), len(v.output_names)
        text = num(v.weights[i, j])
        if v.frozen[i, j]:
            text = FROZEN_MARK + text
        # One column of labels per output, so that labels of one output never share a row; one
        # output's edges alone are labelled near the inputs, where they are furthest apart.
        if v.focused:
            t = 0.3
        elif n_in == 1 or n_out == 1:
            t = 0.5
        else:
            t = 0.2 + 0.5 * i / (n_out - 1)
        x = left_w + round(t * channel) - len(text) // 2
        x = min(max(x, left_w), left_w + channel - len(text))
        y = round(y0 + t * (y1 - y0))
        if (i, j) == v.selected:
            style = p.cursor
        else:
            sign = p.positive if v.weights[i, j] >= 0 else p.negative
            style = p.frozen if v.frozen[i, j] else sign[1]
        for dy in (0, -1, 1):
            if canvas.is_free(x - 1, y + dy, len(text) + 2):
                canvas.text(x, y + dy, text, style)
                return


def _rows(n: int, area: int) -> list[int]:
    """Rows for ``n`` nodes, evenly spaced and centred in ``area`` rows."""
    spacing = max(1, area // n)
    top = (area - (n - 1) * spacing - 1) // 2
    return [top + k * spacing for k in range(n)]
