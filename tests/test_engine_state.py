"""The engine's invariants: a State's arrays never change, events keep their on-disk words, the
timeline seeks, and test accuracy is computed once per weights array."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from gdtui.engine import Kind, Trainer, measure
from gdtui.engine.history import Event, Timeline
from tests.helpers import problem

# Written by gdtui before events had a Kind (commit 5ffd41b), from the script of ``act`` below.
OLD_HISTORY = (
    '{"events":[["block",30,null],["steps",4,null],["alpha",1,0.02],["freeze",1,[1,7,true]],'
    '["freeze_output",1,[2,true]],["steps",3,null],["unfreeze_all",1,null],'
    '["weight",1,[0,3,0.25]],["data",1,["inputs",4,2,0.5]],["data",1,["targets",5,1,1.0]],'
    '["reset",1,null],["steps",2,null]],"position":45}'
)
OLD_WEIGHTS_SUM = -0.31714558681317073  # the weights at position 45, summed, by that gdtui


def wide():
    """Wider than the book's summation order (so epochs use the block solver), with a test set."""
    rng = np.random.default_rng(5)
    inputs, targets = rng.random((30, 20)), np.eye(3)[rng.integers(0, 3, 30)]
    p = problem(inputs, targets, rng.uniform(-0.1, 0.1, (3, 20)), 0.01, classify=True)
    test_targets = np.eye(3)[rng.integers(0, 3, 10)]
    return replace(p, test_inputs=rng.random((10, 20)), test_targets=test_targets)


def act(t: Trainer) -> None:
    """Every kind of event once or more."""
    t.run_epoch(fast=True)
    list(t.run(4))
    t.set_alpha(0.02)
    t.freeze(1, 7)
    t.freeze_output(2)
    list(t.run(3))
    t.unfreeze_all()
    t.set_weight(0, 3, 0.25)
    t.set_value("inputs", 4, 2, 0.5)
    t.set_value("targets", 5, 1, 1.0)
    t.reset()
    list(t.run(2))
    t.undo()
    t.undo()


# -- an array once in a State never changes ---------------------------------------------------
def test_held_states_and_arrays_never_change():
    t = Trainer(wide())
    held = []

    def hold():
        s = t.state
        arrays = (s.weights, s.frozen, s.inputs, s.targets)
        held.append((s, arrays, [a.copy() for a in arrays], (s.alpha, s.step, s.diverged)))

    for action in (
        lambda: t.step(),
        lambda: t.freeze(0, 1),
        lambda: t.freeze_output(2),
        lambda: t.unfreeze_all(),
        lambda: t.set_weight(1, 4, 3.0),
        lambda: t.set_value("inputs", 0, 0, 9.0),
        lambda: t.set_value("targets", 0, 1, 1.0),
        lambda: t.set_alpha(0.5),
        lambda: t.run_epoch(fast=True),
        lambda: t.reset(),
        lambda: [t.undo() for _ in range(5)],
        lambda: t.step(),  # a new branch from the past
    ):
        hold()
        action()
    hold()
    for state, arrays, copies, scalars in held:
        assert (state.weights, state.frozen, state.inputs, state.targets) == arrays  # same objects
        for array, copy in zip(arrays, copies, strict=True):
            assert np.array_equal(array, copy)
        assert (state.alpha, state.step, state.diverged) == scalars
    assert t.problem.inputs[0, 0] != 9.0  # the problem's own data is untouched too


def test_a_states_arrays_refuse_to_be_written():
    t = Trainer(wide())
    t.step()
    for array in (t.state.weights, t.state.frozen, t.state.inputs, t.state.targets):
        with pytest.raises(ValueError, match="read-only"):
            array[0, 0] = 1
    with pytest.raises(AttributeError):
        t.state.step = 5  # type: ignore[misc]
    t.problem.inputs[0, 0] = t.problem.inputs[0, 0]  # the problem's arrays are not ours to mark


def test_a_held_trace_survives_undo_and_a_new_branch():
    t = Trainer(wide())
    list(t.run(6))
    trace = t.trace
    errors, correct = trace.errors.copy(), trace.correct.copy()
    for _ in range(3):
        t.undo()
    t.set_weight(0, 0, 5.0)  # the branch's steps now err differently
    list(t.run(40))  # and the rows grow past the first allocation
    assert np.array_equal(trace.errors, errors) and np.array_equal(trace.correct, correct)
    assert not np.array_equal(t.trace.errors[3:6], errors[3:6])
    with pytest.raises(ValueError, match="read-only"):
        trace.errors[0, 0] = 0.0


def test_freezing_shares_the_weights_and_copies_the_mask():
    t = Trainer(wide())
    before = t.state
    t.freeze(0, 0)
    assert t.state.weights is before.weights and t.state.frozen is not before.frozen
    assert t.state.frozen[0, 0] and not before.frozen[0, 0]


