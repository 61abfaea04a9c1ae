"""Pilot tests: every key of the app, checked on the engine's state and on the screen's text."""

from __future__ import annotations

import numpy as np
import pytest

from gdtui.app import GdtuiApp, create_app
from gdtui.controller import SPEEDS
from gdtui.scenario import load_scenario, resolve
from gdtui.widgets.weight_table import WeightTable
from tests.helpers import app_on


def first_weight(app: GdtuiApp) -> float:
    assert app.controller is not None
    return float(app.controller.trainer.state.weights[0, 0])


async def test_three_steps_show_step_3_and_the_books_weights(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "space", "space")
        assert app.controller.trainer.steps == 3
        text = screen_text(app)
        assert "Step 3" in text
        for weight in ("0.1158", "0.2012", "-0.0978"):
            assert weight in text
        np.testing.assert_allclose(
            app.controller.trainer.state.weights[0], [0.11577811, 0.20120656, -0.0977725], atol=1e-8
        )


async def test_n_steps_too(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert app.controller.trainer.steps == 1
        assert "Step 1" in screen_text(app)
        assert "0.1119" in screen_text(app)


async def test_reset_then_freeze_keeps_the_first_weight(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "space", "r")
        assert app.controller.trainer.steps == 0
        assert first_weight(app) == pytest.approx(0.1)
        await pilot.press("f", "space", "space", "space")
        assert app.controller.trainer.steps == 3
        assert bool(app.controller.trainer.state.frozen[0, 0])
        assert first_weight(app) == 0.1
        text = screen_text(app)
        assert "Step 3" in text
        assert "❄    0.1000" in text  # the marker and the weight, in the table
        assert "(frozen)" in text  # the curve's title


async def test_unfreeze_all(screen_text):
    app = app_on("freeze")
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.controller.trainer.state.frozen.any()
        assert "❄" in screen_text(app)
        await pilot.press("F")
        assert not app.controller.trainer.state.frozen.any()
        assert app.main.check_action("unfreeze_all", ()) is None  # nothing left to unfreeze
        assert "❄" not in screen_text(app)


async def test_epoch_on_a_season(screen_text):
    app = app_on("season")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "e")
        assert app.controller is not None
        assert app.controller.trainer.steps == 4 and app.controller.frame().epochs_done == 1
        text = screen_text(app)
        assert "Step 4" in text and "Epoch 1" in text
        assert "epoch 1: mean error" in text


async def test_play_then_pause_at_once(screen_text):
    app = create_app(load_scenario(resolve("season")), speed=100)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        assert app.controller.playing
        assert "playing" in screen_text(app)
        await pilot.pause(0.4)
        await pilot.press("p")
        assert not app.controller.playing
        assert app.controller is not None
        steps = app.controller.trainer.steps
        assert steps > 0
        await pilot.pause(0.3)
        assert app.controller.trainer.steps == steps
        assert "paused" in screen_text(app)
        assert f"Step {steps}" in screen_text(app)


