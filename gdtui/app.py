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

from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from .controller import DEFAULT_SPEED, Controller
from .screens.main import WIDE, MainScreen
from .themes import DEFAULT_THEME, register_themes
from .widgets.literal import visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .export import ExportRequest
    from .scenario import Scenario
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
        speed: int = DEFAULT_SPEED,
        session: Session | None = None,
    ) -> None:
        super().__init__()
        self._notes: list[str] = []  # to tell once on screen
        if session is not None:
            from .session import autosave_for

            controller, self._notes = Controller.from_session(session, autosave_for(session))
            self.main = MainScreen(controller, session.view)
        else:
            self.main = MainScreen(Controller(scenario, speed=speed) if scenario else None)
        self.after_first_frame: list[Callable[[], object]] = []  # run once it is on screen

    @property
    def controller(self) -> Controller | None:
        """The open scenario's, or None before one is picked."""
        return self.main.controller

    def get_default_screen(self) -> Screen:
        return self.main

    def on_mount(self) -> None:
        if self._notes:
            self.tell(self._notes[0], timeout=3)
        for warning in self._notes[1:]:
            self.tell(warning, "warning", timeout=8)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        # Everything alive now (Textual, NumPy, the widgets) lives as long as the app: keep it
        # out of the collector's full passes, which otherwise take tens of milliseconds and
        # would land in the middle of a step's redraw. Then collect again (`gdtui` starts with
        # the collector off: see cli.py).
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

        if self.use_command_palette and self.screen is self.main:
            self.push_screen(GdtuiCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """The palette's "Theme" command: Textual's theme list, on the same guarded palette."""
        from textual.theme import ThemeProvider

        from .screens.command_palette import GdtuiCommandPalette

        placeholder = "Search for themes…"
        self.push_screen(GdtuiCommandPalette(providers=[ThemeProvider], placeholder=placeholder))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from .screens.help import keys_of, main_bindings

        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for binding in main_bindings():
            if binding.action in seen or binding.action == "quit":
                continue
            seen.add(binding.action)
            _, name, parameters = parse_action(binding.action)  # view('data') needs its name
            if not self.main.check_action(name, parameters):
                continue
            yield SystemCommand(
                f"{binding.description} ({keys_of(self, binding.action)})",
                binding.tooltip,
                partial(self.main.run_action, binding.action),
            )

    # -- dialogs ------------------------------------------------------------------------------
    def ask(self, screen: Screen[Answer], then: Callable[[Answer | None], None]) -> None:
        """Open a dialog over the main screen: autoplay stops and the screen behind shows it
        paused. One dialog at a time: keys queued before the one now open was up (enter, a
        digit on the data view, o) ask for more, which are dropped rather than stacked."""
        if self.screen is not self.main:
            return
        if self.controller is not None:
            self.controller.stop()
        self.main.refresh_views()
        self.push_screen(screen, then)

    def tell(self, text: str, severity: SeverityLevel = "information", timeout: float = 5) -> None:
        """A one-line notification, shown literally (a name or a path may hold [/] or an escape)."""
        self.notify(visible(_squash(text)), severity=severity, timeout=timeout, markup=False)

    def pick(self, first: bool) -> None:
        from .screens.picker import PickerScreen

        def picked(choice: Scenario | Session | None) -> None:
            from .session import Session

            if isinstance(choice, Session):
                self.open_session(choice)
            elif choice is not None:
                speed = self.controller.speed if self.controller else DEFAULT_SPEED
                self.main.show(Controller(choice, speed=speed))
            elif self.controller is None:
                self.exit()

        self.ask(PickerScreen(first=first), picked)

    def show_help(self) -> None:
        from .screens.help import HelpScreen, help_rows

        if self.screen is self.main:  # as ``ask``: one dialog at a time
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

        self.ask(CellEditScreen(event.what, event.value, event.typed), typed)

    # -- sessions -----------------------------------------------------------------------------
    def open_session(self, session: Session) -> None:
        """Show a loaded session where it was saved: step, undo history, alpha, view."""
        from .session import autosave_for

        controller, notes = Controller.from_session(session, autosave_for(session))
        self.main.show(controller, session.view)
        self.tell(notes[0], timeout=3)
        for warning in notes[1:]:
            self.tell(warning, "warning", timeout=8)

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
    speed: int = DEFAULT_SPEED,
    session: Session | None = None,
    theme: str | None = None,
) -> GdtuiApp:
    """The app on ``scenario`` (already loaded), on a loaded ``session``, or on the scenario
    picker when neither is given; in the Textual ``theme`` of that name (default textual-dark)."""
    app = GdtuiApp(scenario, speed=speed, session=session)
    register_themes(app)
    app.theme = theme or DEFAULT_THEME
    return app