# -- event kinds --------------------------------------------------------------------------------
def test_kinds_are_the_words_on_disk():
    words = ["steps", "block", "alpha", "freeze", "freeze_output", "unfreeze_all", "reset"]
    assert [k.value for k in Kind] == [*words, "weight", "data", "normalise"]
    assert json.dumps([Kind.FREEZE]) == '["freeze"]'
    assert [k for k in Kind if k.learns] == [Kind.STEPS, Kind.BLOCK]


def test_a_history_saved_before_kinds_loads_and_saves_again_identically():
    t = Trainer.restore(wide(), json.loads(OLD_HISTORY))
    assert json.dumps(t.history(), separators=(",", ":")) == OLD_HISTORY
    assert float(t.state.weights.sum()) == OLD_WEIGHTS_SUM
    fresh = Trainer(wide())
    act(fresh)
    assert json.dumps(fresh.history(), separators=(",", ":")) == OLD_HISTORY
    assert np.array_equal(fresh.state.weights, t.state.weights)


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (["freeze", 1, [0, 1, "yes"]], "expected true or false"),
        (["freeze", 1, [0, 1.5, True]], "integer"),
        (["weight", 1, [0, 20, 1.0]], "weight index 20 is out of range 0..19"),
        (["alpha", 1, 0], "alpha must be a finite number greater than 0"),
        (["reset", 1, [1]], "expected no value"),
        (["data", 1, ["targets", 30, 0, 1.0]], "data index 30 is out of range 0..29"),
    ],
)
def test_a_saved_change_is_checked_as_the_methods_check_it(event, message):
    with pytest.raises(ValueError, match=message):
        Trainer.restore(wide(), {"events": [event], "position": 1})


def test_a_refused_change_leaves_the_redo_branch():
    t = Trainer(wide())
    list(t.run(3))
    t.undo()
    with pytest.raises(ValueError):
        t.freeze(-1, 0)  # NumPy would take -1 for the last output
    assert t.can_redo and t.position == 2 and t.total == 3


# -- seeking --------------------------------------------------------------------------------
def test_the_timeline_seeks_inside_itself_only():
    t = Trainer(wide())
    timeline = Timeline(t.state, 3)
    for _ in range(5):
        timeline.add_rows(np.zeros((1, 3)), np.zeros(1, bool))
        timeline.append(Event(Kind.STEPS), t.state)
    timeline.seek(2)
    assert (timeline.pos, timeline.total) == (2, 5)
    for bad in (-1, 6):
        with pytest.raises(IndexError):
            timeline.seek(bad)
    assert timeline.pos == 2
    timeline.truncate()
    assert (timeline.pos, timeline.total, timeline.rows) == (2, 2, 2)


def test_goto_moves_the_position():
    t = Trainer(wide())
    list(t.run(10))
    t.goto(4)
    assert (t.position, t.total, t.steps) == (4, 10, 4)
    with pytest.raises(IndexError):
        t.goto(11)
    assert t.position == 4


# -- test accuracy is computed once per weights array --------------------------------------------
def fresh_test_accuracy(t: Trainer) -> float:
    p, w = t.problem, t.state.weights
    assert p.test_inputs is not None and p.test_targets is not None
    preds = p.test_inputs @ w.T
    return float((preds.argmax(axis=1) == p.test_targets.argmax(axis=1)).mean())


def test_cached_test_accuracy_equals_a_fresh_one_after_every_change(monkeypatch):
    calls = []
    real = measure.accuracy
    monkeypatch.setattr(measure, "accuracy", lambda *a: calls.append(1) or real(*a))
    t = Trainer(wide())
    for action in (
        lambda: list(t.run(7)),
        lambda: t.freeze(0, 2),
        lambda: t.set_alpha(0.3),
        lambda: list(t.run(9)),
        lambda: t.set_weight(2, 2, 1.5),
        lambda: t.undo(),
        lambda: t.undo(),
        lambda: t.redo(),
        lambda: t.run_epoch(fast=True),
        lambda: t.reset(),
    ):
        action()
        assert measure.test_accuracy(t.problem, t.state.weights) == fresh_test_accuracy(t)
        done = len(calls)
        for _ in range(3):
            assert measure.test_accuracy(t.problem, t.state.weights) == fresh_test_accuracy(t)
        assert len(calls) == done  # asked again: no new computation
    record = t.run_epoch(fast=True)
    assert record.test_accuracy == fresh_test_accuracy(t)


def test_a_writable_array_is_measured_every_time():
    t = Trainer(wide())
    weights = t.state.weights.copy()
    first = measure.test_accuracy(t.problem, weights)
    weights[:] = -weights
    assert measure.test_accuracy(t.problem, weights) != first
