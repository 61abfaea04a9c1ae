"""Draw your own digit (``c``): a 28x28 canvas, what each digit's weights make of it, and the
dot product of the selected digit, live."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.strip import Strip

from ..renderables.numbers import num
from .digit_example import ROWS, bar
from .digit_weights import DigitWeights
from .dot_product import FULL as DOT_FULL
from .dot_product import dot_product_lines
from .strip_panel import StripPanel, column, image_strips, text

if TYPE_CHECKING:
    from ..frame import Frame

SIZE = 28
TOP = 1  # the line of instructions above the canvas
GAP = 2


def brush(pixels: np.ndarray, y: int, x: int) -> None:
    """Ink at (y, x), half ink on its four neighbours: a stroke about as soft and as thick as
    MNIST's pen."""
    pixels[y, x] = 1.0
    for dy, dx in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        ny, nx = y + dy, x + dx
        if 0 <= ny < SIZE and 0 <= nx < SIZE:
            pixels[ny, nx] = max(pixels[ny, nx], 0.5)


def pen_cells(y: int, k: int) -> list[tuple[int, str]]:
    """The lines a pixel of row ``y`` covers at ``k`` half-cells a pixel, and the block that
    draws it on each (upper half, lower half or whole)."""
    top, bottom = y * k, (y + 1) * k  # its half-rows
    out = []
    for row in range(top // 2, (bottom - 1) // 2 + 1):
        upper, lower = 2 * row >= top, 2 * row + 1 < bottom
        out.append((row, "█" if upper and lower else ("▀" if upper else "▄")))
    return out


class DigitCanvas(StripPanel, can_focus=True):
    """The learner's own 28x28 input: each digit's prediction is its weights times these
    pixels, summed (``Frame.predict``), from the weights as they are now."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "pen(-1, 0)", "Pen up", show=False),
        Binding("down", "pen(1, 0)", "Pen down", show=False),
        Binding("left", "pen(0, -1)", "Pen left", show=False),
        Binding("right", "pen(0, 1)", "Pen right", show=False),
        Binding("space", "toggle_pixel", "Paint", show=False),
        Binding("backspace", "clear", "Clear", show=False),
        *(Binding(str(d), f"pick({d})", f"Digit {d}", show=False) for d in range(10)),
    ]

    DEFAULT_CSS = """
    DigitCanvas {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pixels = np.zeros((SIZE, SIZE))
        self.pen = (SIZE // 2, SIZE // 2)
        self.zoom = 1  # cells across (and half-cells down) a pixel
        self._painting: tuple[int, int] | None = None  # the pixel the drag is at

    def on_mount(self) -> None:
        super().on_mount()
        self.border_title = "draw a digit (c closes)"

    def focus_view(self) -> None:
        self.focus()

    def predictions(self) -> np.ndarray | None:
        """The ten predictions for the drawing, from the frame's weights."""
        if self._args is None:
            return None
        frame: Frame = self._args[0]
        return frame.predict(self.pixels)

    def draw(self, frame: Frame) -> None:
        p, names = self.palette, frame.problem.output_names
        truecolor = self.app.console.color_system == "truecolor"
        width, height = self.size.width or 80, self.size.height or 30
        small = width < DOT_FULL
        dot_height = (7 if small else 14) + 3
        roomy = width >= 2 * SIZE + GAP + ROWS and TOP + SIZE + dot_height <= height
        self.zoom = k = 2 if roomy else 1
        picture = np.repeat(np.repeat(self.pixels, k, axis=0), k, axis=1)
        canvas = image_strips(picture, 1.0, p, grey=True, truecolor=truecolor)
        self._mark_pen(canvas, p.cursor)
        pred = frame.predict(self.pixels)
        digit = frame.digit
        finite = pred[np.isfinite(pred)]
        top = max(1.0, float(np.abs(finite).max())) if finite.size else 1.0
        rows = [text("weights · drawing", p.text)]
        for d, value in enumerate(pred.tolist()):
            rows.append(
                Strip(
                    [
                        Segment(f"{names[d]:>2} ", p.selected if d == digit else p.text),
                        bar(value, top, p),
                        Segment(f" {num(value):>7}", p.secondary),
                    ]
                )
            )
        if not self.pixels.any():
            rows.append(text("draw something", p.muted))
        elif finite.size and np.ptp(finite) == 0:
            rows.append(text("all ten say the same", p.muted))
        else:
            rows.append(text(f"most like {names[int(np.argmax(pred))]}", p.success))
        lines = [
            text("drag the mouse, or arrows + space; backspace clears; 0-9 picks a digit", p.muted)
        ]
        lines += column([canvas, rows], [SIZE * k, ROWS], GAP)
        total = float(pred[digit])
        if len(lines) + dot_height <= height:
            lines += dot_product_lines(
                self.pixels,
                frame.weights[digit],
                total,
                names[digit],
                p,
                small=small,
                truecolor=truecolor,
                input_name="drawing",
            )
        else:  # no room for its pictures: the sum they add up to
            lines.append(text(f"drawing · weights of {names[digit]} = {num(total)}", p.text))
        self.set_lines(lines)

    def _mark_pen(self, canvas: list[Strip], style: Style) -> None:
        """The keyboard's pen, drawn over its pixel in the cursor's colour."""
        y, x, k = *self.pen, self.zoom
        pen = Style(color=style.color)
        for row, block in pen_cells(y, k):
            left, _, right = canvas[row].divide([x * k, (x + 1) * k, SIZE * k])[:3]
            canvas[row] = Strip.join([left, Strip([Segment(block * k, pen)], k), right])

    def _redraw(self) -> None:
        if self._args is not None:
            self.draw(*self._args)

    # -- the keyboard ---------------------------------------------------------------------------
    def action_pen(self, dy: int, dx: int) -> None:
        y, x = self.pen
        self.pen = (min(max(y + dy, 0), SIZE - 1), min(max(x + dx, 0), SIZE - 1))
        self._redraw()

    def action_toggle_pixel(self) -> None:
        y, x = self.pen
        self.pixels[y, x] = 0.0 if self.pixels[y, x] >= 0.5 else 1.0
        self._redraw()

    def action_clear(self) -> None:
        self.pixels[:] = 0.0
        self._redraw()

    def action_pick(self, digit: int) -> None:
        self.post_message(DigitWeights.DigitSelected(digit))

    # -- the mouse ------------------------------------------------------------------------------
    def _pixel_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The canvas pixel under content cell (x, y), if there is one."""
        k, row = self.zoom, y - TOP
        if not (0 <= x < SIZE * k and 0 <= row < SIZE * k // 2):
            return None
        return min((2 * row) // k, SIZE - 1), x // k

    def _paint_to(self, pixel: tuple[int, int]) -> None:
        """Ink from the last pixel of the drag to ``pixel``, every pixel between (a fast drag
        skips cells); at one half-cell a pixel, a cell holds two pixels: both get ink."""
        y0, x0 = self._painting or pixel
        y1, x1 = pixel
        steps = max(abs(y1 - y0), abs(x1 - x0), 1)
        for t in range(steps + 1):
            y, x = round(y0 + (y1 - y0) * t / steps), round(x0 + (x1 - x0) * t / steps)
            brush(self.pixels, y, x)
            if self.zoom == 1 and y + 1 < SIZE:
                brush(self.pixels, y + 1, x)
        self._painting = pixel
        self._redraw()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        at = event.get_content_offset(self)
        if at is None:
            return
        pixel = self._pixel_at(at.x, at.y)
        if pixel is not None:
            self._painting = None
            self.capture_mouse()
            self._paint_to(pixel)
            return
        # A click on a prediction's row selects that digit.
        row, bars = at.y - TOP - 1, SIZE * self.zoom + GAP
        if 0 <= row < 10 and bars <= at.x < bars + ROWS:
            self.action_pick(row)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._painting is None:
            return
        at = event.get_content_offset_capture(self)
        pixel = self._pixel_at(at.x, at.y)  # off the canvas the pen lifts, the drag goes on
        if pixel is not None and pixel != self._painting:
            self._paint_to(pixel)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._painting is not None:
            self._painting = None
            self.release_mouse()
