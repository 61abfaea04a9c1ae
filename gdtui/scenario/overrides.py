"""``--set KEY=VALUE``: overrides applied to a scenario's nodes before it is checked.

KEY is a dotted path into the document (``data.train``, ``weights.init``); VALUE is YAML.
A problem in an override is reported in the argument itself: ``<--set ARG>:1:COL: message``.
"""

from __future__ import annotations

from collections.abc import Sequence

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode

from gdtui.scenario.yaml_nodes import MAP, NULL, STR, ScenarioError, compose, kind


def apply_overrides(root: MappingNode, overrides: Sequence[str]) -> None:
    for arg in overrides:
        keys, value = _parse_override(arg)
        _put(root, keys, value)


def _parse_override(arg: object) -> tuple[list[ScalarNode], Node]:
    if not isinstance(arg, str):
        message = f"override is {type(arg).__name__}, not text (expected KEY=VALUE)"
        raise ScenarioError(f"<--set {arg!r}>", 1, 1, message)
    name = f"<--set {arg}>"
    key, equals, text = arg.partition("=")
    if not equals:
        raise ScenarioError(name, 1, 1, "no '=' in override (expected KEY=VALUE, like alpha=0.1)")
    keys = []
    start = 0
    for part in key.split("."):
        stripped = part.strip()
        col = start + (part.find(stripped) if stripped else 0)
        if not stripped:
            message = f"empty key in {key!r} (expected KEY=VALUE, like alpha=0.1 or data.train=100)"
            raise ScenarioError(name, 1, col + 1, message)
        mark = Mark(name, col, 0, col, None, 0)
        keys.append(ScalarNode(STR, stripped, mark, mark))
        start += len(part) + 1
    offset = len(key) + 1
    value = compose(text, name, offset)
    if value is None:
        mark = Mark(name, offset, 0, offset, None, 0)
        value = ScalarNode(NULL, "", mark, mark)
    return keys, value


def _put(root: MappingNode, keys: list[ScalarNode], value: Node) -> None:
    node = root
    for depth, key in enumerate(keys):
        slot = next(
            (i for i, (k, _) in enumerate(node.value) if kind(k) == "str" and k.value == key.value),
            None,
        )
        if depth == len(keys) - 1:
            new = value
        elif slot is not None and kind(node.value[slot][1]) == "mapping":
            node = node.value[slot][1]
            continue
        else:
            # A dotted key through a list or number replaces it: weights.init=zeros
            # on a file with literal weights gives initialised weights.
            new = MappingNode(MAP, [], key.start_mark, key.end_mark, flow_style=True)
        if slot is None:
            node.value.append((key, new))
        else:
            node.value[slot] = (node.value[slot][0], new)
        if isinstance(new, MappingNode):
            node = new
