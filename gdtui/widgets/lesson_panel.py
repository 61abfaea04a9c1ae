"""A lesson's page beside the simulator: its counter, its text, its question and what is left
to do before the next page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ..renderables.markdown_lite import markdown_text
from ..themes import app_palette, on_theme_change
from .literal import literal, visible

if TYPE_CHECKING:
    from ..lessons import Tutor
    from ..palette import Palette


WIDTH, MIN_WIDTH, MAX_WIDTH = 0.4, 30, 56  # of the terminal's columns, and its bounds


def panel_width(columns: int) -> int:
    """The panel's width, borders included, in a terminal ``columns`` wide."""
    return min(max(int(columns * WIDTH), MIN_WIDTH), MAX_WIDTH)


class LessonPanel(Vertical):
    """The page's text scrolls (with the mouse wheel: the keyboard stays with the simulator);
    its question and what is left to do stay in sight below it."""

    DEFAULT_CSS = """
    LessonPanel {
        width: 40%;  /* WIDTH, MIN_WIDTH and MAX_WIDTH */
        min-width: 30;
        max-width: 56;
        border: round $accent;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
    }
    LessonPanel > VerticalScroll {
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    LessonPanel > #lesson-question {
        height: auto;
        max-height: 50%;
        padding: 0 1;
        border-top: hkey $primary-darken-2;
    }
    LessonPanel > #lesson-status {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tutor: Tutor | None = None
        self._page: int | None = None
        self._drawn: tuple[object, ...] | None = None  # what the last drawing showed

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):
            yield Static(id="lesson-text")
        yield Static(id="lesson-question")
        yield Static(id="lesson-status")

    def on_mount(self) -> None:
        on_theme_change(self, self._draw)

    def update_from(self, tutor: Tutor) -> None:
        """Show the tutor's page now (at its top when it is a new page)."""
        self._tutor = tutor
        shown = (tutor.index, tutor.verdict, tutor.index in tutor.done, tutor.waiting_for())
        if shown == self._drawn:
            return  # (autoplay asks every frame)
        self._drawn = shown
        self.border_title = literal(f"{tutor.counter} {tutor.lesson.title}")
        self.border_subtitle = "< back · > next" if tutor.count > 1 else ""
        self._draw()
        if tutor.index != self._page:
            self._page = tutor.index
            self.query_one(VerticalScroll).scroll_home(animate=False)

    def _draw(self) -> None:
        if self._tutor is None:
            return
        palette = app_palette(self.app)
        tutor = self._tutor
        text = markdown_text(visible(tutor.page.text, lines=True), palette)
        self.query_one("#lesson-text", Static).update(text)
        question = self.query_one("#lesson-question", Static)
        question.display = tutor.page.question is not None
        if tutor.page.question is not None:
            question.update(_question(tutor, palette))
        self.query_one("#lesson-status", Static).update(_status(tutor, palette))

    def scroll_text(self, pages: int) -> None:
        """Scroll the page's text by ``pages`` screens (PageDown 1, PageUp -1)."""
        text = self.query_one(VerticalScroll)
        text.scroll_relative(y=pages * max(text.size.height - 1, 1), animate=False)


def _question(tutor: Tutor, palette: Palette) -> Text:
    question = tutor.page.question
    assert question is not None
    text = Text()
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
    return text


def _status(tutor: Tutor, palette: Palette) -> Text:
    text = Text()
    if tutor.page.keys is not None:
        keys = " ".join(visible(k) for k in tutor.page.keys)
        text.append(f"Keys here: {keys} < > ? q\n", palette.muted)
    if tutor.index in tutor.done or tutor.complete:
        last = tutor.index == tutor.count - 1
        text.append("✓ ", palette.success)
        text.append("The end of the lesson: q leaves." if last else "Done: > turns the page.")
    else:
        text.append("To go on: ", palette.heading)
        text.append(visible(tutor.waiting_for()) + ".")
    return text
