"""The line under the status bar after a divergence: what happened, why, and what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

if TYPE_CHECKING:
    from ..frame import Frame


class DivergedBanner(Static):
    """Hidden until the training diverges (app.tcss shows it with the class ``-diverged``)."""

    def update_from(self, frame: Frame) -> None:
        if frame.diverged:
            self.update(diverged_text(frame))
        self.set_class(frame.diverged, "-diverged")


def diverged_text(frame: Frame) -> str:
    """The banner after a divergence: why, and what gets back to learning (undo alone keeps
    the overshooting alpha; the weights just before the overflow are far off already)."""
    limit = frame.stability
    if limit.converges or limit.critical == float("inf"):
        return (
            f"Diverged at step {frame.step}: the error overflowed. "
            "Press r to start again from the first weights, then [ to halve alpha."
        )
    return (
        f"Diverged at step {frame.step}: the error overflowed. α·|x|² is {limit.factor:.3g}, "
        f"over 2: each step overshoots further. Press r to start again from the first "
        f"weights, then [ until alpha is below {limit.critical:.2g} (α·|x|² < 2 per example)."
    )
