"""YAML text to nodes that remember where they came from, and the error that points at them.

Scenario files are validated node by node rather than after ``yaml.safe_load``, so that every
problem can be reported at the line and column of the value that causes it.
"""

from __future__ import annotations

import re
from typing import NoReturn

import yaml
from yaml.error import Mark, MarkedYAMLError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

# The error and the decoding need no YAML (the picker lists scenarios before loading it).
from gdtui.scenario.reading import ScenarioError as ScenarioError
from gdtui.scenario.reading import decode as decode
from gdtui.scenario.reading import escape_line_breaks as escape_line_breaks
from gdtui.scenario.reading import position

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
NULL = "tag:yaml.org,2002:null"

_SCALAR_KINDS = {
    NULL: "null",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    STR: "str",
    "tag:yaml.org,2002:timestamp": "timestamp",
}


def error_at(mark: Mark, message: str) -> ScenarioError:
    return ScenarioError(str(mark.name), mark.line + 1, mark.column + 1, message)


def fail(node: Node, message: str) -> NoReturn:
    raise error_at(node.start_mark, message)


class Loader(yaml.SafeLoader):
    """SafeLoader that also reads ``1e-3`` as a number, as YAML 1.2 does (1.1 wants ``1.0e-3``)."""


Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+$"),
    list("-+0123456789."),
)

_CONSTRUCT = yaml.constructor.SafeConstructor()


def kind(node: Node) -> str:
    """null, bool, int, float, str, timestamp, list, mapping, or tagged (anything else)."""
    if isinstance(node, ScalarNode):
        return _SCALAR_KINDS.get(node.tag, "tagged")
    if isinstance(node, SequenceNode) and node.tag == SEQ:
        return "list"
    if isinstance(node, MappingNode) and node.tag == MAP:
        return "mapping"
    return "tagged"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(node: Node) -> str:
    """What a node is, for messages: ``the string 'x'``, ``a list``, ``the boolean yes``."""
    k = kind(node)
    if k in ("int", "float"):
        return _short(node.value)
    if k == "str":
        return f"the string {_short(node.value)!r}"
    if k == "null":
        return "empty (null)"
    if k == "bool":
        return f"the boolean {node.value}"
    if k == "timestamp":
        return f"the date {node.value}"
    if k == "list":
        return "a list"
    if k == "mapping":
        return "a mapping"
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return f"a value tagged {_short(tag)}"


def number(node: Node) -> int | float:
    """The int or float of a scalar node; ValueError when it is not one."""
    if kind(node) not in ("int", "float"):
        raise ValueError(node.value)
    construct = _CONSTRUCT.yaml_constructors[node.tag]
    try:
        value = construct(_CONSTRUCT, node)
    except Exception as e:  # an explicit !!int or !!float tag on any text
        raise ValueError(node.value) from e
    if not isinstance(value, (int, float)):
        raise ValueError(node.value)
    return value


def node_value(node: Node) -> object:
    """Plain Python of an already validated node (only str, numbers, lists and mappings)."""
    k = kind(node)
    if k == "mapping":
        return {key.value: node_value(value) for key, value in node.value if kind(value) != "null"}
    if k == "list":
        return [node_value(item) for item in node.value]
    if k in ("int", "float"):
        return number(node)
    return node.value


def _syntax_message(e: MarkedYAMLError) -> str:
    if e.context == "expected a single document in the stream":
        return "a second document starts here (expected one document; remove the '---')"
    if e.problem and e.context:
        where = e.context
        start, end = e.context_mark, e.problem_mark
        if start is not None and end is not None and start.line != end.line:
            where += f" started at line {start.line + 1}"
        return f"invalid YAML: {e.problem} ({where})"
    return f"invalid YAML: {e.problem or e.context} (expected valid YAML)"


def compose(text: str, name: str, offset: int | None = None) -> Node | None:
    """The single document of ``text`` as a node tree, or None when there is none.

    With ``offset``, ``text`` is the value part of a ``--set`` argument starting after
    ``offset`` characters: positions become line 1 and a column in the whole argument.
    """

    def at(mark: Mark, message: str) -> ScenarioError:
        if offset is None:
            return error_at(mark, message)
        return ScenarioError(name, 1, offset + mark.index + 1, message)

    try:
        loader = Loader(text)
    except ReaderError as e:
        line, col = position(text, e.position)
        if offset is not None:
            line, col = 1, offset + e.position + 1
        char = e.character if isinstance(e.character, int) else ord(e.character)
        message = f"character U+{char:04X} is not allowed in YAML (expected printable text)"
        raise ScenarioError(name, line, col, message) from None
    loader.name = name
    try:
        node = loader.get_single_node()
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark or loader.get_mark()
        raise at(mark, _syntax_message(e)) from None
    except RecursionError:
        message = "nested too deeply (expected at most a few hundred levels)"
        raise at(loader.get_mark(), message) from None
    except Exception as e:  # PyYAML lets some through, like chr() of a "\UFFFFFFFF" escape
        raise at(loader.get_mark(), f"invalid YAML: {e} (expected valid YAML)") from None
    finally:
        loader.dispose()
    if node is not None and offset is not None:
        _rebase(node, name, offset)
    return node


def _rebase(root: Node, name: str, offset: int) -> None:
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        index = node.start_mark.index
        node.start_mark = Mark(name, index, 0, offset + index, None, 0)
        if isinstance(node, SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, MappingNode):
            todo.extend(n for pair in node.value for n in pair)


def parse_document(text: str, name: str) -> MappingNode:
    node = compose(text, name)
    expected = "expected a mapping with name, data, weights and alpha"
    if node is None:
        raise ScenarioError(name, 1, 1, f"empty document ({expected})")
    if kind(node) == "null":
        fail(node, f"empty document ({expected})")
    if kind(node) != "mapping":
        fail(node, f"document is {describe(node)} ({expected})")
    assert isinstance(node, MappingNode)
    return node
