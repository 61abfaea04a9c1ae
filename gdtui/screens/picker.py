"""The scenario picker: shipped scenarios, the user's own, recently opened files, or a path.

It loads the chosen file itself, so a broken one is reported here, in one line, and the
screen stays open; it returns the loaded Scenario, or None when cancelled.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..recent import add_recent, load_recent
from ..scenario import Scenario, ScenarioError, list_scenarios, load_scenario, resolve

SECTION = Style(color="#ffd75f", bold=True)
NAME = Style(bold=True)
SUMMARY = Style(color="#a8a8a8")
BROKEN = Style(color="#ff5f5f")


class PickerScreen(ModalScreen[Scenario | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-picker")
    ]

    DEFAULT_CSS = """
    PickerScreen {
        align: center middle;
    }
    PickerScreen > Vertical {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    PickerScreen OptionList {
        height: auto;
        max-height: 1fr;
        border: none;
        padding: 0;
    }
    PickerScreen #picker-error {
        color: $error;
        height: auto;
    }
    """

    def __init__(self, first: bool = False) -> None:
        super().__init__()
        self.first = first
        self._paths: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "open a scenario"
            leave = "quit" if self.first else "cancel"
            box.border_subtitle = f"enter: open · tab: type a path · escape: {leave}"
            yield OptionList(*self._options(), id="choices")
            yield Input(
                placeholder="or type a scenario name or a path to a .yaml file", id="picker-path"
            )
            yield Static("", id="picker-error")

    def _options(self) -> list[Option]:
        options: list[Option] = []
        infos = list_scenarios()
        listed: set[Path] = set()
        for origin, title in (("shipped", "Shipped"), ("user", "Yours")):
            group = [info for info in infos if info.origin == origin]
            if not group:
                continue
            options.append(Option(Text(title, SECTION), disabled=True))
            width = max(len(info.name) for info in group) + 2
            for info in group:
                line = Text("  " + info.name.ljust(width), NAME)
                if info.error is None:
                    line.append(info.summary, SUMMARY)
                else:
                    line.append(info.error, BROKEN)
                options.append(self._entry(line, info.path))
                listed.add(_key(info.path))
        recent = [r for r in load_recent() if _key(r.path) not in listed]
        if recent:
            options.append(Option(Text("Recent files", SECTION), disabled=True))
            for entry in recent:
                line = Text("  " + (entry.name or entry.path.name), NAME)
                line.append(f"  {entry.path}", SUMMARY)
                options.append(self._entry(line, entry.path))
        return options

    def _entry(self, prompt: Text, path: Path) -> Option:
        self._paths.append(path)
        return Option(prompt, id=str(len(self._paths) - 1))

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.focus()
        first = next((k for k, o in enumerate(choices.options) if not o.disabled), None)
        if first is not None:
            choices.highlighted = first

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.open(self._paths[int(event.option.id)])

    @on(Input.Submitted)
    def typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        try:
            path = resolve(text)
        except ScenarioError as error:
            self._error(str(error))
            return
        self.open(path)

    def open(self, path: Path) -> None:
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            self._error(str(error))
            return
        add_recent(path, scenario.name, scenario.summary)
        self.dismiss(scenario)

    def _error(self, message: str) -> None:
        self.query_one("#picker-error", Static).update(Text(message))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
