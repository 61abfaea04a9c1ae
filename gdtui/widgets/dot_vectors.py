"""The ``v`` view: the chapter's dot products on small vectors, editable, and pred as one.

The vectors are the learner's to play with: edits stay in this view (they are not the
scenario's data, so they never enter the history or the session). The prediction written
under them is the coming step's, from the frame, for the selected output (j/k pick another;
on MNIST the selected digit).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..renderables.dot_vectors import CHAPTER, PAIRS, DotsView, DotVectorsPlot, Prediction
from ..themes import app_palette, on_theme_change

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from ..frame import Frame

STEP = 0.5  # what + and - add to an entry: the chapter's entries are all multiples of it
TYPED = set("0123456789.")
MAX_TYPED = 12


class DotVectors(VerticalScroll, can_focus=True):
    """Arrows select an entry; typing a number and enter sets it, + and - change it by 0.5;
    tab shows the next of the figure's pairs, delete restores the chapter's vector."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", "Entry up", show=False),
        Binding("down", "move(1, 0)", "Entry down", show=False),
        Binding("left", "move(0, -1)", "Entry left", show=False),
        Binding("right", "move(0, 1)", "Entry right", show=False),
        Binding("enter", "enter", "Set the entry", show=False),
        Binding("escape", "cancel", "Cancel typing", show=False),
        Binding("backspace", "backspace", "Delete a digit", show=False),
        Binding("tab", "pair(1)", "Next pair", show=False),
        Binding("shift+tab", "pair(-1)", "Previous pair", show=False),
        Binding("delete", "restore", "The chapter's vector", show=False),
    ]

    DEFAULT_CSS = """
    DotVectors {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    DotVectors > Static {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names = tuple(name for name, _ in CHAPTER)
        self.vectors = [list(values) for _, values in CHAPTER]
        self.cursor = (0, 0)  # (vector, entry)
        self.typing: str | None = None
        self.pair = 0
        self._prediction: Prediction | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="dot-vectors")

    def on_mount(self) -> None:
        self.border_title = "dot products · v closes"
        self.border_subtitle = "↑↓←→ entry · type a number, enter · + − by 0.5 · tab next pair"
        on_theme_change(self, self._draw)
        self._draw()

    def focus_view(self) -> None:
        self.focus(scroll_visible=False)

    def update_from(self, frame: Frame) -> None:
        record, names = frame.coming, frame.problem.output_names
        output = frame.digit if frame.images else frame.cursor[0]
        weights, pred = record.weights[output], float(record.pred[output])
        another = (
            ""
            if len(names) == 1
            else "h l: another digit"
            if frame.images
            else "j k: another output"
        )
        self._prediction = Prediction(
            names[output], record.input, weights, pred, record.example, another
        )
        self._draw()

    def dot(self, left: int, right: int) -> float:
        """The dot product of two of the vectors as they are now (for tests and the pairs)."""
        return sum(x * y for x, y in zip(self.vectors[left], self.vectors[right], strict=True))

    # -- drawing --------------------------------------------------------------------------------
    def _draw(self) -> None:
        edited = [v != list(c) for v, (_, c) in zip(self.vectors, CHAPTER, strict=True)]
        view = DotsView(
            self.names, self.vectors, edited, self.cursor, self.typing, self.pair, self._prediction
        )
        self.query_one(Static).update(DotVectorsPlot(view, app_palette(self.app)))

    # -- editing --------------------------------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        char = event.character
        if char is None or char not in TYPED | {"+", "-"}:
            return
        event.stop()
        event.prevent_default()
        if char in TYPED:
            if len(self.typing or "") < MAX_TYPED:
                self.typing = (self.typing or "") + char
        elif self.typing is not None and char == "-":
            self.typing = self.typing[1:] if self.typing.startswith("-") else "-" + self.typing
        elif self.typing is None:
            self._set(self._value() + (STEP if char == "+" else -STEP))
        self._draw()

    def action_move(self, d_row: int, d_col: int) -> None:
        self._commit()
        row = min(max(self.cursor[0] + d_row, 0), len(self.vectors) - 1)
        col = min(max(self.cursor[1] + d_col, 0), len(self.vectors[row]) - 1)
        self.cursor = (row, col)
        self._draw()

    def action_enter(self) -> None:
        if self.typing is None:
            self.typing = ""
        else:
            self._commit()
        self._draw()

    def action_cancel(self) -> None:
        self.typing = None
        self._draw()

    def action_backspace(self) -> None:
        if self.typing:
            self.typing = self.typing[:-1]
            self._draw()

    def action_pair(self, by: int) -> None:
        self._commit()
        self.pair = (self.pair + by) % len(PAIRS)
        self.cursor = (PAIRS[self.pair][0], self.cursor[1])
        self._draw()

    def action_restore(self) -> None:
        self.typing = None
        row = self.cursor[0]
        self.vectors[row] = list(CHAPTER[row][1])
        self._draw()

    def _value(self) -> float:
        return self.vectors[self.cursor[0]][self.cursor[1]]

    def _set(self, value: float) -> None:
        if math.isfinite(value):
            row, col = self.cursor
            self.vectors[row][col] = value
        else:
            self.app.bell()

    def _commit(self) -> None:
        """Set the typed number, if it is one; drop what was typed either way."""
        typed, self.typing = self.typing, None
        if not typed:
            return
        try:
            value = float(typed)
        except ValueError:
            self.app.bell()
            return
        self._set(value)
