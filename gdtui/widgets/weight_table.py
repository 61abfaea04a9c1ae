"""The weight table: each weight, its weight_delta and the coming update, and a cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from ..renderables.weight_grid import CELL, LINES, GridView, WeightGrid, label_width, window
from ..themes import app_palette, on_theme_change

if TYPE_CHECKING:
    from ..frame import Frame

MAX_ROWS = 8  # cell rows drawn at most; a bigger network shows a window around the cursor
BIG_INPUTS = 8  # beyond this many columns, say that only a corner is shown
LEGEND = "▲ up ▼ down: ▲▲▲ ≥10%, ▲▲ ≥1%, · stays"


class WeightTable(Widget, can_focus=True):
    """Rows are outputs, columns inputs. Clicking a cell selects it; clicking its marker (the
    ○ or ❄ at its top left) toggles freezing. The cursor is the frame's: this widget only
    reports clicks."""

    DEFAULT_CSS = """
    WeightTable {
        height: auto;
        width: auto;
        min-width: 20;
    }
    """

    class CellMessage(Message):
        """Something happened to weight (output, input)."""

        def __init__(self, table: WeightTable, output: int, input: int) -> None:
            super().__init__()
            self.table = table
            self.output = output
            self.input = input

    class CellSelected(CellMessage):
        """The cursor moved to weight (output, input)."""

    class FreezeToggled(CellMessage):
        """The user clicked the freeze marker of weight (output, input)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: GridView | None = None

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)

    def render(self) -> WeightGrid | str:
        if self._view is None:
            return ""
        return WeightGrid(self._view, MAX_ROWS, app_palette(self.app))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self._view is None:
            return 20
        return label_width(self._view) + CELL * self._view.weights.shape[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._view is None:
            return 1
        return 1 + LINES * min(MAX_ROWS, self._view.weights.shape[0])

    def update_from(self, frame: Frame) -> None:
        old = self._view
        self._view = GridView(
            frame.problem.input_names,
            frame.problem.output_names,
            frame.weights,
            frame.coming.weight_deltas,
            frame.frozen,
            frame.cursor,
            frame.alpha,
        )
        resized = old is None or old.weights.shape != self._view.weights.shape
        if resized:
            n_out, n_in = self._view.weights.shape
            big = n_out > MAX_ROWS or n_in > BIG_INPUTS
            self.border_subtitle = f"the cursor's corner of {n_out}x{n_in}" if big else LEGEND
        self.refresh(layout=resized)

    @property
    def cursor(self) -> tuple[int, int]:
        """The selected weight as last drawn."""
        return self._view.cursor if self._view is not None else (0, 0)

    def on_click(self, event: events.Click) -> None:
        if self._view is None:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        win = window(self._view, self.content_size.width, MAX_ROWS)
        hit = win.cell_at(offset.x, offset.y)
        if hit is None:
            return
        i, j, on_marker = hit
        if (i, j) != self.cursor:
            self.post_message(self.CellSelected(self, i, j))
        if on_marker:
            self.post_message(self.FreezeToggled(self, i, j))
