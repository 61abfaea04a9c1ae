"""Sessions in the app: ctrl+s saves, quitting autosaves, the picker and --resume reopen."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gdtui.app import GdtuiApp, create_app
from gdtui.cli import main
from gdtui.scenario import load_scenario, resolve
from gdtui.session import autosave_path, load_session, save_session, sessions_dir
from gdtui.widgets.weight_table import WeightTable
from tests.helpers import app_on, notifications, wait_for

SIZE = (120, 40)


def messages(app: GdtuiApp) -> list[str]:
    return [n.message for n in notifications(app)]


def start_weights(name: str) -> np.ndarray:
    return load_scenario(resolve(name)).problem.weights


async def test_ctrl_s_saves_a_session_that_loads_at_the_same_step(screen_text) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "down", "right", "f", "left_square_bracket", "space")
        await pilot.press("d", "ctrl+s")
        await pilot.pause()
        field = app.screen.query_one("#save-path")
        expected = sessions_dir() / "multi-in-out-1.json"
        assert field.value == str(expected)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert f"saved to {expected}" in messages(app)
        assert not app.controller.unsaved
        assert app.controller is not None
        weights, steps = app.controller.trainer.state.weights.copy(), app.controller.trainer.steps

    session = load_session(expected)
    assert session.trainer.steps == steps == 3
    assert np.array_equal(session.trainer.state.weights, weights)
    assert session.trainer.state.alpha == 0.005
    assert session.trainer.state.frozen[1, 1] and session.trainer.state.frozen.sum() == 1
    assert session.view["cursor"] == [1, 1]
    assert session.view["description"] is False  # d hid it
    assert session.view["speed"] == 10 and session.view["data"] is False


async def test_a_bare_name_goes_to_the_sessions_folder() -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        await pilot.press(*"lesson", "enter")  # typing replaces the name, selected at first
        await pilot.pause()
    assert load_session(sessions_dir() / "lesson.json").trainer.steps == 1


async def test_an_unwritable_place_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert app.save_to(blocker / "inside.json") is False
        await pilot.pause()
        (error,) = [n for n in notifications(app) if n.severity == "error"]
        assert str(blocker / "inside.json") in error.message and "\n" not in error.message
        assert app.controller.unsaved  # still: nothing was saved
        await pilot.press("space")  # and the app goes on
        assert app.controller.trainer.steps == 2


async def test_quitting_with_progress_autosaves_and_the_next_start_resumes_it(
    screen_text,
) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "space", "down", "f", "space", "q")
        await pilot.pause()
    assert autosave_path().is_file()
    assert app.controller is not None
    weights = app.controller.trainer.state.weights.copy()

    again = create_app(None)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(again)
        assert "Resume where you left off: Multiple inputs and outputs, step 4" in text
        await pilot.press("enter")  # it is the first line, highlighted
        await wait_for(lambda: again.controller is not None)  # loaded in a thread
        await pilot.pause()
        trainer = again.controller.trainer
        assert trainer is not None and trainer.steps == 4
        assert np.array_equal(trainer.state.weights, weights)
        assert again.query_one(WeightTable).cursor == (1, 0)
        assert "Step 4" in screen_text(again)
        assert not autosave_path().exists()  # resumed: it has done its job
        assert (
            again.controller.unsaved
        )  # ...but its progress is in no file: quitting saves it again
        await pilot.press(*["u"] * 6)  # undo works back to the start
        assert trainer.steps == 0 and not trainer.can_undo
        assert np.array_equal(trainer.state.weights, start_weights("multi-in-out"))
        assert not trainer.state.frozen.any()


async def test_no_progress_no_autosave() -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "right", "q")  # moving the cursor is not progress
        await pilot.pause()
    assert not autosave_path().exists()

    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")  # saved just now
        await pilot.pause()
    assert not autosave_path().exists()


async def test_ctrl_q_in_a_modal_autosaves_too() -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "question_mark")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert load_session(autosave_path()).trainer.steps == 1


async def test_the_autosave_can_be_declined(screen_text) -> None:
    from gdtui.engine import Trainer

    scenario = load_scenario(resolve("multi-input"))
    trainer = Trainer(scenario.problem)
    trainer.step()
    save_session(autosave_path(), scenario, trainer, {})
    picker_app = create_app(None)
    async with picker_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # "Forget it"
        await pilot.pause()
        assert not autosave_path().exists()
        text = screen_text(picker_app)
        assert "Resume where you left off" not in text and "Shipped" in text


async def test_recent_sessions_reopen_with_alpha_frozen_cursor_and_view(screen_text) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "right", "right", "f", "right_square_bracket", "space")
        await pilot.press("plus", "i", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.controller is not None
        weights = app.controller.trainer.state.weights.copy()

    again = app_on("multi-input")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert "Recent sessions" in screen_text(again)
        assert "Multiple inputs and outputs, step 2" in screen_text(again)
        await pilot.press("end", "enter")  # the last line: the session
        await wait_for(lambda: again.controller.trainer.steps == 2)
        await pilot.pause()
        trainer = again.controller.trainer
        assert trainer is not None and trainer.steps == 2
        assert np.array_equal(trainer.state.weights, weights)
        assert trainer.state.alpha == 0.02 and trainer.state.frozen[0, 2]
        assert again.query_one(WeightTable).cursor == (0, 2)
        assert again.controller.speed == 20 and again.main.view == "data"
        assert not again.controller.unsaved  # it is in its file
        await pilot.press("u", "u", "u", "u")
        assert trainer.steps == 0 and not trainer.can_undo
        assert np.array_equal(trainer.state.weights, start_weights("multi-in-out"))


async def test_a_broken_session_in_the_picker_says_why_and_the_picker_stays(screen_text) -> None:
    folder = sessions_dir()
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text('{"format": "gdtui-session", "version": 1}', "utf-8")
    app = create_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "broken.json" in screen_text(app) and "has no 'scenario'" in screen_text(app)
        await pilot.press("end", "enter")
        await pilot.pause()
        error = app.screen.query_one("#picker-error")
        await wait_for(lambda: "has no 'scenario'" in str(error.render()))
        assert app.controller is None and type(app.screen).__name__ == "PickerScreen"


def _saved_session(tmp_path: Path, steps: int = 3) -> tuple[Path, np.ndarray]:
    from gdtui.engine import Trainer

    scenario = load_scenario(resolve("multi-input"))
    trainer = Trainer(scenario.problem)
    for _ in range(steps):
        trainer.step()
    path = tmp_path / "s.json"
    save_session(path, scenario, trainer, {"cursor": [0, 2], "digit": 0, "speed": 50})
    return path, trainer.state.weights.copy()


def test_resume_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, weights = _saved_session(tmp_path)
    opened: list[GdtuiApp] = []
    monkeypatch.setattr(GdtuiApp, "run", lambda self, *a, **k: opened.append(self))
    assert main(["--resume", str(path)]) == 0
    (app,) = opened
    assert app.controller is not None and app.controller.trainer.steps == 3
    assert np.array_equal(app.controller.trainer.state.weights, weights)


async def test_a_resumed_app_shows_the_saved_step(tmp_path: Path, screen_text) -> None:
    path, weights = _saved_session(tmp_path)
    app = create_app(session=load_session(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Step 3" in screen_text(app)
        assert np.array_equal(app.controller.trainer.state.weights, weights)
        assert app.query_one(WeightTable).cursor == (0, 2) and app.controller.speed == 50
        assert not app.controller.unsaved
        await pilot.press("u", "u", "u")
        assert np.array_equal(app.controller.trainer.state.weights, start_weights("multi-input"))


async def test_ctrl_s_offers_the_file_the_session_came_from_then_saved_to(tmp_path: Path) -> None:
    path, _ = _saved_session(tmp_path)
    app = create_app(session=load_session(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#save-path").value == str(path)  # type: ignore[attr-defined]
        await pilot.press("enter")  # saves over it: written whole, then renamed
        await pilot.pause()
        assert load_session(path).trainer.steps == 4
        elsewhere = tmp_path / "elsewhere.json"
        assert app.save_to(elsewhere)
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#save-path").value == str(elsewhere)  # type: ignore[attr-defined]
        await pilot.press("escape", "o")  # another scenario: a new session, a new name
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        field = app.screen.query_one("#save-path")
        assert Path(field.value).parent == sessions_dir()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("content", "where"),
    [("{not json", ":1:2:"), ('{"format": "other"}', ":1:1:"), (None, ":1:1:")],
)
def test_resume_of_a_bad_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, where: str
) -> None:
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["--resume", str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}{where}")
    assert captured.out == "" and "Traceback" not in captured.err


@pytest.mark.parametrize(
    "args", [["multi-input", "--resume", "x.json"], ["--port", "8000"], ["--web", "--port", "0"]]
)
def test_flag_mistakes_are_one_line(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("gdtui:")


async def test_an_mnist_session_reopens_on_its_digit_through_the_picker(screen_text) -> None:

    app = app_on("mnist")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "right", "right", "right", "f", "space", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.controller is not None
        weights = app.controller.trainer.state.weights.copy()

    again = create_app(None)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "MNIST digits, step 1001" in screen_text(again)
        await pilot.press("end", "enter")
        await wait_for(lambda: again.controller is not None)  # loaded in a thread
        await pilot.pause()
        trainer = again.controller.trainer
        assert trainer is not None and trainer.steps == 1001
        assert np.array_equal(trainer.state.weights, weights)
        assert trainer.state.frozen[3].all()
        assert again.controller.digit == 3
        assert "Step 1001" in screen_text(again)
