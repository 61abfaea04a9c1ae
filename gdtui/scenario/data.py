"""The data section of a scenario: columns written in the file, or a dataset source."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from yaml.nodes import Node

from gdtui.engine.scaled import Scaled
from gdtui.scenario.problems import Problems
from gdtui.scenario.readers import (
    Keys,
    entries,
    get_int,
    get_list,
    get_numbers,
    get_str,
    plural,
    positive,
    read_mapping,
)
from gdtui.scenario.sources import Data, find_source, source_names
from gdtui.scenario.yaml_nodes import ScenarioError, error_at, fail, kind

EXPECTED = "a mapping with inputs and targets, or with a dataset source"

INLINE: Keys = {
    "inputs": (True, "a mapping of input names to lists of numbers"),
    "targets": (True, "a mapping of output names to lists of numbers"),
}
DATASET: Keys = {
    "source": (True, "the name of a dataset source"),
    "path": (False, "a file or folder path"),
    "train": (False, "a whole number > 0"),
    "test": (False, "a whole number > 0"),
    "inputs": (False, "a list of column names"),
    "targets": (False, "a list of column names"),
}


def read_data(node: Node) -> Data:
    keys = [k.value for k, _ in node.value] if kind(node) == "mapping" else []
    if "source" in keys:
        return read_dataset(node)
    problems = Problems()
    found = read_mapping(node, "data", INLINE, EXPECTED, problems)
    inputs = targets = None
    if "inputs" in found:
        inputs = problems.read(read_columns, found["inputs"], "data.inputs", None)
    if "targets" in found:
        like = first_column(found["inputs"]) if "inputs" in found else None
        targets = problems.read(read_columns, found["targets"], "data.targets", like)
    problems.raise_found()
    assert inputs is not None and targets is not None
    return Data(inputs[0], targets[0], inputs[1], targets[1])


def read_columns(
    node: Node, what: str, like: tuple[str, int] | None
) -> tuple[np.ndarray, tuple[str, ...], tuple[str, int]]:
    """[rows][columns] of a mapping of columns, all as long as the first (or as ``like``)."""
    items = entries(node, what, "a mapping of names to lists of numbers")
    if not items:
        fail(node, f"{what} has no columns (expected at least one NAME: [numbers])")
    problems = Problems()
    like = like or first_column(node)
    columns = []
    for name, key, value in items:
        if not name.strip() or "." in name:
            message = f"column name {name!r} is not allowed (expected a name without '.')"
            problems.add(error_at(key.start_mark, message))
        columns.append(problems.read(read_column, value, f"{what}.{name}", name, like))
    every = problems.every(columns)
    assert like is not None
    array = np.array(every, dtype=np.float64).T.copy()
    return array, tuple(name for name, _, _ in items), like


class Shape(NamedTuple):
    """What the rest of a scenario is checked against: the data's columns and rows."""

    input_names: tuple[str, ...]
    output_names: tuple[str, ...]
    rows: int


def shape_of(data: Data) -> Shape:
    return Shape(data.input_names, data.output_names, len(data.inputs))


def shape_in(node: Node) -> Shape | None:
    """The columns and rows that written data names, read from its nodes even when its values
    are wrong (so that the weights and the rest are checked too); None when it cannot be told."""
    if kind(node) != "mapping":
        return None
    parts = {key.value: value for key, value in node.value if kind(key) == "str"}
    inputs, targets = parts.get("inputs"), parts.get("targets")
    if "source" in parts or inputs is None or targets is None:
        return None
    first = first_column(inputs)
    ins, outs = column_names(inputs), column_names(targets)
    if first is None or not ins or not outs:
        return None
    return Shape(ins, outs, first[1])


def column_names(node: Node) -> tuple[str, ...]:
    if kind(node) != "mapping":
        return ()
    names = (str(key.value) for key, _ in node.value if kind(key) == "str")
    return tuple(dict.fromkeys(names))


def first_column(node: Node) -> tuple[str, int] | None:
    """The name and length of the first column of ``node`` that is a list of values: the one
    the others must be as long as (even when some of its values are wrong)."""
    if kind(node) != "mapping":
        return None
    for key, value in node.value:
        if kind(value) == "list" and value.value:
            return str(key.value), len(value.value)
    return None


