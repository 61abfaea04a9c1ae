"""The weight table: each weight, its weight_delta and the coming update, and a cursor."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from ..engine import StepRecord, Trainer
from ..renderables.weight_grid import CELL, LINES, GridView, WeightGrid, label_width, window
from ..themes import app_palette, on_theme_change

MAX_ROWS = 8  # cell rows drawn at most; a bigger network shows a window around the cursor
BIG_INPUTS = 8  # beyond this many columns, say that only a corner is shown
LEGEND = "weight · weight_delta ▲ grows ▼ shrinks"


class WeightTable(Widget, can_focus=True):
    """Rows are outputs, columns inputs. Clicking a cell selects it; clicking its marker (the
    ○ or ❄ at its top left) toggles freezing. The app owns the cursor's meaning: this widget
    only reports where it is."""

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
        self.cursor: tuple[int, int] = (0, 0)

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

    def update_from(self, trainer: Trainer, record: StepRecord) -> None:
        old = self._view
        self._view = GridView(
            trainer.problem.input_names,
            trainer.problem.output_names,
            trainer.state.weights,
            record.weight_deltas,
            trainer.state.frozen.copy(),
            self.cursor,
        )
        resized = old is None or old.weights.shape != self._view.weights.shape
        if resized:
            n_out, n_in = self._view.weights.shape
            big = n_out > MAX_ROWS or n_in > BIG_INPUTS
            self.border_subtitle = f"the cursor's corner of {n_out}x{n_in}" if big else LEGEND
        self.refresh(layout=resized)

    def reset_cursor(self) -> None:
        """Back to the first weight (a new scenario), without a message."""
        self.cursor = (0, 0)

    def move_cursor(self, d_out: int, d_in: int) -> None:
        if self._view is None:
            return
        n_out, n_in = self._view.weights.shape
        i = min(max(self.cursor[0] + d_out, 0), n_out - 1)
        j = min(max(self.cursor[1] + d_in, 0), n_in - 1)
        self.select(i, j)

    def select(self, output: int, input: int) -> None:
        if (output, input) != self.cursor:
            self.cursor = (output, input)
            self.post_message(self.CellSelected(self, output, input))

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
        self.select(i, j)
        if on_marker:
            self.post_message(self.FreezeToggled(self, i, j))
