"""The chapter's dot product, drawn: input, weights, their product pixel by pixel, its sum."""

from __future__ import annotations

import numpy as np
from textual.strip import Strip

from ..engine import StepRecord
from ..renderables.numbers import num
from ..renderables.pixels import pool, robust_scale
from .strip_panel import StripPanel, column, image_strips, text

FULL = 28 * 3 + 3 * 2  # three pictures and the two signs between them


class DotProduct(StripPanel):
    """For the selected digit: the prediction is the sum of input x weights over the pixels,
    so it is large where the picture of the weights looks like the input."""

    def draw(self, record: StepRecord, digit: int, names: tuple[str, ...], truecolor: bool) -> None:
        x = record.input.reshape(28, 28)
        w = record.weights[digit].reshape(28, 28)
        with np.errstate(all="ignore"):
            product = x * w
        small = self.size.width < FULL
        if small:
            x, w, product = pool(x), pool(w), pool(product)
        size, p = x.shape[1], self.palette
        gap = [text("", p.text)] * (x.shape[0] // 4 + 1)
        blocks = [
            [text("input", p.text), *image_strips(x, 1.0, p, grey=True, truecolor=truecolor)],
            [*gap, text(" × ", p.text)],
            [
                text(f"weights of {names[digit]}", p.text),
                *image_strips(w, robust_scale(w), p, truecolor=truecolor),
            ],
            [*gap, text(" = ", p.text)],
            [
                text("input × weights", p.text),
                *image_strips(product, robust_scale(product), p, truecolor=truecolor),
            ],
        ]
        lines: list[Strip] = column(blocks, [size, 3, size, 3, size], 0)
        total = float(record.pred[digit])
        lines.append(
            text(
                f"sum of input × weights = {num(total)} = the prediction for {names[digit]}", p.text
            )
        )
        lines.append(text("a dot product: large when the two pictures overlap", p.muted))
        self.set_lines(lines)
