"""The ``x`` screen: what to export, and into which folder.

It only asks; the controller writes (``gdtui.export.write_files``), once this screen is gone, so
that the screenshot is of the main screen, not of this menu.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..export import ExportRequest
from ..paths import exports_dir
from ..scenario import Scenario
from ..session import slug
from ..widgets.paged_option_list import PagedOptionList
from .dialog import Dialog

# (file, what it holds): the menu's items, in its order.
ITEMS = (
    ("history.csv", "the step history, a row per step (CSV)"),
    ("history.jsonl", "the step history, a JSON object per step (JSON Lines)"),
    ("weights.csv", "the current weights, a row per output (CSV)"),
    ("weights.npy", "the current weights as a float64 matrix (numpy.load)"),
    ("screen.svg", "a screenshot of the screen (SVG)"),
    ("scenario.yaml", "the scenario with the current weights: gdtui opens it"),
    ("replay.py", "a plain-Python script that replays the run and prints its steps"),
)
EVERYTHING = "everything"
FILE = "bold"
WHAT = "$text-muted"  # a theme variable: every theme reaches it, the highlighted line too


def default_export_folder(scenario: Scenario) -> Path:
    """``exports_dir()/STEM-N``: the first N from 1 that is not taken."""
    stem = scenario.path.stem if scenario.path is not None else slug(scenario.name)
    n = 1
    while (exports_dir() / f"{stem}-{n}").exists():
        n += 1
    return exports_dir() / f"{stem}-{n}"


class ExportScreen(Dialog[ExportRequest | None]):
    """Returns what to write and where, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-export")
    ]

    DEFAULT_CSS = """
    ExportScreen OptionList {
        height: auto;
        border: none;
        padding: 0;
    }
    ExportScreen Label {
        margin-top: 1;
    }
    """

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        width = max(len(name) for name, _ in ITEMS) + 2
        options = [
            Option(Content.assemble((name.ljust(width), FILE), (what, WHAT)), id=name)
            for name, what in ITEMS
        ]
        everything = Content.assemble((EVERYTHING.ljust(width), FILE), ("all six files", WHAT))
        options.append(Option(everything, id=EVERYTHING))
        with Vertical() as box:
            box.border_title = "export"
            box.border_subtitle = "enter: write · tab: the folder · escape: cancel"
            yield PagedOptionList(*options, id="export-items")
            yield Label("into the folder (created if missing):")
            yield Input(value=str(self.folder), id="export-folder")
            yield Static("", id="export-error", classes="error")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self._write(event.option.id)

    @on(Input.Submitted)
    def typed(self) -> None:
        choices = self.query_one(OptionList)
        highlighted = choices.highlighted_option
        self._write(highlighted.id if highlighted is not None else None)

    def _write(self, name: str | None) -> None:
        text = self.query_one("#export-folder", Input).value.strip()
        if not text:
            self.query_one("#export-error", Static).update("type a folder to write into")
            return
        everything = name in (None, EVERYTHING)
        names = tuple(item for item, _ in ITEMS) if everything else (str(name),)
        self.dismiss(ExportRequest(names, Path(text).expanduser()))

    @on(Input.Changed)
    def clear_error(self) -> None:
        self.query_one("#export-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
