"""The history (``t``): a row a step since the last reset, as the chapter's notebook prints them.

Iteration, Pred, Error, Delta, Weights, Weight_Deltas: the book's loop prints the weights
before each update, and so does this table. Rows are not kept: the visible window is rebuilt
from the trainer's timeline (``Frame.history``) when it is drawn, so 100,000 steps cost what 40
do, and undo, redo and reset show at once. The header stays put; the rows scroll (arrows,
page keys, home and end, the mouse wheel) and follow the newest step while the view is at
the bottom.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..renderables.numbers import OVERFLOW, error_text, fit
from ..themes import app_palette, on_theme_change

if TYPE_CHECKING:
    from ..engine import Problem, StepRecord
    from ..frame import Frame

COLUMNS = ("Iteration", "Pred", "Error", "Delta", "Weights", "Weight_Deltas")
NUMBER = 7  # "-0.1400": four decimals and a sign
MARGIN = 20  # rows fetched beyond the visible ones, so that a short scroll needs no replay
EMPTY = "no steps yet: each step taken adds a row (Iteration 1 is the first)"


def value_text(value: float, width: int = NUMBER, error: bool = False) -> str:
    """Four decimals as everywhere in gdtui, fewer digits of exponent when that is too wide; a
    tiny error keeps its digits (8.80e-05); ``overflow`` as everywhere."""
    v = float(value)
    if not math.isfinite(v):
        return OVERFLOW
    return error_text(v) if error and 0 < abs(v) < 1e-3 else fit(v, width).strip()


@dataclass(frozen=True)
class Group:
    """A column of the book's printout: one sub-column per value it shows (several outputs'
    preds, several weights), each named under the group's title."""

    title: str
    names: tuple[str, ...]  # the sub-columns' ("" for a single value)
    width: int  # each sub-column's

    @property
    def total(self) -> int:
        return max(len(self.title), len(self.names) * (self.width + 1) - 1)

    def text(self, values: list[str]) -> str:
        inner = " ".join(v.rjust(self.width) for v in values)
        return inner.rjust(self.total)


@dataclass(frozen=True)
class Shown:
    """Which outputs and weights a row shows: all of a small network, else the selection."""

    outputs: tuple[int, ...]
    weights: tuple[tuple[int, int], ...]
    groups: tuple[Group, ...]

    @classmethod
    def of(cls, problem: Problem, cursor: tuple[int, int]) -> Shown:
        n_out, n_in = problem.n_out, problem.n_in
        i = cursor[0]
        outputs = tuple(range(n_out)) if n_out <= 3 else (i,)
        if n_out == 1 or n_in == 1:
            every = [(a, b) for a in range(n_out) for b in range(n_in)]
            weights = tuple(every) if len(every) <= 6 else (cursor,)
        else:
            weights = tuple((i, b) for b in range(n_in)) if n_in <= 6 else (cursor,)
        outs, ins = problem.output_names, problem.input_names
        of_outputs = f" ({outs[i]})" if len(outputs) < n_out else ""
        if len(weights) == 1 and n_out * n_in > 1:
            of_weights = f" ({ins[cursor[1]]} → {outs[i]})"
        elif len(weights) < n_out * n_in:
            of_weights = f" (into {outs[i]})"
        else:
            of_weights = ""
        out_names = tuple(outs[k] for k in outputs) if len(outputs) > 1 else ("",)
        if len(weights) == 1:
            weight_names: tuple[str, ...] = ("",)
        else:
            weight_names = tuple(ins[b] if n_in > 1 else outs[a] for a, b in weights)
        groups = [Group(COLUMNS[0], ("",), len(COLUMNS[0]))]
        for title, width in zip(COLUMNS[1:4], (NUMBER, NUMBER + 1, NUMBER), strict=True):
            groups.append(Group(title + of_outputs, out_names, width))
        for title in COLUMNS[4:]:
            groups.append(Group(title + of_weights, weight_names, NUMBER))
        return cls(outputs, weights, tuple(groups))

    @property
    def header_lines(self) -> int:
        """The titles, and under them the sub-columns' names when a group has several."""
        return 2 if any(len(g.names) > 1 for g in self.groups) else 1

    @property
    def width(self) -> int:
        return sum(g.total for g in self.groups) + len(self.groups) - 1

    def header(self, line: int) -> str:
        if line == 0:
            return " ".join(
                g.title.center(g.total) if len(g.names) > 1 else g.title.rjust(g.total)
                for g in self.groups
            )
        return " ".join(g.text([name[: g.width] for name in g.names]) for g in self.groups)

    def row(self, record: StepRecord) -> str:
        outputs = list(self.outputs)
        rows, cols = [a for a, _ in self.weights], [b for _, b in self.weights]
        columns = [
            [str(record.step)],
            [value_text(v) for v in record.pred[outputs]],
            [value_text(v, NUMBER + 1, error=True) for v in record.error[outputs]],
            [value_text(v) for v in record.delta[outputs]],
            [value_text(v) for v in record.weights[rows, cols]],
            [value_text(v) for v in record.weight_deltas[rows, cols]],
        ]
        return " ".join(g.text(c) for g, c in zip(self.groups, columns, strict=True))


