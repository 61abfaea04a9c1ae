"""The scenario file format: checking a document's nodes and turning them into a Problem."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np
from yaml.nodes import MappingNode, Node

from gdtui.engine.problem import Problem
from gdtui.scenario.data import EXPECTED as DATA_EXPECTED
from gdtui.scenario.data import Shape, read_data, shape_in, shape_of
from gdtui.scenario.problems import Problems
from gdtui.scenario.readers import (
    Keys,
    get_choice,
    get_float,
    get_index,
    get_int,
    get_list,
    get_numbers,
    get_str,
    listing,
    plural,
    positive,
    read_mapping,
    suggest,
)
from gdtui.scenario.sources import Data
from gdtui.scenario.yaml_nodes import describe, error_at, fail, kind, node_value

TOP: Keys = {
    "name": (True, "a non-empty string"),
    "description": (False, "a string of Markdown"),
    "data": (True, DATA_EXPECTED),
    "examples": (False, "a non-empty list of row indices"),
    "weights": (True, "a list of numbers, a matrix [outputs][inputs], or {init: zeros}"),
    "alpha": (True, "a finite number > 0"),
    "frozen": (False, "a list of [output, input] index pairs or 'output.input' names"),
    "task": (False, "regression or classification"),
    "steps": (False, "a whole number > 0"),
    "epochs": (False, "a whole number > 0"),
}
INIT: Keys = {
    "init": (True, "zeros, uniform or normal"),
    "scale": (False, "a finite number > 0"),
    "seed": (False, "a whole number >= 0"),
}
TASKS = ("regression", "classification")
INITS = ("zeros", "uniform", "normal")


class Checked(NamedTuple):
    name: str
    description: str
    problem: Problem
    document: dict[str, Any]
    steps: int | None
    epochs: int | None


def check(root: MappingNode) -> Checked:
    """The document checked whole: every problem found, in the order of the checks below (the
    first is the one a reader sees first), is raised at once (``problems.ScenarioProblems``)."""
    problems = Problems()
    found = read_mapping(root, "the document", TOP, "a mapping", problems)

    def part(key: str, read: Callable[..., Any], *args: Any) -> Any:
        return problems.read(read, found[key], *args) if key in found else None

    name = part("name", read_name)
    description = part("description", get_str, "description", TOP["description"][1])
    runs = {}
    for key in ("steps", "epochs"):
        if (run := part(key, get_int, key, TOP[key][1], positive)) is not None:
            runs[key] = run
    if len(runs) == 2:
        message = "steps and epochs are both given (expected at most one of them)"
        problems.add(error_at(found["epochs"].start_mark, message))
    data: Data | None = part("data", read_data)
    # The rest is checked against the data's columns, known even when its numbers are wrong.
    shape = (
        shape_of(data) if data is not None else shape_in(found["data"]) if "data" in found else None
    )
    examples = weights = frozen = None
    if shape is not None:
        examples = problems.read(read_examples, found.get("examples"), shape.rows)
        weights = part("weights", read_weights, shape)
    alpha = part("alpha", get_float, "alpha", TOP["alpha"][1], positive)
    if shape is not None:
        frozen = part("frozen", read_frozen, shape)
    task = part("task", get_choice, "task", TASKS)
    problems.raise_found()
    assert data is not None and examples is not None and weights is not None
    if frozen is None:
        frozen = np.zeros((len(data.output_names), len(data.input_names)), dtype=bool)

    problem = Problem(
        inputs=data.inputs,
        targets=data.targets,
        weights=weights,
        alpha=alpha,
        examples=np.array(examples, dtype=np.int64),
        frozen=frozen,
        input_names=data.input_names,
        output_names=data.output_names,
        classify=data.classify if task is None else task == "classification",
        test_inputs=data.test_inputs,
        test_targets=data.test_targets,
    )
    document = {key: node_value(node) for key, node in found.items()}
    return Checked(
        name, description or "", problem, document, runs.get("steps"), runs.get("epochs")
    )


def read_name(node: Node) -> str:
    name = get_str(node, "name", TOP["name"][1])
    if not name.strip():
        fail(node, f"name is empty (expected {TOP['name'][1]})")
    return name


def read_examples(node: Node | None, rows: int) -> list[int]:
    if node is None:
        return list(range(rows))
    items = get_list(node, "examples", TOP["examples"][1])
    if not items:
        fail(node, f"examples is an empty list (expected {TOP['examples'][1]})")
    problems = Problems()
    read = [problems.read(get_index, v, f"examples[{i}]", rows, "row") for i, v in enumerate(items)]
    return problems.every(read)


def read_weights(node: Node, data: Shape) -> np.ndarray:
    n_out, n_in = len(data.output_names), len(data.input_names)
    per_input = f"one per input: {listing(data.input_names)}"
    per_output = f"one per output: {listing(data.output_names)}"
    if kind(node) == "mapping":
        return init_weights(node, n_out, n_in)
    expected = TOP["weights"][1]
    items = get_list(node, "weights", expected)
    if not items:
        fail(node, f"weights is an empty list (expected {expected})")
    if kind(items[0]) != "list":
        if n_out == 1:
            size, per = n_in, per_input
        elif n_in == 1:
            size, per = n_out, per_output
        else:
            outputs = listing(data.output_names)
            shape = f"{plural(n_out, 'row')} of {n_in} numbers, one row per output: {outputs}"
            fail(node, f"weights is a flat list (expected a matrix: {shape})")
        if len(items) != size:
            fail(node, f"weights has {plural(len(items), 'value')}, expected {size} ({per})")
        flat = get_numbers(items, "weights")
        return np.array(flat, dtype=np.float64).reshape(n_out, n_in)
    if len(items) != n_out:
        fail(node, f"weights has {plural(len(items), 'row')}, expected {n_out} ({per_output})")
    problems = Problems()
    rows = [problems.read(read_row, row, f"weights[{r}]", data) for r, row in enumerate(items)]
    return np.array(problems.every(rows), dtype=np.float64)


def read_row(row: Node, what: str, data: Shape) -> list[float]:
    n_in = len(data.input_names)
    per_input = f"one per input: {listing(data.input_names)}"
    values = get_list(row, what, f"a list of {n_in} numbers, {per_input}")
    if len(values) != n_in:
        fail(row, f"{what} has {plural(len(values), 'value')}, expected {n_in} ({per_input})")
    return get_numbers(values, what)


def init_weights(node: Node, n_out: int, n_in: int) -> np.ndarray:
    found = read_mapping(node, "weights", INIT, TOP["weights"][1])
    how = get_choice(found["init"], "weights.init", INITS)
    scale, seed = 0.1, 0
    if "scale" in found:
        scale = get_float(found["scale"], "weights.scale", INIT["scale"][1], positive)
    if "seed" in found:
        seed = get_int(found["seed"], "weights.seed", INIT["seed"][1], lambda v: v >= 0)
    rng = np.random.default_rng(seed)
    shape = (n_out, n_in)
    with np.errstate(all="ignore"):
        try:
            if how == "zeros":
                weights = np.zeros(shape)
            elif how == "uniform":
                weights = rng.uniform(-scale, scale, shape)
            else:
                weights = rng.normal(0.0, scale, shape)
        except (OverflowError, ValueError):
            weights = np.full(shape, math.inf)
    if not np.isfinite(weights).all():
        fail(
            found.get("scale", node),
            f"weights.scale {scale:g} is too large (expected a smaller number)",
        )
    return np.asarray(weights, dtype=np.float64)


def read_frozen(node: Node, data: Shape) -> np.ndarray:
    outs, ins = data.output_names, data.input_names
    mask = np.zeros((len(outs), len(ins)), dtype=bool)
    problems = Problems()
    items = get_list(node, "frozen", TOP["frozen"][1])
    found = [
        problems.read(read_frozen_one, item, f"frozen[{i}]", data) for i, item in enumerate(items)
    ]
    for o, n in problems.every(found):
        mask[o, n] = True
    return mask


def read_frozen_one(item: Node, what: str, data: Shape) -> tuple[int, int]:
    """The (output, input) of one item of ``frozen``."""
    outs, ins = data.output_names, data.input_names
    pair = f"[output, input] pair like [0, 0], or a name like '{outs[0]}.{ins[0]}'"
    if kind(item) == "list":
        if len(item.value) != 2:
            fail(item, f"{what} has {plural(len(item.value), 'value')} (expected an {pair})")
        o_node, i_node = item.value
        return (
            get_index(o_node, f"{what}[0]", len(outs), "output"),
            get_index(i_node, f"{what}[1]", len(ins), "input"),
        )
    if kind(item) == "str" and "." in item.value:
        out_name, _, in_name = item.value.partition(".")
        return find_name(item, out_name, outs, "output"), find_name(item, in_name, ins, "input")
    fail(item, f"{what} is {describe(item)} (expected an {pair})")


def find_name(node: Node, name: str, names: Sequence[str], side: str) -> int:
    if name not in names:
        fail(node, f"unknown {side} {name!r} in frozen {node.value!r} ({suggest(name, names)})")
    return names.index(name)
