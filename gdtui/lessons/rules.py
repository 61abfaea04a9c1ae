"""The vocabulary of ``until`` conditions and computed answers, read from YAML nodes.

A condition is a mapping whose parts must all hold (``{step: ">= 3"}``, ``{frozen: toes}``,
``{error_below: 0.001}``, ``{diverged: true}``...); a computed answer is
``{compute: KIND, ...}``, worked out from the open scenario's coming step when the learner
answers, so a question stays right when a teacher edits the data. A comparison is text,
``"OP NUMBER"`` with OP one of ``>= > <= < == !=``; no expression is ever evaluated.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Sequence
from functools import partial

import numpy as np
from yaml.nodes import Node

from gdtui.controller import Controller
from gdtui.engine import Problem
from gdtui.lessons.model import Condition, Solution
from gdtui.scenario.readers import (
    Keys,
    entries,
    get_choice,
    get_float,
    get_list,
    get_str,
    read_mapping,
    suggest,
)
from gdtui.scenario.yaml_nodes import describe, fail, kind

COMPARE = "a comparison like '>= 3' or '< 0.001'"
UNTIL: Keys = {
    "step": (False, f"{COMPARE}, or a number of steps"),
    "epoch": (False, f"{COMPARE}, or a number of whole epochs"),
    "alpha": (False, COMPARE),
    "error_below": (False, "a finite number > 0"),
    "frozen": (False, "a weight's name like 'toes' or 'win.toes', or a list of them"),
    "diverged": (False, "true or false"),
    "input": (False, "a mapping of input names to comparisons, like {nfans: '== 0'}"),
    "weight": (False, "a mapping of weight names to comparisons, like {toes: '> 0.11'}"),
}
UNTIL_EXPECTED = "a mapping of conditions: " + ", ".join(UNTIL)

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}
_SHOWN = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", ">": ">", "<": "<"}
_COMPARISON = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$")
_TRUE, _FALSE = ("true", "yes", "on"), ("false", "no", "off")


def number(value: float) -> str:
    """A number as the lesson's messages show it: four significant digits."""
    return f"{value + 0.0:.4g}"  # (+ 0.0: -0.0 is shown as 0)


def _comparison(node: Node, what: str, counts: bool = False) -> tuple[str, float]:
    if counts and kind(node) == "int":
        value = get_float(node, what, COMPARE)
        return ">=", value
    text = get_str(node, what, COMPARE)
    match = _COMPARISON.match(text)
    if match is None:
        fail(node, f"{what} is {describe(node)} (expected {COMPARE})")
    value = float(match.group(2))
    if not math.isfinite(value):
        fail(node, f"{what} is {describe(node)}, not a finite number (expected {COMPARE})")
    return match.group(1), value


def _compare(what: str, node: Node, read: Callable[[Controller], float], counts=False) -> Condition:
    op, value = _comparison(node, what, counts)
    test = _OPS[op]
    return Condition(f"{what} {_SHOWN[op]} {number(value)}", lambda c: test(read(c), value))


def weight_name(problem: Problem, i: int, j: int) -> str:
    outs, ins = problem.output_names, problem.input_names
    if len(outs) == 1:
        return ins[j]
    return outs[i] if len(ins) == 1 else f"{outs[i]}.{ins[j]}"


def find_weight(node: Node, what: str, problem: Problem) -> tuple[int, int]:
    """The (output, input) of a weight named 'input' (one output), 'output' (one input) or
    'output.input'."""
    outs, ins = problem.output_names, problem.input_names
    name = get_str(node, what, "a weight's name like 'toes' or 'win.toes'")
    names = {weight_name(problem, i, j): (i, j) for i in range(len(outs)) for j in range(len(ins))}
    names.update({f"{o}.{n}": (i, j) for i, o in enumerate(outs) for j, n in enumerate(ins)})
    if name not in names:
        shown = [weight_name(problem, i, j) for i, j in sorted(set(names.values()))][:200]
        fail(node, f"{what}: no weight {name!r} in this scenario ({suggest(name, shown)})")
    return names[name]


