"""The ``w`` view's drawing: weight_deltas as the outer product of the deltas and the input.

The delta column (one per output) times the input row (one per input) gives the matrix of
weight_deltas, rows = outputs and columns = inputs like the weights; under it alpha times that
matrix, what each weight loses this step, and the selected cell's product written out. The
numbers are the step record's, the engine's, not computed again here: the view shows what the
coming step will do. Wide networks show a window of columns around the selected input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text

from ..palette import DARK, Palette
from .numbers import MINUS, alpha_text, fit, short

CELL = 10  # characters a matrix column takes
FROZEN_MARK = "❄"


@dataclass(frozen=True)
class OuterView:
    input_names: Sequence[str]
    output_names: Sequence[str]
    input: np.ndarray  # the coming example's values
    delta: np.ndarray  # one per output
    weight_deltas: np.ndarray  # [n_out][n_in], the engine's (0 where frozen)
    weights: np.ndarray  # before the coming step
    weights_after: np.ndarray
    frozen: np.ndarray
    alpha: float
    selected: tuple[int, int]  # (output, input)
    step: int  # the coming step's number
    example: int  # the data row it learns from


def written(value: float) -> str:
    """A number in the written-out arithmetic as the book writes it (8.5, 0.455, 3.8675: at
    most four decimals), with a real minus sign."""
    return short(value).replace("-", MINUS)


def factor(value: float) -> str:
    """A right-hand factor: negative ones in brackets."""
    text = written(value)
    return f"({text})" if text.startswith(MINUS) else text


def shape_note(n_out: int, n_in: int) -> str:
    """What the outer product is for this shape, in the chapter's terms."""
    if n_out == 1 and n_in == 1:
        return "one input and one output: the outer product is a single product, delta × input"
    if n_out == 1:
        return (
            "one output: a one-row outer product, the delta times each input "
            "(the chapter's ele_mul(delta, input))"
        )
    if n_in == 1:
        return (
            "one input: a one-column outer product, each delta times the input "
            "(the chapter's ele_mul(input, delta))"
        )
    return (
        "the chapter writes outer_prod(input, delta), which puts inputs in rows; the weights "
        "keep a row per output, so the update takes outer_prod(delta, input): "
        "the same products, transposed"
    )


def columns_shown(n_in: int, selected: int, room: int) -> range:
    """The inputs that fit in ``room`` columns: all, or a window that holds ``selected``."""
    if n_in <= room:
        return range(n_in)
    room = max(1, room)
    start = min(max(0, selected - room // 2), n_in - room)
    return range(start, start + room)


class OuterProduct:
    def __init__(self, view: OuterView, palette: Palette = DARK) -> None:
        self.view = view
        self.palette = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(options.max_width)

    def lines(self, width: int) -> list[Text]:
        v, p = self.view, self.palette
        n_out, n_in = v.weight_deltas.shape
        sj = v.selected[1]
        name_w = max(6, *(len(name) for name in v.output_names)) + 1
        left = name_w + CELL + 2  # output name, its delta, a gap
        shown = columns_shown(n_in, sj, (width - left) // CELL)
        lines = [
            Text.assemble(
                (f"weight_deltas for step {v.step}", p.heading),
                (f" (data row {v.example}): each output's delta × each input", p.muted),
            )
        ]

        def header(label: str, cells: list[tuple[str, Style]]) -> Text:
            line = Text(label, p.muted, no_wrap=True, overflow="crop")
            for text, style in cells:
                line.append(text.rjust(CELL), style)
            return line

        def col_style(j: int) -> Style:
            return p.cursor if j == sj else p.text

        more = []
        if shown.start > 0:
            more.append(f"← {shown.start} more")
        if shown.stop < n_in:
            more.append(f"{n_in - shown.stop} more →")
        inputs = f"input →  ({', '.join(more)})" if more else "input →"
        names = [(v.input_names[j], col_style(j)) for j in shown]
        lines.append(header(inputs.rjust(left), names))
        values = [(short(v.input[j]), col_style(j)) for j in shown]
        lines.append(
            header((" output".ljust(name_w + 1) + "delta ↓".rjust(CELL)).ljust(left), values)
        )
        for i in range(n_out):
            lines.append(self._row(i, shown, name_w, v.delta[i], v.weight_deltas))
        lines.append(
            Text(
                " rows are outputs, columns inputs: [out][in] = delta[out] × input[in]",
                p.muted,
            )
        )
        with np.errstate(all="ignore"):
            changes = v.alpha * v.weight_deltas
        lines.append(Text(""))
        lines.append(
            Text(
                f"alpha × weight_deltas (alpha {alpha_text(v.alpha)}): "
                "taken from each weight this step",
                p.heading,
            )
        )
        for i in range(n_out):
            lines.append(self._row(i, shown, name_w, None, changes))
        lines += self._selected_lines()
        lines.append(Text(shape_note(n_out, n_in), p.muted))
        return lines

    def _row(
        self, i: int, shown: range, name_w: int, delta: float | None, matrix: np.ndarray
    ) -> Text:
        v, p = self.view, self.palette
        si, sj = v.selected
        line = Text(" ", no_wrap=True, overflow="crop")
        line.append(v.output_names[i].ljust(name_w), p.cursor if i == si else p.text)
        line.append(fit(delta, CELL) if delta is not None else " " * CELL, p.text)
        line.append("  ")
        for j in shown:
            cell = fit(matrix[i, j], CELL - 1)
            if v.frozen[i, j]:
                cell = (FROZEN_MARK + cell.lstrip()).rjust(CELL - 1)
            style = p.frozen if v.frozen[i, j] else p.strong if delta is not None else p.secondary
            if (i, j) == (si, sj):
                style = style + p.cursor_cell
            line.append(" ")
            line.append(cell, style)
        return line

    def _selected_lines(self) -> list[Text]:
        v, p = self.view, self.palette
        i, j = v.selected
        n_out, n_in = v.weight_deltas.shape
        if not (0 <= i < n_out and 0 <= j < n_in):
            return []
        out, inp = v.output_names[i], v.input_names[j]
        cell = f"weight_deltas[{out}][{inp}]"
        with np.errstate(all="ignore"):
            product = float(v.delta[i] * v.input[j])
        arithmetic = f"delta[{out}] × input[{inp}] = {written(v.delta[i])} × {factor(v.input[j])}"
        if v.frozen[i, j]:
            return [
                Text(f"{cell} = 0: the weight is frozen", p.frozen),
                Text(
                    f"  ({arithmetic} = {written(product)} is not taken); "
                    f"weights[{out}][{inp}] stays {written(v.weights[i, j])}",
                    p.text,
                ),
            ]
        wd = v.weight_deltas[i, j]
        alpha = alpha_text(v.alpha).replace("-", MINUS)
        return [
            Text(f"{cell} = {arithmetic} = {written(wd)}", p.cursor),
            Text(
                f"weights[{out}][{inp}] = {written(v.weights[i, j])} {MINUS} {alpha} × "
                f"{factor(wd)} = {written(v.weights_after[i, j])}",
                p.text,
            ),
        ]
