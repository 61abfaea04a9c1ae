"""Dataset sources: what ``data: {source: NAME, ...}`` in a scenario reads its examples from.

A source is a module here named for it (``csv``, ``mnist``) with ``KEYS`` (the data keys
besides ``source`` it takes; any other is an error in the file) and ``load(spec, where)``
returning :class:`Data`. It is imported the first time a scenario names it, so opening a
scenario with its own columns never imports MNIST's reader. Sources import the node helpers
(``gdtui.scenario.yaml_nodes``, ``gdtui.scenario.readers``) and this module, nothing else of
the scenario package.

``spec`` holds ``source``, the checked keys given (path, train and test as str and ints,
inputs and targets as lists of str) and ``base``: the folder of the scenario file, against
which a relative path is meant (``"."`` for text without a file). ``where`` makes a
ScenarioError pointing into the data mapping, for the source to raise.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from gdtui.engine.scaled import Inputs
from gdtui.scenario.yaml_nodes import ScenarioError

BUILTIN = ("csv", "mnist")


@dataclass(frozen=True, eq=False)
class Data:
    """Examples as [rows][columns] arrays, the names of the columns, and an optional test set.
    ``classify``: the targets are one-hot classes, so accuracy means something."""

    inputs: Inputs  # float64, or bytes read as float64 (MNIST's pixels)
    targets: np.ndarray
    input_names: tuple[str, ...]
    output_names: tuple[str, ...]
    test_inputs: Inputs | None = None
    test_targets: np.ndarray | None = None
    classify: bool = False


class Where(Protocol):
    """Makes the ScenarioError a source raises: at the data mapping, or at one of its keys'
    values (``key``), or at an item of a list value (``key`` and ``index``)."""

    def __call__(
        self, message: str, key: str | None = None, index: int | None = None
    ) -> ScenarioError: ...


Loader = Callable[[dict[str, Any], Where], Data]


@dataclass(frozen=True, eq=False)  # one object a source
class Source:
    load: Loader
    keys: tuple[str, ...]


# The sources imported so far, by name; a test may put one of its own here.
SOURCES: dict[str, Source] = {}


def source_names() -> list[str]:
    return sorted({*BUILTIN, *SOURCES})


def find_source(name: str) -> Source | None:
    """The source called ``name``, importing its module on first use; None if there is none."""
    if name not in SOURCES and name in BUILTIN:
        module = importlib.import_module(f"{__name__}.{name}")
        SOURCES[name] = Source(module.load, tuple(module.KEYS))
    return SOURCES.get(name)
