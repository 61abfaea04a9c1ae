"""The engine against independent references: the chapter's numbers and code, a plain loop,
finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from gdtui.engine import DivergedError, Kind, Trainer, error_curve, measure
from gdtui.engine.history import Event, Timeline
from gdtui.scenario import load_scenario, resolve
from tests import book
from tests.helpers import plain_loop, problem

TOL = 1e-12


def trainer(name: str) -> Trainer:
    return Trainer(load_scenario(resolve(name)).problem)


def test_multi_input_first_step_matches_the_book():
    record = trainer("multi-input").step()
    assert record.pred.tolist() == pytest.approx([0.86], abs=TOL)
    assert record.error.tolist() == pytest.approx([0.0196], abs=TOL)
    assert record.delta.tolist() == pytest.approx([-0.14], abs=TOL)
    assert record.weight_deltas.tolist() == [pytest.approx([-1.19, -0.091, -0.168], abs=TOL)]
    assert record.weights.tolist() == [[0.1, 0.2, -0.1]]
    assert record.weights_after.tolist() == [pytest.approx([0.1119, 0.20091, -0.09832], abs=TOL)]


def test_multi_input_three_steps_reach_the_books_weights():
    t = trainer("multi-input")
    list(t.run(3))
    assert t.state.weights.round(4).tolist() == [[0.1158, 0.2012, -0.0978]]


def test_multi_output_step_matches_the_book():
    record = trainer("multi-output").step()
    assert record.pred.tolist() == pytest.approx([0.195, 0.13, 0.585], abs=TOL)
    assert record.delta.tolist() == pytest.approx([0.095, -0.87, 0.485], abs=TOL)
    assert record.weights_after.ravel().tolist() == pytest.approx(
        [0.293825, 0.25655, 0.868475], abs=TOL
    )


def test_multi_in_out_prediction_matches_the_book():
    record = trainer("multi-in-out").step()
    assert record.pred.tolist() == pytest.approx([0.555, 0.98, 0.965], abs=TOL)
    assert record.error.tolist() == pytest.approx([0.207025, 0.0004, 0.748225], abs=TOL)
    assert record.delta.tolist() == pytest.approx([0.455, -0.02, 0.865], abs=TOL)
    # weight_deltas for the toes input, as the chapter's figure shows them
    assert record.weight_deltas[:, 0].tolist() == pytest.approx([3.8675, -0.17, 7.3525], abs=TOL)


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("multi-input", book.multi_input),
        ("multi-output", book.multi_output),
        ("multi-in-out", book.multi_in_out),
    ],
)
def test_weights_equal_the_book_loop_bit_for_bit(name, reference):
    _, weights = reference()
    t = trainer(name)
    list(t.run(3))
    assert np.array_equal(t.state.weights.ravel(), np.ravel(weights))


def test_freeze_keeps_the_toes_weight_and_still_finds_the_bottom():
    t = trainer("freeze")
    _, weights = book.multi_input(alpha=0.3, iterations=3, freeze_first=True)
    errors = []
    for record in t.run(3):
        assert record.weight_deltas[0, 0] == 0.0
        errors.append(record.error[0])
    assert t.state.weights[0, 0] == 0.1
    assert np.array_equal(t.state.weights.ravel(), weights)
    assert errors[0] > errors[1] > errors[2]
    list(t.run(20))
    assert t.peek().error[0] < 1e-12


def test_error_is_measured_before_the_update_and_traced():
    t = trainer("season")
    records = list(t.run(8))
    trace = t.trace.errors
    assert np.array_equal(trace, np.array([r.error for r in records]))
    epoch = measure.epoch_record(t.problem, t.state, t.trace)
    assert epoch.epoch == 2
    assert epoch.mean_error == pytest.approx(np.mean([r.error.sum() for r in records[4:]]))


def test_epochs_match_a_plain_per_sample_loop():
    rng = np.random.default_rng(7)
    inputs, targets = rng.normal(size=(12, 5)), rng.normal(size=(12, 3))
    weights, examples = rng.normal(size=(3, 5)) * 0.1, [3, 1, 4, 1, 5, 9, 2, 6]
    frozen = rng.random((3, 5)) < 0.3
    means, expected = plain_loop(inputs, targets, weights, 0.02, examples, 6, frozen.tolist())
    t = Trainer(problem(inputs, targets, weights, 0.02, examples, frozen))
    got = [t.run_epoch().mean_error for _ in range(6)]
    np.testing.assert_allclose(got, means, rtol=1e-12)
    np.testing.assert_allclose(t.state.weights, expected, rtol=1e-12, atol=1e-15)


def test_weight_deltas_are_half_the_finite_difference_gradient():
    rng = np.random.default_rng(3)
    x, true, w = rng.normal(size=4), rng.normal(size=2), rng.normal(size=(2, 4))
    record = Trainer(problem([x], [true], w, 0.1)).peek()

    def total_error(weights):
        return float(((weights @ x - true) ** 2).sum())

    h = 1e-6
    for i in range(2):
        for j in range(4):
            up, down = w.copy(), w.copy()
            up[i, j] += h
            down[i, j] -= h
            slope = (total_error(up) - total_error(down)) / (2 * h)
            assert record.weight_deltas[i, j] * 2 == pytest.approx(slope, rel=1e-6, abs=1e-8)


def test_error_curve_is_the_parabola_through_the_current_point():
    t = trainer("multi-in-out")
    curve = t.curve(2, 1)
    record = t.peek()
    assert curve.weight == t.state.weights[2, 1]
    assert curve.error == pytest.approx(record.error[2], abs=TOL)
    assert curve.slope == pytest.approx(2 * record.delta[2] * record.input[1], abs=TOL)
    h = 1e-6
    near = error_curve(t.state.weights, record.input, record.true, 2, 1, span=h, points=3)
    assert (near.errors[2] - near.errors[0]) / (2 * h) == pytest.approx(curve.slope, rel=1e-6)
    bottom = t.state.weights.copy()
    bottom[2, 1] = curve.minimum
    assert ((bottom @ record.input)[2] - record.true[2]) ** 2 < 1e-20
    assert curve.errors.min() >= 0


def test_frozen_curve_moves_under_a_still_dot():
    t = trainer("freeze")
    before = t.curve(0, 0)
    list(t.run(3))
    after = t.curve(0, 0)
    assert after.weight == before.weight == 0.1
    assert after.error < before.error
    assert after.minimum != before.minimum


def test_divergence_is_recorded_then_refused_then_undone(recwarn):
    t = trainer("diverge")
    records = list(t.run(10_000))
    last = records[-1]
    assert last.diverged and not any(r.diverged for r in records[:-1])
    assert t.state.diverged and np.isfinite(t.state.weights).all()
    assert last.step == t.steps == len(records)
    with pytest.raises(DivergedError):
        t.step()
    assert t.undo()
    assert not t.state.diverged and t.steps == len(records) - 1
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_reset_returns_to_the_start_keeping_alpha_and_freezes():
    t = trainer("multi-input")
    list(t.run(5))
    t.set_alpha(0.02)
    t.freeze(0, 1)
    t.reset()
    assert t.steps == 0 and t.state.alpha == 0.02 and t.state.frozen[0, 1]
    assert t.state.weights.tolist() == [[0.1, 0.2, -0.1]]
    assert len(t.trace.errors) == 0
    t.undo()
    assert t.steps == 5 and len(t.trace.errors) == 5


def test_undo_everything_then_redo_everything_is_bit_identical():
    t = trainer("season")
    list(t.run(150))
    t.set_alpha(0.02)
    t.freeze(1, 2)
    list(t.run(77))
    t.reset()
    list(t.run(30))
    t.unfreeze_all()
    list(t.run(13))
    final, total = t.state.weights.copy(), t.position
    while t.undo():
        pass
    assert t.position == 0 and t.steps == 0
    assert np.array_equal(t.state.weights, t.problem.weights)
    while t.redo():
        pass
    assert t.position == total and np.array_equal(t.state.weights, final)


def test_a_new_step_after_undo_drops_the_redo_branch():
    t = trainer("season")
    list(t.run(10))
    t.undo()
    t.undo()
    assert t.can_redo
    t.step()
    assert not t.can_redo and t.steps == 9 and len(t.trace.errors) == 9


def test_history_memory_is_bounded():
    t = trainer("season")
    timeline = Timeline(t.state, t.problem.n_out)
    for _ in range(5000):
        timeline.add_rows(np.zeros((1, t.problem.n_out)), np.zeros(1, bool))
        timeline.append(Event(Kind.STEPS), t.state)
    assert len(timeline.checkpoints) <= timeline.max_checkpoints
    assert len(timeline.events) == 1 and timeline.total == 5000
    for _ in range(5000):
        t.step()
    assert len(t.history()["events"]) == 1
    reference = trainer("season")
    list(reference.run(1234))
    t.goto(1234)
    assert np.array_equal(t.state.weights, reference.state.weights)


def test_editing_a_weight_and_the_data_enters_the_history():
    t = trainer("multi-input")
    t.set_weight(0, 0, 0.5)
    assert t.peek().pred[0] == pytest.approx(8.5 * 0.5 + 0.65 * 0.2 - 1.2 * 0.1)
    t.set_value("inputs", 0, 0, 1.0)
    t.set_value("targets", 0, 0, 0.0)
    record = t.step()
    assert record.input.tolist() == [1.0, 0.65, 1.2] and record.true.tolist() == [0.0]
    assert t.problem.inputs[0, 0] == 8.5  # the scenario's own data is untouched
    for _ in range(4):
        t.undo()
    assert t.state.weights.tolist() == [[0.1, 0.2, -0.1]] and t.peek().input[0] == 8.5
    with pytest.raises(ValueError):
        t.set_weight(0, 0, float("nan"))
    with pytest.raises(ValueError):
        t.set_value("outputs", 0, 0, 1.0)


@pytest.mark.parametrize(
    "events",
    [
        [["freeze", 1, [-1, 0, True]]],
        [["freeze_output", 1, [5, True]]],
        [["data", 1, ["inputs", 0, 3, 1.0]]],
        [["data", 1, ["outputs", 0, 0, 1.0]]],
        [["steps", 10**12, None]],
        [["steps", 0, None]],
        [["jump", 1, None]],
        [["weight", 1, "nonsense"]],
    ],
)
def test_a_history_that_does_not_fit_is_refused(events):
    with pytest.raises(ValueError, match="does not fit"):
        Trainer.restore(trainer("multi-input").problem, {"events": events, "position": 1})


def test_small_networks_square_as_python_does_and_overflow_to_inf() -> None:
    from gdtui.engine.maths import square

    delta = np.array([-0.1399999999999999, 1e200, float("nan")])
    got = square(delta)
    assert got[0] == (-0.1399999999999999) ** 2
    assert got[1] == float("inf") and np.isnan(got[2])
    wide = np.full(100, 3.0)
    assert np.array_equal(square(wide, book=False), wide * wide)


def test_stability_is_alpha_times_the_free_inputs_squared_largest_per_example() -> None:
    from gdtui.engine import measure

    p = problem([[8.5, 0.65, 1.2], [9.5, 0.8, 1.3]], [[1], [1]], [[0.1, 0.2, -0.1]], 0.01)
    t = Trainer(p)
    s = measure.stability(p, t.state)
    assert s.factor == pytest.approx(0.01 * (9.5**2 + 0.8**2 + 1.3**2)) and s.converges
    assert s.critical == pytest.approx(2 / (9.5**2 + 0.8**2 + 1.3**2))
    t.freeze(0, 0)  # a frozen weight's input no longer counts
    s = measure.stability(p, t.state)
    assert s.factor == pytest.approx(0.01 * (0.8**2 + 1.3**2))
    t.set_alpha(1.0)
    assert not measure.stability(p, t.state).converges
