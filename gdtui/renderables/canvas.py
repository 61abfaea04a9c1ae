"""A character grid with braille sub-pixels (2x4 dots a cell) and text on top.

The error curve and the network diagram draw on it; ``lines()`` turns it into Rich segments,
one run of segments per row, joining neighbouring cells of the same style.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.segment import Segment
from rich.style import Style

# Bit of each dot in a braille cell, by [row 0..3][column 0..1] (Unicode braille patterns).
_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
_BLANK = Style()


def as_lines(rows: Iterable[list[Segment]]) -> Iterator[Segment]:
    """Rows of segments as a renderable gives them to Rich: each row, then a line break."""
    for row in rows:
        yield from row
        yield Segment.line()


class Canvas:
    """``width`` x ``height`` cells; dots address ``2*width`` x ``4*height`` sub-pixels."""

    def __init__(self, width: int, height: int) -> None:
        self.width = max(0, width)
        self.height = max(0, height)
        self._bits = [[0] * self.width for _ in range(self.height)]
        self._dot_style: list[list[Style | None]] = [
            [None] * self.width for _ in range(self.height)
        ]
        self._text: dict[tuple[int, int], tuple[str, Style]] = {}

    @property
    def dots_wide(self) -> int:
        return 2 * self.width

    @property
    def dots_high(self) -> int:
        return 4 * self.height

    def dot(self, px: int, py: int, style: Style) -> None:
        if 0 <= px < 2 * self.width and 0 <= py < 4 * self.height:
            x, y = px >> 1, py >> 2
            self._bits[y][x] |= _BITS[py & 3][px & 1]
            self._dot_style[y][x] = style

    def line(self, x0: float, y0: float, x1: float, y1: float, style: Style, dash: int = 0) -> None:
        """A straight line between two sub-pixel points; ``dash`` > 0 leaves gaps of that
        period (on for ``dash`` dots, off for ``dash``)."""
        n = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
        for k in range(n + 1):
            if dash and (k // dash) % 2:
                continue
            t = k / n
            self.dot(round(x0 + (x1 - x0) * t), round(y0 + (y1 - y0) * t), style)

    def text(self, x: int, y: int, text: str, style: Style) -> None:
        """Write text on top of the dots from cell (x, y), clipped at the right edge."""
        if not 0 <= y < self.height:
            return
        for k, char in enumerate(text):
            if 0 <= x + k < self.width:
                self._text[(x + k, y)] = (char, style)

    def is_free(self, x: int, y: int, length: int) -> bool:
        """Whether ``length`` cells from (x, y) are inside and carry no text yet."""
        if not (0 <= y < self.height and x >= 0 and x + length <= self.width):
            return False
        return all((x + k, y) not in self._text for k in range(length))

    def lines(self) -> list[list[Segment]]:
        rows: list[list[Segment]] = []
        for y in range(self.height):
            segments: list[Segment] = []
            run: list[str] = []
            run_style: Style = _BLANK
            for x in range(self.width):
                cell = self._text.get((x, y))
                if cell is not None:
                    char, style = cell
                elif self._bits[y][x]:
                    char, style = chr(0x2800 + self._bits[y][x]), self._dot_style[y][x] or _BLANK
                else:
                    char, style = " ", _BLANK
                if style is not run_style and run:
                    segments.append(Segment("".join(run), run_style))
                    run = []
                run_style = style
                run.append(char)
            if run:
                segments.append(Segment("".join(run), run_style))
            rows.append(segments)
        return rows
