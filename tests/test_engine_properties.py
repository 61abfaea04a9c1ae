"""Properties that must hold for any network, data and sequence of actions."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdtui.engine import Scaled, Trainer
from tests.helpers import problem

values = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


ALPHAS = st.floats(1e-4, 0.5)


@st.composite
def problems(draw, alpha=ALPHAS):
    n_in, n_out, rows = draw(st.integers(1, 5)), draw(st.integers(1, 4)), draw(st.integers(1, 4))
    inputs = draw(arrays(float, (rows, n_in), elements=values))
    targets = draw(arrays(float, (rows, n_out), elements=values))
    weights = draw(arrays(float, (n_out, n_in), elements=st.floats(-1, 1)))
    frozen = draw(arrays(bool, (n_out, n_in)))
    examples = draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=6))
    return problem(inputs, targets, weights, draw(alpha), examples, frozen)


actions = st.lists(
    st.one_of(
        st.tuples(st.just("step"), st.integers(1, 9)),
        st.tuples(st.just("alpha"), st.floats(1e-4, 0.5)),
        st.tuples(st.just("freeze"), st.integers(0, 3), st.integers(0, 4)),
        st.tuples(st.just("unfreeze_all")),
        st.tuples(st.just("reset")),
        st.tuples(st.just("weight"), st.integers(0, 3), st.integers(0, 4), values),
        st.tuples(st.just("data"), st.booleans(), st.integers(0, 3), st.integers(0, 4), values),
        st.tuples(st.just("undo"), st.integers(1, 4)),
        st.tuples(st.just("redo"), st.integers(1, 3)),
    ),
    max_size=25,
)


def act(t: Trainer, action: tuple) -> None:
    kind = action[0]
    if kind == "step":
        for _ in range(action[1]):
            if t.state.diverged:
                return
            t.step()
    elif kind == "alpha":
        t.set_alpha(action[1])
    elif kind == "freeze":
        i, j = action[1] % t.problem.n_out, action[2] % t.problem.n_in
        t.freeze(i, j, not t.state.frozen[i, j])
    elif kind == "unfreeze_all":
        t.unfreeze_all()
    elif kind == "reset":
        t.reset()
    elif kind == "weight":
        t.set_weight(action[1] % t.problem.n_out, action[2] % t.problem.n_in, action[3])
    elif kind == "data":
        side = "inputs" if action[1] else "targets"
        width = t.problem.n_in if action[1] else t.problem.n_out
        t.set_value(side, action[2] % len(t.problem.inputs), action[3] % width, action[4])
    elif kind == "undo":
        for _ in range(action[1]):
            t.undo()
    else:
        for _ in range(action[1]):
            t.redo()


@settings(max_examples=150, deadline=None)
@given(problems(), st.integers(1, 30))
def test_frozen_weights_never_move(p, steps):
    t = Trainer(p)
    for record in t.run(steps):
        assert np.all(record.weight_deltas[p.frozen] == 0)
    assert np.array_equal(t.state.weights[p.frozen], p.weights[p.frozen])


@settings(max_examples=150, deadline=None)
@given(problems(), actions)
def test_undo_then_redo_is_exact(p, script):
    t = Trainer(p)
    start = t.state.weights.copy()
    for action in script:
        act(t, action)
    end = t.position
    final = (t.state.weights.copy(), t.state.alpha, t.state.frozen.copy(), t.steps)
    backwards = []
    while True:
        backwards.append((t.state.weights.copy(), t.state.alpha, t.state.frozen.copy(), t.steps))
        if not t.undo():
            break
    assert backwards[-1][3] == 0 and np.array_equal(backwards[-1][0], start)
    assert t.state.alpha == p.alpha and np.array_equal(t.state.frozen, p.frozen)
    # Redo walks forward from the live state; undo rebuilt each position from stored copies.
    # Both must agree at every position, to the bit.
    for expected in reversed(backwards[:-1]):
        assert t.redo()
        assert np.array_equal(t.state.weights, expected[0]) and t.state.alpha == expected[1]
        assert np.array_equal(t.state.frozen, expected[2]) and t.steps == expected[3]
    assert t.position == end
    assert np.array_equal(t.state.weights, final[0]) and t.steps == final[3]


@settings(max_examples=200, deadline=None)
@given(problems(alpha=st.just(1.0)), st.floats(0.01, 0.99))
def test_a_small_enough_alpha_lowers_the_error_on_one_example(p, fraction):
    row = int(p.examples[0])
    x = p.inputs[row]
    free = ~p.frozen
    # For output i the step scales its delta by (1 - alpha * sum of x_j**2 over free j), so any
    # alpha below 1 / max_i(that sum) makes every output's error smaller or leaves it unchanged.
    reach = max(float((x**2 * free[i]).sum()) for i in range(p.n_out))
    if reach == 0:
        return
    t = Trainer(problem(p.inputs, p.targets, p.weights, fraction / reach, p.examples, p.frozen))
    before = t.step().error
    after = (
        t.peek().error
        if t.example == row
        else Trainer(problem(p.inputs, p.targets, t.state.weights, 1.0, [row])).peek().error
    )
    assert after.sum() <= before.sum()
    # Strictly lower when every output has a free input big enough for the change to register.
    if before.sum() > 1e-9 and all((x**2 * free[i]).sum() > 1e-6 for i in range(p.n_out)):
        assert after.sum() < before.sum()


@settings(max_examples=100, deadline=None)
@given(problems(), actions)
def test_a_saved_history_restores_bit_for_bit(p, script):
    t = Trainer(p)
    for action in script:
        act(t, action)
    saved = json.loads(json.dumps(t.history()))
    again = Trainer.restore(p, saved)
    assert again.position == t.position and again.total == t.total
    assert np.array_equal(again.state.weights, t.state.weights) and again.steps == t.steps
    assert np.array_equal(again.state.frozen, t.state.frozen)
    assert again.state.alpha == t.state.alpha
    while t.undo():
        assert again.undo()
        assert np.array_equal(again.state.weights, t.state.weights)


# -- every path the engine takes agrees with a plain per-example loop --------------------------
@st.composite
def wide_problems(draw):
    """Networks wide enough for the block solver (more inputs than the book's order covers),
    on float64 data or on bytes read as x / 255."""
    n_in, n_out = draw(st.integers(17, 40)), draw(st.integers(1, 4))
    rows = draw(st.integers(1, 90))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    raw = rng.integers(0, 256, (rows, n_in), dtype=np.uint8)
    raw[raw < draw(st.integers(0, 255))] = 0
    targets = rng.uniform(-1, 1, (rows, n_out))
    weights = rng.uniform(-0.5, 0.5, (n_out, n_in))
    examples = rng.permutation(rows) if draw(st.booleans()) else np.arange(rows)
    p = problem(raw / 255.0, targets, weights, 0.0, examples)
    if draw(st.booleans()):
        from dataclasses import replace

        p = replace(p, inputs=Scaled(raw, 255.0))
    return p


def critical(p) -> float:
    """An alpha at which every step converges (alpha * |x|^2 at most 1 for every example)."""
    largest = float((np.asarray(p.inputs) ** 2).sum(axis=1).max())
    return 1.0 / largest if largest > 0 else 1.0


epoch_actions = st.lists(
    st.one_of(
        st.tuples(st.just("steps"), st.integers(1, 40)),
        st.tuples(st.just("epoch"), st.sampled_from([True, False, None])),
        st.tuples(st.just("alpha"), st.floats(0.01, 1.0)),
        st.tuples(st.just("freeze_output"), st.integers(0, 3), st.booleans()),
        st.tuples(st.just("freeze"), st.integers(0, 3), st.integers(0, 39)),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=120, deadline=None)
@given(wide_problems(), st.floats(0.05, 1.0), epoch_actions)
def test_every_path_agrees_with_the_plain_loop(p, fraction, script):
    from dataclasses import replace

    p = replace(p, alpha=fraction * critical(p))
    t = Trainer(p)
    x, targets, examples = np.asarray(p.inputs), p.targets, p.examples
    w, frozen, alpha, step, errors = p.weights.copy(), p.frozen.copy(), p.alpha, 0, []

    def plain(count: int) -> None:
        nonlocal w, step
        for _ in range(count):
            row = examples[step % len(examples)]
            delta = w @ x[row] - targets[row]
            errors.append(float(delta @ delta))
            w = w - alpha * np.where(frozen, 0.0, np.outer(delta, x[row]))
            step += 1

    for action in script:
        kind = action[0]
        if kind == "steps":
            list(t.run(action[1]))
            plain(action[1])
        elif kind == "epoch":
            record = t.run_epoch(fast=action[1])
            plain(len(examples) - step % len(examples))
            epoch = errors[step - len(examples) : step]
            assert record.mean_error == pytest.approx(np.mean(epoch), rel=1e-12, abs=1e-14)
        elif kind == "alpha":
            alpha = action[1] * critical(p)
            t.set_alpha(alpha)
        elif kind == "freeze_output":
            i = action[1] % p.n_out
            t.freeze_output(i, action[2])
            frozen[i] = action[2]
        else:
            i, j = action[1] % p.n_out, action[2] % p.n_in
            t.freeze(i, j, not frozen[i, j])
            frozen[i, j] = not frozen[i, j]
    assert not t.state.diverged and t.steps == step
    np.testing.assert_allclose(t.state.weights, w, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(t.trace.errors.sum(axis=1), errors, rtol=1e-11, atol=1e-14)
