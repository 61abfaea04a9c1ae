"""Hardened: keys faster than the app lays out, and names full of markup and control characters.

Each test once ended gdtui with a traceback: page up in the command palette before its list was
laid out (a KeyError in Textual's OptionList), enter twice in a dialog (ScreenStackError), a
name like ``[/]`` (Rich's MarkupError). Keys are posted in one batch, as a fast typist or a
paste sends them, so that they arrive before the screen they open has been laid out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.screen import ModalScreen

from gdtui.app import create_app
from gdtui.scenario import load_scenario
from gdtui.screens.export_menu import ITEMS
from gdtui.screens.main import MainScreen
from gdtui.screens.picker import PickerScreen
from gdtui.widgets.literal import literal, visible
from tests.helpers import app_on, notifications, screen_text
from tests.test_random_keys import send_batch

SIZE = (120, 40)
MARKUP = Path(__file__).parent / "fixtures" / "app" / "markup-names.yaml"


@pytest.mark.parametrize(
    "keys",
    [
        ("ctrl+p", "pageup"),
        ("ctrl+p", "pagedown"),
        ("ctrl+p", "down", "pageup"),
        ("ctrl+p", "s", "down", "pagedown", "pageup"),
        ("o", "pagedown", "pageup"),
        ("x", "pageup", "pagedown"),
    ],
)
async def test_page_keys_before_the_list_is_laid_out(keys: tuple[str, ...]) -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await send_batch(app, pilot, list(keys))
        await pilot.pause()
        assert isinstance(app.screen, ModalScreen), app.screen  # still open, still running
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main


@pytest.mark.parametrize("keys", [("pageup",), ("down", "pagedown"), ("enter", "enter")])
async def test_the_theme_list_is_guarded_too(keys: tuple[str, ...]) -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        app.search_themes()  # the palette's "Theme" command
        await send_batch(app, pilot, list(keys))
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main


async def test_enter_twice_in_the_save_dialog_saves_once(gdtui_home: Path) -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space")
        await send_batch(app, pilot, ["ctrl+s", "enter", "enter"])
        await pilot.pause()
        assert app.screen is app.main and app.is_running
        saved = [n.message for n in notifications(app) if n.message.startswith("saved to")]
        assert saved == [f"saved to {gdtui_home / 'sessions' / 'multi-input-1.json'}"]


async def test_enter_twice_in_the_export_dialog_writes_its_files_once(gdtui_home: Path) -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await send_batch(app, pilot, ["x", "end", "enter", "enter"])  # end: "everything"
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.main and app.is_running
        folder = gdtui_home / "exports" / "multi-input-1"
        assert sorted(p.name for p in folder.iterdir()) == sorted(name for name, _ in ITEMS)
        wrote = [n.message for n in notifications(app) if n.message.startswith("wrote")]
        assert len(wrote) == 1
        assert not (gdtui_home / "exports" / "multi-input-2").exists()


@pytest.mark.parametrize("keys", [("enter", "enter"), ("escape", "escape"), ("escape", "enter")])
async def test_the_palette_closes_once(keys: tuple[str, ...]) -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await send_batch(app, pilot, ["ctrl+p", "s", "t", "e", "p", "down", *keys])
        await pilot.pause()
        assert app.screen is app.main and app.is_running


async def test_the_palette_opens_over_the_main_screen_only() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(app)


def test_visible_shows_control_characters_and_keeps_the_rest() -> None:
    assert visible("a\x1bb\x07\t\n\r\x7f\x85\u2028") == "a␛b␇␉␊␍␡\\u0085\\u2028"
    assert visible("[/] [bold]é ✓ 日本 👩\u200d👧") == "[/] [bold]é ✓ 日本 👩\u200d👧"
    assert visible("abc\u202edef\u2066") == "abc\\u202edef\\u2066"
    assert literal("[/]\x1b").plain == "[/]␛"
    assert visible("# a\n\tb\x1b", lines=True) == "# a\n\tb␛"  # a description keeps its lines


async def test_names_with_markup_and_control_characters_show_literally() -> None:
    scenario = load_scenario(MARKUP)
    app = create_app(scenario)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("space", "space", "down", "f", "e")
        await pilot.pause()
        text = screen_text(app)
        assert "Step " in text
        for name in (scenario.name, *scenario.problem.input_names):
            assert visible(name) in text
        assert "␛[2Jcls␍" in text  # an output, its escape and return made visible
        assert "error of [link=x]win against weight [/] → [link=x]win (frozen)" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "␛[2J and a bell ␇" in text  # the description's, made visible too
        await pilot.press("i")  # the data view's tables
        await pilot.pause()
        await pilot.pause()
        assert "[bold red]" in screen_text(app)
        await pilot.press("right", "enter")  # edit row 0's first input: its name in the title
        await pilot.pause()
        assert "edit [/] of row 0 (input)" in screen_text(app)
        await pilot.press("escape", "x")
        await pilot.pause()
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running


async def test_the_picker_lists_a_user_scenario_named_in_markup(gdtui_home: Path) -> None:
    (gdtui_home / "scenarios").mkdir(exist_ok=True)
    (gdtui_home / "scenarios" / "markup.yaml").write_text(MARKUP.read_text(encoding="utf-8"))
    app = app_on()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert "markup  A scenario named [/] with [b]markup[/b]" in screen_text(app)
        await pilot.press("end", "enter")  # the last line: the user's scenario
        await pilot.pause()
        assert app.screen is app.main
        assert app.controller.scenario.name == load_scenario(MARKUP).name
        assert "[/] [bold]loud[/bold] ␛[31m␇ name␉tab │ Step 0" in screen_text(app)
