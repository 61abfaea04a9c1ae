"""The bowls of every weight of the selected output, on shared axes (the chapter's figure)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

from ..renderables.bowls import BowlPanel, Bowls
from ..renderables.curve_plot import Bowl
from ..themes import app_palette, on_theme_change
from .literal import literal

if TYPE_CHECKING:
    from ..engine import Curve
    from ..frame import Frame


class ErrorBowls(Widget):
    """One output's error against each of its weights: same error axis, same offsets."""

    DEFAULT_CSS = """
    ErrorBowls {
        height: 12;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._panels: list[BowlPanel] = []
        self._selected = 0

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)

    def render(self) -> Bowls | str:
        if not self._panels:
            return ""
        return Bowls(self._panels, self._selected, self.content_size.height, app_palette(self.app))

    def update_from(self, frame: Frame) -> None:
        i, j = frame.cursor
        p = frame.problem
        x = frame.coming.input
        self._panels = [
            BowlPanel(p.input_names[k], float(x[k]), _bowl(c, bool(frame.frozen[i, k])))
            for k, c in enumerate(frame.curves)
        ]
        self._selected = j
        frozen = " (frozen)" if frame.frozen[i, j] else ""
        out = p.output_names[i]
        self.border_title = literal(
            f"error of {out} against weight {p.input_names[j]} → {out}{frozen}"
            " and its other weights, on shared axes"
        )
        self.border_subtitle = "x: w − w_now · ● now · ▲ the bottom · slope = 2 × weight_delta"
        self.refresh()


def _bowl(curve: Curve, frozen: bool) -> Bowl | None:
    c = curve
    return Bowl.from_curve(c.weights, c.errors, c.weight, c.error, c.slope, c.minimum, frozen)