async def test_plus_and_minus_change_the_speed(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        start = app.controller.speed
        await pilot.press("plus")
        assert app.controller.speed == SPEEDS[SPEEDS.index(start) + 1]
        assert f"{app.controller.speed} steps/s" in screen_text(app)
        await pilot.press("minus", "minus")
        assert app.controller.speed == SPEEDS[SPEEDS.index(start) - 1]


async def test_undo_and_redo(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.main.check_action("undo", ()) is None  # greyed: no history yet
        assert app.main.check_action("redo", ()) is None
        await pilot.press("space", "space", "u")
        assert app.controller.trainer.steps == 1
        assert "Step 1" in screen_text(app)
        assert "0.1119" in screen_text(app)
        await pilot.press("y")
        assert app.controller.trainer.steps == 2
        assert app.main.check_action("redo", ()) is None


async def test_arrows_and_hjkl_move_the_cursor(screen_text):
    app = app_on("multi-in-out")
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(WeightTable)
        assert table.cursor == (0, 0)
        await pilot.press("down", "right")
        assert table.cursor == (1, 1)
        assert "weight wlrec → win" in screen_text(app)
        await pilot.press("j", "l", "l")  # the edge stops the cursor
        assert table.cursor == (2, 2)
        await pilot.press("k", "h", "up", "left", "up")
        assert table.cursor == (0, 0)
        assert "weight toes → hurt" in screen_text(app)


async def test_freeze_under_the_cursor(screen_text):
    app = app_on("multi-in-out")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right", "f")
        assert app.controller is not None
        assert app.controller.trainer.state.frozen.tolist()[0] == [False, True, False]
        assert "(frozen)" in screen_text(app)
        await pilot.press("f")
        assert not app.controller.trainer.state.frozen.any()


async def test_halve_and_double_alpha(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("left_square_bracket")
        assert app.controller.trainer.state.alpha == 0.005
        assert "alpha 0.005" in screen_text(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.controller.trainer.state.alpha == 0.02


async def test_type_alpha_validates(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "AlphaScreen"
        await pilot.press("ctrl+a", "ctrl+k", "minus", "1", "enter")
        assert type(app.screen).__name__ == "AlphaScreen"  # refused, stays open
        assert "greater than 0" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", "0", "full_stop", "5", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ != "AlphaScreen"
        assert app.controller.trainer.state.alpha == 0.5
        assert "alpha 0.5" in screen_text(app)


async def test_open_another_scenario(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "o")
        await pilot.pause()
        assert type(app.screen).__name__ == "PickerScreen"
        lines = screen_text(app).splitlines()
        order = ("multi-input", "diverge", "freeze", "multi-output", "multi-in-out", "season")
        found = [next(k for k, line in enumerate(lines) if f" {name} " in line) for name in order]
        assert found == sorted(found)  # the chapter's order, not the alphabet's
        await pilot.press("escape")  # cancel: nothing changes
        await pilot.pause()
        assert app.controller.trainer.steps == 1
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "enter")  # in the chapter's order: multi-input, then diverge
        await pilot.pause()
        assert (
            app.controller.scenario is not None
            and app.controller.scenario.name == "Alpha too large"
        )
        assert app.controller.trainer.steps == 0
        assert "Alpha too large" in screen_text(app)


async def test_help_lists_every_key(screen_text):
    """Every action of the key table is a line of the help screen: its keys, as the key bar
    shows them, then what it does."""
    from textual.binding import Binding

    from gdtui.keys import KEYS

    app = app_on()
    async with app.run_test(size=(120, 100)) as pilot:  # tall enough for every row
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        lines = screen_text(app).splitlines()
        expected: dict[str, tuple[list[str], str]] = {}
        for keys, action, what, _shown, shown_as, _id, _detail in KEYS:
            shown = app.get_key_display(Binding(keys, action, key_display=shown_as))
            expected.setdefault(action, ([], what))[0].append(shown)
        for action, (shown, what) in expected.items():
            row = " / ".join(shown)
            assert any(f" {row} " in line and f" {what} " in line for line in lines), (action, row)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ != "HelpScreen"


async def test_q_quits():
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_every_action_is_in_the_command_palette():
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in (
            "Step",
            "Epoch",
            "Play/Pause",
            "Faster",
            "Slower",
            "Undo",
            "Reset",
            "Cursor up",
            "Freeze",
            "alpha/2",
            "alpha×2",
            "Alpha…",
            "Open",
            "Help",
        ):
            assert any(t.startswith(title + " (") for t in titles), title
        assert "Quit" in titles


async def test_description_panel_can_be_hidden(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        assert "hockey" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert "hockey" not in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert "hockey" in screen_text(app)


async def test_a_command_from_the_palette_runs_its_action():
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"epoch", "enter")
        await pilot.pause()
        assert app.controller.trainer.steps == 1


async def test_escape_cancels_typing_alpha():
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("9", "escape")
        await pilot.pause()
        assert type(app.screen).__name__ != "AlphaScreen"
        assert app.controller.trainer.state.alpha == 0.01
        assert not app.controller.trainer.can_undo  # nothing entered the history


async def test_s_shows_predict_compare_learn_with_the_books_arithmetic(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert "pred = 8.5×0.1 + 0.65×0.2 + 1.2×(−0.1) = 0.85 + 0.13 + −0.12 = 0.86" in (
            screen_text(app)
        )
        await pilot.press("s")
        await pilot.pause()
        assert "error = (0.86 − 1)² = 0.0196   delta = 0.86 − 1 = −0.14: predict higher" in (
            screen_text(app)
        )
        assert app.controller.trainer.steps == 0
        await pilot.press("s")
        await pilot.pause()
        text = screen_text(app)
        assert "toes   weight_delta = −0.14 × 8.5 = −1.19   0.1 − 0.01 × (−1.19) = 0.1119" in text
        assert "Step 1" in text and app.controller.trainer.steps == 1
        await pilot.press("space")
        await pilot.pause()
        assert "PREDICT" not in screen_text(app)  # a whole step: the stages are put away


async def test_the_epoch_subtitle_follows_epochs_however_they_finish(screen_text):
    app = app_on("season")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "epoch 1: mean error" in screen_text(app)
        await pilot.press(*["space"] * 4)  # a second epoch, a step at a time
        await pilot.pause()
        text = screen_text(app)
        means = app.controller.frame().epoch_means
        assert len(means) == 2 and "epoch 2: mean error" in text and "epoch 1:" not in text


async def test_the_three_bowls_and_their_slopes_are_on_screen_at_step_0(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for slope in ("slope −2.38", "slope −0.182", "slope −0.336"):
            assert slope in text
        assert "against weight toes → win and its other weights, on shared axes" in text
        assert "slope = 2 × weight_delta" in text


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_alpha_dialog_says_all_of_its_prompt_and_the_limit(screen_text, size):
    app = app_on()
    async with app.run_test(size=size) as pilot:
        await pilot.press("a")
        await pilot.pause()
        text = " ".join(line.strip(" │") for line in screen_text(app).splitlines())
        assert "(e.g. 0.01, 1e-3)." in text  # it was cut off at every width
        assert "alpha below 0.027 converges" in text
