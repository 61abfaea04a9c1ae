"""The look every dialog shares: a framed box in the middle of the screen, over the app."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.screen import ModalScreen
from textual.widgets import Input, Static

ResultType = TypeVar("ResultType")
Value = TypeVar("Value")


class Dialog(ModalScreen[ResultType]):
    """A modal screen whose one child, a Vertical or VerticalScroll, is its box: 90 columns
    wide unless the subclass says otherwise. A Static with class ``error`` is its error line."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > Vertical, Dialog > VerticalScroll {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-color: $text-accent;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    Dialog .error {
        color: $text-error;
        height: auto;
    }
    """


class InputDialog(Dialog[Value | None]):
    """A dialog that reads one value from its Input: ``parse`` turns the text into the value
    or raises ValueError, whose message shows in the Static with id ``ERROR_ID`` and keeps the
    dialog open. Returns the value, or None when cancelled (escape)."""

    AUTO_FOCUS = "Input"
    ERROR_ID: ClassVar[str]

    def parse(self, text: str) -> Value:
        raise NotImplementedError

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        try:
            value = self.parse(event.value)
        except ValueError as error:
            self.query_one(f"#{self.ERROR_ID}", Static).update(Text(str(error)))
            return
        self.dismiss(value)

    @on(Input.Changed)
    def clear_error(self) -> None:
        self.query_one(f"#{self.ERROR_ID}", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
