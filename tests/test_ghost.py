"""The ghost run: a second trainer that differs in one thing and keeps in step, tested through
the controller (no Textual), against trainers run by hand with the difference."""

from __future__ import annotations

import numpy as np
import pytest
from rich.console import Console

from gdtui.controller import Controller
from gdtui.engine import Trainer
from gdtui.engine.scaling import standardised
from gdtui.ghost import Ghost
from gdtui.renderables.twin_chart import TwinChart
from gdtui.scenario import load_scenario, resolve


def controller(name: str = "multi-input") -> Controller:
    return Controller(load_scenario(resolve(name)))


def ghost_of(c: Controller):  # type: ignore[no-untyped-def]
    trace = c.frame().experiments.ghost  # type: ignore[union-attr]
    assert trace is not None
    return trace


def test_alpha_times_ten_is_a_trainer_with_ten_times_the_alpha() -> None:
    c = controller("multi-in-out")
    for _ in range(3):
        c.step()
    c.experiments.start_ghost("alpha×10")  # started late: it catches up from the start
    c.step()
    hand = Trainer(c.problem)
    hand.set_alpha(c.trainer.state.alpha * 10)
    expected = [r.error.sum() for r in hand.run(4)]
    trace = ghost_of(c)
    assert trace.what == "alpha 0.1 (×10)"
    assert trace.ghost_errors.tolist() == expected
    assert len(trace.errors) == 4


def test_undo_redo_reset_epoch_and_autoplay_keep_the_ghost_in_step() -> None:
    c = controller("season")
    c.experiments.start_ghost("alpha÷10")
    c.epoch()
    for _ in range(3):
        c.step()
    c.undo()
    c.undo()
    assert len(ghost_of(c).ghost_errors) == len(ghost_of(c).errors) == 5
    c.redo()
    assert len(ghost_of(c).ghost_errors) == 6
    c.set_alpha(0.02)  # a new branch: the step left undone is gone for both
    c.toggle_play()
    c.tick(0.5)  # 10 steps a second: 5 steps
    trace = ghost_of(c)
    assert len(trace.errors) == len(trace.ghost_errors) == 11
    hand = Trainer(c.problem)
    hand.set_alpha(0.001)
    list(hand.run(6))
    hand.set_alpha(0.002)
    list(hand.run(5))
    assert trace.ghost_errors.tolist() == hand.trace.errors.sum(axis=1).tolist()
    c.reset()
    assert len(ghost_of(c).ghost_errors) == 0


def test_the_weight_that_differs_stays_opposite_whatever_the_run_does() -> None:
    c = controller("multi-in-out")
    c.select(1, 2)
    c.experiments.start_ghost("freeze")
    ghost = c.experiments.ghost
    assert ghost is not None
    for action in (c.toggle_freeze, c.step, c.toggle_freeze, c.unfreeze_all, c.step):
        action()
        c.frame()
        assert ghost.trainer.state.frozen[1, 2] != c.trainer.state.frozen[1, 2]
    c.trainer.freeze_output(1, True)
    c.changed()
    c.frame()
    assert ghost.trainer.state.frozen[1].tolist() == [True, True, False]


def test_a_normalised_ghost_standardises_every_edit_of_the_inputs() -> None:
    c = controller("season")
    c.experiments.start_ghost("normalise")
    c.edit("inputs", 1, 0, 12.0)
    c.step()
    c.frame()
    ghost = c.experiments.ghost
    assert ghost is not None
    assert np.array_equal(ghost.trainer.state.inputs, standardised(c.trainer.state.inputs))
    assert c.trainer.state.inputs[1, 0] == 12.0


def test_a_diverging_ghost_stops_while_the_run_goes_on() -> None:
    c = controller("multi-input")
    c.experiments.start_ghost("alpha×10")
    c.set_alpha(0.02)  # the ghost's alpha is 0.2: it overflows after some hundred steps
    for _ in range(400):
        c.step()
    trace = ghost_of(c)
    assert trace.diverged and len(trace.ghost_errors) < 400 == len(trace.errors)
    assert trace.what == "alpha 0.2 (×10)"


def test_a_change_the_ghost_cannot_take_is_left_out() -> None:
    c = controller()
    c.experiments.start_ghost("alpha×10")
    c.set_alpha(1e308)  # ten times that is not a float: the ghost keeps its alpha
    c.step()
    assert ghost_of(c).what == "alpha 0.1 (×10)" and len(ghost_of(c).ghost_errors) == 1


def test_an_unknown_difference_is_refused() -> None:
    c = controller()
    with pytest.raises(ValueError, match="no ghost difference"):
        Ghost(c.problem, "colour", (0, 0))


def test_the_chart_draws_both_lines_on_one_log_scale() -> None:
    chart = TwinChart(
        np.array([1.0, 0.1, 0.01]), np.array([1.0, 10.0, 100.0]), ("run", "ghost"), height=8
    )
    console = Console(width=40, record=True, color_system=None)
    console.print(chart)
    assert console.export_text().splitlines() == [
        "━ run   ━ ghost",
        "100.0000┤                   ⢀⣀⣀⡠⠤⠤⠤⠒⠒⠒⠉⠉",
        "        │       ⣀⣀⣀⠤⠤⠤⠔⠒⠒⠉⠉⠉⠁           ",
        "        │⠴⠶⠶⢎⣉⣉⣉                        ",
        "        │       ⠉⠉⠉⠒⠒⠒⠢⠤⠤⣀⣀⣀⡀           ",
        "  0.0100┤                   ⠈⠉⠉⠑⠒⠒⠒⠤⠤⠤⣀⣀",
        "        └───────────────────────────────",
        "         1                       step 3",
    ]
