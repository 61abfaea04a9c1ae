"""Pilot tests of what users expect beyond single keys: divergence, sizes, the mouse, the picker."""

from __future__ import annotations

import json

from gdtui.app import create_app
from gdtui.scenario import resolve
from gdtui.widgets.weight_table import WeightTable
from tests.helpers import app_on, wait_for


async def test_divergence_stops_autoplay_with_a_banner_and_undo_works(screen_text):
    app = app_on("diverge", speed=1000)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        assert app.controller is not None
        await wait_for(lambda: app.controller.trainer.state.diverged)
        await pilot.pause()
        assert not app.controller.playing
        assert app.controller.trainer.steps == 194
        text = screen_text(app)
        assert "Diverged at step 194" in text
        assert "diverged" in text.splitlines()[0]
        assert "overflow" in text  # the error, not inf or nan
        assert "inf" not in text and "nan" not in text
        for action in ("step", "epoch", "play"):
            assert app.main.check_action(action, ()) is None, action
        await pilot.press("space")  # greyed out: nothing happens, nothing breaks
        assert app.controller.trainer.steps == 194
        await pilot.press("u")
        assert not app.controller.trainer.state.diverged and app.controller.trainer.steps == 193
        assert "Diverged" not in screen_text(app)


async def test_halving_alpha_after_divergence_takes_the_diverged_step_back(screen_text):
    app = app_on("diverge")
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.controller is not None
        while app.controller.step():
            pass  # until it diverges
        app.main.refresh_views()
        await pilot.press("left_square_bracket")
        assert not app.controller.trainer.state.diverged
        assert app.controller.trainer.state.alpha == 0.05
        assert app.controller.trainer.steps == 193


async def test_terminal_sizes_and_resizing(screen_text):
    app = app_on("multi-in-out")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        text = screen_text(app)
        assert "Step 1" in text
        assert "0.0613" in text  # the first weight after one step
        for width, height in ((120, 40), (60, 15), (200, 60), (80, 24), (30, 8), (100, 30)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.press("space")
            assert "Step" in screen_text(app)
        assert app.controller.trainer.steps == 7


async def test_small_terminal_shows_the_header_and_the_weights(screen_text):
    app = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "space")
        text = screen_text(app)
        assert "Step 3" in text
        for weight in ("0.1158", "0.2012", "-0.0978"):
            assert weight in text
        assert "hockey" not in text  # the description gives way on a narrow screen
        await pilot.press("d")
        await pilot.pause()
        assert "hockey" in screen_text(app)


async def test_clicking_a_cell_selects_it_and_its_marker_freezes(screen_text):
    app = app_on("multi-in-out")
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(WeightTable)
        dx = table.content_region.x - table.region.x
        dy = table.content_region.y - table.region.y
        label = 5  # "hurt" and a space
        # The middle of weight (2, 1): third output's rows, second input's column.
        await pilot.click(table, offset=(dx + label + 13 + 8, dy + 1 + 2 * 2 + 1))
        await pilot.pause()
        assert table.cursor == (2, 1)
        assert not app.controller.trainer.state.frozen.any()
        assert "weight wlrec → sad" in screen_text(app)
        # The marker of weight (1, 2).
        await pilot.click(table, offset=(dx + label + 2 * 13 + 1, dy + 1 + 2 * 1))
        await pilot.pause()
        assert table.cursor == (1, 2)
        assert app.controller.trainer.state.frozen.tolist() == [
            [False] * 3,
            [False, False, True],
            [False] * 3,
        ]


async def test_no_scenario_opens_the_picker_and_escape_quits(screen_text):
    app = create_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "PickerScreen"
        assert "Gradient descent with multiple inputs" in screen_text(app)  # a summary
        assert app.main.check_action("step", ()) is None
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running


async def test_picker_lists_user_scenarios_and_recent_files(gdtui_home, tmp_path, screen_text):
    mine = gdtui_home / "scenarios"
    mine.mkdir()
    source = resolve("multi-output").read_text(encoding="utf-8")
    (mine / "my-own.yaml").write_text(source.replace("Multiple outputs", "Mine"), "utf-8")
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text(source.replace("Multiple outputs", "Elsewhere"), "utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n", "utf-8")

    app = create_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "my-own" in screen_text(app)
        screen = app.screen
        screen.open(broken)  # type: ignore[attr-defined]
        await pilot.pause()
        assert "broken.yaml:" in screen_text(app)  # its one-line error, and the picker stays
        assert app.screen is screen
        screen.open(elsewhere)  # type: ignore[attr-defined]
        await pilot.pause()
        assert app.controller.scenario is not None and app.controller.scenario.name == "Elsewhere"

    recent = json.loads((gdtui_home / "state" / "recent.json").read_text("utf-8"))
    assert recent[0]["path"] == str(elsewhere.resolve())

    app = create_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Recent files" in text and "Elsewhere" in text
