"""The ledger of the step just taken: what it predicted, its error and delta, and what it did to
each weight (weight_delta, and the weight before → after).

The other panels show the coming step; this one keeps the last, so the learner sees both. Its
height depends on the network's shape only: the layout stays put from step 0 (where it says
that no step is taken yet) on. It shows the selected output, and the selected weight only when
the network is wide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from ..arithmetic import WRITTEN_OUT
from ..renderables.numbers import MINUS, error_text, num, reading
from ..themes import app_palette, on_theme_change
from .literal import literal

if TYPE_CHECKING:
    from ..engine import Problem, StepRecord
    from ..frame import Frame

LABEL = 13  # "weight_delta " and the like
LINES = 3
NO_STEP = (
    "no step yet: after a step (space), what it did stays here,",
    "while the panels above show the coming step.",
)


def signed(text: str) -> str:
    return text.replace("-", MINUS)


class LastStep(Widget):
    """The last step's record: the selected output's pred, error and delta, and the weights into
    it (the selected one only when there are many; every output's when there is one input)."""

    DEFAULT_CSS = """
    LastStep {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._record: StepRecord | None = None
        self._problem: Problem | None = None
        self._cells: list[tuple[int, int]] = []  # the weights shown
        self._output = 0  # the selected output, whose pred, error and delta are shown

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)

    def update_from(self, frame: Frame) -> None:
        record = frame.last
        if record is None and frame.step > 0:
            # After undo, redo or an epoch: the step that led here, rebuilt from the timeline.
            found = frame.history(frame.step - 1, frame.step)
            record = found[0] if found else None
        self._record, self._problem = record, frame.problem
        self._output = frame.cursor[0]
        (i, j), (n_out, n_in) = frame.cursor, frame.problem.weights.shape
        if n_in == 1 and n_out <= WRITTEN_OUT:  # one input: each output's own weight
            self._cells = [(k, 0) for k in range(n_out)]
        else:
            self._cells = [(i, k) for k in range(n_in)] if n_in <= WRITTEN_OUT else [(i, j)]
        if record is None:
            title = " last step "
        else:
            # A step that overflowed was recorded but not applied: the weights stayed.
            kept = ": overflowed, not applied" if record.diverged else ""
            title = f" last step: step {record.step}, on data row {record.example}{kept} "
        self.border_title = literal(title)
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return LINES

    def render(self) -> Text:
        p = app_palette(self.app)
        text = Text(no_wrap=True, overflow="crop")
        if self._problem is None:
            return text
        if self._record is None:
            text.append("\n".join(NO_STEP), p.secondary)
            return text
        r, problem, cells = self._record, self._problem, self._cells
        outs, ins = problem.output_names, problem.input_names
        i = self._output
        delta = float(r.delta[i])
        text.append(f"{outs[i]}: ", p.strong)
        for label, value in (
            ("pred", num(r.pred[i])),
            ("true", num(r.true[i])),
            ("error", error_text(r.error[i])),
            ("delta", num(delta)),
        ):
            text.append(f"{label} ", p.muted)
            text.append(f"{signed(value)}  ", p.strong)
        text.append(reading(delta), p.secondary)
        frozen = r.frozen
        rows = (
            (
                "weight_delta",
                [
                    "frozen" if frozen is not None and frozen[a, b] else num(r.weight_deltas[a, b])
                    for a, b in cells
                ],
            ),
            ("weight", [f"{num(r.weights[a, b])}→{num(r.weights_after[a, b])}" for a, b in cells]),
        )
        names = [ins[b] if problem.n_in > 1 else outs[a] for a, b in cells]
        name_w = max(len(n) for n in names) + 1
        cell_w = max(len(v) for _, values in rows for v in values) + 2
        if LABEL + len(cells) * (name_w + cell_w) - 2 > self.content_size.width:
            # Narrow: the values alone, in the weight table's order of the weights.
            names, name_w = [""] * len(cells), 0
        for label, values in rows:
            text.append("\n" + label.ljust(LABEL), p.muted)
            for name, value in zip(names, values, strict=True):
                text.append(name.ljust(name_w), p.text)
                text.append(signed(value).ljust(cell_w), p.strong)
        return text
