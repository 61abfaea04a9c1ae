"""The gdtui app: a shell around the main screen.

The main screen (``gdtui.screens.main``) shows one scenario through its Controller; the app
opens the dialogs (picker, help, alpha, save, export, data editor), lists every key in the
command palette and the help screen, and autosaves on the way out.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from .themes import DEFAULT_THEME, register_themes
from .widgets.description_panel import WIDE
from .widgets.literal import visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .controller import Controller
    from .export import ExportRequest
    from .lessons import Tutor
    from .scenario import Scenario
    from .screens.main import MainScreen
    from .session import Session
    from .widgets.data_view import DataView

Answer = TypeVar("Answer")


class GdtuiApp(App[None]):
    """Chapter 5 of Grokking Deep Learning, live: see ``create_app``."""

    CSS_PATH = "app.tcss"
    TITLE = "gdtui"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012

    def __init__(
        self,
        scenario: Scenario | None = None,
        *,
        speed: int | None = None,
        session: Session | None = None,
        lesson: tuple[Tutor, str | None] | None = None,
    ) -> None:
        super().__init__()
        self._notes: list[str] = []  # to tell once on screen
        self._main: MainScreen | None = None  # made once a scenario is open (see BlankScreen)
        if lesson is not None:  # (the tutor, what to tell on opening)
            from .screens.lesson import LessonScreen

            self._main = LessonScreen(*lesson)
        elif session is not None or scenario is not None:
            from .controller import DEFAULT_SPEED, Controller
            from .screens.main import MainScreen

            if scenario is not None and session is None:
                controller = Controller(scenario, speed=speed or DEFAULT_SPEED)
            elif session is not None:
                from .session import autosave_for  # (not needed to open a scenario)

                controller, self._notes = Controller.from_session(session, autosave_for(session))
            self._main = MainScreen(controller, session.view if session else None)
        if self._main is None:
            from .screens.blank import BlankScreen  # (only the picker's start opens over it)
        self.home: Screen = self._main or BlankScreen()  # what dialogs open over
        self.after_first_frame: list[Callable[[], object]] = []  # run once it is on screen

    @property
    def main(self) -> MainScreen:
        """The main screen (made now, showing nothing, if no scenario was opened yet)."""
        if self._main is None:
            from .screens.main import MainScreen

            self._main = MainScreen()
        return self._main

    @property
    def controller(self) -> Controller | None:
        """The open scenario's, or None before one is picked."""
        return self._main.controller if self._main is not None else None

    def get_default_screen(self) -> Screen:
        return self.home

    _get_dom_base = get_default_screen  # what app.query searches: the main screen once made

    def on_mount(self) -> None:
        if self._notes:
            self.tell(self._notes[0], timeout=3)
        for warning in self._notes[1:]:
            self.tell(warning, "warning", timeout=8)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        # Everything alive now (Textual, NumPy, the widgets) lives as long as the app: keep it
        # out of the collector's full passes (tens of milliseconds, which would land in a step's
        # redraw), then collect again (`gdtui` starts with the collector off: see cli.py).
        gc.freeze()
        gc.enable()
        for run in self.after_first_frame:
            run()

    def on_unmount(self) -> None:
        gc.unfreeze()  # back to normal for whatever runs after the app (tests, a second app)

    # -- every key, listed --------------------------------------------------------------------
    def action_command_palette(self) -> None:
        """Textual's palette with its crashes guarded (``screens/command_palette.py``), over the
        main screen only: a dialog's keys are its own, and a command run from over a dialog
        (open, save) would stack a second dialog on it."""
        from .screens.command_palette import GdtuiCommandPalette

        if self.use_command_palette and self._main is not None and self.screen is self._main:
            self.push_screen(GdtuiCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """The palette's "Theme" command: Textual's theme list, on the same guarded palette."""
        from textual.theme import ThemeProvider

        from .screens.command_palette import GdtuiCommandPalette

        placeholder = "Search for themes…"
        self.push_screen(GdtuiCommandPalette(providers=[ThemeProvider], placeholder=placeholder))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from textual.actions import parse

        from .screens.help import keys_of, main_bindings

        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for binding in main_bindings():
            if binding.action in seen or binding.action == "quit":
                continue
            seen.add(binding.action)
            _, action, parameters = parse(binding.action)
            if not self.main.check_action(action, parameters):
                continue
            yield SystemCommand(
                f"{binding.description} ({keys_of(self, binding.action)})",
                binding.tooltip,
                partial(self.main.run_action, binding.action),
            )

    # -- dialogs ------------------------------------------------------------------------------
    def ask(self, screen: Screen[Answer], then: Callable[[Answer | None], None]) -> bool:
        """Open a dialog over the main screen: autoplay stops and the screen behind shows it
        paused. One dialog at a time: keys queued before the one now open was up (enter, o)
        ask for more, which are dropped rather than stacked (False: not opened)."""
        if self.screen is not self.home:
            return False
        if self._main is not None and self._main.controller is not None:
            self._main.controller.stop()
            self._main.refresh_views()
        self.push_screen(screen, then)
        return True

    def tell(self, text: str, severity: SeverityLevel = "information", timeout: float = 5) -> None:
        """A one-line notification, shown literally (a name or a path may hold [/] or an escape)."""
        self.notify(visible(_squash(text)), severity=severity, timeout=timeout, markup=False)

    def pick(self, first: bool) -> None:
        from .screens.picker import PickerScreen

        def picked(choice: Scenario | Session | None) -> None:
            from .controller import DEFAULT_SPEED, Controller
            from .session import Session

            if isinstance(choice, Session):
                self.open_session(choice)
            elif choice is not None:
                speed = self.controller.speed if self.controller else DEFAULT_SPEED
                self.switch_to(Controller(choice, speed=speed))
            elif self.controller is None:
                self.exit()

        self.ask(PickerScreen(first=first), picked)

    def show_help(self) -> None:
        from .screens.help import HelpScreen, help_rows

        if self.screen is self.home:  # as ``ask``: one dialog at a time
            self.push_screen(HelpScreen(help_rows(self)))

    def ask_alpha(self) -> None:
        if (controller := self.controller) is None:
            return
        from .screens.alpha_input import AlphaScreen

        def typed(alpha: float | None) -> None:
            if alpha is not None:
                self.main.set_alpha(alpha)

        critical = controller.frame().stability.critical
        self.ask(AlphaScreen(controller.trainer.state.alpha, critical), typed)

    def ask_edit(self, event: DataView.EditCell) -> None:
        if (controller := self.controller) is None:
            event.typed.closed = True
            return
        from .screens.cell_edit import CellEditScreen

        def typed(value: float | None) -> None:
            if value is None or value == event.value:
                return  # cancelled, or unchanged: nothing for undo to take back
            try:
                controller.edit(event.side, event.row, event.col, value)
            except (ValueError, IndexError) as error:
                self.tell(str(error), "error")
            self.main.refresh_views()

        if not self.ask(CellEditScreen(event.what, event.value, event.typed), typed):
            event.typed.closed = True  # the table edits from scratch again

    # -- sessions -----------------------------------------------------------------------------
    def open_session(self, session: Session) -> None:
        """Show a loaded session where it was saved: step, undo history, alpha, view."""
        from .controller import Controller
        from .session import autosave_for

        if not self.autosave_progress():
            return
        controller, notes = Controller.from_session(session, autosave_for(session))
        self._show(controller, session.view)
        self.tell(notes[0], timeout=3)
        for warning in notes[1:]:
            self.tell(warning, "warning", timeout=8)

    def switch_to(self, controller: Controller) -> bool:
        """Show another scenario in place of this one, whose unsaved progress is autosaved
        first (the picker offers it back); False, and nothing changes, if it cannot be."""
        if not self.autosave_progress():
            return False
        self._show(controller)
        return True

    def _show(self, controller: Controller, panels: dict[str, object] | None = None) -> None:
        """Show ``controller`` on the main screen, made (over the blank one) on first use."""
        if self._main is not None and self._main is self.home:
            self._main.show(controller, panels)
            return
        from .screens.main import MainScreen

        async def install(main: MainScreen) -> None:
            await self.push_screen(main)  # mounted: it shows the controller
            self._main = self.home = main

        self.call_next(install, MainScreen(controller, panels))

    def autosave_progress(self) -> bool:
        """Autosave the open scenario's unsaved progress before it is closed; False (and said)
        when it cannot be written."""
        from .session import autosave_slot

        controller = self.controller
        if controller is None or not controller.unsaved:
            return True
        try:
            with autosave_slot() as path:
                controller.autosave(path, self.view_state())
        except OSError as error:
            reason = error.strerror or error
            self.tell(f"could not autosave your progress, so it stays open: {reason}", "error")
            return False
        self.tell(f"saved your progress on {controller.scenario.name} to {path}", timeout=5)
        return True

    def open_next(self, by: int) -> None:
        """Open the chapter's next (``by`` 1) or previous (-1) shipped scenario, as the picker
        would; from a scenario that is not shipped, the chapter's first or last."""
        from .controller import Controller
        from .paths import same_file
        from .recent import add_recent
        from .scenario import ScenarioError, load_scenario, shipped_dir, shipped_names

        if (controller := self.controller) is None or self.screen is not self.main:
            return
        paths = [shipped_dir() / f"{name}.yaml" for name in shipped_names()]
        here = controller.scenario.path
        at = next((k for k, p in enumerate(paths) if here and same_file(p, here)), None)
        target = (0 if by > 0 else len(paths) - 1) if at is None else at + by
        if not 0 <= target < len(paths):
            self.bell()
            self.tell(f"this is the chapter's {'last' if by > 0 else 'first'} scenario")
            return
        try:
            scenario = load_scenario(paths[target])
        except ScenarioError as error:
            self.tell(str(error), "error")
            return
        if self.switch_to(Controller(scenario, speed=controller.speed)):
            add_recent(paths[target], scenario.name, scenario.summary)

    def view_state(self) -> dict[str, object]:
        assert self.controller is not None
        return self.controller.view_state(self.main.panels())

    def ask_save(self) -> None:
        if (controller := self.controller) is None:
            return
        from .screens.save import SaveScreen

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.save_to(path)

        self.ask(SaveScreen(controller.default_session_file()), chosen)

    def save_to(self, path: Path) -> bool:
        """Save the session to ``path``; an error is a one-line notification, never a crash."""
        if (controller := self.controller) is None:
            return False
        try:
            controller.save(path, self.view_state())
        except OSError as error:
            self.tell(f"cannot save to {path}: {error.strerror or error}", "error")
            return False
        self.tell(f"saved to {path}", timeout=4)
        return True

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Every way out (q, ctrl+q, the picker's escape) passes here: autosave first (to a slot
        of its own, so apps quitting at once keep each other's)."""
        from .session import autosave_slot

        save_lesson = getattr(self._main, "save_progress", None)
        if save_lesson is not None:  # a lesson keeps its own progress, not an autosave
            super().exit(result, return_code, save_lesson() or message)
            return
        controller = self.controller
        try:
            saved = False
            if controller is not None and controller.unsaved:
                with autosave_slot() as path:
                    saved = controller.autosave(path, self.view_state())
        except Exception as error:  # never stop anyone leaving; say it once they are out
            reason = getattr(error, "strerror", None) or error
            message = message or _squash(f"gdtui: could not autosave your progress: {reason}")
        else:
            if saved and message is None:
                message = f"gdtui: saved your progress to {path}; run gdtui to resume it"
        super().exit(result, return_code, message)

    # -- export -------------------------------------------------------------------------------
    def ask_export(self) -> None:
        if (controller := self.controller) is None:
            return
        from .screens.export_menu import ExportScreen, default_export_folder

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                # After the menu has gone and the screen is redrawn: the screenshot is of it.
                self.call_after_refresh(self.export, request)

        self.ask(ExportScreen(default_export_folder(controller.scenario)), chosen)

    def export(self, request: ExportRequest) -> list[Path]:
        """Write the requested files; an error is a one-line notification."""
        if (controller := self.controller) is None:
            return []
        try:
            paths = controller.export(request, self.export_screenshot)
        except OSError as error:
            self.tell(f"cannot export to {request.folder}: {error.strerror or error}", "error")
            return []
        names = ", ".join(path.name for path in paths)
        self.tell(f"wrote {names} to {request.folder}", timeout=6)
        return paths


def _squash(text: str) -> str:
    """``text`` on one line: every run of whitespace, newlines included, one space."""
    return " ".join(text.split())


def create_app(
    scenario: Scenario | None = None,
    *,
    speed: int | None = None,
    session: Session | None = None,
    theme: str | None = None,
    lesson: tuple[Tutor, str | None] | None = None,
) -> GdtuiApp:
    """The app on ``scenario`` (already loaded), on a loaded ``session``, or on the scenario
    picker when neither is given, or on a ``lesson`` (its tutor, and a note to tell); in the
    Textual ``theme`` of that name (default textual-dark)."""
    app = GdtuiApp(scenario, speed=speed, session=session, lesson=lesson)
    register_themes(app)
    app.theme = theme or DEFAULT_THEME
    return app