def _find_input(node: Node, name: str, problem: Problem) -> int:
    if name not in problem.input_names:
        names = list(problem.input_names)[:200]
        fail(node, f"until.input: no input {name!r} in this scenario ({suggest(name, names)})")
    return problem.input_names.index(name)


def _frozen(c: Controller, cell: tuple[int, int]) -> bool:
    return bool(c.trainer.state.frozen[cell])


def _weight(c: Controller, cell: tuple[int, int]) -> float:
    return float(c.trainer.state.weights[cell])


def _epochs(c: Controller) -> float:
    return c.trainer.steps // c.trainer.epoch_length


def _input(c: Controller, col: int) -> float:
    """The input ``col`` of the example the coming step learns from."""
    return float(c.trainer.state.inputs[c.trainer.example, col])


def _error(c: Controller) -> float:
    with np.errstate(all="ignore"):
        return float(np.sum(c.trainer.peek().error))


def read_until(node: Node, problem: Problem) -> tuple[Condition, ...]:
    """The conditions of a page's ``until`` (all must hold), for the page's scenario."""
    found = read_mapping(node, "until", UNTIL, UNTIL_EXPECTED)
    if not found:
        fail(node, f"until is empty (expected {UNTIL_EXPECTED})")
    parts: list[Condition] = []
    if "step" in found:
        parts.append(_compare("step", found["step"], lambda c: c.trainer.steps, counts=True))
    if "epoch" in found:
        parts.append(_compare("epoch", found["epoch"], _epochs, counts=True))
    if "alpha" in found:
        parts.append(_compare("alpha", found["alpha"], lambda c: c.trainer.state.alpha))
    if "error_below" in found:
        limit = get_float(found["error_below"], "until.error_below", UNTIL["error_below"][1])
        text = f"the error below {number(limit)}"
        parts.append(Condition(text, lambda c: not c.diverged and _error(c) < limit))
    if "frozen" in found:
        items = found["frozen"]
        for item in get_list(items, "until.frozen", "") if kind(items) == "list" else [items]:
            i, j = find_weight(item, "until.frozen", problem)
            text = f"the {weight_name(problem, i, j)} weight frozen"
            parts.append(Condition(text, partial(_frozen, cell=(i, j))))
    if "diverged" in found:
        flag = found["diverged"]
        if kind(flag) != "bool":
            fail(flag, f"until.diverged is {describe(flag)} (expected true or false)")
        want = flag.value.lower() in _TRUE
        text = "diverged" if want else "not diverged"
        parts.append(Condition(text, lambda c: c.diverged == want))
    if "input" in found:
        for name, key, value in entries(found["input"], "until.input", UNTIL["input"][1]):
            col = _find_input(key, name, problem)
            parts.append(_compare(f"input {name}", value, partial(_input, col=col)))
    if "weight" in found:
        for name, key, value in entries(found["weight"], "until.weight", UNTIL["weight"][1]):
            i, j = find_weight(key, "until.weight", problem)
            parts.append(_compare(f"weight {name}", value, partial(_weight, cell=(i, j))))
    return tuple(parts)


# -- computed answers -------------------------------------------------------------------------
COMPUTE: Keys = {
    "compute": (
        True,
        "next_change_sign, largest_change, smallest_change, converges or largest_prediction",
    ),
    "weight": (False, "a weight's name like 'toes' or 'win.toes' (for next_change_sign)"),
}
KINDS = ("next_change_sign", "largest_change", "smallest_change", "converges", "largest_prediction")
SIGNS = ("grow", "shrink", "stay")


def _index(choices: Sequence[str], word: str) -> int | None:
    lowered = [c.strip().lower() for c in choices]
    return lowered.index(word) if word in lowered else None


