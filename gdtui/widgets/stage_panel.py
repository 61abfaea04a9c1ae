"""The stages of a step (``s``): PREDICT, COMPARE, LEARN, with the arithmetic of the one shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from ..arithmetic import STAGES, compare_lines, learn_lines, predict_lines
from ..themes import app_palette, on_theme_change

if TYPE_CHECKING:
    from ..frame import Frame

WHAT = {
    "predict": "the weighted sum of the inputs",
    "compare": "how far off, and which way",
    "learn": "each weight moves against its weight_delta",
}
NEXT = {"predict": "s: compare", "compare": "s: learn (takes the step)", "learn": "s: next step"}


class StagePanel(Widget):
    """Shown while a step is taken a stage at a time; hidden otherwise (the screen says)."""

    DEFAULT_CSS = """
    StagePanel {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stage: str | None = None
        self._lines: list[str] = []

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)

    def update_from(self, frame: Frame) -> None:
        self._stage = frame.stage
        if frame.stage is None:
            self._lines = []
        elif frame.stage == "predict":
            self._lines = predict_lines(frame.problem, frame.coming, frame.cursor[0])
        elif frame.stage == "compare":
            self._lines = compare_lines(frame.problem, frame.coming)
        elif frame.last is not None:
            frozen = frame.last.frozen if frame.last.frozen is not None else frame.frozen
            self._lines = learn_lines(frame.problem, frame.last, frame.cursor, frozen)
        self.border_subtitle = NEXT.get(frame.stage or "", "")
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        console = self.app.console
        wrapped = sum(len(Text(line).wrap(console, max(1, width))) for line in self._lines)
        return 1 + wrapped

    def render(self) -> Text:
        p = app_palette(self.app)
        text = Text()
        for k, stage in enumerate(STAGES):
            if k:
                text.append("  →  ", p.muted)
            text.append(stage.upper(), p.heading if stage == self._stage else p.muted)
        if self._stage is not None:
            text.append(f"   {WHAT[self._stage]}", p.text)
        for line in self._lines:
            text.append("\n" + line, p.strong)
        return text
