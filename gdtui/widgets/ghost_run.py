"""The ``g`` view: the learner's run and a ghost run that differs in one thing, side by side.

Both error traces on one chart (the renderable ``TwinChart``), with a legend saying what
differs. The digits 1-4 pick the difference (``ghost.DIFFERENCES``); the ghost then starts over
from the scenario's start and takes every step and change the run took, and from there on
each one as it comes: step, epoch, autoplay, undo, redo and reset keep the two in step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from ..ghost import DIFFERENCES
from ..renderables.numbers import alpha_text, error_text
from ..renderables.twin_chart import TwinChart
from ..themes import app_palette, on_theme_change
from .literal import visible

if TYPE_CHECKING:
    from ..experiments import Experiments
    from ..frame import Frame
    from ..ghost import GhostTrace


class ExperimentRequest(Message):
    """Asks the screen to call ``ask(controller.experiments)`` and redraw: a view's request to
    start a ghost run or to move the plane's second weight."""

    def __init__(self, ask: Callable[[Experiments], object]) -> None:
        super().__init__()
        self.ask = ask


class GhostRun(Widget, can_focus=True):
    """The comparison chart, or, until a difference is picked, the list of them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, f"pick('{name}')", name, show=False) for key, name, _ in DIFFERENCES
    ]

    DEFAULT_CSS = """
    GhostRun {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._trace: GhostTrace | None = None
        self._alpha = 0.0

    def on_mount(self) -> None:
        self.border_title = "ghost run: the same steps, one thing different"
        on_theme_change(self, self.refresh)

    def focus_view(self) -> None:
        self.focus()

    def render(self) -> TwinChart | str:
        trace = self._trace
        choices = "  ".join(f"{key} {what}" for key, _, what in DIFFERENCES)
        if trace is None:
            return f"Pick what the ghost run differs in:\n\n{choices.replace('  ', chr(10))}"
        legend = (f"this run: alpha {alpha_text(self._alpha)}", f"ghost: {visible(trace.what)}")
        height = self.content_size.height
        return TwinChart(trace.errors, trace.ghost_errors, legend, height, app_palette(self.app))

    def update_from(self, frame: Frame) -> None:
        part = frame.experiments
        self._trace = part.ghost if part is not None else None
        self._alpha = frame.alpha
        trace = self._trace
        if trace is None:
            self.border_subtitle = "1-4 picks the difference · g closes"
        else:
            run = error_text(trace.errors[-1]) if len(trace.errors) else "-"
            ghost = error_text(trace.ghost_errors[-1]) if len(trace.ghost_errors) else "-"
            state = f"diverged at step {trace.ghost_step}" if trace.diverged else f"error {ghost}"
            self.border_subtitle = f"run: error {run} · ghost: {state} · 1-4 picks another"
        self.refresh()

    def action_pick(self, name: str) -> None:
        self.post_message(ExperimentRequest(lambda experiments: experiments.start_ghost(name)))
