"""The views that take the network's place in the main screen, one at a time.

Each is a widget class in ``widgets/`` with ``update_from(frame)``, mounted the first time its
key asks for it (fewer widgets before the first frame). A view may define ``focus_view()`` to
choose what takes the focus when it is shown. A new view is one row here, one row in
``keys.py`` (action ``view('NAME')``) and its widget; the main screen does the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from textual.widget import Widget


@dataclass(frozen=True, eq=False)  # a row of the table: one object a view
class View:
    name: str  # the widget's id, the key's ``view('name')`` parameter and the session's name
    module: str  # the module in gdtui.widgets that holds it, imported on first use
    cls: str
    small: bool = True  # available for the book's small networks
    images: bool = True  # available for 28x28 pictures (MNIST)

    def available(self, images: bool) -> bool:
        return self.images if images else self.small

    def make(self) -> Widget:
        widget_class = getattr(import_module(f"gdtui.widgets.{self.module}"), self.cls)
        widget: Widget = widget_class(id=self.name)
        widget.add_class("view")
        return widget


VIEWS: dict[str, View] = {
    view.name: view
    for view in (
        View("data", "data_view", "DataView"),
        View("zoom", "digit_zoom", "DigitZoom", small=False),
        View("canvas", "digit_canvas", "DigitCanvas", small=False),
        View("ghost", "ghost_run", "GhostRun", small=True, images=False),
        View("plane", "error_plane", "ErrorPlaneView", small=True, images=False),
        View("outer", "outer_product", "OuterProductView", images=False),
        View("dots", "dot_vectors", "DotVectors"),
        View("history", "history_table", "HistoryTable", images=False),
    )
}
