"""Reading typed values from YAML nodes, with a message pointing at the node when it is wrong."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Sequence

from yaml.nodes import Node

from gdtui.scenario.problems import Problems
from gdtui.scenario.yaml_nodes import describe, error_at, fail, kind, number

# key -> (required, what its value must be). The second part is also the "(expected ...)"
# of messages, so it is written for a reader of the file.
Keys = dict[str, tuple[bool, str]]


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def listing(names: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(names[:limit])
    return shown + ", ..." if len(names) > limit else shown


def suggest(word: str, options: Iterable[str]) -> str:
    options = list(options)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"expected one of: {listing(options, 10)}"


def entries(
    node: Node, what: str, expected: str, problems: Problems | None = None
) -> list[tuple[str, Node, Node]]:
    """(key, key node, value node) of a mapping whose keys are strings, each given once. With
    ``problems``, a bad key goes there and is left out; without, it is raised."""
    if kind(node) != "mapping":
        fail(node, f"{what} is {describe(node)} (expected {expected})")
    seen: dict[str, Node] = {}
    found = []
    for key, value in node.value:
        wrong = None
        if key.tag == "tag:yaml.org,2002:merge":
            wrong = "merge keys (<<) are not supported (expected plain keys)"
        elif kind(key) != "str":
            wrong = f"a key in {what} is {describe(key)} (expected a string; put it in quotes)"
        elif key.value in seen:
            first = seen[key.value].start_mark
            where = f"line {first.line + 1}, column {first.column + 1}"
            wrong = f"duplicate key {key.value!r} (expected each key once; first at {where})"
        if wrong is not None:
            _report(problems, key, wrong)
            continue
        seen[key.value] = key
        found.append((key.value, key, value))
    return found


def read_mapping(
    node: Node, what: str, keys: Keys, expected: str, problems: Problems | None = None
) -> dict[str, Node]:
    """Value nodes by key, after checking keys against the table. Empty optional keys are left
    out, so that ``--set frozen=`` means "not frozen". With ``problems``, each unknown or
    missing key goes there (and the keys that are right are returned); without, the first is
    raised."""
    inside = f" in {what}" if what != "the document" else ""
    found = {}
    for name, key, value in entries(node, what, expected, problems):
        if name not in keys:
            _report(problems, key, f"unknown key {name!r}{inside} ({suggest(name, keys)})")
        elif kind(value) != "null" or keys[name][0]:
            found[name] = value
    for name, (required, hint) in keys.items():
        if required and name not in found:
            _report(problems, node, f"missing key {name!r}{inside} (expected {name}: {hint})")
    return found


def _report(problems: Problems | None, node: Node, message: str) -> None:
    if problems is None:
        fail(node, message)
    problems.add(error_at(node.start_mark, message))


def get_str(node: Node, what: str, expected: str) -> str:
    if kind(node) != "str":
        fail(node, f"{what} is {describe(node)} (expected {expected})")
    return str(node.value)


def get_choice(node: Node, what: str, choices: Sequence[str]) -> str:
    value = get_str(node, what, " or ".join(choices))
    if value not in choices:
        fail(node, f"{what} is {describe(node)} ({suggest(value, choices)})")
    return value


def get_list(node: Node, what: str, expected: str) -> list[Node]:
    if kind(node) != "list":
        fail(node, f"{what} is {describe(node)} (expected {expected})")
    return list(node.value)


def get_float(
    node: Node, what: str, expected: str, ok: Callable[[float], bool] | None = None
) -> float:
    if kind(node) not in ("int", "float"):
        fail(node, f"{what} is {describe(node)} (expected {expected})")
    try:
        value = float(number(node))
    except (ValueError, OverflowError):
        value = math.nan
    if not math.isfinite(value):
        fail(node, f"{what} is {describe(node)}, not a finite number (expected {expected})")
    if ok is not None and not ok(value):
        fail(node, f"{what} is {describe(node)} (expected {expected})")
    return value


def get_numbers(items: Sequence[Node], what: str) -> list[float]:
    """The finite numbers ``what[0]``, ``what[1]``...: every one that is not, reported."""
    problems = Problems()
    read = [
        problems.read(get_float, v, f"{what}[{i}]", "a finite number") for i, v in enumerate(items)
    ]
    return problems.every(read)


def get_int(node: Node, what: str, expected: str, ok: Callable[[int], bool]) -> int:
    if kind(node) == "float":
        fail(node, f"{what} is {describe(node)}, not a whole number (expected {expected})")
    if kind(node) != "int":
        fail(node, f"{what} is {describe(node)} (expected {expected})")
    try:
        value = int(number(node))
    except ValueError:
        fail(node, f"{what} is {describe(node)}, which cannot be read (expected {expected})")
    if not ok(value):
        fail(node, f"{what} is {describe(node)} (expected {expected})")
    return value


def positive(value: float) -> bool:
    return value > 0


def get_index(node: Node, what: str, n: int, noun: str) -> int:
    """An index into ``n`` rows, inputs or outputs."""
    article = "an" if noun[0] in "aeiou" else "a"
    expected = f"{noun} index 0" if n == 1 else f"{article} {noun} index from 0 to {n - 1}"
    return get_int(node, what, expected, lambda v: 0 <= v < n)
