"""The look every dialog shares: a framed box in the middle of the screen, over the app; and
the rule every dialog keeps: it is dismissed once."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from ..widgets.literal import literal

ResultType = TypeVar("ResultType")
Value = TypeVar("Value")


class DismissOnce(Screen[ResultType]):
    """A screen that is dismissed once, and only while it is on top.

    In Textual 8.2.8 ``Screen.dismiss`` pops whatever screen is on top: a second enter that was
    queued before the first one closed the dialog pops the main screen (ScreenStackError, the
    app ends, its autosave lost), or the dialog opened after this one. Here the second call is
    ignored, as is one from a dialog that another screen covers. It goes second among a
    screen's bases: Textual takes CSS, bindings and component classes along the first only."""

    _dismissed = False

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self._dismissed or not self.is_active:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)


class Dialog(ModalScreen[ResultType], DismissOnce[ResultType]):
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
            self.query_one(f"#{self.ERROR_ID}", Static).update(literal(str(error)))
            return
        self.dismiss(value)

    @on(Input.Changed)
    def clear_error(self) -> None:
        self.query_one(f"#{self.ERROR_ID}", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
