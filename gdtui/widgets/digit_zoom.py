"""One digit's 784 weights at full resolution or larger: the zoom (``z``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from textual.strip import Strip

from ..renderables.numbers import num
from ..renderables.pixels import robust_scale
from .strip_panel import StripPanel, image_strips, text

if TYPE_CHECKING:
    from ..frame import Frame

TEXT_LINES = 4  # the title above the picture and the three lines of legend below it


def zoom_factor(width: int, height: int) -> int:
    """The largest whole number of cells across (and half-cells down) a pixel can take so that
    the 28x28 picture and its text fit in ``width`` x ``height``; at least 1 (full resolution,
    28 cells by 14 lines), whatever the size."""
    k = 1
    while 28 * (k + 1) <= width and 14 * (k + 1) + TEXT_LINES <= height:
        k += 1
    return k


class DigitZoom(StripPanel):
    """The selected digit's weights, a pixel a cell or more, on the same colour scale as the ten
    pictures (so the zoom and the thumbnails agree), with the weights' extremes."""

    DEFAULT_CSS = """
    DigitZoom {
        height: 1fr;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        super().on_mount()
        self.border_title = "zoom: one digit's weights (← → another digit, z closes)"

    def draw(self, frame: Frame) -> None:
        digit, p = frame.digit, self.palette
        truecolor = self.app.console.color_system == "truecolor"
        name = frame.problem.output_names[digit]
        weights = frame.weights[digit].reshape(28, 28)
        k = zoom_factor(self.size.width or 28, self.size.height or 18)
        scale = robust_scale(frame.weights)  # the ten pictures' scale
        picture = np.repeat(np.repeat(weights, k, axis=0), k, axis=1)
        lines: list[Strip] = [text(f"the 784 weights of {name}, 28 × 28, ×{k}", p.text)]
        lines += image_strips(picture, scale, p, truecolor=truecolor)
        finite = weights[np.isfinite(weights)]
        low = num(float(finite.min())) if finite.size else "-"
        high = num(float(finite.max())) if finite.size else "-"
        lines.append(text(f"orange > 0: ink there speaks for {name} (largest {high})", p.text))
        lines.append(text(f"blue < 0: ink there speaks against {name} (smallest {low})", p.text))
        lines.append(text(f"colour scale ±{scale:.3g}, as in the ten pictures", p.muted))
        self.set_lines(lines)
