"""A widget that shows prepared lines through Textual's line API.

Subclasses build a list of Strips when their data changes (``set_lines``); drawing a frame is
then only handing those Strips back, which keeps a 25-frames-a-second redraw of MNIST cheap.
They draw with the palette of the app's theme (``self.palette``) and draw again when it changes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from ..palette import Palette
from ..renderables.pixels import image_rows
from ..themes import app_palette, on_theme_change

NO_STYLE = Style()


def text(value: str, style: Style, width: int | None = None) -> Strip:
    value = value if width is None else value[:width].ljust(width)
    return Strip([Segment(value, style)], len(value))


def image_strips(
    values: np.ndarray, scale: float, palette: Palette, *, grey: bool = False, truecolor: bool
) -> list[Strip]:
    """The picture of ``values`` (see ``image_rows``), a Strip per line."""
    rows = image_rows(values, scale, palette.pixels, grey=grey, truecolor=truecolor)
    return [Strip(row, values.shape[1]) for row in rows]


def beside(parts: list[Strip], gap: int = 1) -> Strip:
    """Strips side by side, ``gap`` blanks between them."""
    out: list[Strip] = []
    for k, part in enumerate(parts):
        if k:
            out.append(Strip.blank(gap))
        out.append(part)
    return Strip.join(out)


def column(blocks: list[list[Strip]], widths: list[int], gap: int = 1) -> list[Strip]:
    """Blocks of lines side by side, shorter blocks padded with blank lines."""
    height = max(len(block) for block in blocks)
    lines = []
    for y in range(height):
        parts = [
            block[y].adjust_cell_length(w) if y < len(block) else Strip.blank(w)
            for block, w in zip(blocks, widths, strict=True)
        ]
        lines.append(beside(parts, gap))
    return lines


def on_base(line: Strip, base: Style, colours_only: bool) -> Strip:
    """``line`` over the widget's colours ``base``: as ``Strip.apply_style``, but when ``base``
    holds colours only (``colours_only``), a segment that sets both of its colours (a pixel's
    half block) is kept as it is, which adding ``base`` would not change (adding the Styles
    a segment cost a third of an MNIST frame at 200x60)."""
    if not colours_only:
        return line.apply_style(base)
    segments = [
        segment
        if (style := segment.style) is not None
        and style.color is not None
        and style.bgcolor is not None
        else Segment(segment.text, base + style)
        for segment in line
    ]
    return Strip(segments, line.cell_length)


class StripPanel(Widget):
    DEFAULT_CSS = """
    StripPanel {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Strip] = []
        self._base = Style()
        self._args: tuple[Any, ...] | None = None

    @property
    def palette(self) -> Palette:
        return app_palette(self.app)

    def on_mount(self) -> None:
        on_theme_change(self, self.on_resize)

    def update_from(self, *args: Any) -> None:
        """Draw from ``args`` (the subclass's ``draw`` arguments), and again on a resize."""
        self._args = args
        self.draw(*args)

    def draw(self, *args: Any) -> None:
        raise NotImplementedError

    def on_resize(self) -> None:
        if self._args is not None:
            self.draw(*self._args)

    def set_lines(self, lines: list[Strip]) -> None:
        resized = len(lines) != len(self._lines)
        # The widget's background and colour under the lines (the line API does not add
        # them), once a drawing: ``rich_style`` walks the CSS, too slow to ask for every line.
        self._base = base = self.rich_style
        colours_only = base.without_color == NO_STYLE
        self._lines = [on_base(line, base, colours_only) for line in lines]
        self.refresh(layout=resized)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._lines))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y < len(self._lines):
            return self._lines[y].crop_extend(0, width, self._base)
        return Strip.blank(width, self._base)
