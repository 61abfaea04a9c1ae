"""Learning across epochs: the mean error of each finished epoch, and train/test accuracy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.strip import Strip

from ..renderables.numbers import num
from ..renderables.sparks import ErrorSparks
from .strip_panel import StripPanel, text

if TYPE_CHECKING:
    from ..frame import Frame


class EpochPanel(StripPanel):
    def draw(self, frame: Frame) -> None:
        width = self.size.width or 60
        means, train = frame.epoch_means, frame.epoch_accuracy
        p = self.palette
        lines: list[Strip] = []
        if len(means):
            # The spark only: the numbers follow on lines of their own.
            lines.append(Strip(ErrorSparks([("error/epoch", means)], p).rows(width)[0]))
            lines.append(text(f"epoch {len(means)}: mean error {num(means[-1])}", p.text))
            if frame.problem.classify:
                lines.append(text(f"train accuracy {train[-1]:.3f}", p.text))
        in_epoch = frame.step % frame.epoch_length
        progress = f"epoch {len(means) + 1}: {in_epoch:,} of {frame.epoch_length:,} examples"
        lines.append(text(progress, p.muted))
        test = frame.test_accuracy
        if test is not None:
            lines.append(text(f"test accuracy now {test:.3f}", p.text))
        self.set_lines(lines)
