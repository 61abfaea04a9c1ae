"""The data view (i): the examples and weights as tables, edited in place, undone with u."""

from __future__ import annotations

import pytest

from gdtui.app import GdtuiApp
from gdtui.screens.cell_edit import CellEditScreen, parse_value
from gdtui.widgets.data_view import DataView
from tests.helpers import app_on

SIZE = (120, 40)


def edit_error(app: GdtuiApp) -> str:
    return str(app.screen.query_one("#edit-error").render())


async def test_i_shows_the_examples_and_the_weights(screen_text) -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "i")
        await pilot.pause()
        assert app.main.view == "data"
        text = screen_text(app)
        assert "row  toes  wlrec  nfans  win (true)" in text
        assert "▶ 0   8.5   0.65    1.2           1" in text  # the coming example, marked
        assert "win     0.1119  0.2009  -0.0983" in text  # the weights after one step
        assert "network: inputs" not in text  # instead of the network
        await pilot.press("i")
        await pilot.pause()
        assert app.main.view != "data" and "network: inputs" in screen_text(app)


async def test_edit_a_target_and_a_weight_then_undo_both(screen_text) -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        trainer = app.controller.trainer
        assert trainer is not None
        await pilot.press("i")
        await pilot.pause()
        # The target of row 0: the fifth column (row, three inputs, win).
        await pilot.press("right", "right", "right", "right", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CellEditScreen)
        await pilot.press(*"0.5", "enter")  # the value is selected: typing replaces it
        await pilot.pause()
        assert trainer.state.targets[0, 0] == 0.5
        assert trainer.peek().true[0] == 0.5  # the coming step learns toward it
        assert "▶ 0   8.5   0.65    1.2         0.5" in screen_text(app)
        # A weight: tab to the weights table, the wlrec column, then type a number on it.
        await pilot.press("tab", "right", "right", "minus")
        await pilot.pause()
        assert isinstance(app.screen, CellEditScreen)
        assert app.screen.query_one("#edit-value").value == "-"  # type: ignore[attr-defined]
        await pilot.press("1", "enter")
        await pilot.pause()
        assert trainer.state.weights[0, 1] == -1.0
        assert "win     0.1000  -1.0000  -0.1000" in screen_text(app)
        assert trainer.steps == 0 and trainer.position == 2  # two changes, no step
        await pilot.press("u")
        assert trainer.state.weights[0, 1] == 0.2
        assert "win     0.1000  0.2000  -0.1000" in screen_text(app)
        await pilot.press("u")
        assert trainer.state.targets[0, 0] == 1.0
        assert "▶ 0   8.5   0.65    1.2           1" in screen_text(app)
        await pilot.press("y")  # and redo
        assert trainer.state.targets[0, 0] == 0.5


async def test_an_input_edit_changes_the_prediction() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        trainer = app.controller.trainer
        assert trainer is not None
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("l", "9", "enter")  # h j k l move too; a digit starts an edit
        await pilot.pause()
        assert trainer.state.inputs[0, 0] == 9.0
        assert trainer.peek().pred[0] == pytest.approx(9.0 * 0.1 + 0.65 * 0.2 - 1.2 * 0.1)
        await pilot.press("space")  # a step learns from the edited row
        assert trainer.steps == 1


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("abc", "the string 'abc'"),
        ("nan", "the string 'nan'"),
        (".nan", "not a finite number"),
        (".inf", "not a finite number"),
        ("1e999", "not a finite number"),
        ("true", "the boolean true"),
        ("", "nothing typed"),
    ],
)
async def test_bad_values_are_refused_inline(typed: str, error: str) -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("right", "enter")
        await pilot.pause()
        await pilot.press("backspace", *typed, "enter")
        await pilot.pause()
        assert isinstance(app.screen, CellEditScreen)  # still open, saying why
        assert error in edit_error(app) and "expected a finite number" in edit_error(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.controller.trainer.position == 0  # nothing changed


def test_values_read_as_the_loader_reads_them() -> None:
    assert parse_value("0.5") == 0.5 and parse_value(" -3 ") == -3.0
    assert parse_value("1e-3") == 0.001  # YAML 1.2's way, as the loader takes it
    for bad in ("abc", "nan", "inf", ".inf", "-.inf", ".nan", "yes", "false", "", "[1]", "~"):
        with pytest.raises(ValueError):
            parse_value(bad)


async def test_the_row_index_is_not_editable() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("enter", "5")
        await pilot.pause()
        assert not isinstance(app.screen, CellEditScreen)
        assert app.controller.trainer.position == 0


async def test_mnist_lists_label_targets_and_a_pixel_summary(screen_text) -> None:
    app = app_on("mnist")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        text = screen_text(app)
        assert "row  label  0  1  2  3  4  5  6  7  8  9  pixels" in text
        assert "▶ 0  5      0  0  0  0  0  1  0  0  0  0  166 inked" in text
        view = app.query_one(DataView)
        assert not view.weights.display  # 7,840 weights are not listed
        assert "7,840 weights" in text
        # The pixels are not editable: enter there does nothing.
        await pilot.press("end", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CellEditScreen)
        # The target "5" of row 0 (row, label, then digits 0..5).
        await pilot.press("home", *["right"] * 7, "0", "enter")
        await pilot.pause()
        trainer = app.controller.trainer
        assert trainer is not None
        assert trainer.state.targets[0, 5] == 0.0
        assert "▶ 0  5      0  0  0  0  0  0  0  0  0  0" in screen_text(app)
        await pilot.press("u")
        assert trainer.state.targets[0, 5] == 1.0
        assert trainer.position == 0


async def test_edits_are_saved_with_the_session(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gdtui.session import load_session

    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("j", "l", "7", "enter", "space")  # row 1's toes: 7, then a step
        await pilot.pause()
        assert app.controller.trainer.state.inputs[1, 0] == 7.0
        assert app.save_to(tmp_path / "edited.json")
    session = load_session(tmp_path / "edited.json")
    assert session.trainer.state.inputs[1, 0] == 7.0 and session.trainer.steps == 1
    assert session.view["data"] is True
    session.trainer.undo()
    session.trainer.undo()
    assert session.trainer.state.inputs[1, 0] == 9.5  # undo reaches back past the edit


def test_the_data_view_looks_like_this(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = app_on("multi-in-out")
    assert snap_compare(app, terminal_size=SIZE, press=["space", "down", "f", "i", "right"])
