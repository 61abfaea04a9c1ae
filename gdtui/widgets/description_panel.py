"""The scenario's description, beside the rest; it can be hidden."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..renderables.markdown_lite import markdown_text
from ..themes import app_palette, on_theme_change
from .literal import visible

DESCRIPTION_WIDTH = 34
WIDE = 100  # from this many columns the description shows beside the rest


class DescriptionPanel(VerticalScroll, can_focus=True):
    """Scrolls with the mouse wheel, and with the keys once it has the focus (D on the main
    screen gives it, and D or escape gives it back): the arrows, j and k, PageUp, PageDown."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("escape", "screen.focus_description", "Back", show=False),
    ]

    DEFAULT_CSS = """
    DescriptionPanel {
        width: 34;  /* DESCRIPTION_WIDTH */
        padding: 0 1;
        overflow-y: scroll;  /* always there: its appearing would cost a second layout */
        scrollbar-size-vertical: 1;
    }
    DescriptionPanel > Static {
        width: 100%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._markdown = ""

    def compose(self) -> ComposeResult:
        yield Static(id="description-text")

    def on_mount(self) -> None:
        on_theme_change(self, self._draw)

    def show(self, markdown: str) -> None:
        self._markdown = visible(markdown, lines=True)  # an escape would reach the terminal
        self._draw()
        self.scroll_home(animate=False)

    def _draw(self) -> None:
        self.query_one(Static).update(markdown_text(self._markdown, app_palette(self.app)))
