"""Ten pictures of weights, one per digit: what each output has learned to look for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.message import Message
from textual.strip import Strip

from ..renderables.pixels import pool, robust_scale
from .strip_panel import StripPanel, column, image_strips, text

if TYPE_CHECKING:
    from ..frame import Frame

THUMB = 14  # a thumbnail is the 28x28 picture pooled 2x2: 14 cells wide, 7 lines tall
GAP = 1


class DigitWeights(StripPanel):
    """Each digit's 784 weights as a 28x28 picture (pooled to 14x14), bright for positive and
    blue for negative, on one colour scale for all ten so they can be compared. Clicking a
    picture selects that digit."""

    class DigitSelected(Message):
        def __init__(self, digit: int) -> None:
            super().__init__()
            self.digit = digit

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.per_row = 5

    def draw(self, frame: Frame, truecolor: bool = True) -> None:
        weights, selected = frame.weights, frame.digit
        n_out = weights.shape[0]
        width = self.size.width or 80
        fit = (width + GAP) // (THUMB + GAP)
        # Even rows read better: all ten in a row, or two rows of five, else as many as fit.
        self.per_row = next((k for k in (n_out, 5) if k <= fit), max(1, fit))
        scale = robust_scale(weights)
        frozen = frame.frozen
        p = self.palette
        lines: list[Strip] = []
        for first in range(0, n_out, self.per_row):
            digits = range(first, min(first + self.per_row, n_out))
            blocks = []
            for d in digits:
                picture = pool(weights[d].reshape(28, 28))
                marker = " ❄" if frozen[d].all() else (" ◐" if frozen[d].any() else "")
                label = f"{frame.problem.output_names[d]}{marker}".center(THUMB)
                style = p.selected if d == selected else p.text
                strips = image_strips(picture, scale, p, truecolor=truecolor)
                blocks.append([*strips, text(label, style, THUMB)])
            lines += column(blocks, [THUMB] * len(blocks), GAP)
        lines.append(text(f"colour scale ±{scale:.3g}   blue < 0 < orange", p.muted))
        self.set_lines(lines)

    def on_click(self, event: events.Click) -> None:
        block_h = THUMB // 2 + 1
        row, col = event.y // block_h, event.x // (THUMB + GAP)
        if col < self.per_row and event.x % (THUMB + GAP) < THUMB:
            digit = row * self.per_row + col
            if digit < 10 and event.y < block_h * (-(-10 // self.per_row)):
                self.post_message(self.DigitSelected(digit))
