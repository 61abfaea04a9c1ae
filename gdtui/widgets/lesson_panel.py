"""A lesson's page beside the simulator: its counter, its text, its question and what is left
to do before the next page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..renderables.markdown_lite import markdown_text
from ..themes import app_palette, on_theme_change
from .literal import literal, visible

if TYPE_CHECKING:
    from ..lessons import Tutor
    from ..palette import Palette


class LessonPanel(VerticalScroll, can_focus=False):
    """Scrolls with the mouse wheel; the keyboard stays with the simulator."""

    DEFAULT_CSS = """
    LessonPanel {
        width: 40%;
        min-width: 30;
        max-width: 56;
        padding: 0 1;
        border: round $accent;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        scrollbar-size-vertical: 1;
    }
    LessonPanel > Static {
        width: 100%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tutor: Tutor | None = None
        self._page: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="lesson-text")

    def on_mount(self) -> None:
        on_theme_change(self, self._draw)

    def update_from(self, tutor: Tutor) -> None:
        """Show the tutor's page now (at its top when it is a new page)."""
        self._tutor = tutor
        self.border_title = literal(f"{tutor.counter} {tutor.lesson.title}")
        self.border_subtitle = "< back · > next" if tutor.count > 1 else ""
        self._draw()
        if tutor.index != self._page:
            self._page = tutor.index
            self.scroll_home(animate=False)

    def _draw(self) -> None:
        if self._tutor is None:
            return
        palette = app_palette(self.app)
        tutor = self._tutor
        parts: list[Text] = [markdown_text(visible(tutor.page.text, lines=True), palette)]
        question = tutor.page.question
        if question is not None:
            parts.append(_question(tutor, palette))
        parts.append(_status(tutor, palette))
        self.query_one(Static).update(Group(*parts))


def _question(tutor: Tutor, palette: Palette) -> Text:
    question = tutor.page.question
    assert question is not None
    text = Text("\n")
    text.append("Question: ", palette.heading)
    text.append(visible(question.ask) + "\n")
    verdict = tutor.verdict
    for n, choice in enumerate(question.choices):
        mark = palette.strong if verdict is not None and verdict.choice == n else palette.text
        text.append(f" {n + 1} ", palette.heading)
        text.append(visible(choice) + "\n", mark)
    if verdict is None:
        text.append(f"Predict, then press 1-{len(question.choices)} to answer.", palette.muted)
        return text
    right = verdict.solution.choice
    if verdict.right:
        text.append("✓ Right. ", palette.success)
    elif right is None:
        text.append("✗ None of these, this time. ", palette.error)
    else:
        text.append(f"✗ Not quite: it is {visible(question.choices[right])}. ", palette.error)
    if verdict.solution.reason:
        text.append(visible(verdict.solution.reason[0].upper() + verdict.solution.reason[1:]))
        text.append(". ")
    text.append(visible(question.why))
    if question.steps:
        steps = "the step" if question.steps == 1 else f"{question.steps} steps"
        text.append(f"\n({steps} taken: see the numbers change)", palette.muted)
    return text


def _status(tutor: Tutor, palette: Palette) -> Text:
    text = Text("\n")
    if tutor.page.keys is not None:
        keys = " ".join(visible(k) for k in tutor.page.keys)
        text.append(f"Keys on this page: {keys}, and < > ? q\n", palette.muted)
    if tutor.index in tutor.done or tutor.complete:
        last = tutor.index == tutor.count - 1
        text.append("✓ ", palette.success)
        text.append("The end of the lesson: q leaves." if last else "Done: > turns the page.")
    else:
        text.append("To go on: ", palette.heading)
        text.append(visible(tutor.waiting_for()) + ".")
    return text
