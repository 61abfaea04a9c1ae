"""Reading a lesson file: YAML with line marks, every problem reported, each on its line.

The file is read as scenarios are (``gdtui.files``: a regular file, capped; the same YAML
reader and messages), but a problem in one page does not hide the next: each page and each of
its keys is checked on its own, and :class:`LessonError` holds them all. A page's scenario is
loaded (with its ``set`` overrides) to check the names its question and ``until`` use.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from yaml.nodes import Node

from gdtui.engine import Problem
from gdtui.files import MIB, FileRefused, read_user_file
from gdtui.keys import KEYS
from gdtui.lessons.model import Lesson, LessonError, Page, Question, Solution
from gdtui.lessons.rules import read_computed, read_until
from gdtui.scenario import Scenario, ScenarioError, load_scenario, resolve
from gdtui.scenario.readers import (
    Keys,
    entries,
    get_int,
    get_list,
    get_str,
    read_mapping,
    suggest,
)
from gdtui.scenario.yaml_nodes import compose, decode, describe, fail, kind

LESSON_LIMIT = 1 * MIB
MAX_CHOICES = 9  # answered with the keys 1 to 9

TOP: Keys = {
    "lesson": (True, "the lesson's title, a non-empty string"),
    "pages": (True, "a non-empty list of pages"),
}
PAGE: Keys = {
    "text": (True, "a string of Markdown"),
    "scenario": (False, "a shipped scenario's name or a path to a .yaml file"),
    "set": (False, "a list of overrides KEY=VALUE, as --set takes them"),
    "keys": (False, "a list of keys, like [space, f, u]"),
    "question": (False, "a mapping with ask, choices and answer"),
    "until": (False, "a mapping of conditions, like {step: '>= 3'}"),
}
QUESTION: Keys = {
    "ask": (True, "the question, a string"),
    "choices": (True, f"a list of 2 to {MAX_CHOICES} strings"),
    "answer": (True, "one of the choices, or {compute: KIND, ...}"),
    "why": (False, "a string shown after the answer"),
    "steps": (False, "a whole number of steps taken after the answer, 0 to 100 (default 1)"),
}
# A key as a lesson may write it: Textual's name, or the character typed.
_TYPED = {
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    "+": "plus",
    "-": "minus",
    "?": "question_mark",
    " ": "space",
    "↑": "up",
    "↓": "down",
    "←": "left",
    "→": "right",
    "^s": "ctrl+s",
}
KEY_ACTIONS = {key: row[1] for row in KEYS for key in row[0].split(",")}

Value = TypeVar("Value")


class Problems:
    """Collects the problems found, so that one bad key does not hide the others."""

    def __init__(self) -> None:
        self.found: list[ScenarioError] = []

    def check(self, read: Callable[..., Value], *args: object) -> Value | None:
        try:
            return read(*args)
        except ScenarioError as error:
            self.found.append(error)
            return None

    def mapping(self, node: Node, what: str, keys: Keys, expected: str) -> dict[str, Node]:
        """``read_mapping``, but every unknown and missing key is a problem of its own and the
        known keys are still read."""
        inside = f" in {what}" if what != "the document" else ""
        found: dict[str, Node] = {}
        for name, key, value in self.check(entries, node, what, expected) or []:
            if name not in keys:
                self.found.append(
                    _error(key, f"unknown key {name!r}{inside} ({suggest(name, keys)})")
                )
            elif kind(value) != "null" or keys[name][0]:
                found[name] = value
        if kind(node) == "mapping":
            for name, (required, hint) in keys.items():
                if required and name not in found:
                    message = f"missing key {name!r}{inside} (expected {name}: {hint})"
                    self.found.append(_error(node, message))
        return found


def read_lesson_file(path: str | Path) -> bytes:
    try:
        return read_user_file(path, LESSON_LIMIT, "lesson files")
    except FileRefused as e:
        raise LessonError([ScenarioError(str(path), 1, 1, f"cannot read file: {e}")]) from None


def document(data: bytes, name: str) -> Node | None:
    """The file's one document; ScenarioError when it is not YAML."""
    return compose(decode(data, name), name)


