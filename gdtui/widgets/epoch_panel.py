"""Learning across epochs: the mean error of each finished epoch, and train/test accuracy."""

from __future__ import annotations

from textual.strip import Strip

from ..engine import Trainer
from ..renderables.numbers import num
from ..renderables.sparks import ErrorSparks
from .strip_panel import StripPanel, text


class EpochPanel(StripPanel):
    def draw(self, trainer: Trainer) -> None:
        width = self.size.width or 60
        means, train = trainer.epoch_history()
        p = self.palette
        lines: list[Strip] = []
        if len(means):
            # The spark only: the numbers follow on lines of their own.
            lines.append(Strip(ErrorSparks([("error/epoch", means)], p).rows(width)[0]))
            lines.append(text(f"epoch {len(means)}: mean error {num(means[-1])}", p.text))
            if trainer.problem.classify:
                lines.append(text(f"train accuracy {train[-1]:.3f}", p.text))
        in_epoch = trainer.steps % trainer.epoch_length
        progress = f"epoch {len(means) + 1}: {in_epoch:,} of {trainer.epoch_length:,} examples"
        lines.append(text(progress, p.muted))
        test = trainer.test_accuracy()
        if test is not None:
            lines.append(text(f"test accuracy now {test:.3f}", p.text))
        self.set_lines(lines)
