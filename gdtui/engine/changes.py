"""The kinds of event a timeline holds, and one table of what each change does to a state.

A change's value comes either from a method call or from a saved history (JSON: lists, numbers,
true/false); ``check`` turns either into the same tuple, or raises ValueError or TypeError, so a
file is held to the rules the methods are: numbers are numbers (not text, not true or false),
alpha is finite and above 0, values are finite. Indices must name an existing weight or value: no
negative ones, which NumPy would quietly count from the end.
"""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

import numpy as np

from .scaling import standardised
from .state import State, changed, frozen_array

SIDES = ("inputs", "targets")


class Kind(str, Enum):
    """What an event is. The values are the words a saved history holds: never change them."""

    STEPS = "steps"  # ``count`` steps, learned one at a time
    BLOCK = "block"  # ``count`` steps learned together by the block solver
    ALPHA = "alpha"
    FREEZE = "freeze"  # one weight, (output, input, on)
    FREEZE_OUTPUT = "freeze_output"  # every weight into one output, (output, on)
    UNFREEZE_ALL = "unfreeze_all"
    RESET = "reset"  # back to the starting weights and step 0
    WEIGHT = "weight"  # set one weight, (output, input, value)
    DATA = "data"  # set one input or target value, (side, row, column, value)
    NORMALISE = "normalise"  # None: standardise each input column; rows: the inputs restored

    @property
    def learns(self) -> bool:
        return self in (Kind.STEPS, Kind.BLOCK)


@dataclass(frozen=True)
class Change:
    """``check(state, value)``: the value, checked and normalised; ``apply(state, value,
    start)``: the state after the change (``start`` is the state before any step or change)."""

    check: Callable[[State, Any], Any]
    apply: Callable[[State, Any, State], State]


def real_number(value: Any) -> float:
    """``value`` as a float if it is a real number: not text, not true or false."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"expected a number, not {value!r}")
    return float(value)


def finite(value: Any) -> float:
    v = real_number(value)
    if not math.isfinite(v):
        raise ValueError(f"expected a finite number, not {value}")
    return v


def check_alpha(value: Any) -> float:
    """``value`` as an alpha: a finite number greater than 0, else ValueError saying so."""
    alpha = real_number(value)
    if not (alpha > 0 and math.isfinite(alpha)):
        raise ValueError(f"alpha must be a finite number greater than 0, not {alpha}")
    return alpha


def _parts(kind: Kind, value: Any, count: int) -> tuple:
    if not isinstance(value, (list, tuple)) or len(value) != count:
        raise ValueError(f"{kind.value} needs a list of {count}, not {value!r}")
    return tuple(value)


def _index(kind: Kind, k: Any, size: int) -> int:
    if isinstance(k, (bool, np.bool_)):
        raise ValueError(f"{kind.value} index {k!r} is not a whole number")
    k = operator.index(k)
    if not 0 <= k < size:
        raise ValueError(f"{kind.value} index {k} is out of range 0..{size - 1}")
    return k


def _on(value: Any) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"expected true or false, not {value!r}")
    return bool(value)


def _cell(kind: Kind, value: Any, shape: tuple[int, ...]) -> tuple[int, int]:
    return _index(kind, value[0], shape[0]), _index(kind, value[1], shape[1])


def _freeze(state: State, value: Any) -> tuple[int, int, bool]:
    parts = _parts(Kind.FREEZE, value, 3)
    return (*_cell(Kind.FREEZE, parts, state.frozen.shape), _on(parts[2]))


def _freeze_output(state: State, value: Any) -> tuple[int, bool]:
    i, on = _parts(Kind.FREEZE_OUTPUT, value, 2)
    return _index(Kind.FREEZE_OUTPUT, i, state.frozen.shape[0]), _on(on)


def _weight(state: State, value: Any) -> tuple[int, int, float]:
    parts = _parts(Kind.WEIGHT, value, 3)
    return (*_cell(Kind.WEIGHT, parts, state.weights.shape), finite(parts[2]))


def _data(state: State, value: Any) -> tuple[str, int, int, float]:
    side, row, col, v = _parts(Kind.DATA, value, 4)
    if side not in SIDES:
        raise ValueError(f"side must be 'inputs' or 'targets', not {side!r}")
    row, col = _cell(Kind.DATA, (row, col), getattr(state, side).shape)
    return side, row, col, finite(v)


def _normalise(state: State, value: Any) -> tuple[tuple[float, ...], ...] | None:
    """None (standardise), or the inputs to go back to: rows of finite numbers, as many and
    as wide as the data's."""
    if value is None:
        return None
    rows = value if isinstance(value, (list, tuple)) else ()
    if len(rows) != len(state.inputs) or any(
        not isinstance(r, (list, tuple)) or len(r) != state.inputs.shape[1] for r in rows
    ):
        raise ValueError(f"normalise needs null or {state.inputs.shape} inputs, not {value!r}")
    return tuple(tuple(finite(v) for v in row) for row in rows)


