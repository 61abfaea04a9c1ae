"""The data section of a scenario: columns written in the file, or a dataset source."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
from yaml.nodes import Node

from gdtui.engine.scaled import Scaled
from gdtui.scenario.readers import (
    Keys,
    entries,
    get_float,
    get_int,
    get_list,
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
    found = read_mapping(node, "data", INLINE, EXPECTED)
    inputs, input_names, like = read_columns(found["inputs"], "data.inputs", None)
    targets, output_names, _ = read_columns(found["targets"], "data.targets", like)
    return Data(inputs, targets, input_names, output_names)


def read_columns(
    node: Node, what: str, like: tuple[str, int] | None
) -> tuple[np.ndarray, tuple[str, ...], tuple[str, int]]:
    """[rows][columns] of a mapping of columns, all as long as the first (or as ``like``)."""
    items = entries(node, what, "a mapping of names to lists of numbers")
    if not items:
        fail(node, f"{what} has no columns (expected at least one NAME: [numbers])")
    columns = []
    for name, key, value in items:
        if not name.strip() or "." in name:
            fail(key, f"column name {name!r} is not allowed (expected a name without '.')")
        values = get_list(value, f"{what}.{name}", "a list of numbers, one per example")
        if not values:
            fail(value, f"column {name!r} has no values (expected at least one number)")
        if like is None:
            like = (name, len(values))
        elif len(values) != like[1]:
            counts = f"{plural(len(values), 'value')}, expected {like[1]}"
            fail(value, f"column {name!r} has {counts} (like {like[0]!r})")
        where = f"{what}.{name}"
        columns.append(
            [get_float(v, f"{where}[{i}]", "a finite number") for i, v in enumerate(values)]
        )
    assert like is not None
    array = np.array(columns, dtype=np.float64).T.copy()
    return array, tuple(name for name, _, _ in items), like


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
