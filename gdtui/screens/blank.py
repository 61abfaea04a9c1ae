"""What the first picker opens over, until a scenario is picked: nothing. The main screen (its
widgets, the controller, NumPy) is made then, so that the picker's first frame comes sooner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from ..app import GdtuiApp


class BlankScreen(Screen[None]):
    def on_mount(self) -> None:
        app: GdtuiApp = self.app  # type: ignore[assignment]
        app.pick(first=True)
