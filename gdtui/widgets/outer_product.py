"""The ``w`` view: the coming step's weight_deltas as the outer product of delta and input."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.widgets import Static

from ..renderables.outer_product import OuterProduct, OuterView
from ..themes import app_palette, on_theme_change

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from ..frame import Frame


class OuterProductView(VerticalScroll, can_focus=False):
    """Fed the frame's coming step record; the cursor (the arrows) selects the cell written
    out."""

    DEFAULT_CSS = """
    OuterProductView {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    OuterProductView > Static {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: OuterView | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="outer-product")

    def on_mount(self) -> None:
        self.border_title = "outer product: weight_deltas = delta × input · w closes"
        on_theme_change(self, self._draw)

    def update_from(self, frame: Frame) -> None:
        p, record = frame.problem, frame.coming
        self._view = OuterView(
            p.input_names,
            p.output_names,
            record.input,
            record.delta,
            record.weight_deltas,
            record.weights,
            record.weights_after,
            frame.frozen,
            record.alpha,
            frame.cursor,
            record.step,
            record.example,
        )
        self._draw()

    def _draw(self) -> None:
        if self._view is not None:
            self.query_one(Static).update(OuterProduct(self._view, app_palette(self.app)))
