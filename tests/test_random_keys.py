"""Hardened: a few hundred random keys and resizes on every scenario, then undo to the start;
and key storms into every dialog, the command palette included.

Keys are posted in batches and the app is waited for once a batch (Pilot.press waits after
every key: ~80 ms a key here, ~10 ms batched). The modal keys (a, x, ctrl+s, ?, o) are pressed
one at a time and closed with escape. Autoplay (p) runs within a batch and is paused at its
end: waiting for a playing app to be idle is slow, and the steps it takes depend on the clock.
"""

from __future__ import annotations

import random
import unicodedata
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from textual import events
from textual.app import SystemCommand
from textual.coordinate import Coordinate
from textual.keys import _get_unicode_name_from_key
from textual.screen import ModalScreen, Screen

from gdtui.app import GdtuiApp, create_app
from gdtui.scenario import load_scenario, resolve
from gdtui.screens.alpha_input import AlphaScreen
from gdtui.screens.cell_edit import CellEditScreen
from gdtui.screens.command_palette import GdtuiCommandPalette
from gdtui.screens.export_menu import ExportScreen
from gdtui.screens.help import HelpScreen
from gdtui.screens.picker import PickerScreen
from gdtui.screens.save import SaveScreen
from gdtui.widgets.data_view import DataView
from tests.helpers import send_event

SCENARIOS = ("multi-input", "freeze", "multi-output", "multi-in-out", "diverge", "season", "mnist")
KEYS = (
    *("space", "n", "e", "p", "plus", "minus", "u", "y", "r"),
    *("up", "down", "left", "right", "h", "j", "k", "l"),
    *("f", "F", "left_square_bracket", "right_square_bracket", "d", "i"),
)
MODAL_KEYS = ("a", "x", "ctrl+s", "question_mark", "o")
PER_BATCH = 12
BATCHES = {"mnist": 16}  # 192 keys on MNIST (its keys and resizes cost ~4x), else 240


def key_event(key: str) -> events.Key:
    """The event Pilot.press would send for ``key``."""
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def send_batch(app: GdtuiApp, pilot, keys: list[str]) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        send_event(app, event)
    await pilot.pause()
    await pilot._wait_for_screen()


