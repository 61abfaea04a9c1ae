"""The ``?`` screen: every key, what it does, and the mouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..themes import app_palette
from .dialog import Dialog

WHAT = Style(bold=True)


class HelpScreen(Dialog[None]):
    """Lists ``rows`` of (keys, what, detail); any of escape, ? or q closes it."""

    AUTO_FOCUS = "VerticalScroll"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="close-help"),
    ]

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        p = app_palette(self.app)
        for keys, what, detail in self.rows:
            table.add_row(Text(keys, p.heading), Text(what, WHAT), Text(detail, p.secondary))
        with VerticalScroll() as scroll:
            scroll.border_title = "gdtui keys"
            scroll.border_subtitle = "escape, ? or q: close"
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)
