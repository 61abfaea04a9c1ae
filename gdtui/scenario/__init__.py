"""Scenario files: a network, its data and its settings, checked into an engine Problem.

The modules, in the order a file goes through them: ``yaml_nodes`` (text to nodes that know
their line and column, and :class:`ScenarioError`), ``overrides`` (``--set KEY=VALUE``),
``schema`` and ``data`` (checking the nodes; ``readers`` reads typed values from them,
``problems`` keeps every problem found),
``sources`` (datasets named by ``data.source``), ``load`` (all of it, for a file or a text),
``library`` (the shipped and the user's files) and ``starter`` (``gdtui new``).

Importing the package imports none of them: each name is loaded from its module when first
used, so that the picker's listing (``library``, ``reading``, ``yaml_nodes``) needs no NumPy,
which ``load`` (the problem it builds) imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gdtui.scenario.library import (
        SHIPPED,
        ScenarioInfo,
        list_scenarios,
        replaces,
        resolve,
        shipped_dir,
        shipped_names,
    )
    from gdtui.scenario.load import Scenario, load_scenario, load_text
    from gdtui.scenario.problems import ScenarioProblems, every_problem
    from gdtui.scenario.sources import Data
    from gdtui.scenario.yaml_nodes import ScenarioError

# Each name and its module.
_HOMES = {
    **dict.fromkeys(
        (
            "SHIPPED",
            "ScenarioInfo",
            "list_scenarios",
            "replaces",
            "resolve",
            "shipped_dir",
            "shipped_names",
        ),
        "library",
    ),
    **dict.fromkeys(("Scenario", "load_scenario", "load_text"), "load"),
    **dict.fromkeys(("ScenarioProblems", "every_problem"), "problems"),
    "Data": "sources",
    "ScenarioError": "yaml_nodes",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "SHIPPED",
    "Data",
    "Scenario",
    "ScenarioError",
    "ScenarioInfo",
    "ScenarioProblems",
    "every_problem",
    "list_scenarios",
    "load_scenario",
    "load_text",
    "replaces",
    "resolve",
    "shipped_dir",
    "shipped_names",
]
