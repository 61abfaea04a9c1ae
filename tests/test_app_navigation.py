"""Getting about by keyboard: PageUp/PageDown/Home/End scroll what is below the fold, D gives
the keys to the description, > and < open the chapter's next and previous scenario (autosaving
the progress, as opening one from the picker does), and d and i are on the key bar when there
is room."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdtui.app import GdtuiApp
from gdtui.session import autosave_path, autosaves, load_session
from gdtui.widgets.description_panel import DescriptionPanel
from gdtui.widgets.key_bar import KeyBar
from gdtui.widgets.weight_table import WeightTable
from tests.helpers import app_on, notifications

SMALL = (80, 24)


def inside(app: GdtuiApp, selector: str) -> bool:
    """Whether the widget is wholly on screen, within the main column's window."""
    column = app.main.query_one("#main").region
    region = app.main.query_one(selector).region
    return region.height > 0 and column.contains_region(region)


def told(app: GdtuiApp) -> list[str]:
    return [str(n.message) for n in notifications(app)]


async def test_pagedown_and_end_reach_the_curve_and_the_sparklines_at_80x24() -> None:
    app = app_on()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        column = app.main.query_one("#main")
        assert column.max_scroll_y > 0  # something is below the fold
        assert not inside(app, "#sparks") and not inside(app, "#bowls")
        await pilot.press("pagedown")
        await pilot.pause()
        assert column.scroll_y == column.max_scroll_y
        assert inside(app, "#sparks") and inside(app, "#bowls")  # the dots and the sparklines
        await pilot.press("home")
        await pilot.pause()
        assert column.scroll_y == 0 and inside(app, "#diagram")
        await pilot.press("end")
        await pilot.pause()
        assert column.scroll_y == column.max_scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert column.scroll_y == 0
        assert app.main.query_one(
            WeightTable
        ).has_focus  # scrolling leaves the keys where they were


async def test_end_stays_at_the_end_as_steps_are_taken() -> None:
    app = app_on("season")  # three outputs: a sparkline each, and the total
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        column = app.main.query_one("#main")
        await pilot.press("end")
        await pilot.pause()
        assert column.max_scroll_y > 0 and column.scroll_y == column.max_scroll_y
        await pilot.press("space", "space")
        await pilot.pause()
        await pilot.pause()
        assert column.scroll_y == column.max_scroll_y and inside(app, "#sparks")
        await pilot.press("home")
        await pilot.pause()
        assert column.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert column.scroll_y == 0  # let go of the end


async def test_at_80x24_the_arrows_move_the_weight_cursor_not_the_column() -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        column = app.main.query_one("#main")
        assert column.max_scroll_y > 0
        await pilot.press("down", "down", "right")
        await pilot.pause()
        assert app.controller.cursor == (2, 1) and column.scroll_y == 0
        await pilot.press("end", "up")
        await pilot.pause()
        assert app.controller.cursor == (1, 1) and column.scroll_y == column.max_scroll_y


async def test_the_single_curve_is_reached_too() -> None:
    app = app_on("multi-output")  # one input: one curve, not the bowls
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.main.query_one("#curve").display
        await pilot.press("end")
        await pilot.pause()
        assert inside(app, "#curve") and inside(app, "#sparks")


async def test_capital_d_gives_the_keys_to_the_description_and_back() -> None:
    app = app_on()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        panel = app.main.query_one(DescriptionPanel)
        assert not panel.display  # hidden at 80 columns until asked for
        await pilot.press("D")
        await pilot.pause()
        assert panel.display and panel.has_focus
        assert panel.max_scroll_y > 0  # longer than the screen
        cursor = app.controller.cursor
        await pilot.press("down", "j", "j")
        await pilot.pause()
        assert panel.scroll_y == 3
        assert app.controller.cursor == cursor  # the arrows scrolled; the weight stayed
        await pilot.press("pagedown")
        await pilot.pause()
        assert panel.scroll_y > 3
        await pilot.press("home")
        await pilot.pause()
        assert panel.scroll_y == 0
        await pilot.press("D")
        await pilot.pause()
        assert app.main.query_one(WeightTable).has_focus and panel.display
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.main.query_one(WeightTable).has_focus


