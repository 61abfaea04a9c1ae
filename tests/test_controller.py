"""The Controller's rules, without a terminal: what can run, autoplay pacing, alpha after a
divergence, what counts as unsaved, and the Frame it makes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gdtui.controller import SPEEDS, TICK_BUDGET, Controller
from gdtui.scenario import load_scenario, resolve


def on(name: str = "multi-input", **kwargs) -> Controller:  # type: ignore[no-untyped-def]
    return Controller(load_scenario(resolve(name)), **kwargs)


def test_the_controller_imports_no_textual() -> None:
    code = "import sys, gdtui.controller; assert 'textual' not in sys.modules, 'textual loaded'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_step_makes_a_new_frame_with_the_books_numbers() -> None:
    c = on()
    first = c.frame()
    assert c.frame() is first  # nothing changed: the same frame
    assert first.step == 0 and first.last is None
    assert np.allclose(first.coming.weight_deltas, [[-1.19, -0.091, -0.168]])
    assert c.step()
    after = c.frame()
    assert after is not first and after.version == first.version + 1
    assert after.step == 1
    assert after.last is not None and np.allclose(after.last.pred, [0.86])
    assert np.allclose(after.weights, [[0.1119, 0.20091, -0.09832]])
    assert first.weights.tolist() == [[0.1, 0.2, -0.1]]  # an old frame does not change


def test_what_can_run_follows_the_training() -> None:
    c = on()
    assert c.frame().enabled == {"step", "stage", "epoch", "play", "faster", "slower"}
    assert not c.can("undo") and not c.can("reset") and c.can("help")
    c.step()
    assert {"undo", "reset"} <= c.frame().enabled and not c.can("redo")
    c.undo()
    assert c.can("redo") and not c.can("undo")
    c.toggle_freeze()
    assert c.can("unfreeze_all")
    c.speed_index = len(SPEEDS) - 1
    assert not c.can("faster")


def test_a_divergence_stops_stepping_and_a_new_alpha_takes_it_back() -> None:
    c = on("diverge")
    steps = 0
    while c.step():
        steps += 1
    assert c.diverged and steps == 194
    assert not c.can("step") and not c.can("epoch") and not c.can("play")
    assert not c.step() and not c.epoch()  # refused, nothing done
    note = c.set_alpha(0.01)
    assert note == "took back the diverged step; alpha is now 0.01"
    assert not c.diverged and c.trainer.steps == 193 and c.can("step")


@pytest.mark.parametrize("alpha", [0.0, -1.0, float("inf"), float("nan")])
def test_an_impossible_alpha_is_refused(alpha: float) -> None:
    c = on()
    with pytest.raises(ValueError, match="finite number greater than 0"):
        c.set_alpha(alpha)
    assert c.trainer.state.alpha == 0.01 and not c.trainer.can_undo


class Clock:
    """A clock the test moves: ``step_cost`` seconds pass at each reading."""

    def __init__(self, step_cost: float = 0.0) -> None:
        self.now = 0.0
        self.step_cost = step_cost

    def __call__(self) -> float:
        self.now += self.step_cost
        return self.now


def test_autoplay_takes_the_steps_its_speed_owes_fractions_carried() -> None:
    c = on("season", speed=2)
    c.toggle_play()
    assert c.playing and c.tick_interval == 0.5
    taken = [c.tick(0.25, Clock()) for _ in range(8)]  # two seconds at 2 steps/s
    assert taken == [0, 1] * 4 and c.trainer.steps == 4


def test_a_slow_tick_drops_what_it_cannot_do_rather_than_pile_up() -> None:
    c = on("season", speed=1000)
    c.toggle_play()
    slow = Clock(step_cost=TICK_BUDGET / 4)  # each step takes a quarter of the budget
    assert c.tick(0.1, slow) == 5  # the fifth step is the one that finds the budget spent
    assert c.tick(0.1, Clock()) == 100  # the 95 owed were dropped, not carried


def test_autoplay_stops_by_itself_at_the_divergence() -> None:
    c = on("diverge", speed=1000)
    c.toggle_play()
    while c.playing:
        c.tick(1.0, Clock())
    assert c.diverged and c.trainer.steps == 194
    c.toggle_play()
    assert not c.playing  # cannot start again before undo, reset or a new alpha


def test_unsaved_means_a_step_or_a_change_not_a_cursor_move(tmp_path: Path) -> None:
    c = on()
    c.move_cursor(0, 1)
    assert not c.unsaved
    c.step()
    assert c.unsaved
    c.save(tmp_path / "s.json", c.view_state({"description": True, "data": False}))
    assert not c.unsaved and c.session_file == tmp_path / "s.json"
    assert c.default_session_file() == tmp_path / "s.json"
    c.undo()
    assert c.unsaved
    assert c.autosave(tmp_path / "auto.json", c.view_state({}))
    assert not c.autosave(tmp_path / "auto.json", c.view_state({}))  # nothing new to save
    assert c.session_file == tmp_path / "s.json"  # the autosave is not what ctrl+s offers


def test_the_cursor_stays_on_the_weights() -> None:
    c = on("multi-in-out")
    c.move_cursor(-1, -1)
    assert c.cursor == (0, 0)
    for _ in range(5):
        c.move_cursor(1, 1)
    assert c.cursor == (2, 2)
    c.toggle_freeze()
    assert c.trainer.state.frozen[2, 2] and c.frame().frozen[2, 2]
    c.toggle_freeze((0, 1))
    assert c.trainer.state.frozen.sum() == 2
    c.toggle_freeze()
    assert not c.trainer.state.frozen[2, 2]


def test_mnist_arrows_walk_the_digits_and_f_freezes_one() -> None:
    c = on("mnist")
    assert c.images and c.frame().images
    c.move_cursor(0, -1)
    assert c.digit == 9  # wraps round
    c.move_cursor(1, 0, per_row=5)
    assert c.digit == 4
    c.toggle_freeze()
    frozen = c.trainer.state.frozen
    assert frozen[4].all() and frozen.sum() == 784
    c.toggle_freeze()
    assert not c.trainer.state.frozen.any()


def test_a_saved_view_is_applied_only_where_it_fits() -> None:
    c = on("multi-in-out")
    c.apply_view({"cursor": [2, 1], "digit": 0, "speed": 50})
    assert c.cursor == (2, 1) and c.speed == 50
    for bad in ({"cursor": [3, 0]}, {"cursor": [-1, 0]}, {"cursor": [True, 0]}, {"cursor": 5}):
        c.apply_view(bad)
        assert c.cursor == (2, 1)
    c.apply_view({"speed": 7, "digit": 99})
    assert c.speed == 50 and c.digit == 0


def test_an_epoch_is_reported_and_forgotten_on_reset() -> None:
    c = on("season")
    assert c.epoch()
    frame = c.frame()
    assert frame.last_epoch is not None and frame.last_epoch.epoch == 1
    assert frame.last is None and frame.step == 4 and len(frame.epoch_means) == 1
    c.reset()
    assert c.frame().last_epoch is None and c.frame().step == 0


def test_s_takes_a_step_in_three_stages_and_anything_else_ends_them() -> None:
    c = on()
    assert c.advance_stage() and c.frame().stage == "predict" and c.trainer.steps == 0
    c.move_cursor(0, 1)  # looking at another weight keeps the stage
    assert c.advance_stage() and c.frame().stage == "compare" and c.trainer.steps == 0
    assert c.advance_stage() and c.frame().stage == "learn" and c.trainer.steps == 1
    assert c.frame().last is not None and c.frame().last.step == 1
    assert c.advance_stage() and c.frame().stage == "predict" and c.trainer.steps == 1
    c.step()  # space: a whole step, no stages
    assert c.frame().stage is None and c.trainer.steps == 2
    c.advance_stage()
    c.undo()
    assert c.frame().stage is None


def test_stages_stop_at_a_divergence() -> None:
    c = on("diverge")
    while c.step():
        pass
    assert not c.advance_stage() and not c.can("stage")


def test_the_divergence_limit_is_the_chapters() -> None:
    from gdtui.widgets.diverged_banner import diverged_text
    from gdtui.widgets.status_bar import limit_text

    assert limit_text(on().frame().stability) == ("(α·|x|² 0.741 < 2)", True)
    c = on("diverge")
    assert limit_text(c.frame().stability) == ("(α·|x|² 7.41 ≥ 2)", False)
    assert round(c.frame().stability.critical, 3) == 0.027
    while c.step():
        pass
    text = diverged_text(c.frame())
    assert "α·|x|² is 7.41, over 2" in text and "until alpha is below 0.027" in text
    # The advice works: reset, then halve alpha until it is below the limit, and it converges.
    c.reset()
    while c.frame().stability.factor >= 2:
        c.set_alpha(c.trainer.state.alpha / 2)
    for _ in range(300):
        assert c.step()
    assert c.frame().coming.error[0] < 1e-6


def test_autoplay_pauses_by_itself_once_the_error_is_zero_on_screen() -> None:
    c = on("multi-input", speed=1000)
    c.toggle_play()
    while c.playing:
        c.tick(1.0, Clock())
    assert not c.diverged and c.settled()
    assert c.frame().coming.delta[0] ** 2 < 5e-5**2
    assert c.notes and c.notes[0].startswith("autoplay paused: the error is 0")
    steps = c.trainer.steps
    c.toggle_play()  # the learner may go on anyway
    c.tick(0.01, Clock())
    assert c.trainer.steps > steps