async def close_modals(app: GdtuiApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """A key may have opened one (the data view's "-" starts an edit): escape closes it."""
    for _ in range(3):
        if not isinstance(app.screen, ModalScreen):
            return
        await pilot.press("escape")
        await pilot.pause()
    assert not isinstance(app.screen, ModalScreen), app.screen_stack


def assert_consistent(app: GdtuiApp, screen_text) -> None:  # type: ignore[no-untyped-def]
    """The app runs its main screen, and undo takes its engine back to the scenario's start
    (the one open now: the picker may have opened another)."""
    assert app.is_running and app.screen is app.main
    controller = app.controller
    assert controller is not None
    trainer, problem = controller.trainer, controller.scenario.problem
    assert trainer.steps >= 0 and 0 <= trainer.position <= trainer.total
    if not trainer.state.diverged:
        assert np.isfinite(trainer.state.weights).all()
    app.main.refresh_views()
    assert f"Step {trainer.steps}" in screen_text(app)
    while controller.undo():
        pass
    assert trainer.steps == 0 and trainer.position == 0
    assert trainer.state.weights.tobytes() == problem.weights.astype(np.float64).tobytes()
    assert trainer.state.alpha == problem.alpha
    assert np.array_equal(trainer.state.inputs, problem.inputs)
    assert np.array_equal(trainer.state.targets, problem.targets)
    assert np.array_equal(trainer.state.frozen, problem.frozen)
    assert not trainer.state.diverged
    app.main.refresh_views()


@pytest.mark.parametrize("name", SCENARIOS)
async def test_random_keys_leave_a_consistent_engine(name: str, screen_text) -> None:
    scenario = load_scenario(resolve(name))
    rng = random.Random(zlib.crc32(name.encode()))
    app = create_app(scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        for batch in range(BATCHES.get(name, 20)):
            keys = [rng.choice(KEYS) for _ in range(PER_BATCH)]
            await send_batch(app, pilot, keys)
            await close_modals(app, pilot)
            if app.controller.playing:
                await pilot.press("p")
            if batch % 4 == 3:
                await pilot.press(rng.choice(MODAL_KEYS))
                await pilot.pause()
                assert isinstance(app.screen, ModalScreen)
                await close_modals(app, pilot)
            if batch % 2:
                await pilot.resize_terminal(rng.randint(80, 160), rng.randint(24, 50))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.controller.scenario is scenario
        assert_consistent(app, screen_text)
        await pilot.pause()
        assert "Step 0" in screen_text(app)


# Each dialog, the keys that open it (the data editor: enter on a cell of the data view) and its
# screen. A storm's keys are everything a dialog reads, and the keys that open the others;
# not q, which leaves.
DIALOGS = {
    "palette": (["ctrl+p"], GdtuiCommandPalette),
    "help": (["question_mark"], HelpScreen),
    "picker": (["o"], PickerScreen),
    "alpha": (["a"], AlphaScreen),
    "save": (["ctrl+s"], SaveScreen),
    "export": (["x"], ExportScreen),
    "data editor": (["right", "enter"], CellEditScreen),
}
STORM = (
    *("enter", "enter", "enter", "escape", "tab", "shift+tab", "pageup", "pagedown"),
    *("home", "end", "up", "down", "left", "right", "backspace", "delete", "space"),
    *("1", "0", "full_stop", "minus", "e", "s", "t", "left_square_bracket", "slash"),
    *("ctrl+p", "question_mark", "o", "a", "ctrl+s", "x", "i", "u", "y", "r", "f", "n"),
)
STORM_KEYS = 30
ROUNDS = 4
MARKUP = str(Path(__file__).parent / "fixtures" / "app" / "markup-names.yaml")


def commands_but_quit(app: GdtuiApp, screen: Screen) -> Iterator[SystemCommand]:
    """The palette's commands, less Textual's "Quit" (typing "i" and enter can pick it): like
    q, it leaves, which is right, and ends the storm."""
    for command in ORIGINAL_COMMANDS(app, screen):
        if command.callback != app.action_quit:
            yield command


ORIGINAL_COMMANDS = GdtuiApp.get_system_commands


async def open_data_view(app: GdtuiApp, pilot) -> None:  # type: ignore[no-untyped-def]
    if app.main.view != "data":
        await send_batch(app, pilot, ["i"])
        await pilot.pause()  # the view is mounted when first shown
    app.main.show_view("data")  # and its examples focused, whatever the storm focused last
    # The storm may have opened another scenario (MNIST's first editable column is its third):
    # the cursor goes left of the first editable cell, for the dialog's "right".
    table = app.main.query_one(DataView).examples
    first = next(j for j, key in enumerate(table.columns) if key.value in table.editable)
    table.cursor_coordinate = Coordinate(0, first - 1)


@pytest.mark.parametrize("path", ["multi-in-out", pytest.param(MARKUP, id="markup-names")])
async def test_key_storms_into_every_dialog(
    path: str, screen_text, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Half the storms follow their dialog's keys at once, before it is laid out (a paste, a
    held key); the other half once it is up. Seeded: a failure replays."""
    monkeypatch.chdir(tmp_path)  # folders typed in the storm, relative, land here
    monkeypatch.setattr(GdtuiApp, "get_system_commands", commands_but_quit)
    rng = random.Random(zlib.crc32(Path(path).name.encode()))  # the same in every checkout
    app = create_app(load_scenario(resolve(path)))
    seen: set[str] = set()
    async with app.run_test(size=(120, 40)) as pilot:
        for round in range(ROUNDS):
            names = list(DIALOGS)
            rng.shuffle(names)
            for name in names:
                keys, screen = DIALOGS[name]
                storm = [rng.choice(STORM) for _ in range(STORM_KEYS)]
                if name == "data editor":
                    await open_data_view(app, pilot)
                if round % 2:
                    await send_batch(app, pilot, keys)
                    assert isinstance(app.screen, screen), (name, app.screen)
                    seen.add(name)
                    await send_batch(app, pilot, storm)
                else:
                    await send_batch(app, pilot, keys + storm)
                await close_modals(app, pilot)
                if app.controller.playing:
                    await pilot.press("p")
                assert app.is_running and app.screen is app.main, (name, storm)
        assert seen == set(DIALOGS)
        await pilot.pause()
        assert_consistent(app, screen_text)
