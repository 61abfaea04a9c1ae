"""Typing into the data view's editor as fast as a terminal sends keys: a paste, or keys with no
pause between them, all go into the one editor the first key opened."""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key

from gdtui.app import GdtuiApp
from gdtui.screens.cell_edit import CellEditScreen
from gdtui.widgets.data_table import EditableTable
from tests.helpers import app_on, send_event

SIZE = (120, 40)


def send_keys(app: GdtuiApp, text: str) -> None:
    """Every character of ``text`` at once, as a terminal hands a burst of keys to the app."""
    for character in text:
        key = "enter" if character == "\n" else _character_to_key(character)
        send_event(app, events.Key(key, None if key == "enter" else character))


def editors(app: GdtuiApp) -> list[CellEditScreen]:
    return [screen for screen in app.screen_stack if isinstance(screen, CellEditScreen)]


def field(app: GdtuiApp) -> str:
    return str(app.screen.query_one("#edit-value").value)  # type: ignore[attr-defined]


async def on_the_first_input(pilot) -> EditableTable:  # type: ignore[no-untyped-def]
    """The data view shown, its cursor on the toes of row 0."""
    await pilot.press("i")
    await pilot.pause()
    await pilot.press("l")
    table = pilot.app.main.query_one("#data-examples", EditableTable)
    assert table.has_focus
    return table


async def test_keys_without_pauses_go_into_one_editor() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await on_the_first_input(pilot)
        send_keys(app, "-1.25")
        await pilot.pause()
        await pilot.pause()
        assert len(editors(app)) == 1
        assert field(app) == "-1.25"
        await pilot.press("enter")
        await pilot.pause()
        assert not editors(app)
        assert app.controller.trainer.state.inputs[0, 0] == -1.25


async def test_enter_in_the_burst_sets_the_value() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await on_the_first_input(pilot)
        send_keys(app, "7.5\n")
        await pilot.pause()
        await pilot.pause()
        assert not editors(app)
        assert app.controller.trainer.state.inputs[0, 0] == 7.5


async def test_a_burst_after_enter_replaces_the_value_shown() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await on_the_first_input(pilot)
        send_keys(app, "\n0.5")
        await pilot.pause()
        await pilot.pause()
        assert len(editors(app)) == 1
        assert field(app) == "0.5"  # not 8.50.5: the value 8.5 was selected


async def test_a_paste_opens_the_editor_with_what_was_pasted() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await on_the_first_input(pilot)
        send_event(app, events.Paste("-1.25\n"))
        send_keys(app, "e-3")  # and typing straight after it
        await pilot.pause()
        await pilot.pause()
        assert len(editors(app)) == 1
        assert field(app) == "-1.25e-3"
        await pilot.press("enter")
        await pilot.pause()
        assert app.controller.trainer.state.inputs[0, 0] == -1.25e-3


async def test_a_paste_of_nothing_opens_nothing() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await on_the_first_input(pilot)
        send_event(app, events.Paste("  \n"))
        await pilot.pause()
        assert not editors(app)


async def test_after_escape_the_next_key_starts_a_new_edit() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await on_the_first_input(pilot)
        send_keys(app, "3")
        await pilot.pause()
        assert field(app) == "3"
        await pilot.press("escape")
        await pilot.pause()
        assert not editors(app)
        send_keys(app, "42")
        await pilot.pause()
        await pilot.pause()
        assert len(editors(app)) == 1 and field(app) == "42"


async def test_keys_that_reach_the_editor_before_its_field_has_the_focus_are_typed() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await on_the_first_input(pilot)
        send_keys(app, "1")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CellEditScreen)
        editor.set_focus(None)  # as just after the editor opened
        send_keys(app, "2")  # the app hands it to the screen: nothing has the focus
        send_event(app, events.Paste("5"))
        await pilot.pause()
        assert field(app) == "125"
        send_keys(app, "\n")
        await pilot.pause()
        assert app.controller.trainer.state.inputs[0, 0] == 125