class HistoryTable(ScrollView, can_focus=True):
    """The steps since the last reset, a row each; only the rows on screen are ever made."""

    DEFAULT_CSS = """
    HistoryTable {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._frame: Frame | None = None
        self._shown: Shown | None = None
        self._rows: dict[int, StepRecord] = {}  # the window fetched for this frame, by index
        self._following = True  # at the newest row: new steps keep it in view

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)

    def update_from(self, frame: Frame) -> None:
        self._frame = frame
        self._shown = Shown.of(frame.problem, frame.cursor)
        self._rows = {}
        steps = f"{frame.step} step{'' if frame.step == 1 else 's'}"
        self.border_title = f"history: {steps} since the last reset"
        self.border_subtitle = "the weights before each update, as the book prints them"
        self.virtual_size = Size(self._shown.width, frame.step + self._shown.header_lines)
        self._follow()
        self.refresh()

    def _follow(self) -> None:
        if self._following:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._follow()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._following = new >= self.max_scroll_y

    def focus_view(self) -> None:
        self.focus()

    @property
    def steps(self) -> int:
        return self._frame.step if self._frame is not None else 0

    def record(self, index: int) -> StepRecord | None:
        """The record of row ``index`` (0: step 1), fetched with its neighbours on a miss."""
        if self._frame is None or not 0 <= index < self.steps:
            return None
        if index not in self._rows:
            first = int(self.scroll_y)
            top = max(0, min(index, first) - MARGIN)
            stop = min(self.steps, max(index + 1, first + self.size.height) + MARGIN)
            fetched = self._frame.history(top, stop)
            self._rows = dict(enumerate(fetched, top))
        return self._rows.get(index)

    def visible_lines(self) -> list[str]:
        """The text on screen, a string a line (for tests)."""
        return [self.render_line(y).text for y in range(self.size.height)]

    def render_line(self, y: int) -> Strip:
        p = app_palette(self.app)
        width = self.size.width
        shown = self._shown
        if shown is None:
            return Strip.blank(width)
        scroll_x = int(self.scroll_x)
        heads = shown.header_lines
        if y < heads:
            style = p.muted + Style(bold=True) if y == 0 else p.muted
            strip = Strip([Segment(shown.header(y), style)])
        elif self.steps == 0:
            strip = Strip([Segment(EMPTY if y == heads else "", p.secondary)])
        else:
            index = int(self.scroll_y) + y - heads
            record = self.record(index)
            if record is None:
                return Strip.blank(width)
            newest = index == self.steps - 1
            style = p.error if record.diverged else p.strong if newest else p.text
            strip = Strip([Segment(shown.row(record), style)])
        return strip.crop(scroll_x, scroll_x + width).extend_cell_length(width)
