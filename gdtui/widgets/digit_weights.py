"""Ten pictures of weights, one per digit: what each output has learned to look for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from textual import events
from textual.message import Message
from textual.strip import Strip

from ..renderables.pixels import image_rows, pool, robust_scale
from .strip_panel import StripPanel, text

if TYPE_CHECKING:
    from ..frame import Frame

THUMB = 14  # a thumbnail is the 28x28 picture pooled 2x2: 14 cells wide, 7 lines tall
FULL = 28  # at full resolution: a cell a pixel across, two pixels a cell down
GAP = 1
FULL_WIDTH = 5 * (FULL + GAP) - GAP  # two rows of five at full resolution need this many cells


def _joined(parts: list[list[Segment]], gap: Segment) -> list[Segment]:
    out: list[Segment] = []
    for k, part in enumerate(parts):
        if k:
            out.append(gap)
        out += part
    return out


class DigitWeights(StripPanel):
    """Each digit's 784 weights as a 28x28 picture, orange for positive and blue for negative,
    on one colour scale for all ten so they can be compared: at full resolution when five fit
    side by side, else pooled 2x2 to 14x14. Clicking a picture selects that digit."""

    class DigitSelected(Message):
        def __init__(self, digit: int) -> None:
            super().__init__()
            self.digit = digit

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.per_row = 5
        self.thumb = THUMB

    def draw(self, frame: Frame, truecolor: bool = True) -> None:
        weights, selected = frame.weights, frame.digit
        n_out = weights.shape[0]
        width = self.size.width or 80
        self.thumb = thumb = FULL if width >= FULL_WIDTH else THUMB
        fit = (width + GAP) // (thumb + GAP)
        # Even rows read better: all ten in a row, or two rows of five, else as many as fit.
        self.per_row = next((k for k in (n_out, 5) if k <= fit), max(1, fit))
        scale = robust_scale(weights)
        frozen = frame.frozen
        p = self.palette
        gap = Segment(" " * GAP)
        lines: list[Strip] = []
        for first in range(0, n_out, self.per_row):
            digits = range(first, min(first + self.per_row, n_out))
            pictures, labels = [], []
            for d in digits:
                picture = weights[d].reshape(28, 28)
                if thumb == THUMB:
                    picture = pool(picture)
                pictures.append(image_rows(picture, scale, p.pixels, truecolor=truecolor))
                marker = " ❄" if frozen[d].all() else (" ◐" if frozen[d].any() else "")
                label = f"{frame.problem.output_names[d]}{marker}".center(thumb)
                labels.append([Segment(label, p.selected if d == selected else p.text)])
            # A picture's lines joined segment by segment: a Strip a line, not a Strip a
            # picture's line (each Strip costs its caches; at 28x28 that was half the frame).
            width_of_row = len(digits) * (thumb + GAP) - GAP
            for y in range(len(pictures[0])):
                lines.append(Strip(_joined([pic[y] for pic in pictures], gap), width_of_row))
            lines.append(Strip(_joined(labels, gap), width_of_row))
        lines.append(text(f"colour scale ±{scale:.3g}   blue < 0 < orange", p.muted))
        self.set_lines(lines)

    def on_click(self, event: events.Click) -> None:
        at = event.get_content_offset(self)
        if at is None:
            return
        thumb = self.thumb
        block_h = thumb // 2 + 1
        row, col = at.y // block_h, at.x // (thumb + GAP)
        if col < self.per_row and at.x % (thumb + GAP) < thumb:
            digit = row * self.per_row + col
            if digit < 10 and at.y < block_h * (-(-10 // self.per_row)):
                self.post_message(self.DigitSelected(digit))
