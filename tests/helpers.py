"""Small builders shared by the engine tests."""

from __future__ import annotations

import asyncio

import numpy as np

from gdtui.engine import Problem


def problem(inputs, targets, weights, alpha, examples=None, frozen=None, classify=False):
    inputs = np.asarray(inputs, dtype=float)
    targets = np.asarray(targets, dtype=float)
    weights = np.asarray(weights, dtype=float)
    rows = np.arange(len(inputs)) if examples is None else np.asarray(examples)
    mask = np.zeros(weights.shape, bool) if frozen is None else np.asarray(frozen, bool)
    return Problem(
        inputs=inputs,
        targets=targets,
        weights=weights,
        alpha=alpha,
        examples=rows,
        frozen=mask,
        input_names=tuple(f"x{j}" for j in range(weights.shape[1])),
        output_names=tuple(f"y{i}" for i in range(weights.shape[0])),
        classify=classify,
    )


def plain_loop(inputs, targets, weights, alpha, examples, epochs, frozen=None):
    """Per-sample gradient descent in plain Python lists: the reference the engine must match."""
    w = [list(map(float, row)) for row in weights]
    n_out, n_in = len(w), len(w[0])
    frozen = frozen if frozen is not None else [[False] * n_in for _ in range(n_out)]
    means = []
    for _ in range(epochs):
        total = 0.0
        for row in examples:
            x, t = [float(v) for v in inputs[row]], [float(v) for v in targets[row]]
            pred = [sum(x[j] * w[i][j] for j in range(n_in)) for i in range(n_out)]
            delta = [pred[i] - t[i] for i in range(n_out)]
            total += sum(d * d for d in delta)
            for i in range(n_out):
                for j in range(n_in):
                    if not frozen[i][j]:
                        w[i][j] -= alpha * delta[i] * x[j]
        means.append(total / len(examples))
    return means, w


async def wait_for(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Poll ``condition`` until it holds; fail after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)
