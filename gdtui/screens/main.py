"""The main screen: one scenario learning, a key a step.

Each key runs an action that calls the Controller; ``refresh_views`` then takes the controller's
Frame and feeds it to every widget (``update_from(frame)``). Widgets post messages (a cell
clicked, a digit picked) that come back here and go to the controller: attributes down,
messages up. Dialogs and files are the app's (``GdtuiApp``): this screen asks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widget import Widget

from ..controller import Controller
from ..keys import KEYS
from ..renderables.weight_grid import CELL
from ..widgets.description_panel import DESCRIPTION_WIDTH, WIDE, DescriptionPanel
from ..widgets.diverged_banner import DivergedBanner
from ..widgets.error_bowls import ErrorBowls
from ..widgets.error_curve import ErrorCurve
from ..widgets.error_sparklines import ErrorSparklines
from ..widgets.key_bar import KeyBar
from ..widgets.last_step import LastStep
from ..widgets.literal import VisibleNames, visible
from ..widgets.main_column import MainColumn
from ..widgets.network_diagram import NetworkDiagram
from ..widgets.output_panel import OutputPanel
from ..widgets.stage_panel import StagePanel
from ..widgets.status_bar import StatusBar
from ..widgets.weight_table import WeightTable
from .navigation import Navigation
from .views import VIEWS

if TYPE_CHECKING:
    from ..app import GdtuiApp
    from ..widgets.data_view import DataView
    from ..widgets.digit_weights import DigitWeights
    from ..widgets.ghost_run import ExperimentRequest

LazyView = TypeVar("LazyView", bound=Widget)

TABLE_FRAME, OUTPUTS_FRAME = 3, 2  # their borders and padding, left and right (app.tcss)
ANYTIME = {"open", "help", "quit"}  # the actions that need no scenario open
MNIST_DESCRIBED = 160  # the MNIST view's pictures and the description side by side


class MainScreen(Navigation):
    """Shows the controller's frames; without a controller (the picker on top), nothing yet."""

    # Textual's auto focus scrolls the focused widget into view; this screen focuses its
    # table itself without scrolling, so that small terminals open at the top.
    AUTO_FOCUS = None

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys, action, what, show=show, key_display=shown_as, id=id, tooltip=detail)
        for keys, action, what, show, shown_as, id, detail in KEYS
    ]

    def __init__(
        self, controller: Controller | None = None, panels: dict[str, Any] | None = None
    ) -> None:
        super().__init__(id="main-screen")
        self.controller = controller  # shown once mounted
        self._panels = panels
        self._timer: Timer | None = None
        self._enabled: frozenset[str] | None = None
        self._view: str | None = None  # the view shown in the network's place (VIEWS)
        self._visible = VisibleNames()  # names reach the widgets with control characters shown
        self._resumed = False  # (see on_screen_resume)

    @property
    def gdtui(self) -> GdtuiApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield DivergedBanner(id="banner")
        with Horizontal(id="body"):
            with MainColumn(id="main"):
                yield StagePanel(id="stages")
                yield NetworkDiagram(id="diagram")
                with Horizontal(id="numbers"):
                    yield WeightTable(id="weights")
                    yield OutputPanel(id="outputs")
                yield LastStep(id="ledger")
                yield ErrorCurve(id="curve")
                yield ErrorBowls(id="bowls")
                yield ErrorSparklines(id="sparks")
            # The MNIST and data views are mounted when first needed: fewer widgets to style
            # and lay out before the first frame (they hold ~100 of them).
            yield DescriptionPanel(id="description")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#diagram").border_title = "network: inputs → outputs (pred / true)"
        self.query_one("#weights").border_title = "weight over weight_delta"
        self.query_one("#outputs").border_title = "outputs"
        self.query_one("#sparks").border_title = "error per step (log scale)"
        self.query_one("#stages").border_title = "one step in three stages"
        self.query_one("#description").border_title = "about"
        self.query_one(WeightTable).focus(scroll_visible=False)
        if self.controller is not None:
            self.show(self.controller, self._panels)
        else:
            self.gdtui.pick(first=True)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every node of a screen when it resumes. The first time, each node
        # was styled as it mounted, just before, with every rule it will have: a second pass
        # changes nothing (tests/test_startup_styles.py) and cost ~6 ms of the first frame.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        """Stack the weight table over the outputs when they don't fit side by side."""
        if self.controller is None:
            return
        p = self.controller.problem
        table = TABLE_FRAME + max(len(n) for n in p.output_names) + 1 + CELL * p.n_in
        outputs = OUTPUTS_FRAME + self.query_one(OutputPanel).columns_width()
        # From the terminal's width rather than the panels', so that it is right before the
        # first layout too (one layout, not two, before the first frame).
        panel = self.query_one(DescriptionPanel)
        shown = panel.has_class("-shown") or (
            not panel.has_class("-hidden") and self.app.size.width >= WIDE
        )
        main = self.app.size.width - (DESCRIPTION_WIDTH + 1 if shown else 0) - 1
        self.query_one("#numbers").set_class(table + outputs > main, "-stacked")
        # MNIST shows its description by default only where its pictures keep their room.
        self.query_one("#body").set_class(self.app.size.width >= MNIST_DESCRIBED, "-roomy")

    # -- the scenario -------------------------------------------------------------------------
    def show(self, controller: Controller, panels: dict[str, Any] | None = None) -> None:
        """Show ``controller``'s scenario (the one shown so far is dropped); ``panels`` is a
        saved view's ``description`` and ``data`` flags."""
        self._stop_timer()
        if self.controller is not None:
            self.controller.stop()
        self.controller = controller
        self.query_one("#body").set_class(controller.images, "-images")
        self.query_one(ErrorCurve).forget()
        self.query_one(DescriptionPanel).show(controller.scenario.description)
        self.app.title = visible(controller.scenario.name)
        panels = panels or {}
        if isinstance(panels.get("description"), bool):
            self._show_description(panels["description"])
        self.refresh_views()
        self.show_view(panels.get("view") or ("data" if panels.get("data") is True else None))
        self._arrange()
        self.query_one("#main").scroll_home(animate=False)

    def refresh_views(self) -> None:
        """Feed the controller's frame to every widget: the one place the screen is updated."""
        if self.controller is None:
            return
        frame = self._visible(self.controller.frame())
        while self.controller.notes:
            self.gdtui.tell(self.controller.notes.pop(0), timeout=6)
        self.query_one(StatusBar).update_from(frame)
        if frame.images:
            if self.view is None:  # (behind z, c or i, fed again once they close)
                from ..widgets.mnist_view import MnistView  # only for 28x28 inputs

                view = self._lazy_view(MnistView, "mnist")
                if view is not None:
                    view.update_from(frame, self.app.console.color_system == "truecolor")
        else:
            stages = self.query_one(StagePanel)
            stages.set_class(frame.stage is not None, "-shown")
            stages.update_from(frame)
            self.query_one(NetworkDiagram).update_from(frame)
            self.query_one(WeightTable).update_from(frame)
            self.query_one(OutputPanel).update_from(frame)
            self.query_one(LastStep).update_from(frame)
            curve, bowls = self.query_one(ErrorCurve), self.query_one(ErrorBowls)
            curve.display, bowls.display = not frame.curves, bool(frame.curves)
            (bowls if frame.curves else curve).update_from(frame)
            self.query_one(ErrorSparklines).update_from(frame)
        if self.view is not None:
            self._update_view(self.view, frame)
        self.query_one(DivergedBanner).update_from(frame)
        if not frame.playing:
            self._stop_timer()  # stopped by a dialog, a divergence or a key
        # Tell the key bar (which dims what can't run) only when that has changed.
        if frame.enabled != self._enabled:
            self._enabled = frame.enabled
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ANYTIME:
            return True
        if action == "view":
            view = VIEWS.get(str(parameters[0])) if parameters else None
            if (
                self.controller is None
                or view is None
                or not view.available(self.controller.images)
            ):
                return None
            return True
        if self.controller is None or not self.controller.can(action):
            return None  # shown dimmed
        return True

    def _do(self, done: bool | None = True) -> None:
        """After an action: the bell when it could not run, then a redraw."""
        if done is False:
            self.app.bell()
        self.refresh_views()

    # -- learning -----------------------------------------------------------------------------
    def action_step(self) -> None:
        self._do(self.controller is not None and self.controller.step())

    def action_stage(self) -> None:
        self._do(self.controller is not None and self.controller.advance_stage())

    def action_epoch(self) -> None:
        self._do(self.controller is not None and self.controller.epoch())

    def action_play(self) -> None:
        if self.controller is not None:
            self.controller.toggle_play()
            self._start_timer()
        self.refresh_views()

    def _start_timer(self) -> None:
        """(Re)start the autoplay timer at the speed in force, if playing."""
        self._stop_timer()
        if self.controller is not None and self.controller.playing:
            interval = self.controller.tick_interval
            self._timer = self.set_interval(interval, lambda: self._tick(interval), name="autoplay")

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _tick(self, interval: float) -> None:
        """One autoplay frame: the steps the speed owes since the last one, then one redraw."""
        if self.controller is not None and self.controller.playing:
            self.controller.tick(interval)
            self.refresh_views()

    def action_faster(self) -> None:
        self._change_speed(1)

    def action_slower(self) -> None:
        self._change_speed(-1)

    def _change_speed(self, by: int) -> None:
        if self.controller is not None:
            self.controller.change_speed(by)
            self._start_timer()
        self.refresh_views()

    # -- changes ------------------------------------------------------------------------------
    def action_undo(self) -> None:
        self._do(self.controller is not None and self.controller.undo())

    def action_redo(self) -> None:
        self._do(self.controller is not None and self.controller.redo())

    def action_reset(self) -> None:
        if self.controller is not None:
            self.controller.reset()
        self.refresh_views()

    def action_cursor(self, d_out: int, d_in: int) -> None:
        if self.controller is None:
            return
        from ..widgets.digit_weights import DigitWeights

        # The digits are laid out in rows: up and down jump a row of pictures.
        per_row = next((w.per_row for w in self.query(DigitWeights)), 5)
        self.controller.move_cursor(d_out, d_in, per_row)
        self.refresh_views()

    def action_freeze(self) -> None:
        if self.controller is not None:
            self.controller.toggle_freeze()
        self.refresh_views()

    def action_unfreeze_all(self) -> None:
        if self.controller is not None:
            self.controller.unfreeze_all()
        self.refresh_views()

    def action_halve_alpha(self) -> None:
        if self.controller is not None:
            self.set_alpha(self.controller.trainer.state.alpha / 2)

    def action_double_alpha(self) -> None:
        if self.controller is not None:
            self.set_alpha(self.controller.trainer.state.alpha * 2)

    def set_alpha(self, alpha: float) -> None:
        if self.controller is None:
            return
        try:
            note = self.controller.set_alpha(alpha)
        except ValueError as error:
            self.gdtui.tell(str(error), "error")
        else:
            self.gdtui.tell(note, timeout=2)
        self.refresh_views()

    def action_type_alpha(self) -> None:
        self.gdtui.ask_alpha()

    @on(WeightTable.CellSelected)
    def _selected(self, event: WeightTable.CellSelected) -> None:
        if self.controller is not None:
            self.controller.select(event.output, event.input)
        self.refresh_views()

    @on(WeightTable.FreezeToggled)
    def _freeze_clicked(self, event: WeightTable.FreezeToggled) -> None:
        if self.controller is not None:
            self.controller.toggle_freeze((event.output, event.input))
        self.refresh_views()

    def on_digit_weights_digit_selected(self, event: DigitWeights.DigitSelected) -> None:
        if self.controller is not None:
            self.controller.select_digit(event.digit)
        self.refresh_views()

    def action_normalise(self) -> None:
        if self.controller is not None:
            self.gdtui.tell(self.controller.experiments.toggle_normalise(), timeout=8)
        self.refresh_views()

    def on_experiment_request(self, event: ExperimentRequest) -> None:
        if self.controller is not None:
            event.ask(self.controller.experiments)
        self.refresh_views()

    def on_data_view_edit_cell(self, event: DataView.EditCell) -> None:
        self.gdtui.ask_edit(event)

    # -- the app's -----------------------------------------------------------------------------
    def action_save(self) -> None:
        self.gdtui.ask_save()

    def action_export(self) -> None:
        self.gdtui.ask_export()

    def action_open(self) -> None:
        self.gdtui.pick(first=False)

    def action_help(self) -> None:
        self.gdtui.show_help()

    def action_quit(self) -> None:
        self.app.exit()
