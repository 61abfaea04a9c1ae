"""The ``?`` screen: every key, what it does, and the mouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
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


def main_bindings() -> list[Binding]:
    """The main screen's bindings: every key of ``gdtui.keys``."""
    from .main import MainScreen

    return [b for b in MainScreen.BINDINGS if isinstance(b, Binding)]


def keys_of(app: App[Any], action: str) -> str:
    """The keys of ``action`` as the key bar shows them: ``space / n``."""
    return " / ".join(app.get_key_display(b) for b in main_bindings() if b.action == action)


def help_rows(app: App[Any]) -> list[tuple[str, str, str]]:
    """(keys, what, detail) for every binding, then the mouse."""
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for binding in main_bindings():
        if binding.action not in seen:
            seen.add(binding.action)
            rows.append((keys_of(app, binding.action), binding.description, binding.tooltip))
    return [
        *rows,
        ("ctrl+p", "Commands", "Every action above, searchable."),
        ("click", "Select", "Clicking a weight cell selects it."),
        ("click ○/❄", "Freeze", "Clicking a cell's marker freezes or unfreezes it."),
    ]
