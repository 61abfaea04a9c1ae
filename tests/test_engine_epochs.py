"""Runs of epochs a chunk at a time (``Trainer.run_epochs``) give ``run_epoch``'s records and
states bit for bit, and ``goto`` after a long history replays a bounded number of steps."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdtui.engine import Trainer, measure
from gdtui.engine.book import CHUNK
from gdtui.engine.measure import Trace
from gdtui.scenario import load_scenario, resolve
from tests.helpers import problem


@st.composite
def problems(draw):  # type: ignore[no-untyped-def]
    n_in, n_out = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    rows = draw(st.integers(1, 12))
    inputs = draw(arrays(float, (rows, n_in), elements=st.floats(-3, 3) | st.just(-0.0)))
    targets = draw(arrays(float, (rows, n_out), elements=st.floats(-3, 3)))
    weights = draw(arrays(float, (n_out, n_in), elements=st.floats(-1, 1)))
    frozen = draw(arrays(bool, (n_out, n_in)))
    examples = draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=12))
    alpha = draw(st.sampled_from([0.01, 0.05, 0.2, 1.5]))  # 1.5 diverges many of them
    return problem(inputs, targets, weights, alpha, examples, frozen, classify=draw(st.booleans()))


@settings(max_examples=120, deadline=None)
@given(problems(), st.integers(1, 700), st.integers(0, 5))
def test_run_epochs_is_run_epoch_after_run_epoch(p, epochs: int, before: int) -> None:
    chunked, single = Trainer(p), Trainer(p)
    for t in (chunked, single):
        list(t.run(before))  # perhaps from inside an epoch
    got = [r.to_dict() for r in chunked.run_epochs(epochs)]
    want = []
    while len(want) < epochs:
        record = single.run_epoch()
        want.append(record.to_dict())
        if record.diverged:
            break
    assert got == want
    assert chunked.state.weights.tobytes() == single.state.weights.tobytes()
    assert chunked.steps == single.steps and chunked.position == single.position
    assert chunked.trace.errors.tobytes() == single.trace.errors.tobytes()


@pytest.mark.parametrize("n", [4, 8, 9, 13, 100, 333])
def test_epochs_measured_together_are_measured_alone(n: int) -> None:
    # NumPy sums more than 8 numbers pairwise: the epochs' means taken as one array must
    # still be those of each epoch alone.
    rng = np.random.default_rng(n)
    p = problem(rng.random((n, 2)), rng.random((n, 3)), rng.random((3, 2)), 0.01)
    trainer = Trainer(p)
    for _ in range(5):
        trainer.run_epoch()
    errors = trainer.trace.errors
    records = measure.finished_epochs(p, trainer.state, trainer.trace, 2)
    assert [r.epoch for r in records] == [2, 3, 4, 5]
    for record in records:
        rows = slice((record.epoch - 1) * n, record.epoch * n)
        assert record.mean_error == measure.mean_error(errors[rows])
        assert record.steps == record.epoch * n
    alone = measure.epoch_record(p, trainer.state, Trace(errors, trainer.trace.correct))
    assert records[-1].to_dict() == alone.to_dict()


def test_a_run_of_epochs_read_in_part_stands_after_the_last_record_read() -> None:
    t = Trainer(load_scenario(resolve("season")).problem)
    records = t.run_epochs(1000)
    for _ in range(300):  # past the first chunk of 4 * CHUNK steps (256 epochs)
        last = next(records)
    records.close()
    assert last.epoch == 300 and t.steps == 1200 == t.total
    again = Trainer(t.problem)
    for _ in range(300):
        again.run_epoch()
    assert t.state.weights.tobytes() == again.state.weights.tobytes()


class Counted:
    """Counts the steps ``goto`` replays, on floats or with NumPy."""

    def __init__(self, trainer: Trainer, monkeypatch: pytest.MonkeyPatch) -> None:
        self.steps = 0
        book, update = trainer._book, trainer._update
        assert book is not None
        steps = book.steps

        def counted_steps(*args, **keywords):  # type: ignore[no-untyped-def]
            result = steps(*args, **keywords)
            self.steps += len(result[1])
            return result

        def counted_update(*args, **keywords):  # type: ignore[no-untyped-def]
            self.steps += 1
            return update(*args, **keywords)

        monkeypatch.setattr(book, "steps", counted_steps)
        monkeypatch.setattr(trainer, "_update", counted_update)


@pytest.mark.parametrize(("name", "bound"), [("multi-input", 256), ("season", 4 * CHUNK)])
def test_goto_after_100k_steps_replays_a_bounded_number(name: str, bound: int, monkeypatch) -> None:
    p = load_scenario(resolve(name)).problem
    t = Trainer(p)
    if name == "multi-input":
        for _ in range(100_000):  # one step at a time, as the app's key does
            t.step()
    else:
        list(t.run_epochs(25_000))
    total = t.total
    assert total == 100_000
    weights = {0: Trainer(p).state.weights.tobytes()}
    for record in Trainer(p).run(total):
        if record.step % 997 == 0:
            weights[record.step] = record.weights_after.tobytes()
    counted = Counted(t, monkeypatch)
    rng = random.Random(5)
    targets = [1, total // 2, total - 1, 0, total, 99_001, 3 * 997]
    targets += [rng.randrange(total) for _ in range(40)]
    for target in targets:
        counted.steps = 0
        t.goto(target)
        assert counted.steps <= bound, target
        if target in weights:
            assert t.state.weights.tobytes() == weights[target]
    for _ in range(50):  # undo after undo, and redo, replay a step or none
        counted.steps = 0
        t.undo()
        assert counted.steps <= bound
    counted.steps = 0
    t.redo()
    assert counted.steps <= 1