async def test_d_from_the_data_view_gives_the_keys_back_to_it() -> None:
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert app.main.query_one(DescriptionPanel).has_focus
        await pilot.press("D")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "data-examples"


async def test_greater_and_less_than_walk_the_chapter() -> None:
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.controller.scenario.name == "Alpha too large"  # diverge, second in the chapter
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.controller.scenario.path.stem == "freeze"
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert app.controller.scenario.path.stem == "multi-input"
        await pilot.press("less_than_sign")  # the first: nothing before it
        await pilot.pause()
        assert app.controller.scenario.path.stem == "multi-input"
        assert any("chapter's first scenario" in t for t in told(app))
        assert not autosaves()  # no progress anywhere: nothing to save


async def test_the_last_scenario_has_no_next() -> None:
    app = app_on("season")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.controller.scenario.path.stem == "season"
        assert any("chapter's last scenario" in t for t in told(app))


async def test_a_scenario_of_ones_own_goes_to_the_chapters_start(gdtui_home: Path) -> None:
    folder = gdtui_home / "scenarios"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "name: Mine\ndata: {inputs: {a: [1]}, targets: {b: [2]}}\nweights: [0.5]\nalpha: 0.1\n"
    )
    app = app_on("mine")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.controller.scenario.path.stem == "multi-input"


async def test_next_autosaves_the_progress_and_the_picker_offers_it_back() -> None:
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "space", "greater_than_sign")
        await pilot.pause()
        assert app.controller.scenario.path.stem == "diverge"
        assert app.controller.trainer.steps == 0
        assert autosave_path().is_file()
        saved = load_session(autosave_path())
        assert saved.scenario.name == "Multiple inputs" and saved.trainer.steps == 2
        assert any(
            f"saved your progress on Multiple inputs to {autosave_path()}" in t for t in told(app)
        )
        await pilot.press("space", "less_than_sign")  # progress on diverge: another slot
        await pilot.pause()
        assert len(autosaves()) == 2
        assert app.controller.scenario.path.stem == "multi-input"
    # Leaving with no progress since saves nothing more.
    assert len(autosaves()) == 2


async def test_opening_from_the_picker_autosaves_too() -> None:
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "o")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.controller.scenario.path.stem == "diverge"
        assert load_session(autosave_path()).trainer.steps == 1


async def test_progress_that_cannot_be_autosaved_stays_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gdtui.session

    def refused():  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(gdtui.session, "autosave_slot", refused)
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "greater_than_sign")
        await pilot.pause()
        assert app.controller.scenario.path.stem == "multi-input"
        assert app.controller.trainer.steps == 1
        assert any("could not autosave your progress, so it stays open" in t for t in told(app))
        monkeypatch.undo()  # and quitting autosaves it as usual


@pytest.mark.parametrize(("width", "shown"), [(80, False), (120, False), (140, True)])
async def test_d_and_i_are_on_the_key_bar_when_there_is_room(width: int, shown: bool) -> None:
    app = app_on()
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        drawn = [item.description for _, _, item in app.query_one(KeyBar)._spans]
        assert ("Description" in drawn and "Data" in drawn) is shown
        assert "Help" in drawn and "Quit" in drawn
        if width >= 120:
            assert "Open" in drawn  # never pushed out by them


async def test_the_new_keys_are_in_the_command_palette() -> None:
    app = app_on()
    async with app.run_test(size=(120, 40)):
        titles = [str(c.title) for c in app.get_system_commands(app.screen)]
        for title in ("Page down (PgDn)", "Bottom (End)", "Read description (D)"):
            assert title in titles
        assert "Next scenario (>)" in titles and "Previous scenario (<)" in titles
        assert "Data (i)" in titles  # a view's key (an action with a parameter) too
