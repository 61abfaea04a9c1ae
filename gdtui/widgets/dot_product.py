"""The chapter's dot product, drawn: input, weights, their product pixel by pixel, its sum."""

from __future__ import annotations

import numpy as np
from textual.strip import Strip

from ..engine import StepRecord
from ..palette import Palette
from ..renderables.numbers import num
from ..renderables.pixels import pool, robust_scale
from .strip_panel import StripPanel, column, image_strips, text

FULL = 28 * 3 + 3 * 2  # three pictures and the two signs between them


def dot_product_lines(
    pixels: np.ndarray,
    weights: np.ndarray,
    total: float,
    name: str,
    palette: Palette,
    *,
    small: bool,
    truecolor: bool,
    input_name: str = "input",
) -> list[Strip]:
    """``pixels`` × ``weights`` (784 each) as three pictures, and ``total``, their sum, as the
    prediction for ``name``. ``small``: pooled 2x2, 14 cells a picture instead of 28."""
    x, w = pixels.reshape(28, 28), weights.reshape(28, 28)
    with np.errstate(all="ignore"):
        product = x * w
    if small:
        x, w, product = pool(x), pool(w), pool(product)
    size, p = x.shape[1], palette
    gap = [text("", p.text)] * (x.shape[0] // 4 + 1)
    blocks = [
        [text(input_name, p.text), *image_strips(x, 1.0, p, grey=True, truecolor=truecolor)],
        [*gap, text(" × ", p.text)],
        [
            text(f"weights of {name}", p.text),
            *image_strips(w, robust_scale(w), p, truecolor=truecolor),
        ],
        [*gap, text(" = ", p.text)],
        [
            text(f"{input_name} × weights", p.text),
            *image_strips(product, robust_scale(product), p, truecolor=truecolor),
        ],
    ]
    lines: list[Strip] = column(blocks, [size, 3, size, 3, size], 0)
    lines.append(
        text(f"sum of {input_name} × weights = {num(total)} = the prediction for {name}", p.text)
    )
    lines.append(text("orange adds (ink on a + weight), blue subtracts", p.muted))
    return lines


class DotProduct(StripPanel):
    """For the selected digit: the prediction is the sum of input x weights over the pixels,
    so it is large where the picture of the weights looks like the input."""

    def draw(self, record: StepRecord, digit: int, names: tuple[str, ...], truecolor: bool) -> None:
        self.set_lines(
            dot_product_lines(
                record.input,
                record.weights[digit],
                float(record.pred[digit]),
                names[digit],
                self.palette,
                small=self.size.width < FULL,
                truecolor=truecolor,
            )
        )
