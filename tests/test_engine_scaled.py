"""Pixels kept as bytes read exactly as x / 255.0, and every engine path on them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdtui.engine import Scaled, Trainer, measure
from gdtui.engine.block import EXACT32, grams
from tests.helpers import plain_loop, problem

bytes_tables = arrays(np.uint8, st.tuples(st.integers(1, 40), st.integers(1, 30)))


@settings(max_examples=60, deadline=None)
@given(bytes_tables, st.data())
def test_every_way_of_reading_gives_the_bits_of_x_over_255(raw, data):
    table, whole = Scaled(raw, 255.0), raw / 255.0
    assert (
        np.asarray(table).tobytes() == whole.tobytes() and table.copy().tobytes() == whole.tobytes()
    )
    row = data.draw(st.integers(0, len(raw) - 1))
    rows = data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=8))
    a, b = sorted(data.draw(st.tuples(st.integers(0, len(raw)), st.integers(0, len(raw)))))
    assert table[row].tobytes() == whole[row].tobytes()
    assert table[np.array(rows)].tobytes() == whole[rows].tobytes()
    assert table[a:b].tobytes() == whole[a:b].tobytes()
    assert table.max() == whole.max() and table.min() == whole.min()
    assert table.shape == whole.shape and len(table) == len(whole)


def test_a_scaled_table_is_read_only_and_refuses_what_it_cannot_hold():
    table = Scaled(np.arange(12, dtype=np.uint8).reshape(3, 4), 255.0)
    with pytest.raises(ValueError):
        table[0][0] = 1.0
    with pytest.raises(ValueError):
        table.raw[0, 0] = 1
    with pytest.raises(ValueError):
        Scaled(np.zeros((2, 2)), 255.0)
    with pytest.raises(ValueError):
        Scaled(np.zeros((2, 2), np.uint8), 0.0)


@settings(max_examples=40, deadline=None)
@given(arrays(np.uint8, st.tuples(st.integers(1, 12), st.integers(1, 60))), st.integers(0, 255))
def test_the_gram_matrix_of_bytes_is_exact_in_float32_or_falls_back(raw, scale):
    raw = (raw.astype(np.int64) * scale // 255).astype(np.uint8)
    exact = raw.astype(np.int64) @ raw.astype(np.int64).T
    assert np.array_equal(grams([raw])[0], exact.astype(np.float64))
    big = np.full((3, 300), 255, np.uint8)  # 300 * 255**2 > 2**24: float32 would round
    assert (big.astype(np.int64) ** 2).sum(axis=1).max() > EXACT32
    assert np.array_equal(grams([big])[0], np.full((3, 3), 300.0 * 255**2))


def byte_problem(rows=200, n_in=30, n_out=4, alpha=0.02, seed=0, frozen=None, order=True):
    rng = np.random.default_rng(seed)
    raw = rng.integers(0, 256, (rows, n_in), dtype=np.uint8)
    raw[raw < 140] = 0  # mostly blank, as MNIST is
    targets = np.eye(n_out)[rng.integers(0, n_out, rows)]
    weights = rng.uniform(-0.1, 0.1, (n_out, n_in))
    examples = np.arange(rows) if order else rng.permutation(rows)
    as_bytes = problem(raw / 255.0, targets, weights, alpha, examples, frozen, classify=True)
    from dataclasses import replace

    return replace(as_bytes, inputs=Scaled(raw, 255.0)), as_bytes


@pytest.mark.parametrize("order", [True, False])
def test_bytes_train_as_their_float64_values_do(order):
    scaled, floats = byte_problem(order=order)
    a, b = Trainer(scaled), Trainer(floats)
    for _ in range(3):
        ra, rb = a.run_epoch(fast=True), b.run_epoch(fast=True)
        assert ra.mean_error == pytest.approx(rb.mean_error, rel=1e-12)
    np.testing.assert_allclose(a.state.weights, b.state.weights, rtol=1e-13, atol=1e-15)
    _, expected = plain_loop(
        floats.inputs, floats.targets, floats.weights, floats.alpha, floats.examples, 3
    )
    np.testing.assert_allclose(a.state.weights, expected, rtol=1e-12, atol=1e-14)
    # One step at a time, the bytes give the float64 values' own bits.
    c, d = Trainer(scaled), Trainer(floats)
    for _ in range(25):
        assert c.step().input.tobytes() == d.step().input.tobytes()
    assert c.state.weights.tobytes() == d.state.weights.tobytes()


def test_measurements_of_bytes_match_those_of_their_values():
    scaled, floats = byte_problem(rows=5000, n_in=12)  # more rows than a measuring chunk
    a, b = Trainer(scaled), Trainer(floats)
    assert (
        measure.evaluate(scaled, a.state).mean_error == measure.evaluate(floats, b.state).mean_error
    )
    assert measure.stability(scaled, a.state) == measure.stability(floats, b.state)


def test_editing_a_byte_table_gives_float64_data_and_undo_gives_the_bytes_back():
    scaled, _ = byte_problem()
    t = Trainer(scaled)
    t.set_value("inputs", 3, 2, 0.123)
    assert isinstance(t.state.inputs, np.ndarray) and t.state.inputs[3, 2] == 0.123
    assert t.state.inputs[4].tobytes() == scaled.inputs[4].tobytes()
    t.run_epoch(fast=True)
    t.goto(0)
    assert t.state.inputs is scaled.inputs
