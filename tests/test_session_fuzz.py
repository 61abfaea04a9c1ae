"""Property tests: whatever a session file holds, opening it gives a session or one SessionError.

Mutations of a valid session (its JSON values, its history's events, its text, its bytes) either
load, with a history the app can walk (undo to the start, redo to the end, an error row for
every step), or raise SessionError in one line pointing inside the file; never another
exception.
"""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdtui.engine import Trainer
from gdtui.engine.changes import Kind
from gdtui.session import SessionError, load_session, peek_session

GOOD = Path(__file__).parent / "fixtures" / "sessions" / "good.json"
TEXT = GOOD.read_text()
DOCUMENT = json.loads(TEXT)


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


def check(data: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.json"
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        raw = path.read_bytes()
        for opener in (peek_session, load_session):
            try:
                opened = opener(path)
            except SessionError as e:
                text = str(e)
                assert "\n" not in text and text.startswith(f"{path}:{e.line}:{e.col}: ")
                assert 1 <= e.line <= raw.count(b"\n") + 1
                continue
            if opener is load_session:
                walk(opened.trainer)  # type: ignore[union-attr]


def walk(trainer: Trainer) -> None:
    """A history that loaded is one the app can live with: a step's error row for every step,
    undo to the start and redo to the end, arriving where it was."""
    position, weights = trainer.position, trainer.state.weights.tobytes()
    assert trainer.state.alpha > 0 and len(trainer.trace.errors) == trainer.steps
    trainer.goto(0)
    trainer.goto(trainer.total)
    assert len(trainer.trace.errors) == trainer.steps
    trainer.goto(position)
    assert trainer.state.weights.tobytes() == weights
    # The same history taken a step at a time (a block is per-example descent up to rounding).
    again = Trainer(trainer.problem)
    for name, count, value in trainer.history()["events"]:
        kind = Kind(name)
        for _ in range(count if kind.learns else 0):
            again.step()
        if not kind.learns:
            again._change(kind, value)
    again.goto(position)
    assert again.steps == trainer.steps
    np.testing.assert_allclose(again.state.weights, trainer.state.weights, rtol=1e-9, atol=1e-12)


def dump(document: Any) -> str:
    return json.dumps(document, allow_nan=False, indent=1)


numbers = st.one_of(
    st.integers(-3, 12),
    st.sampled_from([0, -1, 10**7, 10**30, 0.5, 1e-300, 1e308, -0.0, 2.5]),
    st.floats(allow_nan=False, allow_infinity=False),
)
scalars = st.one_of(
    numbers, st.booleans(), st.none(), st.text(max_size=5), st.sampled_from(["inf", "nan", "1"])
)
junk = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)
KINDS = ["steps", "block", "alpha", "freeze", "freeze_output", "unfreeze_all", "reset"]
KINDS += ["weight", "data", "explode"]
values = st.one_of(
    st.none(),
    numbers,
    st.lists(st.one_of(numbers, st.booleans(), st.sampled_from(["inputs", "targets"])), max_size=4),
    junk,
)
events = st.one_of(
    st.tuples(st.sampled_from(KINDS), st.one_of(st.integers(-1, 5), numbers), values).map(list),
    junk,
)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """The good session with a few values replaced, keys removed or events changed."""
    document = copy.deepcopy(DOCUMENT)
    for _ in range(draw(st.integers(1, 3))):
        node: Any = document
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            key = draw(st.sampled_from(keys))
            child = node[key]
            if not isinstance(child, (dict, list)) or not child or draw(st.booleans()):
                if isinstance(node, dict) and draw(st.booleans()):
                    del node[key]
                else:
                    node[key] = draw(junk)
                break
            node = child
    history = document.get("history")
    if isinstance(history, dict) and isinstance(history.get("events"), list):
        saved = history["events"]
        for _ in range(draw(st.integers(0, 3))):
            saved.insert(draw(st.integers(0, len(saved))), draw(events))
        if draw(st.booleans()):
            history["position"] = draw(st.one_of(st.integers(-1, 12), junk))
    return document


@fuzz(300)
@given(mutated())
def test_mutated_sessions(document: dict[str, Any]) -> None:
    check(dump(document))


TOKENS = ["[", "]", "{", "}", ",", ":", '"', "\\", "null", "true", "1e999", "NaN", "-", "0"]
TOKENS += ["\n", " ", '"steps"', '"block"', "[" * 40, "]" * 40, "é", "\x00", "\ufeff"]


@fuzz(200)
@given(
    st.lists(
        st.tuples(st.integers(0, len(TEXT)), st.integers(0, 3), st.sampled_from(TOKENS)),
        min_size=1,
        max_size=4,
    )
)
def test_edits_of_a_good_session(edits: list[tuple[int, int, str]]) -> None:
    text = TEXT
    for at, cut, token in edits:
        text = text[:at] + token + text[at + cut :]
    check(text)


@fuzz(100)
@given(st.binary(max_size=40), st.integers(0, len(TEXT)), st.booleans())
def test_bytes(data: bytes, at: int, alone: bool) -> None:
    check(data if alone else TEXT.encode()[:at] + data + TEXT.encode()[at:])
