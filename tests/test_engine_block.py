"""The block solver learns exactly what the per-example loop learns, and undo still works."""

from __future__ import annotations

import numpy as np
import pytest

from gdtui.engine import Trainer, measure
from tests.helpers import plain_loop, problem


def kinds(t: Trainer) -> list[str]:
    return [kind for kind, _, _ in t.history()["events"]]


def wide_problem(rows=300, n_in=40, n_out=5, alpha=0.002, seed=0, frozen=None):
    rng = np.random.default_rng(seed)
    inputs = rng.random((rows, n_in))
    targets = np.eye(n_out)[rng.integers(0, n_out, rows)]
    weights = rng.uniform(-0.1, 0.1, (n_out, n_in))
    examples = rng.permutation(rows)
    return problem(inputs, targets, weights, alpha, examples, frozen, classify=True)


def test_block_epochs_match_the_plain_loop():
    p = wide_problem()
    means, expected = plain_loop(p.inputs, p.targets, p.weights, p.alpha, p.examples, 4)
    t = Trainer(p)
    records = [t.run_epoch(fast=True) for _ in range(4)]
    assert kinds(t) == ["block"] * 4
    np.testing.assert_allclose([r.mean_error for r in records], means, rtol=1e-9)
    np.testing.assert_allclose(t.state.weights, expected, rtol=1e-9, atol=1e-12)
    slow = Trainer(p)
    for record in records:
        again = slow.run_epoch(fast=False)
        assert again.train_accuracy == record.train_accuracy
    np.testing.assert_allclose(slow.trace.errors, t.trace.errors, rtol=1e-9, atol=1e-15)


def test_whole_frozen_rows_stay_in_the_block_and_never_move():
    frozen = np.zeros((5, 40), bool)
    frozen[2] = True
    p = wide_problem(frozen=frozen)
    _, expected = plain_loop(p.inputs, p.targets, p.weights, p.alpha, p.examples, 2, frozen)
    t = Trainer(p)
    t.run_epoch(fast=True)
    t.run_epoch(fast=True)
    assert kinds(t)[-1] == "block"
    assert np.array_equal(t.state.weights[2], p.weights[2])
    np.testing.assert_allclose(t.state.weights, expected, rtol=1e-9, atol=1e-12)


def test_freezing_a_whole_output_is_one_change_that_undo_takes_back():
    t = Trainer(wide_problem())
    t.freeze_output(3)
    assert t.state.frozen[3].all() and not t.state.frozen[2].any()
    t.run_epoch(fast=True)
    assert kinds(t)[-1] == "block"
    assert np.array_equal(t.state.weights[3], t.problem.weights[3])
    t.freeze(3, 0, False)
    t.freeze_output(3)
    t.freeze_output(3, False)
    assert not t.state.frozen.any()
    for _ in range(3 + 300):
        t.undo()
    assert t.state.frozen[3].all() and t.steps == 0


def test_a_partly_frozen_row_falls_back_to_steps():
    frozen = np.zeros((5, 40), bool)
    frozen[1, 3] = True
    t = Trainer(wide_problem(frozen=frozen))
    t.run_epoch(fast=True)
    assert kinds(t) == ["steps"]
    assert t.state.weights[1, 3] == t.problem.weights[1, 3]


def test_undo_inside_a_block_then_redo_gives_the_blocks_own_bits():
    t = Trainer(wide_problem())
    t.step()
    t.run_epoch(fast=True)  # the rest of epoch 1 as a block
    t.run_epoch(fast=True)
    after_blocks = t.state.weights.copy()
    for _ in range(5):
        t.undo()
    stepped = Trainer(wide_problem())
    list(stepped.run(t.steps))
    np.testing.assert_allclose(t.state.weights, stepped.state.weights, rtol=1e-9, atol=1e-12)
    for _ in range(5):
        t.redo()
    assert np.array_equal(t.state.weights, after_blocks)
    while t.undo():
        pass
    assert np.array_equal(t.state.weights, t.problem.weights)
    while t.redo():
        pass
    assert np.array_equal(t.state.weights, after_blocks)


def test_a_block_that_overflows_is_walked_step_by_step_to_the_diverged_step():
    t = Trainer(wide_problem(alpha=2.0))
    record = t.run_epoch(fast=True)
    assert record.diverged and t.state.diverged
    assert kinds(t) == ["steps"]
    assert np.isfinite(t.state.weights).all()
    assert t.undo() and not t.state.diverged


@pytest.mark.parametrize("fast", [True, False])
def test_epoch_accuracy_is_measured_before_each_update(fast):
    t = Trainer(wide_problem())
    record = t.run_epoch(fast=fast)
    assert record.train_accuracy == pytest.approx(t.trace.correct[:300].mean())
    assert record.test_accuracy is None


def test_epoch_history_matches_the_epoch_records():
    t = Trainer(wide_problem())
    records = [t.run_epoch(fast=k % 2 == 0) for k in range(3)]
    t.step()
    means, train = measure.epoch_history(t.problem, t.trace)
    assert means.tolist() == pytest.approx([r.mean_error for r in records], rel=1e-12)
    assert train.tolist() == [r.train_accuracy for r in records]


