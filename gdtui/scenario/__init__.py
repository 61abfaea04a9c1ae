"""Scenario files: a network, its data and its settings, checked into an engine Problem.

The modules, in the order a file goes through them: ``yaml_nodes`` (text to nodes that know
their line and column, and :class:`ScenarioError`), ``overrides`` (``--set KEY=VALUE``),
``schema`` and ``data`` (checking the nodes; ``readers`` reads typed values from them,
``problems`` keeps every problem found),
``sources`` (datasets named by ``data.source``), ``load`` (all of it, for a file or a text),
``library`` (the shipped and the user's files) and ``starter`` (``gdtui new``).
"""

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