def _apply_normalise(state: State, value: Any, start: State) -> State:
    if value is None:
        return replace(state, inputs=standardised(np.asarray(state.inputs)))
    inputs = np.array(value, dtype=np.float64).reshape(state.inputs.shape)
    return replace(state, inputs=frozen_array(inputs))


def _nothing(state: State, value: Any) -> None:
    if value is not None:
        raise ValueError(f"expected no value, not {value!r}")


def _edit_data(state: State, value: tuple[str, int, int, float], start: State) -> State:
    side, row, col, v = value
    edited = changed(getattr(state, side), (row, col), v)
    return replace(state, inputs=edited) if side == "inputs" else replace(state, targets=edited)


def _reset(state: State, value: Any, start: State) -> State:
    trace_start = state.trace_start + state.step
    return replace(state, weights=start.weights, step=0, trace_start=trace_start, diverged=False)


CHANGES: dict[Kind, Change] = {
    Kind.ALPHA: Change(
        lambda _, value: check_alpha(value), lambda s, alpha, _: replace(s, alpha=alpha)
    ),
    Kind.FREEZE: Change(
        _freeze, lambda s, v, _: replace(s, frozen=changed(s.frozen, (v[0], v[1]), v[2]))
    ),
    Kind.FREEZE_OUTPUT: Change(
        _freeze_output, lambda s, v, _: replace(s, frozen=changed(s.frozen, v[0], v[1]))
    ),
    Kind.UNFREEZE_ALL: Change(
        _nothing, lambda s, v, _: replace(s, frozen=frozen_array(np.zeros_like(s.frozen)))
    ),
    Kind.RESET: Change(_nothing, _reset),
    Kind.WEIGHT: Change(
        _weight, lambda s, v, _: replace(s, weights=changed(s.weights, (v[0], v[1]), v[2]))
    ),
    Kind.DATA: Change(_data, _edit_data),
    Kind.NORMALISE: Change(_normalise, _apply_normalise),
}


def saved_units(k: int, event: object) -> int:
    """The units saved event ``k`` claims, once its shape is checked: [kind, count, value]."""
    if not isinstance(event, list) or len(event) != 3:
        raise ValueError(f"event {k} is not [kind, count, value]: {event_text(event)}")
    name, count = event[0], event[1]
    if name not in [kind.value for kind in Kind]:  # a list: the name may be unhashable
        raise ValueError(f"unknown event {name!r}")
    if type(count) is not int or count < 1:
        raise ValueError(
            f"event {k} {event_text(event)}: count {count!r} is not a whole number >= 1"
        )
    if not Kind(name).learns and count != 1:
        raise ValueError(f"event {k} {event_text(event)}: a change counts 1, not {count}")
    return count


def event_text(event: object) -> str:
    text = repr(event)
    return text if len(text) <= 60 else text[:57] + "..."
