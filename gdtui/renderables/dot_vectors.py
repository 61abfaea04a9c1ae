"""The ``v`` view's drawing: the chapter's dot products, entry by entry, and pred as one.

The chapter reviews dot products with small vectors: a = [0, 1, 0, 1] and b = [1, 0, 1, 0]
multiply to [0, 0, 0, 0], which sums to 0 ("the vectors have nothing in common"), while
overlapping vectors score higher. Its figure adds c, d and e and six pairs. This draws the
vectors (one entry selected, possibly being typed), the selected pair's elementwise product
and sum, every pair's score, and the coming step's prediction written as the same kind of
dot product: an output's weights · the input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text

from ..palette import DARK, Palette
from .numbers import MINUS, short

# The chapter's vectors: a and b as its text prints them, c, d and e from its figure.
CHAPTER: tuple[tuple[str, tuple[float, ...]], ...] = (
    ("a", (0.0, 1.0, 0.0, 1.0)),
    ("b", (1.0, 0.0, 1.0, 0.0)),
    ("c", (0.0, 1.0, 1.0, 0.0)),
    ("d", (0.5, 0.0, 0.5, 0.0)),
    ("e", (0.0, 1.0, -1.0, 0.0)),
)
# The figure's pairs, by index into CHAPTER: a·b, b·c, b·d, c·c, d·d, c·e.
PAIRS: tuple[tuple[int, int], ...] = ((0, 1), (1, 2), (1, 3), (2, 2), (3, 3), (2, 4))
WRITTEN = 8  # up to this many inputs the prediction is written entry by entry


def written(value: float) -> str:
    """A value as the chapter writes it (0.5, 1, -1), with a real minus sign."""
    return short(value).replace("-", MINUS)


def dot(a: Sequence[float], b: Sequence[float]) -> tuple[list[float], float]:
    """The elementwise products and their sum, as the chapter's w_sum adds them up."""
    products = [x * y for x, y in zip(a, b, strict=True)]
    total = 0.0
    for value in products:
        total += value
    return products, total


def verdict(products: Sequence[float], total: float) -> str:
    """What the score says, in words that agree with the products beside it."""
    overlap = sum(1 for p in products if p != 0)
    if overlap == 0:
        return "nothing in common: every product is 0"
    if total == 0:
        return "the products cancel out: the sum is 0"
    if total < 0:
        return "they point apart: the score is negative"
    entries = "entry" if overlap == 1 else "entries"
    return f"they overlap in {overlap} {entries}: the score is above 0"


@dataclass(frozen=True)
class Prediction:
    """The coming step's prediction of one output as weights · input (the engine's numbers)."""

    output: str
    input: np.ndarray
    weights: np.ndarray
    pred: float
    example: int
    another: str  # how to pick another output ("" when there is only one)


@dataclass(frozen=True)
class DotsView:
    names: Sequence[str]
    vectors: Sequence[Sequence[float]]
    edited: Sequence[bool]  # whether each vector differs from the chapter's
    cursor: tuple[int, int]  # (vector, entry)
    typing: str | None  # what is being typed into the selected entry
    pair: int  # index into PAIRS
    prediction: Prediction | None


class DotVectorsPlot:
    def __init__(self, view: DotsView, palette: Palette = DARK) -> None:
        self.view = view
        self.palette = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines()

    def lines(self) -> list[Text]:
        v, p = self.view, self.palette
        left, right = PAIRS[v.pair]
        a, b = v.vectors[left], v.vectors[right]
        products, total = dot(a, b)
        cell = 2 + max(len(written(x)) for vector in (*v.vectors, products) for x in vector)
        cell = max(cell, 2 + len(v.typing or "") + 1)
        out = [
            Text.assemble(
                ("the chapter's vectors", p.heading),
                (" (a and b from its text, c, d and e from its figure)", p.muted),
            )
        ]
        for k, (name, vector) in enumerate(zip(v.names, v.vectors, strict=True)):
            line = Text(f"  {name} = ", p.text, no_wrap=True, overflow="crop")
            self._vector(line, vector, cell, k)
            if v.edited[k]:
                line.append("  edited", p.muted)
            out.append(line)

        na, nb = v.names[left], v.names[right]
        out.append(
            Text.assemble(
                (f"{na} · {nb}", p.heading), (": multiply entry by entry, then add up", p.muted)
            )
        )
        label = len(na) + 3 + len(nb)
        for name, vector in ((na, a), (nb, b)):
            line = Text(f"  {name.ljust(label)} ", p.text, no_wrap=True, overflow="crop")
            self._vector(line, vector, cell, None)
            out.append(line)
        line = Text(f"  {f'{na} × {nb}'.ljust(label)} ", p.text, no_wrap=True, overflow="crop")
        self._vector(line, products, cell, None)
        line.append(f"  → {written(total)}", p.strong)
        out.append(line)
        out.append(Text(f"  {verdict(products, total)}", p.muted))

        scores = Text("pairs:", p.text)
        for k, (i, j) in enumerate(PAIRS):
            score = dot(v.vectors[i], v.vectors[j])[1]
            style = p.cursor if k == v.pair else p.text
            scores.append(f" {v.names[i]}·{v.names[j]} = {written(score)} ", style)
        out += [Text(""), scores]
        out.append(
            Text("a dot product is a loose measure of similarity between two vectors", p.muted)
        )
        if v.prediction is not None:
            out += [Text(""), *self._prediction(v.prediction)]
        return out

    def _vector(self, line: Text, vector: Sequence[float], cell: int, row: int | None) -> None:
        v, p = self.view, self.palette
        line.append("[", p.muted)
        for k, value in enumerate(vector):
            style: Style = p.strong
            text = written(value)
            if row is not None and (row, k) == v.cursor:
                style = p.strong + p.cursor_cell
                if v.typing is not None:
                    text = v.typing + "▏"
            line.append(text.rjust(cell), style)
        line.append(" ]", p.muted)

    def _prediction(self, pred: Prediction) -> list[Text]:
        p = self.palette
        title = Text.assemble(
            ("the coming pred is a dot product too", p.heading),
            (": weights · input", p.muted),
            (f" ({pred.another})" if pred.another else "", p.muted),
        )
        with np.errstate(all="ignore"):
            products = pred.input * pred.weights
        result = f"{written(pred.pred)} = pred of {pred.output}"
        if len(pred.input) > WRITTEN:
            nonzero = int(np.count_nonzero(products))
            return [
                title,
                Text(
                    f"  input (row {pred.example}) × weights of {pred.output}: "
                    f"{len(products)} products, {nonzero} not 0, add up to {result}",
                    p.text,
                ),
            ]
        rows = (
            (f"input (row {pred.example})", pred.input),
            (f"weights of {pred.output}", pred.weights),
            ("input × weights", products),
        )
        cell = 2 + max(len(written(x)) for _, values in rows for x in values)
        label = max(len(name) for name, _ in rows)
        lines = [title]
        for name, values in rows:
            line = Text(f"  {name.ljust(label)} [", p.text, no_wrap=True, overflow="crop")
            for value in values:
                line.append(written(value).rjust(cell), p.strong)
            line.append(" ]", p.text)
            lines.append(line)
        lines[-1].append(f"  → {result}", p.strong)
        return lines
