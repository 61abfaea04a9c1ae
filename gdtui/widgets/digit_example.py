"""The example being learned: its picture, its label, and the ten predictions as bars."""

from __future__ import annotations

import math

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from ..engine import StepRecord
from ..renderables.numbers import num
from ..renderables.pixels import image_strips, pool
from .strip_panel import LABEL, MUTED, SELECTED, StripPanel, column, text

BAR = 8
POSITIVE = Style(color="#ffbe3c")
NEGATIVE = Style(color="#468cff")
RIGHT = Style(color="#5fd75f", bold=True)
WRONG = Style(color="#ff5f5f", bold=True)
EIGHTHS = " ▏▎▍▌▋▊▉█"
ROWS = 3 + BAR + 8  # a prediction row: digit, bar, value
FULL = 28 + 2 + ROWS  # the full-size picture and the rows beside it


def bar(value: float, top: float) -> Segment:
    """A horizontal bar, eighths of a cell, as long as |value| against ``top``."""
    if not math.isfinite(value):
        return Segment("overflow".ljust(BAR), WRONG)
    eighths = round(min(abs(value) / top, 1.0) * BAR * 8) if top > 0 else 0
    full, part = divmod(eighths, 8)
    body = "█" * full + (EIGHTHS[part] if part else "")
    return Segment(body.ljust(BAR), POSITIVE if value >= 0 else NEGATIVE)


class DigitExample(StripPanel):
    """The coming example: what the network sees, what it says, and what it should say."""

    def draw(self, record: StepRecord, names: tuple[str, ...], truecolor: bool) -> None:
        image = record.input.reshape(28, 28)
        if self.size.width < FULL:
            image = pool(image)  # a 14-column picture leaves room for the bars beside it
        picture = image_strips(image, 1.0, grey=True, truecolor=truecolor)
        label, guess = int(np.argmax(record.true)), int(np.argmax(record.pred))
        finite = record.pred[np.isfinite(record.pred)]
        top = max(1.0, float(np.abs(finite).max())) if finite.size else 1.0
        rows = [text(f"row {record.example}, label {names[label]}", LABEL)]
        for d, value in enumerate(record.pred.tolist()):
            style = SELECTED if d == guess else LABEL
            rows.append(
                Strip(
                    [
                        Segment(f"{names[d]:>2} ", style),
                        bar(value, top),
                        Segment(f" {num(value):>7}", MUTED),
                    ]
                )
            )
        verdict = RIGHT if guess == label else WRONG
        rows.append(
            text(f"predicts {names[guess]}: " + ("right" if guess == label else "wrong"), verdict)
        )
        self.set_lines(column([picture, rows], [image.shape[1], ROWS], 2))
