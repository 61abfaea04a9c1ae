"""The selected weight's error curve: the bowl, the dot, the slope.

The window onto the curve is sticky: while the same weight stays selected it only ever grows
(to keep the dot and the bottom in view), so from one step to the next the axes stay put and
what moves is visible. One weight's curve keeps its shape (its steepness is the input squared);
learning slides it sideways. A free weight's dot walks down into the bowl; a frozen weight's dot
stays where it is while the bowl slides beneath it. Selecting another weight, opening another
scenario, or going back to step 0 starts a fresh window.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from textual.widget import Widget

from ..renderables.curve_plot import Bowl, CurvePlot
from ..renderables.numbers import moves, num, signed
from ..themes import app_palette, on_theme_change
from .literal import literal

if TYPE_CHECKING:
    from ..frame import Frame

HEADROOM = 1.08


class ErrorCurve(Widget):
    """Draws output i's error against weight (i, j), the other weights where they are."""

    DEFAULT_CSS = """
    ErrorCurve {
        height: 12;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._bowl: Bowl | None = None
        self._key: object = None
        self._x_range: tuple[float, float] = (0.0, 1.0)
        self._y_max = 1.0

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)

    def render(self) -> CurvePlot | str:
        if self._key is None:
            return ""
        palette = app_palette(self.app)
        return CurvePlot(self._bowl, self._x_range, self._y_max, self.content_size.height, palette)

    def forget(self) -> None:
        """Start the window afresh (another scenario)."""
        self._key = None

    def update_from(self, frame: Frame) -> None:
        i, j = cursor = frame.cursor
        p = frame.problem
        frozen = bool(frame.frozen[i, j])
        curve = frame.curve
        bowl = Bowl.from_curve(
            curve.weights,
            curve.errors,
            curve.weight,
            curve.error,
            curve.slope,
            curve.minimum,
            frozen,
        )
        self._bowl = bowl
        key = (id(p), cursor)
        if bowl is not None:
            fresh = key != self._key or frame.step == 0
            self._fit(bowl, float(curve.weights[0]), float(curve.weights[-1]), fresh)
        self._key = key
        name = f"{p.input_names[j]} → {p.output_names[i]}"
        self.border_title = literal(
            f"error of {p.output_names[i]} against weight {name}" + (" (frozen)" if frozen else "")
        )
        if bowl is None:
            self.border_subtitle = "overflow"
        else:
            wd = bowl.slope / 2  # weight_delta = delta * input = slope / 2
            way = moves(frame.alpha * wd)
            move = (
                "frozen: stays"
                if frozen
                else {1: "will grow", -1: "will shrink", 0: "stays (the change rounds to 0)"}[way]
            )
            self.border_subtitle = f"slope {signed(bowl.slope)}  weight {num(bowl.weight)} {move}"
        self.refresh()

    def _fit(self, bowl: Bowl, lo: float, hi: float, fresh: bool) -> None:
        old_lo, old_hi = self._x_range
        if not fresh and all(map(math.isfinite, (old_lo, old_hi, self._y_max))):
            lo, hi = min(lo, old_lo), max(hi, old_hi)
        need = max(bowl.at(lo), bowl.at(hi), bowl.error) * HEADROOM
        if not math.isfinite(need) or need <= 0:
            need = 1.0
        if not fresh and math.isfinite(self._y_max):
            need = max(need, self._y_max)
        self._x_range = (lo, hi)
        self._y_max = need
