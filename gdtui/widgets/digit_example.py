"""The example being learned: its picture, its label, and the ten predictions as bars."""

from __future__ import annotations

import math

import numpy as np
from rich.segment import Segment
from textual.strip import Strip

from ..engine import StepRecord
from ..palette import DARK, Palette
from ..renderables.numbers import num
from ..renderables.pixels import pool
from .strip_panel import StripPanel, column, image_strips, text

BAR = 8
EIGHTHS = " ▏▎▍▌▋▊▉█"
ROWS = 3 + BAR + 8  # a prediction row: digit, bar, value
FULL = 28 + 2 + ROWS  # the full-size picture and the rows beside it


def bar(value: float, top: float, palette: Palette = DARK) -> Segment:
    """A horizontal bar, eighths of a cell, as long as |value| against ``top``."""
    if not math.isfinite(value):
        return Segment("overflow".ljust(BAR), palette.error)
    eighths = round(min(abs(value) / top, 1.0) * BAR * 8) if top > 0 else 0
    full, part = divmod(eighths, 8)
    body = "█" * full + (EIGHTHS[part] if part else "")
    return Segment(body.ljust(BAR), (palette.positive if value >= 0 else palette.negative)[1])


class DigitExample(StripPanel):
    """The coming example: what the network sees, what it says, and what it should say."""

    def draw(self, record: StepRecord, names: tuple[str, ...], truecolor: bool) -> None:
        image = record.input.reshape(28, 28)
        if self.size.width < FULL:
            image = pool(image)  # a 14-column picture leaves room for the bars beside it
        p = self.palette
        picture = image_strips(image, 1.0, p, grey=True, truecolor=truecolor)
        label, guess = int(np.argmax(record.true)), int(np.argmax(record.pred))
        finite = record.pred[np.isfinite(record.pred)]
        top = max(1.0, float(np.abs(finite).max())) if finite.size else 1.0
        rows = [text(f"row {record.example}, label {names[label]}", p.text)]
        for d, value in enumerate(record.pred.tolist()):
            style = p.selected if d == guess else p.text
            rows.append(
                Strip(
                    [
                        Segment(f"{names[d]:>2} ", style),
                        bar(value, top, p),
                        Segment(f" {num(value):>7}", p.secondary),
                    ]
                )
            )
        verdict = p.success if guess == label else p.error
        rows.append(
            text(f"predicts {names[guess]}: " + ("right" if guess == label else "wrong"), verdict)
        )
        self.set_lines(column([picture, rows], [image.shape[1], ROWS], 2))
