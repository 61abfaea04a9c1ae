"""The gdtui app: a network learning on screen, one key press a step.

The app owns the Trainer. Every key runs an action that changes the trainer, then
``refresh_views`` pushes the new state into each widget through its ``update_from`` method; the
widgets post messages back (a cell selected, a freeze toggled) and never touch the trainer.
Autoplay is a timer whose tick takes as many steps as the speed asks for, then redraws once.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from .engine import EpochRecord, Problem, Trainer
from .keys import KEYS
from .renderables.numbers import alpha_text
from .renderables.weight_grid import CELL
from .themes import DEFAULT_THEME, register_themes
from .widgets.description_panel import DESCRIPTION_WIDTH, DescriptionPanel
from .widgets.error_curve import ErrorCurve
from .widgets.error_sparklines import ErrorSparklines
from .widgets.key_bar import KeyBar
from .widgets.network_diagram import NetworkDiagram
from .widgets.output_panel import OutputPanel
from .widgets.status_bar import StatusBar
from .widgets.weight_table import WeightTable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .scenario import Scenario
    from .screens.export_menu import ExportRequest
    from .session import Session
    from .widgets.data_view import DataView
    from .widgets.digit_weights import DigitWeights

LazyView = TypeVar("LazyView", bound=Widget)
Answer = TypeVar("Answer")

SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)  # autoplay steps a second
DEFAULT_SPEED = 10
FRAME = 1 / 30  # autoplay redraws at most this often (MNIST's ten pictures included)
TICK_BUDGET = 0.02  # seconds of stepping a tick may spend before it redraws anyway
WIDE = 100  # from this many columns the description shows beside the rest
TABLE_FRAME, OUTPUTS_FRAME = 3, 2  # their borders and padding, left and right (app.tcss)


# The actions that need a scenario open (all but open, help and quit).
TRAINER_ACTIONS = {action.partition("(")[0] for _, action, *_ in KEYS} - {"open", "help", "quit"}
SORTED_TRAINER_ACTIONS = sorted(TRAINER_ACTIONS)


class GdtuiApp(App[None]):
    """Chapter 5 of Grokking Deep Learning, live: see ``create_app``."""

    CSS_PATH = "app.tcss"
    TITLE = "gdtui"
    # Textual's auto focus scrolls the focused widget into view; the main screen focuses its
    # table itself without scrolling, so that small terminals open at the top.
    AUTO_FOCUS = None
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys, action, what, show=show, key_display=shown_as, id=id, tooltip=detail)
        for keys, action, what, show, shown_as, id, detail in KEYS
    ]

    def __init__(
        self,
        scenario: Scenario | None = None,
        *,
        speed: int = DEFAULT_SPEED,
        session: Session | None = None,
    ) -> None:
        super().__init__()
        self.scenario: Scenario | None = None
        self.trainer: Trainer | None = None
        # The history as last saved (or as opened): anything else is unsaved progress, which
        # quitting autosaves. None: nothing of it is saved (a resumed autosave).
        self.saved_history: dict[str, object] | None = None
        # The file this session was opened from or last saved to: what ctrl+s offers.
        self.session_file: Path | None = None
        self.playing = False
        self.speed_index = SPEEDS.index(speed) if speed in SPEEDS else SPEEDS.index(DEFAULT_SPEED)
        self.version = 0  # counts redraws: a cheap "something changed" for tests
        self.last_epoch: EpochRecord | None = None
        self._timer: Timer | None = None
        self._owed = 0.0  # steps autoplay owes: fractions carry over between ticks
        self._pending = scenario
        self._pending_session = session
        self._enabled: tuple[bool | None, ...] = ()
        self.digit = 0  # the digit under the cursor in the MNIST view
        self.images = False  # the open scenario has 28x28 inputs: the MNIST view
        self.after_first_frame: list[Callable[[], object]] = []  # run once it is on screen

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Static("", id="banner")
        with Horizontal(id="body"):
            with VerticalScroll(id="main", can_focus=False):
                yield NetworkDiagram(id="diagram")
                with Horizontal(id="numbers"):
                    yield WeightTable(id="weights")
                    yield OutputPanel(id="outputs")
                yield ErrorCurve(id="curve")
                yield ErrorSparklines(id="sparks")
            # The MNIST and data views are mounted when first needed: fewer widgets to style
            # and lay out before the first frame (they hold ~100 of them).
            yield DescriptionPanel(id="description")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#diagram").border_title = "network: inputs → outputs (pred / true)"
        self.query_one("#weights").border_title = "weights"
        self.query_one("#outputs").border_title = "outputs"
        self.query_one("#sparks").border_title = "error per step (log scale)"
        self.query_one("#description").border_title = "about"
        self.query_one(WeightTable).focus(scroll_visible=False)
        if self._pending_session is not None:
            self.open_session(self._pending_session)
            self._pending_session = None
        elif self._pending is not None:
            self.load(self._pending)
            self._pending = None
        else:
            self._pick(first=True)
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

    def on_resize(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        """Stack the weight table over the outputs when they don't fit side by side."""
        if self.trainer is None:
            return
        p = self.trainer.problem
        table = TABLE_FRAME + label_width_of(p.output_names) + CELL * p.n_in
        outputs = OUTPUTS_FRAME + self.query_one(OutputPanel).columns_width()
        # From the terminal's width rather than the panels', so that it is right before the
        # first layout too (one layout, not two, before the first frame).
        panel = self.query_one(DescriptionPanel)
        shown = panel.has_class("-shown") or (
            not panel.has_class("-hidden") and self.size.width >= WIDE
        )
        main = self.size.width - (DESCRIPTION_WIDTH + 1 if shown else 0) - 1
        self.query_one("#numbers").set_class(table + outputs > main, "-stacked")

    # -- the scenario -------------------------------------------------------------------------
    def load(self, scenario: Scenario, trainer: Trainer | None = None) -> None:
        """Show ``scenario`` from its step 0 (the current one, if any, is dropped), or where
        ``trainer`` (on the scenario's problem) is."""
        self._stop()
        self.scenario = scenario
        self.trainer = trainer if trainer is not None else Trainer(scenario.problem)
        self.saved_history = self.trainer.history()
        self.session_file = None
        self.last_epoch = None
        self.query_one(WeightTable).reset_cursor()
        self.digit = 0
        self.images = is_image(scenario.problem)
        self.query_one("#body").set_class(self.images, "-images")
        self.query_one(ErrorCurve).forget()
        self.query_one(ErrorSparklines).forget_epoch()
        self.query_one(DescriptionPanel).show(scenario.description)
        self.title = scenario.name
        self.refresh_views()
        self._arrange()
        self.query_one("#main").scroll_home(animate=False)

    def refresh_views(self) -> None:
        """Push the trainer's state into every widget: the one place the screen is updated."""
        trainer = self.trainer
        if trainer is None or self.scenario is None:
            return
        coming = trainer.peek()
        self.query_one(StatusBar).update_from(self.scenario.name, trainer, self.playing, self.speed)
        if self.images:
            truecolor = self.console.color_system == "truecolor"
            from .widgets.mnist_view import MnistView  # only for 28x28 inputs

            view = self._lazy_view(MnistView, "mnist")
            if view is not None:
                view.update_from(trainer, coming, self.digit, truecolor)
        else:
            cursor = self.query_one(WeightTable).cursor
            self.query_one(NetworkDiagram).update_from(trainer, coming, cursor)
            self.query_one(WeightTable).update_from(trainer, coming)
            self.query_one(OutputPanel).update_from(trainer, coming)
            self.query_one(ErrorCurve).update_from(trainer, cursor)
            self.query_one(ErrorSparklines).update_from(trainer, self.last_epoch)
        if self.data_shown:
            from .widgets.data_view import DataView

            data = self._lazy_view(DataView, "data")
            if data is not None:
                data.update_from(trainer)
        banner = self.query_one("#banner", Static)
        diverged = trainer.state.diverged
        if diverged:
            banner.update(
                f"Diverged at step {trainer.steps}: the error overflowed. "
                "Press u to undo, r to reset, [ to halve alpha."
            )
        banner.set_class(diverged, "-diverged")
        self.version += 1
        # Tell the key bar (which dims what can't run) only when that has changed, not on
        # every step.
        enabled = tuple(self.check_action(action, ()) for action in SORTED_TRAINER_ACTIONS)
        if enabled != self._enabled:
            self._enabled = enabled
            self.refresh_bindings()

    def _lazy_view(self, cls: type[LazyView], id: str) -> LazyView | None:
        """The view with ``id``, mounted the first time it is asked for. None until it is ready
        (mounted with its children): a redraw follows by itself once it is."""
        found = self.query(f"#{id}")
        if not found:
            self.query_one("#body").mount(cls(id=id), before="#description")
            self.call_after_refresh(self.refresh_views)
            return None
        view = found.first(cls)
        if not view.is_mounted:
            self.call_after_refresh(self.refresh_views)
            return None
        return view

    def _focus_data(self) -> None:
        from .widgets.data_view import DataView

        for view in self.query(DataView):
            view.examples.focus()

    @property
    def speed(self) -> int:
        return SPEEDS[self.speed_index]

    # -- what can run now ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in TRAINER_ACTIONS:
            return True
        trainer = self.trainer
        if trainer is None:
            return None
        diverged = trainer.state.diverged
        enabled = {
            "step": not diverged,
            "epoch": not diverged,
            "play": self.playing or not diverged,
            "faster": self.speed_index < len(SPEEDS) - 1,
            "slower": self.speed_index > 0,
            "undo": trainer.can_undo,
            "redo": trainer.can_redo,
            "reset": trainer.steps > 0 or diverged,
            "unfreeze_all": bool(trainer.state.frozen.any()),
        }.get(action, True)
        return True if enabled else None

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for binding in self._bindings_list():
            if binding.action in seen or binding.action == "quit":
                continue
            seen.add(binding.action)
            name = binding.action.partition("(")[0]
            if not self.check_action(name, ()):
                continue
            keys = self._keys_of(binding.action)
            yield SystemCommand(
                f"{binding.description} ({keys})",
                binding.tooltip,
                partial(self.run_action, binding.action),
            )

    def help_rows(self) -> list[tuple[str, str, str]]:
        """(keys, what, detail) for every binding, then the mouse."""
        rows: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for binding in self._bindings_list():
            if binding.action in seen:
                continue
            seen.add(binding.action)
            rows.append((self._keys_of(binding.action), binding.description, binding.tooltip))
        rows += [
            ("ctrl+p", "Commands", "Every action above, searchable."),
            ("click", "Select", "Clicking a weight cell selects it."),
            ("click ○/❄", "Freeze", "Clicking a cell's marker freezes or unfreezes it."),
        ]
        return rows

    def _bindings_list(self) -> list[Binding]:
        return [b for b in self.BINDINGS if isinstance(b, Binding)]

    def _keys_of(self, action: str) -> str:
        keys = [self.get_key_display(b) for b in self._bindings_list() if b.action == action]
        return " / ".join(keys)

    # -- learning -----------------------------------------------------------------------------
    def action_step(self) -> None:
        trainer = self.trainer
        if trainer is None or trainer.state.diverged:
            self.bell()
            return
        trainer.step()
        self._after_steps()

    def action_epoch(self) -> None:
        trainer = self.trainer
        if trainer is None or trainer.state.diverged:
            self.bell()
            return
        self.last_epoch = trainer.run_epoch()
        self._after_steps()

    def _after_steps(self) -> None:
        if self.trainer is not None and self.trainer.state.diverged:
            self._stop()
        self.refresh_views()

    def action_play(self) -> None:
        if self.playing:
            self._stop()
        elif self.trainer is not None and not self.trainer.state.diverged:
            self.playing = True
            self._owed = 0.0
            self._start_timer()
        self.refresh_views()

    def _start_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        interval = max(1 / self.speed, FRAME)
        self._timer = self.set_interval(interval, partial(self._tick, interval), name="autoplay")

    def _stop(self) -> None:
        self.playing = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _tick(self, interval: float) -> None:
        """One autoplay frame: the steps the speed owes since the last one, then one redraw."""
        trainer = self.trainer
        if not self.playing or trainer is None:
            return
        self._owed += self.speed * interval
        due = int(self._owed)
        self._owed -= due
        deadline = time.perf_counter() + TICK_BUDGET
        for _ in range(due):
            if trainer.step().diverged:
                self._stop()
                break
            if time.perf_counter() > deadline:
                self._owed = 0.0  # too slow to keep up: drop the rest rather than pile up
                break
        self.refresh_views()

    def action_faster(self) -> None:
        self._change_speed(1)

    def action_slower(self) -> None:
        self._change_speed(-1)

    def _change_speed(self, by: int) -> None:
        self.speed_index = min(max(self.speed_index + by, 0), len(SPEEDS) - 1)
        if self.playing:
            self._start_timer()
        self.refresh_views()

    # -- changes ------------------------------------------------------------------------------
    def action_undo(self) -> None:
        self._stop()
        if self.trainer is None or not self.trainer.undo():
            self.bell()
        self.refresh_views()

    def action_redo(self) -> None:
        self._stop()
        if self.trainer is None or not self.trainer.redo():
            self.bell()
        self.refresh_views()

    def action_reset(self) -> None:
        if self.trainer is None:
            return
        self.trainer.reset()
        self.last_epoch = None
        self.query_one(ErrorSparklines).forget_epoch()
        self.refresh_views()

    def action_cursor(self, d_out: int, d_in: int) -> None:
        if self.images and self.trainer is not None:
            # The digits are laid out in rows: up and down jump a row of pictures.
            from .widgets.digit_weights import DigitWeights

            per_row = next((w.per_row for w in self.query(DigitWeights)), 5)
            self.digit = (self.digit + d_in + d_out * per_row) % self.trainer.problem.n_out
            self.refresh_views()
        else:
            self.query_one(WeightTable).move_cursor(d_out, d_in)

    def action_freeze(self) -> None:
        if self.trainer is None:
            return
        if self.images:
            self.trainer.toggle_freeze_output(self.digit)
        else:
            self.trainer.toggle_freeze(*self.query_one(WeightTable).cursor)
        self.refresh_views()

    def on_digit_weights_digit_selected(self, event: DigitWeights.DigitSelected) -> None:
        self.digit = event.digit
        self.refresh_views()

    def action_unfreeze_all(self) -> None:
        if self.trainer is None:
            return
        self.trainer.unfreeze_all()
        self.refresh_views()

    def action_halve_alpha(self) -> None:
        if self.trainer is not None:
            self.set_alpha(self.trainer.state.alpha / 2)

    def action_double_alpha(self) -> None:
        if self.trainer is not None:
            self.set_alpha(self.trainer.state.alpha * 2)

    def set_alpha(self, alpha: float) -> None:
        """A new alpha. After a divergence the diverged step is taken back first, so that the
        new alpha can be tried from the last good weights."""
        trainer = self.trainer
        if trainer is None:
            return
        took_back = trainer.state.diverged and trainer.undo()
        try:
            trainer.set_alpha(alpha)
        except ValueError as error:
            self.notify(str(error), severity="error")
        else:
            note = "took back the diverged step; " if took_back else ""
            self.notify(f"{note}alpha is now {alpha_text(trainer.state.alpha)}", timeout=2)
        self.refresh_views()

    def action_type_alpha(self) -> None:
        if self.trainer is None:
            return
        from .screens.alpha_input import AlphaScreen

        def typed(alpha: float | None) -> None:
            if alpha is not None:
                self.set_alpha(alpha)

        self._ask(AlphaScreen(self.trainer.state.alpha), typed)

    @on(WeightTable.CellSelected)
    def _selected(self) -> None:
        self.refresh_views()

    @on(WeightTable.FreezeToggled)
    def _freeze_clicked(self, event: WeightTable.FreezeToggled) -> None:
        if self.trainer is not None:
            self.trainer.toggle_freeze(event.output, event.input)
            self.refresh_views()

    # -- screens ------------------------------------------------------------------------------
    def _ask(self, screen: Screen[Answer], then: Callable[[Answer | None], None]) -> None:
        """Open a dialog: autoplay stops and the screen behind shows it paused."""
        self._stop()
        self.refresh_views()
        self.push_screen(screen, then)

    def action_toggle_description(self) -> None:
        panel = self.query_one(DescriptionPanel)
        shown = panel.display
        panel.set_class(shown, "-hidden")
        panel.set_class(not shown, "-shown")
        self._arrange()

    def action_open(self) -> None:
        self._pick(first=False)

    def _pick(self, first: bool) -> None:
        from .screens.picker import PickerScreen

        def picked(choice: Scenario | Session | None) -> None:
            from .session import Session

            if isinstance(choice, Session):
                self.open_session(choice)
            elif choice is not None:
                self.load(choice)
            elif self.trainer is None:
                self.exit()

        self._ask(PickerScreen(first=first), picked)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.help_rows()))

    # -- your own data ------------------------------------------------------------------------
    @property
    def data_shown(self) -> bool:
        return self.query_one("#body").has_class("-data")

    def action_data(self) -> None:
        self.show_data(not self.data_shown)

    def show_data(self, shown: bool) -> None:
        """Show the data view instead of the network (or the MNIST pictures), or hide it."""
        if self.trainer is None:
            return
        self.query_one("#body").set_class(shown, "-data")
        if shown:
            from .widgets.data_view import DataView

            data = self._lazy_view(DataView, "data")
            if data is not None:
                data.update_from(self.trainer)
                data.examples.focus()
            else:
                self.call_after_refresh(self._focus_data)
        else:
            self.query_one(WeightTable).focus(scroll_visible=False)
        self._arrange()

    def on_data_view_edit_cell(self, event: DataView.EditCell) -> None:
        from .screens.cell_edit import CellEditScreen

        def typed(value: float | None) -> None:
            trainer = self.trainer
            if value is None or trainer is None or value == event.value:
                return  # cancelled, or unchanged: nothing for undo to take back
            try:
                if event.side == "weights":
                    trainer.set_weight(event.row, event.col, value)
                else:
                    trainer.set_value(event.side, event.row, event.col, value)
            except (ValueError, IndexError) as error:
                self._tell(str(error), "error")
            self.refresh_views()

        self._ask(CellEditScreen(event.what, event.value, event.typed), typed)

    # -- sessions -----------------------------------------------------------------------------
    @property
    def unsaved(self) -> bool:
        """Progress that no file holds: steps or changes since the last save (or opening)."""
        return self.trainer is not None and self.trainer.history() != self.saved_history

    def view_state(self) -> dict[str, Any]:
        """What a session keeps of the screen: plain JSON data."""
        main = self.screen_stack[0]  # app.query_one would search a modal on top (ctrl+q)
        return {
            "cursor": list(main.query_one(WeightTable).cursor),
            "digit": self.digit,
            "description": bool(main.query_one(DescriptionPanel).display),
            "speed": self.speed,
            "data": main.query_one("#body").has_class("-data"),
        }

    def apply_view(self, view: dict[str, Any]) -> None:
        """The saved view, as far as it fits the open scenario (the file may say anything)."""
        trainer = self.trainer
        if trainer is None:
            return
        n_out, n_in = trainer.problem.n_out, trainer.problem.n_in
        cursor = view.get("cursor")
        if (
            isinstance(cursor, list)
            and [type(k) for k in cursor] == [int, int]
            and 0 <= cursor[0] < n_out
            and 0 <= cursor[1] < n_in
        ):
            self.query_one(WeightTable).cursor = (cursor[0], cursor[1])
        digit = view.get("digit")
        if type(digit) is int and 0 <= digit < n_out:
            self.digit = digit
        if view.get("speed") in SPEEDS:
            self.speed_index = SPEEDS.index(view["speed"])
        description = view.get("description")
        if isinstance(description, bool):
            panel = self.query_one(DescriptionPanel)
            panel.set_class(not description, "-hidden")
            panel.set_class(description, "-shown")
        self.refresh_views()
        if isinstance(view.get("data"), bool):
            self.show_data(view["data"])
        self._arrange()

    def open_session(self, session: Session) -> None:
        """Show a loaded session where it was saved: step, undo history, alpha, view."""
        from .session import autosave_path

        self.load(session.scenario, session.trainer)
        self.apply_view(session.view)
        if _same_file(session.path, autosave_path()):
            # Resumed: the autosave has done its job. Its progress is in no other file, so it
            # stays unsaved, and quitting without saving autosaves it again.
            self.saved_history = None
            Path(session.path).unlink(missing_ok=True)
        else:
            self.session_file = Path(session.path)
        steps = session.trainer.steps
        self._tell(f"resumed {session.scenario.name} at step {steps}", timeout=3)
        for warning in session.warnings:
            self._tell(warning, "warning", timeout=8)

    def _tell(self, text: str, severity: SeverityLevel = "information", timeout: float = 5) -> None:
        """A one-line notification of plain text (a path may hold [ and ])."""
        self.notify(_one_line(text), severity=severity, timeout=timeout, markup=False)

    def action_save(self) -> None:
        if self.trainer is None or self.scenario is None:
            return
        from .screens.save import SaveScreen
        from .session import default_session_name

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.save_to(path)

        self._ask(SaveScreen(self.session_file or default_session_name(self.scenario)), chosen)

    def save_to(self, path: Path) -> bool:
        """Save the session to ``path``; an error is a one-line notification, never a crash."""
        from .session import save_session

        if self.trainer is None or self.scenario is None:
            return False
        try:
            save_session(path, self.scenario, self.trainer, self.view_state())
        except OSError as error:
            reason = error.strerror or error
            self._tell(f"cannot save to {path}: {reason}", "error")
            return False
        self.saved_history = self.trainer.history()
        self.session_file = path
        self._tell(f"saved to {path}", timeout=4)
        return True

    def autosave(self) -> Path | None:
        """Save unsaved progress to the autosave file (the next ``gdtui`` offers to resume it);
        returns where, or None when there was nothing to save. OSError when it cannot."""
        from .session import autosave_path, save_session

        if not self.unsaved or self.trainer is None or self.scenario is None:
            return None
        path = autosave_path()
        save_session(path, self.scenario, self.trainer, self.view_state())
        self.saved_history = self.trainer.history()
        return path

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Every way out (q, ctrl+q, the picker's escape) passes here: autosave first."""
        try:
            saved = self.autosave()
        except Exception as error:  # never stop anyone leaving; say it once they are out
            reason = getattr(error, "strerror", None) or error
            message = message or _one_line(f"gdtui: could not autosave your progress: {reason}")
        else:
            if saved is not None and message is None:
                message = f"gdtui: saved your progress to {saved}; run gdtui to resume it"
        super().exit(result, return_code, message)

    # -- export -------------------------------------------------------------------------------
    def action_export(self) -> None:
        if self.trainer is None or self.scenario is None:
            return
        from .screens.export_menu import ExportScreen, default_export_folder

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                # After the menu has gone and the screen is redrawn: the screenshot is of it.
                self.call_after_refresh(self.export, request)

        self._ask(ExportScreen(default_export_folder(self.scenario)), chosen)

    def export(self, request: ExportRequest) -> list[Path]:
        """Write the requested files; an error is a one-line notification."""
        from .screens.export_menu import write_exports

        if self.trainer is None or self.scenario is None:
            return []
        try:
            paths = write_exports(request, self.scenario, self.trainer, self.export_screenshot)
        except OSError as error:
            reason = error.strerror or error
            self._tell(f"cannot export to {request.folder}: {reason}", "error")
            return []
        names = ", ".join(path.name for path in paths)
        self._tell(f"wrote {names} to {request.folder}", timeout=6)
        return paths


def is_image(problem: Problem) -> bool:
    """28x28 inputs get the MNIST view: pictures instead of a diagram and a table."""
    return problem.n_in == 28 * 28


def label_width_of(names: Iterable[str]) -> int:
    return max(len(n) for n in names) + 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


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
