"""The error per output and in total, over the steps since the last reset."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from textual.geometry import Size
from textual.widget import Widget

from ..renderables.numbers import num
from ..renderables.sparks import STAT_WIDTH, ErrorSparks
from ..themes import app_palette, on_theme_change

if TYPE_CHECKING:
    from ..frame import Frame


class ErrorSparklines(Widget):
    """One sparkline an output plus the total, each with its latest value, min and max."""

    DEFAULT_CSS = """
    ErrorSparklines {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._series: list[tuple[str, np.ndarray]] = []

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)

    def render(self) -> ErrorSparks:
        return ErrorSparks(self._series, app_palette(self.app))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._lines(width)

    def _lines(self, width: int) -> int:
        if not self._series:
            return 1
        name_w = max(len(name) for name, _ in self._series) + 1
        one_line = width - name_w - STAT_WIDTH >= 12
        return len(self._series) * (1 if one_line else 2)

    def update_from(self, frame: Frame) -> None:
        old = self._lines(self.content_size.width)
        trace = np.asarray(frame.errors, dtype=float)
        names = frame.problem.output_names
        series = [(name, trace[:, k]) for k, name in enumerate(names)]
        if len(names) > 1:
            with np.errstate(all="ignore"):
                series.append(("total", trace.sum(axis=1)))
        self._series = series
        # The latest finished epoch, however it finished (e, steps, autoplay): never stale.
        means = frame.epoch_means
        self.border_subtitle = (
            f"epoch {len(means)}: mean error {num(means[-1])}"
            if len(means) and frame.epoch_length > 1
            else ""
        )
        self.refresh(layout=old != self._lines(self.content_size.width))
