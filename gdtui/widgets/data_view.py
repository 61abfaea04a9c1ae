"""The ``i`` view: the scenario's examples as a table, and its weights, editable in place.

The screen feeds it the frame with ``update_from`` like every view; an edit is only asked for
(``EditCell``): the app opens the editor and sends the new value to the controller, so that the
change enters the history and undo takes it back. Cells are updated in place, only those that
changed, so that a thousand MNIST rows cost nothing while training.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from ..engine import Inputs, Problem
from ..renderables.numbers import num
from ..themes import app_palette, on_theme_change
from .data_table import EditableTable, Typing

if TYPE_CHECKING:
    from ..frame import Frame

WIDE_INPUTS = 64  # more inputs than this (MNIST's 784): a pixel summary instead of columns
MAX_WEIGHTS = 400  # more weights than this are not listed


def data_text(value: float) -> Text:
    return Text(f"{float(value):.6g}", justify="right")


class DataView(Vertical, can_focus=False):
    """Rows are examples: the row index (▶ marks the coming one), each input and each target."""

    DEFAULT_CSS = """
    DataView {
        height: 1fr;
    }
    DataView > EditableTable {
        height: auto;
        max-height: 1fr;
    }
    DataView > #data-note {
        dock: bottom;
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }
    """

    class EditCell(Message):
        """Edit ``side`` ("inputs", "targets" or "weights") at [row, col]; ``what`` names it."""

        def __init__(
            self, side: str, row: int, col: int, value: float, what: str, typed: Typing
        ) -> None:
            super().__init__()
            self.side = side
            self.row = row
            self.col = col
            self.value = value
            self.what = what
            self.typed = typed

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._problem: Problem | None = None
        self._inputs: Inputs | None = None
        self._targets: np.ndarray | None = None
        self._weights: np.ndarray | None = None
        self._frozen: np.ndarray | None = None
        self._coming = -1
        self._wide = False

    def compose(self) -> ComposeResult:
        yield EditableTable(id="data-examples")
        yield EditableTable(id="data-weights")
        yield Static("", id="data-note")  # docked at the bottom: under a long table too

    def on_mount(self) -> None:
        examples = self.query_one("#data-examples", EditableTable)
        examples.border_title = "examples: enter or a number edits · u undoes · i closes"
        self.query_one("#data-weights", EditableTable).border_title = "weights: a row per output"
        on_theme_change(self, self._restyle)

    @property
    def examples(self) -> EditableTable:
        return self.query_one("#data-examples", EditableTable)

    @property
    def weights(self) -> EditableTable:
        return self.query_one("#data-weights", EditableTable)

    def focus_view(self) -> None:
        self.examples.focus()

    def update_from(self, frame: Frame) -> None:
        if frame.problem is not self._problem:
            self._build(frame)
        state = frame
        if state.inputs is not self._inputs and not self._wide:
            self._update_data("inputs", "in", state.inputs)
        if state.targets is not self._targets:
            self._update_data("targets", "out", state.targets)
        self._inputs, self._targets = state.inputs, state.targets
        self._mark_coming(frame.example)
        if self.weights.display:
            self._update_weights(state.weights, state.frozen)

    # -- building -------------------------------------------------------------------------------
    def _build(self, frame: Frame) -> None:
        problem, state = frame.problem, frame
        self._problem = problem
        self._wide = problem.n_in > WIDE_INPUTS
        self._coming, self._weights, self._frozen = -1, None, None
        self._inputs, self._targets = state.inputs, state.targets
        table = self.examples
        table.clear(columns=True)
        table.add_column("row", key="row")
        if self._wide:
            table.add_column("label", key="label")
        else:
            for j, name in enumerate(problem.input_names):
                table.add_column(Text(name), key=f"in:{j}")
        for i, name in enumerate(problem.output_names):
            # Many outputs (MNIST's ten digits) are targets by their place after the label.
            table.add_column(Text(name if self._wide else f"{name} (true)"), key=f"out:{i}")
        if self._wide:
            table.add_column("pixels", key="pixels")
        table.editable = {f"out:{i}" for i in range(problem.n_out)}
        if not self._wide:
            table.editable |= {f"in:{j}" for j in range(problem.n_in)}
        used = set(problem.examples.tolist())
        labels = problem.targets.argmax(axis=1)
        unused = app_palette(self.app).muted
        for r in range(len(state.inputs)):
            cells: list[Text] = [Text(str(r), style="" if r in used else unused)]
            if self._wide:
                cells.append(Text(problem.output_names[labels[r]]))
            else:
                cells += [data_text(v) for v in state.inputs[r].tolist()]
            cells += [data_text(v) for v in state.targets[r].tolist()]
            if self._wide:
                cells.append(self._pixels_text(state.inputs[r]))
            table.add_row(*cells, key=str(r))
        self._build_weights(problem)
        skipped = len(state.inputs) - len(used)
        notes = []
        if skipped:
            notes.append(f"grey rows ({skipped}) are not in the examples an epoch trains on")
        if self._wide:
            notes.append(
                f"{problem.n_in} inputs a row: the targets after the label are editable, "
                "the pixels are only summed up"
            )
        if not self.weights.display:
            notes.append(f"{problem.n_out * problem.n_in:,} weights: too many to list here")
        note = self.query_one("#data-note", Static)
        note.update(Text("; ".join(notes)))
        note.display = bool(notes)

    def _build_weights(self, problem: Problem) -> None:
        table = self.weights
        table.clear(columns=True)
        table.display = problem.n_out * problem.n_in <= MAX_WEIGHTS
        if not table.display:
            table.editable = set()
            return
        table.add_column("output", key="output")
        for j, name in enumerate(problem.input_names):
            table.add_column(Text(name), key=f"in:{j}")
        table.editable = {f"in:{j}" for j in range(problem.n_in)}
        for i, name in enumerate(problem.output_names):
            table.add_row(Text(name), *[Text("") for _ in range(problem.n_in)], key=f"out:{i}")

    def _pixels_text(self, x: np.ndarray) -> Text:
        return Text(f"{int((x > 0).sum())} inked, mean {x.mean():.2f}", app_palette(self.app).muted)

    def _restyle(self) -> None:
        """The coloured cells again, in the palette of the new theme."""
        if self._problem is None or self._inputs is None:
            return
        used, muted = set(self._problem.examples.tolist()), app_palette(self.app).muted
        for r in range(len(self._inputs)):
            if self._wide:
                self.examples.update_cell(str(r), "pixels", self._pixels_text(self._inputs[r]))
            if r != self._coming:
                self.examples.update_cell(str(r), "row", Text(str(r), "" if r in used else muted))
        coming, self._coming = self._coming, -1
        if coming >= 0:
            self._mark_coming(coming)
        if self.weights.display and self._weights is not None and self._frozen is not None:
            weights, frozen = self._weights, self._frozen
            self._weights = None
            self._update_weights(weights, frozen)

    # -- updating -------------------------------------------------------------------------------
    def _update_data(self, side: str, prefix: str, values: Inputs) -> None:
        old = self._inputs if side == "inputs" else self._targets
        if old is None or old.shape != values.shape:
            changed = np.argwhere(np.ones(values.shape, bool))
        else:
            changed = np.argwhere(old != values)
        for r, c in changed.tolist():
            self.examples.update_cell(
                str(r), f"{prefix}:{c}", data_text(values[r, c]), update_width=True
            )

    def _mark_coming(self, row: int) -> None:
        if row == self._coming:
            return
        table, used = self.examples, set()
        if self._problem is not None:
            used = set(self._problem.examples.tolist())
        p = app_palette(self.app)
        if self._coming >= 0:
            old = self._coming
            table.update_cell(str(old), "row", Text(str(old), "" if old in used else p.muted))
        table.update_cell(str(row), "row", Text(f"▶ {row}", p.heading), update_width=True)
        self._coming = row

    def _update_weights(self, weights: np.ndarray, frozen: np.ndarray) -> None:
        old_w, old_f = self._weights, self._frozen
        table = self.weights
        for (i, j), value in np.ndenumerate(weights):
            if old_w is not None and old_f is not None:
                same = old_w[i, j] == value or (np.isnan(old_w[i, j]) and np.isnan(value))
                if same and old_f[i, j] == frozen[i, j]:
                    continue
            text = Text(num(value), justify="right")
            if frozen[i, j]:
                text = Text.assemble(("❄ ", app_palette(self.app).frozen), text, justify="right")
            table.update_cell(f"out:{i}", f"in:{j}", text, update_width=True)
        self._weights, self._frozen = weights.copy(), frozen.copy()

    # -- editing --------------------------------------------------------------------------------
    def on_editable_table_edit_requested(self, event: EditableTable.EditRequested) -> None:
        event.stop()
        problem = self._problem
        if problem is None or self._inputs is None or self._targets is None:
            return
        prefix, _, index = event.column.partition(":")
        col = int(index)
        if event.table is self.weights:
            row = int(event.row.partition(":")[2])
            what = f"the weight {problem.output_names[row]} ← {problem.input_names[col]}"
            value = float(self._weights[row, col]) if self._weights is not None else 0.0
            self.post_message(self.EditCell("weights", row, col, value, what, event.typed))
            return
        row = int(event.row)
        if prefix == "in":
            side, name, values = "inputs", problem.input_names[col], self._inputs
        else:
            side, name, values = "targets", problem.output_names[col], self._targets
        what = f"{name} of row {row} ({side[:-1]})"
        self.post_message(self.EditCell(side, row, col, float(values[row, col]), what, event.typed))
