"""The data view's editor: type a new value for one input, target or weight.

A value is read as the scenario loader reads a number in a YAML file, so what the editor takes
is what a scenario file takes: ``0.5``, ``-3``, ``1e-3``; not ``abc``, ``.nan``, ``.inf``, ``true``
or nothing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ..scenario.readers import get_float
from ..scenario.yaml_nodes import ScenarioError, compose
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
    """Returns the new value, or None when cancelled. ``typed`` is what the user began typing
    on the table (it replaces the value); without it the current value is shown, selected."""

    ERROR_ID = "edit-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-edit")
    ]

    DEFAULT_CSS = """
    CellEditScreen > Vertical {
        width: 60;
    }
    """

    def __init__(self, what: str, value: float, typed: str | None = None) -> None:
        super().__init__()
        self.what = what
        self.value = value
        self.typed = typed

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = literal(f"edit {self.what}")
            box.border_subtitle = "enter: set · escape: cancel · u undoes it later"
            now = value_text(self.value)
            yield Label(Text(f"Now {now}. A finite number (e.g. 0.5, -3, 1e-3)."))
            text = value_text(self.value) if self.typed is None else self.typed
            yield Input(value=text, select_on_focus=self.typed is None, id="edit-value")
            yield Static("", id="edit-error", classes="error")

    def parse(self, text: str) -> float:
        return parse_value(text)