def is_lesson(root: Node | None) -> bool:
    """Whether a document is a lesson: a mapping with a top-level ``lesson`` key."""
    if root is None or kind(root) != "mapping":
        return False
    return any(key.value == "lesson" for key, _ in root.value)


def load_lesson(path: str | Path, key: str | None = None) -> Lesson:
    """The lesson in the file ``path``; LessonError with every problem found."""
    name = str(path)
    try:
        root = document(read_lesson_file(path), name)
    except ScenarioError as error:
        raise LessonError([error]) from None
    return check_lesson(root, Path(path), key)


def check_lesson(root: Node | None, path: Path, key: str | None = None) -> Lesson:
    name = str(path)
    expected = "expected a mapping with lesson and pages"
    if root is None or kind(root) == "null":
        raise LessonError([ScenarioError(name, 1, 1, f"empty document ({expected})")])
    problems = Problems()
    found = problems.mapping(root, "the document", TOP, "a mapping")
    title = ""
    if "lesson" in found:
        title = problems.check(get_str, found["lesson"], "lesson", TOP["lesson"][1]) or ""
        if kind(found["lesson"]) == "str" and not title.strip():
            problems.found.append(_error(found["lesson"], f"lesson is empty ({TOP['lesson'][1]})"))
    pages: list[Page] = []
    if "pages" in found:
        items = problems.check(get_list, found["pages"], "pages", TOP["pages"][1])
        if items == []:
            problems.found.append(_error(found["pages"], "pages is an empty list (expected pages)"))
        reader = PageReader(path, problems)
        for i, item in enumerate(items or []):
            page = reader.read(item, f"pages[{i}]")
            if page is not None:
                pages.append(page)
    if problems.found:
        raise LessonError(problems.found)
    return Lesson(title, tuple(pages), path, key or progress_key(path))


def progress_key(path: Path) -> str:
    """A user lesson's progress file name: its file's name and a hash of where it is."""
    where = hashlib.sha256(str(path.absolute()).encode("utf-8", "surrogateescape")).hexdigest()
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in path.stem)[:40]
    return f"{stem}-{where[:10]}"


def _error(node: Node, message: str) -> ScenarioError:
    mark = node.start_mark
    return ScenarioError(str(mark.name), mark.line + 1, mark.column + 1, message)


