"""The ``m`` view: the error over two weights, the others held, with the descent path on it.

The chapter's curves are slices of this plane: across is the selected weight (the arrows pick
it), up is a second one (shift and the arrows move it; by default the next input of the same
output). The window stays put while the path stays inside it, so a step is seen as a move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
from textual.binding import Binding, BindingType
from textual.widget import Widget

from ..plane import ErrorPlane, error_plane
from ..renderables.numbers import error_text
from ..renderables.plane import LABEL, PlaneMap
from ..themes import app_palette, on_theme_change
from .ghost_run import ExperimentRequest
from .literal import literal

if TYPE_CHECKING:
    from ..frame import Frame

MOVES = (("up", -1, 0), ("down", 1, 0), ("left", 0, -1), ("right", 0, 1))


class ErrorPlaneView(Widget, can_focus=True):
    """The heat map of ``gdtui.plane.error_plane`` for the frame's pair of weights."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(f"shift+{key}", f"second({d_out}, {d_in})", "Second weight", show=False)
        for key, d_out, d_in in MOVES
    ]

    DEFAULT_CSS = """
    ErrorPlaneView {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._plane: ErrorPlane | None = None
        self._key: object = None
        self._note = ""
        self._frame: Frame | None = None

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)
        self.post_message(ExperimentRequest(lambda e: e.draw_path()))

    def on_resize(self) -> None:
        self._key = None  # a new size: a new window
        if self._frame is not None:
            self.update_from(self._frame)

    def focus_view(self) -> None:
        self.focus()

    def render(self) -> PlaneMap | str:
        plane = self._plane
        if plane is None:
            return self._note
        cells = [plane.cell(*w) for w in plane.path]
        map_ = PlaneMap(plane.errors, plane.xs, plane.ys, plane.cell(*plane.point), cells,
                        app_palette(self.app))  # fmt: skip
        return map_

    def update_from(self, frame: Frame) -> None:
        self._frame = frame
        part = frame.experiments
        if part is None or frame.weights.size < 2:
            self._plane, self._note = None, "The error plane needs two weights."
            self.refresh()
            return
        (a, b), p = part.pair, frame.problem
        cols = self.content_size.width - LABEL - 1
        rows = self.content_size.height - 3
        if cols < 4 or rows < 3:
            self._plane, self._note = None, "Too small for the error plane."
            self.refresh()
            return
        path = tuple((float(w[a]), float(w[b])) for w in part.path)
        key = (id(p), a, b, cols, rows)
        old = self._plane if key == self._key and frame.step > 0 else None
        inputs = np.asarray(frame.inputs)  # the book's small networks: a float64 array
        plane = error_plane(p, frame.weights, inputs, frame.targets, a, b, (cols, rows), path,
                            old.window if old is not None else None)  # fmt: skip
        if old is not None and plane.cell(*plane.point) is None:  # left the window: fit again
            plane = error_plane(p, frame.weights, inputs, frame.targets, a, b, (cols, rows), path)
        self._plane, self._key = plane, key

        def name(w: tuple[int, int]) -> str:
            return f"{p.input_names[w[1]]} → {p.output_names[w[0]]}"

        self.border_title = literal(f"error plane: across {name(a)}, up {name(b)} (shift+arrows)")
        normalised = " · inputs normalised" if part.normalised else ""
        self.border_subtitle = f"{plane.what}: {error_text(plane.error)} here ●{normalised}"
        self.refresh()

    def action_second(self, d_out: int, d_in: int) -> None:
        self.post_message(ExperimentRequest(lambda e: e.move_second(d_out, d_in)))
