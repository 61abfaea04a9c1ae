"""A DataTable whose cells can be asked to be edited: enter, or typing a number on a cell."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

NUMBER_START = set("0123456789-.")  # a key that begins a number starts editing with it


class Typing:
    """What the user types into one edit, from the key that asked for the editor on.

    Keys come faster than a dialog opens (a paste, fast typing): those that reach the table
    before the editor has taken over are kept here in order, and the editor starts with them;
    once it has taken over (``take``), whatever still comes goes straight to it. ``closed``
    once the editor is gone or was never opened: the table edits again from scratch.
    """

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.submitted = False  # enter came before the editor
        self.closed = False
        self._write: Callable[[str], None] | None = None
        self._submit: Callable[[], None] | None = None

    def add(self, text: str) -> None:
        if self._write is None:
            self.text += text
        else:
            self._write(text)

    def submit(self) -> None:
        if self._submit is None:
            self.submitted = True
        else:
            self._submit()

    def take(self, write: Callable[[str], None], submit: Callable[[], None]) -> None:
        """From now on, text goes to ``write`` and enter to ``submit``."""
        self._write, self._submit = write, submit


class EditableTable(DataTable):
    """Rows and columns have string keys; the cells of ``editable`` columns may be edited.

    The table does not edit anything itself: it posts ``EditRequested`` and the app decides.
    h j k l move like the arrows, as they do on the main screen.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit", "Edit", show=False),
        Binding("k", "cursor_up", "Cursor up", show=False),
        Binding("j", "cursor_down", "Cursor down", show=False),
        Binding("h", "cursor_left", "Cursor left", show=False),
        Binding("l", "cursor_right", "Cursor right", show=False),
    ]

    class EditRequested(Message):
        """Edit the cell at (row, column) keys; ``typed`` is what the user types for it."""

        def __init__(self, table: EditableTable, row: str, column: str, typed: Typing):
            super().__init__()
            self.table = table
            self.row = row
            self.column = column
            self.typed = typed

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.editable: set[str] = set()
        self._typing: Typing | None = None  # the edit asked for, until its editor is gone

    def _cell(self) -> tuple[str, str] | None:
        """The cursor's (row, column) keys when its cell can be edited."""
        if not self.is_valid_coordinate(self.cursor_coordinate):
            return None
        keys = self.coordinate_to_cell_key(self.cursor_coordinate)
        column = keys.column_key.value
        if keys.row_key.value is None or column is None or column not in self.editable:
            return None
        return keys.row_key.value, column

    @property
    def typing(self) -> Typing | None:
        """The edit asked for whose editor is still to come or still open, if one is."""
        if self._typing is not None and self._typing.closed:
            self._typing = None
        return self._typing

    def action_edit(self) -> None:
        self._request("")

    def on_key(self, event: events.Key) -> None:
        typing = self.typing
        if typing is not None and event.key == "enter":
            event.stop()
            event.prevent_default()
            typing.submit()
            return
        character = event.character if event.is_printable else None
        if character is None or (typing is None and character not in NUMBER_START):
            return
        event.stop()
        event.prevent_default()
        if typing is None:
            self._request(character)
        else:
            typing.add(character)

    def on_paste(self, event: events.Paste) -> None:
        lines = event.text.strip().splitlines()  # one value: its first line
        if not lines:
            return
        event.stop()
        if (typing := self.typing) is not None:
            typing.add(lines[0])
        else:
            self._request(lines[0])

    def _request(self, typed: str) -> None:
        cell = self._cell()
        if cell is None:
            self.app.bell()
            return
        self._typing = Typing(typed)
        self.post_message(self.EditRequested(self, *cell, self._typing))

    async def _on_idle(self, event: events.Idle) -> None:
        # DataTable measures updated cells when idle, after it has drawn them at the old column
        # width, and keeps those lines cached: a value grown by a digit showed cut ("-1.000")
        # until the next key. Drop the cache once the widths are measured.
        measured = bool(self._updated_cells)
        await super()._on_idle(event)
        if measured:
            self._clear_caches()
            self.refresh()
