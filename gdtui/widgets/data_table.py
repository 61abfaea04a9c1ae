"""A DataTable whose cells can be asked to be edited: enter, or typing a number on a cell."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

NUMBER_START = set("0123456789-.")  # a key that begins a number starts editing with it


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
        """Edit the cell at (row, column) keys; ``typed`` is what the user began typing."""

        def __init__(self, table: EditableTable, row: str, column: str, typed: str | None):
            super().__init__()
            self.table = table
            self.row = row
            self.column = column
            self.typed = typed

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.editable: set[str] = set()

    def _cell(self) -> tuple[str, str] | None:
        """The cursor's (row, column) keys when its cell can be edited."""
        if not self.is_valid_coordinate(self.cursor_coordinate):
            return None
        keys = self.coordinate_to_cell_key(self.cursor_coordinate)
        column = keys.column_key.value
        if keys.row_key.value is None or column is None or column not in self.editable:
            return None
        return keys.row_key.value, column

    def action_edit(self) -> None:
        self._request(None)

    def on_key(self, event: events.Key) -> None:
        if event.character is not None and event.character in NUMBER_START:
            event.stop()
            event.prevent_default()
            self._request(event.character)

    def _request(self, typed: str | None) -> None:
        cell = self._cell()
        if cell is None:
            self.app.bell()
            return
        self.post_message(self.EditRequested(self, *cell, typed))

    async def _on_idle(self, event: events.Idle) -> None:
        # DataTable measures updated cells when idle, after it has drawn them at the old column
        # width, and keeps those lines cached: a value grown by a digit showed cut ("-1.000")
        # until the next key. Drop the cache once the widths are measured.
        measured = bool(self._updated_cells)
        await super()._on_idle(event)
        if measured:
            self._clear_caches()
            self.refresh()
