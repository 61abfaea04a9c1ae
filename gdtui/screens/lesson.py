"""A lesson: the main screen with the lesson's page beside it (``widgets/lesson_panel.py``).

The tutor (``gdtui.lessons.Tutor``, no Textual) decides; this screen asks it what each key may
do, shows its page after every change, and hands it the answers (1-9) and the page turns
(``>`` and ``<``, which here win over any other use of those keys).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual._time import get_time  # the clock of events.Key.time
from textual.binding import Binding, BindingType

from ..lessons.tutor import LEARNING, NEVER
from ..renderables.weight_grid import CELL
from ..widgets.lesson_panel import LessonPanel, panel_width
from ..widgets.output_panel import OutputPanel
from .main import OUTPUTS_FRAME, TABLE_FRAME, MainScreen

if TYPE_CHECKING:
    from ..lessons import Tutor


class LessonScreen(MainScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("greater_than_sign", "next_page", "Next", key_display=">", priority=True),
        Binding("less_than_sign", "previous_page", "Back", key_display="<", priority=True),
        *(
            Binding(str(n), f"answer({n})", f"Answer {n}", show=False, priority=True)
            for n in range(1, 10)
        ),
        # The page's text scrolls with these, as the description's does beside a scenario.
        Binding("pagedown", "scroll_page(1)", "Page text down", show=False, priority=True),
        Binding("pageup", "scroll_page(-1)", "Page text up", show=False, priority=True),
    ]

    def __init__(self, tutor: Tutor, note: str | None = None) -> None:
        super().__init__(tutor.controller)
        self.tutor = tutor
        self._note = note
        self._shown: tuple[int, bool, bool] | None = None  # (page, pending, complete) drawn
        self._answered_at = float("-inf")  # when the last answer was taken

    async def on_mount(self) -> None:  # type: ignore[override]
        # Before MainScreen's on_mount (Textual calls each class's, this one first), which
        # shows the scenario and so the page.
        await self.query_one("#body").mount(LessonPanel(id="lesson"))
        self._show_description(False)  # the page takes its place
        if self._note is not None:
            self.gdtui.tell(self._note, timeout=6)

    def refresh_views(self) -> None:
        super().refresh_views()
        tutor = self.tutor
        waits = tutor.page.question is not None or bool(tutor.page.until)
        if tutor.check() and waits and tutor.index < tutor.count - 1:
            self.gdtui.tell("page done: > turns to the next", timeout=3)
        for panel in self.query(LessonPanel):
            panel.update_from(tutor)
        shown = (tutor.index, tutor.pending, tutor.complete)
        if shown != self._shown:
            self._shown = shown
            self.refresh_bindings()

    def _arrange(self) -> None:
        """As the main screen's, in the room the page leaves: the weight table over the
        outputs when they don't fit side by side."""
        super()._arrange()
        if self.controller is None:
            return
        p = self.controller.problem
        table = TABLE_FRAME + max(len(n) for n in p.output_names) + 1 + CELL * p.n_in
        outputs = OUTPUTS_FRAME + self.query_one(OutputPanel).columns_width()
        main = self.app.size.width - panel_width(self.app.size.width) - 1
        self.query_one("#numbers").set_class(table + outputs > main, "-stacked")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return self.tutor.pending  # False: the digit goes on to the table
        if action in NEVER:
            return False  # not in a lesson: hidden
        if not self.tutor.allows(action, parameters):
            return None  # not on this page: shown dimmed
        if action in ("next_page", "previous_page", "scroll_page"):
            return True
        return super().check_action(action, parameters)

    # -- the lesson's keys --------------------------------------------------------------------
    def action_next_page(self) -> None:
        self._turn(1)

    def action_previous_page(self) -> None:
        self._turn(-1)

    def _turn(self, by: int) -> None:
        tutor = self.tutor
        before = tutor.controller
        if not tutor.turn(by):
            self.app.bell()
            if by > 0 and tutor.index < tutor.count - 1:
                self.gdtui.tell(f"to go on: {tutor.waiting_for()}", timeout=4)
            return
        self.save_progress()
        if tutor.controller is not before:
            self.show(tutor.controller)
        else:
            self.refresh_views()

    def action_scroll_page(self, pages: int) -> None:
        self.query_one(LessonPanel).scroll_text(pages)

    def action_answer(self, number: int) -> None:
        if self.tutor.answer(number - 1) is None:
            self.app.bell()
        else:
            self._answered_at = get_time()
        self.save_progress()
        self.refresh_views()

    def on_key(self, event: events.Key) -> None:
        # The answers are priority bindings, run as their key arrives; a learning key typed
        # just before one (space, then 1) is still on its way up from the focused widget and
        # would run after the answer, unlocked. It was pressed while locked: it stays so.
        if event.time >= self._answered_at:
            return  # (the usual case: checked first, as the key's binding costs a walk)
        active = self.active_bindings.get(event.key)
        if active is not None and active.binding.action in LEARNING:
            event.stop()
            event.prevent_default()
            self.app.bell()

    def save_progress(self) -> str | None:
        """Save where the learner is; a one-line message when that failed (None if not)."""
        if not self.tutor.keeps_progress:  # (each browser of ``gdtui lesson --web``)
            return None
        from ..lessons.progress import save_progress

        try:
            save_progress(self.tutor)
        except OSError as error:
            message = f"could not save the lesson's progress: {error.strerror or error}"
            self.gdtui.tell(message, "error")
            return f"gdtui: {message}"
        return None
