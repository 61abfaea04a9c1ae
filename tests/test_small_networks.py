"""The book's networks step on Python floats (gdtui.engine.book): the same bits as NumPy's step,
whatever the data (signed zeros, frozen weights, overflow), byte-identical printouts for long
runs, and a run read only in part leaves the trainer after the last record read."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdtui.cli import main
from gdtui.engine import Trainer
from gdtui.engine.book import book_learn, book_update, example
from gdtui.engine.maths import compute_update
from gdtui.engine.records import ARRAYS
from gdtui.scenario import load_scenario, resolve
from tests import book
from tests.helpers import problem

# Small and large values, zeros of both signs, and some that overflow when squared.
values = st.one_of(
    st.floats(-10, 10, allow_nan=False),
    st.sampled_from([0.0, -0.0, 1e160, -1e160, 1e-200]),
)


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_book_update_is_numpys_step_bit_for_bit(data) -> None:
    n_out, n_in = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 16))
    weights = data.draw(arrays(float, (n_out, n_in), elements=values))
    frozen = data.draw(arrays(bool, (n_out, n_in)))
    x = data.draw(arrays(float, n_in, elements=values))
    true = data.draw(arrays(float, n_out, elements=values))
    alpha = data.draw(st.sampled_from([0.01, 0.3, 1e-4, 2.0]))
    want = compute_update(weights, frozen, alpha, x, true)
    mask = frozen.tolist() if frozen.any() else None
    pred, error, delta, deltas, after, finite = book_update(
        weights.tolist(), mask, alpha, x.tolist(), true.tolist()
    )
    assert finite == want.finite
    for got, expected in zip(
        (pred, error, delta, deltas, after),
        (want.pred, want.error, want.delta, want.weight_deltas, want.weights_after),
        strict=True,
    ):
        assert same_bits(np.array(got, dtype=np.float64), expected)
    if mask is None:  # a run without records: the same numbers, no weight deltas
        lean = book_learn(
            weights.tolist(), alpha, x.tolist(), true.tolist(), example(x.tolist(), [])[2]
        )
        assert lean[4] == finite
        for got, expected in zip(lean[:4], (pred, error, delta, after), strict=True):
            assert same_bits(np.array(got, dtype=np.float64), np.array(expected, dtype=np.float64))


def numpy_trainer(p) -> Trainer:  # type: ignore[no-untyped-def]
    t = Trainer(p)
    t._book = None  # the NumPy step, the reference
    return t


@st.composite
def problems(draw):  # type: ignore[no-untyped-def]
    n_in, n_out, rows = draw(st.integers(1, 5)), draw(st.integers(1, 4)), draw(st.integers(1, 4))
    inputs = draw(arrays(float, (rows, n_in), elements=st.floats(-10, 10) | st.just(-0.0)))
    targets = draw(arrays(float, (rows, n_out), elements=st.floats(-10, 10)))
    weights = draw(arrays(float, (n_out, n_in), elements=st.floats(-1, 1) | st.just(0.0)))
    frozen = draw(arrays(bool, (n_out, n_in)))
    examples = draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=6))
    alpha = draw(st.sampled_from([0.01, 0.1, 0.5, 3.0]))  # 3.0 diverges most of them
    return problem(inputs, targets, weights, alpha, examples, frozen)


@settings(max_examples=150, deadline=None)
@given(problems(), st.integers(1, 400), st.booleans())
def test_a_run_is_numpys_run_bit_for_bit(p, steps: int, epochs: bool) -> None:
    fast, slow = Trainer(p), numpy_trainer(p)
    if epochs:
        for _ in range(1 + steps // 100):
            a, b = fast.run_epoch(), slow.run_epoch()
            assert a.to_dict() == b.to_dict()
            if a.diverged:
                break
    else:
        for a, b in zip(fast.run(steps), slow.run(steps), strict=True):
            assert a.step == b.step and a.diverged == b.diverged
            for name in ARRAYS:
                assert same_bits(getattr(a, name), getattr(b, name)), name
    assert same_bits(fast.state.weights, slow.state.weights)
    assert fast.steps == slow.steps and fast.state.diverged == slow.state.diverged
    assert same_bits(fast.trace.errors, slow.trace.errors)
    assert np.array_equal(fast.trace.correct, slow.trace.correct)
    assert fast.history() == slow.history()
    if fast.position:  # and undo replays the same bits (NumPy's replay)
        fast.goto(fast.position // 2)
        slow.goto(slow.position // 2)
        assert same_bits(fast.state.weights, slow.state.weights)


def trainer(name: str) -> Trainer:
    return Trainer(load_scenario(resolve(name)).problem)


def test_a_run_read_in_part_leaves_the_trainer_after_the_last_record_read() -> None:
    t = trainer("season")
    records = t.run(1000)
    for _ in range(300):  # past the first chunk
        last = next(records)
    records.close()
    assert t.steps == 300 == t.total  # nothing left to redo: the unread steps are gone
    assert same_bits(t.state.weights, last.weights_after)
    for record in t.run(50):
        if record.step == 310:
            break
    assert t.steps == 310 == t.total
    again = trainer("season")
    list(again.run(310))
    assert same_bits(t.state.weights, again.state.weights)
    assert t.history() == again.history()


def test_the_trainer_stands_after_each_chunk_while_it_is_read() -> None:
    t = trainer("multi-input")
    for record in t.run(10):
        assert t.steps >= record.step


def test_long_runs_print_the_books_code_byte_for_byte(capsys) -> None:
    code = main(["run", "multi-in-out", "--steps", "20000", "--format", "book"])
    printed, _ = book.multi_in_out(iterations=20000)
    assert code == 0 and capsys.readouterr().out == printed


def season_loop(epochs: int) -> str:
    """A whole season in the chapter's style: the four games in turn, the mean error of each
    epoch (summed over the outputs, then over the games, in order)."""
    weights = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]
    hurt, win, sad = [0.1, 0.0, 0.0, 0.1], [1, 1, 0, 1], [0.1, 0.0, 0.1, 0.2]
    lines, steps = [], 0
    for epoch in range(epochs):
        epoch_error = 0
        for game in range(4):
            x = [book.toes[game], book.wlrec[game], book.nfans[game]]
            true = [hurt[game], win[game], sad[game]]
            pred = book.vect_mat_mul(x, weights)
            error = [(pred[i] - true[i]) ** 2 for i in range(3)]
            delta = [pred[i] - true[i] for i in range(3)]
            weight_deltas = book.outer_prod(delta, x)
            for i in range(3):
                for j in range(3):
                    weights[i][j] -= 0.01 * weight_deltas[i][j]
            epoch_error += error[0] + error[1] + error[2]
            steps += 1
        lines += [f"Epoch:{epoch + 1}", f"Steps:{steps}", f"Error:{epoch_error / 4}", ""]
    return "\n".join(lines) + "\n"


def test_season_epochs_print_a_plain_loops_numbers(capsys) -> None:
    code = main(["run", "season", "--epochs", "3000", "--format", "book"])
    assert code == 0 and capsys.readouterr().out == season_loop(3000)


def test_a_long_season_prints_a_plain_loops_numbers_byte_for_byte(capsys) -> None:
    # The benchmark's run (benchmarks/small.py): 25,000 epochs, about 98 chunks of epochs.
    code = main(["run", "season", "--epochs", "25000", "--format", "book"])
    assert code == 0 and capsys.readouterr().out == season_loop(25000)


def test_a_weight_of_minus_zero_is_not_at_rest() -> None:
    # delta is 0 from the first step, yet -0.0 - alpha * (0 * -1) is +0.0: the weight changes
    # (in its sign, which the book prints), so that step is not one to repeat.
    p = problem(np.array([[-1.0, 1.0]]), np.array([[1.0]]), np.array([[-0.0, 1.0]]), 0.1, [0], None)
    fast, slow = Trainer(p), numpy_trainer(p)
    for a, b in zip(fast.run(3), slow.run(3), strict=True):
        assert same_bits(a.weights_after, b.weights_after)
    assert str(fast.state.weights[0, 0]) == "0.0"
