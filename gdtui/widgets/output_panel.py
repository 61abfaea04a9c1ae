"""Each output's pred, true, error and delta on the current example, and the book's reading."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from ..palette import DARK, Palette
from ..renderables.numbers import SHOWN, error_text, num, reading
from ..themes import app_palette, on_theme_change

if TYPE_CHECKING:
    from ..frame import Frame

ROWS_WIDTH = 62  # the one-line-an-output layout needs this much
LABEL_WIDTH = 8
COLUMN = 9
FIELDS = ("pred", "true", "error", "delta")
BOLD = Style(bold=True)


def show(field: int, value: float) -> str:
    """A field's value: errors keep their digits when tiny, the rest have four decimals."""
    return error_text(value) if FIELDS[field] == "error" else num(value)


def advice_style(delta: float, palette: Palette = DARK) -> Style:
    if not math.isfinite(delta):
        return palette.error
    if abs(delta) < SHOWN:
        return palette.text
    return palette.higher if delta < 0 else palette.lower


def arrow(delta: float) -> str:
    """▲ predict higher, ▼ lower, = spot on (a delta that shows as 0.0000)."""
    if not math.isfinite(delta) or abs(delta) < SHOWN:
        return "=" if math.isfinite(delta) else "!"
    return "▲" if delta < 0 else "▼"


class OutputPanel(Widget):
    """A line an output when there is room; else outputs as columns, fields as rows."""

    DEFAULT_CSS = """
    OutputPanel {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._names: list[str] = []
        self._values: list[tuple[float, float, float, float]] = []

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)

    def render(self) -> Text:
        if not self._names:
            return Text()
        if self._by_rows(self.content_size.width):
            return self._rows(app_palette(self.app))
        return self._columns(app_palette(self.app))

    def columns_width(self) -> int:
        """The width the compact layout needs (the app lays the panel out by it)."""
        return LABEL_WIDTH + COLUMN * len(self._names)

    def _by_rows(self, width: int) -> bool:
        return width >= ROWS_WIDTH or width < self.columns_width()

    def _rows(self, p: Palette) -> Text:
        name_w = max(len(n) for n in self._names) + 1
        text = Text(no_wrap=True, overflow="crop")
        text.append(" " * name_w + "".join(f.rjust(COLUMN + 1) for f in FIELDS), p.muted + BOLD)
        for name, values in zip(self._names, self._values, strict=True):
            delta = values[3]
            text.append("\n")
            text.append(name.ljust(name_w), p.strong)
            text.append("".join(show(k, v).rjust(COLUMN + 1) for k, v in enumerate(values)))
            text.append(f"  {arrow(delta)} {reading(delta)}", advice_style(delta, p))
        return text

    def _columns(self, p: Palette) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        text.append(" " * LABEL_WIDTH)
        for name in self._names:
            text.append(name[: COLUMN - 1].rjust(COLUMN), p.strong)
        for k, field in enumerate(FIELDS):
            text.append("\n" + field.ljust(LABEL_WIDTH), p.muted + BOLD)
            text.append("".join(show(k, values[k]).rjust(COLUMN) for values in self._values))
        text.append("\n" + "predict".ljust(LABEL_WIDTH), p.muted + BOLD)
        for values in self._values:
            delta = values[3]
            word = reading(delta).removeprefix("predict ")
            text.append(f"{arrow(delta)} {word}".rjust(COLUMN), advice_style(delta, p))
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._names:
            return 1
        return 1 + (len(self._names) if self._by_rows(width) else len(FIELDS) + 1)

    def update_from(self, frame: Frame) -> None:
        record = frame.coming
        names = list(frame.problem.output_names)
        resized = names != self._names
        self._names = names
        self._values = [
            (
                float(record.pred[i]),
                float(record.true[i]),
                float(record.error[i]),
                float(record.delta[i]),
            )
            for i in range(len(names))
        ]
        # The coming step's (the ledger under it keeps the last); rows count from 0, as toes[0].
        self.border_subtitle = f"coming step {record.step}, on data row {record.example}"
        self.refresh(layout=resized)