def read_column(node: Node, what: str, name: str, like: tuple[str, int] | None) -> list[float]:
    """One column's numbers, as many as the column ``like`` (name, length) has if given."""
    values = get_list(node, what, "a list of numbers, one per example")
    if not values:
        fail(node, f"column {name!r} has no values (expected at least one number)")
    if like is not None and len(values) != like[1]:
        counts = f"{plural(len(values), 'value')}, expected {like[1]}"
        fail(node, f"column {name!r} has {counts} (like {like[0]!r})")
    return get_numbers(values, what)


def read_dataset(node: Node) -> Data:
    found = read_mapping(node, "data", DATASET, EXPECTED)
    source = get_str(found["source"], "data.source", DATASET["source"][1])
    found_source = find_source(source)
    if found_source is None:
        known = f"expected one of: {', '.join(source_names())}"
        fail(found["source"], f"unknown data source {source!r} ({known})")
    takes = found_source.keys
    for key in found:
        if key != "source" and key not in takes:
            expected = f"it takes: {', '.join(takes)}" if takes else "it takes no other keys"
            fail(found[key], f"unknown key {key!r} in data for source {source!r} ({expected})")
    spec: dict[str, Any] = {"source": source, "base": base_folder(node)}
    if "path" in found:
        spec["path"] = get_str(found["path"], "data.path", DATASET["path"][1])
    for key in ("train", "test"):
        if key in found:
            spec[key] = get_int(found[key], f"data.{key}", DATASET[key][1], positive)
    for key in ("inputs", "targets"):
        if key in found:
            spec[key] = read_names(found[key], f"data.{key}")

    def where(message: str, key: str | None = None, index: int | None = None) -> ScenarioError:
        at = found.get(key, node) if key is not None else node
        if index is not None and kind(at) == "list" and 0 <= index < len(at.value):
            at = at.value[index]
        return error_at(at.start_mark, message)

    try:
        # The sources check what they read; should a NumPy warning still come (an overflow,
        # a cast), it is an error reported in one line here, never text printed to the user.
        with warnings.catch_warnings(), np.errstate(all="raise"):
            warnings.simplefilter("error")
            return checked(found_source.load(spec, where))
    except ScenarioError:
        raise
    except Exception as e:  # a source's own failure (missing files, bad downloads) is reported
        raise where(f"data source {source!r} failed: {e} (expected it to load)") from e


def base_folder(node: Node) -> str:
    """The folder of the file ``node`` was read from; "." for text that has no file."""
    name = str(node.start_mark.name)
    return "." if name.startswith("<") else str(Path(name).parent)


def read_names(node: Node, what: str) -> list[str]:
    expected = DATASET[what.removeprefix("data.")][1]
    items = get_list(node, what, expected)
    if not items:
        fail(node, f"{what} is an empty list (expected {expected})")
    names: list[str] = []
    for i, item in enumerate(items):
        name = get_str(item, f"{what}[{i}]", "a column name")
        if name in names:
            fail(item, f"{what}[{i}] {name!r} is given twice (expected each column once)")
        names.append(name)
    return names


def checked(given: Data) -> Data:
    """What a source gave, as float64 tables that fit each other; ValueError if it cannot be."""
    data = Data(
        _table(given.inputs),
        _table(given.targets),
        tuple(str(name) for name in given.input_names),
        tuple(str(name) for name in given.output_names),
        None if given.test_inputs is None else _table(given.test_inputs),
        None if given.test_targets is None else _table(given.test_targets),
        bool(given.classify),
    )
    width = (len(data.input_names), len(data.output_names))
    pairs = [(data.inputs, data.targets)]
    if data.test_inputs is not None or data.test_targets is not None:
        pairs.append((data.test_inputs, data.test_targets))  # type: ignore[arg-type]
    for x, y in pairs:
        if x is None or y is None or x.ndim != 2 or y.ndim != 2:
            raise ValueError("it returned arrays that are not tables")
        if len(x) != len(y) or len(x) == 0 or (x.shape[1], y.shape[1]) != width:
            raise ValueError(f"it returned arrays shaped {x.shape} and {y.shape}")
        if not (_finite(x) and _finite(y)):
            raise ValueError("it returned numbers that are not finite")
    return data


def _table(values: Any) -> Any:
    """A source's table as float64, not copied when it already is; bytes read as float64
    (``Scaled``, MNIST's pixels) stay bytes."""
    return values if isinstance(values, Scaled) else np.asarray(values, dtype=np.float64)


def _finite(table: Any) -> bool:
    return isinstance(table, Scaled) or bool(np.isfinite(table).all())