class PageReader:
    """Reads pages in order: a page without a scenario shows the one before it."""

    def __init__(self, path: Path, problems: Problems) -> None:
        self.folder = path.parent
        self.problems = problems
        self.scenario: Path | None = None
        self.overrides: tuple[str, ...] = ()
        self.broken = False  # the scenario the next pages would show did not load
        self._loaded: dict[tuple[Path, tuple[str, ...]], Scenario | None] = {}

    def read(self, node: Node, what: str) -> Page | None:
        before = len(self.problems.found)
        check = self.problems.check
        found = self.problems.mapping(node, what, PAGE, "a mapping with text")
        text = (
            check(get_str, found["text"], f"{what}.text", PAGE["text"][1])
            if "text" in found
            else ""
        )
        opens = "scenario" in found or "set" in found
        if "scenario" in found:
            self.scenario = check(self._scenario, found["scenario"], f"{what}.scenario")
            self.overrides = ()
            self.broken = self.scenario is None
        if "set" in found:
            values = check(get_list, found["set"], f"{what}.set", PAGE["set"][1]) or []
            self.overrides = tuple(
                check(get_str, v, f"{what}.set[{k}]", "KEY=VALUE, like alpha=0.1") or ""
                for k, v in enumerate(values)
            )
        if self.broken:
            return None
        if self.scenario is None:
            fail_node = found.get("set", node)
            self.problems.found.append(
                _error(
                    fail_node,
                    f"{what} has no scenario (expected scenario: NAME on it or a page before)",
                )
            )
            return None
        scenario = self._load(found.get("set", found.get("scenario", node)), what)
        if scenario is None:
            return None
        problem = scenario.problem
        keys = self._keys(found["keys"], f"{what}.keys") if "keys" in found else None
        question = (
            check(_question, found["question"], f"{what}.question", problem)
            if "question" in found
            else None
        )
        until = check(read_until, found["until"], problem) if "until" in found else ()
        if len(self.problems.found) > before:
            return None
        return Page(
            text=text or "",
            scenario=self.scenario,
            overrides=self.overrides,
            loaded=scenario,
            opens=opens,
            keys=None if keys is None else tuple(keys),
            actions=None if keys is None else frozenset(KEY_ACTIONS[_key_name(k)] for k in keys),
            question=question,
            until=until or (),
        )

    def _keys(self, node: Node, what: str) -> list[str] | None:
        items = self.problems.check(get_list, node, what, PAGE["keys"][1])
        keys = []
        for k, item in enumerate(items or []):
            key = self.problems.check(get_str, item, f"{what}[{k}]", "a key, like space or f")
            if key is not None and _key_name(key) not in KEY_ACTIONS:
                hint = suggest(key, KEY_ACTIONS)
                message = f"{what}[{k}] is {describe(item)}, not a key of gdtui ({hint})"
                self.problems.found.append(_error(item, message))
            keys.append(key or "")
        return keys

    def _scenario(self, node: Node, what: str) -> Path:
        text = get_str(node, what, PAGE["scenario"][1])
        if ("/" in text or text.endswith((".yaml", ".yml"))) and not Path(text).is_absolute():
            text = str(self.folder / text)
        try:
            return resolve(text)
        except ScenarioError as error:
            fail(node, f"{what}: {error.message}")

    def _load(self, node: Node, what: str) -> Scenario | None:
        assert self.scenario is not None
        cache = (self.scenario, self.overrides)
        if cache not in self._loaded:
            try:
                self._loaded[cache] = load_scenario(self.scenario, self.overrides)
            except ScenarioError as error:
                self._loaded[cache] = None
                self.problems.found.append(
                    _error(node, f"{what}: its scenario does not load: {error}")
                )
        return self._loaded[cache]


def _key_name(key: str) -> str:
    return _TYPED.get(key, key)


def _question(node: Node, what: str, problem: Problem) -> Question:
    found = read_mapping(node, what, QUESTION, QUESTION["ask"][1])
    ask = get_str(found["ask"], f"{what}.ask", QUESTION["ask"][1])
    items = get_list(found["choices"], f"{what}.choices", QUESTION["choices"][1])
    if not 2 <= len(items) <= MAX_CHOICES:
        fail(
            found["choices"], f"{what}.choices has {len(items)} (expected {QUESTION['choices'][1]})"
        )
    choices = [(get_str(c, f"{what}.choices[{k}]", "a string"), c) for k, c in enumerate(items)]
    texts = tuple(text for text, _ in choices)
    answer = found["answer"]
    if kind(answer) == "mapping":
        solve = read_computed(answer, choices, problem)
    else:
        right = get_str(answer, f"{what}.answer", QUESTION["answer"][1])
        if right not in texts:
            fail(
                answer,
                f"{what}.answer {right!r} is not one of the choices ({suggest(right, texts)})",
            )
        fixed = Solution(texts.index(right), "")
        solve = lambda _c: fixed  # noqa: E731
    why = get_str(found["why"], f"{what}.why", QUESTION["why"][1]) if "why" in found else ""
    steps = 1
    if "steps" in found:
        steps = get_int(
            found["steps"], f"{what}.steps", QUESTION["steps"][1], lambda v: 0 <= v <= 100
        )
    return Question(ask, texts, solve, why, steps)


def is_lesson_file(path: str | Path) -> bool:
    """Whether ``path`` holds a lesson (False when it cannot be read or is not YAML: loading
    it as a scenario then says why)."""
    try:
        return is_lesson(document(read_lesson_file(path), str(path)))
    except (LessonError, ScenarioError):
        return False
