"""The data view's editor: type a new value for one input, target or weight.

A value is read as the scenario loader reads a number in a YAML file, so what the editor takes
is what a scenario file takes: ``0.5``, ``-3``, ``1e-3``; not ``abc``, ``.nan``, ``.inf``, ``true``
or nothing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ..scenario.readers import get_float
from ..scenario.yaml_nodes import ScenarioError, compose
from ..widgets.data_table import Typing
from ..widgets.literal import literal
from .dialog import InputDialog


def parse_value(text: str) -> float:
    """The finite number in ``text``, or ValueError saying what is wrong, in the loader's words."""
    try:
        node = compose(text, "<value>")
        if node is None:
            raise ValueError("nothing typed (expected a finite number)")
        return get_float(node, "the value", "a finite number")
    except ScenarioError as error:
        raise ValueError(error.message) from None


def value_text(value: float) -> str:
    """``value`` in Python's shortest exact form, which reads back bit for bit."""
    return repr(float(value))


class CellEditScreen(InputDialog[float]):
    """Returns the new value, or None when cancelled. ``typed`` is what the user types on the
    table for this edit (it replaces the value, and keeps coming while the editor opens); while
    nothing is typed, the current value is shown, selected."""

    ERROR_ID = "edit-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-edit")
    ]

    DEFAULT_CSS = """
    CellEditScreen > Vertical {
        width: 60;
    }
    """

    def __init__(self, what: str, value: float, typed: Typing | None = None) -> None:
        super().__init__()
        self.what = what
        self.value = value
        self.typed = typed or Typing()

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = literal(f"edit {self.what}")
            box.border_subtitle = "enter: set · escape: cancel · u undoes it later"
            now = value_text(self.value)
            yield Label(Text(f"Now {now}. A finite number (e.g. 0.5, -3, 1e-3)."))
            typed = self.typed.text
            yield Input(value=typed or now, select_on_focus=not typed, id="edit-value")
            yield Static("", id="edit-error", classes="error")

    def on_mount(self) -> None:
        self.typed.take(self.write, self.submit_field)
        if self.typed.submitted:
            self.submit_field()

    def submit_field(self) -> None:
        self.call_later(self.query_one(Input).action_submit)

    def on_unmount(self) -> None:
        self.typed.closed = True

    def write(self, text: str) -> None:
        """``text`` typed into the field: over the current value while that is untouched, else
        over the selection or at the cursor."""
        field = self.query_one(Input)
        if not self.typed.text and field.value == value_text(self.value):
            self.typed.text = text
            field.value = text
            field.cursor_position = len(text)
        elif field.selection.is_empty:
            field.insert_text_at_cursor(text)
        else:
            field.replace(text, *field.selection)

    def on_key(self, event: events.Key) -> None:
        # A key that came before the field had the focus reached the screen: it is typing too.
        field = self.query_one(Input)
        if field.has_focus:
            return
        if event.key == "enter":
            event.stop()
            self.submit_field()
        elif event.is_printable and event.character is not None:
            event.stop()
            self.write(event.character)

    def on_paste(self, event: events.Paste) -> None:
        if lines := event.text.strip().splitlines():
            event.stop()
            self.write(lines[0])

    def parse(self, text: str) -> float:
        return parse_value(text)
