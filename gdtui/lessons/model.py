"""What a lesson is once read: its pages, their questions and the conditions that end them.

Nothing here runs Python a lesson file wrote: a condition or a computed answer is one of a
fixed vocabulary (``rules.py``), read into a function of the open scenario's Controller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gdtui.scenario import Scenario, ScenarioError

if TYPE_CHECKING:
    from gdtui.controller import Controller


class LessonError(Exception):
    """Every problem of a lesson file, each one line ``FILE:LINE:COL: message``."""

    def __init__(self, problems: list[ScenarioError]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Solution:
    """A question's answer now: the right choice's number (from 0), or None when no choice
    is right, and why, in numbers read from the engine."""

    choice: int | None
    reason: str


@dataclass(frozen=True)
class Condition:
    """One part of a page's ``until``: what it says, and whether it holds now."""

    text: str
    test: Callable[[Controller], bool]


@dataclass(frozen=True)
class Question:
    ask: str
    choices: tuple[str, ...]
    solve: Callable[[Controller], Solution]
    why: str  # the author's explanation, shown after the answer (may be empty)
    steps: int  # steps taken once it is answered, so the learner sees what happens


@dataclass(frozen=True)
class Page:
    text: str
    scenario: Path  # the scenario shown: the page's own, or the one before it
    overrides: tuple[str, ...]
    loaded: Scenario  # that scenario with those overrides, as read when the lesson was
    opens: bool  # whether the page opens its scenario afresh (it names one or sets keys)
    keys: tuple[str, ...] | None  # the keys allowed, as written; None: every key
    actions: frozenset[str] | None  # their actions (``view('data')`` as written in keys.py)
    question: Question | None
    until: tuple[Condition, ...]


@dataclass(frozen=True)
class Lesson:
    title: str
    pages: tuple[Page, ...]
    path: Path
    key: str  # names its progress file: the shipped name, or the file's name and a hash
