"""The scenario picker: shipped scenarios, the user's own, recently opened files, or a path;
and sessions: the autosave first ("resume where you left off"), then the saved ones.

It lists the shipped ones without NumPy (their descriptions only: the first frame comes
sooner) and loads the chosen file itself, so a broken one is reported here, in one line, and the
screen stays open; it returns the loaded Scenario or Session, or None when cancelled. A session
replays its whole history (seconds for a long MNIST one), so it loads in a thread worker while
the picker says so.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from ..recent import add_recent, load_recent
from ..scenario.library import SHIPPED, list_scenarios, replaces, resolve
from ..scenario.reading import ScenarioError
from ..session import (
    Session,
    SessionError,
    SessionInfo,
    autosaves,
    is_autosave,
    load_session,
    peek_session,
    recent_sessions,
)
from ..widgets.literal import literal, visible
from ..widgets.paged_option_list import PagedOptionList
from .dialog import Dialog

if TYPE_CHECKING:  # Scenario's module imports NumPy, which the listing needs not
    from ..scenario import Scenario

    Choice = Scenario | Session | None
else:
    Choice = object

# Theme variables, so that every theme reaches them, the highlighted line's background too.
SECTION = "bold $text-accent"
NAME = "bold"
SUMMARY = "$text-muted"
BROKEN = "$text-error"
WARNING = "$text-warning"


class PickerScreen(Dialog[Choice]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-picker")
    ]

    DEFAULT_CSS = """
    PickerScreen > Vertical {
        width: 100;
    }
    PickerScreen.-first {
        background: $background;  /* the blank screen's, as tinted; and not drawn again */
    }
    PickerScreen OptionList {
        height: auto;
        max-height: 1fr;
        border: none;
        padding: 0;
    }
    """

    def __init__(self, first: bool = False) -> None:
        super().__init__(classes="-first" if first else None)
        self.first = first
        self._targets: list[tuple[str, Path]] = []  # (scenario, session or forget, its file)
        self.opening: Path | None = None  # the session being loaded

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "open a scenario"
            leave = "quit" if self.first else "cancel"
            box.border_subtitle = f"enter: open · tab: type a path · escape: {leave}"
            yield PagedOptionList(*self._options(), id="choices")
            yield Input(
                placeholder="or type a scenario name or a path to a .yaml file", id="picker-path"
            )
            yield Static("", id="picker-error", classes="error")

    def _options(self) -> list[Option]:
        self._targets = []
        options = self._autosave_options()
        infos = list_scenarios()
        listed: set[Path] = set()
        for origin, title in (("shipped", "Shipped"), ("user", "Yours")):
            group = [info for info in infos if info.origin == origin]
            if not group:
                continue
            options.append(Option(Content.styled(title, SECTION), disabled=True))
            width = max(len(visible(info.name)) for info in group) + 2
            for info in group:
                name = ("  " + visible(info.name).ljust(width), NAME)
                if info.error is None:
                    line = Content.assemble(name, (visible(info.summary), SUMMARY))
                else:
                    line = Content.assemble(name, (visible(info.error), BROKEN))
                if info.replaces is not None:  # on a line of its own, seen whole
                    shipped = visible(f"{SHIPPED}{info.name}")
                    warning = f"\n    replaces the shipped one of that name; type {shipped} for it"
                    line = Content.assemble(line, (warning, WARNING))
                options.append(self._entry(line, info.path))
                listed.add(_key(info.path))
        recent = [r for r in load_recent() if _key(r.path) not in listed]
        if recent:
            options.append(Option(Content.styled("Recent files", SECTION), disabled=True))
            for entry in recent:
                name = ("  " + visible(entry.name or entry.path.name), NAME)
                line = Content.assemble(name, (visible(f"  {entry.path}"), SUMMARY))
                options.append(self._entry(line, entry.path))
        return options + self._session_options()

    def _autosave_options(self) -> list[Option]:
        options = []
        for path in autosaves():  # one per app that quit with unsaved progress
            try:
                info = peek_session(path)
            except SessionError as error:
                line = literal("Your autosave does not open: " + error.message, BROKEN)
            else:
                resume = ("Resume where you left off: ", SECTION)
                line = Content.assemble(resume, (_where(info), NAME))
            options.append(self._entry(line, path, "session"))
            forget = Content.styled("  Forget it (delete the autosave)", SUMMARY)
            options.append(self._entry(forget, path, "forget"))
        return options

    def _session_options(self) -> list[Option]:
        paths = [p for p in recent_sessions() if not is_autosave(p)]
        if not paths:
            return []
        options = [Option(Content.styled("Recent sessions", SECTION), disabled=True)]
        for path in paths:
            try:
                info = peek_session(path)
            except SessionError as error:
                line = Content.assemble(
                    (visible(f"  {path.name}  "), NAME), (visible(error.message), BROKEN)
                )
            else:
                where = ("  " + _where(info), NAME)
                line = Content.assemble(where, (visible(f"  {path}"), SUMMARY))
            options.append(self._entry(line, path, "session"))
        return options

    def _entry(self, prompt: Content, path: Path, kind: str = "scenario") -> Option:
        self._targets.append((kind, path))
        return Option(prompt, id=str(len(self._targets) - 1))

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.focus()
        first = next((k for k, o in enumerate(choices.options) if not o.disabled), None)
        if first is not None:
            choices.highlighted = first

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None or self.opening is not None:
            return
        kind, path = self._targets[int(event.option.id)]
        if kind == "session":
            self.open_session(path)
        elif kind == "forget":
            self.forget(path)
        else:
            self.open(path)

    @on(Input.Submitted)
    def typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text or self.opening is not None:
            return
        try:
            path = resolve(text)
        except ScenarioError as error:
            self._error(str(error))
            return
        self.open(path, replaces(path) if path.stem == text else None)

    def open(self, path: Path, note: str | None = None) -> None:
        from ..scenario.load import load_scenario  # NumPy: once a scenario is chosen

        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            self._error(str(error))
            return
        add_recent(path, scenario.name, scenario.summary)
        if note is not None:  # a user scenario opened by a shipped one's name
            self.notify(visible(note), severity="warning", timeout=10, markup=False)
        self.dismiss(scenario)

    def open_session(self, path: Path) -> None:
        """Load the session in a thread; ``on_worker_state_changed`` takes it from there."""
        self.opening = path
        self.query_one(OptionList).disabled = True
        self.query_one("#picker-error", Static).update(
            literal(f"loading {path.name}… (replaying its history)", SUMMARY)
        )
        self.run_worker(
            partial(load_session, path),
            name="load-session",
            group="session",
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "load-session" or self.opening is None:
            return
        if event.state == WorkerState.SUCCESS:
            self.opening = None
            self.dismiss(event.worker.result)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.opening = None
            self.query_one(OptionList).disabled = False
            self.query_one(OptionList).focus()
            error = event.worker.error
            self._error(str(error) if error is not None else "loading was cancelled")

    def forget(self, path: Path) -> None:
        """The user declined the autosave: delete it, and the two lines offering it."""
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            self._error(f"cannot delete {path}: {error.strerror or error}")
            return
        choices = self.query_one(OptionList)
        choices.clear_options()
        choices.add_options(self._options())
        first = next((k for k, o in enumerate(choices.options) if not o.disabled), None)
        choices.highlighted = first
        self.notify("forgot the autosave", timeout=3)

    def _error(self, message: str) -> None:
        self.query_one("#picker-error", Static).update(literal(message))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _where(info: SessionInfo) -> str:
    step = "" if info.step is None else f", step {info.step}"
    return visible(f"{info.name}{step}")


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
