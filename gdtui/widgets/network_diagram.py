"""The network as the chapter draws it: inputs, outputs, and the weights on the edges."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Size
from textual.widget import Widget

from ..renderables.network_plot import NetworkPlot, NetworkView, preferred_height
from ..themes import app_palette, on_theme_change
from .literal import literal

if TYPE_CHECKING:
    from ..frame import Frame

TALL = 36  # below this terminal height the picture packs its nodes closer


class NetworkDiagram(Widget):
    """Fed the coming step's record: input values, each output's pred against its true."""

    DEFAULT_CSS = """
    NetworkDiagram {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: NetworkView | None = None

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)

    def render(self) -> NetworkPlot | str:
        if self._view is None:
            return ""
        return NetworkPlot(self._view, self.content_size.height, app_palette(self.app))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._view is None:
            return 1
        most = 24 if self.app.size.height >= TALL else 2 * min(self._view.nodes, 8)
        return preferred_height(self._view, most)

    def update_from(self, frame: Frame) -> None:
        old = self._view
        p, record = frame.problem, frame.coming
        self._view = NetworkView(
            p.input_names,
            record.input,
            p.output_names,
            record.pred,
            record.true,
            frame.weights,
            frame.frozen,
            frame.cursor,
        )
        if self._view.focused:
            output = p.output_names[frame.cursor[0]]
            self.border_subtitle = literal(
                f"{output}'s weights in colour, the rest faint · ↑↓ another output"
            )
        else:
            self.border_subtitle = ""
        self.refresh(layout=old is None or old.nodes != self._view.nodes)