def read_computed(
    node: Node, choices: list[tuple[str, Node]], problem: Problem
) -> Callable[[Controller], Solution]:
    """The function that answers a question from the engine, checked against its choices."""
    found = read_mapping(node, "answer", COMPUTE, "{compute: KIND, ...}")
    how = get_choice(found["compute"], "answer.compute", KINDS)
    texts = [text for text, _ in choices]
    if how == "next_change_sign":
        if "weight" not in found:
            fail(node, "missing key 'weight' in answer (expected the weight whose change it asks)")
        i, j = find_weight(found["weight"], "answer.weight", problem)
        _need(node, texts, ("grow", "shrink"), how)
        return lambda c: _sign(c, texts, i, j)
    if "weight" in found:
        fail(found["weight"], f"answer.weight goes with next_change_sign, not {how}")
    if how == "converges":
        _need(node, texts, ("yes", "no"), how)
        return lambda c: _converges(c, texts)
    if how == "largest_prediction":
        for text, where in choices:
            if text not in problem.output_names:
                names = list(problem.output_names)
                fail(
                    where,
                    f"choice {text!r} is not an output of this scenario ({suggest(text, names)})",
                )
        rows = [problem.output_names.index(text) for text in texts]
        return lambda c: _largest_prediction(c, texts, rows)
    cells = [find_weight(where, "a choice", problem) for _, where in choices]
    return lambda c: _change(c, texts, cells, largest=how == "largest_change")


def _need(node: Node, texts: list[str], words: tuple[str, ...], how: str) -> None:
    missing = [w for w in words if _index(texts, w) is None]
    if missing:
        fail(node, f"{how} answers {' or '.join(words)}: add the choices {', '.join(missing)}")


def _sign(c: Controller, texts: list[str], i: int, j: int) -> Solution:
    coming, problem = c.trainer.peek(), c.problem
    before, after = float(coming.weights[i, j]), float(coming.weights_after[i, j])
    word = "grow" if after > before else "shrink" if after < before else "stay"
    name = weight_name(problem, i, j)
    if coming.frozen is not None and coming.frozen[i, j]:
        reason = f"the {name} weight is frozen: it stays at {number(before)}"
    else:
        delta, x = float(coming.delta[i]), float(coming.input[j])
        wd = float(coming.weight_deltas[i, j])
        product = f"weight_delta = delta × input = {number(delta)} × {number(x)} = {number(wd)}"
        if word == "stay":
            reason = f"{product}, so the weight stays at {number(before)}"
        else:
            moves = f"from {number(before)} to {number(after)}"
            reason = f"{product}; the weight moves against it, {moves}"
    return Solution(_index(texts, word), f"it will {word}: {reason}")


def _converges(c: Controller, texts: list[str]) -> Solution:
    stability = c.frame().stability
    yes = stability.converges
    where = "below" if yes else "not below"
    reason = (
        f"alpha × |x|² = {number(stability.factor)}, {where} 2: each step multiplies delta by "
        f"{number(1 - stability.factor)}"
    )
    if math.isfinite(stability.critical):
        reason += f" (it converges for alpha below {number(stability.critical)})"
    return Solution(_index(texts, "yes" if yes else "no"), reason)


def _largest_prediction(c: Controller, texts: list[str], rows: list[int]) -> Solution:
    pred = c.trainer.peek().pred
    values = [float(pred[r]) for r in rows]
    shown = ", ".join(f"{t} {number(v)}" for t, v in zip(texts, values, strict=True))
    return Solution(_best(values, max), f"the weighted sums: {shown}")


def _best(values: list[float], pick: Callable[..., float]) -> int | None:
    """The index of the largest (``max``) or smallest (``min``) value; None on a tie or
    when a value is not a number."""
    if any(math.isnan(v) for v in values):
        return None
    best = pick(values)
    return values.index(best) if values.count(best) == 1 else None


def _change(
    c: Controller, texts: list[str], cells: list[tuple[int, int]], largest: bool
) -> Solution:
    coming = c.trainer.peek()
    with np.errstate(all="ignore"):
        moves = [abs(float(coming.weights_after[i, j] - coming.weights[i, j])) for i, j in cells]
    shown = ", ".join(f"{t} {number(m)}" for t, m in zip(texts, moves, strict=True))
    best = _best(moves, max if largest else min)
    return Solution(best, f"how far each weight moves at the next step: {shown}")
