"""Every problem of a scenario file, found in one reading: each part of the document is checked
even when another part is wrong, so that ``gdtui validate`` can list them all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ParamSpec, TypeVar

from gdtui.scenario.yaml_nodes import ScenarioError

Value = TypeVar("Value")
Args = ParamSpec("Args")


class ScenarioProblems(ScenarioError):
    """Several problems of one file, in the order they were found. It reads as the first of them
    (one line, ``FILE:LINE:COL: message``, like every ScenarioError); ``problems`` holds all."""

    def __init__(self, problems: Sequence[ScenarioError]) -> None:
        first = problems[0]
        super().__init__(first.file, first.line, first.col, first.message)
        self.problems = tuple(problems)

    def __reduce__(self) -> tuple[type[ScenarioProblems], tuple[tuple[ScenarioError, ...]]]:  # type: ignore[override]
        return (type(self), (self.problems,))


def every_problem(error: ScenarioError) -> tuple[ScenarioError, ...]:
    """The problems ``error`` stands for: itself, or each of several."""
    return error.problems if isinstance(error, ScenarioProblems) else (error,)


class Problems:
    """The problems found so far; ``raise_found`` raises them, all at once, at the end."""

    def __init__(self) -> None:
        self.found: list[ScenarioError] = []

    def add(self, error: ScenarioError) -> None:
        self.found.extend(every_problem(error))

    def read(
        self, read: Callable[Args, Value], *args: Args.args, **kwargs: Args.kwargs
    ) -> Value | None:
        """``read(*args)``, or None when it finds problems (which are kept)."""
        try:
            return read(*args, **kwargs)
        except ScenarioError as error:
            self.add(error)
            return None

    def every(self, values: Sequence[Value | None]) -> list[Value]:
        """``values``, each got by ``read``: all of them, or else every problem found raised."""
        self.raise_found()
        return [value for value in values if value is not None]

    def raise_found(self) -> None:
        if len(self.found) == 1:
            raise self.found[0]
        if self.found:
            raise ScenarioProblems(self.found)