def test_cached_systems_give_the_same_bits_and_follow_alpha_and_the_data() -> None:
    from gdtui.engine.block import Systems, block_epoch

    p = wide_problem()
    free = np.ones(p.n_out, bool)
    rows = p.examples
    cold, cold_d = block_epoch(p.weights, free, 0.002, p.inputs, p.targets, rows)
    systems = Systems()
    block_epoch(p.weights, free, 0.002, p.inputs, p.targets, rows, systems=systems)
    warm, warm_d = block_epoch(p.weights, free, 0.002, p.inputs, p.targets, rows, systems=systems)
    assert warm.tobytes() == cold.tobytes() and warm_d.tobytes() == cold_d.tobytes()
    # Another alpha, or other data (a new array), is another system: not the cached one.
    other, _ = block_epoch(p.weights, free, 0.004, p.inputs, p.targets, rows, systems=systems)
    fresh, _ = block_epoch(p.weights, free, 0.004, p.inputs, p.targets, rows)
    assert other.tobytes() == fresh.tobytes()
    edited = p.inputs.copy()
    edited[rows[0], 0] += 1.0
    after_edit, _ = block_epoch(p.weights, free, 0.004, edited, p.targets, rows, systems=systems)
    fresh, _ = block_epoch(p.weights, free, 0.004, edited, p.targets, rows)
    assert after_edit.tobytes() == fresh.tobytes()


def test_epochs_after_an_alpha_change_and_an_edit_still_match_the_plain_loop() -> None:
    p = wide_problem()
    t = Trainer(p)
    t.run_epoch()
    t.set_alpha(0.001)
    t.set_value("inputs", int(p.examples[5]), 3, 0.25)
    t.run_epoch()
    t.run_epoch()
    inputs = p.inputs.copy()
    inputs[int(p.examples[5]), 3] = 0.25
    _, first = plain_loop(p.inputs, p.targets, p.weights, 0.002, p.examples, 1)
    _, expected = plain_loop(inputs, p.targets, first, 0.001, p.examples, 2)
    np.testing.assert_allclose(t.state.weights, expected, rtol=1e-9, atol=1e-12)


def block_path(p, offset: int) -> np.ndarray:
    """The weights after ``offset`` examples of a block epoch from the start, as goto defines
    them: the solver over the first offset // BLOCK * BLOCK examples, then single steps."""
    from gdtui.engine.block import BLOCK, block_epoch

    m = offset // BLOCK * BLOCK
    free = np.ones(p.n_out, bool)
    w, _ = block_epoch(p.weights, free, p.alpha, p.inputs, p.targets, p.examples[:m])
    for row in p.examples[m:offset]:
        delta = w @ p.inputs[row] - p.targets[row]
        w = w - p.alpha * np.outer(delta, p.inputs[row])
    return w


def test_every_way_to_a_place_inside_a_block_gives_the_block_paths_bits() -> None:
    p = wide_problem(rows=300, n_in=20)
    t = Trainer(p)
    t.run_epoch(fast=True)
    end = t.position
    seen = {}
    for target in range(end - 1, end - 120, -1):  # undo, one at a time
        t.undo()
        seen[target] = t.state.weights.copy()
    for target in (end - 119, end - 60, end - 48, end - 5):  # straight there, and redo onwards
        again = Trainer.restore(p, t.history())
        again.goto(target)
        assert again.state.weights.tobytes() == seen[target].tobytes()
        again.redo()
        if target + 1 < end:
            assert again.state.weights.tobytes() == seen[target + 1].tobytes()
    for target in (end - 100, end - 97, end - 49):
        assert seen[target].tobytes() == block_path(p, target).tobytes()
    t.goto(end)  # back to the end: the block solved whole, its own bits
    whole = Trainer(p)
    whole.run_epoch(fast=True)
    assert t.state.weights.tobytes() == whole.state.weights.tobytes()


def test_undo_in_a_long_block_solves_at_most_a_piece_and_steps_less_than_a_block(
    monkeypatch,
) -> None:
    from gdtui.engine import trainer as trainer_module
    from gdtui.engine.block import BLOCK

    p = wide_problem(rows=3 * trainer_module.PIECE + 100, n_in=20, n_out=3)
    t = Trainer(p)
    t.run_epoch(fast=True)
    solved, stepped = [], []
    solve, update = Trainer._solve_block, Trainer._update
    monkeypatch.setattr(
        Trainer, "_solve_block", lambda s, st, n: solved.append(n) or solve(s, st, n)
    )
    monkeypatch.setattr(Trainer, "_update", lambda s, st: stepped.append(1) or update(s, st))
    t.undo()  # the first undo solves its way from the block's start, a piece at a time
    assert max(solved) <= trainer_module.PIECE
    for _ in range(3 * BLOCK):
        solved.clear(), stepped.clear()
        t.undo()
        assert sum(solved) <= trainer_module.PIECE and len(stepped) < BLOCK


def test_a_block_of_several_pieces_writes_every_piece_s_rows_as_single_steps_do() -> None:
    """The solver writes each piece's errors and right/wrong flags straight into the trace:
    across piece boundaries (and a last, short piece) they are the single steps' rows."""
    from gdtui.engine import trainer as trainer_module

    p = wide_problem(rows=2 * trainer_module.PIECE + 37, n_in=20, n_out=4, alpha=0.001)
    fast, slow = Trainer(p), Trainer(p)
    fast.run_epoch(fast=True)
    slow.run_epoch(fast=False)
    assert kinds(fast) == ["block"] and kinds(slow) == ["steps"]
    np.testing.assert_allclose(fast.trace.errors, slow.trace.errors, rtol=1e-9, atol=1e-15)
    assert np.array_equal(fast.trace.correct, slow.trace.correct)
    rows = fast.trace.errors.copy()
    fast.goto(trainer_module.PIECE + 5)  # into the second piece, then forward again
    fast.goto(fast.total)
    assert np.array_equal(fast.trace.errors, rows)
