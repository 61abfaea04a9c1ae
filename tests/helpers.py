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


# -- the app, and the few private Textual APIs the app tests read (one place to fix them) -------
def app_on(name: str = "multi-input", **kwargs):  # type: ignore[no-untyped-def]
    """The app opened on the shipped or user scenario ``name``."""
    from gdtui.app import create_app
    from gdtui.scenario import load_scenario, resolve

    return create_app(load_scenario(resolve(name)), **kwargs)


def screen_strips(app):  # type: ignore[no-untyped-def]
    """The current screen as Textual's compositor would draw it: a Strip a row."""
    return app.screen._compositor.render_strips()


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the app's current screen shows, as plain text, a line a row."""
    return "\n".join(strip.text for strip in screen_strips(app))


def notifications(app):  # type: ignore[no-untyped-def]
    """The notifications on screen now (Textual keeps them privately)."""
    return list(app._notifications)


def send_event(app, event) -> None:  # type: ignore[no-untyped-def]
    """Hand ``event`` to the app's driver, as a terminal would."""
    assert app._driver is not None
    app._driver.send_message(event)
