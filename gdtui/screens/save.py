"""The ``ctrl+s`` screen: name the file the session is saved to.

A bare name (no folder) goes into the sessions folder, and a name without a suffix gets
``.json``; anything else is taken as a path, ``~`` included.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..session import sessions_dir
from .dialog import InputDialog


def session_path(text: str) -> Path:
    """Where ``text``, as typed, saves: ValueError for nothing typed."""
    text = text.strip()
    if not text:
        raise ValueError("type a file name (or escape to cancel)")
    path = Path(text).expanduser()
    if len(path.parts) == 1 and not path.is_absolute():
        path = sessions_dir() / path
    if not path.suffix:
        path = path.with_suffix(".json")
    return path


class SaveScreen(InputDialog[Path]):
    """Returns the path to save to, or None when cancelled."""

    ERROR_ID = "save-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-save")
    ]

    def __init__(self, default: Path) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "save the session"
            box.border_subtitle = "enter: save · escape: cancel"
            yield Static(
                Text(
                    "Saves the scenario, every step and change (undo works after loading), "
                    f"alpha, the frozen weights and the view. A bare name goes to {sessions_dir()}."
                ),
                id="save-about",
            )
            yield Input(value=str(self.default), id="save-path")
            yield Static("", id="save-error", classes="error")

    def parse(self, text: str) -> Path:
        return session_path(text)
